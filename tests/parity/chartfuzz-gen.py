# chartfuzz-gen.py — random umbrella charts for tests/parity/chartfuzz.
# Writes OUT/NNNN/{chart/,args,release,ns} for N seeded cases that stress the
# dependency/values machinery of Helm's pkg/chartutil and pkg/chart/loader:
# conditions, tags, aliases, import-values, globals, null deletion, schemas,
# library charts, .tgz subcharts, -f/--set* flags, --show-only, crds, hooks.
#
#   python3 chartfuzz-gen.py SEED N OUT
import shutil
import json
import os
import random
import sys
import tarfile

import yaml

WORDS = ["alpha", "beta", "gamma", "delta", "eps", "zeta", "eta", "theta",
         "iota", "kappa", "lam", "mu"]


class Gen:
	def __init__(self, rnd):
		self.r = rnd

	def ch(self, xs):
		return self.r.choice(xs)

	def p(self, prob):
		return self.r.random() < prob

	def scalar(self):
		k = self.r.randrange(9)
		if k == 0:
			return self.r.randrange(-5, 100)
		if k == 1:
			return self.ch([True, False])
		if k == 2:
			return self.ch([1.5, 0.25, 1e6, 3.0])
		if k == 3:
			return None
		if k == 4:
			return self.ch(["", "yes", "0", "true", "a b", "x: y", "1e3", "on", "~", "null", "0x1F", "012",
			                "multi\nline\n", " lead", "trail ", "#hash", "a'q\"", "- dash", "{x}", "*", "&a",
			                "long " * 20, "1_000", "2001-12-14", ".inf", "-.5", "+1", "é ü"])
		return self.ch(WORDS) + str(self.r.randrange(10))

	def value(self, depth):
		k = self.r.randrange(10)
		if depth > 0 and k < 3:
			return self.vmap(depth - 1)
		if depth > 0 and k == 3:
			return [self.value(depth - 1) for _ in range(self.r.randrange(3))]
		return self.scalar()

	def vmap(self, depth, n=None):
		m = {}
		for _ in range(n if n is not None else self.r.randrange(1, 4)):
			k = self.ch(WORDS) if self.r.random() < 0.9 else self.ch(["a.b", "1", "true", "x-y", "with space", "Caps", "_u"])
			m[k] = self.value(depth)
		return m


def dump(v):
	return yaml.safe_dump(v, default_flow_style=False, sort_keys=False)


class Chart:
	def __init__(self, name, level):
		self.name = name
		self.level = level
		self.deps = []          # (Chart, depentry)
		self.values = {}
		self.library = False
		self.tgz = False
		self.schema = None
		self.templates = {}
		self.files = {}
		self.crds = {}
		self.v1 = False           # apiVersion v1, dependencies in requirements.yaml
		self.unlisted = None      # a Chart in charts/ that Chart.yaml does not list
		self.missing_dep = False  # a listed dependency absent from charts/
		self.values_text = None   # literal values.yaml text instead of a dump
		self.helmignore = False


