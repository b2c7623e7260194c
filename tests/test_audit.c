/* SPDX-License-Identifier: MIT */
/*
 * audit and --compat-with: migration compatibility of plans and trees.
 *
 * Every machine is built through the real pipeline (gp_platform_load,
 * gp_plan_make, gp_emit_fdt, then gp_input_from_plan for a plan in memory or
 * gp_input_load for a plan file or a tree file), and every difference is made
 * by hand: a plan with one option changed, or an emitted tree edited with
 * libfdt's read-write API. What each difference must give (its "what" and its
 * verdict) is written here from the facts of REFERENCE.md §1 and the arm,gic-v3
 * binding: a running guest keeps every address, MPIDR and interrupt it found
 * at boot; what it never saw (added vCPUs, devices, an ITS, regions) may be
 * added; its old walk of a redistributor region must still end on Last inside
 * the old reg. Expected addresses and paths are computed from the plan, the
 * platform and the trees, never copied from audit's output.
 */
#include <check.h>
#include <dirent.h>
#include <inttypes.h>
#include <jansson.h>
#include <libfdt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "api.h"
#include "audit.h"
#include "compat.h"
#include "emit_fdt.h"
#include "input.h"
#include "layout.h"
#include "plan_json.h"
#include "planner.h"
#include "platform.h"
#include "render_audit.h"
#include "reproduce.h"
#include "verify.h"
#include "xfdt.h"
#include "xfile.h"
#include "xplan.h"
#include "xrun.h"

#define LAYOUT(name) GICPLAN_SOURCE_DIR "/tests/layouts/good/" name
#define GOLDEN_DIR GICPLAN_SOURCE_DIR "/tests/golden/qemu-7.2"
#define FIXTURE_DIR GICPLAN_SOURCE_DIR "/tests/fixtures/qemu-7.2"

#define KIB (UINT64_C(1) << 10)
#define MIB (UINT64_C(1) << 20)
#define GIB (UINT64_C(1) << 30)
#define V3_FRAME (128 * KIB) /* RD_base + SGI_base */
#define V4_FRAME (256 * KIB) /* + VLPI_base + a reserved frame */
#define DT_SPI 0u            /* interrupt specifier type of the arm,gic-v3 binding */
#define DT_PPI 1u
#define DT_EDGE 1u
#define DT_LEVEL 4u
#define MAINTENANCE_PPI 9u   /* the VGIC maintenance interrupt: INTID 25 */
#define TREE_SLACK (64 * KIB)
#define PHANDLE_XOR 0x00a50000u
#define WANTS_MAX 96

static struct gp_error err;

/* ---- machines through the pipeline ------------------------------------------------- */

static struct gp_request request(uint64_t cpus)
{
	return (struct gp_request){ .cpus = cpus, .its = -1, .virtualization = -1 };
}

/* The input of @plan as `gicplan plan` builds it: emitted (the tree in in->blob) and read back. */
static void input_plan(const struct gp_plan *plan, struct gp_input *in)
{
	struct gp_input_options o = { 0 };
	size_t len;
	void *blob = x_emit(plan, &len);

	memset(in, 0, sizeof(*in));
	snprintf(in->path, sizeof(in->path), "plan(%s, %" PRIu64 " vCPUs)", plan->platform,
		 plan->req.cpus);
	gp_error_init(&err);
	ck_assert_msg(gp_input_from_plan(plan, blob, len, &o, in, &err) == 0, "%s", err.msg);
}

/* A file as `gicplan audit` reads it. */
static void input_file(const char *path, unsigned gic_version, uint32_t spis, struct gp_input *in)
{
	struct gp_input_options o = { .gic_version = gic_version, .spis = spis };

	gp_error_init(&err);
	ck_assert_msg(gp_input_load(path, &o, in, &err) == 0, "%s", err.msg);
}

/* Tree bytes through a file; the GIC version and SPIs a tree cannot say are @plan's. */
static void input_tree(const void *blob, size_t len, const struct gp_plan *plan,
		       struct gp_input *in)
{
	char path[256];

	x_write_temp(blob, len, path, sizeof(path));
	input_file(path, plan ? plan->req.gic_version : 0, plan ? plan->req.spis : 0, in);
	unlink(path);
}

/* @plan through its plan file. */
static void input_plan_file(const struct gp_plan *plan, struct gp_input *in)
{
	json_t *root = gp_plan_to_json(plan);
	size_t len;
	char *text = gp_json_dump(root, &len), path[256];

	ck_assert_ptr_nonnull(text);
	x_write_temp(text, len, path, sizeof(path));
	input_file(path, 0, 0, in);
	unlink(path);
	free(text);
	json_decref(root);
}

/* ---- expectations ------------------------------------------------------------------- */

struct want {
	char what[112];
	enum gp_verdict verdict;
};

struct wants {
	size_t n;
	struct want w[WANTS_MAX];
};

static void __attribute__((format(printf, 3, 4)))
want(struct wants *w, enum gp_verdict v, const char *fmt, ...)
{
	va_list ap;

	ck_assert_uint_lt(w->n, WANTS_MAX);
	va_start(ap, fmt);
	vsnprintf(w->w[w->n].what, sizeof(w->w[w->n].what), fmt, ap);
	va_end(ap);
	w->w[w->n++].verdict = v;
}

#define B GP_VERDICT_BREAKS
#define C GP_VERDICT_COMPATIBLE

static const char *verdict_name(enum gp_verdict v)
{
	return v == B ? "breaks" : "compatible";
}

static const struct gp_diff *find_diff(const struct gp_audit *a, const char *what)
{
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->diffs[i].what, what) == 0)
			return &a->diffs[i];
	return NULL;
}

static void list_diffs(const struct gp_audit *a, char *buf, size_t cap)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < a->n && used + 1 < cap; i++)
		used += (size_t)snprintf(buf + used, cap - used, "\n    %s %s: %s -> %s",
					 verdict_name(a->diffs[i].verdict), a->diffs[i].what,
					 a->diffs[i].old, a->diffs[i].new);
}

/* The renderers take the public handle, which holds a struct gp_audit alone (api.h). */
static const struct gicplan_audit *handle(const struct gp_audit *a)
{
	return (const struct gicplan_audit *)(const void *)a;
}

/* gp_audit_json, serialised and parsed back with jansson, says what the audit says. */
static void check_json(const struct gp_audit *a, const char *label)
{
	json_t *arr = gp_audit_json(handle(a)), *back;
	json_error_t jerr;
	char *text;

	ck_assert_ptr_nonnull(arr);
	text = json_dumps(arr, 0);
	ck_assert_ptr_nonnull(text);
	back = json_loads(text, 0, &jerr);
	ck_assert_msg(back != NULL, "%s: audit JSON does not parse: %s", label, jerr.text);
	ck_assert_msg(json_is_array(back) && json_array_size(back) == a->n,
		      "%s: audit JSON has %zu entries, the audit %zu", label, json_array_size(back),
		      a->n);
	for (size_t i = 0; i < a->n; i++) {
		const char *what = NULL, *verdict = NULL, *old = NULL, *new = NULL, *why = NULL;
		json_t *dirs = NULL;
		unsigned breaks = 0;

		ck_assert_msg(json_unpack_ex(json_array_get(back, i), &jerr, JSON_STRICT,
					     "{s:s,s:s,s:o,s:s,s:s,s:s}", "what", &what, "verdict",
					     &verdict, "breaks", &dirs, "old", &old, "new", &new,
					     "why", &why) == 0,
			      "%s: audit JSON entry %zu: %s", label, i, jerr.text);
		for (size_t k = 0; k < json_array_size(dirs); k++)
			breaks |= strcmp(json_string_value(json_array_get(dirs, k)), "old->new") == 0
					  ? GP_BREAKS_OLD_NEW
					  : GP_BREAKS_NEW_OLD;
		ck_assert_uint_eq(breaks, a->diffs[i].breaks);
		ck_assert_str_eq(what, a->diffs[i].what);
		ck_assert_str_eq(verdict, verdict_name(a->diffs[i].verdict));
		ck_assert_str_eq(old, a->diffs[i].old);
		ck_assert_str_eq(new, a->diffs[i].new);
		ck_assert_msg(why[0] != '\0', "%s: %s: no reason given", label, what);
	}
	json_decref(back);
	free(text);
	json_decref(arr);
}

/* gp_audit_text: one "VERDICT WHAT: OLD -> NEW" line per difference, breaking ones first. */
static void check_text(const struct gp_audit *a, const char *label)
{
	char *text = NULL;
	size_t len = 0, last_breaks = 0, first_compatible = SIZE_MAX;
	bool any_breaks = false;
	FILE *f = open_memstream(&text, &len);

	ck_assert_ptr_nonnull(f);
	gp_audit_text(f, handle(a));
	ck_assert_int_eq(fclose(f), 0);
	for (size_t i = 0; i < a->n; i++) {
		const struct gp_diff *d = &a->diffs[i];
		char line[400];
		const char *at;
		size_t pos;

		snprintf(line, sizeof(line), "  %-10s %s: %s -> %s\n", verdict_name(d->verdict),
			 d->what, d->old, d->new);
		at = strstr(text, line);
		ck_assert_msg(at != NULL, "%s: the text report has no line \"%s\":\n%s", label,
			      line, text);
		pos = (size_t)(at - text);
		if (d->verdict == B && (!any_breaks || pos > last_breaks)) {
			last_breaks = pos;
			any_breaks = true;
		}
		if (d->verdict == C && pos < first_compatible)
			first_compatible = pos;
	}
	ck_assert_msg(!any_breaks || first_compatible == SIZE_MAX || last_breaks < first_compatible,
		      "%s: a compatible difference is listed before a breaking one:\n%s", label,
		      text);
	free(text);
}

/*
 * Audit @old -> @new: exactly the differences @w (each once, with its
 * verdict), breaks set iff one of them breaks, and the JSON and text forms
 * saying the same. The audit is kept in @keep when given.
 */
static const struct gp_audit_options one_way = { GP_AUDIT_ONE_WAY, GIC_PROFILE_ARCH,
						  GP_GIC_STATE_MAX_CPUS, "the tests" };

static void expect_audit(const struct gp_input *old, const struct gp_input *new,
			 const struct wants *w, const char *label, struct gp_audit *keep)
{
	struct gp_audit a;
	bool breaks = false;
	char got[1200]; /* check refuses messages of 4 KiB and more */

	gp_error_init(&err);
	/* The mode these cases ask in: one way, added vCPUs restored per saved vCPU. */
	ck_assert_msg(gp_audit_with(old, new, &one_way, &a, &err) == 0, "%s: %s", label, err.msg);
	list_diffs(&a, got, sizeof(got));
	for (size_t i = 0; i < w->n; i++) {
		const struct gp_diff *d = find_diff(&a, w->w[i].what);

		breaks |= w->w[i].verdict == B;
		ck_assert_msg(d != NULL, "%s: no difference \"%s\"; found:%s", label, w->w[i].what,
			      got);
		ck_assert_msg(d->verdict == w->w[i].verdict, "%s: \"%s\" %s, expected %s", label,
			      d->what, verdict_name(d->verdict), verdict_name(w->w[i].verdict));
	}
	ck_assert_msg(a.n == w->n, "%s: %zu differences, expected %zu; found:%s", label, a.n, w->n,
		      got);
	ck_assert_msg(a.breaks == breaks, "%s: breaks is %d, expected %d", label, a.breaks, breaks);
	ck_assert_msg(a.compared >= 2 * (old->v.nr_cpus < new->v.nr_cpus ? old->v.nr_cpus
									: new->v.nr_cpus),
		      "%s: only %" PRIu64 " values compared", label, a.compared);
	check_json(&a, label);
	check_text(&a, label);
	if (keep != NULL)
		*keep = a;
	else
		gp_audit_free(&a);
}

