/* SPDX-License-Identifier: MIT */
/*
 * The checks every plan must pass, and its named regions.
 */
#include "plan.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gic_emul.h"
#include "gic_regs.h"
#include "units.h"

bool gp_spis_valid(uint32_t spis)
{
	return spis == GP_SPIS_MAX || (spis > 0 && spis % GP_SPI_GRANULE == 0 && spis < GP_SPIS_MAX);
}

uint64_t gp_redist_size(unsigned version)
{
	return version == 4 ? GICR_V4_SIZE : GICR_V3_SIZE;
}

uint64_t gp_ipa_end(unsigned ipa_bits)
{
	return ipa_bits >= 64 ? UINT64_MAX : UINT64_C(1) << ipa_bits;
}

bool gp_in_ipa(uint64_t base, uint64_t size, unsigned ipa_bits)
{
	uint64_t end;

	return gp_add(base, size, &end) && end <= gp_ipa_end(ipa_bits);
}

void gp_above_ipa_str(char *buf, size_t cap, const char *what, uint64_t base, uint64_t size,
		      unsigned ipa_bits)
{
	char a[32], b[32];
	uint64_t end;

	if (!gp_add(base, size, &end))
		end = UINT64_MAX;
	snprintf(buf, cap, "%s [%s, %s) ends above the %u-bit IPA", what, gp_hex(a, sizeof(a), base),
		 gp_hex(b, sizeof(b), end), ipa_bits);
}

static size_t add_region(struct gp_region *out, size_t max, size_t n, const char *name,
			 const char *sub, uint64_t base, uint64_t size)
{
	if (out != NULL && n < max) {
		if (sub != NULL)
			snprintf(out[n].name, sizeof(out[n].name), "%s.%s", name, sub);
		else
			snprintf(out[n].name, sizeof(out[n].name), "%s", name);
		out[n].base = base;
		out[n].size = size;
	}
	return n + 1;
}

static int region_cmp(const void *pa, const void *pb)
{
	const struct gp_region *a = pa, *b = pb;

	if (a->base != b->base)
		return a->base < b->base ? -1 : 1;
	if (a->size != b->size)
		return a->size < b->size ? -1 : 1;
	return strcmp(a->name, b->name);
}

static size_t add_board_regions(const struct gp_board *b, struct gp_region *out, size_t max,
				size_t n)
{
	for (uint32_t i = 0; i < b->nr_devices; i++) {
		const struct gp_device *d = &b->devices[i];

		n = add_region(out, max, n, d->name, NULL, d->win[0].base, gp_device_span(d));
		for (unsigned w = 1; w < GP_DEV_WINDOWS_MAX; w++)
			if (d->win[w].size != 0)
				n = add_region(out, max, n, d->name,
					       gp_dev_types[d->type].windows[w - 1],
					       d->win[w].base, d->win[w].size);
	}
	return add_region(out, max, n, "ram", NULL, b->ram.base, b->ram.size);
}

static size_t sorted(struct gp_region *out, size_t max, size_t n)
{
	if (out != NULL)
		qsort(out, n < max ? n : max, sizeof(*out), region_cmp);
	return n;
}

size_t gp_board_regions(const struct gp_board *b, struct gp_region *out, size_t max)
{
	return sorted(out, max, add_board_regions(b, out, max, 0));
}

size_t gp_plan_regions(const struct gp_plan *plan, struct gp_region *out, size_t max)
{
	size_t n = 0;

	n = add_region(out, max, n, "gicd", NULL, plan->gicd.base, plan->gicd.size);
	if (plan->has_its)
		n = add_region(out, max, n, "its", NULL, plan->its.base, plan->its.size);
	for (uint32_t i = 0; i < plan->nr_redist; i++) {
		char name[GP_NAME_MAX];

		snprintf(name, sizeof(name), "redist%" PRIu32, i);
		n = add_region(out, max, n, name, NULL, plan->redist[i].base,
			       plan->redist[i].window);
	}
	return sorted(out, max, add_board_regions(&plan->board, out, max, n));
}

