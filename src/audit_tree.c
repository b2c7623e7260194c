/* SPDX-License-Identifier: MIT */
#include "audit_tree.h"

#include <inttypes.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Deeper than any tree dt_reader accepts. */
#define DEPTH_MAX 64
#define VALUE_MAX 112   /* a value as shown: the size of gp_diff's old and new */
#define WHAT_MAX 112
#define VALUE_TEXT_MAX 1024 /* a value as read, before it is cut to VALUE_MAX */
#define NONE ((size_t)-1)
#define PATH_MAX_LEN 4096

/* What the machine comparison judged already about a node. */
enum node_kind {
	KIND_PLAIN,     /* every property here */
	KIND_SKIP,      /* not ABI (/chosen), or judged whole (a device only one side has) */
	KIND_CPU,       /* a vCPU: its existence and MPIDR (reg) are the vCPUs' */
	KIND_CPU_MAP,   /* /cpus/cpu-map and below: the topology, compared by vCPU */
	KIND_MEMORY,    /* reg is RAM's */
	KIND_GIC,       /* reg, regions, stride, maintenance interrupt are the GIC's */
	KIND_ITS,       /* existence and reg are the ITS's */
	KIND_DEVICE,    /* a device both sides have: reg, interrupts, compatible, windows */
};

struct node {
	size_t key;        /* pool offset: its path, a matched device's under OLD's name */
	size_t path;       /* pool offset: its own path */
	int offset;        /* in the blob */
	size_t parent;     /* index, NONE for the root */
	size_t device;     /* index in the machine's devices, NONE when not one */
	size_t partner;    /* the other side's node with the same key, NONE when none */
	uint32_t phandle;
	enum node_kind kind;
	bool available;    /* status okay, ok or none, and so its ancestors */
};

struct side {
	const struct gp_input *in;
	const void *fdt;
	struct node *nodes;
	size_t n, cap;
	char *pool;
	size_t pool_len, pool_cap;
	size_t *by_key;     /* available nodes sorted by key */
	size_t nr_by_key;
	size_t *by_phandle; /* nodes with a phandle, sorted by it */
	size_t nr_by_phandle;
	size_t *dev_by_path; /* device indices sorted by path */
	size_t *dev_partner; /* the other side's device index, NONE when unmatched */
};

struct tctx {
	struct side s[2];   /* 0: OLD, 1: NEW */
	struct gp_audit *a;
	struct gp_error *err;
};

static int oom(struct tctx *t)
{
	return gp_fail(t->err, GP_EXIT_USAGE, "out of memory");
}

static const char *str(const struct side *s, size_t off)
{
	return s->pool + off;
}

static int pool_add(struct tctx *t, struct side *s, const char *a, const char *b, size_t *off)
{
	size_t la = strlen(a), lb = strlen(b);

	if (s->pool_len + la + lb + 1 > s->pool_cap) {
		size_t cap = (s->pool_cap ? 2 * s->pool_cap : 4096) + la + lb + 1;
		char *p = realloc(s->pool, cap);

		if (p == NULL)
			return oom(t);
		s->pool = p;
		s->pool_cap = cap;
	}
	*off = s->pool_len;
	memcpy(s->pool + s->pool_len, a, la);
	memcpy(s->pool + s->pool_len + la, b, lb + 1);
	s->pool_len += la + lb + 1;
	return 0;
}

/* ---- reading a side ------------------------------------------------------------------- */

static _Thread_local const struct gp_machine *sort_m;

static int dev_path_cmp(const void *pa, const void *pb)
{
	return strcmp(gp_mach_str(sort_m, sort_m->devices[*(const size_t *)pa].path),
		      gp_mach_str(sort_m, sort_m->devices[*(const size_t *)pb].path));
}

