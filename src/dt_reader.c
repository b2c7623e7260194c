/* SPDX-License-Identifier: MIT */
/*
 * One pass over the tree, keeping a stack of the ancestors of the current node
 * (their cells and what kind of bus they are), so that no node is looked up by
 * path or phandle per cpu: a tree with a million cpu nodes reads in linear
 * time. Each node's properties are scanned once, their names recognised by
 * string-table offset. Every node outside /cpus leaves a small record of what
 * the interrupt tree needs (parent, phandle, cells, maps, status); device
 * interrupts are resolved after the walk, as Linux's drivers/of/irq.c does
 * (of_irq_parse_one, of_irq_find_parent, of_irq_parse_raw), once the GIC
 * (which may come after its devices) is known.
 */
#include "dt_reader.h"
#include "fdt_check.h"

#include <inttypes.h>
#include <libfdt.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#define MAX_DEPTH 64
#define PATH_BUF 4096
/* Cells the device-tree spec assumes when #address-cells / #size-cells are absent. */
#define DEFAULT_ADDR_CELLS 2
#define DEFAULT_SIZE_CELLS 1
/* Cells a 64-bit address or size takes at most; PCI's three-cell addresses are not MMIO. */
#define MAX_MMIO_CELLS 2
#define MAX_BUS_CELLS 4
#define GIC_COMPATIBLE "arm,gic-v3"
#define ITS_COMPATIBLE "arm,gic-v3-its"
/* Linux's MAX_PHANDLE_ARGS: the most cells an interrupt specifier (with its unit address) has. */
#define SPEC_CELLS_MAX GP_DT_SPEC_CELLS_MAX
/* #address-cells Linux assumes for an interrupt-map when no ancestor says (of_irq_parse_raw). */
#define IRQ_DEFAULT_ADDR_CELLS 2
/* Steps through interrupt parents and maps before a tree is taken to loop (Linux would hang). */
#define MAX_IRQ_HOPS (4 * MAX_DEPTH)

/*
 * Interrupt controllers whose interrupt-map has a layout of their own, read by
 * their driver: Linux's of_irq_parse_raw stops at them as at any controller
 * (of_irq_imap_abusers in drivers/of/irq.c: the seven of 6.1, and
 * pasemi,rootbus, which Debian's 6.1.192 carries from a stable backport).
 */
static const char *const imap_abusers[] = {
	"CBEA,platform-spider-pic", "sti,platform-spider-pic", "realtek,rtl-intc",
	"fsl,ls1021a-extirq",	    "fsl,ls1043a-extirq",      "fsl,ls1088a-extirq",
	"renesas,rza1-irqc",	    "pasemi,rootbus",
};

/* The properties the walk looks at on every node. */
enum prop_id {
	PROP_ADDRESS_CELLS,
	PROP_SIZE_CELLS,
	PROP_INTERRUPT_PARENT,
	PROP_DEVICE_TYPE,
	PROP_REG,
	PROP_COMPATIBLE,
	PROP_INTERRUPTS,
	PROP_INTERRUPTS_EXTENDED,
	PROP_INTERRUPT_MAP,
	PROP_RANGES,
	PROP_INTERRUPT_CELLS,
	PROP_INTERRUPT_CONTROLLER,
	PROP_INTERRUPT_MAP_MASK,
	PROP_PHANDLE,
	PROP_LINUX_PHANDLE,
	PROP_STATUS,
	PROP_IDS,
	PROP_OTHER = PROP_IDS,
};

static const char *const prop_names[PROP_IDS] = {
	[PROP_ADDRESS_CELLS] = "#address-cells",
	[PROP_SIZE_CELLS] = "#size-cells",
	[PROP_INTERRUPT_PARENT] = "interrupt-parent",
	[PROP_DEVICE_TYPE] = "device_type",
	[PROP_REG] = "reg",
	[PROP_COMPATIBLE] = "compatible",
	[PROP_INTERRUPTS] = "interrupts",
	[PROP_INTERRUPTS_EXTENDED] = "interrupts-extended",
	[PROP_INTERRUPT_MAP] = "interrupt-map",
	[PROP_RANGES] = "ranges",
	[PROP_INTERRUPT_CELLS] = "#interrupt-cells",
	[PROP_INTERRUPT_CONTROLLER] = "interrupt-controller",
	[PROP_INTERRUPT_MAP_MASK] = "interrupt-map-mask",
	[PROP_PHANDLE] = "phandle",
	[PROP_LINUX_PHANDLE] = "linux,phandle",
	[PROP_STATUS] = "status",
};

/* A node's values of those properties (NULL when absent). */
struct props {
	const void *v[PROP_IDS];
	int len[PROP_IDS];
};

/* String offsets already recognised: a tree names the same few properties everywhere. */
#define NAME_CACHE 64

struct name_cache {
	int nameoff;
	int id;   /* enum prop_id, or -1 for an empty slot */
};

/* A property's value in the blob and its length. */
struct value {
	const fdt32_t *p;     /* NULL when absent */
	int len;
};

/* A device whose interrupts are read once the GIC is known. */
struct pending_irqs {
	size_t device;        /* index into m->devices */
	int rec;              /* its record in r->nodes */
	bool is_pci;          /* a PCI host: its interrupt-map stands for the INTx of its slots */
	struct value reg, interrupts, interrupts_extended, interrupt_map;
};

/* What the interrupt tree needs of a node (what drivers/of/irq.c reads). */
struct irq_node {
	int node;                   /* its offset in the blob */
	int parent;                 /* record of its parent node, -1 for the root */
	uint32_t phandle;           /* 0 when none */
	uint32_t interrupt_parent;  /* its own interrupt-parent property, 0 when none */
	int32_t interrupt_cells;    /* -1 when absent */
	int32_t address_cells;      /* its own #address-cells, -1 when absent */
	bool controller;            /* interrupt-controller (the GIC always) */
	bool map_abuser;            /* its interrupt-map is its driver's (imap_abusers) */
	bool available;             /* its status is "okay", "ok" or absent */
	struct value map, map_mask;
};

/* A phandle and its node's record. */
struct phandle_node {
	uint32_t phandle;
	int rec;
};

/* An interrupt specifier on its way to a controller (Linux's of_phandle_args). */
struct irq_spec {
	int ctrl;                   /* record of the node it is interpreted by */
	uint32_t cells;
	uint32_t args[SPEC_CELLS_MAX];
};

struct level {
	int node;
	size_t path_len;       /* strlen of the path up to this node */
	uint32_t addr_cells;   /* #address-cells for its children */
	uint32_t size_cells;
	int rec;               /* its record in r->nodes, -1 below /cpus */
	bool is_cpus;
	bool disabled;         /* it or an ancestor has a status other than okay */
	bool is_gic;
	bool is_pci;
	bool skip_children;    /* /cpus, /chosen, PCI buses: nothing under them is a device */
	struct value ranges;   /* how its children's addresses map to its own */
};

struct reader {
	const void *fdt;
	const char *source;
	struct gp_machine *m;
	struct gp_error *err;
	char path[PATH_BUF];
	struct level lv[MAX_DEPTH];
	int gic_node;
	int gic_rec;
	uint32_t gic_icells;
	size_t cpus_cap, regs_cap, irqs_cap, devices_cap, memory_cap, its_cap, pending_cap, msi_cap;
	struct irq_node *nodes;
	size_t nr_nodes, nodes_cap;
	struct props props;          /* the current node's */
	struct name_cache names[NAME_CACHE];
	struct pending_irqs *pending;
	size_t nr_pending;
	struct phandle_node *phandles; /* by phandle, made at the first one looked up */
	size_t nr_phandles;
	bool phandles_indexed;
	char why[GP_ERROR_MSG_MAX / 2]; /* why Linux cannot resolve an interrupt */
	struct gp_dt_irq *want;         /* gp_dt_irq_query's question, or NULL */
	int device_rec;                 /* the record of the device being resolved */
	unsigned device_irqs;           /* its interrupts resolved so far */
};

static int __attribute__((format(printf, 3, 4)))
fail(struct reader *r, const char *prop, const char *fmt, ...)
{
	char msg[GP_ERROR_MSG_MAX / 2];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (prop != NULL)
		return gp_fail(r->err, GP_EXIT_USAGE, "%s: %s: %s: %s", r->source,
			       r->path[0] ? r->path : "/", prop, msg);
	return gp_fail(r->err, GP_EXIT_USAGE, "%s: %s: %s", r->source, r->path[0] ? r->path : "/",
		       msg);
}

