/* heap.h — puts malloc's heap on transparent huge pages once a process
 * turns out to need a lot of memory.
 *
 * On the machines cozypkg is measured on (virtual machines), touching a new
 * 4 KiB page costs 10-20 us: a chart whose templates and output are a few MB
 * spent more time in page faults than in rendering.  A 2 MiB huge page is
 * one fault.  Small runs never switch: setting the heap up costs ~1 ms,
 * more than a small chart's page faults.  Measured in docs/performance.md. */
#ifndef COZY_HEAP_H
#define COZY_HEAP_H

#include <stddef.h>

/* n more bytes of heap are about to be used (arena chunks and big buffers
 * call this); past HEAP_HUGE_AFTER bytes in all, the heap switches.  Cheap
 * after the switch.  Harmless where huge pages are unavailable. */
void heap_note(size_t n);

#define HEAP_HUGE_AFTER ((size_t)128 << 10)

#endif
