// yaml_decode.go — oracle suites for YAML input as Helm 3.17.3 reads it:
//
//	yaml_resolve: go-yaml v2's resolve()/parseTimestamp/isBase60Float on one
//	              scalar text (reached through go:linkname: they are unexported)
//	yaml_decode:  sigs.k8s.io/yaml.Unmarshal of whole documents into
//	              interface{}, map[string]interface{} and []interface{}
//	yaml_corpus:  the same for every real values file of the cozystack corpus
package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"
	"unsafe"

	sigsyaml "sigs.k8s.io/yaml"
	goyaml "sigs.k8s.io/yaml/goyaml.v2"
)

var _ = goyaml.Unmarshal

//go:linkname goyamlResolve sigs.k8s.io/yaml/goyaml%2ev2.resolve
func goyamlResolve(tag string, in string) (rtag string, out interface{})

//go:linkname goyamlParseTimestamp sigs.k8s.io/yaml/goyaml%2ev2.parseTimestamp
func goyamlParseTimestamp(s string) (time.Time, bool)

//go:linkname goyamlIsBase60Float sigs.k8s.io/yaml/goyaml%2ev2.isBase60Float
func goyamlIsBase60Float(s string) bool

func init() {
	register("yaml_resolve", genYamlResolve)
	register("yaml_decode", genYamlDecode)
	register("yaml_corpus", genYamlCorpus)
}

// ---------------------------------------------------------------- resolve

// resolveOne runs resolve(tag, in) and describes the outcome as
// "<short tag> <value>" or "err <message>".
func resolveOne(tag, in string) (res string) {
	defer func() {
		if r := recover(); r != nil {
			// r is goyaml's unexported yamlError{err error}
			rv := reflect.New(reflect.TypeOf(r)).Elem()
			rv.Set(reflect.ValueOf(r))
			e := *(*error)(unsafe.Pointer(rv.Field(0).UnsafeAddr()))
			res = "err " + e.Error()
		}
	}()
	long := tag
	if strings.HasPrefix(tag, "!!") {
		long = "tag:yaml.org,2002:" + tag[2:]
	}
	rtag, out := goyamlResolve(long, in)
	short := strings.Replace(rtag, "tag:yaml.org,2002:", "!!", 1)
	switch v := out.(type) {
	case nil:
		return short + " null"
	case bool:
		return short + " " + strconv.FormatBool(v)
	case int:
		return short + " int " + strconv.Itoa(v)
	case int64:
		return short + " int " + strconv.FormatInt(v, 10)
	case uint64:
		return short + " uint " + strconv.FormatUint(v, 10)
	case float64:
		return short + " float " + strconv.FormatFloat(v, 'g', -1, 64)
	case string:
		return short + " str"
	case time.Time:
		return short + " time"
	}
	return fmt.Sprintf("%s %T", short, out)
}

var resolveHand = []string{
	"", "~", "null", "Null", "NULL", "nULL", "nil", "None",
	"y", "Y", "yes", "Yes", "YES", "yEs", "n", "N", "no", "No", "NO", "nO",
	"true", "True", "TRUE", "tRUE", "false", "False", "FALSE", "on", "On", "ON", "oN",
	"off", "Off", "OFF", "oFF", "t", "f", "T", "F", "o", "O",
	".nan", ".NaN", ".NAN", ".nAn", "nan", "NaN", ".inf", ".Inf", ".INF", ".iNf",
	"+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF", "inf", "+inf", "-inf", "Infinity",
	"<<", "<", "=", "!", "&", "*",
	"0", "-0", "+0", "00", "000", "01", "07", "08", "09", "0777", "0778", "-0777", "+0777",
	"0o17", "0O17", "0o8", "0o", "0x", "0b", "0x1F", "0X1f", "0xg", "-0x1F", "+0x1F", "0x_1F",
	"0b101", "0B101", "-0b101", "+0b101", "0b102", "0b-101", "0b+101", "-0b-101", "-0b+1",
	"0b" + strings.Repeat("1", 63), "0b" + strings.Repeat("1", 64), "0b" + strings.Repeat("1", 65),
	"-0b1" + strings.Repeat("0", 63), "-0b1" + strings.Repeat("0", 64),
	"1", "12", "-12", "+12", "1_000", "1__000", "_1000", "1000_", "-_1", "+_1", "0_7", "0x_ff_ff",
	"9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
	"18446744073709551615", "18446744073709551616", "+18446744073709551615", "-18446744073709551615",
	"0xFFFFFFFFFFFFFFFF", "0x10000000000000000", "0x7FFFFFFFFFFFFFFF", "0x8000000000000000",
	"-0x8000000000000000", "-0x8000000000000001", "01777777777777777777777", "02000000000000000000000",
	"1.0", "1.", "-1.", "+1.", ".5", "-.5", "+.5", "._5", ".5_5", ".5__5", ".5_", "._", ".", "..", "..5",
	".5.5", ".e5", ".5e", ".5e+", ".5e5", ".5E-5", ".5e1_0", ".5e_10", ".5e10_", ".5e400", ".5e-400",
	"1e5", "1E5", "1e+5", "1e-5", "1e", "1e+", "e5", "1.5e3", "1.5e3.5", "1_0.5", "1.5_5", "1e1_0",
	"1e400", "-1e400", "1e-400", "1e-320", "4.9e-324", "2.5e-324", "1.7976931348623157e308",
	"1.7976931348623159e308", "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791.9",
	"0.1", "0.30000000000000004", "3.14159265358979323846264338327950288", "123456789012345678901234567890",
	"1e21", "1e20", "1e-7", "100000000000000000000", "-0.0", "0.0", "-0", "+0.0", "0e0", "00.5", "-00.5",
	"0x1p3", "0x1.8p1", "1_000.5", "1,000", "1 000", "1.0.0", "v1", "1a", "a1", "-", "+", "--1", "+-1",
	"0.", "0.e1", "1.e1", ".1e1", "1.5e+10", "1.5e-10", "6.02e23", "12e", "12e-",
	"1:20", "1:20:30", "190:20:30.15", "-1:30", "+1:30", "1:60", "1:59", "1:5", "1:123", "1:", ":1",
	"1_0:30", "1:30.", "1:30._", "1:30.5_5", "1:30:", "a:30", "1:3a", "1::30", "1:30.5.5", "0:0",
	"2001-12-14", "2001-12-14t21:59:43.10-05:00", "2001-12-14T21:59:43.10-05:00",
	"2001-12-14 21:59:43.10 -5", "2001-12-14 21:59:43.10", "2001-12-15T02:59:43.1Z",
	"2001-12-15 2:59:43.10", "2002-12-14", "2001-1-1", "2001-01-01", "2001-13-01", "2001-00-01",
	"2001-02-29", "2000-02-29", "1900-02-29", "2004-02-29", "2001-04-31", "2001-04-30", "2001-1-32",
	"2001-1-0", "2001-001-01", "2001-1-011", "200-01-01", "20011-01-01", "2001/01/01", "2001-01",
	"2001-", "2001", "2001-01-01T", "2001-01-01T1:2:3", "2001-01-01T1:2:3Z", "2001-01-01t1:2:3Z",
	"2001-01-01T24:00:00Z", "2001-01-01T23:60:00Z", "2001-01-01T23:59:60Z", "2001-01-01T23:59:59Z",
	"2001-01-01T23:59:59.Z", "2001-01-01T23:59:59.1234567891234Z", "2001-01-01T23:59:59,5Z",
	"2001-01-01T23:59:59+01:00", "2001-01-01T23:59:59+0100", "2001-01-01T23:59:59+1:00",
	"2001-01-01T23:59:59+24:00", "2001-01-01T23:59:59+25:00", "2001-01-01T23:59:59+01:60",
	"2001-01-01T23:59:59+01:61", "2001-01-01T23:59:59 +01:00", "2001-01-01T23:59:59z",
	"2001-01-01T23:59:59*01:00", "2001-01-01T23:59:59+01:0a", "2001-01-01T23:59:59+01:00x",
	"2001-01-01 23:59:59", "2001-01-01  23:59:59", "2001-01-01   1:2:3", "2001-01-01 1:2:3.5",
	"2001-01-01 1:2:3,5", "2001-01-01 1:2:3.", "2001-01-01 1:2:3 ", "2001-01-01 1:2:3Z",
	"2001-01-01 ", "2001-01-01T", "2001-1-1T1:1:1Z", "2001-1-1 1:1:1", "2001-12-14 21:59:43.10-05:00",
	"0000-01-01", "9999-12-31", "2001-01-01T001:00:00Z", "2001-01-01T1:2:3.45+05:30",
	"1_2", "1__2", "12_", "_12", "0x", "0o", "0b", "0x_", "0_x1", "+_", "-_", "__",
	"yes please", "no way", "truex", "falsey", "~~", "null ", " null", "1 ", " 1",
	"!!str", "#", "-1_2", "-0_7", "+0x_1", "0o_7", "0O7", "1e0x", "1.5f", "1d", "1L", "0xFF_",
	"٣", "１", "1.0e+", "∞", "1E+05", "1e05", "1e-05", "1E-0", "-.0", "+.0", "-.e1",
}

