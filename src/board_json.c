/* SPDX-License-Identifier: MIT */
#include "board_json.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "gic_regs.h"
#include "units.h"

/* Device windows start on a page: a VMM maps and traps whole pages. */
#define GP_DEVICE_ALIGN (4 * GP_KiB)
/* RAM starts on a 64 KiB boundary and is a whole number of MiB. */
#define GP_RAM_ALIGN (64 * GP_KiB)
/* Instances of one repeated device (virtio-mmio transports, flash banks). */
#define GP_DEVICE_COUNT_MAX 1024
/* A PCI host bridge numbers at most 256 buses; ECAM gives each 1 MiB. */
#define GP_PCI_BUSES_MAX 256
/* A simple-bus with one address and one size cell: its window must fit 32 bits. */
#define GP_SIMPLE_BUS_SPAN_MAX UINT32_MAX
/* A PL061 has eight GPIO lines. */
#define GP_PL061_LINES 8
/* Linux input event codes stop at KEY_MAX. */
#define GP_INPUT_CODE_MAX 0x2ff
/* #address-cells of /cpus: one cell (Aff2.Aff1.Aff0) or two (with Aff3). */
#define GP_CPU_ADDRESS_CELLS_MAX 2

/* Defaults of the gic_node object: the names the arm,gic-v3 binding's schema wants. */
#define GP_GIC_NODE_DEFAULT "interrupt-controller"
#define GP_ITS_NODE_DEFAULT "msi-controller"

const char *const gp_board_keys[] = { GP_BOARD_KEYS, NULL };

static const char *const trigger_names[] = {
	[GP_TRIGGER_LEVEL] = "level",
	[GP_TRIGGER_EDGE] = "edge",
};

static const char *const cpu_reg_names[] = {
	[GP_CPU_REG_MPIDR] = "mpidr",
	[GP_CPU_REG_INDEX] = "index",
};

static const char *const cpu_unit_names[] = {
	[GP_CPU_UNIT_REG] = "reg",
	[GP_CPU_UNIT_INDEX] = "index",
	[GP_CPU_UNIT_INDEX_DECIMAL] = "index-decimal",
};

/* cpu.enable_method: false = "smp", true = "always" (index by cpu_enable_single). */
static const char *const enable_method_names[] = { "smp", "always" };
/* timer.trigger: index by timer_level_low. */
static const char *const timer_trigger_names[] = { "level-high", "level-low" };
/* gic_node.redistributor_regions: index by gic_regions_always. */
static const char *const regions_prop_names[] = { "multiple", "always" };
/* gic_node.maintenance: index by gic_maintenance_always. */
static const char *const maintenance_names[] = { "virtualization", "always" };
static const char *const psci_method_names[] = { "hvc", "smc" };

static int read_window(struct gp_jin *j, json_t *v, struct gp_window *w, bool *optional)
{
	static const char *const keys[] = { "base", "size", "optional", NULL };

	if (gp_jin_object(j, v, keys) < 0 || gp_jin_u64(j, v, "base", true, &w->base) < 0 ||
	    gp_jin_u64(j, v, "size", true, &w->size) < 0 ||
	    gp_jin_bool(j, v, "optional", false, optional) < 0)
		return -1;
	return 0;
}

static int check_window(struct gp_jin *j, const char *what, const struct gp_window *w,
			uint64_t align)
{
	uint64_t end;

	if (w->size == 0)
		return gp_jin_fail(j, "%s size is 0", what);
	if (!gp_aligned(w->base, align))
		return gp_jin_fail(j, "%s base 0x%" PRIx64 " is not %s aligned", what, w->base,
				   align == GP_DEVICE_ALIGN ? "4 KiB" : "register-block");
	if (!gp_add(w->base, w->size, &end))
		return gp_jin_fail(j, "%s [0x%" PRIx64 ", +0x%" PRIx64 ") wraps the address space",
				   what, w->base, w->size);
	return 0;
}

/* The keys of a device object: these, then the names of its type's extra windows. */
static const char *const device_keys[] = { "name", "type", "node", "base", "size",
					   "count", "spi", "trigger", "unit", "compatible",
					   "dma_coherent", "buses" };
#define DEVICE_KEYS (sizeof(device_keys) / sizeof(device_keys[0]))

/* "unit": "reg", "none" or the name of one of the type's windows. */
static int read_unit(struct gp_jin *j, json_t *v, const struct gp_dev_type_info *t,
		     struct gp_device *d)
{
	char unit[GP_NAME_MAX] = "reg";
	size_t mark;
	int rc = gp_jin_string(j, v, "unit", false, unit, sizeof(unit));

