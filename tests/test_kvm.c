/* SPDX-License-Identifier: MIT */
/*
 * The KVM attribute list: every plan's KVM_SET_DEVICE_ATTR sequence decodes
 * back to the plan's own regions (decoded here with the bit layout KVM
 * documents, not gicplan's decoder), and KVM's rules catch what KVM refuses.
 */
#include <check.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compat.h"
#include "emit_fdt.h"
#include "input.h"
#include "kvm.h"
#include "plan_json.h"
#include "planner.h"
#include "platform.h"
#include "reproduce.h"
#include "vgic.h"
#include "xplan.h"
#include "xrun.h"

/* Documentation/virt/kvm/devices/arm-vgic-v3.rst: the REDIST_REGION descriptor. */
#define DOC_COUNT(v) ((uint32_t)((v) >> 52))
#define DOC_BASE(v) ((v) & 0x000fffffffff0000ull)
#define DOC_FLAGS(v) ((uint32_t)(((v) >> 12) & 0xf))
#define DOC_INDEX(v) ((uint32_t)((v) & 0xfff))
#define DOC_GRP_ADDR 0
#define DOC_GRP_NR_IRQS 3
#define DOC_GRP_CTRL 4
#define DOC_GRP_MAINT_IRQ 9        /* arch/arm64/include/uapi/asm/kvm.h */
#define DOC_ADDR_DIST 2
#define DOC_ADDR_REDIST 3
#define DOC_ADDR_ITS 4
#define DOC_ADDR_REDIST_REGION 5
#define DOC_CTRL_INIT 0
#define DOC_PRIVATE_INTIDS 32
#define DOC_FIRST_PPI 16
#define DOC_LAST_PPI 31
#define DOC_MAX_VCPUS 512          /* VGIC_V3_MAX_CPUS */

static struct gp_plan plan;

static void make(const char *platform, uint64_t cpus, unsigned version, int its, int virt)
{
	struct gp_platform *p = x_platform(platform);
	struct gp_request req = { .cpus = cpus, .gic_version = version, .its = its,
				  .virtualization = virt };
	struct gp_plan *made = x_plan(p, &req);

	plan = *made;
	free(made);
	free(p);
}

/* make("virt", 900, 3, 1, 0), then plan @cpus vCPUs --compat-with it: the new plan in plan. */
static void grow_virt_900(uint64_t cpus)
{
	struct gp_platform *p;
	struct gp_request req = { .cpus = cpus, .its = -1, .virtualization = -1 };
	struct gp_input old;
	struct gp_error err;
	void *blob;
	size_t len;

	make("virt", 900, 3, 1, 0);
	blob = x_emit(&plan, &len);
	memset(&old, 0, sizeof(old));
	gp_error_init(&err);
	ck_assert_int_eq(gp_input_from_plan(&plan, blob, len, &(struct gp_input_options){ 0 }, &old,
					    &err), 0);
	p = x_platform("virt");
	ck_assert_msg(gp_plan_reproduce(p, &req, &old, &plan, &err) == 0, "%s", err.msg);
	ck_assert_msg(gp_plan_compat(p, &req, old.path, &plan, &err) == 0, "%s", err.msg);
	gp_input_free(&old);
	free(p);
}

