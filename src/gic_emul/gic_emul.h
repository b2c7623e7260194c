/* SPDX-License-Identifier: MIT */
/*
 * gic_emul: a register-level GICv3/GICv4 model (libc only).
 *
 * One distributor (GICD), one redistributor per vCPU (GICR) placed in
 * redistributor regions, and one CPU interface (ICC_*_EL1) per vCPU.
 * The lifecycle follows KVM's VGIC: create with every vCPU, set the GICD base
 * and the redistributor regions, then gic_init(); after that, addresses are
 * fixed and MMIO, system registers and interrupt lines work.
 *
 * Every function returns 0 or a negative enum gic_error; none aborts, none
 * prints. The model is single-threaded: callers serialise access.
 *
 * Ownership: a struct gic is the caller's from gic_create() to gic_destroy()
 * (one that libgicplan's gicplan_gic_emul() hands out stays the gicplan_gic's:
 * never destroy it). What a function is given (a config, its MPIDR array,
 * guest memory callbacks) is copied or only read during the call, except
 * where its comment says it must live on. Strings returned are static.
 *
 * This header is public: installed beside <gicplan.h>, its functions exported
 * from libgicplan (GIC_API); it includes the C library alone.
 */
#ifndef GIC_EMUL_H
#define GIC_EMUL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Its functions, exported from libgicplan's shared library (its other names are hidden). */
#if defined(__GNUC__) || defined(__clang__)
#define GIC_API __attribute__((visibility("default")))
#else
#define GIC_API
#endif

/* Errors: negative codes; gic_strerror() names each one. */
enum gic_error {
	GIC_OK = 0,
	GIC_E_INVAL = -1,           /* a NULL pointer where an object is needed */
	GIC_E_NOMEM = -2,           /* out of memory */
	GIC_E_VERSION = -3,         /* version is not 3 or 4, or 4 under a profile showing only GICv3 */
	GIC_E_PROFILE = -4,         /* unknown enum gic_profile value, or a qemu_machine out of range */
	GIC_E_NR_CPUS = -5,         /* nr_cpus is 0 or above GIC_MAX_CPUS */
	GIC_E_NR_IRQS = -6,         /* nr_irqs not a multiple of 32 in 64..1024, or above the profile's limit */
	GIC_E_MPIDR_DUP = -7,       /* two vCPUs have the same affinity */
	GIC_E_INITIALISED = -8,     /* an address or configuration change, or gic_init, after gic_init */
	GIC_E_NOT_INITIALISED = -9, /* MMIO, system register or line access before gic_init */
	GIC_E_ALIGN = -10,          /* a GICD or redistributor base not 64 KiB aligned */
	GIC_E_RANGE = -11,          /* a region's end passes the top of the 64-bit address space */
	GIC_E_OVERLAP = -12,        /* GICD and a region, or two regions, overlap */
	GIC_E_EXISTS = -13,         /* the GICD base, or the legacy redistributor base, set twice */
	GIC_E_REDIST_COUNT = -14,   /* a redistributor region of 0 redistributors */
	GIC_E_REDIST_MIX = -15,     /* legacy REDIST and REDIST_REGION regions mixed */
	GIC_E_NO_DIST = -16,        /* gic_init without a GICD base */
	GIC_E_NO_REDIST = -17,      /* gic_init without any redistributor region */
	GIC_E_REDIST_FULL = -18,    /* gic_init: more vCPUs than redistributor frames */
	GIC_E_UNMAPPED = -19,       /* an address in no GICD frame and no populated redistributor */
	GIC_E_ACCESS_SIZE = -20,    /* an access width the register does not allow */
	GIC_E_ACCESS_ALIGN = -21,   /* an access not aligned to its width */
	GIC_E_CPU = -22,            /* a CPU index >= nr_cpus, or an affinity no vCPU has */
	GIC_E_INTID = -23,          /* an INTID of the wrong kind or above nr_irqs */
	GIC_E_SYSREG = -24,         /* an unknown ICC register, a read of a write-only or a write of a read-only one */
	GIC_E_NO_LPIS = -25,        /* an ITS on a GIC that shows no LPIs */
	GIC_E_ITS_COUNT = -26,      /* more than GIC_MAX_ITS ITSs, or an ITS index with no ITS */
};
#define GIC_ERROR_COUNT 27      /* number of codes, GIC_OK included */

