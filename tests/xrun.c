/* SPDX-License-Identifier: MIT */
#include "xrun.h"

#include <stdlib.h>

unsigned long x_checks;

int x_run_suite(Suite *s, bool fork)
{
	SRunner *sr = srunner_create(s);
	int failed;

	if (!fork)
		srunner_set_fork_status(sr, CK_NOFORK);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