static size_t device_by_path(const struct side *s, const char *path)
{
	const struct gp_machine *m = &s->in->m;
	size_t lo = 0, hi = m->nr_devices;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(gp_mach_str(m, m->devices[s->dev_by_path[mid]].path), path);

		if (c == 0)
			return s->dev_by_path[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NONE;
}

static bool prop_is(const void *fdt, int node, const char *name, const char *value)
{
	int len;
	const char *p = fdt_getprop(fdt, node, name, &len);

	return p != NULL && len > 0 && strnlen(p, (size_t)len) == strlen(value) &&
	       strcmp(p, value) == 0;
}

static bool node_available(const void *fdt, int node)
{
	int len;
	const char *p = fdt_getprop(fdt, node, "status", &len);

	return p == NULL || (len > 0 && (strncmp(p, "okay", (size_t)len) == 0 ||
					 strncmp(p, "ok", (size_t)len) == 0));
}

static enum node_kind kind_of(const struct side *s, const struct node *parent,
			      const char *path, int off, size_t dev)
{
	const struct gp_machine *m = &s->in->m;

	if (parent != NULL && (parent->kind == KIND_SKIP || parent->kind == KIND_CPU_MAP))
		return parent->kind;
	if (strcmp(path, "/chosen") == 0)
		return KIND_SKIP;
	if (strcmp(path, "/cpus/cpu-map") == 0)
		return KIND_CPU_MAP;
	if (parent != NULL && parent->parent != NONE && parent->parent == 0 &&
	    strcmp(str(s, parent->path), "/cpus") == 0 && prop_is(s->fdt, off, "device_type", "cpu"))
		return KIND_CPU;
	if (prop_is(s->fdt, off, "device_type", "memory"))
		return KIND_MEMORY;
	if (m->gic_path != 0 && strcmp(path, gp_mach_str(m, m->gic_path)) == 0)
		return KIND_GIC;
	for (uint32_t i = 0; i < m->nr_its; i++)
		if (strcmp(path, gp_mach_str(m, m->its[i].path)) == 0)
			return KIND_ITS;
	if (dev != NONE)
		return s->dev_partner[dev] != NONE ? KIND_DEVICE : KIND_SKIP;
	return KIND_PLAIN;
}

static int push_node(struct tctx *t, struct side *s, struct node *n)
{
	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 256;
		struct node *p = realloc(s->nodes, cap * sizeof(*p));

		if (p == NULL)
			return oom(t);
		s->nodes = p;
		s->cap = cap;
	}
	s->nodes[s->n++] = *n;
	return 0;
}

/* Every node of side @s with its path, key, kind and availability. */
static int read_side(struct tctx *t, struct side *s, const struct side *other)
{
	size_t stack[DEPTH_MAX], plen[DEPTH_MAX], klen[DEPTH_MAX];
	char path[PATH_MAX_LEN], key[PATH_MAX_LEN];
	int depth = 0;
	const struct gp_machine *om = &other->in->m;

	for (int off = 0; off >= 0; off = fdt_next_node(s->fdt, off, &depth)) {
		struct node n = { .offset = off, .parent = NONE, .device = NONE, .partner = NONE };
		const char *name = fdt_get_name(s->fdt, off, NULL);
		const struct node *parent;
		const fdt32_t *ph;
		int len;

		if (depth < 0 || depth >= DEPTH_MAX || name == NULL)
			break;
		parent = depth > 0 ? &s->nodes[stack[depth - 1]] : NULL;
		n.parent = depth > 0 ? stack[depth - 1] : NONE;
		if (depth == 0) {
			snprintf(path, sizeof(path), "/");
			snprintf(key, sizeof(key), "/");
			plen[0] = klen[0] = 0;   /* children start from "" */
		} else {
			plen[depth] = plen[depth - 1] +
				      (size_t)snprintf(path + plen[depth - 1],
						       sizeof(path) - plen[depth - 1], "/%s", name);
			klen[depth] = klen[depth - 1] +
				      (size_t)snprintf(key + klen[depth - 1],
						       sizeof(key) - klen[depth - 1], "/%s", name);
			if (plen[depth] >= sizeof(path) || klen[depth] >= sizeof(key))
				return gp_fail(t->err, GP_EXIT_USAGE, "%s: a node path is too long",
					       s->in->path);
		}
		n.device = depth > 0 ? device_by_path(s, path) : NONE;
		n.available = node_available(s->fdt, off) && (parent == NULL || parent->available);
		n.kind = kind_of(s, parent, path, off, n.device);
		/*
		 * A device both sides have, the GIC and its ITSes are known by OLD's
		 * paths (they moved: that is judged once, by the machine); their
		 * children follow them.
		 */
		if (s == &t->s[1] && (n.kind == KIND_DEVICE || n.kind == KIND_GIC ||
				      n.kind == KIND_ITS)) {
			const char *as = path;

			if (n.kind == KIND_DEVICE)
				as = gp_mach_str(om, om->devices[s->dev_partner[n.device]].path);
			else if (n.kind == KIND_GIC && om->gic_path != 0)
				as = gp_mach_str(om, om->gic_path);
			for (uint32_t i = 0; n.kind == KIND_ITS && i < s->in->m.nr_its; i++)
				if (i < om->nr_its &&
				    strcmp(path, gp_mach_str(&s->in->m, s->in->m.its[i].path)) == 0)
					as = gp_mach_str(om, om->its[i].path);
			klen[depth] = (size_t)snprintf(key, sizeof(key), "%s", as);
			if (klen[depth] >= sizeof(key))
				return gp_fail(t->err, GP_EXIT_USAGE, "%s: a node path is too long",
					       s->in->path);
		}
		ph = fdt_getprop(s->fdt, off, "phandle", &len);
		if (ph != NULL && len == sizeof(*ph))
			n.phandle = fdt32_to_cpu(*ph);
		if (pool_add(t, s, path, "", &n.path) < 0 || pool_add(t, s, key, "", &n.key) < 0 ||
		    push_node(t, s, &n) < 0)
			return -1;
		stack[depth] = s->n - 1;
	}
	return 0;
}

