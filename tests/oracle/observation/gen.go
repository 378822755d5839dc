package main

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand"
	"sort"
	"strconv"
	"strings"
	"time"

	"cozypkg.test/oracle/vecio"
	"github.com/fluxcd/helm-controller/internal/release"
	"github.com/opencontainers/go-digest"
	"helm.sh/helm/v4/pkg/chart/common"
	chart "helm.sh/helm/v4/pkg/chart/v2"
	rcommon "helm.sh/helm/v4/pkg/release/common"
	rspb "helm.sh/helm/v4/pkg/release/v1"
)

// observe reads a stored release the way helm-controller does (Helm 4's
// decodeRelease ends in json.Unmarshal into release/v1.Release) and returns
// the Observation's JSON (Observation.Encode, json.Encoder: HTML escaping,
// trailing newline) and Digest(digest.Canonical, obs).
func observe(js string) (string, string) {
	var rel rspb.Release
	if err := json.Unmarshal([]byte(js), &rel); err != nil {
		return "", "error: " + err.Error()
	}
	obs := release.ObserveRelease(&rel)
	var b bytes.Buffer
	if err := obs.Encode(&b); err != nil {
		// Digest gives "" when the encoder fails
		return "", release.Digest(digest.Canonical, obs).String()
	}
	return b.String(), release.Digest(digest.Canonical, obs).String()
}

func rec(w *vecio.Writer, name, js string) {
	obs, dig := observe(js)
	w.Rec(name, js, obs, dig)
}

// helm4 is what Helm 4 writes back for a stored release it decoded, with
// the chart's templates, files, values and schema dropped to keep the file
// small (the Observation holds only the chart's metadata).
func helm4(js string) (string, bool) {
	var rel rspb.Release
	if err := json.Unmarshal([]byte(js), &rel); err != nil {
		return "", false
	}
	if c := rel.Chart; c != nil {
		c.Templates, c.Files, c.Values, c.Schema = nil, nil, nil, nil
	}
	b, err := json.Marshal(&rel)
	if err != nil {
		return "", false
	}
	return string(b), true
}

func gen(w *vecio.Writer, in []vecRec) {
	// Helm 3.17.3's release JSON (field 2 of release.vec), and every fourth
	// of them as Helm 4 writes it back
	for i, r := range in {
		if len(r) < 3 {
			die(errShort(r))
		}
		rec(w, "h3-"+r[0], r[2])
		if i%4 == 0 {
			if js, ok := helm4(r[2]); ok && js != r[2] {
				rec(w, "h4-"+r[0], js)
			}
		}
	}
	for _, h := range handJSON {
		rec(w, h[0], h[1])
	}
	hp := handPicked()
	for _, n := range sortedKeys(hp) {
		b, err := json.Marshal(hp[n])
		if err != nil {
			panic(err)
		}
		rec(w, "hp-"+n, string(b))
	}
	g := &gen4{r: rand.New(rand.NewSource(20261124))}
	for i := 0; i < 400; i++ {
		b, err := json.Marshal(g.release())
		if err != nil {
			panic(err)
		}
		rec(w, "r"+strconv.Itoa(i), string(b))
	}
}

type shortErr string

func (e shortErr) Error() string { return string(e) }

func errShort(r vecRec) error {
	if len(r) == 0 {
		return shortErr("release.vec: empty record")
	}
	return shortErr("release.vec: short record " + r[0])
}

