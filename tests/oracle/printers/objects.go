package main

// Objects shared by the jsonpath and columns suites: Kubernetes-like JSON
// decoded the way kubectl decodes API responses (ints kept as int64), and
// seeded random trees over a small key vocabulary so random templates hit.

import (
	"fmt"
	"math/rand"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	utiljson "k8s.io/apimachinery/pkg/util/json"
)

func decode(js string) interface{} {
	var v interface{}
	if err := utiljson.Unmarshal([]byte(js), &v); err != nil {
		panic(fmt.Sprintf("bad fixture %s: %v", js, err))
	}
	return v
}

const hrJSON = `{"apiVersion":"helm.toolkit.fluxcd.io/v2","kind":"HelmRelease",
"metadata":{"name":"podinfo","namespace":"default","generation":3,"resourceVersion":"12345",
 "creationTimestamp":"2024-01-01T00:00:00Z","labels":{"app":"podinfo","tier":"web"},
 "annotations":{"kubernetes.io/change-cause":"upgrade <v2> & more","a.b/c":"d","empty":""},
 "finalizers":["finalizers.fluxcd.io"]},
"spec":{"interval":"5m","suspend":false,"releaseName":"podinfo","timeout":"10m0s",
 "chart":{"spec":{"chart":"podinfo","version":"6.x","sourceRef":{"kind":"HelmRepository","name":"podinfo"}}},
 "values":{"replicaCount":2,"ratio":0.5,"big":1e21,"huge":12345678901234567890,"exact":9007199254740993,
  "neg":-3,"tiny":1e-7,"whole":1.0,"tags":["a","b","c"],"nested":{"x":null,"y":[]},"empty":[],"emap":{},
  "unicode":"日本語 ✓","esc":"tab\there\u001b[31m\r","html":"<b>&amp;</b>","bools":[true,false]}},
"status":{"observedGeneration":3,"lastAppliedRevision":"6.5.0",
 "conditions":[{"type":"Ready","status":"True","reason":"ReconciliationSucceeded","message":"Release reconciliation succeeded","lastTransitionTime":"2024-01-01T00:01:00Z","observedGeneration":3},
  {"type":"Released","status":"True","reason":"InstallSucceeded","message":"Helm install succeeded for release default/podinfo.v1 with chart podinfo@6.5.0"},
  {"type":"Remediated","status":"False","reason":"Other","message":"x","observedGeneration":2}],
 "history":[{"chartName":"podinfo","chartVersion":"6.5.0","status":"deployed","version":1,"digest":"sha256:abc"},
  {"chartName":"podinfo","chartVersion":"6.4.0","status":"superseded","version":2}]}}`

const hr2JSON = `{"apiVersion":"helm.toolkit.fluxcd.io/v2","kind":"HelmRelease",
"metadata":{"name":"cozy-ingress","namespace":"cozy-system","labels":{"app":"ingress"}},
"spec":{"interval":"1m","suspend":true,"chart":{"spec":{"chart":"ingress-nginx","version":"4.11.0"}}},
"status":{"conditions":[{"type":"Ready","status":"False","reason":"InstallFailed","message":"install retries exhausted"}]}}`

const hr3JSON = `{"apiVersion":"helm.toolkit.fluxcd.io/v2","kind":"HelmRelease",
"metadata":{"name":"no-status","namespace":"tenant-x"},"spec":{"interval":"10m"}}`

const podJSON = `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-0","namespace":"default","uid":"1234"},
"spec":{"containers":[{"name":"app","image":"nginx:1.25","ports":[{"containerPort":80,"protocol":"TCP"},{"containerPort":443}]},
 {"name":"sidecar","image":"busybox","args":["sleep","3600"],"resources":{"limits":{"cpu":"100m","memory":"64Mi"}}}],
 "nodeName":"node-1"},
"status":{"phase":"Running","podIP":"10.0.0.5","containerStatuses":[{"name":"app","ready":true,"restartCount":0},{"name":"sidecar","ready":false,"restartCount":12}]}}`

