/* SPDX-License-Identifier: MIT */
/*
 * The guest's side of the proof. Every access goes through the emulator's MMIO
 * and CPU-interface entry points, as a guest's would; nothing reads the
 * emulator's insides except where a check asks where the VMM put a vCPU's
 * frame (gic_redist_frame_base) or which CPUs an interrupt is signalled to
 * (gic_signalled_cpus): the two facts no guest register gives.
 *
 * The redistributor walk is Linux's (gic_iterate_rdists in irq-gic-v3.c):
 * per region, PIDR2 at its base, then GICR_TYPER frame by frame, stepping by
 * redistributor-stride or by 128 KiB (256 KiB when TYPER.VLPIS), until Last.
 * Linux repeats it for every CPU and stops at the CPU's own affinity; the walk
 * does not depend on the CPU, so it is done once and every CPU looks itself up
 * in a sorted index of what it met, first match first, as Linux's would.
 */
#include "verify.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gic_regs.h"
#include "kvm.h"
#include "units.h"

#define NO_FRAME UINT64_MAX
/* Four priority bytes of 0xa0, Linux's GICD_INT_DEF_PRI: kept by 5-bit GICs too. */
#define PRIORITY_WORD 0xa0a0a0a0u
#define PMR_UNMASKED 0xffu
#define ALL_BITS 0xffffffffu
#define ICFGR_ALL_EDGE 0xaaaaaaaau
#define GICC_GICH_GICV 3          /* optional reg entries after the regions */
#define GIC_MAX_MAINTENANCE 1

static const char *const check_names[GP_CHECKS] = {
	[GP_CHECK_GIC_NODE] = "gic-node",
	[GP_CHECK_REDIST_REGIONS] = "redist-regions",
	[GP_CHECK_REDIST_STRIDE] = "redist-stride",
	[GP_CHECK_ITS_NODE] = "its-node",
	[GP_CHECK_LPI_ROUTING] = "lpi-routing",
	[GP_CHECK_ITS_TARGETS] = "its-targets",
	[GP_CHECK_NODE_NAMES] = "node-names",
	[GP_CHECK_REGION_ALIGNMENT] = "region-alignment",
	[GP_CHECK_IPA_BOUND] = "ipa-bound",
	[GP_CHECK_REGION_OVERLAP] = "region-overlap",
	[GP_CHECK_CPU_NODES] = "cpu-nodes",
	[GP_CHECK_GIC_MODEL] = "gic-model",
	[GP_CHECK_REDIST_CAPACITY] = "redist-capacity",
	[GP_CHECK_GICD_ID] = "gicd-id",
	[GP_CHECK_GICD_TYPER] = "gicd-typer",
	[GP_CHECK_REDIST_PIDR2] = "redist-pidr2",
	[GP_CHECK_REDIST_WALK] = "redist-walk",
	[GP_CHECK_MPIDR_FOUND] = "mpidr-found",
	[GP_CHECK_SPI_ROUTING] = "spi-routing",
	[GP_CHECK_SPI_1OFN] = "spi-1ofn",
	[GP_CHECK_SGI_ROUTING] = "sgi-routing",
	[GP_CHECK_PPI_LOCAL] = "ppi-local",
	[GP_CHECK_DEVICE_IRQS] = "device-irqs",
	[GP_CHECK_KVM_ATTRS] = "kvm-attrs",
};

static const char *const status_names[] = {
	[GP_CHECK_PASS] = "pass",
	[GP_CHECK_WARN] = "warn",
	[GP_CHECK_FAIL] = "fail",
	[GP_CHECK_SKIP] = "skip",
};

const char *gp_check_name(enum gp_check_id id)
{
	return id < GP_CHECKS ? check_names[id] : "unknown";
}

const char *gp_check_status_name(enum gp_check_status s)
{
	return s <= GP_CHECK_SKIP ? status_names[s] : "unknown";
}

/* One frame the walk met: where, and the affinity its TYPER shows. */
struct walked {
	uint32_t aff;       /* GICR_TYPER[63:32]: Aff3.Aff2.Aff1.Aff0 */
	uint32_t order;     /* position in walk order */
	uint64_t addr;
};

struct ctx {
	const struct gp_machine *m;
	const struct gp_vgic *v;
	const struct gp_verify_options *o;
	struct gp_verify_result *r;
	struct gp_error *err;
	struct gic *g;
	uint64_t *frame;         /* per vCPU: the RD_base its walk found, or NO_FRAME */
	uint32_t guest_spis;     /* SPIs GICD_TYPER shows the guest */
	uint64_t typer;          /* GICD_TYPER */
	uint32_t cpus;
};

/* ---- recording results ---------------------------------------------------------------- */

static struct gp_check *check(struct ctx *c, enum gp_check_id id)
{
	return &c->r->checks[id];
}

/* List offence @s of check @id with text @text, while the run's list has room. */
static void list_offence(struct gp_verify_result *r, enum gp_check_id id,
			 enum gp_check_status s, const char *text)
{
	size_t len = strlen(text) + 1;

	if (r->nr_listed == GP_VERIFY_LISTED_MAX || len > GP_VERIFY_LISTED_TEXT - r->listed_len)
		return;
	r->listed[r->nr_listed++] = (struct gp_offence){ (uint8_t)id, (uint8_t)s, r->listed_len };
	memcpy(r->listed_text + r->listed_len, text, len);
	r->listed_len += (uint32_t)len;
}

static void __attribute__((format(printf, 4, 0)))
record(struct ctx *c, enum gp_check_id id, enum gp_check_status s, const char *fmt, va_list ap)
{
	struct gp_check *k = check(c, id);
	char text[GP_CHECK_DETAIL_MAX];

	if (k->status == GP_CHECK_SKIP)
		return;
	vsnprintf(text, sizeof(text), fmt, ap);
	k->offences++;
	list_offence(c->r, id, s, text);
	/* The detail is the first problem; a failure outranks a warning. */
	if (k->status == GP_CHECK_FAIL || (k->status == GP_CHECK_WARN && s != GP_CHECK_FAIL))
		return;
	k->status = s;
	memcpy(k->detail, text, sizeof(text));
}

static bool __attribute__((format(printf, 3, 4))) fail(struct ctx *c, enum gp_check_id id,
						       const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	record(c, id, GP_CHECK_FAIL, fmt, ap);
	va_end(ap);
	return false;
}

static void __attribute__((format(printf, 3, 4))) warn(struct ctx *c, enum gp_check_id id,
						       const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	record(c, id, GP_CHECK_WARN, fmt, ap);
	va_end(ap);
}

static void __attribute__((format(printf, 3, 4))) skip(struct ctx *c, enum gp_check_id id,
						       const char *fmt, ...)
{
	struct gp_check *k = check(c, id);
	va_list ap;

	if (k->status != GP_CHECK_PASS)
		return;
	va_start(ap, fmt);
	vsnprintf(k->detail, sizeof(k->detail), fmt, ap);
	va_end(ap);
	k->status = GP_CHECK_SKIP;
}

static bool failed(struct ctx *c, enum gp_check_id id)
{
	return check(c, id)->status == GP_CHECK_FAIL;
}

/* ---- the tree against the binding ------------------------------------------------------- */

static void check_gic_node(struct ctx *c)
{
	const struct gp_machine *m = c->m;
	const char *path = gp_mach_str(m, m->gic_path);
	enum gp_check_id id = GP_CHECK_GIC_NODE;

	check(c, id)->count = 5;
	if (!m->gic_interrupt_controller)
		fail(c, id, "%s has no interrupt-controller property", path);
	if (m->gic_interrupt_cells != 3 && m->gic_interrupt_cells != 4)
		fail(c, id, "%s: #interrupt-cells is %" PRId64 ", not 3", path,
		     m->gic_interrupt_cells);
	if (m->gic_nr_reg < 2 || m->gic_nr_reg > GP_DT_REDIST_REGIONS_MAX)
		fail(c, id, "%s: reg has %" PRIu32 " entries: the binding wants GICD and at least one "
			    "redistributor region (2 to %d)", path, m->gic_nr_reg,
		     GP_DT_REDIST_REGIONS_MAX);
	if (m->nr_its > 0 && (m->gic_address_cells < 0 || !m->gic_has_ranges))
		fail(c, id, "%s has an ITS child but no #address-cells/#size-cells and ranges", path);
	/* Fix (tests/test_verify.c maintenance_not_ppi): name the offending specifier. */
	if (m->nr_maintenance > GIC_MAX_MAINTENANCE)
		fail(c, id, "%s: interrupts must be one PPI, the maintenance interrupt, not %" PRIu32
			    " entries", path, m->nr_maintenance);
	else if (m->nr_maintenance == 1 && m->maintenance.type == GP_IRQ_SPI)
		fail(c, id, "%s: interrupts must be one PPI, the maintenance interrupt, not SPI %"
			    PRIu32 " (INTID %" PRIu32 ")", path, m->maintenance.number,
		     m->maintenance.number + GIC_INTID_SPI_FIRST);
	else if (m->nr_maintenance == 1 && m->maintenance.type != GP_IRQ_PPI)
		fail(c, id, "%s: interrupts must be one PPI, the maintenance interrupt, not type %"
			    PRIu32 " number %" PRIu32, path, m->maintenance.type, m->maintenance.number);
}

static void check_redist_regions(struct ctx *c)
{
	const struct gp_machine *m = c->m;
	const char *path = gp_mach_str(m, m->gic_path);
	enum gp_check_id id = GP_CHECK_REDIST_REGIONS;
	uint32_t after_gicd = m->gic_nr_reg > 0 ? m->gic_nr_reg - 1 : 0;
	int64_t prop = m->redist_regions_prop;

	check(c, id)->count = m->nr_redist;
	if (prop < 0) {
		if (after_gicd > 1 + GICC_GICH_GICV)
			fail(c, id, "%s: %" PRIu32 " reg entries after GICD but no "
				    "#redistributor-regions: the guest walks only the first", path,
			     after_gicd);
	} else if (prop < 1 || prop > GP_DT_REDIST_REGIONS_MAX) {
		fail(c, id, "%s: #redistributor-regions = %" PRId64 " is outside 1..%d", path, prop,
		     GP_DT_REDIST_REGIONS_MAX);
	} else if ((uint64_t)prop > after_gicd) {
		fail(c, id, "%s: #redistributor-regions = %" PRId64 " but reg has %" PRIu32
			    " entries after GICD", path, prop, after_gicd);
	} else if (after_gicd - (uint64_t)prop > GICC_GICH_GICV) {
		fail(c, id, "%s: #redistributor-regions = %" PRId64 " leaves %" PRIu64 " reg entries, "
			    "more than GICC, GICH and GICV", path, prop, after_gicd - (uint64_t)prop);
	}
	if (c->v->from_plan && m->nr_redist != c->v->nr_regions)
		fail(c, id, "%s: the tree gives %" PRIu32 " redistributor regions, the VMM set up %"
			    PRIu32, path, m->nr_redist, c->v->nr_regions);
}

static void check_stride(struct ctx *c)
{
	const struct gp_machine *m = c->m;
	enum gp_check_id id = GP_CHECK_REDIST_STRIDE;

	if (!m->has_stride) {
		snprintf(check(c, id)->detail, sizeof(check(c, id)->detail),
			 "no redistributor-stride: the guest steps by the frame size");
		return;
	}
	check(c, id)->count = 1;
	if (m->stride == 0 || m->stride % GIC_FRAME_SIZE != 0)
		fail(c, id, "redistributor-stride 0x%" PRIx64 " is not a non-zero multiple of 64 KiB",
		     m->stride);
	else if (m->stride < c->v->redist_size)
		fail(c, id, "redistributor-stride 0x%" PRIx64 " is smaller than a GICv%u "
			    "redistributor (0x%" PRIx64 ")", m->stride, c->v->version,
		     c->v->redist_size);
}

/* "name@unit" where unit is @base in hex, and the name one of @want. */
static bool node_named(const char *path, const char *want, uint64_t base)
{
	const char *leaf = strrchr(path, '/');
	char expect[GP_NAME_MAX + 24];

	snprintf(expect, sizeof(expect), "%s@%" PRIx64, want, base);
	return strcmp(leaf ? leaf + 1 : path, expect) == 0;
}

/*
 * The ITS's control frame, GITS_CTLR..GITS_BASER: all Linux maps of it
 * (its_map_one: ioremap(res->start, SZ_64K)). The translation frame after it
 * (GITS_TRANSLATER) is written by devices, never mapped by Linux.
 */
#define ITS_LINUX_MAPS GIC_FRAME_SIZE

