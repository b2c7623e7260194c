/* SPDX-License-Identifier: MIT */
/* gic_emul: creation, addresses, init, the redistributor walk and GICR_TYPER.Last. */
#include "gic_test.h"

#include <stdlib.h>
#include <string.h>

static int create_err(enum gic_profile p, unsigned version, uint32_t nr_cpus, uint32_t nr_irqs,
		      const uint64_t *mpidr)
{
	struct gic_config cfg = {
		.version = version, .profile = p, .nr_cpus = nr_cpus,
		.mpidr = mpidr, .nr_irqs = nr_irqs,
	};
	int err = 1;
	struct gic *g = gic_create(&cfg, &err);

	if (g != NULL) {
		ck_assert_int_eq(err, GIC_OK);
		gic_destroy(g);
	} else {
		ck_assert_int_lt(err, 0);
	}
	return err;
}

START_TEST(create_errors)
{
	int err = 1;
	const uint64_t dup[2] = { t_mpidr(0, 0, 1, 2), t_mpidr(0, 0, 1, 2) | (UINT64_C(1) << 31) };
	const uint64_t distinct[2] = { t_mpidr(1, 0, 0, 0), t_mpidr(0, 0, 0, 0) };

	ck_assert_ptr_null(gic_create(NULL, &err));
	ck_assert_int_eq(err, GIC_E_INVAL);
	ck_assert_int_eq(create_err(GIC_PROFILE_ARCH, 2, 4, 256, NULL), GIC_E_VERSION);
	ck_assert_int_eq(create_err(GIC_PROFILE_ARCH, 5, 4, 256, NULL), GIC_E_VERSION);
	/* KVM shows guests a GICv3 only */
	ck_assert_int_eq(create_err(GIC_PROFILE_KVM, 4, 4, 256, NULL), GIC_E_VERSION);
	ck_assert_int_eq(create_err(GIC_PROFILE_QEMU, 4, 4, 256, NULL), GIC_OK);
	ck_assert_int_eq(create_err((enum gic_profile)7, 3, 4, 256, NULL), GIC_E_PROFILE);
	ck_assert_int_eq(create_err(GIC_PROFILE_ARCH, 3, 0, 256, NULL), GIC_E_NR_CPUS);
	ck_assert_int_eq(create_err(GIC_PROFILE_ARCH, 3, GIC_MAX_CPUS + 1, 256, NULL), GIC_E_NR_CPUS);
	ck_assert_int_eq(create_err(GIC_PROFILE_ARCH, 3, 4, 0, NULL), GIC_E_NR_IRQS);
	ck_assert_int_eq(create_err(GIC_PROFILE_ARCH, 3, 4, 32, NULL), GIC_E_NR_IRQS);
	ck_assert_int_eq(create_err(GIC_PROFILE_ARCH, 3, 4, 48, NULL), GIC_E_NR_IRQS);
	ck_assert_int_eq(create_err(GIC_PROFILE_ARCH, 3, 4, 100, NULL), GIC_E_NR_IRQS);
	ck_assert_int_eq(create_err(GIC_PROFILE_ARCH, 3, 4, 1056, NULL), GIC_E_NR_IRQS);
	ck_assert_int_eq(create_err(GIC_PROFILE_ARCH, 3, 4, 64, NULL), GIC_OK);
	ck_assert_int_eq(create_err(GIC_PROFILE_ARCH, 3, 4, 1024, NULL), GIC_OK);
	/* KVM refuses NR_IRQS 1024 (above VGIC_MAX_RESERVED); QEMU num-irq > 1020 */
	ck_assert_int_eq(create_err(GIC_PROFILE_KVM, 3, 4, 1024, NULL), GIC_E_NR_IRQS);
	ck_assert_int_eq(create_err(GIC_PROFILE_KVM, 3, 4, 992, NULL), GIC_OK);
	ck_assert_int_eq(create_err(GIC_PROFILE_QEMU, 3, 4, 1024, NULL), GIC_E_NR_IRQS);
	/* bits outside the affinity fields do not make two MPIDRs differ */
	ck_assert_int_eq(create_err(GIC_PROFILE_ARCH, 3, 2, 256, dup), GIC_E_MPIDR_DUP);
	/* Aff3 does */
	ck_assert_int_eq(create_err(GIC_PROFILE_ARCH, 3, 2, 256, distinct), GIC_OK);
	/* a NULL err pointer is allowed */
	ck_assert_ptr_null(gic_create(NULL, NULL));
}
END_TEST

