/* SPDX-License-Identifier: MIT */
/*
 * gic_emul: LPIs and the ITS (Arm IHI 0069 chapter 5).
 *
 * Each ITS has its registers here and its tables in the caller's guest memory
 * (struct gic_guest_mem): the command queue (GITS_CBASER), the device table
 * (GITS_BASER0) and the collection table (GITS_BASER1), each flat or two-level,
 * and one interrupt translation table per device (MAPD). Their entry formats
 * are IMPLEMENTATION DEFINED; these are the model's, 8 bytes each:
 *   device table entry: Valid [0], EventID bits - 1 [5:1], ITT address >> 8 [49:6]
 *   collection entry:   Valid [0], RDbase [63:1] (Processor_Number, or address >> 16 with PTA)
 *   ITT entry:          pINTID [31:0], ICID [47:32], Valid [63] (ITT_entry_size apart)
 * A command is executed when GITS_CWRITER moves, all of the queue at once. A
 * command with a bad field is ignored and counted (KVM and QEMU both ignore
 * and go on); a failed guest memory access stalls the queue (GITS_CREADR.Stalled)
 * until GITS_CWRITER.Retry. An MSI that does not translate is dropped.
 *
 * Pending LPIs are kept in the redistributor, as a short list per vCPU: the
 * pending tables (GICR_PENDBASER) are not read or written, and the priority and
 * enable of an LPI come from the configuration table (GICR_PROPBASER) when it
 * becomes pending and at INV/INVALL, as the architecture lets a redistributor
 * cache them. LPIs are Group 1 and have no active state.
 */
#include <stdlib.h>
#include <string.h>

#include "gic_internal.h"

#define DW_PER_CMD      4
#define LPI_POOL_FIRST  64
#define ITT_ADDR_SHIFT  8           /* ITT addresses are 256-byte aligned */
#define DTE_VALID       UINT64_C(1)
#define DTE_SIZE_SHIFT  1
#define DTE_ITT_SHIFT   6
#define DTE_ITT_MASK    ((UINT64_C(1) << 44) - 1)
#define CTE_VALID       UINT64_C(1)
#define CTE_RDBASE_SHIFT 1
#define ITE_VALID       (UINT64_C(1) << 63)
#define ITE_ICID_SHIFT  32
#define ITE_ICID_MASK   UINT64_C(0xFFFF)
#define RDBASE_PA_SHIFT 16          /* PTA = 1: RDbase is the frame's address >> 16 */
#define PAGE_64K_PA_MASK UINT64_C(0x0000FFFFFFFF0000)
#define PAGE_64K_HI_MASK UINT64_C(0xF)
#define PAGE_64K_HI_SHIFT 48
#define TABLE_DEVICE    0           /* GITS_BASER0 */
#define TABLE_COLLECTION 1          /* GITS_BASER1 */
#define L1_ENTRY_SIZE   8
#define TLB_HASH_MULTIPLIER UINT64_C(0x9E3779B97F4A7C15)
#define TLB_HASH_SHIFT  40

static const uint64_t page_sizes[] = { 0x1000, 0x4000, 0x10000, 0x10000 };

static const char *const its_errors[GIC_ITS_ERROR_COUNT] = {
	[GIC_ITS_OK] = "delivered",
	[GIC_ITS_ERR_DISABLED] = "GITS_CTLR.Enabled is 0",
	[GIC_ITS_ERR_DEVICE_OOR] = "DeviceID beyond GITS_TYPER.Devbits or the device table",
	[GIC_ITS_ERR_DEVICE_UNMAPPED] = "DeviceID not mapped (no MAPD)",
	[GIC_ITS_ERR_EVENT_OOR] = "EventID beyond the device's ITT or GITS_TYPER.IDbits",
	[GIC_ITS_ERR_EVENT_UNMAPPED] = "EventID not mapped (no MAPTI/MAPI)",
	[GIC_ITS_ERR_COLLECTION_OOR] = "collection ID beyond the collection table or CIDbits",
	[GIC_ITS_ERR_COLLECTION_UNMAPPED] = "collection not mapped (no MAPC)",
	[GIC_ITS_ERR_TARGET] = "RDbase names no redistributor",
	[GIC_ITS_ERR_INTID] = "pINTID is not an LPI of this GIC",
	[GIC_ITS_ERR_NO_TABLE] = "GITS_BASER of the table not valid",
	[GIC_ITS_ERR_MEMORY] = "guest memory access failed",
	[GIC_ITS_ERR_COMMAND] = "unknown ITS command",
	[GIC_ITS_ERR_LPIS_OFF] = "target redistributor has GICR_CTLR.EnableLPIs 0",
};

const char *gic_its_strerror(enum gic_its_error e)
{
	if ((unsigned)e >= GIC_ITS_ERROR_COUNT)
		return "unknown ITS error";
	return its_errors[e];
}

int gic_set_guest_memory(struct gic *g, const struct gic_guest_mem *mem)
{
	if (g == NULL || mem == NULL)
		return GIC_E_INVAL;
	if (mem->map != NULL && (mem->page_size == 0 || (mem->page_size & (mem->page_size - 1))))
		return GIC_E_INVAL;
	g->mem = *mem;
	g->mem_page_shift = mem->map != NULL ? (unsigned)__builtin_ctzll(mem->page_size) : 0;
	memset(g->tlb, 0, sizeof(g->tlb));
	return GIC_OK;
}

