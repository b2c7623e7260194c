/* SPDX-License-Identifier: MIT */
#include "walls.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "kvm.h"
#include "units.h"

const char *const gp_wall_owner_names[GP_WALL_OWNERS] = {
	[GP_WALL_ARCH] = "architecture", [GP_WALL_KVM] = "kvm",   [GP_WALL_LINUX] = "linux",
	[GP_WALL_QEMU] = "qemu",         [GP_WALL_VMM] = "vmm",   [GP_WALL_PLATFORM] = "platform",
};

/*
 * The values below were read where each wall's source says (docs/vmm-maps.md
 * cites the same files for the maps). Commits are the first 12 hex digits of
 * the stored version read; where that version is not the one a fact is about,
 * the wall's text says so.
 */

/* include/linux/kvm_host.h: devices one KVM I/O bus holds (ioeventfds aside). */
#define KVM_NR_IOBUS_DEVS 1000u
/* Devices on KVM_MMIO_BUS besides the redistributors: the distributor's. */
#define KVM_VGIC_DIST_IODEVS 1u

/* arch/arm64/include/uapi/asm/kvm.h: KVM_IRQ_LINE's vCPU index fields. */
#define KVM_ARM_IRQ_VCPU_BITS 8u   /* KVM_ARM_IRQ_VCPU_MASK 0xff */
#define KVM_ARM_IRQ_VCPU2_BITS 4u  /* KVM_ARM_IRQ_VCPU2_MASK 0xf (KVM_CAP_ARM_IRQ_LINE_LAYOUT_2) */

/* arch/arm64/kvm/sys_regs.c reset_mpidr: Aff0 = id[3:0], Aff1 = id[11:4], Aff2 = id[19:12]. */
#define KVM_MPIDR_AFF0_PER_GROUP 16u
#define KVM_MPIDR_ID_BITS 20u

/* ICC_SGI1R_EL1.TargetList [15:0]: the Aff0 values one SGI write reaches without RSS. */
#define GIC_SGI_TARGETLIST_BITS 16u
/* GICR_TYPER.Processor_Number [23:8]: what an ITS collection targets with GITS_TYPER.PTA 0. */
#define GIC_PROCESSOR_NUMBER_BITS 16u
/* GICD_TYPER.CPUNumber [7:5]: PEs a GIC without affinity routing (ARE 0) serves. */
#define GIC_CPUNUMBER_PES 8u

/* Debian's linux-image-6.1.0-57-arm64 (6.1.192-3), /boot/config-6.1.0-57-arm64. */
#define DEBIAN_61_ARM64_NR_CPUS 256u

/* QEMU's DSDT names vCPU i "C%.03X": three hex digits name 4096. */
#define QEMU_DSDT_CPU_NAMES 4096u
/* QEMU warns when its ACPI tables exceed ACPI_BUILD_TABLE_SIZE / 2 (0x20000 / 2). */
#define QEMU_ACPI_WARN_BYTES (64 * GP_KiB)
/*
 * The least vCPU count at which qemu-system-aarch64 7.2.22 -M virt,gic-version=3
 * -nodefaults prints that warning (458: quiet; 459: 65603 bytes). Measured:
 * the tables grow by about 130 bytes a vCPU.
 */
#define QEMU_72_ACPI_WARN_CPUS 459u

/* krun_set_vm_config's num_vcpus is a u8. */
#define LIBKRUN_MAX_VCPUS 255u

#define PLATFORM_QEMU "qemu-virt"
#define PLATFORM_LIBKRUN "libkrun"
#define PLATFORM_CROSVM "crosvm"

#define ARM_SPEC "Arm IHI 0069 (GICv3/v4 architecture)"

