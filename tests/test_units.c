/* SPDX-License-Identifier: MIT */
/* Sizes for people and the XML gicplan writes for CI (JUnit). */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "junit.h"
#include "units.h"
#include "xrun.h"

static const char *size(uint64_t v)
{
	static char buf[GP_SIZE_STR_MAX];

	return gp_size_str(buf, sizeof(buf), v);
}

START_TEST(whole_sizes_in_their_largest_unit)
{
	ck_assert_str_eq(size(0), "0 B");
	ck_assert_str_eq(size(24), "24 B");
	ck_assert_str_eq(size(1023), "1023 B");
	ck_assert_str_eq(size(1024), "1 KiB");
	ck_assert_str_eq(size(128 * 1024), "128 KiB");
	ck_assert_str_eq(size(16 << 20), "16 MiB");
	ck_assert_str_eq(size(UINT64_C(1) << 30), "1 GiB");
	ck_assert_str_eq(size(UINT64_C(128) << 30), "128 GiB");
	ck_assert_str_eq(size(UINT64_C(3) << 40), "3 TiB");
	/* 2^63: no unit above TiB, so a count of TiB. */
	ck_assert_str_eq(size(UINT64_C(1) << 63), "8388608 TiB");
}
END_TEST

START_TEST(other_sizes_with_one_decimal)
{
	/* QEMU's legacy window after the ITS: 0x7f60000 = 127.375 MiB. */
	ck_assert_str_eq(size(0x7f60000), "127.4 MiB");
	ck_assert_str_eq(size(1536), "1.5 KiB");
	ck_assert_str_eq(size(0x2eef0000), "750.9 MiB");
	/* Rounded to nearest: 1.04 KiB is 1.0, not 1. */
	ck_assert_str_eq(size(1065), "1.0 KiB");
	/* 1023.96 KiB rounds to 1024.0 KiB: that is 1.0 MiB. */
	ck_assert_str_eq(size((1 << 20) - 40), "1.0 MiB");
	ck_assert_str_eq(size(UINT64_MAX), "16777216.0 TiB");
}
END_TEST

START_TEST(exact_size_beside)
{
	char buf[GP_SIZE_STR_MAX];

	ck_assert_str_eq(gp_size_exact_str(buf, sizeof(buf), 0x7f60000), "0x7f60000 (127.4 MiB)");
	ck_assert_str_eq(gp_size_exact_str(buf, sizeof(buf), 0x18), "0x18 (24 B)");
	ck_assert_str_eq(gp_size_exact_str(buf, sizeof(buf), UINT64_MAX),
			 "0xffffffffffffffff (16777216.0 TiB)");
}
END_TEST

/* What gp_junit_write writes for @s, as a string (caller frees). */
static char *junit_text(const struct gp_junit_suite *s)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	ck_assert_ptr_nonnull(f);
	gp_junit_write(f, s, 1);
	ck_assert_int_eq(fclose(f), 0);
	return text;
}

START_TEST(junit_escapes_markup_and_controls)
{
	struct gp_junit_suite s;
	char *text;

	ck_assert_int_eq(gp_junit_error("verify", 2, "a<b>&\"c'\x01\td", &s), 0);
	text = junit_text(&s);
	ck_assert_ptr_nonnull(strstr(text, "message=\"a&lt;b&gt;&amp;&quot;c&apos;?&#9;d\""));
	ck_assert_ptr_null(strstr(text, "a<b"));
	ck_assert_ptr_nonnull(strstr(text, "tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\""));
	ck_assert_ptr_nonnull(strstr(text, "<property name=\"exit_code\" value=\"2\"/>"));
	free(text);
	gp_junit_free(&s);
}
END_TEST

static Suite *units_suite(void)
{
	Suite *s = suite_create("units");
	TCase *tc = tcase_create("units");

	tcase_add_test(tc, whole_sizes_in_their_largest_unit);
	tcase_add_test(tc, other_sizes_with_one_decimal);
	tcase_add_test(tc, exact_size_beside);
	tcase_add_test(tc, junit_escapes_markup_and_controls);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return x_run_suite(units_suite(), true);
}