/* ---- guest memory (little-endian) ------------------------------------------ */

/*
 * The host bytes behind [@addr, @addr + @len) when one mapped page holds
 * them, else NULL. Pages the caller has not made are not remembered: a read
 * of one goes through mem.read each time, and sees the page once it exists.
 */
static uint8_t *mem_host(struct gic *g, uint64_t addr, size_t len, bool make)
{
	uint64_t ps = g->mem.page_size, page = addr & ~(ps - 1);
	uint64_t index = page >> g->mem_page_shift;
	struct gic_tlb_entry *t;
	uint8_t *host;

	if (g->mem.map == NULL || (addr - page) + len > ps)
		return NULL;
	/* Fibonacci hashing: a queue, a table and an ITT side by side do not evict each other. */
	t = &g->tlb[(index * TLB_HASH_MULTIPLIER >> TLB_HASH_SHIFT) % GIC_TLB_ENTRIES];
	if (t->page == page + 1)
		return t->host + (addr - page);
	host = g->mem.map(g->mem.ctx, page, make);
	if (host == NULL)
		return NULL;
	*t = (struct gic_tlb_entry){ page + 1, host };
	return host + (addr - page);
}

static bool mem_read(struct gic *g, uint64_t addr, void *buf, size_t len)
{
	const uint8_t *host = mem_host(g, addr, len, false);

	if (host != NULL) {
		memcpy(buf, host, len);
		return true;
	}
	return g->mem.read != NULL && g->mem.read(g->mem.ctx, addr, buf, len) == 0;
}

/* Little-endian doublewords (compilers make each one load or store). */
static uint64_t get_le64(const uint8_t *b)
{
	return (uint64_t)b[0] | (uint64_t)b[1] << 8 | (uint64_t)b[2] << 16 |
	       (uint64_t)b[3] << 24 | (uint64_t)b[4] << 32 | (uint64_t)b[5] << 40 |
	       (uint64_t)b[6] << 48 | (uint64_t)b[7] << 56;
}

static void put_le64(uint8_t *b, uint64_t v)
{
	for (size_t i = 0; i < sizeof(v); i++)
		b[i] = (uint8_t)(v >> (i * BYTE_BITS));
}

static bool mem_read64(struct gic *g, uint64_t addr, uint64_t *v)
{
	uint8_t b[sizeof(uint64_t)];
	const uint8_t *host = mem_host(g, addr, sizeof(b), false);

	if (host != NULL) {
		*v = get_le64(host);
		return true;
	}
	if (g->mem.read == NULL || g->mem.read(g->mem.ctx, addr, b, sizeof(b)) != 0)
		return false;
	*v = get_le64(b);
	return true;
}

static bool mem_write64(struct gic *g, uint64_t addr, uint64_t v)
{
	uint8_t b[sizeof(uint64_t)];
	uint8_t *host = mem_host(g, addr, sizeof(b), true);

	if (host != NULL) {
		put_le64(host, v);
		return true;
	}
	put_le64(b, v);
	return g->mem.write != NULL && g->mem.write(g->mem.ctx, addr, b, sizeof(b)) == 0;
}

/* ---- creation -------------------------------------------------------------- */

bool gic_its_overlaps(const struct gic *g, uint64_t base, uint64_t last)
{
	for (uint32_t i = 0; i < g->nr_its; i++)
		if (base <= g->its[i].base + GIC_ITS_SIZE - 1 && g->its[i].base <= last)
			return true;
	return false;
}

static uint64_t baser_reset(uint64_t type)
{
	const uint64_t page_64k = 2;

	return type << GITS_BASER_TYPE_SHIFT |
	       (uint64_t)(GITS_TABLE_ENTRY_SIZE - 1) << GITS_BASER_ESIZE_SHIFT |
	       page_64k << GITS_BASER_PAGE_SHIFT;
}

int gic_add_its(struct gic *g, uint64_t base, uint32_t *index)
{
	struct gic_its *arr;
	int rc;

	if (g == NULL)
		return GIC_E_INVAL;
	if (!g->lpis)
		return GIC_E_NO_LPIS;
	if (g->nr_its >= GIC_MAX_ITS)
		return GIC_E_ITS_COUNT;
	rc = gic_check_span(g, base, GIC_ITS_SIZE);
	if (rc != GIC_OK)
		return rc;
	arr = realloc(g->its, (g->nr_its + 1) * sizeof(*arr));
	if (arr == NULL)
		return GIC_E_NOMEM;
	g->its = arr;
	arr = &g->its[g->nr_its];
	memset(arr, 0, sizeof(*arr));
	arr->base = base;
	arr->baser[TABLE_DEVICE] = baser_reset(GITS_BASER_TYPE_DEVICE);
	arr->baser[TABLE_COLLECTION] = baser_reset(GITS_BASER_TYPE_COLLECTION);
	if (index != NULL)
		*index = g->nr_its;
	g->nr_its++;
	return GIC_OK;
}

uint32_t gic_its_count(const struct gic *g)
{
	return g != NULL ? g->nr_its : 0;
}

void gic_its_free(struct gic *g)
{
	free(g->its);
	free(g->lpi_head);
	free(g->lpi_pool);
}

