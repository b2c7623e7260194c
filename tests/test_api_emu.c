/* SPDX-License-Identifier: MIT */
/*
 * The emulated GIC of the public API (gicplan_input_gic, gicplan_gic_*):
 * a guest's GICR_TYPER walk finds every vCPU's redistributor where the
 * emulator placed it, its reads are the internal VMM's view
 * (gp_vgic_mmio_read on gp_vgic_build's GIC) register for register, and bad
 * arguments and VGICs that do not build are refused with their message.
 */
#include <gicplan.h>
#include <gic_emul.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gic_regs.h"
#include "input.h"
#include "vgic.h"
#include "xpublic.h"

#define SRC GICPLAN_SOURCE_DIR "/tests/"
#define HIP05 SRC "fixtures/boards/hip05-d02.dtb"
#define QEMU_V3_SMP8 SRC "fixtures/qemu-7.2/virt-gicv3-smp8-norand.dtb"
#define QEMU_V61 SRC "fixtures/qemu-7.2/virt-6.1-gicv3-smp2.dtb"

/* Trees of QEMU 7.2 (its own dumps), real boards (hip05: frames padded to a stride). */
static const char *const trees[] = {
	SRC "fixtures/qemu-7.2/virt-6.1-gicv3-smp2.dtb",
	SRC "fixtures/qemu-7.2/virt-6.2-gicv3-smp2.dtb",
	SRC "fixtures/qemu-7.2/virt-6.2-gicv3-smp3.dtb",
	SRC "fixtures/qemu-7.2/virt-gicv3-smp124.dtb",
	QEMU_V3_SMP8,
	SRC "fixtures/qemu-7.2/virt-gicv4-smp8.dtb",
	SRC "golden/qemu-7.2/virt-gicv3-smp512.dtb",
	SRC "golden/qemu-7.2/virt-gicv4-smp317.dtb",
	HIP05,
	SRC "fixtures/boards/fvp-base-revc.dtb",
	SRC "fixtures/boards/fsl-ls1088a-rdb.dtb",
};
#define NR_TREES (sizeof(trees) / sizeof(trees[0]))

/* The profiles, and QEMU's under a machine type older than its TCG ITS. */
static const struct {
	int profile;
	const char *machine;
} views[] = {
	{ GICPLAN_PROFILE_ARCH, NULL },
	{ GICPLAN_PROFILE_KVM, NULL },
	{ GICPLAN_PROFILE_QEMU, NULL },
	{ GICPLAN_PROFILE_QEMU, "virt-6.1" },
};
#define NR_VIEWS (sizeof(views) / sizeof(views[0]))

#define RD_FRAMES 2            /* RD_base and SGI_base: a GICv3 redistributor */
#define VLPI_FRAMES 2          /* VLPI_base and a reserved frame: GICv4's two more */
#define WALK_REGS 0x100        /* bytes of each frame compared register by register */
#define ACCESS 4               /* GICD and GICR registers all take 32-bit reads */

/* The internal answer: the input, and the GIC gp_vgic_build makes of it. */
struct internal {
	struct gp_input in;
	struct gp_vgic v;
	struct gic *g;
};

static void internal_build(const char *path, int profile, const char *machine,
			   struct internal *x)
{
	struct gp_input_options io = { 0 };
	struct gp_error e;
	uint32_t m = 0;
	enum gp_vgic_step step;
	int gic_err = 0;

	memset(x, 0, sizeof(*x));
	gp_error_init(&e);
	ck_assert_msg(gp_input_load(path, &io, &x->in, &e) == 0, "%s", e.msg);
	if (machine != NULL)
		ck_assert(gp_qemu_machine_parse(machine, &m));
	x->v = x->in.v;
	gp_vgic_set_qemu_machine(&x->v, (enum gic_profile)profile, m);
	x->g = gp_vgic_build(&x->v, (enum gic_profile)profile, &gic_err, &step);
	ck_assert_msg(x->g != NULL, "%s: %s", path, gic_strerror(gic_err));
}

static void internal_free(struct internal *x)
{
	gic_destroy(x->g);
	gp_input_free(&x->in);
}

static struct gicplan_gic *public_gic(const char *path, int profile, const char *machine)
{
	struct gicplan_input *in = NULL;
	struct gicplan_gic *gic = NULL;
	struct gicplan_error err;

