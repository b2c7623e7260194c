/* SPDX-License-Identifier: MIT */
/*
 * libgicplan's maps (gicplan.h, "Maps"): each public answer against the
 * planner's own (the internal plan and preview of the same request and
 * placement) and against what the architecture and the file system say.
 */
#include <gicplan.h>

#include "xfile.h"
#include "xplan.h"

#include <check.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "layout.h"
#include "plan.h"
#include "platform.h"

/* A redistributor's bytes (IHI 0069: RD_base and SGI_base frames, plus VLPI and a reserved one on v4). */
#define V3_REDIST (UINT64_C(128) << 10)
#define V4_REDIST (UINT64_C(256) << 10)

/* A temporary file name in the build tree. */
static void temp_path(char *buf, size_t cap, const char *what)
{
	snprintf(buf, cap, "%s/test_api_map_%ld_%s", GICPLAN_BINARY_DIR, (long)getpid(), what);
}

static struct gicplan_platform *public_platform(const char *name)
{
	struct gicplan_platform *p = NULL;
	struct gicplan_error err;

	ck_assert_msg(gicplan_platform_load(name, &p, &err) == GICPLAN_OK, "%s", err.message);
	return p;
}

/* @cpus planned on @name with GICv@gic through the public API, or NULL when nothing holds it. */
static struct gicplan_plan *public_plan(const char *name, uint64_t cpus, unsigned gic,
					unsigned ipa_bits)
{
	struct gicplan_platform *p = public_platform(name);
	struct gicplan_plan *plan = NULL;
	struct gicplan_request r;
	struct gicplan_error err;
	int rc;

	gicplan_request_init(&r);
	r.max_cpus = cpus;
	r.gic_version = gic;
	r.ipa_bits = ipa_bits;
	rc = gicplan_plan_make(p, &r, &plan, &err);
	ck_assert_msg(rc == GICPLAN_OK || rc == GICPLAN_E_INFEASIBLE || rc == GICPLAN_E_INPUT,
		      "%s", err.message);
	gicplan_platform_free(p);
	return plan;
}

/* The bundled platforms' names. */
static size_t platforms(char (*names)[GICPLAN_NAME_MAX])
{
	struct gicplan_error err;
	size_t n = 0;

	ck_assert_msg(gicplan_platforms_list(names, GICPLAN_PLATFORMS_MAX, &n, &err) == GICPLAN_OK,
		      "%s", err.message);
	ck_assert_uint_ge(n, 6);
	return n;
}

/* The public map of @plan, malloc'd, its count in *@n. */
static struct gicplan_map_region *map_of(const struct gicplan_plan *plan, size_t *n)
{
	struct gicplan_map_region *m;

	*n = gicplan_plan_map(plan, NULL, 0);
	m = calloc(*n + 1, sizeof(*m));
	ck_assert_ptr_nonnull(m);
	ck_assert_uint_eq(gicplan_plan_map(plan, m, *n), *n);
	return m;
}

/* @m's regions are @internal's (same names, bases, sizes, order). */
static void same_regions(const struct gicplan_map_region *m, size_t n, const struct gp_plan *internal)
{
	size_t k = gp_plan_regions(internal, NULL, 0);
	struct gp_region *r = calloc(k + 1, sizeof(*r));

	ck_assert_ptr_nonnull(r);
	ck_assert_uint_eq(n, k);
	gp_plan_regions(internal, r, k);
	for (size_t i = 0; i < n; i++) {
		ck_assert_str_eq(m[i].name, r[i].name);
		ck_assert_uint_eq(m[i].base, r[i].base);
		ck_assert_uint_eq(m[i].size, r[i].size);
	}
	free(r);
}

/*
 * The kinds of @plan's regions, told apart independently: the GIC's by the
 * plan's info and redistributor regions, the devices by gicplan_plan_devices.
 */