static void expect_clean(const struct gp_input *old, const struct gp_input *new, const char *label)
{
	struct wants none = { 0 };

	expect_audit(old, new, &none, label, NULL);
}

static void expect_verifies(const struct gp_input *in, const char *label)
{
	struct gp_verify_options o = { .profile = GIC_PROFILE_ARCH, .ipa_bits = in->ipa_bits };
	struct gp_verify_result *r = malloc(sizeof(*r));

	ck_assert_ptr_nonnull(r);
	gp_error_init(&err);
	ck_assert_msg(gp_verify(&in->m, &in->v, &o, r, &err) == 0, "%s: %s", label, err.msg);
	for (int i = 0; i < GP_CHECKS; i++)
		ck_assert_msg(r->checks[i].status != GP_CHECK_FAIL, "%s: verify: %s failed: %s",
			      label, r->checks[i].name, r->checks[i].detail);
	ck_assert_msg(!r->failed, "%s: verify failed", label);
	free(r);
}

/* ---- trees edited with libfdt --------------------------------------------------------- */

struct tree {
	void *fdt;
};

static size_t tree_pack(struct tree *t)
{
	ck_assert_int_eq(fdt_pack(t->fdt), 0);
	return fdt_totalsize(t->fdt);
}

static void reg_cells(const void *fdt, int node, int *ac, int *sc)
{
	int parent = fdt_parent_offset(fdt, node);

	ck_assert_int_ge(parent, 0);
	*ac = fdt_address_cells(fdt, parent);
	*sc = fdt_size_cells(fdt, parent);
	ck_assert(*ac >= 1 && *ac <= 2 && *sc >= 1 && *sc <= 2);
}

/* Reg entry @idx of @node, in its parent's address space; false when it has fewer. */
static bool reg_get(const void *fdt, int node, int idx, struct gp_window *w)
{
	int ac, sc, len;
	const fdt32_t *p;

	reg_cells(fdt, node, &ac, &sc);
	p = fdt_getprop(fdt, node, "reg", &len);
	if (p == NULL || len < (idx + 1) * (ac + sc) * 4)
		return false;
	p += idx * (ac + sc);
	w->base = x_cells(p, ac);
	w->size = x_cells(p + ac, sc);
	return true;
}

static int reg_entries(const void *fdt, int node)
{
	int ac, sc, len;

	reg_cells(fdt, node, &ac, &sc);
	return fdt_getprop(fdt, node, "reg", &len) ? len / ((ac + sc) * 4) : 0;
}

/* Rewrite reg entry @idx of @node (appending when @idx is one past the last). */
static void reg_set(struct tree *t, int node, int idx, uint64_t base, uint64_t size)
{
	int ac, sc, len, n = reg_entries(t->fdt, node);
	const fdt32_t *p;
	fdt32_t *v;

	reg_cells(t->fdt, node, &ac, &sc);
	ck_assert_int_le(idx, n);
	v = calloc((size_t)(n + 1) * (size_t)(ac + sc), sizeof(*v));
	ck_assert_ptr_nonnull(v);
	p = fdt_getprop(t->fdt, node, "reg", &len);
	if (p != NULL)
		memcpy(v, p, (size_t)len);
	x_put_cells(v + idx * (ac + sc), ac, base);
	x_put_cells(v + idx * (ac + sc) + ac, sc, size);
	n = idx == n ? n + 1 : n;
	ck_assert_int_eq(fdt_setprop(t->fdt, node, "reg", v, n * (ac + sc) * 4), 0);
	free(v);
}

/* The node compatible with @compat whose first reg entry starts at @base; -1 when none. */
static int device_at(const void *fdt, const char *compat, uint64_t base)
{
	for (int node = fdt_node_offset_by_compatible(fdt, -1, compat); node >= 0;
	     node = fdt_node_offset_by_compatible(fdt, node, compat)) {
		struct gp_window w;

		if (reg_get(fdt, node, 0, &w) && w.base == base)
			return node;
	}
	return -1;
}

/* The child of the root whose first reg entry starts at @base; -1 when none. */
static int root_child_at(const void *fdt, uint64_t base)
{
	int node;

	fdt_for_each_subnode(node, fdt, 0) {
		struct gp_window w;

		if (reg_get(fdt, node, 0, &w) && w.base == base)
			return node;
	}
	return -1;
}

static const char *path_of(const void *fdt, int node, char *buf, size_t cap)
{
	ck_assert_int_eq(fdt_get_path(fdt, node, buf, (int)cap), 0);
	return buf;
}

static int memory_node(const void *fdt)
{
	int node = fdt_node_offset_by_prop_value(fdt, -1, "device_type", "memory",
						 (int)sizeof("memory"));

	ck_assert_int_ge(node, 0);
	return node;
}

static void set_irq(struct tree *t, int node, uint32_t type, uint32_t number, uint32_t flags)
{
	fdt32_t spec[3] = { cpu_to_fdt32(type), cpu_to_fdt32(number), cpu_to_fdt32(flags) };

	ck_assert_int_eq(fdt_setprop(t->fdt, node, "interrupts", spec, sizeof(spec)), 0);
}

/* ---- a copy with every node's children reversed and every phandle renumbered ---------- */

static uint32_t renumber(uint32_t ph)
{
	return ph == 0 || ph == UINT32_MAX ? ph : ph ^ PHANDLE_XOR;
}

static uint32_t target_cells(const void *src, uint32_t ph, const char *name)
{
	int node = fdt_node_offset_by_phandle(src, ph), len;
	const fdt32_t *p;

	ck_assert_msg(node >= 0, "no node has phandle 0x%x", ph);
	p = fdt_getprop(src, node, name, &len);
	return p != NULL && len == 4 ? fdt32_to_cpu(*p) : 0;
}

/*
 * Renumber the phandles of a property made of entries: @head cells, a
 * phandle, the target's @cells1 (and @cells2) cells, then @tail cells.
 */
static void renumber_entries(const void *src, fdt32_t *v, size_t n, size_t head,
			     const char *cells1, const char *cells2, size_t tail)
{
	size_t i = 0;

	while (i < n) {
		uint32_t ph;

		ck_assert_uint_lt(i + head, n);
		i += head;
		ph = fdt32_to_cpu(v[i]);
		v[i] = cpu_to_fdt32(renumber(ph));
		i += 1 + target_cells(src, ph, cells1) + tail;
		if (cells2 != NULL)
			i += target_cells(src, ph, cells2);
	}
	ck_assert_uint_eq(i, n);
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && strcmp(s + a - b, suffix) == 0;
}

static void renumber_prop(const void *src, int node, const char *name, fdt32_t *v, int len)
{
	size_t n = (size_t)len / 4;

	if (strcmp(name, "phandle") == 0 || strcmp(name, "linux,phandle") == 0 ||
	    strcmp(name, "interrupt-parent") == 0 || strcmp(name, "cpu") == 0) {
		ck_assert_int_eq(len, 4);
		v[0] = cpu_to_fdt32(renumber(fdt32_to_cpu(v[0])));
	} else if (strcmp(name, "clocks") == 0) {
		renumber_entries(src, v, n, 0, "#clock-cells", NULL, 0);
	} else if (strcmp(name, "gpios") == 0 || ends_with(name, "-gpios")) {
		renumber_entries(src, v, n, 0, "#gpio-cells", NULL, 0);
	} else if (strcmp(name, "interrupts-extended") == 0) {
		renumber_entries(src, v, n, 0, "#interrupt-cells", NULL, 0);
	} else if (strcmp(name, "msi-parent") == 0) {
		renumber_entries(src, v, n, 0, "#msi-cells", NULL, 0);
	} else if (strcmp(name, "msi-map") == 0) {
		/* <rid-base, msi-controller, msi-base (#msi-cells), length> */
		renumber_entries(src, v, n, 1, "#msi-cells", NULL, 1);
	} else if (strcmp(name, "interrupt-map") == 0) {
		/* <child unit, child specifier, parent, parent unit, parent specifier> */
		int len1, len2;
		const fdt32_t *ac = fdt_getprop(src, node, "#address-cells", &len1);
		const fdt32_t *ic = fdt_getprop(src, node, "#interrupt-cells", &len2);

		ck_assert(ac != NULL && ic != NULL);
		renumber_entries(src, v, n, fdt32_to_cpu(*ac) + fdt32_to_cpu(*ic), "#address-cells",
				 "#interrupt-cells", 0);
	}
}

static void copy_node(const void *src, int node, void *dst)
{
	const char *name = fdt_get_name(src, node, NULL);
	bool keep_order = strcmp(name, "cpus") == 0; /* cpu node order is vCPU order */
	size_t n = 0, cap = 16;
	int *kids = malloc(cap * sizeof(*kids)), prop, child;

	ck_assert_ptr_nonnull(kids);
	ck_assert_int_eq(fdt_begin_node(dst, name), 0);
	fdt_for_each_property_offset(prop, src, node) {
		const char *pname;
		int len;
		const void *val = fdt_getprop_by_offset(src, prop, &pname, &len);
		fdt32_t *v = malloc((size_t)len + 4);

		ck_assert_ptr_nonnull(v);
		memcpy(v, val, (size_t)len);
		renumber_prop(src, node, pname, v, len);
		ck_assert_int_eq(fdt_property(dst, pname, v, len), 0);
		free(v);
	}
	fdt_for_each_subnode(child, src, node) {
		if (n == cap) {
			cap *= 2;
			kids = realloc(kids, cap * sizeof(*kids));
			ck_assert_ptr_nonnull(kids);
		}
		kids[n++] = child;
	}
	for (size_t k = 0; k < n; k++)
		copy_node(src, kids[keep_order ? k : n - 1 - k], dst);
	ck_assert_int_eq(fdt_end_node(dst), 0);
	free(kids);
}

/* @src with every node's children in reverse order (but the cpus) and new phandles. */
static void *shuffled_copy(const void *src, size_t *len)
{
	size_t cap = 2 * (size_t)fdt_totalsize(src) + 4096;
	void *dst = malloc(cap);

	ck_assert_ptr_nonnull(dst);
	ck_assert_int_eq(fdt_create(dst, (int)cap), 0);
	ck_assert_int_eq(fdt_finish_reservemap(dst), 0);
	copy_node(src, 0, dst);
	ck_assert_int_eq(fdt_finish(dst), 0);
	ck_assert_int_eq(fdt_check_full(dst, cap), 0);
	*len = fdt_totalsize(dst);
	return dst;
}

/* ---- identical inputs are compatible: plans, plan files and trees, in any mix ---------- */

struct cfg {
	const char *layout;  /* NULL: virt */
	uint64_t cpus;
	unsigned gic;
	int its;
	int virt;
	uint32_t spis;
};

static const struct cfg same_cfgs[] = {
	{ NULL, 1, 3, -1, -1, 0 },      { NULL, 8, 3, -1, -1, 0 },
	{ NULL, 127, 3, -1, -1, 0 },    { NULL, 128, 3, -1, -1, 0 },
	{ NULL, 900, 3, -1, -1, 0 },    { NULL, 1019, 3, -1, -1, 0 },
	{ NULL, 1020, 3, -1, -1, 0 },   { NULL, 3000, 3, -1, -1, 0 },
	{ NULL, 8, 4, -1, -1, 0 },      { NULL, 64, 4, 1, 1, 0 },
	{ NULL, 600, 4, -1, -1, 0 },    { NULL, 16, 3, 0, 1, 128 },
	{ LAYOUT("split.json"), 100, 3, -1, -1, 0 },
	{ LAYOUT("split.json"), 70, 4, -1, -1, 0 },
	{ LAYOUT("small.json"), 200, 3, -1, -1, 0 },
	{ LAYOUT("capped.json"), 20, 3, -1, -1, 0 },
	{ LAYOUT("full.json"), 3, 3, -1, -1, 0 },
};

