package main

// Suite tmpl_parse: text/template parsing — each input template is parsed
// the way Helm parses a chart file (template.New(name).Funcs(...).Parse) and
// the result is every tree's Root.String(), sorted by name, or the error.

import (
	"fmt"
	"math/rand"
	"sort"
	"strings"
	"text/template"
)

// parseFuncNames is the function table both sides check identifiers
// against (the C test declares the same names).
var parseFuncNames = []string{
	"include", "tpl", "toYaml", "quote", "default", "list", "dict", "upper",
	"required", "fail", "b64enc", "trim", "nindent", "indent", "replace", "add",
}

func parseFuncMap() template.FuncMap {
	fm := template.FuncMap{}
	for _, n := range parseFuncNames {
		fm[n] = func(args ...interface{}) string { return "" }
	}
	return fm
}

func parseOne(name, text string) string {
	t := template.New(name).Funcs(parseFuncMap())
	if _, err := t.Parse(text); err != nil {
		return "err\t" + err.Error()
	}
	var names []string
	trees := map[string]string{}
	for _, tt := range t.Templates() {
		if tt.Tree == nil || tt.Tree.Root == nil {
			continue
		}
		names = append(names, tt.Name())
		trees[tt.Name()] = tt.Tree.Root.String()
	}
	sort.Strings(names)
	var sb strings.Builder
	sb.WriteString("ok")
	for _, n := range names {
		sb.WriteString("\t" + n + "\t" + trees[n])
	}
	return sb.String()
}

