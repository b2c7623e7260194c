/* SPDX-License-Identifier: MIT */
/*
 * Real board trees (tests/fixtures/boards, from Debian's Linux 6.1 package),
 * read and verified as Linux reads them: interrupt parents, interrupt-map
 * nexuses, controllers that keep their map to themselves, ppi-partitions,
 * status, and what nests by design. Every expected value is read by hand from
 * the tree's source (`dtc -I dtb -O dts FILE`); the DTS lines are cited.
 */
#include <check.h>
#include <stdbool.h>
#include <stdint.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dt_reader.h"
#include "input.h"
#include "verify.h"
#include "xfile.h"
#include "xrun.h"

#define BOARDS GICPLAN_SOURCE_DIR "/tests/fixtures/boards/"
/* The binding's cells: <type number flags>, type 0 SPI, 1 PPI; flags 4 level-high, 8 level-low. */
#define SPEC_SPI 0u
#define SPEC_PPI 1u
#define FLAG_LEVEL_HIGH 4u
#define FLAG_LEVEL_LOW 8u

struct board {
	void *blob;
	size_t len;
};

static struct board board(const char *name)
{
	char path[512];
	struct board b;

	snprintf(path, sizeof(path), BOARDS "%s", name);
	b.blob = x_read_file(path, &b.len);
	return b;
}

/* Where Linux delivers interrupt @index of @path in board @name. */
static struct gp_dt_irq query(const char *name, const char *path, unsigned index)
{
	struct board b = board(name);
	struct gp_dt_irq irq;
	struct gp_error err;
	int rc;

	gp_error_init(&err);
	rc = gp_dt_irq_query(b.blob, b.len, name, path, index, &irq, &err);
	ck_assert_msg(rc == 0, "%s", err.msg);
	free(b.blob);
	return irq;
}

/* The machine of board @name (gp_machine_free it). */
static void read_board(const char *name, struct gp_machine *m)
{
	struct board b = board(name);
	struct gp_error err;
	int rc;

	gp_error_init(&err);
	rc = gp_dt_read(b.blob, b.len, name, m, &err);
	ck_assert_msg(rc == 0, "%s", err.msg);
	free(b.blob);
}

/* The device at @path, or NULL when the tree has none there. */
static const struct gp_mach_device *device(const struct gp_machine *m, const char *path)
{
	for (size_t i = 0; i < m->nr_devices; i++)
		if (strcmp(gp_mach_str(m, m->devices[i].path), path) == 0)
			return &m->devices[i];
	return NULL;
}

/* `gicplan verify FILE` with default options, on board @name. */
static void verify_board(const char *name, struct gp_verify_result *r)
{
	struct gp_input_options io = { 0 };
	struct gp_verify_options vo = { 0 };
	struct gp_input in;
	struct gp_error err;
	char path[512];

	snprintf(path, sizeof(path), BOARDS "%s", name);
	gp_error_init(&err);
	ck_assert_msg(gp_input_load(path, &io, &in, &err) == 0, "%s", err.msg);
	vo.profile = GIC_PROFILE_ARCH;
	vo.ipa_bits = in.ipa_bits;
	ck_assert_msg(gp_verify(&in.m, &in.v, &vo, r, &err) == 0, "%s", err.msg);
	gp_input_free(&in);
}

/* `gicplan verify [OPTIONS] FILE` on board @name: @in kept (gp_input_free it), as reported. */
static void verify_board_as(const char *name, const struct gp_input_options *io,
			    struct gp_input *in, struct gp_verify_result *r)
{
	struct gp_verify_options vo = { .profile = GIC_PROFILE_ARCH };
	struct gp_error err;
	char path[512];

	snprintf(path, sizeof(path), BOARDS "%s", name);
	gp_error_init(&err);
	ck_assert_msg(gp_input_load(path, io, in, &err) == 0, "%s", err.msg);
	vo.ipa_bits = in->ipa_bits;
	ck_assert_msg(gp_verify(&in->m, &in->v, &vo, r, &err) == 0, "%s", err.msg);
	snprintf(r->version_note, sizeof(r->version_note), "%s", in->version_note);
	r->nr_assumptions = in->nr_assumptions;
	memcpy(r->assumptions, in->assumptions, sizeof(r->assumptions));
}

/* Whether one of @r's assumptions holds @needle. */
static bool assumed(const struct gp_verify_result *r, const char *needle)
{
	for (uint32_t i = 0; i < r->nr_assumptions; i++)
		if (strstr(r->assumptions[i], needle) != NULL)
			return true;
	return false;
}

