/* SPDX-License-Identifier: MIT */
/*
 * libgicplan's public API (include/gicplan.h): handles over the planner, the
 * tree writer, the KVM attribute list, verify and audit. No state outside the
 * handles: every function works on what it is given.
 */
#include "gicplan.h"

#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "acpi_read.h"
#include "audit.h"
#include "emit_fdt.h"
#include "error.h"
#include "fileio.h"
#include "input.h"
#include "kvm.h"
#include "layout.h"
#include "plan_json.h"
#include "planner.h"
#include "platform.h"
#include "tiers.h"
#include "units.h"
#include "verify.h"

_Static_assert(GICPLAN_KVM_DEV_TYPE_ARM_VGIC_V3 == KVM_DEV_TYPE_ARM_VGIC_V3, "uapi");
_Static_assert(GICPLAN_KVM_DEV_TYPE_ARM_VGIC_ITS == KVM_DEV_TYPE_ARM_VGIC_ITS, "uapi");
_Static_assert(GICPLAN_KVM_DEV_ARM_VGIC_GRP_ADDR == KVM_DEV_ARM_VGIC_GRP_ADDR, "uapi");
_Static_assert(GICPLAN_KVM_DEV_ARM_VGIC_GRP_NR_IRQS == KVM_DEV_ARM_VGIC_GRP_NR_IRQS, "uapi");
_Static_assert(GICPLAN_KVM_DEV_ARM_VGIC_GRP_CTRL == KVM_DEV_ARM_VGIC_GRP_CTRL, "uapi");
_Static_assert(GICPLAN_KVM_DEV_ARM_VGIC_GRP_MAINT_IRQ == KVM_DEV_ARM_VGIC_GRP_MAINT_IRQ, "uapi");
_Static_assert(GICPLAN_PROFILE_ARCH == GIC_PROFILE_ARCH && GICPLAN_PROFILE_KVM == GIC_PROFILE_KVM &&
		       GICPLAN_PROFILE_QEMU == GIC_PROFILE_QEMU, "profiles");
_Static_assert(GICPLAN_CHECK_PASS == GP_CHECK_PASS && GICPLAN_CHECK_WARN == GP_CHECK_WARN &&
		       GICPLAN_CHECK_FAIL == GP_CHECK_FAIL && GICPLAN_CHECK_SKIP == GP_CHECK_SKIP,
	       "check status");
_Static_assert(GICPLAN_AUDIT_ROLLBACK == GP_AUDIT_ROLLBACK &&
		       GICPLAN_AUDIT_ONE_WAY == GP_AUDIT_ONE_WAY &&
		       GICPLAN_AUDIT_IDENTICAL == GP_AUDIT_IDENTICAL, "audit modes");
_Static_assert(GICPLAN_BREAKS_OLD_NEW == GP_BREAKS_OLD_NEW &&
		       GICPLAN_BREAKS_NEW_OLD == GP_BREAKS_NEW_OLD, "audit directions");
_Static_assert(GICPLAN_ERROR_MAX >= GP_ERROR_MSG_MAX, "error message");
_Static_assert(GICPLAN_NAME_MAX >= GP_NAME_MAX * 2, "region names");
_Static_assert(sizeof(((struct gicplan_kvm_attr *)0)->what) >=
		       sizeof(((struct gp_kvm_attr *)0)->what), "KVM attribute text");
_Static_assert(sizeof(GICPLAN_DEFAULT_PLATFORM) == sizeof(GP_DEFAULT_PLATFORM) &&
		       sizeof(GICPLAN_DEFAULT_PLATFORM) <= GICPLAN_NAME_MAX, "default platform");

/* The internal message, the internal exit code and errno-less text as a public code. */
static int code_of(const struct gp_error *e)
{
	switch (e->exit_code) {
	case GP_EXIT_CHECK:
		return GICPLAN_E_CHECK;
	case GP_EXIT_INFEASIBLE:
		return GICPLAN_E_INFEASIBLE;
	default:
		return strstr(e->msg, "out of memory") != NULL ? GICPLAN_E_NOMEM : GICPLAN_E_INPUT;
	}
}

/* Hand an internal error to the caller's record; returns its code. */
int api_pass_on(const struct gp_error *e, struct gicplan_error *err)
{
	int code = code_of(e);

	if (err != NULL) {
		err->code = code;
		snprintf(err->message, sizeof(err->message), "%s", e->msg);
	}
	return code;
}

/* An error of the API itself, in the caller's record. */
int api_fail(struct gicplan_error *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (err != NULL) {
		err->code = code;
		va_start(ap, fmt);
		vsnprintf(err->message, sizeof(err->message), fmt, ap);
		va_end(ap);
	}
	return code;
}

