package main

// Suite jsonpath: client-go's jsonpath.JSONPath and cli-runtime's
// JSONPathPrinter over the fixtures, with hand-written templates (every
// parser error) and seeded random ones.
//
// Records:
//   <id>   object  <tval>              a fixture, referenced by later records
//   <name> <mode> <object id> <template> <kind> <expected>
// mode:  jp (AllowMissingKeys false), jpm (true), json (true + EnableJSONOutput),
//        printer (kubectl -o jsonpath, --allow-missing-template-keys=true),
//        printer-strict (=false)
// kind:  ok (expected = output), parse / exec (expected = error text), unordered
//        (Go walks maps in random order: expected = every single result as
//        PrintResults prints it, sorted, NUL-separated).

import (
	"bytes"
	"fmt"
	"math/rand"
	"reflect"
	"sort"
	"strings"

	"cozypkg.test/oracle/vecio/tval"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/cli-runtime/pkg/genericclioptions"
	"k8s.io/client-go/util/jsonpath"
)

func init() { register("jsonpath", genJSONPath) }

type jpOutcome struct {
	kind, text string
	panicked   bool
}

// runMode runs one template in one mode on fresh objects.
func runMode(mode, tmpl string, data interface{}, isList bool) (res jpOutcome) {
	defer func() {
		if e := recover(); e != nil {
			res = jpOutcome{panicked: true}
		}
	}()
	var out bytes.Buffer
	switch mode {
	case "jp", "jpm", "json":
		j := jsonpath.New("t")
		if err := j.Parse(tmpl); err != nil {
			return jpOutcome{kind: "parse", text: err.Error()}
		}
		j.AllowMissingKeys(mode != "jp")
		j.EnableJSONOutput(mode == "json")
		if err := j.Execute(&out, data); err != nil {
			return jpOutcome{kind: "exec", text: err.Error()}
		}
		return jpOutcome{kind: "ok", text: out.String()}
	default:
		allow := mode == "printer"
		flags := genericclioptions.NewJSONPathPrintFlags("", allow)
		p, err := flags.ToPrinter("jsonpath=" + tmpl)
		if err != nil {
			return jpOutcome{kind: "parse", text: err.Error()}
		}
		m := data.(map[string]interface{})
		if isList {
			l := &unstructured.UnstructuredList{}
			l.SetUnstructuredContent(deepCopy(m).(map[string]interface{}))
			err = p.PrintObj(l, &out)
		} else {
			err = p.PrintObj(&unstructured.Unstructured{Object: deepCopy(m).(map[string]interface{})}, &out)
		}
		if err != nil {
			return jpOutcome{kind: "exec", text: err.Error()}
		}
		return jpOutcome{kind: "ok", text: out.String()}
	}
}

func deepCopy(v interface{}) interface{} {
	switch x := v.(type) {
	case map[string]interface{}:
		m := make(map[string]interface{}, len(x))
		for k, e := range x {
			m[k] = deepCopy(e)
		}
		return m
	case []interface{}:
		l := make([]interface{}, len(x))
		for i, e := range x {
			l[i] = deepCopy(e)
		}
		return l
	default:
		return v
	}
}

// singles: every result printed on its own, sorted (for unordered output).
func singles(mode, tmpl string, data interface{}) (s string, ok bool) {
	defer func() {
		if e := recover(); e != nil {
			ok = false
		}
	}()
	j := jsonpath.New("t")
	if err := j.Parse(tmpl); err != nil {
		return "", false
	}
	j.AllowMissingKeys(mode != "jp" && mode != "printer-strict")
	res, err := j.FindResults(data)
	if err != nil {
		return "", false
	}
	var items []string
	for _, g := range res {
		for _, v := range g {
			var b bytes.Buffer
			if err := j.PrintResults(&b, []reflect.Value{v}); err != nil {
				return "", false
			}
			items = append(items, b.String())
		}
	}
	sort.Strings(items)
	return strings.Join(items, "\x00"), true
}

type jpStats struct{ ok, parse, exec, unordered, skipped int }

