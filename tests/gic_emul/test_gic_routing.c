/* SPDX-License-Identifier: MIT */
/* gic_emul: delivery of SPIs, SGIs and PPIs, priorities, groups, acknowledge and EOI. */
#include "gic_test.h"

#include <stdlib.h>
#include <string.h>

#include "gic_internal.h"

#define PRIO_DEFAULT 0xa0
#define SGI1R(aff3, aff2, aff1, rs, list, intid) \
	((uint64_t)(aff3) << 48 | (uint64_t)(rs) << 44 | (uint64_t)(aff2) << 32 | \
	 (uint64_t)(intid) << 24 | (uint64_t)(aff1) << 16 | (uint64_t)(list))
#define SGI_IRM (UINT64_C(1) << 40)

/* 64 vCPUs over Aff3 0-1, Aff2 0-1, Aff1 0-3, Aff0 0-3 (Aff3 only when @aff3). */
static void clusters(uint64_t *mpidr, uint32_t n, bool aff3)
{
	for (uint32_t i = 0; i < n; i++)
		mpidr[i] = t_mpidr(aff3 ? i / 32 : 0, aff3 ? (i / 16) % 2 : i / 16, (i / 4) % 4, i % 4);
}

static struct gic *gic_on(enum gic_profile p, uint32_t n, const uint64_t *mpidr)
{
	struct gic *g = t_gic(p, 3, n, 256, false, mpidr);

	t_dist_on(g);
	for (uint32_t c = 0; c < n; c++)
		t_cpu_on(g, c);
	return g;
}

/* Acknowledge @intid on @cpu and finish it; nothing else stays signalled there. */
static void ack_eoi(struct gic *g, uint32_t cpu, uint32_t intid)
{
	ck_assert_uint_eq(t_sysrd(g, cpu, GIC_ICC_IAR1), intid);
	t_syswr(g, cpu, GIC_ICC_EOIR1, intid);
}

START_TEST(spi_routing_across_clusters)
{
	for (int p = 0; p < GIC_PROFILE_COUNT; p++) {
		bool aff3 = p != GIC_PROFILE_KVM;
		uint64_t mpidr[64];
		struct gic *g;

		clusters(mpidr, 64, aff3);
		g = gic_on((enum gic_profile)p, 64, mpidr);
		for (uint32_t c = 0; c < 64; c++) {
			uint32_t intid = 32 + (c * 7) % 200;

			/* IROUTER holds the target's affinity in the MPIDR layout */
			t_spi_setup(g, intid, PRIO_DEFAULT, mpidr[c]);
			ck_assert_uint_eq(gic_signalled_cpu_count(g), 0);
			ck_assert_int_eq(gic_set_spi_level(g, intid, true), GIC_OK);
			ck_assert_uint_eq(t_only_signalled(g), c);
			ck_assert_uint_eq(t_sysrd(g, c, GIC_ICC_HPPIR1), intid);
			ack_eoi(g, c, intid);
			/* level still high: pending again after the EOI */
			ck_assert_uint_eq(t_only_signalled(g), c);
			ck_assert_int_eq(gic_set_spi_level(g, intid, false), GIC_OK);
			ck_assert_uint_eq(gic_signalled_cpu_count(g), 0);
		}
		gic_destroy(g);
	}
}
END_TEST

START_TEST(spi_unroutable_affinity)
{
	uint64_t mpidr[64];
	struct gic *g;

	clusters(mpidr, 64, true);
	g = gic_on(GIC_PROFILE_ARCH, 64, mpidr);
	t_spi_setup(g, 77, PRIO_DEFAULT, t_mpidr(0, 0, 9, 0));
	ck_assert_int_eq(gic_set_spi_level(g, 77, true), GIC_OK);
	ck_assert_uint_eq(gic_signalled_cpu_count(g), 0);
	/* re-routing a pending SPI moves it */
	t_wr(g, T_DIST + GICD_IROUTER + 8 * 77, 8, mpidr[33]);
	ck_assert_uint_eq(t_only_signalled(g), 33);
	t_wr(g, T_DIST + GICD_IROUTER + 8 * 77, 8, mpidr[2]);
	ck_assert_uint_eq(t_only_signalled(g), 2);
	gic_destroy(g);

	/* KVM drops IROUTER's Aff3: a vCPU with Aff3 != 0 cannot be named */
	clusters(mpidr, 64, true);
	g = gic_on(GIC_PROFILE_KVM, 64, mpidr);
	t_spi_setup(g, 77, PRIO_DEFAULT, mpidr[33]); /* Aff3 1 */
	ck_assert_uint_eq(t_rd(g, T_DIST + GICD_IROUTER + 8 * 77, 8), mpidr[33] & 0xffffff);
	ck_assert_int_eq(gic_set_spi_level(g, 77, true), GIC_OK);
	ck_assert_uint_eq(t_only_signalled(g), 1);    /* 0.0.0.1: Aff3 lost */
	gic_destroy(g);
}
END_TEST

