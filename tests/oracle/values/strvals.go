package main

import (
	"fmt"
	"math/rand"
	"strings"

	"cozypkg.test/oracle/vecio/tval"
	"helm.sh/helm/v3/pkg/strvals"
)

// Suite strvals: pkg/strvals' five parsers on hand-picked and random lines,
// each into one of a few existing destination maps.  Fields: mode, dest
// (tval), input, then "ok" + result (tval) or "err" + error text.
func init() { register("strvals", genStrvals) }

// dests builds a fresh destination (the parsers modify it).
var dests = []func() map[string]interface{}{
	func() map[string]interface{} { return map[string]interface{}{} },
	func() map[string]interface{} { return map[string]interface{}{"a": "str", "n": int64(3)} },
	func() map[string]interface{} {
		return map[string]interface{}{"a": []interface{}{int64(1), "x", nil, map[string]interface{}{"k": 1.5}, []interface{}{true}}}
	},
	func() map[string]interface{} {
		return map[string]interface{}{"a": map[string]interface{}{"b": 1.0, "c": []interface{}{"z"}}, "b": nil}
	},
	func() map[string]interface{} { return map[string]interface{}{"a": nil, "b": 2.5, "c": false} },
}

var modes = []string{"set", "string", "json", "file", "literal"}

// fileReader stands in for --set-file's readFile: names starting with "bad"
// fail, anything else reads as "<name>".
func fileReader(rs []rune) (interface{}, error) {
	s := string(rs)
	if strings.HasPrefix(s, "bad") {
		return nil, fmt.Errorf("open %s: no such file or directory", s)
	}
	return "<" + s + ">", nil
}

func runStrvals(mode, in string, dest map[string]interface{}) (res string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("PANIC %v", r)
			res = "panic"
		}
	}()
	switch mode {
	case "set":
		err = strvals.ParseInto(in, dest)
	case "string":
		err = strvals.ParseIntoString(in, dest)
	case "json":
		err = strvals.ParseJSON(in, dest)
	case "file":
		err = strvals.ParseIntoFile(in, dest, fileReader)
	case "literal":
		err = strvals.ParseLiteralInto(in, dest)
	}
	return tval.String(dest), err
}

var strvalsEdge = []string{
	"", "a", "a=", "a=1", "a=b", "a=1,b=2", "a=1,", "a=1,,b=2", ",a=1", "=1", "a=,b=", "a,b=1", "a.b=1",
	"a.b.c=1", "a.=1", "a.", ".a=1", "a..b=1", "a[0]=1", "a[1]=x", "a[0]", "a[0]x", "a[0]x=1", "a[0].b=1",
	"a[0][1]=2", "a[0][0][0]=z", "a[]=1", "a[x]=1", "a[-1]=1", "a[0][-1]=1", "a[65536]=1", "a[65537]=1",
	"a[99999999999999999999]=1", "a[ 1]=1", "a[+1]=1", "a[01]=1", "a[1", "a[1]=", "a[0]=,b=1", "a={}", "a={x}",
	"a={x,y}", "a={x,y},b=1", "a={x,y}b=1", "a={x", "a={x,y", "a={a\\,b,c}", "a={1,true,null,0,01}", "a[0]={1,2}",
	"a=true", "a=TRUE", "a=True", "a=false", "a=fAlSe", "a=fal\u017fe", "a=null", "a=NULL", "a=Null", "a=0", "a=00",
	"a=01", "a=-1", "a=-0", "a=+5", "a=1.5", "a=1e3", "a=0x10", "a=1_000", "a=9223372036854775807",
	"a=9223372036854775808", "a=-9223372036854775808", "a=-9223372036854775809", "a= 1", "a=1 ", "a=\\,",
	"a\\.b=1", "a\\=b=1", "a\\[0]=1", "a=x\\", "a\\", "\\", "a=b=c", "a=b[0]", "a.b[0].c=1,a.b[1].d=2",
	"a.b[1].c=1", "a[1].b=1,a[0]=x", "a[0]=x,a[0].b=1", "a[0].b=1,a[0][1]=2", "a=1,a.b=2", "a.b=1,a=2",
	"a[0]=1,a.b=2", "n[0]=1", "n.b=1", "a.c[0]=1", "a.c[1]=2", "b.c=1", "b[0]=1", "c.d=1", "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.aa.bb.cc.dd=1",
	"a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.t.u.v.w.x.y.z.aa.bb.cc.dd.ee=1", "é=ü", "a=\xff", "\xffa=1", "a=\xe2\x82",
	"a[\xff]=1", "a[0]\xff=1", "a[0]é", "a=1,b", "name=value,name2=value2", "a={}.b", "a=[1,2]",
	`a={"b":1}`, `a="x"`, `a=[1,2,3]`, `a=[1,2`, `a={"b":}`, `a= {"b": [1, {"c": null}]} , b=2`, `a=1x`, `a=tru`,
	`a=trux`, `a=nul`, `a="abc`, `a="a\qb"`, `a="\u12"`, `a="\u12x"`, `a=-`, `a=-x`, `a=1.`, `a=1.x`, `a=1e`, `a=1e+`,
	`a=01`, `a=[01]`, `a=1e400`, `a={"x":1}{"y":2}`, `a={"x":1}b=2`, `a=  `, "a=\u00a0,b=1", "a=\t1", `a=[]`, `a={}`,
	`a=""`, `a[0]=1,a[2]={"x":1}`, `a[0]=`, `a[0]=x`, `a[0]=[1`, `a.b={"c":[1]},a.b.d=2`, `a="\ud800"`, `a="é\u00e9"`,
	`a=[1,]`, `a={"a":1,}`, `a={,}`, `a={"a" 1}`, `a={1:2}`, `a=[1 2]`, `a=true false`, "a=\"x\x01\"",
	"a=bad", "a={f1,bad2}", "a={bad1,f2}", "a[0]=bad", "a=f,b=bad", "a[0]={x,bad}",
}

