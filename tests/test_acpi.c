/* SPDX-License-Identifier: MIT */
/*
 * The ACPI writer and reader: every form of the MADT has the lengths, the
 * revision and the checksum the ACPI specification gives (read here with the
 * spec's offsets, written out below, not gicplan's header), GICCs beyond the
 * boot vCPUs are flagged as the revision allows, the reader gives back the
 * plan's regions, vCPUs and ITS, and bad tables are refused naming the place.
 */
#include <check.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "acpi_read.h"
#include "acpi_write.h"
#include "gicplan.h"
#include "planner.h"
#include "platform.h"
#include "vgic.h"
#include "xplan.h"
#include "xpublic.h"
#include "xrun.h"

/* ACPI 6.5, 5.2.6 and 5.2.12: the offsets and lengths, as the specification's tables give them. */
#define SPEC_LENGTH 4
#define SPEC_REVISION 8
#define SPEC_SUBTABLES 44
#define SPEC_GICD_LEN 24
#define SPEC_GICR_LEN 16
#define SPEC_ITS_LEN 20
#define SPEC_GICC_FLAGS 12
#define SPEC_GICC_GICR_BASE 60
#define SPEC_GICC_MPIDR 68
#define SPEC_TYPE_GICC 0x0b
#define SPEC_TYPE_GICR 0x0e
#define SPEC_ENABLED 1u
#define SPEC_ONLINE_CAPABLE 8u

static uint64_t le(const uint8_t *p, unsigned n)
{
	uint64_t v = 0;

	while (n-- > 0)
		v = v << 8 | p[n];
	return v;
}

static struct gp_plan *plan_v(uint64_t cpus, unsigned gic_version, int its)
{
	struct gp_platform *p = x_platform("virt");
	struct gp_request req = { .cpus = cpus, .gic_version = gic_version, .its = its,
				  .virtualization = -1 };
	struct gp_plan *plan = x_plan(p, &req);

	free(p);
	return plan;
}

static struct gp_plan *plan_of(uint64_t cpus, int its)
{
	return plan_v(cpus, 0, its);
}

/* The largest redistributor region of @plan, in bytes. */
static uint64_t largest_region(const struct gicplan_plan *plan)
{
	struct gicplan_redist_region r[16];
	size_t n = gicplan_plan_redist_regions(plan, r, 16);
	uint64_t max = 0;

	ck_assert_uint_le(n, 16);
	for (size_t i = 0; i < n; i++)
		max = r[i].size > max ? r[i].size : max;
	return max;
}

/* How many interrupt controller structures of @type the MADT @m holds, walked by their lengths. */
static unsigned structures(const uint8_t *m, size_t len, uint8_t type)
{
	unsigned n = 0;

	for (size_t off = SPEC_SUBTABLES; off + 2 <= len; off += m[off + 1]) {
		ck_assert_uint_ge(m[off + 1], 2);
		n += m[off] == type;
	}
	return n;
}

static void write_ok(const struct gp_plan *plan, enum gp_acpi_version v, uint64_t boot,
		     struct gp_acpi_tables *t)
{
	struct gp_acpi_options o = { v, boot };
	struct gp_error err;

	gp_error_init(&err);
	ck_assert_msg(gp_acpi_write(plan, &o, t, &err) == 0, "%s", err.msg);
}

START_TEST(madt_forms)
{
	static const struct { enum gp_acpi_version v; unsigned rev, gicc; } forms[] = {
		{ GP_ACPI_5_1, 3, 76 }, { GP_ACPI_6_0, 4, 80 }, { GP_ACPI_6_5, 6, 82 },
	};
	struct gp_plan *plan = plan_of(300, 1);
	struct gp_vgic v;
	struct gp_error err;

	gp_error_init(&err);
	ck_assert_int_eq(gp_vgic_from_plan(plan, &v, &err), 0);
	for (size_t f = 0; f < sizeof(forms) / sizeof(forms[0]); f++) {
		struct gp_acpi_tables t;
		const uint8_t *m;
		unsigned sum = 0;

		write_ok(plan, forms[f].v, 0, &t);
		ck_assert_uint_eq(t.n, 2);
		ck_assert_str_eq(t.t[0].file, "apic.dat");
		ck_assert_str_eq(t.t[1].file, "iort.dat");
		m = t.t[0].data;
		ck_assert_uint_eq(t.t[0].len, SPEC_SUBTABLES + SPEC_GICD_LEN + 300 * forms[f].gicc +
						      plan->nr_redist * SPEC_GICR_LEN + SPEC_ITS_LEN);
		ck_assert_uint_eq(le(m + SPEC_LENGTH, 4), t.t[0].len);
		ck_assert_uint_eq(m[SPEC_REVISION], forms[f].rev);
		for (size_t i = 0; i < t.t[0].len; i++)
			sum += m[i];
		ck_assert_uint_eq(sum % 256, 0);
		for (uint64_t cpu = 0; cpu < 300; cpu++) {
			const uint8_t *g = m + SPEC_SUBTABLES + SPEC_GICD_LEN + cpu * forms[f].gicc;

			ck_assert_uint_eq(g[0], 0x0b);
			ck_assert_uint_eq(g[1], forms[f].gicc);
			ck_assert_uint_eq(le(g + SPEC_GICC_MPIDR, 8), v.mpidr[cpu]);
		}
		gp_acpi_tables_free(&t);
	}
	gp_vgic_free(&v);
	free(plan);
}
END_TEST

