/* SPDX-License-Identifier: MIT */
#include "planner.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "units.h"

unsigned gp_placement_min_ipa_bits(const struct gp_placement *pl, const struct gp_fit *fit,
				   uint64_t cpus)
{
	struct gp_fit f = *fit;

	for (f.ipa_bits = GP_IPA_BITS_MIN; f.ipa_bits <= GP_IPA_BITS_MAX; f.ipa_bits++)
		if (gp_placement_capacity(pl, &f) >= cpus)
			return f.ipa_bits;
	return 0;
}

/* Append to @buf (of @cap bytes, NUL-terminated) without overflowing. */
static void __attribute__((format(printf, 3, 4))) append(char *buf, size_t cap, const char *fmt, ...)
{
	size_t len = strlen(buf);
	va_list ap;

	if (len + 1 >= cap)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + len, cap - len, fmt, ap);
	va_end(ap);
}

/*
 * Why no placement holds the request: what it needs, what each offers, and
 * when some had the frames but another constraint stopped them, that first.
 */
static int infeasible(const struct gp_platform *p, const struct gp_request *req,
		      const char *tried, uint64_t best, const char *best_name, bool blocked,
		      struct gp_error *err)
{
	uint64_t redist_size = gp_redist_size(req->gic_version), total;
	char size[32], need[32];
	char most[sizeof("the best, , holds 18446744073709551615") + GP_NAME_MAX];

	if (blocked)
		return gp_fail(err, GP_EXIT_INFEASIBLE,
			       "no placement of platform '%s' holds %" PRIu64 " vCPUs with a %u-bit "
			       "IPA: %s (see gicplan limits)", p->name, req->cpus, req->ipa_bits, tried);
	if (!gp_mul(req->cpus, redist_size, &total))
		total = UINT64_MAX;
	if (best == 0)
		snprintf(most, sizeof(most), "not one holds a redistributor");
	else
		snprintf(most, sizeof(most), "the best, %s, holds %" PRIu64, best_name, best);
	return gp_fail(err, GP_EXIT_INFEASIBLE,
		       "%" PRIu64 " vCPUs need %" PRIu64 " redistributors of %s (%s in all); no "
		       "placement of platform '%s' holds them with a %u-bit IPA (%s); %s (see "
		       "gicplan limits)",
		       req->cpus, req->cpus, gp_size_str(size, sizeof(size), redist_size),
		       total == UINT64_MAX ? "more than 2^64 bytes"
					   : gp_size_str(need, sizeof(need), total),
		       p->name, req->ipa_bits, tried, most);
}

int gp_plan_make(const struct gp_platform *p, const struct gp_request *req, struct gp_plan *plan,
		 struct gp_error *err)
{
	struct gp_request r;
	char tried[GP_WHY_MAX] = "", size[32];
	uint64_t best = 0, redist_size;
	struct gp_fit fit;
	const char *best_name = "none";
	bool blocked = false;

	if (gp_request_resolve(p, req, &r, err) < 0)
		return -1;
	if (p->max_cpus != 0 && r.cpus > p->max_cpus)
		return gp_fail(err, GP_EXIT_INFEASIBLE,
			       "%" PRIu64 " vCPUs exceed the cap of platform '%s': %" PRIu64
			       " vCPUs at most (see gicplan limits)", r.cpus, p->name, p->max_cpus);
	if (r.cpus > gp_mpidr_capacity(&p->board))
		return gp_fail(err, GP_EXIT_INFEASIBLE,
			       "%" PRIu64 " vCPUs exceed the %" PRIu64 " MPIDRs that Aff0 groups of "
			       "%" PRIu32 " and three 8-bit levels above can number (see gicplan limits)",
			       r.cpus, gp_mpidr_capacity(&p->board), p->board.aff0_per_group);
	redist_size = gp_redist_size(r.gic_version);
	fit = gp_request_fit(&r);

	for (uint32_t i = 0; i < p->nr_placements; i++) {
		const struct gp_placement *pl = &p->placements[i];
		uint64_t cap = gp_placement_capacity(pl, &fit);
		struct gp_error why;

		if (cap > best) {
			best = cap;
			best_name = pl->name;
		}
		if (cap < r.cpus) {
			unsigned bits = gp_placement_min_ipa_bits(pl, &fit, r.cpus);
			char limit[GP_TEXT_MAX];

			append(tried, sizeof(tried), "%s%s holds %" PRIu64, *tried ? ", " : "",
			       pl->name, cap);
			gp_placement_limit(pl, &fit, limit, sizeof(limit));
			if (limit[0])
				append(tried, sizeof(tried), " (%s)", limit);
			if (bits > r.ipa_bits)
				append(tried, sizeof(tried), " (would hold them with --ipa-bits %u)",
				       bits);
			continue;
		}
		/* Room for the frames, but an ITS cannot reach them all. */
		if (r.its && r.cpus > GP_ITS_TARGETS_MAX)
			return gp_fail(err, GP_EXIT_INFEASIBLE,
				       "%" PRIu64 " vCPUs with an ITS: %s holds them, but an ITS's "
				       "16-bit collection IDs and processor numbers reach %" PRIu64
				       " vCPUs at most, and Linux makes one collection per CPU "
				       "(--no-its; see gicplan limits)", r.cpus, pl->name,
				       GP_ITS_TARGETS_MAX);
		gp_error_init(&why);
		if (gp_layout_place(p, pl, &r, plan, &why) == 0) {
			snprintf(plan->why, sizeof(plan->why),
				 "%" PRIu64 " vCPUs need %" PRIu64 " redistributors of %s; %.640s%s%s "
				 "holds %" PRIu64 ": the first placement that holds them",
				 r.cpus, r.cpus, gp_size_str(size, sizeof(size), redist_size), tried,
				 *tried ? "; " : "", pl->name, cap);
			return 0;
		}
		if (why.exit_code != GP_EXIT_INFEASIBLE) {
			gp_fail(err, why.exit_code, "%s", why.msg);
			return -1;
		}
		append(tried, sizeof(tried), "%s%s holds %" PRIu64 " but %s", *tried ? ", " : "",
		       pl->name, cap, why.msg);
		blocked = true;
	}
	return infeasible(p, &r, tried, best, best_name, blocked, err);
}
