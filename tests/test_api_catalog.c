/* SPDX-License-Identifier: MIT */
/*
 * libgicplan's catalog of a platform (gicplan_tiers, gicplan_limits,
 * gicplan_redist_size, gicplan_wall_owner_name) over every bundled layout
 * and several fits:
 * - each public record against what the internal functions (gp_tiers,
 *   gp_limits) give for the same platform and fit;
 * - the tiers against the planner through the public API: the chosen ones
 *   tile 1..most with no gap or overlap, and gicplan_plan_make picks each at
 *   both ends of its range;
 * - the walls the planner enforces against gicplan_plan_make at met_at - 1
 *   and met_at, and crosvm's cpu-node-reg against gicplan_verify;
 * - the errors on bad arguments and the buffer contract.
 */
#include <gicplan.h>

#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "layout.h"
#include "plan.h"
#include "platform.h"
#include "tiers.h"
#include "walls.h"

/* The most vCPUs the tests plan (a plan grows with its vCPUs: beyond this, none is made). */
#define PLAN_CPUS_MAX 70000u
/* IPA sizes tried besides each platform's own. */
static const unsigned other_ipa_bits[] = { 32, 48 };

/* What the loop over every bundled platform and fit gives a check. */
struct fit_case {
	struct gicplan_platform *p;
	struct gicplan_platform_info info;
	struct gp_platform *gp;   /* the same platform, loaded internally */
	struct gicplan_fit fit;
};

typedef void (*fit_check_fn)(const struct fit_case *fc);

/* How many fits each_fit has run a check on; how many of them check_tiers went through. */
static size_t fits_checked, tiers_checked;

/* Every platform, ITS or not, three IPA sizes: the fewest fits each_fit goes through. */
#define FITS_MIN (6 * 2 * 3)

/* @check for every bundled platform, every GIC version it offers, ITS or not, three IPA sizes. */
static void each_fit(fit_check_fn check)
{
	char (*names)[GICPLAN_NAME_MAX] = calloc(GICPLAN_PLATFORMS_MAX, GICPLAN_NAME_MAX);
	struct gicplan_error err;
	size_t n;

	ck_assert_ptr_nonnull(names);
	ck_assert_int_eq(gicplan_platforms_list(names, GICPLAN_PLATFORMS_MAX, &n, &err), GICPLAN_OK);
	ck_assert_uint_ge(n, 6);
	for (size_t i = 0; i < n; i++) {
		struct fit_case fc = { 0 };
		struct gp_error e;

		fc.gp = malloc(sizeof(*fc.gp));
		ck_assert_ptr_nonnull(fc.gp);
		gp_error_init(&e);
		ck_assert_int_eq(gp_platform_load(names[i], fc.gp, &e), 0);
		ck_assert_int_eq(gicplan_platform_load(names[i], &fc.p, &err), GICPLAN_OK);
		ck_assert_int_eq(gicplan_platform_info(fc.p, &fc.info, &err), GICPLAN_OK);
		for (unsigned v = 3; v <= 4; v++) {
			if (!(fc.info.gic_versions & (1u << v)))
				continue;
			for (int its = 0; its <= 1; its++)
				for (size_t k = 0; k <= sizeof(other_ipa_bits) / sizeof(other_ipa_bits[0]);
				     k++) {
					fc.fit = (struct gicplan_fit){
						v, k == 0 ? fc.info.ipa_bits : other_ipa_bits[k - 1], its
					};
					check(&fc);
					fits_checked++;
				}
		}
		gicplan_platform_free(fc.p);
		free(fc.gp);
	}
	free(names);
}

/* The request gicplan_tiers plans at a crossing, for @cpus vCPUs. */
static struct gicplan_request request_of(const struct fit_case *fc, uint64_t cpus)
{
	struct gicplan_request req;

	gicplan_request_init(&req);
	req.max_cpus = cpus;
	req.gic_version = fc->fit.gic_version;
	req.its = fc->fit.its;
	req.ipa_bits = fc->fit.ipa_bits;
	if (fc->fit.gic_version == 4 && fc->info.v4_needs_virtualization)
		req.virtualization = 1;
	return req;
}

/*
 * Plan @cpus vCPUs of @fc's fit: the public code, and (on success) the
 * placement chosen into @tier (@cap bytes; NULL: not wanted).
 */
