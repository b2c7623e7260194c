/* SPDX-License-Identifier: MIT */
/*
 * The tree, top to bottom:
 *
 *   / { compatible, model, #address-cells = 2, #size-cells = 2, interrupt-parent
 *     cpus { cpu-map?, cpu@UNIT ... }       first: see the note in gp_emit_fdt
 *     psci, memory@, timer, pmu
 *     GIC@GICD { reg = GICD, redist0.., interrupts?, ITS@ITS }
 *     apb-pclk (when a PrimeCell device needs it)
 *     one node per device instance, pcie@ECAM, platform-bus@BASE
 *     gpio-keys { KEY { gpios = <&gpio LINE 0> } }
 *     chosen { stdout-path }
 *   }
 *
 * What differs between VMMs (node names, unit addresses, the cpu reg, timer
 * flags, when #redistributor-regions and the maintenance interrupt appear) is
 * board data from the platform file, never a VMM's name tested here.
 */
#include "emit_fdt.h"
#include "fdt_writer.h"

#include <inttypes.h>
#include <libfdt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "units.h"

/* Root and GIC address cells: 64-bit addresses and sizes. */
#define ROOT_ADDR_CELLS 2
#define ROOT_SIZE_CELLS 2
#define GIC_INTERRUPT_CELLS 3

/* Interrupt specifier <type number flags> (arm,gic-v3 binding). */
#define GIC_SPEC_SPI 0
#define GIC_SPEC_PPI 1
#define IRQ_EDGE_RISING 1
#define IRQ_LEVEL_HIGH 4
#define IRQ_LEVEL_LOW 8
/* GICv2's PPI CPU mask in the flags cell: bit 8 + n for CPU n, eight CPUs at most. */
#define IRQ_PPI_CPU_SHIFT 8
#define IRQ_PPI_CPUS_MAX 8

/* PSCI 0.2 function IDs (SMC64 where there is a 64-bit form): for "arm,psci" (0.1) readers. */
#define PSCI_0_2_FN64_CPU_SUSPEND 0xc4000001u
#define PSCI_0_2_FN_CPU_OFF 0x84000002u
#define PSCI_0_2_FN64_CPU_ON 0xc4000003u
#define PSCI_0_2_FN64_MIGRATE 0xc4000005u
#define PSCI_0_1_COMPATIBLE "arm,psci"

/* The APB clock QEMU gives PrimeCell devices: 24 MHz. */
#define APB_CLOCK_HZ 24000000u
/* ns16550a input clock: the standard 1.8432 MHz. */
#define NS16550_CLOCK_HZ 1843200u
#define CFI_BANK_WIDTH 4
#define GPIO_CELLS 2          /* <line flags> */
#define GPIO_FLAGS_ACTIVE_HIGH 0

/* A simple-bus child space: one address cell, one size cell, mapped from offset 0. */
#define SIMPLE_BUS_ADDR_CELLS 1
#define SIMPLE_BUS_SIZE_CELLS 1

/* PCI: three address cells (phys.hi, mid, lo), two size cells, one interrupt cell. */
#define PCI_ADDR_CELLS 3
#define PCI_SIZE_CELLS 2
#define PCI_SPACE_IO 0x01000000u
#define PCI_SPACE_MEM32 0x02000000u
#define PCI_SPACE_MEM64 0x03000000u
#define PCI_ECAM_BUS_SIZE GP_MiB  /* 32 devices x 8 functions x 4 KiB */
#define PCI_DEVFN_SLOT_SHIFT 11   /* device number in phys.hi */
#define PCI_INTX_SLOTS 4          /* interrupt-map covers slots 0-3; the mask repeats it */
#define PCI_INTX_PINS 4           /* INTA..INTD */
#define PCI_INTX_SLOT_MASK 0x1800u  /* the two low bits of the device number */
#define PCI_INTX_PIN_MASK 7u

/* Bytes one cpu node (and its cpu-map core) may take, beyond its compatible. */
#define CPU_NODE_BYTES 160
/* Bytes everything but the cpus may take, beyond the devices. */
#define FIXED_BYTES (64 * 1024)
#define DEVICE_NODE_BYTES 512