static void check_kinds(const struct gicplan_plan *plan, const struct gicplan_map_region *m,
			size_t n)
{
	struct gicplan_plan_info info;
	struct gicplan_redist_region g[64];
	struct gicplan_device d[64];
	size_t ng = gicplan_plan_redist_regions(plan, g, 64);
	size_t nd = gicplan_plan_devices(plan, d, 64);
	size_t seen[6] = { 0 };

	ck_assert_int_eq(gicplan_plan_info(plan, &info, NULL), GICPLAN_OK);
	ck_assert_uint_le(ng, 64);
	ck_assert_uint_le(nd, 64);
	for (size_t i = 0; i < n; i++) {
		const struct gicplan_map_region *r = &m[i];

		ck_assert_int_ge(r->kind, GICPLAN_REGION_GICD);
		ck_assert_int_le(r->kind, GICPLAN_REGION_RESERVED);
		seen[r->kind]++;
		switch (r->kind) {
		case GICPLAN_REGION_GICD:
			ck_assert_uint_eq(r->base, info.gicd_base);
			ck_assert_uint_eq(r->size, info.gicd_size);
			break;
		case GICPLAN_REGION_ITS:
			ck_assert(info.has_its);
			ck_assert_uint_eq(r->base, info.its_base);
			break;
		case GICPLAN_REGION_REDIST:
			ck_assert_uint_lt(r->index, ng);
			ck_assert_uint_eq(r->base, g[r->index].base);
			ck_assert_uint_eq(r->size, g[r->index].window);
			/* It holds its vCPUs, and no more than its full window allows. */
			ck_assert_uint_ge(g[r->index].capacity, g[r->index].count);
			ck_assert_uint_ge(g[r->index].capacity, 1);
			break;
		case GICPLAN_REGION_RAM:
			ck_assert_uint_eq(r->base, info.ram_base);
			ck_assert_uint_eq(r->size, info.ram_size);
			break;
		default:
			/* A device's own name, or its name then "." and the window's. */
			ck_assert_uint_lt(r->index, nd);
			ck_assert_int_eq(strncmp(r->name, d[r->index].name, strlen(d[r->index].name)), 0);
			ck_assert(r->name[strlen(d[r->index].name)] == '\0' ||
				  r->name[strlen(d[r->index].name)] == '.');
			ck_assert_int_eq(r->kind == GICPLAN_REGION_RESERVED,
					 strcmp(d[r->index].type, "reserved") == 0);
			if (strcmp(r->name, d[r->index].name) == 0)
				ck_assert_uint_eq(r->base, d[r->index].base);
			break;
		}
	}
	ck_assert_uint_eq(seen[GICPLAN_REGION_GICD], 1);
	ck_assert_uint_eq(seen[GICPLAN_REGION_ITS], info.has_its ? 1 : 0);
	ck_assert_uint_eq(seen[GICPLAN_REGION_REDIST], ng);
	ck_assert_uint_eq(seen[GICPLAN_REGION_RAM], 1);
}

START_TEST(map_of_every_platform)
{
	char names[GICPLAN_PLATFORMS_MAX][GICPLAN_NAME_MAX];
	size_t np = platforms(names);
	static const uint64_t cpus[] = { 1, 8, 123, 512, 4096, 70000 };
	int planned = 0;

	for (size_t i = 0; i < np; i++)
		for (size_t c = 0; c < sizeof(cpus) / sizeof(cpus[0]); c++)
			for (unsigned gic = 3; gic <= 4; gic++) {
				struct gicplan_plan *plan = public_plan(names[i], cpus[c], gic, 0);
				struct gp_request r = { .cpus = cpus[c], .gic_version = gic,
							.its = -1, .virtualization = -1 };
				struct gp_platform *ip;
				struct gp_plan *internal;
				struct gicplan_map_region *m;
				size_t n;

				if (plan == NULL)
					continue;
				planned++;
				ip = x_platform(names[i]);
				internal = x_plan(ip, &r);
				m = map_of(plan, &n);
				same_regions(m, n, internal);
				check_kinds(plan, m, n);
				for (size_t k = 0; k < n; k++) {
					struct gicplan_redist_region g[32];

					if (m[k].kind != GICPLAN_REGION_REDIST)
						continue;
					ck_assert_uint_le(gicplan_plan_redist_regions(plan, g, 32), 32);
					ck_assert_uint_eq(g[m[k].index].capacity,
							  internal->redist[m[k].index].capacity);
				}
				free(m);
				free(internal);
				free(ip);
				gicplan_plan_free(plan);
			}
	ck_assert_int_ge(planned, 24);
}
END_TEST

