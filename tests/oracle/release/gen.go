package main

import (
	"encoding/json"
	"math"
	"math/rand"
	"sort"
	"strconv"
	"strings"
	"time"

	"cozypkg.test/oracle/vecio/tval"
	"helm.sh/helm/v3/pkg/chart"
	rspb "helm.sh/helm/v3/pkg/release"
	"helm.sh/helm/v3/pkg/storage/driver"
	helmtime "helm.sh/helm/v3/pkg/time"
)

// ---- the spec: the release again as plain data the C test builds its
// model from (field names are the JSON names; times are [unix, nsec,
// offset]; []byte and strings as tval strings; nil slices and maps null) ----

func tspec(t time.Time) interface{} {
	_, off := t.Zone()
	return []interface{}{t.Unix(), int64(t.Nanosecond()), int64(off)}
}

func strsSpec(s []string) interface{} {
	if s == nil {
		return nil
	}
	l := []interface{}{}
	for _, x := range s {
		l = append(l, x)
	}
	return l
}

func bytesSpec(b []byte) interface{} {
	if b == nil {
		return nil
	}
	return string(b)
}

func mapSpec(m map[string]interface{}) interface{} {
	if m == nil {
		return nil
	}
	return m
}

func filesSpec(fs []*chart.File) interface{} {
	if fs == nil {
		return nil
	}
	l := []interface{}{}
	for _, f := range fs {
		l = append(l, map[string]interface{}{"name": f.Name, "data": bytesSpec(f.Data)})
	}
	return l
}

func depsSpec(ds []*chart.Dependency) interface{} {
	if ds == nil {
		return nil
	}
	l := []interface{}{}
	for _, d := range ds {
		var iv interface{}
		if d.ImportValues != nil {
			iv = d.ImportValues
		}
		l = append(l, map[string]interface{}{
			"name": d.Name, "version": d.Version, "repository": d.Repository,
			"condition": d.Condition, "tags": strsSpec(d.Tags), "enabled": d.Enabled,
			"import-values": iv, "alias": d.Alias,
		})
	}
	return l
}

func releaseSpec(r *rspb.Release) string {
	s := map[string]interface{}{
		"name": r.Name, "config": mapSpec(r.Config), "manifest": r.Manifest,
		"version": int64(r.Version), "namespace": r.Namespace,
	}
	if r.Info != nil {
		s["info"] = map[string]interface{}{
			"first_deployed": tspec(r.Info.FirstDeployed.Time),
			"last_deployed":  tspec(r.Info.LastDeployed.Time),
			"deleted":        tspec(r.Info.Deleted.Time),
			"description":    r.Info.Description, "status": string(r.Info.Status), "notes": r.Info.Notes,
		}
	} else {
		s["info"] = nil
	}
	if c := r.Chart; c != nil {
		cs := map[string]interface{}{
			"templates": filesSpec(c.Templates), "values": mapSpec(c.Values),
			"schema": bytesSpec(c.Schema), "files": filesSpec(c.Files),
		}
		if m := c.Metadata; m != nil {
			var ms interface{}
			if m.Maintainers != nil {
				l := []interface{}{}
				for _, x := range m.Maintainers {
					l = append(l, map[string]interface{}{"name": x.Name, "email": x.Email, "url": x.URL})
				}
				ms = l
			}
			var an interface{}
			if m.Annotations != nil {
				mm := map[string]interface{}{}
				for k, v := range m.Annotations {
					mm[k] = v
				}
				an = mm
			}
			cs["metadata"] = map[string]interface{}{
				"name": m.Name, "home": m.Home, "sources": strsSpec(m.Sources), "version": m.Version,
				"description": m.Description, "keywords": strsSpec(m.Keywords), "maintainers": ms,
				"icon": m.Icon, "apiVersion": m.APIVersion, "condition": m.Condition, "tags": m.Tags,
				"appVersion": m.AppVersion, "deprecated": m.Deprecated, "annotations": an,
				"kubeVersion": m.KubeVersion, "dependencies": depsSpec(m.Dependencies), "type": m.Type,
			}
		} else {
			cs["metadata"] = nil
		}
		if l := c.Lock; l != nil {
			cs["lock"] = map[string]interface{}{
				"generated": tspec(l.Generated), "digest": l.Digest, "dependencies": depsSpec(l.Dependencies),
			}
		} else {
			cs["lock"] = nil
		}
		s["chart"] = cs
	} else {
		s["chart"] = nil
	}
	if r.Hooks != nil {
		l := []interface{}{}
		for _, h := range r.Hooks {
			ev := []string{}
			for _, e := range h.Events {
				ev = append(ev, string(e))
			}
			if h.Events == nil {
				ev = nil
			}
			dp := []string{}
			for _, e := range h.DeletePolicies {
				dp = append(dp, string(e))
			}
			if h.DeletePolicies == nil {
				dp = nil
			}
			l = append(l, map[string]interface{}{
				"name": h.Name, "kind": h.Kind, "path": h.Path, "manifest": h.Manifest,
				"events": strsSpec(ev), "weight": int64(h.Weight), "delete_policies": strsSpec(dp),
				"last_run": map[string]interface{}{
					"started_at":   tspec(h.LastRun.StartedAt.Time),
					"completed_at": tspec(h.LastRun.CompletedAt.Time),
					"phase":        string(h.LastRun.Phase),
				},
			})
		}
		s["hooks"] = l
	} else {
		s["hooks"] = nil
	}
	if r.Labels != nil {
		m := map[string]interface{}{}
		for k, v := range r.Labels {
			m[k] = v
		}
		s["labels"] = m
	} else {
		s["labels"] = nil
	}
	return tval.String(s)
}