func genYamlResolve(w *Writer) {
	tags := []string{"", "!!str", "!!int", "!!float", "!!bool", "!!null", "!!timestamp", "!!binary"}
	seen := map[string]bool{}
	inputs := []string{}
	add := func(s string) {
		if !seen[s] {
			seen[s] = true
			inputs = append(inputs, s)
		}
	}
	for _, s := range resolveHand {
		add(s)
	}
	r := rand.New(rand.NewSource(20240601))
	alpha := []string{"0", "1", "2", "5", "7", "9", "_", ".", "e", "E", "+", "-", "x", "o", "b", ":",
		"T", "t", "Z", " ", "a", "f", "12", "2001-", "01-", "23:", "59", "0x", "0b", "0o", "inf", "nan"}
	for len(inputs) < 3000 {
		n := 1 + r.Intn(8)
		var sb strings.Builder
		if r.Intn(4) == 0 {
			sb.WriteString([]string{"-", "+", ".", "0", "2001-01-0", "1:", "-.", "0x"}[r.Intn(8)])
		}
		for i := 0; i < n; i++ {
			sb.WriteString(alpha[r.Intn(len(alpha))])
		}
		add(sb.String())
	}
	// A few numbers formatted by Go itself, to stress correct rounding.
	for i := 0; i < 400; i++ {
		f := math.Float64frombits(r.Uint64())
		if math.IsNaN(f) || math.IsInf(f, 0) {
			continue
		}
		add(strconv.FormatFloat(f, 'g', -1, 64))
		add(strconv.FormatFloat(f, 'e', 20, 64))
		add(strconv.FormatInt(int64(r.Uint64()), 10))
	}
	for i, s := range inputs {
		_, isTS := goyamlParseTimestamp(s)
		fields := []string{s, strconv.FormatBool(goyamlIsBase60Float(s)), strconv.FormatBool(isTS)}
		for _, t := range tags {
			fields = append(fields, resolveOne(t, s))
		}
		w.Rec(fmt.Sprintf("r%04d", i), fields...)
	}
}

// ---------------------------------------------------------------- decode

type decodeCase struct {
	name, input string
}

// decodeTargets runs Unmarshal into the three targets Helm uses.
func decodeTargets(input []byte) (out [3][2]string) {
	var a interface{}
	if err := sigsyaml.Unmarshal(input, &a); err != nil {
		out[0] = [2]string{"err", err.Error()}
	} else {
		out[0] = marshalResult(a)
	}
	var m map[string]interface{}
	if err := sigsyaml.Unmarshal(input, &m); err != nil {
		out[1] = [2]string{"err", err.Error()}
	} else if m == nil {
		// a nil map: Helm treats it as empty; json.Marshal would say null
		out[1] = [2]string{"ok", "null"}
	} else {
		out[1] = marshalResult(m)
	}
	var l []interface{}
	if err := sigsyaml.Unmarshal(input, &l); err != nil {
		out[2] = [2]string{"err", err.Error()}
	} else {
		out[2] = marshalResult(l)
	}
	return
}

func marshalResult(v interface{}) [2]string {
	b, err := json.Marshal(v)
	if err != nil {
		panic("re-marshal failed: " + err.Error())
	}
	return [2]string{"ok", string(b)}
}

// stable reports whether decoding gives the same result every time: Go's
// random map order decides some outcomes (colliding keys, which bad key
// is reported first); such inputs say nothing and are left out.
func stable(input []byte, first [3][2]string) bool {
	for i := 0; i < 12; i++ {
		if decodeTargets(input) != first {
			return false
		}
	}
	return true
}

func emitDecode(w *Writer, c decodeCase, skipped *int) {
	res := decodeTargets([]byte(c.input))
	if !stable([]byte(c.input), res) {
		*skipped++
		w.Comment("unstable in Go (map order), left out: " + c.name)
		return
	}
	w.Rec(c.name, append([]string{c.input}, packResults(res)...)...)
}

// packResults gives the six result fields; a map result equal to the
// interface{} one is written as "=" (not JSON, so unambiguous) to keep the
// files small.
func packResults(res [3][2]string) []string {
	m := res[1][1]
	if res[1] == res[0] {
		m = "="
	}
	return []string{res[0][0], res[0][1], res[1][0], m, res[2][0], res[2][1]}
}

