/* SPDX-License-Identifier: MIT */
#include "plan_json.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "board_json.h"
#include "gic_emul.h"
#include "gic_regs.h"
#include "json_in.h"
#include "kvm.h"

const char *gp_generator(void)
{
	return "gicplan " GICPLAN_VERSION;
}

char *gp_json_dump(const json_t *root, size_t *len)
{
	char *text = json_dumps(root, JSON_INDENT(2));
	char *withnl;
	size_t n;

	if (text == NULL)
		return NULL;
	n = strlen(text);
	withnl = realloc(text, n + 2);
	if (withnl == NULL) {
		free(text);
		return NULL;
	}
	withnl[n] = '\n';
	withnl[n + 1] = '\0';
	*len = n + 1;
	return withnl;
}

json_t *gp_plan_regions_json(const struct gp_plan *plan)
{
	size_t n = gp_plan_regions(plan, NULL, 0);
	struct gp_region *r = calloc(n, sizeof(*r));
	json_t *arr = json_array();

	if (r == NULL)
		return arr;
	gp_plan_regions(plan, r, n);
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:s,s:o,s:o,s:o}", "name", r[i].name, "base",
						     gp_json_hex(r[i].base), "size",
						     gp_json_hex(r[i].size), "end",
						     gp_json_hex(r[i].base + r[i].size)));
	free(r);
	return arr;
}

static json_t *request_json(const struct gp_request *r)
{
	return json_pack("{s:I,s:i,s:b,s:i,s:i,s:o,s:b}", "cpus", (json_int_t)r->cpus,
			 "gic_version", (int)r->gic_version, "its", r->its, "ipa_bits",
			 (int)r->ipa_bits, "spis", (int)r->spis, "ram", gp_json_hex(r->ram_size),
			 "virtualization", r->virtualization);
}

static json_t *gic_json(const struct gp_plan *plan)
{
	json_t *gic = json_object(), *regions = json_array();

	json_object_set_new(gic, "version", json_integer(plan->req.gic_version));
	json_object_set_new(gic, "redist_size", gp_json_hex(plan->redist_size));
	json_object_set_new(gic, "gicd", gp_json_hex(plan->gicd.base));
	json_object_set_new(gic, "its", plan->has_its ? gp_json_hex(plan->its.base) : json_null());
	json_object_set_new(gic, "maintenance_ppi", json_integer(plan->board.maintenance_ppi));
	for (uint32_t i = 0; i < plan->nr_redist; i++) {
		const struct gp_redist_region *r = &plan->redist[i];

		json_array_append_new(regions,
				      json_pack("{s:o,s:o,s:o,s:I,s:I,s:I}", "base",
						gp_json_hex(r->base), "window", gp_json_hex(r->window),
						"reg_size", gp_json_hex(r->reg_size), "capacity",
						(json_int_t)r->capacity, "first_cpu",
						(json_int_t)r->first_cpu, "count",
						(json_int_t)r->count));
	}
	json_object_set_new(gic, "redist_regions", regions);
	return gic;
}

json_t *gp_kvm_json(const struct gp_kvm_list *l)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < l->n; i++) {
		const struct gp_kvm_attr *a = &l->attrs[i];
		json_t *o = json_pack("{s:s,s:i,s:s,s:I,s:s}", "device",
				      gp_kvm_device_name(a->device), "group", (int)a->group,
				      "group_name", gp_kvm_group_name(a->group), "attr",
				      (json_int_t)a->attr, "attr_name",
				      gp_kvm_attr_name(a->device, a->group, a->attr));

		json_object_set_new(o, "value", a->has_value ? gp_json_hex(a->value) : json_null());
		json_object_set_new(o, "what", json_string(a->what));
		json_array_append_new(arr, o);
	}
	return arr;
}

