/* SPDX-License-Identifier: MIT */
/* gic_emul: profiles, errors, lifecycle and the address map. */
#include "gic_internal.h"

#include <stdlib.h>
#include <string.h>

#define KVM_PRI_BITS    5   /* VGIC_PRI_BITS: KVM keeps 5 priority bits */
#define QEMU_PRI_BITS   5   /* cortex-a57's gic_pribits (the CPU QEMU's fixtures use) */
#define ARCH_PRI_BITS   GIC_PRIO_BITS_MAX
#define ICC_IDBITS_16   0   /* ICC_CTLR_EL1.IDbits: 16-bit INTIDs */
#define ICC_IDBITS_24   1   /* ... 24-bit INTIDs */
#define LPI_AFF_ALL     0   /* CommonLPIAff: every redistributor shares LPI tables */
#define LPI_AFF_AFF3    1   /* ... those with the same Aff3 */
#define ITLINES_ARCH    1   /* ITLinesNumber = nr_irqs / 32 - 1: max INTID = nr_irqs - 1 */
#define ITLINES_QEMU72  2   /* QEMU 7.2 counts SPIs only: one block of 32 short */
#define REGIONS_FIRST_CAP 4 /* region array: first allocation, then doubled */

/*
 * What each profile shows a guest. Every value has its source in
 * PROFILES.md (KVM: arch/arm64/kvm/vgic/vgic-mmio-v3.c, vgic-sys-reg-v3.c,
 * vgic-init.c; QEMU: measured on qemu-system-aarch64 7.2 with -qtest and
 * read in hw/intc/arm_gicv3_dist.c, arm_gicv3_cpuif.c, gicv3_internal.h).
 */
