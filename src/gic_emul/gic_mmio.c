/* SPDX-License-Identifier: MIT */
/*
 * gic_emul: MMIO decode. Address -> region (binary search over regions
 * sorted by base) -> redistributor frame (shift) -> register (a word index
 * over that frame kind's table of {first, last, widths, read, write}).
 * Offsets in no table entry are reserved: RAZ/WI at any aligned width.
 */
#include <string.h>
#include <threads.h>

#include "gic_internal.h"

/* first, last byte of a 32-bit or 64-bit register at @off */
#define REG32(off)      (off), ((off) + sizeof(uint32_t) - 1)
#define REG64(off)      (off), ((off) + sizeof(uint64_t) - 1)
/* first, last byte of an array of @bytes bytes at @off */
#define ARRAY(off, bytes) (off), ((off) + (bytes) - 1)

/* ---- shared helpers ---------------------------------------------------------- */

static uint64_t gic_raz(const struct gic_access *a)
{
	(void)a;
	return 0;
}

static void gic_wi(const struct gic_access *a, uint64_t val)
{
	(void)a;
	(void)val;
}

/* Read a 64-bit register whole (8 bytes) or one 32-bit half. */
static uint64_t read64(const struct gic_access *a, uint64_t reg)
{
	if (a->size == sizeof(uint64_t))
		return reg;
	return (a->rel & WORD_BYTES) ? reg >> HALF_SHIFT : reg & WORD_MASK;
}

static uint64_t write64(const struct gic_access *a, uint64_t reg, uint64_t val)
{
	unsigned shift;

	if (a->size == sizeof(uint64_t))
		return val;
	shift = (a->rel & WORD_BYTES) ? HALF_SHIFT : 0;
	return (reg & ~(WORD_MASK << shift)) | ((val & WORD_MASK) << shift);
}

/* ---- identification registers ----------------------------------------------- */

static uint64_t idreg(const struct gic_access *a, uint8_t part)
{
	const struct gic *g = a->g;
	uint8_t pidr2 = (uint8_t)(g->cfg.version << GIC_PIDR2_ARCHREV_SHIFT | GIC_PIDR2_JEDEC_ARM);
	/* (cfg.version is the ArchRev: GIC_ARCHREV_GICV3 or GIC_ARCHREV_GICV4) */
	/* In offset order: PIDR4-7, PIDR0-3, CIDR0-3. */
	const uint8_t full[GIC_IDREGS_COUNT] = {
		GIC_PIDR4_ARM, 0, 0, 0, part, GIC_PIDR1_ARM, pidr2, 0,
		GIC_CIDR0_VAL, GIC_CIDR1_VAL, GIC_CIDR2_VAL, GIC_CIDR3_VAL,
	};
	uint32_t idx = a->rel / WORD_BYTES;

	if (!g->prof->id_regs_full)
		return a->offset == GIC_PIDR2 ? pidr2 : 0;
	return full[idx];
}

static uint64_t gicd_idreg(const struct gic_access *a)
{
	return idreg(a, GIC_PIDR0_GICD);
}

static uint64_t gicr_idreg(const struct gic_access *a)
{
	return idreg(a, GIC_PIDR0_GICR);
}

/* ---- distributor ------------------------------------------------------------- */

static uint64_t gicd_ctlr_read(const struct gic_access *a)
{
	return a->g->gicd_ctlr;
}

static void gicd_ctlr_write(const struct gic_access *a, uint64_t val)
{
	struct gic *g = a->g;
	uint32_t mask = GICD_CTLR_ENABLE_GRP1 | (g->prof->grp0_enable ? GICD_CTLR_ENABLE_GRP0 : 0);
	uint32_t now = GICD_CTLR_RESET | ((uint32_t)val & mask);

	if (now == g->gicd_ctlr)
		return;
	g->gicd_ctlr = now;
	gic_update_all(g);
}

static uint64_t gicd_typer_read(const struct gic_access *a)
{
	const struct gic *g = a->g;
	const struct gic_profile_desc *p = g->prof;
	uint32_t itl = g->cfg.nr_irqs / GIC_IRQS_PER_WORD - p->itlines_minus;
	uint32_t itl_max = (1u << GICD_TYPER_ITLINES_WIDTH) - 1;
	uint32_t v;

	if (itl > itl_max)
		itl = itl_max;
	v = itl << GICD_TYPER_ITLINES_SHIFT;
	v |= (uint32_t)(g->lpis ? p->idbits_lpis : p->idbits_nolpis) << GICD_TYPER_IDBITS_SHIFT;
	if (g->lpis)
		v |= GICD_TYPER_LPIS;
	if (g->cfg.version == GIC_ARCHREV_GICV4)
		v |= GICD_TYPER_DVIS;
	if (p->mbis)
		v |= GICD_TYPER_MBIS;
	if (p->a3v)
		v |= GICD_TYPER_A3V;
	if (p->no1n)
		v |= GICD_TYPER_NO1N;
	if (p->rss)
		v |= GICD_TYPER_RSS;
	return v;
}