/* A sequential-write session: the first error sticks, later calls do nothing. */
struct emit {
	struct gp_fdt_writer w;
	const struct gp_plan *plan;
};

static void begin(struct emit *e, const char *name)
{
	gp_fdt_begin_node(&e->w, name);
}

#define HEX_DIGITS_MAX 16 /* of a 64-bit unit address */

/* @v in lower-case hex, no leading zeros, at @p (HEX_DIGITS_MAX bytes at most); its length. */
static size_t put_hex(char *p, uint64_t v)
{
	static const char digits[] = "0123456789abcdef";
	char tmp[HEX_DIGITS_MAX];
	size_t n = 0;

	do {
		tmp[n++] = digits[v & 0xf];
		v >>= 4;
	} while (v != 0);
	for (size_t i = 0; i < n; i++)
		p[i] = tmp[n - 1 - i];
	return n;
}

/*
 * "name@unit" (unit in hex, as dtc spells it), or "name" alone when
 * @has_unit is false. Written by hand: every cpu node takes one, and
 * snprintf took about a third of emit's time at 65536 vCPUs.
 */
static void begin_unit(struct emit *e, const char *name, bool has_unit, uint64_t unit)
{
	char buf[GP_NAME_MAX + 1 + HEX_DIGITS_MAX + 1];
	size_t len = strlen(name);

	if (!has_unit) {
		begin(e, name);
		return;
	}
	len = len < GP_NAME_MAX ? len : GP_NAME_MAX; /* board names are shorter */
	memcpy(buf, name, len);
	buf[len++] = '@';
	len += put_hex(buf + len, unit);
	buf[len] = '\0';
	begin(e, buf);
}

static void begin_at(struct emit *e, const char *name, uint64_t unit)
{
	begin_unit(e, name, true, unit);
}

static void end(struct emit *e)
{
	gp_fdt_end_node(&e->w);
}

static void prop(struct emit *e, const char *name, const void *val, size_t len)
{
	gp_fdt_property(&e->w, name, val, len);
}

static void prop_empty(struct emit *e, const char *name)
{
	prop(e, name, NULL, 0);
}

static void prop_u32(struct emit *e, const char *name, uint32_t v)
{
	fdt32_t be = cpu_to_fdt32(v);

	prop(e, name, &be, sizeof(be));
}

static void prop_str(struct emit *e, const char *name, const char *s)
{
	prop(e, name, s, strlen(s) + 1);
}

/* The longest cell list a node here writes: the PCIe interrupt-map. */
#define PROP_CELLS_MAX 256

static void prop_cells(struct emit *e, const char *name, const uint32_t *cells, size_t n)
{
	fdt32_t be[PROP_CELLS_MAX];

	if (n > PROP_CELLS_MAX) {
		gp_fdt_fail(&e->w, GP_FDT_EVALUE);
		return;
	}
	for (size_t i = 0; i < n; i++)
		be[i] = cpu_to_fdt32(cells[i]);
	prop(e, name, be, n * sizeof(be[0]));
}

/* reg = <base size>... with two address and two size cells. */
/* The most reg entries a node gets: the GIC's (GICD, the regions, one spare) or a flash's banks. */
#define REG_ENTRIES_MAX (GP_REDIST_REGIONS_MAX + 2)
_Static_assert(GP_FLASH_BANKS_MAX <= REG_ENTRIES_MAX, "a flash's banks fit prop_reg");

static void prop_reg(struct emit *e, const struct gp_window *w, size_t n)
{
	fdt64_t be[2 * REG_ENTRIES_MAX];

	for (size_t i = 0; i < n; i++) {
		be[2 * i] = cpu_to_fdt64(w[i].base);
		be[2 * i + 1] = cpu_to_fdt64(w[i].size);
	}
	prop(e, "reg", be, 2 * n * sizeof(be[0]));
}

