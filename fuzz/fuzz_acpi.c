/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: any bytes as ACPI tables: a MADT, and what follows its
 * length (when anything does) as an IORT, each checksum set so that mutations
 * reach the structures (the checksum check itself is one compare). Read, then
 * proven as verify proves
 * tables: the VGIC a VMM builds for them, verify's checks and the ACPI
 * checks. Nothing may crash, hang or leak.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "acpi_read.h"
#include "acpi_tables.h"
#include "verify.h"
#include "vgic.h"

/* Keep each input fast: verify is linear in vCPUs, default coverage. */
#define FUZZ_MAX_CPUS 256
#define FUZZ_SPIS 256
#define FUZZ_IPA_BITS 40

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Make the @len-byte table at @t sum to 0. */
static void fix_checksum(uint8_t *t, size_t len)
{
	if (len > ACPI_HDR_CHECKSUM) {
		t[ACPI_HDR_CHECKSUM] = 0;
		t[ACPI_HDR_CHECKSUM] = (uint8_t)(0u - acpi_sum(t, len));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *in, size_t size)
{
	uint8_t *data = malloc(size ? size : 1);
	size_t madt_len = size;
	struct gp_acpi_blob madt, iort;
	struct gp_acpi_result *r = calloc(1, sizeof(*r));
	struct gp_machine m = { 0 };
	struct gp_vgic v = { 0 };
	struct gp_error err;

	if (r == NULL || data == NULL) {
		free(r);
		free(data);
		return 0;
	}
	memcpy(data, in, size);
	if (size >= ACPI_HDR_LENGTH + 4 && acpi_get(data + ACPI_HDR_LENGTH, 4) < size)
		madt_len = (size_t)acpi_get(data + ACPI_HDR_LENGTH, 4);
	fix_checksum(data, madt_len);
	fix_checksum(data + madt_len, size - madt_len);
	madt = (struct gp_acpi_blob){ "fuzz-apic.dat", data, madt_len };
	iort = (struct gp_acpi_blob){ "fuzz-iort.dat", data + madt_len, size - madt_len };
	gp_error_init(&err);
	if (gp_acpi_read(&madt, madt_len < size ? &iort : NULL, &m, r, &err) == 0 &&
	    m.nr_cpus <= FUZZ_MAX_CPUS &&
	    gp_vgic_from_machine(&m, r->gicd_version == 4 ? 4 : 3, FUZZ_SPIS, &v, &err) == 0) {
		struct gp_verify_options o = { .profile = GIC_PROFILE_ARCH,
					       .ipa_bits = FUZZ_IPA_BITS };
		struct gp_verify_result *vr = malloc(sizeof(*vr));

		gp_acpi_check(&v, madt.data, madt.len, madt_len < size ? iort.data : NULL,
			      iort.len, r);
		if (vr != NULL)
			gp_verify(&m, &v, &o, vr, &err);
		free(vr);
	}
	gp_vgic_free(&v);
	gp_machine_free(&m);
	gp_acpi_result_free(r);
	free(data);
	return 0;
}
