/* SPDX-License-Identifier: MIT */
/* gic_emul: register reset values, access rules and the decode tables. */
#include "gic_test.h"

#include <stdlib.h>
#include <string.h>

#include "gic_internal.h"

/* Fields of GICD_TYPER, read as the architecture defines them. */
#define ITLINES(t)  ((uint32_t)(t) & 0x1f)
#define IDBITS(t)   (((uint32_t)(t) >> 19) & 0x1f)
#define BIT(t, n)   (((uint64_t)(t) >> (n)) & 1u)

START_TEST(gicd_reset_arch)
{
	struct gic *g = t_gic(GIC_PROFILE_ARCH, 3, 4, 256, true, NULL);
	uint64_t t = t_rd(g, T_DIST + GICD_TYPER, 4);

	/* DS=1 layout: ARE (bit 4) and DS (bit 6) read 1, groups off */
	ck_assert_uint_eq(t_rd(g, T_DIST + GICD_CTLR, 4), (1u << 4) | (1u << 6));
	ck_assert_uint_eq(ITLINES(t), 256 / 32 - 1);
	ck_assert_uint_eq(IDBITS(t), 15);       /* 16-bit INTIDs with LPIs */
	ck_assert_uint_eq(BIT(t, 17), 1);       /* LPIS */
	ck_assert_uint_eq(BIT(t, 24), 1);       /* A3V */
	ck_assert_uint_eq(BIT(t, 25), 0);       /* No1N: 1 of N offered */
	ck_assert_uint_eq(BIT(t, 26), 1);       /* RSS */
	ck_assert_uint_eq(BIT(t, 10), 0);       /* SecurityExtn: DS=1 */
	ck_assert_uint_eq((t >> 5) & 7, 0);     /* CPUNumber: 0 with ARE */
	ck_assert_uint_eq(BIT(t, 18), 0);       /* DVIS: GICv3 */
	ck_assert_uint_eq(t_rd(g, T_DIST + GICD_IIDR, 4) & 0xfff, 0x43b); /* Arm */
	ck_assert_uint_eq(t_rd(g, T_DIST + GICD_TYPER2, 4), 0);
	ck_assert_uint_eq(t_rd(g, T_DIST + GICD_STATUSR, 4), 0);
	gic_destroy(g);

	g = t_gic(GIC_PROFILE_ARCH, 4, 4, 64, false, NULL);
	t = t_rd(g, T_DIST + GICD_TYPER, 4);
	ck_assert_uint_eq(ITLINES(t), 1);
	ck_assert_uint_eq(IDBITS(t), 9);        /* INTIDs 0-1023 only */
	ck_assert_uint_eq(BIT(t, 17), 0);
	ck_assert_uint_eq(BIT(t, 18), 1);       /* DVIS: GICv4 */
	gic_destroy(g);
}
END_TEST

START_TEST(gicd_typer_nr_irqs)
{
	for (uint32_t n = GIC_NR_IRQS_MIN; n <= GIC_NR_IRQS_MAX; n += 32) {
		struct gic *g = t_gic(GIC_PROFILE_ARCH, 3, 1, n, false, NULL);
		uint32_t itl = ITLINES(t_rd(g, T_DIST + GICD_TYPER, 4));
		/* Linux: SPIs = min(32 * (ITLinesNumber + 1), 1020) - 32 */
		uint32_t total = 32 * (itl + 1) < 1020 ? 32 * (itl + 1) : 1020;

		ck_assert_uint_eq(32 * (itl + 1), n);
		ck_assert_uint_eq(total - 32, n == 1024 ? 988 : n - 32);
		gic_destroy(g);
		if (n <= 992) {
			g = t_gic(GIC_PROFILE_KVM, 3, 1, n, false, NULL);
			ck_assert_uint_eq(ITLINES(t_rd(g, T_DIST + GICD_TYPER, 4)), n / 32 - 1);
			gic_destroy(g);
			/* QEMU 7.2 counted SPIs only: one block short */
			g = t_gic(GIC_PROFILE_QEMU, 3, 1, n, false, NULL);
			ck_assert_uint_eq(ITLINES(t_rd(g, T_DIST + GICD_TYPER, 4)), n / 32 - 2);
			gic_destroy(g);
		}
	}
}
END_TEST

START_TEST(gicd_reset_kvm)
{
	struct gic *g = t_gic(GIC_PROFILE_KVM, 3, 4, 256, false, NULL);
	uint64_t t = t_rd(g, T_DIST + GICD_TYPER, 4);

	ck_assert_uint_eq(IDBITS(t), 9);
	ck_assert_uint_eq(BIT(t, 17) | BIT(t, 24) | BIT(t, 25) | BIT(t, 26), 0);
	/* vgic_mmio_read_v3_misc: ProductID 'K', Revision 3, Arm */
	ck_assert_uint_eq(t_rd(g, T_DIST + GICD_IIDR, 4), 0x4b00343b);
	ck_assert_uint_eq(t_rd(g, t_rdbase(g, 0) + GICR_IIDR, 4), 0x4b00043b);
	/* KVM: GICD_STATUSR reads as ones (vgic_mmio_read_rao) */
	ck_assert_uint_eq(t_rd(g, T_DIST + GICD_STATUSR, 4), 0xffffffff);
	/* KVM: every interrupt Group 1 at reset, SGIs enabled */
	ck_assert_uint_eq(t_rd(g, T_DIST + GICD_IGROUPR + 4, 4), 0xffffffff);
	ck_assert_uint_eq(t_rd(g, t_sgibase(g, 0) + GICR_IGROUPR0, 4), 0xffffffff);
	ck_assert_uint_eq(t_rd(g, t_sgibase(g, 0) + GICR_ISENABLER0, 4), 0xffff);
	/* KVM: IR and CES in GICR_CTLR */
	ck_assert_uint_eq(t_rd(g, t_rdbase(g, 0) + GICR_CTLR, 4), 0x6);
	gic_destroy(g);

	g = t_gic(GIC_PROFILE_KVM, 3, 4, 256, true, NULL);
	t = t_rd(g, T_DIST + GICD_TYPER, 4);
	ck_assert_uint_eq(IDBITS(t), 15);
	ck_assert_uint_eq(BIT(t, 17), 1);
	gic_destroy(g);
}
END_TEST

