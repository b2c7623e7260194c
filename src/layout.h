/* SPDX-License-Identifier: MIT */
/*
 * The platform model and region placement.
 *
 * A platform (layouts/NAME.json) is data: the board's devices at their default
 * addresses, the IPA size, and an ordered list of placements. A placement is
 * one way to put the GIC: the distributor, the ITS, one or more redistributor
 * windows (filled in order, spilling into the next, as KVM fills its
 * redistributor regions), and new addresses for the devices it displaces.
 *
 * A plan is a platform with one placement applied to one request: every
 * region at its final address, ready for emit_fdt. It is self-contained, so a
 * plan file alone reproduces the tree.
 */
#ifndef GP_LAYOUT_H
#define GP_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "units.h"

/* INTID space (IHI 0069 2.2). */
#define GP_PRIVATE_INTIDS 32u  /* SGIs 0-15 and PPIs 16-31 */
#define GP_PPIS 16u
#define GP_SPI_LIMIT 1020u     /* first special INTID */
#define GP_SPIS_MAX (GP_SPI_LIMIT - GP_PRIVATE_INTIDS) /* 988 */
#define GP_SPI_GRANULE 32u     /* GICD_TYPER.ITLinesNumber counts blocks of 32 INTIDs */
/* The most SPIs in whole blocks of 32 below GP_SPIS_MAX; also KVM's most (NR_IRQS 992, kvm.h). */
#define GP_SPIS_PLAN_MAX 960u

/* The PCI requester IDs (bus.device.function) a host bridge's msi-map and IORT mapping cover. */
#define GP_PCI_RID_SPACE (1u << 16)

/*
 * The most vCPUs an ITS lets Linux reach: its collections are 16-bit ICIDs
 * and, with GITS_TYPER.PTA 0 (KVM, QEMU), target a 16-bit
 * GICR_TYPER.Processor_Number; Linux makes one collection per CPU
 * (drivers/irqchip/irq-gic-v3-its.c, its_cpu_init_collection). verify's
 * its-targets reads the emulated ITS's own fields.
 */
#define GP_ITS_TARGETS_MAX (UINT64_C(1) << 16)

/* MPIDR affinity: four 8-bit levels. */
#define GP_AFF_LEVEL_VALUES 256u

/* IPA sizes a VMM can ask KVM for. */
#define GP_IPA_BITS_MIN 32u
#define GP_IPA_BITS_MAX 52u

/* Limits of this model (documented in docs/layout-format.md). */
#define GP_NAME_MAX 48
#define GP_TEXT_MAX 256
#define GP_STRLIST_MAX 160
#define GP_DEVICES_MAX 64
#define GP_PLACEMENTS_MAX 16
#define GP_REDIST_REGIONS_MAX 64
#define GP_MOVES_MAX 64
#define GP_DEV_WINDOWS_MAX 4
#define GP_FLASH_BANKS_MAX 64   /* a cfi-flash's banks: reg entries of its node */
#define GP_TIMER_PPIS_MAX 4
#define GP_WHY_MAX 1024

enum gp_trigger {
	GP_TRIGGER_LEVEL, /* level-sensitive, active high: DT flags 4 */
	GP_TRIGGER_EDGE,  /* edge-triggered, rising: DT flags 1 */
};

enum gp_dev_type {
	GP_DEV_CFI_FLASH,
	GP_DEV_PL011,
	GP_DEV_NS16550A,
	GP_DEV_PL031,
	GP_DEV_PL061,
	GP_DEV_FW_CFG,
	GP_DEV_VIRTIO_MMIO,
	GP_DEV_PCIE,
	GP_DEV_PLATFORM_BUS, /* QEMU's dynamic sysbus window: a simple-bus with ranges, no reg */
	GP_DEV_GENERIC,      /* any MMIO device: the layout gives its compatible */
	GP_DEV_RESERVED,     /* a window the VMM keeps for itself: no node in the tree */
	GP_DEV_TYPES
};

