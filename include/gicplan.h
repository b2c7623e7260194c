/* SPDX-License-Identifier: MIT */
/*
 * libgicplan: plan the GICv3/v4 map of a virtual ARM machine, get the
 * KVM_SET_DEVICE_ATTR sequence that sets its VGIC up, write its device tree,
 * and prove the tree against an emulated GIC. docs/api.md walks through it.
 *
 * Conventions of every function here:
 * - C11, no global state: every object is a handle the caller creates and
 *   frees. Different handles may be used from different threads at once; one
 *   handle that no call changes (a platform, a plan, a report, an audit, an
 *   input outside gicplan_audit, which pairs both of its inputs) may be read
 *   from several threads at once. The emulated GIC is one thread's at a time.
 * - Nothing is printed, nothing exits.
 * - Functions that can fail return 0 or a negative GICPLAN_E_* code, and fill
 *   the caller's struct gicplan_error (when not NULL) with the code and a
 *   one-line message naming the input and the place (on success its code is
 *   GICPLAN_OK and its message ""). A NULL pointer argument not documented
 *   as optional is GICPLAN_E_USAGE; functions without an error code answer a
 *   NULL handle with 0, NULL or "none" as each says. A function returning an
 *   object through a pointer to a pointer sets it to NULL on every error
 *   (unless documented otherwise, as gicplan_verify's GICPLAN_E_CHECK).
 * - GICPLAN_E_RANGE: the caller's array or buffer is too small; nothing is
 *   written but the size needed, which the call reports as documented.
 * - Ownership: an object a function returns through a pointer to a pointer
 *   belongs to the caller, who frees it with the matching *_free function
 *   (each accepts NULL). Strings returned as const char * belong to the
 *   object they came from and live as long as it. Arrays and buffers are the
 *   caller's: functions fill them.
 */
#ifndef GICPLAN_H
#define GICPLAN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) || defined(__clang__)
#define GICPLAN_API __attribute__((visibility("default")))
#else
#define GICPLAN_API
#endif

/* The version of this header; gicplan_version() gives the library's. */
#define GICPLAN_VERSION_MAJOR 0
#define GICPLAN_VERSION_MINOR 1
#define GICPLAN_VERSION_PATCH 0

/* Return codes: 0 is success, every error is negative. */
enum gicplan_code {
	GICPLAN_OK = 0,
	GICPLAN_E_CHECK = -1,      /* a check (verify) or the audit found a problem */
	GICPLAN_E_USAGE = -2,      /* a bad argument: NULL handle, a value out of its range */
	GICPLAN_E_INPUT = -3,      /* an input (platform, plan, tree, file) is wrong or unreadable */
	GICPLAN_E_INFEASIBLE = -4, /* no placement of the platform holds the request */
	GICPLAN_E_NOMEM = -5,      /* out of memory */
	GICPLAN_E_RANGE = -6,      /* the caller's buffer is too small (the size needed is given) */
};

#define GICPLAN_ERROR_MAX 1024

/* The error of the last failing call that was given it. */
struct gicplan_error {
	int code;                        /* an enum gicplan_code; GICPLAN_OK when none */
	char message[GICPLAN_ERROR_MAX]; /* "INPUT: PLACE: what is wrong", one line, NUL-ended */
};

/* The library's version, "MAJOR.MINOR.PATCH" (static storage). */
GICPLAN_API const char *gicplan_version(void);

/* A short description of @code ("no placement holds the request"); static storage. */
GICPLAN_API const char *gicplan_strerror(int code);

/* ---- Platforms: the VMM's board (layouts/NAME.json, docs/layout-format.md) ---- */

struct gicplan_platform;

/*
 * Load a platform: a bundled name ("virt", "firecracker"...: searched in
 * $GICPLAN_LAYOUTS, ../share/gicplan/layouts beside the running program, the
 * source tree the library was built from, then the install prefix's
 * share/gicplan/layouts) or a path (one containing '/' or ending in
 * ".json"). Errors: GICPLAN_E_USAGE (a NULL argument), GICPLAN_E_INPUT (no
 * such platform, a layout that is wrong: the message names the file and the
 * place), GICPLAN_E_NOMEM. *@out is the caller's.
 */
GICPLAN_API int gicplan_platform_load(const char *name_or_path, struct gicplan_platform **out,
				      struct gicplan_error *err);

/*
 * Parse a platform from layout JSON text of @len bytes; @source names it in
 * error messages ("my-vmm.json"; NULL: "platform text"). Errors as
 * gicplan_platform_load's (a NULL @text is GICPLAN_E_USAGE). *@out is the
 * caller's; it does not refer to @text.
 */
GICPLAN_API int gicplan_platform_from_text(const char *source, const char *text, size_t len,
					   struct gicplan_platform **out,
					   struct gicplan_error *err);

/* The platform's name (owned by @p). */
GICPLAN_API const char *gicplan_platform_name(const struct gicplan_platform *p);

GICPLAN_API void gicplan_platform_free(struct gicplan_platform *p);

/* ---- Plans ---- */

/* What the VMM asks for. gicplan_request_init sets every field to "the platform's default". */
struct gicplan_request {
	uint64_t max_cpus;      /* every vCPU that may ever run, hot-plugged ones too (required) */
	unsigned gic_version;   /* 3 or 4; 0: the platform's */
	int its;                /* 1 with an ITS, 0 without; -1: the platform's */
	unsigned ipa_bits;      /* 32..52; 0: the platform's */
	uint32_t spis;          /* 0: the platform's */
	uint64_t ram_size;      /* bytes; 0: the platform's */
	int virtualization;     /* 1: the guest has EL2; 0: not; -1: the platform's */
};

GICPLAN_API void gicplan_request_init(struct gicplan_request *req);

struct gicplan_plan;

/*
 * Plan @req on @p: the first placement of the platform that holds every
 * vCPU. Errors: GICPLAN_E_USAGE (a NULL argument, max_cpus 0),
 * GICPLAN_E_INPUT (a value the platform cannot take: GIC version, SPI
 * count...), GICPLAN_E_INFEASIBLE (no placement holds it; the message says
 * what the request needs and the best placement offers), GICPLAN_E_NOMEM.
 * *@out is the caller's; it does not refer to @p.
 */
GICPLAN_API int gicplan_plan_make(const struct gicplan_platform *p,
				  const struct gicplan_request *req, struct gicplan_plan **out,
				  struct gicplan_error *err);

GICPLAN_API void gicplan_plan_free(struct gicplan_plan *plan);

#define GICPLAN_NAME_MAX 96

