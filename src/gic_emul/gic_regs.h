/* SPDX-License-Identifier: MIT */
/*
 * GICv3/GICv4 register map (ARM IHI 0069): every offset, field and size the
 * emulator uses, named as the architecture names it.
 *
 * The model has one Security state: GICD_CTLR.DS reads 1, so the
 * distributor shows the "DS == 1" layout (EnableGrp0 bit 0, EnableGrp1 bit 1)
 * and the Secure-only registers (IGRPMODR, NSACR) are RAZ/WI.
 * Affinity routing is always on (ARE RAO/WI), so the GICv2-compatible
 * registers (ITARGETSR, SGIR, CPENDSGIR, SPENDSGIR) are RAZ/WI.
 *
 * Each register line says: access (RW, RO, WO, RAZ/WI), the access widths the
 * model accepts, and the reset value in this model. "per profile" means the
 * value differs between the ARCH, KVM and QEMU profiles: PROFILES.md lists
 * those values with the source each one was read from.
 */
#ifndef GIC_REGS_H
#define GIC_REGS_H

#include <stdint.h>

/* ---- Frame sizes -------------------------------------------------------- */

#define GIC_FRAME_SIZE          UINT64_C(0x10000)  /* 64 KiB: every GIC MMIO frame */
#define GIC_FRAME_SHIFT         16
#define GIC_BASE_ALIGN          GIC_FRAME_SIZE      /* GICD and region bases: 64 KiB aligned */
#define GICD_SIZE               GIC_FRAME_SIZE      /* the distributor: one frame */
#define GICR_V3_FRAMES          2                   /* RD_base, SGI_base */
#define GICR_V4_FRAMES          4                   /* + VLPI_base, reserved */
#define GICR_V3_SIZE            (GICR_V3_FRAMES * GIC_FRAME_SIZE) /* 128 KiB */
#define GICR_V4_SIZE            (GICR_V4_FRAMES * GIC_FRAME_SIZE) /* 256 KiB */
#define GICR_V3_SHIFT           17      /* log2(GICR_V3_SIZE) */
#define GICR_V4_SHIFT           18      /* log2(GICR_V4_SIZE) */
/* Architecture versions, as PIDR2.ArchRev names them. */
#define GIC_ARCHREV_GICV3       3
#define GIC_ARCHREV_GICV4       4
/* Frame index inside one redistributor (offset >> GIC_FRAME_SHIFT). */
#define GICR_FRAME_RD           0
#define GICR_FRAME_SGI          1
#define GICR_FRAME_VLPI         2                   /* GICv4 only */
#define GICR_FRAME_RESERVED     3                   /* GICv4 only: RAZ/WI */

/* ---- INTID space -------------------------------------------------------- */

#define GIC_NR_SGIS             16      /* INTIDs 0-15 */
#define GIC_NR_PPIS             16      /* INTIDs 16-31 */
#define GIC_NR_PRIVATE          32      /* SGIs + PPIs, banked per redistributor */
#define GIC_INTID_PPI_FIRST     16
#define GIC_INTID_SPI_FIRST     32
#define GIC_INTID_SPI_MAX       1019    /* the last SPI INTID */
#define GIC_INTID_SPECIAL_FIRST 1020    /* 1020-1023: special INTIDs */
#define GIC_INTID_SPURIOUS      1023    /* "no interrupt" from IAR/HPPIR */
#define GIC_INTID_SPACE         1024    /* INTIDs 0-1023 */
#define GIC_NR_IRQS_MIN         64      /* nr_irqs: at least one block of 32 SPIs */
#define GIC_NR_IRQS_MAX         1024    /* nr_irqs: ITLinesNumber 31 */
#define GIC_NR_IRQS_STEP        32      /* nr_irqs: multiple of one bitmap word */
#define GIC_IRQS_PER_WORD       32      /* one bit per INTID: 32 INTIDs per register */
#define GIC_IRQS_PER_CFG_WORD   16      /* ICFGR: two bits per INTID */
#define GIC_CFG_BITS_PER_IRQ    2
#define GIC_CFG_EDGE_BIT        1       /* ICFGR: the odd bit of a field: 1 = edge */
#define GIC_PRIO_BITS_MAX       8       /* priority fields are 8 bits */
#define GIC_PRIO_FIELD_MASK     0xffu   /* an 8-bit priority field */
#define GIC_PRIO_IDLE           0xffu   /* running priority of an idle CPU interface */
#define GIC_APR_PRIO_SHIFT      1       /* one active-priority bit per priority[7:1] value */
#define GIC_PRIO_NONE           0x100u  /* "no candidate": below every real priority */