func recJP(w *Writer, st *jpStats, name, mode string, f fixture, tmpl string) {
	if strings.HasPrefix(mode, "printer") {
		if _, isMap := f.data.(map[string]interface{}); !isMap {
			return
		}
	}
	first := runMode(mode, tmpl, deepCopy(f.data), f.list)
	if first.panicked {
		st.skipped++
		return
	}
	same := true
	for i := 0; i < 24 && same; i++ {
		o := runMode(mode, tmpl, deepCopy(f.data), f.list)
		same = o == first
	}
	if !same {
		if first.kind != "ok" || mode == "json" {
			st.skipped++
			return
		}
		s, ok := singles(mode, tmpl, deepCopy(f.data))
		if !ok {
			st.skipped++
			return
		}
		st.unordered++
		w.Rec(name, mode, f.id, tmpl, "unordered", s)
		return
	}
	switch first.kind {
	case "ok":
		st.ok++
	case "parse":
		st.parse++
	default:
		st.exec++
	}
	w.Rec(name, mode, f.id, tmpl, first.kind, first.text)
}

var handTemplates = []string{
	// fields, text, roots
	"{.kind}", "{.metadata.name}", "{.metadata.labels}", "{.metadata.labels.app}", "{$.kind}", "{@.kind}",
	"{.}", "{@}", "{$}", "{}", "kind is {.kind}!", "plain text", "", "{.kind}{.apiVersion}", "{.kind} {.apiVersion}",
	"{.metadata.annotations.kubernetes\\.io/change-cause}", "{.metadata.annotations['a.b/c']}",
	"{.metadata.annotations['kubernetes.io/change-cause']}", "{.metadata['name']}", "{['kind']}", "{.metadata['']}",
	"{.metadata.annotations.empty}", "{.metadata.nosuch}", "{.nosuch.deeper}", "{.metadata.name.nosuch}",
	"{.spec.values}", "{.spec.values.replicaCount}", "{.spec.values.ratio}", "{.spec.values.big}",
	"{.spec.values.huge}", "{.spec.values.exact}", "{.spec.values.tiny}", "{.spec.values.whole}", "{.spec.values.neg}",
	"{.spec.values.nested}", "{.spec.values.nested.x}", "{.spec.values.nested.y}", "{.spec.values.empty}",
	"{.spec.values.emap}", "{.spec.values.unicode}", "{.spec.values.esc}", "{.spec.values.html}", "{.spec.values.bools}",
	"{.spec.suspend}", "{.spec.chart}", "{.metadata.finalizers}", "{.spec.values.tags}",
	// arrays
	"{.status.conditions[0].type}", "{.status.conditions[-1].message}", "{.status.conditions[*].type}",
	"{.status.conditions[0:1].type}", "{.status.conditions[::2].type}", "{.status.conditions[1:].type}",
	"{.status.conditions[:2].type}", "{.status.conditions[1:1]}", "{.status.conditions[2:1]}", "{.status.conditions[5]}",
	"{.status.conditions[-5]}", "{.status.conditions[0:5]}", "{.status.conditions[0:3:0]}", "{.status.conditions[0:3:-1]}",
	"{.status.conditions[::]}", "{.status.conditions[:]}", "{.status.conditions[]}", "{.status.conditions[-1:]}",
	"{.status.conditions[-2:-1].type}", "{.status.conditions[0:-1].type}", "{.status.conditions[-3]}",
	"{.status.conditions[3]}", "{.status.conditions[*]}", "{.spec.values.empty[0]}", "{.spec.values.empty[*]}",
	"{.spec.values.empty[:]}", "{.spec.values.empty[0:0]}", "{.spec.values.tags[1:3:1]}", "{.spec.values.tags[0:3:2]}",
	"{.spec.values.tags[0:3:5]}", "{.spec.values.tags[9223372036854775807]}", "{.spec.values.tags[-9223372036854775808]}",
	"{.spec.values.tags[0,2]}", "{.spec.values.tags[0, 2]}", "{.spec.values.tags[0,]}", "{.spec.values.tags[,]}",
	"{.spec.values.tags[0,5]}", "{.status.conditions[0,1].type}", "{.status.conditions[0]['type','status']}",
	"{.status.conditions[*]['type','reason']}", "{.status.conditions[0]['type',x]}", "{.spec.values.tags[*,0]}",
	"{.kind[0]}", "{.metadata[0]}", "{.spec.values.replicaCount[0]}", "{.spec.values.nested.x[0]}",
	"{.spec.values.ratio[*]}", "{.spec.suspend[0]}", "{.kind.*}", "{.kind[*]}",
	// wildcard, recursive
	"{.spec.values.tags.*}", "{.spec.values.tags[*]}", "{.status.conditions.*.type}", "{.metadata.labels.*}",
	"{.spec.values.*}", "{.*}", "{..name}", "{..type}", "{..status}", "{..x}", "{..}", "{..*}", "{..[0]}",
	"{...name}", "{.metadata..name}", "{....name}", "{.. name}", "{..['name']}", "{..nosuch}",
	"{.spec.values.nested..x}", "{..observedGeneration}", "{..containerPort}",
	// filters
	"{.status.conditions[?(@.type==\"Ready\")].status}", "{.status.conditions[?(@.type=='Ready')].status}",
	"{.status.conditions[?(@.type == 'Ready')].message}", "{.status.conditions[?(@.status!=\"True\")].type}",
	"{.status.conditions[?(@.type<\"Released\")].type}", "{.status.conditions[?(@.type>\"Released\")].type}",
	"{.status.conditions[?(@.type<='Released')].type}", "{.status.conditions[?(@.type>='Released')].type}",
	"{.status.conditions[?(@.observedGeneration)].type}", "{.status.conditions[?(@.nosuch)].type}",
	"{.status.conditions[?(@.observedGeneration==3)].type}", "{.status.conditions[?(@.observedGeneration>2)].type}",
	"{.status.conditions[?(@.observedGeneration<3)].type}", "{.status.conditions[?(@.observedGeneration>=2)].type}",
	"{.status.conditions[?(@.observedGeneration==3.0)].type}", "{.status.conditions[?(@.observedGeneration==true)].type}",
	"{.status.conditions[?(@.type==3)].type}", "{.status.conditions[?(@.type=\"Ready\")].type}",
	"{.status.conditions[?(@.type===\"Ready\")].type}", "{.status.conditions[?(@.type=!\"Ready\")].type}",
	"{.status.conditions[?(@.type==@.type)].type}", "{.status.conditions[?(@.type==@.status)].type}",
	"{.status.conditions[?(@.type==@.nosuch)].type}", "{.status.conditions[?(@.type==)].type}",
	"{.status.conditions[?(@.type)]}", "{.status.conditions[?(@)].type}", "{.status.conditions[?(@.*)].type}",
	"{.status.conditions[?(@.type==\"a)b\")].type}", "{.status.conditions[?(@.type==\"Ready\" )].type}",
	"{.status.history[?(@.version==1)].status}", "{.status.history[?(@.version>0)].chartVersion}",
	"{.status.history[?(@.version>0.5)].status}", "{.status.history[?(@.version<=1)]}", "{.status.history[?(@.version!=1)].status}",
	"{.spec.values.tags[?(@==\"a\")]}", "{.spec.values.tags[?(@!='a')]}", "{.spec.values.tags[?(@>'a')]}",
	"{.spec.values.bools[?(@==true)]}", "{.spec.values.bools[?(@<true)]}", "{.spec.values.bools[?(@)]}",
	"{.spec[?(@.x)]}", "{.kind[?(@)]}", "{.spec.values.nested.x[?(@)]}", "{.spec.values.replicaCount[?(@)]}",
	"{.status.conditions[?(@.type==\"Ready\")]}", "{.items[?(@.metadata.name==\"podinfo\")].spec.interval}",
	"{.items[?(@.spec.suspend==true)].metadata.name}", "{.items[?(@.spec.suspend)].metadata.name}",
	"{.items[?(@.status.conditions[0].status==\"False\")].metadata.name}", "{.items[?(@.status.conditions[*].type)].metadata.name}",
	"{.items[?(@.status.conditions[*].type==\"Ready\")].metadata.name}", "{.status.conditions[?(@.type==\"Ready\")][?(@.x)]}",
	"{.status.conditions[?(@.type in ('a'))]}", "{.status.conditions[?(@.type==\"\\\"\")]}",
	"{.status.conditions[?(@.type=='it\\'s')]}", "{.status.conditions[?(!@.type)]}",
	// range
	"{range .status.conditions[*]}{.type}={.status}{\"\\n\"}{end}", "{range .items[*]}{.metadata.name}{\"\\t\"}{.metadata.namespace}{\"\\n\"}{end}",
	"{range .items[*]}{.metadata.name}{\"\\n\"}{end}", "{range .items[*]}[{.status.conditions[0].type}]{end}",
	"{range .items[*]}{range .status.conditions[*]}{.type}/{end};{end}", "{range .items[*]}{.metadata.name}{end}after",
	"{range .missing[*]}{.x}{end}done", "{range .spec.values.empty[*]}{.x}{end}done", "{range .spec.values.tags[*]}{@}{end}",
	"{range .spec.values.tags[*]}<{@}>{end}", "{range .status.conditions[*]}{.type}", "{end}", "{range}{end}",
	"{.kind}{end}", "{range .spec.values.nested}{.x}{end}", "{range .spec.values.nested.x}{@}{end}",
	"{range .status.conditions[*]}{.type}{end}{range .status.history[*]}{.version}{end}", "{range .spec.values.tags}{@}{end}",
	"{range .items[*]}{.metadata.name}{\"\\n\"}{range .status.conditions[*]}  {.type}{\"\\n\"}{end}{end}tail",
	"{range .spec.values.bools[*]}{@} {end}", "{range .items[*]}{@.kind}{end}", "{range .items[*].metadata}{.name}{end}",
	"{range .x}{end}", "{range .spec.values.tags[*]}{range @}{end}{end}", "{.kind}{range .spec.values.tags[*]}{@}{end}{.apiVersion}",
	// literals
	"{\"text\"}", "{'single'}", "{\"a\\tb\\n\"}", "{\"\\u00e9\\x41\\101\"}", "{\"\\U0001F600\"}", "{'a\"b'}", "{\"a'b\"}",
	"{\"\\'\"}", "{'\\\"'}", "{\"\\q\"}", "{\"\\x4\"}", "{\"\\777\"}", "{\"\\uD800\"}", "{\"\\\"}", "{\"a\\\\\"}",
	"{'ü\\n'}", "{\"\xff\\n\"}", "{1}", "{-1}", "{+1}", "{1.5}", "{1.}", "{+.5}", "{-0}", "{007}", "{1.2.3}", "{99999999999999999999}",
	"{-9223372036854775808}", "{+}", "{-}", "{١٢}", "{true}", "{false}", "{truex}", "{True}", "{.kind true}",
	"{.kind 1}", "{1 2}", "{.kind \"x\"}", "{\"x\" .kind}", "{5[0]}", "{\"ab\"[0]}", "{\"ab\".x}", "{true[0]}",
	"{.kind}{\"\\n\"}", "{ .kind }", "{.kind }", "{  }", "{@.metadata.name}", "{$.metadata.name}", "{@@.kind}",
	// identifiers and parse errors
	"{foo}", "{range_x}", "{ranger .items}", "{end2}", "{.kind", "{", "}", "}{.kind}", "{{.kind}}", "{.kind}}",
	"{.a[}", "{.a[x]}", "{.a[1:2:3:4]}", "{.a[-]}", "{.a[:-]}", "{.a[::-]}", "{.a[1-]}", "{.a[--1]}", "{.a[ 1]}",
	"{.a[99999999999999999999]}", "{.a[:99999999999999999999]}", "{.a[\n]}", "{.a[?(@.x)}", "{.a[?(@.x}", "{.a[?(@.x\n)]}",
	"{.a[?(@.x)]x}", "{.a[?()]}", "{.a[?(\"a)]}", "{.a[?(@.x==\"a)]}", "{.a[?(@.x=='a\")]}", "{.a[?(@.x == [)]}",
	"{.a[?([)]}", "{.a[?(@.x == \"\\q\")]}", "{.a\n}", "{.a\r}", "{.a\t}", "{\t.a}", "{!}", "{.a!}", "{#}", "{\x01}",
	"{\xff}", "{日本}", "{.日本}", "{é}", "{_x}", "{(}", "{.a,b}", "{.a b}", "{\"unterminated}", "{'x}", "{\"x\n\"}",
	"{....a}", "{..a..b}", "{.a....b}", "{..}", "{..[*]}", "{.a.}", "{.a..}", "{.}", "{.\\}", "{.a\\.b}", "{.a\\}",
	"{.a\\\\b}", "{.*x}", "{.x*}", "{[*]}", "{[0]}", "{['a']}", "{['a','b']}", "{['a b']}", "{['a.b']}", "{['a}']}",
	"{['a{']}", "{['']}", "{[\"a\"]}", "{[a]}", "{[?(@)]}", "{[0,[1]]}", "{[0,'a}']}", "{[0,\"x\"]}", "{[0,?(@.x)]}",
	"{.a[0]]}", "{.a]}", "{]}", "{,}", "{$$}", "{.a[0][1]}", "{\"a\"\"b\"}", "{.items[*].metadata.name}",
	"{.items[0:2].kind}", "{.items[*].status.conditions[?(@.type==\"Ready\")].status}", "{.items}", "{.items[*]}",
	"{.items[-1].metadata}", "{.items[*].metadata.labels.app}", "{.items[*]['kind','apiVersion']}",
	"{.spec.containers[*].ports[*].containerPort}", "{.spec.containers[?(@.name==\"app\")].image}",
	"{.status.containerStatuses[?(@.restartCount>5)].name}", "{.status.containerStatuses[?(@.ready==false)].name}",
	"{.spec.containers[*].resources.limits.cpu}", "{.spec.containers[1].args}", "{.spec.containers[*].args[*]}",
	"{range .spec.containers[*]}{.name}:{.image}{\"\\n\"}{end}", "{range .spec.containers[*]}{.ports[0].containerPort},{end}",
	"{.['']}", "{.a b}", "{['a b']}", "{['k.2'].x}", "{.k\\.2.x}", "{.k\\\\1}", "{['k\\1']}", "{.items[*].name}",
	"{.items[*]}", "{.items[3].name}", "{.list[*][*]}", "{.list[1][1][0]}", "{.list[*][0]}", "{.list[?(@[0])]}",
	"{.f}", "{.f[*]}", "{.f[?(@>1)]}", "{.f[?(@>1.0)]}", "{.f[?(@<0.0)]}", "{.u[?(@<0)]}", "{.u[?(@>=0)]}",
	"{.nums.i}", "{.nums.f}", "{.nums[?(@)]}", "{.s}", "{.s[0]}", "{.s.*}", "{..s}", "{.deep..d}", "{.deep.a.b.c.d}",
	"{.deep.*.*.*}", "{.n}", "{.n.x}", "{.n[0]}", "{.n[?(@)]}", "{.n.*}", "{.['a b']}", "{['a b']}", "{.a b}",
}

