/* SPDX-License-Identifier: MIT */
/*
 * libgicplan's inputs and reports in detail, and its plans kept compatible,
 * ACPI tables and outputs: each public answer checked on real inputs (QEMU's
 * own trees and ACPI tables, bundled platforms) against what the input says
 * on its face and against the internal functions' own answers.
 */
#include <gicplan.h>

#include "acpi_read.h"
#include "acpi_write.h"
#include "error.h"
#include "input.h"
#include "planner.h"
#include "platform.h"
#include "verify.h"
#include "xfile.h"
#include "xpublic.h"

#include <check.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define QEMU_DIR GICPLAN_SOURCE_DIR "/tests/fixtures/qemu-7.2"
#define TREE_SMP124 QEMU_DIR "/virt-gicv3-smp124.dtb"
#define TREE_V61 QEMU_DIR "/virt-6.1-gicv3-smp2.dtb"
#define ACPI_SMP8 QEMU_DIR "/acpi/virt-gicv3-smp8"
#define ACPI_SMP130 QEMU_DIR "/acpi/virt-gicv3-smp130"

/* An ACPI table header: its signature, length (u32) and revision at these offsets. */
#define ACPI_HDR_LENGTH 4
#define ACPI_HDR_REVISION 8
#define ACPI_HDR_SIZE 36

/* A temporary file name in the build tree. */
static void temp_path(char *buf, size_t cap, const char *what)
{
	snprintf(buf, cap, "%s/test_api_verify_%ld_%s", GICPLAN_BINARY_DIR, (long)getpid(), what);
}

static struct gicplan_input *load(const char *path, const struct gicplan_input_options *o)
{
	struct gicplan_input *in = NULL;
	struct gicplan_error err;

	ck_assert_msg(gicplan_input_load(path, o, &in, &err) == GICPLAN_OK, "%s", err.message);
	return in;
}

/* The internal reading of @path, as the input functions make it. */
static void load_internal(const char *path, struct gp_input *in)
{
	struct gp_input_options io = { 0 };
	struct gp_error e;

	memset(in, 0, sizeof(*in));
	gp_error_init(&e);
	ck_assert_msg(gp_input_load(path, &io, in, &e) == 0, "%s", e.msg);
}

/* Index of the check named @name in @r, or -1. */
static long check_index(const struct gicplan_report *r, const char *name)
{
	struct gicplan_check c;

	for (size_t i = 0; i < gicplan_report_checks(r); i++) {
		ck_assert_int_eq(gicplan_report_check(r, i, &c, NULL), GICPLAN_OK);
		if (strcmp(c.name, name) == 0)
			return (long)i;
	}
	return -1;
}

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

START_TEST(names)
{
	ck_assert_str_eq(gicplan_profile_name(GICPLAN_PROFILE_KVM), "kvm");
	ck_assert_str_eq(gicplan_profile_name(GICPLAN_PROFILE_QEMU), "qemu");
	ck_assert_ptr_null(gicplan_profile_name(7));
	ck_assert_str_eq(gicplan_check_status_name(GICPLAN_CHECK_FAIL), "fail");
	ck_assert_str_eq(gicplan_check_status_name(GICPLAN_CHECK_SKIP), "skip");
	ck_assert_ptr_null(gicplan_check_status_name(-1));
}
END_TEST

START_TEST(input_info_of_each_kind)
{
	struct gicplan_plan *plan = x_public_plan(300, 3, 1);
	struct gicplan_input *in;
	struct gicplan_input_info info;
	struct gicplan_plan_info pi;
	struct gp_input own;
	struct gicplan_error err;

	/* QEMU's tree of 124 vCPUs (the file says so in its name, QEMU's -smp). */
	in = load(TREE_SMP124, NULL);
	load_internal(TREE_SMP124, &own);
	ck_assert_int_eq(gicplan_input_info(in, &info, &err), GICPLAN_OK);
	ck_assert_int_eq(info.kind, GICPLAN_INPUT_TREE);
	ck_assert_uint_eq(info.cpus, 124);
	ck_assert_uint_eq(info.nr_redist_regions, own.m.nr_redist);
	ck_assert_uint_ge(info.nr_redist_regions, 1);
	ck_assert_uint_eq(info.ipa_bits, own.ipa_bits);
	gp_input_free(&own);
	gicplan_input_free(in);

	/* The IPA size asked for is the one verified against. */
	in = load(TREE_SMP124, &(struct gicplan_input_options){ .ipa_bits = 44 });
	ck_assert_int_eq(gicplan_input_info(in, &info, &err), GICPLAN_OK);
	ck_assert_uint_eq(info.ipa_bits, 44);
	gicplan_input_free(in);

	/* A plan's input: its request's vCPUs and redistributor regions. */
	ck_assert_int_eq(gicplan_plan_info(plan, &pi, &err), GICPLAN_OK);
	ck_assert_int_eq(gicplan_input_from_plan(plan, &in, &err), GICPLAN_OK);
	ck_assert_int_eq(gicplan_input_info(in, &info, &err), GICPLAN_OK);
	ck_assert_int_eq(info.kind, GICPLAN_INPUT_PLAN);
	ck_assert_uint_eq(info.cpus, 300);
	ck_assert_uint_eq(info.nr_redist_regions, pi.nr_redist_regions);
	ck_assert_uint_eq(info.ipa_bits, pi.ipa_bits);
	gicplan_input_free(in);

	/* QEMU's ACPI tables of 130 vCPUs. */
	in = load(ACPI_SMP130, NULL);
	ck_assert_int_eq(gicplan_input_info(in, &info, &err), GICPLAN_OK);
	ck_assert_int_eq(info.kind, GICPLAN_INPUT_ACPI);
	ck_assert_uint_eq(info.cpus, 130);
	gicplan_input_free(in);

	ck_assert_int_eq(gicplan_input_info(NULL, &info, &err), GICPLAN_E_USAGE);
	gicplan_plan_free(plan);
}
END_TEST

