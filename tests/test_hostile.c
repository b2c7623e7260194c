/* SPDX-License-Identifier: MIT */
/*
 * Hostile input: every reader refuses bad input with exit 2 and one line that
 * names the file and the place, and nothing crashes (this suite also runs
 * under AddressSanitizer and UndefinedBehaviorSanitizer).
 *
 * Device trees are a real emitted tree, corrupted one way at a time with
 * libfdt's read-write API or by poking the header; JSON is a real plan or the
 * bundled layout, edited with jansson. Inputs the fuzzers found live in
 * tests/hostile/ and are read here too.
 */
#include <check.h>
#include <dirent.h>
#include <inttypes.h>
#include <jansson.h>
#include <libfdt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "dt_reader.h"
#include "emit_fdt.h"
#include "input.h"
#include "plan_json.h"
#include "planner.h"
#include "platform.h"
#include "verify.h"
#include "xfdt.h"
#include "xplan.h"
#include "xrun.h"

#define SOURCE "hostile.dtb"
#define ROOM 4096
#define HOSTILE_DIR GICPLAN_SOURCE_DIR "/tests/hostile"

static struct gp_platform *platform;
static struct gp_plan *base_plan;
static void *base_blob;
static size_t base_len;

static void setup(void)
{
	struct gp_request req = { .cpus = 40, .its = -1, .virtualization = 1 };

	platform = x_platform("virt");
	base_plan = x_plan(platform, &req);
	base_blob = x_emit(base_plan, &base_len);
}

static void teardown(void)
{
	free(base_blob);
	free(base_plan);
	free(platform);
	base_blob = NULL;
	base_plan = NULL;
	platform = NULL;
}

/* A writable copy of the base tree with @ROOM bytes to grow. */
static void *rw_tree(void)
{
	return x_fdt_writable(base_blob, ROOM);
}

static int node(void *t, const char *path)
{
	int off = fdt_path_offset(t, path);

	ck_assert_msg(off >= 0, "no %s in the base tree", path);
	return off;
}

/* The GIC node's path in the base tree. */
static const char *gic_path(void)
{
	static char path[64];

	snprintf(path, sizeof(path), "/interrupt-controller@%" PRIx64, base_plan->gicd.base);
	return path;
}

static const char *uart_path(void)
{
	static char path[64];
	const struct gp_device *d = &base_plan->board.devices[base_plan->board.console];

	snprintf(path, sizeof(path), "/%s@%" PRIx64, gp_device_node(d), d->win[0].base);
	return path;
}

/*
 * @blob of @len bytes must be refused: exit 2, one line starting with the
 * source name and containing each of the NULL-terminated @places.
 */
static void expect_refused_len(const void *blob, size_t len, const char *const *places)
{
	struct gp_machine m;
	struct gp_error err;
	int rc;

	gp_error_init(&err);
	rc = gp_dt_read(blob, len, SOURCE, &m, &err);
	gp_machine_free(&m);
	ck_assert_msg(rc < 0, "accepted, but should have been refused (%s)", places[0]);
	ck_assert_int_eq(err.exit_code, GP_EXIT_USAGE);
	ck_assert_msg(strncmp(err.msg, SOURCE ": ", strlen(SOURCE ": ")) == 0,
		      "message does not start with the file: %s", err.msg);
	ck_assert_msg(strchr(err.msg, '\n') == NULL, "message is not one line: %s", err.msg);
	for (const char *const *p = places; *p != NULL; p++)
		ck_assert_msg(strstr(err.msg, *p) != NULL, "message lacks \"%s\": %s", *p, err.msg);
}

#define REFUSED(blob, len, ...) \
	expect_refused_len((blob), (len), (const char *const[]){ __VA_ARGS__, NULL })

static void refused_tree(void *t, const char *const *places)
{
	ck_assert_int_eq(fdt_pack(t), 0);
	expect_refused_len(t, fdt_totalsize(t), places);
	free(t);
}

#define REFUSED_TREE(t, ...) refused_tree((t), (const char *const[]){ __VA_ARGS__, NULL })

/* ---- the blob itself ------------------------------------------------------------------ */

START_TEST(truncated_blobs)
{
	REFUSED(base_blob, 10, "truncated", "too short");
	REFUSED(base_blob, base_len - 1, "truncated", "totalsize");
	REFUSED(base_blob, base_len / 2, "totalsize");
	REFUSED(base_blob, 0, "too short");
}
END_TEST

