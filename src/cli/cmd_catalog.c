/* SPDX-License-Identifier: MIT */
/* gicplan tiers, platforms and limits: what each platform holds, and its walls. */
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

/* The vCPU counts placement @i of @p is chosen for: (lo, hi], hi = what it holds. */
static void tier_range(const struct gp_platform *p, uint32_t i, const struct gp_fit *fit,
		       uint64_t *lo, uint64_t *hi)
{
	gp_tier_range(p, i, fit, lo, hi);
}

int cmd_tiers(struct cli *c)
{
	struct gp_platform *p = malloc(sizeof(*p));
	struct gp_tier *tiers = calloc(GP_PLACEMENTS_MAX, sizeof(*tiers));
	json_t *root = gp_report_envelope(GP_FORMAT_TIERS, GP_RESULT_OK), *versions = json_array();
	unsigned ipa;
	bool its;
	int rc = GP_EXIT_OK;

	if (c->format == FORMAT_JUNIT) {
		rc = usage_error("--format junit: tiers checks nothing (text or json)");
		goto out;
	}
	if (p == NULL || tiers == NULL) {
		gp_fail(&c->err, GP_EXIT_USAGE, "out of memory");
		goto out;
	}
	if (gp_platform_load(c->platform, p, &c->err) < 0)
		goto out;
	ipa = c->req.ipa_bits ? c->req.ipa_bits : p->ipa_bits;
	if (c->req.gic_version && !(p->gic_versions & (1u << c->req.gic_version))) {
		gp_fail(&c->err, GP_EXIT_USAGE, "--gic-version: platform '%s' does not offer GICv%u",
			p->name, c->req.gic_version);
		goto out;
	}
	its = c->req.its < 0 ? p->its_default : c->req.its;
	if (c->format == FORMAT_TEXT)
		printf("platform %s (version %" PRIu32 "), %u-bit IPA, %s\n", p->name, p->version, ipa,
		       its ? "with an ITS" : "no ITS");
	for (unsigned v = 3; v <= 4; v++) {
		/* The request `gicplan --cpus N` would make with these options, N at each crossing. */
		struct gp_request req = { .gic_version = v, .its = its, .ipa_bits = ipa,
					  .virtualization = v == 4 && p->v4_needs_virtualization ? 1
												  : -1 };
		json_t *list;
		char size[32];

		if (!(p->gic_versions & (1u << v)) || (c->req.gic_version && c->req.gic_version != v))
			continue;
		if (gp_tiers(p, &req, tiers, &c->err) < 0)
			goto out;
		list = json_array();
		if (c->format == FORMAT_TEXT)
			printf("\nGICv%u (%s redistributors)\n", v,
			       gp_size_str(size, sizeof(size), gp_redist_size(v)));
		for (uint32_t i = 0; i < p->nr_placements; i++) {
			const struct gp_tier *t = &tiers[i];
			bool chosen = t->hi >= t->lo;
			json_t *j = json_pack("{s:s,s:I,s:I,s:I,s:b,s:s}", "name", t->pl->name,
					      "capacity", (json_int_t)t->capacity, "min_cpus",
					      (json_int_t)t->lo, "max_cpus", (json_int_t)t->hi,
					      "chosen", chosen, "summary", t->pl->summary);

			if (t->limit[0])
				json_object_set_new(j, "limit", json_string(t->limit));
			if (t->crossing)
				json_object_set_new(j, "crossing",
						    json_pack("{s:I,s:I,s:s,s:i,s:o,s:s}", "from_cpus",
							      (json_int_t)(t->lo - 1), "to_cpus",
							      (json_int_t)t->lo, "moves", t->moved,
							      "moved", (int)t->nr_moved,
							      "breaks_migration",
							      t->audited ? json_boolean(t->breaks)
									 : json_null(),
							      "reason", t->reason));
			json_array_append_new(list, j);
			if (c->format != FORMAT_TEXT)
				continue;
			if (chosen)
				printf("  %-10s %10" PRIu64 "..%-10" PRIu64 " %s\n", t->pl->name, t->lo,
				       t->hi, t->pl->summary);
			else
				printf("  %-10s %22s holds %" PRIu64 ": never chosen\n", t->pl->name, "",
				       t->capacity);
			if (t->limit[0])
				printf("  %-10s %22s %s\n", "", "", t->limit);
			if (t->crossing)
				printf("  %-10s %22s crossing %" PRIu64 " -> %" PRIu64 " vCPUs moves %s: "
				       "%s\n  %-10s %22s   because %s\n", "", "", t->lo - 1, t->lo,
				       t->moved[0] ? t->moved : "nothing",
				       !t->audited ? "not audited"
				       : t->breaks ? "breaks migration" : "compatible",
				       "", "", t->reason);
		}
		json_array_append_new(versions, json_pack("{s:i,s:o,s:o}", "gic_version", (int)v,
							  "redist_size",
							  gp_json_hex(gp_redist_size(v)), "tiers",
							  list));
	}
	if (c->format == FORMAT_TEXT && p->max_cpus)
		printf("\nthe platform caps vCPUs at %" PRIu64 "\n", p->max_cpus);
	if (c->format == FORMAT_TEXT)
		printf("\nwalls besides the placements (KVM, Linux, the VMM): gicplan limits "
		       "--platform %s\n", p->name);
	if (c->format == FORMAT_JSON) {
		json_object_set_new(root, "platform", json_string(p->name));
		json_object_set_new(root, "platform_version", json_integer(p->version));
		json_object_set_new(root, "ipa_bits", json_integer(ipa));
		if (p->max_cpus)
			json_object_set_new(root, "max_cpus", json_integer((json_int_t)p->max_cpus));
		json_object_set_new(root, "gic_versions", versions);
		versions = NULL;
		print_json(root);
	}
out:
	if (gp_failed(&c->err))
		rc = report_error(&c->err);
	json_decref(versions);
	json_decref(root);
	free(tiers);
	free(p);
	return rc;
}

