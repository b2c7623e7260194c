/* SPDX-License-Identifier: MIT */
#include "platform.h"

#include <dirent.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "board_json.h"
#include "fileio.h"
#include "gic_regs.h"
#include "json_in.h"
#include "units.h"

#define TO_IPA_END "to-ipa-end"
#define ITS_BELOW "below-redist"

/* A placement's reg_size: index by reg_whole_window. */
static const char *const reg_size_names[] = { "populated", "window" };

static const char *const platform_keys[] = {
	"name", "version", "description", "ipa_bits", "gic", "virtualization", "max_cpus",
	"migration_gic_state",
	"placements", GP_BOARD_KEYS, NULL
};

static int read_gic(struct gp_jin *j, json_t *root, struct gp_platform *p)
{
	static const char *const keys[] = { "versions", "default_version", "its", "spis",
					    "maintenance_ppi", "v4_needs_virtualization", NULL };
	json_t *gic = gp_jin_member(j, root, "gic", true), *versions, *v;
	int64_t def = 0, spis = 0, ppi = 0;
	size_t mark, i;

	if (gic == NULL)
		return -1;
	mark = gp_jin_enter_key(j, "gic");
	if (gp_jin_object(j, gic, keys) < 0)
		return -1;
	versions = gp_jin_member(j, gic, "versions", true);
	if (versions == NULL)
		return -1;
	if (!json_is_array(versions) || json_array_size(versions) == 0) {
		gp_jin_enter_key(j, "versions");
		return gp_jin_fail(j, "expected a non-empty array of GIC versions (3, 4)");
	}
	json_array_foreach(versions, i, v) {
		size_t m = gp_jin_enter_index(j, i);

		if (!json_is_integer(v) ||
		    (json_integer_value(v) != 3 && json_integer_value(v) != 4))
			return gp_jin_fail(j, "expected 3 or 4");
		p->gic_versions |= 1u << json_integer_value(v);
		gp_jin_leave(j, m);
	}
	if (gp_jin_int(j, gic, "default_version", true, 3, 4, &def) < 0 ||
	    gp_jin_bool(j, gic, "its", true, &p->its_default) < 0 ||
	    gp_jin_int(j, gic, "spis", true, GP_SPI_GRANULE, GP_SPIS_MAX, &spis) < 0 ||
	    gp_jin_int(j, gic, "maintenance_ppi", true, 0, GIC_NR_PPIS - 1, &ppi) < 0 ||
	    gp_jin_bool(j, gic, "v4_needs_virtualization", false, &p->v4_needs_virtualization) < 0)
		return -1;
	if (!(p->gic_versions & (1u << def))) {
		gp_jin_enter_key(j, "default_version");
		return gp_jin_fail(j, "GICv%" PRId64 " is not in \"versions\"", def);
	}
	if (!gp_spis_valid((uint32_t)spis)) {
		gp_jin_enter_key(j, "spis");
		return gp_jin_fail(j, "%" PRId64 " is not an SPI count a GIC implements: a multiple "
				      "of 32 from 32 to %u, or %u", spis, GP_SPIS_PLAN_MAX, GP_SPIS_MAX);
	}
	gp_jin_enter_key(j, "maintenance_ppi");
	if (gp_board_ppi_taken(j, &p->board, (uint32_t)ppi) < 0)
		return -1;
	p->default_gic_version = (unsigned)def;
	p->spis = (uint32_t)spis;
	p->board.maintenance_ppi = (uint32_t)ppi;
	gp_jin_leave(j, mark);
	return 0;
}

/*
 * Every device SPI below the layout's own SPI count (gic.spis), so that the
 * platform's default request holds its own devices. The error names the device.
 */
