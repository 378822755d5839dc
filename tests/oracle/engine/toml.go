package main

// Suite toml: Helm's remaining codecs — toToml (BurntSushi/toml v1.4.0's
// Encoder), fromToml (toml.Unmarshal into map[string]interface{}, errors in
// the "Error" key) and toYamlPretty (goyaml.v3 with SetIndent(2)) — over
// fixture values, documents from fromYaml/fromJson, hand-written TOML
// (valid and broken), seeded random documents and mutations of them.

import (
	"bytes"
	"fmt"
	"math/rand"
	"strconv"
	"strings"

	"cozypkg.test/oracle/vecio/tval"
	"github.com/BurntSushi/toml"
)

var tomlValueAtoms = []string{
	"1", "-1", "0", "1.5", "1e21", `"s"`, `""`, "true", "false", "nil", ".Values.missing", ".Values.nothing",
	".Values", ".Values.map", ".Values.list", ".Values.nums", ".Values.mixed", ".Values.emptylist",
	".Values.emptymap", ".Values.name", ".Values.replicas", ".Values.ratio", ".Values.big", ".Values.neg",
	".Values.zero", ".Values.enabled", ".Values.empty", ".Values.multi", ".Values.unicode", ".Values.html",
	".Values.spaces", ".Values.pct", ".Values.url", ".Values.date", ".Values.version", ".Values.yamlText",
	".Values.jsonText", `(fromYaml .Values.yamlText)`, `(fromJson .Values.jsonText)`, `"a\"b\\c"`,
	`"\x00\x7f\x1f"`, `"a\xffb"`, `"tab\there"`, `"line\nbreak"`, `"日本語"`,
}

// Hand-picked YAML documents; random ones are added below.
var tomlYamlDocs = []string{
	"a: 1", "a: 1.5", "a: -0.0", "a: 1e21", "a: 1e-7", "a: 123456789012", "a: .inf", "a: -.inf", "a: .nan",
	"a: 0.1", "a: 100", "a: 1e20", "a: 12345678901234567890", "a: true", "a: null", "a: ~", "a: ''",
	"a: x", "a: [1, 2]", "a: []", "a: {}", "a: [[1, 2], [3]]", "a: [{b: 1}, {b: 2}]", "a: [{b: 1}, 2]",
	"a: [null]", "a: [1, null]", "a: [[null]]", "a: [{}]", "a: [{}, {}]", "a: {b: {c: {d: 1}}}",
	"a: {b: null}", "a: {b: null, c: 1}", "a: {b: 1, c: null}", "z: 1\na: {b: 1}\nm: 2",
	"a b: 1", "'': 1", "'a.b': 1", "'a\"b': 1", "'ü': 1", "'a\\b': 1", "'a\tb': x", "\"\\x01\": 1",
	"a: [{b: {c: 1}}, {d: [1, 2]}]", "a: [{b: [{c: 1}]}]", "a: {b: [{c: 1}, {c: 2}], d: 1}",
	"list: [a, b]\nmap: {x: 1}\nstr: s", "a: [1, x, true, 1.5]", "a: [[{b: 1}]]", "a: [[1, {b: 1}]]",
	"a: [{b: {c: {}}}]", "a: {'': {'': 1}}", "a: {'x y': {'p.q': 1}}", "a: \"multi\\nline\"",
	"a: \"\\u007f\\u0080\"", "a: \"\\\"\\\\\"", "- 1\n- 2", "x", "1", "{}", "[]", "",
	"a: {b: [1, 2], c: {d: [{e: 1}]}}", "b: 1\na: {}\nc: []", "a: [{x: 1, y: [1, 2]}, {z: {w: 1}}]",
	"A: 1\na: 2\n_: 3\n-: 4\n0: 5", "a: [{}, 1]", "a: [1, {}]", "k: [[], []]", "k: [[[]]]",
}

var tomlJSONDocs = []string{
	`{"a": 1}`, `{"a": 1.0}`, `{"a": 12345678901234567890}`, `{"a": 1e400}`, `{"a": [1, "x", null]}`,
	`{"a": {"b": [{"c": 1}]}}`, `{"a": null}`, `{"a": [], "b": {}}`, `{"": {"": ""}}`, `{"a": 0.000001}`,
	`{"a": 1e-7}`, `{"a": -5}`, `{"a": [[], {}]}`, `{"a\u0000b": 1}`, `{"a": "\u2028"}`,
}

