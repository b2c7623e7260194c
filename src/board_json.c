#include "board_json.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

/* Device windows start on a page: a VMM maps and traps whole pages. */
#define GP_DEVICE_ALIGN (4 * GP_KiB)
/* RAM starts on a 64 KiB boundary and is a whole number of MiB. */
#define GP_RAM_ALIGN (64 * GP_KiB)
/* Instances of one repeated device (virtio-mmio transports, flash banks). */
#define GP_DEVICE_COUNT_MAX 1024

const char *const gp_board_keys[] = { "model", "compatible", "cpu", "psci", "timer",
				      "pmu", "ram", "devices", "stdout", NULL };

static const char *const trigger_names[] = {
	[GP_TRIGGER_LEVEL] = "level",
	[GP_TRIGGER_EDGE] = "edge",
};

/* Run a reader on member @key of @obj with the path inside it. */
static int in_member(struct gp_jin *j, json_t *obj, const char *key, bool required,
		     const char *const *keys, json_t **out)
{
	json_t *v = gp_jin_member(j, obj, key, required);
	size_t mark;
	int rc;

	*out = v;
	if (v == NULL)
		return gp_failed(j->err) ? -1 : 0;
	mark = gp_jin_enter_key(j, key);
	rc = gp_jin_object(j, v, keys);
	gp_jin_leave(j, mark);
	return rc < 0 ? -1 : 1;
}

static int read_window(struct gp_jin *j, json_t *v, struct gp_window *w, bool *optional)
{
	static const char *const keys[] = { "base", "size", "optional", NULL };

	if (gp_jin_object(j, v, keys) < 0 || gp_jin_u64(j, v, "base", true, &w->base) < 0 ||
	    gp_jin_u64(j, v, "size", true, &w->size) < 0 ||
	    gp_jin_bool(j, v, "optional", false, optional) < 0)
		return -1;
	return 0;
}

static int check_window(struct gp_jin *j, const char *what, const struct gp_window *w)
{
	uint64_t end;

	if (w->size == 0)
		return gp_jin_fail(j, "%s size is 0", what);
	if (!gp_aligned(w->base, GP_DEVICE_ALIGN))
		return gp_jin_fail(j, "%s base 0x%" PRIx64 " is not 4 KiB aligned", what, w->base);
	if (!gp_add(w->base, w->size, &end))
		return gp_jin_fail(j, "%s [0x%" PRIx64 ", +0x%" PRIx64 ") wraps the address space",
				   what, w->base, w->size);
	return 0;
}

/* The keys of a device object: these, then the names of its type's extra windows. */
static const char *const device_keys[] = { "name", "type", "node", "base", "size",
					   "count", "spi", "trigger" };
#define DEVICE_KEYS (sizeof(device_keys) / sizeof(device_keys[0]))

