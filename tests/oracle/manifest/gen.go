package main

// Generators of rendered-template text: YAML documents with every kind of
// InstallOrder and unknown ones, hook annotations of every sort, `---`
// separators in odd places, invalid YAML and wrong-typed heads.

import (
	"fmt"
	"math/rand"
	"strings"

	"helm.sh/helm/v3/pkg/releaseutil"
)

var unknownKinds = []string{"Foo", "Bar", "aaa", "Zed", "service", "deployment", "MyCRD", "Widget", "ZZTop", "Élan"}

var hookValues = []string{
	"pre-install", "post-install", "pre-delete", "post-delete", "pre-upgrade", "post-upgrade",
	"pre-rollback", "post-rollback", "test", "test-success", "PRE-INSTALL", " post-install ",
	"pre-install,post-install", "pre-install, pre-upgrade", "test,pre-install", "crd-install",
	"pre-install,bogus", "", ",", "pre-install,", "Test-Success", "post-rollbacK", "pre-İnstall",
	"pre-install\t,\tpost-upgrade", "pre-upgrade,pre-upgrade", "post-rollbac\u212a",
}

var weightValues = []string{
	`"0"`, `"1"`, `"-1"`, `"5"`, `"-10"`, `"+3"`, `"10"`, `"abc"`, `""`, `"1.5"`, `" 2"`, `"007"`,
	`"9223372036854775807"`, `"9223372036854775808"`, `"-9223372036854775808"`, `"1_000"`,
	"3", "-2", "1.0", "1e3", "1e6", "1000000", "12345678", "0x10", "0o17", "017", "true", "~", "null",
	"2.5", "1_000", "-0", "123456789012", "99999999999999999999", ".5", "[1]", "{a: 1}",
}

var policyValues = []string{
	"before-hook-creation", "hook-succeeded", "hook-failed", "hook-succeeded,hook-failed",
	"Before-Hook-Creation", " hook-succeeded , before-hook-creation ", "",
}

var names = []string{"a", "b", "c", "web", "db", "cache", "zeta", "alpha", "x-1", "Y", "mid", "", "123", "true"}

func pick(r *rand.Rand, xs []string) string { return xs[r.Intn(len(xs))] }

func randKind(r *rand.Rand) string {
	switch r.Intn(10) {
	case 0, 1:
		return pick(r, unknownKinds)
	default:
		return releaseutil.InstallOrder[r.Intn(len(releaseutil.InstallOrder))]
	}
}

// head builds one YAML document's text.
func head(r *rand.Rand, hookish bool) string {
	var b strings.Builder
	if r.Intn(8) == 0 {
		b.WriteString("# leading comment\n")
	}
	switch r.Intn(12) {
	case 0:
	case 1:
		b.WriteString("apiVersion: 1\n")
	case 2:
		b.WriteString("apiVersion: apps/v1\n")
	default:
		b.WriteString("apiVersion: v1\n")
	}
	kind := randKind(r)
	switch r.Intn(14) {
	case 0:
	case 1:
		fmt.Fprintf(&b, "kind: %q\n", kind)
	case 2:
		fmt.Fprintf(&b, "Kind: %s\n", kind)
	case 3:
		fmt.Fprintf(&b, "KIND: %s\nkind: %s\n", randKind(r), kind)
	default:
		fmt.Fprintf(&b, "kind: %s\n", kind)
	}
	if r.Intn(10) == 0 {
		b.WriteString("metadata: null\n")
		return b.String()
	}
	if r.Intn(12) == 0 {
		return b.String()
	}
	b.WriteString("metadata:\n")
	if r.Intn(10) != 0 {
		fmt.Fprintf(&b, "  name: %s\n", pick(r, names))
	}
	if r.Intn(3) == 0 {
		b.WriteString("  namespace: ns\n  labels:\n    app: x\n")
	}
	if hookish || r.Intn(3) == 0 {
		var ann []string
		if hookish || r.Intn(2) == 0 {
			ann = append(ann, fmt.Sprintf("helm.sh/hook: %q", pick(r, hookValues)))
		}
		if r.Intn(2) == 0 {
			ann = append(ann, "helm.sh/hook-weight: "+pick(r, weightValues))
		}
		if r.Intn(3) == 0 {
			ann = append(ann, fmt.Sprintf("helm.sh/hook-delete-policy: %q", pick(r, policyValues)))
		}
		if r.Intn(3) == 0 {
			ann = append(ann, "other: value")
		}
		if r.Intn(15) == 0 {
			ann = append(ann, "num: 5", "flag: true", "nothing: null")
		}
		switch {
		case len(ann) == 0:
			b.WriteString("  annotations: {}\n")
		case r.Intn(6) == 0:
			fmt.Fprintf(&b, "  annotations: {%s}\n", strings.Join(ann, ", "))
		default:
			b.WriteString("  annotations:\n")
			for _, a := range ann {
				fmt.Fprintf(&b, "    %s\n", a)
			}
		}
	}
	if r.Intn(2) == 0 {
		b.WriteString("data:\n  key: |\n    line one\n    line two\n")
	}
	if r.Intn(4) == 0 {
		b.WriteString("spec:\n  replicas: 3\n  items: [a, b]\n")
	}
	return b.String()
}

