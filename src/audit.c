/* SPDX-License-Identifier: MIT */
#include "audit.h"

#include <inttypes.h>
#include <libfdt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit_tree.h"
#include "gic_regs.h"
#include "units.h"

/*
 * The flags Linux's GICv3 driver keeps (gic_irq_domain_translate:
 * IRQ_TYPE_SENSE_MASK): the trigger. Bits above, such as the GICv2 CPU mask
 * in [15:8] that QEMU and many boards still write for PPIs, are dropped.
 */
#define IRQ_TYPE_SENSE_MASK 0xfu

/* Devices by index: matched pairs, and the ones only one side has. */
struct dev_lists {
	size_t *pair_old, *pair_new, nr_pairs;
	size_t *gone, nr_gone;   /* old devices without a match */
	size_t *came, nr_came;   /* new devices without a match */
};

struct ctx {
	const struct gp_input *old, *new;
	const struct gp_audit_options *o;
	struct gp_audit *a;
	struct gp_error *err;
	struct dev_lists dl;
};

static const char *const verdict_names[] = {
	[GP_VERDICT_COMPATIBLE] = "compatible",
	[GP_VERDICT_BREAKS] = "breaks",
};

static const char *const mode_names[] = {
	[GP_AUDIT_ROLLBACK] = "rollback",
	[GP_AUDIT_ONE_WAY] = "one-way",
	[GP_AUDIT_IDENTICAL] = "identical",
};

const char *gp_audit_mode_name(enum gp_audit_mode m)
{
	return m <= GP_AUDIT_IDENTICAL ? mode_names[m] : "unknown";
}

const char *gp_audit_breaks_name(unsigned breaks)
{
	static const char *const names[] = { "none", "old->new", "new->old", "old->new, new->old" };

	return names[breaks & GP_BREAKS_BOTH];
}

struct gp_audit_options gp_audit_defaults(void)
{
	return (struct gp_audit_options){ GP_AUDIT_ROLLBACK, GIC_PROFILE_ARCH, GP_GIC_STATE_UNKNOWN,
					  NULL };
}

/* The verdict of a difference breaking @breaks, in mode @m: identical fails on any. */
static enum gp_verdict verdict_in(enum gp_audit_mode m, unsigned breaks)
{
	if (m == GP_AUDIT_IDENTICAL)
		return GP_VERDICT_BREAKS;
	if (m == GP_AUDIT_ONE_WAY)
		breaks &= GP_BREAKS_OLD_NEW;
	return breaks ? GP_VERDICT_BREAKS : GP_VERDICT_COMPATIBLE;
}

int gp_audit_diff(struct gp_audit *a, struct gp_error *err, unsigned breaks, const char *what,
		  const char *old, const char *new, const char *why)
{
	struct gp_diff *d;

	if (a->n == a->cap) {
		size_t cap = a->cap ? 2 * a->cap : 16;
		struct gp_diff *p = realloc(a->diffs, cap * sizeof(*p));

		if (p == NULL)
			return gp_fail(err, GP_EXIT_USAGE, "out of memory");
		a->diffs = p;
		a->cap = cap;
	}
	d = &a->diffs[a->n++];
	d->breaks = breaks;
	d->verdict = verdict_in(a->mode, breaks);
	snprintf(d->what, sizeof(d->what), "%s", what);
	snprintf(d->old, sizeof(d->old), "%s", old);
	snprintf(d->new, sizeof(d->new), "%s", new);
	snprintf(d->why, sizeof(d->why), "%s", why);
	if (d->verdict == GP_VERDICT_BREAKS)
		a->breaks = true;
	return 0;
}

/* A difference that breaks the directions @breaks (GP_BREAKS_*), with its reason. */
static int __attribute__((format(printf, 6, 7)))
diff(struct ctx *c, unsigned breaks, const char *what, const char *old, const char *new,
     const char *why_fmt, ...)
{
	char why[sizeof(((struct gp_diff *)0)->why)];
	va_list ap;

	va_start(ap, why_fmt);
	vsnprintf(why, sizeof(why), why_fmt, ap);
	va_end(ap);
	return gp_audit_diff(c->a, c->err, breaks, what, old, new, why);
}

/* A value the guest keeps using: any change breaks. */
static int same_u64(struct ctx *c, const char *what, uint64_t old, uint64_t new,
		    const char *why)
{
	char a[32], b[32];

	c->a->compared++;
	if (old == new)
		return 0;
	return diff(c, GP_BREAKS_BOTH, what, gp_hex(a, sizeof(a), old), gp_hex(b, sizeof(b), new),
		    "%s", why);
}

static const char *strlist_or(const struct gp_machine *m, size_t off, size_t len,
			      const char *none)
{
	return len ? gp_mach_str(m, off) : none;
}

/* Compatible lists in order: bytes first, then the shorter one. */
static int strlist_cmp(const struct gp_machine *a, size_t aoff, size_t alen,
		       const struct gp_machine *b, size_t boff, size_t blen)
{
	size_t n = alen < blen ? alen : blen;
	int rc = n ? memcmp(a->pool + aoff, b->pool + boff, n) : 0;

	if (rc != 0 || alen == blen)
		return rc;
	return alen < blen ? -1 : 1;
}

static bool strlist_eq(const struct gp_machine *a, size_t aoff, size_t alen,
		       const struct gp_machine *b, size_t boff, size_t blen)
{
	return strlist_cmp(a, aoff, alen, b, boff, blen) == 0;
}

static bool same_windows(const struct gp_window *a, size_t na, const struct gp_window *b,
			 size_t nb)
{
	return na == nb && (na == 0 || memcmp(a, b, na * sizeof(*a)) == 0);
}

static uint64_t first_base(const struct gp_machine *m, const struct gp_mach_device *d)
{
	return d->nr_reg ? m->regs[d->first_reg].base : 0;
}

