/* SPDX-License-Identifier: MIT */
/*
 * gic_emul: interrupt state, routing and the CPU interfaces.
 *
 * Each vCPU keeps a "best candidate" (hppi): the highest-priority interrupt
 * that is pending, enabled, not active and of a group enabled both in
 * GICD_CTLR and in its ICC_IGRPENn. Its private INTIDs are bit masks; the
 * SPIs routed to it sit on a short per-vCPU list, so recomputing a vCPU costs
 * O(32 + its list), never O(vCPUs) or O(SPIs). The vCPUs whose IRQ or FIQ
 * line is asserted form a list with a count, kept as lines change.
 *
 * 1 of N (IROUTER.IRM, ARCH profile only): the vCPUs taking part in a group
 * (awake, ICC_IGRPENn set) form a ring per group; an SPI goes to the next
 * one round-robin and stays there while that vCPU takes part.
 */
#include "gic_internal.h"

#define SGI_MASK        ((1u << GIC_NR_SGIS) - 1)
#define GROUP_OF(bit)   ((bit) ? 1u : 0u)
#define APR_WORD_BITS   64
#define LINE_OF(grp)    ((grp) ? GIC_LINE_IRQ : GIC_LINE_FIQ)

/* Minimum ICC_BPR0_EL1 for the profile's priority bits. */
static inline uint8_t bpr0_min(const struct gic *g)
{
	unsigned bits = g->prof->pri_bits;

	return bits < GIC_PRIO_BITS_MAX - 1 ? (uint8_t)(GIC_PRIO_BITS_MAX - 1 - bits) : 0;
}

bool gic_spi_pending(const struct gic_spi *s)
{
	return (s->flags & GIC_SPIF_PEND) ||
	       ((s->flags & GIC_SPIF_LEVEL) && !(s->flags & GIC_SPIF_EDGE));
}

uint32_t gic_cpu_pending(const struct gic_cpu *c)
{
	return c->pend | (c->level & ~c->edge);
}

static bool spi_candidate(const struct gic_spi *s)
{
	return gic_spi_pending(s) && (s->flags & GIC_SPIF_ENABLE) && !(s->flags & GIC_SPIF_ACTIVE);
}

static bool dist_group_enabled(const struct gic *g, unsigned grp)
{
	if (grp == 1 || !g->prof->grp0_enable)
		return g->gicd_ctlr & GICD_CTLR_ENABLE_GRP1;
	return g->gicd_ctlr & GICD_CTLR_ENABLE_GRP0;
}

static bool cpu_group_enabled(const struct gic_cpu *c, unsigned grp)
{
	return c->flags & (grp ? GIC_CPUF_IGRPEN1 : GIC_CPUF_IGRPEN0);
}

/* Mask of the group priority bits for an interrupt of group @grp. */
static uint8_t group_prio_mask(const struct gic_cpu *c, unsigned grp)
{
	unsigned shift = (grp == 0 || (c->flags & GIC_CPUF_CBPR)) ? c->bpr0 + 1u : c->bpr1;

	return (uint8_t)(GIC_PRIO_FIELD_MASK << shift);
}

static unsigned running_priority(const struct gic_cpu *c)
{
	if (c->apr[0] != 0)
		return (unsigned)__builtin_ctzll(c->apr[0]) << GIC_APR_PRIO_SHIFT;
	if (c->apr[1] != 0)
		return (unsigned)(__builtin_ctzll(c->apr[1]) + APR_WORD_BITS) << GIC_APR_PRIO_SHIFT;
	return GIC_PRIO_IDLE;
}

static unsigned intid_group(const struct gic *g, const struct gic_cpu *c, uint32_t intid)
{
	if (intid < GIC_NR_PRIVATE)
		return (c->group >> intid) & 1u;
	if (intid >= GIC_LPI_FIRST)
		return 1; /* LPIs are Group 1 */
	return GROUP_OF(g->spis[intid - GIC_INTID_SPI_FIRST].flags & GIC_SPIF_GROUP1);
}

/* ---- signalled-CPU list ---------------------------------------------------- */