static int check_device_spis(struct gp_jin *j, const struct gp_platform *p)
{
	for (uint32_t i = 0; i < p->board.nr_devices; i++) {
		const struct gp_device *d = &p->board.devices[i];
		uint32_t n = gp_device_spi_count(d);
		size_t mark;

		if (n == 0 || d->spi + n <= p->spis)
			continue;
		mark = gp_jin_enter_key(j, "devices");
		gp_jin_enter_index(j, i);
		gp_jin_enter_key(j, "spi");
		gp_jin_fail(j, "device %s uses SPI %" PRIu32 " (INTID %" PRIu32 "), beyond the %"
			       PRIu32 " SPIs of this layout's gic.spis (SPIs 0..%" PRIu32 ")", d->name,
			    d->spi + n - 1, d->spi + n - 1 + GIC_INTID_SPI_FIRST, p->spis,
			    p->spis - 1);
		gp_jin_leave(j, mark);
		return -1;
	}
	return 0;
}

static int read_gic_base(struct gp_jin *j, json_t *obj, const char *key, bool required,
			 uint64_t *out)
{
	int rc = gp_jin_u64(j, obj, key, required, out);

	if (rc > 0 && !gp_aligned(*out, GIC_BASE_ALIGN)) {
		gp_jin_enter_key(j, key);
		return gp_jin_fail(j, "0x%" PRIx64 " is not 64 KiB aligned", *out);
	}
	return rc;
}

static int read_window(struct gp_jin *j, json_t *v, struct gp_redist_window *w)
{
	static const char *const keys[] = { "base", "size", "top", NULL };
	json_t *size;
	int rc;

	if (gp_jin_object(j, v, keys) < 0)
		return -1;
	rc = read_gic_base(j, v, "top", false, &w->top);
	if (rc < 0)
		return -1;
	if (rc > 0) {
		/* Growing down from a fixed top, as far as the region below allows. */
		if (json_object_get(v, "base") != NULL || json_object_get(v, "size") != NULL)
			return gp_jin_fail(j, "a window has a \"top\" (growing down) or a \"base\" "
					      "and \"size\", not both");
		w->grows_down = true;
		return 0;
	}
	if (read_gic_base(j, v, "base", true, &w->base) < 0)
		return -1;
	size = gp_jin_member(j, v, "size", true);
	if (size == NULL)
		return -1;
	gp_jin_enter_key(j, "size");
	if (json_is_string(size) && strcmp(json_string_value(size), TO_IPA_END) == 0) {
		w->to_ipa_end = true;
		if (w->base >= gp_ipa_end(GP_IPA_BITS_MAX))
			return gp_jin_fail(j, "the window starts at 0x%" PRIx64 ", beyond any IPA "
					      "(%u bits at most)", w->base, GP_IPA_BITS_MAX);
		return 0;
	}
	if (gp_jin_value_u64(j, size, &w->size) < 0)
		return -1;
	if (w->size == 0 || !gp_aligned(w->size, GIC_BASE_ALIGN))
		return gp_jin_fail(j, "0x%" PRIx64 " is not a non-zero multiple of 64 KiB "
				      "(or \"" TO_IPA_END "\")", w->size);
	return 0;
}

/* "uart" or "pcie.mmio": which device and which of its windows. */
static int resolve_move_target(struct gp_jin *j, const struct gp_board *b, struct gp_move *m)
{
	const char *dot = strchr(m->target, '.');
	size_t len = dot ? (size_t)(dot - m->target) : strlen(m->target);

	for (uint32_t i = 0; i < b->nr_devices; i++) {
		const struct gp_device *d = &b->devices[i];
		const struct gp_dev_type_info *t = &gp_dev_types[d->type];

		if (strlen(d->name) != len || strncmp(d->name, m->target, len) != 0)
			continue;
		m->device = i;
		if (dot == NULL)
			return 0;
		for (unsigned k = 0; k + 1 < GP_DEV_WINDOWS_MAX && t->windows[k]; k++)
			if (strcmp(t->windows[k], dot + 1) == 0 && d->win[k + 1].size != 0) {
				m->window = k + 1;
				return 0;
			}
		return gp_jin_fail(j, "device \"%s\" has no window \"%s\"", d->name, dot + 1);
	}
	return gp_jin_fail(j, "no device is named \"%.*s\"", (int)len, m->target);
}

