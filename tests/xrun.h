/* SPDX-License-Identifier: MIT */
/* Running one check suite as a test program. */
#ifndef GP_TEST_XRUN_H
#define GP_TEST_XRUN_H

#include <check.h>
#include <stdbool.h>

/*
 * Run every test of @s (each in its own process unless !@fork, for suites
 * that add up counters across tests) and free it: EXIT_SUCCESS if all passed.
 */
int x_run_suite(Suite *s, bool fork);

/* Checks made inside loops, counted so that a suite can say how many ran. */
extern unsigned long x_checks;

#define EXPECT(cond, ...)                          \
	do {                                       \
		x_checks++;                        \
		if (!(cond))                       \
			ck_abort_msg(__VA_ARGS__); \
	} while (0)

#endif
