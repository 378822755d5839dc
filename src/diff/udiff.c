/* udiff.c — the line diff helm-diff prints: github.com/aryann/difflib Diff
 * (LCS matrix over the lines left after the common head and tail, walked
 * back with left-only preferred over right-only over common).  Lines are
 * interned to integers first; large matrices are recomputed in blocks. */
#include "diff/diff.h"

#include <string.h>

#include <stdlib.h>

#include "base/xalloc.h"

size_t diff_split_lines(struct arena *a, const char *s, size_t n, bool strip_cr,
			struct diff_line **out)
{
	size_t cnt = 1, k = 0, start = 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] == '\n')
			cnt++;
	struct diff_line *v = arena_alloc(a, cnt * sizeof(*v));
	for (size_t i = 0; i <= n; i++) {
		if (i < n && s[i] != '\n')
			continue;
		size_t len = i - start;
		/* strings.TrimSuffix(line, "\r"): one CR only */
		if (strip_cr && len > 0 && s[start + len - 1] == '\r')
			len--;
		v[k].p = s + start;
		v[k].n = len;
		k++;
		start = i + 1;
	}
	*out = v;
	return cnt;
}

static bool line_eq(const struct diff_line *x, const struct diff_line *y)
{
	return x->n == y->n && (x->n == 0 || memcmp(x->p, y->p, x->n) == 0);
}

static uint64_t line_hash(const struct diff_line *l)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < l->n; i++) {
		h ^= (unsigned char)l->p[i];
		h *= 1099511628211ULL;
	}
	return h ^ (h >> 29);
}

/* Give every distinct line of both middles one id. */
static void intern(struct arena *a, const struct diff_line *l1, size_t n1, const struct diff_line *l2,
		   size_t n2, uint32_t *id1, uint32_t *id2)
{
	size_t cap = 16;
	while (cap < 2 * (n1 + n2))
		cap <<= 1;
	/* slot: index+1 of the first line with that text (in l1 then l2), 0 empty */
	uint32_t *slot = arena_zalloc(a, cap * sizeof(*slot));
	uint32_t *slot_id = arena_alloc(a, cap * sizeof(*slot_id));
	uint32_t next = 0;
	for (size_t pass = 0; pass < 2; pass++) {
		const struct diff_line *l = pass ? l2 : l1;
		size_t n = pass ? n2 : n1;
		uint32_t *ids = pass ? id2 : id1;
		for (size_t i = 0; i < n; i++) {
			size_t h = (size_t)line_hash(&l[i]) & (cap - 1);
			for (;;) {
				if (!slot[h]) {
					slot[h] = (uint32_t)(pass ? n1 + i : i) + 1;
					slot_id[h] = next;
					ids[i] = next++;
					break;
				}
				size_t at = slot[h] - 1;
				const struct diff_line *o = at < n1 ? &l1[at] : &l2[at - n1];
				if (line_eq(o, &l[i])) {
					ids[i] = slot_id[h];
					break;
				}
				h = (h + 1) & (cap - 1);
			}
		}
	}
}

/* difflib's matrix[i][j] = LCS of the last i of a and the last j of b.
 * Row i from row i-1. */
static void lcs_row(const uint32_t *a, size_t n, const uint32_t *b, size_t m, size_t i,
		    const uint32_t *prev, uint32_t *row)
{
	uint32_t ai = a[n - i];
	row[0] = 0;
	for (size_t j = 1; j <= m; j++) {
		if (ai == b[m - j]) {
			row[j] = prev[j - 1] + 1;
		} else {
			uint32_t up = prev[j], left = row[j - 1];
			row[j] = up > left ? up : left;
		}
	}
}


static size_t isqrt_up(size_t n)
{
	size_t r = 1;
	while (r * r < n)
		r++;
	return r;
}