/* Width set of a register: bit (size in bytes) set when that size is allowed. */
#define GIC_W1                  (1u << 1)
#define GIC_W2                  (1u << 2)
#define GIC_W4                  (1u << 4)
#define GIC_W8                  (1u << 8)
#define GIC_W_ANY               (GIC_W1 | GIC_W2 | GIC_W4 | GIC_W8) /* reserved offsets */

/* ---- Distributor (GICD), offsets from the GICD base ----------------------- */

#define GICD_CTLR               0x0000  /* RW, W4; reset ARE|DS (0x50) */
#define GICD_TYPER              0x0004  /* RO, W4; per profile and nr_irqs */
#define GICD_IIDR               0x0008  /* RO, W4; per profile */
#define GICD_TYPER2             0x000C  /* RO, W4; RAZ (no vPEID, no nASSGI) */
#define GICD_STATUSR            0x0010  /* RW, W4; RAZ/WI (KVM: reads all ones) */
#define GICD_SETSPI_NSR         0x0040  /* WO, W2|W4; only with TYPER.MBIS (ARCH), else RAZ/WI */
#define GICD_CLRSPI_NSR         0x0048  /* WO, W2|W4; only with TYPER.MBIS (ARCH), else RAZ/WI */
#define GICD_IGROUPR            0x0080  /* RW, W4; 32 words; word 0 (private) RAZ/WI; reset 0 (KVM: all 1) */
#define GICD_ISENABLER          0x0100  /* RW, W4; write 1 sets enable; word 0 RAZ/WI; reset 0 */
#define GICD_ICENABLER          0x0180  /* RW, W4; write 1 clears enable; word 0 RAZ/WI */
#define GICD_ISPENDR            0x0200  /* RW, W4; write 1 sets pending; reads latch|level line */
#define GICD_ICPENDR            0x0280  /* RW, W4; write 1 clears the pending latch */
#define GICD_ISACTIVER          0x0300  /* RW, W4; write 1 sets active; reset 0 */
#define GICD_ICACTIVER          0x0380  /* RW, W4; write 1 clears active */
#define GICD_IPRIORITYR         0x0400  /* RW, W1|W4; one byte per INTID; private bytes RAZ/WI; reset 0 */
#define GICD_ITARGETSR          0x0800  /* RAZ/WI, W1|W4 (affinity routing) */
#define GICD_ICFGR              0x0C00  /* RW, W4; 2 bits per INTID; words 0-1 RAZ/WI; reset 0 (level) */
#define GICD_IGRPMODR           0x0D00  /* RAZ/WI, W4 (DS == 1) */
#define GICD_NSACR              0x0E00  /* RAZ/WI, W4 (DS == 1) */
#define GICD_SGIR               0x0F00  /* RAZ/WI, W4 (affinity routing) */
#define GICD_CPENDSGIR          0x0F10  /* RAZ/WI, W1|W4 (affinity routing) */
#define GICD_SPENDSGIR          0x0F20  /* RAZ/WI, W1|W4 (affinity routing) */
#define GICD_IROUTER            0x6000  /* RW, W4|W8; IROUTER<n> at + 8n, n = 32..1019; reset 0 */
#define GICD_IDREGS             0xFFD0  /* RO, W4; PIDR4-7, PIDR0-3, CIDR0-3 */

#define GICD_BITMAP_WORDS       32      /* IGROUPR..ICACTIVER: 32 words = INTIDs 0-1023 */
#define GICD_BITMAP_BYTES       (GICD_BITMAP_WORDS * 4)
#define GICD_PRIORITY_BYTES     GIC_INTID_SPACE          /* IPRIORITYR: 0x400 bytes */
#define GICD_ICFGR_BYTES        (GIC_INTID_SPACE / GIC_IRQS_PER_CFG_WORD * 4)
#define GICD_ITARGETSR_BYTES    GIC_INTID_SPACE          /* one byte per INTID */
#define GICD_NSACR_BYTES        GICD_ICFGR_BYTES         /* two bits per INTID */
#define GICD_IROUTER_STRIDE     8
#define GICD_IROUTER_FIRST      (GICD_IROUTER + GICD_IROUTER_STRIDE * GIC_INTID_SPI_FIRST)
#define GICD_IROUTER_LAST       (GICD_IROUTER + GICD_IROUTER_STRIDE * (GIC_INTID_SPI_MAX + 1) - 1)
#define GICD_SPENDSGIR_BYTES    16
#define GICD_CPENDSGIR_BYTES    16