static void prop_irq(struct emit *e, uint32_t type, uint32_t num, uint32_t flags)
{
	uint32_t cells[GIC_INTERRUPT_CELLS] = { type, num, flags };

	prop_cells(e, "interrupts", cells, GIC_INTERRUPT_CELLS);
}

static uint32_t trigger_flags(enum gp_trigger t)
{
	return t == GP_TRIGGER_EDGE ? IRQ_EDGE_RISING : IRQ_LEVEL_HIGH;
}

/* A GICv2-style PPI CPU mask for the plan's vCPUs (only the first eight fit). */
static uint32_t ppi_cpu_mask(const struct gp_plan *plan)
{
	uint64_t cpus = plan->req.cpus < IRQ_PPI_CPUS_MAX ? plan->req.cpus : IRQ_PPI_CPUS_MAX;

	return (uint32_t)((UINT64_C(1) << cpus) - 1) << IRQ_PPI_CPU_SHIFT;
}

/* Bytes of a NUL-separated list that ends with an empty string (the type table's form). */
static size_t strlist_len(const char *list)
{
	size_t len = 0;

	while (list[len] != '\0')
		len += strlen(list + len) + 1;
	return len;
}

static bool strlist_has(const char *list, size_t len, const char *s)
{
	for (size_t off = 0; off < len; off += strlen(list + off) + 1)
		if (strcmp(list + off, s) == 0)
			return true;
	return false;
}

/* The reg of vCPU @cpu's node: its MPIDR, or its index where the VMM writes that. */
static uint64_t cpu_node_reg(const struct gp_board *b, uint64_t cpu)
{
	return b->cpu_reg == GP_CPU_REG_INDEX ? cpu : gp_cpu_mpidr(b, cpu);
}

/* Two cells when the board asks for them or the last vCPU's reg has Aff3 (bits above 31). */
static bool cpus_two_cells(const struct gp_plan *plan)
{
	return plan->board.cpu_address_cells > 1 ||
	       cpu_node_reg(&plan->board, plan->req.cpus - 1) >> 32 != 0;
}

/* The phandle of pl061 device @index: the k-th gpio controller gets GP_PHANDLE_GPIO + k. */
static uint32_t gpio_phandle(const struct gp_board *b, uint32_t index)
{
	uint32_t k = 0;

	for (uint32_t i = 0; i < index; i++)
		k += b->devices[i].type == GP_DEV_PL061;
	return GP_PHANDLE_GPIO + k;
}

static void emit_root_props(struct emit *e)
{
	const struct gp_board *b = &e->plan->board;

	prop(e, "compatible", b->compatible, b->compatible_len);
	if (b->model[0])
		prop_str(e, "model", b->model);
	prop_u32(e, "#address-cells", ROOT_ADDR_CELLS);
	prop_u32(e, "#size-cells", ROOT_SIZE_CELLS);
	prop_u32(e, "interrupt-parent", GP_PHANDLE_GIC);
}

static void emit_cpu_map(struct emit *e)
{
	char name[32];

	begin(e, "cpu-map");
	begin(e, "socket0");
	begin(e, "cluster0");
	for (uint64_t i = 0; i < e->plan->req.cpus && e->w.err == 0; i++) {
		snprintf(name, sizeof(name), "core%" PRIu64, i);
		begin(e, name);
		prop_u32(e, "cpu", (uint32_t)(GP_PHANDLE_CPU0 + i));
		end(e);
	}
	end(e);
	end(e);
	end(e);
}

static void begin_cpu(struct emit *e, uint64_t i, uint64_t reg)
{
	char name[32];

	switch (e->plan->board.cpu_unit) {
	case GP_CPU_UNIT_INDEX_DECIMAL:
		snprintf(name, sizeof(name), "cpu@%" PRIu64, i);
		begin(e, name);
		break;
	case GP_CPU_UNIT_INDEX:
		begin_at(e, "cpu", i);
		break;
	default:
		begin_at(e, "cpu", reg);
		break;
	}
}

