/* SPDX-License-Identifier: MIT */
/*
 * libgicplan's catalog of a platform (include/gicplan.h, "Platforms in
 * detail"): its tiers for a fit, each crossing audited, and the walls a
 * growing vCPU count meets besides the placements. Public records over
 * tiers.c and walls.c.
 */
#include "gicplan.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "error.h"
#include "layout.h"
#include "plan.h"
#include "platform.h"
#include "tiers.h"
#include "walls.h"

_Static_assert(GICPLAN_WALL_ARCH == (int)GP_WALL_ARCH && GICPLAN_WALL_KVM == (int)GP_WALL_KVM &&
		       GICPLAN_WALL_LINUX == (int)GP_WALL_LINUX &&
		       GICPLAN_WALL_QEMU == (int)GP_WALL_QEMU && GICPLAN_WALL_VMM == (int)GP_WALL_VMM &&
		       GICPLAN_WALL_PLATFORM == (int)GP_WALL_PLATFORM &&
		       GICPLAN_WALL_PLATFORM + 1 == (int)GP_WALL_OWNERS,
	       "wall owners");
_Static_assert(GICPLAN_WALLS == GP_WALLS, "walls");
_Static_assert(sizeof(((struct gicplan_tier *)0)->limit) >= sizeof(((struct gp_tier *)0)->limit) &&
		       sizeof(((struct gicplan_tier *)0)->moved) >=
			       sizeof(((struct gp_tier *)0)->moved) &&
		       sizeof(((struct gicplan_tier *)0)->reason) >=
			       sizeof(((struct gp_tier *)0)->reason),
	       "tier texts");
_Static_assert(sizeof(((struct gicplan_wall *)0)->value) >= sizeof(((struct gp_wall *)0)->value) &&
		       sizeof(((struct gicplan_wall *)0)->note) >= sizeof(((struct gp_wall *)0)->note),
	       "wall texts");

uint64_t gicplan_redist_size(unsigned gic_version)
{
	return gic_version == 3 || gic_version == 4 ? gp_redist_size(gic_version) : 0;
}

/*
 * Whether @fit is one @p can be asked for (@fn names the caller in the
 * message): a GIC version 3 or 4 that @p offers, an IPA size in range. A
 * version @p lacks is refused in the planner's words.
 */
static int fit_check(const struct gicplan_platform *p, const struct gicplan_fit *fit,
		     const char *fn, struct gicplan_error *err)
{
	struct gp_error e;
	struct gp_fit f;
	int rc;

	if ((rc = api_fit(fit, fn, &f, err)) < 0)
		return rc;
	gp_error_init(&e);
	if (gp_gic_version_offered(&p->p, fit->gic_version, &e) < 0)
		return api_pass_on(&e, err);
	return GICPLAN_OK;
}

/* Internal tier @t as the public record @out. */
static void tier_out(const struct gp_tier *t, struct gicplan_tier *out)
{
	memset(out, 0, sizeof(*out));
	api_copy_str(out->placement.name, sizeof(out->placement.name), t->pl->name);
	api_copy_str(out->placement.summary, sizeof(out->placement.summary), t->pl->summary);
	out->placement.capacity = t->capacity;
	out->placement.min_cpus = t->lo;
	out->placement.max_cpus = t->hi;
	api_copy_str(out->limit, sizeof(out->limit), t->limit);
	out->crossing = t->crossing;
	api_copy_str(out->moved, sizeof(out->moved), t->moved);
	out->nr_moved = t->nr_moved;
	out->audited = t->audited;
	out->breaks = t->breaks;
	api_copy_str(out->reason, sizeof(out->reason), t->reason);
}

int gicplan_tiers(const struct gicplan_platform *p, const struct gicplan_fit *fit,
		  struct gicplan_tier *out, size_t max, size_t *n, struct gicplan_error *err)
{
	struct gp_request req;
	struct gp_tier *tiers;
	struct gp_error e;
	int rc;