/* Make room for @need elements of @elem bytes in *@arr (capacity *@cap). */
static int grow(struct reader *r, void **arr, size_t *cap, size_t need, size_t elem)
{
	size_t n = *cap ? *cap : 16;
	void *p;

	if (need <= *cap)
		return 0;
	while (n < need)
		n *= 2;
	p = realloc(*arr, n * elem);
	if (p == NULL)
		return gp_fail(r->err, GP_EXIT_USAGE, "%s: out of memory", r->source);
	*arr = p;
	*cap = n;
	return 0;
}

static int pool_add(struct reader *r, const char *s, size_t len, size_t *off)
{
	struct gp_machine *m = r->m;
	void *pool = m->pool;

	if (grow(r, &pool, &m->pool_cap, m->pool_len + len + 1, 1) < 0)
		return -1;
	m->pool = pool;
	memcpy(m->pool + m->pool_len, s, len);
	m->pool[m->pool_len + len] = '\0';
	*off = m->pool_len;
	m->pool_len += len + 1;
	return 0;
}

/* Property @name (@len bytes at @p) must be exactly one cell; returns 1 read, 0 absent, -1 error. */
static int one_cell(struct reader *r, const char *name, const void *p, int len, uint32_t *out)
{
	if (p == NULL)
		return 0;
	if (len != (int)sizeof(fdt32_t))
		return fail(r, name, "%d bytes, expected one 32-bit cell", len);
	*out = fdt32_ld(p);
	return 1;
}

/* A one-cell property of @node, looked up by name. */
static int prop_u32(struct reader *r, int node, const char *name, uint32_t *out)
{
	int len;
	const void *p = fdt_getprop(r->fdt, node, name, &len);

	return one_cell(r, name, p, len, out);
}

static uint64_t read_cells(const fdt32_t *p, uint32_t n)
{
	uint64_t v = 0;

	for (uint32_t i = 0; i < n; i++)
		v = v << 32 | fdt32_to_cpu(p[i]);
	return v;
}

/* The prop_id of the property named at string offset @nameoff. */
static int prop_id(struct reader *r, int nameoff)
{
	unsigned slot = (unsigned)nameoff % NAME_CACHE;
	const char *name;
	int id = PROP_OTHER;

	for (unsigned probe = 0; probe < NAME_CACHE; probe++) {
		struct name_cache *c = &r->names[(slot + probe) % NAME_CACHE];

		if (c->id < 0)
			break;
		if (c->nameoff == nameoff)
			return c->id;
	}
	name = fdt_string(r->fdt, nameoff);
	for (int i = 0; name != NULL && i < PROP_IDS; i++)
		if (strcmp(name, prop_names[i]) == 0)
			id = i;
	for (unsigned probe = 0; probe < NAME_CACHE; probe++) {
		struct name_cache *c = &r->names[(slot + probe) % NAME_CACHE];

		if (c->id < 0) {
			*c = (struct name_cache){ nameoff, id };
			break;
		}
	}
	return id;
}

/* A one-cell property of the current node; returns 1 read, 0 absent, -1 error. */
static int cell(struct reader *r, enum prop_id id, uint32_t *out)
{
	return one_cell(r, prop_names[id], r->props.v[id], r->props.len[id], out);
}

/* Property @id of the current node. */
static struct value value_of(const struct reader *r, enum prop_id id)
{
	return (struct value){ r->props.v[id], r->props.len[id] };
}

/* Whether string property @id of the current node is exactly @value. */
static bool prop_is(const struct reader *r, enum prop_id id, const char *value)
{
	const struct props *p = &r->props;

	return p->v[id] != NULL && p->len[id] == (int)strlen(value) + 1 &&
	       memcmp(p->v[id], value, (size_t)p->len[id]) == 0;
}

/* Whether the current node's compatible list holds @compat. */
static bool is_compatible(const struct reader *r, const char *compat)
{
	const char *list = r->props.v[PROP_COMPATIBLE];
	int len = r->props.len[PROP_COMPATIBLE];
	size_t want = strlen(compat) + 1;

	for (int off = 0; list != NULL && off < len;) {
		const char *s = list + off;
		size_t n = strnlen(s, (size_t)(len - off)) + 1;

		if (n == want && memcmp(s, compat, want) == 0)
			return true;
		off += (int)n;
	}
	return false;
}

/*
 * Translate @addr from the address space of the children of stack level
 * @parent up to the root's. Returns false when some bus on the way has no
 * ranges (its children are not memory-mapped) or no range covers @addr.
 */
static bool translate(struct reader *r, int parent, uint64_t *addr)
{
	for (int k = parent; k > 0; k--) {
		const struct level *bus = &r->lv[k], *up = &r->lv[k - 1];
		uint32_t ca = bus->addr_cells, pa = up->addr_cells, cs = bus->size_cells;
		uint32_t entry = ca + pa + cs;
		int len = bus->ranges.len;
		const fdt32_t *ranges = bus->ranges.p;
		bool found = false;

		/*
		 * A GIC without ranges does not map its ITS children (Linux probes no
		 * ITS then); read their reg as the GIC's own address space, so that the
		 * gic-node check can say what is missing.
		 */
		if (ranges == NULL && bus->is_gic)
			continue;
		if (ranges == NULL)
			return false;
		if (len == 0)
			continue;
		if (ca > MAX_MMIO_CELLS || pa > MAX_MMIO_CELLS || cs > MAX_MMIO_CELLS || entry == 0 ||
		    len % (int)(entry * sizeof(fdt32_t)) != 0)
			return false;
		for (int i = 0; i < len / (int)(entry * sizeof(fdt32_t)) && !found; i++) {
			const fdt32_t *e = ranges + (size_t)i * entry;
			uint64_t child = read_cells(e, ca), par = read_cells(e + ca, pa);
			uint64_t size = read_cells(e + ca + pa, cs);

			if (*addr >= child && *addr - child < size) {
				*addr = par + (*addr - child);
				found = true;
			}
		}
		if (!found)
			return false;
	}
	return true;
}

/*
 * Append to m->regs the windows of property @prop (@len bytes at @p): entries
 * of @entry cells, each an address of @ac cells at cell @at and a size of @sc
 * cells after it, translated from the address space of the children of stack
 * level @bus. Windows a bus does not map are left out; *@count gets how many
 * were added.
 */
static int append_windows(struct reader *r, const char *prop, const fdt32_t *p, int len,
			  uint32_t entry, uint32_t at, uint32_t ac, uint32_t sc, int bus,
			  size_t *count)
{
	struct gp_machine *m = r->m;
	void *regs = m->regs;
	int n;

	if (len % (int)(entry * sizeof(fdt32_t)) != 0)
		return fail(r, prop, "%d bytes are not a whole number of %u-cell entries", len,
			    entry);
	n = len / (int)(entry * sizeof(fdt32_t));
	if (grow(r, &regs, &r->regs_cap, m->nr_regs + (size_t)n, sizeof(*m->regs)) < 0)
		return -1;
	m->regs = regs;
	for (int i = 0; i < n; i++) {
		const fdt32_t *e = p + (size_t)i * entry + at;
		uint64_t base = read_cells(e, ac), size = read_cells(e + ac, sc);

		if (size != 0 && base + size < base)
			return fail(r, prop, "entry %d [0x%" PRIx64 ", +0x%" PRIx64 ") wraps the "
					     "64-bit address space", i, base, size);
		if (!translate(r, bus, &base))
			continue;
		m->regs[m->nr_regs++] = (struct gp_window){ base, size };
		(*count)++;
	}
	return 0;
}

/*
 * Read the reg entries of the node at stack level @d (in its parent's cells),
 * translated to CPU addresses, appending them to m->regs. Entries a bus does
 * not map are left out. *@count gets how many were added.
 */
static int read_reg(struct reader *r, int d, size_t *count)
{
	const struct level *parent = &r->lv[d - 1];
	uint32_t ac = parent->addr_cells, sc = parent->size_cells, entry = ac + sc;
	int len = r->props.len[PROP_REG];
	const fdt32_t *p = r->props.v[PROP_REG];

	*count = 0;
	if (p == NULL)
		return 0;
	if (entry == 0 || ac > MAX_MMIO_CELLS || sc > MAX_MMIO_CELLS)
		return 0; /* not an MMIO bus (e.g. PCI's three-cell addresses) */
	return append_windows(r, "reg", p, len, entry, 0, ac, sc, d - 1, count);
}