/* Values read from qemu-system-aarch64 7.2 (-machine virt -qtest stdio). */
START_TEST(qemu_matches_measured)
{
	uint64_t *mpidr = calloc(124, sizeof(*mpidr));
	struct gic *g = t_gic(GIC_PROFILE_QEMU, 3, 4, 288, true, NULL);

	ck_assert_uint_eq(t_rd(g, T_DIST + GICD_TYPER, 4), 0x037a0007);
	ck_assert_uint_eq(t_rd(g, T_DIST + GIC_PIDR2, 4), 0x3b);
	ck_assert_uint_eq(t_rd(g, T_DIST + GICD_CTLR, 4), 0x50);
	ck_assert_uint_eq(t_rd(g, T_DIST + GICD_IIDR, 4), 0x43b);
	ck_assert_uint_eq(t_rd(g, T_REDIST + GICR_TYPER, 8), 0x0000000001000001);
	ck_assert_uint_eq(t_rd(g, T_REDIST + GICR_V3_SIZE + GICR_TYPER, 8), 0x0000000101000101);
	ck_assert_uint_eq(t_rd(g, T_REDIST + GICR_WAKER, 4), 6);
	ck_assert_uint_eq(t_rd(g, T_REDIST + GICR_IIDR, 4), 0x43b);
	ck_assert_uint_eq(t_rd(g, T_REDIST + GICR_CTLR, 4), 2);
	ck_assert_uint_eq(t_rd(g, T_REDIST + GIC_PIDR2, 4), 0x3b);
	ck_assert_uint_eq(t_rd(g, T_REDIST + GIC_FRAME_SIZE + GICR_ICFGR0, 4), 0xaaaaaaaa);
	ck_assert_uint_eq(t_rd(g, T_REDIST + GIC_FRAME_SIZE + GIC_PIDR2, 4), 0);
	ck_assert_uint_eq(t_rd(g, T_DIST + GIC_PIDR0, 4), 0x92);
	ck_assert_uint_eq(t_rd(g, T_DIST + GIC_PIDR1, 4), 0xb4);
	ck_assert_uint_eq(t_rd(g, T_DIST + GIC_PIDR4, 4), 0x44);
	ck_assert_uint_eq(t_rd(g, T_DIST + GIC_CIDR0, 4), 0x0d);
	ck_assert_uint_eq(t_rd(g, T_DIST + GIC_CIDR1, 4), 0xf0);
	ck_assert_uint_eq(t_rd(g, T_DIST + GIC_CIDR2, 4), 0x05);
	ck_assert_uint_eq(t_rd(g, T_DIST + GIC_CIDR3, 4), 0xb1);
	ck_assert_uint_eq(t_rd(g, T_REDIST + GIC_PIDR0, 4), 0x93);
	t_wr(g, T_DIST + GICD_CTLR, 4, 0xffffffff);
	ck_assert_uint_eq(t_rd(g, T_DIST + GICD_CTLR, 4), 0x53);
	t_wr(g, T_DIST + GICD_IROUTER + 8 * 32, 8, 0xff80ffffff);
	ck_assert_uint_eq(t_rd(g, T_DIST + GICD_IROUTER + 8 * 32, 8), 0xff80ffffff);
	t_wr(g, T_DIST + GICD_IPRIORITYR + 32, 1, 0x1ff);
	ck_assert_uint_eq(t_rd(g, T_DIST + GICD_IPRIORITYR + 32, 4), 0xff);
	t_wr(g, T_REDIST + GICR_WAKER, 4, 0);
	ck_assert_uint_eq(t_rd(g, T_REDIST + GICR_WAKER, 4), 0);
	t_wr(g, T_REDIST + GICR_WAKER, 4, 2);
	ck_assert_uint_eq(t_rd(g, T_REDIST + GICR_WAKER, 4), 6);
	gic_destroy(g);

	/* gic-version=4, virtualization=on, -smp 2 */
	g = t_gic(GIC_PROFILE_QEMU, 4, 2, 288, true, NULL);
	ck_assert_uint_eq(t_rd(g, T_DIST + GICD_TYPER, 4), 0x037e0007);
	ck_assert_uint_eq(t_rd(g, T_DIST + GIC_PIDR2, 4), 0x4b);
	ck_assert_uint_eq(t_rd(g, T_REDIST + GIC_PIDR2, 4), 0x4b);
	ck_assert_uint_eq(t_rd(g, T_REDIST + GICR_TYPER, 8), 0x0000000001000003);
	ck_assert_uint_eq(t_rd(g, T_REDIST + GICR_V4_SIZE + GICR_TYPER, 8), 0x0000000101000113);
	gic_destroy(g);

	/* -smp 124: 123 frames low, the 124th in the high region; MPIDR (i/16).(i%16) */
	for (uint32_t i = 0; i < 124; i++)
		mpidr[i] = t_mpidr(0, 0, i / 16, i % 16);
	g = t_gic_raw(GIC_PROFILE_QEMU, 3, 124, 288, true, mpidr);
	ck_assert_int_eq(gic_set_dist_base(g, T_DIST), GIC_OK);
	ck_assert_int_eq(gic_add_redist_region(g, T_REDIST, 123), GIC_OK);
	ck_assert_int_eq(gic_add_redist_region(g, T_REDIST_HIGH, 512), GIC_OK);
	ck_assert_int_eq(gic_init(g), GIC_OK);
	ck_assert_uint_eq(t_rd(g, 0x08fc0008, 8), 0x0000070901007901);
	ck_assert_uint_eq(t_rd(g, 0x08fe0008, 8), 0x0000070a01007a11);
	ck_assert_uint_eq(t_rd(g, 0x4000000008, 8), 0x0000070b01007b11);
	gic_destroy(g);
	free(mpidr);
}
END_TEST

/* A QEMU-profile GIC of virt machine type @machine, its redistributors from T_REDIST. */
static struct gic *qemu_machine_gic(unsigned version, uint32_t nr_cpus, uint32_t machine,
				    bool its)
{
	struct gic_config cfg = {
		.version = version, .profile = GIC_PROFILE_QEMU, .nr_cpus = nr_cpus,
		.nr_irqs = 288, .lpis = its, .qemu_machine = machine,
	};
	int err = 1;
	struct gic *g = gic_create(&cfg, &err);

	ck_assert_msg(g != NULL, "gic_create: %s", gic_strerror(err));
	ck_assert_int_eq(gic_set_dist_base(g, T_DIST), GIC_OK);
	ck_assert_int_eq(gic_set_redist_base(g, T_REDIST), GIC_OK);
	ck_assert_int_eq(gic_init(g), GIC_OK);
	return g;
}

/*
 * The QEMU machine type decides LPIs, CES and the GICv4 frame size. Values
 * read from qemu-system-aarch64 7.2 -qtest (-cpu max, -smp 2).
 */
