// json.go — suites "json_decode" and "json_encode": encoding/json Unmarshal
// into interface{} and Marshal / MarshalIndent / Encoder(SetEscapeHTML(false))
// of interface{} values.
//
// json_decode records: name, input, "ok"|"err", json.Marshal(jsResult) or err.Error().
// json_encode records: name, input, then (status, output) for Marshal,
// MarshalIndent(v, "", "  ") and the Encoder with the trailing newline cut.
// An encode input is JSON text decoded with Unmarshal, then rewritten by
// jsApplyMarkers: strings starting "\x01@" stand for what JSON cannot carry
// (the C test applies the same rewrite):
//
//	"\x01@f:<lit>"  float64 strconv.ParseFloat(lit) (NaN, +Inf, -Inf ok)
//	"\x01@i:<lit>"  int64          "\x01@u:<lit>"  uint64
//	"\x01@x:<hex>"  string of raw bytes (also as a map key)
//	"\x01@b:<hex>"  []byte
//	"\x01@self"     the innermost enclosing map or list (a cycle)
package main

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"math/rand"
	"sort"
	"strconv"
	"strings"
)

func init() {
	register("json_decode", genJSONDecode)
	register("json_encode", genJSONEncode)
}

// ---- decode ----

func jsDecodeRec(w *Writer, name, in string) {
	var v any
	err := json.Unmarshal([]byte(in), &v)
	if err != nil {
		w.Rec(name, in, "err", err.Error())
		return
	}
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	w.Rec(name, in, "ok", string(b))
}

var jsDecodeHand = []string{
	``, ` `, "\t\n\r ", `null`, `true`, `false`, `0`, `-0`, `1`, `-1`, `""`, `"a"`, `[]`, `{}`,
	` [ ] `, ` { } `, `[1,2,3]`, `{"a":1,"b":[true,false,null]}`, `{"a":1,"a":2}`,
	`{"a":{"x":1},"a":{"y":2}}`, `{"b":1,"a":2,"c":3}`, `[[]]`, `[{}]`, `{"":""}`,
	`[1,]`, `[,1]`, `[1 2]`, `{"a" 1}`, `{"a":1,}`, `{,}`, `{"a":1 "b":2}`, `{1:2}`,
	`{"a":}`, `[`, `{`, `[1`, `{"a"`, `{"a":`, `{"a":1`, `{"a":1,`, `]`, `}`, `:`, `,`,
	`nul`, `nulx`, `tru`, `trux`, `truex`, `fals`, `falsy`, `nan`, `NaN`, `Infinity`, `-Infinity`,
	`+1`, `.5`, `01`, `-01`, `00`, `1.`, `1.e5`, `1e`, `1e+`, `1e-`, `1E5`, `1e05`, `-`, `--1`,
	`1.5.5`, `1e5e5`, `0x10`, `1_000`, `[01]`, `{"a":01}`, `"\x"`, `"\u"`, `"\u12"`, `"\u12G4"`,
	`"\`, `"abc`, `"\u0041"`, `"\u00e9"`, `"\uD83D\uDE00"`, `"\uD83D"`, `"\uDE00"`,
	`"\uDE00\uD83D"`, `"\uD83Dx"`, `"\uD83D\n"`, `"\uD83D\uD83D\uDE00"`, `"\uD83D\u0041"`,
	`"\uDBFF\uDFFF"`, `"\uD800\uDC00"`, `"\uFFFF"`, `"\uFFFE"`, `"\u0000"`, `"\u001f"`,
	`"\/"`, `"\b\f\n\r\t\"\\"`, `"\'"`, `"\a"`, `"\U0041"`, `"<>&"`, "\"\u2028\u2029\"",
	"\"\xff\"", "\"\xc3\"", "\"\xc3\xa9\"", "\"\xed\xa0\x80\"", "\"\xf4\x90\x80\x80\"",
	"\"\xe0\x80\x80\"", "\"\xc0\xaf\"", "\"a\xffb\xfec\"", "\"\xef\xbf\xbd\"", "\"\xf0\x9f\x98\x80\"",
	"\"\xf0\x9f\x98\"", "{\"\xff\":1}", "\"\x00\"", "\"\x1f\"", "\"\x7f\"", "\"\t\"",
	"\xef\xbb\xbf{}", "{}\x00", "1\x00", `1 2`, `{} {}`, `[] x`, `"a" "b"`, `null null`,
	`1e999`, `-1e999`, `1e309`, `1.7976931348623157e308`, `1.7976931348623158e308`,
	`1.7976931348623159e308`, `-1.7976931348623159e308`, `1e-400`, `-1e-400`, `4.9e-324`, `5e-324`,
	`2.4703282292062327e-324`, `2.4703282292062328e-324`, `1e21`, `1e20`, `123456789012345678901`,
	`1e-7`, `1e-6`, `0.000001`, `0.0000001`, `9007199254740993`, `9007199254740992`,
	`18446744073709551615`, `18446744073709551616`, `-9223372036854775808`, `0.1`, `0.2`,
	`0.30000000000000004`, `0.3`, `100`, `1e2`, `1E+2`, `1.0`, `1.5e-5`, `123.456e7`,
	`[1e999, 2e999]`, `{"a":1e999,"b":-1e500}`, `[1e999, x]`, `[1e999`, `[1e999]x`,
	`{"a":"\uD800"}`, "{\"\\u00e9\":1, \"\xc3\xa9\":2}", `{"a":1,"A":2}`, `{"z":1,"\u0000":2}`,
	`[null,true,false,"",0,[],{}]`, `  {"a" : [ 1 , 2 ] , "b" : { } }  `,
	"{\n  \"a\": 1\n}\n", `{"<html>":"&amp;"}`, `"\u003c\u003e\u0026"`,
}