static void expect_check(const struct gp_verify_result *r, enum gp_check_id id,
			 enum gp_check_status want, const char *needle)
{
	const struct gp_check *k = &r->checks[id];

	ck_assert_msg(k->status == want, "%s is %s (%s), expected %s", gp_check_name(id),
		      gp_check_status_name(k->status), k->detail, gp_check_status_name(want));
	if (needle != NULL)
		ck_assert_msg(strstr(k->detail, needle) != NULL, "%s: \"%s\" lacks \"%s\"",
			      gp_check_name(id), k->detail, needle);
}

/*
 * sm7225-fairphone-fp4: pwrkey sits under an SPMI arbiter that is itself an
 * interrupt controller; the root's interrupt-parent (the GIC) is not its parent.
 *   1165 spmi@c440000 { ... 1175 interrupt-controller; 1176 #interrupt-cells = <0x04>;
 *   1266 pmic@0 { ... 1272 pon@800 { ... 1278 pwrkey {
 *   1280     interrupts = <0x00 0x08 0x00 0x03>;
 * pmic@0 and pon@800 have no #interrupt-cells: of_irq_find_parent goes on up.
 * The arbiter's own interrupt goes to the PDC, which is a controller too:
 *   1170 interrupts-extended = <0x36 0x01 0x04>;
 *   1128 interrupt-controller@b220000 { 1132 #interrupt-cells = <0x02>; ...
 *   1134 interrupt-controller; 1135 phandle = <0x36>;
 */
START_TEST(qualcomm_spmi_children)
{
	struct gp_dt_irq irq = query("sm7225-fairphone-fp4.dtb",
				     "/soc@0/spmi@c440000/pmic@0/pon@800/pwrkey", 0);
	struct gp_machine m;

	ck_assert(irq.resolved);
	ck_assert(!irq.to_gic);
	ck_assert_str_eq(irq.controller, "/soc@0/spmi@c440000");
	ck_assert_uint_eq(irq.cells, 4);
	ck_assert_uint_eq(irq.spec[0], 0x00);
	ck_assert_uint_eq(irq.spec[1], 0x08);
	ck_assert_uint_eq(irq.spec[2], 0x00);
	ck_assert_uint_eq(irq.spec[3], 0x03);
	irq = query("sm7225-fairphone-fp4.dtb", "/soc@0/spmi@c440000", 0);
	ck_assert(irq.resolved && !irq.to_gic);
	ck_assert_str_eq(irq.controller, "/soc@0/interrupt-controller@b220000");
	ck_assert_uint_eq(irq.cells, 2);
	ck_assert_uint_eq(irq.spec[0], 0x01);
	ck_assert_uint_eq(irq.spec[1], 0x04);
	/* Neither is a GIC interrupt: pwrkey (no reg) is no device, the arbiter has none. */
	read_board("sm7225-fairphone-fp4.dtb", &m);
	ck_assert_ptr_null(device(&m, "/soc@0/spmi@c440000/pmic@0/pon@800/pwrkey"));
	ck_assert_ptr_nonnull(device(&m, "/soc@0/spmi@c440000"));
	ck_assert_uint_eq(device(&m, "/soc@0/spmi@c440000")->nr_irq, 0);
	ck_assert_uint_eq(m.nr_unresolved_irqs, 0);
	gp_machine_free(&m);
}
END_TEST

/*
 * fvp-base-revc: bus@8000000 is an interrupt-map nexus of one cell.
 *   83 bus@8000000 { 85 #address-cells = <0x02>; 88 #interrupt-cells = <0x01>;
 *   89 interrupt-map-mask = <0x00 0x00 0x3f>;
 *   90 interrupt-map = <... 0x00 0x00 0x0f 0x01 0x00 0x00 0x00 0x0f 0x04 ...>;
 *      (child unit 0 0, child spec 15, the GIC (phandle 1, 381 #address-cells
 *      = <0x02>), its unit 0 0, GIC spec <SPI 15 level-high>)
 *   105 ethernet@202000000 { 107 reg = <0x02 0x2000000 0x10000>; 108 interrupts = <0x0f>;
 * The unit address (2, 0x2000000) is masked off: ethernet's interrupt is SPI 15.
 * There is no entry for 0x2d (the map goes 0x2c, 0x2e).
 */