int api_ok(struct gicplan_error *err)
{
	if (err != NULL) {
		err->code = GICPLAN_OK;
		err->message[0] = '\0';
	}
	return GICPLAN_OK;
}

void api_copy_str(char *dst, size_t cap, const char *src)
{
	snprintf(dst, cap, "%s", src);
}

const char *gicplan_version(void)
{
	return GICPLAN_VERSION;
}

const char *gicplan_strerror(int code)
{
	switch (code) {
	case GICPLAN_OK:
		return "success";
	case GICPLAN_E_CHECK:
		return "a check failed";
	case GICPLAN_E_USAGE:
		return "invalid argument";
	case GICPLAN_E_INPUT:
		return "invalid or unreadable input";
	case GICPLAN_E_INFEASIBLE:
		return "no placement holds the request";
	case GICPLAN_E_NOMEM:
		return "out of memory";
	case GICPLAN_E_RANGE:
		return "buffer too small";
	default:
		return "unknown error code";
	}
}

/* ---- Utilities ---- */

_Static_assert(GICPLAN_IPA_BITS_MIN == GP_IPA_BITS_MIN && GICPLAN_IPA_BITS_MAX == GP_IPA_BITS_MAX,
	       "IPA sizes");
_Static_assert(GICPLAN_SPI_GRANULE == GP_SPI_GRANULE && GICPLAN_SPIS_PLAN_MAX == GP_SPIS_PLAN_MAX &&
		       GICPLAN_SPIS_MAX == GP_SPIS_MAX, "SPI counts");
_Static_assert(GICPLAN_SIZE_STR_MAX == GP_SIZE_STR_MAX, "size strings");

int gicplan_spis_valid(uint32_t spis)
{
	return gp_spis_valid(spis);
}

int gicplan_parse_size(const char *s, uint64_t *out)
{
	return s != NULL && out != NULL && gp_parse_u64(s, out) == 0 ? GICPLAN_OK : GICPLAN_E_USAGE;
}

int gicplan_parse_uint(const char *s, uint64_t max, uint64_t *out)
{
	return s != NULL && out != NULL && gp_parse_uint(s, max, out) == 0 ? GICPLAN_OK
									  : GICPLAN_E_USAGE;
}

/* The internal formatters take an unsigned length: a larger buffer is used up to that. */
static unsigned str_cap(size_t cap)
{
	return cap > UINT_MAX ? UINT_MAX : (unsigned)cap;
}

/* A NULL @buf gets nothing (its @cap is not trusted): NULL back. */
const char *gicplan_hex_str(char *buf, size_t cap, uint64_t v)
{
	return buf != NULL ? gp_hex(buf, str_cap(cap), v) : NULL;
}

const char *gicplan_size_str(char *buf, size_t cap, uint64_t v)
{
	return buf != NULL ? gp_size_str(buf, str_cap(cap), v) : NULL;
}

const char *gicplan_size_exact_str(char *buf, size_t cap, uint64_t v)
{
	return buf != NULL ? gp_size_exact_str(buf, str_cap(cap), v) : NULL;
}

/* ---- Platforms ---- */

static int platform_new(struct gicplan_platform **out, struct gicplan_error *err)
{
	*out = malloc(sizeof(**out));
	if (*out == NULL)
		return api_fail(err, GICPLAN_E_NOMEM, "platform: out of memory");
	return GICPLAN_OK;
}

int gicplan_platform_load(const char *name_or_path, struct gicplan_platform **out,
			  struct gicplan_error *err)
{
	struct gp_error e;

	if (out != NULL)
		*out = NULL;
	if (out == NULL || name_or_path == NULL)
		return api_fail(err, GICPLAN_E_USAGE, "gicplan_platform_load: NULL argument");
	if (platform_new(out, err) < 0)
		return GICPLAN_E_NOMEM;
	gp_error_init(&e);
	if (gp_platform_load(name_or_path, &(*out)->p, &e) < 0) {
		free(*out);
		*out = NULL;
		return api_pass_on(&e, err);
	}
	return api_ok(err);
}

int gicplan_platform_from_text(const char *source, const char *text, size_t len,
			       struct gicplan_platform **out, struct gicplan_error *err)
{
	struct gp_error e;

	if (out != NULL)
		*out = NULL;
	if (out == NULL || text == NULL)
		return api_fail(err, GICPLAN_E_USAGE, "gicplan_platform_from_text: NULL argument");
	if (platform_new(out, err) < 0)
		return GICPLAN_E_NOMEM;
	gp_error_init(&e);
	if (gp_platform_parse(source != NULL ? source : "platform text", text, len, &(*out)->p,
			      &e) < 0) {
		free(*out);
		*out = NULL;
		return api_pass_on(&e, err);
	}
	return api_ok(err);
}