// Valid and broken TOML documents, written by hand.
var tomlDocs = []string{
	"", " ", "\n", "# comment", "a = 1", "a = 1\n", "a=1", "a = -1", "a = +1", "a = 0", "a = -0", "a = +0",
	"a = 1_000", "a = 1__0", "a = _1", "a = 1_", "a = 0x1F", "a = 0xdead_beef", "a = 0o17", "a = 0b101",
	"a = 0x", "a = 0b2", "a = 0o8", "a = 0X1", "a = -0x1", "a = +0b1", "a = 01", "a = 00", "a = 9223372036854775807",
	"a = 9223372036854775808", "a = -9223372036854775808", "a = -9223372036854775809", "a = 0x7fffffffffffffff",
	"a = 0xffffffffffffffff", "a = 1.5", "a = -1.5", "a = 1e3", "a = 1E3", "a = 1e+3", "a = 1e-3", "a = 1.5e3",
	"a = 1.", "a = .5", "a = 1.e2", "a = 1e", "a = 1e_2", "a = 1_0.5", "a = 1.5_0", "a = 01.5", "a = 0.5",
	"a = 0e0", "a = 1e400", "a = -1e400", "a = 1e-400", "a = inf", "a = +inf", "a = -inf", "a = nan", "a = +nan",
	"a = -nan", "a = infinity", "a = -in", "a = -na", "a = 1..2", "a = 1.2.3", "a = 1e2e3", "a = 3.14159",
	"a = 1_000.000_1", "a = 5e+22", "a = 6.626e-34", "a = 224_617.445_991_228", "a = 0.1", "a = 100.0",
	"a = true", "a = false", "a = True", "a = tru", "a = truex", "a = yes", "a = null",
	`a = "s"`, `a = ""`, `a = "a\tb"`, `a = "a\nb"`, `a = "\u00e9"`, `a = "\U0001F600"`, `a = "\b\f\r\"\\"`,
	`a = "\x41"`, `a = "\e"`, `a = "\q"`, `a = "\u12"`, `a = "\uD800"`, `a = "\U00110000"`, `a = "unterminated`,
	"a = \"new\nline\"", `a = 'lit\n'`, `a = 'it''s'`, "a = 'new\nline'", `a = 'unterminated`,
	"a = \"\"\"\nmulti\nline\"\"\"", "a = \"\"\"multi \\\n   continued\"\"\"", "a = \"\"\"a\"\"\"\"\"", "a = \"\"\"a\"\"\"\"\"\"",
	"a = \"\"\"\\\"\"\"\"", "a = '''\nraw\nmulti'''", "a = '''a'''''", "a = '''a''''''", "a = \"\"\"unterminated",
	"a = '''unterminated", "a = \"\"\"\r\nx\"\"\"", "a = \"\"\"\\t\\u0041\"\"\"", "a = \"\"\"x\\ \"\"\"",
	"a = \"\"\"x\\  \n  y\"\"\"", "a = \"\"\"x\\\\\ny\"\"\"",
	"a = [1, 2, 3]", "a = []", "a = [ ]", "a = [1,]", "a = [,]", "a = [1 2]", "a = [1, \"x\", 1.5, true]",
	"a = [[1], [2, 3]]", "a = [\n1,\n2,\n]", "a = [ # c\n1 # c\n, 2]", "a = [1", "a = [", "a = [{b = 1}, {b = 2}]",
	"a = {}", "a = {b = 1}", "a = {b = 1, c = \"x\"}", "a = {b = 1,}", "a = {b = 1\n}", "a = {\nb = 1}",
	"a = {b.c = 1}", "a = {b = {c = 1}}", "a = {b = 1, b = 2}", "a = {b = 1", "a = {,}", "a = {b = 1 c = 2}",
	"a = {b = [1, {c = 2}]}", "a = {b = 1} # c", "a = {b.c = 1, b.d = 2}", "a = {b = 1, b.c = 2}",
	"a.b = 1", "a.b.c = 1", "a . b = 1", "\"a.b\" = 1", "'a.b' = 1", "\"\" = 1", "'' = 1", "a.\"b.c\".d = 1",
	"a = 1\na = 2", "a = 1\na.b = 2", "a.b = 1\na = 2", "a.b = 1\na.c = 2", "a = 1 b = 2", "a = 1 # c",
	"a = 1 x", "= 1", ".a = 1", "a. = 1", "a..b = 1", "a = ", "a =", "a", "a b = 1", "a = 1\n\n\nb = ",
	"ü = 1", "a-b_c = 1", "1234 = 1", "a = 1\r\nb = 2", "a = 1\rb = 2", "a = \"x\"\x01", "a = \"x\x00\"",
	"\x00a = 1", "a = \"\xff\"", "a = \"\xc3\"", "\xef\xbb\xbfa = 1", "a\t=\t1",
	"[t]", "[t]\na = 1", "[t]\na = 1\n[u]\nb = 2", "[a.b]\nc = 1", "[a]\n[a]", "[a]\nb = 1\n[a.b]",
	"[a.b]\n[a]", "[a.b]\n[a]\n[a]", "[ a . b ]", "[\"a.b\"]", "['a']", "[]", "[.a]", "[a.]", "[a", "[a]x",
	"[a] # c", "[a]]", "[[a]]", "[[a]]\nb = 1\n[[a]]\nb = 2", "[[a]]\n[a.b]\nc = 1", "[[a]]\n[[a.b]]\nc = 1",
	"a = 1\n[[a]]", "[a]\n[[a]]", "[[a]]\n[a]", "[[a]", "[[a] ]", "[[]]", "[[a]]x", "a = []\n[[a]]",
	"[a]\nb.c = 1\n[a.b]", "[a.b.c]\n[a]\nd = 1", "a.b.c = 1\n[a.b]", "[a]\nb = {c = 1}\n[a.b]",
	"[a]\nb = {}\n[a.b.c]", "a = {b = 1}\na.c = 2", "[[a.b]]\n[a]\nc = 1", "[x.y]\nz = 1\n[x]\nw = 2",
	"d = 1979-05-27T07:32:00Z", "d = 1979-05-27T00:32:00-07:00", "d = 1979-05-27T00:32:00.999999-07:00",
	"d = 1979-05-27 07:32:00Z", "d = 1979-05-27t07:32:00z", "d = 1979-05-27T07:32:00", "d = 1979-05-27",
	"d = 07:32:00", "d = 00:32:00.999999", "d = 1979-05-27T07:32", "d = 07:32", "d = 1979-5-27",
	"d = 1979-05-27T7:32:00Z", "d = 1979-13-27", "d = 1979-02-30", "d = 25:00:00", "d = 1979-05-27T07:32:00+00:00",
	"d = 1979-05-27T07:32:00.123456789123Z", "d = 1979-05-27 ", "d = 1979-05-27 # c", "d = [1979-05-27, 07:32:00]",
	"d = 1979-05-27T07:32:00+05:30", "d = 2000-01-01T00:00:00.5Z",
	"a = 1\n# c\nb = [1, 2] # x\n[t] # y\nc = 'z'", "title = \"TOML Example\"\n\n[owner]\nname = \"Tom\"\n\n[database]\nports = [ 8000, 8001, 8002 ]\nenabled = true\n\n[servers.alpha]\nip = \"10.0.0.1\"\n",
	"[[fruits]]\nname = \"apple\"\n[fruits.physical]\ncolor = \"red\"\n[[fruits.varieties]]\nname = \"red delicious\"\n[[fruits]]\nname = \"banana\"",
	"a = 1\n\tb = 2\n  [t]\n  c = 3", "a = [1,\n# c\n2]", "a = {b = 1 # c\n}", "a = 1 \n", "a = 1\t# x\n",
	"a = \"\\u0000\"", "a = \"\\u007F\"", "a = 'a\x01b'", "a = \"a\x7fb\"", "a = 1\x7f", "# c \x01",
	"a = [1, [2, [3, [4]]]]", "a = [{}, {}]", "a = [[{b = 1}]]", "a = {b = {}}", "a = {b = []}",
	"x = 1\ny = 2.5\nz = 'q'\n[m]\nn = [1, 2]\n[[p]]\nq = 1", "a.b.c.d.e = 1", "a.b = 1\n[a]\nc = 2",
	"[a]\nb = 1\n[a]\nc = 2", "[a.b]\nc = 1\n[a.b]", "a = [1]\na = [2]", "a = 1\n\"a\" = 2", "'a' = 1\n\"a\" = 2",
	"a = \"\"\"\"\"\"", "a = ''''''", "a = \"\"", "a = '\n'", "a = @", "a = !", "a = -", "a = +", "a = -x",
	"a = 1.5.", "a = 1e5.5", "a = 0.", "a = 0.0", "a = -0.0", "a = 1e-0", "a = 1_2_3", "a = 0b", "a = 0o",
	"a = 0x_1", "a = 0b1_", "a = 1_e2", "a = 1e2_", "a = 1.5_e2", "a = -01", "a = -01.5", "a = +.5",
	"a = 12:", "a = 1-2", "a = 1979-05-27T", "a = 07:32:00Z", "[\"\"]\na = 1", "[''.'']", "[a.\"\"]\nb = 1",
	"a = {\"\" = 1}", "a = {'b c' = {'' = 2}}", "a = \"\\U0001F600\\u00e9\"", "a = [\"\"\"x\"\"\", '''y''']",
}