START_TEST(fvp_nexus)
{
	struct gp_dt_irq irq = query("fvp-base-revc.dtb",
				     "/bus@8000000/motherboard-bus@8000000/ethernet@202000000", 0);
	const struct gp_mach_device *eth;
	struct gp_machine m;

	ck_assert(irq.resolved && irq.to_gic);
	ck_assert_str_eq(irq.controller, "/interrupt-controller@2f000000");
	ck_assert_uint_eq(irq.cells, 3);
	ck_assert_uint_eq(irq.spec[0], SPEC_SPI);
	ck_assert_uint_eq(irq.spec[1], 0x0f);
	ck_assert_uint_eq(irq.spec[2], FLAG_LEVEL_HIGH);
	read_board("fvp-base-revc.dtb", &m);
	eth = device(&m, "/bus@8000000/motherboard-bus@8000000/ethernet@202000000");
	ck_assert_ptr_nonnull(eth);
	ck_assert_uint_eq(eth->nr_irq, 1);
	ck_assert_uint_eq(m.irqs[eth->first_irq].type, SPEC_SPI);
	ck_assert_uint_eq(m.irqs[eth->first_irq].number, 0x0f);
	ck_assert(!m.irqs[eth->first_irq].from_map);
	/* The map's 46 entries are no device's: the nexus (no reg) is no device at all. */
	ck_assert_ptr_null(device(&m, "/bus@8000000"));
	ck_assert_uint_eq(m.nr_unresolved_irqs, 0);
	gp_machine_free(&m);
}
END_TEST

/*
 * fsl-ls1088a-rdb: the external-IRQ block's interrupt-map has a layout of its
 * own (its GIC entries skip the GIC's two unit-address cells); Linux leaves it
 * to the driver (of_irq_imap_abusers) and stops at the controller.
 *   242 interrupt-controller@14 { 243 compatible = "fsl,ls1088a-extirq";
 *   244 #interrupt-cells = <0x02>; 246 interrupt-controller; 248 interrupt-map = <...>;
 *   250 phandle = <0x10>;
 *   668 mdio@8b96000 { ... 678 ethernet-phy@c { 679 interrupts-extended = <0x10 0x01 0x08>;
 */
START_TEST(layerscape_extirq)
{
	struct gp_dt_irq irq = query("fsl-ls1088a-rdb.dtb", "/soc/mdio@8b96000/ethernet-phy@c", 0);
	struct gp_verify_result r;

	ck_assert(irq.resolved && !irq.to_gic);
	ck_assert_str_eq(irq.controller, "/soc/syscon@1f70000/interrupt-controller@14");
	ck_assert_uint_eq(irq.cells, 2);
	ck_assert_uint_eq(irq.spec[0], 0x01);
	ck_assert_uint_eq(irq.spec[1], 0x08);
	verify_board("fsl-ls1088a-rdb.dtb", &r);
	/* Its map's twelve SPIs are not interrupts of its own colliding with devices. */
	ck_assert_msg(r.checks[GP_CHECK_DEVICE_IRQS].status != GP_CHECK_FAIL, "%s",
		      r.checks[GP_CHECK_DEVICE_IRQS].detail);
	ck_assert(strstr(r.checks[GP_CHECK_DEVICE_IRQS].detail, "interrupt-controller@14") == NULL);
}
END_TEST

/*
 * rk3399-evb: the GIC has ppi-partitions and four interrupt cells.
 *   530 #interrupt-cells = <0x04>;  547 ppi-partitions { ... 551 phandle = <0x0f>;
 *   195 pmu_a53 { 197 interrupts = <0x01 0x07 0x08 0x0f>;
 *   200 pmu_a72 { 202 interrupts = <0x01 0x07 0x08 0x10>;
 * One PPI, two partitions: two lines, no collision. On one partition they collide.
 */