static int read_moves(struct gp_jin *j, json_t *obj, const struct gp_board *b,
		      struct gp_placement *pl)
{
	static const char *const keys[] = { "base", "size", NULL };
	json_t *moves = gp_jin_member(j, obj, "moves", false), *v;
	const char *target;
	size_t mark;

	if (moves == NULL)
		return gp_failed(j->err) ? -1 : 0;
	mark = gp_jin_enter_key(j, "moves");
	if (!json_is_object(moves) || json_object_size(moves) > GP_MOVES_MAX)
		return gp_jin_fail(j, "expected an object of at most %d moves", GP_MOVES_MAX);
	json_object_foreach(moves, target, v) {
		struct gp_move *m = &pl->moves[pl->nr_moves];
		size_t mm = gp_jin_enter_key(j, target);
		int rc;

		memset(m, 0, sizeof(*m));
		if (strlen(target) >= sizeof(m->target))
			return gp_jin_fail(j, "target name too long");
		strcpy(m->target, target);
		if (resolve_move_target(j, b, m) < 0 || gp_jin_object(j, v, keys) < 0 ||
		    gp_jin_u64(j, v, "base", true, &m->base) < 0)
			return -1;
		rc = gp_jin_u64(j, v, "size", false, &m->size);
		if (rc < 0)
			return -1;
		m->has_size = rc > 0;
		if (!gp_aligned(m->base, 4 * GP_KiB) || (m->has_size && m->size == 0))
			return gp_jin_fail(j, "base must be 4 KiB aligned and size non-zero");
		pl->nr_moves++;
		gp_jin_leave(j, mm);
	}
	gp_jin_leave(j, mark);
	return 0;
}

static int read_placement(struct gp_jin *j, json_t *v, const struct gp_board *b,
			  struct gp_placement *pl)
{
	static const char *const keys[] = { "name", "summary", "gicd", "its", "redist_regions",
					    "reg_size", "moves", NULL };
	json_t *windows, *w;
	size_t mark, i;
	int rc;

	memset(pl, 0, sizeof(*pl));
	if (gp_jin_object(j, v, keys) < 0 ||
	    gp_jin_string(j, v, "name", true, pl->name, sizeof(pl->name)) < 0 ||
	    gp_jin_string(j, v, "summary", false, pl->summary, sizeof(pl->summary)) < 0 ||
	    read_gic_base(j, v, "gicd", true, &pl->gicd) < 0)
		return -1;
	if (json_is_string(json_object_get(v, "its")) &&
	    strcmp(json_string_value(json_object_get(v, "its")), ITS_BELOW) == 0) {
		pl->has_its = pl->its_below = true;
	} else {
		rc = read_gic_base(j, v, "its", false, &pl->its);
		if (rc < 0)
			return -1;
		pl->has_its = rc > 0;
	}
	if (gp_jin_choice_bool(j, v, "reg_size", reg_size_names, &pl->reg_whole_window) < 0)
		return -1;
	windows = gp_jin_member(j, v, "redist_regions", true);
	if (windows == NULL)
		return -1;
	mark = gp_jin_enter_key(j, "redist_regions");
	if (!json_is_array(windows) || json_array_size(windows) == 0 ||
	    json_array_size(windows) > GP_REDIST_REGIONS_MAX)
		return gp_jin_fail(j, "expected 1 to %d redistributor windows",
				   GP_REDIST_REGIONS_MAX);
	json_array_foreach(windows, i, w) {
		size_t m = gp_jin_enter_index(j, i);

		if (read_window(j, w, &pl->windows[i]) < 0)
			return -1;
		gp_jin_leave(j, m);
	}
	pl->nr_windows = (uint32_t)json_array_size(windows);
	{
		uint32_t growing = 0;

		for (uint32_t k = 0; k < pl->nr_windows; k++)
			growing += pl->windows[k].grows_down;
		if (growing > 1)
			return gp_jin_fail(j, "at most one window grows down from a \"top\"");
		gp_jin_leave(j, mark);
		if (pl->its_below && growing != 1) {
			gp_jin_enter_key(j, "its");
			return gp_jin_fail(j, "\"" ITS_BELOW "\" needs a window with a \"top\"");
		}
	}
	return read_moves(j, v, b, pl);
}