int gic_its_stats(const struct gic *g, uint32_t index, struct gic_its_stats *st)
{
	if (g == NULL || st == NULL)
		return GIC_E_INVAL;
	if (index >= g->nr_its)
		return GIC_E_ITS_COUNT;
	*st = g->its[index].stats;
	st->stalled = g->its[index].creadr & GITS_CREADR_STALLED;
	return GIC_OK;
}

/* ---- pending LPIs ------------------------------------------------------------ */

/* The largest LPI INTID + 1 this GIC has (GICD_TYPER.IDbits). */
static uint32_t lpi_limit(const struct gic *g)
{
	return UINT32_C(1) << (g->prof->idbits_lpis + 1);
}

static uint32_t *lpi_find(struct gic *g, uint32_t cpu, uint32_t intid)
{
	uint32_t *link = &g->lpi_head[cpu];

	while (*link != 0 && g->lpi_pool[*link - 1].intid != intid)
		link = &g->lpi_pool[*link - 1].next;
	return link;
}

/* Read LPI @intid's configuration byte through vCPU @cpu's GICR_PROPBASER. */
static enum gic_its_error lpi_config(struct gic *g, uint32_t cpu, uint32_t intid, uint8_t *cfg)
{
	uint64_t prop = g->rd[cpu].propbaser;
	unsigned bits = (unsigned)(prop & GICR_PROPBASER_IDBITS_MASK) + 1;

	if (intid < GIC_LPI_FIRST || intid >= lpi_limit(g) || (bits < HALF_SHIFT && intid >> bits))
		return GIC_ITS_ERR_INTID;
	if (!mem_read(g, (prop & GICR_PROPBASER_PA_MASK) + intid - GIC_LPI_FIRST, cfg, 1))
		return GIC_ITS_ERR_MEMORY;
	return GIC_ITS_OK;
}

static enum gic_its_error lpi_set_pending(struct gic *g, uint32_t cpu, uint32_t intid)
{
	uint32_t *link;
	uint8_t cfg;
	enum gic_its_error e;

	if (!(g->cpus[cpu].flags & GIC_CPUF_LPIS))
		return GIC_ITS_ERR_LPIS_OFF;
	e = lpi_config(g, cpu, intid, &cfg);
	if (e != GIC_ITS_OK)
		return e;
	if (g->lpi_head == NULL) {
		g->lpi_head = calloc(g->cfg.nr_cpus, sizeof(*g->lpi_head));
		if (g->lpi_head == NULL)
			return GIC_ITS_ERR_MEMORY;
	}
	link = lpi_find(g, cpu, intid);
	if (*link == 0) {
		if (g->lpi_free == 0) {
			uint32_t cap = g->cap_lpis ? 2 * g->cap_lpis : LPI_POOL_FIRST;
			struct gic_lpi *p = realloc(g->lpi_pool, cap * sizeof(*p));

			if (p == NULL)
				return GIC_ITS_ERR_MEMORY;
			g->lpi_pool = p;
			for (uint32_t i = cap; i-- > g->cap_lpis;) {
				p[i].next = g->lpi_free;
				g->lpi_free = i + 1;
			}
			g->cap_lpis = cap;
			link = lpi_find(g, cpu, intid); /* the pool moved */
		}
		*link = g->lpi_free;
		g->lpi_free = g->lpi_pool[*link - 1].next;
		g->lpi_pool[*link - 1] = (struct gic_lpi){ .next = 0, .intid = (uint16_t)intid };
		g->nr_lpis++;
	}
	g->lpi_pool[*link - 1].prio = (uint8_t)(cfg & LPI_CFG_PRIO_MASK) & g->prof->dist_prio_mask;
	g->lpi_pool[*link - 1].enabled = cfg & LPI_CFG_ENABLE;
	gic_cpu_update(g, cpu);
	return GIC_ITS_OK;
}

/* Clear LPI @intid's pending state in vCPU @cpu; true if it was pending. */
static bool lpi_clear(struct gic *g, uint32_t cpu, uint32_t intid)
{
	uint32_t *link, node;

	if (g->lpi_head == NULL)
		return false;
	link = lpi_find(g, cpu, intid);
	if (*link == 0)
		return false;
	node = *link;
	*link = g->lpi_pool[node - 1].next;
	g->lpi_pool[node - 1].next = g->lpi_free;
	g->lpi_free = node;
	g->nr_lpis--;
	gic_cpu_update(g, cpu);
	return true;
}

/* Re-read the configuration of LPI @intid (every pending LPI for UINT32_MAX) of vCPU @cpu. */
static void lpi_refresh(struct gic *g, uint32_t cpu, uint32_t intid)
{
	if (g->lpi_head == NULL)
		return;
	for (uint32_t n = g->lpi_head[cpu]; n != 0; n = g->lpi_pool[n - 1].next) {
		struct gic_lpi *l = &g->lpi_pool[n - 1];
		uint8_t cfg;

		if (intid != UINT32_MAX && l->intid != intid)
			continue;
		if (lpi_config(g, cpu, l->intid, &cfg) != GIC_ITS_OK)
			continue;
		l->prio = (uint8_t)(cfg & LPI_CFG_PRIO_MASK) & g->prof->dist_prio_mask;
		l->enabled = cfg & LPI_CFG_ENABLE;
	}
	gic_cpu_update(g, cpu);
}

