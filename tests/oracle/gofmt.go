package main

// gofmt suite: fmt.Sprintf / Sprint / Sprintln over every verb, kind, flag,
// width and precision combination a Helm template's printf can reach, plus
// the error forms.  The "float" suite checks strconv.FormatFloat and the
// encoding/json float text.
//
// gofmt record: name, mode (f = Sprintf, p = Sprint, l = Sprintln), format,
// expected, then one field per argument as "<type>:<payload>".  Mode Q
// records check base/quote.c: the format field names the strconv function
// (IsPrint/IsGraphic: a hex bitmap of the 4096 runes from the argument).
// Argument types:
//
//	i:<dec> int        I:<dec> int64      u:<dec> uint64
//	f:<16 hex> float64 bits               b:true|false bool
//	s:<raw> string     B:<raw> []byte     n: nil
//	S:<json array> []string
//	j:<json> json.Unmarshal into interface{} (floats, maps, lists)
//	D:<json> like j: but integral numbers with |x| < 2^53 become int
//	V:<json object> chartutil.Values
//	X:<json> like j: but strings starting with "#B:" are []byte of the rest
//
// float record: name, hex bits, format ('e' 'E' 'f' 'g' 'G' 'b' 'x' 'X' or
// "json"), precision, expected.

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand"
	"strconv"
	"strings"

	"cozypkg.test/oracle/chartutil"
)

func init() {
	register("gofmt", genGofmt)
	register("float", genFloat)
}

// goArg turns an encoded argument into the Go value it stands for.
func goArg(enc string) interface{} {
	t, p, _ := strings.Cut(enc, ":")
	switch t {
	case "i":
		n, err := strconv.ParseInt(p, 10, 64)
		must(err)
		return int(n)
	case "I":
		n, err := strconv.ParseInt(p, 10, 64)
		must(err)
		return n
	case "u":
		n, err := strconv.ParseUint(p, 10, 64)
		must(err)
		return n
	case "f":
		n, err := strconv.ParseUint(p, 16, 64)
		must(err)
		return math.Float64frombits(n)
	case "b":
		return p == "true"
	case "s":
		return p
	case "B":
		return []byte(p)
	case "n":
		return nil
	case "S":
		var s []string
		must(json.Unmarshal([]byte(p), &s))
		return s
	case "j":
		var v interface{}
		must(json.Unmarshal([]byte(p), &v))
		return v
	case "D":
		var v interface{}
		must(json.Unmarshal([]byte(p), &v))
		return intify(v)
	case "V":
		var v map[string]interface{}
		must(json.Unmarshal([]byte(p), &v))
		return chartutil.Values(v)
	case "X":
		var v interface{}
		must(json.Unmarshal([]byte(p), &v))
		return bytesify(v)
	}
	panic("bad arg " + enc)
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}

// intify makes integral floats with |x| < 2^53 into Go ints, as template
// literals and dict/list calls produce them.
func intify(v interface{}) interface{} {
	switch x := v.(type) {
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1<<53 {
			return int(x)
		}
		return x
	case []interface{}:
		for i := range x {
			x[i] = intify(x[i])
		}
		return x
	case map[string]interface{}:
		for k := range x {
			x[k] = intify(x[k])
		}
		return x
	}
	return v
}

// bytesify turns strings starting with "#B:" into []byte of the rest, to put
// byte slices inside lists and maps.
func bytesify(v interface{}) interface{} {
	switch x := v.(type) {
	case string:
		if strings.HasPrefix(x, "#B:") {
			return []byte(x[3:])
		}
	case []interface{}:
		for i := range x {
			x[i] = bytesify(x[i])
		}
	case map[string]interface{}:
		for k := range x {
			x[k] = bytesify(x[k])
		}
	}
	return v
}

func fbits(f float64) string { return "f:" + strconv.FormatUint(math.Float64bits(f), 16) }

type gofmtGen struct {
	w *Writer
	n int
}

func (g *gofmtGen) rec(mode, format string, args ...string) {
	vals := make([]interface{}, len(args))
	for i, a := range args {
		vals[i] = goArg(a)
	}
	var out string
	switch mode {
	case "f":
		out = fmt.Sprintf(format, vals...)
	case "p":
		out = fmt.Sprint(vals...)
	case "l":
		out = fmt.Sprintln(vals...)
	}
	g.n++
	fields := append([]string{mode, format, out}, args...)
	g.w.Rec(fmt.Sprintf("g%05d", g.n), fields...)
}

