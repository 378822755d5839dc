package main

// Suite lists: Sprig's list.go (list tuple push append prepend first rest
// last initial reverse uniq without has slice concat dig chunk compact and
// their must* twins) over every slice kind a chart can hold, non-slices,
// nil, bad indices, and the panics text/template turns into errors.

import (
	"fmt"
	"math/rand"
)

// collShow prints a result's value and Go type (typeOf, which knows Helm's
// host types); results are kept in a variable so a nil result shows too.
func collShow(e string) string {
	return `{{ $r := ` + e + ` }}{{ $r }} {{ typeOf $r }}`
}

var collLists = []string{
	".Values.list", ".Values.nums", ".Values.mixed", ".Values.emptylist", "(list 1 2 3)", "(list)",
	`(list 1 "a" 1 "a" nil nil 1.0 (list 1) (list 1) "" 0 false (dict) .Values.map .Values.map)`,
	`(keys (dict "k" 1))`, `(.Files.Lines "files/a.txt")`, `(list "héllo" "✓" "")`,
}

var collNonLists = []string{
	".Values.name", ".Values.map", "1", ".Values.missing", "nil", ".Values.ratio", "true", `""`,
	".Chart", ".Files", `(.Files.GetBytes "files/a.txt")`, ".Values", ".Values.nothing", "(dict)",
}

