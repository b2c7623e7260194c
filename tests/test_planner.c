/* SPDX-License-Identifier: MIT */
/*
 * The planner: which placement holds a request, and why; what it refuses.
 *
 * Expectations come from the layout files themselves, read here with jansson
 * (window sizes, frame sizes, caps), never from the planner's own answers.
 */
#include <check.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "plan_json.h"
#include "planner.h"
#include "platform.h"
#include "xlayout.h"
#include "xrun.h"

#define LAYOUT(name) GICPLAN_SOURCE_DIR "/tests/layouts/" name
#define VIRT_JSON GICPLAN_SOURCE_DIR "/layouts/virt.json"

#define KIB (UINT64_C(1) << 10)
#define MIB (UINT64_C(1) << 20)
#define GIB (UINT64_C(1) << 30)
#define V3_FRAME (128 * KIB) /* RD_base + SGI_base */
#define V4_FRAME (256 * KIB) /* + VLPI_base + reserved */

/* ---- helpers ------------------------------------------------------------------------ */

static struct gp_platform plat;
static struct gp_plan plan;
static struct gp_error err;
static struct xlayout xl;

static void load(const char *name_or_path, const char *json_path)
{
	gp_error_init(&err);
	ck_assert_msg(gp_platform_load(name_or_path, &plat, &err) == 0, "load %s: %s",
		      name_or_path, err.msg);
	x_load(json_path, &xl);
}

static void load_virt(void)
{
	load("virt", VIRT_JSON);
}

/*
 * Plan @cpus with the given overrides (0 / -1: the platform's default); above
 * what an ITS can target (its_wall), without one.
 */
static int make(uint64_t cpus, unsigned gic, unsigned ipa)
{
	struct gp_request req = { .cpus = cpus, .gic_version = gic,
				  .its = cpus > GP_ITS_TARGETS_MAX ? 0 : -1, .ipa_bits = ipa,
				  .virtualization = -1 };

	gp_error_init(&err);
	return gp_plan_make(&plat, &req, &plan, &err);
}

static void expect_tier(uint64_t cpus, unsigned gic, unsigned ipa, const char *tier)
{
	ck_assert_msg(make(cpus, gic, ipa) == 0, "%" PRIu64 " vCPUs GICv%u %u bits: %s", cpus, gic,
		      ipa, err.msg);
	ck_assert_msg(strcmp(plan.tier, tier) == 0, "%" PRIu64 " vCPUs GICv%u: tier %s, expected %s",
		      cpus, gic, plan.tier, tier);
	ck_assert_uint_eq(plan.req.cpus, cpus);
}

static void expect_fail(uint64_t cpus, unsigned gic, unsigned ipa, int code)
{
	ck_assert_msg(make(cpus, gic, ipa) < 0, "%" PRIu64 " vCPUs GICv%u %u bits: planned (%s)",
		      cpus, gic, ipa, plan.tier);
	ck_assert_int_eq(err.exit_code, code);
	ck_assert_msg(err.msg[0] != '\0' && strchr(err.msg, '\n') == NULL, "message: \"%s\"",
		      err.msg);
}

static void expect_msg_has(const char *needle)
{
	ck_assert_msg(strstr(err.msg, needle) != NULL, "\"%s\" not in \"%s\"", needle, err.msg);
}

static void expect_msg_has_u64(uint64_t v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%" PRIu64, v);
	expect_msg_has(buf);
}

/* ---- the bundled platform ----------------------------------------------------------- */

START_TEST(virt_matches_its_file)
{
	load_virt();
	ck_assert_str_eq(plat.name, "virt");
	ck_assert_uint_eq(plat.nr_placements, xl.nplace);
	ck_assert_uint_eq(plat.ipa_bits, xl.ipa_bits);
	for (size_t i = 0; i < xl.nplace; i++) {
		ck_assert_str_eq(plat.placements[i].name, xl.pl[i].name);
		for (unsigned ipa = GP_IPA_BITS_MIN; ipa <= GP_IPA_BITS_MAX; ipa++) {
			ck_assert_uint_eq(gp_placement_capacity(&plat.placements[i], &(struct gp_fit){ V3_FRAME, ipa, true }),
					  x_capacity(&xl.pl[i], V3_FRAME, ipa));
			ck_assert_uint_eq(gp_placement_capacity(&plat.placements[i], &(struct gp_fit){ V4_FRAME, ipa, true }),
					  x_capacity(&xl.pl[i], V4_FRAME, ipa));
		}
	}
	ck_assert_uint_eq(gp_redist_size(3), V3_FRAME);
	ck_assert_uint_eq(gp_redist_size(4), V4_FRAME);
}
END_TEST

