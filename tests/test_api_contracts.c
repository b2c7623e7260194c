/* SPDX-License-Identifier: MIT */
/*
 * libgicplan's contracts through the public header alone: every gicplan_*
 * function given NULL for each pointer argument answers as gicplan.h says
 * (GICPLAN_E_USAGE with a message, *out NULL, a size left 0; 0, NULL or a
 * name where no code is returned) and never crashes; GICPLAN_E_RANGE writes
 * nothing but the size; handles are used from several threads at once, each
 * its own, and one plan, report or audit read by several together.
 */
#include <gicplan.h>

#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A byte no function writes: what a buffer holds before a call that must not touch it. */
#define POISON 0xa5

/* A fresh error record: code and message that a call must overwrite. */
static void err_reset(struct gicplan_error *err)
{
	err->code = 12345;
	snprintf(err->message, sizeof(err->message), "untouched");
}

/* @call returns GICPLAN_E_USAGE, and its record (E) says so in a one-line message. */
#define ASSERT_USAGE(call)                                                        \
	do {                                                                      \
		struct gicplan_error e_;                                          \
		int rc_;                                                          \
		err_reset(&e_);                                                   \
		rc_ = (call);                                                     \
		ck_assert_msg(rc_ == GICPLAN_E_USAGE, "%s: %d", #call, rc_);      \
		ck_assert_int_eq(e_.code, GICPLAN_E_USAGE);                       \
		ck_assert_msg(e_.message[0] != '\0' &&                            \
				      strcmp(e_.message, "untouched") != 0 &&     \
				      strchr(e_.message, '\n') == NULL,           \
			      "%s: message \"%s\"", #call, e_.message);           \
	} while (0)
/* The same call with no error record: the same code, no crash. */
#define ASSERT_USAGE_NOERR(call) ck_assert_int_eq((call), GICPLAN_E_USAGE)
#define E (&e_)

/* A pointer that must come back NULL: set to a non-NULL value first. */
#define STALE(type) ((type *)(void *)&stale_target)
static const int stale_target;

static struct gicplan_platform *load(const char *name)
{
	struct gicplan_platform *p = NULL;
	struct gicplan_error err;

	ck_assert_msg(gicplan_platform_load(name, &p, &err) == GICPLAN_OK, "%s", err.message);
	ck_assert_int_eq(err.code, GICPLAN_OK);
	ck_assert_str_eq(err.message, "");
	return p;
}

static struct gicplan_plan *plan_of(const struct gicplan_platform *p, uint64_t cpus, int its)
{
	struct gicplan_request req;
	struct gicplan_plan *plan = NULL;
	struct gicplan_error err;

	gicplan_request_init(&req);
	req.max_cpus = cpus;
	req.its = its;
	ck_assert_msg(gicplan_plan_make(p, &req, &plan, &err) == GICPLAN_OK, "%s", err.message);
	return plan;
}

static struct gicplan_input *input_of(const struct gicplan_plan *plan)
{
	struct gicplan_input *in = NULL;
	struct gicplan_error err;

	ck_assert_msg(gicplan_input_from_plan(plan, &in, &err) == GICPLAN_OK, "%s", err.message);
	return in;
}

/* Platforms, plans, outputs: every pointer argument NULL in turn. */
START_TEST(null_platforms_and_plans)
{
	struct gicplan_platform *p = load("virt"), *po;
	struct gicplan_plan *plan = plan_of(p, 8, 1), *pl;
	struct gicplan_request req;
	struct gicplan_plan_info info;
	struct gicplan_platform_info pinfo;
	struct gicplan_placement place;
	struct gicplan_fit fit = { 3, 40, 1 };
	struct gicplan_vcpu vcpu;
	struct gicplan_plan_story story;
	struct gicplan_region regions[4];
	size_t n;
	char buf[64];

	/* The header this test was built with is the library's. */
	snprintf(buf, sizeof(buf), "%d.%d.%d", GICPLAN_VERSION_MAJOR, GICPLAN_VERSION_MINOR,
		 GICPLAN_VERSION_PATCH);
	ck_assert_str_eq(gicplan_version(), buf);
	ck_assert_ptr_nonnull(gicplan_strerror(-999));

	po = STALE(struct gicplan_platform);
	ASSERT_USAGE(gicplan_platform_load(NULL, &po, E));
	ck_assert_ptr_null(po);
	ASSERT_USAGE(gicplan_platform_load("virt", NULL, E));
	ASSERT_USAGE_NOERR(gicplan_platform_load(NULL, NULL, NULL));
	po = STALE(struct gicplan_platform);
	ASSERT_USAGE(gicplan_platform_from_text("x.json", NULL, 0, &po, E));
	ck_assert_ptr_null(po);
	ASSERT_USAGE(gicplan_platform_from_text("x.json", "{}", 2, NULL, E));
	/* A NULL source is allowed: a bad text is an input error, *out NULL. */
	po = STALE(struct gicplan_platform);
	ck_assert_int_eq(gicplan_platform_from_text(NULL, "{", 1, &po, NULL), GICPLAN_E_INPUT);
	ck_assert_ptr_null(po);
	ck_assert_ptr_null(gicplan_platform_name(NULL));
	gicplan_platform_free(NULL);
	ASSERT_USAGE(gicplan_platform_info(NULL, &pinfo, E));
	ASSERT_USAGE(gicplan_platform_info(p, NULL, E));
	ASSERT_USAGE(gicplan_platform_placement(NULL, 0, &fit, &place, E));
	ASSERT_USAGE(gicplan_platform_placement(p, 0, NULL, &place, E));
	ASSERT_USAGE(gicplan_platform_placement(p, 0, &fit, NULL, E));
	ASSERT_USAGE(gicplan_platform_placement(p, 9999, &fit, &place, E));
	n = 77;
	ASSERT_USAGE(gicplan_platforms_list(NULL, 4, &n, E));
	ASSERT_USAGE(gicplan_platforms_list(NULL, 0, NULL, E));
	ck_assert_int_eq(gicplan_platforms_list(NULL, 0, &n, NULL), GICPLAN_OK);
	ck_assert_uint_eq(n, 0);
	ck_assert_int_eq(gicplan_platform_vmm(NULL), GICPLAN_VMM_UNKNOWN);

	gicplan_request_init(NULL);
	gicplan_request_init(&req);
	req.max_cpus = 4;
	pl = STALE(struct gicplan_plan);
	ASSERT_USAGE(gicplan_plan_make(NULL, &req, &pl, E));
	ck_assert_ptr_null(pl);
	pl = STALE(struct gicplan_plan);
	ASSERT_USAGE(gicplan_plan_make(p, NULL, &pl, E));
	ck_assert_ptr_null(pl);
	ASSERT_USAGE(gicplan_plan_make(p, &req, NULL, E));
	req.max_cpus = 0;
	pl = STALE(struct gicplan_plan);
	ASSERT_USAGE(gicplan_plan_make(p, &req, &pl, E));
	ck_assert_ptr_null(pl);
	gicplan_plan_free(NULL);
	ASSERT_USAGE(gicplan_plan_info(NULL, &info, E));
	ASSERT_USAGE(gicplan_plan_info(plan, NULL, E));
	ASSERT_USAGE(gicplan_plan_vcpu(NULL, 0, &vcpu, E));
	ASSERT_USAGE(gicplan_plan_vcpu(plan, 0, NULL, E));
	ASSERT_USAGE(gicplan_plan_vcpu(plan, 8, &vcpu, E));
	ASSERT_USAGE(gicplan_plan_story(NULL, &story, E));
	ASSERT_USAGE(gicplan_plan_story(plan, NULL, E));

	/* The counting functions: 0 for no plan; the count with no array, whatever max says. */
	ck_assert_uint_eq(gicplan_plan_regions(NULL, regions, 4), 0);
	ck_assert_uint_eq(gicplan_plan_redist_regions(NULL, NULL, 4), 0);
	ck_assert_uint_eq(gicplan_plan_devices(NULL, NULL, 4), 0);
	ck_assert_uint_eq(gicplan_plan_map(NULL, NULL, 4), 0);
	n = gicplan_plan_regions(plan, NULL, 0);
	ck_assert_uint_gt(n, 1);
	ck_assert_uint_eq(gicplan_plan_regions(plan, NULL, 4), n);
	ck_assert_uint_eq(gicplan_plan_map(plan, NULL, 4), n);
	ck_assert_uint_eq(gicplan_plan_redist_regions(plan, NULL, 4),
			  gicplan_plan_redist_regions(plan, NULL, 0));
	ck_assert_uint_eq(gicplan_plan_devices(plan, NULL, 4), gicplan_plan_devices(plan, NULL, 0));
	/* A short array gets the first ones, nothing past @max. */
	memset(regions, POISON, sizeof(regions));
	ck_assert_uint_eq(gicplan_plan_regions(plan, regions, 1), n);
	ck_assert_uint_eq(((unsigned char *)&regions[1])[0], POISON);

	ck_assert_ptr_null(gicplan_hex_str(NULL, 64, 1));
	ck_assert_ptr_null(gicplan_size_str(NULL, 64, 1));
	ck_assert_ptr_null(gicplan_size_exact_str(NULL, 64, 1));
	ck_assert_ptr_eq(gicplan_hex_str(buf, 3, 0x1234), buf);
	ck_assert_str_eq(buf, "0x");
	ck_assert_int_eq(gicplan_parse_size(NULL, &(uint64_t){ 0 }), GICPLAN_E_USAGE);
	ck_assert_int_eq(gicplan_parse_size("4K", NULL), GICPLAN_E_USAGE);
	ck_assert_int_eq(gicplan_parse_uint(NULL, 9, &(uint64_t){ 0 }), GICPLAN_E_USAGE);
	ck_assert_int_eq(gicplan_parse_uint("4", 9, NULL), GICPLAN_E_USAGE);
	ck_assert_int_eq(gicplan_acpi_version_parse(NULL, &(int){ 0 }), GICPLAN_E_USAGE);
	ck_assert_int_eq(gicplan_acpi_version_parse("6.5", NULL), GICPLAN_E_USAGE);
	ck_assert_int_eq(gicplan_same_file(NULL, "x"), 0);
	ck_assert_int_eq(gicplan_same_file("x", NULL), 0);
	ck_assert_int_eq(gicplan_qemu_machine_valid(NULL), 0);
	ck_assert_str_eq(gicplan_kvm_device_name(12345), "unknown");
	ck_assert_str_eq(gicplan_kvm_group_name(12345), "unknown");
	ck_assert_ptr_nonnull(gicplan_kvm_attr_name(12345, 12345, 12345));
	ck_assert_ptr_null(gicplan_profile_name(-1));
	ck_assert_ptr_null(gicplan_check_status_name(99));
	ck_assert_ptr_null(gicplan_wall_owner_name(-1));
	ck_assert_str_eq(gicplan_audit_mode_name(-1), "unknown");
	ck_assert_str_eq(gicplan_verdict_name(7), "unknown");
	ck_assert_str_eq(gicplan_breaks_name(~0u), "old->new, new->old");
	ck_assert_uint_eq(gicplan_redist_size(5), 0);
	ck_assert_int_eq(gicplan_spis_valid(0), 0);

	gicplan_plan_free(plan);
	gicplan_platform_free(p);
}
END_TEST

/* The sized outputs: NULL arguments, then GICPLAN_E_RANGE writes the size and nothing else. */
START_TEST(null_and_range_outputs)
{
	struct gicplan_platform *p = load("virt");
	struct gicplan_plan *plan = plan_of(p, 8, 1);
	struct gicplan_fit fit = { 3, 40, 1 };
	struct gicplan_kvm_attr attrs[2];
	struct gicplan_tier tiers[1];
	struct gicplan_wall walls[1];
	struct gicplan_error err;
	unsigned char buf[16];
	size_t n, len;
	int first;

	n = 99;
	ASSERT_USAGE(gicplan_plan_kvm_attrs(NULL, attrs, 2, &n, E));
	ASSERT_USAGE(gicplan_plan_kvm_attrs(plan, attrs, 2, NULL, E));
	ck_assert_int_eq(gicplan_plan_kvm_attrs(plan, NULL, 0, &n, &err), GICPLAN_E_RANGE);
	ck_assert_int_eq(err.code, GICPLAN_E_RANGE);
	ck_assert_uint_gt(n, 2);
	memset(attrs, POISON, sizeof(attrs));
	ck_assert_int_eq(gicplan_plan_kvm_attrs(plan, attrs, 2, &n, NULL), GICPLAN_E_RANGE);
	for (size_t i = 0; i < sizeof(attrs); i++)
		ck_assert_uint_eq(((unsigned char *)attrs)[i], POISON);

	len = 99;
	ASSERT_USAGE(gicplan_plan_dtb(NULL, buf, sizeof(buf), &len, E));
	ASSERT_USAGE(gicplan_plan_dtb(plan, buf, sizeof(buf), NULL, E));
	ASSERT_USAGE(gicplan_plan_json(NULL, (char *)buf, sizeof(buf), &len, E));
	ASSERT_USAGE(gicplan_plan_json(plan, (char *)buf, sizeof(buf), NULL, E));
	memset(buf, POISON, sizeof(buf));
	ck_assert_int_eq(gicplan_plan_dtb(plan, buf, sizeof(buf), &len, &err), GICPLAN_E_RANGE);
	ck_assert_uint_gt(len, sizeof(buf));
	ck_assert_int_eq(gicplan_plan_dtb(plan, NULL, 0, &len, NULL), GICPLAN_E_RANGE);
	ck_assert_int_eq(gicplan_plan_json(plan, (char *)buf, sizeof(buf), &len, &err),
			 GICPLAN_E_RANGE);
	ck_assert_uint_gt(len, sizeof(buf));
	for (size_t i = 0; i < sizeof(buf); i++)
		ck_assert_uint_eq(buf[i], POISON);
	/* The JSON text needs its NUL: exactly *len bytes is still too small. */
	{
		char *text = malloc(len + 1);

		ck_assert_ptr_nonnull(text);
		ck_assert_int_eq(gicplan_plan_json(plan, text, len, &n, NULL), GICPLAN_E_RANGE);
		ck_assert_int_eq(gicplan_plan_json(plan, text, len + 1, &n, NULL), GICPLAN_OK);
		ck_assert_uint_eq(strlen(text), len);
		free(text);
	}
	ASSERT_USAGE(gicplan_plan_write_dtb(NULL, "x.dtb", E));
	ASSERT_USAGE(gicplan_plan_write_dtb(plan, NULL, E));
	ASSERT_USAGE(gicplan_write_file(NULL, "x", 1, E));
	ASSERT_USAGE(gicplan_write_file("x", NULL, 1, E));
	ASSERT_USAGE(gicplan_write_files(NULL, 1, E));
	ck_assert_int_eq(gicplan_write_files(NULL, 0, NULL), GICPLAN_OK);
	/* An output with no path is skipped. */
	ck_assert_int_eq(gicplan_write_files(&(struct gicplan_output){ NULL, "x", 1 }, 1, NULL),
			 GICPLAN_OK);

	n = 99;
	ASSERT_USAGE(gicplan_tiers(NULL, &fit, tiers, 1, &n, E));
	ASSERT_USAGE(gicplan_tiers(p, NULL, tiers, 1, &n, E));
	ASSERT_USAGE(gicplan_tiers(p, &fit, NULL, 1, &n, E));
	ASSERT_USAGE(gicplan_tiers(p, &fit, tiers, 1, NULL, E));
	n = 99;
	ASSERT_USAGE(gicplan_tiers(p, &(struct gicplan_fit){ 5, 40, 0 }, tiers, 1, &n, E));
	ck_assert_uint_eq(n, 0);
	ck_assert_int_eq(gicplan_tiers(p, &fit, NULL, 0, &n, &err), GICPLAN_E_RANGE);
	ck_assert_uint_gt(n, 1);
	memset(tiers, POISON, sizeof(tiers));
	ck_assert_int_eq(gicplan_tiers(p, &fit, tiers, 1, &n, NULL), GICPLAN_E_RANGE);
	for (size_t i = 0; i < sizeof(tiers); i++)
		ck_assert_uint_eq(((unsigned char *)tiers)[i], POISON);

	ASSERT_USAGE(gicplan_limits(NULL, &fit, walls, 1, &n, &first, E));
	ASSERT_USAGE(gicplan_limits(p, NULL, walls, 1, &n, &first, E));
	ASSERT_USAGE(gicplan_limits(p, &fit, NULL, 1, &n, &first, E));
	ASSERT_USAGE(gicplan_limits(p, &fit, walls, 1, NULL, &first, E));
	n = 99;
	first = 99;
	ASSERT_USAGE(gicplan_limits(p, &(struct gicplan_fit){ 3, 99, 0 }, walls, 1, &n, &first, E));
	ck_assert_uint_eq(n, 0);
	ck_assert_int_eq(first, 99); /* set on success only */
	memset(walls, POISON, sizeof(walls));
	ck_assert_int_eq(gicplan_limits(p, &fit, walls, 1, &n, NULL, &err), GICPLAN_E_RANGE);
	ck_assert_uint_eq(n, GICPLAN_WALLS);
	for (size_t i = 0; i < sizeof(walls); i++)
		ck_assert_uint_eq(((unsigned char *)walls)[i], POISON);

	{
		struct gicplan_plan *pv = STALE(struct gicplan_plan);
		char moved[8];

		ASSERT_USAGE(gicplan_placement_preview(NULL, 0, &fit, &pv, E));
		ck_assert_ptr_null(pv);
		ASSERT_USAGE(gicplan_placement_preview(p, 0, NULL, &pv, E));
		ASSERT_USAGE(gicplan_placement_preview(p, 0, &fit, NULL, E));
		pv = STALE(struct gicplan_plan);
		ASSERT_USAGE(gicplan_placement_preview(p, 9999, &fit, &pv, E));
		ck_assert_ptr_null(pv);
		ASSERT_USAGE(gicplan_placement_moves(NULL, 0, 0, moved, sizeof(moved), &n, E));
		ASSERT_USAGE(gicplan_placement_moves(p, 0, 0, NULL, sizeof(moved), &n, E));
		ASSERT_USAGE(gicplan_placement_moves(p, 0, 0, moved, sizeof(moved), NULL, E));
		ck_assert_int_eq(gicplan_placement_moves(p, 0, 0, NULL, 0, &n, NULL), GICPLAN_OK);
		/* A preview places no vCPU: asking for one is refused in its words. */
		ck_assert_int_eq(gicplan_placement_preview(p, 0, &fit, &pv, NULL), GICPLAN_OK);
		ASSERT_USAGE(gicplan_plan_vcpu(pv, 0, &(struct gicplan_vcpu){ 0 }, E));
		gicplan_plan_free(pv);
	}
	gicplan_plan_free(plan);
	gicplan_platform_free(p);
}
END_TEST

/* Inputs, verify, audit, ACPI tables and the emulated GIC. */
START_TEST(null_inputs_reports_audits)
{
	struct gicplan_platform *p = load("virt");
	struct gicplan_plan *plan = plan_of(p, 8, 1), *pl;
	struct gicplan_input *in = input_of(plan), *io;
	struct gicplan_report *r = NULL, *ro;
	struct gicplan_audit *a = NULL, *ao;
	struct gicplan_acpi_tables *t = NULL, *to;
	struct gicplan_gic *g = NULL, *go;
	struct gicplan_request req;
	struct gicplan_check check;
	struct gicplan_coverage cov;
	struct gicplan_offender off;
	struct gicplan_diff diff;
	struct gicplan_audit_info ainfo;
	struct gicplan_input_info iinfo;
	struct gicplan_acpi_info acpi;
	struct gicplan_acpi_table table;
	const void *data;
	size_t len;
	uint64_t val;

	io = STALE(struct gicplan_input);
	ASSERT_USAGE(gicplan_input_load(NULL, NULL, &io, E));
	ck_assert_ptr_null(io);
	ASSERT_USAGE(gicplan_input_load("x.dtb", NULL, NULL, E));
	io = STALE(struct gicplan_input);
	ck_assert_int_eq(gicplan_input_load("/nonexistent/x.dtb", NULL, &io, NULL),
			 GICPLAN_E_INPUT);
	ck_assert_ptr_null(io);
	io = STALE(struct gicplan_input);
	ASSERT_USAGE(gicplan_input_from_plan(NULL, &io, E));
	ck_assert_ptr_null(io);
	ASSERT_USAGE(gicplan_input_from_plan(plan, NULL, E));
	gicplan_input_free(NULL);
	ASSERT_USAGE(gicplan_input_info(NULL, &iinfo, E));
	ASSERT_USAGE(gicplan_input_info(in, NULL, E));
	data = &len;
	len = 99;
	ASSERT_USAGE(gicplan_input_tree(NULL, &data, &len, E));
	ck_assert_ptr_null(data);
	ck_assert_uint_eq(len, 0);
	ASSERT_USAGE(gicplan_input_tree(in, NULL, &len, E));
	ASSERT_USAGE(gicplan_input_tree(in, &data, NULL, E));
	ASSERT_USAGE(gicplan_input_acpi(NULL, &acpi, E));
	ASSERT_USAGE(gicplan_input_acpi(in, NULL, E));
	ASSERT_USAGE(gicplan_input_acpi(in, &acpi, E)); /* a plan's tree is no ACPI table */
	ck_assert_uint_eq(gicplan_input_acpi_checks(NULL), 0);
	ASSERT_USAGE(gicplan_input_acpi_check(NULL, 0, &check, E));
	ASSERT_USAGE(gicplan_input_acpi_check(in, 0, NULL, E));
	ASSERT_USAGE(gicplan_input_acpi_check(in, 0, &check, E));
	pl = STALE(struct gicplan_plan);
	ASSERT_USAGE(gicplan_input_plan(NULL, &pl, E));
	ck_assert_ptr_null(pl);
	ASSERT_USAGE(gicplan_input_plan(in, NULL, E));

	ro = STALE(struct gicplan_report);
	ASSERT_USAGE(gicplan_verify(NULL, NULL, &ro, E));
	ck_assert_ptr_null(ro);
	ASSERT_USAGE(gicplan_verify(in, NULL, NULL, E));
	ro = STALE(struct gicplan_report);
	ASSERT_USAGE(gicplan_verify(in, &(struct gicplan_verify_options){ .profile = 9 }, &ro, E));
	ck_assert_ptr_null(ro);
	ck_assert_int_eq(gicplan_verify(in, NULL, &r, NULL), GICPLAN_OK);
	ck_assert_uint_eq(gicplan_report_checks(NULL), 0);
	ASSERT_USAGE(gicplan_report_check(NULL, 0, &check, E));
	ASSERT_USAGE(gicplan_report_check(r, 0, NULL, E));
	ASSERT_USAGE(gicplan_report_check(r, gicplan_report_checks(r), &check, E));
	ck_assert_int_eq(gicplan_report_failed(NULL), 0);
	gicplan_report_free(NULL);
	ASSERT_USAGE(gicplan_report_coverage(NULL, &cov, E));
	ASSERT_USAGE(gicplan_report_coverage(r, NULL, E));
	ck_assert_uint_eq(gicplan_report_assumptions(NULL), 0);
	ck_assert_ptr_null(gicplan_report_assumption(NULL, 0));
	ck_assert_ptr_null(gicplan_report_assumption(r, gicplan_report_assumptions(r)));
	ck_assert_uint_eq(gicplan_report_offenders(NULL), 0);
	ASSERT_USAGE(gicplan_report_offender(NULL, 0, &off, E));
	ASSERT_USAGE(gicplan_report_offender(r, 0, NULL, E));
	ASSERT_USAGE(gicplan_report_offender(r, gicplan_report_offenders(r), &off, E));

	ao = STALE(struct gicplan_audit);
	ASSERT_USAGE(gicplan_audit(NULL, in, NULL, &ao, E));
	ck_assert_ptr_null(ao);
	ao = STALE(struct gicplan_audit);
	ASSERT_USAGE(gicplan_audit(in, NULL, NULL, &ao, E));
	ck_assert_ptr_null(ao);
	ASSERT_USAGE(gicplan_audit(in, in, NULL, NULL, E));
	ao = STALE(struct gicplan_audit);
	ASSERT_USAGE(gicplan_audit(in, in, &(struct gicplan_audit_options){ .mode = 7 }, &ao, E));
	ck_assert_ptr_null(ao);
	gicplan_audit_options_init(NULL);
	ck_assert_int_eq(gicplan_audit(in, in, NULL, &a, NULL), GICPLAN_OK);
	ck_assert_uint_eq(gicplan_audit_diffs(NULL), 0);
	ASSERT_USAGE(gicplan_audit_diff(NULL, 0, &diff, E));
	ASSERT_USAGE(gicplan_audit_diff(a, 0, NULL, E));
	ASSERT_USAGE(gicplan_audit_diff(a, gicplan_audit_diffs(a), &diff, E));
	ck_assert_int_eq(gicplan_audit_breaks(NULL), 0);
	ASSERT_USAGE(gicplan_audit_info(NULL, &ainfo, E));
	ASSERT_USAGE(gicplan_audit_info(a, NULL, E));
	gicplan_audit_free(NULL);

	gicplan_request_init(&req);
	req.max_cpus = 16;
	pl = STALE(struct gicplan_plan);
	ASSERT_USAGE(gicplan_plan_make_compat(NULL, &req, in, &pl, E));
	ck_assert_ptr_null(pl);
	ASSERT_USAGE(gicplan_plan_make_compat(p, NULL, in, &pl, E));
	ASSERT_USAGE(gicplan_plan_make_compat(p, &req, NULL, &pl, E));
	ASSERT_USAGE(gicplan_plan_make_compat(p, &req, in, NULL, E));
	/* max_cpus 0 as gicplan_plan_make refuses it, in the library's words. */
	req.max_cpus = 0;
	pl = STALE(struct gicplan_plan);
	ASSERT_USAGE(gicplan_plan_make_compat(p, &req, in, &pl, E));
	ck_assert_ptr_null(pl);
	ao = STALE(struct gicplan_audit);
	ASSERT_USAGE(gicplan_plan_compat_audit(NULL, in, in, &ao, E));
	ck_assert_ptr_null(ao);
	ck_assert_ptr_null(ao);
	ao = STALE(struct gicplan_audit);
	ASSERT_USAGE(gicplan_plan_compat_audit(p, NULL, in, &ao, E));
	ck_assert_ptr_null(ao);
	ASSERT_USAGE(gicplan_plan_compat_audit(p, in, NULL, &ao, E));
	ASSERT_USAGE(gicplan_plan_compat_audit(p, in, in, NULL, E));

	to = STALE(struct gicplan_acpi_tables);
	ASSERT_USAGE(gicplan_plan_acpi(NULL, NULL, NULL, &to, E));
	ck_assert_ptr_null(to);
	ASSERT_USAGE(gicplan_plan_acpi(plan, NULL, NULL, NULL, E));
	to = STALE(struct gicplan_acpi_tables);
	ASSERT_USAGE(gicplan_plan_acpi(plan, &(struct gicplan_acpi_options){ .version = 9 }, NULL,
				       &to, E));
	ck_assert_ptr_null(to);
	ck_assert_int_eq(gicplan_plan_acpi(plan, NULL, NULL, &t, NULL), GICPLAN_OK);
	ck_assert_uint_eq(gicplan_acpi_tables_count(NULL), 0);
	ASSERT_USAGE(gicplan_acpi_table(NULL, 0, &table, E));
	ASSERT_USAGE(gicplan_acpi_table(t, 0, NULL, E));
	ASSERT_USAGE(gicplan_acpi_table(t, gicplan_acpi_tables_count(t), &table, E));
	gicplan_acpi_tables_free(NULL);

	go = STALE(struct gicplan_gic);
	ASSERT_USAGE(gicplan_input_gic(NULL, GICPLAN_PROFILE_ARCH, NULL, &go, E));
	ck_assert_ptr_null(go);
	ASSERT_USAGE(gicplan_input_gic(in, GICPLAN_PROFILE_ARCH, NULL, NULL, E));
	go = STALE(struct gicplan_gic);
	ASSERT_USAGE(gicplan_input_gic(in, GICPLAN_PROFILE_ARCH, "virt-6.1", &go, E));
	ck_assert_ptr_null(go);
	ck_assert_ptr_null(gicplan_gic_emul(NULL));
	ASSERT_USAGE(gicplan_gic_mmio_read(NULL, 0, 4, &val, E));
	ck_assert_int_eq(gicplan_input_gic(in, GICPLAN_PROFILE_ARCH, NULL, &g, NULL), GICPLAN_OK);
	ASSERT_USAGE(gicplan_gic_mmio_read(g, 0, 4, NULL, E));
	ASSERT_USAGE(gicplan_gic_mmio_write(NULL, 0, 4, 0, E));
	gicplan_gic_free(NULL);

	gicplan_gic_free(g);
	gicplan_acpi_tables_free(t);
	gicplan_audit_free(a);
	gicplan_report_free(r);
	gicplan_input_free(in);
	gicplan_plan_free(plan);
	gicplan_platform_free(p);
}
END_TEST

/* ---- Threads ---- */

#define WORKERS 2
#define READERS 4
#define ROUNDS 3

/* One worker's whole round, on its own handles: plan, tree, verify, audit, ACPI. */
static void *worker(void *arg)
{
	uint64_t cpus = (uint64_t)(uintptr_t)arg;

	for (int k = 0; k < ROUNDS; k++) {
		struct gicplan_platform *p = NULL;
		struct gicplan_plan *a = NULL, *b = NULL;
		struct gicplan_input *ia = NULL, *ib = NULL;
		struct gicplan_report *r = NULL;
		struct gicplan_audit *au = NULL;
		struct gicplan_acpi_tables *t = NULL;
		struct gicplan_request req;
		struct gicplan_error err;
		int rc;

		if (gicplan_platform_load(k % 2 ? "virt" : "firecracker", &p, &err) != GICPLAN_OK)
			return strdup(err.message);
		gicplan_request_init(&req);
		req.max_cpus = cpus;
		if (gicplan_plan_make(p, &req, &a, &err) != GICPLAN_OK)
			return strdup(err.message);
		req.max_cpus = cpus + 1;
		if (gicplan_plan_make(p, &req, &b, &err) != GICPLAN_OK ||
		    gicplan_input_from_plan(a, &ia, &err) != GICPLAN_OK ||
		    gicplan_input_from_plan(b, &ib, &err) != GICPLAN_OK ||
		    gicplan_verify(ia, NULL, &r, &err) != GICPLAN_OK)
			return strdup(err.message);
		/* One vCPU more: differences, breaking in the strict default rule. */
		rc = gicplan_audit(ia, ib, NULL, &au, &err);
		if ((rc != GICPLAN_OK && rc != GICPLAN_E_CHECK) || gicplan_audit_diffs(au) == 0)
			return strdup(rc < 0 ? err.message : "no difference for one vCPU more");
		if (gicplan_plan_acpi(a, NULL, NULL, &t, &err) != GICPLAN_OK)
			return strdup(err.message);
		gicplan_acpi_tables_free(t);
		gicplan_audit_free(au);
		gicplan_report_free(r);
		gicplan_input_free(ib);
		gicplan_input_free(ia);
		gicplan_plan_free(b);
		gicplan_plan_free(a);
		gicplan_platform_free(p);
	}
	return NULL;
}

START_TEST(threads_own_handles)
{
	pthread_t t[WORKERS];

	for (uintptr_t i = 0; i < WORKERS; i++)
		ck_assert_int_eq(pthread_create(&t[i], NULL, worker, (void *)(4 + 3 * i)), 0);
	for (int i = 0; i < WORKERS; i++) {
		void *msg;

		ck_assert_int_eq(pthread_join(t[i], &msg), 0);
		ck_assert_msg(msg == NULL, "worker %d: %s", i, (char *)msg);
	}
}
END_TEST

/* What several readers of one plan, report and audit each see. */
struct shared {
	const struct gicplan_platform *p;
	const struct gicplan_plan *plan;
	const struct gicplan_report *r;
	const struct gicplan_audit *a;
	const struct gicplan_input *in;
	unsigned char *dtb;   /* the blob read before the threads started */
	size_t dtb_len;
	struct gicplan_check first; /* check 0 of the report, read before */
};

/* Read every answer of the shared handles, and compare them with what was read alone. */
static void *reader(void *arg)
{
	const struct shared *s = arg;

	for (int k = 0; k < ROUNDS; k++) {
		struct gicplan_plan_info info;
		struct gicplan_kvm_attr attrs[64];
		struct gicplan_map_region map[32];
		struct gicplan_check c;
		struct gicplan_diff d;
		struct gicplan_coverage cov;
		struct gicplan_report *r2 = NULL;
		struct gicplan_tier tiers[8];
		struct gicplan_error err;
		unsigned char *blob;
		size_t n, len;

		if (gicplan_plan_info(s->plan, &info, &err) != GICPLAN_OK ||
		    gicplan_plan_kvm_attrs(s->plan, attrs, 64, &n, &err) != GICPLAN_OK ||
		    gicplan_report_check(s->r, 0, &c, &err) != GICPLAN_OK ||
		    gicplan_report_coverage(s->r, &cov, &err) != GICPLAN_OK ||
		    gicplan_audit_diff(s->a, 0, &d, &err) != GICPLAN_OK ||
		    gicplan_tiers(s->p, &(struct gicplan_fit){ 3, 40, 1 }, tiers, 8, &n, &err) !=
			    GICPLAN_OK)
			return strdup(err.message);
		(void)gicplan_plan_map(s->plan, map, 32);
		/* The plan file too: jansson builds and dumps it in each thread. */
		if (gicplan_plan_json(s->plan, NULL, 0, &len, NULL) != GICPLAN_E_RANGE || len == 0)
			return strdup("the plan file has no size");
		blob = malloc(len + 1);
		if (blob == NULL)
			return strdup("out of memory");
		if (gicplan_plan_json(s->plan, (char *)blob, len + 1, &n, &err) != GICPLAN_OK ||
		    n != len) {
			free(blob);
			return strdup("the plan file differs in size");
		}
		free(blob);
		if (strcmp(c.name, s->first.name) != 0 || c.status != s->first.status)
			return strdup("report check 0 differs");
		blob = malloc(s->dtb_len);
		if (blob == NULL)
			return strdup("out of memory");
		if (gicplan_plan_dtb(s->plan, blob, s->dtb_len, &len, &err) != GICPLAN_OK ||
		    len != s->dtb_len || memcmp(blob, s->dtb, len) != 0) {
			free(blob);
			return strdup("the tree differs");
		}
		free(blob);
		/* A proof of the shared input per reader: the input is only read. */
		if (gicplan_verify(s->in, NULL, &r2, &err) != GICPLAN_OK)
			return strdup(err.message);
		gicplan_report_free(r2);
	}
	return NULL;
}

START_TEST(threads_read_one_handle)
{
	struct gicplan_platform *p = load("virt");
	struct gicplan_plan *plan = plan_of(p, 6, 1), *bigger = plan_of(p, 7, 1);
	struct gicplan_input *in = input_of(plan), *in2 = input_of(bigger);
	struct gicplan_report *r = NULL;
	struct gicplan_audit *a = NULL;
	struct gicplan_error err;
	struct shared s = { 0 };
	pthread_t t[READERS];

	ck_assert_int_eq(gicplan_verify(in, NULL, &r, &err), GICPLAN_OK);
	ck_assert_int_eq(gicplan_audit(in, in2, NULL, &a, &err), GICPLAN_E_CHECK);
	ck_assert_uint_gt(gicplan_audit_diffs(a), 0);
	ck_assert_int_eq(gicplan_plan_dtb(plan, NULL, 0, &s.dtb_len, NULL), GICPLAN_E_RANGE);
	s.dtb = malloc(s.dtb_len);
	ck_assert_ptr_nonnull(s.dtb);
	ck_assert_int_eq(gicplan_plan_dtb(plan, s.dtb, s.dtb_len, &s.dtb_len, NULL), GICPLAN_OK);
	ck_assert_int_eq(gicplan_report_check(r, 0, &s.first, NULL), GICPLAN_OK);
	s.p = p;
	s.plan = plan;
	s.r = r;
	s.a = a;
	s.in = in;
	for (int i = 0; i < READERS; i++)
		ck_assert_int_eq(pthread_create(&t[i], NULL, reader, &s), 0);
	for (int i = 0; i < READERS; i++) {
		void *msg;

		ck_assert_int_eq(pthread_join(t[i], &msg), 0);
		ck_assert_msg(msg == NULL, "reader %d: %s", i, (char *)msg);
	}
	free(s.dtb);
	gicplan_audit_free(a);
	gicplan_report_free(r);
	gicplan_input_free(in2);
	gicplan_input_free(in);
	gicplan_plan_free(bigger);
	gicplan_plan_free(plan);
	gicplan_platform_free(p);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("api_contracts");
	TCase *tc = tcase_create("contracts");

	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, null_platforms_and_plans);
	tcase_add_test(tc, null_and_range_outputs);
	tcase_add_test(tc, null_inputs_reports_audits);
	tcase_add_test(tc, threads_own_handles);
	tcase_add_test(tc, threads_read_one_handle);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
