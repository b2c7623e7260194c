/* SPDX-License-Identifier: MIT */
/* libgicplan through its public header alone: every function, its errors and buffer contracts. */
#include <gicplan.h>

#include "xfile.h"
#include "xpublic.h"

#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The vCPUs of the plan most tests use. */
#define CPUS 8

/* A plan of @cpus vCPUs on the bundled virt platform, GICv3, its ITS the platform's. */
static struct gicplan_plan *plan_virt(uint64_t cpus)
{
	return x_public_plan(cpus, 3, -1);
}

/* A temporary file name in the build tree. */
static void temp_path(char *buf, size_t cap, const char *what)
{
	snprintf(buf, cap, "%s/test_api_%ld_%s", GICPLAN_BINARY_DIR, (long)getpid(), what);
}

START_TEST(version_and_strerror)
{
	char want[32];
	const int codes[] = { GICPLAN_OK, GICPLAN_E_CHECK, GICPLAN_E_USAGE, GICPLAN_E_INPUT,
			      GICPLAN_E_INFEASIBLE, GICPLAN_E_NOMEM, GICPLAN_E_RANGE };

	snprintf(want, sizeof(want), "%d.%d.%d", GICPLAN_VERSION_MAJOR, GICPLAN_VERSION_MINOR,
		 GICPLAN_VERSION_PATCH);
	ck_assert_str_eq(gicplan_version(), want);
	for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		ck_assert_int_le(codes[i], 0);
		for (size_t j = 0; j < i; j++)
			ck_assert_str_ne(gicplan_strerror(codes[i]), gicplan_strerror(codes[j]));
	}
	ck_assert_str_eq(gicplan_strerror(GICPLAN_E_INFEASIBLE), "no placement holds the request");
	ck_assert_str_eq(gicplan_strerror(-1000), "unknown error code");
}
END_TEST

START_TEST(platform_load_and_errors)
{
	struct gicplan_platform *p = NULL;
	struct gicplan_error err;

	ck_assert_int_eq(gicplan_platform_load("firecracker", &p, &err), GICPLAN_OK);
	ck_assert_str_eq(gicplan_platform_name(p), "firecracker");
	gicplan_platform_free(p);

	ck_assert_int_eq(gicplan_platform_load("no-such-vmm", &p, &err), GICPLAN_E_INPUT);
	ck_assert_ptr_null(p);
	ck_assert_int_eq(err.code, GICPLAN_E_INPUT);
	ck_assert_ptr_nonnull(strstr(err.message, "no-such-vmm"));

	ck_assert_int_eq(gicplan_platform_load("/nonexistent/dir/x.json", &p, &err),
			 GICPLAN_E_INPUT);
	ck_assert_ptr_nonnull(strstr(err.message, "/nonexistent/dir/x.json"));

	ck_assert_int_eq(gicplan_platform_load(NULL, &p, &err), GICPLAN_E_USAGE);
	ck_assert_int_eq(err.code, GICPLAN_E_USAGE);
	/* No error record: the code alone. */
	ck_assert_int_eq(gicplan_platform_load("no-such-vmm", &p, NULL), GICPLAN_E_INPUT);
	gicplan_platform_free(NULL);
}
END_TEST

START_TEST(platform_from_text)
{
	struct gicplan_platform *p = NULL;
	struct gicplan_error err;
	size_t len;
	char *text = x_read_file(GICPLAN_SOURCE_DIR "/layouts/kvmtool.json", &len);

	ck_assert_int_eq(gicplan_platform_from_text("mine.json", text, len, &p, &err), GICPLAN_OK);
	ck_assert_str_eq(gicplan_platform_name(p), "kvmtool");
	gicplan_platform_free(p);

	/* Cut short: the error names the source given. */
	ck_assert_int_eq(gicplan_platform_from_text("mine.json", text, len / 2, &p, &err),
			 GICPLAN_E_INPUT);
	ck_assert_ptr_null(p);
	ck_assert_int_eq(strncmp(err.message, "mine.json", strlen("mine.json")), 0);
	ck_assert_int_eq(gicplan_platform_from_text("mine.json", NULL, 0, &p, &err),
			 GICPLAN_E_USAGE);
	free(text);
}
END_TEST

