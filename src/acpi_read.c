/* SPDX-License-Identifier: MIT */
#include "acpi_read.h"

#include <dirent.h>
#include <inttypes.h>
#include <libfdt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "acpi_tables.h"
#include "dt_reader.h"
#include "fileio.h"
#include "gic_emul.h"
#include "gic_regs.h"
#include "vgic.h"

/* A device tree's flags cell for a level-high interrupt (IRQ_TYPE_LEVEL_HIGH). */
#define IRQ_LEVEL_HIGH 4
/*
 * The tables as the tree the arm,gic-v3 binding would give for them: three
 * interrupt cells, 64-bit addresses (the MADT's are u64), two-cell cpu regs
 * (MPIDRs with Aff3).
 */
#define BINDING_INTERRUPT_CELLS 3
#define ADDRESS_CELLS 2
/* An SGI's INTID as a GSIV: no interrupt specifier type names it. */
#define SGI_NOT_A_TYPE UINT32_MAX

static const char *const check_names[GP_ACPI_CHECKS] = {
	[GP_ACPI_CHECK_GICC] = "acpi-gicc",
	[GP_ACPI_CHECK_BOOT_CPU] = "acpi-boot-cpu",
	[GP_ACPI_CHECK_ITS] = "acpi-its",
	[GP_ACPI_CHECK_TREE] = "acpi-tree",
};

/* One GICC as the guest reads it. */
struct gicc {
	uint32_t uid;
	uint32_t flags;
	uint64_t gicr_base;
	uint64_t mpidr;
	size_t offset;          /* in the MADT */
};

/* What a MADT holds, structure by structure. */
struct madt {
	const struct gp_acpi_blob *b;
	unsigned revision;
	size_t gicd_offset;     /* 0: none yet */
	uint64_t gicd_base;
	unsigned gicd_version;
	struct gicc *gicc;
	size_t nr_gicc;
	struct gp_window *gicr;
	size_t nr_gicr;
	struct { uint32_t id; uint64_t base; size_t offset; } *its;
	size_t nr_its;
};

bool gp_acpi_is_table(const void *data, size_t len)
{
	return len >= ACPI_SIG_LEN && (memcmp(data, MADT_SIGNATURE, ACPI_SIG_LEN) == 0 ||
				       memcmp(data, IORT_SIGNATURE, ACPI_SIG_LEN) == 0);
}

/* The table header of @b: signature @sig, a length that is the file's, a zero sum. */
static int check_header(const struct gp_acpi_blob *b, const char *sig, size_t min_len,
			struct gp_error *err)
{
	uint64_t len;
	uint8_t sum;

	if (b->len < ACPI_HDR_SIZE)
		return gp_fail(err, GP_EXIT_USAGE, "%s: %zu bytes: truncated, a table header is %d",
			       b->source, b->len, ACPI_HDR_SIZE);
	if (memcmp(b->data, sig, ACPI_SIG_LEN) != 0)
		return gp_fail(err, GP_EXIT_USAGE, "%s: offset 0: signature \"%.4s\", expected \"%s\"",
			       b->source, (const char *)b->data, sig);
	len = acpi_get(b->data + ACPI_HDR_LENGTH, 4);
	if (len > b->len)
		return gp_fail(err, GP_EXIT_USAGE, "%s: offset %d: length %" PRIu64 ", but the file "
			       "holds %zu bytes: truncated", b->source, ACPI_HDR_LENGTH, len, b->len);
	if (len < b->len)
		return gp_fail(err, GP_EXIT_USAGE, "%s: offset %d: length %" PRIu64 ", but the file "
			       "holds %zu bytes: one table a file", b->source, ACPI_HDR_LENGTH, len,
			       b->len);
	if (len < min_len)
		return gp_fail(err, GP_EXIT_USAGE, "%s: offset %d: length %" PRIu64 " is below the "
			       "%zu bytes of the %s's fixed part", b->source, ACPI_HDR_LENGTH, len,
			       min_len, sig);
	sum = acpi_sum(b->data, b->len);
	if (sum != 0)
		return gp_fail(err, GP_EXIT_USAGE, "%s: offset %d: checksum 0x%02x is wrong (the "
			       "table sums to 0x%02x; 0x%02x would make it 0)", b->source,
			       ACPI_HDR_CHECKSUM, b->data[ACPI_HDR_CHECKSUM], sum,
			       (uint8_t)(b->data[ACPI_HDR_CHECKSUM] - sum));
	return 0;
}