static uint64_t gicd_iidr_read(const struct gic_access *a)
{
	return a->g->prof->gicd_iidr;
}

static uint64_t gicd_statusr_read(const struct gic_access *a)
{
	return a->g->prof->statusr_rao ? WORD_MASK : 0;
}

/* SPI index of INTID @intid, or -1 when it is no SPI of this GIC. */
static int64_t spi_index(const struct gic *g, uint64_t intid)
{
	if (intid < GIC_INTID_SPI_FIRST || intid >= g->cfg.nr_irqs)
		return -1;
	return (int64_t)(intid - GIC_INTID_SPI_FIRST);
}

static void gicd_setspi_write(const struct gic_access *a, uint64_t val)
{
	struct gic *g = a->g;
	int64_t i = spi_index(g, val & GICD_SETSPI_INTID_MASK);

	if (!g->prof->mbis || i < 0)
		return;
	g->spis[i].flags |= GIC_SPIF_PEND;
	gic_spi_update(g, (uint32_t)i);
}

static void gicd_clrspi_write(const struct gic_access *a, uint64_t val)
{
	struct gic *g = a->g;
	int64_t i = spi_index(g, val & GICD_SETSPI_INTID_MASK);

	/* Clears what SETSPI set on a level-sensitive SPI; no effect on edge. */
	if (!g->prof->mbis || i < 0 || (g->spis[i].flags & GIC_SPIF_EDGE))
		return;
	g->spis[i].flags &= (uint8_t)~GIC_SPIF_PEND;
	gic_spi_update(g, (uint32_t)i);
}

/* One-bit-per-INTID registers. */
enum bit_field { BF_GROUP, BF_ENABLE, BF_PEND, BF_ACTIVE };
enum bit_op { BO_ASSIGN, BO_SET, BO_CLEAR };

static const uint8_t spi_flag_of[] = {
	[BF_GROUP] = GIC_SPIF_GROUP1,
	[BF_ENABLE] = GIC_SPIF_ENABLE,
	[BF_PEND] = GIC_SPIF_PEND,
	[BF_ACTIVE] = GIC_SPIF_ACTIVE,
};

static uint64_t gicd_bits_read(const struct gic_access *a, enum bit_field f)
{
	const struct gic *g = a->g;
	uint32_t first = a->rel / WORD_BYTES * GIC_IRQS_PER_WORD;
	uint32_t v = 0;

	for (uint32_t b = 0; b < GIC_IRQS_PER_WORD; b++) {
		int64_t i = spi_index(g, first + b);
		const struct gic_spi *s;
		bool on;

		if (i < 0)
			continue;
		s = &g->spis[i];
		on = f == BF_PEND ? gic_spi_pending(s) : (s->flags & spi_flag_of[f]) != 0;
		if (on)
			v |= 1u << b;
	}
	return v;
}

static void gicd_bits_write(const struct gic_access *a, uint64_t val, enum bit_field f,
			    enum bit_op op)
{
	struct gic *g = a->g;
	uint32_t first = a->rel / WORD_BYTES * GIC_IRQS_PER_WORD;

	for (uint32_t b = 0; b < GIC_IRQS_PER_WORD; b++) {
		int64_t i = spi_index(g, first + b);
		bool bit = (val >> b) & 1u;
		struct gic_spi *s;
		uint8_t before;

		if (i < 0 || (op != BO_ASSIGN && !bit))
			continue;
		s = &g->spis[i];
		before = s->flags;
		if (op == BO_CLEAR || (op == BO_ASSIGN && !bit))
			s->flags &= (uint8_t)~spi_flag_of[f];
		else
			s->flags |= spi_flag_of[f];
		if (s->flags != before)
			gic_spi_update(g, (uint32_t)i);
	}
}

static uint64_t gicd_igroupr_read(const struct gic_access *a) { return gicd_bits_read(a, BF_GROUP); }
static uint64_t gicd_enabler_read(const struct gic_access *a) { return gicd_bits_read(a, BF_ENABLE); }
static uint64_t gicd_pendr_read(const struct gic_access *a) { return gicd_bits_read(a, BF_PEND); }
static uint64_t gicd_activer_read(const struct gic_access *a) { return gicd_bits_read(a, BF_ACTIVE); }

static void gicd_igroupr_write(const struct gic_access *a, uint64_t v) { gicd_bits_write(a, v, BF_GROUP, BO_ASSIGN); }
static void gicd_isenabler_write(const struct gic_access *a, uint64_t v) { gicd_bits_write(a, v, BF_ENABLE, BO_SET); }
static void gicd_icenabler_write(const struct gic_access *a, uint64_t v) { gicd_bits_write(a, v, BF_ENABLE, BO_CLEAR); }
static void gicd_ispendr_write(const struct gic_access *a, uint64_t v) { gicd_bits_write(a, v, BF_PEND, BO_SET); }
static void gicd_icpendr_write(const struct gic_access *a, uint64_t v) { gicd_bits_write(a, v, BF_PEND, BO_CLEAR); }
static void gicd_isactiver_write(const struct gic_access *a, uint64_t v) { gicd_bits_write(a, v, BF_ACTIVE, BO_SET); }
static void gicd_icactiver_write(const struct gic_access *a, uint64_t v) { gicd_bits_write(a, v, BF_ACTIVE, BO_CLEAR); }