json_t *gp_plan_kvm_json(const struct gp_plan *plan)
{
	struct gp_kvm_list l;
	struct gp_error err;
	json_t *arr;

	gp_error_init(&err);
	if (gp_kvm_attrs_of_plan(plan, &l, &err) < 0)
		return json_null();
	arr = gp_kvm_json(&l);
	gp_kvm_free(&l);
	return arr;
}

json_t *gp_plan_to_json(const struct gp_plan *plan)
{
	json_t *root = json_object(), *board = json_object();

	json_object_set_new(root, "format", json_string(GP_PLAN_FORMAT));
	json_object_set_new(root, "format_version", json_integer(GP_PLAN_FORMAT_VERSION));
	json_object_set_new(root, "generator", json_string(gp_generator()));
	json_object_set_new(root, "platform", json_pack("{s:s,s:I}", "name", plan->platform,
							"version",
							(json_int_t)plan->platform_version));
	json_object_set_new(root, "request", request_json(&plan->req));
	json_object_set_new(root, "tier", json_string(plan->tier));
	json_object_set_new(root, "tier_summary", json_string(plan->tier_summary));
	json_object_set_new(root, "why", json_string(plan->why));
	if (plan->notes[0])
		json_object_set_new(root, "notes", json_string(plan->notes));
	json_object_set_new(root, "gic", gic_json(plan));
	gp_board_to_json(&plan->board, board);
	json_object_set_new(root, "board", board);
	json_object_set_new(root, "regions", gp_plan_regions_json(plan));
	json_object_set_new(root, "kvm", gp_plan_kvm_json(plan));
	return root;
}

static int read_request(struct gp_jin *j, json_t *root, struct gp_request *r)
{
	static const char *const keys[] = { "cpus", "gic_version", "its", "ipa_bits", "spis",
					    "ram", "virtualization", NULL };
	json_t *v = gp_jin_member(j, root, "request", true);
	int64_t cpus, version, ipa, spis;
	bool its, virt;
	size_t mark;

	if (v == NULL)
		return -1;
	mark = gp_jin_enter_key(j, "request");
	if (gp_jin_object(j, v, keys) < 0 ||
	    gp_jin_int(j, v, "cpus", true, 1, UINT32_MAX, &cpus) < 0 ||
	    gp_jin_int(j, v, "gic_version", true, 3, 4, &version) < 0 ||
	    gp_jin_bool(j, v, "its", true, &its) < 0 ||
	    gp_jin_int(j, v, "ipa_bits", true, GP_IPA_BITS_MIN, GP_IPA_BITS_MAX, &ipa) < 0 ||
	    gp_jin_int(j, v, "spis", true, GP_SPI_GRANULE, GP_SPIS_MAX, &spis) < 0 ||
	    gp_jin_u64(j, v, "ram", true, &r->ram_size) < 0 ||
	    gp_jin_bool(j, v, "virtualization", true, &virt) < 0)
		return -1;
	if (!gp_spis_valid((uint32_t)spis)) {
		gp_jin_enter_key(j, "spis");
		return gp_jin_fail(j, "%" PRId64 " is not a count a GIC implements", spis);
	}
	r->cpus = (uint64_t)cpus;
	r->gic_version = (unsigned)version;
	r->its = its;
	r->ipa_bits = (unsigned)ipa;
	r->spis = (uint32_t)spis;
	r->virtualization = virt;
	gp_jin_leave(j, mark);
	return 0;
}

static int read_redist_region(struct gp_jin *j, json_t *v, struct gp_redist_region *r)
{
	static const char *const keys[] = { "base", "window", "reg_size", "capacity",
					    "first_cpu", "count", NULL };
	int64_t capacity, first, count;

	if (gp_jin_object(j, v, keys) < 0 || gp_jin_u64(j, v, "base", true, &r->base) < 0 ||
	    gp_jin_u64(j, v, "window", true, &r->window) < 0 ||
	    gp_jin_u64(j, v, "reg_size", true, &r->reg_size) < 0 ||
	    gp_jin_int(j, v, "capacity", true, 1, INT64_MAX, &capacity) < 0 ||
	    gp_jin_int(j, v, "first_cpu", true, 0, UINT32_MAX, &first) < 0 ||
	    gp_jin_int(j, v, "count", true, 1, UINT32_MAX, &count) < 0)
		return -1;
	r->capacity = (uint64_t)capacity;
	r->first_cpu = (uint64_t)first;
	r->count = (uint64_t)count;
	return 0;
}

