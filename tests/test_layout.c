/* SPDX-License-Identifier: MIT */
/*
 * Region placement over many vCPU counts, and strict layout reading.
 *
 * Every plan is checked here with this file's own arithmetic and its own
 * pairwise overlap test, against windows read from the layout files with
 * jansson: alignment, IPA bounds, overlap, and the fill of the redistributor
 * windows (in order, each to floor(window / frame), spilling into the next).
 */
#include <check.h>
#include <dirent.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "planner.h"
#include "platform.h"
#include "tiers.h"
#include "xfile.h"
#include "xlayout.h"
#include "xplan.h"
#include "xrun.h"

#define LAYOUT(name) GICPLAN_SOURCE_DIR "/tests/layouts/" name
#define BUNDLED(name) GICPLAN_SOURCE_DIR "/layouts/" name ".json"

#define KIB (UINT64_C(1) << 10)
#define MIB (UINT64_C(1) << 20)
#define GIB (UINT64_C(1) << 30)
#define FRAME_64K (64 * KIB)
#define V3_FRAME (128 * KIB)
#define V4_FRAME (256 * KIB)
#define GICD_BYTES (64 * KIB)
#define ITS_BYTES (128 * KIB)

static bool aligned(uint64_t v, uint64_t a)
{
	return v % a == 0;
}

/* ---- checking one plan -------------------------------------------------------------- */

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