	ck_assert_msg(gicplan_input_load(path, NULL, &in, &err) == GICPLAN_OK, "%s", err.message);
	ck_assert_msg(gicplan_input_gic(in, profile, machine, &gic, &err) == GICPLAN_OK, "%s: %s",
		      path, err.message);
	ck_assert_int_eq(err.code, GICPLAN_OK);
	/* The handle holds what it needs: the input may go first. */
	gicplan_input_free(in);
	return gic;
}

static uint64_t read_ok(struct gicplan_gic *gic, uint64_t addr, unsigned size)
{
	struct gicplan_error err;
	uint64_t val = 0;

	ck_assert_msg(gicplan_gic_mmio_read(gic, addr, size, &val, &err) == GICPLAN_OK,
		      "read 0x%llx: %s", (unsigned long long)addr, err.message);
	return val;
}

/* vCPU @cpu's affinity as GICR_TYPER [63:32] shows it (KVM's GIC shows no Aff3). */
static uint64_t packed_affinity(struct gic *g, uint32_t cpu, int profile)
{
	uint64_t mpidr = 0, aff3;

	ck_assert_int_eq(gic_cpu_mpidr(g, cpu, &mpidr), 0);
	aff3 = profile == GICPLAN_PROFILE_KVM ? 0 : (mpidr & MPIDR_AFF3_MASK) >> MPIDR_AFF3_SHIFT;
	return aff3 << GIC_PACKED_AFF3_SHIFT | (mpidr & MPIDR_AFF0_2_MASK);
}

/*
 * Walk every redistributor region of @v as Linux's gic_iterate_rdists does,
 * through the public reads: GICR_TYPER at each frame, the next one a
 * redistributor-stride on (the tree's, when it pads frames) or the frames
 * GICR_TYPER.VLPIS says, until GICR_TYPER.Last. Each frame must be a vCPU's,
 * found once, where the emulator placed it and where the VMM did
 * (gp_vgic_next_frame).
 */
static void walk_finds_every_vcpu(const char *path, const struct gp_vgic *v,
				  struct gicplan_gic *gic, int profile)
{
	struct gic *g = gicplan_gic_emul(gic);
	uint32_t n = gic_nr_cpus(g);
	uint64_t *found = calloc(n, sizeof(*found));
	struct gp_vgic_walk w = { 0 };
	uint32_t seen = 0;

	ck_assert_ptr_nonnull(found);
	for (uint32_t r = 0; r < v->nr_regions; r++) {
		uint64_t frame = v->regions[r].base, typer;

		if (v->regions[r].count == 0)
			continue;
		do {
			uint32_t cpu, by_aff;

			typer = read_ok(gic, frame + GICR_TYPER, sizeof(uint64_t));
			cpu = (uint32_t)(typer >> GICR_TYPER_PROC_NUM_SHIFT & GICR_TYPER_PROC_NUM_MASK);
			ck_assert_msg(cpu < n, "%s: frame 0x%llx: processor %u", path,
				      (unsigned long long)frame, cpu);
			ck_assert_uint_eq(typer >> 32, packed_affinity(g, cpu, profile));
			ck_assert_int_eq(gic_cpu_by_affinity(g, packed_affinity(g, cpu, profile) &
								    MPIDR_AFF0_2_MASK, &by_aff), 0);
			ck_assert_msg(found[cpu] == 0, "%s: vCPU %u found twice", path, cpu);
			found[cpu] = frame;
			seen++;
			ck_assert_uint_le(seen, n);
			if (gp_vgic_strided(v))
				frame += v->frame_step;
			else
				frame += GIC_FRAME_SIZE * (RD_FRAMES +
							   ((typer & GICR_TYPER_VLPIS) ? VLPI_FRAMES : 0));
		} while (!(typer & GICR_TYPER_LAST));
	}
	ck_assert_msg(seen == n, "%s: the walk found %u of %u vCPUs", path, seen, n);
	for (uint32_t cpu = 0; cpu < n; cpu++) {
		uint64_t placed = 0;

		ck_assert_int_eq(gic_redist_frame_base(g, cpu, &placed), 0);
		ck_assert_uint_eq(found[cpu], placed);
		ck_assert_uint_eq(found[cpu], gp_vgic_next_frame(v, &w));
	}
	free(found);
}

START_TEST(walk_finds_every_redistributor)
{
	const char *path = trees[_i % NR_TREES];
	int profile = views[_i / NR_TREES].profile;
	const char *machine = views[_i / NR_TREES].machine;
	struct internal x;
	struct gicplan_gic *gic;

	internal_build(path, profile, machine, &x);
	gic = public_gic(path, profile, machine);
	ck_assert_uint_eq(gic_nr_cpus(gicplan_gic_emul(gic)), x.v.nr_cpus);
	walk_finds_every_vcpu(path, &x.v, gic, profile);
	gicplan_gic_free(gic);
	internal_free(&x);
}
END_TEST