START_TEST(one_of_n_arch)
{
	uint32_t hits[8] = { 0 };
	struct gic *g = t_gic(GIC_PROFILE_ARCH, 3, 8, 256, false, NULL);

	t_dist_on(g);
	for (uint32_t c = 0; c < 6; c++)
		t_cpu_on(g, c);
	/* 6 and 7 stay asleep; 5 is awake but has Group 1 off */
	t_syswr(g, 5, GIC_ICC_IGRPEN1, 0);
	t_spi_setup(g, 40, PRIO_DEFAULT, GICD_IROUTER_IRM);
	ck_assert_uint_eq(t_rd(g, T_DIST + GICD_IROUTER + 8 * 40, 8), GICD_IROUTER_IRM);
	for (int i = 0; i < 20; i++) {
		uint32_t c;

		ck_assert_int_eq(gic_set_spi_level(g, 40, true), GIC_OK);
		c = t_only_signalled(g);
		ck_assert_uint_lt(c, 5);
		hits[c]++;
		ck_assert_uint_eq(t_sysrd(g, c, GIC_ICC_IAR1), 40);
		ck_assert_int_eq(gic_set_spi_level(g, 40, false), GIC_OK);
		t_syswr(g, c, GIC_ICC_EOIR1, 40);
		ck_assert_uint_eq(gic_signalled_cpu_count(g), 0);
	}
	/* round-robin: every participant took its share */
	for (uint32_t c = 0; c < 5; c++)
		ck_assert_uint_eq(hits[c], 4);
	/* nobody takes part: the SPI waits */
	for (uint32_t c = 0; c < 5; c++)
		t_wr(g, t_rdbase(g, c) + GICR_WAKER, 4, GICR_WAKER_PROCESSOR_SLEEP);
	ck_assert_int_eq(gic_set_spi_level(g, 40, true), GIC_OK);
	ck_assert_uint_eq(gic_signalled_cpu_count(g), 0);
	/* until one wakes up */
	t_cpu_on(g, 7);
	ck_assert_uint_eq(t_only_signalled(g), 7);
	/* and moves when that one stops taking part */
	t_cpu_on(g, 6);
	t_syswr(g, 7, GIC_ICC_IGRPEN1, 0);
	ck_assert_uint_eq(t_only_signalled(g), 6);
	gic_destroy(g);
}
END_TEST

START_TEST(one_of_n_other_profiles)
{
	/* QEMU: No1N = 1, IRM kept but ignored: the Aff fields route */
	struct gic *g = gic_on(GIC_PROFILE_QEMU, 8, NULL);

	ck_assert_uint_eq(t_rd(g, T_DIST + GICD_TYPER, 4) & GICD_TYPER_NO1N, GICD_TYPER_NO1N);
	t_spi_setup(g, 40, PRIO_DEFAULT, GICD_IROUTER_IRM | 3);
	ck_assert_uint_eq(t_rd(g, T_DIST + GICD_IROUTER + 8 * 40, 8), GICD_IROUTER_IRM | 3);
	for (int i = 0; i < 3; i++) {
		ck_assert_int_eq(gic_set_spi_level(g, 40, true), GIC_OK);
		ck_assert_uint_eq(t_only_signalled(g), 3);
		ck_assert_int_eq(gic_set_spi_level(g, 40, false), GIC_OK);
	}
	gic_destroy(g);

	/* KVM: No1N = 0 but IROUTER drops IRM: the SPI goes to the Aff fields */
	g = gic_on(GIC_PROFILE_KVM, 8, NULL);
	ck_assert_uint_eq(t_rd(g, T_DIST + GICD_TYPER, 4) & GICD_TYPER_NO1N, 0);
	t_spi_setup(g, 40, PRIO_DEFAULT, GICD_IROUTER_IRM | 5);
	ck_assert_uint_eq(t_rd(g, T_DIST + GICD_IROUTER + 8 * 40, 8), 5);
	ck_assert_int_eq(gic_set_spi_level(g, 40, true), GIC_OK);
	ck_assert_uint_eq(t_only_signalled(g), 5);
	gic_destroy(g);
}
END_TEST

/* The vCPUs an SGI1R value names, computed from the MPIDRs. */
static uint32_t expected_sgi_targets(const uint64_t *mpidr, uint32_t n, uint64_t v, bool rss,
				     bool *want)
{
	uint32_t count = 0;
	uint64_t rs = rss ? (v >> 44) & 0xf : 0;

	for (uint32_t c = 0; c < n; c++) {
		uint64_t m = mpidr[c];
		uint64_t aff0 = m & 0xff;

		want[c] = ((m >> 32) & 0xff) == ((v >> 48) & 0xff) &&
			  ((m >> 16) & 0xff) == ((v >> 32) & 0xff) &&
			  ((m >> 8) & 0xff) == ((v >> 16) & 0xff) &&
			  aff0 >= rs * 16 && aff0 < rs * 16 + 16 && ((v >> (aff0 - rs * 16)) & 1);
		count += want[c];
	}
	return count;
}

