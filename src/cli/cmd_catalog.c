/* SPDX-License-Identifier: MIT */
/* gicplan tiers, platforms and limits: what each platform holds, and its walls. */
#include "cli.h"
#include "report.h"

#include "gicplan.h"

#include <inttypes.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The GIC versions a tiers listing covers. */
#define GIC_VERSION_FIRST 3u
#define GIC_VERSION_LAST 4u
#define GIC_VERSIONS (GIC_VERSION_LAST - GIC_VERSION_FIRST + 1)

/* Whether @info's platform offers GICv@v. */
static bool offers(const struct gicplan_platform_info *info, unsigned v)
{
	return (info->gic_versions & (1u << v)) != 0;
}

/* The @n tiers @tiers of GICv@v as the text listing prints them. */
static void print_tiers(unsigned v, const struct gicplan_tier *tiers, size_t n)
{
	char size[GICPLAN_SIZE_STR_MAX];

	printf("\nGICv%u (%s redistributors)\n", v,
	       gicplan_size_str(size, sizeof(size), gicplan_redist_size(v)));
	for (size_t i = 0; i < n; i++) {
		const struct gicplan_tier *t = &tiers[i];
		const struct gicplan_placement *pl = &t->placement;

		if (pl->max_cpus >= pl->min_cpus)
			printf("  %-10s %10" PRIu64 "..%-10" PRIu64 " %s\n", pl->name, pl->min_cpus,
			       pl->max_cpus, pl->summary);
		else
			printf("  %-10s %22s holds %" PRIu64 ": never chosen\n", pl->name, "",
			       pl->capacity);
		if (t->limit[0])
			printf("  %-10s %22s %s\n", "", "", t->limit);
		if (t->crossing)
			printf("  %-10s %22s crossing %" PRIu64 " -> %" PRIu64 " vCPUs moves %s: "
			       "%s\n  %-10s %22s   because %s\n", "", "", pl->min_cpus - 1,
			       pl->min_cpus, t->moved[0] ? t->moved : "nothing",
			       !t->audited ? "not audited"
			       : t->breaks ? "breaks migration" : "compatible",
			       "", "", t->reason);
	}
}

/* The @n tiers @tiers of GICv@v as the JSON listing gives them. */
static json_t *tiers_json(unsigned v, const struct gicplan_tier *tiers, size_t n)
{
	json_t *list = json_array();
	char hex[GICPLAN_SIZE_STR_MAX];

	for (size_t i = 0; i < n; i++) {
		const struct gicplan_tier *t = &tiers[i];
		const struct gicplan_placement *pl = &t->placement;
		json_t *j = json_pack("{s:s,s:I,s:I,s:I,s:b,s:s}", "name", pl->name, "capacity",
				      (json_int_t)pl->capacity, "min_cpus", (json_int_t)pl->min_cpus,
				      "max_cpus", (json_int_t)pl->max_cpus, "chosen",
				      pl->max_cpus >= pl->min_cpus, "summary", pl->summary);

		if (t->limit[0])
			json_object_set_new(j, "limit", json_string(t->limit));
		if (t->crossing)
			json_object_set_new(j, "crossing",
					    json_pack("{s:I,s:I,s:s,s:i,s:o,s:s}", "from_cpus",
						      (json_int_t)(pl->min_cpus - 1), "to_cpus",
						      (json_int_t)pl->min_cpus, "moves", t->moved,
						      "moved", (int)t->nr_moved, "breaks_migration",
						      t->audited ? json_boolean(t->breaks) : json_null(),
						      "reason", t->reason));
		json_array_append_new(list, j);
	}
	return json_pack("{s:i,s:s,s:o}", "gic_version", (int)v, "redist_size",
			 gicplan_hex_str(hex, sizeof(hex), gicplan_redist_size(v)), "tiers", list);
}

