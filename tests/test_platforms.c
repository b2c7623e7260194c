/* SPDX-License-Identifier: MIT */
/*
 * The bundled VMM platforms: qemu-virt, kvmtool, firecracker, cloud-hypervisor,
 * crosvm.
 *
 * - qemu-virt's trees are compared with the trees QEMU 7.2 itself writes
 *   (tests/golden/qemu-7.2), node by node and property by property, with
 *   every phandle-valued cell resolved to the path of the node it names, so
 *   that phandle numbers and node order do not matter and nothing else may
 *   differ. The comparison is written here from the device-tree spec, not
 *   taken from gicplan.
 * - The first vCPU count at which each growing redistributor block collides
 *   is computed here from the layout JSON (read with jansson) and checked
 *   against the numbers researched in docs/vmm-maps.md, then against what
 *   gicplan's capacity, limit text and planner say.
 * - Caps, the tree quirks each platform models (cpu reg = index, node names,
 *   timer flags...) and what verify makes of them, plan-file round trips, and
 *   the layout reader's errors for the new keys.
 */
#include <check.h>
#include <inttypes.h>
#include <jansson.h>
#include <libfdt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit_fdt.h"
#include "input.h"
#include "layout.h"
#include "plan_json.h"
#include "planner.h"
#include "platform.h"
#include "verify.h"
#include "xfile.h"
#include "xlayout.h"
#include "xplan.h"
#include "xrun.h"

#define LAYOUT(name) GICPLAN_SOURCE_DIR "/layouts/" name ".json"
#define GOLDEN(name) GICPLAN_SOURCE_DIR "/tests/golden/qemu-7.2/" name
#define SMALL_JSON GICPLAN_SOURCE_DIR "/tests/layouts/good/small.json"

#define KIB (UINT64_C(1) << 10)
#define MIB (UINT64_C(1) << 20)
#define GIB (UINT64_C(1) << 30)
#define V3_FRAME (128 * KIB)
#define V4_FRAME (256 * KIB)
#define GICD_BYTES (64 * KIB)
#define ITS_BYTES (128 * KIB)

/* Interrupt specifier flags (dt-bindings/interrupt-controller/irq.h, arm,gic-v3). */
#define SPEC_PPI 1u
#define FLAG_LEVEL_HIGH 4u
#define FLAG_LEVEL_LOW 8u
#define PPI_CPU_MASK_SHIFT 8u
#define MAINTENANCE_PPI 9u

/* Cells a phandle-valued property carries after each phandle. */
#define MSI_MAP_ENTRY_CELLS 4     /* rid-base, phandle, msi-base, length */
#define MSI_MAP_PHANDLE_CELL 1

/* ---- the layout file, read here with jansson ---------------------------------------- */

static json_t *x_json_file(const char *path)
{
	json_error_t e;
	json_t *root = json_load_file(path, 0, &e);

	ck_assert_msg(root != NULL, "%s: %s (line %d)", path, e.text, e.line);
	return root;
}


static uint64_t x_member_u64(const json_t *o, const char *key, uint64_t dflt)
{
	const json_t *v = json_object_get(o, key);

	return v ? x_u64(v) : dflt;
}

/* A named address range of the layout. */
struct span {
	char name[96];
	uint64_t base, end;
};

#define SPANS_MAX 256

/* Every fixed region of placement @pl of layout @root: devices, RAM at its largest, GICD, a fixed ITS. */
static size_t x_spans(const json_t *root, const json_t *pl, struct span *s)
{
	static const char *const windows[] = { "mmio", "pio", "mmio_high" };
	const json_t *d, *ram = json_object_get(root, "ram"), *its = json_object_get(pl, "its");
	size_t n = 0, i;

	json_array_foreach(json_object_get(root, "devices"), i, d) {
		uint64_t base = x_u64(json_object_get(d, "base"));
		uint64_t size = x_u64(json_object_get(d, "size"));
		uint64_t count = x_member_u64(d, "count", 1);
		const char *name = json_string_value(json_object_get(d, "name"));

		snprintf(s[n].name, sizeof(s[n].name), "%s", name);
		s[n].base = base;
		s[n++].end = base + size * count;
		for (size_t w = 0; w < sizeof(windows) / sizeof(windows[0]); w++) {
			const json_t *win = json_object_get(d, windows[w]);

			if (win == NULL)
				continue;
			snprintf(s[n].name, sizeof(s[n].name), "%s.%s", name, windows[w]);
			s[n].base = x_u64(json_object_get(win, "base"));
			s[n].end = s[n].base + x_u64(json_object_get(win, "size"));
			n++;
		}
	}
	snprintf(s[n].name, sizeof(s[n].name), "ram");
	s[n].base = x_u64(json_object_get(ram, "base"));
	s[n].end = s[n].base + x_member_u64(ram, "max_size", x_u64(json_object_get(ram, "size")));
	n++;
	snprintf(s[n].name, sizeof(s[n].name), "gicd");
	s[n].base = x_u64(json_object_get(pl, "gicd"));
	s[n].end = s[n].base + GICD_BYTES;
	n++;
	if (its != NULL && !(json_is_string(its) &&
			     strcmp(json_string_value(its), "below-redist") == 0)) {
		snprintf(s[n].name, sizeof(s[n].name), "its");
		s[n].base = x_u64(its);
		s[n].end = s[n].base + ITS_BYTES;
		n++;
	}
	ck_assert(n <= SPANS_MAX);
	return n;
}

/*
 * A placement whose one window grows down from "top": the first vCPU count
 * whose redistributors (and the ITS below them, with @its) reach below the
 * highest region under top. *@floor_name gets that region ("" for none).
 */
static uint64_t x_first_collision(const json_t *root, bool its, char *floor_name, size_t cap)
{
	const json_t *pl = json_array_get(json_object_get(root, "placements"), 0);
	const json_t *win = json_array_get(json_object_get(pl, "redist_regions"), 0);
	const json_t *its_v = json_object_get(pl, "its");
	bool its_below = its && json_is_string(its_v) &&
			 strcmp(json_string_value(its_v), "below-redist") == 0;
	struct span s[SPANS_MAX];
	size_t n = x_spans(root, pl, s);
	uint64_t top = x_u64(json_object_get(win, "top")), floor = 0;

	floor_name[0] = '\0';
	for (size_t i = 0; i < n; i++)
		if (s[i].end <= top && s[i].end > floor) {
			floor = s[i].end;
			snprintf(floor_name, cap, "%.*s", (int)cap - 1, s[i].name);
		}
	return (top - floor - (its_below ? ITS_BYTES : 0)) / V3_FRAME + 1;
}

