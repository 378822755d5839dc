package main

// Suite tmpl_exec: text/template execution with only the builtins, over data
// decoded from JSON (all numbers float64, as Helm's values), with Helm's
// missingkey=zero option.  Output is recorded raw ("<no value>" included:
// stripping it is Helm's engine's job, tested with the engine).

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand"
	"strings"
	"text/template"
)

const execData = `{
 "Values": {"name": "app", "replicas": 3, "ratio": 1.5, "big": 1000000, "neg": -2, "zero": 0,
   "enabled": true, "disabled": false, "empty": "", "nothing": null, "list": ["a", "b", "c"],
   "nums": [1, 2, 3], "mixed": [1, "x", true, null, {"k": "v"}], "emptylist": [], "emptymap": {},
   "map": {"b": 2, "a": 1, "c": {"d": "deep"}}, "str": "hello world", "pct": "100%",
   "html": "<a href='x'>&amp;</a>", "unicode": "héllo ✓", "multi": "line1\nline2"},
 "Release": {"Name": "rel", "Namespace": "ns", "IsInstall": true, "Revision": 1, "Service": "Helm"},
 "Chart": {"Name": "mychart", "Version": "0.1.0"}
}`

func execOne(text string) string {
	var data map[string]interface{}
	if err := json.Unmarshal([]byte(execData), &data); err != nil {
		panic(err)
	}
	t, err := template.New("t.yaml").Option("missingkey=zero").Parse(text)
	if err != nil {
		return "perr\t" + err.Error()
	}
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		return "err\t" + err.Error()
	}
	return "ok\t" + b.String()
}