static int read_gic(struct gp_jin *j, json_t *root, struct gp_plan *plan)
{
	static const char *const keys[] = { "version", "redist_size", "gicd", "its",
					    "maintenance_ppi", "redist_regions", NULL };
	json_t *v = gp_jin_member(j, root, "gic", true), *regions, *r;
	int64_t version, ppi;
	size_t mark, i;
	int rc;

	if (v == NULL)
		return -1;
	mark = gp_jin_enter_key(j, "gic");
	if (gp_jin_object(j, v, keys) < 0 ||
	    gp_jin_int(j, v, "version", true, 3, 4, &version) < 0 ||
	    gp_jin_u64(j, v, "redist_size", true, &plan->redist_size) < 0 ||
	    gp_jin_u64(j, v, "gicd", true, &plan->gicd.base) < 0 ||
	    gp_jin_int(j, v, "maintenance_ppi", true, 0, GIC_NR_PPIS - 1, &ppi) < 0)
		return -1;
	if ((unsigned)version != plan->req.gic_version ||
	    plan->redist_size != gp_redist_size((unsigned)version))
		return gp_jin_fail(j, "version %" PRId64 " and redist_size 0x%" PRIx64 " disagree "
				      "with the request's GICv%u", version, plan->redist_size,
				   plan->req.gic_version);
	plan->gicd.size = GICD_SIZE;
	plan->board.maintenance_ppi = (uint32_t)ppi;
	rc = gp_jin_u64(j, v, "its", false, &plan->its.base);
	if (rc < 0)
		return -1;
	plan->has_its = rc > 0;
	plan->its.size = plan->has_its ? GIC_ITS_SIZE : 0;
	if (plan->has_its != (bool)plan->req.its)
		return gp_jin_fail(j, "its disagrees with the request");
	regions = gp_jin_member(j, v, "redist_regions", true);
	if (regions == NULL)
		return -1;
	gp_jin_enter_key(j, "redist_regions");
	if (!json_is_array(regions) || json_array_size(regions) == 0 ||
	    json_array_size(regions) > GP_REDIST_REGIONS_MAX)
		return gp_jin_fail(j, "expected 1 to %d redistributor regions",
				   GP_REDIST_REGIONS_MAX);
	json_array_foreach(regions, i, r) {
		size_t m = gp_jin_enter_index(j, i);

		if (read_redist_region(j, r, &plan->redist[i]) < 0)
			return -1;
		gp_jin_leave(j, m);
	}
	plan->nr_redist = (uint32_t)json_array_size(regions);
	gp_jin_leave(j, mark);
	return 0;
}

