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
#define DOC_ADDR_DIST 2
#define DOC_ADDR_REDIST 3
#define DOC_ADDR_ITS 4
#define DOC_ADDR_REDIST_REGION 5
#define DOC_CTRL_INIT 0
#define DOC_PRIVATE_INTIDS 32

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
	ck_assert_msg(gp_plan_compat(p, &req, &old, &plan, &err) == 0, "%s", err.msg);
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

/* A region beyond a descriptor's 12-bit count is refused, not encoded with a truncated count. */
START_TEST(count_beyond_the_descriptor_is_refused)
{
	struct gp_vgic v;
	struct gp_kvm_list l;
	struct gp_error err;
	char error[256], warning[256], what[64];

	gp_error_init(&err);
	grow_virt_900(10000);
	ck_assert_uint_eq(plan.nr_redist, 2);
	ck_assert_uint_gt(plan.redist[1].count, DOC_COUNT(UINT64_MAX));
	ck_assert_int_eq(gp_vgic_from_plan(&plan, &v, &err), 0);
	ck_assert_int_eq(gp_kvm_attrs(&v, &l, &err), 0);
	ck_assert_uint_eq(l.attrs[2].attr, DOC_ADDR_REDIST_REGION);
	ck_assert_uint_eq(DOC_INDEX(l.attrs[2].value), 1);
	ck_assert_uint_eq(DOC_BASE(l.attrs[2].value), plan.redist[1].base);
	ck_assert_uint_eq(DOC_COUNT(l.attrs[2].value), 0);
	snprintf(what, sizeof(what), "%" PRIu64 " redistributors", plan.redist[1].count);
	ck_assert_ptr_nonnull(strstr(l.attrs[2].what, what));
	ck_assert(!gp_kvm_check(&l, plan.req.cpus, plan.ipa_bits, error, sizeof(error), warning,
				sizeof(warning)));
	ck_assert_ptr_nonnull(strstr(error, "REDIST_REGION 1: count 0"));
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
				     "test" };
}

static struct gp_kvm_attr region(uint64_t base, uint32_t count, uint32_t index)
{
	return addr(DOC_ADDR_REDIST_REGION, (uint64_t)count << 52 | base | index);
}

static struct gp_kvm_attr nr_irqs(uint64_t n)
{
	return (struct gp_kvm_attr){ KVM_DEV_TYPE_ARM_VGIC_V3, DOC_GRP_NR_IRQS, 0, true, n, "test" };
}

/* KVM refuses @l (for @cpus vCPUs, a @bits-bit IPA) with an error naming @needle. */
static void refused(struct gp_kvm_attr *a, size_t n, uint64_t cpus, unsigned bits,
		    const char *needle)
{
	struct gp_kvm_list l = list(a, n);
	char error[256], warning[256];

	ck_assert(!gp_kvm_check(&l, cpus, bits, error, sizeof(error), warning, sizeof(warning)));
	ck_assert_msg(strstr(error, needle) != NULL, "\"%s\" lacks \"%s\"", error, needle);
}

static void accepted(struct gp_kvm_attr *a, size_t n, uint64_t cpus, unsigned bits)
{
	struct gp_kvm_list l = list(a, n);
	char error[256], warning[256];

	ck_assert_msg(gp_kvm_check(&l, cpus, bits, error, sizeof(error), warning, sizeof(warning)),
		      "%s", error);
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
	/* NR_IRQS: 64..992 in steps of 32 */
	a[1] = region(0x80a0000, 8, 0);
	a[2] = nr_irqs(992);
	accepted(a, 3, 8, 40);
	a[2] = nr_irqs(1024);
	refused(a, 3, 8, 40, "NR_IRQS");
	a[2] = nr_irqs(32);
	refused(a, 3, 8, 40, "NR_IRQS");
	a[2] = nr_irqs(100);
	refused(a, 3, 8, 40, "NR_IRQS");
	/* the kernel keeps an index in a u8: region 256 is refused, 255 is not */
	for (uint32_t i = 0; i < 257; i++)
		a[1 + i] = region(0x100000000ull + (uint64_t)i * 0x100000, 1, i);
	accepted(a, 1 + 256, 256, 40);
	refused(a, 1 + 257, 257, 40, "u8");
}
END_TEST

START_TEST(more_than_kvm_max_vcpus_warns)
{
	struct gp_kvm_attr a[3] = { addr(DOC_ADDR_DIST, 0x8000000),
				    addr(DOC_ADDR_REDIST, 0x100000000ull), nr_irqs(288) };
	struct gp_kvm_list l = list(a, 3);
	char error[256], warning[256];

	ck_assert(gp_kvm_check(&l, KVM_ARM64_MAX_VCPUS, 40, error, sizeof(error), warning,
			       sizeof(warning)));
	ck_assert_str_eq(warning, "");
	ck_assert(gp_kvm_check(&l, KVM_ARM64_MAX_VCPUS + 1, 40, error, sizeof(error), warning,
			       sizeof(warning)));
	ck_assert_ptr_nonnull(strstr(warning, "512"));
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
	tcase_add_test(tc, more_than_kvm_max_vcpus_warns);
	suite_add_tcase(s, tc);
	return x_run_suite(s, true);
}