static void set_lines(struct gic *g, uint32_t cpu, uint8_t lines)
{
	struct gic_cpu *c = &g->cpus[cpu];
	bool was = c->lines != 0, now = lines != 0;

	c->lines = lines;
	if (was == now)
		return;
	if (now) {
		c->sig_prev = GIC_NO_CPU;
		c->sig_next = g->sig_head;
		if (g->sig_head != GIC_NO_CPU)
			g->cpus[g->sig_head].sig_prev = cpu;
		g->sig_head = cpu;
		g->sig_count++;
	} else {
		if (c->sig_prev != GIC_NO_CPU)
			g->cpus[c->sig_prev].sig_next = c->sig_next;
		else
			g->sig_head = c->sig_next;
		if (c->sig_next != GIC_NO_CPU)
			g->cpus[c->sig_next].sig_prev = c->sig_prev;
		c->sig_prev = c->sig_next = GIC_NO_CPU;
		g->sig_count--;
	}
}

void gic_cpu_update(struct gic *g, uint32_t cpu)
{
	struct gic_cpu *c = &g->cpus[cpu];
	uint32_t cand = gic_cpu_pending(c) & c->enable & ~c->active;
	unsigned best_prio = GIC_PRIO_NONE;
	uint32_t best = GIC_INTID_SPURIOUS;
	unsigned grp;
	uint8_t lines = 0;
	bool en0, en1;

	/* Nothing pending here (most updates, after an EOI): no candidate, no line. */
	if (cand == 0 && c->spi_head == GIC_NO_SPI && !gic_lpi_any(g, cpu)) {
		c->hppi = GIC_INTID_SPURIOUS;
		c->hppi_prio = GIC_PRIO_IDLE;
		if (c->lines != 0)
			set_lines(g, cpu, 0);
		return;
	}
	en0 = dist_group_enabled(g, 0) && cpu_group_enabled(c, 0);
	en1 = dist_group_enabled(g, 1) && cpu_group_enabled(c, 1);
	cand &= (en1 ? c->group : 0) | (en0 ? ~c->group : 0);
	while (cand != 0) {
		uint32_t i = (uint32_t)__builtin_ctz(cand);

		cand &= cand - 1;
		if (c->prio[i] < best_prio) {
			best_prio = c->prio[i];
			best = i;
		}
	}
	for (uint16_t s = c->spi_head; s != GIC_NO_SPI; s = g->spis[s].next) {
		const struct gic_spi *sp = &g->spis[s];
		uint32_t intid = GIC_INTID_SPI_FIRST + s;

		if (!((sp->flags & GIC_SPIF_GROUP1) ? en1 : en0))
			continue;
		if (sp->prio < best_prio || (sp->prio == best_prio && intid < best)) {
			best_prio = sp->prio;
			best = intid;
		}
	}
	if (en1 && g->lpi_head != NULL && (c->flags & GIC_CPUF_LPIS))
		gic_lpi_best(g, cpu, &best_prio, &best);
	c->hppi = (uint16_t)best;
	c->hppi_prio = best == GIC_INTID_SPURIOUS ? GIC_PRIO_IDLE : (uint8_t)best_prio;
	if (best != GIC_INTID_SPURIOUS && !(c->flags & GIC_CPUF_SLEEP) && best_prio < c->pmr) {
		grp = intid_group(g, c, best);
		if ((best_prio & group_prio_mask(c, grp)) < running_priority(c))
			lines = LINE_OF(grp);
	}
	set_lines(g, cpu, lines);
}

void gic_update_all(struct gic *g)
{
	for (uint32_t i = 0; i < g->cfg.nr_cpus; i++) {
		const struct gic_cpu *c = &g->cpus[i];

		/* Nothing to choose and nothing asserted: stays so. */
		if (c->lines == 0 && c->spi_head == GIC_NO_SPI &&
		    (gic_cpu_pending(c) & c->enable & ~c->active) == 0 && !gic_lpi_any(g, i))
			continue;
		gic_cpu_update(g, i);
	}
}

/* ---- SPI lists --------------------------------------------------------------- */

static uint16_t *list_head(struct gic *g, uint32_t owner)
{
	return owner == GIC_PARKED ? &g->parked_head : &g->cpus[owner].spi_head;
}

