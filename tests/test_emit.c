/* SPDX-License-Identifier: MIT */
/*
 * The emitted device tree, read back with libfdt as a guest would read it.
 *
 * The plan gives the GIC's addresses (placement is tested in test_layout.c);
 * everything a guest derives on its own is computed here independently:
 * the MPIDR of every vCPU, the console's address after a placement's moves
 * (from the layout file, read with jansson), the interrupt specifiers.
 */
#include <check.h>
#include <inttypes.h>
#include <jansson.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit_fdt.h"
#include "layout.h"
#include "planner.h"
#include "platform.h"
#include "xfdt.h"
#include "xfile.h"
#include "xlayout.h"
#include "xplan.h"
#include "xrun.h"

#define LAYOUT(name) GICPLAN_SOURCE_DIR "/tests/layouts/" name
#define VIRT_JSON GICPLAN_SOURCE_DIR "/layouts/virt.json"

#define KIB (UINT64_C(1) << 10)
#define MIB (UINT64_C(1) << 20)
#define GIB (UINT64_C(1) << 30)
#define V3_FRAME (128 * KIB)
#define V4_FRAME (256 * KIB)
#define GICD_BYTES (64 * KIB)
#define ITS_BYTES (128 * KIB) /* arm,gic-v3-its binding: control + translation frames */

/* Interrupt specifiers of the arm,gic-v3 binding. */
#define SPEC_SPI 0u
#define SPEC_PPI 1u
#define FLAG_EDGE 1u
#define FLAG_LEVEL 4u
#define NR_PPIS 16u

/* ---- the layout file, read here --------------------------------------------------- */


/* The first string of a string list ("x" or ["x", ...]). */
static const char *x_first(const json_t *v)
{
	return json_is_array(v) ? json_string_value(json_array_get(v, 0)) : json_string_value(v);
}

/* Device @name's base in placement @tier: its own, or where the placement moves it. */
static uint64_t x_device_base(const json_t *root, const char *tier, const char *name)
{
	json_t *d, *pl, *move;
	uint64_t base = 0;
	bool found = false;
	size_t i;

	json_array_foreach(json_object_get(root, "devices"), i, d)
		if (strcmp(json_string_value(json_object_get(d, "name")), name) == 0) {
			base = x_u64(json_object_get(d, "base"));
			found = true;
		}
	ck_assert_msg(found, "no device %s in the layout", name);
	json_array_foreach(json_object_get(root, "placements"), i, pl)
		if (strcmp(json_string_value(json_object_get(pl, "name")), tier) == 0) {
			move = json_object_get(json_object_get(pl, "moves"), name);
			if (move != NULL)
				base = x_u64(json_object_get(move, "base"));
		}
	return base;
}

/* ---- reading the tree --------------------------------------------------------------- */

static bool has_prop(const void *fdt, int node, const char *name)
{
	return fdt_getprop(fdt, node, name, NULL) != NULL;
}

static bool compatible_has(const void *fdt, int node, const char *compat)
{
	int len;
	const char *list = fdt_getprop(fdt, node, "compatible", &len);

	return list != NULL && fdt_stringlist_contains(list, len, compat);
}

static const char *prop_str(const void *fdt, int node, const char *name)
{
	int len;
	const char *s = fdt_getprop(fdt, node, name, &len);

	EXPECT(s != NULL && len > 0 && s[len - 1] == '\0', "%s: %s is not a string",
	       fdt_get_name(fdt, node, NULL), name);
	return s;
}

/* The reg entries of @node, with its parent's cell counts. */
static int reg_entries(const void *fdt, int node, uint64_t *base, uint64_t *size, int max)
{
	int parent = fdt_parent_offset(fdt, node);
	int ac = (int)x_prop_u32(fdt, parent, "#address-cells");
	int sc = (int)x_prop_u32(fdt, parent, "#size-cells");
	int len, n;
	const fdt32_t *p = fdt_getprop(fdt, node, "reg", &len);

	EXPECT(p != NULL && len > 0 && len % (4 * (ac + sc)) == 0, "%s: bad reg (%d bytes)",
	       fdt_get_name(fdt, node, NULL), len);
	n = len / (4 * (ac + sc));
	for (int i = 0; i < n && i < max; i++) {
		base[i] = x_cells(p + i * (ac + sc), ac);
		size[i] = sc ? x_cells(p + i * (ac + sc) + ac, sc) : 0;
	}
	return n;
}