// ---- random releases ----

type gen struct{ r *rand.Rand }

var words = []string{"app", "web", "db", "redis", "nginx", "kube", "cozy", "tenant", "root", "x",
	"postgres", "etcd", "ingress", "monitoring", "seaweedfs", "cilium", "a-b", "v1"}

var oddStrings = []string{"", "<b>&amp;</b>", "quote\"back\\slash", "line1\nline2\n", "tab\there",
	"caf\u00e9 \u65e5\u672c \U0001F389", "sep\u2028para\u2029", "ctl\x01\x1f\x7f", "bad\xffutf8\xc3",
	"nul\x00byte", "  spaces  ", "{{ .Values.x }}", "\ufeffbom", "\u0085nel", "a\rb"}

func (g *gen) word() string { return words[g.r.Intn(len(words))] }

func (g *gen) str() string {
	switch g.r.Intn(6) {
	case 0:
		return ""
	case 1:
		return oddStrings[g.r.Intn(len(oddStrings))]
	case 2:
		return g.word() + "-" + strconv.Itoa(g.r.Intn(100))
	default:
		n := 1 + g.r.Intn(4)
		p := make([]string, n)
		for i := range p {
			p[i] = g.word()
		}
		return strings.Join(p, " ")
	}
}

func (g *gen) text() string {
	if g.r.Intn(4) == 0 {
		return ""
	}
	var b strings.Builder
	n := 1 + g.r.Intn(8)
	for i := 0; i < n; i++ {
		switch g.r.Intn(5) {
		case 0:
			b.WriteString("---\n# Source: " + g.word() + "/templates/" + g.word() + ".yaml\n")
		case 1:
			b.WriteString("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: " + g.word() + "\n")
		case 2:
			b.WriteString("data:\n  key: \"" + g.str() + "\"\n")
		default:
			b.WriteString(g.str() + "\n")
		}
	}
	return b.String()
}

func (g *gen) bytes() []byte {
	switch g.r.Intn(5) {
	case 0:
		return nil
	case 1:
		return []byte{}
	case 2:
		b := make([]byte, g.r.Intn(40))
		g.r.Read(b)
		return b
	default:
		return []byte(g.text())
	}
}