func genJSONDecode(w *Writer) {
	for i, in := range jsDecodeHand {
		jsDecodeRec(w, fmt.Sprintf("hand/%d", i), in)
	}
	// Every byte in every scanner state we can reach (scanner.go's error
	// texts and quoteChar for each byte).
	contexts := []string{
		"%s", "[%s", "[1%s", "[1,%s", "{%s", "{\"a\"%s", "{\"a\":%s", "{\"a\":1%s",
		"{\"a\":1,%s", "\"%s\"", "\"\\%s\"", "\"\\u%s000\"", "\"\\u0%s00\"", "\"\\u00%s0\"",
		"\"\\u000%s\"", "t%s", "tr%s", "tru%s", "f%s", "fa%s", "fal%s", "fals%s", "n%s", "nu%s",
		"nul%s", "-%s", "0%s", "1%s", "1.%s", "1.5%s", "1e%s", "1e+%s", "1e5%s", "true%s",
		"\"\"%s", "[]%s",
	}
	for ci, ctx := range contexts {
		for b := 0; b < 256; b++ {
			jsDecodeRec(w, fmt.Sprintf("byte/%d/%02x", ci, b), fmt.Sprintf(ctx, string([]byte{byte(b)})))
		}
	}
	// Nesting: scanner.go maxNestingDepth is 10000.
	for _, d := range []int{100, 9999, 10000, 10001} {
		jsDecodeRec(w, fmt.Sprintf("deep/list/%d", d), strings.Repeat("[", d)+strings.Repeat("]", d))
		jsDecodeRec(w, fmt.Sprintf("deep/map/%d", d), strings.Repeat(`{"a":`, d)+"1"+strings.Repeat("}", d))
	}
	jsDecodeRec(w, "deep/open/10001", strings.Repeat("[", 10001))
	jsDecodeRec(w, "deep/open/10000", strings.Repeat("[", 10000))
	jsDecodeRec(w, "deep/mixed", strings.Repeat(`[{"k":`, 3000)+"null"+strings.Repeat("}]", 3000))

	r := rand.New(rand.NewSource(20240611))
	// Number literals: ParseFloat rounding, range errors, long mantissas.
	for i := 0; i < 400; i++ {
		jsDecodeRec(w, fmt.Sprintf("num/%d", i), jsRandNumber(r))
	}
	// Halfway cases between neighbouring float64s, written out in full.
	for i := 0; i < 60; i++ {
		f := math.Float64frombits(r.Uint64() &^ (1 << 63))
		if math.IsInf(f, 0) || math.IsNaN(f) {
			continue
		}
		g := math.Nextafter(f, math.Inf(1))
		if math.IsInf(g, 0) {
			continue
		}
		mant, exp := jsHalfway(f, g)
		jsDecodeRec(w, fmt.Sprintf("half/%d", i), mant+"e"+exp)
		jsDecodeRec(w, fmt.Sprintf("half/%d/up", i), mant+"000000001e"+exp)
		jsDecodeRec(w, fmt.Sprintf("half/%d/down", i), mant[:len(mant)-1]+"e"+exp)
	}
	// Random well-formed documents, compact, spaced and with escapes.
	var docs []string
	for i := 0; i < 500; i++ {
		v := jsRandValue(r, 0)
		txt := jsRandJSONText(r, v)
		docs = append(docs, txt)
		jsDecodeRec(w, fmt.Sprintf("rand/%d", i), txt)
	}
	// Byte mutations of those documents: syntax errors all over the scanner.
	for i := 0; i < 1200; i++ {
		doc := []byte(docs[r.Intn(len(docs))])
		for k := r.Intn(3); k >= 0; k-- {
			doc = jsMutate(r, doc)
		}
		jsDecodeRec(w, fmt.Sprintf("mut/%d", i), string(doc))
	}
}

