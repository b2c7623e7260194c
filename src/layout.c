/* SPDX-License-Identifier: MIT */
/*
 * Region placement: a placement of a platform applied to a request.
 */
#include "layout.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gic_emul.h"
#include "gic_regs.h"
#include "units.h"

/* The highest SPI any device of @b uses, +1; 0 when none. */
static uint32_t board_spis_needed(const struct gp_board *b, const char **who)
{
	uint32_t need = 0;

	for (uint32_t i = 0; i < b->nr_devices; i++) {
		const struct gp_device *d = &b->devices[i];
		uint32_t n = gp_device_spi_count(d);

		if (n > 0 && d->spi + n > need) {
			need = d->spi + n;
			*who = d->name;
		}
	}
	return need;
}

static bool platform_has_its(const struct gp_platform *p)
{
	for (uint32_t i = 0; i < p->nr_placements; i++)
		if (p->placements[i].has_its)
			return true;
	return false;
}

int gp_gic_version_offered(const struct gp_platform *p, unsigned version, struct gp_error *err)
{
	if (!(p->gic_versions & (1u << version)))
		return gp_fail(err, GP_EXIT_USAGE, "--gic-version: platform '%s' does not offer GICv%u",
			       p->name, version);
	return 0;
}

int gp_request_resolve(const struct gp_platform *p, const struct gp_request *req,
		       struct gp_request *out, struct gp_error *err)
{
	char a[32], b[32];

	*out = *req;
	if (out->cpus == 0)
		return gp_fail(err, GP_EXIT_USAGE, "--cpus: must be at least 1");
	if (out->gic_version == 0)
		out->gic_version = p->default_gic_version;
	if (out->gic_version != 3 && out->gic_version != 4)
		return gp_fail(err, GP_EXIT_USAGE, "--gic-version: %u is not 3 or 4",
			       out->gic_version);
	if (gp_gic_version_offered(p, out->gic_version, err) < 0)
		return -1;
	if (out->its < 0)
		out->its = p->its_default && platform_has_its(p);
	if (out->its && !platform_has_its(p))
		return gp_fail(err, GP_EXIT_USAGE, "--its: no placement of platform '%s' has an ITS",
			       p->name);
	if (out->virtualization < 0)
		out->virtualization = p->virtualization_default;
	if (out->gic_version == 4 && p->v4_needs_virtualization && !out->virtualization)
		return gp_fail(err, GP_EXIT_USAGE,
			       "--gic-version 4: platform '%s' gives a GICv4 only to a guest with EL2 "
			       "(--virtualization)", p->name);
	if (out->ipa_bits == 0)
		out->ipa_bits = p->ipa_bits;
	if (out->ipa_bits < GP_IPA_BITS_MIN || out->ipa_bits > GP_IPA_BITS_MAX)
		return gp_fail(err, GP_EXIT_USAGE, "--ipa-bits: %u is outside %u..%u",
			       out->ipa_bits, GP_IPA_BITS_MIN, GP_IPA_BITS_MAX);
	if (out->spis == 0)
		out->spis = p->spis;
	if (!gp_spis_valid(out->spis))
		return gp_fail(err, GP_EXIT_USAGE,
			       "--spis: %" PRIu32 " is not an SPI count a GIC implements: a multiple "
			       "of 32 from 32 to %u, or %u", out->spis, GP_SPIS_PLAN_MAX, GP_SPIS_MAX);
	{
		const char *who = "";
		uint32_t need = board_spis_needed(&p->board, &who);

		/* The fewest SPIs that hold them all (a layout's own gic.spis does). */
		uint32_t least = (need + GP_SPI_GRANULE - 1) / GP_SPI_GRANULE * GP_SPI_GRANULE;

		if (need > out->spis)
			return gp_fail(err, GP_EXIT_USAGE,
				       "--spis: %" PRIu32 " is too few: device %s of platform '%s' "
				       "uses SPI %" PRIu32 " (--spis %" PRIu32 " or more)", out->spis,
				       who, p->name, need - 1, least);
	}
	if (out->ram_size == 0)
		out->ram_size = p->board.ram.size;
	if (!gp_aligned(out->ram_size, GP_MiB))
		return gp_fail(err, GP_EXIT_USAGE, "--ram: %s is not a whole number of MiB",
			       gp_hex(a, sizeof(a), out->ram_size));
	if (out->ram_size > p->board.ram_max)
		return gp_fail(err, GP_EXIT_INFEASIBLE,
			       "--ram: %s exceeds the %s RAM window of platform '%s'",
			       gp_size_str(a, sizeof(a), out->ram_size),
			       gp_size_str(b, sizeof(b), p->board.ram_max), p->name);
	if (p->board.ram.base + out->ram_size > gp_ipa_end(out->ipa_bits))
		return gp_fail(err, GP_EXIT_INFEASIBLE,
			       "--ram: %s of RAM from %s ends above the %u-bit IPA",
			       gp_size_str(a, sizeof(a), out->ram_size),
			       gp_hex(b, sizeof(b), p->board.ram.base), out->ipa_bits);
	return 0;
}