static void lpi_move(struct gic *g, uint32_t from, uint32_t to, uint32_t intid)
{
	if (from != to && lpi_clear(g, from, intid))
		(void)lpi_set_pending(g, to, intid);
}

void gic_lpi_best(const struct gic *g, uint32_t cpu, unsigned *best_prio, uint32_t *best)
{
	for (uint32_t n = g->lpi_head[cpu]; n != 0; n = g->lpi_pool[n - 1].next) {
		const struct gic_lpi *l = &g->lpi_pool[n - 1];

		if (!l->enabled)
			continue;
		if (l->prio < *best_prio || (l->prio == *best_prio && l->intid < *best)) {
			*best_prio = l->prio;
			*best = l->intid;
		}
	}
}


void gic_lpi_acknowledge(struct gic *g, uint32_t cpu, uint32_t intid)
{
	(void)lpi_clear(g, cpu, intid);
}

/* The LPIs pending in vCPU @cpu's redistributor: all, or the enabled ones. */
static uint32_t lpis_pending(const struct gic *g, uint32_t cpu, bool enabled_only)
{
	uint32_t n = 0;

	if (g == NULL || cpu >= g->cfg.nr_cpus || g->lpi_head == NULL)
		return 0;
	for (uint32_t i = g->lpi_head[cpu]; i != 0; i = g->lpi_pool[i - 1].next)
		n += !enabled_only || g->lpi_pool[i - 1].enabled;
	return n;
}

uint32_t gic_lpis_pending(const struct gic *g, uint32_t cpu)
{
	return lpis_pending(g, cpu, false);
}

uint32_t gic_lpis_pending_enabled(const struct gic *g, uint32_t cpu)
{
	return lpis_pending(g, cpu, true);
}

/* ---- tables ------------------------------------------------------------------- */

static bool id_bits_ok(uint64_t id, unsigned bits)
{
	return bits >= HALF_SHIFT || id >> bits == 0;
}

static unsigned collection_bits(const struct gic *g)
{
	return g->prof->its_cidbits ? g->prof->its_cidbits : ITS_COLLECTION_BITS;
}

/*
 * The address of entry @id of table @n (GITS_BASER<n>) into @addr.
 * GIC_ITS_OK, or @oor when @id is past the table or its level 2 page is not
 * valid, GIC_ITS_ERR_NO_TABLE, GIC_ITS_ERR_MEMORY.
 */
static enum gic_its_error table_entry(struct gic *g, const struct gic_its *its, unsigned n,
				      uint64_t id, enum gic_its_error oor, uint64_t *addr)
{
	uint64_t b = its->baser[n];
	uint64_t page = page_sizes[(b & GITS_BASER_PAGE_MASK) >> GITS_BASER_PAGE_SHIFT];
	uint64_t bytes = ((b & GITS_BASER_SIZE_MASK) + 1) * page;
	uint64_t base, l1;
	unsigned per_page;

	if (!(b & GITS_BASER_VALID))
		return GIC_ITS_ERR_NO_TABLE;
	if (page == page_sizes[2])
		base = (b & PAGE_64K_PA_MASK) |
		       ((b >> GITS_BASER_PA64K_HI_SHIFT) & PAGE_64K_HI_MASK) << PAGE_64K_HI_SHIFT;
	else
		base = b & GITS_BASER_PA_MASK;
	if (!(b & GITS_BASER_INDIRECT)) {
		if (id >= bytes / GITS_TABLE_ENTRY_SIZE)
			return oor;
		*addr = base + id * GITS_TABLE_ENTRY_SIZE;
		return GIC_ITS_OK;
	}
	/* Entries a level 2 page holds: a power of two, so shifts, not divisions. */
	per_page = (unsigned)__builtin_ctzll(page / GITS_TABLE_ENTRY_SIZE);
	if (id >> per_page >= bytes / L1_ENTRY_SIZE)
		return oor;
	if (!mem_read64(g, base + (id >> per_page) * L1_ENTRY_SIZE, &l1))
		return GIC_ITS_ERR_MEMORY;
	if (!(l1 & GITS_L1_VALID))
		return oor;
	*addr = (l1 & GITS_L1_PA_MASK) + (id & ((UINT64_C(1) << per_page) - 1)) * GITS_TABLE_ENTRY_SIZE;
	return GIC_ITS_OK;
}

/* The vCPU RDbase names (a Processor_Number, or with PTA an address >> 16), or GIC_NO_CPU. */
static uint32_t rdbase_cpu(struct gic *g, uint64_t rdbase)
{
	uint64_t off;
	uint32_t cpu;

	if (!g->prof->its_pta)
		return rdbase <= GICR_TYPER_PROC_NUM_MASK && rdbase < g->cfg.nr_cpus ?
		       (uint32_t)rdbase : GIC_NO_CPU;
	/* MOVI, SYNC and the MSI after them name one RDbase: one search for all. */
	if (g->rdbase_memo == rdbase + 1)
		return g->rdbase_memo_cpu;
	cpu = gic_redist_at(g, rdbase << RDBASE_PA_SHIFT, &off);
	cpu = cpu != GIC_NO_CPU && off == 0 ? cpu : GIC_NO_CPU;
	if (g->initialised) {
		g->rdbase_memo = rdbase + 1;
		g->rdbase_memo_cpu = cpu;
	}
	return cpu;
}