/* GICD_CTLR, single Security state view (DS == 1). */
#define GICD_CTLR_ENABLE_GRP0   (1u << 0)   /* RW (KVM: RAZ/WI, EnableGrp1 gates both groups) */
#define GICD_CTLR_ENABLE_GRP1   (1u << 1)   /* RW */
#define GICD_CTLR_ARE           (1u << 4)   /* RAO/WI: affinity routing always on */
#define GICD_CTLR_DS            (1u << 6)   /* RAO/WI: one Security state */
#define GICD_CTLR_E1NWF         (1u << 7)   /* RAZ/WI */
#define GICD_CTLR_RWP           (1u << 31)  /* RO, reads 0: writes take effect at once */
#define GICD_CTLR_RESET         (GICD_CTLR_ARE | GICD_CTLR_DS)

/* GICD_TYPER fields: shift and width. */
#define GICD_TYPER_ITLINES_SHIFT  0     /* ITLinesNumber [4:0]: max SPI INTID = 32(N+1)-1 */
#define GICD_TYPER_ITLINES_WIDTH  5
#define GICD_TYPER_CPUNUMBER_SHIFT 5    /* CPUNumber [7:5]: 0 with affinity routing */
#define GICD_TYPER_ESPI         (1u << 8)
#define GICD_TYPER_NMI          (1u << 9)
#define GICD_TYPER_SECURITYEXTN (1u << 10)  /* 0: DS == 1 */
#define GICD_TYPER_NUM_LPIS_SHIFT 11    /* num_LPIs [15:11]: 0 = from IDbits */
#define GICD_TYPER_MBIS         (1u << 16)  /* SETSPI/CLRSPI present */
#define GICD_TYPER_LPIS         (1u << 17)
#define GICD_TYPER_DVIS         (1u << 18)  /* GICv4 direct vLPI injection */
#define GICD_TYPER_IDBITS_SHIFT 19      /* IDbits [23:19]: INTID bits - 1 */
#define GICD_TYPER_IDBITS_WIDTH 5
#define GICD_TYPER_A3V          (1u << 24)  /* Aff3 supported */
#define GICD_TYPER_NO1N         (1u << 25)  /* 1 of N SPI routing not supported */
#define GICD_TYPER_RSS          (1u << 26)  /* SGI Aff0 range 0-255 */
#define GICD_TYPER_IDBITS_LPIS  15      /* 16-bit INTIDs when LPIs exist */
#define GICD_TYPER_IDBITS_SPIS  9       /* 10-bit INTIDs: 0-1023 */

/* GICD_IIDR fields. */
#define GIC_IIDR_IMPLEMENTER_ARM  0x43Bu    /* JEP106 code of Arm */
#define GIC_IIDR_REVISION_SHIFT   12
#define GIC_IIDR_PRODUCT_SHIFT    24
#define GIC_IIDR_PRODUCT_KVM      0x4Bu     /* KVM's ProductID ('K') */
#define GIC_IIDR_REVISION_KVM     3u        /* KVM_VGIC_IMP_REV_3 (latest) */

/* GICD_SETSPI_NSR / CLRSPI_NSR: INTID [12:0]. */
#define GICD_SETSPI_INTID_MASK  0x1FFFu

/* GICD_IROUTER<n>. */
#define GICD_IROUTER_AFF0_2_MASK UINT64_C(0x0000000000FFFFFF) /* Aff2.Aff1.Aff0 [23:0] */
#define GICD_IROUTER_IRM        (UINT64_C(1) << 31)          /* 1 = 1 of N */
#define GICD_IROUTER_AFF3_SHIFT 32                            /* Aff3 [39:32] */
#define GICD_IROUTER_AFF3_MASK  (UINT64_C(0xFF) << GICD_IROUTER_AFF3_SHIFT)
#define GICD_IROUTER_ARCH_MASK  (GICD_IROUTER_AFF0_2_MASK | GICD_IROUTER_IRM | GICD_IROUTER_AFF3_MASK)
#define GICD_IROUTER_RESET      UINT64_C(0)                   /* Aff 0.0.0.0, IRM = 0 */