START_TEST(map_sizing_and_null)
{
	struct gicplan_plan *plan = public_plan("virt", 8, 3, 0);
	struct gicplan_map_region two[3];
	size_t n = gicplan_plan_map(plan, NULL, 0);

	ck_assert_uint_gt(n, 2);
	memset(two, 0x5a, sizeof(two));
	ck_assert_uint_eq(gicplan_plan_map(plan, two, 2), n);
	/* Only the two asked for are written. */
	ck_assert_uint_eq(two[2].base, UINT64_C(0x5a5a5a5a5a5a5a5a));
	ck_assert_uint_le(two[0].base, two[1].base);
	ck_assert_uint_eq(gicplan_plan_map(NULL, two, 2), 0);
	gicplan_plan_free(plan);
}
END_TEST

START_TEST(about_and_redist_size)
{
	struct gicplan_platform *p = public_platform("virt");
	struct gicplan_platform_info pi;
	struct gicplan_plan_info info;
	struct gicplan_plan_story about;
	struct gicplan_error err;
	struct gicplan_plan *plan;
	int found = 0;

	ck_assert_uint_eq(gicplan_redist_size(3), V3_REDIST);
	ck_assert_uint_eq(gicplan_redist_size(4), V4_REDIST);
	ck_assert_uint_eq(gicplan_redist_size(2), 0);
	ck_assert_uint_eq(gicplan_redist_size(5), 0);
	ck_assert_int_eq(gicplan_platform_info(p, &pi, NULL), GICPLAN_OK);

	/* A 36-bit IPA leaves virt's high PCIe window out, and the plan says so. */
	plan = public_plan("virt", 300, 4, 36);
	ck_assert_ptr_nonnull(plan);
	ck_assert_int_eq(gicplan_plan_story(plan, &about, &err), GICPLAN_OK);
	ck_assert_int_eq(gicplan_plan_info(plan, &info, NULL), GICPLAN_OK);
	ck_assert_uint_eq(info.redist_size, gicplan_redist_size(4));
	ck_assert_uint_eq(about.platform_version, pi.version);
	ck_assert_ptr_nonnull(strstr(about.notes, "dropped"));
	ck_assert_ptr_nonnull(strstr(about.notes, "36-bit"));
	for (uint32_t i = 0; i < pi.nr_placements; i++) {
		struct gicplan_fit fit = { 4, 36, 1 };
		struct gicplan_placement pl;

		ck_assert_int_eq(gicplan_platform_placement(p, i, &fit, &pl, NULL), GICPLAN_OK);
		if (strcmp(pl.name, info.tier) == 0) {
			ck_assert_str_eq(about.tier_summary, pl.summary);
			found++;
		}
	}
	ck_assert_int_eq(found, 1);
	gicplan_plan_free(plan);

	plan = public_plan("virt", 8, 3, 48);
	ck_assert_int_eq(gicplan_plan_story(plan, &about, NULL), GICPLAN_OK);
	ck_assert_str_eq(about.notes, "");
	ck_assert_int_eq(gicplan_plan_story(NULL, &about, &err), GICPLAN_E_USAGE);
	ck_assert_int_eq(gicplan_plan_story(plan, NULL, &err), GICPLAN_E_USAGE);
	gicplan_plan_free(plan);
	gicplan_platform_free(p);
}
END_TEST

