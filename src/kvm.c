/* SPDX-License-Identifier: MIT */
#include "kvm.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gic_regs.h"
#include "plan.h"
#include "units.h"

/* KVM_VGIC_V3_REDIST_SIZE: one vCPU's RD_base and SGI_base frames. */
#define KVM_REDIST_SIZE ((uint64_t)KVM_VGIC_V3_REDIST_FRAMES * GIC_FRAME_SIZE)

const char *gp_kvm_device_name(uint32_t device)
{
	return device == KVM_DEV_TYPE_ARM_VGIC_ITS ? "KVM_DEV_TYPE_ARM_VGIC_ITS"
						   : "KVM_DEV_TYPE_ARM_VGIC_V3";
}

const char *gp_kvm_group_name(uint32_t group)
{
	switch (group) {
	case KVM_DEV_ARM_VGIC_GRP_ADDR: return "KVM_DEV_ARM_VGIC_GRP_ADDR";
	case KVM_DEV_ARM_VGIC_GRP_NR_IRQS: return "KVM_DEV_ARM_VGIC_GRP_NR_IRQS";
	case KVM_DEV_ARM_VGIC_GRP_CTRL: return "KVM_DEV_ARM_VGIC_GRP_CTRL";
	case KVM_DEV_ARM_VGIC_GRP_MAINT_IRQ: return "KVM_DEV_ARM_VGIC_GRP_MAINT_IRQ";
	}
	return "unknown";
}

const char *gp_kvm_attr_name(uint32_t device, uint32_t group, uint64_t attr)
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

bool gp_kvm_redist_region(uint64_t base, uint32_t count, uint32_t index, uint64_t *value)
{
	if ((base & ~KVM_VGIC_V3_RDIST_BASE_MASK) != 0 || count > KVM_VGIC_V3_RDIST_COUNT_MAX ||
	    index > KVM_VGIC_V3_RDIST_INDEX_MASK)
		return false;
	*value = (uint64_t)count << KVM_VGIC_V3_RDIST_COUNT_SHIFT | base | index;
	return true;
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

	*a = (struct gp_kvm_attr){ device, group, attr, has_value, value, "", 0 };
	snprintf(a->what, sizeof(a->what), "%s", what);
}

int gp_kvm_attrs(const struct gp_vgic *v, struct gp_kvm_list *out, struct gp_error *err)
{
	/* DIST, the regions, NR_IRQS, MAINT_IRQ, CTRL_INIT; per ITS its address and CTRL_INIT. */
	size_t max = 4 + (size_t)v->nr_regions + 2 * (size_t)v->nr_its;
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
			uint64_t value = 0;
			/*
			 * What the descriptor cannot hold goes in without a value, saying
			 * why: never a base masked to 64 KiB or a count cut to 12 bits,
			 * which KVM would take for a region the guest does not look in.
			 */
			bool fits = r->count <= KVM_VGIC_V3_RDIST_COUNT_MAX &&
				    gp_kvm_redist_region(r->base, (uint32_t)r->count, i, &value);

			snprintf(what, sizeof(what), "region %" PRIu32 ": %" PRIu64
				 " redistributors at 0x%" PRIx64 "%s", i, r->count, r->base,
				 fits ? ""
				 : r->count > KVM_VGIC_V3_RDIST_COUNT_MAX
					 ? ", more than a descriptor's count holds"
					 : ", a base a descriptor's base [51:16] cannot hold");
			add(out, KVM_DEV_TYPE_ARM_VGIC_V3, KVM_DEV_ARM_VGIC_GRP_ADDR,
			    KVM_VGIC_V3_ADDR_TYPE_REDIST_REGION, fits, value, what);
		}
	}
	for (uint32_t i = 0; i < v->nr_its; i++) {
		snprintf(what, sizeof(what), "ITS %" PRIu32 " at 0x%" PRIx64, i, v->its_bases[i]);
		add(out, KVM_DEV_TYPE_ARM_VGIC_ITS, KVM_DEV_ARM_VGIC_GRP_ADDR, KVM_VGIC_ITS_ADDR_TYPE,
		    true, v->its_bases[i], what);
		out->attrs[out->n - 1].instance = i;
	}
	snprintf(what, sizeof(what), "%" PRIu32 " INTIDs: %" PRIu32 " SPIs", v->nr_irqs,
		 v->nr_irqs - KVM_VGIC_NR_PRIVATE_IRQS);
	add(out, KVM_DEV_TYPE_ARM_VGIC_V3, KVM_DEV_ARM_VGIC_GRP_NR_IRQS, 0, true, v->nr_irqs, what);
	if (v->has_maint) {
		snprintf(what, sizeof(what), "maintenance interrupt: INTID %" PRIu32 " (PPI %" PRId64
			 "); probe with KVM_HAS_DEVICE_ATTR", v->maint_intid,
			 (int64_t)v->maint_intid - KVM_VGIC_NR_SGIS);
		add(out, KVM_DEV_TYPE_ARM_VGIC_V3, KVM_DEV_ARM_VGIC_GRP_MAINT_IRQ, 0, true,
		    v->maint_intid, what);
	}
	add(out, KVM_DEV_TYPE_ARM_VGIC_V3, KVM_DEV_ARM_VGIC_GRP_CTRL, KVM_DEV_ARM_VGIC_CTRL_INIT,
	    false, 0, "initialise, after every vCPU is created");
	for (uint32_t i = 0; i < v->nr_its; i++) {
		snprintf(what, sizeof(what), "initialise ITS %" PRIu32, i);
		add(out, KVM_DEV_TYPE_ARM_VGIC_ITS, KVM_DEV_ARM_VGIC_GRP_CTRL,
		    KVM_DEV_ARM_VGIC_CTRL_INIT, false, 0, what);
		out->attrs[out->n - 1].instance = i;
	}
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
	bool its;
	char what[sizeof(((struct gp_kvm_attr *)0)->what)];
};

