/* SPDX-License-Identifier: MIT */
#include "render_audit.h"

json_t *gp_audit_json(const struct gicplan_audit *a)
{
	const char *old_new = gicplan_breaks_name(GICPLAN_BREAKS_OLD_NEW);
	const char *new_old = gicplan_breaks_name(GICPLAN_BREAKS_NEW_OLD);
	json_t *arr = json_array();
	struct gicplan_diff d;

	for (size_t i = 0, n = gicplan_audit_diffs(a); i < n; i++) {
		json_t *dirs = json_array();

		gicplan_audit_diff(a, i, &d, NULL);
		if (d.breaks & GICPLAN_BREAKS_OLD_NEW)
			json_array_append_new(dirs, json_string(old_new));
		if (d.breaks & GICPLAN_BREAKS_NEW_OLD)
			json_array_append_new(dirs, json_string(new_old));
		json_array_append_new(arr, json_pack("{s:s,s:s,s:o,s:s,s:s,s:s}", "what", d.what,
						     "verdict", gicplan_verdict_name(d.breaks_mode),
						     "breaks", dirs, "old", d.old_value, "new",
						     d.new_value, "why", d.why));
	}
	return arr;
}

void gp_audit_text(FILE *out, const struct gicplan_audit *a)
{
	struct gicplan_diff d;

	for (int pass = GICPLAN_VERDICT_BREAKS; pass >= GICPLAN_VERDICT_COMPATIBLE; pass--)
		for (size_t i = 0, n = gicplan_audit_diffs(a); i < n; i++) {
			gicplan_audit_diff(a, i, &d, NULL);
			if (d.breaks_mode != pass)
				continue;
			fprintf(out, "  %-10s %s: %s -> %s\n  %-10s   breaks %s: %s\n",
				gicplan_verdict_name(d.breaks_mode), d.what, d.old_value,
				d.new_value, "", gicplan_breaks_name(d.breaks), d.why);
		}
}