static uint64_t gicd_ipriorityr_read(const struct gic_access *a)
{
	uint64_t v = 0;

	for (unsigned b = 0; b < a->size; b++) {
		int64_t i = spi_index(a->g, a->rel + b);

		if (i >= 0)
			v |= (uint64_t)a->g->spis[i].prio << (b * BYTE_BITS);
	}
	return v;
}

static void gicd_ipriorityr_write(const struct gic_access *a, uint64_t val)
{
	struct gic *g = a->g;

	for (unsigned b = 0; b < a->size; b++) {
		int64_t i = spi_index(g, a->rel + b);
		uint8_t prio = (uint8_t)(val >> (b * BYTE_BITS)) & g->prof->dist_prio_mask;

		if (i < 0 || g->spis[i].prio == prio)
			continue;
		g->spis[i].prio = prio;
		gic_spi_update(g, (uint32_t)i);
	}
}

/*
 * One ICFGR word configures GIC_IRQS_PER_CFG_WORD INTIDs, two bits each;
 * the odd bit of a field is 1 for edge-triggered. These convert between a
 * word and its INTIDs' edge bits (bit j = the word's j-th INTID).
 */
static uint32_t cfg_of_edges(uint32_t edges)
{
	uint32_t cfg = 0;

	for (uint32_t j = 0; j < GIC_IRQS_PER_CFG_WORD; j++)
		if ((edges >> j) & 1u)
			cfg |= 1u << (j * GIC_CFG_BITS_PER_IRQ + GIC_CFG_EDGE_BIT);
	return cfg;
}

static uint32_t edges_of_cfg(uint32_t cfg)
{
	uint32_t edges = 0;

	for (uint32_t j = 0; j < GIC_IRQS_PER_CFG_WORD; j++)
		if ((cfg >> (j * GIC_CFG_BITS_PER_IRQ + GIC_CFG_EDGE_BIT)) & 1u)
			edges |= 1u << j;
	return edges;
}

static uint64_t gicd_icfgr_read(const struct gic_access *a)
{
	uint32_t first = a->rel / WORD_BYTES * GIC_IRQS_PER_CFG_WORD;
	uint32_t edges = 0;

	for (uint32_t j = 0; j < GIC_IRQS_PER_CFG_WORD; j++) {
		int64_t i = spi_index(a->g, first + j);

		if (i >= 0 && (a->g->spis[i].flags & GIC_SPIF_EDGE))
			edges |= 1u << j;
	}
	return cfg_of_edges(edges);
}

static void gicd_icfgr_write(const struct gic_access *a, uint64_t val)
{
	struct gic *g = a->g;
	uint32_t first = a->rel / WORD_BYTES * GIC_IRQS_PER_CFG_WORD;
	uint32_t edges = edges_of_cfg((uint32_t)val);

	for (uint32_t j = 0; j < GIC_IRQS_PER_CFG_WORD; j++) {
		int64_t i = spi_index(g, first + j);
		bool edge = (edges >> j) & 1u;
		struct gic_spi *s;

		if (i < 0)
			continue;
		s = &g->spis[i];
		if (((s->flags & GIC_SPIF_EDGE) != 0) == edge)
			continue;
		gic_set_flag(&s->flags, GIC_SPIF_EDGE, edge);
		gic_spi_update(g, (uint32_t)i);
	}
}

static int64_t irouter_spi(const struct gic_access *a)
{
	return spi_index(a->g, GIC_INTID_SPI_FIRST + a->rel / GICD_IROUTER_STRIDE);
}

static uint64_t gicd_irouter_read(const struct gic_access *a)
{
	int64_t i = irouter_spi(a);

	return i < 0 ? 0 : read64(a, a->g->spis[i].irouter);
}

static void gicd_irouter_write(const struct gic_access *a, uint64_t val)
{
	struct gic *g = a->g;
	int64_t i = irouter_spi(a);

	if (i < 0)
		return;
	g->spis[i].irouter = write64(a, g->spis[i].irouter, val) & g->prof->irouter_mask;
	gic_spi_retarget(g, (uint32_t)i);
}

