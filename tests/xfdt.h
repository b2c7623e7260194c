/* Finding nodes in a tree under test with libfdt; each fails the test when the node is missing. */
#ifndef GP_TEST_XFDT_H
#define GP_TEST_XFDT_H

#include <stdint.h>

/* The first node compatible with @compat. */
int x_node_compatible(const void *fdt, const char *compat);

/* The GICv3 node ("arm,gic-v3") and its ITS child ("arm,gic-v3-its"). */
int x_gic_node(const void *fdt);
int x_its_node(const void *fdt);

/* The @i-th node under /cpus whose device_type is "cpu". */
int x_cpu_node(const void *fdt, uint64_t i);

#endif