var jpModes = []string{"jp", "jpm", "json", "printer", "printer-strict"}

func genJSONPath(w *Writer) {
	r := rand.New(rand.NewSource(35435))
	fx := fixtures(r)
	fx = append(fx,
		fixture{"toplist", decode(`[1,"a",{"x":1,"name":"n"},[2,3],null]`), false},
		fixture{"topstr", "hello", false},
		fixture{"topint", int64(5), false},
		fixture{"topnull", nil, false},
	)
	byID := map[string]fixture{}
	for _, f := range fx {
		w.Rec(f.id, "object", tval.String(f.data))
		byID[f.id] = f
	}
	st := &jpStats{}
	n := 0
	named := []string{"hr", "hrlist", "pod", "odd", "emptylist", "podlist"}
	for _, t := range handTemplates {
		for _, id := range named {
			for _, mode := range jpModes {
				if mode != "jpm" && mode != "printer" && r.Intn(3) != 0 {
					continue
				}
				recJP(w, st, fmt.Sprintf("hand-%05d", n), mode, byID[id], t)
				n++
			}
		}
	}
	for _, t := range []string{"{.x}", "{[0]}", "{.*}", "{..x}", "{[?(@)]}", "{range @}{@}{end}", "{@}", "{[1:]}",
		"{.name}", "{range .[*]}{@}{end}", "{[*]}", "{[*].x}", "{[?(@.x==1)].name}", "{range [*]}[{@}]{end}"} {
		for _, id := range []string{"toplist", "topstr", "topint", "topnull"} {
			for _, mode := range []string{"jp", "jpm", "json"} {
				recJP(w, st, fmt.Sprintf("top-%05d", n), mode, byID[id], t)
				n++
			}
		}
	}
	for i := 0; i < 1800; i++ {
		f := fx[r.Intn(len(fx)-4)]
		if i%7 == 0 {
			f = fx[len(fx)-4+r.Intn(4)]
		}
		t := randTemplate(r)
		mode := jpModes[r.Intn(len(jpModes))]
		if i%3 == 0 {
			mode = "printer"
		}
		recJP(w, st, fmt.Sprintf("random-%05d", i), mode, f, t)
	}
	w.Printf("# ok %d, parse errors %d, exec errors %d, unordered %d, skipped (Go panics or random errors) %d\n",
		st.ok, st.parse, st.exec, st.unordered, st.skipped)
}