static void check_sgi(struct gic *g, const uint64_t *mpidr, uint32_t n, uint32_t from,
		      uint64_t v, bool rss)
{
	bool want[64];
	uint32_t got[64];
	uint32_t expect = expected_sgi_targets(mpidr, n, v, rss, want);
	uint32_t intid = (v >> 24) & 0xf;
	uint32_t count;

	t_syswr(g, from, GIC_ICC_SGI1R, v);
	count = gic_signalled_cpus(g, got, 64);
	ck_assert_uint_eq(count, expect);
	for (uint32_t i = 0; i < count; i++) {
		ck_assert_msg(want[got[i]], "cpu %u got SGI 0x%llx", got[i], (unsigned long long)v);
		ck_assert_uint_eq(t_rd(g, t_sgibase(g, got[i]) + GICR_ISPENDR0, 4), 1u << intid);
	}
	for (uint32_t i = 0; i < count; i++)
		ack_eoi(g, got[i], intid);
	ck_assert_uint_eq(gic_signalled_cpu_count(g), 0);
}

START_TEST(sgi_target_lists_across_clusters)
{
	for (int p = 0; p < GIC_PROFILE_COUNT; p++) {
		uint64_t mpidr[64];
		struct gic *g;

		clusters(mpidr, 64, true);
		g = gic_on((enum gic_profile)p, 64, mpidr);
		for (uint32_t c = 0; c < 64; c++)
			t_wr(g, t_sgibase(g, c) + GICR_ISENABLER0, 4, 0xffff);
		check_sgi(g, mpidr, 64, 0, SGI1R(1, 0, 2, 0, 0xa, 5), false);
		check_sgi(g, mpidr, 64, 63, SGI1R(0, 1, 3, 0, 0xf, 1), false);
		check_sgi(g, mpidr, 64, 5, SGI1R(1, 1, 0, 0, 0x1, 15), false);
		check_sgi(g, mpidr, 64, 5, SGI1R(0, 0, 0, 0, 0xffff, 0), false);
		check_sgi(g, mpidr, 64, 5, SGI1R(0, 0, 7, 0, 0xffff, 0), false);  /* no such Aff1 */
		check_sgi(g, mpidr, 64, 5, SGI1R(2, 0, 0, 0, 0xffff, 0), false);  /* no such Aff3 */
		for (uint32_t t = 0; t < 64; t += 9)
			check_sgi(g, mpidr, 64, 0, SGI1R(mpidr[t] >> 32, (mpidr[t] >> 16) & 0xff,
						       (mpidr[t] >> 8) & 0xff, 0, 1u << (mpidr[t] & 0xff), 3),
				  false);
		gic_destroy(g);
	}
}
END_TEST

START_TEST(sgi_range_selector)
{
	uint64_t mpidr[40];

	/* 40 vCPUs in one cluster: Aff0 0-39 */
	for (uint32_t i = 0; i < 40; i++)
		mpidr[i] = t_mpidr(0, 0, 0, i);
	for (int p = 0; p < GIC_PROFILE_COUNT; p++) {
		struct gic *g = gic_on((enum gic_profile)p, 40, mpidr);
		bool rss = p == GIC_PROFILE_ARCH;

		for (uint32_t c = 0; c < 40; c++)
			t_wr(g, t_sgibase(g, c) + GICR_ISENABLER0, 4, 0xffff);
		if (rss) {
			/* RS = 1, bit 3: Aff0 19; RS = 2, bits 0 and 7: Aff0 32 and 39 */
			check_sgi(g, mpidr, 40, 0, SGI1R(0, 0, 0, 1, 1u << 3, 2), true);
			t_syswr(g, 0, GIC_ICC_SGI1R, SGI1R(0, 0, 0, 2, 0x81, 2));
			ck_assert_uint_eq(gic_signalled_cpu_count(g), 2);
			ack_eoi(g, 32, 2);
			ack_eoi(g, 39, 2);
		} else {
			/* KVM and QEMU ignore RS: bit k always means Aff0 k */
			t_syswr(g, 0, GIC_ICC_SGI1R, SGI1R(0, 0, 0, 1, 1u << 3, 2));
			ck_assert_uint_eq(t_only_signalled(g), 3);
			ack_eoi(g, 3, 2);
		}
		check_sgi(g, mpidr, 40, 1, SGI1R(0, 0, 0, 0, 0xffff, 4), rss);
		gic_destroy(g);
	}
}
END_TEST

START_TEST(sgi_all_but_self)
{
	struct gic *g = gic_on(GIC_PROFILE_ARCH, 10, NULL);
	uint32_t got[16];

	for (uint32_t c = 0; c < 10; c++)
		t_wr(g, t_sgibase(g, c) + GICR_ISENABLER0, 4, 0xffff);
	/* IRM = 1: the Aff fields and target list do not matter */
	t_syswr(g, 4, GIC_ICC_SGI1R, SGI_IRM | SGI1R(0, 0, 0, 0, 0x1, 9));
	ck_assert_uint_eq(gic_signalled_cpus(g, got, 16), 9);
	for (uint32_t i = 0; i < 9; i++)
		ck_assert_uint_ne(got[i], 4);
	ck_assert_uint_eq(t_rd(g, t_sgibase(g, 4) + GICR_ISPENDR0, 4), 0);
	/* a short buffer still gets the full count */
	ck_assert_uint_eq(gic_signalled_cpus(g, got, 2), 9);
	ck_assert_uint_eq(gic_signalled_cpus(g, NULL, 0), 9);
	gic_destroy(g);
}
END_TEST

