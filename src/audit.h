/* SPDX-License-Identifier: MIT */
/*
 * audit: can a guest booted on OLD move to NEW, and (by default) come back?
 * Compares everything a guest sees: the GIC as the guest reads it (the
 * emulator's ID registers and every vCPU's redistributor registers, both
 * sides built as a VMM builds them), the tree's GIC (version, distributor,
 * ITS, SPIs, stride, regions), every vCPU's MPIDR and redistributor, RAM,
 * every device's registers, interrupts (as Linux's GICv3 driver decodes their
 * flags) and PCI windows (devices matched by what they are, not by node order
 * or phandles), and then every other property of every available node, by
 * rules (msi-map, cpu-map, PSCI, timer, reserved memory...; /chosen is not
 * ABI) with a catch-all: a difference no rule knows breaks, said so.
 *
 * Each difference says which directions it breaks (OLD -> NEW, NEW -> OLD)
 * and why; the mode asked (rollback, one way, identical) turns that into its
 * verdict.
 */
#ifndef GP_AUDIT_H
#define GP_AUDIT_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"
#include "input.h"
#include "layout.h"

enum gp_verdict {
	GP_VERDICT_COMPATIBLE,
	GP_VERDICT_BREAKS,
};

/* What is asked. */
enum gp_audit_mode {
	GP_AUDIT_ROLLBACK,  /* OLD -> NEW and back (QEMU's rule for a machine type): the default */
	GP_AUDIT_ONE_WAY,   /* OLD -> NEW only */
	GP_AUDIT_IDENTICAL, /* any difference a guest can see fails */
};

/* Directions a difference breaks: bits of gp_diff.breaks. */
#define GP_BREAKS_OLD_NEW 1u
#define GP_BREAKS_NEW_OLD 2u
#define GP_BREAKS_BOTH (GP_BREAKS_OLD_NEW | GP_BREAKS_NEW_OLD)

struct gp_audit_options {
	enum gp_audit_mode mode;
	enum gic_profile profile;        /* the GIC whose registers are compared */
	enum gp_gic_state_rule gic_state; /* how the VMM sizes migrated GIC state */
	const char *gic_state_from;      /* who said it ("--vmm qemu", "platform 'x'"); NULL: nobody */
};

struct gp_diff {
	enum gp_verdict verdict;   /* in the mode asked */
	unsigned breaks;           /* GP_BREAKS_* */
	char what[112];     /* "gicd", "vCPU redistributors", "device /pl011@9000000 reg" */
	char old[112];
	char new[112];
	char why[256];
};

struct gp_audit {
	size_t n, cap;
	struct gp_diff *diffs;
	bool breaks;        /* some difference breaks in the mode asked */
	enum gp_audit_mode mode;
	uint64_t compared;  /* values compared */
	char vmm_rule[160]; /* the rule applied to vCPU counts, and who said it */
};

/* The defaults: rollback, the architecture's GIC, the strict rule for vCPUs. */
struct gp_audit_options gp_audit_defaults(void);

/*
 * Compare @old and @new in mode @o (NULL: gp_audit_defaults). Returns 0 with
 * @a filled (free it with gp_audit_free), or -1 with @err set (out of memory).
 */
int gp_audit(const struct gp_input *old, const struct gp_input *new, struct gp_audit *a,
	     struct gp_error *err);
int gp_audit_with(const struct gp_input *old, const struct gp_input *new,
		  const struct gp_audit_options *o, struct gp_audit *a, struct gp_error *err);

/* Record a difference (for audit's own passes). Returns 0, or -1 with @err set. */
int gp_audit_diff(struct gp_audit *a, struct gp_error *err, unsigned breaks, const char *what,
		  const char *old, const char *new, const char *why);

/* "compatible", "breaks". */
const char *gp_verdict_name(enum gp_verdict v);

/* "rollback", "one-way", "identical". */
const char *gp_audit_mode_name(enum gp_audit_mode m);

/* "old->new", "new->old", "old->new, new->old" or "none" for @breaks. */
const char *gp_audit_breaks_name(unsigned breaks);

void gp_audit_free(struct gp_audit *a);

#endif
