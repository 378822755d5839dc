// Command gen runs the cobra oracle (../cozypkg, built by ../regen) over a
// list of command lines and writes tests/vectors/cli.vec: for each case its
// argv, exit status, stdout and stderr, and the environment it ran with
// (the completion test seams COZYPKG_TEST_COMPLETE_*, description switches).  When the oracle reports that a
// command body would run (exit 97, see ../cozypkg/main.go) the record is
// kind "stub": the C test then expects our "not implemented yet" error, and
// the stderr field holds the parsed flags/args trace instead.
//
//	go run ./gen -bin /path/to/oracle -out ../../vectors/cli.vec
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"cozypkg.test/oracle/vecio"
)

type tcase struct {
	name string
	env  []string
	args []string
}

var cases []tcase
var seen = map[string]bool{}

// defaultEnv: what the completion test seams answer unless a case says
// otherwise (see testNames in ../cozypkg/main.go).
var defaultEnv = []string{
	"COZYPKG_TEST_COMPLETE_RELEASES=alpha beta gamma-1 al",
	"COZYPKG_TEST_COMPLETE_NAMESPACES=default kube-system flux-system",
}

func c(name string, args ...string) { ce(name, defaultEnv, args...) }

func ce(name string, env []string, args ...string) {
	if seen[name] {
		panic("duplicate case " + name)
	}
	seen[name] = true
	cases = append(cases, tcase{name, env, args})
}

// withEnv: the default seams with some variables replaced or added.
func withEnv(kv ...string) []string {
	env := []string{}
	for _, d := range defaultEnv {
		k := d[:strings.IndexByte(d, '=')+1]
		keep := true
		for _, x := range kv {
			if strings.HasPrefix(x, k) {
				keep = false
			}
		}
		if keep {
			env = append(env, d)
		}
	}
	return append(env, kv...)
}

// baseEnv: ours without anything that changes cobra's completion output.
func baseEnv() []string {
	var env []string
	for _, e := range os.Environ() {
		if strings.HasPrefix(e, "COZYPKG_") || strings.HasPrefix(e, "COBRA_") ||
			strings.HasPrefix(e, "BASH_COMP_DEBUG_FILE=") {
			continue
		}
		env = append(env, e)
	}
	return env
}