// quote records the result of a strconv function (mode Q).
func (g *gofmtGen) quote(fn, out, arg string) {
	g.n++
	g.w.Rec(fmt.Sprintf("g%05d", g.n), "Q", fn, out, arg)
}

var strs []string

// Representative values of every kind fmt can meet in a template.
func kindSamples() map[string][]string {
	ints := []int64{0, 1, -1, 7, 42, -42, 65, 97, 255, 1000000, 0x263A, 0x1F600, 0xD800,
		0x10FFFF, 0x110000, math.MaxInt64, math.MinInt64, -0x80000000, 9, 0x7f, 0xa0}
	floats := []float64{0, math.Copysign(0, -1), 1, -1, 1.5, -2.25, 0.1, 3.14159265358979,
		1e6, 1e21, 1e20, 1e-7, 1e-5, 123456789, 100, 0.000001, 5e-324, math.MaxFloat64,
		math.Inf(1), math.Inf(-1), math.NaN(), 2.5, 1234.5678, 1e100, -0.5, 65, 0.3}
	strs = []string{"", "hi", "héllo", "a\tb", "\x00\xff", "日本語", "`raw`", "\"q\"",
		"\u2028", "\ufeff", "a b", "\U0001F600", "\x7f", "new\nline", "\\", "ab\xc3", "Ab9Z",
		"\u00a0nbsp", "\u0301combining", "long string with many characters"}
	m := map[string][]string{}
	for _, i := range ints {
		m["i"] = append(m["i"], "i:"+strconv.FormatInt(i, 10))
	}
	for _, i := range []int64{0, 5, -5, math.MaxInt64, math.MinInt64, 0x41} {
		m["I"] = append(m["I"], "I:"+strconv.FormatInt(i, 10))
	}
	for _, u := range []uint64{0, 5, 0x41, 1 << 63, math.MaxUint64, 0x10FFFF} {
		m["u"] = append(m["u"], "u:"+strconv.FormatUint(u, 10))
	}
	for _, f := range floats {
		m["f"] = append(m["f"], fbits(f))
	}
	for _, s := range strs {
		m["s"] = append(m["s"], "s:"+s)
	}
	m["b"] = []string{"b:true", "b:false"}
	m["n"] = []string{"n:"}
	m["B"] = []string{"B:hi", "B:", "B:\x00\xff\x41", "B:héllo"}
	m["S"] = []string{`S:["a","b"]`, `S:[]`, `S:["x y","é",""]`}
	m["j"] = []string{
		`j:{"a":1,"b":[1,"x",null,true],"c":{"d":2.5}}`, `j:[]`, `j:{}`, `j:[1,2,3]`,
		`j:"str"`, `j:1.5`, `j:null`, `j:[[1],[2,[3]]]`, `j:{"z":null,"a":"b c","B":false}`,
		`j:{"k":{"x":[{"y":1e21}]},"":0}`, `j:["a","b c",""]`,
	}
	m["D"] = []string{`D:{"a":1,"b":[1,2.5,"s"]}`, `D:[1,"a",2.5,-3,null]`, `D:{"n":{"m":7}}`}
	m["V"] = []string{`V:{"a":1,"b":{"c":"d"},"l":[1,"x"]}`, `V:{}`}
	return m
}

var kindOrder = []string{"i", "I", "u", "f", "s", "b", "n", "B", "S", "j", "D", "V"}