static void spi_unlink(struct gic *g, uint32_t i)
{
	struct gic_spi *s = &g->spis[i];

	if (s->owner == GIC_NO_CPU)
		return;
	if (s->prev != GIC_NO_SPI)
		g->spis[s->prev].next = s->next;
	else
		*list_head(g, s->owner) = s->next;
	if (s->next != GIC_NO_SPI)
		g->spis[s->next].prev = s->prev;
	s->next = s->prev = GIC_NO_SPI;
	s->owner = GIC_NO_CPU;
}

static void spi_link(struct gic *g, uint32_t i, uint32_t owner)
{
	struct gic_spi *s = &g->spis[i];
	uint16_t *head = list_head(g, owner);

	s->owner = owner;
	s->prev = GIC_NO_SPI;
	s->next = *head;
	if (*head != GIC_NO_SPI)
		g->spis[*head].prev = (uint16_t)i;
	*head = (uint16_t)i;
}

/* ---- 1 of N participation -------------------------------------------------- */

static bool participates(const struct gic *g, uint32_t cpu, unsigned grp)
{
	const struct gic_cpu *c = &g->cpus[cpu];

	return !(c->flags & GIC_CPUF_SLEEP) && cpu_group_enabled(c, grp);
}

static bool in_ring(const struct gic *g, uint32_t cpu, unsigned grp)
{
	return g->cpus[cpu].part_next[grp] != GIC_NO_CPU;
}

static void ring_insert(struct gic *g, uint32_t cpu, unsigned grp)
{
	struct gic_cpu *c = &g->cpus[cpu];
	uint32_t cur = g->part_cursor[grp];

	if (cur == GIC_NO_CPU) {
		c->part_next[grp] = c->part_prev[grp] = cpu;
		g->part_cursor[grp] = cpu;
		return;
	}
	/* Before the cursor's successor's turn comes around: insert after the cursor. */
	c->part_prev[grp] = cur;
	c->part_next[grp] = g->cpus[cur].part_next[grp];
	g->cpus[c->part_next[grp]].part_prev[grp] = cpu;
	g->cpus[cur].part_next[grp] = cpu;
}

static void ring_remove(struct gic *g, uint32_t cpu, unsigned grp)
{
	struct gic_cpu *c = &g->cpus[cpu];

	if (c->part_next[grp] == cpu) {
		g->part_cursor[grp] = GIC_NO_CPU;
	} else {
		g->cpus[c->part_prev[grp]].part_next[grp] = c->part_next[grp];
		g->cpus[c->part_next[grp]].part_prev[grp] = c->part_prev[grp];
		if (g->part_cursor[grp] == cpu)
			g->part_cursor[grp] = c->part_prev[grp];
	}
	c->part_next[grp] = c->part_prev[grp] = GIC_NO_CPU;
}

/* The next vCPU of the ring of @grp, round-robin; GIC_NO_CPU if empty. */
static uint32_t ring_next(struct gic *g, unsigned grp)
{
	uint32_t cur = g->part_cursor[grp];

	if (cur == GIC_NO_CPU)
		return GIC_NO_CPU;
	g->part_cursor[grp] = g->cpus[cur].part_next[grp];
	return g->part_cursor[grp];
}

static bool spi_one_of_n(const struct gic *g, const struct gic_spi *s)
{
	return g->prof->irm_routes && (s->irouter & GICD_IROUTER_IRM);
}

/* Where SPI @i should be listed now. */
static uint32_t spi_choose(struct gic *g, uint32_t i)
{
	struct gic_spi *s = &g->spis[i];
	unsigned grp;
	uint32_t c;

	if (!spi_candidate(s))
		return GIC_NO_CPU;
	if (!spi_one_of_n(g, s))
		return s->target;
	grp = GROUP_OF(s->flags & GIC_SPIF_GROUP1);
	if (s->owner < g->cfg.nr_cpus && participates(g, s->owner, grp))
		return s->owner;
	c = ring_next(g, grp);
	return c == GIC_NO_CPU ? GIC_PARKED : c;
}