/* What the model shows a guest (values and sources in PROFILES.md). */
enum gic_profile {
	GIC_PROFILE_ARCH,   /* the architecture's full offer: A3V, RSS, 1 of N, Aff3 everywhere */
	GIC_PROFILE_KVM,    /* arm64 KVM's VGICv3: no Aff3 in GICR_TYPER/IROUTER, IRM dropped, no RSS */
	GIC_PROFILE_QEMU,   /* QEMU 7.2 TCG GICv3/v4: A3V, No1N, no RSS, short ITLinesNumber */
};
#define GIC_PROFILE_COUNT 3

#define GIC_MAX_CPUS (UINT32_C(1) << 28)   /* nr_cpus limit */

/*
 * A QEMU virt machine type, virt-MAJOR.MINOR, for gic_config.qemu_machine.
 * QEMU 7.2's GIC follows the machine type where a tree cannot say: virt-6.2
 * and later have a TCG ITS, and with it the GIC has LPIs whether or not the
 * machine was started with its=on (GICD_TYPER.LPIS, GICR_TYPER.PLPIS,
 * GICR_CTLR.EnableLPIs and CES), and a GICv4 has VLPIS and 256 KiB
 * redistributors; earlier machine types have none of these, and a GICv4 keeps
 * 128 KiB redistributors. Sources: PROFILES.md.
 */
#define GIC_QEMU_MACHINE(major, minor) ((uint32_t)(major) << 8 | (uint32_t)(minor))
#define GIC_QEMU_MACHINE_OLDEST  GIC_QEMU_MACHINE(2, 6)  /* the oldest virt QEMU 7.2 offers */
#define GIC_QEMU_MACHINE_LATEST  GIC_QEMU_MACHINE(7, 2)  /* what qemu_machine 0 means */
#define GIC_QEMU_MACHINE_TCG_ITS GIC_QEMU_MACHINE(6, 2)  /* the first with a TCG ITS */

struct gic_config {
	unsigned version;           /* 3 or 4 (GICv4: ArchRev 4, DVIS, and VLPIS with 256 KiB
				       redistributors unless the QEMU profile has no LPIs) */
	enum gic_profile profile;
	uint32_t nr_cpus;           /* vCPUs, 1..GIC_MAX_CPUS */
	/*
	 * Per vCPU MPIDR_EL1 value: Aff0 [7:0], Aff1 [15:8], Aff2 [23:16],
	 * Aff3 [39:32]; other bits are ignored. NULL: gic_default_mpidr(i).
	 * Copied by gic_create().
	 */
	const uint64_t *mpidr;
	uint32_t nr_irqs;           /* INTIDs incl. the 32 private: multiple of 32, 64..1024 */
	bool lpis;                  /* an ITS exists: GICD_TYPER.LPIS, GICR_TYPER.PLPIS
				       (the QEMU profile takes them from qemu_machine) */
	/* QEMU profile: GIC_QEMU_MACHINE(major, minor), 0 = GIC_QEMU_MACHINE_LATEST; others ignore it */
	uint32_t qemu_machine;
};

struct gic;