/* Both sides' answer at @addr: the same code, the same value, the same reason. */
static void same_read(struct gicplan_gic *gic, struct internal *x, uint64_t addr, unsigned size)
{
	struct gicplan_error err;
	uint64_t pub = 0, in = 0;
	int rc_pub = gicplan_gic_mmio_read(gic, addr, size, &pub, &err);
	int rc_in = gp_vgic_mmio_read(&x->v, x->g, addr, size, &in);

	if (rc_in == 0) {
		ck_assert_msg(rc_pub == GICPLAN_OK, "0x%llx: %s", (unsigned long long)addr,
			      err.message);
		ck_assert_msg(pub == in, "0x%llx: 0x%llx, not 0x%llx", (unsigned long long)addr,
			      (unsigned long long)pub, (unsigned long long)in);
	} else {
		ck_assert_int_eq(rc_pub, GICPLAN_E_USAGE);
		ck_assert_int_eq(err.code, GICPLAN_E_USAGE);
		ck_assert_str_eq(err.message, gic_strerror(rc_in));
	}
}

START_TEST(reads_are_the_vmm_view)
{
	const char *path = trees[_i % NR_TREES];
	int profile = views[_i / NR_TREES].profile;
	const char *machine = views[_i / NR_TREES].machine;
	struct internal x;
	struct gicplan_gic *gic;
	uint32_t n;

	internal_build(path, profile, machine, &x);
	gic = public_gic(path, profile, machine);
	n = gic_nr_cpus(x.g);
	/* The distributor, every register; and reads of no register or of a bad width. */
	for (uint64_t off = 0; off < GIC_FRAME_SIZE; off += ACCESS)
		same_read(gic, &x, x.v.dist_base + off, ACCESS);
	same_read(gic, &x, x.v.dist_base + GICD_TYPER, sizeof(uint64_t));
	same_read(gic, &x, x.v.dist_base + 1, ACCESS);
	same_read(gic, &x, x.v.dist_base + GIC_FRAME_SIZE, ACCESS);
	/* Each vCPU's RD_base and SGI_base, and the frame past the last. */
	for (uint32_t cpu = 0; cpu < n; cpu++) {
		uint64_t rd = 0;

		ck_assert_int_eq(gic_redist_frame_base(x.g, cpu, &rd), 0);
		for (uint64_t off = 0; off < WALK_REGS; off += ACCESS) {
			same_read(gic, &x, rd + off, ACCESS);
			same_read(gic, &x, rd + GIC_FRAME_SIZE + off, ACCESS);
		}
		same_read(gic, &x, rd + GICR_TYPER, sizeof(uint64_t));
		if (cpu + 1 == n)
			same_read(gic, &x, rd + x.v.frame_step, ACCESS);
	}
	/* A write lands in the emulator both views read. */
	ck_assert_int_eq(gicplan_gic_mmio_write(gic, x.v.dist_base + GICD_CTLR, ACCESS,
						GICD_CTLR_ENABLE_GRP1, NULL), GICPLAN_OK);
	ck_assert_int_eq(gic_mmio_write(x.g, x.v.dist_base + GICD_CTLR, ACCESS,
					GICD_CTLR_ENABLE_GRP1), 0);
	same_read(gic, &x, x.v.dist_base + GICD_CTLR, ACCESS);
	gicplan_gic_free(gic);
	internal_free(&x);
}
END_TEST

/* hip05 pads its frames: the emulator alone ends each at Last, the tree's view at its region's end. */
START_TEST(strided_frames_last_where_the_tree_says)
{
	struct gicplan_gic *gic = public_gic(HIP05, GICPLAN_PROFILE_ARCH, NULL);
	struct gic *g = gicplan_gic_emul(gic);
	uint64_t rd = 0, raw = 0;
	uint32_t lasts = 0, n = gic_nr_cpus(g);

	ck_assert_uint_gt(n, 1);
	for (uint32_t cpu = 0; cpu < n; cpu++) {
		ck_assert_int_eq(gic_redist_frame_base(g, cpu, &rd), 0);
		ck_assert_int_eq(gic_mmio_read(g, rd + GICR_TYPER, sizeof(uint64_t), &raw), 0);
		ck_assert(raw & GICR_TYPER_LAST);
		if (read_ok(gic, rd + GICR_TYPER, sizeof(uint64_t)) & GICR_TYPER_LAST)
			lasts++;
	}
	/* hip05-d02: one region of 16 frames 0x30000 apart. */
	ck_assert_uint_eq(lasts, 1);
	ck_assert(read_ok(gic, rd + GICR_TYPER, sizeof(uint64_t)) & GICR_TYPER_LAST);
	gicplan_gic_free(gic);
}
END_TEST

