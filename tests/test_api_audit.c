/* SPDX-License-Identifier: MIT */
/*
 * libgicplan's audits in detail (gicplan.h, "Audits in detail"): the VMM's
 * rule, the audit's mode, rule and counts, the names its reports use, and
 * pairing that keeps what each input was loaded with. Every answer is checked
 * against the internal audit (audit.h) run as the command line ran it before
 * it became a client of the public API, on QEMU's own trees and on plans made
 * through the public API.
 */
#include <gicplan.h>

#include <check.h>
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "audit.h"
#include "error.h"
#include "input.h"
#include "layout.h"
#include "xfile.h"
#include "xpublic.h"

#define QEMU GICPLAN_SOURCE_DIR "/tests/fixtures/qemu-7.2/"
#define GOLDEN GICPLAN_SOURCE_DIR "/tests/golden/qemu-7.2/"

/* GICD_TYPER.LPIS (GIC architecture, 12.9.38): the distributor supports LPIs (an ITS). */
#define GICD_TYPER_LPIS (1u << 17)

/* Files made through the public API for one test: plans and their trees. */
struct made {
	char plan8[64], plan16[64], plan8_v4[64], tree8[64], tree8_no_its[64];
};

static void write_plan_json(const struct gicplan_plan *plan, char *path, size_t cap)
{
	struct gicplan_error err;
	size_t len = 0;
	char *text;

	ck_assert_int_eq(gicplan_plan_json(plan, NULL, 0, &len, &err), GICPLAN_E_RANGE);
	text = malloc(len + 1);
	ck_assert_ptr_nonnull(text);
	ck_assert_int_eq(gicplan_plan_json(plan, text, len + 1, &len, &err), GICPLAN_OK);
	x_write_temp(text, len, path, cap);
	free(text);
}

static void write_plan_dtb(const struct gicplan_plan *plan, char *path, size_t cap)
{
	struct gicplan_error err;
	size_t len = 0;
	void *blob;

	ck_assert_int_eq(gicplan_plan_dtb(plan, NULL, 0, &len, &err), GICPLAN_E_RANGE);
	blob = malloc(len);
	ck_assert_ptr_nonnull(blob);
	ck_assert_int_eq(gicplan_plan_dtb(plan, blob, len, &len, &err), GICPLAN_OK);
	x_write_temp(blob, len, path, cap);
	free(blob);
}

static void make_files(struct made *m)
{
	struct gicplan_plan *p8 = x_public_plan(8, 0, -1), *p16 = x_public_plan(16, 0, -1);
	struct gicplan_plan *p8v4 = x_public_plan(8, 4, -1), *p8n = x_public_plan(8, 0, 0);

	write_plan_json(p8, m->plan8, sizeof(m->plan8));
	write_plan_json(p16, m->plan16, sizeof(m->plan16));
	write_plan_json(p8v4, m->plan8_v4, sizeof(m->plan8_v4));
	write_plan_dtb(p8, m->tree8, sizeof(m->tree8));
	write_plan_dtb(p8n, m->tree8_no_its, sizeof(m->tree8_no_its));
	gicplan_plan_free(p8);
	gicplan_plan_free(p16);
	gicplan_plan_free(p8v4);
	gicplan_plan_free(p8n);
}

static void unlink_files(const struct made *m)
{
	unlink(m->plan8);
	unlink(m->plan16);
	unlink(m->plan8_v4);
	unlink(m->tree8);
	unlink(m->tree8_no_its);
}

/* The internal audit of OLD and NEW as the command line ran it: both loaded, paired, audited. */
struct internal {
	int failed;               /* 1: a load, pairing or the audit failed: msg says why */
	char msg[GP_ERROR_MSG_MAX];
	struct gp_audit a;
};

