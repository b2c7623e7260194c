/* SPDX-License-Identifier: MIT */
/*
 * libgicplan's emulated GIC (include/gicplan.h, "The emulated GIC"): the
 * emulator built from an input's VGIC (gp_vgic_build), and its registers
 * as the VMM's guest sees them (gp_vgic_mmio_read).
 */
#include "gicplan.h"

#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "gic_emul.h"
#include "input.h"
#include "vgic.h"

/*
 * The emulator and the VGIC it was built from: its scalars, and a copy of
 * its redistributor regions (the VMM's view of the frames needs them), so
 * that the handle does not refer to the input.
 */
struct gicplan_gic {
	struct gic *g;
	struct gp_vgic v;
};

int gicplan_qemu_machine_valid(const char *name)
{
	uint32_t machine;

	return name != NULL && gp_qemu_machine_parse(name, &machine);
}

int gicplan_input_gic(const struct gicplan_input *in, int profile, const char *qemu_machine,
		      struct gicplan_gic **out, struct gicplan_error *err)
{
	struct gicplan_gic *gic;
	struct gp_vgic_region *regions = NULL;
	uint32_t machine = 0;
	enum gp_vgic_step step;
	int gic_err = 0;

	if (out != NULL)
		*out = NULL;
	if (in == NULL || out == NULL)
		return api_fail(err, GICPLAN_E_USAGE, "gicplan_input_gic: NULL argument");
	if (api_profile(profile, qemu_machine, "emulated GIC", &machine, err) < 0)
		return GICPLAN_E_USAGE;
	gic = calloc(1, sizeof(*gic));
	if (in->in.v.nr_regions > 0)
		regions = calloc(in->in.v.nr_regions, sizeof(*regions));
	if (gic == NULL || (in->in.v.nr_regions > 0 && regions == NULL)) {
		free(gic);
		free(regions);
		return api_fail(err, GICPLAN_E_NOMEM, "%s: emulated GIC: out of memory",
				api_input_name(in));
	}
	/* A shallow copy, so that @in stays as given (as gicplan_verify does). */
	gic->v = in->in.v;
	gp_vgic_set_qemu_machine(&gic->v, (enum gic_profile)profile, machine);
	gic->g = gp_vgic_build(&gic->v, (enum gic_profile)profile, &gic_err, &step);
	if (gic->g == NULL) {
		free(gic);
		free(regions);
		return api_fail(err, gic_err == GIC_E_NOMEM ? GICPLAN_E_NOMEM : GICPLAN_E_CHECK,
				"%s: the VGIC it describes does not build: %s", api_input_name(in),
				gic_strerror(gic_err));
	}
	/* From here on the handle holds what it reads: the regions, no MPIDRs or ITS list. */
	if (regions != NULL)
		memcpy(regions, in->in.v.regions, in->in.v.nr_regions * sizeof(*regions));
	gic->v.regions = regions;
	gic->v.mpidr = NULL;
	gic->v.its_bases = NULL;
	*out = gic;
	return api_ok(err);
}

struct gic *gicplan_gic_emul(struct gicplan_gic *gic)
{
	return gic != NULL ? gic->g : NULL;
}

/* The emulator's refusal of an access: its reason alone (the caller knows the address). */
static int access_refused(struct gicplan_error *err, int gic_err)
{
	return api_fail(err, GICPLAN_E_USAGE, "%s", gic_strerror(gic_err));
}

int gicplan_gic_mmio_read(struct gicplan_gic *gic, uint64_t addr, unsigned size, uint64_t *val,
			  struct gicplan_error *err)
{
	int rc;

	if (gic == NULL || val == NULL)
		return access_refused(err, GIC_E_INVAL);
	rc = gp_vgic_mmio_read(&gic->v, gic->g, addr, size, val);
	return rc != 0 ? access_refused(err, rc) : api_ok(err);
}

int gicplan_gic_mmio_write(struct gicplan_gic *gic, uint64_t addr, unsigned size, uint64_t val,
			   struct gicplan_error *err)
{
	int rc;

	if (gic == NULL)
		return access_refused(err, GIC_E_INVAL);
	rc = gic_mmio_write(gic->g, addr, size, val);
	return rc != 0 ? access_refused(err, rc) : api_ok(err);
}

void gicplan_gic_free(struct gicplan_gic *gic)
{
	if (gic == NULL)
		return;
	gic_destroy(gic->g);
	free(gic->v.regions);
	free(gic);
}
