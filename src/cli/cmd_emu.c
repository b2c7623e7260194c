/* SPDX-License-Identifier: MIT */
/* gicplan emu: a console on the GIC a tree describes. */
#include "cli.h"

#include <stdint.h>
#include <stdio.h>

#include "console.h"
#include "gicplan.h"

/* How GIC_QEMU_MACHINE(major, minor) (gic_emul.h) packs a machine type: major << 8 | minor. */
#define QEMU_MACHINE_MINOR_BITS 8
#define QEMU_MACHINE_MINOR_MASK 0xffu
#define QEMU_MACHINE_NAME_MAX 32    /* "virt-255.255" */

/* The console's reads: through the VMM's view of the GIC, the failure's reason kept in @err. */
struct vmm_reads {
	struct gicplan_gic *gic;
	struct gicplan_error err;
};

static const char *vmm_read(void *ctx, uint64_t addr, unsigned size, uint64_t *val)
{
	struct vmm_reads *r = ctx;

	return gicplan_gic_mmio_read(r->gic, addr, size, val, &r->err) < 0 ? r->err.message : NULL;
}

/* The exit code of a public error code. */
static int exit_of(int code)
{
	switch (code) {
	case GICPLAN_E_CHECK:
		return GP_EXIT_CHECK;
	case GICPLAN_E_INFEASIBLE:
		return GP_EXIT_INFEASIBLE;
	default:
		return GP_EXIT_USAGE;
	}
}

/* --qemu-machine's type by name ("virt-6.1"), or NULL when none was given. */
static const char *qemu_machine_name(uint32_t machine, char *buf, size_t cap)
{
	if (machine == 0)
		return NULL;
	snprintf(buf, cap, "virt-%u.%u", (unsigned)(machine >> QEMU_MACHINE_MINOR_BITS),
		 (unsigned)(machine & QEMU_MACHINE_MINOR_MASK));
	return buf;
}

int cmd_emu(struct cli *c)
{
	struct gicplan_input_options io = { .gic_version = c->req.gic_version,
					    .spis = c->req.spis,
					    .ipa_bits = c->req.ipa_bits };
	struct gicplan_input *in = NULL;
	struct vmm_reads reads = { .gic = NULL };
	struct gicplan_error e;
	char machine[QEMU_MACHINE_NAME_MAX];
	int rc = GP_EXIT_OK;

	if (gicplan_input_load(c->args[0], &io, &in, &e) < 0 ||
	    gicplan_input_gic(in, (int)c->verify.profile,
			      qemu_machine_name(c->verify.qemu_machine, machine, sizeof(machine)),
			      &reads.gic, &e) < 0) {
		gp_fail(&c->err, exit_of(e.code), "%s", e.message);
		goto out;
	}
	if (gp_console_run(&(struct gp_console){ gicplan_gic_emul(reads.gic), vmm_read, &reads },
			   stdin, stdout, stderr) < 0)
		gp_fail(&c->err, GP_EXIT_USAGE, "emu: reading commands or writing answers failed");
out:
	if (gp_failed(&c->err))
		rc = report_error(&c->err);
	gicplan_gic_free(reads.gic);
	gicplan_input_free(in);
	return rc;
}
