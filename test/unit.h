/*
 * unit.h
 *	  The unit-test harness: CHECK(cond) counts a pass or reports a failure
 *	  with its file and line.  Test functions are plain `void test_x(void)`
 *	  definitions in test/test_*.c (the function name at the start of its
 *	  line); the Makefile generates a main() that runs them all and prints
 *	  "N passed, N failed".
 */
#ifndef NX_UNIT_H
#define NX_UNIT_H

#include <stdio.h>

extern int	nx_test_pass,
			nx_test_fail;

#define CHECK(cond) do { \
	if (cond) \
		nx_test_pass++; \
	else \
	{ \
		nx_test_fail++; \
		fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
	} \
} while (0)

#endif							/* NX_UNIT_H */
