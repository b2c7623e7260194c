/* SPDX-License-Identifier: MIT */
#include "compat.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gic_emul.h"
#include "gic_regs.h"
#include "units.h"

/* gp_plan_regions names redistributor regions "redist0", "redist1"... */
#define REDIST_NAME "redist"

/* @v rounded up to a GIC frame boundary, or UINT64_MAX past the top. */
static uint64_t frame_up(uint64_t v)
{
	uint64_t up;

	return gp_add(v, GIC_BASE_ALIGN - 1, &up) ? up & ~(GIC_BASE_ALIGN - 1) : UINT64_MAX;
}

static int base_cmp(const void *pa, const void *pb)
{
	const struct gp_region *a = pa, *b = pb;

	return a->base < b->base ? -1 : a->base > b->base;
}

/*
 * The first range in [@lo, @hi) that none of @plan's regions uses, frame
 * aligned and at least @need bytes: *@base and *@size. False when none.
 * With @for_redist, the range keeps a frame away from redistributor regions.
 */
static bool first_gap(const struct gp_plan *plan, uint64_t lo, uint64_t hi, uint64_t need,
		      bool for_redist, uint64_t *base, uint64_t *size)
{
	size_t n = gp_plan_regions(plan, NULL, 0);
	struct gp_region *r = calloc(n, sizeof(*r));
	uint64_t cur = frame_up(lo), gap_end = hi;
	bool found = false;

	if (r == NULL)
		return false;
	gp_plan_regions(plan, r, n); /* sorted by base */
	/*
	 * A frame of room on either side of every redistributor region: a region
	 * that touched another would make them one run of frames, whose Last
	 * the old guest's walk of the first would not find where it used to.
	 */
	for (size_t i = 0; i < n && for_redist; i++)
		if (strncmp(r[i].name, REDIST_NAME, strlen(REDIST_NAME)) == 0) {
			uint64_t guard = r[i].base >= GIC_FRAME_SIZE ? GIC_FRAME_SIZE : r[i].base;

			r[i].base -= guard;
			r[i].size += guard + GIC_FRAME_SIZE;
		}
	qsort(r, n, sizeof(*r), base_cmp);
	for (size_t i = 0; i < n && cur < hi; i++) {
		uint64_t end = r[i].base + r[i].size;

		if (end <= cur)
			continue;
		if (r[i].base >= hi)
			break;
		if (r[i].base > cur && r[i].base - cur >= need) {
			gap_end = r[i].base;
			break;
		}
		cur = frame_up(end);
	}
	if (cur < gap_end && ((gap_end - cur) & ~(GIC_BASE_ALIGN - 1)) >= need) {
		*base = cur;
		*size = (gap_end - cur) & ~(GIC_BASE_ALIGN - 1);
		found = true;
	}
	free(r);
	return found;
}

/* The placements to take added windows from: OLD's own first, then the others in order. */
static const struct gp_placement *candidate(const struct gp_platform *p, const char *tier,
					    uint32_t k)
{
	uint32_t own = p->nr_placements;

	for (uint32_t i = 0; i < p->nr_placements; i++)
		if (strcmp(p->placements[i].name, tier) == 0)
			own = i;
	if (own == p->nr_placements)
		return k < p->nr_placements ? &p->placements[k] : NULL;
	if (k == 0)
		return &p->placements[own];
	k -= k <= own;
	return k < p->nr_placements ? &p->placements[k] : NULL;
}

/*
 * Carve added regions for the vCPUs still @left out of window @win of
 * placement @pl, from free ranges of at least @need bytes.
 */
static void fill_window(struct gp_plan *plan, const struct gp_placement *pl,
			const struct gp_redist_window *win, uint64_t need, uint64_t *left, char *note,
			size_t cap)
{
	uint64_t frame = plan->redist_size, lo = win->base, hi, base, size;

	if (win->grows_down)
		return;
	hi = win->to_ipa_end ? gp_ipa_end(plan->ipa_bits) : win->base + win->size;
	while (*left > 0 && plan->nr_redist < GP_REDIST_REGIONS_MAX &&
	       first_gap(plan, lo, hi, need, true, &base, &size)) {
		struct gp_redist_region *r = &plan->redist[plan->nr_redist++];
		uint64_t count = size / frame < *left ? size / frame : *left;

		r->base = base;
		r->capacity = size / frame;
		r->count = count;
		r->first_cpu = plan->req.cpus - *left;
		r->window = pl->reg_whole_window ? size : count * frame;
		r->reg_size = r->window;
		*left -= count;
		snprintf(note + strlen(note), cap - strlen(note),
			 "%s%" PRIu64 " in an added region %" PRIu32 " at 0x%" PRIx64
			 " (a window of placement '%s')", *note ? ", " : "", count,
			 plan->nr_redist - 1, base, pl->name);
		lo = base + r->window;
	}
}

