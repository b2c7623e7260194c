#include "kvm.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "json_in.h"
#include "layout.h"

static const char *device_name(uint32_t device)
{
	return device == KVM_DEV_TYPE_ARM_VGIC_ITS ? "KVM_DEV_TYPE_ARM_VGIC_ITS"
						   : "KVM_DEV_TYPE_ARM_VGIC_V3";
}

static const char *group_name(uint32_t group)
{
	switch (group) {
	case KVM_DEV_ARM_VGIC_GRP_ADDR: return "KVM_DEV_ARM_VGIC_GRP_ADDR";
	case KVM_DEV_ARM_VGIC_GRP_NR_IRQS: return "KVM_DEV_ARM_VGIC_GRP_NR_IRQS";
	case KVM_DEV_ARM_VGIC_GRP_CTRL: return "KVM_DEV_ARM_VGIC_GRP_CTRL";
	}
	return "unknown";
}

static const char *attr_name(uint32_t device, uint32_t group, uint64_t attr)
{
	if (group == KVM_DEV_ARM_VGIC_GRP_CTRL && attr == KVM_DEV_ARM_VGIC_CTRL_INIT)
		return "KVM_DEV_ARM_VGIC_CTRL_INIT";
	if (group != KVM_DEV_ARM_VGIC_GRP_ADDR)
		return "0";
	if (device == KVM_DEV_TYPE_ARM_VGIC_ITS && attr == KVM_VGIC_ITS_ADDR_TYPE)
		return "KVM_VGIC_ITS_ADDR_TYPE";
	switch (attr) {
	case KVM_VGIC_V3_ADDR_TYPE_DIST: return "KVM_VGIC_V3_ADDR_TYPE_DIST";
	case KVM_VGIC_V3_ADDR_TYPE_REDIST: return "KVM_VGIC_V3_ADDR_TYPE_REDIST";
	case KVM_VGIC_V3_ADDR_TYPE_REDIST_REGION: return "KVM_VGIC_V3_ADDR_TYPE_REDIST_REGION";
	}
	return "unknown";
}

uint64_t gp_kvm_redist_region(uint64_t base, uint32_t count, uint32_t flags, uint32_t index)
{
	return (uint64_t)count << KVM_VGIC_V3_RDIST_COUNT_SHIFT |
	       (base & KVM_VGIC_V3_RDIST_BASE_MASK) |
	       (uint64_t)(flags & KVM_VGIC_V3_RDIST_FLAGS_MASK) << KVM_VGIC_V3_RDIST_FLAGS_SHIFT |
	       (index & KVM_VGIC_V3_RDIST_INDEX_MASK);
}

void gp_kvm_redist_region_decode(uint64_t value, uint64_t *base, uint32_t *count,
				 uint32_t *flags, uint32_t *index)
{
	*count = (uint32_t)(value >> KVM_VGIC_V3_RDIST_COUNT_SHIFT);
	*base = value & KVM_VGIC_V3_RDIST_BASE_MASK;
	*flags = (uint32_t)(value >> KVM_VGIC_V3_RDIST_FLAGS_SHIFT) & KVM_VGIC_V3_RDIST_FLAGS_MASK;
	*index = (uint32_t)value & KVM_VGIC_V3_RDIST_INDEX_MASK;
}

static void add(struct gp_kvm_list *l, uint32_t device, uint32_t group, uint64_t attr,
		bool has_value, uint64_t value, const char *what)
{
	struct gp_kvm_attr *a = &l->attrs[l->n++];

	*a = (struct gp_kvm_attr){ device, group, attr, has_value, value, "" };
	snprintf(a->what, sizeof(a->what), "%s", what);
}

