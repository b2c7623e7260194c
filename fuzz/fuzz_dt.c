/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: any bytes as a device tree, read (gp_fdt_check first),
 * then verified against the VGIC a VMM would build for it, then audited
 * against itself. Nothing may crash, hang or leak; and a blob the one-pass
 * check accepts must be one libfdt's fdt_check_full accepts (else abort).
 */
#include <libfdt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "dt_reader.h"
#include "fdt_check.h"
#include "verify.h"
#include "vgic.h"

/* Keep each input fast: verify is linear in vCPUs, default coverage. */
#define FUZZ_MAX_CPUS 256
#define FUZZ_SPIS 256
#define FUZZ_IPA_BITS 40

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* libfdt wants an 8-byte aligned blob: malloc gives one. */
	void *blob = malloc(size ? size : 1);
	struct gp_input in;
	struct gp_error err;

	if (blob == NULL)
		return 0;
	memcpy(blob, data, size);
	if (gp_fdt_plainly_valid(blob, size) && fdt_check_full(blob, size) != 0)
		abort();
	memset(&in, 0, sizeof(in));
	gp_error_init(&err);
	if (gp_dt_read(blob, size, "fuzz.dtb", &in.m, &err) == 0 && in.m.nr_cpus <= FUZZ_MAX_CPUS) {
		unsigned version = gp_vgic_infer_version(&in.m, 0, in.version_note,
							 sizeof(in.version_note),
							 &in.version_assumed);

		if (gp_vgic_from_machine(&in.m, version, FUZZ_SPIS, &in.v, &err) == 0) {
			struct gp_verify_options o = { .profile = GIC_PROFILE_ARCH,
						       .ipa_bits = FUZZ_IPA_BITS };
			struct gp_verify_result *r = malloc(sizeof(*r));
			struct gp_audit a;

			if (r != NULL)
				gp_verify(&in.m, &in.v, &o, r, &err);
			free(r);
			if (gp_audit(&in, &in, &a, &err) == 0)
				gp_audit_free(&a);
		}
	}
	gp_input_free(&in);
	free(blob);
	return 0;
}