static void internal_audit(const char *old, const char *new, const struct gicplan_input_options *o,
			   const struct gicplan_audit_options *ao, struct internal *r)
{
	struct gp_input_options io = { o->gic_version, o->spis, o->ipa_bits };
	struct gp_audit_options go = { (enum gp_audit_mode)ao->mode, (enum gic_profile)ao->profile,
				       (enum gp_gic_state_rule)ao->vmm, ao->vmm_from };
	struct gp_input oi, ni;
	struct gp_error e;

	memset(&oi, 0, sizeof(oi));
	memset(&ni, 0, sizeof(ni));
	memset(r, 0, sizeof(*r));
	gp_error_init(&e);
	if (gp_input_load(old, &io, &oi, &e) < 0 || gp_input_load(new, &io, &ni, &e) < 0 ||
	    gp_input_pair(&oi, &ni, &io, &e) < 0 || gp_audit_with(&oi, &ni, &go, &r->a, &e) < 0) {
		r->failed = 1;
		snprintf(r->msg, sizeof(r->msg), "%s", e.msg);
	}
	gp_input_free(&oi);
	gp_input_free(&ni);
}

/* The public audit of OLD and NEW, both loaded with @o; *@a is NULL when it failed. */
static int public_audit(const char *old, const char *new, const struct gicplan_input_options *o,
			const struct gicplan_audit_options *ao, struct gicplan_audit **a,
			struct gicplan_error *err)
{
	struct gicplan_input *oi = NULL, *ni = NULL;
	int rc;

	*a = NULL;
	rc = gicplan_input_load(old, o, &oi, err);
	if (rc == GICPLAN_OK)
		rc = gicplan_input_load(new, o, &ni, err);
	if (rc == GICPLAN_OK)
		rc = gicplan_audit(oi, ni, ao, a, err);
	gicplan_input_free(oi);
	gicplan_input_free(ni);
	return rc;
}

/* The public audit of OLD and NEW says what the internal one says, word for word. */
static void same_answers(const char *old, const char *new, const struct gicplan_input_options *o,
			 const struct gicplan_audit_options *ao)
{
	struct internal in;
	struct gicplan_audit *a = NULL;
	struct gicplan_audit_info info;
	struct gicplan_error err;
	size_t breaking = 0;
	char label[512];
	int rc;

	snprintf(label, sizeof(label), "%s -> %s (mode %d, profile %d, vmm %d; v%u, %" PRIu32
		 " SPIs, %u bits)", old, new, ao->mode, ao->profile, ao->vmm, o->gic_version,
		 o->spis, o->ipa_bits);
	internal_audit(old, new, o, ao, &in);
	rc = public_audit(old, new, o, ao, &a, &err);
	if (in.failed) {
		ck_assert_msg(rc < 0 && rc != GICPLAN_E_CHECK && a == NULL,
			      "%s: the internal audit failed (%s), the public one returned %d", label,
			      in.msg, rc);
		ck_assert_str_eq(err.message, in.msg);
		return;
	}
	ck_assert_msg(a != NULL, "%s: %s", label, err.message);
	ck_assert_int_eq(rc, in.a.breaks ? GICPLAN_E_CHECK : GICPLAN_OK);
	ck_assert_int_eq(gicplan_audit_info(a, &info, &err), GICPLAN_OK);
	ck_assert_int_eq(info.mode, (int)in.a.mode);
	ck_assert_int_eq(info.mode, ao->mode);
	ck_assert_str_eq(info.vmm_rule, in.a.vmm_rule);
	ck_assert_uint_eq(info.compared, in.a.compared);
	ck_assert_uint_eq(info.differences, in.a.n);
	ck_assert_uint_eq(gicplan_audit_diffs(a), in.a.n);
	ck_assert_int_eq(info.breaks, in.a.breaks);
	ck_assert_int_eq(gicplan_audit_breaks(a), in.a.breaks);
	for (size_t i = 0; i < in.a.n; i++) {
		const struct gp_diff *d = &in.a.diffs[i];
		struct gicplan_diff pd;

		ck_assert_int_eq(gicplan_audit_diff(a, i, &pd, &err), GICPLAN_OK);
		ck_assert_msg(pd.breaks_mode == (int)d->verdict, "%s: %s: verdict %d, internal %d",
			      label, d->what, pd.breaks_mode, (int)d->verdict);
		ck_assert_uint_eq(pd.breaks, d->breaks);
		ck_assert_str_eq(pd.what, d->what);
		ck_assert_str_eq(pd.old_value, d->old);
		ck_assert_str_eq(pd.new_value, d->new);
		ck_assert_str_eq(pd.why, d->why);
		ck_assert_str_eq(gicplan_verdict_name(pd.breaks_mode), gp_verdict_name(d->verdict));
		ck_assert_str_eq(gicplan_breaks_name(pd.breaks), gp_audit_breaks_name(d->breaks));
		breaking += d->verdict == GP_VERDICT_BREAKS;
	}
	ck_assert_uint_eq(info.breaking, breaking);
	gicplan_audit_free(a);
	gp_audit_free(&in.a);
}