static int add_regions(const struct gp_platform *p, struct gp_plan *plan, uint64_t from,
		       char *note, size_t cap, struct gp_error *err)
{
	uint64_t left = plan->req.cpus - from, frame = plan->redist_size;
	struct gp_redist_region *last = &plan->redist[plan->nr_redist - 1];
	uint64_t room = last->reg_size / frame - last->count;

	/* Room OLD's last region already described: its walk still ends inside it. */
	if (room > 0) {
		uint64_t take = left < room ? left : room;

		last->count += take;
		left -= take;
		snprintf(note, cap, "%" PRIu64 " in region %" PRIu32 "'s described room", take,
			 plan->nr_redist - 1);
	}
	/* One added region for them all where a window has the room; else fill gaps in order. */
	for (int whole = 1; whole >= 0 && left > 0; whole--)
		for (uint32_t k = 0; left > 0; k++) {
			const struct gp_placement *pl = candidate(p, plan->tier, k);

			if (pl == NULL)
				break;
			for (uint32_t w = 0; w < pl->nr_windows && left > 0; w++)
				fill_window(plan, pl, &pl->windows[w], whole ? left * frame : frame,
					    &left, note, cap);
		}
	if (left > 0)
		return gp_fail(err, GP_EXIT_INFEASIBLE,
			       "--compat-with: no free window of platform '%s' holds the last %"
			       PRIu64 " of the %" PRIu64 " added vCPUs with a %u-bit IPA (%u regions "
			       "at most)", p->name, left, plan->req.cpus - from, plan->ipa_bits,
			       GP_REDIST_REGIONS_MAX);
	return 0;
}

/* An ITS OLD did not have: where one of the platform's placements puts it, if free. */
static int add_its(const struct gp_platform *p, struct gp_plan *plan, struct gp_error *err)
{
	for (uint32_t k = 0;; k++) {
		const struct gp_placement *pl = candidate(p, plan->tier, k);
		uint64_t base, size;

		if (pl == NULL)
			break;
		if (!pl->has_its || pl->its_below)
			continue;
		if (first_gap(plan, pl->its, pl->its + GIC_ITS_SIZE, GIC_ITS_SIZE, false, &base,
			      &size) &&
		    base == pl->its) {
			plan->has_its = true;
			plan->its = (struct gp_window){ pl->its, GIC_ITS_SIZE };
			return 0;
		}
	}
	return gp_fail(err, GP_EXIT_INFEASIBLE, "--compat-with: every ITS address of platform "
			   "'%s' is taken in OLD's map", p->name);
}