START_TEST(input_tree_bytes)
{
	struct gicplan_plan *plan = x_public_plan(8, 3, 1);
	struct gicplan_input *in;
	struct gicplan_error err;
	const void *data = NULL;
	size_t len = 0, want_len;
	void *want;

	/* A tree file: its own bytes. */
	want = x_read_file(TREE_V61, &want_len);
	in = load(TREE_V61, NULL);
	ck_assert_int_eq(gicplan_input_tree(in, &data, &len, &err), GICPLAN_OK);
	ck_assert_uint_eq(len, want_len);
	ck_assert_mem_eq(data, want, len);
	gicplan_input_free(in);
	free(want);

	/* A plan's: the tree gicplan_plan_dtb gives. */
	ck_assert_int_eq(gicplan_plan_dtb(plan, NULL, 0, &want_len, &err), GICPLAN_E_RANGE);
	want = malloc(want_len);
	ck_assert_int_eq(gicplan_plan_dtb(plan, want, want_len, &want_len, &err), GICPLAN_OK);
	ck_assert_int_eq(gicplan_input_from_plan(plan, &in, &err), GICPLAN_OK);
	ck_assert_int_eq(gicplan_input_tree(in, &data, &len, &err), GICPLAN_OK);
	ck_assert_uint_eq(len, want_len);
	ck_assert_mem_eq(data, want, len);
	gicplan_input_free(in);
	free(want);

	/* ACPI tables have none. */
	in = load(ACPI_SMP8, NULL);
	ck_assert_int_eq(gicplan_input_tree(in, &data, &len, &err), GICPLAN_E_USAGE);
	ck_assert_ptr_null(data);
	ck_assert_uint_eq(len, 0);
	gicplan_input_free(in);
	gicplan_plan_free(plan);
}
END_TEST

START_TEST(acpi_findings_and_checks)
{
	static const char *const acpi_names[] = { "acpi-gicc", "acpi-boot-cpu", "acpi-its", "acpi-tree" };
	struct gicplan_input *in = load(ACPI_SMP8, NULL);
	struct gicplan_acpi_info a;
	struct gicplan_check c;
	struct gicplan_error err;
	struct gp_input own;
	size_t madt_len;
	uint8_t *madt = x_read_file(ACPI_SMP8 "/apic.dat", &madt_len);

	load_internal(ACPI_SMP8, &own);
	ck_assert_int_eq(gicplan_input_acpi(in, &a, &err), GICPLAN_OK);
	/* What the MADT's header says, read here from its bytes. */
	ck_assert_uint_ge(madt_len, ACPI_HDR_SIZE);
	ck_assert_mem_eq(madt, "APIC", 4);
	ck_assert_uint_eq(a.madt_revision, madt[ACPI_HDR_REVISION]);
	ck_assert_uint_eq(le32(madt + ACPI_HDR_LENGTH), madt_len);
	ck_assert_ptr_nonnull(strstr(a.madt, "apic.dat"));
	ck_assert_ptr_nonnull(strstr(a.iort, "iort.dat"));
	/* QEMU enables every vCPU at boot; its MADT has GICR structures. */
	ck_assert_uint_eq(a.enabled, 8);
	ck_assert_uint_eq(a.online_capable + a.disabled, 0);
	ck_assert_int_eq(a.gicc_style, 0);
	ck_assert_int_eq(a.failed, 0);

	ck_assert_uint_eq(gicplan_input_acpi_checks(in), sizeof(acpi_names) / sizeof(acpi_names[0]));
	for (size_t i = 0; i < gicplan_input_acpi_checks(in); i++) {
		ck_assert_int_eq(gicplan_input_acpi_check(in, i, &c, &err), GICPLAN_OK);
		ck_assert_str_eq(c.name, acpi_names[i]);
		ck_assert_int_eq(c.status, (int)own.acpi->checks[i].status);
		ck_assert_uint_eq(c.count, own.acpi->checks[i].count);
		ck_assert_str_eq(c.detail, own.acpi->checks[i].detail);
		ck_assert_int_ne(c.status, GICPLAN_CHECK_FAIL);
	}
	ck_assert_int_eq(gicplan_input_acpi_check(in, 4, &c, &err), GICPLAN_E_USAGE);
	gp_input_free(&own);
	gicplan_input_free(in);
	free(madt);

	/* A tree has no ACPI findings. */
	in = load(TREE_V61, NULL);
	ck_assert_int_eq(gicplan_input_acpi(in, &a, &err), GICPLAN_E_USAGE);
	ck_assert_uint_eq(gicplan_input_acpi_checks(in), 0);
	ck_assert_int_eq(gicplan_input_acpi_check(in, 0, &c, &err), GICPLAN_E_USAGE);
	gicplan_input_free(in);
}
END_TEST