/* The GICC length of MADT revision @rev: 76 up to ACPI 5.1, 80 in 6.0-6.4, 82 from 6.5. */
static unsigned gicc_len_of(unsigned rev)
{
	if (rev <= MADT_REVISION_5_1)
		return MADT_GICC_LEN_5_1;
	return rev < MADT_REVISION_6_5 ? MADT_GICC_LEN_6_0 : MADT_GICC_LEN_6_5;
}

/*
 * Array @p of @n elements of @size bytes, with room for one more: it doubles
 * whenever @n reaches a power of two (and 0 -> 1). NULL when out of memory.
 */
static void *grow(void *p, size_t n, size_t size)
{
	if (n & (n - 1))
		return p;
	return realloc(p, (n ? 2 * n : 1) * size);
}

/* One structure at @off of @type and @len bytes into @t. */
static int madt_structure(struct madt *t, size_t off, unsigned type, unsigned len,
			  struct gp_error *err)
{
	const uint8_t *p = t->b->data + off;
	const char *src = t->b->source;
	unsigned want = 0;
	void *q;

	switch (type) {
	case MADT_TYPE_GICC:
		want = gicc_len_of(t->revision);
		break;
	case MADT_TYPE_GICD:
		want = MADT_GICD_LEN;
		break;
	case MADT_TYPE_GICR:
		want = MADT_GICR_LEN;
		break;
	case MADT_TYPE_ITS:
		want = MADT_ITS_LEN;
		break;
	default:
		return 0; /* not the GIC's (an MSI frame, another architecture's): passed over */
	}
	if (len != want)
		return gp_fail(err, GP_EXIT_USAGE, "%s: offset %zu: a type 0x%x structure of %u "
			       "bytes; MADT revision %u has %u", src, off, type, len, t->revision,
			       want);
	switch (type) {
	case MADT_TYPE_GICC:
		if ((q = grow(t->gicc, t->nr_gicc, sizeof(*t->gicc))) == NULL)
			break;
		t->gicc = q;
		t->gicc[t->nr_gicc++] = (struct gicc){
			(uint32_t)acpi_get(p + MADT_GICC_UID, 4),
			(uint32_t)acpi_get(p + MADT_GICC_FLAGS, 4),
			acpi_get(p + MADT_GICC_GICR_BASE, 8), acpi_get(p + MADT_GICC_MPIDR, 8), off
		};
		return 0;
	case MADT_TYPE_GICD:
		if (t->gicd_offset != 0)
			return gp_fail(err, GP_EXIT_USAGE, "%s: offset %zu: a second GIC distributor "
				       "(the first at offset %zu)", src, off, t->gicd_offset);
		t->gicd_offset = off;
		t->gicd_base = acpi_get(p + MADT_GICD_BASE, 8);
		t->gicd_version = p[MADT_GICD_VERSION];
		return 0;
	case MADT_TYPE_GICR:
		if ((q = grow(t->gicr, t->nr_gicr, sizeof(*t->gicr))) == NULL)
			break;
		t->gicr = q;
		t->gicr[t->nr_gicr++] = (struct gp_window){ acpi_get(p + MADT_GICR_RANGE_BASE, 8),
							    acpi_get(p + MADT_GICR_RANGE_LENGTH, 4) };
		return 0;
	default:
		if ((q = grow(t->its, t->nr_its, sizeof(*t->its))) == NULL)
			break;
		t->its = q;
		t->its[t->nr_its].id = (uint32_t)acpi_get(p + MADT_ITS_TRANSLATION_ID, 4);
		t->its[t->nr_its].base = acpi_get(p + MADT_ITS_BASE, 8);
		t->its[t->nr_its++].offset = off;
		return 0;
	}
	return gp_fail(err, GP_EXIT_USAGE, "out of memory");
}

static int madt_parse(struct madt *t, struct gp_error *err)
{
	const struct gp_acpi_blob *b = t->b;
	size_t off = MADT_SUBTABLES;

	if (check_header(b, MADT_SIGNATURE, MADT_SUBTABLES, err) < 0)
		return -1;
	t->revision = b->data[ACPI_HDR_REVISION];
	while (off < b->len) {
		unsigned len;

		if (b->len - off < MADT_SUB_HEADER)
			return gp_fail(err, GP_EXIT_USAGE, "%s: offset %zu: a structure header cut "
				       "short by the table's end", b->source, off);
		len = b->data[off + MADT_SUB_LENGTH];
		if (len < MADT_SUB_HEADER)
			return gp_fail(err, GP_EXIT_USAGE, "%s: offset %zu: a structure of length %u",
				       b->source, off, len);
		if (len > b->len - off)
			return gp_fail(err, GP_EXIT_USAGE, "%s: offset %zu: a %u-byte structure runs "
				       "past the table's end (%zu)", b->source, off, len, b->len);
		if (madt_structure(t, off, b->data[off + MADT_SUB_TYPE], len, err) < 0)
			return -1;
		off += len;
	}
	if (t->gicd_offset == 0)
		return gp_fail(err, GP_EXIT_USAGE, "%s: no GIC distributor structure (type 0x%x)",
			       b->source, MADT_TYPE_GICD);
	if (t->nr_gicc == 0)
		return gp_fail(err, GP_EXIT_USAGE, "%s: no GIC CPU interface structure (type 0x%x)",
			       b->source, MADT_TYPE_GICC);
	return 0;
}