/* The most vCPUs platform @p holds with GICv@version at its default IPA and ITS. */
static uint64_t platform_largest(const struct gp_platform *p, unsigned version)
{
	struct gp_fit fit = { gp_redist_size(version), p->ipa_bits, p->its_default };
	uint64_t largest = 0;

	for (uint32_t k = 0; k < p->nr_placements; k++) {
		uint64_t lo, hi;

		tier_range(p, k, &fit, &lo, &hi);
		if (hi > largest)
			largest = hi;
	}
	return largest;
}

int cmd_platforms(struct cli *c)
{
	char (*names)[GP_NAME_MAX] = calloc(GP_PLATFORMS_MAX, GP_NAME_MAX);
	struct gp_platform *p = malloc(sizeof(*p));
	json_t *list = json_array();
	int n, rc = GP_EXIT_OK;

	if (c->format == FORMAT_JUNIT) {
		rc = usage_error("--format junit: platforms checks nothing (text or json)");
		goto out;
	}
	if (names == NULL || p == NULL) {
		gp_fail(&c->err, GP_EXIT_USAGE, "out of memory");
		goto out;
	}
	n = gp_platform_list(names, GP_PLATFORMS_MAX, &c->err);
	for (int i = 0; i < n; i++) {
		json_t *entry, *placements = json_array(), *by_version = json_object();
		struct gp_fit fit;
		char versions[8] = "", limits[64] = "";

		if (gp_platform_load(names[i], p, &c->err) < 0)
			break;
		for (unsigned v = 3; v <= 4; v++) {
			uint64_t largest;
			char key[8];

			if (!(p->gic_versions & (1u << v)))
				continue;
			largest = platform_largest(p, v);
			snprintf(versions + strlen(versions), sizeof(versions) - strlen(versions),
				 "%s%u", *versions ? "," : "", v);
			snprintf(limits + strlen(limits), sizeof(limits) - strlen(limits),
				 "%sGICv%u up to %" PRIu64, *limits ? ", " : "", v, largest);
			snprintf(key, sizeof(key), "gicv%u", v);
			json_object_set_new(by_version, key, json_integer((json_int_t)largest));
		}
		fit = (struct gp_fit){ gp_redist_size(p->default_gic_version), p->ipa_bits,
				       p->its_default };
		for (uint32_t k = 0; k < p->nr_placements; k++) {
			uint64_t lo, hi;

			tier_range(p, k, &fit, &lo, &hi);
			json_array_append_new(placements, json_pack("{s:s,s:I}", "name",
								    p->placements[k].name, "max_cpus",
								    (json_int_t)hi));
		}
		entry = json_pack("{s:s,s:I,s:s,s:s,s:o,s:I,s:o}", "name", p->name, "version",
				  (json_int_t)p->version, "description", p->description,
				  "gic_versions", versions, "placements", placements, "max_cpus",
				  (json_int_t)platform_largest(p, p->default_gic_version),
				  "max_cpus_by_version", by_version);
		if (c->format == FORMAT_TEXT) {
			printf("%-17s %s vCPUs (%u-bit IPA); placements:", p->name, limits,
			       p->ipa_bits);
			for (uint32_t k = 0; k < p->nr_placements; k++)
				printf(" %s", p->placements[k].name);
			printf("\n");
		}
		json_array_append_new(list, entry);
	}
	if (!gp_failed(&c->err) && c->format == FORMAT_TEXT)
		printf("\nother walls of each platform (KVM, Linux, the VMM): gicplan limits "
		       "--platform NAME\n");
	if (!gp_failed(&c->err) && c->format == FORMAT_JSON) {
		json_t *root = gp_report_envelope(GP_FORMAT_PLATFORMS, GP_RESULT_OK);

		json_object_set(root, "platforms", list);
		print_json(root);
		json_decref(root);
	}
out:
	if (gp_failed(&c->err))
		rc = report_error(&c->err);
	json_decref(list);
	free(p);
	free(names);
	return rc;
}

