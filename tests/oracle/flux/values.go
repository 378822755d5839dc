package main

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"cozypkg.test/oracle/vecio/tval"
	"dario.cat/mergo"
	v2 "github.com/fluxcd/helm-controller/api/v2"
	fluxchartutil "github.com/fluxcd/pkg/chartutil"
	"github.com/go-logr/logr"
	"github.com/opencontainers/go-digest"
	corev1 "k8s.io/api/core/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/kubernetes/scheme"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/client/fake"
	sigsyaml "sigs.k8s.io/yaml"
)

// values: upstream cozyhr's mergedValues (github.com/cozystack/cozyhr v1.6.1
// main.go:388-463) followed by its -f handling (loadExtraValues,
// main.go:1237-1253, merged by cmdShow main.go:679-683), re-stated here
// line by line with the libraries it calls (mergo v1.0.2 WithOverride,
// sigs.k8s.io/yaml, fluxcd/pkg/chartutil ChartValuesFromReferences) because
// cozyhr is a main package; the one deliberate change is cozypkg's: the
// older annotation name is read when the new one is absent or empty.  Also
// helm-controller's own values (helmrelease_controller.go:312:
// ChartValuesFromReferences(ns, GetValues(), valuesFrom...)) and
// chartutil.DigestValues of both.
//
// Fields: hr JSON, files JSON ({path: content} under the chart dir "."),
// -f JSON (list of paths), resources JSON (ConfigMaps/Secrets as the
// apiserver serves them), merged (tval or "ERR:"+error), controller values
// (tval or "ERR:"+error), digest of merged, digest of controller values.

func init() { register("values", genValues) }

func cozyMerged(ctx context.Context, cl client.Client, hr *v2.HelmRelease, chartDir string, extraVals []string) (map[string]interface{}, error) {
	vals := map[string]interface{}{}
	var valuesFiles []string
	if ann := hr.GetAnnotations(); ann != nil {
		vfStr := ann["cozyhr.cozystack.io/values-files"]
		if vfStr == "" {
			vfStr = ann["cozypkg.cozystack.io/values-files"] // cozypkg: the older name too
		}
		if vfStr != "" {
			valuesFiles = strings.Split(vfStr, ",")
			for i, vf := range valuesFiles {
				valuesFiles[i] = strings.TrimSpace(vf)
			}
		}
	}
	if len(valuesFiles) == 0 && hr.Spec.Chart != nil {
		valuesFiles = hr.Spec.Chart.Spec.ValuesFiles
	}
	for _, vf := range valuesFiles {
		if vf == "-" {
			continue
		}
		data, err := os.ReadFile(filepath.Join(chartDir, vf))
		if err != nil {
			return nil, err
		}
		var mv map[string]interface{}
		if err := sigsyaml.Unmarshal(data, &mv); err != nil {
			return nil, err
		}
		if err := mergo.Merge(&vals, mv, mergo.WithOverride); err != nil {
			return nil, err
		}
	}
	if hr.Spec.Values != nil && len(hr.Spec.Values.Raw) > 0 {
		var mv map[string]interface{}
		if err := sigsyaml.Unmarshal(hr.Spec.Values.Raw, &mv); err != nil {
			return nil, err
		}
		if err := mergo.Merge(&vals, mv, mergo.WithOverride); err != nil {
			return nil, err
		}
	}
	if len(hr.Spec.ValuesFrom) > 0 {
		mergedVals, err := fluxchartutil.ChartValuesFromReferences(ctx, logr.Discard(), cl, hr.Namespace, vals, hr.Spec.ValuesFrom...)
		if err != nil {
			return nil, fmt.Errorf("failed to merge values from references: %w", err)
		}
		vals = mergedVals
	}
	// loadExtraValues
	merged := map[string]interface{}{}
	for _, vf := range extraVals {
		data, err := os.ReadFile(vf)
		if err != nil {
			return nil, err
		}
		var mv map[string]interface{}
		if err := sigsyaml.Unmarshal(data, &mv); err != nil {
			return nil, err
		}
		if err := mergo.Merge(&merged, mv, mergo.WithOverride); err != nil {
			return nil, err
		}
	}
	if err := mergo.Merge(&vals, merged, mergo.WithOverride); err != nil {
		return nil, err
	}
	return vals, nil
}