START_TEST(sgi_groups)
{
	for (int p = 0; p < GIC_PROFILE_COUNT; p++) {
		struct gic *g = gic_on((enum gic_profile)p, 2, NULL);
		uint64_t sgi1 = t_sgibase(g, 1);

		t_wr(g, sgi1 + GICR_ISENABLER0, 4, 0xffff);
		t_wr(g, sgi1 + GICR_IGROUPR0, 4, 0xfffffffe); /* SGI 0: Group 0 */
		t_syswr(g, 1, GIC_ICC_IGRPEN0, 1);
		/* ICC_SGI1R_EL1 asks for Group 1: KVM also sets Group 0 SGIs pending */
		t_syswr(g, 0, GIC_ICC_SGI1R, SGI1R(0, 0, 0, 0, 0x2, 0));
		ck_assert_uint_eq(t_rd(g, sgi1 + GICR_ISPENDR0, 4), p == GIC_PROFILE_KVM ? 1u : 0u);
		t_wr(g, sgi1 + GICR_ICPENDR0, 4, 1);
		/* ICC_SGI0R_EL1 sets Group 0 SGIs only */
		t_syswr(g, 0, GIC_ICC_SGI0R, SGI1R(0, 0, 0, 0, 0x2, 0));
		ck_assert_uint_eq(t_rd(g, sgi1 + GICR_ISPENDR0, 4), 1);
		t_syswr(g, 0, GIC_ICC_SGI0R, SGI1R(0, 0, 0, 0, 0x2, 1));
		ck_assert_uint_eq(t_rd(g, sgi1 + GICR_ISPENDR0, 4), 1);
		/* a Group 0 interrupt asserts FIQ and is taken through IAR0 */
		{
			unsigned lines;

			ck_assert_int_eq(gic_cpu_lines(g, 1, &lines), GIC_OK);
			ck_assert_uint_eq(lines, GIC_LINE_FIQ);
		}
		ck_assert_uint_eq(t_sysrd(g, 1, GIC_ICC_HPPIR1), 1023);
		ck_assert_uint_eq(t_sysrd(g, 1, GIC_ICC_HPPIR0), 0);
		ck_assert_uint_eq(t_sysrd(g, 1, GIC_ICC_IAR1), 1023);
		ck_assert_uint_eq(t_sysrd(g, 1, GIC_ICC_IAR0), 0);
		t_syswr(g, 1, GIC_ICC_EOIR0, 0);
		ck_assert_uint_eq(gic_signalled_cpu_count(g), 0);
		gic_destroy(g);
	}
}
END_TEST

START_TEST(ppi_stays_local)
{
	struct gic *g = gic_on(GIC_PROFILE_ARCH, 6, NULL);

	for (uint32_t c = 0; c < 6; c++)
		t_wr(g, t_sgibase(g, c) + GICR_ISENABLER0, 4, 1u << 27);
	ck_assert_int_eq(gic_set_ppi_level(g, 3, 27, true), GIC_OK);
	ck_assert_uint_eq(t_only_signalled(g), 3);
	for (uint32_t c = 0; c < 6; c++)
		ck_assert_uint_eq(t_rd(g, t_sgibase(g, c) + GICR_ISPENDR0, 4), c == 3 ? 1u << 27 : 0);
	/* level-sensitive: active and still pending after the acknowledge */
	ck_assert_uint_eq(t_sysrd(g, 3, GIC_ICC_IAR1), 27);
	ck_assert_uint_eq(t_rd(g, t_sgibase(g, 3) + GICR_ISACTIVER0, 4), 1u << 27);
	ck_assert_uint_eq(gic_signalled_cpu_count(g), 0);
	t_syswr(g, 3, GIC_ICC_EOIR1, 27);
	ck_assert_uint_eq(t_only_signalled(g), 3);
	ck_assert_int_eq(gic_set_ppi_level(g, 3, 27, false), GIC_OK);
	ck_assert_uint_eq(gic_signalled_cpu_count(g), 0);
	/* edge-triggered PPI (ICFGR1 odd bit of PPI 27 = INTID 16 + 11) */
	t_wr(g, t_sgibase(g, 4) + GICR_ICFGR1, 4, 1u << (11 * 2 + 1));
	ck_assert_int_eq(gic_set_ppi_level(g, 4, 27, true), GIC_OK);
	ck_assert_int_eq(gic_set_ppi_level(g, 4, 27, false), GIC_OK);
	ck_assert_uint_eq(t_only_signalled(g), 4);
	ack_eoi(g, 4, 27);
	ck_assert_uint_eq(gic_signalled_cpu_count(g), 0);
	gic_destroy(g);
}
END_TEST