/* Bytes the ITS below a growing window takes from its span. */
static uint64_t its_reserve(const struct gp_placement *pl, const struct gp_redist_window *w,
			    bool its)
{
	return its && pl->its_below && w->grows_down ? GIC_ITS_SIZE : 0;
}

struct gp_fit gp_request_fit(const struct gp_request *req)
{
	return (struct gp_fit){ gp_redist_size(req->gic_version), req->ipa_bits, req->its > 0 };
}

/*
 * Where window @w of @pl can hold frames within an IPA of @ipa_bits: *@base and
 * the bytes from there (0 when it starts past the IPA's end).
 */
static void window_span(const struct gp_placement *pl, const struct gp_redist_window *w,
			unsigned ipa_bits, bool its, uint64_t *base, uint64_t *size)
{
	uint64_t end = gp_ipa_end(ipa_bits);

	*base = w->base;
	if (w->grows_down) {
		uint64_t low = w->floor + its_reserve(pl, w, its);

		*base = low;
		*size = w->top > low ? w->top - low : 0;
	} else if (w->to_ipa_end) {
		*size = w->base < end ? end - w->base : 0;
	} else {
		*size = w->size;
	}
}

/*
 * Whether the planner cannot place @pl at @fit whatever the count, and why
 * into @buf (@cap bytes, 0: not wanted). Every region of a plan must lie
 * within the IPA (gp_plan_check), and these are in every plan of @pl: the
 * distributor, a fixed ITS when one is asked for, the devices after its
 * moves. An ITS asked for needs a placement that has one.
 */
static bool unplaceable(const struct gp_placement *pl, const struct gp_fit *fit, char *buf,
			size_t cap)
{
	bool fixed_its = fit->its && pl->has_its && !pl->its_below;
	const struct gp_region always[] = {
		{ "region gicd", pl->gicd, GICD_SIZE },
		{ "region its", pl->its, fixed_its ? GIC_ITS_SIZE : 0 },
		pl->reach,
	};

	if (fit->its && !pl->has_its) {
		if (cap > 0)
			snprintf(buf, cap, "it has no ITS");
		return true;
	}
	for (size_t i = 0; i < sizeof(always) / sizeof(always[0]); i++) {
		const struct gp_region *r = &always[i];

		if (r->size == 0 || gp_in_ipa(r->base, r->size, fit->ipa_bits))
			continue;
		if (cap > 0)
			gp_above_ipa_str(buf, cap, r->name, r->base, r->size, fit->ipa_bits);
		return true;
	}
	return false;
}

/*
 * The frames @pl's windows hold for @fit, in order, up to the first window
 * whose frames would end above the IPA (a fixed window is placed whole, a
 * growing one ends at its top: gp_plan_check refuses either): its index into
 * *@stop (nr_windows: none). A window too small for a frame holds none and
 * is passed by, as the fill passes it.
 */
static uint64_t frames_in_ipa(const struct gp_placement *pl, const struct gp_fit *fit,
			      uint32_t *stop)
{
	uint64_t total = 0;

	for (*stop = 0; *stop < pl->nr_windows; ++*stop) {
		uint64_t base, size;

		window_span(pl, &pl->windows[*stop], fit->ipa_bits, fit->its, &base, &size);
		if (size / fit->redist_size == 0)
			continue;
		if (!gp_in_ipa(base, size, fit->ipa_bits))
			break;
		/* Frames are at least 128 KiB: a 64-bit sum of them cannot wrap. */
		total += size / fit->redist_size;
	}
	return total;
}

uint64_t gp_placement_capacity(const struct gp_placement *pl, const struct gp_fit *fit)
{
	uint32_t stop;

	return unplaceable(pl, fit, NULL, 0) ? 0 : frames_in_ipa(pl, fit, &stop);
}

