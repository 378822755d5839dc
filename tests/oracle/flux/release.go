package main

import (
	"encoding/json"
	"math/rand"
	"strings"

	v2 "github.com/fluxcd/helm-controller/api/v2"
	"github.com/fluxcd/helm-controller/internal/release"
)

// release: GetReleaseName, ShortenName, GetReleaseNamespace,
// GetStorageNamespace, GetHelmChartName and spec.chart.spec of HelmReleases
// decoded from JSON as the apiserver sends them.
// Fields: hr JSON, release name, Helm name, namespace, storage namespace,
// HelmChart name, chart name ("-" without spec.chart), chart version.

func init() { register("release", genRelease) }

func relRec(w *Writer, name string, obj map[string]interface{}) {
	raw, err := json.Marshal(obj)
	if err != nil {
		panic(err)
	}
	var hr v2.HelmRelease
	if err := json.Unmarshal(raw, &hr); err != nil {
		panic(err)
	}
	chartName, chartVer := "-", "-"
	if hr.HasChartTemplate() {
		chartName, chartVer = hr.Spec.Chart.Spec.Chart, hr.Spec.Chart.Spec.Version
	}
	w.Rec(name, string(raw), hr.GetReleaseName(), release.ShortenName(hr.GetReleaseName()),
		hr.GetReleaseNamespace(), hr.GetStorageNamespace(), hr.GetHelmChartName(), chartName, chartVer)
}

func genRelease(w *Writer) {
	names := []string{"", "a", "app", "my-release", strings.Repeat("n", 53), strings.Repeat("n", 54),
		strings.Repeat("x", 40) + "-" + strings.Repeat("y", 20), "ünï", strings.Repeat("é", 30)}
	nss := []string{"", "default", "tenant-root", strings.Repeat("t", 63), "cozy-system"}
	r := rand.New(rand.NewSource(7))
	pick := func(l []string) string { return l[r.Intn(len(l))] }
	for i := 0; i < 600; i++ {
		meta := map[string]interface{}{"name": pick(names), "namespace": pick(nss)}
		spec := map[string]interface{}{}
		if r.Intn(3) == 0 {
			spec["releaseName"] = pick(names)
		}
		if r.Intn(2) == 0 {
			spec["targetNamespace"] = pick(nss)
		}
		if r.Intn(3) == 0 {
			spec["storageNamespace"] = pick(nss)
		}
		switch r.Intn(4) {
		case 0:
		case 1:
			spec["chart"] = nil
		default:
			cs := map[string]interface{}{"chart": pick(names),
				"sourceRef": map[string]interface{}{"kind": "HelmRepository", "name": "r"}}
			if r.Intn(3) > 0 {
				cs["version"] = pick([]string{"*", "1.2.3", ">=1.0.0", ""})
			}
			spec["chart"] = map[string]interface{}{"spec": cs}
		}
		obj := map[string]interface{}{"apiVersion": "helm.toolkit.fluxcd.io/v2", "kind": "HelmRelease",
			"metadata": meta, "spec": spec}
		relRec(w, "rand"+itoa(i), obj)
	}
}
