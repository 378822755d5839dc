// Command bcrypt is the oracle for src/funcs/bcrypt.c: Sprig's bcrypt and
// htpasswd call golang.org/x/crypto/bcrypt v0.36.0 (the version Helm 3.17.3
// pins) GenerateFromPassword(password, DefaultCost).  The salt is the 16
// bytes that function reads from crypto/rand.Reader, so the oracle swaps
// that Reader for a seeded stream and records the bytes it handed out: the
// library's own exported API, fixed salts.  Records:
//
//	name  password  cost  salt(hex)  hash-or-error
//
// Inputs: hand-picked passwords (empty, NUL bytes, 71/72/73 bytes, 8-bit and
// non-ASCII bytes, cost below MinCost) and seeded random ones.
//
//	go run . -out ../../vectors/bcrypt.vec
package main

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"flag"
	"fmt"
	mrand "math/rand"
	"strconv"

	"cozypkg.test/oracle/vecio"
	"golang.org/x/crypto/bcrypt"
)

// saltReader hands out the next 16 seeded bytes and remembers them.
type saltReader struct {
	rng  *mrand.Rand
	last bytes.Buffer
}

func (s *saltReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(s.rng.Intn(256))
	}
	s.last.Write(p)
	return len(p), nil
}

func main() {
	out := flag.String("out", "../../vectors/bcrypt.vec", "vector file")
	flag.Parse()
	sr := &saltReader{rng: mrand.New(mrand.NewSource(20261124))}
	rand.Reader = sr
	w := vecio.MustCreate(*out)
	w.Comment("bcrypt: golang.org/x/crypto/bcrypt v0.36.0 GenerateFromPassword with seeded salts (tests/oracle/bcrypt)")
	rec := func(name string, pw []byte, cost int) {
		sr.last.Reset()
		h, err := bcrypt.GenerateFromPassword(pw, cost)
		res := string(h)
		if err != nil {
			res = "ERR " + err.Error()
		} else if bcrypt.CompareHashAndPassword(h, pw) != nil {
			panic("go's own hash does not verify")
		}
		w.Rec(name, string(pw), strconv.Itoa(cost), hex.EncodeToString(sr.last.Bytes()), res)
	}
	rep := func(s string, n int) []byte { return bytes.Repeat([]byte(s), n) }
	hand := []struct {
		name string
		pw   []byte
		cost int
	}{
		{"empty", nil, 4},
		{"s3cret", []byte("s3cret"), 4},
		{"s3cret-10", []byte("s3cret"), 10},
		{"cost0-means-10", []byte("pw"), 0},
		{"cost3-means-10", []byte("pw"), 3},
		{"cost5", []byte("pw"), 5},
		{"cost6", []byte("pw"), 6},
		{"nul-only", []byte{0}, 4},
		{"nul-inside", []byte("ab\x00cd"), 4},
		{"nul-inside-2", []byte("ab\x00ce"), 4},
		{"nul-end", []byte("abc\x00"), 4},
		{"nul-72", rep("\x00", 72), 4},
		{"len71", rep("x", 71), 4},
		{"len72", rep("x", 72), 4},
		{"len72-diff-last", append(rep("x", 71), 'y'), 4},
		{"len73", rep("x", 73), 4},
		{"len100", rep("x", 100), 4},
		{"len1", []byte("a"), 4},
		{"len3", []byte("abc"), 4},
		{"len4", []byte("abcd"), 4},
		{"len5", []byte("abcd5"), 4},
		{"high-bytes", []byte("\xff\xa3\x80ab"), 4},
		{"high-bytes-safety", []byte("\xa3ab"), 4},
		{"high-72", rep("\xd1\x91", 36), 4},
		// where libxcrypt's "$2a$" applies its 8-bit countermeasure and
		// differs from Go's "$2a$" (= libxcrypt's "$2b$")
		{"xcrypt-2a-differs", []byte("\xff\xa334\xff\xff\xff\xa3345"), 5},
		{"utf8", []byte("пароль-ü-日本"), 4},
		{"emoji", []byte("🔑🔑🔑"), 4},
		{"spaces", []byte("  pass word  "), 4},
		{"colon", []byte("user:pass"), 4},
	}
	for _, h := range hand {
		rec(h.name, h.pw, h.cost)
	}
	rng := mrand.New(mrand.NewSource(42))
	for i := 0; i < 300; i++ {
		n := rng.Intn(80)
		pw := make([]byte, n)
		for j := range pw {
			switch rng.Intn(4) {
			case 0:
				pw[j] = byte(rng.Intn(256)) // any byte, NUL and 8-bit ones too
			default:
				pw[j] = byte(0x20 + rng.Intn(95))
			}
		}
		cost := 4
		if i%50 == 0 {
			cost = 5 + i/50%2
		}
		rec(fmt.Sprintf("random-%03d", i), pw, cost)
	}
	w.MustClose()
}