/*
 * No two of the @n regions overlap and all fit a 52-bit IPA. With @board, the
 * error points at the JSON path of the device it names; else at the current path.
 */
static int check_footprint(struct gp_jin *j, struct gp_region *r, size_t n,
			   const struct gp_board *board)
{
	const struct gp_region *a, *b;
	uint64_t ipa_end = gp_ipa_end(GP_IPA_BITS_MAX);
	size_t mark = j->len;
	int rc;

	for (size_t i = 0; i < n; i++) {
		uint64_t end;

		if (!gp_add(r[i].base, r[i].size, &end) || end > ipa_end)
			return gp_jin_fail(j, "region %s [0x%" PRIx64 ", +0x%" PRIx64 ") does not "
					      "fit a %u-bit IPA", r[i].name, r[i].base, r[i].size,
					   GP_IPA_BITS_MAX);
	}
	if (!gp_regions_overlap(r, n, &a, &b))
		return 0;
	if (board != NULL) {
		gp_board_device_path(board, b->name, j->path, sizeof(j->path));
		j->len = strlen(j->path);
	}
	rc = gp_jin_fail(j, "region %s [0x%" PRIx64 ", +0x%" PRIx64 ") overlaps region %s at "
			    "0x%" PRIx64, b->name, b->base, b->size, a->name, a->base);
	gp_jin_leave(j, mark);
	return rc;
}

/* Region lists are small: devices (with their windows), RAM and the GIC. */
#define FOOTPRINT_MAX (GP_DEVICES_MAX * GP_DEV_WINDOWS_MAX + GP_REDIST_REGIONS_MAX + 4)

static int check_platform(struct gp_jin *j, const struct gp_platform *p)
{
	struct gp_region *r = calloc(FOOTPRINT_MAX, sizeof(*r));
	struct gp_plan *plan = malloc(sizeof(*plan));
	struct gp_board board = p->board;
	int rc = -1;

	if (r == NULL || plan == NULL) {
		gp_jin_fail(j, "out of memory");
		goto out;
	}
	/* The board alone: devices where they are by default, RAM at its largest. */
	board.ram.size = board.ram_max;
	rc = check_footprint(j, r, gp_board_regions(&board, r, FOOTPRINT_MAX), &p->board);
	for (uint32_t i = 0; i < p->nr_placements && rc == 0; i++) {
		size_t mark = gp_jin_enter_key(j, "placements");

		gp_jin_enter_index(j, i);
		gp_placement_preview(p, &p->placements[i], GP_IPA_BITS_MAX, plan);
		rc = check_footprint(j, r, gp_plan_regions(plan, r, FOOTPRINT_MAX), NULL);
		gp_jin_leave(j, mark);
	}
out:
	free(plan);
	free(r);
	return rc;
}

int gp_platform_parse(const char *source, const char *text, size_t len, struct gp_platform *p,
		      struct gp_error *err)
{
	struct gp_jin j;
	json_t *root = gp_jin_parse(&j, source, text, len, err), *placements, *v;
	int64_t version = 0, ipa = 0, max_cpus = 0;
	char gic_state[16] = "";
	size_t mark, i;
	int rc = -1;