/* The internal proof of @path under @o, with its input's assumptions, as verify makes it. */
static struct gp_verify_result *verify_internal(const char *path, const struct gp_verify_options *o)
{
	struct gp_verify_result *r = malloc(sizeof(*r));
	struct gp_verify_options vo = *o;
	struct gp_input in;
	struct gp_error e;

	ck_assert_ptr_nonnull(r);
	load_internal(path, &in);
	gp_error_init(&e);
	vo.ipa_bits = in.ipa_bits;
	gp_vgic_set_qemu_machine(&in.v, vo.profile, vo.qemu_machine);
	ck_assert_int_eq(gp_verify(&in.m, &in.v, &vo, r, &e), 0);
	gp_input_free(&in);
	return r;
}

START_TEST(coverage_and_assumptions)
{
	struct gicplan_input *in = load(TREE_SMP124, NULL);
	struct gicplan_report *r = NULL;
	struct gicplan_coverage v;
	struct gicplan_error err;
	struct gp_input own;
	struct gp_verify_options o = { .profile = GIC_PROFILE_KVM };
	struct gp_verify_result *want = verify_internal(TREE_SMP124, &o);

	load_internal(TREE_SMP124, &own);
	ck_assert_int_eq(gicplan_verify(in, &(struct gicplan_verify_options){
						 .profile = GICPLAN_PROFILE_KVM }, &r, &err),
			 GICPLAN_OK);
	ck_assert_int_eq(gicplan_report_coverage(r, &v, &err), GICPLAN_OK);
	ck_assert_int_eq(v.profile, GICPLAN_PROFILE_KVM);
	ck_assert_uint_eq(v.gic_version, 3);
	ck_assert_str_eq(v.version_note, own.version_note);
	ck_assert_int_eq(v.exhaustive, 0);
	ck_assert_uint_eq(v.frames_walked, want->frames_walked);
	/* Every vCPU's walk reads at least its own frame. */
	ck_assert_uint_ge(v.frames_walked, 124);
	ck_assert_uint_eq(v.spi_deliveries, want->spi_deliveries);
	ck_assert_uint_eq(v.sgi_writes, want->sgi_writes);
	ck_assert_uint_eq(v.sgi_deliveries, want->sgi_deliveries);
	ck_assert_uint_eq(v.ppi_deliveries, want->ppi_deliveries);
	ck_assert_uint_eq(v.lpi_deliveries, want->lpi_deliveries);

	/* A tree says nothing of its SPI count: assumed, and said so. */
	ck_assert_uint_ge(gicplan_report_assumptions(r), 1);
	ck_assert_uint_eq(gicplan_report_assumptions(r), own.nr_assumptions);
	for (size_t i = 0; i < own.nr_assumptions; i++)
		ck_assert_str_eq(gicplan_report_assumption(r, i), own.assumptions[i]);
	ck_assert_ptr_null(gicplan_report_assumption(r, own.nr_assumptions));
	ck_assert_uint_eq(gicplan_report_offenders(r), want->nr_listed);
	gicplan_report_free(r);
	gp_input_free(&own);
	free(want);
	gicplan_input_free(in);

	/* A plan assumes nothing. */
	{
		struct gicplan_plan *plan = x_public_plan(8, 3, 1);

		ck_assert_int_eq(gicplan_input_from_plan(plan, &in, &err), GICPLAN_OK);
		ck_assert_int_eq(gicplan_verify(in, NULL, &r, &err), GICPLAN_OK);
		ck_assert_uint_eq(gicplan_report_assumptions(r), 0);
		gicplan_report_free(r);
		gicplan_input_free(in);
		gicplan_plan_free(plan);
	}
}
END_TEST

