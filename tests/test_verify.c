/* SPDX-License-Identifier: MIT */
/*
 * verify: broken trees fail their own named check, sound ones pass them all.
 *
 * Every broken tree is made here, at test time, from a tree gicplan really
 * emits (platform -> plan -> gp_emit_fdt), edited with libfdt's read-write
 * API, and read back with gp_dt_read as `gicplan verify FILE.dtb` reads a
 * file. The VGIC is inferred from the tree (gp_vgic_from_machine, as verify
 * does for a .dtb) unless a case is about what the VMM set up from its plan
 * (gp_vgic_from_plan). What each case expects (the offending address, CPU,
 * INTID, how many frames or deliveries) is computed here from the edit and
 * from the architecture's rules, not read from gicplan's output.
 */
#include <check.h>
#include <inttypes.h>
#include <libfdt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dt_reader.h"
#include "emit_fdt.h"
#include "input.h"
#include "machine.h"
#include "plan.h"
#include "planner.h"
#include "platform.h"
#include "verify.h"
#include "vgic.h"
#include "xfdt.h"
#include "xfile.h"
#include "xlayout.h"
#include "xplan.h"
#include "xrun.h"

#define GOLDEN_DIR GICPLAN_SOURCE_DIR "/tests/golden/qemu-7.2/"
#define SHARED_FIXTURES_DIR GICPLAN_SOURCE_DIR "/tests/fixtures/qemu-7.2/"
#define LAYOUT(name) GICPLAN_SOURCE_DIR "/tests/layouts/good/" name

#define KIB (UINT64_C(1) << 10)
#define FRAME_64K (64 * KIB)
#define V3_REDIST (128 * KIB)      /* RD_base + SGI_base */
#define V4_REDIST (256 * KIB)      /* + VLPI_base + reserved */
#define ROOM 65536                 /* bytes of room added to a tree for edits */
#define DEFAULT_TREE_SPIS 256u     /* what verify assumes for a .dtb (QEMU virt's) */
#define DEFAULT_IPA_BITS 40u       /* KVM's default IPA size */
#define SGI_RANGE 16u              /* Aff0 values one ICC_SGI1R_EL1 target list reaches */
#define QEMU_SPIS_SHORT 32u        /* QEMU 7.2's ITLinesNumber is one block of 32 short */
#define KVM_MAX_VCPUS_ARM64 512u   /* KVM_MAX_VCPUS on arm64 (REFERENCE.md section 5) */
#define SPEC_SPI 0u
#define SPEC_PPI 1u
#define FLAG_LEVEL 4u
#define FLAG_EDGE_TOGGLE (4u | 1u) /* level-high <-> edge-rising */

/* ---- trees ------------------------------------------------------------------------ */

/* A tree to verify: the plan it was emitted from (if any) and its writable blob. */
struct tree {
	struct gp_plan *plan;
	void *fdt;
};

/* Plan @cpus vCPUs on @layout (NULL: the bundled virt) and emit the tree. */
static struct tree plan_tree(const char *layout, uint64_t cpus, unsigned gic, int virt)
{
	struct gp_request req = { .cpus = cpus, .gic_version = gic, .its = -1,
				  .virtualization = virt };
	struct tree t;
	size_t len;
	void *blob = x_plan_tree(layout ? layout : "virt", req, &t.plan, &len);

	t.fdt = x_fdt_writable(blob, ROOM);
	free(blob);
	return t;
}

static struct tree file_tree(const char *path)
{
	struct tree t = { NULL, NULL };
	size_t len;
	void *blob = x_read_file(path, &len);

	ck_assert_uint_gt(len, 0);
	t.fdt = x_fdt_writable(blob, ROOM);
	free(blob);
	return t;
}

static void tree_free(struct tree *t)
{
	free(t->plan);
	free(t->fdt);
	t->plan = NULL;
	t->fdt = NULL;
}

/* Set @node's reg to @n (base, size) pairs, in its parent's cells. */
static void set_reg(void *fdt, int node, const uint64_t (*e)[2], int n)
{
	int parent = fdt_parent_offset(fdt, node);
	uint32_t ac = x_prop_u32(fdt, parent, "#address-cells");
	uint32_t sc = x_prop_u32(fdt, parent, "#size-cells");
	fdt32_t buf[64];
	uint32_t k = 0;

	ck_assert_uint_le((uint32_t)n * (ac + sc), 64);
	for (int i = 0; i < n; i++) {
		x_put_cells(buf + k, (int)ac, e[i][0]);
		k += ac;
		x_put_cells(buf + k, (int)sc, e[i][1]);
		k += sc;
	}
	ck_assert_int_eq(fdt_setprop(fdt, node, "reg", buf, (int)(k * sizeof(fdt32_t))), 0);
}

/* Set a cpu node's reg (its MPIDR) in /cpus' #address-cells. */
static void set_cpu_reg(void *fdt, int node, uint64_t mpidr)
{
	uint32_t ac = x_prop_u32(fdt, fdt_parent_offset(fdt, node), "#address-cells");
	fdt32_t buf[2];

	x_put_cells(buf, (int)ac, mpidr);
	ck_assert_int_eq(fdt_setprop(fdt, node, "reg", buf, (int)(ac * sizeof(fdt32_t))), 0);
}

static void set_u32(void *fdt, int node, const char *name, uint32_t v)
{
	ck_assert_int_eq(fdt_setprop_u32(fdt, node, name, v), 0);
}

static void set_irqs(void *fdt, int node, const char *name, const uint32_t (*spec)[3], int n)
{
	fdt32_t buf[12];

	ck_assert_int_le(n, 4);
	for (int i = 0; i < n; i++)
		for (int k = 0; k < 3; k++)
			buf[3 * i + k] = cpu_to_fdt32(spec[i][k]);
	ck_assert_int_eq(fdt_setprop(fdt, node, name, buf, (int)(n * 3 * sizeof(fdt32_t))), 0);
}

/* ---- running verify ----------------------------------------------------------------- */

struct vo {
	enum gic_profile profile;
	unsigned version;       /* for a tree: 0 = inferred, as verify FILE.dtb */
	bool from_plan;         /* the VGIC the VMM sets up from the plan */
	bool exhaustive;
	bool strict;
	unsigned ipa_bits;      /* 0: the plan's, or 40 */
};

/* What verify found, and the tree and VGIC it ran on (for expectations). */
struct run {
	struct gp_verify_result r;
	struct gp_machine m;
	struct gp_vgic v;
};

static struct run *verify(const struct tree *t, const struct vo *o)
{
	struct run *x = calloc(1, sizeof(*x));
	struct gp_verify_options vo = { .profile = o->profile, .exhaustive = o->exhaustive,
					.strict = o->strict };
	char note[sizeof(x->r.version_note)] = "from the plan";
	struct gp_error err;

	ck_assert_ptr_nonnull(x);
	gp_error_init(&err);
	ck_assert_msg(gp_dt_read(t->fdt, fdt_totalsize(t->fdt), "edited tree", &x->m, &err) == 0,
		      "the edited tree does not read: %s", err.msg);
	if (o->from_plan) {
		ck_assert_ptr_nonnull(t->plan);
		ck_assert_msg(gp_vgic_from_plan(t->plan, &x->v, &err) == 0, "%s", err.msg);
	} else {
		bool assumed;
		unsigned version = gp_vgic_infer_version(&x->m, o->version, note, sizeof(note),
							 &assumed);
		uint32_t spis = t->plan ? t->plan->req.spis : DEFAULT_TREE_SPIS;

		ck_assert_msg(gp_vgic_from_machine(&x->m, version, spis, &x->v, &err) == 0, "%s",
			      err.msg);
	}
	vo.ipa_bits = o->ipa_bits ? o->ipa_bits : t->plan ? t->plan->ipa_bits : DEFAULT_IPA_BITS;
	ck_assert_msg(gp_verify(&x->m, &x->v, &vo, &x->r, &err) == 0, "verify: %s", err.msg);
	/* As the verify command does: the note goes in after the run, which clears the result. */
	snprintf(x->r.version_note, sizeof(x->r.version_note), "%s", note);
	return x;
}

static void run_free(struct run *x)
{
	gp_machine_free(&x->m);
	gp_vgic_free(&x->v);
	free(x);
}

/* Every check, one a line, for failure messages. */
static const char *dump(const struct gp_verify_result *r)
{
	static char buf[GP_CHECKS * 400];
	size_t n = 0;

	for (int i = 0; i < GP_CHECKS; i++) {
		const struct gp_check *k = &r->checks[i];

		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "\n  %s %s %" PRIu64 " %s",
				      gp_check_status_name(k->status), gp_check_name(i), k->count,
				      k->detail);
		if (n >= sizeof(buf))
			break;
	}
	return buf;
}

/* Check @id has status @want and its detail holds every needle (NULL-terminated). */
static void expect_status(const struct gp_verify_result *r, enum gp_check_id id,
			  enum gp_check_status want, ...)
{
	const struct gp_check *k = &r->checks[id];
	const char *needle;
	va_list ap;

	ck_assert_msg(k->status == want, "%s is %s, expected %s:%s", gp_check_name(id),
		      gp_check_status_name(k->status), gp_check_status_name(want), dump(r));
	ck_assert_str_eq(k->name, gp_check_name(id));
	va_start(ap, want);
	while ((needle = va_arg(ap, const char *)) != NULL)
		ck_assert_msg(strstr(k->detail, needle) != NULL,
			      "%s's detail \"%s\" does not name \"%s\"", gp_check_name(id), k->detail,
			      needle);
	va_end(ap);
}

#define expect_fail(r, id, ...) expect_status(r, id, GP_CHECK_FAIL, __VA_ARGS__, (const char *)NULL)
#define expect_warn(r, id, ...) expect_status(r, id, GP_CHECK_WARN, __VA_ARGS__, (const char *)NULL)
#define expect_skip(r, id, ...) expect_status(r, id, GP_CHECK_SKIP, __VA_ARGS__, (const char *)NULL)
#define expect_pass(r, id) expect_status(r, id, GP_CHECK_PASS, (const char *)NULL)

#define BIT(id) (UINT64_C(1) << (id))

