package main

import "strings"

type parseCase struct{ ns, text string }

func parseCases() []parseCase {
	texts := []string{
		"",
		"\n",
		"# only a comment\n",
		"---",
		"---\n",
		"---\n---\n---\n",
		"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n",
		"---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n  namespace: x\n",
		"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n--- \napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n",
		"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\r\napiVersion: v1\nkind: Secret\nmetadata:\n  name: b\n",
		"apiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: a\r\n---\napiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: b\r\n",
		"kind: Thing\nmetadata:\n  name: noapi\n",
		"apiVersion: v1\nmetadata:\n  name: nokind\n",
		"apiVersion: a/b/c\nkind: X\nmetadata:\n  name: n\n",
		"apiVersion: /v1\nkind: X\nmetadata:\n  name: n\n",
		"apiVersion: v1\nkind: X\nmetadata:\n  name: 0x1F\n  namespace: 010\n",
		"apiVersion: 1.0\nkind: true\nmetadata:\n  name: null\n",
		"apiVersion: v1\nkind: ~\nmetadata:\n  name: ''\n",
		"apiVersion: v1\nkind: X\nmetadata: ~\n",
		"apiVersion: v1\nkind: X\nmetadata:\n  name: a\nmetadata:\n  namespace: b\n",
		"apiVersion: v1\nkind: X\nkind: Y\nmetadata: {name: flow, namespace: \"q\"}\n",
		"base: &b\n  name: anchored\n  namespace: ans\napiVersion: v1\nkind: X\nmetadata: *b\n",
		"base: &b {namespace: merged}\napiVersion: v1\nkind: X\nmetadata:\n  <<: *b\n  name: m\n",
		"apiVersion: v1\nkind: X\nmetadata:\n  <<: [{name: first}, {name: second, namespace: s}]\n",
		"apiVersion: v1\nkind: X\nmetadata:\n  name: a\n  annotations:\n    helm.sh/hook: test\n",
		"apiVersion: v1\nkind: X\nmetadata:\n  name: a\n  annotations:\n    helm.sh/hook: test-success\n",
		"apiVersion: v1\nkind: X\nmetadata:\n  name: a\n  annotations:\n    helm.sh/hook: \"test \"\n",
		"apiVersion: v1\nkind: X\nmetadata:\n  name: a\n  annotations:\n    helm-diff/base-name: based\n",
		"apiVersion: v1\nkind: X\nmetadata:\n  name: a\n  annotations:\n    helm-diff/base-name: ~\n",
		"apiVersion: v1\nkind: X\nmetadata:\n  name: a\n  annotations:\n    helm.sh/resource-policy: keep\n    n: 5\n    t: true\n    z: null\n",
		"apiVersion: v1\nkind: X\nmetadata:\n  name: a\n  annotations: ~\n",
		"apiVersion: v1\nkind: X\nmetadata:\n  name: a\n  annotations:\n    1: one\n    ~: nil\n",
		"apiVersion: v1\nkind: X\nmetadata:\n  name: a\n  annotations:\n    x: !!binary aGVsbG8=\n",
		"apiVersion: !!str 1\nkind: !custom X\nmetadata:\n  name: \"quoted: name\"\n",
		"apiVersion: v1\nkind: X\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: X\nmetadata:\n  name: a\n  labels: {x: y}\n",
		"apiVersion: v1\nkind: X\nmetadata:\n  name: a\n  namespace: default\n---\napiVersion: v1\nkind: X\nmetadata:\n  name: a\n",
		"# Source: c/t.yaml\n# second comment\napiVersion: v1\nkind: X\nmetadata:\n  name: a\n",
		"\ufeffapiVersion: v1\nkind: X\nmetadata:\n  name: bom\n",
		"  \n\t\napiVersion: v1\nkind: X\nmetadata:\n  name: spaced\n\u00a0\n",
		"apiVersion: v1\nkind: X\nmetadata:\n  name: a\n...\n",
		"apiVersion: v1\nkind: X\nmetadata:\n  name: a\n--- # c\nkind: Y\n",
		// errors
		"apiVersion: v1\nkind: [a]\nmetadata:\n  name: a\n",
		"apiVersion: v1\nkind: X\nmetadata: foo\n",
		"apiVersion: v1\nkind: X\nmetadata: 12345678901\n",
		"apiVersion: v1\nkind: X\nmetadata: [a]\n",
		"apiVersion: v1\nkind: X\nmetadata:\n  name: {a: b}\n  namespace: [x]\n",
		"apiVersion: v1\nkind: X\nmetadata:\n  annotations: [a]\n",
		"apiVersion: v1\nkind: X\nmetadata:\n  annotations:\n    a: {b: c}\n",
		"- a\n- b\n",
		"just a string\n",
		"apiVersion: v1\nkind: X\nmetadata:\n  name: a\n bad: indent\n",
		"apiVersion: v1\nkind: X\nmetadata:\n  name: *nope\n",
		"apiVersion: v1\nkind: \"unterminated\nmetadata: {}\n",
		"apiVersion: v1\nkind: X\nmetadata:\n  <<: 5\n",
		"apiVersion: v1\nkind: !!int abc\n",
		"apiVersion: v1\nkind: X\nmetadata:\n  name: a\n\tname: tab\n",
		"a: b: c\n",
		// lists
		"apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: one\n  data:\n    z: \"1\"\n    a: two\n- apiVersion: v1\n  kind: Secret\n  metadata:\n    name: two\n    namespace: n2\n",
		"apiVersion: v1\nkind: List\nitems: ~\n",
		"apiVersion: v1\nkind: List\n",
		"apiVersion: v1\nkind: List\nitems: []\n",
		"apiVersion: v1\nkind: List\nitems:\n- ~\n- {}\n- kind: X\n  metadata: {name: flow}\n",
		"apiVersion: v1\nkind: PodList\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: p\n  spec:\n    n: 12\n    f: 1.50\n    big: 1e6\n    inf: .inf\n    t: yes\n    ts: 2001-12-14\n    hex: 0x1F\n    oct: 017\n    s: \"007\"\n    e: ''\n    nl: \"a\\nb\"\n    lst: [1, two, {x: y}]\n    empty: {}\n    nil: ~\n    u: ünï\n    k: 'a: b'\n",
		"apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: List\n  items:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: nested\n",
		"apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: hooked\n    annotations:\n      helm.sh/hook: test\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: kept\n    annotations:\n      helm.sh/resource-policy: keep\n",
		"base: &b {zz: 1, aa: 2}\napiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: merged\n  data:\n    <<: *b\n    own: x\n",
		"apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: dup}\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: dup}\n",
		"apiVersion: v1\nkind: List\nitems: {a: b}\n",
		"apiVersion: v1\nkind: List\nitems:\n- scalar\n",
		"apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: [bad]\n",
		"apiVersion: v1\nkind: ConfigMapList\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: long\n  data:\n    k: " + strings.Repeat("word ", 40) + "\n",
		"apiVersion: v1\nkind: List\nitems:\n- &i\n  apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: alias}\n- *i\n",
	}
	var cs []parseCase
	for i, t := range texts {
		ns := []string{"default", "", "cozy"}[i%3]
		cs = append(cs, parseCase{ns, t})
	}
	return cs
}