const char *gicplan_platform_name(const struct gicplan_platform *p)
{
	return p != NULL ? p->p.name : NULL;
}

void gicplan_platform_free(struct gicplan_platform *p)
{
	free(p);
}

_Static_assert(GICPLAN_TEXT_MAX >= GP_TEXT_MAX, "platform texts");
_Static_assert(GICPLAN_PLATFORMS_MAX == GP_PLATFORMS_MAX, "platform list");

int gicplan_platform_info(const struct gicplan_platform *p, struct gicplan_platform_info *out,
			  struct gicplan_error *err)
{
	const struct gp_platform *q;

	if (p == NULL || out == NULL)
		return api_fail(err, GICPLAN_E_USAGE, "gicplan_platform_info: NULL argument");
	q = &p->p;
	*out = (struct gicplan_platform_info){
		.version = q->version, .gic_versions = q->gic_versions,
		.default_gic_version = q->default_gic_version,
		.v4_needs_virtualization = q->v4_needs_virtualization, .ipa_bits = q->ipa_bits,
		.its = q->its_default, .spis = q->spis, .virtualization = q->virtualization_default,
		.max_cpus = q->max_cpus, .nr_placements = q->nr_placements,
	};
	api_copy_str(out->name, sizeof(out->name), q->name);
	api_copy_str(out->description, sizeof(out->description), q->description);
	api_copy_str(out->source, sizeof(out->source), q->source);
	return api_ok(err);
}

int api_placement_index(const struct gicplan_platform *p, uint32_t i, const char *what,
			struct gicplan_error *err)
{
	if (i >= p->p.nr_placements)
		return api_fail(err, GICPLAN_E_USAGE, "platform %s: %s: no placement %" PRIu32
				" (it has %" PRIu32 ")", p->p.name, what, i, p->p.nr_placements);
	return GICPLAN_OK;
}

int api_fit(const struct gicplan_fit *fit, const char *what, struct gp_fit *out,
	    struct gicplan_error *err)
{
	if ((fit->gic_version != 3 && fit->gic_version != 4) ||
	    fit->ipa_bits < GP_IPA_BITS_MIN || fit->ipa_bits > GP_IPA_BITS_MAX)
		return api_fail(err, GICPLAN_E_USAGE, "%s: GICv%u, %u-bit IPA: a GIC version 3 or 4 "
				"and an IPA size of %u..%u bits", what, fit->gic_version, fit->ipa_bits,
				GP_IPA_BITS_MIN, GP_IPA_BITS_MAX);
	*out = (struct gp_fit){ gp_redist_size(fit->gic_version), fit->ipa_bits, fit->its != 0 };
	return GICPLAN_OK;
}

int gicplan_platform_placement(const struct gicplan_platform *p, uint32_t i,
			       const struct gicplan_fit *fit, struct gicplan_placement *out,
			       struct gicplan_error *err)
{
	struct gp_fit f;
	int rc;

	if (p == NULL || fit == NULL || out == NULL)
		return api_fail(err, GICPLAN_E_USAGE, "gicplan_platform_placement: NULL argument");
	if ((rc = api_placement_index(p, i, "placement", err)) < 0 ||
	    (rc = api_fit(fit, "placement", &f, err)) < 0)
		return rc;
	api_copy_str(out->name, sizeof(out->name), p->p.placements[i].name);
	api_copy_str(out->summary, sizeof(out->summary), p->p.placements[i].summary);
	out->capacity = gp_placement_capacity(&p->p.placements[i], &f);
	gp_tier_range(&p->p, i, &f, &out->min_cpus, &out->max_cpus);
	return api_ok(err);
}

int gicplan_platforms_list(char (*names)[GICPLAN_NAME_MAX], size_t max, size_t *n,
			   struct gicplan_error *err)
{
	char (*own)[GP_NAME_MAX];
	struct gp_error e;
	int got;

	if ((names == NULL && max > 0) || n == NULL)
		return api_fail(err, GICPLAN_E_USAGE, "gicplan_platforms_list: NULL argument");
	*n = 0;
	/* All of them, sorted, then the first @max: a short array gets the first names. */
	own = calloc(GP_PLATFORMS_MAX, sizeof(*own));
	if (own == NULL)
		return api_fail(err, GICPLAN_E_NOMEM, "platforms: out of memory");
	gp_error_init(&e);
	got = gp_platform_list(own, GP_PLATFORMS_MAX, &e);
	if (got < 0) {
		free(own);
		return api_pass_on(&e, err);
	}
	if ((size_t)got > max)
		got = (int)max;
	for (int i = 0; i < got; i++)
		api_copy_str(names[i], GICPLAN_NAME_MAX, own[i]);
	free(own);
	*n = (size_t)got;
	return api_ok(err);
}