var zones = []int{0, 0, 3600, -3600, 19800, -34200, 50400, -43200, 45, -45, 3661, 7200, 20700, -18000, 86340}

func (g *gen) tm() time.Time {
	if g.r.Intn(5) == 0 {
		return time.Time{}
	}
	var sec int64
	switch g.r.Intn(6) {
	case 0:
		sec = g.r.Int63n(1 << 31)
	case 1:
		sec = -62135596800 + g.r.Int63n(86400*400) // year 1
	case 2:
		sec = 253402300799 - g.r.Int63n(86400*400) // year 9999
	default:
		sec = 1500000000 + g.r.Int63n(400000000)
	}
	var nsec int64
	switch g.r.Intn(5) {
	case 0:
	case 1:
		nsec = int64(g.r.Intn(1000)) * 1000000
	case 2:
		nsec = int64(g.r.Intn(1000000)) * 1000
	default:
		nsec = g.r.Int63n(1000000000)
	}
	off := zones[g.r.Intn(len(zones))]
	var loc *time.Location
	switch {
	case off == 0 && g.r.Intn(2) == 0:
		loc = time.UTC
	default:
		loc = time.FixedZone("Z"+strconv.Itoa(off), off)
	}
	t := time.Unix(sec, nsec).In(loc)
	if y := t.Year(); y < 0 || y > 9999 {
		return time.Unix(sec, nsec).UTC()
	}
	return t
}

func (g *gen) htm() helmtime.Time { return helmtime.Time{Time: g.tm()} }

func (g *gen) key() string {
	if g.r.Intn(8) == 0 {
		return oddStrings[g.r.Intn(len(oddStrings))]
	}
	return g.word()
}

// scalar: YAML-loaded values are float64; --set gives int64 (ints=true).
func (g *gen) scalar(ints bool) interface{} {
	switch g.r.Intn(9) {
	case 0:
		return nil
	case 1:
		return g.r.Intn(2) == 0
	case 2:
		if ints {
			return []int64{0, 1, -1, 42, math.MaxInt64, math.MinInt64, 9007199254740993, 1 << 53}[g.r.Intn(8)]
		}
		return float64(g.r.Intn(100000))
	case 3:
		return []float64{0.1, 1e21, 1e20, 1e-7, 1e-6, 123456789.125, -0.0, 5e-324, math.MaxFloat64, 1e6, 3}[g.r.Intn(11)]
	case 4:
		return g.r.NormFloat64() * 1e4
	default:
		return g.str()
	}
}

func (g *gen) value(depth int, ints bool) interface{} {
	if depth <= 0 {
		return g.scalar(ints)
	}
	switch g.r.Intn(6) {
	case 0:
		return g.vmap(depth-1, ints)
	case 1:
		n := g.r.Intn(4)
		l := make([]interface{}, n)
		for i := range l {
			l[i] = g.value(depth-1, ints)
		}
		return l
	default:
		return g.scalar(ints)
	}
}

func (g *gen) vmap(depth int, ints bool) map[string]interface{} {
	m := map[string]interface{}{}
	n := g.r.Intn(6)
	for i := 0; i < n; i++ {
		m[g.key()] = g.value(depth, ints)
	}
	return m
}

func (g *gen) optMap(ints bool) map[string]interface{} {
	switch g.r.Intn(5) {
	case 0:
		return nil
	case 1:
		return map[string]interface{}{}
	default:
		return g.vmap(3, ints)
	}
}

func (g *gen) strs() []string {
	switch g.r.Intn(4) {
	case 0:
		return nil
	case 1:
		return []string{}
	}
	n := 1 + g.r.Intn(3)
	s := make([]string, n)
	for i := range s {
		s[i] = g.str()
	}
	return s
}