/* Each bundled platform's VMM: its name, its own vCPU cap and where that was read. */
static const struct vmm_cap {
	const char *platform;
	const char *vmm;
	const char *what;          /* what its cap is, or that it has none of its own */
	struct gp_wall_source source;
} vmm_caps[] = {
	{ "firecracker", "Firecracker",
	  "MAX_SUPPORTED_VCPUS: u8 = 32, checked when the machine is configured (vcpu_count "
	  "is a u8)",
	  { "firecracker-microvm/firecracker", "src/vmm/src/vmm_config/machine_config.rs",
	    "MAX_SUPPORTED_VCPUS", "029ce743fcba" } },
	{ "cloud-hypervisor", "cloud-hypervisor",
	  "max_vcpus above the hypervisor's maximum (KVM_CAP_MAX_VCPUS: 512) is refused; 255 "
	  "while the vCPU counts were u8 (issue #5345, before PR #5357)",
	  { "cloud-hypervisor/cloud-hypervisor", "vmm/src/cpu.rs",
	    "CpuManager::new (MaximumVcpusExceeded)", "0039f452765b" } },
	{ PLATFORM_QEMU, "QEMU",
	  "mc->max_cpus = 512 for virt (255 for virt-2.12 and older); GICv4 stops at 317 "
	  "first: its windows (redist-capacity)",
	  { "canonical/qemu (an 8.2-era tree; 7.2.22 binary agrees)", "hw/arm/virt.c",
	    "virt_machine_class_init", "7d187b01945d" } },
	{ "kvmtool", "kvmtool",
	  "none of its own: kvm_cpu__init silently clamps the count to KVM_CAP_MAX_VCPUS",
	  { "kvmtool/kvmtool", "kvm-cpu.c", "kvm_cpu__init", "0161ed77586b" } },
	{ PLATFORM_CROSVM, "crosvm", "none of its own seen: KVM's (kvm-max-vcpus)",
	  { "google/crosvm", "devices/src/irqchip/kvm/aarch64.rs", "KvmKernelIrqChip::new",
	    "03b88b64c396" } },
};

static const struct vmm_cap *vmm_of(const struct gp_platform *p)
{
	for (size_t i = 0; i < sizeof(vmm_caps) / sizeof(vmm_caps[0]); i++)
		if (strcmp(p->name, vmm_caps[i].platform) == 0)
			return &vmm_caps[i];
	return NULL;
}

static bool is_platform(const struct gp_platform *p, const char *name)
{
	return strcmp(p->name, name) == 0;
}

/* Mark @w met at @cpus vCPUs. */
static void met_at(struct gp_wall *w, uint64_t cpus)
{
	w->applies = true;
	w->met = true;
	w->met_at = cpus;
}

/* The layout file of @p as @w's source: @symbol in it, at the platform's version. */
static void layout_source(struct gp_wall *w, const struct gp_platform *p, const char *symbol)
{
	snprintf(w->source_commit, sizeof(w->source_commit), "version %" PRIu32, p->version);
	w->source = (struct gp_wall_source){ "gicplan (the platform's layout file)", p->source,
					     symbol, NULL };
	w->source_is_layout = true;
}

/* The walls' own data and how each is met; a wall fills value, note and met_at. */
struct wall_def {
	const char *name;
	const char *what;
	enum gp_wall_owner owner;
	struct gp_wall_source source;
	void (*eval)(const struct gp_platform *p, const struct gp_limits_target *t,
		     struct gp_wall *w);
};

static void eval_vmm_cap(const struct gp_platform *p, const struct gp_limits_target *t,
			 struct gp_wall *w)
{
	const struct vmm_cap *v = vmm_of(p);

	(void)t;
	layout_source(w, p, "max_cpus");
	snprintf(w->note, sizeof(w->note), "the layout file's max_cpus");
	if (v != NULL) {
		w->vmm = v->vmm;
		w->source = v->source;
		w->source_is_layout = false;
		snprintf(w->note, sizeof(w->note), "%s", v->what);
	}
	if (p->max_cpus != 0) {
		snprintf(w->value, sizeof(w->value), "%" PRIu64 " vCPUs", p->max_cpus);
		met_at(w, p->max_cpus + 1);
		return;
	}
	snprintf(w->value, sizeof(w->value), "none");
	w->applies = v != NULL;
	if (v == NULL)
		snprintf(w->note, sizeof(w->note), "no VMM of its own named: the layout sets no "
			 "max_cpus");
}

static void eval_libkrun(const struct gp_platform *p, const struct gp_limits_target *t,
			 struct gp_wall *w)
{
	(void)t;
	w->vmm = "libkrun";
	snprintf(w->value, sizeof(w->value), "%u vCPUs", LIBKRUN_MAX_VCPUS);
	if (is_platform(p, PLATFORM_LIBKRUN))
		met_at(w, LIBKRUN_MAX_VCPUS + 1);
	else
		snprintf(w->note, sizeof(w->note), "only libkrun's");
}

static void eval_kvm_max(const struct gp_platform *p, const struct gp_limits_target *t,
			 struct gp_wall *w)
{
	(void)p;
	(void)t;
	snprintf(w->value, sizeof(w->value), "%u vCPUs", KVM_ARM64_MAX_VCPUS);
	met_at(w, KVM_ARM64_MAX_VCPUS + 1);
	snprintf(w->note, sizeof(w->note), "kvm_vgic_create sets kvm->max_vcpus to it; `gicplan "
		 "--profile kvm` fails kvm-attrs above it (QEMU with TCG has no such wall)");
}