/* Decode the plan's list and compare it, attribute by attribute, with the plan. */
static void decodes_to_plan(void)
{
	struct gp_vgic v;
	struct gp_kvm_list l;
	struct gp_error err;
	size_t i = 0;

	gp_error_init(&err);
	ck_assert_int_eq(gp_vgic_from_plan(&plan, &v, &err), 0);
	ck_assert_int_eq(gp_kvm_attrs(&v, &l, &err), 0);

	ck_assert_uint_eq(l.attrs[i].device, KVM_DEV_TYPE_ARM_VGIC_V3);
	ck_assert_uint_eq(l.attrs[i].group, DOC_GRP_ADDR);
	ck_assert_uint_eq(l.attrs[i].attr, DOC_ADDR_DIST);
	ck_assert_uint_eq(l.attrs[i].value, plan.gicd.base);
	i++;
	if (plan.nr_redist == 1) {
		/* One region: KVM's legacy REDIST, every vCPU from its base. */
		ck_assert_uint_eq(l.attrs[i].attr, DOC_ADDR_REDIST);
		ck_assert_uint_eq(l.attrs[i].value, plan.redist[0].base);
		i++;
	} else {
		for (uint32_t r = 0; r < plan.nr_redist; r++, i++) {
			uint64_t val = l.attrs[i].value;

			ck_assert_uint_eq(l.attrs[i].group, DOC_GRP_ADDR);
			ck_assert_uint_eq(l.attrs[i].attr, DOC_ADDR_REDIST_REGION);
			ck_assert_uint_eq(DOC_INDEX(val), r);
			ck_assert_uint_eq(DOC_BASE(val), plan.redist[r].base);
			ck_assert_uint_eq(DOC_COUNT(val), plan.redist[r].count);
			ck_assert_uint_eq(DOC_FLAGS(val), 0);
		}
	}
	if (plan.has_its) {
		ck_assert_uint_eq(l.attrs[i].device, KVM_DEV_TYPE_ARM_VGIC_ITS);
		ck_assert_uint_eq(l.attrs[i].group, DOC_GRP_ADDR);
		ck_assert_uint_eq(l.attrs[i].attr, DOC_ADDR_ITS);
		ck_assert_uint_eq(l.attrs[i].value, plan.its.base);
		i++;
	}
	ck_assert_uint_eq(l.attrs[i].group, DOC_GRP_NR_IRQS);
	ck_assert_uint_eq(l.attrs[i].value, plan.req.spis + DOC_PRIVATE_INTIDS);
	i++;
	if (plan.req.virtualization) {
		/* The guest's EL2: the maintenance PPI's INTID, before CTRL_INIT. */
		ck_assert_uint_eq(l.attrs[i].device, KVM_DEV_TYPE_ARM_VGIC_V3);
		ck_assert_uint_eq(l.attrs[i].group, DOC_GRP_MAINT_IRQ);
		ck_assert_uint_eq(l.attrs[i].value, DOC_FIRST_PPI + plan.board.maintenance_ppi);
		ck_assert_uint_ge(l.attrs[i].value, DOC_FIRST_PPI);
		ck_assert_uint_le(l.attrs[i].value, DOC_LAST_PPI);
		i++;
	}
	ck_assert_uint_eq(l.attrs[i].device, KVM_DEV_TYPE_ARM_VGIC_V3);
	ck_assert_uint_eq(l.attrs[i].group, DOC_GRP_CTRL);
	ck_assert_uint_eq(l.attrs[i].attr, DOC_CTRL_INIT);
	ck_assert(!l.attrs[i].has_value);
	i++;
	if (plan.has_its) {
		ck_assert_uint_eq(l.attrs[i].device, KVM_DEV_TYPE_ARM_VGIC_ITS);
		ck_assert_uint_eq(l.attrs[i].attr, DOC_CTRL_INIT);
		i++;
	}
	ck_assert_uint_eq(l.n, i);
	/* gicplan's own decoder agrees with the documented layout. */
	for (size_t k = 0; k < l.n; k++)
		if (l.attrs[k].attr == DOC_ADDR_REDIST_REGION && l.attrs[k].group == DOC_GRP_ADDR) {
			uint64_t base;
			uint32_t count, flags, index;

			gp_kvm_redist_region_decode(l.attrs[k].value, &base, &count, &flags, &index);
			ck_assert_uint_eq(base, DOC_BASE(l.attrs[k].value));
			ck_assert_uint_eq(count, DOC_COUNT(l.attrs[k].value));
			ck_assert_uint_eq(index, DOC_INDEX(l.attrs[k].value));
			ck_assert_uint_eq(flags, DOC_FLAGS(l.attrs[k].value));
		}
	gp_kvm_free(&l);
	gp_vgic_free(&v);
}

START_TEST(one_region_is_legacy_redist)
{
	make("virt", 127, 3, 1, 0);
	ck_assert_uint_eq(plan.nr_redist, 1);
	decodes_to_plan();
	make("kvmtool", 64, 3, 1, -1);
	decodes_to_plan();
}
END_TEST