/* ICC system registers of one CPU interface (AArch64 names). */
enum gic_icc_reg {
	GIC_ICC_PMR,        /* ICC_PMR_EL1: RW priority mask */
	GIC_ICC_IAR0,       /* ICC_IAR0_EL1: RO, acknowledges the best Group 0 interrupt */
	GIC_ICC_IAR1,       /* ICC_IAR1_EL1: RO, acknowledges the best Group 1 interrupt */
	GIC_ICC_EOIR0,      /* ICC_EOIR0_EL1: WO, priority drop (+ deactivate when EOImode 0) */
	GIC_ICC_EOIR1,      /* ICC_EOIR1_EL1: WO */
	GIC_ICC_HPPIR0,     /* ICC_HPPIR0_EL1: RO, best pending Group 0 INTID or 1023 */
	GIC_ICC_HPPIR1,     /* ICC_HPPIR1_EL1: RO */
	GIC_ICC_DIR,        /* ICC_DIR_EL1: WO, deactivate (EOImode 1) */
	GIC_ICC_RPR,        /* ICC_RPR_EL1: RO, running priority (0xff idle) */
	GIC_ICC_BPR0,       /* ICC_BPR0_EL1: RW binary point */
	GIC_ICC_BPR1,       /* ICC_BPR1_EL1: RW binary point */
	GIC_ICC_CTLR,       /* ICC_CTLR_EL1: RW CBPR/EOImode, RO PRIbits/IDbits/A3V/RSS */
	GIC_ICC_SRE,        /* ICC_SRE_EL1: RAO/WI SRE|DFB|DIB */
	GIC_ICC_IGRPEN0,    /* ICC_IGRPEN0_EL1: RW */
	GIC_ICC_IGRPEN1,    /* ICC_IGRPEN1_EL1: RW */
	GIC_ICC_SGI0R,      /* ICC_SGI0R_EL1: WO, generate Group 0 SGIs */
	GIC_ICC_SGI1R,      /* ICC_SGI1R_EL1: WO, generate Group 1 SGIs */
};
#define GIC_ICC_REG_COUNT 17

/* Bits of gic_cpu_lines(). */
#define GIC_LINE_IRQ 1u     /* a Group 1 interrupt is signalled */
#define GIC_LINE_FIQ 2u     /* a Group 0 interrupt is signalled */

/*
 * A short English description of @err (a value of enum gic_error).
 * Returns "unknown error" for any other value; never NULL.
 */
GIC_API const char *gic_strerror(int err);

/* The name of @p ("arch", "kvm", "qemu"), or "unknown"; never NULL. */
GIC_API const char *gic_profile_name(enum gic_profile p);

/*
 * The MPIDR_EL1 a vCPU gets when gic_config.mpidr is NULL: Aff0 = cpu & 0xf,
 * Aff1 = (cpu >> 4) & 0xff, Aff2 = (cpu >> 12) & 0xff (KVM's default for
 * vCPU ids), Aff3 = (cpu >> 20) & 0xff so that every index up to
 * GIC_MAX_CPUS is unique.
 */
GIC_API uint64_t gic_default_mpidr(uint32_t cpu);

/*
 * Create a GIC with every vCPU of @cfg; all state is at its reset value.
 * @err receives 0 or the error (may be NULL). Returns the GIC or NULL.
 * Errors: GIC_E_INVAL (cfg NULL), GIC_E_VERSION, GIC_E_PROFILE, GIC_E_NR_CPUS,
 * GIC_E_NR_IRQS, GIC_E_MPIDR_DUP, GIC_E_NOMEM.
 */
GIC_API struct gic *gic_create(const struct gic_config *cfg, int *err);

/* Free @g and everything it owns. NULL is allowed. */
GIC_API void gic_destroy(struct gic *g);

/*
 * Place the 64 KiB distributor at @base (KVM ADDR DIST).
 * Errors: GIC_E_INVAL, GIC_E_INITIALISED, GIC_E_EXISTS (already set),
 * GIC_E_ALIGN, GIC_E_RANGE, GIC_E_OVERLAP (with a redistributor region).
 */
GIC_API int gic_set_dist_base(struct gic *g, uint64_t base);

/*
 * Add the next redistributor region (KVM ADDR REDIST_REGION): @count
 * redistributors at consecutive frames from @base. Regions are filled in the
 * order they are added: vCPU i takes the next free frame of the first region
 * that is not full.
 * Errors: GIC_E_INVAL, GIC_E_INITIALISED, GIC_E_REDIST_MIX (a legacy base is
 * set), GIC_E_REDIST_COUNT (@count 0), GIC_E_ALIGN, GIC_E_RANGE,
 * GIC_E_OVERLAP (with GICD or another region), GIC_E_NOMEM.
 */
GIC_API int gic_add_redist_region(struct gic *g, uint64_t base, uint32_t count);

/*
 * Place every redistributor in one contiguous region at @base (KVM legacy
 * ADDR REDIST), sized for nr_cpus.
 * Errors: GIC_E_INVAL, GIC_E_INITIALISED, GIC_E_EXISTS (set twice),
 * GIC_E_REDIST_MIX (regions were added), GIC_E_ALIGN, GIC_E_RANGE,
 * GIC_E_OVERLAP, GIC_E_NOMEM.
 */