var parseCases = []string{
	"", "hello", "{{.}}", "{{ . }}", "{{.Values.a.b}}", "{{ $x := 1 }}{{ $x }}", "{{ $x = 2 }}",
	"{{$}}", "{{$.Values}}", "{{ .a | quote }}", "{{ .a | default \"x\" | quote }}",
	"{{- .a -}}", "a  {{- .b -}}  c", "a {{- /* c */ -}} b", "{{/* comment */}}", "{{- /* c */}}x",
	"{{/* unclosed", "{{/* c */ x}}", "{{ if .a }}A{{ end }}", "{{ if .a }}A{{ else }}B{{ end }}",
	"{{ if .a }}A{{ else if .b }}B{{ else }}C{{ end }}", "{{ with .a }}{{ . }}{{ end }}",
	"{{ with .a }}A{{ else with .b }}B{{ end }}", "{{ range .a }}{{ . }}{{ end }}",
	"{{ range $i, $v := .a }}{{ $i }}{{ $v }}{{ end }}", "{{ range $v := .a }}{{ end }}",
	"{{ range $i, $v, $w := .a }}{{ end }}", "{{ range .a }}{{ break }}{{ end }}",
	"{{ range .a }}{{ continue }}{{ end }}", "{{ break }}", "{{ continue }}",
	"{{ range .a }}x{{ else }}y{{ end }}", "{{ define \"x\" }}X{{ end }}{{ template \"x\" . }}",
	"{{ define \"x\" }}X{{ end }}{{ define \"x\" }}Y{{ end }}", "{{ define \"x\" }} {{ end }}{{ define \"x\" }}Y{{ end }}",
	"{{ block \"b\" . }}B{{ end }}", "{{ template \"x\" }}", "{{ template x }}", "{{ template `x` .a }}",
	"{{ include \"a\" . | nindent 4 }}", "{{ nope }}", "{{ .a nope }}", "{{ (1) }}", "{{ (.a).b }}",
	"{{ (.a | quote).b }}", "{{ 1.b }}", "{{ \"x\".y }}", "{{ nil.x }}", "{{ true.x }}", "{{ ..x }}",
	"{{ $x.a.b }}", "{{ $undefined }}", "{{ 0x1F }}", "{{ 1e3 }}", "{{ 1_000 }}", "{{ 0o17 }}", "{{ 017 }}",
	"{{ 0b101 }}", "{{ -1 }}", "{{ +1 }}", "{{ 1.5 }}", "{{ .5 }}", "{{ 1. }}", "{{ 'a' }}", "{{ '\\n' }}",
	"{{ '\\x41' }}", "{{ 'ab' }}", "{{ '' }}", "{{ 1+2i }}", "{{ 2i }}", "{{ 99999999999999999999 }}",
	"{{ 1e999 }}", "{{ 0x }}", "{{ 1a }}", "{{ 08 }}", "{{ 0x1p-2 }}", "{{ \"a\\tb\" }}", "{{ \"a\\qb\" }}",
	"{{ `raw\nstring` }}", "{{ \"unterminated }}", "{{ `unterminated }}", "{{ 'x }}", "{{", "{{ .a", "}}",
	"{{ .a }", "{{ end }}", "{{ else }}", "{{ if }}{{ end }}", "{{ if .a }}", "{{ if .a }}{{ else }}",
	"{{ if .a }}{{ else }}{{ else }}{{ end }}", "{{ range }}{{ end }}", "{{ with }}{{ end }}",
	"{{ .a | 1 }}", "{{ .a | \"x\" }}", "{{ .a | . }}", "{{ .a | nil }}", "{{ .a | true }}",
	"{{ .a | }}", "{{ | .a }}", "{{ .a || .b }}", "{{ ( }}", "{{ ) }}", "{{ (.a }}", "{{ .a) }}",
	"{{ $x := }}", "{{ $x := 1 2 }}", "{{ $x, $y := .a }}", "{{ x := 1 }}", "{{ $x : 1 }}",
	"{{ @ }}", "{{ .a# }}", "{{ é }}", "{{ .é }}", "{{ \x01 }}", "{{ .a\n.b }}", "{{ .a\n}}",
	"line1\nline2\n{{ nope }}", "line1\n{{ .a\n\n| nope }}", "{{ if .a }}\n\n{{ end }}\n{{ end }}",
	"{{define \"a\"}}{{define \"b\"}}{{end}}{{end}}", "{{ define }}", "{{ define \"a\" }}", "{{ define 1 }}{{ end }}",
	"{{ template }}", "{{ block }}", "{{ block \"x\" }}{{ end }}", "{{-3}}", "{{- 3}}", "{{3 -}}", "{{3-}}",
	"{{ print 1 2 3 }}", "{{ printf \"%d\" 1 }}", "{{ len .a }}", "{{ index .a 1 2 }}", "{{ and 1 2 }}",
	"{{ or 1 2 }}", "{{ not 1 }}", "{{ eq 1 2 }}", "{{ slice .a 1 2 }}", "{{ call .f }}", "{{ html \"<\" }}",
	"{{ js \"x\" }}", "{{ urlquery \"x\" }}", "{{ println }}", "{{ .a.b.c.d }}", "{{ $.a.b }}", "{{ $x := .a }}{{ $x.b.c }}",
	"{{ range $k, $v := . }}{{ $k }}{{ end }}{{ $k }}", "{{ if $x := .a }}{{ $x }}{{ end }}{{ $x }}",
	"{{ with $x := .a }}{{ $x }}{{ else }}{{ $x }}{{ end }}", "{{ (print 1) | quote }}", "{{ print (1) (2) }}",
	"{{ .a.b | default (list 1 2) | toYaml | nindent 2 }}", "text {{ .a }} more {{ .b }} end",
	"{{ \"\\u00e9\" }}", "{{ \"\\U0001F600\" }}", "{{ \"\\uD800\" }}", "{{ \"\\377\" }}", "{{ \"\\400\" }}",
	"{{ `a\rb` }}", "{{ nil }}", "{{ true }}", "{{ false }}", "{{ .true }}", "{{ $x := nil }}",
	"{{ range .a }}{{ range .b }}{{ break }}{{ end }}{{ continue }}{{ end }}",
	"{{ if .a }}{{ break }}{{ end }}", "{{ range .a }}{{ if .b }}{{ break }}{{ end }}{{ end }}",
	"{{ break 1 }}", "{{ range .a }}{{ break 1 }}{{ end }}", "{{ else if .a }}", "{{ if .a }}{{ else with .b }}{{ end }}",
	"{{ with .a }}{{ else if .b }}{{ end }}", "{{/*\n*/}}\n{{ nope }}", "{{- /* a\nb\nc */ -}}\n\n{{ nope }}",
	"{{/*\n\n*/}}{{ .a\n| nope }}", "{{/* x\n*/}}\n{{ if .a }}\n{{ end }}\n{{ end }}", "{{ range .a }}{{ else if .b }}{{ end }}{{ end }}",
}