	d->unit = 0;
	if (rc <= 0)
		return rc;
	if (strcmp(unit, "reg") == 0)
		return 0;
	if (strcmp(unit, "none") == 0) {
		d->unit = GP_UNIT_NONE;
		return 0;
	}
	for (unsigned k = 0; k + 1 < GP_DEV_WINDOWS_MAX && t->windows[k]; k++)
		if (strcmp(unit, t->windows[k]) == 0) {
			d->unit = (int)k + 1;
			return 0;
		}
	mark = gp_jin_enter_key(j, "unit");
	gp_jin_fail(j, "\"%s\" is not \"reg\", \"none\" or a window of a %s device", unit, t->name);
	gp_jin_leave(j, mark);
	return -1;
}

/* The keys a type refuses: a reserved window is no node; buses are a bridge's. */
static int refuse_keys(struct gp_jin *j, json_t *v, const struct gp_dev_type_info *t)
{
	static const char *const node_keys[] = { "node", "unit", "compatible", "dma_coherent",
						  "trigger" };

	if (t->node == NULL)
		for (size_t k = 0; k < sizeof(node_keys) / sizeof(node_keys[0]); k++)
			if (json_object_get(v, node_keys[k]) != NULL)
				return gp_jin_fail(j, "a %s window has no node: \"%s\" does not "
						      "apply", t->name, node_keys[k]);
	if (json_object_get(v, "buses") != NULL && t->windows[0] == NULL)
		return gp_jin_fail(j, "a %s device has no \"buses\"", t->name);
	return 0;
}

static int read_device(struct gp_jin *j, json_t *v, struct gp_device *d)
{
	const char *keys[DEVICE_KEYS + GP_DEV_WINDOWS_MAX] = { 0 };
	char type[GP_NAME_MAX] = "";
	const struct gp_dev_type_info *t;
	int64_t count = 1, spi = 0, buses = 0;
	int rc, ti, trigger;

	memset(d, 0, sizeof(*d));
	if (!json_is_object(v))
		return gp_jin_fail(j, "expected a device object");
	if (gp_jin_string(j, v, "type", true, type, sizeof(type)) < 0)
		return -1;
	ti = gp_dev_type_by_name(type);
	if (ti < 0) {
		size_t mark = gp_jin_enter_key(j, "type");

		gp_jin_fail(j, "\"%s\" is not a known device type", type);
		gp_jin_leave(j, mark);
		return -1;
	}
	d->type = (enum gp_dev_type)ti;
	t = &gp_dev_types[ti];
	d->dma_coherent = t->dma_coherent;
	memcpy(keys, device_keys, sizeof(device_keys));
	for (unsigned k = 0; k + 1 < GP_DEV_WINDOWS_MAX && t->windows[k]; k++)
		keys[DEVICE_KEYS + k] = t->windows[k];

	if (gp_jin_object(j, v, keys) < 0 || refuse_keys(j, v, t) < 0 ||
	    gp_jin_string(j, v, "name", true, d->name, sizeof(d->name)) < 0 ||
	    gp_jin_string(j, v, "node", false, d->node, sizeof(d->node)) < 0 ||
	    gp_jin_u64(j, v, "base", true, &d->win[0].base) < 0 ||
	    gp_jin_u64(j, v, "size", true, &d->win[0].size) < 0 ||
	    gp_jin_int(j, v, "count", false, 1, GP_DEVICE_COUNT_MAX, &count) < 0 ||
	    read_unit(j, v, t, d) < 0 ||
	    gp_jin_strlist(j, v, "compatible", t->compatible == NULL && t->node != NULL,
			   d->compatible, sizeof(d->compatible), &d->compatible_len) < 0 ||
	    gp_jin_bool(j, v, "dma_coherent", false, &d->dma_coherent) < 0 ||
	    gp_jin_int(j, v, "buses", false, 1, GP_PCI_BUSES_MAX, &buses) < 0)
		return -1;
	if (d->name[0] == '\0' || strchr(d->name, '.') != NULL)
		return gp_jin_fail(j, "name \"%s\" must be non-empty and without '.'", d->name);
	d->count = (uint32_t)count;
	d->buses = (uint32_t)buses;
	trigger = GP_TRIGGER_LEVEL;
	if (gp_jin_choice(j, v, "trigger", GP_JIN_NAMES(trigger_names), &trigger) < 0)
		return -1;
	d->trigger = (enum gp_trigger)trigger;

	rc = gp_jin_int(j, v, "spi", t->takes_spi && !t->spi_optional, 0, GP_SPIS_MAX - 1, &spi);
	if (rc < 0)
		return -1;
	if (rc > 0 && !t->takes_spi)
		return gp_jin_fail(j, "a %s device takes no \"spi\"", t->name);
	d->has_spi = rc > 0;
	d->spi = (uint32_t)spi;
	if (check_window(j, "device", &d->win[0], t->align ? t->align : GP_DEVICE_ALIGN) < 0)
		return -1;
	if (gp_device_span(d) == 0) {
		char size[GP_SIZE_STR_MAX];

		return gp_jin_fail(j, "%" PRIu32 " instances of %s overflow", d->count,
				   gp_size_exact_str(size, sizeof(size), d->win[0].size));
	}
	if (d->type == GP_DEV_PLATFORM_BUS &&
	    (d->count != 1 || d->win[0].size > GP_SIMPLE_BUS_SPAN_MAX))
		return gp_jin_fail(j, "a platform-bus is one window of at most 4 GiB - 1 (its "
				      "ranges have one size cell)");
	if (d->type == GP_DEV_CFI_FLASH && d->count > GP_FLASH_BANKS_MAX)
		return gp_jin_fail(j, "a cfi-flash has at most %u banks (reg entries of its node), "
				      "not %" PRIu32, GP_FLASH_BANKS_MAX, d->count);

	for (unsigned k = 0; k + 1 < GP_DEV_WINDOWS_MAX && t->windows[k]; k++) {
		json_t *wv = gp_jin_member(j, v, t->windows[k], false);
		size_t mark;

		if (wv == NULL)
			continue;
		mark = gp_jin_enter_key(j, t->windows[k]);
		rc = read_window(j, wv, &d->win[k + 1], &d->optional[k + 1]);
		if (rc == 0)
			rc = check_window(j, "window", &d->win[k + 1], GP_DEVICE_ALIGN);
		gp_jin_leave(j, mark);
		if (rc < 0)
			return -1;
	}
	if (d->type == GP_DEV_PCIE && d->win[1].size == 0)
		return gp_jin_fail(j, "a pcie device needs an \"mmio\" window");
	if (d->unit > 0 && d->win[d->unit].size == 0)
		return gp_jin_fail(j, "unit: the device has no window \"%s\"",
				   t->windows[d->unit - 1]);
	return 0;
}

