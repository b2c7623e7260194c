/* SPDX-License-Identifier: MIT */
/*
 * The guest physical map as a picture: text for a terminal, SVG for documents.
 *
 * A guest's map holds 4 KiB devices next to GiB of RAM in a space of up to
 * 2^52 bytes, so no linear scale shows it. The map is drawn as a segmented
 * axis instead: one row (text) or band (SVG) per region or free gap, in
 * address order, its exact base and size printed beside it and its length on
 * a log2 scale, so that every region stays visible and every address is true.
 *
 * The tiers picture puts the placements of a platform side by side on one
 * axis (every boundary of every placement), each at its largest (windows
 * whole, RAM at its maximum, as gicplan_placement_preview gives it), and
 * marks the regions that sit elsewhere than in the placement chosen before
 * it: what moves when max_cpus crosses into it.
 *
 * Renderers only: they read a plan or a platform through libgicplan's public
 * API and write to a FILE*; they print nothing else and exit nowhere.
 */
#ifndef GP_MAP_H
#define GP_MAP_H

#include <stdint.h>
#include <stdio.h>

#include "gicplan.h"

/* The widest text line a map writes: a 100-column terminal. */
#define GP_MAP_COLUMNS 100

/* A platform's placements for one GIC version, IPA size and ITS choice. */
struct gp_map_tiers {
	const struct gicplan_platform *platform;
	struct gicplan_fit fit;
	uint32_t nr_tiers;                 /* the platform's placements */
	const struct gicplan_placement *tiers; /* each for @fit, in the order the planner tries them */
};

/*
 * The map of @plan as text lines of at most GP_MAP_COLUMNS columns: a header
 * (request, tier, IPA), one row per region or free gap with base, size, name,
 * a log2 bar and a note (a redistributor region's vCPUs and frames), the
 * 4 GiB line, then the GIC's share and the free space. Returns 0, or -1 when
 * out of memory or writing failed.
 */
int gp_map_text(FILE *out, const struct gicplan_plan *plan);

/* The same map as a self-contained SVG 1.1 document. Returns 0 or -1, as gp_map_text. */
int gp_map_svg(FILE *out, const struct gicplan_plan *plan);

/*
 * The placements of @t side by side, one column each, on one address axis;
 * a region at another base or size than in the chosen placement before it is
 * marked '*', and each crossing's moves are listed (gicplan_placement_moves).
 * Columns that do not fit GP_MAP_COLUMNS go to a further block of rows.
 * Returns 0 or -1, as gp_map_text.
 */
int gp_map_tiers_text(FILE *out, const struct gp_map_tiers *t);

/* The same as an SVG 1.1 document: moved regions outlined. Returns 0 or -1. */
int gp_map_tiers_svg(FILE *out, const struct gp_map_tiers *t);

#endif