static void emit_cpus(struct emit *e)
{
	const struct gp_board *b = &e->plan->board;
	bool two_cells = cpus_two_cells(e->plan);
	bool enable = b->cpu_enable_single || e->plan->req.cpus > 1;

	begin(e, "cpus");
	prop_u32(e, "#address-cells", two_cells ? 2 : 1);
	prop_u32(e, "#size-cells", 0);
	if (b->cpu_map)
		emit_cpu_map(e);
	for (uint64_t i = 0; i < e->plan->req.cpus && e->w.err == 0; i++) {
		uint64_t reg = cpu_node_reg(b, i);

		begin_cpu(e, i, reg);
		prop_str(e, "device_type", "cpu");
		prop(e, "compatible", b->cpu_compatible, b->cpu_compatible_len);
		if (two_cells) {
			fdt64_t be = cpu_to_fdt64(reg);

			prop(e, "reg", &be, sizeof(be));
		} else {
			prop_u32(e, "reg", (uint32_t)reg);
		}
		if (enable)
			prop_str(e, "enable-method", "psci");
		if (b->cpu_map)
			prop_u32(e, "phandle", (uint32_t)(GP_PHANDLE_CPU0 + i));
		end(e);
	}
	end(e);
}

static void emit_psci(struct emit *e)
{
	const struct gp_board *b = &e->plan->board;

	begin(e, "psci");
	prop(e, "compatible", b->psci_compatible, b->psci_compatible_len);
	/* A guest with EL2 owns HVC: some VMMs then take PSCI calls by SMC. */
	prop_str(e, "method", e->plan->req.virtualization ? b->psci_virt_method : b->psci_method);
	/* PSCI 0.1 has no standard IDs: its readers need them spelled out. */
	if (strlist_has(b->psci_compatible, b->psci_compatible_len, PSCI_0_1_COMPATIBLE)) {
		prop_u32(e, "cpu_suspend", PSCI_0_2_FN64_CPU_SUSPEND);
		prop_u32(e, "cpu_off", PSCI_0_2_FN_CPU_OFF);
		prop_u32(e, "cpu_on", PSCI_0_2_FN64_CPU_ON);
		prop_u32(e, "migrate", PSCI_0_2_FN64_MIGRATE);
	}
	end(e);
}

static void emit_memory(struct emit *e)
{
	const struct gp_window *ram = &e->plan->board.ram;

	begin_at(e, "memory", ram->base);
	prop_str(e, "device_type", "memory");
	prop_reg(e, ram, 1);
	end(e);
}

static void emit_timer(struct emit *e)
{
	const struct gp_board *b = &e->plan->board;
	uint32_t cells[GP_TIMER_PPIS_MAX * GIC_INTERRUPT_CELLS];
	uint32_t flags = b->timer_level_low ? IRQ_LEVEL_LOW : IRQ_LEVEL_HIGH;

	if (b->timer_cpu_mask)
		flags |= ppi_cpu_mask(e->plan);
	for (uint32_t i = 0; i < b->nr_timer_ppis; i++) {
		cells[GIC_INTERRUPT_CELLS * i] = GIC_SPEC_PPI;
		cells[GIC_INTERRUPT_CELLS * i + 1] = b->timer_ppis[i];
		cells[GIC_INTERRUPT_CELLS * i + 2] = flags;
	}
	begin(e, "timer");
	prop(e, "compatible", b->timer_compatible, b->timer_compatible_len);
	prop_cells(e, "interrupts", cells, GIC_INTERRUPT_CELLS * b->nr_timer_ppis);
	if (b->timer_always_on)
		prop_empty(e, "always-on");
	end(e);
}

static void emit_pmu(struct emit *e)
{
	const struct gp_board *b = &e->plan->board;

	if (!b->has_pmu)
		return;
	begin(e, "pmu");
	prop_str(e, "compatible", "arm,armv8-pmuv3");
	prop_irq(e, GIC_SPEC_PPI, b->pmu_ppi,
		 IRQ_LEVEL_HIGH | (b->pmu_cpu_mask ? ppi_cpu_mask(e->plan) : 0));
	end(e);
}

