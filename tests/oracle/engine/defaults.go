package main

// Suite defaults: Sprig's defaults.go (default empty coalesce all any
// ternary and the JSON functions; Helm's toJson/fromJson replace Sprig's,
// the rest are Sprig's own) over the Go zero values of every kind a chart
// sees, plus text/template's checks of ternary's bool parameter.

var defAtoms = []string{
	".Values.name", ".Values.empty", `""`, `" "`, "0", "1", "-1", "0.0", "1.5", ".Values.zero", ".Values.ratio", ".Values.neg",
	"true", "false", ".Values.enabled", ".Values.disabled", "nil", ".Values.missing", ".Values.nothing", ".Values.list",
	".Values.emptylist", "(list)", "(list nil)", ".Values.map", ".Values.emptymap", "(dict)", ".Values", ".Chart", ".Files",
	".Capabilities", `(.Files.GetBytes "nope")`, `(.Files.GetBytes "files/a.txt")`, `(keys (dict))`, ".Release", ".Release.Name",
	".Release.Revision", ".Chart.IsRoot", ".Capabilities.KubeVersion", `(.Files.Lines "nope")`, ".Values.mixed",
}

func init() {
	register("defaults", func() []string {
		var s []string
		for _, a := range defAtoms {
			s = append(s, collShow("empty "+a), collShow("all "+a), collShow("any "+a))
			if a == ".Capabilities" || a == ".Capabilities.KubeVersion" {
				// printing these from a variable is the engine's business
				// (no String methods without an address): show the type
				s = append(s, `{{ typeOf (default "D" `+a+`) }}`, `{{ typeOf (coalesce `+a+` "C") }}`,
					`{{ typeOf (ternary `+a+` "no" true) }}`, `{{ typeOf (ternary "yes" `+a+` false) }}`)
				continue
			}
			s = append(s, collShow("default \"D\" "+a), collShow("coalesce "+a+" \"C\""),
				collShow(a+" | default 7"), collShow("ternary "+a+" \"no\" true"), collShow("ternary \"yes\" "+a+" false"))
		}
		s = append(s, collShow("default"), collShow(`default "D"`), collShow(`default "D" "" "x"`), collShow(`default "D" "x" ""`),
			collShow("empty"), collShow(`empty 1 2`), collShow("coalesce"), collShow("coalesce nil"), collShow(`coalesce "" 0 nil false (list) (dict) "x" "y"`),
			collShow(`coalesce .Values.missing .Values.empty .Values.zero .Values.name`), collShow("all"), collShow("any"),
			collShow(`all 1 "a" true (list 1)`), collShow(`all 1 "a" true (list)`), collShow(`any 0 "" false (list 1)`), collShow(`any 0 "" false nil`),
			collShow(`default (list 1) .Values.emptylist`), collShow(`default .Values.map .Values.missing`),
			collShow("ternary"), collShow(`ternary 1 2`), collShow(`ternary 1 2 3`), collShow(`ternary 1 2 nil`), collShow(`ternary 1 2 "true"`),
			collShow(`ternary 1 2 .Values.enabled`), collShow(`ternary 1 2 .Values.name`), collShow(`ternary 1 2 .Values.missing`),
			collShow(`true | ternary "a" "b"`), collShow(`false | ternary "a" "b"`), collShow(`ternary 1 2 (empty "")`),
			collShow(`ternary nil 2 true`), collShow(`ternary 1 nil false`),
			`{{ $x := .Values.missing | default "d" }}{{ $x }}`, `{{ .Values.name | default "d" | printf "%q" }}`,
			`{{ if empty .Values.list }}e{{ else }}ne{{ end }}`, `{{ if empty .Values.emptylist }}e{{ else }}ne{{ end }}`)
		jsonIn := []string{`""`, `"{}"`, `"[]"`, `"null"`, `"1"`, `"1.5e3"`, `"\"s\""`, `"true"`, `"{\"a\": [1, {\"b\": null}]}"`,
			`"{"`, `"[1,"`, `"nul"`, `"{} x"`, `"\"\\ud800\""`, ".Values.jsonText", ".Values.name", `"  [ ]  "`, `"{\"a\":1,\"a\":2}"`,
			`"123456789012345678901234567890"`, `"-0"`, `"1e400"`, `"\"<&>\""`, `"{\"b\":1,\"a\":2}"`,
			`"{\"a\":1e400,\"b\":[1,-1e400,{\"c\":1e999}],\"Error\":\"x\",\"d\":2}"`, `"[1e400]"`, `"[1,{\"a\":1e400}]"`,
			`"{\"a\":1e400,\"b\":\"\\ud800\"}"`, `"{\"a\":1e400} x"`}
		for _, j := range jsonIn {
			s = append(s, collShow("mustFromJson "+j))
			s = append(s, collShow("fromJson "+j))
		}
		for _, j := range []string{`"[1e400]"`, `"[1,{\"a\":1e400}]"`, `"{\"a\":1e400}"`, `"[1,-1e400,\"x\"] "`, `"[1e400,\"\\ud800\"]"`} {
			s = append(s, collShow("fromJsonArray "+j))
		}
		s = append(s, collShow("mustFromJson 1"), collShow("mustFromJson nil"), collShow("mustFromJson"))
		jsonOut := append(append([]string{}, defAtoms...), `"<a href='x'>&amp;</a>"`, ".Values.html", ".Values.unicode", `"\u2028\u2029"`,
			`(dict "b" 1 "a" (list 1 "x" nil (dict)))`, `(list "<" ">" "&")`, `"\x00\x1f\x7f"`, `(printf "%c" 0xff)`, "1e21", "1e20", "1e-7",
			"0.000001", "123456789.0", ".Values.big", "-0.0", `(dict "k" (dict "<" ">"))`, ".Capabilities.KubeVersion", ".Capabilities.APIVersions", ".Values.multi")
		for _, v := range jsonOut {
			for _, f := range []string{"toJson", "mustToJson", "toPrettyJson", "mustToPrettyJson", "toRawJson", "mustToRawJson"} {
				s = append(s, collShow(f+" "+v))
			}
		}
		s = append(s, collShow("toPrettyJson"), collShow(`toRawJson 1 2`), `{{ .Values.map | toPrettyJson | fromJson }}`,
			`{{ .Values.map | mustToRawJson | mustFromJson | toPrettyJson }}`, `{{ dict "a" (dict) "b" (list) | toPrettyJson }}`)
		return s
	})
}
