package main

// Suite encoding: Sprig's b64enc/b64dec/b32enc/b32dec (strings.go: decode
// errors come back as the string), randBytes and uuidv4 (random: checked by
// shape).  Decoder inputs mix hand-picked padding/newline cases with seeded
// random strings over the alphabet plus the characters that break it.

import (
	"encoding/base32"
	"encoding/base64"
	"fmt"
	"math/rand"
	"strings"
)

func init() { register("encoding", encodingSnippets) }

func encodingSnippets() []string {
	var s []string
	add := func(f string, args ...interface{}) { s = append(s, fmt.Sprintf(f, args...)) }
	atoms := []string{`""`, `"a"`, `"ab"`, `"abc"`, `"abcd"`, `"abcde"`, `"abcdef"`, `"hello world"`, `.Values.name`,
		`.Values.unicode`, `.Values.multi`, `.Values.empty`, `(printf "%c" 255)`, `"\xc3"`, `"\x00"`,
		`"\xff\xfe\xfd"`, `.Values.html`, tq(strings.Repeat("x", 100))}
	r := rand.New(rand.NewSource(3))
	for i := 0; i < 30; i++ {
		b := make([]byte, r.Intn(40))
		for j := range b {
			b[j] = byte(r.Intn(256))
		}
		atoms = append(atoms, tq(string(b)))
	}
	for _, fn := range []string{"b64enc", "b32enc"} {
		for _, a := range atoms {
			add("{{ %s %s }}", fn, a)
		}
	}
	for _, a := range atoms {
		add("{{ b64enc %s | b64dec }}", a)
		add("{{ b32enc %s | b32dec }}", a)
	}
	b64in := []string{"", "YQ", "YQ=", "YQ==", "YWI=", "YWJj", "Y", "=", "==", "====", "YQ==YQ==", "YWJj\nZGVm", "YW\rJj",
		"YQ==\n", "YQ==\r\n", "YQ==x", "YQ==\nx", "a b", "!!!!", "YWJjZA", "YWJjZA=", "YWJjZA==", "YWJjZA===", "YR==", "YWK=",
		"Y===", "YW=j", "\nYWJj", "YWJj\n\n", "YQ=\n=", "YQ=\nx", "YWJjZGVmZ2hpamtsbW5vcA==", "YWJjZGVmZ2hpamtsbW5vcA",
		"YWJjZGVm\nZ2hpamts\nbW5vcA==", "aGVsbG8gd29ybGQ=", "aGVsbG8gd29ybGQ", "-_-_", "+/+/", "AAAA", "////", "YWJj ", " YWJj",
		"YWJjZGVmZ2hp!mtsbW5v", "YWJjZGVm\x00", "YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXo=", "YWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXo"}
	alpha64 := "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	for i := 0; i < 150; i++ {
		n := r.Intn(24)
		var b strings.Builder
		for j := 0; j < n; j++ {
			switch k := r.Intn(40); {
			case k == 0:
				b.WriteByte('=')
			case k == 1:
				b.WriteByte('\n')
			case k == 2:
				b.WriteByte('\r')
			case k == 3:
				b.WriteByte(" -_.é"[r.Intn(5)])
			default:
				b.WriteByte(alpha64[r.Intn(64)])
			}
		}
		str := b.String()
		if r.Intn(3) == 0 { // often well-formed: pad to a quantum
			str = base64.StdEncoding.EncodeToString([]byte(str))
		}
		b64in = append(b64in, str)
	}
	for _, in := range b64in {
		add("{{ b64dec %s }}", tq(in))
	}
	b32in := []string{"", "ME", "ME======", "MFRA====", "MFRGG===", "MFRGGZA=", "MFRGGZDF", "MFRGGZDFMY======", "M", "MF=====",
		"ME=====", "ME=======", "MFRGG==", "mfrgg===", "MFRGGZDF\nMFRGGZDF", "MFRG\r\nGZDF", "MFRGGZDF\n", "========",
		"ME======ME======", "M1======", "MFRGGZD=", "MFRGG=Z=", "MFRGGZDFM", "NBSWY3DPEB3W64TMMQ======", "NBSWY3DPEB3W64TMMQ",
		"MZXW6YTBOI======", "MZXW6YTBOI", "MFRA===", "MFRA=====", "MFR=====", "MFRGGZ==", "MFRGGZ0=", "MFRGGZDFMZTWQ2LK",
		"MFRGGZDF MY======", "MF\nRA====", "ME==\n====", "MFRGGZDFMZTWQ2LKNNWG23TPOA======"}
	alpha32 := "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
	for i := 0; i < 120; i++ {
		n := r.Intn(26)
		var b strings.Builder
		for j := 0; j < n; j++ {
			switch k := r.Intn(40); {
			case k == 0:
				b.WriteByte('=')
			case k == 1:
				b.WriteByte('\n')
			case k == 2:
				b.WriteByte(" a18"[r.Intn(4)])
			default:
				b.WriteByte(alpha32[r.Intn(32)])
			}
		}
		str := b.String()
		if r.Intn(3) == 0 {
			str = base32.StdEncoding.EncodeToString([]byte(str))
			if r.Intn(2) == 0 && len(str) > 2 { // damage the padding
				str = str[:len(str)-1-r.Intn(2)]
			}
		}
		b32in = append(b32in, str)
	}
	for _, in := range b32in {
		add("{{ b32dec %s }}", tq(in))
	}
	for _, fn := range []string{"b64enc", "b64dec", "b32enc", "b32dec"} {
		add("{{ .Values.name | %s }}", fn)
		add("{{ printf \"%%T\" (%s \"a\") }}", fn)
		add("{{ %s }}", fn)
		add("{{ %s \"a\" \"b\" }}", fn)
		for _, t := range typeAtoms {
			add("{{ %s %s }}", fn, t)
		}
	}
	// randBytes and uuidv4: shape
	for _, n := range []string{"0", "1", "2", "3", "10", "16", "24", "100", "1000"} {
		add("{{ randBytes %s | len }}", n)
		add("{{ randBytes %s | b64dec | len }}", n)
	}
	add("{{ randBytes 0 }}")
	add("{{ randBytes -1 }}")
	add("{{ randBytes -100 }}")
	add("{{ printf \"%%T\" (randBytes 4) }}")
	add("{{ ne (randBytes 16) (randBytes 16) }}")
	add("{{ randBytes }}")
	add("{{ randBytes \"3\" }}")
	add("{{ randBytes 1.5 }}")
	add("{{ randBytes .Values.replicas }}")
	add("{{ randBytes nil }}")
	add("{{ randBytes .Values.missing }}")
	add("{{ randBytes (len \"abc\") | len }}")
	add("{{ randBytes 9223372036854775807 }}")
	add("{{ len uuidv4 }}")
	add("{{ $u := uuidv4 }}{{ index $u 8 }} {{ index $u 13 }} {{ index $u 14 }} {{ index $u 18 }} {{ index $u 23 }}")
	add("{{ $u := uuidv4 }}{{ $v := index $u 19 }}{{ or (eq $v 56) (eq $v 57) (eq $v 97) (eq $v 98) }}")
	add("{{ ne uuidv4 uuidv4 }}")
	add("{{ printf \"%%T\" uuidv4 }}")
	add("{{ uuidv4 \"x\" }}")
	add("{{ uuidv4 | len }}")
	add("{{ $u := uuidv4 }}{{ eq (len (b64enc $u)) 48 }}")
	return s
}
