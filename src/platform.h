/* SPDX-License-Identifier: MIT */
/*
 * Platforms: reading layout files (bundled ones by name, or a user's by path)
 * strictly, and checking them before any request is planned on them.
 */
#ifndef GP_PLATFORM_H
#define GP_PLATFORM_H

#include <stddef.h>

#include "error.h"
#include "layout.h"
#include "units.h"

#define GP_DEFAULT_PLATFORM "virt"
#define GP_LAYOUT_FILE_MAX (4 * GP_MiB)
#define GP_PLATFORMS_MAX 64

/*
 * Load platform @name_or_path: a path when it contains '/' or ends in
 * ".json", else the bundled layout of that name (searched in $GICPLAN_LAYOUTS,
 * beside the installed binary, then the source tree). Errors (exit 2): not
 * found, unreadable, or any gp_platform_parse error.
 */
int gp_platform_load(const char *name_or_path, struct gp_platform *p, struct gp_error *err);

/*
 * Parse and check a layout file's text. @source names it in errors. Checks:
 * strict keys and types, GIC bases and windows 64 KiB aligned, device windows
 * 4 KiB aligned, no overlap between the board's regions, nor within any
 * placement once its moves are applied, everything inside a 52-bit IPA.
 */
int gp_platform_parse(const char *source, const char *text, size_t len, struct gp_platform *p,
		      struct gp_error *err);

/*
 * The names of the bundled platforms, sorted, in @names (at most @max).
 * Returns how many, or -1 with @err set when the layout directory is missing.
 */
int gp_platform_list(char (*names)[GP_NAME_MAX], size_t max, struct gp_error *err);

#endif
