/* print.c — helm-diff v3.12.2 diff/diff.go ManifestsOwnership and
 * report.go's default "diff" report: changed objects in sorted old-key
 * order, then removed ones (helm.sh/resource-policy: keep left out), then
 * added ones; each under a coloured header, lines prefixed "+ ", "- ", "  ",
 * with mgutz/ansi's escape codes or none. */
#include "diff/diff.h"

#include <string.h>

/* mgutz/ansi ColorCode("red"/"green"/"yellow") and Reset */
#define ANSI_RED "\033[0;31m"
#define ANSI_GREEN "\033[0;32m"
#define ANSI_YELLOW "\033[0;33m"
#define ANSI_RESET "\033[0m"

enum change { CH_ADD, CH_REMOVE, CH_MODIFY };

struct entry {
	const char *key;
	size_t keyn;
	enum change ch;
	struct diff_rec *recs;
	size_t nrecs;
};

struct report {
	struct entry *v;
	size_t n, cap;
};

static void add_entry(struct arena *a, struct report *r, const struct entry *e)
{
	if (r->n == r->cap) {
		size_t nc = r->cap ? 2 * r->cap : 16;
		struct entry *nv = arena_alloc(a, nc * sizeof(*nv));
		if (r->n)
			memcpy(nv, r->v, r->n * sizeof(*nv));
		r->v = nv;
		r->cap = nc;
	}
	r->v[r->n++] = *e;
}

static size_t diff_strings(struct arena *a, const char *x, size_t xn, const char *y, size_t yn,
			   bool strip_cr, struct diff_rec **out)
{
	struct diff_line *l1, *l2;
	size_t n1 = diff_split_lines(a, x, xn, strip_cr, &l1);
	size_t n2 = diff_split_lines(a, y, yn, strip_cr, &l2);
	return diff_lines(a, l1, n1, l2, n2, out);
}

/* doDiff */
static void do_diff(struct arena *a, struct report *r, const char *key, size_t keyn,
		    struct diff_object *old, struct diff_object *new_, const struct diff_report_opts *o)
{
	struct entry e = { .key = key, .keyn = keyn };
	if (old && new_ && old->contentn == new_->contentn &&
	    memcmp(old->content, new_->content, old->contentn) == 0)
		return;
	if (!o->show_secrets)
		diff_redact_secrets(a, old, new_);
	if (!old) {
		e.ch = CH_ADD;
		e.nrecs = diff_strings(a, "", 0, new_->content, new_->contentn, o->strip_trailing_cr,
				       &e.recs);
	} else if (!new_) {
		e.ch = CH_REMOVE;
		e.nrecs = diff_strings(a, old->content, old->contentn, "", 0, o->strip_trailing_cr,
				       &e.recs);
	} else {
		e.ch = CH_MODIFY;
		e.nrecs = diff_strings(a, old->content, old->contentn, new_->content, new_->contentn,
				       o->strip_trailing_cr, &e.recs);
		size_t changes = 0;
		for (size_t i = 0; i < e.nrecs; i++)
			if (e.recs[i].delta != DIFF_COMMON)
				changes++;
		if (changes == 0)
			return;
	}
	add_entry(a, r, &e);
}

