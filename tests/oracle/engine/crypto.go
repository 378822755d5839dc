package main

// Suites crypto and crypto_params: Sprig's crypto.go as Helm 3.17.3 exposes
// it.  Digests, derivePassword, decryptAES of fixed ciphertexts, key
// re-marshalling through the *WithKey functions and every error path are
// byte-exact; random outputs (bcrypt, keys, certificates, encryptAES) are
// checked by shape: lengths, PEM framing, round trips.  crypto_params holds
// what needs more of the executor: the argument-type errors of
// derivePassword's uint32 counter and genSignedCert's certificate
// parameter, len of the certificate struct; crypto_fmt its fmt printing.

import (
	"crypto/aes"
	"crypto/cipher"
	"encoding/base64"
	"fmt"
	"math/rand"
	"strings"
)

func init() {
	register("crypto", cryptoSnippets)
	register("crypto_params", cryptoParamSnippets)
	register("crypto_fmt", cryptoFmtSnippets)
}

func tq(s string) string   { return fmt.Sprintf("%q", s) }
func tb64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

// aesFixed encrypts like sprig's encryptAES but with a fixed IV, so that
// decryptAES has deterministic inputs.
func aesFixed(password, plain string, iv byte, badPad int) string {
	key := make([]byte, 32)
	copy(key, password)
	block, _ := aes.NewCipher(key)
	content := []byte(plain)
	padding := 16 - len(content)%16
	if badPad >= 0 {
		padding = 16 - len(content)%16
		content = append(content, make([]byte, padding)...)
		content[len(content)-1] = byte(badPad)
	} else {
		content = append(content, []byte(strings.Repeat(string(rune(padding)), padding))...)
	}
	out := make([]byte, 16+len(content))
	for i := 0; i < 16; i++ {
		out[i] = iv + byte(i)
	}
	cipher.NewCBCEncrypter(block, out[:16]).CryptBlocks(out[16:], content)
	return base64.StdEncoding.EncodeToString(out)
}

func cryptoAtoms() []string {
	atoms := []string{`""`, `"a"`, `"abc"`, `"hello world"`, `.Values.name`, `.Values.unicode`, `.Values.multi`,
		`.Values.empty`, `(printf "%c" 255)`, `"\xc3"`, `"\x00"`, `"\x00\xff"`, `.Values.html`, `.Values.str`,
		`"The quick brown fox jumps over the lazy dog"`, tq(strings.Repeat("x", 1000)), tq(strings.Repeat("ab", 64))}
	r := rand.New(rand.NewSource(7))
	for i := 0; i < 20; i++ {
		b := make([]byte, r.Intn(70))
		for j := range b {
			b[j] = byte(r.Intn(256))
		}
		atoms = append(atoms, tq(string(b)))
	}
	return atoms
}

var typeAtoms = []string{`5`, `.Values.replicas`, `nil`, `.Values.missing`, `.Values.list`, `.Values.map`, `true`,
	`1.5`, `.Values.enabled`, `(printf "%c" 65 | len)`}