START_TEST(rk3399_ppi_partitions)
{
	struct gp_machine m;
	const struct gp_mach_device *a53, *a72;
	struct gp_verify_result r;
	struct board b;
	char path[512];
	fdt32_t same[4];
	int node;

	read_board("rk3399-evb.dtb", &m);
	a53 = device(&m, "/pmu_a53");
	a72 = device(&m, "/pmu_a72");
	ck_assert(a53 != NULL && a72 != NULL && a53->nr_irq == 1 && a72->nr_irq == 1);
	ck_assert_uint_eq(m.irqs[a53->first_irq].type, SPEC_PPI);
	ck_assert_uint_eq(m.irqs[a53->first_irq].number, 7);
	ck_assert_uint_eq(m.irqs[a53->first_irq].flags, FLAG_LEVEL_LOW);
	ck_assert_uint_eq(m.irqs[a53->first_irq].partition, 0x0f);
	ck_assert_uint_eq(m.irqs[a72->first_irq].number, 7);
	ck_assert_uint_eq(m.irqs[a72->first_irq].partition, 0x10);
	gp_machine_free(&m);
	verify_board("rk3399-evb.dtb", &r);
	ck_assert_msg(!r.failed, "%s", r.checks[GP_CHECK_DEVICE_IRQS].detail);
	ck_assert(strstr(r.checks[GP_CHECK_DEVICE_IRQS].detail, "PPI") == NULL);

	/* pmu_a72 moved onto pmu_a53's partition: PPI 7 is shared (a warning). */
	b = board("rk3399-evb.dtb");
	node = fdt_path_offset(b.blob, "/pmu_a72");
	ck_assert_int_ge(node, 0);
	same[0] = cpu_to_fdt32(SPEC_PPI);
	same[1] = cpu_to_fdt32(7);
	same[2] = cpu_to_fdt32(FLAG_LEVEL_LOW);
	same[3] = cpu_to_fdt32(0x0f);
	ck_assert_int_eq(fdt_setprop_inplace(b.blob, node, "interrupts", same, sizeof(same)), 0);
	x_write_temp(b.blob, b.len, path, sizeof(path));
	free(b.blob);
	{
		struct gp_input_options io = { 0 };
		struct gp_verify_options vo = { .profile = GIC_PROFILE_ARCH };
		struct gp_input in;
		struct gp_error err;

		gp_error_init(&err);
		ck_assert_msg(gp_input_load(path, &io, &in, &err) == 0, "%s", err.msg);
		vo.ipa_bits = in.ipa_bits;
		ck_assert(gp_verify(&in.m, &in.v, &vo, &r, &err) == 0);
		gp_input_free(&in);
	}
	unlink(path);
	expect_check(&r, GP_CHECK_DEVICE_IRQS, GP_CHECK_WARN, "PPI 7 is also /pmu_a53");
}
END_TEST

/*
 * fsl-ls1028a-rdb: a disabled timer and an enabled PWM on one block.
 *   1102 pwm@2800000 { 1105 reg = <0x00 0x2800000 0x00 0x10000>; 1108 status = "okay";
 *   1182 timer@2800000 { 1184 reg = <0x00 0x2800000 0x00 0x10000>;
 *   1186 interrupts = <0x00 0x2c 0x04>; 1187 status = "disabled";
 * The timer is absent: no overlap, and SPI 44 is nobody's.
 */
START_TEST(disabled_nodes)
{
	struct gp_machine m;
	struct gp_verify_result r;

	read_board("fsl-ls1028a-rdb.dtb", &m);
	ck_assert_ptr_null(device(&m, "/soc/timer@2800000"));
	ck_assert_ptr_nonnull(device(&m, "/soc/pwm@2800000"));
	for (size_t i = 0; i < m.nr_irqs; i++)
		ck_assert(!(m.irqs[i].type == SPEC_SPI && m.irqs[i].number == 0x2c));
	gp_machine_free(&m);
	verify_board("fsl-ls1028a-rdb.dtb", &r);
	expect_check(&r, GP_CHECK_REGION_OVERLAP, GP_CHECK_PASS, NULL);
}
END_TEST

/*
 * Regions inside their parent's are plain device tree:
 * imx93-11x11-evk: 274 bus@42000000 { 276 reg = <0x42000000 0x800000>;
 *   281 syscon@42420000 { 283 reg = <0x42420000 0x1000>;
 * imx8ulp-evk: 106 sram@2201f000 { 108 reg = <0x00 0x2201f000 0x00 0x1000>;
 *   111 ranges = <0x00 0x00 0x2201f000 0x1000>; 113 scmi-sram-section@0 { 115 reg = <0x00 0x400>;
 */
START_TEST(nested_regions)
{
	struct gp_verify_result r;

	verify_board("imx93-11x11-evk.dtb", &r);
	expect_check(&r, GP_CHECK_REGION_OVERLAP, GP_CHECK_PASS, NULL);
	verify_board("imx8ulp-evk.dtb", &r);
	expect_check(&r, GP_CHECK_REGION_OVERLAP, GP_CHECK_PASS, NULL);
}
END_TEST

/*
 * armada-3720-db: a reserved-memory carve-out inside memory is no overlap:
 *   15 reserved-memory { 20 psci-area@4000000 { 21 reg = <0x00 0x4000000 0x00 0x200000>;
 *   576 memory@0 { 578 reg = <0x00 0x00 0x00 0x20000000>;
 * The first overlap by address is then two unrelated devices (a warning):
 * clock-controller@12010 [0xd0012010, +4) inside serial@12000 [0xd0012000, +0x18).
 */
START_TEST(reserved_memory)
{
	struct gp_verify_result r;

	verify_board("armada-3720-db.dtb", &r);
	expect_check(&r, GP_CHECK_REGION_OVERLAP, GP_CHECK_WARN, "clock-controller@12010");
	ck_assert(strstr(r.checks[GP_CHECK_REGION_OVERLAP].detail, "serial@12000") != NULL);
	ck_assert(strstr(r.checks[GP_CHECK_REGION_OVERLAP].detail, "reserved-memory") == NULL);
}
END_TEST