func genYamlDecode(w *Writer) {
	cases := handDecodeCases()
	seed, count := int64(77), 2000
	// exploration knob (not for committed vectors): ORACLE_YAML_RANDOM=seed:count
	if v := os.Getenv("ORACLE_YAML_RANDOM"); v != "" {
		fmt.Sscanf(v, "%d:%d", &seed, &count)
		cases = nil
	}
	cases = append(cases, randomDecodeCases(rand.New(rand.NewSource(seed)), count)...)
	skipped := 0
	seen := map[string]bool{}
	for _, c := range cases {
		if seen[c.name] {
			panic("duplicate case " + c.name)
		}
		seen[c.name] = true
		emitDecode(w, c, &skipped)
	}
	fmt.Fprintf(os.Stderr, "yaml_decode: %d cases, %d unstable left out\n", len(cases), skipped)
}

// ---------------------------------------------------------------- corpus

func genYamlCorpus(w *Writer) {
	root := "../../../shared/corpus/cozystack"
	var files []string
	filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		base := filepath.Base(p)
		if (strings.HasPrefix(rel, "values/") && (strings.HasSuffix(base, ".yaml") || strings.HasSuffix(base, ".yml"))) ||
			(strings.HasPrefix(rel, "packages/") && base == "values.yaml") {
			files = append(files, rel)
		}
		return nil
	})
	sort.Strings(files)
	for _, rel := range files {
		data, err := os.ReadFile(filepath.Join(root, rel))
		if err != nil {
			panic(err)
		}
		sum := sha256.Sum256(data)
		res := decodeTargets(data)
		if !stable(data, res) {
			w.Comment("unstable in Go, left out: " + rel)
			continue
		}
		w.Rec("corpus:"+rel, append([]string{hex.EncodeToString(sum[:])}, packResults(res)...)...)
	}
}

