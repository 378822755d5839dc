package main

// Suite reflect: Sprig's reflect.go (typeOf typeIs typeIsLike kindOf kindIs)
// and reflect.DeepEqual as deepEqual, over the Go types a chart's values,
// literals, Helm's objects and function results have.

import "fmt"

var reflAtoms = []string{
	"1", "-1", "1.5", "1e3", "0x10", "'a'", `"s"`, `""`, "true", "nil", ".Values.missing", ".Values.nothing", ".Values.name",
	".Values.replicas", ".Values.ratio", ".Values.enabled", ".Values.list", ".Values.map", ".Values.emptylist", ".Values.emptymap",
	".Values", ".Values.AsMap", ".Chart", ".Chart.Name", ".Chart.IsRoot", ".Chart.Keywords", ".Chart.Maintainers", ".Chart.Annotations",
	".Files", `(.Files.GetBytes "files/a.txt")`, `(.Files.Lines "files/a.txt")`, `(.Files.Glob "files/*")`, ".Capabilities",
	".Capabilities.KubeVersion", ".Capabilities.APIVersions", ".Capabilities.HelmVersion", ".Release", ".Release.Name",
	".Release.Revision", ".Release.IsInstall", ".Template", ".Template.Name", "(list)", "(list 1)", "(dict)", `(keys (dict "a" 1))`,
	"(len .Values.list)", `(index .Values.list 0)`, `(index "abc" 0)`, `(printf "%d" 1)`, `(slice .Values.list 1)`, `(first .Values.list)`,
	`(first .Values.nums)`, `(merge (dict) .Values)`, `(deepCopy .Values)`, `(pick .Values "name")`, `(html "x")`, `(print 1)`,
	`(eq 1 1)`, `(and 1 "x")`, `(or 0 .Values.list)`, `(not 1)`, `(fromJson "1")`, `(mustFromJson "[1]")`, `(.Values.Table "map")`,
	`(.Capabilities.APIVersions.Has "v1")`, ".Capabilities.KubeVersion.Major", `(get .Values "list")`, `(ternary 1 "a" true)`,
}

func init() {
	register("reflect", func() []string {
		var s []string
		for _, a := range reflAtoms {
			s = append(s, "{{ typeOf "+a+" }}", "{{ kindOf "+a+" }}", "{{ "+a+" | typeOf }}")
		}
		targets := []string{`"int"`, `"int64"`, `"float64"`, `"string"`, `"bool"`, `"[]interface {}"`, `"map[string]interface {}"`,
			`"chartutil.Values"`, `"map"`, `"slice"`, `"struct"`, `"ptr"`, `"invalid"`, `"<nil>"`, `"chartutil.Capabilities"`,
			`"*chartutil.Capabilities"`, `"[]string"`, `"[]uint8"`, `""`}
		for _, f := range []string{"typeIs", "typeIsLike", "kindIs"} {
			for _, t := range targets {
				for _, a := range []string{"1", `"s"`, "1.5", "nil", ".Values", ".Values.map", ".Values.list", ".Capabilities", ".Chart",
					`(keys (dict))`, `(.Files.GetBytes "x")`, ".Files", "true", ".Release.Revision"} {
					s = append(s, "{{ "+f+" "+t+" "+a+" }}")
				}
			}
			s = append(s, "{{ "+f+" }}", "{{ "+f+` "int" }}`, "{{ "+f+` 1 1 }}`, "{{ "+f+` nil 1 }}`, "{{ 1 | "+f+` "int" }}`)
		}
		eqAtoms := []string{"1", "1.0", `"1"`, "nil", ".Values.missing", ".Values.replicas", "3", "3.0", ".Values.list",
			`(list "a" "b" "c")`, `(keys (dict "a" 1))`, `(list "a")`, ".Values.map", `(dict "a" 1.0 "b" 2.0 "c" (dict "d" "deep"))`,
			`(dict "a" 1 "b" 2 "c" (dict "d" "deep"))`, ".Values", ".Values.AsMap", "(list)", ".Values.emptylist", "(dict)",
			".Values.emptymap", `""`, "false", ".Chart", ".Files", `(.Files.GetBytes "files/a.txt")`, `(list nil)`, `(list 1 nil)`,
			".Values.nums", `(list 1 2 3)`, `(list 1.0 2.0 3.0)`}
		for i, a := range eqAtoms {
			for j, b := range eqAtoms {
				if j < i && (i+j)%3 != 0 {
					continue
				}
				s = append(s, fmt.Sprintf("{{ deepEqual %s %s }}", a, b))
			}
		}
		s = append(s, "{{ deepEqual }}", "{{ deepEqual 1 }}", "{{ deepEqual 1 1 1 }}", "{{ .Values.map | deepEqual .Values.map }}",
			`{{ deepEqual .Values.map (deepCopy .Values.map) }}`, `{{ deepEqual .Values (deepCopy .Values) }}`,
			`{{ deepEqual .Values (merge (dict) .Values) }}`, `{{ deepEqual (list .Values.map) (list .Values.map) }}`)
		return s
	})
}