static void emit_its(struct emit *e)
{
	const struct gp_plan *plan = e->plan;

	begin_unit(e, plan->board.its_node, plan->board.gic_unit_address, plan->its.base);
	prop_str(e, "compatible", "arm,gic-v3-its");
	prop_empty(e, "msi-controller");
	prop_u32(e, "#msi-cells", 1);
	prop_reg(e, &plan->its, 1);
	prop_u32(e, "phandle", GP_PHANDLE_ITS);
	end(e);
}

/* Whether the tree describes the ITS the VMM places (crosvm's does not). */
static bool its_in_tree(const struct gp_plan *plan)
{
	return plan->has_its && plan->board.gic_its_in_tree;
}

static void emit_gic(struct emit *e)
{
	const struct gp_plan *plan = e->plan;
	const struct gp_board *b = &plan->board;
	struct gp_window reg[GP_REDIST_REGIONS_MAX + 1];

	reg[0] = plan->gicd;
	for (uint32_t i = 0; i < plan->nr_redist; i++)
		reg[i + 1] = (struct gp_window){ plan->redist[i].base, plan->redist[i].reg_size };

	begin_unit(e, b->gic_node, b->gic_unit_address, plan->gicd.base);
	prop_str(e, "compatible", "arm,gic-v3");
	prop_u32(e, "#interrupt-cells", GIC_INTERRUPT_CELLS);
	prop_empty(e, "interrupt-controller");
	/* Address cells for the ITS child, and for interrupt-map parents' unit addresses. */
	prop_u32(e, "#address-cells", ROOT_ADDR_CELLS);
	prop_u32(e, "#size-cells", ROOT_SIZE_CELLS);
	prop_empty(e, "ranges");
	prop_reg(e, reg, plan->nr_redist + 1);
	/* Absent, the guest walks reg[1] alone: the same as one region. */
	if (b->gic_regions_always || plan->nr_redist > 1)
		prop_u32(e, "#redistributor-regions", plan->nr_redist);
	if (plan->req.virtualization || b->gic_maintenance_always)
		prop_irq(e, GIC_SPEC_PPI, b->maintenance_ppi, IRQ_LEVEL_HIGH);
	prop_u32(e, "phandle", GP_PHANDLE_GIC);
	if (its_in_tree(plan))
		emit_its(e);
	end(e);
}

static bool needs_apb_clock(const struct gp_board *b)
{
	for (uint32_t i = 0; i < b->nr_devices; i++)
		if (gp_dev_types[b->devices[i].type].primecell)
			return true;
	return false;
}

static void emit_apb_clock(struct emit *e)
{
	if (!needs_apb_clock(&e->plan->board))
		return;
	begin(e, "apb-pclk");
	prop_str(e, "compatible", "fixed-clock");
	prop_u32(e, "#clock-cells", 0);
	prop_u32(e, "clock-frequency", APB_CLOCK_HZ);
	prop_str(e, "clock-output-names", "clk24mhz");
	prop_u32(e, "phandle", GP_PHANDLE_APB_CLOCK);
	end(e);
}

/* The unit address of instance @base of @d: its unit window's base, if it names one. */
static uint64_t unit_address(const struct gp_device *d, uint64_t base)
{
	return d->unit > 0 && d->win[d->unit].size != 0 ? d->win[d->unit].base : base;
}

/* Begin the node of instance @base of @d: its name, and its unit address unless it has none. */
static void begin_device(struct emit *e, const struct gp_device *d, uint64_t base)
{
	begin_unit(e, gp_device_node(d), d->unit != GP_UNIT_NONE, unit_address(d, base));
}

/* The compatible list: the layout's, or the type's. */
static void prop_compatible(struct emit *e, const struct gp_device *d)
{
	const char *list = gp_dev_types[d->type].compatible;

	if (d->compatible_len)
		prop(e, "compatible", d->compatible, d->compatible_len);
	else if (list != NULL)
		prop(e, "compatible", list, strlist_len(list));
}