GIC_API int gic_set_redist_base(struct gic *g, uint64_t base);

/*
 * Initialise (KVM CTRL_INIT): give each vCPU its redistributor frame and fix
 * the address map. Interrupt state keeps what it had (reset values).
 * Errors: GIC_E_INVAL, GIC_E_INITIALISED (twice), GIC_E_NO_DIST,
 * GIC_E_NO_REDIST, GIC_E_REDIST_FULL.
 */
GIC_API int gic_init(struct gic *g);

/* True once gic_init() succeeded on @g (false for NULL). */
GIC_API bool gic_initialised(const struct gic *g);

/* The number of vCPUs of @g (0 for NULL). */
GIC_API uint32_t gic_nr_cpus(const struct gic *g);

/*
 * The size of one redistributor: 128 KiB (GICv3) or 256 KiB (GICv4 with
 * GICR_TYPER.VLPIS; a QEMU profile GICv4 without LPIs has 128 KiB); 0 for NULL.
 */
GIC_API uint64_t gic_redist_size(const struct gic *g);

/* The redistributor size gic_create() would give @cfg (0 for NULL). */
GIC_API uint64_t gic_config_redist_size(const struct gic_config *cfg);

/*
 * Where vCPU @cpu's redistributor (its RD_base frame) is, into @addr.
 * O(log regions). Errors: GIC_E_INVAL, GIC_E_NOT_INITIALISED, GIC_E_CPU.
 */
GIC_API int gic_redist_frame_base(const struct gic *g, uint32_t cpu, uint64_t *addr);

/* vCPU @cpu's MPIDR affinity fields, into @mpidr. Errors: GIC_E_INVAL, GIC_E_CPU. */
GIC_API int gic_cpu_mpidr(const struct gic *g, uint32_t cpu, uint64_t *mpidr);

/*
 * The vCPU whose affinity (Aff3..Aff0 of @mpidr, other bits ignored) matches,
 * into @cpu. O(1). Errors: GIC_E_INVAL, GIC_E_CPU (no such vCPU).
 */
GIC_API int gic_cpu_by_affinity(const struct gic *g, uint64_t mpidr, uint32_t *cpu);

/*
 * Read @size bytes (1, 2, 4 or 8) at guest physical @addr into @val.
 * Reserved offsets inside a frame read as zero.
 * Errors: GIC_E_INVAL, GIC_E_NOT_INITIALISED, GIC_E_UNMAPPED,
 * GIC_E_ACCESS_SIZE, GIC_E_ACCESS_ALIGN.
 */
GIC_API int gic_mmio_read(struct gic *g, uint64_t addr, unsigned size, uint64_t *val);

/*
 * Write the low @size bytes (1, 2, 4 or 8) of @val at @addr.
 * Reserved offsets and read-only registers ignore writes.
 * Errors: as gic_mmio_read().
 */
GIC_API int gic_mmio_write(struct gic *g, uint64_t addr, unsigned size, uint64_t val);

/* The architecture name of @reg ("ICC_PMR_EL1"), or NULL for a bad value. */
GIC_API const char *gic_icc_reg_name(enum gic_icc_reg reg);

/*
 * The register named @name: "ICC_PMR_EL1", also without the "ICC_" prefix
 * or the "_EL1" suffix, any case. Errors: GIC_E_INVAL, GIC_E_SYSREG.
 */
GIC_API int gic_icc_reg_by_name(const char *name, enum gic_icc_reg *reg);

/*
 * Read CPU interface register @reg of vCPU @cpu into @val. Reading IAR0/IAR1
 * acknowledges (the interrupt becomes active, 1023 when none can be).
 * Errors: GIC_E_INVAL, GIC_E_NOT_INITIALISED, GIC_E_CPU, GIC_E_SYSREG.
 */
GIC_API int gic_cpu_read(struct gic *g, uint32_t cpu, enum gic_icc_reg reg, uint64_t *val);