void gp_placement_limit(const struct gp_placement *pl, const struct gp_fit *fit, char *buf,
			size_t cap)
{
	uint32_t stop;
	char what[sizeof("redistributor window 4294967295")];

	buf[0] = '\0';
	if (unplaceable(pl, fit, buf, cap))
		return;
	frames_in_ipa(pl, fit, &stop);
	if (stop < pl->nr_windows) {
		uint64_t base, size;

		window_span(pl, &pl->windows[stop], fit->ipa_bits, fit->its, &base, &size);
		snprintf(what, sizeof(what), "redistributor window %" PRIu32, stop);
		gp_above_ipa_str(buf, cap, what, base, size, fit->ipa_bits);
		return;
	}
	for (uint32_t i = 0; i < pl->nr_windows; i++) {
		const struct gp_redist_window *w = &pl->windows[i];
		uint64_t base, size;

		if (!w->grows_down)
			continue;
		window_span(pl, w, GP_IPA_BITS_MAX, fit->its, &base, &size);
		snprintf(buf, cap, "growing down from 0x%" PRIx64 ", the redistributors%s run into "
				   "%s at 0x%" PRIx64 " at %" PRIu64 " vCPUs", w->top,
			 fit->its && pl->its_below ? " and the ITS below them" : "", w->floor_name,
			 w->floor, size / fit->redist_size + 1);
		return;
	}
}

static void apply_moves(const struct gp_placement *pl, struct gp_board *b)
{
	for (uint32_t i = 0; i < pl->nr_moves; i++) {
		const struct gp_move *m = &pl->moves[i];
		struct gp_window *w = &b->devices[m->device].win[m->window];

		w->base = m->base;
		if (m->has_size)
			w->size = m->size;
	}
}

/* Drop optional windows the IPA cannot hold; say so in the plan's notes. */
static void drop_optional_windows(struct gp_plan *plan)
{
	char *notes = plan->notes;
	size_t cap = sizeof(plan->notes);

	for (uint32_t i = 0; i < plan->board.nr_devices; i++) {
		struct gp_device *d = &plan->board.devices[i];

		for (unsigned w = 1; w < GP_DEV_WINDOWS_MAX; w++) {
			if (!d->optional[w] || d->win[w].size == 0)
				continue;
			if (gp_in_ipa(d->win[w].base, d->win[w].size, plan->ipa_bits))
				continue;
			d->win[w].size = 0;
			snprintf(notes + strlen(notes), cap - strlen(notes),
				 "%s%s.%s dropped: outside the %u-bit IPA", *notes ? "; " : "", d->name,
				 gp_dev_types[d->type].windows[w - 1], plan->ipa_bits);
		}
	}
}

/* Whether region @next continues @prev's run of @size-byte frames with no gap. */
static bool merges(const struct gp_redist_region *prev, const struct gp_redist_region *next,
		   uint64_t size)
{
	return prev->count == prev->capacity && prev->count * size == prev->window &&
	       prev->base + prev->window == next->base;
}

/* The platform's board with placement @pl's moves applied and @ram_size of RAM. */
static void placed_board(const struct gp_platform *p, const struct gp_placement *pl,
			 uint64_t ram_size, struct gp_board *out)
{
	*out = p->board;
	apply_moves(pl, out);
	out->ram.size = ram_size;
}

/* A plan of placement @pl under a @ipa_bits-bit IPA, with nothing placed yet but the GICD. */
static void plan_init(const struct gp_platform *p, const struct gp_placement *pl,
		      unsigned ipa_bits, struct gp_plan *plan)
{
	memset(plan, 0, sizeof(*plan));
	snprintf(plan->platform, sizeof(plan->platform), "%s", p->name);
	snprintf(plan->tier, sizeof(plan->tier), "%s", pl->name);
	plan->ipa_bits = ipa_bits;
	plan->gicd = (struct gp_window){ pl->gicd, GICD_SIZE };
}

