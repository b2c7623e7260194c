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

struct gp_kvm_list;

#define GP_PLAN_FORMAT "gicplan-plan"
#define GP_PLAN_FORMAT_VERSION 1
#define GP_PLAN_FILE_MAX (16 * GP_MiB)

/* "gicplan 0.1.0": who wrote a document (a plan file, a report). */
const char *gp_generator(void);

/* The plan as a JSON object (new reference). */
json_t *gp_plan_to_json(const struct gp_plan *plan);

/* The regions of @plan as a JSON array of {name, base, size, end} (new reference). */
json_t *gp_plan_regions_json(const struct gp_plan *plan);

/*
 * A KVM attribute list as plan files carry it (new reference): [{device,
 * group, group_name, attr, attr_name, value, what}], values as "0x..."
 * strings, null for none.
 */
json_t *gp_kvm_json(const struct gp_kvm_list *l);

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
