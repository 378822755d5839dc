// Package tval writes values in the "tval" notation, which keeps Go types
// (int64 versus float64) visible for the C tests; tests/unit/chart/values_tval.h
// reads and writes the same notation.
package tval

import (
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
)

// String writes v as: null, true/false, i<integer>, f<float64 as FormatFloat
// 'g' -1>, strconv.Quote'd strings, [a,b] lists and {"k":v} maps with sorted
// keys.  Maps are map[string]interface{}, map[string]string, or a named type
// over map[string]interface{} (chartutil.Values, common.Values).
func String(v interface{}) string {
	var b strings.Builder
	to(&b, v, true)
	return b.String()
}

// Untyped is String without the i/f prefixes: numbers as bare decimals, so
// that a value without strings needing Go-only escapes reads as JSON (the
// engine oracle's fromJson inputs).
func Untyped(v interface{}) string {
	var b strings.Builder
	to(&b, v, false)
	return b.String()
}

func num(b *strings.Builder, typed bool, prefix string, text string) {
	if typed {
		b.WriteString(prefix)
	}
	b.WriteString(text)
}

var anyMap = reflect.TypeOf(map[string]interface{}(nil))

func to(b *strings.Builder, v interface{}, typed bool) {
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case int:
		num(b, typed, "i", strconv.FormatInt(int64(x), 10))
	case int64:
		num(b, typed, "i", strconv.FormatInt(x, 10))
	case float64:
		num(b, typed, "f", strconv.FormatFloat(x, 'g', -1, 64))
	case string:
		b.WriteString(strconv.Quote(x))
	case []interface{}:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteByte(',')
			}
			to(b, e, typed)
		}
		b.WriteByte(']')
	case map[string]interface{}:
		toMap(b, x, typed)
	case map[string]string:
		m := make(map[string]interface{}, len(x))
		for k, e := range x {
			m[k] = e
		}
		toMap(b, m, typed)
	default:
		rv := reflect.ValueOf(v)
		if rv.Kind() == reflect.Map && rv.Type().ConvertibleTo(anyMap) {
			toMap(b, rv.Convert(anyMap).Interface().(map[string]interface{}), typed)
			return
		}
		panic(fmt.Sprintf("tval: unexpected %T", v))
	}
}

func toMap(b *strings.Builder, m map[string]interface{}, typed bool) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	b.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Quote(k))
		b.WriteByte(':')
		to(b, m[k], typed)
	}
	b.WriteByte('}')
}
