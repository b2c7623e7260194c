/* SPDX-License-Identifier: MIT */
/*
 * The layout of the ACPI tables a UEFI guest reads its GIC from, as the ACPI
 * specification defines them (5.2.6 table header, 5.2.12 MADT and its GIC
 * structures) and Arm's IO Remapping Table (IORT, DEN0049) does; ACPICA's
 * include/actbl2.h names the same fields. All fields are little-endian, packed.
 * acpi_write makes these tables, acpi_read reads them: one layout for both.
 */
#ifndef GP_ACPI_TABLES_H
#define GP_ACPI_TABLES_H

#include <stddef.h>
#include <stdint.h>

/* The longest path of a table file gicplan writes or reads. */
#define GP_ACPI_PATH_MAX 4096

/* The header every System Description Table starts with (ACPI 5.2.6). */
#define ACPI_HDR_SIGNATURE 0      /* 4 ASCII characters */
#define ACPI_HDR_LENGTH 4         /* u32: the whole table, header included */
#define ACPI_HDR_REVISION 8       /* u8 */
#define ACPI_HDR_CHECKSUM 9       /* u8: every byte of the table sums to 0 mod 256 */
#define ACPI_HDR_OEM_ID 10        /* 6 bytes */
#define ACPI_HDR_OEM_TABLE_ID 16  /* 8 bytes */
#define ACPI_HDR_OEM_REVISION 24  /* u32 */
#define ACPI_HDR_CREATOR_ID 28    /* 4 bytes */
#define ACPI_HDR_CREATOR_REVISION 32 /* u32 */
#define ACPI_HDR_SIZE 36
#define ACPI_SIG_LEN 4

/* MADT ("APIC"): after the header, the local interrupt controller address and flags. */
#define MADT_SIGNATURE "APIC"
#define MADT_LOCAL_ADDRESS 36     /* u32: 0 on Arm */
#define MADT_FLAGS 40             /* u32: 0 on Arm (no PC-AT 8259s) */
#define MADT_SUBTABLES 44         /* the interrupt controller structures start here */

/* MADT revisions: ACPI 5.1 wrote 3, 6.0 wrote 4 (6.2 to 6.4: 5), 6.5 writes 6. */
#define MADT_REVISION_5_1 3
#define MADT_REVISION_6_0 4
#define MADT_REVISION_6_5 6

/* Every interrupt controller structure: type (u8), length (u8). */
#define MADT_SUB_TYPE 0
#define MADT_SUB_LENGTH 1
#define MADT_SUB_HEADER 2

/* GIC CPU Interface (GICC), type 0xB (ACPI 5.2.12.14). */
#define MADT_TYPE_GICC 0x0b
#define MADT_GICC_CPU_INTERFACE 4      /* u32: GICv2 CPU interface number (the CPU's index) */
#define MADT_GICC_UID 8                /* u32: the processor's _UID */
#define MADT_GICC_FLAGS 12             /* u32 */
#define MADT_GICC_PARKING_VERSION 16   /* u32 */
#define MADT_GICC_PERF_GSIV 20         /* u32: the PMU's interrupt (a PPI's INTID), 0 for none */
#define MADT_GICC_PARKED_ADDRESS 24    /* u64 */
#define MADT_GICC_BASE 32              /* u64: GICv2 CPU interface; 0 with GICv3 */
#define MADT_GICC_GICV 40              /* u64 */
#define MADT_GICC_GICH 48              /* u64 */
#define MADT_GICC_VGIC_MAINT_GSIV 56   /* u32: the GIC maintenance interrupt, 0 for none */
#define MADT_GICC_GICR_BASE 60         /* u64: this CPU's redistributor, or 0 with GICR structures */
#define MADT_GICC_MPIDR 68             /* u64 */
#define MADT_GICC_EFFICIENCY_CLASS 76  /* u8 (6.0); then a reserved byte, the SPE overflow PPI (6.3) */
#define MADT_GICC_TRBE_GSIV 80         /* u16 (6.5) */
#define MADT_GICC_LEN_5_1 76
#define MADT_GICC_LEN_6_0 80
#define MADT_GICC_LEN_6_5 82
#define MADT_GICC_ENABLED (1u << 0)          /* usable now */
#define MADT_GICC_PERF_EDGE (1u << 1)        /* the PMU interrupt is edge-triggered */
#define MADT_GICC_VGIC_EDGE (1u << 2)        /* the maintenance interrupt is edge-triggered */
#define MADT_GICC_ONLINE_CAPABLE (1u << 3)   /* not enabled, but may be brought online (6.5) */