int gp_layout_place(const struct gp_platform *p, const struct gp_placement *pl,
		    const struct gp_request *req, struct gp_plan *plan, struct gp_error *err)
{
	uint64_t left = req->cpus, cpu = 0;
	char a[32];

	plan_init(p, pl, req->ipa_bits, plan);
	plan->platform_version = p->version;
	snprintf(plan->tier_summary, sizeof(plan->tier_summary), "%s", pl->summary);
	plan->req = *req;
	plan->redist_size = gp_redist_size(req->gic_version);
	if (req->its && !pl->has_its)
		return gp_fail(err, GP_EXIT_INFEASIBLE, "placement '%s' of platform '%s' has no ITS",
			       pl->name, p->name);
	plan->has_its = req->its && pl->has_its;
	if (plan->has_its)
		plan->its = (struct gp_window){ pl->its, GIC_ITS_SIZE };

	for (uint32_t i = 0; i < pl->nr_windows && left > 0; i++) {
		const struct gp_redist_window *w = &pl->windows[i];
		uint64_t base, size, capacity;
		struct gp_redist_region *r = &plan->redist[plan->nr_redist];

		window_span(pl, w, req->ipa_bits, plan->has_its, &base, &size);
		capacity = size / plan->redist_size;
		if (capacity == 0)
			continue;
		r->capacity = capacity;
		r->first_cpu = cpu;
		r->count = left < capacity ? left : capacity;
		/* count <= capacity = size / redist_size: the products fit. */
		if (w->grows_down) {
			r->window = r->count * plan->redist_size;
			r->base = w->top - r->window;
			if (plan->has_its && pl->its_below)
				plan->its.base = r->base - GIC_ITS_SIZE;
		} else {
			r->base = base;
			r->window = size;
		}
		r->reg_size = pl->reg_whole_window ? r->window : r->count * plan->redist_size;
		cpu += r->count;
		left -= r->count;
		/*
		 * Last marks the end of a contiguous run of redistributors (IHI 0069,
		 * and KVM follows it): a region that starts where a full one ends is
		 * the same run, so it is described as one region, not two the
		 * guest's walk would run across.
		 */
		if (plan->nr_redist > 0 && merges(&plan->redist[plan->nr_redist - 1], r, plan->redist_size)) {
			struct gp_redist_region *prev = &plan->redist[plan->nr_redist - 1];

			prev->window += r->window;
			prev->capacity += r->capacity;
			prev->count += r->count;
			prev->reg_size = pl->reg_whole_window ? prev->window
							      : prev->count * plan->redist_size;
			memset(r, 0, sizeof(*r));
			continue;
		}
		plan->nr_redist++;
	}
	if (left > 0)
		return gp_fail(err, GP_EXIT_INFEASIBLE,
			       "placement '%s' holds %" PRIu64 " redistributors of %s, not %" PRIu64,
			       pl->name, cpu, gp_size_str(a, sizeof(a), plan->redist_size),
			       req->cpus);

	placed_board(p, pl, req->ram_size, &plan->board);
	drop_optional_windows(plan);
	return gp_plan_check(plan, GP_EXIT_INFEASIBLE, err);
}

void gp_placement_preview(const struct gp_platform *p, const struct gp_placement *pl,
			  unsigned ipa_bits, struct gp_plan *plan)
{
	plan_init(p, pl, ipa_bits, plan);
	plan->has_its = pl->has_its;
	plan->its = (struct gp_window){ pl->its, GIC_ITS_SIZE };
	for (uint32_t i = 0; i < pl->nr_windows; i++) {
		const struct gp_redist_window *w = &pl->windows[i];
		struct gp_redist_region *r = &plan->redist[plan->nr_redist];

		window_span(pl, w, ipa_bits, pl->has_its, &r->base, &r->window);
		r->reg_size = r->window;
		if (w->grows_down && pl->its_below)
			plan->its.base = w->floor;
		if (r->window != 0)
			plan->nr_redist++;
	}
	placed_board(p, pl, p->board.ram_max, &plan->board);
}

void gp_placement_find_reach(const struct gp_platform *p, struct gp_placement *pl)
{
	struct gp_board board;
	struct gp_region r[GP_DEVICES_MAX * GP_DEV_WINDOWS_MAX + 1];
	uint64_t top = 0;
	size_t n;

	/* No RAM; the optional windows empty: placing drops them rather than refuse. */
	placed_board(p, pl, 0, &board);
	for (uint32_t i = 0; i < board.nr_devices; i++)
		for (unsigned w = 1; w < GP_DEV_WINDOWS_MAX; w++)
			if (board.devices[i].optional[w])
				board.devices[i].win[w].size = 0;
	n = gp_board_regions(&board, r, sizeof(r) / sizeof(r[0]));
	memset(&pl->reach, 0, sizeof(pl->reach));
	for (size_t k = 0; k < n; k++) {
		uint64_t end;

		if (!gp_add(r[k].base, r[k].size, &end))
			end = UINT64_MAX;
		if (r[k].size != 0 && end > top) {
			top = end;
			pl->reach = r[k];
			snprintf(pl->reach.name, sizeof(pl->reach.name), "region %.*s",
				 (int)sizeof(pl->reach.name) - 8, r[k].name);
		}
	}
}

