/* SPDX-License-Identifier: MIT */
/* gicplan map: the guest physical map, or a platform's tiers, as a picture. */
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gicplan.h"
#include "map.h"

/* The plan map draws: from a plan file, or planned from the request as the plan command does. */
static int map_plan(struct cli *c, struct gicplan_plan **plan)
{
	struct gicplan_platform *p = NULL;
	struct gicplan_input *in = NULL;
	struct gicplan_error e;
	int rc;

	if (c->nargs == 0) {
		if (!c->cpus_set)
			return usage_error("%s", "map: --cpus is required (or a plan file, or --tiers)"),
			       -1;
		if (cli_platform(c, c->platform, &p, NULL) < 0)
			return -1;
		rc = gicplan_plan_make(p, &c->req, plan, &e);
		gicplan_platform_free(p);
		return rc < 0 ? cli_pass(c, &e) : 0;
	}
	if (c->cpus_set || c->req.gic_version || c->req.its >= 0 || c->req.ipa_bits ||
	    c->req.spis || c->req.ram_size || c->req.virtualization >= 0 ||
	    strcmp(c->platform, GICPLAN_DEFAULT_PLATFORM) != 0)
		return usage_error("map %s: a plan file holds its request: no plan options with it",
				   c->args[0]), -1;
	if (gicplan_input_load(c->args[0], NULL, &in, &e) < 0)
		return cli_pass(c, &e);
	rc = gicplan_input_plan(in, plan, &e);
	gicplan_input_free(in);
	if (rc == GICPLAN_E_USAGE) {
		cli_fail(c, cli_exit_of(rc), "%s: a device tree, not a plan: map draws plans "
			"(gicplan --plan FILE.json writes one)", c->args[0]);
		return -1;
	}
	return rc < 0 ? cli_pass(c, &e) : 0;
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
	if (cli_platform(c, c->platform, p, &pi) < 0)
		return -1;
	t->platform = *p;
	t->fit = request_fit(c, &pi);
	if (!(pi.gic_versions & (1u << t->fit.gic_version))) {
		cli_fail(c, CLI_EXIT_USAGE, "--gic-version: platform '%s' does not "
			"offer GICv%u", pi.name, t->fit.gic_version);
		return -1;
	}
	tiers = calloc(pi.nr_placements + 1, sizeof(*tiers));
	if (tiers == NULL) {
		cli_fail(c, CLI_EXIT_USAGE, "out of memory");
		return -1;
	}
	t->tiers = tiers;
	t->nr_tiers = pi.nr_placements;
	for (uint32_t i = 0; i < pi.nr_placements; i++)
		if (gicplan_platform_placement(*p, i, &t->fit, &tiers[i], &e) < 0)
			return cli_pass(c, &e);
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
		if (!cli_failed(c))
			rc = CLI_EXIT_USAGE;
		goto out;
	}
	if (c->svg != NULL) {
		/* Drawn whole in memory first: a failed run writes nothing. */
		f = open_memstream(&svg, &svg_len);
		if (f == NULL || (c->map_tiers ? gp_map_tiers_svg(f, &t) : gp_map_svg(f, plan)) < 0 ||
		    fclose(f) != 0) {
			cli_fail(c, CLI_EXIT_USAGE, "--svg %s: out of memory", c->svg);
			goto out;
		}
		if (gicplan_write_file(c->svg, svg, svg_len, &e) < 0) {
			cli_pass(c, &e);
			goto out;
		}
		if (strcmp(c->svg, "-") == 0)
			goto out;
	}
	if ((c->map_tiers ? gp_map_tiers_text(stdout, &t) : gp_map_text(stdout, plan)) < 0)
		cli_fail(c, CLI_EXIT_USAGE,
			"map: out of memory, or standard output failed");
out:
	if (cli_failed(c))
		rc = report_error(c);
	free(svg);
	free((void *)t.tiers);
	gicplan_plan_free(plan);
	gicplan_platform_free(p);
	return rc;
}