/* The step the guest's walk takes: the tree's stride, or the redistributor size. */
static uint64_t effective_stride(const struct gp_machine *m, const struct gp_vgic *v)
{
	return m->has_stride ? m->stride : v->redist_size;
}

/* ---- the GIC --------------------------------------------------------------------------- */

static int audit_gic(struct ctx *c)
{
	const struct gp_vgic *ov = &c->old->v, *nv = &c->new->v;
	const struct gp_machine *om = &c->old->m, *nm = &c->new->m;
	char a[48], b[48];

	c->a->compared++;
	if (ov->version != nv->version &&
	    diff(c, GP_BREAKS_BOTH, "GIC version", ov->version == 4 ? "GICv4" : "GICv3",
		 nv->version == 4 ? "GICv4" : "GICv3",
		 "the redistributor size changes (128 vs 256 KiB): every frame after the first "
		 "moves and the guest's walk steps differently") < 0)
		return -1;
	if (same_u64(c, "gicd", om->gicd.base, nm->gicd.base,
		     "the guest programs its distributor at the old address") < 0 ||
	    same_u64(c, "SPIs (NR_IRQS)", ov->nr_irqs, nv->nr_irqs,
		     "GICD_TYPER changes and the distributor's saved state does not fit") < 0)
		return -1;
	c->a->compared++;
	/*
	 * No stride means the frame size: the walk is the same either way. A
	 * change of frame size alone is the GIC version's difference, above.
	 */
	if ((om->has_stride || nm->has_stride) &&
	    effective_stride(om, ov) != effective_stride(nm, nv)) {
		snprintf(a, sizeof(a), om->has_stride ? "0x%" PRIx64 : "none", om->stride);
		snprintf(b, sizeof(b), nm->has_stride ? "0x%" PRIx64 : "none", nm->stride);
		if (diff(c, GP_BREAKS_BOTH, "redistributor-stride", a, b,
			 "the guest steps through its regions by the old stride") < 0)
			return -1;
	}
	c->a->compared++;
	/*
	 * Fix (tests/test_audit.c option_changes, "ITS and EL2 added"): an ITS
	 * added or removed used to return here, so a maintenance interrupt that
	 * changed with it was never compared. Record the ITS difference, go on.
	 */
	/*
	 * An ITS added is not invisible (issue 11, measured on QEMU 7.2): the
	 * registers the guest reads change under it (GICD_TYPER.LPIS, IDbits,
	 * GICR_TYPER.PLPIS: compared below as the emulator shows them), and a
	 * stream from NEW does not load into OLD ("Unknown savevm section
	 * 'arm_gicv3_its'"): QEMU freezes it per machine type (no_tcg_its).
	 */
	if (ov->has_its && !nv->has_its) {
		if (diff(c, GP_BREAKS_BOTH, "ITS", gp_hex(a, sizeof(a), ov->its_base), "none",
			 "old->new: the guest's MSIs go through the ITS it probed; new->old: "
			 "GICD_TYPER.LPIS and GICR_TYPER.PLPIS change under the guest") < 0)
			return -1;
	} else if (!ov->has_its && nv->has_its) {
		if (diff(c, GP_BREAKS_BOTH, "ITS", "none", gp_hex(b, sizeof(b), nv->its_base),
			 "old->new: GICD_TYPER.LPIS, IDbits and GICR_TYPER.PLPIS change under the "
			 "running guest; new->old: OLD has no ITS to load NEW's ITS state into "
			 "(QEMU: Unknown savevm section 'arm_gicv3_its')") < 0)
			return -1;
	} else if (ov->has_its && same_u64(c, "ITS", ov->its_base, nv->its_base,
					   "the guest's ITS tables and MSI doorbell are at the old "
					   "address") < 0) {
		return -1;
	}
	c->a->compared++;
	if ((om->nr_maintenance != nm->nr_maintenance ||
	     (om->nr_maintenance && (om->maintenance.type != nm->maintenance.type ||
				     om->maintenance.number != nm->maintenance.number ||
				     ((om->maintenance.flags ^ nm->maintenance.flags) &
				      IRQ_TYPE_SENSE_MASK)))) &&
	    diff(c, GP_BREAKS_BOTH, "GIC maintenance interrupt",
		 om->nr_maintenance ? "present" : "none", nm->nr_maintenance ? "present" : "none",
		 "a guest with EL2 (virtualization) cannot move to a machine without, nor back") <
		    0)
		return -1;
	return 0;
}

/*
 * Regions the old guest walks with its old tree: each must still start with
 * a redistributor where it did, and the new machine's last frame in it must be
 * inside the old reg, or the old walk runs past its region.
 */
