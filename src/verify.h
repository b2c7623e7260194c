/* SPDX-License-Identifier: MIT */
/*
 * verify: prove a device tree against the GIC it describes. The emulator is
 * built from the VGIC (where a VMM put the frames); the guest's view is the
 * tree alone: every region is walked as Linux walks it, then interrupts are
 * driven through MMIO and the CPU interfaces. Each named check reports what it
 * covered, how many offences it found, and lists them (address, CPU, INTID,
 * node), the first GP_VERIFY_LISTED_MAX of a run.
 */
#ifndef GP_VERIFY_H
#define GP_VERIFY_H

#include <stdbool.h>
#include <stdint.h>

#include "check_result.h"
#include "error.h"
#include "gic_emul.h"
#include "input.h"
#include "machine.h"
#include "vgic.h"

/* The checks, in the order they run. Names are stable: tests and tools use them. */
enum gp_check_id {
	GP_CHECK_GIC_NODE,         /* "gic-node": the arm,gic-v3 binding's node rules */
	GP_CHECK_REDIST_REGIONS,   /* "redist-regions": #redistributor-regions agrees with reg */
	GP_CHECK_REDIST_STRIDE,    /* "redist-stride": a multiple of 64 KiB, not below a frame */
	GP_CHECK_ITS_NODE,         /* "its-node": the ITS child's binding rules */
	GP_CHECK_NODE_NAMES,       /* "node-names": names the binding's schema wants (warning) */
	GP_CHECK_REGION_ALIGNMENT, /* "region-alignment": GIC regions 64 KiB aligned */
	GP_CHECK_IPA_BOUND,        /* "ipa-bound": every region inside the IPA */
	GP_CHECK_REGION_OVERLAP,   /* "region-overlap": nothing overlaps the GIC (others warn) */
	GP_CHECK_CPU_NODES,        /* "cpu-nodes": cpu regs are MPIDRs, unique, the VMM's */
	GP_CHECK_GIC_MODEL,        /* "gic-model": the GIC accepts the VGIC's configuration */
	GP_CHECK_REDIST_CAPACITY,  /* "redist-capacity": every vCPU has a frame */
	GP_CHECK_GICD_ID,          /* "gicd-id": the distributor's PIDR2 says GICv3/v4 */
	GP_CHECK_GICD_TYPER,       /* "gicd-typer": GICD_TYPER gives the SPIs set up */
	GP_CHECK_REDIST_PIDR2,     /* "redist-pidr2": each region starts with a redistributor */
	GP_CHECK_REDIST_WALK,      /* "redist-walk": each walk ends on Last inside its region */
	GP_CHECK_MPIDR_FOUND,      /* "mpidr-found": every vCPU finds exactly its frame */
	GP_CHECK_SPI_ROUTING,      /* "spi-routing": SPIs reach exactly their IROUTER CPU */
	GP_CHECK_SPI_1OFN,         /* "spi-1ofn": IRM=1 SPIs reach exactly one CPU */
	GP_CHECK_SGI_ROUTING,      /* "sgi-routing": SGIs reach exactly their target lists */
	GP_CHECK_PPI_LOCAL,        /* "ppi-local": PPIs stay on their CPU */
	GP_CHECK_DEVICE_IRQS,      /* "device-irqs": in range, one trigger a line (shared warn) */
	GP_CHECK_KVM_ATTRS,        /* "kvm-attrs": the KVM attribute list obeys KVM's rules */
	GP_CHECK_LPI_ROUTING,      /* "lpi-routing": every device's MSIs reach exactly their vCPU */
	GP_CHECK_ITS_TARGETS,      /* "its-targets": the ITS can target every vCPU */
	GP_CHECKS
};

/* Offences listed per run (every check still counts all of its own), and their text. */
#define GP_VERIFY_LISTED_MAX 1000
#define GP_VERIFY_LISTED_TEXT (192 * 1024)

/* One listed offence: its check, whether it failed or warned, its text in listed_text. */
struct gp_offence {
	uint8_t check;         /* enum gp_check_id */
	uint8_t status;        /* GP_CHECK_FAIL or GP_CHECK_WARN */
	uint32_t text;         /* offset into gp_verify_result.listed_text */
};

struct gp_verify_options {
	enum gic_profile profile;
	unsigned ipa_bits;
	bool exhaustive;       /* every SPI to every CPU, every CPU's SGIs to every CPU */
	bool strict;           /* warnings fail */
	uint32_t qemu_machine; /* --qemu-machine: GIC_QEMU_MACHINE(), 0 = the latest (QEMU profile) */
};

struct gp_verify_result {
	enum gic_profile profile;
	unsigned gic_version;
	char version_note[160];    /* how the GIC version was chosen */
	uint32_t nr_assumptions;   /* set by the caller after the run, from its gp_input */
	char assumptions[GP_INPUT_ASSUMPTIONS_MAX][GP_INPUT_ASSUMPTION_LEN];
	bool exhaustive;
	struct gp_check checks[GP_CHECKS];
	uint64_t frames_walked;
	uint64_t spi_deliveries;
	uint64_t sgi_writes;
	uint64_t sgi_deliveries;
	uint64_t ppi_deliveries;
	uint64_t lpi_deliveries;
	bool failed;               /* a check failed (or warned, when strict) */
	/* Last: gp_verify clears what is above, and only the used part of these. */
	uint32_t nr_listed;        /* offences listed, in the order found */
	uint32_t listed_len;       /* bytes of listed_text used */
	struct gp_offence listed[GP_VERIFY_LISTED_MAX];
	char listed_text[GP_VERIFY_LISTED_TEXT];
};

/* The stable name of check @id. */
const char *gp_check_name(enum gp_check_id id);

/* "pass", "warn", "fail", "skip". */
const char *gp_check_status_name(enum gp_check_status s);

/*
 * Verify tree @m against VGIC @v. Fills @r; r->failed says whether the run
 * must exit 1. Returns 0, or -1 with @err set when it could not run at all
 * (out of memory).
 */
int gp_verify(const struct gp_machine *m, const struct gp_vgic *v,
	      const struct gp_verify_options *o, struct gp_verify_result *r,
	      struct gp_error *err);

#endif