/* ---- Plans ---- */

int api_request(const struct gicplan_request *req, struct gp_request *out,
		struct gicplan_error *err)
{
	if (req->max_cpus == 0)
		return api_fail(err, GICPLAN_E_USAGE, "request: max_cpus: 0 (at least one vCPU)");
	*out = (struct gp_request){ .cpus = req->max_cpus,
				    .gic_version = req->gic_version,
				    .its = req->its < 0 ? -1 : req->its != 0,
				    .ipa_bits = req->ipa_bits,
				    .spis = req->spis,
				    .ram_size = req->ram_size,
				    .virtualization = req->virtualization < 0
							      ? -1
							      : req->virtualization != 0 };
	return GICPLAN_OK;
}

void gicplan_request_init(struct gicplan_request *req)
{
	if (req != NULL)
		*req = (struct gicplan_request){ .its = -1, .virtualization = -1 };
}

int gicplan_plan_make(const struct gicplan_platform *p, const struct gicplan_request *req,
		      struct gicplan_plan **out, struct gicplan_error *err)
{
	struct gp_request r;
	struct gp_error e;

	if (out != NULL)
		*out = NULL;
	if (p == NULL || req == NULL || out == NULL)
		return api_fail(err, GICPLAN_E_USAGE, "gicplan_plan_make: NULL argument");
	if (api_request(req, &r, err) < 0)
		return GICPLAN_E_USAGE;
	*out = malloc(sizeof(**out));
	if (*out == NULL)
		return api_fail(err, GICPLAN_E_NOMEM, "plan: out of memory");
	gp_error_init(&e);
	if (gp_plan_make(&p->p, &r, &(*out)->plan, &e) < 0) {
		free(*out);
		*out = NULL;
		return api_pass_on(&e, err);
	}
	return api_ok(err);
}

void gicplan_plan_free(struct gicplan_plan *plan)
{
	free(plan);
}

int gicplan_plan_info(const struct gicplan_plan *plan, struct gicplan_plan_info *out,
		      struct gicplan_error *err)
{
	const struct gp_plan *pl;

	if (plan == NULL || out == NULL)
		return api_fail(err, GICPLAN_E_USAGE, "gicplan_plan_info: NULL argument");
	pl = &plan->plan;
	memset(out, 0, sizeof(*out));
	api_copy_str(out->platform, sizeof(out->platform), pl->platform);
	api_copy_str(out->tier, sizeof(out->tier), pl->tier);
	out->max_cpus = pl->req.cpus;
	out->gic_version = pl->req.gic_version;
	out->ipa_bits = pl->ipa_bits;
	out->spis = pl->req.spis;
	out->virtualization = pl->req.virtualization > 0;
	out->ram_base = pl->board.ram.base;
	out->ram_size = pl->board.ram.size;
	out->gicd_base = pl->gicd.base;
	out->gicd_size = pl->gicd.size;
	out->has_its = pl->has_its;
	out->its_base = pl->has_its ? pl->its.base : 0;
	out->its_size = pl->has_its ? pl->its.size : 0;
	out->redist_size = pl->redist_size;
	out->nr_redist_regions = pl->nr_redist;
	return api_ok(err);
}

struct gp_region *api_plan_regions(const struct gicplan_plan *plan, size_t *n)
{
	struct gp_region *all;

	*n = gp_plan_regions(&plan->plan, NULL, 0);
	all = calloc(*n > 0 ? *n : 1, sizeof(*all));
	if (all != NULL)
		*n = gp_plan_regions(&plan->plan, all, *n);
	return all;
}

size_t gicplan_plan_regions(const struct gicplan_plan *plan, struct gicplan_region *out,
			    size_t max)
{
	struct gp_region *all;
	size_t n;

	if (plan == NULL)
		return 0;
	if (out == NULL || max == 0)
		return gp_plan_regions(&plan->plan, NULL, 0);
	if ((all = api_plan_regions(plan, &n)) == NULL)
		return 0;
	for (size_t i = 0; i < n && i < max; i++) {
		api_copy_str(out[i].name, sizeof(out[i].name), all[i].name);
		out[i].base = all[i].base;
		out[i].size = all[i].size;
	}
	free(all);
	return n;
}

size_t gicplan_plan_redist_regions(const struct gicplan_plan *plan,
				   struct gicplan_redist_region *out, size_t max)
{
	if (plan == NULL)
		return 0;
	for (uint32_t i = 0; out != NULL && i < plan->plan.nr_redist && i < max; i++) {
		const struct gp_redist_region *r = &plan->plan.redist[i];

		out[i] = (struct gicplan_redist_region){ .index = i,
							 .base = r->base,
							 .size = r->reg_size,
							 .window = r->window,
							 .first_cpu = r->first_cpu,
							 .count = r->count,
							 .capacity = r->capacity };
	}
	return plan->plan.nr_redist;
}