var randKeys = append(append([]string{}, keyPool...), "metadata", "labels", "status", "conditions", "items", "spec", "values", "tags")

func randSegment(r *rand.Rand) string {
	k := randKeys[r.Intn(len(randKeys))]
	switch r.Intn(16) {
	case 0, 1, 2, 3:
		return "." + strings.ReplaceAll(k, ".", "\\.")
	case 4:
		return fmt.Sprintf("[%d]", r.Intn(7)-3)
	case 5:
		return "[*]"
	case 6:
		parts := []string{"", "0", "1", "-1", "2", "-2", "5"}
		s := parts[r.Intn(len(parts))] + ":" + parts[r.Intn(len(parts))]
		if r.Intn(2) == 0 {
			s += ":" + []string{"", "1", "2", "0", "-1"}[r.Intn(5)]
		}
		return "[" + s + "]"
	case 7:
		return fmt.Sprintf("[%d,%d]", r.Intn(3), r.Intn(3))
	case 8:
		return "['" + k + "']"
	case 9:
		ops := []string{"==", "!=", "<", ">", "<=", ">=", "==", "=="}
		lits := []string{"\"a\"", "'b'", "1", "0", "-1", "1.5", "true", "false", "\"Ready\"", "@.x", "\"\""}
		lhs := "@." + k
		if r.Intn(4) == 0 {
			lhs = "@"
		}
		if r.Intn(5) == 0 {
			return "[?(" + lhs + ")]"
		}
		return "[?(" + lhs + ops[r.Intn(len(ops))] + lits[r.Intn(len(lits))] + ")]"
	case 10:
		return ".." + k
	case 11:
		return ".*"
	case 12:
		return ".." + "*"
	default:
		return "." + k
	}
}