/* A plan's resolved request and its GIC (no defaults left). */
struct gicplan_plan_info {
	char platform[GICPLAN_NAME_MAX];
	char tier[GICPLAN_NAME_MAX];     /* the placement chosen */
	uint64_t max_cpus;
	unsigned gic_version;
	unsigned ipa_bits;
	uint32_t spis;
	int virtualization;              /* 1: the guest has EL2 */
	uint64_t ram_base, ram_size;
	uint64_t gicd_base, gicd_size;   /* the distributor */
	int has_its;                     /* 1: one ITS at its_base */
	uint64_t its_base, its_size;
	uint64_t redist_size;            /* bytes of one redistributor: 128 KiB (v3), 256 KiB (v4) */
	uint32_t nr_redist_regions;
};

GICPLAN_API int gicplan_plan_info(const struct gicplan_plan *plan, struct gicplan_plan_info *out,
				  struct gicplan_error *err);

/* A named address range: "gicd", "its", "redist0", "uart", "pcie.mmio", "ram"... */
struct gicplan_region {
	char name[GICPLAN_NAME_MAX];
	uint64_t base;
	uint64_t size;
};

/*
 * Every placed region, in address order, into @out (at most @max). Returns
 * how many the plan has (call with @out NULL, @max 0 to size the array); 0
 * for a NULL @plan, and 0 when out of memory.
 */
GICPLAN_API size_t gicplan_plan_regions(const struct gicplan_plan *plan,
					struct gicplan_region *out, size_t max);

/* A redistributor region: vCPUs first_cpu .. first_cpu + count - 1 have their frames in it. */
struct gicplan_redist_region {
	uint32_t index;         /* the REDIST_REGION index KVM is given */
	uint64_t base;
	uint64_t size;          /* bytes the device tree describes */
	uint64_t window;        /* bytes reserved for it */
	uint64_t first_cpu;
	uint64_t count;         /* redistributors placed in it */
	uint64_t capacity;      /* redistributors its window holds (a growing window: as far
				   as it may grow): room for vCPUs hot-plugged later */
};

/* The redistributor regions, as gicplan_plan_regions returns regions (0 for a NULL @plan). */
GICPLAN_API size_t gicplan_plan_redist_regions(const struct gicplan_plan *plan,
					       struct gicplan_redist_region *out, size_t max);

/* One vCPU: the MPIDR the VMM gives it (KVM_ARM_VCPU MPIDR_EL1) and its redistributor. */
struct gicplan_vcpu {
	uint64_t mpidr;          /* affinity fields Aff3 [39:32] .. Aff0 [7:0] */
	uint64_t redist_base;    /* its RD_base frame */
	uint32_t redist_region;  /* index of the region holding it */
};

/* vCPU @cpu (0 .. max_cpus - 1). Errors: GICPLAN_E_USAGE for a vCPU the plan has not. */
GICPLAN_API int gicplan_plan_vcpu(const struct gicplan_plan *plan, uint64_t cpu,
				  struct gicplan_vcpu *out, struct gicplan_error *err);

#define GICPLAN_TRIGGER_LEVEL 0  /* level-sensitive, active high */
#define GICPLAN_TRIGGER_EDGE 1   /* edge, rising */

/* A device of the board at its placed address. */
struct gicplan_device {
	char name[GICPLAN_NAME_MAX];     /* "uart", "virtio", "pcie" */
	char type[GICPLAN_NAME_MAX];     /* "pl011", "virtio-mmio", "pcie", "generic"... */
	uint64_t base;                   /* its first instance's registers (PCIe: the ECAM) */
	uint64_t size;                   /* bytes of one instance's registers */
	uint32_t count;                  /* instances, each size bytes after the one before */
	int has_irq;                     /* 1: it has SPIs, from spi on */
	uint32_t spi;                    /* SPI number (INTID - 32) of instance 0 */
	uint32_t nr_spis;                /* SPIs it uses: one per instance, 4 for PCIe INTx */
	int trigger;                     /* GICPLAN_TRIGGER_* */
};

/* The board's devices, as gicplan_plan_regions returns regions (0 for a NULL @plan). */
GICPLAN_API size_t gicplan_plan_devices(const struct gicplan_plan *plan,
					struct gicplan_device *out, size_t max);

/* ---- KVM: the KVM_SET_DEVICE_ATTR sequence (Linux's KVM uapi numbers) ---- */

#define GICPLAN_KVM_DEV_TYPE_ARM_VGIC_V3 7     /* KVM_DEV_TYPE_ARM_VGIC_V3 */
#define GICPLAN_KVM_DEV_TYPE_ARM_VGIC_ITS 8    /* KVM_DEV_TYPE_ARM_VGIC_ITS */
#define GICPLAN_KVM_DEV_ARM_VGIC_GRP_ADDR 0
#define GICPLAN_KVM_DEV_ARM_VGIC_GRP_NR_IRQS 3
#define GICPLAN_KVM_DEV_ARM_VGIC_GRP_CTRL 4
#define GICPLAN_KVM_DEV_ARM_VGIC_GRP_MAINT_IRQ 9

/*
 * One KVM_SET_DEVICE_ATTR call on device @device (a VGIC_V3, or the ITS
 * number @instance): struct kvm_device_attr { .group = group, .attr = attr,
 * .addr = pointer to value }. The value is a u64 for GRP_ADDR attributes and
 * a u32 for NR_IRQS and MAINT_IRQ; CTRL_INIT takes none (has_value 0).
 */
struct gicplan_kvm_attr {
	uint32_t device;       /* GICPLAN_KVM_DEV_TYPE_ARM_VGIC_V3 or _ITS */
	uint32_t instance;     /* which ITS device (0, 1...); 0 on the VGIC */
	uint32_t group;
	uint64_t attr;
	int has_value;
	uint64_t value;
	char what[96];         /* decoded, for people: "DIST 0x8000000" */
};

/*
 * The attribute sequence of @plan's VGIC, in the order to issue it, into
 * @out (at most @max); *@n is set to how many it has (0 on other errors).
 * Errors: GICPLAN_E_USAGE (NULL @plan or @n), GICPLAN_E_RANGE when @max is
 * too small (nothing written but *@n: call with @out NULL and @max 0 to size
 * the array), GICPLAN_E_NOMEM.
 */
GICPLAN_API int gicplan_plan_kvm_attrs(const struct gicplan_plan *plan,
				       struct gicplan_kvm_attr *out, size_t max, size_t *n,
				       struct gicplan_error *err);

/* ---- Outputs ---- */

/*
 * The plan's device tree blob into @buf (@cap bytes); *@len is set to its
 * size (0 on other errors). GICPLAN_E_RANGE when @cap is too small (nothing
 * written but *@len: call with @buf NULL and @cap 0 to size it);
 * GICPLAN_E_USAGE (NULL @plan or @len). The same plan always gives the same
 * bytes.
 */
GICPLAN_API int gicplan_plan_dtb(const struct gicplan_plan *plan, void *buf, size_t cap,
				 size_t *len, struct gicplan_error *err);

/*
 * The plan as a plan file (JSON text) into @buf, NUL-ended; *@len is set to
 * the text's length without the NUL, and @cap must be at least *@len + 1,
 * else GICPLAN_E_RANGE (nothing written but *@len). Errors as
 * gicplan_plan_dtb's. `gicplan verify` and gicplan_input_load read it.
 */