START_TEST(regions_are_redist_region_descriptors)
{
	make("qemu-virt", 124, 3, 1, -1);
	ck_assert_uint_eq(plan.nr_redist, 2);
	decodes_to_plan();
	make("qemu-virt", 317, 4, 1, 1);
	ck_assert_uint_eq(plan.nr_redist, 2);
	decodes_to_plan();
	make("virt", 900, 3, 0, 0);
	decodes_to_plan();
}
END_TEST

START_TEST(added_regions_keep_their_indices)
{
	grow_virt_900(1500);
	ck_assert_uint_ge(plan.nr_redist, 2);
	decodes_to_plan();
}
END_TEST

/* The target of a check: @cpus vCPUs, GICv@version, a @bits-bit IPA, for KVM or not. */
static struct gp_kvm_target target(uint64_t cpus, unsigned version, unsigned bits, bool kvm)
{
	return (struct gp_kvm_target){ .nr_cpus = cpus, .gic_version = version, .ipa_bits = bits,
				       .kvm_profile = kvm };
}

/* A region beyond a descriptor's 12-bit count is refused, not encoded with a truncated count. */
START_TEST(count_beyond_the_descriptor_is_refused)
{
	struct gp_vgic v;
	struct gp_kvm_list l;
	struct gp_error err;
	struct gp_kvm_target t;
	char error[320], warning[320], what[64];

	gp_error_init(&err);
	grow_virt_900(10000);
	ck_assert_uint_eq(plan.nr_redist, 2);
	ck_assert_uint_gt(plan.redist[1].count, DOC_COUNT(UINT64_MAX));
	ck_assert_int_eq(gp_vgic_from_plan(&plan, &v, &err), 0);
	ck_assert_int_eq(gp_kvm_attrs(&v, &l, &err), 0);
	ck_assert_uint_eq(l.attrs[2].attr, DOC_ADDR_REDIST_REGION);
	ck_assert(!l.attrs[2].has_value);
	snprintf(what, sizeof(what), "%" PRIu64 " redistributors", plan.redist[1].count);
	ck_assert_ptr_nonnull(strstr(l.attrs[2].what, what));
	t = target(plan.req.cpus, 3, plan.ipa_bits, false);
	ck_assert(!gp_kvm_check(&l, &t, error, sizeof(error), warning, sizeof(warning)));
	ck_assert_ptr_nonnull(strstr(error, "count holds"));
	gp_kvm_free(&l);
	gp_vgic_free(&v);
}
END_TEST

START_TEST(plan_file_carries_the_list)
{
	json_t *root, *from_list;
	struct gp_vgic v;
	struct gp_kvm_list l;
	struct gp_error err;

	gp_error_init(&err);
	make("qemu-virt", 124, 3, 1, -1);
	root = gp_plan_to_json(&plan);
	ck_assert_int_eq(gp_vgic_from_plan(&plan, &v, &err), 0);
	ck_assert_int_eq(gp_kvm_attrs(&v, &l, &err), 0);
	from_list = gp_kvm_json(&l);
	ck_assert(json_equal(json_object_get(root, "kvm"), from_list));
	/* Values are "0x..." strings, CTRL_INIT has none. */
	ck_assert(json_is_string(json_object_get(json_array_get(from_list, 0), "value")));
	ck_assert(json_is_null(json_object_get(json_array_get(from_list, l.n - 2), "value")));
	json_decref(from_list);
	json_decref(root);
	gp_kvm_free(&l);
	gp_vgic_free(&v);
}
END_TEST

/* A list of @n attributes, built by hand for the rule being tested. */
static struct gp_kvm_list list(struct gp_kvm_attr *a, size_t n)
{
	return (struct gp_kvm_list){ n, a };
}

static struct gp_kvm_attr addr(uint64_t attr, uint64_t value)
{
	return (struct gp_kvm_attr){ KVM_DEV_TYPE_ARM_VGIC_V3, DOC_GRP_ADDR, attr, true, value,
				     "test", 0 };
}