bool gp_regions_overlap(struct gp_region *regions, size_t n, const struct gp_region **a,
			const struct gp_region **b)
{
	uint64_t reach = 0;
	size_t reacher = 0;

	qsort(regions, n, sizeof(*regions), region_cmp);
	/* Sorted by base: a region overlaps an earlier one iff it starts below the furthest end. */
	for (size_t i = 0; i < n; i++) {
		uint64_t end;

		if (regions[i].size == 0)
			continue;
		if (i > 0 && regions[i].base < reach) {
			*a = &regions[reacher];
			*b = &regions[i];
			return true;
		}
		if (!gp_add(regions[i].base, regions[i].size, &end))
			end = UINT64_MAX;
		if (end > reach) {
			reach = end;
			reacher = i;
		}
	}
	return false;
}

static int check_regions(const struct gp_plan *plan, int exit_code, struct gp_error *err)
{
	size_t n = gp_plan_regions(plan, NULL, 0);
	struct gp_region *r = calloc(n, sizeof(*r));
	const struct gp_region *a, *b;
	char x[32], y[32], z[32], what[GP_NAME_MAX * 2 + 8], why[GP_ERROR_MSG_MAX];
	int rc = 0;

	if (r == NULL)
		return gp_fail(err, GP_EXIT_USAGE, "out of memory");
	gp_plan_regions(plan, r, n);
	for (size_t i = 0; i < n && rc == 0; i++) {
		uint64_t end;

		if (r[i].size == 0)
			rc = gp_fail(err, exit_code, "region %s at %s has size 0", r[i].name,
				     gp_hex(x, sizeof(x), r[i].base));
		else if (!gp_add(r[i].base, r[i].size, &end))
			rc = gp_fail(err, exit_code, "region %s at %s wraps the 64-bit address space",
				     r[i].name, gp_hex(x, sizeof(x), r[i].base));
		else if (!gp_in_ipa(r[i].base, r[i].size, plan->ipa_bits)) {
			snprintf(what, sizeof(what), "region %s", r[i].name);
			gp_above_ipa_str(why, sizeof(why), what, r[i].base, r[i].size,
					 plan->ipa_bits);
			rc = gp_fail(err, exit_code, "%s", why);
		}
	}
	if (rc == 0 && gp_regions_overlap(r, n, &a, &b))
		rc = gp_fail(err, exit_code, "region %s [%s, +%s) overlaps region %s at %s",
			     a->name, gp_hex(x, sizeof(x), a->base),
			     gp_size_str(y, sizeof(y), a->size), b->name,
			     gp_hex(z, sizeof(z), b->base));
	free(r);
	return rc;
}

static int check_gic_alignment(const struct gp_plan *plan, int exit_code, struct gp_error *err)
{
	char x[32];

	if (!gp_aligned(plan->gicd.base, GIC_BASE_ALIGN))
		return gp_fail(err, exit_code, "gicd base %s is not 64 KiB aligned",
			       gp_hex(x, sizeof(x), plan->gicd.base));
	if (plan->has_its && !gp_aligned(plan->its.base, GIC_BASE_ALIGN))
		return gp_fail(err, exit_code, "its base %s is not 64 KiB aligned",
			       gp_hex(x, sizeof(x), plan->its.base));
	for (uint32_t i = 0; i < plan->nr_redist; i++)
		if (!gp_aligned(plan->redist[i].base, GIC_BASE_ALIGN) ||
		    !gp_aligned(plan->redist[i].reg_size, GIC_BASE_ALIGN))
			return gp_fail(err, exit_code,
				       "redist%" PRIu32 " [%s, +0x%" PRIx64 ") is not 64 KiB aligned",
				       i, gp_hex(x, sizeof(x), plan->redist[i].base),
				       plan->redist[i].reg_size);
	return 0;
}