static struct gp_plan *plan_cfg(const struct cfg *c, struct gp_platform **pp)
{
	struct gp_platform *p = x_platform(c->layout ? c->layout : "virt");
	struct gp_request r = request(c->cpus);
	struct gp_plan *plan;

	r.gic_version = c->gic;
	r.its = c->its;
	r.virtualization = c->virt;
	r.spis = c->spis;
	plan = x_plan(p, &r);
	if (pp != NULL)
		*pp = p;
	else
		free(p);
	return plan;
}

START_TEST(identical_inputs)
{
	const struct cfg *c = &same_cfgs[_i];
	struct gp_plan *plan = plan_cfg(c, NULL), *again = plan_cfg(c, NULL);
	struct gp_input in[4];
	static const char *const kinds[] = { "plan", "replanned", "plan file", "tree" };

	input_plan(plan, &in[0]);
	input_plan(again, &in[1]);
	input_plan_file(plan, &in[2]);
	input_tree(in[0].blob, in[0].blob_len, plan, &in[3]);
	for (int o = 0; o < 4; o++)
		for (int n = 0; n < 4; n++) {
			char label[200];

			snprintf(label, sizeof(label), "%s %" PRIu64 " vCPUs GICv%u: %s vs %s",
				 c->layout ? c->layout : "virt", c->cpus, c->gic, kinds[o],
				 kinds[n]);
			expect_clean(&in[o], &in[n], label);
		}
	for (int i = 0; i < 4; i++)
		gp_input_free(&in[i]);
	free(again);
	free(plan);
}
END_TEST

/* QEMU's own trees audit cleanly against themselves, and /chosen's seeds are not ABI. */
START_TEST(qemu_fixtures)
{
	static const char *const dirs[] = { FIXTURE_DIR, GOLDEN_DIR };
	unsigned files = 0;

	for (size_t d = 0; d < sizeof(dirs) / sizeof(dirs[0]); d++) {
		DIR *dir = opendir(dirs[d]);
		struct dirent *e;

		if (dir == NULL) {
			ck_assert_msg(d != 1, "%s is missing", dirs[d]);
			printf("audit: %s not present: its fixtures are skipped\n", dirs[d]);
			continue;
		}
		while ((e = readdir(dir)) != NULL) {
			char path[512];
			struct gp_input a, b;

			if (!ends_with(e->d_name, ".dtb"))
				continue;
			snprintf(path, sizeof(path), "%s/%s", dirs[d], e->d_name);
			input_file(path, 0, 0, &a);
			input_file(path, 0, 0, &b);
			expect_clean(&a, &b, path);
			gp_input_free(&a);
			gp_input_free(&b);
			files++;
		}
		closedir(dir);
	}
	ck_assert_uint_ge(files, 7);
}
END_TEST

START_TEST(qemu_seeds_not_abi)
{
	/* The same QEMU command, with and without dtb-randomness: only /chosen differs. */
	struct gp_input with, without;
	int chosen;

	ck_assert_msg(access(FIXTURE_DIR "/virt-gicv3-smp124.dtb", R_OK) == 0, "%s: missing",
		      FIXTURE_DIR);
	input_file(FIXTURE_DIR "/virt-gicv3-smp124.dtb", 0, 0, &with);
	input_file(GOLDEN_DIR "/virt-gicv3-smp124.dtb", 0, 0, &without);
	chosen = fdt_path_offset(with.blob, "/chosen");
	ck_assert_int_ge(chosen, 0);
	ck_assert_ptr_nonnull(fdt_getprop(with.blob, chosen, "rng-seed", NULL));
	ck_assert_ptr_nonnull(fdt_getprop(with.blob, chosen, "kaslr-seed", NULL));
	chosen = fdt_path_offset(without.blob, "/chosen");
	ck_assert_ptr_null(fdt_getprop(without.blob, chosen, "rng-seed", NULL));
	expect_clean(&with, &without, "QEMU smp124 with seeds vs without");
	expect_clean(&without, &with, "QEMU smp124 without seeds vs with");
	gp_input_free(&with);
	gp_input_free(&without);
}
END_TEST

/* QEMU trees of one machine type with more vCPUs: region 0's reg is the whole window. */
START_TEST(qemu_more_vcpus)
{
	static const struct {
		const char *old, *new;
		unsigned gic;
		uint32_t added_region; /* 0: none */
	} pairs[] = {
		{ "virt-gicv3-smp8.dtb", "virt-gicv3-smp124.dtb", 3, 1 },
		{ "virt-gicv3-smp124.dtb", "virt-gicv3-smp512.dtb", 3, 0 },
		{ "virt-gicv4-smp8.dtb", "virt-gicv4-smp61.dtb", 4, 0 },
		{ "virt-gicv4-smp61.dtb", "virt-gicv4-smp62.dtb", 4, 1 },
		{ "virt-gicv4-smp62.dtb", "virt-gicv4-smp317.dtb", 4, 0 },
	};

	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		struct gp_input old, new;
		struct wants w = { 0 }, rev = { 0 };
		char po[512], pn[512];
		uint64_t frames;

		snprintf(po, sizeof(po), GOLDEN_DIR "/%s", pairs[i].old);
		snprintf(pn, sizeof(pn), GOLDEN_DIR "/%s", pairs[i].new);
		input_file(po, pairs[i].gic, 0, &old);
		input_file(pn, pairs[i].gic, 0, &new);
		/*
		 * The premise: more vCPUs, and region 0's reg the same whole window in
		 * both, which the VMM fills first: the old vCPUs keep their frames and
		 * the old walk ends on Last inside the old reg.
		 */
		frames = old.m.redist[0].size / (pairs[i].gic == 4 ? V4_FRAME : V3_FRAME);
		ck_assert_uint_gt(new.v.nr_cpus, old.v.nr_cpus);
		ck_assert_uint_ge(frames, old.m.nr_redist == 1 ? old.v.nr_cpus : frames);
		ck_assert_uint_eq(new.m.nr_redist,
				  old.m.nr_redist + (pairs[i].added_region ? 1u : 0u));
		for (uint32_t k = 0; k < old.m.nr_redist; k++) {
			ck_assert_uint_eq(old.m.redist[k].base, new.m.redist[k].base);
			ck_assert_uint_eq(old.m.redist[k].size, new.m.redist[k].size);
		}
		if (pairs[i].added_region) {
			want(&w, C, "redistributor region %u", pairs[i].added_region);
			want(&rev, B, "redistributor region %u", pairs[i].added_region);
		}
		want(&w, C, "vCPUs");
		want(&rev, B, "vCPUs");
		expect_audit(&old, &new, &w, pn, NULL);
		expect_audit(&new, &old, &rev, po, NULL);
		gp_input_free(&old);
		gp_input_free(&new);
	}
}
END_TEST

/* A base machine: a plan, its tree (the input's) and its input. */
struct base {
	struct gp_platform *p;
	struct gp_plan *plan;
	const void *blob;
	size_t len;
	struct gp_input in;
};

static void base_make(struct base *b, const char *layout, uint64_t cpus)
{
	struct gp_request r = request(cpus);

	b->p = x_platform(layout ? layout : "virt");
	b->plan = x_plan(b->p, &r);
	input_plan(b->plan, &b->in);
	b->blob = b->in.blob;
	b->len = b->in.blob_len;
}

static void base_free(struct base *b)
{
	gp_input_free(&b->in);
	free(b->plan);
	free(b->p);
}

START_TEST(chosen_not_abi)
{
	static const uint8_t seed[32] = { 0xed, 0xe3, 0x74, 0x6d, 0xf1, 0xf1, 0x48, 0xbc, 1, 2, 3 };
	struct base b;
	struct tree t;
	struct gp_input edited;
	int chosen;

	base_make(&b, NULL, 8);
	t.fdt = x_fdt_writable(b.blob, TREE_SLACK);
	chosen = fdt_path_offset(t.fdt, "/chosen");
	if (chosen < 0)
		chosen = fdt_add_subnode(t.fdt, 0, "chosen");
	ck_assert_int_ge(chosen, 0);
	ck_assert_int_eq(fdt_setprop(t.fdt, chosen, "rng-seed", seed, sizeof(seed)), 0);
	ck_assert_int_eq(fdt_setprop_u64(t.fdt, chosen, "kaslr-seed", UINT64_C(0x7ad84c943667bb65)),
			 0);
	ck_assert_int_eq(fdt_setprop_string(t.fdt, chosen, "bootargs",
					    "console=ttyAMA0 root=/dev/vda"), 0);
	input_tree(t.fdt, tree_pack(&t), b.plan, &edited);
	expect_clean(&b.in, &edited, "/chosen with seeds and bootargs (new)");
	expect_clean(&edited, &b.in, "/chosen with seeds and bootargs (old)");
	gp_input_free(&edited);
	free(t.fdt);
	base_free(&b);
}
END_TEST

/* Devices are matched by what they are, not by node order or phandles. */
START_TEST(order_and_phandles_not_abi)
{
	static const struct cfg cfgs[] = {
		{ NULL, 900, 3, -1, -1, 0 },
		{ LAYOUT("capped.json"), 20, 3, -1, -1, 0 },
	};

	for (size_t i = 0; i < sizeof(cfgs) / sizeof(cfgs[0]); i++) {
		struct gp_plan *plan = plan_cfg(&cfgs[i], NULL);
		struct gp_input orig, copy;
		size_t len, clen;
		void *blob = x_emit(plan, &len), *shuffled = shuffled_copy(blob, &clen);
		int first = fdt_first_subnode(blob, 0), cfirst = fdt_first_subnode(shuffled, 0);
		char label[256];

		/* The copy really is shuffled: another first node, another GIC phandle. */
		ck_assert_str_ne(fdt_get_name(blob, first, NULL),
				 fdt_get_name(shuffled, cfirst, NULL));
		ck_assert_uint_eq(fdt_get_phandle(shuffled, x_gic_node(shuffled)),
				  renumber(fdt_get_phandle(blob, x_gic_node(blob))));
		ck_assert_uint_ne(fdt_get_phandle(shuffled, x_gic_node(shuffled)),
				  fdt_get_phandle(blob, x_gic_node(blob)));
		input_tree(blob, len, plan, &orig);
		input_tree(shuffled, clen, plan, &copy);
		ck_assert_uint_eq(orig.m.nr_devices, copy.m.nr_devices);
		ck_assert_str_ne(gp_mach_str(&orig.m, orig.m.devices[0].path),
				 gp_mach_str(&copy.m, copy.m.devices[0].path));
		snprintf(label, sizeof(label), "%s %" PRIu64 " vCPUs, shuffled",
			 cfgs[i].layout ? cfgs[i].layout : "virt", cfgs[i].cpus);
		expect_verifies(&copy, label);
		expect_clean(&orig, &copy, label);
		expect_clean(&copy, &orig, label);
		gp_input_free(&orig);
		gp_input_free(&copy);
		free(shuffled);
		free(blob);
		free(plan);
	}
}
END_TEST

