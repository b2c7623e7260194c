/* SPDX-License-Identifier: MIT */
/* gicplan emu: a console on the GIC a tree describes. */
#include "cli.h"

#include <stdint.h>
#include <stdio.h>

#include "console.h"
#include "gicplan.h"

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

int cmd_emu(struct cli *c)
{
	struct gicplan_input_options io = input_options(c);
	struct gicplan_input *in = NULL;
	struct vmm_reads reads = { .gic = NULL };
	struct gicplan_error e;
	int rc = CLI_EXIT_OK;

	if (gicplan_input_load(c->args[0], &io, &in, &e) < 0 ||
	    gicplan_input_gic(in, c->verify.profile, c->verify.qemu_machine, &reads.gic, &e) < 0) {
		cli_pass(c, &e);
		goto out;
	}
	if (gp_console_run(&(struct gp_console){ gicplan_gic_emul(reads.gic), vmm_read, &reads },
			   stdin, stdout, stderr) < 0)
		cli_fail(c, CLI_EXIT_USAGE, "emu: reading commands or writing answers failed");
out:
	if (cli_failed(c))
		rc = report_error(c);
	gicplan_gic_free(reads.gic);
	gicplan_input_free(in);
	return rc;
}