/* The difference @what of @a, or fails the test. */
static void find_diff(const struct gicplan_audit *a, const char *what, struct gicplan_diff *out)
{
	struct gicplan_error err;

	for (size_t i = 0; i < gicplan_audit_diffs(a); i++) {
		ck_assert_int_eq(gicplan_audit_diff(a, i, out, &err), GICPLAN_OK);
		if (strcmp(out->what, what) == 0)
			return;
	}
	ck_abort_msg("the audit has no difference \"%s\"", what);
}

static int has_diff(const struct gicplan_audit *a, const char *what)
{
	struct gicplan_diff d;

	for (size_t i = 0; i < gicplan_audit_diffs(a); i++)
		if (gicplan_audit_diff(a, i, &d, NULL) == GICPLAN_OK && strcmp(d.what, what) == 0)
			return 1;
	return 0;
}

/*
 * QEMU's virt-6.1 (no ITS under TCG) and virt-6.2 (an ITS): a guest cannot
 * move either way; QEMU's GIC reports LPIs in GICD_TYPER on 6.2 alone.
 */
START_TEST(qemu_machine_types)
{
	struct gicplan_input_options io = { 0 };
	struct gicplan_audit_options ao;
	struct gicplan_audit *a = NULL;
	struct gicplan_audit_info info;
	struct gicplan_error err;
	struct gicplan_diff d;
	unsigned long typer_old, typer_new;

	gicplan_audit_options_init(&ao);
	ao.profile = GICPLAN_PROFILE_QEMU;
	ck_assert_int_eq(public_audit(QEMU "virt-6.1-gicv3-smp2.dtb", QEMU "virt-6.2-gicv3-smp2.dtb",
				      &io, &ao, &a, &err),
			 GICPLAN_E_CHECK);
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(strstr(err.message, "audit (rollback)"));
	ck_assert_int_eq(gicplan_audit_info(a, &info, &err), GICPLAN_OK);
	ck_assert_int_eq(info.mode, GICPLAN_AUDIT_ROLLBACK);
	ck_assert_int_eq(info.breaks, 1);
	ck_assert_uint_gt(info.breaking, 0);
	ck_assert_uint_le(info.breaking, info.differences);
	ck_assert_uint_gt(info.compared, info.differences);
	ck_assert_ptr_nonnull(strstr(info.vmm_rule, "strict rule"));

	find_diff(a, "GICD_TYPER", &d);
	ck_assert_int_eq(d.breaks_mode, GICPLAN_VERDICT_BREAKS);
	ck_assert_uint_eq(d.breaks, GICPLAN_BREAKS_OLD_NEW | GICPLAN_BREAKS_NEW_OLD);
	ck_assert_str_eq(d.old_value, "0x3780007");
	ck_assert_str_eq(d.new_value, "0x37a0007");
	typer_old = strtoul(d.old_value, NULL, 16);
	typer_new = strtoul(d.new_value, NULL, 16);
	ck_assert_uint_eq(typer_old & GICD_TYPER_LPIS, 0);
	ck_assert_uint_eq(typer_new, typer_old | GICD_TYPER_LPIS);
	find_diff(a, "ITS", &d);
	ck_assert_str_eq(d.old_value, "none");
	ck_assert_int_eq(d.breaks_mode, GICPLAN_VERDICT_BREAKS);
	gicplan_audit_free(a);

	/* ... and the internal audit says the same, in every mode and under every VMM rule. */
	for (int mode = GICPLAN_AUDIT_ROLLBACK; mode <= GICPLAN_AUDIT_IDENTICAL; mode++)
		for (int vmm = GICPLAN_VMM_UNKNOWN; vmm <= GICPLAN_VMM_MAX_CPUS; vmm++) {
			ao.mode = mode;
			ao.vmm = vmm;
			ao.vmm_from = "test";
			same_answers(QEMU "virt-6.1-gicv3-smp2.dtb", QEMU "virt-6.2-gicv3-smp2.dtb",
				     &io, &ao);
		}
}
END_TEST

