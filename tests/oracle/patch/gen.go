package main

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"reflect"
	"sort"

	jsonpatch "github.com/evanphx/json-patch"
	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	apiextv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"k8s.io/apimachinery/pkg/util/strategicpatch"
)

type M = map[string]interface{}
type L = []interface{}

var names = []string{"app", "web", "db", "cache", "sidecar", "init", "a", "b", "Web", "x-1"}
var strs = []string{"v1", "v2", "nginx:1.25", "redis", "", "true", "1", "a<b&c>", "héllo", "x\ty", "80"}

func pick(r *rand.Rand, l []string) string { return l[r.Intn(len(l))] }

func num(r *rand.Rand) interface{} {
	switch r.Intn(12) {
	case 0:
		return 1.5
	case 1:
		return 1e21
	case 2:
		return 0.0000001
	case 3:
		return -3.0
	}
	return float64(r.Intn(5) * 10)
}

func scalar(r *rand.Rand) interface{} {
	switch r.Intn(8) {
	case 0:
		return num(r)
	case 1:
		return r.Intn(2) == 0
	case 2:
		return nil
	}
	return pick(r, strs)
}

func strMap(r *rand.Rand, keys []string, n int) M {
	m := M{}
	for i := 0; i < n; i++ {
		m[pick(r, keys)] = pick(r, strs)
	}
	return m
}

var labelKeys = []string{"app", "tier", "app.kubernetes.io/name", "helm.sh/chart", "z", "A"}

func meta(r *rand.Rand, kind string) M {
	m := M{"name": pick(r, names), "namespace": "default"}
	if r.Intn(3) > 0 {
		m["labels"] = strMap(r, labelKeys, r.Intn(4))
	}
	if r.Intn(2) == 0 {
		m["annotations"] = strMap(r, labelKeys, r.Intn(3))
	}
	if r.Intn(4) == 0 {
		l := L{}
		for i := r.Intn(4); i > 0; i-- {
			l = append(l, pick(r, []string{"f/a", "f/b", "f/c", "kubernetes"}))
		}
		m["finalizers"] = l
	}
	if r.Intn(8) == 0 {
		l := L{}
		for i := r.Intn(3); i > 0; i-- {
			l = append(l, M{"apiVersion": "v1", "kind": "X", "name": pick(r, names), "uid": pick(r, []string{"u1", "u2", "u3"})})
		}
		m["ownerReferences"] = l
	}
	return m
}

func envList(r *rand.Rand) L {
	l := L{}
	for i := r.Intn(5); i > 0; i-- {
		e := M{"name": pick(r, []string{"A", "B", "C", "D", "PATH"})}
		switch r.Intn(4) {
		case 0:
			e["valueFrom"] = M{"secretKeyRef": M{"name": "s", "key": pick(r, []string{"k", "p"})}}
		case 1:
		default:
			e["value"] = pick(r, strs)
		}
		l = append(l, e)
	}
	return l
}

func container(r *rand.Rand, name string) M {
	c := M{"name": name, "image": pick(r, strs)}
	if r.Intn(2) == 0 {
		c["env"] = envList(r)
	}
	if r.Intn(2) == 0 {
		l := L{}
		for i := r.Intn(3); i > 0; i-- {
			p := M{"containerPort": float64(pick3(r, 80, 443, 8080)), "protocol": pick(r, []string{"TCP", "UDP"})}
			if r.Intn(2) == 0 {
				p["name"] = pick(r, []string{"http", "https", "metrics"})
			}
			l = append(l, p)
		}
		c["ports"] = l
	}
	if r.Intn(3) == 0 {
		l := L{}
		for i := r.Intn(3); i > 0; i-- {
			l = append(l, M{"name": pick(r, []string{"data", "cfg", "tmp"}), "mountPath": pick(r, []string{"/data", "/etc/cfg", "/tmp"})})
		}
		c["volumeMounts"] = l
	}
	if r.Intn(3) == 0 {
		l := L{}
		for i := r.Intn(3); i > 0; i-- {
			l = append(l, pick(r, []string{"--a", "--b=1", "run", "-v"}))
		}
		c["args"] = l
	}
	if r.Intn(3) == 0 {
		c["resources"] = M{"limits": M{"cpu": pick(r, []string{"100m", "1"}), "memory": "64Mi"}, "requests": M{"cpu": "10m"}}
	}
	if r.Intn(5) == 0 {
		c["imagePullPolicy"] = pick(r, []string{"Always", "IfNotPresent"})
	}
	return c
}