START_TEST(preview_is_the_placement_at_its_largest)
{
	char names[GICPLAN_PLATFORMS_MAX][GICPLAN_NAME_MAX];
	size_t np = platforms(names);
	int previews = 0;

	for (size_t i = 0; i < np; i++) {
		struct gicplan_platform *p = public_platform(names[i]);
		struct gp_platform *ip = x_platform(names[i]);
		struct gp_plan *internal = malloc(sizeof(*internal));
		struct gicplan_platform_info pi;

		ck_assert_ptr_nonnull(internal);
		ck_assert_int_eq(gicplan_platform_info(p, &pi, NULL), GICPLAN_OK);
		for (uint32_t k = 0; k < pi.nr_placements; k++)
			for (int f = 0; f < 4; f++) {
				struct gicplan_fit fit = { 3 + (unsigned)(f & 1),
							   f < 2 ? pi.ipa_bits : 48, f & 1 };
				struct gicplan_plan *pv = NULL;
				struct gicplan_plan_info info;
				struct gicplan_placement pl;
				struct gicplan_redist_region g[32];
				struct gicplan_map_region *m;
				struct gicplan_error err;
				uint64_t held = 0;
				size_t n, ng;

				ck_assert_msg(gicplan_placement_preview(p, k, &fit, &pv, &err) ==
					      GICPLAN_OK, "%s", err.message);
				previews++;
				/* The planner's preview, its ITS as the fit asks. */
				gp_placement_preview(ip, &ip->placements[k], fit.ipa_bits, internal);
				internal->has_its = internal->has_its && fit.its;
				m = map_of(pv, &n);
				same_regions(m, n, internal);
				check_kinds(pv, m, n);
				ck_assert_int_eq(gicplan_plan_info(pv, &info, NULL), GICPLAN_OK);
				ck_assert_int_eq(gicplan_platform_placement(p, k, &fit, &pl, NULL),
						 GICPLAN_OK);
				ck_assert_str_eq(info.tier, pl.name);
				ck_assert_str_eq(info.platform, pi.name);
				ck_assert_uint_eq(info.max_cpus, 0);
				ck_assert_uint_eq(info.ipa_bits, fit.ipa_bits);
				ck_assert_uint_eq(info.gic_version, fit.gic_version);
				ck_assert_uint_eq(info.redist_size, fit.gic_version == 4 ? V4_REDIST
											: V3_REDIST);
				ng = gicplan_plan_redist_regions(pv, g, 32);
				ck_assert_uint_le(ng, 32);
				for (size_t r = 0; r < ng; r++)
					ck_assert_uint_eq(g[r].count, 0);
				/*
				 * Each window's frames, whole: together what the placement
				 * holds with an ITS (a preview keeps the placement's room for
				 * its ITS, which a fit without one gives to frames).
				 */
				for (size_t r = 0; r < n; r++)
					if (m[r].kind == GICPLAN_REGION_REDIST) {
						ck_assert_uint_eq(g[m[r].index].capacity,
								  m[r].size / info.redist_size);
						held += g[m[r].index].capacity;
					}
				ck_assert_uint_le(held, pl.capacity);
				if (fit.its)
					ck_assert_uint_eq(held, pl.capacity);
				free(m);
				gicplan_plan_free(pv);
			}
		free(internal);
		free(ip);
		gicplan_platform_free(p);
	}
	ck_assert_int_ge(previews, 24);
}
END_TEST

START_TEST(preview_errors)
{
	struct gicplan_platform *p = public_platform("virt");
	struct gicplan_platform_info pi;
	struct gicplan_fit fit = { 3, 40, 1 };
	struct gicplan_plan *pv = (struct gicplan_plan *)&fit;
	struct gicplan_error err;

	ck_assert_int_eq(gicplan_platform_info(p, &pi, NULL), GICPLAN_OK);
	ck_assert_int_eq(gicplan_placement_preview(p, pi.nr_placements, &fit, &pv, &err),
			 GICPLAN_E_USAGE);
	ck_assert_ptr_null(pv);
	ck_assert_int_eq(err.code, GICPLAN_E_USAGE);
	ck_assert_ptr_nonnull(strstr(err.message, "virt"));
	fit.gic_version = 2;
	ck_assert_int_eq(gicplan_placement_preview(p, 0, &fit, &pv, &err), GICPLAN_E_USAGE);
	fit = (struct gicplan_fit){ 3, 53, 1 };
	ck_assert_int_eq(gicplan_placement_preview(p, 0, &fit, &pv, &err), GICPLAN_E_USAGE);
	ck_assert_int_eq(gicplan_placement_preview(NULL, 0, &fit, &pv, &err), GICPLAN_E_USAGE);
	ck_assert_int_eq(gicplan_placement_preview(p, 0, NULL, &pv, &err), GICPLAN_E_USAGE);
	gicplan_platform_free(p);
}
END_TEST