int gp_kvm_attrs(const struct gp_vgic *v, struct gp_kvm_list *out, struct gp_error *err)
{
	/* DIST, the regions, the ITS address, NR_IRQS and two CTRL_INITs. */
	size_t max = 6 + (size_t)v->nr_regions;
	char what[96];

	out->n = 0;
	out->attrs = calloc(max, sizeof(*out->attrs));
	if (out->attrs == NULL)
		return gp_fail(err, GP_EXIT_USAGE, "out of memory");
	snprintf(what, sizeof(what), "distributor at 0x%" PRIx64, v->dist_base);
	add(out, KVM_DEV_TYPE_ARM_VGIC_V3, KVM_DEV_ARM_VGIC_GRP_ADDR, KVM_VGIC_V3_ADDR_TYPE_DIST,
	    true, v->dist_base, what);
	if (gp_vgic_legacy_redist(v)) {
		snprintf(what, sizeof(what), "every redistributor from 0x%" PRIx64,
			 v->regions[0].base);
		add(out, KVM_DEV_TYPE_ARM_VGIC_V3, KVM_DEV_ARM_VGIC_GRP_ADDR,
		    KVM_VGIC_V3_ADDR_TYPE_REDIST, true, v->regions[0].base, what);
	} else {
		for (uint32_t i = 0; i < v->nr_regions; i++) {
			const struct gp_vgic_region *r = &v->regions[i];
			/*
			 * A count the descriptor's 12 bits cannot hold goes in as 0, which
			 * KVM refuses (and gp_kvm_check reports), never truncated to a count
			 * KVM would take and the guest would not find its frames in.
			 */
			bool fits = r->count <= KVM_VGIC_V3_RDIST_COUNT_MAX;

			snprintf(what, sizeof(what), "region %" PRIu32 ": %" PRIu64
				 " redistributors at 0x%" PRIx64 "%s", i, r->count, r->base,
				 fits ? "" : ", more than a descriptor counts");
			add(out, KVM_DEV_TYPE_ARM_VGIC_V3, KVM_DEV_ARM_VGIC_GRP_ADDR,
			    KVM_VGIC_V3_ADDR_TYPE_REDIST_REGION, true,
			    gp_kvm_redist_region(r->base, fits ? (uint32_t)r->count : 0, 0, i),
			    what);
		}
	}
	if (v->has_its) {
		snprintf(what, sizeof(what), "ITS at 0x%" PRIx64, v->its_base);
		add(out, KVM_DEV_TYPE_ARM_VGIC_ITS, KVM_DEV_ARM_VGIC_GRP_ADDR, KVM_VGIC_ITS_ADDR_TYPE,
		    true, v->its_base, what);
	}
	snprintf(what, sizeof(what), "%" PRIu32 " INTIDs: %" PRIu32 " SPIs", v->nr_irqs,
		 v->nr_irqs - GP_PRIVATE_INTIDS);
	add(out, KVM_DEV_TYPE_ARM_VGIC_V3, KVM_DEV_ARM_VGIC_GRP_NR_IRQS, 0, true, v->nr_irqs, what);
	add(out, KVM_DEV_TYPE_ARM_VGIC_V3, KVM_DEV_ARM_VGIC_GRP_CTRL, KVM_DEV_ARM_VGIC_CTRL_INIT,
	    false, 0, "initialise, after every vCPU is created");
	if (v->has_its)
		add(out, KVM_DEV_TYPE_ARM_VGIC_ITS, KVM_DEV_ARM_VGIC_GRP_CTRL,
		    KVM_DEV_ARM_VGIC_CTRL_INIT, false, 0, "initialise the ITS");
	return 0;
}

int gp_kvm_attrs_of_plan(const struct gp_plan *plan, struct gp_kvm_list *out,
			 struct gp_error *err)
{
	struct gp_vgic v;
	int rc;

	if (gp_vgic_from_plan(plan, &v, err) < 0)
		return -1;
	rc = gp_kvm_attrs(&v, out, err);
	gp_vgic_free(&v);
	return rc;
}

void gp_kvm_free(struct gp_kvm_list *l)
{
	free(l->attrs);
	l->attrs = NULL;
	l->n = 0;
}

/* A range KVM registers: where, and for the messages what it is. */
struct kvm_range {
	uint64_t base, size;
	char what[sizeof(((struct gp_kvm_attr *)0)->what)];
};