func sortedKeys[V any](m map[string]V) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// handJSON: stored JSON spelled out, for shapes neither Helm writes but a
// decoder meets (Helm 3's "" zero times, "+00:00", nulls, duplicate keys,
// raw invalid UTF-8, numbers past float64's exact range).
var handJSON = [][2]string{
	{"j-empty", `{}`},
	{"j-null-fields", `{"name":null,"info":null,"chart":null,"config":null,"manifest":null,"hooks":null,"version":null,"namespace":null}`},
	{"j-info-empty-times", `{"name":"a","info":{"first_deployed":"","last_deployed":"","deleted":"","status":"deployed"},"version":1,"namespace":"ns"}`},
	{"j-info-null-times", `{"name":"a","info":{"first_deployed":null,"last_deployed":null,"deleted":null,"description":"d"}}`},
	{"j-info-zero-time", `{"name":"a","info":{"first_deployed":"0001-01-01T00:00:00Z","last_deployed":"0001-01-01T01:00:00+01:00","deleted":"0001-01-01T00:00:00.000000001Z"}}`},
	{"j-time-plus0", `{"name":"a","info":{"first_deployed":"2024-01-02T03:04:05+00:00","last_deployed":"2024-01-02T03:04:05.500-00:00","deleted":"2024-01-02T03:04:05.123456789+05:30"}}`},
	{"j-time-frac", `{"name":"a","info":{"first_deployed":"2024-01-02T03:04:05.000000000Z","last_deployed":"2024-01-02T03:04:05.100Z","deleted":"2024-12-31T23:59:59.999999999-12:00"}}`},
	{"j-time-year0", `{"name":"a","info":{"first_deployed":"0000-01-01T00:00:00+01:00","last_deployed":"9999-12-31T23:59:59-01:00","deleted":"0000-06-01T00:00:00Z"}}`},
	{"j-time-bad", `{"name":"a","info":{"first_deployed":"2024-01-02 03:04:05Z"}}`},
	{"j-info-extra", `{"name":"a","info":{"status":"deployed","resources":{},"extra":1,"description":"x"}}`},
	{"j-dup-keys", `{"name":"a","name":"b","config":{"k":1,"k":{"x":2}},"version":1,"version":2}`},
	{"j-bad-utf8", "{\"name\":\"a\xff\",\"manifest\":\"m\xc3(\\ud800x\",\"config\":{\"k\xfe\":\"v\xc0\xaf\",\"\\udc00\":1}}"},
	{"j-escapes", `{"name":"\u003c\u003e\u0026","manifest":"a\u2028b\u2029c\u0000d\u007f\"\\/","namespace":"<ns>&"}`},
	{"j-numbers", `{"name":"n","config":{"big":9007199254740993,"huge":123456789012345678901234567890,"neg0":-0,"e":1E5,"e2":1e21,"e3":1e-7,"e4":0.000001,"f":1.0,"f2":3.14159265358979323846,"min":5e-324,"max":1.7976931348623157e308,"i":-42,"frac":100.5e-2}}`},
	{"j-number-overflow", `{"name":"n","config":{"x":1e400}}`},
	{"j-config-nested", `{"name":"n","config":{"z":null,"a":[],"m":{},"l":[null,[],{},[1,"s",true,false,null]],"deep":{"b":{"a":{"c":[{"x":{}}]}}},"":"empty key","é":1,"E":2,"e":3,"~":4}}`},
	{"j-config-empty", `{"name":"n","config":{}}`},
	{"j-config-nullval", `{"name":"n","config":{"a":null}}`},
	{"j-hooks-empty", `{"name":"n","hooks":[]}`},
	{"j-hooks-alltest", `{"name":"n","hooks":[{"name":"t1","events":["test"]},{"name":"t2","events":["post-install","test"]}]}`},
	{"j-hooks-mixed", `{"name":"n","hooks":[{"name":"t1","events":["test"],"weight":3},{"name":"p","kind":"Job","events":["pre-install"],"weight":-1,"delete_policies":["hook-succeeded"],"output_log_policies":["hook-failed"],"last_run":{"started_at":"2024-01-02T03:04:05.06+07:00","completed_at":"","phase":"Succeeded"}},{"name":"t3","events":["test-success"]},{"name":"u","events":["TEST"]}]}`},
	{"j-hook-weight-max", `{"hooks":[{"name":"h","weight":9223372036854775807}]}`},
	{"j-version-big", `{"name":"v","version":9007199254740993}`},
	{"j-version-float", `{"name":"v","version":2.0}`},
	{"j-maint-null", `{"chart":{"metadata":{"name":"c","maintainers":[null,{"name":"m"}],"dependencies":[null]}}}`},
	{"j-annot-nonstring", `{"chart":{"metadata":{"annotations":{"a":1}}}}`},
	{"j-info-badtime", `{"info":{"first_deployed":5}}`},
	{"j-hook-zero", `{"hooks":[{}]}`},
	{"j-hook-lastrun-null", `{"hooks":[{"name":"h","last_run":null,"events":[],"delete_policies":[],"output_log_policies":[]}]}`},
	{"j-hook-weight", `{"hooks":[{"name":"h","weight":9007199254740993},{"name":"h2","weight":-9223372036854775808}]}`},
	{"j-chart-null-meta", `{"name":"n","chart":{"metadata":null,"templates":[]}}`},
	{"j-chart-empty-meta", `{"name":"n","chart":{"metadata":{}}}`},
	{"j-chart-meta-full", `{"name":"n","chart":{"metadata":{"name":"c","home":"h","sources":["s1",""],"version":"1.0.0","description":"<d>&","keywords":[],"maintainers":[{"name":"m","email":"e","url":"u"},{}],"icon":"i","apiVersion":"v2","condition":"c.enabled","tags":"t","appVersion":"1.0","deprecated":true,"annotations":{"b":"\u2028","a":"<>&","":"e","é":"x"},"kubeVersion":">=1.20","dependencies":[{"name":"d","repository":""},{"name":"","version":"1","repository":"r","condition":"x","tags":["a"],"enabled":true,"import-values":["a",{"child":"c","parent":"p"},null,1.5,[]],"alias":"al"},{"name":"e","repository":"r","import-values":[]}],"type":"application"},"lock":{"generated":"2024-01-01T00:00:00Z","digest":"x","dependencies":[]}}}`},
	{"j-chart-meta-falsy", `{"name":"n","chart":{"metadata":{"deprecated":false,"annotations":{},"maintainers":[],"dependencies":[],"sources":null}}}`},
	{"j-chart-extra", `{"name":"n","chart":{"metadata":{"name":"c","unknownField":1},"schemamodtime":"2024-01-01T00:00:00Z","modtime":"2024-01-01T00:00:00Z"},"apply_method":"ssa"}`},
	{"j-version-neg", `{"name":"n","version":-3}`},
	{"j-case-fold", `{"NAME":"upper","Version":7,"namespace":"ns"}`},
}

