package main

import (
	"encoding/base64"
	"fmt"
	"math/rand"
	"strings"
)

// A line of an object's YAML below its metadata.
type line struct {
	indent int
	text   string
	leaf   bool // "key: scalar" that may be edited, deleted or get a sibling
}

type obj struct {
	comment     string
	api, kind   string
	name, ns    string
	labels      [][2]string
	annotations [][2]string
	body        []line
	crlf        bool
}

type gen struct {
	r *rand.Rand
	n int
}

func newGen(r *rand.Rand) *gen { return &gen{r: r} }

func (g *gen) pick(xs ...string) string { return xs[g.r.Intn(len(xs))] }

func (g *gen) pickNS() string { return g.pick("default", "cozy-system", "", "tenant-root") }

var words = []string{"alpha", "beta", "gamma", "delta", "nginx", "redis", "port", "image", "replicas",
	"enabled", "host", "path", "value", "config", "selector", "app", "tier", "zone"}

func (g *gen) word() string { return words[g.r.Intn(len(words))] }

func (g *gen) key() string {
	g.n++
	return fmt.Sprintf("%s%d", g.word(), g.n)
}

func (g *gen) scalar() string {
	switch g.r.Intn(16) {
	case 0:
		return fmt.Sprint(g.r.Intn(100000))
	case 1:
		return g.pick("true", "false", "null", "~", "yes")
	case 2:
		return fmt.Sprintf("%q", g.word()+" "+g.word())
	case 3:
		return "'" + g.word() + "''s'"
	case 4:
		return g.pick("héllo wörld", "日本語テキスト", "emoji 🎉 ok", "Ω≈ç√∫", "tab\there")
	case 5:
		return strings.Repeat(g.word()+"-", 20+g.r.Intn(40))
	case 6:
		return fmt.Sprintf("%d.%d", g.r.Intn(100), g.r.Intn(100))
	case 7:
		return `""`
	case 8:
		return g.word() + " # trailing comment"
	case 9:
		return "{{ not-a-template }}"
	default:
		return g.word() + "-" + fmt.Sprint(g.r.Intn(50))
	}
}

// body lines for a map at indent.
func (g *gen) mapLines(indent, depth int) []line {
	var ls []line
	n := 1 + g.r.Intn(4)
	for i := 0; i < n; i++ {
		k := g.key()
		switch c := g.r.Intn(10); {
		case c < 6 || depth >= 3:
			ls = append(ls, line{indent, k + ": " + g.scalar(), true})
		case c < 8:
			ls = append(ls, line{indent, k + ":", false})
			ls = append(ls, g.mapLines(indent+2, depth+1)...)
		case c < 9:
			ls = append(ls, line{indent, k + ":", false})
			for j := 0; j < 1+g.r.Intn(3); j++ {
				ls = append(ls, line{indent + 2, "- " + g.scalar(), false})
			}
		default:
			ls = append(ls, line{indent, k + ": |", false})
			for j := 0; j < 1+g.r.Intn(4); j++ {
				t := g.word() + " " + g.word()
				if g.r.Intn(4) == 0 {
					t = ""
				}
				ls = append(ls, line{indent + 2, t, false})
			}
		}
	}
	return ls
}

var kinds = []struct{ api, kind string }{
	{"v1", "ConfigMap"}, {"v1", "Service"}, {"apps/v1", "Deployment"}, {"apps/v1", "StatefulSet"},
	{"networking.k8s.io/v1", "Ingress"}, {"cozystack.io/v1alpha1", "Workload"},
	{"apiextensions.k8s.io/v1", "CustomResourceDefinition"}, {"v1", "Secret"}, {"v1", "List"},
	{"v1", "ConfigMapList"}, {"batch/v1", "Job"}, {"v1", "Pod"},
}