START_TEST(offenders_listed)
{
	/* A GICv3 tree read as GICv4: every vCPU finds half a frame, mpidr-found fails. */
	struct gicplan_plan *plan = x_public_plan(8, 3, 1);
	struct gicplan_input *in;
	struct gicplan_report *r = NULL;
	struct gicplan_offender o;
	struct gicplan_check c;
	struct gicplan_error err;
	struct gp_verify_options io = { .profile = GIC_PROFILE_ARCH };
	struct gp_verify_result *want;
	size_t n, in_mpidr = 0;
	long mpidr;
	struct gp_input own;
	struct gp_input_options gio = { .gic_version = 4 };
	struct gp_error e;
	char path[512];

	temp_path(path, sizeof(path), "v3.dtb");
	ck_assert_int_eq(gicplan_plan_write_dtb(plan, path, &err), GICPLAN_OK);
	in = load(path, &(struct gicplan_input_options){ .gic_version = 4 });
	ck_assert_int_eq(gicplan_verify(in, NULL, &r, &err), GICPLAN_E_CHECK);
	mpidr = check_index(r, "mpidr-found");
	ck_assert_int_ge(mpidr, 0);
	ck_assert_int_eq(gicplan_report_check(r, (size_t)mpidr, &c, &err), GICPLAN_OK);
	ck_assert_int_eq(c.status, GICPLAN_CHECK_FAIL);

	/* The internal run of the same input lists the same offences. */
	want = malloc(sizeof(*want));
	ck_assert_ptr_nonnull(want);
	memset(&own, 0, sizeof(own));
	gp_error_init(&e);
	ck_assert_int_eq(gp_input_load(path, &gio, &own, &e), 0);
	io.ipa_bits = own.ipa_bits;
	ck_assert_int_eq(gp_verify(&own.m, &own.v, &io, want, &e), 0);

	n = gicplan_report_offenders(r);
	ck_assert_uint_eq(n, want->nr_listed);
	ck_assert_uint_ge(n, 1);
	ck_assert_uint_le(n, GICPLAN_OFFENDERS_MAX);
	for (size_t i = 0; i < n; i++) {
		struct gicplan_check k;

		ck_assert_int_eq(gicplan_report_offender(r, i, &o, &err), GICPLAN_OK);
		ck_assert_uint_eq(o.check, want->listed[i].check);
		ck_assert_int_eq(o.status, want->listed[i].status);
		ck_assert_str_eq(o.detail, want->listed_text + want->listed[i].text);
		ck_assert(o.status == GICPLAN_CHECK_FAIL || o.status == GICPLAN_CHECK_WARN);
		/* Each offence belongs to a check that counted it. */
		ck_assert_int_eq(gicplan_report_check(r, o.check, &k, &err), GICPLAN_OK);
		ck_assert_uint_ge(k.offences, 1);
		in_mpidr += o.check == (size_t)mpidr;
	}
	/* mpidr-found lists its offences, never more than it counted. */
	ck_assert_uint_ge(in_mpidr, 1);
	ck_assert_uint_le(in_mpidr, c.offences);
	ck_assert_int_eq(gicplan_report_offender(r, n, &o, &err), GICPLAN_E_USAGE);
	gp_input_free(&own);
	free(want);
	gicplan_report_free(r);
	gicplan_input_free(in);
	gicplan_plan_free(plan);
	unlink(path);
}
END_TEST

START_TEST(verify_options_qemu_machine_and_ipa)
{
	struct gicplan_input *in = load(TREE_V61, NULL);
	struct gicplan_report *r = NULL;
	struct gicplan_coverage v, latest;
	struct gicplan_error err;
	struct gicplan_verify_options vo = { .profile = GICPLAN_PROFILE_QEMU,
					     .qemu_machine = "virt-6.1" };
	struct gp_verify_options o = { .profile = GIC_PROFILE_QEMU,
				       .qemu_machine = GIC_QEMU_MACHINE(6, 1) };
	struct gp_verify_result *want = verify_internal(TREE_V61, &o);
	struct gicplan_plan *plan;
	struct gicplan_plan_info pi;
	long bound;

	/* QEMU's own virt-6.1 tree under QEMU's virt-6.1 GIC: as the internal proof finds it. */
	ck_assert_int_eq(gicplan_verify(in, &vo, &r, &err), want->failed ? GICPLAN_E_CHECK
									  : GICPLAN_OK);
	ck_assert_int_eq(want->failed, 0);
	ck_assert_int_eq(gicplan_report_coverage(r, &v, &err), GICPLAN_OK);
	ck_assert_uint_eq(v.lpi_deliveries, want->lpi_deliveries);
	ck_assert_uint_eq(v.frames_walked, want->frames_walked);
	gicplan_report_free(r);
	free(want);

	/*
	 * QEMU 7.2's tree with an ITS: the latest machine type's GIC has LPIs and
	 * proves it; virt-6.1's has none under TCG (its ITS came in 6.2), so the
	 * tree's ITS fails there.
	 */
	{
		struct gicplan_input *its = load(QEMU_DIR "/virt-gicv3-smp8-norand.dtb", NULL);
		struct gicplan_check c;
		long lpi;

		vo.qemu_machine = NULL;
		ck_assert_int_eq(gicplan_verify(its, &vo, &r, &err), GICPLAN_OK);
		ck_assert_int_eq(gicplan_report_coverage(r, &latest, &err), GICPLAN_OK);
		ck_assert_uint_gt(latest.lpi_deliveries, 0);
		gicplan_report_free(r);
		vo.qemu_machine = "virt-6.1";
		ck_assert_int_eq(gicplan_verify(its, &vo, &r, &err), GICPLAN_E_CHECK);
		ck_assert_ptr_nonnull(strstr(err.message, "virt-gicv3-smp8-norand.dtb"));
		lpi = check_index(r, "lpi-routing");
		ck_assert_int_ge(lpi, 0);
		ck_assert_int_eq(gicplan_report_check(r, (size_t)lpi, &c, &err), GICPLAN_OK);
		ck_assert_int_eq(c.status, GICPLAN_CHECK_FAIL);
		gicplan_report_free(r);
		gicplan_input_free(its);
	}

	/* A machine type QEMU 7.2 has not, or one with another profile, is refused, no report. */
	vo.qemu_machine = "virt-1.0";
	ck_assert_int_eq(gicplan_verify(in, &vo, &r, &err), GICPLAN_E_USAGE);
	ck_assert_ptr_nonnull(strstr(err.message, "virt-1.0"));
	ck_assert_ptr_null(r);
	vo = (struct gicplan_verify_options){ .profile = GICPLAN_PROFILE_KVM,
					      .qemu_machine = "virt-6.1" };
	ck_assert_int_eq(gicplan_verify(in, &vo, &r, &err), GICPLAN_E_USAGE);
	ck_assert_ptr_null(r);
	gicplan_input_free(in);

	/* A plan with 8 GiB of RAM proven against a 32-bit IPA: its memory leaves the IPA. */
	{
		struct gicplan_platform *p = NULL;
		struct gicplan_request req;
		struct gicplan_check c;

		ck_assert_int_eq(gicplan_platform_load("virt", &p, &err), GICPLAN_OK);
		gicplan_request_init(&req);
		req.max_cpus = 8;
		req.ram_size = UINT64_C(8) << 30;
		ck_assert_int_eq(gicplan_plan_make(p, &req, &plan, &err), GICPLAN_OK);
		gicplan_platform_free(p);
		ck_assert_int_eq(gicplan_plan_info(plan, &pi, &err), GICPLAN_OK);
		ck_assert_uint_gt(pi.ram_base + pi.ram_size, UINT64_C(1) << 32);
		ck_assert_uint_gt(pi.ipa_bits, 32);
		ck_assert_int_eq(gicplan_input_from_plan(plan, &in, &err), GICPLAN_OK);
		ck_assert_int_eq(gicplan_verify(in, NULL, &r, &err), GICPLAN_OK);
		bound = check_index(r, "ipa-bound");
		ck_assert_int_ge(bound, 0);
		gicplan_report_free(r);
		vo = (struct gicplan_verify_options){ .ipa_bits = 32 };
		ck_assert_int_eq(gicplan_verify(in, &vo, &r, &err), GICPLAN_E_CHECK);
		ck_assert_int_eq(gicplan_report_check(r, (size_t)bound, &c, &err), GICPLAN_OK);
		ck_assert_int_eq(c.status, GICPLAN_CHECK_FAIL);
		ck_assert_ptr_nonnull(strstr(c.detail, "32-bit IPA"));
		gicplan_report_free(r);
	}
	gicplan_input_free(in);
	gicplan_plan_free(plan);
}
END_TEST