func init() {
	register("lists", func() []string {
		var s []string
		all := append(append([]string{}, collLists...), collNonLists...)
		single := []string{"first", "mustFirst", "rest", "mustRest", "last", "mustLast", "initial",
			"mustInitial", "reverse", "mustReverse", "uniq", "mustUniq", "compact", "mustCompact"}
		for _, f := range single {
			for _, a := range all {
				s = append(s, collShow(f+" "+a))
			}
			s = append(s, "{{ "+f+" }}", "{{ "+f+" .Values.list .Values.list }}", "{{ .Values.list | "+f+" }}")
		}
		elems := []string{"1", `"x"`, "nil", ".Values.map", "(list 1)", ".Values.missing", "1.5"}
		for _, f := range []string{"push", "append", "mustPush", "mustAppend", "prepend", "mustPrepend"} {
			for _, a := range all {
				s = append(s, collShow(f+" "+a+" 9"))
			}
			for _, e := range elems {
				s = append(s, collShow(f+" .Values.list "+e), collShow(f+" (list) "+e))
			}
			s = append(s, "{{ "+f+" .Values.list }}", "{{ list 1 2 | "+f+" 3 }}", "{{ 3 | "+f+" (list 1 2) }}")
		}
		// push shares nothing with its input: the input list stays as it was
		s = append(s, `{{ $l := list 1 2 }}{{ $m := append $l 3 }}{{ $l }} {{ $m }}`,
			`{{ $l := .Values.list }}{{ $_ := prepend $l "z" }}{{ $l }}`)
		for _, f := range []string{"list", "tuple"} {
			for _, a := range []string{"", "1", `1 "a" nil true 1.5`, ".Values.list .Values.map", "nil nil", ".Values.missing",
				`(list (list 1 2) (list))`, ".Chart.Name .Values.ratio"} {
				s = append(s, collShow(f+" "+a))
			}
		}
		needles := []string{"1", `"a"`, "1.0", "nil", "(list 1)", ".Values.replicas", "3", `"1"`, ".Values.map", "(dict)", "false", `"héllo"`}
		for _, f := range []string{"has", "mustHas"} {
			for _, n := range needles {
				for _, h := range all {
					s = append(s, collShow(f+" "+n+" "+h))
				}
			}
			s = append(s, "{{ "+f+" 1 }}", "{{ .Values.list | "+f+" \"a\" }}")
		}
		omits := []string{"", "1", `"a"`, `"a" "b"`, "nil", "1.0", "(list 1)", `"x" "c" 1 2 3`, ".Values.map", `""`, "false"}
		for _, f := range []string{"without", "mustWithout"} {
			for _, l := range all {
				for _, o := range omits {
					s = append(s, collShow(f+" "+l+" "+o))
				}
			}
		}
		idx := []string{"", "0", "1", "2", "3", "4", "-1", "0 0", "0 1", "1 3", "2 1", "0 9", "1 2 3", `"1"`, `"1" "2"`,
			"1.9", "nil", `"x"`, "true", `"0x1"`, `"1.0"`, `"1_0"`, "(list 1)", "1 -1", ".Values.replicas", "0 .Values.ratio",
			`"  1"`, `"010"`, `"0b1" "0o2"`, `"1.50"`}
		for _, f := range []string{"slice", "mustSlice"} {
			for _, l := range all {
				for _, i := range idx {
					s = append(s, collShow(f+" "+l+" "+i))
				}
			}
			s = append(s, `{{ $r := `+f+` .Capabilities.APIVersions 0 2 }}{{ $r }} {{ typeOf $r }}`)
		}
		// Sprig's slice shares the backing array, as a Go slice expression does
		s = append(s, `{{ $l := list 1 2 3 }}{{ $m := slice $l 1 }}{{ $n := append $m 9 }}{{ $l }} {{ $m }} {{ $n }}`)
		cats := []string{"", ".Values.list", ".Values.list .Values.nums", "(list) (list)", ".Values.list 1",
			".Values.list nil", "nil", `(keys (dict "a" 1)) .Values.mixed`, ".Values.map", `(.Files.GetBytes "files/a.txt")`,
			".Values.emptylist .Values.list .Values.emptylist", `"abc"`}
		for _, c := range cats {
			s = append(s, collShow("concat "+c))
		}
		sizes := []string{"0", "1", "2", "3", "4", "-1", "-2", "-3", "1000000000000", `"2"`, "2.5", "nil"}
		for _, f := range []string{"chunk", "mustChunk"} {
			for _, z := range sizes {
				for _, l := range all {
					s = append(s, `{{ $r := `+f+" "+z+" "+l+` }}{{ $r }} {{ len $r }} {{ typeOf $r }}`)
				}
			}
			s = append(s, `{{ `+f+` 2 .Values.list | first | typeOf }}`, `{{ `+f+` 2 .Values.list | kindOf }}`,
				`{{ deepEqual (`+f+` 1 (list 1)) (list (list 1)) }}`, `{{ range $i, $c := `+f+` 2 .Values.list }}{{ $i }}:{{ typeOf $c }};{{ end }}`,
				`{{ `+f+` 2 .Values.list | first | push 1 }}`, `{{ `+f+` 2 .Values.list | push 1 | typeOf }}`, `{{ dig "a" "d" (`+f+` 1 (list 1)) }}`)
		}
		digs := []string{
			`dig "a" "def" (dict "a" 1)`, `dig "b" "def" (dict "a" 1)`, `dig "map" "c" "d" "def" .Values`,
			`dig "map" "c" "d" "def" .Values.AsMap`, `dig "map" "c" "d" "def" (dict "map" .Values.map)`,
			`dig "map" "c" "x" "def" (dict "map" .Values.map)`, `dig "map" "a" "x" "def" (dict "map" .Values.map)`,
			`dig "map" "nope" "x" "def" (dict "map" .Values.map)`, `dig "a" "def"`, `dig "a"`, `dig`,
			`dig 1 "def" (dict "a" 1)`, `dig "a" "def" nil`, `dig "a" "def" "x"`, `dig "a" nil (dict)`,
			`dig "a" "b" "def" (dict "a" nil)`, `dig "a" "b" "def" (dict "a" (dict))`, `dig "" "def" (dict "" 5)`,
			`dig "a" "b" 7 (dict "a" (dict "b" (list 1 2)))`, `dig "map" "def" .Values.AsMap`,
			`dict "a" 1 | dig "a" "def"`, `dig "a" "def" .Values.map`,
		}
		for _, d := range digs {
			s = append(s, collShow(d))
		}
		// chaining
		s = append(s, collShow(`list 3 1 2 | reverse | first`), collShow(`.Values.list | rest | rest | rest | rest`),
			collShow(`.Values.mixed | compact | uniq | without "x" | last`), collShow(`concat .Values.list .Values.list | uniq | len`),
			collShow(`list 1 2 3 4 5 | initial | rest | reverse | slice 1`), `{{ range chunk 2 (list 1 2 3 4 5) }}[{{ . }}]{{ end }}`,
			`{{ range $i, $e := .Values.list | reverse }}{{ $i }}={{ $e }};{{ end }}`)
		// seeded random lists of small atoms through the reflective functions
		r := rand.New(rand.NewSource(7))
		atoms := []string{"1", "2", `"a"`, `"b"`, "nil", "1.0", "true", `""`, "(list 1)", "(dict)", "0"}
		for i := 0; i < 60; i++ {
			n := r.Intn(6)
			l := "(list"
			for j := 0; j < n; j++ {
				l += " " + atoms[r.Intn(len(atoms))]
			}
			l += ")"
			switch i % 6 {
			case 0:
				s = append(s, collShow("uniq "+l))
			case 1:
				s = append(s, collShow("compact "+l))
			case 2:
				s = append(s, collShow(fmt.Sprintf("without %s %s", l, atoms[r.Intn(len(atoms))])))
			case 3:
				s = append(s, collShow(fmt.Sprintf("has %s %s", atoms[r.Intn(len(atoms))], l)))
			case 4:
				s = append(s, fmt.Sprintf(`{{ chunk %d %s }}`, r.Intn(4)+1, l))
			case 5:
				s = append(s, collShow(fmt.Sprintf("slice %s %d %d", l, r.Intn(3), r.Intn(3)+2)))
			}
		}
		return s
	})
}