/* KVM (and QEMU) give vCPUs MPIDRs in Aff0 groups of 16: x_mpidr(KVM_AFF0, i). */
#define KVM_AFF0 16

/* ---- planning through the library --------------------------------------------------- */

static struct gp_request request(uint64_t cpus, unsigned gic, int its, int virt)
{
	return (struct gp_request){ .cpus = cpus, .gic_version = gic, .its = its,
				    .virtualization = virt };
}

/* Plan @req on @p; returns the exit code (0 on success) and the message in @err. */
static int plan_on(const struct gp_platform *p, const struct gp_request *req, struct gp_plan *plan,
		   struct gp_error *err)
{
	gp_error_init(err);
	return gp_plan_make(p, req, plan, err) == 0 ? 0 : err->exit_code;
}

/* Verify @plan's tree as the plan command does; the result in @vr. */
static void verify_plan(const struct gp_plan *plan, struct gp_verify_result *vr)
{
	struct gp_input_options io = { 0 };
	struct gp_verify_options vo = { .profile = GIC_PROFILE_ARCH, .ipa_bits = plan->ipa_bits };
	struct gp_input in;
	struct gp_error err;
	size_t len;
	void *blob = x_emit(plan, &len);

	memset(&in, 0, sizeof(in));
	gp_error_init(&err);
	ck_assert_msg(gp_input_from_plan(plan, blob, len, &io, &in, &err) == 0, "input: %s",
		      err.msg);
	ck_assert_msg(gp_verify(&in.m, &in.v, &vo, vr, &err) == 0, "verify: %s", err.msg);
	gp_input_free(&in);
}

static const struct gp_check *check_named(const struct gp_verify_result *vr, const char *name)
{
	for (int i = 0; i < GP_CHECKS; i++)
		if (vr->checks[i].name != NULL && strcmp(vr->checks[i].name, name) == 0)
			return &vr->checks[i];
	ck_abort_msg("no check named %s", name);
	return NULL;
}

/* The first failed check's name and detail, for messages; "" when none failed. */
static void first_failure(const struct gp_verify_result *vr, char *buf, size_t cap)
{
	buf[0] = '\0';
	for (int i = 0; i < GP_CHECKS; i++)
		if (vr->checks[i].status == GP_CHECK_FAIL) {
			snprintf(buf, cap, "%s: %s", vr->checks[i].name, vr->checks[i].detail);
			return;
		}
}

/* ---- comparing two trees by content ------------------------------------------------- */

struct diff {
	char text[1536];      /* libcheck refuses longer failure messages */
	unsigned count;
};

static void __attribute__((format(printf, 2, 3))) note(struct diff *d, const char *fmt, ...)
{
	size_t len = strlen(d->text);
	va_list ap;

	d->count++;
	if (len + 2 >= sizeof(d->text))
		return;
	va_start(ap, fmt);
	vsnprintf(d->text + len, sizeof(d->text) - len, fmt, ap);
	va_end(ap);
	len = strlen(d->text);
	if (len + 1 < sizeof(d->text))
		strcat(d->text, "\n");
}

/* A growing text buffer for a normalised property value. */
struct text {
	char *s;
	size_t len, cap;
};

static void put(struct text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(t->s ? t->s + t->len : NULL, t->s ? t->cap - t->len : 0, fmt, ap);
		va_end(ap);
		ck_assert(n >= 0);
		if (t->s != NULL && t->len + (size_t)n < t->cap) {
			t->len += (size_t)n;
			return;
		}
		t->cap = (t->cap + (size_t)n + 1) * 2;
		t->s = realloc(t->s, t->cap);
		ck_assert_ptr_nonnull(t->s);
		if (t->len == 0)
			t->s[0] = '\0';
	}
}

static uint32_t cell_at(const fdt32_t *p, size_t i)
{
	return fdt32_to_cpu(p[i]);
}

/* A u32 property of @node, or @dflt when absent. */
static uint32_t u32_or(const void *fdt, int node, const char *name, uint32_t dflt)
{
	int len;
	const fdt32_t *p = fdt_getprop(fdt, node, name, &len);

	return p != NULL && len == 4 ? fdt32_to_cpu(*p) : dflt;
}

static void put_phandle(struct text *t, const void *fdt, uint32_t phandle)
{
	char path[512];
	int node = fdt_node_offset_by_phandle(fdt, phandle);

	if (node < 0 || fdt_get_path(fdt, node, path, sizeof(path)) < 0)
		put(t, "&<dangling 0x%x>", phandle);
	else
		put(t, "&%s", path);
}

/*
 * The value of property @name of @node as text, every phandle cell replaced by
 * the path it names. Which cells are phandles is what the bindings say.
 */
static void normalise(const void *fdt, int node, const char *name, const void *val, int len,
		      struct text *t)
{
	const fdt32_t *c = val;
	size_t n = (size_t)len / 4;

