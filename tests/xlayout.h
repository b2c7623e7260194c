/*
 * The tests' own reading of layout-file numbers, independent of gicplan's
 * (src/units.c), so that expectations are not computed by the code under test.
 */
#ifndef GP_TEST_XLAYOUT_H
#define GP_TEST_XLAYOUT_H

#include <jansson.h>
#include <stdint.h>

/* "0x40_0000_0000", "134217728", "16MiB", "64K" or a JSON integer; fails the test otherwise. */
uint64_t x_u64(const json_t *v);

#endif