/*
 * ac5-98dx35xx-rd: two buses over one window, an unrelated pair overlapping:
 *   74 internal-regs@7f000000 { 78 ranges = <0x00 0x00 0x7f000000 0x1000000>;
 *   121 mdio@22004 { 125 reg = <0x22004 0x04>;          -> [0x7f022004, +4)
 *   196 behind-32bit-controller@7f000000 { 200 ranges = <0x00 0x00 0x00 0x7f000000 0x00 0x1000000>;
 *   204 ethernet@20000 { 206 reg = <0x00 0x20000 0x00 0x4000>;   -> [0x7f020000, +0x4000)
 * A warning, not a failure. So is the GIC's own ITS child inside a GICD reg
 * padded past the distributor's 64 KiB (Linux maps both):
 * k3-j721s2: 459 interrupt-controller@1800000 { 466 reg = <0x00 0x1800000 0x00 0x100000 ...>;
 *   470 msi-controller@1820000 { 472 reg = <0x00 0x1820000 0x00 0x10000>;
 */
START_TEST(unrelated_overlap)
{
	struct gp_verify_result r;

	verify_board("ac5-98dx35xx-rd.dtb", &r);
	expect_check(&r, GP_CHECK_REGION_OVERLAP, GP_CHECK_WARN, "mdio@22004 [0x7f022004, +0x4)");
	ck_assert(strstr(r.checks[GP_CHECK_REGION_OVERLAP].detail, "ethernet@20000 [0x7f020000") !=
		  NULL);
	ck_assert(!r.failed);
	verify_board("k3-j721s2-common-proc-board.dtb", &r);
	expect_check(&r, GP_CHECK_REGION_OVERLAP, GP_CHECK_WARN, "gicd [0x1800000, +0x100000)");
	ck_assert(strstr(r.checks[GP_CHECK_REGION_OVERLAP].detail, "msi-controller@1820000") != NULL);
	ck_assert(!r.failed);
}
END_TEST

/* Board @name with room to edit (free it). */
static void *writable(const char *name, size_t *len)
{
	struct board b = board(name);
	size_t cap = b.len + 4096;
	void *t = calloc(1, cap); /* the tail past the tree is written out too */

	ck_assert_ptr_nonnull(t);
	ck_assert_int_eq(fdt_open_into(b.blob, t, (int)cap), 0);
	free(b.blob);
	*len = cap;
	return t;
}

/* A root node @name with phandle @ph, returned. */
static int add_node(void *t, const char *name, uint32_t ph)
{
	int n = fdt_add_subnode(t, 0, name);

	ck_assert_int_ge(n, 0);
	ck_assert_int_eq(fdt_setprop_u32(t, n, "phandle", ph), 0);
	return n;
}

#define FVP_ETH "/bus@8000000/motherboard-bus@8000000/ethernet@202000000"

/*
 * fvp-base-revc with ethernet's interrupt moved to 0x2d, which the nexus map
 * has no entry for (line 90 goes 0x2c, 0x2e): Linux cannot resolve it, and
 * verify says so (a warning: the guest boots, the device has no interrupt).
 */
START_TEST(nexus_without_entry)
{
	size_t len;
	void *t = writable("fvp-base-revc.dtb", &len);
	struct gp_machine m;
	struct gp_error err;
	struct gp_dt_irq irq;
	char path[512];

	ck_assert_int_eq(fdt_setprop_u32(t, fdt_path_offset(t, FVP_ETH), "interrupts", 0x2d), 0);
	gp_error_init(&err);
	ck_assert_msg(gp_dt_read(t, len, "fvp", &m, &err) == 0, "%s", err.msg);
	ck_assert_uint_eq(m.nr_unresolved_irqs, 1);
	ck_assert(strstr(gp_mach_str(&m, m.unresolved_irq), FVP_ETH) != NULL);
	ck_assert_uint_eq(device(&m, FVP_ETH)->nr_irq, 0);
	gp_machine_free(&m);
	ck_assert_msg(gp_dt_irq_query(t, len, "fvp", FVP_ETH, 0, &irq, &err) == 0, "%s", err.msg);
	ck_assert(irq.found && !irq.resolved);
	ck_assert(strstr(irq.why, "interrupt-map") != NULL);
	x_write_temp(t, len, path, sizeof(path));
	free(t);
	{
		struct gp_input_options io = { 0 };
		struct gp_verify_options vo = { .profile = GIC_PROFILE_ARCH };
		struct gp_verify_result r;
		struct gp_input in;

		ck_assert_msg(gp_input_load(path, &io, &in, &err) == 0, "%s", err.msg);
		vo.ipa_bits = in.ipa_bits;
		ck_assert(gp_verify(&in.m, &in.v, &vo, &r, &err) == 0);
		gp_input_free(&in);
		expect_check(&r, GP_CHECK_DEVICE_IRQS, GP_CHECK_WARN, "cannot resolve");
		ck_assert(!r.failed);
	}
	unlink(path);
}
END_TEST