START_TEST(header_lies)
{
	void *t = malloc(base_len);

	memcpy(t, base_blob, base_len);
	fdt_set_magic(t, 0xfeedd00d);
	REFUSED(t, base_len, "magic");
	memcpy(t, base_blob, base_len);
	fdt_set_totalsize(t, (uint32_t)base_len + 4096);
	REFUSED(t, base_len, "totalsize");
	memcpy(t, base_blob, base_len);
	fdt_set_off_dt_struct(t, (uint32_t)base_len + 64);
	REFUSED(t, base_len, "not a valid device tree");
	memcpy(t, base_blob, base_len);
	fdt_set_size_dt_strings(t, (uint32_t)base_len * 4);
	REFUSED(t, base_len, "not a valid device tree");
	memcpy(t, base_blob, base_len);
	fdt_set_version(t, 1);
	REFUSED(t, base_len, "not a valid device tree");
	free(t);
}
END_TEST

START_TEST(oversized_blob_is_read_to_totalsize)
{
	/* Trailing bytes beyond totalsize are not part of the tree: accepted. */
	size_t len = base_len + 1000;
	char *t = calloc(1, len);
	struct gp_machine m;
	struct gp_error err;

	memcpy(t, base_blob, base_len);
	gp_error_init(&err);
	ck_assert_msg(gp_dt_read(t, len, SOURCE, &m, &err) == 0, "%s", err.msg);
	ck_assert_uint_eq(m.nr_cpus, base_plan->req.cpus);
	gp_machine_free(&m);
	free(t);
}
END_TEST

START_TEST(bad_root_cells)
{
	static const uint32_t bad[] = { 0, 3, 5, 0xffffffff };

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		void *t = rw_tree();

		ck_assert_int_eq(fdt_setprop_u32(t, 0, "#address-cells", bad[i]), 0);
		REFUSED_TREE(t, "#address-cells");
		t = rw_tree();
		ck_assert_int_eq(fdt_setprop_u32(t, 0, "#size-cells", bad[i] ? bad[i] : 0), 0);
		if (bad[i] == 0 || bad[i] > 2)
			REFUSED_TREE(t, "#size-cells");
		else
			free(t);
	}
}
END_TEST

START_TEST(cells_of_the_wrong_length)
{
	void *t = rw_tree();
	uint32_t three[3] = { 0, 0, 0 };

	/* A cell count property of 8 bytes. */
	ck_assert_int_eq(fdt_setprop_u64(t, 0, "#address-cells", 2), 0);
	REFUSED_TREE(t, "#address-cells", "one 32-bit cell");
	/* reg of three cells where entries take four. */
	t = rw_tree();
	ck_assert_int_eq(fdt_setprop(t, node(t, uart_path()), "reg", three, sizeof(three)), 0);
	REFUSED_TREE(t, uart_path(), "reg", "whole number");
	/* interrupts of two cells where specifiers take three. */
	t = rw_tree();
	ck_assert_int_eq(fdt_setprop(t, node(t, uart_path()), "interrupts", three, 8), 0);
	REFUSED_TREE(t, uart_path(), "interrupts", "specifiers");
	/* the GIC's own interrupts cut short */
	t = rw_tree();
	ck_assert_int_eq(fdt_setprop(t, node(t, gic_path()), "interrupts", three, 4), 0);
	REFUSED_TREE(t, gic_path(), "interrupts");
	/* redistributor-stride of one cell */
	t = rw_tree();
	ck_assert_int_eq(fdt_setprop_u32(t, node(t, gic_path()), "redistributor-stride", 0x20000),
			 0);
	REFUSED_TREE(t, "redistributor-stride", "64-bit");
	/* #redistributor-regions of two cells */
	t = rw_tree();
	ck_assert_int_eq(fdt_setprop_u64(t, node(t, gic_path()), "#redistributor-regions", 1), 0);
	REFUSED_TREE(t, "#redistributor-regions");
	/* a cpu reg of two bytes */
	t = rw_tree();
	ck_assert_int_eq(fdt_setprop(t, node(t, "/cpus/cpu@0"), "reg", three, 2), 0);
	REFUSED_TREE(t, "/cpus/cpu@0", "reg");
	/* /cpus with three address cells */
	t = rw_tree();
	ck_assert_int_eq(fdt_setprop_u32(t, node(t, "/cpus"), "#address-cells", 3), 0);
	REFUSED_TREE(t, "/cpus", "#address-cells");
}
END_TEST