func cryptoSnippets() []string {
	var s []string
	add := func(f string, args ...interface{}) { s = append(s, fmt.Sprintf(f, args...)) }
	for _, fn := range []string{"sha1sum", "sha256sum", "sha512sum", "adler32sum"} {
		for _, a := range cryptoAtoms() {
			add("{{ %s %s }}", fn, a)
		}
		add("{{ .Values.name | %s }}", fn)
		add("{{ printf \"%%T\" (%s \"a\") }}", fn)
		add("{{ %s }}", fn)
		add("{{ %s \"a\" \"b\" }}", fn)
		for _, t := range typeAtoms {
			add("{{ %s %s }}", fn, t)
		}
	}
	// bcrypt and htpasswd: random salt, so shape only
	for _, p := range []string{`""`, `"a"`, `"secret"`, `.Values.unicode`, tq(strings.Repeat("p", 72)), tq(strings.Repeat("p", 73)),
		tq(strings.Repeat("é", 37)), tq(strings.Repeat("é", 36))} {
		add("{{ $h := bcrypt %s }}{{ len $h }} {{ printf \"%%.7s\" $h }}", p)
		add("{{ $h := htpasswd \"user\" %s }}{{ len $h }} {{ printf \"%%.12s\" $h }}", p)
	}
	add("{{ bcrypt %s }}", tq(strings.Repeat("p", 73)))
	add("{{ bcrypt %s }}", tq(strings.Repeat("p", 100)))
	add("{{ htpasswd \"a:b\" \"x\" }}")
	add("{{ htpasswd \":\" \"x\" }}")
	add("{{ htpasswd \"u\" %s }}", tq(strings.Repeat("p", 80)))
	add("{{ $h := htpasswd \"\" \"x\" }}{{ printf \"%%.8s\" $h }}")
	add("{{ printf \"%%T\" (bcrypt \"a\") }}")
	for _, t := range typeAtoms {
		add("{{ bcrypt %s }}", t)
		add("{{ htpasswd \"u\" %s }}", t)
		add("{{ htpasswd %s \"p\" }}", t)
	}
	add("{{ htpasswd \"u\" }}")
	add("{{ ne (bcrypt \"a\") (bcrypt \"a\") }}")
	// derivePassword: deterministic
	for _, c := range []string{"0", "1", "2", "4294967295", "4294967297", "'a'", "0x10"} {
		add("{{ derivePassword %s \"long\" \"password\" \"user\" \"example.com\" }}", c)
	}
	for _, t := range []string{"maximum", "long", "medium", "short", "basic", "pin"} {
		add("{{ derivePassword 1 %q \"masterpw\" \"Robert Lee Mitchell\" \"twitter.com\" }}", t)
	}
	add("{{ derivePassword 3 \"long\" \"\" \"\" \"\" }}")
	add("{{ derivePassword 3 \"medium\" .Values.unicode .Values.name .Values.str }}")
	add("{{ derivePassword 1 \"nope\" \"p\" \"u\" \"s\" }}")
	add("{{ derivePassword 1 \"\" \"p\" \"u\" \"s\" }}")
	add("{{ derivePassword 1 \"Long\" \"p\" \"u\" \"s\" }}")
	add("{{ derivePassword 1 \"long\" \"p\" \"u\" }}")
	add("{{ derivePassword 1 \"long\" 5 \"u\" \"s\" }}")
	add("{{ printf \"%%T\" (derivePassword 1 \"pin\" \"p\" \"u\" \"s\") }}")
	// encryptAES / decryptAES
	keys := []string{`""`, `"k"`, `"secretkey"`, tq(strings.Repeat("K", 32)), tq(strings.Repeat("K", 40)), `.Values.unicode`}
	texts := []string{`"a"`, `"hello world"`, tq(strings.Repeat("x", 15)), tq(strings.Repeat("x", 16)), tq(strings.Repeat("x", 17)),
		`.Values.unicode`, `.Values.multi`, `"\x00\x10"`, tq(strings.Repeat("y", 100))}
	for _, k := range keys {
		for _, t := range texts {
			add("{{ encryptAES %s %s | decryptAES %s }}", k, t, k)
			add("{{ encryptAES %s %s | len }}", k, t)
		}
		add("{{ encryptAES %s \"\" }}", k)
		add("{{ decryptAES %s \"\" }}", k)
	}
	add("{{ ne (encryptAES \"k\" \"a\") (encryptAES \"k\" \"a\") }}")
	add("{{ printf \"%%T\" (encryptAES \"k\" \"a\") }}")
	pw := []string{"", "k", "secretkey", strings.Repeat("K", 40)}
	plains := []string{"", "a", "hello world", strings.Repeat("z", 16), strings.Repeat("z", 33), "é✓"}
	for i, p := range pw {
		for j, t := range plains {
			add("{{ decryptAES %s %s }}", tq(p), tq(aesFixed(p, t, byte(i*16+j), -1)))
			add("{{ decryptAES %s %s }}", tq("wrong"), tq(aesFixed(p, t, byte(i*16+j), -1)))
		}
	}
	for _, bad := range []int{0, 1, 16, 17, 31, 32, 33, 200, 255} {
		add("{{ decryptAES \"k\" %s }}", tq(aesFixed("k", "abc", 1, bad)))
		add("{{ decryptAES \"k\" %s }}", tq(aesFixed("k", strings.Repeat("q", 20), 2, bad)))
	}
	r := rand.New(rand.NewSource(11))
	for _, n := range []int{0, 1, 3, 10, 15, 16, 17, 20, 31, 32, 33, 47, 48, 64} {
		b := make([]byte, n)
		for j := range b {
			b[j] = byte(r.Intn(256))
		}
		add("{{ decryptAES \"k\" %s }}", tq(tb64(string(b))))
	}
	for _, c := range []string{`"!!"`, `"YWJj"`, `"YQ=="`, `"YWJj\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n"`, `"a"`, `"===="`,
		`"AAAAAAAAAAAAAAAAAAAAAA=="`, `"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="`} {
		add("{{ decryptAES \"k\" %s }}", c)
	}
	for _, t := range typeAtoms {
		add("{{ encryptAES %s \"x\" }}", t)
		add("{{ decryptAES \"k\" %s }}", t)
	}
	add("{{ encryptAES \"k\" }}")
	// getHostByName: Helm replaces it when DNS lookups are off
	add("{{ getHostByName \"localhost\" }}")
	add("{{ getHostByName \"example.invalid\" | len }}")
	add("{{ getHostByName 5 }}")
	add("{{ printf \"%%T\" (getHostByName \"x\") }}")
	// genPrivateKey
	add("{{ genPrivateKey \"nope\" }}")
	add("{{ genPrivateKey \"RSA\" }}")
	add("{{ genPrivateKey .Values.name }}")
	add("{{ $k := genPrivateKey \"ecdsa\" }}{{ len $k }} {{ printf \"%%.31s\" $k }}")
	add("{{ $k := genPrivateKey \"ed25519\" }}{{ len $k }} {{ printf \"%%.28s\" $k }}")
	add("{{ $k := genPrivateKey \"rsa\" }}{{ printf \"%%.32s\" $k }}")
	add("{{ $k := genPrivateKey \"\" }}{{ printf \"%%.32s\" $k }}{{ index $k 96 }}")
	add("{{ $k := genPrivateKey \"dsa\" }}{{ printf \"%%.32s\" $k }}")
	add("{{ printf \"%%T\" (genPrivateKey \"ed25519\") }}")
	add("{{ ne (genPrivateKey \"ed25519\") (genPrivateKey \"ed25519\") }}")
	for _, t := range typeAtoms {
		add("{{ genPrivateKey %s }}", t)
	}
	// a generated key survives parsing and re-marshalling unchanged
	for _, t := range []string{"ecdsa", "ed25519", "rsa"} {
		add("{{ $k := genPrivateKey %q }}{{ eq $k (genCAWithKey \"x\" 1 $k).Key }}", t)
	}
	add("{{ $k := genPrivateKey \"ecdsa\" }}{{ eq $k (genSelfSignedCertWithKey \"x\" nil nil 1 $k).Key }}")
	// fixed keys: the *WithKey functions re-marshal them the way Go does
	fixed := map[string]string{"rsa1": key_rsa1, "rsa8": key_rsa8, "rsb1": key_rsb1, "ec1": key_ec1, "ec8": key_ec8,
		"ec384": key_ec384, "ed": key_ed, "x25519": key_x25519, "dsa1": key_dsa1, "dsa8": key_dsa8}
	for _, name := range []string{"rsa1", "rsa8", "rsb1", "ec1", "ec8", "ec384", "ed", "x25519", "dsa1", "dsa8"} {
		k := tq(fixed[name])
		add("{{ (genCAWithKey \"x\" 365 %s).Key }}", k)
		add("{{ (genSelfSignedCertWithKey \"x\" nil nil 365 %s).Key }}", k)
		add("{{ $c := genSelfSignedCertWithKey \"x\" nil .Values.list 30 %s }}{{ printf \"%%.28s\" $c.Cert }}", k)
		add("{{ $ca := buildCustomCert %s %s }}{{ (genSignedCertWithKey \"x\" nil nil 365 $ca %s).Key }}",
			tq(tb64(cert_ca)), tq(tb64(key_rsa1)), k)
		add("{{ $ca := genCAWithKey \"ca\" 10 %s }}{{ $c := genSignedCert \"x\" nil nil 365 $ca }}{{ printf \"%%.28s\" $c.Cert }}", k)
		add("{{ (buildCustomCert %s %s).Key }}", tq(tb64(cert_ca)), tq(tb64(fixed[name])))
		// with garbage in front and after, and CRLF line ends
		add("{{ (genCAWithKey \"x\" 365 %s).Key }}", tq("junk\n"+strings.ReplaceAll(fixed[name], "\n", "\r\n")+"tail"))
	}
	// certificates: shape
	add("{{ $c := genCA \"x\" 365 }}{{ printf \"%%.28s\" $c.Cert }}{{ printf \"%%.32s\" $c.Key }}")
	add("{{ (genCA \"x\" 365).Nope }}")
	add("{{ $c := genCA \"x\" 365 }}{{ $d := buildCustomCert (b64enc $c.Cert) (b64enc $c.Key) }}{{ eq $c.Cert $d.Cert }} {{ eq $c.Key $d.Key }}")
	add("{{ $c := genSelfSignedCert \"x\" nil .Values.list 365 }}{{ $d := buildCustomCert (b64enc $c.Cert) (b64enc $c.Key) }}{{ eq $c.Cert $d.Cert }}")
	add("{{ $ca := genCA \"ca\" 365 }}{{ $c := genSignedCert \"x\" nil .Values.list 365 $ca }}{{ printf \"%%.28s\" $c.Cert }}{{ printf \"%%.32s\" $c.Key }}")
	add("{{ $ca := genCA \"ca\" 365 }}{{ $c := genSignedCert \"ca\" nil nil 365 $ca }}{{ $d := buildCustomCert (b64enc $c.Cert) (b64enc $c.Key) }}{{ eq $c.Cert $d.Cert }}")
	add("{{ $ca := genCA \"ca\" 365 }}{{ $c := genSignedCertWithKey \"x\" nil nil 365 $ca %s }}{{ $c.Key }}", tq(key_ec1))
	for _, cn := range []string{`""`, `"*.example.com"`, `"a&b"`, `"héllo"`, `"\xc3"`, `.Values.unicode`, `"x_y"`, tq(strings.Repeat("c", 300))} {
		add("{{ $c := genCA %s 1 }}{{ printf \"%%.28s\" $c.Cert }}", cn)
		add("{{ $c := genSelfSignedCert %s nil nil 1 }}{{ printf \"%%.28s\" $c.Cert }}", cn)
		add("{{ $c := genSelfSignedCertWithKey %s nil .Values.list 1 %s }}{{ printf \"%%.28s\" $c.Cert }}", cn, tq(key_ed))
		add("{{ $ca := buildCustomCert %s %s }}{{ $c := genSignedCertWithKey %s nil nil 1 $ca %s }}{{ printf \"%%.28s\" $c.Cert }}", tq(tb64(cert_ca)), tq(tb64(key_rsa1)), cn, tq(key_ed))
	}
	for _, d := range []string{"0", "-1", "-365", "36500", "100000", "1000000", "-1000000"} {
		add("{{ $c := genCA \"x\" %s }}{{ printf \"%%.28s\" $c.Cert }}", d)
		add("{{ $c := genSelfSignedCertWithKey \"x\" nil nil %s %s }}{{ printf \"%%.28s\" $c.Cert }}", d, tq(key_ec1))
	}
	// argument errors
	for _, list := range []string{`.Values.list`, `.Values.mixed`, `.Values.nums`, `.Values.emptylist`, `nil`, `.Values.missing`} {
		add("{{ $c := genSelfSignedCert \"x\" %s nil 1 }}{{ printf \"%%.28s\" $c.Cert }}", list)
		add("{{ $c := genSelfSignedCert \"x\" nil %s 1 }}{{ printf \"%%.28s\" $c.Cert }}", list)
		add("{{ $c := genSelfSignedCertWithKey \"x\" %s %s 1 %s }}{{ printf \"%%.28s\" $c.Cert }}", list, list, tq(key_ed))
		add("{{ $ca := genCA \"ca\" 1 }}{{ $c := genSignedCert \"x\" %s nil 1 $ca }}{{ printf \"%%.28s\" $c.Cert }}", list)
		add("{{ $ca := genCA \"ca\" 1 }}{{ $c := genSignedCertWithKey \"x\" nil %s 1 $ca %s }}{{ printf \"%%.28s\" $c.Cert }}", list, tq(key_ec1))
	}
	for _, t := range []string{`5`, `"x"`, `.Values.map`, `.Values.name`, `(list)`} {
		if t == `(list)` {
			continue
		}
		add("{{ genSelfSignedCert \"x\" %s nil 1 }}", t)
		add("{{ genSelfSignedCert \"x\" nil %s 1 }}", t)
	}
	add("{{ genCA \"x\" \"y\" }}")
	add("{{ genCA \"x\" 1.5 }}")
	add("{{ genCA \"x\" .Values.replicas }}")
	add("{{ genCA 5 1 }}")
	add("{{ genCA \"x\" }}")
	add("{{ genSelfSignedCert \"x\" nil nil }}")
	add("{{ genSignedCert \"x\" nil nil 1 }}")
	// key errors
	badKeys := []string{"", "garbage", "-----BEGIN FOO-----\nAAAA\n-----END FOO-----\n",
		"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
		"-----BEGIN FOO PRIVATE KEY-----\nAAAA\n-----END FOO PRIVATE KEY-----\n",
		"-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n",
		"-----BEGIN  PRIVATE KEY-----\nAAAA\n-----END  PRIVATE KEY-----\n",
		"-----BEGIN RSA PRIVATE KEY-----\n!!!!\n-----END RSA PRIVATE KEY-----\n",
		"-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n",
		"-----BEGIN RSA PRIVATE KEY-----\n" + pemBody(key_rsb1) + "-----END RSA PRIVATE KEY-----",
		"-----BEGIN RSA PRIVATE KEY-----\n" + strings.SplitN(key_ec1, "\n", 2)[1][:0] + pemBody(key_ec1) + "-----END RSA PRIVATE KEY-----\n",
		"-----BEGIN RSA PRIVATE KEY-----\n" + pemBody(key_ed) + "-----END RSA PRIVATE KEY-----\n",
		"-----BEGIN EC PRIVATE KEY-----\n" + pemBody(key_ed) + "-----END EC PRIVATE KEY-----\n",
		"-----BEGIN EC PRIVATE KEY-----\n" + pemBody(key_rsb1) + "-----END EC PRIVATE KEY-----\n",
		"-----BEGIN PRIVATE KEY-----\n" + pemBody(key_ec1) + "-----END PRIVATE KEY-----\n",
		"-----BEGIN PRIVATE KEY-----\n" + pemBody(key_rsb1) + "-----END PRIVATE KEY-----\n",
		"-----BEGIN PRIVATE KEY-----\n" + pemBody(key_dsa8) + "-----END PRIVATE KEY-----\n",
		"-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n\n" + pemBody(key_rsb1) + "-----END RSA PRIVATE KEY-----\n",
		"-----BEGIN X-----\n-----END X-----\n" + key_ed,
		"-----BEGIN RSA PRIVATE KEY-----  \n" + pemBody(key_rsb1) + "-----END RSA PRIVATE KEY-----  \n",
		"-----BEGIN RSA PRIVATE KEY-----\n" + strings.ReplaceAll(pemBody(key_rsb1), "A", "A \t") + "-----END RSA PRIVATE KEY-----\n",
	}
	for _, k := range badKeys {
		add("{{ (genCAWithKey \"x\" 1 %s).Key }}", tq(k))
		add("{{ (buildCustomCert %s %s).Key | len }}", tq(tb64(cert_ca)), tq(tb64(k)))
	}
	// buildCustomCert
	add("{{ (buildCustomCert %s %s).Cert }}", tq(tb64(cert_ca)), tq(tb64(key_rsa1)))
	add("{{ buildCustomCert %s %s }}", tq(tb64(cert_ecca)), tq(tb64(key_ec1)))
	add("{{ buildCustomCert \"!!\" \"x\" }}")
	add("{{ buildCustomCert %s \"!!\" }}", tq(tb64(cert_ca)))
	add("{{ buildCustomCert %s %s }}", tq(tb64("nothing")), tq(tb64(key_rsa1)))
	add("{{ buildCustomCert \"\" \"\" }}")
	add("{{ buildCustomCert %s %s }}", tq(tb64(key_rsa1)), tq(tb64(key_rsa1)))
	add("{{ buildCustomCert %s %s }}", tq(tb64("junk\n"+cert_ca+"more")), tq(tb64(key_rsa1)))
	add("{{ buildCustomCert %s }}", tq(tb64(cert_ca)))
	add("{{ buildCustomCert 1 2 }}")
	// signing with a CA whose key does not match its certificate, or cannot sign
	add("{{ $ca := buildCustomCert %s %s }}{{ genSignedCert \"x\" nil nil 1 $ca }}", tq(tb64(cert_ca)), tq(tb64(key_ec1)))
	add("{{ $ca := buildCustomCert %s %s }}{{ genSignedCertWithKey \"x\" nil nil 1 $ca %s }}", tq(tb64(cert_ca)), tq(tb64(key_dsa1)), tq(key_ed))
	add("{{ $ca := buildCustomCert %s %s }}{{ genSignedCertWithKey \"x\" nil nil 1 $ca %s }}", tq(tb64(cert_ca)), tq(tb64(key_rsa1)), tq(key_dsa1))
	add("{{ $ca := buildCustomCert %s %s }}{{ $c := genSignedCertWithKey \"x\" nil nil 1 $ca %s }}{{ $c.Key }}", tq(tb64(cert_ecca)), tq(tb64(key_ec1)), tq(key_rsb1))
	add("{{ $ca := buildCustomCert %s %s }}{{ genSignedCert \"x\" .Values.list nil 1 $ca }}", tq(tb64(cert_ecca)), tq(tb64(key_ec1)))
	add("{{ genCAWithKey \"x\" 1 %s }}", tq(key_dsa1))
	add("{{ genSelfSignedCertWithKey \"x\" nil nil 1 %s }}", tq(key_x25519))
	return s
}

