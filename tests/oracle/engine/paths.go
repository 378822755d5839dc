package main

import "fmt"

// Suite paths: Sprig's path.* and filepath.* wrappers and urlParse/urlJoin
// (net/url), including the panics their bad input causes.
func init() {
	register("paths", genPaths)
}

var pathAtoms = []string{
	`""`, `"/"`, `"//"`, `"."`, `".."`, `"a"`, `"/a"`, `"a/"`, `"/a/b/c"`, `"/a/b/c/"`, `"a/b/../c"`, `"a/./b"`,
	`"../../a"`, `"/../a"`, `"a//b///c"`, `"a/b.tar.gz"`, `".hidden"`, `"dir/.hidden"`, `"file."`, `"/x/y.z/w"`,
	`"a.b/c"`, `"héllo/wörld.txt"`, `"a\\b\\c.d"`, `"C:\\x\\y"`, `"./"`, `"/./"`, `"a/.."`, `"a/../.."`,
	`"/a/b/../../.."`, `"..."`, `"..a/b.."`, `"a\xff/b"`, `.Values.url`, `.Values.name`, `"x/y/"`, `"///a//"`,
}

var urlAtoms = []string{
	`"https://user:pw@example.com:8080/a/b?x=1&y=2#frag"`, `"http://example.com"`, `"example.com"`, `"/path/only"`,
	`"mailto:someone@example.com"`, `"file:///etc/hosts"`, `"http://[::1]:80/x"`, `"http://host/a%20b?q=%zz"`,
	`"http://a b.com/"`, `"%"`, `"http://host/%zz"`, `"://x"`, `""`, `"https://example.com/p?q#f#g"`,
	`"HTTP://EXAMPLE.COM/UP"`, `"http://user@host"`, `"http://us%20er:p%40ss@host/"`, `"s3://bucket/key/x.txt"`,
	`"postgres://u:p@db:5432/name?sslmode=disable"`, `"http://host:port/"`, `"http://host:99999/"`,
	`"http://[fe80::1%25en0]/"`, `"ht tp://x"`, `"1http://x"`, `"http:opaque?q"`, `"a/b?c#d"`, `"?query"`,
	`"#frag"`, `"http://x/é?é#é"`, `"http://x/a b"`, `"http://x/\x7f"`, `"http://x:80"`, `"//host/path"`,
	`"http://h/p#f%41"`, `"http://h/p?a=%41"`, `"http://h/%2Fx"`, `.Values.url`, `.Values.name`,
}

func genPaths() []string {
	var s []string
	add := func(f string, a ...interface{}) { s = append(s, fmt.Sprintf(f, a...)) }
	for _, f := range []string{"base", "dir", "clean", "ext", "isAbs", "osBase", "osClean", "osDir", "osExt", "osIsAbs"} {
		for _, a := range pathAtoms {
			add("{{ %s %s }}", f, a)
		}
		add("{{ %s 5 }}", f)
		add("{{ %s }}", f)
		add("{{ %s .Values.missing }}", f)
		add("{{ %s \"a/b\" | printf \"%%T\" }}", f)
	}
	for _, u := range urlAtoms {
		add("{{ urlParse %s }}", u)
		add("{{ urlParse %s | urlJoin }}", u)
		add("{{ (urlParse %s).host }}", u)
	}
	add("{{ urlParse 5 }}")
	add("{{ urlParse \"x\" | printf \"%%T\" }}")
	add("{{ urlJoin .Values.map }}")
	add("{{ urlJoin .Values.emptymap }}")
	add("{{ urlJoin \"x\" }}")
	add("{{ urlJoin (fromYaml \"scheme: https\\nhost: example.com\\npath: /a b\\nquery: x=1\\nfragment: f g\") }}")
	add("{{ urlJoin (fromYaml \"scheme: https\\nhost: example.com\\nuserinfo: us er:p@ss\") }}")
	add("{{ urlJoin (fromYaml \"scheme: https\\nhost: example.com\\nuserinfo: user\") }}")
	add("{{ urlJoin (fromYaml \"scheme: mailto\\nopaque: a@b.c\") }}")
	add("{{ urlJoin (fromYaml \"path: a:b/c\") }}")
	add("{{ urlJoin (fromYaml \"path: /x\\nhost: h\") }}")
	add("{{ urlJoin (fromYaml \"path: x\\nhost: h\") }}")
	add("{{ urlJoin (fromYaml \"host: h:80\\nscheme: http\") }}")
	add("{{ urlJoin (fromYaml \"host: 1\") }}")
	add("{{ urlJoin (fromYaml \"userinfo: '%%zz'\\nhost: h\") }}")
	add("{{ urlJoin (fromYaml \"scheme: http\\nhost: 'h/x'\\npath: 'p?q'\") }}")
	add("{{ urlJoin (fromYaml \"path: '//x'\") }}")
	add("{{ urlJoin (fromYaml \"scheme: x\\npath: '//x'\") }}")
	add("{{ urlJoin (fromYaml \"query: 'a b'\\nfragment: '#x?'\") }}")
	return s
}