/* Everything a plan of @cpus on the loaded platform must satisfy. */
static void check_plan_ipa(uint64_t cpus, unsigned v, bool its, unsigned ipa)
{
	/* A platform may give GICv4 only to a guest with EL2 (QEMU's virt): ask for it there. */
	struct gp_request req = { .cpus = cpus, .gic_version = v, .its = its, .ipa_bits = ipa,
				  .virtualization = v == 4 && plat.v4_needs_virtualization ? 1 : -1 };
	uint64_t frame = v == 3 ? V3_FRAME : V4_FRAME, ipa_end, next = 0, left = cpus;
	unsigned bits = ipa ? ipa : xl.ipa_bits;
	/* Past the vCPUs an ITS can target (16-bit collection IDs), no placement holds them. */
	int tier = its && cpus > GP_ITS_TARGETS_MAX ? -1 : x_tier(&xl, cpus, frame, bits, its);
	const struct xplace *xp;
	struct gp_region *r;
	size_t n, w;
	uint32_t k = 0;
	bool seen_gicd = false, seen_its = false, seen_ram = false;

	gp_error_init(&err);
	if (tier < 0) {
		EXPECT(gp_plan_make(&plat, &req, &plan, &err) < 0, "%s: %" PRIu64 " vCPUs GICv%u "
		       "planned on %s, but no placement holds them", plat.name, cpus, v, plan.tier);
		EXPECT(err.exit_code == GP_EXIT_INFEASIBLE, "%s: exit %d: %s", plat.name,
		       err.exit_code, err.msg);
		return;
	}
	EXPECT(gp_plan_make(&plat, &req, &plan, &err) == 0, "%s: %" PRIu64 " vCPUs GICv%u its %d: %s",
	       plat.name, cpus, v, its, err.msg);
	xp = &xl.pl[tier];
	ipa_end = UINT64_C(1) << plan.ipa_bits;
	EXPECT(plan.ipa_bits == bits, "ipa bits %u, expected %u", plan.ipa_bits, bits);
	EXPECT(strcmp(plan.tier, xp->name) == 0, "%s: %" PRIu64 " vCPUs GICv%u: tier %s, expected %s",
	       plat.name, cpus, v, plan.tier, xp->name);
	EXPECT(plan.redist_size == frame, "redist size 0x%" PRIx64, plan.redist_size);

	/* The GIC: where the placement says, 64 KiB aligned. */
	EXPECT(plan.gicd.base == xp->gicd && plan.gicd.size == GICD_BYTES, "gicd 0x%" PRIx64
	       " +0x%" PRIx64, plan.gicd.base, plan.gicd.size);
	EXPECT(aligned(plan.gicd.base, FRAME_64K), "gicd 0x%" PRIx64 " misaligned", plan.gicd.base);
	EXPECT(plan.has_its == its, "%" PRIu64 " vCPUs: has_its %d, asked %d", cpus, plan.has_its,
	       its);
	if (plan.has_its) {
		EXPECT(plan.its.base == xp->its && plan.its.size == ITS_BYTES, "its 0x%" PRIx64,
		       plan.its.base);
		EXPECT(aligned(plan.its.base, FRAME_64K), "its 0x%" PRIx64 " misaligned",
		       plan.its.base);
	}

	/* The redistributor windows, filled in order, empty ones left out. */
	for (w = 0; w < xp->nwin && left > 0; w++) {
		uint64_t bytes = x_window_bytes(&xp->win[w], plan.ipa_bits), cap = bytes / frame;
		uint64_t count = left < cap ? left : cap;
		const struct gp_redist_region *g = &plan.redist[k];

		if (cap == 0)
			continue;
		EXPECT(k < plan.nr_redist, "%" PRIu64 " vCPUs: only %u regions", cpus, plan.nr_redist);
		EXPECT(g->base == xp->win[w].base, "redist%u base 0x%" PRIx64 ", window at 0x%" PRIx64,
		       k, g->base, xp->win[w].base);
		EXPECT(g->window == bytes, "redist%u window 0x%" PRIx64 ", expected 0x%" PRIx64, k,
		       g->window, bytes);
		EXPECT(g->capacity == cap, "redist%u capacity %" PRIu64 ", expected %" PRIu64, k,
		       g->capacity, cap);
		EXPECT(g->first_cpu == next, "redist%u first_cpu %" PRIu64 ", expected %" PRIu64, k,
		       g->first_cpu, next);
		EXPECT(g->count == count && g->count >= 1 && g->count <= g->capacity,
		       "redist%u count %" PRIu64 ", expected %" PRIu64, k, g->count, count);
		EXPECT(g->reg_size == (xp->reg_window ? bytes : count * frame),
		       "redist%u reg_size 0x%" PRIx64, k, g->reg_size);
		EXPECT(aligned(g->base, FRAME_64K) && aligned(g->reg_size, FRAME_64K),
		       "redist%u [0x%" PRIx64 ", +0x%" PRIx64 ") misaligned", k, g->base, g->reg_size);
		EXPECT(g->base < ipa_end && g->reg_size <= ipa_end - g->base &&
		       g->window <= ipa_end - g->base, "redist%u [0x%" PRIx64 ", +0x%" PRIx64 ") "
		       "leaves the %u-bit IPA", k, g->base, g->window, plan.ipa_bits);
		next += count;
		left -= count;
		k++;
	}
	EXPECT(left == 0 && next == cpus, "%" PRIu64 " vCPUs: windows hold %" PRIu64, cpus, next);
	EXPECT(plan.nr_redist == k, "%" PRIu64 " vCPUs: %u regions, expected %u", cpus,
	       plan.nr_redist, k);

	/* Every named region: inside the IPA, no two overlapping (pairwise, here). */
	n = gp_plan_regions(&plan, NULL, 0);
	EXPECT(n >= 3, "only %zu regions", n);
	r = calloc(n, sizeof(*r));
	ck_assert_ptr_nonnull(r);
	EXPECT(gp_plan_regions(&plan, r, n) == n, "region count changed");
	for (size_t i = 0; i < n; i++) {
		EXPECT(r[i].size > 0, "region %s has size 0", r[i].name);
		EXPECT(r[i].base < ipa_end && r[i].size <= ipa_end - r[i].base,
		       "%" PRIu64 " vCPUs: region %s [0x%" PRIx64 ", +0x%" PRIx64 ") leaves the "
		       "%u-bit IPA", cpus, r[i].name, r[i].base, r[i].size, plan.ipa_bits);
		for (size_t j = i + 1; j < n; j++)
			EXPECT(r[i].base + r[i].size <= r[j].base || r[j].base + r[j].size <= r[i].base,
			       "%s %" PRIu64 " vCPUs GICv%u: %s [0x%" PRIx64 ", +0x%" PRIx64 ") overlaps "
			       "%s [0x%" PRIx64 ", +0x%" PRIx64 ")", plat.name, cpus, v, r[i].name,
			       r[i].base, r[i].size, r[j].name, r[j].base, r[j].size);
		if (strcmp(r[i].name, "gicd") == 0) {
			seen_gicd = true;
			EXPECT(r[i].base == xp->gicd && r[i].size == GICD_BYTES, "gicd region");
		} else if (strcmp(r[i].name, "its") == 0) {
			seen_its = true;
			EXPECT(r[i].base == xp->its && r[i].size == ITS_BYTES, "its region");
		} else if (strcmp(r[i].name, "ram") == 0) {
			seen_ram = true;
			EXPECT(r[i].size == plan.req.ram_size, "ram region size");
		} else if (strncmp(r[i].name, "redist", 6) == 0) {
			unsigned long idx = strtoul(r[i].name + 6, NULL, 10);

			EXPECT(idx < plan.nr_redist && r[i].base == plan.redist[idx].base &&
			       r[i].size >= plan.redist[idx].reg_size, "region %s", r[i].name);
		}
	}
	EXPECT(seen_gicd && seen_ram && seen_its == its, "gicd %d ram %d its %d", seen_gicd, seen_ram,
	       seen_its);
	free(r);
}

static void check_plan(uint64_t cpus, unsigned v, bool its)
{
	check_plan_ipa(cpus, v, its, 0);
}

/* 1..2100 one by one, then steps, primes and powers of two (and their neighbours) to 65536. */
static size_t sweep_counts(uint64_t *out, size_t max)
{
	static const uint64_t primes[] = { 2111, 2203, 2999, 4093, 4099, 8191, 8209, 16381, 16411,
					   32749, 32771, 65521, 65519, 49999, 10007, 20011 };
	size_t n = 0;

	for (uint64_t c = 1; c <= 2100 && n < max; c++)
		out[n++] = c;
	for (uint64_t c = 2101; c <= 65536 && n < max; c += 97)
		out[n++] = c;
	for (size_t i = 0; i < sizeof(primes) / sizeof(primes[0]) && n < max; i++)
		out[n++] = primes[i];
	for (unsigned b = 12; b <= 15 && n + 3 <= max; b++) {
		out[n++] = (UINT64_C(1) << b) - 1;
		out[n++] = UINT64_C(1) << b;
		out[n++] = (UINT64_C(1) << b) + 1;
	}
	if (n + 2 <= max) {
		out[n++] = 65535;
		out[n++] = 65536;
	}
	return n;
}

