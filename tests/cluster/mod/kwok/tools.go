//go:build tools

// Keeps sigs.k8s.io/kwok/cmd/kwok in go.mod for `go mod tidy`; the binary is
// built with `go build sigs.k8s.io/kwok/cmd/kwok` by tests/cluster/build.
package tools

import _ "sigs.k8s.io/kwok/cmd/kwok"