int cmd_tiers(struct cli *c)
{
	struct gicplan_platform *p = NULL;
	struct gicplan_platform_info info;
	struct gicplan_tier *tiers[GIC_VERSIONS] = { NULL };
	size_t n[GIC_VERSIONS] = { 0 };
	struct gicplan_error e;
	struct gicplan_fit asked;
	json_t *root, *versions;
	unsigned ipa;
	int its, rc = CLI_EXIT_OK;

	if (c->format == FORMAT_JUNIT)
		return usage_error("--format junit: tiers checks nothing (text or json)");
	if (cli_platform(c, c->platform, &p, &info) < 0)
		goto out;
	asked = request_fit(c, &info);
	ipa = asked.ipa_bits;
	its = asked.its;
	/* Every version's tiers first: an error leaves no partial listing. */
	for (unsigned v = GIC_VERSION_FIRST; v <= GIC_VERSION_LAST; v++) {
		struct gicplan_fit fit = { v, ipa, its };
		size_t k = v - GIC_VERSION_FIRST;

		if (c->req.gic_version ? c->req.gic_version != v : !offers(&info, v))
			continue;
		tiers[k] = calloc(info.nr_placements, sizeof(*tiers[k]));
		if (tiers[k] == NULL) {
			cli_fail(c, CLI_EXIT_USAGE, "out of memory");
			goto out;
		}
		if (gicplan_tiers(p, &fit, tiers[k], info.nr_placements, &n[k], &e) < 0) {
			cli_pass(c, &e);
			goto out;
		}
	}
	if (c->format == FORMAT_TEXT) {
		printf("platform %s (version %" PRIu32 "), %u-bit IPA, %s\n", info.name,
		       info.version, ipa, its ? "with an ITS" : "no ITS");
		for (unsigned v = GIC_VERSION_FIRST; v <= GIC_VERSION_LAST; v++)
			if (tiers[v - GIC_VERSION_FIRST] != NULL)
				print_tiers(v, tiers[v - GIC_VERSION_FIRST],
					    n[v - GIC_VERSION_FIRST]);
		if (info.max_cpus)
			printf("\nthe platform caps vCPUs at %" PRIu64 "\n", info.max_cpus);
		printf("\nwalls besides the placements (KVM, Linux, the VMM): gicplan limits "
		       "--platform %s\n", info.name);
		goto out;
	}
	root = gp_report_envelope(GP_FORMAT_TIERS, GP_RESULT_OK);
	versions = json_array();
	for (unsigned v = GIC_VERSION_FIRST; v <= GIC_VERSION_LAST; v++)
		if (tiers[v - GIC_VERSION_FIRST] != NULL)
			json_array_append_new(versions, tiers_json(v, tiers[v - GIC_VERSION_FIRST],
								   n[v - GIC_VERSION_FIRST]));
	json_object_set_new(root, "platform", json_string(info.name));
	json_object_set_new(root, "platform_version", json_integer(info.version));
	json_object_set_new(root, "ipa_bits", json_integer(ipa));
	if (info.max_cpus)
		json_object_set_new(root, "max_cpus", json_integer((json_int_t)info.max_cpus));
	json_object_set_new(root, "gic_versions", versions);
	print_json(root);
	json_decref(root);
out:
	if (cli_failed(c))
		rc = report_error(c);
	for (size_t k = 0; k < GIC_VERSIONS; k++)
		free(tiers[k]);
	gicplan_platform_free(p);
	return rc;
}

/*
 * The most vCPUs platform @p holds with GICv@version at its default IPA and
 * ITS into *@largest; each placement's name and most into @per (NULL: not
 * wanted), and its name after a space onto @names (@cap bytes; NULL: not wanted).
 */
static int platform_largest(const struct gicplan_platform *p,
			    const struct gicplan_platform_info *info, unsigned version,
			    uint64_t *largest, json_t *per, char *names, size_t cap,
			    struct gicplan_error *e)
{
	struct gicplan_fit fit = { version, info->ipa_bits, info->its };

	*largest = 0;
	for (uint32_t k = 0; k < info->nr_placements; k++) {
		struct gicplan_placement pl;

		if (gicplan_platform_placement(p, k, &fit, &pl, e) < 0)
			return -1;
		if (pl.max_cpus > *largest)
			*largest = pl.max_cpus;
		if (per != NULL)
			json_array_append_new(per, json_pack("{s:s,s:I}", "name", pl.name,
							     "max_cpus", (json_int_t)pl.max_cpus));
		if (names != NULL)
			snprintf(names + strlen(names), cap - strlen(names), " %s", pl.name);
	}
	return 0;
}

