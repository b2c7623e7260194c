/*
 * Device tree -> machine description, for any tree: gicplan's own, QEMU's
 * dumpdtb, another VMM's, a hand-written one. The blob is checked in full
 * (libfdt's fdt_check_full) before anything is read from it.
 */
#ifndef GP_DT_READER_H
#define GP_DT_READER_H

#include <stddef.h>

#include "error.h"
#include "machine.h"

/* The largest tree file gicplan reads. */
#define GP_DT_FILE_MAX (INT32_MAX / 2)

/*
 * Read the @len-byte blob @blob into @m (free it with gp_machine_free, also
 * after an error). @source names the blob in errors. Errors (exit 2), each
 * naming the source and the node path and property: a blob that is truncated,
 * oversized, or whose header offsets lie; root cells other than 1 or 2; reg
 * or interrupts lengths that are not whole entries; no arm,gic-v3 node or more
 * than one (naming the GICv1/v2 or other interrupt controller the tree has
 * instead); no /cpus or no cpu node; a cpu reg that is not 1 or 2 cells.
 * What a guest would accept but a check should judge (odd strides, region
 * counts, duplicate MPIDRs, node names) is read as it is, for verify.
 */
int gp_dt_read(const void *blob, size_t len, const char *source, struct gp_machine *m,
	       struct gp_error *err);

#endif