/* Interrupt parents, or maps, that lead back to themselves: Linux would never return. */
START_TEST(loops_refused)
{
	size_t len;
	void *t = writable("fvp-base-revc.dtb", &len);
	struct gp_machine m;
	struct gp_error err;
	int a, b;
	/* <child spec 1, parent phandle, parent spec 1> */
	fdt32_t to_b[3] = { cpu_to_fdt32(1), cpu_to_fdt32(0x9002), cpu_to_fdt32(1) };
	fdt32_t to_a[3] = { cpu_to_fdt32(1), cpu_to_fdt32(0x9001), cpu_to_fdt32(1) };

	/* a -> b -> a by interrupt-parent, neither with #interrupt-cells. */
	add_node(t, "loop-a", 0x9001);
	add_node(t, "loop-b", 0x9002);
	ck_assert_int_eq(fdt_setprop_u32(t, fdt_path_offset(t, "/loop-a"), "interrupt-parent",
					 0x9002), 0);
	ck_assert_int_eq(fdt_setprop_u32(t, fdt_path_offset(t, "/loop-b"), "interrupt-parent",
					 0x9001), 0);
	ck_assert_int_eq(fdt_setprop_u32(t, fdt_path_offset(t, FVP_ETH), "interrupt-parent",
					 0x9001), 0);
	gp_error_init(&err);
	ck_assert_int_eq(gp_dt_read(t, len, "fvp", &m, &err), -1);
	ck_assert_int_eq(err.exit_code, GP_EXIT_USAGE);
	ck_assert_msg(strstr(err.msg, FVP_ETH) && strstr(err.msg, "loop"), "%s", err.msg);
	gp_machine_free(&m);
	free(t);
	/* a maps to b, b maps to a: nexuses of one cell, no address cells. */
	t = writable("fvp-base-revc.dtb", &len);
	a = add_node(t, "loop-a", 0x9001);
	ck_assert_int_eq(fdt_setprop_u32(t, a, "#interrupt-cells", 1), 0);
	ck_assert_int_eq(fdt_setprop_u32(t, a, "#address-cells", 0), 0);
	ck_assert_int_eq(fdt_setprop(t, a, "interrupt-map", to_b, sizeof(to_b)), 0);
	/* (a's offset moves when b is added before it: b is edited before anything else) */
	b = add_node(t, "loop-b", 0x9002);
	ck_assert_int_eq(fdt_setprop_u32(t, b, "#interrupt-cells", 1), 0);
	ck_assert_int_eq(fdt_setprop_u32(t, b, "#address-cells", 0), 0);
	ck_assert_int_eq(fdt_setprop(t, b, "interrupt-map", to_a, sizeof(to_a)), 0);
	ck_assert_int_eq(fdt_setprop_u32(t, fdt_path_offset(t, FVP_ETH), "interrupt-parent",
					 0x9001), 0);
	ck_assert_int_eq(fdt_setprop_u32(t, fdt_path_offset(t, FVP_ETH), "interrupts", 1), 0);
	gp_error_init(&err);
	ck_assert_int_eq(gp_dt_read(t, len, "fvp", &m, &err), -1);
	ck_assert_msg(strstr(err.msg, FVP_ETH) && strstr(err.msg, "loop"), "%s", err.msg);
	gp_machine_free(&m);
	free(t);
}
END_TEST

/* thunder-88xx: a GICv3 PPI of number 21 is outside the 16 PPIs: it fails. */
START_TEST(ppi_out_of_range)
{
	struct gp_verify_result r;

	verify_board("thunder-88xx.dtb", &r);
	expect_check(&r, GP_CHECK_DEVICE_IRQS, GP_CHECK_FAIL, "PPI 21 is not below 16");
}
END_TEST