GICPLAN_API int gicplan_plan_json(const struct gicplan_plan *plan, char *buf, size_t cap,
				  size_t *len, struct gicplan_error *err);

/*
 * Write the plan's device tree blob to the file @path, whole or not at all
 * (a regular file is replaced atomically; a link's target, a device or FIFO
 * is written into), as gicplan_write_file does. Errors: GICPLAN_E_USAGE
 * (NULL @plan or @path), GICPLAN_E_INPUT naming the file.
 */
GICPLAN_API int gicplan_plan_write_dtb(const struct gicplan_plan *plan, const char *path,
				       struct gicplan_error *err);

/* ---- Inputs: what verify and audit read ---- */

/*
 * What a tree does not say; 0 for each: inferred from the tree (and reported
 * as an assumption), or the plan's own.
 */
struct gicplan_input_options {
	unsigned gic_version;
	uint32_t spis;
	unsigned ipa_bits;
};

struct gicplan_input;

/*
 * Load @path: a device tree blob or a plan file (told apart by content).
 * @o may be NULL (all inferred). Errors: GICPLAN_E_USAGE (NULL @path or
 * @out), GICPLAN_E_INPUT (unreadable, or wrong: the message names the file
 * and the place), GICPLAN_E_NOMEM. *@out is the caller's.
 */
GICPLAN_API int gicplan_input_load(const char *path, const struct gicplan_input_options *o,
				   struct gicplan_input **out, struct gicplan_error *err);

/* The input of @plan: its tree, emitted and read back. *@out is the caller's. */
GICPLAN_API int gicplan_input_from_plan(const struct gicplan_plan *plan,
					struct gicplan_input **out, struct gicplan_error *err);

GICPLAN_API void gicplan_input_free(struct gicplan_input *in);

/* ---- verify: the proof ---- */

/* Whose GIC the emulator is. */
#define GICPLAN_PROFILE_ARCH 0   /* what the architecture allows (the default) */
#define GICPLAN_PROFILE_KVM 1    /* KVM's VGIC: its limits fail */
#define GICPLAN_PROFILE_QEMU 2   /* QEMU's own GIC (TCG) */

struct gicplan_verify_options {
	int profile;       /* GICPLAN_PROFILE_* */
	int exhaustive;    /* 1: every SPI to every CPU, every CPU's SGIs to every CPU */
	int strict;        /* 1: warnings fail */
	/* Left 0 (NULL), these two give what callers that do not set them always got. */
	const char *qemu_machine; /* GICPLAN_PROFILE_QEMU: the virt machine type QEMU runs,
				   * "virt-6.1" (its GIC's LPIs and frames follow it); NULL:
				   * the latest, virt-7.2. Given with another profile: an error */
	unsigned ipa_bits;     /* the IPA the regions must fit; 0: the input's */
};

struct gicplan_report;

/*
 * Verify @in (@o may be NULL: the defaults, all zero). Returns 0 when every
 * check passed, GICPLAN_E_CHECK when one failed (the message names the
 * first failing check and its detail); in both cases *@out is the caller's
 * report. Other errors (GICPLAN_E_USAGE: a NULL argument, an unknown
 * profile or QEMU machine type; GICPLAN_E_NOMEM): no report, *@out NULL.
 * @in is not changed: one input may be verified from several threads.
 */
GICPLAN_API int gicplan_verify(const struct gicplan_input *in,
			       const struct gicplan_verify_options *o,
			       struct gicplan_report **out, struct gicplan_error *err);

#define GICPLAN_CHECK_PASS 0
#define GICPLAN_CHECK_WARN 1
#define GICPLAN_CHECK_FAIL 2
#define GICPLAN_CHECK_SKIP 3

/* A named check of the proof ("mpidr-found", "spi-routing"...: docs/gicplan.1). */
struct gicplan_check {
	char name[32];
	int status;            /* GICPLAN_CHECK_* */
	uint64_t count;        /* what it covered: frames, vCPUs, deliveries... */
	uint64_t offences;     /* failures and warnings found */
	char detail[320];      /* the first failure, else warning, or why skipped */
};

/* How many checks @r has. */
GICPLAN_API size_t gicplan_report_checks(const struct gicplan_report *r);

/* Check @i (0 .. gicplan_report_checks - 1). Errors: GICPLAN_E_USAGE for another @i. */
GICPLAN_API int gicplan_report_check(const struct gicplan_report *r, size_t i,
				     struct gicplan_check *out, struct gicplan_error *err);

/* 1 when a check failed (or warned, with strict), else 0. */
GICPLAN_API int gicplan_report_failed(const struct gicplan_report *r);

GICPLAN_API void gicplan_report_free(struct gicplan_report *r);

/* ---- audit: can a guest move from one machine to another ---- */

#define GICPLAN_AUDIT_ROLLBACK 0   /* OLD -> NEW and back (the default) */
#define GICPLAN_AUDIT_ONE_WAY 1    /* OLD -> NEW only */
#define GICPLAN_AUDIT_IDENTICAL 2  /* any difference a guest can see breaks */

struct gicplan_audit_options {
	int mode;          /* GICPLAN_AUDIT_* */
	int profile;       /* GICPLAN_PROFILE_*: the GIC whose registers are compared */
	/* Fields added later, at the end: gicplan_audit_options_init sets them all. */
	int vmm;              /* enum gicplan_vmm: how the VMM migrates GIC state (0: not said) */
	const char *vmm_from; /* who named that rule, quoted in its text ("--vmm qemu"); NULL ok */
};

struct gicplan_audit;

/*
 * Compare @old and @new (@o may be NULL: rollback, the architecture's GIC).
 * A tree takes what it does not say from the other side, so both inputs may
 * be changed. Returns 0 when compatible, GICPLAN_E_CHECK when a difference
 * breaks (the message names the first); in both cases *@out is the caller's.
 * Other errors (*@out NULL): GICPLAN_E_USAGE (a NULL argument, an unknown
 * mode, profile or VMM rule), GICPLAN_E_INPUT (the inputs cannot be paired),
 * GICPLAN_E_NOMEM. The options are read during the call only (vmm_from is
 * copied into the audit's text).
 */
GICPLAN_API int gicplan_audit(struct gicplan_input *old, struct gicplan_input *new_,
			      const struct gicplan_audit_options *o, struct gicplan_audit **out,
			      struct gicplan_error *err);

#define GICPLAN_BREAKS_OLD_NEW 1u
#define GICPLAN_BREAKS_NEW_OLD 2u

/* A difference a guest can see. */
struct gicplan_diff {
	int breaks_mode;        /* 1: it breaks in the mode asked */
	unsigned breaks;        /* directions it breaks: GICPLAN_BREAKS_* bits */
	char what[112];         /* "gicd", "vCPU redistributors", "device /pl011@9000000 reg" */
	char old_value[112];
	char new_value[112];
	char why[256];
};

