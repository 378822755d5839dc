package main

// -helmcheck HELM: write the tmpl charts to disk and compare the oracle's
// helmTemplate with the real helm binary (`helm template release-name DIR`),
// to check the statements repeated from cmd/helm/template.go.  Not part of
// the vector generation.  Expected differences: the log lines Helm prints on
// stderr, and the CRD order of several subcharts, which Helm's directory
// loader takes from a Go map (chart/loader/load.go: range subcharts).

import (
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"helm.sh/helm/v3/pkg/chart"
)

func writeChart(dir string, s *chartSpec) {
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "Chart.yaml"), []byte("apiVersion: v2\nname: "+s.name+"\nversion: 0.1.0\n"), 0o644)
	for _, f := range append(append([]*chartFileAlias{}, alias(s.templates)...), alias(s.files)...) {
		p := filepath.Join(dir, f.Name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		os.WriteFile(p, f.Data, 0o644)
	}
	for _, d := range s.deps {
		writeChart(filepath.Join(dir, "charts", d.name), d)
	}
}

func helmCheck(bin, tmp string, n int) {
	r := rand.New(rand.NewSource(3))
	rootNames := []string{"mychart", "app", "a.b", "x_y", "chart-1"}
	bad := 0
	for i := 0; i < n; i++ {
		spec := randChart(r, pick(r, rootNames), 0)
		o := tmplOpts{noHooks: r.Intn(3) == 0, crds: r.Intn(2) == 0, skipTests: r.Intn(3) == 0}
		if r.Intn(4) == 0 {
			k := r.Intn(3) + 1
			for j := 0; j < k; j++ {
				o.show = append(o.show, pick(r, showPatterns))
			}
		}
		dir := filepath.Join(tmp, fmt.Sprintf("c%04d", i), spec.name)
		writeChart(dir, spec)
		args := []string{"template", "release-name", dir}
		if o.noHooks {
			args = append(args, "--no-hooks")
		}
		if o.crds {
			args = append(args, "--include-crds")
		}
		if o.skipTests {
			args = append(args, "--skip-tests")
		}
		for _, s := range o.show {
			args = append(args, "--show-only", s)
		}
		cmd := exec.Command(bin, args...)
		var so, se strings.Builder
		cmd.Stdout, cmd.Stderr = &so, &se
		cmd.Run()
		sortFiles(spec) // the directory loader reads files in walk order
		want, wantErr := helmTemplate(spec.build(), o)
		gotErr := ""
		if i := strings.Index(se.String(), "Error: "); i >= 0 {
			gotErr = strings.TrimSuffix(se.String()[i+7:], "\n")
		}
		if so.String() != want || gotErr != wantErr {
			bad++
			fmt.Fprintf(os.Stderr, "helmcheck %d differs (%s)\n", i, dir)
			os.WriteFile(filepath.Join(tmp, fmt.Sprintf("hc%d.helm", i)), []byte(so.String()+se.String()), 0o644)
			os.WriteFile(filepath.Join(tmp, fmt.Sprintf("hc%d.oracle", i)), []byte(want+wantErr), 0o644)
		}
	}
	fmt.Fprintf(os.Stderr, "helmcheck: %d/%d agree (charts and diffs kept in %s)\n", n-bad, n, tmp)
}

func sortFiles(s *chartSpec) {
	sort.Slice(s.files, func(i, j int) bool { return s.files[i].Name < s.files[j].Name })
	for _, d := range s.deps {
		sortFiles(d)
	}
}

type chartFileAlias struct {
	Name string
	Data []byte
}

func alias(fs []*chart.File) []*chartFileAlias {
	out := []*chartFileAlias{}
	for _, f := range fs {
		out = append(out, &chartFileAlias{f.Name, f.Data})
	}
	return out
}
