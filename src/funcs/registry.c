/* registry.c — Helm 3.17.3's function map (pkg/engine/funcs.go funcMap):
 * Sprig's TxtFuncMap without env/expandenv, then Helm's extras, which
 * replace Sprig's toJson/fromJson and friends.  include, tpl, required,
 * fail, lookup and getHostByName are bound per render by the engine. */
#include "funcs/funcs.h"

void fn_helm_funcmap(struct tmpl_funcs *f)
{
	tmpl_funcs_add(f, fn_strings_table, fn_strings_count);
	tmpl_funcs_add(f, fn_regex_table, fn_regex_count);
	tmpl_funcs_add(f, fn_paths_table, fn_paths_count);
	tmpl_funcs_add(f, fn_url_table, fn_url_count);
	tmpl_funcs_add(f, fn_lists_table, fn_lists_count);
	tmpl_funcs_add(f, fn_dicts_table, fn_dicts_count);
	tmpl_funcs_add(f, fn_defaults_table, fn_defaults_count);
	tmpl_funcs_add(f, fn_reflect_table, fn_reflect_count);
	tmpl_funcs_add(f, fn_numeric_table, fn_numeric_count);
	tmpl_funcs_add(f, fn_dates_table, fn_dates_count);
	tmpl_funcs_add(f, fn_semver_table, fn_semver_count);
	tmpl_funcs_add(f, fn_crypto_table, fn_crypto_count);
	tmpl_funcs_add(f, fn_encoding_table, fn_encoding_count);
	tmpl_funcs_add(f, fn_helm_table, fn_helm_count);
}