/* The GICv3 tiers: 1..127, 128..1019, 1020.. at the default IPA. */
START_TEST(v3_tier_boundaries)
{
	uint64_t legacy, compact;

	load_virt();
	ck_assert_uint_eq(xl.nplace, 3);
	legacy = x_capacity(&xl.pl[0], V3_FRAME, xl.ipa_bits);
	compact = x_capacity(&xl.pl[1], V3_FRAME, xl.ipa_bits);
	/* The file's windows must give the boundaries. */
	ck_assert_uint_eq(legacy, 127);
	ck_assert_uint_eq(compact, 1019);

	expect_tier(1, 3, 0, xl.pl[0].name);
	expect_tier(126, 3, 0, xl.pl[0].name);
	expect_tier(127, 3, 0, xl.pl[0].name);
	expect_tier(128, 3, 0, xl.pl[1].name);
	expect_tier(900, 3, 0, xl.pl[1].name);
	expect_tier(1019, 3, 0, xl.pl[1].name);
	expect_tier(1020, 3, 0, xl.pl[2].name);
	expect_tier(4096, 3, 0, xl.pl[2].name);
	/* The default GIC version is the file's (3): same boundaries without asking. */
	ck_assert_uint_eq(xl.default_version, 3);
	expect_tier(127, 0, 0, xl.pl[0].name);
	expect_tier(128, 0, 0, xl.pl[1].name);
	expect_tier(1019, 0, 0, xl.pl[1].name);
	expect_tier(1020, 0, 0, xl.pl[2].name);
}
END_TEST

/* GICv4 redistributors are 256 KiB: the boundaries follow from the same windows. */
START_TEST(v4_tier_boundaries)
{
	load_virt();
	for (size_t k = 0; k + 1 < xl.nplace; k++) {
		uint64_t cap = x_capacity(&xl.pl[k], V4_FRAME, xl.ipa_bits);

		ck_assert_uint_lt(cap, x_capacity(&xl.pl[k], V3_FRAME, xl.ipa_bits));
		expect_tier(cap, 4, 0, xl.pl[x_tier(&xl, cap, V4_FRAME, xl.ipa_bits, false)].name);
		ck_assert_str_eq(plan.tier, xl.pl[k].name);
		ck_assert_uint_eq(plan.redist_size, V4_FRAME);
		expect_tier(cap + 1, 4, 0, xl.pl[x_tier(&xl, cap + 1, V4_FRAME, xl.ipa_bits, false)].name);
		ck_assert_str_ne(plan.tier, xl.pl[k].name);
	}
	/* Between the v4 and v3 capacity of the legacy window: legacy on v3 only. */
	{
		uint64_t v4 = x_capacity(&xl.pl[0], V4_FRAME, xl.ipa_bits);

		expect_tier(v4 + 1, 3, 0, xl.pl[0].name);
		expect_tier(v4 + 1, 4, 0, xl.pl[x_tier(&xl, v4 + 1, V4_FRAME, xl.ipa_bits, false)].name);
		ck_assert_str_ne(plan.tier, xl.pl[0].name);
	}
}
END_TEST