// handPicked: Helm 4 releases built in Go and written by its json.Marshal.
func handPicked() map[string]*rspb.Release {
	utc := time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)
	ist := time.FixedZone("IST", 19800)
	odd := time.FixedZone("", -34200)
	hook := func(n string, ev ...rspb.HookEvent) *rspb.Hook {
		return &rspb.Hook{Name: n, Kind: "Pod", Path: "c/templates/" + n + ".yaml", Manifest: "kind: Pod\n", Events: ev,
			LastRun: rspb.HookExecution{StartedAt: utc, CompletedAt: utc.Add(1500 * time.Millisecond), Phase: rspb.HookPhaseSucceeded}}
	}
	meta := &chart.Metadata{Name: "app", Version: "1.2.3", APIVersion: "v2", AppVersion: "v1<2>&3",
		Description: "line\u2028sep\u2029para <b>", Home: "https://example.com/?a=1&b=2",
		Sources: []string{"https://a", "https://b"}, Keywords: []string{"k1", "k&2"},
		Maintainers: []*chart.Maintainer{{Name: "A <a>", Email: "a@x", URL: "https://x"}, {Name: "B"}, {}},
		Annotations: map[string]string{"z": "last", "a<": "first&", "m\u2028": "\u2028", "category": "Database"},
		Dependencies: []*chart.Dependency{
			{Name: "sub", Version: "~1.0", Repository: "oci://r", Condition: "sub.enabled", Tags: []string{"t"}, Enabled: true,
				ImportValues: []any{"data", map[string]any{"child": "a.b", "parent": "c"}}, Alias: "s"},
			{Name: "lib", Repository: "file://../lib", ImportValues: []any{}},
		},
		KubeVersion: ">=1.25.0-0", Type: "application", Deprecated: true, Icon: "https://i", Condition: "x", Tags: "y"}
	return map[string]*rspb.Release{
		"empty":            {},
		"info-zero":        {Name: "x", Info: &rspb.Info{}, Version: 1},
		"no-chart":         {Name: "x", Namespace: "ns", Version: 2, Info: &rspb.Info{Status: rcommon.StatusDeployed, FirstDeployed: utc}},
		"chart-no-meta":    {Name: "x", Chart: &chart.Chart{Templates: []*common.File{{Name: "t", Data: []byte("x")}}}},
		"chart-empty-meta": {Name: "x", Chart: &chart.Chart{Metadata: &chart.Metadata{}}},
		"full": {Name: "app", Namespace: "tenant-root", Version: 7, Manifest: "---\n# Source: app/templates/cm.yaml\nkind: ConfigMap\ndata: {a: \"<&>\"}\n",
			Info: &rspb.Info{FirstDeployed: utc.In(ist), LastDeployed: utc.Add(123456789 * time.Nanosecond).In(odd),
				Deleted: utc.Add(time.Hour + 1), Description: "Upgrade complete", Status: rcommon.StatusSuperseded, Notes: "NOTES <html>\n"},
			Chart: &chart.Chart{Metadata: meta},
			Config: map[string]any{"replicas": int64(3), "big": int64(9007199254740993), "max": int64(math.MaxInt64), "min": int64(math.MinInt64),
				"f": 0.1, "e": 1e21, "small": 1e-7, "neg0": math.Copysign(0, -1), "nested": map[string]any{"l": []any{nil, 1.5, "s", []any{}, map[string]any{}}},
				"null": nil, "html": "<script>&</script>", "u2028": "\u2028\u2029"},
			Hooks: []*rspb.Hook{hook("pre", rspb.HookPreInstall, rspb.HookPreUpgrade), hook("test", rspb.HookTest),
				hook("both", rspb.HookPostInstall, rspb.HookTest), hook("post", rspb.HookPostUpgrade)},
			ApplyMethod: "ssa"},
		"hooks-all-test": {Name: "t", Hooks: []*rspb.Hook{hook("a", rspb.HookTest), hook("b", rspb.HookTest, rspb.HookTest)}},
		"hooks-none-test": {Name: "t", Hooks: []*rspb.Hook{hook("a"), {Weight: 5, DeletePolicies: []rspb.HookDeletePolicy{rspb.HookBeforeHookCreation},
			OutputLogPolicies: []rspb.HookOutputLogPolicy{rspb.HookOutputOnSucceeded, rspb.HookOutputOnFailed}}}},
		"hooks-empty":  {Name: "t", Hooks: []*rspb.Hook{}},
		"config-empty": {Name: "t", Config: map[string]any{}},
		"nanos": {Name: "t", Info: &rspb.Info{FirstDeployed: time.Date(2023, 1, 1, 0, 0, 0, 1, time.FixedZone("", 45)),
			LastDeployed: time.Date(1, 1, 1, 0, 0, 0, 0, time.FixedZone("", -3600)), Deleted: time.Date(9999, 12, 31, 23, 59, 59, 999999999, time.UTC)}},
	}
}