START_TEST(the_gic_interrupt_cells)
{
	void *t = rw_tree();

	ck_assert_int_eq(fdt_delprop(t, node(t, gic_path()), "#interrupt-cells"), 0);
	REFUSED_TREE(t, gic_path(), "#interrupt-cells");
	t = rw_tree();
	ck_assert_int_eq(fdt_setprop_u32(t, node(t, gic_path()), "#interrupt-cells", 2), 0);
	REFUSED_TREE(t, gic_path(), "#interrupt-cells");
}
END_TEST

START_TEST(missing_and_duplicate_nodes)
{
	void *t = rw_tree();
	int gic, cpus;

	/* no GICv3: a GICv2 is named as one, with its node */
	ck_assert_int_eq(fdt_setprop_string(t, node(t, gic_path()), "compatible", "arm,gic-400"), 0);
	REFUSED_TREE(t, "a GICv2", "arm,gic-400", gic_path(), "arm,gic-v3");
	/* ... another interrupt controller by its compatible */
	t = rw_tree();
	ck_assert_int_eq(fdt_setprop_string(t, node(t, gic_path()), "compatible", "vendor,intc"), 0);
	REFUSED_TREE(t, "no GICv3", "\"vendor,intc\"", gic_path());
	/* ... and none at all */
	t = rw_tree();
	ck_assert_int_eq(fdt_setprop_string(t, node(t, gic_path()), "compatible", "vendor,intc"), 0);
	ck_assert_int_eq(fdt_delprop(t, node(t, gic_path()), "interrupt-controller"), 0);
	REFUSED_TREE(t, "no GIC:", "arm,gic-v3");
	/* two GICs */
	t = rw_tree();
	gic = fdt_add_subnode(t, 0, "interrupt-controller@1000");
	ck_assert_int_ge(gic, 0);
	ck_assert_int_eq(fdt_setprop_string(t, gic, "compatible", "arm,gic-v3"), 0);
	/* A well-formed one, so that being the second is its only fault. */
	{
		int real = node(t, gic_path()), len;
		const void *reg = fdt_getprop(t, real, "reg", &len);
		void *copy = malloc((size_t)len);

		memcpy(copy, reg, (size_t)len);
		ck_assert_int_eq(fdt_setprop_u32(t, gic, "#interrupt-cells", 3), 0);
		ck_assert_int_eq(fdt_setprop(t, gic, "reg", copy, len), 0);
		free(copy);
	}
	REFUSED_TREE(t, "second", "arm,gic-v3");
	/* no /cpus at all */
	t = rw_tree();
	ck_assert_int_eq(fdt_del_node(t, node(t, "/cpus")), 0);
	REFUSED_TREE(t, "/cpus", "no cpu node");
	/* /cpus without a single cpu node */
	t = rw_tree();
	cpus = node(t, "/cpus");
	for (int c = fdt_first_subnode(t, cpus); c >= 0; c = fdt_first_subnode(t, cpus))
		ck_assert_int_eq(fdt_del_node(t, c), 0);
	REFUSED_TREE(t, "no cpu node");
	/* a cpu node without reg */
	t = rw_tree();
	ck_assert_int_eq(fdt_delprop(t, node(t, "/cpus/cpu@1"), "reg"), 0);
	REFUSED_TREE(t, "/cpus/cpu@1", "no reg");
	/* the GIC without reg */
	t = rw_tree();
	ck_assert_int_eq(fdt_delprop(t, node(t, gic_path()), "reg"), 0);
	REFUSED_TREE(t, gic_path(), "reg");
}
END_TEST

START_TEST(regions_that_wrap)
{
	void *t = rw_tree();
	fdt64_t wrap[2] = { cpu_to_fdt64(UINT64_C(0xffffffffffff0000)), cpu_to_fdt64(0x20000) };

	ck_assert_int_eq(fdt_setprop(t, node(t, uart_path()), "reg", wrap, sizeof(wrap)), 0);
	REFUSED_TREE(t, uart_path(), "wraps");
	t = rw_tree();
	ck_assert_int_eq(fdt_setprop(t, node(t, "/memory@40000000"), "reg", wrap, sizeof(wrap)), 0);
	REFUSED_TREE(t, "/memory@40000000", "wraps");
}
END_TEST