/*
 * The SPIs of devices[@i] of @b: inside the SPI range a GIC has at most, and
 * none already taken by a device before it. The error names the device's "spi".
 */
static int check_device_spis(struct gp_jin *j, const struct gp_board *b, uint32_t i)
{
	const struct gp_device *d = &b->devices[i];
	uint32_t n = gp_device_spi_count(d);
	size_t mark;

	if (n == 0)
		return 0;
	mark = gp_jin_enter_key(j, "spi");
	if ((uint64_t)d->spi + n > GP_SPIS_MAX)
		return gp_jin_fail(j, "its %" PRIu32 " interrupts take SPIs %" PRIu32 "..%" PRIu64
				      ", past SPI %u, the last a GIC has", n, d->spi,
				   (uint64_t)d->spi + n - 1, GP_SPIS_MAX - 1);
	for (uint32_t k = 0; k < i; k++) {
		const struct gp_device *o = &b->devices[k];
		uint32_t m = gp_device_spi_count(o);
		uint32_t shared = d->spi > o->spi ? d->spi : o->spi;

		if (m > 0 && d->spi < o->spi + m && o->spi < d->spi + n)
			return gp_jin_fail(j, "SPI %" PRIu32 " (INTID %" PRIu32 ") is already "
					      "devices[%" PRIu32 "]'s (%s): devices %s and %s would "
					      "share one interrupt", shared,
					   shared + GIC_INTID_SPI_FIRST, k, o->name, o->name,
					   d->name);
	}
	gp_jin_leave(j, mark);
	return 0;
}

static int read_devices(struct gp_jin *j, json_t *obj, struct gp_board *b)
{
	json_t *arr = gp_jin_member(j, obj, "devices", false), *v;
	size_t mark, i;

	if (arr == NULL)
		return gp_failed(j->err) ? -1 : 0;
	mark = gp_jin_enter_key(j, "devices");
	if (!json_is_array(arr) || json_array_size(arr) > GP_DEVICES_MAX) {
		gp_jin_fail(j, "expected an array of at most %d devices", GP_DEVICES_MAX);
		return -1;
	}
	json_array_foreach(arr, i, v) {
		size_t m = gp_jin_enter_index(j, i);

		if (read_device(j, v, &b->devices[i]) < 0)
			return -1;
		for (size_t k = 0; k < i; k++)
			if (strcmp(b->devices[k].name, b->devices[i].name) == 0)
				return gp_jin_fail(j, "name \"%s\" is already devices[%zu]'s",
						   b->devices[i].name, k);
		if (check_device_spis(j, b, (uint32_t)i) < 0)
			return -1;
		gp_jin_leave(j, m);
	}
	b->nr_devices = (uint32_t)json_array_size(arr);
	gp_jin_leave(j, mark);
	return 0;
}