static int audit_regions(struct ctx *c)
{
	const struct gp_machine *om = &c->old->m, *nm = &c->new->m;
	const struct gp_vgic *nv = &c->new->v;
	char what[64], a[64], b[64];

	for (uint32_t i = 0; i < om->nr_redist; i++) {
		const struct gp_window *o = &om->redist[i];
		uint64_t used = 0;

		c->a->compared++;
		snprintf(what, sizeof(what), "redistributor region %" PRIu32, i);
		if (i >= nm->nr_redist) {
			snprintf(a, sizeof(a), "0x%" PRIx64 " +0x%" PRIx64, o->base, o->size);
			if (diff(c, GP_BREAKS_BOTH, what, a, "none",
				 "the old guest walks a region the new machine does not have") < 0)
				return -1;
			continue;
		}
		if (nm->redist[i].base != o->base) {
			snprintf(a, sizeof(a), "0x%" PRIx64, o->base);
			snprintf(b, sizeof(b), "0x%" PRIx64, nm->redist[i].base);
			if (diff(c, GP_BREAKS_BOTH, what, a, b,
				 "the old guest looks for its redistributors at the old base") < 0)
				return -1;
			continue;
		}
		for (uint32_t k = 0; k < nv->nr_regions; k++)
			if (nv->regions[k].base == o->base)
				used = nv->regions[k].count * nv->redist_size;
		if (used > o->size) {
			snprintf(a, sizeof(a), "reg 0x%" PRIx64, o->size);
			snprintf(b, sizeof(b), "frames to 0x%" PRIx64, o->base + used);
			if (diff(c, GP_BREAKS_OLD_NEW, what, a, b,
				 "the new machine's last redistributor (Last) is beyond the old reg: "
				 "the old guest's walk would run past its region") < 0)
				return -1;
		} else if (nm->redist[i].size != o->size) {
			snprintf(a, sizeof(a), "reg 0x%" PRIx64, o->size);
			snprintf(b, sizeof(b), "reg 0x%" PRIx64, nm->redist[i].size);
			if (diff(c, 0, what, a, b,
				 "a different size in the tree only; the old guest's walk still "
				 "ends on Last inside its region") < 0)
				return -1;
		}
	}
	for (uint32_t i = om->nr_redist; i < nm->nr_redist; i++) {
		snprintf(what, sizeof(what), "redistributor region %" PRIu32, i);
		snprintf(b, sizeof(b), "0x%" PRIx64 " +0x%" PRIx64, nm->redist[i].base,
			 nm->redist[i].size);
		if (diff(c, GP_BREAKS_NEW_OLD, what, "none", b,
			 "old->new: added for vCPUs the old machine did not have; new->old: "
			 "those vCPUs do not exist on OLD") < 0)
			return -1;
	}
	return 0;
}

/* "vCPU 7" or "vCPUs 7-9". */
static void cpu_range(char *buf, size_t cap, uint64_t first, uint64_t last)
{
	if (first == last)
		snprintf(buf, cap, "vCPU %" PRIu64, first);
	else
		snprintf(buf, cap, "vCPUs %" PRIu64 "-%" PRIu64, first, last);
}

/* Every old vCPU keeps its MPIDR and its redistributor; added vCPUs are new hardware. */
static int audit_cpus(struct ctx *c)
{
	const struct gp_vgic *ov = &c->old->v, *nv = &c->new->v;
	uint64_t n = ov->nr_cpus < nv->nr_cpus ? ov->nr_cpus : nv->nr_cpus;
	uint64_t mpidr_diffs = 0, frame_diffs = 0, first_mpidr = 0, first_frame = 0;
	uint64_t old_frame = 0, new_frame = 0;
	struct gp_vgic_walk ow = { 0 }, nw = { 0 };
	char a[96], b[96], range[64];

	for (uint64_t i = 0; i < n; i++) {
		uint64_t of = gp_vgic_next_frame(ov, &ow), nf = gp_vgic_next_frame(nv, &nw);

		if (ov->mpidr[i] != nv->mpidr[i] && mpidr_diffs++ == 0)
			first_mpidr = i;
		if (of != nf && frame_diffs++ == 0) {
			first_frame = i;
			old_frame = of;
			new_frame = nf;
		}
	}
	c->a->compared += 2 * n + 1;
	if (mpidr_diffs) {
		snprintf(a, sizeof(a), "vCPU %" PRIu64 ": 0x%" PRIx64, first_mpidr,
			 ov->mpidr[first_mpidr]);
		snprintf(b, sizeof(b), "0x%" PRIx64 " (%" PRIu64 " vCPUs differ)",
			 nv->mpidr[first_mpidr], mpidr_diffs);
		if (diff(c, GP_BREAKS_BOTH, "vCPU MPIDRs", a, b,
			 "a running vCPU's MPIDR is its identity: routing, PSCI and the "
			 "redistributor walk use it") < 0)
			return -1;
	}
	if (frame_diffs) {
		snprintf(a, sizeof(a), "vCPU %" PRIu64 ": 0x%" PRIx64, first_frame, old_frame);
		snprintf(b, sizeof(b), "0x%" PRIx64 " (%" PRIu64 " vCPUs differ)", new_frame,
			 frame_diffs);
		if (diff(c, GP_BREAKS_BOTH, "vCPU redistributors", a, b,
			 "each running vCPU has its redistributor at the address it found at "
			 "boot") < 0)
			return -1;
	}
	if (nv->nr_cpus == ov->nr_cpus)
		return 0;
	snprintf(a, sizeof(a), "%" PRIu64, ov->nr_cpus);
	snprintf(b, sizeof(b), "%" PRIu64, nv->nr_cpus);
	cpu_range(range, sizeof(range), n, (nv->nr_cpus > ov->nr_cpus ? nv->nr_cpus : ov->nr_cpus) - 1);
	if (nv->nr_cpus < ov->nr_cpus)
		return diff(c, c->o->gic_state == GP_GIC_STATE_MAX_CPUS ? GP_BREAKS_OLD_NEW
									 : GP_BREAKS_BOTH,
			    "vCPUs", a, b, "old->new: %s of the running guest would vanish; "
			    "new->old: %s", range, c->a->vmm_rule);
	/* The stream from NEW carries vCPUs OLD does not have, whatever the VMM. */
	if (c->o->gic_state == GP_GIC_STATE_MAX_CPUS)
		return diff(c, GP_BREAKS_NEW_OLD, "vCPUs", a, b,
			    "old->new: %s added above the old max_cpus: the running guest never "
			    "sees them (%s); new->old: the stream carries vCPUs OLD does not have",
			    range, c->a->vmm_rule);
	return diff(c, GP_BREAKS_BOTH, "vCPUs", a, b,
		    "old->new: %s added: %s; new->old: the stream carries vCPUs OLD does not have",
		    range, c->a->vmm_rule);
}

