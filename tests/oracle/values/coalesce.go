package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log"
	"math/rand"
	"sort"
	"strings"

	"cozypkg.test/oracle/vecio/tval"
	"helm.sh/helm/v3/pkg/chart"
	"helm.sh/helm/v3/pkg/chartutil"
)

// Suite coalesce: chart trees built in memory (values, Chart.yaml
// dependencies with conditions, tags, aliases and import-values, globals,
// nulls, type mismatches), run through what `helm template` does:
// chartutil.ProcessDependenciesWithMerge then ToRenderValues.  Fields:
// chart (JSON, see cdesc), user values (tval), then "ok" + .Values (tval) +
// processed tree (see treeDesc) + warnings (sorted log lines), or "err" +
// error text + "" + warnings.  Go's map order makes some warning orders
// random, hence the sorting; a case whose results differ between runs is
// skipped.
func init() { register("coalesce", genCoalesce) }

type ddesc struct {
	Name         string        `json:"name"`
	Version      string        `json:"version,omitempty"`
	Condition    string        `json:"condition,omitempty"`
	Tags         []string      `json:"tags,omitempty"`
	Alias        string        `json:"alias,omitempty"`
	ImportValues []interface{} `json:"import-values,omitempty"`
}

type cdesc struct {
	Name    string                 `json:"name"`
	Version string                 `json:"version"`
	Values  map[string]interface{} `json:"values"`
	Deps    []ddesc                `json:"deps,omitempty"`
	NilDeps bool                   `json:"nildeps,omitempty"` // Metadata.Dependencies left nil
	Charts  []*cdesc               `json:"charts,omitempty"`
}

func build(d *cdesc) *chart.Chart {
	ch := &chart.Chart{Metadata: &chart.Metadata{APIVersion: "v2", Name: d.Name, Version: d.Version}}
	// values go through JSON like a values.yaml does (numbers become float64)
	b, _ := json.Marshal(d.Values)
	json.Unmarshal(b, &ch.Values)
	if !d.NilDeps {
		ch.Metadata.Dependencies = []*chart.Dependency{}
		for _, dd := range d.Deps {
			var ivs []interface{}
			if dd.ImportValues != nil {
				b, _ := json.Marshal(dd.ImportValues)
				json.Unmarshal(b, &ivs)
			}
			ch.Metadata.Dependencies = append(ch.Metadata.Dependencies, &chart.Dependency{
				Name: dd.Name, Version: dd.Version, Condition: dd.Condition, Tags: dd.Tags, Alias: dd.Alias,
				ImportValues: ivs,
			})
		}
	}
	for _, sd := range d.Charts {
		ch.AddDependency(build(sd))
	}
	return ch
}

// treeDesc: full path, Chart.yaml dependencies after processing
// (name:enabled:import-values), then the remaining subcharts.
func treeDesc(c *chart.Chart) string {
	var b strings.Builder
	b.WriteString(c.ChartFullPath())
	b.WriteString("{")
	for _, d := range c.Metadata.Dependencies {
		var ivs interface{}
		if d.ImportValues != nil {
			l := []interface{}{}
			for _, iv := range d.ImportValues {
				l = append(l, iv)
			}
			ivs = l
		}
		fmt.Fprintf(&b, "%s:%v:%s;", d.Name, d.Enabled, tval.String(ivs))
	}
	b.WriteString("}[")
	for i, sc := range c.Dependencies() {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(treeDesc(sc))
	}
	b.WriteString("]")
	return b.String()
}

func runCoalesce(d *cdesc, user map[string]interface{}) (out []string) {
	defer func() {
		if r := recover(); r != nil {
			out = []string{"panic", fmt.Sprint(r), "", ""}
		}
	}()
	var buf bytes.Buffer
	log.SetOutput(&buf)
	log.SetFlags(log.Lshortfile)
	ch := build(d)
	warnings := func() string {
		lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
		if buf.Len() == 0 {
			lines = nil
		}
		sort.Strings(lines)
		return strings.Join(lines, "\n")
	}
	if err := chartutil.ProcessDependenciesWithMerge(ch, user); err != nil {
		return []string{"err", err.Error(), "", warnings()}
	}
	opts := chartutil.ReleaseOptions{Name: "rel", Namespace: "ns", Revision: 1, IsInstall: true}
	top, err := chartutil.ToRenderValues(ch, user, opts, chartutil.DefaultCapabilities)
	if err != nil {
		return []string{"err", err.Error(), "", warnings()}
	}
	return []string{"ok", tval.String(top["Values"]), treeDesc(ch), warnings()}
}