void gp_placement_find_floors(const struct gp_platform *p, struct gp_placement *pl)
{
	struct gp_board board;
	struct gp_region r[GP_DEVICES_MAX * GP_DEV_WINDOWS_MAX + 1];
	size_t n;

	placed_board(p, pl, p->board.ram_max, &board);
	n = gp_board_regions(&board, r, sizeof(r) / sizeof(r[0]));
	for (uint32_t i = 0; i < pl->nr_windows; i++) {
		struct gp_redist_window *w = &pl->windows[i];
		/* The distributor and a fixed ITS: { base, size }, size 0 when absent. */
		const uint64_t gic[2][2] = { { pl->gicd, GICD_SIZE },
					     { pl->its, pl->has_its && !pl->its_below ? GIC_ITS_SIZE
										     : 0 } };
		const char *gic_name[2] = { "gicd", "its" };

		if (!w->grows_down)
			continue;
		w->floor = 0;
		snprintf(w->floor_name, sizeof(w->floor_name), "the bottom of the address space");
		for (size_t k = 0; k < n; k++)
			if (r[k].base + r[k].size <= w->top && r[k].base + r[k].size > w->floor) {
				w->floor = r[k].base + r[k].size;
				snprintf(w->floor_name, sizeof(w->floor_name), "%.*s",
					 (int)sizeof(w->floor_name) - 1, r[k].name);
			}
		for (size_t k = 0; k < 2; k++)
			if (gic[k][1] && gic[k][0] + gic[k][1] <= w->top &&
			    gic[k][0] + gic[k][1] > w->floor) {
				w->floor = gic[k][0] + gic[k][1];
				snprintf(w->floor_name, sizeof(w->floor_name), "%s", gic_name[k]);
			}
		for (uint32_t k = 0; k < pl->nr_windows; k++) {
			const struct gp_redist_window *o = &pl->windows[k];
			uint64_t end = o->base + o->size;

			if (k != i && !o->grows_down && !o->to_ipa_end && end <= w->top &&
			    end > w->floor) {
				w->floor = end;
				snprintf(w->floor_name, sizeof(w->floor_name), "redistributor window %"
					 PRIu32, k);
			}
		}
	}
}

size_t gp_placement_moves(const struct gp_platform *p, const struct gp_placement *a,
			  const struct gp_placement *b, char *buf, size_t cap)
{
	struct gp_plan *pa = malloc(sizeof(*pa)), *pb = malloc(sizeof(*pb));
	struct gp_region *ra = NULL, *rb = NULL;
	size_t na, nb, moved = 0;

	buf[0] = '\0';
	if (pa == NULL || pb == NULL)
		goto out;
	gp_placement_preview(p, a, p->ipa_bits, pa);
	gp_placement_preview(p, b, p->ipa_bits, pb);
	na = gp_plan_regions(pa, NULL, 0);
	nb = gp_plan_regions(pb, NULL, 0);
	ra = calloc(na, sizeof(*ra));
	rb = calloc(nb, sizeof(*rb));
	if (ra == NULL || rb == NULL)
		goto out;
	gp_plan_regions(pa, ra, na);
	gp_plan_regions(pb, rb, nb);
	/* A region moves when the other map has no region of its name at the same place. */
	for (size_t i = 0; i < na; i++) {
		bool same = false;

		for (size_t k = 0; k < nb && !same; k++)
			same = strcmp(ra[i].name, rb[k].name) == 0 && ra[i].base == rb[k].base &&
			       ra[i].size == rb[k].size;
		if (same || strcmp(ra[i].name, "ram") == 0)
			continue;
		snprintf(buf + strlen(buf), cap - strlen(buf), "%s%s", moved ? ", " : "",
			 ra[i].name);
		moved++;
	}
out:
	free(ra);
	free(rb);
	free(pa);
	free(pb);
	return moved;
}