	t->len = 0;
	put(t, "%s", "");
	if (strcmp(name, "phandle") == 0 || strcmp(name, "linux,phandle") == 0) {
		put(t, "<has a phandle>");
		return;
	}
	if (len % 4 == 0 && (strcmp(name, "interrupt-parent") == 0 || strcmp(name, "clocks") == 0 ||
			     strcmp(name, "cpu") == 0 || strcmp(name, "msi-parent") == 0)) {
		for (size_t i = 0; i < n; i++)
			put_phandle(t, fdt, cell_at(c, i));
		return;
	}
	if (len % 4 == 0 && strcmp(name, "gpios") == 0) {
		for (size_t i = 0; i < n;) {
			int ctl = fdt_node_offset_by_phandle(fdt, cell_at(c, i));
			uint32_t args = ctl >= 0 ? u32_or(fdt, ctl, "#gpio-cells", 0) : 0;

			put_phandle(t, fdt, cell_at(c, i++));
			for (uint32_t k = 0; k < args && i < n; k++)
				put(t, " %x", cell_at(c, i++));
			put(t, ";");
		}
		return;
	}
	if (len % (4 * MSI_MAP_ENTRY_CELLS) == 0 && strcmp(name, "msi-map") == 0) {
		for (size_t i = 0; i < n; i++) {
			if (i % MSI_MAP_ENTRY_CELLS == MSI_MAP_PHANDLE_CELL)
				put_phandle(t, fdt, cell_at(c, i));
			else
				put(t, " %x", cell_at(c, i));
		}
		return;
	}
	if (len % 4 == 0 && strcmp(name, "interrupt-map") == 0) {
		/* <child unit> <child specifier> <parent> <parent unit> <parent specifier> */
		uint32_t child = u32_or(fdt, node, "#address-cells", 0) +
				 u32_or(fdt, node, "#interrupt-cells", 0);

		for (size_t i = 0; i < n;) {
			uint32_t parent;
			int pn;

			for (uint32_t k = 0; k < child && i < n; k++)
				put(t, " %x", cell_at(c, i++));
			if (i >= n)
				break;
			parent = cell_at(c, i++);
			pn = fdt_node_offset_by_phandle(fdt, parent);
			put_phandle(t, fdt, parent);
			if (pn < 0)
				break;
			for (uint32_t k = 0; k < u32_or(fdt, pn, "#address-cells", 0) +
						     u32_or(fdt, pn, "#interrupt-cells", 0) && i < n; k++)
				put(t, " %x", cell_at(c, i++));
			put(t, ";");
		}
		return;
	}
	for (int i = 0; i < len; i++)
		put(t, "%02x", ((const uint8_t *)val)[i]);
}

/* Every property of @na in @a is in @nb of @b with the same normalised value. */
static void compare_props(const void *a, int na, const char *la, const void *b, int nb,
			  const char *lb, const char *path, struct diff *d)
{
	struct text ta = { 0 }, tb = { 0 };
	int off;

	fdt_for_each_property_offset(off, a, na) {
		const char *name;
		int alen, blen;
		const void *av = fdt_getprop_by_offset(a, off, &name, &alen);
		const void *bv = fdt_getprop(b, nb, name, &blen);

		if (bv == NULL) {
			note(d, "%s: %s has %s, %s has not", path, la, name, lb);
			continue;
		}
		normalise(a, na, name, av, alen, &ta);
		normalise(b, nb, name, bv, blen, &tb);
		if (strcmp(ta.s, tb.s) != 0)
			note(d, "%s: %s: %s %.200s, %s %.200s", path, name, la, ta.s, lb, tb.s);
	}
	free(ta.s);
	free(tb.s);
}

/* Nodes of @a missing from @b; with @props, the properties of shared nodes too. */
static void compare_nodes(const void *a, const char *la, const void *b, const char *lb,
			  bool props, struct diff *d)
{
	char path[512];

	for (int node = 0, depth = 0; node >= 0 && depth >= 0;
	     node = fdt_next_node(a, node, &depth)) {
		int other;

		ck_assert(fdt_get_path(a, node, path, sizeof(path)) == 0);
		other = fdt_path_offset(b, path);
		if (other < 0) {
			note(d, "%s: in %s only", path, la);
			continue;
		}
		if (props) {
			compare_props(a, node, la, b, other, lb, path, d);
			/* Properties of b the other way round: only those a lacks. */
			int off;

			fdt_for_each_property_offset(off, b, other) {
				const char *name;

				fdt_getprop_by_offset(b, off, &name, NULL);
				if (fdt_getprop(a, node, name, NULL) == NULL)
					note(d, "%s: %s has %s, %s has not", path, lb, name, la);
			}
		}
	}
}

/* ---- qemu-virt against QEMU 7.2's own trees ----------------------------------------- */

static const struct golden {
	const char *file;
	unsigned gic;
	uint64_t cpus;
	bool virtualization;     /* QEMU's GICv4 needs virtualization=on */
	uint32_t regions;        /* #redistributor-regions in QEMU's tree */
} goldens[] = {
	{ "virt-gicv3-smp8.dtb", 3, 8, false, 1 },
	{ "virt-gicv3-smp124.dtb", 3, 124, false, 2 },
	{ "virt-gicv3-smp512.dtb", 3, 512, false, 2 },
	{ "virt-gicv4-smp8.dtb", 4, 8, true, 1 },
	{ "virt-gicv4-smp61.dtb", 4, 61, true, 1 },
	{ "virt-gicv4-smp62.dtb", 4, 62, true, 2 },
	{ "virt-gicv4-smp317.dtb", 4, 317, true, 2 },
};
#define NR_GOLDENS (sizeof(goldens) / sizeof(goldens[0]))

START_TEST(qemu_golden)
{
	const struct golden *g = &goldens[_i];
	char path[512];
	struct gp_request req = request(g->cpus, g->gic, -1, g->virtualization);
	struct gp_plan *plan;
	struct diff *d = calloc(1, sizeof(*d));
	size_t ours_len, theirs_len;
	void *ours = x_plan_tree(LAYOUT("qemu-virt"), req, &plan, &ours_len), *theirs;
	int gic;

	ck_assert_ptr_nonnull(d);
	snprintf(path, sizeof(path), GOLDEN("%s"), g->file);
	theirs = x_read_file(path, &theirs_len);
	ck_assert_uint_gt(theirs_len, 0);
	EXPECT(fdt_check_full(theirs, theirs_len) == 0, "%s is not a valid tree", g->file);
	EXPECT(fdt_check_full(ours, ours_len) == 0, "our tree for %s is not valid", g->file);

	/* The same nodes both ways, then every property of every node. */
	compare_nodes(theirs, "QEMU", ours, "gicplan", true, d);
	compare_nodes(ours, "gicplan", theirs, "QEMU", false, d);
	EXPECT(d->count == 0, "%s: %u differences from QEMU 7.2's tree:\n%s", g->file, d->count,
	       d->text);

	/* And the facts the comparison rests on, read from QEMU's tree directly. */
	gic = fdt_path_offset(theirs, "/intc@8000000");
	EXPECT(gic >= 0, "%s: no /intc@8000000", g->file);
	EXPECT(u32_or(theirs, gic, "#redistributor-regions", 0) == g->regions,
	       "%s: QEMU writes %u regions", g->file, u32_or(theirs, gic, "#redistributor-regions", 0));
	EXPECT(plan->nr_redist == g->regions, "%s: gicplan places %" PRIu32 " regions", g->file,
	       plan->nr_redist);
	free(ours);
	free(theirs);
	free(d);
	free(plan);
}
END_TEST

