// Command engine times Helm 3.17.3's template engine (pkg/engine Render:
// parse and execute every template of a chart tree) on one corpus chart,
// with the values `helm template` would render it with.  Chart loading,
// dependency processing and values coalescing happen once, outside the
// timing; bench/engine/bench.c does the same for cozypkg.  bench/engine/run
// builds both and prints the ratio.
//
//	engine [-t SECONDS] CHART-DIR VALUES-FILE RELEASE NAMESPACE
//
// Prints one line: "ns_per_op ITERATIONS OUTPUT-BYTES".
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"helm.sh/helm/v3/pkg/chart/loader"
	"helm.sh/helm/v3/pkg/chartutil"
	"helm.sh/helm/v3/pkg/cli/values"
	"helm.sh/helm/v3/pkg/engine"
)

func die(err error) {
	fmt.Fprintf(os.Stderr, "bench/engine (go): %v\n", err)
	os.Exit(1)
}

func main() {
	seconds := flag.Float64("t", 2, "time budget in seconds")
	flag.Parse()
	if flag.NArg() != 4 {
		fmt.Fprintln(os.Stderr, "usage: engine [-t SECONDS] CHART-DIR VALUES-FILE RELEASE NAMESPACE")
		os.Exit(2)
	}
	dir, vfile, release, ns := flag.Arg(0), flag.Arg(1), flag.Arg(2), flag.Arg(3)

	// what `helm template` (action.Install, client-only) does before rendering
	chrt, err := loader.Load(dir)
	if err != nil {
		die(err)
	}
	opts := values.Options{ValueFiles: []string{vfile}}
	vals, err := opts.MergeValues(nil)
	if err != nil {
		die(err)
	}
	if err := chartutil.ProcessDependenciesWithMerge(chrt, vals); err != nil {
		die(err)
	}
	rel := chartutil.ReleaseOptions{Name: release, Namespace: ns, Revision: 1, IsInstall: true}
	top, err := chartutil.ToRenderValues(chrt, vals, rel, chartutil.DefaultCapabilities.Copy())
	if err != nil {
		die(err)
	}

	render := func() int {
		var e engine.Engine
		out, err := e.Render(chrt, top)
		if err != nil {
			die(err)
		}
		n := 0
		for _, s := range out {
			n += len(s)
		}
		return n
	}

	// one warm-up, then rounds of >= 0.2 s; the best round's mean counts
	// (bench.c measures the same way)
	bytes := render()
	budget := time.Duration(*seconds * float64(time.Second))
	best := -1.0
	total := 0
	for start := time.Now(); time.Since(start) < budget; {
		n := 0
		t0 := time.Now()
		for n == 0 || time.Since(t0) < 200*time.Millisecond {
			render()
			n++
		}
		ns := float64(time.Since(t0).Nanoseconds()) / float64(n)
		if best < 0 || ns < best {
			best = ns
		}
		total += n
	}
	fmt.Printf("%.0f %d %d\n", best, total, bytes)
}