static _Thread_local struct side *sort_side;

static int key_cmp(const void *pa, const void *pb)
{
	const struct side *s = sort_side;

	return strcmp(str(s, s->nodes[*(const size_t *)pa].key),
		      str(s, s->nodes[*(const size_t *)pb].key));
}

static int phandle_cmp(const void *pa, const void *pb)
{
	uint32_t a = sort_side->nodes[*(const size_t *)pa].phandle;
	uint32_t b = sort_side->nodes[*(const size_t *)pb].phandle;

	return a < b ? -1 : a > b;
}

static int index_side(struct tctx *t, struct side *s)
{
	s->by_key = malloc((s->n + 1) * sizeof(size_t));
	s->by_phandle = malloc((s->n + 1) * sizeof(size_t));
	if (s->by_key == NULL || s->by_phandle == NULL)
		return oom(t);
	for (size_t i = 0; i < s->n; i++) {
		if (s->nodes[i].available)
			s->by_key[s->nr_by_key++] = i;
		if (s->nodes[i].phandle != 0)
			s->by_phandle[s->nr_by_phandle++] = i;
	}
	sort_side = s;
	qsort(s->by_key, s->nr_by_key, sizeof(size_t), key_cmp);
	qsort(s->by_phandle, s->nr_by_phandle, sizeof(size_t), phandle_cmp);
	return 0;
}

static size_t node_by_phandle(const struct side *s, uint32_t ph)
{
	size_t lo = 0, hi = s->nr_by_phandle;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		uint32_t v = s->nodes[s->by_phandle[mid]].phandle;

		if (v == ph)
			return s->by_phandle[mid];
		if (v < ph)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NONE;
}

/* ---- values as a guest reads them ------------------------------------------------------ */

/* Properties that name nodes by phandle: how to find the phandles in them. */
struct ref_prop {
	const char *name;
	const char *cells;  /* the target's #...-cells after each phandle; NULL: see stride */
	unsigned stride;    /* fixed entries of @stride cells, the phandle at @at; 0: all phandles */
	unsigned at;
};

static const struct ref_prop ref_props[] = {
	{ "interrupt-parent", NULL, 0, 0 },   { "next-level-cache", NULL, 0, 0 },
	{ "cpu-idle-states", NULL, 0, 0 },    { "memory-region", NULL, 0, 0 },
	{ "cpu", NULL, 0, 0 },                { "clocks", "#clock-cells", 0, 0 },
	{ "msi-parent", "#msi-cells", 0, 0 }, { "iommus", "#iommu-cells", 0, 0 },
	{ "resets", "#reset-cells", 0, 0 },   { "power-domains", "#power-domain-cells", 0, 0 },
	{ "dmas", "#dma-cells", 0, 0 },       { "phys", "#phy-cells", 0, 0 },
	{ "pwms", "#pwm-cells", 0, 0 },       { "mboxes", "#mbox-cells", 0, 0 },
	/* rid-base, controller, base, length: Linux's of_map_id steps by 4 cells. */
	{ "msi-map", NULL, 4, 1 },            { "iommu-map", NULL, 4, 1 },
	{ "gpios", "#gpio-cells", 0, 0 },
};