/* Where limits' text puts a wall's further lines, and how wide its lines may be. */
#define LIMITS_INDENT 13
#define LIMITS_WIDTH 100

/* @text after @lead, folded at spaces into lines of LIMITS_WIDTH indented LIMITS_INDENT. */
static void print_folded(const char *lead, const char *text)
{
	int col = printf("%*s%s", LIMITS_INDENT, "", lead);

	while (*text) {
		size_t word = strcspn(text, " ");

		if (col > LIMITS_INDENT + (int)strlen(lead) &&
		    col + 1 + (int)word > LIMITS_WIDTH) {
			col = printf("\n%*s", LIMITS_INDENT + (int)strlen(lead), "") - 1;
		} else if (col > LIMITS_INDENT + (int)strlen(lead)) {
			col += printf(" ");
		}
		col += printf("%.*s", (int)word, text);
		text += word;
		text += strspn(text, " ");
	}
	putchar('\n');
}

/* Who imposes wall @w, for people. */
static void wall_owner_text(const struct gp_wall *w, char *buf, size_t cap)
{
	static const char *const names[GP_WALL_OWNERS] = {
		[GP_WALL_ARCH] = "the architecture", [GP_WALL_KVM] = "KVM",
		[GP_WALL_LINUX] = "Linux (the guest)", [GP_WALL_QEMU] = "QEMU",
		[GP_WALL_VMM] = "the VMM", [GP_WALL_PLATFORM] = "the platform",
	};

	if (w->vmm != NULL)
		snprintf(buf, cap, "%s (%s)", names[w->owner], w->vmm);
	else
		snprintf(buf, cap, "%s", names[w->owner]);
}

static json_t *wall_json(const struct gp_wall *w)
{
	json_t *j = json_pack("{s:s,s:s,s:s,s:s,s:b,s:o,s:b,s:s,s:{s:s,s:s,s:s,s:o}}", "name",
			      w->name, "what", w->what, "value", w->value, "imposed_by",
			      gp_wall_owner_names[w->owner], "applies", w->applies, "met_at_cpus",
			      w->met ? json_integer((json_int_t)w->met_at) : json_null(), "first",
			      w->first, "note", w->note, "source", "repository",
			      w->source.repository, "path", w->source.path, "symbol",
			      w->source.symbol, "commit",
			      w->source.commit ? json_string(w->source.commit) : json_null());

	if (j != NULL && w->vmm != NULL)
		json_object_set_new(j, "vmm", json_string(w->vmm));
	return j;
}