/* GIC Distributor (GICD), type 0xC (ACPI 5.2.12.15). */
#define MADT_TYPE_GICD 0x0c
#define MADT_GICD_ID 4                 /* u32 */
#define MADT_GICD_BASE 8               /* u64 */
#define MADT_GICD_GSI_BASE 16          /* u32: 0 */
#define MADT_GICD_VERSION 20           /* u8: 3 or 4 (0: look at the hardware) */
#define MADT_GICD_LEN 24

/* GIC Redistributor (GICR), type 0xE (ACPI 5.2.12.17): one per region of frames. */
#define MADT_TYPE_GICR 0x0e
#define MADT_GICR_RANGE_BASE 4         /* u64 */
#define MADT_GICR_RANGE_LENGTH 12      /* u32 */
#define MADT_GICR_LEN 16

/* GIC Interrupt Translation Service (ITS), type 0xF (ACPI 5.2.12.18, 6.0 errata A). */
#define MADT_TYPE_ITS 0x0f
#define MADT_ITS_TRANSLATION_ID 4      /* u32: what the IORT's ITS groups name */
#define MADT_ITS_BASE 8                /* u64 */
#define MADT_ITS_LEN 20

/* IORT: after the header, node count, offset of the first node, reserved. */
#define IORT_SIGNATURE "IORT"
#define IORT_REVISION 3           /* DEN0049 E.a/E.b, as QEMU 7.2 writes */
#define IORT_NODE_COUNT 36        /* u32 */
#define IORT_NODE_OFFSET 40       /* u32 */
#define IORT_NODES 48

/* Every IORT node: type u8, length u16, revision u8, identifier u32, mappings. */
#define IORT_N_TYPE 0
#define IORT_N_LENGTH 1           /* u16 */
#define IORT_N_REVISION 3
#define IORT_N_IDENTIFIER 4       /* u32 (reserved before revision 3 of the table) */
#define IORT_N_MAPPINGS 8         /* u32: how many ID mappings */
#define IORT_N_MAPPING_OFFSET 12  /* u32: from the node's start */
#define IORT_N_HEADER 16

/* ITS group node, type 0: a count, then that many MADT ITS translation IDs. */
#define IORT_TYPE_ITS_GROUP 0
#define IORT_ITS_COUNT 16         /* u32 */
#define IORT_ITS_IDS 20           /* u32 each */
#define IORT_ITS_NODE_REVISION 1

/* PCI root complex node, type 2. */
#define IORT_TYPE_ROOT_COMPLEX 2
#define IORT_RC_CACHE_COHERENCY 16 /* u32: 1 fully coherent */
#define IORT_RC_HINTS 20          /* u8 */
#define IORT_RC_MEMORY_FLAGS 23   /* u8: bit 0 coherent path to memory, bit 1 device attributes */
#define IORT_RC_ATS 24            /* u32 */
#define IORT_RC_SEGMENT 28        /* u32: the PCI segment (domain) */
#define IORT_RC_ADDRESS_LIMIT 32  /* u8: the memory address size limit in bits */
#define IORT_RC_MAPPINGS 36       /* the ID mappings, in this node */
#define IORT_RC_NODE_REVISION 3

/* One ID mapping: IDs [input, input + count] go to [output, ...] of the node at reference. */
#define IORT_MAP_INPUT_BASE 0     /* u32 */
#define IORT_MAP_ID_COUNT 4       /* u32: the number of IDs in the range minus one */
#define IORT_MAP_OUTPUT_BASE 8    /* u32 */
#define IORT_MAP_OUTPUT_REF 12    /* u32: offset of the output node from the table's start */
#define IORT_MAP_FLAGS 16         /* u32: bit 0 single mapping */
#define IORT_MAP_LEN 20

/* Little-endian fields of @n bytes (1 to 8) at @p. */
static inline void acpi_put(uint8_t *p, unsigned n, uint64_t v)
{
	for (unsigned i = 0; i < n; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static inline uint64_t acpi_get(const uint8_t *p, unsigned n)
{
	uint64_t v = 0;

	for (unsigned i = n; i-- > 0;)
		v = v << 8 | p[i];
	return v;
}

/* The sum of @len bytes mod 256: 0 for a table whose checksum is right. */
static inline uint8_t acpi_sum(const uint8_t *p, size_t len)
{
	uint8_t sum = 0;

	for (size_t i = 0; i < len; i++)
		sum = (uint8_t)(sum + p[i]);
	return sum;
}

#endif