/* What emit_fdt and the layout reader need to know of a device type. */
struct gp_dev_type_info {
	const char *name;        /* in layout files: "pl011" */
	const char *node;        /* device-tree node name before '@'; NULL: no node */
	/*
	 * The compatible list the node gets unless the layout gives one: strings
	 * separated by NULs, ended by an empty string. NULL: the layout must give it.
	 */
	const char *compatible;
	bool takes_spi;          /* has an "spi" key (the first of count, or of INTA-INTD) */
	bool spi_optional;       /* ... which may be left out (no interrupt in the tree) */
	bool is_console;         /* may be /chosen's stdout-path */
	bool primecell;          /* needs the APB clock */
	bool dma_coherent;       /* the node says dma-coherent unless the layout says not */
	uint64_t align;          /* alignment of its base; 0: a page (4 KiB) */
	uint32_t spis_per_instance; /* SPIs one instance uses */
	const char *windows[GP_DEV_WINDOWS_MAX]; /* names of windows after the first, NULL-ended */
};

extern const struct gp_dev_type_info gp_dev_types[GP_DEV_TYPES];

/* Look a type up by its layout-file name; -1 when unknown. */
int gp_dev_type_by_name(const char *name);

struct gp_window {
	uint64_t base;
	uint64_t size; /* 0: absent */
};

/*
 * A device. win[0] is its registers (for PCIe, the ECAM); further windows are
 * named by its type (PCIe: mmio, pio, mmio_high). Repeated devices (virtio-mmio
 * transports, flash banks) have count instances, each win[0].size bytes after
 * the one before.
 */
struct gp_device {
	char name[GP_NAME_MAX];
	char node[GP_NAME_MAX];  /* device-tree node name before '@'; "" = the type's */
	enum gp_dev_type type;
	struct gp_window win[GP_DEV_WINDOWS_MAX];
	bool optional[GP_DEV_WINDOWS_MAX]; /* dropped, not an error, when outside the IPA */
	uint32_t count;
	bool has_spi;
	uint32_t spi;         /* device-tree SPI number (INTID - 32) of instance 0 */
	enum gp_trigger trigger;
	int unit;             /* the win[] whose base is the unit address, or GP_UNIT_NONE */
	char compatible[GP_STRLIST_MAX]; /* the node's compatible list; empty = the type's */
	size_t compatible_len;
	bool dma_coherent;    /* the node says dma-coherent */
	uint32_t buses;       /* pcie: buses in bus-range; 0 = one per MiB of ECAM */
};

/* gp_device.unit of a node named without "@unit". */
#define GP_UNIT_NONE (-1)

/* How a cpu node's reg (and with it the guest's idea of the vCPU's MPIDR) is written. */
enum gp_cpu_reg {
	GP_CPU_REG_MPIDR,  /* the MPIDR affinity the VMM gives the vCPU, as the binding asks */
	GP_CPU_REG_INDEX,  /* the vCPU index (crosvm): the MPIDR only below one Aff0 group */
};

/* What follows "cpu@" in a cpu node's name. */
enum gp_cpu_unit {
	GP_CPU_UNIT_REG,           /* its reg in hex, as the binding asks */
	GP_CPU_UNIT_INDEX,         /* the vCPU index in hex */
	GP_CPU_UNIT_INDEX_DECIMAL, /* the vCPU index in decimal (QEMU: cpu@16 has reg 0x100) */
};

/* A key of the /gpio-keys node: a GPIO line that raises an input event. */
struct gp_gpio_key {
	char node[GP_NAME_MAX];   /* its node name ("poweroff") */
	uint32_t device;          /* index of the pl061 in devices[] */
	uint32_t line;            /* the GPIO line */
	uint32_t code;            /* the Linux input event code (116 = KEY_POWER) */
	char label[GP_TEXT_MAX];
};

#define GP_GPIO_KEYS_MAX 8

/* The guest-visible parts every placement of a platform shares. */
struct gp_board {
	char model[GP_TEXT_MAX];         /* "": no model property */
	char compatible[GP_STRLIST_MAX]; /* DT string list */
	size_t compatible_len;

