// Package chartutil stands in for helm.sh/helm/v3/pkg/chartutil in the
// oracle: fmt prints a Values map's type as "chartutil.Values" (reflect uses
// the package name), which is all the gofmt suite needs from it.
package chartutil

// Values is Helm's chartutil.Values: a map with methods fmt never calls.
type Values map[string]interface{}
