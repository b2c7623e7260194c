/* SPDX-License-Identifier: MIT */
/*
 * The platform model and region placement.
 *
 * A platform (layouts/NAME.json) is data: the board's devices at their default
 * addresses, the IPA size, and an ordered list of placements. A placement is
 * one way to put the GIC: the distributor, the ITS, one or more redistributor
 * windows (filled in order, spilling into the next, as KVM fills its
 * redistributor regions), and new addresses for the devices it displaces.
 *
 * Placing applies one placement of a platform to one request and gives a
 * plan (plan.h).
 */
#ifndef GP_LAYOUT_H
#define GP_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "board.h"
#include "error.h"
#include "plan.h"

/* Limits of this model (documented in docs/layout-format.md). */
#define GP_PLACEMENTS_MAX 16
#define GP_MOVES_MAX 64

/*
 * A redistributor window of a placement: fixed (base and size, or to the end
 * of the IPA), or growing down from a fixed top as VMMs that put their block
 * right below the distributor do, until it meets the region below (its floor).
 */
struct gp_redist_window {
	uint64_t base;
	uint64_t size;
	bool to_ipa_end;     /* size is "the rest of the IPA" */
	bool grows_down;     /* base = top - count x redistributor size */
	uint64_t top;
	uint64_t floor;      /* the end of the highest region below top (0: none) */
	char floor_name[GP_NAME_MAX * 2];
};

/* A new address (and optionally size) for one device window. */
struct gp_move {
	char target[GP_NAME_MAX * 2]; /* "uart", or "pcie.mmio" */
	uint32_t device;
	uint32_t window;
	uint64_t base;
	bool has_size;
	uint64_t size;
};

struct gp_placement {
	char name[GP_NAME_MAX];
	char summary[GP_TEXT_MAX];
	uint64_t gicd;
	bool has_its;
	uint64_t its;
	bool its_below;         /* the ITS sits right below the growing window */
	uint32_t nr_windows;
	struct gp_redist_window windows[GP_REDIST_REGIONS_MAX];
	bool reg_whole_window;  /* the tree describes whole windows, not the populated part */
	uint32_t nr_moves;
	struct gp_move moves[GP_MOVES_MAX];
	struct gp_region reach; /* the device window, after the moves, that ends highest */
};

/*
 * How a platform's VMM sizes the GIC state it migrates (layout key
 * "migration_gic_state"): what audit applies to added vCPUs.
 */
enum gp_gic_state_rule {
	GP_GIC_STATE_UNKNOWN,    /* not said: audit applies the strict rule */
	GP_GIC_STATE_VCPU_COUNT, /* "vcpu-count" (QEMU): a stream of another vCPU count does not load */
	GP_GIC_STATE_MAX_CPUS,   /* "max-cpus": each saved vCPU is restored, added ones start at reset */
};

struct gp_platform {
	char name[GP_NAME_MAX];
	uint32_t version;            /* the platform's ABI version */
	char description[GP_TEXT_MAX];
	char source[GP_TEXT_MAX];    /* the file it was read from */
	unsigned ipa_bits;           /* default IPA size */
	unsigned gic_versions;       /* bit v set: GICv(v) offered */
	unsigned default_gic_version;
	bool v4_needs_virtualization; /* GICv4 only for a guest with EL2 (QEMU's virt) */
	bool its_default;
	uint32_t spis;               /* default SPI count */
	bool virtualization_default;
	uint64_t max_cpus;           /* the VMM's own cap; 0 = none */
	enum gp_gic_state_rule gic_state; /* how its VMM sizes migrated GIC state */
	struct gp_board board;
	uint32_t nr_placements;
	struct gp_placement placements[GP_PLACEMENTS_MAX];
};

/* 0 when @p offers GICv@version (3 or 4), else -1 with @err set (exit 2). */
int gp_gic_version_offered(const struct gp_platform *p, unsigned version, struct gp_error *err);

/*
 * Resolve @req against @p's defaults into @out, checking each value against
 * the platform (GIC version offered, SPI count, RAM window, IPA range).
 * Errors: exit 2 (a value the platform cannot take at all).
 */
int gp_request_resolve(const struct gp_platform *p, const struct gp_request *req,
		       struct gp_request *out, struct gp_error *err);

/* What a placement's capacity depends on besides the placement itself. */
struct gp_fit {
	uint64_t redist_size;  /* 128 KiB (GICv3) or 256 KiB (GICv4) */
	unsigned ipa_bits;
	bool its;              /* an ITS is placed: one below a growing window takes its room */
};

/* The fit of a resolved request. */
struct gp_fit gp_request_fit(const struct gp_request *req);

/*
 * How many redistributors placement @pl holds for @fit, as the planner places
 * them: every region of a plan must lie within the IPA (gp_plan_check), so
 * none when what @pl places whatever the count (the distributor, a fixed ITS
 * when one is asked for, the devices after its moves) does not, or when an
 * ITS is asked for and @pl has none; else its windows' frames, in order, up to
 * the first window whose frames would end above the IPA. Never overflows.
 */
uint64_t gp_placement_capacity(const struct gp_placement *pl, const struct gp_fit *fit);

/*
 * Find the floor of every growing window of @pl: the highest end, at or below
 * its top, of the other regions (the board after @pl's moves with RAM at its
 * largest, the distributor, a fixed ITS, the fixed windows).
 */
void gp_placement_find_floors(const struct gp_platform *p, struct gp_placement *pl);

/*
 * Find the reach of @pl: the window of the board after @pl's moves that ends
 * highest (optional windows aside: placing drops those outside the IPA; RAM
 * aside: a request's RAM is checked against the IPA on its own).
 */
void gp_placement_find_reach(const struct gp_platform *p, struct gp_placement *pl);

/*
 * One line on what limits placement @pl for @fit: what keeps it out of the
 * IPA (gp_placement_capacity), or else, for a growing window, the region it
 * runs into and the first vCPU count that collides. Empty when nothing but
 * fixed windows within the IPA limits it.
 */
void gp_placement_limit(const struct gp_placement *pl, const struct gp_fit *fit, char *buf,
			size_t cap);

/*
 * What moves when max_cpus crosses from placement @a to placement @b of @p:
 * the names of the regions whose base or size differ ("gicd, redist0, uart"),
 * into @buf. Returns how many.
 */
size_t gp_placement_moves(const struct gp_platform *p, const struct gp_placement *a,
			  const struct gp_placement *b, char *buf, size_t cap);

/*
 * Apply placement @pl of @p to the resolved request @req: place every region,
 * fill the redistributor windows in order, then check the result with
 * gp_plan_check. Errors: exit 3 when the placement cannot hold the request
 * (too few frames, a region outside the IPA, an overlap the moves cause).
 */
int gp_layout_place(const struct gp_platform *p, const struct gp_placement *pl,
		    const struct gp_request *req, struct gp_plan *plan, struct gp_error *err);

/*
 * The footprint of placement @pl of @p at its largest: every window whole
 * (to the end of an IPA of @ipa_bits bits), RAM at its maximum, the moves
 * applied. For checking a layout file before any request, and for showing
 * tiers. No redistributor is placed (count 0).
 */
void gp_placement_preview(const struct gp_platform *p, const struct gp_placement *pl,
			  unsigned ipa_bits, struct gp_plan *plan);

#endif