/*
 * The first address in the reg of the node at stack level @d, in its parent's
 * address space, untranslated: what its unit address must spell (dtc's
 * check_simple_bus_reg formats it with %"PRIx64" the same way). 0 without one.
 */
static uint64_t unit_reg(const struct reader *r, int d)
{
	uint32_t ac = r->lv[d - 1].addr_cells;
	const fdt32_t *p = r->props.v[PROP_REG];

	if (p == NULL || ac == 0 || ac > MAX_MMIO_CELLS ||
	    r->props.len[PROP_REG] < (int)(ac * sizeof(fdt32_t)))
		return 0;
	return read_cells(p, ac);
}

/* A GIC interrupt specifier of @cells cells (3 or 4): type, number, flags, partition. */
static struct gp_mach_irq decode_irq(const uint32_t *spec, uint32_t cells, bool from_map)
{
	return (struct gp_mach_irq){ .type = spec[0],
				     .number = spec[1],
				     .flags = cells > 2 ? spec[2] : 0,
				     .partition = cells > 3 ? spec[3] : 0,
				     .from_map = from_map };
}

static int add_irq(struct reader *r, const uint32_t *spec, uint32_t cells, bool from_map)
{
	struct gp_machine *m = r->m;
	void *irqs = m->irqs;

	if (grow(r, &irqs, &r->irqs_cap, m->nr_irqs + 1, sizeof(*m->irqs)) < 0)
		return -1;
	m->irqs = irqs;
	m->irqs[m->nr_irqs++] = decode_irq(spec, cells, from_map);
	return 0;
}

static int phandle_cmp(const void *pa, const void *pb)
{
	const struct phandle_node *a = pa, *b = pb;

	if (a->phandle != b->phandle)
		return a->phandle < b->phandle ? -1 : 1;
	return (a->rec > b->rec) - (a->rec < b->rec);
}

/*
 * The record of the node with @phandle (the first in the tree when several
 * claim it, as libfdt's fdt_node_offset_by_phandle), -1 when none, -2 out of
 * memory. The index is made once, at the first phandle looked up.
 */
static int node_by_phandle(struct reader *r, uint32_t phandle)
{
	size_t lo = 0, hi;

	if (phandle == 0 || phandle == UINT32_MAX)
		return -1; /* not a phandle (libfdt: FDT_ERR_BADPHANDLE) */
	if (!r->phandles_indexed) {
		size_t cap = 0;

		for (size_t i = 0; i < r->nr_nodes; i++) {
			void *arr = r->phandles;

			if (r->nodes[i].phandle == 0)
				continue;
			if (grow(r, &arr, &cap, r->nr_phandles + 1, sizeof(*r->phandles)) < 0)
				return -2; /* r->phandles, still valid, is freed with the reader */
			r->phandles = arr;
			r->phandles[r->nr_phandles++] =
				(struct phandle_node){ r->nodes[i].phandle, (int)i };
		}
		if (r->nr_phandles > 0)
			qsort(r->phandles, r->nr_phandles, sizeof(*r->phandles), phandle_cmp);
		r->phandles_indexed = true;
	}
	/* The first entry with @phandle: sorted by phandle, then in tree order. */
	hi = r->nr_phandles;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (r->phandles[mid].phandle < phandle)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < r->nr_phandles && r->phandles[lo].phandle == phandle ? r->phandles[lo].rec
									  : -1;
}

/* The record of the interrupt parent @phandle named in @prop, which must exist; -1 error. */
static int controller_of(struct reader *r, const char *prop, uint32_t phandle)
{
	int rec = node_by_phandle(r, phandle);

	if (rec == -2)
		return -1;
	if (rec < 0)
		return fail(r, prop, "no node has phandle 0x%x", phandle);
	if (r->nodes[rec].interrupt_cells < 0 || r->nodes[rec].interrupt_cells > SPEC_CELLS_MAX)
		return fail(r, prop, "interrupt parent 0x%x has no usable #interrupt-cells", phandle);
	return rec;
}

/* Record that Linux cannot resolve an interrupt, and why (for the first). Returns 1. */
static int __attribute__((format(printf, 2, 3))) unresolved(struct reader *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(r->why, sizeof(r->why), fmt, ap);
	va_end(ap);
	return 1;
}

/*
 * of_irq_find_parent: from record @i, follow its interrupt-parent, else its
 * parent node, to the first node with #interrupt-cells, in at most *@hops
 * steps (counted down: one interrupt's walk has one budget). Returns that
 * record, -1 (with r->why) when there is none, -2 on an error.
 */
static int find_irq_parent(struct reader *r, int i, int *hops)
{
	while ((*hops)-- > 0) {
		const struct irq_node *n = &r->nodes[i];
		int p = n->interrupt_parent ? node_by_phandle(r, n->interrupt_parent) : n->parent;

		if (p == -2)
			return -2;
		if (p < 0) {
			if (n->interrupt_parent)
				unresolved(r, "interrupt-parent 0x%x: no node has it", n->interrupt_parent);
			else
				unresolved(r, "no interrupt parent");
			return -1;
		}
		if (r->nodes[p].interrupt_cells >= 0)
			return p;
		i = p;
	}
	fail(r, "interrupt-parent", "interrupt parents and maps form a loop (more than %d steps)",
	     MAX_IRQ_HOPS);
	return -2;
}

/* #address-cells for an interrupt-map at record @i: its own, or the nearest ancestor's. */
static uint32_t map_addr_cells(const struct reader *r, int i)
{
	for (; i >= 0; i = r->nodes[i].parent)
		if (r->nodes[i].address_cells >= 0)
			return (uint32_t)r->nodes[i].address_cells;
	return IRQ_DEFAULT_ADDR_CELLS;
}

/*
 * of_irq_parse_raw: carry @s (interpreted by s->ctrl) through interrupt-map
 * nexuses and interrupt parents to the controller that takes it. @addr (NULL
 * when the device has no reg) holds @addr_len cells of the device's unit
 * address; @addr_cells is how many of them the first map matches, or -1 for
 * the #address-cells Linux finds above s->ctrl. Returns 0 with s->ctrl the
 * controller, 1 when Linux cannot resolve it (r->why says why), -1 on an
 * error in the tree.
 */
static int resolve_irq(struct reader *r, const fdt32_t *addr, size_t addr_len, int addr_cells,
		       struct irq_spec *s)
{
	uint32_t match[2 * SPEC_CELLS_MAX];
	uint32_t addrsize = addr_cells >= 0 ? (uint32_t)addr_cells : map_addr_cells(r, s->ctrl);
	int ipar = s->ctrl, hops = MAX_IRQ_HOPS;