static void sweep(const char *name_or_path, const char *json_path)
{
	static uint64_t counts[4096];
	size_t n = sweep_counts(counts, sizeof(counts) / sizeof(counts[0]));

	load(name_or_path, json_path);
	for (unsigned v = 3; v <= 4; v++) {
		if (!(plat.gic_versions & (1u << v)))
			continue;
		for (int its = 0; its <= 1; its++)
			for (size_t i = 0; i < n; i++)
				check_plan(counts[i], v, its);
	}
}

START_TEST(sweep_virt)
{
	x_checks = 0;
	sweep("virt", BUNDLED("virt"));
	ck_assert_uint_gt(x_checks, 100000);
	printf("layout: virt sweep: %lu checks\n", x_checks);
}
END_TEST

START_TEST(sweep_split)
{
	x_checks = 0;
	sweep(LAYOUT("good/split.json"), LAYOUT("good/split.json"));
	printf("layout: split sweep: %lu checks\n", x_checks);
}
END_TEST

/* small holds 254 (GICv3): past that every count must be refused with exit 3. */
START_TEST(sweep_small)
{
	x_checks = 0;
	sweep(LAYOUT("good/small.json"), LAYOUT("good/small.json"));
	printf("layout: small sweep: %lu checks\n", x_checks);
}
END_TEST

/*
 * Whether a layout has a window growing down from a "top": this file's model
 * knows fixed windows only; tests/test_platforms.c checks the growing ones.
 */
static bool x_has_growing_window(const char *path)
{
	json_error_t jerr;
	json_t *root = json_load_file(path, 0, &jerr), *pl, *w;
	bool growing = false;
	size_t i, k;

	ck_assert_msg(root != NULL, "%s: %s", path, jerr.text);
	json_array_foreach(json_object_get(root, "placements"), i, pl)
		json_array_foreach(json_object_get(pl, "redist_regions"), k, w)
			growing |= json_object_get(w, "top") != NULL;
	json_decref(root);
	return growing;
}

/*
 * Every bundled platform but virt (sweep_virt's counts, versions, ITS choices
 * and IPA hold all of these): 1..600 and a few large counts.
 */
START_TEST(sweep_bundled)
{
	char (*names)[GP_NAME_MAX] = calloc(GP_PLATFORMS_MAX, GP_NAME_MAX);
	static const uint64_t big[] = { 1019, 1020, 2048, 4096, 65536 };
	int n;

	ck_assert_ptr_nonnull(names);
	gp_error_init(&err);
	n = gp_platform_list(names, GP_PLATFORMS_MAX, &err);
	ck_assert_msg(n >= 1, "%s", err.msg);
	for (int i = 0; i < n; i++) {
		char path[4096];

		snprintf(path, sizeof(path), GICPLAN_SOURCE_DIR "/layouts/%s.json", names[i]);
		if (strcmp(names[i], "virt") == 0 || x_has_growing_window(path))
			continue;
		load(names[i], path);
		for (unsigned v = 3; v <= 4; v++) {
			if (!(plat.gic_versions & (1u << v)))
				continue;
			for (int its = 0; its <= 1; its++) {
				for (uint64_t c = 1; c <= 600; c++)
					check_plan(c, v, its);
				for (size_t b = 0; b < sizeof(big) / sizeof(big[0]); b++)
					check_plan(big[b], v, its);
			}
		}
	}
	free(names);
}
END_TEST

/* Other IPA sizes: below 40 bits the high window is empty (exit 3 past compact), above it grows. */
START_TEST(sweep_virt_other_ipa)
{
	static const uint64_t counts[] = { 1, 127, 128, 1019, 1020, 65536, 1048576, 4194304,
					   4194305, 16777216 };

	load("virt", BUNDLED("virt"));
	for (unsigned ipa = 36; ipa <= 48; ipa += 4)
		for (size_t i = 0; i < sizeof(counts) / sizeof(counts[0]); i++)
			for (unsigned v = 3; v <= 4; v++)
				check_plan_ipa(counts[i], v, true, ipa);
}
END_TEST

/* gp_regions_overlap agrees with a brute-force pairwise test on random small sets. */
START_TEST(regions_overlap_matches_brute_force)
{
	uint64_t seed = 0x9e3779b97f4a7c15u;

	for (int round = 0; round < 20000; round++) {
		struct gp_region r[8];
		const struct gp_region *a = NULL, *b = NULL;
		size_t n = 2 + (size_t)(round % 7);
		bool brute = false, got;

		for (size_t i = 0; i < n; i++) {
			seed = seed * 6364136223846793005u + 1442695040888963407u;
			snprintf(r[i].name, sizeof(r[i].name), "r%zu", i);
			r[i].base = (seed >> 33) % 64;
			r[i].size = 1 + (seed >> 17) % 16;
		}
		for (size_t i = 0; i < n; i++)
			for (size_t j = i + 1; j < n; j++)
				if (r[i].base < r[j].base + r[j].size && r[j].base < r[i].base + r[i].size)
					brute = true;
		got = gp_regions_overlap(r, n, &a, &b);
		ck_assert_int_eq(got, brute);
		if (got) {
			ck_assert_ptr_nonnull(a);
			ck_assert_ptr_nonnull(b);
			ck_assert_ptr_ne(a, b);
			ck_assert_msg(a->base < b->base + b->size && b->base < a->base + a->size,
				      "reported pair [%" PRIu64 ", +%" PRIu64 ") [%" PRIu64 ", +%" PRIu64
				      ") does not overlap", a->base, a->size, b->base, b->size);
		}
	}
}
END_TEST