START_TEST(qemu_machine_types)
{
	struct gic_config cfg = { .version = 4, .profile = GIC_PROFILE_QEMU, .nr_cpus = 1,
				  .nr_irqs = 288 };
	struct gic *g;
	int err;

	/* virt-7.2, its=off: LPIs all the same (has-lpi from the TCG ITS) */
	g = qemu_machine_gic(3, 2, GIC_QEMU_MACHINE(7, 2), false);
	ck_assert_uint_eq(t_rd(g, T_DIST + GICD_TYPER, 4), 0x037a0007);
	ck_assert_uint_eq(t_rd(g, T_REDIST + GICR_TYPER, 8), 0x0000000001000001);
	ck_assert_uint_eq(t_rd(g, T_REDIST + GICR_CTLR, 4), GICR_CTLR_CES);
	t_wr(g, T_REDIST + GICR_CTLR, 4, GICR_CTLR_ENABLE_LPIS);
	ck_assert_uint_eq(t_rd(g, T_REDIST + GICR_CTLR, 4), 3);
	t_wr(g, T_REDIST + GICR_CTLR, 4, 0);
	ck_assert_uint_eq(t_rd(g, T_REDIST + GICR_CTLR, 4), GICR_CTLR_CES);
	gic_destroy(g);

	/* virt-6.1, its=on: no LPIs, no CES, EnableLPIs RAZ/WI */
	g = qemu_machine_gic(3, 2, GIC_QEMU_MACHINE(6, 1), true);
	ck_assert_uint_eq(t_rd(g, T_DIST + GICD_TYPER, 4), 0x03780007);
	ck_assert_uint_eq(t_rd(g, T_REDIST + GICR_TYPER, 8), 0x0000000001000000);
	ck_assert_uint_eq(t_rd(g, T_REDIST + GICR_CTLR, 4), 0);
	t_wr(g, T_REDIST + GICR_CTLR, 4, GICR_CTLR_ENABLE_LPIS);
	ck_assert_uint_eq(t_rd(g, T_REDIST + GICR_CTLR, 4), 0);
	gic_destroy(g);

	/* virt-6.1, GICv4: ArchRev 4 and DVIS, but no VLPIS: 128 KiB frames */
	g = qemu_machine_gic(4, 2, GIC_QEMU_MACHINE(6, 1), true);
	ck_assert_uint_eq(gic_redist_size(g), GICR_V3_SIZE);
	ck_assert_uint_eq(t_rd(g, T_DIST + GICD_TYPER, 4), 0x037c0007);
	ck_assert_uint_eq(t_rd(g, T_REDIST + GIC_PIDR2, 4), 0x4b);
	ck_assert_uint_eq(t_rd(g, T_REDIST + GICR_TYPER, 8), 0x0000000001000000);
	ck_assert_uint_eq(t_rd(g, T_REDIST + GICR_V3_SIZE + GICR_TYPER, 8), 0x0000000101000110);
	gic_destroy(g);

	/* virt-6.2 on: a GICv4 has VLPIS and 256 KiB frames; 0 means virt-7.2 */
	cfg.qemu_machine = GIC_QEMU_MACHINE(6, 2);
	ck_assert_uint_eq(gic_config_redist_size(&cfg), GICR_V4_SIZE);
	cfg.qemu_machine = 0;
	ck_assert_uint_eq(gic_config_redist_size(&cfg), GICR_V4_SIZE);
	cfg.qemu_machine = GIC_QEMU_MACHINE(6, 1);
	ck_assert_uint_eq(gic_config_redist_size(&cfg), GICR_V3_SIZE);
	/* other profiles: VLPIS with every GICv4, and qemu_machine is not looked at */
	cfg.profile = GIC_PROFILE_ARCH;
	ck_assert_uint_eq(gic_config_redist_size(&cfg), GICR_V4_SIZE);
	cfg.qemu_machine = GIC_QEMU_MACHINE(9, 9);
	g = gic_create(&cfg, &err);
	ck_assert_int_eq(err, GIC_OK);
	gic_destroy(g);
	/* machine types QEMU 7.2 does not have */
	cfg.profile = GIC_PROFILE_QEMU;
	ck_assert_ptr_null(gic_create(&cfg, &err));
	ck_assert_int_eq(err, GIC_E_PROFILE);
	cfg.qemu_machine = GIC_QEMU_MACHINE(2, 5);
	ck_assert_ptr_null(gic_create(&cfg, &err));
	ck_assert_int_eq(err, GIC_E_PROFILE);
}
END_TEST

/*
 * QEMU and KVM answer a width a register does not take with RAZ/WI (QEMU's
 * gicv3_dist_read; KVM's dispatch_mmio_read/_write after check_region: no
 * abort); the architecture profile refuses it.
 */
START_TEST(vmm_bad_width_raz_wi)
{
	const enum gic_profile p = _i ? GIC_PROFILE_KVM : GIC_PROFILE_QEMU;
	struct gic *g = t_gic(p, 3, 2, 288, true, NULL);
	const uint64_t rd = t_rdbase(g, 1), sgi = t_sgibase(g, 1);
	const struct { uint64_t addr; unsigned size; } bad[] = {
		{ T_DIST + GICD_CTLR, 2 }, { T_DIST + GICD_CTLR, 1 },
		{ T_DIST + GICD_CTLR, 8 },                   /* spans CTLR and TYPER */
		{ T_DIST + GICD_ISENABLER + 4, 1 }, { T_DIST + GICD_IROUTER + 8 * 40, 2 },
		{ T_DIST + GIC_PIDR2, 1 }, { rd + GICR_CTLR, 8 }, { rd + GICR_TYPER, 2 },
		{ rd + GICR_WAKER, 1 }, { sgi + GICR_IPRIORITYR0 + 8, 8 },
		{ sgi + GICR_ISENABLER0, 2 },
	};
	uint64_t v;

	t_wr(g, sgi + GICR_ISENABLER0, 4, 0xffff);
	t_wr(g, rd + GICR_WAKER, 4, 0);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		v = 1;
		ck_assert_int_eq(gic_mmio_read(g, bad[i].addr, bad[i].size, &v), GIC_OK);
		ck_assert_uint_eq(v, 0);
		ck_assert_int_eq(gic_mmio_write(g, bad[i].addr, bad[i].size, UINT64_MAX), GIC_OK);
	}
	/* the writes changed nothing */
	ck_assert_uint_eq(t_rd(g, T_DIST + GICD_CTLR, 4), 0x50);
	ck_assert_uint_eq(t_rd(g, sgi + GICR_ISENABLER0, 4), 0xffff);
	ck_assert_uint_eq(t_rd(g, rd + GICR_WAKER, 4), 0);
	ck_assert_uint_eq(t_rd(g, rd + GICR_CTLR, 4),
			  p == GIC_PROFILE_KVM ? GICR_CTLR_IR | GICR_CTLR_CES : GICR_CTLR_CES);
	/* misaligned accesses stay errors: a guest's are split before they reach the GIC */
	ck_assert_int_eq(gic_mmio_read(g, T_DIST + 2, 4, &v), GIC_E_ACCESS_ALIGN);
	gic_destroy(g);

	g = t_gic(GIC_PROFILE_ARCH, 3, 1, 288, true, NULL);
	ck_assert_int_eq(gic_mmio_read(g, T_DIST + GICD_CTLR, 2, &v), GIC_E_ACCESS_SIZE);
	gic_destroy(g);
}
END_TEST

/* QEMU's GICR_VPENDBASER (values read from QEMU 7.2 -machine virt,gic-version=4). */
START_TEST(qemu_vpendbaser)
{
	struct gic *g = t_gic(GIC_PROFILE_QEMU, 4, 2, 288, true, NULL);
	uint64_t vpend = t_rdbase(g, 1) + 2 * GIC_FRAME_SIZE + GICR_VPENDBASER;

	t_wr(g, vpend, 8, 0x7fffffffffffffff);          /* Valid 0: its fields, Dirty 0 */
	ck_assert_uint_eq(t_rd(g, vpend, 8), 0x670fffffffff0f80);
	t_wr(g, vpend, 8, UINT64_MAX);                  /* Valid 0 -> 1: PendingLast set */
	ck_assert_uint_eq(t_rd(g, vpend, 8), 0xe70fffffffff0f80);
	t_wr(g, vpend, 8, 0x8000000000000000);          /* Valid stays 1: ignored */
	ck_assert_uint_eq(t_rd(g, vpend, 8), 0xe70fffffffff0f80);
	t_wr(g, vpend, 4, 0);                           /* low half, Valid still 1: ignored */
	ck_assert_uint_eq(t_rd(g, vpend, 8), 0xe70fffffffff0f80);
	t_wr(g, vpend + 4, 4, 0);                       /* Valid 1 -> 0: nothing pending */
	ck_assert_uint_eq(t_rd(g, vpend, 8), 0x00000000ffff0f80);
	gic_destroy(g);

	/* the architecture's profile stores it as written */
	g = t_gic(GIC_PROFILE_ARCH, 4, 2, 288, true, NULL);
	vpend = t_rdbase(g, 1) + 2 * GIC_FRAME_SIZE + GICR_VPENDBASER;
	t_wr(g, vpend, 8, 0x7fffffffffffffff);
	ck_assert_uint_eq(t_rd(g, vpend, 8), 0x7fffffffffffffff);
	gic_destroy(g);
}
END_TEST