static int read_cpu(struct gp_jin *j, json_t *obj, struct gp_board *b)
{
	static const char *const keys[] = { "compatible", "aff0_per_group", "cpu_map", "reg",
					    "unit", "address_cells", "enable_method", NULL };
	int64_t per_group = 16, cells = 1;
	int reg = GP_CPU_REG_MPIDR, unit = GP_CPU_UNIT_REG;
	json_t *v;
	size_t mark;
	int rc = gp_jin_sub_object(j, obj, "cpu", true, keys, &v);

	if (rc <= 0)
		return rc;
	mark = gp_jin_enter_key(j, "cpu");
	b->cpu_enable_single = true;
	if (gp_jin_strlist(j, v, "compatible", true, b->cpu_compatible,
			   sizeof(b->cpu_compatible), &b->cpu_compatible_len) < 0 ||
	    gp_jin_int(j, v, "aff0_per_group", false, 1, GP_AFF_LEVEL_VALUES, &per_group) < 0 ||
	    gp_jin_bool(j, v, "cpu_map", false, &b->cpu_map) < 0 ||
	    gp_jin_choice(j, v, "reg", GP_JIN_NAMES(cpu_reg_names), &reg) < 0 ||
	    gp_jin_choice(j, v, "unit", GP_JIN_NAMES(cpu_unit_names), &unit) < 0 ||
	    gp_jin_int(j, v, "address_cells", false, 1, GP_CPU_ADDRESS_CELLS_MAX, &cells) < 0 ||
	    gp_jin_choice_bool(j, v, "enable_method", enable_method_names,
			     &b->cpu_enable_single) < 0)
		return -1;
	b->aff0_per_group = (uint32_t)per_group;
	b->cpu_reg = (enum gp_cpu_reg)reg;
	b->cpu_unit = (enum gp_cpu_unit)unit;
	b->cpu_address_cells = (uint32_t)cells;
	gp_jin_leave(j, mark);
	return 0;
}

static int read_psci(struct gp_jin *j, json_t *obj, struct gp_board *b)
{
	static const char *const keys[] = { "method", "compatible", "virtualization_method",
					    NULL };
	int method = 0, virt;
	json_t *v;
	size_t mark;
	int rc = gp_jin_sub_object(j, obj, "psci", true, keys, &v);

	if (rc <= 0)
		return rc;
	mark = gp_jin_enter_key(j, "psci");
	if (gp_jin_member(j, v, "method", true) == NULL ||
	    gp_jin_choice(j, v, "method", GP_JIN_NAMES(psci_method_names), &method) < 0)
		return -1;
	virt = method;
	if (gp_jin_choice(j, v, "virtualization_method", GP_JIN_NAMES(psci_method_names), &virt) < 0 ||
	    gp_jin_strlist(j, v, "compatible", true, b->psci_compatible,
			   sizeof(b->psci_compatible), &b->psci_compatible_len) < 0)
		return -1;
	snprintf(b->psci_method, sizeof(b->psci_method), "%s", psci_method_names[method]);
	snprintf(b->psci_virt_method, sizeof(b->psci_virt_method), "%s", psci_method_names[virt]);
	gp_jin_leave(j, mark);
	return 0;
}

static int read_ppi(struct gp_jin *j, json_t *v, uint32_t *out)
{
	if (!json_is_integer(v) || json_integer_value(v) < 0 ||
	    json_integer_value(v) >= (json_int_t)GIC_NR_PPIS)
		return gp_jin_fail(j, "expected a PPI number 0..%u", GIC_NR_PPIS - 1);
	*out = (uint32_t)json_integer_value(v);
	return 0;
}

static int read_timer(struct gp_jin *j, json_t *obj, struct gp_board *b)
{
	static const char *const keys[] = { "compatible", "ppis", "always_on", "trigger",
					    "cpu_mask", NULL };
	json_t *v, *ppis, *p;
	size_t mark, i;
	int rc = gp_jin_sub_object(j, obj, "timer", true, keys, &v);

	if (rc <= 0)
		return rc;
	mark = gp_jin_enter_key(j, "timer");
	b->timer_always_on = true;
	if (gp_jin_strlist(j, v, "compatible", true, b->timer_compatible,
			   sizeof(b->timer_compatible), &b->timer_compatible_len) < 0 ||
	    gp_jin_bool(j, v, "always_on", false, &b->timer_always_on) < 0 ||
	    gp_jin_choice_bool(j, v, "trigger", timer_trigger_names, &b->timer_level_low) < 0 ||
	    gp_jin_bool(j, v, "cpu_mask", false, &b->timer_cpu_mask) < 0)
		return -1;
	ppis = gp_jin_member(j, v, "ppis", true);
	if (ppis == NULL)
		return -1;
	gp_jin_enter_key(j, "ppis");
	if (!json_is_array(ppis) || json_array_size(ppis) == 0 ||
	    json_array_size(ppis) > GP_TIMER_PPIS_MAX)
		return gp_jin_fail(j, "expected 1 to %d PPI numbers (secure, non-secure, virtual, "
				      "hyp)", GP_TIMER_PPIS_MAX);
	json_array_foreach(ppis, i, p) {
		size_t m = gp_jin_enter_index(j, i);

		if (read_ppi(j, p, &b->timer_ppis[i]) < 0)
			return -1;
		for (size_t k = 0; k < i; k++)
			if (b->timer_ppis[k] == b->timer_ppis[i])
				return gp_jin_fail(j, "PPI %" PRIu32 " is already timer.ppis[%zu]: "
						      "each timer needs its own", b->timer_ppis[i], k);
		gp_jin_leave(j, m);
	}
	b->nr_timer_ppis = (uint32_t)json_array_size(ppis);
	gp_jin_leave(j, mark);
	return 0;
}

