/* SPDX-License-Identifier: MIT */
/*
 * The blob writer: what it writes is what libfdt reads back (fdt_check_full,
 * then every node and property), names are kept once and found by their text,
 * its errors stick, and the same calls through libfdt's own sequential writer
 * (fdt_sw) give the same tree.
 */
#include <check.h>
#include <libfdt.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fdt_writer.h"
#include "xrun.h"

static const char value[] = "a value that is not a multiple of four";

START_TEST(libfdt_reads_what_it_writes)
{
	struct gp_fdt_writer w;
	void *blob = NULL;
	size_t len = 0;
	fdt32_t cell = cpu_to_fdt32(0x12345678);
	char name[16];
	const void *p;
	int node, plen;

	ck_assert_int_eq(gp_fdt_writer_init(&w, 16, INT_MAX), GP_FDT_OK);
	gp_fdt_begin_node(&w, "");
	gp_fdt_property(&w, "#address-cells", &cell, sizeof(cell));
	gp_fdt_property(&w, "empty", NULL, 0);
	for (int i = 0; i < 100; i++) {
		snprintf(name, sizeof(name), "child@%x", i);
		gp_fdt_begin_node(&w, name);
		/* The same name from a different buffer must land on the same string. */
		strcpy(name, "compatible");
		gp_fdt_property(&w, name, value, sizeof(value));
		gp_fdt_property(&w, "reg", &cell, sizeof(cell));
		gp_fdt_end_node(&w);
	}
	gp_fdt_end_node(&w);
	ck_assert_int_eq(gp_fdt_finish(&w, &blob, &len), GP_FDT_OK);
	ck_assert_uint_eq(len, fdt_totalsize(blob));
	ck_assert_int_eq(fdt_check_full(blob, len), 0);
	/* Names are stored once: four distinct names, with their NULs. */
	ck_assert_uint_eq(fdt_size_dt_strings(blob), sizeof("#address-cells") + sizeof("empty") +
							sizeof("compatible") + sizeof("reg"));
	p = fdt_getprop(blob, 0, "#address-cells", &plen);
	ck_assert_int_eq(plen, 4);
	ck_assert_uint_eq(fdt32_ld(p), 0x12345678);
	ck_assert_ptr_nonnull(fdt_getprop(blob, 0, "empty", &plen));
	ck_assert_int_eq(plen, 0);
	node = fdt_path_offset(blob, "/child@63");
	ck_assert_int_ge(node, 0);
	p = fdt_getprop(blob, node, "compatible", &plen);
	ck_assert_int_eq(plen, (int)sizeof(value));
	ck_assert_str_eq(p, value);
	node = fdt_path_offset(blob, "/child@0");
	ck_assert_int_ge(node, 0);
	ck_assert_int_eq(fdt_next_subnode(blob, fdt_path_offset(blob, "/child@63")),
			 -FDT_ERR_NOTFOUND);
	free(blob);
}
END_TEST

START_TEST(nesting_errors_stick)
{
	struct gp_fdt_writer w;
	void *blob = NULL;
	size_t len = 0;

	gp_fdt_writer_init(&w, 0, INT_MAX);
	gp_fdt_end_node(&w);
	gp_fdt_begin_node(&w, "");
	gp_fdt_end_node(&w);
	ck_assert_int_eq(gp_fdt_finish(&w, &blob, &len), GP_FDT_ENESTING);
	ck_assert_ptr_null(blob);
	gp_fdt_writer_init(&w, 0, INT_MAX);
	gp_fdt_begin_node(&w, "");
	ck_assert_int_eq(gp_fdt_finish(&w, &blob, &len), GP_FDT_ENESTING);
	ck_assert_ptr_null(blob);
}
END_TEST

START_TEST(size_limit)
{
	struct gp_fdt_writer w;
	void *blob = NULL;
	size_t len = 0;
	int i;

	gp_fdt_writer_init(&w, 0, 4096);
	gp_fdt_begin_node(&w, "");
	for (i = 0; i < 1000 && w.err == GP_FDT_OK; i++)
		gp_fdt_property(&w, "p", value, sizeof(value));
	ck_assert_int_lt(i, 1000);
	gp_fdt_end_node(&w);
	ck_assert_int_eq(gp_fdt_finish(&w, &blob, &len), GP_FDT_ETOOBIG);
	ck_assert_ptr_null(blob);
}
END_TEST

