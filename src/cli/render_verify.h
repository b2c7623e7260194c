/* SPDX-License-Identifier: MIT */
/*
 * verify's report: the named checks (the GIC's, and the ACPI tables' when
 * tables were read) and what was covered, as text for people and as JSON for
 * tools. It reads a report (and an input's ACPI checks) and computes nothing.
 */
#ifndef GP_RENDER_VERIFY_H
#define GP_RENDER_VERIFY_H

#include <jansson.h>
#include <stdio.h>

#include "gicplan.h"

/* Offences the text report shows per check before "and N more". */
#define GP_VERIFY_TEXT_SHOWN 3

/*
 * The checks as a JSON array of {name, status, count, offences, detail,
 * offenders: [{status, detail}...]} (offenders: the listed ones).
 */
json_t *gp_verify_json(const struct gicplan_report *r);

/* What was covered and assumed: profile, version, assumptions, frames walked, deliveries. */
json_t *gp_verify_coverage_json(const struct gicplan_report *r);

/*
 * The checks for people: one line each, with up to GP_VERIFY_TEXT_SHOWN
 * offenders (failures first) and "and N more"; then what was assumed and covered.
 */
void gp_verify_text(FILE *out, const struct gicplan_report *r);

/*
 * The ACPI checks of input @in (ACPI tables): text lines as verify's, or JSON
 * objects appended to @checks.
 */
void gp_acpi_checks_text(FILE *out, const struct gicplan_input *in);
void gp_acpi_checks_json(json_t *checks, const struct gicplan_input *in);

#endif
