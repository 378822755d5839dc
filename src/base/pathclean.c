/* pathclean.c — Go's path.Clean (see pathclean.h): one pass over the
 * input, dropping empty and "." elements and resolving ".." against what was
 * written, as src/path/path.go does with its lazybuf. */
#include "base/pathclean.h"

#include <stdbool.h>

const char *go_path_clean(struct arena *a, const char *p, size_t n, size_t *len)
{
	char *out;
	bool rooted;
	size_t w = 0, r = 0, dotdot = 0;

	if (n == 0) {
		*len = 1;
		return ".";
	}
	out = arena_alloc(a, n + 2);
	rooted = p[0] == '/';
	if (rooted) {
		out[w++] = '/';
		r = dotdot = 1;
	}
	while (r < n) {
		if (p[r] == '/') {
			r++;
		} else if (p[r] == '.' && (r + 1 == n || p[r + 1] == '/')) {
			r++;
		} else if (p[r] == '.' && p[r + 1] == '.' && (r + 2 == n || p[r + 2] == '/')) {
			r += 2;
			if (w > dotdot) {
				/* back to the previous separator */
				w--;
				while (w > dotdot && out[w] != '/')
					w--;
			} else if (!rooted) {
				/* a leading ".." stays */
				if (w > 0)
					out[w++] = '/';
				out[w++] = '.';
				out[w++] = '.';
				dotdot = w;
			}
		} else {
			if ((rooted && w != 1) || (!rooted && w != 0))
				out[w++] = '/';
			while (r < n && p[r] != '/')
				out[w++] = p[r++];
		}
	}
	if (w == 0)
		out[w++] = '.';
	out[w] = '\0';
	*len = w;
	return out;
}