def make_chart(g, name, level, maxlevel, shared):
	c = Chart(name, level)
	c.library = level > 0 and g.p(0.15)
	c.tgz = level > 0 and g.p(0.3)
	# values: random plus keys that templates, conditions and imports use
	v = g.vmap(2)
	v["enabled"] = g.ch([True, False, True]) if g.p(0.9) else g.ch(["yes", None, 1])
	if g.p(0.5):
		v["global"] = g.vmap(1, 2)
	if g.p(0.4):
		v["exports"] = {"data": g.vmap(1, 2)}
	if g.p(0.4):
		v["shared"] = g.vmap(1, 2)
	if g.p(0.3):
		v["deleteme"] = g.vmap(0, 1)
	if level > 0 and g.p(0.15):
		v["tags"] = {g.ch(["front", "back", "db"]): g.ch([True, False, "x"])}
	if level > 0 and g.p(0.1):
		v[g.ch(["flags", "missing", "global"])] = g.vmap(1, 2)
	c.values = v
	if g.p(0.2):
		c.schema = make_schema(g, v)
	# subcharts
	if level < maxlevel:
		nd = g.ch([0, 1, 1, 2, 2, 3]) if level == 0 else g.ch([0, 0, 1, 2])
		for i in range(nd):
			sub = make_chart(g, "%s%d" % (g.ch(["sub", "lib", "child"]), len(shared)), level + 1, maxlevel, shared)
			shared.append(sub)
			entries = [make_dep(g, sub, None)]
			if g.p(0.2):
				# same chart twice under two aliases
				entries = [make_dep(g, sub, "a" + sub.name), make_dep(g, sub, "b" + sub.name)]
			elif g.p(0.2):
				entries[0]["alias"] = "al-" + sub.name if g.p(0.3) else "al" + sub.name
			for e in entries:
				c.deps.append((sub, e))
			# parent overrides subchart values (maybe with type mismatches / nulls)
			for e in entries:
				key = e.get("alias", sub.name)
				if g.p(0.6):
					ov = {}
					for k in list(sub.values.keys())[:3]:
						if g.p(0.4):
							ov[k] = g.value(1) if g.p(0.4) else same_type(g, sub.values[k])
					if g.p(0.3):
						ov["enabled"] = g.ch([True, False, None, "false"])
					if g.p(0.3) and "deleteme" in sub.values:
						ov["deleteme"] = None
					if g.p(0.06):
						ov = g.ch([None, "scalar", [1, 2]])
					c.values[key] = ov
	if g.p(0.08):
		c.v1 = True
	if level < maxlevel and g.p(0.08):
		c.unlisted = make_chart(g, "extra%d" % len(shared), level + 1, level + 1, shared)
	if g.p(0.03):
		c.missing_dep = True
	if g.p(0.05):
		c.values_text = g.ch(["", "# only a comment\n", "---\n", "~\n", "null\n"])
	elif g.p(0.08):
		c.values_text = dump(c.values) + "---\nsecond: doc\n"
	c.helmignore = g.p(0.1)
	# nested conditions reaching into a grandchild
	for sub, e in c.deps:
		if sub.deps and g.p(0.3):
			gs, ge = g.ch(sub.deps)
			e["condition"] = "%s.%s.enabled" % (e.get("alias", sub.name), ge.get("alias", gs.name))
	# globals nulled or retyped by the parent
	if g.p(0.15) and isinstance(c.values.get("global"), dict):
		c.values["global"][g.ch(WORDS)] = None
	make_templates(g, c)
	return c


def make_dep(g, sub, alias):
	e = {"name": sub.name, "version": g.ch(["0.1.0", ">=0.0.0", "~0.1", "*", "0.1.x"]) if g.p(0.93) else g.ch(["0.2.0", ">1.0", "^2"])}
	if g.p(0.03):
		del e["version"]
	if g.p(0.3):
		e["repository"] = g.ch(["", "file://./charts/" + sub.name, "https://example.invalid/charts"])
	if alias:
		e["alias"] = alias
	key = alias or sub.name
	if g.p(0.5):
		conds = [g.ch([key + ".enabled", "missing.path", key + ".deleteme",
		               key + "." + g.ch(WORDS), "global.on", "flags." + key])]
		if g.p(0.3):
			conds.append(g.ch([key + ".enabled", "flags.x", "global.off"]))
		e["condition"] = ",".join(conds) if g.p(0.7) else ", ".join(conds)
	if g.p(0.3):
		e["tags"] = [g.ch(["front", "back", "db"]) for _ in range(g.r.randrange(1, 3))]
	if g.p(0.35):
		iv = []
		for _ in range(g.r.randrange(1, 3)):
			k = g.r.randrange(5)
			if k == 0:
				iv.append("data")
			elif k == 1:
				iv.append({"child": "exports.data", "parent": "imported"})
			elif k == 2:
				iv.append({"child": g.ch(["shared", "global", "exports"]), "parent": g.ch(["deep.nest.here", "shared", "."])})
			elif k == 3:
				iv.append({"child": g.ch(["nope.x", "enabled", g.ch(WORDS)]), "parent": g.ch(["imp", "global.imp"])})
			else:
				iv.append(g.ch([{"child": "exports", "parent": "exports"}, {"child": "exports.data", "parent": "."},
				                {"child": "global", "parent": "global"}, "shared", "nope", 7]))
		e["import-values"] = iv
	return e