START_TEST(address_errors)
{
	struct gic *g = t_gic_raw(GIC_PROFILE_ARCH, 3, 8, 256, false, NULL);
	struct gic *h;

	ck_assert_int_eq(gic_set_dist_base(NULL, T_DIST), GIC_E_INVAL);
	ck_assert_int_eq(gic_set_dist_base(g, T_DIST + 0x1000), GIC_E_ALIGN);
	/* the top frame of the address space is a valid place */
	h = t_gic_raw(GIC_PROFILE_ARCH, 3, 8, 256, false, NULL);
	ck_assert_int_eq(gic_set_dist_base(h, UINT64_MAX - GIC_FRAME_SIZE + 1), GIC_OK);
	gic_destroy(h);
	ck_assert_int_eq(gic_set_dist_base(g, T_DIST), GIC_OK);
	ck_assert_int_eq(gic_set_dist_base(g, T_DIST + GIC_FRAME_SIZE), GIC_E_EXISTS);

	ck_assert_int_eq(gic_add_redist_region(g, T_REDIST, 0), GIC_E_REDIST_COUNT);
	ck_assert_int_eq(gic_add_redist_region(g, T_REDIST + 0x8000, 2), GIC_E_ALIGN);
	/* covering GICD */
	ck_assert_int_eq(gic_add_redist_region(g, T_DIST - GIC_FRAME_SIZE, 1), GIC_E_OVERLAP);
	ck_assert_int_eq(gic_add_redist_region(g, T_DIST, 1), GIC_E_OVERLAP);
	/* ending at the top of the address space is fine, passing it is not */
	ck_assert_int_eq(gic_add_redist_region(g, UINT64_MAX - GICR_V3_SIZE + 1 - GICR_V3_SIZE, 3),
			 GIC_E_RANGE);
	ck_assert_int_eq(gic_add_redist_region(g, T_REDIST, 4), GIC_OK);
	/* overlapping the first region, from below, inside and above */
	ck_assert_int_eq(gic_add_redist_region(g, T_REDIST - GICR_V3_SIZE, 2), GIC_E_OVERLAP);
	ck_assert_int_eq(gic_add_redist_region(g, T_REDIST + GICR_V3_SIZE, 1), GIC_E_OVERLAP);
	ck_assert_int_eq(gic_add_redist_region(g, T_REDIST + 3 * GICR_V3_SIZE, 4), GIC_E_OVERLAP);
	/* abutting on either side is fine */
	ck_assert_int_eq(gic_add_redist_region(g, T_REDIST + 4 * GICR_V3_SIZE, 2), GIC_OK);
	ck_assert_int_eq(gic_add_redist_region(g, T_REDIST - 2 * GICR_V3_SIZE, 2), GIC_OK);
	ck_assert_int_eq(gic_add_redist_region(g, UINT64_MAX - GICR_V3_SIZE + 1, 1), GIC_OK);
	/* legacy REDIST cannot join regions */
	ck_assert_int_eq(gic_set_redist_base(g, T_REDIST_HIGH), GIC_E_REDIST_MIX);
	gic_destroy(g);

	g = t_gic_raw(GIC_PROFILE_KVM, 3, 8, 256, false, NULL);
	ck_assert_int_eq(gic_set_redist_base(g, T_REDIST), GIC_OK);
	ck_assert_int_eq(gic_set_redist_base(g, T_REDIST_HIGH), GIC_E_EXISTS);
	ck_assert_int_eq(gic_add_redist_region(g, T_REDIST_HIGH, 4), GIC_E_REDIST_MIX);
	/* GICD set after the region: checked against it */
	ck_assert_int_eq(gic_set_dist_base(g, T_REDIST + 7 * GICR_V3_SIZE), GIC_E_OVERLAP);
	ck_assert_int_eq(gic_set_dist_base(g, T_REDIST + 8 * GICR_V3_SIZE), GIC_OK);
	gic_destroy(g);

	/* a legacy region sized for the vCPUs can pass the top */
	h = t_gic_raw(GIC_PROFILE_ARCH, 4, 16, 256, false, NULL);
	ck_assert_int_eq(gic_set_redist_base(h, UINT64_MAX - 15 * GICR_V4_SIZE + 1), GIC_E_RANGE);
	gic_destroy(h);
}
END_TEST