func pick3(r *rand.Rand, a, b, c int) int { return []int{a, b, c}[r.Intn(3)] }

func volumes(r *rand.Rand) L {
	l := L{}
	for i := r.Intn(4); i > 0; i-- {
		v := M{"name": pick(r, []string{"data", "cfg", "tmp"})}
		switch r.Intn(3) {
		case 0:
			v["configMap"] = M{"name": pick(r, names)}
		case 1:
			v["emptyDir"] = M{}
		case 2:
			v["secret"] = M{"secretName": pick(r, names)}
		}
		l = append(l, v)
	}
	return l
}

func podSpec(r *rand.Rand) M {
	s := M{}
	cs := L{}
	for i := r.Intn(2) + 1; i > 0; i-- {
		cs = append(cs, container(r, pick(r, names[:6])))
	}
	s["containers"] = cs
	if r.Intn(4) == 0 {
		s["initContainers"] = L{container(r, "init")}
	}
	if r.Intn(2) == 0 {
		s["volumes"] = volumes(r)
	}
	if r.Intn(3) == 0 {
		l := L{}
		for i := r.Intn(3); i > 0; i-- {
			l = append(l, M{"key": pick(r, []string{"k1", "k2"}), "operator": "Exists", "effect": pick(r, []string{"NoSchedule", "NoExecute"})})
		}
		s["tolerations"] = l
	}
	if r.Intn(3) == 0 {
		l := L{}
		for i := r.Intn(3); i > 0; i-- {
			l = append(l, M{"name": pick(r, []string{"reg1", "reg2", "reg3"})})
		}
		s["imagePullSecrets"] = l
	}
	if r.Intn(3) == 0 {
		s["nodeSelector"] = strMap(r, labelKeys, r.Intn(3))
	}
	if r.Intn(4) == 0 {
		s["serviceAccountName"] = pick(r, names)
	}
	if r.Intn(6) == 0 {
		s["hostAliases"] = L{M{"ip": "10.0.0.1", "hostnames": L{"a", "b"}}}
	}
	return s
}

func template(r *rand.Rand) M {
	return M{"metadata": M{"labels": strMap(r, labelKeys, 1+r.Intn(2))}, "spec": podSpec(r)}
}

type kindGen struct {
	apiVersion, kind string
	obj              interface{} // typed object for the struct meta (nil = custom resource)
	spec             func(r *rand.Rand, o M)
}