static void madt_free(struct madt *t)
{
	free(t->gicc);
	free(t->gicr);
	free(t->its);
}

/* Add "prefix@hex" to @m's pool. */
static int pool_name(struct gp_machine *m, const char *prefix, uint64_t base, size_t *off)
{
	char name[96];
	int n = snprintf(name, sizeof(name), "%s@%" PRIx64, prefix, base);
	char *pool = realloc(m->pool, m->pool_len + (size_t)n + 1);

	if (pool == NULL)
		return -1;
	m->pool = pool;
	memcpy(m->pool + m->pool_len, name, (size_t)n + 1);
	*off = m->pool_len;
	m->pool_len += (size_t)n + 1;
	m->pool_cap = m->pool_len;
	return 0;
}

static int by_base(const void *pa, const void *pb)
{
	const struct gp_window *a = pa, *b = pb;

	return a->base < b->base ? -1 : a->base > b->base;
}

/*
 * The regions the guest's ACPI path walks: the GICR structures; else each
 * GICC's frame, adjacent frames joined into one region (the frames Linux
 * maps one by one, walked as runs that end on a Last frame).
 */
static int machine_regions(const struct madt *t, uint64_t frame, struct gp_machine *m)
{
	size_t n = 0;

	m->redist = calloc(t->nr_gicr ? t->nr_gicr : t->nr_gicc, sizeof(*m->redist));
	if (m->redist == NULL)
		return -1;
	if (t->nr_gicr) {
		memcpy(m->redist, t->gicr, t->nr_gicr * sizeof(*m->redist));
		n = t->nr_gicr;
	} else {
		for (size_t i = 0; i < t->nr_gicc; i++)
			if (t->gicc[i].flags & MADT_GICC_ENABLED)
				m->redist[n++] = (struct gp_window){ t->gicc[i].gicr_base, frame };
		qsort(m->redist, n, sizeof(*m->redist), by_base);
		size_t k = 0;

		for (size_t i = 1; i < n; i++) {
			if (m->redist[k].base + m->redist[k].size == m->redist[i].base)
				m->redist[k].size += frame;
			else
				m->redist[++k] = m->redist[i];
		}
		n = n ? k + 1 : 0;
	}
	m->nr_redist = (uint32_t)(n < GP_DT_REDIST_REGIONS_MAX ? n : GP_DT_REDIST_REGIONS_MAX);
	return 0;
}