START_TEST(init_errors)
{
	struct gic *g = t_gic_raw(GIC_PROFILE_ARCH, 3, 8, 256, false, NULL);
	uint64_t v;
	unsigned lines;

	/* nothing works before init */
	ck_assert_int_eq(gic_mmio_read(g, T_DIST, 4, &v), GIC_E_NOT_INITIALISED);
	ck_assert_int_eq(gic_mmio_write(g, T_DIST, 4, 0), GIC_E_NOT_INITIALISED);
	ck_assert_int_eq(gic_cpu_read(g, 0, GIC_ICC_PMR, &v), GIC_E_NOT_INITIALISED);
	ck_assert_int_eq(gic_cpu_write(g, 0, GIC_ICC_PMR, 0), GIC_E_NOT_INITIALISED);
	ck_assert_int_eq(gic_set_spi_level(g, 40, true), GIC_E_NOT_INITIALISED);
	ck_assert_int_eq(gic_set_ppi_level(g, 0, 20, true), GIC_E_NOT_INITIALISED);
	ck_assert_int_eq(gic_redist_frame_base(g, 0, &v), GIC_E_NOT_INITIALISED);
	ck_assert(!gic_initialised(g));
	/* but introspection does */
	ck_assert_int_eq(gic_cpu_lines(g, 0, &lines), GIC_OK);
	ck_assert_uint_eq(lines, 0);

	ck_assert_int_eq(gic_init(NULL), GIC_E_INVAL);
	ck_assert_int_eq(gic_init(g), GIC_E_NO_DIST);
	ck_assert_int_eq(gic_set_dist_base(g, T_DIST), GIC_OK);
	ck_assert_int_eq(gic_init(g), GIC_E_NO_REDIST);
	ck_assert_int_eq(gic_add_redist_region(g, T_REDIST, 3), GIC_OK);
	ck_assert_int_eq(gic_add_redist_region(g, T_REDIST_HIGH, 4), GIC_OK);
	ck_assert_int_eq(gic_init(g), GIC_E_REDIST_FULL);
	ck_assert(!gic_initialised(g));
	/* one more frame and it fits */
	ck_assert_int_eq(gic_add_redist_region(g, T_REDIST_HIGH + 0x100000, 1), GIC_OK);
	ck_assert_int_eq(gic_init(g), GIC_OK);
	ck_assert(gic_initialised(g));

	/* after init: addresses and init are fixed */
	ck_assert_int_eq(gic_init(g), GIC_E_INITIALISED);
	ck_assert_int_eq(gic_set_dist_base(g, 0), GIC_E_INITIALISED);
	ck_assert_int_eq(gic_add_redist_region(g, 0x100000, 1), GIC_E_INITIALISED);
	ck_assert_int_eq(gic_set_redist_base(g, 0x100000), GIC_E_INITIALISED);

	/* bad CPU, INTID, register */
	ck_assert_int_eq(gic_cpu_read(g, 8, GIC_ICC_PMR, &v), GIC_E_CPU);
	ck_assert_int_eq(gic_cpu_read(g, 0, (enum gic_icc_reg)GIC_ICC_REG_COUNT, &v), GIC_E_SYSREG);
	ck_assert_int_eq(gic_cpu_read(g, 0, GIC_ICC_EOIR1, &v), GIC_E_SYSREG);
	ck_assert_int_eq(gic_cpu_write(g, 0, GIC_ICC_IAR1, 0), GIC_E_SYSREG);
	ck_assert_int_eq(gic_cpu_read(g, 0, GIC_ICC_PMR, NULL), GIC_E_INVAL);
	ck_assert_int_eq(gic_set_spi_level(g, 31, true), GIC_E_INTID);
	ck_assert_int_eq(gic_set_spi_level(g, 256, true), GIC_E_INTID);
	ck_assert_int_eq(gic_set_ppi_level(g, 0, 15, true), GIC_E_INTID);
	ck_assert_int_eq(gic_set_ppi_level(g, 0, 32, true), GIC_E_INTID);
	ck_assert_int_eq(gic_set_ppi_level(g, 9, 20, true), GIC_E_CPU);
	ck_assert_int_eq(gic_redist_frame_base(g, 8, &v), GIC_E_CPU);
	ck_assert_int_eq(gic_cpu_lines(g, 8, &lines), GIC_E_CPU);
	ck_assert_int_eq(gic_mmio_read(NULL, T_DIST, 4, &v), GIC_E_INVAL);
	ck_assert_int_eq(gic_mmio_read(g, T_DIST, 4, NULL), GIC_E_INVAL);
	gic_destroy(g);
}
END_TEST