/* What an EventID of a device translates to. */
struct xlat {
	uint64_t ite_addr;
	uint64_t ite;
	uint32_t intid;
	uint32_t icid;
	uint32_t cpu;
};

static enum gic_its_error collection_cpu(struct gic *g, const struct gic_its *its, uint32_t icid,
					 uint32_t *cpu)
{
	uint64_t addr, cte;
	enum gic_its_error e;

	if (!id_bits_ok(icid, collection_bits(g)))
		return GIC_ITS_ERR_COLLECTION_OOR;
	e = table_entry(g, its, TABLE_COLLECTION, icid, GIC_ITS_ERR_COLLECTION_OOR, &addr);
	if (e != GIC_ITS_OK)
		return e;
	if (!mem_read64(g, addr, &cte))
		return GIC_ITS_ERR_MEMORY;
	if (!(cte & CTE_VALID))
		return GIC_ITS_ERR_COLLECTION_UNMAPPED;
	*cpu = rdbase_cpu(g, cte >> CTE_RDBASE_SHIFT);
	return *cpu == GIC_NO_CPU ? GIC_ITS_ERR_TARGET : GIC_ITS_OK;
}

/* The device table entry of @devid, valid, into @dte. */
static enum gic_its_error device_entry(struct gic *g, const struct gic_its *its, uint64_t devid,
				       uint64_t *dte)
{
	uint64_t addr;
	enum gic_its_error e;

	if (!id_bits_ok(devid, g->prof->its_devbits))
		return GIC_ITS_ERR_DEVICE_OOR;
	e = table_entry(g, its, TABLE_DEVICE, devid, GIC_ITS_ERR_DEVICE_OOR, &addr);
	if (e != GIC_ITS_OK)
		return e;
	if (!mem_read64(g, addr, dte))
		return GIC_ITS_ERR_MEMORY;
	return (*dte & DTE_VALID) ? GIC_ITS_OK : GIC_ITS_ERR_DEVICE_UNMAPPED;
}

/* The ITT entry address of @event of the device whose entry is @dte. */
static enum gic_its_error ite_addr(const struct gic *g, uint64_t dte, uint64_t event,
				   uint64_t *addr)
{
	unsigned bits = (unsigned)((dte >> DTE_SIZE_SHIFT) & GITS_CMD_SIZE_MASK) + 1;

	if (!id_bits_ok(event, bits) || !id_bits_ok(event, g->prof->its_idbits))
		return GIC_ITS_ERR_EVENT_OOR;
	*addr = (((dte >> DTE_ITT_SHIFT) & DTE_ITT_MASK) << ITT_ADDR_SHIFT) +
		event * g->prof->its_ite_size;
	return GIC_ITS_OK;
}

static enum gic_its_error translate(struct gic *g, const struct gic_its *its, uint64_t devid,
				    uint64_t event, struct xlat *x)
{
	uint64_t dte;
	enum gic_its_error e = device_entry(g, its, devid, &dte);

	if (e == GIC_ITS_OK)
		e = ite_addr(g, dte, event, &x->ite_addr);
	if (e != GIC_ITS_OK)
		return e;
	if (!mem_read64(g, x->ite_addr, &x->ite))
		return GIC_ITS_ERR_MEMORY;
	if (!(x->ite & ITE_VALID))
		return GIC_ITS_ERR_EVENT_UNMAPPED;
	x->intid = (uint32_t)x->ite;
	x->icid = (uint32_t)((x->ite >> ITE_ICID_SHIFT) & ITE_ICID_MASK);
	return collection_cpu(g, its, x->icid, &x->cpu);
}

/* ---- commands ------------------------------------------------------------------ */

static uint64_t ite_value(uint32_t intid, uint32_t icid)
{
	return ITE_VALID | (uint64_t)icid << ITE_ICID_SHIFT | intid;
}

static enum gic_its_error cmd_mapd(struct gic *g, const struct gic_its *its, const uint64_t *dw)
{
	uint64_t devid = dw[0] >> GITS_CMD_DEVID_SHIFT, addr;
	unsigned size = (unsigned)(dw[1] & GITS_CMD_SIZE_MASK);
	uint64_t itt = dw[2] & GITS_CMD_ITT_MASK;
	enum gic_its_error e;

	if (!id_bits_ok(devid, g->prof->its_devbits))
		return GIC_ITS_ERR_DEVICE_OOR;
	if (size + 1 > g->prof->its_idbits)
		return GIC_ITS_ERR_EVENT_OOR;
	e = table_entry(g, its, TABLE_DEVICE, devid, GIC_ITS_ERR_DEVICE_OOR, &addr);
	if (e != GIC_ITS_OK)
		return e;
	if (!mem_write64(g, addr, (dw[2] & GITS_CMD_VALID) ?
			 DTE_VALID | (uint64_t)size << DTE_SIZE_SHIFT |
			 (itt >> ITT_ADDR_SHIFT) << DTE_ITT_SHIFT : 0))
		return GIC_ITS_ERR_MEMORY;
	return GIC_ITS_OK;
}