// pemBody: the base64 lines of a PEM block.
func pemBody(p string) string {
	lines := strings.Split(strings.TrimSpace(p), "\n")
	return strings.Join(lines[1:len(lines)-1], "\n") + "\n"
}

func cryptoParamSnippets() []string {
	var s []string
	add := func(f string, args ...interface{}) { s = append(s, fmt.Sprintf(f, args...)) }
	for _, c := range []string{"-1", "1.5", `"1"`, ".Values.replicas", "nil", ".Values.missing", "(len \"ab\")", "true", "18446744073709551615", "99999999999999999999"} {
		add("{{ derivePassword %s \"long\" \"p\" \"u\" \"s\" }}", c)
	}
	for _, c := range []string{"nil", ".Values.missing", "\"x\"", "5", ".Values.map", ".Values.list", "(dict)"} {
		if c == "(dict)" {
			continue
		}
		add("{{ genSignedCert \"x\" nil nil 1 %s }}", c)
		add("{{ genSignedCertWithKey \"x\" nil nil 1 %s \"k\" }}", c)
	}
	add("{{ $ca := genCA \"ca\" 1 }}{{ genSignedCert \"x\" nil nil 1 $ca.Cert }}")
	add("{{ $ca := genCA \"ca\" 1 }}{{ genSignedCert \"x\" nil nil 1 $ca | len }}")
	add("{{ len (buildCustomCert %s %s) }}", tq(tb64(cert_ecca)), tq(tb64(key_ec1)))
	return s
}