/* The state gp_kvm_check keeps while it applies the list, as KVM keeps it. */
struct kvm_state {
	const struct gp_kvm_target *t;
	char *error, *warning;
	size_t ecap, wcap;
	struct kvm_range *ranges;
	size_t nr_ranges;
	uint32_t regions;      /* redistributor regions taken (REDIST is index 0): the next index */
	bool legacy;           /* the last region taken is a REDIST (count 0) */
	bool dist;             /* DIST was taken: a second is -EEXIST */
	bool nr_irqs_set;      /* vgic.nr_spis is set: a second NR_IRQS is -EBUSY */
	bool initialised;      /* CTRL_INIT on the VGIC: vgic_initialized() */
};

static void __attribute__((format(printf, 2, 3))) refuse(struct kvm_state *s, const char *fmt,
							 ...)
{
	va_list ap;

	if (s->error[0])
		return;
	va_start(ap, fmt);
	vsnprintf(s->error, s->ecap, fmt, ap);
	va_end(ap);
}

/* What KVM's VGIC cannot give: fails a plan for KVM, warns any other. */
static void __attribute__((format(printf, 2, 3))) limit(struct kvm_state *s, const char *fmt,
							...)
{
	va_list ap;

	if (s->t->kvm_profile ? s->error[0] != '\0' : s->warning[0] != '\0')
		return;
	va_start(ap, fmt);
	if (s->t->kvm_profile)
		vsnprintf(s->error, s->ecap, fmt, ap);
	else
		vsnprintf(s->warning, s->wcap, fmt, ap);
	va_end(ap);
}

/*
 * An address range registered by @a: vgic_check_iorange (64 KiB aligned, no
 * wrap, inside the IPA: -EINVAL, -E2BIG); no overlap between the distributor
 * and the redistributor regions (vgic_v3_rdist_overlap, vgic_dist_overlap,
 * vgic_v3_check_base: -EINVAL). KVM does not refuse an ITS overlapping
 * something (vgic_register_its_iodev puts it on the MMIO bus as it is), but
 * the guest then reaches one of the two only: refused here, and said so.
 */
static void take_range(struct kvm_state *s, const struct gp_kvm_attr *a, uint64_t base,
		       uint64_t size, bool its)
{
	uint64_t end;

	if (!gp_aligned(base, GIC_BASE_ALIGN))
		refuse(s, "%s: 0x%" PRIx64 " is not 64 KiB aligned (vgic_check_iorange: -EINVAL)",
		       a->what, base);
	else if (!gp_add(base, size, &end) || end > gp_ipa_end(s->t->ipa_bits))
		refuse(s, "%s: ends above the %u-bit IPA (vgic_check_iorange: -E2BIG)", a->what,
		       s->t->ipa_bits);
	for (size_t k = 0; k < s->nr_ranges && !s->error[0]; k++) {
		const struct kvm_range *r = &s->ranges[k];

		if (base < r->base + r->size && r->base < base + size)
			refuse(s, "%s overlaps %s (%s)", a->what, r->what,
			       its || r->its ? "KVM takes it, the guest reaches one of them only"
					     : "vgic_v3_rdist_overlap, vgic_dist_overlap: -EINVAL");
	}
	s->ranges[s->nr_ranges] = (struct kvm_range){ base, size, its, "" };
	snprintf(s->ranges[s->nr_ranges++].what, sizeof(s->ranges->what), "%s", a->what);
}

