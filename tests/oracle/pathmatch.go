package main

// Suite pathmatch: path/filepath.Match (Unix), the matcher of .helmignore
// rules and --show-only.

import (
	"fmt"
	"math/rand"
	"path/filepath"
)

func genPathMatch(w *Writer) {
	pats := []string{"*", "*.yaml", "templates/*", "templates/*.yaml", "a?c", "[abc]*", "[^a]*", "[a-c]x",
		"\\*", "a\\", "[", "[]", "[]a]", "[^]a]", "[a-]", "[-a]", "*/*", "**", "a*b*c", "*.y?ml", "[!a]",
		"templates/_*", "x[", "*[", ".?*", "templates/.?*", "ab[c", "a[b-", "a*", "*a", "é*", "[é]", "?"}
	names := []string{"", "a", "abc", "a.yaml", "templates/a.yaml", "templates/.x", "templates/_h.tpl", "x/y/z",
		"*", "[", "ac", "-", "]", "é", "éa", "a/b", "abbbc", "abxc", "a.yml", ".hidden", "templates", "c/a.yaml"}
	i := 0
	rec := func(p, n string) {
		ok, err := filepath.Match(p, n)
		res := fmt.Sprint(ok)
		if err != nil {
			res = "err"
		}
		w.Rec(fmt.Sprintf("m%05d", i), p, n, res)
		i++
	}
	for _, p := range pats {
		for _, n := range names {
			rec(p, n)
		}
	}
	r := rand.New(rand.NewSource(7))
	alpha := "ab*?[]^-\\/.c"
	for k := 0; k < 3000; k++ {
		p := make([]byte, 1+r.Intn(7))
		for j := range p {
			p[j] = alpha[r.Intn(len(alpha))]
		}
		nm := make([]byte, r.Intn(6))
		for j := range nm {
			nm[j] = "abc/.-"[r.Intn(6)]
		}
		rec(string(p), string(nm))
	}
}

func init() { register("pathmatch", genPathMatch) }
