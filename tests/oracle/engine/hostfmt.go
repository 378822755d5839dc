package main

import "strings"

// Suite hostfmt: Go's fmt on the Go types Helm and Sprig hand to templates
// (printf %v/%+v/%s/%q/%x/%d/%T, print, println, toString, {{ . }} of
// .Chart, .Capabilities, .Capabilities.KubeVersion/APIVersions/HelmVersion,
// .Release, .Template, .Files, *semver.Version, time.Time and its Month,
// Weekday, Duration and Location, sprig's certificate, []int, [][]interface{},
// map[string]string), nested in lists and maps too.  Left out (hostfmtSkip):
// what shows a Go heap address (a pointer inside a container: the whole
// top-level map, list .Capabilities, %d of a *semver.Version in a list) and
// %d of time.Time's unexported fields (wall clock bits, a *Location).

func hostfmtSkip(s string) bool {
	return strings.Contains(s, `%d`) && (strings.Contains(s, "toDate") || strings.Contains(s, "semver")) ||
		strings.Contains(s, `list .Capabilities }}`) || strings.Contains(s, `dict "k" .Capabilities }}`)
}

func init() {
	register("hostfmt", func() []string {
		exprs := []string{`.Chart`, `.Capabilities`, `.Capabilities.KubeVersion`, `.Capabilities.APIVersions`,
			`.Capabilities.HelmVersion`, `.Release`, `.Template`, `.Files`, `.Values.map`, `.Chart.Annotations`,
			`.Chart.Keywords`, `.Chart.Maintainers`, `.Chart.Dependencies`, `.Chart.IsRoot`, `.Release.Revision`,
			`(semver "1.2.3-beta.1+b5")`, `((semver "1.2.3").IncPatch)`, `(toDate "2006-01-02" "2024-03-05")`,
			`((toDate "2006-01-02" "2024-03-05").Month)`, `((toDate "2006-01-02" "2024-03-05").Weekday)`,
			`((toDate "2006-01-02" "2024-03-05").Location)`, `((toDate "2006-01-02" "2024-03-05").Sub (toDate "2006-01-02" "2024-03-01"))`,
			`(until 3)`, `(chunk 2 (list 1 2 3))`, `(split "," "a,b")`, `(splitList "," "a,b")`,
			`(list .Capabilities.KubeVersion (semver "1.0.0"))`, `(dict "kv" .Capabilities.KubeVersion "t" (toDate "2006" "2020"))`,
			`(list .Capabilities.HelmVersion .Release)`, `(list (until 2) (split "," "x"))`}
		verbs := []string{`%v`, `%+v`, `%s`, `%q`, `%x`, `%d`, `%T`, `%12v|`, `%-8s|`, `%v %T`}
		var s []string
		for _, e := range exprs {
			for _, v := range verbs {
				args := e
				if v == `%v %T` {
					args = e + " " + e
				}
				s = append(s, `{{ printf "`+v+`" `+args+` }}`)
			}
			s = append(s, `{{ `+e+` }}`, `{{ print `+e+` }}`, `{{ println `+e+` "x" }}`, `{{ print `+e+` 1 `+e+` }}`,
				`{{ `+e+` | toString }}`, `{{ list `+e+` | toStrings }}`, `{{ cat `+e+` "x" }}`, `{{ `+e+` | quote }}`,
				`{{ `+e+` | html }}`, `{{ `+e+` | js }}`, `{{ urlquery `+e+` }}`, `{{ list `+e+` }}`, `{{ dict "k" `+e+` }}`,
				`{{ eq `+e+` 1 }}`, `{{ join "," (list `+e+` 1) }}`)
		}
		s = append(s, `{{ printf "%s %v" (semver "bad") 1 }}`, `{{ printf "%v" (toDate "2006" "bad") }}`,
			`{{ printf "%v|%s" (now | date "2006" | len) (duration 90) }}`, `{{ printf "%v" (durationRound "3h2m") }}`,
			`{{ range $k, $v := .Capabilities.KubeVersion }}{{ $k }}{{ end }}`, `{{ range .Capabilities }}{{ end }}`,
			`{{ printf "%v" .Chart.Nope }}`, `{{ printf "%d %s" .Release.Revision .Release.Revision }}`,
			`{{ printf "%v" (index .Files "files/a.txt") }}`, `{{ printf "%s" (index .Files "files/a.txt") }}`,
			`{{ printf "%T" (index .Files "files/a.txt") }}`, `{{ printf "%T %q" (index .Chart.Annotations "x") (index .Chart.Annotations "x") }}`)
		var keep []string
		for _, x := range s {
			if !hostfmtSkip(x) {
				keep = append(keep, x)
			}
		}
		return keep
	})
}
