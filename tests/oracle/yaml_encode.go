// yaml_encode.go — oracle suite "yaml_encode": sigs.k8s.io/yaml v1.4.0
// Marshal (what Helm's toYaml calls) over hand-picked and seeded random values.
//
// Record: name, kind, input, "ok"|"err", output-or-error-text.  Kinds:
//
//	json  input is JSON text; the value is json.Unmarshal of it (numbers are
//	      float64, as in Helm values)
//	str   input is the raw bytes of one string (may be invalid UTF-8)
//	lstr  input is NUL-separated raw strings: a []interface{} of them
//	keys  input is NUL-separated raw keys: a map of key i -> float64(i)
//
// Marshal sorts map keys with go-yaml's keyList.Less, which is not a strict
// weak order for every key set (digit runs overflow int64, and a run after
// a '0' starts from 1); sort.Sort then depends on Go's random map iteration
// order.  Values with such a key set, or whose output varies over several
// runs, are left out (counted in a comment).
package main

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"reflect"
	"strconv"
	"strings"
	_ "unsafe" // go:linkname

	sigsyaml "sigs.k8s.io/yaml"
)

// go-yaml's map key order (sorter.go), unexported.
//
//go:linkname goyamlKeyListLess sigs.k8s.io/yaml/goyaml%2ev2.keyList.Less
func goyamlKeyListLess(l []reflect.Value, i, j int) bool

// yeOrdered reports whether keyList.Less is a strict total order on every
// key set inside v; otherwise sort.Sort's result depends on the input order,
// which Go randomises for maps.
func yeOrdered(v interface{}) bool {
	switch x := v.(type) {
	case []interface{}:
		for _, e := range x {
			if !yeOrdered(e) {
				return false
			}
		}
	case map[string]interface{}:
		keys := make([]reflect.Value, 0, len(x))
		for k, e := range x {
			if !yeOrdered(e) {
				return false
			}
			keys = append(keys, reflect.ValueOf(k))
		}
		n := len(keys)
		less := make([][]bool, n)
		for i := range less {
			less[i] = make([]bool, n)
			for j := range less[i] {
				less[i][j] = goyamlKeyListLess(keys, i, j)
			}
		}
		for i := 0; i < n; i++ {
			for j := 0; j < n; j++ {
				if i != j && less[i][j] == less[j][i] {
					return false
				}
				if !less[i][j] {
					continue
				}
				for k := 0; k < n; k++ {
					if less[j][k] && !less[i][k] {
						return false
					}
				}
			}
		}
	}
	return true
}

func init() { register("yaml_encode", genYAMLEncode) }

type yeGen struct {
	w       *Writer
	n       int
	skipped int
}

func yeMarshal(v interface{}) (string, string) {
	b, err := sigsyaml.Marshal(v)
	if err != nil {
		return "err", err.Error()
	}
	return "ok", string(b)
}

// rec marshals v (built from kind/input) and writes one record, unless the
// output is not deterministic.
func (g *yeGen) rec(prefix, kind, input string, v interface{}) {
	if !yeOrdered(v) {
		g.skipped++
		return
	}
	st, out := yeMarshal(v)
	for i := 0; i < 6; i++ {
		st2, out2 := yeMarshal(v)
		if st2 != st || out2 != out {
			g.skipped++
			return
		}
	}
	g.n++
	g.w.Rec(fmt.Sprintf("%s-%d", prefix, g.n), kind, input, st, out)
}

func (g *yeGen) jsonCase(prefix string, v interface{}) {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	var back interface{}
	if err := json.Unmarshal(b, &back); err != nil {
		panic(err)
	}
	g.rec(prefix, "json", string(b), back)
}

func (g *yeGen) jsonText(prefix, text string) {
	var v interface{}
	if err := json.Unmarshal([]byte(text), &v); err != nil {
		panic(text + ": " + err.Error())
	}
	g.rec(prefix, "json", text, v)
}