/* The request may only add what a running guest never sees. */
static int check_kept(const struct gp_request *r, const struct gp_plan *old,
		      const char *path, struct gp_error *err)
{
	const struct gp_request *o = &old->req;
	char a[32], b[32];

	/*
	 * Fix (tests/test_audit.c compat_refusals): with one vCPU this check was
	 * skipped, yet the version is guest-visible (PIDR2.ArchRev, the frame
	 * size): the plan kept OLD's 128 KiB frames under GICv4 and failed its
	 * own verification (exit 1) instead of being refused here.
	 */
	if (r->gic_version != o->gic_version && o->cpus <= 1)
		return gp_fail(err, GP_EXIT_INFEASIBLE, "--compat-with %s: OLD's guest runs on a "
				   "GICv%u, not GICv%u: the GIC version and redistributor size are "
				   "guest-visible", path, o->gic_version, r->gic_version);
	if (r->gic_version != o->gic_version)
		return gp_fail(err, GP_EXIT_INFEASIBLE,
			       "--compat-with %s: GICv%u's %s redistributors would move vCPU 1's "
			       "frame from 0x%" PRIx64 " to 0x%" PRIx64, path, r->gic_version,
			       gp_size_str(a, sizeof(a), gp_redist_size(r->gic_version)),
			       old->redist[0].base + old->redist_size,
			       old->redist[0].base + gp_redist_size(r->gic_version));
	if (r->cpus < o->cpus)
		return gp_fail(err, GP_EXIT_INFEASIBLE, "--compat-with %s: OLD runs %" PRIu64
				   " vCPUs; NEW must keep them all", path, o->cpus);
	if (r->spis != o->spis)
		return gp_fail(err, GP_EXIT_INFEASIBLE, "--compat-with %s: the SPI count is "
				   "guest-visible (GICD_TYPER): OLD has %" PRIu32 ", not %" PRIu32,
				   path, o->spis, r->spis);
	if (r->ram_size != o->ram_size)
		return gp_fail(err, GP_EXIT_INFEASIBLE, "--compat-with %s: RAM moves as it is: OLD "
				   "has %s, not %s", path, gp_size_str(a, sizeof(a), o->ram_size),
				   gp_size_str(b, sizeof(b), r->ram_size));
	if (r->virtualization != o->virtualization)
		return gp_fail(err, GP_EXIT_INFEASIBLE, "--compat-with %s: a guest %s EL2 cannot "
				   "move to a machine %s it", path, o->virtualization ? "with" : "without",
				   o->virtualization ? "without" : "with");
	if (!r->its && o->its)
		return gp_fail(err, GP_EXIT_INFEASIBLE, "--compat-with %s: OLD's guest uses its ITS",
			       path);
	return 0;
}

int gp_plan_compat(const struct gp_platform *p, const struct gp_request *req,
		   const char *old_path, struct gp_plan *plan, struct gp_error *err)
{
	struct gp_request r;
	uint64_t kept;
	bool had_its = plan->has_its;
	char added[GP_WHY_MAX / 2] = "";

	if (gp_request_resolve(p, req, &r, err) < 0)
		return -1;
	if (strcmp(plan->platform, p->name) != 0)
		return gp_fail(err, GP_EXIT_USAGE, "--compat-with %s: OLD was planned on "
				   "platform '%s', not '%s' (--platform %s)", old_path,
				   plan->platform, p->name, plan->platform);
	/* Defaults follow OLD, so that only what the user names changes. */
	if (req->gic_version == 0)
		r.gic_version = plan->req.gic_version;
	if (req->its < 0)
		r.its = plan->req.its;
	if (req->spis == 0)
		r.spis = plan->req.spis;
	if (req->ram_size == 0)
		r.ram_size = plan->req.ram_size;
	if (req->virtualization < 0)
		r.virtualization = plan->req.virtualization;
	if (req->ipa_bits == 0 && plan->ipa_bits > r.ipa_bits)
		r.ipa_bits = plan->ipa_bits;
	if (check_kept(&r, plan, old_path, err) < 0)
		return -1;
	kept = plan->req.cpus;
	plan->req = r;
	plan->ipa_bits = r.ipa_bits;
	snprintf(plan->platform, sizeof(plan->platform), "%s", p->name);
	plan->platform_version = p->version;
	if (r.its && !plan->has_its && add_its(p, plan, err) < 0)
		return -1;
	if (r.cpus > kept && add_regions(p, plan, kept, added, sizeof(added), err) < 0)
		return -1;
	snprintf(plan->why, sizeof(plan->why),
		 "--compat-with %s: every address, MPIDR and interrupt of its %" PRIu64 " vCPUs "
		 "kept%s%s%s", old_path, kept, r.cpus > kept ? "; added vCPUs: " : "", added,
		 r.its && !had_its ? "; an ITS added" : "");
	snprintf(plan->tier_summary, sizeof(plan->tier_summary),
		 "OLD's map, kept as it was; only what is new is placed");
	if (gp_plan_check(plan, GP_EXIT_INFEASIBLE, err) < 0)
		return gp_error_wrap(err, GP_EXIT_INFEASIBLE, "--compat-with %s: OLD's map kept "
				     "as it is", old_path);
	return 0;
}