static int audit_cpu_model(struct ctx *c)
{
	const struct gp_machine *om = &c->old->m, *nm = &c->new->m;

	c->a->compared += 2;
	if (!strlist_eq(om, om->cpu_compatible, om->cpu_compatible_len, nm, nm->cpu_compatible,
			nm->cpu_compatible_len) &&
	    diff(c, GP_BREAKS_BOTH, "cpu compatible",
		 strlist_or(om, om->cpu_compatible, om->cpu_compatible_len, "none"),
		 strlist_or(nm, nm->cpu_compatible, nm->cpu_compatible_len, "none"),
		 "a different CPU model: its features and ID registers are guest state") < 0)
		return -1;
	/* Offset 0 of the pool is "": an absent method. */
	if (strcmp(gp_mach_str(om, om->psci_method), gp_mach_str(nm, nm->psci_method)) != 0 &&
	    diff(c, GP_BREAKS_BOTH, "psci method",
		 om->psci_method ? gp_mach_str(om, om->psci_method) : "none",
		 nm->psci_method ? gp_mach_str(nm, nm->psci_method) : "none",
		 "the guest calls firmware through the conduit it booted with") < 0)
		return -1;
	return 0;
}

static int window_cmp(const void *pa, const void *pb)
{
	const struct gp_window *a = pa, *b = pb;

	if (a->base != b->base)
		return a->base < b->base ? -1 : 1;
	return a->size < b->size ? -1 : a->size > b->size;
}

static void windows_str(char *buf, size_t cap, const struct gp_window *w, size_t n)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < n && used + 1 < cap; i++)
		used += (size_t)snprintf(buf + used, cap - used, "%s0x%" PRIx64 "+0x%" PRIx64,
					 i ? ", " : "", w[i].base, w[i].size);
	if (n == 0)
		snprintf(buf, cap, "none");
}

static int audit_memory(struct ctx *c)
{
	const struct gp_machine *om = &c->old->m, *nm = &c->new->m;
	struct gp_window *o = calloc(om->nr_memory + 1, sizeof(*o));
	struct gp_window *n = calloc(nm->nr_memory + 1, sizeof(*n));
	char a[112], b[112];
	int rc = 0;

	if (o == NULL || n == NULL) {
		free(o);
		free(n);
		return gp_fail(c->err, GP_EXIT_USAGE, "out of memory");
	}
	/* A tree may have no memory node: then there is nothing to copy (and no pointer). */
	if (om->nr_memory > 0)
		memcpy(o, om->memory, om->nr_memory * sizeof(*o));
	if (nm->nr_memory > 0)
		memcpy(n, nm->memory, nm->nr_memory * sizeof(*n));
	qsort(o, om->nr_memory, sizeof(*o), window_cmp);
	qsort(n, nm->nr_memory, sizeof(*n), window_cmp);
	c->a->compared++;
	if (!same_windows(o, om->nr_memory, n, nm->nr_memory)) {
		windows_str(a, sizeof(a), o, om->nr_memory);
		windows_str(b, sizeof(b), n, nm->nr_memory);
		rc = diff(c, GP_BREAKS_BOTH, "memory", a, b,
			  "RAM is moved as it is: its base and size must match");
	}
	free(o);
	free(n);
	return rc;
}

/* ---- the GIC as the guest reads it ---------------------------------------------------- */

/* A register a guest reads, and where. */
struct guest_reg {
	const char *name;
	uint64_t offset;   /* in the distributor, or in a vCPU's RD_base frame */
	unsigned size;
	uint64_t ignore;   /* bits judged elsewhere */
	const char *why;
};

static const struct guest_reg dist_regs[] = {
	{ "GICD_TYPER", GICD_TYPER, 4, 0,
	  "a register the running guest reads changes under it: Linux re-reads GICD_TYPER at every "
	  "CPU bring-up (gic_starting_cpu), and the VMM restores the old ID bits (LPIS, IDbits, "
	  "ITLinesNumber) it was sized by" },
	{ "GICD_TYPER2", GICD_TYPER2, 4, 0,
	  "a register the running guest read at boot (vPE and nASSGI support) changes under it" },
	{ "GICD_IIDR", GICD_IIDR, 4, 0,
	  "the distributor's implementer and revision change under the running guest (errata "
	  "workarounds are chosen by it)" },
	{ "GICD_PIDR2", GIC_PIDR2, 4, 0,
	  "the architecture revision (GICv3/GICv4) changes under the running guest" },
};

/* Per vCPU, in one pass over every vCPU both sides have. */
static const struct guest_reg redist_regs[] = {
	/* Last is the walk's end: judged by the regions, above. */
	{ "GICR_TYPER", GICR_TYPER, 8, GICR_TYPER_LAST,
	  "each vCPU's redistributor identity (PLPIS, VLPIS, affinity, processor number) changes "
	  "under a guest that re-reads it at CPU bring-up (gic_populate_rdist)" },
	{ "GICR_CTLR", GICR_CTLR, 4, 0,
	  "read-only bits of GICR_CTLR (CES, IR: LPI support) change under the running guest" },
	{ "GICR_IIDR", GICR_IIDR, 4, 0,
	  "the redistributor's implementer and revision change under the running guest" },
	{ "GICR_PIDR2", GIC_PIDR2, 4, 0,
	  "the redistributor's architecture revision changes under the running guest" },
};
#define NR_REDIST_REGS (sizeof(redist_regs) / sizeof(redist_regs[0]))

/* "GIC registers" cannot be compared: one side's VGIC does not build or read. */
static int registers_unread(struct ctx *c, const char *side, int rc)
{
	return diff(c, GP_BREAKS_BOTH, "GIC registers", "not compared", "not compared",
		    "%s's VGIC does not build or read under the %s profile (%s): what the guest "
		    "reads cannot be compared", side, gic_profile_name(c->o->profile),
		    gic_strerror(rc));
}

static int read_reg(struct gic *g, uint64_t base, const struct guest_reg *r, uint64_t *val)
{
	int rc = gic_mmio_read(g, base + r->offset, r->size, val);

	*val &= ~r->ignore;
	return rc;
}

