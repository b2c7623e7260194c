/* SPDX-License-Identifier: MIT */
#include "render_audit.h"

json_t *gp_audit_json(const struct gp_audit *a)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < a->n; i++) {
		const struct gp_diff *d = &a->diffs[i];
		json_t *dirs = json_array();

		if (d->breaks & GP_BREAKS_OLD_NEW)
			json_array_append_new(dirs, json_string("old->new"));
		if (d->breaks & GP_BREAKS_NEW_OLD)
			json_array_append_new(dirs, json_string("new->old"));
		json_array_append_new(arr, json_pack("{s:s,s:s,s:o,s:s,s:s,s:s}", "what", d->what,
						     "verdict", gp_verdict_name(d->verdict), "breaks",
						     dirs, "old", d->old, "new", d->new, "why",
						     d->why));
	}
	return arr;
}

void gp_audit_text(FILE *out, const struct gp_audit *a)
{
	for (int pass = GP_VERDICT_BREAKS; pass >= GP_VERDICT_COMPATIBLE; pass--)
		for (size_t i = 0; i < a->n; i++) {
			const struct gp_diff *d = &a->diffs[i];

			if ((int)d->verdict != pass)
				continue;
			fprintf(out, "  %-10s %s: %s -> %s\n  %-10s   breaks %s: %s\n",
				gp_verdict_name(d->verdict), d->what, d->old, d->new, "",
				gp_audit_breaks_name(d->breaks), d->why);
		}
}