/* How many differences @a found. */
GICPLAN_API size_t gicplan_audit_diffs(const struct gicplan_audit *a);

/* Difference @i. Errors: GICPLAN_E_USAGE for an @i past the last. */
GICPLAN_API int gicplan_audit_diff(const struct gicplan_audit *a, size_t i,
				   struct gicplan_diff *out, struct gicplan_error *err);

/* 1 when a difference breaks in the mode asked, else 0. */
GICPLAN_API int gicplan_audit_breaks(const struct gicplan_audit *a);

GICPLAN_API void gicplan_audit_free(struct gicplan_audit *a);

/* ---- Utilities: sizes and numbers as gicplan reads and writes them ---- */

/* What a request may ask (gicplan_plan_make refuses the rest). */
#define GICPLAN_IPA_BITS_MIN 32u
#define GICPLAN_IPA_BITS_MAX 52u
#define GICPLAN_SPI_GRANULE 32u   /* SPIs come in blocks of 32 (GICD_TYPER.ITLinesNumber) */
#define GICPLAN_SPIS_PLAN_MAX 960u /* the most SPIs in whole blocks below 988: KVM's most too */
#define GICPLAN_SPIS_MAX 988u     /* INTIDs 32..1019 */
#define GICPLAN_DEFAULT_PLATFORM "virt"

/* 1 when a GIC can implement @spis SPIs: a multiple of 32 from 32 to 960, or 988; else 0. */
GICPLAN_API int gicplan_spis_valid(uint32_t spis);

/*
 * A size or address as users write them: decimal or "0x" hex, "_" between
 * digits ignored, with an optional binary suffix K, M, G, T or KiB, MiB, GiB,
 * TiB ("4GiB", "0x4000_0000"). Returns 0, or GICPLAN_E_USAGE when @s is not
 * one or does not fit 64 bits (or @s or @out is NULL).
 */
GICPLAN_API int gicplan_parse_size(const char *s, uint64_t *out);

/* A plain decimal number up to @max. Returns 0 or GICPLAN_E_USAGE (NULL @s or @out too). */
GICPLAN_API int gicplan_parse_uint(const char *s, uint64_t max, uint64_t *out);

/* Room for what gicplan_size_str and gicplan_size_exact_str write, with the NUL. */
#define GICPLAN_SIZE_STR_MAX 48

/*
 * @v as "0x..." (lower case, no padding) into @buf of @cap bytes, cut to fit;
 * returns @buf (NULL for a NULL @buf). So do the two below.
 */
GICPLAN_API const char *gicplan_hex_str(char *buf, size_t cap, uint64_t v);

/*
 * A size for people, as every text output of gicplan writes it: whole units
 * as "128 KiB"; otherwise one decimal, rounded ("127.4 MiB"); below 1 KiB in
 * bytes ("24 B"). Returns @buf.
 */
GICPLAN_API const char *gicplan_size_str(char *buf, size_t cap, uint64_t v);

/* A size exactly and for people: "0x7f60000 (127.4 MiB)". Returns @buf. */
GICPLAN_API const char *gicplan_size_exact_str(char *buf, size_t cap, uint64_t v);

/* (end of section) */

/* ---- Platforms in detail: placements, tiers, limits (walls) ---- */

#define GICPLAN_TEXT_MAX 256

/* What a platform offers, and its defaults (what a request left at 0 or -1 gets). */
struct gicplan_platform_info {
	char name[GICPLAN_NAME_MAX];
	uint32_t version;                /* the platform's ABI version */
	char description[GICPLAN_TEXT_MAX];
	char source[GICPLAN_TEXT_MAX];   /* the file it was read from */
	unsigned gic_versions;           /* bit v set: GICv(v) offered */
	unsigned default_gic_version;
	int v4_needs_virtualization;     /* 1: GICv4 only for a guest with EL2 */
	unsigned ipa_bits;
	int its;                         /* 1: an ITS by default */
	uint32_t spis;
	int virtualization;
	uint64_t max_cpus;               /* the VMM's own cap; 0: none */
	uint32_t nr_placements;
};

GICPLAN_API int gicplan_platform_info(const struct gicplan_platform *p,
				      struct gicplan_platform_info *out, struct gicplan_error *err);

/*
 * What a placement's capacity depends on besides the placement: the GIC
 * version (its redistributor size), the IPA size and whether an ITS is placed.
 */
struct gicplan_fit {
	unsigned gic_version;  /* 3 or 4 */
	unsigned ipa_bits;
	int its;               /* 1 or 0 */
};

/* A placement (a tier) of a platform, and the vCPU counts the planner picks it for. */
struct gicplan_placement {
	char name[GICPLAN_NAME_MAX];
	char summary[GICPLAN_TEXT_MAX];
	uint64_t capacity;     /* redistributors it holds for the fit */
	uint64_t min_cpus;     /* chosen for min_cpus..max_cpus; min_cpus > max_cpus: never */
	uint64_t max_cpus;
};

/*
 * Placement @i (0 .. nr_placements - 1) of @p for @fit. Errors:
 * GICPLAN_E_USAGE (another @i, a GIC version or IPA size out of range).
 */
GICPLAN_API int gicplan_platform_placement(const struct gicplan_platform *p, uint32_t i,
					   const struct gicplan_fit *fit,
					   struct gicplan_placement *out, struct gicplan_error *err);

/* The most bundled platforms gicplan_platforms_list lists. */
#define GICPLAN_PLATFORMS_MAX 64

/*
 * The names of the bundled platforms, sorted, into @names (at most @max:
 * the first @max of them); *@n is set to how many were written. Errors:
 * GICPLAN_E_USAGE (NULL @n, NULL @names with @max > 0), GICPLAN_E_INPUT (no
 * layout directory found), GICPLAN_E_NOMEM.
 */
GICPLAN_API int gicplan_platforms_list(char (*names)[GICPLAN_NAME_MAX], size_t max, size_t *n,
				       struct gicplan_error *err);

/* Bytes of one redistributor of GICv@gic_version: 128 KiB (v3), 256 KiB (v4); 0 for another. */
GICPLAN_API uint64_t gicplan_redist_size(unsigned gic_version);

/*
 * A tier: a placement with the vCPU counts the planner chooses it for, what
 * limits it, and what a guest growing into it goes through. At a crossing
 * (placement.min_cpus - 1 -> placement.min_cpus vCPUs, from the placement
 * chosen before) the two plans the planner makes there are compared as
 * gicplan_audit does one way, added vCPUs judged by the platform's VMM.
 */