/*
 * Write @val to CPU interface register @reg of vCPU @cpu (EOIR, DIR, SGIxR
 * act; read-only registers refuse).
 * Errors: GIC_E_INVAL, GIC_E_NOT_INITIALISED, GIC_E_CPU, GIC_E_SYSREG.
 */
GIC_API int gic_cpu_write(struct gic *g, uint32_t cpu, enum gic_icc_reg reg, uint64_t val);

/*
 * Drive the input line of SPI @intid (32..nr_irqs-1). A level-sensitive SPI
 * is pending while the line is high; an edge-triggered one latches pending
 * on a rising edge.
 * Errors: GIC_E_INVAL, GIC_E_NOT_INITIALISED, GIC_E_INTID.
 */
GIC_API int gic_set_spi_level(struct gic *g, uint32_t intid, bool level);

/*
 * Drive the input line of PPI @intid (16..31) of vCPU @cpu, as
 * gic_set_spi_level(). Errors: GIC_E_INVAL, GIC_E_NOT_INITIALISED, GIC_E_CPU,
 * GIC_E_INTID.
 */
GIC_API int gic_set_ppi_level(struct gic *g, uint32_t cpu, uint32_t intid, bool level);

/*
 * The lines vCPU @cpu's CPU interface asserts now (GIC_LINE_IRQ,
 * GIC_LINE_FIQ), into @lines. An interrupt is signalled when it is pending,
 * enabled, not active, its group is enabled in GICD_CTLR and ICC_IGRPENn, its
 * priority is above PMR and the running priority, and the redistributor is
 * awake (GICR_WAKER.ProcessorSleep 0). O(1).
 * Errors: GIC_E_INVAL, GIC_E_CPU.
 */
GIC_API int gic_cpu_lines(const struct gic *g, uint32_t cpu, unsigned *lines);

/* How many vCPUs assert IRQ or FIQ now. O(1), maintained incrementally. */
GIC_API uint32_t gic_signalled_cpu_count(const struct gic *g);

/*
 * Up to @max indices of vCPUs that assert IRQ or FIQ, into @cpus (any order).
 * Returns the total count (may exceed @max). O(min(count, max)).
 */
GIC_API uint32_t gic_signalled_cpus(const struct gic *g, uint32_t *cpus, uint32_t max);

/* ---- LPIs and the ITS (gic_its.c) ------------------------------------------ */

#define GIC_MAX_ITS 16          /* ITSs one GIC takes */
#define GIC_ITS_SIZE UINT64_C(0x20000) /* ITS_base frame + translation frame: 128 KiB */
#define GIC_ITS_TRANSLATER_OFFSET UINT64_C(0x10040) /* GITS_TRANSLATER from the ITS base */
#define GIC_LPI_FIRST 8192      /* the first LPI INTID */

/*
 * Guest physical memory, the caller's: the ITS reads its command queue, device,
 * collection and interrupt translation tables there, and the redistributors
 * the LPI configuration table. Each callback returns 0, or non-zero when
 * [@addr, @addr + @len) is not memory the caller backs (a cap it sets): the
 * model then records GIC_ITS_ERR_MEMORY and stalls the queue, or drops the
 * MSI. The LPI pending tables are never read or written: pending LPIs live in
 * the redistributor, as KVM keeps them between saves (PROFILES.md).
 */
struct gic_guest_mem {
	void *ctx;
	int (*read)(void *ctx, uint64_t addr, void *buf, size_t len);
	int (*write)(void *ctx, uint64_t addr, const void *buf, size_t len);
	/*
	 * Optional, a shortcut past read and write: the host bytes of the
	 * @page_size guest page at @page (page aligned), made first when @make,
	 * or NULL (then read and write serve the access). A page's bytes must
	 * stay where they are until gic_set_guest_memory is called again or the
	 * GIC destroyed: the model keeps the last pages it used (a small TLB).
	 */
	void *(*map)(void *ctx, uint64_t page, bool make);
	uint64_t page_size;     /* a power of two; with map only */
};