func (g *gen) files() []*chart.File {
	switch g.r.Intn(5) {
	case 0:
		return nil
	case 1:
		return []*chart.File{}
	}
	n := 1 + g.r.Intn(4)
	fs := make([]*chart.File, n)
	for i := range fs {
		fs[i] = &chart.File{Name: "templates/" + g.word() + ".yaml", Data: g.bytes()}
		if g.r.Intn(10) == 0 {
			fs[i].Name = g.str()
		}
	}
	return fs
}

func (g *gen) deps() []*chart.Dependency {
	switch g.r.Intn(3) {
	case 0:
		return nil
	case 1:
		return []*chart.Dependency{}
	}
	n := 1 + g.r.Intn(3)
	ds := make([]*chart.Dependency, n)
	for i := range ds {
		d := &chart.Dependency{Name: g.word(), Repository: g.str()}
		if g.r.Intn(2) == 0 {
			d.Version = "1." + strconv.Itoa(g.r.Intn(10)) + ".0"
		}
		if g.r.Intn(3) == 0 {
			d.Condition = g.word() + ".enabled"
		}
		d.Tags = g.strs()
		d.Enabled = g.r.Intn(2) == 0
		switch g.r.Intn(4) {
		case 0:
			d.ImportValues = []interface{}{}
		case 1:
			d.ImportValues = []interface{}{g.word(), map[string]interface{}{"child": g.word(), "parent": g.word()}}
		}
		if g.r.Intn(3) == 0 {
			d.Alias = g.word()
		}
		ds[i] = d
	}
	return ds
}

func (g *gen) chart() *chart.Chart {
	if g.r.Intn(12) == 0 {
		return nil
	}
	c := &chart.Chart{}
	if g.r.Intn(10) != 0 {
		m := &chart.Metadata{Name: g.word(), Version: "0." + strconv.Itoa(g.r.Intn(30)) + ".0", APIVersion: "v2"}
		if g.r.Intn(3) == 0 {
			m.APIVersion = g.str()
		}
		if g.r.Intn(2) == 0 {
			m.Home = "https://" + g.word() + ".io"
		}
		m.Sources = g.strs()
		m.Description = g.str()
		m.Keywords = g.strs()
		switch g.r.Intn(3) {
		case 0:
			m.Maintainers = []*chart.Maintainer{}
		case 1:
			m.Maintainers = []*chart.Maintainer{{Name: g.str(), Email: g.str(), URL: g.str()}, {Name: g.word()}}
		}
		if g.r.Intn(3) == 0 {
			m.Icon = g.str()
		}
		if g.r.Intn(4) == 0 {
			m.Condition = g.str()
		}
		if g.r.Intn(4) == 0 {
			m.Tags = g.str()
		}
		if g.r.Intn(2) == 0 {
			m.AppVersion = g.str()
		}
		m.Deprecated = g.r.Intn(4) == 0
		switch g.r.Intn(3) {
		case 0:
			m.Annotations = map[string]string{}
		case 1:
			m.Annotations = map[string]string{g.key(): g.str(), "category": g.word()}
		}
		if g.r.Intn(3) == 0 {
			m.KubeVersion = ">=1." + strconv.Itoa(g.r.Intn(30)) + ".0-0"
		}
		m.Dependencies = g.deps()
		if g.r.Intn(2) == 0 {
			m.Type = []string{"application", "library", ""}[g.r.Intn(3)]
		}
		if g.r.Intn(30) == 0 {
			m = &chart.Metadata{}
		}
		c.Metadata = m
	}
	if g.r.Intn(3) == 0 {
		c.Lock = &chart.Lock{Generated: g.tm(), Digest: g.str(), Dependencies: g.deps()}
	}
	c.Templates = g.files()
	c.Values = g.optMap(false)
	switch g.r.Intn(4) {
	case 0:
		c.Schema = []byte{}
	case 1:
		c.Schema = []byte(`{"$schema":"http://json-schema.org/draft-07/schema#","type":"object"}` + "\n")
	case 2:
		c.Schema = g.bytes()
	}
	c.Files = g.files()
	return c
}