/* Every check not in @except passes. */
static void expect_pass_except(const struct gp_verify_result *r, uint64_t except)
{
	for (int i = 0; i < GP_CHECKS; i++)
		if (!(except & BIT(i)))
			ck_assert_msg(r->checks[i].status == GP_CHECK_PASS, "%s is %s, expected pass:%s",
				      gp_check_name(i), gp_check_status_name(r->checks[i].status),
				      dump(r));
}

/* "0x<hex>", for looking addresses up in details. */
static const char *hex(uint64_t v)
{
	static char bufs[8][24];
	static unsigned next;
	char *b = bufs[next++ % 8];

	snprintf(b, sizeof(bufs[0]), "0x%" PRIx64, v);
	return b;
}

/* ---- the facts expectations come from ---------------------------------------------- */

/*
 * An ICC_SGI1R_EL1 write names one Aff3.Aff2.Aff1 group and one range of 16
 * Aff0 values: how many such target lists @n vCPUs of MPIDRs @mpidr (in
 * ascending order) fill.
 */
static uint64_t x_lists_of(const uint64_t *mpidr, uint64_t n)
{
	uint64_t lists = 0, prev = UINT64_MAX;

	for (uint64_t i = 0; i < n; i++) {
		uint64_t key = (mpidr[i] >> 8) << 8 | (mpidr[i] & 0xff) / SGI_RANGE;

		if (key != prev)
			lists++;
		prev = key;
	}
	return lists;
}

/* The same for vCPUs 0..n-1 numbered in Aff0 groups of @g. */
static uint64_t x_target_lists(uint64_t g, uint64_t n)
{
	uint64_t *mpidr = malloc((n ? n : 1) * sizeof(*mpidr)), lists;

	ck_assert_ptr_nonnull(mpidr);
	for (uint64_t i = 0; i < n; i++)
		mpidr[i] = x_mpidr(g, i);
	lists = x_lists_of(mpidr, n);
	free(mpidr);
	return lists;
}

/* The SPIs a guest sees: QEMU 7.2 advertises one block of 32 fewer than it implements. */
static uint32_t x_guest_spis(uint32_t spis, enum gic_profile p)
{
	return p == GIC_PROFILE_QEMU ? spis - QEMU_SPIS_SHORT : spis;
}

/*
 * Default coverage, as the routing checks must reach (every SPI to the CPU
 * its IROUTER names, every SGI to its target list, PPIs local) and verify.c
 * promises: every SPI taken at least once and every vCPU taking at least one
 * (max(spis, cpus) deliveries); one SGI to a vCPU half the machine away per
 * vCPU, one target-list pass over every vCPU, and one IRM=1 SGI reaching all
 * but its sender (3n - 1 receptions); a PPI per vCPU.
 * Exhaustive: every SPI to every vCPU, every vCPU sending a target-list pass
 * to every vCPU (n * n), plus the IRM=1 SGI.
 */
static void expect_coverage(const struct gp_verify_result *r, uint64_t cpus, uint32_t spis,
			    uint64_t lists, bool exhaustive)
{
	uint64_t irm = cpus > 1 ? cpus - 1 : 0;

	ck_assert_uint_eq(r->frames_walked, cpus);
	ck_assert_uint_eq(r->ppi_deliveries, cpus);
	if (exhaustive) {
		ck_assert_uint_eq(r->spi_deliveries, (uint64_t)spis * cpus);
		ck_assert_uint_ge(r->sgi_deliveries, cpus * cpus);
		ck_assert_uint_eq(r->sgi_deliveries, cpus * cpus + irm);
		ck_assert_uint_eq(r->sgi_writes, cpus * lists + (cpus > 1));
	} else {
		ck_assert_uint_eq(r->spi_deliveries, (spis > cpus ? spis : cpus));
		ck_assert_uint_eq(r->sgi_deliveries, cpus + cpus + irm);
		ck_assert_uint_eq(r->sgi_writes, cpus + lists + (cpus > 1));
	}
	ck_assert_uint_eq(r->checks[GP_CHECK_SPI_ROUTING].count, r->spi_deliveries);
	ck_assert_uint_eq(r->checks[GP_CHECK_SGI_ROUTING].count, r->sgi_deliveries);
	ck_assert_uint_eq(r->checks[GP_CHECK_PPI_LOCAL].count, cpus);
	ck_assert_uint_eq(r->checks[GP_CHECK_MPIDR_FOUND].count, cpus);
	ck_assert_uint_eq(r->checks[GP_CHECK_REDIST_WALK].count, cpus);
}

/* ---- sound trees ------------------------------------------------------------------ */

struct sound {
	const char *layout;   /* NULL: virt */
	uint64_t cpus;
	unsigned gic;         /* 0: the platform's */
	int virt;             /* -1: the platform's */
	uint64_t per_group;   /* the layout's aff0_per_group */
	bool kvm_ok;          /* KVM and QEMU show it (GICv3, Aff0 within 16) */
};

static const struct sound sound[] = {
	{ NULL, 1, 0, -1, 16, true },
	{ NULL, 8, 0, -1, 16, true },
	{ NULL, 127, 0, -1, 16, true },    /* legacy: the 16 MiB window full */
	{ NULL, 300, 0, -1, 16, true },    /* compact */
	{ NULL, 1100, 0, -1, 16, true },   /* high; more vCPUs than KVM takes: fails for KVM */
	{ NULL, 8, 0, 1, 16, true },       /* with the maintenance interrupt */
	{ NULL, 20, 4, -1, 16, false },    /* GICv4: KVM shows none */
	{ LAYOUT("two-regions.json"), 12, 0, -1, 16, true },
	{ LAYOUT("two-regions.json"), 6, 4, -1, 16, false },
	{ LAYOUT("small.json"), 200, 0, -1, 16, true },
	{ LAYOUT("aff0-32.json"), 40, 0, -1, 32, false },
};
#define NR_SOUND (int)(sizeof(sound) / sizeof(sound[0]))

/* A tree gicplan emits passes every check, as a plan and as a bare tree, under each profile. */
START_TEST(sound_trees_pass)
{
	const struct sound *s = &sound[_i];
	struct tree t = plan_tree(s->layout, s->cpus, s->gic, s->virt);
	uint32_t spis = t.plan->req.spis;

	for (int p = GIC_PROFILE_ARCH; p <= GIC_PROFILE_QEMU; p++) {
		if (p != GIC_PROFILE_ARCH && !s->kvm_ok && !(p == GIC_PROFILE_QEMU && s->gic == 4))
			continue;
		for (int from_plan = 0; from_plan < 2; from_plan++) {
			struct vo o = { .profile = (enum gic_profile)p, .from_plan = from_plan,
					.version = t.plan->req.gic_version };
			struct run *x = verify(&t, &o);
			const struct gp_verify_result *r = &x->r;
			uint64_t except = 0;
			bool v4 = t.plan->req.gic_version == 4;
			bool beyond_kvm = s->cpus > KVM_MAX_VCPUS_ARM64 || v4;

			/* What KVM's VGIC cannot give fails only a plan for KVM. */
			ck_assert_msg(r->failed == (beyond_kvm && p == GIC_PROFILE_KVM),
				      "%" PRIu64 " vCPUs, %s profile:%s", s->cpus,
				      gic_profile_name(o.profile), dump(r));
			ck_assert_uint_eq(r->gic_version, t.plan->req.gic_version);
			if (beyond_kvm) {
				char max[16];

				/* More vCPUs than VGIC_V3_MAX_CPUS, or a GICv4: KVM gives a GICv3. */
				snprintf(max, sizeof(max), "%u", KVM_MAX_VCPUS_ARM64);
				expect_status(r, GP_CHECK_KVM_ATTRS,
					      p == GIC_PROFILE_KVM ? GP_CHECK_FAIL : GP_CHECK_WARN,
					      v4 ? "GICv4" : max, (const char *)NULL);
				except |= BIT(GP_CHECK_KVM_ATTRS);
			}
			if (p == GIC_PROFILE_QEMU) {
				/* QEMU 7.2: ITLinesNumber one short, and No1N. */
				char shown[32], set_up[32];

				snprintf(shown, sizeof(shown), "%u SPIs", x_guest_spis(spis, p));
				snprintf(set_up, sizeof(set_up), "of the %u", spis);
				expect_warn(r, GP_CHECK_GICD_TYPER, shown, set_up);
				expect_skip(r, GP_CHECK_SPI_1OFN, "No1N");
				expect_pass_except(r, except | BIT(GP_CHECK_GICD_TYPER) |
							      BIT(GP_CHECK_SPI_1OFN));
			} else {
				expect_pass_except(r, except);
				ck_assert_uint_eq(r->checks[GP_CHECK_SPI_1OFN].count, spis);
			}
			expect_coverage(r, s->cpus, x_guest_spis(spis, (enum gic_profile)p),
					x_target_lists(s->per_group, s->cpus), false);
			ck_assert_uint_eq(r->checks[GP_CHECK_CPU_NODES].count, s->cpus);
			ck_assert_uint_eq(r->checks[GP_CHECK_REDIST_PIDR2].count, t.plan->nr_redist);
			run_free(x);
		}
	}
	tree_free(&t);
}
END_TEST

/* --exhaustive: every SPI to every vCPU, every vCPU's SGIs to every vCPU. */
START_TEST(exhaustive_coverage)
{
	static const struct { const char *layout; uint64_t cpus, per_group; enum gic_profile p; } c[] = {
		{ NULL, 20, 16, GIC_PROFILE_ARCH },
		{ NULL, 20, 16, GIC_PROFILE_QEMU },
		{ LAYOUT("two-regions.json"), 12, 16, GIC_PROFILE_KVM },
		{ LAYOUT("aff0-32.json"), 40, 32, GIC_PROFILE_ARCH },
	};

	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		struct tree t = plan_tree(c[i].layout, c[i].cpus, 0, -1);
		struct vo o = { .profile = c[i].p, .exhaustive = true };
		struct run *x = verify(&t, &o);

		ck_assert_msg(!x->r.failed, "%s", dump(&x->r));
		ck_assert(x->r.exhaustive);
		expect_coverage(&x->r, c[i].cpus, x_guest_spis(t.plan->req.spis, c[i].p),
				x_target_lists(c[i].per_group, c[i].cpus), true);
		run_free(x);
		tree_free(&t);
	}
}
END_TEST

