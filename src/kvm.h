/* SPDX-License-Identifier: MIT */
/*
 * The KVM_SET_DEVICE_ATTR sequence a VMM issues for a VGIC, and KVM's rules
 * for it (Linux Documentation/virt/kvm/devices/arm-vgic-v3.rst and
 * arm-vgic-its.rst): on a KVM_DEV_TYPE_ARM_VGIC_V3 device DIST, then REDIST
 * (one region) or REDIST_REGION descriptors, then on each ITS device its
 * address, then NR_IRQS, MAINT_IRQ (a guest with EL2) and CTRL_INIT.
 */
#ifndef GP_KVM_H
#define GP_KVM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "vgic.h"

/*
 * The values and rules below were read in Linux; each rule names the function
 * that applies it. Where no file is named it is torvalds/linux:
 *   arch/arm64/kvm/vgic/vgic-kvm-device.c @ 0ea5c948cb64bab5bc7a5516774eb8536f05aa0d
 *     (kvm_vgic_addr, vgic_check_iorange, vgic_set_common_attr)
 *   arch/arm64/kvm/vgic/vgic-mmio-v3.c @ 02e3858f08faabab9503ae2911cf7c7e27702257
 *     (vgic_v3_alloc_redist_region, vgic_register_redist_iodev)
 *   arch/arm64/kvm/vgic/vgic-init.c @ 037dd1308c6dfa64edd2dfcd1b8177a3f484a124
 *     (kvm_vgic_create)
 *   arch/arm64/kvm/arm.c @ 004a01241c5a0d375266ebf1c72f208de99294e9
 *     (kvm_arch_vcpu_precreate)
 * The maintenance interrupt group is newer than those: read in lougovsk/linux
 * (a Linux tree with it) arch/arm64/kvm/vgic/vgic-kvm-device.c @
 * 09cdde220e71d014f78fa180979739bdcb3c1e27 (vgic_v3_set_attr) and
 * include/kvm/arm_vgic.h @ 047f1522041e1195d92dab50a78d3bba3b18cab5
 * (VGIC_V3_MAX_CPUS 512, VGIC_MAX_RESERVED 1023, irq_is_ppi).
 */

/* Device types (KVM_CREATE_DEVICE). */
#define KVM_DEV_TYPE_ARM_VGIC_V3 7
#define KVM_DEV_TYPE_ARM_VGIC_ITS 8

/* Attribute groups (arch/arm64/include/uapi/asm/kvm.h). */
#define KVM_DEV_ARM_VGIC_GRP_ADDR 0
#define KVM_DEV_ARM_VGIC_GRP_NR_IRQS 3
#define KVM_DEV_ARM_VGIC_GRP_CTRL 4
#define KVM_DEV_ARM_VGIC_GRP_MAINT_IRQ 9   /* nested virtualization: the guest's EL2 */

/* KVM_DEV_ARM_VGIC_GRP_ADDR attributes. */
#define KVM_VGIC_V3_ADDR_TYPE_DIST 2
#define KVM_VGIC_V3_ADDR_TYPE_REDIST 3
#define KVM_VGIC_ITS_ADDR_TYPE 4
#define KVM_VGIC_V3_ADDR_TYPE_REDIST_REGION 5

/* KVM_DEV_ARM_VGIC_GRP_CTRL attributes. */
#define KVM_DEV_ARM_VGIC_CTRL_INIT 0

/* REDIST_REGION descriptor: count [63:52] | base [51:16] | flags [15:12] | index [11:0]. */
#define KVM_VGIC_V3_RDIST_COUNT_SHIFT 52
#define KVM_VGIC_V3_RDIST_COUNT_MAX 0xfffu
#define KVM_VGIC_V3_RDIST_BASE_MASK UINT64_C(0x000fffffffff0000)
#define KVM_VGIC_V3_RDIST_FLAGS_SHIFT 12
#define KVM_VGIC_V3_RDIST_FLAGS_MASK 0xfu
#define KVM_VGIC_V3_RDIST_INDEX_MASK 0xfffu
/* kvm_vgic_addr reads the index into a u8: 256 regions at most. */
#define KVM_VGIC_RDIST_INDEX_KEPT 256u

/* KVM_VGIC_V3_REDIST_SIZE: KVM lays redistributors out 128 KiB apart, GICv3 frames. */
#define KVM_VGIC_V3_REDIST_FRAMES 2u

/* INTIDs (include/kvm/arm_vgic.h). */
#define KVM_VGIC_NR_SGIS 16u             /* VGIC_NR_SGIS: the first PPI */
#define KVM_VGIC_NR_PRIVATE_IRQS 32u     /* VGIC_NR_PRIVATE_IRQS: the first SPI */
#define KVM_VGIC_MAX_RESERVED 1023u      /* VGIC_MAX_RESERVED */