func (g *gen) object() *obj {
	k := kinds[g.r.Intn(len(kinds))]
	o := &obj{api: k.api, kind: k.kind, name: g.pick("web", "db", "cache", "api", "worker", "test-x")}
	if g.r.Intn(5) > 0 {
		o.comment = "# Source: chart/templates/" + strings.ToLower(o.kind) + ".yaml"
	}
	if g.r.Intn(2) == 0 {
		o.ns = g.pick("default", "cozy-system", "other")
	}
	if g.r.Intn(2) == 0 {
		o.labels = append(o.labels, [2]string{"app.kubernetes.io/name", o.name})
	}
	switch g.r.Intn(12) {
	case 0:
		o.annotations = append(o.annotations, [2]string{"helm.sh/hook", g.pick("test", "test-success", "pre-install", "test,post-install")})
	case 1:
		o.annotations = append(o.annotations, [2]string{"helm.sh/resource-policy", g.pick("keep", "Keep")})
	case 2:
		o.annotations = append(o.annotations, [2]string{"helm-diff/base-name", o.name + "-base"})
	case 3:
		o.annotations = append(o.annotations, [2]string{"checksum/config", fmt.Sprintf("%x", g.r.Int63())})
	}
	if g.r.Intn(15) == 0 {
		o.crlf = true
	}
	switch o.kind {
	case "Secret":
		o.body = g.secretBody()
	case "List", "ConfigMapList":
		o.body = g.listBody()
	case "CustomResourceDefinition":
		o.body = append([]line{{0, "spec:", false}}, g.mapLines(2, 0)...)
		for i := 0; i < 3; i++ {
			o.body = append(o.body, g.mapLines(2, 1)...)
		}
	case "ConfigMap":
		o.body = append([]line{{0, "data:", false}}, g.mapLines(2, 2)...)
	default:
		o.body = append([]line{{0, "spec:", false}}, g.mapLines(2, 0)...)
	}
	return o
}

func (g *gen) secretValue() string {
	return g.pick("s3cr3t", "", "password with spaces", "ünïcode", "line1\nline2", strings.Repeat("x", 100), fmt.Sprint(g.r.Intn(1000)))
}

func (g *gen) secretBody() []line {
	var ls []line
	if g.r.Intn(3) > 0 {
		ls = append(ls, line{0, "type: " + g.pick("Opaque", "kubernetes.io/tls"), false})
	}
	if g.r.Intn(4) > 0 {
		ls = append(ls, line{0, "data:", false})
		for i := 0; i < 1+g.r.Intn(3); i++ {
			v := base64.StdEncoding.EncodeToString([]byte(g.secretValue()))
			if g.r.Intn(30) == 0 {
				v = "not*base64"
			}
			ls = append(ls, line{2, g.key() + ": " + v, true})
		}
	}
	if g.r.Intn(2) == 0 {
		ls = append(ls, line{0, "stringData:", false})
		for i := 0; i < 1+g.r.Intn(3); i++ {
			ls = append(ls, line{2, g.key() + ": " + g.pick("plain", "\"quoted value\"", "8080", "true", "a # b"), true})
		}
	}
	if g.r.Intn(6) == 0 {
		ls = append(ls, line{0, "immutable: true", false})
	}
	return ls
}

func (g *gen) listBody() []line {
	ls := []line{{0, "items:", false}}
	for i := 0; i < 1+g.r.Intn(3); i++ {
		if g.r.Intn(10) == 0 {
			ls = append(ls, line{0, "- null", false})
			continue
		}
		name := g.pick("a", "b", "c") + fmt.Sprint(g.r.Intn(3))
		ls = append(ls, line{0, "- apiVersion: v1", false})
		ls = append(ls, line{2, "kind: ConfigMap", false})
		ls = append(ls, line{2, "metadata:", false})
		ls = append(ls, line{4, "name: " + name, false})
		if g.r.Intn(2) == 0 {
			ls = append(ls, line{4, "namespace: " + g.pick("default", "other"), false})
		}
		ls = append(ls, line{2, "data:", false})
		for j := 0; j < 1+g.r.Intn(3); j++ {
			ls = append(ls, line{4, g.key() + ": " + g.listScalar(), true})
		}
		if g.r.Intn(3) == 0 {
			ls = append(ls, line{2, "zz:", false})
			ls = append(ls, line{4, "b: 1", true})
			ls = append(ls, line{4, "a: [x, y]", false})
		}
	}
	return ls
}