/* ---- broken trees: addressing ------------------------------------------------------ */

/* A single region cut below its vCPUs: the walk would leave it. */
START_TEST(region_too_small)
{
	struct tree t = plan_tree(NULL, 8, 0, -1);
	uint64_t gicd = t.plan->gicd.base, base = t.plan->redist[0].base;
	uint64_t cut = base + 7 * V3_REDIST;
	uint64_t reg[2][2] = { { gicd, FRAME_64K }, { base, 7 * V3_REDIST } };

	ck_assert_uint_eq(t.plan->nr_redist, 1);
	set_reg(t.fdt, x_gic_node(t.fdt), reg, 2);
	for (int from_plan = 0; from_plan < 2; from_plan++) {
		struct vo o = { .from_plan = from_plan };
		struct run *x = verify(&t, &o);

		ck_assert(x->r.failed);
		/* Frame 6 has no Last (the VMM placed 8): the next TYPER read is past the end. */
		expect_fail(&x->r, GP_CHECK_REDIST_WALK, "region 0", hex(base), hex(cut));
		expect_fail(&x->r, GP_CHECK_MPIDR_FOUND, "CPU 7", "MPIDR 0x7");
		expect_pass(&x->r, GP_CHECK_REGION_ALIGNMENT);
		expect_pass(&x->r, GP_CHECK_REGION_OVERLAP);
		expect_pass(&x->r, GP_CHECK_REDIST_CAPACITY);
		run_free(x);
	}
	tree_free(&t);
}
END_TEST

/* A second region over the first: region-overlap, and vCPUs found twice. */
START_TEST(regions_overlap)
{
	struct tree t = plan_tree(NULL, 8, 0, -1);
	uint64_t gicd = t.plan->gicd.base, base = t.plan->redist[0].base;
	uint64_t second = base + 4 * V3_REDIST;
	uint64_t reg[3][2] = { { gicd, FRAME_64K }, { base, 8 * V3_REDIST },
			       { second, 4 * V3_REDIST } };
	int gic = x_gic_node(t.fdt);
	/* GICv3 as planned: inferred, 8 + 4 frames for 8 vCPUs would make it GICv4. */
	struct vo o = { .version = 3 };
	struct run *x;

	set_reg(t.fdt, gic, reg, 3);
	set_u32(t.fdt, gic, "#redistributor-regions", 2);
	x = verify(&t, &o);
	ck_assert(x->r.failed);
	expect_fail(&x->r, GP_CHECK_REGION_OVERLAP, "redist1", hex(second), "redist0", hex(base));
	/* Region 1 starts on vCPU 4's frame: the walk meets vCPUs 4-7 again, more frames
	 * than there are vCPUs (each vCPU still finds its own first, as Linux's would). */
	expect_fail(&x->r, GP_CHECK_REDIST_WALK, "region 1", "more frames than there are vCPUs");
	expect_pass(&x->r, GP_CHECK_MPIDR_FOUND);
	expect_pass(&x->r, GP_CHECK_REDIST_REGIONS);
	run_free(x);
	tree_free(&t);
}
END_TEST

/* A device moved onto the redistributors. */
START_TEST(device_over_region)
{
	struct tree t = plan_tree(NULL, 8, 0, -1);
	uint64_t base = t.plan->redist[0].base, uart = base + 3 * V3_REDIST;
	uint64_t reg[1][2] = { { uart, 0x1000 } };
	int node = x_node_compatible(t.fdt, "arm,pl011");
	char path[128];
	struct vo o = { 0 };
	struct run *x;

	ck_assert_int_eq(fdt_get_path(t.fdt, node, path, sizeof(path)), 0);
	set_reg(t.fdt, node, reg, 1);
	x = verify(&t, &o);
	ck_assert(x->r.failed);
	expect_fail(&x->r, GP_CHECK_REGION_OVERLAP, path, hex(uart), "redist0", hex(base));
	/* The guest's GIC itself is sound. */
	expect_pass(&x->r, GP_CHECK_REDIST_WALK);
	expect_pass(&x->r, GP_CHECK_MPIDR_FOUND);
	expect_pass(&x->r, GP_CHECK_SPI_ROUTING);
	run_free(x);
	tree_free(&t);
}
END_TEST

/* Two regions holding fewer frames than there are vCPUs. */
START_TEST(more_cpus_than_frames)
{
	struct tree t = plan_tree(NULL, 8, 0, -1);
	uint64_t gicd = t.plan->gicd.base, base = t.plan->redist[0].base;
	uint64_t second = base + 8 * V3_REDIST;
	/* 3 + 2 frames for 8 vCPUs: vCPU 5 is the first without one. */
	uint64_t reg[3][2] = { { gicd, FRAME_64K }, { base, 3 * V3_REDIST },
			       { second, 2 * V3_REDIST } };
	int gic = x_gic_node(t.fdt);
	struct vo o = { 0 };
	struct run *x;

	set_reg(t.fdt, gic, reg, 3);
	set_u32(t.fdt, gic, "#redistributor-regions", 2);
	x = verify(&t, &o);
	ck_assert(x->r.failed);
	expect_fail(&x->r, GP_CHECK_REDIST_CAPACITY, "vCPU 5", "MPIDR 0x5", "hold 5");
	ck_assert_uint_eq(x->r.checks[GP_CHECK_REDIST_CAPACITY].count, 5);
	expect_pass(&x->r, GP_CHECK_REDIST_REGIONS);
	expect_pass(&x->r, GP_CHECK_REGION_OVERLAP);
	run_free(x);
	tree_free(&t);
}
END_TEST

/*
 * KVM lays redistributors 128 KiB apart (vgic_register_redist_iodev): a tree
 * whose stride differs fails kvm-attrs under --profile kvm and warns under
 * the others (a VMM with its own GIC can pad); the 128 KiB stride is KVM's own.
 */
START_TEST(kvm_stride)
{
	static const uint64_t strides[] = { V4_REDIST, 3 * FRAME_64K, V3_REDIST };

	for (size_t i = 0; i < sizeof(strides) / sizeof(strides[0]); i++)
		for (int kvm = 0; kvm < 2; kvm++) {
			struct tree t = plan_tree(NULL, 8, 0, -1);
			struct vo o = { .profile = kvm ? GIC_PROFILE_KVM : GIC_PROFILE_ARCH };
			struct run *x;

			ck_assert_int_eq(fdt_setprop_u64(t.fdt, x_gic_node(t.fdt),
							 "redistributor-stride", strides[i]), 0);
			x = verify(&t, &o);
			if (strides[i] == V3_REDIST)
				ck_assert_str_eq(gp_check_status_name(
					x->r.checks[GP_CHECK_KVM_ATTRS].status), "pass");
			else if (kvm)
				expect_fail(&x->r, GP_CHECK_KVM_ATTRS, hex(strides[i]),
					    "vgic_register_redist_iodev");
			else {
				ck_assert_str_eq(gp_check_status_name(
					x->r.checks[GP_CHECK_KVM_ATTRS].status), "warn");
				ck_assert_ptr_nonnull(strstr(x->r.checks[GP_CHECK_KVM_ATTRS].detail,
							     hex(strides[i])));
			}
			run_free(x);
			tree_free(&t);
		}
}
END_TEST

/* redistributor-stride: not a multiple of 64 KiB, zero, below a frame; the frame size passes. */
START_TEST(stride)
{
	static const struct { uint64_t stride; const char *why; } bad[] = {
		{ 0x28000, "not a non-zero multiple of 64 KiB" },
		{ 0x18000, "not a non-zero multiple of 64 KiB" },
		{ 0, "not a non-zero multiple of 64 KiB" },
		{ FRAME_64K, "smaller than a GICv3 redistributor" },
	};

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct tree t = plan_tree(NULL, 8, 0, -1);
		struct vo o = { 0 };
		struct run *x;

		ck_assert_int_eq(fdt_setprop_u64(t.fdt, x_gic_node(t.fdt), "redistributor-stride",
						 bad[i].stride), 0);
		x = verify(&t, &o);
		ck_assert(x->r.failed);
		expect_fail(&x->r, GP_CHECK_REDIST_STRIDE, hex(bad[i].stride), bad[i].why);
		run_free(x);
		tree_free(&t);
	}
	for (int pad = 0; pad < 2; pad++) {
		/*
		 * The stride a GICv3 guest would step anyway: nothing changes. Property
		 * values are only 4-byte aligned: with and without an empty property
		 * (a 12-byte header) before it, the 64-bit value sits at both alignments
		 * (libfdt adds a new property first in its node).
		 */
		struct tree t = plan_tree(NULL, 8, 0, -1);
		struct vo o = { 0 };
		struct run *x;
		const void *value;

		ck_assert_int_eq(fdt_setprop_u64(t.fdt, x_gic_node(t.fdt), "redistributor-stride",
						 V3_REDIST), 0);
		if (pad)
			ck_assert_int_eq(fdt_setprop(t.fdt, x_gic_node(t.fdt), "gicplan-test,pad",
						     NULL, 0), 0);
		value = fdt_getprop(t.fdt, x_gic_node(t.fdt), "redistributor-stride", NULL);
		ck_assert_ptr_nonnull(value);
		ck_assert_uint_eq(((uintptr_t)value - (uintptr_t)t.fdt) % 8, pad ? 4 : 0);
		x = verify(&t, &o);
		ck_assert_msg(!x->r.failed, "%s", dump(&x->r));
		expect_pass_except(&x->r, 0);
		ck_assert_uint_eq(x->r.checks[GP_CHECK_REDIST_STRIDE].count, 1);
		ck_assert_uint_eq(x->m.stride, V3_REDIST);
		run_free(x);
		tree_free(&t);
	}
	{
		/*
		 * A 256 KiB stride on a GICv3 tree is no proof of GICv4 (GICv3
		 * hardware pads frames to 256 KiB too): GICv3 is assumed, its
		 * 128 KiB frames sit 256 KiB apart, and the walk finds each.
		 */
		struct tree t = plan_tree(NULL, 8, 4, -1);
		struct vo o = { 0 };
		struct run *x;
		uint64_t base = t.plan->redist[0].base, frame;
		struct gp_vgic_walk w = { 0 };

		ck_assert_int_eq(fdt_setprop_u64(t.fdt, x_gic_node(t.fdt), "redistributor-stride",
						 V4_REDIST), 0);
		x = verify(&t, &o);
		ck_assert_uint_eq(x->r.gic_version, 3);
		ck_assert_uint_eq(x->v.redist_size, V3_REDIST);
		ck_assert_uint_eq(x->v.frame_step, V4_REDIST);
		/* vCPU 3's frame: 3 strides from the base, not 3 frames. */
		for (int i = 0; i <= 3; i++)
			frame = gp_vgic_next_frame(&x->v, &w);
		ck_assert_uint_eq(frame, base + 3 * V4_REDIST);
		ck_assert_msg(!x->r.failed, "%s", dump(&x->r));
		ck_assert_uint_eq(x->r.checks[GP_CHECK_MPIDR_FOUND].count, 8);
		ck_assert_uint_eq(x->r.checks[GP_CHECK_REDIST_WALK].count, 8);
		run_free(x);
		tree_free(&t);
	}
	{
		/*
		 * hip05/hip06's case: GICv3 frames padded to 0x30000, a stride that
		 * is no multiple of a frame. Before frames were placed at the
		 * stride, CPU 1 had no redistributor where the walk looked.
		 */
		struct tree t = plan_tree(NULL, 4, 0, -1);
		struct vo o = { 0 };
		struct run *x;
		uint64_t base = t.plan->redist[0].base;
		uint64_t reg[2][2] = { { t.plan->gicd.base, FRAME_64K }, { base, 4 * 0x30000 } };

		set_reg(t.fdt, x_gic_node(t.fdt), reg, 2);
		ck_assert_int_eq(fdt_setprop_u64(t.fdt, x_gic_node(t.fdt), "redistributor-stride",
						 0x30000), 0);
		x = verify(&t, &o);
		ck_assert_msg(!x->r.failed, "%s", dump(&x->r));
		ck_assert_uint_eq(x->r.frames_walked, 4);
		run_free(x);
		/* The same tree with its frames 128 KiB apart, as KVM would put them: CPUs are lost. */
		{
			struct run *y = calloc(1, sizeof(*y));
			struct gp_error err;
			struct gp_verify_options vo = { .ipa_bits = t.plan->ipa_bits };

			gp_error_init(&err);
			ck_assert_ptr_nonnull(y);
			ck_assert_int_eq(gp_dt_read(t.fdt, fdt_totalsize(t.fdt), "t", &y->m, &err), 0);
			ck_assert_int_eq(gp_vgic_from_machine(&y->m, 3, 256, &y->v, &err), 0);
			y->v.frame_step = y->v.redist_size;
			ck_assert_int_eq(gp_verify(&y->m, &y->v, &vo, &y->r, &err), 0);
			expect_fail(&y->r, GP_CHECK_MPIDR_FOUND, "CPU ");
			/* Every offence is counted, not only the first. */
			ck_assert_uint_ge(y->r.checks[GP_CHECK_MPIDR_FOUND].offences, 2);
			run_free(y);
		}
		tree_free(&t);
	}
}
END_TEST