static void eval_io_bus(const struct gp_platform *p, const struct gp_limits_target *t,
			struct gp_wall *w)
{
	uint32_t others = KVM_VGIC_DIST_IODEVS + (t->its ? 1u : 0u);

	(void)p;
	snprintf(w->value, sizeof(w->value), "%u devices", KVM_NR_IOBUS_DEVS);
	met_at(w, KVM_NR_IOBUS_DEVS - others + 1);
	snprintf(w->note, sizeof(w->note), "one device per redistributor, plus the distributor's%s"
		 " (and any coalesced-MMIO zone the VMM adds); kvm-max-vcpus comes first",
		 t->its ? " and the ITS's" : "");
}

static void eval_irq_line(const struct gp_platform *p, const struct gp_limits_target *t,
			  struct gp_wall *w)
{
	uint32_t layout2 = 1u << (KVM_ARM_IRQ_VCPU_BITS + KVM_ARM_IRQ_VCPU2_BITS);

	(void)t;
	snprintf(w->value, sizeof(w->value), "%u vCPUs (%u without LAYOUT_2)", layout2,
		 1u << KVM_ARM_IRQ_VCPU_BITS);
	met_at(w, layout2 + 1u);
	snprintf(w->note, sizeof(w->note), "on a host without KVM_CAP_ARM_IRQ_LINE_LAYOUT_2 at %u%s",
		 (1u << KVM_ARM_IRQ_VCPU_BITS) + 1u,
		 is_platform(p, PLATFORM_QEMU) ? ": QEMU's kvm_arch_init refuses more than 256 vCPUs"
					       : "");
}

static void eval_kvm_mpidr(const struct gp_platform *p, const struct gp_limits_target *t,
			   struct gp_wall *w)
{
	(void)p;
	(void)t;
	snprintf(w->value, sizeof(w->value), "%u vCPUs", 1u << KVM_MPIDR_ID_BITS);
	met_at(w, (UINT64_C(1) << KVM_MPIDR_ID_BITS) + 1);
	snprintf(w->note, sizeof(w->note), "Aff0 groups of %u, Aff1 and Aff2 from the vCPU id; "
		 "kvm-max-vcpus comes first", KVM_MPIDR_AFF0_PER_GROUP);
}

static void eval_sgi(const struct gp_platform *p, const struct gp_limits_target *t,
		     struct gp_wall *w)
{
	(void)t;
	snprintf(w->value, sizeof(w->value), "Aff0 0..%u", GIC_SGI_TARGETLIST_BITS - 1);
	w->applies = true;
	if (p->board.aff0_per_group > GIC_SGI_TARGETLIST_BITS) {
		met_at(w, GIC_SGI_TARGETLIST_BITS + 1);
		snprintf(w->note, sizeof(w->note), "Aff0 groups of %" PRIu32 ": the vCPU with Aff0 %u "
			 "gets no SGI from a GIC without RSS (KVM's, QEMU's)",
			 p->board.aff0_per_group, GIC_SGI_TARGETLIST_BITS);
	} else {
		snprintf(w->note, sizeof(w->note), "never: Aff0 groups of %" PRIu32 " keep every vCPU "
			 "in a TargetList", p->board.aff0_per_group);
	}
}

static void eval_mpidr(const struct gp_platform *p, const struct gp_limits_target *t,
		       struct gp_wall *w)
{
	uint64_t n = gp_mpidr_capacity(&p->board);

	(void)t;
	snprintf(w->value, sizeof(w->value), "%" PRIu64 " MPIDRs", n);
	met_at(w, n + 1);
	snprintf(w->note, sizeof(w->note), "Aff0 groups of %" PRIu32 ", three 8-bit levels above "
		 "(KVM's GICR_TYPER and IROUTER keep no Aff3)", p->board.aff0_per_group);
}

static void eval_its(const struct gp_platform *p, const struct gp_limits_target *t,
		     struct gp_wall *w)
{
	(void)p;
	snprintf(w->value, sizeof(w->value), "%u vCPUs", 1u << GIC_PROCESSOR_NUMBER_BITS);
	if (!t->its) {
		snprintf(w->note, sizeof(w->note), "no ITS");
		return;
	}
	met_at(w, (UINT64_C(1) << GIC_PROCESSOR_NUMBER_BITS) + 1);
	snprintf(w->note, sizeof(w->note), "a collection's target is a %u-bit processor number "
		 "(KVM's ITS has PTA 0)", GIC_PROCESSOR_NUMBER_BITS);
}