START_TEST(strerror_table)
{
	for (int a = 0; a > -GIC_ERROR_COUNT; a--) {
		ck_assert_str_ne(gic_strerror(a), "unknown error");
		for (int b = a - 1; b > -GIC_ERROR_COUNT; b--)
			ck_assert_str_ne(gic_strerror(a), gic_strerror(b));
	}
	ck_assert_str_eq(gic_strerror(-GIC_ERROR_COUNT), "unknown error");
	ck_assert_str_eq(gic_strerror(1), "unknown error");
	ck_assert_str_eq(gic_profile_name(GIC_PROFILE_KVM), "kvm");
	ck_assert_str_eq(gic_profile_name((enum gic_profile)9), "unknown");
}
END_TEST

START_TEST(frames_fill_regions_in_order)
{
	struct gic *g = t_gic_raw(GIC_PROFILE_ARCH, 3, 5, 256, false, NULL);
	uint64_t v;

	ck_assert_int_eq(gic_set_dist_base(g, T_DIST), GIC_OK);
	/* added high first: index order, not address order, decides */
	ck_assert_int_eq(gic_add_redist_region(g, T_REDIST_HIGH, 3), GIC_OK);
	ck_assert_int_eq(gic_add_redist_region(g, T_REDIST, 4), GIC_OK);
	ck_assert_int_eq(gic_add_redist_region(g, T_REDIST_HIGH * 2, 4), GIC_OK);
	ck_assert_int_eq(gic_init(g), GIC_OK);
	ck_assert_uint_eq(t_rdbase(g, 0), T_REDIST_HIGH);
	ck_assert_uint_eq(t_rdbase(g, 2), T_REDIST_HIGH + 2 * GICR_V3_SIZE);
	ck_assert_uint_eq(t_rdbase(g, 3), T_REDIST);
	ck_assert_uint_eq(t_rdbase(g, 4), T_REDIST + GICR_V3_SIZE);
	/* each frame answers for its vCPU */
	for (uint32_t c = 0; c < 5; c++)
		ck_assert_uint_eq((t_rd(g, t_rdbase(g, c) + GICR_TYPER, 8) >> GICR_TYPER_PROC_NUM_SHIFT) &
				  GICR_TYPER_PROC_NUM_MASK, c);
	/* unpopulated frames and the empty third region are unmapped */
	ck_assert_int_eq(gic_mmio_read(g, T_REDIST + 2 * GICR_V3_SIZE, 4, &v), GIC_E_UNMAPPED);
	ck_assert_int_eq(gic_mmio_read(g, T_REDIST_HIGH * 2, 4, &v), GIC_E_UNMAPPED);
	ck_assert_int_eq(gic_mmio_read(g, T_DIST + GICD_SIZE, 4, &v), GIC_E_UNMAPPED);
	ck_assert_int_eq(gic_mmio_read(g, T_DIST - 4, 4, &v), GIC_E_UNMAPPED);
	ck_assert_int_eq(gic_mmio_read(g, 0, 4, &v), GIC_E_UNMAPPED);
	ck_assert_int_eq(gic_mmio_read(g, UINT64_MAX - 7, 8, &v), GIC_E_UNMAPPED);
	gic_destroy(g);
}
END_TEST