/* 100000 vCPUs with a 32-bit IPA: the high window is above 4 GiB, nothing holds them. */
/* An ITS reaches 65536 vCPUs (16-bit collection IDs): one more is refused, named. */
START_TEST(its_wall)
{
	struct gp_request req = { .cpus = GP_ITS_TARGETS_MAX, .its = 1, .virtualization = -1 };

	load_virt();
	gp_error_init(&err);
	ck_assert_msg(gp_plan_make(&plat, &req, &plan, &err) == 0, "%s", err.msg);
	ck_assert(plan.has_its);
	req.cpus++;
	gp_error_init(&err);
	ck_assert_int_lt(gp_plan_make(&plat, &req, &plan, &err), 0);
	ck_assert_int_eq(err.exit_code, GP_EXIT_INFEASIBLE);
	expect_msg_has("65536");
	expect_msg_has("--no-its");
	req.its = 0;
	gp_error_init(&err);
	ck_assert_msg(gp_plan_make(&plat, &req, &plan, &err) == 0, "%s", err.msg);
	ck_assert(!plan.has_its);
}
END_TEST

START_TEST(ipa_too_small)
{
	uint64_t best = 0;
	size_t best_i = 0;

	load_virt();
	for (size_t i = 0; i < xl.nplace; i++) {
		uint64_t cap = x_capacity(&xl.pl[i], V3_FRAME, 32);

		ck_assert_uint_lt(cap, 100000);
		if (cap > best) {
			best = cap;
			best_i = i;
		}
	}
	expect_fail(100000, 3, 32, GP_EXIT_INFEASIBLE);
	/* What is needed ... */
	expect_msg_has("100000");
	expect_msg_has("128 KiB");
	expect_msg_has("32-bit");
	/* ... and what the best placement offers. */
	expect_msg_has(xl.pl[best_i].name);
	expect_msg_has_u64(best);
	/* Every placement tried is named. */
	for (size_t i = 0; i < xl.nplace; i++)
		expect_msg_has(xl.pl[i].name);
	/* The same request plans once the IPA is large enough. */
	expect_tier(100000, 3, 40, xl.pl[x_tier(&xl, 100000, V3_FRAME, 40, false)].name);
}
END_TEST

/* The smallest IPA at which a placement holds a count, found by trying every size here. */
static unsigned x_min_ipa_bits(const struct xplace *p, uint64_t frame, uint64_t cpus)
{
	for (unsigned b = GP_IPA_BITS_MIN; b <= GP_IPA_BITS_MAX; b++)
		if (x_capacity(p, frame, b) >= cpus)
			return b;
	return 0;
}

START_TEST(min_ipa_bits)
{
	static const uint64_t counts[] = { 1, 127, 128, 1019, 1020, 100000, 4194304, 4194305,
					   (UINT64_C(1) << 30), (UINT64_C(1) << 36) };

	load_virt();
	for (size_t i = 0; i < xl.nplace; i++)
		for (size_t c = 0; c < sizeof(counts) / sizeof(counts[0]); c++)
			for (unsigned v = 3; v <= 4; v++) {
				uint64_t frame = v == 3 ? V3_FRAME : V4_FRAME;

				ck_assert_uint_eq(gp_placement_min_ipa_bits(&plat.placements[i],
									    &(struct gp_fit){ frame, 0, true }, counts[c]),
						  x_min_ipa_bits(&xl.pl[i], frame, counts[c]));
			}
}
END_TEST