	char cpu_compatible[GP_STRLIST_MAX];
	size_t cpu_compatible_len;
	uint32_t aff0_per_group; /* vCPUs per Aff0 group: 16 = what SGI target lists reach */
	bool cpu_map;            /* write /cpus/cpu-map (socket0/cluster0/coreN) */
	enum gp_cpu_reg cpu_reg;
	enum gp_cpu_unit cpu_unit;
	uint32_t cpu_address_cells; /* the least #address-cells of /cpus (2 anyway with Aff3) */
	bool cpu_enable_single;  /* enable-method also when there is only one vCPU */

	char psci_method[16];    /* "hvc" or "smc" */
	char psci_virt_method[16]; /* the method when the guest has EL2 (--virtualization) */
	char psci_compatible[GP_STRLIST_MAX];
	size_t psci_compatible_len;

	char timer_compatible[GP_STRLIST_MAX];
	size_t timer_compatible_len;
	uint32_t timer_ppis[GP_TIMER_PPIS_MAX]; /* secure, non-secure, virtual, hyp (PPI numbers) */
	uint32_t nr_timer_ppis;
	bool timer_always_on;
	bool timer_level_low;    /* the timer PPIs' flags say level-low (8), not level-high (4) */
	bool timer_cpu_mask;     /* ... with a GICv2-style CPU mask in bits [15:8] */

	bool has_pmu;
	uint32_t pmu_ppi;
	bool pmu_cpu_mask;       /* the PMU PPI's flags carry a GICv2-style CPU mask */
	uint32_t maintenance_ppi; /* GIC maintenance interrupt: with EL2 (or gic_maintenance_always) */

	/* The GIC's node as this VMM writes it. */
	char gic_node[GP_NAME_MAX];  /* name before '@' */
	char its_node[GP_NAME_MAX];
	bool gic_unit_address;       /* "@base" after both names */
	bool gic_regions_always;     /* #redistributor-regions even with one region */
	bool gic_maintenance_always; /* the maintenance interrupt even without EL2 */
	bool gic_its_in_tree;        /* an ITS the VMM places gets a node */

	struct gp_window ram;     /* base and the size of this machine's RAM */
	uint64_t ram_max;         /* the most RAM the platform's window holds */

	uint32_t nr_devices;
	struct gp_device devices[GP_DEVICES_MAX];
	int console;              /* index of the stdout-path device, -1 for none */

	uint32_t nr_gpio_keys;
	struct gp_gpio_key gpio_keys[GP_GPIO_KEYS_MAX];
};

/*
 * A redistributor window of a placement: fixed (base and size, or to the end
 * of the IPA), or growing down from a fixed top as VMMs that put their block
 * right below the distributor do, until it meets the region below (its floor).
 */
struct gp_redist_window {
	uint64_t base;
	uint64_t size;
	bool to_ipa_end;     /* size is "the rest of the IPA" */
	bool grows_down;     /* base = top - count x redistributor size */
	uint64_t top;
	uint64_t floor;      /* the end of the highest region below top (0: none) */
	char floor_name[GP_NAME_MAX * 2];
};

/* A new address (and optionally size) for one device window. */
struct gp_move {
	char target[GP_NAME_MAX * 2]; /* "uart", or "pcie.mmio" */
	uint32_t device;
	uint32_t window;
	uint64_t base;
	bool has_size;
	uint64_t size;
};

struct gp_placement {
	char name[GP_NAME_MAX];
	char summary[GP_TEXT_MAX];
	uint64_t gicd;
	bool has_its;
	uint64_t its;
	bool its_below;         /* the ITS sits right below the growing window */
	uint32_t nr_windows;
	struct gp_redist_window windows[GP_REDIST_REGIONS_MAX];
	bool reg_whole_window;  /* the tree describes whole windows, not the populated part */
	uint32_t nr_moves;
	struct gp_move moves[GP_MOVES_MAX];
};

/*
 * How a platform's VMM sizes the GIC state it migrates (layout key
 * "migration_gic_state"): what audit applies to added vCPUs.
 */
enum gp_gic_state_rule {
	GP_GIC_STATE_UNKNOWN,    /* not said: audit applies the strict rule */
	GP_GIC_STATE_VCPU_COUNT, /* "vcpu-count" (QEMU): a stream of another vCPU count does not load */
	GP_GIC_STATE_MAX_CPUS,   /* "max-cpus": each saved vCPU is restored, added ones start at reset */
};