START_TEST(order_and_phandles_not_abi_qemu)
{
	struct gp_input orig, copy;
	size_t clen;
	void *shuffled;

	/* QEMU's tree has gpio-keys (gpios), clocks, msi-map and an interrupt-map. */
	input_file(GOLDEN_DIR "/virt-gicv3-smp8.dtb", 0, 0, &orig);
	shuffled = shuffled_copy(orig.blob, &clen);
	input_tree(shuffled, clen, NULL, &copy);
	ck_assert_str_ne(gp_mach_str(&orig.m, orig.m.devices[0].path),
			 gp_mach_str(&copy.m, copy.m.devices[0].path));
	expect_clean(&orig, &copy, "QEMU smp8 shuffled");
	expect_clean(&copy, &orig, "QEMU smp8 shuffled (as OLD)");
	gp_input_free(&orig);
	gp_input_free(&copy);
	free(shuffled);
}
END_TEST

/* ---- each kind of difference, one at a time, in a tree --------------------------------- */

/*
 * The base: virt with 8 vCPUs (legacy tier, one populated region, an ITS,
 * 256 SPIs). OLD is the plan; NEW its tree edited once. Then the other way.
 */
struct edit {
	const char *name;
	/* Edit @t of @b; fill the differences expected OLD=plan -> NEW=edited, and back. */
	void (*run)(struct tree *t, const struct base *b, struct wants *fwd, struct wants *rev);
};

static void e_gicd(struct tree *t, const struct base *b, struct wants *fwd, struct wants *rev)
{
	/* Into the unused top of the 16 MiB legacy window. */
	uint64_t to = b->plan->gicd.base + 16 * MIB - 64 * KIB;

	ck_assert_uint_le(b->plan->redist[0].base + b->plan->redist[0].reg_size, to);
	reg_set(t, x_gic_node(t->fdt), 0, to, 64 * KIB);
	want(fwd, B, "gicd");
	want(rev, B, "gicd");
}

/*
 * An ITS added or removed, either way (issue 11): what the guest reads changes
 * (GICD_TYPER.LPIS, GICR_TYPER.PLPIS) and the PCI host's msi-map with it.
 */
static void want_its_change(struct wants *w, bool msi_map)
{
	want(w, B, "ITS");
	want(w, B, "GICD_TYPER");
	want(w, B, "GICR_TYPER");
	if (msi_map)
		want(w, B, "/pcie@3f000000 msi-map");
}

static void e_its_removed(struct tree *t, const struct base *b, struct wants *fwd,
			  struct wants *rev)
{
	int pci = fdt_node_offset_by_compatible(t->fdt, -1, "pci-host-ecam-generic");

	(void)b;
	if (pci >= 0)
		fdt_delprop(t->fdt, pci, "msi-map");
	ck_assert_int_eq(fdt_del_node(t->fdt, x_its_node(t->fdt)), 0);
	want_its_change(fwd, pci >= 0);
	want_its_change(rev, pci >= 0);
}

static void e_its_moved(struct tree *t, const struct base *b, struct wants *fwd, struct wants *rev)
{
	reg_set(t, x_its_node(t->fdt), 0, b->plan->its.base + 2 * b->plan->its.size,
		b->plan->its.size);
	want(fwd, B, "ITS");
	want(rev, B, "ITS");
}

static void e_stride(struct tree *t, const struct base *b, struct wants *fwd, struct wants *rev)
{
	/*
	 * A GICv3 walk steps 128 KiB without it: 256 KiB moves where vCPU 1 is
	 * looked for, and where hardware padding frames to it puts vCPU 1's frame.
	 */
	ck_assert_uint_eq(b->plan->redist_size, V3_FRAME);
	ck_assert_int_eq(fdt_setprop_u64(t->fdt, x_gic_node(t->fdt), "redistributor-stride",
					 V4_FRAME), 0);
	want(fwd, B, "redistributor-stride");
	want(fwd, B, "vCPU redistributors");
	want(rev, B, "redistributor-stride");
	want(rev, B, "vCPU redistributors");
}

static void e_region_moved(struct tree *t, const struct base *b, struct wants *fwd,
			   struct wants *rev)
{
	const struct gp_redist_region *r = &b->plan->redist[0];

	reg_set(t, x_gic_node(t->fdt), 1, r->base + r->reg_size, r->reg_size);
	want(fwd, B, "redistributor region 0");
	want(fwd, B, "vCPU redistributors");
	want(rev, B, "redistributor region 0");
	want(rev, B, "vCPU redistributors");
}

static void e_region_added(struct tree *t, const struct base *b, struct wants *fwd,
			   struct wants *rev)
{
	const struct gp_redist_region *r = &b->plan->redist[0];
	int gic = x_gic_node(t->fdt);

	/* An empty second region: every vCPU's frame stays in region 0 (its reg is full). */
	ck_assert_uint_eq(r->reg_size, r->count * V3_FRAME);
	reg_set(t, gic, 2, r->base + r->reg_size + 4 * V3_FRAME, 4 * V3_FRAME);
	ck_assert_int_eq(fdt_setprop_u32(t->fdt, x_gic_node(t->fdt), "#redistributor-regions", 2), 0);
	want(fwd, C, "redistributor region 1");
	/* A guest of the old tree walks region 1 too: the new machine has none there. */
	want(rev, B, "redistributor region 1");
}

static void e_region_cut(struct tree *t, const struct base *b, struct wants *fwd,
			 struct wants *rev)
{
	const struct gp_redist_region *r = &b->plan->redist[0];

	/*
	 * The tree's region 0 is cut to half its frames; KVM's legacy REDIST still
	 * has every vCPU from the base. NEW cut: the old guest's walk still ends on
	 * Last inside its (old, whole) reg. OLD cut: the new machine's Last lies
	 * beyond the old reg, and the old guest's walk runs past its region.
	 */
	ck_assert_uint_eq(b->plan->nr_redist, 1);
	reg_set(t, x_gic_node(t->fdt), 1, r->base, r->count / 2 * V3_FRAME);
	want(fwd, C, "redistributor region 0");
	want(rev, B, "redistributor region 0");
}

static void e_cpus_removed(struct tree *t, const struct base *b, struct wants *fwd,
			   struct wants *rev)
{
	for (uint64_t i = b->plan->req.cpus; i-- > b->plan->req.cpus / 2;)
		ck_assert_int_eq(fdt_del_node(t->fdt, x_cpu_node(t->fdt, i)), 0);
	want(fwd, B, "vCPUs");
	/* Back: vCPUs added above, in frames the old reg already described. */
	want(rev, C, "vCPUs");
}

static void e_mpidr(struct tree *t, const struct base *b, struct wants *fwd, struct wants *rev)
{
	/* vCPU 3 gets Aff1 = 1, which no other vCPU of the 8 has. */
	int node = x_cpu_node(t->fdt, 3);
	int ac = fdt_address_cells(t->fdt, fdt_parent_offset(t->fdt, node));
	fdt32_t reg[2];

	ck_assert_uint_lt(b->plan->req.cpus, b->plan->board.aff0_per_group + 1);
	x_put_cells(reg, ac, UINT64_C(0x100));
	ck_assert_int_eq(fdt_setprop(t->fdt, node, "reg", reg, ac * 4), 0);
	want(fwd, B, "vCPU MPIDRs");
	want(rev, B, "vCPU MPIDRs");
	/* GICR_TYPER's affinity is the MPIDR as the guest reads it from the GIC. */
	want(fwd, B, "GICR_TYPER");
	want(rev, B, "GICR_TYPER");
}

static void e_ram_base(struct tree *t, const struct base *b, struct wants *fwd,
		       struct wants *rev)
{
	reg_set(t, memory_node(t->fdt), 0, b->plan->board.ram.base + b->plan->board.ram.size,
		b->plan->board.ram.size);
	want(fwd, B, "memory");
	want(rev, B, "memory");
}

static void e_ram_size(struct tree *t, const struct base *b, struct wants *fwd,
		       struct wants *rev)
{
	reg_set(t, memory_node(t->fdt), 0, b->plan->board.ram.base, 2 * b->plan->board.ram.size);
	want(fwd, B, "memory");
	want(rev, B, "memory");
}

/* The base tree's node compatible with @compat at @base, and its path. */
static int base_device(const struct base *b, const char *compat, uint64_t base, char *path,
		       size_t cap)
{
	int node = device_at(b->blob, compat, base);

	ck_assert_msg(node >= 0, "no %s at 0x%" PRIx64 " in the base tree", compat, base);
	path_of(b->blob, node, path, cap);
	return node;
}

static uint64_t board_base(const struct base *b, const char *name)
{
	for (uint32_t i = 0; i < b->plan->board.nr_devices; i++)
		if (strcmp(b->plan->board.devices[i].name, name) == 0)
			return b->plan->board.devices[i].win[0].base;
	ck_abort_msg("no device %s", name);
	return 0;
}

static void e_device_reg(struct tree *t, const struct base *b, struct wants *fwd,
			 struct wants *rev)
{
	uint64_t uart = board_base(b, "uart");
	char path[256];

	/* To free room above the ITS (legacy: GPIO ... 0x09031000, ITS 0x09040000 +128 KiB). */
	uint64_t to = b->plan->its.base + b->plan->its.size + 0x10000;

	base_device(b, "arm,pl011", uart, path, sizeof(path));
	ck_assert_int_lt(root_child_at(b->blob, to), 0);
	reg_set(t, device_at(t->fdt, "arm,pl011", uart), 0, to, 0x1000);
	want(fwd, B, "device %s reg", path);
	want(rev, B, "device %s reg", path);
}

static void e_device_irq(struct tree *t, const struct base *b, struct wants *fwd,
			 struct wants *rev)
{
	uint64_t rtc = board_base(b, "rtc");
	char path[256];

	base_device(b, "arm,pl031", rtc, path, sizeof(path));
	set_irq(t, device_at(t->fdt, "arm,pl031", rtc), DT_SPI, 9, DT_LEVEL);
	want(fwd, B, "device %s interrupts", path);
	want(rev, B, "device %s interrupts", path);
}

static void e_device_trigger(struct tree *t, const struct base *b, struct wants *fwd,
			     struct wants *rev)
{
	uint64_t rtc = board_base(b, "rtc");
	char path[256];
	int node = base_device(b, "arm,pl031", rtc, path, sizeof(path));
	const fdt32_t *spec = fdt_getprop(b->blob, node, "interrupts", NULL);

	ck_assert_ptr_nonnull(spec);
	ck_assert_uint_eq(fdt32_to_cpu(spec[2]), DT_LEVEL);
	set_irq(t, device_at(t->fdt, "arm,pl031", rtc), fdt32_to_cpu(spec[0]),
		fdt32_to_cpu(spec[1]), DT_EDGE);
	want(fwd, B, "device %s interrupts", path);
	want(rev, B, "device %s interrupts", path);
}

static void e_device_removed(struct tree *t, const struct base *b, struct wants *fwd,
			     struct wants *rev)
{
	uint64_t rtc = board_base(b, "rtc");
	char path[256];

	base_device(b, "arm,pl031", rtc, path, sizeof(path));
	ck_assert_int_eq(fdt_del_node(t->fdt, device_at(t->fdt, "arm,pl031", rtc)), 0);
	want(fwd, B, "device %s", path);
	want(rev, C, "device %s", path);
}

static void e_device_added(struct tree *t, const struct base *b, struct wants *fwd,
			   struct wants *rev)
{
	/* A second RTC in free room above the ITS: a kind that had one device. */
	uint64_t at = b->plan->its.base + b->plan->its.size + 0x20000;
	char name[64];
	fdt32_t reg[4];
	int node;

