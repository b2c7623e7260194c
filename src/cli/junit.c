/* SPDX-License-Identifier: MIT */
#include "junit.h"

#include "gicplan.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "xml.h"

static int suite_init(struct gp_junit_suite *s, const char *name, size_t n)
{
	memset(s, 0, sizeof(*s));
	snprintf(s->name, sizeof(s->name), "%s", name);
	snprintf(s->properties[0][0], sizeof(s->properties[0][0]), "generator");
	snprintf(s->properties[0][1], sizeof(s->properties[0][1]), "%s", gp_report_generator());
	s->n = n;
	if (n == 0)
		return 0;
	s->cases = calloc(n, sizeof(*s->cases));
	return s->cases == NULL ? -1 : 0;
}

static void property(struct gp_junit_suite *s, const char *name, const char *value)
{
	for (int i = 0; i < GP_JUNIT_PROPERTIES_MAX; i++)
		if (s->properties[i][0][0] == '\0') {
			snprintf(s->properties[i][0], sizeof(s->properties[i][0]), "%s", name);
			snprintf(s->properties[i][1], sizeof(s->properties[i][1]), "%s", value);
			return;
		}
}

int gp_junit_plan(const struct gicplan_plan *plan, struct gp_junit_suite *s)
{
	struct gicplan_plan_info info;
	struct gicplan_plan_story story;

	if (gicplan_plan_info(plan, &info, NULL) < 0 || gicplan_plan_story(plan, &story, NULL) < 0 ||
	    suite_init(s, "gicplan.plan", 1) < 0)
		return -1;
	property(s, "platform", info.platform);
	snprintf(s->cases[0].name, sizeof(s->cases[0].name), "placement");
	snprintf(s->cases[0].output, sizeof(s->cases[0].output), "tier %s: %s", info.tier,
		 story.why);
	return 0;
}

/* Check @k as test case @t: a warning fails it with @strict. */
static void check_case(const struct gicplan_check *k, bool strict, struct gp_junit_case *t)
{
	snprintf(t->name, sizeof(t->name), "%s", k->name);
	switch (k->status) {
	case GICPLAN_CHECK_PASS:
		t->status = GP_JUNIT_PASS;
		snprintf(t->output, sizeof(t->output), "covered %" PRIu64 "%s%s", k->count,
			 k->detail[0] ? ": " : "", k->detail);
		break;
	case GICPLAN_CHECK_WARN:
		t->status = strict ? GP_JUNIT_FAIL : GP_JUNIT_PASS;
		snprintf(strict ? t->message : t->output, sizeof(t->message), "warning: %s",
			 k->detail);
		break;
	case GICPLAN_CHECK_FAIL:
		t->status = GP_JUNIT_FAIL;
		snprintf(t->message, sizeof(t->message), "%s", k->detail);
		break;
	case GICPLAN_CHECK_SKIP:
		t->status = GP_JUNIT_SKIP;
		snprintf(t->message, sizeof(t->message), "%s", k->detail);
		break;
	}
}

int gp_junit_verify(const struct gicplan_report *r, const struct gicplan_input *in,
		    const char *file, bool strict, struct gp_junit_suite *s)
{
	size_t n = gicplan_report_checks(r), acpi = gicplan_input_acpi_checks(in);
	struct gicplan_coverage v;
	struct gicplan_check k;

	if (gicplan_report_coverage(r, &v, NULL) < 0 || suite_init(s, "gicplan.verify", n + acpi) < 0)
		return -1;
	if (file != NULL)
		property(s, "file", file);
	property(s, "profile", gicplan_profile_name(v.profile));
	for (size_t i = 0; i < n; i++) {
		gicplan_report_check(r, i, &k, NULL);
		check_case(&k, strict, &s->cases[i]);
	}
	for (size_t i = 0; i < acpi; i++) {
		gicplan_input_acpi_check(in, i, &k, NULL);
		check_case(&k, strict, &s->cases[n + i]);
	}
	return 0;
}