static const struct ref_prop *ref_prop_of(const char *name)
{
	static const struct ref_prop gpios = { "gpios", "#gpio-cells", 0, 0 };
	size_t len = strlen(name), suffix = strlen("-gpios");

	for (size_t i = 0; i < sizeof(ref_props) / sizeof(ref_props[0]); i++)
		if (strcmp(ref_props[i].name, name) == 0)
			return &ref_props[i];
	if (len > suffix && strcmp(name + len - suffix, "-gpios") == 0)
		return &gpios;
	return NULL;
}

/* Append " 0x.." style text: @v in hex after @prefix, cut short rather than overflowing. */
static void put_hex(char *buf, size_t cap, size_t *used, const char *prefix, uint64_t v,
		    bool two_digits)
{
	if (*used + 1 < cap)
		*used += (size_t)(two_digits ? snprintf(buf + *used, cap - *used, "%s%02" PRIx64,
							 prefix, v)
					     : snprintf(buf + *used, cap - *used, "%s0x%" PRIx64,
							 prefix, v));
}

static void put_str(char *buf, size_t cap, size_t *used, const char *s)
{
	if (*used + 1 < cap)
		*used += (size_t)snprintf(buf + *used, cap - *used, "%s", s);
}

/* A phandle as the node it names: "&/path", or "&?0x.." when it names none. */
static void put_ref(const struct side *s, uint32_t ph, char *buf, size_t cap, size_t *used)
{
	size_t n = node_by_phandle(s, ph);

	if (n == NONE) {
		put_hex(buf, cap, used, "&?", ph, false);
		return;
	}
	put_str(buf, cap, used, "&");
	put_str(buf, cap, used, str(s, s->nodes[n].key));
}

static bool printable_strings(const char *p, int len)
{
	if (len <= 0 || p[len - 1] != '\0' || p[0] == '\0')
		return false;
	for (int i = 0; i < len; i++)
		if (p[i] == '\0' ? i > 0 && p[i - 1] == '\0' : (p[i] < 0x20 || p[i] > 0x7e))
			return false;
	return true;
}

/*
 * @p (@len bytes, property @name) as a guest means it, into @buf: strings
 * quoted, cells in hex, phandles as the node they name.
 */
static void value_str(const struct side *s, const char *name, const void *p, int len, char *buf,
		      size_t cap)
{
	const struct ref_prop *r = ref_prop_of(name);
	const fdt32_t *cell = p;
	size_t used = 0, ncells = (size_t)len / sizeof(*cell);

	buf[0] = '\0';
	if (p == NULL) {
		snprintf(buf, cap, "none");
		return;
	}
	if (len == 0) {
		snprintf(buf, cap, "present");
		return;
	}
	if (r == NULL && printable_strings(p, len)) {
		for (const char *q = p; q < (const char *)p + len; q += strlen(q) + 1) {
			put_str(buf, cap, &used, q == p ? "\"" : ", \"");
			put_str(buf, cap, &used, q);
			put_str(buf, cap, &used, "\"");
		}
		return;
	}
	if (len % (int)sizeof(*cell) != 0) {
		for (int i = 0; i < len; i++) {
			put_hex(buf, cap, &used, i ? " " : "[", ((const uint8_t *)p)[i], true);
		}
		put_str(buf, cap, &used, "]");
		return;
	}
	put_str(buf, cap, &used, "<");
	for (size_t i = 0; i < ncells;) {
		uint32_t v = fdt32_to_cpu(cell[i]);
		size_t args = 0;

		if (i)
			put_str(buf, cap, &used, " ");
		if (r != NULL && r->stride == 0) {
			size_t n = node_by_phandle(s, v);
			const fdt32_t *c = n != NONE && r->cells != NULL
						   ? fdt_getprop(s->fdt, s->nodes[n].offset, r->cells, NULL)
						   : NULL;

			put_ref(s, v, buf, cap, &used);
			args = c != NULL ? fdt32_to_cpu(*c) : 0;
		} else if (r != NULL && i % r->stride == r->at) {
			put_ref(s, v, buf, cap, &used);
		} else {
			put_hex(buf, cap, &used, "", v, false);
		}
		i++;
		for (; args > 0 && i < ncells; args--, i++)
			put_hex(buf, cap, &used, " ", fdt32_to_cpu(cell[i]), false);
	}
	put_str(buf, cap, &used, ">");
}