static void expect_name(const void *fdt, int node, const char *prefix, uint64_t unit)
{
	char want[128];
	const char *name = fdt_get_name(fdt, node, NULL);

	snprintf(want, sizeof(want), "%s@%" PRIx64, prefix, unit);
	EXPECT(name != NULL && strcmp(name, want) == 0, "node %s, expected %s", name, want);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* ---- one plan, one tree ----------------------------------------------------------- */

static struct gp_platform *plat;
static struct gp_plan *plan;
static struct xlayout xl;

struct cfg {
	const char *layout; /* NULL: the bundled virt */
	uint64_t cpus;
	unsigned gic;
	int its, virt;
	uint64_t ram;       /* 0: the layout's */
};

/* Plan @c (into plat and plan); its layout file read here, as JSON (returned) and into xl. */
static json_t *load_cfg(const struct cfg *c)
{
	const char *path = c->layout ? c->layout : VIRT_JSON;
	json_error_t jerr;
	json_t *root = json_load_file(path, 0, &jerr);
	struct gp_request req = { .cpus = c->cpus, .gic_version = c->gic, .its = c->its,
				  .virtualization = c->virt, .ram_size = c->ram };

	ck_assert_msg(root != NULL, "%s: %s", path, jerr.text);
	x_load(path, &xl);
	free(plat);
	free(plan);
	plat = x_platform(c->layout ? c->layout : "virt");
	plan = x_plan(plat, &req);
	return root;
}

static int find_gic(const void *fdt)
{
	int gic = fdt_node_offset_by_compatible(fdt, -1, "arm,gic-v3");

	EXPECT(gic >= 0, "no arm,gic-v3 node");
	EXPECT(fdt_node_offset_by_compatible(fdt, gic, "arm,gic-v3") == -FDT_ERR_NOTFOUND,
	       "two arm,gic-v3 nodes");
	return gic;
}

static void check_gic(const void *fdt, const json_t *root)
{
	uint64_t base[GP_REDIST_REGIONS_MAX + 8], size[GP_REDIST_REGIONS_MAX + 8], room = 0;
	int gic = find_gic(fdt), its, n, len;
	const fdt32_t *irq;

	EXPECT(fdt_parent_offset(fdt, gic) == 0, "the GIC is not a child of /");
	expect_name(fdt, gic, "interrupt-controller", plan->gicd.base);
	EXPECT(has_prop(fdt, gic, "interrupt-controller"), "no interrupt-controller property");
	EXPECT(x_prop_u32(fdt, gic, "#interrupt-cells") == 3, "#interrupt-cells");
	EXPECT(x_prop_u32(fdt, 0, "interrupt-parent") == fdt_get_phandle(fdt, gic) &&
	       fdt_get_phandle(fdt, gic) != 0, "/ interrupt-parent is not the GIC");

	/* reg: GICD, then one entry per redistributor region. */
	n = reg_entries(fdt, gic, base, size, GP_REDIST_REGIONS_MAX + 8);
	EXPECT(n == (int)plan->nr_redist + 1, "GIC reg has %d entries, plan %u regions", n,
	       plan->nr_redist);
	EXPECT(base[0] == plan->gicd.base && size[0] == GICD_BYTES, "GICD reg 0x%" PRIx64 " +0x%"
	       PRIx64, base[0], size[0]);
	for (uint32_t i = 0; i < plan->nr_redist; i++) {
		EXPECT(base[i + 1] == plan->redist[i].base && size[i + 1] == plan->redist[i].reg_size,
		       "redist%u reg 0x%" PRIx64 " +0x%" PRIx64 ", plan 0x%" PRIx64 " +0x%" PRIx64, i,
		       base[i + 1], size[i + 1], plan->redist[i].base, plan->redist[i].reg_size);
		EXPECT(base[i + 1] % (64 * KIB) == 0 && size[i + 1] % (64 * KIB) == 0,
		       "redist%u reg misaligned", i);
		room += size[i + 1] / plan->redist_size;
	}
	/* The regions the guest walks have a frame for every vCPU. */
	EXPECT(room >= plan->req.cpus, "the tree's regions hold %" PRIu64 " of %" PRIu64 " vCPUs",
	       room, plan->req.cpus);
	EXPECT(x_prop_u32(fdt, gic, "#redistributor-regions") == plan->nr_redist,
	       "#redistributor-regions");
	if (has_prop(fdt, gic, "redistributor-stride")) {
		const fdt32_t *s = fdt_getprop(fdt, gic, "redistributor-stride", &len);

		EXPECT(len == 8 && x_cells(s, 2) != 0 && x_cells(s, 2) % (64 * KIB) == 0, "stride");
	}

	/* The maintenance interrupt: PPI 9 (INTID 25), level, only for a guest with EL2. */
	irq = fdt_getprop(fdt, gic, "interrupts", &len);
	if (plan->req.virtualization) {
		uint32_t ppi = (uint32_t)json_integer_value(
			json_object_get(json_object_get(root, "gic"), "maintenance_ppi"));

		EXPECT(ppi == 9, "layout maintenance PPI %u", ppi);
		EXPECT(irq != NULL && len == 12 && fdt32_to_cpu(irq[0]) == SPEC_PPI &&
		       fdt32_to_cpu(irq[1]) == ppi && fdt32_to_cpu(irq[2]) == FLAG_LEVEL,
		       "maintenance interrupt missing or not <1 %u 4>", ppi);
	} else {
		EXPECT(irq == NULL, "maintenance interrupt without virtualization");
	}

	/* The ITS: a child msi-controller@..., 128 KiB, only when the plan has one. */
	its = fdt_node_offset_by_compatible(fdt, -1, "arm,gic-v3-its");
	if (!plan->has_its) {
		EXPECT(its == -FDT_ERR_NOTFOUND, "ITS node without an ITS");
		return;
	}
	EXPECT(its >= 0 && fdt_parent_offset(fdt, its) == gic, "no ITS under the GIC");
	EXPECT(fdt_node_offset_by_compatible(fdt, its, "arm,gic-v3-its") == -FDT_ERR_NOTFOUND,
	       "two ITS nodes");
	expect_name(fdt, its, "msi-controller", plan->its.base);
	EXPECT(has_prop(fdt, its, "msi-controller"), "no msi-controller property");
	EXPECT(x_prop_u32(fdt, its, "#msi-cells") == 1, "#msi-cells");
	EXPECT(has_prop(fdt, gic, "ranges"), "GIC with an ITS child has no ranges");
	n = reg_entries(fdt, its, base, size, 2);
	EXPECT(n == 1 && base[0] == plan->its.base && size[0] == ITS_BYTES,
	       "ITS reg 0x%" PRIx64 " +0x%" PRIx64, base[0], size[0]);
}

static void check_cpus(const void *fdt, const json_t *root)
{
	uint64_t g = xl.aff0, n = plan->req.cpus, k = 0;
	uint64_t *got = malloc(n * sizeof(*got)), *want = malloc(n * sizeof(*want));
	bool aff3 = x_mpidr(g, n - 1) >> 32 != 0; /* MPIDRs grow with i: the last is the largest */
	const char *compat = x_first(json_object_get(json_object_get(root, "cpu"), "compatible"));
	int cpus = fdt_path_offset(fdt, "/cpus"), node, map;
	uint32_t ac;

	ck_assert_ptr_nonnull(got);
	ck_assert_ptr_nonnull(want);
	EXPECT(cpus >= 0, "no /cpus");
	ac = x_prop_u32(fdt, cpus, "#address-cells");
	EXPECT(ac == (aff3 ? 2u : 1u), "%" PRIu64 " vCPUs: /cpus #address-cells %u", n, ac);
	EXPECT(x_prop_u32(fdt, cpus, "#size-cells") == 0, "/cpus #size-cells");
	fdt_for_each_subnode(node, fdt, cpus) {
		const char *type = fdt_getprop(fdt, node, "device_type", NULL);
		const fdt32_t *reg;
		int len;

		if (type == NULL || strcmp(type, "cpu") != 0)
			continue;
		EXPECT(k < n, "more than %" PRIu64 " cpu nodes", n);
		reg = fdt_getprop(fdt, node, "reg", &len);
		EXPECT(reg != NULL && len == (int)(4 * ac), "cpu reg of %d bytes", len);
		got[k] = x_cells(reg, (int)ac);
		expect_name(fdt, node, "cpu", got[k]);
		EXPECT(strcmp(prop_str(fdt, node, "enable-method"), "psci") == 0, "enable-method");
		EXPECT(compatible_has(fdt, node, compat), "cpu compatible is not %s", compat);
		want[k] = x_mpidr(g, k);
		if (!aff3)
			EXPECT(want[k] >> 24 == 0, "MPIDR 0x%" PRIx64 " does not fit one cell", want[k]);
		k++;
	}
	EXPECT(k == n, "%" PRIu64 " cpu nodes, expected %" PRIu64, k, n);
	/* The cpus' MPIDRs are exactly those of vCPUs 0..n-1, each once. */
	qsort(got, n, sizeof(*got), cmp_u64);
	qsort(want, n, sizeof(*want), cmp_u64);
	for (uint64_t i = 0; i < n; i++) {
		EXPECT(got[i] == want[i], "cpu MPIDR 0x%" PRIx64 ", expected 0x%" PRIx64, got[i],
		       want[i]);
		EXPECT(i == 0 || got[i] != got[i - 1], "MPIDR 0x%" PRIx64 " twice", got[i]);
	}

	/* A cpu-map, where the layout asks for one, names every cpu once. */
	map = fdt_subnode_offset(fdt, cpus, "cpu-map");
	if (map >= 0) {
		int cluster = fdt_path_offset(fdt, "/cpus/cpu-map/socket0/cluster0"), core;
		uint64_t cores = 0;

		EXPECT(cluster >= 0, "cpu-map without socket0/cluster0");
		fdt_for_each_subnode(core, fdt, cluster) {
			int cpu = fdt_node_offset_by_phandle(fdt, x_prop_u32(fdt, core, "cpu"));

			EXPECT(cpu >= 0 && fdt_parent_offset(fdt, cpu) == cpus, "cpu-map core -> %d",
			       cpu);
			EXPECT(cores < n, "cpu-map has more than %" PRIu64 " cores", n);
			got[cores++] = (uint64_t)cpu;
		}
		EXPECT(cores == n, "cpu-map has %" PRIu64 " cores", cores);
		qsort(got, cores, sizeof(*got), cmp_u64);
		for (uint64_t i = 1; i < cores; i++)
			EXPECT(got[i] != got[i - 1], "cpu-map names a cpu twice");
	}
	free(got);
	free(want);
}

static void check_fixed_nodes(const void *fdt, const json_t *root)
{
	const json_t *psci = json_object_get(root, "psci"), *timer = json_object_get(root, "timer");
	const json_t *ppis = json_object_get(timer, "ppis");
	uint64_t base[2], size[2], ram_base = x_u64(json_object_get(json_object_get(root, "ram"),
								    "base"));
	char path[64];
	int node, len;
	const fdt32_t *irq;

	EXPECT(x_prop_u32(fdt, 0, "#address-cells") == 2 && x_prop_u32(fdt, 0, "#size-cells") == 2,
	       "root cells");
	EXPECT(compatible_has(fdt, 0, x_first(json_object_get(root, "compatible"))),
	       "root compatible");

	node = fdt_path_offset(fdt, "/psci");
	EXPECT(node >= 0, "no /psci");
	EXPECT(compatible_has(fdt, node, x_first(json_object_get(psci, "compatible"))),
	       "psci compatible");
	EXPECT(strcmp(prop_str(fdt, node, "method"),
		      json_string_value(json_object_get(psci, "method"))) == 0, "psci method");

	/* The architected timer: <1 ppi 4> for each PPI of the layout (secure, NS, virt, hyp). */
	node = fdt_path_offset(fdt, "/timer");
	EXPECT(node >= 0, "no /timer");
	EXPECT(compatible_has(fdt, node, x_first(json_object_get(timer, "compatible"))),
	       "timer compatible");
	irq = fdt_getprop(fdt, node, "interrupts", &len);
	EXPECT(json_array_size(ppis) == 4, "the layout has %zu timer PPIs", json_array_size(ppis));
	EXPECT(irq != NULL && len == (int)(12 * json_array_size(ppis)), "timer interrupts: %d", len);
	for (size_t i = 0; i < json_array_size(ppis); i++)
		EXPECT(fdt32_to_cpu(irq[3 * i]) == SPEC_PPI &&
		       fdt32_to_cpu(irq[3 * i + 1]) ==
			       (uint32_t)json_integer_value(json_array_get(ppis, i)) &&
		       fdt32_to_cpu(irq[3 * i + 2]) == FLAG_LEVEL, "timer interrupt %zu", i);

	/* memory@<RAM base>: the requested RAM. */
	snprintf(path, sizeof(path), "/memory@%" PRIx64, ram_base);
	node = fdt_path_offset(fdt, path);
	EXPECT(node >= 0, "no %s", path);
	EXPECT(strcmp(prop_str(fdt, node, "device_type"), "memory") == 0, "memory device_type");
	EXPECT(reg_entries(fdt, node, base, size, 2) == 1 && base[0] == ram_base &&
	       size[0] == plan->req.ram_size, "memory reg 0x%" PRIx64 " +0x%" PRIx64, base[0],
	       size[0]);

	/* /chosen/stdout-path resolves to the console, where the tier put it. */
	node = fdt_path_offset(fdt, "/chosen");
	EXPECT(node >= 0, "no /chosen");
	if (json_object_get(root, "stdout") != NULL) {
		const char *name = json_string_value(json_object_get(root, "stdout"));
		const char *sp = prop_str(fdt, node, "stdout-path");
		size_t plen = strcspn(sp, ":");
		uint64_t want = x_device_base(root, plan->tier, name);
		int uart = fdt_path_offset_namelen(fdt, sp, (int)plen);

		EXPECT(uart >= 0, "stdout-path \"%s\" does not resolve", sp);
		EXPECT(compatible_has(fdt, uart, "arm,pl011") || compatible_has(fdt, uart, "ns16550a"),
		       "stdout-path \"%s\" is not a serial port", sp);
		EXPECT(reg_entries(fdt, uart, base, size, 2) == 1 && base[0] == want,
		       "console at 0x%" PRIx64 ", expected 0x%" PRIx64 " (tier %s)", base[0], want,
		       plan->tier);
	}
}

/*
 * Every interrupt in the tree: SPIs of devices below the plan's SPI count and
 * each used once; PPIs only on the GIC, the timer and the PMU.
 */
static void check_interrupts(const void *fdt)
{
	static unsigned char spi_users[GP_SPIS_MAX];
	int gic = find_gic(fdt), node, depth = 0;
	uint32_t gic_ph = fdt_get_phandle(fdt, gic), gic_ac = x_prop_u32(fdt, gic, "#address-cells");
	unsigned devices = 0;

	memset(spi_users, 0, sizeof(spi_users));
	for (node = fdt_next_node(fdt, -1, &depth); node >= 0; node = fdt_next_node(fdt, node, &depth)) {
		const char *name = fdt_get_name(fdt, node, NULL);
		bool private_ok = node == gic || strcmp(name, "timer") == 0 || strcmp(name, "pmu") == 0;
		const fdt32_t *p = fdt_getprop(fdt, node, "interrupts", NULL), *map;
		int len;

		if (has_prop(fdt, node, "interrupt-parent"))
			EXPECT(x_prop_u32(fdt, node, "interrupt-parent") == gic_ph,
			       "%s: interrupt-parent is not the GIC", name);
		if (p != NULL) {
			fdt_getprop(fdt, node, "interrupts", &len);
			EXPECT(len > 0 && len % 12 == 0, "%s: interrupts of %d bytes", name, len);
			for (int i = 0; i < len / 12; i++) {
				uint32_t type = fdt32_to_cpu(p[3 * i]), num = fdt32_to_cpu(p[3 * i + 1]);
				uint32_t flags = fdt32_to_cpu(p[3 * i + 2]);

				EXPECT(flags == FLAG_EDGE || flags == FLAG_LEVEL, "%s: flags %u", name,
				       flags);
				if (private_ok && type == SPEC_PPI) {
					EXPECT(num < NR_PPIS, "%s: PPI %u", name, num);
					continue;
				}
				EXPECT(type == SPEC_SPI, "%s: interrupt type %u, not an SPI", name, type);
				EXPECT(num < plan->req.spis, "%s: SPI %u not below %u", name, num,
				       plan->req.spis);
				EXPECT(spi_users[num] == 0, "%s: SPI %u used twice", name, num);
				spi_users[num] = 1;
			}
			if (!private_ok)
				devices++;
		}
		/* A PCI host's INTx lines: <child unit (#address-cells), pin, GIC, GIC unit, spec>. */
		map = fdt_getprop(fdt, node, "interrupt-map", &len);
		if (map != NULL) {
			uint32_t ac = x_prop_u32(fdt, node, "#address-cells");
			uint32_t ic = x_prop_u32(fdt, node, "#interrupt-cells");
			uint32_t entry = ac + ic + 1 + gic_ac + 3;

			EXPECT(len > 0 && (uint32_t)len % (4 * entry) == 0, "%s: interrupt-map of %d "
			       "bytes", name, len);
			for (uint32_t i = 0; i < (uint32_t)len / (4 * entry); i++) {
				const fdt32_t *e = map + i * entry;
				const fdt32_t *spec = e + ac + ic + 1 + gic_ac;

				EXPECT(fdt32_to_cpu(e[ac + ic]) == gic_ph, "%s: map entry %u parent",
				       name, i);
				EXPECT(fdt32_to_cpu(spec[0]) == SPEC_SPI &&
				       fdt32_to_cpu(spec[1]) < plan->req.spis &&
				       fdt32_to_cpu(spec[2]) == FLAG_LEVEL, "%s: map entry %u: <%u %u %u>",
				       name, i, fdt32_to_cpu(spec[0]), fdt32_to_cpu(spec[1]),
				       fdt32_to_cpu(spec[2]));
			}
		}
		/* msi-map / msi-parent must point at the ITS, and exist only with one. */
		if (has_prop(fdt, node, "msi-map") || has_prop(fdt, node, "msi-parent")) {
			const fdt32_t *m = fdt_getprop(fdt, node, "msi-map", &len);
			uint32_t ph = m ? fdt32_to_cpu(m[1]) : x_prop_u32(fdt, node, "msi-parent");
			int target = fdt_node_offset_by_phandle(fdt, ph);

			EXPECT(plan->has_its, "%s: MSIs without an ITS", name);
			EXPECT(target >= 0 && compatible_has(fdt, target, "arm,gic-v3-its"),
			       "%s: MSI parent is not the ITS", name);
		}
	}
	EXPECT(devices > 0, "no device node has interrupts");
}

static void check_tree(const struct cfg *c)
{
	json_t *root = load_cfg(c);
	size_t len, len2;
	void *blob = x_emit(plan, &len), *again;

	ck_assert_int_eq(fdt_check_full(blob, len), 0);
	ck_assert_uint_eq(fdt_totalsize(blob), len);
	check_gic(blob, root);
	check_cpus(blob, root);
	check_fixed_nodes(blob, root);
	check_interrupts(blob);
	/* Same plan, same bytes. */
	again = x_emit(plan, &len2);
	ck_assert_uint_eq(len, len2);
	ck_assert_msg(memcmp(blob, again, len) == 0, "two trees of one plan differ");
	free(again);
	free(blob);
	json_decref(root);
}

/* The counts on virt: GICv3/v4 x ITS on/off x virtualization on/off. */
static const uint64_t virt_counts[] = { 127, 128, 900, 1019, 1020, 4096 };
#define NR_VIRT_CFGS (int)(sizeof(virt_counts) / sizeof(virt_counts[0]) * 8)

START_TEST(virt_trees)
{
	struct cfg c = { .cpus = virt_counts[_i / 8], .gic = 3 + (unsigned)(_i / 4) % 2,
			 .its = (_i / 2) % 2, .virt = _i % 2 };

	check_tree(&c);
}
END_TEST

static const struct cfg other_cfgs[] = {
	{ NULL, 1, 3, 1, 0, 0 },
	{ NULL, 64, 4, 1, 1, 2 * GIB },
	{ NULL, 510, 4, 0, 0, 4 * GIB },
	/* Three windows, GICv3: 62 + 1 + the rest; GICv4 skips the 192 KiB one. */
	{ LAYOUT("good/split.json"), 100, 3, 1, 1, 0 },
	{ LAYOUT("good/split.json"), 100, 4, 0, 0, 0 },
	/*
	 * One vCPU per Aff0 group: vCPU 65536 needs Aff3, /cpus takes two cells;
	 * past 65536 vCPUs an ITS cannot target them all, so none.
	 */
	{ LAYOUT("good/split.json"), 65536, 3, 1, 0, 0 },
	{ LAYOUT("good/split.json"), 65537, 3, 0, 0, 0 },
	{ LAYOUT("good/small.json"), 126, 3, 1, 0, 0 },
	{ LAYOUT("good/small.json"), 200, 3, 1, 1, 0 },
	{ LAYOUT("good/capped.json"), 200, 3, 0, 0, 0 },
	{ LAYOUT("good/capped.json"), 9, 3, 0, 1, 0 },
};
#define NR_OTHER_CFGS (int)(sizeof(other_cfgs) / sizeof(other_cfgs[0]))

START_TEST(other_trees)
{
	check_tree(&other_cfgs[_i]);
}
END_TEST

/* A tree past libfdt's 2 GiB is refused (exit 3), not truncated. */
START_TEST(tree_too_large)
{
	const uint64_t cpus = UINT64_C(1) << 28; /* 16 x 256^3: every MPIDR of virt */
	struct gp_request req = { .cpus = cpus, .gic_version = 3, .its = 0, .ipa_bits = 48,
				  .virtualization = 0 };
	struct gp_error err;
	void *blob = NULL;
	size_t len = 0;

	json_decref(load_cfg(&(struct cfg){ .cpus = 1, .gic = 3, .its = 0 }));
	free(plan);
	plan = x_plan(plat, &req);
	gp_error_init(&err);
	ck_assert_int_lt(gp_emit_fdt(plan, &blob, &len, &err), 0);
	ck_assert_ptr_null(blob);
	ck_assert_int_eq(err.exit_code, GP_EXIT_INFEASIBLE);
	ck_assert_msg(strstr(err.msg, "268435456") != NULL, "%s", err.msg);
}
END_TEST

/* ---- dtc reads the trees without a warning ---------------------------------------- */

START_TEST(dtc_no_warnings)
{
	static const struct cfg cfgs[] = {
		{ NULL, 127, 3, 1, 1, 0 },
		{ NULL, 900, 3, 0, 0, 0 },
		{ NULL, 1020, 4, 0, 0, 0 },
		{ NULL, 4096, 3, 1, 1, 0 },
		{ LAYOUT("good/split.json"), 100, 4, 1, 1, 0 },
		/* (not the 65537-vCPU tree: dtc needs some 20 s for it) */
		{ LAYOUT("good/small.json"), 200, 3, 1, 0, 0 },
		{ LAYOUT("good/capped.json"), 20, 3, 0, 0, 0 },
	};

	if (!x_have_dtc()) {
		printf("emit: dtc not installed: the dtc warning check is skipped\n");
		return;
	}
	for (size_t i = 0; i < sizeof(cfgs) / sizeof(cfgs[0]); i++) {
		char out[4096];
		json_t *root = load_cfg(&cfgs[i]);
		size_t len, got;
		void *blob = x_emit(plan, &len);
		int status = x_dtc(blob, len, out, sizeof(out), &got);

		ck_assert_msg(status == 0 && got == 0, "dtc on %s, %" PRIu64 " vCPUs GICv%u: status %d:"
			      "\n%s", cfgs[i].layout ? cfgs[i].layout : "virt", cfgs[i].cpus,
			      cfgs[i].gic, status, out);
		free(blob);
		json_decref(root);
	}
}
END_TEST

static Suite *emit_suite(void)
{
	Suite *s = suite_create("emit");
	TCase *tc = tcase_create("tree");

	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, virt_trees, 0, NR_VIRT_CFGS);
	tcase_add_loop_test(tc, other_trees, 0, NR_OTHER_CFGS);
	tcase_add_test(tc, tree_too_large);
	tcase_add_test(tc, dtc_no_warnings);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return x_run_suite(emit_suite(), true);
}