/* The GICD base off the 64 KiB grid. */
START_TEST(gicd_misaligned)
{
	struct tree t = plan_tree(NULL, 8, 0, -1);
	uint64_t gicd = t.plan->gicd.base + 0x1000, base = t.plan->redist[0].base;
	uint64_t reg[2][2] = { { gicd, FRAME_64K }, { base, 8 * V3_REDIST } };
	struct vo o = { 0 };
	struct run *x;

	set_reg(t.fdt, x_gic_node(t.fdt), reg, 2);
	x = verify(&t, &o);
	ck_assert(x->r.failed);
	expect_fail(&x->r, GP_CHECK_REGION_ALIGNMENT, "gicd", hex(gicd), "64 KiB");
	/* KVM refuses the address: no GIC to run. */
	expect_fail(&x->r, GP_CHECK_GIC_MODEL, "placing");
	expect_fail(&x->r, GP_CHECK_KVM_ATTRS, hex(gicd));
	run_free(x);
	tree_free(&t);
}
END_TEST

/* A region running past the end of the IPA. */
START_TEST(region_above_ipa)
{
	struct tree t = plan_tree(NULL, 8, 0, -1);
	uint64_t ipa_end = UINT64_C(1) << t.plan->ipa_bits;
	uint64_t gicd = t.plan->gicd.base, base = ipa_end - 4 * V3_REDIST;
	uint64_t reg[2][2] = { { gicd, FRAME_64K }, { base, 8 * V3_REDIST } };
	char bits[16];
	struct vo o = { 0 };
	struct run *x;

	snprintf(bits, sizeof(bits), "%u-bit", t.plan->ipa_bits);
	set_reg(t.fdt, x_gic_node(t.fdt), reg, 2);
	x = verify(&t, &o);
	ck_assert(x->r.failed);
	expect_fail(&x->r, GP_CHECK_IPA_BOUND, "redist0", hex(base), bits);
	expect_fail(&x->r, GP_CHECK_KVM_ATTRS, "IPA");
	/* The frames themselves are where the tree says. */
	expect_pass(&x->r, GP_CHECK_MPIDR_FOUND);
	run_free(x);
	/* The same tree in a larger IPA is fine. */
	o.ipa_bits = t.plan->ipa_bits + 1;
	x = verify(&t, &o);
	ck_assert_msg(!x->r.failed, "%s", dump(&x->r));
	run_free(x);
	tree_free(&t);
}
END_TEST

/* #redistributor-regions: more than reg has, zero, and fewer than the VMM set up. */
START_TEST(redist_regions_count)
{
	{
		struct tree t = plan_tree(NULL, 8, 0, -1);
		struct vo o = { 0 };
		struct run *x;

		set_u32(t.fdt, x_gic_node(t.fdt), "#redistributor-regions", 3);
		x = verify(&t, &o);
		ck_assert(x->r.failed);
		expect_fail(&x->r, GP_CHECK_REDIST_REGIONS, "#redistributor-regions = 3",
			    "1 entries after GICD");
		run_free(x);
		set_u32(t.fdt, x_gic_node(t.fdt), "#redistributor-regions", 0);
		x = verify(&t, &o);
		ck_assert(x->r.failed);
		expect_fail(&x->r, GP_CHECK_REDIST_REGIONS, "#redistributor-regions = 0");
		run_free(x);
		tree_free(&t);
	}
	{
		/* Two regions in reg, #redistributor-regions 1: the guest walks only the first. */
		struct tree t = plan_tree(LAYOUT("two-regions.json"), 12, 0, -1);
		uint64_t first_out = t.plan->redist[0].count;   /* vCPU 8: region 1's first */
		char cpu[32], mpidr[32];

		ck_assert_uint_eq(t.plan->nr_redist, 2);
		snprintf(cpu, sizeof(cpu), "CPU %" PRIu64 " ", first_out);
		snprintf(mpidr, sizeof(mpidr), "MPIDR %s", hex(x_mpidr(16, first_out)));
		set_u32(t.fdt, x_gic_node(t.fdt), "#redistributor-regions", 1);
		for (int from_plan = 0; from_plan < 2; from_plan++) {
			struct vo o = { .from_plan = from_plan };
			struct run *x = verify(&t, &o);

			ck_assert(x->r.failed);
			ck_assert_uint_eq(x->m.nr_redist, 1);
			expect_fail(&x->r, GP_CHECK_MPIDR_FOUND, cpu, mpidr);
			if (from_plan)
				/* The VMM set up two: the tree hides one. */
				expect_fail(&x->r, GP_CHECK_REDIST_REGIONS, "1 redistributor regions",
					    "set up 2");
			else
				/* A VMM reading this tree puts every frame in region 0: the walk
				 * runs past its 8 frames. */
				expect_fail(&x->r, GP_CHECK_REDIST_WALK, "region 0",
					    hex(t.plan->redist[0].base + 8 * V3_REDIST));
			run_free(x);
		}
		tree_free(&t);
	}
	{
		/* QEMU's smp 124 tree (regions of 123 and 1) told it has one region. */
		struct tree t = file_tree(GOLDEN_DIR "virt-gicv3-smp124.dtb");
		struct vo o = { .profile = GIC_PROFILE_QEMU };
		struct run *x;

		set_u32(t.fdt, x_gic_node(t.fdt), "#redistributor-regions", 1);
		x = verify(&t, &o);
		ck_assert(x->r.failed);
		expect_fail(&x->r, GP_CHECK_MPIDR_FOUND, "CPU 123 ", hex(x_mpidr(16, 123)));
		expect_fail(&x->r, GP_CHECK_REDIST_WALK, "region 0", hex(0x080A0000 + 0xF60000));
		run_free(x);
		tree_free(&t);
	}
}
END_TEST

/* ---- broken trees: cpus ------------------------------------------------------------- */

START_TEST(duplicate_mpidr)
{
	struct tree t = plan_tree(NULL, 8, 0, -1);
	struct vo o = { 0 };
	struct run *x;

	set_cpu_reg(t.fdt, x_cpu_node(t.fdt, 7), x_mpidr(16, 6));
	x = verify(&t, &o);
	ck_assert(x->r.failed);
	expect_fail(&x->r, GP_CHECK_CPU_NODES, "two cpu nodes", "reg 0x6");
	/* No VMM can give two vCPUs one MPIDR: no GIC is built. */
	expect_fail(&x->r, GP_CHECK_GIC_MODEL, "not built");
	expect_skip(&x->r, GP_CHECK_MPIDR_FOUND, "no GIC");
	run_free(x);
	tree_free(&t);
}
END_TEST

