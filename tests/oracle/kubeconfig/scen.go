// scen.go — the scenario table: hand-picked edge cases (loading, merging,
// overrides, validation, decoding errors, in-cluster, exec plugins) and
// seeded random combinations of clusters/users/contexts over 1-3 files.
package main

import (
	"encoding/base64"
	"fmt"
	"math/rand"
	"strings"
)

const testCert = `-----BEGIN CERTIFICATE-----
MIIBfzCCASWgAwIBAgIUAgjRrG9KsWB4xP3RKIedQOOfq6kwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJa2NmZy10ZXN0MCAXDTI2MTEyNDEyMzgwMloYDzIxMjYxMDMx
MTIzODAyWjAUMRIwEAYDVQQDDAlrY2ZnLXRlc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAAQD2Z/ZrLCdvp7gYN6oHpeE0crtP4V8hQ8nykLv6E7xTOV+euXHckf4
xWKo1IZk8BVFOPPHWgYPsI19qrm9frQGo1MwUTAdBgNVHQ4EFgQU+SnUdy9mZo8m
Qu/auAgd1BvIA3cwHwYDVR0jBBgwFoAU+SnUdy9mZo8mQu/auAgd1BvIA3cwDwYD
VR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNIADBFAiEAkOGM9hwGU/EINnTeAF1H
rC40U+duxh8ifagaDyXjQ4ECICImhk/0Z9NOjXUIRAr8u75mc8lAAprkMi8gXs2h
jAwl
-----END CERTIFICATE-----
`

