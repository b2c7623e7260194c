/* SPDX-License-Identifier: MIT */
#include "report.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

const char *gp_report_generator(void)
{
	static char generator[64];

	if (generator[0] == '\0')
		snprintf(generator, sizeof(generator), "gicplan %s", gicplan_version());
	return generator;
}

json_t *gp_report_envelope(const char *format, const char *result)
{
	return json_pack("{s:s,s:i,s:s,s:s}", "format", format, "format_version",
			 GP_REPORT_FORMAT_VERSION, "generator", gp_report_generator(), "result",
			 result);
}

json_t *gp_report_error_json(int exit_code, const char *message)
{
	json_t *root = gp_report_envelope(GP_FORMAT_ERROR, exit_code == CLI_EXIT_INFEASIBLE
								   ? GP_RESULT_NO_PLACEMENT
								   : GP_RESULT_ERROR);

	json_object_set_new(root, "exit_code", json_integer(exit_code));
	json_object_set_new(root, "error", json_pack("{s:s}", "message", message));
	return root;
}

/* @v as a JSON "0x..." string. */
static json_t *json_hex(uint64_t v)
{
	char buf[GICPLAN_SIZE_STR_MAX];

	return json_string(gicplan_hex_str(buf, sizeof(buf), v));
}

struct gicplan_redist_region *gp_plan_redist_regions_new(const struct gicplan_plan *plan,
							size_t *n)
{
	struct gicplan_redist_region *g;

	*n = gicplan_plan_redist_regions(plan, NULL, 0);
	g = calloc(*n > 0 ? *n : 1, sizeof(*g));
	if (g != NULL)
		gicplan_plan_redist_regions(plan, g, *n);
	return g;
}

struct gicplan_region *gp_plan_regions_new(const struct gicplan_plan *plan, size_t *n)
{
	struct gicplan_region *r;

	*n = gicplan_plan_regions(plan, NULL, 0);
	r = calloc(*n > 0 ? *n : 1, sizeof(*r));
	if (r != NULL)
		gicplan_plan_regions(plan, r, *n);
	return r;
}

/* The plan's KVM attribute list (new array of @n, or NULL on an error). */
static struct gicplan_kvm_attr *kvm_attrs(const struct gicplan_plan *plan, size_t *n)
{
	struct gicplan_kvm_attr *a;

	*n = 0;
	if (gicplan_plan_kvm_attrs(plan, NULL, 0, n, NULL) != GICPLAN_E_RANGE)
		return NULL;
	a = calloc(*n > 0 ? *n : 1, sizeof(*a));
	if (a != NULL && gicplan_plan_kvm_attrs(plan, a, *n, n, NULL) < 0) {
		free(a);
		a = NULL;
	}
	return a;
}

char *gp_plan_file_text(const struct gicplan_plan *plan, size_t *len, struct gicplan_error *e)
{
	char *text;

	/* Sized first: the text is small next to the tree. */
	if (gicplan_plan_json(plan, NULL, 0, len, e) != GICPLAN_E_RANGE)
		return NULL;
	text = malloc(*len + 1);
	if (text == NULL) {
		*e = (struct gicplan_error){ .code = GICPLAN_E_NOMEM, .message = "out of memory" };
		return NULL;
	}
	if (gicplan_plan_json(plan, text, *len + 1, len, e) < 0) {
		free(text);
		return NULL;
	}
	return text;
}

/* Member @key of the plan file @file (a new reference), or @otherwise when it has none. */
static json_t *plan_file_member(json_t *file, const char *key, json_t *otherwise)
{
	json_t *v = json_object_get(file, key);

	if (v == NULL)
		return otherwise;
	json_decref(otherwise);
	return json_incref(v);
}

json_t *gp_report_json(const struct gicplan_plan *plan, const char *plan_text, const char *result)
{
	json_t *root = gp_report_envelope(GP_FORMAT_REPORT, result), *redist = json_array();
	struct gicplan_plan_info info;
	struct gicplan_plan_story story;
	struct gicplan_redist_region *g;
	struct gicplan_error e;
	char *own = NULL;
	json_t *file;
	size_t n, len;

	gicplan_plan_info(plan, &info, NULL);
	gicplan_plan_story(plan, &story, NULL);
	json_object_set_new(root, "platform", json_string(info.platform));
	json_object_set_new(root, "platform_version", json_integer(story.platform_version));
	json_object_set_new(root, "tier", json_string(info.tier));
	json_object_set_new(root, "why", json_string(story.why));
	if (story.notes[0])
		json_object_set_new(root, "notes", json_string(story.notes));
	json_object_set_new(root, "cpus", json_integer((json_int_t)info.max_cpus));
	json_object_set_new(root, "gic_version", json_integer(info.gic_version));
	json_object_set_new(root, "its", json_boolean(info.has_its));
	json_object_set_new(root, "ipa_bits", json_integer(info.ipa_bits));
	json_object_set_new(root, "spis", json_integer(info.spis));
	g = gp_plan_redist_regions_new(plan, &n);
	for (size_t i = 0; g != NULL && i < n; i++)
		json_array_append_new(redist,
				      json_pack("{s:o,s:o,s:o,s:I,s:I,s:I}", "base",
						json_hex(g[i].base), "window_size",
						json_hex(g[i].window), "described_size",
						json_hex(g[i].size), "first_cpu",
						(json_int_t)g[i].first_cpu, "count",
						(json_int_t)g[i].count, "capacity",
						(json_int_t)g[i].capacity));
	free(g);
	json_object_set_new(root, "redist_regions", redist);
	/* The regions and the KVM list as the plan file gives them: one format for both. */
	if (plan_text == NULL)
		plan_text = own = gp_plan_file_text(plan, &len, &e);
	file = plan_text != NULL ? json_loads(plan_text, 0, NULL) : NULL;
	json_object_set_new(root, "regions", plan_file_member(file, "regions", json_array()));
	json_object_set_new(root, "kvm", plan_file_member(file, "kvm", json_null()));
	json_decref(file);
	free(own);
	return root;
}

