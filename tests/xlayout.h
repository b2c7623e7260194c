/* SPDX-License-Identifier: MIT */
/*
 * The tests' own reading of layout-file numbers, independent of gicplan's
 * (src/units.c), so that expectations are not computed by the code under test.
 */
#ifndef GP_TEST_XLAYOUT_H
#define GP_TEST_XLAYOUT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "layout.h"

/* "0x40_0000_0000", "134217728", "16MiB", "64K" or a JSON integer; fails the test otherwise. */
uint64_t x_u64(const json_t *v);

/* ---- a layout file as the tests read it ---- */

struct xwin {
	uint64_t base, size;
	bool to_end; /* "size": "to-ipa-end" */
};

struct xmove {
	char target[GP_NAME_MAX * 2];
	uint64_t base;
};

struct xplace {
	char name[64];
	uint64_t gicd, its;
	bool has_its, reg_window;
	size_t nwin, nmoves;
	struct xwin win[GP_REDIST_REGIONS_MAX];
	struct xmove moves[GP_MOVES_MAX];
};

struct xlayout {
	unsigned ipa_bits, default_version, aff0;
	bool its;
	uint32_t spis;
	uint64_t max_cpus, ram_size, ram_max;
	size_t nplace;
	struct xplace pl[GP_PLACEMENTS_MAX];
};

/* Read the layout file at @path into @x; fails the test if it is not JSON. */
void x_load(const char *path, struct xlayout *x);

/* Bytes of window @w under a @ipa_bits IPA. */
uint64_t x_window_bytes(const struct xwin *w, unsigned ipa_bits);

/* Redistributors placement @p holds: the sum of floor(window / frame). */
uint64_t x_capacity(const struct xplace *p, uint64_t frame, unsigned ipa_bits);

/*
 * The placement a request should get: within the layout's max_cpus and the
 * affinity space, the first that holds it (and has an ITS if @its); -1: none.
 */
int x_tier(const struct xlayout *x, uint64_t cpus, uint64_t frame, unsigned ipa_bits, bool its);

/*
 * The MPIDR affinity of vCPU @i when Aff0 groups hold @g vCPUs: Aff0 = i mod
 * g; i / g counts through Aff1, Aff2, Aff3, 8 bits each.
 */
uint64_t x_mpidr(uint64_t g, uint64_t i);

#endif