/* The internal plan of @cpus vCPUs on virt, GICv3 with its ITS. */
static struct gp_plan *plan_internal(uint64_t cpus)
{
	struct gp_platform *p = malloc(sizeof(*p));
	struct gp_plan *plan = malloc(sizeof(*plan));
	struct gp_request req = { .cpus = cpus, .gic_version = 3, .its = 1, .virtualization = -1 };
	struct gp_error e;

	ck_assert(p != NULL && plan != NULL);
	gp_error_init(&e);
	ck_assert_int_eq(gp_platform_load("virt", p, &e), 0);
	ck_assert_msg(gp_plan_make(p, &req, plan, &e) == 0, "%s", e.msg);
	free(p);
	return plan;
}

START_TEST(plan_story_capacity_kvm_names)
{
	struct gicplan_plan *plan = x_public_plan(4096, 3, 1);
	struct gp_plan *own = plan_internal(4096);
	struct gicplan_plan_story s;
	struct gicplan_redist_region g[8];
	struct gicplan_kvm_attr *a;
	struct gicplan_error err;
	size_t n, na;

	ck_assert_int_eq(gicplan_plan_story(plan, &s, &err), GICPLAN_OK);
	ck_assert_str_eq(s.why, own->why);
	ck_assert_str_eq(s.tier_summary, own->tier_summary);
	ck_assert_str_eq(s.notes, own->notes);
	ck_assert_uint_eq(s.platform_version, own->platform_version);
	ck_assert_uint_gt(strlen(s.why), 0);

	n = gicplan_plan_redist_regions(plan, g, 8);
	ck_assert_uint_ge(n, 1);
	ck_assert_uint_le(n, 8);
	for (size_t i = 0; i < n; i++) {
		uint64_t cap = g[i].capacity;

		ck_assert_uint_eq(cap, own->redist[i].capacity);
		/* A window holds what was placed in it, each frame inside the window. */
		ck_assert_uint_ge(cap, g[i].count);
		ck_assert_uint_le(cap * own->redist_size, g[i].window);
	}

	ck_assert_int_eq(gicplan_plan_kvm_attrs(plan, NULL, 0, &na, &err), GICPLAN_E_RANGE);
	a = calloc(na, sizeof(*a));
	ck_assert_int_eq(gicplan_plan_kvm_attrs(plan, a, na, &na, &err), GICPLAN_OK);
	/* The sequence starts with the distributor's address and ends with CTRL_INIT. */
	ck_assert_str_eq(gicplan_kvm_device_name(a[0].device), "KVM_DEV_TYPE_ARM_VGIC_V3");
	ck_assert_str_eq(gicplan_kvm_group_name(a[0].group), "KVM_DEV_ARM_VGIC_GRP_ADDR");
	ck_assert_str_eq(gicplan_kvm_attr_name(a[0].device, a[0].group, a[0].attr),
			 "KVM_VGIC_V3_ADDR_TYPE_DIST");
	ck_assert_str_eq(gicplan_kvm_group_name(a[na - 1].group), "KVM_DEV_ARM_VGIC_GRP_CTRL");
	ck_assert_str_eq(gicplan_kvm_device_name(GICPLAN_KVM_DEV_TYPE_ARM_VGIC_ITS),
			 "KVM_DEV_TYPE_ARM_VGIC_ITS");
	free(a);
	free(own);
	gicplan_plan_free(plan);
}
END_TEST