func (g *gen) listScalar() string {
	return g.pick("plain", "\"1\"", "12", "1.5", "true", "null", "'quoted'", "2001-12-14", "héllo", "\"a\\nb\"", "0x1F", "-3", "a: b")
}

func (g *gen) objects(n int) []*obj {
	var os []*obj
	for i := 0; i < n; i++ {
		os = append(os, g.object())
		if g.r.Intn(25) == 0 {
			c := *os[len(os)-1]
			os = append(os, &c)
		}
	}
	return os
}

func (g *gen) editLines(ls []line) []line {
	out := make([]line, 0, len(ls)+2)
	for _, l := range ls {
		if !l.leaf {
			out = append(out, l)
			continue
		}
		switch g.r.Intn(8) {
		case 0: // change value
			k := l.text[:strings.Index(l.text, ":")]
			out = append(out, line{l.indent, k + ": " + g.scalar(), true})
		case 1: // delete
		case 2: // add a sibling after
			out = append(out, l, line{l.indent, g.key() + ": " + g.scalar(), true})
		default:
			out = append(out, l)
		}
	}
	return out
}

// evolve: the next release's objects, some kept, changed, dropped or new.
func (g *gen) evolve(old []*obj) []*obj {
	var out []*obj
	for _, o := range old {
		switch g.r.Intn(8) {
		case 0: // removed
		case 1, 2, 3: // changed
			c := *o
			c.body = g.editLines(o.body)
			if g.r.Intn(6) == 0 {
				c.labels = append(append([][2]string{}, c.labels...), [2]string{"version", fmt.Sprint(g.r.Intn(9))})
			}
			if g.r.Intn(10) == 0 {
				c.crlf = !c.crlf
			}
			out = append(out, &c)
		case 4: // renamed
			c := *o
			c.name += "-v2"
			out = append(out, &c)
		default:
			out = append(out, o)
		}
	}
	for i := g.r.Intn(3); i > 0; i-- {
		out = append(out, g.object())
	}
	g.r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

func (o *obj) text() string {
	var ls []string
	if o.comment != "" {
		ls = append(ls, o.comment)
	}
	ls = append(ls, "apiVersion: "+o.api, "kind: "+o.kind, "metadata:", "  name: "+o.name)
	if o.ns != "" {
		ls = append(ls, "  namespace: "+o.ns)
	}
	if len(o.labels) > 0 {
		ls = append(ls, "  labels:")
		for _, kv := range o.labels {
			ls = append(ls, "    "+kv[0]+": "+kv[1])
		}
	}
	if len(o.annotations) > 0 {
		ls = append(ls, "  annotations:")
		for _, kv := range o.annotations {
			ls = append(ls, "    "+kv[0]+": "+kv[1])
		}
	}
	for _, l := range o.body {
		if l.text == "" {
			ls = append(ls, "")
			continue
		}
		ls = append(ls, strings.Repeat(" ", l.indent)+l.text)
	}
	nl := "\n"
	if o.crlf {
		nl = "\r\n"
	}
	return strings.Join(ls, nl)
}

// render as Helm stores a release manifest, with a few variations.
func (g *gen) render(objs []*obj) string {
	var sb strings.Builder
	for i, o := range objs {
		switch g.r.Intn(10) {
		case 0:
			if i > 0 {
				sb.WriteString("\n")
			}
		case 1:
			sb.WriteString("---\n# only a comment\n")
		}
		sb.WriteString("---\n")
		sb.WriteString(o.text())
		sb.WriteString("\n")
	}
	return sb.String()
}
