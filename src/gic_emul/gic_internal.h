/* SPDX-License-Identifier: MIT */
/* gic_emul's private state, shared by its .c files (and its unit tests). */
#ifndef GIC_INTERNAL_H
#define GIC_INTERNAL_H

#include <stddef.h>

#include "gic_emul.h"
#include "gic_regs.h"

/* Bytes, 32-bit words and doublewords of the registers' accessors. */
#define BYTE_BITS       8
#define WORD_BYTES      4
#define HALF_SHIFT      32
#define WORD_MASK       UINT64_C(0xFFFFFFFF)

#define GIC_NO_CPU UINT32_MAX   /* "no vCPU" in links and routing */
#define GIC_PARKED (UINT32_MAX - 1) /* SPI owner: 1 of N, no CPU participates */
#define GIC_NO_SPI UINT16_MAX   /* end of an SPI list */
#define GIC_NR_GROUPS 2

/* Mask of the implemented (high) bits of a priority with @bits bits. */
#define GIC_PRIO_MASK(bits) \
	((uint8_t)(GIC_PRIO_FIELD_MASK << (GIC_PRIO_BITS_MAX - (bits))))

/*
 * What one profile shows a guest. Sources for each value: PROFILES.md.
 */
struct gic_profile_desc {
	const char *name;
	bool a3v;               /* GICD_TYPER.A3V */
	bool no1n;              /* GICD_TYPER.No1N */
	bool rss;               /* GICD_TYPER.RSS and ICC_CTLR_EL1.RSS: SGI RS honoured */
	bool irm_routes;        /* IROUTER.IRM = 1 routes 1 of N */
	bool typer_aff3;        /* GICR_TYPER carries Aff3 */
	bool last_per_region;   /* Last on each region's last frame, even if another region abuts */
	bool waker;             /* GICR_WAKER implemented (else RAZ/WI, always awake) */
	bool grp0_enable;       /* GICD_CTLR.EnableGrp0 implemented (else EnableGrp1 gates both) */
	bool sgi1r_any_group;   /* ICC_SGI1R_EL1 also sets Group 0 SGIs pending */
	bool sgis_reset_enabled;/* SGIs enabled at reset */
	bool groups_reset_g1;   /* every interrupt Group 1 at reset */
	bool mbis;              /* GICD_TYPER.MBIS: SETSPI_NSR/CLRSPI_NSR work */
	bool id_regs_full;      /* all PIDR/CIDR (else only PIDR2, others RAZ) */
	bool statusr_rao;       /* GICD_STATUSR reads all ones */
	bool gicv4;             /* can show a GICv4 */
	bool lpis_from_machine; /* LPIs follow gic_config.qemu_machine, not gic_config.lpis */
	bool bad_width_raz;     /* an access width a register does not take: RAZ/WI, not an error */
	bool vpendbaser_fields; /* GICR_VPENDBASER keeps its fields only; Valid sets PendingLast */
	uint64_t irouter_mask;  /* IROUTER bits kept on write */
	uint8_t dist_prio_mask; /* priority bits kept in IPRIORITYR */
	uint8_t pri_bits;       /* CPU interface priority bits (ICC_CTLR_EL1.PRIbits + 1) */
	uint8_t icc_idbits;     /* ICC_CTLR_EL1.IDbits */
	bool icc_a3v;           /* ICC_CTLR_EL1.A3V */
	uint8_t common_lpi_aff; /* GICR_TYPER.CommonLPIAff */
	uint8_t itlines_minus;  /* ITLinesNumber = nr_irqs / 32 - itlines_minus */
	uint8_t idbits_lpis;    /* GICD_TYPER.IDbits with LPIs */
	uint8_t idbits_nolpis;  /* ... without */
	uint32_t gicd_iidr;
	uint32_t gicr_iidr;
	uint32_t gicr_ctlr_ro;  /* GICR_CTLR bits that read 1 */
	uint32_t gicr_ctlr_lpi_ro; /* ... and those that read 1 when the GIC has LPIs */
	uint32_t max_nr_irqs;
	/* the ITS (GITS_TYPER, GITS_IIDR) */
	uint8_t its_devbits;    /* DeviceID bits */
	uint8_t its_idbits;     /* EventID bits */
	uint8_t its_ite_size;   /* ITT entry bytes */
	uint8_t its_cidbits;    /* collection ID bits with CIL; 0: no CIL (16 bits) */
	bool its_pta;           /* RDbase is a redistributor's address, not Processor_Number */
	uint32_t gits_iidr;
};