static void print_wall(const struct gp_wall *w)
{
	char at[24], owner[64], source[GP_TEXT_MAX * 2];

	if (w->met)
		snprintf(at, sizeof(at), "%" PRIu64, w->met_at);
	else
		snprintf(at, sizeof(at), "%s", w->applies ? "never" : "n/a");
	wall_owner_text(w, owner, sizeof(owner));
	printf("%c %9s  %-20s %-34s %s\n", w->first ? '*' : ' ', at, w->name, w->value, owner);
	print_folded("", w->what);
	if (w->note[0])
		print_folded("here: ", w->note);
	snprintf(source, sizeof(source), "%s %s %s%s%s", w->source.repository, w->source.path,
		 w->source.symbol, w->source.commit ? " @" : "", w->source.commit ? w->source.commit : "");
	print_folded("source: ", source);
}

int cmd_limits(struct cli *c)
{
	struct gp_platform *p = malloc(sizeof(*p));
	struct gp_wall *walls = calloc(GP_WALLS, sizeof(*walls));
	struct gp_limits_target t;
	json_t *root = NULL, *list;
	int first, rc = GP_EXIT_OK;

	if (c->format == FORMAT_JUNIT) {
		rc = usage_error("--format junit: limits checks nothing (text or json)");
		goto out;
	}
	if (p == NULL || walls == NULL) {
		gp_fail(&c->err, GP_EXIT_USAGE, "out of memory");
		goto out;
	}
	if (gp_platform_load(c->platform, p, &c->err) < 0)
		goto out;
	if (c->req.gic_version && !(p->gic_versions & (1u << c->req.gic_version))) {
		gp_fail(&c->err, GP_EXIT_USAGE, "--gic-version: platform '%s' does not offer GICv%u",
			p->name, c->req.gic_version);
		goto out;
	}
	t = (struct gp_limits_target){ c->req.gic_version ? c->req.gic_version
							  : p->default_gic_version,
				       c->req.ipa_bits ? c->req.ipa_bits : p->ipa_bits,
				       c->req.its < 0 ? p->its_default : c->req.its };
	first = gp_limits(p, &t, walls);
	if (c->format == FORMAT_TEXT) {
		printf("platform %s (version %" PRIu32 "): GICv%u, %u-bit IPA, %s\n", p->name,
		       p->version, t.gic_version, t.ipa_bits, t.its ? "with an ITS" : "no ITS");
		if (first >= 0)
			printf("the first wall it meets: %s, at %" PRIu64 " vCPUs (*)\n",
			       walls[first].name, walls[first].met_at);
		printf("\n%c %9s  %-20s %-34s %s\n", ' ', "met at", "wall", "value", "imposed by");
		for (size_t i = 0; i < GP_WALLS; i++)
			print_wall(&walls[i]);
		goto out;
	}
	root = gp_report_envelope(GP_FORMAT_LIMITS, GP_RESULT_OK);
	list = json_array();
	for (size_t i = 0; i < GP_WALLS; i++)
		json_array_append_new(list, wall_json(&walls[i]));
	json_object_set_new(root, "platform", json_string(p->name));
	json_object_set_new(root, "platform_version", json_integer(p->version));
	json_object_set_new(root, "gic_version", json_integer(t.gic_version));
	json_object_set_new(root, "ipa_bits", json_integer(t.ipa_bits));
	json_object_set_new(root, "its", json_boolean(t.its));
	json_object_set_new(root, "first_wall",
			    first >= 0 ? json_string(walls[first].name) : json_null());
	json_object_set_new(root, "walls", list);
	print_json(root);
out:
	if (gp_failed(&c->err))
		rc = report_error(&c->err);
	json_decref(root);
	free(walls);
	free(p);
	return rc;
}