// completionCases: cobra's __complete protocol over every command, flag
// names and values, partial words, "--", unknown commands and flags.
func completionCases() {
	all := append([]string{"ls", "__complete", "__completeNoDesc"}, commands...)
	for _, cmd := range all {
		k := "complete/" + cmd + "/"
		c(k+"empty", "__complete", cmd, "")
		c(k+"dash", "__complete", cmd, "-")
		c(k+"dashdash", "__complete", cmd, "--")
		c(k+"partial-long", "__complete", cmd, "--s")
		c(k+"arg-then-empty", "__complete", cmd, "x", "")
		c(k+"ns-value", "__complete", cmd, "-n", "")
		c(k+"ns-eq", "__complete", cmd, "--namespace=k")
		c(k+"after-dd", "__complete", cmd, "--", "")
		c(k+"after-dd-dash", "__complete", cmd, "--", "-")
		c(k+"nodesc", "__completeNoDesc", cmd, "-")
		c(k+"prefix-a", "__complete", cmd, "a")
		c(k+"help-set", "__complete", cmd, "-h", "")
	}
	for _, w := range []string{"", "s", "sh", "show", "re", "r", "h", "co", "c", "x", "ls", "l", "v", "_", "__", "S", "apply ", "é"} {
		c("complete/root/word-"+w, "__complete", w)
		c("complete/nodesc/word-"+w, "__completeNoDesc", w)
	}
	for i, args := range [][]string{
		{"-"}, {"--"}, {"--k"}, {"--n"}, {"-n"}, {"-C"}, {"-v", ""}, {"--version=false", ""}, {"-h", ""},
		{"-n", ""}, {"-n", "k"}, {"-n", "kube-"}, {"-n=d"}, {"--namespace", "f"}, {"--namespace="}, {"-C", ""},
		{"-C="}, {"--kubeconfig", ""}, {"--context", ""}, {"--n", ""}, {"--C", ""}, {"-nC", ""},
		{"-Cn", ""}, {"-=", ""}, {"--=", ""}, {"--=x"}, {"-="}, {"--nosuch", ""}, {"--nosuch="}, {"-x", ""},
		{"-x="}, {"-n", "ns", "sh"}, {"-n", "ns", "show", ""}, {"--plain", "show", ""}, {"--", ""},
		{"--", "-"}, {"--", "show", ""}, {"-n", "--", ""}, {"-C", "/nonexistent-cozypkg-dir", ""},
		{"nosuch", ""}, {"nosuch", "x", ""}, {"show", "a", "b", "c", ""}, {"__complete", "show", ""},
		{"help", "show", ""}, {"help", "show", "x", ""}, {"help", "nosuch", ""}, {"help", "help", ""},
		{"help", "__complete", ""}, {"help", "ls", ""}, {"help", "s"}, {"help", "-n", ""}, {"help", "--", "-x", ""},
		{"help", "-"}, {"help", "-h", ""}, {"version", ""}, {"version", "-"}, {"completion", ""},
		{"completion", "b"}, {"completion", "bash", ""},
		{"show", "-f", ""}, {"show", "-f", "a", "-"}, {"show", "-f=", ""}, {"show", "-f="}, {"show", "--values="},
		{"show", "--values", "x.yaml", "--v"}, {"show", "--plain", "-"}, {"show", "--plain", "--p"},
		{"show", "--plain=", ""}, {"show", "--plain="}, {"show", "--plain=t"}, {"show", "--plain", ""},
		{"show", "--set", ""}, {"show", "--set=a"}, {"show", "--set", "a=1", "--se"}, {"show", "-s", ""},
		{"show", "-s="}, {"show", "-a", "v1", "-"}, {"show", "--kube-version", ""}, {"show", "--include-crds", "--i"},
		{"show", "--nosuch", ""}, {"show", "--nosuch="}, {"show", "-x", ""}, {"show", "-x="}, {"show", "-fx="},
		{"show", "--plain=bad", ""}, {"show", "-n"}, {"show", "-n="}, {"show", "-n=al"}, {"show", "--namespace", "de"},
		{"show", "x", "-n", ""}, {"show", "-n", "ns", ""}, {"show", "-n", "ns", "b"}, {"show", "--n", ""}, {"show", "--n=f"},
		{"show", "--", "--nosuch", ""}, {"show", "--", "-n", ""}, {"show", "a", "--", "-"}, {"show", "-h"},
		{"show", "--help=false", ""}, {"show", "-h=false", ""}, {"show", "--he"}, {"show", "-v", ""}, {"show", "-C", ""},
		{"show", "-C", "/", ""}, {"show", "-C/nonexistent-cozypkg-dir", ""}, {"show", "--working-directory", ""},
		{"show", "-"}, {"show", "al"}, {"show", "alpha"}, {"show", "z"}, {"show", "g"}, {"show", "alpha", ""},
		{"apply", "--plain", "--resume", "-"}, {"apply", "--take-ownership=false", "--t"}, {"diff", "--exit-code", "-"},
		{"diff", "-f", "a", "-f"}, {"get", "-o", ""}, {"get", "-o="}, {"get", "-o", "json", "-"}, {"get", "-oyaml", "-"},
		{"get", "-l", ""}, {"get", "-l", "a=b", "-"}, {"get", "--selector="}, {"get", "-A", ""}, {"get", "-A", "-"},
		{"get", "-An", ""}, {"get", "-An=k"}, {"get", "-nA", ""}, {"get", "-Ao", ""}, {"get", "a", "b", ""},
		{"ls", "-A", "-"}, {"ls", "-l"}, {"ls", "--sel"}, {"ls", "-o", "wide", "--o"}, {"list", "-A=false", "-"},
		{"reconcile", "--timeout", ""}, {"reconcile", "--timeout="}, {"reconcile", "--timeout", "1m", "-"},
		{"reconcile", "x", "--timeout", "bad", ""}, {"reconcile", "--timeout=1h", "--t"}, {"reconcile", "--force", "--"},
		{"reconcile", "--with-source", "--force", "--timeout", "5s", ""}, {"suspend", "-n", "kube-system", "b"},
		{"resume", "--context", "c", ""}, {"delete", "--kubeconfig=/k", "g"}, {"__complete", "-"}, {"__complete", "-n", ""},
		{"__completeNoDesc", "show", ""}, {"-n", "x", "get", "-A", "--", "-l", ""},
	} {
		c(fmt.Sprintf("complete/m%03d/%s", i, strings.Join(args, "_")), append([]string{"__complete"}, args...)...)
	}
	// cobra's Find renames the __complete command it meets (CalledAs), which
	// decides whether descriptions are printed
	c("complete/calledas-inner-nodesc", "__complete", "__completeNoDesc", "-")
	c("complete/calledas-inner-desc", "__completeNoDesc", "__complete", "-")
	c("complete/calledas-help-nodesc", "__complete", "help", "__completeNoDesc", "")
	c("complete/calledas-help-desc", "__completeNoDesc", "help", "__complete", "")
	c("complete/calledas-help-other", "__completeNoDesc", "help", "show", "")
	// flags and -n given before __complete itself are words of the outer command line
	c("complete/outer-ns", "-n", "x", "__complete", "show", "")
	c("complete/outer-flag-nodesc", "--context=y", "__completeNoDesc", "-")

	// what the cluster side answers
	for _, e := range []struct {
		name string
		env  []string
	}{
		{"releases-fail", withEnv("COZYPKG_TEST_COMPLETE_RELEASES=!")},
		{"namespaces-fail", withEnv("COZYPKG_TEST_COMPLETE_NAMESPACES=!")},
		{"releases-empty", withEnv("COZYPKG_TEST_COMPLETE_RELEASES=")},
		{"releases-spaces", withEnv("COZYPKG_TEST_COMPLETE_RELEASES=  a\tb \n c  \u00a0d\u2028e\u0085f \u200bg ")},
		{"releases-dups", withEnv("COZYPKG_TEST_COMPLETE_RELEASES=b a b a")},
		{"releases-odd", withEnv("COZYPKG_TEST_COMPLETE_RELEASES=x\t- -- -n \u00e9t\u00e9 \xff\xfe !")},
		{"releases-tab", withEnv("COZYPKG_TEST_COMPLETE_RELEASES=a	desc b")},
		{"nodesc-false", withEnv("COZYPKG_COMPLETION_DESCRIPTIONS=false")},
		{"nodesc-0", withEnv("COZYPKG_COMPLETION_DESCRIPTIONS=0")},
		{"nodesc-true", withEnv("COZYPKG_COMPLETION_DESCRIPTIONS=true")},
		{"nodesc-bogus", withEnv("COZYPKG_COMPLETION_DESCRIPTIONS=bogus")},
		{"nodesc-cobra", withEnv("COBRA_COMPLETION_DESCRIPTIONS=F")},
		{"nodesc-both", withEnv("COZYPKG_COMPLETION_DESCRIPTIONS=true", "COBRA_COMPLETION_DESCRIPTIONS=false")},
		{"nodesc-empty-prog", withEnv("COZYPKG_COMPLETION_DESCRIPTIONS=", "COBRA_COMPLETION_DESCRIPTIONS=false")},
		{"activehelp-off", withEnv("COBRA_ACTIVE_HELP=0", "COZYPKG_ACTIVE_HELP=0")},
	} {
		k := "complete-env/" + e.name + "/"
		ce(k+"root", e.env, "__complete", "")
		ce(k+"root-flags", e.env, "__complete", "--")
		ce(k+"show", e.env, "__complete", "show", "")
		ce(k+"show-a", e.env, "__complete", "show", "a")
		ce(k+"get-many", e.env, "__complete", "get", "x", "")
		ce(k+"ns", e.env, "__complete", "show", "-n", "")
		ce(k+"ns-eq", e.env, "__complete", "--namespace=f")
		ce(k+"help", e.env, "__complete", "help", "")
		ce(k+"nodesc", e.env, "__completeNoDesc", "")
	}

	// the scripts
	for _, sh := range []string{"bash", "zsh", "fish", "powershell", "tcsh", "Bash", "", "bash\n"} {
		c("completion-script/"+sh, "completion", sh)
	}
	c("completion-script/bash-with-flags", "-n", "x", "completion", "--context=c", "bash")
	c("completion-script/fish-nodesc-env", "completion", "fish")
	ce("completion-script/zsh-env", withEnv("COZYPKG_COMPLETION_DESCRIPTIONS=false"), "completion", "zsh")
}

