/* SPDX-License-Identifier: MIT */
/*
 * What verify, emu and audit read: a device tree (any VMM's), or a gicplan
 * plan file, which is emitted to its tree first so that the tree stays the
 * truth. Either way: the tree's machine description and the VGIC a VMM sets
 * up for it.
 */
#ifndef GP_INPUT_H
#define GP_INPUT_H

#include <stddef.h>

#include "error.h"
#include "machine.h"
#include "plan.h"
#include "vgic.h"

struct gp_acpi_result;

/*
 * What the file alone cannot say about a tree (a plan says it all). Given, it
 * is enforced; left open, it is inferred from the tree and reported as an
 * assumption, never failed on:
 * - SPIs: QEMU virt's 256, or more when a device uses a higher SPI: the
 *   highest device SPI + 1 rounded up to GICD_TYPER's blocks of 32, at most
 *   the architecture's 988 (a device above that fails device-irqs).
 * - IPA: KVM's default 40 bits, or the smallest larger PARange size (42, 44,
 *   48, 52 bits) that holds every region the tree describes (GIC, memory,
 *   devices); 52 when none does (ipa-bound then fails).
 * - GIC version: gp_vgic_infer_version.
 */
struct gp_input_options {
	unsigned gic_version;   /* 0: inferred from the tree */
	uint32_t spis;          /* 0: inferred (a tree), the plan's (a plan) */
	unsigned ipa_bits;      /* 0: inferred (a tree), the plan's (a plan) */
};

/* QEMU virt's SPI count: the least assumed for a tree. */
#define GP_INPUT_DEFAULT_SPIS 256
/* KVM's default IPA size: the least assumed for a tree. */
#define GP_INPUT_DEFAULT_IPA_BITS 40

/* What a tree did not state and was assumed (its SPIs, IPA, version...): at most so many. */
#define GP_INPUT_ASSUMPTIONS_MAX 4
#define GP_INPUT_ASSUMPTION_LEN 200

struct gp_input {
	char path[GP_TEXT_MAX];
	bool is_plan;
	struct gp_plan *plan;     /* for a plan file */
	void *blob;               /* the tree's bytes */
	size_t blob_len;
	struct gp_machine m;
	struct gp_vgic v;
	unsigned ipa_bits;
	char version_note[160];   /* how the GIC version was chosen */
	bool version_assumed;     /* a tree that says nothing of its GIC version */
	bool spis_assumed;        /* a tree: its SPI count was inferred, not asked */
	bool ipa_assumed;         /* a tree: its IPA size was inferred, not asked */
	/* What was assumed, one sentence each ("assumed: 704 SPIs (...)"); none for a plan. */
	uint32_t nr_assumptions;
	char assumptions[GP_INPUT_ASSUMPTIONS_MAX][GP_INPUT_ASSUMPTION_LEN];
	struct gp_acpi_result *acpi; /* ACPI tables (src/acpi_read.h): what they said, their checks */
};

/*
 * Load @path: a DTB (by its magic) or a plan file (JSON), told apart by
 * content, not by name. Errors (exit 2): unreadable; a file that is neither,
 * in one line saying what it is instead (empty, device-tree source text,
 * gzip data, other text, binary data, a layout file or other JSON that is not
 * a plan); any reader error; a plan's tree that does not emit.
 */
int gp_input_load(const char *path, const struct gp_input_options *o, struct gp_input *in,
		  struct gp_error *err);

/*
 * The input of @plan, emitted and read back (@plan is copied). For the plan
 * command, which verifies the tree it is about to write. @blob_len bytes of
 * @blob (taken over, freed by gp_input_free) are the emitted tree.
 */
int gp_input_from_plan(const struct gp_plan *plan, void *blob, size_t blob_len,
		       const struct gp_input_options *o, struct gp_input *in,
		       struct gp_error *err);

void gp_input_free(struct gp_input *in);

/*
 * Make two inputs that will be compared agree on what a tree alone cannot
 * say: a tree takes the GIC version and SPI count of a plan it is compared
 * with, and a tree whose version was only assumed takes the version the
 * other tree shows. The tree is not read again: its VGIC is made anew with
 * those options. Errors as gp_input_load.
 */
int gp_input_pair(struct gp_input *a, struct gp_input *b, const struct gp_input_options *o,
		  struct gp_error *err);

#endif