static int plan_at(const struct fit_case *fc, uint64_t cpus, char *tier, size_t cap)
{
	struct gicplan_request req = request_of(fc, cpus);
	struct gicplan_plan *plan = NULL;
	struct gicplan_plan_info pi;
	struct gicplan_error err;
	int rc = gicplan_plan_make(fc->p, &req, &plan, &err);

	if (rc == GICPLAN_OK && tier != NULL) {
		ck_assert_int_eq(gicplan_plan_info(plan, &pi, &err), GICPLAN_OK);
		snprintf(tier, cap, "%s", pi.tier);
	}
	gicplan_plan_free(plan);
	return rc;
}

START_TEST(redist_size)
{
	ck_assert_uint_eq(gicplan_redist_size(3), 128u * 1024);
	ck_assert_uint_eq(gicplan_redist_size(4), 256u * 1024);
	ck_assert_uint_eq(gicplan_redist_size(3), gp_redist_size(3));
	ck_assert_uint_eq(gicplan_redist_size(4), gp_redist_size(4));
	ck_assert_uint_eq(gicplan_redist_size(0), 0);
	ck_assert_uint_eq(gicplan_redist_size(2), 0);
	ck_assert_uint_eq(gicplan_redist_size(5), 0);
}
END_TEST

/* gicplan_tiers for @fc: as gp_tiers gives them, and as the planner chooses. */
static void check_tiers(const struct fit_case *fc)
{
	struct gicplan_tier *tiers = calloc(fc->info.nr_placements, sizeof(*tiers));
	struct gp_tier *want = calloc(GP_PLACEMENTS_MAX, sizeof(*want));
	struct gp_request req = { .gic_version = fc->fit.gic_version, .its = fc->fit.its,
				  .ipa_bits = fc->fit.ipa_bits,
				  .virtualization = fc->fit.gic_version == 4 &&
							    fc->gp->v4_needs_virtualization
						    ? 1
						    : -1 };
	struct gicplan_error err;
	struct gp_error e;
	uint64_t next = 1, most = 0;
	size_t n = 0, chosen = 0;
	char tier[GICPLAN_NAME_MAX];

	ck_assert_ptr_nonnull(tiers);
	ck_assert_ptr_nonnull(want);
	ck_assert_int_eq(gicplan_tiers(fc->p, &fc->fit, tiers, fc->info.nr_placements, &n, &err),
			 GICPLAN_OK);
	ck_assert_int_eq(err.code, GICPLAN_OK);
	ck_assert_uint_eq(n, fc->info.nr_placements);
	gp_error_init(&e);
	ck_assert_int_eq(gp_tiers(fc->gp, &req, want, &e), 0);
	for (size_t i = 0; i < n; i++) {
		const struct gicplan_tier *t = &tiers[i];
		const struct gicplan_placement *pl = &t->placement;
		const struct gp_tier *w = &want[i];
		struct gicplan_placement alone;

		/* The internal tier, field by field. */
		ck_assert_str_eq(pl->name, w->pl->name);
		ck_assert_str_eq(pl->summary, w->pl->summary);
		ck_assert_uint_eq(pl->capacity, w->capacity);
		ck_assert_uint_eq(pl->min_cpus, w->lo);
		ck_assert_uint_eq(pl->max_cpus, w->hi);
		ck_assert_str_eq(t->limit, w->limit);
		ck_assert_int_eq(t->crossing, w->crossing);
		ck_assert_str_eq(t->moved, w->moved);
		ck_assert_uint_eq(t->nr_moved, w->nr_moved);
		ck_assert_int_eq(t->audited, w->audited);
		ck_assert_int_eq(t->breaks, w->breaks);
		ck_assert_str_eq(t->reason, w->reason);
		/* The placement alone says the same. */
		ck_assert_int_eq(gicplan_platform_placement(fc->p, (uint32_t)i, &fc->fit, &alone,
							    &err),
				 GICPLAN_OK);
		ck_assert_str_eq(alone.name, pl->name);
		ck_assert_str_eq(alone.summary, pl->summary);
		ck_assert_uint_eq(alone.capacity, pl->capacity);
		ck_assert_uint_eq(alone.min_cpus, pl->min_cpus);
		ck_assert_uint_eq(alone.max_cpus, pl->max_cpus);
		if (pl->max_cpus > most)
			most = pl->max_cpus;
		if (pl->min_cpus > pl->max_cpus) {
			ck_assert_int_eq(t->crossing, 0);
			continue;
		}
		/* The chosen ones tile 1..most: each starts one above where the one before ends. */
		ck_assert_uint_eq(pl->min_cpus, next);
		next = pl->max_cpus + 1;
		ck_assert_int_eq(t->crossing, chosen > 0);
		if (t->crossing) {
			ck_assert_int_ne(t->reason[0], '\0');
			ck_assert_int_eq(t->nr_moved == 0, t->moved[0] == '\0');
		}
		chosen++;
		/* ... and the planner picks it at both ends. */
		ck_assert_int_eq(plan_at(fc, pl->min_cpus, tier, sizeof(tier)), GICPLAN_OK);
		ck_assert_str_eq(tier, pl->name);
		if (pl->max_cpus <= PLAN_CPUS_MAX) {
			ck_assert_int_eq(plan_at(fc, pl->max_cpus, tier, sizeof(tier)), GICPLAN_OK);
			ck_assert_str_eq(tier, pl->name);
		}
	}
	ck_assert_uint_eq(next, most + 1);
	tiers_checked++;
	/* One past the most, no placement is chosen. */
	if (most < PLAN_CPUS_MAX)
		ck_assert_int_lt(plan_at(fc, most + 1, NULL, 0), 0);
	free(want);
	free(tiers);
}

