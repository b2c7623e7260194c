/* SPDX-License-Identifier: MIT */
/*
 * Plan files: every input and every placed address, so that a plan file
 * alone reproduces the tree (gicplan verify plan.json, audit, --compat-with).
 */
#ifndef GP_PLAN_JSON_H
#define GP_PLAN_JSON_H

#include <jansson.h>
#include <stddef.h>

#include "error.h"
#include "plan.h"

#define GP_PLAN_FORMAT "gicplan-plan"
#define GP_PLAN_FORMAT_VERSION 1
#define GP_PLAN_FILE_MAX (16 * GP_MiB)

/* The plan as a JSON object (new reference). */
json_t *gp_plan_to_json(const struct gp_plan *plan);

/* The regions of @plan as a JSON array of {name, base, size, end} (new reference). */
json_t *gp_plan_regions_json(const struct gp_plan *plan);

/* The plan's KVM attribute list as JSON (new reference). */
json_t *gp_plan_kvm_json(const struct gp_plan *plan);

/*
 * Read a plan file's text into @plan and check it as gp_plan_check does.
 * @source names it in errors. Errors (exit 2) name the file and the JSON path;
 * a "regions" list that disagrees with the plan's gic and board is an error.
 */
int gp_plan_from_json(const char *source, const char *text, size_t len, struct gp_plan *plan,
		      struct gp_error *err);

/* Serialize @root as gicplan writes JSON files: 2-space indent, trailing newline. */
char *gp_json_dump(const json_t *root, size_t *len);

#endif