static int read_device(struct gp_jin *j, json_t *v, struct gp_device *d)
{
	const char *keys[DEVICE_KEYS + GP_DEV_WINDOWS_MAX] = { 0 };
	char type[GP_NAME_MAX] = "", trigger[16] = "level";
	const struct gp_dev_type_info *t;
	int64_t count = 1, spi = 0;
	int rc, ti;

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
	memcpy(keys, device_keys, sizeof(device_keys));
	for (unsigned k = 0; k + 1 < GP_DEV_WINDOWS_MAX && t->windows[k]; k++)
		keys[DEVICE_KEYS + k] = t->windows[k];

	if (gp_jin_object(j, v, keys) < 0 ||
	    gp_jin_string(j, v, "name", true, d->name, sizeof(d->name)) < 0 ||
	    gp_jin_string(j, v, "node", false, d->node, sizeof(d->node)) < 0 ||
	    gp_jin_u64(j, v, "base", true, &d->win[0].base) < 0 ||
	    gp_jin_u64(j, v, "size", true, &d->win[0].size) < 0 ||
	    gp_jin_int(j, v, "count", false, 1, GP_DEVICE_COUNT_MAX, &count) < 0 ||
	    gp_jin_string(j, v, "trigger", false, trigger, sizeof(trigger)) < 0)
		return -1;
	if (d->name[0] == '\0' || strchr(d->name, '.') != NULL)
		return gp_jin_fail(j, "name \"%s\" must be non-empty and without '.'", d->name);
	d->count = (uint32_t)count;
	if (strcmp(trigger, "level") == 0)
		d->trigger = GP_TRIGGER_LEVEL;
	else if (strcmp(trigger, "edge") == 0)
		d->trigger = GP_TRIGGER_EDGE;
	else
		return gp_jin_fail(j, "trigger \"%s\" is not \"level\" or \"edge\"", trigger);

	rc = gp_jin_int(j, v, "spi", t->takes_spi, 0, GP_SPIS_MAX - 1, &spi);
	if (rc < 0)
		return -1;
	if (rc > 0 && !t->takes_spi)
		return gp_jin_fail(j, "a %s device takes no \"spi\"", t->name);
	d->has_spi = rc > 0;
	d->spi = (uint32_t)spi;
	if (check_window(j, "device", &d->win[0]) < 0)
		return -1;
	if (gp_device_span(d) == 0)
		return gp_jin_fail(j, "%" PRIu32 " instances of 0x%" PRIx64 " bytes overflow",
				   d->count, d->win[0].size);

	for (unsigned k = 0; k + 1 < GP_DEV_WINDOWS_MAX && t->windows[k]; k++) {
		json_t *wv = gp_jin_member(j, v, t->windows[k], false);
		size_t mark;

		if (wv == NULL)
			continue;
		mark = gp_jin_enter_key(j, t->windows[k]);
		rc = read_window(j, wv, &d->win[k + 1], &d->optional[k + 1]);
		if (rc == 0)
			rc = check_window(j, "window", &d->win[k + 1]);
		gp_jin_leave(j, mark);
		if (rc < 0)
			return -1;
	}
	if (d->type == GP_DEV_PCIE && d->win[1].size == 0)
		return gp_jin_fail(j, "a pcie device needs an \"mmio\" window");
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
		gp_jin_leave(j, m);
	}
	b->nr_devices = (uint32_t)json_array_size(arr);
	gp_jin_leave(j, mark);
	return 0;
}

static int read_cpu(struct gp_jin *j, json_t *obj, struct gp_board *b)
{
	static const char *const keys[] = { "compatible", "aff0_per_group", "cpu_map", NULL };
	int64_t per_group = 16;
	json_t *v;
	size_t mark;
	int rc = in_member(j, obj, "cpu", true, keys, &v);

	if (rc <= 0)
		return rc;
	mark = gp_jin_enter_key(j, "cpu");
	if (gp_jin_strlist(j, v, "compatible", true, b->cpu_compatible,
			   sizeof(b->cpu_compatible), &b->cpu_compatible_len) < 0 ||
	    gp_jin_int(j, v, "aff0_per_group", false, 1, GP_AFF_LEVEL_VALUES, &per_group) < 0 ||
	    gp_jin_bool(j, v, "cpu_map", false, &b->cpu_map) < 0)
		return -1;
	b->aff0_per_group = (uint32_t)per_group;
	gp_jin_leave(j, mark);
	return 0;
}

static int read_psci(struct gp_jin *j, json_t *obj, struct gp_board *b)
{
	static const char *const keys[] = { "method", "compatible", NULL };
	json_t *v;
	size_t mark;
	int rc = in_member(j, obj, "psci", true, keys, &v);

	if (rc <= 0)
		return rc;
	mark = gp_jin_enter_key(j, "psci");
	if (gp_jin_string(j, v, "method", true, b->psci_method, sizeof(b->psci_method)) < 0 ||
	    gp_jin_strlist(j, v, "compatible", true, b->psci_compatible,
			   sizeof(b->psci_compatible), &b->psci_compatible_len) < 0)
		return -1;
	if (strcmp(b->psci_method, "hvc") != 0 && strcmp(b->psci_method, "smc") != 0)
		return gp_jin_fail(j, "method \"%s\" is not \"hvc\" or \"smc\"", b->psci_method);
	gp_jin_leave(j, mark);
	return 0;
}

static int read_ppi(struct gp_jin *j, json_t *v, uint32_t *out)
{
	if (!json_is_integer(v) || json_integer_value(v) < 0 ||
	    json_integer_value(v) >= (json_int_t)GP_PPIS)
		return gp_jin_fail(j, "expected a PPI number 0..%u", GP_PPIS - 1);
	*out = (uint32_t)json_integer_value(v);
	return 0;
}