// jsHalfway gives the exact decimal of (f+g)/2 as mantissa (with a '.') and
// exponent: both are dyadic, so a wide big.Float holds and prints it exactly.
func jsHalfway(f, g float64) (string, string) {
	a := new(big.Float).SetPrec(4000).SetFloat64(f)
	b := new(big.Float).SetPrec(4000).SetFloat64(g)
	a.Add(a, b)
	a.Quo(a, new(big.Float).SetPrec(4000).SetInt64(2))
	mant, exp, _ := strings.Cut(a.Text('e', 1200), "e")
	mant = strings.TrimRight(mant, "0")
	if !strings.Contains(mant[:len(mant)-1], ".") || strings.HasSuffix(mant, ".") {
		mant += "5" // never happens for a true midpoint; keeps the shape valid
	}
	return mant, exp
}

func jsRandNumber(r *rand.Rand) string {
	var sb strings.Builder
	if r.Intn(3) == 0 {
		sb.WriteByte('-')
	}
	nd := 1 + r.Intn(25)
	if r.Intn(10) == 0 {
		nd = 30 + r.Intn(800)
	}
	if r.Intn(4) == 0 {
		sb.WriteByte('0')
	} else {
		sb.WriteByte(byte('1' + r.Intn(9)))
		for i := 1; i < nd && r.Intn(3) != 0; i++ {
			sb.WriteByte(byte('0' + r.Intn(10)))
		}
	}
	if r.Intn(2) == 0 {
		sb.WriteByte('.')
		n := 1 + r.Intn(nd)
		for i := 0; i < n; i++ {
			sb.WriteByte(byte('0' + r.Intn(10)))
		}
	}
	if r.Intn(2) == 0 {
		sb.WriteByte("eE"[r.Intn(2)])
		switch r.Intn(3) {
		case 0:
			sb.WriteByte('+')
		case 1:
			sb.WriteByte('-')
		}
		sb.WriteString(strconv.Itoa(r.Intn([]int{10, 30, 330, 400}[r.Intn(4)])))
	}
	return sb.String()
}

var jsRandKeys = []string{"a", "b", "name", "image", "tag", "", "A", "a b", "é", "<x>", "z", "0", "key\"q", "k\\s"}