static struct gp_kvm_attr region(uint64_t base, uint32_t count, uint32_t index)
{
	return addr(DOC_ADDR_REDIST_REGION, (uint64_t)count << 52 | base | index);
}

static struct gp_kvm_attr nr_irqs(uint64_t n)
{
	return (struct gp_kvm_attr){ KVM_DEV_TYPE_ARM_VGIC_V3, DOC_GRP_NR_IRQS, 0, true, n, "test",
				     0 };
}

static struct gp_kvm_attr maint_irq(uint64_t intid)
{
	return (struct gp_kvm_attr){ KVM_DEV_TYPE_ARM_VGIC_V3, DOC_GRP_MAINT_IRQ, 0, true, intid,
				     "test", 0 };
}

static struct gp_kvm_attr ctrl_init(void)
{
	return (struct gp_kvm_attr){ KVM_DEV_TYPE_ARM_VGIC_V3, DOC_GRP_CTRL, DOC_CTRL_INIT, false, 0,
				     "test", 0 };
}

static struct gp_kvm_attr its(uint64_t base, uint32_t instance)
{
	return (struct gp_kvm_attr){ KVM_DEV_TYPE_ARM_VGIC_ITS, DOC_GRP_ADDR, DOC_ADDR_ITS, true,
				     base, "its", instance };
}

/* KVM refuses @l for @t with an error naming @needle. */
static void refused_for(struct gp_kvm_attr *a, size_t n, struct gp_kvm_target t,
			const char *needle)
{
	struct gp_kvm_list l = list(a, n);
	char error[320], warning[320];

	ck_assert(!gp_kvm_check(&l, &t, error, sizeof(error), warning, sizeof(warning)));
	ck_assert_msg(strstr(error, needle) != NULL, "\"%s\" lacks \"%s\"", error, needle);
}

/* KVM accepts @l for @t; @warned: with a warning naming it (NULL: none). */
static void accepted_for(struct gp_kvm_attr *a, size_t n, struct gp_kvm_target t,
			 const char *warned)
{
	struct gp_kvm_list l = list(a, n);
	char error[320], warning[320];

	ck_assert_msg(gp_kvm_check(&l, &t, error, sizeof(error), warning, sizeof(warning)), "%s",
		      error);
	if (warned == NULL)
		ck_assert_msg(warning[0] == '\0', "unexpected warning: %s", warning);
	else
		ck_assert_msg(strstr(warning, warned) != NULL, "\"%s\" lacks \"%s\"", warning,
			      warned);
}

/* The same for a GICv3 of @cpus vCPUs, a @bits-bit IPA, under the kvm profile. */
static void refused(struct gp_kvm_attr *a, size_t n, uint64_t cpus, unsigned bits,
		    const char *needle)
{
	refused_for(a, n, target(cpus, 3, bits, true), needle);
}

static void accepted(struct gp_kvm_attr *a, size_t n, uint64_t cpus, unsigned bits)
{
	accepted_for(a, n, target(cpus, 3, bits, true), NULL);
}