static void eval_cpunumber(const struct gp_platform *p, const struct gp_limits_target *t,
			   struct gp_wall *w)
{
	(void)p;
	(void)t;
	snprintf(w->value, sizeof(w->value), "%u PEs", GIC_CPUNUMBER_PES);
	snprintf(w->note, sizeof(w->note), "only without affinity routing (ARE 0): every GIC "
		 "gicplan plans routes by affinity");
}

static void eval_capacity(const struct gp_platform *p, const struct gp_limits_target *t,
			  struct gp_wall *w)
{
	struct gp_fit fit = { gp_redist_size(t->gic_version), t->ipa_bits, t->its };
	const struct gp_placement *best = NULL;
	uint64_t cap = 0;
	char size[32];

	for (uint32_t i = 0; i < p->nr_placements; i++) {
		uint64_t c = gp_placement_capacity(&p->placements[i], &fit);

		if (best == NULL || c > cap) {
			cap = c;
			best = &p->placements[i];
		}
	}
	snprintf(w->value, sizeof(w->value), "%" PRIu64 " redistributors", cap);
	layout_source(w, p, "placements");
	if (best == NULL || cap == UINT64_MAX)
		return;
	met_at(w, cap + 1);
	if (cap == 0) {
		/* Not one: what keeps the first placement out of this IPA (the planner's words). */
		int len = snprintf(w->note, sizeof(w->note),
				   "no placement holds one in a %u-bit IPA%s; %s: ", t->ipa_bits,
				   t->its ? " with an ITS" : "", best->name);

		if (len > 0 && (size_t)len < sizeof(w->note))
			gp_placement_limit(best, &fit, w->note + len, sizeof(w->note) - (size_t)len);
		return;
	}
	snprintf(w->note, sizeof(w->note), "placement %s holds the most: %s redistributors (GICv%u) "
		 "in a %u-bit IPA%s", best->name, gp_size_str(size, sizeof(size),
							     fit.redist_size),
		 t->gic_version, t->ipa_bits, t->its ? ", with an ITS" : "");
}

static void eval_spis(const struct gp_platform *p, const struct gp_limits_target *t,
		      struct gp_wall *w)
{
	uint32_t used = 0, top = 0;

	(void)t;
	for (uint32_t i = 0; i < p->board.nr_devices; i++) {
		const struct gp_device *d = &p->board.devices[i];
		uint32_t n = gp_device_spi_count(d);

		if (!d->has_spi)
			continue;
		used += n;
		if (d->spi + n > top)
			top = d->spi + n;
	}
	snprintf(w->value, sizeof(w->value), "%" PRIu32 " of %" PRIu32 " SPIs", used, p->spis);
	w->applies = true;
	snprintf(w->note, sizeof(w->note), "never with more vCPUs: the devices use SPIs up to %"
		 PRIu32 "; KVM gives %u SPIs at most", top == 0 ? 0 : top - 1, GP_SPIS_PLAN_MAX);
	layout_source(w, p, "devices[].spi, gic.spis");
}

static void eval_guest_nr_cpus(const struct gp_platform *p, const struct gp_limits_target *t,
			       struct gp_wall *w)
{
	(void)p;
	(void)t;
	snprintf(w->value, sizeof(w->value), "%u CPUs", DEBIAN_61_ARM64_NR_CPUS);
	met_at(w, DEBIAN_61_ARM64_NR_CPUS + 1);
	snprintf(w->note, sizeof(w->note), "a guest running Debian 12's kernel brings up %u CPUs at "
		 "most (a 512-vCPU qemu-virt guest brought up %u); another kernel, its own",
		 DEBIAN_61_ARM64_NR_CPUS, DEBIAN_61_ARM64_NR_CPUS);
}

static void eval_acpi(const struct gp_platform *p, const struct gp_limits_target *t,
		      struct gp_wall *w)
{
	(void)t;
	snprintf(w->value, sizeof(w->value), "%" PRIu64 " KiB of tables", QEMU_ACPI_WARN_BYTES / GP_KiB);
	if (!is_platform(p, PLATFORM_QEMU)) {
		snprintf(w->note, sizeof(w->note), "only QEMU's");
		return;
	}
	met_at(w, QEMU_72_ACPI_WARN_CPUS);
	snprintf(w->note, sizeof(w->note), "a warning (migration may not work), not a refusal: "
		 "measured with QEMU 7.2.22, virt,gic-version=3 -nodefaults");
}

