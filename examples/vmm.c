/* SPDX-License-Identifier: MIT */
/*
 * What a VMM does with libgicplan at VM creation: plan the GIC for N vCPUs on
 * its platform, set the VGIC up with KVM_SET_DEVICE_ATTR in the order given,
 * write the device tree, and prove it.
 *
 *   cc vmm.c $(pkg-config --cflags --libs gicplan) -o vmm
 *   ./vmm PLATFORM CPUS OUT.dtb        (PLATFORM: "virt", "firecracker", a .json path)
 *
 * Where /dev/kvm exists on an arm64 host, the VGIC is created and set;
 * elsewhere it says so and goes on. Exit 0 when all went well, 1 when not.
 */
#define _POSIX_C_SOURCE 200809L /* open's O_CLOEXEC */

#include <gicplan.h>

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__aarch64__) && defined(__linux__)
#include <fcntl.h>
#include <linux/kvm.h>
#include <sys/ioctl.h>
#include <unistd.h>

/* Create the VGIC (and its ITS devices) on a new VM and issue @attrs in order. */
static int kvm_setup(const struct gicplan_plan_info *info, const struct gicplan_kvm_attr *attrs,
		     size_t n)
{
	int kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	int vm, vgic, its[8];
	size_t nr_its = 0;

	if (kvm < 0) {
		printf("no /dev/kvm (%s): the VGIC is not created here\n", strerror(errno));
		return 0;
	}
	/* An IPA above KVM's default 40 bits is asked for when the VM is made. */
	vm = ioctl(kvm, KVM_CREATE_VM, info->ipa_bits > 40 ? KVM_VM_TYPE_ARM_IPA_SIZE(info->ipa_bits) : 0);
	if (vm < 0) {
		fprintf(stderr, "vmm: KVM_CREATE_VM: %s\n", strerror(errno));
		return -1;
	}
	/* The vCPUs come before the VGIC's CTRL_INIT, which sizes its state by them. */
	for (uint64_t c = 0; c < info->max_cpus; c++) {
		if (ioctl(vm, KVM_CREATE_VCPU, (unsigned long)c) < 0) {
			fprintf(stderr, "vmm: KVM_CREATE_VCPU %" PRIu64 ": %s\n", c, strerror(errno));
			return -1;
		}
	}
	struct kvm_create_device cd = { .type = GICPLAN_KVM_DEV_TYPE_ARM_VGIC_V3 };
	if (ioctl(vm, KVM_CREATE_DEVICE, &cd) < 0) {
		fprintf(stderr, "vmm: KVM_CREATE_DEVICE (VGIC v3): %s\n", strerror(errno));
		return -1;
	}
	vgic = (int)cd.fd;
	for (size_t i = 0; i < n; i++) {
		const struct gicplan_kvm_attr *a = &attrs[i];
		uint32_t v32 = (uint32_t)a->value;
		uint64_t v64 = a->value;
		/* Addresses are u64, NR_IRQS and MAINT_IRQ u32. */
		int is_addr = a->group == GICPLAN_KVM_DEV_ARM_VGIC_GRP_ADDR;
		struct kvm_device_attr ka = {
			.group = a->group,
			.attr = a->attr,
			.addr = a->has_value ? (uint64_t)(uintptr_t)(is_addr ? (void *)&v64 : (void *)&v32) : 0,
		};
		int fd = vgic;

		if (a->device == GICPLAN_KVM_DEV_TYPE_ARM_VGIC_ITS) {
			while (a->instance >= nr_its && nr_its < sizeof(its) / sizeof(its[0])) {
				struct kvm_create_device icd = { .type = GICPLAN_KVM_DEV_TYPE_ARM_VGIC_ITS };

				if (ioctl(vm, KVM_CREATE_DEVICE, &icd) < 0) {
					fprintf(stderr, "vmm: KVM_CREATE_DEVICE (ITS): %s\n", strerror(errno));
					return -1;
				}
				its[nr_its++] = (int)icd.fd;
			}
			fd = its[a->instance];
		}
		if (ioctl(fd, KVM_SET_DEVICE_ATTR, &ka) < 0) {
			fprintf(stderr, "vmm: KVM_SET_DEVICE_ATTR %s: %s\n", a->what, strerror(errno));
			return -1;
		}
	}
	/* The VM, its vCPUs and devices stay open: a VMM keeps them for the VM's life. */
	printf("KVM: VGIC created and set (%zu attributes)\n", n);
	return 0;
}
#else
static int kvm_setup(const struct gicplan_plan_info *info, const struct gicplan_kvm_attr *attrs,
		     size_t n)
{
	(void)info;
	(void)attrs;
	(void)n;
	printf("not an arm64 Linux host: the VGIC is not created here\n");
	return 0;
}
#endif

