/* SPDX-License-Identifier: MIT */
/*
 * Inside libgicplan's API: what each public handle holds, and how the API's
 * files (api*.c) hand errors to the caller's struct gicplan_error.
 */
#ifndef GP_API_H
#define GP_API_H

#include "gicplan.h"

#include "audit.h"
#include "error.h"
#include "input.h"
#include "layout.h"
#include "platform.h"
#include "verify.h"

struct gicplan_platform {
	struct gp_platform p;
};

struct gicplan_plan {
	struct gp_plan plan;
};

struct gicplan_input {
	struct gp_input in;
	struct gp_input_options asked; /* what the caller said at load: pairing keeps it */
};

struct gicplan_report {
	struct gp_verify_result r;
};

struct gicplan_audit {
	struct gp_audit a;
};

/* Hand an internal error to the caller's record; returns its public code. */
int api_pass_on(const struct gp_error *e, struct gicplan_error *err);

/* An error of the API itself, in the caller's record; returns @code. */
int api_fail(struct gicplan_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Success: the caller's record cleared; returns GICPLAN_OK. */
int api_ok(struct gicplan_error *err);

/*
 * The planner's request of public request @req, as gicplan_plan_make and
 * gicplan_plan_make_compat read it; GICPLAN_E_USAGE for max_cpus 0.
 */
int api_request(const struct gicplan_request *req, struct gp_request *out,
		struct gicplan_error *err);

/* GICPLAN_OK when @p has placement @i, else GICPLAN_E_USAGE naming @what was asked. */
int api_placement_index(const struct gicplan_platform *p, uint32_t i, const char *what,
			struct gicplan_error *err);

/*
 * @fit as the planner's struct gp_fit into @out, or GICPLAN_E_USAGE naming
 * @what was asked when its GIC version or IPA size is out of range.
 */
int api_fit(const struct gicplan_fit *fit, const char *what, struct gp_fit *out,
	    struct gicplan_error *err);

/*
 * The internal options of public verify options @o (NULL: the defaults), the
 * QEMU machine type parsed; @ipa_bits when @o leaves it 0. Errors:
 * GICPLAN_E_USAGE for an unknown profile or machine type (api_verify.c).
 */
int api_verify_options(const struct gicplan_verify_options *o, unsigned ipa_bits,
		       struct gp_verify_options *out, struct gicplan_error *err);

/* Every region of @plan (gp_plan_regions), *@n of them, in memory the caller frees; NULL when out of memory. */
struct gp_region *api_plan_regions(const struct gicplan_plan *plan, size_t *n);

/*
 * Audit @old against @new_ with @ao into a new public handle *@out: 0 when
 * compatible, GICPLAN_E_CHECK naming the first breaking difference (*@out
 * the caller's in both cases); other errors leave *@out NULL.
 */
int api_audit_run(const struct gp_input *old, const struct gp_input *new_,
		  const struct gp_audit_options *ao, struct gicplan_audit **out,
		  struct gicplan_error *err);

/* Check @k as the public record @out; @name when @k carries none. */
void api_check_out(const struct gp_check *k, const char *name, struct gicplan_check *out);

/* What input @in is called in messages: its file, or the plan it came from. */
const char *api_input_name(const struct gicplan_input *in);

/*
 * Check a GICPLAN_PROFILE_* and, for the QEMU profile only, a QEMU machine
 * type by name (NULL: the latest) into *@machine; GICPLAN_E_USAGE naming
 * @what was given otherwise.
 */
int api_profile(int profile, const char *qemu_machine, const char *what, uint32_t *machine,
		struct gicplan_error *err);

/* @src into @dst of @cap bytes, cut to fit. */
void api_copy_str(char *dst, size_t cap, const char *src);

#endif
