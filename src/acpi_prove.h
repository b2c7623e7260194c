/* SPDX-License-Identifier: MIT */
/*
 * plan --acpi's proof: the tables gicplan wrote, read back as a guest reads
 * them (acpi_read), proven against the plan's VGIC by verify's checks and the
 * ACPI checks.
 */
#ifndef GP_ACPI_PROVE_H
#define GP_ACPI_PROVE_H

#include "acpi_write.h"
#include "error.h"
#include "plan.h"
#include "verify.h"

/*
 * Read @t back and prove it against @plan's VGIC with verify's checks and the
 * ACPI checks. Errors: exit 1 naming the first failing check (a writer's bug:
 * the tables do not describe the plan); exit 2 as gp_acpi_read.
 */
int gp_acpi_prove(const struct gp_plan *plan, const struct gp_acpi_tables *t,
		  const struct gp_verify_options *o, struct gp_error *err);

#endif