/* @t as a machine: the GIC node the binding wants, its regions, one vCPU per GICC. */
static int to_machine(const struct madt *t, struct gp_machine *m)
{
	unsigned version = t->gicd_version == 4 ? 4 : 3;
	uint32_t maint = (uint32_t)acpi_get(t->b->data + t->gicc[0].offset +
					    MADT_GICC_VGIC_MAINT_GSIV, 4);

	m->pool = calloc(1, 1);
	m->pool_len = m->pool_cap = 1;
	m->mpidr = malloc(t->nr_gicc * sizeof(*m->mpidr));
	m->its = calloc(t->nr_its ? t->nr_its : 1, sizeof(*m->its));
	if (m->pool == NULL || m->mpidr == NULL || m->its == NULL ||
	    pool_name(m, "MADT/interrupt-controller", t->gicd_base, &m->gic_path) < 0 ||
	    machine_regions(t, gp_redist_size(version), m) < 0)
		return -1;
	m->from_acpi = true;
	m->gic_interrupt_cells = BINDING_INTERRUPT_CELLS;
	m->gic_interrupt_controller = true;
	m->gic_has_ranges = true;
	m->gic_address_cells = ADDRESS_CELLS;
	m->gic_nr_reg = 1 + m->nr_redist;
	m->gicd = (struct gp_window){ t->gicd_base, GICD_SIZE };
	m->redist_regions_prop = m->nr_redist;
	/* The maintenance interrupt (the boot CPU's GICC) is a GSIV: a PPI's INTID, 16..31. */
	if (maint != 0) {
		m->nr_maintenance = 1;
		m->maintenance = (struct gp_mach_irq){ GP_IRQ_PPI, maint - GIC_INTID_PPI_FIRST,
						       IRQ_LEVEL_HIGH, 0, false };
		if (maint >= GIC_INTID_SPI_FIRST)
			m->maintenance = (struct gp_mach_irq){ GP_IRQ_SPI,
							       maint - GIC_INTID_SPI_FIRST,
							       IRQ_LEVEL_HIGH, 0, false };
		else if (maint < GIC_INTID_PPI_FIRST)
			m->maintenance = (struct gp_mach_irq){ SGI_NOT_A_TYPE, maint, IRQ_LEVEL_HIGH,
							       0, false };
	}
	for (size_t i = 0; i < t->nr_its; i++) {
		m->its[i] = (struct gp_mach_its){ .reg = { t->its[i].base, GIC_ITS_SIZE },
						  .msi_controller = true, .msi_cells = 1 };
		if (pool_name(m, "MADT/msi-controller", t->its[i].base, &m->its[i].path) < 0)
			return -1;
	}
	m->nr_its = (uint32_t)t->nr_its;
	m->cpu_address_cells = ADDRESS_CELLS;
	m->nr_cpus = t->nr_gicc;
	for (size_t i = 0; i < t->nr_gicc; i++)
		m->mpidr[i] = t->gicc[i].mpidr;
	return 0;
}

/* The IORT's nodes: each inside the table, each mapping inside its node. */
static int iort_parse(const struct gp_acpi_blob *b, struct gp_error *err)
{
	uint32_t count, off;

	if (check_header(b, IORT_SIGNATURE, IORT_NODES, err) < 0)
		return -1;
	count = (uint32_t)acpi_get(b->data + IORT_NODE_COUNT, 4);
	off = (uint32_t)acpi_get(b->data + IORT_NODE_OFFSET, 4);
	for (uint32_t i = 0; i < count; i++) {
		const uint8_t *n = b->data + off;
		uint32_t len, maps, map_off;

		if (off < IORT_NODES || off > b->len || b->len - off < IORT_N_HEADER)
			return gp_fail(err, GP_EXIT_USAGE, "%s: offset %" PRIu32 ": node %" PRIu32
				       " of %" PRIu32 " lies outside the table (%zu bytes)", b->source,
				       off, i, count, b->len);
		len = (uint32_t)acpi_get(n + IORT_N_LENGTH, 2);
		maps = (uint32_t)acpi_get(n + IORT_N_MAPPINGS, 4);
		map_off = (uint32_t)acpi_get(n + IORT_N_MAPPING_OFFSET, 4);
		if (len < IORT_N_HEADER || len > b->len - off)
			return gp_fail(err, GP_EXIT_USAGE, "%s: offset %" PRIu32 ": node length %" PRIu32
				       " runs past the table's end (%zu)", b->source, off, len, b->len);
		if (n[IORT_N_TYPE] == IORT_TYPE_ITS_GROUP &&
		    (len < IORT_ITS_IDS ||
		     (len - IORT_ITS_IDS) / 4 < acpi_get(n + IORT_ITS_COUNT, 4)))
			return gp_fail(err, GP_EXIT_USAGE, "%s: offset %" PRIu32 ": an ITS group of %"
				       PRIu64 " IDs does not fit its %" PRIu32 " bytes", b->source, off,
				       acpi_get(n + IORT_ITS_COUNT, 4), len);
		if (maps != 0 && (map_off < IORT_N_HEADER || map_off > len ||
				  (len - map_off) / IORT_MAP_LEN < maps))
			return gp_fail(err, GP_EXIT_USAGE, "%s: offset %" PRIu32 ": %" PRIu32 " ID "
				       "mappings at node offset %" PRIu32 " do not fit its %" PRIu32
				       " bytes", b->source, off, maps, map_off, len);
		off += len;
	}
	return 0;
}

int gp_acpi_read(const struct gp_acpi_blob *madt, const struct gp_acpi_blob *iort,
		 struct gp_machine *m, struct gp_acpi_result *r, struct gp_error *err)
{
	struct madt t = { .b = madt };
	int rc = -1;