static int read_pmu(struct gp_jin *j, json_t *obj, struct gp_board *b)
{
	static const char *const keys[] = { "ppi", "cpu_mask", NULL };
	json_t *v, *ppi;
	size_t mark;
	int rc = gp_jin_sub_object(j, obj, "pmu", false, keys, &v);

	if (rc <= 0)
		return rc;
	mark = gp_jin_enter_key(j, "pmu");
	if (gp_jin_bool(j, v, "cpu_mask", false, &b->pmu_cpu_mask) < 0)
		return -1;
	ppi = gp_jin_member(j, v, "ppi", true);
	if (ppi == NULL)
		return -1;
	gp_jin_enter_key(j, "ppi");
	if (read_ppi(j, ppi, &b->pmu_ppi) < 0 || gp_board_ppi_taken(j, b, b->pmu_ppi) < 0)
		return -1;
	b->has_pmu = true;
	gp_jin_leave(j, mark);
	return 0;
}

/*
 * A node name for the tree: non-empty, without '/', and without '@' when
 * gicplan writes the unit address itself (@unit_is_ours).
 */
static int check_node_name(struct gp_jin *j, const char *key, const char *name,
			   bool unit_is_ours)
{
	size_t mark;

	if (name[0] != '\0' && strchr(name, '/') == NULL && !(unit_is_ours && strchr(name, '@')))
		return 0;
	mark = gp_jin_enter_key(j, key);
	gp_jin_fail(j, "\"%s\" is not a node name (non-empty, without '/'%s)", name,
		    unit_is_ours ? " or '@'" : "");
	gp_jin_leave(j, mark);
	return -1;
}

static int read_gic_node(struct gp_jin *j, json_t *obj, struct gp_board *b)
{
	static const char *const keys[] = { "name", "its_name", "unit_address",
					    "redistributor_regions", "maintenance", "its", NULL };
	json_t *v;
	size_t mark;
	int rc;

	snprintf(b->gic_node, sizeof(b->gic_node), "%s", GP_GIC_NODE_DEFAULT);
	snprintf(b->its_node, sizeof(b->its_node), "%s", GP_ITS_NODE_DEFAULT);
	b->gic_unit_address = true;
	b->gic_regions_always = true;
	b->gic_its_in_tree = true;
	rc = gp_jin_sub_object(j, obj, "gic_node", false, keys, &v);
	if (rc <= 0)
		return rc;
	mark = gp_jin_enter_key(j, "gic_node");
	if (gp_jin_string(j, v, "name", false, b->gic_node, sizeof(b->gic_node)) < 0 ||
	    gp_jin_string(j, v, "its_name", false, b->its_node, sizeof(b->its_node)) < 0 ||
	    check_node_name(j, "name", b->gic_node, true) < 0 ||
	    check_node_name(j, "its_name", b->its_node, true) < 0 ||
	    gp_jin_bool(j, v, "unit_address", false, &b->gic_unit_address) < 0 ||
	    gp_jin_choice_bool(j, v, "redistributor_regions", regions_prop_names,
			     &b->gic_regions_always) < 0 ||
	    gp_jin_choice_bool(j, v, "maintenance", maintenance_names,
			     &b->gic_maintenance_always) < 0 ||
	    gp_jin_bool(j, v, "its", false, &b->gic_its_in_tree) < 0)
		return -1;
	gp_jin_leave(j, mark);
	return 0;
}

static int read_gpio_key(struct gp_jin *j, json_t *v, const struct gp_board *b,
			 struct gp_gpio_key *k)
{
	static const char *const keys[] = { "node", "gpio", "line", "code", "label", NULL };
	char gpio[GP_NAME_MAX];
	int64_t line, code;
	size_t mark;