/* The KVM_SET_DEVICE_ATTR sequence a VMM issues for this plan, one attribute a line. */
static void report_kvm(FILE *out, const struct gicplan_plan *plan)
{
	size_t n;
	struct gicplan_kvm_attr *l = kvm_attrs(plan, &n);

	if (l == NULL)
		return;
	fprintf(out, "\nKVM_SET_DEVICE_ATTR, in order:\n");
	for (size_t i = 0; i < n; i++) {
		const struct gicplan_kvm_attr *a = &l[i];
		char value[24] = "-";

		if (a->has_value)
			snprintf(value, sizeof(value), "0x%016" PRIx64, a->value);
		fprintf(out, "  %-9s %-28s %-36s %-18s %s\n",
			a->device == GICPLAN_KVM_DEV_TYPE_ARM_VGIC_ITS ? "vgic-its" : "vgic-v3",
			gicplan_kvm_group_name(a->group),
			gicplan_kvm_attr_name(a->device, a->group, a->attr), value, a->what);
	}
	free(l);
}

/* What the tree describes of region @r when it is a redistributor window, else 0. */
static uint64_t described_size(const struct gicplan_redist_region *g, size_t n,
			       const struct gicplan_region *r)
{
	char name[sizeof(r->name)];

	for (size_t i = 0; g != NULL && i < n; i++) {
		snprintf(name, sizeof(name), "redist%" PRIu32, g[i].index);
		if (g[i].base == r->base && strcmp(r->name, name) == 0)
			return g[i].size;
	}
	return 0;
}

void gp_report_text(FILE *out, const struct gicplan_plan *plan)
{
	struct gicplan_plan_info info;
	struct gicplan_plan_story story;
	size_t n, nr_redist;
	struct gicplan_redist_region *g = gp_plan_redist_regions_new(plan, &nr_redist);
	struct gicplan_region *r;
	char a[GICPLAN_SIZE_STR_MAX], b[GICPLAN_SIZE_STR_MAX], c[GICPLAN_SIZE_STR_MAX];

	gicplan_plan_info(plan, &info, NULL);
	gicplan_plan_story(plan, &story, NULL);
	fprintf(out, "platform  %s (version %" PRIu32 ")\n", info.platform, story.platform_version);
	fprintf(out, "request   %" PRIu64 " vCPUs, GICv%u (%s redistributors), %s, %u-bit IPA, "
		"%" PRIu32 " SPIs, %s RAM%s\n", info.max_cpus, info.gic_version,
		gicplan_size_str(a, sizeof(a), info.redist_size), info.has_its ? "ITS" : "no ITS",
		info.ipa_bits, info.spis, gicplan_size_str(b, sizeof(b), info.ram_size),
		info.virtualization ? ", virtualization" : "");
	fprintf(out, "tier      %s: %s\n", info.tier, story.tier_summary);
	fprintf(out, "why       %s\n", story.why);
	if (story.notes[0])
		fprintf(out, "notes     %s\n", story.notes);
	for (size_t i = 0; g != NULL && i < nr_redist; i++)
		fprintf(out, "redist%-4" PRIu32 "%s: vCPUs %" PRIu64 "-%" PRIu64 ", %" PRIu64 " of %"
			PRIu64 " frames; a %s window, the tree describes %s of it\n", g[i].index,
			gicplan_hex_str(a, sizeof(a), g[i].base), g[i].first_cpu,
			g[i].first_cpu + g[i].count - 1, g[i].count,
			g[i].capacity,
			gicplan_size_str(b, sizeof(b), g[i].window),
			gicplan_size_str(c, sizeof(c), g[i].size));
	r = gp_plan_regions_new(plan, &n);
	if (r == NULL) {
		free(g);
		return;
	}
	/* SIZE is what the platform reserves; DESCRIBED what the tree's reg says of it. */
	fprintf(out, "\n%-16s %-14s %-14s %-24s %s\n", "REGION", "BASE", "END", "SIZE",
		"DESCRIBED");
	for (size_t i = 0; i < n; i++) {
		uint64_t described = described_size(g, nr_redist, &r[i]);
		char d[GICPLAN_SIZE_STR_MAX];

		fprintf(out, "%-16s %-14s %-14s ", r[i].name, gicplan_hex_str(a, sizeof(a), r[i].base),
			gicplan_hex_str(c, sizeof(c), r[i].base + r[i].size));
		if (described)
			fprintf(out, "%-24s %s\n", gicplan_size_exact_str(b, sizeof(b), r[i].size),
				gicplan_size_exact_str(d, sizeof(d), described));
		else
			fprintf(out, "%s\n", gicplan_size_exact_str(b, sizeof(b), r[i].size));
	}
	free(r);
	free(g);
	report_kvm(out, plan);
}
