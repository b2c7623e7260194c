/* SPDX-License-Identifier: MIT */
/*
 * libgicplan's platform details and utilities through the public header
 * alone: each placement's vCPU range is what gicplan_plan_make chooses, and
 * the numbers parse and print as the command line documents them.
 */
#include <gicplan.h>

#include <check.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct gicplan_platform *load(const char *name)
{
	struct gicplan_platform *p = NULL;
	struct gicplan_error err;

	ck_assert_msg(gicplan_platform_load(name, &p, &err) == GICPLAN_OK, "%s", err.message);
	return p;
}

/* The tier gicplan_plan_make picks for @cpus on @p (GICv@version, @its), or "" when none holds it. */
static void tier_of(const struct gicplan_platform *p, const struct gicplan_fit *fit, uint64_t cpus,
		    char *tier, size_t cap)
{
	struct gicplan_request req;
	struct gicplan_plan *plan = NULL;
	struct gicplan_plan_info info;
	struct gicplan_error err;
	int rc;

	gicplan_request_init(&req);
	req.max_cpus = cpus;
	req.gic_version = fit->gic_version;
	req.ipa_bits = fit->ipa_bits;
	req.its = fit->its;
	if (fit->gic_version == 4)
		req.virtualization = 1; /* QEMU's virt offers GICv4 to a guest with EL2 only */
	rc = gicplan_plan_make(p, &req, &plan, &err);
	if (rc == GICPLAN_E_INFEASIBLE) {
		tier[0] = '\0';
		return;
	}
	ck_assert_msg(rc == GICPLAN_OK, "%" PRIu64 " vCPUs: %s", cpus, err.message);
	ck_assert_int_eq(gicplan_plan_info(plan, &info, &err), GICPLAN_OK);
	snprintf(tier, cap, "%s", info.tier);
	gicplan_plan_free(plan);
}

/*
 * Every bundled platform, each GIC version it offers, with and without an
 * ITS: the chosen placements' ranges tile 1..the largest with no gap, and at
 * each end of each range the planner picks that placement; past the last,
 * none.
 */
START_TEST(placement_ranges_are_the_planners_choice)
{
	char names[GICPLAN_PLATFORMS_MAX][GICPLAN_NAME_MAX];
	size_t n = 0, checked = 0;
	struct gicplan_error err;

	ck_assert_int_eq(gicplan_platforms_list(names, GICPLAN_PLATFORMS_MAX, &n, &err), GICPLAN_OK);
	ck_assert_uint_ge(n, 2);
	for (size_t k = 0; k < n; k++) {
		struct gicplan_platform *p = load(names[k]);
		struct gicplan_platform_info pi;

		ck_assert_int_eq(gicplan_platform_info(p, &pi, &err), GICPLAN_OK);
		ck_assert_str_eq(pi.name, names[k]);
		ck_assert_str_eq(pi.name, gicplan_platform_name(p));
		ck_assert(pi.gic_versions & (1u << pi.default_gic_version));
		ck_assert_uint_gt(pi.nr_placements, 0);
		for (unsigned v = 3; v <= 4; v++) {
			for (int its = 0; its <= 1; its++) {
				struct gicplan_fit fit = { v, pi.ipa_bits, its };
				uint64_t next = 1;
				char tier[GICPLAN_NAME_MAX];

				if (!(pi.gic_versions & (1u << v)))
					continue;
				for (uint32_t i = 0; i < pi.nr_placements; i++) {
					struct gicplan_placement pl;

					ck_assert_int_eq(gicplan_platform_placement(p, i, &fit, &pl, &err),
							 GICPLAN_OK);
					if (pl.min_cpus > pl.max_cpus)
						continue; /* never chosen */
					ck_assert_uint_le(pl.max_cpus, pl.capacity);
					ck_assert_uint_eq(pl.min_cpus, next);
					next = pl.max_cpus + 1;
					/* An ITS is refused above 65536 vCPUs: those ends are not planned. */
					tier_of(p, &fit, pl.min_cpus, tier, sizeof(tier));
					ck_assert_msg(strcmp(tier, pl.name) == 0, "%s GICv%u its=%d %" PRIu64
						      ": planner %s, placement %s", pi.name, v, its,
						      pl.min_cpus, tier, pl.name);
					if (its && pl.max_cpus > 65536)
						continue;
					tier_of(p, &fit, pl.max_cpus, tier, sizeof(tier));
					ck_assert_msg(strcmp(tier, pl.name) == 0, "%s GICv%u its=%d %" PRIu64
						      ": planner %s, placement %s", pi.name, v, its,
						      pl.max_cpus, tier, pl.name);
					checked++;
				}
				ck_assert_uint_gt(next, 1);
				if (!(its && next - 1 >= 65536) && next - 1 < UINT32_MAX) {
					tier_of(p, &fit, next, tier, sizeof(tier));
					ck_assert_msg(tier[0] == '\0', "%s: %" PRIu64 " vCPUs planned (%s) "
						      "past the last placement", pi.name, next, tier);
				}
			}
		}
		gicplan_platform_free(p);
	}
	ck_assert_uint_gt(checked, n);
}
END_TEST