	if (addrsize + s->cells > SPEC_CELLS_MAX)
		return fail(r, "interrupts", "%u address and %u interrupt cells are more than %d",
			    addrsize, s->cells, SPEC_CELLS_MAX);
	for (uint32_t i = 0; i < addrsize; i++)
		match[i] = addr != NULL && i < addr_len ? fdt32_to_cpu(addr[i]) : 0;
	memcpy(match + addrsize, s->args, s->cells * sizeof(*s->args));
	while (hops-- > 0) {
		const struct irq_node *n = &r->nodes[ipar];
		const fdt32_t *map = n->map.p, *mask = n->map_mask.p;
		size_t cells, head = addrsize + s->cells, pos = 0;
		bool matched = false;
		int np = -1;
		uint32_t nac = 0, nic = 0;

		s->ctrl = ipar;
		if (n->controller && (map == NULL || n->map_abuser))
			return 0;
		if (addrsize > 0 && addr == NULL)
			return unresolved(r, "an interrupt-map needs the device's reg");
		if (map == NULL) {
			ipar = find_irq_parent(r, ipar, &hops);
			if (ipar < 0)
				return ipar == -1 ? 1 : -1;
			continue;
		}
		if (n->map.len % (int)sizeof(fdt32_t) != 0)
			return fail(r, "interrupt-map", "%d bytes are not whole cells", n->map.len);
		if (mask != NULL && n->map_mask.len < (int)(head * sizeof(fdt32_t)))
			return fail(r, "interrupt-map-mask", "%d bytes, fewer than the %zu cells the "
							     "map matches", n->map_mask.len, head);
		cells = (size_t)n->map.len / sizeof(fdt32_t);
		while (cells - pos > head + 1 && !matched) {
			bool hit = true;

			for (size_t i = 0; i < head; i++) {
				uint32_t m = mask != NULL ? fdt32_to_cpu(mask[i]) : UINT32_MAX;

				hit &= ((match[i] ^ fdt32_to_cpu(map[pos + i])) & m) == 0;
			}
			pos += head;
			np = controller_of(r, "interrupt-map", fdt32_to_cpu(map[pos++]));
			if (np < 0)
				return -1;
			nic = (uint32_t)r->nodes[np].interrupt_cells;
			nac = r->nodes[np].address_cells > 0 ? (uint32_t)r->nodes[np].address_cells : 0;
			if (nac + nic > SPEC_CELLS_MAX || cells - pos < nac + nic)
				return fail(r, "interrupt-map", "the last entry is cut short");
			matched = hit && r->nodes[np].available;
			if (!matched)
				pos += nac + nic;
		}
		if (!matched)
			return unresolved(r, "no interrupt-map entry matches it");
		s->cells = nic;
		for (uint32_t i = 0; i < nac + nic; i++)
			match[i] = fdt32_to_cpu(map[pos + i]);
		memcpy(s->args, match + nac, nic * sizeof(*s->args));
		addrsize = nac;
		if (np == ipar) {
			s->ctrl = ipar;
			return 0; /* an entry to itself: the map's node takes it */
		}
		ipar = np;
	}
	return fail(r, "interrupt-map", "interrupt parents and maps form a loop (more than %d "
					"steps)", MAX_IRQ_HOPS);
}

/* Give gp_dt_irq_query its answer: interrupt @s, resolved (@rc 0) or not (@rc 1). */
static void answer(struct reader *r, int rc, const struct irq_spec *s)
{
	struct gp_dt_irq *q = r->want;

	q->found = true;
	q->resolved = rc == 0;
	if (rc != 0) {
		snprintf(q->why, sizeof(q->why), "%s", r->why);
		return;
	}
	q->to_gic = s->ctrl == r->gic_rec;
	q->cells = s->cells;
	memcpy(q->spec, s->args, s->cells * sizeof(*s->args));
	if (fdt_get_path(r->fdt, r->nodes[s->ctrl].node, q->controller, sizeof(q->controller)) != 0)
		snprintf(q->controller, sizeof(q->controller), "?");
}

/*
 * Take @s, resolved (@rc 0) or not (@rc 1), for the device: the GIC's
 * interrupts are kept, others' are not the GIC's business.
 */
static int take_irq(struct reader *r, int rc, const struct irq_spec *s, bool from_map)
{
	struct gp_machine *m = r->m;

	if (rc < 0)
		return -1;
	if (rc == 0 && s->ctrl == r->gic_rec && s->cells != r->gic_icells)
		rc = unresolved(r, "%u cells reach the GIC, which takes %u", s->cells, r->gic_icells);
	if (r->want != NULL && r->nodes[r->device_rec].node == r->want->node &&
	    r->device_irqs++ == r->want->index)
		answer(r, rc, s);
	if (rc == 1) {
		if (m->nr_unresolved_irqs++ == 0) {
			char what[sizeof(r->path) + sizeof(r->why) + 2];
			int n = snprintf(what, sizeof(what), "%s: %s", r->path, r->why);

			return pool_add(r, what, (size_t)n < sizeof(what) ? (size_t)n : sizeof(what) - 1,
					&m->unresolved_irq);
		}
		return 0;
	}
	if (s->ctrl != r->gic_rec)
		return 0;
	return add_irq(r, s->args, s->cells, from_map);
}

/* interrupts: specifiers of the #interrupt-cells of the parent of_irq_find_parent finds. */
static int read_interrupts(struct reader *r, const struct pending_irqs *d)
{
	int len = d->interrupts.len;
	const fdt32_t *p = d->interrupts.p;
	size_t reg_len = (size_t)d->reg.len / sizeof(fdt32_t);
	int parent, hops = MAX_IRQ_HOPS;
	uint32_t n;

	if (p == NULL)
		return 0;
	parent = find_irq_parent(r, d->rec, &hops);
	if (parent == -2)
		return -1;
	if (parent < 0)
		return take_irq(r, 1, NULL, false);
	n = (uint32_t)r->nodes[parent].interrupt_cells;
	if (n == 0 || n > SPEC_CELLS_MAX)
		return len == 0 ? 0 : take_irq(r, unresolved(r, "its interrupt parent has "
								"#interrupt-cells %u", n), NULL, false);
	if (len % (int)(n * sizeof(fdt32_t)) != 0)
		return fail(r, "interrupts", "%d bytes are not a whole number of %u-cell specifiers",
			    len, n);
	for (int i = 0; i < len / (int)(n * sizeof(fdt32_t)); i++) {
		struct irq_spec s = { .ctrl = parent, .cells = n };

		for (uint32_t k = 0; k < n; k++)
			s.args[k] = fdt32_to_cpu(p[(size_t)i * n + k]);
		if (take_irq(r, resolve_irq(r, d->reg.p, reg_len, -1, &s), &s, false) < 0)
			return -1;
	}
	return 0;
}

static int read_interrupts_extended(struct reader *r, const struct pending_irqs *d)
{
	int len = d->interrupts_extended.len;
	const fdt32_t *p = d->interrupts_extended.p;
	size_t reg_len = (size_t)d->reg.len / sizeof(fdt32_t);
	size_t cells, i = 0;

	if (p == NULL)
		return 0;
	if (len % (int)sizeof(fdt32_t) != 0)
		return fail(r, "interrupts-extended", "%d bytes are not whole cells", len);
	cells = (size_t)len / sizeof(fdt32_t);
	while (i < cells) {
		int ctrl = controller_of(r, "interrupts-extended", fdt32_to_cpu(p[i]));
		struct irq_spec s = { .ctrl = ctrl };

		if (ctrl < 0)
			return -1;
		s.cells = (uint32_t)r->nodes[ctrl].interrupt_cells;
		if (i + 1 + s.cells > cells)
			return fail(r, "interrupts-extended", "the last specifier is cut short");
		for (uint32_t k = 0; k < s.cells; k++)
			s.args[k] = fdt32_to_cpu(p[i + 1 + k]);
		if (take_irq(r, resolve_irq(r, d->reg.p, reg_len, -1, &s), &s, false) < 0)
			return -1;
		i += 1 + s.cells;
	}
	return 0;
}

/*
 * A PCI host's interrupt-map: <child unit, child spec, parent phandle, parent
 * unit, parent spec>... Its slots' devices are probed, not in the tree, so its
 * entries stand for their INTx lines, each resolved from its parent on.
 */
static int read_interrupt_map(struct reader *r, const struct pending_irqs *d)
{
	const struct irq_node *host = &r->nodes[d->rec];
	int len = d->interrupt_map.len;
	const fdt32_t *p = d->interrupt_map.p;
	size_t cells, i = 0, head;

	if (p == NULL || !d->is_pci || (host->controller && host->map_abuser))
		return 0;
	if (host->interrupt_cells < 1 || host->interrupt_cells > GP_IRQ_CELLS_MAX)
		return fail(r, "interrupt-map", "the node needs a #interrupt-cells of 1..%d",
			    GP_IRQ_CELLS_MAX);
	if (len % (int)sizeof(fdt32_t) != 0)
		return fail(r, "interrupt-map", "%d bytes are not whole cells", len);
	cells = (size_t)len / sizeof(fdt32_t);
	head = map_addr_cells(r, d->rec) + (size_t)host->interrupt_cells;
	while (i < cells) {
		struct irq_spec s = { 0 };
		uint32_t nac;

		if (i + head + 1 > cells)
			return fail(r, "interrupt-map", "the last entry is cut short");
		s.ctrl = controller_of(r, "interrupt-map", fdt32_to_cpu(p[i + head]));
		if (s.ctrl < 0)
			return -1;
		nac = r->nodes[s.ctrl].address_cells > 0 ? (uint32_t)r->nodes[s.ctrl].address_cells : 0;
		s.cells = (uint32_t)r->nodes[s.ctrl].interrupt_cells;
		if (i + head + 1 + nac + s.cells > cells)
			return fail(r, "interrupt-map", "the last entry is cut short");
		for (uint32_t k = 0; k < s.cells; k++)
			s.args[k] = fdt32_to_cpu(p[i + head + 1 + nac + k]);
		if (take_irq(r, resolve_irq(r, p + i + head + 1, nac, (int)nac, &s), &s, true) < 0)
			return -1;
		i += head + 1 + nac + s.cells;
	}
	return 0;
}

