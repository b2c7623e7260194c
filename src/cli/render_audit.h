/* SPDX-License-Identifier: MIT */
/* audit's differences (a gicplan_audit), as text for people and as JSON for tools. */
#ifndef GP_RENDER_AUDIT_H
#define GP_RENDER_AUDIT_H

#include <jansson.h>
#include <stdio.h>

#include "gicplan.h"

/* The differences as JSON: [{what, verdict, breaks: [directions], old, new, why}]. */
json_t *gp_audit_json(const struct gicplan_audit *a);

/* The differences for people, one a line, breaking ones first. */
void gp_audit_text(FILE *out, const struct gicplan_audit *a);

#endif
