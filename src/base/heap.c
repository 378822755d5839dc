/* heap.c — malloc's heap on transparent huge pages (see heap.h).
 *
 * glibc grows its main heap with brk.  We (1) align the break to 2 MiB, so
 * every 2 MiB of heap is one huge page frame, (2) ask malloc to take a 64 MiB
 * step on its first growth (M_TOP_PAD) and never give memory back with a
 * negative brk (M_TRIM_THRESHOLD: a shrunk and regrown break is a new mapping
 * without our advice), and to serve blocks up to 32 MiB from the heap instead
 * of separate mmaps (M_MMAP_THRESHOLD; glibc's maximum), (3) mark that range
 * MADV_HUGEPAGE.  Only pages we touch become resident, so the 64 MiB is
 * address space, not memory; the resident set grows in 2 MiB steps.
 *
 * malloc writes its first chunk headers into the new range before we can
 * advise it, and a 2 MiB range with a small page already present is not
 * given a huge page by a later fault, so the first range is collapsed into
 * one (MADV_COLLAPSE, Linux 6.1; an older kernel refuses and we lose only
 * that range).  Measured in docs/performance.md. */
#include "base/heap.h"

#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef MADV_COLLAPSE
#define MADV_COLLAPSE 25
#endif

#define HUGE_PAGE ((uintptr_t)2 << 20)
#define FIRST_STEP (64 << 20)

void heap_init(void)
{
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	mallopt(M_TRIM_THRESHOLD, 1 << 30);
	mallopt(M_TOP_PAD, FIRST_STEP);

	char *lo = sbrk(0);
	if (lo == (void *)-1)
		return;
	uintptr_t start = ((uintptr_t)lo + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
	if (start > (uintptr_t)lo && sbrk((intptr_t)(start - (uintptr_t)lo)) == (void *)-1)
		start = ((uintptr_t)lo + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);

	/* One allocation makes malloc take its big step now; volatile so the
	 * compiler keeps the malloc/free pair. */
	void *volatile probe = malloc(256 << 10);
	free(probe);
	mallopt(M_TOP_PAD, 128 << 10); /* glibc's default again for later steps */

	uintptr_t end = (uintptr_t)sbrk(0) & ~(HUGE_PAGE - 1);
	if (end <= start)
		return;
	if (madvise((void *)start, end - start, MADV_HUGEPAGE) == 0)
		madvise((void *)start, HUGE_PAGE, MADV_COLLAPSE);
}