/* A fit whose ITS some placement of the platform can place (else the planner refuses it). */
static bool plannable(const struct fit_case *fc)
{
	return plan_at(fc, 1, NULL, 0) == GICPLAN_OK;
}

static void check_tiers_plannable(const struct fit_case *fc)
{
	if (plannable(fc))
		check_tiers(fc);
}

START_TEST(tiers_every_platform)
{
	fits_checked = tiers_checked = 0;
	each_fit(check_tiers_plannable);
	ck_assert_uint_ge(fits_checked, FITS_MIN);
	/* Only the ITS some platforms lack is refused by the planner. */
	ck_assert_uint_ge(tiers_checked, fits_checked / 2);
}
END_TEST

/*
 * A placement the planner cannot place at a fit is never chosen there:
 * adds-region's second placement has a window at 256 GiB, above a 32-bit IPA,
 * so there it holds what its first window does, as the first placement, and
 * the planner refuses one vCPU past that.
 */
START_TEST(tiers_never_chosen_above_ipa)
{
	/* Both placements' first window: 0x1fc0000 bytes of 128 KiB GICv3 frames. */
	const uint64_t low_frames = 0x1fc0000 / (128 * 1024);
	struct fit_case fc = { 0 };
	struct gicplan_tier *tiers;
	struct gicplan_placement alone;
	struct gicplan_error err;
	char tier[GICPLAN_NAME_MAX];
	size_t n;

	ck_assert_int_eq(gicplan_platform_load(GICPLAN_SOURCE_DIR
					       "/tests/layouts/good/adds-region.json",
					       &fc.p, &err),
			 GICPLAN_OK);
	ck_assert_int_eq(gicplan_platform_info(fc.p, &fc.info, &err), GICPLAN_OK);
	fc.fit = (struct gicplan_fit){ 3, 32, fc.info.its };
	tiers = calloc(fc.info.nr_placements, sizeof(*tiers));
	ck_assert_ptr_nonnull(tiers);
	ck_assert_int_eq(gicplan_tiers(fc.p, &fc.fit, tiers, fc.info.nr_placements, &n, &err),
			 GICPLAN_OK);
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(tiers[0].placement.min_cpus, 1);
	ck_assert_uint_eq(tiers[0].placement.max_cpus, low_frames);
	ck_assert_uint_eq(tiers[1].placement.capacity, low_frames);
	ck_assert_uint_gt(tiers[1].placement.min_cpus, tiers[1].placement.max_cpus);
	ck_assert(!tiers[1].crossing && !tiers[1].audited);
	ck_assert_msg(strstr(tiers[1].limit, "ends above the 32-bit IPA") != NULL, "%s",
		      tiers[1].limit);
	ck_assert_int_eq(gicplan_platform_placement(fc.p, 1, &fc.fit, &alone, &err), GICPLAN_OK);
	ck_assert_uint_eq(alone.capacity, low_frames);
	ck_assert_uint_gt(alone.min_cpus, alone.max_cpus);
	ck_assert_int_eq(plan_at(&fc, low_frames, tier, sizeof(tier)), GICPLAN_OK);
	ck_assert_str_eq(tier, tiers[0].placement.name);
	ck_assert_int_eq(plan_at(&fc, low_frames + 1, NULL, 0), GICPLAN_E_INFEASIBLE);
	free(tiers);
	gicplan_platform_free(fc.p);
}
END_TEST

