package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	v1 "k8s.io/api/core/v1"

	"helm.sh/helm/v3/pkg/storage/driver"
)

// check reads lines "name TAB secret-json TAB want-json" written by the C
// test: each secret is what cozypkg would send to the apiserver.  It must
// unmarshal as a v1.Secret, and Helm's secrets driver must Get it back as a
// release whose json.Marshal is want-json (the C test takes want-json from
// release.vec: Go's own decode of Go's payload, re-marshalled).
func check(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	n, bad := 0, 0
	for sc.Scan() {
		parts := strings.Split(sc.Text(), "\t")
		if len(parts) != 3 {
			return fmt.Errorf("%s: malformed line %d", path, n+1)
		}
		n++
		var s v1.Secret
		if err := json.Unmarshal([]byte(parts[1]), &s); err != nil {
			bad++
			fmt.Fprintf(os.Stderr, "%s: secret does not unmarshal: %v\n", parts[0], err)
			continue
		}
		fk := newFake()
		fk.m[s.Name] = &s
		d := driver.NewSecrets(fk)
		rls, err := d.Get(s.Name)
		if err != nil {
			bad++
			fmt.Fprintf(os.Stderr, "%s: helm cannot read it: %v\n", parts[0], err)
			continue
		}
		got, err := json.Marshal(rls)
		if err != nil {
			return err
		}
		if !bytes.Equal(got, []byte(parts[2])) {
			bad++
			fmt.Fprintf(os.Stderr, "%s: helm reads a different release:\n got %s\nwant %s\n", parts[0], got, parts[2])
			continue
		}
		if s.Type != "helm.sh/release.v1" || s.Labels["owner"] != "helm" || s.Labels["name"] != rls.Name {
			bad++
			fmt.Fprintf(os.Stderr, "%s: type/labels wrong: %q %v\n", parts[0], s.Type, s.Labels)
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	fmt.Printf("release check: %d/%d secrets written by cozypkg read back by helm's driver\n", n-bad, n)
	if bad > 0 || n == 0 {
		return fmt.Errorf("%d of %d failed", bad, n)
	}
	return nil
}