func genTmplParse(w *Writer) {
	for i, c := range parseCases {
		w.Rec(fmt.Sprintf("case%03d", i), c, parseOne("t.yaml", c))
	}
	// Random templates from a grammar, some mutated to provoke errors.
	r := rand.New(rand.NewSource(20261124))
	for i := 0; i < 3000; i++ {
		text := randTemplate(r, 3, true)
		if r.Intn(10) < 8 {
			text = "{{ $x := 1 }}{{- $v := .a }}" + text
		}
		if r.Intn(3) == 0 {
			text = mutateTmpl(r, text)
		}
		w.Rec(fmt.Sprintf("rand%04d", i), text, parseOne("charts/x/templates/t.yaml", text))
	}
}

var randAtoms = []string{".", ".a", ".a.b", "$", "$.a", "1", "-2", "1.5", "0x10", "'c'", "\"s\"", "`r`",
	"nil", "true", "false", "(.a)", "(list 1 2)", "$x", "$v"}
var randFuncs = []string{"quote", "default", "list", "dict", "print", "printf", "len", "index",
	"and", "or", "not", "eq", "include", "toYaml", "nindent", "upper", "nope"}

func randPipe(r *rand.Rand, depth int) string {
	n := 1 + r.Intn(3)
	var cmds []string
	for i := 0; i < n; i++ {
		var args []string
		if i > 0 || r.Intn(2) == 0 {
			args = append(args, randFuncs[r.Intn(len(randFuncs))])
		}
		for k := r.Intn(3); k >= 0; k-- {
			if depth > 0 && r.Intn(6) == 0 {
				args = append(args, "("+randPipe(r, depth-1)+")")
			} else {
				args = append(args, randAtoms[r.Intn(len(randAtoms))])
			}
		}
		cmds = append(cmds, strings.Join(args, " "))
	}
	p := strings.Join(cmds, " | ")
	switch r.Intn(8) {
	case 0:
		p = "$x := " + p
	case 1:
		p = "$x = " + p
	}
	return p
}

func randDelims(r *rand.Rand) (string, string) {
	l, rr := "{{", "}}"
	if r.Intn(3) == 0 {
		l = "{{- "
	}
	if r.Intn(3) == 0 {
		rr = " -}}"
	}
	return l, rr
}

func randTemplate(r *rand.Rand, depth int, top bool) string {
	var sb strings.Builder
	for n := 1 + r.Intn(4); n > 0; n-- {
		l, rr := randDelims(r)
		switch k := r.Intn(10); {
		case k < 3:
			sb.WriteString([]string{"text ", "\n", "  a: ", "x\n  ", " "}[r.Intn(5)])
		case k < 6:
			sb.WriteString(l + randPipe(r, 2) + rr)
		case k == 6 && depth > 0:
			kw := []string{"if", "with", "range"}[r.Intn(3)]
			sb.WriteString(l + kw + " " + randPipe(r, 1) + rr + randTemplate(r, depth-1, false))
			if r.Intn(3) == 0 {
				sb.WriteString("{{ else }}" + randTemplate(r, depth-1, false))
			}
			sb.WriteString("{{ end }}")
		case k == 7 && depth > 0 && top:
			sb.WriteString("{{ define \"d" + fmt.Sprint(r.Intn(3)) + "\" }}" + randTemplate(r, depth-1, false) + "{{ end }}")
		case k == 8:
			sb.WriteString(l + "/* c */" + rr)
		default:
			sb.WriteString(l + "template \"d" + fmt.Sprint(r.Intn(3)) + "\" ." + rr)
		}
	}
	return sb.String()
}

func mutateTmpl(r *rand.Rand, s string) string {
	if len(s) == 0 {
		return "{{"
	}
	b := []byte(s)
	i := r.Intn(len(b))
	switch r.Intn(3) {
	case 0:
		return string(append(b[:i:i], b[i+1:]...))
	case 1:
		c := "{}()|$.\"'`- \n:=,"[r.Intn(16)]
		return string(b[:i]) + string(c) + string(b[i:])
	default:
		b[i] = "{}()|$.\"'`- \n:=,"[r.Intn(16)]
		return string(b)
	}
}

func init() { register("tmpl_parse", genTmplParse) }