START_TEST(pidr2_and_id_registers)
{
	for (unsigned v = 3; v <= 4; v++) {
		struct gic *g = t_gic(GIC_PROFILE_ARCH, v, 2, 128, true, NULL);

		/* ArchRev [7:4] names the version, in GICD and in each RD_base */
		ck_assert_uint_eq(t_rd(g, T_DIST + GIC_PIDR2, 4) >> 4 & 0xf, v);
		ck_assert_uint_eq(t_rd(g, t_rdbase(g, 1) + GIC_PIDR2, 4) >> 4 & 0xf, v);
		/* ID registers are read-only */
		t_wr(g, T_DIST + GIC_PIDR2, 4, 0);
		ck_assert_uint_eq(t_rd(g, T_DIST + GIC_PIDR2, 4) >> 4 & 0xf, v);
		gic_destroy(g);
	}
	{
		/* KVM: PIDR2 = 0x3b, the other ID registers read 0 */
		struct gic *g = t_gic(GIC_PROFILE_KVM, 3, 2, 128, false, NULL);

		ck_assert_uint_eq(t_rd(g, T_DIST + GIC_PIDR2, 4), 0x3b);
		ck_assert_uint_eq(t_rd(g, T_REDIST + GIC_PIDR2, 4), 0x3b);
		ck_assert_uint_eq(t_rd(g, T_DIST + GIC_PIDR0, 4), 0);
		ck_assert_uint_eq(t_rd(g, T_DIST + GIC_CIDR1, 4), 0);
		gic_destroy(g);
	}
}
END_TEST

START_TEST(gicr_typer_fields)
{
	const uint64_t mpidr[3] = { t_mpidr(0, 0, 0, 0), t_mpidr(2, 3, 4, 5), t_mpidr(0, 0xfe, 0xdc, 0xba) };

	for (int p = 0; p < GIC_PROFILE_COUNT; p++) {
		for (int lpis = 0; lpis <= 1; lpis++) {
			struct gic *g = t_gic((enum gic_profile)p, 3, 3, 128, lpis, mpidr);

			for (uint32_t c = 0; c < 3; c++) {
				uint64_t t = t_rd(g, t_rdbase(g, c) + GICR_TYPER, 8);
				uint64_t aff3 = (mpidr[c] >> 32) & 0xff;
				uint64_t want = (aff3 << 24 | (mpidr[c] & 0xffffff));

				/* KVM shows Aff2.Aff1.Aff0 only */
				if (p == GIC_PROFILE_KVM)
					want &= 0xffffff;
				ck_assert_uint_eq(t >> 32, want);
				ck_assert_uint_eq(t >> 8 & 0xffff, c);      /* Processor_Number */
				/* PLPIS; QEMU's follows the machine type (virt-7.2: LPIs) */
				ck_assert_uint_eq(t & 1, p == GIC_PROFILE_QEMU ? 1 : (uint64_t)lpis);
				ck_assert_uint_eq(t >> 1 & 1, 0);           /* VLPIS: GICv3 */
				/* 32-bit halves read the same register */
				ck_assert_uint_eq(t_rd(g, t_rdbase(g, c) + GICR_TYPER, 4), t & 0xffffffff);
				ck_assert_uint_eq(t_rd(g, t_rdbase(g, c) + GICR_TYPER + 4, 4), t >> 32);
			}
			gic_destroy(g);
		}
	}
}
END_TEST

START_TEST(processor_number_16_bits)
{
	struct gic *g = t_gic(GIC_PROFILE_KVM, 3, 65537, 64, false, NULL);

	/* 16-bit field: vCPU 65536 reads 0, as KVM's (vcpu_id & 0xffff) */
	ck_assert_uint_eq(t_rd(g, t_rdbase(g, 65536) + GICR_TYPER, 8) >> 8 & 0xffff, 0);
	ck_assert_uint_eq(t_rd(g, t_rdbase(g, 65535) + GICR_TYPER, 8) >> 8 & 0xffff, 0xffff);
	gic_destroy(g);
}
END_TEST

START_TEST(waker_handshake)
{
	struct gic *g = t_gic(GIC_PROFILE_ARCH, 3, 2, 128, false, NULL);
	uint64_t w = t_rdbase(g, 1) + GICR_WAKER;

	ck_assert_uint_eq(t_rd(g, w, 4), GICR_WAKER_PROCESSOR_SLEEP | GICR_WAKER_CHILDREN_ASLEEP);
	t_wr(g, w, 4, 0);
	ck_assert_uint_eq(t_rd(g, w, 4) & GICR_WAKER_CHILDREN_ASLEEP, 0);
	ck_assert_uint_eq(t_rd(g, w, 4), 0);
	/* ChildrenAsleep is read-only: writing it alone does nothing */
	t_wr(g, w, 4, GICR_WAKER_CHILDREN_ASLEEP);
	ck_assert_uint_eq(t_rd(g, w, 4), 0);
	t_wr(g, w, 4, GICR_WAKER_PROCESSOR_SLEEP);
	ck_assert_uint_eq(t_rd(g, w, 4), GICR_WAKER_PROCESSOR_SLEEP | GICR_WAKER_CHILDREN_ASLEEP);
	/* the other vCPU is untouched */
	ck_assert_uint_eq(t_rd(g, t_rdbase(g, 0) + GICR_WAKER, 4), 6);
	gic_destroy(g);

	/* KVM: GICR_WAKER is RAZ/WI */
	g = t_gic(GIC_PROFILE_KVM, 3, 2, 128, false, NULL);
	ck_assert_uint_eq(t_rd(g, T_REDIST + GICR_WAKER, 4), 0);
	t_wr(g, T_REDIST + GICR_WAKER, 4, 2);
	ck_assert_uint_eq(t_rd(g, T_REDIST + GICR_WAKER, 4), 0);
	gic_destroy(g);
}
END_TEST

/* Write all ones, then read 0 at @addr with @size. */
static void check_raz_wi(struct gic *g, uint64_t addr, unsigned size)
{
	t_wr(g, addr, size, UINT64_MAX);
	ck_assert_msg(t_rd(g, addr, size) == 0, "0x%llx not RAZ", (unsigned long long)addr);
}