/* A QEMU machine type before virt-6.2 has no TCG ITS: no LPIs in GICD_TYPER. */
START_TEST(qemu_machine_type_decides_lpis)
{
	struct gicplan_gic *latest = public_gic(QEMU_V61, GICPLAN_PROFILE_QEMU, NULL);
	struct gicplan_gic *old = public_gic(QEMU_V61, GICPLAN_PROFILE_QEMU, "virt-6.1");
	uint64_t base = 0, t_latest, t_old;
	struct internal x;

	internal_build(QEMU_V61, GICPLAN_PROFILE_QEMU, NULL, &x);
	base = x.v.dist_base;
	t_latest = read_ok(latest, base + GICD_TYPER, ACCESS);
	t_old = read_ok(old, base + GICD_TYPER, ACCESS);
	ck_assert(t_latest & GICD_TYPER_LPIS);
	ck_assert(!(t_old & GICD_TYPER_LPIS));
	gicplan_gic_free(latest);
	gicplan_gic_free(old);
	internal_free(&x);
}
END_TEST

START_TEST(machine_names_as_the_cli_parses_them)
{
	static const char *const names[] = {
		"virt", "virt-7.2", "virt-7.1", "virt-6.2", "virt-6.1", "virt-2.6", "virt-2.5",
		"virt-2.12", "virt-3.1", "virt-7.3", "virt-8.0", "virt-", "virt-7", "virt-7.2x",
		"virt-+7.2", "virt-07.2", "virt7.2", "pc", "", "VIRT",
	};
	uint32_t m;

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		ck_assert_msg(gicplan_qemu_machine_valid(names[i]) ==
				      (int)gp_qemu_machine_parse(names[i], &m), "%s", names[i]);
	ck_assert_int_eq(gicplan_qemu_machine_valid("virt-7.2"), 1);
	ck_assert_int_eq(gicplan_qemu_machine_valid("virt-9.9"), 0);
	ck_assert_int_eq(gicplan_qemu_machine_valid(NULL), 0);
}
END_TEST

START_TEST(bad_arguments)
{
	struct gicplan_input *in = NULL;
	struct gicplan_gic *gic = (struct gicplan_gic *)&in;  /* must be set to NULL */
	struct gicplan_error err;
	uint64_t val = 0, rd = 0;

	ck_assert_int_eq(gicplan_input_load(QEMU_V3_SMP8, NULL, &in, &err), GICPLAN_OK);
	ck_assert_int_eq(gicplan_input_gic(NULL, GICPLAN_PROFILE_ARCH, NULL, &gic, &err),
			 GICPLAN_E_USAGE);
	ck_assert_ptr_null(gic);
	ck_assert_int_eq(gicplan_input_gic(in, GICPLAN_PROFILE_ARCH, NULL, NULL, &err),
			 GICPLAN_E_USAGE);
	ck_assert_int_eq(err.code, GICPLAN_E_USAGE);
	ck_assert_int_eq(gicplan_input_gic(in, -1, NULL, &gic, &err), GICPLAN_E_USAGE);
	ck_assert_str_eq(err.message, "emulated GIC: profile -1 unknown");
	ck_assert_int_eq(gicplan_input_gic(in, GICPLAN_PROFILE_QEMU + 1, NULL, &gic, NULL),
			 GICPLAN_E_USAGE);
	ck_assert_int_eq(gicplan_input_gic(in, GICPLAN_PROFILE_KVM, "virt-7.2", &gic, &err),
			 GICPLAN_E_USAGE);
	ck_assert_ptr_nonnull(strstr(err.message, "it is the QEMU profile's"));
	ck_assert_int_eq(gicplan_input_gic(in, GICPLAN_PROFILE_QEMU, "virt-1.0", &gic, &err),
			 GICPLAN_E_USAGE);
	ck_assert_ptr_nonnull(strstr(err.message, "\"virt-1.0\""));
	ck_assert_ptr_null(gic);

	ck_assert_int_eq(gicplan_input_gic(in, GICPLAN_PROFILE_ARCH, NULL, &gic, &err), GICPLAN_OK);
	ck_assert_int_eq(gicplan_gic_mmio_read(gic, 0, ACCESS, &val, &err), GICPLAN_E_USAGE);
	ck_assert_str_eq(err.message, gic_strerror(GIC_E_UNMAPPED));
	ck_assert_int_eq(gic_redist_frame_base(gicplan_gic_emul(gic), 0, &rd), 0);
	ck_assert_int_eq(gicplan_gic_mmio_read(gic, rd + GICR_TYPER + 2, ACCESS, &val, &err),
			 GICPLAN_E_USAGE);
	ck_assert_str_eq(err.message, gic_strerror(GIC_E_ACCESS_ALIGN));
	ck_assert_int_eq(gicplan_gic_mmio_write(gic, 0, ACCESS, 0, &err), GICPLAN_E_USAGE);
	ck_assert_str_eq(err.message, gic_strerror(GIC_E_UNMAPPED));
	ck_assert_int_eq(gicplan_gic_mmio_read(gic, 0, ACCESS, NULL, &err), GICPLAN_E_USAGE);
	ck_assert_int_eq(gicplan_gic_mmio_read(NULL, 0, ACCESS, &val, &err), GICPLAN_E_USAGE);
	ck_assert_int_eq(gicplan_gic_mmio_write(NULL, 0, ACCESS, 0, &err), GICPLAN_E_USAGE);
	ck_assert_ptr_null(gicplan_gic_emul(NULL));
	gicplan_gic_free(NULL);
	gicplan_gic_free(gic);
	gicplan_input_free(in);
}
END_TEST