/* The trees gicplan writes for qemu-virt pass dtc as QEMU's do (no warnings). */
START_TEST(qemu_dtc_clean)
{
	struct gp_request req = request(124, 3, -1, -1);
	struct gp_plan *plan;
	char out[2048];
	size_t len, got;
	void *blob;
	int status;

	if (!x_have_dtc()) {
		printf("note: dtc not installed, qemu-virt trees not decompiled\n");
		return;
	}
	blob = x_plan_tree(LAYOUT("qemu-virt"), req, &plan, &len);
	status = x_dtc(blob, len, out, sizeof(out), &got);
	EXPECT(status == 0 && got == 0, "dtc on qemu-virt 124 vCPUs: status %d:\n%s", status, out);
	free(blob);
	free(plan);
}
END_TEST

/* One past each cap: exit 3, naming the cap; the cap itself plans. */
START_TEST(qemu_caps)
{
	json_t *root = x_json_file(LAYOUT("qemu-virt"));
	const json_t *pl = json_array_get(json_object_get(root, "placements"), 0), *w;
	struct gp_platform *p = x_platform(LAYOUT("qemu-virt"));
	struct gp_plan *plan = malloc(sizeof(*plan));
	uint64_t cap = x_u64(json_object_get(root, "max_cpus")), v3 = 0, v4 = 0;
	struct gp_request req;
	struct gp_error err;
	char num[32];
	size_t i;

	ck_assert_ptr_nonnull(plan);
	json_array_foreach(json_object_get(pl, "redist_regions"), i, w) {
		v3 += x_u64(json_object_get(w, "size")) / V3_FRAME;
		v4 += x_u64(json_object_get(w, "size")) / V4_FRAME;
	}
	/* QEMU 7.2: 123 + 512 frames for GICv3 (the machine cap of 512 wins), 61 + 256 for GICv4. */
	EXPECT(cap == 512 && v3 == 635 && v4 == 317, "layout: cap %" PRIu64 ", frames %" PRIu64
	       " (v3) %" PRIu64 " (v4)", cap, v3, v4);

	req = request(cap, 3, -1, -1);
	EXPECT(plan_on(p, &req, plan, &err) == 0, "%" PRIu64 " vCPUs GICv3: %s", cap, err.msg);
	req = request(cap + 1, 3, -1, -1);
	EXPECT(plan_on(p, &req, plan, &err) == 3, "%" PRIu64 " vCPUs GICv3 plans", cap + 1);
	snprintf(num, sizeof(num), "%" PRIu64, cap);
	EXPECT(strstr(err.msg, num) != NULL && strstr(err.msg, "cap") != NULL,
	       "the exit-3 message does not name the cap of %s: %s", num, err.msg);

	req = request(v4, 4, -1, 1);
	EXPECT(plan_on(p, &req, plan, &err) == 0, "%" PRIu64 " vCPUs GICv4: %s", v4, err.msg);
	EXPECT(plan->nr_redist == 2 && plan->redist[1].count == plan->redist[1].capacity,
	       "GICv4 at %" PRIu64 ": region 1 not full", v4);
	req = request(v4 + 1, 4, -1, 1);
	EXPECT(plan_on(p, &req, plan, &err) == 3, "%" PRIu64 " vCPUs GICv4 plans", v4 + 1);
	snprintf(num, sizeof(num), "%" PRIu64, v4);
	EXPECT(strstr(err.msg, num) != NULL, "the exit-3 message does not say %s: %s", num, err.msg);
	json_decref(root);
	free(plan);
	free(p);
}
END_TEST

/* ---- where each growing block collides ---------------------------------------------- */

static const struct collision {
	const char *platform;
	bool its;
	uint64_t first;          /* docs/vmm-maps.md: the first vCPU count that collides */
	const char *floor;       /* the region it runs into; NULL: nothing below */
} collisions[] = {
	{ "kvmtool", true, 7807, "virtio" },
	{ "kvmtool", false, 7808, "virtio" },
	{ "cloud-hypervisor", true, 1119, "uefi-flash" },
	{ "cloud-hypervisor", false, 1120, "uefi-flash" },
	{ "crosvm", false, 7680, "pci.mmio" },
	{ "crosvm", true, 7680, "pci.mmio" },
	{ "firecracker", false, 8192, NULL },
	{ "firecracker", true, 8191, NULL },
};
#define NR_COLLISIONS (sizeof(collisions) / sizeof(collisions[0]))

