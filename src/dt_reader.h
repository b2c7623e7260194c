/* SPDX-License-Identifier: MIT */
/*
 * Device tree -> machine description, for any tree: gicplan's own, QEMU's
 * dumpdtb, another VMM's, a hand-written one. The blob is checked in full
 * (fdt_check.h: libfdt's fdt_check_full's answer) before anything is read.
 */
#ifndef GP_DT_READER_H
#define GP_DT_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "machine.h"

/* The largest tree file gicplan reads. */
#define GP_DT_FILE_MAX (INT32_MAX / 2)

/*
 * Read the @len-byte blob @blob into @m (free it with gp_machine_free, also
 * after an error). @source names the blob in errors. Disabled nodes (status
 * other than "okay"/"ok") and all below them are left out, but cpu nodes.
 * Device interrupts are resolved as Linux's drivers/of/irq.c resolves them:
 * the nearest interrupt parent with #interrupt-cells, interrupt-map nexuses
 * (but the maps of of_irq_imap_abusers' controllers), up to the controller
 * that takes them; those the GIC takes are kept, those Linux cannot resolve
 * counted (m->nr_unresolved_irqs). Errors (exit 2), each naming the source
 * and the node path and property: a blob that is truncated, oversized, or
 * whose header offsets lie; root cells other than 1 or 2; reg or interrupts
 * lengths that are not whole entries of their parent's cells; an interrupt
 * parent or map entry naming no node or one without #interrupt-cells; a map
 * entry cut short; interrupt parents or maps that loop; no arm,gic-v3 node or
 * more than one (naming the GICv1/v2 or other interrupt controller the tree
 * has instead); no /cpus or no cpu node; a cpu reg that is not 1 or 2 cells.
 * What a guest would accept but a check should judge (odd strides, region
 * counts, duplicate MPIDRs, node names) is read as it is, for verify.
 */
int gp_dt_read(const void *blob, size_t len, const char *source, struct gp_machine *m,
	       struct gp_error *err);

/* Cells of the longest interrupt specifier (Linux's MAX_PHANDLE_ARGS). */
#define GP_DT_SPEC_CELLS_MAX 16

/* Where Linux delivers one interrupt of a device (gp_dt_irq_query's answer). */
struct gp_dt_irq {
	int node;                 /* the device's offset in the blob */
	unsigned index;           /* which of its interrupts (of_irq_parse_one's index) */
	bool found;               /* the device has that many interrupts */
	bool resolved;            /* Linux resolves it; else @why says why not */
	bool to_gic;              /* the controller that takes it is the arm,gic-v3 node */
	char controller[256];     /* that controller's node path */
	uint32_t cells;
	uint32_t spec[GP_DT_SPEC_CELLS_MAX]; /* the specifier it takes */
	char why[GP_ERROR_MSG_MAX / 2];
};

/*
 * Resolve interrupt @index of the enabled device at node @path of tree @blob
 * (@len bytes, @source naming it) as Linux does: through interrupt parents and
 * interrupt-map nexuses to the controller that takes it, into @irq. Errors
 * (exit 2): those of gp_dt_read, no node at @path, no interrupt @index.
 */
int gp_dt_irq_query(const void *blob, size_t len, const char *source, const char *path,
		    unsigned index, struct gp_dt_irq *irq, struct gp_error *err);

#endif