static void check_its_and_names(struct ctx *c)
{
	const struct gp_machine *m = c->m;
	const char *gic = gp_mach_str(m, m->gic_path);

	check(c, GP_CHECK_ITS_NODE)->count = m->nr_its;
	check(c, GP_CHECK_NODE_NAMES)->count = m->from_acpi ? 0 : 1 + m->nr_its;
	if (m->from_acpi)
		skip(c, GP_CHECK_NODE_NAMES, "ACPI tables: no device tree, no node names");
	/* The unit address spells reg's first address as the parent's space gives it (dtc). */
	else if (!node_named(gic, "interrupt-controller", m->gic_unit_reg))
		warn(c, GP_CHECK_NODE_NAMES, "%s: the binding's schema wants "
					     "interrupt-controller@%" PRIx64 " (Linux boots anyway)",
		     gic, m->gic_unit_reg);
	for (uint32_t i = 0; i < m->nr_its; i++) {
		const struct gp_mach_its *its = &m->its[i];
		const char *path = gp_mach_str(m, its->path);

		if (!m->from_acpi && !node_named(path, "msi-controller", its->unit_reg))
			warn(c, GP_CHECK_NODE_NAMES, "%s: the binding's schema wants "
						     "msi-controller@%" PRIx64 " (Linux boots anyway)",
			     path, its->unit_reg);
		if (!its->msi_controller)
			fail(c, GP_CHECK_ITS_NODE, "%s has no msi-controller property: Linux ignores "
						   "the ITS (its_of_probe)", path);
		if (its->msi_cells < 0)
			warn(c, GP_CHECK_ITS_NODE, "%s has no #msi-cells: the binding requires <1>; "
						   "Linux takes an msi-parent without it "
						   "(of_msi_get_domain)", path);
		else if (its->msi_cells != 1)
			fail(c, GP_CHECK_ITS_NODE, "%s: #msi-cells is %" PRId64 ", not 1", path,
			     its->msi_cells);
		if (its->reg.size < ITS_LINUX_MAPS)
			fail(c, GP_CHECK_ITS_NODE, "%s: reg size 0x%" PRIx64 " does not hold the 64 KiB "
						   "control frame Linux maps (its_map_one)", path,
			     its->reg.size);
		else if (its->reg.size < GIC_ITS_SIZE)
			warn(c, GP_CHECK_ITS_NODE, "%s: reg size 0x%" PRIx64 " leaves out the "
						   "GITS_TRANSLATER frame: the architecture's ITS "
						   "is 128 KiB (Linux maps only the first 64 KiB)",
			     path, its->reg.size);
	}
	if (c->v->from_plan && c->v->has_its != (m->nr_its > 0))
		fail(c, GP_CHECK_ITS_NODE, "the VMM %s an ITS but the tree %s one",
		     c->v->has_its ? "sets up" : "sets up no", m->nr_its ? "has" : "has no");
	else if (c->v->from_plan && c->v->has_its && m->its[0].reg.base != c->v->its_base)
		fail(c, GP_CHECK_ITS_NODE, "the tree's ITS is at 0x%" PRIx64 ", the VMM's at 0x%"
					   PRIx64, m->its[0].reg.base, c->v->its_base);
}

/* ---- regions: alignment, IPA, overlap --------------------------------------------------- */

/* The GIC's regions first (@gic of them), then memory and every device's reg entries. */
static size_t collect_regions(const struct gp_machine *m, struct gp_region *out, size_t *gic)
{
	size_t n = 0;

	out[n++] = (struct gp_region){ "gicd", m->gicd.base, m->gicd.size };
	for (uint32_t i = 0; i < m->nr_redist; i++) {
		out[n] = (struct gp_region){ "", m->redist[i].base, m->redist[i].size };
		snprintf(out[n++].name, sizeof(out->name), "redist%" PRIu32, i);
	}
	for (uint32_t i = 0; i < m->nr_its; i++) {
		out[n] = (struct gp_region){ "", m->its[i].reg.base, m->its[i].reg.size };
		snprintf(out[n++].name, sizeof(out->name), "%s", gp_mach_str(m, m->its[i].path));
	}
	*gic = n;
	for (size_t i = 0; i < m->nr_memory; i++)
		out[n++] = (struct gp_region){ "memory", m->memory[i].base, m->memory[i].size };
	for (size_t i = 0; i < m->nr_devices; i++) {
		const struct gp_mach_device *d = &m->devices[i];

		for (size_t k = 0; k < d->nr_reg; k++) {
			const struct gp_window *w = &m->regs[d->first_reg + k];

			out[n] = (struct gp_region){ "", w->base, w->size };
			snprintf(out[n++].name, sizeof(out->name), "%s", gp_mach_str(m, d->path));
		}
	}
	return n;
}

/* A region for the overlap sweep: where it is, and what it belongs to. */
struct span {
	const struct gp_region *r;
	uint64_t end;
	const char *path;   /* the device's node path, NULL for the GIC's regions and memory */
	bool gic;
	bool gicd;
	bool its;
	bool memory;
};

/*
 * An ITS, the GIC node's child, inside the GICD reg but clear of the
 * distributor's own 64 KiB: a GICD reg padded past the architecture's frame
 * (k3-j721s2: 1 MiB). Nesting by design as dtc and Linux see it (Linux maps
 * both, of_iomap and its_map_one): a warning. Over the distributor's frame
 * itself, the registers collide: that fails.
 */
static bool its_in_gicd_padding(const struct span *a, const struct span *b)
{
	const struct span *gicd = a->gicd ? a : b, *its = a->its ? a : b;

	return gicd != its && gicd->gicd && its->its &&
	       its->r->base >= gicd->r->base + GICD_SIZE;
}

static int span_cmp(const void *pa, const void *pb)
{
	const struct span *a = pa, *b = pb;

	if (a->r->base != b->r->base)
		return a->r->base < b->r->base ? -1 : 1;
	return (a->end > b->end) - (a->end < b->end);
}

/* Whether node path @outer is @inner or one of its ancestors. */
static bool path_contains(const char *outer, const char *inner)
{
	size_t n = strlen(outer);

	return strncmp(outer, inner, n) == 0 && (inner[n] == '\0' || inner[n] == '/' || n == 1);
}

/*
 * Whether two overlapping regions are plain device tree: a node inside its
 * parent's reg (syscon, simple-mfd, buses, sram partitions), one node's own
 * entries, or a reserved-memory carve-out inside memory.
 */
static bool nested_by_design(const struct span *a, const struct span *b)
{
	static const char reserved[] = "/reserved-memory/";

	if (a->path != NULL && b->path != NULL)
		return path_contains(a->path, b->path) || path_contains(b->path, a->path);
	if (a->memory && b->path != NULL)
		return strncmp(b->path, reserved, sizeof(reserved) - 1) == 0;
	if (b->memory && a->path != NULL)
		return strncmp(a->path, reserved, sizeof(reserved) - 1) == 0;
	return false;
}

/*
 * region-overlap over @n regions, the GIC's first (@gic of them): a GIC region
 * overlapping anything fails; other unrelated regions overlapping warn (real
 * boards describe one block from two drivers); nesting by design is fine.
 */
static int check_overlaps(struct ctx *c, const struct gp_region *r, size_t n, size_t gic)
{
	const struct gp_machine *m = c->m;
	struct span *s = calloc(n ? n : 1, sizeof(*s));
	size_t *open = calloc(n ? n : 1, sizeof(*open)), nr_open = 0, k = gic + m->nr_memory;

	if (s == NULL || open == NULL) {
		free(s);
		free(open);
		return gp_fail(c->err, GP_EXIT_USAGE, "out of memory");
	}
	for (size_t i = 0; i < n; i++) {
		s[i] = (struct span){ .r = &r[i], .gic = i < gic, .gicd = i == 0,
				      .its = i >= 1 + m->nr_redist && i < gic,
				      .memory = i >= gic && i < k };
		if (!gp_add(r[i].base, r[i].size, &s[i].end))
			s[i].end = UINT64_MAX;
	}
	/* collect_regions' order: the devices' reg entries, in device order. */
	for (size_t d = 0; d < m->nr_devices; d++)
		for (size_t e = 0; e < m->devices[d].nr_reg; e++)
			s[k++].path = gp_mach_str(m, m->devices[d].path);
	qsort(s, n, sizeof(*s), span_cmp);
	for (size_t i = 0; i < n; i++) {
		size_t kept = 0;

		if (s[i].r->size == 0)
			continue;
		for (size_t j = 0; j < nr_open; j++) {
			const struct span *a = &s[open[j]], *b = &s[i];

			if (a->end <= b->r->base)
				continue;
			open[kept++] = open[j];
			if (nested_by_design(a, b))
				continue;
			if (its_in_gicd_padding(a, b))
				warn(c, GP_CHECK_REGION_OVERLAP, "%s [0x%" PRIx64 ", +0x%" PRIx64 ") is "
								 "inside %s [0x%" PRIx64 ", +0x%" PRIx64
								 "), past the distributor's 64 KiB "
								 "(Linux maps both)", b->r->name,
				     b->r->base, b->r->size, a->r->name, a->r->base, a->r->size);
			else if (a->gic || b->gic)
				fail(c, GP_CHECK_REGION_OVERLAP, "%s [0x%" PRIx64 ", +0x%" PRIx64 ") "
								 "overlaps %s [0x%" PRIx64 ", +0x%"
								 PRIx64 ")", b->r->name, b->r->base,
				     b->r->size, a->r->name, a->r->base, a->r->size);
			else
				warn(c, GP_CHECK_REGION_OVERLAP, "%s [0x%" PRIx64 ", +0x%" PRIx64 ") "
								 "overlaps %s [0x%" PRIx64 ", +0x%"
								 PRIx64 ") (Linux lets both map it)",
				     b->r->name, b->r->base, b->r->size, a->r->name, a->r->base,
				     a->r->size);
		}
		nr_open = kept;
		open[nr_open++] = i;
	}
	free(open);
	free(s);
	return 0;
}

static int check_regions(struct ctx *c)
{
	const struct gp_machine *m = c->m;
	size_t cap = 1 + m->nr_redist + m->nr_its + m->nr_memory + m->nr_regs;
	struct gp_region *r = calloc(cap, sizeof(*r));
	uint64_t ipa_end = gp_ipa_end(c->o->ipa_bits);
	size_t n, gic;
	int rc;

	if (r == NULL)
		return gp_fail(c->err, GP_EXIT_USAGE, "out of memory");
	n = collect_regions(m, r, &gic);
	for (size_t i = 0; i < gic; i++)
		if (!gp_aligned(r[i].base, GIC_FRAME_SIZE) || !gp_aligned(r[i].size, GIC_FRAME_SIZE))
			fail(c, GP_CHECK_REGION_ALIGNMENT, "%s [0x%" PRIx64 ", +0x%" PRIx64 ") is not "
							   "64 KiB aligned", r[i].name, r[i].base,
			     r[i].size);
	for (size_t i = 0; i < n; i++) {
		uint64_t end;

		if (!gp_add(r[i].base, r[i].size, &end))
			fail(c, GP_CHECK_IPA_BOUND, "%s at 0x%" PRIx64 " wraps the address space",
			     r[i].name, r[i].base);
		else if (end > ipa_end)
			fail(c, GP_CHECK_IPA_BOUND, "%s [0x%" PRIx64 ", 0x%" PRIx64 ") ends above the "
						    "%u-bit IPA", r[i].name, r[i].base, end,
			     c->o->ipa_bits);
	}
	check(c, GP_CHECK_REGION_ALIGNMENT)->count = gic;
	check(c, GP_CHECK_IPA_BOUND)->count = n;
	check(c, GP_CHECK_REGION_OVERLAP)->count = n;
	rc = check_overlaps(c, r, n, gic);
	free(r);
	return rc;
}

/* ---- cpu nodes ------------------------------------------------------------------------- */

/*
 * qsort, only when @base is out of order: trees list cpus in MPIDR order and
 * the walk meets frames in it too, so an O(n) look usually saves the sort.
 */
static void sort_unless_sorted(void *base, size_t n, size_t size,
			       int (*cmp)(const void *, const void *))
{
	const char *p = base;

	for (size_t i = 1; i < n; i++)
		if (cmp(p + (i - 1) * size, p + i * size) > 0) {
			qsort(base, n, size, cmp);
			return;
		}
}

static int u64_cmp(const void *pa, const void *pb)
{
	uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;

	return a < b ? -1 : a > b;
}

/*
 * Whether @sorted (ascending, @n of them) holds @mpidr. *@next is where the
 * one before was found, plus one: a VMM's vCPUs come in MPIDR order as a
 * tree's cpu nodes do, so the answer is mostly there, without a binary
 * search over all of them per vCPU (cache misses at 65536).
 */
