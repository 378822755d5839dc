package main

// Suite core: the engine itself — values, built-in objects, include/tpl/
// required/fail, error formatting, "<no value>" stripping.
func init() {
	register("core", func() []string {
		return []string{
			"plain text", "{{ .Values.name }}", "{{ .Values.missing }}", "{{ .Values.missing.x }}",
			"{{ .Values.nothing }}", "a{{ .Values.nothing }}b<no value>c", "{{ .Release.Name }} {{ .Release.Namespace }}",
			"{{ .Release.IsInstall }} {{ .Release.IsUpgrade }} {{ .Release.Revision }} {{ .Release.Service }}",
			"{{ .Chart.Name }} {{ .Chart.Version }} {{ .Chart.AppVersion }} {{ .Chart.IsRoot }}", "{{ .Chart.Nope }}",
			"{{ $c := .Chart }}{{ $c.Nope }}", "{{ .Template.Name }} {{ .Template.BasePath }}", "{{ .Capabilities.KubeVersion }}",
			"{{ .Capabilities.KubeVersion.Version }} {{ .Capabilities.KubeVersion.Major }} {{ .Capabilities.KubeVersion.Minor }}",
			"{{ .Capabilities.KubeVersion.GitVersion }}", "{{ .Capabilities.APIVersions.Has \"apps/v1\" }}",
			"{{ .Capabilities.APIVersions.Has \"nope/v1\" }}", "{{ .Capabilities.HelmVersion.Version }}",
			"{{ include \"helper\" .Values.name }}", "{{ include \"nope\" . }}", "{{ template \"helper\" 5 }}",
			"{{ tpl \"{{ .Values.name }}\" . }}", "{{ tpl \"{{ .nope.x }}\" . }}", "{{ tpl \"{{\" . }}",
			"{{ required \"need it\" .Values.missing }}", "{{ required \"need it\" .Values.name }}", "{{ required \"e\" \"\" }}",
			"{{ fail \"boom\" }}", "{{ lookup \"v1\" \"Pod\" \"ns\" \"x\" }}", "{{ .Files.Get \"files/a.txt\" }}",
			"{{ .Files.Get \"nope\" }}", "{{ .Files.GetBytes \"files/a.txt\" }}", "{{ .Files.Lines \"files/a.txt\" }}",
			"{{ .Files.Glob \"files/*\" }}", "{{ (.Files.Glob \"files/*\").AsConfig }}", "{{ (.Files.Glob \"files/*.txt\").AsSecrets }}",
			"{{ .Files.AsConfig }}", "{{ range $p, $c := .Files.Glob \"**\" }}{{ $p }}={{ $c | toString }};{{ end }}",
			"{{ .Values.list | toYaml }}", "{{ .Values | toYaml }}", "{{ .Values.map | toJson }}", "{{ toYaml . | len }}",
			"{{ .Values.nothing | toYaml }}", "{{ fromYaml .Values.yamlText }}", "{{ fromYaml \"a: [\" }}", "{{ fromYamlArray \"[1, 2]\" }}",
			"{{ fromJson .Values.jsonText }}", "{{ fromJson \"{\" }}", "{{ fromJsonArray \"[1, 2]\" }}", "{{ toToml .Values.map }}",
			"{{ .Values.YAML }}", "{{ .Values.AsMap }}", "{{ .Values.Table \"map\" }}",
			"{{ .Subcharts }}", "{{ . | len }}", "{{ $ | typeOf }}", "{{ .Values | typeOf }}", "{{ .Chart | typeOf }}",
			"{{ .Files | typeOf }}", "{{ .Capabilities | typeOf }}", "{{ .Template | typeOf }}", "{{ .Release | typeOf }}",
			"{{ nope }}", "{{ .Values.name | nope }}", "{{ if }}", "{{ end }}", "{{ index .Values.list 9 }}",
			"{{ upper .Values.missing }}", "{{ $x := .Values.missing }}{{ upper $x }}", "{{ upper 5 }}", "{{ include \"helper\" }}",
			"{{ define \"x\" }}X{{ end }}{{ include \"x\" . }}", "{{ getHostByName \"localhost\" }}",
			"{{ toYaml .Chart }}", "{{ toJson .Chart }}", "{{ toYaml .Capabilities }}", "{{ toJson .Capabilities.KubeVersion }}",
			"{{ toYaml .Files }}", "{{ toJson .Release }}", "{{ toYaml .Template }}", "{{ .Chart }}", "{{ .Capabilities.KubeVersion.Nope }}",
			"{{ .Capabilities.HelmVersion }}", "{{ .Files.nope }}", "{{ .Chart.Annotations.x }}", "{{ .Chart.Keywords }}",
			"{{ .Chart.Maintainers }}", "{{ .Chart.Dependencies }}", "{{ .Values.PathValue \"map.c.d\" }}", "{{ .Values.PathValue \"map.c\" }}",
			"{{ .Values.PathValue \"\" }}", "{{ .Values.Table \"map.c\" }}", "{{ .Values.Table \"nope\" }}", "{{ .Values.Table \"name\" }}",
			"{{ include \"helper\" (dict) }}", "{{ tpl \"{{ define \\\"y\\\" }}Y{{ end }}{{ include \\\"y\\\" . }}\" . }}",
			"{{ tpl \"{{ include \\\"helper\\\" 1 }}\" . }}", "{{ tpl \"{{ .Values.missing }}\" . }}|", "{{ required \"x\" .Values.zero }}",
			"{{ .Template.Name | printf \"%T\" }}", "{{ .Release.Revision | printf \"%T\" }}", "{{ .Capabilities.APIVersions | len }}", "{{ hello }}", "{{ hello 1 }}", "{{ fromYamlArray \"\" }}", "{{ fromYamlArray \"~\" | len }}", "{{ fromYaml \"\" }}",
		}
	})
}