/* Every pair of QEMU's trees and public plans, every mode, profile and rule: as internally. */
START_TEST(matches_internal)
{
	struct made m;
	struct gicplan_input_options io = { 0 };
	struct gicplan_audit_options ao;

	make_files(&m);
	{
		const char *pairs[][2] = {
			{ QEMU "virt-6.2-gicv3-smp2.dtb", QEMU "virt-6.2-gicv3-smp3.dtb" },
			{ QEMU "virt-6.2-gicv3-smp3.dtb", QEMU "virt-6.2-gicv3-smp2.dtb" },
			{ GOLDEN "virt-gicv4-smp61.dtb", GOLDEN "virt-gicv4-smp62.dtb" },
			{ QEMU "virt-gicv3-smp124.dtb", GOLDEN "virt-gicv3-smp124.dtb" },
			{ QEMU "virt-gicv3-smp8-norand.dtb", QEMU "virt-gicv4-smp8.dtb" },
			{ m.plan8, QEMU "virt-gicv3-smp8-norand.dtb" },
			{ QEMU "virt-gicv4-smp8.dtb", m.plan8 },
			{ m.plan8, m.plan16 },
			{ m.plan16, m.plan8 },
			{ m.plan8, m.plan8_v4 },
			{ m.plan8, m.tree8 },
			{ m.tree8, m.tree8_no_its },
		};

		for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
			for (int mode = GICPLAN_AUDIT_ROLLBACK; mode <= GICPLAN_AUDIT_IDENTICAL; mode++)
				for (int vmm = GICPLAN_VMM_UNKNOWN; vmm <= GICPLAN_VMM_MAX_CPUS; vmm++)
					for (int profile = GICPLAN_PROFILE_ARCH;
					     profile <= GICPLAN_PROFILE_QEMU; profile++) {
						gicplan_audit_options_init(&ao);
						ao.mode = mode;
						ao.profile = profile;
						ao.vmm = vmm;
						ao.vmm_from = vmm == GICPLAN_VMM_VCPU_COUNT ? "--vmm qemu"
											    : "a VMM";
						same_answers(pairs[i][0], pairs[i][1], &io, &ao);
					}
	}
	unlink_files(&m);
}
END_TEST

/*
 * What a tree does not say, asked at load (--gic-version, --spis, --ipa-bits),
 * stays through pairing: the internal audit paired with the same options
 * agrees, errors included.
 */
