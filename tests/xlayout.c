/* SPDX-License-Identifier: MIT */
#include "xlayout.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define X_KIB (UINT64_C(1) << 10)
#define X_AFF0_DEFAULT 16     /* the layout format's default aff0_per_group */
#define X_AFF_LEVEL_VALUES 256 /* Aff1, Aff2 and Aff3 are 8 bits each */

uint64_t x_u64(const json_t *v)
{
	char digits[64];
	const char *s;
	char *end;
	size_t n = 0;
	uint64_t val, mult = 1;

	if (json_is_integer(v))
		return (uint64_t)json_integer_value(v);
	ck_assert_msg(json_is_string(v), "layout value is neither integer nor string");
	for (s = json_string_value(v); *s && n + 1 < sizeof(digits); s++)
		if (*s != '_')
			digits[n++] = *s;
	digits[n] = '\0';
	val = strtoull(digits, &end, 0);
	switch (*end) {
	case 'K': mult = X_KIB; break;
	case 'M': mult = X_KIB * X_KIB; break;
	case 'G': mult = X_KIB * X_KIB * X_KIB; break;
	case 'T': mult = X_KIB * X_KIB * X_KIB * X_KIB; break;
	case '\0': break;
	default: ck_abort_msg("cannot read size \"%s\"", json_string_value(v));
	}
	return val * mult;
}

void x_load(const char *path, struct xlayout *x)
{
	json_error_t jerr;
	json_t *root = json_load_file(path, 0, &jerr), *gic, *pl, *ram, *v;
	size_t i, k;

	ck_assert_msg(root != NULL, "%s: %s", path, jerr.text);
	memset(x, 0, sizeof(*x));
	x->ipa_bits = (unsigned)json_integer_value(json_object_get(root, "ipa_bits"));
	v = json_object_get(root, "max_cpus");
	x->max_cpus = v ? (uint64_t)json_integer_value(v) : 0;
	gic = json_object_get(root, "gic");
	x->default_version = (unsigned)json_integer_value(json_object_get(gic, "default_version"));
	x->its = json_is_true(json_object_get(gic, "its"));
	x->spis = (uint32_t)json_integer_value(json_object_get(gic, "spis"));
	v = json_object_get(json_object_get(root, "cpu"), "aff0_per_group");
	x->aff0 = v ? (unsigned)json_integer_value(v) : X_AFF0_DEFAULT;
	ram = json_object_get(root, "ram");
	if (ram != NULL) {
		x->ram_size = x_u64(json_object_get(ram, "size"));
		v = json_object_get(ram, "max_size");
		x->ram_max = v ? x_u64(v) : x->ram_size;
	}
	json_array_foreach(json_object_get(root, "placements"), i, pl) {
		struct xplace *p = &x->pl[i];
		const char *target;
		json_t *w, *reg = json_object_get(pl, "reg_size");

		snprintf(p->name, sizeof(p->name), "%s",
			 json_string_value(json_object_get(pl, "name")));
		p->gicd = x_u64(json_object_get(pl, "gicd"));
		v = json_object_get(pl, "its");
		p->has_its = v != NULL;
		/* "below-redist": placed by the planner, under the redistributors */
		p->its = v && strcmp(json_string_value(v), "below-redist") != 0 ? x_u64(v) : 0;
		p->reg_window = reg != NULL && strcmp(json_string_value(reg), "window") == 0;
		json_array_foreach(json_object_get(pl, "redist_regions"), k, w) {
			json_t *size = json_object_get(w, "size");

			p->win[k].base = x_u64(json_object_get(w, "base"));
			p->win[k].to_end = json_is_string(size) &&
					   strcmp(json_string_value(size), "to-ipa-end") == 0;
			p->win[k].size = p->win[k].to_end ? 0 : x_u64(size);
			p->nwin = k + 1;
		}
		json_object_foreach(json_object_get(pl, "moves"), target, w) {
			snprintf(p->moves[p->nmoves].target, sizeof(p->moves[0].target), "%s", target);
			p->moves[p->nmoves++].base = x_u64(json_object_get(w, "base"));
		}
		x->nplace = i + 1;
	}
	json_decref(root);
}

uint64_t x_window_bytes(const struct xwin *w, unsigned ipa_bits)
{
	uint64_t end = UINT64_C(1) << ipa_bits;

	if (!w->to_end)
		return w->size;
	return w->base < end ? end - w->base : 0;
}

uint64_t x_capacity(const struct xplace *p, uint64_t frame, unsigned ipa_bits)
{
	uint64_t total = 0;

	for (size_t i = 0; i < p->nwin; i++)
		total += x_window_bytes(&p->win[i], ipa_bits) / frame;
	return total;
}

int x_tier(const struct xlayout *x, uint64_t cpus, uint64_t frame, unsigned ipa_bits, bool its)
{
	uint64_t groups = (uint64_t)X_AFF_LEVEL_VALUES * X_AFF_LEVEL_VALUES * X_AFF_LEVEL_VALUES;

	if (x->max_cpus != 0 && cpus > x->max_cpus)
		return -1;
	if (cpus > (uint64_t)x->aff0 * groups)
		return -1;
	for (size_t i = 0; i < x->nplace; i++)
		if (x_capacity(&x->pl[i], frame, ipa_bits) >= cpus && (!its || x->pl[i].has_its))
			return (int)i;
	return -1;
}

uint64_t x_mpidr(uint64_t g, uint64_t i)
{
	uint64_t grp = i / g;

	return (grp / 65536) << 32 | ((grp / 256) % 256) << 16 | (grp % 256) << 8 | (i % g);
}