static bool has_mpidr(const uint64_t *sorted, uint64_t n, uint64_t mpidr, uint64_t *next)
{
	const uint64_t *p;

	if (*next < n && sorted[*next] == mpidr) {
		(*next)++;
		return true;
	}
	p = bsearch(&mpidr, sorted, n, sizeof(*sorted), u64_cmp);
	if (p == NULL)
		return false;
	*next = (uint64_t)(p - sorted) + 1;
	return true;
}

/* Bits a cpu node's reg may hold: affinity, Aff3 only with two cells. */
static uint64_t mpidr_bits(uint32_t cells)
{
	return cells == 2 ? MPIDR_AFF0_2_MASK | MPIDR_AFF3_MASK : MPIDR_AFF0_2_MASK;
}

static int check_cpu_nodes(struct ctx *c)
{
	const struct gp_machine *m = c->m;
	uint64_t allowed = mpidr_bits(m->cpu_address_cells);
	uint64_t *sorted = malloc(m->nr_cpus * sizeof(*sorted));
	enum gp_check_id id = GP_CHECK_CPU_NODES;

	if (sorted == NULL)
		return gp_fail(c->err, GP_EXIT_USAGE, "out of memory");
	check(c, id)->count = m->nr_cpus;
	for (uint64_t i = 0; i < m->nr_cpus; i++)
		if (m->mpidr[i] & ~allowed) {
			fail(c, id, "cpu %" PRIu64 ": reg 0x%" PRIx64 " has bits outside the MPIDR "
				    "affinity fields", i, m->mpidr[i]);
			break;
		}
	memcpy(sorted, m->mpidr, m->nr_cpus * sizeof(*sorted));
	sort_unless_sorted(sorted, m->nr_cpus, sizeof(*sorted), u64_cmp);
	for (uint64_t i = 1; i < m->nr_cpus; i++)
		if (sorted[i] == sorted[i - 1]) {
			fail(c, id, "two cpu nodes have reg 0x%" PRIx64 ": MPIDRs must be unique",
			     sorted[i]);
			break;
		}
	if (c->v->from_plan) {
		const uint64_t *want = c->v->mpidr;
		uint64_t i = 0, next = 0;

		/*
		 * The first vCPU without a node, whether or not the counts differ
		 * (tests/test_verify.c plan_cpu_without_node).
		 */
		while (i < c->v->nr_cpus && has_mpidr(sorted, m->nr_cpus, want[i], &next))
			i++;
		if (c->v->nr_cpus != m->nr_cpus && i < c->v->nr_cpus)
			fail(c, id, "the tree has %" PRIu64 " cpu nodes, the VMM creates %" PRIu64
				    " vCPUs: MPIDR 0x%" PRIx64 " has no cpu node", m->nr_cpus,
			     c->v->nr_cpus, want[i]);
		else if (c->v->nr_cpus != m->nr_cpus)
			fail(c, id, "the tree has %" PRIu64 " cpu nodes, the VMM creates %" PRIu64
				    " vCPUs", m->nr_cpus, c->v->nr_cpus);
		else if (i < c->v->nr_cpus)
			fail(c, id, "MPIDR 0x%" PRIx64 " of the VMM's vCPUs has no cpu node (PSCI "
				    "CPU_ON could not start it)", want[i]);
	}
	free(sorted);
	return 0;
}

/* ---- building the GIC the VMM set up ---------------------------------------------------- */

static void build_gic(struct ctx *c)
{
	const struct gp_vgic *v = c->v;
	enum gp_vgic_step step;
	int rc = 0;

	check(c, GP_CHECK_REDIST_CAPACITY)->count = v->nr_cpus - v->unplaced;
	if (v->unplaced > 0) {
		fail(c, GP_CHECK_REDIST_CAPACITY, "vCPU %" PRIu64 " (MPIDR 0x%" PRIx64 ") and %" PRIu64
						  " after it have no redistributor frame: the "
						  "regions hold %" PRIu64,
		     v->nr_cpus - v->unplaced, v->mpidr[v->nr_cpus - v->unplaced],
		     v->unplaced - 1, v->nr_cpus - v->unplaced);
		return;
	}
	c->g = gp_vgic_build(v, c->o->profile, &rc, &step);
	if (c->g == NULL) {
		static const char *const steps[] = {
			[GP_VGIC_CREATE] = "creating",
			[GP_VGIC_ADDRESS] = "placing",
			[GP_VGIC_INIT] = "initialising",
		};

		if (rc == GIC_E_REDIST_FULL)
			fail(c, GP_CHECK_REDIST_CAPACITY, "%s", gic_strerror(rc));
		fail(c, GP_CHECK_GIC_MODEL, "%s GICv%u (%s profile, %" PRIu32 " INTIDs): %s",
		     steps[step], v->version, gic_profile_name(c->o->profile), v->nr_irqs,
		     gic_strerror(rc));
		return;
	}
	check(c, GP_CHECK_GIC_MODEL)->count = 1;
}

/* ---- the distributor ------------------------------------------------------------------- */

static bool mmio_read(struct ctx *c, enum gp_check_id id, uint64_t addr, unsigned size,
		      uint64_t *val)
{
	int rc = gp_vgic_mmio_read(c->v, c->g, addr, size, val);

	if (rc != 0)
		return fail(c, id, "reading %u bytes at 0x%" PRIx64 ": %s", size, addr,
			    gic_strerror(rc));
	return true;
}

static bool mmio_write(struct ctx *c, enum gp_check_id id, uint64_t addr, unsigned size,
		       uint64_t val)
{
	int rc = gic_mmio_write(c->g, addr, size, val);

	if (rc != 0)
		return fail(c, id, "writing %u bytes at 0x%" PRIx64 ": %s", size, addr,
			    gic_strerror(rc));
	return true;
}

static unsigned archrev(uint64_t pidr2)
{
	return (unsigned)(pidr2 >> GIC_PIDR2_ARCHREV_SHIFT) & 0xfu;
}

static void check_distributor(struct ctx *c)
{
	uint64_t base = c->m->gicd.base, pidr2, typer;
	uint32_t set_up = c->v->nr_irqs - GIC_NR_PRIVATE, itl, intids;

	check(c, GP_CHECK_GICD_ID)->count = 1;
	if (mmio_read(c, GP_CHECK_GICD_ID, base + GIC_PIDR2, 4, &pidr2)) {
		unsigned rev = archrev(pidr2);

		if (rev != GIC_ARCHREV_GICV3 && rev != GIC_ARCHREV_GICV4)
			fail(c, GP_CHECK_GICD_ID, "GICD_PIDR2 at 0x%" PRIx64 " reads 0x%" PRIx64 ": "
						  "Linux finds no distributor", base + GIC_PIDR2,
			     pidr2);
		else if (rev != c->v->version)
			fail(c, GP_CHECK_GICD_ID, "GICD_PIDR2 says GICv%u, the VGIC is GICv%u", rev,
			     c->v->version);
	}
	check(c, GP_CHECK_GICD_TYPER)->count = 1;
	if (!mmio_read(c, GP_CHECK_GICD_TYPER, base + GICD_TYPER, 4, &typer))
		return;
	c->typer = typer;
	itl = (uint32_t)(typer >> GICD_TYPER_ITLINES_SHIFT) & ((1u << GICD_TYPER_ITLINES_WIDTH) - 1);
	intids = GIC_NR_IRQS_STEP * (itl + 1);
	if (intids > GIC_INTID_SPECIAL_FIRST)
		intids = GIC_INTID_SPECIAL_FIRST;
	c->guest_spis = intids - GIC_NR_PRIVATE;
	if (c->guest_spis > set_up)
		fail(c, GP_CHECK_GICD_TYPER, "GICD_TYPER shows %" PRIu32 " SPIs, only %" PRIu32
					     " were set up", c->guest_spis, set_up);
	else if (c->guest_spis < set_up)
		warn(c, GP_CHECK_GICD_TYPER, "GICD_TYPER shows the guest %" PRIu32 " SPIs of the %"
					     PRIu32 " set up (ITLinesNumber %" PRIu32 ")",
		     c->guest_spis, set_up, itl);
	/* An ITS needs LPIs; LPIs without one are fine (QEMU's virt from 6.2 with its=off). */
	if (!(typer & GICD_TYPER_LPIS) && c->v->has_its)
		fail(c, GP_CHECK_GICD_TYPER, "GICD_TYPER.LPIS is 0 with an ITS");
}

/* ---- the walk -------------------------------------------------------------------------- */