/* Why an ITS command was ignored or an MSI dropped (gic_its_strerror names each). */
enum gic_its_error {
	GIC_ITS_OK = 0,
	GIC_ITS_ERR_DISABLED,       /* GITS_CTLR.Enabled is 0 */
	GIC_ITS_ERR_DEVICE_OOR,     /* DeviceID beyond GITS_TYPER.Devbits or the device table */
	GIC_ITS_ERR_DEVICE_UNMAPPED,/* no valid device table entry (MAPD V=1) */
	GIC_ITS_ERR_EVENT_OOR,      /* EventID beyond the device's ITT size or IDbits */
	GIC_ITS_ERR_EVENT_UNMAPPED, /* no valid interrupt translation entry */
	GIC_ITS_ERR_COLLECTION_OOR, /* ICID beyond the collection table or CIDbits */
	GIC_ITS_ERR_COLLECTION_UNMAPPED, /* no valid collection table entry (MAPC V=1) */
	GIC_ITS_ERR_TARGET,         /* RDbase names no redistributor */
	GIC_ITS_ERR_INTID,          /* pINTID not an LPI this GIC has */
	GIC_ITS_ERR_NO_TABLE,       /* GITS_BASER<n> of that table not valid */
	GIC_ITS_ERR_MEMORY,         /* a guest memory access failed (queue stalled) */
	GIC_ITS_ERR_COMMAND,        /* an unknown command number */
	GIC_ITS_ERR_LPIS_OFF,       /* the target redistributor has GICR_CTLR.EnableLPIs 0 */
};
#define GIC_ITS_ERROR_COUNT 14

/* What gic_its_stats() reports of one ITS. */
struct gic_its_stats {
	uint64_t commands;          /* commands executed */
	uint64_t errors;            /* commands ignored */
	enum gic_its_error last_error; /* of the last command ignored or MSI dropped */
	bool stalled;               /* GITS_CREADR.Stalled */
};

/* A short English description of @e, "unknown ITS error" for others; never NULL. */
GIC_API const char *gic_its_strerror(enum gic_its_error e);

/*
 * Give @g the guest memory its ITSs and LPIs use (copied; the callbacks must
 * outlive @g). Without it every table access fails (GIC_ITS_ERR_MEMORY).
 * Errors: GIC_E_INVAL.
 */
GIC_API int gic_set_guest_memory(struct gic *g, const struct gic_guest_mem *mem);

/*
 * Add an ITS at @base (64 KiB aligned, GIC_ITS_SIZE bytes), before or after
 * gic_init (KVM's ITS is a device of its own); its index into @index (may be
 * NULL). Errors: GIC_E_INVAL, GIC_E_NO_LPIS, GIC_E_ITS_COUNT, GIC_E_ALIGN, GIC_E_RANGE, GIC_E_OVERLAP
 * (with the distributor, a redistributor region or another ITS), GIC_E_NOMEM.
 */
GIC_API int gic_add_its(struct gic *g, uint64_t base, uint32_t *index);

/* The number of ITSs of @g (0 for NULL). */
GIC_API uint32_t gic_its_count(const struct gic *g);

/*
 * A device's MSI: a write of @event_id to the GITS_TRANSLATER at @addr with
 * DeviceID @device_id (the bus gives it; a CPU's own MMIO write there is
 * ignored). @result receives GIC_ITS_OK when an LPI was set pending, else why
 * the write was dropped (may be NULL).
 * Errors: GIC_E_INVAL, GIC_E_NOT_INITIALISED, GIC_E_UNMAPPED (@addr is no
 * ITS's GITS_TRANSLATER).
 */
GIC_API int gic_msi_write(struct gic *g, uint64_t addr, uint32_t device_id, uint32_t event_id,
			  enum gic_its_error *result);

/* Counters of ITS @index into @st. Errors: GIC_E_INVAL, GIC_E_ITS_COUNT. */
GIC_API int gic_its_stats(const struct gic *g, uint32_t index, struct gic_its_stats *st);

/* How many LPIs are pending in vCPU @cpu's redistributor now (0 for bad arguments). */
GIC_API uint32_t gic_lpis_pending(const struct gic *g, uint32_t cpu);

/*
 * How many of those are enabled in the LPI configuration table, so that the
 * CPU interface can take them; a disabled LPI stays pending until enabled.
 */
GIC_API uint32_t gic_lpis_pending_enabled(const struct gic *g, uint32_t cpu);

#ifdef __cplusplus
}
#endif

#endif