	ck_assert_int_lt(root_child_at(b->blob, at), 0);
	snprintf(name, sizeof(name), "rtc@%" PRIx64, at);
	node = fdt_add_subnode(t->fdt, 0, name);
	ck_assert_int_ge(node, 0);
	ck_assert_int_eq(fdt_setprop(t->fdt, node, "compatible", "arm,pl031\0arm,primecell",
				     sizeof("arm,pl031\0arm,primecell")), 0);
	x_put_cells(reg, 2, at);
	x_put_cells(reg + 2, 2, 0x1000);
	ck_assert_int_eq(fdt_setprop(t->fdt, node, "reg", reg, sizeof(reg)), 0);
	set_irq(t, node, DT_SPI, 10, DT_LEVEL);
	want(fwd, C, "device /%s", name);
	want(rev, B, "device /%s", name);
}

static void add_virtio(struct tree *t, uint64_t at, uint32_t spi, const char *name)
{
	fdt32_t reg[4];
	int node = fdt_add_subnode(t->fdt, 0, name);

	ck_assert_int_ge(node, 0);
	ck_assert_int_eq(fdt_setprop_string(t->fdt, node, "compatible", "virtio,mmio"), 0);
	x_put_cells(reg, 2, at);
	x_put_cells(reg + 2, 2, 0x200);
	ck_assert_int_eq(fdt_setprop(t->fdt, node, "reg", reg, sizeof(reg)), 0);
	set_irq(t, node, DT_SPI, spi, DT_EDGE);
}

static void e_virtio_added_below(struct tree *t, const struct base *b, struct wants *fwd,
				 struct wants *rev)
{
	/* One more virtio-mmio transport, below the 32 others: they all stay where they are. */
	uint64_t first = board_base(b, "virtio"), at = first - 0x10000;
	char name[64];

	ck_assert_int_lt(root_child_at(b->blob, at), 0);
	snprintf(name, sizeof(name), "virtio_mmio@%" PRIx64, at);
	add_virtio(t, at, 60, name);
	want(fwd, C, "device /%s", name);
	want(rev, B, "device /%s", name);
}

static void e_virtio_removed_between(struct tree *t, const struct base *b, struct wants *fwd,
				     struct wants *rev)
{
	uint64_t fifth = board_base(b, "virtio") + 5 * 0x200;
	char path[256];

	base_device(b, "virtio,mmio", fifth, path, sizeof(path));
	ck_assert_int_eq(fdt_del_node(t->fdt, device_at(t->fdt, "virtio,mmio", fifth)), 0);
	want(fwd, B, "device %s", path);
	want(rev, C, "device %s", path);
}

static void e_pci_windows(struct tree *t, const struct base *b, struct wants *fwd,
			  struct wants *rev)
{
	uint64_t ecam = board_base(b, "pcie");
	char path[256];
	int node = base_device(b, "pci-host-ecam-generic", ecam, path, sizeof(path)), len;
	const fdt32_t *ranges = fdt_getprop(b->blob, node, "ranges", &len);
	fdt32_t *v = malloc((size_t)len);
	bool cut = false;

	/* <flags pci.hi pci.lo, cpu.hi cpu.lo, size.hi size.lo>: halve the 32-bit MMIO window. */
	ck_assert_ptr_nonnull(v);
	memcpy(v, ranges, (size_t)len);
	for (int e = 0; e < len / 28; e++)
		if ((fdt32_to_cpu(v[e * 7]) >> 24 & 3) == 2) {
			x_put_cells(v + e * 7 + 5, 2, x_cells(v + e * 7 + 5, 2) / 2);
			cut = true;
		}
	ck_assert(cut);
	ck_assert_int_eq(fdt_setprop(t->fdt, device_at(t->fdt, "pci-host-ecam-generic", ecam),
				     "ranges", v, len), 0);
	free(v);
	want(fwd, B, "device %s PCI windows", path);
	want(rev, B, "device %s PCI windows", path);
}

static void e_cpu_compatible(struct tree *t, const struct base *b, struct wants *fwd,
			     struct wants *rev)
{
	for (uint64_t i = 0; i < b->plan->req.cpus; i++)
		ck_assert_int_eq(fdt_setprop_string(t->fdt, x_cpu_node(t->fdt, i), "compatible",
						    "arm,cortex-a72"), 0);
	want(fwd, B, "cpu compatible");
	want(rev, B, "cpu compatible");
}

static void e_psci(struct tree *t, const struct base *b, struct wants *fwd, struct wants *rev)
{
	int psci = fdt_path_offset(t->fdt, "/psci");

	ck_assert_str_eq(b->plan->board.psci_method, "hvc");
	ck_assert_int_ge(psci, 0);
	ck_assert_int_eq(fdt_setprop_string(t->fdt, psci, "method", "smc"), 0);
	want(fwd, B, "psci method");
	want(rev, B, "psci method");
}

static void e_maintenance_added(struct tree *t, const struct base *b, struct wants *fwd,
				struct wants *rev)
{
	ck_assert(!b->plan->req.virtualization);
	set_irq(t, x_gic_node(t->fdt), DT_PPI, MAINTENANCE_PPI, DT_LEVEL);
	want(fwd, B, "GIC maintenance interrupt");
	want(rev, B, "GIC maintenance interrupt");
}

static const struct edit edits[] = {
	{ "gicd", e_gicd },
	{ "ITS removed", e_its_removed },
	{ "ITS moved", e_its_moved },
	{ "stride added", e_stride },
	{ "region moved", e_region_moved },
	{ "region added", e_region_added },
	{ "region cut", e_region_cut },
	{ "vCPUs removed", e_cpus_removed },
	{ "MPIDR changed", e_mpidr },
	{ "RAM base", e_ram_base },
	{ "RAM size", e_ram_size },
	{ "device reg", e_device_reg },
	{ "device interrupt", e_device_irq },
	{ "device trigger", e_device_trigger },
	{ "device removed", e_device_removed },
	{ "device added", e_device_added },
	{ "virtio added below the others", e_virtio_added_below },
	{ "virtio removed between others", e_virtio_removed_between },
	{ "PCI windows", e_pci_windows },
	{ "cpu compatible", e_cpu_compatible },
	{ "psci method", e_psci },
	{ "maintenance interrupt added", e_maintenance_added },
};

START_TEST(tree_edits)
{
	const struct edit *e = &edits[_i];
	struct wants fwd = { 0 }, rev = { 0 };
	struct gp_input edited, tree;
	struct base b;
	struct tree t;
	char label[256];

	base_make(&b, NULL, 8);
	t.fdt = x_fdt_writable(b.blob, TREE_SLACK);
	e->run(&t, &b, &fwd, &rev);
	input_tree(t.fdt, tree_pack(&t), b.plan, &edited);
	input_tree(b.blob, b.len, b.plan, &tree);
	snprintf(label, sizeof(label), "%s: plan -> edited tree", e->name);
	expect_audit(&b.in, &edited, &fwd, label, NULL);
	snprintf(label, sizeof(label), "%s: tree -> edited tree", e->name);
	expect_audit(&tree, &edited, &fwd, label, NULL);
	snprintf(label, sizeof(label), "%s: edited tree -> plan", e->name);
	expect_audit(&edited, &b.in, &rev, label, NULL);
	gp_input_free(&edited);
	gp_input_free(&tree);
	free(t.fdt);
	base_free(&b);
}
END_TEST

/* A vCPU's redistributor moves while every region keeps its base. */
START_TEST(redistributor_moved_for_some_vcpus)
{
	struct gp_input edited;
	struct wants fwd = { 0 }, rev = { 0 };
	struct gp_audit a;
	const struct gp_diff *d;
	struct base b;
	struct tree t;
	uint64_t r0, moved;
	char text[64];

	/* split: windows of 62 and 1 GICv3 frames, then the rest: 100 vCPUs are 62 + 1 + 37. */
	base_make(&b, LAYOUT("split.json"), 100);
	ck_assert_uint_eq(b.plan->nr_redist, 3);
	r0 = b.plan->redist[0].count;
	ck_assert_uint_eq(b.plan->redist[0].reg_size, r0 * V3_FRAME);
	ck_assert_uint_eq(b.plan->redist[1].count, 1);
	/*
	 * NEW's region 0 describes one frame less and its region 2 one more. A
	 * VMM fills its regions in order, each to what its reg holds: vCPU r0-1
	 * goes to region 1, region 1's vCPU to region 2, and every vCPU of region
	 * 2 one frame up. Every region keeps its base.
	 */
	moved = b.plan->req.cpus - (r0 - 1);
	t.fdt = x_fdt_writable(b.blob, TREE_SLACK);
	reg_set(&t, x_gic_node(t.fdt), 1, b.plan->redist[0].base, (r0 - 1) * V3_FRAME);
	reg_set(&t, x_gic_node(t.fdt), 3, b.plan->redist[2].base,
		b.plan->redist[2].reg_size + V3_FRAME);
	input_tree(t.fdt, tree_pack(&t), b.plan, &edited);
	want(&fwd, C, "redistributor region 0");  /* smaller: the old walk still ends inside */
	want(&fwd, B, "redistributor region 2");  /* one frame more than the old reg held */
	want(&fwd, B, "vCPU redistributors");
	expect_audit(&b.in, &edited, &fwd, "split 100, region 0 one frame shorter", &a);
	d = find_diff(&a, "vCPU redistributors");
	snprintf(text, sizeof(text), "vCPU %" PRIu64 ": 0x%" PRIx64, r0 - 1,
		 b.plan->redist[0].base + (r0 - 1) * V3_FRAME);
	ck_assert_str_eq(d->old, text);
	snprintf(text, sizeof(text), "0x%" PRIx64 " (%" PRIu64 " vCPUs differ)",
		 b.plan->redist[1].base, moved);
	ck_assert_str_eq(d->new, text);
	gp_audit_free(&a);
	/* Back: region 0 of the new machine has one frame more than the old reg, region 2 less. */
	want(&rev, B, "redistributor region 0");
	want(&rev, C, "redistributor region 2");
	want(&rev, B, "vCPU redistributors");
	expect_audit(&edited, &b.in, &rev, "split 100, region 0 one frame shorter (as OLD)", NULL);
	gp_input_free(&edited);
	free(t.fdt);
	base_free(&b);
}
END_TEST

/* ---- each kind of difference from planning with other options --------------------------- */

struct option_case {
	const char *name;
	const char *layout;
	struct gp_request old, new;
};

/* psci and the maintenance interrupt differ as the two trees say, read here with libfdt. */
static const char *psci_method_of(const void *blob)
{
	int node = fdt_path_offset(blob, "/psci");

	return node >= 0 ? fdt_getprop(blob, node, "method", NULL) : NULL;
}

static void psci_want(const struct gp_input *old, const struct gp_input *new, struct wants *w)
{
	const char *a = psci_method_of(old->blob), *b = psci_method_of(new->blob);

	if ((a == NULL) != (b == NULL) || (a != NULL && strcmp(a, b) != 0))
		want(w, B, "psci method");
}

/*
 * Issue 11: the mode asked reads the directions a difference breaks. More
 * vCPUs in one tier: OLD's guest never sees them, but the stream back carries
 * vCPUs OLD lacks (new->old always), and old->new is the VMM's: QEMU sizes its
 * GIC state by the vCPU count, a VMM restoring each saved vCPU does not.
 */