/* KVM_DEV_ARM_VGIC_GRP_ADDR, as kvm_vgic_addr and vgic_its_set_attr take it. */
static void take_addr(struct kvm_state *s, const struct gp_kvm_attr *a)
{
	uint64_t redist = KVM_REDIST_SIZE, size = 0, base = a->value;
	uint32_t count, flags, index;

	if (!a->has_value) {
		refuse(s, "%s: no KVM_DEV_ARM_VGIC_GRP_ADDR value encodes it", a->what);
		return;
	}
	/* The ITS device takes its own address only (vgic_its_set_attr), the VGIC never it. */
	if ((a->device == KVM_DEV_TYPE_ARM_VGIC_ITS) != (a->attr == KVM_VGIC_ITS_ADDR_TYPE)) {
		refuse(s, "%s: address type %" PRIu64 " on the wrong device (-ENXIO)", a->what,
		       a->attr);
		return;
	}
	switch (a->attr) {
	case KVM_VGIC_V3_ADDR_TYPE_DIST:
		/* vgic_check_iorange: a base already set is -EEXIST. */
		if (s->dist)
			refuse(s, "%s: a second distributor base (vgic_check_iorange: -EEXIST)",
			       a->what);
		s->dist = true;
		size = GICD_SIZE;
		break;
	case KVM_VGIC_ITS_ADDR_TYPE:
		size = GIC_ITS_SIZE;
		break;
	case KVM_VGIC_V3_ADDR_TYPE_REDIST:
		/*
		 * vgic_v3_alloc_redist_region with count 0: one region, index 0, every
		 * vCPU from its base; after any region -EEXIST (-EINVAL after a
		 * REDIST_REGION).
		 */
		if (s->regions > 0)
			refuse(s, "%s: REDIST after a redistributor region "
				  "(vgic_v3_alloc_redist_region: %s)", a->what,
			       s->legacy ? "-EEXIST" : "-EINVAL");
		s->regions++;
		s->legacy = true;
		if (!gp_mul(s->t->nr_cpus, redist, &size))
			size = UINT64_MAX;
		break;
	case KVM_VGIC_V3_ADDR_TYPE_REDIST_REGION:
		gp_kvm_redist_region_decode(a->value, &base, &count, &flags, &index);
		/* kvm_vgic_addr: count 0 or flags: -EINVAL; the index goes into a u8. */
		if (count == 0)
			refuse(s, "REDIST_REGION %" PRIu32 ": count 0 (kvm_vgic_addr: -EINVAL; a "
				  "descriptor counts 1 to %u redistributors)", index,
			       KVM_VGIC_V3_RDIST_COUNT_MAX);
		else if (flags != 0)
			refuse(s, "REDIST_REGION %" PRIu32 ": flags must be 0, are 0x%" PRIx32
				  " (kvm_vgic_addr: -EINVAL)", index, flags);
		/* vgic_v3_alloc_redist_region: 0 first, then the last index + 1. */
		else if ((uint8_t)index != s->regions)
			refuse(s, "REDIST_REGION index %" PRIu32 ": KVM wants %" PRIu32 " next and "
				  "keeps indices in a u8, below 256 (kvm_vgic_addr, "
				  "vgic_v3_alloc_redist_region: -EINVAL)", index, s->regions);
		s->regions++;
		s->legacy = false;
		size = (uint64_t)count * redist;
		break;
	default:
		refuse(s, "%s: attribute %" PRIu64 " is not a VGIC address (-ENXIO)", a->what,
		       a->attr);
		return;
	}
	if (!s->error[0])
		take_range(s, a, base, size, a->attr == KVM_VGIC_ITS_ADDR_TYPE);
}