/* Sorted by offset; gaps are reserved (RAZ/WI). */
static const struct gic_reg_desc gicd_table[] = {
	{ REG32(GICD_CTLR), GIC_W4, gicd_ctlr_read, gicd_ctlr_write, "GICD_CTLR" },
	{ REG32(GICD_TYPER), GIC_W4, gicd_typer_read, gic_wi, "GICD_TYPER" },
	{ REG32(GICD_IIDR), GIC_W4, gicd_iidr_read, gic_wi, "GICD_IIDR" },
	{ REG32(GICD_TYPER2), GIC_W4, gic_raz, gic_wi, "GICD_TYPER2" },
	{ REG32(GICD_STATUSR), GIC_W4, gicd_statusr_read, gic_wi, "GICD_STATUSR" },
	{ REG32(GICD_SETSPI_NSR), GIC_W2 | GIC_W4, gic_raz, gicd_setspi_write,
	  "GICD_SETSPI_NSR" },
	{ REG32(GICD_CLRSPI_NSR), GIC_W2 | GIC_W4, gic_raz, gicd_clrspi_write,
	  "GICD_CLRSPI_NSR" },
	{ ARRAY(GICD_IGROUPR, GICD_BITMAP_BYTES), GIC_W4, gicd_igroupr_read,
	  gicd_igroupr_write, "GICD_IGROUPR" },
	{ ARRAY(GICD_ISENABLER, GICD_BITMAP_BYTES), GIC_W4, gicd_enabler_read,
	  gicd_isenabler_write, "GICD_ISENABLER" },
	{ ARRAY(GICD_ICENABLER, GICD_BITMAP_BYTES), GIC_W4, gicd_enabler_read,
	  gicd_icenabler_write, "GICD_ICENABLER" },
	{ ARRAY(GICD_ISPENDR, GICD_BITMAP_BYTES), GIC_W4, gicd_pendr_read,
	  gicd_ispendr_write, "GICD_ISPENDR" },
	{ ARRAY(GICD_ICPENDR, GICD_BITMAP_BYTES), GIC_W4, gicd_pendr_read,
	  gicd_icpendr_write, "GICD_ICPENDR" },
	{ ARRAY(GICD_ISACTIVER, GICD_BITMAP_BYTES), GIC_W4, gicd_activer_read,
	  gicd_isactiver_write, "GICD_ISACTIVER" },
	{ ARRAY(GICD_ICACTIVER, GICD_BITMAP_BYTES), GIC_W4, gicd_activer_read,
	  gicd_icactiver_write, "GICD_ICACTIVER" },
	{ ARRAY(GICD_IPRIORITYR, GICD_PRIORITY_BYTES), GIC_W1 | GIC_W4,
	  gicd_ipriorityr_read, gicd_ipriorityr_write, "GICD_IPRIORITYR" },
	{ ARRAY(GICD_ITARGETSR, GICD_ITARGETSR_BYTES), GIC_W1 | GIC_W4, gic_raz,
	  gic_wi, "GICD_ITARGETSR" },
	{ ARRAY(GICD_ICFGR, GICD_ICFGR_BYTES), GIC_W4, gicd_icfgr_read,
	  gicd_icfgr_write, "GICD_ICFGR" },
	{ ARRAY(GICD_IGRPMODR, GICD_BITMAP_BYTES), GIC_W4, gic_raz, gic_wi,
	  "GICD_IGRPMODR" },
	{ ARRAY(GICD_NSACR, GICD_NSACR_BYTES), GIC_W4, gic_raz, gic_wi, "GICD_NSACR" },
	{ REG32(GICD_SGIR), GIC_W4, gic_raz, gic_wi, "GICD_SGIR" },
	{ ARRAY(GICD_CPENDSGIR, GICD_CPENDSGIR_BYTES), GIC_W1 | GIC_W4, gic_raz,
	  gic_wi, "GICD_CPENDSGIR" },
	{ ARRAY(GICD_SPENDSGIR, GICD_SPENDSGIR_BYTES), GIC_W1 | GIC_W4, gic_raz,
	  gic_wi, "GICD_SPENDSGIR" },
	{ GICD_IROUTER_FIRST, GICD_IROUTER_LAST, GIC_W4 | GIC_W8, gicd_irouter_read,
	  gicd_irouter_write, "GICD_IROUTER" },
	{ GIC_IDREGS_FIRST, GIC_IDREGS_LAST, GIC_W4, gicd_idreg, gic_wi, "GICD_PIDR/CIDR" },
};

/* ---- redistributor RD_base --------------------------------------------------- */

static struct gic_cpu *acc_cpu(const struct gic_access *a)
{
	return &a->g->cpus[a->cpu];
}

static uint64_t gicr_ctlr_read(const struct gic_access *a)
{
	const struct gic_profile_desc *p = a->g->prof;

	return p->gicr_ctlr_ro | (a->g->lpis ? p->gicr_ctlr_lpi_ro : 0) |
	       ((acc_cpu(a)->flags & GIC_CPUF_LPIS) ? GICR_CTLR_ENABLE_LPIS : 0);
}

static void gicr_ctlr_write(const struct gic_access *a, uint64_t val)
{
	struct gic_cpu *c = acc_cpu(a);

	if (!a->g->lpis)
		return;
	gic_set_flag(&c->flags, GIC_CPUF_LPIS, val & GICR_CTLR_ENABLE_LPIS);
	gic_cpu_update(a->g, a->cpu);
}