START_TEST(too_many_names)
{
	struct gp_fdt_writer w;
	void *blob = NULL;
	size_t len = 0;
	char name[GP_FDT_NAMES_MAX + 2][16];

	gp_fdt_writer_init(&w, 0, INT_MAX);
	gp_fdt_begin_node(&w, "");
	for (int i = 0; i < GP_FDT_NAMES_MAX + 1; i++) {
		snprintf(name[i], sizeof(name[i]), "p%d", i);
		gp_fdt_property(&w, name[i], NULL, 0);
	}
	gp_fdt_end_node(&w);
	ck_assert_int_eq(gp_fdt_finish(&w, &blob, &len), GP_FDT_ENAMES);
	ck_assert_str_ne(gp_fdt_strerror(GP_FDT_ENAMES), gp_fdt_strerror(GP_FDT_OK));
}
END_TEST

/*
 * Two names built in turn in one buffer: both are kept, each with its own
 * value (a writer that keyed names by address would store the first twice).
 */
START_TEST(one_buffer_two_names)
{
	struct gp_fdt_writer w;
	void *blob = NULL;
	size_t len = 0;
	char name[32];
	const struct fdt_property *prop;
	const char *v;
	int off, plen;

	ck_assert_int_eq(gp_fdt_writer_init(&w, 0, INT_MAX), GP_FDT_OK);
	gp_fdt_begin_node(&w, "");
	strcpy(name, "first");
	gp_fdt_property(&w, name, "1", 2);
	strcpy(name, "second");
	gp_fdt_property(&w, name, "2", 2);
	gp_fdt_end_node(&w);
	ck_assert_int_eq(gp_fdt_finish(&w, &blob, &len), GP_FDT_OK);
	ck_assert_int_eq(fdt_check_full(blob, len), 0);
	v = fdt_getprop(blob, 0, "first", &plen);
	ck_assert_ptr_nonnull(v);
	ck_assert_str_eq(v, "1");
	v = fdt_getprop(blob, 0, "second", &plen);
	ck_assert_ptr_nonnull(v);
	ck_assert_str_eq(v, "2");
	/* In the order written, each under its own name. */
	off = fdt_first_property_offset(blob, 0);
	prop = fdt_get_property_by_offset(blob, off, &plen);
	ck_assert_ptr_nonnull(prop);
	ck_assert_str_eq(fdt_string(blob, (int)fdt32_to_cpu(prop->nameoff)), "first");
	off = fdt_next_property_offset(blob, off);
	prop = fdt_get_property_by_offset(blob, off, &plen);
	ck_assert_ptr_nonnull(prop);
	ck_assert_str_eq(fdt_string(blob, (int)fdt32_to_cpu(prop->nameoff)), "second");
	ck_assert_int_eq(fdt_next_property_offset(blob, off), -FDT_ERR_NOTFOUND);
	free(blob);
}
END_TEST

/*
 * The same calls through both writers at once: gicplan's and libfdt's
 * sequential writer (fdt_create ... fdt_finish) in a buffer of its own.
 */
struct both {
	struct gp_fdt_writer w;
	void *sw;
	unsigned long calls;
};

static void both_init(struct both *b, size_t size)
{
	ck_assert_int_eq(gp_fdt_writer_init(&b->w, 0, INT_MAX), GP_FDT_OK);
	b->sw = calloc(1, size);
	ck_assert_ptr_nonnull(b->sw);
	ck_assert_int_eq(fdt_create(b->sw, (int)size), 0);
	ck_assert_int_eq(fdt_finish_reservemap(b->sw), 0);
	b->calls = 0;
}

static void both_begin(struct both *b, const char *name)
{
	gp_fdt_begin_node(&b->w, name);
	ck_assert_int_eq(fdt_begin_node(b->sw, name), 0);
	b->calls++;
}

static void both_end(struct both *b)
{
	gp_fdt_end_node(&b->w);
	ck_assert_int_eq(fdt_end_node(b->sw), 0);
	b->calls++;
}

static void both_prop(struct both *b, const char *name, const void *val, size_t len)
{
	gp_fdt_property(&b->w, name, val, len);
	ck_assert_int_eq(fdt_property(b->sw, name, val, (int)len), 0);
	b->calls++;
}