// odd documents: invalid YAML, wrong types, comments, flow style...
var oddDocs = []string{
	"", "# just a comment", "# one\n# two", "   ", "null", "~", "{}", "[]", "- a\n- b", "hello", "42", "true",
	"a: b: c", "key: [unclosed", "\tkey: v", "key: 'unterminated", "a:\n  - b\n  c: d", "{kind: Pod, metadata: {name: p}}",
	`{"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"}}`, "kind: [a, b]", "kind: {a: 1}",
	"apiVersion: [1]", "metadata: hello", "metadata: 5", "metadata: [a]", "metadata: true",
	"metadata:\n  name: [x]", "metadata:\n  name: {a: b}", "metadata:\n  annotations: hello",
	"metadata:\n  annotations: [a]", "metadata:\n  annotations:\n    a: [1]", "metadata:\n  annotations:\n    a: {b: c}",
	"metadata:\n  annotations: 5", "kind: 5", "kind: true", "kind: 1.5", "kind: 1e6", "kind: 1000000", "kind: null",
	"kind: 0x1F", "kind: 123456789012345678", "kind: 1.0", "kind: -0.0", "kind: .inf", "kind: 2001-12-14",
	"metadata:\n  name: 12345678", "metadata:\n  name: 3.25", "metadata:\n  name: false", "metadata:\n  name: ~",
	"kind: Pod\nkind: Service", "metadata:\n  annotations:\n    helm.sh/hook: test\n  annotations:\n    x: y",
	"kind: Pod\nmetadata:\n  annotations:\n    helm.sh/hook: pre-install\n    helm.sh/hook-weight: 1e6",
	"kind: Pod\nmetadata:\n  annotations:\n    helm.sh/hook: pre-install\n    helm.sh/hook-weight: 10000000",
	"kind: Pod\nmetadata:\n  annotations:\n    helm.sh/hook: pre-install\n    helm.sh/hook-weight: !!float 2000000",
	"kind: Pod\nmetadata:\n  annotations:\n    helm.sh/hook: pre-install\n    helm.sh/hook-weight: 99999999999999999999",
	"kind: Pod\nmetadata:\n  annotations:\n    helm.sh/hook: pre-install\n    helm.sh/hook-weight: 18446744073709551615",
	"kind: Pod\nmetadata:\n  annotations:\n    helm.sh/hook: pre-install\n    helm.sh/hook-weight: 9007199254740993",
	"base: &b\n  kind: Job\nkind: *b", "x: &m\n  name: anchored\n  annotations: {helm.sh/hook: test}\nmetadata: *m\nkind: Pod",
	"x: &m\n  helm.sh/hook: post-install\n  helm.sh/hook-weight: 3000000\nmetadata:\n  annotations:\n    <<: *m\nkind: Job",
	"KIND: Pod\nMetaData:\n  NAME: caps\n  Annotations:\n    helm.sh/hook: pre-delete",
	"\u212aind: Secret", "kınd: Secret", "ApiVersion: 7\nkind: Service", "apiversion: v2\nKind: Service",
	"metadata:\n  name: a\nMetadata:\n  annotations: {helm.sh/hook: test}\nkind: Pod",
	"metadata: {annotations: {a: null, helm.sh/hook: test}}", "metadata: {annotations: null}",
	"metadata: {annotations: {helm.sh/hook: null}}", "metadata: {annotations: {helm.sh/hook: 5}}",
	"metadata: {annotations: {helm.sh/hook: true}}", "metadata: {annotations: {1: x, 2.5: y, true: z}}",
	"? complex\n: value\nkind: Pod", "kind: Pod\n...\n", "%YAML 1.1\n---\nkind: Pod", "kind: Pod # trailing",
	"key: \"line1\\nline2\"\nkind: Deployment", "kind: !!str 5", "kind: !!int \"7\"", "a: !!binary aGVsbG8=\nkind: Pod",
	"kind: Pod\nmetadata:\n  name: x\n  annotations:\n    helm.sh/hook-weight: \"5\"",
	"apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ntype: Opaque", "kind: Service\n  bad: indent",
	"- kind: Pod", "kind: Pod\n- x", "'quoted scalar'", "[a, b", "{a: 1", "kind: >\n  Folded\n  Kind\n",
	"kind: |\n  Literal\n", "a: 1\na: 2", "kind: Pod\r\nmetadata:\r\n  name: win\r\n",
	"kind: .nan", "metadata: {name: -.inf}", "kind: .inf\nother: .nan", "other: .nan\nkind: .inf", "metadata: .inf",
	"a: [.inf]\nkind: .nan", "metadata: {annotations: {a: .inf, b: 1e300}}", "metadata: {annotations: .nan}",
	"kind: 1.5e300", "kind: 0.1", "kind: 123456789.5", "kind: 1e-7", "metadata: {annotations: {w: 16777217}}",
	"kind: -1e6", "kind: 0o777777777", "kind: 0b1111111111111111111111", "kind: 1_000_000_000",
	"kind: 0x7FFFFFFFFFFFFFFF", "kind: 18446744073709551616", "kind: +1000000", "kind: 1000000.0",
	"\u212aind: Pod\nmetadata\u017f: x", "metadata: {annotation\u017f: {helm.sh/hook: test}}\nkind: Pod",
	"kind: !!float 1000000", "kind: &k 5000000\nother: *k", "x: &a 7000000\nkind: *a", "kind: 190:20:30",
	"kind: -9223372036854775808", "kind: 9223372036854775808", "kind: 1e6\nKind: 2e6", "KIND: 3000000\nkind: ~",
	"metadata:\n  annotations:\n    helm.sh/hook: test\n    helm.sh/hook-weight: 1000001\n  name: 2000000\nkind: 4000000",
	"x: &m {a: 5000000}\nmetadata:\n  annotations:\n    <<: [*m, {a: 6000000}]",
	"metadata: {annotations: {helm.sh/hook: test, helm.sh/hook-weight: 8000000}}\nkind: Pod\n<<: {kind: 9000000}",
}