// hand-picked documents, grouped by the rule they exercise
var handGroups = map[string][]string{
	"num": {
		"a: 1", "a: -1", "a: +1", "a: 0", "a: -0", "a: 00", "a: 0777", "a: 0o777", "a: 0x1F", "a: 0b101",
		"a: -0b101", "a: 1_000", "a: 08", "a: 09.5", "a: 1.5", "a: -1.5", "a: .5", "a: -.5", "a: 1.", "a: 1e3",
		"a: 1E3", "a: 1e+3", "a: 1e-3", "a: 6.02e23", "a: 1e21", "a: 1e20", "a: 1e-7", "a: 1e400", "a: 1e-400",
		"a: 9223372036854775807", "a: 9223372036854775808", "a: -9223372036854775808", "a: 18446744073709551615",
		"a: 18446744073709551616", "a: 9007199254740993", "a: 12345678901234567890", "a: 0x7FFFFFFFFFFFFFFF",
		"a: 0xFFFFFFFFFFFFFFFF", "a: 1:30", "a: 190:20:30.15", "a: 1_0.5", "a: ._5", "a: .5_5", "a: 0.1",
		"a: 3.141592653589793238", "a: 1000000", "a: 1234567.5", "a: -0.0", "a: 0.0", "a: 1e", "a: 0x",
		"a: 1,000", "a: 1.0.0", "a: v1.2", "a: 1a", "a: +", "a: -", "a: 0b-1", "a: 1_", "a: _1",
		"a: 4.9e-324", "a: 1.7976931348623157e308", "a: 1.7976931348623159e308", "a: 123456789012345678901234567890",
		"- 1\n- 2.5\n- -3\n- 0x10\n- 1e2", "[1, 2.0, 3e0, 0o10, 010]", "{a: 1, b: 2}",
	},
	"special": {
		"a: .inf", "a: -.inf", "a: +.inf", "a: .Inf", "a: .INF", "a: .nan", "a: .NaN", "a: .NAN", "a: .iNf",
		"a: inf", "a: nan", "a: NaN", "[.inf]", "[1, .nan]", "b: {c: -.Inf}", ".nan", ".inf", "- .nan\n- .inf",
		"a: [1, 2]\nb: .nan\nc: -.inf", "z: .inf\na: .nan", "a: .nan\na: 1", "a: {b: .nan}\na: 2",
		"!!float .nan", "a: !!float .inf", "a: !!str .nan", "a: '.nan'",
	},
	"bool": {
		"a: y", "a: Y", "a: yes", "a: Yes", "a: YES", "a: yEs", "a: n", "a: N", "a: no", "a: No", "a: NO",
		"a: true", "a: True", "a: TRUE", "a: tRUE", "a: false", "a: False", "a: FALSE", "a: on", "a: On",
		"a: ON", "a: off", "a: Off", "a: OFF", "a: oN", "a: t", "a: f", "a: 'yes'", "a: \"no\"", "y: 1",
		"yes: 1", "on: 2", "no: 3", "off: 4", "true: 5", "false: 6", "n: 7", "[y, n, yes, no, on, off]",
		"a: !!bool yes", "a: !!bool 1", "a: !!bool 'true'", "a: !!str yes",
	},
	"null": {
		"", " ", "\n", "\n\n\n", "# comment", "# a\n# b\n", "---", "--- ", "---\n", "...", "---\n...", "--- # c\n",
		"~", "null", "Null", "NULL", "nULL", "a:", "a: ~", "a: null", "a: Null", "a: NULL", "a: !!null ~",
		"a: !!null ''", "a: !!null x", "a: ''", "a: \"\"", "[~, null, ]", "- \n- ~\n-", "{a: , b: ~}",
		"? a", "? a\n? b", "a: []", "a: {}", "[]", "{}", "- []\n- {}", "!!null", "!!null ''", "!!str",
		"! ", "''", "\"\"", "--- ~", "--- null\n--- a: 1",
	},
	"str": {
		"a: b", "a: 'b'", "a: \"b\"", "a: 'it''s'", "a: \"q\\\"q\"", "a: \"\\x41\\u00e9\\U0001F600\"",
		"a: \"\\0\\a\\b\\t\\n\\v\\f\\r\\e\\ \\/\\\\\\N\\_\\L\\P\"", "a: \"tab\\tx\"", "a: 'multi\n  line'",
		"a: \"multi\n  line\"", "a: plain\n  continued\n  lines", "a: \"a\\\n  b\"", "a: 'a\n\n  b'",
		"a: \"\\u2028\\u2029\\u0085\"", "a: \"<>&\"", "a: é", "a: 日本語", "a: 😀", "a: \"\\ud800\"",
		"a: \"\\uDFFF\"", "a: \"\\xZZ\"", "a: \"\\q\"", "a: \"\\u12\"", "a: 'unterminated", "a: \"unterminated",
		"a: b # comment", "a: b#c", "a: 'b' # c", "a: b:c", "a: b: c", "a: -b", "a: - b", "a: ?b", "a: :b",
		"a: @b", "a: `b", "a: %b", "a: !b", "a: &b", "a: *b", "a: |b", "a: >b", "a: {b", "a: [b", "a: ]b",
		"a: }b", "a: b]", "a: ,b", "a: b,c", "a: \"x\" y", "a: 'x' y", "a: <<", "a: =", "a: 2001-12-14",
		"a: 2001-12-14t21:59:43.10-05:00", "a: 2001-12-14 21:59:43.10 -5", "a: 2001-13-14", "a: 1:2:3",
		"a:   spaced   ", "a: \ttabbed", "a: x\ty", "'a b': c", "\"a\\tb\": c", "a\\tb: c", "a b c: d",
		"a: \u00a0nbsp", "a: \"\\u00e9\"", "a: '\"'", "a: \"'\"", "a: '\\n'", "a: \\n",
		"a: " + strings.Repeat("x", 5000), "a: '" + strings.Repeat("y ", 3000) + "'",
		strings.Repeat("k", 2000) + ": v", "a: \"" + strings.Repeat("\\u00e9", 500) + "\"",
	},
	"block": {
		"a: |\n  x\n  y\n", "a: |-\n  x\n  y\n", "a: |+\n  x\n  y\n\n\n", "a: >\n  x\n  y\n", "a: >-\n  x\n  y\n",
		"a: >+\n  x\n  y\n\n", "a: |2\n    x\n  y\n", "a: |1\n  x\n", "a: |2-\n   x\n", "a: |-2\n   x\n",
		"a: >2+\n   x\n\n", "a: |0\n x\n", "a: |10\n x\n", "a: |\n\n  x\n", "a: |\n  x\n\n  y\n",
		"a: >\n  x\n\n  y\n   z\n  w\n", "a: >\n  x\n   indented\n  back\n", "a: |\n", "a: |\nb: 1",
		"a: |-\n", "a: |+\n", "a: >\n\n\n", "a: |\n  x\n b: 1", "a: |\n  x\n  \ty\n", "a: |\n\tx\n",
		"a: | # comment\n  x\n", "a: |#c\n  x\n", "a: |x\n  y\n", "a: |++\n  x\n", "a: |--\n  x\n",
		"a: |22\n  x\n", "- |\n  a\n- >-\n  b\n  c\n", "a: |\n  x\r\n  y\r\n", "a: >\n  long " +
			strings.Repeat("word ", 40) + "\n", "|\n  top\n", ">\n  top\n  folded\n", "a: |\n    lead\n  x\n",
		"a: |\n  x\n\n\n", "a: |+\n  x\n\n\nb: 1", "a: >-\n\n  x\n\n", "a: |\n  trailing  \n",
	},
	"flow": {
		"[a, b, c]", "[a, [b, c], {d: e}]", "{a: b, c: [d, e]}", "{a: b,}", "[a, b,]", "[a,, b]", "{a: b,, c: d}",
		"{a, b: c}", "{a: 1, a: 2}", "[a: b]", "[a: b, c: d]", "[? a : b]", "{? a : b}", "{\"a\":1,\"b\":[true,null]}",
		"{a:1}", "{a:b}", "[a:b]", "{\"a\":b}", "['a':b]", "{a: [b}", "[a, {b: c]", "{a: b", "[a, b", "[a\nb]",
		"[\na,\nb\n]", "{\na: 1,\nb: 2\n}", "[ ]", "{ }", "[,]", "{,}", "[a b]", "{a b}", "{a: b c}",
		"a: [b, c]\nd: {e: f}", "a: [b,\n  c]", "a: [b,\nc]", "a: {b: c,\n  d: e}", "[[[[[x]]]]]",
		"{a: {b: {c: {d: e}}}}", "[a, 'b', \"c\", ~, 1, 1.5, true]", "[-a, -1]", "[- a]", "{-a: 1}",
		"[a]]", "{a: b}}", "[a] b", "{a: b} c", "[a]\n- b", "[#c\na]", "[a #c\n]", "[a#c]",
		"{? [a, b] : c}", "{[a]: b}", "{{a: b}: c}", "[*a]", "[&a x, *a]", "{&a a: *a}",
	},
	"map": {
		"a: 1\nb: 2", "a:\n  b:\n    c: d", "a:\n- 1\n- 2", "a:\n  - 1\n  - 2", "- a: 1\n  b: 2\n- c: 3",
		"- - a\n  - b\n- - c", "a: 1\na: 2", "a: {x: 1}\na: {y: 2}", "a: 1\n b: 2", "a: 1\n  b: 2",
		" a: 1\nb: 2", "a:\n  b: 1\n c: 2", "a:\n  b: 1\n    c: 2", "a: b\n- c", "- a\nb: c", "a\nb: c",
		"a: b\nc", "a: b\n\nc: d", "a:    \n  b", "? a\n: b", "? |\n  block key\n: v", "? - a\n  - b\n: c",
		"? a: b\n: c", "a: b: c", "a: 'b': c", "\"a\": b", "'a': b", "a : b", "a :b", "a:b", "a:b: c",
		"-a: b", "- a\n-b", "1: a", "-1: a", "1.5: a", "0x10: a", "1e3: a", "0.1: a", "3.14159265358979: a",
		"1e20: a", "1e-7: a", "100000: a", "1000000: a", "123456789: a", ".inf: a", "-.inf: a", ".nan: a",
		"true: a", "yes: a", "~: a", "null: a", "'': a", "\"\": a", ": a", "18446744073709551615: a",
		"9223372036854775808: a", "-9223372036854775808: a", "2001-12-14: a", "!!binary aGVsbG8=: a",
		"!!str 1: a", "!!int '1': a", "a: 1\n1: b", "1: a\n'1': b", "1: a\n1.0: b", "1: x\n1: y",
		"~: x\n~: y", "~: {a: 1}", "~: [1, two]", "~: 1.5", "~: ~", "~: 'x'", "~: yes", "~: 18446744073709551615",
		"18446744073709551615: ~", "18446744073709551615: [1]", "a: {~: 1}", "a: [{~: 1}]", "a: {~: 1}\na: 2",
		"[{18446744073709551616: 1}]", "{~: 1, a: .nan}", "a: .nan\n~: 1", "x: {0.1: a, 0.2: b}",
		"16777217: a", "16777217.0: a", "1.0000001: a", "0.30000000000000004: a", "1e39: a", "-1e-46: a",
		"1e-45: a", "3.4028235e38: a", "-0.0: a", "0.0: a", "1.5e300: a", "12345678.9: a", "0.000012345: a",
		"a:\n  - b\n  -\n  - c", "a:\n-\n-", "a: - b", "- a: - b", "a:\n  -b", "top:\n  - a\n  b: c",
		"a: 1 # c\n# c\nb: 2 # c", "a:\n\n\n  b: 1", "a:\n  # c\n  b: 1", "a: 1\r\nb: 2\r\n", "a: 1\rb: 2",
		"a:\tb", "a:\t\tb", "\ta: b", "a:\n\tb: c", "a:\n  \tb: c", "a: b\t", "a: b\t# c", "- \ta",
		"a: 1\n...\nb: 2", "a: 1\n---\nb: 2", "- 1\n---\n- 2", "a: 1\n--- !foo\nb", "a: 1\n---\n[",
		"a: 1\n---\n: : :", "a: 1\n---\n\"unterminated", "a: 1\n--- &x\n*y", "a: *x\n---\nb",
	},
	"anchor": {
		"a: &x 1\nb: *x", "a: &x [1, 2]\nb: *x", "a: &x {k: v}\nb: *x", "a: *x", "a: &x 1\nb: *y",
		"a: &x 1\na: &x 2\nb: *x", "a: &x\n  b: *x", "a: &x [*x]", "&x [*x]", "&x {a: *x}", "a: &x b\n*x : c",
		"&a a: &b b\n*a : *b", "a: &x\nb: *x", "a: &x ~\nb: *x", "a: & x", "a: &x", "a: *", "a: &x &y 1",
		"a: &x *y", "a: &x !!str 1\nb: *x", "a: !!str &x 1\nb: *x", "&x a: b", "a: &x1.5 c\nb: *x1.5",
		"a: &x b\nc: *x\nd: *x", "- &x a\n- *x\n- *x", "a: &x [1]\nb: [*x, *x]", "a: &x {b: &y 1}\nc: *y",
		"a: &a [&b 1]\nc: *b\nd: *a", "a: &x 1\n---\nb: *x", "{a: &x 1, b: *x}", "[&x 1, *x, &x 2, *x]",
		"a: &x\n  - *x", "? &k key\n: v\n*k : w", "a: &x 18446744073709551615\n*x : b", "a: &x ~\n*x : b",
		"a: &x [1]\n*x : b", "a: &x {b: 1}\n*x : c", "a: &x 1\n*x : b",
	},
	"merge": {
		"a: &x {b: 1, c: 2}\nd:\n  <<: *x\n  c: 3", "a: &x {b: 1}\nd:\n  c: 3\n  <<: *x",
		"a: &x {b: 1}\nd:\n  b: 2\n  <<: *x", "a: &x {b: 1}\ne: &y {b: 2, c: 2}\nd:\n  <<: [*x, *y]",
		"a: &x {b: 1}\ne: &y {b: 2, c: 2}\nd:\n  <<: [*y, *x]", "d:\n  <<: {a: 1}\n  b: 2", "d:\n  <<: [{a: 1}, {a: 2}]",
		"d:\n  <<: 1", "d:\n  <<: [1]", "d:\n  <<: ~", "d:\n  <<: [a]", "a: &x 1\nd:\n  <<: *x",
		"a: &x [1]\nd:\n  <<: *x", "a: &x {b: 1}\nd:\n  <<: [*x, 2]", "a: &x {b: 1}\nd:\n  <<: [2, *x]",
		"d:\n  '<<': {a: 1}", "d:\n  \"<<\": {a: 1}", "d:\n  !!merge <<: {a: 1}", "d:\n  !!str <<: {a: 1}",
		"d:\n  ! <<: {a: 1}", "<<: {a: 1}", "<<: {a: 1}\n<<: {b: 2}", "<<: {a: 1}\na: 2", "a: 2\n<<: {a: 1}",
		"a: &x {b: &y {c: 1}}\nd:\n  <<: *y", "a: &x {<<: {q: 1}, b: 2}\nd:\n  <<: *x",
		"- <<: {a: 1}\n  b: 2", "{<<: {a: 1}, b: 2}", "a: &x {b: 1}\nd: {<<: *x, <<: {b: 3}}",
		"a: &x {~: 1}\nd: {<<: *x}", "d:\n  <<: {~: 1}", "d:\n  <<: []", "d:\n  <<: {}", "<<: 1",
		"d:\n  <<: &z {a: 1}\ne: *z", "a: &x {b: 1}\nd:\n  <<: [*x, *x]", "d:\n  <<: [[{a: 1}]]",
		"a: &x {b: 1}\nd:\n  <<: *x\n  <<: *x", "a: &x\n  <<: *x", "d:\n  << : {a: 1}", "d:\n  <<<: {a: 1}",
		"a: <<", "- <<", "[<<]", "<<: ", "<<", "a: &x {b: .nan}\nd: {<<: *x}",
	},
	"tag": {
		"a: !!str 1", "a: !!str true", "a: !!str ~", "a: !!str", "a: !!int 1", "a: !!int '1'", "a: !!int 1.5",
		"a: !!int x", "a: !!int ~", "a: !!int", "a: !!int 0x1F", "a: !!int 18446744073709551615", "a: !!float 1",
		"a: !!float '1.5'", "a: !!float x", "a: !!float 18446744073709551615", "a: !!float 9223372036854775807",
		"a: !!bool y", "a: !!bool x", "a: !!null ~", "a: !!null 1", "a: !!timestamp 2001-12-14",
		"a: !!timestamp x", "a: !!timestamp 1", "a: !!timestamp '2001-12-14'", "a: !!binary aGVsbG8=",
		"a: !!binary 'aGVsbG8='", "a: !!binary |\n  aGVs\n  bG8=\n", "a: !!binary aGVsbG8", "a: !!binary a",
		"a: !!binary aGVsbG8=x", "a: !!binary aGVsbA==", "a: !!binary aGVsbA=", "a: !!binary ====",
		"a: !!binary /w==", "a: !!binary //79", "a: !!binary wMA=", "a: !!binary 7aCA", "a: !!binary ''",
		"a: !!binary aGVs bG8=", "a: !!binary \"aGVs\\nbG8=\"", "a: !!binary \"aGVs\\rbG8=\"",
		"!!binary /w==: x", "!!binary /w==: x\n!!binary /g==: y", "a: !foo bar", "a: !foo 1",
		"a: !foo", "a: !<tag:yaml.org,2002:int> 5", "a: !<tag:yaml.org,2002:str> 5", "a: !<!foo> 5", "a: ! 5",
		"a: ! yes", "a: ! ~", "a: !!map {b: 1}", "a: !!seq [1]", "a: !!str [1]", "a: !!int {b: 1}",
		"a: !!seq {b: 1}", "%TAG !e! tag:example.com,2000:\n---\na: !e!foo 1", "%TAG !! tag:example.com:\n---\na: !!int 1",
		"%TAG !e! tag:yaml.org,2002:\n---\na: !e!int x", "a: !e!foo 1", "a: !!merge 1", "a: !!omap [a: 1]",
		"a: !!set {a, b}", "a: !!pairs [a: 1]", "a: !!float .inf", "a: !!float -.inf", "a: !!int 0b11",
		"a: !!int 0o7", "a: !!int 1_0", "a: !!int -0", "a: !!float -0", "a: !!int 1e3", "a: !!float 1e3",
		"a: !!str 2001-12-14", "a: !!timestamp 2001-12-14T21:59:43Z", "a: !!timestamp 2001-02-29",
		"!!int x: 1", "!!int 1: x", "!!float 1: x", "!!bool yes: x", "!!null ~: x", "a: !!bool", "a: !!float",
		"a: !!timestamp", "a: !!binary", "a: !!null", "a: !!str ''", "a: !!int \"1\"", "!!str [a]",
		"!<!> x", "a: !!int &x 1\nb: *x", "a: !!nosuch 1", "a: !!Str 1", "a: !!INT 1",
	},
	"directive": {
		"%YAML 1.1\n---\na: 1", "%YAML 1.2\n---\na: 1", "%YAML 2.0\n---\na: 1", "%YAML 1.1\n%YAML 1.1\n---\na: 1",
		"%YAML\n---\na: 1", "%YAML 1\n---\na: 1", "%YAML 1.1.1\n---\na: 1", "%FOO bar\n---\na: 1",
		"%TAG ! !\n---\na: 1", "%TAG !a! x\n%TAG !a! y\n---\na: 1", "%TAG !a!\n---\na: 1", "%YAML 1.1\na: 1",
		"%TAG !x! tag:x\n--- !x!y\na", "--- !x!y a", "%YAML 1.1\n...\n", "--- a\n...\n%YAML 1.1\n---\nb",
		"%YAML 01.01\n---\na", "%YAML 123.4\n---\na", "%YAML 1.123\n---\na", "%YAML a.b\n---\na", "% a",
		"--- |\n  x\n", "--- >\n x\n", "---a", "--- a\nb", "a\n---", "a\n...", "...\na", "a\n...\nb",
		"--- a: b", "--- [a]\n--- [b]", "--- !!str\n--- 1", "---\n---\n---", "--- \n ...",
	},
	"ws": {
		"\ufeffa: 1", "\ufeff\ufeffa: 1", "a: \ufeff1", "a: 1\ufeff", "\xff\xfea\x00:\x00 \x001\x00",
		"\xfe\xff\x00a\x00:\x00 \x001", "\xef\xbb\xbf", "a: 1\n\ufeff", "- a\n\ufeff- b", "\ufeff---\na: 1",
		"a: b\x00", "a: \x01", "a: \x7f", "a: \u0085x", "a: x\u0085y", "a: \u2028", "a: x\u2028y", "\x80",
		"a: \xc3", "a: \xc3\x28", "a: \xe2\x82", "a: \xed\xa0\x80", "a: \xf4\x90\x80\x80", "a: \xc0\x80",
		"a: \"\x01\"", "a: '\x01'", "a: \"\xfe\"", "a: 1\r", "a: 1\r\n", "\r\na: 1", "a:\r\n  b: 1\r\n",
		"a: |\r\n  x\r\n", "a: 'x\r\n  y'", "a: \"x\r\n  y\"", "a\r: b", "a: b\rc: d", "a: \x0b", "a: \x0c",
		"a: \ue000", "a: \ufffe", "a: \uffff", "a: \U0010ffff", "a: \"\\U00110000\"", "a: \"\\UFFFFFFFF\"",
		"  ", "\t", "\t\n", " \n a: 1", "a: 1\n  ", "a: 1\n\t", "\ta", "a:\n\t- 1", "#\ta: 1",
	},
	"err": {
		"a: b: c", "a: 'b' c", "[", "]", "{", "}", "[}", "{]", "a: [", "- [", "- {", ": :", "? : ? :", ",", "a,b",
		"a: b\n c: d", "a:\n  b: c\n d: e", "- a\n - b", "- a\n  - b", "a:\n- b\n  - c", "key: - a",
		"&", "*", "!", "|", ">", "@", "`", "%", "a: @", "a: `x", "- @", "[@]", "{`: 1}", "a: 'x'\n'y'",
		"\"a\"b: c", "'a'b: c", "a: \"b\" c: d", "a:\n  - 1\n  b: 2", "a:\n  b: 1\n  - 2", "x: y: z: w",
		"a: b\n: c", "? a\n? b\n: c\n: d", "- a\nb", "a\n- b", "a: |\n x\n  y\n z", "a: >\n  x\n y",
		"{a: 1\nb: 2}", "[1\n2]", "[a, b]]", "a: ]", "a: }", "a: [b]c", "a: {b: c}d", "a: 'b'\n  c",
		"key:\n\tvalue", "a:\n  b\n  c: d", "a: b\n---\nc: d: e", "!!str &a", "&a !!str", "&a &b x", "!a !b x",
		"*a", "- *a", "a: *a", "&a", "- &a\n- *a", "{*a : b}", "*a : b", "a: &x [1]\nb: *x\nc: *z",
		"\"\\u", "'", "\"", "a: \"\\", "a: ''" + "'", "? |\n", "- |\n  a\n - b", "? a\n: b\n: c", "a: b\n? c\n? d: e",
		"a: {b, c: d, e}", "a: [b: c: d]", "{a: b: c}", "[a, ? b: c]", "{? a: b: c}", "a: !x!y b", "!<> x",
		"!<", "!<a", "a: !", "a: !!", "a: !a!", "a: &", "a: &&", "a: **", "a: *x y", "a: &x y z",
		strings.Repeat("[", 10001) + strings.Repeat("]", 10001), strings.Repeat("[", 10000) + strings.Repeat("]", 10000),
		strings.Repeat("{a: ", 10001) + "b" + strings.Repeat("}", 10001), strings.Repeat("[", 10001),
		"x:\n" + strings.Repeat("[", 10001), strings.Repeat("- ", 10001) + "x", strings.Repeat("- ", 9999) + "x",
		strings.Repeat("- ", 10000) + "x", "a: 1\nb: " + strings.Repeat("[", 10001) + "\nc: d",
	},
	"goyaml": {
		// where go-yaml v2's scanner differs from libyaml 0.2.5
		"a: !x,y z", "[!x,y z]", "{a: !x]}", "a: [!x]", "a: !!]str x", "a: [!x,& -3: y]", "a: !x[1] b",
		"{a: !x,y}", "[!!str, a]", "[!x, a]", "[a?b]", "{a: b?c}", "[a: b?c]", "[a, ?b]", "[? a]", "{a?: b}",
		"[x, y?]", "[&a0 {sc?n: {}}]", "- [a,\n  b?c]", "[a:]", "[a:, b]", "{a:[b]}", "{a:{b}}", "[a:[b]]",
		"{a:}", "[http://x.y/z?q=1]", "{u: http://x:80/}", "\"a\\'b\"", "a: \"it\\'s\"", "'a\\'b'",
		"a: \"\\/\"", "a: \"x\\/y\"", "a:\n  b: \"\\/\"", "a: \"\\\\/\"", "a: 1\n\ufeffb: 2", "- a\n\ufeff- b",
		"\ufeffa: 1\n\ufeffb: 2", "a: \"x\n\ufeffy\"", "a: |\n  x\n\ufeff  y\n", "a: b\n# c\n#", "a: b\n'c' d\n#",
		"a: b\n'c' d\n# x", "a: b\n'c' d\n# x\n", "{}\n{}", "[]\n[x]", "%YAML 1.2\n---\na", "%YAML 001.1\n---\na",
	},
	"alias_bomb": {
		aliasBomb(2, 5), aliasBomb(3, 5), aliasBomb(4, 6), aliasBomb(9, 6), aliasBomb(10, 9), aliasBomb(20, 4),
		aliasBomb(100, 2), aliasBomb(5, 7), aliasBomb(6, 5),
	},
}