/* ---- Identification registers (GICD and GICR RD_base, offsets 0xFFD0-0xFFFC) */

#define GIC_PIDR4               0xFFD0  /* RO: 4 KiB count, JEP106 continuation (0x4) */
#define GIC_PIDR5               0xFFD4  /* RO: 0 */
#define GIC_PIDR6               0xFFD8  /* RO: 0 */
#define GIC_PIDR7               0xFFDC  /* RO: 0 */
#define GIC_PIDR0               0xFFE0  /* RO: part number [7:0] */
#define GIC_PIDR1               0xFFE4  /* RO: JEP106 [3:0], part number [11:8] */
#define GIC_PIDR2               0xFFE8  /* RO: ArchRev [7:4], JEDEC [3], JEP106 [6:4] */
#define GIC_PIDR3               0xFFEC  /* RO: 0 */
#define GIC_CIDR0               0xFFF0  /* RO: component ID 0x0D */
#define GIC_CIDR1               0xFFF4  /* RO: 0xF0 */
#define GIC_CIDR2               0xFFF8  /* RO: 0x05 */
#define GIC_CIDR3               0xFFFC  /* RO: 0xB1 */
#define GIC_IDREGS_FIRST        GIC_PIDR4
#define GIC_IDREGS_LAST         (GIC_CIDR3 + 3)
#define GIC_IDREGS_COUNT        12
#define GIC_PIDR2_ARCHREV_SHIFT 4
#define GIC_PIDR2_JEDEC_ARM     0x0Bu   /* JEDEC bit 3 | JEP106 Arm [6:4] = 3 */
/* Values of the other ID registers (Arm's component and designer codes) */
#define GIC_PIDR0_GICD          0x92u
#define GIC_PIDR0_GICR          0x93u
#define GIC_PIDR1_ARM           0xB4u
#define GIC_PIDR4_ARM           0x44u
#define GIC_CIDR0_VAL           0x0Du
#define GIC_CIDR1_VAL           0xF0u
#define GIC_CIDR2_VAL           0x05u
#define GIC_CIDR3_VAL           0xB1u

/* ---- Redistributor RD_base frame ----------------------------------------- */

#define GICR_CTLR               0x0000  /* RW, W4; EnableLPIs bit 0 (RW with LPIs); RO bits per profile */
#define GICR_IIDR               0x0004  /* RO, W4; per profile */
#define GICR_TYPER              0x0008  /* RO, W4|W8; per CPU, see fields below */
#define GICR_STATUSR            0x0010  /* RAZ/WI, W4 */
#define GICR_WAKER              0x0014  /* RW, W4; reset ProcessorSleep|ChildrenAsleep (KVM: RAZ/WI) */
#define GICR_PROPBASER          0x0070  /* RW, W4|W8; stored; reset 0 */
#define GICR_PENDBASER          0x0078  /* RW, W4|W8; stored; reset 0 */
/* GICR_IDREGS at GIC_IDREGS_FIRST; PIDR0 = GIC_PIDR0_GICR. */

#define GICR_CTLR_ENABLE_LPIS   (1u << 0)   /* RW when LPIs exist, else RAZ/WI */
#define GICR_CTLR_CES           (1u << 1)   /* RO: Clear Enable Supported */
#define GICR_CTLR_IR            (1u << 2)   /* RO: LPI invalidate registers supported */
#define GICR_CTLR_RWP           (1u << 3)   /* RO, reads 0 */

#define GICR_TYPER_PLPIS        (UINT64_C(1) << 0)  /* physical LPIs: an ITS exists */
#define GICR_TYPER_VLPIS        (UINT64_C(1) << 1)  /* GICv4: virtual LPIs (256 KiB stride) */
#define GICR_TYPER_LAST         (UINT64_C(1) << 4)  /* last redistributor of a series */
#define GICR_TYPER_PROC_NUM_SHIFT 8                 /* Processor_Number [23:8] */
#define GICR_TYPER_PROC_NUM_MASK  UINT64_C(0xFFFF)
#define GICR_TYPER_COMMON_LPI_AFF_SHIFT 24          /* CommonLPIAff [25:24] */
#define GICR_TYPER_AFFINITY_SHIFT 32                /* Aff3.Aff2.Aff1.Aff0 [63:32] */