START_TEST(growing_collisions)
{
	const struct collision *c = &collisions[_i];
	char path[256], floor[96], limit[GP_TEXT_MAX], num[32];
	json_t *root;
	struct gp_platform *p;
	struct gp_plan *plan = malloc(sizeof(*plan));
	struct gp_fit fit = { V3_FRAME, 40, c->its };
	struct gp_request req;
	struct gp_error err;
	uint64_t first;

	ck_assert_ptr_nonnull(plan);
	snprintf(path, sizeof(path), LAYOUT("%s"), c->platform);
	root = x_json_file(path);
	p = x_platform(path);
	first = x_first_collision(root, c->its, floor, sizeof(floor));

	/* The layout data against the research. */
	EXPECT(first == c->first, "%s (ITS %d): the layout collides at %" PRIu64 ", docs/vmm-maps.md"
	       " says %" PRIu64, c->platform, c->its, first, c->first);
	EXPECT(c->floor ? strcmp(floor, c->floor) == 0 : floor[0] == '\0',
	       "%s: runs into \"%s\", docs/vmm-maps.md says %s", c->platform, floor,
	       c->floor ? c->floor : "nothing");

	/* gicplan against the layout data. */
	EXPECT(gp_placement_capacity(&p->placements[0], &fit) == first - 1,
	       "%s (ITS %d): capacity %" PRIu64 ", expected %" PRIu64, c->platform, c->its,
	       gp_placement_capacity(&p->placements[0], &fit), first - 1);
	gp_placement_limit(&p->placements[0], &fit, limit, sizeof(limit));
	snprintf(num, sizeof(num), "at %" PRIu64 " vCPUs", first);
	EXPECT(strstr(limit, num) != NULL, "%s: the limit does not say \"%s\": %s", c->platform, num,
	       limit);
	EXPECT(strstr(limit, c->floor ? c->floor : "bottom of the address space") != NULL,
	       "%s: the limit does not name %s: %s", c->platform, c->floor ? c->floor : "address 0",
	       limit);

	/* The planner: the cap aside, first - 1 plans and first does not. */
	p->max_cpus = 0;
	req = request(first - 1, 3, c->its, -1);
	EXPECT(plan_on(p, &req, plan, &err) == 0, "%s: %" PRIu64 " vCPUs: %s", c->platform,
	       first - 1, err.msg);
	req = request(first, 3, c->its, -1);
	EXPECT(plan_on(p, &req, plan, &err) == 3, "%s: %" PRIu64 " vCPUs plan", c->platform, first);
	EXPECT(strstr(err.msg, num) != NULL, "%s: exit 3 does not say where it collides: %s",
	       c->platform, err.msg);
	json_decref(root);
	free(plan);
	free(p);
}
END_TEST

/* The caps a VMM sets itself: requests above exit 3 naming the cap. */
START_TEST(vmm_caps)
{
	static const struct {
		const char *platform;
		uint64_t cap;     /* docs/vmm-maps.md; 0: none of its own */
	} caps[] = {
		{ "firecracker", 32 },     /* MAX_SUPPORTED_VCPUS */
		{ "cloud-hypervisor", 512 }, /* refuses more than the hypervisor's maximum */
		{ "kvmtool", 0 },
		{ "crosvm", 0 },
	};

	for (size_t i = 0; i < sizeof(caps) / sizeof(caps[0]); i++) {
		char path[256];
		json_t *root, *v;
		struct gp_platform *p;
		struct gp_plan *plan = malloc(sizeof(*plan));
		struct gp_request req;
		struct gp_error err;

		snprintf(path, sizeof(path), LAYOUT("%s"), caps[i].platform);
		root = x_json_file(path);
		v = json_object_get(root, "max_cpus");
		EXPECT(caps[i].cap ? v && x_u64(v) == caps[i].cap : v == NULL,
		       "%s: max_cpus is not %" PRIu64, caps[i].platform, caps[i].cap);
		p = x_platform(path);
		if (caps[i].cap) {
			req = request(caps[i].cap, 0, -1, -1);
			EXPECT(plan_on(p, &req, plan, &err) == 0, "%s at its cap: %s",
			       caps[i].platform, err.msg);
			req = request(caps[i].cap + 1, 0, -1, -1);
			EXPECT(plan_on(p, &req, plan, &err) == 3 && strstr(err.msg, "cap"),
			       "%s above its cap: %s", caps[i].platform, err.msg);
		}
		json_decref(root);
		free(plan);
		free(p);
	}
}
END_TEST

/* ---- the quirks and what verify makes of them ---------------------------------------- */

/* crosvm writes each cpu's index as its reg; KVM's MPIDR differs from vCPU 16 on. */
START_TEST(crosvm_cpu_reg_index)
{
	struct gp_platform *p = x_platform(LAYOUT("crosvm"));
	struct gp_plan *plan;
	struct gp_verify_result *vr = malloc(sizeof(*vr));
	const struct gp_check *k;
	struct gp_request req;
	char why[512], want[32];
	size_t len;
	void *blob;
	int cpu;

	ck_assert_ptr_nonnull(vr);
	req = request(16, 3, -1, -1);
	plan = x_plan(p, &req);
	verify_plan(plan, vr);
	first_failure(vr, why, sizeof(why));
	EXPECT(!vr->failed, "crosvm 16 vCPUs fails: %s", why);
	free(plan);

	req = request(17, 3, -1, -1);
	plan = x_plan(p, &req);
	blob = x_emit(plan, &len);
	cpu = fdt_path_offset(blob, "/cpus/cpu@10");
	EXPECT(cpu >= 0 && u32_or(blob, cpu, "reg", 0) == 16, "vCPU 16's node is not cpu@10, reg 16");
	EXPECT(x_mpidr(KVM_AFF0, 16) == 0x100 &&
	       gp_cpu_mpidr(&plan->board, 16) == x_mpidr(KVM_AFF0, 16),
	       "KVM's MPIDR of vCPU 16 is 0x%" PRIx64, gp_cpu_mpidr(&plan->board, 16));
	free(blob);
	verify_plan(plan, vr);
	k = check_named(vr, "cpu-nodes");
	snprintf(want, sizeof(want), "0x%" PRIx64, x_mpidr(KVM_AFF0, 16));
	EXPECT(vr->failed && k->status == GP_CHECK_FAIL && strstr(k->detail, want) != NULL,
	       "crosvm 17 vCPUs: cpu-nodes is %d (%s), expected a failure naming MPIDR %s",
	       k->status, k->detail, want);
	free(vr);
	free(plan);
	free(p);
}
END_TEST

/* crosvm places an ITS for the VGIC but writes no node for it. */
START_TEST(crosvm_its_not_in_tree)
{
	struct gp_plan *plan;
	struct gp_verify_result *vr = malloc(sizeof(*vr));
	size_t len;
	void *blob = x_plan_tree(LAYOUT("crosvm"), request(4, 3, 1, -1), &plan, &len);

	EXPECT(plan->has_its, "crosvm --its places no ITS");
	EXPECT(fdt_node_offset_by_compatible(blob, -1, "arm,gic-v3-its") < 0,
	       "crosvm's tree has an ITS node");
	free(blob);
	verify_plan(plan, vr);
	EXPECT(check_named(vr, "its-node")->status == GP_CHECK_FAIL,
	       "verify does not see that the tree hides the ITS");
	free(vr);
	free(plan);
}
END_TEST