// cryptoFmtSnippets: fmt's %T and %v of the certificate struct through
// printf, which needs host types in the fmt implementation.
func cryptoFmtSnippets() []string {
	var s []string
	add := func(f string, args ...interface{}) { s = append(s, fmt.Sprintf(f, args...)) }
	add("{{ printf \"%%T\" (genCA \"x\" 365) }}")
	add("{{ printf \"%%v|%%T\" (buildCustomCert %s %s) (buildCustomCert %s %s) }}", tq(tb64(cert_ecca)), tq(tb64(key_ec1)), tq(tb64(cert_ecca)), tq(tb64(key_ec1)))
	add("{{ printf \"%%s\" (buildCustomCert %s %s) }}", tq(tb64(cert_ecca)), tq(tb64(key_ec1)))
	add("{{ print (buildCustomCert %s %s) 1 }}", tq(tb64(cert_ecca)), tq(tb64(key_ec1)))
	add("{{ printf \"%%+v\" (buildCustomCert %s %s) }}", tq(tb64(cert_ecca)), tq(tb64(key_ec1)))
	return s
}

const key_rsa1 = `-----BEGIN RSA PRIVATE KEY-----
MIIEowIBAAKCAQEAuDtA9c0Dg4Jlb5dvUQhruLc1y9O0rimHizFr3TjD156agXFp
TjuDVesYvKdfAUFJweG5+Fax6e/ykj+szGY0HQ2uMPOYI9GTaz+Wz2gV07Nc49Hb
O5H/LUwucIz5m+faZsOg6NHdmhetfKm2cLfrveiyLhmmEpzvXTBX9EYHKeOBT5Qh
+xpV6nnYUXgVNwC9IeW4obGnv6/aTRN06sP4I03n5LOyNPdbC9oN+P/JZyiMUemw
koGfIdOP8pu9JX5RV8wvmpDBzl9p+tNx6iOxgj9dv5BjJiqyplf2XDG5xeFPBi80
Fn3YiZp99blaeXkViREYsx5l2EZFCw8nsBkPCQIDAQABAoIBACoS5i/8hRvokK/e
fr6b1LYXqUKGc9H+jAT+4WphR2CbyR9cvjbuonzhtwGGm8zWkzijC2yqp/EMKnK5
9gWsJaSo9ioZx5oOh8NLf26Yj7uMT997krzVB9jZeBWeLHctiRRFAx+IpjpFxAof
XBn79uulE+QxWVsQ2h2HJ98SixpGha6pgyMPPs7Xouh9nyoLBqx+YNJP+5qRMIK9
nyUB6oene8qPb3MZdGaKNe0JyPwBJtyTj4DzBg1LnWrtuSfBIaEEcc8WpXG6If93
i55phCgGiBt5m+4txSDsQBRKdqYewHQAAO39ahq1N63Tz3CRa6AzLklt6cbt/BgH
VXyRurECgYEA+HLsabl2IyPbT6G+ApzxSV4lSNsvCY5M+5Xe+1yjQfiFVvJTyyYL
HPqAi9OT7q96K9d/PC3iVMTWFUGNFwX9p2IE9v9xXSj9lTTxsuL4j002CC9bdsDV
2fmwzl7Ow8+pTKdPsCq7csJkfV3MehGnFE0uZuuQn2jCfrzoPq8gu+UCgYEAvdSu
ZNQ3+1J9mGcyELEdGzTycbaoa3yDBlSUT+meHHDpLS06BDHiuVJIwVwBjP/KYP73
h47pgYlHZE9WhQ1iXZqcbdwPUrbett1Jzql8Z0ycjHNs0DYptD9d++cbhGV5snJL
t+JHF1GURkruNMZKLSFKqcOmjkSNhg+yZ2xdPFUCgYEA1Rz/XdEQXSQswyniaytk
baKsKMqaln/R2Ry9oK/d+oDLH8HNzrxbXAgkq8xZYKx1B5ZaNazGMCCH4sPP2qfw
5NtXlueWvmqi2pIHoYK/42w/pNW6hyryRX/BAcShZ6WBe5co69w73jyRJliHRU5P
G0L5Qp9d9t9NtpkkPmDKm2ECgYBsRRiuc4f2dQcjXIBmms4SDXHWP6rxm1OT0bvB
lGpUqGWmGayEZft9XZwXhKVxyRahmeqOS4mNE0I/ySx8uLSI1L0xv5iRwbFnNPF6
yJomxMBpLxA59Rp2Lsoo+ZhtO/9cMupS1+FaQHJEYUpZmVsHQHy4NNoTPLBHbT6A
1IKc/QKBgB1dWFKmlSJGo7Z/PwQhsm+ihMq1OoDTmOj5oZ9xYz+wDpqVuPKzQzgm
Wq25cS8NygI/zl0H6l0fk4TCOH9iybc6mFcFoVZMICKHiMsnlEr6VmgRlBXuS4VD
YoCmLE92lYKjb+JE9kFi79USX+0fpAfdWza+slRiYa/fWbMH6wjN
-----END RSA PRIVATE KEY-----
`