	if (p == NULL || fit == NULL || n == NULL || (out == NULL && max > 0))
		return api_fail(err, GICPLAN_E_USAGE, "gicplan_tiers: NULL argument");
	*n = 0;
	if ((rc = fit_check(p, fit, "gicplan_tiers", err)) < 0)
		return rc;
	*n = p->p.nr_placements;
	if (max < *n)
		return api_fail(err, GICPLAN_E_RANGE, "platform %s: %zu tiers, room for %zu",
				p->p.name, *n, max);
	/* The request `gicplan --cpus N` makes with this fit, N at each crossing. */
	req = (struct gp_request){ .gic_version = fit->gic_version, .its = fit->its != 0,
				   .ipa_bits = fit->ipa_bits,
				   .virtualization = fit->gic_version == 4 &&
							     p->p.v4_needs_virtualization
						     ? 1
						     : -1 };
	tiers = calloc(GP_PLACEMENTS_MAX, sizeof(*tiers));
	if (tiers == NULL)
		return api_fail(err, GICPLAN_E_NOMEM, "out of memory");
	gp_error_init(&e);
	if (gp_tiers(&p->p, &req, tiers, &e) < 0) {
		free(tiers);
		return api_pass_on(&e, err);
	}
	for (size_t i = 0; i < *n; i++)
		tier_out(&tiers[i], &out[i]);
	free(tiers);
	return api_ok(err);
}

const char *gicplan_wall_owner_name(int owner)
{
	return owner >= 0 && owner < GP_WALL_OWNERS ? gp_wall_owner_names[owner] : NULL;
}

/* Internal wall @w as the public record @out. */
static void wall_out(const struct gp_wall *w, struct gicplan_wall *out)
{
	memset(out, 0, sizeof(*out));
	api_copy_str(out->name, sizeof(out->name), w->name);
	api_copy_str(out->what, sizeof(out->what), w->what);
	out->owner = (int)w->owner;
	api_copy_str(out->vmm, sizeof(out->vmm), w->vmm != NULL ? w->vmm : "");
	api_copy_str(out->value, sizeof(out->value), w->value);
	out->applies = w->applies;
	out->met = w->met;
	out->met_at = w->met_at;
	out->first = w->first;
	api_copy_str(out->note, sizeof(out->note), w->note);
	api_copy_str(out->source.repository, sizeof(out->source.repository), w->source.repository);
	api_copy_str(out->source.path, sizeof(out->source.path), w->source.path);
	api_copy_str(out->source.symbol, sizeof(out->source.symbol), w->source.symbol);
	out->source.has_commit = w->source.commit != NULL;
	api_copy_str(out->source.commit, sizeof(out->source.commit),
		     w->source.commit != NULL ? w->source.commit : "");
}

int gicplan_limits(const struct gicplan_platform *p, const struct gicplan_fit *fit,
		   struct gicplan_wall *out, size_t max, size_t *n, int *first,
		   struct gicplan_error *err)
{
	struct gp_limits_target t;
	struct gp_wall *walls;
	int rc, at;

	if (p == NULL || fit == NULL || n == NULL || (out == NULL && max > 0))
		return api_fail(err, GICPLAN_E_USAGE, "gicplan_limits: NULL argument");
	*n = 0;
	if ((rc = fit_check(p, fit, "gicplan_limits", err)) < 0)
		return rc;
	*n = GP_WALLS;
	if (max < GP_WALLS)
		return api_fail(err, GICPLAN_E_RANGE, "platform %s: %d walls, room for %zu",
				p->p.name, GP_WALLS, max);
	walls = calloc(GP_WALLS, sizeof(*walls));
	if (walls == NULL)
		return api_fail(err, GICPLAN_E_NOMEM, "out of memory");
	t = (struct gp_limits_target){ fit->gic_version, fit->ipa_bits, fit->its != 0 };
	at = gp_limits(&p->p, &t, walls);
	for (size_t i = 0; i < GP_WALLS; i++)
		wall_out(&walls[i], &out[i]);
	free(walls);
	if (first != NULL)
		*first = at;
	return api_ok(err);
}