/* ---- strict layout reading ---------------------------------------------------------- */

struct bad_layout {
	const char *file;      /* under tests/layouts/bad/ */
	const char *path[2];   /* what follows "FILE: " (either one) */
	const char *needle[2]; /* also in the message */
};

static const struct bad_layout bad_layouts[] = {
	{ "unknown-key-top", { "$.colour:" }, { "unknown" } },
	{ "unknown-key-gic", { "$.gic.lpis:" }, { "unknown" } },
	{ "unknown-key-device", { "$.devices[1].irq:" }, { "unknown" } },
	{ "unknown-key-placement", { "$.placements[1].gicr:" }, { "unknown" } },
	{ "unknown-key-move", { "$.placements[1].moves.rtc.bsae:" }, { "unknown" } },
	{ "unknown-key-window", { "$.placements[0].redist_regions[0].stride:" }, { "unknown" } },
	{ "wrong-type-integer", { "$.ipa_bits:" }, { "integer", "string" } },
	{ "wrong-type-bool", { "$.gic.its:" }, { "string" } },
	{ "wrong-type-address", { "$.devices[0].base:" }, { "boolean" } },
	{ "wrong-type-placements", { "$.placements:" }, { NULL } },
	{ "overlap-fixed", { "$.devices[1]:", "$.devices[0]:" }, { "uart", "rtc" } },
	{ "overlap-ram", { "$.devices[1]:", "$.ram:" }, { "ram", "rtc" } },
	{ "misaligned-gicd", { "$.placements[0].gicd:" }, { "64 KiB", "0x8008000" } },
	{ "misaligned-its", { "$.placements[1].its:" }, { "64 KiB", "0x8021000" } },
	{ "misaligned-redist", { "$.placements[0].redist_regions[0].base:" }, { "64 KiB" } },
	{ "misaligned-redist-size", { "$.placements[0].redist_regions[0].size:" }, { "64 KiB" } },
	{ "misaligned-device", { "$.devices[0]" }, { "4 KiB", "0x9000800" } },
	{ "move-overlap", { "$.placements[1]:" }, { "uart", "rtc" } },
	{ "move-into-gic", { "$.placements[1]:" }, { "rtc", "redist" } },
	{ "move-missing", { "$.placements[1]:" }, { "fw-cfg", "redist" } },
	{ "move-unknown-device", { "$.placements[1].moves.serial0:" }, { "serial0" } },
	{ "move-unknown-window", { "$.placements[1].moves.uart.mmio:" }, { "mmio" } },
	{ "spi-on-fw-cfg", { "$.devices[2]" }, { "spi", "fw-cfg" } },
	{ "spi-missing", { "$.devices[1].spi:" }, { "missing" } },
	{ "flash-too-many-banks", { "$.devices[3]:" }, { "64 banks", "not 65" } },
	{ "to-ipa-end-underscore", { "$.placements[1].redist_regions[0].size:" }, { "to_ipa_end" } },
	{ "to-ipa-end-case", { "$.placements[0].redist_regions[0].size:" }, { "To-IPA-End" } },
	{ "duplicate-device-name", { "$.devices[1]" }, { "uart" } },
	{ "duplicate-placement-name", { "$.placements[1]" }, { "low" } },
	{ "stdout-unknown", { "$.stdout:" }, { "console" } },
	{ "stdout-not-serial", { "$.stdout:" }, { "rtc" } },
	{ "default-version-not-offered", { "$.gic.default_version:" }, { NULL } },
	{ "spi-duplicate", { "$.devices[1].spi:" }, { "SPI 1 ", "uart" } },
	{ "spi-in-range", { "$.devices[4].spi:" }, { "SPI 20 ", "gpio" } },
	{ "spi-beyond-gic-spis", { "$.devices[1].spi:" }, { "SPI 64 ", "gic.spis" } },
	{ "spi-past-last", { "$.devices[3].spi:" }, { "970..1001", "987" } },
	{ "ppi-maintenance-on-timer", { "$.gic.maintenance_ppi:" }, { "PPI 10 ", "timer" } },
	{ "ppi-pmu-on-timer", { "$.pmu.ppi:" }, { "PPI 14 ", "timer" } },
	{ "ppi-timer-twice", { "$.timer.ppis[3]:" }, { "PPI 13 ", "ppis[0]" } },
	{ "syntax-missing-comma", { "line 4 column" }, { NULL } },
	{ "syntax-duplicate-key", { "line 4 column" }, { "duplicate" } },
	{ "syntax-empty", { "line 1 column" }, { NULL } },
};

#define NR_BAD (sizeof(bad_layouts) / sizeof(bad_layouts[0]))