// durationCases: pflag's Duration flag (time.ParseDuration, Duration.String).
func durationCases() {
	for i, v := range []string{"", "0", "-0", "+0", "00", "0.0", "1", "1.", ".5s", ".s", "1.5h", "2h45m", "300ms",
		"1us", "1µs", "1μs", "1ns", "-1.5h", "1d", "1h1", "9223372036854775807ns",
		"9223372036854775808ns", "-9223372036854775808ns", "-9223372036854775809ns", "2562047h47m16.854775807s",
		"2562047h47m16.854775808s", "2562048h", "1.0000000000000000000001s", "0.1ns", "0.9ns", "1e3s", "é",
		"1\x01s", "1\"s", "++1s", "-", "+", "1..5s", "1.5.5s", "0.3333333333h", "5m0s", "1m60s", "1h-1m", "1 s",
		"1S", "1Ms", "1hh", "3.000000001s", "1.000000000000000000000000000009h", "99999999999999999999ns",
		"0.00000000000000000000000001h", "1.5µ", "7\xb5s", "1m1m1m", "100000000000000000000h", ".1h.1m.1s",
		"5.5555555555555555555555555555555555h", "1\\s", "0s", "-0s", "2540400h10m10.000000000s", "1\xff",
	} {
		c(fmt.Sprintf("duration/%02d", i), "reconcile", "rel", "--timeout", v)
	}
	c("duration/eq", "reconcile", "rel", "--timeout=90s")
	c("duration/repeat", "reconcile", "rel", "--timeout", "1s", "--timeout", "2m")
	c("duration/missing", "reconcile", "rel", "--timeout")
	c("duration/help", "reconcile", "--help")
	// seeded random values: Go's own String() of a random duration, and
	// random strings over the duration alphabet
	rng := rand.New(rand.NewSource(20240611))
	const alpha = "0123456789..-+hmsunµμ x"
	for i := 0; i < 80; i++ {
		var v string
		switch i % 3 {
		case 0:
			d := time.Duration(rng.Int63() >> uint(rng.Intn(63)))
			if rng.Intn(2) == 0 {
				d = -d
			}
			v = d.String()
		case 1:
			v = strconv.FormatFloat(rng.Float64()*float64(rng.Intn(100000)), 'f', rng.Intn(12), 64) +
				[]string{"ns", "us", "µs", "ms", "s", "m", "h"}[rng.Intn(7)]
		default:
			r := []rune(alpha)
			n := 1 + rng.Intn(8)
			var b strings.Builder
			for j := 0; j < n; j++ {
				b.WriteRune(r[rng.Intn(len(r))])
			}
			v = b.String()
		}
		c(fmt.Sprintf("duration/rand-%02d", i), "reconcile", "rel", "--timeout", v)
	}
	// get/list -l
	c("selector/get", "get", "-l", "app=x,tier!=db")
	c("selector/list-eq", "list", "--selector=a==b")
	c("selector/ls-cluster", "ls", "-Al", "x")
	c("selector/missing", "get", "-l")
	c("selector/help-get", "get", "--help")
	c("selector/help-list", "list", "-h")
}

