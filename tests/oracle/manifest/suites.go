package main

import (
	"bytes"
	"context"
	"fmt"
	"log"
	"math/rand"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"helm.sh/helm/v3/pkg/action"
	"helm.sh/helm/v3/pkg/chart"
	"helm.sh/helm/v3/pkg/chartutil"
	"helm.sh/helm/v3/pkg/engine"
	"helm.sh/helm/v3/pkg/release"
	"helm.sh/helm/v3/pkg/releaseutil"
)

// ---- split: releaseutil.SplitManifests ----

var splitCases = []string{
	"", "   ", "---", "---\n", "\n---\n", "a", "a\n---\nb", "---\na\n---\nb\n---", "a\n---\n---\nb",
	"---\n---\n---", "a\n--- # c\nb", "a\r\n---\r\nb\r\n", "a\n----\nb", "a\n---x\nb", "a---b", "a\n ---\nb",
	"a \t\n\n---  \n\nb", "a\n---\n\n\n", "a: \"x\n---\ny\"", "a: |\n  x\n---\n  y", "\u00a0a\n---\nb\u00a0",
	"a\u00a0\n---\nb", "a\n---\u00a0b", "a\x0b\n---\x0bb", "a\f\n---\fb", "---a", "--- a\n--- b", "a\n---\n",
	"\n\n---\n\n", "# c\n---\n# d", "a\n---\n---\n---\nb", "a\r\n---\nb", "a\n\r---\nb", "a\n---\r\n\r\nb",
	"a\n--- ---\nb", "\u2028---\na", "a\n---\n\u3000b\u3000", "x\n-- -\ny", "x\n---\n-\n---\ny",
}

func genSplit(w *writer) {
	r := rand.New(rand.NewSource(1))
	cases := append([]string{}, splitCases...)
	alphabet := []string{"-", "-", "-", "---", "\n", "\n", " ", "\t", "\r", "a", "b: c", "#", "\u00a0", "\x0b", "\u2003"}
	for i := 0; i < 150; i++ {
		var b strings.Builder
		n := r.Intn(14)
		for j := 0; j < n; j++ {
			b.WriteString(pick(r, alphabet))
		}
		cases = append(cases, b.String())
	}
	for i := 0; i < 100; i++ {
		cases = append(cases, randFile(r, r.Intn(2) == 0))
	}
	seen := map[string]bool{}
	n := 0
	for _, c := range cases {
		if seen[c] {
			continue
		}
		seen[c] = true
		m := releaseutil.SplitManifests(c)
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Sort(releaseutil.BySplitManifestsOrder(keys))
		docs := []string{}
		for i, k := range keys {
			if k != fmt.Sprintf("manifest-%d", i) {
				panic("split keys")
			}
			docs = append(docs, m[k])
		}
		w.rec(fmt.Sprintf("split%04d", n), "split", c, ns(docs...))
		n++
	}
}

// ---- sort: releaseutil.SortManifests ----

var sortNames = []string{
	"c/templates/a.yaml", "c/templates/b.yaml", "c/templates/_p.tpl", "c/templates/sub/_x.yaml",
	"c/templates/NOTES.txt", "c/charts/s/templates/z.yaml", "c/templates/B.yaml", "c/templates/a.yml",
	"c/templates/sub/d.yaml", "c/templates/aa.yaml", "c/templates/a-b.yaml", "c/templates/_", "c/x.yaml",
}

