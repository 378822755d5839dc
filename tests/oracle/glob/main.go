// Command glob is the oracle for src/chart/glob.c: Helm 3.17.3's
// engine/files.go Glob compiles a pattern with github.com/gobwas/glob v0.2.3
// glob.Compile(pattern, '/') (falling back to "**" when that fails) and
// keeps the files whose name Match accepts.  Records:
//
//	name  pattern  compiled(1|0)  path  result(1|0|P)
//
// P marks a path on which gobwas's matcher panics (Helm's template then
// fails).  Inputs: hand-picked patterns for every feature and error, then
// seeded random patterns over an alphabet of glob metacharacters, '/', 'a',
// 'b' and a non-ASCII rune, each against fixed and random paths.
//
//	go run . -out ../../vectors/glob.vec
package main

import (
	"flag"
	"fmt"
	"math/rand"
	"os"

	"cozypkg.test/oracle/vecio"
	"github.com/gobwas/glob"
)

func match(g glob.Glob, p string) (res string) {
	defer func() {
		if recover() != nil {
			res = "P"
		}
	}()
	if g.Match(p) {
		return "1"
	}
	return "0"
}

var handPatterns = []string{
	"", "*", "**", "?", "a", "a/b", "*.yaml", "**.yaml", "**/*.yaml", "files/*", "files/**",
	"files/*.txt", "*/*", "*/**", "**/", "a*b", "a**b", "a?b", "??", "???", "*?", "?*", "**?",
	"[abc]", "[!abc]", "[a-c]", "[!a-c]", "[a-z0-9]", "[]", "[!]", "[", "[a", "[a-", "[a-]",
	"[a-]]", "[z-a]", "[a-a]", "[!!]", "[!-a]", "[ab-c]", "[]-a]", "[a\\]b]", "[\\-a]", "[/]",
	"[!/]", "[!/]*", "[!/]?", "a[/]b", "a[!b]c", "[ä]", "[a-ä]", "[!ä]", "ä", "ä*", "*ä", "?ä",
	"ä?", "a{}", "{}", "a{}b", "{a,b}", "{a,b}*", "*{a,b}", "{*.yaml,sub/**}", "{a,{b,c}}",
	"{a,b", "{a", "a}", "a,b", "}", ",", "{,a}", "{a,}", "{ab,ac}", "{ab,cb}", "{a*,b*}",
	"{*a,*b}", "{a/*,a/b/*}", "x{a,b}y", "{a?,b?}", "{[ab],c}", "\\*", "\\", "a\\", "\\?",
	"\\[a]", "\\{a,b}", "{a\\,b,c}", "{a\\}b,c}", "*\\/*", "a\x00b", "a\xffb", "a\uFFFDb", "[\xff]",
	"templates/*.tpl", "config/**.json", "**/*.json", "**/.helmignore", ".*", "*.*", "*/*.yaml",
	"{a,b}/{c,d}", "a*b*c", "a?*?b", "*a*", "**a**", "*/a/*", "a**/b", "[a-c]*[d-f]", "*[!a]",
	"{a}b", "{a,a}", "{?,??}", "{*,**}", "[a-c][d-f]", "a[b-d]?", "?[!/]", "{*/,b}c",
}

var handPaths = []string{
	"", "a", "b", "c", "ab", "ac", "aa", "abc", "a/b", "a/b/c", "a/", "/a", "/", "//",
	"x.yaml", "sub/x.yaml", "sub/a/b", "files/a.txt", "files/sub/a.txt", "files/", "a.b",
	".helmignore", "dir/.helmignore", "ä", "aä", "äa", "a/ä", "*", "?", "[a]", "{a,b}", "a,b",
	"a}", "a\\b", "a]b", "-", "!", "]", "a-b", "config/x.json", "config/s/x.json", "templates/_h.tpl",
	"a\xffb", "\xff", "a\uFFFDb", "x{a,b}y", "xay", "xby", "aXb", "aXYb", "a/b/b", "acb", "adc",
}

const alphabet = "ab/*?[]{},\\!-"

func randPattern(r *rand.Rand) string {
	n := r.Intn(9)
	b := []byte{}
	for i := 0; i < n; i++ {
		if r.Intn(14) == 0 {
			b = append(b, "ä"...)
		} else {
			b = append(b, alphabet[r.Intn(len(alphabet))])
		}
	}
	return string(b)
}

func randPath(r *rand.Rand) string {
	n := r.Intn(7)
	b := []byte{}
	const pa = "ab/c.-]"
	for i := 0; i < n; i++ {
		if r.Intn(12) == 0 {
			b = append(b, "ä"...)
		} else {
			b = append(b, pa[r.Intn(len(pa))])
		}
	}
	return string(b)
}

func compile(p string) (glob.Glob, string) {
	g, err := glob.Compile(p, '/')
	if err != nil {
		return glob.MustCompile("**"), "0"
	}
	return g, "1"
}

func main() {
	out := flag.String("out", "../../vectors/glob.vec", "vector file")
	flag.Parse()
	w := vecio.MustCreate(*out)
	w.Comment("glob: gobwas/glob v0.2.3 Compile(p, '/') with Helm's ** fallback; name pattern compiled path result")
	for i, p := range handPatterns {
		g, ok := compile(p)
		for j, path := range handPaths {
			w.Rec(fmt.Sprintf("h%d.%d", i, j), p, ok, path, match(g, path))
		}
	}
	r := rand.New(rand.NewSource(20261124))
	for i := 0; i < 1500; i++ {
		p := randPattern(r)
		g, ok := compile(p)
		for j := 0; j < 6; j++ {
			path := randPath(r)
			if j < 2 {
				// paths built from the pattern's own text match more often
				path = p
				if j == 1 {
					path = randPath(r) + p
				}
			}
			w.Rec(fmt.Sprintf("r%d.%d", i, j), p, ok, path, match(g, path))
		}
	}
	w.MustClose()
	fmt.Fprintf(os.Stderr, "%s: %d vectors\n", *out, w.N())
}
