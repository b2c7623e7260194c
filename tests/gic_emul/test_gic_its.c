/* SPDX-License-Identifier: MIT */
/*
 * The ITS and LPIs: GITS_TYPER per profile, the command queue programmed as
 * Linux's ITS driver does it, MSIs taken through ICC_IAR1_EL1, and bad
 * commands and tables (ignored and counted, or a stalled queue; never a crash).
 */
#include "gic_test.h"

#include <stdlib.h>
#include <string.h>

#define T_ITS           UINT64_C(0x08080000)   /* QEMU virt's ITS */
#define MEM_BASE        UINT64_C(0x40000000)
#define MEM_SIZE        (UINT64_C(4) << 20)
#define CMDQ            (MEM_BASE)                      /* 64 KiB queue */
#define CMDQ_PAGES      16
#define DEV_TABLE       (MEM_BASE + 0x10000)            /* 64 KiB */
#define COLL_TABLE      (MEM_BASE + 0x20000)            /* 64 KiB */
#define PROP_TABLE      (MEM_BASE + 0x30000)            /* 64 KiB: IDbits 16 */
#define ITT_BASE        (MEM_BASE + 0x100000)
#define L2_PAGE         (MEM_BASE + 0x200000)
#define LPI_PRIO        0xa0
#define LPI0            8192

/* A flat guest memory: [MEM_BASE, MEM_BASE + MEM_SIZE). */
struct tmem {
	uint8_t *b;
	unsigned reads_refused;
	unsigned pages_mapped;
};

/* The second test case runs every test again with the model reaching memory through tmem_map. */
#define TMEM_PAGE 4096u
static bool with_map;

static void map_on(void)
{
	with_map = true;
}

static void map_off(void)
{
	with_map = false;
}

static int tmem_read(void *ctx, uint64_t addr, void *buf, size_t len)
{
	struct tmem *m = ctx;

	if (addr < MEM_BASE || addr - MEM_BASE > MEM_SIZE - len) {
		m->reads_refused++;
		return -1;
	}
	memcpy(buf, m->b + (addr - MEM_BASE), len);
	return 0;
}

static int tmem_write(void *ctx, uint64_t addr, const void *buf, size_t len)
{
	struct tmem *m = ctx;

	if (addr < MEM_BASE || addr - MEM_BASE > MEM_SIZE - len)
		return -1;
	memcpy(m->b + (addr - MEM_BASE), buf, len);
	return 0;
}

/* gic_guest_mem.map: the flat memory's page at @page, or NULL outside it. */
static void *tmem_map(void *ctx, uint64_t page, bool make)
{
	struct tmem *m = ctx;

	(void)make; /* every page of the flat memory exists */
	if (page < MEM_BASE || page - MEM_BASE > MEM_SIZE - TMEM_PAGE)
		return NULL;
	m->pages_mapped++;
	return m->b + (page - MEM_BASE);
}

struct titsenv {
	struct gic *g;
	struct tmem mem;
	uint64_t cwriter;
};

static void put64(struct titsenv *e, uint64_t addr, uint64_t v)
{
	ck_assert_int_eq(tmem_write(&e->mem, addr, &v, sizeof(v)), 0); /* little-endian host */
}

static struct gic *its_gic(struct titsenv *e, enum gic_profile p, uint32_t nr_cpus)
{
	struct gic_guest_mem gm = { .ctx = &e->mem, .read = tmem_read, .write = tmem_write,
				    .map = with_map ? tmem_map : NULL,
				    .page_size = with_map ? TMEM_PAGE : 0 };
	uint32_t idx = 99;

	memset(e, 0, sizeof(*e));
	e->mem.b = calloc(1, MEM_SIZE);
	ck_assert_ptr_nonnull(e->mem.b);
	e->g = t_gic_raw(p, 3, nr_cpus, 64, true, NULL);
	ck_assert_int_eq(gic_set_dist_base(e->g, T_DIST), GIC_OK);
	ck_assert_int_eq(gic_set_redist_base(e->g, T_REDIST), GIC_OK);
	ck_assert_int_eq(gic_add_its(e->g, T_ITS, &idx), GIC_OK);
	ck_assert_uint_eq(idx, 0);
	ck_assert_int_eq(gic_set_guest_memory(e->g, &gm), GIC_OK);
	ck_assert_int_eq(gic_init(e->g), GIC_OK);
	return e->g;
}

static void its_free(struct titsenv *e)
{
	gic_destroy(e->g);
	free(e->mem.b);
}