	if (root == NULL)
		return -1;
	memset(p, 0, sizeof(*p));
	snprintf(p->source, sizeof(p->source), "%s", source);
	if (gp_jin_object(&j, root, platform_keys) < 0 ||
	    gp_jin_string(&j, root, "name", true, p->name, sizeof(p->name)) < 0 ||
	    gp_jin_int(&j, root, "version", true, 1, UINT32_MAX, &version) < 0 ||
	    gp_jin_string(&j, root, "description", false, p->description,
			  sizeof(p->description)) < 0 ||
	    gp_jin_int(&j, root, "ipa_bits", true, GP_IPA_BITS_MIN, GP_IPA_BITS_MAX, &ipa) < 0 ||
	    gp_jin_bool(&j, root, "virtualization", false, &p->virtualization_default) < 0 ||
	    gp_jin_int(&j, root, "max_cpus", false, 1, UINT32_MAX, &max_cpus) < 0 ||
	    gp_jin_string(&j, root, "migration_gic_state", false, gic_state,
			  sizeof(gic_state)) < 0 ||
	    gp_board_from_json(&j, root, &p->board) < 0 || read_gic(&j, root, p) < 0 ||
	    check_device_spis(&j, p) < 0)
		goto out;
	p->version = (uint32_t)version;
	p->ipa_bits = (unsigned)ipa;
	p->max_cpus = (uint64_t)max_cpus;
	/* Unsaid: gicplan's own model, where --cpus is max_cpus and each saved vCPU is restored. */
	p->gic_state = GP_GIC_STATE_MAX_CPUS;
	if (strcmp(gic_state, "vcpu-count") == 0) {
		p->gic_state = GP_GIC_STATE_VCPU_COUNT;
	} else if (strcmp(gic_state, "max-cpus") == 0) {
		p->gic_state = GP_GIC_STATE_MAX_CPUS;
	} else if (gic_state[0] != '\0') {
		gp_jin_enter_key(&j, "migration_gic_state");
		gp_jin_fail(&j, "\"%s\" is not vcpu-count or max-cpus", gic_state);
		goto out;
	}

	placements = gp_jin_member(&j, root, "placements", true);
	if (placements == NULL)
		goto out;
	mark = gp_jin_enter_key(&j, "placements");
	if (!json_is_array(placements) || json_array_size(placements) == 0 ||
	    json_array_size(placements) > GP_PLACEMENTS_MAX) {
		gp_jin_fail(&j, "expected 1 to %d placements", GP_PLACEMENTS_MAX);
		goto out;
	}
	json_array_foreach(placements, i, v) {
		size_t m = gp_jin_enter_index(&j, i);

		if (read_placement(&j, v, &p->board, &p->placements[i]) < 0)
			goto out;
		gp_placement_find_floors(p, &p->placements[i]);
		gp_placement_find_reach(p, &p->placements[i]);
		for (size_t k = 0; k < i; k++)
			if (strcmp(p->placements[k].name, p->placements[i].name) == 0) {
				gp_jin_fail(&j, "name \"%s\" is already placements[%zu]'s",
					    p->placements[i].name, k);
				goto out;
			}
		gp_jin_leave(&j, m);
	}
	p->nr_placements = (uint32_t)json_array_size(placements);
	gp_jin_leave(&j, mark);
	rc = check_platform(&j, p);
out:
	json_decref(root);
	return rc;
}

static bool is_bundled_name(const char *s)
{
	if (*s == '\0' || strlen(s) >= GP_NAME_MAX)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-' || *s == '_'))
			return false;
	return true;
}

/* Candidate layout directories, in search order; returns how many. */
static size_t layout_dirs(char dirs[][PATH_MAX], size_t max)
{
	const char *env = getenv("GICPLAN_LAYOUTS");
	char exe[PATH_MAX];
	ssize_t n;
	size_t count = 0;

	if (env != NULL && *env && count < max)
		snprintf(dirs[count++], PATH_MAX, "%s", env);
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0 && count < max) {
		char *slash;

		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash != NULL) {
			*slash = '\0';
			snprintf(dirs[count++], PATH_MAX, "%.*s/../share/gicplan/layouts",
				 PATH_MAX - 32, exe);
		}
	}
	if (count < max)
		snprintf(dirs[count++], PATH_MAX, "%s", GICPLAN_LAYOUT_SOURCE_DIR);
	if (count < max)
		snprintf(dirs[count++], PATH_MAX, "%s", GICPLAN_LAYOUT_INSTALL_DIR);
	return count;
}