START_TEST(kvm_rules)
{
	struct gp_kvm_attr a[300];

	a[0] = addr(DOC_ADDR_DIST, 0x8000000);
	a[1] = region(0x80a0000, 8, 0);
	a[2] = nr_irqs(288);
	accepted(a, 3, 8, 40);
	/* 64 KiB alignment (a REDIST_REGION base is 64 KiB granular by encoding) */
	a[0] = addr(DOC_ADDR_DIST, 0x8000000 + 0x1000);
	refused(a, 2, 8, 40, "64 KiB");
	a[0] = addr(DOC_ADDR_DIST, 0x8000000);
	/* bits 15:12 of a descriptor are flags, and KVM defines none */
	a[1] = region(0x80a0000 + 0x1000, 8, 0);
	refused(a, 2, 8, 40, "flags must be 0");
	/* overlap with the distributor */
	a[1] = region(0x8000000, 8, 0);
	refused(a, 2, 8, 40, "overlaps");
	/* the IPA: 40 bits end at 1 TiB */
	a[1] = region((1ull << 40) - 0x20000 * 4, 8, 0);
	refused(a, 2, 8, 40, "E2BIG");
	a[1] = region((1ull << 40) - 0x20000 * 8, 8, 0);
	accepted(a, 2, 8, 40);
	/* indices in order from 0 */
	a[1] = region(0x80a0000, 8, 1);
	refused(a, 2, 8, 40, "index 1");
	/* a count of 0 */
	a[1] = region(0x80a0000, 0, 0);
	refused(a, 2, 8, 40, "count 0");
	/* NR_IRQS: 64 to 1023 in multiples of 32 (nr_irqs_as_kvm_takes_it has the boundaries) */
	a[1] = region(0x80a0000, 8, 0);
	a[2] = nr_irqs(992);
	accepted(a, 3, 8, 40);
	a[2] = nr_irqs(1024);
	refused(a, 3, 8, 40, "NR_IRQS");
	a[2] = nr_irqs(32);
	refused(a, 3, 8, 40, "NR_IRQS");
	a[2] = nr_irqs(100);
	refused(a, 3, 8, 40, "NR_IRQS");
	/* one distributor; REDIST is region 0 (a REDIST_REGION 1 may follow), never after one */
	a[1] = addr(DOC_ADDR_REDIST, 0x80a0000);
	a[2] = addr(DOC_ADDR_DIST, 0x9000000);
	refused(a, 3, 8, 40, "second distributor");
	a[2] = addr(DOC_ADDR_REDIST, 0x100000000ull);
	refused(a, 3, 8, 40, "-EEXIST");
	a[2] = region(0x100000000ull, 8, 1);
	accepted(a, 3, 8, 40);
	a[1] = region(0x100000000ull, 8, 0);
	a[2] = addr(DOC_ADDR_REDIST, 0x80a0000);
	refused(a, 3, 8, 40, "-EINVAL");
	/* the ITS address on the VGIC device: not a VGIC address */
	a[2] = addr(DOC_ADDR_ITS, 0x9000000);
	refused(a, 3, 8, 40, "wrong device");
	/* the kernel keeps an index in a u8: region 256 is refused, 255 is not */
	for (uint32_t i = 0; i < 257; i++)
		a[1 + i] = region(0x100000000ull + (uint64_t)i * 0x100000, 1, i);
	accepted(a, 1 + 256, 256, 40);
	refused(a, 1 + 257, 257, 40, "u8");
}
END_TEST

/* NR_IRQS exactly as vgic_set_common_attr takes it: 64..1023, a multiple of 32, once. */
START_TEST(nr_irqs_as_kvm_takes_it)
{
	struct gp_kvm_attr a[4] = { addr(DOC_ADDR_DIST, 0x8000000),
				    addr(DOC_ADDR_REDIST, 0x100000000ull), nr_irqs(64) };

	accepted(a, 3, 8, 40);
	a[2] = nr_irqs(96);
	accepted(a, 3, 8, 40);
	a[2] = nr_irqs(992);
	accepted(a, 3, 8, 40);
	/* 988 SPIs: 1020 INTIDs, not a multiple of 32; 1024 is above VGIC_MAX_RESERVED */
	a[2] = nr_irqs(988 + DOC_PRIVATE_INTIDS);
	refused(a, 3, 8, 40, "960 SPIs");
	accepted_for(a, 3, target(8, 3, 40, false), "NR_IRQS 1020");
	a[2] = nr_irqs(1024);
	refused(a, 3, 8, 40, "NR_IRQS 1024");
	a[2] = nr_irqs(1023);
	refused(a, 3, 8, 40, "NR_IRQS 1023");
	a[2] = nr_irqs(63);
	refused(a, 3, 8, 40, "NR_IRQS 63");
	a[2] = nr_irqs(32);
	refused(a, 3, 8, 40, "NR_IRQS 32");
	/* a second NR_IRQS, or one after CTRL_INIT: -EBUSY, under any profile */
	a[2] = nr_irqs(288);
	a[3] = nr_irqs(288);
	refused_for(a, 4, target(8, 3, 40, false), "set twice");
	a[2] = ctrl_init();
	refused_for(a, 4, target(8, 3, 40, false), "after CTRL_INIT");
}
END_TEST