const oddJSON = `{"":"empty key","a b":"space key","k.2":{"x":1},"k\\1":2,"items":[1,"two",null,{"name":"x"}],
"list":[[1,2],[3,[4,5]],[]],"n":null,"f":[1.5,-2.25,0.1,100000000000000000000,1e300],"u":[-1,0,1],
"s":"ab","nums":{"i":5,"f":5.5,"s":"5","b":true,"z":0},"deep":{"a":{"b":{"c":{"d":"bottom"}}}}}`

type fixture struct {
	id   string
	data interface{}
	list bool // the kubectl get List wrapper (UnstructuredList content)
}

// kubectlList is the object kubectl get prints for several objects
// (get.go printGeneric): an UnstructuredList with kind List.
func kubectlList(items ...interface{}) interface{} {
	list := &unstructured.UnstructuredList{Object: map[string]interface{}{
		"kind": "List", "apiVersion": "v1",
		"metadata": map[string]interface{}{"resourceVersion": ""},
	}}
	for _, it := range items {
		list.Items = append(list.Items, unstructured.Unstructured{Object: it.(map[string]interface{})})
	}
	return list.UnstructuredContent()
}

var keyPool = []string{"a", "b", "c", "name", "items", "x", "y", "type", "status", "value", "list", "n", "é", "k-1", "k.2", ""}
var strPool = []string{"", "a", "b", "Ready", "True", "False", "x y", "日本", "<&>", "tab\t", "esc\x1b[0m", "cr\r", "\"q\"", "'s'", "1", "-", "\\", "ünï", "\xff"}

func randValue(r *rand.Rand, depth int) interface{} {
	k := r.Intn(10)
	if depth > 3 && k >= 7 {
		k = r.Intn(7)
	}
	switch k {
	case 0:
		return nil
	case 1:
		return r.Intn(2) == 0
	case 2:
		return int64(r.Intn(21) - 10)
	case 3:
		fs := []float64{0.5, -1.25, 1e21, 1e-7, 3.0e10, 2.5, 1e100, 123456.789}
		return fs[r.Intn(len(fs))]
	case 4, 5, 6:
		return strPool[r.Intn(len(strPool))]
	case 7, 8:
		n := r.Intn(4)
		m := map[string]interface{}{}
		for i := 0; i < n; i++ {
			m[keyPool[r.Intn(len(keyPool))]] = randValue(r, depth+1)
		}
		return m
	default:
		n := r.Intn(4)
		l := []interface{}{}
		for i := 0; i < n; i++ {
			l = append(l, randValue(r, depth+1))
		}
		return l
	}
}

func randObject(r *rand.Rand) map[string]interface{} {
	m := map[string]interface{}{}
	n := 1 + r.Intn(5)
	for i := 0; i < n; i++ {
		m[keyPool[r.Intn(len(keyPool))]] = randValue(r, 1)
	}
	return m
}

func fixtures(r *rand.Rand) []fixture {
	hr, hr2, hr3 := decode(hrJSON), decode(hr2JSON), decode(hr3JSON)
	fx := []fixture{
		{"hr", hr, false},
		{"hr2", hr2, false},
		{"pod", decode(podJSON), false},
		{"odd", decode(oddJSON), false},
		{"hrlist", kubectlList(decode(hrJSON), hr2, hr3), true},
		{"emptylist", kubectlList(), true},
		{"podlist", kubectlList(decode(podJSON)), true},
	}
	for i := 0; i < 40; i++ {
		fx = append(fx, fixture{fmt.Sprintf("rand%d", i), randObject(r), false})
	}
	for i := 0; i < 10; i++ {
		items := []interface{}{}
		for j := 0; j < r.Intn(4); j++ {
			items = append(items, randObject(r))
		}
		fx = append(fx, fixture{fmt.Sprintf("randlist%d", i), kubectlList(items...), true})
	}
	return fx
}