static int node_at(const void *fdt, const char *path)
{
	int n = fdt_path_offset(fdt, path);

	EXPECT(n >= 0, "no node %s", path);
	return n;
}

/* The 64-bit value at cell @i of @p (properties are only 4-byte aligned). */
static uint64_t be64_at(const void *p, size_t i)
{
	fdt64_t v;

	memcpy(&v, (const char *)p + 4 * i, sizeof(v));
	return fdt64_to_cpu(v);
}

/* The timer's flags cell (all four PPIs share it). */
static uint32_t timer_flags(const void *fdt)
{
	int len, t = node_at(fdt, "/timer");
	const fdt32_t *p = fdt_getprop(fdt, t, "interrupts", &len);

	EXPECT(p != NULL && len >= 12, "timer interrupts");
	return fdt32_to_cpu(p[2]);
}

START_TEST(kvmtool_tree)
{
	struct gp_plan *plan;
	size_t len;
	const void *t = x_plan_tree(LAYOUT("kvmtool"), request(20, 0, -1, -1), &plan, &len);
	int gic = node_at(t, "/intc"), its = node_at(t, "/intc/msic"), cpu;
	uint64_t redist = plan->redist[0].base;
	const void *reg;

	/* Redistributors right below GICD (0x3fff0000), the ITS right below them. */
	EXPECT(plan->gicd.base == 0x3fff0000 && redist == 0x3fff0000 - 20 * V3_FRAME,
	       "kvmtool 20 vCPUs: redistributors at 0x%" PRIx64, redist);
	reg = fdt_getprop(t, its, "reg", NULL);
	EXPECT(reg != NULL && be64_at(reg, 0) == redist - ITS_BYTES, "msic not below the block");
	EXPECT(fdt_getprop(t, gic, "#redistributor-regions", NULL) == NULL,
	       "kvmtool writes no #redistributor-regions for its one region");
	/* cpu@<MPIDR in hex>: vCPU 16 is cpu@100. */
	cpu = node_at(t, "/cpus/cpu@100");
	EXPECT(u32_or(t, cpu, "reg", 0) == x_mpidr(KVM_AFF0, 16), "cpu@100 reg");
	EXPECT(timer_flags(t) == FLAG_LEVEL_LOW, "kvmtool timer flags 0x%x", timer_flags(t));
	free((void *)t);
	free(plan);

	/* One vCPU: no enable-method. */
	t = x_plan_tree(LAYOUT("kvmtool"), request(1, 0, -1, -1), &plan, &len);
	EXPECT(fdt_getprop(t, node_at(t, "/cpus/cpu@0"), "enable-method", NULL) == NULL,
	       "kvmtool's single cpu has an enable-method");
	free((void *)t);
	free(plan);
}
END_TEST

START_TEST(firecracker_tree)
{
	struct gp_plan *plan;
	size_t len;
	const void *t = x_plan_tree(LAYOUT("firecracker"), request(20, 0, -1, -1), &plan, &len);
	int cpus = node_at(t, "/cpus"), cpu = node_at(t, "/cpus/cpu@10"), gic = node_at(t, "/intc");
	int plen;
	const fdt32_t *irq = fdt_getprop(t, gic, "interrupts", &plen);
	const void *reg = fdt_getprop(t, cpu, "reg", &plen);

	/* Two address cells; cpu@<index hex>, reg = MPIDR. */
	EXPECT(u32_or(t, cpus, "#address-cells", 0) == 2, "firecracker /cpus #address-cells");
	EXPECT(reg != NULL && plen == 8 && be64_at(reg, 0) == x_mpidr(KVM_AFF0, 16),
	       "firecracker cpu@10 reg");
	/* The maintenance interrupt even without EL2. */
	EXPECT(!plan->req.virtualization && irq != NULL && fdt32_to_cpu(irq[0]) == SPEC_PPI &&
	       fdt32_to_cpu(irq[1]) == MAINTENANCE_PPI, "firecracker GIC has no maintenance PPI");
	EXPECT(fdt_getprop(t, node_at(t, "/rtc@40001000"), "interrupts", NULL) == NULL,
	       "firecracker's RTC has an interrupt");
	EXPECT(fdt_getprop(t, node_at(t, "/psci"), "cpu_on", NULL) == NULL,
	       "PSCI 0.2 only: no function IDs");
	EXPECT(fdt_getprop(t, 0, "model", NULL) == NULL, "firecracker writes no model");
	free((void *)t);
	free(plan);
}
END_TEST

START_TEST(cloud_hypervisor_tree)
{
	struct gp_plan *plan;
	size_t len;
	const void *t = x_plan_tree(LAYOUT("cloud-hypervisor"), request(8, 0, -1, -1), &plan, &len);
	int pci = node_at(t, "/pci@30000000"), key = node_at(t, "/gpio-keys/button@1");
	int gpio = node_at(t, "/pl061@9020000"), plen;
	const fdt32_t *gpios = fdt_getprop(t, key, "gpios", &plen);

	node_at(t, "/intc/msic");
	EXPECT(fdt_getprop(t, pci, "interrupt-map", NULL) == NULL &&
	       fdt_getprop(t, pci, "msi-map", NULL) != NULL, "cloud-hypervisor PCI: MSI only");
	EXPECT(gpios != NULL && plen == 12 &&
	       fdt32_to_cpu(gpios[0]) == u32_or(t, gpio, "phandle", 0) && fdt32_to_cpu(gpios[1]) == 3,
	       "the power button is not line 3 of the pl061");
	EXPECT(plan->redist[0].base + plan->redist[0].window == 0x08ff0000 &&
	       plan->its.base == plan->redist[0].base - ITS_BYTES, "cloud-hypervisor GIC map");
	free((void *)t);
	free(plan);
}
END_TEST