	if (madt_parse(&t, err) < 0 || (iort != NULL && iort_parse(iort, err) < 0))
		goto out;
	snprintf(r->madt, sizeof(r->madt), "%s", madt->source);
	snprintf(r->iort, sizeof(r->iort), "%s", iort != NULL ? iort->source : "");
	r->madt_revision = t.revision;
	r->gicd_version = t.gicd_version;
	r->gicc_style = t.nr_gicr == 0;
	for (size_t i = 0; i < t.nr_gicc; i++) {
		if (t.gicc[i].flags & MADT_GICC_ENABLED)
			r->enabled++;
		else if (t.gicc[i].flags & MADT_GICC_ONLINE_CAPABLE)
			r->online_capable++;
		else
			r->disabled++;
	}
	if (to_machine(&t, m) < 0) {
		gp_fail(err, GP_EXIT_USAGE, "out of memory");
		goto out;
	}
	rc = 0;
out:
	madt_free(&t);
	return rc;
}

static void __attribute__((format(printf, 3, 4)))
fail(struct gp_acpi_result *r, enum gp_acpi_check_id id, const char *fmt, ...)
{
	struct gp_check *k = &r->checks[id];
	va_list ap;

	r->failed = true;
	k->offences++;
	if (k->status == GP_CHECK_FAIL)
		return; /* the first offender is the one named */
	k->status = GP_CHECK_FAIL;
	va_start(ap, fmt);
	vsnprintf(k->detail, sizeof(k->detail), fmt, ap);
	va_end(ap);
}

static int u32_cmp(const void *pa, const void *pb)
{
	uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;

	return a < b ? -1 : a > b;
}

/* The first value @v[] holds twice (@n of them, sorted in place), or -1. */
static int64_t first_twice(uint32_t *v, size_t n)
{
	qsort(v, n, sizeof(*v), u32_cmp);
	for (size_t i = 1; i < n; i++)
		if (v[i] == v[i - 1])
			return v[i];
	return -1;
}

static void check_gicc(const struct madt *t, struct gp_acpi_result *r)
{
	enum gp_acpi_check_id id = GP_ACPI_CHECK_GICC;
	uint32_t *uids = malloc(t->nr_gicc * sizeof(*uids));
	int64_t twice;

	r->checks[id].count = t->nr_gicc;
	for (size_t i = 0; i < t->nr_gicc; i++) {
		const struct gicc *g = &t->gicc[i];

		if (uids != NULL)
			uids[i] = g->uid;
		if ((g->flags & MADT_GICC_ONLINE_CAPABLE) && t->revision < MADT_REVISION_6_5)
			fail(r, id, "GICC at offset %zu: online-capable (flags bit 3) in a MADT of "
				    "revision %u: the bit is reserved before ACPI 6.5 (revision %d)",
			     g->offset, t->revision, MADT_REVISION_6_5);
		else if ((g->flags & MADT_GICC_ONLINE_CAPABLE) && (g->flags & MADT_GICC_ENABLED))
			fail(r, id, "GICC at offset %zu: both enabled and online-capable: an enabled "
				    "CPU must not be marked online-capable", g->offset);
		else if (t->nr_gicr > 0 && g->gicr_base != 0)
			fail(r, id, "GICC at offset %zu gives a redistributor base 0x%" PRIx64
				    " beside GICR structures: Linux takes the GICR structures and the "
				    "two styles must not mix (it must be 0)", g->offset, g->gicr_base);
		else if (t->nr_gicr == 0 && (g->flags & MADT_GICC_ENABLED) && g->gicr_base == 0)
			fail(r, id, "GICC at offset %zu (MPIDR 0x%" PRIx64 "): no GICR structures and "
				    "no redistributor base: Linux finds no frame for it", g->offset,
			     g->mpidr);
		else if (t->nr_gicr == 0 && (g->flags & MADT_GICC_ONLINE_CAPABLE))
			fail(r, id, "GICC at offset %zu (MPIDR 0x%" PRIx64 ") is online-capable but "
				    "its redistributor comes from its GICC: Linux cannot bring it "
				    "online (its redistributor is inaccessible); give GICR structures",
			     g->offset, g->mpidr);
	}
	if (uids != NULL && (twice = first_twice(uids, t->nr_gicc)) >= 0)
		fail(r, id, "two GICCs have processor UID %" PRId64 ": UIDs must be unique", twice);
	free(uids);
}

/* The boot CPU: the first GICC, enabled, vCPU 0, its frame in the first GICR range. */
static void check_boot_cpu(const struct madt *t, const struct gp_vgic *v,
			   struct gp_acpi_result *r)
{
	enum gp_acpi_check_id id = GP_ACPI_CHECK_BOOT_CPU;
	const struct gicc *g = &t->gicc[0];
	struct gp_vgic_walk w = { 0 };
	uint64_t frame = v->nr_cpus > 0 ? gp_vgic_next_frame(v, &w) : UINT64_MAX;