func jsRandString(r *rand.Rand) string {
	n := r.Intn(12)
	var sb strings.Builder
	for i := 0; i < n; i++ {
		switch r.Intn(10) {
		case 0:
			sb.WriteByte(byte(r.Intn(0x20)))
		case 1:
			sb.WriteString([]string{"<", ">", "&", "\"", "\\", "/", "\u2028", "\u2029", "\x7f"}[r.Intn(9)])
		case 2:
			sb.WriteRune(rune(0x80 + r.Intn(0x800)))
		case 3:
			sb.WriteRune(rune(0x10000 + r.Intn(0x1000)))
		case 4:
			sb.WriteRune(rune(0xE000 + r.Intn(0x2000)))
		default:
			sb.WriteByte(byte('a' + r.Intn(26)))
		}
	}
	return sb.String()
}

func jsRandFloat(r *rand.Rand) float64 {
	switch r.Intn(8) {
	case 0:
		return float64(r.Intn(2000) - 1000)
	case 1:
		return math.Float64frombits(r.Uint64())
	case 2:
		return r.Float64() * math.Pow(10, float64(r.Intn(60)-30))
	case 3:
		return float64(r.Int63()) * float64(1-2*r.Intn(2))
	case 4:
		return []float64{0, math.Copysign(0, -1), 1e21, 1e20, 1e-6, 1e-7, 5e-324, math.MaxFloat64,
			0.1 + 0.2, 1 << 53, 1<<53 + 2, 123456789.125, -1.5e-9}[r.Intn(13)]
	default:
		return math.Round(r.NormFloat64()*1000) / 100
	}
}

func jsRandValue(r *rand.Rand, depth int) any {
	k := r.Intn(10)
	if depth > 4 {
		k = r.Intn(6)
	}
	switch k {
	case 0:
		return nil
	case 1:
		return r.Intn(2) == 0
	case 2, 3:
		f := jsRandFloat(r)
		if math.IsInf(f, 0) || math.IsNaN(f) {
			return 1.0
		}
		return f
	case 4, 5:
		return jsRandString(r)
	case 6, 7:
		n := r.Intn(5)
		l := make([]any, n)
		for i := range l {
			l[i] = jsRandValue(r, depth+1)
		}
		return l
	default:
		n := r.Intn(5)
		m := map[string]any{}
		for i := 0; i < n; i++ {
			var key string
			if r.Intn(3) == 0 {
				key = jsRandString(r)
			} else {
				key = jsRandKeys[r.Intn(len(jsRandKeys))]
			}
			m[key] = jsRandValue(r, depth+1)
		}
		return m
	}
}