START_TEST(plan_errors)
{
	struct gicplan_platform *p = NULL;
	struct gicplan_plan *plan = NULL;
	struct gicplan_request req;
	struct gicplan_error err;

	ck_assert_int_eq(gicplan_platform_load("firecracker", &p, &err), GICPLAN_OK);
	gicplan_request_init(&req);
	ck_assert_int_eq(req.its, -1);
	ck_assert_int_eq(req.virtualization, -1);
	ck_assert_int_eq(gicplan_plan_make(p, &req, &plan, &err), GICPLAN_E_USAGE);
	ck_assert_ptr_nonnull(strstr(err.message, "max_cpus"));

	req.max_cpus = 100000;
	ck_assert_int_eq(gicplan_plan_make(p, &req, &plan, &err), GICPLAN_E_INFEASIBLE);
	ck_assert_ptr_null(plan);
	ck_assert_ptr_nonnull(strstr(err.message, "firecracker"));

	req.max_cpus = 4;
	req.gic_version = 5;
	ck_assert_int_eq(gicplan_plan_make(p, &req, &plan, &err), GICPLAN_E_INPUT);
	ck_assert_int_eq(err.code, GICPLAN_E_INPUT);
	ck_assert_int_eq(gicplan_plan_make(NULL, &req, &plan, &err), GICPLAN_E_USAGE);
	gicplan_platform_free(p);
	gicplan_plan_free(NULL);
}
END_TEST

START_TEST(plan_regions_vcpus_devices)
{
	struct gicplan_plan *plan = plan_virt(CPUS);
	struct gicplan_plan_info info;
	struct gicplan_error err;
	struct gicplan_region *regions;
	struct gicplan_redist_region rr[4];
	struct gicplan_device *devs;
	struct gicplan_vcpu vcpu, prev = { 0 };
	size_t n, nr, nd;
	uint64_t placed = 0;
	int saw_gicd = 0, saw_uart_irq = 0;

	ck_assert_int_eq(gicplan_plan_info(plan, &info, &err), GICPLAN_OK);
	ck_assert_str_eq(info.platform, "virt");
	ck_assert_uint_eq(info.max_cpus, CPUS);
	ck_assert_uint_eq(info.gic_version, 3);
	ck_assert_uint_eq(info.redist_size, 2 * 64 * 1024);
	ck_assert_uint_ge(info.ipa_bits, 32);
	ck_assert_uint_gt(info.spis, 0);
	ck_assert_uint_gt(info.ram_size, 0);

	n = gicplan_plan_regions(plan, NULL, 0);
	ck_assert_uint_gt(n, 3);
	regions = calloc(n, sizeof(*regions));
	ck_assert_uint_eq(gicplan_plan_regions(plan, regions, n), n);
	for (size_t i = 0; i < n; i++) {
		if (strcmp(regions[i].name, "gicd") == 0) {
			saw_gicd = 1;
			ck_assert_uint_eq(regions[i].base, info.gicd_base);
			ck_assert_uint_eq(regions[i].size, info.gicd_size);
		}
		/* Address order, no overlap. */
		if (i > 0 && regions[i - 1].size != 0 && regions[i].size != 0)
			ck_assert_uint_ge(regions[i].base, regions[i - 1].base + regions[i - 1].size);
	}
	ck_assert(saw_gicd);
	free(regions);

	nr = gicplan_plan_redist_regions(plan, rr, 4);
	ck_assert_uint_eq(nr, info.nr_redist_regions);
	ck_assert_uint_ge(nr, 1);
	for (size_t i = 0; i < nr && i < 4; i++) {
		ck_assert_uint_eq(rr[i].index, i);
		ck_assert_uint_eq(rr[i].first_cpu, placed);
		ck_assert_uint_le(rr[i].count * info.redist_size, rr[i].window);
		placed += rr[i].count;
	}
	ck_assert_uint_eq(placed, CPUS);

	for (uint64_t c = 0; c < CPUS; c++) {
		ck_assert_int_eq(gicplan_plan_vcpu(plan, c, &vcpu, &err), GICPLAN_OK);
		ck_assert_uint_eq(vcpu.redist_base,
				  rr[vcpu.redist_region].base +
					  (c - rr[vcpu.redist_region].first_cpu) * info.redist_size);
		if (c > 0) {
			ck_assert_uint_ne(vcpu.mpidr, prev.mpidr);
			ck_assert_uint_gt(vcpu.redist_base, prev.redist_base);
		}
		prev = vcpu;
	}
	ck_assert_int_eq(gicplan_plan_vcpu(plan, CPUS, &vcpu, &err), GICPLAN_E_USAGE);
	ck_assert_ptr_nonnull(strstr(err.message, "vCPU 8"));

	nd = gicplan_plan_devices(plan, NULL, 0);
	ck_assert_uint_gt(nd, 0);
	devs = calloc(nd, sizeof(*devs));
	ck_assert_uint_eq(gicplan_plan_devices(plan, devs, nd), nd);
	for (size_t i = 0; i < nd; i++) {
		ck_assert_uint_gt(devs[i].type[0], 0);
		if (strcmp(devs[i].type, "pl011") == 0 && devs[i].has_irq) {
			saw_uart_irq = 1;
			ck_assert_uint_lt(devs[i].spi, info.spis);
			ck_assert_uint_eq(devs[i].nr_spis, devs[i].count);
		}
	}
	ck_assert(saw_uart_irq);
	free(devs);
	gicplan_plan_free(plan);
}
END_TEST