/* compute(): records appended to out (room for n + m). */
static size_t compute(const struct diff_line *l1, const uint32_t *a, size_t n,
		      const struct diff_line *l2, const uint32_t *b, size_t m, struct diff_rec *out,
		      size_t max_cells)
{
	size_t w = m + 1, k = 0;
	size_t blk = (n + 1) * w <= max_cells ? (n ? n : 1) : isqrt_up(n);
	size_t nck = n / blk + 1;
	/* checkpoint rows 0, blk, 2*blk, ... and a block of blk+1 rows */
	uint32_t *ck = xcalloc(nck, w * sizeof(uint32_t));
	uint32_t *rows = xmalloc((blk + 1) * w * sizeof(uint32_t));

	if (nck > 1) {
		uint32_t *cur = rows, *prev = rows + w;
		memset(prev, 0, w * sizeof(uint32_t));
		for (size_t i = 1; i <= n; i++) {
			lcs_row(a, n, b, m, i, prev, cur);
			if (i % blk == 0)
				memcpy(ck + (i / blk) * w, cur, w * sizeof(uint32_t));
			uint32_t *t = cur;
			cur = prev;
			prev = t;
		}
	}

	size_t i = n, j = m;
	size_t lo = 0;
	bool loaded = false;
	while (i > 0) {
		if (!loaded || i - 1 < lo) {
			/* the block holding rows i-1 and i */
			lo = ((i - 1) / blk) * blk;
			size_t hi = lo + blk < n ? lo + blk : n;
			memcpy(rows, ck + (lo / blk) * w, w * sizeof(uint32_t));
			for (size_t r = lo + 1; r <= hi; r++)
				lcs_row(a, n, b, m, r, rows + (r - 1 - lo) * w, rows + (r - lo) * w);
			loaded = true;
		}
		const uint32_t *ri = rows + (i - lo) * w, *rp = ri - w;
		if (ri[j] == rp[j]) {
			out[k++] = (struct diff_rec){ l1[n - i].p, (uint32_t)l1[n - i].n, DIFF_LEFT };
			i--;
		} else if (j > 0 && ri[j] == ri[j - 1]) {
			out[k++] = (struct diff_rec){ l2[m - j].p, (uint32_t)l2[m - j].n, DIFF_RIGHT };
			j--;
		} else {
			out[k++] = (struct diff_rec){ l1[n - i].p, (uint32_t)l1[n - i].n, DIFF_COMMON };
			i--;
			j--;
		}
	}
	/* row 0 is all zeros: the rest is right-only */
	for (; j > 0; j--)
		out[k++] = (struct diff_rec){ l2[m - j].p, (uint32_t)l2[m - j].n, DIFF_RIGHT };
	free(ck);
	free(rows);
	return k;
}

size_t diff_lines(struct arena *a, const struct diff_line *l1, size_t n1,
		  const struct diff_line *l2, size_t n2, struct diff_rec **out)
{
	return diff_lines_limit(a, l1, n1, l2, n2, out, DIFF_FULL_CELLS);
}

size_t diff_lines_limit(struct arena *a, const struct diff_line *l1, size_t n1,
			const struct diff_line *l2, size_t n2, struct diff_rec **out, size_t max_cells)
{
	size_t start = 0, end = 0, k = 0;
	struct diff_rec *r = arena_alloc(a, (n1 + n2 + 1) * sizeof(*r));

	/* numEqualStartAndEndElements, its asymmetric tail bound included */
	while (start < n1 && start < n2 && line_eq(&l1[start], &l2[start]))
		start++;
	if (n1 > 0 && n2 > 0) {
		size_t i = n1 - 1, j = n2 - 1;
		while (i > start && j > start && line_eq(&l1[i], &l2[j])) {
			i--;
			j--;
			end++;
		}
	}
	for (size_t i = 0; i < start; i++)
		r[k++] = (struct diff_rec){ l1[i].p, (uint32_t)l1[i].n, DIFF_COMMON };

	size_t n = n1 - start - end, m = n2 - start - end;
	const struct diff_line *a1 = l1 + start, *a2 = l2 + start;
	uint32_t *id1 = arena_alloc(a, (n + 1) * sizeof(uint32_t));
	uint32_t *id2 = arena_alloc(a, (m + 1) * sizeof(uint32_t));
	intern(a, a1, n, a2, m, id1, id2);
	k += compute(a1, id1, n, a2, id2, m, r + k, max_cells);

	for (size_t i = n1 - end; i < n1; i++)
		r[k++] = (struct diff_rec){ l1[i].p, (uint32_t)l1[i].n, DIFF_COMMON };
	*out = r;
	return k;
}
