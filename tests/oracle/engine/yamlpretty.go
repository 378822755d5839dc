package main

// Suite yamlpretty: Helm's toYamlPretty (pkg/engine/funcs.go: gopkg.in/yaml.v3
// Encoder with SetIndent(2), one trailing newline trimmed) over the fixture
// values, hand-picked tricky strings (v3's resolver, YAML 1.1 booleans and
// base-60 floats, indicators, breaks, tabs, non-printable and invalid UTF-8,
// keys over 128 bytes), key sets for v3's natural key order, Go ints/floats
// from template literals, float64s from fromYaml/fromJson, []byte, host
// values, and seeded random nested values built with dict/list.

import (
	"fmt"
	"math/rand"
	"strings"
)

var ypStrings = []string{
	"", " ", "  ", "x", "hello world", "a:b", "a: b", "a:", ":a", ": a", "#c", "a#b", "a #b", "- d", "-", "--",
	"---", "----", "...", "....", "-a", "? x", "?x", "?", "1", "-1", "+1", "1.0", "1.", ".5", "5.", "1e3", "1E3",
	"1e400", "-1e400", "1e-400", ".5_5", "._5", "0x1F", "0X1f", "0x_1", "0o17", "0O17", "0o8", "-0o17", "0b101",
	"-0b101", "0b2", "0b-1", "0o-7", "0777", "08", "09.5", "1_000", "1__0", "_1", "1_", "+", "-0", "0", "00",
	"Infinity", "inf", "-inf", "NaN", "nan", ".inf", ".Inf", ".INF", "+.inf", "-.inf", ".nan", ".NaN", ".NAN",
	"-.nan", ".iNf", "true", "True", "TRUE", "tRue", "false", "False", "FALSE", "y", "Y", "yes", "Yes", "YES",
	"yEs", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "oN", "~", "null", "Null", "NULL",
	"nULL", "<<", "=", "12:30", "1:2:3.5", "190:20:30", "-1:30", "+1:30.5_", "1:60", "1_0:30", "12:30:", "2001-12-14",
	"2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10", "2001-12-14T21:59:43Z", "2002-12-14 21:59:43 -5",
	"2024-1-2", "2024-13-01", "20240101", "1234-", "\t", "a\tb", "tab\t", "\ta", "a\nb", "a\n", "a\n\n", "\n",
	"\n\n", "\na", " \na", "a \nb", "a\n b", "a\n\nb", "  a\nb", "a\nb ", "a\r\nb", "a\rb", "\r", "line1\nline2\nline3",
	"\u2028", "a\u2028b", "a\u2029", "\u0085", "a\u0085b", "\ufeff", "\ufeffa", "a\ufeff", "😀", "a😀b", "é", "ü✓",
	"\u00a0", "a\u00a0b", "\x7f", "\x01", "\x00", "\x1b", "\x07\x08\x0b\x0c", "\u0080", "\u009f", "\ufffe", "\uffff",
	"\ufffd", "'", "''", "\"", "\"q\"", "'s'", "it's", "\\", "a\\b", "@", "@at", "`", "`bt", "%", "%p", "!", "!t",
	"&", "&a", "*", "*a", "|", "|x", ">", ">x", "[", "]", "{", "}", "[x]", "{y}", ",", "a,b", "a[b]", "a{b}", "a?b",
	"a!b", "a&b", "a*b", "a|b", "a>b", "a'b", "a\"b", "a%b", "a@b", "a`b", "-\tx", "- ", " -", "a ", " a", "a  b",
	"a\t", "\xff", "a\xffb", "\xc3", "\xed\xa0\x80", "\xf4\x90\x80\x80", "k: v\nk2: v2\n", "  indented\n  text\n",
	"trailing spaces  \nnext", "x\n\n\n", "# comment\nx", "- a\n- b",
	strings.Repeat("long ", 40), strings.Repeat("w", 200), strings.Repeat("ab\n", 30),
	strings.Repeat("\xfe", 60), "\xff" + strings.Repeat("z", 130),
}

var ypKeys = []string{
	"a", "b", "B", "Z", "z", "_x", "-x", "1", "01", "001", "10", "2", "9", "a1", "a01", "a001", "a2", "a10", "a10b",
	"a9z", "ab", "aB", "a-b", "a_b", "a.b", "a b", "é", "ü", "Ω", "日本", "x1y", "x1Y", "x01y", "", " ", "true",
	"yes", "null", "1.5", "k1", "k2", "k11", "kA", "k-1", "a\nb", "a\tb", "#k", "?", ":", "- x", "1a", "1b", "1-",
	"١٢", "a١", strings.Repeat("k", 128), strings.Repeat("k", 129), strings.Repeat("é", 65), "\xffkey",
}