static void prop_apb_clocks(struct emit *e, bool uart)
{
	static const char uart_clocks[] = "uartclk\0apb_pclk";
	uint32_t clocks[2] = { GP_PHANDLE_APB_CLOCK, GP_PHANDLE_APB_CLOCK };

	prop_cells(e, "clocks", clocks, uart ? 2 : 1);
	if (uart)
		prop(e, "clock-names", uart_clocks, sizeof(uart_clocks));
	else
		prop_str(e, "clock-names", "apb_pclk");
}

static void emit_flash(struct emit *e, const struct gp_device *d)
{
	struct gp_window banks[GP_FLASH_BANKS_MAX]; /* the layout reader holds count to it */

	for (uint32_t i = 0; i < d->count; i++)
		banks[i] = (struct gp_window){ d->win[0].base + i * d->win[0].size, d->win[0].size };
	begin_device(e, d, d->win[0].base);
	prop_compatible(e, d);
	prop_reg(e, banks, d->count);
	prop_u32(e, "bank-width", CFI_BANK_WIDTH);
	end(e);
}

/* One node per instance: instance i at base + i * size, SPI spi + i. */
static void emit_simple(struct emit *e, const struct gp_device *d, uint32_t index)
{
	for (uint32_t i = 0; i < d->count && e->w.err == 0; i++) {
		struct gp_window w = { d->win[0].base + (uint64_t)i * d->win[0].size, d->win[0].size };

		begin_device(e, d, w.base);
		prop_compatible(e, d);
		switch (d->type) {
		case GP_DEV_PL011:
			prop_apb_clocks(e, true);
			break;
		case GP_DEV_PL031:
			prop_apb_clocks(e, false);
			break;
		case GP_DEV_PL061:
			prop_apb_clocks(e, false);
			prop_empty(e, "gpio-controller");
			prop_u32(e, "#gpio-cells", GPIO_CELLS);
			prop_u32(e, "phandle", gpio_phandle(&e->plan->board, index));
			break;
		case GP_DEV_NS16550A:
			prop_u32(e, "clock-frequency", NS16550_CLOCK_HZ);
			break;
		default:
			break;
		}
		if (d->dma_coherent)
			prop_empty(e, "dma-coherent");
		prop_reg(e, &w, 1);
		if (d->has_spi)
			prop_irq(e, GIC_SPEC_SPI, d->spi + i, trigger_flags(d->trigger));
		end(e);
	}
}

/* ranges entry: <space pci.hi pci.lo cpu.hi cpu.lo size.hi size.lo> */
static size_t pci_range(uint32_t *cells, uint32_t space, uint64_t pci, const struct gp_window *w)
{
	cells[0] = space;
	cells[1] = (uint32_t)(pci >> 32);
	cells[2] = (uint32_t)pci;
	cells[3] = (uint32_t)(w->base >> 32);
	cells[4] = (uint32_t)w->base;
	cells[5] = (uint32_t)(w->size >> 32);
	cells[6] = (uint32_t)w->size;
	return PCI_ADDR_CELLS + ROOT_ADDR_CELLS + PCI_SIZE_CELLS;
}

/* Buses in bus-range: the layout's count, or one per MiB of ECAM (at least one). */
static uint32_t pci_buses(const struct gp_device *d)
{
	uint64_t buses = d->buses ? d->buses : d->win[0].size / PCI_ECAM_BUS_SIZE;

	return buses ? (uint32_t)buses : 1;
}

