package main

import (
	"encoding/json"
	"math/rand"
	"strings"
)

// formatPieces are glued at random into strings for the format checkers.
var formatPieces = []string{
	"a", "Z", "0", "1", "9", "12", "2020", "-", ":", ".", "/", "//", "@", "#", "?", "%", "%41", "%zz", "[", "]",
	"::", "255", "256", "01", "T", "+", "05:30", "~0", "~1", "~", "{", "}", "http", "https:", "mailto:", " ", "<", ">",
	"\"", "\\", "é", "x-y", "_", "=", "&", "!", "ffff", "e89b", "2020-02-29", "23:59:60", "1.2.3.4", "example.com",
}

func fuzzString(r *rand.Rand) string {
	var b strings.Builder
	for i := 0; i < 1+r.Intn(6); i++ {
		b.WriteString(formatPieces[r.Intn(len(formatPieces))])
	}
	return b.String()
}

// fuzzNumber is a random JSON number text for the numeric keywords.
func fuzzNumber(r *rand.Rand) string {
	var b strings.Builder
	if r.Intn(3) == 0 {
		b.WriteByte('-')
	}
	b.WriteString([]string{"0", "1", "3", "7", "12", "25", "100", "123456789", "9007199254740993", "12345678901234567890123"}[r.Intn(10)])
	if r.Intn(2) == 0 {
		b.WriteString([]string{".5", ".1", ".25", ".0", ".333", ".125", ".000001", ".1234567890123456789"}[r.Intn(8)])
	}
	if r.Intn(4) == 0 {
		b.WriteString([]string{"e2", "e-3", "E+5", "e21", "e-7", "e0"}[r.Intn(6)])
	}
	return b.String()
}

func genFuzz(rec func(name, schema, values string), r *rand.Rand) {
	fmts := []string{"date", "time", "date-time", "hostname", "email", "ipv4", "ipv6", "uri", "uri-reference", "uri-template", "uuid", "regex", "json-pointer", "relative-json-pointer"}
	for i := 0; i < 700; i++ {
		f := fmts[i%len(fmts)]
		s := fuzzString(r)
		vj, _ := json.Marshal(map[string]interface{}{"a": s})
		rec(fmtName("fmt", i), `{"properties":{"a":{"format":"`+f+`"}}}`, string(vj))
	}
	kws := []string{"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"}
	for i := 0; i < 600; i++ {
		k := kws[i%len(kws)]
		sch := `{"properties":{"a":{"` + k + `":` + fuzzNumber(r) + `}}}`
		rec(fmtName("num", i), sch, `{"a":`+fuzzNumber(r)+`}`)
	}
}

func fmtName(p string, i int) string {
	return p + "-" + strings.Repeat("0", 4-len(itoa(i))) + itoa(i)
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}