static enum gic_its_error cmd_mapc(struct gic *g, const struct gic_its *its, const uint64_t *dw)
{
	uint32_t icid = (uint32_t)(dw[2] & GITS_CMD_ICID_MASK);
	uint64_t rdbase = (dw[2] >> GITS_CMD_RDBASE_SHIFT) & GITS_CMD_RDBASE_MASK, addr;
	bool valid = dw[2] & GITS_CMD_VALID;
	enum gic_its_error e;

	if (!id_bits_ok(icid, collection_bits(g)))
		return GIC_ITS_ERR_COLLECTION_OOR;
	if (valid && rdbase_cpu(g, rdbase) == GIC_NO_CPU)
		return GIC_ITS_ERR_TARGET;
	e = table_entry(g, its, TABLE_COLLECTION, icid, GIC_ITS_ERR_COLLECTION_OOR, &addr);
	if (e != GIC_ITS_OK)
		return e;
	if (!mem_write64(g, addr, valid ? CTE_VALID | rdbase << CTE_RDBASE_SHIFT : 0))
		return GIC_ITS_ERR_MEMORY;
	return GIC_ITS_OK;
}

static enum gic_its_error cmd_mapti(struct gic *g, const struct gic_its *its, const uint64_t *dw,
				    bool own_intid)
{
	uint64_t devid = dw[0] >> GITS_CMD_DEVID_SHIFT, dte, addr;
	uint32_t event = (uint32_t)dw[1];
	uint32_t intid = own_intid ? (uint32_t)(dw[1] >> GITS_CMD_PINTID_SHIFT) : event;
	uint32_t icid = (uint32_t)(dw[2] & GITS_CMD_ICID_MASK);
	enum gic_its_error e = device_entry(g, its, devid, &dte);

	if (e == GIC_ITS_OK)
		e = ite_addr(g, dte, event, &addr);
	if (e != GIC_ITS_OK)
		return e;
	if (!id_bits_ok(icid, collection_bits(g)))
		return GIC_ITS_ERR_COLLECTION_OOR;
	if (intid < GIC_LPI_FIRST || intid >= lpi_limit(g))
		return GIC_ITS_ERR_INTID;
	return mem_write64(g, addr, ite_value(intid, icid)) ? GIC_ITS_OK : GIC_ITS_ERR_MEMORY;
}

/* INT, CLEAR, DISCARD, INV, MOVI: commands on one DeviceID/EventID. */
static enum gic_its_error cmd_event(struct gic *g, const struct gic_its *its, const uint64_t *dw,
				    unsigned num)
{
	struct xlat x;
	uint32_t to, icid = (uint32_t)(dw[2] & GITS_CMD_ICID_MASK);
	enum gic_its_error e = translate(g, its, dw[0] >> GITS_CMD_DEVID_SHIFT, (uint32_t)dw[1], &x);

	if (e != GIC_ITS_OK)
		return e;
	switch (num) {
	case GITS_CMD_INT:
		return lpi_set_pending(g, x.cpu, x.intid);
	case GITS_CMD_CLEAR:
		(void)lpi_clear(g, x.cpu, x.intid);
		return GIC_ITS_OK;
	case GITS_CMD_DISCARD:
		(void)lpi_clear(g, x.cpu, x.intid);
		return mem_write64(g, x.ite_addr, 0) ? GIC_ITS_OK : GIC_ITS_ERR_MEMORY;
	case GITS_CMD_INV:
		lpi_refresh(g, x.cpu, x.intid);
		return GIC_ITS_OK;
	default: /* MOVI */
		e = collection_cpu(g, its, icid, &to);
		if (e != GIC_ITS_OK)
			return e;
		if (!mem_write64(g, x.ite_addr, ite_value(x.intid, icid)))
			return GIC_ITS_ERR_MEMORY;
		lpi_move(g, x.cpu, to, x.intid);
		return GIC_ITS_OK;
	}
}

/* Move every LPI pending in @from to @to. */
static void move_all(struct gic *g, uint32_t from, uint32_t to)
{
	if (g->lpi_head == NULL || from == to)
		return;
	while (g->lpi_head[from] != 0)
		lpi_move(g, from, to, g->lpi_pool[g->lpi_head[from] - 1].intid);
}

static enum gic_its_error its_command(struct gic *g, const struct gic_its *its, const uint64_t *dw)
{
	unsigned num = (unsigned)(dw[0] & GITS_CMD_NUM_MASK);
	uint32_t cpu, cpu2;
	enum gic_its_error e;