static int fail(const char *what, const struct gicplan_error *err)
{
	fprintf(stderr, "vmm: %s: %s (%s)\n", what, err->message, gicplan_strerror(err->code));
	return 1;
}

int main(int argc, char **argv)
{
	struct gicplan_error err;
	struct gicplan_platform *platform = NULL;
	struct gicplan_plan *plan = NULL;
	struct gicplan_input *in = NULL;
	struct gicplan_report *report = NULL;
	struct gicplan_request req;
	struct gicplan_plan_info info;
	struct gicplan_kvm_attr *attrs = NULL;
	size_t n = 0;
	int rc = 1;

	if (argc != 4) {
		fprintf(stderr, "usage: vmm PLATFORM CPUS OUT.dtb\n");
		return 2;
	}
	printf("libgicplan %s\n", gicplan_version());
	if (gicplan_platform_load(argv[1], &platform, &err) < 0)
		return fail("platform", &err);

	gicplan_request_init(&req); /* everything else: the platform's defaults */
	req.max_cpus = strtoull(argv[2], NULL, 0);
	if (gicplan_plan_make(platform, &req, &plan, &err) < 0) {
		fail("plan", &err);
		goto out;
	}
	gicplan_plan_info(plan, &info, NULL);
	printf("%s: %" PRIu64 " vCPUs, GICv%u, placement %s, distributor 0x%" PRIx64 "\n",
	       info.platform, info.max_cpus, info.gic_version, info.tier, info.gicd_base);
	for (uint64_t c = 0; c < info.max_cpus && c < 4; c++) {
		struct gicplan_vcpu v;

		gicplan_plan_vcpu(plan, c, &v, NULL);
		printf("  vCPU %" PRIu64 ": MPIDR 0x%" PRIx64 ", redistributor 0x%" PRIx64 "\n", c,
		       v.mpidr, v.redist_base);
	}

	/* The attribute list: ask its length, then fill it. */
	if (gicplan_plan_kvm_attrs(plan, NULL, 0, &n, &err) != GICPLAN_E_RANGE ||
	    (attrs = calloc(n, sizeof(*attrs))) == NULL ||
	    gicplan_plan_kvm_attrs(plan, attrs, n, &n, &err) < 0) {
		fail("KVM attributes", &err);
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		printf("  %s group %u attr 0x%" PRIx64 " value 0x%" PRIx64 "  %s\n",
		       attrs[i].device == GICPLAN_KVM_DEV_TYPE_ARM_VGIC_ITS ? "ITS " : "VGIC",
		       attrs[i].group, attrs[i].attr, attrs[i].value, attrs[i].what);
	if (kvm_setup(&info, attrs, n) < 0)
		goto out;

	/* The proof of the tree the guest will read, then the tree itself. */
	if (gicplan_input_from_plan(plan, &in, &err) < 0 ||
	    gicplan_verify(in, NULL, &report, &err) < 0) {
		fail("verify", &err);
		goto out;
	}
	printf("verify: passed (%zu checks run)\n", gicplan_report_checks(report));
	if (gicplan_plan_write_dtb(plan, argv[3], &err) < 0) {
		fail("device tree", &err);
		goto out;
	}
	printf("wrote %s\n", argv[3]);
	rc = 0;
out:
	free(attrs);
	gicplan_report_free(report);
	gicplan_input_free(in);
	gicplan_plan_free(plan);
	gicplan_platform_free(platform);
	return rc;
}