/* NR_IRQS (vgic_set_common_attr): 32 SPIs at least, at most VGIC_MAX_RESERVED, multiple of 32. */
#define KVM_VGIC_NR_IRQS_MIN (KVM_VGIC_NR_PRIVATE_IRQS + 32u)
#define KVM_VGIC_NR_IRQS_STEP 32u
#define KVM_VGIC_NR_IRQS_MAX (KVM_VGIC_MAX_RESERVED / KVM_VGIC_NR_IRQS_STEP * KVM_VGIC_NR_IRQS_STEP)

/* VGIC_V3_MAX_CPUS: kvm->max_vcpus of a VM with a KVM_DEV_TYPE_ARM_VGIC_V3 device. */
#define KVM_ARM64_MAX_VCPUS 512u

struct gp_kvm_attr {
	uint32_t device;      /* KVM_DEV_TYPE_ARM_VGIC_V3 or _ITS */
	uint32_t group;
	uint64_t attr;
	bool has_value;       /* attr.addr points at this value (u32 for NR_IRQS, MAINT_IRQ) */
	uint64_t value;       /* none: no encoding holds what the VMM wants, @what says why */
	char what[96];        /* decoded, for people */
	uint32_t instance;    /* which ITS device (0, 1...); 0 on the VGIC */
};

struct gp_kvm_list {
	size_t n;
	struct gp_kvm_attr *attrs;
};

/*
 * The attribute sequence of @v: on the KVM_DEV_TYPE_ARM_VGIC_V3 device DIST,
 * REDIST (one region) or a REDIST_REGION per region, then on each ITS device
 * its address; NR_IRQS; MAINT_IRQ when the guest has EL2; CTRL_INIT on the
 * VGIC, then on each ITS. Errors (exit 2): out of memory.
 */
int gp_kvm_attrs(const struct gp_vgic *v, struct gp_kvm_list *out, struct gp_error *err);

/* The attribute sequence of @plan's VGIC. Errors (exit 2): out of memory. */
int gp_kvm_attrs_of_plan(const struct gp_plan *plan, struct gp_kvm_list *out,
			 struct gp_error *err);

void gp_kvm_free(struct gp_kvm_list *l);

/*
 * A REDIST_REGION descriptor of @count redistributors at @base, region @index,
 * flags 0 (KVM defines none). False, and no descriptor, when the fields cannot
 * hold them: @base not 64 KiB aligned or above bit 51, @count or @index above
 * 4095. Never a masked or truncated value KVM would take for another region.
 */
bool gp_kvm_redist_region(uint64_t base, uint32_t count, uint32_t index, uint64_t *value);

/* A descriptor's fields, split as kvm_vgic_addr splits them (index before its u8 cast). */
void gp_kvm_redist_region_decode(uint64_t value, uint64_t *base, uint32_t *count,
				 uint32_t *flags, uint32_t *index);

/* What the list is for. */
struct gp_kvm_target {
	uint64_t nr_cpus;
	unsigned gic_version;   /* the GIC the guest is to see: 3 or 4 */
	unsigned ipa_bits;
	/*
	 * The plan is for KVM (--profile kvm): what KVM's VGIC cannot give (more
	 * than 512 vCPUs, a GICv4, more than 960 SPIs) fails. Otherwise it warns:
	 * a VMM with its own GIC (QEMU with TCG) can give it, KVM cannot.
	 */
	bool kvm_profile;
	/* The tree's redistributor-stride, 0 without one. */
	uint64_t redist_stride;
};

/*
 * Check @l as KVM applies it, decoding each attribute as KVM does: bases 64
 * KiB aligned and inside the IPA, no overlap, REDIST_REGION flags 0, count
 * 1..4095, indices 0, 1, 2... below 256, NR_IRQS 64..1023 in multiples of 32
 * and set once before CTRL_INIT, MAINT_IRQ a PPI (INTID 16..31) before
 * CTRL_INIT; then KVM's limits for @t. The first violation goes to @error
 * (empty when none); @warning gets a limit that only warns for @t. Returns
 * true when @error is empty.
 */
bool gp_kvm_check(const struct gp_kvm_list *l, const struct gp_kvm_target *t, char *error,
		  size_t ecap, char *warning, size_t wcap);

/*
 * KVM's names, as its uapi header spells them: of device type @device
 * ("KVM_DEV_TYPE_ARM_VGIC_V3"), of attribute group @group
 * ("KVM_DEV_ARM_VGIC_GRP_ADDR", "unknown"), and of attribute @attr in it
 * ("KVM_VGIC_V3_ADDR_TYPE_DIST"; "0" in a group whose attributes are unnamed).
 */
const char *gp_kvm_device_name(uint32_t device);
const char *gp_kvm_group_name(uint32_t group);
const char *gp_kvm_attr_name(uint32_t device, uint32_t group, uint64_t attr);

#endif