// Strings that stress go-yaml's quoting decisions and libyaml's emitter.
func yeHandStrings() []string {
	s := []string{
		// YAML 1.1 bool/null/float spellings the resolver knows
		"y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
		"true", "True", "TRUE", "false", "False", "FALSE",
		"on", "On", "ON", "off", "Off", "OFF", "tRue", "nO", "yES", "oN",
		"", "~", "null", "Null", "NULL", "nULL", "nil", "None",
		".nan", ".NaN", ".NAN", ".Nan", ".inf", ".Inf", ".INF", "+.inf", "+.Inf",
		"+.INF", "-.inf", "-.Inf", "-.INF", "inf", "nan", "Infinity", "-Infinity",
		"<<", "=", "~a", "a~",
		// numbers
		"0", "1", "-1", "+1", "00", "-0", "+0", "0.0", "-0.0", "0.", "5.", ".5", "-.5", "+.5",
		"1.5", "1e3", "1E3", "1e+3", "1e-3", "1e", "1e+", ".e3", "1.2.3", "v1.2.3",
		"0x1F", "0X1F", "0x", "0xG", "-0x1F", "0o17", "0O17", "017", "0777", "08", "09",
		"0b101", "-0b101", "0b", "0b2", "0B101", "+0b1",
		"1_000", "1__0", "_1", "1_", "1_000.5", "0x_1F", "1,000", "1 000",
		"123456789012345678901234567890", "9223372036854775807", "9223372036854775808",
		"-9223372036854775808", "-9223372036854775809", "18446744073709551615",
		"18446744073709551616", "1e400", "-1e400", "4.9e-324", "1e-400",
		"+", "-", "--", "+-1", "-+1", "1-", "1+", "0.1e-2", "6.02e23",
		// base 60
		"1:20", "1:20:30", "-1:20", "+1:20.5", "1:60", "1:5", "190:20:30.15", "1:2:3:4",
		"12:30", "0:0", "1::2", "1:", ":1", "1:2a", "1_0:20", "1:20.", "1:20.5.5", "a1:20",
		// timestamps
		"2001-12-14", "2001-12-14t21:59:43.10-05:00", "2001-12-14T21:59:43.10-05:00",
		"2001-12-14 21:59:43.10", "2001-12-14T21:59:43Z", "2001-12-14 21:59:43.10 -5",
		"2001-13-14", "2001-02-29", "2000-02-29", "2001-1-2", "20011-12-14", "2001-12-14x",
		"2001-12-14T25:00:00Z", "1999-12-31T23:59:59.999999999Z", "2001-12-14T21:59:43+01:00",
		"2001-12-14 21:59:43", "2001-12-1", "2001-12", "2001", "0000-01-01",
		// indicators
		"- a", "? a", ": a", "-a", "?a", ":a", "a:b", "a: b", "a:", "a :", "a #b", "a#b", "#a",
		"a ?", "a?b", "a,b", "a[b", "a]b", "a{b", "a}b", "a&b", "a*b", "a!b", "a|b", "a>b",
		"a'b", "a\"b", "a%b", "a@b", "a`b", "a-b", "a - b", "a -", "a: ", "a:\tb",
		"---", "...", "--- a", "... a", "----", "a---", "....", "---a", "...a", ".", "..",
		"-1a", "-.", "<a>", "<>&", "a&&b", "\\", "a\\b", "\\n", "\\u0041",
		"'", "''", "'a'", "a'", "\"", "\"\"", "\"a\"", "a\"",
		// whitespace, breaks, controls
		" ", "  ", " a", "a ", " a ", "a  b", "\t", "a\tb", "\ta", "a\t", "\t\t",
		"\r", "a\rb", "\r\n", "a\r\nb", "a\r\n", "\n", "\n\n", "a\n", "a\n\n", "a\n\n\n", "\na",
		"\n a", " \na", "a \nb", "a\n b", "a\n\nb", "a\n  b\n", "  leading\nlines",
		"trailing\n\n\n", "\n\na", " \n", "\n ", "a\nb ", "a\n\tb", "\ta\nb", "a\r\n\r\nb",
		"- a\nb", "# x\ny", "a\n---\nb", "a\n...\nb", "---\n", "...\n",
		"\x00", "a\x00b", "\x01", "\x07\x08\x0b\x0c\x1b", "\x1f", "a\x1fb",
		"\x7f", "a\x7fb", "\u0080", "\u0085", "a\u0085b", "a \u0085b", "a\u0085 b", "a \u0085 b",
		"a\u0085\u0085b", "a\u0085--- b", "a\u0085---", "a\u0085...", "a\u0085... b",
		"\u0085--- x", "a\u0085\u0085--- x", "a\u0085 --- x", "a\u0085", "\u0085a", "\u0085\u0085",
		"x\u0085\u0085", "a\u0085----", "a\u0085---\u0085b", "\u009f", "a\u009fb",
		"\u00a0", "a\u00a0b", "\u00a0a", "a\u00a0",
		"\u2028", "a\u2028", "a\u2028b", "\u2028a", "a\u2029", "\u2029", "a \u2028b", "a\u2028 b",
		"a\u2028\u2029", "a\u2029\u2029", "a\u2028'b", "a'\u2028", "a\u2028\nb", "a\nb\u2028",
		"a\u2028b\u2029", "-\u2028", ":\u2028x", "a\u2028:", "\u2028\u2028",
		"\ufeff", "\ufeffa", "\ufeffa b", "a\ufeff", "\ufeff\n", "\ufeffa\nb", "\ufeff\"\\\t\u0085\u00a0\u2028x\U0001F600",
		"\ufffe", "\uffff", "\ufffd", "\ue000", "\ud7ff", "a\uffffb",
		"é", "日本語", "日本 語", "Ωmega", "ä ö ü", "\U0001F600", "a\U0001F600b", "\U0010FFFF",
		"😀 smile", "\U0001F600\n", "ɑ: b", "ünïcödé: x",
	}
	// every indicator character alone, leading, inside, trailing, with spaces
	for _, c := range []string{"-", "?", ":", ",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">",
		"'", "\"", "%", "@", "`", "=", "~", "<", "\\", "/", "+", "."} {
		s = append(s, c, c+"a", "a"+c, "a"+c+"b", c+" a", "a "+c, "a "+c+" b", c+c, c+"\n")
	}
	// long strings: folding at width 80
	words := "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua"
	s = append(s,
		words,
		words+" "+words,
		strings.Repeat("x", 100),
		strings.Repeat("x", 200)+" "+strings.Repeat("y", 10),
		strings.Repeat("ab ", 40),
		strings.Repeat("ab  ", 40),
		" "+words,
		words+" ",
		"'"+words,
		words+"\t"+words,
		words+"\u0085"+words,
		words+" \x01",
		"\x01 "+words,
		words+" \u2028 x",
		"\ufeff "+words,
		"- "+words,
		"# "+words,
		words+": x",
		strings.Repeat("word ", 17)+"end",
		strings.Repeat("a", 79)+" b c",
		strings.Repeat("a", 80)+" b c",
		strings.Repeat("a", 81)+" b c",
		strings.Repeat("a", 78)+"  b  c",
		strings.Repeat("é", 85)+" b",
		strings.Repeat("😀", 30)+" "+strings.Repeat("😀", 30),
		words+"\n"+words+"\n",
		"  "+words+"\n"+words,
		words+"\n\n",
		strings.Repeat("k", 128),
		strings.Repeat("k", 129),
		strings.Repeat("k", 1022),
		strings.Repeat("k", 1023),
		strings.Repeat("<", 200),
	)
	return s
}