START_TEST(moves_between_placements)
{
	char names[GICPLAN_PLATFORMS_MAX][GICPLAN_NAME_MAX];
	size_t np = platforms(names);
	int crossings = 0;

	for (size_t i = 0; i < np; i++) {
		struct gicplan_platform *p = public_platform(names[i]);
		struct gp_platform *ip = x_platform(names[i]);

		for (uint32_t a = 0; a < ip->nr_placements; a++)
			for (uint32_t b = 0; b < ip->nr_placements; b++) {
				char got[GICPLAN_TEXT_MAX * 2], want[GICPLAN_TEXT_MAX * 2];
				size_t n = 99, wn, commas = 0, sized = 99;

				ck_assert_int_eq(gicplan_placement_moves(p, a, b, got, sizeof(got), &n,
									 NULL), GICPLAN_OK);
				wn = gp_placement_moves(ip, &ip->placements[a], &ip->placements[b], want,
							sizeof(want));
				ck_assert_str_eq(got, want);
				ck_assert_uint_eq(n, wn);
				for (const char *s = got; (s = strstr(s, ", ")) != NULL; s++)
					commas++;
				ck_assert_uint_eq(n, got[0] ? commas + 1 : 0);
				if (a == b)
					ck_assert_uint_eq(n, 0);
				crossings += a != b && n > 0;
				ck_assert_int_eq(gicplan_placement_moves(p, a, b, NULL, 0, &sized, NULL),
						 GICPLAN_OK);
				ck_assert_uint_eq(sized, n);
			}
		free(ip);
		gicplan_platform_free(p);
	}
	/* Some bundled platform moves something between its placements. */
	ck_assert_int_ge(crossings, 1);
}
END_TEST

START_TEST(moves_errors_and_cut)
{
	struct gicplan_platform *p = public_platform("virt");
	struct gicplan_platform_info pi;
	struct gicplan_error err;
	char full[GICPLAN_TEXT_MAX * 2], small[4];
	size_t n = 7, m = 0;
	uint32_t a = 0, b = 0;

	ck_assert_int_eq(gicplan_platform_info(p, &pi, NULL), GICPLAN_OK);
	ck_assert_int_eq(gicplan_placement_moves(p, pi.nr_placements, 0, full, sizeof(full), &n,
						 &err), GICPLAN_E_USAGE);
	ck_assert_uint_eq(n, 0);
	ck_assert_int_eq(gicplan_placement_moves(p, 0, pi.nr_placements, full, sizeof(full), &n,
						 &err), GICPLAN_E_USAGE);
	ck_assert_int_eq(gicplan_placement_moves(p, 0, 0, full, sizeof(full), NULL, &err),
			 GICPLAN_E_USAGE);
	ck_assert_int_eq(gicplan_placement_moves(p, 0, 0, NULL, 8, &n, &err), GICPLAN_E_USAGE);
	/* A crossing that moves something, its names cut to a small buffer. */
	for (uint32_t i = 0; i < pi.nr_placements && m == 0; i++)
		for (uint32_t k = 0; k < pi.nr_placements && m == 0; k++) {
			ck_assert_int_eq(gicplan_placement_moves(p, i, k, full, sizeof(full), &m,
								 NULL), GICPLAN_OK);
			a = i;
			b = k;
		}
	ck_assert_uint_gt(m, 0);
	ck_assert_int_eq(gicplan_placement_moves(p, a, b, small, sizeof(small), &n, NULL),
			 GICPLAN_OK);
	ck_assert_uint_eq(n, m);
	ck_assert_uint_le(strlen(small), sizeof(small) - 1);
	ck_assert_int_eq(strncmp(small, full, strlen(small)), 0);
	gicplan_platform_free(p);
}
END_TEST