START_TEST(boot_cpus_flags)
{
	struct gp_plan *plan = plan_of(16, 0);

	for (int v = GP_ACPI_5_1; v <= GP_ACPI_6_5; v++) {
		struct gp_acpi_tables t;
		unsigned gicc = v == GP_ACPI_5_1 ? 76 : v == GP_ACPI_6_0 ? 80 : 82;

		write_ok(plan, (enum gp_acpi_version)v, 5, &t);
		ck_assert_uint_eq(t.n, 1); /* no ITS: no IORT */
		for (unsigned cpu = 0; cpu < 16; cpu++) {
			const uint8_t *g = t.t[0].data + SPEC_SUBTABLES + SPEC_GICD_LEN + cpu * gicc;
			uint32_t flags = (uint32_t)le(g + SPEC_GICC_FLAGS, 4);

			if (cpu < 5)
				ck_assert_uint_eq(flags, SPEC_ENABLED);
			else
				ck_assert_uint_eq(flags, v == GP_ACPI_6_5 ? SPEC_ONLINE_CAPABLE : 0);
		}
		gp_acpi_tables_free(&t);
	}
	free(plan);
}
END_TEST

START_TEST(read_back)
{
	struct gp_plan *plan = plan_of(1500, 1);
	struct gp_acpi_tables t;
	struct gp_acpi_blob madt, iort;
	struct gp_acpi_result *r = calloc(1, sizeof(*r));
	struct gp_machine m = { 0 };
	struct gp_vgic v;
	struct gp_error err;

	gp_error_init(&err);
	write_ok(plan, GP_ACPI_6_5, 1000, &t);
	madt = (struct gp_acpi_blob){ "apic.dat", t.t[0].data, t.t[0].len };
	iort = (struct gp_acpi_blob){ "iort.dat", t.t[1].data, t.t[1].len };
	ck_assert_msg(gp_acpi_read(&madt, &iort, &m, r, &err) == 0, "%s", err.msg);
	ck_assert_uint_eq(m.nr_cpus, 1500);
	ck_assert_uint_eq(m.nr_redist, plan->nr_redist);
	for (uint32_t i = 0; i < plan->nr_redist; i++) {
		ck_assert_uint_eq(m.redist[i].base, plan->redist[i].base);
		ck_assert_uint_eq(m.redist[i].size, plan->redist[i].reg_size);
	}
	ck_assert_uint_eq(m.gicd.base, plan->gicd.base);
	ck_assert_uint_eq(m.nr_its, 1);
	ck_assert_uint_eq(m.its[0].reg.base, plan->its.base);
	ck_assert_uint_eq(r->enabled, 1000);
	ck_assert_uint_eq(r->online_capable, 500);
	ck_assert_int_eq(gp_vgic_from_plan(plan, &v, &err), 0);
	for (uint64_t i = 0; i < m.nr_cpus; i++)
		ck_assert_uint_eq(m.mpidr[i], v.mpidr[i]);
	gp_acpi_check(&v, t.t[0].data, t.t[0].len, t.t[1].data, t.t[1].len, r);
	ck_assert_msg(!r->failed, "%s", r->checks[0].detail);
	gp_vgic_free(&v);
	gp_machine_free(&m);
	gp_acpi_tables_free(&t);
	free(r);
	free(plan);
}
END_TEST