START_TEST(kvm_attrs)
{
	struct gicplan_plan *plan = plan_virt(CPUS);
	struct gicplan_plan_info info;
	struct gicplan_error err;
	struct gicplan_kvm_attr *attrs;
	size_t n = 0, n2 = 0;
	int saw_nr_irqs = 0;

	ck_assert_int_eq(gicplan_plan_info(plan, &info, &err), GICPLAN_OK);
	ck_assert_int_eq(gicplan_plan_kvm_attrs(plan, NULL, 0, &n, &err), GICPLAN_E_RANGE);
	ck_assert_int_eq(err.code, GICPLAN_E_RANGE);
	ck_assert_uint_ge(n, 4);
	attrs = calloc(n, sizeof(*attrs));
	ck_assert_int_eq(gicplan_plan_kvm_attrs(plan, attrs, n - 1, &n2, &err), GICPLAN_E_RANGE);
	ck_assert_uint_eq(n2, n);
	ck_assert_int_eq(gicplan_plan_kvm_attrs(plan, attrs, n, &n2, &err), GICPLAN_OK);
	/* The distributor first, at the plan's base; CTRL_INIT last. */
	ck_assert_uint_eq(attrs[0].device, GICPLAN_KVM_DEV_TYPE_ARM_VGIC_V3);
	ck_assert_uint_eq(attrs[0].group, GICPLAN_KVM_DEV_ARM_VGIC_GRP_ADDR);
	ck_assert_uint_eq(attrs[0].attr, 2); /* KVM_VGIC_V3_ADDR_TYPE_DIST */
	ck_assert_int_eq(attrs[0].has_value, 1);
	ck_assert_uint_eq(attrs[0].value, info.gicd_base);
	ck_assert_uint_eq(attrs[n - 1].group, GICPLAN_KVM_DEV_ARM_VGIC_GRP_CTRL);
	ck_assert_int_eq(attrs[n - 1].has_value, 0);
	for (size_t i = 0; i < n; i++) {
		ck_assert_uint_gt(strlen(attrs[i].what), 0);
		if (attrs[i].group == GICPLAN_KVM_DEV_ARM_VGIC_GRP_NR_IRQS) {
			saw_nr_irqs = 1;
			ck_assert_uint_eq(attrs[i].value, info.spis + 32);
		}
		if (attrs[i].device == GICPLAN_KVM_DEV_TYPE_ARM_VGIC_ITS &&
		    attrs[i].group == GICPLAN_KVM_DEV_ARM_VGIC_GRP_ADDR)
			ck_assert_uint_eq(attrs[i].value, info.its_base);
	}
	ck_assert(saw_nr_irqs);
	free(attrs);
	ck_assert_int_eq(gicplan_plan_kvm_attrs(NULL, NULL, 0, &n, &err), GICPLAN_E_USAGE);
	gicplan_plan_free(plan);
}
END_TEST