static const struct gic_profile_desc gic_profiles[GIC_PROFILE_COUNT] = {
	[GIC_PROFILE_ARCH] = {
		.name = "arch",
		.a3v = true, .no1n = false, .rss = true, .irm_routes = true,
		.typer_aff3 = true, .last_per_region = false, .waker = true,
		.grp0_enable = true, .sgi1r_any_group = false,
		.sgis_reset_enabled = false, .groups_reset_g1 = false,
		.mbis = true, .id_regs_full = true, .statusr_rao = false,
		.gicv4 = true,
		.irouter_mask = GICD_IROUTER_ARCH_MASK,
		.dist_prio_mask = GIC_PRIO_MASK(ARCH_PRI_BITS),
		.pri_bits = ARCH_PRI_BITS, .icc_idbits = ICC_IDBITS_16, .icc_a3v = true,
		.common_lpi_aff = LPI_AFF_ALL, .itlines_minus = ITLINES_ARCH,
		.idbits_lpis = GICD_TYPER_IDBITS_LPIS, .idbits_nolpis = GICD_TYPER_IDBITS_SPIS,
		.gicd_iidr = GIC_IIDR_IMPLEMENTER_ARM,
		.gicr_iidr = GIC_IIDR_IMPLEMENTER_ARM,
		.gicr_ctlr_ro = 0,
		.max_nr_irqs = GIC_NR_IRQS_MAX,
		.its_devbits = ITS_ARCH_ID_BITS, .its_idbits = ITS_ARCH_ID_BITS,
		.its_ite_size = GITS_TABLE_ENTRY_SIZE, .its_cidbits = ITS_COLLECTION_BITS,
		.its_pta = true, .gits_iidr = GIC_IIDR_IMPLEMENTER_ARM,
	},
	[GIC_PROFILE_KVM] = {
		.name = "kvm",
		.a3v = false, .no1n = false, .rss = false, .irm_routes = false,
		.typer_aff3 = false, .last_per_region = false, .waker = false,
		.grp0_enable = false, .sgi1r_any_group = true,
		.sgis_reset_enabled = true, .groups_reset_g1 = true,
		.mbis = false, .id_regs_full = false, .statusr_rao = true,
		.gicv4 = false,
		.irouter_mask = GICD_IROUTER_AFF0_2_MASK,
		.dist_prio_mask = GIC_PRIO_MASK(KVM_PRI_BITS),
		.pri_bits = KVM_PRI_BITS, .icc_idbits = ICC_IDBITS_16, .icc_a3v = true,
		.common_lpi_aff = LPI_AFF_ALL, .itlines_minus = ITLINES_ARCH,
		.idbits_lpis = GICD_TYPER_IDBITS_LPIS, .idbits_nolpis = GICD_TYPER_IDBITS_SPIS,
		.gicd_iidr = (GIC_IIDR_PRODUCT_KVM << GIC_IIDR_PRODUCT_SHIFT) |
			     (GIC_IIDR_REVISION_KVM << GIC_IIDR_REVISION_SHIFT) |
			     GIC_IIDR_IMPLEMENTER_ARM,
		.gicr_iidr = (GIC_IIDR_PRODUCT_KVM << GIC_IIDR_PRODUCT_SHIFT) |
			     GIC_IIDR_IMPLEMENTER_ARM,
		.gicr_ctlr_ro = GICR_CTLR_IR | GICR_CTLR_CES,
		/* vgic-mmio.c dispatch_mmio_read/_write: a width check_region refuses is RAZ/WI */
		.bad_width_raz = true,
		/* NR_IRQS above VGIC_MAX_RESERVED (1023) is refused: 992 is the top */
		.max_nr_irqs = GIC_NR_IRQS_MAX - GIC_NR_IRQS_STEP,
		/* vgic-its.c: VITS_TYPER_DEVBITS/IDBITS 16, ABI v0 ITEs of 8 bytes, no CIL, PTA 0 */
		.its_devbits = ITS_VMM_ID_BITS, .its_idbits = ITS_VMM_ID_BITS,
		.its_ite_size = GITS_TABLE_ENTRY_SIZE, .its_cidbits = 0, .its_pta = false,
		.gits_iidr = (GIC_IIDR_PRODUCT_KVM << GIC_IIDR_PRODUCT_SHIFT) |
			     GIC_IIDR_IMPLEMENTER_ARM,
	},
	[GIC_PROFILE_QEMU] = {
		.name = "qemu",
		.a3v = true, .no1n = true, .rss = false, .irm_routes = false,
		.typer_aff3 = true, .last_per_region = true, .waker = true,
		.grp0_enable = true, .sgi1r_any_group = false,
		.sgis_reset_enabled = false, .groups_reset_g1 = false,
		.mbis = false, .id_regs_full = true, .statusr_rao = false,
		.gicv4 = true, .lpis_from_machine = true, .bad_width_raz = true,
		.vpendbaser_fields = true,
		.irouter_mask = UINT64_MAX,
		.dist_prio_mask = GIC_PRIO_MASK(ARCH_PRI_BITS),
		.pri_bits = QEMU_PRI_BITS, .icc_idbits = ICC_IDBITS_24, .icc_a3v = true,
		.common_lpi_aff = LPI_AFF_AFF3, .itlines_minus = ITLINES_QEMU72,
		.idbits_lpis = GICD_TYPER_IDBITS_LPIS, .idbits_nolpis = GICD_TYPER_IDBITS_LPIS,
		.gicd_iidr = GIC_IIDR_IMPLEMENTER_ARM,
		.gicr_iidr = GIC_IIDR_IMPLEMENTER_ARM,
		.gicr_ctlr_ro = 0, .gicr_ctlr_lpi_ro = GICR_CTLR_CES,
		/* num-irq above GICV3_MAXIRQ (1020) is refused, and must be a multiple of 32 */
		.max_nr_irqs = GIC_NR_IRQS_MAX - GIC_NR_IRQS_STEP,
		/* arm_gicv3_its.c realize: ITS_DEVBITS/ITS_CIDBITS 0xF, IDbits 15, CIL, ITEs of 12 */
		.its_devbits = ITS_VMM_ID_BITS, .its_idbits = ITS_VMM_ID_BITS,
		.its_ite_size = ITS_QEMU_ITE_SIZE, .its_cidbits = ITS_COLLECTION_BITS,
		.its_pta = false, .gits_iidr = GIC_IIDR_IMPLEMENTER_ARM,
	},
};

