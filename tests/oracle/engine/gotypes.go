package main

// Suite gotypes: where Go's types show through Sprig's results — split and
// splitn return map[string]string (typeOf, %T, a missing key's zero value,
// passing it where map[string]interface{} is expected), splitList []string,
// and Go's nil slices and maps: rest/initial of an empty list, concat of
// nothing, compact, set on a nil map (the panic Helm recovers).

func init() {
	register("gotypes", func() []string {
		return append(gotypesSnippets(), nilMapSnippets...)
	})
}

// nilMapSnippets: Go's nil map[string]interface{} — the zero value a nil
// argument becomes for a map parameter (set nil, merge nil nil), what
// fromJson "null" leaves, unset of a nil map — against the empty map:
// toJson/toYaml null, set panics (Helm reports the recovered panic), eq nil,
// deepEqual, %#v, merge into it, nested in dicts and lists.
var nilMapSnippets = []string{
	`{{ .Values.nothing | toJson }}`,
	`{{ .Values.missing | toJson }}`,
	`{{ toJson nil }}`,
	`{{ toPrettyJson nil }}`,
	`{{ toRawJson nil }}`,
	`{{ mustToJson nil }}`,
	`{{ toYaml nil }}`,
	`{{ fromYaml "" | toJson }}`,
	`{{ fromYaml "null" | toJson }}`,
	`{{ fromYaml "" | len }}`,
	`{{ fromYaml "null" | kindOf }}`,
	`{{ fromYaml "null" | typeOf }}`,
	`{{ fromYaml "" }}`,
	`{{ fromYaml "null" | empty }}`,
	`{{ $m := fromYaml "null" }}{{ $_ := set $m "a" 1 }}{{ $m }}`,
	`{{ $m := fromYaml "" }}{{ $_ := set $m "a" 1 }}{{ $m }}`,
	`{{ fromJson "null" | toJson }}`,
	`{{ fromJson "null" | typeOf }}`,
	`{{ $m := fromJson "null" }}{{ $_ := set $m "a" 1 }}{{ $m }}`,
	`{{ default (dict) .Values.nothing | toJson }}`,
	`{{ $d := default (dict) .Values.nothing }}{{ $_ := set $d "a" 1 }}{{ $d }}`,
	`{{ pluck "a" (dict "a" 1) (dict "b" 2) | toJson }}`,
	`{{ merge (dict) nil | toJson }}`,
	`{{ merge nil (dict "a" 1) | toJson }}`,
	`{{ mergeOverwrite (dict) nil | toJson }}`,
	`{{ hasKey nil "a" }}`,
	`{{ keys nil | toJson }}`,
	`{{ values nil | toJson }}`,
	`{{ unset nil "a" | toJson }}`,
	`{{ set nil "a" 1 }}`,
	`{{ set .Values.nothing "a" 1 }}`,
	`{{ kindOf nil }}`,
	`{{ typeOf nil }}`,
	`{{ empty nil }}`,
	`{{ len nil }}`,
	`{{ eq nil nil }}`,
	`{{ eq (dict) nil }}`,
	`{{ merge nil nil | toJson }}`,
	`{{ mergeOverwrite nil nil | toJson }}`,
	`{{ merge nil nil | kindOf }}`,
	`{{ merge nil nil | typeOf }}`,
	`{{ merge nil nil | len }}`,
	`{{ index (split "," "a,b") "zz" }}|`,
	`{{ index (split "," "a,b") "zz" | typeOf }}`,
	`{{ index (dict "a" 1) "zz" }}|`,
	`{{ index .Values.map "zz" }}|`,
	`{{ index .Values.nothing "a" }}|`,
	`{{ index nil "a" }}|`,
	`{{ (split "," "a,b").zz }}|`,
	`{{ printf "%T" (split "," "a") }}`,
	`{{ printf "%v" (split "," "a") }}`,
	`{{ set (split "," "a,b") "k" "v" }}`,
	`{{ deepCopy nil | toJson }}`,
	`{{ dict | toJson }}`,
	`{{ .Values.nothing | default dict | toJson }}`,
	`{{ get nil "a" }}|`,
	`{{ dig "a" "dflt" nil }}`,
	`{{ pick nil "a" | toJson }}`,
	`{{ omit nil "a" | toJson }}`,
	`{{ $x := fromYaml "a: null" }}{{ $x.a | toJson }}{{ $x.a | typeOf }}`,
	`{{ toYaml (fromYaml "null") }}`,
	`{{ toYaml (merge nil nil) }}`,
	`{{ toPrettyJson (merge nil nil) }}`,
	`{{ toRawJson (merge nil nil) }}`,
	`{{ mustToJson (merge nil nil) }}`,
	`{{ eq (merge nil nil) nil }}`,
	`{{ deepEqual (merge nil nil) (dict) }}`,
	`{{ deepEqual (fromYaml "null") (dict) }}`,
	`{{ fromYaml "null" | toYamlPretty }}`,
	`{{ $m := merge nil nil }}{{ $_ := set $m "x" 1 }}{{ $m }}`,
	`{{ range $k, $v := merge nil nil }}{{ $k }}{{ else }}empty{{ end }}`,
	`{{ if fromYaml "null" }}t{{ else }}f{{ end }}`,
	`{{ printf "%v %T" (fromYaml "null") (fromYaml "null") }}`,
	`{{ printf "%v %T" (merge nil nil) (merge nil nil) }}`,
	`{{ fromYaml "- 1" | toJson }}`,
	`{{ fromYaml "a: [" | toJson }}`,
	`{{ fromYaml "1" }}`,
	`{{ fromYaml "x" }}`,
	`{{ fromYamlArray "a: 1" }}`,
	`{{ fromJsonArray "{}" }}`,
	`{{ fromJson "[]" }}`,
	`{{ fromYaml "a: 1\na: 2" }}`,
	`{{ fromJsonArray "null" | toJson }}`,
	`{{ fromYamlArray "null" | toJson }}`,
	`{{ fromYamlArray "" | toJson }}`,
	`{{ deepCopy (fromJson "null") | toJson }}`,
	`{{ dict "a" (fromJson "null") "b" (merge nil nil) | toJson }}`,
	`{{ list (fromJson "null") | toYaml }}`,
	`{{ printf "%#v" (fromJson "null") }}`,
	`{{ printf "%#v" (rest (list)) }}`,
	`{{ printf "%#v" (dict) }}`,
	`{{ eq (fromJson "null") (merge nil nil) }}`,
	`{{ eq (fromJson "null") (dict) }}`,
	`{{ eq (dict) (fromJson "null") }}`,
	`{{ eq (dict) (dict) }}`,
	`{{ eq (rest (list)) nil }}`,
	`{{ eq (rest (list)) (list) }}`,
	`{{ eq (list) (dict) }}`,
	`{{ ne (fromJson "null") nil }}`,
	`{{ deepEqual (rest (list)) (list) }}`,
	`{{ deepEqual (fromJson "null") (merge nil nil) }}`,
	`{{ $m := fromJson "null" }}{{ $r := merge $m (dict "a" 1) }}{{ $m | toJson }} {{ $r | toJson }}`,
	`{{ merge nil (dict) | toJson }}`,
	`{{ merge nil nil (dict) | toJson }}`,
	`{{ merge nil (fromJson "null") | toJson }}`,
	`{{ mergeOverwrite (fromJson "null") nil | toJson }}`,
	`{{ $m := merge nil nil }}{{ $_ := unset $m "a" }}{{ $m | toJson }}`,
	`{{ pick nil "a" | toJson }}`,
	`{{ omit (fromJson "null") "a" | toJson }}`,
	`{{ keys (fromJson "null") | toJson }}`,
	`{{ toPrettyJson (dict "a" (merge nil nil)) }}`,
	`{{ toYamlPretty (merge nil nil) }}`,
	`{{ toYamlPretty (dict "a" (merge nil nil)) }}`,
	`{{ toToml (merge nil nil) }}`,
	`{{ toString (merge nil nil) }}`,
	`{{ (fromJson "null").a }}|`,
	`{{ index (fromJson "null") "a" }}|`,
	`{{ get (fromJson "null") "a" }}|`,
	`{{ with fromJson "null" }}y{{ else }}n{{ end }}`,
	`{{ default "d" (fromJson "null") }}`,
	`{{ coalesce (fromJson "null") "c" }}`,
	`{{ hasKey (fromJson "null") "a" }}`,
	`{{ dig "a" "def" (fromJson "null") }}`,
	`{{ set (dict "x" (fromJson "null")) "y" 1 | toJson }}`,
	`{{ $d := dict "x" (fromJson "null") }}{{ $_ := set $d.x "k" 1 }}`,
	`{{ mergeOverwrite (dict "a" (dict "b" 1)) (dict "a" (fromJson "null")) | toJson }}`,
	`{{ merge (dict "a" (fromJson "null")) (dict "a" (dict "b" 1)) | toJson }}`,
	`{{ toJson (list nil (fromJson "null") (rest (list))) }}`,
	`{{ mustToPrettyJson (fromJson "null") }}`,
	`{{ toRawJson (dict "a" (fromJson "null")) }}`,
	`{{ typeOf (fromJson "null") }} {{ kindOf (fromJson "null") }} {{ len (fromJson "null") }} {{ empty (fromJson "null") }}`,
	`{{ set (fromYaml "null") "a" 1 | toJson }}`,
	`{{ values (merge nil nil) | toJson }}`,
	`{{ pluck "a" (merge nil nil) (dict "a" 2) | toJson }}`,
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