START_TEST(mpidr_stray_bits)
{
	{
		/* Bit 24 is no affinity field (#address-cells 1 holds Aff2.Aff1.Aff0). */
		struct tree t = plan_tree(NULL, 8, 0, -1);
		struct vo o = { 0 };
		struct run *x;

		set_cpu_reg(t.fdt, x_cpu_node(t.fdt, 3), UINT64_C(0x01000003));
		x = verify(&t, &o);
		ck_assert(x->r.failed);
		expect_fail(&x->r, GP_CHECK_CPU_NODES, "cpu 3", "0x1000003", "outside");
		run_free(x);
		/* Nor is bit 31 (MPIDR's RES1), though a guest reads it in MPIDR_EL1. */
		set_cpu_reg(t.fdt, x_cpu_node(t.fdt, 3), UINT64_C(0x80000003));
		x = verify(&t, &o);
		expect_fail(&x->r, GP_CHECK_CPU_NODES, "cpu 3", "0x80000003");
		run_free(x);
		tree_free(&t);
	}
	{
		/* With two cells, Aff3 is bits [39:32]; bit 40 is not. */
		struct tree t = plan_tree(NULL, 4, 0, -1);
		int cpus = fdt_path_offset(t.fdt, "/cpus");
		struct vo o = { 0 };
		struct run *x;

		set_u32(t.fdt, cpus, "#address-cells", 2);
		for (int i = 0; i < 4; i++)
			set_cpu_reg(t.fdt, x_cpu_node(t.fdt, i), (uint64_t)i);
		set_cpu_reg(t.fdt, x_cpu_node(t.fdt, 2), UINT64_C(0x10000000002));
		x = verify(&t, &o);
		ck_assert(x->r.failed);
		expect_fail(&x->r, GP_CHECK_CPU_NODES, "cpu 2", "0x10000000002");
		run_free(x);
		tree_free(&t);
	}
}
END_TEST

/* The VMM's vCPUs (from its plan) against a tree that lost or renumbered a cpu node. */
START_TEST(plan_cpu_without_node)
{
	{
		struct tree t = plan_tree(NULL, 8, 0, -1);
		struct vo o = { .from_plan = true };
		struct run *x;

		ck_assert_int_eq(fdt_del_node(t.fdt, x_cpu_node(t.fdt, 5)), 0);
		x = verify(&t, &o);
		ck_assert(x->r.failed);
		ck_assert_uint_eq(x->m.nr_cpus, 7);
		expect_fail(&x->r, GP_CHECK_CPU_NODES, "7 cpu nodes", "8 vCPUs", "MPIDR 0x5");
		run_free(x);
		tree_free(&t);
	}
	{
		/* Still 8 nodes, but vCPU 5's MPIDR is not among them. */
		struct tree t = plan_tree(NULL, 8, 0, -1);
		struct vo o = { .from_plan = true };
		struct run *x;

		set_cpu_reg(t.fdt, x_cpu_node(t.fdt, 5), x_mpidr(16, 16));
		x = verify(&t, &o);
		ck_assert(x->r.failed);
		expect_fail(&x->r, GP_CHECK_CPU_NODES, "MPIDR 0x5 ", "no cpu node");
		run_free(x);
		/* The same tree alone is self-consistent: a VMM reading it gives vCPU 5 0x10. */
		o.from_plan = false;
		x = verify(&t, &o);
		ck_assert_msg(!x->r.failed, "%s", dump(&x->r));
		run_free(x);
		tree_free(&t);
	}
}
END_TEST

/* ---- broken trees: the binding ------------------------------------------------------ */

START_TEST(device_spi_above_limit)
{
	struct tree t = plan_tree(NULL, 8, 0, -1);
	int uart = x_node_compatible(t.fdt, "arm,pl011");
	uint32_t spis = t.plan->req.spis;
	uint32_t over[1][3] = { { SPEC_SPI, spis + 44, FLAG_LEVEL } };
	/* Below what is set up, but not below what QEMU 7.2 shows. */
	uint32_t hidden[1][3] = { { SPEC_SPI, spis - 2, FLAG_LEVEL } };
	char spi[48], intid[32], limit[32];
	struct vo o = { 0 };
	struct run *x;

	set_irqs(t.fdt, uart, "interrupts", over, 1);
	snprintf(spi, sizeof(spi), "SPI %u ", spis + 44);
	snprintf(intid, sizeof(intid), "INTID %u)", spis + 44 + 32);
	snprintf(limit, sizeof(limit), "the %u SPIs", spis);
	x = verify(&t, &o);
	ck_assert(x->r.failed);
	expect_fail(&x->r, GP_CHECK_DEVICE_IRQS, "serial", spi, intid, limit);
	expect_pass(&x->r, GP_CHECK_SPI_ROUTING);
	run_free(x);

	uart = x_node_compatible(t.fdt, "arm,pl011");
	set_irqs(t.fdt, uart, "interrupts", hidden, 1);
	x = verify(&t, &o);
	ck_assert_msg(!x->r.failed, "%s", dump(&x->r));
	run_free(x);
	o.profile = GIC_PROFILE_QEMU;
	x = verify(&t, &o);
	ck_assert(x->r.failed);
	snprintf(spi, sizeof(spi), "SPI %u ", spis - 2);
	snprintf(limit, sizeof(limit), "the %u SPIs", x_guest_spis(spis, GIC_PROFILE_QEMU));
	expect_fail(&x->r, GP_CHECK_DEVICE_IRQS, spi, limit);
	run_free(x);
	tree_free(&t);
}
END_TEST

START_TEST(device_spi_shared)
{
	struct tree t = plan_tree(NULL, 8, 0, -1);
	int uart = x_node_compatible(t.fdt, "arm,pl011"), rtc;
	int len;
	const fdt32_t *spec = fdt_getprop(t.fdt, uart, "interrupts", &len);
	uint32_t same[1][3];
	struct vo o = { 0 };
	struct run *x;
	char spi[32];

	ck_assert_int_eq(len, 12);
	for (int k = 0; k < 3; k++)
		same[0][k] = fdt32_to_cpu(spec[k]);
	rtc = x_node_compatible(t.fdt, "arm,pl031");
	set_irqs(t.fdt, rtc, "interrupts", same, 1);
	snprintf(spi, sizeof(spi), "SPI %u is also", same[0][1]);
	/* Shared, triggered alike: real SoCs do it (IRQF_SHARED), a warning. */
	x = verify(&t, &o);
	ck_assert_msg(!x->r.failed, "%s", dump(&x->r));
	expect_warn(&x->r, GP_CHECK_DEVICE_IRQS, spi, "serial", "shared");
	run_free(x);
	/* One line, triggered two ways: no VMM wires that. */
	same[0][2] ^= FLAG_EDGE_TOGGLE;
	rtc = x_node_compatible(t.fdt, "arm,pl031");
	set_irqs(t.fdt, rtc, "interrupts", same, 1);
	x = verify(&t, &o);
	ck_assert(x->r.failed);
	expect_fail(&x->r, GP_CHECK_DEVICE_IRQS, spi, "serial", "triggered otherwise");
	run_free(x);
	tree_free(&t);
}
END_TEST

/* QEMU 7.2's node names: the schema rejects them, Linux boots: a warning, unless strict. */
START_TEST(qemu_node_names)
{
	struct tree t = plan_tree(NULL, 8, 0, -1);
	char gic_name[48], its_name[48];
	struct vo o = { 0 };
	struct run *x;

	snprintf(gic_name, sizeof(gic_name), "intc@%" PRIx64, t.plan->gicd.base);
	snprintf(its_name, sizeof(its_name), "its@%" PRIx64, t.plan->its.base);
	ck_assert_int_eq(fdt_set_name(t.fdt, x_its_node(t.fdt), its_name), 0);
	x = verify(&t, &o);
	ck_assert(!x->r.failed);
	expect_warn(&x->r, GP_CHECK_NODE_NAMES, its_name, "msi-controller@");
	expect_pass_except(&x->r, BIT(GP_CHECK_NODE_NAMES));
	run_free(x);
	ck_assert_int_eq(fdt_set_name(t.fdt, x_gic_node(t.fdt), gic_name), 0);
	x = verify(&t, &o);
	ck_assert(!x->r.failed);
	expect_warn(&x->r, GP_CHECK_NODE_NAMES, gic_name, "interrupt-controller@");
	expect_pass_except(&x->r, BIT(GP_CHECK_NODE_NAMES));
	run_free(x);
	o.strict = true;
	x = verify(&t, &o);
	ck_assert(x->r.failed);
	expect_warn(&x->r, GP_CHECK_NODE_NAMES, gic_name);
	run_free(x);
	tree_free(&t);
}
END_TEST