struct gicplan_tier {
	struct gicplan_placement placement;  /* min_cpus > max_cpus: never chosen */
	char limit[GICPLAN_TEXT_MAX];        /* what ends above the IPA (never chosen there), or
						what limits its growing window; "" for none */
	int crossing;                        /* 1: chosen after another placement */
	char moved[GICPLAN_TEXT_MAX * 2];    /* what moves at the crossing ("gicd, uart"); "" */
	size_t nr_moved;                     /* how many regions moved[] names */
	int audited;                         /* 1: both plans were made and compared */
	int breaks;                          /* audited: 1 when a guest cannot move across */
	char reason[GICPLAN_ERROR_MAX + 32]; /* the first breaking difference, what is only
						added, or (not audited) why the planner refused */
};

/*
 * The tiers of @p for @fit, one per placement in the order the planner
 * tries them, into @out (at most @max); *@n is set to how many @p has (its
 * gicplan_platform_info nr_placements). Each crossing is planned (as
 * gicplan_plan_make plans the fit, the rest the platform's defaults, a guest
 * with EL2 where the platform's GICv4 needs one) and audited, so this costs a
 * few plans; a crossing the planner refuses is not audited and its reason
 * says why. Errors: GICPLAN_E_USAGE (NULL, a GIC version or
 * IPA size out of range), GICPLAN_E_INPUT (a GIC version @p does not offer),
 * GICPLAN_E_RANGE when @max is too small (nothing written but *@n: call with
 * @out NULL and @max 0 to size the array), GICPLAN_E_NOMEM. *@n is 0 after
 * any other error.
 */
GICPLAN_API int gicplan_tiers(const struct gicplan_platform *p, const struct gicplan_fit *fit,
			      struct gicplan_tier *out, size_t max, size_t *n,
			      struct gicplan_error *err);

/* Who imposes a wall. */
enum gicplan_wall_owner {
	GICPLAN_WALL_ARCH,      /* the GIC architecture (Arm IHI 0069) */
	GICPLAN_WALL_KVM,       /* arm64 KVM, the host kernel */
	GICPLAN_WALL_LINUX,     /* the guest's kernel */
	GICPLAN_WALL_QEMU,      /* QEMU's virt machine */
	GICPLAN_WALL_VMM,       /* the platform's VMM */
	GICPLAN_WALL_PLATFORM,  /* the platform's layout: its placements in the IPA, its SPIs */
};

/*
 * @owner's name as gicplan's JSON gives it: "architecture", "kvm", "linux",
 * "qemu", "vmm", "platform"; NULL for another value. Static storage.
 */
GICPLAN_API const char *gicplan_wall_owner_name(int owner);

/* Where a wall's value was read. */
struct gicplan_wall_source {
	char repository[GICPLAN_TEXT_MAX]; /* "torvalds/linux", a package, a specification */
	char path[GICPLAN_TEXT_MAX];       /* a file in it (a layout wall: the layout file) */
	char symbol[GICPLAN_TEXT_MAX];
	int has_commit;                    /* 0: no version to name (a specification) */
	char commit[GICPLAN_NAME_MAX];     /* 12 hex digits of the commit read, or a version */
};

/* The walls gicplan_limits gives. */
#define GICPLAN_WALLS 16

/* A wall a growing vCPU count runs into besides the placements. */
struct gicplan_wall {
	char name[GICPLAN_NAME_MAX];       /* "kvm-max-vcpus" */
	char what[GICPLAN_TEXT_MAX];       /* what it is, one sentence */
	int owner;                         /* GICPLAN_WALL_* */
	char vmm[GICPLAN_NAME_MAX];        /* GICPLAN_WALL_VMM: the VMM's name when known; "" */
	char value[GICPLAN_NAME_MAX];      /* "512 vCPUs" */
	int applies;                       /* 1: a wall of this platform at all */
	int met;                           /* 1: applies, and met_at vCPUs meet it */
	uint64_t met_at;                   /* the least vCPU count that meets it */
	int first;                         /* 1: the wall this platform meets first */
	char note[GICPLAN_TEXT_MAX];       /* how met_at follows for this platform, or why none */
	struct gicplan_wall_source source;
};

/*
 * Every wall of @p for @fit into @out (at most @max), sorted: the walls met,
 * by the vCPU count that meets them, then those that apply but no vCPU count
 * meets, then those that do not apply; *@n is set to how many there are
 * (GICPLAN_WALLS). *@first (when not NULL) is set to the index of the wall met
 * first, -1 when none is met (only on success: an error leaves it). Errors: GICPLAN_E_USAGE (NULL,
 * a GIC version or IPA size out of range), GICPLAN_E_INPUT (a GIC version @p
 * does not offer), GICPLAN_E_RANGE when @max is too small (nothing written
 * but *@n; *@n is 0 after any other error).
 */
GICPLAN_API int gicplan_limits(const struct gicplan_platform *p, const struct gicplan_fit *fit,
			       struct gicplan_wall *out, size_t max, size_t *n, int *first,
			       struct gicplan_error *err);

/* (end of section) */

/* ---- Maps: the placed regions as a picture draws them ---- */

/*
 * What a placed region is. The distributor, the ITS and the redistributor
 * regions are the GIC's; a device's registers and its further windows (a
 * PCIe host's "pcie.mmio") are the device's; a window the VMM keeps for
 * itself has no node in the tree.
 */
#define GICPLAN_REGION_GICD 0      /* the GIC distributor */
#define GICPLAN_REGION_ITS 1       /* the ITS */
#define GICPLAN_REGION_REDIST 2    /* a redistributor region's window */
#define GICPLAN_REGION_RAM 3
#define GICPLAN_REGION_DEVICE 4    /* a device's registers or one of its windows */
#define GICPLAN_REGION_RESERVED 5  /* a window the VMM keeps for itself */

/* A placed region, what it is, and for a redistributor region the frames it holds. */
struct gicplan_map_region {
	char name[GICPLAN_NAME_MAX];   /* as gicplan_plan_regions names it */
	uint64_t base;
	uint64_t size;
	int kind;                      /* GICPLAN_REGION_* */
	uint32_t index;                /* REDIST: its gicplan_plan_redist_regions index;
					  DEVICE, RESERVED: its device's gicplan_plan_devices
					  index; else 0 */
};

/*
 * Every placed region of @plan, in gicplan_plan_regions' order (by address),
 * with its kind, into @out (at most @max). Returns how many the plan has
 * (call with @out NULL, @max 0 to size the array).
 */
GICPLAN_API size_t gicplan_plan_map(const struct gicplan_plan *plan,
				    struct gicplan_map_region *out, size_t max);

/*
 * Placement @i of @p at its largest, as a picture of it: every redistributor
 * window whole (a growing one down to its floor), RAM at its largest, the
 * ITS when the placement has one and @fit->its is 1, at @fit's IPA size.
 * No vCPU is placed: max_cpus is 0, each redistributor region's count 0 and
 * its capacity what its whole window holds for @fit's GIC version. It is a
 * map to draw or compare, not a plan to run (its tree and KVM attributes
 * describe no vCPU). Errors: GICPLAN_E_USAGE (another @i, a GIC version or
 * IPA size out of range), GICPLAN_E_NOMEM. *@out is the caller's.
 */