/* String-list property @name (@n bytes at @s) must end in a NUL; returns 1 present, 0 absent, -1 error. */
static int strlist(struct reader *r, const char *name, const char *s, int n)
{
	if (s == NULL || n <= 0)
		return 0;
	if (s[n - 1] != '\0')
		return fail(r, name, "is not NUL-terminated");
	return 1;
}

/* Add string-list property @name (@n bytes at @s) to the pool (*@off, *@len; 0 when absent). */
static int pool_strlist(struct reader *r, const char *name, const char *s, int n, size_t *off,
			size_t *len)
{
	int rc = strlist(r, name, s, n);

	*off = 0;
	*len = 0;
	if (rc <= 0)
		return rc;
	*len = (size_t)n;
	return pool_add(r, s, (size_t)n - 1, off);
}

/* String-list property @id of the current node to the pool. */
static int pool_prop(struct reader *r, enum prop_id id, size_t *off, size_t *len)
{
	return pool_strlist(r, prop_names[id], r->props.v[id], r->props.len[id], off, len);
}

/* A PCI host's ranges: <space pci.hi pci.lo, cpu address, size> in CPU addresses. */
static int read_pci_windows(struct reader *r, int d, size_t *count)
{
	const struct level *bus = &r->lv[d], *parent = &r->lv[d - 1];
	uint32_t ca = bus->addr_cells, pa = parent->addr_cells, cs = bus->size_cells;
	uint32_t entry = ca + pa + cs;
	int len = bus->ranges.len;
	const fdt32_t *p = bus->ranges.p;

	*count = 0;
	if (p == NULL || len == 0 || pa > MAX_MMIO_CELLS || cs > MAX_MMIO_CELLS)
		return 0;
	return append_windows(r, "ranges", p, len, entry, ca, pa, cs, d - 1, count);
}

#define MSI_MAP_CELLS 4         /* <rid-base phandle msi-base length> */
#define MSI_PARENT_CELLS 2      /* <phandle DeviceID> (#msi-cells = 1) */

static int add_msi(struct reader *r, size_t path, struct gp_mach_msi msi)
{
	struct gp_machine *m = r->m;
	void *arr = m->msi;

	if (grow(r, &arr, &r->msi_cap, m->nr_msi + 1, sizeof(*m->msi)) < 0)
		return -1;
	m->msi = arr;
	msi.path = path;
	m->msi[m->nr_msi++] = msi;
	return 0;
}

/* A device's msi-map and msi-parent (phandles are resolved by who uses them). */
static int read_msi(struct reader *r, int d, size_t path)
{
	int len = 0;
	const fdt32_t *p = fdt_getprop(r->fdt, r->lv[d].node, "msi-map", &len);

	if (p != NULL) {
		if (len <= 0 || len % (MSI_MAP_CELLS * (int)sizeof(fdt32_t)) != 0)
			return fail(r, "msi-map", "%d bytes, not a list of <rid-base phandle "
				    "msi-base length>", len);
		for (int i = 0; i < len / (int)sizeof(fdt32_t); i += MSI_MAP_CELLS)
			if (add_msi(r, path, (struct gp_mach_msi){
				    .rid_base = fdt32_to_cpu(p[i]), .parent = fdt32_to_cpu(p[i + 1]),
				    .msi_base = fdt32_to_cpu(p[i + 2]),
				    .length = fdt32_to_cpu(p[i + 3]), .map = true }) < 0)
				return -1;
	}
	p = fdt_getprop(r->fdt, r->lv[d].node, "msi-parent", &len);
	if (p != NULL && len > 0) {
		int cells = len % (MSI_PARENT_CELLS * (int)sizeof(fdt32_t)) == 0 ? MSI_PARENT_CELLS : 1;

		for (int i = 0; i + cells <= len / (int)sizeof(fdt32_t); i += cells)
			if (add_msi(r, path, (struct gp_mach_msi){
				    .parent = fdt32_to_cpu(p[i]),
				    .msi_base = cells > 1 ? fdt32_to_cpu(p[i + 1]) : 0,
				    .length = 1 }) < 0)
				return -1;
	}
	return 0;
}

static int read_device(struct reader *r, int d)
{
	struct gp_machine *m = r->m;
	struct gp_mach_device dev = { 0 };
	const struct props *p = &r->props;
	void *devices = m->devices, *pending = r->pending;
	bool irqs = p->v[PROP_INTERRUPTS] || p->v[PROP_INTERRUPTS_EXTENDED] ||
		    p->v[PROP_INTERRUPT_MAP];
	bool msi = fdt_getprop(r->fdt, r->lv[d].node, "msi-map", NULL) != NULL ||
		   fdt_getprop(r->fdt, r->lv[d].node, "msi-parent", NULL) != NULL;
	size_t nreg;

	dev.first_reg = m->nr_regs;
	if (read_reg(r, d, &nreg) < 0)
		return -1;
	dev.nr_reg = nreg;
	dev.first_window = m->nr_regs;
	if (r->lv[d].is_pci && read_pci_windows(r, d, &dev.nr_window) < 0)
		return -1;
	if (dev.nr_reg == 0 && !irqs && !msi)
		return 0;
	/* A device with only msi-parent keeps its MSI entries; read_pending_irqs drops the device. */
	if (pool_add(r, r->path, strlen(r->path), &dev.path) < 0 ||
	    pool_prop(r, PROP_COMPATIBLE, &dev.compatible, &dev.compatible_len) < 0 ||
	    read_msi(r, d, dev.path) < 0)
		return -1;
	if (grow(r, &devices, &r->devices_cap, m->nr_devices + 1, sizeof(*m->devices)) < 0)
		return -1;
	m->devices = devices;
	if (irqs) {
		if (grow(r, &pending, &r->pending_cap, r->nr_pending + 1, sizeof(*r->pending)) < 0)
			return -1;
		r->pending = pending;
		r->pending[r->nr_pending++] = (struct pending_irqs){
			m->nr_devices, r->lv[d].rec, r->lv[d].is_pci, value_of(r, PROP_REG),
			value_of(r, PROP_INTERRUPTS), value_of(r, PROP_INTERRUPTS_EXTENDED),
			value_of(r, PROP_INTERRUPT_MAP)
		};
	}
	m->devices[m->nr_devices++] = dev;
	return 0;
}

/*
 * Read the interrupts of every device that has some, now that the GIC is
 * known; drop devices left with neither registers nor interrupts.
 */
static int read_pending_irqs(struct reader *r)
{
	struct gp_machine *m = r->m;
	size_t kept = 0, next = 0;

	for (size_t i = 0; i < m->nr_devices; i++) {
		struct gp_mach_device *dev = &m->devices[i];

		dev->first_irq = m->nr_irqs;
		if (next < r->nr_pending && r->pending[next].device == i) {
			const struct pending_irqs *d = &r->pending[next++];

			r->device_rec = d->rec;
			r->device_irqs = 0;
			snprintf(r->path, sizeof(r->path), "%s", gp_mach_str(m, dev->path));
			/*
			 * Both interrupts and interrupts-extended: the latter takes
			 * precedence, the former is for software that does not know it
			 * (the interrupts binding; Linux reads interrupts-extended first).
			 */
			if ((d->interrupts_extended.p == NULL && read_interrupts(r, d) < 0) ||
			    read_interrupts_extended(r, d) < 0 || read_interrupt_map(r, d) < 0)
				return -1;
		}
		dev->nr_irq = m->nr_irqs - dev->first_irq;
		if (dev->nr_reg > 0 || dev->nr_irq > 0)
			m->devices[kept++] = *dev;
	}
	m->nr_devices = kept;
	r->path[0] = '\0';
	return 0;
}

