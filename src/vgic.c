/* SPDX-License-Identifier: MIT */
#include "vgic.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gic_regs.h"

static int alloc(struct gp_vgic *v, uint32_t regions, uint64_t cpus, uint32_t its,
		 struct gp_error *err)
{
	v->regions = calloc(regions ? regions : 1, sizeof(*v->regions));
	v->mpidr = cpus <= SIZE_MAX / sizeof(*v->mpidr) ? malloc(cpus * sizeof(*v->mpidr)) : NULL;
	v->its_bases = calloc(its ? its : 1, sizeof(*v->its_bases));
	if (v->regions == NULL || v->mpidr == NULL || v->its_bases == NULL) {
		gp_vgic_free(v);
		return gp_fail(err, GP_EXIT_USAGE, "out of memory for %llu vCPUs",
			       (unsigned long long)cpus);
	}
	return 0;
}

int gp_vgic_from_plan(const struct gp_plan *plan, struct gp_vgic *v, struct gp_error *err)
{
	memset(v, 0, sizeof(*v));
	if (alloc(v, plan->nr_redist, plan->req.cpus, 1, err) < 0)
		return -1;
	v->from_plan = true;
	v->version = plan->req.gic_version;
	v->redist_size = plan->redist_size;
	v->frame_step = plan->redist_size;
	v->dist_base = plan->gicd.base;
	v->nr_regions = plan->nr_redist;
	for (uint32_t i = 0; i < plan->nr_redist; i++)
		v->regions[i] = (struct gp_vgic_region){ plan->redist[i].base, plan->redist[i].count };
	v->has_its = plan->has_its;
	v->its_base = plan->its.base;
	v->nr_its = plan->has_its ? 1 : 0;
	v->its_bases[0] = plan->its.base;
	v->nr_irqs = plan->req.spis + GIC_NR_PRIVATE;
	/* EL2 for the guest: the VMM names the maintenance PPI to KVM (the tree names it too). */
	v->has_maint = plan->req.virtualization;
	v->maint_intid = GIC_INTID_PPI_FIRST + plan->board.maintenance_ppi;
	v->nr_cpus = plan->req.cpus;
	for (uint64_t i = 0; i < v->nr_cpus; i++)
		v->mpidr[i] = gp_cpu_mpidr(&plan->board, i);
	return 0;
}

unsigned gp_vgic_infer_version(const struct gp_machine *m, unsigned requested, char *note,
			       size_t cap, bool *assumed)
{
	bool fills[2] = { true, true };

	*assumed = false;
	if (requested) {
		snprintf(note, cap, "as asked");
		return requested;
	}
	/* A stride pads frames, GICv3's to 256 KiB too: the frame size is unknowable. */
	if (m->has_stride) {
		snprintf(note, cap, "assumed: redistributor-stride 0x%" PRIx64 " pads frames of any "
			 "version; --gic-version 4 verifies it as GICv4", m->stride);
		*assumed = true;
		return 3;
	}
	/* With which frame size does every region hold at least one vCPU, filled in order? */
	for (unsigned v = 0; v < 2; v++) {
		uint64_t size = v ? GICR_V4_SIZE : GICR_V3_SIZE, left = m->nr_cpus;

		for (uint32_t i = 0; i < m->nr_redist; i++) {
			uint64_t cap_i = m->redist[i].size / size;

			if (left == 0)
				fills[v] = false;
			left -= left < cap_i ? left : cap_i;
		}
	}
	if (m->nr_redist > 1 && fills[1] && !fills[0]) {
		snprintf(note, cap, "inferred: only 256 KiB frames fill every redistributor region");
		return 4;
	}
	snprintf(note, cap, "assumed: the tree does not say; --gic-version 4 verifies it as GICv4");
	*assumed = true;
	return 3;
}

int gp_vgic_from_machine(const struct gp_machine *m, unsigned version, uint32_t spis,
			 struct gp_vgic *v, struct gp_error *err)
{
	uint64_t left = m->nr_cpus;