START_TEST(placement_errors)
{
	struct gicplan_platform *p = load("virt");
	struct gicplan_placement pl;
	struct gicplan_platform_info pi;
	struct gicplan_error err;

	ck_assert_int_eq(gicplan_platform_info(p, &pi, &err), GICPLAN_OK);
	ck_assert_int_eq(gicplan_platform_placement(p, pi.nr_placements, &(struct gicplan_fit){ 3, 40, 1 },
						    &pl, &err), GICPLAN_E_USAGE);
	ck_assert_ptr_nonnull(strstr(err.message, "no placement"));
	ck_assert_int_eq(gicplan_platform_placement(p, 0, &(struct gicplan_fit){ 5, 40, 1 }, &pl, &err),
			 GICPLAN_E_USAGE);
	ck_assert_int_eq(gicplan_platform_placement(p, 0, &(struct gicplan_fit){ 3, 31, 1 }, &pl, &err),
			 GICPLAN_E_USAGE);
	ck_assert_int_eq(gicplan_platform_placement(NULL, 0, &(struct gicplan_fit){ 3, 40, 1 }, &pl,
						    &err), GICPLAN_E_USAGE);
	ck_assert_int_eq(gicplan_platform_info(NULL, &pi, &err), GICPLAN_E_USAGE);
	gicplan_platform_free(p);
}
END_TEST

START_TEST(platforms_list_is_sorted_and_loads)
{
	char names[GICPLAN_PLATFORMS_MAX][GICPLAN_NAME_MAX];
	char one[1][GICPLAN_NAME_MAX];
	size_t n = 0, m = 0;
	struct gicplan_error err;

	ck_assert_int_eq(gicplan_platforms_list(names, GICPLAN_PLATFORMS_MAX, &n, &err), GICPLAN_OK);
	for (size_t i = 1; i < n; i++)
		ck_assert_int_lt(strcmp(names[i - 1], names[i]), 0);
	/* The default platform is among them. */
	for (m = 0; m < n && strcmp(names[m], GICPLAN_DEFAULT_PLATFORM) != 0; m++)
		;
	ck_assert_uint_lt(m, n);
	/* A short array gets the first names only. */
	ck_assert_int_eq(gicplan_platforms_list(one, 1, &m, &err), GICPLAN_OK);
	ck_assert_uint_eq(m, 1);
	ck_assert_str_eq(one[0], names[0]);
	ck_assert_int_eq(gicplan_platforms_list(NULL, 1, &m, &err), GICPLAN_E_USAGE);
}
END_TEST

