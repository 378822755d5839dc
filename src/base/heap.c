/* heap.c — malloc's heap on transparent huge pages (see heap.h).
 *
 * glibc grows its main heap with brk.  On the switch we (1) align the break
 * to 2 MiB, so every 2 MiB of new heap is one huge page frame, (2) ask malloc
 * to take a 64 MiB step on its next growth (M_TOP_PAD) and never give memory
 * back with a negative brk (M_TRIM_THRESHOLD: a shrunk and regrown break is
 * a new mapping without our advice), and to serve blocks up to 32 MiB from
 * the heap instead of separate mmaps (M_MMAP_THRESHOLD, glibc's maximum),
 * (3) mark the new range MADV_HUGEPAGE.  Only pages we touch become
 * resident: the 64 MiB is address space, the resident set grows in 2 MiB
 * steps.  glibc copes with the break moved under it (its "foreign sbrk"
 * case): the old top stays usable as free chunks.  Only the main arena
 * grows by brk; other threads (the RSA key worker) get arenas of their own
 * from glibc, so the switch, made on the thread that asked, races no one.
 *
 * malloc writes chunk headers into the new range before we can advise it,
 * and a 2 MiB range with a small page already present gets no huge page on a
 * later fault.  So the break is put one small page below a 2 MiB boundary:
 * the header of malloc's step lands in that page, and the header its split
 * wrote further up (gone again once the probe is freed: all of it is free
 * top chunk then) is dropped with MADV_DONTNEED before the advice.  Asking
 * the kernel to collapse a polluted range instead (MADV_COLLAPSE) cost
 * 0.4-5 ms a run here. */
#include "base/heap.h"

#include <malloc.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#define HUGE_PAGE ((uintptr_t)2 << 20)
#define SMALL_PAGE ((uintptr_t)4 << 10)
#define STEP (64 << 20)

static atomic_size_t noted;
static atomic_bool switched;

static void use_huge_pages(void)
{
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	mallopt(M_TRIM_THRESHOLD, 1 << 30);
	mallopt(M_TOP_PAD, STEP);

	char *lo = sbrk(0);
	if (lo == (void *)-1)
		return;
	uintptr_t at = (((uintptr_t)lo + SMALL_PAGE + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1)) - SMALL_PAGE;
	if (at > (uintptr_t)lo && sbrk((intptr_t)(at - (uintptr_t)lo)) == (void *)-1)
		return;

	/* Larger than any free chunk below the new break (blocks over 128 KiB
	 * were separate mmaps until now), so malloc takes its big step now,
	 * from `at`; volatile keeps the compiler from dropping the pair. */
	void *volatile probe = malloc(8 << 20);
	uintptr_t got = (uintptr_t)probe;
	free(probe);
	mallopt(M_TOP_PAD, 128 << 10); /* glibc's default for later steps */

	uintptr_t start = at + SMALL_PAGE, end = (uintptr_t)sbrk(0) & ~(HUGE_PAGE - 1);
	if (end <= start)
		return;
	/* only when the probe was carved from the step's bottom: then all
	 * above `start` is malloc's free top chunk, holding nothing */
	if (got > at && got < start)
		madvise((void *)start, end - start, MADV_DONTNEED);
	madvise((void *)start, end - start, MADV_HUGEPAGE);
}

void heap_note(size_t n)
{
	if (atomic_load_explicit(&switched, memory_order_relaxed))
		return;
	if (atomic_fetch_add(&noted, n) + n >= HEAP_HUGE_AFTER && !atomic_exchange(&switched, true))
		use_huge_pages();
}