/* @plan's plan file text, malloc'd. */
static char *plan_text(const struct gicplan_plan *plan, size_t *len)
{
	char *buf;

	ck_assert_int_eq(gicplan_plan_json(plan, NULL, 0, len, NULL), GICPLAN_E_RANGE);
	buf = malloc(*len + 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert_int_eq(gicplan_plan_json(plan, buf, *len + 1, len, NULL), GICPLAN_OK);
	return buf;
}

START_TEST(input_plan_is_the_plan_written)
{
	static const struct {
		const char *platform;
		uint64_t cpus;
		unsigned gic, ipa;
	} cases[] = { { "virt", 8, 3, 0 }, { "virt", 300, 4, 36 }, { "firecracker", 1, 3, 0 },
		      { "qemu-virt", 512, 3, 0 }, { "crosvm", 123, 3, 0 },
		      { "cloud-hypervisor", 512, 3, 0 } };

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct gicplan_plan *plan = public_plan(cases[i].platform, cases[i].cpus,
							cases[i].gic, cases[i].ipa);
		struct gicplan_plan *back = NULL;
		struct gicplan_input *in = NULL;
		struct gicplan_map_region *m1, *m2;
		struct gicplan_plan_story a1, a2;
		struct gicplan_error err;
		char path[512];
		size_t len, len2, n1, n2;
		char *text, *text2;

		ck_assert_ptr_nonnull(plan);
		text = plan_text(plan, &len);
		temp_path(path, sizeof(path), "plan.json");
		ck_assert_int_eq(gicplan_write_file(path, text, len, &err), GICPLAN_OK);
		ck_assert_msg(gicplan_input_load(path, NULL, &in, &err) == GICPLAN_OK, "%s",
			      err.message);
		ck_assert_msg(gicplan_input_plan(in, &back, &err) == GICPLAN_OK, "%s", err.message);
		/* A copy: the input can go. */
		gicplan_input_free(in);
		text2 = plan_text(back, &len2);
		ck_assert_uint_eq(len2, len);
		ck_assert_str_eq(text2, text);
		m1 = map_of(plan, &n1);
		m2 = map_of(back, &n2);
		ck_assert_uint_eq(n1, n2);
		ck_assert_int_eq(memcmp(m1, m2, n1 * sizeof(*m1)), 0);
		ck_assert_int_eq(gicplan_plan_story(plan, &a1, NULL), GICPLAN_OK);
		ck_assert_int_eq(gicplan_plan_story(back, &a2, NULL), GICPLAN_OK);
		ck_assert_int_eq(memcmp(&a1, &a2, sizeof(a1)), 0);
		free(m1);
		free(m2);
		free(text);
		free(text2);
		unlink(path);
		gicplan_plan_free(back);
		gicplan_plan_free(plan);
	}
}
END_TEST

START_TEST(input_plan_of_a_tree)
{
	struct gicplan_plan *plan = public_plan("virt", 8, 3, 0);
	struct gicplan_plan *back = (struct gicplan_plan *)&back;
	struct gicplan_input *in = NULL;
	struct gicplan_error err;
	char path[512];

	temp_path(path, sizeof(path), "tree.dtb");
	ck_assert_int_eq(gicplan_plan_write_dtb(plan, path, NULL), GICPLAN_OK);
	ck_assert_msg(gicplan_input_load(path, NULL, &in, &err) == GICPLAN_OK, "%s", err.message);
	ck_assert_int_eq(gicplan_input_plan(in, &back, &err), GICPLAN_E_USAGE);
	ck_assert_ptr_null(back);
	ck_assert_int_eq(err.code, GICPLAN_E_USAGE);
	ck_assert_ptr_nonnull(strstr(err.message, path));
	ck_assert_ptr_nonnull(strstr(err.message, "a device tree, not a plan"));
	ck_assert_int_eq(gicplan_input_plan(NULL, &back, &err), GICPLAN_E_USAGE);
	ck_assert_int_eq(gicplan_input_plan(in, NULL, &err), GICPLAN_E_USAGE);
	gicplan_input_free(in);
	unlink(path);
	gicplan_plan_free(plan);
}
END_TEST

/* @path holds exactly @len bytes of @data. */
static void holds(const char *path, const void *data, size_t len)
{
	size_t got;
	void *f = x_read_file(path, &got);

	ck_assert_uint_eq(got, len);
	ck_assert_int_eq(memcmp(f, data, len), 0);
	free(f);
}

