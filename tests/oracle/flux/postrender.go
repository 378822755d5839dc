package main

import (
	"bytes"
	"math/rand"
	"strconv"
	"strings"

	sigsyaml "sigs.k8s.io/yaml"
)

// postrender: upstream cozyhr's fluxPostRenderer (github.com/cozystack/cozyhr
// v1.6.1 main.go:179-230, Run and ensureMap), copied verbatim below because
// cozyhr is a main package that cannot be imported.  Fields: name,
// namespace, manifest in, manifest out (or "ERR:"+error).

func init() { register("postrender", genPostrender) }

// ---- begin copy of cozyhr main.go:179-230 ----

// fluxPostRenderer injects Flux labels so that rendered manifests match the
// server-side state.
type fluxPostRenderer struct{ name, ns string }

// Run adds Flux labels to every object.
func (f *fluxPostRenderer) Run(in *bytes.Buffer) (*bytes.Buffer, error) {
	docs := bytes.Split(in.Bytes(), []byte("\n---"))
	var out [][]byte

	for _, d := range docs {
		if len(bytes.TrimSpace(d)) == 0 {
			continue
		}

		var obj map[string]interface{}
		if err := sigsyaml.Unmarshal(d, &obj); err != nil || obj == nil {
			// keep lists / empty docs intact
			out = append(out, d)
			continue
		}

		md := ensureMap(obj, "metadata")
		lbl := ensureMap(md, "labels")
		lbl["helm.toolkit.fluxcd.io/name"] = f.name
		lbl["helm.toolkit.fluxcd.io/namespace"] = f.ns

		rendered, err := sigsyaml.Marshal(obj)
		if err != nil {
			return nil, err
		}
		out = append(out, rendered)
	}

	return bytes.NewBuffer(bytes.Join(out, []byte("\n---\n"))), nil
}

// ensureMap returns the map under parent[key], creating it if needed.
func ensureMap(parent map[string]interface{}, key string) map[string]interface{} {
	if parent == nil {
		return map[string]interface{}{}
	}
	if v, ok := parent[key]; ok {
		if m, ok := v.(map[string]interface{}); ok {
			return m
		}
	}
	m := map[string]interface{}{}
	parent[key] = m
	return m
}

// ---- end copy ----

func prRec(w *Writer, name, rel, ns, manifest string) {
	f := &fluxPostRenderer{name: rel, ns: ns}
	out, err := f.Run(bytes.NewBufferString(manifest))
	res := ""
	if err != nil {
		res = "ERR:" + err.Error()
	} else {
		res = out.String()
	}
	w.Rec(name, rel, ns, manifest, res)
}

var prDocs = []string{
	"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: \"1\"\n",
	"apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n  labels:\n    app: d\nspec:\n  replicas: 1\n  template:\n    spec:\n      containers:\n      - name: c\n        image: nginx:1.25\n        args: [\"--x=1\", '--y']\n",
	"# only a comment\n",
	"# Source: chart/templates/cm.yaml\napiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  k: |\n    multi\n    line\n",
	"apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: i1\n",
	"- a\n- b\n",
	"just a string\n",
	"a: [1\n",
	"metadata: null\nkind: X\n",
	"metadata: str\n",
	"metadata:\n  labels: [1, 2]\n",
	"metadata:\n  labels:\n    helm.toolkit.fluxcd.io/name: old\n    other: \"yes\"\n",
	"{}\n",
	"null\n",
	"key: value\n---\nnot split here\n",
	"x: |\n  text\n  ---\n  more\n",
	"n: 1e21\nf: 1.5\ni: 12345678901234567890\nb: yes\nt: 2001-12-14\nq: '0x1F'\n",
	"\ufeffa: 1\n",
	"a: &x 1\nb: *x\n",
	"k: v\nk: w\n",
	"  \n\t\n",
	"----\nodd: 1\n",
	"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: long\ndata:\n  long: " + strings.Repeat("word ", 30) + "\n",
}

func genPostrender(w *Writer) {
	prRec(w, "empty", "rel", "ns", "")
	for i, d := range prDocs {
		prRec(w, "doc"+strconv.Itoa(i), "rel", "ns", "---\n"+d)
		prRec(w, "bare"+strconv.Itoa(i), "my-release", "tenant-root", d)
	}
	r := rand.New(rand.NewSource(3))
	seps := []string{"---\n", "\n---\n", "---", "\n---", "--- \n", "\n--- # c\n", "\n\n---\n\n"}
	names := []string{"rel", "", "x y", "yes", "1", "ünï"}
	for i := 0; i < 900; i++ {
		var b strings.Builder
		for n := r.Intn(5); n >= 0; n-- {
			b.WriteString(seps[r.Intn(len(seps))])
			if r.Intn(3) == 0 {
				b.WriteString("# Source: c/templates/t" + strconv.Itoa(n) + ".yaml\n")
			}
			if r.Intn(2) == 0 {
				b.WriteString(prDocs[r.Intn(len(prDocs))])
			} else {
				m := genMap(r, 3, false)
				if r.Intn(2) == 0 {
					m["metadata"] = map[string]interface{}{"name": "n" + strconv.Itoa(n)}
				}
				b.WriteString(yamlOf(m))
			}
		}
		prRec(w, "rand"+strconv.Itoa(i), names[r.Intn(len(names))], names[r.Intn(len(names))], b.String())
	}
}
