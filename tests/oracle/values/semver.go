package main

import (
	"strconv"

	"helm.sh/helm/v3/pkg/chartutil"
)

// Suite semver: chartutil.IsCompatibleRange(constraint, version), which
// decides which subchart a Chart.yaml dependency entry refers to.  Fields:
// constraint, version, result.
func init() { register("semver", genSemver) }

func genSemver(w *Writer) {
	cons := []string{"", " ", "*", "x", "X", "1", "1.2", "1.2.3", "v1.2.3", "=1.2.3", "!=1.2.3", ">1.2.3", "<1.2.3",
		">=1.2.3", "=>1.2.3", "<=1.2.3", "=<1.2.3", "~1.2.3", "~>1.2.3", "^1.2.3", "^0.1.2", "^0.0.3", "^0.0", "^0",
		"~0", "~1", "~1.2", "1.x", "1.2.x", "1.*", "*.*", ">1.x", ">1.2.x", "<=1.x", "<=1.2.x", "!=1.x", "!=1.2.x",
		">= 1.2.3", ">=1.2.3 <2", ">=1.2.3, <2", ">=1.2.3,<2", ">=1.2.3 ,<2", "1.2.3 - 2.0.0", "1.2 - 2", "1 - 2.x",
		"<1 || >=2", "<1||>=2", "1.2.3 || 2.x", "1.2.3 ||", "|| 1.2.3", ">=1.0.0-0", ">=1.0.0-rc1", "1.0.0-rc1",
		"~1.0.0-rc1", "^1.0.0-rc.1", ">1.0.0-alpha", "<1.0.0-beta.2", "1.0.0+meta", ">=1.0.0+meta", "junk", "1.2.3.4",
		">>1", "=", "v", "1.2.3-", "01.2.3", "1.02", ">= 1 <", "1 2", "1,2", "^1.2.3 ^2", "~0.0.0", ">0.0.x", "<0.x",
		"1.2.3-0", "2.0.0-rc.1 - 2.0.0", "=v1.2", "v1.x", "1|2", "  >=1.0.0  ", "\t1.2.3"}
	vers := []string{"1.2.3", "v1.2.3", "1.2.4", "1.3.0", "2.0.0", "0.1.2", "0.1.3", "0.0.3", "0.0.4", "1.0.0",
		"1.0.0-rc1", "1.0.0-rc.1", "1.0.0-alpha", "1.0.0-beta.2", "1.2.3-0", "2.0.0-rc.1", "1.0.0+meta", "1.2",
		"1", "0.0.0", "junk", "1.2.3.4", "01.2.3", "1.2.3-01", "", "10.20.30", "1.2.3+b.1"}
	n := 0
	for _, c := range cons {
		for _, v := range vers {
			w.Rec("semver"+strconv.Itoa(n), c, v, strconv.FormatBool(chartutil.IsCompatibleRange(c, v)))
			n++
		}
	}
}