static int read_header(struct gp_jin *j, json_t *root, struct gp_plan *plan)
{
	static const char *const pkeys[] = { "name", "version", NULL };
	char format[32] = "", generator[GP_TEXT_MAX] = "";
	int64_t fv = 0, pv = 0;
	json_t *p;
	size_t mark;

	if (gp_jin_string(j, root, "format", true, format, sizeof(format)) < 0)
		return -1;
	if (strcmp(format, GP_PLAN_FORMAT) != 0) {
		gp_jin_enter_key(j, "format");
		return gp_jin_fail(j, "\"%s\" is not \"" GP_PLAN_FORMAT "\"", format);
	}
	if (gp_jin_int(j, root, "format_version", true, 1, INT64_MAX, &fv) < 0 ||
	    gp_jin_string(j, root, "generator", false, generator, sizeof(generator)) < 0)
		return -1;
	if (fv > GP_PLAN_FORMAT_VERSION) {
		gp_jin_enter_key(j, "format_version");
		return gp_jin_fail(j, "%" PRId64 " is newer than this gicplan reads (%d): written "
				      "by \"%s\"", fv, GP_PLAN_FORMAT_VERSION,
				   generator[0] ? generator : "an unnamed generator");
	}
	p = gp_jin_member(j, root, "platform", true);
	if (p == NULL)
		return -1;
	mark = gp_jin_enter_key(j, "platform");
	if (gp_jin_object(j, p, pkeys) < 0 ||
	    gp_jin_string(j, p, "name", true, plan->platform, sizeof(plan->platform)) < 0 ||
	    gp_jin_int(j, p, "version", true, 1, UINT32_MAX, &pv) < 0)
		return -1;
	plan->platform_version = (uint32_t)pv;
	gp_jin_leave(j, mark);
	if (gp_jin_string(j, root, "tier", true, plan->tier, sizeof(plan->tier)) < 0 ||
	    gp_jin_string(j, root, "tier_summary", false, plan->tier_summary,
			  sizeof(plan->tier_summary)) < 0 ||
	    gp_jin_string(j, root, "why", false, plan->why, sizeof(plan->why)) < 0 ||
	    gp_jin_string(j, root, "notes", false, plan->notes, sizeof(plan->notes)) < 0)
		return -1;
	return 0;
}

static int read_board(struct gp_jin *j, json_t *root, struct gp_plan *plan)
{
	json_t *b = gp_jin_member(j, root, "board", true);
	uint32_t maintenance = plan->board.maintenance_ppi;
	size_t mark;

	if (b == NULL)
		return -1;
	mark = gp_jin_enter_key(j, "board");
	if (gp_jin_object(j, b, gp_board_keys) < 0 || gp_board_from_json(j, b, &plan->board) < 0)
		return -1;
	plan->board.maintenance_ppi = maintenance;
	if (plan->board.ram.size != plan->req.ram_size)
		return gp_jin_fail(j, "ram size 0x%" PRIx64 " disagrees with the request's 0x%"
				      PRIx64, plan->board.ram.size, plan->req.ram_size);
	gp_jin_leave(j, mark);
	return 0;
}

int gp_plan_from_json(const char *source, const char *text, size_t len, struct gp_plan *plan,
		      struct gp_error *err)
{
	static const char *const keys[] = { "format", "format_version", "generator", "platform",
					    "request", "tier", "tier_summary", "why", "notes",
					    "gic", "board", "regions", "kvm", NULL };
	struct gp_jin j;
	json_t *root = gp_jin_parse(&j, source, text, len, err), *regions, *mine;
	int rc = -1;

	if (root == NULL)
		return -1;
	memset(plan, 0, sizeof(*plan));
	if (gp_jin_object(&j, root, keys) < 0 || read_header(&j, root, plan) < 0 ||
	    read_request(&j, root, &plan->req) < 0 || read_gic(&j, root, plan) < 0 ||
	    read_board(&j, root, plan) < 0)
		goto out;
	plan->ipa_bits = plan->req.ipa_bits;
	if (gp_plan_check(plan, GP_EXIT_USAGE, err) < 0) {
		gp_error_wrap(err, GP_EXIT_USAGE, "%s", source);
		goto out;
	}
	/* What the plan derives must agree with it: a hand edit there would be ignored. */
	for (int k = 0; k < 2; k++) {
		const char *key = k == 0 ? "regions" : "kvm";

		regions = gp_jin_member(&j, root, key, false);
		if (regions == NULL)
			continue;
		mine = k == 0 ? gp_plan_regions_json(plan) : gp_plan_kvm_json(plan);
		if (!json_equal(regions, mine)) {
			gp_jin_enter_key(&j, key);
			gp_jin_fail(&j, "does not match the plan's gic and board (edit those, not "
					"what is derived from them)");
			json_decref(mine);
			goto out;
		}
		json_decref(mine);
	}
	rc = 0;
out:
	json_decref(root);
	return rc;
}