struct gp_platform {
	char name[GP_NAME_MAX];
	uint32_t version;            /* the platform's ABI version */
	char description[GP_TEXT_MAX];
	char source[GP_TEXT_MAX];    /* the file it was read from */
	unsigned ipa_bits;           /* default IPA size */
	unsigned gic_versions;       /* bit v set: GICv(v) offered */
	unsigned default_gic_version;
	bool v4_needs_virtualization; /* GICv4 only for a guest with EL2 (QEMU's virt) */
	bool its_default;
	uint32_t spis;               /* default SPI count */
	bool virtualization_default;
	uint64_t max_cpus;           /* the VMM's own cap; 0 = none */
	enum gp_gic_state_rule gic_state; /* how its VMM sizes migrated GIC state */
	struct gp_board board;
	uint32_t nr_placements;
	struct gp_placement placements[GP_PLACEMENTS_MAX];
};

/* What the user asks for. Zero (or -1 for the flags) means "the platform's default". */
struct gp_request {
	uint64_t cpus;          /* max_cpus: every vCPU that may ever run, hot-plugged ones too */
	unsigned gic_version;
	int its;
	unsigned ipa_bits;
	uint32_t spis;
	uint64_t ram_size;
	int virtualization;
};

/* A redistributor region of a plan. */
struct gp_redist_region {
	uint64_t base;
	uint64_t window;     /* bytes reserved for it */
	uint64_t reg_size;   /* bytes the device tree describes */
	uint64_t capacity;   /* redistributors the window holds */
	uint64_t first_cpu;  /* vCPU index of its first redistributor */
	uint64_t count;      /* redistributors placed in it */
};

struct gp_plan {
	char platform[GP_NAME_MAX];
	uint32_t platform_version;
	char tier[GP_NAME_MAX];
	char tier_summary[GP_TEXT_MAX];
	char why[GP_WHY_MAX];
	char notes[GP_TEXT_MAX]; /* what placing changed on its own ("pcie.mmio_high dropped: ...") */
	struct gp_request req;   /* resolved: no defaults left */
	unsigned ipa_bits;       /* = req.ipa_bits */
	uint64_t redist_size;    /* 128 KiB (GICv3) or 256 KiB (GICv4) */
	struct gp_window gicd;
	bool has_its;
	struct gp_window its;
	uint32_t nr_redist;
	struct gp_redist_region redist[GP_REDIST_REGIONS_MAX];
	struct gp_board board;   /* devices at their placed addresses */
};

/* One named address range of a plan, for checks and reports. */
struct gp_region {
	char name[GP_NAME_MAX * 2];
	uint64_t base;
	uint64_t size;
};

/*
 * Whether a GIC can implement @spis SPIs: GICD_TYPER.ITLinesNumber N gives
 * min(32(N + 1), 1020) - 32, so multiples of 32 up to 960, and 988. KVM's
 * NR_IRQS (the SPIs and the 32 private INTIDs) stops at 992: 988 is for a
 * VMM with its own GIC, and kvm-attrs says so (src/kvm.c).
 */
bool gp_spis_valid(uint32_t spis);

/* Bytes of one redistributor for GIC version @version (3 or 4). */
uint64_t gp_redist_size(unsigned version);

/* The MPIDR affinity (Aff3 [39:32], Aff2 [23:16], Aff1 [15:8], Aff0 [7:0]) of vCPU @cpu. */
uint64_t gp_cpu_mpidr(const struct gp_board *board, uint64_t cpu);

/* How many vCPUs the board's affinity scheme can number (all four levels). */
uint64_t gp_mpidr_capacity(const struct gp_board *board);

/* The end of the IPA space of @ipa_bits bits (2^ipa_bits). */
uint64_t gp_ipa_end(unsigned ipa_bits);

/*
 * Resolve @req against @p's defaults into @out, checking each value against
 * the platform (GIC version offered, SPI count, RAM window, IPA range).
 * Errors: exit 2 (a value the platform cannot take at all).
 */
int gp_request_resolve(const struct gp_platform *p, const struct gp_request *req,
		       struct gp_request *out, struct gp_error *err);

