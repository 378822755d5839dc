package main

type chartSpec struct {
	name   string
	files  map[string]string
	values string
}

const parentChart = "apiVersion: v2\nname: parent\nversion: 0.1.0\ndependencies:\n- name: sub\n  version: 0.1.0\n  condition: sub.enabled\n- name: other\n  version: 0.1.0\n  alias: aliased\n"
const subChart = "apiVersion: v2\nname: sub\nversion: 0.1.0\n"
const otherChart = "apiVersion: v2\nname: other\nversion: 0.1.0\n"

func tree(parentSchema, subSchema, otherSchema, parentValues, subValues string) map[string]string {
	f := map[string]string{
		"Chart.yaml":                  parentChart,
		"values.yaml":                 parentValues,
		"templates/cm.yaml":           "kind: ConfigMap\n",
		"charts/sub/Chart.yaml":       subChart,
		"charts/sub/values.yaml":      subValues,
		"charts/other/Chart.yaml":     otherChart,
		"charts/other/values.yaml":    "x: 1\n",
		"charts/sub/templates/a.yaml": "kind: A\n",
	}
	if parentSchema != "" {
		f["values.schema.json"] = parentSchema
	}
	if subSchema != "" {
		f["charts/sub/values.schema.json"] = subSchema
	}
	if otherSchema != "" {
		f["charts/other/values.schema.json"] = otherSchema
	}
	return f
}

var chartCases = []chartSpec{
	{"valid", tree(`{"type":"object","required":["replicas"]}`, `{"properties":{"port":{"type":"integer"}}}`, "", "replicas: 1\n", "port: 80\n"), `{}`},
	{"parent-fails", tree(`{"type":"object","required":["replicas"]}`, "", "", "name: x\n", "port: 80\n"), `{}`},
	{"sub-fails", tree("", `{"properties":{"port":{"type":"integer"}}}`, "", "a: 1\n", "port: http\n"), `{}`},
	{"both-fail", tree(`{"properties":{"replicas":{"type":"integer"}}}`, `{"properties":{"port":{"type":"integer"}},"required":["host"]}`, "", "replicas: many\n", "port: http\n"), `{}`},
	{"user-values", tree(`{"properties":{"replicas":{"type":"integer","maximum":3}}}`, `{"properties":{"port":{"type":"integer"}}}`, "", "replicas: 1\n", "port: 80\n"), `{"replicas":5,"sub":{"port":"x"}}`},
	{"disabled-sub", tree("", `{"properties":{"port":{"type":"integer"}}}`, "", "sub:\n  enabled: false\n", "port: http\n"), `{}`},
	{"enabled-by-user", tree("", `{"properties":{"port":{"type":"integer"}}}`, "", "sub:\n  enabled: false\n", "port: http\n"), `{"sub":{"enabled":true}}`},
	{"global", tree(`{"properties":{"global":{"required":["domain"]}}}`, `{"properties":{"global":{"properties":{"domain":{"type":"string","minLength":3}}}}}`, "", "global:\n  domain: ab\n", "port: 80\n"), `{}`},
	{"global-user", tree(`{"properties":{"global":{"required":["domain"]}}}`, `{"properties":{"global":{"properties":{"domain":{"type":"string","minLength":3}}},"additionalProperties":false}}`, "", "a: 1\n", "port: 80\n"), `{"global":{"domain":"example.org"}}`},
	{"null-values", tree(`{"properties":{"a":{"type":"string"}},"required":["a"]}`, "", "", "a: x\n", "port: 80\n"), `{"a":null}`},
	{"alias", tree("", "", `{"properties":{"x":{"type":"string"}}}`, "a: 1\n", "port: 80\n"), `{}`},
	{"alias-user", tree("", "", `{"properties":{"x":{"type":"string"}},"additionalProperties":false}`, "a: 1\n", "port: 80\n"), `{"aliased":{"x":"s","y":2}}`},
	{"bad-json", tree(`{"type":`, "", "", "a: 1\n", "port: 80\n"), `{}`},
	{"bad-schema", tree(`{"type":"strin"}`, `{"minLength":-1}`, "", "a: 1\n", "port: 80\n"), `{}`},
	{"sub-bad-json", tree("", `nope`, "", "a: 1\n", "port: 80\n"), `{}`},
	{"empty-values", tree(`{"required":["a"]}`, "", "", "", ""), `{}`},
	{"cert-manager-like", tree(`{"additionalProperties":false,"properties":{"replicaCount":{"type":"number"}}}`, "", "", "replicaCount: 1\n", ""), `{"_cluster":{"a":1},"_namespace":{"b":2}}`},
}