/*
 * imx8qm-mek: every interrupt goes to the GIC (4 interrupt-parent = <0x01>;
 * 98 interrupt-controller@51a00000 { 99 compatible = "arm,gic-v3"; phandle 0x01),
 * and SPIs above 255 are used by three enabled devices:
 *   183 jpegdec@58400000 { 185 interrupts = <0x00 0x135 ... 0x00 0x138 0x04>;
 *   194 jpegenc@58450000 { 196 interrupts = <0x00 0x131 ... 0x00 0x134 0x04>;
 *   512 ethernet@5b040000 { 514 interrupts = <0x00 0x102 0x04 0x00 0x100 ... 0x103 0x04>;
 *       522 status = "okay";
 *   547 ethernet@5b050000 { 549 (0x104..0x107) 557 status = "disabled";  -> not counted
 * The highest is 0x138 = 312: 313 SPIs, in blocks of 32: 320 assumed, and it
 * passes. Stated as 256 (--spis 256), 12 SPIs fail, all counted and listed,
 * the first in tree order jpegdec's 0x135 = 309.
 */
START_TEST(spis_inferred)
{
	struct gp_input_options io = { 0 };
	struct gp_verify_result *r = malloc(sizeof(*r));
	struct gp_input in;
	uint32_t listed = 0;

	ck_assert_ptr_nonnull(r);
	verify_board_as("imx8qm-mek.dtb", &io, &in, r);
	ck_assert_uint_eq(in.v.nr_irqs, 320 + 32);
	ck_assert_msg(assumed(r, "assumed: 320 SPIs (the highest device SPI is 312, of "
				 "/bus@58000000/jpegdec@58400000"), "%s", r->assumptions[1]);
	expect_check(r, GP_CHECK_DEVICE_IRQS, GP_CHECK_PASS, NULL);
	ck_assert_uint_eq(r->checks[GP_CHECK_DEVICE_IRQS].offences, 0);
	gp_input_free(&in);

	io.spis = 256;
	verify_board_as("imx8qm-mek.dtb", &io, &in, r);
	ck_assert(!assumed(r, "SPIs"));
	expect_check(r, GP_CHECK_DEVICE_IRQS, GP_CHECK_FAIL, "jpegdec@58400000: SPI 309 (INTID 341)");
	ck_assert_uint_eq(r->checks[GP_CHECK_DEVICE_IRQS].offences, 12);
	for (uint32_t i = 0; i < r->nr_listed; i++)
		if (r->listed[i].check == GP_CHECK_DEVICE_IRQS && r->listed[i].status == GP_CHECK_FAIL)
			listed++;
	ck_assert_uint_eq(listed, 12);
	ck_assert(r->failed);
	gp_input_free(&in);
	free(r);
}
END_TEST

/*
 * thunder-88xx: its UARTs sit above KVM's default 40-bit IPA:
 *   398 serial@87e0,24000000 { 400 reg = <0x87e0 0x24000000 0x00 0x1000>; -> ends 0x87e024001000
 * (and 0x87e025001000 for 406 serial@87e0,25000000), between 2^47 and 2^48: the
 * smallest PARange size holding it is 48 bits, assumed; ipa-bound passes.
 * Stated as 40 bits, ipa-bound fails.
 */
START_TEST(ipa_inferred)
{
	struct gp_input_options io = { 0 };
	struct gp_verify_result *r = malloc(sizeof(*r));
	struct gp_input in;

	ck_assert_ptr_nonnull(r);
	verify_board_as("thunder-88xx.dtb", &io, &in, r);
	ck_assert_uint_eq(in.ipa_bits, 48);
	ck_assert(assumed(r, "assumed: a 48-bit IPA"));
	expect_check(r, GP_CHECK_IPA_BOUND, GP_CHECK_PASS, NULL);
	gp_input_free(&in);
	io.ipa_bits = 40;
	verify_board_as("thunder-88xx.dtb", &io, &in, r);
	ck_assert(!assumed(r, "IPA"));
	expect_check(r, GP_CHECK_IPA_BOUND, GP_CHECK_FAIL, "40-bit IPA");
	gp_input_free(&in);
	free(r);
}
END_TEST

/*
 * hip05-d02: 16 cpus (98 cpu@20000 ... 233 cpu@20303), one region of exactly
 * 16 frames padded to the stride:
 *   263 interrupt-controller@8d000000 { 271 redistributor-stride = <0x00 0x30000>;
 *   272 reg = <... 0x00 0x8d100000 0x00 0x300000 ...>;   0x300000 = 16 * 0x30000
 * A stride is no proof of the frame size: GICv3 assumed. Its frames sit at
 * the stride, vCPU 15's at 0x8d100000 + 15 * 0x30000 = 0x8d3d0000, and the
 * walk finds each vCPU's (before: "CPU 1 has no redistributor in the walk").
 */
