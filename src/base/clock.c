/* clock.c — see clock.h. */
#include "base/clock.h"

#include <errno.h>
#include <time.h>

long long clock_mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

void clock_sleep_ns(long long ns)
{
	struct timespec ts = { (time_t)(ns / 1000000000LL), (long)(ns % 1000000000LL) };

	while (ns > 0 && nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}
