/* heap.h — process-wide set-up of malloc's heap for speed.
 *
 * On the machines cozypkg is measured on (virtual machines), touching a new
 * 4 KiB page costs 10-20 us: a chart whose templates and output are a few MB
 * spent more time in page faults than in rendering.  heap_init() puts the
 * malloc heap on transparent huge pages (2 MiB, one fault each) where the
 * kernel allows it; everything else about malloc stays as it is. */
#ifndef COZY_HEAP_H
#define COZY_HEAP_H

/* Call first thing in main(), before the heap is used much.  Harmless (a
 * no-op apart from malloc's tuning) where huge pages are unavailable. */
void heap_init(void);

#endif