int gicplan_plan_vcpu(const struct gicplan_plan *plan, uint64_t cpu, struct gicplan_vcpu *out,
		      struct gicplan_error *err)
{
	const struct gp_plan *pl;

	if (plan == NULL || out == NULL)
		return api_fail(err, GICPLAN_E_USAGE, "gicplan_plan_vcpu: NULL argument");
	pl = &plan->plan;
	for (uint32_t i = 0; i < pl->nr_redist; i++) {
		const struct gp_redist_region *r = &pl->redist[i];

		if (cpu >= r->first_cpu && cpu - r->first_cpu < r->count) {
			out->mpidr = gp_cpu_mpidr(&pl->board, cpu);
			out->redist_base = r->base + (cpu - r->first_cpu) * pl->redist_size;
			out->redist_region = i;
			return api_ok(err);
		}
	}
	if (pl->req.cpus == 0)
		return api_fail(err, GICPLAN_E_USAGE, "vCPU %llu: the plan places no vCPU (a preview)",
				(unsigned long long)cpu);
	return api_fail(err, GICPLAN_E_USAGE, "vCPU %llu: the plan has vCPUs 0 to %llu",
		    (unsigned long long)cpu, (unsigned long long)(pl->req.cpus - 1));
}

size_t gicplan_plan_devices(const struct gicplan_plan *plan, struct gicplan_device *out,
			    size_t max)
{
	const struct gp_board *b;

	if (plan == NULL)
		return 0;
	b = &plan->plan.board;
	for (uint32_t i = 0; out != NULL && i < b->nr_devices && i < max; i++) {
		const struct gp_device *d = &b->devices[i];

		memset(&out[i], 0, sizeof(out[i]));
		api_copy_str(out[i].name, sizeof(out[i].name), d->name);
		api_copy_str(out[i].type, sizeof(out[i].type), gp_dev_types[d->type].name);
		out[i].base = d->win[0].base;
		out[i].size = d->win[0].size;
		out[i].count = d->count;
		out[i].has_irq = d->has_spi;
		out[i].spi = d->has_spi ? d->spi : 0;
		out[i].nr_spis = d->has_spi ? gp_device_spi_count(d) : 0;
		out[i].trigger = d->trigger == GP_TRIGGER_EDGE ? GICPLAN_TRIGGER_EDGE
							       : GICPLAN_TRIGGER_LEVEL;
	}
	return b->nr_devices;
}

/* ---- KVM ---- */

int gicplan_plan_kvm_attrs(const struct gicplan_plan *plan, struct gicplan_kvm_attr *out,
			   size_t max, size_t *n, struct gicplan_error *err)
{
	struct gp_kvm_list l = { 0 };
	struct gp_error e;

	if (plan == NULL || n == NULL)
		return api_fail(err, GICPLAN_E_USAGE, "gicplan_plan_kvm_attrs: NULL argument");
	*n = 0;
	gp_error_init(&e);
	if (gp_kvm_attrs_of_plan(&plan->plan, &l, &e) < 0)
		return api_pass_on(&e, err);
	*n = l.n;
	if (out == NULL || max < l.n) {
		gp_kvm_free(&l);
		return api_fail(err, GICPLAN_E_RANGE, "KVM attributes: %zu entries, room for %zu",
			    *n, out == NULL ? (size_t)0 : max);
	}
	for (size_t i = 0; i < l.n; i++) {
		const struct gp_kvm_attr *a = &l.attrs[i];

		out[i] = (struct gicplan_kvm_attr){ .device = a->device,
						    .instance = a->instance,
						    .group = a->group,
						    .attr = a->attr,
						    .has_value = a->has_value,
						    .value = a->value };
		api_copy_str(out[i].what, sizeof(out[i].what), a->what);
	}
	gp_kvm_free(&l);
	return api_ok(err);
}

/* ---- Outputs ---- */

/* Copy @len bytes of @data into @buf when it holds them (with a NUL when @nul). */
static int give(const void *data, size_t len, bool nul, void *buf, size_t cap, size_t *lenp,
		const char *what, struct gicplan_error *err)
{
	*lenp = len;
	if (buf == NULL || cap < len + nul)
		return api_fail(err, GICPLAN_E_RANGE, "%s: %zu bytes, room for %zu", what,
			    len + nul, buf == NULL ? (size_t)0 : cap);
	memcpy(buf, data, len);
	if (nul)
		((char *)buf)[len] = '\0';
	return api_ok(err);
}