static const char *const gic_errors[GIC_ERROR_COUNT] = {
	[-GIC_OK] = "success",
	[-GIC_E_INVAL] = "invalid argument",
	[-GIC_E_NOMEM] = "out of memory",
	[-GIC_E_VERSION] = "GIC version must be 3 or 4 (the KVM profile shows only GICv3)",
	[-GIC_E_PROFILE] = "unknown GIC profile, or a QEMU machine type QEMU 7.2 does not offer",
	[-GIC_E_NR_CPUS] = "number of vCPUs out of range",
	[-GIC_E_NR_IRQS] = "nr_irqs must be a multiple of 32 from 64 to the profile's limit",
	[-GIC_E_MPIDR_DUP] = "two vCPUs have the same affinity",
	[-GIC_E_INITIALISED] = "GIC already initialised: addresses and configuration are fixed",
	[-GIC_E_NOT_INITIALISED] = "GIC not initialised",
	[-GIC_E_ALIGN] = "base address not 64 KiB aligned",
	[-GIC_E_RANGE] = "region ends past the top of the address space",
	[-GIC_E_OVERLAP] = "region overlaps the distributor or another region",
	[-GIC_E_EXISTS] = "address already set",
	[-GIC_E_REDIST_COUNT] = "redistributor region of 0 redistributors",
	[-GIC_E_REDIST_MIX] = "legacy redistributor base and redistributor regions mixed",
	[-GIC_E_NO_DIST] = "no distributor address",
	[-GIC_E_NO_REDIST] = "no redistributor region",
	[-GIC_E_REDIST_FULL] = "more vCPUs than redistributor frames",
	[-GIC_E_UNMAPPED] = "address in no GIC frame",
	[-GIC_E_ACCESS_SIZE] = "access width not allowed for this register",
	[-GIC_E_ACCESS_ALIGN] = "access not aligned to its width",
	[-GIC_E_CPU] = "no such vCPU",
	[-GIC_E_INTID] = "INTID out of range for this operation",
	[-GIC_E_SYSREG] = "unknown CPU interface register, or wrong access direction",
	[-GIC_E_NO_LPIS] = "an ITS needs a GIC with LPIs",
	[-GIC_E_ITS_COUNT] = "too many ITSs, or no such ITS",
};

const char *gic_strerror(int err)
{
	if (err > 0 || err <= -GIC_ERROR_COUNT || gic_errors[-err] == NULL)
		return "unknown error";
	return gic_errors[-err];
}

const char *gic_profile_name(enum gic_profile p)
{
	if ((unsigned)p >= GIC_PROFILE_COUNT)
		return "unknown";
	return gic_profiles[p].name;
}

#define DEFAULT_AFF0_BITS 4   /* KVM's default MPIDR: 16 vCPUs per Aff0 group */
#define DEFAULT_AFF0_MASK ((1u << DEFAULT_AFF0_BITS) - 1)

uint64_t gic_default_mpidr(uint32_t cpu)
{
	uint64_t aff0 = cpu & DEFAULT_AFF0_MASK;
	uint64_t aff1 = (cpu >> DEFAULT_AFF0_BITS) & MPIDR_AFF_MASK;
	uint64_t aff2 = (cpu >> (DEFAULT_AFF0_BITS + MPIDR_AFF_WIDTH)) & MPIDR_AFF_MASK;
	uint64_t aff3 = (cpu >> (DEFAULT_AFF0_BITS + 2 * MPIDR_AFF_WIDTH)) & MPIDR_AFF_MASK;

	return aff0 << MPIDR_AFF0_SHIFT | aff1 << MPIDR_AFF1_SHIFT |
	       aff2 << MPIDR_AFF2_SHIFT | aff3 << MPIDR_AFF3_SHIFT;
}

uint32_t gic_pack_affinity(uint64_t mpidr)
{
	uint32_t aff3 = (uint32_t)((mpidr & MPIDR_AFF3_MASK) >> MPIDR_AFF3_SHIFT);

	return aff3 << GIC_PACKED_AFF3_SHIFT | (uint32_t)(mpidr & MPIDR_AFF0_2_MASK);
}

/* ---- affinity index: open addressing over cpu + 1 ----------------------- */

/* A 32-bit integer mixer (xorshift-multiply), so clustered affinities spread. */
#define HASH_MUL1 0x7feb352dU
#define HASH_MUL2 0x846ca68bU
#define HASH_SHIFT1 16
#define HASH_SHIFT2 15

static uint32_t aff_hash(uint32_t x)
{
	x ^= x >> HASH_SHIFT1;
	x *= HASH_MUL1;
	x ^= x >> HASH_SHIFT2;
	x *= HASH_MUL2;
	x ^= x >> HASH_SHIFT1;
	return x;
}