static struct diff_object *find(struct diff_index *x, const char *key, size_t keyn)
{
	size_t lo = 0, hi = x->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct diff_object *m = &x->v[mid];
		size_t n = m->keyn < keyn ? m->keyn : keyn;
		int c = memcmp(m->key, key, n);
		if (c == 0)
			c = m->keyn < keyn ? -1 : m->keyn > keyn;
		if (c == 0)
			return &x->v[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static void print_rec(const struct diff_rec *d, bool color, struct sb *out)
{
	switch (d->delta) {
	case DIFF_RIGHT:
		if (color)
			sb_adds(out, ANSI_GREEN);
		sb_add(out, "+ ", 2);
		sb_add(out, d->p, d->n);
		if (color)
			sb_adds(out, ANSI_RESET);
		sb_addc(out, '\n');
		break;
	case DIFF_LEFT:
		if (color)
			sb_adds(out, ANSI_RED);
		sb_add(out, "- ", 2);
		sb_add(out, d->p, d->n);
		if (color)
			sb_adds(out, ANSI_RESET);
		sb_addc(out, '\n');
		break;
	default:
		if (d->n) {
			sb_add(out, "  ", 2);
			sb_add(out, d->p, d->n);
		}
		sb_addc(out, '\n');
		break;
	}
}

/* printDiffRecords with calculateDistances */
static void print_recs(struct arena *a, const struct entry *e, int context, bool color,
		       struct sb *out)
{
	if (context < 0) {
		for (size_t i = 0; i < e->nrecs; i++)
			print_rec(&e->recs[i], color, out);
		return;
	}
	size_t n = e->nrecs;
	const size_t far = 2147483647; /* math.MaxInt32 */
	size_t *dist = arena_alloc(a, (n + 1) * sizeof(*dist));
	size_t change = (size_t)-1;
	for (size_t i = 0; i < n; i++) {
		if (e->recs[i].delta != DIFF_COMMON)
			change = i;
		dist[i] = change == (size_t)-1 ? far : i - change;
	}
	change = (size_t)-1;
	for (size_t i = n; i-- > 0;) {
		if (e->recs[i].delta != DIFF_COMMON)
			change = i;
		if (change != (size_t)-1 && change - i < dist[i])
			dist[i] = change - i;
	}
	bool omitting = false;
	for (size_t i = 0; i < n; i++) {
		if (dist[i] > (size_t)context) {
			if (!omitting) {
				sb_adds(out, "...\n");
				omitting = true;
			}
		} else {
			omitting = false;
			print_rec(&e->recs[i], color, out);
		}
	}
}

void diff_indexes(struct arena *a, struct diff_index *old, struct diff_index *new_,
		  const struct diff_report_opts *o, struct sb *out, bool *changed)
{
	struct report r = { 0 };
	struct diff_object **removed = arena_alloc(a, (old->n + 1) * sizeof(*removed));
	size_t nrem = 0;

	for (size_t i = 0; i < old->n; i++) {
		struct diff_object *oc = &old->v[i];
		struct diff_object *nc = find(new_, oc->key, oc->keyn);
		if (nc)
			do_diff(a, &r, oc->key, oc->keyn, oc, nc, o);
		else
			removed[nrem++] = oc;
	}
	for (size_t i = 0; i < nrem; i++)
		if (!removed[i]->keep)
			do_diff(a, &r, removed[i]->key, removed[i]->keyn, removed[i], NULL, o);
	for (size_t i = 0; i < new_->n; i++) {
		struct diff_object *nc = &new_->v[i];
		if (!find(old, nc->key, nc->keyn))
			do_diff(a, &r, nc->key, nc->keyn, NULL, nc, o);
	}

	*changed = r.n > 0;
	for (size_t i = 0; i < r.n; i++) {
		const struct entry *e = &r.v[i];
		static const char *const colors[] = { ANSI_GREEN, ANSI_RED, ANSI_YELLOW };
		static const char *const msgs[] = { "has been added:", "has been removed:",
						    "has changed:" };
		if (o->color)
			sb_adds(out, colors[e->ch]);
		sb_add(out, e->key, e->keyn);
		sb_addc(out, ' ');
		sb_adds(out, msgs[e->ch]);
		if (o->color)
			sb_adds(out, ANSI_RESET);
		sb_addc(out, '\n');
		print_recs(a, e, o->context, o->color, out);
	}
}

int diff_manifests(struct arena *a, const char *old_manifest, size_t on, const char *new_manifest,
		   size_t nn, const struct diff_report_opts *o, struct sb *out, bool *changed,
		   struct sb *err)
{
	struct diff_index oi, ni;
	const char *ns = o->ns ? o->ns : "";
	*changed = false;
	if (diff_parse(a, old_manifest, on, ns, o->nsn, &oi, o->warn, err) < 0)
		return -1;
	if (diff_parse(a, new_manifest, nn, ns, o->nsn, &ni, o->warn, err) < 0)
		return -1;
	diff_indexes(a, &oi, &ni, o, out, changed);
	return 0;
}
