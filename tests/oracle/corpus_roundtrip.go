package main

// Suite corpus_roundtrip: every real values file of the cozystack corpus
// decoded as Helm reads values (sigs.k8s.io/yaml into a map) and written back
// with toYaml (sigs.k8s.io/yaml.Marshal) and toJson (encoding/json).  An
// empty file is the empty map, as chartutil.ReadValues makes it.

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"sigs.k8s.io/yaml"
)

func genCorpusRoundtrip(w *Writer) {
	root := "../../../shared/corpus/cozystack"
	var files []string
	filepath.Walk(root, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		base := filepath.Base(p)
		if (strings.HasPrefix(rel, "values/") && strings.HasSuffix(base, ".yaml")) ||
			(strings.HasPrefix(rel, "packages/") && base == "values.yaml") {
			files = append(files, rel)
		}
		return nil
	})
	sort.Strings(files)
	for _, rel := range files {
		data, err := os.ReadFile(filepath.Join(root, rel))
		if err != nil {
			panic(err)
		}
		sum := sha256.Sum256(data)
		var m map[string]interface{}
		if err := yaml.Unmarshal(data, &m); err != nil {
			w.Rec("rt:"+rel, hex.EncodeToString(sum[:]), "err", err.Error(), "")
			continue
		}
		if len(m) == 0 {
			m = map[string]interface{}{} // as chartutil.ReadValues normalizes it
		}
		y, err := yaml.Marshal(m)
		if err != nil {
			panic(err)
		}
		j, err := json.Marshal(m)
		if err != nil {
			panic(err)
		}
		w.Rec("rt:"+rel, hex.EncodeToString(sum[:]), "ok", string(y), string(j))
	}
}

func init() { register("corpus_roundtrip", genCorpusRoundtrip) }