type valCase struct {
	hr    map[string]interface{}
	files map[string]string
	extra []string
	res   []client.Object
}

func runValCase(w *Writer, dir, name string, c valCase) {
	// the chart directory: exactly c.files
	ents, _ := os.ReadDir(dir)
	for _, e := range ents {
		os.RemoveAll(filepath.Join(dir, e.Name()))
	}
	for p, content := range c.files {
		full := filepath.Join(dir, p)
		os.MkdirAll(filepath.Dir(full), 0o755)
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			panic(err)
		}
	}
	raw, err := json.Marshal(c.hr)
	if err != nil {
		panic(err)
	}
	var hr v2.HelmRelease
	if err := json.Unmarshal(raw, &hr); err != nil {
		panic(err)
	}
	cl := fake.NewClientBuilder().WithScheme(scheme.Scheme).WithObjects(c.res...).Build()
	ctx := context.Background()

	var resJSON []json.RawMessage
	for _, o := range c.res {
		b, err := json.Marshal(o)
		if err != nil {
			panic(err)
		}
		resJSON = append(resJSON, b)
	}
	rj, _ := json.Marshal(resJSON)
	fj, _ := json.Marshal(c.files)
	ej, _ := json.Marshal(c.extra)
	if c.extra == nil {
		ej = []byte("[]")
	}
	if resJSON == nil {
		rj = []byte("[]")
	}

	out1, d1 := "", ""
	if v, err := cozyMerged(ctx, cl, &hr, ".", c.extra); err != nil {
		out1 = "ERR:" + err.Error()
	} else {
		out1 = tval.String(v)
		d1 = fluxchartutil.DigestValues(digest.Canonical, v).String()
	}
	out2, d2 := "", ""
	if v, err := fluxchartutil.ChartValuesFromReferences(ctx, logr.Discard(), cl, hr.Namespace, hr.GetValues(), hr.Spec.ValuesFrom...); err != nil {
		out2 = "ERR:" + err.Error()
	} else {
		out2 = tval.String(map[string]interface{}(v))
		d2 = fluxchartutil.DigestValues(digest.Canonical, v).String()
	}
	w.Rec(name, string(raw), string(fj), string(ej), string(rj), out1, out2, d1, d2)
}

var tpaths = []string{"a", "b", "image.tag", "a.b", "a.list[0]", "list[1]", "a.list[3].x", "x\\.y", "item10",
	"a[", "a..b", "deep.er.key", "c", "a.b.c", "list[0][1]", "z"}
var tdata = []string{"1", "true", "'quoted'", "\"dq\"", "'mixed\"", "a,b", "x=y", "{a}", "[1]", "null", "multi\nline",
	"", "1.5", "007", "a\\,b", "v1.2.3", "'", "\\", "{a: 1}", "-1", "1e3", "0x10"}