START_TEST(pairing_keeps_load_options)
{
	static const struct gicplan_input_options asked[] = {
		{ 0, 0, 0 }, { 0, 512, 0 }, { 4, 0, 0 }, { 3, 0, 0 }, { 0, 0, 44 }, { 4, 96, 48 },
		{ 0, 2000, 0 },
	};
	struct made m;
	struct gicplan_audit_options ao;
	struct gicplan_audit *a = NULL;
	struct gicplan_input_options io = { 0 };
	struct gicplan_plan *p8 = x_public_plan(8, 0, -1);
	struct gicplan_plan_info pi;
	struct gicplan_error err;
	struct gicplan_diff d;
	char spis[32];

	make_files(&m);
	gicplan_audit_options_init(&ao);
	{
		const char *pairs[][2] = {
			{ m.plan8, m.tree8 },
			{ m.tree8, m.plan8 },
			{ m.plan8_v4, m.tree8 },
			{ m.tree8, m.tree8_no_its },
			{ QEMU "virt-6.1-gicv3-smp2.dtb", QEMU "virt-6.2-gicv3-smp2.dtb" },
			{ QEMU "virt-gicv4-smp8.dtb", QEMU "virt-gicv3-smp8-norand.dtb" },
			{ m.plan16, QEMU "virt-gicv3-smp8-norand.dtb" },
		};

		for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
			for (size_t k = 0; k < sizeof(asked) / sizeof(asked[0]); k++)
				same_answers(pairs[i][0], pairs[i][1], &asked[k], &ao);
	}

	/* The plan's own tree takes the plan's SPIs when it was asked none... */
	ck_assert_int_eq(gicplan_plan_info(p8, &pi, &err), GICPLAN_OK);
	ck_assert_int_eq(public_audit(m.plan8, m.tree8, &io, &ao, &a, &err), GICPLAN_OK);
	ck_assert(!has_diff(a, "SPIs (NR_IRQS)"));
	gicplan_audit_free(a);
	/* ... and keeps twice as many when it was asked them: a guest sees a GIC of another size. */
	io.spis = 2 * pi.spis;
	ck_assert(gicplan_spis_valid(io.spis));
	ck_assert_int_eq(public_audit(m.plan8, m.tree8, &io, &ao, &a, &err), GICPLAN_E_CHECK);
	find_diff(a, "SPIs (NR_IRQS)", &d);
	ck_assert_int_eq(d.breaks_mode, GICPLAN_VERDICT_BREAKS);
	/* NR_IRQS counts the 32 private interrupts too (KVM_DEV_ARM_VGIC_GRP_NR_IRQS). */
	snprintf(spis, sizeof(spis), "0x%" PRIx32, io.spis + 32);
	ck_assert_str_eq(d.new_value, spis);
	gicplan_audit_free(a);
	gicplan_plan_free(p8);
	unlink_files(&m);
}
END_TEST

/*
 * The VMM's rule decides what added vCPUs break: with max-cpus, a guest of 8
 * vCPUs moves up to 16 (only the way back breaks); with vcpu-count or none
 * named, both ways break.
 */
START_TEST(vmm_rule)
{
	static const struct {
		int vmm;
		unsigned breaks;
		const char *rule;
	} rules[] = {
		{ GICPLAN_VMM_UNKNOWN, GICPLAN_BREAKS_OLD_NEW | GICPLAN_BREAKS_NEW_OLD, "strict rule" },
		{ GICPLAN_VMM_VCPU_COUNT, GICPLAN_BREAKS_OLD_NEW | GICPLAN_BREAKS_NEW_OLD,
		  "vcpu-count (my-vmm)" },
		{ GICPLAN_VMM_MAX_CPUS, GICPLAN_BREAKS_NEW_OLD, "max-cpus (my-vmm)" },
	};
	struct made m;
	struct gicplan_input_options io = { 0 };
	struct gicplan_audit_options ao;
	struct gicplan_audit *a = NULL;
	struct gicplan_audit_info info;
	struct gicplan_error err;
	struct gicplan_diff d;

	make_files(&m);
	for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
		gicplan_audit_options_init(&ao);
		ao.mode = GICPLAN_AUDIT_ONE_WAY;
		ao.vmm = rules[i].vmm;
		ao.vmm_from = "my-vmm";
		public_audit(m.plan8, m.plan16, &io, &ao, &a, &err);
		ck_assert_ptr_nonnull(a);
		find_diff(a, "vCPUs", &d);
		ck_assert_str_eq(d.old_value, "8");
		ck_assert_str_eq(d.new_value, "16");
		ck_assert_uint_eq(d.breaks, rules[i].breaks);
		/* One way, only OLD -> NEW counts. */
		ck_assert_int_eq(d.breaks_mode, (rules[i].breaks & GICPLAN_BREAKS_OLD_NEW) != 0
							? GICPLAN_VERDICT_BREAKS
							: GICPLAN_VERDICT_COMPATIBLE);
		ck_assert_int_eq(gicplan_audit_info(a, &info, &err), GICPLAN_OK);
		ck_assert_msg(strstr(info.vmm_rule, rules[i].rule) != NULL, "rule %d: \"%s\"",
			      rules[i].vmm, info.vmm_rule);
		ck_assert_ptr_nonnull(strstr(d.why, info.vmm_rule));
		gicplan_audit_free(a);

		/* Rollback: the way back counts too. */
		ao.mode = GICPLAN_AUDIT_ROLLBACK;
		public_audit(m.plan8, m.plan16, &io, &ao, &a, &err);
		find_diff(a, "vCPUs", &d);
		ck_assert_int_eq(d.breaks_mode, GICPLAN_VERDICT_BREAKS);
		gicplan_audit_free(a);
	}
	unlink_files(&m);
}
END_TEST