// ---- random Helm 4 releases ----

type gen4 struct{ r *rand.Rand }

var words = []string{"app", "web", "db", "redis", "nginx", "kube", "cozy", "tenant", "root", "x",
	"postgres", "etcd", "ingress", "monitoring", "a-b", "v1", "É", "日本"}

var oddStrings = []string{"", "<b>&amp;</b>", "quote\"back\\slash", "line1\nline2\n", "tab\there",
	"caf\u00e9 \u65e5\u672c \U0001F389", "sep\u2028para\u2029", "ctl\x01\x1f\x7f", "bad\xffutf8\xc3",
	"nul\x00byte", "{{ .Values.x }}", "\ufeffbom", "\u0085nel", "a\rb", "/slash/"}

func (g *gen4) word() string { return words[g.r.Intn(len(words))] }

func (g *gen4) str() string {
	switch g.r.Intn(5) {
	case 0:
		return ""
	case 1:
		return oddStrings[g.r.Intn(len(oddStrings))]
	case 2:
		return g.word() + "-" + strconv.Itoa(g.r.Intn(100))
	default:
		n := 1 + g.r.Intn(3)
		p := make([]string, n)
		for i := range p {
			p[i] = g.word()
		}
		return strings.Join(p, " ")
	}
}

func (g *gen4) strs() []string {
	switch g.r.Intn(4) {
	case 0:
		return nil
	case 1:
		return []string{}
	}
	s := make([]string, 1+g.r.Intn(3))
	for i := range s {
		s[i] = g.str()
	}
	return s
}

var zones = []int{0, 0, 3600, -3600, 19800, -34200, 50400, -43200, 45, -45, 3661, 86340, -86340}

