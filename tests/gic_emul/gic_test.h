/* SPDX-License-Identifier: MIT */
/* Helpers shared by the gic_emul check suites. */
#ifndef GIC_TEST_H
#define GIC_TEST_H

#include <check.h>
#include <stdbool.h>
#include <stdint.h>

#include "gic_emul.h"
#include "gic_regs.h"

/* QEMU virt's low map (REFERENCE.md section 6): the layouts the tests use. */
#define T_DIST          UINT64_C(0x08000000)
#define T_REDIST        UINT64_C(0x080A0000)
#define T_REDIST_HIGH   UINT64_C(0x4000000000)

/* Build a GIC with every vCPU in one legacy region at T_REDIST; initialised. */
struct gic *t_gic(enum gic_profile p, unsigned version, uint32_t nr_cpus, uint32_t nr_irqs,
		  bool lpis, const uint64_t *mpidr);
/* Same, not initialised and without addresses. */
struct gic *t_gic_raw(enum gic_profile p, unsigned version, uint32_t nr_cpus,
		      uint32_t nr_irqs, bool lpis, const uint64_t *mpidr);

/* MMIO that must succeed. */
uint64_t t_rd(struct gic *g, uint64_t addr, unsigned size);
void t_wr(struct gic *g, uint64_t addr, unsigned size, uint64_t val);
/* System registers that must succeed. */
uint64_t t_sysrd(struct gic *g, uint32_t cpu, enum gic_icc_reg reg);
void t_syswr(struct gic *g, uint32_t cpu, enum gic_icc_reg reg, uint64_t val);

/* RD_base of vCPU @cpu. */
uint64_t t_rdbase(struct gic *g, uint32_t cpu);
/* SGI_base of vCPU @cpu. */
uint64_t t_sgibase(struct gic *g, uint32_t cpu);

/*
 * What Linux's GICv3 driver does before taking interrupts: distributor on
 * (both groups), every SPI Group 1; then for vCPU @cpu: wake its
 * redistributor, its private INTIDs Group 1, PMR 0xf0, IGRPEN1 on.
 */
void t_dist_on(struct gic *g);
void t_cpu_on(struct gic *g, uint32_t cpu);

/* The one vCPU signalled now (fails the test unless exactly one). */
uint32_t t_only_signalled(struct gic *g);

/* Enable SPI @intid with priority @prio, routed by IROUTER value @irouter. */
void t_spi_setup(struct gic *g, uint32_t intid, uint8_t prio, uint64_t irouter);

/* The packed MPIDR for Aff3.Aff2.Aff1.Aff0. */
uint64_t t_mpidr(unsigned aff3, unsigned aff2, unsigned aff1, unsigned aff0);

Suite *lifecycle_suite(void);
Suite *regs_suite(void);
Suite *routing_suite(void);
Suite *its_suite(void);

#endif