	r->checks[id].count = 1;
	if (!(g->flags & MADT_GICC_ENABLED))
		fail(r, id, "the first GICC (offset %zu, the boot CPU's) is not enabled", g->offset);
	else if (v->nr_cpus == 0 || v->mpidr[0] != g->mpidr)
		fail(r, id, "the first GICC has MPIDR 0x%" PRIx64 ", the VMM's vCPU 0 (which boots) "
			    "0x%" PRIx64, g->mpidr, v->nr_cpus ? v->mpidr[0] : 0);
	else if (frame == UINT64_MAX)
		fail(r, id, "the boot CPU has no redistributor frame");
	else if (t->nr_gicr > 0 && (frame < t->gicr[0].base ||
				    frame - t->gicr[0].base >= t->gicr[0].size))
		fail(r, id, "the boot CPU's frame 0x%" PRIx64 " is not in the first GICR range "
			    "[0x%" PRIx64 ", 0x%" PRIx64 "): EDK2 looks for it there", frame,
		     t->gicr[0].base, t->gicr[0].base + t->gicr[0].size);
	else if (t->nr_gicr == 0 && g->gicr_base != frame)
		fail(r, id, "the boot CPU's GICC gives redistributor 0x%" PRIx64 ", its frame is at "
			    "0x%" PRIx64, g->gicr_base, frame);
}

static void check_its(const struct madt *t, const struct gp_acpi_blob *iort,
		      struct gp_acpi_result *r)
{
	enum gp_acpi_check_id id = GP_ACPI_CHECK_ITS;
	uint32_t *ids = malloc((t->nr_its ? t->nr_its : 1) * sizeof(*ids));
	int64_t twice;
	uint32_t count, off, first;

	r->checks[id].count = t->nr_its;
	for (size_t i = 0; ids != NULL && i < t->nr_its; i++)
		ids[i] = t->its[i].id;
	if (ids != NULL && (twice = first_twice(ids, t->nr_its)) >= 0)
		fail(r, id, "two ITS structures have translation ID %" PRId64 ": IDs must be unique",
		     twice);
	if (iort == NULL || ids == NULL) {
		free(ids);
		return;
	}
	count = (uint32_t)acpi_get(iort->data + IORT_NODE_COUNT, 4);
	first = off = (uint32_t)acpi_get(iort->data + IORT_NODE_OFFSET, 4);
	for (uint32_t i = 0; i < count; i++) {
		const uint8_t *n = iort->data + off;
		uint32_t maps = (uint32_t)acpi_get(n + IORT_N_MAPPINGS, 4);
		uint32_t map_off = (uint32_t)acpi_get(n + IORT_N_MAPPING_OFFSET, 4);

		if (n[IORT_N_TYPE] == IORT_TYPE_ITS_GROUP)
			for (uint64_t k = 0; k < acpi_get(n + IORT_ITS_COUNT, 4); k++) {
				uint32_t its = (uint32_t)acpi_get(n + IORT_ITS_IDS + 4 * k, 4);

				r->checks[id].count++;
				if (bsearch(&its, ids, t->nr_its, sizeof(*ids), u32_cmp) == NULL)
					fail(r, id, "%s: the ITS group at offset %" PRIu32 " names ITS %"
						    PRIu32 ", which the MADT does not have",
					     iort->source, off, its);
			}
		for (uint32_t k = 0; k < maps; k++) {
			const uint8_t *map = n + map_off + (size_t)k * IORT_MAP_LEN;
			uint32_t ref = (uint32_t)acpi_get(map + IORT_MAP_OUTPUT_REF, 4), at = first;
			bool found = false;

			r->checks[id].count++;
			for (uint32_t j = 0; j < count && !found; j++) {
				found = at == ref;
				at += (uint32_t)acpi_get(iort->data + at + IORT_N_LENGTH, 2);
			}
			if (!found)
				fail(r, id, "%s: node at offset %" PRIu32 ", ID mapping %" PRIu32 ": its "
					    "output reference 0x%" PRIx32 " is no node of the table",
				     iort->source, off, k, ref);
		}
		off += (uint32_t)acpi_get(n + IORT_N_LENGTH, 2);
	}
	free(ids);
}