START_TEST(modes_and_vmm_rules)
{
	static const struct {
		enum gp_audit_mode mode;
		enum gp_gic_state_rule rule;
		unsigned breaks;       /* the vCPUs' directions */
		bool verdict_breaks;
		const char *says;      /* the rule, named in the reason */
	} cases[] = {
		{ GP_AUDIT_ROLLBACK, GP_GIC_STATE_UNKNOWN, GP_BREAKS_BOTH, true, "strict rule" },
		{ GP_AUDIT_ONE_WAY, GP_GIC_STATE_UNKNOWN, GP_BREAKS_BOTH, true, "strict rule" },
		{ GP_AUDIT_ONE_WAY, GP_GIC_STATE_VCPU_COUNT, GP_BREAKS_BOTH, true, "vcpu-count" },
		{ GP_AUDIT_ONE_WAY, GP_GIC_STATE_MAX_CPUS, GP_BREAKS_NEW_OLD, false, "max-cpus" },
		{ GP_AUDIT_ROLLBACK, GP_GIC_STATE_MAX_CPUS, GP_BREAKS_NEW_OLD, true, "max-cpus" },
		{ GP_AUDIT_IDENTICAL, GP_GIC_STATE_MAX_CPUS, GP_BREAKS_NEW_OLD, true, "max-cpus" },
	};
	struct gp_platform *p = x_platform("virt");
	struct gp_request r8 = request(8), r12 = request(12);
	struct gp_plan *a = x_plan(p, &r8), *b = x_plan(p, &r12);
	struct gp_input old, new;

	input_plan(a, &old);
	input_plan(b, &new);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct gp_audit_options o = { cases[i].mode, GIC_PROFILE_ARCH, cases[i].rule, "test" };
		struct gp_audit au;
		const struct gp_diff *d;

		gp_error_init(&err);
		ck_assert_int_eq(gp_audit_with(&old, &new, &o, &au, &err), 0);
		d = find_diff(&au, "vCPUs");
		ck_assert_ptr_nonnull(d);
		ck_assert_msg(d->breaks == cases[i].breaks, "case %zu: breaks %u", i, d->breaks);
		ck_assert_msg((d->verdict == GP_VERDICT_BREAKS) == cases[i].verdict_breaks,
			      "case %zu: verdict %d", i, d->verdict);
		/* (virt's region 0 reg is its populated frames: Last moves out of it, too.) */
		ck_assert_msg(!cases[i].verdict_breaks || au.breaks, "case %zu", i);
		ck_assert_msg(strstr(d->why, cases[i].says) != NULL, "case %zu: %s", i, d->why);
		ck_assert_int_eq(au.mode, cases[i].mode);
		gp_audit_free(&au);
	}
	/* Identical inputs are identical in every mode. */
	for (int m = GP_AUDIT_ROLLBACK; m <= GP_AUDIT_IDENTICAL; m++) {
		struct gp_audit_options o = { (enum gp_audit_mode)m, GIC_PROFILE_KVM,
					      GP_GIC_STATE_UNKNOWN, NULL };
		struct gp_audit au;

		ck_assert_int_eq(gp_audit_with(&old, &old, &o, &au, &err), 0);
		ck_assert_uint_eq(au.n, 0);
		ck_assert(!au.breaks);
		gp_audit_free(&au);
	}
	gp_input_free(&old);
	gp_input_free(&new);
	free(a);
	free(b);
	free(p);
}
END_TEST

START_TEST(option_changes)
{
	struct gp_platform *p = x_platform("virt"), *small = x_platform(LAYOUT("small.json"));
	struct gp_request r8 = request(8), r;
	struct gp_plan *base = x_plan(p, &r8), *other;
	struct gp_input old, new;
	struct wants fwd, rev;
	struct gp_audit a;
	const struct gp_diff *d;
	char text[64];

	input_plan(base, &old);

	/* GICv4: 256 KiB frames. vCPU k > 0 moves; region 0 of 8 frames no longer holds 8. */
	r = r8;
	r.gic_version = 4;
	other = x_plan(p, &r);
	input_plan(other, &new);
	ck_assert_uint_eq(other->redist[0].base, base->redist[0].base);
	ck_assert_uint_gt(8 * V4_FRAME, base->redist[0].reg_size);
	memset(&fwd, 0, sizeof(fwd));
	want(&fwd, B, "GIC version");
	want(&fwd, B, "redistributor region 0");
	want(&fwd, B, "vCPU redistributors");
	want(&fwd, B, "GICD_TYPER");   /* and what the guest reads says GICv4 */
	want(&fwd, B, "GICD_PIDR2");
	want(&fwd, B, "GICR_TYPER");
	want(&fwd, B, "GICR_PIDR2");
	expect_audit(&old, &new, &fwd, "GICv3 -> GICv4", &a);
	d = find_diff(&a, "vCPU redistributors");
	snprintf(text, sizeof(text), "vCPU 1: 0x%" PRIx64, base->redist[0].base + V3_FRAME);
	ck_assert_str_eq(d->old, text);
	snprintf(text, sizeof(text), "0x%" PRIx64 " (7 vCPUs differ)",
		 base->redist[0].base + V4_FRAME);
	ck_assert_str_eq(d->new, text);
	gp_audit_free(&a);
	/* Back: GICv3's 8 frames end inside GICv4's larger reg. */
	memset(&rev, 0, sizeof(rev));
	want(&rev, B, "GIC version");
	want(&rev, C, "redistributor region 0");
	want(&rev, B, "vCPU redistributors");
	want(&rev, B, "GICD_TYPER");
	want(&rev, B, "GICD_PIDR2");
	want(&rev, B, "GICR_TYPER");
	want(&rev, B, "GICR_PIDR2");
	expect_audit(&new, &old, &rev, "GICv4 -> GICv3", NULL);
	gp_input_free(&new);
	free(other);

	/* SPIs: GICD_TYPER.ITLinesNumber changes. */
	r = r8;
	r.spis = 128;
	other = x_plan(p, &r);
	input_plan(other, &new);
	memset(&fwd, 0, sizeof(fwd));
	want(&fwd, B, "SPIs (NR_IRQS)");
	want(&fwd, B, "GICD_TYPER");
	expect_audit(&old, &new, &fwd, "--spis 128", &a);
	d = find_diff(&a, "SPIs (NR_IRQS)");
	ck_assert_str_eq(d->old, "0x120"); /* 256 SPIs + 32 private INTIDs */
	ck_assert_str_eq(d->new, "0xa0");
	gp_audit_free(&a);
	expect_audit(&new, &old, &fwd, "--spis 128 (as OLD)", NULL);
	gp_input_free(&new);
	free(other);

	/* RAM size. */
	r = r8;
	r.ram_size = 2 * GIB;
	other = x_plan(p, &r);
	input_plan(other, &new);
	memset(&fwd, 0, sizeof(fwd));
	want(&fwd, B, "memory");
	expect_audit(&old, &new, &fwd, "--ram 2GiB", NULL);
	expect_audit(&new, &old, &fwd, "--ram 2GiB (as OLD)", NULL);
	gp_input_free(&new);
	free(other);

	/* No ITS: added breaks (issue 11) as removed does. */
	r = r8;
	r.its = 0;
	other = x_plan(p, &r);
	input_plan(other, &new);
	ck_assert(!other->has_its && base->has_its);
	memset(&fwd, 0, sizeof(fwd));
	want_its_change(&fwd, true);
	expect_audit(&new, &old, &fwd, "ITS added", NULL);
	memset(&rev, 0, sizeof(rev));
	want_its_change(&rev, true);
	expect_audit(&old, &new, &rev, "ITS removed", NULL);
	gp_input_free(&new);
	free(other);

	/* EL2 for the guest: the maintenance interrupt (and the conduit, if the platform's) */
	r = r8;
	r.virtualization = 1;
	other = x_plan(p, &r);
	input_plan(other, &new);
	memset(&fwd, 0, sizeof(fwd));
	want(&fwd, B, "GIC maintenance interrupt");
	psci_want(&old, &new, &fwd);
	expect_audit(&old, &new, &fwd, "--virtualization", NULL);
	expect_audit(&new, &old, &fwd, "--virtualization (as OLD)", NULL);
	gp_input_free(&new);
	free(other);

	/* An added ITS does not hide a maintenance interrupt that came with it. */
	{
		struct gp_request no_its = r8, both = r8;
		struct gp_plan *a_plan, *b_plan;
		struct gp_input ai, bi;

		no_its.its = 0;
		both.its = 1;
		both.virtualization = 1;
		a_plan = x_plan(p, &no_its);
		b_plan = x_plan(p, &both);
		input_plan(a_plan, &ai);
		input_plan(b_plan, &bi);
		memset(&fwd, 0, sizeof(fwd));
		want_its_change(&fwd, true);
		want(&fwd, B, "GIC maintenance interrupt");
		psci_want(&ai, &bi, &fwd);
		expect_audit(&ai, &bi, &fwd, "ITS and EL2 added", NULL);
		memset(&rev, 0, sizeof(rev));
		want_its_change(&rev, true);
		want(&rev, B, "GIC maintenance interrupt");
		psci_want(&bi, &ai, &rev);
		expect_audit(&bi, &ai, &rev, "ITS and EL2 removed", NULL);
		gp_input_free(&ai);
		gp_input_free(&bi);
		free(a_plan);
		free(b_plan);
	}

	/* More vCPUs, planned anew in a tier whose reg is the populated frames: Last moves out. */
	{
		struct gp_request r90 = request(90), r100 = request(100);
		struct gp_plan *p90 = x_plan(p, &r90), *p100 = x_plan(p, &r100);
		struct gp_input i90, i100;

		ck_assert_str_eq(p90->tier, p100->tier);
		ck_assert_uint_eq(p90->redist[0].reg_size, 90 * V3_FRAME);
		input_plan(p90, &i90);
		input_plan(p100, &i100);
		memset(&fwd, 0, sizeof(fwd));
		want(&fwd, C, "vCPUs");
		want(&fwd, B, "redistributor region 0");
		expect_audit(&i90, &i100, &fwd, "virt 90 -> 100", NULL);
		memset(&rev, 0, sizeof(rev));
		want(&rev, B, "vCPUs");
		want(&rev, C, "redistributor region 0");
		expect_audit(&i100, &i90, &rev, "virt 100 -> 90", NULL);
		gp_input_free(&i90);
		gp_input_free(&i100);
		free(p90);
		free(p100);
	}

	/* ... and in a tier whose reg is the whole window: only the vCPU count differs. */
	{
		struct gp_request r200 = request(200), r210 = request(210);
		struct gp_plan *p200 = x_plan(small, &r200), *p210 = x_plan(small, &r210);
		struct gp_input i200, i210;

		ck_assert_str_eq(p200->tier, p210->tier);
		ck_assert_uint_eq(p200->redist[0].reg_size, p210->redist[0].reg_size);
		ck_assert_uint_ge(p200->redist[0].reg_size, 210 * V3_FRAME);
		input_plan(p200, &i200);
		input_plan(p210, &i210);
		memset(&fwd, 0, sizeof(fwd));
		want(&fwd, C, "vCPUs");
		expect_audit(&i200, &i210, &fwd, "small 200 -> 210", &a);
		d = find_diff(&a, "vCPUs");
		ck_assert_str_eq(d->old, "200");
		ck_assert_str_eq(d->new, "210");
		ck_assert_msg(strstr(d->why, "vCPUs 200-209") != NULL, "%s", d->why);
		gp_audit_free(&a);
		memset(&rev, 0, sizeof(rev));
		want(&rev, B, "vCPUs");
		expect_audit(&i210, &i200, &rev, "small 210 -> 200", &a);
		ck_assert_msg(strstr(a.diffs[0].why, "vCPUs 200-209") != NULL, "%s",
			      a.diffs[0].why);
		gp_audit_free(&a);
		gp_input_free(&i200);
		gp_input_free(&i210);
		free(p200);
		free(p210);
	}

	gp_input_free(&old);
	free(base);
	free(small);
	free(p);
}
END_TEST