START_TEST(interrupt_references_that_lie)
{
	void *t = rw_tree();
	uint32_t ext[4] = { cpu_to_fdt32(0x7777), 0, cpu_to_fdt32(5), cpu_to_fdt32(4) };
	int len, pcie;
	const void *map;
	char path[64];

	ck_assert_int_eq(fdt_setprop(t, node(t, uart_path()), "interrupts-extended", ext,
				     sizeof(ext)),
			 0);
	REFUSED_TREE(t, "interrupts-extended", "phandle 0x7777");
	/* an interrupt-map cut one cell short */
	t = rw_tree();
	pcie = fdt_node_offset_by_compatible(t, -1, "pci-host-ecam-generic");
	ck_assert_int_ge(pcie, 0);
	ck_assert_int_eq(fdt_get_path(t, pcie, path, sizeof(path)), 0);
	map = fdt_getprop(t, pcie, "interrupt-map", &len);
	ck_assert_ptr_nonnull(map);
	{
		void *copy = malloc((size_t)len);

		memcpy(copy, map, (size_t)len);
		ck_assert_int_eq(fdt_setprop(t, pcie, "interrupt-map", copy, len - 4), 0);
		free(copy);
	}
	REFUSED_TREE(t, path, "interrupt-map", "cut short");
	/* a stdout-path that is not a string */
	t = rw_tree();
	ck_assert_int_eq(fdt_setprop(t, node(t, "/chosen"), "stdout-path", "abc", 3), 0);
	REFUSED_TREE(t, "/chosen", "stdout-path");
}
END_TEST

/* A root node @name with phandle @ph and #interrupt-cells @cells. */
static void add_controller(void *t, const char *name, uint32_t ph, uint32_t cells)
{
	int n = fdt_add_subnode(t, 0, name);

	ck_assert_int_ge(n, 0);
	ck_assert_int_eq(fdt_setprop_u32(t, n, "phandle", ph), 0);
	ck_assert_int_eq(fdt_setprop_u32(t, n, "#interrupt-cells", cells), 0);
	ck_assert_int_eq(fdt_setprop(t, n, "interrupt-controller", NULL, 0), 0);
}

/*
 * Interrupt parents other than the GIC, found by phandle as libfdt finds
 * them: the first node in the tree that claims the phandle, and none for the
 * values that are no phandle (0 and 0xffffffff).
 */
START_TEST(interrupt_parents_by_phandle)
{
	void *t = rw_tree();
	uint32_t ext[3] = { cpu_to_fdt32(0x9001), cpu_to_fdt32(5), cpu_to_fdt32(1) };
	struct gp_machine m;
	struct gp_error err;
	int rc;

	/* Added as first children: "ctl-two" comes first, and its two cells are the ones read. */
	add_controller(t, "ctl-one", 0x9001, 1);
	add_controller(t, "ctl-two", 0x9001, 2);
	ck_assert_int_lt(fdt_path_offset(t, "/ctl-two"), fdt_path_offset(t, "/ctl-one"));
	ck_assert_int_eq(fdt_setprop(t, node(t, uart_path()), "interrupts-extended", ext,
				     sizeof(ext)),
			 0);
	ck_assert_int_eq(fdt_delprop(t, node(t, uart_path()), "interrupts"), 0);
	ck_assert_int_eq(fdt_pack(t), 0);
	gp_error_init(&err);
	rc = gp_dt_read(t, fdt_totalsize(t), SOURCE, &m, &err);
	ck_assert_msg(rc == 0, "%s", err.msg);
	/* The UART's one interrupt goes to that controller, not to the GIC. */
	for (size_t i = 0; i < m.nr_devices; i++)
		if (strcmp(gp_mach_str(&m, m.devices[i].path), uart_path()) == 0)
			ck_assert_uint_eq(m.devices[i].nr_irq, 0);
	gp_machine_free(&m);
	free(t);
	/* With its interrupts kept as well, interrupts-extended still takes precedence. */
	t = rw_tree();
	add_controller(t, "ctl", 0x9001, 2);
	ck_assert_int_eq(fdt_setprop(t, node(t, uart_path()), "interrupts-extended", ext,
				     sizeof(ext)),
			 0);
	ck_assert_ptr_nonnull(fdt_getprop(t, node(t, uart_path()), "interrupts", NULL));
	ck_assert_int_eq(fdt_pack(t), 0);
	gp_error_init(&err);
	rc = gp_dt_read(t, fdt_totalsize(t), SOURCE, &m, &err);
	ck_assert_msg(rc == 0, "%s", err.msg);
	for (size_t i = 0; i < m.nr_devices; i++)
		if (strcmp(gp_mach_str(&m, m.devices[i].path), uart_path()) == 0)
			ck_assert_uint_eq(m.devices[i].nr_irq, 0);
	gp_machine_free(&m);
	free(t);
	/* 0xffffffff is no phandle, even on a node that says so. */
	t = rw_tree();
	add_controller(t, "ctl-all-ones", UINT32_MAX, 2);
	ext[0] = cpu_to_fdt32(UINT32_MAX);
	ck_assert_int_eq(fdt_setprop(t, node(t, uart_path()), "interrupts-extended", ext,
				     sizeof(ext)),
			 0);
	REFUSED_TREE(t, "interrupts-extended", "phandle 0xffffffff");
}
END_TEST