uint32_t gic_find_cpu(const struct gic *g, uint32_t aff)
{
	uint32_t h = aff_hash(aff) & g->aff_hash_mask;

	for (;;) {
		uint32_t e = g->aff_hash[h];

		if (e == 0)
			return GIC_NO_CPU;
		if (g->cpus[e - 1].aff == aff)
			return e - 1;
		h = (h + 1) & g->aff_hash_mask;
	}
}

uint32_t gic_find_cpu_near(struct gic *g, uint32_t aff)
{
	uint32_t next = g->find_hint + 1, cpu;

	if (next < g->cfg.nr_cpus && g->cpus[next].aff == aff)
		cpu = next;
	else if (g->find_hint < g->cfg.nr_cpus && g->cpus[g->find_hint].aff == aff)
		cpu = g->find_hint;
	else
		cpu = gic_find_cpu(g, aff);
	if (cpu != GIC_NO_CPU)
		g->find_hint = cpu;
	return cpu;
}

/* Insert vCPU @cpu; false when its affinity is already there. */
static bool aff_insert(struct gic *g, uint32_t cpu)
{
	uint32_t aff = g->cpus[cpu].aff;
	uint32_t h = aff_hash(aff) & g->aff_hash_mask;

	while (g->aff_hash[h] != 0) {
		if (g->cpus[g->aff_hash[h] - 1].aff == aff)
			return false;
		h = (h + 1) & g->aff_hash_mask;
	}
	g->aff_hash[h] = cpu + 1;
	return true;
}

/* ---- lifecycle ------------------------------------------------------------- */

static int check_config(const struct gic_config *cfg)
{
	const struct gic_profile_desc *p;

	if ((unsigned)cfg->profile >= GIC_PROFILE_COUNT)
		return GIC_E_PROFILE;
	p = &gic_profiles[cfg->profile];
	if (cfg->version != GIC_ARCHREV_GICV3 && cfg->version != GIC_ARCHREV_GICV4)
		return GIC_E_VERSION;
	if (cfg->version == GIC_ARCHREV_GICV4 && !p->gicv4)
		return GIC_E_VERSION;
	if (p->lpis_from_machine && cfg->qemu_machine != 0 &&
	    (cfg->qemu_machine < GIC_QEMU_MACHINE_OLDEST ||
	     cfg->qemu_machine > GIC_QEMU_MACHINE_LATEST))
		return GIC_E_PROFILE;
	if (cfg->nr_cpus == 0 || cfg->nr_cpus > GIC_MAX_CPUS)
		return GIC_E_NR_CPUS;
	if (cfg->nr_irqs % GIC_NR_IRQS_STEP != 0 || cfg->nr_irqs < GIC_NR_IRQS_MIN ||
	    cfg->nr_irqs > p->max_nr_irqs)
		return GIC_E_NR_IRQS;
	return GIC_OK;
}

/* The LPIs @cfg's GIC shows (check_config() passed). */
static bool config_lpis(const struct gic_config *cfg)
{
	uint32_t machine = cfg->qemu_machine ? cfg->qemu_machine : GIC_QEMU_MACHINE_LATEST;

	if (!gic_profiles[cfg->profile].lpis_from_machine)
		return cfg->lpis;
	/* hw/arm/virt.c create_gic: has-lpi from the machine type's TCG ITS, not from its=on */
	return machine >= GIC_QEMU_MACHINE_TCG_ITS;
}

/* GICR_TYPER.VLPIS: a GICv4 with LPIs (QEMU), or any GICv4 (the others). */
static bool config_vlpis(const struct gic_config *cfg)
{
	if (cfg->version != GIC_ARCHREV_GICV4)
		return false;
	return !gic_profiles[cfg->profile].lpis_from_machine || config_lpis(cfg);
}

uint64_t gic_config_redist_size(const struct gic_config *cfg)
{
	if (cfg == NULL || (unsigned)cfg->profile >= GIC_PROFILE_COUNT)
		return 0;
	return config_vlpis(cfg) ? GICR_V4_SIZE : GICR_V3_SIZE;
}

