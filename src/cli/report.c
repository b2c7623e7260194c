/* SPDX-License-Identifier: MIT */
#include "report.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "json_in.h"
#include "kvm.h"
#include "error.h"
#include "plan_json.h"
#include "units.h"

json_t *gp_report_envelope(const char *format, const char *result)
{
	return json_pack("{s:s,s:i,s:s,s:s}", "format", format, "format_version",
			 GP_REPORT_FORMAT_VERSION, "generator", gp_generator(), "result", result);
}

json_t *gp_report_error_json(int exit_code, const char *message)
{
	json_t *root = gp_report_envelope(GP_FORMAT_ERROR, exit_code == GP_EXIT_INFEASIBLE
								   ? GP_RESULT_NO_PLACEMENT
								   : GP_RESULT_ERROR);

	json_object_set_new(root, "exit_code", json_integer(exit_code));
	json_object_set_new(root, "error", json_pack("{s:s}", "message", message));
	return root;
}

json_t *gp_report_json(const struct gp_plan *plan, const char *result)
{
	json_t *root = gp_report_envelope(GP_FORMAT_REPORT, result), *redist = json_array();

	json_object_set_new(root, "platform", json_string(plan->platform));
	json_object_set_new(root, "platform_version", json_integer(plan->platform_version));
	json_object_set_new(root, "tier", json_string(plan->tier));
	json_object_set_new(root, "why", json_string(plan->why));
	if (plan->notes[0])
		json_object_set_new(root, "notes", json_string(plan->notes));
	json_object_set_new(root, "cpus", json_integer((json_int_t)plan->req.cpus));
	json_object_set_new(root, "gic_version", json_integer(plan->req.gic_version));
	json_object_set_new(root, "its", json_boolean(plan->has_its));
	json_object_set_new(root, "ipa_bits", json_integer(plan->ipa_bits));
	json_object_set_new(root, "spis", json_integer(plan->req.spis));
	for (uint32_t i = 0; i < plan->nr_redist; i++)
		json_array_append_new(redist,
				      json_pack("{s:o,s:o,s:o,s:I,s:I,s:I}", "base",
						gp_json_hex(plan->redist[i].base), "window_size",
						gp_json_hex(plan->redist[i].window), "described_size",
						gp_json_hex(plan->redist[i].reg_size), "first_cpu",
						(json_int_t)plan->redist[i].first_cpu, "count",
						(json_int_t)plan->redist[i].count, "capacity",
						(json_int_t)plan->redist[i].capacity));
	json_object_set_new(root, "redist_regions", redist);
	json_object_set_new(root, "regions", gp_plan_regions_json(plan));
	json_object_set_new(root, "kvm", gp_plan_kvm_json(plan));
	return root;
}

/* KVM attribute list @l for people, one attribute a line. */
static void kvm_text(FILE *out, const struct gp_kvm_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct gp_kvm_attr *a = &l->attrs[i];
		char value[24] = "-";

		if (a->has_value)
			snprintf(value, sizeof(value), "0x%016" PRIx64, a->value);
		fprintf(out, "  %-9s %-28s %-36s %-18s %s\n",
			a->device == KVM_DEV_TYPE_ARM_VGIC_ITS ? "vgic-its" : "vgic-v3",
			gp_kvm_group_name(a->group), gp_kvm_attr_name(a->device, a->group, a->attr),
			value, a->what);
	}
}

/* The KVM_SET_DEVICE_ATTR sequence a VMM issues for this plan. */
static void report_kvm(FILE *out, const struct gp_plan *plan)
{
	struct gp_kvm_list l;
	struct gp_error err;

	gp_error_init(&err);
	if (gp_kvm_attrs_of_plan(plan, &l, &err) < 0)
		return;
	fprintf(out, "\nKVM_SET_DEVICE_ATTR, in order:\n");
	kvm_text(out, &l);
	gp_kvm_free(&l);
}

/* What the tree describes of region @r when it is a redistributor window, else 0. */
static uint64_t described_size(const struct gp_plan *plan, const struct gp_region *r)
{
	char name[sizeof(r->name)];

	for (uint32_t i = 0; i < plan->nr_redist; i++) {
		snprintf(name, sizeof(name), "redist%" PRIu32, i);
		if (plan->redist[i].base == r->base && strcmp(r->name, name) == 0)
			return plan->redist[i].reg_size;
	}
	return 0;
}

void gp_report_text(FILE *out, const struct gp_plan *plan)
{
	size_t n = gp_plan_regions(plan, NULL, 0);
	struct gp_region *r = calloc(n, sizeof(*r));
	char a[GP_SIZE_STR_MAX], b[GP_SIZE_STR_MAX], c[GP_SIZE_STR_MAX];

	fprintf(out, "platform  %s (version %" PRIu32 ")\n", plan->platform,
		plan->platform_version);
	fprintf(out, "request   %" PRIu64 " vCPUs, GICv%u (%s redistributors), %s, %u-bit IPA, "
		"%" PRIu32 " SPIs, %s RAM%s\n", plan->req.cpus, plan->req.gic_version,
		gp_size_str(a, sizeof(a), plan->redist_size), plan->has_its ? "ITS" : "no ITS",
		plan->ipa_bits, plan->req.spis, gp_size_str(b, sizeof(b), plan->req.ram_size),
		plan->req.virtualization ? ", virtualization" : "");
	fprintf(out, "tier      %s: %s\n", plan->tier, plan->tier_summary);
	fprintf(out, "why       %s\n", plan->why);
	if (plan->notes[0])
		fprintf(out, "notes     %s\n", plan->notes);
	for (uint32_t i = 0; i < plan->nr_redist; i++) {
		const struct gp_redist_region *g = &plan->redist[i];

		fprintf(out, "redist%-4" PRIu32 "%s: vCPUs %" PRIu64 "-%" PRIu64 ", %" PRIu64 " of %"
			PRIu64 " frames; a %s window, the tree describes %s of it\n", i,
			gp_hex(a, sizeof(a), g->base), g->first_cpu, g->first_cpu + g->count - 1,
			g->count, g->capacity, gp_size_str(b, sizeof(b), g->window),
			gp_size_str(c, sizeof(c), g->reg_size));
	}
	if (r == NULL)
		return;
	gp_plan_regions(plan, r, n);
	/* SIZE is what the platform reserves; DESCRIBED what the tree's reg says of it. */
	fprintf(out, "\n%-16s %-14s %-14s %-24s %s\n", "REGION", "BASE", "END", "SIZE",
		"DESCRIBED");
	for (size_t i = 0; i < n; i++) {
		uint64_t described = described_size(plan, &r[i]);
		char d[GP_SIZE_STR_MAX];

		fprintf(out, "%-16s %-14s %-14s ", r[i].name, gp_hex(a, sizeof(a), r[i].base),
			gp_hex(c, sizeof(c), r[i].base + r[i].size));
		if (described)
			fprintf(out, "%-24s %s\n", gp_size_exact_str(b, sizeof(b), r[i].size),
				gp_size_exact_str(d, sizeof(d), described));
		else
			fprintf(out, "%s\n", gp_size_exact_str(b, sizeof(b), r[i].size));
	}
	free(r);
	report_kvm(out, plan);
}