#define GICR_WAKER_PROCESSOR_SLEEP (1u << 1)        /* RW */
#define GICR_WAKER_CHILDREN_ASLEEP (1u << 2)        /* RO: follows ProcessorSleep at once */

/* ---- Redistributor SGI_base frame (RD_base + 64 KiB) ------------------------ */

#define GICR_IGROUPR0           0x0080  /* RW, W4; reset 0 (KVM: all 1) */
#define GICR_ISENABLER0         0x0100  /* RW, W4; write 1 sets; reset 0 (KVM: SGIs enabled) */
#define GICR_ICENABLER0         0x0180  /* RW, W4; write 1 clears */
#define GICR_ISPENDR0           0x0200  /* RW, W4; write 1 sets pending */
#define GICR_ICPENDR0           0x0280  /* RW, W4; write 1 clears pending latch */
#define GICR_ISACTIVER0         0x0300  /* RW, W4; write 1 sets active */
#define GICR_ICACTIVER0         0x0380  /* RW, W4; write 1 clears active */
#define GICR_IPRIORITYR0        0x0400  /* RW, W1|W4; 32 bytes (IPRIORITYR0-7); reset 0 */
#define GICR_ICFGR0             0x0C00  /* RO, W4; SGIs: always edge (0xAAAAAAAA) */
#define GICR_ICFGR1             0x0C04  /* RW, W4; PPIs; reset 0 (level) */
#define GICR_IGRPMODR0          0x0D00  /* RAZ/WI, W4 (DS == 1) */
#define GICR_NSACR              0x0E00  /* RAZ/WI, W4 (DS == 1) */
#define GICR_IPRIORITYR_BYTES   GIC_NR_PRIVATE
#define GICR_ICFGR0_SGI_EDGE    0xAAAAAAAAu

/* ---- Redistributor VLPI_base frame (GICv4, RD_base + 128 KiB) ------------- */

#define GICR_VPROPBASER         0x0070  /* RW, W4|W8; stored; reset 0 */
#define GICR_VPENDBASER         0x0078  /* RW, W4|W8; stored (QEMU: its fields only); reset 0 */

/* GICR_VPENDBASER fields (GICv4.0) */
#define GICR_VPENDBASER_INNER_CACHE  (UINT64_C(0x7) << 7)
#define GICR_VPENDBASER_SHAREABILITY (UINT64_C(0x3) << 10)
#define GICR_VPENDBASER_PHYADDR      (UINT64_C(0xFFFFFFFFF) << 16)   /* [51:16] */
#define GICR_VPENDBASER_OUTER_CACHE  (UINT64_C(0x7) << 56)
#define GICR_VPENDBASER_DIRTY        (UINT64_C(1) << 60)   /* RO */
#define GICR_VPENDBASER_PENDING_LAST (UINT64_C(1) << 61)
#define GICR_VPENDBASER_IDAI         (UINT64_C(1) << 62)
#define GICR_VPENDBASER_VALID        (UINT64_C(1) << 63)

/* ---- MPIDR_EL1 and packed affinity ------------------------------------------ */

#define MPIDR_AFF0_SHIFT        0
#define MPIDR_AFF1_SHIFT        8
#define MPIDR_AFF2_SHIFT        16
#define MPIDR_AFF3_SHIFT        32
#define MPIDR_AFF_WIDTH         8
#define MPIDR_AFF_MASK          0xFFu
#define MPIDR_AFF0_2_MASK       UINT64_C(0xFFFFFF)
#define MPIDR_AFF3_MASK         (UINT64_C(0xFF) << MPIDR_AFF3_SHIFT)
/* Packed affinity as GICR_TYPER [63:32] holds it: Aff3 [31:24] . Aff2.Aff1.Aff0 [23:0]. */
#define GIC_PACKED_AFF3_SHIFT   24

/* ---- CPU interface system registers (ICC_*_EL1) --------------------------- */