/* A VGIC the profile's GIC cannot be: KVM shows no GICv4. The message names the input. */
START_TEST(vgic_that_does_not_build)
{
	struct gicplan_plan *plan = x_public_plan(8, 4, -1);
	struct gicplan_input *in = NULL;
	struct gicplan_gic *gic = NULL;
	struct gicplan_error err;
	char want[GICPLAN_ERROR_MAX], path[256], *text;
	size_t len = 0;
	FILE *f;

	ck_assert_int_eq(gicplan_input_from_plan(plan, &in, &err), GICPLAN_OK);
	ck_assert_int_eq(gicplan_input_gic(in, GICPLAN_PROFILE_KVM, NULL, &gic, &err),
			 GICPLAN_E_CHECK);
	ck_assert_ptr_null(gic);
	snprintf(want, sizeof(want), "the plan's tree: the VGIC it describes does not build: %s",
		 gic_strerror(GIC_E_VERSION));
	ck_assert_str_eq(err.message, want);
	/* The architecture's GIC has a GICv4. */
	ck_assert_int_eq(gicplan_input_gic(in, GICPLAN_PROFILE_ARCH, NULL, &gic, &err), GICPLAN_OK);
	gicplan_gic_free(gic);
	gicplan_input_free(in);

	/* The same plan from its file: the message names the file. */
	ck_assert_int_eq(gicplan_plan_json(plan, NULL, 0, &len, &err), GICPLAN_E_RANGE);
	text = malloc(len + 1);
	ck_assert_ptr_nonnull(text);
	ck_assert_int_eq(gicplan_plan_json(plan, text, len + 1, &len, &err), GICPLAN_OK);
	snprintf(path, sizeof(path), "%s/test_api_emu_%ld.json", GICPLAN_BINARY_DIR, (long)getpid());
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(text, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_int_eq(gicplan_input_load(path, NULL, &in, &err), GICPLAN_OK);
	ck_assert_int_eq(gicplan_input_gic(in, GICPLAN_PROFILE_KVM, NULL, &gic, &err),
			 GICPLAN_E_CHECK);
	snprintf(want, sizeof(want), "%s: the VGIC it describes does not build: %s", path,
		 gic_strerror(GIC_E_VERSION));
	ck_assert_str_eq(err.message, want);
	unlink(path);
	free(text);
	gicplan_input_free(in);
	gicplan_plan_free(plan);
}
END_TEST

static Suite *api_emu_suite(void)
{
	Suite *s = suite_create("api_emu");
	TCase *tc = tcase_create("emulated GIC");

	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, walk_finds_every_redistributor, 0, (int)(NR_TREES * NR_VIEWS));
	tcase_add_loop_test(tc, reads_are_the_vmm_view, 0, (int)(NR_TREES * NR_VIEWS));
	tcase_add_test(tc, strided_frames_last_where_the_tree_says);
	tcase_add_test(tc, qemu_machine_type_decides_lpis);
	tcase_add_test(tc, machine_names_as_the_cli_parses_them);
	tcase_add_test(tc, bad_arguments);
	tcase_add_test(tc, vgic_that_does_not_build);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(api_emu_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