/*
 * Walk one region as Linux's gic_iterate_rdists() does: PIDR2 at the base,
 * then TYPER per frame, stepping @stride until a frame has Last. Marks the
 * vCPUs found in @seen. Returns the frames visited; *left is set when the
 * walk read an address outside [base, base + size).
 */
static uint32_t walk_region(struct gic *g, uint64_t base, uint64_t size, uint64_t stride,
			    uint8_t *seen, bool *left)
{
	uint64_t addr = base, pidr2, typer;
	uint32_t frames = 0;

	*left = false;
	pidr2 = t_rd(g, base + GIC_PIDR2, 4);
	ck_assert_uint_ge(pidr2 >> GIC_PIDR2_ARCHREV_SHIFT & 0xf, 3);
	for (;;) {
		uint32_t cpu;

		if (addr - base >= size)
			*left = true;
		if (gic_mmio_read(g, addr + GICR_TYPER, 8, &typer) != GIC_OK)
			return frames;
		frames++;
		ck_assert_int_eq(gic_cpu_by_affinity(g, (typer >> 32 & 0xffffff) |
						     (typer >> 56) << MPIDR_AFF3_SHIFT, &cpu), GIC_OK);
		ck_assert_uint_eq(cpu, typer >> GICR_TYPER_PROC_NUM_SHIFT & 0xffff);
		seen[cpu]++;
		if (typer & GICR_TYPER_LAST)
			return frames;
		addr += stride;
	}
}

/* Regions {base, count} with nr_cpus vCPUs: every vCPU found once, walks stay inside. */
static void check_walk(enum gic_profile p, unsigned version, uint32_t nr_cpus,
		       const uint64_t *bases, const uint32_t *counts, unsigned nr_regions)
{
	struct gic *g = t_gic_raw(p, version, nr_cpus, 256, true, NULL);
	uint64_t stride = version == 4 ? GICR_V4_SIZE : GICR_V3_SIZE;
	uint8_t *seen = calloc(nr_cpus, 1);
	uint32_t left = nr_cpus;

	ck_assert_int_eq(gic_set_dist_base(g, T_DIST), GIC_OK);
	for (unsigned r = 0; r < nr_regions; r++)
		ck_assert_int_eq(gic_add_redist_region(g, bases[r], counts[r]), GIC_OK);
	ck_assert_int_eq(gic_init(g), GIC_OK);
	ck_assert_uint_eq(gic_redist_size(g), stride);
	for (unsigned r = 0; r < nr_regions && left > 0; r++) {
		bool out;
		uint32_t used = counts[r] < left ? counts[r] : left;
		uint32_t frames = walk_region(g, bases[r], (uint64_t)counts[r] * stride, stride,
					      seen, &out);

		ck_assert_msg(!out, "walk of region %u left it", r);
		/* Last is on the last populated frame: the walk visits exactly those */
		ck_assert_uint_eq(frames, used);
		left -= used;
	}
	for (uint32_t c = 0; c < nr_cpus; c++)
		ck_assert_msg(seen[c] == 1, "cpu %u found %u times", c, seen[c]);
	free(seen);
	gic_destroy(g);
}

START_TEST(last_multi_region)
{
	const uint64_t bases[3] = { T_REDIST, T_REDIST_HIGH, 2 * T_REDIST_HIGH };
	const uint32_t full[3] = { 4, 8, 2 };
	const uint32_t partly[3] = { 4, 8, 20 };

	for (int p = 0; p < GIC_PROFILE_COUNT; p++) {
		check_walk((enum gic_profile)p, 3, 14, bases, full, 3);
		check_walk((enum gic_profile)p, 3, 13, bases, full, 3);  /* last region partly */
		check_walk((enum gic_profile)p, 3, 7, bases, full, 3);   /* middle partly, last empty */
		check_walk((enum gic_profile)p, 3, 15, bases, partly, 3);
		check_walk((enum gic_profile)p, 3, 1, bases, full, 1);
	}
}
END_TEST