static void expect_layout_error(const char *source, const struct bad_layout *b)
{
	char want[4096];
	bool path_ok = false;

	ck_assert_int_eq(err.exit_code, GP_EXIT_USAGE);
	ck_assert_msg(strchr(err.msg, '\n') == NULL, "not one line: %s", err.msg);
	for (int i = 0; i < 2 && b->path[i]; i++) {
		snprintf(want, sizeof(want), "%s: %s", source, b->path[i]);
		if (strncmp(err.msg, want, strlen(want)) == 0)
			path_ok = true;
	}
	ck_assert_msg(path_ok, "%s: message \"%s\" does not start with \"%s: %s\"", b->file, err.msg,
		      source, b->path[0]);
	for (int i = 0; i < 2 && b->needle[i]; i++)
		ck_assert_msg(strstr(err.msg, b->needle[i]) != NULL, "%s: \"%s\" not in \"%s\"",
			      b->file, b->needle[i], err.msg);
}

START_TEST(bad_layout_file)
{
	const struct bad_layout *b = &bad_layouts[_i];
	char path[4096];

	snprintf(path, sizeof(path), GICPLAN_SOURCE_DIR "/tests/layouts/bad/%s.json", b->file);
	gp_error_init(&err);
	ck_assert_msg(gp_platform_load(path, &plat, &err) < 0, "%s loaded", b->file);
	expect_layout_error(path, b);
}
END_TEST

/* The same through gp_platform_parse on text: the error names the source given. */
START_TEST(bad_layout_text)
{
	const struct bad_layout *b = &bad_layouts[_i];
	char path[4096], source[128];
	char *text;
	size_t len;

	snprintf(path, sizeof(path), GICPLAN_SOURCE_DIR "/tests/layouts/bad/%s.json", b->file);
	snprintf(source, sizeof(source), "<text of %s>", b->file);
	text = x_read_file(path, &len);
	gp_error_init(&err);
	ck_assert_int_lt(gp_platform_parse(source, text, len, &plat, &err), 0);
	expect_layout_error(source, b);
	free(text);
}
END_TEST

/* Every fixture in bad/ is in the table: a new one cannot be left untested. */
START_TEST(bad_fixtures_all_listed)
{
	DIR *d = opendir(GICPLAN_SOURCE_DIR "/tests/layouts/bad");
	struct dirent *e;
	size_t files = 0;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		bool listed = false;

		if (len <= 5 || strcmp(e->d_name + len - 5, ".json") != 0)
			continue;
		files++;
		for (size_t i = 0; i < NR_BAD; i++)
			if (strlen(bad_layouts[i].file) == len - 5 &&
			    strncmp(bad_layouts[i].file, e->d_name, len - 5) == 0)
				listed = true;
		ck_assert_msg(listed, "tests/layouts/bad/%s is not in bad_layouts[]", e->d_name);
	}
	closedir(d);
	ck_assert_uint_eq(files, NR_BAD);
}
END_TEST

/* A small in-memory edit of a good layout: the reader catches a value out of range. */
START_TEST(layout_text_out_of_range)
{
	static const char *const edits[][3] = {
		/* from, to, path */
		{ "\"ipa_bits\": 40", "\"ipa_bits\": 60", "$.ipa_bits:" },
		{ "\"ipa_bits\": 40", "\"ipa_bits\": 31", "$.ipa_bits:" },
		{ "\"spis\": 64", "\"spis\": 100", "$.gic.spis:" },
		{ "\"spis\": 64", "\"spis\": 1024", "$.gic.spis:" },
		{ "\"maintenance_ppi\": 9", "\"maintenance_ppi\": 16", "$.gic.maintenance_ppi:" },
		{ "\"version\": 1", "\"version\": 0", "$.version:" },
		{ "\"spi\": 2 }", "\"spi\": 988 }", "$.devices[1].spi:" },
		{ "\"ppis\": [13, 14, 11, 10]", "\"ppis\": [13, 14, 11, 16]", "$.timer.ppis[3]:" },
	};
	size_t len;
	char *text = x_read_file(LAYOUT("good/small.json"), &len);

	gp_error_init(&err);
	ck_assert_msg(gp_platform_parse("small", text, len, &plat, &err) == 0, "%s", err.msg);
	for (size_t i = 0; i < sizeof(edits) / sizeof(edits[0]); i++) {
		const char *at = strstr(text, edits[i][0]);
		size_t cap = len + strlen(edits[i][1]) + 1;
		char want[256], *edited = malloc(cap);
		int n;

		ck_assert_ptr_nonnull(edited);
		ck_assert_msg(at != NULL, "\"%s\" not in small.json", edits[i][0]);
		n = snprintf(edited, cap, "%.*s%s%s", (int)(at - text), text, edits[i][1],
			     at + strlen(edits[i][0]));
		ck_assert_int_gt(n, 0);
		gp_error_init(&err);
		ck_assert_msg(gp_platform_parse("edited.json", edited, (size_t)n, &plat, &err) < 0,
			      "accepted %s", edits[i][1]);
		ck_assert_int_eq(err.exit_code, GP_EXIT_USAGE);
		snprintf(want, sizeof(want), "edited.json: %s", edits[i][2]);
		ck_assert_msg(strncmp(err.msg, want, strlen(want)) == 0, "\"%s\" does not start with "
			      "\"%s\"", err.msg, want);
		free(edited);
	}
	free(text);
}
END_TEST