bool gp_kvm_check(const struct gp_kvm_list *l, uint64_t nr_cpus, unsigned ipa_bits,
		  char *error, size_t ecap, char *warning, size_t wcap)
{
	struct kvm_range *r = calloc(l->n + 1, sizeof(*r));
	uint64_t ipa_end = gp_ipa_end(ipa_bits), redist_size = GP_REDIST_FRAMES_V3 * GP_GIC_FRAME_SIZE;
	uint32_t next_index = 0;
	size_t nr = 0;

	error[0] = warning[0] = '\0';
	if (nr_cpus > KVM_ARM64_MAX_VCPUS)
		snprintf(warning, wcap, "%" PRIu64 " vCPUs: arm64 KVM creates at most %u", nr_cpus,
			 KVM_ARM64_MAX_VCPUS);
	if (r == NULL) {
		snprintf(error, ecap, "out of memory");
		return false;
	}
	for (size_t i = 0; i < l->n && !error[0]; i++) {
		const struct gp_kvm_attr *a = &l->attrs[i];
		uint64_t base = a->value, size = 0, end;
		uint32_t count, flags, index;

		if (a->group == KVM_DEV_ARM_VGIC_GRP_NR_IRQS) {
			if (a->value < KVM_VGIC_NR_IRQS_MIN || a->value > KVM_VGIC_NR_IRQS_MAX ||
			    a->value % KVM_VGIC_NR_IRQS_STEP != 0)
				snprintf(error, ecap, "NR_IRQS %" PRIu64 ": KVM takes %u to %u in steps "
						      "of %u", a->value, KVM_VGIC_NR_IRQS_MIN,
					 KVM_VGIC_NR_IRQS_MAX, KVM_VGIC_NR_IRQS_STEP);
			continue;
		}
		if (a->group != KVM_DEV_ARM_VGIC_GRP_ADDR)
			continue;
		switch (a->attr) {
		case KVM_VGIC_V3_ADDR_TYPE_DIST:
			size = GP_GICD_SIZE;
			break;
		case KVM_VGIC_ITS_ADDR_TYPE:
			size = GP_ITS_SIZE;
			break;
		case KVM_VGIC_V3_ADDR_TYPE_REDIST:
			if (!gp_mul(nr_cpus, redist_size, &size))
				size = UINT64_MAX;
			break;
		case KVM_VGIC_V3_ADDR_TYPE_REDIST_REGION:
			gp_kvm_redist_region_decode(a->value, &base, &count, &flags, &index);
			if (index != next_index || index >= KVM_VGIC_RDIST_INDEX_KEPT)
				snprintf(error, ecap, "REDIST_REGION index %" PRIu32 ": KVM wants %"
						      PRIu32 " next and keeps indices in a u8 (below "
						      "256)", index, next_index);
			else if (count == 0)
				snprintf(error, ecap, "REDIST_REGION %" PRIu32 ": count 0 (a "
						      "descriptor counts 1 to %u redistributors)", index,
					 KVM_VGIC_V3_RDIST_COUNT_MAX);
			else if (flags != 0)
				snprintf(error, ecap, "REDIST_REGION %" PRIu32 ": flags must be 0",
					 index);
			next_index++;
			size = (uint64_t)count * redist_size;
			break;
		}
		if (error[0])
			break;
		r[nr] = (struct kvm_range){ base, size, "" };
		snprintf(r[nr].what, sizeof(r[nr].what), "%s", a->what);
		if (!gp_aligned(base, GP_GIC_ALIGN))
			snprintf(error, ecap, "%s: 0x%" PRIx64 " is not 64 KiB aligned", a->what,
				 base);
		else if (!gp_add(base, size, &end) || end > ipa_end)
			snprintf(error, ecap, "%s: ends above the %u-bit IPA (KVM: -E2BIG)", a->what,
				 ipa_bits);
		for (size_t k = 0; k < nr && !error[0]; k++)
			if (base < r[k].base + r[k].size && r[k].base < base + size)
				snprintf(error, ecap, "%s overlaps %s", a->what, r[k].what);
		nr++;
	}
	free(r);
	return error[0] == '\0';
}

json_t *gp_kvm_json(const struct gp_kvm_list *l)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < l->n; i++) {
		const struct gp_kvm_attr *a = &l->attrs[i];
		json_t *o = json_pack("{s:s,s:i,s:s,s:I,s:s}", "device", device_name(a->device),
				      "group", (int)a->group, "group_name", group_name(a->group),
				      "attr", (json_int_t)a->attr, "attr_name",
				      attr_name(a->device, a->group, a->attr));

		json_object_set_new(o, "value", a->has_value ? gp_json_hex(a->value) : json_null());
		json_object_set_new(o, "what", json_string(a->what));
		json_array_append_new(arr, o);
	}
	return arr;
}

void gp_kvm_text(FILE *out, const struct gp_kvm_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct gp_kvm_attr *a = &l->attrs[i];
		char value[24] = "-";

		if (a->has_value)
			snprintf(value, sizeof(value), "0x%016" PRIx64, a->value);
		fprintf(out, "  %-9s %-28s %-36s %-18s %s\n",
			a->device == KVM_DEV_TYPE_ARM_VGIC_ITS ? "vgic-its" : "vgic-v3",
			group_name(a->group), attr_name(a->device, a->group, a->attr), value, a->what);
	}
}