	memset(v, 0, sizeof(*v));
	if (alloc(v, m->nr_redist, m->nr_cpus, m->nr_its, err) < 0)
		return -1;
	v->version = version;
	v->redist_size = gp_redist_size(version);
	/* A stride a frame fits in pads every frame to it (redist-stride judges the others). */
	v->frame_step = m->has_stride && m->stride >= v->redist_size &&
					m->stride % GIC_FRAME_SIZE == 0
				? m->stride
				: v->redist_size;
	v->dist_base = m->gicd.base;
	v->nr_regions = m->nr_redist;
	for (uint32_t i = 0; i < m->nr_redist; i++) {
		/* KVM's legacy REDIST has no size: its one region takes every vCPU. */
		uint64_t capacity = gp_vgic_legacy_redist(v) ? left : m->redist[i].size / v->frame_step;
		uint64_t count = left < capacity ? left : capacity;

		v->regions[i] = (struct gp_vgic_region){ m->redist[i].base, count };
		left -= count;
	}
	v->unplaced = left;
	v->has_its = m->nr_its > 0;
	v->its_base = m->nr_its > 0 ? m->its[0].reg.base : 0;
	v->nr_its = m->nr_its;
	for (uint32_t i = 0; i < m->nr_its; i++)
		v->its_bases[i] = m->its[i].reg.base;
	v->nr_irqs = spis + GIC_NR_PRIVATE;
	/*
	 * A tree with a maintenance interrupt is for a guest with EL2: its INTID as
	 * the tree gives it (a PPI number + 16; anything else is not a PPI, and
	 * gp_kvm_check says so).
	 */
	v->has_maint = m->nr_maintenance > 0;
	v->maint_intid = m->maintenance.number +
			 (m->maintenance.type == GP_IRQ_PPI ? GIC_INTID_PPI_FIRST
							    : GIC_INTID_SPI_FIRST);
	v->nr_cpus = m->nr_cpus;
	memcpy(v->mpidr, m->mpidr, m->nr_cpus * sizeof(*v->mpidr));
	return 0;
}

uint64_t gp_vgic_next_frame(const struct gp_vgic *v, struct gp_vgic_walk *w)
{
	while (w->region < v->nr_regions && w->index >= v->regions[w->region].count) {
		w->region++;
		w->index = 0;
	}
	if (w->region >= v->nr_regions)
		return UINT64_MAX;
	return v->regions[w->region].base + w->index++ * v->frame_step;
}

void gp_vgic_free(struct gp_vgic *v)
{
	free(v->regions);
	free(v->mpidr);
	free(v->its_bases);
	memset(v, 0, sizeof(*v));
}

/* The virt machine types of QEMU 7.2 (hw/arm/virt.c DEFINE_VIRT_MACHINE): major, last minor. */
static const struct {
	unsigned major, last_minor;
} qemu_virt_types[] = { { 2, 12 }, { 3, 1 }, { 4, 2 }, { 5, 2 }, { 6, 2 }, { 7, 2 } };
#define QEMU_VIRT_PREFIX "virt"
#define QEMU_MINOR_FIRST_2X 6   /* virt-2.6 is the oldest */

bool gp_qemu_machine_parse(const char *name, uint32_t *machine)
{
	size_t n = strlen(QEMU_VIRT_PREFIX);
	unsigned major, minor;
	char tail;

	if (strncmp(name, QEMU_VIRT_PREFIX, n) != 0)
		return false;
	if (name[n] == '\0') {
		*machine = GIC_QEMU_MACHINE_LATEST;
		return true;
	}
	if (name[n] != '-' || name[n + 1] < '0' || name[n + 1] > '9' ||
	    sscanf(name + n + 1, "%u.%u%c", &major, &minor, &tail) != 2)
		return false;
	for (size_t i = 0; i < sizeof(qemu_virt_types) / sizeof(qemu_virt_types[0]); i++)
		if (qemu_virt_types[i].major == major && minor <= qemu_virt_types[i].last_minor &&
		    (i > 0 || minor >= QEMU_MINOR_FIRST_2X)) {
			*machine = GIC_QEMU_MACHINE(major, minor);
			return true;
		}
	return false;
}