/* VGIC_V3_MAX_CPUS: 512 vCPUs pass, 513 fail for KVM and warn otherwise. */
START_TEST(kvm_max_vcpus)
{
	struct gp_kvm_attr a[3] = { addr(DOC_ADDR_DIST, 0x8000000),
				    addr(DOC_ADDR_REDIST, 0x100000000ull), nr_irqs(288) };

	accepted_for(a, 3, target(DOC_MAX_VCPUS, 3, 40, true), NULL);
	refused_for(a, 3, target(DOC_MAX_VCPUS + 1, 3, 40, true), "VGIC_V3_MAX_CPUS");
	refused_for(a, 3, target(DOC_MAX_VCPUS + 1, 3, 40, true), "513 vCPUs");
	accepted_for(a, 3, target(DOC_MAX_VCPUS, 3, 40, false), NULL);
	accepted_for(a, 3, target(DOC_MAX_VCPUS + 1, 3, 40, false), "at most 512");
}
END_TEST

/* A GICv4 plan: KVM_DEV_TYPE_ARM_VGIC_V3 gives the guest a GICv3, whatever the host. */
START_TEST(gicv4_is_not_what_kvm_gives)
{
	struct gp_vgic v;
	struct gp_kvm_list l;
	struct gp_error err;
	struct gp_kvm_target t;
	char error[320], warning[320];

	gp_error_init(&err);
	make("qemu-virt", 62, 4, 1, 1);
	ck_assert_int_eq(gp_vgic_from_plan(&plan, &v, &err), 0);
	ck_assert_int_eq(gp_kvm_attrs(&v, &l, &err), 0);
	t = target(plan.req.cpus, 4, plan.ipa_bits, true);
	ck_assert(!gp_kvm_check(&l, &t, error, sizeof(error), warning, sizeof(warning)));
	ck_assert_ptr_nonnull(strstr(error, "GICv4"));
	ck_assert_ptr_nonnull(strstr(error, "GICv3"));
	t.kvm_profile = false;
	ck_assert_msg(gp_kvm_check(&l, &t, error, sizeof(error), warning, sizeof(warning)), "%s",
		      error);
	ck_assert_ptr_nonnull(strstr(warning, "GICv4"));
	/* the same plan as a GICv3 is KVM's */
	t.gic_version = 3;
	t.kvm_profile = true;
	ck_assert_msg(gp_kvm_check(&l, &t, error, sizeof(error), warning, sizeof(warning)), "%s",
		      error);
	ck_assert_str_eq(warning, "");
	gp_kvm_free(&l);
	gp_vgic_free(&v);
}
END_TEST