	switch (num) {
	case GITS_CMD_MAPD:
		return cmd_mapd(g, its, dw);
	case GITS_CMD_MAPC:
		return cmd_mapc(g, its, dw);
	case GITS_CMD_MAPTI:
		return cmd_mapti(g, its, dw, true);
	case GITS_CMD_MAPI:
		return cmd_mapti(g, its, dw, false);
	case GITS_CMD_INT:
	case GITS_CMD_CLEAR:
	case GITS_CMD_DISCARD:
	case GITS_CMD_INV:
	case GITS_CMD_MOVI:
		return cmd_event(g, its, dw, num);
	case GITS_CMD_INVALL:
		e = collection_cpu(g, its, (uint32_t)(dw[2] & GITS_CMD_ICID_MASK), &cpu);
		if (e == GIC_ITS_OK)
			lpi_refresh(g, cpu, UINT32_MAX);
		return e;
	case GITS_CMD_SYNC:
		/* Every effect is immediate: SYNC only checks its target. */
		return rdbase_cpu(g, (dw[2] >> GITS_CMD_RDBASE_SHIFT) & GITS_CMD_RDBASE_MASK) ==
		       GIC_NO_CPU ? GIC_ITS_ERR_TARGET : GIC_ITS_OK;
	case GITS_CMD_MOVALL:
		cpu = rdbase_cpu(g, (dw[2] >> GITS_CMD_RDBASE_SHIFT) & GITS_CMD_RDBASE_MASK);
		cpu2 = rdbase_cpu(g, (dw[3] >> GITS_CMD_RDBASE_SHIFT) & GITS_CMD_RDBASE_MASK);
		if (cpu == GIC_NO_CPU || cpu2 == GIC_NO_CPU)
			return GIC_ITS_ERR_TARGET;
		move_all(g, cpu, cpu2);
		return GIC_ITS_OK;
	default:
		return GIC_ITS_ERR_COMMAND;
	}
}

/* Execute the queue from GITS_CREADR up to GITS_CWRITER. */
static void its_process(struct gic *g, struct gic_its *its)
{
	uint64_t qsize = ((its->cbaser & GITS_CBASER_SIZE_MASK) + 1) * GITS_CMDQ_PAGE;
	uint64_t qbase = its->cbaser & GITS_CBASER_PA_MASK;

	if (!(its->ctlr & GITS_CTLR_ENABLED) || !(its->cbaser & GITS_CBASER_VALID) ||
	    (its->creadr & GITS_CREADR_STALLED))
		return;
	while ((its->creadr & GITS_CMDQ_OFFSET_MASK) != (its->cwriter & GITS_CMDQ_OFFSET_MASK)) {
		uint64_t off = its->creadr & GITS_CMDQ_OFFSET_MASK;
		uint64_t dw[DW_PER_CMD];
		uint8_t raw[GITS_CMD_SIZE];
		enum gic_its_error e = GIC_ITS_OK;

		/* A CWRITER past the queue: nothing to execute there (stall). */
		if ((its->cwriter & GITS_CMDQ_OFFSET_MASK) >= qsize || off >= qsize)
			e = GIC_ITS_ERR_MEMORY;
		if (e == GIC_ITS_OK && !mem_read(g, qbase + off, raw, sizeof(raw)))
			e = GIC_ITS_ERR_MEMORY;
		for (unsigned i = 0; i < DW_PER_CMD && e == GIC_ITS_OK; i++)
			dw[i] = get_le64(raw + i * sizeof(uint64_t));
		if (e == GIC_ITS_ERR_MEMORY) {
			its->creadr |= GITS_CREADR_STALLED;
			its->stats.last_error = e;
			return;
		}
		e = its_command(g, its, dw);
		if (e == GIC_ITS_OK) {
			its->stats.commands++;
		} else {
			its->stats.errors++;
			its->stats.last_error = e;
		}
		/* off + GITS_CMD_SIZE <= qsize: the queue wraps at its end */
		its->creadr = off + GITS_CMD_SIZE == qsize ? 0 : off + GITS_CMD_SIZE;
	}
}

/* ---- MSIs ----------------------------------------------------------------------- */

int gic_msi_write(struct gic *g, uint64_t addr, uint32_t device_id, uint32_t event_id,
		  enum gic_its_error *result)
{
	enum gic_its_error e;
	struct gic_its *its = NULL;
	struct xlat x;

	if (g == NULL)
		return GIC_E_INVAL;
	if (!g->initialised)
		return GIC_E_NOT_INITIALISED;
	for (uint32_t i = 0; i < g->nr_its && its == NULL; i++)
		if (addr == g->its[i].base + GIC_ITS_TRANSLATER_OFFSET)
			its = &g->its[i];
	if (its == NULL)
		return GIC_E_UNMAPPED;
	if (!(its->ctlr & GITS_CTLR_ENABLED))
		e = GIC_ITS_ERR_DISABLED;
	else
		e = translate(g, its, device_id, event_id, &x);
	if (e == GIC_ITS_OK)
		e = lpi_set_pending(g, x.cpu, x.intid);
	if (e != GIC_ITS_OK)
		its->stats.last_error = e;
	if (result != NULL)
		*result = e;
	return GIC_OK;
}

/* ---- MMIO ------------------------------------------------------------------------ */

static uint64_t its_typer(const struct gic *g)
{
	const struct gic_profile_desc *p = g->prof;
	uint64_t v = GITS_TYPER_PHYSICAL |
		     (uint64_t)(p->its_ite_size - 1) << GITS_TYPER_ITT_SIZE_SHIFT |
		     (uint64_t)(p->its_idbits - 1) << GITS_TYPER_IDBITS_SHIFT |
		     (uint64_t)(p->its_devbits - 1) << GITS_TYPER_DEVBITS_SHIFT;

	if (p->its_pta)
		v |= GITS_TYPER_PTA;
	if (p->its_cidbits != 0)
		v |= GITS_TYPER_CIL | (uint64_t)(p->its_cidbits - 1) << GITS_TYPER_CIDBITS_SHIFT;
	return v;
}