void gp_vgic_set_qemu_machine(struct gp_vgic *v, enum gic_profile profile, uint32_t machine)
{
	struct gic_config cfg = { .version = v->version, .profile = profile,
				  .lpis = v->has_its, .qemu_machine = machine };

	if (profile != GIC_PROFILE_QEMU)
		return;
	v->qemu_machine = machine;
	/* Unpadded frames follow the frame size the machine type gives. */
	if (v->frame_step == v->redist_size)
		v->frame_step = gic_config_redist_size(&cfg);
	v->redist_size = gic_config_redist_size(&cfg);
}

struct gic *gp_vgic_build(const struct gp_vgic *v, enum gic_profile profile, int *gic_err,
			  enum gp_vgic_step *step)
{
	struct gic_config cfg = {
		.version = v->version,
		.profile = profile,
		.nr_cpus = (uint32_t)v->nr_cpus,
		.mpidr = v->mpidr,
		/* The emulator counts whole blocks of 32: 988 SPIs is ITLinesNumber 31. */
		.nr_irqs = gp_vgic_intid_blocks(v),
		.lpis = v->has_its,
		.qemu_machine = v->qemu_machine,
	};
	struct gic *g;
	int rc = 0;

	*step = GP_VGIC_CREATE;
	if (v->nr_cpus > GIC_MAX_CPUS) {
		*gic_err = GIC_E_NR_CPUS;
		return NULL;
	}
	g = gic_create(&cfg, &rc);
	if (g == NULL) {
		*gic_err = rc;
		return NULL;
	}
	*step = GP_VGIC_ADDRESS;
	rc = gic_set_dist_base(g, v->dist_base);
	if (rc == 0 && gp_vgic_legacy_redist(v) && !gp_vgic_strided(v))
		rc = gic_set_redist_base(g, v->regions[0].base);
	for (uint32_t i = 0; rc == 0 && !gp_vgic_legacy_redist(v) && !gp_vgic_strided(v) &&
			     i < v->nr_regions; i++)
		if (v->regions[i].count > 0)
			rc = gic_add_redist_region(g, v->regions[i].base,
						   (uint32_t)v->regions[i].count);
	/* Padded frames: each its own region, in vCPU order (regions fill in order). */
	for (uint32_t i = 0; rc == 0 && gp_vgic_strided(v) && i < v->nr_regions; i++)
		for (uint64_t k = 0; rc == 0 && k < v->regions[i].count; k++)
			rc = gic_add_redist_region(g, v->regions[i].base + k * v->frame_step, 1);
	if (rc == 0) {
		*step = GP_VGIC_INIT;
		rc = gic_init(g);
	}
	if (rc != 0) {
		gic_destroy(g);
		*gic_err = rc;
		return NULL;
	}
	return g;
}

int gp_vgic_mmio_read(const struct gp_vgic *v, struct gic *g, uint64_t addr, unsigned size,
		      uint64_t *val)
{
	int rc = gic_mmio_read(g, addr, size, val);
	uint64_t frame = addr - GICR_TYPER;

	if (rc != 0 || !gp_vgic_strided(v) || addr < GICR_TYPER ||
	    frame % GIC_FRAME_SIZE != 0 || (size != 4 && size != 8))
		return rc;
	for (uint32_t i = 0; i < v->nr_regions; i++) {
		const struct gp_vgic_region *r = &v->regions[i];
		uint64_t k = (frame - r->base) / v->frame_step;

		if (frame < r->base || k >= r->count || (frame - r->base) % v->frame_step != 0)
			continue;
		if (k + 1 == r->count)
			*val |= GICR_TYPER_LAST;
		else
			*val &= ~(uint64_t)GICR_TYPER_LAST;
		break;
	}
	return rc;
}