	if (gp_jin_object(j, v, keys) < 0 ||
	    gp_jin_string(j, v, "node", true, k->node, sizeof(k->node)) < 0 ||
	    check_node_name(j, "node", k->node, false) < 0 ||
	    gp_jin_string(j, v, "gpio", true, gpio, sizeof(gpio)) < 0 ||
	    gp_jin_int(j, v, "line", true, 0, GP_PL061_LINES - 1, &line) < 0 ||
	    gp_jin_int(j, v, "code", true, 0, GP_INPUT_CODE_MAX, &code) < 0 ||
	    gp_jin_string(j, v, "label", true, k->label, sizeof(k->label)) < 0)
		return -1;
	k->line = (uint32_t)line;
	k->code = (uint32_t)code;
	for (uint32_t i = 0; i < b->nr_devices; i++)
		if (strcmp(b->devices[i].name, gpio) == 0 && b->devices[i].type == GP_DEV_PL061) {
			k->device = i;
			return 0;
		}
	mark = gp_jin_enter_key(j, "gpio");
	gp_jin_fail(j, "no pl061 device is named \"%s\"", gpio);
	gp_jin_leave(j, mark);
	return -1;
}

static int read_gpio_keys(struct gp_jin *j, json_t *obj, struct gp_board *b)
{
	json_t *arr = gp_jin_member(j, obj, "gpio_keys", false), *v;
	size_t mark, i;

	if (arr == NULL)
		return gp_failed(j->err) ? -1 : 0;
	mark = gp_jin_enter_key(j, "gpio_keys");
	if (!json_is_array(arr) || json_array_size(arr) == 0 ||
	    json_array_size(arr) > GP_GPIO_KEYS_MAX)
		return gp_jin_fail(j, "expected an array of 1 to %d keys", GP_GPIO_KEYS_MAX);
	json_array_foreach(arr, i, v) {
		size_t m = gp_jin_enter_index(j, i);

		if (read_gpio_key(j, v, b, &b->gpio_keys[i]) < 0)
			return -1;
		for (size_t k = 0; k < i; k++)
			if (strcmp(b->gpio_keys[k].node, b->gpio_keys[i].node) == 0)
				return gp_jin_fail(j, "node \"%s\" is already gpio_keys[%zu]'s",
						   b->gpio_keys[i].node, k);
		gp_jin_leave(j, m);
	}
	b->nr_gpio_keys = (uint32_t)json_array_size(arr);
	gp_jin_leave(j, mark);
	return 0;
}

static int read_ram(struct gp_jin *j, json_t *obj, struct gp_board *b)
{
	static const char *const keys[] = { "base", "size", "max_size", NULL };
	json_t *v;
	size_t mark;
	uint64_t end;
	int rc = gp_jin_sub_object(j, obj, "ram", true, keys, &v);

	if (rc <= 0)
		return rc;
	mark = gp_jin_enter_key(j, "ram");
	if (gp_jin_u64(j, v, "base", true, &b->ram.base) < 0 ||
	    gp_jin_u64(j, v, "size", true, &b->ram.size) < 0)
		return -1;
	b->ram_max = b->ram.size;
	if (gp_jin_u64(j, v, "max_size", false, &b->ram_max) < 0)
		return -1;
	if (!gp_aligned(b->ram.base, GP_RAM_ALIGN))
		return gp_jin_fail(j, "base 0x%" PRIx64 " is not 64 KiB aligned", b->ram.base);
	if (b->ram.size == 0 || !gp_aligned(b->ram.size, GP_MiB) || b->ram.size > b->ram_max)
		return gp_jin_fail(j, "size 0x%" PRIx64 " must be a whole number of MiB, not 0, "
				      "and at most max_size", b->ram.size);
	if (!gp_add(b->ram.base, b->ram_max, &end))
		return gp_jin_fail(j, "the RAM window wraps the address space");
	gp_jin_leave(j, mark);
	return 0;
}

static int read_stdout(struct gp_jin *j, json_t *obj, struct gp_board *b)
{
	char name[GP_NAME_MAX];
	size_t mark;
	int rc = gp_jin_string(j, obj, "stdout", false, name, sizeof(name));

	b->console = -1;
	if (rc <= 0)
		return rc;
	mark = gp_jin_enter_key(j, "stdout");
	for (uint32_t i = 0; i < b->nr_devices; i++)
		if (strcmp(b->devices[i].name, name) == 0)
			b->console = (int)i;
	if (b->console < 0)
		return gp_jin_fail(j, "no device is named \"%s\"", name);
	if (!gp_dev_types[b->devices[b->console].type].is_console)
		return gp_jin_fail(j, "device \"%s\" is not a serial port", name);
	gp_jin_leave(j, mark);
	return 0;
}

