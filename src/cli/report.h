/* SPDX-License-Identifier: MIT */
/* The report of a planning run on standard output: text for people, JSON for tools. */
#ifndef GP_REPORT_H
#define GP_REPORT_H

#include <jansson.h>
#include <stdio.h>

#include "gicplan.h"

/*
 * Every JSON document gicplan prints carries "format" (one of the names
 * below), "format_version" and "generator" first, and a "result". The
 * documents' shapes are docs/schema/NAME.schema.json; a change that breaks a
 * reader raises GP_REPORT_FORMAT_VERSION. (Plan files: gicplan_plan_json.)
 */
#define GP_REPORT_FORMAT_VERSION 1
#define GP_FORMAT_REPORT "gicplan-report"       /* gicplan plan */
#define GP_FORMAT_VERIFY "gicplan-verify"
#define GP_FORMAT_AUDIT "gicplan-audit"
#define GP_FORMAT_TIERS "gicplan-tiers"
#define GP_FORMAT_PLATFORMS "gicplan-platforms"
#define GP_FORMAT_LIMITS "gicplan-limits"
#define GP_FORMAT_ERROR "gicplan-error"          /* exit 2 or 3 with --format json */

/* "result" values. */
#define GP_RESULT_PASS "pass"                 /* plan, verify: every check passed */
#define GP_RESULT_FAIL "fail"                 /* plan, verify: a check failed (exit 1) */
#define GP_RESULT_COMPATIBLE "compatible"     /* audit: NEW can receive a guest from OLD */
#define GP_RESULT_INCOMPATIBLE "incompatible" /* audit: some difference breaks migration */
#define GP_RESULT_OK "ok"                     /* tiers, platforms, limits: listed */
#define GP_RESULT_ERROR "error"               /* exit 2: usage or input error */
#define GP_RESULT_NO_PLACEMENT "no-placement" /* exit 3: no placement holds the request */

/* "gicplan 0.1.0": who wrote a report (static storage). */
const char *gp_report_generator(void);

/* A new object holding format @format, format_version, generator and result @result. */
json_t *gp_report_envelope(const char *format, const char *result);

/*
 * The error document of an exit 2 or 3 run (format "gicplan-error"): result
 * "error" or "no-placement", "exit_code" and "error": {"message"}.
 */
json_t *gp_report_error_json(int exit_code, const char *message);

/*
 * The plan as the report's JSON object, inside the envelope with result
 * @result: "platform", "tier", "why", "cpus", "gic_version", "its",
 * "ipa_bits", "spis", "redist_regions" (base, window_size: what the platform
 * reserves, described_size: what the tree's reg says, first_cpu, count,
 * capacity), and "regions" and "kvm" as the plan file @plan_text has them.
 * New reference; callers add "checks" and "verify".
 */
json_t *gp_report_json(const struct gicplan_plan *plan, const char *plan_text,
			const char *result);

/*
 * @plan's plan file text (gicplan_plan_json: new, NUL-ended, *@len without the
 * NUL), or NULL with @e set. gp_report_json takes it too (NULL: it makes its own).
 */
char *gp_plan_file_text(const struct gicplan_plan *plan, size_t *len, struct gicplan_error *e);

/* The plan's regions, as gicplan_plan_regions gives them: a new array of *@n, or NULL. */
struct gicplan_region *gp_plan_regions_new(const struct gicplan_plan *plan, size_t *n);

/* The plan's redistributor regions (gicplan_plan_redist_regions): a new array of *@n, or NULL. */
struct gicplan_redist_region *gp_plan_redist_regions_new(const struct gicplan_plan *plan,
							size_t *n);

/* The plan for people: request, tier and why, then a table of regions. */
void gp_report_text(FILE *out, const struct gicplan_plan *plan);

#endif
