/* SPDX-License-Identifier: MIT */
/* gicplan map: the guest physical map, or a platform's tiers, as a picture. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gicplan.h"
#include "map.h"

/* The exit code of a public API error: 1 a check failed, 3 no placement holds it, else 2. */
static int exit_of(int code)
{
	switch (code) {
	case GICPLAN_E_CHECK:
		return 1;
	case GICPLAN_E_INFEASIBLE:
		return 3;
	default:
		return 2;
	}
}

/* @e, an API error, as the command's error; returns -1. */
static int map_fail(struct cli *c, const struct gicplan_error *e)
{
	gp_fail(&c->err, exit_of(e->code), "%s", e->message);
	return -1;
}

/* The request of the command line, as gicplan_plan_make takes it. */
static struct gicplan_request request_of(const struct cli *c)
{
	struct gicplan_request r;

	gicplan_request_init(&r);
	r.max_cpus = c->req.cpus;
	r.gic_version = c->req.gic_version;
	r.its = c->req.its;
	r.ipa_bits = c->req.ipa_bits;
	r.spis = c->req.spis;
	r.ram_size = c->req.ram_size;
	r.virtualization = c->req.virtualization;
	return r;
}

/* The plan map draws: from a plan file, or planned from the request as the plan command does. */
static int map_plan(struct cli *c, struct gicplan_plan **plan)
{
	struct gicplan_platform *p = NULL;
	struct gicplan_input *in = NULL;
	struct gicplan_request r;
	struct gicplan_error e;
	int rc;

	if (c->nargs == 0) {
		if (!c->cpus_set)
			return usage_error("%s", "map: --cpus is required (or a plan file, or --tiers)"),
			       -1;
		if (gicplan_platform_load(c->platform, &p, &e) < 0)
			return map_fail(c, &e);
		r = request_of(c);
		rc = gicplan_plan_make(p, &r, plan, &e);
		gicplan_platform_free(p);
		return rc < 0 ? map_fail(c, &e) : 0;
	}
	if (c->cpus_set || c->req.gic_version || c->req.its >= 0 || c->req.ipa_bits ||
	    c->req.spis || c->req.ram_size || c->req.virtualization >= 0 ||
	    strcmp(c->platform, GICPLAN_DEFAULT_PLATFORM) != 0)
		return usage_error("map %s: a plan file holds its request: no plan options with it",
				   c->args[0]), -1;
	if (gicplan_input_load(c->args[0], NULL, &in, &e) < 0)
		return map_fail(c, &e);
	rc = gicplan_input_plan(in, plan, &e);
	gicplan_input_free(in);
	if (rc == GICPLAN_E_USAGE) {
		gp_fail(&c->err, exit_of(rc), "%s: a device tree, not a plan: map draws plans "
			"(gicplan --plan FILE.json writes one)", c->args[0]);
		return -1;
	}
	return rc < 0 ? map_fail(c, &e) : 0;
}

/*
 * The placements of the platform --tiers draws, with their vCPU ranges as
 * cmd_tiers gives them: *@p and t->tiers are the caller's to free.
 */
static int map_tiers(struct cli *c, struct gicplan_platform **p, struct gp_map_tiers *t)
{
	struct gicplan_platform_info pi;
	struct gicplan_placement *tiers;
	struct gicplan_error e;

	if (c->nargs != 0 || c->cpus_set || c->req.spis || c->req.ram_size ||
	    c->req.virtualization >= 0)
		return usage_error("%s", "map --tiers draws every placement of a platform: it takes "
				   "--platform, --gic-version, --ipa-bits and --its/--no-its only"), -1;
	if (gicplan_platform_load(c->platform, p, &e) < 0 ||
	    gicplan_platform_info(*p, &pi, &e) < 0)
		return map_fail(c, &e);
	t->platform = *p;
	t->fit.gic_version = c->req.gic_version ? c->req.gic_version : pi.default_gic_version;
	if (!(pi.gic_versions & (1u << t->fit.gic_version))) {
		gp_fail(&c->err, exit_of(GICPLAN_E_USAGE), "--gic-version: platform '%s' does not "
			"offer GICv%u", pi.name, t->fit.gic_version);
		return -1;
	}
	t->fit.ipa_bits = c->req.ipa_bits ? c->req.ipa_bits : pi.ipa_bits;
	t->fit.its = c->req.its < 0 ? pi.its : c->req.its;
	tiers = calloc(pi.nr_placements + 1, sizeof(*tiers));
	if (tiers == NULL) {
		gp_fail(&c->err, exit_of(GICPLAN_E_NOMEM), "out of memory");
		return -1;
	}
	t->tiers = tiers;
	t->nr_tiers = pi.nr_placements;
	for (uint32_t i = 0; i < pi.nr_placements; i++)
		if (gicplan_platform_placement(*p, i, &t->fit, &tiers[i], &e) < 0)
			return map_fail(c, &e);
	return 0;
}

int cmd_map(struct cli *c)
{
	struct gicplan_platform *p = NULL;
	struct gicplan_plan *plan = NULL;
	struct gp_map_tiers t = { 0 };
	struct gicplan_error e;
	char *svg = NULL;
	size_t svg_len = 0;
	FILE *f;
	int rc = 0;

	if (c->format != FORMAT_TEXT || c->nargs > 1) {
		rc = usage_error("%s", c->nargs > 1 ? "map takes one plan file at most"
						    : "map draws text, or SVG with --svg: no --format");
		goto out;
	}
	if ((c->map_tiers ? map_tiers(c, &p, &t) : map_plan(c, &plan)) < 0) {
		if (!gp_failed(&c->err))
			rc = exit_of(GICPLAN_E_USAGE);
		goto out;
	}
	if (c->svg != NULL) {
		/* Drawn whole in memory first: a failed run writes nothing. */
		f = open_memstream(&svg, &svg_len);
		if (f == NULL || (c->map_tiers ? gp_map_tiers_svg(f, &t) : gp_map_svg(f, plan)) < 0 ||
		    fclose(f) != 0) {
			gp_fail(&c->err, exit_of(GICPLAN_E_NOMEM), "--svg %s: out of memory", c->svg);
			goto out;
		}
		if (gicplan_write_file(c->svg, svg, svg_len, &e) < 0) {
			map_fail(c, &e);
			goto out;
		}
		if (strcmp(c->svg, "-") == 0)
			goto out;
	}
	if ((c->map_tiers ? gp_map_tiers_text(stdout, &t) : gp_map_text(stdout, plan)) < 0)
		gp_fail(&c->err, exit_of(GICPLAN_E_USAGE),
			"map: out of memory, or standard output failed");
out:
	if (gp_failed(&c->err))
		rc = report_error(&c->err);
	free(svg);
	free((void *)t.tiers);
	gicplan_plan_free(plan);
	gicplan_platform_free(p);
	return rc;
}
