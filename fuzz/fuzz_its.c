/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: any bytes as an ITS command queue (and table layout, and
 * MSIs), run against a GIC with an ITS under each profile. Byte 0 picks the
 * profile, byte 1 the tables (flat or two-level, page sizes, tables seeded
 * from the input); then 32-byte commands fill the queue and GITS_CWRITER is
 * moved over them in steps; every 8 bytes of the input are then an MSI
 * (DeviceID, EventID), and each vCPU takes what it is given. Nothing may
 * crash, and what is pending must drain.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gic_emul.h"

#define FUZZ_CPUS 4
#define FUZZ_IRQS 64
#define FUZZ_GICD 0x8000000u
#define FUZZ_REDIST 0x80a0000u
#define FUZZ_ITS 0x8080000u
#define MEM_BASE 0x40000000u
#define MEM_SIZE 0x100000u          /* 1 MiB of guest RAM */
#define CMDQ (MEM_BASE)             /* 64 KiB: 2048 commands */
#define CMDQ_PAGES 16u
#define DEV_TABLE (MEM_BASE + 0x10000u)
#define COLL_TABLE (MEM_BASE + 0x20000u)
#define PROP_TABLE (MEM_BASE + 0x30000u)
#define TABLE_BYTES 0x10000u
#define CMD_BYTES 32u
#define CMDS_MAX 2047u
#define MSI_MAX 256u
#define HEADER 2u
#define TAKE_MAX 4096u
#define LPI_CFG 0xa1u               /* priority 0xa0, enabled */
#define LPI_ID_BITS 16u

/* GIC register offsets and bits the driver writes (Arm IHI 0069). */
#define GICD_CTLR 0x0u
#define GICD_CTLR_ARE_GRP1 0x12u
#define GICR_CTLR 0x0u
#define GICR_WAKER 0x14u
#define GICR_PROPBASER 0x70u
#define GITS_CTLR 0x0u
#define GITS_CBASER 0x80u
#define GITS_CWRITER 0x88u
#define GITS_BASER 0x100u
#define GITS_VALID (1ull << 63)
#define GITS_INDIRECT (1ull << 62)
#define GITS_PAGE_SHIFT 8

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint8_t mem[MEM_SIZE];

static int mem_read(void *ctx, uint64_t addr, void *buf, size_t len)
{
	(void)ctx;
	if (addr < MEM_BASE || addr - MEM_BASE > MEM_SIZE - len)
		return -1;
	memcpy(buf, mem + (addr - MEM_BASE), len);
	return 0;
}

static int mem_write(void *ctx, uint64_t addr, const void *buf, size_t len)
{
	(void)ctx;
	if (addr < MEM_BASE || addr - MEM_BASE > MEM_SIZE - len)
		return -1;
	memcpy(mem + (addr - MEM_BASE), buf, len);
	return 0;
}

static struct gic *make_gic(enum gic_profile profile)
{
	struct gic_config cfg = { .version = 3, .profile = profile, .nr_cpus = FUZZ_CPUS,
				  .nr_irqs = FUZZ_IRQS, .lpis = true };
	struct gic_guest_mem gm = { .read = mem_read, .write = mem_write };
	struct gic *g = gic_create(&cfg, NULL);

	if (g == NULL)
		return NULL;
	if (gic_set_dist_base(g, FUZZ_GICD) != 0 || gic_set_redist_base(g, FUZZ_REDIST) != 0 ||
	    gic_add_its(g, FUZZ_ITS, NULL) != 0 || gic_set_guest_memory(g, &gm) != 0 ||
	    gic_init(g) != 0) {
		gic_destroy(g);
		return NULL;
	}
	return g;
}

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void cpus_on(struct gic *g)
{
	gic_mmio_write(g, FUZZ_GICD + GICD_CTLR, 4, GICD_CTLR_ARE_GRP1);
	for (uint32_t c = 0; c < FUZZ_CPUS; c++) {
		uint64_t rd = 0;

		gic_redist_frame_base(g, c, &rd);
		gic_mmio_write(g, rd + GICR_WAKER, 4, 0);
		gic_mmio_write(g, rd + GICR_PROPBASER, 8, PROP_TABLE | (LPI_ID_BITS - 1));
		gic_mmio_write(g, rd + GICR_CTLR, 4, 1);
		gic_cpu_write(g, c, GIC_ICC_PMR, 0xff);
		gic_cpu_write(g, c, GIC_ICC_IGRPEN1, 1);
	}
}