int gicplan_plan_dtb(const struct gicplan_plan *plan, void *buf, size_t cap, size_t *len,
		     struct gicplan_error *err)
{
	struct gp_error e;
	void *blob = NULL;
	size_t blob_len = 0;
	int rc;

	if (plan == NULL || len == NULL)
		return api_fail(err, GICPLAN_E_USAGE, "gicplan_plan_dtb: NULL argument");
	*len = 0;
	gp_error_init(&e);
	if (gp_emit_fdt(&plan->plan, &blob, &blob_len, &e) < 0)
		return api_pass_on(&e, err);
	rc = give(blob, blob_len, false, buf, cap, len, "device tree", err);
	free(blob);
	return rc;
}

int gicplan_plan_json(const struct gicplan_plan *plan, char *buf, size_t cap, size_t *len,
		      struct gicplan_error *err)
{
	json_t *root;
	char *text;
	size_t text_len = 0;
	int rc;

	if (plan == NULL || len == NULL)
		return api_fail(err, GICPLAN_E_USAGE, "gicplan_plan_json: NULL argument");
	*len = 0;
	root = gp_plan_to_json(&plan->plan);
	text = root != NULL ? gp_json_dump(root, &text_len) : NULL;
	json_decref(root);
	if (text == NULL)
		return api_fail(err, GICPLAN_E_NOMEM, "plan file: out of memory");
	/* The size asked for includes the NUL: *len is the text's. */
	rc = give(text, text_len, true, buf, cap, len, "plan file", err);
	free(text);
	return rc;
}

int gicplan_plan_write_dtb(const struct gicplan_plan *plan, const char *path,
			   struct gicplan_error *err)
{
	struct gp_error e;
	void *blob = NULL;
	size_t blob_len = 0;
	int rc = GICPLAN_OK;

	if (plan == NULL || path == NULL)
		return api_fail(err, GICPLAN_E_USAGE, "gicplan_plan_write_dtb: NULL argument");
	gp_error_init(&e);
	if (gp_emit_fdt(&plan->plan, &blob, &blob_len, &e) < 0 ||
	    gp_write_outputs(&(struct gp_output){ path, blob, blob_len }, 1, &e) < 0)
		rc = api_pass_on(&e, err);
	else
		api_ok(err);
	free(blob);
	return rc;
}

/* ---- Inputs ---- */

static int input_new(struct gicplan_input **out, struct gicplan_error *err)
{
	*out = calloc(1, sizeof(**out));
	if (*out == NULL)
		return api_fail(err, GICPLAN_E_NOMEM, "input: out of memory");
	return GICPLAN_OK;
}

int gicplan_input_load(const char *path, const struct gicplan_input_options *o,
		       struct gicplan_input **out, struct gicplan_error *err)
{
	struct gp_input_options io = { 0 };
	struct gp_error e;

	if (out != NULL)
		*out = NULL;
	if (path == NULL || out == NULL)
		return api_fail(err, GICPLAN_E_USAGE, "gicplan_input_load: NULL argument");
	if (o != NULL)
		io = (struct gp_input_options){ o->gic_version, o->spis, o->ipa_bits };
	if (input_new(out, err) < 0)
		return GICPLAN_E_NOMEM;
	(*out)->asked = io;
	gp_error_init(&e);
	if (gp_input_load(path, &io, &(*out)->in, &e) < 0) {
		gicplan_input_free(*out);
		*out = NULL;
		return api_pass_on(&e, err);
	}
	return api_ok(err);
}

int gicplan_input_from_plan(const struct gicplan_plan *plan, struct gicplan_input **out,
			    struct gicplan_error *err)
{
	struct gp_input_options io = { 0 };
	struct gp_error e;
	void *blob = NULL;
	size_t blob_len = 0;

	if (out != NULL)
		*out = NULL;
	if (plan == NULL || out == NULL)
		return api_fail(err, GICPLAN_E_USAGE, "gicplan_input_from_plan: NULL argument");
	if (input_new(out, err) < 0)
		return GICPLAN_E_NOMEM;
	gp_error_init(&e);
	/* The blob is the input's from here on, even when reading it back fails. */
	if (gp_emit_fdt(&plan->plan, &blob, &blob_len, &e) < 0 ||
	    gp_input_from_plan(&plan->plan, blob, blob_len, &io, &(*out)->in, &e) < 0) {
		gicplan_input_free(*out);
		*out = NULL;
		return api_pass_on(&e, err);
	}
	return api_ok(err);
}

void gicplan_input_free(struct gicplan_input *in)
{
	if (in == NULL)
		return;
	gp_input_free(&in->in);
	free(in);
}

/* ---- verify ---- */