/* MAINT_IRQ: emitted with EL2, the PPI's INTID, checked as vgic_v3_set_attr does. */
START_TEST(maintenance_interrupt)
{
	struct gp_kvm_attr a[5] = { addr(DOC_ADDR_DIST, 0x8000000),
				    addr(DOC_ADDR_REDIST, 0x100000000ull), nr_irqs(288),
				    maint_irq(DOC_FIRST_PPI + 9), ctrl_init() };
	struct gp_vgic v;
	struct gp_kvm_list l;
	struct gp_error err;
	size_t found = 0, at = 0, init = 0;

	gp_error_init(&err);
	make("virt", 8, 3, 1, 1);
	ck_assert(plan.req.virtualization);
	ck_assert_int_eq(gp_vgic_from_plan(&plan, &v, &err), 0);
	ck_assert_int_eq(gp_kvm_attrs(&v, &l, &err), 0);
	for (size_t i = 0; i < l.n; i++) {
		if (l.attrs[i].group == DOC_GRP_MAINT_IRQ) {
			found++;
			at = i;
			ck_assert_uint_eq(l.attrs[i].device, KVM_DEV_TYPE_ARM_VGIC_V3);
			ck_assert_uint_eq(l.attrs[i].value,
					  DOC_FIRST_PPI + plan.board.maintenance_ppi);
		}
		if (l.attrs[i].group == DOC_GRP_CTRL && l.attrs[i].device == KVM_DEV_TYPE_ARM_VGIC_V3)
			init = i;
	}
	ck_assert_uint_eq(found, 1);
	ck_assert_uint_lt(at, init);
	accepted_for(l.attrs, l.n, target(8, 3, plan.ipa_bits, true), NULL);
	gp_kvm_free(&l);
	gp_vgic_free(&v);
	/* without EL2, none */
	make("virt", 8, 3, 1, 0);
	ck_assert_int_eq(gp_vgic_from_plan(&plan, &v, &err), 0);
	ck_assert_int_eq(gp_kvm_attrs(&v, &l, &err), 0);
	for (size_t i = 0; i < l.n; i++)
		ck_assert_uint_ne(l.attrs[i].group, DOC_GRP_MAINT_IRQ);
	gp_kvm_free(&l);
	gp_vgic_free(&v);
	/* irq_is_ppi: 16..31, before CTRL_INIT */
	accepted(a, 5, 8, 40);
	a[3] = maint_irq(DOC_FIRST_PPI);
	accepted(a, 5, 8, 40);
	a[3] = maint_irq(DOC_LAST_PPI);
	accepted(a, 5, 8, 40);
	a[3] = maint_irq(DOC_FIRST_PPI - 1);
	refused_for(a, 5, target(8, 3, 40, false), "not a PPI");
	a[3] = maint_irq(DOC_LAST_PPI + 1);
	refused_for(a, 5, target(8, 3, 40, false), "not a PPI");
	a[3] = ctrl_init();
	a[4] = maint_irq(DOC_FIRST_PPI + 9);
	refused_for(a, 5, target(8, 3, 40, false), "after CTRL_INIT");
}
END_TEST

/* A VGIC by hand: two regions, @its ITSes, 8 vCPUs. */
static void hand_vgic(struct gp_vgic *v, struct gp_vgic_region *r, uint64_t *its_bases,
		      uint32_t its)
{
	*v = (struct gp_vgic){ .version = 3, .redist_size = 0x20000, .dist_base = 0x8000000,
			       .nr_regions = 2, .regions = r, .has_its = its > 0,
			       .its_base = its ? its_bases[0] : 0, .nr_its = its,
			       .its_bases = its_bases, .nr_irqs = 288, .nr_cpus = 8 };
}

/*
 * A REDIST_REGION base is 64 KiB granular by encoding: a misaligned one gets
 * no descriptor (never a masked one), and the check says so. A descriptor is
 * decoded as kvm_vgic_addr decodes it: low bits are flags or index.
 */
START_TEST(misaligned_region_base)
{
	struct gp_vgic_region r[2] = { { 0x80a0000, 4 }, { 0x100000000ull + 0x8000, 4 } };
	struct gp_vgic v;
	struct gp_kvm_list l;
	struct gp_error err;
	struct gp_kvm_attr a[3] = { addr(DOC_ADDR_DIST, 0x8000000) };
	uint64_t value = 0;

	ck_assert(!gp_kvm_redist_region(0x100008000ull, 4, 1, &value));
	ck_assert(!gp_kvm_redist_region(1ull << 52, 4, 1, &value));
	ck_assert(!gp_kvm_redist_region(0x100000000ull, 0x1000, 1, &value));
	ck_assert(gp_kvm_redist_region(0x100010000ull, 4, 1, &value));
	ck_assert_uint_eq(DOC_BASE(value), 0x100010000ull);
	ck_assert_uint_eq(DOC_COUNT(value), 4);
	ck_assert_uint_eq(DOC_INDEX(value), 1);
	ck_assert_uint_eq(DOC_FLAGS(value), 0);

	gp_error_init(&err);
	hand_vgic(&v, r, NULL, 0);
	ck_assert_int_eq(gp_kvm_attrs(&v, &l, &err), 0);
	ck_assert(l.attrs[1].has_value);
	ck_assert(!l.attrs[2].has_value);
	refused_for(l.attrs, l.n, target(8, 3, 40, false), "base [51:16]");
	gp_kvm_free(&l);
	r[1].base = 0x100000000ull;
	ck_assert_int_eq(gp_kvm_attrs(&v, &l, &err), 0);
	accepted_for(l.attrs, l.n, target(8, 3, 40, true), NULL);
	gp_kvm_free(&l);

	/* Raw descriptors: base bits 15:12 are flags (-EINVAL)... */
	a[1] = region(0x80a0000, 4, 0);
	a[2] = addr(DOC_ADDR_REDIST_REGION, 4ull << 52 | 0x100000000ull | 0x8000 | 1);
	refused(a, 3, 8, 40, "flags must be 0");
	/* ...bits 11:0 the index, which KVM keeps in a u8: 0x101 is index 1, and taken */
	a[2] = addr(DOC_ADDR_REDIST_REGION, 4ull << 52 | 0x100000000ull | 0x101);
	accepted(a, 3, 8, 40);
	a[2] = addr(DOC_ADDR_REDIST_REGION, 4ull << 52 | 0x100000000ull | 0x800);
	refused(a, 3, 8, 40, "KVM wants 1");
}
END_TEST