const key_rsa8 = `-----BEGIN PRIVATE KEY-----
MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC4O0D1zQODgmVv
l29RCGu4tzXL07SuKYeLMWvdOMPXnpqBcWlOO4NV6xi8p18BQUnB4bn4VrHp7/KS
P6zMZjQdDa4w85gj0ZNrP5bPaBXTs1zj0ds7kf8tTC5wjPmb59pmw6Do0d2aF618
qbZwt+u96LIuGaYSnO9dMFf0Rgcp44FPlCH7GlXqedhReBU3AL0h5bihsae/r9pN
E3Tqw/gjTefks7I091sL2g34/8lnKIxR6bCSgZ8h04/ym70lflFXzC+akMHOX2n6
03HqI7GCP12/kGMmKrKmV/ZcMbnF4U8GLzQWfdiJmn31uVp5eRWJERizHmXYRkUL
DyewGQ8JAgMBAAECggEAKhLmL/yFG+iQr95+vpvUthepQoZz0f6MBP7hamFHYJvJ
H1y+Nu6ifOG3AYabzNaTOKMLbKqn8Qwqcrn2BawlpKj2KhnHmg6Hw0t/bpiPu4xP
33uSvNUH2Nl4FZ4sdy2JFEUDH4imOkXECh9cGfv266UT5DFZWxDaHYcn3xKLGkaF
rqmDIw8+ztei6H2fKgsGrH5g0k/7mpEwgr2fJQHqh6d7yo9vcxl0Zoo17QnI/AEm
3JOPgPMGDUudau25J8EhoQRxzxalcboh/3eLnmmEKAaIG3mb7i3FIOxAFEp2ph7A
dAAA7f1qGrU3rdPPcJFroDMuSW3pxu38GAdVfJG6sQKBgQD4cuxpuXYjI9tPob4C
nPFJXiVI2y8Jjkz7ld77XKNB+IVW8lPLJgsc+oCL05Pur3or1388LeJUxNYVQY0X
Bf2nYgT2/3FdKP2VNPGy4viPTTYIL1t2wNXZ+bDOXs7Dz6lMp0+wKrtywmR9Xcx6
EacUTS5m65CfaMJ+vOg+ryC75QKBgQC91K5k1Df7Un2YZzIQsR0bNPJxtqhrfIMG
VJRP6Z4ccOktLToEMeK5UkjBXAGM/8pg/veHjumBiUdkT1aFDWJdmpxt3A9Stt62
3UnOqXxnTJyMc2zQNim0P1375xuEZXmycku34kcXUZRGSu40xkotIUqpw6aORI2G
D7JnbF08VQKBgQDVHP9d0RBdJCzDKeJrK2RtoqwoypqWf9HZHL2gr936gMsfwc3O
vFtcCCSrzFlgrHUHllo1rMYwIIfiw8/ap/Dk21eW55a+aqLakgehgr/jbD+k1bqH
KvJFf8EBxKFnpYF7lyjr3DvePJEmWIdFTk8bQvlCn1323022mSQ+YMqbYQKBgGxF
GK5zh/Z1ByNcgGaazhINcdY/qvGbU5PRu8GUalSoZaYZrIRl+31dnBeEpXHJFqGZ
6o5LiY0TQj/JLHy4tIjUvTG/mJHBsWc08XrImibEwGkvEDn1GnYuyij5mG07/1wy
6lLX4VpAckRhSlmZWwdAfLg02hM8sEdtPoDUgpz9AoGAHV1YUqaVIkajtn8/BCGy
b6KEyrU6gNOY6Pmhn3FjP7AOmpW48rNDOCZarblxLw3KAj/OXQfqXR+ThMI4f2LJ
tzqYVwWhVkwgIoeIyyeUSvpWaBGUFe5LhUNigKYsT3aVgqNv4kT2QWLv1RJf7R+k
B91bNr6yVGJhr99ZswfrCM0=
-----END PRIVATE KEY-----
`

