package main

import (
	"fmt"
	"os"
	"sort"
	"text/template"

	"github.com/Masterminds/sprig/v3"
)

// writeFuncList writes the names of every function a Helm 3.17.3 chart
// template can call: text/template's builtins, Sprig's TxtFuncMap without
// env/expandenv, and Helm's own (pkg/engine/funcs.go + engine.go).
func writeFuncList(path string) {
	names := map[string]string{}
	for _, b := range []string{"and", "call", "html", "index", "slice", "js", "len", "not", "or", "print",
		"printf", "println", "urlquery", "eq", "ge", "gt", "le", "lt", "ne"} {
		names[b] = "text/template"
	}
	for n := range sprig.TxtFuncMap() {
		if n == "env" || n == "expandenv" {
			continue
		}
		names[n] = "sprig"
	}
	for _, n := range []string{"toToml", "fromToml", "toYaml", "toYamlPretty", "fromYaml", "fromYamlArray",
		"toJson", "fromJson", "fromJsonArray", "include", "tpl", "required", "lookup", "fail", "getHostByName"} {
		names[n] = "helm"
	}
	var keys []string
	for k := range names {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	f, err := os.Create(path)
	if err != nil {
		panic(err)
	}
	defer f.Close()
	for _, k := range keys {
		fmt.Fprintf(f, "%s\t%s\n", k, names[k])
	}
	_ = template.FuncMap{}
}