func yeHandNumbers() []string {
	return []string{
		"0", "-0", "1", "-1", "1.5", "-1.5", "0.1", "0.5", "100", "1e6", "1e-6", "1e-7", "1.5e-7",
		"1234567.5", "12345678.5", "123456", "1234567", "0.000001", "0.0000001", "1e20", "1e21",
		"1e19", "-1e19", "1e22", "1.5e300", "-1.5e300", "5e-324", "1.7976931348623157e308",
		"9007199254740992", "9007199254740993", "9223372036854775807", "9223372036854775808",
		"-9223372036854775808", "-9223372036854775809", "18446744073709551615",
		"18446744073709551616", "18446744073709552000", "1152921504606846976",
		"123456789012345678", "3.14159", "2.5e-5", "100000", "999999", "1000000.5",
		"0.30000000000000004", "1e100", "123e-20", "-0.0", "1.0", "2e0", "12345678901234567890",
	}
}

// keys that stress keyList.Less (natural order, letters vs others, unicode)
var yeKeyPool = []string{
	"a", "b", "A", "B", "z", "Z", "_", "-", ".", "1", "2", "10", "01", "001", "0", "00",
	"a1", "a2", "a9", "a10", "a11", "a01", "a001", "a0", "a00", "a1b", "a1a", "a10a", "a2b",
	"b1", "b10", "1a", "10a", "2a", "a-1", "a_1", "a.1", "a 1", "a1.5", "a1.10", "a1.9",
	"x1y2", "x1y10", "x10y1", "é", "e", "f", "日", "本", "ä", "Ä", "٣", "a٣", "a3", "a٣b",
	"key", "Key", "KEY", "keys", "key1", "key10", "key2", "key_1", "key-1", "keyA",
	"apiVersion", "kind", "metadata", "spec", "status", "image", "replicas", "v1", "v2", "v10",
	"", " ", "  a", "a ", "yes", "no", "null", "true", "1.5", "1e3", "0x1F", "~",
	"-a", "#c", "a: b", "a\nb", "x\ty", "\u00a0", "\u2028", "\ufeffk", "😀", "k😀", "'q'",
	"1:20", "2001-12-14", "<<", "=", "12345678901234567890", "a99999999999999999999",
	"a9223372036854775808", "a18446744073709551616", "a0001", "a0010", "a10b", "a10c",
}