START_TEST(its_binding)
{
	{
		struct tree t = plan_tree(NULL, 8, 0, -1);
		int its = x_its_node(t.fdt);
		char path[128];
		struct vo o = { 0 };
		struct run *x;

		ck_assert_int_eq(fdt_get_path(t.fdt, its, path, sizeof(path)), 0);
		ck_assert_int_eq(fdt_delprop(t.fdt, its, "msi-controller"), 0);
		x = verify(&t, &o);
		ck_assert(x->r.failed);
		expect_fail(&x->r, GP_CHECK_ITS_NODE, path, "no msi-controller");
		run_free(x);
		tree_free(&t);
	}
	{
		struct tree t = plan_tree(NULL, 8, 0, -1);
		struct vo o = { 0 };
		struct run *x;

		set_u32(t.fdt, x_its_node(t.fdt), "#msi-cells", 2);
		x = verify(&t, &o);
		ck_assert(x->r.failed);
		expect_fail(&x->r, GP_CHECK_ITS_NODE, "#msi-cells is 2");
		run_free(x);
		/*
		 * No #msi-cells: the schema requires it, Linux takes an msi-parent
		 * without it (of_msi_get_domain): a warning, not a failure.
		 */
		ck_assert_int_eq(fdt_delprop(t.fdt, x_its_node(t.fdt), "#msi-cells"), 0);
		x = verify(&t, &o);
		ck_assert(!x->r.failed);
		expect_warn(&x->r, GP_CHECK_ITS_NODE, "no #msi-cells", "of_msi_get_domain");
		run_free(x);
		tree_free(&t);
	}
	{
		/*
		 * One 64 KiB frame: Linux maps only that (its_map_one: SZ_64K), so
		 * it boots; the architecture's ITS is 128 KiB with GITS_TRANSLATER:
		 * a warning. Below 64 KiB even Linux's frame is not described: fails.
		 */
		struct tree t = plan_tree(NULL, 8, 0, -1);
		uint64_t reg[1][2] = { { t.plan->its.base, FRAME_64K } };
		struct vo o = { 0 };
		struct run *x;

		set_reg(t.fdt, x_its_node(t.fdt), reg, 1);
		x = verify(&t, &o);
		ck_assert(!x->r.failed);
		expect_warn(&x->r, GP_CHECK_ITS_NODE, hex(FRAME_64K), "GITS_TRANSLATER", "128 KiB");
		run_free(x);
		reg[0][1] = FRAME_64K / 2;
		set_reg(t.fdt, x_its_node(t.fdt), reg, 1);
		x = verify(&t, &o);
		ck_assert(x->r.failed);
		expect_fail(&x->r, GP_CHECK_ITS_NODE, hex(FRAME_64K / 2), "its_map_one");
		run_free(x);
		tree_free(&t);
	}
	{
		/*
		 * A GICD reg padded to 256 KiB over its ITS child (k3-j721s2's
		 * shape, 1 MiB there): clear of the distributor's 64 KiB, a warning; the ITS
		 * over the distributor's own frame, a failure.
		 */
		struct tree t = plan_tree(NULL, 8, 0, -1);
		/* The GICD moved where virt leaves a gap, after virtio, below PCIe's MMIO. */
		uint64_t gicd = 0xb000000, its = gicd + 2 * FRAME_64K;
		uint64_t base = t.plan->redist[0].base, size = t.plan->redist[0].count * V3_REDIST;
		uint64_t greg[2][2] = { { gicd, 4 * FRAME_64K }, { base, size } };
		uint64_t ireg[1][2] = { { its, 2 * FRAME_64K } };
		struct vo o = { 0 };
		struct run *x;

		set_reg(t.fdt, x_gic_node(t.fdt), greg, 2);
		set_reg(t.fdt, x_its_node(t.fdt), ireg, 1);
		x = verify(&t, &o);
		expect_warn(&x->r, GP_CHECK_REGION_OVERLAP, hex(its), "past the distributor's 64 KiB");
		run_free(x);
		ireg[0][0] = gicd;
		set_reg(t.fdt, x_its_node(t.fdt), ireg, 1);
		x = verify(&t, &o);
		ck_assert(x->r.failed);
		expect_fail(&x->r, GP_CHECK_REGION_OVERLAP, hex(gicd), "gicd");
		run_free(x);
		tree_free(&t);
	}
	{
		/* The VMM put its ITS elsewhere than the tree says. */
		struct tree t = plan_tree(NULL, 8, 0, -1);
		uint64_t moved = t.plan->its.base + 2 * FRAME_64K;
		uint64_t reg[1][2] = { { moved, 2 * FRAME_64K } };
		struct vo o = { .from_plan = true };
		struct run *x;

		set_reg(t.fdt, x_its_node(t.fdt), reg, 1);
		x = verify(&t, &o);
		ck_assert(x->r.failed);
		expect_fail(&x->r, GP_CHECK_ITS_NODE, hex(moved), hex(t.plan->its.base));
		run_free(x);
		tree_free(&t);
	}
}
END_TEST

/* The maintenance interrupt must be one PPI. */
START_TEST(maintenance_not_ppi)
{
	struct tree t = plan_tree(NULL, 8, 0, 1);
	int gic = x_gic_node(t.fdt);
	int len;
	const fdt32_t *spec = fdt_getprop(t.fdt, gic, "interrupts", &len);
	uint32_t ppi, as_spi[1][3], two[2][3];
	char what[48];
	struct vo o = { 0 };
	struct run *x;

	ck_assert_int_eq(len, 12);
	ck_assert_uint_eq(fdt32_to_cpu(spec[0]), SPEC_PPI);
	ppi = fdt32_to_cpu(spec[1]);
	as_spi[0][0] = SPEC_SPI;
	as_spi[0][1] = ppi;
	as_spi[0][2] = FLAG_LEVEL;
	set_irqs(t.fdt, gic, "interrupts", as_spi, 1);
	snprintf(what, sizeof(what), "SPI %u (INTID %u)", ppi, ppi + 32);
	x = verify(&t, &o);
	ck_assert(x->r.failed);
	expect_fail(&x->r, GP_CHECK_GIC_NODE, "one PPI", what);
	run_free(x);
	for (int i = 0; i < 2; i++) {
		two[i][0] = SPEC_PPI;
		two[i][1] = ppi + (uint32_t)i;
		two[i][2] = FLAG_LEVEL;
	}
	set_irqs(t.fdt, x_gic_node(t.fdt), "interrupts", two, 2);
	x = verify(&t, &o);
	ck_assert(x->r.failed);
	expect_fail(&x->r, GP_CHECK_GIC_NODE, "one PPI");
	run_free(x);
	tree_free(&t);
}
END_TEST

START_TEST(gic_binding)
{
	struct tree t = plan_tree(NULL, 8, 0, -1);
	int gic = x_gic_node(t.fdt);
	struct vo o = { 0 };
	struct run *x;

	ck_assert_int_eq(fdt_delprop(t.fdt, gic, "interrupt-controller"), 0);
	x = verify(&t, &o);
	ck_assert(x->r.failed);
	expect_fail(&x->r, GP_CHECK_GIC_NODE, "no interrupt-controller");
	run_free(x);
	tree_free(&t);
}
END_TEST

/* ---- profiles ---------------------------------------------------------------------- */

/*
 * vCPUs that differ only in Aff3 (/cpus #address-cells 2). The architecture
 * and QEMU compare all four levels; KVM's GICR_TYPER and IROUTER drop Aff3.
 */
START_TEST(aff3_cpus)
{
	struct tree t = plan_tree(NULL, 4, 0, -1);
	int cpus = fdt_path_offset(t.fdt, "/cpus");
	const uint64_t aff[4] = { 0x0, 0x1, UINT64_C(0x100000000), UINT64_C(0x100000001) };

	set_u32(t.fdt, cpus, "#address-cells", 2);
	for (int i = 0; i < 4; i++)
		set_cpu_reg(t.fdt, x_cpu_node(t.fdt, i), aff[i]);
	for (int p = GIC_PROFILE_ARCH; p <= GIC_PROFILE_QEMU; p++) {
		struct vo o = { .profile = (enum gic_profile)p };
		struct run *x = verify(&t, &o);

		ck_assert_uint_eq(x->m.cpu_address_cells, 2);
		if (p == GIC_PROFILE_KVM) {
			ck_assert(x->r.failed);
			/* vCPU 2 (Aff3 1) shows affinity 0 in its TYPER: vCPU 0 finds two frames,
			 * vCPU 2 finds none. */
			expect_fail(&x->r, GP_CHECK_MPIDR_FOUND, "CPU 0 ", "2 frames");
			/* And no IROUTER value names vCPU 2: KVM keeps Aff2.Aff1.Aff0 only. */
			expect_fail(&x->r, GP_CHECK_SPI_ROUTING, "CPU 2 ", "MPIDR 0x100000000",
				    "reads back 0x0");
			expect_pass(&x->r, GP_CHECK_CPU_NODES);
		} else {
			ck_assert_msg(!x->r.failed, "%s:%s", gic_profile_name(o.profile), dump(&x->r));
			/* Two target lists: Aff3 0 and Aff3 1. */
			expect_coverage(&x->r, 4, x_guest_spis(t.plan->req.spis, o.profile),
					x_lists_of(aff, 4), false);
		}
		run_free(x);
	}
	tree_free(&t);
}
END_TEST

/* 32 vCPUs per Aff0 group: SGIs reach Aff0 16-31 only through RS, which needs RSS. */
START_TEST(aff0_groups_of_32)
{
	struct tree t = plan_tree(LAYOUT("aff0-32.json"), 40, 0, -1);

	ck_assert_uint_eq(t.plan->board.aff0_per_group, 32);
	for (int p = GIC_PROFILE_ARCH; p <= GIC_PROFILE_QEMU; p++) {
		for (int from_plan = 0; from_plan < 2; from_plan++) {
			struct vo o = { .profile = (enum gic_profile)p, .from_plan = from_plan };
			struct run *x = verify(&t, &o);

			if (p == GIC_PROFILE_ARCH) {
				ck_assert_msg(!x->r.failed, "%s", dump(&x->r));
				/* Aff0 0-15, 16-31 of group 0, 0-7 of group 1. */
				ck_assert_uint_eq(x_target_lists(32, 40), 3);
				expect_coverage(&x->r, 40, t.plan->req.spis, 3, false);
			} else {
				/* RS is ignored: the SGI meant for Aff0 16 + k lands on Aff0 k. */
				const char *who;
				unsigned cpu;

				ck_assert(x->r.failed);
				expect_fail(&x->r, GP_CHECK_SGI_ROUTING, "SGI from CPU");
				/* The vCPU it names as missing its SGI is one with Aff0 16-31. */
				who = strstr(x->r.checks[GP_CHECK_SGI_ROUTING].detail, "): CPU ");
				ck_assert_ptr_nonnull(who);
				ck_assert_int_eq(sscanf(who, "): CPU %u", &cpu), 1);
				ck_assert_uint_lt(cpu, 40);
				ck_assert_uint_ge(x_mpidr(32, cpu) & 0xff, SGI_RANGE);
				/* One check's failure leaves nothing behind for the next. */
				expect_pass(&x->r, GP_CHECK_PPI_LOCAL);
				expect_pass(&x->r, GP_CHECK_MPIDR_FOUND);
				expect_pass(&x->r, GP_CHECK_SPI_ROUTING);
			}
			run_free(x);
		}
	}
	tree_free(&t);
}
END_TEST

/* KVM shows a VGICv3 only. */
START_TEST(gicv4_under_kvm)
{
	struct tree t = plan_tree(NULL, 8, 4, -1);

	for (int from_plan = 0; from_plan < 2; from_plan++) {
		struct vo o = { .profile = GIC_PROFILE_KVM, .from_plan = from_plan, .version = 4 };
		struct run *x = verify(&t, &o);

		ck_assert(x->r.failed);
		ck_assert_uint_eq(x->r.gic_version, 4);
		expect_fail(&x->r, GP_CHECK_GIC_MODEL, "GICv4", "kvm");
		expect_skip(&x->r, GP_CHECK_MPIDR_FOUND, "no GIC");
		run_free(x);
	}
	tree_free(&t);
}
END_TEST

/* ---- QEMU's own trees ---------------------------------------------------------------- */

struct fixture {
	const char *name;
	uint64_t cpus;
	unsigned gic;            /* what QEMU ran */
	unsigned inferred;       /* what the tree alone implies */
	uint32_t regions;
};