// ypQuote: a template string literal with exactly these bytes.
func ypQuote(s string) string { return fmt.Sprintf("%q", s) }

// ypRand: a random template expression for a value (ints and floats as
// template literals, strings from the tricky list or random characters).
func ypRand(r *rand.Rand, depth int) string {
	k := r.Intn(14)
	if depth > 3 && k >= 9 {
		k = r.Intn(9)
	}
	switch k {
	case 0:
		return fmt.Sprint(r.Intn(2000) - 1000)
	case 1:
		return []string{"0.5", "-2.25", "1e21", "1e-7", "3.14159", "100.0", "0.0", "1e100", "1e6", "123456789.0",
			"-0.0", "2.5e-5", "9223372036854775807", "-9223372036854775808"}[r.Intn(14)]
	case 2, 3:
		return ypQuote(ypStrings[r.Intn(len(ypStrings))])
	case 4:
		const alpha = "ab :#-'\"\n\t\\é✓😀?,[]{}!&*|>%@`01.~ \u2028\xff"
		rs := []rune(alpha)
		n := r.Intn(8)
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteRune(rs[r.Intn(len(rs))])
		}
		return ypQuote(b.String())
	case 5:
		return []string{"true", "false", "nil"}[r.Intn(3)]
	case 6:
		return fmt.Sprintf("%q", fmt.Sprintf("s%d", r.Intn(100)))
	case 7:
		return []string{".Values.name", ".Values.ratio", ".Values.big", ".Values.map", ".Values.list", ".Values.multi",
			".Values.nothing", ".Values.emptylist", ".Values.emptymap", ".Values.spaces", ".Values.mixed"}[r.Intn(11)]
	case 8:
		return "(list)"
	case 9, 10:
		n := r.Intn(4)
		var b strings.Builder
		b.WriteString("(list")
		for i := 0; i < n; i++ {
			b.WriteString(" " + ypRand(r, depth+1))
		}
		b.WriteString(")")
		return b.String()
	default:
		n := r.Intn(5)
		var b strings.Builder
		b.WriteString("(dict")
		for i := 0; i < n; i++ {
			var key string
			if r.Intn(3) == 0 {
				key = ypKeys[r.Intn(len(ypKeys))]
			} else {
				key = string(rune('a' + r.Intn(6)))
			}
			b.WriteString(" " + ypQuote(key) + " " + ypRand(r, depth+1))
		}
		b.WriteString(")")
		return b.String()
	}
}

// ypYaml: random YAML text for fromYaml (float64 numbers, as Helm's values).
func ypYaml(r *rand.Rand, depth int, indent string) string {
	var b strings.Builder
	n := 1 + r.Intn(4)
	for i := 0; i < n; i++ {
		key := string(rune('a' + r.Intn(8)))
		switch k := r.Intn(7); {
		case k == 0 && depth < 3:
			b.WriteString(indent + key + ":\n" + ypYaml(r, depth+1, indent+"  "))
		case k == 1 && depth < 3:
			b.WriteString(indent + key + ":\n")
			for j := 0; j < 1+r.Intn(3); j++ {
				b.WriteString(indent + "- " + []string{"1", "x", "2.5", "null", "'a: b'", "{}", "[]", "yes"}[r.Intn(8)] + "\n")
			}
		default:
			b.WriteString(indent + key + ": " + []string{"1", "1.5", "1e6", "12345678901", "-3", "0", "x", "'y'",
				"\"a\\nb\"", "~", "true", "on", "2024-01-02", "'2024-01-02'", "1e400", "0x10", "[1, 2]", "{a: 1}",
				"\"\\t\"", "'#'", "|\n" + indent + "  lit\n" + indent + "  text"}[r.Intn(21)] + "\n")
		}
	}
	return b.String()
}

