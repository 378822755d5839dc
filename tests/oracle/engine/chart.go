package main

import (
	"helm.sh/helm/v3/pkg/chart"
	"helm.sh/helm/v3/pkg/chartutil"
	"helm.sh/helm/v3/pkg/engine"
	"sigs.k8s.io/yaml"
)

// fixtureValues must equal tests/unit/chart/engine_fixture.h.
const fixtureValues = `name: app
replicas: 3
ratio: 1.5
big: 1000000
neg: -2
zero: 0
enabled: true
disabled: false
empty: ""
nothing: null
list: [a, b, c]
nums: [1, 2, 3]
mixed: [1, x, true, null, {k: v}]
emptylist: []
emptymap: {}
map: {b: 2, a: 1, c: {d: deep}}
str: hello world
pct: "100%"
multi: "line1\nline2\n"
spaces: "  padded  "
unicode: "héllo ✓"
html: "<a href='x'>&amp;</a>"
url: "https://user:pw@example.com:8080/a/b?x=1&y=2#frag"
date: "2024-03-05T14:07:09Z"
version: "1.28.3"
yamlText: "a: 1\nb: [x, y]\n"
jsonText: '{"a": 1, "b": [true, null]}'
`

// renderSnippet renders one template as templates/t.yaml of chart
// "mychart" 0.1.0 (appVersion 1.0) with release "rel" in namespace "ns".
func renderSnippet(tpl string) string {
	var vals map[string]interface{}
	if err := yaml.Unmarshal([]byte(fixtureValues), &vals); err != nil {
		panic(err)
	}
	c := &chart.Chart{
		Metadata: &chart.Metadata{APIVersion: "v2", Name: "mychart", Version: "0.1.0", AppVersion: "1.0",
			Description: "test chart", Type: "application"},
		Templates: []*chart.File{
			{Name: "templates/t.yaml", Data: []byte(tpl)},
			{Name: "templates/_helpers.tpl", Data: []byte(`{{- define "helper" -}}[{{ . }}]{{- end -}}`)},
		},
		Values: map[string]interface{}{},
		Files:  []*chart.File{{Name: "files/a.txt", Data: []byte("hello\nworld\n")}, {Name: "files/b.json", Data: []byte(`{"x": 1}`)}},
	}
	opts := chartutil.ReleaseOptions{Name: "rel", Namespace: "ns", Revision: 1, IsInstall: true}
	top, err := chartutil.ToRenderValues(c, vals, opts, chartutil.DefaultCapabilities.Copy())
	if err != nil {
		return "err\t" + err.Error()
	}
	out, err := engine.Render(c, top)
	if err != nil {
		return "err\t" + err.Error()
	}
	return "ok\t" + out["mychart/templates/t.yaml"]
}
