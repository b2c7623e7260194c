/* SPDX-License-Identifier: MIT */
/*
 * One named check's outcome: what verify's checks (verify.h) and the ACPI
 * tables' own (acpi_read.h) report, and the renderers print.
 */
#ifndef GP_CHECK_RESULT_H
#define GP_CHECK_RESULT_H

#include <stdint.h>

enum gp_check_status {
	GP_CHECK_PASS,
	GP_CHECK_WARN,
	GP_CHECK_FAIL,
	GP_CHECK_SKIP,
};

#define GP_CHECK_DETAIL_MAX 320

struct gp_check {
	const char *name;
	enum gp_check_status status;
	uint64_t count;        /* what it covered: frames, vCPUs, deliveries... (not offences) */
	uint64_t offences;     /* failures and warnings it found, listed or not */
	char detail[GP_CHECK_DETAIL_MAX]; /* the first failure, else warning, or why skipped */
};

#endif
