package main

import (
	"math/rand"
	"sort"
)

// gen builds random schemas from gojsonschema's keyword set and random
// values that partly follow them, so both valid and invalid paths show up.
type gen struct {
	r      *rand.Rand
	draft  int
	noRefs bool // inside definitions: a self-$ref would recurse forever
}

var names = []string{"a", "b", "c", "x-1", "é", "n"}
var formats = []string{"date", "time", "date-time", "hostname", "email", "ipv4", "ipv6", "uri", "uri-reference", "uuid", "regex", "json-pointer", "relative-json-pointer", "unknown-fmt"}
var strs = []string{"", "a", "abc", "abcdef", "ünï", "2020-01-02", "12:00:00Z", "2020-01-02T03:04:05Z", "a@b.c", "1.2.3.4", "::1", "http://x.com/p", "/p/q", "123e4567-e89b-12d3-a456-426614174000", "(", "/a~1b", "1/x", "x-1", "A", "<&>", "host.example"}
var nums = []float64{0, 1, 2, 3, -1, 0.5, 1.5, 0.1, 0.3, 10, 100, 1e6, 1e21, -2.5, 7, 1e-7, 4.5}
var patterns = []string{"^a", "b$", "^[a-z]+$", "\\d", "^x-", "[0-9]$", "(?i)^A", "^.{2,3}$", "é"}

func (g *gen) pick(n int) int        { return g.r.Intn(n) }
func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

func (g *gen) scalar() interface{} {
	switch g.pick(5) {
	case 0:
		return nil
	case 1:
		return g.chance(0.5)
	case 2, 3:
		return nums[g.pick(len(nums))]
	default:
		return strs[g.pick(len(strs))]
	}
}

func (g *gen) typeName() string {
	t := []string{"array", "boolean", "integer", "number", "null", "object", "string"}
	return t[g.pick(len(t))]
}

func (g *gen) num() interface{} {
	return nums[g.pick(len(nums))]
}

func (g *gen) sub(depth int) interface{} {
	if g.draft != 4 && g.chance(0.08) {
		return g.chance(0.5)
	}
	return g.schema(depth-1, false)
}

func (g *gen) schema(depth int, root bool) map[string]interface{} {
	s := map[string]interface{}{}
	if root {
		switch g.pick(5) {
		case 0:
			s["$schema"] = "http://json-schema.org/draft-04/schema#"
			g.draft = 4
		case 1:
			s["$schema"] = "http://json-schema.org/draft-06/schema#"
			g.draft = 6
		case 2:
			s["$schema"] = "http://json-schema.org/draft-07/schema#"
			g.draft = 7
		default:
			g.draft = 0
		}
		if g.chance(0.3) {
			g.noRefs = true
			d1 := g.schema(1, false)
			g.noRefs = false
			s["definitions"] = map[string]interface{}{"d1": d1, "d2": map[string]interface{}{"type": "string", "minLength": 2}}
		}
		s["type"] = "object"
	}
	nk := 1 + g.pick(4)
	if depth <= 0 {
		nk = 1 + g.pick(2)
	}
	for i := 0; i < nk; i++ {
		switch g.pick(30) {
		case 0:
			if g.chance(0.7) {
				s["type"] = g.typeName()
			} else {
				a, b := g.typeName(), g.typeName()
				if a != b {
					s["type"] = []interface{}{a, b}
				}
			}
		case 1, 2, 3:
			if depth > 0 {
				p := map[string]interface{}{}
				for j := 0; j < 1+g.pick(3); j++ {
					p[names[g.pick(len(names))]] = g.sub(depth)
				}
				s["properties"] = p
			}
		case 4:
			var req []interface{}
			seen := map[string]bool{}
			for j := 0; j < 1+g.pick(2); j++ {
				n := names[g.pick(len(names))]
				if !seen[n] {
					seen[n] = true
					req = append(req, n)
				}
			}
			s["required"] = req
		case 5:
			if g.chance(0.6) || depth <= 0 {
				s["additionalProperties"] = false
			} else {
				s["additionalProperties"] = g.schema(depth-1, false)
			}
		case 6:
			if depth > 0 {
				s["patternProperties"] = map[string]interface{}{patterns[g.pick(len(patterns))]: g.sub(depth)}
			}
		case 7:
			if g.chance(0.5) {
				s["propertyNames"] = map[string]interface{}{"maxLength": 1 + g.pick(2)}
			} else {
				s["propertyNames"] = map[string]interface{}{"pattern": patterns[g.pick(len(patterns))]}
			}
		case 8:
			if g.chance(0.5) || depth <= 0 {
				s["dependencies"] = map[string]interface{}{names[g.pick(3)]: []interface{}{names[g.pick(len(names))]}}
			} else {
				s["dependencies"] = map[string]interface{}{names[g.pick(3)]: g.schema(depth-1, false)}
			}
		case 9:
			if depth > 0 {
				if g.chance(0.6) {
					s["items"] = g.sub(depth)
				} else {
					s["items"] = []interface{}{g.sub(depth), g.sub(depth)}
					if g.chance(0.5) {
						if g.chance(0.5) {
							s["additionalItems"] = false
						} else {
							s["additionalItems"] = g.schema(depth-1, false)
						}
					}
				}
			}
		case 10:
			if depth > 0 {
				s["contains"] = g.sub(depth)
			}
		case 11:
			s["minItems"] = g.pick(3)
		case 12:
			s["maxItems"] = g.pick(3)
		case 13:
			s["uniqueItems"] = g.chance(0.8)
		case 14:
			s["minLength"] = g.pick(4)
		case 15:
			s["maxLength"] = g.pick(4)
		case 16:
			s["pattern"] = patterns[g.pick(len(patterns))]
		case 17:
			s["format"] = formats[g.pick(len(formats))]
		case 18:
			s["minimum"] = g.num()
		case 19:
			s["maximum"] = g.num()
		case 20:
			if g.draft == 4 || (g.draft == 0 && g.chance(0.5)) {
				s["minimum"] = g.num()
				s["exclusiveMinimum"] = g.chance(0.7)
			} else {
				s["exclusiveMinimum"] = g.num()
			}
		case 21:
			if g.draft == 4 || (g.draft == 0 && g.chance(0.5)) {
				s["maximum"] = g.num()
				s["exclusiveMaximum"] = g.chance(0.7)
			} else {
				s["exclusiveMaximum"] = g.num()
			}
		case 22:
			m := []float64{0.5, 3, 0.1, 0.01, 2, 1.5, 7}
			s["multipleOf"] = m[g.pick(len(m))]
		case 23:
			var e []interface{}
			seen := map[interface{}]bool{}
			for j := 0; j < 1+g.pick(4); j++ {
				v := g.scalar()
				if !seen[v] {
					seen[v] = true
					e = append(e, v)
				}
			}
			s["enum"] = e
		case 24:
			if g.chance(0.3) {
				s["const"] = map[string]interface{}{"a": g.scalar()}
			} else {
				s["const"] = g.scalar()
			}
		case 25:
			if depth > 0 {
				k := []string{"anyOf", "oneOf", "allOf"}[g.pick(3)]
				var l []interface{}
				for j := 0; j < 2+g.pick(2); j++ {
					l = append(l, g.sub(depth))
				}
				s[k] = l
			}
		case 26:
			if depth > 0 {
				s["not"] = g.sub(depth)
			}
		case 27:
			if depth > 0 {
				s["if"] = g.sub(depth)
				if g.chance(0.8) {
					s["then"] = g.sub(depth)
				}
				if g.chance(0.6) {
					s["else"] = g.sub(depth)
				}
			}
		case 28:
			if g.chance(0.5) {
				s["minProperties"] = g.pick(3)
			} else {
				s["maxProperties"] = g.pick(3)
			}
		case 29:
			if g.noRefs {
				s["minLength"] = 1
			} else if g.chance(0.5) {
				s["$ref"] = "#/definitions/d2"
			} else {
				s["$ref"] = "#/definitions/d1"
			}
		}
	}
	return s
}