const char *api_input_name(const struct gicplan_input *in)
{
	return in->in.path[0] != '\0' ? in->in.path : "the plan's tree";
}

int api_profile(int profile, const char *qemu_machine, const char *what, uint32_t *machine,
		struct gicplan_error *err)
{
	*machine = 0;
	if (profile < 0 || profile >= GIC_PROFILE_COUNT)
		return api_fail(err, GICPLAN_E_USAGE, "%s: profile %d unknown", what, profile);
	if (qemu_machine == NULL)
		return GICPLAN_OK;
	if (profile != GIC_PROFILE_QEMU)
		return api_fail(err, GICPLAN_E_USAGE, "%s: QEMU machine type \"%s\" with the %s "
				"profile (it is the QEMU profile's)", what, qemu_machine,
				gic_profile_name((enum gic_profile)profile));
	if (!gp_qemu_machine_parse(qemu_machine, machine))
		return api_fail(err, GICPLAN_E_USAGE, "%s: \"%s\" is not a QEMU virt machine type "
				"(virt-2.6 .. virt-7.2, or virt)", what, qemu_machine);
	return GICPLAN_OK;
}

int gicplan_verify(const struct gicplan_input *in, const struct gicplan_verify_options *o,
		   struct gicplan_report **out, struct gicplan_error *err)
{
	struct gp_verify_options vo;
	struct gp_error e;
	struct gp_verify_result *r;
	struct gp_vgic v;

	if (out != NULL)
		*out = NULL;
	if (in == NULL || out == NULL)
		return api_fail(err, GICPLAN_E_USAGE, "gicplan_verify: NULL argument");
	if (api_verify_options(o, in->in.ipa_bits, &vo, err) < 0)
		return GICPLAN_E_USAGE;
	*out = malloc(sizeof(**out));
	if (*out == NULL)
		return api_fail(err, GICPLAN_E_NOMEM, "verify: out of memory");
	r = &(*out)->r;
	gp_error_init(&e);
	/*
	 * The VGIC as the profile's GIC sets it up (QEMU's: the machine type asked),
	 * as the verify command does; a shallow copy, so that @in stays as given.
	 */
	v = in->in.v;
	gp_vgic_set_qemu_machine(&v, vo.profile, vo.qemu_machine);
	if (gp_verify(&in->in.m, &v, &vo, r, &e) < 0) {
		free(*out);
		*out = NULL;
		return api_pass_on(&e, err);
	}
	snprintf(r->version_note, sizeof(r->version_note), "%s", in->in.version_note);
	r->nr_assumptions = in->in.nr_assumptions;
	memcpy(r->assumptions, in->in.assumptions, sizeof(r->assumptions));
	if (in->in.acpi != NULL && in->in.acpi->failed)
		r->failed = true;
	if (!r->failed)
		return api_ok(err);
	for (int i = 0; i < GP_CHECKS; i++) {
		const struct gp_check *c = &r->checks[i];

		if (c->status == GP_CHECK_FAIL || (vo.strict && c->status == GP_CHECK_WARN))
			return api_fail(err, GICPLAN_E_CHECK, "%s: %s: %s", api_input_name(in), c->name,
				    c->detail);
	}
	return api_fail(err, GICPLAN_E_CHECK, "%s: its ACPI tables fail their checks",
		    api_input_name(in));
}

size_t gicplan_report_checks(const struct gicplan_report *r)
{
	return r != NULL ? GP_CHECKS : 0;
}

void api_check_out(const struct gp_check *k, const char *name, struct gicplan_check *out)
{
	memset(out, 0, sizeof(*out));
	api_copy_str(out->name, sizeof(out->name), k->name != NULL ? k->name : name);
	out->status = (int)k->status;
	out->count = k->count;
	out->offences = k->offences;
	api_copy_str(out->detail, sizeof(out->detail), k->detail);
}

int gicplan_report_check(const struct gicplan_report *r, size_t i, struct gicplan_check *out,
			 struct gicplan_error *err)
{
	const struct gp_check *c;

	if (r == NULL || out == NULL)
		return api_fail(err, GICPLAN_E_USAGE, "gicplan_report_check: NULL argument");
	if (i >= GP_CHECKS)
		return api_fail(err, GICPLAN_E_USAGE, "check %zu: the report has checks 0 to %d", i,
			    GP_CHECKS - 1);
	c = &r->r.checks[i];
	api_check_out(c, gp_check_name(i), out);
	return api_ok(err);
}

int gicplan_report_failed(const struct gicplan_report *r)
{
	return r != NULL && r->r.failed;
}

void gicplan_report_free(struct gicplan_report *r)
{
	free(r);
}

/* ---- audit ---- */