GICPLAN_API int gicplan_placement_preview(const struct gicplan_platform *p, uint32_t i,
					  const struct gicplan_fit *fit,
					  struct gicplan_plan **out, struct gicplan_error *err);

/*
 * The regions placement @from of @p puts elsewhere (another base or size)
 * than placement @to, RAM aside, each placement at its largest at the
 * platform's own IPA size with its ITS if it has one: what moves for a guest
 * when max_cpus crosses from one placement to the other. Their names, in
 * address order joined by ", " ("gicd, redist0"), into @buf of @cap bytes
 * (cut to fit; @buf may be NULL with @cap 0); "" when nothing moves. *@n is
 * set to how many move. Errors: GICPLAN_E_USAGE (a placement the platform
 * has not).
 */
GICPLAN_API int gicplan_placement_moves(const struct gicplan_platform *p, uint32_t from,
					uint32_t to, char *buf, size_t cap, size_t *n,
					struct gicplan_error *err);

/*
 * The plan @in was read from, when it is a plan file (gicplan_input_load
 * tells them apart by content). *@out is the caller's copy. Errors:
 * GICPLAN_E_USAGE when @in is a device tree ("FILE: a device tree, not a
 * plan"), GICPLAN_E_NOMEM.
 */
GICPLAN_API int gicplan_input_plan(const struct gicplan_input *in, struct gicplan_plan **out,
				   struct gicplan_error *err);

/*
 * Write @len bytes of @data to the file @path, whole or not at all: a
 * regular file is replaced atomically (a temporary beside it, renamed over
 * it); a symbolic link's target is, not the link; a device, FIFO or
 * /dev/fd/N that exists is written into; "-" is standard output. A directory
 * or a socket is refused. Errors: GICPLAN_E_INPUT (GICPLAN_E_NOMEM), the
 * message naming the file and what failed.
 */
GICPLAN_API int gicplan_write_file(const char *path, const void *data, size_t len,
				   struct gicplan_error *err);

/* (end of section) */

/* ---- Inputs and reports in detail ---- */

/* "arch", "kvm", "qemu": the name of a GICPLAN_PROFILE_*; NULL for another value. */
GICPLAN_API const char *gicplan_profile_name(int profile);

/* "pass", "warn", "fail", "skip": the name of a GICPLAN_CHECK_*; NULL for another value. */
GICPLAN_API const char *gicplan_check_status_name(int status);

/* What an input is. */
#define GICPLAN_INPUT_TREE 0   /* a device tree blob */
#define GICPLAN_INPUT_PLAN 1   /* a gicplan plan file (or gicplan_input_from_plan) */
#define GICPLAN_INPUT_ACPI 2   /* ACPI tables: a MADT (and IORT) file, or a folder of them */

/* What an input describes, as verify proves it. */
struct gicplan_input_info {
	int kind;                   /* GICPLAN_INPUT_* */
	uint64_t cpus;              /* vCPUs: the tree's cpu nodes, the MADT's GICCs */
	uint32_t nr_redist_regions; /* redistributor regions the guest walks */
	unsigned ipa_bits;          /* the IPA size: the plan's, the option's, or inferred */
};

GICPLAN_API int gicplan_input_info(const struct gicplan_input *in, struct gicplan_input_info *out,
				   struct gicplan_error *err);

/*
 * The device tree blob of @in: a tree's bytes, or a plan's tree as emitted:
 * *@data (owned by @in, valid while it lives) and *@len. For an input of
 * gicplan_input_from_plan these are gicplan_plan_dtb's bytes, emitted once.
 * Errors: GICPLAN_E_USAGE for ACPI tables (*@data NULL, *@len 0).
 */
GICPLAN_API int gicplan_input_tree(const struct gicplan_input *in, const void **data,
				   size_t *len, struct gicplan_error *err);

/* What ACPI tables said of the GIC (gicplan_input_acpi). */
struct gicplan_acpi_info {
	const char *madt;           /* the file the MADT came from (owned by the input) */
	const char *iort;           /* the IORT's file; "" for none */
	unsigned madt_revision;
	uint64_t enabled;           /* GICCs enabled at boot */
	uint64_t online_capable;    /* GICCs a guest may bring online later (ACPI 6.5) */
	uint64_t disabled;          /* GICCs neither */
	int gicc_style;             /* 1: no GICR structures, each GICC gives its frame */
	int failed;                 /* 1: an ACPI check failed */
};

/* What the tables of @in said. Errors: GICPLAN_E_USAGE when @in is not ACPI tables. */
GICPLAN_API int gicplan_input_acpi(const struct gicplan_input *in, struct gicplan_acpi_info *out,
				   struct gicplan_error *err);

/*
 * The ACPI tables' own checks ("acpi-gicc", "acpi-boot-cpu", "acpi-its",
 * "acpi-tree"), run when the input was loaded: how many (0 for an input that
 * is not ACPI tables), and check @i as gicplan_report_check gives verify's
 * (none lists its offences). gicplan_verify fails when one of them failed.
 */
GICPLAN_API size_t gicplan_input_acpi_checks(const struct gicplan_input *in);
GICPLAN_API int gicplan_input_acpi_check(const struct gicplan_input *in, size_t i,
					 struct gicplan_check *out, struct gicplan_error *err);

/* How the proof was made and what it covered. */
struct gicplan_coverage {
	int profile;                /* GICPLAN_PROFILE_* */
	unsigned gic_version;
	char version_note[160];     /* how the GIC version was chosen */
	int exhaustive;
	uint64_t frames_walked;     /* redistributor frames the guests' walks read */
	uint64_t spi_deliveries;
	uint64_t sgi_writes;        /* ICC_SGI1R_EL1 writes ... */
	uint64_t sgi_deliveries;    /* ... and the CPUs they reached */
	uint64_t ppi_deliveries;
	uint64_t lpi_deliveries;
};

GICPLAN_API int gicplan_report_coverage(const struct gicplan_report *r,
					struct gicplan_coverage *out, struct gicplan_error *err);

/*
 * What the input did not say and the proof assumed ("assumed: 704 SPIs
 * (...)"; none for a plan): how many, and assumption @i (owned by @r; NULL
 * past the last).
 */
GICPLAN_API size_t gicplan_report_assumptions(const struct gicplan_report *r);
GICPLAN_API const char *gicplan_report_assumption(const struct gicplan_report *r, size_t i);

/* The most offences a report lists (each check still counts all of its own). */
#define GICPLAN_OFFENDERS_MAX 1000

/* One offence a check found, with its place: an address, a vCPU, an INTID, a node. */
struct gicplan_offender {
	size_t check;          /* the check's index, as gicplan_report_check takes it */
	int status;            /* GICPLAN_CHECK_FAIL or GICPLAN_CHECK_WARN */
	char detail[320];
};

/* How many offences @r lists (at most GICPLAN_OFFENDERS_MAX), in the order found. */
GICPLAN_API size_t gicplan_report_offenders(const struct gicplan_report *r);

