/* clock.h — the monotonic clock and sleeps of the commands that wait
 * (reconcile, hooks, --wait): deadlines in nanoseconds. */
#ifndef COZY_BASE_CLOCK_H
#define COZY_BASE_CLOCK_H

/* CLOCK_MONOTONIC in nanoseconds. */
long long clock_mono_ns(void);

/* Sleeps ns nanoseconds (nothing when ns <= 0), resumed after a signal. */
void clock_sleep_ns(long long ns);

#endif
