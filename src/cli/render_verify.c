/* SPDX-License-Identifier: MIT */
#include "render_verify.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* A check's line: status, name, what it covered, then its detail. */
static void check_text(FILE *out, const struct gicplan_check *k)
{
	fprintf(out, "  %-4s %-17s %10" PRIu64 "%s%s\n", gicplan_check_status_name(k->status),
		k->name, k->count, k->detail[0] ? "  " : "", k->detail);
}

/* Check @i of @r (the index is always one the report has). */
static struct gicplan_check check_of(const struct gicplan_report *r, size_t i)
{
	struct gicplan_check k;

	gicplan_report_check(r, i, &k, NULL);
	return k;
}

json_t *gp_verify_json(const struct gicplan_report *r)
{
	size_t n = gicplan_report_checks(r), listed = gicplan_report_offenders(r);
	json_t *checks = json_array(), **offenders = calloc(n, sizeof(*offenders));
	struct gicplan_offender o;

	if (offenders == NULL)
		return checks;
	for (size_t i = 0; i < n; i++)
		offenders[i] = json_array();
	for (size_t i = 0; i < listed; i++) {
		gicplan_report_offender(r, i, &o, NULL);
		json_array_append_new(offenders[o.check],
				      json_pack("{s:s,s:s}", "status",
						gicplan_check_status_name(o.status), "detail",
						o.detail));
	}
	for (size_t i = 0; i < n; i++) {
		struct gicplan_check k = check_of(r, i);
		json_t *c = json_pack("{s:s,s:s,s:I,s:I}", "name", k.name, "status",
				      gicplan_check_status_name(k.status), "count",
				      (json_int_t)k.count, "offences", (json_int_t)k.offences);

		if (k.detail[0])
			json_object_set_new(c, "detail", json_string(k.detail));
		if (json_array_size(offenders[i]) > 0)
			json_object_set(c, "offenders", offenders[i]);
		json_decref(offenders[i]);
		json_array_append_new(checks, c);
	}
	free(offenders);
	return checks;
}

json_t *gp_verify_coverage_json(const struct gicplan_report *r)
{
	json_t *assumed = json_array();
	struct gicplan_coverage v;

	gicplan_report_coverage(r, &v, NULL);
	for (size_t i = 0; i < gicplan_report_assumptions(r); i++)
		json_array_append_new(assumed, json_string(gicplan_report_assumption(r, i)));
	return json_pack("{s:s,s:i,s:s,s:o,s:b,s:I,s:I,s:I,s:I,s:I,s:I}", "profile",
			 gicplan_profile_name(v.profile), "gic_version", (int)v.gic_version,
			 "gic_version_note", v.version_note, "assumptions", assumed, "exhaustive",
			 v.exhaustive, "frames_walked", (json_int_t)v.frames_walked,
			 "spi_deliveries", (json_int_t)v.spi_deliveries, "sgi_writes",
			 (json_int_t)v.sgi_writes, "sgi_deliveries", (json_int_t)v.sgi_deliveries,
			 "ppi_deliveries", (json_int_t)v.ppi_deliveries, "lpi_deliveries",
			 (json_int_t)v.lpi_deliveries);
}

/* Width of "  fail device-irqs         123  ": where a check's further offenders line up. */
#define TEXT_INDENT 37

/* Check @id's listed offences after its detail: failures first, up to the text's share. */
static void text_offenders(FILE *out, const struct gicplan_report *r, size_t id,
			   const struct gicplan_check *k)
{
	size_t listed = gicplan_report_offenders(r);
	uint64_t shown = k->detail[0] ? 1 : 0;
	bool detail_seen = false;
	struct gicplan_offender o;

	if (k->status != GICPLAN_CHECK_FAIL && k->status != GICPLAN_CHECK_WARN)
		return;
	for (int pass = 0; pass < 2; pass++) {
		int want = pass == 0 ? GICPLAN_CHECK_FAIL : GICPLAN_CHECK_WARN;

		for (size_t i = 0; i < listed && shown < GP_VERIFY_TEXT_SHOWN; i++) {
			gicplan_report_offender(r, i, &o, NULL);
			if (o.check != id || o.status != want)
				continue;
			/* The detail line shows the first of its kind already. */
			if (!detail_seen && o.status == k->status && strcmp(o.detail, k->detail) == 0) {
				detail_seen = true;
				continue;
			}
			fprintf(out, "%*s%s%s\n", TEXT_INDENT, "", want == GICPLAN_CHECK_WARN &&
				k->status == GICPLAN_CHECK_FAIL ? "warning: " : "", o.detail);
			shown++;
		}
	}
	if (k->offences > shown)
		fprintf(out, "%*sand %" PRIu64 " more (--format json lists up to %d offences a run)\n",
			TEXT_INDENT, "", k->offences - shown, GICPLAN_OFFENDERS_MAX);
}

void gp_verify_text(FILE *out, const struct gicplan_report *r)
{
	struct gicplan_coverage v;

	gicplan_report_coverage(r, &v, NULL);
	fprintf(out, "\nverify: GICv%u (%s); %s profile; %s coverage\n", v.gic_version,
		v.version_note, gicplan_profile_name(v.profile),
		v.exhaustive ? "exhaustive" : "default");
	for (size_t i = 0; i < gicplan_report_assumptions(r); i++)
		fprintf(out, "  %s\n", gicplan_report_assumption(r, i));
	for (size_t i = 0; i < gicplan_report_checks(r); i++) {
		struct gicplan_check k = check_of(r, i);

		check_text(out, &k);
		text_offenders(out, r, i, &k);
	}
	fprintf(out, "covered: %" PRIu64 " frames walked, %" PRIu64 " SPI deliveries, %" PRIu64
		" SGI writes reaching %" PRIu64 " CPUs, %" PRIu64 " PPIs, %" PRIu64 " LPIs\n",
		v.frames_walked, v.spi_deliveries, v.sgi_writes, v.sgi_deliveries,
		v.ppi_deliveries, v.lpi_deliveries);
}

void gp_acpi_checks_text(FILE *out, const struct gicplan_input *in)
{
	struct gicplan_acpi_info a;
	struct gicplan_check k;

	if (gicplan_input_acpi(in, &a, NULL) < 0)
		return;
	fprintf(out, "acpi: MADT revision %u (%s%s%s); GICCs: %" PRIu64 " enabled, %" PRIu64
		" online-capable, %" PRIu64 " disabled; redistributors from %s\n", a.madt_revision,
		a.madt, a.iort[0] ? ", IORT " : "", a.iort, a.enabled, a.online_capable,
		a.disabled, a.gicc_style ? "each GICC" : "GICR structures");
	for (size_t i = 0; i < gicplan_input_acpi_checks(in); i++) {
		gicplan_input_acpi_check(in, i, &k, NULL);
		check_text(out, &k);
	}
}

void gp_acpi_checks_json(json_t *checks, const struct gicplan_input *in)
{
	struct gicplan_check k;

	for (size_t i = 0; i < gicplan_input_acpi_checks(in); i++) {
		json_t *o;

		gicplan_input_acpi_check(in, i, &k, NULL);
		o = json_pack("{s:s,s:s,s:I}", "name", k.name, "status",
			      gicplan_check_status_name(k.status), "count", (json_int_t)k.count);
		if (k.detail[0])
			json_object_set_new(o, "detail", json_string(k.detail));
		json_array_append_new(checks, o);
	}
}