START_TEST(reserved_raz_wi)
{
	struct gic *g = t_gic(GIC_PROFILE_ARCH, 4, 2, 96, true, NULL);
	const uint32_t gicd_reserved[] = { 0x14, 0x20, 0x3c, 0x50, 0x7c, 0xf30, 0x1000, 0x5ffc,
					   0x6000, 0x60f8, 0x7fe0, 0x8000, 0xc000, 0xffcc };
	const uint32_t rd_reserved[] = { 0x18, 0x40, 0x80, 0x1000, 0xffcc };
	const uint32_t sgi_reserved[] = { 0x0, 0x84, 0x420, 0xc08, 0xd04, 0xffe8 };
	const unsigned sizes[] = { 1, 2, 4, 8 };

	for (size_t i = 0; i < sizeof(gicd_reserved) / sizeof(gicd_reserved[0]); i++)
		for (size_t s = 0; s < 4; s++)
			if (gicd_reserved[i] % sizes[s] == 0)
				check_raz_wi(g, T_DIST + gicd_reserved[i], sizes[s]);
	for (size_t i = 0; i < sizeof(rd_reserved) / sizeof(rd_reserved[0]); i++)
		check_raz_wi(g, t_rdbase(g, 1) + rd_reserved[i], 4);
	for (size_t i = 0; i < sizeof(sgi_reserved) / sizeof(sgi_reserved[0]); i++)
		check_raz_wi(g, t_sgibase(g, 1) + sgi_reserved[i], 4);
	/* GICv4: VLPI_base outside V{PROP,PEND}BASER, and the reserved frame */
	check_raz_wi(g, t_rdbase(g, 1) + 2 * GIC_FRAME_SIZE, 8);
	check_raz_wi(g, t_rdbase(g, 1) + 3 * GIC_FRAME_SIZE, 8);
	check_raz_wi(g, t_rdbase(g, 1) + 3 * GIC_FRAME_SIZE + GIC_PIDR2, 4);
	/* IROUTER of INTIDs past nr_irqs */
	check_raz_wi(g, T_DIST + GICD_IROUTER + 8 * 96, 8);
	check_raz_wi(g, T_DIST + GICD_IROUTER + 8 * 1019, 8);
	/* private INTIDs in GICD: RAZ/WI with affinity routing */
	check_raz_wi(g, T_DIST + GICD_IGROUPR, 4);
	check_raz_wi(g, T_DIST + GICD_ISENABLER, 4);
	check_raz_wi(g, T_DIST + GICD_ISPENDR, 4);
	check_raz_wi(g, T_DIST + GICD_ISACTIVER, 4);
	check_raz_wi(g, T_DIST + GICD_IPRIORITYR, 4);
	check_raz_wi(g, T_DIST + GICD_IPRIORITYR + 31, 1);
	check_raz_wi(g, T_DIST + GICD_ICFGR + 4, 4);
	/* INTIDs past nr_irqs */
	check_raz_wi(g, T_DIST + GICD_ISENABLER + 12, 4);
	check_raz_wi(g, T_DIST + GICD_IPRIORITYR + 96, 4);
	/* and nothing of the private state moved */
	ck_assert_uint_eq(t_rd(g, t_sgibase(g, 0) + GICR_ISENABLER0, 4), 0);
	ck_assert_uint_eq(t_rd(g, t_sgibase(g, 0) + GICR_ISPENDR0, 4), 0);
	ck_assert_uint_eq(t_rd(g, t_sgibase(g, 0) + GICR_IPRIORITYR0, 4), 0);
	gic_destroy(g);
}
END_TEST

START_TEST(legacy_registers_raz_wi)
{
	struct gic *g = t_gic(GIC_PROFILE_ARCH, 3, 4, 128, false, NULL);

	t_dist_on(g);
	for (uint32_t c = 0; c < 4; c++)
		t_cpu_on(g, c);
	t_wr(g, t_sgibase(g, 2) + GICR_ISENABLER0, 4, 0xffff);
	/* ITARGETSR: byte and word, RAZ/WI with affinity routing */
	check_raz_wi(g, T_DIST + GICD_ITARGETSR + 32, 1);
	check_raz_wi(g, T_DIST + GICD_ITARGETSR + 64, 4);
	check_raz_wi(g, T_DIST + GICD_ITARGETSR + 0x3ff, 1);
	/* GICD_SGIR: a GICv2-style SGI to all (filter 01) generates nothing */
	t_wr(g, T_DIST + GICD_SGIR, 4, (1u << 24) | 3);
	ck_assert_uint_eq(t_rd(g, T_DIST + GICD_SGIR, 4), 0);
	ck_assert_uint_eq(t_rd(g, t_sgibase(g, 2) + GICR_ISPENDR0, 4), 0);
	ck_assert_uint_eq(gic_signalled_cpu_count(g), 0);
	check_raz_wi(g, T_DIST + GICD_SPENDSGIR, 1);
	check_raz_wi(g, T_DIST + GICD_CPENDSGIR + 4, 4);
	/* Secure-only registers under DS=1 */
	check_raz_wi(g, T_DIST + GICD_IGRPMODR + 4, 4);
	check_raz_wi(g, T_DIST + GICD_NSACR + 8, 4);
	check_raz_wi(g, t_sgibase(g, 0) + GICR_IGRPMODR0, 4);
	check_raz_wi(g, t_sgibase(g, 0) + GICR_NSACR, 4);
	check_raz_wi(g, t_rdbase(g, 0) + GICR_STATUSR, 4);
	/* read-only registers ignore writes */
	{
		uint64_t typer = t_rd(g, T_DIST + GICD_TYPER, 4);

		t_wr(g, T_DIST + GICD_TYPER, 4, 0);
		ck_assert_uint_eq(t_rd(g, T_DIST + GICD_TYPER, 4), typer);
		t_wr(g, t_sgibase(g, 0) + GICR_ICFGR0, 4, 0);
		ck_assert_uint_eq(t_rd(g, t_sgibase(g, 0) + GICR_ICFGR0, 4), 0xaaaaaaaa);
	}
	gic_destroy(g);
}
END_TEST

START_TEST(gicd_ctlr_per_profile)
{
	struct gic *g = t_gic(GIC_PROFILE_ARCH, 3, 1, 64, false, NULL);

	t_wr(g, T_DIST + GICD_CTLR, 4, 0xffffffff);
	/* EnableGrp0|EnableGrp1|ARE|DS; RWP and E1NWF read 0 */
	ck_assert_uint_eq(t_rd(g, T_DIST + GICD_CTLR, 4), 0x53);
	t_wr(g, T_DIST + GICD_CTLR, 4, 0);
	ck_assert_uint_eq(t_rd(g, T_DIST + GICD_CTLR, 4), 0x50);
	gic_destroy(g);
	/* KVM keeps EnableGrp1 only */
	g = t_gic(GIC_PROFILE_KVM, 3, 1, 64, false, NULL);
	t_wr(g, T_DIST + GICD_CTLR, 4, 0xffffffff);
	ck_assert_uint_eq(t_rd(g, T_DIST + GICD_CTLR, 4), 0x52);
	gic_destroy(g);
}
END_TEST

/* Set/clear register pairs: write 1 acts, write 0 ignored, both read the state. */
static void check_pair(struct gic *g, uint64_t set, uint64_t clr, uint32_t bits)
{
	t_wr(g, set, 4, bits & 0x5555aaaa);
	ck_assert_uint_eq(t_rd(g, set, 4), bits & 0x5555aaaa);
	t_wr(g, set, 4, bits & 0x0000ffff);
	ck_assert_uint_eq(t_rd(g, set, 4), bits & 0x5555ffff);
	ck_assert_uint_eq(t_rd(g, clr, 4), bits & 0x5555ffff);
	t_wr(g, clr, 4, bits & 0x00ff00ff);
	ck_assert_uint_eq(t_rd(g, set, 4), bits & 0x5500ff00);
	t_wr(g, clr, 4, 0);
	ck_assert_uint_eq(t_rd(g, clr, 4), bits & 0x5500ff00);
	t_wr(g, clr, 4, 0xffffffff);
	ck_assert_uint_eq(t_rd(g, set, 4), 0);
}

START_TEST(set_clear_registers)
{
	struct gic *g = t_gic(GIC_PROFILE_ARCH, 3, 2, 96, false, NULL);
	uint64_t sgi = t_sgibase(g, 1);

	/* SPIs 32-63 (word 1) and 64-95 (word 2) */
	for (uint32_t w = 1; w <= 2; w++) {
		check_pair(g, T_DIST + GICD_ISENABLER + 4 * w, T_DIST + GICD_ICENABLER + 4 * w, ~0u);
		check_pair(g, T_DIST + GICD_ISPENDR + 4 * w, T_DIST + GICD_ICPENDR + 4 * w, ~0u);
		check_pair(g, T_DIST + GICD_ISACTIVER + 4 * w, T_DIST + GICD_ICACTIVER + 4 * w, ~0u);
	}
	check_pair(g, sgi + GICR_ISENABLER0, sgi + GICR_ICENABLER0, ~0u);
	check_pair(g, sgi + GICR_ISPENDR0, sgi + GICR_ICPENDR0, ~0u);
	check_pair(g, sgi + GICR_ISACTIVER0, sgi + GICR_ICACTIVER0, ~0u);
	/* vCPU 0 untouched */
	ck_assert_uint_eq(t_rd(g, t_sgibase(g, 0) + GICR_ISENABLER0, 4), 0);
	/* IGROUPR is a plain read/write register */
	t_wr(g, T_DIST + GICD_IGROUPR + 4, 4, 0x12345678);
	ck_assert_uint_eq(t_rd(g, T_DIST + GICD_IGROUPR + 4, 4), 0x12345678);
	t_wr(g, sgi + GICR_IGROUPR0, 4, 0x87654321);
	ck_assert_uint_eq(t_rd(g, sgi + GICR_IGROUPR0, 4), 0x87654321);
	gic_destroy(g);
}
END_TEST