func tomlQuote(s string) string { return strconv.Quote(s) }

// tomlWithYamlPretty: generate the toYamlPretty snippets (goyaml.v3's
// emitter, src/value/yaml3_encode.c).
const tomlWithYamlPretty = true

// tomlKnownGaps: snippets whose Go result cozypkg does not reproduce yet
// (docs/funcs-toml.md): datetimes are strings in C, so toJson of them
// differs; arrays of tables are plain lists, so %T differs; fromYamlArray ""
// yields nil in C where Go has an empty slice.
func tomlKnownGap(s string) bool {
	if strings.Contains(s, "toYamlPretty") && !tomlWithYamlPretty {
		return true
	}
	if strings.Contains(s, `fromYamlArray ""`) {
		return true
	}
	if strings.Contains(s, `[[a]]\nb = 1" }}{{ $k }}`) {
		return true
	}
	return strings.Contains(s, `fromToml "d = `) && strings.Contains(s, "toJson")
}

// Random plain values (what fromYaml/fromJson could produce) for toToml and
// toYamlPretty, built from a fixed seed.
func tomlRandValue(r *rand.Rand, depth int) interface{} {
	k := r.Intn(12)
	if depth > 3 && k >= 8 {
		k = r.Intn(8)
	}
	switch k {
	case 0:
		return float64(r.Intn(2000) - 1000)
	case 1:
		return []float64{0.5, -2.25, 1e21, 1e-7, 3.14159, 100, 0, 1e100}[r.Intn(8)]
	case 2:
		strs := []string{"", "x", "hello world", "a:b", "#c", "- d", "1", "true", "null", "yes", "01",
			"a\nb", "a\nb\n", " lead", "trail ", "é✓", "\"q\"", "'s'", "tab\t", "[x]", "{y}", "a: b",
			"~", "1.5", "1e3", "0x1F", "@at", "`bt", "%p", "!t", "&a", "*a", "|", ">", "?", "-", "a #b",
			"line1\nline2\nline3", "\x01ctl", "NO", "on", "Off", "y", "n", ".inf", "-.nan", "2001-12-14",
			"12:30", "1_000", "+1", "0o17", "0b1", ".5", "5.", "ü", "a,b", "a=b", "x\r\ny"}
		return strs[r.Intn(len(strs))]
	case 3:
		return r.Intn(2) == 0
	case 4:
		return nil
	case 5, 6, 7:
		return fmt.Sprintf("s%d", r.Intn(100))
	case 8, 9:
		n := r.Intn(4)
		l := make([]interface{}, 0, n)
		allMaps := r.Intn(3) == 0
		for i := 0; i < n; i++ {
			if allMaps {
				l = append(l, tomlRandMap(r, depth+1))
			} else {
				v := tomlRandValue(r, depth+1)
				if v == nil && r.Intn(3) != 0 {
					v = "n"
				}
				l = append(l, v)
			}
		}
		return l
	default:
		return tomlRandMap(r, depth+1)
	}
}

