/* SPDX-License-Identifier: MIT */
/* gicplan map: the guest physical map, or a platform's tiers, as a picture. */
#include "cli.h"

#include "acpi_prove.h"
#include "acpi_read.h"
#include "acpi_write.h"
#include "audit.h"
#include "compat.h"

#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "console.h"
#include "emit_fdt.h"
#include "error.h"
#include "fileio.h"
#include "input.h"
#include "json_in.h"
#include "junit.h"
#include "layout.h"
#include "walls.h"
#include "map.h"
#include "plan_json.h"
#include "planner.h"
#include "platform.h"
#include "render_audit.h"
#include "render_verify.h"
#include "report.h"
#include "reproduce.h"
#include "tiers.h"
#include "units.h"
#include "verify.h"

/* The plan map draws: from a plan file, or planned from the request as the plan command does. */
static int map_plan(struct cli *c, struct gp_platform *p, struct gp_plan *plan)
{
	struct gp_input_options io = { 0 };
	struct gp_input in;
	int rc = 0;

	if (c->nargs == 0) {
		if (!c->cpus_set)
			return usage_error("%s", "map: --cpus is required (or a plan file, or --tiers)"),
			       -1;
		if (gp_platform_load(c->platform, p, &c->err) < 0)
			return -1;
		return gp_plan_make(p, &c->req, plan, &c->err);
	}
	if (c->cpus_set || c->req.gic_version || c->req.its >= 0 || c->req.ipa_bits ||
	    c->req.spis || c->req.ram_size || c->req.virtualization >= 0 ||
	    strcmp(c->platform, GP_DEFAULT_PLATFORM) != 0)
		return usage_error("map %s: a plan file holds its request: no plan options with it",
				   c->args[0]), -1;
	if (gp_input_load(c->args[0], &io, &in, &c->err) < 0)
		return -1;
	if (in.is_plan)
		*plan = *in.plan;
	else
		rc = gp_fail(&c->err, GP_EXIT_USAGE, "%s: a device tree, not a plan: map draws plans "
			     "(gicplan --plan FILE.json writes one)", c->args[0]);
	gp_input_free(&in);
	return rc;
}

/* The placements of the platform --tiers draws, with their vCPU ranges as cmd_tiers gives them. */
static int map_tiers(struct cli *c, struct gp_platform *p, struct gp_map_tiers *t)
{
	struct gp_fit fit;

	if (c->nargs != 0 || c->cpus_set || c->req.spis || c->req.ram_size ||
	    c->req.virtualization >= 0)
		return usage_error("%s", "map --tiers draws every placement of a platform: it takes "
				   "--platform, --gic-version, --ipa-bits and --its/--no-its only"), -1;
	if (gp_platform_load(c->platform, p, &c->err) < 0)
		return -1;
	t->platform = p;
	t->gic_version = c->req.gic_version ? c->req.gic_version : p->default_gic_version;
	if (!(p->gic_versions & (1u << t->gic_version)))
		return gp_fail(&c->err, GP_EXIT_USAGE, "--gic-version: platform '%s' does not offer "
			       "GICv%u", p->name, t->gic_version);
	t->ipa_bits = c->req.ipa_bits ? c->req.ipa_bits : p->ipa_bits;
	t->its = c->req.its < 0 ? p->its_default : c->req.its;
	fit = (struct gp_fit){ gp_redist_size(t->gic_version), t->ipa_bits, t->its };
	t->nr_tiers = p->nr_placements;
	for (uint32_t i = 0; i < p->nr_placements; i++) {
		t->tiers[i].placement = &p->placements[i];
		gp_tier_range(p, i, &fit, &t->tiers[i].min_cpus, &t->tiers[i].max_cpus);
		t->tiers[i].capacity = gp_placement_capacity(&p->placements[i], &fit);
	}
	return 0;
}

int cmd_map(struct cli *c)
{
	struct gp_platform *p = malloc(sizeof(*p));
	struct gp_plan *plan = malloc(sizeof(*plan));
	struct gp_map_tiers *t = calloc(1, sizeof(*t));
	char *svg = NULL;
	size_t svg_len = 0;
	FILE *f;
	int rc = GP_EXIT_OK;

	if (p == NULL || plan == NULL || t == NULL) {
		gp_fail(&c->err, GP_EXIT_USAGE, "out of memory");
		goto out;
	}
	if (c->format != FORMAT_TEXT || c->nargs > 1) {
		rc = usage_error("%s", c->nargs > 1 ? "map takes one plan file at most"
						    : "map draws text, or SVG with --svg: no --format");
		goto out;
	}
	if ((c->map_tiers ? map_tiers(c, p, t) : map_plan(c, p, plan)) < 0) {
		if (!gp_failed(&c->err))
			rc = GP_EXIT_USAGE;
		goto out;
	}
	if (c->svg != NULL) {
		/* Drawn whole in memory first: a failed run writes nothing. */
		struct gp_output o;

		f = open_memstream(&svg, &svg_len);
		if (f == NULL || (c->map_tiers ? gp_map_tiers_svg(f, t) : gp_map_svg(f, plan)) < 0 ||
		    fclose(f) != 0) {
			gp_fail(&c->err, GP_EXIT_USAGE, "--svg %s: out of memory", c->svg);
			goto out;
		}
		o = (struct gp_output){ c->svg, svg, svg_len };
		if (gp_write_outputs(&o, 1, &c->err) < 0 || strcmp(c->svg, "-") == 0)
			goto out;
	}
	if ((c->map_tiers ? gp_map_tiers_text(stdout, t) : gp_map_text(stdout, plan)) < 0)
		gp_fail(&c->err, GP_EXIT_USAGE, "map: out of memory, or standard output failed");
out:
	if (gp_failed(&c->err))
		rc = report_error(&c->err);
	free(svg);
	free(t);
	free(plan);
	free(p);
	return rc;
}