static uint64_t gicr_iidr_read(const struct gic_access *a)
{
	return a->g->prof->gicr_iidr;
}

static uint64_t gicr_typer_read(const struct gic_access *a)
{
	const struct gic *g = a->g;
	uint32_t aff = acc_cpu(a)->aff;
	uint64_t v;

	if (!g->prof->typer_aff3)
		aff &= (uint32_t)MPIDR_AFF0_2_MASK;
	v = (uint64_t)aff << GICR_TYPER_AFFINITY_SHIFT;
	v |= ((uint64_t)a->cpu & GICR_TYPER_PROC_NUM_MASK) << GICR_TYPER_PROC_NUM_SHIFT;
	v |= (uint64_t)g->prof->common_lpi_aff << GICR_TYPER_COMMON_LPI_AFF_SHIFT;
	if (g->lpis)
		v |= GICR_TYPER_PLPIS;
	if (g->vlpis)
		v |= GICR_TYPER_VLPIS;
	if (gic_redist_is_last(g, a->cpu))
		v |= GICR_TYPER_LAST;
	return read64(a, v);
}

/* Without GICR_WAKER (prof->waker false) ProcessorSleep is never set: RAZ. */
static uint64_t gicr_waker_read(const struct gic_access *a)
{
	if (!(acc_cpu(a)->flags & GIC_CPUF_SLEEP))
		return 0;
	return GICR_WAKER_PROCESSOR_SLEEP | GICR_WAKER_CHILDREN_ASLEEP;
}

static void gicr_waker_write(const struct gic_access *a, uint64_t val)
{
	struct gic_cpu *c = acc_cpu(a);
	uint8_t before = c->flags;

	if (!a->g->prof->waker)
		return;
	gic_set_flag(&c->flags, GIC_CPUF_SLEEP, val & GICR_WAKER_PROCESSOR_SLEEP);
	if (c->flags == before)
		return;
	gic_cpu_participation(a->g, a->cpu);
	gic_cpu_update(a->g, a->cpu);
}

static uint64_t gicr_propbaser_read(const struct gic_access *a)
{
	return read64(a, a->g->rd[a->cpu].propbaser);
}

static void gicr_propbaser_write(const struct gic_access *a, uint64_t val)
{
	uint64_t *r = &a->g->rd[a->cpu].propbaser;

	*r = write64(a, *r, val);
}

static uint64_t gicr_pendbaser_read(const struct gic_access *a)
{
	return read64(a, a->g->rd[a->cpu].pendbaser);
}

static void gicr_pendbaser_write(const struct gic_access *a, uint64_t val)
{
	uint64_t *r = &a->g->rd[a->cpu].pendbaser;

	*r = write64(a, *r, val);
}

static const struct gic_reg_desc rd_table[] = {
	{ REG32(GICR_CTLR), GIC_W4, gicr_ctlr_read, gicr_ctlr_write, "GICR_CTLR" },
	{ REG32(GICR_IIDR), GIC_W4, gicr_iidr_read, gic_wi, "GICR_IIDR" },
	{ REG64(GICR_TYPER), GIC_W4 | GIC_W8, gicr_typer_read, gic_wi, "GICR_TYPER" },
	{ REG32(GICR_STATUSR), GIC_W4, gic_raz, gic_wi, "GICR_STATUSR" },
	{ REG32(GICR_WAKER), GIC_W4, gicr_waker_read, gicr_waker_write, "GICR_WAKER" },
	{ REG64(GICR_PROPBASER), GIC_W4 | GIC_W8, gicr_propbaser_read,
	  gicr_propbaser_write, "GICR_PROPBASER" },
	{ REG64(GICR_PENDBASER), GIC_W4 | GIC_W8, gicr_pendbaser_read,
	  gicr_pendbaser_write, "GICR_PENDBASER" },
	{ GIC_IDREGS_FIRST, GIC_IDREGS_LAST, GIC_W4, gicr_idreg, gic_wi, "GICR_PIDR/CIDR" },
};

/* ---- redistributor SGI_base ------------------------------------------------ */

static uint32_t *private_field(const struct gic_access *a, enum bit_field f)
{
	struct gic_cpu *c = acc_cpu(a);

	switch (f) {
	case BF_GROUP: return &c->group;
	case BF_ENABLE: return &c->enable;
	case BF_PEND: return &c->pend;
	case BF_ACTIVE: break;
	}
	return &c->active;
}

static uint64_t gicr_bits_read(const struct gic_access *a, enum bit_field f)
{
	return f == BF_PEND ? gic_cpu_pending(acc_cpu(a)) : *private_field(a, f);
}

static void gicr_bits_write(const struct gic_access *a, uint64_t val, enum bit_field f,
			    enum bit_op op)
{
	uint32_t *r = private_field(a, f);
	uint32_t before = *r;

