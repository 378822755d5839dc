package main

// Suite dicts: Sprig's dict.go (dict get set unset hasKey pluck keys pick
// omit merge mergeOverwrite values deepCopy and must* twins): key
// stringification, in-place mutation of shared maps, mergo's merge rules
// (which values count as empty, maps merged recursively, slices replaced)
// over seeded random nested dicts, and deepCopy independence.  keys and
// values are only shown in an order-free way (Go's map order is random).

import (
	"fmt"
	"math/rand"
	"strings"
)

var dictMaps = []string{".Values", ".Values.map", "(dict)", ".Values.emptymap", "nil", `(dict "a" 1 "b" nil "" "e")`,
	".Values.map.c", ".Values.AsMap"}
var dictBad = []string{".Values.name", ".Chart", ".Files", ".Values.list", "1", ".Values.missing", ".Capabilities"}

// randDict writes a random nested dict as a template expression.
func randDict(r *rand.Rand, depth int) string {
	keys := []string{"a", "b", "c", "d"}
	n := r.Intn(4)
	var b strings.Builder
	b.WriteString("(dict")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, " %q %s", keys[r.Intn(len(keys))], randVal(r, depth))
	}
	b.WriteString(")")
	return b.String()
}

func randVal(r *rand.Rand, depth int) string {
	atoms := []string{"nil", `""`, `"s"`, "0", "1", "1.5", "0.0", "true", "false", "(list)", "(list 1 2)", "(list nil)", `(list "z")`}
	if depth < 2 && r.Intn(3) == 0 {
		return randDict(r, depth+1)
	}
	return atoms[r.Intn(len(atoms))]
}