/* Platform @name's line of the listing, and its entry in @list. */
static int list_platform(struct cli *c, const char *name, json_t *list)
{
	struct gicplan_platform *p = NULL;
	struct gicplan_platform_info info;
	struct gicplan_error e;
	json_t *placements = json_array(), *by_version = json_object();
	char versions[8] = "", limits[64] = "", *names = NULL;
	size_t cap;
	uint64_t largest;
	int rc = -1;

	if (cli_platform(c, name, &p, &info) < 0)
		goto out;
	cap = (size_t)info.nr_placements * (GICPLAN_NAME_MAX + 1) + 1;
	names = calloc(cap, 1);
	if (names == NULL) {
		cli_fail(c, CLI_EXIT_USAGE, "out of memory");
		goto out;
	}
	for (unsigned v = GIC_VERSION_FIRST; v <= GIC_VERSION_LAST; v++) {
		char key[8];

		if (!offers(&info, v))
			continue;
		if (platform_largest(p, &info, v, &largest, NULL, NULL, 0, &e) < 0) {
			cli_pass(c, &e);
			goto out;
		}
		snprintf(versions + strlen(versions), sizeof(versions) - strlen(versions), "%s%u",
			 *versions ? "," : "", v);
		snprintf(limits + strlen(limits), sizeof(limits) - strlen(limits),
			 "%sGICv%u up to %" PRIu64, *limits ? ", " : "", v, largest);
		snprintf(key, sizeof(key), "gicv%u", v);
		json_object_set_new(by_version, key, json_integer((json_int_t)largest));
	}
	if (platform_largest(p, &info, info.default_gic_version, &largest, placements, names, cap,
			     &e) < 0) {
		cli_pass(c, &e);
		goto out;
	}
	json_array_append_new(list, json_pack("{s:s,s:I,s:s,s:s,s:O,s:I,s:O}", "name", info.name,
					      "version", (json_int_t)info.version, "description",
					      info.description, "gic_versions", versions,
					      "placements", placements, "max_cpus",
					      (json_int_t)largest, "max_cpus_by_version",
					      by_version));
	if (c->format == FORMAT_TEXT)
		printf("%-17s %s vCPUs (%u-bit IPA); placements:%s\n", info.name, limits,
		       info.ipa_bits, names);
	rc = 0;
out:
	json_decref(placements);
	json_decref(by_version);
	free(names);
	gicplan_platform_free(p);
	return rc;
}