START_TEST(write_file_whole)
{
	static const char first[] = "first contents\n", second[] = "second\n";
	char path[512], link[512], missing[600];
	struct gicplan_error err;
	struct stat before, after, ls;

	temp_path(path, sizeof(path), "write");
	temp_path(link, sizeof(link), "write.link");
	unlink(path);
	unlink(link);
	ck_assert_int_eq(gicplan_write_file(path, first, strlen(first), &err), GICPLAN_OK);
	ck_assert_int_eq(err.code, GICPLAN_OK);
	holds(path, first, strlen(first));
	/* Replaced, not rewritten in place: a new file takes the name. */
	ck_assert_int_eq(stat(path, &before), 0);
	ck_assert_int_eq(gicplan_write_file(path, second, strlen(second), &err), GICPLAN_OK);
	ck_assert_int_eq(stat(path, &after), 0);
	ck_assert_uint_ne(before.st_ino, after.st_ino);
	holds(path, second, strlen(second));
	/* Through a link: its target is written, the link stays. */
	ck_assert_int_eq(symlink(path, link), 0);
	ck_assert_int_eq(gicplan_write_file(link, first, strlen(first), &err), GICPLAN_OK);
	ck_assert_int_eq(lstat(link, &ls), 0);
	ck_assert(S_ISLNK(ls.st_mode));
	holds(path, first, strlen(first));
	/* An empty file. */
	ck_assert_int_eq(gicplan_write_file(path, NULL, 0, &err), GICPLAN_OK);
	holds(path, "", 0);
	/* Nothing at all where it cannot be written. */
	snprintf(missing, sizeof(missing), "%s.no-such-dir/out", path);
	ck_assert_int_eq(gicplan_write_file(missing, first, strlen(first), &err), GICPLAN_E_INPUT);
	ck_assert_ptr_nonnull(strstr(err.message, missing));
	ck_assert_int_ne(access(missing, F_OK), 0);
	snprintf(missing, sizeof(missing), "%s/out", path);  /* under a regular file */
	ck_assert_int_eq(gicplan_write_file(missing, first, strlen(first), &err), GICPLAN_E_INPUT);
	holds(path, "", 0);
	ck_assert_int_eq(gicplan_write_file(NULL, first, 1, &err), GICPLAN_E_USAGE);
	ck_assert_int_eq(gicplan_write_file(path, NULL, 1, &err), GICPLAN_E_USAGE);
	unlink(link);
	unlink(path);
}
END_TEST

START_TEST(write_file_refuses_a_directory)
{
	char dir[512];
	struct gicplan_error err;
	struct stat st;

	temp_path(dir, sizeof(dir), "dir");
	rmdir(dir);
	ck_assert_int_eq(mkdir(dir, 0755), 0);
	ck_assert_int_eq(gicplan_write_file(dir, "x", 1, &err), GICPLAN_E_INPUT);
	ck_assert_ptr_nonnull(strstr(err.message, dir));
	ck_assert_int_eq(stat(dir, &st), 0);
	ck_assert(S_ISDIR(st.st_mode));
	/* Nothing left inside it: it can go. */
	ck_assert_int_eq(rmdir(dir), 0);
}
END_TEST

static Suite *api_map_suite(void)
{
	Suite *s = suite_create("api_map");
	TCase *t = tcase_create("maps");

	tcase_set_timeout(t, 120);
	tcase_add_test(t, map_of_every_platform);
	tcase_add_test(t, map_sizing_and_null);
	tcase_add_test(t, about_and_redist_size);
	tcase_add_test(t, preview_is_the_placement_at_its_largest);
	tcase_add_test(t, preview_errors);
	tcase_add_test(t, moves_between_placements);
	tcase_add_test(t, moves_errors_and_cut);
	tcase_add_test(t, input_plan_is_the_plan_written);
	tcase_add_test(t, input_plan_of_a_tree);
	tcase_add_test(t, write_file_whole);
	tcase_add_test(t, write_file_refuses_a_directory);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	SRunner *r = srunner_create(api_map_suite());
	int failed;

	srunner_run_all(r, CK_NORMAL);
	failed = srunner_ntests_failed(r);
	srunner_free(r);
	return failed ? 1 : 0;
}