/* @plan's file written to @path. */
static void write_plan_file(const struct gicplan_plan *plan, const char *path)
{
	struct gicplan_error err;
	size_t len;
	char *text;

	ck_assert_int_eq(gicplan_plan_json(plan, NULL, 0, &len, &err), GICPLAN_E_RANGE);
	text = malloc(len + 1);
	ck_assert_int_eq(gicplan_plan_json(plan, text, len + 1, &len, &err), GICPLAN_OK);
	ck_assert_int_eq(gicplan_write_files(&(struct gicplan_output){ path, text, len }, 1, &err),
			 GICPLAN_OK);
	free(text);
}

START_TEST(compat_keeps_old_abi)
{
	struct gicplan_plan *old_plan = x_public_plan(900, 3, 1), *plan = NULL;
	struct gicplan_platform *p = NULL;
	struct gicplan_input *old, *in = NULL;
	struct gicplan_audit *audit = NULL;
	struct gicplan_request req;
	struct gicplan_error err;
	char path[512];

	temp_path(path, sizeof(path), "old.json");
	write_plan_file(old_plan, path);
	old = load(path, NULL);
	ck_assert_int_eq(gicplan_platform_load("virt", &p, &err), GICPLAN_OK);
	gicplan_request_init(&req);
	req.max_cpus = 1000;
	ck_assert_msg(gicplan_plan_make_compat(p, &req, old, &plan, &err) == GICPLAN_OK, "%s",
		      err.message);
	/* Every vCPU of OLD keeps its MPIDR and its frame. */
	for (uint64_t cpu = 0; cpu < 900; cpu++) {
		struct gicplan_vcpu a, b;

		ck_assert_int_eq(gicplan_plan_vcpu(old_plan, cpu, &a, &err), GICPLAN_OK);
		ck_assert_int_eq(gicplan_plan_vcpu(plan, cpu, &b, &err), GICPLAN_OK);
		ck_assert_uint_eq(a.mpidr, b.mpidr);
		ck_assert_uint_eq(a.redist_base, b.redist_base);
	}
	ck_assert_int_eq(gicplan_input_from_plan(plan, &in, &err), GICPLAN_OK);
	ck_assert_int_eq(gicplan_plan_compat_audit(p, old, in, &audit, &err), GICPLAN_OK);
	ck_assert_int_eq(gicplan_audit_breaks(audit), 0);
	/* The added vCPUs are a difference a guest sees, one that does not break. */
	ck_assert_uint_ge(gicplan_audit_diffs(audit), 1);
	gicplan_audit_free(audit);
	gicplan_input_free(in);
	gicplan_plan_free(plan);

	/* Fewer vCPUs than OLD cannot keep its ABI; nor can another GIC version. */
	req.max_cpus = 100;
	ck_assert_int_lt(gicplan_plan_make_compat(p, &req, old, &plan, &err), 0);
	ck_assert_ptr_null(plan);
	ck_assert_ptr_nonnull(strstr(err.message, path));
	req.max_cpus = 1000;
	req.gic_version = 4;
	ck_assert_int_eq(gicplan_plan_make_compat(p, &req, old, &plan, &err),
			 GICPLAN_E_INFEASIBLE);
	ck_assert_ptr_null(plan);

	/* The audit of a plan that is not OLD's: OLD's vCPUs moved, it breaks. */
	{
		struct gicplan_plan *other = x_public_plan(1000, 4, 1);

		ck_assert_int_eq(gicplan_input_from_plan(other, &in, &err), GICPLAN_OK);
		ck_assert_int_eq(gicplan_plan_compat_audit(p, old, in, &audit, &err),
				 GICPLAN_E_CHECK);
		ck_assert_int_eq(gicplan_audit_breaks(audit), 1);
		ck_assert_ptr_nonnull(strstr(err.message, "one-way"));
		gicplan_audit_free(audit);
		gicplan_input_free(in);
		gicplan_plan_free(other);
	}
	unlink(path);
	gicplan_input_free(old);
	gicplan_platform_free(p);
	gicplan_plan_free(old_plan);
}
END_TEST

