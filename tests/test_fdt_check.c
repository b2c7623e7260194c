/* SPDX-License-Identifier: MIT */
/*
 * The blob check against libfdt's own: real trees (Debian's board dtbs, QEMU's
 * dumps, gicplan's plans) take the one-pass path; every corruption of them the
 * one pass accepts, fdt_check_full accepts too; and gp_fdt_check answers as
 * fdt_check_full does, for every blob.
 */
#include <check.h>
#include <glob.h>
#include <libfdt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fdt_check.h"
#include "xfile.h"
#include "xplan.h"
#include "xrun.h"

#define TREE_GLOB_BOARDS GICPLAN_SOURCE_DIR "/tests/fixtures/boards/*.dtb"
#define TREE_GLOB_QEMU GICPLAN_SOURCE_DIR "/tests/fixtures/qemu-7.2/*.dtb"
#define TREE_GLOB_GOLDEN GICPLAN_SOURCE_DIR "/tests/golden/qemu-7.2/*.dtb"
#define RANDOM_ROUNDS 1500     /* corruptions per tree */
#define HEADER_BYTES ((size_t)sizeof(struct fdt_header))
#define LEGACY_VERSION 16

struct tally {
	unsigned plain;        /* corruptions the one pass accepted */
	unsigned handed_over;  /* ... and those it left to libfdt */
};

/* The one rule: the one pass accepts only what libfdt accepts; gp_fdt_check is libfdt's answer. */
static void judge(const void *blob, size_t len, struct tally *t, const char *what)
{
	int libfdt = fdt_check_full(blob, len);
	bool plain = gp_fdt_plainly_valid(blob, len);

	ck_assert_msg(!plain || libfdt == 0, "%s: the one pass accepts what fdt_check_full "
		      "rejects (%s)", what, fdt_strerror(libfdt));
	ck_assert_int_eq(gp_fdt_check(blob, len), libfdt);
	if (plain)
		t->plain++;
	else
		t->handed_over++;
}

/* xorshift: the same corruptions on every run. */
static uint32_t next_random(uint32_t *state)
{
	uint32_t x = *state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return *state = x;
}

static size_t trees(char ***paths)
{
	static const char *const globs[] = { TREE_GLOB_BOARDS, TREE_GLOB_QEMU, TREE_GLOB_GOLDEN };
	glob_t g;
	size_t n = 0;

	*paths = NULL;
	for (size_t i = 0; i < sizeof(globs) / sizeof(globs[0]); i++) {
		ck_assert_int_eq(glob(globs[i], 0, NULL, &g), 0);
		*paths = realloc(*paths, (n + g.gl_pathc) * sizeof(**paths));
		ck_assert_ptr_nonnull(*paths);
		for (size_t k = 0; k < g.gl_pathc; k++)
			(*paths)[n++] = strdup(g.gl_pathv[k]);
		globfree(&g);
	}
	return n;
}

static void free_trees(char **paths, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
}

START_TEST(real_trees_take_the_one_pass)
{
	char **paths;
	size_t n = trees(&paths), len;
	void *blob;

	ck_assert_uint_ge(n, 20);
	for (size_t i = 0; i < n; i++) {
		blob = x_read_file(paths[i], &len);
		ck_assert_int_eq(fdt_check_full(blob, len), 0);
		ck_assert_msg(gp_fdt_plainly_valid(blob, len), "%s: left to libfdt", paths[i]);
		free(blob);
	}
	free_trees(paths, n);
}
END_TEST

START_TEST(plans_take_the_one_pass)
{
	static const uint64_t cpus[] = { 1, 123, 1019, 4096 };

	for (size_t i = 0; i < sizeof(cpus) / sizeof(cpus[0]); i++) {
		struct gp_plan *plan;
		size_t len;
		void *blob = x_plan_tree("virt", (struct gp_request){ .cpus = cpus[i], .its = -1,
								      .virtualization = -1 },
					 &plan, &len);

		ck_assert(gp_fdt_plainly_valid(blob, len));
		free(blob);
		free(plan);
	}
}
END_TEST