void gic_spi_update(struct gic *g, uint32_t i)
{
	struct gic_spi *s = &g->spis[i];
	uint32_t old = s->owner;
	uint32_t now = spi_choose(g, i);

	if (now != old) {
		spi_unlink(g, i);
		if (now != GIC_NO_CPU)
			spi_link(g, i, now);
	}
	if (old < g->cfg.nr_cpus)
		gic_cpu_update(g, old);
	if (now < g->cfg.nr_cpus && now != old)
		gic_cpu_update(g, now);
}

void gic_spi_retarget(struct gic *g, uint32_t i)
{
	struct gic_spi *s = &g->spis[i];

	s->target = gic_find_cpu_near(g, gic_pack_affinity(s->irouter));
	gic_spi_update(g, i);
}

/* Re-route the SPIs of list @head that route 1 of N in group @grp. */
static void reroute_list(struct gic *g, uint16_t head, unsigned grp)
{
	uint16_t s = head;

	while (s != GIC_NO_SPI) {
		uint16_t next = g->spis[s].next;
		const struct gic_spi *sp = &g->spis[s];

		if (spi_one_of_n(g, sp) && GROUP_OF(sp->flags & GIC_SPIF_GROUP1) == grp)
			gic_spi_update(g, s);
		s = next;
	}
}

void gic_cpu_participation(struct gic *g, uint32_t cpu)
{
	if (!g->prof->irm_routes)
		return;
	for (unsigned grp = 0; grp < GIC_NR_GROUPS; grp++) {
		bool now = participates(g, cpu, grp);

		if (now && !in_ring(g, cpu, grp)) {
			ring_insert(g, cpu, grp);
			reroute_list(g, g->parked_head, grp);
		} else if (!now && in_ring(g, cpu, grp)) {
			ring_remove(g, cpu, grp);
			reroute_list(g, g->cpus[cpu].spi_head, grp);
		}
	}
}

/* ---- reset ------------------------------------------------------------------- */

void gic_reset_state(struct gic *g)
{
	const struct gic_profile_desc *p = g->prof;
	uint8_t bpr0 = bpr0_min(g);
	/* Every IROUTER resets to the same value: one lookup for all SPIs. */
	uint32_t target = gic_find_cpu(g, gic_pack_affinity(GICD_IROUTER_RESET));

	for (uint32_t i = 0; i < g->cfg.nr_cpus; i++) {
		struct gic_cpu *c = &g->cpus[i];

		c->enable = p->sgis_reset_enabled ? SGI_MASK : 0;
		c->group = p->groups_reset_g1 ? UINT32_MAX : 0;
		c->edge = SGI_MASK;
		c->flags = p->waker ? GIC_CPUF_SLEEP : 0;
		c->bpr0 = bpr0;
		c->bpr1 = (uint8_t)(bpr0 + 1);
		c->hppi = GIC_INTID_SPURIOUS;
		c->hppi_prio = GIC_PRIO_IDLE;
		c->spi_head = GIC_NO_SPI;
		c->sig_prev = c->sig_next = GIC_NO_CPU;
		for (unsigned grp = 0; grp < GIC_NR_GROUPS; grp++)
			c->part_prev[grp] = c->part_next[grp] = GIC_NO_CPU;
	}
	for (uint32_t i = 0; i < g->nr_spis; i++) {
		struct gic_spi *s = &g->spis[i];

		s->irouter = GICD_IROUTER_RESET;
		s->flags = p->groups_reset_g1 ? GIC_SPIF_GROUP1 : 0;
		s->owner = GIC_NO_CPU;
		s->next = s->prev = GIC_NO_SPI;
		s->target = target;
	}
	g->gicd_ctlr = GICD_CTLR_RESET;
	g->parked_head = GIC_NO_SPI;
	g->sig_head = GIC_NO_CPU;
	g->sig_count = 0;
	for (unsigned grp = 0; grp < GIC_NR_GROUPS; grp++)
		g->part_cursor[grp] = GIC_NO_CPU;
}

/* ---- interrupt lines ------------------------------------------------------- */