func tomlRandMap(r *rand.Rand, depth int) map[string]interface{} {
	keys := []string{"a", "b", "c", "name", "x y", "a.b", "", "Z", "k-1", "k_2", "ü", "1", "q\"", "t\tx", "list", "map"}
	n := r.Intn(5)
	m := map[string]interface{}{}
	for i := 0; i < n; i++ {
		m[keys[r.Intn(len(keys))]] = tomlRandValue(r, depth)
	}
	return m
}

// tomlJSON: a random value as a JSON document for fromJson (the values
// fromYaml or fromJson feed to toToml): the tval notation without type
// prefixes (the generators above make no integers).
func tomlJSON(v interface{}) string { return tval.Untyped(v) }

// tomlMutate breaks a valid document in one random place.
func tomlMutate(r *rand.Rand, doc string) string {
	if doc == "" {
		return "x"
	}
	i := r.Intn(len(doc))
	ins := []string{"=", "[", "]", "{", "}", ",", ".", "\"", "'", "\n", " ", "#", "x", "1", "-", "\\", "\t", "\"\"\"", ":", "_"}
	switch r.Intn(3) {
	case 0:
		return doc[:i] + doc[i+1:]
	case 1:
		return doc[:i] + ins[r.Intn(len(ins))] + doc[i:]
	default:
		return doc[:i]
	}
}