bool gp_kvm_check(const struct gp_kvm_list *l, const struct gp_kvm_target *t, char *error,
		  size_t ecap, char *warning, size_t wcap)
{
	struct kvm_state s = { .t = t, .error = error, .warning = warning, .ecap = ecap,
			       .wcap = wcap, .ranges = calloc(l->n + 1, sizeof(*s.ranges)) };

	error[0] = warning[0] = '\0';
	if (s.ranges == NULL) {
		snprintf(error, ecap, "out of memory");
		return false;
	}
	for (size_t i = 0; i < l->n && !error[0]; i++) {
		const struct gp_kvm_attr *a = &l->attrs[i];
		bool vgic = a->device == KVM_DEV_TYPE_ARM_VGIC_V3;

		switch (a->group) {
		case KVM_DEV_ARM_VGIC_GRP_ADDR:
			take_addr(&s, a);
			break;
		case KVM_DEV_ARM_VGIC_GRP_NR_IRQS:
			/* vgic_set_common_attr: -EBUSY once set or initialised. */
			if (s.initialised || s.nr_irqs_set)
				refuse(&s, "NR_IRQS %s (vgic_set_common_attr: -EBUSY)",
				       s.initialised ? "after CTRL_INIT" : "set twice");
			/* vgic_set_common_attr: 32 SPIs at least, VGIC_MAX_RESERVED, 32s. */
			else if (a->value < KVM_VGIC_NR_IRQS_MIN || a->value > KVM_VGIC_MAX_RESERVED ||
				 a->value % KVM_VGIC_NR_IRQS_STEP != 0)
				limit(&s, "NR_IRQS %" PRIu64 ": KVM takes %u to %u in multiples of "
					  "%u, so %u SPIs at most (vgic_set_common_attr: -EINVAL)",
				      a->value, KVM_VGIC_NR_IRQS_MIN, KVM_VGIC_MAX_RESERVED,
				      KVM_VGIC_NR_IRQS_STEP,
				      KVM_VGIC_NR_IRQS_MAX - KVM_VGIC_NR_PRIVATE_IRQS);
			s.nr_irqs_set = true;
			break;
		case KVM_DEV_ARM_VGIC_GRP_MAINT_IRQ:
			/* vgic_v3_set_attr: before init (-EBUSY), a PPI (irq_is_ppi: -EINVAL). */
			if (s.initialised)
				refuse(&s, "MAINT_IRQ after CTRL_INIT (vgic_v3_set_attr: -EBUSY)");
			else if (a->value < KVM_VGIC_NR_SGIS || a->value >= KVM_VGIC_NR_PRIVATE_IRQS)
				refuse(&s, "MAINT_IRQ %" PRIu64 ": not a PPI, INTID %u to %u "
					   "(vgic_v3_set_attr, irq_is_ppi: -EINVAL)", a->value,
				       KVM_VGIC_NR_SGIS, KVM_VGIC_NR_PRIVATE_IRQS - 1);
			break;
		case KVM_DEV_ARM_VGIC_GRP_CTRL:
			if (vgic && a->attr == KVM_DEV_ARM_VGIC_CTRL_INIT)
				s.initialised = true;
			break;
		}
	}
	/* kvm_vgic_create: -E2BIG past VGIC_V3_MAX_CPUS; kvm_arch_vcpu_precreate: -EINVAL. */
	if (t->nr_cpus > KVM_ARM64_MAX_VCPUS)
		limit(&s, "%" PRIu64 " vCPUs: a VM with a KVM_DEV_TYPE_ARM_VGIC_V3 takes at most %u "
			  "(VGIC_V3_MAX_CPUS: kvm_vgic_create -E2BIG, kvm_arch_vcpu_precreate "
			  "-EINVAL)", t->nr_cpus, KVM_ARM64_MAX_VCPUS);
	/*
	 * KVM_DEV_TYPE_ARM_VGIC_V3 is a GICv3 on any host, GICv4 too: GICD_PIDR2
	 * ArchRev 3 (vgic_mmio_read_v3_idregs), redistributors 128 KiB apart
	 * (KVM_VGIC_V3_REDIST_SIZE, vgic_register_redist_iodev); GICv4 only
	 * backs it (vLPIs), unseen. A GICv4 tree's 256 KiB frames are not there.
	 */
	/* vgic_register_redist_iodev: each vCPU's frames at its region's base + index * 128 KiB. */
	if (t->redist_stride != 0 && t->redist_stride != KVM_REDIST_SIZE)
		limit(&s, "redistributor-stride 0x%" PRIx64 ": KVM lays redistributors 0x%" PRIx64
			  " apart (KVM_VGIC_V3_REDIST_SIZE, vgic_register_redist_iodev), so a "
			  "guest stepping by the stride misses them", t->redist_stride,
		      KVM_REDIST_SIZE);
	if (t->gic_version == GIC_ARCHREV_GICV4)
		limit(&s, "GICv4: KVM gives a guest a GICv3 (KVM_DEV_TYPE_ARM_VGIC_V3: GICD_PIDR2 "
			  "ArchRev 3, redistributors 128 KiB apart, vgic_register_redist_iodev), "
			  "not the tree's 256 KiB GICv4 frames");
	free(s.ranges);
	return error[0] == '\0';
}