/* Reading @t's MADT after @edit fails with exit 2 naming @needle. */
static void refused(const struct gp_acpi_tables *t, void (*edit)(uint8_t *, size_t *),
		    const char *needle)
{
	uint8_t *copy = malloc(t->t[0].len);
	size_t len = t->t[0].len;
	struct gp_acpi_blob madt;
	struct gp_acpi_result *r = calloc(1, sizeof(*r));
	struct gp_machine m = { 0 };
	struct gp_error err;

	memcpy(copy, t->t[0].data, len);
	edit(copy, &len);
	madt = (struct gp_acpi_blob){ "x.dat", copy, len };
	gp_error_init(&err);
	ck_assert_int_eq(gp_acpi_read(&madt, NULL, &m, r, &err), -1);
	ck_assert_int_eq(err.exit_code, GP_EXIT_USAGE);
	ck_assert_msg(strstr(err.msg, needle) != NULL, "\"%s\" does not name %s", err.msg, needle);
	gp_machine_free(&m);
	free(r);
	free(copy);
}

static void flip_checksum(uint8_t *t, size_t *len)
{
	(void)len;
	t[9] ^= 1;
}

static void cut(uint8_t *t, size_t *len)
{
	(void)t;
	*len -= 1;
}

static void revision_6(uint8_t *t, size_t *len)
{
	unsigned sum = 0;

	t[SPEC_REVISION] = 6;
	t[9] = 0;
	for (size_t i = 0; i < *len; i++)
		sum += t[i];
	t[9] = (uint8_t)(0u - sum);
}

START_TEST(bad_tables)
{
	struct gp_plan *plan = plan_of(8, 1);
	struct gp_acpi_tables t;

	write_ok(plan, GP_ACPI_6_0, 0, &t);
	refused(&t, flip_checksum, "offset 9: checksum");
	refused(&t, cut, "truncated");
	refused(&t, revision_6, "MADT revision 6 has 82");
	gp_acpi_tables_free(&t);
	free(plan);
}
END_TEST

/*
 * A region over 4 GiB (GICv3 past 32768 vCPUs, GICv4 past 16384): no GICR
 * structure (its length is a u32), each GICC gives its vCPU's frame as the
 * public API places it, and the tables read back and pass the ACPI checks.
 */
static void gicc_addressed(uint64_t cpus, unsigned gic_version, enum gp_acpi_version form)
{
	struct gp_plan *plan = plan_v(cpus, gic_version, 1);
	struct gicplan_plan *pub = x_public_plan(cpus, gic_version, 1);
	unsigned gicc = form == GP_ACPI_5_1 ? 76 : form == GP_ACPI_6_0 ? 80 : 82;
	struct gp_acpi_tables t;
	struct gp_acpi_blob madt, iort;
	struct gp_acpi_result *r = calloc(1, sizeof(*r));
	struct gp_machine m = { 0 };
	struct gp_vgic v;
	struct gp_error err;
	const uint8_t *g;

	ck_assert_uint_gt(largest_region(pub), UINT32_MAX);
	write_ok(plan, form, 0, &t);
	ck_assert_uint_eq(t.n, 2);
	ck_assert_uint_eq(t.t[0].len, SPEC_SUBTABLES + SPEC_GICD_LEN + cpus * gicc + SPEC_ITS_LEN);
	ck_assert_uint_eq(structures(t.t[0].data, t.t[0].len, SPEC_TYPE_GICR), 0);
	ck_assert_uint_eq(structures(t.t[0].data, t.t[0].len, SPEC_TYPE_GICC), cpus);
	g = t.t[0].data + SPEC_SUBTABLES + SPEC_GICD_LEN;
	for (uint64_t cpu = 0; cpu < cpus; cpu++, g += gicc) {
		struct gicplan_vcpu vc;
		struct gicplan_error e;

		ck_assert_int_eq(gicplan_plan_vcpu(pub, cpu, &vc, &e), GICPLAN_OK);
		ck_assert_uint_eq(le(g + SPEC_GICC_GICR_BASE, 8), vc.redist_base);
		ck_assert_uint_eq(le(g + SPEC_GICC_MPIDR, 8), vc.mpidr);
	}
	gp_error_init(&err);
	madt = (struct gp_acpi_blob){ "apic.dat", t.t[0].data, t.t[0].len };
	iort = (struct gp_acpi_blob){ "iort.dat", t.t[1].data, t.t[1].len };
	ck_assert_msg(gp_acpi_read(&madt, &iort, &m, r, &err) == 0, "%s", err.msg);
	ck_assert(r->gicc_style);
	ck_assert_uint_eq(r->enabled, cpus);
	ck_assert_uint_eq(m.nr_cpus, cpus);
	ck_assert_int_eq(gp_vgic_from_plan(plan, &v, &err), 0);
	gp_acpi_check(&v, t.t[0].data, t.t[0].len, t.t[1].data, t.t[1].len, r);
	for (int i = 0; i < GP_ACPI_CHECKS; i++)
		ck_assert_msg(r->checks[i].status != GP_CHECK_FAIL, "%s: %s", r->checks[i].name,
			      r->checks[i].detail);
	gp_vgic_free(&v);
	gp_machine_free(&m);
	gp_acpi_tables_free(&t);
	gicplan_plan_free(pub);
	free(r);
	free(plan);
}