const testKey = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgd5DJX4Cz0Tr4aSCZ
0AS+8BdyYP+zg3PTfqyA0hOZPMOhRANCAAQD2Z/ZrLCdvp7gYN6oHpeE0crtP4V8
hQ8nykLv6E7xTOV+euXHckf4xWKo1IZk8BVFOPPHWgYPsI19qrm9frQG
-----END PRIVATE KEY-----
`

func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

// kc builds a kubeconfig text: one cluster c1 (server), user u1 (user
// lines), context x1 and current-context x1, with extra lines appended.
func kc(server string, userLines ...string) string {
	var b strings.Builder
	b.WriteString("apiVersion: v1\nkind: Config\nclusters:\n- name: c1\n  cluster:\n    server: " + server + "\n")
	b.WriteString("users:\n- name: u1\n  user:\n")
	if len(userLines) == 0 {
		b.WriteString("    {}\n")
	}
	for _, l := range userLines {
		b.WriteString("    " + l + "\n")
	}
	b.WriteString("contexts:\n- name: x1\n  context:\n    cluster: c1\n    user: u1\ncurrent-context: x1\n")
	return b.String()
}

// kcCluster: like kc but with extra cluster lines and a token user.
func kcCluster(clusterLines ...string) string {
	var b strings.Builder
	b.WriteString("apiVersion: v1\nkind: Config\nclusters:\n- name: c1\n  cluster:\n")
	for _, l := range clusterLines {
		b.WriteString("    " + l + "\n")
	}
	b.WriteString("users:\n- name: u1\n  user:\n    token: tok\n")
	b.WriteString("contexts:\n- name: x1\n  context:\n    cluster: c1\n    user: u1\ncurrent-context: x1\n")
	return b.String()
}

func sc(name string, spec []string, files ...file) scenario {
	return scenario{name: name, spec: spec, files: files}
}

func f(path, content string) file { return file{path, content} }

func explicit(p string) []string { return []string{"flag.kubeconfig=" + p} }

func handScenarios() []scenario {
	S := []scenario{}
	add := func(s scenario) { S = append(S, s) }
	k := "config.yaml"
	e := explicit(k)

	// ---- loading precedence ----
	add(sc("explicit-token", e, f(k, kc("https://127.0.0.1:6443", "token: abc"))))
	add(sc("explicit-missing", explicit("nope.yaml")))
	add(sc("explicit-missing-abs", explicit("@T@/nope/x.yaml")))
	add(sc("explicit-dir", explicit("d"), f("d/", "")))
	add(sc("explicit-over-env", append(explicit(k), "env.KUBECONFIG=@T@/b.yaml"),
		f(k, kc("https://a:1", "token: a")), f("b.yaml", kc("https://b:2", "token: b"))))
	add(sc("home-config", nil, f("home/.kube/config", kc("https://home:6443", "token: h"))))
	add(sc("home-unset", []string{"env.HOME=-"}, f("home/.kube/config", kc("https://home:6443", "token: h"))))
	add(sc("home-migrate", nil, f("home/.kube/.kubeconfig", kc("https://old:6443", "token: old"))))
	add(sc("home-migrate-both", nil, f("home/.kube/.kubeconfig", kc("https://old:6443", "token: old")),
		f("home/.kube/config", kc("https://new:6443", "token: new"))))
	add(sc("nothing", nil))
	add(sc("nothing-master", []string{"env.KUBERNETES_MASTER=https://master.example:8443"}))
	add(sc("nothing-ns", []string{"flag.namespace=team"}))
	add(sc("env-empty-list", []string{"env.KUBECONFIG=:"}))
	add(sc("env-all-missing", []string{"env.KUBECONFIG=@T@/a.yaml:@T@/b.yaml"}))
	add(sc("env-merge-first-wins", []string{"env.KUBECONFIG=@T@/a.yaml:@T@/b.yaml"},
		f("a.yaml", kc("https://a:1", "token: a")), f("b.yaml", kc("https://b:2", "token: b"))))
	add(sc("env-merge-current-from-second", []string{"env.KUBECONFIG=@T@/a.yaml:@T@/b.yaml"},
		f("a.yaml", "clusters:\n- name: c1\n  cluster:\n    server: https://a:1\nusers:\n- name: u1\n  user:\n    token: a\n"),
		f("b.yaml", "contexts:\n- name: x1\n  context:\n    cluster: c1\n    user: u1\n    namespace: fromb\ncurrent-context: x1\n")))
	add(sc("env-merge-missing-middle", []string{"env.KUBECONFIG=@T@/a.yaml::@T@/gone.yaml:@T@/b.yaml"},
		f("a.yaml", "current-context: x2\n"), f("b.yaml", kc("https://b:2", "token: b"))))
	add(sc("env-duplicate", []string{"env.KUBECONFIG=@T@/a.yaml:@T@/a.yaml"}, f("a.yaml", kc("https://a:1", "token: a"))))
	add(sc("env-relative", []string{"env.KUBECONFIG=sub/a.yaml"},
		f("sub/a.yaml", kc("https://a:1", "tokenFile: tok")), f("sub/tok", "from-sub\n")))
	add(sc("env-bad-second", []string{"env.KUBECONFIG=@T@/a.yaml:@T@/b.yaml"},
		f("a.yaml", kc("https://a:1", "token: a")), f("b.yaml", "clusters: [\n")))
	add(sc("env-two-bad", []string{"env.KUBECONFIG=@T@/a.yaml:@T@/b.yaml"},
		f("a.yaml", "users: 5\n"), f("b.yaml", "clusters: [\n")))

	// ---- contexts, namespaces ----
	add(sc("context-flag", append(explicit(k), "flag.context=x2"),
		f(k, strings.Replace(kc("https://a:1", "token: a"), "current-context", "- name: x2\n  context:\n    cluster: c1\n    user: u1\n    namespace: two\ncurrent-context", 1))))
	add(sc("context-flag-missing", append(explicit(k), "flag.context=zz"), f(k, kc("https://a:1", "token: a"))))
	add(sc("current-missing", e, f(k, strings.Replace(kc("https://a:1", "token: a"), "current-context: x1", "current-context: gone", 1))))
	add(sc("current-empty", e, f(k, strings.Replace(kc("https://a:1", "token: a"), "current-context: x1", "current-context: \"\"", 1))))
	add(sc("ns-from-context", e, f(k, strings.Replace(kc("https://a:1", "token: a"), "user: u1\ncurrent", "user: u1\n    namespace: apps\ncurrent", 1))))
	add(sc("ns-flag", append(explicit(k), "flag.namespace=flagged"),
		f(k, strings.Replace(kc("https://a:1", "token: a"), "user: u1\ncurrent", "user: u1\n    namespace: apps\ncurrent", 1))))
	add(sc("ns-invalid", e, f(k, strings.Replace(kc("https://a:1", "token: a"), "user: u1\ncurrent", "user: u1\n    namespace: Bad_NS\ncurrent", 1))))
	add(sc("ns-default-explicit", e, f(k, strings.Replace(kc("https://a:1", "token: a"), "user: u1\ncurrent", "user: u1\n    namespace: default\ncurrent", 1))))
	add(sc("context-no-user", e, f(k, "clusters:\n- name: c1\n  cluster:\n    server: https://a:1\ncontexts:\n- name: x1\n  context:\n    cluster: c1\ncurrent-context: x1\n")))
	add(sc("context-missing-refs", e, f(k, "contexts:\n- name: x1\n  context:\n    cluster: nc\n    user: nu\ncurrent-context: x1\n")))
	add(sc("context-missing-cluster-token", e, f(k, "users:\n- name: u1\n  user:\n    token: t\ncontexts:\n- name: x1\n  context:\n    cluster: nc\n    user: u1\ncurrent-context: x1\n")))
	add(sc("no-server", e, f(k, strings.Replace(kc("https://a:1", "token: a"), "    server: https://a:1\n", "    insecure-skip-tls-verify: true\n", 1))))
	add(sc("no-server-master", append(e, "env.KUBERNETES_MASTER=https://m:1"), f(k, strings.Replace(kc("https://a:1", "token: a"), "    server: https://a:1\n", "    tls-server-name: sn\n", 1))))

	// ---- server forms ----
	for i, s := range []string{"https://h:6443/prefix/", "https://h:6443/p?x=1#frag", "http://h:8080", "h:6443", "HTTPS://Upper:1",
		"https://[::1]:6443", "https://h/a%2Fb", "\"\"", "https://h:6443/", "https://user:pw@h:1/x?y", "localhost", "https:///nohost"} {
		add(sc(fmt.Sprintf("server-%d", i), e, f(k, kc(s, "token: a"))))
	}

	// ---- CA / TLS ----
	add(sc("ca-file-rel", e, f(k, kcCluster("server: https://a:1", "certificate-authority: ca.pem")), f("ca.pem", testCert)))
	add(sc("ca-file-sub-rel", explicit("sub/"+k), f("sub/"+k, kcCluster("server: https://a:1", "certificate-authority: ../ca.pem")), f("ca.pem", testCert)))
	add(sc("ca-file-abs", e, f(k, kcCluster("server: https://a:1", "certificate-authority: @T@/ca.pem")), f("ca.pem", testCert)))
	add(sc("ca-file-missing", e, f(k, kcCluster("server: https://a:1", "certificate-authority: nope.pem"))))
	add(sc("ca-file-dir", e, f(k, kcCluster("server: https://a:1", "certificate-authority: cadir")), f("cadir/", "")))
	add(sc("ca-data", e, f(k, kcCluster("server: https://a:1", "certificate-authority-data: "+b64(testCert)))))
	add(sc("ca-data-bad-b64", e, f(k, kcCluster("server: https://a:1", "certificate-authority-data: not*base64"))))
	add(sc("ca-data-b64-newlines", e, f(k, kcCluster("server: https://a:1", "certificate-authority-data: \"QUJD\\nREVG\\r\\n\""))))
	add(sc("ca-data-b64-nopad", e, f(k, kcCluster("server: https://a:1", "certificate-authority-data: QUJDRA"))))
	add(sc("ca-data-null", e, f(k, kcCluster("server: https://a:1", "certificate-authority-data: null"))))
	add(sc("ca-both", e, f(k, kcCluster("server: https://a:1", "certificate-authority: ca.pem", "certificate-authority-data: "+b64("x"))), f("ca.pem", testCert)))
	add(sc("ca-insecure", e, f(k, kcCluster("server: https://a:1", "certificate-authority: ca.pem", "insecure-skip-tls-verify: true")), f("ca.pem", testCert)))
	add(sc("ca-http-ignored", e, f(k, kcCluster("server: http://a:1", "certificate-authority: nope.pem"))))
	add(sc("tls-server-name", e, f(k, kcCluster("server: https://a:1", "tls-server-name: api.internal", "disable-compression: true"))))
	add(sc("insecure-yes", e, f(k, kcCluster("server: https://a:1", "insecure-skip-tls-verify: yes"))))
	add(sc("insecure-string", e, f(k, kcCluster("server: https://a:1", "insecure-skip-tls-verify: \"true\""))))
	for i, p := range []string{"http://proxy:3128", "socks5://127.0.0.1:1080", "https://u:p@proxy", "ftp://proxy", "proxy:3128",
		"://bad", "http://proxy:bad", "http://%zz", "HTTP://Proxy:1/x"} {
		add(sc(fmt.Sprintf("proxy-%d", i), e, f(k, kcCluster("server: https://a:1", "proxy-url: \""+p+"\""))))
	}

	// ---- users ----
	add(sc("token-file", e, f(k, kc("https://a:1", "tokenFile: tok")), f("tok", "  secret-token \n")))
	add(sc("token-file-empty", e, f(k, kc("https://a:1", "tokenFile: tok")), f("tok", " \n")))
	add(sc("token-file-missing", e, f(k, kc("https://a:1", "tokenFile: tok"))))
	add(sc("token-and-file", e, f(k, kc("https://a:1", "token: inline", "tokenFile: tok")), f("tok", "fromfile\n")))
	add(sc("token-and-file-missing", e, f(k, kc("https://a:1", "token: inline", "tokenFile: tok"))))
	add(sc("basic", e, f(k, kc("https://a:1", "username: admin", "password: \"p:w d\""))))
	add(sc("basic-user-only", e, f(k, kc("https://a:1", "username: admin"))))
	add(sc("basic-pass-only", e, f(k, kc("https://a:1", "password: pw"))))
	add(sc("token-and-basic", e, f(k, kc("https://a:1", "token: t", "username: a", "password: b"))))
	add(sc("basic-http", e, f(k, kc("http://a:1", "username: a", "password: b"))))
	add(sc("cert-files", e, f(k, kc("https://a:1", "client-certificate: c.pem", "client-key: k.pem")), f("c.pem", testCert), f("k.pem", testKey)))
	add(sc("cert-data", e, f(k, kc("https://a:1", "client-certificate-data: "+b64(testCert), "client-key-data: "+b64(testKey)))))
	add(sc("cert-no-key", e, f(k, kc("https://a:1", "client-certificate: c.pem")), f("c.pem", testCert)))
	add(sc("cert-both", e, f(k, kc("https://a:1", "client-certificate: c.pem", "client-certificate-data: "+b64("x"), "client-key: k.pem", "client-key-data: "+b64("y"))), f("c.pem", testCert), f("k.pem", testKey)))
	add(sc("cert-missing-files", e, f(k, kc("https://a:1", "client-certificate: c.pem", "client-key: k.pem"))))
	add(sc("key-without-cert", e, f(k, kc("https://a:1", "client-key: k.pem", "token: t")), f("k.pem", testKey)))
	add(sc("cert-and-token", e, f(k, kc("https://a:1", "token: t", "client-certificate-data: "+b64(testCert), "client-key-data: "+b64(testKey)))))
	add(sc("impersonate", e, f(k, kc("https://a:1", "token: t", "as: alice", "as-uid: \"42\"", "as-groups: [g1, g2]", "as-user-extra: {scopes: [a, b], dept: [x]}"))))
	add(sc("impersonate-no-user", e, f(k, kc("https://a:1", "token: t", "as-groups: [g1]"))))
	add(sc("auth-provider-gcp", e, f(k, kc("https://a:1", "auth-provider: {name: gcp}"))))
	add(sc("auth-provider-azure", e, f(k, kc("https://a:1", "auth-provider: {name: azure, config: {a: b}}"))))
	add(sc("auth-provider-unknown", e, f(k, kc("https://a:1", "auth-provider: {name: weird}"))))
	add(sc("auth-provider-and-exec", e, f(k, kc("https://a:1", "auth-provider: {name: gcp}", "exec: {command: x, apiVersion: client.authentication.k8s.io/v1, interactiveMode: Never}"))))

	// ---- exec config (no run) ----
	ex := func(lines string) string { return kc("https://a:1", "exec:\n"+lines) }
	add(sc("exec-v1", e, f(k, ex("      command: plug\n      args: [a, \"b c\"]\n      env: [{name: A, value: \"1\"}, {name: B, value: \"\"}]\n      apiVersion: client.authentication.k8s.io/v1\n      interactiveMode: Never\n      installHint: \"install \\x1b[1mplug\\x1b[0m\\n\\u00e9\"\n"))))
	add(sc("exec-v1-no-mode", e, f(k, ex("      command: plug\n      apiVersion: client.authentication.k8s.io/v1\n"))))
	add(sc("exec-v1beta1-default-mode", e, f(k, ex("      command: plug\n      apiVersion: client.authentication.k8s.io/v1beta1\n"))))
	add(sc("exec-v1alpha1", e, f(k, ex("      command: plug\n      apiVersion: client.authentication.k8s.io/v1alpha1\n"))))
	add(sc("exec-no-apiversion", e, f(k, ex("      command: plug\n"))))
	add(sc("exec-no-command", e, f(k, ex("      apiVersion: client.authentication.k8s.io/v1\n      interactiveMode: Always\n"))))
	add(sc("exec-bad-mode", e, f(k, ex("      command: plug\n      apiVersion: client.authentication.k8s.io/v1\n      interactiveMode: Sometimes\n"))))
	add(sc("exec-env-no-name", e, f(k, ex("      command: plug\n      apiVersion: client.authentication.k8s.io/v1\n      interactiveMode: IfAvailable\n      env: [{value: x}]\n"))))
	add(sc("exec-rel-command", explicit("sub/"+k), f("sub/"+k, ex("      command: ./bin/plug\n      apiVersion: client.authentication.k8s.io/v1\n      interactiveMode: Never\n"))))
	add(sc("exec-rel-command2", explicit("sub/"+k), f("sub/"+k, ex("      command: bin/plug\n      apiVersion: client.authentication.k8s.io/v1\n      interactiveMode: Never\n"))))
	add(sc("exec-cluster-info", e, f(k, "clusters:\n- name: c1\n  cluster:\n    server: https://a:1\n    extensions:\n    - name: client.authentication.k8s.io/exec\n      extension: {audience: \"<x&y>\", n: 1.50, list: [true, null]}\n    - name: other\n      extension: 3\nusers:\n- name: u1\n  user:\n    exec:\n      command: plug\n      apiVersion: client.authentication.k8s.io/v1\n      interactiveMode: Never\n      provideClusterInfo: true\ncontexts:\n- name: x1\n  context: {cluster: c1, user: u1}\ncurrent-context: x1\n")))

	// ---- decoding ----
	add(sc("yaml-syntax", e, f(k, "clusters:\n- name: c1\n  cluster:\n    server: [unclosed\n")))
	add(sc("yaml-tab", e, f(k, "clusters:\n\t- name: c1\n")))
	add(sc("empty-file", e, f(k, "")))
	add(sc("comment-file", e, f(k, "# nothing here\n")))
	add(sc("null-doc", e, f(k, "null\n")))
	add(sc("top-list", e, f(k, "- a\n- b\n")))
	add(sc("top-scalar", e, f(k, "hello\n")))
	add(sc("kind-wrong", e, f(k, "kind: Pod\napiVersion: v1\n")))
	add(sc("apiversion-wrong", e, f(k, "kind: Config\napiVersion: v2\n")))
	add(sc("apiversion-group", e, f(k, "kind: Config\napiVersion: apps/v1\n")))
	add(sc("apiversion-bad", e, f(k, "kind: Config\napiVersion: a/b/c\n")))
	add(sc("apiversion-number", e, f(k, "apiVersion: 1\n")))
	add(sc("kind-case", e, f(k, "KIND: Config\nApiVersion: v1\n"+kc("https://a:1", "token: t")[28:])))
	add(sc("server-number", e, f(k, kc("6443", "token: a"))))
	add(sc("token-bool", e, f(k, kc("https://a:1", "token: true"))))
	add(sc("users-map", e, f(k, "users:\n  u1: {token: t}\n")))
	add(sc("clusters-scalar", e, f(k, "clusters: abc\n")))
	add(sc("cluster-list", e, f(k, "clusters:\n- name: c1\n  cluster: [1]\n")))
	add(sc("args-string", e, f(k, ex("      command: plug\n      args: \"-v\"\n      apiVersion: client.authentication.k8s.io/v1\n      interactiveMode: Never\n"))))
	add(sc("two-type-errors", e, f(k, "current-context: 5\nclusters:\n- name: c1\n  cluster:\n    server: 7\n")))
	add(sc("case-sensitive-keys", e, f(k, "Clusters:\n- name: c1\n  cluster: {server: https://a:1}\nusers: [{name: u1, user: {Token: t}}]\ncontexts: [{name: x1, context: {cluster: c1, user: u1}}]\ncurrent-context: x1\n")))
	add(sc("dup-cluster-name", e, f(k, "clusters:\n- name: c1\n  cluster: {server: https://a:1}\n- name: c1\n  cluster: {server: https://b:1}\n")))
	add(sc("dup-user-name", e, f(k, "users:\n- name: u1\n  user: {token: a}\n- name: u1\n  user: {token: b}\n")))
	add(sc("unnamed-entries", e, f(k, "clusters:\n- cluster: {server: https://a:1}\nusers:\n- user: {token: t}\ncontexts:\n- context: {cluster: \"\", user: \"\"}\n")))
	add(sc("empty-context-name-current", e, f(k, "clusters:\n- cluster: {server: https://a:1}\nusers:\n- user: {token: t}\ncontexts:\n- context: {cluster: \"\", user: \"\"}\ncurrent-context: \"\"\n")))
	add(sc("yaml-anchors", e, f(k, "clusters:\n- name: c1\n  cluster: &c {server: \"https://a:1\"}\n- name: c2\n  cluster: *c\nusers: [{name: u1, user: {token: t}}]\ncontexts: [{name: x1, context: {cluster: c2, user: u1}}]\ncurrent-context: x1\n")))
	add(sc("yaml-dup-keys", e, f(k, "current-context: a\ncurrent-context: x1\n"+kc("https://a:1", "token: t")[:strings.Index(kc("https://a:1", "token: t"), "current-context")])))
	add(sc("multi-doc", e, f(k, kc("https://a:1", "token: t")+"---\ncurrent-context: other\n")))
	add(sc("json-file", e, f(k, `{"apiVersion":"v1","clusters":[{"name":"c1","cluster":{"server":"https://j:1"}}],"users":[{"name":"u1","user":{"token":"j"}}],"contexts":[{"name":"x1","context":{"cluster":"c1","user":"u1","namespace":"jj"}}],"current-context":"x1"}`)))
	add(sc("preferences-extensions", e, f(k, kc("https://a:1", "token: t")+"preferences: {colors: true}\nextensions: [{name: e, extension: {a: 1}}]\n")))

	// ---- in-cluster ----
	ic := []string{"incluster=1", "env.KUBERNETES_SERVICE_HOST=10.0.0.1", "env.KUBERNETES_SERVICE_PORT=443"}
	add(sc("incluster", ic, f("sa/token", "sa-token\n"), f("sa/ca.crt", testCert), f("sa/namespace", " kube-system \n")))
	add(sc("incluster-pod-ns", append(ic, "env.POD_NAMESPACE=podns"), f("sa/token", "sa-token"), f("sa/ca.crt", testCert)))
	add(sc("incluster-ns-flag", append(ic, "flag.namespace=flagns"), f("sa/token", "sa-token"), f("sa/namespace", "x")))
	add(sc("incluster-bad-ca", ic, f("sa/token", "sa-token"), f("sa/ca.crt", "not a cert\n")))
	add(sc("incluster-no-ca", ic, f("sa/token", "sa-token")))
	add(sc("incluster-empty-ns", ic, f("sa/token", "t"), f("sa/namespace", "  \n")))
	add(sc("incluster-no-token", ic, f("sa/namespace", "x")))
	add(sc("incluster-token-dir", ic, f("sa/token/", "")))
	add(sc("incluster-no-port", []string{"incluster=1", "env.KUBERNETES_SERVICE_HOST=10.0.0.1"}, f("sa/token", "t")))
	add(sc("incluster-ipv6", []string{"incluster=1", "env.KUBERNETES_SERVICE_HOST=fd00::1", "env.KUBERNETES_SERVICE_PORT=6443"}, f("sa/token", "t\n")))
	add(sc("incluster-with-config", append(ic, "env.KUBECONFIG=@T@/a.yaml"), f("a.yaml", kc("https://a:1", "token: a")), f("sa/token", "t")))
	add(sc("incluster-master-only", append(ic, "env.KUBERNETES_MASTER=http://localhost:8080"), f("sa/token", "t")))
	add(sc("incluster-empty-config", append(ic, "env.KUBECONFIG=@T@/a.yaml"), f("a.yaml", "current-context: \"\"\n"), f("sa/token", "t")))
	add(sc("incluster-ctx-default-ns", append(ic, "env.KUBECONFIG=@T@/a.yaml"),
		f("a.yaml", "contexts:\n- name: x1\n  context: {namespace: default}\ncurrent-context: x1\n"), f("sa/token", "t"), f("sa/namespace", "saNS")))
	add(sc("incluster-ctx-ns", append(ic, "env.KUBECONFIG=@T@/a.yaml"),
		f("a.yaml", "contexts:\n- name: x1\n  context: {namespace: mine}\ncurrent-context: x1\n"), f("sa/token", "t"), f("sa/namespace", "saNS")))

	S = append(S, execScenarios()...)
	return S
}

// ---- exec plugins (run through client-go's transport) ----

func plugin(body string) string {
	return "#!/bin/sh\necho call >> @T@/calls\nprintf '%s' \"$KUBERNETES_EXEC_INFO\" > @T@/info\n" + body
}

func execKC(lines string) string {
	return "clusters:\n- name: c1\n  cluster:\n    server: https://a:1\n    certificate-authority-data: " + b64("CA-BYTES") + "\n    tls-server-name: sni\n    proxy-url: http://proxy:1\n" +
		"    extensions:\n    - name: client.authentication.k8s.io/exec\n      extension: {aud: x}\n" +
		"users:\n- name: u1\n  user:\n    exec:\n" + lines +
		"contexts:\n- name: x1\n  context: {cluster: c1, user: u1}\ncurrent-context: x1\n"
}

func execScenarios() []scenario {
	S := []scenario{}
	k := "config.yaml"
	v1 := "client.authentication.k8s.io/v1"
	v1b := "client.authentication.k8s.io/v1beta1"
	cred := func(av, status string) string {
		return fmt.Sprintf("cat <<EOF\n{\"apiVersion\":\"%s\",\"kind\":\"ExecCredential\",\"status\":%s}\nEOF\n", av, status)
	}
	mk := func(name, steps, av, mode, extra, body string) {
		lines := "      command: ./plug.sh\n      apiVersion: " + av + "\n"
		if mode != "" {
			lines += "      interactiveMode: " + mode + "\n"
		}
		lines += extra
		S = append(S, sc("exec-run-"+name, []string{"flag.kubeconfig=" + k, "steps=" + steps},
			f(k, execKC(lines)), f("+x plug.sh", plugin(body))))
	}
	mk("v1-token", "r,r", v1, "Never", "", cred(v1, `{"token":"tok-1"}`))
	mk("v1beta1-token", "r", v1b, "", "", cred(v1b, `{"token":"tok-b"}`))
	mk("expired", "r,r", v1, "Never", "", cred(v1, `{"token":"old","expirationTimestamp":"2001-01-01T00:00:00Z"}`))
	mk("future", "r,r,r", v1, "Never", "", cred(v1, `{"token":"fut","expirationTimestamp":"2999-01-01T10:00:00.5+02:00"}`))
	mk("401", "r401,r", v1, "Never", "", "n=$(wc -l < @T@/calls)\n"+cred(v1, `{"token":"tok-$n"}`))
	mk("401-twice", "r401,r401,r", v1, "Never", "", "n=$(wc -l < @T@/calls)\n"+cred(v1, `{"token":"t$n"}`))
	mk("version-mismatch", "r", v1, "Never", "", cred(v1b, `{"token":"x"}`))
	mk("bad-apiversion", "r", "client.authentication.k8s.io/v2", "Never", "", cred(v1, `{"token":"x"}`))
	mk("v1alpha1", "r", "client.authentication.k8s.io/v1alpha1", "", "", cred(v1, `{"token":"x"}`))
	mk("exit-code", "r", v1, "Never", "", "echo oops >&2\nexit 3\n")
	mk("no-status", "r", v1, "Never", "", "echo '{\"apiVersion\":\""+v1+"\",\"kind\":\"ExecCredential\"}'\n")
	mk("empty-status", "r", v1, "Never", "", cred(v1, `{}`))
	mk("cert-only", "r", v1, "Never", "", cred(v1, `{"clientCertificateData":"x"}`))
	mk("key-only", "r", v1, "Never", "", cred(v1, `{"clientKeyData":"x"}`))
	mk("cert-bad", "r", v1, "Never", "", cred(v1, `{"clientCertificateData":"x","clientKeyData":"y"}`))
	certJSON := strings.ReplaceAll(testCert, "\n", `\n`)
	keyJSON := strings.ReplaceAll(testKey, "\n", `\n`)
	mk("cert-key", "r,r,cert", v1, "Never", "", cred(v1, `{"clientCertificateData":"`+certJSON+`","clientKeyData":"`+keyJSON+`"}`))
	mk("cert-key-token", "r,cert", v1, "Never", "", cred(v1, `{"token":"both","clientCertificateData":"`+certJSON+`","clientKeyData":"`+keyJSON+`"}`))
	mk("cluster-info", "r", v1, "Never", "      provideClusterInfo: true\n", cred(v1, `{"token":"ci"}`))
	mk("cluster-info-v1beta1", "r", v1b, "", "      provideClusterInfo: true\n", cred(v1b, `{"token":"ci"}`))
	mk("always", "r", v1, "Always", "", cred(v1, `{"token":"x"}`))
	mk("ifavailable", "r", v1, "IfAvailable", "", cred(v1, `{"token":"x"}`))
	mk("garbage", "r", v1, "Never", "", "echo 'not json at all'\n")
	mk("garbage-brace", "r", v1, "Never", "", "echo '{not json'\n")
	mk("empty-output", "r", v1, "Never", "", "true\n")
	mk("missing-kind", "r", v1, "Never", "", "echo '{\"apiVersion\":\""+v1+"\",\"status\":{\"token\":\"x\"}}'\n")
	mk("missing-apiversion", "r", v1, "Never", "", "echo '{\"kind\":\"ExecCredential\",\"status\":{\"token\":\"x\"}}'\n")
	mk("wrong-kind", "r", v1, "Never", "", "echo '{\"apiVersion\":\""+v1+"\",\"kind\":\"Pod\",\"status\":{\"token\":\"x\"}}'\n")
	mk("yaml-output", "r", v1, "Never", "", "printf 'apiVersion: "+v1+"\\nkind: ExecCredential\\nstatus:\\n  token: yamltok\\n'\n")
	mk("bad-timestamp", "r", v1, "Never", "", cred(v1, `{"token":"x","expirationTimestamp":"tomorrow"}`))
	mk("token-number", "r", v1, "Never", "", cred(v1, `{"token":5}`))
	mk("extra-fields", "r", v1, "Never", "", cred(v1, `{"token":"x","unknown":1},"spec":{"interactive":true},"other":[]`))
	mk("env-args", "r", v1, "Never", "      args: [\"--a\", \"b c\"]\n      env: [{name: PLUG_X, value: \"v x\"}]\n",
		cred(v1, `{"token":"$PLUG_X|$1|$2|$#"}`))
	mk("stdin-closed", "r", v1, "Never", "", "if read x; then t=got; else t=eof; fi\n"+cred(v1, `{"token":"$t"}`))
	mk("stderr-noise", "r", v1, "Never", "", "echo 'warning: x' >&2\n"+cred(v1, `{"token":"n"}`))
	mk("killed", "r", v1, "Never", "", "kill -9 $$\n")
	S = append(S, sc("exec-run-not-found", []string{"flag.kubeconfig=" + k, "steps=r"},
		f(k, execKC("      command: no-such-plugin-kcfg\n      apiVersion: "+v1+"\n      interactiveMode: Never\n      installHint: \"brew install it\"\n"))))
	S = append(S, sc("exec-run-not-found-nohint", []string{"flag.kubeconfig=" + k, "steps=r"},
		f(k, execKC("      command: no-such-plugin-kcfg\n      apiVersion: "+v1+"\n      interactiveMode: Never\n"))))
	S = append(S, sc("exec-run-missing-path", []string{"flag.kubeconfig=" + k, "steps=r"},
		f(k, execKC("      command: ./nope.sh\n      apiVersion: "+v1+"\n      interactiveMode: Never\n"))))
	S = append(S, sc("exec-run-not-executable", []string{"flag.kubeconfig=" + k, "steps=r"},
		f(k, execKC("      command: ./plug.sh\n      apiVersion: "+v1+"\n      interactiveMode: Never\n")), f("plug.sh", "#!/bin/sh\n")))
	S = append(S, sc("exec-run-path-lookup", []string{"flag.kubeconfig=" + k, "steps=r", "env.PATH=@T@/bin:/usr/bin:/bin"},
		f(k, execKC("      command: myplug\n      apiVersion: "+v1+"\n      interactiveMode: Never\n")), f("+x bin/myplug", plugin(cred(v1, `{"token":"via-path"}`)))))
	S = append(S, sc("exec-run-token-wins", []string{"flag.kubeconfig=" + k, "steps=r"},
		f(k, strings.Replace(execKC("      command: ./plug.sh\n      apiVersion: "+v1+"\n      interactiveMode: Never\n"), "    exec:\n", "    token: static\n    exec:\n", 1)),
		f("+x plug.sh", plugin(cred(v1, `{"token":"x"}`)))))
	S = append(S, sc("exec-run-basic-wins", []string{"flag.kubeconfig=" + k, "steps=r"},
		f(k, strings.Replace(execKC("      command: ./plug.sh\n      apiVersion: "+v1+"\n      interactiveMode: Never\n"), "    exec:\n", "    username: u\n    password: p\n    exec:\n", 1)),
		f("+x plug.sh", plugin(cred(v1, `{"token":"x"}`)))))
	S = append(S, sc("exec-run-http", []string{"flag.kubeconfig=" + k, "steps=r"},
		f(k, strings.Replace(execKC("      command: ./plug.sh\n      apiVersion: "+v1+"\n      interactiveMode: Never\n"), "https://a:1", "http://a:1", 1)),
		f("+x plug.sh", plugin(cred(v1, `{"token":"x"}`)))))
	S = append(S, sc("exec-run-ca-file", []string{"flag.kubeconfig=" + k, "steps=r"},
		f(k, strings.Replace(execKC("      command: ./plug.sh\n      apiVersion: "+v1+"\n      interactiveMode: Never\n      provideClusterInfo: true\n"), "certificate-authority-data: "+b64("CA-BYTES"), "certificate-authority: ca.pem", 1)),
		f("ca.pem", testCert), f("+x plug.sh", plugin(cred(v1, `{"token":"x"}`)))))
	return S
}

// ---- seeded random combinations ----

var (
	clusterNames = []string{"c1", "c2", "prod"}
	userNames    = []string{"u1", "u2", "admin"}
	ctxNames     = []string{"x1", "x2", "dev"}
)

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.Intn(len(xs))] }

func randCluster(r *rand.Rand) []string {
	var l []string
	if r.Intn(10) > 0 {
		l = append(l, "server: "+pick(r, []string{"https://127.0.0.1:6443", "https://api.example.com", "https://10.0.0.1:443/k8s/clusters/c-1",
			"http://localhost:8080", "127.0.0.1:6443", "https://h:1?x=y"}))
	}
	switch r.Intn(6) {
	case 0:
		l = append(l, "certificate-authority: "+pick(r, []string{"ca.pem", "@T@/ca.pem", "../ca.pem", "missing.pem"}))
	case 1:
		l = append(l, "certificate-authority-data: "+pick(r, []string{b64(testCert), b64("ca-"+fmt.Sprint(r.Intn(9))), "%%bad"}))
	case 2:
		l = append(l, "certificate-authority: ca.pem", "certificate-authority-data: "+b64("x"))
	}
	if r.Intn(5) == 0 {
		l = append(l, "insecure-skip-tls-verify: "+pick(r, []string{"true", "false"}))
	}
	if r.Intn(6) == 0 {
		l = append(l, "tls-server-name: "+pick(r, []string{"kubernetes", "api.local"}))
	}
	if r.Intn(7) == 0 {
		l = append(l, "proxy-url: "+pick(r, []string{"http://p:3128", "socks5://p:1080", "gopher://p"}))
	}
	if r.Intn(8) == 0 {
		l = append(l, "disable-compression: true")
	}
	return l
}

func randUser(r *rand.Rand) []string {
	var l []string
	n := 1
	if r.Intn(6) == 0 {
		n = 2
	}
	if r.Intn(8) == 0 {
		n = 0
	}
	for i := 0; i < n; i++ {
		switch r.Intn(7) {
		case 0:
			l = append(l, "token: "+pick(r, []string{"abc", "\"t o k\"", "x.y.z"}))
		case 1:
			l = append(l, "tokenFile: "+pick(r, []string{"tok", "@T@/tok", "../tok", "nope"}))
		case 2:
			l = append(l, "username: "+pick(r, []string{"admin", "bob"}), "password: "+pick(r, []string{"pw", "\"\""}))
		case 3:
			l = append(l, "client-certificate: "+pick(r, []string{"c.pem", "nope.pem"}), "client-key: "+pick(r, []string{"k.pem", "nope.pem"}))
		case 4:
			l = append(l, "client-certificate-data: "+b64(testCert))
			if r.Intn(4) > 0 {
				l = append(l, "client-key-data: "+b64(testKey))
			}
		case 5:
			l = append(l, "exec: {command: "+pick(r, []string{"plug", "./p.sh", "/usr/bin/plug"})+", apiVersion: "+
				pick(r, []string{"client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"})+
				pick(r, []string{"", ", interactiveMode: Never", ", interactiveMode: IfAvailable"})+"}")
		case 6:
			l = append(l, "as: "+pick(r, []string{"alice", "system:admin"}))
		}
	}
	return l
}

func randFile(r *rand.Rand) string {
	var b strings.Builder
	if r.Intn(3) > 0 {
		b.WriteString("apiVersion: v1\nkind: Config\n")
	}
	for _, sect := range []string{"clusters", "users", "contexts"} {
		n := r.Intn(3)
		if n == 0 {
			continue
		}
		b.WriteString(sect + ":\n")
		used := map[string]bool{}
		for i := 0; i < n; i++ {
			var name string
			var lines []string
			switch sect {
			case "clusters":
				name, lines = pick(r, clusterNames), randCluster(r)
			case "users":
				name, lines = pick(r, userNames), randUser(r)
			default:
				name = pick(r, ctxNames)
				if r.Intn(8) > 0 {
					lines = append(lines, "cluster: "+pick(r, append(clusterNames, "gone")))
				}
				if r.Intn(8) > 0 {
					lines = append(lines, "user: "+pick(r, append(userNames, "nobody")))
				}
				if r.Intn(3) == 0 {
					lines = append(lines, "namespace: "+pick(r, []string{"apps", "kube-system", "default", "Bad.NS"}))
				}
			}
			if used[name] && r.Intn(4) > 0 {
				continue
			}
			used[name] = true
			key := map[string]string{"clusters": "cluster", "users": "user", "contexts": "context"}[sect]
			b.WriteString("- name: " + name + "\n  " + key + ":")
			if len(lines) == 0 {
				b.WriteString(" {}\n")
				continue
			}
			b.WriteString("\n")
			for _, l := range lines {
				b.WriteString("    " + l + "\n")
			}
		}
	}
	if r.Intn(5) > 0 {
		b.WriteString("current-context: " + pick(r, append(ctxNames, "\"\"", "missing")) + "\n")
	}
	if r.Intn(25) == 0 {
		b.WriteString(pick(r, []string{"users: {}\n", "clusters: [\n", "current-context: [x]\n"}))
	}
	return b.String()
}

func randScenarios() []scenario {
	r := rand.New(rand.NewSource(20260522))
	var S []scenario
	for i := 0; i < 320; i++ {
		var files []file
		var spec []string
		nf := 1 + r.Intn(3)
		paths := []string{"k0.yaml", "sub/k1.yaml", "k2.yaml"}[:nf]
		for _, p := range paths {
			if r.Intn(10) == 0 && nf > 1 {
				continue // listed but missing
			}
			files = append(files, f(p, randFile(r)))
		}
		switch m := r.Intn(20); {
		case m < 12:
			list := []string{}
			for _, p := range paths {
				list = append(list, "@T@/"+p)
			}
			spec = append(spec, "env.KUBECONFIG="+strings.Join(list, ":"))
		case m < 17:
			spec = append(spec, "flag.kubeconfig="+paths[0])
		default:
			for j := range files {
				if files[j].path == "k0.yaml" {
					files[j].path = "home/.kube/config"
				}
			}
		}
		if r.Intn(4) == 0 {
			spec = append(spec, "flag.context="+pick(r, append(ctxNames, "nope")))
		}
		if r.Intn(5) == 0 {
			spec = append(spec, "flag.namespace="+pick(r, []string{"flagns", "default"}))
		}
		if r.Intn(15) == 0 {
			spec = append(spec, "env.KUBERNETES_MASTER=https://m.example:6443")
		}
		files = append(files, f("ca.pem", testCert), f("tok", fmt.Sprintf(" token-%d\n", i)), f("c.pem", testCert), f("k.pem", testKey))
		S = append(S, sc(fmt.Sprintf("rand-%03d", i), spec, files...))
	}
	return S
}

func allScenarios() []scenario {
	return append(handScenarios(), randScenarios()...)
}