static struct gic *fail(struct gic *g, int *err, int code)
{
	gic_destroy(g);
	if (err != NULL)
		*err = code;
	return NULL;
}

struct gic *gic_create(const struct gic_config *cfg, int *err)
{
	struct gic *g;
	uint64_t hash_size = 1;
	int rc;

	if (cfg == NULL)
		return fail(NULL, err, GIC_E_INVAL);
	rc = check_config(cfg);
	if (rc != GIC_OK)
		return fail(NULL, err, rc);

	g = calloc(1, sizeof(*g));
	if (g == NULL)
		return fail(NULL, err, GIC_E_NOMEM);
	g->cfg = *cfg;
	g->cfg.mpidr = NULL;
	g->prof = &gic_profiles[cfg->profile];
	g->lpis = config_lpis(cfg);
	g->vlpis = config_vlpis(cfg);
	/* The frame size follows VLPIS (QEMU's gicv3_redist_size reads GICR_TYPER.VLPIS). */
	g->redist_shift = g->vlpis ? GICR_V4_SHIFT : GICR_V3_SHIFT;
	g->nr_spis = cfg->nr_irqs - GIC_NR_PRIVATE;

	/* Twice as many slots as vCPUs: short probe sequences. */
	while (hash_size < 2 * (uint64_t)cfg->nr_cpus)
		hash_size <<= 1;
	g->aff_hash_mask = (uint32_t)(hash_size - 1);

	g->cpus = calloc(cfg->nr_cpus, sizeof(*g->cpus));
	g->rd = calloc(cfg->nr_cpus, sizeof(*g->rd));
	g->aff_hash = calloc(hash_size, sizeof(*g->aff_hash));
	g->spis = calloc(g->nr_spis, sizeof(*g->spis));
	if (cfg->version == GIC_ARCHREV_GICV4)
		g->vlpi = calloc(cfg->nr_cpus, sizeof(*g->vlpi));
	if (g->cpus == NULL || g->rd == NULL || g->aff_hash == NULL || g->spis == NULL ||
	    (cfg->version == GIC_ARCHREV_GICV4 && g->vlpi == NULL))
		return fail(g, err, GIC_E_NOMEM);

	for (uint32_t i = 0; i < cfg->nr_cpus; i++) {
		uint64_t mpidr = cfg->mpidr != NULL ? cfg->mpidr[i] : gic_default_mpidr(i);

		g->cpus[i].aff = gic_pack_affinity(mpidr);
		if (!aff_insert(g, i))
			return fail(g, err, GIC_E_MPIDR_DUP);
	}
	gic_reset_state(g);
	gic_mmio_decode_init();
	if (err != NULL)
		*err = GIC_OK;
	return g;
}

void gic_destroy(struct gic *g)
{
	if (g == NULL)
		return;
	free(g->regions);
	free(g->by_base);
	free(g->cpus);
	free(g->rd);
	free(g->vlpi);
	free(g->aff_hash);
	free(g->spis);
	gic_its_free(g);
	free(g);
}

bool gic_initialised(const struct gic *g)
{
	return g != NULL && g->initialised;
}

uint32_t gic_nr_cpus(const struct gic *g)
{
	return g != NULL ? g->cfg.nr_cpus : 0;
}

/* Only the shift is kept: the redistributor's size is derived from it. */
_Static_assert(GICR_V3_SIZE == UINT64_C(1) << GICR_V3_SHIFT, "GICR_V3_SHIFT");
_Static_assert(GICR_V4_SIZE == UINT64_C(1) << GICR_V4_SHIFT, "GICR_V4_SHIFT");

uint64_t gic_redist_size(const struct gic *g)
{
	return g != NULL ? UINT64_C(1) << g->redist_shift : 0;
}

/* ---- address map ----------------------------------------------------------- */

/* Last byte of [base, base + size), or false when it passes 2^64. */
static bool span_last(uint64_t base, uint64_t size, uint64_t *last)
{
	return size != 0 && !__builtin_add_overflow(base, size - 1, last);
}

static bool spans_overlap(uint64_t a, uint64_t a_last, uint64_t b, uint64_t b_last)
{
	return a <= b_last && b <= a_last;
}

static uint64_t region_size(const struct gic *g, const struct gic_region *r)
{
	return (uint64_t)r->count << g->redist_shift;
}