START_TEST(stride_places_frames)
{
	struct gp_input_options io = { 0 };
	struct gp_verify_result *r = malloc(sizeof(*r));
	struct gp_input in;
	struct gp_vgic_walk w = { 0 };
	uint64_t frame = 0;

	ck_assert_ptr_nonnull(r);
	verify_board_as("hip05-d02.dtb", &io, &in, r);
	ck_assert_uint_eq(in.v.version, 3);
	ck_assert(in.version_assumed);
	ck_assert_uint_eq(in.v.frame_step, 0x30000);
	for (int i = 0; i < 16; i++)
		frame = gp_vgic_next_frame(&in.v, &w);
	ck_assert_uint_eq(frame, 0x8d3d0000);
	ck_assert_uint_eq(gp_vgic_next_frame(&in.v, &w), UINT64_MAX);
	ck_assert_uint_eq(r->frames_walked, 16);
	expect_check(r, GP_CHECK_MPIDR_FOUND, GP_CHECK_PASS, NULL);
	expect_check(r, GP_CHECK_REDIST_WALK, GP_CHECK_PASS, NULL);
	ck_assert(assumed(r, "0x30000 apart"));
	/*
	 * Its RAM starts at 0 (427 memory@0 { reg = <0x00 0x00 0x00 0x80000000> }):
	 * the ITS's tables still find room there, and every vCPU takes its LPI.
	 */
	expect_check(r, GP_CHECK_LPI_ROUTING, GP_CHECK_PASS, NULL);
	gp_input_free(&in);
	free(r);
}
END_TEST

/*
 * The unit address spells reg's first address in the parent's space (DT
 * spec 2.2.1; dtc's check_simple_bus_reg), not the translated one:
 * armada-3720-db: 68 internal-regs@d0000000 { 72 ranges = <0x00 0x00 0xd0000000 0x2000000>;
 *   522 interrupt-controller@1d00000 { 526 reg = <0x1d00000 0x10000 ...>;   -> right
 * foundation-v8-gicv3: 178 interrupt-controller@2f000000 {
 *   183 ranges = <0x00 0x00 0x2f000000 0x100000>;
 *   189 msi-controller@2f020000 { 193 reg = <0x20000 0x20000>;    -> wants @20000
 */
START_TEST(unit_addresses)
{
	struct gp_verify_result r;

	verify_board("armada-3720-db.dtb", &r);
	expect_check(&r, GP_CHECK_NODE_NAMES, GP_CHECK_PASS, NULL);
	verify_board("foundation-v8-gicv3.dtb", &r);
	expect_check(&r, GP_CHECK_NODE_NAMES, GP_CHECK_WARN, "wants msi-controller@20000 ");
	ck_assert_uint_eq(r.checks[GP_CHECK_NODE_NAMES].offences, 1);
}
END_TEST

/*
 * ITS nodes Linux probes though the binding says otherwise (warnings):
 * fsl-ls1028a-rdb: 119 gic-its@6020000 { 121 msi-controller; 122 reg = <0x00 0x6020000 0x00 0x20000>;
 *   no #msi-cells (of_msi_get_domain takes an msi-parent without it);
 * k3-j721s2: msi-controller@1820000 { 472 reg = <0x00 0x1820000 0x00 0x10000>; }: 64 KiB,
 *   all Linux maps (its_map_one), but no GITS_TRANSLATER frame.
 */
START_TEST(its_as_linux_maps)
{
	struct gp_verify_result r;

	verify_board("fsl-ls1028a-rdb.dtb", &r);
	expect_check(&r, GP_CHECK_ITS_NODE, GP_CHECK_WARN, "no #msi-cells");
	verify_board("k3-j721s2-common-proc-board.dtb", &r);
	expect_check(&r, GP_CHECK_ITS_NODE, GP_CHECK_WARN, "reg size 0x10000");
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("dt_irq");
	TCase *t = tcase_create("boards");

	tcase_add_test(t, qualcomm_spmi_children);
	tcase_add_test(t, fvp_nexus);
	tcase_add_test(t, layerscape_extirq);
	tcase_add_test(t, rk3399_ppi_partitions);
	tcase_add_test(t, disabled_nodes);
	tcase_add_test(t, nested_regions);
	tcase_add_test(t, reserved_memory);
	tcase_add_test(t, unrelated_overlap);
	tcase_add_test(t, ppi_out_of_range);
	tcase_add_test(t, nexus_without_entry);
	tcase_add_test(t, loops_refused);
	tcase_add_test(t, spis_inferred);
	tcase_add_test(t, ipa_inferred);
	tcase_add_test(t, stride_places_frames);
	tcase_add_test(t, unit_addresses);
	tcase_add_test(t, its_as_linux_maps);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	return x_run_suite(suite(), true);
}