static const struct fixture fixtures[] = {
	{ "virt-gicv3-smp8.dtb", 8, 3, 3, 1 },
	{ "virt-gicv3-smp124.dtb", 124, 3, 3, 2 },
	{ "virt-gicv3-smp512.dtb", 512, 3, 3, 2 },
	{ "virt-gicv4-smp8.dtb", 8, 4, 3, 1 },
	{ "virt-gicv4-smp61.dtb", 61, 4, 3, 1 },
	/* 62 GICv4 frames do not fit 0xF60000 (61 do): only 256 KiB frames fill region 1. */
	{ "virt-gicv4-smp62.dtb", 62, 4, 4, 2 },
	/* 317 fits 123 + 194 GICv3 frames as well as 61 + 256 GICv4 ones: assumed GICv3. */
	{ "virt-gicv4-smp317.dtb", 317, 4, 3, 2 },
	{ "virt-gicv3-smp8-norand.dtb", 8, 3, 3, 1 },   /* shared fixtures only */
};
#define NR_FIXTURES (int)(sizeof(fixtures) / sizeof(fixtures[0]))

static void verify_fixture(const char *path, const struct fixture *f)
{
	struct gp_input_options io = { 0 };
	struct gp_input *in = calloc(1, sizeof(*in));
	struct gp_error err;

	ck_assert_ptr_nonnull(in);
	/* Inferred, as `gicplan verify FILE.dtb` does. */
	gp_error_init(&err);
	ck_assert_msg(gp_input_load(path, &io, in, &err) == 0, "%s", err.msg);
	ck_assert(!in->is_plan);
	ck_assert_uint_eq(in->m.nr_cpus, f->cpus);
	ck_assert_uint_eq(in->m.nr_redist, f->regions);
	ck_assert_uint_eq(in->v.version, f->inferred);
	gp_input_free(in);

	for (int ask = 0; ask < 2; ask++) {
		io.gic_version = ask ? f->gic : 0;   /* inferred, then --gic-version as QEMU ran */
		for (int p = GIC_PROFILE_ARCH; p <= GIC_PROFILE_QEMU; p++) {
			struct gp_verify_options o = { .profile = (enum gic_profile)p,
						       .ipa_bits = DEFAULT_IPA_BITS };
			struct gp_verify_result *r = calloc(1, sizeof(*r));
			unsigned version;

			ck_assert_ptr_nonnull(r);
			gp_error_init(&err);
			ck_assert_msg(gp_input_load(path, &io, in, &err) == 0, "%s", err.msg);
			version = in->v.version;
			ck_assert_int_eq(gp_verify(&in->m, &in->v, &o, r, &err), 0);
			if (version == 4 && p == GIC_PROFILE_KVM) {
				expect_fail(r, GP_CHECK_GIC_MODEL, "GICv4");
			} else {
				ck_assert_msg(!r->failed, "%s as GICv%u, %s:%s", path, version,
					      gic_profile_name(o.profile), dump(r));
				/* QEMU's intc@/its@ names: a warning. */
				expect_warn(r, GP_CHECK_NODE_NAMES, "intc@8000000");
				if (p == GIC_PROFILE_QEMU) {
					expect_warn(r, GP_CHECK_GICD_TYPER, "224 SPIs");
					expect_skip(r, GP_CHECK_SPI_1OFN, "No1N");
				}
				/* A GICv4 is not what KVM gives (a GICv3): kvm-attrs warns. */
				if (version == 4)
					expect_warn(r, GP_CHECK_KVM_ATTRS, "GICv4");
				expect_pass_except(r, BIT(GP_CHECK_NODE_NAMES) |
							      (version == 4 ? BIT(GP_CHECK_KVM_ATTRS) : 0) |
							      (p == GIC_PROFILE_QEMU
								       ? BIT(GP_CHECK_GICD_TYPER) |
										 BIT(GP_CHECK_SPI_1OFN)
								       : 0));
				expect_coverage(r, f->cpus, x_guest_spis(DEFAULT_TREE_SPIS, o.profile),
						x_target_lists(SGI_RANGE, f->cpus), false);
				ck_assert_uint_eq(r->checks[GP_CHECK_REDIST_PIDR2].count, f->regions);
				/* Strict: the names fail it. */
				o.strict = true;
				ck_assert_int_eq(gp_verify(&in->m, &in->v, &o, r, &err), 0);
				ck_assert(r->failed);
			}
			gp_input_free(in);
			free(r);
		}
	}
	free(in);
}

START_TEST(qemu_fixtures_pass)
{
	const struct fixture *f = &fixtures[_i];
	char path[512];
	int found = 0;

	for (int d = 0; d < 2; d++) {
		snprintf(path, sizeof(path), "%s%s", d ? SHARED_FIXTURES_DIR : GOLDEN_DIR, f->name);
		if (access(path, R_OK) != 0)
			continue;
		found++;
		verify_fixture(path, f);
	}
	/* Every fixture is in the repository: tests/golden or tests/fixtures. */
	ck_assert_msg(found > 0, "%s: in neither fixture directory", f->name);
}
END_TEST

/* QEMU's GICv4 smp 62 tree says GICv4 only through its regions. */
START_TEST(gicv4_inferred_from_regions)
{
	char note[160];
	bool assumed;
	struct tree t = file_tree(GOLDEN_DIR "virt-gicv4-smp62.dtb");
	struct gp_machine m = { 0 };
	struct gp_error err;

	gp_error_init(&err);
	ck_assert_msg(gp_dt_read(t.fdt, fdt_totalsize(t.fdt), "smp62", &m, &err) == 0, "%s",
		      err.msg);
	ck_assert(!m.has_stride);
	/* 62 vCPUs: 0xF60000 holds 123 GICv3 frames (region 1 would stay empty) or 61 GICv4. */
	ck_assert_uint_eq(m.redist[0].size / V3_REDIST, 123);
	ck_assert_uint_eq(m.redist[0].size / V4_REDIST, 61);
	ck_assert_uint_eq(gp_vgic_infer_version(&m, 0, note, sizeof(note), &assumed), 4);
	ck_assert_ptr_nonnull(strstr(note, "inferred"));
	ck_assert(!assumed);
	ck_assert_uint_eq(gp_vgic_infer_version(&m, 3, note, sizeof(note), &assumed), 3);
	ck_assert(!assumed);
	gp_machine_free(&m);
	{
		/* Verified as GICv3 (asked): region 0 holds all 62, region 1 has no frame,
		 * and its PIDR2 is in no GIC frame. */
		struct vo o = { .version = 3 };
		struct run *x = verify(&t, &o);

		ck_assert(x->r.failed);
		ck_assert_uint_eq(x->r.gic_version, 3);
		ck_assert_uint_eq(x->v.regions[1].count, 0);
		expect_fail(&x->r, GP_CHECK_REDIST_PIDR2, hex(x->m.redist[1].base + 0xffe8));
		expect_pass(&x->r, GP_CHECK_MPIDR_FOUND);
		run_free(x);
	}
	tree_free(&t);
}
END_TEST

/* ---- LPIs through the ITS ------------------------------------------------------------ */

#define ITS_TARGETS_PTA0 65536u   /* GICR_TYPER.Processor_Number: 16 bits */
#define MSI_MAP_CELLS 4

/* The first node with an msi-map (the PCI host). */
static int msi_map_node(const void *fdt)
{
	for (int n = fdt_next_node(fdt, -1, NULL); n >= 0; n = fdt_next_node(fdt, n, NULL))
		if (fdt_getprop(fdt, n, "msi-map", NULL) != NULL)
			return n;
	ck_abort_msg("no node has an msi-map");
	return -1;
}

static void set_msi_map(void *fdt, uint32_t rid, uint32_t phandle, uint32_t base, uint32_t len)
{
	fdt32_t v[MSI_MAP_CELLS] = { cpu_to_fdt32(rid), cpu_to_fdt32(phandle), cpu_to_fdt32(base),
				     cpu_to_fdt32(len) };

	ck_assert_int_eq(fdt_setprop(fdt, msi_map_node(fdt), "msi-map", v, sizeof(v)), 0);
}

/* gicplan's plans with an ITS: every vCPU and the PCI host's DeviceIDs take their LPIs. */
START_TEST(lpi_routing_plans)
{
	static const uint64_t sizes[] = { 8, 900, 2000 };
	struct tree t = plan_tree(NULL, sizes[_i], 0, -1);

	for (int p = GIC_PROFILE_ARCH; p <= GIC_PROFILE_QEMU; p++) {
		struct vo o = { .profile = (enum gic_profile)p, .from_plan = true };
		struct run *x = verify(&t, &o);

		expect_pass(&x->r, GP_CHECK_LPI_ROUTING);
		expect_pass(&x->r, GP_CHECK_ITS_TARGETS);
		/* the msi-map's 64K DeviceIDs sampled (3), each mapped and moved (2 MSIs),
		 * then each vCPU once through a vector */
		ck_assert_uint_eq(x->r.checks[GP_CHECK_LPI_ROUTING].count, 2 * 3 + sizes[_i]);
		ck_assert_uint_eq(x->r.lpi_deliveries, 2 * 3 + sizes[_i]);
		ck_assert_uint_eq(x->r.checks[GP_CHECK_ITS_TARGETS].count, ITS_TARGETS_PTA0);
		run_free(x);
	}
	{
		/* --exhaustive: every sampled DeviceID mapped, moved, and to every vCPU */
		struct vo o = { .from_plan = true, .exhaustive = true };
		struct run *x;

		if (sizes[_i] <= 900) {
			x = verify(&t, &o);
			expect_pass(&x->r, GP_CHECK_LPI_ROUTING);
			ck_assert_uint_eq(x->r.lpi_deliveries, 3 * (2 + sizes[_i]));
			run_free(x);
		}
	}
	tree_free(&t);
}
END_TEST

START_TEST(lpi_routing_skipped_without_its)
{
	struct gp_request req = { .cpus = 8, .its = 0, .virtualization = -1 };
	struct tree t;
	size_t len;
	void *blob = x_plan_tree("virt", req, &t.plan, &len);
	struct vo o = { .from_plan = true };
	struct run *x;

	t.fdt = x_fdt_writable(blob, ROOM);
	free(blob);
	x = verify(&t, &o);
	ck_assert(!x->r.failed);
	expect_skip(&x->r, GP_CHECK_LPI_ROUTING, "no ITS");
	expect_skip(&x->r, GP_CHECK_ITS_TARGETS, "no ITS");
	run_free(x);
	tree_free(&t);
}
END_TEST