var kinds = []kindGen{
	{"apps/v1", "Deployment", &appsv1.Deployment{}, func(r *rand.Rand, o M) {
		s := M{"selector": M{"matchLabels": strMap(r, labelKeys, 1)}, "template": template(r)}
		if r.Intn(2) == 0 {
			s["replicas"] = num(r)
		}
		switch r.Intn(4) {
		case 0:
			s["strategy"] = M{"type": "Recreate"}
		case 1:
			s["strategy"] = M{"type": "RollingUpdate", "rollingUpdate": M{"maxSurge": pick(r, []string{"25%", "1"}), "maxUnavailable": num(r)}}
		}
		o["spec"] = s
	}},
	{"apps/v1", "StatefulSet", &appsv1.StatefulSet{}, func(r *rand.Rand, o M) {
		s := M{"serviceName": pick(r, names), "selector": M{"matchLabels": strMap(r, labelKeys, 1)}, "template": template(r)}
		if r.Intn(2) == 0 {
			s["volumeClaimTemplates"] = L{M{"metadata": M{"name": "data"}, "spec": M{"accessModes": L{"ReadWriteOnce"}, "resources": M{"requests": M{"storage": "1Gi"}}}}}
		}
		if r.Intn(2) == 0 {
			s["updateStrategy"] = M{"type": "RollingUpdate", "rollingUpdate": M{"partition": num(r)}}
		}
		o["spec"] = s
	}},
	{"apps/v1", "DaemonSet", &appsv1.DaemonSet{}, func(r *rand.Rand, o M) {
		s := M{"selector": M{"matchLabels": strMap(r, labelKeys, 1)}, "template": template(r)}
		if r.Intn(2) == 0 {
			s["updateStrategy"] = M{"type": "RollingUpdate", "rollingUpdate": M{"maxUnavailable": num(r)}}
		}
		o["spec"] = s
	}},
	{"v1", "Service", &corev1.Service{}, func(r *rand.Rand, o M) {
		s := M{"selector": strMap(r, labelKeys, 1+r.Intn(2))}
		l := L{}
		for i := r.Intn(4); i > 0; i-- {
			p := M{"port": float64(pick3(r, 80, 443, 8080)), "protocol": "TCP"}
			if r.Intn(2) == 0 {
				p["targetPort"] = pick(r, []string{"http", "8080"})
			}
			if r.Intn(2) == 0 {
				p["name"] = pick(r, []string{"http", "https"})
			}
			l = append(l, p)
		}
		s["ports"] = l
		if r.Intn(2) == 0 {
			s["type"] = pick(r, []string{"ClusterIP", "NodePort"})
		}
		o["spec"] = s
	}},
	{"v1", "ConfigMap", &corev1.ConfigMap{}, func(r *rand.Rand, o M) {
		o["data"] = strMap(r, []string{"a", "b", "c.yaml", "d"}, r.Intn(4))
		if r.Intn(4) == 0 {
			o["binaryData"] = M{"bin": "AAEC"}
		}
	}},
	{"v1", "Secret", &corev1.Secret{}, func(r *rand.Rand, o M) {
		o["type"] = "Opaque"
		if r.Intn(2) == 0 {
			o["data"] = strMap(r, []string{"a", "b", "c"}, r.Intn(3))
		} else {
			o["stringData"] = strMap(r, []string{"a", "b", "c"}, r.Intn(3))
		}
	}},
	{"v1", "Pod", &corev1.Pod{}, func(r *rand.Rand, o M) {
		o["spec"] = podSpec(r)
	}},
	{"apiextensions.k8s.io/v1", "CustomResourceDefinition", &apiextv1.CustomResourceDefinition{}, func(r *rand.Rand, o M) {
		vs := L{}
		for i := 1 + r.Intn(2); i > 0; i-- {
			vs = append(vs, M{"name": pick(r, []string{"v1", "v1beta1", "v2"}), "served": r.Intn(2) == 0, "storage": true,
				"schema": M{"openAPIV3Schema": M{"type": "object", "x-kubernetes-preserve-unknown-fields": true}}})
		}
		o["spec"] = M{"group": "example.com", "scope": "Namespaced", "names": M{"kind": "Foo", "plural": "foos"}, "versions": vs}
	}},
}

func genObj(r *rand.Rand, k kindGen) M {
	o := M{"apiVersion": k.apiVersion, "kind": k.kind, "metadata": meta(r, k.kind)}
	k.spec(r, o)
	return o
}

// crObj: a custom resource (JSON merge patch, any shape).
func crObj(r *rand.Rand) M {
	o := M{"apiVersion": "example.com/v1", "kind": "Foo", "metadata": meta(r, "Foo")}
	o["spec"] = randTree(r, 3)
	return o
}

func randTree(r *rand.Rand, depth int) interface{} {
	if depth == 0 || r.Intn(4) == 0 {
		return scalar(r)
	}
	if r.Intn(3) == 0 {
		l := L{}
		for i := r.Intn(4); i > 0; i-- {
			l = append(l, randTree(r, depth-1))
		}
		return l
	}
	m := M{}
	for i := r.Intn(5); i > 0; i-- {
		m[pick(r, []string{"a", "b", "c", "name", "items", "x"})] = randTree(r, depth-1)
	}
	return m
}

