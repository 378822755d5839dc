// Command cozypkg is the CLI oracle: a real cobra v1.10.1 program declaring
// the same command tree, flags and help strings as src/main.c, with
// upstream cozyhr's error handling (SilenceErrors/SilenceUsage, then
// log.Fatalf("error: %v")) plus cobra's "Run '... --help' for usage." line
// after usage errors.  Command bodies do not run, except upstream's
// `completion` command and cobra's __complete: once a command would start
// (after flag/arg checks and the -C chdir) the program prints a marker and
// the parsed flags on stderr and exits 97, so the generator (../gen) records
// "compare the parsed flags" instead of the body's behaviour.  Completion
// of release and namespace names reads COZYPKG_TEST_COMPLETE_RELEASES /
// _NAMESPACES instead of asking a cluster (testNames).
package main

import (
	"fmt"
	"log"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// Placeholders: the C test substitutes the real version and accepts any
// commit text (see tests/unit/cli/test_cli.c).
const (
	version = "@VERSION@"
	commit  = "@COMMIT@"
)

var (
	kubeconfig, kubecontext, ns, chDir string
	reached                            bool // true once PersistentPreRunE ran: later errors are not usage errors
)

func quoteList(v []string) string {
	q := make([]string, len(v))
	for i, s := range v {
		q[i] = fmt.Sprintf("%q", s)
	}
	return "[" + strings.Join(q, " ") + "]"
}

// stub reports "this command would run now" with what the parser produced.
func stub(cmd *cobra.Command, args []string) {
	var b strings.Builder
	fmt.Fprintf(&b, "\x00ORACLE-STUB %s\n", cmd.Name())
	cmd.Flags().Visit(func(f *pflag.Flag) {
		var v string
		switch x := f.Value.(type) {
		case pflag.SliceValue:
			v = quoteList(x.GetSlice())
		default:
			if f.Value.Type() == "bool" {
				v = f.Value.String()
			} else {
				v = fmt.Sprintf("%q", f.Value.String())
			}
		}
		fmt.Fprintf(&b, "--%s=%s\n", f.Name, v)
	})
	fmt.Fprintf(&b, "args=%s\n", quoteList(args))
	os.Stderr.WriteString(b.String())
	os.Exit(97)
}

func noop(*cobra.Command, []string) error { return nil }

// testNames stands in for upstream's cluster queries (completeHelmReleases,
// completeNamespaces): the names in the env var, filtered by prefix as
// upstream filters them, with upstream's NoFileComp; unset or "!" is a
// failed query (ShellCompDirectiveError).  The C side reads the same
// variables (src/cli/complete.c).
func testNames(env string) cobra.CompletionFunc {
	return func(_ *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		v, ok := os.LookupEnv(env)
		if !ok || v == "!" {
			return nil, cobra.ShellCompDirectiveError
		}
		var out []string
		for _, n := range strings.Fields(v) {
			if strings.HasPrefix(n, toComplete) {
				out = append(out, n)
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp
	}
}

var completeReleases = testNames("COZYPKG_TEST_COMPLETE_RELEASES")

// Helm 3.17.3 cmd/helm/flags.go addValueOptionsFlags (minus -f, which is upstream's own).
func addSetFlags(f *pflag.FlagSet) {
	var a, b, c, d, e []string
	f.StringArrayVar(&a, "set", []string{}, "set values on the command line (can specify multiple or separate values with commas: key1=val1,key2=val2)")
	f.StringArrayVar(&b, "set-string", []string{}, "set STRING values on the command line (can specify multiple or separate values with commas: key1=val1,key2=val2)")
	f.StringArrayVar(&c, "set-file", []string{}, "set values from respective files specified via the command line (can specify multiple or separate values with commas: key1=path1,key2=path2)")
	f.StringArrayVar(&d, "set-json", []string{}, "set JSON values on the command line (can specify multiple or separate values with commas: key1=jsonval1,key2=jsonval2)")
	f.StringArrayVar(&e, "set-literal", []string{}, "set a literal STRING value on the command line")
	var skip bool
	f.BoolVar(&skip, "skip-schema-validation", false, "if set, disables JSON schema validation")
}

func release(name, short string) *cobra.Command {
	return &cobra.Command{Use: name + " <release>", Short: short, Args: cobra.ExactArgs(1), RunE: noop,
		ValidArgsFunction: completeReleases}
}

func main() {
	log.SetFlags(0)
	root := &cobra.Command{
		Use:     "cozypkg",
		Short:   "Cozy wrapper around Helm and Flux CD for local development",
		Version: version,
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			reached = true
			if chDir != "" {
				if err := os.Chdir(chDir); err != nil {
					return fmt.Errorf("could not chdir to %s: %v", chDir, err)
				}
			}
			if n := cmd.Name(); n != "version" && n != "help" && n != "completion" && n != "__complete" {
				stub(cmd, args)
			}
			return nil
		},
	}
	root.SetVersionTemplate("cozypkg version {{.Version}}\n")
	pf := root.PersistentFlags()
	pf.StringVar(&kubeconfig, "kubeconfig", "", "Path to kubeconfig")
	pf.StringVar(&kubecontext, "context", "", "Kube context")
	pf.StringVarP(&ns, "namespace", "n", "", "Kubernetes namespace (defaults to the current context)")
	pf.StringVarP(&chDir, "working-directory", "C", "", "Root directory of Helm chart to run against (defaults to current directory)")
	_ = root.RegisterFlagCompletionFunc("namespace", testNames("COZYPKG_TEST_COMPLETE_NAMESPACES"))

	var (
		showOnly, values, apiVersions []string
		plain, b1, b2, b3             bool
		kubeVersion, output, selector string
		timeout                       time.Duration
	)

	show := release("show", "Render manifests like helm template")
	f := show.Flags()
	f.StringSliceVarP(&showOnly, "show-only", "s", nil, "Render only templates matching glob(s)")
	f.StringSliceVarP(&values, "values", "f", nil, "Additional values files (may be repeated)")
	f.BoolVar(&plain, "plain", false, "Render chart without querying values from the HelmRelease")
	addSetFlags(f)
	f.StringVar(&kubeVersion, "kube-version", "", "Kubernetes version used for Capabilities.KubeVersion")
	f.StringSliceVarP(&apiVersions, "api-versions", "a", []string{}, "Kubernetes api versions used for Capabilities.APIVersions")
	f.BoolVar(&b1, "include-crds", false, "include CRDs in the templated output")
	f.BoolVar(&b2, "skip-tests", false, "skip tests from templated output")

	apply := release("apply", "Upgrade or install HelmRelease and sync status")
	f = apply.Flags()
	f.BoolVar(&plain, "plain", false, "Install chart without querying values from the HelmRelease")
	f.BoolVar(&b1, "resume", false, "Automatically clear spec.suspend after successful apply")
	f.StringSliceVarP(&values, "values", "f", nil, "Additional values files (may be repeated)")
	f.BoolVar(&b2, "take-ownership", false, "Take ownership of existing resources")
	f.BoolVar(&b3, "recover", false, "Mark a release left in pending-install/pending-upgrade as failed and go on")
	f.BoolVar(&b3, "wait", false, "Wait until the release's resources are ready, showing progress")
	f.DurationVar(&timeout, "timeout", 5*time.Minute, "time to wait for hooks and, with --wait, for the resources")
	addSetFlags(f)

	diff := release("diff", "Show a diff between live and desired manifests")
	f = diff.Flags()
	f.StringSliceVarP(&values, "values", "f", nil, "Additional values files (may be repeated)")
	f.BoolVar(&plain, "plain", false, "Render chart without querying values from the HelmRelease")
	addSetFlags(f)
	f.BoolVar(&b3, "exit-code", false, "Exit with status 2 when there are changes, 0 when there are none")
	f.BoolVar(&b1, "live", false, "Compare with the live objects through a server-side dry run of apply (drift)")

	const selectorHelp = "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2)"
	get := &cobra.Command{Use: "get [release...]", Short: "Get one or many HelmReleases", Args: cobra.ArbitraryArgs, RunE: noop,
		ValidArgsFunction: completeReleases}
	get.Flags().BoolVarP(&b1, "all-namespaces", "A", false, "Across all namespaces")
	get.Flags().StringVarP(&output, "output", "o", "", "json|yaml|wide|name|custom-columns=<...>")
	get.Flags().StringVarP(&selector, "selector", "l", "", selectorHelp)

	list := &cobra.Command{Use: "list [release...]", Aliases: []string{"ls"}, Short: "List HelmReleases", Args: cobra.ArbitraryArgs, RunE: noop,
		ValidArgsFunction: completeReleases}
	list.Flags().BoolVarP(&b1, "all-namespaces", "A", false, "Across all namespaces (only when no names are given)")
	list.Flags().StringVarP(&output, "output", "o", "", "json|yaml|wide|name|custom-columns=<...>")
	list.Flags().StringVarP(&selector, "selector", "l", "", selectorHelp)

	// Upstream's own completion command (cozyhr main.go cmdCompletion).
	completion := &cobra.Command{
		Use:   "completion [bash|zsh|fish|powershell]",
		Short: "Generate the autocompletion script for the specified shell",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			root := cmd.Root()
			switch args[0] {
			case "bash":
				return root.GenBashCompletion(os.Stdout)
			case "zsh":
				return root.GenZshCompletion(os.Stdout)
			case "fish":
				return root.GenFishCompletion(os.Stdout, true)
			case "powershell":
				return root.GenPowerShellCompletionWithDesc(os.Stdout)
			default:
				return fmt.Errorf("unknown shell: %s", args[0])
			}
		},
	}

	reconcile := release("reconcile", "Trigger HelmRelease reconciliation")
	reconcile.Flags().BoolVar(&b1, "with-source", false,
		"Reconcile the source HelmChart before the HelmRelease")
	reconcile.Flags().BoolVar(&b2, "force", false,
		"Force a one-off upgrade of the HelmRelease")
	reconcile.Flags().DurationVar(&timeout, "timeout", 5*time.Minute,
		"how long to wait for the reconciliation")

	// Upstream's AddCommand order (it decides the order of suggestions).
	root.AddCommand(
		show,
		apply,
		diff,
		release("suspend", "Suspend Flux HelmRelease"),
		release("resume", "Resume Flux HelmRelease"),
		release("delete", "Uninstall the Helm release"),
		list,
		get,
		completion,
		reconcile,
	)
	root.AddCommand(&cobra.Command{
		Use:   "version",
		Short: "Print version",
		Run: func(_ *cobra.Command, _ []string) {
			fmt.Println("cozypkg", version)
			fmt.Println("commit:", commit)
		},
	})

	root.SilenceErrors = true
	root.SilenceUsage = true
	cmd, err := root.ExecuteC()
	if err != nil {
		if !reached {
			// usage error: cobra's own two lines, "error:" as upstream spells it
			fmt.Fprintln(os.Stderr, "error: "+err.Error())
			fmt.Fprintf(os.Stderr, "Run '%s --help' for usage.\n", cmd.CommandPath())
			os.Exit(1)
		}
		log.Fatalf("error: %v", err)
	}
}