func (g *gen4) tm() time.Time {
	if g.r.Intn(4) == 0 {
		return time.Time{}
	}
	var sec int64
	switch g.r.Intn(5) {
	case 0:
		sec = -62135596800 + g.r.Int63n(86400*2)
	case 1:
		sec = 253402300799 - g.r.Int63n(86400*2)
	default:
		sec = 1500000000 + g.r.Int63n(400000000)
	}
	var nsec int64
	switch g.r.Intn(4) {
	case 0:
	case 1:
		nsec = int64(g.r.Intn(1000)) * 1000000
	default:
		nsec = g.r.Int63n(1000000000)
	}
	off := zones[g.r.Intn(len(zones))]
	loc := time.UTC
	if off != 0 || g.r.Intn(2) == 0 {
		loc = time.FixedZone("", off)
	}
	t := time.Unix(sec, nsec).In(loc)
	if y := t.Year(); y < 0 || y > 9999 {
		return time.Unix(sec, nsec).UTC()
	}
	return t
}

func (g *gen4) scalar() any {
	switch g.r.Intn(10) {
	case 0:
		return nil
	case 1:
		return g.r.Intn(2) == 0
	case 2:
		return []int64{0, 1, -1, 42, math.MaxInt64, math.MinInt64, 9007199254740993, 1 << 53, 1<<53 + 1, 123456789012345678}[g.r.Intn(10)]
	case 3:
		return []float64{0.1, 1e21, 1e20, 1e-7, 1e-6, 123456789.125, math.Copysign(0, -1), 5e-324, math.MaxFloat64, 1e6, 3, 2.5e-8, 1.0000000000000002}[g.r.Intn(13)]
	case 4:
		return g.r.NormFloat64() * math.Pow(10, float64(g.r.Intn(40)-20))
	case 5:
		return float64(g.r.Int63n(1 << 60))
	default:
		return g.str()
	}
}

func (g *gen4) key() string {
	if g.r.Intn(6) == 0 {
		return oddStrings[g.r.Intn(len(oddStrings))]
	}
	return g.word()
}

func (g *gen4) value(depth int) any {
	if depth <= 0 {
		return g.scalar()
	}
	switch g.r.Intn(6) {
	case 0:
		return g.vmap(depth - 1)
	case 1:
		l := make([]any, g.r.Intn(4))
		for i := range l {
			l[i] = g.value(depth - 1)
		}
		return l
	default:
		return g.scalar()
	}
}

func (g *gen4) vmap(depth int) map[string]any {
	m := map[string]any{}
	n := g.r.Intn(7)
	for i := 0; i < n; i++ {
		m[g.key()] = g.value(depth)
	}
	return m
}

func (g *gen4) deps() []*chart.Dependency {
	switch g.r.Intn(3) {
	case 0:
		return nil
	case 1:
		return []*chart.Dependency{}
	}
	ds := make([]*chart.Dependency, 1+g.r.Intn(3))
	for i := range ds {
		d := &chart.Dependency{Name: g.word(), Repository: g.str()}
		if g.r.Intn(2) == 0 {
			d.Version = g.str()
		}
		if g.r.Intn(3) == 0 {
			d.Condition = g.str()
		}
		d.Tags = g.strs()
		d.Enabled = g.r.Intn(2) == 0
		switch g.r.Intn(4) {
		case 0:
			d.ImportValues = []any{}
		case 1:
			d.ImportValues = []any{g.str(), map[string]any{"child": g.str(), "parent": g.str()}}
		case 2:
			d.ImportValues = []any{g.value(2), g.value(2)}
		}
		if g.r.Intn(3) == 0 {
			d.Alias = g.str()
		}
		ds[i] = d
	}
	return ds
}

func (g *gen4) metadata() *chart.Metadata {
	if g.r.Intn(15) == 0 {
		return nil
	}
	if g.r.Intn(15) == 0 {
		return &chart.Metadata{}
	}
	m := &chart.Metadata{Name: g.word(), Version: "0." + strconv.Itoa(g.r.Intn(30)) + ".0", APIVersion: "v2"}
	if g.r.Intn(3) == 0 {
		m.APIVersion = g.str()
	}
	if g.r.Intn(2) == 0 {
		m.Home = g.str()
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
		m.Annotations = map[string]string{g.key(): g.str(), g.key(): g.str(), "category": g.word()}
	}
	if g.r.Intn(3) == 0 {
		m.KubeVersion = g.str()
	}
	m.Dependencies = g.deps()
	if g.r.Intn(2) == 0 {
		m.Type = []string{"application", "library", ""}[g.r.Intn(3)]
	}
	return m
}