START_TEST(priority_bytes)
{
	struct gic *g = t_gic(GIC_PROFILE_ARCH, 3, 2, 128, false, NULL);
	uint64_t sgi = t_sgibase(g, 1);

	t_wr(g, T_DIST + GICD_IPRIORITYR + 40, 1, 0x11);
	t_wr(g, T_DIST + GICD_IPRIORITYR + 41, 1, 0x22);
	t_wr(g, T_DIST + GICD_IPRIORITYR + 43, 1, 0x44);
	ck_assert_uint_eq(t_rd(g, T_DIST + GICD_IPRIORITYR + 40, 4), 0x44002211);
	ck_assert_uint_eq(t_rd(g, T_DIST + GICD_IPRIORITYR + 41, 1), 0x22);
	t_wr(g, T_DIST + GICD_IPRIORITYR + 40, 4, 0xa0b0c0d0);
	ck_assert_uint_eq(t_rd(g, T_DIST + GICD_IPRIORITYR + 42, 1), 0xb0);
	t_wr(g, sgi + GICR_IPRIORITYR0 + 17, 1, 0x5a);
	ck_assert_uint_eq(t_rd(g, sgi + GICR_IPRIORITYR0 + 16, 4), 0x5a00);
	t_wr(g, sgi + GICR_IPRIORITYR0 + 28, 4, 0x01020304);
	ck_assert_uint_eq(t_rd(g, sgi + GICR_IPRIORITYR0 + 31, 1), 0x01);
	gic_destroy(g);

	/* KVM keeps 5 priority bits */
	g = t_gic(GIC_PROFILE_KVM, 3, 1, 128, false, NULL);
	t_wr(g, T_DIST + GICD_IPRIORITYR + 40, 1, 0xff);
	ck_assert_uint_eq(t_rd(g, T_DIST + GICD_IPRIORITYR + 40, 1), 0xf8);
	gic_destroy(g);
}
END_TEST

START_TEST(icfgr_config)
{
	struct gic *g = t_gic(GIC_PROFILE_ARCH, 3, 2, 128, false, NULL);
	uint64_t sgi = t_sgibase(g, 0);

	/* SPIs reset level; only the odd bit of each field is writable */
	ck_assert_uint_eq(t_rd(g, T_DIST + GICD_ICFGR + 8, 4), 0);
	t_wr(g, T_DIST + GICD_ICFGR + 8, 4, 0xffffffff);
	ck_assert_uint_eq(t_rd(g, T_DIST + GICD_ICFGR + 8, 4), 0xaaaaaaaa);
	t_wr(g, T_DIST + GICD_ICFGR + 8, 4, 0x8);
	ck_assert_uint_eq(t_rd(g, T_DIST + GICD_ICFGR + 8, 4), 0x8);
	/* SGIs: edge, read-only; PPIs: level at reset, writable */
	ck_assert_uint_eq(t_rd(g, sgi + GICR_ICFGR0, 4), 0xaaaaaaaa);
	ck_assert_uint_eq(t_rd(g, sgi + GICR_ICFGR1, 4), 0);
	t_wr(g, sgi + GICR_ICFGR1, 4, 0xffffffff);
	ck_assert_uint_eq(t_rd(g, sgi + GICR_ICFGR1, 4), 0xaaaaaaaa);
	ck_assert_uint_eq(t_rd(g, t_sgibase(g, 1) + GICR_ICFGR1, 4), 0);
	gic_destroy(g);
}
END_TEST

START_TEST(irouter_masks_and_halves)
{
	const uint64_t r = T_DIST + GICD_IROUTER + 8 * 50;
	struct gic *g = t_gic(GIC_PROFILE_ARCH, 3, 1, 128, false, NULL);

	ck_assert_uint_eq(t_rd(g, r, 8), 0);
	t_wr(g, r, 8, UINT64_MAX);
	/* Aff3 [39:32], IRM [31], Aff2.Aff1.Aff0 [23:0] */
	ck_assert_uint_eq(t_rd(g, r, 8), 0xff80ffffff);
	t_wr(g, r + 4, 4, 0x12);
	ck_assert_uint_eq(t_rd(g, r, 8), 0x1280ffffff);
	t_wr(g, r, 4, 0x00030201);
	ck_assert_uint_eq(t_rd(g, r, 8), 0x1200030201);
	ck_assert_uint_eq(t_rd(g, r + 4, 4), 0x12);
	ck_assert_uint_eq(t_rd(g, r, 4), 0x00030201);
	gic_destroy(g);

	/* KVM keeps [23:0]: no Aff3, no IRM, upper word RAZ/WI */
	g = t_gic(GIC_PROFILE_KVM, 3, 1, 128, false, NULL);
	t_wr(g, r, 8, UINT64_MAX);
	ck_assert_uint_eq(t_rd(g, r, 8), 0xffffff);
	t_wr(g, r + 4, 4, 0xff);
	ck_assert_uint_eq(t_rd(g, r + 4, 4), 0);
	gic_destroy(g);
}
END_TEST

struct width_case {
	uint64_t off;
	unsigned size;
	int rc;
};

