/* SPDX-License-Identifier: MIT */
#include "render_verify.h"

#include <inttypes.h>
#include <stdbool.h>
#include <string.h>

/* A check's line: status, name, what it covered, then its detail. */
static void check_text(FILE *out, const struct gp_check *k)
{
	fprintf(out, "  %-4s %-17s %10" PRIu64 "%s%s\n", gp_check_status_name(k->status), k->name,
		k->count, k->detail[0] ? "  " : "", k->detail);
}

json_t *gp_verify_json(const struct gp_verify_result *r)
{
	json_t *checks = json_array(), *offenders[GP_CHECKS];

	for (int i = 0; i < GP_CHECKS; i++)
		offenders[i] = json_array();
	for (uint32_t i = 0; i < r->nr_listed; i++) {
		const struct gp_offence *o = &r->listed[i];

		json_array_append_new(offenders[o->check],
				      json_pack("{s:s,s:s}", "status",
						gp_check_status_name((enum gp_check_status)o->status),
						"detail", r->listed_text + o->text));
	}
	for (int i = 0; i < GP_CHECKS; i++) {
		const struct gp_check *k = &r->checks[i];
		json_t *o = json_pack("{s:s,s:s,s:I,s:I}", "name", k->name, "status",
				      gp_check_status_name(k->status), "count", (json_int_t)k->count,
				      "offences", (json_int_t)k->offences);

		if (k->detail[0])
			json_object_set_new(o, "detail", json_string(k->detail));
		if (json_array_size(offenders[i]) > 0)
			json_object_set(o, "offenders", offenders[i]);
		json_decref(offenders[i]);
		json_array_append_new(checks, o);
	}
	return checks;
}

json_t *gp_verify_coverage_json(const struct gp_verify_result *r)
{
	json_t *assumed = json_array();

	for (uint32_t i = 0; i < r->nr_assumptions; i++)
		json_array_append_new(assumed, json_string(r->assumptions[i]));
	return json_pack("{s:s,s:i,s:s,s:o,s:b,s:I,s:I,s:I,s:I,s:I,s:I}", "profile",
			 gic_profile_name(r->profile), "gic_version", (int)r->gic_version,
			 "gic_version_note", r->version_note, "assumptions", assumed, "exhaustive",
			 r->exhaustive, "frames_walked", (json_int_t)r->frames_walked,
			 "spi_deliveries", (json_int_t)r->spi_deliveries, "sgi_writes",
			 (json_int_t)r->sgi_writes, "sgi_deliveries", (json_int_t)r->sgi_deliveries,
			 "ppi_deliveries", (json_int_t)r->ppi_deliveries, "lpi_deliveries",
			 (json_int_t)r->lpi_deliveries);
}

/* Width of "  fail device-irqs         123  ": where a check's further offenders line up. */
#define TEXT_INDENT 37

/* Check @id's listed offences after its detail: failures first, up to the text's share. */
static void text_offenders(FILE *out, const struct gp_verify_result *r, enum gp_check_id id)
{
	const struct gp_check *k = &r->checks[id];
	uint64_t shown = k->detail[0] ? 1 : 0;
	bool detail_seen = false;

	if (k->status != GP_CHECK_FAIL && k->status != GP_CHECK_WARN)
		return;
	for (int pass = 0; pass < 2; pass++) {
		enum gp_check_status want = pass == 0 ? GP_CHECK_FAIL : GP_CHECK_WARN;

		for (uint32_t i = 0; i < r->nr_listed && shown < GP_VERIFY_TEXT_SHOWN; i++) {
			const struct gp_offence *o = &r->listed[i];
			const char *text = r->listed_text + o->text;

			if (o->check != id || o->status != want)
				continue;
			/* The detail line shows the first of its kind already. */
			if (!detail_seen && o->status == k->status && strcmp(text, k->detail) == 0) {
				detail_seen = true;
				continue;
			}
			fprintf(out, "%*s%s%s\n", TEXT_INDENT, "", want == GP_CHECK_WARN &&
				k->status == GP_CHECK_FAIL ? "warning: " : "", text);
			shown++;
		}
	}
	if (k->offences > shown)
		fprintf(out, "%*sand %" PRIu64 " more (--format json lists up to %d offences a run)\n",
			TEXT_INDENT, "", k->offences - shown, GP_VERIFY_LISTED_MAX);
}

void gp_verify_text(FILE *out, const struct gp_verify_result *r)
{
	fprintf(out, "\nverify: GICv%u (%s); %s profile; %s coverage\n", r->gic_version,
		r->version_note, gic_profile_name(r->profile),
		r->exhaustive ? "exhaustive" : "default");
	for (uint32_t i = 0; i < r->nr_assumptions; i++)
		fprintf(out, "  %s\n", r->assumptions[i]);
	for (int i = 0; i < GP_CHECKS; i++) {
		check_text(out, &r->checks[i]);
		text_offenders(out, r, (enum gp_check_id)i);
	}
	fprintf(out, "covered: %" PRIu64 " frames walked, %" PRIu64 " SPI deliveries, %" PRIu64
		" SGI writes reaching %" PRIu64 " CPUs, %" PRIu64 " PPIs, %" PRIu64 " LPIs\n",
		r->frames_walked, r->spi_deliveries, r->sgi_writes, r->sgi_deliveries,
		r->ppi_deliveries, r->lpi_deliveries);
}

void gp_acpi_checks_text(FILE *out, const struct gp_acpi_result *r)
{
	fprintf(out, "acpi: MADT revision %u (%s%s%s); GICCs: %" PRIu64 " enabled, %" PRIu64
		" online-capable, %" PRIu64 " disabled; redistributors from %s\n", r->madt_revision,
		r->madt, r->iort[0] ? ", IORT " : "", r->iort, r->enabled, r->online_capable,
		r->disabled, r->gicc_style ? "each GICC" : "GICR structures");
	for (int i = 0; i < GP_ACPI_CHECKS; i++)
		check_text(out, &r->checks[i]);
}

void gp_acpi_checks_json(json_t *checks, const struct gp_acpi_result *r)
{
	for (int i = 0; i < GP_ACPI_CHECKS; i++) {
		const struct gp_check *k = &r->checks[i];
		json_t *o = json_pack("{s:s,s:s,s:I}", "name", k->name, "status",
				      gp_check_status_name(k->status), "count", (json_int_t)k->count);

		if (k->detail[0])
			json_object_set_new(o, "detail", json_string(k->detail));
		json_array_append_new(checks, o);
	}
}
