/* SPDX-License-Identifier: MIT */
/*
 * The VGIC a VMM sets up for a machine: what it tells KVM through
 * KVM_SET_DEVICE_ATTR on a KVM_DEV_TYPE_ARM_VGIC_V3 device, and the MPIDR it
 * gives each vCPU. From a plan it is exact; from a tree alone it is inferred
 * as VMMs build it (QEMU, kvmtool, Firecracker, cloud-hypervisor, crosvm):
 * one region is KVM's legacy REDIST (every vCPU from its base); several are
 * REDIST_REGIONs filled in order, each to the frames its reg size holds. A
 * tree with a redistributor-stride describes hardware (or a VMM) that pads
 * each frame to the stride: its frames are placed that far apart.
 *
 * verify builds the emulator from this (where the frames really are) and walks
 * the tree (where the guest looks for them): a tree that describes something
 * else than what the VMM set up fails.
 */
#ifndef GP_VGIC_H
#define GP_VGIC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "gic_emul.h"
#include "machine.h"
#include "plan.h"

struct gp_vgic_region {
	uint64_t base;
	uint64_t count;   /* redistributors in it */
};

struct gp_vgic {
	unsigned version;          /* 3 or 4 */
	uint64_t redist_size;      /* 128 or 256 KiB */
	uint64_t frame_step;       /* where a region's frames start apart: redist_size or a stride */
	uint64_t dist_base;
	uint32_t nr_regions;
	struct gp_vgic_region *regions;
	uint64_t unplaced;         /* vCPUs no region had a frame for (inferred only) */
	bool has_its;
	uint64_t its_base;         /* the first ITS */
	uint32_t nr_its;           /* a plan has one; a tree may have more, KVM one device each */
	uint64_t *its_bases;
	uint32_t nr_irqs;          /* INTIDs: SPIs + 32 (1020 for 988 SPIs, not a multiple of 32) */
	bool has_maint;            /* the guest has EL2: KVM_DEV_ARM_VGIC_GRP_MAINT_IRQ */
	uint32_t maint_intid;      /* the maintenance interrupt's INTID (a PPI: 16..31) */
	uint64_t nr_cpus;
	uint64_t *mpidr;           /* each vCPU's MPIDR, as the VMM sets it */
	bool from_plan;
	uint32_t qemu_machine;     /* the QEMU profile's virt machine type (0: the latest) */
};

/* The VGIC of @plan. Errors (exit 2): out of memory. */
int gp_vgic_from_plan(const struct gp_plan *plan, struct gp_vgic *v, struct gp_error *err);

/*
 * The GIC version a tree implies: @requested when not 0; else 4 when, without
 * a redistributor-stride, only 256 KiB frames make every region hold a vCPU
 * (QEMU adds a region only when the one before is full); else 3, with
 * *@assumed set: nothing in the tree said so. A stride pads frames (GICv3
 * hardware pads to 256 KiB too), so with one the frame size is unknowable and
 * GICv3 is assumed. @note says which and why.
 */
unsigned gp_vgic_infer_version(const struct gp_machine *m, unsigned requested, char *note,
			       size_t cap, bool *assumed);

/*
 * The VGIC a VMM would have set up for tree @m, for a GIC of @version with
 * @spis SPIs. vCPU i is the i-th cpu node, with its reg as MPIDR.
 */
int gp_vgic_from_machine(const struct gp_machine *m, unsigned version, uint32_t spis,
			 struct gp_vgic *v, struct gp_error *err);

void gp_vgic_free(struct gp_vgic *v);

/*
 * The QEMU virt machine type named @name ("virt-7.2", or "virt": the latest
 * QEMU 7.2 offers), as GIC_QEMU_MACHINE(major, minor), into @machine.
 * Returns false for a name QEMU 7.2 has no machine for.
 */
bool gp_qemu_machine_parse(const char *name, uint32_t *machine);

/*
 * Make @v the GIC QEMU's virt machine type @machine sets up under @profile:
 * without LPIs (before virt-6.2) a GICv4's redistributors are 128 KiB apart,
 * each region holding as many as at 256 KiB (hw/arm/virt.c sizes regions by
 * the version, the GIC steps by GICR_TYPER.VLPIS). Other profiles: unchanged.
 */
void gp_vgic_set_qemu_machine(struct gp_vgic *v, enum gic_profile profile, uint32_t machine);

/*
 * One region: KVM's legacy KVM_VGIC_V3_ADDR_TYPE_REDIST, which places every
 * vCPU's redistributor from its base (regions[0].count is every vCPU).
 */
static inline bool gp_vgic_legacy_redist(const struct gp_vgic *v)
{
	return v->nr_regions == 1;
}

/*
 * The INTIDs the GIC implements in blocks of 32, as GICD_TYPER.ITLinesNumber
 * counts them: nr_irqs rounded up (1024 for 988 SPIs, ITLinesNumber 31).
 */
static inline uint32_t gp_vgic_intid_blocks(const struct gp_vgic *v)
{
	return (v->nr_irqs + GP_SPI_GRANULE - 1) / GP_SPI_GRANULE * GP_SPI_GRANULE;
}

/* A walk over the redistributor frames in vCPU order (regions filled in order); start at zero. */
struct gp_vgic_walk {
	uint32_t region;
	uint64_t index;    /* in the region */
};

/* Frames padded to a stride: placed apart, so the emulator cannot give their Last bit. */
static inline bool gp_vgic_strided(const struct gp_vgic *v)
{
	return v->frame_step != v->redist_size;
}

/* Where the VMM put the next vCPU's redistributor, or UINT64_MAX when it has none. */
uint64_t gp_vgic_next_frame(const struct gp_vgic *v, struct gp_vgic_walk *w);

/* Where gp_vgic_build stopped. */
enum gp_vgic_step {
	GP_VGIC_CREATE,    /* gic_create: version, profile, nr_irqs, MPIDRs */
	GP_VGIC_ADDRESS,   /* the distributor or a redistributor region */
	GP_VGIC_INIT,      /* gic_init: e.g. more vCPUs than frames */
};

/*
 * The emulated GIC of @v under @profile, created, placed and initialised as a
 * VMM does it with KVM. Returns it, or NULL with the emulator's error in
 * *@gic_err and the step that failed in *@step. Strided frames (the emulator
 * knows contiguous ones only) are each a region of one, at the stride.
 */
struct gic *gp_vgic_build(const struct gp_vgic *v, enum gic_profile profile, int *gic_err,
			  enum gp_vgic_step *step);

/*
 * gic_mmio_read on @g, built from @v, as the hardware @v describes answers:
 * with strided frames, GICR_TYPER.Last is set on the last frame of each
 * region only (the padding between frames is part of one series).
 */
int gp_vgic_mmio_read(const struct gp_vgic *v, struct gic *g, uint64_t addr, unsigned size,
		      uint64_t *val);

#endif