// aliasBomb builds the "billion laughs" shape: each level lists w aliases
// of the level before.
func aliasBomb(w, levels int) string {
	var sb strings.Builder
	sb.WriteString("l0: &l0 [x]\n")
	for i := 1; i <= levels; i++ {
		fmt.Fprintf(&sb, "l%d: &l%d [", i, i)
		for j := 0; j < w; j++ {
			if j > 0 {
				sb.WriteString(", ")
			}
			fmt.Fprintf(&sb, "*l%d", i-1)
		}
		sb.WriteString("]\n")
	}
	return sb.String()
}

func handDecodeCases() []decodeCase {
	var groups []string
	for g := range handGroups {
		groups = append(groups, g)
	}
	sort.Strings(groups)
	var cases []decodeCase
	for _, g := range groups {
		for i, in := range handGroups[g] {
			cases = append(cases, decodeCase{fmt.Sprintf("%s%03d", g, i), in})
		}
	}
	// deep but legal nesting, long lines, many keys
	cases = append(cases,
		decodeCase{"deep_block", deepBlock(300)},
		decodeCase{"deep_flow", strings.Repeat("[", 500) + strings.Repeat("]", 500)},
		decodeCase{"wide_map", wideMap(3000)},
		decodeCase{"long_line", "a: " + strings.Repeat("abc ", 20000)},
		decodeCase{"many_docs", strings.Repeat("---\na: 1\n", 50)},
	)
	return cases
}