var execCases = []string{
	"plain", "{{ .Values.name }}", "{{ .Values.replicas }}", "{{ .Values.ratio }}", "{{ .Values.big }}",
	"{{ .Values.neg }}", "{{ .Values.enabled }}", "{{ .Values.nothing }}", "{{ .Values.missing }}",
	"{{ .Values.missing.deeper }}", "{{ .Values.nothing.x }}", "{{ .Values.name.x }}", "{{ .Values.list.x }}",
	"{{ .Values.list }}", "{{ .Values.map }}", "{{ .Values.mixed }}", "{{ .Values.emptylist }}", "{{ .Values.emptymap }}",
	"{{ .Values }}", "{{ . }}", "{{ $ }}", "{{ .Nope }}", "{{ .Nope.x }}", "{{ $x := .Values.missing }}{{ $x.y }}",
	"{{ $x := .Values.name }}{{ $x.y }}", "{{ $x := 5 }}{{ $x.y }}", "{{ $x := .Values.map }}{{ $x.c.d }}",
	"{{ (.Values.map).a }}", "{{ (.Values.name).x }}", "{{ (.Values.missing).x }}", "{{ nil.x }}",
	"{{ .Values.map.a 1 }}", "{{ .Values.name 1 }}", "{{ 1 2 }}", "{{ $x := 1 }}{{ $x 2 }}", "{{ nil }}",
	"{{ if .Values.enabled }}yes{{ else }}no{{ end }}", "{{ if .Values.disabled }}yes{{ else }}no{{ end }}",
	"{{ if .Values.empty }}y{{ else }}n{{ end }}", "{{ if .Values.zero }}y{{ else }}n{{ end }}",
	"{{ if .Values.emptylist }}y{{ else }}n{{ end }}", "{{ if .Values.emptymap }}y{{ else }}n{{ end }}",
	"{{ if .Values.missing }}y{{ else }}n{{ end }}", "{{ if .Values.nothing }}y{{ else }}n{{ end }}",
	"{{ if .Values.list }}y{{ end }}", "{{ with .Values.map }}{{ .a }}{{ end }}", "{{ with .Values.missing }}x{{ else }}none{{ end }}",
	"{{ with .Values.missing }}x{{ else with .Values.name }}{{ . }}{{ end }}", "{{ if .Values.missing }}a{{ else if .Values.name }}b{{ end }}",
	"{{ range .Values.list }}[{{ . }}]{{ end }}", "{{ range $i, $v := .Values.list }}{{ $i }}={{ $v }} {{ end }}",
	"{{ range $k, $v := .Values.map }}{{ $k }}={{ $v }};{{ end }}", "{{ range .Values.emptylist }}x{{ else }}empty{{ end }}",
	"{{ range .Values.missing }}x{{ else }}none{{ end }}", "{{ range .Values.name }}{{ . }}{{ end }}", "{{ range 3 }}{{ . }}{{ end }}",
	"{{ range .Values.replicas }}{{ . }}{{ end }}", "{{ range $v := .Values.nums }}{{ $v }}{{ end }}",
	"{{ range .Values.list }}{{ if eq . \"b\" }}{{ break }}{{ end }}{{ . }}{{ end }}",
	"{{ range .Values.list }}{{ if eq . \"b\" }}{{ continue }}{{ end }}{{ . }}{{ end }}",
	"{{ $x := 0 }}{{ range .Values.list }}{{ $x = . }}{{ end }}{{ $x }}", "{{ $x := 1 }}{{ if true }}{{ $x := 2 }}{{ end }}{{ $x }}",
	"{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}", "{{ range $i, $v := .Values.map }}{{ $i }}{{ end }}",
	"{{ define \"t\" }}[{{ . }}]{{ end }}{{ template \"t\" .Values.name }}", "{{ template \"nope\" }}",
	"{{ define \"t\" }}{{ $ }}{{ end }}{{ template \"t\" 5 }}", "{{ define \"t\" }}{{ .Values.missing.x }}{{ end }}{{ template \"t\" . }}",
	"{{ block \"b\" .Values.list }}{{ . }}{{ end }}",
	"{{ len .Values.list }}", "{{ len .Values.map }}", "{{ len .Values.name }}", "{{ len .Values.replicas }}", "{{ len .Values.missing }}",
	"{{ len .Values.nothing }}", "{{ $x := .Values.missing }}{{ len $x }}", "{{ len 3 }}", "{{ len \"abc\" }}",
	"{{ index .Values.list 1 }}", "{{ index .Values.list 3 }}", "{{ index .Values.list 4 }}", "{{ index .Values.list -1 }}",
	"{{ index .Values.map \"a\" }}", "{{ index .Values.map \"zz\" }}", "{{ index .Values.map \"c\" \"d\" }}", "{{ index .Values.map 1 }}",
	"{{ index .Values.name 0 }}", "{{ index .Values.missing 0 }}", "{{ index .Values.nothing 0 }}", "{{ index .Values.map \"zz\" \"x\" }}",
	"{{ index .Values.list 1.5 }}", "{{ index .Values.replicas 0 }}", "{{ index .Values.list }}", "{{ index .Values.mixed 4 \"k\" }}",
	"{{ index .Values.list .Values.replicas }}", "{{ index .Values.map nil }}", "{{ index . \"Values\" \"name\" }}",
	"{{ slice .Values.list 1 }}", "{{ slice .Values.list 1 2 }}", "{{ slice .Values.list 2 1 }}", "{{ slice .Values.str 0 5 }}",
	"{{ slice .Values.str 1 2 3 }}", "{{ slice .Values.list 0 1 2 }}", "{{ slice .Values.list 0 1 2 3 }}", "{{ slice .Values.list }}",
	"{{ slice .Values.map 1 }}", "{{ slice .Values.list 5 }}",
	"{{ not .Values.enabled }}", "{{ not .Values.missing }}", "{{ not 0 }}", "{{ and 1 2 }}", "{{ and 0 2 }}", "{{ or 0 \"\" }}",
	"{{ or 0 \"x\" }}", "{{ and .Values.enabled .Values.name }}", "{{ or .Values.missing .Values.name }}", "{{ and }}", "{{ or 1 }}",
	"{{ .Values.name | and 1 }}", "{{ .Values.missing | or 0 }}", "{{ and .Values.missing.x 1 }}", "{{ or 1 .Values.missing.x }}",
	"{{ eq 1 1 }}", "{{ eq 1 2 }}", "{{ eq .Values.replicas 3 }}", "{{ eq .Values.replicas 3.0 }}", "{{ eq .Values.name \"app\" }}",
	"{{ eq .Values.name \"x\" \"app\" }}", "{{ eq 1 }}", "{{ eq .Values.missing nil }}", "{{ eq .Values.missing \"x\" }}",
	"{{ eq .Values.list .Values.list }}", "{{ eq .Values.map .Values.map }}", "{{ eq .Values.list .Values.map }}", "{{ eq true true }}",
	"{{ eq 1 true }}", "{{ ne 1 2 }}", "{{ ne \"a\" \"a\" }}", "{{ ne 1 \"a\" }}", "{{ lt 1 2 }}", "{{ lt 2 1 }}", "{{ lt 1.5 2.5 }}",
	"{{ lt \"a\" \"b\" }}", "{{ lt 1 2.0 }}", "{{ lt true false }}", "{{ lt .Values.list 1 }}", "{{ lt .Values.replicas 4.0 }}",
	"{{ le 2 2 }}", "{{ gt 3 2 }}", "{{ ge 2 3 }}", "{{ le \"b\" \"a\" }}", "{{ gt .Values.missing 1 }}", "{{ lt nil 1 }}",
	"{{ print }}", "{{ print 1 2 }}", "{{ print \"a\" \"b\" }}", "{{ print 1 \"a\" 2 }}", "{{ print .Values.list .Values.map }}",
	"{{ print .Values.missing }}", "{{ print nil }}", "{{ println 1 2 }}", "{{ printf \"%d\" 5 }}", "{{ printf \"%s-%s\" \"a\" \"b\" }}",
	"{{ printf \"%v\" .Values.map }}", "{{ printf \"%d\" .Values.replicas }}", "{{ printf \"%05.2f\" .Values.ratio }}",
	"{{ printf \"%q\" .Values.name }}", "{{ printf \"%T\" .Values.replicas }}", "{{ printf \"%T\" 1 }}", "{{ printf \"%T\" .Values.list }}",
	"{{ printf \"%T\" .Values.missing }}", "{{ printf \"%x\" .Values.name }}", "{{ printf 5 }}", "{{ printf }}", "{{ printf \"%s\" }}",
	"{{ printf \"%d %d\" 1 }}", "{{ printf \"%d\" 1 2 }}", "{{ html .Values.html }}", "{{ js .Values.html }}", "{{ urlquery .Values.html }}",
	"{{ html 1 2 }}", "{{ js \"a\\u2028b\" }}", "{{ urlquery \"a b/c?d=e\" }}", "{{ call .Values.name }}", "{{ call .Values.missing }}",
	"{{ call }}", "{{ 1.5 }}", "{{ 1e3 }}", "{{ 0x10 }}", "{{ 'a' }}", "{{ -0 }}", "{{ 99999999999 }}", "{{ 1e100 }}",
	"{{ 18446744073709551615 }}", "{{ \"s\" }}", "{{ `raw` }}", "{{ true }}", "{{ . | print }}", "{{ .Values.name | printf \"%s!\" }}",
	"{{ .Values.name | len }}", "{{ .Values.list | index 1 }}", "{{ 1 | index .Values.list }}", "{{ \"x\" | eq \"x\" }}",
	"{{ .Values.pct }}", "{{ printf .Values.pct }}", "{{ .Values.unicode }}", "{{ .Values.multi }}", "{{ .Release.Name }}",
	"{{ .Release.Nope }}", "{{ .Chart.Name }}", "{{- .Values.name -}}", "a {{- \" b \" -}} c",
	"{{ $v := .Values }}{{ range $k, $x := $v.map }}{{ $k }}{{ $v.name }}{{ end }}",
	"{{ range $i, $e := .Values.mixed }}{{ $i }}:{{ $e }};{{ end }}", "{{ range .Values.mixed }}{{ printf \"%T\" . }};{{ end }}",
	"{{ index .Values.mixed 3 }}", "{{ (index .Values.mixed 4).k }}", "{{ (index .Values.mixed 3).k }}", "{{ (index .Values.mixed 0).k }}",
	"{{ .Values.map.c.d.e }}", "{{ .Values.map.zz.e }}", "{{ with $x := .Values.name }}{{ $x }}{{ end }}",
	"{{ range $x := .Values.emptymap }}{{ else }}e{{ end }}", "{{ if and .Values.enabled (not .Values.disabled) }}ok{{ end }}",
	"{{ (print 1) }}", "{{ (1) }}", "{{ (.Values.map) }}", "{{ print (len .Values.list) (index .Values.list 0) }}",
}