def make_schema(g, v):
	props = {}
	req = []
	for k, val in list(v.items())[:4]:
		t = {bool: "boolean", int: "integer", float: "number", str: "string",
		     dict: "object", list: "array", type(None): "null"}[type(val)]
		if g.p(0.03):
			t = g.ch(["string", "integer", "object", "boolean"])  # maybe violated
		s = {"type": t}
		if t == "string" and g.p(0.3):
			s["enum"] = [val, "other"] if isinstance(val, str) else ["x", "y"]
		props[k] = s
		if g.p(0.3):
			req.append(k)
	if g.p(0.02):
		req.append("mustHave")
	s = {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object", "properties": props}
	if req:
		s["required"] = req
	return s


def make_templates(g, c):
	pfx = c.name
	if c.library:
		c.templates["_lib.tpl"] = (
			'{{- define "%s.label" -}}\nlib: {{ .Chart.Name }}\nfrom: {{ .Values.enabled | quote }}\n{{- end -}}\n'
			'{{- define "%s.cm" -}}\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-libcm\n{{- end -}}\n'
			% (pfx, pfx))
		if g.p(0.3):
			c.templates["cm.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: libcm-ignored\n"
		return
	seps = g.ch(["---\n", "", "---\n# leading comment\n", "\n---\n---\n"])
	body = (seps +
	        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-%s\n"
	        "  namespace: {{ .Release.Namespace }}\n"
	        "data:\n  chart: {{ .Chart.Name }}-{{ .Chart.Version }}\n"
	        "  tmpl: {{ .Template.Name }}\n  base: {{ .Template.BasePath }}\n"
	        "  values: |\n{{ toYaml .Values | indent 4 }}\n" % pfx)
	# (probability, lines): each clause joins the ConfigMap on its own draw
	clauses = [
		(0.5, "  subcharts: {{ keys .Subcharts | sortAlpha | join \",\" | quote }}\n"),
		(0.3, "  chartjson: {{ toJson .Chart | quote }}\n"),
		(0.3, "  deps: |\n{{ toYaml .Chart.Dependencies | indent 4 }}\n"),
		(0.2, "  rel: {{ toJson .Release | quote }}\n"),
		(0.2, "  subvers: \"{{ range $k, $v := .Subcharts }}{{ $k }}={{ $v.Metadata.Version }}/{{ $v.Name }};{{ end }}\"\n"),
		(0.4, "  kube: {{ .Capabilities.KubeVersion.Version }} {{ .Capabilities.KubeVersion.Minor }}\n"
		      "  hasApps: {{ .Capabilities.APIVersions.Has \"apps/v1\" | quote }}\n"
		      "  hasFoo: {{ .Capabilities.APIVersions.Has \"foo.io/v1\" | quote }}\n"),
		(0.3, "  lookup: {{ lookup \"v1\" \"ConfigMap\" \"ns\" \"x\" | toJson | quote }}\n"),
		(0.4, None),  # files, below
		(0.3, "  tpl: {{ tpl \"{{ .Release.Name }}-{{ .Values.enabled }}\" . | quote }}\n"),
		(0.08, "  req: {{ required \"need shared!\" .Values.shared | toJson | quote }}\n"),
		(0.08, "{{- if .Values.deleteme }}\n{{ fail \"deleteme is set\" }}\n{{- end }}\n"),
		(0.4, "  global: {{ .Values.global | toJson | quote }}\n"),
	]
	for prob, text in clauses:
		if not g.p(prob):
			continue
		if text is None:
			c.files["files/a.txt"] = "hello %s\n" % g.ch(WORDS)
			c.files["files/b.conf"] = "k=v\n"
			text = ("  file: {{ .Files.Get \"files/a.txt\" | quote }}\n"
			        "  glob: |\n{{ (.Files.Glob \"files/*\").AsConfig | indent 4 }}\n")
		body += text
	if g.p(0.2):
		body += "---\n" + ("# only a comment\n" if g.p(0.5) else "") + "---\n"
	c.templates["cm.yaml"] = body
	if g.p(0.3):
		kinds = ["Deployment", "Service", "ServiceAccount", "Secret", "Namespace", "Role", "RoleBinding", "Job",
		         "CustomResourceDefinition", "Ingress", "Foo", "ConfigMap", "StatefulSet", "PodDisruptionBudget"]
		docs = []
		for i in range(g.r.randrange(1, 5)):
			kd = g.ch(kinds)
			doc = "apiVersion: v1\nkind: %s\nmetadata:\n  name: {{ .Release.Name }}-%s-%d\n" % (kd, pfx, i)
			if g.p(0.2):
				doc = "# comment first\n" + doc
			docs.append(doc)
			if g.p(0.15):
				docs.append(g.ch(["", "# just a comment\n", "\n\n"]))
		c.templates[g.ch(["multi.yaml", "a-first.yaml", "z-last.yml", "sub/dir.yaml"])] = "---\n".join(docs)
	if g.p(0.3):
		c.templates["hook.yaml"] = ("apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}-hook\n"
		                            "  annotations:\n    \"helm.sh/hook\": pre-install\n")
	if g.p(0.3):
		c.templates["NOTES.txt"] = "notes for {{ .Release.Name }}\n"
	if g.p(0.2):
		c.crds["crd.yaml"] = ("apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
		                      "metadata:\n  name: things%s.example.com\n" % pfx)
	if g.p(0.3):
		c.templates["_helpers.tpl"] = '{{- define "%s.fullname" -}}{{ .Release.Name }}-%s{{- end -}}\n' % (pfx, pfx)
		c.templates["svc.yaml"] = ("apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ include \"%s.fullname\" . }}\n"
		                           "spec:\n  ports:\n  - port: 80\n" % pfx)
	# use a library subchart's named templates
	for sub, _ in c.deps:
		if sub.library and g.p(0.8):
			c.templates["uselib-%s.yaml" % sub.name] = (
				'{{ include "%s.cm" . }}\ndata:\n{{ include "%s.label" . | indent 2 }}\n' % (sub.name, sub.name))


def write_chart(c, d):
	os.makedirs(d, exist_ok=True)
	meta = {"apiVersion": "v1" if c.v1 else "v2", "name": c.name, "version": "0.1.0"}
	if c.library:
		meta["type"] = "library"
	else:
		meta["appVersion"] = "1.0"
	deps = [e for _, e in c.deps]
	if c.missing_dep:
		deps.append({"name": "ghost", "version": "1.0.0", "repository": "https://example.invalid"})
	if deps and not c.v1:
		meta["dependencies"] = deps
	elif deps:
		with open(os.path.join(d, "requirements.yaml"), "w") as f:
			f.write(dump({"dependencies": deps}))
	with open(os.path.join(d, "Chart.yaml"), "w") as f:
		f.write(dump(meta))
	with open(os.path.join(d, "values.yaml"), "w") as f:
		f.write(dump(c.values) if c.values_text is None else c.values_text)
	if c.helmignore:
		with open(os.path.join(d, ".helmignore"), "w") as f:
			f.write("# ignore\n*.conf\nNOTES.txt\n")
	if c.unlisted is not None:
		write_chart(c.unlisted, os.path.join(d, "charts", c.unlisted.name))
	if c.schema is not None:
		with open(os.path.join(d, "values.schema.json"), "w") as f:
			json.dump(c.schema, f, indent=2)
	for sub, dn in (("templates", c.templates), ("crds", c.crds), ("", c.files)):
		for n, body in dn.items():
			p = os.path.join(d, sub, n)
			os.makedirs(os.path.dirname(p), exist_ok=True)
			with open(p, "w") as f:
				f.write(body)
	written = set()
	for sub, _ in c.deps:
		if sub.name in written:
			continue
		written.add(sub.name)
		cd = os.path.join(d, "charts", sub.name)
		write_chart(sub, cd)
		if sub.tgz:
			tgz = os.path.join(d, "charts", sub.name + "-0.1.0.tgz")
			with tarfile.open(tgz, "w:gz") as t:
				t.add(cd, arcname=sub.name)
			shutil.rmtree(cd)


def get_path(v, p):
	for k in p.split("."):
		v = v.get(k) if isinstance(v, dict) else None
	return v


def same_type(g, v):
	for _ in range(20):
		x = g.value(1)
		if type(x) is type(v):
			return x
	return v


def paths_of(v, pfx=""):
	out = []
	if isinstance(v, dict):
		for k, x in v.items():
			p = pfx + k
			out.append(p)
			out.extend(paths_of(x, p + "."))
	return out


def make_case(g, d, idx):
	shared = []
	top = make_chart(g, "top", 0, g.ch([1, 2, 3]), shared)
	if g.p(0.3):
		top.values["tags"] = {t: g.ch([True, False, "x"]) for t in ("front", "back", "db") if g.p(0.6)}
	if g.p(0.3):
		top.values["flags"] = {s.name: g.ch([True, False]) for s in shared}
	if g.p(0.3):
		top.values.setdefault("global", {})
		if isinstance(top.values["global"], dict):
			top.values["global"]["on"] = g.ch([True, False, "s"])
	write_chart(top, os.path.join(d, "chart"))
	args = []
	paths = paths_of(top.values)
	for sub, e in top.deps:
		paths += [e.get("alias", sub.name) + "." + q for q in paths_of(sub.values)[:6]]
	maps = [p for p in paths if isinstance(get_path(top.values, p), dict)]
	lists = [p for p in paths if isinstance(get_path(top.values, p), list)]
	for i in range(g.ch([0, 0, 1, 2])):
		fv = g.vmap(1, 2)
		if paths and g.p(0.6):
			fv = {}
			for _ in range(2):
				cur = fv
				parts = g.ch(paths).split(".")
				for pp in parts[:-1]:
					cur = cur.setdefault(pp, {}) if isinstance(cur.get(pp, {}), dict) else {}
				cur[parts[-1]] = g.value(1) if g.p(0.7) else None
		if g.p(0.3):
			fv["global"] = g.vmap(1, 2)
		if g.p(0.2):
			fv["tags"] = {g.ch(["front", "back", "db"]): g.ch([True, False])}
		fn = os.path.join(d, "v%d.yaml" % i)
		with open(fn, "w") as f:
			f.write(dump(fv))
		args += ["-f", "../v%d.yaml" % i]
	for _ in range(g.ch([0, 0, 1, 2, 3])):
		k = g.r.randrange(7)
		p = g.ch(paths) if paths else "x"
		if k == 0:
			args += ["--set", "%s=%s" % (p, g.ch(["1", "true", "null", "abc", "{a,b}", "0.5"]))]
		elif k == 1:
			args += ["--set-string", "%s=%s" % (p, g.ch(["1", "true", "abc"]))]
		elif k == 2:
			args += ["--set-json", "%s=%s" % (p, g.ch(['{"a":1}', '[1,2]', 'null', '"s"', '{"b":[true]}']))]
		elif k == 3:
			p = g.ch(lists) if lists and g.p(0.8) else p
			args += ["--set", "%s[%d]=%s" % (p, g.ch([0, 1, 2]), g.ch(["x", "1"]))]
		elif k == 4:
			p = g.ch(maps) if maps and g.p(0.8) else p
			args += ["--set", "global.%s=%s,%s.x=1" % (g.ch(WORDS), g.ch(["1", "q"]), p)]
		elif k == 5:
			args += [g.ch(["--set", "--set-string"]), g.ch(["lst={a,b,c}", "lst[0]=x,lst[2]=z", "obj.a\\.b=1", "obj.list[1].n=2",
			                                             "global.g1=x,global.g2=null", "a=b,c=d,e", "n=007", "f=1.50", "big=12345678901234567890",
			                                             "emp=", "q=\"x\"", "sp=a b", "neg=-3", "e=1e5", "list[0]={x,y}"])]
		else:
			s = g.ch(shared).name if shared else "x"
			args += ["--set", "%s.enabled=%s" % (s, g.ch(["true", "false"]))]
	if g.p(0.15):
		args += ["--include-crds"]
	if g.p(0.15):
		args += ["--skip-schema-validation"]
	if g.p(0.1):
		args += ["--show-only", g.ch(["templates/cm.yaml", "charts/%s/templates/cm.yaml" % (shared[0].name if shared else "x"),
		                              "templates/nope.yaml", "templates/NOTES.txt"])]
	if g.p(0.15):
		args += ["--kube-version", g.ch(["1.29.3", "v1.31.0", "1.20.0", "1.20", "v1", "1.30.1-rc.1+b"])]
	if g.p(0.15):
		args += ["--api-versions", g.ch(["foo.io/v1", "foo.io/v1/Thing", "x/v2"])]
	rel = g.ch(["rel", "r%d" % idx, "a" * 53, "my-release", "rel"]) if g.p(0.95) else "b" * 54
	ns = g.ch(["default", "ns1", "team-a"])
	with open(os.path.join(d, "args"), "w") as f:
		f.write("\0".join(args))
	with open(os.path.join(d, "release"), "w") as f:
		f.write(rel)
	with open(os.path.join(d, "ns"), "w") as f:
		f.write(ns)


def main():
	seed, n, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
	for i in range(n):
		g = Gen(random.Random(seed * 1000003 + i))
		d = os.path.join(out, "%04d" % i)
		make_case(g, d, i)


if __name__ == "__main__":
	main()