START_TEST(crosvm_tree)
{
	struct gp_plan *plan;
	size_t len;
	const void *t = x_plan_tree(LAYOUT("crosvm"), request(4, 0, -1, -1), &plan, &len);
	int pmu = node_at(t, "/pmu"), plen;
	const fdt32_t *irq = fdt_getprop(t, pmu, "interrupts", &plen);
	uint32_t mask = ((1u << 4) - 1) << PPI_CPU_MASK_SHIFT;

	node_at(t, "/pci");
	EXPECT(timer_flags(t) == (mask | FLAG_LEVEL_LOW), "crosvm timer flags 0x%x", timer_flags(t));
	EXPECT(irq != NULL && fdt32_to_cpu(irq[2]) == (mask | FLAG_LEVEL_HIGH), "crosvm pmu flags");
	EXPECT(strcmp(fdt_getprop(t, node_at(t, "/chosen"), "stdout-path", NULL), "/U6_16550A@3f8") ==
	       0, "crosvm stdout-path");
	free((void *)t);
	free(plan);

	/* More than eight vCPUs: the GICv2 mask has eight bits. */
	t = x_plan_tree(LAYOUT("crosvm"), request(12, 0, -1, -1), &plan, &len);
	EXPECT(timer_flags(t) == ((0xffu << PPI_CPU_MASK_SHIFT) | FLAG_LEVEL_LOW),
	       "crosvm timer flags with 12 vCPUs 0x%x", timer_flags(t));
	free((void *)t);
	free(plan);
}
END_TEST

/* ---- every platform: verify at small and large counts, plan files round-trip ---------- */

static const char *const platforms[] = { "qemu-virt", "kvmtool", "firecracker",
					 "cloud-hypervisor", "crosvm" };
#define NR_PLATFORMS (sizeof(platforms) / sizeof(platforms[0]))

START_TEST(platform_verifies)
{
	char path[256], why[512];
	struct gp_platform *p;
	struct gp_plan *plan = malloc(sizeof(*plan));
	struct gp_verify_result *vr = malloc(sizeof(*vr));
	/*
	 * One vCPU, one Aff0 group, and the VMM's cap (or 64 when it has none);
	 * a tree that writes indices as cpu regs is only right within one Aff0
	 * group (crosvm_cpu_reg_index shows what verify says beyond it).
	 */
	uint64_t counts[] = { 1, 16, 0 };
	json_t *root;

	snprintf(path, sizeof(path), LAYOUT("%s"), platforms[_i]);
	p = x_platform(path);
	root = x_json_file(path);
	counts[2] = p->max_cpus ? p->max_cpus : 64;
	if (json_object_get(json_object_get(root, "cpu"), "reg") &&
	    strcmp(json_string_value(json_object_get(json_object_get(root, "cpu"), "reg")),
		   "index") == 0)
		counts[2] = counts[1];
	json_decref(root);
	for (size_t k = 0; k < sizeof(counts) / sizeof(counts[0]); k++) {
		struct gp_request req = request(counts[k], 0, -1, -1);
		struct gp_error err;

		EXPECT(plan_on(p, &req, plan, &err) == 0, "%s %" PRIu64 ": %s", platforms[_i],
		       counts[k], err.msg);
		verify_plan(plan, vr);
		first_failure(vr, why, sizeof(why));
		EXPECT(!vr->failed, "%s %" PRIu64 " vCPUs fails verification: %s", platforms[_i],
		       counts[k], why);
	}
	free(vr);
	free(plan);
	free(p);
}
END_TEST

START_TEST(platform_plan_roundtrip)
{
	char path[256];
	struct gp_platform *p;
	struct gp_plan *plan, *back = malloc(sizeof(*back));
	struct gp_request req = request(20, 0, 1, -1);
	struct gp_error err;
	size_t alen, blen, tlen;
	void *a, *b;
	char *text;
	json_t *root;

	snprintf(path, sizeof(path), LAYOUT("%s"), platforms[_i]);
	p = x_platform(path);
	if (!p->placements[0].has_its)
		req.its = -1;
	plan = x_plan(p, &req);
	a = x_emit(plan, &alen);
	root = gp_plan_to_json(plan);
	text = gp_json_dump(root, &tlen);
	json_decref(root);
	gp_error_init(&err);
	EXPECT(gp_plan_from_json("roundtrip.json", text, tlen, back, &err) == 0,
	       "%s: the plan file does not read back: %s", platforms[_i], err.msg);
	b = x_emit(back, &blen);
	EXPECT(alen == blen && memcmp(a, b, alen) == 0,
	       "%s: the tree of the plan file differs from the plan's", platforms[_i]);
	free(a);
	free(b);
	free(text);
	free(back);
	free(plan);
	free(p);
}
END_TEST

/* ---- the layout reader and the new keys ---------------------------------------------- */

/* small.json with @edit applied, parsed; returns the error message ("" when it parsed). */
static void parse_edited(void (*edit)(json_t *root), char *msg, size_t cap)
{
	json_t *root = x_json_file(SMALL_JSON);
	struct gp_platform *p = malloc(sizeof(*p));
	struct gp_error err;
	char *text;

	edit(root);
	text = json_dumps(root, 0);
	gp_error_init(&err);
	snprintf(msg, cap, "%s",
		 gp_platform_parse("edited.json", text, strlen(text), p, &err) == 0 ? "" : err.msg);
	free(text);
	free(p);
	json_decref(root);
}

static json_t *device(json_t *root, size_t i)
{
	return json_array_get(json_object_get(root, "devices"), i);
}

static void add_device(json_t *root, const char *text)
{
	json_error_t e;
	json_t *d = json_loads(text, 0, &e);

	ck_assert_msg(d != NULL, "%s", e.text);
	json_array_append_new(json_object_get(root, "devices"), d);
}

static void edit_cpu_reg(json_t *r)
{
	json_object_set_new(json_object_get(r, "cpu"), "reg", json_string("affinity"));
}

static void edit_key_not_gpio(json_t *r)
{
	json_object_set_new(r, "gpio_keys", json_pack("[{s:s,s:s,s:i,s:i,s:s}]", "node", "power",
						      "gpio", "uart", "line", 3, "code", 116,
						      "label", "x"));
}

static void edit_reserved_node(json_t *r)
{
	add_device(r, "{\"name\":\"fw\",\"type\":\"reserved\",\"base\":\"0x0\",\"size\":\"1MiB\","
		      "\"node\":\"fw\"}");
}

static void edit_unit_window(json_t *r)
{
	json_object_set_new(device(r, 0), "unit", json_string("mmio"));
}

static void edit_generic_no_compatible(json_t *r)
{
	add_device(r, "{\"name\":\"wdt\",\"type\":\"generic\",\"base\":\"0x3000\",\"size\":\"4KiB\"}");
}