#define ICC_INTID_MASK          UINT64_C(0xFFFFFF)  /* IAR/EOIR/HPPIR/DIR: INTID [23:0] */
#define ICC_PMR_MASK            0xFFu               /* PMR [7:0]; reset 0 (all masked) */
#define ICC_BPR_MASK            0x7u                /* BPR0/BPR1 [2:0] */
#define ICC_IGRPEN_ENABLE       1u                  /* IGRPEN0/1 bit 0; reset 0 */
#define ICC_CTLR_CBPR           (UINT64_C(1) << 0)  /* RW */
#define ICC_CTLR_EOIMODE        (UINT64_C(1) << 1)  /* RW: 1 = EOIR only drops priority */
#define ICC_CTLR_PRIBITS_SHIFT  8                   /* RO: priority bits - 1 */
#define ICC_CTLR_IDBITS_SHIFT   11                  /* RO: 0 = 16-bit, 1 = 24-bit INTIDs */
#define ICC_CTLR_A3V            (UINT64_C(1) << 15) /* RO: SGI Aff3 supported */
#define ICC_CTLR_RSS            (UINT64_C(1) << 18) /* RO: SGI Aff0 0-255 (Range Selector) */
#define ICC_CTLR_WRITABLE       (ICC_CTLR_CBPR | ICC_CTLR_EOIMODE)
#define ICC_SRE_SRE             (UINT64_C(1) << 0)  /* RAO/WI: system registers on */
#define ICC_SRE_DFB             (UINT64_C(1) << 1)  /* RAO/WI */
#define ICC_SRE_DIB             (UINT64_C(1) << 2)  /* RAO/WI */

/* ICC_SGI0R_EL1 / ICC_SGI1R_EL1 (WO, 64-bit). */
#define ICC_SGIR_TARGETLIST_MASK UINT64_C(0xFFFF)   /* [15:0]: bit k = Aff0 RS*16+k */
#define ICC_SGIR_AFF1_SHIFT     16                  /* [23:16] */
#define ICC_SGIR_INTID_SHIFT    24                  /* [27:24] */
#define ICC_SGIR_INTID_MASK     0xFu
#define ICC_SGIR_AFF2_SHIFT     32                  /* [39:32] */
#define ICC_SGIR_IRM            (UINT64_C(1) << 40) /* 1 = every PE but self */
#define ICC_SGIR_RS_SHIFT       44                  /* [47:44] */
#define ICC_SGIR_RS_MASK        0xFu
#define ICC_SGIR_AFF3_SHIFT     48                  /* [55:48] */
#define ICC_SGIR_TARGETS_PER_RS 16

/* ---- ITS (ITS_base frame; translation frame at ITS_base + 64 KiB) ---------- */

#define GITS_CTLR               0x0000  /* RW, W4: Enabled [0], Quiescent [31] RO */
#define GITS_IIDR               0x0004  /* RO, W4; per profile */
#define GITS_TYPER              0x0008  /* RO, W4|W8; per profile */
#define GITS_CBASER             0x0080  /* RW, W4|W8: Valid [63], PA [51:12], Size [7:0] */
#define GITS_CWRITER            0x0088  /* RW, W4|W8: Offset [19:5], Retry [0] */
#define GITS_CREADR             0x0090  /* RO, W4|W8: Offset [19:5], Stalled [0] */
#define GITS_BASER              0x0100  /* RW, W4|W8: 8 registers */
#define GITS_BASER_COUNT        8
#define GITS_TRANSLATER         0x0040  /* WO, W2|W4, in the translation frame */

#define GITS_CTLR_ENABLED       (1u << 0)
#define GITS_CTLR_QUIESCENT     (1u << 31)

#define GITS_TYPER_PHYSICAL     (UINT64_C(1) << 0)
#define GITS_TYPER_ITT_SIZE_SHIFT 4     /* ITT_entry_size - 1 [7:4] */
#define GITS_TYPER_IDBITS_SHIFT 8       /* EventID bits - 1 [12:8] */
#define GITS_TYPER_DEVBITS_SHIFT 13     /* DeviceID bits - 1 [17:13] */
#define GITS_TYPER_PTA          (UINT64_C(1) << 19)  /* RDbase is a physical address */
#define GITS_TYPER_HCC_SHIFT    24      /* collections held in the ITS [31:24] */
#define GITS_TYPER_CIDBITS_SHIFT 32     /* collection ID bits - 1 [35:32], with CIL */
#define GITS_TYPER_CIL          (UINT64_C(1) << 36)
#define GITS_FIELD5_MASK        0x1Fu
#define GITS_FIELD4_MASK        0xFu