/* gicplan_platform_vmm is each bundled layout's "migration_gic_state", max-cpus when unsaid. */
START_TEST(platform_vmm)
{
	char names[GICPLAN_PLATFORMS_MAX][GICPLAN_NAME_MAX];
	size_t n = 0;
	struct gicplan_error err;
	int seen[GICPLAN_VMM_MAX_CPUS + 1] = { 0 };

	ck_assert_int_eq(gicplan_platforms_list(names, GICPLAN_PLATFORMS_MAX, &n, &err), GICPLAN_OK);
	ck_assert_uint_gt(n, 0);
	for (size_t i = 0; i < n; i++) {
		struct gicplan_platform *p = NULL;
		struct gicplan_platform_info pi;
		json_error_t jerr;
		json_t *root;
		const char *said;
		int want;

		ck_assert_int_eq(gicplan_platform_load(names[i], &p, &err), GICPLAN_OK);
		ck_assert_int_eq(gicplan_platform_info(p, &pi, &err), GICPLAN_OK);
		root = json_load_file(pi.source, 0, &jerr);
		ck_assert_msg(root != NULL, "%s: %s", pi.source, jerr.text);
		said = json_string_value(json_object_get(root, "migration_gic_state"));
		want = said != NULL && strcmp(said, "vcpu-count") == 0 ? GICPLAN_VMM_VCPU_COUNT
									 : GICPLAN_VMM_MAX_CPUS;
		ck_assert_msg(said == NULL || strcmp(said, "vcpu-count") == 0 ||
				      strcmp(said, "max-cpus") == 0,
			      "%s: migration_gic_state \"%s\"", pi.source, said);
		ck_assert_int_eq(gicplan_platform_vmm(p), want);
		seen[want] = 1;
		json_decref(root);
		gicplan_platform_free(p);
	}
	/* QEMU's own platform follows QEMU's rule. */
	ck_assert(seen[GICPLAN_VMM_VCPU_COUNT] && seen[GICPLAN_VMM_MAX_CPUS]);
	ck_assert_int_eq(gicplan_platform_vmm(NULL), GICPLAN_VMM_UNKNOWN);
}
END_TEST

/* The names reports use are the internal ones; others are "unknown". */
START_TEST(names)
{
	for (int m = GICPLAN_AUDIT_ROLLBACK; m <= GICPLAN_AUDIT_IDENTICAL; m++)
		ck_assert_str_eq(gicplan_audit_mode_name(m), gp_audit_mode_name((enum gp_audit_mode)m));
	ck_assert_str_eq(gicplan_audit_mode_name(GICPLAN_AUDIT_ONE_WAY), "one-way");
	ck_assert_str_eq(gicplan_audit_mode_name(-1), "unknown");
	ck_assert_str_eq(gicplan_audit_mode_name(GICPLAN_AUDIT_IDENTICAL + 1), "unknown");
	ck_assert_str_eq(gicplan_verdict_name(GICPLAN_VERDICT_COMPATIBLE),
			 gp_verdict_name(GP_VERDICT_COMPATIBLE));
	ck_assert_str_eq(gicplan_verdict_name(GICPLAN_VERDICT_BREAKS), gp_verdict_name(GP_VERDICT_BREAKS));
	ck_assert_str_eq(gicplan_verdict_name(2), "unknown");
	ck_assert_str_eq(gicplan_verdict_name(-1), "unknown");
	for (unsigned b = 0; b <= (GICPLAN_BREAKS_OLD_NEW | GICPLAN_BREAKS_NEW_OLD); b++)
		ck_assert_str_eq(gicplan_breaks_name(b), gp_audit_breaks_name(b));
	ck_assert_str_eq(gicplan_breaks_name(GICPLAN_BREAKS_NEW_OLD), "new->old");
	ck_assert_str_eq(gicplan_breaks_name(0), "none");
}
END_TEST