var commands = []string{"show", "apply", "diff", "suspend", "resume", "delete", "list", "get",
	"completion", "reconcile", "version", "help"}

func buildCases() {
	// root
	c("root/bare")
	c("root/--help", "--help")
	c("root/-h", "-h")
	c("root/help", "help")
	c("root/help-help", "help", "help")
	c("root/--help=true", "--help=true")
	c("root/--help=false", "--help=false")
	c("root/-h=false", "-h=false")
	c("root/--help=bogus", "--help=bogus")
	c("root/-h-then-cmd", "-h", "show")
	c("root/--help-then-cmd", "--help", "show")
	c("root/dashdash", "--")
	c("root/dashdash-cmd", "--", "show", "x")
	c("root/single-dash", "-")
	c("root/empty-arg", "")
	c("root/empty-then-cmd", "", "show", "x")
	c("root/global-only", "-n", "ns")
	c("root/global-eq", "--namespace=ns")

	// help in every form for every command
	for _, cmd := range commands {
		c(cmd+"/--help", cmd, "--help")
		c(cmd+"/-h", cmd, "-h")
		c("help/"+cmd, "help", cmd)
		c(cmd+"/-h-extra", cmd, "-h", "a", "b")
		c(cmd+"/--help=1", cmd, "--help=1")
	}
	c("help/ls", "help", "ls")
	c("ls/--help", "ls", "--help")
	c("help/show-extra", "help", "show", "extra")
	c("help/show-flag", "help", "show", "--plain")
	c("help/nosuch", "help", "nosuch")
	c("help/nosuch-two", "help", "nosuch", "x y")
	c("help/quote-backtick", "help", "a`b")
	c("help/quote-ctrl", "help", "a\x01b")
	c("help/__complete", "help", "__complete")
	c("help/global-flag", "help", "-n", "x", "show")
	c("help/help-flag", "help", "--help")
	c("help/dashdash", "help", "--", "-x")
	c("help/chdir-bad", "help", "-C", "/nonexistent-cozypkg-dir", "show")
	c("help/empty", "help", "")

	// unknown commands and suggestions
	for _, w := range []string{"shw", "sho", "shows", "hsow", "aply", "apply2", "dif", "diffs", "lst", "ls2",
		"verison", "vesion", "versions", "hlp", "helpme", "re", "res", "s", "su", "d", "de", "get-all", "gett",
		"complete", "completions", "reconcil", "SHOW", "Show", "x", "nosuch", "suspnd", "delet", "rsume",
		"__completeNoDesc2", "ll", "lsit", "vers", "c", "-", "wörld", "ÜBER"} {
		c("unknown/"+w, w)
	}
	c("unknown/with-flags", "nosuch", "--plain")
	c("unknown/after-valid-flag", "-n", "ns", "nosuch")
	c("unknown/local-flag-eats-cmd", "--plain", "show", "x")
	c("unknown/local-flag-eq", "--plain=true", "show", "x")
	c("unknown/quote", "say \"hi\"\n")
	c("unknown/invalid-utf8", "\xff\xfe")
	c("unknown/nbsp", "a\u00a0b")

	// unknown flags
	c("flag/unknown-long-root", "--nosuch")
	c("flag/unknown-long-show", "show", "x", "--nosuch")
	c("flag/unknown-long-eq", "show", "x", "--nosuch=1")
	c("flag/unknown-short-show", "show", "x", "-x")
	c("flag/unknown-short-root", "-x")
	c("flag/unknown-short-cluster", "list", "-Ax")
	c("flag/unknown-short-utf8", "show", "x", "-é")
	c("flag/unknown-short-high", "show", "x", "-\xc3")
	c("flag/unknown-short-ctrl", "show", "x", "-\x01")
	c("flag/unknown-short-quote", "show", "x", "-'")
	c("flag/version-on-sub", "show", "x", "-v")
	c("flag/version-long-on-sub", "show", "x", "--version")
	c("flag/bad-syntax-3dash", "show", "x", "---plain")
	c("flag/bad-syntax-eq", "show", "x", "--=x")
	c("flag/error-before-help", "show", "--nosuch", "-h")
	c("flag/help-before-error", "show", "-h", "--nosuch")
	c("flag/list-plain", "list", "--plain")
	c("flag/get-resume", "get", "--resume")
	c("flag/suspend-values", "suspend", "x", "-f", "a")
	c("flag/version-flag-unknown", "version", "--plain")
	c("flag/completion-unknown", "completion", "bash", "--nosuch")
	c("flag/help-cmd-unknown", "help", "--nosuch")

	// missing values
	c("need/values", "show", "x", "--values")
	c("need/values-short", "show", "x", "-f")
	c("need/show-only-short", "show", "x", "-s")
	c("need/namespace", "show", "x", "--namespace")
	c("need/namespace-short", "show", "x", "-n")
	c("need/root-kubeconfig", "--kubeconfig")
	c("need/root-n", "-n")
	c("need/cluster", "list", "-Ao")
	c("need/set", "apply", "x", "--set")
	c("need/output", "get", "--output")
	c("need/context", "version", "--context")

	// bad bool values
	c("bool/plain-x", "show", "x", "--plain=x")
	c("bool/plain-empty", "show", "x", "--plain=")
	c("bool/plain-yes", "show", "x", "--plain=yes")
	c("bool/short-A", "list", "-A=maybe")
	c("bool/short-A-empty", "list", "-A=")
	c("bool/help-bad", "show", "--help=2")
	c("bool/version-bad", "--version=nope")
	c("bool/quote-value", "show", "x", "--plain=\"q\"\t")
	c("bool/force", "reconcile", "x", "--force=no")

	// arg counts
	c("args/show-0", "show")
	c("args/show-2", "show", "a", "b")
	c("args/apply-0", "apply")
	c("args/diff-3", "diff", "a", "b", "c")
	c("args/suspend-0", "suspend")
	c("args/resume-2", "resume", "a", "b")
	c("args/delete-0", "delete", "--plain=false")
	c("args/reconcile-0", "reconcile", "--force")
	c("args/completion-0", "completion")
	c("args/completion-2", "completion", "bash", "zsh")
	c("args/after-dashdash", "show", "a", "--", "b")
	c("args/ns-eats-cmd-name", "-n", "show", "show")
	c("args/chdir-bad-before-args", "-C", "/nonexistent-cozypkg-dir", "show")
	c("args/__complete-0", "__complete")

	// version
	c("version/-v", "-v")
	c("version/--version", "--version")
	c("version/cmd", "version")
	c("version/cmd-args", "version", "a", "b")
	c("version/-v-eats", "-v", "show")
	c("version/-v-eq", "-v=true", "show")
	c("version/--version=false", "--version=false")
	c("version/-v-and-help", "-v", "-h")
	c("version/-hv", "-hv")
	c("version/-vh", "-vh")
	c("version/-v-global", "-n", "x", "-v")
	c("version/cmd-global", "version", "-n", "x")
	c("version/cmd-chdir", "-C", ".", "version")
	c("version/cmd-chdir-bad", "-C", "/nonexistent-cozypkg-dir", "version")
	c("version/root-chdir-bad", "-C", "/nonexistent-cozypkg-dir", "-v")

	// chdir
	c("chdir/missing", "show", "x", "-C", "/nonexistent-cozypkg-dir")
	c("chdir/missing-rel", "-C", "no-such-dir-cozypkg", "diff", "x")
	c("chdir/not-dir", "--working-directory", "/etc/passwd", "apply", "x")
	c("chdir/ok", "-C", "/", "show", "x")
	c("chdir/empty", "-C", "", "show", "x")
	c("chdir/root-help", "-C", "/nonexistent-cozypkg-dir")
	c("chdir/cmd-help", "show", "-C", "/nonexistent-cozypkg-dir", "--help")
	c("chdir/eq", "show", "x", "--working-directory=/nonexistent-cozypkg-dir")
	c("chdir/short-glued", "show", "x", "-C/nonexistent-cozypkg-dir")

	// valid invocations (stubs): flag forms
	c("ok/show", "show", "rel")
	c("ok/show-all", "show", "rel", "-s", "a.yaml,b.yaml", "-f", "v1.yaml", "--values", "v2.yaml,v3.yaml", "--plain",
		"--set", "a=1,b=2", "--set-string", "s=x", "--set-file", "f=p", "--set-json", `j={"a":1}`, "--set-literal", "l=a,b",
		"--kube-version", "1.30", "-a", "v1,apps/v1", "--include-crds", "--skip-tests")
	c("ok/show-eq", "show", "--values=a.yaml", "--show-only=t/x.yaml", "rel", "--kube-version=v1.2.3")
	c("ok/show-short-glued", "show", "-fa.yaml", "-st.yaml", "rel")
	c("ok/show-short-eq", "show", "-f=a.yaml", "rel")
	c("ok/show-short-eq-empty", "show", "-f=", "rel")
	c("ok/show-flags-first", "show", "--plain", "-f", "x.yaml", "rel")
	c("ok/show-globals-before", "--kubeconfig", "/k", "--context", "ctx", "-n", "ns", "show", "rel")
	c("ok/show-globals-after", "show", "rel", "--kubeconfig=/k", "--context=ctx", "--namespace=ns")
	c("ok/show-ns-glued", "show", "rel", "-nns")
	c("ok/show-ns-eq", "show", "rel", "-n=ns")
	c("ok/show-plain-false", "show", "rel", "--plain=false")
	c("ok/show-plain-T", "show", "rel", "--plain=T")
	c("ok/show-plain-0", "show", "rel", "--plain=0")
	c("ok/show-dashdash", "show", "--", "--plain")
	c("ok/show-dash-arg", "show", "-")
	c("ok/show-empty-arg", "show", "")
	c("ok/show-value-is-flag", "show", "-f", "--plain", "rel")
	c("ok/show-repeat-string", "show", "rel", "--kube-version", "a", "--kube-version", "b")
	c("ok/show-help-false", "show", "rel", "--help=false")
	c("ok/show-gotest", "show", "rel", "-test.v")
	c("ok/show-set-commas", "show", "rel", "--set", "a=1,b=2", "--set", "c=3")
	c("ok/show-api-repeat", "show", "rel", "-a", "v1", "-a", "apps/v1,batch/v1")
	c("ok/apply", "apply", "rel", "--plain", "--resume", "--take-ownership", "-f", "a,b")
	c("ok/apply-set", "apply", "--set-json", "x=[1,2]", "rel")
	c("ok/diff", "diff", "rel", "--exit-code")
	c("ok/diff-values", "diff", "rel", "-f", "a", "-f", "b", "--plain=true")
	c("ok/suspend", "suspend", "rel")
	c("ok/resume", "resume", "rel", "-n", "flux-system")
	c("ok/delete", "delete", "rel")
	c("ok/reconcile", "reconcile", "rel", "--with-source", "--force")
	c("ok/get-none", "get")
	c("ok/get-many", "get", "a", "b", "c", "-o", "yaml")
	c("ok/get-A", "get", "-A")
	c("ok/list", "list")
	c("ok/ls", "ls", "-A", "-o", "wide")
	c("ok/ls-cluster", "ls", "-Aowide")
	c("ok/ls-cluster-eq", "ls", "-Ao=json")
	c("ok/ls-cluster-space", "ls", "-Ao", "name")
	c("ok/ls-A-false", "ls", "-A=false")
	c("ok/ls-custom", "ls", "-o", "custom-columns=NAME:.metadata.name")
	c("ok/completion-bash", "completion", "bash")
	c("ok/completion-other", "completion", "tcsh")
	c("ok/interspersed", "-n", "ns", "get", "a", "-A", "b", "--", "-c", "--d")
	c("ok/__complete", "__complete", "show", "")
	c("ok/__complete-help", "__complete", "--help")
	c("ok/__completeNoDesc", "__completeNoDesc", "sh")
	c("ok/__complete-global", "-n", "x", "__complete", "a")
	c("ok/cmd-after-global-eq", "--namespace=x", "show", "rel")
	c("ok/utf8-arg", "show", "relé")
	c("ok/bad-utf8-arg", "show", "r\xffe")
	c("ok/ctrl-arg", "show", "a\tb\x1b")

	// more corners
	c("flag/unknown-short-latin1-a9", "show", "x", "-\xa9")
	c("flag/unknown-short-80", "show", "x", "-\x80z")
	c("flag/unknown-short-e9", "show", "x", "-\xe9")
	c("flag/cluster-bool-then-unknown", "ls", "-AAz")
	c("flag/cluster-test-prefix", "ls", "-Atest.x", "-o", "y")
	c("flag/short-eq-bool-empty-cluster", "ls", "-A=", "-o", "y")
	c("ok/short-eq-string-empty", "ls", "-o=")
	c("ok/kubeconfig-empty", "get", "--kubeconfig=")
	c("ok/show-h-false", "show", "-h=false", "rel")
	c("ok/repeat-bool", "ls", "-A", "-A=false", "-A")
	c("ok/__complete-chdir-raw", "__complete", "-C", "/nonexistent-cozypkg-dir", "x")
	c("ok/__complete-after-chdir", "-C", "/nonexistent-cozypkg-dir", "__complete", "x")
	c("ok/set-empty", "apply", "rel", "--set=", "--set", "")
	c("ok/values-space-quoted", "diff", "rel", "-f", "\" a\",b ")
	c("help/completion-args", "completion", "--help", "bash")
	c("help/with-chdir-ok", "help", "-C", ".", "show")
	c("help/two-levels", "help", "show", "apply")
	c("help/__completeNoDesc", "help", "__completeNoDesc")
	c("help/alias-flag", "ls", "-h", "-A")
	c("unknown/shów", "shów")
	c("unknown/ÅPPLY", "ÅPPLY")
	c("unknown/flag-then-word", "--context", "x", "y")
	c("unknown/ctx-eq-then-word", "--context=x", "y")
	c("unknown/dash-C-eats", "-C", "show", "rel")
	c("unknown/long-help-eats", "--help", "nosuch")
	c("args/version-dashdash", "version", "--", "-x")
	c("args/get-dashdash", "get", "--", "-A")
	c("chdir/relative-dot-dot", "-C", "..", "get")

	// stringSlice CSV rules (encoding/csv, as pflag reads them)
	for i, v := range []string{
		`a,b`, `"a,b",c`, `"a""b"`, `a"b`, `"ab`, `"a"b`, `,`, `a,,b`, ` a , b `, "a\nb", "\"a\nb\",c",
		"\n", "\n\nx", "\"a\nb", "x\r\n", "x\r", `"a",`, `""`, `"`, "a,\"b\nc\"d", "é,\"ü\"x",
	} {
		c("csv/"+strconv.Itoa(i), "show", "rel", "-f", v)
	}
	c("csv/empty", "show", "rel", "--values=")
	c("csv/array-no-split", "show", "rel", "--set-literal", `"a,b",c`)

	completionCases()
	durationCases()
}