func deepBlock(n int) string {
	var sb strings.Builder
	for i := 0; i < n; i++ {
		sb.WriteString(strings.Repeat(" ", i))
		fmt.Fprintf(&sb, "k%d:\n", i)
	}
	sb.WriteString(strings.Repeat(" ", n) + "v\n")
	return sb.String()
}

func wideMap(n int) string {
	var sb strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&sb, "key%d: %d\n", i, i*7)
	}
	return sb.String()
}

// ---------------------------------------------------------------- random

// randGen writes random YAML text directly, in varied styles, so that the
// parser sees every construct (not only what an emitter would produce).
type randGen struct {
	r       *rand.Rand
	sb      strings.Builder
	anchors []string
	nl      string
}

var scalarPool = []string{
	"a", "b", "foo", "bar baz", "x-y", "x_y", "x.y", "v1.2.3", "1", "-1", "0", "007", "0x1f", "0o17", "0b11",
	"1.5", "-2.5e3", ".5", "1e3", "1_000", "3.0", "1e400", ".inf", "-.Inf", ".nan", "true", "false", "yes",
	"no", "on", "off", "y", "n", "~", "null", "Null", "2001-12-14", "2001-12-14T21:59:43Z", "1:30",
	"9223372036854775808", "18446744073709551615", "-9223372036854775808", "9007199254740993", "é", "日本",
	"😀", "a b c", "key=value", "http://x.y/z?q=1", "/path/to", "C:\\dir", "50%", "$HOME", "@at",
	"<<", "=", "-", "--", "---x", "a:b", "a#b", "[x]", "{x}", "*x", "&x", "!x", "|x", ">x", "'q'", "\"q\"",
}