/* A user's layout, by path: loaded, planned, its moves applied. */
START_TEST(user_layout_by_path)
{
	json_error_t jerr;
	json_t *root = json_load_file(LAYOUT("good/small.json"), 0, &jerr), *devices, *d;
	uint64_t low;
	size_t i;

	ck_assert_ptr_nonnull(root);
	load(LAYOUT("good/small.json"), LAYOUT("good/small.json"));
	ck_assert_str_eq(plat.name, json_string_value(json_object_get(root, "name")));
	ck_assert_str_eq(plat.source, LAYOUT("good/small.json"));
	ck_assert_uint_eq(xl.nplace, 2);
	ck_assert_uint_eq(xl.pl[1].nmoves, 3);
	low = x_capacity(&xl.pl[0], V3_FRAME, xl.ipa_bits);
	/* Below the first placement's capacity devices stay; above, the moves apply. */
	devices = json_object_get(root, "devices");
	for (int t = 0; t < 2; t++) {
		check_plan(t == 0 ? low : low + 1, 3, true);
		ck_assert_str_eq(plan.tier, xl.pl[t].name);
		ck_assert_uint_eq(plan.board.nr_devices, json_array_size(devices));
		json_array_foreach(devices, i, d) {
			const char *name = json_string_value(json_object_get(d, "name"));
			uint64_t want = x_u64(json_object_get(d, "base"));

			for (size_t m = 0; m < xl.pl[t].nmoves; m++)
				if (strcmp(xl.pl[t].moves[m].target, name) == 0)
					want = xl.pl[t].moves[m].base;
			ck_assert_str_eq(plan.board.devices[i].name, name);
			ck_assert_msg(plan.board.devices[i].win[0].base == want,
				      "tier %s: %s at 0x%" PRIx64 ", expected 0x%" PRIx64,
				      plan.tier, name, plan.board.devices[i].win[0].base, want);
		}
	}
	/* "moved" describes whole windows in the tree. */
	ck_assert(xl.pl[1].reg_window);
	ck_assert_uint_eq(plan.redist[0].reg_size, xl.pl[1].win[0].size);
	json_decref(root);

	/* A path without '/' but ending in .json is a path too, not a bundled name. */
	gp_error_init(&err);
	ck_assert_int_lt(gp_platform_load("no-such-layout.json", &plat, &err), 0);
	ck_assert_int_eq(err.exit_code, GP_EXIT_USAGE);
	ck_assert_msg(strstr(err.msg, "no-such-layout.json") != NULL, "%s", err.msg);
	gp_error_init(&err);
	ck_assert_int_lt(gp_platform_load("no-such-platform", &plat, &err), 0);
	ck_assert_int_eq(err.exit_code, GP_EXIT_USAGE);
	ck_assert_msg(strstr(err.msg, "no-such-platform") != NULL, "%s", err.msg);
}
END_TEST

START_TEST(bundled_list_has_virt)
{
	char (*names)[GP_NAME_MAX] = calloc(GP_PLATFORMS_MAX, GP_NAME_MAX);
	bool virt = false;
	int n;

	ck_assert_ptr_nonnull(names);
	gp_error_init(&err);
	n = gp_platform_list(names, GP_PLATFORMS_MAX, &err);
	ck_assert_msg(n >= 1, "%s", err.msg);
	for (int i = 0; i < n; i++) {
		if (strcmp(names[i], "virt") == 0)
			virt = true;
		if (i > 0)
			ck_assert_msg(strcmp(names[i - 1], names[i]) < 0, "not sorted: %s, %s",
				      names[i - 1], names[i]);
	}
	ck_assert(virt);
	free(names);
}
END_TEST

/* ---- tiers: crossings audited --------------------------------------------------------- */

/*
 * The tiers of @layout with GICv@version: the crossing into placement @to (its
 * name) breaks migration as @breaks says, its reason starting with @reason.
 */
static void expect_crossing(const char *layout, unsigned version, const char *to, bool breaks,
			    const char *reason)
{
	struct gp_platform *p = x_platform(layout);
	struct gp_tier *t = calloc(GP_PLACEMENTS_MAX, sizeof(*t));
	struct gp_request req = { .gic_version = version, .its = p->its_default,
				  .ipa_bits = p->ipa_bits, .virtualization = -1 };
	bool seen = false;

	ck_assert_ptr_nonnull(t);
	gp_error_init(&err);
	ck_assert_msg(gp_tiers(p, &req, t, &err) == 0, "%s", err.msg);
	for (uint32_t i = 0; i < p->nr_placements; i++) {
		if (strcmp(t[i].pl->name, to) != 0)
			continue;
		seen = true;
		ck_assert_msg(t[i].crossing && t[i].audited, "%s: %s not crossed into, or not audited: "
			      "%s", layout, to, t[i].reason);
		/* The crossing is one vCPU above what the placements before hold. */
		for (uint32_t k = 0; k < i; k++)
			ck_assert_uint_lt(t[k].capacity, t[i].lo);
		ck_assert_int_eq(t[i].breaks, breaks);
		ck_assert_msg(strncmp(t[i].reason, reason, strlen(reason)) == 0,
			      "%s GICv%u into %s: reason \"%s\", expected \"%s...\"", layout, version,
			      to, t[i].reason, reason);
	}
	ck_assert_msg(seen, "%s has no placement %s", layout, to);
	free(t);
	free(p);
}