int gic_set_spi_level(struct gic *g, uint32_t intid, bool level)
{
	struct gic_spi *s;
	bool was;

	if (g == NULL)
		return GIC_E_INVAL;
	if (!g->initialised)
		return GIC_E_NOT_INITIALISED;
	if (intid < GIC_INTID_SPI_FIRST || intid >= g->cfg.nr_irqs)
		return GIC_E_INTID;
	s = &g->spis[intid - GIC_INTID_SPI_FIRST];
	was = s->flags & GIC_SPIF_LEVEL;
	if (was == level)
		return GIC_OK;
	gic_set_flag(&s->flags, GIC_SPIF_LEVEL, level);
	/* a rising edge latches an edge-triggered SPI pending */
	if (level && (s->flags & GIC_SPIF_EDGE))
		s->flags |= GIC_SPIF_PEND;
	gic_spi_update(g, intid - GIC_INTID_SPI_FIRST);
	return GIC_OK;
}

int gic_set_ppi_level(struct gic *g, uint32_t cpu, uint32_t intid, bool level)
{
	struct gic_cpu *c;
	uint32_t bit;

	if (g == NULL)
		return GIC_E_INVAL;
	if (!g->initialised)
		return GIC_E_NOT_INITIALISED;
	if (cpu >= g->cfg.nr_cpus)
		return GIC_E_CPU;
	if (intid < GIC_INTID_PPI_FIRST || intid >= GIC_NR_PRIVATE)
		return GIC_E_INTID;
	c = &g->cpus[cpu];
	bit = 1u << intid;
	if (((c->level & bit) != 0) == level)
		return GIC_OK;
	if (level) {
		c->level |= bit;
		if (c->edge & bit)
			c->pend |= bit;
	} else {
		c->level &= ~bit;
	}
	gic_cpu_update(g, cpu);
	return GIC_OK;
}

/* ---- CPU interface --------------------------------------------------------- */

static const char *const icc_names[GIC_ICC_REG_COUNT] = {
	[GIC_ICC_PMR] = "ICC_PMR_EL1",
	[GIC_ICC_IAR0] = "ICC_IAR0_EL1",
	[GIC_ICC_IAR1] = "ICC_IAR1_EL1",
	[GIC_ICC_EOIR0] = "ICC_EOIR0_EL1",
	[GIC_ICC_EOIR1] = "ICC_EOIR1_EL1",
	[GIC_ICC_HPPIR0] = "ICC_HPPIR0_EL1",
	[GIC_ICC_HPPIR1] = "ICC_HPPIR1_EL1",
	[GIC_ICC_DIR] = "ICC_DIR_EL1",
	[GIC_ICC_RPR] = "ICC_RPR_EL1",
	[GIC_ICC_BPR0] = "ICC_BPR0_EL1",
	[GIC_ICC_BPR1] = "ICC_BPR1_EL1",
	[GIC_ICC_CTLR] = "ICC_CTLR_EL1",
	[GIC_ICC_SRE] = "ICC_SRE_EL1",
	[GIC_ICC_IGRPEN0] = "ICC_IGRPEN0_EL1",
	[GIC_ICC_IGRPEN1] = "ICC_IGRPEN1_EL1",
	[GIC_ICC_SGI0R] = "ICC_SGI0R_EL1",
	[GIC_ICC_SGI1R] = "ICC_SGI1R_EL1",
};

#define ICC_PREFIX "ICC_"
#define ICC_SUFFIX "_EL1"

const char *gic_icc_reg_name(enum gic_icc_reg reg)
{
	if ((unsigned)reg >= GIC_ICC_REG_COUNT)
		return NULL;
	return icc_names[reg];
}

static int upper(int ch)
{
	return (ch >= 'a' && ch <= 'z') ? ch - 'a' + 'A' : ch;
}

/* Case-insensitive compare of @name with @full[skip .. len - cut]. */
static bool name_matches(const char *name, const char *full, size_t skip, size_t cut)
{
	size_t n = 0, len = 0;

	while (full[len] != '\0')
		len++;
	for (size_t i = skip; i + cut < len; i++, n++)
		if (name[n] == '\0' || upper(name[n]) != full[i])
			return false;
	return name[n] == '\0';
}