START_TEST(numbers_parse_as_documented)
{
	uint64_t v = 0;

	ck_assert_int_eq(gicplan_parse_size("4GiB", &v), GICPLAN_OK);
	ck_assert_uint_eq(v, UINT64_C(4) << 30);
	ck_assert_int_eq(gicplan_parse_size("512M", &v), GICPLAN_OK);
	ck_assert_uint_eq(v, UINT64_C(512) << 20);
	ck_assert_int_eq(gicplan_parse_size("0x4000_0000", &v), GICPLAN_OK);
	ck_assert_uint_eq(v, UINT64_C(0x40000000));
	ck_assert_int_eq(gicplan_parse_size("134217728", &v), GICPLAN_OK);
	ck_assert_uint_eq(v, UINT64_C(134217728));
	ck_assert_int_eq(gicplan_parse_size("16EiB", &v), GICPLAN_E_USAGE);
	ck_assert_int_eq(gicplan_parse_size("0x1_0000_0000_0000_0000", &v), GICPLAN_E_USAGE);
	ck_assert_int_eq(gicplan_parse_size("", &v), GICPLAN_E_USAGE);
	ck_assert_int_eq(gicplan_parse_size("-1", &v), GICPLAN_E_USAGE);
	ck_assert_int_eq(gicplan_parse_uint("1020", 4096, &v), GICPLAN_OK);
	ck_assert_uint_eq(v, 1020);
	ck_assert_int_eq(gicplan_parse_uint("4097", 4096, &v), GICPLAN_E_USAGE);
	ck_assert_int_eq(gicplan_parse_uint("0x10", 4096, &v), GICPLAN_E_USAGE);
	ck_assert_int_eq(gicplan_parse_uint(NULL, 4096, &v), GICPLAN_E_USAGE);
}
END_TEST

START_TEST(spi_counts_are_what_a_gic_implements)
{
	for (uint32_t s = 0; s <= GICPLAN_SPIS_MAX + GICPLAN_SPI_GRANULE; s++) {
		int want = (s % GICPLAN_SPI_GRANULE == 0 && s >= GICPLAN_SPI_GRANULE &&
			    s <= GICPLAN_SPIS_PLAN_MAX) || s == GICPLAN_SPIS_MAX;

		ck_assert_int_eq(gicplan_spis_valid(s), want);
	}
	/* 988 SPIs are INTIDs 32..1019, the last below the special INTIDs. */
	ck_assert_uint_eq(32 + GICPLAN_SPIS_MAX - 1, 1019);
}
END_TEST

START_TEST(sizes_print_for_people)
{
	char b[GICPLAN_SIZE_STR_MAX];

	ck_assert_str_eq(gicplan_size_str(b, sizeof(b), UINT64_C(128) << 10), "128 KiB");
	ck_assert_str_eq(gicplan_size_str(b, sizeof(b), UINT64_C(16) << 20), "16 MiB");
	ck_assert_str_eq(gicplan_size_str(b, sizeof(b), 24), "24 B");
	/* 127.4 MiB: one decimal, rounded. */
	ck_assert_str_eq(gicplan_size_str(b, sizeof(b), UINT64_C(0x7f60000)), "127.4 MiB");
	ck_assert_str_eq(gicplan_size_exact_str(b, sizeof(b), UINT64_C(0x7f60000)),
			 "0x7f60000 (127.4 MiB)");
	ck_assert_str_eq(gicplan_hex_str(b, sizeof(b), UINT64_C(0x8000000)), "0x8000000");
	ck_assert_str_eq(gicplan_hex_str(b, sizeof(b), 0), "0x0");
	ck_assert_str_eq(gicplan_hex_str(b, sizeof(b), UINT64_MAX), "0xffffffffffffffff");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("api_platform");
	TCase *tc = tcase_create("api_platform");
	SRunner *sr;
	int failed;

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, placement_ranges_are_the_planners_choice);
	tcase_add_test(tc, placement_errors);
	tcase_add_test(tc, platforms_list_is_sorted_and_loads);
	tcase_add_test(tc, numbers_parse_as_documented);
	tcase_add_test(tc, spi_counts_are_what_a_gic_implements);
	tcase_add_test(tc, sizes_print_for_people);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