static void checks_init(struct gp_acpi_result *r)
{
	for (int i = 0; i < GP_ACPI_CHECKS; i++)
		r->checks[i] = (struct gp_check){ .name = check_names[i], .status = GP_CHECK_PASS };
	r->checks[GP_ACPI_CHECK_TREE].status = GP_CHECK_SKIP;
	snprintf(r->checks[GP_ACPI_CHECK_TREE].detail, sizeof(r->checks[0].detail),
		 "no device tree beside the tables");
	r->failed = false;
}

void gp_acpi_check(const struct gp_vgic *v, const uint8_t *madt, size_t madt_len,
		   const uint8_t *iort, size_t iort_len, struct gp_acpi_result *r)
{
	struct gp_acpi_blob mb = { r->madt, madt, madt_len }, ib = { r->iort, iort, iort_len };
	struct madt t = { .b = &mb };
	struct gp_error err;

	gp_error_init(&err);
	checks_init(r);
	/* Read once already: this parse cannot fail but for memory. */
	if (madt_parse(&t, &err) < 0) {
		fail(r, GP_ACPI_CHECK_GICC, "%s", err.msg);
	} else {
		check_gicc(&t, r);
		check_boot_cpu(&t, v, r);
		check_its(&t, iort != NULL ? &ib : NULL, r);
	}
	madt_free(&t);
}

/* The tables' machine @m against the tree @tm found beside them (@source): the same GIC. */
static void check_tree(const struct gp_machine *m, const struct gp_machine *tm,
		       const char *source, struct gp_acpi_result *r)
{
	enum gp_acpi_check_id id = GP_ACPI_CHECK_TREE;
	struct gp_check *k = &r->checks[id];

	*k = (struct gp_check){ .name = check_names[id], .status = GP_CHECK_PASS };
	k->count = 1 + m->nr_redist + m->nr_its + m->nr_cpus;
	if (m->gicd.base != tm->gicd.base)
		fail(r, id, "the MADT's distributor is at 0x%" PRIx64 ", %s's at 0x%" PRIx64,
		     m->gicd.base, source, tm->gicd.base);
	if (m->nr_redist != tm->nr_redist)
		fail(r, id, "the MADT gives %" PRIu32 " redistributor regions, %s %" PRIu32,
		     m->nr_redist, source, tm->nr_redist);
	for (uint32_t i = 0; i < m->nr_redist && i < tm->nr_redist; i++)
		if (m->redist[i].base != tm->redist[i].base || m->redist[i].size != tm->redist[i].size)
			fail(r, id, "redistributor region %" PRIu32 ": the MADT's [0x%" PRIx64 ", +0x%"
				    PRIx64 "), %s's [0x%" PRIx64 ", +0x%" PRIx64 ")", i,
			     m->redist[i].base, m->redist[i].size, source, tm->redist[i].base,
			     tm->redist[i].size);
	if (m->nr_its != tm->nr_its)
		fail(r, id, "the MADT gives %" PRIu32 " ITSes, %s %" PRIu32, m->nr_its, source,
		     tm->nr_its);
	for (uint32_t i = 0; i < m->nr_its && i < tm->nr_its; i++)
		if (m->its[i].reg.base != tm->its[i].reg.base)
			fail(r, id, "ITS %" PRIu32 ": the MADT's at 0x%" PRIx64 ", %s's at 0x%" PRIx64,
			     i, m->its[i].reg.base, source, tm->its[i].reg.base);
	if (m->nr_cpus != tm->nr_cpus)
		fail(r, id, "the MADT has %" PRIu64 " GICCs, %s %" PRIu64 " cpu nodes", m->nr_cpus,
		     source, tm->nr_cpus);
	for (uint64_t i = 0; i < m->nr_cpus && i < tm->nr_cpus; i++)
		if (m->mpidr[i] != tm->mpidr[i]) {
			fail(r, id, "vCPU %" PRIu64 ": the MADT's MPIDR 0x%" PRIx64 ", %s's 0x%" PRIx64,
			     i, m->mpidr[i], source, tm->mpidr[i]);
			break;
		}
}

static const char *const found_names[GP_ACPI_FOUND_KINDS] = { "MADT", "IORT", "device tree" };

/* What @len bytes at @d are: FOUND_*, or -1 for none of them. */
static int kind_of(const uint8_t *d, size_t len)
{
	/* The FDT magic, big-endian, at the blob's start. */
	if (len >= sizeof(uint32_t) &&
	    ((uint32_t)d[0] << 24 | (uint32_t)d[1] << 16 | (uint32_t)d[2] << 8 | d[3]) == FDT_MAGIC)
		return GP_ACPI_FOUND_TREE;
	if (!gp_acpi_is_table(d, len))
		return -1;
	return memcmp(d, IORT_SIGNATURE, ACPI_SIG_LEN) == 0 ? GP_ACPI_FOUND_IORT : GP_ACPI_FOUND_MADT;
}

