/* SPDX-License-Identifier: MIT */
/*
 * libgicplan's public API, plans in detail: how a plan was chosen, KVM's
 * names, plans that keep an old machine's ABI and their audit, a plan's ACPI
 * tables (written and proven), and writing several outputs whole or none.
 */
#include "gicplan.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "acpi_prove.h"
#include "acpi_write.h"
#include "audit.h"
#include "compat.h"
#include "fileio.h"
#include "input.h"
#include "kvm.h"
#include "plan.h"
#include "reproduce.h"
#include "verify.h"

_Static_assert(GICPLAN_ACPI_5_1 == GP_ACPI_5_1 && GICPLAN_ACPI_6_0 == GP_ACPI_6_0 &&
		       GICPLAN_ACPI_6_5 == GP_ACPI_6_5, "ACPI versions");
_Static_assert(sizeof(((struct gicplan_plan_story *)0)->why) >= GP_WHY_MAX, "why");
_Static_assert(sizeof(((struct gicplan_plan_story *)0)->notes) >= GP_TEXT_MAX, "notes");
_Static_assert(sizeof(((struct gicplan_plan_story *)0)->tier_summary) >= GP_TEXT_MAX,
	       "tier summary");
_Static_assert(GICPLAN_ACPI_TABLES_MAX == GP_ACPI_TABLES_MAX, "ACPI tables");
_Static_assert(sizeof(((struct gicplan_acpi_table *)0)->file) >=
		       sizeof(((struct gp_acpi_table *)0)->file), "ACPI file names");

struct gicplan_acpi_tables {
	struct gp_acpi_tables t;
};

int gicplan_plan_story(const struct gicplan_plan *plan, struct gicplan_plan_story *out,
		       struct gicplan_error *err)
{
	if (plan == NULL || out == NULL)
		return api_fail(err, GICPLAN_E_USAGE, "gicplan_plan_story: NULL argument");
	memset(out, 0, sizeof(*out));
	out->platform_version = plan->plan.platform_version;
	api_copy_str(out->tier_summary, sizeof(out->tier_summary), plan->plan.tier_summary);
	api_copy_str(out->why, sizeof(out->why), plan->plan.why);
	api_copy_str(out->notes, sizeof(out->notes), plan->plan.notes);
	return api_ok(err);
}

const char *gicplan_kvm_device_name(uint32_t device)
{
	/* The internal name is of the two devices gicplan writes: another is unknown. */
	if (device != GICPLAN_KVM_DEV_TYPE_ARM_VGIC_V3 && device != GICPLAN_KVM_DEV_TYPE_ARM_VGIC_ITS)
		return "unknown";
	return gp_kvm_device_name(device);
}

const char *gicplan_kvm_group_name(uint32_t group)
{
	return gp_kvm_group_name(group);
}

const char *gicplan_kvm_attr_name(uint32_t device, uint32_t group, uint64_t attr)
{
	return gp_kvm_attr_name(device, group, attr);
}

int gicplan_plan_make_compat(const struct gicplan_platform *p, const struct gicplan_request *req,
			     const struct gicplan_input *old, struct gicplan_plan **out,
			     struct gicplan_error *err)
{
	struct gp_request r;
	struct gp_error e;

	if (out != NULL)
		*out = NULL;
	if (p == NULL || req == NULL || old == NULL || out == NULL)
		return api_fail(err, GICPLAN_E_USAGE, "gicplan_plan_make_compat: NULL argument");
	if (api_request(req, &r, err) < 0)
		return GICPLAN_E_USAGE;
	*out = malloc(sizeof(**out));
	if (*out == NULL)
		return api_fail(err, GICPLAN_E_NOMEM, "plan: out of memory");
	gp_error_init(&e);
	if (gp_plan_reproduce(&p->p, &r, &old->in, &(*out)->plan, &e) < 0 ||
	    gp_plan_compat(&p->p, &r, old->in.path, &(*out)->plan, &e) < 0) {
		free(*out);
		*out = NULL;
		return api_pass_on(&e, err);
	}
	return api_ok(err);
}

int gicplan_plan_compat_audit(const struct gicplan_platform *p, const struct gicplan_input *old,
			      const struct gicplan_input *new_, struct gicplan_audit **out,
			      struct gicplan_error *err)
{
	char from[GP_NAME_MAX + 16];
	struct gp_audit_options ao;

	if (out != NULL)
		*out = NULL;
	if (p == NULL || old == NULL || new_ == NULL || out == NULL)
		return api_fail(err, GICPLAN_E_USAGE, "gicplan_plan_compat_audit: NULL argument");
	/* One way (OLD's guest moves up), added vCPUs' GIC state by the platform's rule. */
	snprintf(from, sizeof(from), "platform %s", p->p.name);
	ao = (struct gp_audit_options){ GP_AUDIT_ONE_WAY, GIC_PROFILE_ARCH, p->p.gic_state, from };
	return api_audit_run(&old->in, &new_->in, &ao, out, err);
}