/* Merge a 4-byte write at @off into 64-bit register @reg (8-byte: the whole). */
static uint64_t merge64(uint64_t reg, uint64_t off, unsigned size, uint64_t val)
{
	unsigned shift;

	if (size == sizeof(uint64_t))
		return val;
	shift = (off & WORD_BYTES) ? HALF_SHIFT : 0;
	return (reg & ~(WORD_MASK << shift)) | ((val & WORD_MASK) << shift);
}

static uint64_t half64(uint64_t reg, uint64_t off, unsigned size)
{
	if (size == sizeof(uint64_t))
		return reg;
	return (off & WORD_BYTES) ? reg >> HALF_SHIFT : reg & WORD_MASK;
}

static void baser_write(struct gic_its *its, unsigned n, uint64_t v)
{
	if (n > TABLE_COLLECTION || (its->ctlr & GITS_CTLR_ENABLED))
		return; /* BASER2-7 unimplemented; a table moves only while disabled */
	its->baser[n] = (its->baser[n] & GITS_BASER_RO_MASK) | (v & ~GITS_BASER_RO_MASK);
}

/* The ITS_base frame's 64-bit registers (TYPER, CBASER, CWRITER, CREADR, BASERn) at @reg. */
static uint64_t *reg64(struct gic_its *its, uint64_t reg, uint64_t *typer)
{
	if (reg == GITS_TYPER)
		return typer;
	if (reg == GITS_CBASER)
		return &its->cbaser;
	if (reg == GITS_CWRITER)
		return &its->cwriter;
	if (reg == GITS_CREADR)
		return &its->creadr;
	if (reg >= GITS_BASER && reg < GITS_BASER + GITS_BASER_COUNT * sizeof(uint64_t))
		return &its->baser[(reg - GITS_BASER) / sizeof(uint64_t)];
	return NULL;
}

static void reg64_write(struct gic *g, struct gic_its *its, uint64_t reg, uint64_t v)
{
	if (reg == GITS_CBASER) {
		if (its->ctlr & GITS_CTLR_ENABLED)
			return; /* QEMU's IMPDEF choice: read-only while enabled */
		its->cbaser = v;
		its->creadr = 0;
		its->cwriter = 0;
	} else if (reg == GITS_CWRITER) {
		its->cwriter = v & GITS_CMDQ_OFFSET_MASK;
		if (v & GITS_CREADR_STALLED) /* Retry */
			its->creadr &= ~GITS_CREADR_STALLED;
		its_process(g, its);
	} else if (reg >= GITS_BASER) {
		baser_write(its, (unsigned)((reg - GITS_BASER) / sizeof(uint64_t)), v);
	}
}

int gic_its_mmio(struct gic *g, uint64_t addr, unsigned size, bool write, uint64_t *val)
{
	struct gic_its *its = NULL;
	uint64_t off, typer, *r;

	for (uint32_t i = 0; i < g->nr_its && its == NULL; i++)
		if (addr >= g->its[i].base && addr - g->its[i].base < GIC_ITS_SIZE)
			its = &g->its[i];
	if (its == NULL)
		return GIC_E_UNMAPPED;
	off = addr - its->base;
	if (off >= GIC_FRAME_SIZE || off >= GIC_IDREGS_FIRST) {
		/* The translation frame (a CPU's write carries no DeviceID) and the ID registers. */
		if (!write)
			*val = off == GIC_PIDR2 && size == WORD_BYTES ?
			       (uint64_t)(g->cfg.version << GIC_PIDR2_ARCHREV_SHIFT | GIC_PIDR2_JEDEC_ARM) : 0;
		return GIC_OK;
	}
	if (size < WORD_BYTES) {
		if (g->prof->bad_width_raz) {
			if (!write)
				*val = 0;
			return GIC_OK;
		}
		return GIC_E_ACCESS_SIZE;
	}
	typer = its_typer(g);
	if (off == GITS_CTLR || off == GITS_IIDR) {
		if (size != WORD_BYTES)
			return g->prof->bad_width_raz ? (write ? GIC_OK : (*val = 0, GIC_OK)) :
			       GIC_E_ACCESS_SIZE;
		if (!write) {
			bool quiet = (its->creadr & GITS_CMDQ_OFFSET_MASK) ==
				     (its->cwriter & GITS_CMDQ_OFFSET_MASK);

			*val = off == GITS_IIDR ? g->prof->gits_iidr :
			       its->ctlr | (quiet ? GITS_CTLR_QUIESCENT : 0);
		} else if (off == GITS_CTLR) {
			its->ctlr = (uint32_t)(*val & GITS_CTLR_ENABLED);
			its_process(g, its);
		}
		return GIC_OK;
	}
	r = reg64(its, off & ~(uint64_t)(sizeof(uint64_t) - 1), &typer);
	if (r == NULL) {
		if (!write)
			*val = 0;
		return GIC_OK; /* reserved: RAZ/WI */
	}
	if (!write) {
		*val = half64(*r, off, size);
		return GIC_OK;
	}
	if (r != &typer && r != &its->creadr)
		reg64_write(g, its, off & ~(uint64_t)(sizeof(uint64_t) - 1),
			    merge64(*r, off, size, *val));
	return GIC_OK;
}