static void edit_gic_node_at(json_t *r)
{
	json_object_set_new(r, "gic_node", json_pack("{s:s}", "name", "intc@8000000"));
}

static void edit_pl011_odd(json_t *r)
{
	json_object_set_new(device(r, 0), "base", json_string("0x3f8"));
}

static void edit_ns16550_odd(json_t *r)
{
	json_object_set_new(device(r, 0), "type", json_string("ns16550a"));
	json_object_set_new(device(r, 0), "base", json_string("0x3f8"));
	json_object_set_new(device(r, 0), "size", json_integer(8));
}

static void edit_bus_count(json_t *r)
{
	add_device(r, "{\"name\":\"pb\",\"type\":\"platform-bus\",\"base\":\"0x0c000000\","
		      "\"size\":\"32MiB\",\"count\":2}");
}

static void edit_psci_virt(json_t *r)
{
	json_object_set_new(json_object_get(r, "psci"), "virtualization_method", json_string("svc"));
}

static void edit_timer_trigger(json_t *r)
{
	json_object_set_new(json_object_get(r, "timer"), "trigger", json_string("edge"));
}

static void edit_all_good(json_t *r)
{
	json_object_set_new(json_object_get(r, "cpu"), "reg", json_string("index"));
	json_object_set_new(json_object_get(r, "cpu"), "unit", json_string("index-decimal"));
	json_object_set_new(json_object_get(r, "timer"), "trigger", json_string("level-low"));
	json_object_del(r, "model");
	add_device(r, "{\"name\":\"wdt\",\"type\":\"generic\",\"base\":\"0x3000\",\"size\":\"4KiB\","
		      "\"compatible\":\"qemu,vcpu-stall-detector\",\"unit\":\"none\"}");
	add_device(r, "{\"name\":\"gpio\",\"type\":\"pl061\",\"base\":\"0x0b000000\","
		      "\"size\":\"4KiB\",\"spi\":7}");
	json_object_set_new(r, "gpio_keys", json_pack("[{s:s,s:s,s:i,s:i,s:s}]", "node", "power",
						      "gpio", "gpio", "line", 3, "code", 116,
						      "label", "Power"));
}

static const struct bad {
	const char *what;
	void (*edit)(json_t *root);
	const char *path;        /* the JSON path the error must name; NULL: it must parse */
} bads[] = {
	{ "cpu.reg not mpidr or index", edit_cpu_reg, "$.cpu.reg" },
	{ "a gpio key on a serial port", edit_key_not_gpio, "$.gpio_keys[0].gpio" },
	{ "a reserved window with a node", edit_reserved_node, "$.devices[3]" },
	{ "unit naming a window the type lacks", edit_unit_window, "$.devices[0].unit" },
	{ "a generic device without compatible", edit_generic_no_compatible, "compatible" },
	{ "an '@' in the GIC node's name", edit_gic_node_at, "$.gic_node.name" },
	{ "a PL011 off its page", edit_pl011_odd, "$.devices[0]" },
	{ "a 16550 at the x86 port address", edit_ns16550_odd, NULL },
	{ "a platform-bus repeated", edit_bus_count, "$.devices[3]" },
	{ "psci.virtualization_method svc", edit_psci_virt, "$.psci.virtualization_method" },
	{ "timer.trigger edge", edit_timer_trigger, "$.timer.trigger" },
	{ "every new key at a good value", edit_all_good, NULL },
};
#define NR_BADS (sizeof(bads) / sizeof(bads[0]))

START_TEST(layout_keys)
{
	const struct bad *b = &bads[_i];
	char msg[GP_ERROR_MSG_MAX];

	parse_edited(b->edit, msg, sizeof(msg));
	if (b->path == NULL)
		EXPECT(msg[0] == '\0', "%s: rejected: %s", b->what, msg);
	else
		EXPECT(msg[0] != '\0' && strstr(msg, b->path) != NULL,
		       "%s: expected an error at %s, got \"%s\"", b->what, b->path, msg);
}
END_TEST

/* Every bundled layout reads, and gicplan platforms would list it. */
START_TEST(bundled_list)
{
	char (*names)[GP_NAME_MAX] = calloc(GP_PLATFORMS_MAX, GP_NAME_MAX);
	struct gp_error err;
	int n;

	gp_error_init(&err);
	n = gp_platform_list(names, GP_PLATFORMS_MAX, &err);
	for (size_t i = 0; i < NR_PLATFORMS; i++) {
		bool found = false;

		for (int k = 0; k < n; k++)
			found |= strcmp(names[k], platforms[i]) == 0;
		EXPECT(found, "%s is not listed among %d bundled platforms", platforms[i], n);
		free(x_platform(platforms[i]));
	}
	free(names);
}
END_TEST

static Suite *platforms_suite(void)
{
	Suite *s = suite_create("platforms");
	TCase *tc = tcase_create("platforms");

	tcase_set_timeout(tc, 300);
	tcase_add_loop_test(tc, qemu_golden, 0, NR_GOLDENS);
	tcase_add_test(tc, qemu_dtc_clean);
	tcase_add_test(tc, qemu_caps);
	tcase_add_loop_test(tc, growing_collisions, 0, NR_COLLISIONS);
	tcase_add_test(tc, vmm_caps);
	tcase_add_test(tc, crosvm_cpu_reg_index);
	tcase_add_test(tc, crosvm_its_not_in_tree);
	tcase_add_test(tc, kvmtool_tree);
	tcase_add_test(tc, firecracker_tree);
	tcase_add_test(tc, cloud_hypervisor_tree);
	tcase_add_test(tc, crosvm_tree);
	tcase_add_loop_test(tc, platform_verifies, 0, NR_PLATFORMS);
	tcase_add_loop_test(tc, platform_plan_roundtrip, 0, NR_PLATFORMS);
	tcase_add_loop_test(tc, layout_keys, 0, NR_BADS);
	tcase_add_test(tc, bundled_list);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	/* No fork: the check count below adds up every test's EXPECTs. */
	int status = x_run_suite(platforms_suite(), false);

	printf("platforms: %lu checks\n", x_checks);
	return status;
}