START_TEST(lpi_routing_broken)
{
	{
		/* An msi-map to a phandle no node has. */
		struct tree t = plan_tree(NULL, 8, 0, -1);
		struct vo o = { .from_plan = true };
		struct run *x;

		set_msi_map(t.fdt, 0, 0xdead, 0, 0x10000);
		x = verify(&t, &o);
		ck_assert(x->r.failed);
		expect_fail(&x->r, GP_CHECK_LPI_ROUTING, "msi-map", "0xdead", "no node");
		run_free(x);
		tree_free(&t);
	}
	{
		/* DeviceIDs past KVM's and QEMU's 16 Devbits (the architecture's 32 hold them). */
		struct tree t = plan_tree(NULL, 8, 0, -1);
		uint32_t its = fdt_get_phandle(t.fdt, x_its_node(t.fdt));
		struct run *x;

		set_msi_map(t.fdt, 0, its, 0xfff0, 0x20);
		for (int p = GIC_PROFILE_ARCH; p <= GIC_PROFILE_QEMU; p++) {
			struct vo o = { .profile = (enum gic_profile)p, .from_plan = true };

			x = verify(&t, &o);
			if (p == GIC_PROFILE_ARCH) {
				expect_pass(&x->r, GP_CHECK_LPI_ROUTING);
				/* a range of 32 is sent whole, each mapped and moved */
				ck_assert_uint_eq(x->r.lpi_deliveries, 2 * 32 + 8);
			} else {
				expect_fail(&x->r, GP_CHECK_LPI_ROUTING, "0xfff0-0x1000f", "Devbits",
					    "16 bits");
			}
			run_free(x);
		}
		tree_free(&t);
	}
	{
		/* The tree's ITS is not where the VMM put it: the guest's MMIO finds no ITS. */
		struct tree t = plan_tree(NULL, 8, 0, -1);
		uint64_t moved = t.plan->its.base + 2 * FRAME_64K;
		uint64_t reg[1][2] = { { moved, 2 * FRAME_64K } };
		struct vo o = { .from_plan = true };
		struct run *x;

		set_reg(t.fdt, x_its_node(t.fdt), reg, 1);
		x = verify(&t, &o);
		ck_assert(x->r.failed);
		expect_fail(&x->r, GP_CHECK_LPI_ROUTING, hex(moved + 8), "no GIC frame");
		run_free(x);
		tree_free(&t);
	}
	{
		/* An ITS over the distributor: the VMM cannot place it there. */
		struct tree t = plan_tree(NULL, 8, 0, -1);
		uint64_t reg[1][2] = { { t.plan->gicd.base, 2 * FRAME_64K } };
		struct vo o = { 0 };
		struct run *x;

		set_reg(t.fdt, x_its_node(t.fdt), reg, 1);
		x = verify(&t, &o);
		ck_assert(x->r.failed);
		expect_fail(&x->r, GP_CHECK_LPI_ROUTING, hex(t.plan->gicd.base), "overlaps");
		run_free(x);
		tree_free(&t);
	}
}
END_TEST

/* A platform device's msi-parent: its one DeviceID takes an LPI; another controller's is not ours. */
START_TEST(msi_parent_devices)
{
	struct tree t = plan_tree(NULL, 8, 0, -1);
	uint32_t its = fdt_get_phandle(t.fdt, x_its_node(t.fdt));
	uint32_t gic = fdt_get_phandle(t.fdt, x_gic_node(t.fdt));
	fdt32_t parent[2] = { cpu_to_fdt32(its), cpu_to_fdt32(0x42) };
	struct vo o = { .from_plan = true };
	struct run *x;

	/* (adding a node moves the offsets of its siblings: look each up by path) */
	ck_assert_int_ge(fdt_add_subnode(t.fdt, 0, "msi-device"), 0);
	ck_assert_int_ge(fdt_add_subnode(t.fdt, 0, "other-msi-device"), 0);
	ck_assert_uint_ne(gic, 0);
	ck_assert_int_eq(fdt_setprop(t.fdt, fdt_path_offset(t.fdt, "/msi-device"), "msi-parent",
				     parent, sizeof(parent)), 0);
	set_u32(t.fdt, fdt_path_offset(t.fdt, "/other-msi-device"), "msi-parent", gic);
	x = verify(&t, &o);
	expect_pass(&x->r, GP_CHECK_LPI_ROUTING);
	/* the PCI host's 3 samples and DeviceID 0x42, mapped and moved, then each vCPU */
	ck_assert_uint_eq(x->r.lpi_deliveries, 2 * (3 + 1) + 8);
	run_free(x);
	/* The device's DeviceID past 16 Devbits under KVM. */
	parent[1] = cpu_to_fdt32(0x10000);
	ck_assert_int_eq(fdt_setprop(t.fdt, fdt_path_offset(t.fdt, "/msi-device"), "msi-parent",
				     parent, sizeof(parent)), 0);
	o.profile = GIC_PROFILE_KVM;
	x = verify(&t, &o);
	expect_fail(&x->r, GP_CHECK_LPI_ROUTING, "/msi-device", "0x10000", "Devbits");
	run_free(x);
	tree_free(&t);
}
END_TEST

/*
 * Above 65536 vCPUs no ITS profile can give each its own collection. The
 * planner refuses such a machine (exit 3), so the tree is a 65537-vCPU plan
 * without an ITS given one by hand, where the high tier would put it.
 */
START_TEST(its_targets_limit)
{
	struct gp_request req = { .cpus = ITS_TARGETS_PTA0 + 1, .its = 0, .virtualization = -1 };
	const fdt32_t its_reg[] = { 0, cpu_to_fdt32(0x9040000), 0, cpu_to_fdt32(0x20000) };
	struct tree t;
	size_t len;
	void *blob = x_plan_tree("virt", req, &t.plan, &len);
	int its;

	t.fdt = x_fdt_writable(blob, ROOM);
	free(blob);
	its = fdt_add_subnode(t.fdt, x_gic_node(t.fdt), "msi-controller@9040000");
	ck_assert_int_ge(its, 0);
	ck_assert_int_eq(fdt_setprop_string(t.fdt, its, "compatible", "arm,gic-v3-its"), 0);
	ck_assert_int_eq(fdt_setprop_empty(t.fdt, its, "msi-controller"), 0);
	ck_assert_int_eq(fdt_setprop_u32(t.fdt, its, "#msi-cells", 1), 0);
	ck_assert_int_eq(fdt_setprop(t.fdt, its, "reg", its_reg, sizeof(its_reg)), 0);
	for (int p = GIC_PROFILE_ARCH; p <= GIC_PROFILE_QEMU; p += GIC_PROFILE_QEMU) {
		struct vo o = { .profile = (enum gic_profile)p };
		struct run *x = verify(&t, &o);

		ck_assert(x->r.failed);
		if (p == GIC_PROFILE_QEMU)
			expect_fail(&x->r, GP_CHECK_ITS_TARGETS, "65537 vCPUs", "GITS_TYPER.PTA is 0",
				    "Processor_Number");
		else
			expect_fail(&x->r, GP_CHECK_ITS_TARGETS, "65537 vCPUs", "CIDbits");
		ck_assert_uint_eq(x->r.checks[GP_CHECK_ITS_TARGETS].count, ITS_TARGETS_PTA0);
		/* Routes an ITS cannot make are not tried. */
		ck_assert_int_eq(x->r.checks[GP_CHECK_LPI_ROUTING].status, GP_CHECK_SKIP);
		run_free(x);
	}
	tree_free(&t);
}
END_TEST

static Suite *verify_suite(void)
{
	Suite *s = suite_create("verify");
	TCase *sound_tc = tcase_create("sound");
	TCase *broken = tcase_create("broken");
	TCase *profiles = tcase_create("profiles");
	TCase *qemu = tcase_create("qemu");

	tcase_set_timeout(sound_tc, 60);
	tcase_add_loop_test(sound_tc, sound_trees_pass, 0, NR_SOUND);
	tcase_add_test(sound_tc, exhaustive_coverage);
	tcase_add_loop_test(sound_tc, lpi_routing_plans, 0, 3);
	suite_add_tcase(s, sound_tc);

	tcase_add_test(broken, region_too_small);
	tcase_add_test(broken, regions_overlap);
	tcase_add_test(broken, device_over_region);
	tcase_add_test(broken, more_cpus_than_frames);
	tcase_add_test(broken, stride);
	tcase_add_test(broken, kvm_stride);
	tcase_add_test(broken, gicd_misaligned);
	tcase_add_test(broken, region_above_ipa);
	tcase_add_test(broken, redist_regions_count);
	tcase_add_test(broken, duplicate_mpidr);
	tcase_add_test(broken, mpidr_stray_bits);
	tcase_add_test(broken, plan_cpu_without_node);
	tcase_add_test(broken, device_spi_above_limit);
	tcase_add_test(broken, device_spi_shared);
	tcase_add_test(broken, qemu_node_names);
	tcase_add_test(broken, its_binding);
	tcase_add_test(broken, maintenance_not_ppi);
	tcase_add_test(broken, gic_binding);
	tcase_add_test(broken, lpi_routing_skipped_without_its);
	tcase_add_test(broken, lpi_routing_broken);
	tcase_add_test(broken, its_targets_limit);
	tcase_add_test(broken, msi_parent_devices);
	suite_add_tcase(s, broken);

	tcase_add_test(profiles, aff3_cpus);
	tcase_add_test(profiles, aff0_groups_of_32);
	tcase_add_test(profiles, gicv4_under_kvm);
	suite_add_tcase(s, profiles);

	tcase_set_timeout(qemu, 60);
	tcase_add_loop_test(qemu, qemu_fixtures_pass, 0, NR_FIXTURES);
	tcase_add_test(qemu, gicv4_inferred_from_regions);
	suite_add_tcase(s, qemu);
	return s;
}

int main(void)
{
	return x_run_suite(verify_suite(), true);
}
