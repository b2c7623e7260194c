/* SPDX-License-Identifier: MIT */
/*
 * audit: can a running guest migrate from OLD to NEW? Compares everything a
 * guest sees: the GIC (version, frame size, distributor, ITS, SPI count,
 * stride, regions), every vCPU's MPIDR and the address of its redistributor,
 * RAM, every device's registers, interrupts and PCI windows (devices matched
 * by what they are, not by node order or phandles), the cpu model and the
 * PSCI conduit. /chosen (rng-seed, kaslr-seed, bootargs) is not ABI.
 *
 * Each difference is classified: it breaks live migration, or it is
 * compatible (the running guest never sees it), with a one-line reason.
 */
#ifndef GP_AUDIT_H
#define GP_AUDIT_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "error.h"
#include "input.h"

enum gp_verdict {
	GP_VERDICT_COMPATIBLE,
	GP_VERDICT_BREAKS,
};

struct gp_diff {
	enum gp_verdict verdict;
	char what[112];     /* "gicd", "vCPU redistributors", "device /pl011@9000000 reg" */
	char old[112];
	char new[112];
	char why[224];
};

struct gp_audit {
	size_t n, cap;
	struct gp_diff *diffs;
	bool breaks;        /* some difference breaks migration */
	uint64_t compared;  /* values compared */
};

/*
 * Compare @old and @new. Returns 0 with @a filled (free it with
 * gp_audit_free), or -1 with @err set (out of memory).
 */
int gp_audit(const struct gp_input *old, const struct gp_input *new, struct gp_audit *a,
	     struct gp_error *err);

void gp_audit_free(struct gp_audit *a);

/* The differences as JSON: [{what, verdict, old, new, why}]. */
json_t *gp_audit_json(const struct gp_audit *a);

/* The differences for people, one a line, breaking ones first. */
void gp_audit_text(FILE *out, const struct gp_audit *a);

#endif
