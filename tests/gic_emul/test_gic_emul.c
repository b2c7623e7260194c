/* SPDX-License-Identifier: MIT */
/* gic_emul check runner and shared helpers. */
#include "gic_test.h"

#include <stdlib.h>

struct gic *t_gic_raw(enum gic_profile p, unsigned version, uint32_t nr_cpus,
		      uint32_t nr_irqs, bool lpis, const uint64_t *mpidr)
{
	struct gic_config cfg = {
		.version = version, .profile = p, .nr_cpus = nr_cpus,
		.mpidr = mpidr, .nr_irqs = nr_irqs, .lpis = lpis,
	};
	int err = 1;
	struct gic *g = gic_create(&cfg, &err);

	ck_assert_msg(g != NULL, "gic_create: %s", gic_strerror(err));
	ck_assert_int_eq(err, GIC_OK);
	return g;
}

struct gic *t_gic(enum gic_profile p, unsigned version, uint32_t nr_cpus, uint32_t nr_irqs,
		  bool lpis, const uint64_t *mpidr)
{
	struct gic *g = t_gic_raw(p, version, nr_cpus, nr_irqs, lpis, mpidr);

	ck_assert_int_eq(gic_set_dist_base(g, T_DIST), GIC_OK);
	ck_assert_int_eq(gic_set_redist_base(g, T_REDIST), GIC_OK);
	ck_assert_int_eq(gic_init(g), GIC_OK);
	return g;
}

uint64_t t_rd(struct gic *g, uint64_t addr, unsigned size)
{
	uint64_t v = UINT64_C(0xdeadbeefdeadbeef);
	int rc = gic_mmio_read(g, addr, size, &v);

	ck_assert_msg(rc == GIC_OK, "read%u 0x%llx: %s", size, (unsigned long long)addr,
		      gic_strerror(rc));
	return v;
}

void t_wr(struct gic *g, uint64_t addr, unsigned size, uint64_t val)
{
	int rc = gic_mmio_write(g, addr, size, val);

	ck_assert_msg(rc == GIC_OK, "write%u 0x%llx: %s", size, (unsigned long long)addr,
		      gic_strerror(rc));
}

uint64_t t_sysrd(struct gic *g, uint32_t cpu, enum gic_icc_reg reg)
{
	uint64_t v = 0;
	int rc = gic_cpu_read(g, cpu, reg, &v);

	ck_assert_msg(rc == GIC_OK, "%s cpu %u: %s", gic_icc_reg_name(reg), cpu, gic_strerror(rc));
	return v;
}

void t_syswr(struct gic *g, uint32_t cpu, enum gic_icc_reg reg, uint64_t val)
{
	int rc = gic_cpu_write(g, cpu, reg, val);

	ck_assert_msg(rc == GIC_OK, "%s cpu %u: %s", gic_icc_reg_name(reg), cpu, gic_strerror(rc));
}

uint64_t t_rdbase(struct gic *g, uint32_t cpu)
{
	uint64_t a = 0;

	ck_assert_int_eq(gic_redist_frame_base(g, cpu, &a), GIC_OK);
	return a;
}

uint64_t t_sgibase(struct gic *g, uint32_t cpu)
{
	return t_rdbase(g, cpu) + GIC_FRAME_SIZE;
}

void t_dist_on(struct gic *g)
{
	t_wr(g, T_DIST + GICD_CTLR, 4, GICD_CTLR_ENABLE_GRP0 | GICD_CTLR_ENABLE_GRP1);
	/* Words past nr_irqs are RAZ/WI: writing all of them is harmless. */
	for (uint32_t w = 1; w < GICD_BITMAP_WORDS; w++)
		t_wr(g, T_DIST + GICD_IGROUPR + 4 * w, 4, UINT32_MAX);
}

void t_cpu_on(struct gic *g, uint32_t cpu)
{
	t_wr(g, t_rdbase(g, cpu) + GICR_WAKER, 4, 0);
	t_wr(g, t_sgibase(g, cpu) + GICR_IGROUPR0, 4, UINT32_MAX);
	t_syswr(g, cpu, GIC_ICC_PMR, 0xf0);
	t_syswr(g, cpu, GIC_ICC_IGRPEN1, 1);
}

uint32_t t_only_signalled(struct gic *g)
{
	uint32_t cpus[4];
	uint32_t n = gic_signalled_cpus(g, cpus, 4);

	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(gic_signalled_cpu_count(g), 1);
	return cpus[0];
}

void t_spi_setup(struct gic *g, uint32_t intid, uint8_t prio, uint64_t irouter)
{
	t_wr(g, T_DIST + GICD_IPRIORITYR + intid, 1, prio);
	t_wr(g, T_DIST + GICD_IROUTER + 8 * intid, 8, irouter);
	t_wr(g, T_DIST + GICD_ISENABLER + 4 * (intid / 32), 4, 1u << (intid % 32));
}

uint64_t t_mpidr(unsigned aff3, unsigned aff2, unsigned aff1, unsigned aff0)
{
	return (uint64_t)aff3 << MPIDR_AFF3_SHIFT | (uint64_t)aff2 << MPIDR_AFF2_SHIFT |
	       (uint64_t)aff1 << MPIDR_AFF1_SHIFT | aff0;
}

int main(void)
{
	SRunner *sr = srunner_create(lifecycle_suite());
	int failed;

	srunner_add_suite(sr, regs_suite());
	srunner_add_suite(sr, routing_suite());
	srunner_add_suite(sr, its_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