func genGofmt(w *Writer) {
	g := &gofmtGen{w: w}
	samples := kindSamples()
	verbs := []string{"v", "+v", "#v", "T", "d", "b", "o", "O", "x", "X", "c", "q", "U",
		"e", "E", "f", "F", "g", "G", "s", "t", "p0", "w", "z", "%"}

	// 1. every verb over every sample, no flags.
	w.Comment("every verb x every value")
	for _, verb := range verbs {
		if verb == "p0" {
			continue // addresses are not reproducible
		}
		for _, k := range kindOrder {
			for _, a := range samples[k] {
				if verb == "%" {
					g.rec("f", "%%", a)
					continue
				}
				g.rec("f", "%"+verb, a)
			}
		}
	}

	// 2. flags x width x precision, seeded sample of the cross product.
	w.Comment("flags, width, precision (seeded sample)")
	rng := rand.New(rand.NewSource(20250414))
	flagSets := []string{"", "+", "-", "#", "0", " ", "+#", "-0", "0#", " #", "+0", "- ",
		"#0+", "+ ", "-#", "0 ", "#-+ 0"}
	widths := []string{"", "1", "5", "12", "25"}
	precs := []string{"", ".", ".0", ".1", ".3", ".10", ".17", ".25"}
	fverbs := []string{"v", "d", "b", "o", "O", "x", "X", "c", "q", "U", "e", "E", "f", "F",
		"g", "G", "s", "t", "T"}
	for _, verb := range fverbs {
		for _, k := range kindOrder {
			for r := 0; r < 14; r++ {
				fl := flagSets[rng.Intn(len(flagSets))]
				wd := widths[rng.Intn(len(widths))]
				pr := precs[rng.Intn(len(precs))]
				a := samples[k][rng.Intn(len(samples[k]))]
				g.rec("f", "%"+fl+wd+pr+verb, a)
			}
		}
	}
	// Full cross product on the number verbs with one value each.
	w.Comment("number verbs, full flag cross product")
	for _, verb := range []string{"d", "x", "e", "f", "g", "s", "q", "v"} {
		for _, fl := range flagSets[:9] {
			for _, wd := range []string{"", "8"} {
				for _, pr := range []string{"", ".2"} {
					for _, a := range []string{"i:-42", fbits(-3.25), "s:héllo", "u:255"} {
						g.rec("f", "%"+fl+wd+pr+verb, a)
					}
				}
			}
		}
	}

	// 3. float formatting through fmt with precision and flags.
	w.Comment("floats with precision")
	for _, verb := range []string{"e", "E", "f", "g", "G", "x", "X", "b", "v"} {
		for _, pr := range []string{"", ".0", ".1", ".2", ".3", ".6", ".12", ".17", ".20"} {
			for _, f := range []float64{0, 1, 1.5, 0.1, 2.5, 1e21, 1e-7, 123456.789, 5e-324,
				math.MaxFloat64, 0.000123, 1.0 / 3, 0.5, 9.9999, 99.5} {
				g.rec("f", "%"+pr+verb, fbits(f))
			}
		}
		for _, fl := range []string{"#", "+#", "#0", "# "} {
			for _, f := range []float64{0, 1, 1.5, 1e21, 1e-7, 100, 123456789} {
				g.rec("f", "%"+fl+verb, fbits(f))
				g.rec("f", "%"+fl+"12.3"+verb, fbits(-f))
			}
		}
	}
	// Hex floats of random bit patterns.
	for r := 0; r < 120; r++ {
		b := rng.Uint64()
		pr := []string{"", ".0", ".1", ".4", ".13", ".14", ".15", ".20"}[r%8]
		v := []string{"x", "X", "b", "e", "g"}[r%5]
		g.rec("f", "%"+pr+v, "f:"+strconv.FormatUint(b, 16))
	}

	// 4. strings and bytes: %x family, %q family, truncation.
	w.Comment("strings and bytes")
	for _, fmtS := range []string{"%x", "%X", "% x", "% X", "%#x", "%#X", "%# x", "%# X",
		"%.2x", "%10x", "%-10x|", "%010x", "% .3x", "%#-12x|", "%q", "%+q", "%#q", "%#+q",
		"%.3q", "%10q", "%-10q|", "%.3s", "%.0s", "%5.1s", "%-5s|", "%05s", "%.1v", "%x|%X",
		"%s", "%v", "%#v", "%d", "%c", "%U", "%T"} {
		for _, a := range append(append([]string{}, samples["s"]...), samples["B"]...) {
			args := []string{a}
			if strings.Count(fmtS, "%") == 2 {
				args = append(args, a)
			}
			g.rec("f", fmtS, args...)
		}
	}
	for r := 0; r < 80; r++ {
		n := rng.Intn(8)
		b := make([]byte, n)
		for i := range b {
			switch rng.Intn(4) {
			case 0:
				b[i] = byte(rng.Intn(256))
			case 1:
				b[i] = byte(0x80 + rng.Intn(64))
			default:
				b[i] = byte(0x20 + rng.Intn(95))
			}
		}
		for _, f := range []string{"%q", "%+q", "%#q", "%x", "%.2q", "%5.3s"} {
			g.rec("f", f, "s:"+string(b))
		}
	}
	// runes: %c %q %U over interesting code points.
	for _, r := range []int64{0, 7, 9, 10, 31, 32, 39, 34, 92, 96, 127, 128, 159, 160, 173,
		255, 256, 0x2028, 0x200b, 0xfeff, 0xd7ff, 0xd800, 0xdfff, 0xe000, 0xfffd, 0xffff,
		0x10000, 0x1f600, 0xe0001, 0x10ffff, 0x110000, -1, 0x0301, 0x3000, 0x1680} {
		for _, f := range []string{"%c", "%q", "%+q", "%#q", "%U", "%#U", "%#.6U", "%8U",
			"%-8c|", "%x"} {
			g.rec("f", f, "i:"+strconv.FormatInt(r, 10))
		}
	}

	// 5. argument indexes, * width and precision, error forms.
	w.Comment("argument indexes and errors")
	hand := [][]string{
		{"%[2]d %[1]d", "i:1", "i:2"},
		{"%[3]*.[2]*[1]f", fbits(12.0), "i:2", "i:6"},
		{"%d %d %#[1]x %#x", "i:16", "i:17"},
		{"%[5]d", "i:1", "i:2"},
		{"%[0]d", "i:1"},
		{"%[-1]d", "i:1"},
		{"%[x]d", "i:1"},
		{"%[2]", "i:1", "i:2"},
		{"%[1]", "i:1"},
		{"%[", "i:1"},
		{"%[]d", "i:1"},
		{"%[1]2d", "i:1"},
		{"%[1].2d", "i:1"},
		{"%[1]*d", "i:3", "i:4"},
		{"%.[2]d", "i:1", "i:2"},
		{"%*d", "i:5", "i:42"},
		{"%-*d|", "i:5", "i:42"},
		{"%*d", "i:-5", "i:42"},
		{"%0*d", "i:-5", "i:42"},
		{"%*d", "s:x", "i:42"},
		{"%*d", fbits(5), "i:42"},
		{"%*d", "I:5", "i:42"},
		{"%*d", "u:5", "i:42"},
		{"%*d", "u:18446744073709551615", "i:42"},
		{"%*d", "i:10000000", "i:42"},
		{"%*d", "i:1000001", "i:42"},
		{"%*d", "i:-1000001", "i:42"},
		{"%.*d", "i:3", "i:7"},
		{"%.*d", "i:-3", "i:7"},
		{"%.*f", "s:x", fbits(3.14159)},
		{"%.*f", "i:2", fbits(3.14159)},
		{"%*.*f", "i:10", "i:3", fbits(3.14159)},
		{"%*", "i:1"},
		{"%*d"},
		{"%.*d", "i:1"},
		{"%d"},
		{"%d %s", "i:1"},
		{"%!", "i:1"},
		{"%", "i:1"},
		{"abc%"},
		{"%-", "i:1"},
		{"%5", "i:1"},
		{"%.", "i:1"},
		{"%.2", "i:1"},
		{"%.99999999d", "i:1"},
		{"%.99999999d", "i:1"},
		{"%d", "i:1", "s:x"},
		{"%d", "i:1", "i:2", "s:a", "n:", fbits(1.5), "b:true", "B:hi", `S:["a"]`, `j:{"a":1}`},
		{"", "i:1"},
		{"", "n:"},
		{"x", "n:", "n:"},
		{"%[1]d", "i:1", "i:2"},
		{"%[2]d", "i:1", "i:2"},
		{"%d %[1]d %d", "i:1", "i:2"},
		{"%d %[3]d %d", "i:1", "i:2", "i:3"},
		{"%%d%%", "i:1"},
		{"%5%", "i:1"},
		{"%-5%|"},
		{"%\xffd", "i:1"},
		{"%é", "i:1"},
		{"%☺", "s:x"},
		{"%!d", "i:1"},
		{"%d", "n:"},
		{"%s", "n:"},
		{"%v", "n:"},
		{"%5v|", "n:"},
		{"%-5v|", "n:"},
		{"%T", "n:"},
		{"%10T|", "n:"},
		{"%x", "n:"},
		{"%v %v", "n:", "n:"},
		{"%s", "i:5"},
		{"%d", fbits(1.5)},
		{"%f", "i:1"},
		{"%5d", "s:hi"},
		{"%-5d|", "s:hi"},
		{"%#d", fbits(1.5)},
		{"%05d", "s:hi"},
		{"%x", "b:true"},
		{"%10.3T|", "i:1"},
		{"%.1T", `j:{"a":1}`},
		{"%w", "i:1"},
		{"%w", `j:{"a":1}`},
		{"%w", `j:[1]`},
		{"%w", "B:ab"},
		{"%#w", "u:5"},
		{"%p", "i:1"},
		{"%p", "s:x"},
		{"%p", "n:"},
		{"%+v", "i:5"},
		{"%+v", fbits(5)},
		{"%+d", "i:5"},
		{"%+.3v", fbits(3.14159)},
		{"% v", "i:5"},
		{"%#v", "i:-5"},
		{"%#v", "u:5"},
		{"%#v", `j:{"a":1,"b":[1,"x",null,{"c":null}],"c":"q\"x"}`},
		{"%#v", `D:{"a":1,"b":[1,2.5]}`},
		{"%#v", `V:{"a":1}`},
		{"%#v", `S:["a","b"]`},
		{"%#v", `B:hi`},
		{"%#v", `j:[1,"b"]`},
		{"%#v", `j:null`},
		{"%#v", `n:`},
		{"%#v", fbits(1e21)},
		{"%#v", fbits(1)},
		{"%#v", fbits(math.Inf(1))},
		{"%#5v|", "s:a"},
		{"%#+v", "s:é"},
		{"%#q", "s:a`b"},
		{"%x", `j:{"ab":"cd","n":[1,2]}`},
		{"%X", `S:["ab","cd"]`},
		{"%q", `j:{"ab":"cd","n":[1,"x"]}`},
		{"%d", `j:{"a":1}`},
		{"%d", `D:{"a":1,"b":[2,"x"]}`},
		{"%s", `D:{"a":1,"b":[2,"x"]}`},
		{"%5v", `j:{"a":1,"b":["x","y"]}`},
		{"%-4v|", `D:[1,"a",null]`},
		{"%06.2f", `D:[1.5,2,"a"]`},
		{"%t", `j:[true,false,1]`},
		{"%c", `B:AB`},
		{"%o", `B:AB`},
		{"%5d", `B:AB`},
		{"%#x", `j:[1,"ab"]`},
		{"%s", `j:[1,"ab",null]`},
		{"%v", `j:{"b":2,"a":1,"A":0,"é":3,"aa":4,"":5}`},
	}
	for _, h := range hand {
		g.rec("f", h[0], h[1:]...)
	}
	// byte slices inside containers print as []uint8
	for _, f := range []string{"%v", "%#v", "%s", "%q", "%x", "% X", "%d", "%c", "%t", "%5v",
		"%+q", "%.1s", "%w", "%T"} {
		g.rec("f", f, `X:["#B:hi",1,"#B:",{"k":"#B:\u00e9\u0001"}]`)
		g.rec("f", f, `X:{"a":"#B:AB","b":["#B:x"]}`)
	}
	// Nested structures printed with random verbs and flags.
	nested := append(append(append([]string{}, samples["j"]...), samples["D"]...), samples["V"]...)
	nested = append(nested, samples["S"]...)
	for r := 0; r < 150; r++ {
		fl := flagSets[rng.Intn(len(flagSets))]
		wd := widths[rng.Intn(3)]
		pr := precs[rng.Intn(len(precs))]
		verb := verbs[rng.Intn(len(verbs)-3)]
		if verb == "p0" {
			verb = "v"
		}
		g.rec("f", "%"+fl+wd+pr+verb, nested[rng.Intn(len(nested))])
	}
	// Several operands with a random format built from pieces.
	pieces := []string{"%d", "%s", "%v", "%5.2f", "%q", "%x", "%[1]v", "%*d", "%-3s|", "%t",
		"lit ", "%%", "%T", "%.1e", "%U"}
	allSamples := []string{}
	for _, k := range kindOrder {
		allSamples = append(allSamples, samples[k]...)
	}
	for r := 0; r < 300; r++ {
		var sb strings.Builder
		np := 1 + rng.Intn(4)
		for i := 0; i < np; i++ {
			sb.WriteString(pieces[rng.Intn(len(pieces))])
		}
		na := rng.Intn(5)
		args := []string{}
		for i := 0; i < na; i++ {
			args = append(args, allSamples[rng.Intn(len(allSamples))])
		}
		g.rec("f", sb.String(), args...)
	}

	// 6. strconv quoting (mode Q: the format field names the function).
	w.Comment("strconv quote family and IsPrint")
	qstrs := append([]string{}, strs...)
	for r := 0; r < 200; r++ {
		b := make([]byte, 1+rng.Intn(6))
		for i := range b {
			switch rng.Intn(3) {
			case 0:
				b[i] = byte(rng.Intn(256))
			default:
				b[i] = byte(0x20 + rng.Intn(95))
			}
		}
		if r%2 == 0 {
			b = append(b, string(rune(rng.Intn(0x30000)))...)
		}
		qstrs = append(qstrs, string(b))
	}
	for _, s := range qstrs {
		g.quote("Quote", strconv.Quote(s), "s:"+s)
		g.quote("QuoteToASCII", strconv.QuoteToASCII(s), "s:"+s)
		g.quote("QuoteToGraphic", strconv.QuoteToGraphic(s), "s:"+s)
		g.quote("CanBackquote", strconv.FormatBool(strconv.CanBackquote(s)), "s:"+s)
	}
	runes := []int64{-1, 0, 7, 0x1b, 39, 34, 92, 0x7f, 0x80, 0xa0, 0xad, 0x2028, 0x3000,
		0xd800, 0xfeff, 0xfffd, 0x10ffff, 0x110000, 0x1680, 0xe0100}
	for r := 0; r < 300; r++ {
		runes = append(runes, int64(rng.Intn(0x32000)))
	}
	for _, r := range runes {
		a := "i:" + strconv.FormatInt(r, 10)
		g.quote("QuoteRune", strconv.QuoteRune(rune(r)), a)
		g.quote("QuoteRuneToASCII", strconv.QuoteRuneToASCII(rune(r)), a)
		g.quote("QuoteRuneToGraphic", strconv.QuoteRuneToGraphic(rune(r)), a)
	}
	// IsPrint / IsGraphic of every rune, as a hex bitmap per 4096-rune block
	for blk := 0; blk <= 0x10ffff; blk += 4096 {
		var p, gr strings.Builder
		for i := 0; i < 4096; i += 4 {
			np, ng := 0, 0
			for j := 0; j < 4; j++ {
				r := rune(blk + i + j)
				if strconv.IsPrint(r) {
					np |= 1 << j
				}
				if strconv.IsGraphic(r) {
					ng |= 1 << j
				}
			}
			p.WriteByte("0123456789abcdef"[np])
			gr.WriteByte("0123456789abcdef"[ng])
		}
		a := "i:" + strconv.Itoa(blk)
		g.quote("IsPrint", p.String(), a)
		if gr.String() != p.String() {
			g.quote("IsGraphic", gr.String(), a)
		}
	}

	// 7. Sprint and Sprintln: the space rule.
	w.Comment("Sprint / Sprintln")
	for _, a := range allSamples {
		g.rec("p", "", a)
	}
	sp := [][]string{
		{"i:1", "i:2"}, {"s:a", "s:b"}, {"s:a", "i:1"}, {"i:1", "s:a"}, {"i:1", "s:a", "i:2"},
		{"n:", "n:"}, {"n:", "s:a"}, {"B:hi", "B:hi"}, {"B:hi", "s:x"}, {fbits(1.5), "b:true"},
		{`j:{"a":1}`, `j:[1]`}, {`j:"x"`, `j:"y"`}, {"s:", "s:"}, {"s:", "i:1", "s:"},
		{},
	}
	for _, s := range sp {
		g.rec("p", "", s...)
		g.rec("l", "", s...)
	}
	for r := 0; r < 100; r++ {
		na := rng.Intn(5)
		args := []string{}
		for i := 0; i < na; i++ {
			args = append(args, allSamples[rng.Intn(len(allSamples))])
		}
		g.rec("p", "", args...)
		g.rec("l", "", args...)
	}
}