START_TEST(nodes_nested_too_deep)
{
	void *t = x_fdt_writable(base_blob, 64 * 1024);
	int parent = 0;

	for (int depth = 0; depth < 80; depth++) {
		parent = fdt_add_subnode(t, parent, "n");
		ck_assert_int_ge(parent, 0);
	}
	REFUSED_TREE(t, "deeper");
}
END_TEST

/* Inputs the fuzzers found: read, then verified and audited as the CLI would. Must not crash. */
START_TEST(fuzz_regressions)
{
	DIR *d = opendir(HOSTILE_DIR "/dt");
	struct dirent *e;
	int seen = 0;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)) != NULL) {
		char path[PATH_MAX];
		struct gp_input in;
		struct gp_error err;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/dt/%s", HOSTILE_DIR, e->d_name);
		gp_error_init(&err);
		if (gp_input_load(path, &(struct gp_input_options){ 0 }, &in, &err) == 0) {
			struct gp_verify_options o = { .profile = GIC_PROFILE_ARCH,
						       .ipa_bits = in.ipa_bits };
			struct gp_verify_result *r = malloc(sizeof(*r));
			struct gp_audit a;

			ck_assert_ptr_nonnull(r);
			ck_assert_int_eq(gp_verify(&in.m, &in.v, &o, r, &err), 0);
			ck_assert_int_eq(gp_audit(&in, &in, &a, &err), 0);
			ck_assert_uint_eq(a.n, 0); /* a tree is always compatible with itself */
			gp_audit_free(&a);
			free(r);
		} else {
			ck_assert_int_eq(err.exit_code, GP_EXIT_USAGE);
			ck_assert_msg(strstr(err.msg, e->d_name) != NULL, "%s", err.msg);
		}
		gp_input_free(&in);
		seen++;
	}
	closedir(d);
	ck_assert_int_gt(seen, 0);
}
END_TEST

/* ---- JSON ----------------------------------------------------------------------------- */

static json_t *base_plan_json(void)
{
	return gp_plan_to_json(base_plan);
}

/* Plan text of @root must be refused with exit 2 naming @path. */
static void plan_refused(json_t *root, const char *path)
{
	size_t len;
	char *text = gp_json_dump(root, &len);
	struct gp_plan *plan = malloc(sizeof(*plan));
	struct gp_error err;

	gp_error_init(&err);
	ck_assert_int_lt(gp_plan_from_json("hostile.json", text, len, plan, &err), 0);
	ck_assert_int_eq(err.exit_code, GP_EXIT_USAGE);
	ck_assert_msg(strncmp(err.msg, "hostile.json: ", 14) == 0, "%s", err.msg);
	ck_assert_msg(strstr(err.msg, path) != NULL, "message lacks \"%s\": %s", path, err.msg);
	free(plan);
	free(text);
	json_decref(root);
}