/* The high tier's window runs to the end of the IPA: its capacity grows with ipa_bits. */
START_TEST(high_tier_grows_with_ipa)
{
	size_t hi;
	uint64_t prev = 0, mpidr_cap;

	load_virt();
	hi = xl.nplace - 1;
	ck_assert_msg(xl.pl[hi].win[0].to_end, "the last virt placement should run to the IPA end");
	mpidr_cap = (uint64_t)xl.aff0 * 256 * 256 * 256;
	for (unsigned ipa = GP_IPA_BITS_MIN; ipa <= GP_IPA_BITS_MAX; ipa++) {
		uint64_t cap = gp_placement_capacity(&plat.placements[hi], &(struct gp_fit){ V3_FRAME, ipa, true });
		uint64_t end = UINT64_C(1) << ipa, base = xl.pl[hi].win[0].base;

		ck_assert_uint_eq(cap, base < end ? (end - base) / V3_FRAME : 0);
		ck_assert_uint_ge(cap, prev);
		if (prev > 0)
			ck_assert_uint_gt(cap, prev);
		prev = cap;
		if (cap == 0 || cap >= mpidr_cap)
			continue;
		/* Exactly its capacity fits; one more needs a larger IPA. */
		expect_tier(cap, 3, ipa, xl.pl[hi].name);
		ck_assert_uint_eq(plan.ipa_bits, ipa);
		expect_fail(cap + 1, 3, ipa, GP_EXIT_INFEASIBLE);
		expect_msg_has_u64(cap + 1);
		ck_assert_uint_eq(gp_placement_min_ipa_bits(&plat.placements[hi], &(struct gp_fit){ V3_FRAME, 0, true }, cap + 1),
				  ipa + 1);
		expect_tier(cap + 1, 3, ipa + 1, xl.pl[hi].name);
	}
	/* Past the MPIDR space (16 x 256^3 with Aff0 groups of 16), a bigger IPA does not help. */
	ck_assert_uint_eq(gp_mpidr_capacity(&plat.board), mpidr_cap);
	expect_tier(mpidr_cap, 3, GP_IPA_BITS_MAX, xl.pl[hi].name);
	expect_fail(mpidr_cap + 1, 3, GP_IPA_BITS_MAX, GP_EXIT_INFEASIBLE);
	expect_msg_has_u64(mpidr_cap);
}
END_TEST

/* A VMM's own cap ("max_cpus" in the layout) bounds every placement. */
START_TEST(max_cpus_cap)
{
	load(LAYOUT("good/capped.json"), LAYOUT("good/capped.json"));
	ck_assert_uint_gt(xl.max_cpus, 0);
	ck_assert_uint_eq(plat.max_cpus, xl.max_cpus);
	/* The cap, not the window, is what stops the request. */
	ck_assert_uint_gt(x_capacity(&xl.pl[0], V3_FRAME, xl.ipa_bits), xl.max_cpus + 1);
	expect_tier(xl.max_cpus, 0, 0, xl.pl[0].name);
	expect_tier(1, 0, 0, xl.pl[0].name);
	expect_fail(xl.max_cpus + 1, 0, 0, GP_EXIT_INFEASIBLE);
	expect_msg_has_u64(xl.max_cpus + 1);
	expect_msg_has_u64(xl.max_cpus);
	expect_fail(UINT32_MAX, 0, 0, GP_EXIT_INFEASIBLE);
}
END_TEST

/* One vCPU per Aff0 group: the three levels above number 256^3 vCPUs. */
START_TEST(mpidr_space_limit)
{
	const uint64_t limit = UINT64_C(256) * 256 * 256;
	const unsigned ipa = 42;

	load(LAYOUT("good/split.json"), LAYOUT("good/split.json"));
	ck_assert_uint_eq(xl.aff0, 1);
	ck_assert_uint_eq(gp_mpidr_capacity(&plat.board), limit);
	/* The windows hold more: the limit is the MPIDR space. */
	ck_assert_uint_gt(x_capacity(&xl.pl[0], V3_FRAME, ipa), limit + 1);
	expect_tier(limit, 3, ipa, xl.pl[0].name);
	ck_assert_uint_eq(gp_cpu_mpidr(&plat.board, limit - 1), x_mpidr(1, limit - 1));
	ck_assert_uint_eq(x_mpidr(1, limit - 1), UINT64_C(0xff) << 32 | 0xffff00);
	expect_fail(limit + 1, 3, ipa, GP_EXIT_INFEASIBLE);
	expect_msg_has_u64(limit);
	expect_msg_has_u64(limit + 1);

	/* The bundled platform's groups of 16 number 16 times as many: the same count plans. */
	load_virt();
	ck_assert_uint_eq(gp_mpidr_capacity(&plat.board), 16 * limit);
	expect_tier(limit + 1, 3, ipa, xl.pl[xl.nplace - 1].name);
}
END_TEST