/* Offence @i. Errors: GICPLAN_E_USAGE for an @i past the last. */
GICPLAN_API int gicplan_report_offender(const struct gicplan_report *r, size_t i,
					struct gicplan_offender *out, struct gicplan_error *err);

/* (end of section) */

/* ---- Plans kept compatible, ACPI tables, output files ---- */

/* How the plan was chosen, for people. */
struct gicplan_plan_story {
	uint32_t platform_version;         /* the platform's ABI version */
	char tier_summary[GICPLAN_TEXT_MAX]; /* the placement chosen, in a line */
	char why[1024];                    /* why that placement */
	char notes[GICPLAN_TEXT_MAX];      /* what placing changed on its own; "" for nothing */
};

GICPLAN_API int gicplan_plan_story(const struct gicplan_plan *plan,
				   struct gicplan_plan_story *out, struct gicplan_error *err);

/*
 * KVM's names of an attribute, as its uapi header spells them (static
 * storage): the device type ("KVM_DEV_TYPE_ARM_VGIC_V3"), the group
 * ("KVM_DEV_ARM_VGIC_GRP_ADDR"), the attribute ("KVM_VGIC_V3_ADDR_TYPE_DIST";
 * "0" in a group whose attributes are unnamed). "unknown" for a value
 * gicplan_plan_kvm_attrs never gives.
 */
GICPLAN_API const char *gicplan_kvm_device_name(uint32_t device);
GICPLAN_API const char *gicplan_kvm_group_name(uint32_t group);
GICPLAN_API const char *gicplan_kvm_attr_name(uint32_t device, uint32_t group, uint64_t attr);

/*
 * Plan @req on @p keeping the ABI of @old (a plan file or a tree a guest runs
 * on now): every address, MPIDR and interrupt of OLD where it was, only what
 * is new (more vCPUs, an ITS) placed anew. A tree's plan is the one @p makes
 * for the tree's inputs, and must reproduce the tree; @req gives what a tree
 * does not say (the IPA size, the RAM). Errors: GICPLAN_E_INFEASIBLE naming
 * what blocks it (a guest-visible value the request changes, no room for the
 * added redistributors, a tree @p does not reproduce); GICPLAN_E_INPUT (a
 * request @p cannot take, an OLD of another platform); GICPLAN_E_USAGE (a
 * NULL argument, max_cpus 0). *@out is the caller's.
 */
GICPLAN_API int gicplan_plan_make_compat(const struct gicplan_platform *p,
					 const struct gicplan_request *req,
					 const struct gicplan_input *old, struct gicplan_plan **out,
					 struct gicplan_error *err);

/*
 * The audit a plan of gicplan_plan_make_compat must pass: @old's guest moved
 * one way to @new_ (the plan's input, gicplan_input_from_plan), the
 * architecture's GIC, the GIC state of added vCPUs sized by @p's rule.
 * Returns and fills *@out as gicplan_audit does.
 */
GICPLAN_API int gicplan_plan_compat_audit(const struct gicplan_platform *p,
					  const struct gicplan_input *old,
					  const struct gicplan_input *new_,
					  struct gicplan_audit **out, struct gicplan_error *err);

/* The ACPI revision whose GICC structure the MADT carries. */
#define GICPLAN_ACPI_5_1 0   /* MADT revision 3 */
#define GICPLAN_ACPI_6_0 1   /* MADT revision 4: what QEMU 7.2 writes (gicplan's default) */
#define GICPLAN_ACPI_6_5 2   /* MADT revision 6, online-capable GICCs */

/* "5.1", "6.0", "6.5" -> *@version (GICPLAN_ACPI_*). Returns 0 or GICPLAN_E_USAGE. */
GICPLAN_API int gicplan_acpi_version_parse(const char *s, int *version);

struct gicplan_acpi_options {
	int version;          /* GICPLAN_ACPI_* */
	uint64_t boot_cpus;   /* vCPUs enabled at boot; 0: every vCPU. The rest are
			       * online-capable (6.5) or not enabled (older) */
	const char *dir;      /* an existing folder the tables will be written to; NULL: none */
};

struct gicplan_acpi_tables;

/*
 * The ACPI tables a UEFI guest reads @plan's GIC from (the MADT, and the IORT
 * with an ITS), read back as a guest's ACPI path reads them and proven
 * against the plan's VGIC by verify's checks under @vo (NULL: the defaults)
 * and the ACPI checks. Nothing is written: gicplan_write_files writes them.
 * Errors: GICPLAN_E_INPUT (more boot vCPUs than vCPUs, @o->dir not an
 * existing folder, a MADT over 4 GiB); GICPLAN_E_USAGE (an unknown version
 * or verify option); GICPLAN_E_CHECK naming the first check the tables fail.
 * *@out is the caller's; @o NULL: ACPI 6.0, every vCPU enabled, no folder.
 */
GICPLAN_API int gicplan_plan_acpi(const struct gicplan_plan *plan,
				  const struct gicplan_acpi_options *o,
				  const struct gicplan_verify_options *vo,
				  struct gicplan_acpi_tables **out, struct gicplan_error *err);

/* The most tables gicplan_plan_acpi writes: the MADT and the IORT. */
#define GICPLAN_ACPI_TABLES_MAX 2

/* One table: its acpidump -b file name ("apic.dat"), its path in dir ("" without), its bytes. */
struct gicplan_acpi_table {
	char file[16];
	const char *path;      /* owned by the tables */
	const void *data;      /* owned by the tables */
	size_t len;
};

/* How many tables @t has. */
GICPLAN_API size_t gicplan_acpi_tables_count(const struct gicplan_acpi_tables *t);

/* Table @i. Errors: GICPLAN_E_USAGE for an @i past the last. */
GICPLAN_API int gicplan_acpi_table(const struct gicplan_acpi_tables *t, size_t i,
				   struct gicplan_acpi_table *out, struct gicplan_error *err);

GICPLAN_API void gicplan_acpi_tables_free(struct gicplan_acpi_tables *t);

/* One output file: @len bytes of @data to @path (NULL: skipped; "-": standard output). */
struct gicplan_output {
	const char *path;
	const void *data;
	size_t len;
};

/*
 * Write @n outputs whole or none: regular files go to temporary files beside
 * them and are renamed into place only when every one is written; a link's
 * target, a device, a FIFO or standard output is written into after that.
 * Two outputs naming one file are refused before anything is written. Errors:
 * GICPLAN_E_INPUT naming the file.
 */
GICPLAN_API int gicplan_write_files(const struct gicplan_output *outs, size_t n,
				    struct gicplan_error *err);

/*
 * 1 when @a and @b name the same file however spelled ("x", "./x", a link to
 * it; "-" and /dev/stdout), else 0.
 */
GICPLAN_API int gicplan_same_file(const char *a, const char *b);

/* (end of section) */

