package main

// Suite columns: kubectl's CustomColumnsPrinter (k8s.io/kubectl v0.35.4
// pkg/cmd/get) on the fixtures as kubectl get hands them over
// (*unstructured.Unstructured, or *unstructured.UnstructuredList for lists).
//
// Records:
//   <id>   object  <tval>
//   <name> <mode> <object id> <spec> <output> <error>
// mode: spec (-o custom-columns=SPEC), noheaders (+ --no-headers), file
// (-o custom-columns-file: spec is the file's text), twice (PrintObj twice
// with one printer).  error is "" on success; output is what was printed
// (the tabwriter is flushed even when PrintObj fails).

import (
	"bytes"
	"fmt"
	"math/rand"
	"strings"

	"cozypkg.test/oracle/vecio/tval"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/kubectl/pkg/cmd/get"
)

func init() { register("columns", genColumns) }

func runColumns(mode, spec string, f fixture) (out, errText string, panicked bool) {
	defer func() {
		if e := recover(); e != nil {
			panicked = true
		}
	}()
	var p *get.CustomColumnsPrinter
	var err error
	switch mode {
	case "file":
		p, err = get.NewCustomColumnsPrinterFromTemplate(strings.NewReader(spec), nil)
	default:
		p, err = get.NewCustomColumnsPrinterFromSpec(spec, nil, mode == "noheaders")
	}
	if err != nil {
		return "", err.Error(), false
	}
	var buf bytes.Buffer
	times := 1
	if mode == "twice" {
		times = 2
	}
	for i := 0; i < times; i++ {
		var obj runtime.Object
		m := deepCopy(f.data).(map[string]interface{})
		if f.list {
			l := &unstructured.UnstructuredList{}
			l.SetUnstructuredContent(m)
			obj = l
		} else {
			obj = &unstructured.Unstructured{Object: m}
		}
		if err := p.PrintObj(obj, &buf); err != nil {
			return buf.String(), err.Error(), false
		}
	}
	return buf.String(), "", false
}

func recCol(w *Writer, skipped *int, name, mode string, f fixture, spec string) {
	out, e, panicked := runColumns(mode, spec, f)
	if panicked {
		*skipped++
		return
	}
	for i := 0; i < 24; i++ {
		o2, e2, p2 := runColumns(mode, spec, f)
		if p2 || o2 != out || e2 != e {
			*skipped++ // map order shows (a wildcard over a map)
			return
		}
	}
	w.Rec(name, mode, f.id, spec, out, e)
}

var handSpecs = []string{
	"NAME:.metadata.name", "NAME:.metadata.name,NAMESPACE:.metadata.namespace",
	"NAME:metadata.name,READY:status.conditions[?(@.type==\"Ready\")].status,STATUS:status.conditions[?(@.type==\"Ready\")].message",
	"NAME:{.metadata.name},SUSPENDED:{spec.suspend}", "NAME:{metadata.name}", "NAME:{.metadata.name", "NAME:.metadata.name}",
	"NAME:{{.metadata.name}}", "NAME:", "NAME:.", "NAME:{.}", "NAME:{}", "NAME:..name", "NAME:{..name}", ":.metadata.name",
	"NAME", "NAME:.metadata.name,", ",NAME:.a", "A:.a:b", "A:.metadata.labels", "A:.spec.values", "A:.spec.values.tags",
	"A:.spec.values.tags[*]", "A:.spec.values.tags[0,1]", "A:.spec.values.nested.x", "A:.spec.values.nested",
	"A:.spec.values.empty", "A:.spec.values.emap", "A:.spec.values.esc", "A:.spec.values.html", "A:.spec.values.unicode",
	"A:.spec.values.big", "A:.spec.values.huge", "A:.spec.values.tiny", "A:.spec.values.ratio", "A:.spec.values.replicaCount",
	"A:.spec.values.whole", "A:.spec.values.bools", "A:.spec.values.bools[*]", "A:.status.conditions[*].type",
	"A:.status.conditions[5]", "A:.status.conditions[x]", "A:.status.conditions[", "A:.kind[0]", "A:.nosuch",
	"A:.status.conditions[?(@.type=='Ready')].lastTransitionTime", "A:.status.history[?(@.version>1)].chartVersion",
	"A:.status.history[?(@.version>1.5)].chartVersion", "AGE:.metadata.creationTimestamp", "日本:.kind",
	"A B:.kind", "\tA:.kind", "A\\:.kind", "A:.metadata.annotations.kubernetes\\.io/change-cause",
	"A:.metadata.annotations['a.b/c']", "A:.spec.containers[*].name,B:.spec.containers[*].image",
	"A:.spec.containers[*].ports[*].containerPort", "A:.status.containerStatuses[*].restartCount",
	"A:.items", "A:.items[*]", "A:.list", "A:.f", "A:.u", "A:.n", "A:.nums.f", "A:.deep", "A:['a b']", "A:.k\\.2",
	"A:.s.*", "A:{range .status.conditions[*]}", "A:.metadata.name end", "A:range .status.conditions[*]",
	"A:..", "A:...x", "A:.a b", "A:@", "A:$", "A:$.kind", "A:{$.kind}", "A:[0]", "A:.[0]",
}