// separators between documents of one file
var seps = []string{
	"\n---\n", "\n---\n", "\n---\n", "\n--- # comment\n", "\n---\n---\n", "\r\n---\r\n", "\n---   \n",
	"\n\n---\n\n", "\n---\n# comment only\n---\n", "\n---\n\n\n---\n", "\n----\n", "\n---x\n", "\n---",
	"\n  ---\n", " \t\n---\t \n", "\n---\n...\n---\n", "\n---\x0b\n", "\n\u00a0---\n", "\n---\u00a0\n",
}

// separators that keep every document valid
var goodSeps = []string{
	"\n---\n", "\n---\n", "\n---\n", "\n--- # comment\n", "\n---\n---\n", "\r\n---\r\n", "\n---   \n",
	"\n\n---\n\n", "\n---\n# comment only\n---\n", "\n---\n\n\n---\n", "\n---", " \t\n---\t \n",
}

func randDoc(r *rand.Rand) string {
	switch r.Intn(9) {
	case 0, 1:
		return pick(r, oddDocs)
	case 2:
		return head(r, true)
	default:
		return head(r, false)
	}
}

// randFile joins 0..5 documents with random separators and padding.
func randFile(r *rand.Rand, valid bool) string {
	var b strings.Builder
	switch r.Intn(8) {
	case 0:
		b.WriteString("---\n")
	case 1:
		b.WriteString("\n\n")
	case 2:
		b.WriteString("--- # start\n")
	}
	n := r.Intn(5) + 1
	if r.Intn(12) == 0 {
		n = 0
	}
	for i := 0; i < n; i++ {
		if i > 0 {
			if valid || r.Intn(3) != 0 {
				b.WriteString(pick(r, goodSeps))
			} else {
				b.WriteString(pick(r, seps))
			}
		}
		d := randDoc(r)
		if valid {
			d = head(r, r.Intn(3) == 0)
		}
		b.WriteString(d)
	}
	switch r.Intn(8) {
	case 0:
		b.WriteString("\n---\n")
	case 1:
		b.WriteString("\n\n  \n")
	case 2:
		b.WriteString("\n---")
	case 3:
		b.WriteString("\u00a0")
	}
	return b.String()
}