START_TEST(priority_mask)
{
	struct gic *g = gic_on(GIC_PROFILE_ARCH, 2, NULL);

	t_spi_setup(g, 50, 0x80, 1);
	t_syswr(g, 1, GIC_ICC_PMR, 0x80);
	ck_assert_int_eq(gic_set_spi_level(g, 50, true), GIC_OK);
	/* priority must be higher (lower value) than PMR */
	ck_assert_uint_eq(gic_signalled_cpu_count(g), 0);
	ck_assert_uint_eq(t_sysrd(g, 1, GIC_ICC_HPPIR1), 50);   /* pending, masked */
	ck_assert_uint_eq(t_sysrd(g, 1, GIC_ICC_IAR1), 1023);
	t_syswr(g, 1, GIC_ICC_PMR, 0x81);
	ck_assert_uint_eq(t_only_signalled(g), 1);
	t_syswr(g, 1, GIC_ICC_PMR, 0);
	ck_assert_uint_eq(gic_signalled_cpu_count(g), 0);
	/* raising the interrupt's priority unmasks it too */
	t_syswr(g, 1, GIC_ICC_PMR, 0x80);
	t_wr(g, T_DIST + GICD_IPRIORITYR + 50, 1, 0x70);
	ck_assert_uint_eq(t_only_signalled(g), 1);
	/* and disabling it hides it */
	t_wr(g, T_DIST + GICD_ICENABLER + 4, 4, 1u << (50 - 32));
	ck_assert_uint_eq(gic_signalled_cpu_count(g), 0);
	ck_assert_uint_eq(t_sysrd(g, 1, GIC_ICC_HPPIR1), 1023);
	gic_destroy(g);
}
END_TEST

START_TEST(group_enables)
{
	struct gic *g = gic_on(GIC_PROFILE_ARCH, 2, NULL);

	t_spi_setup(g, 60, PRIO_DEFAULT, 0);
	ck_assert_int_eq(gic_set_spi_level(g, 60, true), GIC_OK);
	ck_assert_uint_eq(t_only_signalled(g), 0);
	/* distributor Group 1 off */
	t_wr(g, T_DIST + GICD_CTLR, 4, GICD_CTLR_ENABLE_GRP0);
	ck_assert_uint_eq(gic_signalled_cpu_count(g), 0);
	ck_assert_uint_eq(t_sysrd(g, 0, GIC_ICC_HPPIR1), 1023);
	t_wr(g, T_DIST + GICD_CTLR, 4, GICD_CTLR_ENABLE_GRP1);
	ck_assert_uint_eq(t_only_signalled(g), 0);
	/* CPU interface Group 1 off */
	t_syswr(g, 0, GIC_ICC_IGRPEN1, 0);
	ck_assert_uint_eq(gic_signalled_cpu_count(g), 0);
	t_syswr(g, 0, GIC_ICC_IGRPEN1, 1);
	ck_assert_uint_eq(t_only_signalled(g), 0);
	/* made Group 0: needs EnableGrp0 and IGRPEN0, asserts FIQ */
	t_wr(g, T_DIST + GICD_IGROUPR + 4, 4, ~(1u << (60 - 32)));
	ck_assert_uint_eq(gic_signalled_cpu_count(g), 0);
	t_syswr(g, 0, GIC_ICC_IGRPEN0, 1);
	ck_assert_uint_eq(gic_signalled_cpu_count(g), 0);
	t_wr(g, T_DIST + GICD_CTLR, 4, GICD_CTLR_ENABLE_GRP0 | GICD_CTLR_ENABLE_GRP1);
	ck_assert_uint_eq(t_only_signalled(g), 0);
	ck_assert_uint_eq(t_sysrd(g, 0, GIC_ICC_IAR1), 1023);
	ck_assert_uint_eq(t_sysrd(g, 0, GIC_ICC_IAR0), 60);
	gic_destroy(g);

	/* KVM: one distributor enable (EnableGrp1) for both groups */
	g = gic_on(GIC_PROFILE_KVM, 2, NULL);
	t_spi_setup(g, 60, PRIO_DEFAULT, 0);
	t_wr(g, T_DIST + GICD_IGROUPR + 4, 4, 0);
	t_syswr(g, 0, GIC_ICC_IGRPEN0, 1);
	ck_assert_int_eq(gic_set_spi_level(g, 60, true), GIC_OK);
	ck_assert_uint_eq(t_only_signalled(g), 0);
	t_wr(g, T_DIST + GICD_CTLR, 4, GICD_CTLR_ENABLE_GRP0);
	ck_assert_uint_eq(gic_signalled_cpu_count(g), 0);
	gic_destroy(g);
}
END_TEST

START_TEST(sleeping_redistributor)
{
	struct gic *g = gic_on(GIC_PROFILE_ARCH, 2, NULL);

	t_wr(g, t_rdbase(g, 1) + GICR_WAKER, 4, GICR_WAKER_PROCESSOR_SLEEP);
	t_spi_setup(g, 33, PRIO_DEFAULT, 1);
	ck_assert_int_eq(gic_set_spi_level(g, 33, true), GIC_OK);
	ck_assert_uint_eq(gic_signalled_cpu_count(g), 0);
	t_wr(g, t_rdbase(g, 1) + GICR_WAKER, 4, 0);
	ck_assert_uint_eq(t_only_signalled(g), 1);
	gic_destroy(g);
}
END_TEST