START_TEST(gicc_frames_v3)
{
	gicc_addressed(33000, 3, GP_ACPI_6_0);
}
END_TEST

START_TEST(gicc_frames_v4)
{
	gicc_addressed(16500, 4, GP_ACPI_6_5);
}
END_TEST

/* Regions that fit a GICR structure keep QEMU's form: a GICR structure each, GICR bases 0. */
START_TEST(gicr_form_below)
{
	static const struct { uint64_t cpus; unsigned version; } fit[] = {
		{ 32767, 3 }, { 16383, 4 },
	};

	for (size_t k = 0; k < sizeof(fit) / sizeof(fit[0]); k++) {
		struct gp_plan *plan = plan_v(fit[k].cpus, fit[k].version, 1);
		struct gicplan_plan *pub = x_public_plan(fit[k].cpus, fit[k].version, 1);
		struct gp_acpi_tables t;
		const uint8_t *g;

		ck_assert_uint_le(largest_region(pub), UINT32_MAX);
		write_ok(plan, GP_ACPI_6_0, 0, &t);
		ck_assert_uint_eq(structures(t.t[0].data, t.t[0].len, SPEC_TYPE_GICR),
				  gicplan_plan_redist_regions(pub, NULL, 0));
		g = t.t[0].data + SPEC_SUBTABLES + SPEC_GICD_LEN;
		for (uint64_t cpu = 0; cpu < fit[k].cpus; cpu++, g += 80)
			ck_assert_uint_eq(le(g + SPEC_GICC_GICR_BASE, 8), 0);
		gp_acpi_tables_free(&t);
		gicplan_plan_free(pub);
		free(plan);
	}
}
END_TEST

/* vCPUs not enabled at boot need GICR structures: refused past 4 GiB, naming why, in every form. */
START_TEST(gicc_form_boot_cpus)
{
	struct gp_plan *plan = plan_v(33000, 3, 1);

	for (int f = GP_ACPI_5_1; f <= GP_ACPI_6_5; f++) {
		struct gp_acpi_options o = { (enum gp_acpi_version)f, 100 };
		struct gp_acpi_tables t;
		struct gp_error err;

		gp_error_init(&err);
		ck_assert_int_eq(gp_acpi_write(plan, &o, &t, &err), -1);
		ck_assert_int_eq(err.exit_code, GP_EXIT_USAGE);
		ck_assert_uint_eq(t.n, 0);
		ck_assert_msg(strstr(err.msg, "--boot-cpus 100") && strstr(err.msg, "GICR structures") &&
				      strstr(err.msg, "u32") && !strchr(err.msg, '\n'),
			      "%s", err.msg);
	}
	free(plan);
}
END_TEST

START_TEST(limits)
{
	struct gp_plan *plan = plan_of(8, 1);
	struct gp_acpi_options o = { GP_ACPI_6_0, 9 };
	struct gp_acpi_tables t;
	struct gp_error err;

	gp_error_init(&err);
	ck_assert_int_eq(gp_acpi_write(plan, &o, &t, &err), -1);
	ck_assert_int_eq(err.exit_code, GP_EXIT_USAGE);
	gp_acpi_tables_free(&t);
	/* A region a GICR structure's u32 length cannot give, and vCPUs off at boot. */
	plan->redist[0].reg_size = (uint64_t)UINT32_MAX + 1;
	o.boot_cpus = 4;
	gp_error_init(&err);
	ck_assert_int_eq(gp_acpi_write(plan, &o, &t, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "u32"));
	gp_acpi_tables_free(&t);
	free(plan);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("acpi");
	TCase *tc = tcase_create("tables");

	tcase_add_test(tc, madt_forms);
	tcase_add_test(tc, boot_cpus_flags);
	tcase_add_test(tc, read_back);
	tcase_add_test(tc, bad_tables);
	tcase_add_test(tc, gicc_frames_v3);
	tcase_add_test(tc, gicc_frames_v4);
	tcase_add_test(tc, gicr_form_below);
	tcase_add_test(tc, gicc_form_boot_cpus);
	tcase_add_test(tc, limits);
	suite_add_tcase(s, tc);
	return x_run_suite(s, true);
}