static void cmd(struct titsenv *e, uint64_t d0, uint64_t d1, uint64_t d2, uint64_t d3)
{
	put64(e, CMDQ + e->cwriter, d0);
	put64(e, CMDQ + e->cwriter + 8, d1);
	put64(e, CMDQ + e->cwriter + 16, d2);
	put64(e, CMDQ + e->cwriter + 24, d3);
	e->cwriter += GITS_CMD_SIZE;
	t_wr(e->g, T_ITS + GITS_CWRITER, 8, e->cwriter);
}

static uint64_t rdbase(struct titsenv *e, uint32_t cpu)
{
	uint64_t typer = t_rd(e->g, T_ITS + GITS_TYPER, 8);

	if (typer & GITS_TYPER_PTA)
		return t_rdbase(e->g, cpu) >> 16;
	return (t_rd(e->g, t_rdbase(e->g, cpu) + GICR_TYPER, 8) >> GICR_TYPER_PROC_NUM_SHIFT) &
	       GICR_TYPER_PROC_NUM_MASK;
}

/* Linux's order: tables, LPIs on in each redistributor, ITS on, MAPC per CPU, SYNC. */
static void linux_setup(struct titsenv *e, uint32_t nr_cpus, bool indirect)
{
	struct gic *g = e->g;
	const uint64_t page64k = UINT64_C(2) << GITS_BASER_PAGE_SHIFT;

	t_dist_on(g);
	for (uint32_t c = 0; c < nr_cpus; c++) {
		t_cpu_on(g, c);
		t_wr(g, t_rdbase(g, c) + GICR_PROPBASER, 8, PROP_TABLE | (16 - 1));
		t_wr(g, t_rdbase(g, c) + GICR_CTLR, 4, GICR_CTLR_ENABLE_LPIS);
	}
	for (uint32_t i = 0; i < 64; i++)
		e->mem.b[PROP_TABLE - MEM_BASE + i] = LPI_PRIO | LPI_CFG_ENABLE;
	t_wr(g, T_ITS + GITS_CBASER, 8, GITS_CBASER_VALID | CMDQ | (CMDQ_PAGES - 1));
	t_wr(g, T_ITS + GITS_BASER, 8, GITS_BASER_VALID | page64k | DEV_TABLE |
	     (indirect ? GITS_BASER_INDIRECT : 0));
	if (indirect)
		put64(e, DEV_TABLE + 8 * 1, GITS_L1_VALID | L2_PAGE); /* DeviceIDs 8192..16383 */
	t_wr(g, T_ITS + GITS_BASER + 8, 8, GITS_BASER_VALID | page64k | COLL_TABLE);
	t_wr(g, T_ITS + GITS_CTLR, 4, GITS_CTLR_ENABLED);
	for (uint32_t c = 0; c < nr_cpus; c++)
		cmd(e, GITS_CMD_MAPC, 0, GITS_CMD_VALID | rdbase(e, c) << 16 | c, 0);
	cmd(e, GITS_CMD_SYNC, 0, rdbase(e, 0) << 16, 0);
}

static void mapd(struct titsenv *e, uint32_t dev, unsigned bits, uint64_t itt)
{
	cmd(e, GITS_CMD_MAPD | (uint64_t)dev << 32, bits - 1, GITS_CMD_VALID | itt, 0);
}

static void mapti(struct titsenv *e, uint32_t dev, uint32_t event, uint32_t intid, uint32_t icid)
{
	cmd(e, GITS_CMD_MAPTI | (uint64_t)dev << 32, (uint64_t)intid << 32 | event, icid, 0);
}

static enum gic_its_error msi(struct titsenv *e, uint32_t dev, uint32_t event)
{
	enum gic_its_error r = GIC_ITS_ERROR_COUNT;

	ck_assert_int_eq(gic_msi_write(e->g, T_ITS + GIC_ITS_TRANSLATER_OFFSET, dev, event, &r),
			 GIC_OK);
	return r;
}

/* The LPI @cpu takes (IAR1), then EOI. */
static uint32_t take(struct titsenv *e, uint32_t cpu)
{
	uint32_t intid = (uint32_t)t_sysrd(e->g, cpu, GIC_ICC_IAR1);

	if (intid != GIC_INTID_SPURIOUS)
		t_syswr(e->g, cpu, GIC_ICC_EOIR1, intid);
	return intid;
}

static struct gic_its_stats stats(struct titsenv *e)
{
	struct gic_its_stats st;

	ck_assert_int_eq(gic_its_stats(e->g, 0, &st), GIC_OK);
	return st;
}