static void both_u32(struct both *b, const char *name, uint32_t v)
{
	fdt32_t be = cpu_to_fdt32(v);

	both_prop(b, name, &be, sizeof(be));
}

static void both_u64(struct both *b, const char *name, uint64_t v)
{
	fdt64_t be = cpu_to_fdt64(v);

	both_prop(b, name, &be, sizeof(be));
}

static void both_str(struct both *b, const char *name, const char *s)
{
	both_prop(b, name, s, strlen(s) + 1);
}

/*
 * Every property name of @blob is stored once: properties of one name share
 * one name offset, and the strings block holds the distinct names alone.
 */
static void names_once(const void *blob)
{
	uint32_t seen[GP_FDT_NAMES_MAX];
	size_t nr_seen = 0, bytes = 0;
	int node, prop;

	for (node = 0; node >= 0; node = fdt_next_node(blob, node, NULL)) {
		fdt_for_each_property_offset(prop, blob, node) {
			const struct fdt_property *p = fdt_get_property_by_offset(blob, prop, NULL);
			uint32_t off = fdt32_to_cpu(p->nameoff);
			const char *name = fdt_string(blob, (int)off);
			bool known = false;

			for (size_t i = 0; i < nr_seen && !known; i++) {
				known = seen[i] == off;
				EXPECT(known || strcmp(fdt_string(blob, (int)seen[i]), name) != 0,
				       "name %s stored twice", name);
			}
			if (!known) {
				ck_assert_uint_lt(nr_seen, GP_FDT_NAMES_MAX);
				seen[nr_seen++] = off;
				bytes += strlen(name) + 1;
			}
		}
	}
	ck_assert_uint_eq(bytes, fdt_size_dt_strings(blob));
}

/*
 * Trees @a and @b are the same: header version fields, then node by node in
 * document order the depth and name, then property by property the name and
 * value. Their structure blocks have the same size (the same tags, names,
 * values and padding; only name offsets may differ, libfdt sharing a name's
 * tail with a longer one). Returns the number of properties compared.
 */
static unsigned long same_tree(const void *a, const void *b)
{
	unsigned long props = 0;
	int na = 0, nb = 0, da = 0, db = 0;

	ck_assert_int_eq(fdt_check_full(a, fdt_totalsize(a)), 0);
	ck_assert_int_eq(fdt_check_full(b, fdt_totalsize(b)), 0);
	ck_assert_uint_eq(fdt_version(a), fdt_version(b));
	ck_assert_uint_eq(fdt_last_comp_version(a), fdt_last_comp_version(b));
	ck_assert_uint_eq(fdt_boot_cpuid_phys(a), fdt_boot_cpuid_phys(b));
	ck_assert_int_eq(fdt_num_mem_rsv(a), fdt_num_mem_rsv(b));
	ck_assert_uint_eq(fdt_size_dt_struct(a), fdt_size_dt_struct(b));
	for (;;) {
		int pa, pb;

		EXPECT(na >= 0 && nb >= 0 && da == db, "node %d (depth %d) vs %d (depth %d)",
		       na, da, nb, db);
		EXPECT(strcmp(fdt_get_name(a, na, NULL), fdt_get_name(b, nb, NULL)) == 0,
		       "node %s vs %s", fdt_get_name(a, na, NULL), fdt_get_name(b, nb, NULL));
		pa = fdt_first_property_offset(a, na);
		pb = fdt_first_property_offset(b, nb);
		while (pa >= 0 || pb >= 0) {
			const char *name_a, *name_b;
			const void *va, *vb;
			int la, lb;

			EXPECT(pa >= 0 && pb >= 0, "node %s: property counts differ",
			       fdt_get_name(a, na, NULL));
			va = fdt_getprop_by_offset(a, pa, &name_a, &la);
			vb = fdt_getprop_by_offset(b, pb, &name_b, &lb);
			ck_assert_ptr_nonnull(va);
			ck_assert_ptr_nonnull(vb);
			EXPECT(strcmp(name_a, name_b) == 0 && la == lb && memcmp(va, vb, (size_t)la) == 0,
			       "node %s: property %s (%d bytes) vs %s (%d bytes)",
			       fdt_get_name(a, na, NULL), name_a, la, name_b, lb);
			props++;
			pa = fdt_next_property_offset(a, pa);
			pb = fdt_next_property_offset(b, pb);
		}
		ck_assert_int_eq(pa, -FDT_ERR_NOTFOUND);
		ck_assert_int_eq(pb, -FDT_ERR_NOTFOUND);
		/* Past the root's end, libfdt's depth turns negative. */
		na = fdt_next_node(a, na, &da);
		nb = fdt_next_node(b, nb, &db);
		if (da < 0 || db < 0) {
			ck_assert_int_eq(da, db);
			break;
		}
	}
	return props;
}