/* Each header byte and each structure word, set to values that matter. */
START_TEST(every_field_corrupted)
{
	static const uint8_t bytes[] = { 0x00, 0x01, 0x03, 0x7f, 0x80, 0xff };
	static const uint32_t words[] = { FDT_BEGIN_NODE, FDT_END_NODE, FDT_PROP, FDT_NOP,
					  FDT_END, 0, 5, UINT32_MAX, 0x7ffffffc };
	struct tally t = { 0 };
	size_t len;
	uint8_t *orig = x_read_file(GICPLAN_SOURCE_DIR "/tests/fixtures/boards/foundation-v8-gicv3.dtb",
				    &len);
	uint8_t *b = malloc(len);
	size_t s0 = fdt_off_dt_struct(orig), s1 = s0 + fdt_size_dt_struct(orig);

	ck_assert_ptr_nonnull(b);
	for (size_t at = 0; at < HEADER_BYTES; at++)
		for (size_t v = 0; v < sizeof(bytes); v++) {
			memcpy(b, orig, len);
			b[at] = bytes[v];
			judge(b, len, &t, "header byte");
		}
	for (size_t at = s0; at + sizeof(fdt32_t) <= s1; at += sizeof(fdt32_t))
		for (size_t v = 0; v < sizeof(words) / sizeof(words[0]); v++) {
			fdt32_t w = cpu_to_fdt32(words[v]);

			memcpy(b, orig, len);
			memcpy(b + at, &w, sizeof(w));
			judge(b, len, &t, "structure word");
		}
	for (size_t cut = 0; cut < len; cut++)
		judge(orig, cut, &t, "truncated");
	ck_assert_uint_gt(t.plain, 100);
	ck_assert_uint_gt(t.handed_over, 100);
	free(b);
	free(orig);
}
END_TEST

/* Random corruptions of every real tree: bytes anywhere, lengths cut short. */
START_TEST(random_corruptions)
{
	char **paths;
	size_t n = trees(&paths), len;
	struct tally t = { 0 };
	uint32_t state = 0x9e3779b9u;

	for (size_t i = 0; i < n; i++) {
		uint8_t *orig = x_read_file(paths[i], &len);
		uint8_t *b = malloc(len);

		ck_assert_ptr_nonnull(b);
		for (unsigned r = 0; r < RANDOM_ROUNDS; r++) {
			size_t cut = len;
			unsigned flips = 1 + next_random(&state) % 4;

			memcpy(b, orig, len);
			for (unsigned f = 0; f < flips; f++) {
				/* Half of them in the header and the structure block's first words. */
				size_t span = next_random(&state) % 2 ? len : HEADER_BYTES * 4;

				b[next_random(&state) % (span < len ? span : len)] =
					(uint8_t)next_random(&state);
			}
			if (next_random(&state) % 8 == 0)
				cut = next_random(&state) % len;
			judge(b, cut, &t, paths[i]);
		}
		free(b);
		free(orig);
	}
	ck_assert_uint_gt(t.plain, 1000);
	ck_assert_uint_gt(t.handed_over, 1000);
	free_trees(paths, n);
}
END_TEST

/* What libfdt accepts and the one pass does not claim: still accepted, through libfdt. */
START_TEST(odd_but_valid_is_left_to_libfdt)
{
	size_t len;
	uint8_t *b = x_read_file(GICPLAN_SOURCE_DIR "/tests/fixtures/boards/hip05-d02.dtb", &len);
	struct fdt_header *h = (struct fdt_header *)b;
	uint32_t version = fdt_version(b);

	/* Version 16: no size_dt_struct to trust, so the one pass declines. */
	h->version = cpu_to_fdt32(LEGACY_VERSION);
	h->last_comp_version = cpu_to_fdt32(LEGACY_VERSION);
	ck_assert(!gp_fdt_plainly_valid(b, len));
	ck_assert_int_eq(gp_fdt_check(b, len), fdt_check_full(b, len));
	h->version = cpu_to_fdt32(version);
	ck_assert(gp_fdt_plainly_valid(b, len));
	free(b);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("fdt_check");
	TCase *tc = tcase_create("check");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, real_trees_take_the_one_pass);
	tcase_add_test(tc, plans_take_the_one_pass);
	tcase_add_test(tc, every_field_corrupted);
	tcase_add_test(tc, random_corruptions);
	tcase_add_test(tc, odd_but_valid_is_left_to_libfdt);
	suite_add_tcase(s, tc);
	return x_run_suite(s, true);
}