int gic_icc_reg_by_name(const char *name, enum gic_icc_reg *reg)
{
	const size_t pre = sizeof(ICC_PREFIX) - 1, suf = sizeof(ICC_SUFFIX) - 1;

	if (name == NULL || reg == NULL)
		return GIC_E_INVAL;
	for (unsigned r = 0; r < GIC_ICC_REG_COUNT; r++) {
		const char *full = icc_names[r];

		if (name_matches(name, full, 0, 0) || name_matches(name, full, pre, 0) ||
		    name_matches(name, full, 0, suf) || name_matches(name, full, pre, suf)) {
			*reg = (enum gic_icc_reg)r;
			return GIC_OK;
		}
	}
	return GIC_E_SYSREG;
}

static uint32_t cpu_acknowledge(struct gic *g, uint32_t cpu, unsigned grp)
{
	struct gic_cpu *c = &g->cpus[cpu];
	uint32_t intid = c->hppi;
	unsigned bit;

	if (!(c->lines & LINE_OF(grp)))
		return GIC_INTID_SPURIOUS;
	/* record the group priority in the active priorities */
	bit = (unsigned)(c->hppi_prio & group_prio_mask(c, grp)) >> GIC_APR_PRIO_SHIFT;
	c->apr[bit / APR_WORD_BITS] |= UINT64_C(1) << (bit % APR_WORD_BITS);
	if (intid < GIC_NR_PRIVATE) {
		c->active |= 1u << intid;
		c->pend &= ~(1u << intid);
		gic_cpu_update(g, cpu);
	} else if (intid >= GIC_LPI_FIRST) {
		gic_lpi_acknowledge(g, cpu, intid); /* updates the vCPU */
	} else {
		struct gic_spi *s = &g->spis[intid - GIC_INTID_SPI_FIRST];

		s->flags |= GIC_SPIF_ACTIVE;
		s->flags &= (uint8_t)~GIC_SPIF_PEND;
		gic_spi_update(g, intid - GIC_INTID_SPI_FIRST);
	}
	return intid;
}

static void deactivate(struct gic *g, uint32_t cpu, uint32_t intid)
{
	if (intid < GIC_NR_PRIVATE) {
		g->cpus[cpu].active &= ~(1u << intid);
	} else if (intid < g->cfg.nr_irqs) {
		g->spis[intid - GIC_INTID_SPI_FIRST].flags &= (uint8_t)~GIC_SPIF_ACTIVE;
		gic_spi_update(g, intid - GIC_INTID_SPI_FIRST);
	}
}

static void priority_drop(struct gic_cpu *c)
{
	if (c->apr[0] != 0)
		c->apr[0] &= c->apr[0] - 1;
	else if (c->apr[1] != 0)
		c->apr[1] &= c->apr[1] - 1;
}

static void cpu_eoi(struct gic *g, uint32_t cpu, uint64_t val)
{
	uint32_t intid = (uint32_t)(val & ICC_INTID_MASK);

	/* Special INTIDs (1020-1023) have no effect. */
	if (intid >= GIC_INTID_SPECIAL_FIRST && intid <= GIC_INTID_SPURIOUS)
		return;
	priority_drop(&g->cpus[cpu]);
	if (!(g->cpus[cpu].flags & GIC_CPUF_EOIMODE))
		deactivate(g, cpu, intid);
	gic_cpu_update(g, cpu);
}

/* Set SGI @intid pending on vCPU @t for a write to ICC_SGI<grp>R. */
static void sgi_send(struct gic *g, uint32_t t, uint32_t intid, unsigned grp)
{
	struct gic_cpu *c = &g->cpus[t];
	unsigned target_grp = (c->group >> intid) & 1u;

	if (target_grp != grp && !(grp == 1 && g->prof->sgi1r_any_group))
		return;
	c->pend |= 1u << intid;
	gic_cpu_update(g, t);
}