int gp_junit_audit(const struct gicplan_audit *a, const char *old, const char *new,
		   struct gp_junit_suite *s)
{
	if (suite_init(s, "gicplan.audit", gicplan_audit_diffs(a)) < 0)
		return -1;
	property(s, "old", old);
	property(s, "new", new);
	for (size_t i = 0; i < s->n; i++) {
		struct gicplan_diff d;
		struct gp_junit_case *t = &s->cases[i];
		bool breaks;

		gicplan_audit_diff(a, i, &d, NULL);
		breaks = d.breaks_mode == GICPLAN_VERDICT_BREAKS;
		snprintf(t->name, sizeof(t->name), "%s", d.what);
		t->status = breaks ? GP_JUNIT_FAIL : GP_JUNIT_PASS;
		snprintf(breaks ? t->message : t->output, sizeof(t->message), "%s -> %s: %s",
			 d.old_value, d.new_value, d.why);
	}
	return 0;
}

int gp_junit_error(const char *command, int exit_code, const char *message,
		   struct gp_junit_suite *s)
{
	char code[16];

	if (suite_init(s, "gicplan", 1) < 0)
		return -1;
	snprintf(code, sizeof(code), "%d", exit_code);
	property(s, "exit_code", code);
	snprintf(s->cases[0].name, sizeof(s->cases[0].name), "%s", command);
	s->cases[0].status = GP_JUNIT_ERROR;
	snprintf(s->cases[0].message, sizeof(s->cases[0].message), "%s", message);
	return 0;
}

static void count(const struct gp_junit_suite *s, size_t n[4])
{
	for (size_t i = 0; i < s->n; i++)
		n[s->cases[i].status]++;
}

static void counts_attrs(FILE *out, const size_t n[4])
{
	fprintf(out, " tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"%zu\"",
		n[GP_JUNIT_PASS] + n[GP_JUNIT_FAIL] + n[GP_JUNIT_SKIP] + n[GP_JUNIT_ERROR],
		n[GP_JUNIT_FAIL], n[GP_JUNIT_ERROR], n[GP_JUNIT_SKIP]);
}

static void write_case(FILE *out, const char *classname, const struct gp_junit_case *t)
{
	static const char *const elements[] = { [GP_JUNIT_FAIL] = "failure",
						[GP_JUNIT_SKIP] = "skipped",
						[GP_JUNIT_ERROR] = "error" };

	fputs("    <testcase name=\"", out);
	gp_xml_text(out, t->name);
	fputs("\" classname=\"", out);
	gp_xml_text(out, classname);
	if (t->status == GP_JUNIT_PASS && !t->output[0]) {
		fputs("\"/>\n", out);
		return;
	}
	fputs("\">\n", out);
	if (t->status != GP_JUNIT_PASS) {
		fprintf(out, "      <%s message=\"", elements[t->status]);
		gp_xml_text(out, t->message);
		fputs("\"/>\n", out);
	}
	if (t->output[0]) {
		fputs("      <system-out>", out);
		gp_xml_text(out, t->output);
		fputs("</system-out>\n", out);
	}
	fputs("    </testcase>\n", out);
}

void gp_junit_write(FILE *out, const struct gp_junit_suite *suites, size_t n)
{
	size_t all[4] = { 0 };

	for (size_t i = 0; i < n; i++)
		count(&suites[i], all);
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"gicplan\"", out);
	counts_attrs(out, all);
	fputs(">\n", out);
	for (size_t i = 0; i < n; i++) {
		const struct gp_junit_suite *s = &suites[i];
		size_t c[4] = { 0 };

		count(s, c);
		fputs("  <testsuite name=\"", out);
		gp_xml_text(out, s->name);
		fputc('"', out);
		counts_attrs(out, c);
		fputs(">\n    <properties>\n", out);
		for (int p = 0; p < GP_JUNIT_PROPERTIES_MAX && s->properties[p][0][0]; p++) {
			fputs("      <property name=\"", out);
			gp_xml_text(out, s->properties[p][0]);
			fputs("\" value=\"", out);
			gp_xml_text(out, s->properties[p][1]);
			fputs("\"/>\n", out);
		}
		fputs("    </properties>\n", out);
		for (size_t k = 0; k < s->n; k++)
			write_case(out, s->name, &s->cases[k]);
		fputs("  </testsuite>\n", out);
	}
	fputs("</testsuites>\n", out);
}

void gp_junit_free(struct gp_junit_suite *s)
{
	free(s->cases);
	s->cases = NULL;
	s->n = 0;
}