type gen struct{ r *rand.Rand }

func (g *gen) pick(s []string) string { return s[g.r.Intn(len(s))] }

var scalarKeys = []string{"a", "b", "enabled", "x", "y", "data", "n"}

func (g *gen) scalar(ints bool) interface{} {
	switch g.r.Intn(9) {
	case 0:
		return nil
	case 1:
		return g.r.Intn(2) == 0
	case 2:
		if ints {
			return int64(g.r.Intn(100) - 10)
		}
		return float64(g.r.Intn(100))
	case 3:
		return 1.5
	case 4:
		return []interface{}{"l", float64(1)}
	case 5:
		return "yes"
	default:
		return g.pick([]string{"s", "t", "", "true"})
	}
}

// value builds a random map with keys that matter to the pipeline.
func (g *gen) value(depth int, subs []string, ints bool) map[string]interface{} {
	m := map[string]interface{}{}
	n := g.r.Intn(5)
	keys := append(append([]string{}, scalarKeys...), subs...)
	keys = append(keys, "global", "tags", "exports", "x")
	for i := 0; i < n; i++ {
		k := g.pick(keys)
		switch {
		case k == "tags":
			t := map[string]interface{}{}
			for _, tg := range []string{"t1", "t2"} {
				if g.r.Intn(2) == 0 {
					t[tg] = g.r.Intn(2) == 0
				} else if g.r.Intn(4) == 0 {
					t[tg] = "on"
				}
			}
			if g.r.Intn(6) == 0 {
				m[k] = "notatable"
			} else {
				m[k] = t
			}
		case k == "exports":
			m[k] = map[string]interface{}{"data": g.value(depth+1, nil, ints), "x": g.scalar(ints)}
		case isSub(k, subs) && g.r.Intn(12) > 0:
			m[k] = g.value(depth+1, subs, ints)
		case depth < 3 && g.r.Intn(2) == 0:
			m[k] = g.value(depth+1, subs, ints)
		default:
			m[k] = g.scalar(ints)
		}
	}
	return m
}

func isSub(k string, subs []string) bool {
	for _, s := range subs {
		if s == k {
			return true
		}
	}
	return false
}

var constraints = []string{"", "*", "0.1.0", "^0.1.0", "~1.2", ">=1.0.0 <2.0.0", "1.x", "0.2.0", ">1", "1.2.3",
	"^1", ">= 0.1.0, < 1.0.0", "0.1.0 - 1.2.3", "<=1.2", "!=0.1.0", "^0.0.x", "~0.1.0-0", "1.0.0-rc1", "=1.2.3 || >=2",
	"v0.1", "x"}
var versions = []string{"0.1.0", "1.2.3", "1.0.0-rc1", "2.0.0", "0.1.1", "1.2.0"}
var subNames = []string{"sub", "db", "cache"}