START_TEST(tiers_errors)
{
	struct gicplan_platform *p = NULL, *v = NULL;
	struct gicplan_tier tiers[2];
	struct gicplan_error err;
	struct gicplan_fit fit = { 3, 40, 1 };
	size_t n = 99;

	ck_assert_int_eq(gicplan_platform_load("firecracker", &p, &err), GICPLAN_OK);
	ck_assert_int_eq(gicplan_platform_load("virt", &v, &err), GICPLAN_OK);
	ck_assert_int_eq(gicplan_tiers(NULL, &fit, tiers, 2, &n, &err), GICPLAN_E_USAGE);
	ck_assert_int_eq(gicplan_tiers(p, NULL, tiers, 2, &n, &err), GICPLAN_E_USAGE);
	ck_assert_int_eq(gicplan_tiers(p, &fit, tiers, 2, NULL, &err), GICPLAN_E_USAGE);
	ck_assert_int_eq(gicplan_tiers(p, &fit, NULL, 2, &n, &err), GICPLAN_E_USAGE);
	ck_assert_int_eq(err.code, GICPLAN_E_USAGE);
	fit.gic_version = 5;
	ck_assert_int_eq(gicplan_tiers(p, &fit, tiers, 2, &n, NULL), GICPLAN_E_USAGE);
	fit.gic_version = 3;
	fit.ipa_bits = 31;
	ck_assert_int_eq(gicplan_tiers(p, &fit, tiers, 2, &n, &err), GICPLAN_E_USAGE);
	fit.ipa_bits = 53;
	ck_assert_int_eq(gicplan_tiers(p, &fit, tiers, 2, &n, &err), GICPLAN_E_USAGE);
	/* A version the platform lacks: the planner's own words. */
	fit = (struct gicplan_fit){ 4, 40, 0 };
	ck_assert_int_eq(gicplan_tiers(p, &fit, tiers, 2, &n, &err), GICPLAN_E_INPUT);
	ck_assert_str_eq(err.message, "--gic-version: platform 'firecracker' does not offer GICv4");
	/* Sizing: virt has three placements; too small a buffer is left alone. */
	fit = (struct gicplan_fit){ 3, 40, 1 };
	ck_assert_int_eq(gicplan_tiers(v, &fit, NULL, 0, &n, &err), GICPLAN_E_RANGE);
	ck_assert_uint_eq(n, 3);
	memset(tiers, 0x5a, sizeof(tiers));
	n = 0;
	ck_assert_int_eq(gicplan_tiers(v, &fit, tiers, 2, &n, &err), GICPLAN_E_RANGE);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(err.code, GICPLAN_E_RANGE);
	for (size_t i = 0; i < sizeof(tiers); i++)
		ck_assert_uint_eq(((unsigned char *)tiers)[i], 0x5a);
	gicplan_platform_free(p);
	gicplan_platform_free(v);
}
END_TEST

/* Walls the planner itself enforces: gicplan_plan_make fails from their met_at on. */
static bool planner_wall(const struct gicplan_wall *w)
{
	static const char *const names[] = { "vmm-max-vcpus", "mpidr-affinity", "redist-capacity",
					     "its-processor-number" };

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(w->name, names[i]) == 0)
			return true;
	return false;
}

/* Rank of @w in gicplan_limits' order: met, applies but never met, not a wall of the platform. */
static int wall_rank(const struct gicplan_wall *w)
{
	return w->met ? 0 : w->applies ? 1 : 2;
}