START_TEST(compat_with_qemu_tree)
{
	struct gicplan_input *old = load(TREE_SMP124, NULL), *in = NULL;
	struct gicplan_platform *p = NULL;
	struct gicplan_plan *plan = NULL;
	struct gicplan_audit *audit = NULL;
	struct gicplan_input_info info;
	struct gicplan_request req;
	struct gicplan_error err;

	gicplan_request_init(&req);
	req.max_cpus = 200;
	/* gicplan's virt places its ITS elsewhere than QEMU: it cannot reproduce QEMU's tree. */
	ck_assert_int_eq(gicplan_platform_load("virt", &p, &err), GICPLAN_OK);
	ck_assert_int_eq(gicplan_plan_make_compat(p, &req, old, &plan, &err),
			 GICPLAN_E_INFEASIBLE);
	ck_assert_ptr_nonnull(strstr(err.message, "does not reproduce"));
	ck_assert_ptr_null(plan);
	gicplan_platform_free(p);

	/* QEMU's own layout does, and keeps its 124 vCPUs where they were. */
	ck_assert_int_eq(gicplan_platform_load("qemu-virt", &p, &err), GICPLAN_OK);
	ck_assert_msg(gicplan_plan_make_compat(p, &req, old, &plan, &err) == GICPLAN_OK, "%s",
		      err.message);
	ck_assert_int_eq(gicplan_input_from_plan(plan, &in, &err), GICPLAN_OK);
	ck_assert_int_eq(gicplan_input_info(in, &info, &err), GICPLAN_OK);
	ck_assert_uint_eq(info.cpus, 200);
	/* But QEMU sizes its GIC state by the vCPU count: the platform's rule breaks it. */
	ck_assert_int_eq(gicplan_plan_compat_audit(p, old, in, &audit, &err), GICPLAN_E_CHECK);
	ck_assert_ptr_nonnull(strstr(err.message, "vcpu-count"));
	ck_assert_int_eq(gicplan_audit_breaks(audit), 1);
	gicplan_audit_free(audit);
	gicplan_input_free(in);
	gicplan_plan_free(plan);
	gicplan_platform_free(p);
	gicplan_input_free(old);
}
END_TEST

/* Whether @len bytes at @t sum to 0 mod 256, as an ACPI table's checksum makes them. */
static int sums_to_zero(const uint8_t *t, size_t len)
{
	uint8_t sum = 0;

	for (size_t i = 0; i < len; i++)
		sum = (uint8_t)(sum + t[i]);
	return sum == 0;
}

START_TEST(acpi_tables_of_a_plan)
{
	struct gicplan_plan *plan = x_public_plan(8, 3, 1), *noits = x_public_plan(8, 3, 0);
	struct gicplan_acpi_options o = { .version = GICPLAN_ACPI_6_5, .boot_cpus = 2 };
	struct gicplan_acpi_tables *t = NULL;
	struct gicplan_acpi_table a;
	struct gicplan_error err;
	struct gp_plan *own = plan_internal(8);
	struct gp_acpi_tables want = { 0 };
	struct gp_acpi_options wo = { GP_ACPI_6_5, 2 };
	struct gp_error e;
	int version = -1;

	ck_assert_int_eq(gicplan_acpi_version_parse("6.5", &version), GICPLAN_OK);
	ck_assert_int_eq(version, GICPLAN_ACPI_6_5);
	ck_assert_int_eq(gicplan_acpi_version_parse("7.0", &version), GICPLAN_E_USAGE);

	ck_assert_int_eq(gicplan_plan_acpi(plan, &o, NULL, &t, &err), GICPLAN_OK);
	gp_error_init(&e);
	ck_assert_int_eq(gp_acpi_write(own, &wo, &want, &e), 0);
	/* With an ITS: the MADT and the IORT, as the internal writer makes them. */
	ck_assert_uint_eq(gicplan_acpi_tables_count(t), 2);
	ck_assert_uint_eq(want.n, 2);
	for (size_t i = 0; i < 2; i++) {
		const uint8_t *d;

		ck_assert_int_eq(gicplan_acpi_table(t, i, &a, &err), GICPLAN_OK);
		d = a.data;
		ck_assert_str_eq(a.file, want.t[i].file);
		ck_assert_str_eq(a.path, "");
		ck_assert_uint_eq(a.len, want.t[i].len);
		ck_assert_mem_eq(a.data, want.t[i].data, a.len);
		/* A whole table: its length field, its checksum. */
		ck_assert_uint_ge(a.len, ACPI_HDR_SIZE);
		ck_assert_uint_eq(le32(d + ACPI_HDR_LENGTH), a.len);
		ck_assert(sums_to_zero(d, a.len));
	}
	ck_assert_int_eq(gicplan_acpi_table(t, 0, &a, &err), GICPLAN_OK);
	ck_assert_mem_eq(a.data, "APIC", 4);
	/* ACPI 6.5's MADT is revision 6. */
	ck_assert_uint_eq(((const uint8_t *)a.data)[ACPI_HDR_REVISION], 6);
	ck_assert_int_eq(gicplan_acpi_table(t, 2, &a, &err), GICPLAN_E_USAGE);
	gicplan_acpi_tables_free(t);
	gp_acpi_tables_free(&want);

	/* Placed in a folder: each path is DIR/FILE. */
	o.dir = GICPLAN_BINARY_DIR;
	ck_assert_int_eq(gicplan_plan_acpi(plan, &o, NULL, &t, &err), GICPLAN_OK);
	ck_assert_int_eq(gicplan_acpi_table(t, 1, &a, &err), GICPLAN_OK);
	ck_assert_str_eq(a.path + strlen(GICPLAN_BINARY_DIR), "/iort.dat");
	gicplan_acpi_tables_free(t);

	/* Without an ITS: the MADT alone. */
	ck_assert_int_eq(gicplan_plan_acpi(noits, NULL, NULL, &t, &err), GICPLAN_OK);
	ck_assert_uint_eq(gicplan_acpi_tables_count(t), 1);
	gicplan_acpi_tables_free(t);

	/* Errors: more boot vCPUs than vCPUs; a folder that is not there; no tables. */
	o.boot_cpus = 9;
	o.dir = NULL;
	ck_assert_int_eq(gicplan_plan_acpi(plan, &o, NULL, &t, &err), GICPLAN_E_INPUT);
	ck_assert_ptr_null(t);
	o.boot_cpus = 0;
	o.dir = "/nonexistent/acpi";
	ck_assert_int_eq(gicplan_plan_acpi(plan, &o, NULL, &t, &err), GICPLAN_E_INPUT);
	ck_assert_ptr_nonnull(strstr(err.message, "/nonexistent/acpi"));
	ck_assert_ptr_null(t);
	o = (struct gicplan_acpi_options){ .version = 5 };
	ck_assert_int_eq(gicplan_plan_acpi(plan, &o, NULL, &t, &err), GICPLAN_E_USAGE);
	gicplan_acpi_tables_free(NULL);
	free(own);
	gicplan_plan_free(noits);
	gicplan_plan_free(plan);
}
END_TEST

