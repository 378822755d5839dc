package main

import (
	"fmt"
	"math/rand"
)

// Suite numeric: Sprig's numeric.go and the integer/float helpers of
// functions.go (spf13/cast conversions, shopspring/decimal float ops, Go's
// integer division panics, math.Pow/Modf rounding, seq/until/untilStep).
func init() {
	register("numeric", func() []string {
		// values handed to interface{} parameters: every kind cast sees
		atoms := []string{
			"0", "1", "-3", "7", "3.7", "-3.7", "0.5", "-0.5", "1e3", "2.5", "-2.5",
			"9223372036854775807", "-9223372036854775808", "1e300", "-1e300", "1e-300",
			`"12"`, `"-12"`, `"+5"`, `"0x10"`, `"-0x1F"`, `"010"`, `"08"`, `"0o17"`, `"0b101"`,
			`"1_000"`, `"1.00"`, `"1.0"`, `"1.50"`, `"1.5"`, `"0."`, `".0"`, `"1e3"`, `"abc"`, `""`,
			`" 5"`, `"5 "`, `"inf"`, `"-Inf"`, `"NaN"`, `"1e400"`, `"1e-400"`, `"0x1p4"`,
			`"9223372036854775808"`, `"99999999999999999999"`, `"١٢"`,
			"true", "false", "nil",
			".Values.replicas", ".Values.ratio", ".Values.neg", ".Values.zero", ".Values.big",
			".Values.missing", ".Values.name", ".Values.list", ".Values.map", ".Values.enabled",
			".Values.nothing", ".Values.version", ".Values.empty",
			`(printf "%c" 255)`, `(printf "%d" 42)`, `(len "abc")`,
		}
		small := []string{
			"0", "1", "-3", "7", "3.7", "-2.5", `"12"`, `"0x10"`, `"1.50"`, `"abc"`, "true", "nil",
			".Values.replicas", ".Values.ratio", ".Values.missing", ".Values.name",
			"9223372036854775807", "-9223372036854775808", "1e300", `"inf"`, "0.1", "0.2", "3", "1e-300",
		}
		var s []string
		unary := []string{"int64", "int", "float64", "toDecimal", "add1", "add1f", "ceil", "floor",
			"max", "min", "maxf", "minf", "biggest", "add", "mul", "addf", "mulf", "subf", "divf"}
		for _, f := range unary {
			for _, a := range atoms {
				s = append(s, fmt.Sprintf("{{ %s %s }}", f, a))
			}
		}
		for _, f := range []string{"int64", "int", "float64", "add1", "add1f", "ceil", "max", "maxf",
			"addf", "toDecimal", "add", "sub", "div", "mod", "mul"} {
			s = append(s, fmt.Sprintf("{{ %s 1 1 | printf \"%%T\" }}", f), fmt.Sprintf("{{ %s 2 | printf \"%%T\" }}", f),
				fmt.Sprintf("{{ %s \"1\" | printf \"%%v %%T\" }}", f))
		}
		binary := []string{"add", "sub", "div", "mod", "mul", "max", "min", "biggest", "maxf", "minf",
			"addf", "subf", "divf", "mulf"}
		for _, f := range binary {
			for _, a := range small {
				for _, b := range small {
					s = append(s, fmt.Sprintf("{{ %s %s %s }}", f, a, b))
				}
			}
		}
		// variadics with 0 and 3+ operands
		for _, f := range []string{"add", "mul", "max", "min", "maxf", "minf", "addf", "subf", "divf", "mulf",
			"biggest", "sub", "div", "mod", "add1", "int64", "ceil", "round", "seq", "until", "untilStep"} {
			s = append(s, fmt.Sprintf("{{ %s }}", f), fmt.Sprintf("{{ %s 1 2 3 }}", f),
				fmt.Sprintf("{{ %s 8 \"2\" 2.5 -1 }}", f))
		}
		s = append(s,
			"{{ add 1 2 3 4 5 }}", "{{ mul 1 2 3 4 5 }}", "{{ max 1 9 3 }}", "{{ min 4 -2 9 }}",
			"{{ maxf 1 9.5 3 }}", "{{ minf 4 -2.5 9 }}", "{{ addf 0.1 0.2 }}", "{{ addf 0.1 0.2 0.3 }}",
			"{{ subf 1 0.9 }}", "{{ mulf 1.1 1.1 }}", "{{ divf 1 3 }}", "{{ divf 2 3 }}", "{{ divf -2 3 }}",
			"{{ divf 10 4 }}", "{{ divf 1 0 }}", "{{ divf 1 0.0 }}", "{{ divf 0 1 }}", "{{ divf 1 3 3 }}",
			"{{ divf 1e300 1e-300 }}", "{{ divf 1e-300 1e300 }}", "{{ mulf 1e300 1e300 }}", "{{ mulf 1e-300 1e-300 }}",
			"{{ mulf -1e-300 1e-300 }}", "{{ addf 1e300 1e-300 }}", "{{ subf 1e300 1e-300 1e300 }}",
			"{{ addf 0.1 \"inf\" }}", "{{ divf 1 0 \"inf\" }}", "{{ divf \"inf\" 0 }}", "{{ addf \"NaN\" }}",
			"{{ addf \"-Inf\" 1 }}", "{{ divf 5 }}", "{{ subf 5 }}", "{{ mulf 5 }}", "{{ addf }}",
			"{{ divf 1 7 }}", "{{ divf 22 7 }}", "{{ divf 1 6 }}", "{{ divf -1 6 }}", "{{ divf 5e-17 1 }}",
			"{{ divf 4.9e-17 1 }}", "{{ divf 1.5e-16 1 }}", "{{ divf 123456789012345678 0.001 }}",
			"{{ divf 0.3 0.1 }}", "{{ mulf 0.1 3 }}", "{{ subf 0.3 0.1 }}", "{{ add1f 0.1 }}", "{{ add1f -1 }}",
			"{{ mulf 2 3 | printf \"%T\" }}", "{{ divf 4 2 | printf \"%v %T\" }}",
			"{{ div 7 2 }}", "{{ div -7 2 }}", "{{ mod -7 2 }}", "{{ mod 7 -2 }}", "{{ div 1 0 }}", "{{ mod 1 0 }}",
			"{{ div -9223372036854775808 -1 }}", "{{ mod -9223372036854775808 -1 }}", "{{ div 5 \"x\" }}",
			"{{ add 9223372036854775807 1 }}", "{{ mul 9223372036854775807 2 }}", "{{ sub -9223372036854775808 1 }}",
			"{{ add1 9223372036854775807 }}", "{{ int64 1e19 }}", "{{ int64 -1e19 }}", "{{ int 1e100 }}",
			"{{ int64 \"9223372036854775807\" }}", "{{ int64 \"-9223372036854775808\" }}",
			"{{ int \"0x7fffffffffffffff\" }}", "{{ int64 \"0X10\" }}", "{{ int64 \"0B11\" }}", "{{ int64 \"0O17\" }}",
			"{{ int64 \"00\" }}", "{{ int64 \"0\" }}", "{{ int64 \"-0\" }}", "{{ int64 \"10.000\" }}", "{{ int64 \"100\" }}",
			"{{ int64 \"0.000\" }}", "{{ int64 \"1.\" }}", "{{ int64 \"1..0\" }}", "{{ int64 \"0x1_0\" }}",
			"{{ int64 \"1_0\" }}", "{{ int64 \"_10\" }}", "{{ float64 \"1_000.5\" }}", "{{ float64 \"0x_1p0\" }}",
			"{{ float64 \".5\" }}", "{{ float64 \"5.\" }}", "{{ float64 \"1e\" }}", "{{ float64 \"infinity\" }}",
			"{{ float64 \"+nan\" }}", "{{ float64 \"-nan\" }}", "{{ float64 \"1E5\" }}", "{{ float64 \"0x1.8p1\" }}",
			"{{ float64 \"2.2250738585072011e-308\" }}", "{{ float64 \"4.9e-324\" }}", "{{ float64 \"1e-330\" }}",
			"{{ float64 \"1.7976931348623157e308\" }}", "{{ float64 \"1.7976931348623159e308\" }}",
			"{{ float64 .Values.list }}", "{{ int .Values.map }}",
			"{{ atoi \"12\" }}", "{{ atoi \"-12\" }}", "{{ atoi \"+12\" }}", "{{ atoi \"0x10\" }}", "{{ atoi \"1.5\" }}",
			"{{ atoi \"\" }}", "{{ atoi \"abc\" }}", "{{ atoi \" 1\" }}", "{{ atoi \"1_000\" }}",
			"{{ atoi \"9223372036854775807\" }}", "{{ atoi \"9223372036854775808\" }}", "{{ atoi \"-9223372036854775809\" }}",
			"{{ atoi \"99999999999999999999\" }}", "{{ atoi \"-99999999999999999999\" }}", "{{ atoi \"999999999999999999\" }}",
			"{{ atoi \"12345678901234567890x\" }}", "{{ atoi \"-\" }}", "{{ atoi \"+\" }}", "{{ atoi \"007\" }}",
			"{{ atoi 12 }}", "{{ atoi .Values.replicas }}", "{{ atoi .Values.missing }}", "{{ atoi nil }}",
			"{{ atoi .Values.version }}", "{{ atoi \"5\" | printf \"%T\" }}", "{{ atoi }}", "{{ atoi \"1\" \"2\" }}",
			"{{ toDecimal \"0777\" }}", "{{ toDecimal \"777\" }}", "{{ toDecimal 777 }}", "{{ toDecimal \"8\" }}",
			"{{ toDecimal \"-17\" }}", "{{ toDecimal \"+17\" }}", "{{ toDecimal \"0o17\" }}", "{{ toDecimal 1e3 }}",
			"{{ toDecimal 1e21 }}", "{{ toDecimal \"1000000000000000000000\" }}", "{{ toDecimal \"777777777777777777777\" }}",
			"{{ toDecimal \"1_0\" }}", "{{ toDecimal true }}", "{{ toDecimal .Values.nums }}",
			"{{ toDecimal \"0777\" | printf \"%T\" }}",
			"{{ ceil 1.2 }}", "{{ ceil -1.2 }}", "{{ ceil -0.5 }}", "{{ floor -0.5 }}", "{{ floor 0.5 }}",
			"{{ ceil \"2.1\" }}", "{{ floor \"x\" }}", "{{ ceil 1e300 }}", "{{ floor \"-inf\" }}", "{{ ceil \"NaN\" }}",
			"{{ ceil 1.2 | printf \"%T\" }}", "{{ maxf \"NaN\" 1 }}", "{{ maxf 1 \"NaN\" }}", "{{ minf \"NaN\" 1 }}",
			"{{ maxf \"-inf\" \"inf\" }}", "{{ minf \"-inf\" \"inf\" \"NaN\" }}", "{{ maxf -0.0 0 }}",
			"{{ minf 0 \"-0\" }}", "{{ maxf \"-0\" \"-0\" }}", "{{ minf \"-0\" 0 }}", "{{ maxf 0 \"-0\" }}",
			"{{ max 1 | printf \"%T\" }}", "{{ maxf 1 | printf \"%T\" }}", "{{ min \"5\" \"3\" }}",
		)
		// round: (interface{}, int, ...float64)
		for _, v := range []string{"3.14159", "2.5", "-2.5", "1.005", "0.125", "-0.125", "1234.5678", "0", "1e300",
			"\"2.675\"", "\"x\"", "nil", ".Values.ratio", "5", "-5", "0.5", "-0.5", "1.15", "2.345", "9.995",
			"\"inf\"", "\"NaN\"", "123456789.123456789", "1e-10", "-1e-10"} {
			for _, p := range []string{"0", "1", "2", "3", "-1", "-2", "10", "16", "20", "23", "300", "308", "309", "-308", "-400"} {
				s = append(s, fmt.Sprintf("{{ round %s %s }}", v, p))
			}
			s = append(s, fmt.Sprintf("{{ round %s 2 0.3 }}", v), fmt.Sprintf("{{ round %s 1 0.9 }}", v),
				fmt.Sprintf("{{ round %s 0 1 }}", v), fmt.Sprintf("{{ round %s 0 0 }}", v),
				fmt.Sprintf("{{ round %s 0 -0.5 }}", v), fmt.Sprintf("{{ round %s 1 0.5 0.1 }}", v))
		}
		s = append(s, "{{ round 1.5 \"2\" }}", "{{ round 1.5 2.0 }}", "{{ round 1.5 .Values.replicas }}",
			"{{ round 1.5 0 \"x\" }}", "{{ round 1.5 0 .Values.ratio }}", "{{ round 1.5 }}", "{{ round 2.5 0 | printf \"%T\" }}",
			"{{ round 1.5 nil }}", "{{ round 1.5 0 nil }}", "{{ round 1.5 0 true }}")
		// seq, until, untilStep: ...int / int / int int int
		ints := []string{"0", "1", "-1", "2", "3", "5", "-5", "10", "-3", "100"}
		for _, a := range ints {
			s = append(s, fmt.Sprintf("{{ seq %s }}", a), fmt.Sprintf("{{ until %s }}", a))
			for _, b := range ints {
				s = append(s, fmt.Sprintf("{{ seq %s %s }}", a, b))
				for _, c := range []string{"0", "1", "-1", "2", "-2", "3", "5"} {
					s = append(s, fmt.Sprintf("{{ seq %s %s %s }}", a, c, b),
						fmt.Sprintf("{{ untilStep %s %s %s }}", a, b, c))
				}
			}
		}
		s = append(s, "{{ seq 1 2 3 4 }}", "{{ seq \"1\" }}", "{{ seq 1.5 }}", "{{ seq .Values.replicas }}",
			"{{ seq nil }}", "{{ seq 9223372036854775807 }}", "{{ seq -9223372036854775808 }}",
			"{{ seq 9223372036854775806 9223372036854775807 }}", "{{ seq 5 | printf \"%T\" }}",
			"{{ until 5 | printf \"%v\" }}",
			"{{ until \"3\" }}", "{{ until 3.0 }}", "{{ until .Values.replicas }}", "{{ until nil }}",
			"{{ untilStep 0 3 }}", "{{ untilStep 0 3 \"1\" }}", "{{ range until 3 }}[{{ . }}]{{ end }}",
			"{{ range $i, $v := untilStep 10 0 -3 }}{{ $i }}={{ $v }} {{ end }}", "{{ len (until 7) }}",
			"{{ index (until 5) 2 }}", "{{ index (until 5) 2 | printf \"%T\" }}", "{{ until 0 | len }}",
			"{{ untilStep -9223372036854775808 -9223372036854775806 1 }}",
			"{{ seq 9223372036854775805 1 9223372036854775807 }}",
			"{{ eq (until 3) (until 3) }}", "{{ until 2 }}{{ until 1 }}", "{{ if until 0 }}y{{ else }}n{{ end }}",
		)
		// randInt: (int, int) int, shape-checked
		s = append(s, "{{ $r := randInt 1 5 }}{{ and (ge $r 1) (lt $r 5) }}", "{{ randInt 3 4 }}",
			"{{ randInt -10 -9 }}", "{{ randInt 5 5 }}", "{{ randInt 5 1 }}", "{{ randInt 1 }}",
			"{{ randInt \"1\" 2 }}", "{{ randInt 1 2.5 }}", "{{ randInt 0 1 | printf \"%T\" }}",
			"{{ randInt 1.0 2 }}", "{{ randInt .Values.replicas 5 }}", "{{ randInt nil 5 }}",
			"{{ $r := randInt -100 100 }}{{ and (ge $r -100) (lt $r 100) }}")
		// chaining and pipelines
		s = append(s, "{{ .Values.replicas | add1 }}", "{{ .Values.replicas | int | add 2 }}",
			"{{ .Values.ratio | mul 2 }}", "{{ .Values.ratio | mulf 2 }}", "{{ 5 | sub 10 }}", "{{ 3 | div 9 }}",
			"{{ .Values.nums | len | add1 }}", "{{ add1 .Values.replicas | printf \"%05d\" }}",
			"{{ int .Values.replicas | printf \"%T %d\" }}", "{{ float64 .Values.replicas | printf \"%T %.2f\" }}",
			"{{ int64 .Values.ratio | printf \"%T %d\" }}", "{{ if gt (int .Values.replicas) 2 }}many{{ end }}",
			"{{ eq (add 1 1) 2 }}", "{{ eq (int64 2) 2 }}", "{{ eq (add1f 1) 2.0 }}", "{{ lt (max 1 2) 3 }}",
			"{{ add (len .Values.list) (len .Values.map) }}", "{{ $x := 0 }}{{ range .Values.nums }}{{ $x = add $x . }}{{ end }}{{ $x }}",
			"{{ range .Values.nums }}{{ mul . . }},{{ end }}", "{{ range .Values.nums }}{{ div 10 . }},{{ end }}",
		)
		// seeded random arithmetic on numbers of every form
		r := rand.New(rand.NewSource(20240305))
		form := func() string {
			switch r.Intn(6) {
			case 0:
				return fmt.Sprint(r.Int63n(2000000) - 1000000)
			case 1:
				return fmt.Sprintf("%q", fmt.Sprint(r.Int63n(20000)-10000))
			case 2:
				return fmt.Sprint(r.NormFloat64() * 1000)
			case 3:
				return fmt.Sprintf("%.*f", r.Intn(6), r.NormFloat64()*100)
			case 4:
				return fmt.Sprintf("%g", r.ExpFloat64()*float64(r.Int63n(1000000)+1)*1e-3)
			default:
				return fmt.Sprintf("%q", fmt.Sprintf("%.3f", r.NormFloat64()*10))
			}
		}
		ops := []string{"add", "sub", "mul", "div", "mod", "max", "min", "addf", "subf", "mulf", "divf", "maxf", "minf"}
		for i := 0; i < 400; i++ {
			op := ops[r.Intn(len(ops))]
			n := 2
			if op != "sub" && op != "div" && op != "mod" {
				n = 1 + r.Intn(4)
			}
			t := "{{ " + op
			for j := 0; j < n; j++ {
				t += " " + form()
			}
			s = append(s, t+" }}")
		}
		for i := 0; i < 150; i++ {
			s = append(s, fmt.Sprintf("{{ round %s %d }}", form(), r.Intn(8)-1))
			s = append(s, fmt.Sprintf("{{ %s %s }}", []string{"int", "int64", "float64", "ceil", "floor", "add1f", "toDecimal"}[r.Intn(7)], form()))
		}
		return s
	})
}
