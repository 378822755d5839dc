package main

import (
	"math"
	"math/rand"
	"strings"
)

// Random values in the shapes HelmRelease values take: string keys chosen so
// that go-yaml's natural key order and Go's byte order disagree (digits,
// underscores, non-letters), and scalars that YAML would retype if written
// plain.

var keyPool = []string{
	"a", "b", "c", "image", "tag", "replicas", "item2", "item10", "item9", "a_b", "ab", "a1",
	"_x", "1", "10", "2", "Z", "z", "é", "€uro", "key.with.dots", "k-8", "k8s", "x y",
	"yes", "null", "true", "~", "", "-", "0x1F", "a:b", "#c", "long-key-" + strings.Repeat("k", 130),
}

var strPool = []string{
	"", "x", "hello world", "yes", "no", "on", "true", "null", "~", "1", "1.5", "1e3", "0x1F",
	"0o17", "1_000", "12:30:00", "190:20:30", "-", "- a", "a: b", "#x", "x #y", " lead", "trail ",
	"multi\nline", "multi\nline\n", "tab\there", "quote'd", "dq\"x", "back\\slash", "ünïcödé",
	"2001-12-14", "2001-12-14t21:59:43.10-05:00", ".inf", "-.Inf", ".NaN", "+1", "0.", "=",
	"<<", "@at", "`bt", "%pct", "!bang", "&amp", "*star", "|pipe", ">gt", "{a}", "[a]", ",",
	strings.Repeat("long words here ", 8), "\x01ctl", "nel\u0085x", "ls\u2028x", "\u00a0nbsp",
}

func genKey(r *rand.Rand) string { return keyPool[r.Intn(len(keyPool))] }

func genScalar(r *rand.Rand, ints bool) interface{} {
	switch r.Intn(10) {
	case 0:
		return nil
	case 1:
		return r.Intn(2) == 0
	case 2, 3:
		if ints && r.Intn(2) == 0 {
			return int64(r.Intn(2000) - 1000)
		}
		return float64(r.Intn(2000) - 1000)
	case 4:
		fl := []float64{0.5, -1.25, 1e6, 1e21, 1e20, 1.5e-7, 123456789.125, 9.223372036854776e18,
			1.8446744073709552e19, -9.223372036854776e18, math.Copysign(0, -1), 3e100, 1e-300}
		return fl[r.Intn(len(fl))]
	default:
		return strPool[r.Intn(len(strPool))]
	}
}

func genValue(r *rand.Rand, depth int, ints bool) interface{} {
	if depth <= 0 {
		return genScalar(r, ints)
	}
	switch r.Intn(6) {
	case 0, 1:
		return genMap(r, depth-1, ints)
	case 2:
		n := r.Intn(4)
		l := make([]interface{}, n)
		for i := range l {
			l[i] = genValue(r, depth-1, ints)
		}
		return l
	default:
		return genScalar(r, ints)
	}
}

func genMap(r *rand.Rand, depth int, ints bool) map[string]interface{} {
	m := map[string]interface{}{}
	n := r.Intn(5)
	for i := 0; i < n; i++ {
		m[genKey(r)] = genValue(r, depth, ints)
	}
	return m
}