/*
 * What pairing revises a tree of @old and @new with: what the caller loaded
 * that tree with (a tree compared with a plan; of two trees, the one whose
 * GIC version was only assumed).
 */
static const struct gp_input_options *pair_options(const struct gicplan_input *old,
						   const struct gicplan_input *new_)
{
	if (old->in.is_plan)
		return &new_->asked;
	if (new_->in.is_plan)
		return &old->asked;
	return old->in.version_assumed && !new_->in.version_assumed ? &old->asked : &new_->asked;
}

int gicplan_audit(struct gicplan_input *old, struct gicplan_input *new_,
		  const struct gicplan_audit_options *o, struct gicplan_audit **out,
		  struct gicplan_error *err)
{
	struct gp_audit_options ao = gp_audit_defaults();
	struct gp_error e;
	uint32_t machine;

	if (out != NULL)
		*out = NULL;
	if (old == NULL || new_ == NULL || out == NULL)
		return api_fail(err, GICPLAN_E_USAGE, "gicplan_audit: NULL argument");
	if (o != NULL) {
		if (o->mode < GICPLAN_AUDIT_ROLLBACK || o->mode > GICPLAN_AUDIT_IDENTICAL)
			return api_fail(err, GICPLAN_E_USAGE, "audit options: mode %d unknown", o->mode);
		if (api_profile(o->profile, NULL, "audit options", &machine, err) < 0)
			return GICPLAN_E_USAGE;
		if (o->vmm < GICPLAN_VMM_UNKNOWN || o->vmm > GICPLAN_VMM_MAX_CPUS)
			return api_fail(err, GICPLAN_E_USAGE, "audit options: vmm %d unknown", o->vmm);
		ao.mode = (enum gp_audit_mode)o->mode;
		ao.profile = (enum gic_profile)o->profile;
		ao.gic_state = (enum gp_gic_state_rule)o->vmm;
		ao.gic_state_from = o->vmm_from;
	}
	gp_error_init(&e);
	if (gp_input_pair(&old->in, &new_->in, pair_options(old, new_), &e) < 0)
		return api_pass_on(&e, err);
	return api_audit_run(&old->in, &new_->in, &ao, out, err);
}

int api_audit_run(const struct gp_input *old, const struct gp_input *new_,
		  const struct gp_audit_options *ao, struct gicplan_audit **out,
		  struct gicplan_error *err)
{
	struct gp_error e;

	*out = calloc(1, sizeof(**out));
	if (*out == NULL)
		return api_fail(err, GICPLAN_E_NOMEM, "audit: out of memory");
	gp_error_init(&e);
	if (gp_audit_with(old, new_, ao, &(*out)->a, &e) < 0) {
		gicplan_audit_free(*out);
		*out = NULL;
		return api_pass_on(&e, err);
	}
	if (!(*out)->a.breaks)
		return api_ok(err);
	for (size_t i = 0; i < (*out)->a.n; i++) {
		const struct gp_diff *d = &(*out)->a.diffs[i];

		if (d->verdict == GP_VERDICT_BREAKS)
			return api_fail(err, GICPLAN_E_CHECK, "audit (%s): %s: %s -> %s: %s",
					gp_audit_mode_name(ao->mode), d->what, d->old, d->new, d->why);
	}
	return api_fail(err, GICPLAN_E_CHECK, "audit (%s): the machines differ",
			gp_audit_mode_name(ao->mode));
}

size_t gicplan_audit_diffs(const struct gicplan_audit *a)
{
	return a != NULL ? a->a.n : 0;
}

int gicplan_audit_diff(const struct gicplan_audit *a, size_t i, struct gicplan_diff *out,
		       struct gicplan_error *err)
{
	const struct gp_diff *d;

	if (a == NULL || out == NULL)
		return api_fail(err, GICPLAN_E_USAGE, "gicplan_audit_diff: NULL argument");
	if (i >= a->a.n)
		return api_fail(err, GICPLAN_E_USAGE, "difference %zu: the audit found %zu", i, a->a.n);
	d = &a->a.diffs[i];
	memset(out, 0, sizeof(*out));
	out->breaks_mode = d->verdict == GP_VERDICT_BREAKS;
	out->breaks = d->breaks;
	api_copy_str(out->what, sizeof(out->what), d->what);
	api_copy_str(out->old_value, sizeof(out->old_value), d->old);
	api_copy_str(out->new_value, sizeof(out->new_value), d->new);
	api_copy_str(out->why, sizeof(out->why), d->why);
	return api_ok(err);
}

int gicplan_audit_breaks(const struct gicplan_audit *a)
{
	return a != NULL && a->a.breaks;
}

void gicplan_audit_free(struct gicplan_audit *a)
{
	if (a == NULL)
		return;
	gp_audit_free(&a->a);
	free(a);
}