/*
 * @v as the VMM builds it under @profile. QEMU's GIC follows the machine
 * type, which a tree does not record: unless one was set, a side with an ITS
 * is taken for a machine type whose GIC has LPIs (the latest), one without
 * for the newest without them, virt-6.1 (hw/arm/virt.c,
 * virt_machine_6_1_options: no_tcg_its), as QEMU's own dumps of the two are.
 */
static struct gp_vgic side_vgic(const struct gp_vgic *v, enum gic_profile profile)
{
	struct gp_vgic side = *v;

	if (profile == GIC_PROFILE_QEMU && v->qemu_machine == 0)
		gp_vgic_set_qemu_machine(&side, profile,
					 v->has_its ? GIC_QEMU_MACHINE_LATEST
						    : GIC_QEMU_MACHINE(6, 1));
	return side;
}

/*
 * Build both sides' GIC as the VMM does (gp_vgic_build) and compare what a
 * guest reads: the distributor's ID registers, then each vCPU's redistributor
 * registers and ICC_CTLR_EL1, all vCPUs in one pass, each register reported
 * once with the first vCPU that differs and how many do.
 */
static int audit_registers(struct ctx *c)
{
	const struct gp_vgic ovs = side_vgic(&c->old->v, c->o->profile);
	const struct gp_vgic nvs = side_vgic(&c->new->v, c->o->profile);
	const struct gp_vgic *ov = &ovs, *nv = &nvs;
	enum gp_vgic_step ostep = GP_VGIC_CREATE, nstep = GP_VGIC_CREATE;
	int orc = 0, nrc = 0, rc = 0;
	struct gic *og = gp_vgic_build(ov, c->o->profile, &orc, &ostep);
	struct gic *ng = gp_vgic_build(nv, c->o->profile, &nrc, &nstep);
	uint64_t n = ov->nr_cpus < nv->nr_cpus ? ov->nr_cpus : nv->nr_cpus;
	uint64_t ndiff[NR_REDIST_REGS + 1] = { 0 }, first[NR_REDIST_REGS + 1] = { 0 };
	uint64_t oval[NR_REDIST_REGS + 1] = { 0 }, nval[NR_REDIST_REGS + 1] = { 0 };
	char a[112], b[112], what[64];

	/*
	 * Neither builds, the same way: there are no registers to compare (verify
	 * says why); one side alone: the guest's GIC is not the same.
	 */
	if (og == NULL && ng == NULL && orc == nrc && ostep == nstep)
		goto out;
	if (og == NULL || ng == NULL) {
		rc = registers_unread(c, og == NULL ? "OLD" : "NEW", og == NULL ? orc : nrc);
		goto out;
	}
	for (size_t i = 0; i < sizeof(dist_regs) / sizeof(dist_regs[0]); i++) {
		uint64_t o, v;

		c->a->compared++;
		if ((orc = read_reg(og, ov->dist_base, &dist_regs[i], &o)) < 0 ||
		    (nrc = read_reg(ng, nv->dist_base, &dist_regs[i], &v)) < 0) {
			rc = registers_unread(c, orc < 0 ? "OLD" : "NEW", orc < 0 ? orc : nrc);
			goto out;
		}
		if (o != v && (rc = diff(c, GP_BREAKS_BOTH, dist_regs[i].name, gp_hex(a, sizeof(a), o),
					 gp_hex(b, sizeof(b), v), "%s", dist_regs[i].why)) < 0)
			goto out;
	}
	for (uint64_t cpu = 0; cpu < n; cpu++) {
		uint64_t obase, nbase, o, v;

		if ((orc = gic_redist_frame_base(og, (uint32_t)cpu, &obase)) < 0 ||
		    (nrc = gic_redist_frame_base(ng, (uint32_t)cpu, &nbase)) < 0) {
			rc = registers_unread(c, orc < 0 ? "OLD" : "NEW", orc < 0 ? orc : nrc);
			goto out;
		}
		for (size_t r = 0; r <= NR_REDIST_REGS; r++) {
			if (r < NR_REDIST_REGS) {
				orc = read_reg(og, obase, &redist_regs[r], &o);
				nrc = read_reg(ng, nbase, &redist_regs[r], &v);
			} else {
				orc = gic_cpu_read(og, (uint32_t)cpu, GIC_ICC_CTLR, &o);
				nrc = gic_cpu_read(ng, (uint32_t)cpu, GIC_ICC_CTLR, &v);
			}
			if (orc < 0 || nrc < 0) {
				rc = registers_unread(c, orc < 0 ? "OLD" : "NEW", orc < 0 ? orc : nrc);
				goto out;
			}
			if (o != v && ndiff[r]++ == 0) {
				first[r] = cpu;
				oval[r] = o;
				nval[r] = v;
			}
		}
	}
	c->a->compared += n * (NR_REDIST_REGS + 1);
	for (size_t r = 0; r <= NR_REDIST_REGS; r++) {
		if (ndiff[r] == 0)
			continue;
		snprintf(what, sizeof(what), "%s", r < NR_REDIST_REGS ? redist_regs[r].name
								      : "ICC_CTLR_EL1");
		snprintf(a, sizeof(a), "vCPU %" PRIu64 ": 0x%" PRIx64, first[r], oval[r]);
		snprintf(b, sizeof(b), "0x%" PRIx64 " (%" PRIu64 " of %" PRIu64 " vCPUs differ)",
			 nval[r], ndiff[r], n);
		if ((rc = diff(c, GP_BREAKS_BOTH, what, a, b, "%s",
			       r < NR_REDIST_REGS ? redist_regs[r].why
						  : "the CPU interface's ID bits (IDbits, PRIbits, "
						    "A3V, RSS) change under the running guest")) < 0)
			goto out;
	}
out:
	gic_destroy(og);
	gic_destroy(ng);
	return rc;
}

/* ---- devices --------------------------------------------------------------------------- */

/* A device's identity for matching: its compatible list, then where it is. */
static _Thread_local const struct gp_machine *sort_machine; /* qsort has no context argument */