START_TEST(tiers_crossings_audited)
{
	/* virt's compact and high tiers move the ITS (layouts/virt.json). */
	for (unsigned v = 3; v <= 4; v++) {
		expect_crossing("virt", v, "compact", true, "ITS: ");
		expect_crossing("virt", v, "high", true, "ITS: ");
		/* adds-region keeps its low window and only adds one at 256 GiB. */
		expect_crossing(LAYOUT("good/adds-region.json"), v, "low+high", false,
				"only adds redistributor region 1 (0x4000000000 ");
	}
}
END_TEST

/*
 * A crossing the planner refuses is listed, not audited, with the planner's
 * own message as its reason. No layout's ranges lead to one (they are the
 * planner's: tiers_ranges_are_the_planners), so a request it refuses
 * whatever the count stands in: an SPI count no GIC implements.
 */
START_TEST(tiers_refused_crossing)
{
	struct gp_platform *p = x_platform(LAYOUT("good/adds-region.json"));
	struct gp_tier *t = calloc(GP_PLACEMENTS_MAX, sizeof(*t));
	struct gp_request req = { .gic_version = 3, .its = 1, .ipa_bits = p->ipa_bits,
				  .spis = GP_SPI_GRANULE + 1, .virtualization = -1 };
	char want[sizeof(t->reason)];
	size_t crossings = 0;

	ck_assert_ptr_nonnull(t);
	gp_error_init(&err);
	ck_assert_msg(gp_tiers(p, &req, t, &err) == 0, "%s", err.msg);
	for (uint32_t i = 0; i < p->nr_placements; i++) {
		if (!t[i].crossing)
			continue;
		crossings++;
		ck_assert(!t[i].audited && !t[i].breaks);
		req.cpus = t[i].lo;
		gp_error_init(&err);
		ck_assert_int_lt(gp_plan_make(p, &req, &plan, &err), 0);
		snprintf(want, sizeof(want), "the planner refuses it: %s", err.msg);
		ck_assert_str_eq(t[i].reason, want);
	}
	ck_assert_uint_eq(crossings, 1);
	free(t);
	free(p);
}
END_TEST

/* ---- tiers: the ranges are the planner's ------------------------------------------- */

/* The IPA sizes the ranges are checked at: the smallest KVM takes, every 4 bits to the largest. */
#define RANGE_IPA_STEP 4u

/*
 * Plan @cpus of @req on @p: 0 when the planner plans it (its placement's
 * name into @tier), else its exit code (and its message into @why).
 */
static int plan_tier(const struct gp_platform *p, const struct gp_request *req, uint64_t cpus,
		     char *tier, size_t cap, char *why, size_t why_cap)
{
	struct gp_request r = *req;

	r.cpus = cpus;
	gp_error_init(&err);
	if (gp_plan_make(p, &r, &plan, &err) < 0) {
		snprintf(why, why_cap, "%s", err.msg);
		return err.exit_code;
	}
	snprintf(tier, cap, "%s", plan.tier);
	return 0;
}

/*
 * Every chosen placement's range of @p for @req (resolved; its cpus ignored),
 * as gp_tier_range gives it (what `gicplan tiers`, gicplan_tiers and
 * gicplan_platform_placement show): its least and its most vCPUs are planned on
 * it, and one past the most of all is refused (exit 3). Returns how many of
 * these the planner disagrees with, each printed.
 */
static unsigned check_ranges(const struct gp_platform *p, const struct gp_request *req)
{
	struct gp_fit fit = gp_request_fit(req);
	uint64_t most = 0;
	unsigned wrong = 0;
	char tier[GP_NAME_MAX], why[GP_ERROR_MSG_MAX];

	for (uint32_t i = 0; i < p->nr_placements; i++) {
		const char *name = p->placements[i].name;
		uint64_t lo, hi, ends[2];

		gp_tier_range(p, i, &fit, &lo, &hi);
		if (hi < lo)
			continue;
		ends[0] = lo;
		ends[1] = hi;
		for (size_t e = 0; e < 2; e++) {
			int rc = plan_tier(p, req, ends[e], tier, sizeof(tier), why, sizeof(why));

			x_checks++;
			if (rc == 0 && strcmp(tier, name) == 0)
				continue;
			wrong++;
			printf("%s GICv%u %s %u-bit IPA: %s chosen for %" PRIu64 "..%" PRIu64
			       ", but %" PRIu64 " vCPUs %s%s\n", p->name, req->gic_version,
			       req->its ? "ITS" : "no ITS", req->ipa_bits, name, lo, hi, ends[e],
			       rc == 0 ? "are planned on " : "are refused: ", rc == 0 ? tier : why);
			fflush(stdout);
		}
		if (hi > most)
			most = hi;
	}
	x_checks++;
	if (plan_tier(p, req, most + 1, tier, sizeof(tier), why, sizeof(why)) !=
	    GP_EXIT_INFEASIBLE) {
		wrong++;
		printf("%s GICv%u %s %u-bit IPA: the tiers end at %" PRIu64 ", but %" PRIu64
		       " vCPUs are planned on %s\n", p->name, req->gic_version,
		       req->its ? "ITS" : "no ITS", req->ipa_bits, most, most + 1, tier);
		fflush(stdout);
	}
	return wrong;
}