func (g *gen) chart(name string, depth int) *cdesc {
	d := &cdesc{Name: name, Version: g.pick(versions)}
	if g.r.Intn(3) == 0 {
		d.Version = "0.1.0"
	}
	nsub := 0
	if depth < 2 {
		nsub = g.r.Intn(4)
	}
	var names []string
	for i := 0; i < nsub; i++ {
		n := g.pick(subNames)
		if depth > 0 {
			n = n + "2"
		}
		sc := g.chart(n, depth+1)
		d.Charts = append(d.Charts, sc)
		names = append(names, n)
	}
	allNames := append([]string{}, names...)
	for _, n := range names {
		reps := 1
		if g.r.Intn(6) == 0 {
			reps = 2
		}
		if g.r.Intn(8) == 0 {
			reps = 0
		}
		for k := 0; k < reps; k++ {
			dd := ddesc{Name: n, Version: "*"}
			if g.r.Intn(2) == 0 {
				dd.Version = g.pick(constraints)
			}
			if reps == 2 || g.r.Intn(5) == 0 {
				dd.Alias = fmt.Sprintf("%s-al%d", n, k)
				allNames = append(allNames, dd.Alias)
			}
			alias := dd.Alias
			if alias == "" {
				alias = n
			}
			switch g.r.Intn(5) {
			case 0:
				dd.Condition = alias + ".enabled"
			case 1:
				dd.Condition = "missing," + alias + ".enabled"
			case 2:
				dd.Condition = g.pick([]string{"x", "a.b", " " + alias + ".enabled ", alias + ".enabled,x", "global.on", ","})
			}
			if g.r.Intn(3) == 0 {
				dd.Tags = []string{g.pick([]string{"t1", "t2", "t3"})}
				if g.r.Intn(2) == 0 {
					dd.Tags = append(dd.Tags, "t2")
				}
			}
			if g.r.Intn(3) == 0 {
				for j := g.r.Intn(3); j >= 0; j-- {
					switch g.r.Intn(5) {
					case 0:
						dd.ImportValues = append(dd.ImportValues, "data")
					case 1:
						dd.ImportValues = append(dd.ImportValues, g.pick([]string{"missing", "x"}))
					case 2:
						dd.ImportValues = append(dd.ImportValues, map[string]interface{}{"child": g.pick([]string{"x", "data", "exports", "a"}), "parent": g.pick([]string{"imp", ".", "a.b", "x", "global"})})
					case 3:
						dd.ImportValues = append(dd.ImportValues, map[string]interface{}{"child": "exports.data", "parent": "."})
					default:
						dd.ImportValues = append(dd.ImportValues, 5.0)
					}
				}
			}
			d.Deps = append(d.Deps, dd)
		}
	}
	if g.r.Intn(10) == 0 {
		d.Deps = append(d.Deps, ddesc{Name: "ghost", Version: "*"})
	}
	if len(d.Deps) == 0 && g.r.Intn(2) == 0 {
		d.NilDeps = true
	}
	d.Values = g.value(0, allNames, false)
	return d
}

func genCoalesce(w *Writer) {
	g := &gen{rand.New(rand.NewSource(31723))}
	n, skipped := 0, 0
	emit := func(d *cdesc, user map[string]interface{}) {
		js, _ := json.Marshal(d)
		ut := tval.String(user)
		first := runCoalesce(d, user)
		for k := 0; k < 3; k++ {
			again := runCoalesce(d, user)
			if strings.Join(again, "\x00") != strings.Join(first, "\x00") {
				skipped++
				return
			}
		}
		if first[0] == "panic" {
			skipped++
			return
		}
		w.Rec(fmt.Sprintf("coalesce%04d", n), append([]string{string(js), ut}, first...)...)
		n++
	}
	for _, c := range handCharts() {
		emit(c.d, c.user)
	}
	for n < 700 {
		d := g.chart("app", 0)
		names := []string{}
		for _, sc := range d.Charts {
			names = append(names, sc.Name)
		}
		for _, dd := range d.Deps {
			if dd.Alias != "" {
				names = append(names, dd.Alias)
			}
		}
		user := map[string]interface{}{}
		if g.r.Intn(4) > 0 {
			user = g.value(0, names, true)
		}
		emit(d, user)
	}
	w.Comment(fmt.Sprintf("%d random cases skipped (Go gave different results between runs)", skipped))
}

type handCase struct {
	d    *cdesc
	user map[string]interface{}
}