// value follows the schema s some of the time, else it is random.
func (g *gen) value(s interface{}, depth int) interface{} {
	m, ok := s.(map[string]interface{})
	if !ok || g.chance(0.25) || depth <= 0 {
		return g.random(depth)
	}
	if p, ok := m["properties"].(map[string]interface{}); ok || m["type"] == "object" {
		out := map[string]interface{}{}
		keys := make([]string, 0, len(p))
		for k := range p {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if g.chance(0.75) {
				out[k] = g.value(p[k], depth-1)
			}
		}
		if g.chance(0.4) {
			out[names[g.pick(len(names))]] = g.random(depth - 1)
		}
		return out
	}
	if it, ok := m["items"]; ok || m["type"] == "array" {
		var l []interface{}
		for j := 0; j < g.pick(4); j++ {
			if ok {
				if il, isl := it.([]interface{}); isl {
					l = append(l, g.value(il[j%len(il)], depth-1))
					continue
				}
			}
			l = append(l, g.value(it, depth-1))
		}
		if l == nil {
			l = []interface{}{}
		}
		return l
	}
	if e, ok := m["enum"].([]interface{}); ok && g.chance(0.6) {
		return e[g.pick(len(e))]
	}
	if c, ok := m["const"]; ok && g.chance(0.5) {
		return c
	}
	switch m["type"] {
	case "string":
		return strs[g.pick(len(strs))]
	case "integer":
		return float64(g.pick(12) - 2)
	case "number":
		return g.num()
	case "boolean":
		return g.chance(0.5)
	case "null":
		return nil
	}
	return g.random(depth)
}

func (g *gen) random(depth int) interface{} {
	if depth <= 0 || g.chance(0.6) {
		return g.scalar()
	}
	if g.chance(0.5) {
		var l []interface{}
		for j := 0; j < g.pick(4); j++ {
			l = append(l, g.random(depth-1))
		}
		if l == nil {
			l = []interface{}{}
		}
		return l
	}
	out := map[string]interface{}{}
	for j := 0; j < g.pick(4); j++ {
		out[names[g.pick(len(names))]] = g.random(depth - 1)
	}
	return out
}

func (g *gen) topValue(s map[string]interface{}) map[string]interface{} {
	v, ok := g.value(s, 4).(map[string]interface{})
	if !ok {
		v = map[string]interface{}{}
		for j := 0; j < g.pick(4); j++ {
			v[names[g.pick(len(names))]] = g.random(2)
		}
	}
	return v
}