static void emit_pcie(struct emit *e, const struct gp_device *d)
{
	const struct gp_window *mmio = &d->win[1], *pio = &d->win[2], *high = &d->win[3];
	uint32_t ranges[3 * (PCI_ADDR_CELLS + ROOT_ADDR_CELLS + PCI_SIZE_CELLS)];
	/* child unit (3) + pin (1) + parent phandle (1) + parent unit (2) + specifier (3) */
	enum { MAP_CELLS = PCI_ADDR_CELLS + 1 + 1 + ROOT_ADDR_CELLS + GIC_INTERRUPT_CELLS };
	uint32_t map[PCI_INTX_SLOTS * PCI_INTX_PINS * MAP_CELLS];
	uint32_t mask[PCI_ADDR_CELLS + 1] = { PCI_INTX_SLOT_MASK, 0, 0, PCI_INTX_PIN_MASK };
	uint32_t bus_range[2] = { 0, pci_buses(d) - 1 };
	size_t n = 0, m = 0;

	if (pio->size != 0)
		n += pci_range(ranges + n, PCI_SPACE_IO, 0, pio);
	n += pci_range(ranges + n, PCI_SPACE_MEM32, mmio->base, mmio);
	if (high->size != 0)
		n += pci_range(ranges + n, PCI_SPACE_MEM64, high->base, high);
	/* Swizzle: slot s, pin p (1-4) raises INTx line (s + p - 1) mod 4. */
	for (uint32_t slot = 0; slot < PCI_INTX_SLOTS && d->has_spi; slot++)
		for (uint32_t pin = 1; pin <= PCI_INTX_PINS; pin++) {
			uint32_t *c = map + m;

			c[0] = slot << PCI_DEVFN_SLOT_SHIFT;
			c[1] = 0;
			c[2] = 0;
			c[3] = pin;
			c[4] = GP_PHANDLE_GIC;
			c[5] = 0;
			c[6] = 0;
			c[7] = GIC_SPEC_SPI;
			c[8] = d->spi + (slot + pin - 1) % PCI_INTX_PINS;
			c[9] = IRQ_LEVEL_HIGH;
			m += MAP_CELLS;
		}

	begin_device(e, d, d->win[0].base);
	prop_compatible(e, d);
	prop_str(e, "device_type", "pci");
	prop_u32(e, "#address-cells", PCI_ADDR_CELLS);
	prop_u32(e, "#size-cells", PCI_SIZE_CELLS);
	prop_u32(e, "#interrupt-cells", 1);
	prop_u32(e, "linux,pci-domain", 0);
	prop_cells(e, "bus-range", bus_range, 2);
	if (d->dma_coherent)
		prop_empty(e, "dma-coherent");
	prop_reg(e, &d->win[0], 1);
	prop_cells(e, "ranges", ranges, n);
	/* No INTx lines: an MSI-only bridge (cloud-hypervisor's) has no interrupt-map. */
	if (d->has_spi) {
		prop_cells(e, "interrupt-map-mask", mask, PCI_ADDR_CELLS + 1);
		prop_cells(e, "interrupt-map", map, m);
	}
	if (its_in_tree(e->plan)) {
		uint32_t msi_map[4] = { 0, GP_PHANDLE_ITS, 0, GP_PCI_RID_SPACE };

		prop_cells(e, "msi-map", msi_map, 4);
	}
	end(e);
}

/* A simple-bus whose children see [base, base + size) from offset 0 (no reg of its own). */
static void emit_platform_bus(struct emit *e, const struct gp_device *d)
{
	uint32_t ranges[SIMPLE_BUS_ADDR_CELLS + ROOT_ADDR_CELLS + SIMPLE_BUS_SIZE_CELLS] = {
		0, (uint32_t)(d->win[0].base >> 32), (uint32_t)d->win[0].base,
		(uint32_t)d->win[0].size
	};

	begin_device(e, d, d->win[0].base);
	prop_compatible(e, d);
	prop_u32(e, "#address-cells", SIMPLE_BUS_ADDR_CELLS);
	prop_u32(e, "#size-cells", SIMPLE_BUS_SIZE_CELLS);
	prop_cells(e, "ranges", ranges, sizeof(ranges) / sizeof(ranges[0]));
	prop_u32(e, "interrupt-parent", GP_PHANDLE_GIC);
	end(e);
}

static void emit_devices(struct emit *e)
{
	const struct gp_board *b = &e->plan->board;

	for (uint32_t i = 0; i < b->nr_devices; i++) {
		const struct gp_device *d = &b->devices[i];

		switch (d->type) {
		case GP_DEV_CFI_FLASH:
			emit_flash(e, d);
			break;
		case GP_DEV_PCIE:
			emit_pcie(e, d);
			break;
		case GP_DEV_PLATFORM_BUS:
			emit_platform_bus(e, d);
			break;
		case GP_DEV_RESERVED:
			break; /* the VMM's own window: nothing for the guest to probe */
		default:
			emit_simple(e, d, i);
			break;
		}
	}
}