func yamlOf(v interface{}) string {
	b, err := sigsyaml.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

func genValuesFile(r *rand.Rand) string {
	switch r.Intn(40) {
	case 0:
		return ""
	case 1:
		return "# only a comment\n"
	case 2:
		return "- a\n- b\n"
	case 3:
		return "a: [1\n"
	case 4:
		return "null\n"
	case 5:
		return "just text\n"
	default:
		return yamlOf(genMap(r, 2, false))
	}
}

func genValues(w *Writer) {
	dir, err := os.MkdirTemp("", "flux-oracle-")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	old, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		panic(err)
	}
	defer os.Chdir(old)

	// hand-picked: Go's aliasing between targetPath writes and spec.values
	// (nested maps and in-range list items are shared, growth is not), and
	// a second reference to a resource already found missing
	cm := func(name string, data map[string]string) client.Object {
		return &corev1.ConfigMap{TypeMeta: metav1.TypeMeta{Kind: "ConfigMap", APIVersion: "v1"},
			ObjectMeta: metav1.ObjectMeta{Name: name, Namespace: "ns1"}, Data: data}
	}
	hrOf := func(values map[string]interface{}, refs ...interface{}) map[string]interface{} {
		return map[string]interface{}{"apiVersion": "helm.toolkit.fluxcd.io/v2", "kind": "HelmRelease",
			"metadata": map[string]interface{}{"name": "rel", "namespace": "ns1"},
			"spec": map[string]interface{}{"values": values, "valuesFrom": refs}}
	}
	ref := func(name, key, path string) map[string]interface{} {
		m := map[string]interface{}{"kind": "ConfigMap", "name": name, "valuesKey": key}
		if path != "" {
			m["targetPath"] = path
		}
		return m
	}
	base := func() map[string]interface{} {
		return map[string]interface{}{"a": map[string]interface{}{"b": 1.0, "c": map[string]interface{}{"d": 1.0}},
			"l": []interface{}{1.0, 2.0}, "top": "inline", "m": []interface{}{map[string]interface{}{"x": 1.0}}}
	}
	flat := cm("flat", map[string]string{"v": "9", "s": "'str'", "y": "a: {b: 5, z: 6}\nl: [7]\ntop: file\n"})
	for i, p := range []string{"a.b", "a.c.d", "a.new", "l[0]", "l[1]", "l[2]", "l[5]", "top", "newtop", "m[0].x", "m[0].y", "m[1].x", "a", "l"} {
		runValCase(w, dir, "alias"+strconv.Itoa(i), valCase{hr: hrOf(base(), ref("flat", "v", p)), res: []client.Object{flat}})
		runValCase(w, dir, "aliasy"+strconv.Itoa(i), valCase{hr: hrOf(base(), ref("flat", "y", ""), ref("flat", "s", p)), res: []client.Object{flat}})
	}
	runValCase(w, dir, "missing-twice", valCase{hr: hrOf(base(),
		map[string]interface{}{"kind": "ConfigMap", "name": "gone", "optional": true}, ref("gone", "", ""))})
	runValCase(w, dir, "missing-optional", valCase{hr: hrOf(base(),
		map[string]interface{}{"kind": "Secret", "name": "gone", "optional": true})})

	r := rand.New(rand.NewSource(11))
	fileNames := []string{"values.yaml", "values-a.yaml", "sub/values-b.yaml", "x.yaml"}
	resNames := []string{"cm1", "cm2", "sec1", "shared"}
	for i := 0; i < 700; i++ {
		c := valCase{files: map[string]string{}}
		for _, f := range fileNames {
			if r.Intn(12) > 0 {
				c.files[f] = genValuesFile(r)
			}
		}
		var extra []string
		for n := r.Intn(3); n > 0; n-- {
			extra = append(extra, fileNames[r.Intn(len(fileNames))])
		}
		c.extra = extra

		meta := map[string]interface{}{"name": "rel", "namespace": "ns1"}
		pickFiles := func() []string {
			var l []string
			for n := r.Intn(4); n > 0; n-- {
				l = append(l, []string{"values.yaml", "values-a.yaml", "sub/values-b.yaml", "-", "x.yaml", " x.yaml ", "values.yaml",
					"values-a.yaml", "sub/values-b.yaml", "x.yaml", "x.yaml", "values.yaml", "values-a.yaml", "sub/values-b.yaml", "./sub/../values.yaml", "missing.yaml", ""}[r.Intn(16)])
			}
			return l
		}
		ann := map[string]interface{}{}
		switch r.Intn(6) {
		case 0:
			ann["cozyhr.cozystack.io/values-files"] = strings.Join(pickFiles(), ",")
		case 1:
			ann["cozypkg.cozystack.io/values-files"] = strings.Join(pickFiles(), ",")
		case 2:
			ann["cozyhr.cozystack.io/values-files"] = strings.Join(pickFiles(), ",")
			ann["cozypkg.cozystack.io/values-files"] = strings.Join(pickFiles(), ",")
		}
		if len(ann) > 0 {
			meta["annotations"] = ann
		}
		spec := map[string]interface{}{}
		if r.Intn(4) > 0 {
			cs := map[string]interface{}{"chart": "c", "sourceRef": map[string]interface{}{"kind": "HelmRepository", "name": "r"}}
			if r.Intn(2) == 0 {
				cs["valuesFiles"] = pickFiles()
			}
			spec["chart"] = map[string]interface{}{"spec": cs}
		}
		if r.Intn(4) > 0 {
			spec["values"] = genMap(r, 2, false)
		}
		// valuesFrom and the resources it names
		var refs []interface{}
		for n := r.Intn(4); n > 0; n-- {
			ref := map[string]interface{}{"kind": []string{"ConfigMap", "Secret", "ConfigMap", "Secret", "ConfigMap", "Secret", "ConfigMap", "Secret", "ConfigMap", "Secret", "ConfigMap", "Secret", "ConfigMap", "Secret", "ConfigMap", "Secret", "ConfigMap", "Secret", "ConfigMap", "Secret", "ConfigMap", "Secret", "ConfigMap", "Secret", "ConfigMap", "Secret", "ConfigMap", "Secret", "ConfigMap", "Secret", "ConfigMap", "Secret", "ConfigMap", "Secret", "ConfigMap", "Secret", "ConfigMap", "Secret", "Other"}[r.Intn(39)],
				"name": resNames[r.Intn(len(resNames))]}
			if r.Intn(3) == 0 {
				ref["targetPath"] = tpaths[r.Intn(len(tpaths))]
				if r.Intn(3) == 0 {
					ref["literal"] = true
				}
				ref["valuesKey"] = []string{"flat", "flat", "flat", "flat", "k1", "missing"}[r.Intn(6)]
			} else if r.Intn(2) == 0 {
				ref["valuesKey"] = []string{"values.yaml", "k1", "k2", "k1", "k2", "k1", "k2", "flat", "missing"}[r.Intn(9)]
			}
			if r.Intn(3) == 0 {
				ref["optional"] = true
			}
			refs = append(refs, ref)
		}
		if len(refs) > 0 {
			spec["valuesFrom"] = refs
		}
		for _, rn := range resNames {
			for _, kind := range []string{"ConfigMap", "Secret"} {
				if r.Intn(12) == 0 {
					continue
				}
				data := map[string]string{}
				for _, k := range []string{"values.yaml", "k1", "k2", "flat"} {
					if r.Intn(8) == 0 {
						continue
					}
					if k == "flat" || r.Intn(15) == 0 {
						data[k] = tdata[r.Intn(len(tdata))]
					} else {
						data[k] = genValuesFile(r)
					}
				}
				om := metav1.ObjectMeta{Name: rn, Namespace: []string{"ns1", "ns1", "ns1", "ns1", "ns1", "ns1", "ns1", "ns1", "ns1", "other"}[r.Intn(10)]}
				if kind == "ConfigMap" {
					c.res = append(c.res, &corev1.ConfigMap{TypeMeta: metav1.TypeMeta{Kind: "ConfigMap", APIVersion: "v1"}, ObjectMeta: om, Data: data})
				} else {
					bd := map[string][]byte{}
					for k, v := range data {
						bd[k] = []byte(v)
					}
					if r.Intn(8) == 0 {
						bd["flat"] = []byte{0xff, 'x', 0xfe}
					}
					c.res = append(c.res, &corev1.Secret{TypeMeta: metav1.TypeMeta{Kind: "Secret", APIVersion: "v1"}, ObjectMeta: om, Data: bd})
				}
			}
		}
		c.hr = map[string]interface{}{"apiVersion": "helm.toolkit.fluxcd.io/v2", "kind": "HelmRelease", "metadata": meta, "spec": spec}
		runValCase(w, dir, "rand"+strconv.Itoa(i), c)
	}
	_ = sort.Strings
}
