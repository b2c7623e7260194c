/* SPDX-License-Identifier: MIT */
/*
 * The structural check of a flattened device tree before it is read:
 * libfdt's fdt_check_full, in one pass for the blobs every VMM and dtc writes.
 */
#ifndef GP_FDT_CHECK_H
#define GP_FDT_CHECK_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Whether the @len-byte blob @blob is, for certain, one libfdt's
 * fdt_check_full accepts: version 17, a header whose blocks lie inside it,
 * a terminated reserve map, every tag of the structure block whole and inside
 * it, one root node with an empty name and balanced nodes, every property's
 * name a NUL-terminated string of the strings block, FDT_END after the root.
 * One pass, no call per byte. False says only "not certain": older versions,
 * a property outside the root or anything odd are left to libfdt.
 */
bool gp_fdt_plainly_valid(const void *blob, size_t len);

/* fdt_check_full's answer for @blob: 0, or its negative FDT_ERR_* code. */
int gp_fdt_check(const void *blob, size_t len);

#endif