/* KVM takes several ITSes, a KVM_DEV_TYPE_ARM_VGIC_ITS device each, at their own bases. */
START_TEST(several_its_devices)
{
	struct gp_vgic_region r[2] = { { 0x80a0000, 4 }, { 0x100000000ull, 4 } };
	uint64_t bases[2] = { 0x8080000, 0x9000000 };
	struct gp_vgic v;
	struct gp_kvm_list l;
	struct gp_error err;
	size_t addrs = 0, inits = 0;
	struct gp_kvm_attr a[4] = { addr(DOC_ADDR_DIST, 0x8000000), its(0x8080000, 0),
				    its(0x80a0000, 1), nr_irqs(288) };

	gp_error_init(&err);
	hand_vgic(&v, r, bases, 2);
	ck_assert_int_eq(gp_kvm_attrs(&v, &l, &err), 0);
	for (size_t i = 0; i < l.n; i++) {
		if (l.attrs[i].device != KVM_DEV_TYPE_ARM_VGIC_ITS)
			continue;
		if (l.attrs[i].group == DOC_GRP_ADDR) {
			ck_assert_uint_eq(l.attrs[i].value, bases[addrs]);
			ck_assert_uint_eq(l.attrs[i].instance, addrs);
			addrs++;
		} else {
			ck_assert_uint_eq(l.attrs[i].group, DOC_GRP_CTRL);
			ck_assert_uint_eq(l.attrs[i].instance, inits);
			inits++;
		}
	}
	ck_assert_uint_eq(addrs, 2);
	ck_assert_uint_eq(inits, 2);
	accepted_for(l.attrs, l.n, target(8, 3, 40, true), NULL);
	gp_kvm_free(&l);
	/* two 128 KiB ITSes next to each other, then overlapping, then misaligned */
	accepted(a, 4, 8, 40);
	a[2] = its(0x80a0000 - 0x10000, 1);
	refused(a, 4, 8, 40, "overlaps");
	a[2] = its(0x80a0000 + 0x1000, 1);
	refused(a, 4, 8, 40, "64 KiB");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("kvm");
	TCase *tc = tcase_create("attributes");

	tcase_add_test(tc, one_region_is_legacy_redist);
	tcase_add_test(tc, regions_are_redist_region_descriptors);
	tcase_add_test(tc, added_regions_keep_their_indices);
	tcase_add_test(tc, count_beyond_the_descriptor_is_refused);
	tcase_add_test(tc, plan_file_carries_the_list);
	tcase_add_test(tc, kvm_rules);
	tcase_add_test(tc, nr_irqs_as_kvm_takes_it);
	tcase_add_test(tc, kvm_max_vcpus);
	tcase_add_test(tc, gicv4_is_not_what_kvm_gives);
	tcase_add_test(tc, maintenance_interrupt);
	tcase_add_test(tc, misaligned_region_base);
	tcase_add_test(tc, several_its_devices);
	suite_add_tcase(s, tc);
	return x_run_suite(s, true);
}
