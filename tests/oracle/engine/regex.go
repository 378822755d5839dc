package main

import (
	"fmt"
	"math/rand"
	"strings"
)

// Suite regex: Sprig's regex.go (Go regexp, RE2 syntax) — matching,
// FindAll/Split counts, $-expansion, and the parse errors of regexp/syntax
// as both the must* variants (error) and the others (MustCompile panic).
func init() {
	register("regex", genRegex)
}

var rePatterns = []string{
	`a`, `a+`, `a*`, `a?`, `a*?`, `a+?`, `a??`, `^a`, `a$`, `^$`, `^`, `$`, `.`, `.*`, `.+`, `(?s).+`, `(?m)^\w+$`,
	`(?m)^`, `(?m)$`, `\d+`, `\D+`, `\s+`, `\S+`, `\w+`, `\W+`, `\bfoo\b`, `\Bo\B`, `[a-c]+`, `[^a-c]+`, `[[:alpha:]]+`,
	`[[:^alpha:]]+`, `[[:digit:][:space:]]+`, `(?i)hello`, `(?i)[a-z]+`, `(?i)k`, `(?i)s`, `(?i)\w+`, `(?i)\W+`,
	`(?i)[^k]`, `(?i)[\W]`, `(?U)a+`, `(?U)a+?`, `(a)(b)?`, `(?P<first>\w+) (?P<last>\w+)`, `(?<y>\d{4})-(?<m>\d\d)`,
	`a{2}`, `a{2,}`, `a{2,3}`, `a{,3}`, `a{2,3}?`, `x{0}`, `(ab){2}`, `(a|ab)(c|bcd)(d*)`, `a|b|c`, `|`, `a|`, `(|a)+`,
	`(a*)+`, `(a*)*`, `(?:a|b)+c`, `\pL+`, `\p{Greek}+`, `\PL+`, `\p{^L}+`, `\p{Lu}`, `\p{Han}+`, `\pN`, `\p{Any}+`,
	`[\p{Lu}\d]+`, `[^\pL]+`, `\p{C}`, `\P{C}+`, `\x41`, `\x{263a}`, `\101`, `\0`, `\Q.*\E+`, `\Q(x`, `\.`, `\$`,
	`\t\n\r\f\v\a`, `[\t ]+`, `[]a]`, `[^]a]`, `[a-]`, `[-a]`, `\A\w`, `\w\z`, `(?i:A)a`, `(?-i)a`, `(?i)a(?-i)a`,
	`é+`, `[é-ü]+`, `✓`, `[✓x]`, `(?s:.)`, `x*`, `\b`, `\B`, `(?m)$^`, `(?U)(a+)(a*)`, `(a+)(b+)?`, `(\w)(\w)`,
	`[[:word:]]+`, `[[:punct:]]`, `[[:upper:]]+`, `(?i)[[:upper:]]+`, `(?i)[[:^upper:]]+`, `\x{FFFD}`, `[\x{D800}-\x{E000}]`,
	`\x{D800}`, `a.c`, `(?s)a.c`, `(((a)))`, `(a)|b`, `a{1000}`, `(a{2}){500}`, `((a{10}){10}){10}`, `a**`, `a*+`, `a+*`, `a???`,
	`a{2}{3}`, `a{2}*`, `*`, `+a`, `?`, `{`, `a{`, `a{1`, `a{1,`, `a{1,2`, `a{01}`, `a{1001}`, `a{2,1}`, `a{100000000}`, `(`,
	`)`, `a)`, `(a`, `((a)`, `[`, `[a`, `[a-`, `[z-a]`, `[[:foo:]]`, `[[:alpha:]`, `\`, `a\`, `\C`, `\Z`, `\1`, `\8`,
	`\q`, `\_`, `\x`, `\x1`, `\xZZ`, `\x{`, `\x{}`, `\x{110000}`, `\x{12`, `\pX`, `\p{Foo}`, `\p{`, `\p`, `(?=a)`, `(?!a)`,
	`(?<=a)b`, `(?<!a)b`, `(?<a)`, `(?P<>a)`, `(?P<a-b>x)`, `(?P=a)`, `(?x)a`, `(?i`, `(?-)`, `(?i-)`, `(?i-m:a)`, `(?)`,
	`(?:`, `(?#c)`, `(?>a)`, `(?|a)`, `a(?i)*`, `(?i)*`, `x|*`, `(*)`, `^*`, `$+`, `\b*`, `(?m)^*x`, `\8a`, `[\b]`, `[\d-z]`,
	`[a-\d]`, "\xff", "[\xff]", "a\xffb", `(?P<n>a)(?P<n>b)`, `[[:alpha:]-z]`, `\p{Latin}`, `\p{sc:Latin}`,
	`(?i)Σ`, `(?i)ǅ`, `(?i)ß`, `(?i)[k-k]`, `[^\n]`, `[^a]`, `a\C`, `\z`, `\A`, `(?i)\x{212A}`, `\d{2,}?\d`, `(a|b)*?c`,
}

var reInputs = []string{
	``, `a`, `aaa`, `abc`, `hello world`, `Hello World`, `foo bar foobar barfoo`, `aXbXc`, `a1b22c333`, "line1\nline2\n",
	"\n", `ΣΑΣ σας`, `héllo ✓ wörld`, "a\xffb\xfe", `KELVIN k K ſ S s`, `John Smith`, `2024-03-05`, `ab ab abab`,
	`abcd`, `xyz`, `aaaa`, `.*+`, `   `, "tab\there",
}

func goQuote(s string) string {
	// a template string literal for s
	return fmt.Sprintf("%q", s)
}

func genRegex() []string {
	var s []string
	add := func(f string, a ...interface{}) { s = append(s, fmt.Sprintf(f, a...)) }
	rng := rand.New(rand.NewSource(11))
	for _, p := range rePatterns {
		qp := goQuote(p)
		// errors in all flavours
		add("{{ regexMatch %s \"abc\" }}", qp)
		add("{{ mustRegexMatch %s \"abc\" }}", qp)
		add("{{ regexFind %s \"abc\" }}", qp)
		add("{{ mustRegexFind %s \"aab\" }}", qp)
		add("{{ regexFindAll %s \"ab\" -1 }}", qp)
		add("{{ mustRegexSplit %s \"xay\" -1 }}", qp)
		add("{{ regexReplaceAllLiteral %s \"ab\" \"<$0>\" }}", qp)
		for k := 0; k < 4; k++ {
			in := goQuote(reInputs[rng.Intn(len(reInputs))])
			n := []string{"-1", "0", "1", "2", "5"}[rng.Intn(5)]
			add("{{ regexMatch %s %s }}", qp, in)
			add("{{ regexFind %s %s }}", qp, in)
			add("{{ regexFindAll %s %s %s }}", qp, in, n)
			add("{{ regexSplit %s %s %s }}", qp, in, n)
			add("{{ regexReplaceAll %s %s \"[$0|$1|${2}|$first$$]\" }}", qp, in)
			add("{{ regexReplaceAllLiteral %s %s \"<$1>\" }}", qp, in)
		}
	}
	for _, in := range reInputs {
		qi := goQuote(in)
		add("{{ regexQuoteMeta %s }}", qi)
		for _, p := range []string{`a*`, ``, `\b`, `x*`, `.`, `(?m)^`, `$`, `[^\x00-\x{10FFFF}]`, `\pL`, `.*?`} {
			qp := goQuote(p)
			add("{{ regexFindAll %s %s -1 }}", qp, qi)
			add("{{ regexSplit %s %s -1 }}", qp, qi)
			add("{{ regexReplaceAll %s %s \"-\" }}", qp, qi)
		}
	}
	add(`{{ regexQuoteMeta "\\.+*?()|[]{}^$ plain é" }}`)
	add(`{{ regexQuoteMeta "" }}`)
	add(`{{ regexQuoteMeta 5 }}`)
	// expansion templates
	for _, t := range []string{"$1", "${1}", "$1x", "${1}x", "$first", "${first}", "$last, $first", "$$", "$", "$ 1",
		"${", "${1", "${}", "$x", "$10", "$01", "${01}", "$2$1", "$0", "$é", "${last}-", "$100000000", "\\1", "$-"} {
		add("{{ regexReplaceAll \"(?P<first>\\\\w+) (?P<last>\\\\w+)\" \"John Smith, Jane Doe\" %s }}", goQuote(t))
		add("{{ regexReplaceAllLiteral \"(?P<first>\\\\w+) (?P<last>\\\\w+)\" \"John Smith\" %s }}", goQuote(t))
	}
	add(`{{ regexReplaceAll "(?P<n>a)|(?P<n>b)" "ab" "[$n]" }}`)
	// split/findall n semantics
	for _, n := range []string{"-5", "-1", "0", "1", "2", "3", "4", "10"} {
		add("{{ regexSplit \",\" \"a,b,c,d\" %s }}", n)
		add("{{ regexSplit \"\" \"abc\" %s }}", n)
		add("{{ regexSplit \"x*\" \"axbxxc\" %s }}", n)
		add("{{ regexSplit \",\" \"\" %s }}", n)
		add("{{ regexSplit \"\" \"\" %s }}", n)
		add("{{ regexFindAll \"[a-z]\" \"a1b2c3\" %s }}", n)
		add("{{ mustRegexFindAll \"\\\\d\" \"a1b2c3\" %s }}", n)
	}
	// types and chaining
	add(`{{ regexFindAll "a" "aa" -1 | printf "%T" }}`)
	add(`{{ regexSplit "a" "bab" -1 | printf "%T" }}`)
	add(`{{ regexFindAll "a" "bbb" -1 | printf "%T" }}`)
	add(`{{ regexFindAll "a" "bbb" -1 | len }}`)
	add(`{{ mustRegexFindAll "a" "bbb" -1 | printf "%T %v" }}`)
	add(`{{ regexMatch "a" "a" | printf "%T" }}`)
	add(`{{ regexFind "b+" "abbbc" | printf "%T %q" }}`)
	add(`{{ .Values.str | regexReplaceAll "o" "0" }}`)
	add(`{{ .Values.str | regexFind "w.*" | upper }}`)
	add(`{{ .Values.version | regexMatch "^\\d+\\.\\d+\\.\\d+$" }}`)
	add(`{{ .Values.url | regexFindAll "[a-z]+" -1 }}`)
	add(`{{ .Values.multi | regexSplit "\n" -1 }}`)
	add(`{{ if regexMatch "^app" .Values.name }}yes{{ end }}`)
	// parameter type errors
	for _, f := range []string{"regexMatch", "mustRegexMatch", "regexFind", "mustRegexFind"} {
		add("{{ %s 1 \"a\" }}", f)
		add("{{ %s \"a\" 1 }}", f)
		add("{{ %s \"a\" }}", f)
		add("{{ %s \"a\" .Values.missing }}", f)
		add("{{ %s .Values.nothing \"a\" }}", f)
	}
	for _, f := range []string{"regexFindAll", "mustRegexFindAll", "regexSplit", "mustRegexSplit"} {
		add("{{ %s \"a\" \"a\" \"1\" }}", f)
		add("{{ %s \"a\" \"a\" .Values.replicas }}", f)
		add("{{ %s \"a\" \"a\" }}", f)
		add("{{ %s \"a\" 5 1 }}", f)
	}
	for _, f := range []string{"regexReplaceAll", "mustRegexReplaceAll", "regexReplaceAllLiteral", "mustRegexReplaceAllLiteral"} {
		add("{{ %s \"a\" \"a\" 1 }}", f)
		add("{{ %s \"a\" \"a\" }}", f)
		add("{{ %s \"(\" \"a\" \"b\" }}", f)
		add("{{ %s \"a\" \"banana\" \"$0$0\" }}", f)
	}
	// seeded random patterns from a small grammar
	atoms := []string{"a", "b", ".", "\\d", "\\w", "[ab]", "[^a]", "(a|b)", "(?:ab)", "x", "^", "$", "\\b", "é"}
	ops := []string{"", "", "*", "+", "?", "{2}", "{1,2}", "*?", "+?"}
	inputs := []string{"abab", "aabba", "xab1 b2", "ééa", "a\nb", "", "bbbb", "ab ab"}
	for i := 0; i < 150; i++ {
		var b strings.Builder
		for j := 0; j < 1+rng.Intn(4); j++ {
			b.WriteString(atoms[rng.Intn(len(atoms))])
			b.WriteString(ops[rng.Intn(len(ops))])
		}
		p := b.String()
		if rng.Intn(4) == 0 {
			p += "|" + atoms[rng.Intn(len(atoms))]
		}
		in := goQuote(inputs[rng.Intn(len(inputs))])
		add("{{ regexFindAll %s %s -1 }}", goQuote(p), in)
		add("{{ regexReplaceAll %s %s \"<$0>\" }}", goQuote(p), in)
		add("{{ mustRegexSplit %s %s -1 }}", goQuote(p), in)
	}
	return s
}