/* Close both, compare the trees; returns the number of properties compared. */
static unsigned long both_finish(struct both *b)
{
	void *blob = NULL;
	size_t len = 0;
	unsigned long props;

	ck_assert_int_eq(gp_fdt_finish(&b->w, &blob, &len), GP_FDT_OK);
	ck_assert_int_eq(fdt_finish(b->sw), 0);
	ck_assert_uint_eq(len, fdt_totalsize(blob));
	props = same_tree(blob, b->sw);
	names_once(blob);
	free(blob);
	free(b->sw);
	return props;
}

/* A libfdt sequential-write buffer big enough for every tree here. */
#define SW_BUF_SIZE (4u << 20)
#define MANY_CPUS 2048
#define CPU_PHANDLE0 0x100

START_TEST(same_tree_as_libfdt)
{
	/* Lengths 0 to 10 cross every padding to the next 32-bit boundary. */
	static const char bytes[] = "0123456789";
	/* Names of 7, 8, 15, 16 and 17 characters, and long ones differing in the middle only. */
	static const char *const edge_names[] = {
		"phandle", "property", "interrupt-names", "interrupt-parent",
		"#interrupt-cells", "#redistributor-regions", "#redistributor-regionz",
		"linux,pci-domain-one-of-two", "linux,pci-domain-two-of-two", "cells", "-cells",
	};
	struct both b;
	char unit[32];
	unsigned long props;

	both_init(&b, SW_BUF_SIZE);
	both_begin(&b, "");
	both_u32(&b, "#address-cells", 2);
	both_u32(&b, "#size-cells", 2);
	both_str(&b, "model", "gicplan differential");
	both_str(&b, "compatible", "linux,dummy-virt");
	both_prop(&b, "dma-coherent", NULL, 0);
	both_begin(&b, "sizes");
	for (size_t n = 0; n < sizeof(bytes); n++) {
		snprintf(unit, sizeof(unit), "len-%zu", n);
		both_prop(&b, unit, bytes, n);
	}
	both_end(&b);
	both_begin(&b, "names");
	for (size_t i = 0; i < sizeof(edge_names) / sizeof(edge_names[0]); i++)
		both_u32(&b, edge_names[i], (uint32_t)i);
	both_end(&b);
	both_begin(&b, "a");
	both_begin(&b, "b@0");
	both_begin(&b, "c@1000");
	both_u64(&b, "reg", 0x123456789abcdef0u);
	both_prop(&b, "empty", "", 0);
	both_end(&b);
	both_end(&b);
	both_begin(&b, "b@1");
	both_end(&b);
	both_end(&b);
	both_begin(&b, "cpus");
	both_u32(&b, "#address-cells", 1);
	both_u32(&b, "#size-cells", 0);
	for (uint32_t i = 0; i < MANY_CPUS; i++) {
		snprintf(unit, sizeof(unit), "cpu@%x", i);
		both_begin(&b, unit);
		both_str(&b, "device_type", "cpu");
		both_str(&b, "compatible", "arm,armv8");
		both_u32(&b, "reg", i);
		both_str(&b, "enable-method", "psci");
		both_u32(&b, "phandle", CPU_PHANDLE0 + i);
		both_end(&b);
	}
	both_end(&b);
	both_end(&b);
	props = both_finish(&b);
	ck_assert_uint_eq(props, 5 + sizeof(bytes) + sizeof(edge_names) / sizeof(edge_names[0]) +
					 2 + 2 + 5 * MANY_CPUS);
}
END_TEST

/* Marsaglia's xorshift64 (shifts 13, 7, 17): a deterministic sequence from a fixed seed. */
static uint64_t next_random(uint64_t *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 7;
	*state ^= *state << 17;
	return *state;
}