/* check_ranges for the layout at @path: each GIC version it offers, ITS or not, each IPA size. */
static unsigned check_layout_ranges(const char *path)
{
	struct gp_platform *p = x_platform(path);
	unsigned wrong = 0;

	for (unsigned v = 3; v <= 4; v++) {
		if (!(p->gic_versions & (1u << v)))
			continue;
		for (int its = 0; its <= 1; its++)
			for (unsigned ipa = GP_IPA_BITS_MIN; ipa <= GP_IPA_BITS_MAX;
			     ipa += RANGE_IPA_STEP) {
				struct gp_request req = { .cpus = 1, .gic_version = v, .its = its,
							  .ipa_bits = ipa, .virtualization = -1 }, r;

				if (v == 4 && p->v4_needs_virtualization)
					req.virtualization = 1;
				gp_error_init(&err);
				/* An ITS from a platform with none is refused whatever the count. */
				if (its && gp_request_resolve(p, &req, &r, &err) < 0 &&
				    err.exit_code == GP_EXIT_USAGE)
					continue;
				x_checks++;
				if (gp_request_resolve(p, &req, &r, &err) < 0) {
					wrong++;
					printf("%s GICv%u its %d %u-bit IPA: every count "
					       "refused: %s\n", p->name, v, its, ipa, err.msg);
					fflush(stdout);
					continue;
				}
				wrong += check_ranges(p, &r);
			}
	}
	free(p);
	return wrong;
}

/* Every layout file in @dir (a path ending in '/'). */
static unsigned check_dir_ranges(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	unsigned wrong = 0, files = 0;

	ck_assert_msg(d != NULL, "cannot open %s", dir);
	while ((e = readdir(d)) != NULL) {
		char path[4096];
		size_t len = strlen(e->d_name);

		if (len < 5 || strcmp(e->d_name + len - 5, ".json") != 0)
			continue;
		snprintf(path, sizeof(path), "%s%s", dir, e->d_name);
		wrong += check_layout_ranges(path);
		files++;
	}
	closedir(d);
	ck_assert_msg(files > 0, "no layout in %s", dir);
	return wrong;
}

/*
 * The vCPU counts tiers gives each placement are the planner's: at a chosen
 * placement's least and most the planner plans that placement, and past the
 * most of all it refuses, for every layout, GIC version, ITS or not and IPA
 * size (a fixed window that ends above the IPA holds nothing there).
 */
START_TEST(tiers_ranges_are_the_planners)
{
	unsigned wrong;

	x_checks = 0;
	wrong = check_dir_ranges(GICPLAN_SOURCE_DIR "/layouts/") +
		check_dir_ranges(LAYOUT("good/"));
	printf("layout: tier ranges: %lu checks\n", x_checks);
	ck_assert_msg(wrong == 0, "%u tier ends the planner disagrees with (listed above)", wrong);
}
END_TEST

/*
 * A placement without an ITS is never chosen for a request with one: the
 * planner refuses it whatever the count (adds-region's low, its ITS taken out).
 */
START_TEST(tiers_ranges_skip_a_placement_without_its)
{
	struct gp_platform *p = x_platform(LAYOUT("good/adds-region.json"));
	struct gp_request req = { .cpus = 1, .its = 1, .virtualization = -1 }, r;
	struct gp_fit fit;
	uint64_t lo, hi;

	p->placements[0].has_its = false;
	x_checks = 0;
	for (unsigned v = 3; v <= 4; v++) {
		req.gic_version = v;
		gp_error_init(&err);
		ck_assert_msg(gp_request_resolve(p, &req, &r, &err) == 0, "%s", err.msg);
		fit = gp_request_fit(&r);
		ck_assert_uint_eq(gp_placement_capacity(&p->placements[0], &fit), 0);
		gp_tier_range(p, 1, &fit, &lo, &hi);
		ck_assert_uint_eq(lo, 1);
		ck_assert_uint_eq(check_ranges(p, &r), 0);
		/* Without an ITS it holds its window again. */
		fit.its = false;
		ck_assert_uint_gt(gp_placement_capacity(&p->placements[0], &fit), 0);
	}
	free(p);
}
END_TEST

static Suite *layout_suite(void)
{
	Suite *s = suite_create("layout");
	TCase *tc = tcase_create("placement");
	TCase *tr = tcase_create("reader");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, sweep_virt);
	tcase_add_test(tc, sweep_split);
	tcase_add_test(tc, sweep_small);
	tcase_add_test(tc, sweep_bundled);
	tcase_add_test(tc, sweep_virt_other_ipa);
	tcase_add_test(tc, regions_overlap_matches_brute_force);
	suite_add_tcase(s, tc);

	tcase_set_timeout(tr, 30);
	tcase_add_loop_test(tr, bad_layout_file, 0, (int)NR_BAD);
	tcase_add_loop_test(tr, bad_layout_text, 0, (int)NR_BAD);
	tcase_add_test(tr, bad_fixtures_all_listed);
	tcase_add_test(tr, layout_text_out_of_range);
	tcase_add_test(tr, user_layout_by_path);
	tcase_add_test(tr, bundled_list_has_virt);
	tcase_add_test(tr, tiers_crossings_audited);
	tcase_add_test(tr, tiers_refused_crossing);
	tcase_add_test(tr, tiers_ranges_are_the_planners);
	tcase_add_test(tr, tiers_ranges_skip_a_placement_without_its);
	suite_add_tcase(s, tr);
	return s;
}

int main(void)
{
	return x_run_suite(layout_suite(), true);
}