func handCharts() []handCase {
	m := func(kv ...interface{}) map[string]interface{} {
		out := map[string]interface{}{}
		for i := 0; i < len(kv); i += 2 {
			out[kv[i].(string)] = kv[i+1]
		}
		return out
	}
	sub := func(vals map[string]interface{}) *cdesc {
		return &cdesc{Name: "sub", Version: "0.1.0", Values: vals}
	}
	return []handCase{
		{&cdesc{Name: "app", Version: "1.0.0", Values: m("a", 1.0), NilDeps: true}, m("a", nil)},
		{&cdesc{Name: "app", Version: "1.0.0", Values: m("a", m("b", 1.0)), NilDeps: true}, m("a", int64(3))},
		{&cdesc{Name: "app", Version: "1.0.0", Values: m("a", "s"), NilDeps: true}, m("a", m("q", int64(1)))},
		{&cdesc{Name: "app", Version: "1.0.0", Values: m("sub", m("x", 1.0)), Deps: []ddesc{{Name: "sub", Version: "*"}},
			Charts: []*cdesc{sub(m("x", 2.0, "y", 3.0))}}, m("sub", m("y", nil))},
		{&cdesc{Name: "app", Version: "1.0.0", Values: m(), Deps: []ddesc{{Name: "sub", Version: "*"}},
			Charts: []*cdesc{sub(m("x", 2.0))}}, m("sub", "str")},
		{&cdesc{Name: "app", Version: "1.0.0", Values: m(), Deps: []ddesc{{Name: "sub", Version: "*"}},
			Charts: []*cdesc{sub(m("x", 2.0))}}, m("sub", nil)},
		{&cdesc{Name: "app", Version: "1.0.0", Values: m("global", m("g", m("k", 1.0), "s", "x")), Deps: []ddesc{{Name: "sub", Version: "*"}},
			Charts: []*cdesc{sub(m("global", m("g", m("j", 2.0, "k", 5.0), "s", m("no", 1.0))))}}, m()},
		{&cdesc{Name: "app", Version: "1.0.0", Values: m("global", m("g", m("k", m("deep", 1.0)))), Deps: []ddesc{{Name: "sub", Version: "*"}},
			Charts: []*cdesc{sub(m("global", m("g", m("k", m("leak", 2.0)))))}}, m()},
		{&cdesc{Name: "app", Version: "1.0.0", Values: m("global", "notatable"), Deps: []ddesc{{Name: "sub", Version: "*"}},
			Charts: []*cdesc{sub(m("global", m("g", 1.0)))}}, m()},
		{&cdesc{Name: "app", Version: "1.0.0", Values: m("sub", m("enabled", false)), Deps: []ddesc{{Name: "sub", Version: "*", Condition: "sub.enabled"}},
			Charts: []*cdesc{sub(m("x", 2.0))}}, m()},
		{&cdesc{Name: "app", Version: "1.0.0", Values: m("sub", m("enabled", false)), Deps: []ddesc{{Name: "sub", Version: "*", Condition: "sub.enabled"}},
			Charts: []*cdesc{sub(m("x", 2.0))}}, m("sub", m("enabled", true))},
		{&cdesc{Name: "app", Version: "1.0.0", Values: m("tags", m("front", false)), Deps: []ddesc{{Name: "sub", Version: "*", Tags: []string{"front"}}},
			Charts: []*cdesc{sub(m("x", 2.0))}}, m()},
		{&cdesc{Name: "app", Version: "1.0.0", Values: m(), Deps: []ddesc{{Name: "sub", Version: "*", Alias: "one"}, {Name: "sub", Version: "*", Alias: "two", Condition: "two.on"}},
			Charts: []*cdesc{sub(m("x", 2.0))}}, m("two", m("on", false), "one", m("x", int64(9)))},
		{&cdesc{Name: "app", Version: "1.0.0", Values: m("imp", m("keep", 1.0)), Deps: []ddesc{{Name: "sub", Version: "*", ImportValues: []interface{}{"data", m("child", "x", "parent", "imp"), "missing", m("child", "nope", "parent", "p")}}},
			Charts: []*cdesc{sub(m("exports", m("data", m("d", 1.0)), "x", m("y", 2.0, "keep", 3.0)))}}, m()},
		{&cdesc{Name: "app", Version: "1.0.0", Values: m(), Deps: []ddesc{{Name: "sub", Version: "^2.0.0"}},
			Charts: []*cdesc{sub(m("x", 2.0))}}, m()},
	}
}
