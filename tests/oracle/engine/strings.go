package main

import (
	"fmt"
	"math/rand"
)

// Suite strings: Sprig's string functions (strings.go, goutils, xstrings)
// every one over a set of
// argument atoms, with the type mismatches text/template reports.
func init() {
	register("strings", genStrings)
}

var strAtoms = []string{
	`""`, `"hello world"`, `"  padded  "`, `"Hello World"`, `"héllo ✓"`, `"ÀÉÎ ǆ ǅ ß ﬃ ΣΑΣ"`,
	`"HTTPServer"`, `"FirstName"`, `"http2xx"`, `"HTTP20xOK"`, `"Bld4Floor3rd"`, `"Duration2m3s"`,
	`"_complex__case_"`, `"some-words here_now"`, `"GO_PATH"`, `"a\tb\nc"`, `"x\u00a0y\u0085z"`,
	`"a\xffb\xc3"`, `"\xe2\x9c"`, `"hello.world, foo;bar!"`, `"日本語のテキスト"`, `"ǅungla džungla"`,
	`"one  two   three"`, `"ﬀ ΐ ẞ"`, `"$foo$"`, `"abc"`, `"a"`, `"A"`, `"  "`, `"x--y__z  w"`,
	`"MyXMLParser2Go"`, `"a1b2C3"`, `"İstanbul ıi"`, `"ǈ"`, `"\u2000sp\u3000"`, `"123abc"`,
	`"-leading"`, `"trailing-"`, `"Ünïcödé Wörds"`, `"HELLO WORLD"`, `"hello\nworld\n"`,
	`.Values.str`, `.Values.unicode`, `.Values.multi`, `.Values.spaces`, `.Values.html`, `.Values.name`,
	`.Values.empty`, `.Values.url`,
}

var intAtoms = []string{`0`, `1`, `2`, `3`, `4`, `5`, `6`, `7`, `8`, `10`, `-1`, `-3`, `-100`, `100`}

var anyAtoms = []string{
	`"s"`, `""`, `5`, `-2`, `1.5`, `true`, `false`, `nil`, `.Values.nothing`, `.Values.missing`, `.Values.list`,
	`.Values.nums`, `.Values.mixed`, `.Values.emptylist`, `.Values.map`, `.Values.emptymap`, `.Values.replicas`,
	`.Values.ratio`, `.Values.big`, `.Values.enabled`, `(splitList "," "b,a,c")`,
	`.Values.unicode`, `.Values.html`, `"a\"b\\c"`, `"\x00\x7f"`, `"a\xffb"`, `(.Files.GetBytes "files/a.txt")`,
	`1e21`, `.Values.neg`,
}

