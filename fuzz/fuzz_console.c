/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: any bytes as MMIO console lines, run against GICs of each
 * profile (8 vCPUs in two redistributor regions, GICv3; GICv4 where the
 * profile shows one). Nothing may crash; every line gets at most one answer.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "console.h"
#include "gic_emul.h"

#define FUZZ_CPUS 8
#define FUZZ_IRQS 288
#define FUZZ_GICD 0x8000000u
#define FUZZ_REGION0 0x80a0000u
#define FUZZ_REGION1 0x4000000000ull
#define FUZZ_REGION0_CPUS 5

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct gic *make_gic(enum gic_profile profile, unsigned version)
{
	struct gic_config cfg = { .version = version, .profile = profile, .nr_cpus = FUZZ_CPUS,
				  .nr_irqs = FUZZ_IRQS, .lpis = true };
	struct gic *g = gic_create(&cfg, NULL);

	if (g == NULL)
		return NULL;
	if (gic_set_dist_base(g, FUZZ_GICD) != 0 ||
	    gic_add_redist_region(g, FUZZ_REGION0, FUZZ_REGION0_CPUS) != 0 ||
	    gic_add_redist_region(g, FUZZ_REGION1, FUZZ_CPUS - FUZZ_REGION0_CPUS) != 0 ||
	    gic_init(g) != 0) {
		gic_destroy(g);
		return NULL;
	}
	return g;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const struct {
		enum gic_profile profile;
		unsigned version;
	} gics[] = { { GIC_PROFILE_ARCH, 3 }, { GIC_PROFILE_ARCH, 4 }, { GIC_PROFILE_KVM, 3 },
		     { GIC_PROFILE_QEMU, 4 } };
	char reply[GP_CONSOLE_REPLY_MAX];

	for (size_t k = 0; k < sizeof(gics) / sizeof(gics[0]); k++) {
		struct gic *g = make_gic(gics[k].profile, gics[k].version);
		struct gp_console con = { .g = g };
		size_t start = 0;

		if (g == NULL)
			continue;
		for (size_t i = 0; i <= size; i++)
			if (i == size || data[i] == '\n') {
				gp_console_exec(&con, (const char *)data + start, i - start, reply,
						sizeof(reply));
				start = i + 1;
			}
		gic_destroy(g);
	}
	return 0;
}