static int walked_cmp(const void *pa, const void *pb)
{
	const struct walked *a = pa, *b = pb;

	if (a->aff != b->aff)
		return a->aff < b->aff ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

/* The affinity Linux compares with GICR_TYPER[63:32]: Aff3.Aff2.Aff1.Aff0. */
static uint32_t packed_affinity(uint64_t mpidr)
{
	return (uint32_t)((mpidr & MPIDR_AFF3_MASK) >> (MPIDR_AFF3_SHIFT - GIC_PACKED_AFF3_SHIFT)) |
	       (uint32_t)(mpidr & MPIDR_AFF0_2_MASK);
}

/* Walk region @i as Linux does, appending what it meets to @w. Returns false to stop all. */
static bool walk_region(struct ctx *c, uint32_t i, struct walked *w, size_t *n, size_t cap)
{
	const struct gp_window *reg = &c->m->redist[i];
	uint64_t ptr = reg->base, end = reg->base + reg->size, pidr2, typer;

	if (!mmio_read(c, GP_CHECK_REDIST_PIDR2, ptr + GIC_PIDR2, 4, &pidr2))
		return false;
	if (archrev(pidr2) != GIC_ARCHREV_GICV3 && archrev(pidr2) != GIC_ARCHREV_GICV4)
		return fail(c, GP_CHECK_REDIST_PIDR2, "region %" PRIu32 " at 0x%" PRIx64 ": PIDR2 "
						      "reads 0x%" PRIx64 ": no redistributor, and "
						      "Linux walks no region after it",
			    i, reg->base, pidr2);
	for (;;) {
		uint64_t step;

		if (ptr + GICR_TYPER + sizeof(typer) > end || ptr < reg->base)
			return fail(c, GP_CHECK_REDIST_WALK, "region %" PRIu32 " [0x%" PRIx64 ", 0x%"
							     PRIx64 "): no Last bit before its end: "
							     "the walk reads 0x%" PRIx64,
				    i, reg->base, end, ptr + GICR_TYPER);
		if (!mmio_read(c, GP_CHECK_REDIST_WALK, ptr + GICR_TYPER, 8, &typer))
			return false;
		step = typer & GICR_TYPER_VLPIS ? GICR_V4_SIZE : GICR_V3_SIZE;
		if (ptr + step > end)
			return fail(c, GP_CHECK_REDIST_WALK, "region %" PRIu32 ": the redistributor at "
							     "0x%" PRIx64 " runs past the region's end "
							     "0x%" PRIx64, i, ptr, end);
		if (*n == cap)
			return fail(c, GP_CHECK_REDIST_WALK, "region %" PRIu32 ": the walk meets more "
							     "frames than there are vCPUs", i);
		w[*n] = (struct walked){ (uint32_t)(typer >> GICR_TYPER_AFFINITY_SHIFT),
					 (uint32_t)*n, ptr };
		(*n)++;
		if (typer & GICR_TYPER_LAST)
			return true;
		step = c->m->has_stride && c->m->stride ? c->m->stride : step;
		if (!gp_add(ptr, step, &ptr))
			return fail(c, GP_CHECK_REDIST_WALK, "region %" PRIu32 ": the walk wraps the "
							     "address space", i);
	}
}

static int check_walk(struct ctx *c)
{
	size_t cap = c->cpus, n = 0;
	struct walked *w = malloc((cap ? cap : 1) * sizeof(*w));
	uint32_t regions = 0;

	if (w == NULL)
		return gp_fail(c->err, GP_EXIT_USAGE, "out of memory");
	for (uint32_t i = 0; i < c->m->nr_redist; i++) {
		regions++;
		if (!walk_region(c, i, w, &n, cap) && failed(c, GP_CHECK_REDIST_PIDR2))
			break;
	}
	check(c, GP_CHECK_REDIST_PIDR2)->count = regions;
	check(c, GP_CHECK_REDIST_WALK)->count = n;
	c->r->frames_walked = n;

	/* Each vCPU looks itself up: the first frame in walk order with its affinity. */
	sort_unless_sorted(w, n, sizeof(*w), walked_cmp);
	check(c, GP_CHECK_MPIDR_FOUND)->count = c->cpus;
	for (uint32_t cpu = 0, hint = 0; cpu < c->cpus; cpu++) {
		uint32_t aff = packed_affinity(c->v->mpidr[cpu]);
		size_t lo = 0, hi = n, k;
		uint64_t own;

		/* vCPUs usually come in the walk's order: try where the last one ended. */
		if (hint < n && w[hint].aff == aff && (hint == 0 || w[hint - 1].aff < aff)) {
			lo = hint;
		} else {
			while (lo < hi) {
				size_t mid = lo + (hi - lo) / 2;

				if (w[mid].aff < aff)
					lo = mid + 1;
				else
					hi = mid;
			}
		}
		if (lo == n || w[lo].aff != aff) {
			fail(c, GP_CHECK_MPIDR_FOUND, "CPU %" PRIu32 " (MPIDR 0x%" PRIx64 ") has no "
						      "redistributor in the walk", cpu,
			     c->v->mpidr[cpu]);
			continue;
		}
		for (k = lo + 1; k < n && w[k].aff == aff; k++)
			;
		hint = (uint32_t)k;
		if (k - lo > 1)
			fail(c, GP_CHECK_MPIDR_FOUND, "CPU %" PRIu32 " (affinity 0x%" PRIx32 ") is in %zu "
						      "frames, first at 0x%" PRIx64, cpu, aff,
			     k - lo, w[lo].addr);
		if (gic_redist_frame_base(c->g, cpu, &own) != 0 || own != w[lo].addr) {
			fail(c, GP_CHECK_MPIDR_FOUND, "CPU %" PRIu32 " (MPIDR 0x%" PRIx64 ") finds the "
						      "frame at 0x%" PRIx64 ", its own is at 0x%"
						      PRIx64, cpu, c->v->mpidr[cpu], w[lo].addr, own);
			continue;
		}
		c->frame[cpu] = own;
	}
	free(w);
	return 0;
}

/* ---- interrupts ------------------------------------------------------------------------ */

static bool sysreg_read(struct ctx *c, enum gp_check_id id, uint32_t cpu, enum gic_icc_reg reg,
			uint64_t *val)
{
	int rc = gic_cpu_read(c->g, cpu, reg, val);

	if (rc != 0)
		return fail(c, id, "CPU %" PRIu32 ": reading %s: %s", cpu, gic_icc_reg_name(reg),
			    gic_strerror(rc));
	return true;
}

static bool sysreg_write(struct ctx *c, enum gp_check_id id, uint32_t cpu, enum gic_icc_reg reg,
			 uint64_t val)
{
	int rc = gic_cpu_write(c->g, cpu, reg, val);

	if (rc != 0)
		return fail(c, id, "CPU %" PRIu32 ": writing %s: %s", cpu, gic_icc_reg_name(reg),
			    gic_strerror(rc));
	return true;
}

/* What Linux does for its distributor: group 1, default priority, edge, enabled. */
static bool setup_distributor(struct ctx *c, enum gp_check_id id)
{
	uint64_t base = c->m->gicd.base;
	uint32_t words = gp_vgic_intid_blocks(c->v) / GIC_IRQS_PER_WORD;

	if (!mmio_write(c, id, base + GICD_CTLR, 4, GICD_CTLR_ARE | GICD_CTLR_ENABLE_GRP1))
		return false;
	for (uint32_t w = 1; w < words; w++) {
		uint64_t off = 4 * (uint64_t)w;

		if (!mmio_write(c, id, base + GICD_IGROUPR + off, 4, ALL_BITS) ||
		    !mmio_write(c, id, base + GICD_ICFGR + 2 * off, 4, ICFGR_ALL_EDGE) ||
		    !mmio_write(c, id, base + GICD_ICFGR + 2 * off + 4, 4, ICFGR_ALL_EDGE))
			return false;
		for (uint32_t k = 0; k < GIC_IRQS_PER_WORD / 4; k++)
			if (!mmio_write(c, id, base + GICD_IPRIORITYR + 8 * off + 4 * k, 4,
					PRIORITY_WORD))
				return false;
		if (!mmio_write(c, id, base + GICD_ISENABLER + off, 4, ALL_BITS))
			return false;
	}
	return true;
}

/* What Linux does on each CPU: wake its redistributor, enable SGIs/PPIs, open the interface. */
static bool setup_cpu(struct ctx *c, enum gp_check_id id, uint32_t cpu)
{
	uint64_t rd = c->frame[cpu], sgi = rd + GIC_FRAME_SIZE, waker;

	if (!mmio_write(c, id, rd + GICR_WAKER, 4, 0) ||
	    !mmio_read(c, id, rd + GICR_WAKER, 4, &waker))
		return false;
	if (waker & GICR_WAKER_CHILDREN_ASLEEP)
		return fail(c, id, "CPU %" PRIu32 ": GICR_WAKER at 0x%" PRIx64 " still reads "
				   "ChildrenAsleep after ProcessorSleep is cleared", cpu, rd);
	/*
	 * Priorities stay at their reset value, 0, the highest: above any PMR,
	 * on every profile, so they change nothing the checks look at.
	 */
	if (!mmio_write(c, id, sgi + GICR_IGROUPR0, 4, ALL_BITS) ||
	    !mmio_write(c, id, sgi + GICR_ICFGR1, 4, ICFGR_ALL_EDGE))
		return false;
	return mmio_write(c, id, sgi + GICR_ISENABLER0, 4, ALL_BITS) &&
	       sysreg_write(c, id, cpu, GIC_ICC_PMR, PMR_UNMASKED) &&
	       sysreg_write(c, id, cpu, GIC_ICC_IGRPEN1, ICC_IGRPEN_ENABLE);
}

/* How an interrupt was raised: written out only when a check fails. */
struct raised {
	const char *by;   /* "IROUTER = CPU", "SGI from CPU", "PPI of CPU" */
	uint32_t cpu;
	bool has_value;
	uint64_t value;   /* the ICC_SGI1R_EL1 value of an SGI */
};

static const char *raised_str(const struct raised *w, char *buf, size_t cap)
{
	if (w->has_value)
		snprintf(buf, cap, "%s %" PRIu32 " (ICC_SGI1R_EL1 0x%" PRIx64 ")", w->by, w->cpu,
			 w->value);
	else
		snprintf(buf, cap, "%s %" PRIu32, w->by, w->cpu);
	return buf;
}

/*
 * After an interrupt @intid was raised for exactly @targets (sorted or not,
 * @n of them): exactly they are signalled, each acknowledges @intid, ends it.
 */
static bool take(struct ctx *c, enum gp_check_id id, uint32_t intid, const uint32_t *targets,
		 uint32_t n, const struct raised *w)
{
	uint32_t signalled = gic_signalled_cpu_count(c->g);
	uint64_t got;
	char what[96];

	if (signalled != n)
		return fail(c, id, "%s: INTID %" PRIu32 " signals %" PRIu32 " CPUs, not %" PRIu32
				   " (first intended: CPU %" PRIu32 ")",
			    raised_str(w, what, sizeof(what)), intid, signalled, n,
			    n ? targets[0] : 0);
	for (uint32_t i = 0; i < n; i++) {
		if (!sysreg_read(c, id, targets[i], GIC_ICC_IAR1, &got))
			return false;
		if (got != intid) {
			/* End what was acknowledged instead (see quiesce()). */
			if (got < GIC_INTID_SPECIAL_FIRST)
				gic_cpu_write(c->g, targets[i], GIC_ICC_EOIR1, got);
			return fail(c, id, "%s: CPU %" PRIu32 " acknowledges INTID %" PRIu64 ", not %"
					   PRIu32, raised_str(w, what, sizeof(what)), targets[i], got,
				    intid);
		}
		if (!sysreg_write(c, id, targets[i], GIC_ICC_EOIR1, intid))
			return false;
	}
	return true;
}

/*
 * Fix (tests/test_verify.c aff0_groups_of_32): a check that fails half-way
 * leaves what it raised pending (an SGI that reached the wrong CPU) or active;
 * acknowledge and end all of it so that the next check starts on a quiet GIC
 * and one failure does not show up again as another check's.
 */
static void quiesce(struct ctx *c)
{
	uint64_t bound = (uint64_t)c->cpus * GIC_INTID_SPACE, got;
	uint32_t cpu;

	for (uint64_t k = 0; k < bound && gic_signalled_cpus(c->g, &cpu, 1) > 0; k++) {
		if (gic_cpu_read(c->g, cpu, GIC_ICC_IAR1, &got) != 0 ||
		    got >= GIC_INTID_SPECIAL_FIRST ||
		    gic_cpu_write(c->g, cpu, GIC_ICC_EOIR1, got) != 0)
			break;
	}
}

static uint64_t irouter_of(uint64_t mpidr)
{
	return mpidr & (MPIDR_AFF0_2_MASK | MPIDR_AFF3_MASK);
}

/* The address of GICD_IROUTER<@intid>. */
static uint64_t irouter_addr(const struct ctx *c, uint32_t intid)
{
	return c->m->gicd.base + GICD_IROUTER + GICD_IROUTER_STRIDE * (uint64_t)intid;
}

/* A device's edge on SPI @intid: its line goes high, then low. */
static bool pulse_spi(struct ctx *c, enum gp_check_id id, uint32_t intid)
{
	int rc = gic_set_spi_level(c->g, intid, true);

	if (rc == 0)
		rc = gic_set_spi_level(c->g, intid, false);
	if (rc != 0)
		return fail(c, id, "raising SPI INTID %" PRIu32 ": %s", intid, gic_strerror(rc));
	return true;
}

static bool deliver_spi(struct ctx *c, uint32_t intid, uint32_t cpu)
{
	enum gp_check_id id = GP_CHECK_SPI_ROUTING;

	if (!mmio_write(c, id, irouter_addr(c, intid), 8, irouter_of(c->v->mpidr[cpu])) ||
	    !pulse_spi(c, id, intid))
		return false;
	c->r->spi_deliveries++;
	return take(c, id, intid, &cpu, 1, &(struct raised){ "IROUTER = CPU", cpu, false, 0 });
}

/* The next CPU from @cpu on whose redistributor the guest found, or c->cpus. */
static uint32_t next_ready(const struct ctx *c, uint32_t cpu)
{
	while (cpu < c->cpus && c->frame[cpu] == NO_FRAME)
		cpu++;
	return cpu;
}

/*
 * Fix (tests/test_verify.c aff3_cpus): a vCPU whose redistributor the walk
 * did not find takes no interrupt here, but an SPI must still be routable to
 * it: the IROUTER value naming it must read back. KVM keeps only
 * Aff2.Aff1.Aff0, so there a vCPU with Aff3 is no SPI target at all, and the
 * SPI a guest routes to it reaches another vCPU.
 */
static bool routable(struct ctx *c, uint32_t cpu)
{
	enum gp_check_id id = GP_CHECK_SPI_ROUTING;
	uint32_t intid = GIC_INTID_SPI_FIRST;
	uint64_t router = irouter_addr(c, intid);
	uint64_t want = irouter_of(c->v->mpidr[cpu]), got;

	if (!mmio_write(c, id, router, 8, want) || !mmio_read(c, id, router, 8, &got))
		return false;
	if (got != want)
		return fail(c, id, "CPU %" PRIu32 " (MPIDR 0x%" PRIx64 "): IROUTER of INTID %" PRIu32
				   " set to 0x%" PRIx64 " reads back 0x%" PRIx64 ": no SPI can target "
				   "it", cpu, c->v->mpidr[cpu], intid, want, got);
	return true;
}

static void check_spis(struct ctx *c)
{
	uint32_t spis = c->guest_spis, ready = 0;
	uint64_t rounds;

	for (uint32_t cpu = 0; cpu < c->cpus; cpu++)
		ready += c->frame[cpu] != NO_FRAME;
	if (spis == 0 || ready == 0) {
		skip(c, GP_CHECK_SPI_ROUTING, "no SPI or no CPU that found its redistributor");
		return;
	}
	for (uint32_t cpu = 0; cpu < c->cpus; cpu++)
		if (c->frame[cpu] == NO_FRAME && !routable(c, cpu))
			break;
	if (c->o->exhaustive) {
		for (uint32_t s = 0; s < spis; s++)
			for (uint32_t cpu = next_ready(c, 0); cpu < c->cpus;
			     cpu = next_ready(c, cpu + 1))
				if (!deliver_spi(c, GIC_INTID_SPI_FIRST + s, cpu))
					return;
		return;
	}
	/* Every SPI taken at least once and every CPU taking at least one. */
	rounds = spis > ready ? spis : ready;
	for (uint64_t k = 0, cpu = next_ready(c, 0), s = 0; k < rounds; k++) {
		if (!deliver_spi(c, GIC_INTID_SPI_FIRST + (uint32_t)s, (uint32_t)cpu))
			return;
		s = s + 1 == spis ? 0 : s + 1; /* k % spis */
		cpu = next_ready(c, (uint32_t)cpu + 1);
		if (cpu == c->cpus)
			cpu = next_ready(c, 0);
	}
}

static void check_1ofn(struct ctx *c)
{
	enum gp_check_id id = GP_CHECK_SPI_1OFN;

	if (c->typer & GICD_TYPER_NO1N) {
		skip(c, id, "GICD_TYPER.No1N: this GIC offers no 1-of-N routing");
		return;
	}
	for (uint32_t s = 0; s < c->guest_spis; s++) {
		uint32_t intid = GIC_INTID_SPI_FIRST + s, cpu = 0;

		if (!mmio_write(c, id, irouter_addr(c, intid), 8, GICD_IROUTER_IRM) ||
		    !pulse_spi(c, id, intid))
			return;
		/* Whichever CPU the GIC chose: exactly one, and it takes the SPI. */
		gic_signalled_cpus(c->g, &cpu, 1);
		if (!take(c, id, intid, &cpu, 1,
			  &(struct raised){ "IRM = 1, signalled CPU", cpu, false, 0 }))
			return;
		check(c, id)->count++;
	}
}

/* ICC_SGI1R_EL1 naming the CPUs with @mpidr's Aff3.Aff2.Aff1 and Aff0 in @targets (16 bits). */
static uint64_t sgi1r(uint64_t mpidr, uint32_t rs, uint32_t targets, uint32_t sgi)
{
	uint64_t aff1 = (mpidr >> MPIDR_AFF1_SHIFT) & MPIDR_AFF_MASK;
	uint64_t aff2 = (mpidr >> MPIDR_AFF2_SHIFT) & MPIDR_AFF_MASK;
	uint64_t aff3 = (mpidr >> MPIDR_AFF3_SHIFT) & MPIDR_AFF_MASK;

	return (uint64_t)targets | aff1 << ICC_SGIR_AFF1_SHIFT |
	       (uint64_t)sgi << ICC_SGIR_INTID_SHIFT | aff2 << ICC_SGIR_AFF2_SHIFT |
	       (uint64_t)rs << ICC_SGIR_RS_SHIFT | aff3 << ICC_SGIR_AFF3_SHIFT;
}

static bool send_sgi(struct ctx *c, uint32_t from, uint64_t value, uint32_t sgi,
		     const uint32_t *targets, uint32_t n)
{
	enum gp_check_id id = GP_CHECK_SGI_ROUTING;

	if (!sysreg_write(c, id, from, GIC_ICC_SGI1R, value))
		return false;
	c->r->sgi_writes++;
	c->r->sgi_deliveries += n;
	return take(c, id, sgi, targets, n, &(struct raised){ "SGI from CPU", from, true, value });
}

/* CPUs sorted by Aff3.Aff2.Aff1 then Aff0: runs of one Aff0 group. */
static _Thread_local const uint64_t *sort_mpidr; /* qsort has no context argument */
static int by_group(const void *pa, const void *pb)
{
	uint64_t a = sort_mpidr[*(const uint32_t *)pa], b = sort_mpidr[*(const uint32_t *)pb];

	return a < b ? -1 : a > b;
}

/*
 * Send SGIs from @from to every ready CPU of each Aff0 group, one ICC_SGI1R
 * write per group and range of 16 Aff0 values.
 */
static bool sgi_to_groups(struct ctx *c, const uint32_t *order, uint32_t n, uint32_t from,
			  uint32_t *targets)
{
	for (uint32_t i = 0; i < n;) {
		uint64_t group = c->v->mpidr[order[i]] & ~(uint64_t)MPIDR_AFF_MASK;
		uint32_t rs = (uint32_t)(c->v->mpidr[order[i]] & MPIDR_AFF_MASK) /
			      ICC_SGIR_TARGETS_PER_RS;
		uint32_t list = 0, count = 0, sgi = (from + i) % GIC_NR_SGIS;

		for (; i < n; i++) {
			uint64_t mpidr = c->v->mpidr[order[i]];
			uint32_t aff0 = (uint32_t)(mpidr & MPIDR_AFF_MASK);

			if ((mpidr & ~(uint64_t)MPIDR_AFF_MASK) != group ||
			    aff0 / ICC_SGIR_TARGETS_PER_RS != rs)
				break;
			list |= 1u << (aff0 % ICC_SGIR_TARGETS_PER_RS);
			targets[count++] = order[i];
		}
		if (!send_sgi(c, from, sgi1r(group, rs, list, sgi), sgi, targets, count))
			return false;
	}
	return true;
}

static int check_sgis(struct ctx *c)
{
	uint32_t n = 0, *order = malloc((c->cpus ? c->cpus : 1) * sizeof(*order));
	uint32_t *targets = malloc((c->cpus ? c->cpus : 1) * sizeof(*targets));

	if (order == NULL || targets == NULL) {
		free(order);
		free(targets);
		return gp_fail(c->err, GP_EXIT_USAGE, "out of memory");
	}
	for (uint32_t cpu = 0; cpu < c->cpus; cpu++)
		if (c->frame[cpu] != NO_FRAME)
			order[n++] = cpu;
	if (n == 0) {
		skip(c, GP_CHECK_SGI_ROUTING, "no CPU found its redistributor");
		goto out;
	}
	/* One to one, between CPUs half the machine apart: across Aff0, Aff1, Aff2 groups. */
	for (uint32_t i = 0, j = (n / 2 + 1) % n; i < n && !c->o->exhaustive; i++) {
		uint32_t from = order[i], to = order[j];
		uint64_t mpidr = c->v->mpidr[to];
		uint32_t aff0 = (uint32_t)(mpidr & MPIDR_AFF_MASK), sgi = from % GIC_NR_SGIS;

		if (!send_sgi(c, from, sgi1r(mpidr, aff0 / ICC_SGIR_TARGETS_PER_RS,
					      1u << (aff0 % ICC_SGIR_TARGETS_PER_RS), sgi),
			      sgi, &to, 1))
			goto out;
		j = j + 1 == n ? 0 : j + 1; /* (i + n / 2 + 1) % n */
	}
	sort_mpidr = c->v->mpidr;
	sort_unless_sorted(order, n, sizeof(*order), by_group);
	/* Target lists: each group at once; every sender when exhaustive. */
	for (uint32_t i = 0; i < n; i++) {
		if (!sgi_to_groups(c, order, n, order[(i + 1) % n], targets))
			goto out;
		if (!c->o->exhaustive)
			break;
	}
	/* IRM: every CPU but the sender. */
	if (n > 1) {
		uint32_t from = order[0], sgi = GIC_NR_SGIS - 1;

		for (uint32_t i = 1; i < n; i++)
			targets[i - 1] = order[i];
		send_sgi(c, from, ICC_SGIR_IRM | (uint64_t)sgi << ICC_SGIR_INTID_SHIFT, sgi, targets,
			 n - 1);
	}
out:
	check(c, GP_CHECK_SGI_ROUTING)->count = c->r->sgi_deliveries;
	free(order);
	free(targets);
	return 0;
}

static void check_ppis(struct ctx *c)
{
	enum gp_check_id id = GP_CHECK_PPI_LOCAL;

	for (uint32_t cpu = next_ready(c, 0); cpu < c->cpus; cpu = next_ready(c, cpu + 1)) {
		uint32_t intid = GIC_INTID_PPI_FIRST + cpu % GIC_NR_PPIS;
		int rc = gic_set_ppi_level(c->g, cpu, intid, true);

		if (rc == 0)
			rc = gic_set_ppi_level(c->g, cpu, intid, false);
		if (rc != 0) {
			fail(c, id, "CPU %" PRIu32 ": raising PPI INTID %" PRIu32 ": %s", cpu, intid,
			     gic_strerror(rc));
			return;
		}
		if (!take(c, id, intid, &cpu, 1, &(struct raised){ "PPI of CPU", cpu, false, 0 }))
			return;
		c->r->ppi_deliveries++;
		check(c, id)->count++;
	}
}

/* ---- device interrupts ----------------------------------------------------------------- */

/* The bits of a specifier's flags cell that give the trigger (the binding's IRQ_TYPE_*). */
#define IRQ_TRIGGER_MASK 0xfu
#define NO_OWNER SIZE_MAX
#define GIC_OWNER (SIZE_MAX - 1)

/* The first device on an interrupt line, and how it triggers it. */
struct line {
	size_t owner;          /* device index, NO_OWNER, or GIC_OWNER */
	uint32_t trigger;
	uint32_t partition;    /* PPIs: the ppi-partitions phandle of the first owner */
};

/*
 * Real SoCs share SPIs between devices (Linux's IRQF_SHARED): a warning. A
 * line fails where no VMM would wire it: triggered two ways, or a PPI the GIC
 * owns (its maintenance interrupt) taken by a device. PPIs of different
 * ppi-partitions are different lines.
 */
static void check_device_irqs(struct ctx *c)
{
	const struct gp_machine *m = c->m;
	enum gp_check_id id = GP_CHECK_DEVICE_IRQS;
	uint32_t limit = c->g ? c->guest_spis : c->v->nr_irqs - GIC_NR_PRIVATE;
	struct line spi[GIC_INTID_SPACE], ppi[GIC_NR_PPIS];

	for (size_t i = 0; i < GIC_INTID_SPACE; i++)
		spi[i] = (struct line){ NO_OWNER, 0, 0 };
	for (size_t i = 0; i < GIC_NR_PPIS; i++)
		ppi[i] = (struct line){ NO_OWNER, 0, 0 };
	if (m->nr_maintenance == 1 && m->maintenance.number < GIC_NR_PPIS)
		ppi[m->maintenance.number].owner = GIC_OWNER;
	if (m->nr_unresolved_irqs > 0)
		warn(c, id, "%zu device interrupts Linux cannot resolve, the first: %s",
		     m->nr_unresolved_irqs, gp_mach_str(m, m->unresolved_irq));
	for (size_t d = 0; d < m->nr_devices; d++) {
		const struct gp_mach_device *dev = &m->devices[d];
		const char *path = gp_mach_str(m, dev->path);

		for (size_t k = 0; k < dev->nr_irq; k++) {
			const struct gp_mach_irq *irq = &m->irqs[dev->first_irq + k];
			const char *kind = irq->type == GP_IRQ_SPI ? "SPI" : "PPI";
			uint32_t trigger = irq->flags & IRQ_TRIGGER_MASK;
			struct line *l;

			check(c, id)->count++;
			if (irq->type == GP_IRQ_SPI) {
				if (irq->number >= limit) {
					fail(c, id, "%s: SPI %" PRIu32 " (INTID %" PRIu32 ") is not below "
						    "the %" PRIu32 " SPIs the guest sees (resolved to "
						    "the GIC %s)", path,
					     irq->number, irq->number + GIC_INTID_SPI_FIRST, limit,
					     gp_mach_str(m, m->gic_path));
					continue;
				}
				l = &spi[irq->number];
			} else if (irq->type == GP_IRQ_PPI) {
				if (irq->number >= GIC_NR_PPIS) {
					fail(c, id, "%s: PPI %" PRIu32 " is not below %u: Linux takes it "
						    "as INTID %" PRIu32 ", another interrupt "
						    "(gic_irq_domain_translate)", path, irq->number,
					     GIC_NR_PPIS, irq->number + GIC_INTID_PPI_FIRST);
					continue;
				}
				l = &ppi[irq->number];
			} else {
				fail(c, id, "%s: interrupt type %" PRIu32 " (extended SPI/PPI range) is "
					    "not modelled", path, irq->type);
				continue;
			}
			if (l->owner == NO_OWNER) {
				*l = (struct line){ d, trigger, irq->partition };
				continue;
			}
			if (l->owner == GIC_OWNER) {
				fail(c, id, "%s: PPI %" PRIu32 " is the GIC maintenance interrupt", path,
				     irq->number);
				continue;
			}
			if (irq->type == GP_IRQ_PPI && irq->partition != l->partition)
				continue;
			/* An interrupt-map repeats a bridge's lines for every slot: that is one owner. */
			if (l->owner == d && irq->from_map)
				continue;
			if (trigger != l->trigger)
				fail(c, id, "%s: %s %" PRIu32 " is also %s's, triggered otherwise (flags "
					    "0x%" PRIx32 ", not 0x%" PRIx32 ")", path, kind, irq->number,
				     l->owner == d ? "its own" : gp_mach_str(m, m->devices[l->owner].path),
				     trigger, l->trigger);
			else
				warn(c, id, "%s: %s %" PRIu32 " is also %s (shared, as Linux allows)",
				     path, kind, irq->number,
				     l->owner == d ? "its own (listed twice)"
						   : gp_mach_str(m, m->devices[l->owner].path));
		}
	}
}

/* ---- the KVM attribute list ----------------------------------------------------------- */

static int check_kvm(struct ctx *c)
{
	struct gp_kvm_list l;
	char error[sizeof(check(c, GP_CHECK_KVM_ATTRS)->detail)], warning[sizeof(error)];
	struct gp_kvm_target t = { .nr_cpus = c->v->nr_cpus, .gic_version = c->v->version,
				   .ipa_bits = c->o->ipa_bits,
				   .kvm_profile = c->o->profile == GIC_PROFILE_KVM,
				   .redist_stride = c->m->has_stride ? c->m->stride : 0 };

	if (gp_kvm_attrs(c->v, &l, c->err) < 0)
		return -1;
	check(c, GP_CHECK_KVM_ATTRS)->count = l.n;
	if (!gp_kvm_check(&l, &t, error, sizeof(error), warning, sizeof(warning)))
		fail(c, GP_CHECK_KVM_ATTRS, "%s", error);
	else if (warning[0])
		warn(c, GP_CHECK_KVM_ATTRS, "%s", warning);
	gp_kvm_free(&l);
	return 0;
}

/* ---- the run --------------------------------------------------------------------------- */

/* ---- LPIs through the ITS: lpi-routing and its-targets -------------------------------- */

/*
 * The guest memory the ITS tables live in: 4 KiB pages made when first
 * written (untouched RAM reads as zero, as Linux's zeroed tables), at most
 * GUEST_PAGES_MAX of them; outside [ram, ram + ram_size) nothing is memory.
 * Pending tables are never touched by the model, so 65536 vCPUs cost nothing.
 */
#define GUEST_PAGE 4096u
#define GUEST_PAGES_MAX 16384u          /* 64 MiB touched at most */
#define GUEST_RAM_DEFAULT UINT64_C(0x40000000) /* 1 GiB at 1 GiB when the tree has no memory */
#define GUEST_RAM_MIN (UINT64_C(64) << 20)     /* a memory node smaller than this is not used */
#define ITS_PAGE UINT64_C(0x10000)      /* Linux's ITS tables: 64 KiB pages */
#define ITS_BASER_PAGES_MAX 256u        /* GITS_BASER.Size: 8 bits of pages */
#define ITS_CMDQ_BYTES UINT64_C(0x10000)
#define ITS_CMDQ_BATCH 1024u            /* commands queued before GITS_CWRITER moves: half the queue */
#define LPI_PROP_PRIO 0xa0u             /* Linux's LPI_PROP_DEFAULT_PRIO */
#define LPI_ID_BITS 16u                 /* Linux: min(GICD_TYPER.IDbits, ITS_MAX_LPI_NRBITS 16) */
#define MSI_SAMPLES 3u                  /* of a wide range: first, middle, last */
#define MSI_RANGE_ALL 32u               /* a range this short is sent whole */
#define ITT_ALIGN UINT64_C(256)
#define ITS_VECTOR_BITS 10u             /* a device's vectors a round: 1024, an MSI-X table's half */
#define PROC_NUM_TARGETS (UINT64_C(1) << 16) /* GICR_TYPER.Processor_Number: 16 bits */
#define ITS_COLLECTION_ID_BITS 16u     /* the ICID field of MAPC, MAPTI, MOVI */

struct guest_page {
	uint64_t addr;    /* page address + 1; 0 = empty slot */
	uint8_t *data;
};

#define GM_CACHE 64u            /* pages remembered, by hash: queue, tables, ITTs side by side */
#define GM_SLOTS_FIRST 1024u

struct guest_mem {
	uint64_t ram, ram_size;
	struct guest_page *slot;  /* open addressing, at most half full; NULL until a write */
	uint32_t mask, used;
	uint64_t next;            /* bump allocator for tables */
	struct guest_page cache[GM_CACHE];
};

static uint32_t gm_hash(uint64_t page, uint32_t mask)
{
	return (uint32_t)((page / GUEST_PAGE) * UINT64_C(0x9E3779B97F4A7C15) >> 40) & mask;
}

static bool gm_grow(struct guest_mem *gm)
{
	uint32_t cap = gm->slot != NULL ? 2 * (gm->mask + 1) : GM_SLOTS_FIRST;
	struct guest_page *n = calloc(cap, sizeof(*n));

	if (n == NULL)
		return false;
	for (uint32_t i = 0; gm->slot != NULL && i <= gm->mask; i++) {
		uint32_t h;

		if (gm->slot[i].addr == 0)
			continue;
		h = gm_hash(gm->slot[i].addr - 1, cap - 1);
		while (n[h].addr != 0)
			h = (h + 1) & (cap - 1);
		n[h] = gm->slot[i];
	}
	free(gm->slot);
	gm->slot = n;
	gm->mask = cap - 1;
	return true;
}

/* gm_page past the cache, which it refills in @c. */
static uint8_t *gm_page_slow(struct guest_mem *gm, struct guest_page *c, uint64_t page, bool make)
{
	uint32_t h;

	if (gm->slot == NULL && (!make || !gm_grow(gm)))
		return NULL;
	for (h = gm_hash(page, gm->mask); gm->slot[h].addr != 0 && gm->slot[h].addr != page + 1;)
		h = (h + 1) & gm->mask;
	if (gm->slot[h].addr == 0) {
		uint8_t *data;

		if (!make || gm->used >= GUEST_PAGES_MAX)
			return NULL;
		if (2 * (gm->used + 1) > gm->mask + 1) {
			if (!gm_grow(gm))
				return NULL;
			for (h = gm_hash(page, gm->mask); gm->slot[h].addr != 0;)
				h = (h + 1) & gm->mask;
		}
		data = calloc(1, GUEST_PAGE);
		if (data == NULL)
			return NULL;
		gm->slot[h] = (struct guest_page){ page + 1, data };
		gm->used++;
	}
	*c = gm->slot[h];
	return c->data;
}

/* The bytes of guest page @page; made (zeroed) when @make, NULL when absent or full. */
static inline uint8_t *gm_page(struct guest_mem *gm, uint64_t page, bool make)
{
	struct guest_page *c = &gm->cache[gm_hash(page, GM_CACHE - 1)];

	return c->addr == page + 1 ? c->data : gm_page_slow(gm, c, page, make);
}

static bool gm_in_ram(const struct guest_mem *gm, uint64_t addr, size_t len)
{
	return addr >= gm->ram && addr - gm->ram <= gm->ram_size - len;
}

/* @len bytes at @addr in guest RAM to @buf (absent pages read 0), or from it (made). */
static int gm_copy(struct guest_mem *gm, uint64_t addr, uint8_t *buf, size_t len, bool write)
{
	if (!gm_in_ram(gm, addr, len))
		return -1;
	for (size_t done = 0; done < len;) {
		uint64_t a = addr + done, page = a & ~(uint64_t)(GUEST_PAGE - 1);
		size_t n = GUEST_PAGE - (size_t)(a - page);
		uint8_t *p = gm_page(gm, page, write);

		n = n < len - done ? n : len - done;
		if (write && p == NULL)
			return -1;
		if (write)
			memcpy(p + (a - page), buf + done, n);
		else if (p != NULL)
			memcpy(buf + done, p + (a - page), n);
		else
			memset(buf + done, 0, n);
		done += n;
	}
	return 0;
}

/*
 * gic_guest_mem's read and write: the model's accesses its page shortcut
 * (gm_map) does not serve, and verify's own writes of whole tables.
 */
static int gm_read(void *ctx, uint64_t addr, void *buf, size_t len)
{
	return gm_copy(ctx, addr, buf, len, false);
}

static int gm_write(void *ctx, uint64_t addr, const void *buf, size_t len)
{
	return gm_copy(ctx, addr, (uint8_t *)(uintptr_t)buf, len, true);
}

/* gic_guest_mem.map: a whole page of guest RAM, made when @make. */
static void *gm_map(void *ctx, uint64_t page, bool make)
{
	struct guest_mem *gm = ctx;

	return gm_in_ram(gm, page, GUEST_PAGE) ? gm_page(gm, page, make) : NULL;
}

static void gm_free(struct guest_mem *gm)
{
	if (gm->slot != NULL)
		for (uint32_t i = 0; i <= gm->mask; i++)
			free(gm->slot[i].data);
	free(gm->slot);
}

/* @bytes of guest RAM aligned to @align (a power of two), or 0 when RAM is full. */
static uint64_t gm_alloc(struct guest_mem *gm, uint64_t bytes, uint64_t align)
{
	uint64_t a = (gm->next + align - 1) & ~(align - 1);

	if (a < gm->ram || a - gm->ram > gm->ram_size || bytes > gm->ram_size - (a - gm->ram))
		return 0;
	gm->next = a + bytes;
	return a;
}

/* The guest's view of one ITS while Linux's driver programs it. */
struct its_guest {
	uint64_t base;            /* the tree's address */
	uint64_t typer;
	uint64_t cmdq, cwriter;
	unsigned devbits, idbits, ite_size;
	bool pta;
	uint32_t lpi_next;        /* next free LPI */
	uint32_t lpi_end;
	uint64_t *rd;             /* per vCPU: the RDbase of its collection (its->collections[cpu]) */
	unsigned queued;          /* commands written since GITS_CWRITER last moved */
};

struct msi_dev {
	const char *path;
	uint32_t devid;
	struct its_guest *its;
};

/* @v little-endian at @b (compilers make it one store). */
static void put_le64(uint8_t *b, uint64_t v)
{
	b[0] = (uint8_t)v;
	b[1] = (uint8_t)(v >> 8);
	b[2] = (uint8_t)(v >> 16);
	b[3] = (uint8_t)(v >> 24);
	b[4] = (uint8_t)(v >> 32);
	b[5] = (uint8_t)(v >> 40);
	b[6] = (uint8_t)(v >> 48);
	b[7] = (uint8_t)(v >> 56);
}

/* Give the ITS what was queued: GITS_CWRITER to the end of it. */
static bool its_flush(struct ctx *c, struct its_guest *ig)
{
	if (ig->queued == 0)
		return true;
	ig->queued = 0;
	return mmio_write(c, GP_CHECK_LPI_ROUTING, ig->base + GITS_CWRITER, 8, ig->cwriter);
}

static bool its_cmd(struct ctx *c, struct guest_mem *gm, struct its_guest *ig,
		    const uint64_t dw[4])
{
	uint64_t addr = ig->cmdq + ig->cwriter, off = addr & (GUEST_PAGE - 1);
	/* A command never crosses a page: the queue is page aligned, commands 32 bytes. */
	uint8_t *b = gm_in_ram(gm, addr, GITS_CMD_SIZE) ? gm_page(gm, addr - off, true) : NULL;

	if (b == NULL)
		return fail(c, GP_CHECK_LPI_ROUTING, "guest memory for the ITS command queue is full");
	for (unsigned i = 0; i < GITS_CMD_SIZE / sizeof(uint64_t); i++)
		put_le64(b + off + i * sizeof(uint64_t), dw[i]);
	ig->cwriter = (ig->cwriter + GITS_CMD_SIZE) % ITS_CMDQ_BYTES;
	/* GITS_CWRITER moves before the queue fills (or at its_flush): the ITS runs them all. */
	if (++ig->queued < ITS_CMDQ_BATCH)
		return true;
	return its_flush(c, ig);
}

/* The RDbase Linux gives a collection of @cpu: its frame's address >> 16 with PTA, else Processor_Number. */
static bool its_rdbase(struct ctx *c, const struct its_guest *ig, uint32_t cpu, uint64_t *rd)
{
	uint64_t typer;

	if (ig->rd[cpu] != UINT64_MAX) {
		*rd = ig->rd[cpu];
		return true;
	}
	if (ig->pta) {
		*rd = c->frame[cpu] >> 16;
	} else {
		if (!mmio_read(c, GP_CHECK_LPI_ROUTING, c->frame[cpu] + GICR_TYPER, 8, &typer))
			return false;
		*rd = (typer >> GICR_TYPER_PROC_NUM_SHIFT) & GICR_TYPER_PROC_NUM_MASK;
	}
	ig->rd[cpu] = *rd;
	return true;
}

static uint64_t rdbase_field(uint64_t rd)
{
	return (rd & GITS_CMD_RDBASE_MASK) << GITS_CMD_RDBASE_SHIFT;
}

/* its_alloc_tables: a flat table while it fits GITS_BASER.Size, else two levels. */
static bool its_table(struct ctx *c, struct guest_mem *gm, struct its_guest *ig, unsigned n,
		      unsigned bits)
{
	uint64_t entries = UINT64_C(1) << bits, bytes = entries * GITS_TABLE_ENTRY_SIZE, pa;
	uint64_t baser = GITS_BASER_VALID | UINT64_C(2) << GITS_BASER_PAGE_SHIFT;

	if (bytes > ITS_BASER_PAGES_MAX * ITS_PAGE) {
		bytes = entries / (ITS_PAGE / GITS_TABLE_ENTRY_SIZE) * sizeof(uint64_t);
		baser |= GITS_BASER_INDIRECT;
	}
	bytes = (bytes + ITS_PAGE - 1) & ~(ITS_PAGE - 1);
	pa = gm_alloc(gm, bytes, ITS_PAGE);
	if (pa == 0)
		return fail(c, GP_CHECK_LPI_ROUTING, "ITS at 0x%" PRIx64 ": no guest RAM for a "
			    "%" PRIu64 "-byte table", ig->base, bytes);
	baser |= pa | (bytes / ITS_PAGE - 1);
	return mmio_write(c, GP_CHECK_LPI_ROUTING, ig->base + GITS_BASER + 8 * n, 8, baser);
}

/* A level 2 page for DeviceID @devid when the device table has two levels. */
static bool its_l2(struct ctx *c, struct guest_mem *gm, struct its_guest *ig, uint32_t devid)
{
	uint64_t baser, l1 = 0, l1_addr, page;
	uint8_t b[sizeof(uint64_t)];

	if (!mmio_read(c, GP_CHECK_LPI_ROUTING, ig->base + GITS_BASER, 8, &baser))
		return false;
	if (!(baser & GITS_BASER_INDIRECT))
		return true;
	l1_addr = (baser & GITS_BASER_PA_MASK & ~(ITS_PAGE - 1)) +
		  devid / (ITS_PAGE / GITS_TABLE_ENTRY_SIZE) * sizeof(uint64_t);
	if (gm_read(gm, l1_addr, &l1, sizeof(l1)) != 0)
		return fail(c, GP_CHECK_LPI_ROUTING, "reading the device table at 0x%" PRIx64, l1_addr);
	if (l1 & GITS_L1_VALID)
		return true;
	page = gm_alloc(gm, ITS_PAGE, ITS_PAGE);
	if (page == 0)
		return fail(c, GP_CHECK_LPI_ROUTING, "no guest RAM for a device table page");
	put_le64(b, GITS_L1_VALID | page);
	return gm_write(gm, l1_addr, b, sizeof(b)) == 0 ||
	       fail(c, GP_CHECK_LPI_ROUTING, "guest memory full");
}

/* Linux's ITS probe and per-CPU init for the ITS at @base. */
static bool its_probe(struct ctx *c, struct guest_mem *gm, struct its_guest *ig)
{
	uint64_t rd;

	if (!mmio_read(c, GP_CHECK_LPI_ROUTING, ig->base + GITS_TYPER, 8, &ig->typer))
		return false;
	ig->devbits = (unsigned)((ig->typer >> GITS_TYPER_DEVBITS_SHIFT) & GITS_FIELD5_MASK) + 1;
	ig->idbits = (unsigned)((ig->typer >> GITS_TYPER_IDBITS_SHIFT) & GITS_FIELD5_MASK) + 1;
	ig->ite_size = (unsigned)((ig->typer >> GITS_TYPER_ITT_SIZE_SHIFT) & GITS_FIELD4_MASK) + 1;
	ig->pta = ig->typer & GITS_TYPER_PTA;
	ig->rd = malloc(c->cpus * sizeof(*ig->rd));
	if (ig->rd == NULL)
		return fail(c, GP_CHECK_LPI_ROUTING, "out of memory");
	memset(ig->rd, 0xff, c->cpus * sizeof(*ig->rd));
	ig->cmdq = gm_alloc(gm, ITS_CMDQ_BYTES, ITS_PAGE);
	if (ig->cmdq == 0)
		return fail(c, GP_CHECK_LPI_ROUTING, "no guest RAM for the command queue");
	if (!mmio_write(c, GP_CHECK_LPI_ROUTING, ig->base + GITS_CBASER, 8,
			GITS_CBASER_VALID | ig->cmdq | (ITS_CMDQ_BYTES / GITS_CMDQ_PAGE - 1)) ||
	    !its_table(c, gm, ig, 0, ig->devbits) ||
	    !its_table(c, gm, ig, 1, ITS_COLLECTION_ID_BITS) ||
	    !mmio_write(c, GP_CHECK_LPI_ROUTING, ig->base + GITS_CTLR, 4, GITS_CTLR_ENABLED))
		return false;
	/* its_cpu_init_collection: collection n targets CPU n (MAPC), then INVALL */
	for (uint32_t cpu = next_ready(c, 0); cpu < c->cpus; cpu = next_ready(c, cpu + 1)) {
		if (!its_rdbase(c, ig, cpu, &rd) ||
		    !its_cmd(c, gm, ig, (uint64_t[4]){ GITS_CMD_MAPC, 0,
				     GITS_CMD_VALID | rdbase_field(rd) | (cpu & GITS_CMD_ICID_MASK), 0 }) ||
		    !its_cmd(c, gm, ig, (uint64_t[4]){ GITS_CMD_INVALL, 0,
				     cpu & GITS_CMD_ICID_MASK, 0 }))
			return false;
	}
	return true;
}

/* The vCPU that takes LPI @intid must be @cpu alone. */
static bool its_expect(struct ctx *c, const struct msi_dev *d, uint32_t event, uint32_t intid,
		       uint32_t cpu)
{
	enum gic_its_error why = GIC_ITS_OK;
	struct gp_check *k = check(c, GP_CHECK_LPI_ROUTING);
	size_t len;
	int rc;

	if (!its_flush(c, d->its))
		return false;
	rc = gic_msi_write(c->g, d->its->base + GIC_ITS_TRANSLATER_OFFSET, d->devid, event, &why);
	if (rc != 0)
		return fail(c, GP_CHECK_LPI_ROUTING, "%s: DeviceID 0x%" PRIx32 ": a write to "
			    "GITS_TRANSLATER at 0x%" PRIx64 ": %s", d->path, d->devid,
			    d->its->base + GIC_ITS_TRANSLATER_OFFSET, gic_strerror(rc));
	if (why != GIC_ITS_OK)
		return fail(c, GP_CHECK_LPI_ROUTING, "%s: DeviceID 0x%" PRIx32 " EventID %" PRIu32
			    " is dropped: %s", d->path, d->devid, event, gic_its_strerror(why));
	if (take(c, GP_CHECK_LPI_ROUTING, intid, &cpu, 1,
		 &(struct raised){ "MSI to CPU", cpu, false, 0 })) {
		c->r->lpi_deliveries++;
		return true;
	}
	/* Which device: named only on failure (no formatting on the fast path). */
	len = strlen(k->detail);
	snprintf(k->detail + len, sizeof(k->detail) - len, " (%s, DeviceID 0x%" PRIx32 ")", d->path,
		 d->devid);
	return false;
}

/* MAPD for @d, MAPTI EventID 0 -> a fresh LPI -> collection of @cpu, SYNC. */
static bool its_map_device(struct ctx *c, struct guest_mem *gm, const struct msi_dev *d,
			   uint32_t cpu, uint32_t *intid)
{
	struct its_guest *ig = d->its;
	uint64_t itt, rd;
	const unsigned bits = 1; /* Linux: at least 2 events an ITT */

	if (ig->lpi_next >= ig->lpi_end)
		ig->lpi_next = GIC_LPI_FIRST; /* reuse: the LPI of an earlier device is taken */
	*intid = ig->lpi_next++;
	itt = gm_alloc(gm, (uint64_t)ig->ite_size << bits, ITT_ALIGN);
	if (itt == 0)
		return fail(c, GP_CHECK_LPI_ROUTING, "no guest RAM for an ITT");
	return its_l2(c, gm, ig, d->devid) && its_rdbase(c, ig, cpu, &rd) &&
	       its_cmd(c, gm, ig, (uint64_t[4]){ GITS_CMD_MAPD | (uint64_t)d->devid << 32, bits - 1,
				 GITS_CMD_VALID | itt, 0 }) &&
	       its_cmd(c, gm, ig, (uint64_t[4]){ GITS_CMD_MAPTI | (uint64_t)d->devid << 32,
				 (uint64_t)*intid << 32, cpu & GITS_CMD_ICID_MASK, 0 }) &&
	       its_cmd(c, gm, ig, (uint64_t[4]){ GITS_CMD_SYNC, 0, rdbase_field(rd), 0 });
}

/* its_set_affinity: MOVI EventID 0 of @d to @cpu's collection, SYNC; then its MSI. */
static bool its_move_and_send(struct ctx *c, struct guest_mem *gm, const struct msi_dev *d,
			      uint32_t intid, uint32_t cpu)
{
	uint64_t rd;

	return its_rdbase(c, d->its, cpu, &rd) &&
	       its_cmd(c, gm, d->its, (uint64_t[4]){ GITS_CMD_MOVI | (uint64_t)d->devid << 32, 0,
				     cpu & GITS_CMD_ICID_MASK, 0 }) &&
	       its_cmd(c, gm, d->its, (uint64_t[4]){ GITS_CMD_SYNC, 0, rdbase_field(rd), 0 }) &&
	       its_expect(c, d, 0, intid, cpu);
}

/*
 * Every vCPU an MSI of its own, as a multi-queue device's vectors get one each
 * (managed affinity; Linux's its_irq_domain_alloc and its_irq_domain_activate):
 * device @d mapped again (MAPD V=0, then V=1) with an ITT of up to
 * 2^ITS_VECTOR_BITS events, event k MAPTI'd to a fresh LPI and the collection
 * of the round's k-th vCPU, each followed by the SYNC its_send_single_command
 * adds; then each event's MSI, which that vCPU alone must take. Rounds until
 * every vCPU had one.
 */
static bool its_vectors_to_every_cpu(struct ctx *c, struct guest_mem *gm,
				     const struct msi_dev *d)
{
	struct its_guest *ig = d->its;
	unsigned bits = ig->idbits < ITS_VECTOR_BITS ? ig->idbits : ITS_VECTOR_BITS;
	uint32_t vectors = UINT32_C(1) << bits, t = next_ready(c, 0);
	struct { uint32_t cpu, intid; } *round = malloc(vectors * sizeof(*round));
	bool ok = round != NULL || fail(c, GP_CHECK_LPI_ROUTING, "out of memory");

	while (ok && t < c->cpus) {
		uint64_t itt = gm_alloc(gm, (uint64_t)ig->ite_size << bits, ITT_ALIGN), rd;
		uint32_t k = 0;

		if (itt == 0) {
			ok = fail(c, GP_CHECK_LPI_ROUTING, "no guest RAM for an ITT");
			break;
		}
		ok = its_cmd(c, gm, ig, (uint64_t[4]){ GITS_CMD_MAPD | (uint64_t)d->devid << 32, 0,
						 0, 0 }) &&
		     its_cmd(c, gm, ig, (uint64_t[4]){ GITS_CMD_MAPD | (uint64_t)d->devid << 32,
						 bits - 1, GITS_CMD_VALID | itt, 0 });
		for (; ok && k < vectors && t < c->cpus; k++, t = next_ready(c, t + 1)) {
			if (ig->lpi_next >= ig->lpi_end)
				ig->lpi_next = GIC_LPI_FIRST; /* the LPIs of an earlier round are taken */
			round[k].cpu = t;
			round[k].intid = ig->lpi_next++;
			ok = its_rdbase(c, ig, t, &rd) &&
			     its_cmd(c, gm, ig, (uint64_t[4]){ GITS_CMD_MAPTI |
							 (uint64_t)d->devid << 32,
							 (uint64_t)round[k].intid << 32 | k,
							 t & GITS_CMD_ICID_MASK, 0 }) &&
			     its_cmd(c, gm, ig, (uint64_t[4]){ GITS_CMD_SYNC, 0, rdbase_field(rd), 0 });
		}
		for (uint32_t j = 0; ok && j < k; j++)
			ok = its_expect(c, d, j, round[j].intid, round[j].cpu);
	}
	free(round);
	return ok;
}

/* The largest vCPU count ITS @ig can target under the profile (its-targets). */
static void check_its_targets(struct ctx *c, const struct its_guest *ig)
{
	enum gp_check_id id = GP_CHECK_ITS_TARGETS;
	uint64_t colls = UINT64_C(1) << ITS_COLLECTION_ID_BITS;
	uint64_t targets = ig->pta ? UINT64_MAX : PROC_NUM_TARGETS;

	if (ig->typer & GITS_TYPER_CIL)
		colls = UINT64_C(1) << (((ig->typer >> GITS_TYPER_CIDBITS_SHIFT) & GITS_FIELD4_MASK) + 1);
	check(c, id)->count = targets < colls ? targets : colls;
	if (c->cpus > targets)
		fail(c, id, "%" PRIu32 " vCPUs, but the ITS at 0x%" PRIx64 " can target %" PRIu64
		     ": GITS_TYPER.PTA is 0, so a collection names its redistributor by "
		     "GICR_TYPER.Processor_Number (16 bits)", c->cpus, ig->base, targets);
	else if (c->cpus > colls)
		fail(c, id, "%" PRIu32 " vCPUs, but the ITS at 0x%" PRIx64 " has %" PRIu64
		     " collection IDs (GITS_TYPER.CIL/CIDbits, the 16-bit ICID): Linux makes one "
		     "collection per CPU", c->cpus, ig->base, colls);
}

/* Linux's per-CPU LPI setup: one configuration table, a pending table each, EnableLPIs. */
static bool lpi_cpus_on(struct ctx *c, struct guest_mem *gm)
{
	uint64_t lpis = (UINT64_C(1) << LPI_ID_BITS) - GIC_LPI_FIRST;
	uint64_t prop = gm_alloc(gm, lpis, ITS_PAGE), pend_size = (UINT64_C(1) << LPI_ID_BITS) / 8;
	uint8_t cfg[GUEST_PAGE];

	if (prop == 0)
		return fail(c, GP_CHECK_LPI_ROUTING, "no guest RAM for the LPI configuration table");
	memset(cfg, LPI_PROP_PRIO | LPI_CFG_ENABLE, sizeof(cfg));
	for (uint64_t off = 0; off < lpis; off += GUEST_PAGE)
		if (gm_write(gm, prop + off, cfg, GUEST_PAGE) != 0)
			return fail(c, GP_CHECK_LPI_ROUTING, "guest memory full");
	for (uint32_t cpu = next_ready(c, 0); cpu < c->cpus; cpu = next_ready(c, cpu + 1)) {
		/* Pending tables: addresses only; the model keeps pending LPIs itself. */
		uint64_t pend = gm->ram + (uint64_t)cpu * pend_size % gm->ram_size;

		if (!mmio_write(c, GP_CHECK_LPI_ROUTING, c->frame[cpu] + GICR_PROPBASER, 8,
				prop | (LPI_ID_BITS - 1)) ||
		    !mmio_write(c, GP_CHECK_LPI_ROUTING, c->frame[cpu] + GICR_PENDBASER, 8,
				pend & GICR_PROPBASER_PA_MASK) ||
		    !mmio_write(c, GP_CHECK_LPI_ROUTING, c->frame[cpu] + GICR_CTLR, 4,
				GICR_CTLR_ENABLE_LPIS))
			return false;
	}
	return true;
}

/* The DeviceIDs every msi-map entry and msi-parent gives, sampled, into *@out. */
static int msi_devices(struct ctx *c, struct its_guest *igs, struct msi_dev **out, size_t *n)
{
	const struct gp_machine *m = c->m;
	size_t cap = m->nr_msi * MSI_RANGE_ALL + 1;
	struct msi_dev *d = calloc(cap, sizeof(*d));

	*out = d;
	*n = 0;
	if (d == NULL)
		return gp_fail(c->err, GP_EXIT_USAGE, "out of memory");
	for (size_t k = 0; k < m->nr_msi; k++) {
		const struct gp_mach_msi *e = &m->msi[k];
		const char *path = gp_mach_str(m, e->path);
		uint32_t i, step;
		uint64_t last = (uint64_t)e->msi_base + e->length - 1;

		for (i = 0; i < m->nr_its && m->its[i].phandle != e->parent; i++)
			;
		if (!e->parent_exists) {
			fail(c, GP_CHECK_LPI_ROUTING, "%s: %s names phandle 0x%" PRIx32 ", no node: "
			     "no ITS takes its MSIs", path, e->map ? "msi-map" : "msi-parent",
			     e->parent);
			return 0;
		}
		if (i == m->nr_its || e->length == 0)
			continue; /* another MSI controller's (a GICv2m frame): not the ITS's */
		if (last >> igs[i].devbits) {
			fail(c, GP_CHECK_LPI_ROUTING, "%s: DeviceIDs 0x%" PRIx32 "-0x%" PRIx64 " pass "
			     "GITS_TYPER.Devbits of the ITS at 0x%" PRIx64 " (%u bits)", path,
			     e->msi_base, last, igs[i].base, igs[i].devbits);
			return 0;
		}
		step = e->length <= MSI_RANGE_ALL ? 1 : (e->length - 1) / (MSI_SAMPLES - 1);
		for (uint64_t id = e->msi_base; id <= last; id += step) {
			d[(*n)++] = (struct msi_dev){ path, (uint32_t)id, &igs[i] };
			if (step == 0)
				break;
		}
	}
	if (*n == 0)
		d[(*n)++] = (struct msi_dev){ "(no MSI device in the tree) DeviceID 0", 0, &igs[0] };
	return 0;
}

/*
 * lpi-routing: program every ITS as Linux's driver does, map each device's
 * DeviceIDs, and prove that an MSI reaches exactly the vCPU its collection
 * names: each device once, moved once (MOVI), and each vCPU through a vector
 * of the last device (of every device, exhaustive).
 */
static int check_lpi_routing(struct ctx *c)
{
	const struct gp_machine *m = c->m;
	enum gp_check_id id = GP_CHECK_LPI_ROUTING;
	struct guest_mem gm = { 0 };
	struct its_guest *igs = NULL;
	struct msi_dev *devs = NULL;
	size_t nd = 0;
	int rc = 0;
	uint32_t cpu, first = next_ready(c, 0), intid = 0;

	if (m->nr_its == 0 || !c->v->has_its) {
		skip(c, id, "the machine has no ITS");
		skip(c, GP_CHECK_ITS_TARGETS, "the machine has no ITS");
		return 0;
	}
	if (first >= c->cpus) {
		skip(c, id, "no vCPU found its redistributor");
		return 0;
	}
	for (uint32_t i = 0; i < c->v->nr_its; i++) {
		int r = gic_add_its(c->g, c->v->its_bases[i], NULL);

		if (r != 0) {
			fail(c, id, "the VMM's ITS at 0x%" PRIx64 ": %s", c->v->its_bases[i],
			     gic_strerror(r));
			return 0;
		}
	}
	/* The first memory window big enough for the tables, else the default one. */
	gm.ram = GUEST_RAM_DEFAULT;
	gm.ram_size = GUEST_RAM_DEFAULT;
	for (size_t i = 0; i < m->nr_memory; i++)
		if (m->memory[i].size >= GUEST_RAM_MIN &&
		    m->memory[i].base <= UINT64_MAX - m->memory[i].size) {
			gm.ram = m->memory[i].base;
			gm.ram_size = m->memory[i].size;
			break;
		}
	/* Never address 0 (gm_alloc's failure): RAM at 0 gives its first page up. */
	gm.next = gm.ram != 0 ? gm.ram : ITS_PAGE;
	igs = calloc(m->nr_its, sizeof(*igs));
	if (igs == NULL) {
		rc = gp_fail(c->err, GP_EXIT_USAGE, "out of memory");
		goto out;
	}
	gic_set_guest_memory(c->g, &(struct gic_guest_mem){ &gm, gm_read, gm_write, gm_map,
							    GUEST_PAGE });
	if (!lpi_cpus_on(c, &gm))
		goto out;
	for (uint32_t i = 0; i < m->nr_its; i++) {
		igs[i] = (struct its_guest){ .base = m->its[i].reg.base, .lpi_next = GIC_LPI_FIRST,
					     .lpi_end = UINT32_C(1) << LPI_ID_BITS };
		if (!its_probe(c, &gm, &igs[i]))
			goto out;
	}
	check_its_targets(c, &igs[0]);
	if (failed(c, GP_CHECK_ITS_TARGETS)) {
		skip(c, id, "the ITS cannot target every vCPU (its-targets)");
		goto out;
	}
	if (msi_devices(c, igs, &devs, &nd) < 0) {
		rc = -1;
		goto out;
	}
	if (failed(c, id))
		goto out;
	/* Every device once, spread over the vCPUs, and moved once to the next. */
	cpu = first;
	for (size_t j = 0; j < nd; j++) {
		uint32_t to = next_ready(c, cpu + 1);

		if (to >= c->cpus)
			to = first;
		if (!its_map_device(c, &gm, &devs[j], cpu, &intid) ||
		    !its_expect(c, &devs[j], 0, intid, cpu) ||
		    !its_move_and_send(c, &gm, &devs[j], intid, to))
			goto out;
		/* Every vCPU: the last device's vectors (every device's, exhaustive). */
		if ((c->o->exhaustive || j + 1 == nd) && !its_vectors_to_every_cpu(c, &gm, &devs[j]))
			goto out;
		cpu = to;
	}
out:
	check(c, id)->count = c->r->lpi_deliveries;
	free(devs);
	for (uint32_t i = 0; igs != NULL && i < m->nr_its; i++)
		free(igs[i].rd);
	free(igs);
	/* The model forgets the pages it kept before they go. */
	gic_set_guest_memory(c->g, &(struct gic_guest_mem){ 0 });
	gm_free(&gm);
	return rc;
}

int gp_verify(const struct gp_machine *m, const struct gp_vgic *v,
	      const struct gp_verify_options *o, struct gp_verify_result *r,
	      struct gp_error *err)
{
	struct ctx c = { .m = m, .v = v, .o = o, .r = r, .err = err,
			 .cpus = (uint32_t)v->nr_cpus };
	int rc = -1;

	/*
	 * Everything, version_note and assumptions too (callers set them after
	 * the run), but not the offence list's storage: only its used part counts.
	 */
	memset(r, 0, offsetof(struct gp_verify_result, listed));
	r->profile = o->profile;
	r->gic_version = v->version;
	r->exhaustive = o->exhaustive;
	for (int i = 0; i < GP_CHECKS; i++)
		r->checks[i].name = check_names[i];
	c.frame = malloc((c.cpus ? c.cpus : 1) * sizeof(*c.frame));
	if (c.frame == NULL)
		return gp_fail(err, GP_EXIT_USAGE, "out of memory");
	for (uint32_t i = 0; i < c.cpus; i++)
		c.frame[i] = NO_FRAME;

	check_gic_node(&c);
	check_redist_regions(&c);
	check_stride(&c);
	check_its_and_names(&c);
	if (check_regions(&c) < 0 || check_cpu_nodes(&c) < 0)
		goto out;
	if (failed(&c, GP_CHECK_CPU_NODES) && !v->from_plan)
		fail(&c, GP_CHECK_GIC_MODEL, "not built: the tree's cpu nodes do not give each vCPU "
					     "its own MPIDR");
	else
		build_gic(&c);
	if (c.g == NULL) {
		for (int i = GP_CHECK_GICD_ID; i < GP_CHECK_DEVICE_IRQS; i++)
			skip(&c, (enum gp_check_id)i, "no GIC model to run");
		skip(&c, GP_CHECK_LPI_ROUTING, "no GIC model to run");
		skip(&c, GP_CHECK_ITS_TARGETS, "no GIC model to run");
	} else {
		check_distributor(&c);
		if (check_walk(&c) < 0)
			goto out;
		if (!setup_distributor(&c, GP_CHECK_SPI_ROUTING))
			goto out_ok;
		for (uint32_t cpu = next_ready(&c, 0); cpu < c.cpus; cpu = next_ready(&c, cpu + 1))
			if (!setup_cpu(&c, GP_CHECK_SPI_ROUTING, cpu))
				goto out_ok;
		check_spis(&c);
		check(&c, GP_CHECK_SPI_ROUTING)->count = r->spi_deliveries;
		quiesce(&c);
		check_1ofn(&c);
		quiesce(&c);
		if (check_sgis(&c) < 0)
			goto out;
		quiesce(&c);
		check_ppis(&c);
		quiesce(&c);
		if (check_lpi_routing(&c) < 0)
			goto out;
	}
out_ok:
	check_device_irqs(&c);
	if (check_kvm(&c) < 0)
		goto out;
	for (int i = 0; i < GP_CHECKS; i++)
		if (r->checks[i].status == GP_CHECK_FAIL ||
		    (o->strict && r->checks[i].status == GP_CHECK_WARN))
			r->failed = true;
	rc = 0;
out:
	gic_destroy(c.g);
	free(c.frame);
	return rc;
}