int gp_board_from_json(struct gp_jin *j, json_t *obj, struct gp_board *b)
{
	memset(b, 0, sizeof(*b));
	if (gp_jin_string(j, obj, "model", false, b->model, sizeof(b->model)) < 0 ||
	    gp_jin_strlist(j, obj, "compatible", true, b->compatible, sizeof(b->compatible),
			   &b->compatible_len) < 0 ||
	    read_cpu(j, obj, b) < 0 || read_psci(j, obj, b) < 0 || read_timer(j, obj, b) < 0 ||
	    read_pmu(j, obj, b) < 0 || read_ram(j, obj, b) < 0 || read_devices(j, obj, b) < 0 ||
	    read_stdout(j, obj, b) < 0 || read_gic_node(j, obj, b) < 0 ||
	    read_gpio_keys(j, obj, b) < 0)
		return -1;
	return 0;
}

static json_t *window_json(const struct gp_window *w, bool optional)
{
	json_t *o = json_object();

	json_object_set_new(o, "base", gp_json_hex(w->base));
	json_object_set_new(o, "size", gp_json_hex(w->size));
	if (optional)
		json_object_set_new(o, "optional", json_true());
	return o;
}

static json_t *device_json(const struct gp_device *d)
{
	const struct gp_dev_type_info *t = &gp_dev_types[d->type];
	json_t *o = json_object();

	json_object_set_new(o, "name", json_string(d->name));
	json_object_set_new(o, "type", json_string(t->name));
	if (d->node[0])
		json_object_set_new(o, "node", json_string(d->node));
	json_object_set_new(o, "base", gp_json_hex(d->win[0].base));
	json_object_set_new(o, "size", gp_json_hex(d->win[0].size));
	if (d->count != 1)
		json_object_set_new(o, "count", json_integer(d->count));
	if (d->has_spi) {
		json_object_set_new(o, "spi", json_integer(d->spi));
		json_object_set_new(o, "trigger", json_string(trigger_names[d->trigger]));
	}
	for (unsigned w = 1; w < GP_DEV_WINDOWS_MAX; w++)
		if (d->win[w].size != 0)
			json_object_set_new(o, t->windows[w - 1],
					    window_json(&d->win[w], d->optional[w]));
	if (d->unit == GP_UNIT_NONE)
		json_object_set_new(o, "unit", json_string("none"));
	else if (d->unit > 0)
		json_object_set_new(o, "unit", json_string(t->windows[d->unit - 1]));
	if (d->compatible_len)
		json_object_set_new(o, "compatible",
				    gp_json_strlist(d->compatible, d->compatible_len));
	if (t->node != NULL && d->dma_coherent != t->dma_coherent)
		json_object_set_new(o, "dma_coherent", json_boolean(d->dma_coherent));
	if (d->buses)
		json_object_set_new(o, "buses", json_integer(d->buses));
	return o;
}

/* The cpu object: keys at their defaults are left out. */
static json_t *cpu_json(const struct gp_board *b)
{
	json_t *cpu = json_object();

	json_object_set_new(cpu, "compatible",
			    gp_json_strlist(b->cpu_compatible, b->cpu_compatible_len));
	json_object_set_new(cpu, "aff0_per_group", json_integer(b->aff0_per_group));
	json_object_set_new(cpu, "cpu_map", json_boolean(b->cpu_map));
	if (b->cpu_reg != GP_CPU_REG_MPIDR)
		json_object_set_new(cpu, "reg", json_string(cpu_reg_names[b->cpu_reg]));
	if (b->cpu_unit != GP_CPU_UNIT_REG)
		json_object_set_new(cpu, "unit", json_string(cpu_unit_names[b->cpu_unit]));
	if (b->cpu_address_cells != 1)
		json_object_set_new(cpu, "address_cells", json_integer(b->cpu_address_cells));
	if (!b->cpu_enable_single)
		json_object_set_new(cpu, "enable_method",
				    json_string(enable_method_names[b->cpu_enable_single]));
	return cpu;
}

static json_t *gic_node_json(const struct gp_board *b)
{
	json_t *o = json_object();

	if (strcmp(b->gic_node, GP_GIC_NODE_DEFAULT) != 0)
		json_object_set_new(o, "name", json_string(b->gic_node));
	if (strcmp(b->its_node, GP_ITS_NODE_DEFAULT) != 0)
		json_object_set_new(o, "its_name", json_string(b->its_node));
	if (!b->gic_unit_address)
		json_object_set_new(o, "unit_address", json_false());
	if (!b->gic_regions_always)
		json_object_set_new(o, "redistributor_regions",
				    json_string(regions_prop_names[b->gic_regions_always]));
	if (b->gic_maintenance_always)
		json_object_set_new(o, "maintenance",
				    json_string(maintenance_names[b->gic_maintenance_always]));
	if (!b->gic_its_in_tree)
		json_object_set_new(o, "its", json_false());
	return o;
}