type reportCase struct{ ns, old, new string }

const cm = "# Source: c/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n"

func reportCases() []reportCase {
	lines := func(n int, change map[int]string) string {
		var sb strings.Builder
		sb.WriteString(cm)
		for i := 0; i < n; i++ {
			if c, ok := change[i]; ok {
				if c != "" {
					sb.WriteString("  " + c + "\n")
				}
				continue
			}
			sb.WriteString("  k" + strings.Repeat("x", i%3) + string(rune('a'+i%26)) + ": v\n")
		}
		return sb.String()
	}
	secret := func(name, body string) string {
		return "# Source: c/templates/secret.yaml\napiVersion: v1\nkind: Secret\nmetadata:\n  name: " + name + "\n" + body
	}
	return []reportCase{
		{"default", "", ""},
		{"default", "", cm + "  a: b\n"},
		{"default", cm + "  a: b\n", ""},
		{"default", cm + "  a: b\n", cm + "  a: c\n"},
		{"default", cm + "  a: b\n", cm + "  a: b\n"},
		{"default", cm + "  a: b\n", "---\n" + cm + "  a: b\n"},
		{"ns1", lines(40, nil), lines(40, map[int]string{3: "changed: 1", 20: "", 35: "new: x"})},
		{"ns1", lines(40, map[int]string{0: "first: 0"}), lines(40, map[int]string{39: "last: 9"})},
		{"default", cm + "  a: |\n    x\n\n    y\n", cm + "  a: |\n    x\n\n    z\n"},
		{"default", "", cm + "  a: |\n    x\n\n\n    y\n"},
		{"default", cm + "  a: b\r\n  c: d\n", cm + "  a: b\n  c: d\n"},
		{"default", strings.ReplaceAll(cm+"  a: b\n", "\n", "\r\n"), cm + "  a: b\n"},
		{"default", cm + "  a: b\n", strings.Replace(cm, "name: cm", "name: cm2", 1) + "  a: b\n"},
		{"default", strings.Replace(cm, "name: cm", "name: cm\n  annotations:\n    helm.sh/resource-policy: keep", 1), ""},
		{"default", secret("s", "data:\n  a: aGVsbG8=\n  b: d29ybGQ=\n"), secret("s", "data:\n  a: aGVsbG8=\n  b: d29ybGQh\n  c: Zm9v\n")},
		{"default", "", secret("s", "type: Opaque\nstringData:\n  pw: hunter2\n  port: 8080\n")},
		{"default", secret("s", "stringData:\n  pw: hunter2\n"), ""},
		{"default", secret("s", "data:\n  a: aGVsbG8=\nstringData:\n  a: override\n"), secret("s", "data:\n  a: b3ZlcnJpZGU=\n")},
		{"default", secret("s", "data:\n  e: \"\"\n"), secret("s", "data:\n  other: eA==\n")},
		{"default", secret("s", "data:\n  a: bad*\n"), secret("s", "data:\n  a: aGVsbG8=\n")},
		{"default", secret("s", "metadata:\n  name: s\n  labels:\n    stringData: x\ndata:\n  a: eA==\n"), secret("s", "metadata:\n  name: s\n  labels:\n    stringData: x\ndata:\n  a: eQ==\n")},
		{"default", secret("s", "immutable: true\ndata:\n  a: eA==\n"), secret("s", "immutable: false\ndata:\n  a: eA==\n")},
		{"", cm + "  a: b\n", cm + "  a: c\n"},
		{"default", "", secret("s", "stringData:\n  f: 1.10\n  h: 0x10\n  b: yes\n  n: ~\n")},
		{"default", "", secret("s", "metadata:\n  name: 123\n  creationTimestamp: \"2024-01-02T03:04:05Z\"\ndata:\n  a: eA==\n")},
		{"default", "", secret("s", "data:\n  a: 5\n")},
		{"default", "", secret("s", "metadata:\n  name: s\n  ownerReferences:\n  - apiVersion: v1\n    kind: X\n    name: o\n    uid: u\ndata:\n  a: eA==\n")},
		{"default", "", secret("s", "data:\n  a: eA=\n")},
		{"default", "", secret("s", "data:\n  a: eA\n")},
		{"default", cm + "  pct: 100%s\n", cm + "  pct: 50%d\n"},
	}
}