START_TEST(plan_json_values)
{
	json_t *r;

	r = base_plan_json();
	json_object_set_new(json_object_get(r, "request"), "cpus", json_integer(0));
	plan_refused(r, "$.request.cpus");
	r = base_plan_json();
	json_object_set_new(json_object_get(r, "request"), "cpus", json_integer(UINT32_MAX + 1LL));
	plan_refused(r, "$.request.cpus");
	r = base_plan_json();
	json_object_set_new(json_object_get(r, "request"), "cpus", json_string("40"));
	plan_refused(r, "$.request.cpus");
	r = base_plan_json();
	json_object_set_new(json_object_get(r, "request"), "ipa_bits", json_integer(31));
	plan_refused(r, "$.request.ipa_bits");
	r = base_plan_json();
	json_object_set_new(json_object_get(r, "request"), "ipa_bits", json_integer(53));
	plan_refused(r, "$.request.ipa_bits");
	r = base_plan_json();
	json_object_set_new(json_object_get(r, "request"), "spis", json_integer(33));
	plan_refused(r, "$.request.spis");
	r = base_plan_json();
	json_object_set_new(json_object_get(r, "request"), "ram", json_integer(-4096));
	plan_refused(r, "$.request.ram");
	r = base_plan_json();
	json_object_set_new(json_object_get(r, "request"), "ram", json_real(1e30));
	plan_refused(r, "$.request.ram");
	r = base_plan_json();
	json_object_set_new(json_object_get(r, "request"), "ram", json_string("0x1ffffffffffffffff"));
	plan_refused(r, "$.request.ram");
	r = base_plan_json();
	json_object_set_new(r, "surplus", json_true());
	plan_refused(r, "$.surplus");
	r = base_plan_json();
	json_object_set_new(json_object_get(r, "gic"), "gicd", json_string("0xffffffffffff0000"));
	plan_refused(r, "hostile.json");
}
END_TEST

START_TEST(plan_json_regions_that_wrap_or_lie)
{
	json_t *r = base_plan_json(), *region;

	region = json_array_get(json_object_get(json_object_get(r, "gic"), "redist_regions"), 0);
	json_object_set_new(region, "base", json_string("0xfffffffffff00000"));
	json_object_del(r, "regions");
	json_object_del(r, "kvm");
	plan_refused(r, "hostile.json");
	r = base_plan_json();
	region = json_array_get(json_object_get(json_object_get(r, "gic"), "redist_regions"), 0);
	json_object_set_new(region, "count", json_integer(4000000000LL));
	json_object_del(r, "regions");
	json_object_del(r, "kvm");
	plan_refused(r, "hostile.json");
	r = base_plan_json();
	region = json_array_get(json_object_get(r, "regions"), 0);
	json_object_set_new(region, "base", json_string("0x1000"));
	plan_refused(r, "$.regions");
}
END_TEST

START_TEST(plan_json_syntax)
{
	static const char *const texts[] = { "", "{", "[]", "null", "{\"format\": 1}",
					     "{\"format\":\"gicplan-plan\",\"format\":\"x\"}" };

	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		struct gp_plan *plan = malloc(sizeof(*plan));
		struct gp_error err;

		gp_error_init(&err);
		ck_assert_int_lt(gp_plan_from_json("hostile.json", texts[i], strlen(texts[i]), plan,
						   &err), 0);
		ck_assert_int_eq(err.exit_code, GP_EXIT_USAGE);
		ck_assert_msg(strncmp(err.msg, "hostile.json: ", 14) == 0, "%s", err.msg);
		free(plan);
	}
}
END_TEST

/* Layout text edited from the bundled virt.json must be refused at @path. */
static void layout_refused(json_t *root, const char *path)
{
	size_t len;
	char *text = gp_json_dump(root, &len);
	struct gp_platform *p = malloc(sizeof(*p));
	struct gp_error err;

	gp_error_init(&err);
	ck_assert_int_lt(gp_platform_parse("hostile.json", text, len, p, &err), 0);
	ck_assert_int_eq(err.exit_code, GP_EXIT_USAGE);
	ck_assert_msg(strstr(err.msg, path) != NULL, "message lacks \"%s\": %s", path, err.msg);
	free(p);
	free(text);
	json_decref(root);
}

static json_t *virt_json(void)
{
	json_error_t jerr;
	json_t *root = json_load_file(GICPLAN_SOURCE_DIR "/layouts/virt.json", 0, &jerr);

	ck_assert_ptr_nonnull(root);
	return root;
}