func deepCopy(v interface{}) interface{} {
	switch t := v.(type) {
	case M:
		m := M{}
		for k, x := range t {
			m[k] = deepCopy(x)
		}
		return m
	case L:
		l := make(L, len(t))
		for i, x := range t {
			l[i] = deepCopy(x)
		}
		return l
	}
	return v
}

// mutate applies n random edits somewhere in the tree.
func mutate(r *rand.Rand, v interface{}, n int) interface{} {
	for i := 0; i < n; i++ {
		v = mutateOne(r, v, 0)
	}
	return v
}

func mutateOne(r *rand.Rand, v interface{}, depth int) interface{} {
	switch t := v.(type) {
	case M:
		if len(t) == 0 || r.Intn(5) == 0 {
			switch r.Intn(6) {
			case 0:
				t[pick(r, []string{"name", "extra", "value", "image", "labels"})] = scalar(r)
			case 1:
				t["new"+pick(r, []string{"A", "B"})] = randTree(r, 2)
			default:
				if len(t) > 0 {
					keys := sortedKeys(t)
					k := keys[r.Intn(len(keys))]
					if r.Intn(6) == 0 {
						t[k] = nil
					} else if k != "name" || r.Intn(4) == 0 {
						delete(t, k)
					}
				}
			}
			return t
		}
		keys := sortedKeys(t)
		k := keys[r.Intn(len(keys))]
		t[k] = mutateOne(r, t[k], depth+1)
		return t
	case L:
		if len(t) == 0 || r.Intn(3) == 0 {
			switch r.Intn(5) {
			case 0:
				if len(t) > 0 {
					j := r.Intn(len(t))
					return append(t[:j:j], t[j+1:]...)
				}
			case 1:
				if len(t) > 1 {
					a, b := r.Intn(len(t)), r.Intn(len(t))
					t[a], t[b] = t[b], t[a]
				}
			case 2:
				if len(t) > 0 {
					x := deepCopy(t[r.Intn(len(t))])
					if m, ok := x.(M); ok && r.Intn(3) > 0 {
						if _, has := m["name"]; has {
							m["name"] = pick(r, names)
						}
						for _, mk := range []string{"containerPort", "port"} {
							if _, has := m[mk]; has {
								m[mk] = float64(pick3(r, 80, 443, 9090))
							}
						}
					}
					return append(t, x)
				}
			case 3:
				if len(t) > 0 {
					if _, ok := t[0].(string); ok {
						return append(t, pick(r, []string{"f/a", "f/z", "--c", "kubernetes"}))
					}
				}
			}
			return t
		}
		j := r.Intn(len(t))
		t[j] = mutateOne(r, t[j], depth+1)
		return t
	}
	if r.Intn(10) == 0 {
		return M{"a": scalar(r)}
	}
	return scalar(r)
}

func sortedKeys(m M) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func mustJSON(v interface{}) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// triple makes (original, modified, current) from one base object.
func triple(r *rand.Rand, base func() M) (o, m, c interface{}) {
	orig := base()
	switch r.Intn(10) {
	case 0:
		m = base() // unrelated rewrite
	default:
		m = mutate(r, deepCopy(orig), 1+r.Intn(4))
	}
	switch r.Intn(10) {
	case 0:
		c = nil // not found on the server: json.Marshal(nil) = null
	case 1:
		c = deepCopy(m)
	case 2, 3:
		c = mutate(r, deepCopy(m), 1+r.Intn(3))
	default:
		c = mutate(r, deepCopy(orig), r.Intn(4))
	}
	if cm, ok := c.(M); ok && r.Intn(3) == 0 {
		cm["status"] = M{"observedGeneration": 1.0, "conditions": L{M{"type": "Ready", "status": "True"}}}
		if md, ok := cm["metadata"].(M); ok {
			md["uid"] = "1234"
			md["resourceVersion"] = "42"
		}
	}
	if r.Intn(15) == 0 {
		orig = M{} // first release had no such object
	}
	return orig, m, c
}

// runStable calls fn a few times: Go's map order is random, and a result that
// changes between runs (which error is met first) is no vector.
func runStable(fn func() string) (string, bool) {
	first := fn()
	for i := 0; i < 6; i++ {
		if fn() != first {
			return "", false
		}
	}
	return first, true
}