/* What a placement's capacity depends on besides the placement itself. */
struct gp_fit {
	uint64_t redist_size;  /* 128 KiB (GICv3) or 256 KiB (GICv4) */
	unsigned ipa_bits;
	bool its;              /* an ITS is placed: one below a growing window takes its room */
};

/* The fit of a resolved request. */
struct gp_fit gp_request_fit(const struct gp_request *req);

/* How many redistributors placement @pl holds for @fit. Never overflows. */
uint64_t gp_placement_capacity(const struct gp_placement *pl, const struct gp_fit *fit);

/*
 * Find the floor of every growing window of @pl: the highest end, at or below
 * its top, of the other regions (the board after @pl's moves with RAM at its
 * largest, the distributor, a fixed ITS, the fixed windows).
 */
void gp_placement_find_floors(const struct gp_platform *p, struct gp_placement *pl);

/*
 * One line on what limits placement @pl for @fit: for a growing
 * window, the region it runs into and the first vCPU count that collides.
 * Empty when nothing but fixed windows limits it.
 */
void gp_placement_limit(const struct gp_placement *pl, const struct gp_fit *fit, char *buf,
			size_t cap);

/*
 * What moves when max_cpus crosses from placement @a to placement @b of @p:
 * the names of the regions whose base or size differ ("gicd, redist0, uart"),
 * into @buf. Returns how many.
 */
size_t gp_placement_moves(const struct gp_platform *p, const struct gp_placement *a,
			  const struct gp_placement *b, char *buf, size_t cap);

/*
 * Apply placement @pl of @p to the resolved request @req: place every region,
 * fill the redistributor windows in order, then check the result with
 * gp_plan_check. Errors: exit 3 when the placement cannot hold the request
 * (too few frames, a region outside the IPA, an overlap the moves cause).
 */
int gp_layout_place(const struct gp_platform *p, const struct gp_placement *pl,
		    const struct gp_request *req, struct gp_plan *plan, struct gp_error *err);

/*
 * The footprint of placement @pl of @p at its largest: every window whole
 * (to the end of an IPA of @ipa_bits bits), RAM at its maximum, the moves
 * applied. For checking a layout file before any request, and for showing
 * tiers. No redistributor is placed (count 0).
 */
void gp_placement_preview(const struct gp_platform *p, const struct gp_placement *pl,
			  unsigned ipa_bits, struct gp_plan *plan);

/*
 * Check a plan: every GIC region 64 KiB aligned, every region inside the IPA
 * and not wrapping, no two regions overlapping, every vCPU in a redistributor
 * window, device SPIs below the SPI count and not shared. The error names the
 * region(s). @exit_code is what a failure maps to (3 while planning, 2 for a
 * plan file).
 */
int gp_plan_check(const struct gp_plan *plan, int exit_code, struct gp_error *err);

/*
 * The named regions of @plan, in address order: "gicd", "its", "redist0"...
 * (reserved windows), each device window ("uart", "pcie.mmio"), "ram".
 * Returns how many were written to @out (at most @max), or the number needed
 * when @out is NULL.
 */
size_t gp_plan_regions(const struct gp_plan *plan, struct gp_region *out, size_t max);

/*
 * The regions of a board alone: each device window and "ram" (at ram.size).
 * Same contract as gp_plan_regions.
 */
size_t gp_board_regions(const struct gp_board *b, struct gp_region *out, size_t max);

/* How many SPIs device @d uses, from d->spi on: one per instance, four for PCIe INTx. */
uint32_t gp_device_spi_count(const struct gp_device *d);

/* Bytes all instances of @d's first window span (count x size), or 0 on overflow. */
uint64_t gp_device_span(const struct gp_device *d);

/* The node name of @d: its own, or its type's. */
const char *gp_device_node(const struct gp_device *d);

/*
 * Find two overlapping regions among @n (sorted in place by base). Returns
 * true and sets *@a, *@b (a below b) when some overlap. An empty region
 * overlaps nothing; one that wraps the 64-bit space reaches its end.
 */
bool gp_regions_overlap(struct gp_region *regions, size_t n, const struct gp_region **a,
			const struct gp_region **b);

#endif