START_TEST(mpidr_of_vcpu)
{
	static const uint64_t ids[] = { 0, 1, 15, 16, 17, 255, 256, 4095, 4096, 4097, 65535, 65536,
					1048575, 1048576, 1048577, 16777215, 16777216, 268435455 };

	load_virt();
	ck_assert_uint_eq(plat.board.aff0_per_group, 16);
	for (size_t k = 0; k < sizeof(ids) / sizeof(ids[0]); k++) {
		uint64_t i = ids[k];
		uint64_t want = (i / 1048576) << 32 | ((i / 4096) % 256) << 16 |
				((i / 16) % 256) << 8 | (i % 16);

		ck_assert_uint_eq(gp_cpu_mpidr(&plat.board, i), want);
	}
}
END_TEST

/* Values the platform cannot take at all are exit 2; RAM past its window is exit 3. */
START_TEST(request_resolution_errors)
{
	struct gp_request req;

	load(LAYOUT("good/capped.json"), LAYOUT("good/capped.json"));
	expect_fail(4, 4, 0, GP_EXIT_USAGE);
	expect_msg_has("GICv4");
	expect_tier(4, 3, 0, xl.pl[0].name);

	load_virt();
	expect_fail(4, 5, 0, GP_EXIT_USAGE);
	expect_fail(4, 2, 0, GP_EXIT_USAGE);
	expect_fail(0, 3, 0, GP_EXIT_USAGE);
	expect_fail(4, 3, GP_IPA_BITS_MIN - 1, GP_EXIT_USAGE);
	expect_fail(4, 3, GP_IPA_BITS_MAX + 1, GP_EXIT_USAGE);

	/* SPIs: a multiple of 32, INTIDs 32..1019 at most. */
	{
		static const uint32_t bad[] = { 1, 31, 33, 100, 250, 992, 1024, 4096 };
		static const uint32_t good[] = { 64, 256, 960 };

		for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
			req = (struct gp_request){ .cpus = 4, .its = -1, .virtualization = -1,
						   .spis = bad[i] };
			gp_error_init(&err);
			ck_assert_msg(gp_plan_make(&plat, &req, &plan, &err) < 0, "spis %u planned",
				      bad[i]);
			ck_assert_int_eq(err.exit_code, GP_EXIT_USAGE);
			expect_msg_has("spis");
		}
		for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
			req = (struct gp_request){ .cpus = 4, .its = -1, .virtualization = -1,
						   .spis = good[i] };
			gp_error_init(&err);
			ck_assert_msg(gp_plan_make(&plat, &req, &plan, &err) == 0, "spis %u: %s",
				      good[i], err.msg);
			ck_assert_uint_eq(plan.req.spis, good[i]);
		}
	}
	/* virt's virtio-mmio transports use SPIs 16..47: 32 SPIs cannot take them. */
	req = (struct gp_request){ .cpus = 4, .its = -1, .virtualization = -1, .spis = 32 };
	gp_error_init(&err);
	ck_assert_int_lt(gp_plan_make(&plat, &req, &plan, &err), 0);
	ck_assert_int_ne(err.exit_code, GP_EXIT_OK);
	expect_msg_has("virtio");

	/* RAM: up to the file's max_size; past it the request is infeasible. */
	req = (struct gp_request){ .cpus = 4, .its = -1, .virtualization = -1,
				   .ram_size = xl.ram_max };
	gp_error_init(&err);
	ck_assert_msg(gp_plan_make(&plat, &req, &plan, &err) == 0, "ram max: %s", err.msg);
	ck_assert_uint_eq(plan.board.ram.size, xl.ram_max);
	req.ram_size = xl.ram_max + MIB;
	gp_error_init(&err);
	ck_assert_int_lt(gp_plan_make(&plat, &req, &plan, &err), 0);
	ck_assert_int_eq(err.exit_code, GP_EXIT_INFEASIBLE);
	expect_msg_has("ram");
	req.ram_size = xl.ram_size + 4 * KIB;
	gp_error_init(&err);
	ck_assert_int_lt(gp_plan_make(&plat, &req, &plan, &err), 0);
	ck_assert_int_eq(err.exit_code, GP_EXIT_USAGE);
}
END_TEST

