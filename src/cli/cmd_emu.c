/* SPDX-License-Identifier: MIT */
/* gicplan emu: a console on the GIC a tree describes. */
#include "cli.h"

#include "acpi_prove.h"
#include "acpi_read.h"
#include "acpi_write.h"
#include "audit.h"
#include "compat.h"

#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "console.h"
#include "emit_fdt.h"
#include "error.h"
#include "fileio.h"
#include "input.h"
#include "json_in.h"
#include "junit.h"
#include "layout.h"
#include "walls.h"
#include "map.h"
#include "plan_json.h"
#include "planner.h"
#include "platform.h"
#include "render_audit.h"
#include "render_verify.h"
#include "report.h"
#include "reproduce.h"
#include "tiers.h"
#include "units.h"
#include "verify.h"

/* The console's reads as a guest of the VMM sees them (gp_vgic_mmio_read). */
static int vgic_read(void *ctx, struct gic *g, uint64_t addr, unsigned size, uint64_t *val)
{
	return gp_vgic_mmio_read(ctx, g, addr, size, val);
}

int cmd_emu(struct cli *c)
{
	struct gp_input_options io = input_options(c);
	struct gp_input in;
	enum gp_vgic_step step;
	struct gic *g = NULL;
	int rc = GP_EXIT_OK, gic_err = 0;

	memset(&in, 0, sizeof(in));
	if (gp_input_load(c->args[0], &io, &in, &c->err) < 0)
		goto out;
	gp_vgic_set_qemu_machine(&in.v, c->verify.profile, c->verify.qemu_machine);
	g = gp_vgic_build(&in.v, c->verify.profile, &gic_err, &step);
	if (g == NULL) {
		gp_fail(&c->err, GP_EXIT_CHECK, "%s: the VGIC it describes does not build: %s",
			c->args[0], gic_strerror(gic_err));
		goto out;
	}
	if (gp_console_run(&(struct gp_console){ g, vgic_read, &in.v }, stdin, stdout, stderr) < 0)
		gp_fail(&c->err, GP_EXIT_USAGE, "emu: reading commands or writing answers failed");
out:
	if (gp_failed(&c->err))
		rc = report_error(&c->err);
	gic_destroy(g);
	gp_input_free(&in);
	return rc;
}