func init() {
	register("yamlpretty", func() []string {
		var s []string
		add := func(e string) { s = append(s, "{{ toYamlPretty "+e+" }}") }
		for _, e := range []string{".Values", ".Values.map", ".Values.list", ".Values.nums", ".Values.mixed",
			".Values.multi", ".Values.name", ".Values.ratio", ".Values.big", ".Values.neg", ".Values.zero",
			".Values.enabled", ".Values.empty", ".Values.nothing", ".Values.emptylist", ".Values.emptymap",
			".Values.spaces", ".Values.unicode", ".Values.html", ".Values.url", ".Values.date", ".Values.version",
			".Values.pct", ".Values.missing", "nil", "1", "-1", "1.5", "1e6", "1e21", "0.000001", "-0.0", "true",
			`""`, "(list)", "(dict)", "(list (list))", "(list (dict))", "(dict \"a\" (list))", "(dict \"a\" (dict))",
			"(list 1 (list 2 (list 3 (list))))", `(dict "a" (dict "b" (dict "c" (list 1 (dict "d" 2)))))`,
			`(list (dict "a" 1 "b" (list 1 2)) (list (dict "x" "y")))`, `(list (list (dict "a" "x\ny")))`,
			`(dict "k" "line1\nline2" "l" (list "a\nb" "c\n"))`, `(dict "k" (list (dict "m" "x\n  y\n")))`,
			`(.Files.GetBytes "files/a.txt")`, `(list (.Files.GetBytes "files/b.json"))`, `(.Files.Get "files/a.txt")`,
			`(.Files.Lines "files/a.txt")`, `(splitList "," "a,b")`, `(keys .Values.map | sortAlpha)`,
			`(fromYaml .Values.yamlText)`, `(fromJson .Values.jsonText)`, `(fromYamlArray "[1, 2.5, x, null]")`,
			`(fromYaml "a: .inf\nb: -.inf\nc: .nan")`, `(atoi "12")`, `(int64 5)`,
			`(float64 3)`, `(toString 5)`, `(until 3)`, `(list 1 "1" 1.0 true "true")`, `.Values.AsMap`,
			`(dict "a" .Values)`, `(list .Values.map .Values.map)`, `(b64enc "x")`, `(list "a" nil "")`,
		} {
			add(e)
		}
		// pipelines as charts use it
		s = append(s, `{{ .Values.map | toYamlPretty | nindent 2 }}`, `x:{{ toYamlPretty .Values.list | nindent 2 }}`,
			`{{ toYamlPretty .Values | len }}`, `{{ toYamlPretty }}`, `{{ toYamlPretty 1 2 }}`,
			`{{ toYamlPretty (dict "a" 1) | fromYaml | toYaml }}`, `{{ .Values.multi | toYamlPretty | quote }}`)
		for _, str := range ypStrings {
			q := ypQuote(str)
			add(q)
			add("(list " + q + ")")
			add("(dict \"k\" " + q + ")")
			add("(list (dict \"k\" " + q + "))")
			add("(dict " + q + " 1)")
		}
		for _, k := range ypKeys {
			add(`(dict ` + ypQuote(k) + ` (list 1) "m" (dict ` + ypQuote(k) + ` (dict "x" 1)))`)
		}
		// key order: v3's natural order, several keys at once
		r := rand.New(rand.NewSource(11))
		orderKeys := []string{"a", "b", "B", "Z", "_x", "-x", "1", "2", "9", "10", "01", "a1", "a2", "a10", "a01",
			"ab", "aB", "é", "Ω", "x1y", "x10y", "x2y", "k-1", "k_1", "", " ", "1a", "a b", "a.b", "z9", "z10"}
		for i := 0; i < 80; i++ {
			var b strings.Builder
			b.WriteString("(dict")
			for j := 0; j < 2+r.Intn(6); j++ {
				b.WriteString(" " + ypQuote(orderKeys[r.Intn(len(orderKeys))]) + " " + fmt.Sprint(j))
			}
			b.WriteString(")")
			add(b.String())
		}
		// host values
		for _, e := range []string{".Chart", ".Capabilities", ".Capabilities.KubeVersion", ".Capabilities.APIVersions",
			".Capabilities.HelmVersion", ".Release", ".Template", ".Files", `(toDate "2006-01-02" "2024-03-05")`,
			`(semver "1.2.3")`, `(dict "t" (toDate "2006-01-02" "2024-03-05"))`, `(list .Release.Name .Chart.Name)`,
			`.Subcharts`, `(urlParse .Values.url)`} {
			add(e)
		}
		// random nested values
		for i := 0; i < 4500; i++ {
			add(ypRand(r, 0))
		}
		for i := 0; i < 300; i++ {
			add("(fromYaml " + ypQuote(ypYaml(r, 0, "")) + ")")
		}
		return s
	})
}