func genStrings() []string {
	var s []string
	add := func(f string, a ...interface{}) { s = append(s, fmt.Sprintf(f, a...)) }
	unary := []string{"trim", "upper", "lower", "title", "untitle", "nospace", "initials", "swapcase",
		"snakecase", "camelcase", "kebabcase", "toString", "quote", "squote", "cat", "toStrings", "sortAlpha"}
	for _, f := range unary {
		for _, a := range strAtoms {
			add("{{ %s %s }}", f, a)
		}
		add("{{ %s }}", f)
		add("{{ %s 5 }}", f)
		add("{{ %s .Values.replicas }}", f)
		add("{{ %s .Values.list }}", f)
		add("{{ %s .Values.missing }}", f)
		add("{{ %s .Values.nothing }}", f)
		add("{{ %s \"a\" \"b\" }}", f)
		add("{{ %s \"Ab\" | printf \"%%T\" }}", f)
	}
	for _, f := range []string{"toString", "quote", "squote", "cat", "toStrings", "sortAlpha"} {
		for _, a := range anyAtoms {
			add("{{ %s %s }}", f, a)
		}
	}
	for _, f := range []string{"quote", "squote", "cat"} {
		add("{{ %s 1 nil 2 }}", f)
		add("{{ %s nil nil }}", f)
		add("{{ %s \"a\" .Values.missing \"b\" .Values.nothing 3 }}", f)
		add("{{ %s .Values.list .Values.map 1.5 }}", f)
	}
	intStr := []string{"abbrev", "trunc", "repeat", "wrap", "indent", "nindent"}
	for _, f := range intStr {
		for _, i := range intAtoms {
			for _, a := range strAtoms {
				if (f == "repeat" && i == "100") || ((f == "indent" || f == "nindent") && len(a) > 20 && i != "2") {
					continue
				}
				add("{{ %s %s %s }}", f, i, a)
			}
		}
		add("{{ %s \"3\" \"abc\" }}", f)
		add("{{ %s .Values.replicas \"abc\" }}", f)
		add("{{ %s 3 5 }}", f)
		add("{{ %s 3 }}", f)
		add("{{ %s 3 .Values.missing }}", f)
		add("{{ %s .Values.missing \"abc\" }}", f)
	}
	long := `"The quick brown fox jumps over the lazy dog, then https://example.com/a/very/long/url/that/goes/on is visited"`
	for _, i := range []string{"0", "1", "4", "7", "10", "15", "20", "33", "80"} {
		add("{{ wrap %s %s }}", i, long)
		add("{{ wrapWith %s \"<br>\" %s }}", i, long)
		add("{{ wrapWith %s \"\" %s }}", i, long)
		add("{{ abbrev %s %s }}", i, long)
		add("{{ trunc %s %s }}", i, long)
		for _, j := range []string{"-1", "0", "1", "4", "5", "6", "7", "10", "20", "200"} {
			add("{{ abbrevboth %s %s %s }}", j, i, long)
			add("{{ abbrevboth %s %s \"abcdefghijklmnopqrstuvwxyz\" }}", j, i)
		}
	}
	add("{{ wrap 5 \"a  b   c    d     e\" }}")
	add("{{ wrap 3 \"  leading spaces and words\" }}")
	add("{{ wrapWith 3 \"|\" \"abcdefghij klm\" }}")
	add("{{ abbrevboth \"1\" 2 \"x\" }}")
	add("{{ abbrevboth 1 2 3 }}")
	subArgs := []string{"-1", "0", "1", "2", "3", "5", "11", "12", "20"}
	for _, i := range subArgs {
		for _, j := range subArgs {
			add("{{ substr %s %s .Values.str }}", i, j)
		}
		add("{{ substr %s 3 \"héllo\" }}", i)
		add("{{ substr %s -3 \"abc\" }}", i)
	}
	add("{{ substr -1 -1 \"abc\" }}")
	add("{{ substr \"1\" 2 \"abc\" }}")
	add("{{ substr 1 2 }}")
	twoStr := []string{"trimall", "trimAll", "trimSuffix", "trimPrefix", "contains", "hasPrefix", "hasSuffix",
		"splitList", "split"}
	twoArgs := [][2]string{
		{`"$"`, `"$foo$"`}, {`""`, `"abc"`}, {`"abc"`, `""`}, {`""`, `""`}, {`"a"`, `"aaa"`}, {`"ab"`, `"abcab"`},
		{`" "`, `.Values.spaces`}, {`"h"`, `.Values.str`}, {`"d"`, `.Values.str`}, {`"o"`, `.Values.str`},
		{`"l"`, `"hello"`}, {`"✓"`, `.Values.unicode`}, {`"é"`, `"éaé"`}, {`"\xff"`, `"\xffa\xff"`},
		{`"\ufffd"`, `"\xffa\xef\xbf\xbd"`}, {`"xy"`, `"yxaxy"`}, {`","`, `"a,b,,c,"`}, {`", "`, `"a, b, c"`},
		{`"/"`, `"/a/b/"`}, {`"-"`, `"-"`}, {`"abc"`, `"abc"`}, {`"\n"`, `.Values.multi`}, {`"x"`, `"xxyxx"`},
		{`"xyz"`, `"zyxabczyx"`}, {`"日"`, `"日本日"`},
	}
	for _, f := range twoStr {
		for _, a := range twoArgs {
			add("{{ %s %s %s }}", f, a[0], a[1])
		}
		add("{{ %s 1 \"a\" }}", f)
		add("{{ %s \"a\" 1 }}", f)
		add("{{ %s \"a\" }}", f)
		add("{{ %s \"a\" .Values.missing }}", f)
		if f != "split" {
			add("{{ %s \"a\" \"b\" | printf \"%%T\" }}", f)
		}
	}
	for _, a := range twoArgs {
		add("{{ replace %s \"-\" %s }}", a[0], a[1])
		add("{{ replace %s \"\" %s }}", a[0], a[1])
		add("{{ %s | replace %s \"<$1>\" }}", a[1], a[0])
		for _, n := range []string{"-1", "0", "1", "2", "3", "100"} {
			add("{{ splitn %s %s %s }}", a[0], n, a[1])
		}
		add("{{ join %s (splitList %s %s) }}", a[0], a[0], a[1])
	}
	add("{{ replace 1 \"a\" \"b\" }}")
	add("{{ splitn \",\" \"2\" \"a,b,c\" }}")
	add("{{ (split \",\" \"a,b,c\")._1 }}")
	add("{{ $p := splitList \",\" \"a,b,c\" }}{{ index $p 2 }} {{ len $p }}")
	for _, a := range anyAtoms {
		add("{{ join \"-\" %s }}", a)
		add("{{ join \", \" %s }}", a)
	}
	add("{{ join 1 .Values.list }}")
	add("{{ join \",\" }}")
	add("{{ toStrings .Values.list | printf \"%%T\" }}")
	add("{{ sortAlpha .Values.list | printf \"%%T\" }}")
	add("{{ sortAlpha .Values.mixed }}")
	add("{{ splitList \",\" \"c,a,b\" | sortAlpha }}")
	for _, c := range []string{"0", "1", "2", "-1", "5"} {
		add("{{ plural \"one\" \"many\" %s }}", c)
	}
	add("{{ plural \"one\" \"many\" \"1\" }}")
	add("{{ plural \"one\" \"many\" .Values.replicas }}")
	add("{{ plural 1 \"many\" 1 }}")
	// random strings: shape only
	for _, f := range []string{"randAlphaNum", "randAlpha", "randAscii", "randNumeric"} {
		for _, n := range []string{"0", "1", "5", "32", "-1", "-100"} {
			add("{{ %s %s | len }}", f, n)
		}
		add("{{ %s 3 | printf \"%%T\" }}", f)
		add("{{ %s \"3\" }}", f)
		add("{{ %s }}", f)
		add("{{ %s .Values.replicas }}", f)
	}
	add(`{{ regexMatch "^[a-zA-Z0-9]{40}$" (randAlphaNum 40) }}`)
	add(`{{ regexMatch "^[a-zA-Z]{40}$" (randAlpha 40) }}`)
	add(`{{ regexMatch "^[0-9]{40}$" (randNumeric 40) }}`)
	add(`{{ regexMatch "^[ -~]{40}$" (randAscii 40) }}`)
	add(`{{ shuffle "" }}`)
	add(`{{ shuffle "a" }}`)
	add(`{{ shuffle "aaaa" }}`)
	add(`{{ shuffle "héllo" | len }}`)
	add(`{{ shuffle "abcdef" | splitList "" | sortAlpha | join "" }}`)
	add(`{{ shuffle "a\xffb" | len }}`)
	add(`{{ shuffle 5 }}`)
	// chaining
	add(`{{ .Values.name | upper | quote }}`)
	add(`{{ .Values.str | title | replace " " "-" | lower | trunc 8 }}`)
	add(`{{ .Values.multi | indent 4 | trim }}`)
	add(`{{ .Values.list | join "," | upper | splitList "," | toStrings }}`)
	add(`{{ "a\nb" | nindent 2 | quote }}`)
	add(`{{ toYaml .Values.map | indent 2 }}`)
	// seeded random words for the case converters
	rng := rand.New(rand.NewSource(7))
	pieces := []string{"Foo", "bar", "HTTP", "x", "2", "42", "_", "-", " ", "Ä", "ß", "日本", ".", "!", "ǅ", "Id", "ID", "v1", "\\xff", "A1"}
	for i := 0; i < 120; i++ {
		w := ""
		for j := 0; j < 1+rng.Intn(5); j++ {
			w += pieces[rng.Intn(len(pieces))]
		}
		for _, f := range []string{"snakecase", "kebabcase", "camelcase", "swapcase", "title", "untitle", "initials"} {
			add("{{ %s \"%s\" }}", f, w)
		}
	}
	return s
}