static void sgi_generate(struct gic *g, uint32_t self, uint64_t val, unsigned grp)
{
	uint32_t intid = (uint32_t)(val >> ICC_SGIR_INTID_SHIFT) & ICC_SGIR_INTID_MASK;
	uint32_t list = (uint32_t)(val & ICC_SGIR_TARGETLIST_MASK);
	uint32_t rs, cluster;

	if (val & ICC_SGIR_IRM) {
		for (uint32_t t = 0; t < g->cfg.nr_cpus; t++)
			if (t != self)
				sgi_send(g, t, intid, grp);
		return;
	}
	/* Without RSS, KVM and QEMU ignore RS: Aff0 is the target list bit. */
	rs = g->prof->rss ? (uint32_t)(val >> ICC_SGIR_RS_SHIFT) & ICC_SGIR_RS_MASK : 0;
	cluster = (uint32_t)((val >> ICC_SGIR_AFF3_SHIFT) & MPIDR_AFF_MASK) << GIC_PACKED_AFF3_SHIFT |
		  (uint32_t)((val >> ICC_SGIR_AFF2_SHIFT) & MPIDR_AFF_MASK) << MPIDR_AFF2_SHIFT |
		  (uint32_t)((val >> ICC_SGIR_AFF1_SHIFT) & MPIDR_AFF_MASK) << MPIDR_AFF1_SHIFT;
	while (list != 0) {
		uint32_t k = (uint32_t)__builtin_ctz(list);
		uint32_t t = gic_find_cpu_near(g, cluster | (rs * ICC_SGIR_TARGETS_PER_RS + k));

		list &= list - 1;
		if (t != GIC_NO_CPU)
			sgi_send(g, t, intid, grp);
	}
}

static uint64_t icc_ctlr(const struct gic *g, const struct gic_cpu *c)
{
	uint64_t v = (uint64_t)(g->prof->pri_bits - 1) << ICC_CTLR_PRIBITS_SHIFT |
		     (uint64_t)g->prof->icc_idbits << ICC_CTLR_IDBITS_SHIFT;

	if (c->flags & GIC_CPUF_CBPR)
		v |= ICC_CTLR_CBPR;
	if (c->flags & GIC_CPUF_EOIMODE)
		v |= ICC_CTLR_EOIMODE;
	if (g->prof->icc_a3v)
		v |= ICC_CTLR_A3V;
	if (g->prof->rss)
		v |= ICC_CTLR_RSS;
	return v;
}

static uint64_t hppir(const struct gic *g, const struct gic_cpu *c, unsigned grp)
{
	if (c->hppi == GIC_INTID_SPURIOUS || intid_group(g, c, c->hppi) != grp)
		return GIC_INTID_SPURIOUS;
	return c->hppi;
}

static int cpu_check(const struct gic *g, uint32_t cpu, enum gic_icc_reg reg)
{
	if (g == NULL)
		return GIC_E_INVAL;
	if (!g->initialised)
		return GIC_E_NOT_INITIALISED;
	if (cpu >= g->cfg.nr_cpus)
		return GIC_E_CPU;
	if ((unsigned)reg >= GIC_ICC_REG_COUNT)
		return GIC_E_SYSREG;
	return GIC_OK;
}

int gic_cpu_read(struct gic *g, uint32_t cpu, enum gic_icc_reg reg, uint64_t *val)
{
	struct gic_cpu *c;
	int rc = cpu_check(g, cpu, reg);

	if (rc != GIC_OK)
		return rc;
	if (val == NULL)
		return GIC_E_INVAL;
	c = &g->cpus[cpu];
	switch (reg) {
	case GIC_ICC_PMR: *val = c->pmr; break;
	case GIC_ICC_IAR0: *val = cpu_acknowledge(g, cpu, 0); break;
	case GIC_ICC_IAR1: *val = cpu_acknowledge(g, cpu, 1); break;
	case GIC_ICC_HPPIR0: *val = hppir(g, c, 0); break;
	case GIC_ICC_HPPIR1: *val = hppir(g, c, 1); break;
	case GIC_ICC_RPR: *val = running_priority(c); break;
	case GIC_ICC_BPR0: *val = c->bpr0; break;
	case GIC_ICC_BPR1:
		/* With CBPR, BPR1 reads BPR0 + 1, saturated. */
		*val = (c->flags & GIC_CPUF_CBPR) ?
		       (c->bpr0 < ICC_BPR_MASK ? c->bpr0 + 1u : ICC_BPR_MASK) : c->bpr1;
		break;
	case GIC_ICC_CTLR: *val = icc_ctlr(g, c); break;
	case GIC_ICC_SRE: *val = ICC_SRE_SRE | ICC_SRE_DFB | ICC_SRE_DIB; break;
	case GIC_ICC_IGRPEN0: *val = (c->flags & GIC_CPUF_IGRPEN0) ? ICC_IGRPEN_ENABLE : 0; break;
	case GIC_ICC_IGRPEN1: *val = (c->flags & GIC_CPUF_IGRPEN1) ? ICC_IGRPEN_ENABLE : 0; break;
	default: return GIC_E_SYSREG; /* write-only: EOIR, DIR, SGIxR */
	}
	return GIC_OK;
}