START_TEST(access_widths)
{
	struct gic *g = t_gic(GIC_PROFILE_ARCH, 3, 2, 128, true, NULL);
	const uint64_t rd = t_rdbase(g, 1), sgi = t_sgibase(g, 1);
	const struct width_case cases[] = {
		{ T_DIST + GICD_CTLR, 4, GIC_OK },
		{ T_DIST + GICD_CTLR, 1, GIC_E_ACCESS_SIZE },
		{ T_DIST + GICD_CTLR, 2, GIC_E_ACCESS_SIZE },
		{ T_DIST + GICD_CTLR, 8, GIC_E_ACCESS_SIZE },    /* spans CTLR and TYPER */
		{ T_DIST + GICD_TYPER, 2, GIC_E_ACCESS_SIZE },
		{ T_DIST + GICD_SETSPI_NSR, 2, GIC_OK },
		{ T_DIST + GICD_SETSPI_NSR, 1, GIC_E_ACCESS_SIZE },
		{ T_DIST + GICD_ISENABLER + 4, 1, GIC_E_ACCESS_SIZE },
		{ T_DIST + GICD_ISENABLER + 8, 8, GIC_E_ACCESS_SIZE },
		{ T_DIST + GICD_IPRIORITYR + 33, 1, GIC_OK },
		{ T_DIST + GICD_IPRIORITYR + 32, 4, GIC_OK },
		{ T_DIST + GICD_IPRIORITYR + 34, 2, GIC_E_ACCESS_SIZE },
		{ T_DIST + GICD_IPRIORITYR + 40, 8, GIC_E_ACCESS_SIZE },
		{ T_DIST + GICD_ITARGETSR + 33, 1, GIC_OK },
		{ T_DIST + GICD_ITARGETSR + 34, 2, GIC_E_ACCESS_SIZE },
		{ T_DIST + GICD_IROUTER + 8 * 40, 8, GIC_OK },
		{ T_DIST + GICD_IROUTER + 8 * 40 + 4, 4, GIC_OK },
		{ T_DIST + GICD_IROUTER + 8 * 40, 2, GIC_E_ACCESS_SIZE },
		{ T_DIST + GICD_IROUTER + 8 * 40, 1, GIC_E_ACCESS_SIZE },
		{ T_DIST + GIC_PIDR2, 1, GIC_E_ACCESS_SIZE },
		{ T_DIST + GICD_CTLR + 2, 4, GIC_E_ACCESS_ALIGN },
		{ T_DIST + GICD_IROUTER + 8 * 40 + 4, 8, GIC_E_ACCESS_ALIGN },
		{ T_DIST + GICD_CTLR, 3, GIC_E_ACCESS_SIZE },
		{ T_DIST + GICD_CTLR, 16, GIC_E_ACCESS_SIZE },
		{ T_DIST + GICD_CTLR, 0, GIC_E_ACCESS_SIZE },
		{ T_DIST + 0x18, 8, GIC_OK },                    /* reserved, 8-aligned */
		{ T_DIST + 0x0F08, 8, GIC_OK },                  /* reserved, 8-aligned */
		{ T_DIST + 0x0F0C, 8, GIC_E_ACCESS_ALIGN },
		{ rd + GICR_TYPER, 8, GIC_OK },
		{ rd + GICR_TYPER + 4, 4, GIC_OK },
		{ rd + GICR_TYPER, 2, GIC_E_ACCESS_SIZE },
		{ rd + GICR_CTLR, 8, GIC_E_ACCESS_SIZE },
		{ rd + GICR_WAKER, 1, GIC_E_ACCESS_SIZE },
		{ rd + GICR_PROPBASER, 8, GIC_OK },
		{ rd + GICR_PENDBASER + 4, 4, GIC_OK },
		{ rd + GICR_PENDBASER, 1, GIC_E_ACCESS_SIZE },
		{ sgi + GICR_IPRIORITYR0 + 5, 1, GIC_OK },
		{ sgi + GICR_IPRIORITYR0 + 8, 8, GIC_E_ACCESS_SIZE },
		{ sgi + GICR_ISENABLER0, 2, GIC_E_ACCESS_SIZE },
		{ sgi + GICR_ICFGR0, 8, GIC_E_ACCESS_SIZE },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		uint64_t v;
		int r = gic_mmio_read(g, cases[i].off, cases[i].size, &v);
		int w = gic_mmio_write(g, cases[i].off, cases[i].size, 0);

		ck_assert_msg(r == cases[i].rc && w == cases[i].rc,
			      "case %zu: 0x%llx size %u: read %d write %d, want %d", i,
			      (unsigned long long)cases[i].off, cases[i].size, r, w, cases[i].rc);
	}
	gic_destroy(g);
}
END_TEST

START_TEST(baser_registers)
{
	struct gic *g = t_gic(GIC_PROFILE_ARCH, 4, 2, 128, true, NULL);
	uint64_t rd = t_rdbase(g, 1), vlpi = rd + 2 * GIC_FRAME_SIZE;

	t_wr(g, rd + GICR_PROPBASER, 8, 0x0123456789abcdef);
	ck_assert_uint_eq(t_rd(g, rd + GICR_PROPBASER, 8), 0x0123456789abcdef);
	t_wr(g, rd + GICR_PENDBASER + 4, 4, 0x11223344);
	t_wr(g, rd + GICR_PENDBASER, 4, 0x55667788);
	ck_assert_uint_eq(t_rd(g, rd + GICR_PENDBASER, 8), 0x1122334455667788);
	ck_assert_uint_eq(t_rd(g, t_rdbase(g, 0) + GICR_PENDBASER, 8), 0);
	t_wr(g, vlpi + GICR_VPROPBASER, 8, 0xfeed);
	t_wr(g, vlpi + GICR_VPENDBASER + 4, 4, 0xbeef);
	ck_assert_uint_eq(t_rd(g, vlpi + GICR_VPROPBASER, 8), 0xfeed);
	ck_assert_uint_eq(t_rd(g, vlpi + GICR_VPENDBASER, 8), UINT64_C(0xbeef) << 32);
	/* EnableLPIs with an ITS */
	t_wr(g, rd + GICR_CTLR, 4, GICR_CTLR_ENABLE_LPIS);
	ck_assert_uint_eq(t_rd(g, rd + GICR_CTLR, 4), GICR_CTLR_ENABLE_LPIS);
	gic_destroy(g);
	/* without one it is RAZ/WI */
	g = t_gic(GIC_PROFILE_ARCH, 3, 1, 128, false, NULL);
	t_wr(g, T_REDIST + GICR_CTLR, 4, GICR_CTLR_ENABLE_LPIS);
	ck_assert_uint_eq(t_rd(g, T_REDIST + GICR_CTLR, 4), 0);
	gic_destroy(g);
}
END_TEST

START_TEST(icc_ctlr_per_profile)
{
	for (int p = 0; p < GIC_PROFILE_COUNT; p++) {
		struct gic *g = t_gic((enum gic_profile)p, 3, 1, 64, false, NULL);
		uint64_t ctlr = t_sysrd(g, 0, GIC_ICC_CTLR);
		uint64_t typer = t_rd(g, T_DIST + GICD_TYPER, 4);

		/* RSS offered by both the distributor and the CPU interface, or by neither */
		ck_assert_uint_eq(ctlr >> 18 & 1, p == GIC_PROFILE_ARCH);
		ck_assert_uint_eq(BIT(typer, 26), p == GIC_PROFILE_ARCH);
		ck_assert_uint_eq(ctlr >> 15 & 1, 1);   /* A3V */
		ck_assert_uint_eq(ctlr & 3, 0);         /* CBPR, EOImode reset 0 */
		t_syswr(g, 0, GIC_ICC_CTLR, UINT64_MAX);
		ck_assert_uint_eq(t_sysrd(g, 0, GIC_ICC_CTLR), ctlr | 3);
		ck_assert_uint_eq(t_sysrd(g, 0, GIC_ICC_SRE), 7);
		ck_assert_uint_eq(t_sysrd(g, 0, GIC_ICC_PMR), 0);
		ck_assert_uint_eq(t_sysrd(g, 0, GIC_ICC_RPR), 0xff);
		ck_assert_uint_eq(t_sysrd(g, 0, GIC_ICC_IAR1), 1023);
		ck_assert_uint_eq(t_sysrd(g, 0, GIC_ICC_HPPIR1), 1023);
		/* PMR keeps the implemented priority bits */
		t_syswr(g, 0, GIC_ICC_PMR, 0xff);
		ck_assert_uint_eq(t_sysrd(g, 0, GIC_ICC_PMR),
				  (0xffu << (8 - ((ctlr >> 8 & 7) + 1))) & 0xff);
		gic_destroy(g);
	}
}
END_TEST