static void emit_gpio_keys(struct emit *e)
{
	const struct gp_board *b = &e->plan->board;

	if (b->nr_gpio_keys == 0)
		return;
	begin(e, "gpio-keys");
	prop_str(e, "compatible", "gpio-keys");
	for (uint32_t i = 0; i < b->nr_gpio_keys; i++) {
		const struct gp_gpio_key *k = &b->gpio_keys[i];
		uint32_t gpios[1 + GPIO_CELLS] = { gpio_phandle(b, k->device), k->line,
						   GPIO_FLAGS_ACTIVE_HIGH };

		begin(e, k->node);
		prop_str(e, "label", k->label);
		prop_u32(e, "linux,code", k->code);
		prop_cells(e, "gpios", gpios, 1 + GPIO_CELLS);
		end(e);
	}
	end(e);
}

static void emit_chosen(struct emit *e)
{
	const struct gp_board *b = &e->plan->board;
	char path[GP_NAME_MAX + 24];

	begin(e, "chosen");
	if (b->console >= 0) {
		const struct gp_device *d = &b->devices[b->console];

		if (d->unit == GP_UNIT_NONE)
			snprintf(path, sizeof(path), "/%s", gp_device_node(d));
		else
			snprintf(path, sizeof(path), "/%s@%" PRIx64, gp_device_node(d),
				 unit_address(d, d->win[0].base));
		prop_str(e, "stdout-path", path);
	}
	end(e);
}

uint64_t gp_emit_fdt_size_bound(const struct gp_plan *plan)
{
	uint64_t per_cpu = CPU_NODE_BYTES + plan->board.cpu_compatible_len, total, devices = 0;

	for (uint32_t i = 0; i < plan->board.nr_devices; i++)
		devices += (uint64_t)plan->board.devices[i].count * DEVICE_NODE_BYTES;
	devices += (uint64_t)plan->board.nr_gpio_keys * DEVICE_NODE_BYTES;
	if (!gp_mul(per_cpu, plan->req.cpus, &total) || !gp_add(total, FIXED_BYTES + devices, &total))
		return 0;
	return total;
}

int gp_emit_fdt(const struct gp_plan *plan, void **blob, size_t *len, struct gp_error *err)
{
	uint64_t bound = gp_emit_fdt_size_bound(plan);
	struct emit e = { .plan = plan };
	int rc;

	if (bound == 0 || bound > INT_MAX)
		return gp_fail(err, GP_EXIT_INFEASIBLE,
			       "a device tree for %" PRIu64 " vCPUs needs about %" PRIu64 " MiB; "
			       "libfdt's blobs stop at 2 GiB", plan->req.cpus,
			       bound == 0 ? UINT64_MAX >> 20 : bound >> 20);
	/* libfdt reads blobs with int offsets: 2 GiB is the limit. */
	gp_fdt_writer_init(&e.w, (size_t)bound, INT_MAX);
	begin(&e, "");
	emit_root_props(&e);
	emit_cpus(&e);
	emit_psci(&e);
	emit_memory(&e);
	emit_timer(&e);
	emit_pmu(&e);
	emit_gic(&e);
	emit_apb_clock(&e);
	emit_devices(&e);
	emit_gpio_keys(&e);
	emit_chosen(&e);
	end(&e);
	rc = gp_fdt_finish(&e.w, blob, len);
	if (rc == GP_FDT_ETOOBIG)
		return gp_fail(err, GP_EXIT_INFEASIBLE, "the device tree for %" PRIu64 " vCPUs "
				   "passes libfdt's 2 GiB", plan->req.cpus);
	if (rc != GP_FDT_OK)
		return gp_fail(err, GP_EXIT_USAGE, "writing the device tree: %s", gp_fdt_strerror(rc));
	return 0;
}