var execAtoms = []string{".Values.name", ".Values.replicas", ".Values.ratio", ".Values.list", ".Values.map",
	".Values.missing", ".Values.nothing", ".Values.enabled", ".Values.empty", ".Values.map.a", ".Values.map.c.d",
	"1", "0", "-3", "2.5", "\"s\"", "\"\"", "true", "false", "nil", ".", "$", "(index .Values.list 0)", ".Values.nums",
	".Values.mixed", ".Release.Name", ".Values.str"}
// execFuncs: name and the argument counts that make a valid call (the
// generator breaks the count now and then to cover the arity errors).
var execFuncs = []struct {
	name     string
	min, max int
}{{"print", 0, 3}, {"len", 1, 1}, {"not", 1, 1}, {"and", 1, 3}, {"or", 1, 3}, {"eq", 2, 3}, {"ne", 2, 2},
	{"lt", 2, 2}, {"le", 2, 2}, {"gt", 2, 2}, {"ge", 2, 2}, {"index", 1, 3}, {"slice", 1, 3}, {"html", 1, 2},
	{"js", 1, 2}, {"urlquery", 1, 2}, {"printf \"%v\"", 1, 1}, {"printf \"%d\"", 1, 1}, {"printf \"%s\"", 1, 1},
	{"println", 0, 2}}