const key_rsb1 = `-----BEGIN RSA PRIVATE KEY-----
MIICXQIBAAKBgQDOXqCO53V0nguaHg4O1nL7ZbJX9P02xxyC4YJXc3i6pOKjZ3jF
l1e2zlVDu/EGVtJv28EInfGqc73YqNBHrVYbJBgRGohqXI59FpbQUlIkQrAyTTUA
lR1mypC1/HYQEiN05PzgwIiZmeKFkzrL1B0THL5Oq3neTNzQ8eDO8IvvlwIDAQAB
AoGBAMgZpOEruQ3ceS902Pi2I0N0Nltm52eH5TNa6gFVq8h+PGto1wfwWVKd+rr0
rx4QbXecwy1RyJQYKgq8lUgK4KMuWhNfbmIirvjndQCf8LKlROVdj3S00D0CPDQH
h1J4IPoFVUqhkDPP/XsWKMDrfgfFn7B7fxvT6Tt4CXrWCNNhAkEA757jFBNnoB++
6GcJZfGFs7apprJzs9A0pD3AR1OZLZb1XHkROfegbJ1fGLFr/DOiHbk92wtLn96M
vRuUd92YyQJBANx54cIX1Nik793+f8ht2tu+wyjfFe5j/5TCNDEe6UY8auGrimZd
1kvwQXrJexd6oFE2hzOFPY5Mm9CE/DUp1V8CQA0YxBSO0vUfhxGwwATAZKxj6XXg
/w3u7VGkxmOfoBmrzJFXVKe0byJAn7f7yokoUU4Kl+TnAyUjxtF3NnAuvnECQGIt
B+GE+SurboB89mvKtz1I2eCWTk7ESqf0PodtC1VSTAnHeC6TNHzGNHI3y88ttLvV
Oyku+LUn2e5leWU3BqMCQQDXW8yIfFTcjqtbQhgCMTWynqxgmRJzqhq7R+fF+pxJ
Lgb1Qc9IMRCp+7nRNuWMbEY8EixccHf93XunlWf8MX3Q
-----END RSA PRIVATE KEY-----
`

