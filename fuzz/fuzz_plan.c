/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: any bytes as a plan file, read strictly; a plan that
 * loads is emitted, read back and verified. Nothing may crash or leak.
 */
#include <stdint.h>
#include <stdlib.h>

#include "emit_fdt.h"
#include "input.h"
#include "plan_json.h"
#include "verify.h"

#define FUZZ_MAX_CPUS 256

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gp_plan *plan = malloc(sizeof(*plan));
	struct gp_error err;
	struct gp_input in = { 0 };

	gp_error_init(&err);
	if (plan != NULL && gp_plan_from_json("fuzz.json", (const char *)data, size, plan, &err) == 0 &&
	    plan->req.cpus <= FUZZ_MAX_CPUS) {
		void *blob;
		size_t len;

		if (gp_emit_fdt(plan, &blob, &len, &err) == 0 &&
		    gp_input_from_plan(plan, blob, len, &(struct gp_input_options){ 0 }, &in,
				       &err) == 0) {
			struct gp_verify_options o = { .profile = GIC_PROFILE_ARCH,
						       .ipa_bits = in.ipa_bits };
			struct gp_verify_result *r = malloc(sizeof(*r));

			if (r != NULL)
				gp_verify(&in.m, &in.v, &o, r, &err);
			free(r);
		}
	}
	gp_input_free(&in);
	free(plan);
	return 0;
}