START_TEST(write_files_whole_or_none)
{
	char a[512], b[512], dot[600];
	struct gicplan_error err;
	void *got;
	size_t len;

	temp_path(a, sizeof(a), "a.bin");
	temp_path(b, sizeof(b), "b.bin");
	{
		struct gicplan_output outs[3] = { { a, "first", 5 }, { NULL, "skipped", 7 },
						  { b, "second!", 7 } };

		ck_assert_int_eq(gicplan_write_files(outs, 3, &err), GICPLAN_OK);
	}
	got = x_read_file(a, &len);
	ck_assert_uint_eq(len, 5);
	ck_assert_mem_eq(got, "first", 5);
	free(got);
	got = x_read_file(b, &len);
	ck_assert_uint_eq(len, 7);
	free(got);

	/* The same file twice, however spelled: refused, nothing written. */
	ck_assert_ptr_nonnull(strrchr(a, '/'));
	snprintf(dot, sizeof(dot), "%.*s/./%s", (int)(strrchr(a, '/') - a), a, strrchr(a, '/') + 1);
	ck_assert_int_eq(gicplan_same_file(a, dot), 1);
	ck_assert_int_eq(gicplan_same_file(a, b), 0);
	ck_assert_int_eq(gicplan_same_file("-", "/dev/stdout"), 1);
	{
		struct gicplan_output outs[2] = { { a, "AAAA", 4 }, { dot, "BBBB", 4 } };

		ck_assert_int_eq(gicplan_write_files(outs, 2, &err), GICPLAN_E_INPUT);
	}
	got = x_read_file(a, &len);
	ck_assert_mem_eq(got, "first", 5);
	free(got);

	/* An output in a folder that is not there: none written, the other kept. */
	{
		struct gicplan_output outs[2] = { { b, "changed", 7 },
						  { "/nonexistent/x.bin", "x", 1 } };

		ck_assert_int_eq(gicplan_write_files(outs, 2, &err), GICPLAN_E_INPUT);
		ck_assert_ptr_nonnull(strstr(err.message, "/nonexistent/x.bin"));
	}
	got = x_read_file(b, &len);
	ck_assert_mem_eq(got, "second!", 7);
	free(got);
	ck_assert_int_eq(gicplan_write_files(NULL, 1, &err), GICPLAN_E_USAGE);
	unlink(a);
	unlink(b);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("api_verify");
	TCase *t = tcase_create("api_verify");

	tcase_set_timeout(t, 120);
	tcase_add_test(t, names);
	tcase_add_test(t, input_info_of_each_kind);
	tcase_add_test(t, input_tree_bytes);
	tcase_add_test(t, acpi_findings_and_checks);
	tcase_add_test(t, coverage_and_assumptions);
	tcase_add_test(t, offenders_listed);
	tcase_add_test(t, verify_options_qemu_machine_and_ipa);
	tcase_add_test(t, plan_story_capacity_kvm_names);
	tcase_add_test(t, compat_keeps_old_abi);
	tcase_add_test(t, compat_with_qemu_tree);
	tcase_add_test(t, acpi_tables_of_a_plan);
	tcase_add_test(t, write_files_whole_or_none);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	SRunner *r = srunner_create(suite());
	int failed;

	srunner_run_all(r, CK_NORMAL);
	failed = srunner_ntests_failed(r);
	srunner_free(r);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