START_TEST(dtb_buffer_and_file)
{
	struct gicplan_plan *plan = plan_virt(CPUS);
	struct gicplan_error err;
	char path[512];
	size_t len = 0, len2 = 0, flen;
	unsigned char *buf, *again;
	char *file;

	ck_assert_int_eq(gicplan_plan_dtb(plan, NULL, 0, &len, &err), GICPLAN_E_RANGE);
	ck_assert_uint_gt(len, 64);
	buf = malloc(len);
	again = malloc(len);
	/* One byte short: nothing written, the size said again. */
	memset(buf, 0xa5, len);
	ck_assert_int_eq(gicplan_plan_dtb(plan, buf, len - 1, &len2, &err), GICPLAN_E_RANGE);
	ck_assert_uint_eq(len2, len);
	ck_assert_uint_eq(buf[0], 0xa5);
	ck_assert_ptr_nonnull(strstr(err.message, "device tree"));
	ck_assert_int_eq(gicplan_plan_dtb(plan, buf, len, &len2, &err), GICPLAN_OK);
	/* FDT magic, big-endian; the same plan gives the same bytes. */
	ck_assert_uint_eq(buf[0], 0xd0);
	ck_assert_uint_eq(buf[1], 0x0d);
	ck_assert_uint_eq(buf[2], 0xfe);
	ck_assert_uint_eq(buf[3], 0xed);
	ck_assert_int_eq(gicplan_plan_dtb(plan, again, len, &len2, &err), GICPLAN_OK);
	ck_assert_mem_eq(buf, again, len);

	temp_path(path, sizeof(path), "plan.dtb");
	ck_assert_int_eq(gicplan_plan_write_dtb(plan, path, &err), GICPLAN_OK);
	file = x_read_file(path, &flen);
	ck_assert_uint_eq(flen, len);
	ck_assert_mem_eq(file, buf, len);
	free(file);
	unlink(path);
	ck_assert_int_eq(gicplan_plan_write_dtb(plan, "/nonexistent/dir/t.dtb", &err),
			 GICPLAN_E_INPUT);
	ck_assert_ptr_nonnull(strstr(err.message, "/nonexistent/dir/t.dtb"));
	free(buf);
	free(again);
	gicplan_plan_free(plan);
}
END_TEST

START_TEST(plan_json_text)
{
	struct gicplan_plan *plan = plan_virt(CPUS);
	struct gicplan_error err;
	size_t len = 0, len2 = 0;
	char *text;

	ck_assert_int_eq(gicplan_plan_json(plan, NULL, 0, &len, &err), GICPLAN_E_RANGE);
	text = malloc(len + 1);
	/* The text and its NUL: len bytes alone are too few. */
	ck_assert_int_eq(gicplan_plan_json(plan, text, len, &len2, &err), GICPLAN_E_RANGE);
	ck_assert_int_eq(gicplan_plan_json(plan, text, len + 1, &len2, &err), GICPLAN_OK);
	ck_assert_uint_eq(strlen(text), len);
	ck_assert_int_eq(text[0], '{');
	ck_assert_ptr_nonnull(strstr(text, "\"virt\""));
	free(text);
	gicplan_plan_free(plan);
}
END_TEST

/* The name of check @name's status in @r, or -1 when it has none. */
static int check_status(const struct gicplan_report *r, const char *name)
{
	struct gicplan_check c;

	for (size_t i = 0; i < gicplan_report_checks(r); i++) {
		ck_assert_int_eq(gicplan_report_check(r, i, &c, NULL), GICPLAN_OK);
		if (strcmp(c.name, name) == 0)
			return c.status;
	}
	return -1;
}