static uint64_t region_last(const struct gic *g, const struct gic_region *r)
{
	return r->base + region_size(g, r) - 1;
}

/* Index into by_base of the first region whose base is above @addr. */
static uint32_t by_base_upper(const struct gic *g, uint64_t addr)
{
	uint32_t lo = 0, hi = g->nr_regions;

	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;

		if (g->regions[g->by_base[mid]].base <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Does [base, last] overlap any region? O(log regions). */
static bool overlaps_regions(const struct gic *g, uint64_t base, uint64_t last)
{
	uint32_t pos = by_base_upper(g, base);

	if (pos > 0 && region_last(g, &g->regions[g->by_base[pos - 1]]) >= base)
		return true;
	if (pos < g->nr_regions && g->regions[g->by_base[pos]].base <= last)
		return true;
	return false;
}

static int check_region(const struct gic *g, uint64_t base, uint64_t size)
{
	uint64_t last;

	if (base % GIC_BASE_ALIGN != 0)
		return GIC_E_ALIGN;
	if (!span_last(base, size, &last))
		return GIC_E_RANGE;
	if (g->dist_set && spans_overlap(base, last, g->dist_base, g->dist_base + GICD_SIZE - 1))
		return GIC_E_OVERLAP;
	if (overlaps_regions(g, base, last) || gic_its_overlaps(g, base, last))
		return GIC_E_OVERLAP;
	return GIC_OK;
}

int gic_check_span(const struct gic *g, uint64_t base, uint64_t size)
{
	return check_region(g, base, size);
}

static int append_region(struct gic *g, uint64_t base, uint32_t count)
{
	uint32_t pos;

	if (g->nr_regions == g->cap_regions) {
		uint32_t cap = g->cap_regions ? 2 * g->cap_regions : REGIONS_FIRST_CAP;
		struct gic_region *r = realloc(g->regions, cap * sizeof(*r));
		uint32_t *b;

		if (r == NULL)
			return GIC_E_NOMEM;
		g->regions = r;
		b = realloc(g->by_base, cap * sizeof(*b));
		if (b == NULL)
			return GIC_E_NOMEM;
		g->by_base = b;
		g->cap_regions = cap;
	}
	g->regions[g->nr_regions] = (struct gic_region){ .base = base, .count = count };
	pos = by_base_upper(g, base);
	memmove(&g->by_base[pos + 1], &g->by_base[pos],
		(g->nr_regions - pos) * sizeof(*g->by_base));
	g->by_base[pos] = g->nr_regions;
	g->nr_regions++;
	return GIC_OK;
}

/* Check, then add a region of @count redistributor frames at @base. */
static int add_region(struct gic *g, uint64_t base, uint32_t count)
{
	int rc = check_region(g, base, (uint64_t)count << g->redist_shift);

	if (rc != GIC_OK)
		return rc;
	return append_region(g, base, count);
}

int gic_set_dist_base(struct gic *g, uint64_t base)
{
	int rc;

	if (g == NULL)
		return GIC_E_INVAL;
	if (g->initialised)
		return GIC_E_INITIALISED;
	if (g->dist_set)
		return GIC_E_EXISTS;
	/* dist_set is false here: check_region tests only the regions. */
	rc = check_region(g, base, GICD_SIZE);
	if (rc != GIC_OK)
		return rc;
	g->dist_base = base;
	g->dist_set = true;
	return GIC_OK;
}

int gic_add_redist_region(struct gic *g, uint64_t base, uint32_t count)
{
	if (g == NULL)
		return GIC_E_INVAL;
	if (g->initialised)
		return GIC_E_INITIALISED;
	if (g->legacy)
		return GIC_E_REDIST_MIX;
	if (count == 0)
		return GIC_E_REDIST_COUNT;
	return add_region(g, base, count);
}

int gic_set_redist_base(struct gic *g, uint64_t base)
{
	int rc;

	if (g == NULL)
		return GIC_E_INVAL;
	if (g->initialised)
		return GIC_E_INITIALISED;
	if (g->legacy)
		return GIC_E_EXISTS;
	if (g->nr_regions != 0)
		return GIC_E_REDIST_MIX;
	rc = add_region(g, base, g->cfg.nr_cpus);
	if (rc == GIC_OK)
		g->legacy = true;
	return rc;
}

int gic_init(struct gic *g)
{
	uint32_t next = 0;

	if (g == NULL)
		return GIC_E_INVAL;
	if (g->initialised)
		return GIC_E_INITIALISED;
	if (!g->dist_set)
		return GIC_E_NO_DIST;
	if (g->nr_regions == 0)
		return GIC_E_NO_REDIST;
	for (uint32_t i = 0; i < g->nr_regions; i++) {
		struct gic_region *r = &g->regions[i];
		uint32_t left = g->cfg.nr_cpus - next;

		r->first_cpu = next;
		r->used = left < r->count ? left : r->count;
		next += r->used;
	}
	if (next < g->cfg.nr_cpus) {
		for (uint32_t i = 0; i < g->nr_regions; i++)
			g->regions[i].used = 0;
		return GIC_E_REDIST_FULL;
	}
	g->initialised = true;
	return GIC_OK;
}

uint32_t gic_redist_at(const struct gic *g, uint64_t addr, uint64_t *offset)
{
	uint32_t pos = by_base_upper(g, addr);
	const struct gic_region *r;
	uint64_t frame;

	if (pos == 0)
		return GIC_NO_CPU;
	r = &g->regions[g->by_base[pos - 1]];
	frame = (addr - r->base) >> g->redist_shift;
	if (frame >= r->used)
		return GIC_NO_CPU;
	if (offset != NULL)
		*offset = (addr - r->base) & ((UINT64_C(1) << g->redist_shift) - 1);
	return r->first_cpu + (uint32_t)frame;
}

/* The region holding vCPU @cpu (regions fill in order: first_cpu grows). */
static const struct gic_region *region_of(const struct gic *g, uint32_t cpu)
{
	uint32_t lo = 0, hi = g->nr_regions;

	/* last region with used > 0 and first_cpu <= cpu */
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		const struct gic_region *r = &g->regions[mid];

		if (r->used > 0 && r->first_cpu <= cpu)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 ? &g->regions[lo - 1] : NULL;
}

bool gic_redist_is_last(const struct gic *g, uint32_t cpu)
{
	const struct gic_region *r = region_of(g, cpu);
	uint32_t frame;
	uint64_t next;

	if (r == NULL)
		return false;
	frame = cpu - r->first_cpu;
	if (frame + 1 < r->used)
		return false;
	if (g->prof->last_per_region)
		return true;
	/* Last of a series of contiguous redistributors: nothing right after. */
	if (__builtin_add_overflow(r->base, ((uint64_t)frame + 1) << g->redist_shift, &next))
		return true;
	return gic_redist_at(g, next, NULL) == GIC_NO_CPU;
}

int gic_redist_frame_base(const struct gic *g, uint32_t cpu, uint64_t *addr)
{
	const struct gic_region *r;

	if (g == NULL || addr == NULL)
		return GIC_E_INVAL;
	if (!g->initialised)
		return GIC_E_NOT_INITIALISED;
	if (cpu >= g->cfg.nr_cpus)
		return GIC_E_CPU;
	r = region_of(g, cpu);
	if (r == NULL)
		return GIC_E_CPU;
	*addr = r->base + ((uint64_t)(cpu - r->first_cpu) << g->redist_shift);
	return GIC_OK;
}

int gic_cpu_mpidr(const struct gic *g, uint32_t cpu, uint64_t *mpidr)
{
	uint32_t aff;

	if (g == NULL || mpidr == NULL)
		return GIC_E_INVAL;
	if (cpu >= g->cfg.nr_cpus)
		return GIC_E_CPU;
	aff = g->cpus[cpu].aff;
	*mpidr = (uint64_t)(aff >> GIC_PACKED_AFF3_SHIFT) << MPIDR_AFF3_SHIFT |
		 (aff & MPIDR_AFF0_2_MASK);
	return GIC_OK;
}

int gic_cpu_by_affinity(const struct gic *g, uint64_t mpidr, uint32_t *cpu)
{
	uint32_t c;

	if (g == NULL || cpu == NULL)
		return GIC_E_INVAL;
	c = gic_find_cpu(g, gic_pack_affinity(mpidr));
	if (c == GIC_NO_CPU)
		return GIC_E_CPU;
	*cpu = c;
	return GIC_OK;
}