func main() {
	bin := flag.String("bin", "", "oracle binary")
	out := flag.String("out", "../../vectors/cli.vec", "vector file")
	flag.Parse()
	buildCases()
	dir, err := os.MkdirTemp("", "cli-oracle")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	w, err := vecio.Create(*out)
	if err != nil {
		panic(err)
	}
	w.Raw("# generated by tests/oracle/cli (cobra v1.10.1, pflag v1.0.10); do not edit; regenerate with tests/oracle/cli/regen\n")
	w.Raw("# fields: name, argc, argv (NUL-separated), kind (run|stub), stub command, exit, stdout, stderr (stub: parse trace), environment (NUL-separated NAME=value)\n")
	nstub := 0
	for _, tc := range cases {
		cmd := exec.Command(*bin, tc.args...)
		cmd.Dir = dir
		cmd.Env = append(baseEnv(), tc.env...)
		var so, se bytes.Buffer
		cmd.Stdout, cmd.Stderr = &so, &se
		code := 0
		if err := cmd.Run(); err != nil {
			var ee *exec.ExitError
			if !errors.As(err, &ee) {
				panic(err)
			}
			code = ee.ExitCode()
		}
		kind, stubCmd, stderr := "run", "", se.String()
		if code == 97 {
			i := strings.Index(stderr, "\x00ORACLE-STUB ")
			if i != 0 || so.Len() != 0 {
				panic("stub case printed something: " + tc.name)
			}
			rest := stderr[len("\x00ORACLE-STUB "):]
			nl := strings.IndexByte(rest, '\n')
			kind, stubCmd, stderr = "stub", rest[:nl], rest[nl+1:]
			nstub++
		}
		w.Rec(tc.name, strconv.Itoa(len(tc.args)), strings.Join(tc.args, "\x00"), kind, stubCmd,
			strconv.Itoa(code), so.String(), stderr, strings.Join(tc.env, "\x00"))
	}
	if err := w.Close(); err != nil {
		panic(err)
	}
	fmt.Fprintf(os.Stderr, "%s: %d vectors (%d stubs)\n", *out, len(cases), nstub)
}