var statuses = []rcommon.Status{"deployed", "superseded", "failed", "pending-install", "pending-upgrade",
	"pending-rollback", "uninstalling", "uninstalled", "unknown", ""}

var events = []rspb.HookEvent{"pre-install", "post-install", "pre-delete", "post-delete",
	"pre-upgrade", "post-upgrade", "pre-rollback", "post-rollback", "test", "test", "test"}

var phases = []rspb.HookPhase{"Unknown", "Running", "Succeeded", "Failed", ""}

func (g *gen4) hooks() []*rspb.Hook {
	switch g.r.Intn(5) {
	case 0:
		return nil
	case 1:
		return []*rspb.Hook{}
	}
	hs := make([]*rspb.Hook, 1+g.r.Intn(4))
	for i := range hs {
		h := &rspb.Hook{Name: g.word() + "-hook", Kind: []string{"Job", "Pod", "ConfigMap", ""}[g.r.Intn(4)],
			Path: g.word() + "/templates/hook.yaml", Manifest: g.str()}
		if g.r.Intn(8) == 0 {
			h.Name = g.str()
		}
		switch g.r.Intn(4) {
		case 0:
			h.Events = []rspb.HookEvent{}
		case 1, 2:
			for j := 0; j < 1+g.r.Intn(3); j++ {
				h.Events = append(h.Events, events[g.r.Intn(len(events))])
			}
		}
		h.LastRun = rspb.HookExecution{StartedAt: g.tm(), CompletedAt: g.tm(), Phase: phases[g.r.Intn(len(phases))]}
		if g.r.Intn(2) == 0 {
			// past 2^53 only in handJSON: cozypkg reads int fields through float64
			h.Weight = []int{0, 1, -5, 10, 1 << 53, -(1 << 53)}[g.r.Intn(6)]
		}
		switch g.r.Intn(3) {
		case 0:
			h.DeletePolicies = []rspb.HookDeletePolicy{}
		case 1:
			h.DeletePolicies = []rspb.HookDeletePolicy{rspb.HookSucceeded, rspb.HookBeforeHookCreation}[:1+g.r.Intn(2)]
		}
		switch g.r.Intn(3) {
		case 0:
			h.OutputLogPolicies = []rspb.HookOutputLogPolicy{}
		case 1:
			h.OutputLogPolicies = []rspb.HookOutputLogPolicy{rspb.HookOutputOnFailed, rspb.HookOutputOnSucceeded}[:1+g.r.Intn(2)]
		}
		hs[i] = h
	}
	return hs
}

func (g *gen4) release() *rspb.Release {
	r := &rspb.Release{Name: g.word() + "-" + strconv.Itoa(g.r.Intn(1000)), Namespace: g.word()}
	if g.r.Intn(8) == 0 {
		r.Name = g.str()
	}
	if g.r.Intn(8) == 0 {
		r.Namespace = g.str()
	}
	if g.r.Intn(12) != 0 {
		r.Info = &rspb.Info{FirstDeployed: g.tm(), LastDeployed: g.tm(), Deleted: g.tm(),
			Description: g.str(), Status: statuses[g.r.Intn(len(statuses))], Notes: g.str()}
	}
	if g.r.Intn(10) != 0 {
		r.Chart = &chart.Chart{Metadata: g.metadata()}
		if g.r.Intn(3) == 0 {
			r.Chart.Templates = []*common.File{{Name: "templates/x.yaml", Data: []byte(g.str())}}
			r.Chart.Values = g.vmap(2)
		}
	}
	switch g.r.Intn(5) {
	case 0:
	case 1:
		r.Config = map[string]any{}
	default:
		r.Config = g.vmap(3)
	}
	r.Manifest = g.str()
	r.Hooks = g.hooks()
	r.Version = []int{0, 1, 2, 3, 10, 99, 1000, -1}[g.r.Intn(8)]
	if g.r.Intn(4) == 0 {
		r.ApplyMethod = []string{"ssa", "csa", "x"}[g.r.Intn(3)]
	}
	return r
}