int cmd_platforms(struct cli *c)
{
	char (*names)[GICPLAN_NAME_MAX] = NULL;
	struct gicplan_error e;
	json_t *list = NULL;
	size_t n;
	int rc = CLI_EXIT_OK;

	if (c->format == FORMAT_JUNIT)
		return usage_error("--format junit: platforms checks nothing (text or json)");
	names = calloc(GICPLAN_PLATFORMS_MAX, sizeof(*names));
	list = json_array();
	if (names == NULL) {
		cli_fail(c, CLI_EXIT_USAGE, "out of memory");
		goto out;
	}
	if (gicplan_platforms_list(names, GICPLAN_PLATFORMS_MAX, &n, &e) < 0) {
		cli_pass(c, &e);
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		if (list_platform(c, names[i], list) < 0)
			goto out;
	if (c->format == FORMAT_TEXT) {
		printf("\nother walls of each platform (KVM, Linux, the VMM): gicplan limits "
		       "--platform NAME\n");
	} else {
		json_t *root = gp_report_envelope(GP_FORMAT_PLATFORMS, GP_RESULT_OK);

		json_object_set(root, "platforms", list);
		print_json(root);
		json_decref(root);
	}
out:
	if (cli_failed(c))
		rc = report_error(c);
	json_decref(list);
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
static void wall_owner_text(const struct gicplan_wall *w, char *buf, size_t cap)
{
	static const char *const names[] = {
		[GICPLAN_WALL_ARCH] = "the architecture", [GICPLAN_WALL_KVM] = "KVM",
		[GICPLAN_WALL_LINUX] = "Linux (the guest)", [GICPLAN_WALL_QEMU] = "QEMU",
		[GICPLAN_WALL_VMM] = "the VMM", [GICPLAN_WALL_PLATFORM] = "the platform",
	};

	if (w->vmm[0])
		snprintf(buf, cap, "%s (%s)", names[w->owner], w->vmm);
	else
		snprintf(buf, cap, "%s", names[w->owner]);
}

static json_t *wall_json(const struct gicplan_wall *w)
{
	const struct gicplan_wall_source *s = &w->source;
	json_t *j = json_pack("{s:s,s:s,s:s,s:s,s:b,s:o,s:b,s:s,s:{s:s,s:s,s:s,s:o}}", "name",
			      w->name, "what", w->what, "value", w->value, "imposed_by",
			      gicplan_wall_owner_name(w->owner), "applies", w->applies,
			      "met_at_cpus", w->met ? json_integer((json_int_t)w->met_at) : json_null(),
			      "first", w->first, "note", w->note, "source", "repository",
			      s->repository, "path", s->path, "symbol", s->symbol, "commit",
			      s->has_commit ? json_string(s->commit) : json_null());

	if (j != NULL && w->vmm[0])
		json_object_set_new(j, "vmm", json_string(w->vmm));
	return j;
}

static void print_wall(const struct gicplan_wall *w)
{
	const struct gicplan_wall_source *s = &w->source;
	char at[24], owner[GICPLAN_NAME_MAX * 2], source[GICPLAN_TEXT_MAX * 4];

	if (w->met)
		snprintf(at, sizeof(at), "%" PRIu64, w->met_at);
	else
		snprintf(at, sizeof(at), "%s", w->applies ? "never" : "n/a");
	wall_owner_text(w, owner, sizeof(owner));
	printf("%c %9s  %-20s %-34s %s\n", w->first ? '*' : ' ', at, w->name, w->value, owner);
	print_folded("", w->what);
	if (w->note[0])
		print_folded("here: ", w->note);
	snprintf(source, sizeof(source), "%s %s %s%s%s", s->repository, s->path, s->symbol,
		 s->has_commit ? " @" : "", s->commit);
	print_folded("source: ", source);
}

int cmd_limits(struct cli *c)
{
	struct gicplan_platform *p = NULL;
	struct gicplan_platform_info info;
	struct gicplan_wall *walls = calloc(GICPLAN_WALLS, sizeof(*walls));
	struct gicplan_fit fit;
	struct gicplan_error e;
	json_t *root = NULL, *list;
	size_t n;
	int first, rc = CLI_EXIT_OK;

	if (c->format == FORMAT_JUNIT) {
		rc = usage_error("--format junit: limits checks nothing (text or json)");
		goto out;
	}
	if (walls == NULL) {
		cli_fail(c, CLI_EXIT_USAGE, "out of memory");
		goto out;
	}
	if (cli_platform(c, c->platform, &p, &info) < 0)
		goto out;
	fit = request_fit(c, &info);
	if (gicplan_limits(p, &fit, walls, GICPLAN_WALLS, &n, &first, &e) < 0) {
		cli_pass(c, &e);
		goto out;
	}
	if (c->format == FORMAT_TEXT) {
		printf("platform %s (version %" PRIu32 "): GICv%u, %u-bit IPA, %s\n", info.name,
		       info.version, fit.gic_version, fit.ipa_bits,
		       fit.its ? "with an ITS" : "no ITS");
		if (first >= 0)
			printf("the first wall it meets: %s, at %" PRIu64 " vCPUs (*)\n",
			       walls[first].name, walls[first].met_at);
		printf("\n%c %9s  %-20s %-34s %s\n", ' ', "met at", "wall", "value", "imposed by");
		for (size_t i = 0; i < n; i++)
			print_wall(&walls[i]);
		goto out;
	}
	root = gp_report_envelope(GP_FORMAT_LIMITS, GP_RESULT_OK);
	list = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, wall_json(&walls[i]));
	json_object_set_new(root, "platform", json_string(info.name));
	json_object_set_new(root, "platform_version", json_integer(info.version));
	json_object_set_new(root, "gic_version", json_integer(fit.gic_version));
	json_object_set_new(root, "ipa_bits", json_integer(fit.ipa_bits));
	json_object_set_new(root, "its", json_boolean(fit.its));
	json_object_set_new(root, "first_wall",
			    first >= 0 ? json_string(walls[first].name) : json_null());
	json_object_set_new(root, "walls", list);
	print_json(root);
out:
	if (cli_failed(c))
		rc = report_error(c);
	json_decref(root);
	free(walls);
	gicplan_platform_free(p);
	return rc;
}