static void check_limits(const struct fit_case *fc)
{
	struct gicplan_wall walls[GICPLAN_WALLS];
	struct gp_wall want[GP_WALLS];
	struct gp_limits_target t = { fc->fit.gic_version, fc->fit.ipa_bits, fc->fit.its };
	struct gicplan_error err;
	uint64_t planner_first = UINT64_MAX;
	size_t n = 0, firsts = 0;
	int first = -2, want_first;

	ck_assert_int_eq(gicplan_limits(fc->p, &fc->fit, walls, GICPLAN_WALLS, &n, &first, &err),
			 GICPLAN_OK);
	ck_assert_uint_eq(n, GICPLAN_WALLS);
	want_first = gp_limits(fc->gp, &t, want);
	ck_assert_int_eq(first, want_first);
	for (size_t i = 0; i < n; i++) {
		const struct gicplan_wall *w = &walls[i];
		const struct gp_wall *g = &want[i];

		ck_assert_str_eq(w->name, g->name);
		ck_assert_str_eq(w->what, g->what);
		ck_assert_int_eq(w->owner, (int)g->owner);
		ck_assert_str_eq(gicplan_wall_owner_name(w->owner), gp_wall_owner_names[g->owner]);
		ck_assert_str_eq(w->vmm, g->vmm != NULL ? g->vmm : "");
		ck_assert_str_eq(w->value, g->value);
		ck_assert_int_eq(w->applies, g->applies);
		ck_assert_int_eq(w->met, g->met);
		ck_assert_uint_eq(w->met_at, g->met_at);
		ck_assert_int_eq(w->first, g->first);
		ck_assert_str_eq(w->note, g->note);
		ck_assert_str_eq(w->source.repository, g->source.repository);
		ck_assert_str_eq(w->source.path, g->source.path);
		ck_assert_str_eq(w->source.symbol, g->source.symbol);
		ck_assert_int_eq(w->source.has_commit, g->source.commit != NULL);
		ck_assert_str_eq(w->source.commit, g->source.commit != NULL ? g->source.commit : "");
		/* The order: met ones by met_at, then never met, then not this platform's. */
		if (i > 0) {
			ck_assert_int_le(wall_rank(&walls[i - 1]), wall_rank(w));
			if (walls[i - 1].met && w->met)
				ck_assert_uint_le(walls[i - 1].met_at, w->met_at);
		}
		ck_assert_int_eq(w->met && !w->applies, 0);
		if (w->first) {
			firsts++;
			ck_assert_int_eq((int)i, first);
		}
		if (w->met && planner_wall(w) && w->met_at < planner_first)
			planner_first = w->met_at;
	}
	ck_assert_uint_eq(firsts, first >= 0 ? 1 : 0);
	if (first >= 0) {
		ck_assert_int_eq(walls[first].met, 1);
		ck_assert_int_eq(first, 0);
	}
	/* The planner plans up to the first wall it enforces and refuses it and every other. */
	if (planner_first <= PLAN_CPUS_MAX && plannable(fc)) {
		ck_assert_int_eq(plan_at(fc, planner_first - 1, NULL, 0), GICPLAN_OK);
		for (size_t i = 0; i < n; i++)
			if (walls[i].met && planner_wall(&walls[i]) &&
			    walls[i].met_at <= PLAN_CPUS_MAX)
				ck_assert_int_eq(plan_at(fc, walls[i].met_at, NULL, 0),
						 GICPLAN_E_INFEASIBLE);
	}
}

START_TEST(limits_every_platform)
{
	fits_checked = 0;
	each_fit(check_limits);
	ck_assert_uint_ge(fits_checked, FITS_MIN);
}
END_TEST

/* 0 when @cpus vCPUs of the fit @fc verify, else the public code (GICPLAN_E_CHECK). */
static int verify_at(const struct fit_case *fc, uint64_t cpus)
{
	struct gicplan_request req = request_of(fc, cpus);
	struct gicplan_plan *plan = NULL;
	struct gicplan_input *in = NULL;
	struct gicplan_report *r = NULL;
	struct gicplan_error err;
	int rc;

	ck_assert_int_eq(gicplan_plan_make(fc->p, &req, &plan, &err), GICPLAN_OK);
	ck_assert_int_eq(gicplan_input_from_plan(plan, &in, &err), GICPLAN_OK);
	rc = gicplan_verify(in, NULL, &r, &err);
	gicplan_report_free(r);
	gicplan_input_free(in);
	gicplan_plan_free(plan);
	return rc;
}

/* crosvm's cpu nodes: the tree verifies up to the wall's met_at - 1, not at met_at. */
START_TEST(limits_cpu_node_reg)
{
	struct gicplan_wall walls[GICPLAN_WALLS];
	struct fit_case fc = { 0 };
	struct gicplan_error err;
	const struct gicplan_wall *w = NULL;
	size_t n;
	int first;

	ck_assert_int_eq(gicplan_platform_load("crosvm", &fc.p, &err), GICPLAN_OK);
	ck_assert_int_eq(gicplan_platform_info(fc.p, &fc.info, &err), GICPLAN_OK);
	fc.fit = (struct gicplan_fit){ 3, fc.info.ipa_bits, 0 };
	ck_assert_int_eq(gicplan_limits(fc.p, &fc.fit, walls, GICPLAN_WALLS, &n, &first, &err),
			 GICPLAN_OK);
	for (size_t i = 0; i < n; i++)
		if (strcmp(walls[i].name, "cpu-node-reg") == 0)
			w = &walls[i];
	ck_assert_ptr_nonnull(w);
	ck_assert_int_eq(w->met, 1);
	ck_assert_int_eq(w->owner, GICPLAN_WALL_VMM);
	ck_assert_str_eq(w->vmm, "crosvm");
	ck_assert_int_eq(verify_at(&fc, w->met_at - 1), GICPLAN_OK);
	ck_assert_int_eq(verify_at(&fc, w->met_at), GICPLAN_E_CHECK);
	gicplan_platform_free(fc.p);
}
END_TEST