START_TEST(typer_per_profile)
{
	struct titsenv e;
	uint64_t t;

	its_gic(&e, GIC_PROFILE_KVM, 2);
	t = t_rd(e.g, T_ITS + GITS_TYPER, 8);
	ck_assert(t & GITS_TYPER_PHYSICAL);
	ck_assert_uint_eq((t >> GITS_TYPER_DEVBITS_SHIFT) & GITS_FIELD5_MASK, 15);
	ck_assert_uint_eq((t >> GITS_TYPER_IDBITS_SHIFT) & GITS_FIELD5_MASK, 15);
	ck_assert_uint_eq((t >> GITS_TYPER_ITT_SIZE_SHIFT) & GITS_FIELD4_MASK, 7);
	ck_assert(!(t & GITS_TYPER_PTA));
	ck_assert(!(t & GITS_TYPER_CIL));
	ck_assert_uint_eq(t_rd(e.g, T_ITS + GITS_IIDR, 4), 0x4b00043b);
	/* the two 32-bit halves read as the 64-bit register */
	ck_assert_uint_eq(t_rd(e.g, T_ITS + GITS_TYPER + 4, 4), t >> 32);
	its_free(&e);

	its_gic(&e, GIC_PROFILE_QEMU, 2);
	t = t_rd(e.g, T_ITS + GITS_TYPER, 8);
	ck_assert_uint_eq((t >> GITS_TYPER_ITT_SIZE_SHIFT) & GITS_FIELD4_MASK, 11);
	ck_assert(t & GITS_TYPER_CIL);
	ck_assert_uint_eq((t >> GITS_TYPER_CIDBITS_SHIFT) & GITS_FIELD4_MASK, 15);
	ck_assert(!(t & GITS_TYPER_PTA));
	/* BASER0 is the device table, BASER1 the collections, 8-byte entries, RO type */
	t_wr(e.g, T_ITS + GITS_BASER, 8, 0);
	t = t_rd(e.g, T_ITS + GITS_BASER, 8);
	ck_assert_uint_eq((t & GITS_BASER_TYPE_MASK) >> GITS_BASER_TYPE_SHIFT, GITS_BASER_TYPE_DEVICE);
	t = t_rd(e.g, T_ITS + GITS_BASER + 8, 8);
	ck_assert_uint_eq((t & GITS_BASER_TYPE_MASK) >> GITS_BASER_TYPE_SHIFT,
			  GITS_BASER_TYPE_COLLECTION);
	ck_assert_uint_eq(t_rd(e.g, T_ITS + GITS_BASER + 16, 8), 0);
	/* QEMU: a byte access is RAZ/WI, not an error */
	ck_assert_uint_eq(t_rd(e.g, T_ITS + GITS_CTLR, 1), 0);
	its_free(&e);

	its_gic(&e, GIC_PROFILE_ARCH, 2);
	t = t_rd(e.g, T_ITS + GITS_TYPER, 8);
	ck_assert(t & GITS_TYPER_PTA);
	ck_assert_uint_eq((t >> GITS_TYPER_DEVBITS_SHIFT) & GITS_FIELD5_MASK, 31);
	ck_assert_int_eq(gic_mmio_read(e.g, T_ITS + GITS_CTLR, 1, &t), GIC_E_ACCESS_SIZE);
	ck_assert(t_rd(e.g, T_ITS + GITS_CTLR, 4) & GITS_CTLR_QUIESCENT);
	its_free(&e);
}
END_TEST

/* Every profile: one collection per CPU, one device, each CPU gets its LPI. */
START_TEST(msi_reaches_its_cpu)
{
	struct titsenv e;
	const uint32_t n = 4, dev = 3;

	its_gic(&e, (enum gic_profile)_i, n);
	linux_setup(&e, n, false);
	mapd(&e, dev, 4, ITT_BASE);
	for (uint32_t c = 0; c < n; c++)
		mapti(&e, dev, c, LPI0 + c, c);
	cmd(&e, GITS_CMD_SYNC, 0, rdbase(&e, 0) << 16, 0);
	ck_assert_uint_eq(stats(&e).errors, 0);
	for (uint32_t c = 0; c < n; c++) {
		ck_assert_int_eq(msi(&e, dev, c), GIC_ITS_OK);
		ck_assert_uint_eq(gic_signalled_cpu_count(e.g), 1);
		ck_assert_uint_eq(t_only_signalled(e.g), c);
		ck_assert_uint_eq(t_sysrd(e.g, c, GIC_ICC_HPPIR1), LPI0 + c);
		ck_assert_uint_eq(take(&e, c), LPI0 + c);
		ck_assert_uint_eq(gic_signalled_cpu_count(e.g), 0);
		ck_assert_uint_eq(gic_lpis_pending(e.g, c), 0);
	}
	/* Through mapped pages, a page is asked for once and then kept (the TLB). */
	if (with_map)
		ck_assert_uint_gt(e.mem.pages_mapped, 0);
	else
		ck_assert_uint_eq(e.mem.pages_mapped, 0);
	its_free(&e);
}
END_TEST