	if (op == BO_ASSIGN)
		*r = (uint32_t)val;
	else if (op == BO_SET)
		*r |= (uint32_t)val;
	else
		*r &= ~(uint32_t)val;
	if (*r != before)
		gic_cpu_update(a->g, a->cpu);
}

static uint64_t gicr_igroupr_read(const struct gic_access *a) { return gicr_bits_read(a, BF_GROUP); }
static uint64_t gicr_enabler_read(const struct gic_access *a) { return gicr_bits_read(a, BF_ENABLE); }
static uint64_t gicr_pendr_read(const struct gic_access *a) { return gicr_bits_read(a, BF_PEND); }
static uint64_t gicr_activer_read(const struct gic_access *a) { return gicr_bits_read(a, BF_ACTIVE); }

static void gicr_igroupr_write(const struct gic_access *a, uint64_t v) { gicr_bits_write(a, v, BF_GROUP, BO_ASSIGN); }
static void gicr_isenabler_write(const struct gic_access *a, uint64_t v) { gicr_bits_write(a, v, BF_ENABLE, BO_SET); }
static void gicr_icenabler_write(const struct gic_access *a, uint64_t v) { gicr_bits_write(a, v, BF_ENABLE, BO_CLEAR); }
static void gicr_ispendr_write(const struct gic_access *a, uint64_t v) { gicr_bits_write(a, v, BF_PEND, BO_SET); }
static void gicr_icpendr_write(const struct gic_access *a, uint64_t v) { gicr_bits_write(a, v, BF_PEND, BO_CLEAR); }
static void gicr_isactiver_write(const struct gic_access *a, uint64_t v) { gicr_bits_write(a, v, BF_ACTIVE, BO_SET); }
static void gicr_icactiver_write(const struct gic_access *a, uint64_t v) { gicr_bits_write(a, v, BF_ACTIVE, BO_CLEAR); }

static uint64_t gicr_ipriorityr_read(const struct gic_access *a)
{
	const struct gic_cpu *c = acc_cpu(a);
	uint64_t v = 0;

	for (unsigned b = 0; b < a->size; b++)
		v |= (uint64_t)c->prio[a->rel + b] << (b * BYTE_BITS);
	return v;
}

static void gicr_ipriorityr_write(const struct gic_access *a, uint64_t val)
{
	struct gic_cpu *c = acc_cpu(a);

	for (unsigned b = 0; b < a->size; b++)
		c->prio[a->rel + b] = (uint8_t)(val >> (b * BYTE_BITS)) & a->g->prof->dist_prio_mask;
	gic_cpu_update(a->g, a->cpu);
}

static uint64_t gicr_icfgr0_read(const struct gic_access *a)
{
	(void)a;
	return GICR_ICFGR0_SGI_EDGE;
}

/* ICFGR1 configures the PPIs: edge bits 16-31. */
_Static_assert(GIC_NR_PPIS == GIC_IRQS_PER_CFG_WORD, "ICFGR1 holds every PPI");

static uint64_t gicr_icfgr1_read(const struct gic_access *a)
{
	return cfg_of_edges(acc_cpu(a)->edge >> GIC_INTID_PPI_FIRST);
}

static void gicr_icfgr1_write(const struct gic_access *a, uint64_t val)
{
	struct gic_cpu *c = acc_cpu(a);
	uint32_t edge = edges_of_cfg((uint32_t)val);

	c->edge = (c->edge & ((1u << GIC_INTID_PPI_FIRST) - 1)) | edge << GIC_INTID_PPI_FIRST;
	gic_cpu_update(a->g, a->cpu);
}

static const struct gic_reg_desc sgi_table[] = {
	{ REG32(GICR_IGROUPR0), GIC_W4, gicr_igroupr_read, gicr_igroupr_write,
	  "GICR_IGROUPR0" },
	{ REG32(GICR_ISENABLER0), GIC_W4, gicr_enabler_read, gicr_isenabler_write,
	  "GICR_ISENABLER0" },
	{ REG32(GICR_ICENABLER0), GIC_W4, gicr_enabler_read, gicr_icenabler_write,
	  "GICR_ICENABLER0" },
	{ REG32(GICR_ISPENDR0), GIC_W4, gicr_pendr_read, gicr_ispendr_write,
	  "GICR_ISPENDR0" },
	{ REG32(GICR_ICPENDR0), GIC_W4, gicr_pendr_read, gicr_icpendr_write,
	  "GICR_ICPENDR0" },
	{ REG32(GICR_ISACTIVER0), GIC_W4, gicr_activer_read, gicr_isactiver_write,
	  "GICR_ISACTIVER0" },
	{ REG32(GICR_ICACTIVER0), GIC_W4, gicr_activer_read, gicr_icactiver_write,
	  "GICR_ICACTIVER0" },
	{ ARRAY(GICR_IPRIORITYR0, GICR_IPRIORITYR_BYTES), GIC_W1 | GIC_W4,
	  gicr_ipriorityr_read, gicr_ipriorityr_write, "GICR_IPRIORITYR" },
	{ REG32(GICR_ICFGR0), GIC_W4, gicr_icfgr0_read, gic_wi, "GICR_ICFGR0" },
	{ REG32(GICR_ICFGR1), GIC_W4, gicr_icfgr1_read, gicr_icfgr1_write,
	  "GICR_ICFGR1" },
	{ REG32(GICR_IGRPMODR0), GIC_W4, gic_raz, gic_wi, "GICR_IGRPMODR0" },
	{ REG32(GICR_NSACR), GIC_W4, gic_raz, gic_wi, "GICR_NSACR" },
};