// ---- float suite ----

func genFloat(w *Writer) {
	rng := rand.New(rand.NewSource(7))
	n := 0
	emit := func(f float64, fm string, prec int) {
		var out string
		if fm == "json" {
			if math.IsNaN(f) || math.IsInf(f, 0) {
				return
			}
			b, err := json.Marshal(f)
			must(err)
			out = string(b)
		} else {
			out = strconv.FormatFloat(f, fm[0], prec, 64)
		}
		n++
		w.Rec(fmt.Sprintf("f%05d", n), strconv.FormatUint(math.Float64bits(f), 16), fm,
			strconv.Itoa(prec), out)
	}
	all := func(f float64, precs []int) {
		for _, fm := range []string{"e", "f", "g"} {
			for _, p := range precs {
				emit(f, fm, p)
			}
		}
		emit(f, "json", -1)
	}
	precs := []int{-1, 0, 1, 2, 3, 6, 17, 20}
	var vals []float64
	vals = append(vals, 0, math.Copysign(0, -1), 1, -1, 0.1, 0.2, 0.3, 1.0/3, 2.0/3, 0.5,
		1.5, 2.5, 1e21, 1e20, 999999999999999999999.0, 1e-6, 1e-7, 9.999999e-7,
		math.MaxFloat64, math.SmallestNonzeroFloat64, 2.2250738585072014e-308,
		2.225073858507201e-308, math.Inf(1), math.Inf(-1), math.NaN(), 5e-324, 1e23,
		8.41e21, 5.0e-324, 123456789012345678, 0.000001, 9007199254740993, 4.35, 0.15,
		1.005, 100, 1e15, 1e16, 1e17, 123456, 1234567, 0.0001, 0.00001)
	// powers of ten and two
	for e := -30; e <= 30; e++ {
		vals = append(vals, math.Pow(10, float64(e)))
	}
	for _, e := range []int{-320, -310, -300, -200, -100, 100, 200, 300, 308} {
		vals = append(vals, math.Pow(10, float64(e)))
	}
	for e := -1074; e <= 1023; e += 37 {
		vals = append(vals, math.Ldexp(1, e))
	}
	// halfway cases for fixed precision: k + 0.5 at various scales
	for i := 0; i < 20; i++ {
		vals = append(vals, float64(i)+0.5, (float64(i)+0.5)/10, (float64(i)+0.5)/100,
			(float64(i)*2+1)/8, (float64(i)*2+1)/1024)
	}
	for _, v := range vals {
		all(v, precs)
	}
	// random bit patterns, random "nice" decimals and subnormals
	for r := 0; r < 260; r++ {
		var f float64
		switch r % 4 {
		case 0:
			f = math.Float64frombits(rng.Uint64())
		case 1:
			f = float64(rng.Intn(2000000)-1000000) / math.Pow(10, float64(rng.Intn(12)))
		case 2:
			f = math.Float64frombits(rng.Uint64() & (1<<52 - 1)) // subnormal
		default:
			f = rng.NormFloat64() * math.Pow(10, float64(rng.Intn(40)-20))
		}
		all(f, precs)
	}
	// shortest on many random values (the round-trip search)
	for r := 0; r < 600; r++ {
		f := math.Float64frombits(rng.Uint64())
		emit(f, "g", -1)
		emit(f, "json", -1)
	}
	// every power of two: the rounding interval is lopsided there
	for e := -1074; e <= 1023; e++ {
		emit(math.Ldexp(1, e), "g", -1)
		emit(math.Ldexp(1, e), "json", -1)
	}
	// exact expansions: precisions past the 767 significant digits a
	// double can have
	for _, f := range []float64{5e-324, 2.2250738585072014e-308, math.MaxFloat64, 0.1,
		math.Ldexp(0x1fffffffffffff, -1074)} {
		for _, p := range []int{30, 400, 760, 770, 800} {
			emit(f, "e", p)
		}
		for _, p := range []int{30, 400, 1074, 1100} {
			emit(f, "f", p)
		}
	}
	// 'E' 'G' 'b' 'x' 'X' forms
	for r := 0; r < 40; r++ {
		f := math.Float64frombits(rng.Uint64())
		if r < len(vals) {
			f = vals[r*3%len(vals)]
		}
		for _, fm := range []string{"E", "G", "b", "x", "X"} {
			for _, p := range []int{-1, 0, 3, 13, 15} {
				emit(f, fm, p)
			}
		}
	}
}