func yeRandString(r *rand.Rand) string {
	frags := []string{"a", "b", "Z", "1", "0", "9", " ", " ", "  ", ":", "#", "-", "?", ",",
		"'", "\"", "\\", "\n", "\t", "é", "日", "😀", "\u00a0", "\u2028", "\u0085", "\ufeff",
		"yes", "no", "null", "true", "1.5", "0x1F", "1:20", "2001-12-14", "---", "...",
		"word", "lorem ipsum dolor", "{", "[", "&", "*", "!", "|", ">", "%", "@", "`", "<", ">",
		"&", "\r", "\x01", "~", ".", "e5"}
	n := r.Intn(8)
	if r.Intn(10) == 0 {
		n = 20 + r.Intn(60)
	}
	var sb strings.Builder
	for i := 0; i < n; i++ {
		sb.WriteString(frags[r.Intn(len(frags))])
	}
	return sb.String()
}

func yeRandNumber(r *rand.Rand) float64 {
	switch r.Intn(6) {
	case 0:
		return float64(r.Intn(2000) - 1000)
	case 1:
		return r.NormFloat64() * 1000
	case 2:
		f, _ := strconv.ParseFloat(fmt.Sprintf("%de%d", r.Intn(100000), r.Intn(50)-25), 64)
		return f
	case 3:
		return float64(r.Int63()) * float64(1+r.Intn(3))
	case 4:
		return float64(r.Intn(10)) / 10
	default:
		return r.ExpFloat64() * 1e7
	}
}

