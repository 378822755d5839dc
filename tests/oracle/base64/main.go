// Command base64 is the oracle for src/base/base64.c: Go 1.23's
// encoding/base64 StdEncoding, the decoder behind Sprig's b64dec,
// encoding/json's []byte, yaml's !!binary and Flux's Secret values.
// Records:
//
//	name  dec  input  output(hex)  error-offset or "ok"
//	name  enc  input(hex)  output  ""
//
// A "dec" output is what DecodeString returned with its error (the bytes
// of the quanta before it).  Inputs: hand-picked edge cases (empty, CR/LF
// and '=' in every position, wrong padding, trailing garbage, every byte
// value in several positions) and seeded random mutations of valid
// encodings.
//
//	go run . -out ../../vectors/base64.vec
package main

import (
	"encoding/base64"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"math/rand"
	"strconv"
	"strings"

	"cozypkg.test/oracle/vecio"
)

var (
	w    *vecio.Writer
	seen = map[string]bool{}
)

func dec(name, in string) {
	if seen[in] {
		return
	}
	seen[in] = true
	out, err := base64.StdEncoding.DecodeString(in)
	res := "ok"
	if err != nil {
		var ce base64.CorruptInputError
		if !errors.As(err, &ce) {
			panic(err)
		}
		if err.Error() != fmt.Sprintf("illegal base64 data at input byte %d", int64(ce)) {
			panic("unexpected message " + err.Error())
		}
		res = strconv.FormatInt(int64(ce), 10)
	}
	// the []byte Decode encoding/json calls must agree
	b := make([]byte, base64.StdEncoding.DecodedLen(len(in)))
	n, err2 := base64.StdEncoding.Decode(b, []byte(in))
	if string(b[:n]) != string(out) || fmt.Sprint(err) != fmt.Sprint(err2) {
		panic("Decode and DecodeString differ on " + in)
	}
	w.Rec(name, "dec", in, hex.EncodeToString(out), res)
}

func enc(name string, in []byte) {
	w.Rec(name, "enc", hex.EncodeToString(in), base64.StdEncoding.EncodeToString(in), "")
}