func init() {
	register("dicts", func() []string {
		var s []string
		dictArgs := []string{"", `"a"`, `"a" 1`, `"a" 1 "b"`, `"a" 1 "a" 2`, `1 2`, `nil 1`, `true false`, `1.5 "x"`,
			`.Values.list 1`, `.Values.map 1`, `"" ""`, `"b" 2 "a" 1 "c" (dict "d" nil)`, `.Chart.Name .Chart.Version`,
			`(.Files.GetBytes "files/a.txt") 1`, `.Values.missing 1`, `"héllo" "✓"`, `.Capabilities.KubeVersion 1`,
			`(list) (list)`, `.Values.ratio .Values.big`}
		for _, a := range dictArgs {
			s = append(s, collShow("dict "+a))
		}
		keysArg := []string{`"a"`, `"name"`, `"missing"`, `""`, `"nothing"`, "1", "nil", ".Values.name"}
		for _, m := range append(append([]string{}, dictMaps...), dictBad...) {
			for _, k := range keysArg {
				s = append(s, collShow("get "+m+" "+k), collShow("hasKey "+m+" "+k))
			}
			s = append(s, collShow("unset "+m+" \"a\""), collShow("pick "+m+" \"a\" \"name\" \"c\" \"zz\""),
				collShow("omit "+m+" \"a\" \"name\" \"list\""), collShow("pick "+m), collShow("omit "+m),
				collShow("pluck \"a\" "+m), `{{ $k := keys `+m+` }}{{ len $k }} {{ typeOf $k }} {{ has "a" $k }} {{ has "name" $k }}`,
				`{{ $v := values `+m+` }}{{ len $v }} {{ typeOf $v }} {{ has 1.0 $v }}`, collShow("mustDeepCopy "+m),
				collShow("deepCopy "+m))
			if m == ".Capabilities" {
				// text/template prints a *Capabilities held in a variable
				// without its String methods: an engine matter, not deepCopy's
				s = s[:len(s)-2]
				s = append(s, `{{ $r := deepCopy .Capabilities }}{{ typeOf $r }} {{ $r.KubeVersion.Version }} {{ len $r.APIVersions }}`)
			}
			if m != "nil" {
				s = append(s, collShow("set "+m+" \"a\" 1"))
			}
		}
		s = append(s, collShow("get"), collShow(`get .Values`), collShow(`set (dict) "a"`), collShow(`set (dict) 1 2`),
			collShow(`set (dict) "a" 1 2`), collShow(`hasKey "a" .Values`), collShow(`.Values | get "name"`),
			collShow(`dict "a" 1 | set "x"`), collShow(`pluck "a"`), collShow(`pluck "a" (dict "a" 1) (dict "b" 2) (dict "a" nil) .Values.map`),
			collShow(`pluck 1 (dict "a" 1)`), collShow(`pluck "a" (dict "a" 1) "x"`), collShow(`keys`), collShow(`keys (dict "a" 1) (dict "a" 2)`),
			collShow(`keys (dict "a" 1) "x"`), collShow(`values`), collShow(`values (dict "x" (list 1))`), collShow(`pick (dict "a" 1) 1`),
			collShow(`omit (dict "a" 1) "a" "a"`), collShow(`pick (dict "a" 1 "b" 2) "b" "b"`))
		// mutation is visible through every holder of the map
		s = append(s, `{{ $d := dict "a" 1 }}{{ $_ := set $d "b" 2 }}{{ $d }}`,
			`{{ $d := dict "a" 1 }}{{ $e := set $d "b" 2 }}{{ $_ := set $e "c" 3 }}{{ $d }}`,
			`{{ $_ := set .Values.map "z" 9 }}{{ .Values.map }}`, `{{ $_ := unset .Values.map "a" }}{{ .Values.map }} {{ .Values.map.a }}`,
			`{{ $_ := set .Values "name" "other" }}{{ .Values.name }}`, `{{ $l := list (dict "a" 1) }}{{ $_ := set (first $l) "b" 2 }}{{ $l }}`,
			`{{ $d := dict }}{{ $_ := set $d "self" $d }}{{ len $d }}`, `{{ typeOf (set .Values "x" 1) }}`, `{{ typeOf (unset .Values "x") }}`,
			`{{ typeOf (pick .Values "name") }}`, `{{ typeOf (merge .Values (dict)) }}`, `{{ typeOf (deepCopy .Values) }}`,
			`{{ $c := deepCopy .Values.map }}{{ $_ := set $c.c "d" "changed" }}{{ .Values.map.c.d }} {{ $c.c.d }}`,
			`{{ $c := .Values.map }}{{ $_ := set $c.c "d" "changed" }}{{ .Values.map.c.d }}`,
			`{{ $p := pick .Values "map" }}{{ $_ := set $p.map "q" 1 }}{{ .Values.map.q }}`,
			`{{ $o := omit .Values "name" }}{{ $_ := set $o "list" 1 }}{{ .Values.list }}`,
			`{{ $l := list 1 2 }}{{ $c := deepCopy $l }}{{ printf "%v %T" $c $c }}`, collShow(`deepCopy nil`), collShow(`mustDeepCopy nil`),
			collShow(`deepCopy 1`), collShow(`deepCopy "s"`), collShow(`deepCopy .Values.list`), collShow(`deepCopy (keys (dict "a" 1))`),
			collShow(`deepCopy .Chart`), collShow(`deepCopy .Files`), collShow(`deepCopy (.Files.GetBytes "files/a.txt")`),
			collShow(`deepCopy .Values.mixed`), collShow(`deepCopy .Values.ratio`), collShow(`deepCopy true`), collShow(`deepCopy (list)`))
		// merge: fixed cases
		mergeCases := [][2]string{
			{`(dict "a" 1)`, `(dict "a" 2 "b" 3)`}, {`(dict "a" "")`, `(dict "a" "x")`}, {`(dict "a" "x")`, `(dict "a" "")`},
			{`(dict "a" 0)`, `(dict "a" 5)`}, {`(dict "a" nil)`, `(dict "a" 5)`}, {`(dict "a" 5)`, `(dict "a" nil)`},
			{`(dict "a" (dict "x" 1))`, `(dict "a" (dict "x" 2 "y" 3))`}, {`(dict "a" (dict "x" 1))`, `(dict "a" 7)`},
			{`(dict "a" 7)`, `(dict "a" (dict "x" 1))`}, {`(dict "a" (list 1))`, `(dict "a" (list 2 3))`},
			{`(dict "a" (list))`, `(dict "a" (list 2 3))`}, {`(dict "a" (list 1))`, `(dict "a" (list))`}, {`(dict "a" "s")`, `(dict "a" (list 1))`},
			{`(dict "a" (list 1))`, `(dict "a" "s")`}, {`(dict "a" (dict))`, `(dict "a" (dict "x" 1))`}, {`(dict "a" (dict))`, `(dict "a" (dict))`},
			{`(dict "a" false)`, `(dict "a" true)`}, {`(dict "a" true)`, `(dict "a" false)`}, {`(dict)`, `(dict "a" (list 1) "b" (dict "c" 1))`},
			{`nil`, `(dict "a" 1)`}, {`(dict "a" 1)`, `nil`}, {`.Values.emptymap`, `.Values.map`}, {`(dict "a" (dict "b" (dict "c" 1)))`, `(dict "a" (dict "b" (dict "c" 2 "d" 3)))`},
			{`(dict "a" (list 1))`, `(dict "a" (dict "x" 1))`}, {`(dict "a" (dict "x" 1))`, `(dict "a" (list 1))`}, {`(dict "a" "")`, `(dict "a" (dict "x" 1))`},
			{`(dict "a" 0.0)`, `(dict "a" (list))`}, {`(dict "a" 1)`, `(dict "b" nil)`}, {`(dict "a" (keys (dict "k" 1)))`, `(dict "a" (list 1))`},
			{`(dict "a" (list 1))`, `(dict "a" (keys (dict "k" 1)))`},
		}
		for _, f := range []string{"merge", "mergeOverwrite", "mustMerge", "mustMergeOverwrite"} {
			for _, c := range mergeCases {
				s = append(s, fmt.Sprintf(`{{ $d := %s }}{{ $s := %s }}{{ $r := %s $d $s }}{{ toJson $r }} {{ toJson $d }} {{ toJson $s }} {{ typeOf $r }}`, c[0], c[1], f))
			}
			s = append(s, collShow(f), collShow(f+` (dict "a" 1)`), collShow(f+` (dict "a" 1) (dict "b" 2) (dict "a" 3 "c" 4)`),
				collShow(f+` (dict "a" 1) "x"`), collShow(f+` "x" (dict)`), collShow(f+` .Values (dict "name" "n" "new" 1)`),
				collShow(f+` (dict "name" "n" "new" 1) .Values`), collShow(f+` (dict) .Chart`), collShow(f+` (dict) .Files`),
				fmt.Sprintf(`{{ $s := dict "a" (dict "b" 1) }}{{ $r := %s (dict) $s }}{{ $_ := set $r.a "c" 2 }}{{ toJson $s }}`, f),
				fmt.Sprintf(`{{ $s := dict "a" (list 1) }}{{ $d := dict "a" (list) }}{{ $r := %s $d $s }}{{ toJson $d }}`, f),
				fmt.Sprintf(`{{ $d := dict "a" (dict "b" 1) }}{{ $r := %s $d (dict "a" (dict "c" 2)) }}{{ toJson $d }}`, f),
				fmt.Sprintf(`{{ $_ := %s .Values.map (dict "a" 100 "n" 1) }}{{ toJson .Values.map }}`, f),
				fmt.Sprintf(`{{ $_ := %s .Values (dict "enabled" false "zero" 9 "empty" "e" "nothing" "n" "emptylist" (list 1) "emptymap" (dict "k" 1)) }}{{ toJson .Values }}`, f))
		}
		r := rand.New(rand.NewSource(42))
		for i := 0; i < 240; i++ {
			f := []string{"merge", "mergeOverwrite"}[i%2]
			d, src := randDict(r, 0), randDict(r, 0)
			s = append(s, fmt.Sprintf(`{{ $d := %s }}{{ $s := %s }}{{ $r := %s $d $s }}{{ toJson $r }} {{ toJson $s }}`, d, src, f))
		}
		for i := 0; i < 40; i++ {
			f := []string{"merge", "mergeOverwrite"}[i%2]
			s = append(s, fmt.Sprintf(`{{ toJson (%s %s %s %s) }}`, f, randDict(r, 0), randDict(r, 0), randDict(r, 0)))
		}
		return s
	})
}
