/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: any bytes as a layout file, parsed strictly, then planned
 * for a few vCPU counts, emitted and read back. Nothing may crash or leak.
 */
#include <stdint.h>
#include <stdlib.h>

#include "dt_reader.h"
#include "emit_fdt.h"
#include "planner.h"
#include "platform.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const uint64_t counts[] = { 1, 17, 128, 1020 };
	struct gp_platform *p = malloc(sizeof(*p));
	struct gp_plan *plan = malloc(sizeof(*plan));
	struct gp_error err;

	gp_error_init(&err);
	if (p != NULL && plan != NULL &&
	    gp_platform_parse("fuzz.json", (const char *)data, size, p, &err) == 0) {
		for (size_t i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
			struct gp_request req = { .cpus = counts[i], .its = -1, .virtualization = -1 };
			struct gp_machine m;
			void *blob;
			size_t len;

			gp_error_init(&err);
			if (gp_plan_make(p, &req, plan, &err) < 0 ||
			    gp_emit_fdt(plan, &blob, &len, &err) < 0)
				continue;
			gp_dt_read(blob, len, "emitted", &m, &err);
			gp_machine_free(&m);
			free(blob);
		}
	}
	free(plan);
	free(p);
	return 0;
}