/* ---- redistributor VLPI_base (GICv4) ------------------------------------------ */

static uint64_t gicr_vpropbaser_read(const struct gic_access *a)
{
	return read64(a, a->g->vlpi[a->cpu].vpropbaser);
}

static void gicr_vpropbaser_write(const struct gic_access *a, uint64_t val)
{
	uint64_t *r = &a->g->vlpi[a->cpu].vpropbaser;

	*r = write64(a, *r, val);
}

static uint64_t gicr_vpendbaser_read(const struct gic_access *a)
{
	return read64(a, a->g->vlpi[a->cpu].vpendbaser);
}

/*
 * QEMU's GICR_VPENDBASER: only the architected fields are kept (Dirty reads
 * 0); a write while Valid stays 1 is ignored (UNPREDICTABLE: QEMU logs it);
 * Valid 0 -> 1 sets PendingLast (RES1 then), Valid 1 -> 0 clears it: no vLPI
 * is ever pending in this model.
 */
static uint64_t vpendbaser_fields(uint64_t old, uint64_t val)
{
	const uint64_t fields = GICR_VPENDBASER_INNER_CACHE | GICR_VPENDBASER_SHAREABILITY |
				GICR_VPENDBASER_PHYADDR | GICR_VPENDBASER_OUTER_CACHE |
				GICR_VPENDBASER_PENDING_LAST | GICR_VPENDBASER_IDAI |
				GICR_VPENDBASER_VALID;
	bool was_valid = old & GICR_VPENDBASER_VALID, valid = val & GICR_VPENDBASER_VALID;

	val &= fields;
	if (was_valid && valid)
		return old;
	if (was_valid == valid)
		return val;
	val &= ~GICR_VPENDBASER_PENDING_LAST;
	return valid ? val | GICR_VPENDBASER_PENDING_LAST : val;
}

static void gicr_vpendbaser_write(const struct gic_access *a, uint64_t val)
{
	uint64_t *r = &a->g->vlpi[a->cpu].vpendbaser;
	uint64_t now = write64(a, *r, val);

	*r = a->g->prof->vpendbaser_fields ? vpendbaser_fields(*r, now) : now;
}

static const struct gic_reg_desc vlpi_table[] = {
	{ REG64(GICR_VPROPBASER), GIC_W4 | GIC_W8, gicr_vpropbaser_read,
	  gicr_vpropbaser_write, "GICR_VPROPBASER" },
	{ REG64(GICR_VPENDBASER), GIC_W4 | GIC_W8, gicr_vpendbaser_read,
	  gicr_vpendbaser_write, "GICR_VPENDBASER" },
};

#define TABLE_LEN(t) (sizeof(t) / sizeof((t)[0]))

const struct gic_reg_desc *gic_frame_table(enum gic_frame_kind kind, size_t *n)
{
	static const struct {
		const struct gic_reg_desc *t;
		size_t n;
	} tables[GIC_FRAME_KIND_COUNT] = {
		[GIC_FRAME_GICD] = { gicd_table, TABLE_LEN(gicd_table) },
		[GIC_FRAME_RD] = { rd_table, TABLE_LEN(rd_table) },
		[GIC_FRAME_SGI] = { sgi_table, TABLE_LEN(sgi_table) },
		[GIC_FRAME_VLPI] = { vlpi_table, TABLE_LEN(vlpi_table) },
	};

	if ((unsigned)kind >= GIC_FRAME_KIND_COUNT) {
		*n = 0;
		return NULL;
	}
	*n = tables[kind].n;
	return tables[kind].t;
}

/* ---- dispatch ---------------------------------------------------------------- */

static uint64_t size_mask(unsigned size)
{
	return size == sizeof(uint64_t) ? UINT64_MAX : (UINT64_C(1) << (size * BYTE_BITS)) - 1;
}

/*
 * An access of a width the register does not take: an error, or under QEMU
 * RAZ/WI (QEMU logs it and answers MEMTX_OK, as a bus error would give the
 * guest a spurious data abort).
 */
static int bad_width(const struct gic *g, bool write, uint64_t *val)
{
	if (!g->prof->bad_width_raz)
		return GIC_E_ACCESS_SIZE;
	if (!write)
		*val = 0;
	return GIC_OK;
}

