package main

import (
	"math/rand"
	"strconv"

	"cozypkg.test/oracle/vecio/tval"
	"github.com/fluxcd/pkg/chartutil"
	"github.com/opencontainers/go-digest"
)

// digest: chartutil.DigestValues(digest.Canonical, v) (fluxcd/pkg/chartutil
// v1.27.2 digest.go) of random values holding int64 (strvals) and float64
// (YAML/JSON) numbers.  Fields: values (tval), digest, and the YAML text the
// digest is taken of (chartutil.Encode with SortMapSlice) to make a mismatch
// readable.

func init() { register("digest", genDigest) }

func digestRec(w *Writer, name string, v map[string]interface{}) {
	var b []byte
	if len(v) > 0 {
		var sb bytesBuf
		if err := chartutil.Encode(&sb, v, chartutil.SortMapSlice); err != nil {
			panic(err)
		}
		b = sb.b
	}
	w.Rec(name, tval.String(v), chartutil.DigestValues(digest.Canonical, v).String(), string(b))
}

type bytesBuf struct{ b []byte }

func (s *bytesBuf) Write(p []byte) (int, error) { s.b = append(s.b, p...); return len(p), nil }

func genDigest(w *Writer) {
	digestRec(w, "nil", nil)
	digestRec(w, "empty", map[string]interface{}{})
	digestRec(w, "emptynested", map[string]interface{}{"a": map[string]interface{}{}, "b": []interface{}{}})
	digestRec(w, "order", map[string]interface{}{"item10": 1.0, "item9": 2.0, "a_b": 3.0, "ab": 4.0, "1": 5.0, "_": 6.0, "€": 7.0, "a": 8.0})
	digestRec(w, "ints", map[string]interface{}{"i": int64(5), "f": 5.0, "big": 1e19, "bigger": 1e20, "neg0": -0.0, "small": 1.5e-7})
	digestRec(w, "invalidutf8", map[string]interface{}{"s": "\xff\xfe", "k\xff": "v"})
	digestRec(w, "simple", map[string]interface{}{"image": map[string]interface{}{"tag": "v1.2.3", "repository": "nginx"}, "replicas": 3.0})
	r := rand.New(rand.NewSource(5))
	for i := 0; i < 1200; i++ {
		digestRec(w, "rand"+strconv.Itoa(i), genMap(r, 4, true))
	}
}