START_TEST(commands_move_clear_discard)
{
	struct titsenv e;
	const uint32_t dev = 1;

	its_gic(&e, GIC_PROFILE_KVM, 2);
	linux_setup(&e, 2, false);
	mapd(&e, dev, 2, ITT_BASE);
	mapti(&e, dev, 0, LPI0, 0);
	/* INT sets it pending on CPU 0; MOVI moves it, pending state with it, to CPU 1 */
	cmd(&e, GITS_CMD_INT | (uint64_t)dev << 32, 0, 0, 0);
	ck_assert_uint_eq(gic_lpis_pending(e.g, 0), 1);
	cmd(&e, GITS_CMD_MOVI | (uint64_t)dev << 32, 0, 1, 0);
	ck_assert_uint_eq(gic_lpis_pending(e.g, 0), 0);
	ck_assert_uint_eq(t_only_signalled(e.g), 1);
	/* CLEAR drops it */
	cmd(&e, GITS_CMD_CLEAR | (uint64_t)dev << 32, 0, 0, 0);
	ck_assert_uint_eq(gic_signalled_cpu_count(e.g), 0);
	/* MOVALL moves every LPI pending in CPU 1 to CPU 0 */
	ck_assert_int_eq(msi(&e, dev, 0), GIC_ITS_OK);
	cmd(&e, GITS_CMD_MOVALL, 0, rdbase(&e, 1) << 16, rdbase(&e, 0) << 16);
	ck_assert_uint_eq(t_only_signalled(e.g), 0);
	/* INV re-reads the configuration: disabled, it is no longer signalled */
	e.mem.b[PROP_TABLE - MEM_BASE] = LPI_PRIO;
	ck_assert_uint_eq(gic_signalled_cpu_count(e.g), 1);
	cmd(&e, GITS_CMD_MOVI | (uint64_t)dev << 32, 0, 0, 0); /* same collection: no change */
	cmd(&e, GITS_CMD_INV | (uint64_t)dev << 32, 0, 0, 0);
	ck_assert_uint_eq(gic_signalled_cpu_count(e.g), 0);
	e.mem.b[PROP_TABLE - MEM_BASE] = LPI_PRIO | LPI_CFG_ENABLE;
	cmd(&e, GITS_CMD_INVALL, 0, 0, 0);
	ck_assert_uint_eq(t_only_signalled(e.g), 0);
	/* DISCARD: no longer pending, and the event no longer translates */
	cmd(&e, GITS_CMD_DISCARD | (uint64_t)dev << 32, 0, 0, 0);
	ck_assert_uint_eq(gic_signalled_cpu_count(e.g), 0);
	ck_assert_int_eq(msi(&e, dev, 0), GIC_ITS_ERR_EVENT_UNMAPPED);
	/* MAPI: the EventID is the INTID, and 1 is no LPI */
	cmd(&e, GITS_CMD_MAPI | (uint64_t)dev << 32, 1, 1, 0);
	ck_assert_uint_eq(stats(&e).last_error, GIC_ITS_ERR_INTID);
	ck_assert_uint_eq(stats(&e).errors, 1);
	its_free(&e);
}
END_TEST