var fileSpecs = []string{
	"NAME KIND\n.metadata.name .kind\n", "NAME KIND\r\n{.metadata.name} {kind}\r\n", "NAME\n", "", "\n", "NAME KIND\n.metadata.name\n",
	"  NAME\t\tKIND  \n  metadata.name   kind \nextra line\n", "NAME\u00a0KIND\n.metadata.name\u2003.kind", "A\n{.a\n",
	"A B\n.a {b}c\n", "\n\n", "日本\n.kind", "A\n.status.conditions[*].type",
}

func randSpec(r *rand.Rand) string {
	heads := []string{"NAME", "READY", "STATUS", "", "AGE", "日本", "X Y", "a"}
	var parts []string
	for n := 1 + r.Intn(4); n > 0; n-- {
		p := randPath(r)
		switch r.Intn(4) {
		case 0:
			p = "{" + p + "}"
		case 1:
			p = strings.TrimPrefix(p, ".")
		}
		parts = append(parts, heads[r.Intn(len(heads))]+":"+p)
	}
	s := strings.Join(parts, ",")
	if r.Intn(10) == 0 {
		i := r.Intn(len(s) + 1)
		s = s[:i] + []string{",", ":", "{", "}", "[", "'"}[r.Intn(6)] + s[i:]
	}
	return s
}

func genColumns(w *Writer) {
	r := rand.New(rand.NewSource(3535))
	fx := fixtures(r)
	byID := map[string]fixture{}
	for _, f := range fx {
		w.Rec(f.id, "object", tval.String(f.data))
		byID[f.id] = f
	}
	skipped, n := 0, 0
	for _, s := range handSpecs {
		for _, id := range []string{"hr", "hrlist", "pod", "odd", "emptylist", "podlist"} {
			mode := "spec"
			if n%5 == 4 {
				mode = "noheaders"
			}
			if n%7 == 3 {
				mode = "twice"
			}
			recCol(w, &skipped, fmt.Sprintf("hand-%04d", n), mode, byID[id], s)
			n++
		}
	}
	for _, s := range fileSpecs {
		for _, id := range []string{"hr", "hrlist", "odd"} {
			recCol(w, &skipped, fmt.Sprintf("file-%04d", n), "file", byID[id], s)
			n++
		}
	}
	for i := 0; i < 1200; i++ {
		f := fx[r.Intn(len(fx))]
		mode := []string{"spec", "spec", "spec", "noheaders", "twice"}[r.Intn(5)]
		recCol(w, &skipped, fmt.Sprintf("random-%04d", i), mode, f, randSpec(r))
	}
	w.Printf("# skipped (Go panics or map order showing): %d\n", skipped)
}