func init() {
	register("toml", func() []string {
		var s []string
		for _, a := range tomlValueAtoms {
			s = append(s, "{{ toToml "+a+" }}", "{{ toYamlPretty "+a+" }}")
		}
		for _, d := range tomlYamlDocs {
			q := tomlQuote(d)
			s = append(s, "{{ toToml (fromYaml "+q+") }}", "{{ toYamlPretty (fromYaml "+q+") }}",
				"{{ toToml (fromYamlArray "+q+") }}", "{{ toYamlPretty (fromYamlArray "+q+") }}")
		}
		for _, d := range tomlJSONDocs {
			q := tomlQuote(d)
			s = append(s, "{{ toToml (fromJson "+q+") }}", "{{ toYamlPretty (fromJson "+q+") }}")
		}
		for _, d := range tomlDocs {
			q := tomlQuote(d)
			s = append(s, "{{ fromToml "+q+" }}", "{{ fromToml "+q+" | toJson }}")
		}
		// Round trips and the Go types of decoded values.
		for _, d := range []string{"a = 1", "a = 1.5", "a = 's'", "a = true", "a = [1, 2]", "a = {b = 1}",
			"[[a]]\nb = 1", "a = 1e300", "a = -0.0", "a = nan", "a = inf", "a = [[1], ['x']]", "a.b.c = 1",
			"a = 0x10", "a = [{b = [1]}]", "a = \"\\u0001\"", "'x y' = {'' = 1}"} {
			q := tomlQuote(d)
			s = append(s, "{{ toToml (fromToml "+q+") }}", "{{ toYamlPretty (fromToml "+q+") }}",
				"{{ range $k, $v := fromToml "+q+" }}{{ $k }}={{ printf \"%T\" $v }};{{ end }}")
		}
		s = append(s, "{{ fromToml \"a = [1, 2]\" | toToml }}", "{{ (fromToml \"a = 1\").a }}",
			"{{ index (fromToml \"a = [1, 'x']\") \"a\" | printf \"%T %v\" }}", "{{ fromToml .Values.name }}",
			"{{ fromToml .Values.yamlText }}", "{{ fromToml 1 }}", "{{ fromToml nil }}", "{{ fromToml }}",
			"{{ toToml }}", "{{ toToml 1 2 }}", "{{ toYamlPretty }}", "{{ fromToml \"a = 1\" \"b\" }}",
			"{{ (fromToml \"= 1\").Error }}", "{{ fromToml \"a = 1\" | len }}", "{{ toToml .Values | len }}",
			"{{ toToml (splitList \",\" \"a,b\") }}", "{{ toToml (.Files.GetBytes \"files/a.txt\") }}",
			"{{ toYamlPretty (splitList \",\" \"a,b\") }}", "{{ toYamlPretty .Values.map | indent 2 }}",
			"{{ toToml .Values.map | indent 2 }}")
		r := rand.New(rand.NewSource(20250317))
		for i := 0; i < 250; i++ {
			j := tomlQuote(tomlJSON(tomlRandMap(r, 0)))
			s = append(s, "{{ toToml (fromJson "+j+") }}", "{{ toYamlPretty (fromJson "+j+") }}")
		}
		for i := 0; i < 60; i++ {
			j := tomlQuote(tomlJSON(tomlRandValue(r, 0)))
			s = append(s, "{{ toToml (fromJson "+j+") }}", "{{ toYamlPretty (fromJson "+j+") }}")
		}
		// Random TOML documents from BurntSushi's own encoder, then broken.
		for i := 0; i < 200; i++ {
			m := tomlRandMap(r, 0)
			var b bytes.Buffer
			if err := toml.NewEncoder(&b).Encode(m); err != nil {
				continue
			}
			doc := b.String()
			s = append(s, "{{ fromToml "+tomlQuote(doc)+" }}")
			for k := 0; k < 3; k++ {
				s = append(s, "{{ fromToml "+tomlQuote(tomlMutate(r, doc))+" }}")
			}
		}
		for _, d := range tomlDocs {
			if len(d) > 3 {
				for k := 0; k < 2; k++ {
					s = append(s, "{{ fromToml "+tomlQuote(tomlMutate(r, d))+" }}")
				}
			}
		}
		var kept []string
		for _, x := range s {
			if !tomlKnownGap(x) {
				kept = append(kept, x)
			}
		}
		return kept
	})
}