/* GITS_TYPER values of the profiles (sources in PROFILES.md). */
#define ITS_ARCH_ID_BITS    32  /* the widest DeviceID and EventID */
#define ITS_VMM_ID_BITS     16  /* KVM's VITS_TYPER_DEVBITS/IDBITS, QEMU's ITS_DEVBITS/IDBITS */
#define ITS_COLLECTION_BITS 16  /* the ICID field of the commands */
#define ITS_QEMU_ITE_SIZE   12  /* QEMU's ITS_ITT_ENTRY_SIZE */

/* One ITS: its registers; its tables are in guest memory. */
struct gic_its {
	uint64_t base;
	uint32_t ctlr;
	uint64_t cbaser, cwriter, creadr;
	uint64_t baser[GITS_BASER_COUNT];
	struct gic_its_stats stats;
};

/* An LPI pending in one redistributor: a node of that vCPU's list. */
struct gic_lpi {
	uint32_t next;          /* index + 1 of the next node, 0 at the end */
	uint16_t intid;
	uint8_t prio;           /* from the configuration table, when it became pending or at INV */
	bool enabled;
};

/* struct gic_cpu.flags */
enum {
	GIC_CPUF_IGRPEN0 = 1u << 0,
	GIC_CPUF_IGRPEN1 = 1u << 1,
	GIC_CPUF_EOIMODE = 1u << 2,
	GIC_CPUF_CBPR    = 1u << 3,
	GIC_CPUF_SLEEP   = 1u << 4,  /* GICR_WAKER.ProcessorSleep */
	GIC_CPUF_LPIS    = 1u << 5,  /* GICR_CTLR.EnableLPIs */
};

/*
 * One vCPU: its redistributor's private interrupts and its CPU interface.
 * Kept small (about 130 bytes): the model must hold millions of them.
 */
struct gic_cpu {
	/* private INTIDs 0-31, bit n = INTID n */
	uint32_t enable;
	uint32_t pend;          /* pending latch */
	uint32_t active;
	uint32_t group;         /* 1 = Group 1 */
	uint32_t level;         /* input line (PPIs) */
	uint32_t edge;          /* 1 = edge-triggered (SGIs always) */
	uint8_t prio[GIC_NR_PRIVATE];
	uint32_t aff;           /* packed Aff3.Aff2.Aff1.Aff0 */
	/* CPU interface */
	uint8_t pmr;
	uint8_t bpr0, bpr1;
	uint8_t flags;          /* GIC_CPUF_* */
	uint8_t lines;          /* GIC_LINE_* asserted now */
	uint8_t hppi_prio;      /* priority of hppi */
	uint16_t hppi;          /* best candidate INTID, GIC_INTID_SPURIOUS if none */
	uint16_t spi_head;      /* SPIs routed here that are candidates (list) */
	uint64_t apr[2];        /* active group priorities: bit (prio >> 1) */
	/* signalled-CPU list */
	uint32_t sig_prev, sig_next;
	/* per group: circular list of CPUs taking part in 1 of N routing */
	uint32_t part_prev[GIC_NR_GROUPS], part_next[GIC_NR_GROUPS];
};

struct gic_redist_regs {
	uint64_t propbaser, pendbaser;
};

struct gic_vlpi_regs {
	uint64_t vpropbaser, vpendbaser;
};

/* struct gic_spi.flags */
enum {
	GIC_SPIF_ENABLE = 1u << 0,
	GIC_SPIF_PEND   = 1u << 1,   /* pending latch */
	GIC_SPIF_LEVEL  = 1u << 2,   /* input line */
	GIC_SPIF_ACTIVE = 1u << 3,
	GIC_SPIF_GROUP1 = 1u << 4,
	GIC_SPIF_EDGE   = 1u << 5,
};