static void eval_dsdt(const struct gp_platform *p, const struct gp_limits_target *t,
		      struct gp_wall *w)
{
	(void)t;
	snprintf(w->value, sizeof(w->value), "%u names", QEMU_DSDT_CPU_NAMES);
	if (!is_platform(p, PLATFORM_QEMU)) {
		snprintf(w->note, sizeof(w->note), "only QEMU's");
		return;
	}
	met_at(w, QEMU_DSDT_CPU_NAMES + 1);
	snprintf(w->note, sizeof(w->note), "C000..CFFF; the machine's cap comes first");
}

static void eval_cpu_reg(const struct gp_platform *p, const struct gp_limits_target *t,
			 struct gp_wall *w)
{
	(void)t;
	snprintf(w->value, sizeof(w->value), "%" PRIu32 " vCPUs", p->board.aff0_per_group);
	if (p->board.cpu_reg != GP_CPU_REG_INDEX) {
		snprintf(w->note, sizeof(w->note), "the cpu nodes' reg is the MPIDR");
		return;
	}
	if (!is_platform(p, PLATFORM_CROSVM))
		layout_source(w, p, "cpu.reg");
	else
		w->vmm = "crosvm";
	met_at(w, (uint64_t)p->board.aff0_per_group + 1);
	snprintf(w->note, sizeof(w->note), "vCPU %" PRIu32 " has MPIDR 0x100 but reg 0x%" PRIx32
		 ": gicplan's cpu-nodes check fails (PSCI CPU_ON finds no node)",
		 p->board.aff0_per_group, p->board.aff0_per_group);
}