/* Unset request fields take the file's defaults. */
START_TEST(defaults_resolved)
{
	load_virt();
	expect_tier(8, 0, 0, xl.pl[0].name);
	ck_assert_uint_eq(plan.req.gic_version, xl.default_version);
	ck_assert_int_eq(plan.req.its, xl.its);
	ck_assert_int_eq(plan.has_its, xl.its);
	ck_assert_uint_eq(plan.req.ipa_bits, xl.ipa_bits);
	ck_assert_uint_eq(plan.ipa_bits, xl.ipa_bits);
	ck_assert_uint_eq(plan.req.spis, xl.spis);
	ck_assert_uint_eq(plan.req.ram_size, xl.ram_size);
	ck_assert_int_eq(plan.req.virtualization, 0);
	ck_assert_uint_eq(plan.redist_size, xl.default_version == 4 ? V4_FRAME : V3_FRAME);
}
END_TEST

/* plan->why names every placement tried before the chosen one, with what it holds. */
START_TEST(why_names_every_placement)
{
	load_virt();
	for (unsigned v = 3; v <= 4; v++) {
		uint64_t frame = v == 3 ? V3_FRAME : V4_FRAME;

		for (size_t k = 0; k < xl.nplace; k++) {
			/* The smallest count that lands on placement k. */
			uint64_t cpus = k == 0 ? 1 : x_capacity(&xl.pl[k - 1], frame, xl.ipa_bits) + 1;
			char num[32];

			expect_tier(cpus, v, 0, xl.pl[k].name);
			for (size_t j = 0; j <= k; j++) {
				ck_assert_msg(strstr(plan.why, xl.pl[j].name) != NULL,
					      "why \"%s\" does not name %s", plan.why, xl.pl[j].name);
				snprintf(num, sizeof(num), "%" PRIu64,
					 x_capacity(&xl.pl[j], frame, xl.ipa_bits));
				ck_assert_msg(strstr(plan.why, num) != NULL,
					      "why \"%s\" does not say %s holds %s", plan.why,
					      xl.pl[j].name, num);
			}
			for (size_t j = k + 1; j < xl.nplace; j++)
				ck_assert_msg(strstr(plan.why, xl.pl[j].name) == NULL,
					      "why \"%s\" names %s, never tried", plan.why,
					      xl.pl[j].name);
		}
	}
}
END_TEST

/* Same inputs, same plan: the plan files of two runs are identical. */
START_TEST(plans_are_deterministic)
{
	static const uint64_t counts[] = { 1, 127, 128, 1020, 70000 };

	load_virt();
	for (size_t i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
		char *a, *b;
		size_t alen, blen;
		json_t *j;

		ck_assert_int_eq(make(counts[i], 0, 0), 0);
		j = gp_plan_to_json(&plan);
		a = gp_json_dump(j, &alen);
		json_decref(j);
		memset(&plan, 0xa5, sizeof(plan));
		ck_assert_int_eq(make(counts[i], 0, 0), 0);
		j = gp_plan_to_json(&plan);
		b = gp_json_dump(j, &blen);
		json_decref(j);
		ck_assert_ptr_nonnull(a);
		ck_assert_ptr_nonnull(b);
		ck_assert_uint_eq(alen, blen);
		ck_assert_msg(memcmp(a, b, alen) == 0, "plan of %" PRIu64 " vCPUs differs", counts[i]);
		free(a);
		free(b);
	}
}
END_TEST