/*
 * The decode index: for each 32-bit word of a frame, 1 + the table entry
 * holding it, 0 for a reserved word. Every register starts and ends on a word
 * boundary (tests/gic_emul/test_gic_regs.c checks each table), so a word's
 * entry is the register of each of its bytes. Built once per process
 * (gic_mmio_decode_init, from gic_create); read-only after.
 */
#define FRAME_WORDS ((size_t)(GIC_FRAME_SIZE / sizeof(uint32_t)))
_Static_assert(TABLE_LEN(gicd_table) < UINT8_MAX && TABLE_LEN(rd_table) < UINT8_MAX &&
	       TABLE_LEN(sgi_table) < UINT8_MAX && TABLE_LEN(vlpi_table) < UINT8_MAX,
	       "a decode index entry is a byte");

static uint8_t decode_index[GIC_FRAME_KIND_COUNT][FRAME_WORDS];
static once_flag decode_once = ONCE_FLAG_INIT;

static void decode_index_build(void)
{
	for (unsigned k = 0; k < GIC_FRAME_KIND_COUNT; k++) {
		size_t n;
		const struct gic_reg_desc *t = gic_frame_table((enum gic_frame_kind)k, &n);

		for (size_t i = 0; i < n; i++)
			memset(&decode_index[k][t[i].first / sizeof(uint32_t)], (int)(i + 1),
			       (t[i].last + 1 - t[i].first) / sizeof(uint32_t));
	}
}

void gic_mmio_decode_init(void)
{
	call_once(&decode_once, decode_index_build);
}

/* The register of @kind at word-aligned offset @off, or NULL for a reserved word. */
static const struct gic_reg_desc *decode(enum gic_frame_kind kind, uint32_t off)
{
	size_t n;
	const struct gic_reg_desc *t = gic_frame_table(kind, &n);
	unsigned i = decode_index[kind][off / sizeof(uint32_t)];

	return i != 0 ? &t[i - 1] : NULL;
}

static int frame_access(struct gic *g, enum gic_frame_kind kind, uint32_t cpu, uint32_t off,
			unsigned size, bool write, uint64_t *val)
{
	const struct gic_reg_desc *d = decode(kind, off);
	uint32_t end = off + size - 1;

	if (d != NULL) {
		struct gic_access a = { g, cpu, off, off - d->first, size };

		if (!(d->widths & (1u << size)) || end > d->last)
			return bad_width(g, write, val);
		if (write)
			d->write(&a, *val & size_mask(size));
		else
			*val = d->read(&a) & size_mask(size);
		return GIC_OK;
	}
	/* Reserved: an access must not run into the next register. */
	if (end < GIC_FRAME_SIZE && decode(kind, end) != NULL)
		return bad_width(g, write, val);
	if (!write)
		*val = 0;
	return GIC_OK;
}

static int mmio_access(struct gic *g, uint64_t addr, unsigned size, bool write, uint64_t *val)
{
	uint64_t off;
	uint32_t cpu;
	unsigned frame;

	if (g == NULL || val == NULL)
		return GIC_E_INVAL;
	if (!g->initialised)
		return GIC_E_NOT_INITIALISED;
	if (size != 1 && size != 2 && size != 4 && size != 8)
		return GIC_E_ACCESS_SIZE;
	if ((addr & (size - 1)) != 0) /* size is a power of two */
		return GIC_E_ACCESS_ALIGN;
	if (addr >= g->dist_base && addr - g->dist_base < GICD_SIZE)
		return frame_access(g, GIC_FRAME_GICD, 0, (uint32_t)(addr - g->dist_base), size,
				    write, val);
	cpu = gic_redist_at(g, addr, &off);
	if (cpu == GIC_NO_CPU)
		return g->nr_its > 0 ? gic_its_mmio(g, addr, size, write, val) : GIC_E_UNMAPPED;
	frame = (unsigned)(off >> GIC_FRAME_SHIFT);
	off &= GIC_FRAME_SIZE - 1;
	switch (frame) {
	case GICR_FRAME_RD:
		return frame_access(g, GIC_FRAME_RD, cpu, (uint32_t)off, size, write, val);
	case GICR_FRAME_SGI:
		return frame_access(g, GIC_FRAME_SGI, cpu, (uint32_t)off, size, write, val);
	case GICR_FRAME_VLPI:
		return frame_access(g, GIC_FRAME_VLPI, cpu, (uint32_t)off, size, write, val);
	default:
		/* GICv4's reserved frame: RAZ/WI */
		if (!write)
			*val = 0;
		return GIC_OK;
	}
}

int gic_mmio_read(struct gic *g, uint64_t addr, unsigned size, uint64_t *val)
{
	return mmio_access(g, addr, size, false, val);
}

int gic_mmio_write(struct gic *g, uint64_t addr, unsigned size, uint64_t val)
{
	return mmio_access(g, addr, size, true, &val);
}