/*
 * The @len bytes @data of file @path (taken over), or, when @data is NULL,
 * each file of folder @path: the MADT and the IORT, once each.
 */
static int find_tables(const char *path, uint8_t *data, size_t len, struct gp_acpi_found *f,
		       struct gp_error *err)
{
	struct stat st;
	struct dirent **names = NULL;
	int n, rc = 0;

	if (data != NULL) {
		uint8_t *d = data;
		int k;

		k = kind_of(d, len);
		if (k < 0 || k == GP_ACPI_FOUND_TREE) {
			free(d);
			return gp_fail(err, GP_EXIT_USAGE, "%s: not an ACPI table gicplan reads",
				       path);
		}
		snprintf(f->path[k], sizeof(f->path[k]), "%s", path);
		f->data[k] = d;
		f->len[k] = len;
		if (k == GP_ACPI_FOUND_IORT)
			return gp_fail(err, GP_EXIT_USAGE, "%s: an IORT alone; verify reads the MADT "
				       "(apic.dat) with it: give the folder holding both", path);
		return 0;
	}
	n = scandir(path, &names, NULL, alphasort);
	if (n < 0)
		return gp_fail(err, GP_EXIT_USAGE, "%s: cannot list the folder", path);
	for (int i = 0; i < n && rc == 0; i++) {
		char file[GP_ACPI_PATH_MAX];
		uint8_t *d = NULL;
		size_t flen;
		int k;

		if ((size_t)snprintf(file, sizeof(file), "%s/%s", path, names[i]->d_name) >=
			    sizeof(file) ||
		    stat(file, &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		if (gp_read_file(file, GP_ACPI_FILE_MAX, (void **)&d, &flen, err) < 0) {
			rc = -1;
			break;
		}
		k = kind_of(d, flen);
		if (k < 0) {
			free(d);
			continue;
		}
		if (f->data[k] != NULL) {
			rc = gp_fail(err, GP_EXIT_USAGE, "%s: a second %s, beside %s", file,
				     found_names[k], f->path[k]);
			free(d);
			break;
		}
		snprintf(f->path[k], sizeof(f->path[k]), "%s", file);
		f->data[k] = d;
		f->len[k] = flen;
	}
	for (int i = 0; i < n; i++)
		free(names[i]);
	free(names);
	if (rc == 0 && f->data[GP_ACPI_FOUND_MADT] == NULL)
		rc = gp_fail(err, GP_EXIT_USAGE, "%s: a folder without a MADT (a file starting "
			     "\"APIC\"); expected ACPI tables as acpidump -b writes them", path);
	return rc;
}

int gp_acpi_load(const char *path, void *data, size_t len, struct gp_acpi_found *f,
		 struct gp_machine *m, struct gp_acpi_result *r, struct gp_error *err)
{
	struct gp_acpi_blob madt, iort;

	if (find_tables(path, data, len, f, err) < 0)
		return -1;
	madt = (struct gp_acpi_blob){ f->path[0], f->data[0], f->len[0] };
	iort = (struct gp_acpi_blob){ f->path[1], f->data[1], f->len[1] };
	return gp_acpi_read(&madt, f->data[1] ? &iort : NULL, m, r, err);
}

int gp_acpi_check_found(const struct gp_acpi_found *f, const struct gp_machine *m,
			const struct gp_vgic *v, struct gp_acpi_result *r, struct gp_error *err)
{
	struct gp_machine tm = { 0 };
	int rc;

	gp_acpi_check(v, f->data[0], f->len[0], f->data[1], f->len[1], r);
	if (f->data[GP_ACPI_FOUND_TREE] == NULL)
		return 0;
	rc = gp_dt_read(f->data[GP_ACPI_FOUND_TREE], f->len[GP_ACPI_FOUND_TREE],
			f->path[GP_ACPI_FOUND_TREE], &tm, err);
	if (rc == 0)
		check_tree(m, &tm, f->path[GP_ACPI_FOUND_TREE], r);
	gp_machine_free(&tm);
	return rc;
}

void gp_acpi_found_free(struct gp_acpi_found *f)
{
	for (int k = 0; k < GP_ACPI_FOUND_KINDS; k++) {
		free(f->data[k]);
		f->data[k] = NULL;
	}
}

void gp_acpi_result_free(struct gp_acpi_result *r)
{
	free(r);
}