func catch(fn func() ([]byte, error)) (s string) {
	defer func() {
		if e := recover(); e != nil {
			s = fmt.Sprintf("panic\t%v", e)
		}
	}()
	b, err := fn()
	if err != nil {
		return "err\t" + err.Error()
	}
	return "ok\t" + string(b)
}

func split2(s string) (string, string) {
	for i := 0; i < len(s); i++ {
		if s[i] == '\t' {
			return s[:i], s[i+1:]
		}
	}
	return s, ""
}

func genSMP(w *Writer) {
	r := rand.New(rand.NewSource(20250417))
	unstable := 0
	for i := 0; w.N() < 2100; i++ {
		k := kinds[i%len(kinds)]
		o, m, c := triple(r, func() M { return genObj(r, k) })
		oj, mj, cj := mustJSON(o), mustJSON(m), mustJSON(c)
		meta, err := strategicpatch.NewPatchMetaFromStruct(k.obj)
		if err != nil {
			panic(err)
		}
		res, ok := runStable(func() string {
			return catch(func() ([]byte, error) {
				return strategicpatch.CreateThreeWayMergePatch([]byte(oj), []byte(mj), []byte(cj), meta, true)
			})
		})
		if !ok {
			unstable++
			continue
		}
		st, out := split2(res)
		w.Rec(fmt.Sprintf("smp-%04d", i), k.apiVersion+"/"+k.kind, oj, mj, sameAs(cj, oj, mj), st, out)
	}
	w.Printf("# %d random triples dropped: result depends on Go's map order\n", unstable)
}

// sameAs shortens the current object when it repeats original ("=o") or
// modified ("=m"): it keeps the vector file small.
func sameAs(c, o, m string) string {
	switch c {
	case o:
		return "=o"
	case m:
		return "=m"
	}
	return c
}

func genJMP(w *Writer) {
	r := rand.New(rand.NewSource(7386))
	for i := 0; i < 600; i++ {
		o, m, c := triple(r, func() M { return crObj(r) })
		oj, mj, cj := mustJSON(o), mustJSON(m), mustJSON(c)
		res := catch(func() ([]byte, error) { return jsonpatch.CreateMergePatch([]byte(oj), []byte(mj)) })
		st, out := split2(res)
		w.Rec(fmt.Sprintf("jmp-%04d", i), "", oj, mj, sameAs(cj, oj, mj), st, out)
	}
}

// genMeta dumps the struct-tag patch meta of every struct reachable from the
// kinds above: one record per struct field.
func genMeta(w *Writer) {
	seen := map[reflect.Type]bool{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map || t.Kind() == reflect.Array {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || seen[t] {
			return
		}
		seen[t] = true
		top := t
		var fields func(t reflect.Type)
		fields = func(t reflect.Type) {
			for i := 0; i < t.NumField(); i++ {
				f := t.Field(i)
				tag := f.Tag.Get("json")
				name := tag
				for j := 0; j < len(tag); j++ {
					if tag[j] == ',' {
						name = tag[:j]
						break
					}
				}
				if f.Anonymous && name == "" && f.Type.Kind() == reflect.Struct {
					fields(f.Type)
					continue
				}
				if name == "-" || !f.IsExported() {
					continue
				}
				if name == "" {
					name = f.Name
				}
				ft := f.Type
				kind := ft.Kind().String()
				ek := ""
				if ft.Kind() == reflect.Pointer {
					ek = ft.Elem().Kind().String()
				}
				if ft.Kind() == reflect.Slice || ft.Kind() == reflect.Map {
					ek = ft.Elem().Kind().String()
				}
				id := top.PkgPath() + "." + top.Name() + "." + name
				w.Rec(id, kind, ek, f.Tag.Get("patchStrategy"), f.Tag.Get("patchMergeKey"))
				walk(ft)
			}
		}
		fields(t)
	}
	for _, k := range kinds {
		walk(reflect.TypeOf(k.obj))
	}
}