START_TEST(bad_commands_ignored)
{
	struct titsenv e;
	struct gic_its_stats st;
	uint64_t errors;

	its_gic(&e, GIC_PROFILE_QEMU, 2);
	linux_setup(&e, 2, false);
	errors = stats(&e).errors;
	/* unknown command, MAPTI to an unmapped device, MAPC to no CPU, DeviceID past Devbits */
	cmd(&e, 0xff, 0, 0, 0);
	ck_assert_uint_eq(stats(&e).last_error, GIC_ITS_ERR_COMMAND);
	mapti(&e, 7, 0, LPI0, 0);
	ck_assert_uint_eq(stats(&e).last_error, GIC_ITS_ERR_DEVICE_UNMAPPED);
	cmd(&e, GITS_CMD_MAPC, 0, GITS_CMD_VALID | UINT64_C(500) << 16 | 5, 0);
	ck_assert_uint_eq(stats(&e).last_error, GIC_ITS_ERR_TARGET);
	mapd(&e, UINT32_C(1) << 16, 2, ITT_BASE);
	ck_assert_uint_eq(stats(&e).last_error, GIC_ITS_ERR_DEVICE_OOR);
	mapd(&e, 1, 2, ITT_BASE);
	mapti(&e, 1, 4, LPI0, 0);     /* EventID past the ITT (2 bits) */
	ck_assert_uint_eq(stats(&e).last_error, GIC_ITS_ERR_EVENT_OOR);
	mapti(&e, 1, 0, 100, 0);      /* not an LPI */
	ck_assert_uint_eq(stats(&e).last_error, GIC_ITS_ERR_INTID);
	mapti(&e, 1, 0, LPI0, 9);     /* unmapped collection: MAPTI takes it, the MSI drops */
	ck_assert_int_eq(msi(&e, 1, 0), GIC_ITS_ERR_COLLECTION_UNMAPPED);
	st = stats(&e);
	ck_assert_uint_eq(st.errors, errors + 6);
	ck_assert(!st.stalled);
	ck_assert_uint_eq(t_rd(e.g, T_ITS + GITS_CREADR, 8), e.cwriter);
	/* MSIs that cannot translate */
	ck_assert_int_eq(msi(&e, UINT32_C(1) << 16, 0), GIC_ITS_ERR_DEVICE_OOR);
	ck_assert_int_eq(msi(&e, 2, 0), GIC_ITS_ERR_DEVICE_UNMAPPED);
	ck_assert_int_eq(gic_msi_write(e.g, T_ITS, 1, 0, NULL), GIC_E_UNMAPPED);
	/* the ITS disabled drops MSIs */
	t_wr(e.g, T_ITS + GITS_CTLR, 4, 0);
	ck_assert_int_eq(msi(&e, 1, 0), GIC_ITS_ERR_DISABLED);
	its_free(&e);
}
END_TEST

START_TEST(queue_outside_memory_stalls)
{
	struct titsenv e;

	its_gic(&e, GIC_PROFILE_ARCH, 1);
	linux_setup(&e, 1, false);
	/* a queue at an address the caller does not back */
	t_wr(e.g, T_ITS + GITS_CTLR, 4, 0);
	t_wr(e.g, T_ITS + GITS_CBASER, 8, GITS_CBASER_VALID | UINT64_C(0x10000000));
	t_wr(e.g, T_ITS + GITS_CTLR, 4, GITS_CTLR_ENABLED);
	t_wr(e.g, T_ITS + GITS_CWRITER, 8, GITS_CMD_SIZE);
	ck_assert(stats(&e).stalled);
	ck_assert_uint_eq(stats(&e).last_error, GIC_ITS_ERR_MEMORY);
	ck_assert_uint_eq(t_rd(e.g, T_ITS + GITS_CREADR, 8), GITS_CREADR_STALLED);
	ck_assert(!(t_rd(e.g, T_ITS + GITS_CTLR, 4) & GITS_CTLR_QUIESCENT));
	/* Retry tries again: still stalled */
	t_wr(e.g, T_ITS + GITS_CWRITER, 8, GITS_CMD_SIZE | 1);
	ck_assert(stats(&e).stalled);
	/* CWRITER past a one-page queue */
	t_wr(e.g, T_ITS + GITS_CTLR, 4, 0);
	t_wr(e.g, T_ITS + GITS_CBASER, 8, GITS_CBASER_VALID | CMDQ);
	t_wr(e.g, T_ITS + GITS_CTLR, 4, GITS_CTLR_ENABLED);
	t_wr(e.g, T_ITS + GITS_CWRITER, 8, 0x2000);
	ck_assert(stats(&e).stalled);
	its_free(&e);
}
END_TEST

START_TEST(two_level_device_table)
{
	struct titsenv e;
	const uint32_t dev = 8192 + 5;

	its_gic(&e, GIC_PROFILE_KVM, 1);
	linux_setup(&e, 1, true);
	mapd(&e, dev, 1, ITT_BASE);
	mapti(&e, dev, 1, LPI0 + 7, 0);
	ck_assert_uint_eq(stats(&e).errors, 0);
	ck_assert_int_eq(msi(&e, dev, 1), GIC_ITS_OK);
	ck_assert_uint_eq(take(&e, 0), LPI0 + 7);
	/* DeviceID 5: its level 2 page is not valid */
	mapd(&e, 5, 1, ITT_BASE);
	ck_assert_uint_eq(stats(&e).last_error, GIC_ITS_ERR_DEVICE_OOR);
	its_free(&e);
}
END_TEST

