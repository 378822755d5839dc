package main

import (
	"encoding/json"
	"io"
)

// trimOpenAPI keeps of an OpenAPI v3 document only what the patch meta needs:
// components.schemas with type/format/items/additionalProperties/$ref/allOf,
// properties and the x-kubernetes-patch-* and group-version-kind extensions.
func trimOpenAPI(r io.Reader, w io.Writer) error {
	var doc map[string]interface{}
	if err := json.NewDecoder(r).Decode(&doc); err != nil {
		return err
	}
	comps, _ := doc["components"].(map[string]interface{})
	schemas, _ := comps["schemas"].(map[string]interface{})
	out := map[string]interface{}{}
	for name, s := range schemas {
		out[name] = trimSchema(s)
	}
	enc := json.NewEncoder(w)
	return enc.Encode(map[string]interface{}{"components": map[string]interface{}{"schemas": out}})
}

var keep = map[string]bool{
	"type": true, "format": true, "$ref": true, "x-kubernetes-patch-strategy": true,
	"x-kubernetes-patch-merge-key": true, "x-kubernetes-group-version-kind": true,
}

func trimSchema(v interface{}) interface{} {
	m, ok := v.(map[string]interface{})
	if !ok {
		return v
	}
	o := map[string]interface{}{}
	for k, x := range m {
		switch {
		case keep[k]:
			o[k] = x
		case k == "items" || k == "additionalProperties":
			o[k] = trimSchema(x)
		case k == "allOf":
			l, _ := x.([]interface{})
			var nl []interface{}
			for _, e := range l {
				nl = append(nl, trimSchema(e))
			}
			o[k] = nl
		case k == "properties":
			pm, _ := x.(map[string]interface{})
			np := map[string]interface{}{}
			for pk, pv := range pm {
				np[pk] = trimSchema(pv)
			}
			o[k] = np
		}
	}
	return o
}