static int device_cmp(const void *pa, const void *pb)
{
	const struct gp_machine *m = sort_machine;
	const struct gp_mach_device *a = &m->devices[*(const size_t *)pa];
	const struct gp_mach_device *b = &m->devices[*(const size_t *)pb];
	int rc = strlist_cmp(m, a->compatible, a->compatible_len, m, b->compatible,
			     b->compatible_len);
	uint64_t ab = first_base(m, a), bb = first_base(m, b);

	if (rc != 0)
		return rc;
	if (ab != bb)
		return ab < bb ? -1 : 1;
	return strcmp(gp_mach_str(m, a->path), gp_mach_str(m, b->path));
}

static size_t *sorted_devices(const struct gp_machine *m)
{
	size_t *idx = malloc((m->nr_devices + 1) * sizeof(*idx));

	if (idx == NULL)
		return NULL;
	for (size_t i = 0; i < m->nr_devices; i++)
		idx[i] = i;
	sort_machine = m;
	qsort(idx, m->nr_devices, sizeof(*idx), device_cmp);
	return idx;
}

static bool same_kind(const struct gp_machine *om, const struct gp_mach_device *o,
		      const struct gp_machine *nm, const struct gp_mach_device *n)
{
	return strlist_eq(om, o->compatible, o->compatible_len, nm, n->compatible, n->compatible_len);
}

/* An interrupt as one sortable number: type, number, flags. */
#define IRQ_KEY_TYPE_SHIFT 48
#define IRQ_KEY_NUMBER_SHIFT 16
#define IRQ_KEY_FLAGS_MASK 0xffffu
#define IRQ_KEY_NUMBER_MASK 0xffffffffu

static int u64_cmp(const void *pa, const void *pb)
{
	uint64_t a = *(const uint64_t *)pa, b = *(const uint64_t *)pb;

	return a < b ? -1 : a > b;
}

/*
 * The set of interrupts of @d, sorted, each once (an interrupt-map lists a
 * bridge's lines once per slot): into @out (room for d->nr_irq).
 */
static size_t irq_set(const struct gp_machine *m, const struct gp_mach_device *d, uint64_t *out)
{
	size_t n = 0;

	for (size_t k = 0; k < d->nr_irq; k++) {
		const struct gp_mach_irq *q = &m->irqs[d->first_irq + k];

		out[k] = (uint64_t)q->type << IRQ_KEY_TYPE_SHIFT |
			 (uint64_t)q->number << IRQ_KEY_NUMBER_SHIFT | (q->flags & IRQ_TYPE_SENSE_MASK);
	}
	qsort(out, d->nr_irq, sizeof(*out), u64_cmp);
	for (size_t k = 0; k < d->nr_irq; k++)
		if (n == 0 || out[k] != out[n - 1])
			out[n++] = out[k];
	return n;
}

/* "N: ..., SPI 3 level" for an interrupt set, naming its @at-th member. */
static void irq_set_str(char *buf, size_t cap, const uint64_t *set, size_t n, size_t at)
{
	if (at >= n) {
		snprintf(buf, cap, "%zu interrupts", n);
		return;
	}
	snprintf(buf, cap, "%zu interrupts; #%zu: %s %" PRIu64 " sense %" PRIu64, n, at,
		 (set[at] >> IRQ_KEY_TYPE_SHIFT) == GP_IRQ_PPI ? "PPI" : "SPI",
		 (set[at] >> IRQ_KEY_NUMBER_SHIFT) & IRQ_KEY_NUMBER_MASK,
		 set[at] & IRQ_KEY_FLAGS_MASK);
}

static int compare_device(struct ctx *c, const struct gp_mach_device *o,
			  const struct gp_mach_device *n)
{
	const struct gp_machine *om = &c->old->m, *nm = &c->new->m;
	const char *path = gp_mach_str(om, o->path);
	char what[112], a[112], b[112];
	uint64_t *oi, *ni;
	size_t no, nn;
	int rc = 0;

	c->a->compared += 3;
	snprintf(what, sizeof(what), "device %s reg", path);
	if (!same_windows(om->regs + o->first_reg, o->nr_reg, nm->regs + n->first_reg, n->nr_reg)) {
		windows_str(a, sizeof(a), om->regs + o->first_reg, o->nr_reg);
		windows_str(b, sizeof(b), nm->regs + n->first_reg, n->nr_reg);
		if (diff(c, GP_BREAKS_BOTH, what, a, b,
			 "the guest's driver has the device mapped at the old address") < 0)
			return -1;
	}
	snprintf(what, sizeof(what), "device %s PCI windows", path);
	if (!same_windows(om->regs + o->first_window, o->nr_window, nm->regs + n->first_window,
			  n->nr_window)) {
		windows_str(a, sizeof(a), om->regs + o->first_window, o->nr_window);
		windows_str(b, sizeof(b), nm->regs + n->first_window, n->nr_window);
		if (diff(c, GP_BREAKS_BOTH, what, a, b,
			 "assigned BARs live in the old windows") < 0)
			return -1;
	}
	oi = calloc(o->nr_irq + 1, sizeof(*oi));
	ni = calloc(n->nr_irq + 1, sizeof(*ni));
	if (oi == NULL || ni == NULL) {
		free(oi);
		free(ni);
		return gp_fail(c->err, GP_EXIT_USAGE, "out of memory");
	}
	no = irq_set(om, o, oi);
	nn = irq_set(nm, n, ni);
	if (no != nn || memcmp(oi, ni, no * sizeof(*oi)) != 0) {
		size_t at = 0;

		while (at < no && at < nn && oi[at] == ni[at])
			at++;
		snprintf(what, sizeof(what), "device %s interrupts", path);
		irq_set_str(a, sizeof(a), oi, no, at);
		irq_set_str(b, sizeof(b), ni, nn, at);
		rc = diff(c, GP_BREAKS_BOTH, what, a, b,
			  "the guest's handlers are bound to the old interrupt numbers and triggers "
			  "(flags as Linux's GICv3 driver keeps them: the sense bits, 0xf)");
	}
	free(oi);
	free(ni);
	return rc;
}