func serializeSort(hooks []*release.Hook, manifests []releaseutil.Manifest) (string, string) {
	var ms, hs []string
	for _, m := range manifests {
		meta, mname, anns := "0", "", "-"
		if m.Head.Metadata != nil {
			meta = "1"
			mname = m.Head.Metadata.Name
			if m.Head.Metadata.Annotations != nil {
				keys := []string{}
				for k := range m.Head.Metadata.Annotations {
					keys = append(keys, k)
				}
				sort.Strings(keys)
				kv := []string{}
				for _, k := range keys {
					kv = append(kv, k, m.Head.Metadata.Annotations[k])
				}
				anns = "+" + ns(kv...)
			}
		}
		ms = append(ms, ns(m.Name, m.Head.Version, m.Head.Kind, meta, mname, anns, m.Content))
	}
	for _, h := range hooks {
		ev := []string{}
		for _, e := range h.Events {
			ev = append(ev, string(e))
		}
		dp := []string{}
		for _, p := range h.DeletePolicies {
			dp = append(dp, string(p))
		}
		hs = append(hs, ns(h.Name, h.Kind, h.Path, h.Manifest, ns(ev...), strconv.Itoa(h.Weight), ns(dp...)))
	}
	return ns(ms...), ns(hs...)
}

func genSort(w *writer) {
	r := rand.New(rand.NewSource(2))
	var logBuf bytes.Buffer
	log.SetOutput(&logBuf)
	log.SetFlags(log.Lshortfile) // as cmd/helm/helm.go does
	run := func(name string, files map[string]string) {
		logBuf.Reset()
		keys := []string{}
		for k := range files {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		in := []string{}
		for _, k := range keys {
			in = append(in, k, files[k])
		}
		hooks, manifests, err := releaseutil.SortManifests(files, nil, releaseutil.InstallOrder)
		if err != nil {
			w.rec(name, "sort", ns(in...), "E"+err.Error(), "", logBuf.String())
			return
		}
		m, h := serializeSort(hooks, manifests)
		w.rec(name, "sort", ns(in...), m, h, logBuf.String())
	}
	n := 0
	// every odd document alone, then in company
	for _, d := range oddDocs {
		run(fmt.Sprintf("sort%04d", n), map[string]string{"c/templates/a.yaml": d})
		n++
	}
	for i := 0; i < 60; i++ {
		run(fmt.Sprintf("sort%04d", n), map[string]string{"c/templates/a.yaml": pick(r, oddDocs) + "\n---\n" + head(r, r.Intn(2) == 0)})
		n++
	}
	// every kind of InstallOrder, equal kinds, unknown kinds: sorting
	for i := 0; i < 40; i++ {
		var b strings.Builder
		k := r.Intn(30) + 2
		for j := 0; j < k; j++ {
			if j > 0 {
				b.WriteString("\n---\n")
			}
			fmt.Fprintf(&b, "kind: %s\nmetadata:\n  name: n%d\n", randKind(r), j)
			if r.Intn(4) == 0 {
				fmt.Fprintf(&b, "  annotations:\n    helm.sh/hook: %s\n", pick(r, hookValues[:10]))
			}
		}
		run(fmt.Sprintf("sort%04d", n), map[string]string{"c/templates/all.yaml": b.String(), "c/templates/b.yaml": head(r, false)})
		n++
	}
	for i := 0; i < 260; i++ {
		files := map[string]string{}
		k := r.Intn(5) + 1
		for j := 0; j < k; j++ {
			files[pick(r, sortNames)] = randFile(r, r.Intn(4) != 0)
		}
		run(fmt.Sprintf("sort%04d", n), files)
		n++
	}
}

// ---- tmpl: `helm template` (action.Install ClientOnly + cmd/helm/template.go) ----

type chartSpec struct {
	name      string
	templates []*chart.File
	files     []*chart.File
	deps      []*chartSpec
}

func (s *chartSpec) build() *chart.Chart {
	c := &chart.Chart{
		Metadata:  &chart.Metadata{APIVersion: "v2", Name: s.name, Version: "0.1.0"},
		Templates: s.templates,
		Files:     s.files,
		Values:    map[string]interface{}{},
	}
	for _, d := range s.deps {
		c.AddDependency(d.build())
	}
	return c
}

// encode: ns(name, ns(file names and data...), ns(deps...))
func (s *chartSpec) encode() string {
	fs := []string{}
	for _, f := range s.files {
		fs = append(fs, f.Name, string(f.Data))
	}
	ds := []string{}
	for _, d := range s.deps {
		ds = append(ds, d.encode())
	}
	return ns(s.name, ns(fs...), ns(ds...))
}

var tmplNames = []string{
	"templates/a.yaml", "templates/b.yaml", "templates/c.yaml", "templates/sub/d.yaml", "templates/NOTES.txt",
	"templates/_helpers.tpl", "templates/e.txt", "templates/z.json", "templates/empty.yaml",
}

var crdNames = []string{
	"crds/a.yaml", "crds/b.json", "crds/c.txt", "crds/sub/d.YML", "crdsx/e.yaml", "other/crds/f.yaml", "crds/g.yml",
	"crds/h.Yaml", "crds/noext", "README.md",
}

func randChart(r *rand.Rand, name string, depth int) *chartSpec {
	s := &chartSpec{name: name}
	k := r.Intn(5)
	used := map[string]bool{}
	for j := 0; j < k; j++ {
		n := pick(r, tmplNames)
		if used[n] {
			continue
		}
		used[n] = true
		var data string
		switch {
		case strings.HasSuffix(n, "NOTES.txt"):
			data = "Thank you for installing.\n"
		case strings.HasSuffix(n, ".tpl"):
			data = "{{- define \"x\" -}}x{{- end -}}"
		case strings.HasSuffix(n, "empty.yaml"):
			data = pick(r, []string{"", "\n\n", "  \n"})
		default:
			data = randFile(r, r.Intn(8) != 0)
		}
		s.templates = append(s.templates, &chart.File{Name: n, Data: []byte(data)})
	}
	if r.Intn(3) == 0 {
		k = r.Intn(4) + 1
		for j := 0; j < k; j++ {
			n := pick(r, crdNames)
			if used[n] {
				continue
			}
			used[n] = true
			data := fmt.Sprintf("apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: %s.example.com\n", strings.ReplaceAll(n, "/", "-"))
			switch r.Intn(4) {
			case 0:
				data += "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: second\n"
			case 1:
				data += "\n\n"
			case 2:
				data = strings.TrimSuffix(data, "\n")
			}
			s.files = append(s.files, &chart.File{Name: n, Data: []byte(data)})
		}
	}
	if depth < 2 && r.Intn(4) == 0 {
		k = r.Intn(2) + 1
		for j := 0; j < k; j++ {
			s.deps = append(s.deps, randChart(r, fmt.Sprintf("sub%d", j), depth+1))
		}
	}
	return s
}

type tmplOpts struct {
	noHooks, crds, skipTests bool
	show                     []string
}

func b01(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// helmTemplate runs what `helm template release-name CHART` runs, for a
// chart already in memory: action.Install's client-only dry run, then the
// printing of cmd/helm/template.go (package main there, so repeated here
// statement for statement).
func helmTemplate(ch *chart.Chart, o tmplOpts) (string, string) {
	cfg := &action.Configuration{Log: func(string, ...interface{}) {}}
	client := action.NewInstall(cfg)
	client.DryRunOption = "true"
	client.DryRun = true
	client.ReleaseName = "release-name"
	client.Replace = true
	client.ClientOnly = true
	client.IncludeCRDs = o.crds
	client.DisableHooks = o.noHooks
	client.Namespace = "default"
	rel, err := client.RunWithContext(context.Background(), ch, map[string]interface{}{})
	if err != nil {
		if rel != nil {
			return "", fmt.Errorf("%w\n\nUse --debug flag to render out invalid YAML", err).Error()
		}
		return "", err.Error()
	}
	var out bytes.Buffer
	var manifests bytes.Buffer
	fmt.Fprintln(&manifests, strings.TrimSpace(rel.Manifest))
	if !client.DisableHooks {
		for _, m := range rel.Hooks {
			if o.skipTests && isTestHook(m) {
				continue
			}
			fmt.Fprintf(&manifests, "---\n# Source: %s\n%s\n", m.Path, m.Manifest)
		}
	}
	if len(o.show) > 0 {
		splitManifests := releaseutil.SplitManifests(manifests.String())
		manifestsKeys := make([]string, 0, len(splitManifests))
		for k := range splitManifests {
			manifestsKeys = append(manifestsKeys, k)
		}
		sort.Sort(releaseutil.BySplitManifestsOrder(manifestsKeys))
		manifestNameRegex := regexp.MustCompile("# Source: [^/]+/(.+)")
		var manifestsToRender []string
		for _, f := range o.show {
			missing := true
			f = filepath.ToSlash(f)
			for _, manifestKey := range manifestsKeys {
				manifest := splitManifests[manifestKey]
				submatch := manifestNameRegex.FindStringSubmatch(manifest)
				if len(submatch) == 0 {
					continue
				}
				manifestName := submatch[1]
				manifestPathSplit := strings.Split(manifestName, "/")
				manifestPath := strings.Join(manifestPathSplit, "/")
				if matched, _ := filepath.Match(f, manifestPath); !matched {
					continue
				}
				manifestsToRender = append(manifestsToRender, manifest)
				missing = false
			}
			if missing {
				return "", fmt.Errorf("could not find template %s in chart", f).Error()
			}
		}
		for _, m := range manifestsToRender {
			fmt.Fprintf(&out, "---\n%s\n", m)
		}
	} else {
		fmt.Fprintf(&out, "%s", manifests.String())
	}
	return out.String(), ""
}

func isTestHook(h *release.Hook) bool {
	for _, e := range h.Events {
		if e == release.HookTest {
			return true
		}
	}
	return false
}

var showPatterns = []string{
	"templates/a.yaml", "templates/b.yaml", "templates/*.yaml", "templates/*", "templates/nope.yaml",
	"charts/sub0/templates/a.yaml", "charts/*/templates/*", "crds/a.yaml", "crds/*", "templates/[", "templates\\a.yaml",
	"templates/sub/d.yaml", "templates/?.yaml", "templates/[ab].yaml", "*", "templates/NOTES.txt", "templates/e.txt",
}

func genTemplate(w *writer) {
	r := rand.New(rand.NewSource(3))
	rootNames := []string{"mychart", "app", "a.b", "x_y", "chart-1"}
	for n := 0; n < 420; n++ {
		spec := randChart(r, pick(r, rootNames), 0)
		o := tmplOpts{noHooks: r.Intn(3) == 0, crds: r.Intn(2) == 0, skipTests: r.Intn(3) == 0}
		if r.Intn(4) == 0 {
			k := r.Intn(3) + 1
			for j := 0; j < k; j++ {
				o.show = append(o.show, pick(r, showPatterns))
			}
		}
		ch := spec.build()
		// the rendered map the C side starts from: engine.Render as
		// action.Install calls it (the templates here have no actions)
		top, err := chartutil.ToRenderValues(ch, map[string]interface{}{},
			chartutil.ReleaseOptions{Name: "release-name", Namespace: "default", Revision: 1, IsInstall: true},
			chartutil.DefaultCapabilities.Copy())
		if err != nil {
			panic(err)
		}
		rendered, err := engine.Render(ch, top)
		if err != nil {
			panic(err)
		}
		keys := []string{}
		for k := range rendered {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		rs := []string{}
		for _, k := range keys {
			rs = append(rs, k, rendered[k])
		}
		stdout, errText := helmTemplate(spec.build(), o)
		opts := append([]string{b01(o.noHooks), b01(o.crds), b01(o.skipTests)}, o.show...)
		w.rec(fmt.Sprintf("tmpl%04d", n), "tmpl", ns(opts...), spec.encode(), ns(rs...), stdout, errText)
	}
}
