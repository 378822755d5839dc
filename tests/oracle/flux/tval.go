package main

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"helm.sh/helm/v4/pkg/chart/common"
)

// tval writes a value with its Go type visible: null, true/false, i<int64>,
// f<float64 as FormatFloat 'g' -1>, strconv.Quote'd strings, [a,b] lists and
// {"k":v} maps with sorted keys.  tests/unit/chart/values_tval.h reads and
// writes the same notation (a copy of tests/oracle/values/tval.go).
func tval(v interface{}) string {
	var b strings.Builder
	tvalTo(&b, v)
	return b.String()
}

func tvalTo(b *strings.Builder, v interface{}) {
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case int64:
		b.WriteString("i" + strconv.FormatInt(x, 10))
	case float64:
		b.WriteString("f" + strconv.FormatFloat(x, 'g', -1, 64))
	case string:
		b.WriteString(strconv.Quote(x))
	case []interface{}:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteByte(',')
			}
			tvalTo(b, e)
		}
		b.WriteByte(']')
	case map[string]interface{}:
		tvalMap(b, x)
	case common.Values:
		tvalMap(b, x)
	case map[string]string:
		m := map[string]interface{}{}
		for k, v := range x {
			m[k] = v
		}
		tvalMap(b, m)
	default:
		panic(fmt.Sprintf("tval: unexpected %T", v))
	}
}

func tvalMap(b *strings.Builder, m map[string]interface{}) {
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
		tvalTo(b, m[k])
	}
	b.WriteByte('}')
}