START_TEST(verify_plan_and_file)
{
	struct gicplan_plan *plan = plan_virt(CPUS);
	struct gicplan_input *in = NULL;
	struct gicplan_report *r = NULL;
	struct gicplan_verify_options vo = { .profile = GICPLAN_PROFILE_KVM };
	struct gicplan_input_options io = { .gic_version = 4 };
	struct gicplan_check c;
	struct gicplan_error err;
	char path[512];

	ck_assert_int_eq(gicplan_input_from_plan(plan, &in, &err), GICPLAN_OK);
	ck_assert_int_eq(gicplan_verify(in, &vo, &r, &err), GICPLAN_OK);
	ck_assert_int_eq(gicplan_report_failed(r), 0);
	ck_assert_uint_gt(gicplan_report_checks(r), 10);
	ck_assert_int_eq(check_status(r, "mpidr-found"), GICPLAN_CHECK_PASS);
	ck_assert_int_eq(check_status(r, "kvm-attrs"), GICPLAN_CHECK_PASS);
	ck_assert_int_eq(gicplan_report_check(r, gicplan_report_checks(r), &c, &err),
			 GICPLAN_E_USAGE);
	gicplan_report_free(r);
	/* QEMU's own GIC, every SPI to every CPU: the same input, unchanged by the first run. */
	vo = (struct gicplan_verify_options){ .profile = GICPLAN_PROFILE_QEMU, .exhaustive = 1 };
	ck_assert_int_eq(gicplan_verify(in, &vo, &r, &err), GICPLAN_OK);
	ck_assert_int_eq(check_status(r, "spi-routing"), GICPLAN_CHECK_PASS);
	gicplan_report_free(r);
	gicplan_input_free(in);

	/* The tree as a file, read as a GICv3 tree: passes; as GICv4: half the frames. */
	temp_path(path, sizeof(path), "verify.dtb");
	ck_assert_int_eq(gicplan_plan_write_dtb(plan, path, &err), GICPLAN_OK);
	ck_assert_int_eq(gicplan_input_load(path, NULL, &in, &err), GICPLAN_OK);
	ck_assert_int_eq(gicplan_verify(in, NULL, &r, &err), GICPLAN_OK);
	gicplan_report_free(r);
	gicplan_input_free(in);

	ck_assert_int_eq(gicplan_input_load(path, &io, &in, &err), GICPLAN_OK);
	ck_assert_int_eq(gicplan_verify(in, NULL, &r, &err), GICPLAN_E_CHECK);
	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(gicplan_report_failed(r), 1);
	ck_assert_int_eq(check_status(r, "mpidr-found"), GICPLAN_CHECK_FAIL);
	ck_assert_ptr_nonnull(strstr(err.message, path));
	gicplan_report_free(r);

	vo.profile = 9;
	ck_assert_int_eq(gicplan_verify(in, &vo, &r, &err), GICPLAN_E_USAGE);
	ck_assert_ptr_null(r);
	gicplan_input_free(in);
	unlink(path);

	ck_assert_int_eq(gicplan_input_load("/nonexistent/t.dtb", NULL, &in, &err),
			 GICPLAN_E_INPUT);
	ck_assert_ptr_null(in);
	ck_assert_ptr_nonnull(strstr(err.message, "/nonexistent/t.dtb"));
	gicplan_input_free(NULL);
	gicplan_report_free(NULL);
	gicplan_plan_free(plan);
}
END_TEST

START_TEST(audit_inputs)
{
	struct gicplan_plan *p8 = plan_virt(CPUS), *p16 = plan_virt(2 * CPUS);
	struct gicplan_input *a = NULL, *b = NULL, *c = NULL;
	struct gicplan_audit *au = NULL;
	struct gicplan_audit_options ao = { .mode = GICPLAN_AUDIT_IDENTICAL };
	struct gicplan_diff d;
	struct gicplan_error err;
	int saw_breaking = 0;

	ck_assert_int_eq(gicplan_input_from_plan(p8, &a, &err), GICPLAN_OK);
	ck_assert_int_eq(gicplan_input_from_plan(p8, &b, &err), GICPLAN_OK);
	ck_assert_int_eq(gicplan_input_from_plan(p16, &c, &err), GICPLAN_OK);

	ck_assert_int_eq(gicplan_audit(a, b, NULL, &au, &err), GICPLAN_OK);
	ck_assert_int_eq(gicplan_audit_breaks(au), 0);
	gicplan_audit_free(au);

	ck_assert_int_eq(gicplan_audit(a, c, &ao, &au, &err), GICPLAN_E_CHECK);
	ck_assert_ptr_nonnull(au);
	ck_assert_int_eq(gicplan_audit_breaks(au), 1);
	ck_assert_ptr_nonnull(strstr(err.message, "identical"));
	ck_assert_uint_gt(gicplan_audit_diffs(au), 0);
	for (size_t i = 0; i < gicplan_audit_diffs(au); i++) {
		ck_assert_int_eq(gicplan_audit_diff(au, i, &d, &err), GICPLAN_OK);
		ck_assert_uint_gt(strlen(d.what), 0);
		saw_breaking |= d.breaks_mode;
	}
	ck_assert(saw_breaking);
	ck_assert_int_eq(gicplan_audit_diff(au, gicplan_audit_diffs(au), &d, &err),
			 GICPLAN_E_USAGE);
	gicplan_audit_free(au);

	ao.mode = 7;
	ck_assert_int_eq(gicplan_audit(a, c, &ao, &au, &err), GICPLAN_E_USAGE);
	ck_assert_ptr_null(au);
	gicplan_audit_free(NULL);
	gicplan_input_free(a);
	gicplan_input_free(b);
	gicplan_input_free(c);
	gicplan_plan_free(p8);
	gicplan_plan_free(p16);
}
END_TEST