/* ---- tier crossings: computed from the platform's windows and moves --------------------- */

static uint64_t capacity_of(const struct gp_placement *pl, uint64_t frame, unsigned ipa_bits)
{
	uint64_t n = 0, end = UINT64_C(1) << ipa_bits;

	for (uint32_t k = 0; k < pl->nr_windows; k++) {
		const struct gp_redist_window *w = &pl->windows[k];

		ck_assert(!w->grows_down);
		if (w->to_ipa_end)
			n += end > w->base ? (end - w->base) / frame : 0;
		else
			n += w->size / frame;
	}
	return n;
}

/* Window @w of device @d where placement @pl puts it. */
static struct gp_window placed(const struct gp_platform *p, const struct gp_placement *pl,
			       uint32_t d, uint32_t w)
{
	struct gp_window win = p->board.devices[d].win[w];

	for (uint32_t m = 0; m < pl->nr_moves; m++)
		if (pl->moves[m].device == d && pl->moves[m].window == w) {
			win.base = pl->moves[m].base;
			if (pl->moves[m].has_size)
				win.size = pl->moves[m].size;
		}
	return win;
}

/* What the audit must name when max_cpus crosses from placement @a to @b at @from vCPUs. */
static void crossing_wants(const struct gp_platform *p, const struct gp_placement *a,
			   const struct gp_placement *b, const void *old_blob, struct wants *w)
{
	char path[256];

	ck_assert_uint_eq(a->nr_windows, 1);
	ck_assert_uint_eq(b->nr_windows, 1);
	if (a->gicd != b->gicd)
		want(w, B, "gicd");
	if (a->has_its && (!b->has_its || a->its != b->its))
		want(w, B, "ITS");
	else if (!a->has_its && b->has_its)
		want(w, C, "ITS");
	if (a->windows[0].base != b->windows[0].base) {
		want(w, B, "redistributor region 0");
		want(w, B, "vCPU redistributors");
	}
	want(w, C, "vCPUs");
	for (uint32_t d = 0; d < p->board.nr_devices; d++) {
		const struct gp_device *dev = &p->board.devices[d];
		struct gp_window oa = placed(p, a, d, 0), ob = placed(p, b, d, 0);
		bool windows = false;

		if (oa.base != ob.base)
			for (uint32_t i = 0; i < dev->count; i++) {
				int node = root_child_at(old_blob, oa.base + i * oa.size);

				ck_assert_msg(node >= 0 || i > 0, "no node of %s at 0x%" PRIx64,
					      dev->name, oa.base);
				if (node >= 0)
					want(w, B, "device %s reg", path_of(old_blob, node, path,
									     sizeof(path)));
			}
		for (uint32_t k = 1; k < GP_DEV_WINDOWS_MAX; k++) {
			struct gp_window wa = placed(p, a, d, k), wb = placed(p, b, d, k);

			windows |= wa.base != wb.base || wa.size != wb.size;
		}
		if (windows) {
			int node = root_child_at(old_blob, oa.base);

			ck_assert_int_ge(node, 0);
			want(w, B, "device %s PCI windows",
			     path_of(old_blob, node, path, sizeof(path)));
		}
	}
}

START_TEST(tier_crossings)
{
	struct gp_platform *p = x_platform("virt");
	unsigned crossings = 0;

	for (unsigned v = 3; v <= 4; v++) {
		uint64_t frame = v == 4 ? V4_FRAME : V3_FRAME;

		for (uint32_t i = 0; i + 1 < p->nr_placements; i++) {
			const struct gp_placement *a = &p->placements[i];
			const struct gp_placement *b = &p->placements[i + 1];
			uint64_t from = capacity_of(a, frame, p->ipa_bits);
			struct gp_request ra = request(from), rb = request(from + 1);
			struct gp_plan *pa, *pb;
			struct gp_input ia, ib;
			struct wants w = { 0 };
			char label[256];

			ck_assert_uint_gt(capacity_of(b, frame, p->ipa_bits), from);
			ra.gic_version = rb.gic_version = v;
			pa = x_plan(p, &ra);
			pb = x_plan(p, &rb);
			/* The planner takes the first placement that holds them. */
			ck_assert_str_eq(pa->tier, a->name);
			ck_assert_str_eq(pb->tier, b->name);
			input_plan(pa, &ia);
			input_plan(pb, &ib);
			crossing_wants(p, a, b, ia.blob, &w);
			snprintf(label, sizeof(label),
				 "GICv%u %" PRIu64 " -> %" PRIu64 " vCPUs (%s -> %s)", v, from,
				 from + 1, a->name, b->name);
			expect_audit(&ia, &ib, &w, label, NULL);
			gp_input_free(&ia);
			gp_input_free(&ib);
			free(pa);
			free(pb);
			crossings++;
			/* The seed's boundaries: 127 -> 128 and 1019 -> 1020 for GICv3. */
			if (v == 3)
				ck_assert_uint_eq(from, i == 0 ? 127 : 1019);
		}
	}
	ck_assert_uint_eq(crossings, 4);
	free(p);
}
END_TEST

/* ---- --compat-with --------------------------------------------------------------------- */

static int compat(const struct gp_platform *p, const struct gp_request *r,
		  const struct gp_input *old, struct gp_plan *plan)
{
	gp_error_init(&err);
	if (gp_plan_reproduce(p, r, old, plan, &err) < 0)
		return -1;
	return gp_plan_compat(p, r, old->path, plan, &err);
}

/* Every GIC region of @m that is not in @old's tree overlaps nothing else of @m. */
static void expect_no_overlap(const struct gp_machine *m, const char *label)
{
	size_t n = 0, cap = m->nr_redist + m->nr_its + m->nr_regs + m->nr_memory + 1;
	struct gp_window *w = calloc(cap, sizeof(*w));

	ck_assert_ptr_nonnull(w);
	w[n++] = m->gicd;
	for (uint32_t i = 0; i < m->nr_redist; i++)
		w[n++] = m->redist[i];
	for (uint32_t i = 0; i < m->nr_its; i++)
		w[n++] = m->its[i].reg;
	for (size_t i = 0; i < m->nr_regs; i++)
		w[n++] = m->regs[i];
	for (size_t i = 0; i < m->nr_memory; i++)
		w[n++] = m->memory[i];
	for (size_t i = 0; i < n; i++)
		for (size_t k = i + 1; k < n; k++)
			ck_assert_msg(w[i].size == 0 || w[k].size == 0 ||
					      w[i].base + w[i].size <= w[k].base ||
					      w[k].base + w[k].size <= w[i].base,
				      "%s: [0x%" PRIx64 ", +0x%" PRIx64 ") overlaps [0x%" PRIx64
				      ", +0x%" PRIx64 ")", label, w[i].base, w[i].size, w[k].base,
				      w[k].size);
	free(w);
}

/*
 * @new, planned with --compat-with @old (@old_plan being what OLD's VMM ran):
 * OLD's map kept, the added vCPUs in added regions, verified, compatible.
 */
static void expect_kept(const struct gp_plan *old_plan, const struct gp_input *old,
			const struct gp_plan *new, uint64_t cpus, const char *label)
{
	struct gp_input in, file;
	struct wants w = { 0 };
	uint64_t next = 0;

	ck_assert_uint_eq(new->req.cpus, cpus);
	ck_assert_uint_eq(new->redist_size, old_plan->redist_size);
	ck_assert_uint_eq(new->gicd.base, old_plan->gicd.base);
	ck_assert_uint_ge(new->nr_redist, old_plan->nr_redist);
	for (uint32_t i = 0; i < new->nr_redist; i++) {
		const struct gp_redist_region *r = &new->redist[i];

		ck_assert_uint_eq(r->first_cpu, next);
		ck_assert_uint_le(r->count * new->redist_size, r->reg_size);
		next += r->count;
		if (i < old_plan->nr_redist) {
			const struct gp_redist_region *o = &old_plan->redist[i];

			ck_assert_uint_eq(r->base, o->base);
			ck_assert_uint_eq(r->reg_size, o->reg_size);
			ck_assert_uint_eq(r->first_cpu, o->first_cpu);
			/* Only the last old region may take more, inside its old reg. */
			if (i + 1 < old_plan->nr_redist)
				ck_assert_uint_eq(r->count, o->count);
			else
				ck_assert_uint_ge(r->count, o->count);
		} else {
			want(&w, C, "redistributor region %u", i);
		}
	}
	ck_assert_uint_eq(next, cpus);
	for (uint32_t d = 0; d < old_plan->board.nr_devices; d++)
		for (uint32_t k = 0; k < GP_DEV_WINDOWS_MAX; k++) {
			ck_assert_uint_eq(new->board.devices[d].win[k].base,
					  old_plan->board.devices[d].win[k].base);
			ck_assert_uint_eq(new->board.devices[d].win[k].size,
					  old_plan->board.devices[d].win[k].size);
		}
	if (cpus > old_plan->req.cpus)
		want(&w, C, "vCPUs");
	if (new->has_its && !old_plan->has_its)
		want(&w, C, "ITS");
	else if (old_plan->has_its)
		ck_assert_uint_eq(new->its.base, old_plan->its.base);
	input_plan(new, &in);
	expect_no_overlap(&in.m, label);
	expect_verifies(&in, label);
	expect_audit(old, &in, &w, label, NULL);
	/* The plan file it writes says the same. */
	input_plan_file(new, &file);
	expect_clean(&in, &file, label);
	gp_input_free(&file);
	gp_input_free(&in);
}

START_TEST(compat_more_vcpus)
{
	static const struct {
		uint64_t from, to;
		unsigned gic;
		uint32_t added; /* regions added, when known from the facts; 0: any */
	} cases[] = {
		{ 900, 1500, 3, 1 }, /* compact: the added region goes to the high window */
		{ 127, 130, 3, 0 },  /* legacy: the 16 MiB window is full */
		{ 8, 200, 3, 0 },
		{ 1500, 2000, 3, 0 },
		{ 60, 100, 4, 0 },
		{ 1, 2, 3, 0 },
	};
	struct gp_platform *p = x_platform("virt");

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct gp_request r = request(cases[i].from);
		struct gp_plan *old_plan, *new = malloc(sizeof(*new));
		struct gp_input old;
		char label[256];

		r.gic_version = cases[i].gic;
		old_plan = x_plan(p, &r);
		input_plan(old_plan, &old);
		r = request(cases[i].to);
		ck_assert_msg(compat(p, &r, &old, new) == 0, "%" PRIu64 " -> %" PRIu64 ": %s",
			      cases[i].from, cases[i].to, err.msg);
		ck_assert_uint_eq(new->req.gic_version, cases[i].gic);
		if (cases[i].added)
			ck_assert_uint_eq(new->nr_redist, old_plan->nr_redist + cases[i].added);
		snprintf(label, sizeof(label),
			 "--compat-with %" PRIu64 " --cpus %" PRIu64 " GICv%u", cases[i].from,
			 cases[i].to, cases[i].gic);
		expect_kept(old_plan, &old, new, cases[i].to, label);
		gp_input_free(&old);
		free(old_plan);
		free(new);
	}
	free(p);
}
END_TEST