START_TEST(level_and_edge)
{
	struct gic *g = gic_on(GIC_PROFILE_ARCH, 1, NULL);
	const uint64_t pend = T_DIST + GICD_ISPENDR + 4, cpend = T_DIST + GICD_ICPENDR + 4;

	/* level: pending follows the line; ICPENDR cannot clear a high line */
	t_spi_setup(g, 34, PRIO_DEFAULT, 0);
	ck_assert_int_eq(gic_set_spi_level(g, 34, true), GIC_OK);
	ck_assert_uint_eq(t_rd(g, pend, 4), 1u << 2);
	t_wr(g, cpend, 4, 1u << 2);
	ck_assert_uint_eq(t_rd(g, pend, 4), 1u << 2);
	ck_assert_uint_eq(t_sysrd(g, 0, GIC_ICC_IAR1), 34);
	/* active and pending */
	ck_assert_uint_eq(t_rd(g, T_DIST + GICD_ISACTIVER + 4, 4), 1u << 2);
	ck_assert_uint_eq(gic_signalled_cpu_count(g), 0);
	ck_assert_int_eq(gic_set_spi_level(g, 34, false), GIC_OK);
	ck_assert_uint_eq(t_rd(g, pend, 4), 0);
	t_syswr(g, 0, GIC_ICC_EOIR1, 34);
	ck_assert_uint_eq(gic_signalled_cpu_count(g), 0);
	/* ISPENDR latches a level SPI pending with the line low */
	t_wr(g, pend, 4, 1u << 2);
	ck_assert_uint_eq(t_only_signalled(g), 0);
	ack_eoi(g, 0, 34);
	ck_assert_uint_eq(gic_signalled_cpu_count(g), 0);

	/* edge: latched on the rising edge, kept after the line falls */
	t_wr(g, T_DIST + GICD_ICFGR + 8, 4, 1u << (3 * 2 + 1)); /* INTID 35 */
	t_spi_setup(g, 35, PRIO_DEFAULT, 0);
	ck_assert_int_eq(gic_set_spi_level(g, 35, true), GIC_OK);
	ck_assert_int_eq(gic_set_spi_level(g, 35, false), GIC_OK);
	ck_assert_uint_eq(t_rd(g, pend, 4), 1u << 3);
	ck_assert_uint_eq(t_sysrd(g, 0, GIC_ICC_IAR1), 35);
	ck_assert_uint_eq(t_rd(g, pend, 4), 0);
	/* a new edge while active: pending again, taken after the EOI */
	ck_assert_int_eq(gic_set_spi_level(g, 35, true), GIC_OK);
	ck_assert_uint_eq(gic_signalled_cpu_count(g), 0);
	t_syswr(g, 0, GIC_ICC_EOIR1, 35);
	ck_assert_uint_eq(t_only_signalled(g), 0);
	ack_eoi(g, 0, 35);
	/* a line held high gives no second edge */
	ck_assert_int_eq(gic_set_spi_level(g, 35, true), GIC_OK);
	ck_assert_uint_eq(gic_signalled_cpu_count(g), 0);
	/* ICPENDR clears an edge latch */
	ck_assert_int_eq(gic_set_spi_level(g, 35, false), GIC_OK);
	ck_assert_int_eq(gic_set_spi_level(g, 35, true), GIC_OK);
	t_wr(g, cpend, 4, 1u << 3);
	ck_assert_uint_eq(gic_signalled_cpu_count(g), 0);
	gic_destroy(g);
}
END_TEST

START_TEST(acknowledge_by_priority)
{
	struct gic *g = gic_on(GIC_PROFILE_ARCH, 1, NULL);

	t_spi_setup(g, 40, 0xa0, 0);
	t_spi_setup(g, 41, 0x40, 0);
	t_spi_setup(g, 42, 0x80, 0);
	t_spi_setup(g, 44, 0x80, 0);
	t_spi_setup(g, 43, 0x10, 0);
	t_wr(g, T_DIST + GICD_ISPENDR + 4, 4, (1u << 8) | (1u << 9) | (1u << 10) | (1u << 12));
	ck_assert_uint_eq(t_sysrd(g, 0, GIC_ICC_HPPIR1), 41);
	ck_assert_uint_eq(t_sysrd(g, 0, GIC_ICC_IAR1), 41);
	ck_assert_uint_eq(t_sysrd(g, 0, GIC_ICC_RPR), 0x40);
	/* lower priorities cannot preempt the running one */
	ck_assert_uint_eq(gic_signalled_cpu_count(g), 0);
	ck_assert_uint_eq(t_sysrd(g, 0, GIC_ICC_IAR1), 1023);
	/* a higher one can */
	t_wr(g, T_DIST + GICD_ISPENDR + 4, 4, 1u << 11);
	ck_assert_uint_eq(t_sysrd(g, 0, GIC_ICC_IAR1), 43);
	ck_assert_uint_eq(t_sysrd(g, 0, GIC_ICC_RPR), 0x10);
	t_syswr(g, 0, GIC_ICC_EOIR1, 43);
	ck_assert_uint_eq(t_sysrd(g, 0, GIC_ICC_RPR), 0x40);
	t_syswr(g, 0, GIC_ICC_EOIR1, 41);
	ck_assert_uint_eq(t_sysrd(g, 0, GIC_ICC_RPR), 0xff);
	/* equal priorities: the lower INTID first */
	ck_assert_uint_eq(t_sysrd(g, 0, GIC_ICC_IAR1), 42);
	ck_assert_uint_eq(t_sysrd(g, 0, GIC_ICC_IAR1), 1023);
	t_syswr(g, 0, GIC_ICC_EOIR1, 42);
	ack_eoi(g, 0, 44);
	ack_eoi(g, 0, 40);
	ck_assert_uint_eq(t_sysrd(g, 0, GIC_ICC_IAR1), 1023);
	ck_assert_uint_eq(t_rd(g, T_DIST + GICD_ISACTIVER + 4, 4), 0);
	/* private interrupts compete with SPIs by priority */
	t_wr(g, t_sgibase(g, 0) + GICR_IPRIORITYR0 + 7, 1, 0x50);
	t_wr(g, t_sgibase(g, 0) + GICR_ISENABLER0, 4, 1u << 7);
	t_wr(g, t_sgibase(g, 0) + GICR_ISPENDR0, 4, 1u << 7);
	t_wr(g, T_DIST + GICD_ISPENDR + 4, 4, 1u << 9);
	ck_assert_uint_eq(t_sysrd(g, 0, GIC_ICC_IAR1), 41);
	t_syswr(g, 0, GIC_ICC_EOIR1, 41);
	ack_eoi(g, 0, 7);
	/* EOI of a special INTID does nothing */
	t_syswr(g, 0, GIC_ICC_EOIR1, 1023);
	ck_assert_uint_eq(t_sysrd(g, 0, GIC_ICC_RPR), 0xff);
	gic_destroy(g);
}
END_TEST

