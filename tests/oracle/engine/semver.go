package main

import (
	"fmt"
	"math/rand"
	"strings"
)

// Suite semver: Sprig's semver and semverCompare on Masterminds/semver
// v3.3.0 (NewVersion, NewConstraint with ranges, ^ ~ x || and hyphen
// ranges, prerelease rules), and the methods of *semver.Version.
func init() {
	register("semver", func() []string {
		versions := []string{
			"1.2.3", "v1.2.3", "1.2", "1", "v1", "0.0.0", "0.0.1", "0.1.0", "0.1.2", "1.0.0", "1.2.0", "1.3.0",
			"2.0.0", "2.0.0-alpha", "1.2.3-beta", "1.2.3-beta.2", "1.2.3-beta.10", "1.2.3-rc1", "1.2.3+build.5",
			"1.2.3-alpha+meta", "1.2.4", "1.28.3", "1.19.0-0", "1.19.0", "1.18.9", "v1.32.0", "1.32.0-eks-a1b2",
			"3.0.0", "10.20.30", "01.02.03", "1.2.3-01", "1.2.3-0a", "1.2.3-a..b", "1.2.3-", "1.2.3+", "1.2.3.4",
			"", "x", "1.x", "V1.2.3", " 1.2.3", "1.2.3 ", "18446744073709551615.0.0", "18446744073709551616.0.0",
			"1.18446744073709551616", "1.2.3-beta.01", "1.2.3+meta.01", "1.2.3-x-y-z.-", "1.2.3-αβ", "1.2.3\n",
		}
		constraints := []string{
			"1.2.3", "=1.2.3", "= 1.2.3", "!=1.2.3", ">1.2.3", "<1.2.3", ">=1.2.3", "=>1.2.3", "<=1.2.3", "=<1.2.3",
			"~1.2.3", "~>1.2.3", "^1.2.3", "1.2", "1", "1.x", "1.2.x", "*", "x", "X", "1.*", "~1", "~1.2", "^1.2",
			"^0.2.3", "^0.2", "^0.0.3", "^0.0", "^0", "^0.x", "~0", "~0.0.0", "~*", "^*", ">1", ">1.2", ">=1.2",
			"<1.x", "<=1", "<=1.2", "<=1.2.x", "!=1.x", "!=1.2.x", "!=1", "!=*", ">1.x", ">1.2.x", ">=1.x",
			">= 1.2, < 2.0", ">= 1.2 < 2.0", ">=1.2,<2", "<1.0 || >=2.0", "1.2 - 1.4", "1.2.3 - 2.3.4", "1 - 2",
			"1.2.x - 1.4.x", ">=1.19-0", ">= 1.19.0-0", "<1.19.0-0", "^1.2.3-beta", "~1.2.3-beta", ">1.2.3-alpha",
			"<=1.2.3-rc1", "=1.2.3-beta", "!=1.2.3-beta", "1.2.3-beta", ">=v1.2.3", "v1.2", "1.2.3+build.5",
			"", " ", "||", "1.2.3 ||", ">= 1.2 ||| 3", "junk", ">", ">=", "=>=1", "==1", "<>1", "!1", "1.2.3.4",
			"1.2>3", "1,,2", "1,2", ",1", "1,", "1 2", "  >= 1.2  ", ">=1.2.3-01", "1x", "x1", "1|2", "1.2|3",
			">=1.2 - 2", "abc1.2 - 3", "1 -2 - 3", "1 - 2 || 1 - 2", "1 - 2 - 3", "~> 2.x", "^ 1.2", "~ 1",
			">= 1.0.0-0 < 2.0.0-0", "1.2.3 - 2.3.4-beta", "v1 - v2", ">=0.0.0", "<0.0.0", ">18446744073709551616",
			"\t>=1.2\n", ">=1.2\v", "1.2.3-x.Y.z", "^1.x.x", "~2.x.x", ">=1.*.3", "^1.2.X", "=*",
		}
		var s []string
		for _, c := range constraints {
			for _, v := range []string{"1.2.3", "1.2.4", "1.3.0", "2.0.0", "1.2.3-beta", "0.2.5", "0.0.3", "1.19.0",
				"v1.32.0", "1.2.2", "1.0.0", "0.0.0", "1.2.3-rc1", "1.4.5"} {
				s = append(s, fmt.Sprintf("{{ semverCompare %q %q }}", c, v))
			}
		}
		for _, v := range versions {
			for _, c := range []string{">=1.2.3", "^1.2", "~1.2.3", "!=1.2.3", "<2.0.0", "1.x", "*", ">1.2.3-alpha",
				"<=1.2.3", "=1.2.3-beta", ">=1.19-0"} {
				s = append(s, fmt.Sprintf("{{ semverCompare %q %q }}", c, v))
			}
			s = append(s, fmt.Sprintf("{{ semver %q }}", v))
			q := fmt.Sprintf("(semver %q)", v)
			s = append(s, fmt.Sprintf("{{ $v := %s }}{{ $v.Major }} {{ $v.Minor }} {{ $v.Patch }} [{{ $v.Prerelease }}] [{{ $v.Metadata }}] [{{ $v.Original }}] {{ $v.String }}", q))
		}
		s = append(s,
			`{{ semverCompare ">=1.19-0" .Capabilities.KubeVersion.GitVersion }}`,
			`{{ semverCompare "<1.19-0" .Capabilities.KubeVersion.Version }}`,
			`{{ semverCompare "^1.28" .Values.version }}`, `{{ semver .Values.version }}`,
			`{{ semverCompare 1 "1.2.3" }}`, `{{ semverCompare "1" 1 }}`, `{{ semverCompare "1" }}`,
			`{{ semverCompare .Values.missing "1.2.3" }}`, `{{ semverCompare "1" .Values.missing }}`,
			`{{ semverCompare nil "1" }}`, `{{ semver }}`, `{{ semver 1 }}`, `{{ semver .Values.missing }}`,
			`{{ semver nil }}`, `{{ semver "1.2.3" "x" }}`, `{{ semverCompare ">1" "1.2.3" | printf "%T" }}`,
			`{{ (semver "1.2.3").Major | printf "%T" }}`, `{{ (semver "1.2.3").String | printf "%T" }}`,
			`{{ (semver "1.2.3").Compare (semver "1.2.4") }}`, `{{ (semver "1.2.4").Compare (semver "1.2.3") }}`,
			`{{ (semver "1.2.3").Compare (semver "v1.2.3+x") }}`, `{{ (semver "1.2.3").LessThan (semver "1.2.4") }}`,
			`{{ (semver "1.2.3").GreaterThan (semver "1.2.3-rc1") }}`, `{{ (semver "1.2.3").Equal (semver "1.2.3+m") }}`,
			`{{ (semver "1.2.3").LessThanEqual (semver "1.2.3") }}`, `{{ (semver "1.2.3-b").GreaterThanEqual (semver "1.2.3-a") }}`,
			`{{ (semver "1.2.3-beta.2").Compare (semver "1.2.3-beta.10") }}`, `{{ (semver "1.2.3-beta.b").Compare (semver "1.2.3-beta.10") }}`,
			`{{ (semver "1.2.3-beta").Compare (semver "1.2.3-beta.1") }}`, `{{ (semver "1.2.3-1").Compare (semver "1.2.3-01a") }}`,
			`{{ (semver "1.2.3-a.1").Compare (semver "1.2.3-a.01") }}`,
			`{{ (semver "1.2.3").IncPatch }}`, `{{ (semver "1.2.3-rc1").IncPatch }}`, `{{ (semver "v1.2.3+m").IncMinor }}`,
			`{{ (semver "v1.2.3").IncMajor }}`, `{{ (semver "v1.2.3").IncMajor.Original }}`, `{{ (semver "1.2.3").IncMajor.Major }}`,
			`{{ (semver "1.2.3").IncPatch.IncPatch }}`, `{{ (semver "v1.2.3").SetPrerelease "rc.1" }}`,
			`{{ (semver "v1.2.3").SetPrerelease "" }}`, `{{ (semver "1.2.3-x").SetPrerelease "" }}`, `{{ (semver "1.2.3").SetPrerelease "01" }}`,
			`{{ (semver "1.2.3").SetPrerelease "a_b" }}`, `{{ (semver "1.2.3").SetPrerelease "a..b" }}`,
			`{{ (semver "1.2.3").SetMetadata "b.7" }}`, `{{ (semver "1.2.3").SetMetadata "b_7" }}`, `{{ (semver "1.2.3").SetMetadata "" }}`,
			`{{ ((semver "v1.2.3").SetMetadata "x").Original }}`, `{{ (semver "1.2.3").MarshalJSON }}`, `{{ (semver "1.2.3").MarshalText }}`,
			`{{ (semver "1.2.3-rc+m").MarshalJSON | printf "%s" }}`, `{{ (semver "1.2.3").Value }}`,
			`{{ (semver "1.2.3").Nope }}`, `{{ (semver "1.2.3").Major 1 }}`, `{{ (semver "1.2.3").Compare }}`,
			`{{ $v := semver "2.3.4" }}{{ if gt $v.Major 1 }}big{{ end }}`, `{{ if eq (semver "1.2.3").Minor 2 }}y{{ end }}`,
			`{{ (semver "1.2.3").Major | add1 }}`, `{{ (semver "1.2.3").IncPatch.String }}`,
			`{{ semver "1.2.3" | toString }}`,
			`{{ semverCompare "1.2.3" (semver "1.2.3").String }}`,
			`{{ semverCompare ">= 1.2.3" "1.2.3" }}{{ semverCompare "< 1.2.3" "1.2.3" }}`,
		)
		// seeded random versions and constraints
		r := rand.New(rand.NewSource(777))
		part := func() string {
			switch r.Intn(8) {
			case 0:
				return "x"
			case 1:
				return "*"
			default:
				return fmt.Sprint(r.Intn(4))
			}
		}
		ver := func(allowX bool) string {
			n := 1 + r.Intn(3)
			ps := []string{}
			for i := 0; i < n; i++ {
				if allowX {
					ps = append(ps, part())
				} else {
					ps = append(ps, fmt.Sprint(r.Intn(4)))
				}
			}
			v := strings.Join(ps, ".")
			if r.Intn(4) == 0 {
				v += []string{"-alpha", "-beta.1", "-rc.2", "-0", "-1"}[r.Intn(5)]
			}
			if r.Intn(8) == 0 {
				v = "v" + v
			}
			return v
		}
		ops := []string{"", "=", "!=", ">", "<", ">=", "<=", "~", "~>", "^", "=>", "=<"}
		for i := 0; i < 900; i++ {
			c := ops[r.Intn(len(ops))] + ver(true)
			switch r.Intn(6) {
			case 0:
				c += ", " + ops[r.Intn(len(ops))] + ver(true)
			case 1:
				c += " || " + ops[r.Intn(len(ops))] + ver(true)
			case 2:
				c = ver(true) + " - " + ver(true)
			}
			v := ver(false)
			for len(strings.Split(strings.TrimPrefix(strings.SplitN(v, "-", 2)[0], "v"), ".")) < 3 && r.Intn(3) > 0 {
				v = ver(false)
			}
			s = append(s, fmt.Sprintf("{{ semverCompare %q %q }}", c, v))
		}
		return s
	})
}