func randPath(r *rand.Rand) string {
	var b strings.Builder
	for n := 1 + r.Intn(4); n > 0; n-- {
		b.WriteString(randSegment(r))
	}
	return b.String()
}

func randTemplate(r *rand.Rand) string {
	var b strings.Builder
	for n := 1 + r.Intn(3); n > 0; n-- {
		switch r.Intn(9) {
		case 0:
			b.WriteString([]string{"x", " ", "\n", "-", "}", "é"}[r.Intn(6)])
		case 1:
			b.WriteString("{range " + randPath(r) + "}{" + randPath(r) + "}{\"\\n\"}{end}")
		case 2:
			b.WriteString([]string{"{\"\\n\"}", "{'x'}", "{1}", "{true}", "{@}", "{$}"}[r.Intn(6)])
		default:
			b.WriteString("{" + randPath(r) + "}")
		}
	}
	t := b.String()
	if r.Intn(8) == 0 && len(t) > 0 {
		// damage it: the parser's error paths
		chars := []string{"{", "}", "[", "]", "(", ")", "'", "\"", "\\", ".", ",", "@", "$", "?", "*", ":", "=", "!", "<", "-", "+", " ", "\t", "\n", "\r", "日", "\xff"}
		i := r.Intn(len(t) + 1)
		switch r.Intn(3) {
		case 0:
			t = t[:i] + chars[r.Intn(len(chars))] + t[i:]
		case 1:
			if i < len(t) {
				t = t[:i] + t[i+1:]
			}
		default:
			t = t[:i]
		}
	}
	return t
}
