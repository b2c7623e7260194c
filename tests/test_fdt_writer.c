/* SPDX-License-Identifier: MIT */
/*
 * The blob writer: what it writes is what libfdt reads back (fdt_check_full,
 * then every node and property), names are kept once and found by their text,
 * and its errors stick.
 */
#include <check.h>
#include <libfdt.h>
#include <limits.h>
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

int main(void)
{
	Suite *s = suite_create("fdt_writer");
	TCase *tc = tcase_create("writer");

	tcase_add_test(tc, libfdt_reads_what_it_writes);
	tcase_add_test(tc, nesting_errors_stick);
	tcase_add_test(tc, size_limit);
	tcase_add_test(tc, too_many_names);
	tcase_add_test(tc, one_buffer_two_names);
	suite_add_tcase(s, tc);
	return x_run_suite(s, true);
}