const key_ec1 = `-----BEGIN EC PRIVATE KEY-----
MHcCAQEEIG68LovNjgfqPcTebqfyivHHeP7cAsoTJuwz4+MYgActoAoGCCqGSM49
AwEHoUQDQgAEu8+KQJGT0iVNl6AT4tIJwN9uJC89D6WIE1vo7U1DmU1YiOSuVKPX
S0tJMRmGzZhdrHRy9RIpeURlRDxRZhHxww==
-----END EC PRIVATE KEY-----
`

const key_ec8 = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgbrwui82OB+o9xN5u
p/KK8cd4/twCyhMm7DPj4xiABy2hRANCAAS7z4pAkZPSJU2XoBPi0gnA324kLz0P
pYgTW+jtTUOZTViI5K5Uo9dLS0kxGYbNmF2sdHL1Eil5RGVEPFFmEfHD
-----END PRIVATE KEY-----
`

const key_ec384 = `-----BEGIN EC PRIVATE KEY-----
MIGkAgEBBDBQtzIyguN4Ya/k9t+0ffMshkTzKRxE5wUuimEa7S/tUjcj2BJwySbr
056sv4iPh8igBwYFK4EEACKhZANiAASMrZ6cobQxzjsTSvwtJOqmQNOOQK11l5MP
DNhRUrdGjcFWw+5n/a1V6U+MWqB9BeMZm4q7ta+N+NrS74lGZEvaXYRUkphrrJ2l
p1/mFcPgyUVRlKc49mHbn/PjTRl83/s=
-----END EC PRIVATE KEY-----
`

const key_ed = `-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIIGz9NoXqC02/EMqSUWfFphL+urbNcQFiWfJ2mKBOtt4
-----END PRIVATE KEY-----
`

const key_x25519 = `-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VuBCIEIAjueRPE79E+BmL9LzgJrqdwYG8NU4snatnfMQmnjupw
-----END PRIVATE KEY-----
`

const key_dsa1 = `-----BEGIN DSA PRIVATE KEY-----
MIIBygIBAAKBgQCU+VfCDW4RcYYkI7CEZ91NCiJ6CRTSybv9LdSuXhGmTfM+qi5H
OmRWdCJUaEO1DT7WBUx1GY6SnY5mWVU9/p+drYRghVRz89m8x3Q8JVXcte5Xd8nQ
OcRYvJIfyUVg87XaIJQedY5gl5Ep/aBHBsruryhSbfr5HrOfUAwe79Jr5wIdAJNP
sfyEhhhImT9DfmDvkJ7qJvchzivjq13OBwMCgYA3Hu10+p6/qNruMw9hyp2PxUud
r46H4xl9KLMngrrOIFwOt7cxUJobJ2Zz750WK+ZJbKs066hXBWJWkg1+7nUu3/qX
TdqkEA3oAS0QMHI8Fb2JKuSrLHymQ1b4ZchCO1qFwDrE4vNL4yNUNCShJ/EdwVjT
mf9zcuHslIJAjGnBQQKBgD79ckI1KFauBX+dYYBSDKnyEMgkdji2l0mtTH+Seeq+
aJ61CFouKXx4r7ZM/W7gxce7TRnfEG91QP6vUuuCq5Yq5cuqlyrrIg9CvWJjmaDG
f9u3ol3GX5JSghGghOlkPyn1VfSg4kcLGT68SAZHKR7T0oHBWuY/U3ursG17UryY
Ahxa6PXuEwLGZgQRTJZ8XBZPsSk1P0WU4pxXPTVd
-----END DSA PRIVATE KEY-----
`

const key_dsa8 = `-----BEGIN PRIVATE KEY-----
MIIBWgIBADCCATMGByqGSM44BAEwggEmAoGBAJT5V8INbhFxhiQjsIRn3U0KInoJ
FNLJu/0t1K5eEaZN8z6qLkc6ZFZ0IlRoQ7UNPtYFTHUZjpKdjmZZVT3+n52thGCF
VHPz2bzHdDwlVdy17ld3ydA5xFi8kh/JRWDztdoglB51jmCXkSn9oEcGyu6vKFJt
+vkes59QDB7v0mvnAh0Ak0+x/ISGGEiZP0N+YO+Qnuom9yHOK+OrXc4HAwKBgDce
7XT6nr+o2u4zD2HKnY/FS52vjofjGX0osyeCus4gXA63tzFQmhsnZnPvnRYr5kls
qzTrqFcFYlaSDX7udS7f+pdN2qQQDegBLRAwcjwVvYkq5KssfKZDVvhlyEI7WoXA
OsTi80vjI1Q0JKEn8R3BWNOZ/3Ny4eyUgkCMacFBBB4CHFro9e4TAsZmBBFMlnxc
Fk+xKTU/RZTinFc9NV0=
-----END PRIVATE KEY-----
`

const cert_ca = `-----BEGIN CERTIFICATE-----
MIIC9zCCAd+gAwIBAgICEjQwDQYJKoZIhvcNAQELBQAwEzERMA8GA1UEAwwIZml4
ZWQtY2EwIBcNMjYxMTI0MDk0OTM5WhgPMjEyNjEwMzEwOTQ5MzlaMBMxETAPBgNV
BAMMCGZpeGVkLWNhMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAuDtA
9c0Dg4Jlb5dvUQhruLc1y9O0rimHizFr3TjD156agXFpTjuDVesYvKdfAUFJweG5
+Fax6e/ykj+szGY0HQ2uMPOYI9GTaz+Wz2gV07Nc49HbO5H/LUwucIz5m+faZsOg
6NHdmhetfKm2cLfrveiyLhmmEpzvXTBX9EYHKeOBT5Qh+xpV6nnYUXgVNwC9IeW4
obGnv6/aTRN06sP4I03n5LOyNPdbC9oN+P/JZyiMUemwkoGfIdOP8pu9JX5RV8wv
mpDBzl9p+tNx6iOxgj9dv5BjJiqyplf2XDG5xeFPBi80Fn3YiZp99blaeXkViREY
sx5l2EZFCw8nsBkPCQIDAQABo1MwUTAdBgNVHQ4EFgQUUa1cncfX4r44RXsrudfJ
kAYJJgAwHwYDVR0jBBgwFoAUUa1cncfX4r44RXsrudfJkAYJJgAwDwYDVR0TAQH/
BAUwAwEB/zANBgkqhkiG9w0BAQsFAAOCAQEAecz8Fxkw7GmsXRuIHpLKTLEYSMFG
XqwV0YScyUspcqYYzcScvn7E857q852C0IEYunF36fnKnWjbsc8/QlQEmIxFyy8P
hTv+zLWWNr02ZQIZtJYKWgjlLgM5uqqejBr2ilujTEpYknSurnMl/G78vcQGVf/R
Fhwm30tumRvTnt27oVBH0VC7EJGTh7HNT7Tx//uqmVCYXHO+mnBv5bAHsYIQ5lje
bWE09gCjnIrZUbKgVxIQZcVY138SxY08pfR3uQRwS0A3AcIQLAdW/8Jpko81vRQ5
K5JXHMVmQIfkleQBk27FLw8MHOSzGQV5afJIfhFhP3mt6/g9o7AH9TdEzg==
-----END CERTIFICATE-----
`

const cert_ecca = `-----BEGIN CERTIFICATE-----
MIIBjzCCATWgAwIBAgIUN7Pygfl0dOmb2iZ5HJae//7zCqswCgYIKoZIzj0EAwIw
HDEOMAwGA1UEAwwFZWMgY2ExCjAIBgNVBAoMAXgwIBcNMjYxMTI0MDk0OTM5WhgP
MjEyNjEwMzEwOTQ5MzlaMBwxDjAMBgNVBAMMBWVjIGNhMQowCAYDVQQKDAF4MFkw
EwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEu8+KQJGT0iVNl6AT4tIJwN9uJC89D6WI
E1vo7U1DmU1YiOSuVKPXS0tJMRmGzZhdrHRy9RIpeURlRDxRZhHxw6NTMFEwHwYD
VR0jBBgwFoAUMZz/JoUo8gRPDmQXghq/6I9E0cMwDwYDVR0TAQH/BAUwAwEB/zAd
BgNVHQ4EFgQUMZz/JoUo8gRPDmQXghq/6I9E0cMwCgYIKoZIzj0EAwIDSAAwRQIg
O1XICVlUhmpmTVdZNiuBZSKxMCpajo2M3k0ESznd9uwCIQDVBV5WnbiLLGz4cvUJ
mvr0NBUKAN7+dc73t6KYL/q5LA==
-----END CERTIFICATE-----
`