var statuses = []rspb.Status{"deployed", "superseded", "failed", "pending-install", "pending-upgrade",
	"pending-rollback", "uninstalling", "uninstalled", "unknown", ""}

var events = []rspb.HookEvent{"pre-install", "post-install", "pre-delete", "post-delete",
	"pre-upgrade", "post-upgrade", "pre-rollback", "post-rollback", "test"}

var policies = []rspb.HookDeletePolicy{"hook-succeeded", "hook-failed", "before-hook-creation"}

var phases = []rspb.HookPhase{"Unknown", "Running", "Succeeded", "Failed", ""}

func (g *gen) hooks() []*rspb.Hook {
	switch g.r.Intn(4) {
	case 0:
		return nil
	case 1:
		return []*rspb.Hook{}
	}
	n := 1 + g.r.Intn(3)
	hs := make([]*rspb.Hook, n)
	for i := range hs {
		h := &rspb.Hook{Name: g.word() + "-hook", Kind: []string{"Job", "Pod", "ConfigMap", ""}[g.r.Intn(4)],
			Path: g.word() + "/templates/hook.yaml", Manifest: g.text()}
		if g.r.Intn(10) == 0 {
			h.Name = g.str()
		}
		switch g.r.Intn(3) {
		case 0:
			h.Events = []rspb.HookEvent{}
		case 1:
			for j := 0; j < 1+g.r.Intn(3); j++ {
				h.Events = append(h.Events, events[g.r.Intn(len(events))])
			}
		}
		h.LastRun = rspb.HookExecution{StartedAt: g.htm(), CompletedAt: g.htm(), Phase: phases[g.r.Intn(len(phases))]}
		if g.r.Intn(2) == 0 {
			h.Weight = []int{0, 1, -5, 10, 1 << 53, -(1 << 53)}[g.r.Intn(6)]
		}
		switch g.r.Intn(3) {
		case 0:
			h.DeletePolicies = []rspb.HookDeletePolicy{}
		case 1:
			for j := 0; j < 1+g.r.Intn(2); j++ {
				h.DeletePolicies = append(h.DeletePolicies, policies[g.r.Intn(len(policies))])
			}
		}
		hs[i] = h
	}
	return hs
}

func (g *gen) release() *rspb.Release {
	r := &rspb.Release{Name: g.word() + "-" + strconv.Itoa(g.r.Intn(1000)), Namespace: g.word()}
	if g.r.Intn(10) == 0 {
		r.Name = g.str()
	}
	if g.r.Intn(10) == 0 {
		r.Namespace = ""
	}
	if g.r.Intn(15) != 0 {
		r.Info = &rspb.Info{FirstDeployed: g.htm(), LastDeployed: g.htm(), Deleted: g.htm(),
			Description: g.str(), Status: statuses[g.r.Intn(len(statuses))], Notes: g.text()}
	}
	r.Chart = g.chart()
	r.Config = g.optMap(true)
	r.Manifest = g.text()
	r.Hooks = g.hooks()
	r.Version = []int{0, 1, 2, 3, 10, 99, 1000}[g.r.Intn(7)]
	switch g.r.Intn(4) {
	case 0:
		r.Labels = map[string]string{"team": g.word()}
	case 1:
		r.Labels = map[string]string{"createdAt": "1600000000", "modifiedAt": "1700000000", "owner": "me", "x": g.word()}
	}
	return r
}

