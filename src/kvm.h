/*
 * The KVM_SET_DEVICE_ATTR sequence a VMM issues for a VGIC, and KVM's rules
 * for it (Linux Documentation/virt/kvm/devices/arm-vgic-v3.rst and
 * arm-vgic-its.rst): on a KVM_DEV_TYPE_ARM_VGIC_V3 device DIST, then REDIST
 * (one region) or REDIST_REGION descriptors, then on the ITS device its
 * address, then NR_IRQS and CTRL_INIT.
 */
#ifndef GP_KVM_H
#define GP_KVM_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "error.h"
#include "vgic.h"

/* Device types (KVM_CREATE_DEVICE). */
#define KVM_DEV_TYPE_ARM_VGIC_V3 7
#define KVM_DEV_TYPE_ARM_VGIC_ITS 8

/* Attribute groups. */
#define KVM_DEV_ARM_VGIC_GRP_ADDR 0
#define KVM_DEV_ARM_VGIC_GRP_NR_IRQS 3
#define KVM_DEV_ARM_VGIC_GRP_CTRL 4

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
/* The kernel keeps a region's index in a u8: 256 regions at most. */
#define KVM_VGIC_RDIST_INDEX_KEPT 256u

/* NR_IRQS: the INTIDs, private ones included. */
#define KVM_VGIC_NR_IRQS_MIN 64u
#define KVM_VGIC_NR_IRQS_MAX 992u
#define KVM_VGIC_NR_IRQS_STEP 32u

/* KVM_MAX_VCPUS on arm64 today (older kernels: 255). */
#define KVM_ARM64_MAX_VCPUS 512u

struct gp_kvm_attr {
	uint32_t device;      /* KVM_DEV_TYPE_ARM_VGIC_V3 or _ITS */
	uint32_t group;
	uint64_t attr;
	bool has_value;       /* attr.addr points at a u64 with this value */
	uint64_t value;
	char what[96];        /* decoded, for people */
};

struct gp_kvm_list {
	size_t n;
	struct gp_kvm_attr *attrs;
};

/* The attribute sequence of @v. Errors (exit 2): out of memory. */
int gp_kvm_attrs(const struct gp_vgic *v, struct gp_kvm_list *out, struct gp_error *err);

/* The attribute sequence of @plan's VGIC. Errors (exit 2): out of memory. */
int gp_kvm_attrs_of_plan(const struct gp_plan *plan, struct gp_kvm_list *out,
			 struct gp_error *err);

void gp_kvm_free(struct gp_kvm_list *l);

/* A REDIST_REGION descriptor and back. */
uint64_t gp_kvm_redist_region(uint64_t base, uint32_t count, uint32_t flags, uint32_t index);
void gp_kvm_redist_region_decode(uint64_t value, uint64_t *base, uint32_t *count,
				 uint32_t *flags, uint32_t *index);

/*
 * Check @l against KVM's rules for an IPA of @ipa_bits: bases 64 KiB aligned,
 * no overlap between the distributor, the regions and the ITS, every end
 * inside the IPA, region indices 0, 1, 2... and below 256, counts 1..4095,
 * NR_IRQS 64..992 in steps of 32. The first violation goes to @error (empty
 * when none); @warning gets what KVM takes but should worry a user (more
 * vCPUs than KVM_MAX_VCPUS). Returns true when KVM accepts the list.
 */
bool gp_kvm_check(const struct gp_kvm_list *l, uint64_t nr_cpus, unsigned ipa_bits,
		  char *error, size_t ecap, char *warning, size_t wcap);

/* The list as JSON: [{device, group, attr, value, what}] with numbers as "0x..." strings. */
json_t *gp_kvm_json(const struct gp_kvm_list *l);

/* The list for people, one attribute a line. */
void gp_kvm_text(FILE *out, const struct gp_kvm_list *l);

#endif
