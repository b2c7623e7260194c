#include "report.h"

#include <inttypes.h>
#include <stdlib.h>

#include "json_in.h"
#include "kvm.h"
#include "plan_json.h"

json_t *gp_report_json(const struct gp_plan *plan)
{
	json_t *root = json_object(), *redist = json_array();

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
				      json_pack("{s:o,s:o,s:I,s:I,s:I}", "base",
						gp_json_hex(plan->redist[i].base), "size",
						gp_json_hex(plan->redist[i].reg_size), "first_cpu",
						(json_int_t)plan->redist[i].first_cpu, "count",
						(json_int_t)plan->redist[i].count, "capacity",
						(json_int_t)plan->redist[i].capacity));
	json_object_set_new(root, "redist_regions", redist);
	json_object_set_new(root, "regions", gp_plan_regions_json(plan));
	json_object_set_new(root, "kvm", gp_plan_kvm_json(plan));
	return root;
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
	gp_kvm_text(out, &l);
	gp_kvm_free(&l);
}

void gp_report_text(FILE *out, const struct gp_plan *plan)
{
	size_t n = gp_plan_regions(plan, NULL, 0);
	struct gp_region *r = calloc(n, sizeof(*r));
	char a[32], b[32], c[32];

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
			PRIu64 " frames, the tree describes %s\n", i,
			gp_hex(a, sizeof(a), g->base), g->first_cpu, g->first_cpu + g->count - 1,
			g->count, g->capacity, gp_size_str(b, sizeof(b), g->reg_size));
	}
	if (r == NULL)
		return;
	gp_plan_regions(plan, r, n);
	fprintf(out, "\n%-16s %-18s %-14s %s\n", "REGION", "BASE", "SIZE", "END");
	for (size_t i = 0; i < n; i++)
		fprintf(out, "%-16s %-18s %-14s %s\n", r[i].name, gp_hex(a, sizeof(a), r[i].base),
			gp_size_str(b, sizeof(b), r[i].size),
			gp_hex(c, sizeof(c), r[i].base + r[i].size));
	free(r);
	report_kvm(out, plan);
}