/* ---- rules ----------------------------------------------------------------------------- */

/* What a difference in a property means: the directions it breaks and why. */
struct rule {
	bool compared;      /* false: not ABI, or judged by the machine comparison */
	unsigned breaks;
	const char *why;
};

static const char *const UNCLASSIFIED =
	"unclassified: no audit rule knows this property; a difference a guest can see is taken "
	"to break";

static bool is_any(const char *name, const char *const *names)
{
	for (; *names != NULL; names++)
		if (strcmp(name, *names) == 0)
			return true;
	return false;
}

static bool under(const char *path, const char *prefix)
{
	size_t n = strlen(prefix);

	return strncmp(path, prefix, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

static struct rule classify(const struct side *s, const struct node *n, const char *name)
{
	static const char *const identity[] = { "phandle", "linux,phandle", "status", NULL };
	static const char *const device_own[] = {
		"reg", "interrupts", "interrupts-extended", "interrupt-parent", "interrupt-map",
		"interrupt-map-mask", "compatible", NULL };
	static const char *const gic_own[] = { "reg", "#redistributor-regions",
					       "redistributor-stride", "interrupts", NULL };
	static const char *const msi[] = { "msi-map", "msi-map-mask", "msi-parent", "iommu-map",
					   "iommu-map-mask", "iommus", NULL };
	static const char *const pci[] = { "ranges", "bus-range", "linux,pci-domain", "dma-ranges",
					   NULL };
	const char *path = str(s, n->key);

	if (is_any(name, identity))
		return (struct rule){ false, 0, NULL };
	switch (n->kind) {
	case KIND_SKIP:
	case KIND_CPU_MAP:
		return (struct rule){ false, 0, NULL };
	case KIND_CPU:
		if (strcmp(name, "reg") == 0 || strcmp(name, "compatible") == 0)
			return (struct rule){ false, 0, NULL };
		return (struct rule){ true, GP_BREAKS_BOTH,
				      "a vCPU's enable method, caches and idle states are what the "
				      "running guest brought it up with" };
	case KIND_MEMORY:
		if (strcmp(name, "reg") == 0)
			return (struct rule){ false, 0, NULL };
		return (struct rule){ true, GP_BREAKS_BOTH,
				      "the guest's memory map (NUMA node, hotplug) is fixed at boot" };
	case KIND_GIC:
		if (is_any(name, gic_own))
			return (struct rule){ false, 0, NULL };
		break;
	case KIND_ITS:
		if (strcmp(name, "reg") == 0)
			return (struct rule){ false, 0, NULL };
		break;
	case KIND_DEVICE:
		if (is_any(name, device_own))
			return (struct rule){ false, 0, NULL };
		break;
	default:
		break;
	}
	if (is_any(name, msi))
		return (struct rule){ true, GP_BREAKS_BOTH,
				      "where the devices' MSIs (or DMA) go: the running guest set up "
				      "its ITS device tables (or IOMMU) by the old mapping" };
	if (under(path, "/psci") && strcmp(name, "method") == 0)
		return (struct rule){ false, 0, NULL }; /* the conduit: the machine's */
	if (under(path, "/psci"))
		return (struct rule){ true, GP_BREAKS_BOTH,
				      "the firmware interface the running guest calls (PSCI "
				      "function IDs, conduit)" };
	if (under(path, "/timer") || strncmp(path, "/timer@", strlen("/timer@")) == 0)
		return (struct rule){ true, GP_BREAKS_BOTH,
				      "the guest's arch timer driver chose its interrupts and mode at "
				      "boot" };
	if (under(path, "/reserved-memory"))
		return (struct rule){ true, GP_BREAKS_BOTH,
				      "the guest keeps out of the reserved ranges it booted with" };
	if (under(path, "/aliases"))
		return (struct rule){ true, 0, "aliases name devices at boot only: the running guest "
					       "keeps its names" };
	if (strcmp(path, "/") == 0 && (strcmp(name, "model") == 0 || strcmp(name, "compatible") == 0))
		return (struct rule){ true, GP_BREAKS_BOTH,
				      "the machine's identity: the guest keys quirks and drivers on "
				      "it" };
	if (strcmp(name, "dma-coherent") == 0 || strcmp(name, "dma-noncoherent") == 0)
		return (struct rule){ true, GP_BREAKS_BOTH,
				      "the guest's DMA ops (coherent or not) were chosen at probe" };
	if (is_any(name, pci))
		return (struct rule){ true, GP_BREAKS_BOTH,
				      "the PCI hierarchy and address translation the running guest "
				      "enumerated with" };
	if (name[0] == '#')
		return (struct rule){ true, GP_BREAKS_BOTH,
				      "how the guest reads the cells of this node's children and "
				      "references" };
	return (struct rule){ true, GP_BREAKS_BOTH, UNCLASSIFIED };
}

/* A node only one side has (and whose parent both have): the rule for it. */
static struct rule classify_node(const struct side *s, const struct node *n)
{
	const char *path = str(s, n->key);

	switch (n->kind) {
	case KIND_SKIP:
	case KIND_CPU:
	case KIND_CPU_MAP:
	case KIND_MEMORY:
	case KIND_GIC:
	case KIND_ITS:
	case KIND_DEVICE:
		return (struct rule){ false, 0, NULL };
	default:
		break;
	}
	if (under(path, "/aliases"))
		return (struct rule){ true, 0, "aliases name devices at boot only" };
	if (under(path, "/psci"))
		return (struct rule){ true, GP_BREAKS_BOTH,
				      "the firmware interface the running guest calls" };
	if (under(path, "/reserved-memory"))
		return (struct rule){ true, GP_BREAKS_BOTH,
				      "the guest keeps out of the reserved ranges it booted with" };
	return (struct rule){ true, GP_BREAKS_BOTH,
			      "unclassified: no audit rule knows this node; a node a guest can "
			      "see is taken to break" };
}

/* ---- comparing -------------------------------------------------------------------------- */

static int report(struct tctx *t, const struct rule *r, const char *what, const char *old,
		  const char *new)
{
	return gp_audit_diff(t->a, t->err, r->breaks, what, old, new, r->why);
}

/* Windows of devices @od (OLD) and @nd (NEW) equal: then a PCI host's ranges are compared raw. */
static bool windows_differ(const struct tctx *t, const struct node *o, const struct node *n)
{
	const struct gp_machine *om = &t->s[0].in->m, *nm = &t->s[1].in->m;
	const struct gp_mach_device *od = &om->devices[o->device], *nd = &nm->devices[n->device];

	return od->nr_window != nd->nr_window ||
	       (od->nr_window &&
		memcmp(om->regs + od->first_window, nm->regs + nd->first_window,
		       od->nr_window * sizeof(struct gp_window)) != 0);
}

/* Where @a and @b first differ, at the start of that cell (after a space). */
static size_t difference_at(const char *a, const char *b)
{
	size_t at = 0;

	while (a[at] != '\0' && a[at] == b[at])
		at++;
	while (at > 0 && a[at - 1] != ' ')
		at--;
	return at;
}

/* @s as shown: whole when it fits a report's field, else from @at, after "...". */
static const char *shown_from(char *s, size_t at)
{
	size_t dots = strlen("...");

	if (strlen(s) < VALUE_MAX || at < dots)
		return s;
	memcpy(s + at - dots, "...", dots);
	return s + at - dots;
}

static int compare_prop(struct tctx *t, const struct node *o, const struct node *n,
			const char *name)
{
	const struct side *so = &t->s[0], *sn = &t->s[1];
	int ol, nl;
	const void *op = fdt_getprop(so->fdt, o->offset, name, &ol);
	const void *np = fdt_getprop(sn->fdt, n->offset, name, &nl);
	char a[VALUE_TEXT_MAX], b[VALUE_TEXT_MAX], what[WHAT_MAX];
	struct rule r = classify(so, o, name);
	size_t at;

	if (!r.compared)
		return 0;
	if (strcmp(name, "ranges") == 0 && o->kind == KIND_DEVICE && windows_differ(t, o, n))
		return 0;
	t->a->compared++;
	if (ref_prop_of(name) == NULL && op != NULL && np != NULL && ol == nl &&
	    memcmp(op, np, (size_t)ol) == 0)
		return 0;
	value_str(so, name, op, op != NULL ? ol : 0, a, sizeof(a));
	value_str(sn, name, np, np != NULL ? nl : 0, b, sizeof(b));
	if (strcmp(a, b) == 0 && (op == NULL) == (np == NULL))
		return 0;
	snprintf(what, sizeof(what), "%s %s", str(so, o->key), name);
	at = difference_at(a, b);
	return report(t, &r, what, shown_from(a, at), shown_from(b, at));
}

static int compare_node(struct tctx *t, const struct node *o, const struct node *n)
{
	const struct side *so = &t->s[0], *sn = &t->s[1];
	int off;

	fdt_for_each_property_offset(off, so->fdt, o->offset) {
		const char *name;

		if (fdt_getprop_by_offset(so->fdt, off, &name, NULL) == NULL)
			continue;
		if (compare_prop(t, o, n, name) < 0)
			return -1;
	}
	fdt_for_each_property_offset(off, sn->fdt, n->offset) {
		const char *name;

		if (fdt_getprop_by_offset(sn->fdt, off, &name, NULL) == NULL ||
		    fdt_getprop(so->fdt, o->offset, name, NULL) != NULL)
			continue;
		if (compare_prop(t, o, n, name) < 0)
			return -1;
	}
	return 0;
}

/* A node one side has: reported when its parent is on both sides (once per subtree). */
static int lone_node(struct tctx *t, int side, const struct node *x)
{
	const struct side *s = &t->s[side];
	const struct node *parent = x->parent != NONE ? &s->nodes[x->parent] : NULL;
	struct rule r = classify_node(s, x);
	char what[WHAT_MAX];

	if (!r.compared || parent == NULL || parent->partner == NONE)
		return 0;
	t->a->compared++;
	snprintf(what, sizeof(what), "node %s", str(s, x->key));
	return report(t, &r, what, side == 0 ? "present" : "none", side == 0 ? "none" : "present");
}

/* ---- the topology ------------------------------------------------------------------------ */

struct place {
	size_t cpu;   /* pool offset of the cpu's key */
	size_t leaf;  /* pool offset of the leaf's path */
};

static _Thread_local struct side *place_side;

static int place_cmp(const void *pa, const void *pb)
{
	return strcmp(str(place_side, ((const struct place *)pa)->cpu),
		      str(place_side, ((const struct place *)pb)->cpu));
}

/* Each vCPU's place in /cpus/cpu-map, sorted by vCPU; *@has: the side has a cpu-map. */
static struct place *places(struct tctx *t, struct side *s, size_t *n, bool *has)
{
	struct place *p = malloc((s->n + 1) * sizeof(*p));

	*n = 0;
	*has = false;
	if (p == NULL) {
		oom(t);
		return NULL;
	}
	for (size_t i = 0; i < s->n; i++) {
		const struct node *x = &s->nodes[i];
		const fdt32_t *c;
		size_t target;
		int len;

		if (x->kind != KIND_CPU_MAP || !x->available)
			continue;
		*has = true;
		c = fdt_getprop(s->fdt, x->offset, "cpu", &len);
		if (c == NULL || len != sizeof(*c) ||
		    (target = node_by_phandle(s, fdt32_to_cpu(*c))) == NONE)
			continue;
		p[(*n)++] = (struct place){ s->nodes[target].key, x->path };
	}
	place_side = s;
	qsort(p, *n, sizeof(*p), place_cmp);
	return p;
}

static int compare_topology(struct tctx *t)
{
	struct side *so = &t->s[0], *sn = &t->s[1];
	size_t no, nn, i = 0, k = 0, differ = 0, first_o = 0, first_n = 0;
	bool ho, hn;
	struct place *po = places(t, so, &no, &ho), *pn = po ? places(t, sn, &nn, &hn) : NULL;
	char a[VALUE_MAX], b[VALUE_MAX];
	int rc = 0;
	static const struct rule topo = {
		true, GP_BREAKS_BOTH,
		"the topology the guest's scheduler built at boot; QEMU keeps it per machine type "
		"(cpu-map first in virt-6.2)"
	};

	if (pn == NULL) {
		free(po);
		return -1;
	}
	t->a->compared++;
	if (ho != hn) {
		snprintf(a, sizeof(a), ho ? "%zu vCPUs placed" : "none", no);
		snprintf(b, sizeof(b), hn ? "%zu vCPUs placed" : "none", nn);
		rc = report(t, &topo, "/cpus/cpu-map", a, b);
		goto out;
	}
	/* The vCPUs both sides have keep their place (added ones are the vCPUs' difference). */
	while (i < no && k < nn) {
		int c = strcmp(str(so, po[i].cpu), str(sn, pn[k].cpu));
		const char *ol = str(so, po[i].leaf), *nl = str(sn, pn[k].leaf);

		if (c == 0) {
			t->a->compared++;
			if (strcmp(ol, nl) != 0 && differ++ == 0) {
				first_o = i;
				first_n = k;
			}
			i++;
			k++;
		} else if (c < 0) {
			i++;
		} else {
			k++;
		}
	}
	if (differ) {
		snprintf(a, sizeof(a), "%s: %s", str(so, po[first_o].cpu), str(so, po[first_o].leaf));
		snprintf(b, sizeof(b), "%s (%zu vCPUs moved)", str(sn, pn[first_n].leaf), differ);
		rc = report(t, &topo, "/cpus/cpu-map", a, b);
	}
out:
	free(po);
	free(pn);
	return rc;
}

/* ---- the pass ----------------------------------------------------------------------------- */

static int setup(struct tctx *t, int i, const struct gp_input *in)
{
	struct side *s = &t->s[i];
	const struct gp_machine *m = &in->m;

	s->in = in;
	s->fdt = in->blob;
	s->dev_by_path = malloc((m->nr_devices + 1) * sizeof(size_t));
	s->dev_partner = malloc((m->nr_devices + 1) * sizeof(size_t));
	if (s->dev_by_path == NULL || s->dev_partner == NULL)
		return oom(t);
	for (size_t k = 0; k < m->nr_devices; k++) {
		s->dev_by_path[k] = k;
		s->dev_partner[k] = NONE;
	}
	sort_m = m;
	qsort(s->dev_by_path, m->nr_devices, sizeof(size_t), dev_path_cmp);
	return 0;
}

static void side_free(struct side *s)
{
	free(s->nodes);
	free(s->pool);
	free(s->by_key);
	free(s->by_phandle);
	free(s->dev_by_path);
	free(s->dev_partner);
}

int gp_audit_tree(const struct gp_input *old, const struct gp_input *new, const size_t *pair_old,
		  const size_t *pair_new, size_t nr_pairs, struct gp_audit *a,
		  struct gp_error *err)
{
	struct tctx t;
	size_t i = 0, k = 0;
	int rc = -1;

	memset(&t, 0, sizeof(t));
	t.a = a;
	t.err = err;
	/* Without both trees' bytes there is nothing more to read. */
	if (old->blob == NULL || new->blob == NULL)
		return 0;
	if (setup(&t, 0, old) < 0 || setup(&t, 1, new) < 0)
		goto out;
	for (size_t p = 0; p < nr_pairs; p++) {
		t.s[0].dev_partner[pair_old[p]] = pair_new[p];
		t.s[1].dev_partner[pair_new[p]] = pair_old[p];
	}
	if (read_side(&t, &t.s[0], &t.s[1]) < 0 || read_side(&t, &t.s[1], &t.s[0]) < 0 ||
	    index_side(&t, &t.s[0]) < 0 || index_side(&t, &t.s[1]) < 0)
		goto out;
	/* Pair the available nodes by key. */
	while (i < t.s[0].nr_by_key && k < t.s[1].nr_by_key) {
		struct node *o = &t.s[0].nodes[t.s[0].by_key[i]];
		struct node *n = &t.s[1].nodes[t.s[1].by_key[k]];
		int c = strcmp(str(&t.s[0], o->key), str(&t.s[1], n->key));

		if (c == 0) {
			o->partner = t.s[1].by_key[k];
			n->partner = t.s[0].by_key[i];
		}
		i += c <= 0;
		k += c >= 0;
	}
	for (i = 0; i < t.s[0].nr_by_key; i++) {
		const struct node *o = &t.s[0].nodes[t.s[0].by_key[i]];

		if (o->partner != NONE ? compare_node(&t, o, &t.s[1].nodes[o->partner]) < 0
				       : lone_node(&t, 0, o) < 0)
			goto out;
	}
	for (k = 0; k < t.s[1].nr_by_key; k++) {
		const struct node *n = &t.s[1].nodes[t.s[1].by_key[k]];

		if (n->partner == NONE && lone_node(&t, 1, n) < 0)
			goto out;
	}
	rc = compare_topology(&t);
out:
	side_free(&t.s[0]);
	side_free(&t.s[1]);
	return rc;
}