/* Defaults, a caller that sets only the first fields, and the errors. */
START_TEST(options_and_errors)
{
	struct gicplan_audit_options ao, two = { .mode = GICPLAN_AUDIT_ROLLBACK };
	struct gicplan_input *x = NULL, *y = NULL;
	struct gicplan_audit *a = NULL, *b = NULL;
	struct gicplan_audit_info ia, ib;
	struct gicplan_error err;

	memset(&ao, 0xa5, sizeof(ao));
	gicplan_audit_options_init(&ao);
	ck_assert_int_eq(ao.mode, GICPLAN_AUDIT_ROLLBACK);
	ck_assert_int_eq(ao.profile, GICPLAN_PROFILE_ARCH);
	ck_assert_int_eq(ao.vmm, GICPLAN_VMM_UNKNOWN);
	ck_assert_ptr_null(ao.vmm_from);
	gicplan_audit_options_init(NULL);

	ck_assert_int_eq(gicplan_input_load(QEMU "virt-6.2-gicv3-smp2.dtb", NULL, &x, &err),
			 GICPLAN_OK);
	ck_assert_int_eq(gicplan_input_load(QEMU "virt-6.2-gicv3-smp3.dtb", NULL, &y, &err),
			 GICPLAN_OK);
	/* NULL options, the defaults and a caller's {mode} alone: one answer. */
	ck_assert_int_eq(gicplan_audit(x, y, NULL, &a, &err), GICPLAN_E_CHECK);
	ck_assert_int_eq(gicplan_audit(x, y, &ao, &b, &err), GICPLAN_E_CHECK);
	ck_assert_int_eq(gicplan_audit_info(a, &ia, &err), GICPLAN_OK);
	ck_assert_int_eq(gicplan_audit_info(b, &ib, &err), GICPLAN_OK);
	ck_assert_mem_eq(&ia, &ib, sizeof(ia));
	gicplan_audit_free(b);
	ck_assert_int_eq(gicplan_audit(x, y, &two, &b, &err), GICPLAN_E_CHECK);
	ck_assert_int_eq(gicplan_audit_info(b, &ib, &err), GICPLAN_OK);
	ck_assert_mem_eq(&ia, &ib, sizeof(ia));
	gicplan_audit_free(b);
	gicplan_audit_free(a);

	ao.vmm = GICPLAN_VMM_MAX_CPUS + 1;
	ck_assert_int_eq(gicplan_audit(x, y, &ao, &a, &err), GICPLAN_E_USAGE);
	ck_assert_ptr_null(a);
	ck_assert_int_eq(err.code, GICPLAN_E_USAGE);
	ck_assert_ptr_nonnull(strstr(err.message, "vmm 3"));
	ao.vmm = -1;
	ck_assert_int_eq(gicplan_audit(x, y, &ao, &a, &err), GICPLAN_E_USAGE);
	ck_assert_int_eq(gicplan_audit_info(NULL, &ia, &err), GICPLAN_E_USAGE);
	ck_assert_ptr_nonnull(strstr(err.message, "gicplan_audit_info"));
	ao.vmm = GICPLAN_VMM_UNKNOWN;
	ck_assert_int_eq(gicplan_audit(x, y, &ao, &a, &err), GICPLAN_E_CHECK);
	ck_assert_int_eq(gicplan_audit_info(a, NULL, &err), GICPLAN_E_USAGE);
	gicplan_audit_free(a);
	gicplan_input_free(x);
	gicplan_input_free(y);
}
END_TEST

static Suite *api_audit_suite(void)
{
	Suite *s = suite_create("api_audit");
	TCase *t = tcase_create("api_audit");

	tcase_set_timeout(t, 120);
	tcase_add_test(t, qemu_machine_types);
	tcase_add_test(t, matches_internal);
	tcase_add_test(t, pairing_keeps_load_options);
	tcase_add_test(t, vmm_rule);
	tcase_add_test(t, platform_vmm);
	tcase_add_test(t, names);
	tcase_add_test(t, options_and_errors);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	SRunner *r = srunner_create(api_audit_suite());
	int failed;

	srunner_run_all(r, CK_NORMAL);
	failed = srunner_ntests_failed(r);
	srunner_free(r);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