struct gic_spi {
	uint64_t irouter;       /* as stored (profile's mask) */
	uint32_t target;        /* vCPU IROUTER's affinity names, or GIC_NO_CPU */
	uint32_t owner;         /* vCPU whose list holds it, GIC_PARKED or GIC_NO_CPU */
	uint16_t next, prev;    /* links in the owner's list */
	uint8_t prio;
	uint8_t flags;          /* GIC_SPIF_* */
};

struct gic_region {
	uint64_t base;
	uint32_t count;         /* frames */
	uint32_t used;          /* frames holding a vCPU (from gic_init) */
	uint32_t first_cpu;     /* vCPU of frame 0 (from gic_init) */
};

/* A guest page the caller mapped (struct gic_guest_mem.map): page + 1 (0: none). */
#define GIC_TLB_ENTRIES 64u
struct gic_tlb_entry {
	uint64_t page;
	uint8_t *host;
};

struct gic {
	struct gic_config cfg;  /* cfg.mpidr is NULL: affinities live in cpus[] */
	const struct gic_profile_desc *prof;
	bool initialised;
	bool dist_set;
	bool legacy;            /* one region set by gic_set_redist_base() */
	bool lpis;              /* LPIs shown: cfg.lpis, or from cfg.qemu_machine */
	bool vlpis;             /* GICR_TYPER.VLPIS: a GICv4 with 256 KiB redistributors */
	uint64_t dist_base;
	unsigned redist_shift;  /* log2 of a redistributor's size: 128 or 256 KiB */
	struct gic_region *regions;  /* in the order they were added */
	uint32_t *by_base;      /* region indices sorted by base */
	uint32_t nr_regions, cap_regions;

	struct gic_cpu *cpus;
	struct gic_redist_regs *rd;
	struct gic_vlpi_regs *vlpi;  /* GICv4 only */
	uint32_t *aff_hash;     /* open addressing: cpu + 1, 0 = empty */
	uint32_t aff_hash_mask;
	uint32_t find_hint;     /* the vCPU gic_find_cpu_near found last */

	struct gic_spi *spis;   /* INTID 32 + i */
	uint32_t nr_spis;
	uint32_t gicd_ctlr;
	uint16_t parked_head;   /* 1 of N SPIs no CPU can take */

	uint32_t sig_head;      /* signalled-CPU list */
	uint32_t sig_count;
	uint32_t part_cursor[GIC_NR_GROUPS]; /* round-robin cursor, GIC_NO_CPU if empty */

	/* LPIs and ITSs (gic_its.c) */
	struct gic_its *its;
	uint32_t nr_its;
	struct gic_guest_mem mem;
	struct gic_tlb_entry tlb[GIC_TLB_ENTRIES]; /* guest pages mem.map gave, by page */
	unsigned mem_page_shift; /* log2 of mem.page_size */
	uint32_t *lpi_head;     /* per vCPU: index + 1 of its first pending LPI; NULL until one */
	struct gic_lpi *lpi_pool; /* node pool */
	uint32_t nr_lpis, cap_lpis;
	uint32_t lpi_free;      /* index + 1 of the first free node */
	uint64_t rdbase_memo;   /* the last RDbase an address named (PTA), + 1; 0 = none */
	uint32_t rdbase_memo_cpu; /* its vCPU: the layout is fixed once initialised */
};

/* Set or clear @flag (a GIC_CPUF_* or GIC_SPIF_* bit) in @flags. */
static inline void gic_set_flag(uint8_t *flags, uint8_t flag, bool on)
{
	if (on)
		*flags |= flag;
	else
		*flags &= (uint8_t)~flag;
}

/* ---- gic_core.c ---------------------------------------------------------- */

/* vCPU with packed affinity @aff, or GIC_NO_CPU. */
uint32_t gic_find_cpu(const struct gic *g, uint32_t aff);

/*
 * gic_find_cpu, trying the vCPU after the one found last first: routing and
 * SGIs usually name vCPUs in order, and the hash's random reads miss the
 * cache on large machines.
 */