/* A device tree blob starts with this (Devicetree Specification 5.2), big-endian. */
static const unsigned char fdt_magic_bytes[] = { 0xd0, 0x0d, 0xfe, 0xed };

/*
 * After a layout file was refused: when it is a device tree blob or a plan
 * file, which users mix up with layouts, say so and where it belongs instead.
 */
static void name_other_input(const char *path, const char *text, size_t len,
			     struct gp_error *err)
{
	json_t *root;

	if (len >= sizeof(fdt_magic_bytes) &&
	    memcmp(text, fdt_magic_bytes, sizeof(fdt_magic_bytes)) == 0) {
		gp_error_init(err);
		gp_fail(err, GP_EXIT_USAGE, "--platform %s: a device tree blob, not a platform layout "
			"(JSON); a tree is read by gicplan verify, audit and --compat-with", path);
		return;
	}
	root = json_loadb(text, len, 0, NULL);
	if (json_is_object(root) && json_is_string(json_object_get(root, "format")) &&
	    json_object_get(root, "placements") == NULL) {
		gp_error_init(err);
		gp_fail(err, GP_EXIT_USAGE, "--platform %s: a gicplan plan (\"format\": \"%s\"), not "
			"a platform layout; a plan is read by gicplan verify, audit and --compat-with",
			path, json_string_value(json_object_get(root, "format")));
	}
	json_decref(root);
}

int gp_platform_load(const char *name_or_path, struct gp_platform *p, struct gp_error *err)
{
	size_t nlen = strlen(name_or_path);
	char dirs[4][PATH_MAX], path[PATH_MAX];
	void *text;
	size_t len, ndirs;
	int rc;

	if (strchr(name_or_path, '/') != NULL ||
	    (nlen > 5 && strcmp(name_or_path + nlen - 5, ".json") == 0)) {
		snprintf(path, sizeof(path), "%s", name_or_path);
	} else {
		if (!is_bundled_name(name_or_path))
			return gp_fail(err, GP_EXIT_USAGE,
				       "--platform: \"%s\" is not a bundled platform name or a path",
				       name_or_path);
		ndirs = layout_dirs(dirs, 4);
		path[0] = '\0';
		for (size_t i = 0; i < ndirs; i++) {
			snprintf(path, sizeof(path), "%.*s/%s.json", PATH_MAX - 64, dirs[i],
				 name_or_path);
			if (access(path, R_OK) == 0)
				break;
			path[0] = '\0';
		}
		if (path[0] == '\0')
			return gp_fail(err, GP_EXIT_USAGE,
				       "--platform: no bundled platform \"%s\" (see gicplan "
				       "platforms)", name_or_path);
	}
	if (gp_read_file(path, GP_LAYOUT_FILE_MAX, &text, &len, err) < 0)
		return -1;
	rc = gp_platform_parse(path, text, len, p, err);
	if (rc < 0)
		name_other_input(path, text, len, err);
	free(text);
	return rc;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(a, b);
}

int gp_platform_list(char (*names)[GP_NAME_MAX], size_t max, struct gp_error *err)
{
	char dirs[4][PATH_MAX];
	size_t ndirs = layout_dirs(dirs, 4), count = 0;

	for (size_t i = 0; i < ndirs; i++) {
		DIR *d = opendir(dirs[i]);
		struct dirent *e;

		if (d == NULL)
			continue;
		while ((e = readdir(d)) != NULL && count < max) {
			size_t len = strlen(e->d_name);

			if (len <= 5 || strcmp(e->d_name + len - 5, ".json") != 0 ||
			    len - 5 >= GP_NAME_MAX)
				continue;
			snprintf(names[count], GP_NAME_MAX, "%.*s", (int)(len - 5), e->d_name);
			if (is_bundled_name(names[count]))
				count++;
		}
		closedir(d);
		if (count > 0)
			break;
	}
	if (count == 0)
		return gp_fail(err, GP_EXIT_USAGE, "no bundled layouts found (set GICPLAN_LAYOUTS)");
	qsort(names, count, GP_NAME_MAX, name_cmp);
	return (int)count;
}