func (g *randGen) word() string {
	return scalarPool[g.r.Intn(len(scalarPool))]
}

// scalar writes one scalar in a random style; indent is the block indent.
func (g *randGen) scalar(indent int, flow bool) {
	w := g.word()
	if g.r.Intn(10) == 0 {
		w = w + " " + g.word()
	}
	switch g.r.Intn(12) {
	case 0, 1:
		g.sb.WriteString("'" + strings.ReplaceAll(w, "'", "''") + "'")
	case 2, 3:
		q := strings.NewReplacer("\\", "\\\\", "\"", "\\\"").Replace(w)
		if g.r.Intn(3) == 0 {
			q += []string{"\\n", "\\t", "\\u00e9", "\\x41", "\\\"", "\\0", "\\U0001F600", "\\e"}[g.r.Intn(8)]
		}
		g.sb.WriteString("\"" + q + "\"")
	case 4:
		if !flow {
			ind := strings.Repeat(" ", indent+1+g.r.Intn(2))
			g.sb.WriteString([]string{"|", "|-", "|+", ">", ">-", ">+"}[g.r.Intn(6)] + g.nl)
			for i := 0; i < 1+g.r.Intn(3); i++ {
				if g.r.Intn(4) == 0 {
					g.sb.WriteString(g.nl)
				}
				g.sb.WriteString(ind + g.word() + g.nl)
			}
			return
		}
		g.sb.WriteString(w)
	case 5:
		if g.r.Intn(3) == 0 {
			g.sb.WriteString([]string{"!!str ", "!!int ", "!!float ", "!!bool ", "!!null ", "!foo ", "! ", "!!binary "}[g.r.Intn(8)])
		}
		g.sb.WriteString(w)
	default:
		g.sb.WriteString(w)
	}
}