static int read_cpu(struct reader *r, int d)
{
	struct gp_machine *m = r->m;
	uint32_t ac = r->lv[d - 1].addr_cells;
	int len = r->props.len[PROP_REG];
	const fdt32_t *reg = r->props.v[PROP_REG];
	void *mpidr = m->mpidr;

	if (reg == NULL)
		return fail(r, NULL, "cpu node has no reg (its MPIDR)");
	if (len < (int)(ac * sizeof(fdt32_t)))
		return fail(r, "reg", "%d bytes, expected %u cells (#address-cells of /cpus)", len, ac);
	if (grow(r, &mpidr, &r->cpus_cap, m->nr_cpus + 1, sizeof(*m->mpidr)) < 0)
		return -1;
	m->mpidr = mpidr;
	if (m->nr_cpus == 0 && pool_prop(r, PROP_COMPATIBLE, &m->cpu_compatible,
					 &m->cpu_compatible_len) < 0)
		return -1;
	m->mpidr[m->nr_cpus++] = read_cells(reg, ac);
	return 0;
}

static int read_memory(struct reader *r, int d)
{
	struct gp_machine *m = r->m;
	size_t first = m->nr_regs, n;
	void *memory = m->memory;

	if (read_reg(r, d, &n) < 0)
		return -1;
	if (grow(r, &memory, &r->memory_cap, m->nr_memory + n, sizeof(*m->memory)) < 0)
		return -1;
	m->memory = memory;
	for (size_t i = 0; i < n; i++)
		m->memory[m->nr_memory++] = m->regs[first + i];
	m->nr_regs = first; /* memory is not a device's register window */
	return 0;
}

static int read_its(struct reader *r, int d)
{
	struct gp_machine *m = r->m;
	struct gp_mach_its its = { .msi_cells = -1 };
	size_t first = m->nr_regs, n;
	uint32_t cells = 0;
	void *arr = m->its;
	int rc;

	if (read_reg(r, d, &n) < 0)
		return -1;
	m->nr_regs = first;
	if (n != 1)
		return fail(r, "reg", "an ITS needs exactly one memory-mapped reg entry, found %zu", n);
	its.reg = m->regs[first];
	its.unit_reg = unit_reg(r, d);
	its.msi_controller = fdt_getprop(r->fdt, r->lv[d].node, "msi-controller", NULL) != NULL;
	its.phandle = fdt_get_phandle(r->fdt, r->lv[d].node);
	rc = prop_u32(r, r->lv[d].node, "#msi-cells", &cells);
	if (rc < 0)
		return -1;
	if (rc > 0)
		its.msi_cells = cells;
	if (pool_add(r, r->path, strlen(r->path), &its.path) < 0 ||
	    grow(r, &arr, &r->its_cap, m->nr_its + 1, sizeof(*m->its)) < 0)
		return -1;
	m->its = arr;
	m->its[m->nr_its++] = its;
	return 0;
}

static int read_gic(struct reader *r, int d)
{
	struct gp_machine *m = r->m;
	int node = r->lv[d].node, len, rc;
	size_t first = m->nr_regs, n;
	uint32_t v = 0;
	const void *stride;
	struct value irqs;

	if (r->gic_node >= 0)
		return fail(r, "compatible", "a second \"" GIC_COMPATIBLE "\" node: gicplan models "
					     "one GIC");
	if (r->lv[d].rec < 0)
		return fail(r, "compatible", "the GIC node is inside /cpus");
	r->gic_node = node;
	r->gic_rec = r->lv[d].rec;
	r->nodes[r->gic_rec].controller = true; /* whether it says so is gic-node's to judge */
	r->lv[d].is_gic = true;
	m->gic_phandle = fdt_get_phandle(r->fdt, node);
	rc = prop_u32(r, node, "#interrupt-cells", &v);
	if (rc < 0)
		return -1;
	m->gic_interrupt_cells = rc > 0 ? (int64_t)v : -1;
	if (rc == 0 || v < 3 || v > GP_IRQ_CELLS_MAX)
		return fail(r, "#interrupt-cells", "must be 3 (or 4 with ppi-partitions) to read "
						   "interrupt specifiers");
	r->gic_icells = v;
	m->gic_address_cells = r->props.v[PROP_ADDRESS_CELLS] ? (int64_t)r->lv[d].addr_cells : -1;
	if (pool_add(r, r->path, strlen(r->path), &m->gic_path) < 0 || read_reg(r, d, &n) < 0)
		return -1;
	m->nr_regs = first;
	if (n < 1)
		return fail(r, "reg", "the GIC node has no memory-mapped reg entry");
	m->gic_nr_reg = (uint32_t)n;
	m->gicd = m->regs[first];
	m->gic_unit_reg = unit_reg(r, d);
	rc = prop_u32(r, node, "#redistributor-regions", &v);
	if (rc < 0)
		return -1;
	m->redist_regions_prop = rc > 0 ? (int64_t)v : -1;
	/* Linux walks #redistributor-regions regions (1 when absent) from reg[1] on. */
	m->nr_redist = rc > 0 ? v : 1;
	if (m->nr_redist > n - 1)
		m->nr_redist = (uint32_t)(n - 1);
	m->redist = malloc((m->nr_redist ? m->nr_redist : 1) * sizeof(*m->redist));
	if (m->redist == NULL)
		return gp_fail(r->err, GP_EXIT_USAGE, "%s: out of memory", r->source);
	memcpy(m->redist, m->regs + first + 1, m->nr_redist * sizeof(*m->redist));
	stride = fdt_getprop(r->fdt, node, "redistributor-stride", &len);
	if (stride != NULL) {
		if (len != (int)sizeof(uint64_t))
			return fail(r, "redistributor-stride", "%d bytes, expected a 64-bit value", len);
		m->has_stride = true;
		/* Fix (tests/test_verify.c stride): a value is only 4-byte aligned. */
		m->stride = fdt64_ld((const fdt64_t *)stride);
	}
	m->gic_interrupt_controller = fdt_getprop(r->fdt, node, "interrupt-controller", NULL) != NULL;
	m->gic_has_ranges = r->props.v[PROP_RANGES] != NULL;
	irqs = value_of(r, PROP_INTERRUPTS);
	if (irqs.p != NULL) {
		if (irqs.len % (int)(r->gic_icells * sizeof(fdt32_t)) != 0 || irqs.len == 0)
			return fail(r, "interrupts", "%d bytes are not whole %u-cell specifiers",
				    irqs.len, r->gic_icells);
		uint32_t spec[GP_IRQ_CELLS_MAX];

		for (uint32_t k = 0; k < r->gic_icells; k++)
			spec[k] = fdt32_to_cpu(irqs.p[k]);
		m->nr_maintenance = (uint32_t)irqs.len / (r->gic_icells * (uint32_t)sizeof(fdt32_t));
		m->maintenance = decode_irq(spec, r->gic_icells, false);
	}
	return 0;
}

/* /chosen: nothing in it is ABI, but a stdout-path must be a string (the guest reads it). */
static int read_chosen(struct reader *r, int node)
{
	int len;
	const char *s = fdt_getprop(r->fdt, node, "stdout-path", &len);

	if (s != NULL && (len < 1 || s[len - 1] != '\0'))
		return fail(r, "stdout-path", "is not a NUL-terminated string");
	return 0;
}

/*
 * Whether the current node's status makes it available: absent, or its first
 * string "okay" or "ok" (Linux's of_device_is_available compares with strcmp).
 */
static bool available(const struct reader *r)
{
	const char *status = r->props.v[PROP_STATUS];
	size_t len = (size_t)r->props.len[PROP_STATUS];

	if (status == NULL)
		return true;
	if (strnlen(status, len) == len)
		return false; /* not a string */
	return strcmp(status, "okay") == 0 || strcmp(status, "ok") == 0;
}