func genStrvals(w *Writer) {
	n := 0
	emit := func(mode string, di int, in string) {
		dest := dests[di]()
		before := tval.String(dest)
		res, err := runStrvals(mode, in, dest)
		if res == "panic" {
			w.Comment("skipped (panics in Go): " + mode + " " + in)
			return
		}
		name := fmt.Sprintf("strvals%05d", n)
		n++
		if err != nil {
			w.Rec(name, mode, before, in, "err", err.Error())
		} else {
			w.Rec(name, mode, before, in, "ok", res)
		}
	}
	for mi, mode := range modes {
		for ei, in := range strvalsEdge {
			// every destination for --set, two rotating ones for the rest
			for di := range dests {
				if mode == "set" || di == 0 || di == 1+(ei+mi)%(len(dests)-1) {
					emit(mode, di, in)
				}
			}
		}
	}
	rnd := rand.New(rand.NewSource(20250317))
	toks := []string{"a", "b", "c", "n", "x", "é", "=", "=", "=", ",", ",", ".", ".", "[", "]", "[0]", "[1]", "[2]",
		"{", "}", "\\", "\\,", "1", "0", "01", "-1", "true", "null", "FALSE", " ", "\"", ":", "bad", "f", "\xff",
		"[-1]", "[x]", "9", "1.5", "{\"k\":1}", "[1,2]", "\"s\"", "\t"}
	for i := 0; i < 1500; i++ {
		var sb strings.Builder
		k := 1 + rnd.Intn(10)
		for j := 0; j < k; j++ {
			sb.WriteString(toks[rnd.Intn(len(toks))])
		}
		emit(modes[rnd.Intn(len(modes))], rnd.Intn(len(dests)), sb.String())
	}
	// valid-looking random assignments
	keys := []string{"a", "b", "c", "n", "a.b", "a.c", "a[0]", "a[1]", "a[0].b", "b.c", "x[2][0]", "x.y.z"}
	vals := []string{"1", "0", "x", "true", "null", "{p,q}", "-5", "1.5", "\"q\"", "[1]", "{\"k\":[null]}", "", "bad"}
	for i := 0; i < 800; i++ {
		var parts []string
		k := 1 + rnd.Intn(4)
		for j := 0; j < k; j++ {
			parts = append(parts, keys[rnd.Intn(len(keys))]+"="+vals[rnd.Intn(len(vals))])
		}
		emit(modes[rnd.Intn(len(modes))], rnd.Intn(len(dests)), strings.Join(parts, ","))
	}
}