START_TEST(icc_reg_names)
{
	enum gic_icc_reg r;

	for (unsigned i = 0; i < GIC_ICC_REG_COUNT; i++) {
		ck_assert_ptr_nonnull(gic_icc_reg_name((enum gic_icc_reg)i));
		ck_assert_int_eq(gic_icc_reg_by_name(gic_icc_reg_name((enum gic_icc_reg)i), &r), GIC_OK);
		ck_assert_int_eq(r, (int)i);
	}
	ck_assert_int_eq(gic_icc_reg_by_name("icc_pmr_el1", &r), GIC_OK);
	ck_assert_int_eq(r, GIC_ICC_PMR);
	ck_assert_int_eq(gic_icc_reg_by_name("IAR1", &r), GIC_OK);
	ck_assert_int_eq(r, GIC_ICC_IAR1);
	ck_assert_int_eq(gic_icc_reg_by_name("sgi1r_el1", &r), GIC_OK);
	ck_assert_int_eq(r, GIC_ICC_SGI1R);
	ck_assert_int_eq(gic_icc_reg_by_name("ICC_PMR", &r), GIC_OK);
	ck_assert_int_eq(gic_icc_reg_by_name("PM", &r), GIC_E_SYSREG);
	ck_assert_int_eq(gic_icc_reg_by_name("ICC_PMR_EL1X", &r), GIC_E_SYSREG);
	ck_assert_int_eq(gic_icc_reg_by_name("", &r), GIC_E_SYSREG);
	ck_assert_int_eq(gic_icc_reg_by_name(NULL, &r), GIC_E_INVAL);
	ck_assert_ptr_null(gic_icc_reg_name((enum gic_icc_reg)GIC_ICC_REG_COUNT));
}
END_TEST

/* Every table sorted, no overlaps, inside its frame, with handlers and widths. */
START_TEST(decode_tables_walk)
{
	struct gic *g = t_gic(GIC_PROFILE_ARCH, 4, 1, 1024, true, NULL);
	const uint64_t bases[GIC_FRAME_KIND_COUNT] = {
		[GIC_FRAME_GICD] = T_DIST,
		[GIC_FRAME_RD] = T_REDIST,
		[GIC_FRAME_SGI] = T_REDIST + GIC_FRAME_SIZE,
		[GIC_FRAME_VLPI] = T_REDIST + 2 * GIC_FRAME_SIZE,
	};

	for (int k = 0; k < GIC_FRAME_KIND_COUNT; k++) {
		size_t n;
		const struct gic_reg_desc *t = gic_frame_table((enum gic_frame_kind)k, &n);

		ck_assert_ptr_nonnull(t);
		ck_assert_uint_gt(n, 0);
		for (size_t i = 0; i < n; i++) {
			unsigned smallest = 0;

			ck_assert_msg(t[i].first <= t[i].last, "%s", t[i].name);
			ck_assert_msg(t[i].last < GIC_FRAME_SIZE, "%s", t[i].name);
			ck_assert_msg(t[i].first % 4 == 0 && (t[i].last + 1) % 4 == 0, "%s", t[i].name);
			ck_assert_msg(t[i].read != NULL && t[i].write != NULL, "%s", t[i].name);
			ck_assert_msg(t[i].widths != 0 && (t[i].widths & ~GIC_W_ANY) == 0, "%s",
				      t[i].name);
			if (i > 0)
				ck_assert_msg(t[i - 1].last < t[i].first, "%s overlaps %s",
					      t[i - 1].name, t[i].name);
			/* each entry answers at its first and last offset */
			for (unsigned s = 1; s <= 8; s <<= 1)
				if (t[i].widths & (1u << s) && smallest == 0)
					smallest = s;
			ck_assert_int_eq(gic_mmio_write(g, bases[k] + t[i].first, smallest, 0), GIC_OK);
			{
				uint64_t v;

				ck_assert_int_eq(gic_mmio_read(g, bases[k] + t[i].last + 1 - smallest,
							       smallest, &v), GIC_OK);
			}
		}
	}
	{
		size_t n = 1;

		ck_assert_ptr_null(gic_frame_table(GIC_FRAME_KIND_COUNT, &n));
		ck_assert_uint_eq(n, 0);
	}
	gic_destroy(g);
}
END_TEST

/* Random MMIO, system register and line traffic never crashes, answers known codes. */
START_TEST(random_traffic_never_crashes)
{
	uint64_t seed = 0x9e3779b97f4a7c15u;

	for (int p = 0; p < GIC_PROFILE_COUNT; p++) {
		unsigned ver = p == GIC_PROFILE_KVM ? 3 : 4;
		struct gic *g = t_gic((enum gic_profile)p, ver, 8, 128, true, NULL);
		uint64_t span = GICD_SIZE + 8 * gic_redist_size(g) + 0x40000;

		for (int i = 0; i < 100000; i++) {
			uint64_t r, v = 0;
			unsigned size;
			int rc;

			seed = seed * 6364136223846793005u + 1442695040888963407u;
			r = seed >> 11;
			size = 1u << (r & 3);
			r >>= 2;
			v = seed ^ (seed << 7);
			switch (r & 3) {
			case 0:
				rc = gic_mmio_read(g, T_DIST + ((r >> 2) % span & ~(uint64_t)(size - 1)), size, &v);
				break;
			case 1:
				rc = gic_mmio_write(g, T_DIST + ((r >> 2) % span & ~(uint64_t)(size - 1)), size, v);
				break;
			case 2:
				rc = (r >> 3) & 1 ? gic_cpu_write(g, (r >> 4) % 9, (enum gic_icc_reg)((r >> 8) % 18), v)
						  : gic_cpu_read(g, (r >> 4) % 9, (enum gic_icc_reg)((r >> 8) % 18), &v);
				break;
			default:
				rc = (r >> 3) & 1 ? gic_set_spi_level(g, (r >> 4) % 140, (r >> 12) & 1)
						  : gic_set_ppi_level(g, (r >> 4) % 9, (r >> 8) % 40, (r >> 12) & 1);
				break;
			}
			ck_assert_int_le(rc, 0);
			ck_assert_int_gt(rc, -GIC_ERROR_COUNT);
		}
		/* the signalled list still agrees with the per-CPU lines */
		{
			uint32_t n = 0;

			for (uint32_t c = 0; c < 8; c++) {
				unsigned lines;

				ck_assert_int_eq(gic_cpu_lines(g, c, &lines), GIC_OK);
				n += lines != 0;
			}
			ck_assert_uint_eq(n, gic_signalled_cpu_count(g));
		}
		gic_destroy(g);
	}
}
END_TEST

Suite *regs_suite(void)
{
	Suite *s = suite_create("gic_regs");
	TCase *tc = tcase_create("regs");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, gicd_reset_arch);
	tcase_add_test(tc, gicd_typer_nr_irqs);
	tcase_add_test(tc, gicd_reset_kvm);
	tcase_add_test(tc, qemu_matches_measured);
	tcase_add_test(tc, qemu_machine_types);
	tcase_add_loop_test(tc, vmm_bad_width_raz_wi, 0, 2);
	tcase_add_test(tc, qemu_vpendbaser);
	tcase_add_test(tc, pidr2_and_id_registers);
	tcase_add_test(tc, gicr_typer_fields);
	tcase_add_test(tc, processor_number_16_bits);
	tcase_add_test(tc, waker_handshake);
	tcase_add_test(tc, reserved_raz_wi);
	tcase_add_test(tc, legacy_registers_raz_wi);
	tcase_add_test(tc, gicd_ctlr_per_profile);
	tcase_add_test(tc, set_clear_registers);
	tcase_add_test(tc, priority_bytes);
	tcase_add_test(tc, icfgr_config);
	tcase_add_test(tc, irouter_masks_and_halves);
	tcase_add_test(tc, access_widths);
	tcase_add_test(tc, baser_registers);
	tcase_add_test(tc, icc_ctlr_per_profile);
	tcase_add_test(tc, icc_reg_names);
	tcase_add_test(tc, decode_tables_walk);
	tcase_add_test(tc, random_traffic_never_crashes);
	suite_add_tcase(s, tc);
	return s;
}