#define GITS_CBASER_VALID       (UINT64_C(1) << 63)
#define GITS_CBASER_PA_MASK     UINT64_C(0x000FFFFFFFFFF000) /* [51:12] */
#define GITS_CBASER_SIZE_MASK   UINT64_C(0xFF)               /* 4 KiB pages - 1 */
#define GITS_CMDQ_PAGE          UINT64_C(0x1000)
#define GITS_CMDQ_OFFSET_MASK   UINT64_C(0xFFFE0)            /* CWRITER/CREADR [19:5] */
#define GITS_CREADR_STALLED     UINT64_C(1)
#define GITS_CMD_SIZE           32                           /* bytes: four doublewords */

#define GITS_BASER_VALID        (UINT64_C(1) << 63)
#define GITS_BASER_INDIRECT     (UINT64_C(1) << 62)
#define GITS_BASER_TYPE_SHIFT   56      /* [58:56] RO */
#define GITS_BASER_TYPE_MASK    (UINT64_C(7) << GITS_BASER_TYPE_SHIFT)
#define GITS_BASER_TYPE_DEVICE  UINT64_C(1)
#define GITS_BASER_TYPE_COLLECTION UINT64_C(4)
#define GITS_BASER_ESIZE_SHIFT  48      /* entry size - 1 [52:48] RO */
#define GITS_BASER_ESIZE_MASK   (UINT64_C(0x1F) << GITS_BASER_ESIZE_SHIFT)
#define GITS_BASER_PA_MASK      UINT64_C(0x0000FFFFFFFFF000) /* [47:12] */
#define GITS_BASER_PA64K_HI_SHIFT 12    /* 64 KiB pages: PA [51:48] in [15:12] */
#define GITS_BASER_PAGE_SHIFT   8       /* Page_Size [9:8]: 4, 16, 64 KiB */
#define GITS_BASER_PAGE_MASK    (UINT64_C(3) << GITS_BASER_PAGE_SHIFT)
#define GITS_BASER_SIZE_MASK    UINT64_C(0xFF)               /* pages - 1 */
#define GITS_BASER_RO_MASK      (GITS_BASER_TYPE_MASK | GITS_BASER_ESIZE_MASK)
#define GITS_L1_VALID           (UINT64_C(1) << 63)          /* two-level: level 1 entry */
#define GITS_L1_PA_MASK         UINT64_C(0x000FFFFFFFFFF000)
#define GITS_TABLE_ENTRY_SIZE   8       /* device and collection table entries */

/* Command numbers (DW0 [7:0]); DW0 [63:32] is the DeviceID. */
#define GITS_CMD_MOVI           0x01
#define GITS_CMD_INT            0x03
#define GITS_CMD_CLEAR          0x04
#define GITS_CMD_SYNC           0x05
#define GITS_CMD_MAPD           0x08
#define GITS_CMD_MAPC           0x09
#define GITS_CMD_MAPTI          0x0A
#define GITS_CMD_MAPI           0x0B
#define GITS_CMD_INV            0x0C
#define GITS_CMD_INVALL         0x0D
#define GITS_CMD_MOVALL         0x0E
#define GITS_CMD_DISCARD        0x0F
#define GITS_CMD_NUM_MASK       0xFFu
#define GITS_CMD_DEVID_SHIFT    32
#define GITS_CMD_VALID          (UINT64_C(1) << 63)          /* MAPD, MAPC: DW2 [63] */
#define GITS_CMD_SIZE_MASK      0x1Fu                        /* MAPD: DW1 [4:0] */
#define GITS_CMD_ITT_MASK       UINT64_C(0x000FFFFFFFFFFF00) /* MAPD: DW2 [51:8] */
#define GITS_CMD_ICID_MASK      0xFFFFu                      /* DW2 [15:0] */
#define GITS_CMD_RDBASE_SHIFT   16                           /* DW2/DW3 [51:16] */
#define GITS_CMD_RDBASE_MASK    UINT64_C(0xFFFFFFFFF)
#define GITS_CMD_PINTID_SHIFT   32                           /* MAPTI: DW1 [63:32] */

/* LPI configuration table byte; GICR_PROPBASER / GICR_PENDBASER fields. */
#define LPI_CFG_ENABLE          1u
#define LPI_CFG_PRIO_MASK       0xFCu
#define GICR_PROPBASER_IDBITS_MASK UINT64_C(0x1F)            /* ID bits - 1 [4:0] */
#define GICR_PROPBASER_PA_MASK  UINT64_C(0x000FFFFFFFFFF000) /* [51:12] */

#endif