func yeRandValue(r *rand.Rand, depth int) interface{} {
	k := r.Intn(10)
	if depth <= 0 && k >= 7 {
		k = r.Intn(7)
	}
	switch k {
	case 0:
		return nil
	case 1:
		return r.Intn(2) == 0
	case 2, 3:
		return yeRandNumber(r)
	case 4, 5, 6:
		return yeRandString(r)
	case 7, 8:
		m := map[string]interface{}{}
		n := r.Intn(6)
		for i := 0; i < n; i++ {
			var key string
			if r.Intn(3) == 0 {
				key = yeRandString(r)
			} else {
				key = yeKeyPool[r.Intn(len(yeKeyPool))]
			}
			m[key] = yeRandValue(r, depth-1)
		}
		return m
	default:
		n := r.Intn(5)
		l := make([]interface{}, n)
		for i := range l {
			l[i] = yeRandValue(r, depth-1)
		}
		return l
	}
}

func genYAMLEncode(w *Writer) {
	g := &yeGen{w: w}
	r := rand.New(rand.NewSource(20240611))

	// structure
	for _, t := range []string{
		`null`, `true`, `false`, `{}`, `[]`, `""`, `{"a":{}}`, `{"a":[]}`, `[{}]`, `[[]]`,
		`[[1,2],[3]]`, `[{"a":1,"b":2},{"c":3}]`, `{"a":[1,2],"b":{"c":[{"d":null}]}}`,
		`[[[[[1]]]]]`, `{"a":{"b":{"c":{"d":{"e":"f"}}}}}`, `[null,true,false,"x",1.5,{},[]]`,
		`{"a":[[1,2],[]],"b":[{"x":[]},{"y":{}}]}`, `{"list":[{"name":"a","v":[1,{"q":"r"}]}]}`,
		`{"a":"x\ny","b":[ "p\nq", {"c":"r\n\n"}]}`, `{"a":"end\n\n"}`, `["end\n\n"]`, `"end\n\n"`,
		`{"a":"end\n\n","b":1}`, `{"z":{"y":"\n\n"},"a":"x"}`, `{"<<":{"a":1}}`, `{"a":{"<<":"x"}}`,
	} {
		g.jsonText("struct", t)
	}

	// strings as root, map value, key, nested list item, deep value
	for _, s := range yeHandStrings() {
		g.jsonCase("str", s)
		g.jsonCase("val", map[string]interface{}{"k": s})
		g.jsonCase("key", map[string]interface{}{s: "v"})
		g.jsonCase("item", map[string]interface{}{"a": map[string]interface{}{"b": []interface{}{s, 1.0}}})
		g.jsonCase("deep", []interface{}{[]interface{}{map[string]interface{}{"key": s, "n": []interface{}{}}}})
	}

	// numbers
	for _, t := range yeHandNumbers() {
		g.jsonText("num", t)
		g.jsonText("numv", `{"n":`+t+`,"l":[`+t+`]}`)
	}

	// natural-order key sets
	g.jsonCase("keypool", func() map[string]interface{} {
		m := map[string]interface{}{}
		for i, k := range yeKeyPool {
			m[k] = float64(i)
		}
		return m
	}())
	for i := 0; i < 250; i++ {
		m := map[string]interface{}{}
		n := 2 + r.Intn(10)
		for j := 0; j < n; j++ {
			m[yeKeyPool[r.Intn(len(yeKeyPool))]] = float64(j)
		}
		g.jsonCase("keyset", m)
	}
	for i := 0; i < 100; i++ {
		m := map[string]interface{}{}
		n := 2 + r.Intn(6)
		for j := 0; j < n; j++ {
			var sb strings.Builder
			for k := 1 + r.Intn(5); k > 0; k-- {
				sb.WriteString([]string{"a", "b", "0", "1", "9", "10", "00", "é", "٣", "-", "_", "B"}[r.Intn(12)])
			}
			m[sb.String()] = float64(j)
		}
		g.jsonCase("natkeys", m)
	}

	// raw strings: invalid UTF-8 and bytes JSON cannot carry
	raws := []string{"\xff", "a\xffb", "\xc3", "a\xc3", "\xe2\x82", "\xe2\x82a", "\xed\xa0\x80",
		"\xf4\x90\x80\x80", "\xc0\x80", "\xc1\xbf", "\xf0\x9f\x98", "\x80", "a\x80\x80b",
		"\xff\n", "x\xfe y", "\xfe\xff", "yes\xff", "\xef\xbb\xbf\xff", "\xff\xef\xbb\xbf",
		"1\xff", "\xff:", "- \xff", "ok", "\x00\xff", "\xc2\x85\xff", "\xc2\x7f"}
	for _, s := range raws {
		g.rec("raw", "str", s, s)
		if strings.IndexByte(s, 0) >= 0 {
			continue // NUL separates the items of lstr and keys
		}
		g.rec("rawl", "lstr", s+"\x00x", []interface{}{s, "x"})
		g.rec("rawk", "keys", s, map[string]interface{}{s: float64(0)})
	}
	for _, ks := range [][]string{
		{"a\xfe", "a\xff"}, {"a\xff", "a\xfe", "a\ufffd"}, {"\xff", "\xfe", "b"}, {"x\xff", "x"},
		{"a\xff1", "a\xff10", "a\xff2"}, {"\xc3", "\xc3\xa9", "e"},
	} {
		m := map[string]interface{}{}
		for i, k := range ks {
			m[k] = float64(i)
		}
		g.rec("rawks", "keys", strings.Join(ks, "\x00"), m)
	}

	// the places where libyaml's emitter and go-yaml's differ, in context
	long := "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor"
	for _, k := range []string{"\ufeff", "\ufeffk", "\ufeff" + strings.Repeat("k", 20),
		"\ufeff" + strings.Repeat("k", 40), "\ufeff" + strings.Repeat("k", 125),
		"\ufeff" + strings.Repeat("k", 126), "\ufeff" + strings.Repeat("é", 70), "\ufeffa\nb",
		"a\u2028", "a\u2028b\u2029", strings.Repeat("w ", 50) + "\u2028", "\u2028"} {
		g.jsonCase("quirkkey", map[string]interface{}{k: long, "z": map[string]interface{}{k: []interface{}{k, long}}})
		g.jsonCase("quirkval", map[string]interface{}{"k": k, "l": []interface{}{k, map[string]interface{}{"m": k}}})
	}
	// errors of the JSON -> YAML read: line numbers and which comes first
	pad := strings.Repeat("p", 600)
	for _, m := range []map[string]interface{}{
		{"a": "x\u0085--- y", "b": "\x7f"},
		{"a": "x\u0085--- y", "b": pad, "c": "\x7f"},
		{"a": "\x7f", "b": "x\u0085--- y"},
		{"a": "\u0085\u0085", "b": "x\u0085... y"},
		{"a": "\u0085", "b": map[string]interface{}{"k\u0085": 1.0}},
		{"a": "\u0085", "b": map[string]interface{}{strings.Repeat("k", 1100): 1.0}},
		{"a": map[string]interface{}{strings.Repeat("k", 1100): 1.0}, "b": "\x7f"},
		{"a": map[string]interface{}{strings.Repeat("k", 1100): 1.0}, "b": pad, "c": "\x7f"},
		{strings.Repeat("<", 170): 1.0}, {strings.Repeat("<", 171): 1.0},
		{strings.Repeat("<", 170) + "ab": 1.0}, {strings.Repeat("\u2028", 170) + "a": 1.0},
		{strings.Repeat("é", 1022): 1.0}, {strings.Repeat("é", 1023): 1.0},
		{"k\u0085": "x\u0085--- y"}, {"x": "\u0080"}, {"x": "\ufffe"}, {"\x7f": 1.0},
	} {
		g.jsonCase("readerr", m)
	}

	// seeded random nested values
	for i := 0; i < 900; i++ {
		g.jsonCase("rand", yeRandValue(r, 1+r.Intn(4)))
	}
	// random strings alone and in context
	for i := 0; i < 300; i++ {
		s := yeRandString(r)
		g.jsonCase("rstr", map[string]interface{}{"a": []interface{}{s}, s: map[string]interface{}{"b": s}})
	}
	w.Comment(fmt.Sprintf("%d cases left out: output depends on Go's map iteration order", g.skipped))
}