// jsRandJSONText writes v as JSON with random whitespace, random escapes
// (\uXXXX, surrogate pairs, \/), random key order and duplicate keys.
func jsRandJSONText(r *rand.Rand, v any) string {
	var sb strings.Builder
	ws := func() {
		if r.Intn(4) == 0 {
			for n := r.Intn(3); n >= 0; n-- {
				sb.WriteByte(" \t\n\r"[r.Intn(4)])
			}
		}
	}
	var str func(s string)
	str = func(s string) {
		sb.WriteByte('"')
		for _, c := range s {
			esc := r.Intn(5) == 0
			switch {
			case c == '"' || c == '\\':
				sb.WriteByte('\\')
				sb.WriteRune(c)
			case c < 0x20 || esc:
				if c >= 0x10000 {
					a, b := jsSurr(c)
					fmt.Fprintf(&sb, "\\u%04x\\u%04X", a, b)
				} else if c == '/' {
					sb.WriteString(`\/`)
				} else {
					fmt.Fprintf(&sb, "\\u%04x", c)
				}
			default:
				sb.WriteRune(c)
			}
		}
		sb.WriteByte('"')
	}
	var val func(v any)
	val = func(v any) {
		ws()
		switch x := v.(type) {
		case nil:
			sb.WriteString("null")
		case bool:
			sb.WriteString(strconv.FormatBool(x))
		case float64:
			if r.Intn(2) == 0 {
				sb.WriteString(strconv.FormatFloat(x, 'g', -1, 64))
			} else {
				sb.WriteString(strconv.FormatFloat(x, 'e', 20, 64))
			}
		case string:
			str(x)
		case []any:
			sb.WriteByte('[')
			for i, e := range x {
				if i > 0 {
					sb.WriteByte(',')
				}
				val(e)
			}
			ws()
			sb.WriteByte(']')
		case map[string]any:
			sb.WriteByte('{')
			first := true
			keys := make([]string, 0, len(x))
			for k := range x {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			r.Shuffle(len(keys), func(i, j int) { keys[i], keys[j] = keys[j], keys[i] })
			for _, k := range keys { // a seeded order, not Go's random one
				e := x[k]
				if !first {
					sb.WriteByte(',')
				}
				first = false
				if r.Intn(8) == 0 { // an earlier duplicate the later one replaces
					ws()
					str(k)
					sb.WriteByte(':')
					val(jsRandValue(r, 5))
					sb.WriteByte(',')
				}
				ws()
				str(k)
				ws()
				sb.WriteByte(':')
				val(e)
			}
			ws()
			sb.WriteByte('}')
		}
		ws()
	}
	val(v)
	return sb.String()
}

func jsSurr(c rune) (rune, rune) {
	c -= 0x10000
	return 0xD800 + (c>>10)&0x3FF, 0xDC00 + c&0x3FF
}

func jsMutate(r *rand.Rand, b []byte) []byte {
	if len(b) == 0 {
		return []byte{byte(r.Intn(256))}
	}
	i := r.Intn(len(b))
	interesting := []byte("{}[]:,\"\\-+.eE0123456789tfnul \x00\x1f\x7f\x80\xff\xc3/")
	switch r.Intn(5) {
	case 0: // truncate
		return b[:i]
	case 1: // delete
		return append(b[:i:i], b[i+1:]...)
	case 2: // insert
		c := interesting[r.Intn(len(interesting))]
		return append(b[:i:i], append([]byte{c}, b[i:]...)...)
	case 3: // replace with an interesting byte
		c := append([]byte(nil), b...)
		c[i] = interesting[r.Intn(len(interesting))]
		return c
	default: // replace with any byte
		c := append([]byte(nil), b...)
		c[i] = byte(r.Intn(256))
		return c
	}
}

// ---- encode ----

func jsApplyMarkers(v any) any {
	var walk func(v, self any) any
	walk = func(v, self any) any {
		switch x := v.(type) {
		case string:
			if !strings.HasPrefix(x, "\x01@") {
				return x
			}
			body := x[2:]
			if body == "self" {
				return self
			}
			tag, arg, _ := strings.Cut(body, ":")
			switch tag {
			case "f":
				f, err := strconv.ParseFloat(arg, 64)
				if err != nil && !math.IsInf(f, 0) {
					panic(err)
				}
				return f
			case "i":
				i, err := strconv.ParseInt(arg, 10, 64)
				if err != nil {
					panic(err)
				}
				return i
			case "u":
				u, err := strconv.ParseUint(arg, 10, 64)
				if err != nil {
					panic(err)
				}
				return u
			case "x":
				return jsUnhex(arg)
			case "b":
				return []byte(jsUnhex(arg))
			}
			panic("bad marker " + x)
		case []any:
			for i := range x {
				x[i] = walk(x[i], x)
			}
			return x
		case map[string]any:
			for k, e := range x {
				nk := k
				if strings.HasPrefix(k, "\x01@x:") {
					nk = jsUnhex(k[4:])
					delete(x, k)
				}
				x[nk] = walk(e, x)
			}
			return x
		}
		return v
	}
	return walk(v, nil)
}

func jsUnhex(s string) string {
	b, err := hex.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func jsResult(b []byte, err error) (string, string) {
	if err != nil {
		return "err", err.Error()
	}
	return "ok", string(b)
}

func jsEncodeRec(w *Writer, name, in string) {
	var v any
	if err := json.Unmarshal([]byte(in), &v); err != nil {
		panic(name + ": " + err.Error())
	}
	v = jsApplyMarkers(v)
	ms, mo := jsResult(json.Marshal(v))
	is, io := jsResult(json.MarshalIndent(v, "", "  "))
	if len(io) > 20000 { // deep nesting indents quadratically: keep the file small
		is, io = "skip", ""
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	err := enc.Encode(&v)
	rs, ro := jsResult([]byte(strings.TrimSuffix(buf.String(), "\n")), err)
	w.Rec(name, in, ms, mo, is, io, rs, ro)
}

func jsMark(tag, arg string) string {
	b, _ := json.Marshal("\x01@" + tag + ":" + arg)
	return string(b)
}

func jsXstr(s string) string { return jsMark("x", hex.EncodeToString([]byte(s))) }

func genJSONEncode(w *Writer) {
	hand := []string{
		`null`, `true`, `false`, `0`, `-0`, `1`, `-1`, `1.5`, `""`, `"abc"`, `[]`, `{}`,
		`[[]]`, `[{}]`, `{"a":[]}`, `{"a":{}}`, `[[],[{}],{"x":[]}]`, `{"b":1,"a":2,"":3,"B":4}`,
		`{"a":{"b":{"c":[1,2,{"d":null}]}}}`, `"<script>&amp;</script>"`, `{"<k>":"&"}`,
		"\"\u2028\u2029\"", "\"a\u2028b\u2029c\u2027\u202a\"", `"\u007f"`, `"/"`, `"\\\""`,
		`"é日本語😀"`, `"\ufffd"`, `1e21`, `1e20`, `123456789012345678901234`, `1e-7`, `1e-6`,
		`0.000001`, `0.0000012345`, `5e-324`, `1.7976931348623157e308`, `-1.7976931348623157e308`,
		`0.1`, `0.30000000000000004`, `9007199254740993`, `18446744073709551616`, `100`, `1e2`,
		`1.0`, `-1e-10`, `1e100`, `123.456`, `2.5e-8`, `-2.5e+25`, `12345678`, `1e6`, `1e15`, `1e16`,
		`[1,2,3]`, `[null,true,"x",{"k":[]}]`, `{"a":"b","c":{"d":"e"}}`,
	}
	for _, f := range []string{"NaN", "+Inf", "-Inf", "0", "-0", "1e21", "3.14"} {
		hand = append(hand, jsMark("f", f), "["+jsMark("f", f)+"]", `{"a":1,"b":[2,{"c":`+jsMark("f", f)+`}]}`)
	}
	for _, i := range []string{"0", "1", "-1", "9223372036854775807", "-9223372036854775808", "9007199254740993"} {
		hand = append(hand, jsMark("i", i), `{"n":`+jsMark("i", i)+`}`)
	}
	for _, u := range []string{"0", "18446744073709551615", "9223372036854775808"} {
		hand = append(hand, jsMark("u", u), `[`+jsMark("u", u)+`]`)
	}
	for _, b := range []string{"", "a", "ab", "abc", "abcd", "\x00\xff\xfe", "hello world!?", "\xfb\xff\xbf"} {
		hand = append(hand, jsMark("b", hex.EncodeToString([]byte(b))), `{"b":`+jsMark("b", hex.EncodeToString([]byte(b)))+`}`)
	}
	// every ASCII byte alone and between letters, in values and keys
	for c := 0; c < 128; c++ {
		s := string([]byte{byte(c)})
		hand = append(hand, jsXstr(s), jsXstr("a"+s+"b"), `{`+jsXstr(s)+`:1}`)
	}
	// invalid UTF-8 shapes
	for _, s := range []string{"\xff", "\xfe", "\x80", "\xbf", "\xc0\x80", "\xc1\xbf", "\xc3", "\xc3(",
		"\xe2\x82", "\xe2\x82(", "\xed\xa0\x80", "\xed\xbf\xbf", "\xef\xbf\xbd", "\xf0\x9f\x98",
		"\xf4\x90\x80\x80", "\xf5\x80\x80\x80", "\xf8\x88\x80\x80\x80", "\xe0\x80\x80", "\xf0\x80\x80\x80",
		"a\xffb", "\xe2\x80\xa8\xff\xe2\x80\xa9", "ok\xc3\xa9\xc3", "<\xff>&"} {
		hand = append(hand, jsXstr(s), `[`+jsXstr(s)+`]`, `{`+jsXstr(s)+`:`+jsXstr(s)+`}`)
	}
	// cycles (encode.go detects them after 1000 levels)
	hand = append(hand, `{"a":"\u0001@self"}`, `["\u0001@self"]`, `[1,{"m":"\u0001@self"}]`,
		`{"z":{"y":["\u0001@self"]}}`, `{"a":1,"b":["\u0001@self",2]}`)
	// Deep but finite nesting near the cycle check.
	hand = append(hand, strings.Repeat("[", 1500)+strings.Repeat("]", 1500),
		strings.Repeat(`{"a":`, 1200)+"1"+strings.Repeat("}", 1200))
	for i, in := range hand {
		jsEncodeRec(w, fmt.Sprintf("hand/%d", i), in)
	}
	r := rand.New(rand.NewSource(77))
	for i := 0; i < 900; i++ {
		v := jsRandValue(r, 0)
		b, err := json.Marshal(v)
		if err != nil {
			panic(err)
		}
		in := string(b)
		if r.Intn(4) == 0 { // some strings with raw bytes, some ints
			in = jsRandMarked(r, 0)
		}
		jsEncodeRec(w, fmt.Sprintf("rand/%d", i), in)
	}
}

// jsRandMarked builds encode input text using the markers (ints, uints,
// []byte, raw byte strings, the odd NaN).
func jsRandMarked(r *rand.Rand, depth int) string {
	k := r.Intn(12)
	if depth > 3 {
		k = r.Intn(8)
	}
	switch k {
	case 0:
		return jsMark("i", strconv.FormatInt(r.Int63()-r.Int63(), 10))
	case 1:
		return jsMark("u", strconv.FormatUint(r.Uint64(), 10))
	case 2:
		b := make([]byte, r.Intn(10))
		r.Read(b)
		return jsMark("b", hex.EncodeToString(b))
	case 3, 4:
		b := make([]byte, r.Intn(10))
		for i := range b {
			b[i] = byte(r.Intn(256))
		}
		return jsXstr(string(b))
	case 5:
		if r.Intn(20) == 0 {
			return jsMark("f", []string{"NaN", "+Inf", "-Inf"}[r.Intn(3)])
		}
		return jsMark("f", strconv.FormatFloat(jsRandFloat(r), 'g', -1, 64))
	case 6, 7:
		b, _ := json.Marshal(jsRandValue(r, 5))
		return string(b)
	case 8, 9:
		n := r.Intn(4)
		parts := make([]string, n)
		for i := range parts {
			parts[i] = jsRandMarked(r, depth+1)
		}
		return "[" + strings.Join(parts, ",") + "]"
	default:
		n := r.Intn(4)
		parts := make([]string, n)
		for i := range parts {
			var key string
			if r.Intn(3) == 0 {
				b := make([]byte, r.Intn(5))
				for j := range b {
					b[j] = byte(r.Intn(256))
				}
				key = jsXstr(string(b))
			} else {
				kb, _ := json.Marshal(jsRandKeys[r.Intn(len(jsRandKeys))] + strconv.Itoa(i))
				key = string(kb)
			}
			parts[i] = key + ":" + jsRandMarked(r, depth+1)
		}
		return "{" + strings.Join(parts, ",") + "}"
	}
}