START_TEST(layout_json_values)
{
	json_t *r, *dev;

	r = virt_json();
	json_object_set_new(r, "ipa_bits", json_integer(31));
	layout_refused(r, "$.ipa_bits");
	r = virt_json();
	json_object_set_new(r, "ipa_bits", json_integer(53));
	layout_refused(r, "$.ipa_bits");
	r = virt_json();
	json_object_set_new(r, "version", json_integer(-1));
	layout_refused(r, "$.version");
	r = virt_json();
	dev = json_array_get(json_object_get(r, "devices"), 1);
	json_object_set_new(dev, "base", json_string("0xfffffffffffff000"));
	layout_refused(r, "$.devices[1]");
	r = virt_json();
	dev = json_array_get(json_object_get(r, "devices"), 1);
	json_object_set_new(dev, "count", json_integer(1LL << 40));
	layout_refused(r, "$.devices[1].count");
	r = virt_json();
	dev = json_array_get(json_object_get(r, "devices"), 1);
	json_object_set_new(dev, "size", json_string("16EiB"));
	layout_refused(r, "$.devices[1].size");
	r = virt_json();
	json_object_set_new(json_object_get(r, "gic"), "spis", json_integer(-32));
	layout_refused(r, "$.gic.spis");
}
END_TEST

/* ---- arithmetic at the edges ---------------------------------------------------------- */

START_TEST(huge_cpu_counts_never_overflow)
{
	static const uint64_t counts[] = { UINT32_MAX, (1ull << 31) + 1, 1ull << 28,
					   (1ull << 28) + 1, 33554431, 4194305, 1048577 };

	for (size_t i = 0; i < sizeof(counts) / sizeof(counts[0]); i++)
		for (unsigned ipa = GP_IPA_BITS_MIN; ipa <= GP_IPA_BITS_MAX; ipa += 4)
			for (unsigned v = 3; v <= 4; v++) {
				struct gp_request req = { .cpus = counts[i], .gic_version = v,
							  .its = -1, .ipa_bits = ipa,
							  .virtualization = -1 };
				struct gp_plan *plan = malloc(sizeof(*plan));
				struct gp_error err;

				gp_error_init(&err);
				if (gp_plan_make(platform, &req, plan, &err) == 0) {
					uint64_t bound = gp_emit_fdt_size_bound(plan);
					void *blob = NULL;
					size_t len;

					/* A plan that holds them is a consistent one... */
					ck_assert_int_eq(gp_plan_check(plan, GP_EXIT_INFEASIBLE, &err), 0);
					/* ...whose tree size is bounded without wrapping... */
					ck_assert(bound == 0 || bound > counts[i]);
					/* ...and refused, not wrapped, past libfdt's limit. */
					if (bound == 0 || bound > INT_MAX) {
						ck_assert_int_lt(gp_emit_fdt(plan, &blob, &len, &err), 0);
						ck_assert_int_eq(err.exit_code, GP_EXIT_INFEASIBLE);
						ck_assert_ptr_null(blob);
					}
				} else {
					ck_assert_msg(err.exit_code == GP_EXIT_INFEASIBLE, "%u-bit, "
						      "GICv%u, %" PRIu64 ": exit %d: %s", ipa, v,
						      counts[i], err.exit_code, err.msg);
				}
				free(plan);
			}
}
END_TEST

static Suite *hostile_suite(void)
{
	Suite *s = suite_create("hostile");
	TCase *dt = tcase_create("device trees"), *js = tcase_create("json");
	TCase *ar = tcase_create("arithmetic");

	tcase_add_checked_fixture(dt, setup, teardown);
	tcase_add_checked_fixture(js, setup, teardown);
	tcase_add_checked_fixture(ar, setup, teardown);
	tcase_set_timeout(ar, 60);
	tcase_add_test(dt, truncated_blobs);
	tcase_add_test(dt, header_lies);
	tcase_add_test(dt, oversized_blob_is_read_to_totalsize);
	tcase_add_test(dt, bad_root_cells);
	tcase_add_test(dt, cells_of_the_wrong_length);
	tcase_add_test(dt, the_gic_interrupt_cells);
	tcase_add_test(dt, missing_and_duplicate_nodes);
	tcase_add_test(dt, regions_that_wrap);
	tcase_add_test(dt, interrupt_references_that_lie);
	tcase_add_test(dt, interrupt_parents_by_phandle);
	tcase_add_test(dt, nodes_nested_too_deep);
	tcase_add_test(dt, fuzz_regressions);
	tcase_add_test(js, plan_json_values);
	tcase_add_test(js, plan_json_regions_that_wrap_or_lie);
	tcase_add_test(js, plan_json_syntax);
	tcase_add_test(js, layout_json_values);
	tcase_add_test(ar, huge_cpu_counts_never_overflow);
	suite_add_tcase(s, dt);
	suite_add_tcase(s, js);
	suite_add_tcase(s, ar);
	return s;
}

int main(void)
{
	return x_run_suite(hostile_suite(), true);
}