static int check_redist_fill(const struct gp_plan *plan, int exit_code, struct gp_error *err)
{
	uint64_t cpu = 0;

	for (uint32_t i = 0; i < plan->nr_redist; i++) {
		const struct gp_redist_region *r = &plan->redist[i];
		char size[GP_SIZE_STR_MAX];
		uint64_t need;

		if (r->first_cpu != cpu || r->count == 0 || r->count > r->capacity)
			return gp_fail(err, exit_code,
				       "redist%" PRIu32 ": %" PRIu64 " redistributors from vCPU %"
				       PRIu64 " do not follow the regions before it (capacity %" PRIu64
				       ")", i, r->count, r->first_cpu, r->capacity);
		if (!gp_mul(r->count, plan->redist_size, &need) || need > r->reg_size ||
		    r->reg_size > r->window)
			return gp_fail(err, exit_code,
				       "redist%" PRIu32 ": %" PRIu64 " redistributors do not fit its "
				       "%s", i, r->count, gp_size_exact_str(size, sizeof(size),
									    r->reg_size));
		/* Touching regions would be one run to the GIC: its Last only at the very end. */
		for (uint32_t k = 0; k < plan->nr_redist; k++)
			if (k != i && plan->redist[k].base == r->base + r->reg_size)
				return gp_fail(err, exit_code,
					       "redist%" PRIu32 " ends where redist%" PRIu32 " begins "
					       "(0x%" PRIx64 "): Last marks the end of a contiguous run, "
					       "so the guest's walk of redist%" PRIu32 " would run on "
					       "into redist%" PRIu32, i, k, plan->redist[k].base, i, k);
		cpu += r->count;
	}
	if (cpu != plan->req.cpus)
		return gp_fail(err, exit_code,
			       "the redistributor regions hold %" PRIu64 " vCPUs, not %" PRIu64, cpu,
			       plan->req.cpus);
	if (plan->req.cpus > gp_mpidr_capacity(&plan->board))
		return gp_fail(err, exit_code,
			       "%" PRIu64 " vCPUs exceed the %" PRIu64 " MPIDRs of Aff0 groups of %"
			       PRIu32, plan->req.cpus, gp_mpidr_capacity(&plan->board),
			       plan->board.aff0_per_group);
	return 0;
}

/* Who uses a PPI, for the error that names both users of one. */
struct ppi_use {
	const char *who;
	uint32_t ppi;
};

static int check_interrupts(const struct gp_plan *plan, int exit_code, struct gp_error *err)
{
	const struct gp_board *b = &plan->board;
	const char *spi_owner[GP_SPIS_MAX] = { 0 };
	const char *ppi_owner[GIC_NR_PPIS] = { 0 };

	for (uint32_t i = 0; i < b->nr_devices; i++) {
		const struct gp_device *d = &b->devices[i];
		uint32_t n = gp_device_spi_count(d);

		for (uint32_t k = 0; k < n; k++) {
			uint64_t spi = (uint64_t)d->spi + k;

			if (spi >= plan->req.spis)
				return gp_fail(err, exit_code,
					       "device %s: SPI %" PRIu64 " (INTID %" PRIu64 ") is not "
					       "below the %" PRIu32 " SPIs", d->name, spi,
					       spi + GIC_INTID_SPI_FIRST, plan->req.spis);
			if (spi_owner[spi] != NULL)
				return gp_fail(err, exit_code,
					       "device %s: SPI %" PRIu64 " is already %s's", d->name,
					       spi, spi_owner[spi]);
			spi_owner[spi] = d->name;
		}
	}
	struct ppi_use ppis[GP_TIMER_PPIS_MAX + 2];
	uint32_t nr_ppis = 0;

	for (uint32_t i = 0; i < b->nr_timer_ppis; i++)
		ppis[nr_ppis++] = (struct ppi_use){ "timer", b->timer_ppis[i] };
	if (b->has_pmu)
		ppis[nr_ppis++] = (struct ppi_use){ "pmu", b->pmu_ppi };
	if (plan->req.virtualization)
		ppis[nr_ppis++] = (struct ppi_use){ "maintenance", b->maintenance_ppi };
	for (uint32_t i = 0; i < nr_ppis; i++) {
		uint32_t ppi = ppis[i].ppi;

		if (ppi >= GIC_NR_PPIS)
			return gp_fail(err, exit_code, "%s: PPI %" PRIu32 " is not below %u",
				       ppis[i].who, ppi, GIC_NR_PPIS);
		if (ppi_owner[ppi] != NULL)
			return gp_fail(err, exit_code, "%s: PPI %" PRIu32 " is already %s's",
				       ppis[i].who, ppi, ppi_owner[ppi]);
		ppi_owner[ppi] = ppis[i].who;
	}
	return 0;
}

int gp_plan_check(const struct gp_plan *plan, int exit_code, struct gp_error *err)
{
	if (check_gic_alignment(plan, exit_code, err) < 0 ||
	    check_redist_fill(plan, exit_code, err) < 0 ||
	    check_regions(plan, exit_code, err) < 0 ||
	    check_interrupts(plan, exit_code, err) < 0)
		return -1;
	return 0;
}
