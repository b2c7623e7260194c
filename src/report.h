/* The report of a planning run on standard output: text for people, JSON for tools. */
#ifndef GP_REPORT_H
#define GP_REPORT_H

#include <jansson.h>
#include <stdio.h>

#include "layout.h"

/*
 * The plan as the report's JSON object: "platform", "tier", "why", "cpus",
 * "gic_version", "its", "ipa_bits", "spis", "redist_regions" and "regions"
 * (name, base, size, end as "0x..." strings). New reference; callers add
 * "checks" and "outputs".
 */
json_t *gp_report_json(const struct gp_plan *plan);

/* The plan for people: request, tier and why, then a table of regions. */
void gp_report_text(FILE *out, const struct gp_plan *plan);

#endif