func randExecPipe(r *rand.Rand, depth int) string {
	var cmds []string
	for i := 0; i < 1+r.Intn(2); i++ {
		var args []string
		if i == 0 && r.Intn(4) == 0 {
			cmds = append(cmds, execAtoms[r.Intn(len(execAtoms))])
			continue
		}
		f := execFuncs[r.Intn(len(execFuncs))]
		args = append(args, f.name)
		n := f.min + r.Intn(f.max-f.min+1)
		if i > 0 && n > 0 {
			n-- // the piped value is the last argument
		}
		if r.Intn(15) == 0 {
			n++
		}
		for k := 0; k < n; k++ {
			if depth > 0 && r.Intn(5) == 0 {
				args = append(args, "("+randExecPipe(r, depth-1)+")")
			} else {
				args = append(args, execAtoms[r.Intn(len(execAtoms))])
			}
		}
		cmds = append(cmds, strings.Join(args, " "))
	}
	return strings.Join(cmds, " | ")
}

func genTmplExec(w *Writer) {
	for i, c := range execCases {
		w.Rec(fmt.Sprintf("case%03d", i), c, execOne(c))
	}
	r := rand.New(rand.NewSource(424242))
	for i := 0; i < 4000; i++ {
		var text string
		switch r.Intn(4) {
		case 0:
			text = "{{ if " + randExecPipe(r, 1) + " }}T{{ else }}F{{ end }}"
		case 1:
			text = "{{ range $i, $v := " + randExecPipe(r, 1) + " }}{{ $i }}={{ $v }},{{ else }}E{{ end }}"
		default:
			text = "{{ " + randExecPipe(r, 2) + " }}"
		}
		w.Rec(fmt.Sprintf("rand%04d", i), text, execOne(text))
	}
}

func init() { register("tmpl_exec", genTmplExec) }