START_TEST(eoimode_split)
{
	struct gic *g = gic_on(GIC_PROFILE_ARCH, 1, NULL);

	t_syswr(g, 0, GIC_ICC_CTLR, ICC_CTLR_EOIMODE);
	t_spi_setup(g, 36, 0x60, 0);
	t_wr(g, T_DIST + GICD_ISPENDR + 4, 4, 1u << 4);
	ck_assert_uint_eq(t_sysrd(g, 0, GIC_ICC_IAR1), 36);
	t_syswr(g, 0, GIC_ICC_EOIR1, 36);
	/* priority dropped, still active */
	ck_assert_uint_eq(t_sysrd(g, 0, GIC_ICC_RPR), 0xff);
	ck_assert_uint_eq(t_rd(g, T_DIST + GICD_ISACTIVER + 4, 4), 1u << 4);
	t_syswr(g, 0, GIC_ICC_DIR, 36);
	ck_assert_uint_eq(t_rd(g, T_DIST + GICD_ISACTIVER + 4, 4), 0);
	gic_destroy(g);
}
END_TEST

START_TEST(setspi_clrspi)
{
	struct gic *g = gic_on(GIC_PROFILE_ARCH, 2, NULL);

	ck_assert_uint_eq(t_rd(g, T_DIST + GICD_TYPER, 4) & GICD_TYPER_MBIS, GICD_TYPER_MBIS);
	t_spi_setup(g, 45, PRIO_DEFAULT, 1);
	t_wr(g, T_DIST + GICD_SETSPI_NSR, 4, 45);
	ck_assert_uint_eq(t_only_signalled(g), 1);
	t_wr(g, T_DIST + GICD_CLRSPI_NSR, 4, 45);
	ck_assert_uint_eq(gic_signalled_cpu_count(g), 0);
	t_wr(g, T_DIST + GICD_SETSPI_NSR, 2, 45);
	ck_assert_uint_eq(t_only_signalled(g), 1);
	/* not an SPI: ignored */
	t_wr(g, T_DIST + GICD_SETSPI_NSR, 4, 20);
	t_wr(g, T_DIST + GICD_SETSPI_NSR, 4, 1000);
	gic_destroy(g);

	g = gic_on(GIC_PROFILE_KVM, 2, NULL);
	t_spi_setup(g, 45, PRIO_DEFAULT, 1);
	t_wr(g, T_DIST + GICD_SETSPI_NSR, 4, 45);
	ck_assert_uint_eq(gic_signalled_cpu_count(g), 0);
	gic_destroy(g);
}
END_TEST