uint32_t gic_find_cpu_near(struct gic *g, uint32_t aff);
/* Pack an MPIDR's affinity fields as GICR_TYPER [63:32] holds them. */
uint32_t gic_pack_affinity(uint64_t mpidr);
/* The populated redistributor frame holding @addr: its vCPU, or GIC_NO_CPU. */
uint32_t gic_redist_at(const struct gic *g, uint64_t addr, uint64_t *offset);
/* GICR_TYPER.Last for vCPU @cpu. */
bool gic_redist_is_last(const struct gic *g, uint32_t cpu);

/* gic_check_span with the ITSs: 0 or GIC_E_ALIGN/RANGE/OVERLAP for [base, base + size). */
int gic_check_span(const struct gic *g, uint64_t base, uint64_t size);

/* ---- gic_its.c ----------------------------------------------------------- */

/* Does [base, last] overlap an ITS? */
bool gic_its_overlaps(const struct gic *g, uint64_t base, uint64_t last);
/* Free what the ITSs and LPIs own. */
void gic_its_free(struct gic *g);
/* An MMIO access at @addr: GIC_E_UNMAPPED when no ITS has it, else its result. */
int gic_its_mmio(struct gic *g, uint64_t addr, unsigned size, bool write, uint64_t *val);
/* Fold vCPU @cpu's pending Group 1 LPIs into its best candidate. */
void gic_lpi_best(const struct gic *g, uint32_t cpu, unsigned *best_prio, uint32_t *best);
/* Does vCPU @cpu have a pending LPI? */
static inline bool gic_lpi_any(const struct gic *g, uint32_t cpu)
{
	return g->lpi_head != NULL && g->lpi_head[cpu] != 0;
}
/* vCPU @cpu acknowledged LPI @intid: no longer pending (no active state); updates the vCPU. */
void gic_lpi_acknowledge(struct gic *g, uint32_t cpu, uint32_t intid);

/* ---- gic_irq.c ----------------------------------------------------------- */

/* Recompute vCPU @cpu's best candidate and its lines. O(32 + its SPI list). */
void gic_cpu_update(struct gic *g, uint32_t cpu);
/* Recompute every vCPU (after a GICD_CTLR group enable change). */
void gic_update_all(struct gic *g);
/* Re-route SPI index @i after any change of its state. */
void gic_spi_update(struct gic *g, uint32_t i);
/* Resolve IROUTER of SPI @i to a vCPU, then re-route. */
void gic_spi_retarget(struct gic *g, uint32_t i);
/* vCPU @cpu's participation in 1 of N may have changed (WAKER, IGRPEN). */
void gic_cpu_participation(struct gic *g, uint32_t cpu);
/* Pending state of SPI @i as ISPENDR reads it. */
bool gic_spi_pending(const struct gic_spi *s);
/* Pending private INTIDs of @c as ISPENDR0 reads them. */
uint32_t gic_cpu_pending(const struct gic_cpu *c);
/* Put every vCPU and SPI at its reset value (at create). */
void gic_reset_state(struct gic *g);

/* ---- gic_mmio.c ---------------------------------------------------------- */

enum gic_frame_kind {
	GIC_FRAME_GICD,
	GIC_FRAME_RD,
	GIC_FRAME_SGI,
	GIC_FRAME_VLPI,
	GIC_FRAME_KIND_COUNT,
};

struct gic_access {
	struct gic *g;
	uint32_t cpu;           /* redistributor frames: the owning vCPU */
	uint32_t offset;        /* offset in the frame */
	uint32_t rel;           /* offset - desc->first */
	unsigned size;          /* bytes */
};

typedef uint64_t gic_read_fn(const struct gic_access *a);
typedef void gic_write_fn(const struct gic_access *a, uint64_t val);

/* One register (or array of registers) of a frame's decode table. */
struct gic_reg_desc {
	uint32_t first, last;   /* byte offsets in the frame, inclusive */
	unsigned widths;        /* GIC_W* allowed */
	gic_read_fn *read;
	gic_write_fn *write;
	const char *name;
};

/* Build the word index over the decode tables, once per process (thread-safe). */
void gic_mmio_decode_init(void);

/* The decode table of @kind (sorted by offset), its length into @n. */
const struct gic_reg_desc *gic_frame_table(enum gic_frame_kind kind, size_t *n);

#endif