/* OLD as a tree: the platform must reproduce it, then the same as from its plan. */
START_TEST(compat_tree_as_old)
{
	static const uint64_t cases[][2] = { { 900, 1500 }, { 127, 130 }, { 8, 8 } };
	struct gp_platform *p = x_platform("virt");

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct gp_request r = request(cases[i][0]);
		struct gp_plan *old_plan = x_plan(p, &r), *new = malloc(sizeof(*new));
		struct gp_input tree, plan_in;
		char label[256];

		input_plan(old_plan, &plan_in);
		input_tree(plan_in.blob, plan_in.blob_len, NULL, &tree);
		r = request(cases[i][1]);
		ck_assert_msg(compat(p, &r, &tree, new) == 0, "%s", err.msg);
		snprintf(label, sizeof(label), "--compat-with tree of %" PRIu64 " --cpus %" PRIu64,
			 cases[i][0], cases[i][1]);
		expect_kept(old_plan, &tree, new, cases[i][1], label);
		expect_kept(old_plan, &plan_in, new, cases[i][1], label);
		gp_input_free(&tree);
		gp_input_free(&plan_in);
		free(old_plan);
		free(new);
	}
	free(p);
}
END_TEST

START_TEST(compat_refusals)
{
	struct gp_platform *p = x_platform("virt"), *small = x_platform(LAYOUT("small.json"));
	struct gp_request r900 = request(900), r1500 = request(1500), r1 = request(1), r;
	struct gp_plan *p900 = x_plan(p, &r900), *plan = malloc(sizeof(*plan)), *p1500;
	struct gp_input old, old1500, one, qemu;
	static const struct {
		const char *constraint;
		uint64_t cpus;
		unsigned gic;
		uint32_t spis;
		uint64_t ram;
		int virt, its;
		const char *needle;
	} refusals[] = {
		{ "GICv4 from a GICv3 plan", 900, 4, 0, 0, -1, -1, "GICv4" },
		{ "fewer vCPUs", 899, 0, 0, 0, -1, -1, "900 vCPUs" },
		{ "--spis", 900, 0, 128, 0, -1, -1, "SPI" },
		{ "--ram", 900, 0, 0, 2 * GIB, -1, -1, "RAM" },
		{ "--virtualization", 900, 0, 0, 0, 1, -1, "EL2" },
		{ "--no-its", 900, 0, 0, 0, -1, 0, "ITS" },
	};

	ck_assert_ptr_nonnull(plan);
	input_plan(p900, &old);
	for (size_t i = 0; i < sizeof(refusals) / sizeof(refusals[0]); i++) {
		r = request(refusals[i].cpus);
		r.gic_version = refusals[i].gic;
		r.spis = refusals[i].spis;
		r.ram_size = refusals[i].ram;
		r.virtualization = refusals[i].virt;
		r.its = refusals[i].its;
		ck_assert_msg(compat(p, &r, &old, plan) < 0, "%s: not refused",
			      refusals[i].constraint);
		ck_assert_msg(err.exit_code == GP_EXIT_INFEASIBLE, "%s: exit %d",
			      refusals[i].constraint, err.exit_code);
		ck_assert_msg(strstr(err.msg, refusals[i].needle) != NULL &&
				      strstr(err.msg, old.path) != NULL,
			      "%s: the message does not name \"%s\": %s", refusals[i].constraint,
			      refusals[i].needle, err.msg);
	}

	/* Another platform than the plan's: a usage error naming both. */
	r = request(900);
	ck_assert_int_lt(compat(small, &r, &old, plan), 0);
	ck_assert_int_eq(err.exit_code, GP_EXIT_USAGE);
	ck_assert_msg(strstr(err.msg, "'virt'") && strstr(err.msg, "'small'"), "%s", err.msg);

	/* An IPA too small for OLD's own map: its region 1 starts at 512 GiB = 2^39. */
	r = request(1500);
	p1500 = malloc(sizeof(*p1500));
	ck_assert_int_eq(compat(p, &r1500, &old, p1500), 0);
	ck_assert_uint_ge(p1500->redist[p1500->nr_redist - 1].base, UINT64_C(1) << 39);
	input_plan(p1500, &old1500);
	r.ipa_bits = 39;
	ck_assert_int_lt(compat(p, &r, &old1500, plan), 0);
	ck_assert_int_eq(err.exit_code, GP_EXIT_INFEASIBLE);
	ck_assert_msg(strstr(err.msg, "39-bit IPA") != NULL, "%s", err.msg);

	/* One vCPU: the GIC version is guest-visible all the same. */
	{
		struct gp_plan *p1 = x_plan(p, &r1);

		input_plan(p1, &one);
		r = request(1);
		r.gic_version = 4;
		ck_assert_msg(compat(p, &r, &one, plan) < 0, "GICv4 from a one-vCPU GICv3 plan");
		ck_assert_int_eq(err.exit_code, GP_EXIT_INFEASIBLE);
		ck_assert_msg(strstr(err.msg, "GICv4") != NULL, "%s", err.msg);
		gp_input_free(&one);
		free(p1);
	}

	/* A tree the platform does not reproduce (QEMU's map is not virt's). */
	input_file(GOLDEN_DIR "/virt-gicv3-smp8.dtb", 0, 0, &qemu);
	r = request(16);
	ck_assert_int_lt(compat(p, &r, &qemu, plan), 0);
	ck_assert_int_eq(err.exit_code, GP_EXIT_INFEASIBLE);
	ck_assert_msg(strstr(err.msg, "does not reproduce") != NULL, "%s", err.msg);

	gp_input_free(&qemu);
	gp_input_free(&old1500);
	gp_input_free(&old);
	free(p1500);
	free(plan);
	free(p900);
	free(small);
	free(p);
}
END_TEST

START_TEST(compat_adds_its)
{
	/*
	 * An ITS added under a running guest changes what it reads from the GIC
	 * (issue 11): the compat plan exists, but its audit breaks, as plan's
	 * --compat-with judges it (one way, the platform's rule).
	 */
	struct gp_platform *p = x_platform("virt");
	struct gp_request r = request(8);
	struct gp_plan *old_plan, *new = malloc(sizeof(*new));
	struct gp_input old, in;
	struct gp_audit a;
	const struct gp_diff *d;

	r.its = 0;
	old_plan = x_plan(p, &r);
	input_plan(old_plan, &old);
	r.its = 1;
	ck_assert_msg(compat(p, &r, &old, new) == 0, "%s", err.msg);
	input_plan(new, &in);
	gp_error_init(&err);
	ck_assert_int_eq(gp_audit_with(&old, &in, &(struct gp_audit_options){
		GP_AUDIT_ONE_WAY, GIC_PROFILE_ARCH, p->gic_state, "virt" }, &a, &err), 0);
	ck_assert(a.breaks);
	d = find_diff(&a, "ITS");
	ck_assert_ptr_nonnull(d);
	ck_assert_uint_eq(d->breaks, GP_BREAKS_BOTH);
	ck_assert_ptr_nonnull(find_diff(&a, "GICD_TYPER"));
	gp_audit_free(&a);
	gp_input_free(&in);
	gp_input_free(&old);
	free(old_plan);
	free(new);
	free(p);
}
END_TEST

START_TEST(compat_no_room)
{
	struct gp_platform *p = x_platform(LAYOUT("full.json"));
	const struct gp_placement *only = &p->placements[0];
	uint64_t cap = capacity_of(only, V3_FRAME, p->ipa_bits);
	struct gp_request r = request(cap);
	struct gp_plan *old_plan, *new = malloc(sizeof(*new));
	struct gp_input old;

	/* The layout's premise: one placement, one window, filled exactly. */
	ck_assert_uint_eq(p->nr_placements, 1);
	ck_assert_uint_eq(only->nr_windows, 1);
	ck_assert_uint_eq(only->windows[0].size % V3_FRAME, 0);
	old_plan = x_plan(p, &r);
	ck_assert_uint_eq(old_plan->redist[0].count * V3_FRAME, only->windows[0].size);
	input_plan(old_plan, &old);
	r = request(cap + 1);
	ck_assert_int_lt(compat(p, &r, &old, new), 0);
	ck_assert_int_eq(err.exit_code, GP_EXIT_INFEASIBLE);
	ck_assert_msg(strstr(err.msg, "no free window") != NULL, "%s", err.msg);
	/* The same vCPUs: nothing to add, OLD's map as it was. */
	r = request(cap);
	ck_assert_msg(compat(p, &r, &old, new) == 0, "%s", err.msg);
	expect_kept(old_plan, &old, new, cap, "full.json, same vCPUs");
	gp_input_free(&old);
	free(old_plan);
	free(new);
	free(p);
}
END_TEST

START_TEST(compat_deterministic)
{
	struct gp_platform *p = x_platform("virt");
	struct gp_request r = request(900);
	struct gp_plan *old_plan = x_plan(p, &r), *a = malloc(sizeof(*a)), *b = malloc(sizeof(*b));
	struct gp_input old;
	json_t *ja, *jb;
	char *ta, *tb;
	void *ba, *bb;
	size_t la, lb, lja, ljb;

	input_plan(old_plan, &old);
	r = request(1500);
	ck_assert_int_eq(compat(p, &r, &old, a), 0);
	ck_assert_int_eq(compat(p, &r, &old, b), 0);
	ba = x_emit(a, &la);
	bb = x_emit(b, &lb);
	ck_assert_uint_eq(la, lb);
	ck_assert_int_eq(memcmp(ba, bb, la), 0);
	ja = gp_plan_to_json(a);
	jb = gp_plan_to_json(b);
	ta = gp_json_dump(ja, &lja);
	tb = gp_json_dump(jb, &ljb);
	ck_assert_uint_eq(lja, ljb);
	ck_assert_int_eq(memcmp(ta, tb, lja), 0);
	free(ta);
	free(tb);
	json_decref(ja);
	json_decref(jb);
	free(ba);
	free(bb);
	gp_input_free(&old);
	free(old_plan);
	free(a);
	free(b);
	free(p);
}
END_TEST

static Suite *audit_suite(void)
{
	Suite *s = suite_create("audit");
	TCase *same = tcase_create("same"), *kinds = tcase_create("kinds");
	TCase *cross = tcase_create("crossings"), *cw = tcase_create("compat");

	tcase_set_timeout(same, 60);
	tcase_add_loop_test(same, identical_inputs, 0,
			    (int)(sizeof(same_cfgs) / sizeof(same_cfgs[0])));
	tcase_add_test(same, qemu_fixtures);
	tcase_add_test(same, qemu_seeds_not_abi);
	tcase_add_test(same, qemu_more_vcpus);
	tcase_add_test(same, chosen_not_abi);
	tcase_add_test(same, order_and_phandles_not_abi);
	tcase_add_test(same, order_and_phandles_not_abi_qemu);
	suite_add_tcase(s, same);

	tcase_set_timeout(kinds, 60);
	tcase_add_loop_test(kinds, tree_edits, 0, (int)(sizeof(edits) / sizeof(edits[0])));
	tcase_add_test(kinds, redistributor_moved_for_some_vcpus);
	tcase_add_test(kinds, option_changes);
	tcase_add_test(kinds, modes_and_vmm_rules);
	suite_add_tcase(s, kinds);

	tcase_set_timeout(cross, 60);
	tcase_add_test(cross, tier_crossings);
	suite_add_tcase(s, cross);

	tcase_set_timeout(cw, 60);
	tcase_add_test(cw, compat_more_vcpus);
	tcase_add_test(cw, compat_tree_as_old);
	tcase_add_test(cw, compat_refusals);
	tcase_add_test(cw, compat_adds_its);
	tcase_add_test(cw, compat_no_room);
	tcase_add_test(cw, compat_deterministic);
	suite_add_tcase(s, cw);
	return s;
}

int main(void)
{
	return x_run_suite(audit_suite(), true);
}