/* ---- Audits in detail ---- */

/*
 * gicplan_audit pairs its inputs first: a tree takes the GIC version and SPI
 * count it does not say from a plan it is compared with, or the version the
 * other tree shows when its own was only assumed; what the caller gave
 * gicplan_input_load for it (struct gicplan_input_options) stays.
 */

/*
 * How the VMM sizes the GIC state it migrates, which decides what a vCPU
 * count that differs breaks (the layout format's "migration_gic_state").
 */
enum gicplan_vmm {
	/* Not said: the strict rule, another vCPU count breaks both ways. */
	GICPLAN_VMM_UNKNOWN = 0,
	/* "vcpu-count" (QEMU): a stream of another vCPU count does not load. */
	GICPLAN_VMM_VCPU_COUNT = 1,
	/* "max-cpus": saved vCPUs are restored, vCPUs above them start at reset. */
	GICPLAN_VMM_MAX_CPUS = 2,
};

/*
 * The defaults: rollback, the architecture's GIC, no VMM named. Start from
 * them, so that a field added later keeps its default.
 */
GICPLAN_API void gicplan_audit_options_init(struct gicplan_audit_options *o);

/*
 * The rule of @p's VMM (its layout's migration_gic_state; GICPLAN_VMM_MAX_CPUS,
 * gicplan's own model, when the layout does not say): what a VMM auditing two
 * machines of its own platform puts in gicplan_audit_options.vmm.
 * GICPLAN_VMM_UNKNOWN for a NULL @p.
 */
GICPLAN_API int gicplan_platform_vmm(const struct gicplan_platform *p);

/* A difference's verdict in the mode asked: the value of gicplan_diff.breaks_mode. */
enum gicplan_verdict {
	GICPLAN_VERDICT_COMPATIBLE = 0,
	GICPLAN_VERDICT_BREAKS = 1,
};

/* What an audit asked and found. */
struct gicplan_audit_info {
	int mode;                        /* GICPLAN_AUDIT_* asked */
	char vmm_rule[GICPLAN_TEXT_MAX]; /* the VMM's rule applied to vCPU counts, who named it */
	uint64_t compared;               /* values compared */
	size_t differences;              /* gicplan_audit_diffs */
	size_t breaking;                 /* differences that break in the mode asked */
	int breaks;                      /* gicplan_audit_breaks */
};

/* @a's mode, rule and counts. Errors: GICPLAN_E_USAGE (a NULL argument). */
GICPLAN_API int gicplan_audit_info(const struct gicplan_audit *a, struct gicplan_audit_info *out,
				   struct gicplan_error *err);

/* "rollback", "one-way", "identical" for GICPLAN_AUDIT_*; "unknown" otherwise (static). */
GICPLAN_API const char *gicplan_audit_mode_name(int mode);

/* "compatible", "breaks" for enum gicplan_verdict; "unknown" otherwise (static). */
GICPLAN_API const char *gicplan_verdict_name(int verdict);

/*
 * The directions @breaks (GICPLAN_BREAKS_* bits; others are ignored) names:
 * "old->new", "new->old", "old->new, new->old", or "none" (static storage).
 */
GICPLAN_API const char *gicplan_breaks_name(unsigned breaks);

/* (end of section) */

/* ---- The emulated GIC ---- */

/*
 * The GIC an input describes, emulated: gicplan's register-level GICv3/v4
 * model (<gic_emul.h>, installed beside this header; its functions are named
 * gic_* and exported from libgicplan too) created, placed and initialised
 * from the input's VGIC as a VMM sets it up with KVM, under a profile
 * (whose GIC it is: the architecture's, KVM's, QEMU's). A tool reads and
 * writes its registers as the guest does through gicplan_gic_mmio_read and
 * gicplan_gic_mmio_write, and drives the rest (CPU interfaces, interrupt
 * lines, ITSs) with <gic_emul.h> on gicplan_gic_emul(). The emulator is
 * single-threaded: one thread at a time per handle, reads included.
 */
struct gicplan_gic;
struct gic;              /* <gic_emul.h> */

/*
 * 1 when @name is a QEMU virt machine type QEMU 7.2 offers: "virt-2.6" ..
 * "virt-7.2", or "virt" (the latest); else 0.
 */
GICPLAN_API int gicplan_qemu_machine_valid(const char *name);

/*
 * The emulated GIC of @in under @profile (GICPLAN_PROFILE_*). @qemu_machine:
 * with GICPLAN_PROFILE_QEMU, the virt machine type QEMU runs, which a tree
 * does not record and which decides whether its GIC has LPIs (and a GICv4
 * 256 KiB redistributors): "virt-6.1"; NULL: the latest. *@out is the
 * caller's and does not refer to @in, which is not changed.
 * Errors: GICPLAN_E_USAGE (NULL @in or @out, an unknown profile, a machine
 * type that is not one, or one given with another profile), GICPLAN_E_CHECK
 * ("INPUT: the VGIC it describes does not build: REASON", REASON the
 * emulator's: more vCPUs than redistributor frames, overlapping regions...),
 * GICPLAN_E_NOMEM.
 */
GICPLAN_API int gicplan_input_gic(const struct gicplan_input *in, int profile,
				  const char *qemu_machine, struct gicplan_gic **out,
				  struct gicplan_error *err);

/*
 * The emulator of @gic, for <gic_emul.h>'s functions (NULL for NULL). It
 * belongs to @gic and lives as long as it: never gic_destroy() it. Its own
 * gic_mmio_read() answers as the emulator places frames; read through
 * gicplan_gic_mmio_read() to see them as the tree does.
 */
GICPLAN_API struct gic *gicplan_gic_emul(struct gicplan_gic *gic);

/*
 * Read @size bytes (1, 2, 4 or 8) at guest physical address @addr into @val,
 * as the guest of the VMM sees it: gic_mmio_read(), and where the tree pads
 * each redistributor to a redistributor-stride (hardware such as HiSilicon's
 * hip05; the emulator places each such frame alone), GICR_TYPER.Last is set
 * on the last frame of each region only, so that a guest's walk ends where
 * the tree's region does.
 * Errors: GICPLAN_E_USAGE for a NULL argument or an access the GIC refuses
 * (an address in no frame, a width or alignment the register does not take);
 * the message is then the emulator's reason alone, as gic_strerror() gives it.
 */
GICPLAN_API int gicplan_gic_mmio_read(struct gicplan_gic *gic, uint64_t addr, unsigned size,
				      uint64_t *val, struct gicplan_error *err);

/* Write the low @size bytes of @val at @addr, as the guest does. Errors: as the read's. */
GICPLAN_API int gicplan_gic_mmio_write(struct gicplan_gic *gic, uint64_t addr, unsigned size,
				       uint64_t val, struct gicplan_error *err);

GICPLAN_API void gicplan_gic_free(struct gicplan_gic *gic);

/* (end of section) */

#ifdef __cplusplus
}
#endif

#endif