static void tables(struct gic *g, uint8_t flags)
{
	uint64_t dev = GITS_VALID | DEV_TABLE | (uint64_t)((flags >> 2) & 3u) << GITS_PAGE_SHIFT;
	uint64_t coll = GITS_VALID | COLL_TABLE | (uint64_t)((flags >> 4) & 3u) << GITS_PAGE_SHIFT;

	if (flags & 1u)
		dev |= GITS_INDIRECT;
	if (flags & 2u)
		coll |= GITS_INDIRECT;
	gic_mmio_write(g, FUZZ_ITS + GITS_CBASER, 8, GITS_VALID | CMDQ | (CMDQ_PAGES - 1));
	gic_mmio_write(g, FUZZ_ITS + GITS_BASER, 8, dev);
	gic_mmio_write(g, FUZZ_ITS + GITS_BASER + 8, 8, coll);
	gic_mmio_write(g, FUZZ_ITS + GITS_CTLR, 4, 1);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gic *g;
	size_t ncmd, n;
	unsigned steps;

	if (size < HEADER)
		return 0;
	memset(mem, 0, sizeof(mem));
	memset(mem + (PROP_TABLE - MEM_BASE), LPI_CFG, TABLE_BYTES);
	if (data[1] & 0x40u) {
		/* Random table contents: device and collection tables from the input. */
		n = size - HEADER < 2 * TABLE_BYTES ? size - HEADER : 2 * TABLE_BYTES;
		memcpy(mem + (DEV_TABLE - MEM_BASE), data + HEADER, n);
	}
	g = make_gic((enum gic_profile)(data[0] % GIC_PROFILE_COUNT));
	if (g == NULL)
		return 0;
	cpus_on(g);
	tables(g, data[1]);
	ncmd = (size - HEADER) / CMD_BYTES;
	ncmd = ncmd < CMDS_MAX ? ncmd : CMDS_MAX;
	memcpy(mem, data + HEADER, ncmd * CMD_BYTES);
	/* CWRITER forward in 1 to 4 steps (the top bits of byte 1). */
	steps = ((data[1] >> 6) & 3u) + 1;
	for (unsigned s = 1; s <= steps; s++)
		gic_mmio_write(g, FUZZ_ITS + GITS_CWRITER, 8, (uint64_t)(ncmd * s / steps) * CMD_BYTES);
	for (size_t i = HEADER; i + 8 <= size && i / 8 < MSI_MAX; i += 8) {
		enum gic_its_error e;

		gic_msi_write(g, FUZZ_ITS + (uint32_t)GIC_ITS_TRANSLATER_OFFSET, le32(data + i) & 0xffffu, le32(data + i + 4) & 0xffu,
			      &e);
	}
	for (uint32_t c = 0; c < FUZZ_CPUS; c++)
		for (unsigned k = 0; k < TAKE_MAX; k++) {
			uint64_t intid = 1023;

			gic_cpu_read(g, c, GIC_ICC_IAR1, &intid);
			if (intid >= 1020 && intid <= 1023)
				break;
			gic_cpu_write(g, c, GIC_ICC_EOIR1, intid);
		}
	for (uint32_t c = 0; c < FUZZ_CPUS; c++)
		/*
		 * Every enabled LPI was taken. Commands may write ITTs over the
		 * configuration table, disabling LPIs: those stay pending.
		 */
		if (gic_lpis_pending_enabled(g, c) > 0)
			abort();
	gic_destroy(g);
	return 0;
}
