/* SPDX-License-Identifier: MIT */
/* Plans through libgicplan's public API alone (<gicplan.h>), for the suites that check it. */
#ifndef GP_TEST_XPUBLIC_H
#define GP_TEST_XPUBLIC_H

#include <stdint.h>

#include "gicplan.h"

/*
 * @cpus vCPUs planned on the bundled virt platform, GICv@gic_version (0: the
 * platform's), with an ITS when @its is 1, without when 0, the platform's when
 * -1; fails the test on any error. gicplan_plan_free() it.
 */
struct gicplan_plan *x_public_plan(uint64_t cpus, unsigned gic_version, int its);

#endif