int gicplan_acpi_version_parse(const char *s, int *version)
{
	enum gp_acpi_version v;

	if (s == NULL || version == NULL || gp_acpi_version_parse(s, &v) < 0)
		return GICPLAN_E_USAGE;
	*version = (int)v;
	return GICPLAN_OK;
}

int gicplan_plan_acpi(const struct gicplan_plan *plan, const struct gicplan_acpi_options *o,
		      const struct gicplan_verify_options *vo, struct gicplan_acpi_tables **out,
		      struct gicplan_error *err)
{
	struct gp_acpi_options ao = { .version = GP_ACPI_6_0 };
	struct gp_verify_options v;
	struct gp_error e;

	if (out != NULL)
		*out = NULL;
	if (plan == NULL || out == NULL)
		return api_fail(err, GICPLAN_E_USAGE, "gicplan_plan_acpi: NULL argument");
	if (o != NULL) {
		if (o->version < GICPLAN_ACPI_5_1 || o->version > GICPLAN_ACPI_6_5)
			return api_fail(err, GICPLAN_E_USAGE, "ACPI options: version %d unknown",
					o->version);
		ao = (struct gp_acpi_options){ (enum gp_acpi_version)o->version, o->boot_cpus };
	}
	if (api_verify_options(vo, plan->plan.ipa_bits, &v, err) < 0)
		return GICPLAN_E_USAGE;
	*out = calloc(1, sizeof(**out));
	if (*out == NULL)
		return api_fail(err, GICPLAN_E_NOMEM, "ACPI tables: out of memory");
	gp_error_init(&e);
	/* The folder is checked before the proof, as the tables are placed in it first. */
	if (gp_acpi_write(&plan->plan, &ao, &(*out)->t, &e) < 0 ||
	    (o != NULL && o->dir != NULL && gp_acpi_place(o->dir, &(*out)->t, &e) < 0) ||
	    gp_acpi_prove(&plan->plan, &(*out)->t, &v, &e) < 0) {
		gicplan_acpi_tables_free(*out);
		*out = NULL;
		return api_pass_on(&e, err);
	}
	return api_ok(err);
}

size_t gicplan_acpi_tables_count(const struct gicplan_acpi_tables *t)
{
	return t != NULL ? t->t.n : 0;
}

int gicplan_acpi_table(const struct gicplan_acpi_tables *t, size_t i,
		       struct gicplan_acpi_table *out, struct gicplan_error *err)
{
	const struct gp_acpi_table *a;

	if (t == NULL || out == NULL)
		return api_fail(err, GICPLAN_E_USAGE, "gicplan_acpi_table: NULL argument");
	if (i >= t->t.n)
		return api_fail(err, GICPLAN_E_USAGE, "ACPI table %zu: there are %u", i, t->t.n);
	a = &t->t.t[i];
	memset(out, 0, sizeof(*out));
	api_copy_str(out->file, sizeof(out->file), a->file);
	out->path = a->path;
	out->data = a->data;
	out->len = a->len;
	return api_ok(err);
}

void gicplan_acpi_tables_free(struct gicplan_acpi_tables *t)
{
	if (t == NULL)
		return;
	gp_acpi_tables_free(&t->t);
	free(t);
}

/* Outputs in one batch: each gp_output on the stack for a few, else allocated. */
#define OUTPUTS_ON_STACK 8

int gicplan_write_files(const struct gicplan_output *outs, size_t n, struct gicplan_error *err)
{
	struct gp_output own[OUTPUTS_ON_STACK], *o = own;
	struct gp_error e;
	int rc;

	if (outs == NULL && n > 0)
		return api_fail(err, GICPLAN_E_USAGE, "gicplan_write_files: NULL argument");
	if (n > OUTPUTS_ON_STACK) {
		o = calloc(n, sizeof(*o));
		if (o == NULL)
			return api_fail(err, GICPLAN_E_NOMEM, "outputs: out of memory");
	}
	for (size_t i = 0; i < n; i++)
		o[i] = (struct gp_output){ outs[i].path, outs[i].data, outs[i].len };
	gp_error_init(&e);
	rc = gp_write_outputs(o, n, &e) < 0 ? api_pass_on(&e, err) : api_ok(err);
	if (o != own)
		free(o);
	return rc;
}

int gicplan_same_file(const char *a, const char *b)
{
	return a != NULL && b != NULL && gp_same_file(a, b);
}