START_TEST(limits_errors_and_owners)
{
	struct gicplan_platform *p = NULL;
	struct gicplan_wall walls[GICPLAN_WALLS];
	struct gicplan_error err;
	struct gicplan_fit fit = { 3, 40, 0 };
	size_t n = 0, specs = 0;
	int first = 7;

	ck_assert_str_eq(gicplan_wall_owner_name(GICPLAN_WALL_ARCH), "architecture");
	ck_assert_str_eq(gicplan_wall_owner_name(GICPLAN_WALL_PLATFORM), "platform");
	ck_assert_ptr_null(gicplan_wall_owner_name(-1));
	ck_assert_ptr_null(gicplan_wall_owner_name(GICPLAN_WALL_PLATFORM + 1));

	ck_assert_int_eq(gicplan_platform_load("firecracker", &p, &err), GICPLAN_OK);
	ck_assert_int_eq(gicplan_limits(NULL, &fit, walls, GICPLAN_WALLS, &n, &first, &err),
			 GICPLAN_E_USAGE);
	ck_assert_int_eq(gicplan_limits(p, NULL, walls, GICPLAN_WALLS, &n, &first, &err),
			 GICPLAN_E_USAGE);
	ck_assert_int_eq(gicplan_limits(p, &fit, walls, GICPLAN_WALLS, NULL, &first, &err),
			 GICPLAN_E_USAGE);
	ck_assert_int_eq(gicplan_limits(p, &fit, NULL, GICPLAN_WALLS, &n, &first, &err),
			 GICPLAN_E_USAGE);
	fit.ipa_bits = 20;
	ck_assert_int_eq(gicplan_limits(p, &fit, walls, GICPLAN_WALLS, &n, &first, &err),
			 GICPLAN_E_USAGE);
	fit = (struct gicplan_fit){ 4, 40, 0 };
	ck_assert_int_eq(gicplan_limits(p, &fit, walls, GICPLAN_WALLS, &n, &first, &err),
			 GICPLAN_E_INPUT);
	ck_assert_str_eq(err.message, "--gic-version: platform 'firecracker' does not offer GICv4");
	fit.gic_version = 3;
	ck_assert_int_eq(gicplan_limits(p, &fit, NULL, 0, &n, NULL, &err), GICPLAN_E_RANGE);
	ck_assert_uint_eq(n, GICPLAN_WALLS);
	ck_assert_int_eq(first, 7);
	/* No first wanted: fine. Firecracker's own cap of 32 comes first. */
	ck_assert_int_eq(gicplan_limits(p, &fit, walls, GICPLAN_WALLS, &n, NULL, &err), GICPLAN_OK);
	ck_assert_str_eq(walls[0].name, "vmm-max-vcpus");
	ck_assert_int_eq(walls[0].first, 1);
	ck_assert_uint_eq(walls[0].met_at, 33);
	ck_assert_str_eq(walls[0].vmm, "Firecracker");
	/* The specification's walls name no commit; the others do. */
	for (size_t i = 0; i < n; i++) {
		ck_assert_int_eq(walls[i].source.has_commit, walls[i].owner != GICPLAN_WALL_ARCH);
		specs += walls[i].owner == GICPLAN_WALL_ARCH;
	}
	ck_assert_uint_gt(specs, 0);
	gicplan_platform_free(p);
}
END_TEST

static Suite *api_catalog_suite(void)
{
	Suite *s = suite_create("api_catalog");
	TCase *t = tcase_create("api_catalog");

	tcase_set_timeout(t, 300);
	tcase_add_test(t, redist_size);
	tcase_add_test(t, tiers_every_platform);
	tcase_add_test(t, tiers_never_chosen_above_ipa);
	tcase_add_test(t, tiers_errors);
	tcase_add_test(t, limits_every_platform);
	tcase_add_test(t, limits_cpu_node_reg);
	tcase_add_test(t, limits_errors_and_owners);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(api_catalog_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