START_TEST(last_gicv4_stride)
{
	const uint64_t bases[2] = { T_REDIST, T_REDIST_HIGH };
	const uint32_t counts[2] = { 61, 512 };
	struct gic *g;

	check_walk(GIC_PROFILE_ARCH, 4, 100, bases, counts, 2);
	check_walk(GIC_PROFILE_QEMU, 4, 61, bases, counts, 2);
	/* VLPIS set, so a guest steps 256 KiB */
	g = t_gic(GIC_PROFILE_ARCH, 4, 2, 256, true, NULL);
	ck_assert_uint_eq(t_rd(g, T_REDIST + GICR_TYPER, 8) & GICR_TYPER_VLPIS, GICR_TYPER_VLPIS);
	ck_assert_uint_eq(t_rdbase(g, 1), T_REDIST + GICR_V4_SIZE);
	gic_destroy(g);
}
END_TEST

START_TEST(last_legacy_region)
{
	for (int p = 0; p < GIC_PROFILE_COUNT; p++) {
		struct gic *g = t_gic((enum gic_profile)p, 3, 9, 256, false, NULL);

		for (uint32_t c = 0; c < 9; c++)
			ck_assert_uint_eq(t_rd(g, t_rdbase(g, c) + GICR_TYPER, 4) & GICR_TYPER_LAST,
					  c == 8 ? GICR_TYPER_LAST : 0);
		gic_destroy(g);
	}
}
END_TEST

/*
 * Two abutting full regions form one contiguous series: the architecture
 * (and KVM, vgic_mmio_vcpu_rdist_is_last) set Last only at the end of the
 * series; QEMU sets it at the end of each region.
 */
START_TEST(last_abutting_regions)
{
	for (int p = 0; p < GIC_PROFILE_COUNT; p++) {
		struct gic *g = t_gic_raw((enum gic_profile)p, 3, 6, 256, false, NULL);
		uint64_t last3;

		ck_assert_int_eq(gic_set_dist_base(g, T_DIST), GIC_OK);
		ck_assert_int_eq(gic_add_redist_region(g, T_REDIST, 4), GIC_OK);
		ck_assert_int_eq(gic_add_redist_region(g, T_REDIST + 4 * GICR_V3_SIZE, 4), GIC_OK);
		ck_assert_int_eq(gic_init(g), GIC_OK);
		last3 = t_rd(g, t_rdbase(g, 3) + GICR_TYPER, 4) & GICR_TYPER_LAST;
		ck_assert_uint_eq(last3, p == GIC_PROFILE_QEMU ? GICR_TYPER_LAST : 0);
		ck_assert_uint_eq(t_rd(g, t_rdbase(g, 5) + GICR_TYPER, 4) & GICR_TYPER_LAST,
				  GICR_TYPER_LAST);
		gic_destroy(g);
	}
}
END_TEST

/*
 * 65536 vCPUs over 64 regions of 1024 frames: every vCPU finds its frame.
 * How fast is the benchmark's to say (scripts/bench.sh), not a timed test's.
 */
START_TEST(walk_65536_frames)
{
	enum { REGIONS = 64, PER_REGION = 1024, CPUS = REGIONS * PER_REGION };
	uint64_t bases[REGIONS];
	uint32_t counts[REGIONS];

	for (unsigned r = 0; r < REGIONS; r++) {
		/* spaced 1 GiB apart, in reverse address order */
		bases[r] = T_REDIST_HIGH + (uint64_t)(REGIONS - r) * (UINT64_C(1) << 30);
		counts[r] = PER_REGION;
	}
	check_walk(GIC_PROFILE_ARCH, 3, CPUS, bases, counts, REGIONS);
}
END_TEST

Suite *lifecycle_suite(void)
{
	Suite *s = suite_create("gic_lifecycle");
	TCase *tc = tcase_create("lifecycle");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, create_errors);
	tcase_add_test(tc, address_errors);
	tcase_add_test(tc, init_errors);
	tcase_add_test(tc, strerror_table);
	tcase_add_test(tc, frames_fill_regions_in_order);
	tcase_add_test(tc, last_multi_region);
	tcase_add_test(tc, last_gicv4_stride);
	tcase_add_test(tc, last_legacy_region);
	tcase_add_test(tc, last_abutting_regions);
	tcase_add_test(tc, walk_65536_frames);
	suite_add_tcase(s, tc);
	return s;
}