/*
 * Threads at once, each with its own handles, each checked against a tree
 * made alone: load, plan, attributes, tree, reading it back. (Not verify or
 * audit: this release keeps their sort order in static state, gicplan.h.)
 */
#define THREADS 4

struct worker {
	uint64_t cpus;
	unsigned char *want;
	size_t want_len;
	int ok;
};

static void *work(void *arg)
{
	struct worker *w = arg;
	struct gicplan_platform *p = NULL;
	struct gicplan_plan *plan = NULL;
	struct gicplan_input *in = NULL;
	struct gicplan_report *r = NULL;
	struct gicplan_verify_options vo = { .profile = GICPLAN_PROFILE_ARCH };
	struct gicplan_request req;
	struct gicplan_error err;
	unsigned char *buf = malloc(w->want_len);
	size_t len = 0, n = 0;

	gicplan_request_init(&req);
	req.max_cpus = w->cpus;
	req.gic_version = 3;
	w->ok = buf != NULL && gicplan_platform_load("virt", &p, &err) == GICPLAN_OK &&
		gicplan_plan_make(p, &req, &plan, &err) == GICPLAN_OK &&
		gicplan_plan_dtb(plan, buf, w->want_len, &len, &err) == GICPLAN_OK &&
		len == w->want_len && memcmp(buf, w->want, len) == 0 &&
		gicplan_plan_kvm_attrs(plan, NULL, 0, &n, &err) == GICPLAN_E_RANGE && n > 0 &&
		gicplan_input_from_plan(plan, &in, &err) == GICPLAN_OK &&
		/* verify's sorts keep their context per thread */
		gicplan_verify(in, &vo, &r, &err) == GICPLAN_OK && gicplan_report_failed(r) == 0;
	gicplan_report_free(r);
	gicplan_input_free(in);
	gicplan_plan_free(plan);
	gicplan_platform_free(p);
	free(buf);
	return NULL;
}

START_TEST(threads_at_once)
{
	struct worker w[THREADS];
	pthread_t t[THREADS];
	struct gicplan_error err;

	for (int i = 0; i < THREADS; i++) {
		struct gicplan_plan *plan = plan_virt((uint64_t)(i + 1) * CPUS);

		w[i] = (struct worker){ .cpus = (uint64_t)(i + 1) * CPUS };
		ck_assert_int_eq(gicplan_plan_dtb(plan, NULL, 0, &w[i].want_len, &err),
				 GICPLAN_E_RANGE);
		w[i].want = malloc(w[i].want_len);
		ck_assert_int_eq(gicplan_plan_dtb(plan, w[i].want, w[i].want_len, &w[i].want_len,
						  &err),
				 GICPLAN_OK);
		gicplan_plan_free(plan);
	}
	for (int i = 0; i < THREADS; i++)
		ck_assert_int_eq(pthread_create(&t[i], NULL, work, &w[i]), 0);
	for (int i = 0; i < THREADS; i++) {
		ck_assert_int_eq(pthread_join(t[i], NULL), 0);
		ck_assert_msg(w[i].ok, "thread %d (%llu vCPUs) failed", i,
			      (unsigned long long)w[i].cpus);
		free(w[i].want);
	}
}
END_TEST

static Suite *api_suite(void)
{
	Suite *s = suite_create("api");
	TCase *t = tcase_create("api");

	tcase_set_timeout(t, 60);
	tcase_add_test(t, version_and_strerror);
	tcase_add_test(t, platform_load_and_errors);
	tcase_add_test(t, platform_from_text);
	tcase_add_test(t, plan_errors);
	tcase_add_test(t, plan_regions_vcpus_devices);
	tcase_add_test(t, kvm_attrs);
	tcase_add_test(t, dtb_buffer_and_file);
	tcase_add_test(t, plan_json_text);
	tcase_add_test(t, verify_plan_and_file);
	tcase_add_test(t, audit_inputs);
	tcase_add_test(t, threads_at_once);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(api_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