static uint32_t below(uint64_t *state, uint32_t n)
{
	return (uint32_t)(next_random(state) % n);
}

#define RANDOM_SEED 0x6d1c0ffee5eedu
#define RANDOM_CALLS 600
#define RANDOM_DEPTH_MAX 6
#define RANDOM_VALUE_MAX 40

/*
 * A seeded random sequence of calls: nodes opened and closed at random depths,
 * properties named from a pool (prefixes and tails of one another, long names
 * alike at both ends), each built in one reused buffer, with values of random
 * length and bytes, cells, 64-bit cells and strings.
 */
START_TEST(same_tree_as_libfdt_random)
{
	static const char *const pool[] = {
		"reg", "ranges", "dma-ranges", "compatible", "status", "phandle", "linux,phandle",
		"cells", "#address-cells", "#size-cells", "#interrupt-cells", "interrupts",
		"interrupt-map", "interrupt-map-mask", "interrupts-extended", "clocks",
		"clock-names", "msi-map", "msi-map-mask", "msi-parent", "device_type",
		"enable-method", "cpu-release-addr", "x", "xy", "xyz", "abcdefgh", "abcdefghi",
		"vendor,aaaaaaaa-a-zzzzzzzz", "vendor,aaaaaaaa-b-zzzzzzzz",
		"vendor,aaaaaaaa-ab-zzzzzzzz",
	};
	enum { NR_POOL = sizeof(pool) / sizeof(pool[0]) };
	_Static_assert(NR_POOL <= 64, "a node's used names fit a 64-bit mask");
	uint64_t state = RANDOM_SEED, used[RANDOM_DEPTH_MAX + 1] = { 0 };
	bool has_child[RANDOM_DEPTH_MAX + 1] = { false };
	unsigned char val[RANDOM_VALUE_MAX];
	char name[64], node_name[32];
	unsigned nodes = 0;
	unsigned long props = 0;
	int depth = 0;
	struct both b;

	both_init(&b, SW_BUF_SIZE);
	both_begin(&b, "");
	while (b.calls < RANDOM_CALLS) {
		uint32_t pick = below(&state, 10);
		uint32_t k;

		if (pick == 0 && depth < RANDOM_DEPTH_MAX) {
			snprintf(node_name, sizeof(node_name), "node@%x", nodes++);
			both_begin(&b, node_name);
			has_child[depth] = true;
			used[++depth] = 0;
			has_child[depth] = false;
			continue;
		}
		if (pick == 1 && depth > 0) {
			both_end(&b);
			depth--;
			continue;
		}
		/* A node's properties come before its children, once each. */
		k = below(&state, NR_POOL);
		if (has_child[depth] || used[depth] & (uint64_t)1 << k)
			continue;
		used[depth] |= (uint64_t)1 << k;
		props++;
		strcpy(name, pool[k]);
		switch (below(&state, 4)) {
		case 0:
			both_u32(&b, name, (uint32_t)next_random(&state));
			break;
		case 1:
			both_u64(&b, name, next_random(&state));
			break;
		case 2:
			both_str(&b, name, pool[below(&state, NR_POOL)]);
			break;
		default: {
			size_t n = below(&state, RANDOM_VALUE_MAX + 1);

			for (size_t i = 0; i < n; i++)
				val[i] = (unsigned char)next_random(&state);
			both_prop(&b, name, val, n);
		}
		}
		/* The buffer is reused: whatever it held must not matter any more. */
		memset(name, '?', sizeof(name) - 1);
		name[sizeof(name) - 1] = '\0';
	}
	while (depth-- > 0)
		both_end(&b);
	both_end(&b);
	ck_assert_uint_gt(nodes, 10);
	ck_assert_uint_eq(both_finish(&b), props);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("fdt_writer");
	TCase *tc = tcase_create("writer");

	tcase_add_test(tc, libfdt_reads_what_it_writes);
	tcase_add_test(tc, nesting_errors_stick);
	tcase_add_test(tc, size_limit);
	tcase_add_test(tc, too_many_names);
	tcase_add_test(tc, one_buffer_two_names);
	tcase_add_test(tc, same_tree_as_libfdt);
	tcase_add_test(tc, same_tree_as_libfdt_random);
	suite_add_tcase(s, tc);
	return x_run_suite(s, true);
}