static const struct wall_def walls[GP_WALLS] = {
	{ "vmm-max-vcpus", "the VMM's own vCPU cap", GP_WALL_VMM,
	  { "gicplan (the platform's layout file)", "", "max_cpus", "" }, eval_vmm_cap },
	{ "libkrun-vcpu-count", "libkrun takes the vCPU count as a u8", GP_WALL_VMM,
	  { "containers/libkrun", "src/libkrun/src/lib.rs", "krun_set_vm_config (num_vcpus: u8)",
	    "00903dbbdc93" }, eval_libkrun },
	{ "kvm-max-vcpus", "KVM_MAX_VCPUS = VGIC_V3_MAX_CPUS: the vCPUs of a VM with a GICv3",
	  GP_WALL_KVM,
	  { "torvalds/linux", "include/kvm/arm_vgic.h",
	    "VGIC_V3_MAX_CPUS (KVM_MAX_VCPUS, arch/arm64/include/asm/kvm_host.h @0033cd933964)",
	    "25b72cf7da9f" }, eval_kvm_max },
	{ "kvm-io-bus", "NR_IOBUS_DEVS: devices on KVM_MMIO_BUS, one per redistributor "
	  "(vgic_register_redist_iodev; older kernels registered two: RD and SGI frames)",
	  GP_WALL_KVM,
	  { "torvalds/linux", "include/linux/kvm_host.h",
	    "NR_IOBUS_DEVS (kvm_io_bus_register_dev; vgic-mmio-v3.c @02e3858f08fa)",
	    "002c6ca75289" }, eval_io_bus },
	{ "kvm-irq-line", "KVM_IRQ_LINE's vCPU index: 8 bits (vcpu_index), 4 more (vcpu2_index) "
	  "with KVM_CAP_ARM_IRQ_LINE_LAYOUT_2", GP_WALL_KVM,
	  { "torvalds/linux", "arch/arm64/include/uapi/asm/kvm.h",
	    "KVM_ARM_IRQ_VCPU_MASK, KVM_ARM_IRQ_VCPU2_MASK", "00e6dae00e3d" }, eval_irq_line },
	{ "kvm-mpidr", "KVM's default MPIDR of vCPU id i: Aff0 i[3:0], Aff1 i[11:4], Aff2 i[19:12]",
	  GP_WALL_KVM,
	  { "torvalds/linux", "arch/arm64/kvm/sys_regs.c", "reset_mpidr", "001bb819994c" },
	  eval_kvm_mpidr },
	{ "sgi-target-list", "ICC_SGI1R_EL1.TargetList: an SGI reaches Aff0 0..15 of one group "
	  "unless the GIC has RSS", GP_WALL_ARCH,
	  { ARM_SPEC, "ICC_SGI1R_EL1, GICD_TYPER", "TargetList [15:0], RS [47:44], RSS",
	    NULL }, eval_sgi },
	{ "mpidr-affinity", "MPIDR_EL1 and GICD_IROUTER: four 8-bit affinity levels",
	  GP_WALL_ARCH,
	  { ARM_SPEC, "MPIDR_EL1, GICD_IROUTER<n>", "Aff3.Aff2.Aff1.Aff0", NULL }, eval_mpidr },
	{ "its-processor-number", "ITS collections target GICR_TYPER.Processor_Number when "
	  "GITS_TYPER.PTA is 0", GP_WALL_ARCH,
	  { ARM_SPEC, "GITS_TYPER, GICR_TYPER", "PTA, Processor_Number [23:8]", NULL }, eval_its },
	{ "gicd-typer-cpunumber", "GICD_TYPER.CPUNumber: the PEs of a GIC without affinity "
	  "routing", GP_WALL_ARCH,
	  { ARM_SPEC, "GICD_TYPER", "CPUNumber [7:5]", NULL }, eval_cpunumber },
	{ "redist-capacity", "the redistributor frames the platform's placements hold in the IPA",
	  GP_WALL_PLATFORM, { "", "", "", "" }, eval_capacity },
	{ "spi-budget", "the SPIs the platform's devices use of those its GIC has",
	  GP_WALL_PLATFORM, { "", "", "", "" }, eval_spis },
	{ "guest-nr-cpus", "the guest kernel's CONFIG_NR_CPUS: CPUs beyond it stay offline",
	  GP_WALL_LINUX,
	  { "Debian linux-image-6.1.0-57-arm64-unsigned", "/boot/config-6.1.0-57-arm64",
	    "CONFIG_NR_CPUS=256", "6.1.192-3" }, eval_guest_nr_cpus },
	{ "qemu-acpi-size", "QEMU warns when its ACPI tables exceed ACPI_BUILD_TABLE_SIZE / 2",
	  GP_WALL_QEMU,
	  { "qemu/qemu", "hw/arm/virt-acpi-build.c",
	    "virt_acpi_build (\"ACPI table size %u exceeds %d bytes\")",
	    "QEMU 7.2.22 binary (the stored @013a18edbbc5 predates the warning)" }, eval_acpi },
	{ "qemu-dsdt-cpu-names", "QEMU names vCPU i \"C%.03X\" in its DSDT", GP_WALL_QEMU,
	  { "qemu/qemu", "hw/arm/virt-acpi-build.c", "acpi_dsdt_add_cpus", "013a18edbbc5" },
	  eval_dsdt },
	{ "cpu-node-reg", "the VMM writes a cpu node's reg as the vCPU index, which is the MPIDR "
	  "only within the first Aff0 group", GP_WALL_VMM,
	  { "msft-mirror-aosp/platform.external.crosvm", "aarch64/src/fdt.rs",
	    "create_cpu_nodes", "0bc20c56ac73" }, eval_cpu_reg },
};

/* Whether @a comes before @b: met ones by met_at, then applicable ones, then the rest. */
static bool before(const struct gp_wall *a, const struct gp_wall *b)
{
	int ra = a->met ? 0 : a->applies ? 1 : 2, rb = b->met ? 0 : b->applies ? 1 : 2;

	if (ra != rb)
		return ra < rb;
	return ra == 0 && a->met_at < b->met_at;
}

int gp_limits(const struct gp_platform *p, const struct gp_limits_target *t,
	      struct gp_wall out[GP_WALLS])
{
	for (size_t i = 0; i < GP_WALLS; i++) {
		const struct wall_def *d = &walls[i];
		struct gp_wall *w = &out[i];

		memset(w, 0, sizeof(*w));
		w->name = d->name;
		w->what = d->what;
		w->owner = d->owner;
		w->source = d->source;
		d->eval(p, t, w);
	}
	/* Insertion sort: stable, so ties keep the table's order. */
	for (size_t i = 1; i < GP_WALLS; i++) {
		struct gp_wall w = out[i];
		size_t k = i;

		for (; k > 0 && before(&w, &out[k - 1]); k--)
			out[k] = out[k - 1];
		out[k] = w;
	}
	/* Sorted in place: now a layout-file source can name its wall's own commit text. */
	for (size_t i = 0; i < GP_WALLS; i++)
		if (out[i].source_is_layout)
			out[i].source.commit = out[i].source_commit;
	if (!out[0].met)
		return -1;
	out[0].first = true;
	return 0;
}