// handPicked: edge cases named for what they pin down.
func handPicked() map[string]*rspb.Release {
	utc := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	return map[string]*rspb.Release{
		"empty":         {},
		"info-zero":     {Name: "x", Info: &rspb.Info{}, Version: 1},
		"chart-empty":   {Name: "x", Chart: &chart.Chart{}},
		"chart-empties": {Name: "x", Chart: &chart.Chart{Metadata: &chart.Metadata{}, Lock: &chart.Lock{}, Templates: []*chart.File{}, Values: map[string]interface{}{}, Schema: []byte{}, Files: []*chart.File{{}}}},
		"typical": {Name: "web", Namespace: "default", Version: 3, Manifest: "---\n# Source: web/templates/cm.yaml\nkind: ConfigMap\n",
			Info:   &rspb.Info{FirstDeployed: helmtime.Time{Time: utc}, LastDeployed: helmtime.Time{Time: utc.Add(time.Hour + 123456789)}, Status: "deployed", Description: "Upgrade complete"},
			Config: map[string]interface{}{"replicas": int64(3), "image": map[string]interface{}{"tag": "1.2"}},
			Hooks:  []*rspb.Hook{{Name: "migrate", Kind: "Job", Path: "web/templates/job.yaml", Events: []rspb.HookEvent{"pre-upgrade"}, LastRun: rspb.HookExecution{Phase: "Succeeded", StartedAt: helmtime.Time{Time: utc}}}}},
		"config-empty": {Name: "x", Config: map[string]interface{}{}, Hooks: []*rspb.Hook{}},
		"hook-zero":    {Hooks: []*rspb.Hook{{}}},
	}
}

func genRelease(w *Writer) {
	g := &gen{r: rand.New(rand.NewSource(20250317))}
	type item struct {
		name string
		r    *rspb.Release
	}
	var items []item
	hp := handPicked()
	var names []string
	for n := range hp {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		items = append(items, item{n, hp[n]})
	}
	for i := 0; i < 520; i++ {
		items = append(items, item{"r" + strconv.Itoa(i), g.release()})
	}
	for i, it := range items {
		r := it.r
		js, err := json.Marshal(r)
		if err != nil {
			panic(err)
		}
		if r.Info == nil {
			// newSecretsObject reads rls.Info.Status: only JSON for these
			var back rspb.Release
			if err := json.Unmarshal(js, &back); err != nil {
				panic(err)
			}
			bj, err := json.Marshal(&back)
			if err != nil {
				panic(err)
			}
			b := string(bj)
			if b == string(js) {
				b = "="
			}
			w.Rec(it.name, releaseSpec(r), string(js), "", "", "", "", b)
			continue
		}
		f := newFake()
		d := driver.NewSecrets(f)
		key := "sh.helm.release.v1." + r.Name + ".v" + strconv.Itoa(r.Version)
		mode := "create"
		if i%3 == 2 {
			mode = "update"
			err = d.Update(key, r)
		} else {
			err = d.Create(key, r)
		}
		if err != nil {
			panic(err)
		}
		s := f.m[key]
		// The driver stamps createdAt/modifiedAt with time.Now(); pin that
		// clock reading to a constant so the file is reproducible.  When
		// the release's own labels override the stamp (newSecretsObject
		// applies them last), the clock does not show and "now" is 0.
		stamp := "createdAt"
		if mode == "update" {
			stamp = "modifiedAt"
		}
		now := "0"
		if r.Labels == nil || r.Labels[stamp] == "" {
			now = "1700000000"
			s.Labels[stamp] = now
		}
		payload := string(s.Data["release"])
		var sj string
		if i%6 == 0 {
			s.TypeMeta.Kind = "Secret"
			s.TypeMeta.APIVersion = "v1"
			b, err := json.Marshal(s)
			if err != nil {
				panic(err)
			}
			sj = string(b)
		}
		got, err := d.Get(key)
		if err != nil {
			panic(err)
		}
		rj, err := json.Marshal(got)
		if err != nil {
			panic(err)
		}
		back := string(rj)
		if back == string(js) {
			back = "=" // Go's decode of its payload re-marshals to the same bytes
		}
		w.Rec(it.name, releaseSpec(r), string(js), payload, mode, now, sj, back)
	}
}