/* Windows fill in order, each to capacity, spilling into the next; empty ones are skipped. */
START_TEST(windows_spill_in_order)
{
	load(LAYOUT("good/split.json"), LAYOUT("good/split.json"));
	ck_assert_uint_eq(xl.nplace, 1);
	ck_assert_uint_eq(xl.pl[0].nwin, 3);
	for (unsigned v = 3; v <= 4; v++) {
		uint64_t frame = v == 3 ? V3_FRAME : V4_FRAME;
		uint64_t cap0 = x_capacity(&(struct xplace){ .nwin = 1, .win = { xl.pl[0].win[0] } },
					   frame, xl.ipa_bits);
		uint64_t cpus[] = { 1, cap0, cap0 + 1, cap0 + 2, cap0 + 100 };

		for (size_t c = 0; c < sizeof(cpus) / sizeof(cpus[0]); c++) {
			uint64_t left = cpus[c], next = 0;
			uint32_t r = 0;

			expect_tier(cpus[c], v, 0, xl.pl[0].name);
			for (size_t w = 0; w < xl.pl[0].nwin && left > 0; w++) {
				uint64_t bytes = x_window_bytes(&xl.pl[0].win[w], xl.ipa_bits);
				uint64_t cap = bytes / frame, n = left < cap ? left : cap;

				if (cap == 0)
					continue;
				ck_assert_uint_lt(r, plan.nr_redist);
				ck_assert_uint_eq(plan.redist[r].base, xl.pl[0].win[w].base);
				ck_assert_uint_eq(plan.redist[r].window, bytes);
				ck_assert_uint_eq(plan.redist[r].capacity, cap);
				ck_assert_uint_eq(plan.redist[r].first_cpu, next);
				ck_assert_uint_eq(plan.redist[r].count, n);
				ck_assert_uint_eq(plan.redist[r].reg_size, n * frame);
				next += n;
				left -= n;
				r++;
			}
			ck_assert_uint_eq(plan.nr_redist, r);
			ck_assert_uint_eq(next, cpus[c]);
		}
	}
}
END_TEST

/*
 * Windows that touch are one run of frames to the GIC, whose Last is only at
 * the run's end (IHI 0069; KVM too): a full window and the one that starts
 * where it ends are described as a single region.
 */
START_TEST(touching_windows_are_one_region)
{
	load(LAYOUT("good/touching.json"), LAYOUT("good/touching.json"));
	ck_assert_uint_eq(xl.pl[0].nwin, 3);
	ck_assert_uint_eq(xl.pl[0].win[0].base + xl.pl[0].win[0].size, xl.pl[0].win[1].base);
	for (unsigned v = 3; v <= 4; v++) {
		uint64_t frame = v == 3 ? V3_FRAME : V4_FRAME;
		uint64_t cap0 = xl.pl[0].win[0].size / frame, cap1 = xl.pl[0].win[1].size / frame;
		/* Window 0 ends on a frame boundary only if its size is a multiple of the frame. */
		bool run = xl.pl[0].win[0].size % frame == 0;
		uint64_t cpus = cap0 + cap1 + 1;

		expect_tier(cpus, v, 0, xl.pl[0].name);
		if (run) {
			ck_assert_uint_eq(plan.nr_redist, 2);
			ck_assert_uint_eq(plan.redist[0].base, xl.pl[0].win[0].base);
			ck_assert_uint_eq(plan.redist[0].count, cap0 + cap1);
			ck_assert_uint_eq(plan.redist[0].reg_size, (cap0 + cap1) * frame);
		} else {
			ck_assert_uint_eq(plan.nr_redist, 3);
		}
		ck_assert_uint_eq(plan.redist[plan.nr_redist - 1].count, 1);
		/* However it came out, no region may end where another begins. */
		for (uint32_t a = 0; a < plan.nr_redist; a++)
			for (uint32_t b = 0; b < plan.nr_redist; b++)
				ck_assert(plan.redist[a].base + plan.redist[a].reg_size !=
					  plan.redist[b].base);
	}
}
END_TEST

static Suite *planner_suite(void)
{
	Suite *s = suite_create("planner");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, virt_matches_its_file);
	tcase_add_test(tc, v3_tier_boundaries);
	tcase_add_test(tc, v4_tier_boundaries);
	tcase_add_test(tc, ipa_too_small);
	tcase_add_test(tc, its_wall);
	tcase_add_test(tc, min_ipa_bits);
	tcase_add_test(tc, high_tier_grows_with_ipa);
	tcase_add_test(tc, max_cpus_cap);
	tcase_add_test(tc, mpidr_space_limit);
	tcase_add_test(tc, mpidr_of_vcpu);
	tcase_add_test(tc, request_resolution_errors);
	tcase_add_test(tc, defaults_resolved);
	tcase_add_test(tc, why_names_every_placement);
	tcase_add_test(tc, plans_are_deterministic);
	tcase_add_test(tc, windows_spill_in_order);
	tcase_add_test(tc, touching_windows_are_one_region);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return x_run_suite(planner_suite(), true);
}