func (g *randGen) key(flow bool) {
	switch g.r.Intn(8) {
	case 0:
		g.sb.WriteString(strconv.Itoa(g.r.Intn(100)))
	case 1:
		g.sb.WriteString("\"" + g.ident() + " k\"")
	case 2:
		g.sb.WriteString("'" + g.ident() + "'")
	case 3:
		g.sb.WriteString([]string{"true", "no", "1.5", "0x10", "-3", "1e3", "2001-01-01"}[g.r.Intn(7)])
	default:
		g.sb.WriteString(g.ident())
	}
}

func (g *randGen) ident() string {
	const letters = "abcdefghijklmnopqrstuvwxyz"
	n := 1 + g.r.Intn(6)
	b := make([]byte, n)
	for i := range b {
		b[i] = letters[g.r.Intn(len(letters))]
	}
	if g.r.Intn(5) == 0 {
		return string(b) + "_" + strconv.Itoa(g.r.Intn(10))
	}
	return string(b)
}

func (g *randGen) prefix() {
	if g.r.Intn(12) == 0 {
		a := "a" + strconv.Itoa(len(g.anchors))
		g.anchors = append(g.anchors, a)
		g.sb.WriteString("&" + a + " ")
	}
}

// value writes a node; in block context it may start a nested block.
func (g *randGen) value(depth, indent int, flow bool) {
	if len(g.anchors) > 0 && g.r.Intn(15) == 0 {
		g.sb.WriteString("*" + g.anchors[g.r.Intn(len(g.anchors))])
		if !flow {
			g.sb.WriteString(g.nl)
		}
		return
	}
	k := g.r.Intn(10)
	if depth <= 0 || k < 5 {
		g.prefix()
		g.scalar(indent, flow)
		if !flow {
			g.sb.WriteString(g.nl)
		}
		return
	}
	if flow || k < 7 {
		g.prefix()
		g.flow(depth)
		if !flow {
			g.sb.WriteString(g.nl)
		}
		return
	}
	g.prefix()
	g.sb.WriteString(g.nl)
	step := 1 + g.r.Intn(3)
	if k == 7 {
		g.blockSeq(depth-1, indent+step)
	} else {
		g.blockMap(depth-1, indent+step)
	}
}

func (g *randGen) flow(depth int) {
	n := g.r.Intn(4)
	if g.r.Intn(2) == 0 {
		g.sb.WriteString("[")
		for i := 0; i < n; i++ {
			if i > 0 {
				g.sb.WriteString(", ")
			}
			g.value(depth-1, 0, true)
		}
		g.sb.WriteString("]")
		return
	}
	g.sb.WriteString("{")
	for i := 0; i < n; i++ {
		if i > 0 {
			g.sb.WriteString(", ")
		}
		g.key(true)
		g.sb.WriteString(": ")
		g.value(depth-1, 0, true)
	}
	g.sb.WriteString("}")
}

func (g *randGen) blockMap(depth, indent int) {
	ind := strings.Repeat(" ", indent)
	for i := 0; i < 1+g.r.Intn(4); i++ {
		if g.r.Intn(10) == 0 {
			g.sb.WriteString(ind + "# comment" + g.nl)
		}
		g.sb.WriteString(ind)
		if g.r.Intn(25) == 0 && len(g.anchors) > 0 {
			g.sb.WriteString("<<: *" + g.anchors[g.r.Intn(len(g.anchors))] + g.nl)
			continue
		}
		g.key(false)
		g.sb.WriteString(":")
		if g.r.Intn(8) == 0 {
			g.sb.WriteString(g.nl)
			continue
		}
		if g.r.Intn(6) == 0 {
			// a sequence at the key's own indentation
			g.sb.WriteString(g.nl)
			g.blockSeq(depth-1, indent)
			continue
		}
		g.sb.WriteString(" ")
		g.value(depth, indent, false)
	}
}

func (g *randGen) blockSeq(depth, indent int) {
	ind := strings.Repeat(" ", indent)
	for i := 0; i < 1+g.r.Intn(4); i++ {
		g.sb.WriteString(ind + "- ")
		if g.r.Intn(4) == 0 && depth > 0 {
			// compact nested map: "- k: v"
			g.key(false)
			g.sb.WriteString(": ")
			g.value(depth-1, indent+2, false)
			continue
		}
		g.value(depth, indent, false)
	}
}

func (g *randGen) doc() string {
	g.sb.Reset()
	g.anchors = nil
	g.nl = "\n"
	if g.r.Intn(15) == 0 {
		g.nl = "\r\n"
	}
	if g.r.Intn(10) == 0 {
		g.sb.WriteString("---" + g.nl)
	}
	switch g.r.Intn(10) {
	case 0:
		g.blockSeq(3, 0)
	case 1:
		g.flow(3)
		g.sb.WriteString(g.nl)
	case 2:
		g.scalar(0, false)
		g.sb.WriteString(g.nl)
	default:
		g.blockMap(3, 0)
	}
	if g.r.Intn(12) == 0 {
		g.sb.WriteString("---" + g.nl + "second: doc" + g.nl)
	}
	return g.sb.String()
}

// mutate makes one to three random edits that tend to break the syntax.
func mutate(r *rand.Rand, s string) string {
	b := []byte(s)
	specials := []string{":", "-", "?", "[", "]", "{", "}", ",", "#", "&", "*", "!", "|", ">", "'", "\"",
		"%", "@", "`", "\t", "\n", " ", "  ", "\\", "<<: ", "- ", ": ", "&a ", "*a", "!!int ", "\xef\xbb\xbf", "\x00", "\xc3"}
	for i := 0; i < 1+r.Intn(3); i++ {
		if len(b) == 0 {
			break
		}
		p := r.Intn(len(b) + 1)
		switch r.Intn(4) {
		case 0: // delete a byte
			if p < len(b) {
				b = append(b[:p], b[p+1:]...)
			}
		case 1, 2: // insert a special
			ins := specials[r.Intn(len(specials))]
			b = append(b[:p], append([]byte(ins), b[p:]...)...)
		case 3: // duplicate a line
			lines := strings.Split(string(b), "\n")
			j := r.Intn(len(lines))
			lines = append(lines[:j], append([]string{lines[j]}, lines[j:]...)...)
			b = []byte(strings.Join(lines, "\n"))
		}
	}
	return string(b)
}

func randomDecodeCases(r *rand.Rand, n int) []decodeCase {
	g := &randGen{r: r}
	var cases []decodeCase
	for i := 0; i < n; i++ {
		d := g.doc()
		if i%2 == 1 {
			d = mutate(r, d)
		}
		cases = append(cases, decodeCase{fmt.Sprintf("rand%04d", i), d})
	}
	return cases
}