func main() {
	out := flag.String("out", "../../vectors/base64.vec", "vector file")
	flag.Parse()
	w = vecio.MustCreate(*out)
	w.Comment("base64: Go 1.23 encoding/base64 StdEncoding DecodeString/EncodeToString (tests/oracle/base64)")

	valid := []string{"", "QQ==", "QUI=", "QUJD", "QUJDRA==", "QUJDREU=", "QUJDREVG",
		"AAAA", "////", "+/+/", "AP8A/w==", "3q2+7w==", "QUJDREVGR0hJSktMTU5PUA=="}
	hand := []string{
		"=", "==", "===", "====", "=====", "A", "AA", "AAA", "A=", "A==", "A===",
		"QQ", "QQ=", "QUI", "Q===", "QQ=A", "QQ=Q=", "QQ==QQ==", "QUI==", "QQ===", "QUI=QUI=",
		"QQ=\n=", "QQ=\r\n=", "QQ=\n", "QQ==\n", "QQ==\nA", "QQ==\r\n\r\n", "QUI=\n\n=",
		"QR==", "QUJ=", "QUK=", "QR", "QUJ", "QUJDR", "QUJDRA", "QUJDREU", "QUJDREVGR",
		"QUJD QUJD", " QUJD", "QUJD ", "QUJD\t", "QUJD\x00", "\x00", "QUJD\xff", "\xffQUJD",
		"QUJDREVG\x80", "QUJD-_", "QUJD-A==", "QU_D", "\n", "\r", "\r\n", "\n\n\n\n",
		"\nQUJD", "QUJD\n", "Q\nU\nJ\nD", "Q\rU\rJ\rD\r", "QUJD\r\nQUJD\r\n", "QQ\n==",
		"QQ=\r", "QQ=\rx", "QQ==x", "QQ==\nx", "QUI=x", "QUI=\r\nx", "QUJD=", "QUJD==",
		"QUJDQQ", "QUJDQQ=", "QUJDQUI", "QUJDQUJD=", "AAAAAAAA=", "QUJDREVGQUJD!",
		"QUJDREVG!UJD", "QUJDREVGQ!JD", "QUJDREVGQU!D", "QUJDREVGQUJ!", "QUJDREVG\nQU!D",
		"ü", "QUJDü", "QQ==ü", "QUJD\u2028", "\xef\xbb\xbfQUJD",
	}
	for i, s := range valid {
		dec(fmt.Sprintf("valid-%02d", i), s)
	}
	for i, s := range hand {
		dec(fmt.Sprintf("hand-%03d", i), s)
	}
	// CR, LF, CRLF and '=' inserted at every position, '=' replacing every
	// character, of the valid encodings
	for vi, s := range valid {
		for p := 0; p <= len(s); p++ {
			for ii, ins := range []string{"\n", "\r", "\r\n", "\n\n", "=", "==", "\n=", "=\n"} {
				dec(fmt.Sprintf("ins-%02d-%02d-%d", vi, p, ii), s[:p]+ins+s[p:])
			}
			if p < len(s) {
				dec(fmt.Sprintf("eq-%02d-%02d", vi, p), s[:p]+"="+s[p+1:])
				dec(fmt.Sprintf("cut-%02d-%02d", vi, p), s[:p])
			}
		}
	}
	// every byte value in each position of a quantum, after a whole one,
	// and as trailing garbage after padding
	for c := 0; c < 256; c++ {
		b := string([]byte{byte(c)})
		for p := 0; p < 4; p++ {
			dec(fmt.Sprintf("byte-%02x-q%d", c, p), "QUJD"[:p]+b+"QUJD"[p+1:])
			dec(fmt.Sprintf("byte-%02x-r%d", c, p), "QUJDREVG"[:4+p]+b+"QUJDREVG"[5+p:])
		}
		dec(fmt.Sprintf("byte-%02x-pad1", c), "QUJDQUI="+b)
		dec(fmt.Sprintf("byte-%02x-pad2", c), "QQ=="+b)
		dec(fmt.Sprintf("byte-%02x-mid", c), "QQ="+b)
		dec(fmt.Sprintf("byte-%02x-alone", c), b)
	}
	// seeded random: valid encodings (line-wrapped sometimes), mutated
	rng := rand.New(rand.NewSource(20261124))
	const alpha = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	pick := func() byte {
		switch rng.Intn(10) {
		case 0:
			return '='
		case 1:
			return '\n'
		case 2:
			return '\r'
		case 3:
			return byte(rng.Intn(256))
		default:
			return alpha[rng.Intn(64)]
		}
	}
	for i := 0; i < 3000; i++ {
		raw := make([]byte, rng.Intn(48))
		rng.Read(raw)
		s := base64.StdEncoding.EncodeToString(raw)
		if rng.Intn(4) == 0 && len(s) > 0 {
			// MIME-style line breaks
			width := 4 + rng.Intn(20)
			var sb strings.Builder
			for j := 0; j < len(s); j += width {
				sb.WriteString(s[j:min(len(s), j+width)])
				if rng.Intn(2) == 0 {
					sb.WriteString("\r\n")
				} else {
					sb.WriteString("\n")
				}
			}
			s = sb.String()
		}
		b := []byte(s)
		muts := rng.Intn(4)
		if i%10 == 0 {
			muts = 0 // keep some valid
		}
		for m := 0; m < muts; m++ {
			p := 0
			if len(b) > 0 {
				p = rng.Intn(len(b) + 1)
			}
			switch rng.Intn(3) {
			case 0: // insert
				b = append(b[:p], append([]byte{pick()}, b[p:]...)...)
			case 1: // delete
				if p < len(b) {
					b = append(b[:p], b[p+1:]...)
				}
			default: // replace
				if p < len(b) {
					b[p] = pick()
				}
			}
		}
		dec(fmt.Sprintf("rand-%04d", i), string(b))
	}
	// the encoder: lengths 0..70 and random bytes
	for n := 0; n <= 70; n++ {
		raw := make([]byte, n)
		rng.Read(raw)
		enc(fmt.Sprintf("enc-len-%02d", n), raw)
	}
	enc("enc-zero", []byte{0, 0, 0, 0})
	enc("enc-ff", []byte{0xff, 0xff, 0xff, 0xff, 0xff})
	enc("enc-text", []byte("Hello, World!"))
	for i := 0; i < 200; i++ {
		raw := make([]byte, rng.Intn(300))
		rng.Read(raw)
		enc(fmt.Sprintf("enc-rand-%03d", i), raw)
	}
	w.MustClose()
	fmt.Printf("%d vectors\n", w.N())
}