START_TEST(lpis_need_enable_and_priority)
{
	struct titsenv e;

	its_gic(&e, GIC_PROFILE_ARCH, 1);
	linux_setup(&e, 1, false);
	mapd(&e, 0, 2, ITT_BASE);
	mapti(&e, 0, 0, LPI0 + 1, 0);
	mapti(&e, 0, 1, LPI0 + 2, 0);
	e.mem.b[PROP_TABLE - MEM_BASE + 2] = 0x20 | LPI_CFG_ENABLE; /* higher priority */
	ck_assert_int_eq(msi(&e, 0, 0), GIC_ITS_OK);
	ck_assert_int_eq(msi(&e, 0, 1), GIC_ITS_OK);
	ck_assert_int_eq(msi(&e, 0, 1), GIC_ITS_OK); /* already pending: one LPI */
	ck_assert_uint_eq(gic_lpis_pending(e.g, 0), 2);
	ck_assert_uint_eq(take(&e, 0), LPI0 + 2);
	ck_assert_uint_eq(take(&e, 0), LPI0 + 1);
	ck_assert_uint_eq(take(&e, 0), GIC_INTID_SPURIOUS);
	/* EnableLPIs 0: the redistributor takes none */
	t_wr(e.g, t_rdbase(e.g, 0) + GICR_CTLR, 4, 0);
	ck_assert_int_eq(msi(&e, 0, 0), GIC_ITS_ERR_LPIS_OFF);
	its_free(&e);
}
END_TEST

START_TEST(add_its_errors)
{
	struct gic *g = t_gic_raw(GIC_PROFILE_KVM, 3, 1, 64, false, NULL);

	ck_assert_int_eq(gic_add_its(g, T_ITS, NULL), GIC_E_NO_LPIS);
	gic_destroy(g);
	g = t_gic_raw(GIC_PROFILE_KVM, 3, 1, 64, true, NULL);
	ck_assert_int_eq(gic_set_dist_base(g, T_DIST), GIC_OK);
	ck_assert_int_eq(gic_add_its(g, T_ITS + 0x1000, NULL), GIC_E_ALIGN);
	ck_assert_int_eq(gic_add_its(g, T_DIST, NULL), GIC_E_OVERLAP);
	ck_assert_int_eq(gic_add_its(g, T_ITS, NULL), GIC_OK);
	ck_assert_int_eq(gic_add_its(g, T_ITS + 0x10000, NULL), GIC_E_OVERLAP);
	/* a redistributor region over the ITS is refused too */
	ck_assert_int_eq(gic_add_redist_region(g, T_ITS, 1), GIC_E_OVERLAP);
	ck_assert_int_eq(gic_add_its(g, UINT64_MAX & ~UINT64_C(0xffff), NULL), GIC_E_RANGE);
	ck_assert_uint_eq(gic_its_count(g), 1);
	ck_assert_int_eq(gic_its_stats(g, 1, &(struct gic_its_stats){ 0 }), GIC_E_ITS_COUNT);
	ck_assert_str_eq(gic_its_strerror(GIC_ITS_ERR_DISABLED), "GITS_CTLR.Enabled is 0");
	ck_assert_str_eq(gic_its_strerror(GIC_ITS_ERROR_COUNT), "unknown ITS error");
	gic_destroy(g);
}
END_TEST

Suite *its_suite(void)
{
	Suite *s = suite_create("its");

	for (int mapped = 0; mapped < 2; mapped++) {
		TCase *tc = tcase_create(mapped ? "its, memory mapped" : "its");

		if (mapped)
			tcase_add_checked_fixture(tc, map_on, map_off);
		tcase_add_test(tc, typer_per_profile);
		tcase_add_loop_test(tc, msi_reaches_its_cpu, 0, GIC_PROFILE_COUNT);
		tcase_add_test(tc, commands_move_clear_discard);
		tcase_add_test(tc, bad_commands_ignored);
		tcase_add_test(tc, queue_outside_memory_stalls);
		tcase_add_test(tc, two_level_device_table);
		tcase_add_test(tc, lpis_need_enable_and_priority);
		tcase_add_test(tc, add_its_errors);
		suite_add_tcase(s, tc);
	}
	return s;
}
