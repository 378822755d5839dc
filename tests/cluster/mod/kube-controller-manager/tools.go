//go:build tools

// Keeps both commands' dependencies in go.mod for `go mod tidy`; the binaries
// are built with `go build k8s.io/kubernetes/cmd/<name>` by tests/cluster/build.
package tools

import (
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
	_ "k8s.io/kubernetes/cmd/kube-scheduler"
)