/* Make the interrupt-tree record of the node at stack level @d. */
static int record_node(struct reader *r, int d)
{
	struct level *l = &r->lv[d];
	struct irq_node n = { .node = l->node, .parent = d > 0 ? r->lv[d - 1].rec : -1,
			      .interrupt_cells = -1, .address_cells = -1 };
	void *nodes = r->nodes;
	uint32_t v = 0;
	int rc;

	if (cell(r, PROP_PHANDLE, &n.phandle) < 0)
		return -1;
	if (n.phandle == 0 && cell(r, PROP_LINUX_PHANDLE, &n.phandle) < 0)
		return -1;
	if (cell(r, PROP_INTERRUPT_PARENT, &n.interrupt_parent) < 0)
		return -1;
	rc = cell(r, PROP_INTERRUPT_CELLS, &v);
	if (rc < 0)
		return -1;
	if (rc > 0)
		n.interrupt_cells = v > SPEC_CELLS_MAX ? SPEC_CELLS_MAX + 1 : (int32_t)v;
	if (r->props.v[PROP_ADDRESS_CELLS] != NULL)
		n.address_cells = (int32_t)l->addr_cells;
	n.controller = r->props.v[PROP_INTERRUPT_CONTROLLER] != NULL;
	n.available = available(r);
	n.map = value_of(r, PROP_INTERRUPT_MAP);
	n.map_mask = value_of(r, PROP_INTERRUPT_MAP_MASK);
	for (size_t i = 0; n.controller && n.map.p != NULL && i < sizeof(imap_abusers) /
						       sizeof(*imap_abusers); i++)
		n.map_abuser |= is_compatible(r, imap_abusers[i]);
	if (!n.available)
		l->disabled = true;
	if (grow(r, &nodes, &r->nodes_cap, r->nr_nodes + 1, sizeof(*r->nodes)) < 0)
		return -1;
	r->nodes = nodes;
	l->rec = (int)r->nr_nodes;
	r->nodes[r->nr_nodes++] = n;
	return 0;
}

/* Set up stack level @d for @node (its properties in r->props, its path in r->path). */
static int enter_node(struct reader *r, int d, int node, const char *name)
{
	struct level *l = &r->lv[d];
	uint32_t v = 0;
	int rc;

	*l = (struct level){ .node = node, .path_len = strlen(r->path),
			     .addr_cells = DEFAULT_ADDR_CELLS, .size_cells = DEFAULT_SIZE_CELLS };
	if (d > 0) {
		l->skip_children = r->lv[d - 1].skip_children;
		l->disabled = r->lv[d - 1].disabled;
	}
	rc = cell(r, PROP_ADDRESS_CELLS, &v);
	if (rc < 0)
		return -1;
	if (rc > 0) {
		if (v > MAX_BUS_CELLS || (d == 0 && (v < 1 || v > MAX_MMIO_CELLS)))
			return fail(r, "#address-cells", "%u is not a usable cell count", v);
		l->addr_cells = v;
	}
	rc = cell(r, PROP_SIZE_CELLS, &v);
	if (rc < 0)
		return -1;
	if (rc > 0) {
		if (v > MAX_MMIO_CELLS || (d == 0 && v < 1))
			return fail(r, "#size-cells", "%u is not a usable cell count", v);
		l->size_cells = v;
	}
	l->is_cpus = d == 1 && strcmp(name, "cpus") == 0;
	l->is_pci = prop_is(r, PROP_DEVICE_TYPE, "pci");
	l->ranges = value_of(r, PROP_RANGES);
	l->rec = -1;
	/* cpu nodes, their caches and cpu-map are no part of the interrupt tree. */
	if (d > 0 && (r->lv[d - 1].rec < 0 || r->lv[d - 1].is_cpus))
		return 0;
	return record_node(r, d);
}

static int visit(struct reader *r, int d, const char *name)
{
	const struct level *l = &r->lv[d];
	const struct level *parent = d > 0 ? &r->lv[d - 1] : NULL;

	if (d == 0)
		return 0;
	if (parent->is_cpus) {
		if (prop_is(r, PROP_DEVICE_TYPE, "cpu"))
			return read_cpu(r, d);
		return 0;
	}
	if (is_compatible(r, GIC_COMPATIBLE)) {
		r->lv[d].skip_children = true; /* but its ITS children, read below */
		return read_gic(r, d);
	}
	if (parent->is_gic)
		return is_compatible(r, ITS_COMPATIBLE) ? read_its(r, d) : 0;
	if (l->is_cpus) {
		r->lv[d].skip_children = true; /* cpu-map and caches are not devices */
		/* enter_node read the value, if any, into l->addr_cells */
		if (r->props.v[PROP_ADDRESS_CELLS] == NULL || l->addr_cells < 1 ||
		    l->addr_cells > MAX_MMIO_CELLS)
			return fail(r, "#address-cells", "/cpus needs #address-cells 1 or 2");
		r->m->cpu_address_cells = l->addr_cells;
		return 0;
	}
	if (parent->skip_children)
		return 0;
	if (d == 1 && strcmp(name, "chosen") == 0) {
		r->lv[d].skip_children = true;
		return read_chosen(r, l->node);
	}
	if (d == 1 && strcmp(name, "psci") == 0) {
		const char *method;
		size_t len;
		int n;

		method = fdt_getprop(r->fdt, l->node, "method", &n);
		if (pool_strlist(r, "method", method, n, &r->m->psci_method, &len) < 0)
			return -1;
		return strlist(r, "compatible", r->props.v[PROP_COMPATIBLE],
			       r->props.len[PROP_COMPATIBLE]) < 0 ? -1 : 0;
	}
	/* A disabled node and all below it are absent (of_device_is_available). */
	if (l->disabled)
		return 0;
	if (prop_is(r, PROP_DEVICE_TYPE, "memory"))
		return read_memory(r, d);
	if (parent->is_pci)
		return 0;
	return read_device(r, d);
}

/*
 * The structure block (Devicetree Specification v0.4, 5.4) as libfdt's fdt.h
 * lays it out: tags (FDT_BEGIN_NODE ...), each item aligned as a tag, a
 * property's tag, length and name offset (struct fdt_property) before its value.
 */
#define TAG_SIZE ((uint32_t)FDT_TAGSIZE)
#define PROP_HEADER_SIZE ((uint32_t)sizeof(struct fdt_property))
#define PROP_LEN_AT ((uint32_t)offsetof(struct fdt_property, len))
#define PROP_NAMEOFF_AT ((uint32_t)offsetof(struct fdt_property, nameoff))

static uint32_t align_tag(uint32_t off)
{
	return (off + TAG_SIZE - 1) & ~(TAG_SIZE - 1);
}

/* The big-endian cell at @off of the structure block (a blob need not be 4-byte aligned). */
static uint32_t cell_at(const char *block, uint32_t off)
{
	fdt32_t v;

	memcpy(&v, block + off, sizeof(v));
	return fdt32_to_cpu(v);
}

/*
 * Read the properties that follow a node's name at @off into r->props;
 * returns the offset of the next node tag. fdt_check_full has checked every
 * tag, length and name offset this reads.
 */
static uint32_t read_props(struct reader *r, const char *block, uint32_t off)
{
	struct props *p = &r->props;

	memset(p, 0, sizeof(*p));
	for (;;) {
		uint32_t tag = cell_at(block, off);
		uint32_t len;
		int id;

		if (tag == FDT_NOP) {
			off += TAG_SIZE;
			continue;
		}
		if (tag != FDT_PROP)
			return off;
		len = cell_at(block, off + PROP_LEN_AT);
		id = prop_id(r, (int)cell_at(block, off + PROP_NAMEOFF_AT));
		if (id != PROP_OTHER) {
			p->v[id] = block + off + PROP_HEADER_SIZE;
			p->len[id] = (int)len;
		}
		off = align_tag(off + PROP_HEADER_SIZE + len);
	}
}

/*
 * The walk: the structure block, tag by tag, once (libfdt's node iterator
 * would check each tag again on every call). Node offsets are libfdt's, so
 * the rare nodes still read with fdt_getprop.
 */
static int walk(struct reader *r)
{
	const char *block = (const char *)r->fdt + fdt_off_dt_struct(r->fdt);
	/* size_dt_struct is in version 17 headers and later. */
	uint32_t size = fdt_header_size(r->fdt) >= FDT_V17_SIZE
				? fdt_size_dt_struct(r->fdt)
				: fdt_totalsize(r->fdt) - fdt_off_dt_struct(r->fdt);
	uint32_t off = 0;
	int depth = -1;

	r->path[0] = '\0';
	while (off + TAG_SIZE <= size) {
		uint32_t tag = cell_at(block, off);
		const char *name;
		size_t len, base;
		int node;

		if (tag == FDT_END)
			break;
		if (tag == FDT_NOP || tag == FDT_END_NODE) {
			depth -= tag == FDT_END_NODE;
			off += TAG_SIZE;
			continue;
		}
		if (tag != FDT_BEGIN_NODE)
			return fail(r, NULL, "unexpected tag 0x%x at structure offset %u", tag, off);
		node = (int)off;
		name = block + off + offsetof(struct fdt_node_header, name);
		len = strlen(name);
		off = read_props(r, block, align_tag((uint32_t)(name + len + 1 - block)));
		if (++depth >= MAX_DEPTH)
			return fail(r, NULL, "nodes nest deeper than %d levels", MAX_DEPTH);
		base = depth > 0 ? r->lv[depth - 1].path_len : 0;
		if (base + 1 + len + 1 > sizeof(r->path))
			return fail(r, NULL, "a node path longer than %d bytes", PATH_BUF);
		r->path[base] = '/';
		memcpy(r->path + base + (depth > 0), name, len);
		r->path[base + (depth > 0) + len] = '\0';
		if (depth == 0)
			r->path[0] = '\0';
		if (enter_node(r, depth, node, name) < 0 || visit(r, depth, name) < 0)
			return -1;
	}
	r->path[0] = '\0';
	return 0;
}

