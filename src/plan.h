/* SPDX-License-Identifier: MIT */
/*
 * The plan model: what the user asks for (a request) and what placing it on a
 * platform gives (a plan): every region at its final address, ready for
 * emit_fdt. A plan is self-contained, so a plan file alone reproduces the
 * tree. Also here: the checks every plan must pass, and its named regions.
 */
#ifndef GP_PLAN_H
#define GP_PLAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "board.h"
#include "error.h"

/*
 * The most vCPUs an ITS lets Linux reach: its collections are 16-bit ICIDs
 * and, with GITS_TYPER.PTA 0 (KVM, QEMU), target a 16-bit
 * GICR_TYPER.Processor_Number; Linux makes one collection per CPU
 * (drivers/irqchip/irq-gic-v3-its.c, its_cpu_init_collection). verify's
 * its-targets reads the emulated ITS's own fields.
 */
#define GP_ITS_TARGETS_MAX (UINT64_C(1) << 16)

/* IPA sizes a VMM can ask KVM for. */
#define GP_IPA_BITS_MIN 32u
#define GP_IPA_BITS_MAX 52u

/* Limits of this model (documented in docs/layout-format.md). */
#define GP_REDIST_REGIONS_MAX 64
#define GP_WHY_MAX 1024

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

/* The end of the IPA space of @ipa_bits bits (2^ipa_bits). */
uint64_t gp_ipa_end(unsigned ipa_bits);

/*
 * Whether [@base, @base + @size) lies within an IPA of @ipa_bits bits (and
 * does not wrap): what gp_plan_check asks of every region of a plan.
 */
bool gp_in_ipa(uint64_t base, uint64_t size, unsigned ipa_bits);

/* "@what [@base, end) ends above the @ipa_bits-bit IPA" into @buf (@cap bytes): why not. */
void gp_above_ipa_str(char *buf, size_t cap, const char *what, uint64_t base, uint64_t size,
		      unsigned ipa_bits);

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

/*
 * Find two overlapping regions among @n (sorted in place by base). Returns
 * true and sets *@a, *@b (a below b) when some overlap. An empty region
 * overlaps nothing; one that wraps the 64-bit space reaches its end.
 */
bool gp_regions_overlap(struct gp_region *regions, size_t n, const struct gp_region **a,
			const struct gp_region **b);

#endif
