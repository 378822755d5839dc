// Command gen runs the cobra oracle (../cozypkg, built by ../regen) over a
// list of command lines and writes tests/vectors/cli.vec: for each case its
// argv, exit status, stdout and stderr.  When the oracle reports that a
// command body would run (exit 97, see ../cozypkg/main.go) the record is
// kind "stub": the C test then expects our "not implemented yet" error, and
// the stderr field holds the parsed flags/args trace instead.
//
//	go run ./gen -bin /path/to/oracle -out ../../vectors/cli.vec
package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"unicode/utf8"
)

// escape: the tests/oracle vector escaping (\\ \t \n \r, \xHH for control
// bytes and invalid UTF-8), duplicated because this is a separate module.
func escape(s string) string {
	var sb strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\':
			sb.WriteString(`\\`)
		case c == '\t':
			sb.WriteString(`\t`)
		case c == '\n':
			sb.WriteString(`\n`)
		case c == '\r':
			sb.WriteString(`\r`)
		case c < 0x20 || c == 0x7f:
			fmt.Fprintf(&sb, `\x%02x`, c)
		case c < 0x80:
			sb.WriteByte(c)
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size <= 1 {
				fmt.Fprintf(&sb, `\x%02x`, c)
			} else if r == 0x2028 || r == 0x2029 || r == 0x85 || r == 0xfeff {
				for j := 0; j < size; j++ {
					fmt.Fprintf(&sb, `\x%02x`, s[i+j])
				}
			} else {
				sb.WriteString(s[i : i+size])
			}
			i += size
			continue
		}
		i++
	}
	return sb.String()
}

type tcase struct {
	name string
	args []string
}

var cases []tcase
var seen = map[string]bool{}

func c(name string, args ...string) {
	if seen[name] {
		panic("duplicate case " + name)
	}
	seen[name] = true
	cases = append(cases, tcase{name, args})
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
	f, err := os.Create(*out)
	if err != nil {
		panic(err)
	}
	w := bufio.NewWriter(f)
	w.WriteString("# generated by tests/oracle/cli (cobra v1.10.1, pflag v1.0.10); do not edit; regenerate with tests/oracle/cli/regen\n")
	w.WriteString("# fields: name, argc, argv (NUL-separated), kind (run|stub), stub command, exit, stdout, stderr (stub: parse trace)\n")
	nstub := 0
	for _, tc := range cases {
		cmd := exec.Command(*bin, tc.args...)
		cmd.Dir = dir
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
		fields := []string{tc.name, strconv.Itoa(len(tc.args)), strings.Join(tc.args, "\x00"), kind, stubCmd,
			strconv.Itoa(code), so.String(), stderr}
		for i, fl := range fields {
			if i > 0 {
				w.WriteByte('\t')
			}
			w.WriteString(escape(fl))
		}
		w.WriteByte('\n')
	}
	if err := w.Flush(); err != nil {
		panic(err)
	}
	f.Close()
	fmt.Fprintf(os.Stderr, "%s: %d vectors (%d stubs)\n", *out, len(cases), nstub)
}