/* The end of the run of devices of the same kind as @sorted[@from] in @m. */
static size_t kind_end(const struct gp_machine *m, const size_t *sorted, size_t from)
{
	size_t end = from + 1;

	while (end < m->nr_devices &&
	       same_kind(m, &m->devices[sorted[from]], m, &m->devices[sorted[end]]))
		end++;
	return end;
}

/* @path is a node of @in's tree switched off by its status. */
static bool switched_off(const struct gp_input *in, const char *path)
{
	int node = in->blob != NULL ? fdt_path_offset(in->blob, path) : -1;
	int len;
	const char *status = node >= 0 ? fdt_getprop(in->blob, node, "status", &len) : NULL;

	return status != NULL && len > 0 && strncmp(status, "okay", (size_t)len) != 0 &&
	       strncmp(status, "ok", (size_t)len) != 0;
}

/*
 * How a device that only OLD has left NEW (@other): switched off by status,
 * its node there but no device of the guest's, or gone ("").
 */
static const char *switched(const struct gp_input *other, const char *path)
{
	if (switched_off(other, path))
		return " (its node is there, switched off by status)";
	if (other->blob != NULL && fdt_path_offset(other->blob, path) >= 0)
		return " (its node is there, but not as a device the guest uses)";
	return "";
}

static int removed_device(struct ctx *c, const struct gp_mach_device *o)
{
	const struct gp_machine *om = &c->old->m;
	const char *path = gp_mach_str(om, o->path);
	char what[112];

	c->a->compared++;
	snprintf(what, sizeof(what), "device %s", path);
	return diff(c, GP_BREAKS_BOTH, what,
		    strlist_or(om, o->compatible, o->compatible_len, "device"), "none",
		    "a device the running guest uses is gone%s", switched(c->new, path));
}

static int added_device(struct ctx *c, const struct gp_mach_device *n)
{
	const struct gp_machine *nm = &c->new->m;
	const char *path = gp_mach_str(nm, n->path);
	char what[112];

	c->a->compared++;
	snprintf(what, sizeof(what), "device %s", path);
	return diff(c, GP_BREAKS_NEW_OLD, what, "none",
		    strlist_or(nm, n->compatible, n->compatible_len, "device"),
		    "old->new: an added device%s: the running guest never probed it; new->old: "
		    "OLD has no device to load its state into (QEMU: Unknown savevm section)",
		    switched_off(c->old, path) ? " (switched on by status)" : "");
}

/* A device at the same address with another compatible: once, as replaced. */
static int replaced_device(struct ctx *c, const struct gp_mach_device *o,
			   const struct gp_mach_device *n)
{
	const struct gp_machine *om = &c->old->m, *nm = &c->new->m;
	char what[112];

	c->a->compared++;
	snprintf(what, sizeof(what), "device %s", gp_mach_str(om, o->path));
	return diff(c, GP_BREAKS_BOTH, what,
		    strlist_or(om, o->compatible, o->compatible_len, "device"),
		    strlist_or(nm, n->compatible, n->compatible_len, "device"),
		    "replaced: another device (compatible) at its address; the guest's driver "
		    "is bound to the old one");
}

static int push_index(struct ctx *c, size_t **list, size_t *n, size_t v)
{
	size_t *p = realloc(*list, (*n + 1) * sizeof(*p));

	if (p == NULL)
		return gp_fail(c->err, GP_EXIT_USAGE, "out of memory");
	*list = p;
	p[(*n)++] = v;
	return 0;
}

static int matched(struct ctx *c, size_t oi, size_t ni)
{
	if (push_index(c, &c->dl.pair_old, &c->dl.nr_pairs, oi) < 0)
		return -1;
	c->dl.nr_pairs--;
	if (push_index(c, &c->dl.pair_new, &c->dl.nr_pairs, ni) < 0)
		return -1;
	return compare_device(c, &c->old->m.devices[oi], &c->new->m.devices[ni]);
}

/*
 * The devices only one side has: a pair at the same first address is one
 * device replaced (its compatible changed); the rest were removed or added.
 */
static int unmatched_devices(struct ctx *c)
{
	const struct gp_machine *om = &c->old->m, *nm = &c->new->m;
	bool *used = calloc(c->dl.nr_came + 1, sizeof(*used));
	int rc = 0;

	if (used == NULL)
		return gp_fail(c->err, GP_EXIT_USAGE, "out of memory");
	for (size_t i = 0; rc == 0 && i < c->dl.nr_gone; i++) {
		const struct gp_mach_device *o = &om->devices[c->dl.gone[i]];
		size_t k = 0;

		while (k < c->dl.nr_came &&
		       (used[k] || o->nr_reg == 0 || nm->devices[c->dl.came[k]].nr_reg == 0 ||
			first_base(om, o) != first_base(nm, &nm->devices[c->dl.came[k]])))
			k++;
		if (k < c->dl.nr_came) {
			used[k] = true;
			rc = replaced_device(c, o, &nm->devices[c->dl.came[k]]);
		} else {
			rc = removed_device(c, o);
		}
	}
	for (size_t k = 0; rc == 0 && k < c->dl.nr_came; k++)
		if (!used[k])
			rc = added_device(c, &nm->devices[c->dl.came[k]]);
	free(used);
	return rc;
}

/*
 * Fix (tests/test_audit.c tree_edits, "virtio added below the others" and
 * "virtio removed between others"): the devices of one kind used to be paired
 * by rank, so a virtio-mmio transport added below the others, or one removed
 * between them, showed as every later one "moved" (an added device then broke
 * migration). Now, within a kind
 * (old os[i0, i1), new ns[k0, k1), both sorted by base): the same base is the
 * same device; the unmatched ones pair in order (a device that moved); what
 * is left over was removed or added.
 */
