/* SPDX-License-Identifier: MIT */
/*
 * libgicplan's maps (include/gicplan.h, "Maps"): a plan's regions with what
 * each is, a placement at its largest and what moves between two, the plan a
 * plan file holds, and a file written whole or not at all.
 */
#include "gicplan.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "board.h"
#include "error.h"
#include "input.h"
#include "layout.h"
#include "plan.h"
#include "platform.h"

_Static_assert(GICPLAN_TEXT_MAX >= GP_TEXT_MAX, "plan notes and summaries");

/* The kind of region @name of @pl; *@index as gicplan_map_region's. */
static int region_kind(const struct gp_plan *pl, const char *name, uint32_t *index)
{
	*index = 0;
	if (strcmp(name, "gicd") == 0)
		return GICPLAN_REGION_GICD;
	if (pl->has_its && strcmp(name, "its") == 0)
		return GICPLAN_REGION_ITS;
	for (uint32_t i = 0; i < pl->nr_redist; i++) {
		char n[GP_NAME_MAX];

		/* gp_plan_regions' name for it. */
		snprintf(n, sizeof(n), "redist%" PRIu32, i);
		if (strcmp(name, n) == 0) {
			*index = i;
			return GICPLAN_REGION_REDIST;
		}
	}
	if (strcmp(name, "ram") == 0)
		return GICPLAN_REGION_RAM;
	/* A device's registers ("pcie") or one of its windows ("pcie.mmio"). */
	for (uint32_t i = 0; i < pl->board.nr_devices; i++) {
		const struct gp_device *d = &pl->board.devices[i];
		size_t len = strlen(d->name);

		if (strncmp(name, d->name, len) == 0 && (name[len] == '\0' || name[len] == '.')) {
			*index = i;
			return d->type == GP_DEV_RESERVED ? GICPLAN_REGION_RESERVED
							  : GICPLAN_REGION_DEVICE;
		}
	}
	return GICPLAN_REGION_DEVICE;
}

size_t gicplan_plan_map(const struct gicplan_plan *plan, struct gicplan_map_region *out,
			size_t max)
{
	struct gp_region *all;
	size_t n;

	if (plan == NULL)
		return 0;
	if (out == NULL || max == 0)
		return gp_plan_regions(&plan->plan, NULL, 0);
	if ((all = api_plan_regions(plan, &n)) == NULL)
		return 0;
	for (size_t i = 0; i < n && i < max; i++) {
		struct gicplan_map_region *r = &out[i];

		memset(r, 0, sizeof(*r));
		api_copy_str(r->name, sizeof(r->name), all[i].name);
		r->base = all[i].base;
		r->size = all[i].size;
		r->kind = region_kind(&plan->plan, all[i].name, &r->index);
	}
	free(all);
	return n;
}

int gicplan_placement_preview(const struct gicplan_platform *p, uint32_t i,
			      const struct gicplan_fit *fit, struct gicplan_plan **out,
			      struct gicplan_error *err)
{
	const struct gp_placement *pl;
	struct gp_fit f;
	struct gp_plan *pv;

	if (out != NULL)
		*out = NULL;
	if (p == NULL || fit == NULL || out == NULL)
		return api_fail(err, GICPLAN_E_USAGE, "gicplan_placement_preview: NULL argument");
	if (api_placement_index(p, i, "preview", err) < 0)
		return GICPLAN_E_USAGE;
	if (api_fit(fit, "preview", &f, err) < 0)
		return GICPLAN_E_USAGE;
	*out = malloc(sizeof(**out));
	if (*out == NULL)
		return api_fail(err, GICPLAN_E_NOMEM, "preview: out of memory");
	pl = &p->p.placements[i];
	pv = &(*out)->plan;
	gp_placement_preview(&p->p, pl, fit->ipa_bits, pv);
	/* What the preview leaves unsaid, from the fit and the platform. */
	pv->has_its = pl->has_its && fit->its;
	pv->redist_size = f.redist_size;
	for (uint32_t k = 0; k < pv->nr_redist; k++)
		pv->redist[k].capacity = pv->redist[k].window / pv->redist_size;
	pv->platform_version = p->p.version;
	snprintf(pv->tier_summary, sizeof(pv->tier_summary), "%s", pl->summary);
	pv->req.gic_version = fit->gic_version;
	pv->req.its = pv->has_its;
	pv->req.ipa_bits = fit->ipa_bits;
	return api_ok(err);
}

int gicplan_placement_moves(const struct gicplan_platform *p, uint32_t from, uint32_t to,
			    char *buf, size_t cap, size_t *n, struct gicplan_error *err)
{
	char none[1];

	if (p == NULL || n == NULL || (buf == NULL && cap > 0))
		return api_fail(err, GICPLAN_E_USAGE, "gicplan_placement_moves: NULL argument");
	*n = 0;
	if (api_placement_index(p, from, "moves from", err) < 0 ||
	    api_placement_index(p, to, "moves to", err) < 0)
		return GICPLAN_E_USAGE;
	if (buf == NULL || cap == 0) {
		buf = none;
		cap = sizeof(none);
	}
	*n = gp_placement_moves(&p->p, &p->p.placements[from], &p->p.placements[to], buf, cap);
	return api_ok(err);
}

int gicplan_input_plan(const struct gicplan_input *in, struct gicplan_plan **out,
		       struct gicplan_error *err)
{
	if (out != NULL)
		*out = NULL;
	if (in == NULL || out == NULL)
		return api_fail(err, GICPLAN_E_USAGE, "gicplan_input_plan: NULL argument");
	if (!in->in.is_plan || in->in.plan == NULL)
		return api_fail(err, GICPLAN_E_USAGE, "%s: a device tree, not a plan", in->in.path);
	*out = malloc(sizeof(**out));
	if (*out == NULL)
		return api_fail(err, GICPLAN_E_NOMEM, "%s: out of memory", in->in.path);
	(*out)->plan = *in->in.plan;
	return api_ok(err);
}

int gicplan_write_file(const char *path, const void *data, size_t len, struct gicplan_error *err)
{
	if (path == NULL || (data == NULL && len > 0))
		return api_fail(err, GICPLAN_E_USAGE, "gicplan_write_file: NULL argument");
	return gicplan_write_files(&(struct gicplan_output){ path, data, len }, 1, err);
}