START_TEST(binary_point)
{
	struct gic *g = gic_on(GIC_PROFILE_ARCH, 1, NULL);

	/* BPR1 at 4: group priority bits [7:4]; 0x50 cannot preempt 0x40 */
	t_syswr(g, 0, GIC_ICC_BPR1, 4);
	ck_assert_uint_eq(t_sysrd(g, 0, GIC_ICC_BPR1), 4);
	t_spi_setup(g, 40, 0x48, 0);
	t_spi_setup(g, 41, 0x40, 0);
	t_wr(g, T_DIST + GICD_ISPENDR + 4, 4, 1u << 8);
	ck_assert_uint_eq(t_sysrd(g, 0, GIC_ICC_IAR1), 40);
	t_wr(g, T_DIST + GICD_ISPENDR + 4, 4, 1u << 9);
	ck_assert_uint_eq(gic_signalled_cpu_count(g), 0);
	t_syswr(g, 0, GIC_ICC_BPR1, 0);     /* clamps to the minimum */
	ck_assert_uint_eq(t_sysrd(g, 0, GIC_ICC_BPR1), 1);
	/* the running priority was fixed at the acknowledge: still no preemption */
	ck_assert_uint_eq(gic_signalled_cpu_count(g), 0);
	t_syswr(g, 0, GIC_ICC_EOIR1, 40);
	ck_assert_uint_eq(t_only_signalled(g), 0);
	/* now 0x40 preempts 0x48 with group priority bits [7:1] */
	t_wr(g, T_DIST + GICD_ICENABLER + 4, 4, 1u << 9);
	t_wr(g, T_DIST + GICD_ISPENDR + 4, 4, 1u << 8);
	ck_assert_uint_eq(t_sysrd(g, 0, GIC_ICC_IAR1), 40);
	t_wr(g, T_DIST + GICD_ISENABLER + 4, 4, 1u << 9);
	ck_assert_uint_eq(t_sysrd(g, 0, GIC_ICC_IAR1), 41);
	/* CBPR: BPR1 reads BPR0 + 1 and ignores writes */
	t_syswr(g, 0, GIC_ICC_BPR0, 2);
	t_syswr(g, 0, GIC_ICC_CTLR, ICC_CTLR_CBPR);
	ck_assert_uint_eq(t_sysrd(g, 0, GIC_ICC_BPR1), 3);
	t_syswr(g, 0, GIC_ICC_BPR1, 6);
	ck_assert_uint_eq(t_sysrd(g, 0, GIC_ICC_BPR1), 3);
	gic_destroy(g);
}
END_TEST

/* 2^20 vCPUs: created, initialised and delivering, in memory linear in vCPUs. */
START_TEST(million_cpus)
{
	const uint32_t n = UINT32_C(1) << 20, last = n - 1, far = 777777;
	size_t per_cpu = sizeof(struct gic_cpu) + sizeof(struct gic_redist_regs) +
			 2 * sizeof(uint32_t);
	struct gic *g = t_gic_raw(GIC_PROFILE_ARCH, 3, n, 1024, true, NULL);
	uint64_t m;

	ck_assert_uint_le(per_cpu, 256);
	ck_assert_int_eq(gic_set_dist_base(g, T_DIST), GIC_OK);
	ck_assert_int_eq(gic_add_redist_region(g, T_REDIST, 123), GIC_OK);
	ck_assert_int_eq(gic_add_redist_region(g, T_REDIST_HIGH, n), GIC_OK);
	ck_assert_int_eq(gic_init(g), GIC_OK);
	t_dist_on(g);
	t_cpu_on(g, last);
	t_cpu_on(g, far);
	ck_assert_int_eq(gic_cpu_mpidr(g, last, &m), GIC_OK);
	ck_assert_uint_eq(m, gic_default_mpidr(last));
	/* an SPI to the last vCPU, across Aff2 */
	t_spi_setup(g, 1000, PRIO_DEFAULT, m);
	ck_assert_int_eq(gic_set_spi_level(g, 1000, true), GIC_OK);
	ck_assert_uint_eq(t_only_signalled(g), last);
	ack_eoi(g, last, 1000);
	ck_assert_int_eq(gic_set_spi_level(g, 1000, false), GIC_OK);
	/* an SGI from far to last */
	t_wr(g, t_sgibase(g, last) + GICR_ISENABLER0, 4, 0xffff);
	t_syswr(g, far, GIC_ICC_SGI1R, SGI1R(m >> 32, (m >> 16) & 0xff, (m >> 8) & 0xff, 0,
					      1u << (m & 0xf), 6));
	ck_assert_uint_eq(t_only_signalled(g), last);
	ack_eoi(g, last, 6);
	/* its redistributor is where the walk would find it */
	ck_assert_uint_eq(t_rdbase(g, last), T_REDIST_HIGH + (uint64_t)(last - 123) * GICR_V3_SIZE);
	ck_assert_uint_eq(t_rd(g, t_rdbase(g, last) + GICR_TYPER, 8) & GICR_TYPER_LAST,
			  GICR_TYPER_LAST);
	gic_destroy(g);
}
END_TEST

Suite *routing_suite(void)
{
	Suite *s = suite_create("gic_routing");
	TCase *tc = tcase_create("routing");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, spi_routing_across_clusters);
	tcase_add_test(tc, spi_unroutable_affinity);
	tcase_add_test(tc, one_of_n_arch);
	tcase_add_test(tc, one_of_n_other_profiles);
	tcase_add_test(tc, sgi_target_lists_across_clusters);
	tcase_add_test(tc, sgi_range_selector);
	tcase_add_test(tc, sgi_all_but_self);
	tcase_add_test(tc, sgi_groups);
	tcase_add_test(tc, ppi_stays_local);
	tcase_add_test(tc, priority_mask);
	tcase_add_test(tc, group_enables);
	tcase_add_test(tc, sleeping_redistributor);
	tcase_add_test(tc, level_and_edge);
	tcase_add_test(tc, acknowledge_by_priority);
	tcase_add_test(tc, eoimode_split);
	tcase_add_test(tc, setspi_clrspi);
	tcase_add_test(tc, binary_point);
	tcase_add_test(tc, million_cpus);
	suite_add_tcase(s, tc);
	return s;
}