static int audit_kind(struct ctx *c, const size_t *os, size_t i0, size_t i1, const size_t *ns,
		      size_t k0, size_t k1)
{
	const struct gp_machine *om = &c->old->m, *nm = &c->new->m;
	bool *oused = calloc(i1 - i0 + 1, sizeof(*oused));
	bool *nused = calloc(k1 - k0 + 1, sizeof(*nused));
	size_t i = i0, k = k0;
	int rc = 0;

	if (oused == NULL || nused == NULL) {
		free(oused);
		free(nused);
		return gp_fail(c->err, GP_EXIT_USAGE, "out of memory");
	}
	while (rc == 0 && i < i1 && k < k1) {
		uint64_t ob = first_base(om, &om->devices[os[i]]);
		uint64_t nb = first_base(nm, &nm->devices[ns[k]]);

		if (ob == nb) {
			rc = matched(c, os[i], ns[k]);
			oused[i++ - i0] = true;
			nused[k++ - k0] = true;
		} else if (ob < nb) {
			i++;
		} else {
			k++;
		}
	}
	for (i = i0, k = k0; rc == 0 && (i < i1 || k < k1);) {
		if (i < i1 && oused[i - i0]) {
			i++;
		} else if (k < k1 && nused[k - k0]) {
			k++;
		} else if (i < i1 && k < k1) {
			rc = matched(c, os[i], ns[k]);
			i++;
			k++;
		} else if (i < i1) {
			rc = push_index(c, &c->dl.gone, &c->dl.nr_gone, os[i++]);
		} else {
			rc = push_index(c, &c->dl.came, &c->dl.nr_came, ns[k++]);
		}
	}
	free(oused);
	free(nused);
	return rc;
}

static int audit_devices(struct ctx *c)
{
	const struct gp_machine *om = &c->old->m, *nm = &c->new->m;
	size_t *os = sorted_devices(om), *ns = sorted_devices(nm);
	size_t i = 0, k = 0;
	int rc = 0;

	if (os == NULL || ns == NULL) {
		free(os);
		free(ns);
		return gp_fail(c->err, GP_EXIT_USAGE, "out of memory");
	}
	/* Both lists are sorted by kind, then address: walk them kind by kind. */
	while (rc == 0 && (i < om->nr_devices || k < nm->nr_devices)) {
		const struct gp_mach_device *o = i < om->nr_devices ? &om->devices[os[i]] : NULL;
		const struct gp_mach_device *n = k < nm->nr_devices ? &nm->devices[ns[k]] : NULL;
		size_t iend = o != NULL ? kind_end(om, os, i) : i;
		size_t kend = n != NULL ? kind_end(nm, ns, k) : k;
		int order;

		if (o == NULL)
			order = 1;
		else if (n == NULL)
			order = -1;
		else
			order = strlist_cmp(om, o->compatible, o->compatible_len, nm, n->compatible,
					    n->compatible_len);
		/* A kind only one side has: all of it removed, or all of it added. */
		rc = audit_kind(c, os, i, order <= 0 ? iend : i, ns, k, order >= 0 ? kend : k);
		if (order <= 0)
			i = iend;
		if (order >= 0)
			k = kend;
	}
	free(os);
	free(ns);
	return rc < 0 ? rc : unmatched_devices(c);
}

/* The rule for vCPU counts, and who said it, in a->vmm_rule. */
static void vmm_rule(const struct gp_audit_options *o, struct gp_audit *a)
{
	const char *from = o->gic_state_from != NULL ? o->gic_state_from : "";

	switch (o->gic_state) {
	case GP_GIC_STATE_VCPU_COUNT:
		snprintf(a->vmm_rule, sizeof(a->vmm_rule), "rule vcpu-count (%s): QEMU sizes its GIC "
			 "state by the vCPU count; another count does not load", from);
		break;
	case GP_GIC_STATE_MAX_CPUS:
		snprintf(a->vmm_rule, sizeof(a->vmm_rule), "rule max-cpus (%s): each saved vCPU is "
			 "restored, vCPUs above it start at reset", from);
		break;
	default:
		snprintf(a->vmm_rule, sizeof(a->vmm_rule), "the strict rule (no VMM named): GIC state "
			 "sized by the vCPU count, another count does not load");
		break;
	}
}

static void dev_lists_free(struct dev_lists *dl)
{
	free(dl->pair_old);
	free(dl->pair_new);
	free(dl->gone);
	free(dl->came);
}

int gp_audit_with(const struct gp_input *old, const struct gp_input *new,
		  const struct gp_audit_options *o, struct gp_audit *a, struct gp_error *err)
{
	struct gp_audit_options defaults = gp_audit_defaults();
	struct ctx c = { old, new, o != NULL ? o : &defaults, a, err, { 0 } };
	int rc;

	memset(a, 0, sizeof(*a));
	a->mode = c.o->mode;
	vmm_rule(c.o, a);
	rc = audit_gic(&c) < 0 || audit_regions(&c) < 0 || audit_cpus(&c) < 0 ||
			     audit_registers(&c) < 0 || audit_cpu_model(&c) < 0 ||
			     audit_memory(&c) < 0 || audit_devices(&c) < 0 ||
			     gp_audit_tree(old, new, c.dl.pair_old, c.dl.pair_new, c.dl.nr_pairs, a,
					   err) < 0
		     ? -1
		     : 0;
	dev_lists_free(&c.dl);
	if (rc < 0)
		gp_audit_free(a);
	return rc;
}

int gp_audit(const struct gp_input *old, const struct gp_input *new, struct gp_audit *a,
	     struct gp_error *err)
{
	return gp_audit_with(old, new, NULL, a, err);
}

const char *gp_verdict_name(enum gp_verdict v)
{
	return verdict_names[v];
}

void gp_audit_free(struct gp_audit *a)
{
	free(a->diffs);
	memset(a, 0, sizeof(*a));
}