/*
 * Interrupt controllers of the GIC family that are not GICv3 or GICv4, by
 * compatible (Linux's arm,gic binding): a tree of one of these is a GICv1 or
 * GICv2 machine, which gicplan does not model.
 */
static const struct {
	const char *compatible;
	const char *what;
} older_gics[] = {
	{ "arm,gic-400", "GICv2" },
	{ "arm,cortex-a15-gic", "GICv2" },
	{ "arm,cortex-a7-gic", "GICv2" },
	{ "arm,gic-v2", "GICv2" },
	{ "qcom,msm-qgic2", "GICv2" },
	{ "brcm,brahma-b15-gic", "GICv2" },
	{ "nvidia,tegra210-agic", "GICv2" },
	{ "arm,cortex-a9-gic", "GICv1" },
	{ "arm,cortex-a5-gic", "GICv1" },
	{ "arm,pl390", "GICv1" },
	{ "arm,arm11mp-gic", "GICv1" },
	{ "arm,arm1176jzf-devchip-gic", "GICv1" },
	{ "arm,eb11mp-gic", "GICv1" },
	{ "arm,tc11mp-gic", "GICv1" },
	{ "qcom,msm-8660-qgic", "GICv1" },
};

/*
 * A tree without an arm,gic-v3 node: say what interrupt controller it has
 * instead (an older GIC, another controller, or none at all).
 */
static int no_gic_v3(const void *fdt, const char *source, struct gp_error *err)
{
	static const char proves[] = "gicplan proves GICv3 and GICv4 (compatible \"" GIC_COMPATIBLE
				     "\")";
	char path[PATH_BUF];
	int other = -1;

	for (int node = fdt_next_node(fdt, -1, NULL); node >= 0;
	     node = fdt_next_node(fdt, node, NULL)) {
		for (size_t i = 0; i < sizeof(older_gics) / sizeof(older_gics[0]); i++)
			if (fdt_node_check_compatible(fdt, node, older_gics[i].compatible) == 0) {
				if (fdt_get_path(fdt, node, path, sizeof(path)) != 0)
					snprintf(path, sizeof(path), "?");
				return gp_fail(err, GP_EXIT_USAGE, "%s: a %s (%s at %s); %s", source,
					       older_gics[i].what, older_gics[i].compatible, path,
					       proves);
			}
		if (other < 0 && fdt_getprop(fdt, node, "interrupt-controller", NULL) != NULL)
			other = node;
	}
	if (other >= 0) {
		const char *compat = fdt_getprop(fdt, other, "compatible", NULL);

		if (fdt_get_path(fdt, other, path, sizeof(path)) != 0)
			snprintf(path, sizeof(path), "?");
		return gp_fail(err, GP_EXIT_USAGE, "%s: no GICv3: its interrupt controller is %s%s%s "
			       "at %s; %s", source, compat ? "\"" : "", compat ? compat : "one",
			       compat ? "\"" : "", path, proves);
	}
	return gp_fail(err, GP_EXIT_USAGE, "%s: no GIC: no node is an interrupt controller (none "
		       "is compatible with \"" GIC_COMPATIBLE "\"); %s", source, proves);
}

void gp_machine_free(struct gp_machine *m)
{
	free(m->redist);
	free(m->its);
	free(m->msi);
	free(m->mpidr);
	free(m->memory);
	free(m->devices);
	free(m->regs);
	free(m->irqs);
	free(m->pool);
	memset(m, 0, sizeof(*m));
}

static int read_blob(const void *blob, const char *source, struct gp_machine *m,
		     struct gp_dt_irq *want, struct gp_error *err);

int gp_dt_read(const void *blob, size_t len, const char *source, struct gp_machine *m,
	       struct gp_error *err)
{
	int rc;

	memset(m, 0, sizeof(*m));
	if (len < sizeof(struct fdt_header))
		return gp_fail(err, GP_EXIT_USAGE, "%s: a truncated device tree blob: %zu bytes, too "
			       "short for its %zu-byte header", source, len,
			       sizeof(struct fdt_header));
	if (fdt_magic(blob) != FDT_MAGIC)
		return gp_fail(err, GP_EXIT_USAGE, "%s: not a device tree blob (bad magic)", source);
	if (len > INT32_MAX)
		return gp_fail(err, GP_EXIT_USAGE, "%s: %zu bytes: larger than a device tree blob "
			       "can be", source, len);
	if (fdt_totalsize(blob) > len)
		return gp_fail(err, GP_EXIT_USAGE, "%s: a truncated device tree blob: its header "
			       "totalsize is %u bytes, the file has %zu", source,
			       fdt_totalsize(blob), len);
	rc = gp_fdt_check(blob, len);
	if (rc != 0)
		return gp_fail(err, GP_EXIT_USAGE, "%s: not a valid device tree: %s", source,
			       fdt_strerror(rc));
	return read_blob(blob, source, m, NULL, err);
}

/* Read the checked blob @blob into @m; with @want, find that interrupt too. */
static int read_blob(const void *blob, const char *source, struct gp_machine *m,
		     struct gp_dt_irq *want, struct gp_error *err)
{
	struct reader *r = calloc(1, sizeof(*r));
	int rc;

	if (r == NULL)
		return gp_fail(err, GP_EXIT_USAGE, "%s: out of memory", source);
	r->fdt = blob;
	r->source = source;
	r->m = m;
	r->err = err;
	r->want = want;
	r->gic_node = -1;
	r->gic_rec = -1;
	for (size_t i = 0; i < NAME_CACHE; i++)
		r->names[i].id = -1;
	rc = pool_add(r, "", 0, &(size_t){ 0 });
	if (rc == 0)
		rc = walk(r);
	if (rc == 0 && r->gic_node < 0)
		rc = no_gic_v3(blob, source, err);
	for (size_t i = 0; rc == 0 && i < m->nr_msi; i++) {
		int rec = node_by_phandle(r, m->msi[i].parent);

		if (rec == -2)
			rc = gp_fail(err, GP_EXIT_USAGE, "%s: out of memory", source);
		m->msi[i].parent_exists = rec >= 0;
	}
	if (rc == 0)
		rc = read_pending_irqs(r);
	if (rc == 0 && m->nr_cpus == 0) {
		snprintf(r->path, sizeof(r->path), "/cpus");
		rc = fail(r, NULL, "no cpu node (device_type \"cpu\") under /cpus");
	}
	free(r->pending);
	free(r->phandles);
	free(r->nodes);
	free(r);
	return rc;
}

int gp_dt_irq_query(const void *blob, size_t len, const char *source, const char *path,
		    unsigned index, struct gp_dt_irq *irq, struct gp_error *err)
{
	struct gp_machine m;
	int rc;

	memset(irq, 0, sizeof(*irq));
	irq->index = index;
	rc = gp_dt_read(blob, len, source, &m, err);
	gp_machine_free(&m);
	irq->node = rc == 0 ? fdt_path_offset(blob, path) : -1;
	if (rc == 0 && irq->node < 0)
		rc = gp_fail(err, GP_EXIT_USAGE, "%s: %s: no such node", source, path);
	if (rc == 0)
		rc = read_blob(blob, source, &m, irq, err);
	gp_machine_free(&m);
	if (rc == 0 && !irq->found)
		rc = gp_fail(err, GP_EXIT_USAGE, "%s: %s: no interrupt %u (or the node is no "
						 "enabled device)", source, path, index);
	return rc;
}