static json_t *gpio_keys_json(const struct gp_board *b)
{
	json_t *arr = json_array();

	for (uint32_t i = 0; i < b->nr_gpio_keys; i++) {
		const struct gp_gpio_key *k = &b->gpio_keys[i];

		json_array_append_new(arr, json_pack("{s:s,s:s,s:I,s:I,s:s}", "node", k->node,
						     "gpio", b->devices[k->device].name, "line",
						     (json_int_t)k->line, "code",
						     (json_int_t)k->code, "label", k->label));
	}
	return arr;
}

void gp_board_to_json(const struct gp_board *b, json_t *obj)
{
	json_t *psci = json_object(), *timer = json_object(), *gic_node = gic_node_json(b);
	json_t *ram = json_object(), *devices = json_array(), *ppis = json_array();

	if (b->model[0])
		json_object_set_new(obj, "model", json_string(b->model));
	json_object_set_new(obj, "compatible", gp_json_strlist(b->compatible, b->compatible_len));
	json_object_set_new(obj, "cpu", cpu_json(b));
	json_object_set_new(psci, "method", json_string(b->psci_method));
	if (strcmp(b->psci_virt_method, b->psci_method) != 0)
		json_object_set_new(psci, "virtualization_method", json_string(b->psci_virt_method));
	json_object_set_new(psci, "compatible",
			    gp_json_strlist(b->psci_compatible, b->psci_compatible_len));
	json_object_set_new(obj, "psci", psci);
	json_object_set_new(timer, "compatible",
			    gp_json_strlist(b->timer_compatible, b->timer_compatible_len));
	for (uint32_t i = 0; i < b->nr_timer_ppis; i++)
		json_array_append_new(ppis, json_integer(b->timer_ppis[i]));
	json_object_set_new(timer, "ppis", ppis);
	json_object_set_new(timer, "always_on", json_boolean(b->timer_always_on));
	if (b->timer_level_low)
		json_object_set_new(timer, "trigger",
				    json_string(timer_trigger_names[b->timer_level_low]));
	if (b->timer_cpu_mask)
		json_object_set_new(timer, "cpu_mask", json_true());
	json_object_set_new(obj, "timer", timer);
	if (b->has_pmu) {
		json_t *pmu = json_pack("{s:i}", "ppi", (json_int_t)b->pmu_ppi);

		if (b->pmu_cpu_mask)
			json_object_set_new(pmu, "cpu_mask", json_true());
		json_object_set_new(obj, "pmu", pmu);
	}
	json_object_set_new(ram, "base", gp_json_hex(b->ram.base));
	json_object_set_new(ram, "size", gp_json_hex(b->ram.size));
	json_object_set_new(ram, "max_size", gp_json_hex(b->ram_max));
	json_object_set_new(obj, "ram", ram);
	for (uint32_t i = 0; i < b->nr_devices; i++)
		json_array_append_new(devices, device_json(&b->devices[i]));
	json_object_set_new(obj, "devices", devices);
	if (b->console >= 0)
		json_object_set_new(obj, "stdout", json_string(b->devices[b->console].name));
	if (json_object_size(gic_node) > 0)
		json_object_set_new(obj, "gic_node", gic_node);
	else
		json_decref(gic_node);
	if (b->nr_gpio_keys > 0)
		json_object_set_new(obj, "gpio_keys", gpio_keys_json(b));
}

int gp_board_ppi_taken(struct gp_jin *j, const struct gp_board *b, uint32_t ppi)
{
	for (uint32_t i = 0; i < b->nr_timer_ppis; i++)
		if (b->timer_ppis[i] == ppi)
			return gp_jin_fail(j, "PPI %" PRIu32 " is already the timer's (timer.ppis[%"
					      PRIu32 "])", ppi, i);
	if (b->has_pmu && b->pmu_ppi == ppi)
		return gp_jin_fail(j, "PPI %" PRIu32 " is already the PMU's (pmu.ppi)", ppi);
	return 0;
}

void gp_board_device_path(const struct gp_board *b, const char *name, char *buf, size_t cap)
{
	size_t len = strcspn(name, ".");

	for (uint32_t i = 0; i < b->nr_devices; i++)
		if (strlen(b->devices[i].name) == len && strncmp(b->devices[i].name, name, len) == 0) {
			snprintf(buf, cap, "$.devices[%" PRIu32 "]", i);
			return;
		}
	snprintf(buf, cap, "$.%s", len == 3 && strncmp(name, "ram", 3) == 0 ? "ram" : "devices");
}
