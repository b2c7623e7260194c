/* SPDX-License-Identifier: MIT */
/*
 * libgicplan's public API, inputs and reports in detail: what an input is and
 * describes, its tree's bytes, what its ACPI tables said and their checks;
 * what a proof covered and assumed, and the offences its checks listed.
 */
#include "gicplan.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "api.h"
#include "acpi_read.h"
#include "check_result.h"
#include "gic_emul.h"
#include "input.h"
#include "vgic.h"
#include "verify.h"

_Static_assert(GICPLAN_OFFENDERS_MAX == GP_VERIFY_LISTED_MAX, "offences listed");
_Static_assert(sizeof(((struct gicplan_offender *)0)->detail) >= GP_CHECK_DETAIL_MAX,
	       "offence text");
_Static_assert(sizeof(((struct gicplan_check *)0)->detail) >= GP_CHECK_DETAIL_MAX, "check detail");
_Static_assert(sizeof(((struct gicplan_coverage *)0)->version_note) >=
		       sizeof(((struct gp_verify_result *)0)->version_note), "version note");

int api_verify_options(const struct gicplan_verify_options *o, unsigned ipa_bits,
		       struct gp_verify_options *out, struct gicplan_error *err)
{
	*out = (struct gp_verify_options){ .profile = GIC_PROFILE_ARCH, .ipa_bits = ipa_bits };
	if (o == NULL)
		return api_ok(err);
	if (api_profile(o->profile, o->qemu_machine, "verify options", &out->qemu_machine, err) < 0)
		return GICPLAN_E_USAGE;
	out->profile = (enum gic_profile)o->profile;
	out->exhaustive = o->exhaustive != 0;
	out->strict = o->strict != 0;
	if (o->ipa_bits != 0)
		out->ipa_bits = o->ipa_bits;
	return api_ok(err);
}

const char *gicplan_profile_name(int profile)
{
	return profile >= 0 && profile < GIC_PROFILE_COUNT ? gic_profile_name((enum gic_profile)profile)
							   : NULL;
}

const char *gicplan_check_status_name(int status)
{
	return status >= GICPLAN_CHECK_PASS && status <= GICPLAN_CHECK_SKIP
		       ? gp_check_status_name((enum gp_check_status)status)
		       : NULL;
}

/* ---- Inputs ---- */

int gicplan_input_info(const struct gicplan_input *in, struct gicplan_input_info *out,
		       struct gicplan_error *err)
{
	if (in == NULL || out == NULL)
		return api_fail(err, GICPLAN_E_USAGE, "gicplan_input_info: NULL argument");
	*out = (struct gicplan_input_info){
		.kind = in->in.is_plan ? GICPLAN_INPUT_PLAN
			: in->in.acpi != NULL ? GICPLAN_INPUT_ACPI : GICPLAN_INPUT_TREE,
		.cpus = in->in.m.nr_cpus,
		.nr_redist_regions = in->in.m.nr_redist,
		.ipa_bits = in->in.ipa_bits,
	};
	return api_ok(err);
}

int gicplan_input_tree(const struct gicplan_input *in, const void **data, size_t *len,
		       struct gicplan_error *err)
{
	if (data != NULL)
		*data = NULL;
	if (len != NULL)
		*len = 0;
	if (in == NULL || data == NULL || len == NULL)
		return api_fail(err, GICPLAN_E_USAGE, "gicplan_input_tree: NULL argument");
	*data = in->in.blob;
	*len = in->in.blob != NULL ? in->in.blob_len : 0;
	if (*data == NULL)
		return api_fail(err, GICPLAN_E_USAGE, "%s: ACPI tables, not a device tree",
				in->in.path);
	return api_ok(err);
}

int gicplan_input_acpi(const struct gicplan_input *in, struct gicplan_acpi_info *out,
		       struct gicplan_error *err)
{
	const struct gp_acpi_result *a;

	if (in == NULL || out == NULL)
		return api_fail(err, GICPLAN_E_USAGE, "gicplan_input_acpi: NULL argument");
	a = in->in.acpi;
	if (a == NULL)
		return api_fail(err, GICPLAN_E_USAGE, "%s: not ACPI tables", api_input_name(in));
	*out = (struct gicplan_acpi_info){ .madt = a->madt,
					   .iort = a->iort,
					   .madt_revision = a->madt_revision,
					   .enabled = a->enabled,
					   .online_capable = a->online_capable,
					   .disabled = a->disabled,
					   .gicc_style = a->gicc_style,
					   .failed = a->failed };
	return api_ok(err);
}

size_t gicplan_input_acpi_checks(const struct gicplan_input *in)
{
	return in != NULL && in->in.acpi != NULL ? GP_ACPI_CHECKS : 0;
}

int gicplan_input_acpi_check(const struct gicplan_input *in, size_t i, struct gicplan_check *out,
			     struct gicplan_error *err)
{
	size_t n = gicplan_input_acpi_checks(in);

	if (in == NULL || out == NULL)
		return api_fail(err, GICPLAN_E_USAGE, "gicplan_input_acpi_check: NULL argument");
	if (i >= n)
		return api_fail(err, GICPLAN_E_USAGE, "ACPI check %zu: the input has %zu", i, n);
	api_check_out(&in->in.acpi->checks[i], "", out);
	return api_ok(err);
}

/* ---- Reports ---- */

int gicplan_report_coverage(const struct gicplan_report *r, struct gicplan_coverage *out,
			    struct gicplan_error *err)
{
	const struct gp_verify_result *v;

	if (r == NULL || out == NULL)
		return api_fail(err, GICPLAN_E_USAGE, "gicplan_report_coverage: NULL argument");
	v = &r->r;
	*out = (struct gicplan_coverage){ .profile = (int)v->profile,
					  .gic_version = v->gic_version,
					  .exhaustive = v->exhaustive,
					  .frames_walked = v->frames_walked,
					  .spi_deliveries = v->spi_deliveries,
					  .sgi_writes = v->sgi_writes,
					  .sgi_deliveries = v->sgi_deliveries,
					  .ppi_deliveries = v->ppi_deliveries,
					  .lpi_deliveries = v->lpi_deliveries };
	api_copy_str(out->version_note, sizeof(out->version_note), v->version_note);
	return api_ok(err);
}

size_t gicplan_report_assumptions(const struct gicplan_report *r)
{
	return r != NULL ? r->r.nr_assumptions : 0;
}

const char *gicplan_report_assumption(const struct gicplan_report *r, size_t i)
{
	return i < gicplan_report_assumptions(r) ? r->r.assumptions[i] : NULL;
}

size_t gicplan_report_offenders(const struct gicplan_report *r)
{
	return r != NULL ? r->r.nr_listed : 0;
}

int gicplan_report_offender(const struct gicplan_report *r, size_t i,
			    struct gicplan_offender *out, struct gicplan_error *err)
{
	const struct gp_offence *o;

	if (r == NULL || out == NULL)
		return api_fail(err, GICPLAN_E_USAGE, "gicplan_report_offender: NULL argument");
	if (i >= r->r.nr_listed)
		return api_fail(err, GICPLAN_E_USAGE, "offence %zu: the report lists %" PRIu32, i,
				r->r.nr_listed);
	o = &r->r.listed[i];
	out->check = o->check;
	out->status = o->status;
	api_copy_str(out->detail, sizeof(out->detail), r->r.listed_text + o->text);
	return api_ok(err);
}