int gic_cpu_write(struct gic *g, uint32_t cpu, enum gic_icc_reg reg, uint64_t val)
{
	struct gic_cpu *c;
	uint8_t min;
	int rc = cpu_check(g, cpu, reg);

	if (rc != GIC_OK)
		return rc;
	c = &g->cpus[cpu];
	switch (reg) {
	case GIC_ICC_PMR:
		c->pmr = (uint8_t)(val & ICC_PMR_MASK) & GIC_PRIO_MASK(g->prof->pri_bits);
		break;
	case GIC_ICC_BPR0:
		min = bpr0_min(g);
		c->bpr0 = (uint8_t)(val & ICC_BPR_MASK) < min ? min : (uint8_t)(val & ICC_BPR_MASK);
		break;
	case GIC_ICC_BPR1:
		if (c->flags & GIC_CPUF_CBPR)
			return GIC_OK; /* ignored while BPR0 controls both groups */
		min = bpr0_min(g);
		c->bpr1 = (uint8_t)(val & ICC_BPR_MASK) <= min ? (uint8_t)(min + 1) :
			  (uint8_t)(val & ICC_BPR_MASK);
		break;
	case GIC_ICC_CTLR:
		gic_set_flag(&c->flags, GIC_CPUF_CBPR, val & ICC_CTLR_CBPR);
		gic_set_flag(&c->flags, GIC_CPUF_EOIMODE, val & ICC_CTLR_EOIMODE);
		break;
	case GIC_ICC_SRE:
		return GIC_OK; /* RAO/WI */
	case GIC_ICC_IGRPEN0:
	case GIC_ICC_IGRPEN1:
		gic_set_flag(&c->flags, reg == GIC_ICC_IGRPEN0 ? GIC_CPUF_IGRPEN0 : GIC_CPUF_IGRPEN1,
			     val & ICC_IGRPEN_ENABLE);
		gic_cpu_participation(g, cpu);
		break;
	case GIC_ICC_EOIR0:
	case GIC_ICC_EOIR1:
		cpu_eoi(g, cpu, val);
		return GIC_OK;
	case GIC_ICC_DIR:
		deactivate(g, cpu, (uint32_t)(val & ICC_INTID_MASK));
		break;
	case GIC_ICC_SGI0R:
		sgi_generate(g, cpu, val, 0);
		return GIC_OK;
	case GIC_ICC_SGI1R:
		sgi_generate(g, cpu, val, 1);
		return GIC_OK;
	default:
		return GIC_E_SYSREG; /* read-only: IAR, HPPIR, RPR */
	}
	gic_cpu_update(g, cpu);
	return GIC_OK;
}

/* ---- introspection ------------------------------------------------------- */

int gic_cpu_lines(const struct gic *g, uint32_t cpu, unsigned *lines)
{
	if (g == NULL || lines == NULL)
		return GIC_E_INVAL;
	if (cpu >= g->cfg.nr_cpus)
		return GIC_E_CPU;
	*lines = g->cpus[cpu].lines;
	return GIC_OK;
}

uint32_t gic_signalled_cpu_count(const struct gic *g)
{
	return g != NULL ? g->sig_count : 0;
}

uint32_t gic_signalled_cpus(const struct gic *g, uint32_t *cpus, uint32_t max)
{
	uint32_t n = 0;

	if (g == NULL)
		return 0;
	for (uint32_t c = g->sig_head; c != GIC_NO_CPU && n < max && cpus != NULL;
	     c = g->cpus[c].sig_next)
		cpus[n++] = c;
	return g->sig_count;
}