static int read_timer(struct gp_jin *j, json_t *obj, struct gp_board *b)
{
	static const char *const keys[] = { "compatible", "ppis", "always_on", NULL };
	json_t *v, *ppis, *p;
	size_t mark, i;
	int rc = in_member(j, obj, "timer", true, keys, &v);

	if (rc <= 0)
		return rc;
	mark = gp_jin_enter_key(j, "timer");
	b->timer_always_on = true;
	if (gp_jin_strlist(j, v, "compatible", true, b->timer_compatible,
			   sizeof(b->timer_compatible), &b->timer_compatible_len) < 0 ||
	    gp_jin_bool(j, v, "always_on", false, &b->timer_always_on) < 0)
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
		gp_jin_leave(j, m);
	}
	b->nr_timer_ppis = (uint32_t)json_array_size(ppis);
	gp_jin_leave(j, mark);
	return 0;
}

static int read_pmu(struct gp_jin *j, json_t *obj, struct gp_board *b)
{
	static const char *const keys[] = { "ppi", NULL };
	json_t *v, *ppi;
	size_t mark;
	int rc = in_member(j, obj, "pmu", false, keys, &v);

	if (rc <= 0)
		return rc;
	mark = gp_jin_enter_key(j, "pmu");
	ppi = gp_jin_member(j, v, "ppi", true);
	if (ppi == NULL)
		return -1;
	gp_jin_enter_key(j, "ppi");
	if (read_ppi(j, ppi, &b->pmu_ppi) < 0)
		return -1;
	b->has_pmu = true;
	gp_jin_leave(j, mark);
	return 0;
}

static int read_ram(struct gp_jin *j, json_t *obj, struct gp_board *b)
{
	static const char *const keys[] = { "base", "size", "max_size", NULL };
	json_t *v;
	size_t mark;
	uint64_t end;
	int rc = in_member(j, obj, "ram", true, keys, &v);

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
	if (gp_jin_string(j, obj, "model", true, b->model, sizeof(b->model)) < 0 ||
	    gp_jin_strlist(j, obj, "compatible", true, b->compatible, sizeof(b->compatible),
			   &b->compatible_len) < 0 ||
	    read_cpu(j, obj, b) < 0 || read_psci(j, obj, b) < 0 || read_timer(j, obj, b) < 0 ||
	    read_pmu(j, obj, b) < 0 || read_ram(j, obj, b) < 0 || read_devices(j, obj, b) < 0 ||
	    read_stdout(j, obj, b) < 0)
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
	return o;
}

void gp_board_to_json(const struct gp_board *b, json_t *obj)
{
	json_t *cpu = json_object(), *psci = json_object(), *timer = json_object();
	json_t *ram = json_object(), *devices = json_array(), *ppis = json_array();

	json_object_set_new(obj, "model", json_string(b->model));
	json_object_set_new(obj, "compatible", gp_json_strlist(b->compatible, b->compatible_len));
	json_object_set_new(cpu, "compatible",
			    gp_json_strlist(b->cpu_compatible, b->cpu_compatible_len));
	json_object_set_new(cpu, "aff0_per_group", json_integer(b->aff0_per_group));
	json_object_set_new(cpu, "cpu_map", json_boolean(b->cpu_map));
	json_object_set_new(obj, "cpu", cpu);
	json_object_set_new(psci, "method", json_string(b->psci_method));
	json_object_set_new(psci, "compatible",
			    gp_json_strlist(b->psci_compatible, b->psci_compatible_len));
	json_object_set_new(obj, "psci", psci);
	json_object_set_new(timer, "compatible",
			    gp_json_strlist(b->timer_compatible, b->timer_compatible_len));
	for (uint32_t i = 0; i < b->nr_timer_ppis; i++)
		json_array_append_new(ppis, json_integer(b->timer_ppis[i]));
	json_object_set_new(timer, "ppis", ppis);
	json_object_set_new(timer, "always_on", json_boolean(b->timer_always_on));
	json_object_set_new(obj, "timer", timer);
	if (b->has_pmu)
		json_object_set_new(obj, "pmu", json_pack("{s:i}", "ppi", (json_int_t)b->pmu_ppi));
	json_object_set_new(ram, "base", gp_json_hex(b->ram.base));
	json_object_set_new(ram, "size", gp_json_hex(b->ram.size));
	json_object_set_new(ram, "max_size", gp_json_hex(b->ram_max));
	json_object_set_new(obj, "ram", ram);
	for (uint32_t i = 0; i < b->nr_devices; i++)
		json_array_append_new(devices, device_json(&b->devices[i]));
	json_object_set_new(obj, "devices", devices);
	if (b->console >= 0)
		json_object_set_new(obj, "stdout", json_string(b->devices[b->console].name));
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
