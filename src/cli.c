#include "cli.h"

#include "audit.h"
#include "compat.h"

#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "console.h"
#include "emit_fdt.h"
#include "error.h"
#include "fileio.h"
#include "input.h"
#include "json_in.h"
#include "layout.h"
#include "plan_json.h"
#include "planner.h"
#include "platform.h"
#include "report.h"
#include "verify.h"

enum format { FORMAT_TEXT, FORMAT_JSON };

enum option_id {
	OPT_CPUS = 256,
	OPT_PLATFORM,
	OPT_GIC_VERSION,
	OPT_ITS,
	OPT_NO_ITS,
	OPT_IPA_BITS,
	OPT_SPIS,
	OPT_RAM,
	OPT_VIRT,
	OPT_NO_VIRT,
	OPT_OUT,
	OPT_PLAN,
	OPT_FORMAT,
	OPT_COMPAT_WITH,
	OPT_PROFILE,
	OPT_EXHAUSTIVE,
	OPT_STRICT,
	OPT_QEMU_MACHINE,
	OPT_HELP,
	OPT_VERSION,
};

/* Which options a command takes: a bit per option. */
#define OPT_BIT(o) (1u << ((o) - OPT_CPUS))
#define OPTS_REQUEST (OPT_BIT(OPT_CPUS) | OPT_BIT(OPT_PLATFORM) | OPT_BIT(OPT_GIC_VERSION) | \
		      OPT_BIT(OPT_ITS) | OPT_BIT(OPT_NO_ITS) | OPT_BIT(OPT_IPA_BITS) |           \
		      OPT_BIT(OPT_SPIS) | OPT_BIT(OPT_RAM) | OPT_BIT(OPT_VIRT) |                 \
		      OPT_BIT(OPT_NO_VIRT))
#define OPTS_VERIFY (OPT_BIT(OPT_PROFILE) | OPT_BIT(OPT_EXHAUSTIVE) | OPT_BIT(OPT_STRICT))
#define OPTS_COMMON (OPT_BIT(OPT_FORMAT) | OPT_BIT(OPT_HELP) | OPT_BIT(OPT_VERSION))
#define OPTS_TREE (OPT_BIT(OPT_GIC_VERSION) | OPT_BIT(OPT_SPIS) | OPT_BIT(OPT_IPA_BITS))
#define ARGS_MAX 2

static const struct option options[] = {
	{ "cpus", required_argument, NULL, OPT_CPUS },
	{ "platform", required_argument, NULL, OPT_PLATFORM },
	{ "gic-version", required_argument, NULL, OPT_GIC_VERSION },
	{ "its", no_argument, NULL, OPT_ITS },
	{ "no-its", no_argument, NULL, OPT_NO_ITS },
	{ "ipa-bits", required_argument, NULL, OPT_IPA_BITS },
	{ "spis", required_argument, NULL, OPT_SPIS },
	{ "ram", required_argument, NULL, OPT_RAM },
	{ "virtualization", no_argument, NULL, OPT_VIRT },
	{ "no-virtualization", no_argument, NULL, OPT_NO_VIRT },
	{ "out", required_argument, NULL, OPT_OUT },
	{ "plan", required_argument, NULL, OPT_PLAN },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "compat-with", required_argument, NULL, OPT_COMPAT_WITH },
	{ "profile", required_argument, NULL, OPT_PROFILE },
	{ "exhaustive", no_argument, NULL, OPT_EXHAUSTIVE },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "qemu-machine", required_argument, NULL, OPT_QEMU_MACHINE },
	{ "help", no_argument, NULL, OPT_HELP },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 },
};

static const char usage_text[] =
	"usage: gicplan [plan] --cpus N [options]    plan, verify, write the tree and plan\n"
	"       gicplan verify FILE.dtb|FILE.json    run the GIC emulator against a tree or plan\n"
	"       gicplan emu FILE.dtb|FILE.json       MMIO console (qtest style) on its GIC\n"
	"       gicplan audit OLD NEW                migration compatibility of two trees/plans\n"
	"       gicplan tiers [--platform P]         a platform's placements and capacities\n"
	"       gicplan platforms                    the bundled platforms\n"
	"\n"
	"Picks where a virtual ARM machine's GICv3/v4 distributor, ITS and one\n"
	"redistributor per vCPU go in guest memory, from max_cpus and a platform,\n"
	"writes the device tree a guest boots from, and proves it with an emulated\n"
	"GIC walked and driven as a Linux guest does.\n"
	"\n"
	"plan options:\n"
	"  --cpus N              max_cpus: every vCPU that may ever run (1..4294967295)\n"
	"  --platform NAME|PATH  a bundled platform (default virt) or a layout file\n"
	"  --gic-version 3|4     GICv3 (128 KiB redistributors) or GICv4 (256 KiB)\n"
	"  --its, --no-its       with or without an ITS (default: the platform's)\n"
	"  --ipa-bits B          guest physical address size, 32..52 (default: platform)\n"
	"  --spis N              SPIs: a multiple of 32 up to 960, or 988\n"
	"  --ram SIZE            RAM size, e.g. 4GiB (default: platform)\n"
	"  --virtualization      give the guest EL2: GIC maintenance interrupt\n"
	"  --out FILE.dtb        write the device tree\n"
	"  --plan FILE.json      write the plan: every input and placed address\n"
	"  --compat-with OLD     keep every address, MPIDR and interrupt of OLD (a plan\n"
	"                        or a tree) and place only what is new; audited against OLD\n"
	"verify options (plan and verify):\n"
	"  --profile arch|kvm|qemu  the GIC the guest gets: the architecture (default),\n"
	"                        arm64 KVM's VGIC, or QEMU 7.2's emulated GIC\n"
	"  --exhaustive          every SPI to every CPU, every CPU's SGIs to every CPU\n"
	"  --strict              warnings (e.g. node names the schema rejects) fail\n"
	"  --qemu-machine virt-X.Y  with --profile qemu (verify, emu): QEMU's machine\n"
	"                        type, virt-2.6 .. virt-7.2 (default): LPIs follow it\n"
	"  verify and emu on a tree also take --gic-version (default: inferred),\n"
	"  --spis (default 256) and --ipa-bits (default 40)\n"
	"common:\n"
	"  --format text|json    the report on standard output (default text)\n"
	"  --help, --version\n"
	"\n"
	"exit codes: 0 fine, 1 a check failed, 2 usage or input error,\n"
	"            3 no placement holds the request\n";

struct cli {
	struct gp_request req;
	const char *platform;
	const char *out;
	const char *plan_out;
	const char *compat_with;
	enum format format;
	bool cpus_set;
	struct gp_verify_options verify;
	unsigned allowed;          /* OPT_BIT()s the command takes */
	const char *args[ARGS_MAX];
	int nargs;
	struct gp_error err;
};

static int __attribute__((format(printf, 1, 2))) usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "gicplan: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (see gicplan --help)\n");
	return GP_EXIT_USAGE;
}

static int report_error(const struct gp_error *err)
{
	fprintf(stderr, "gicplan: %s\n", err->msg);
	return err->exit_code;
}

static int parse_number(const char *opt, const char *arg, uint64_t max, uint64_t *out)
{
	if (gp_parse_uint(arg, max, out) != 0) {
		fprintf(stderr, "gicplan: %s: \"%s\" is not a whole number from 0 to %" PRIu64
			" (see gicplan --help)\n", opt, arg, max);
		return -1;
	}
	return 0;
}

/* The long name of option @id. */
static const char *option_name(int id)
{
	for (const struct option *o = options; o->name != NULL; o++)
		if (o->val == id)
			return o->name;
	return "?";
}

/* Parse options from optind on; returns -1 after printing a usage error, 1 after --help/--version. */
static int parse_options(int argc, char **argv, struct cli *c)
{
	uint64_t v;
	int opt;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		if (opt >= OPT_CPUS && !(c->allowed & OPT_BIT(opt)))
			return usage_error("--%s: not an option of this command", option_name(opt)),
			       -1;
		switch (opt) {
		case OPT_CPUS:
			if (parse_number("--cpus", optarg, UINT32_MAX, &v) < 0)
				return -1;
			if (v == 0)
				return usage_error("--cpus: %s is not a vCPU count from 1", optarg),
				       -1;
			c->req.cpus = v;
			c->cpus_set = true;
			break;
		case OPT_PLATFORM:
			c->platform = optarg;
			break;
		case OPT_GIC_VERSION:
			if (strcmp(optarg, "3") != 0 && strcmp(optarg, "4") != 0)
				return usage_error("--gic-version: \"%s\" is not 3 or 4", optarg), -1;
			c->req.gic_version = (unsigned)(optarg[0] - '0');
			break;
		case OPT_ITS:
		case OPT_NO_ITS:
			c->req.its = opt == OPT_ITS;
			break;
		case OPT_IPA_BITS:
			if (parse_number("--ipa-bits", optarg, GP_IPA_BITS_MAX, &v) < 0)
				return -1;
			if (v < GP_IPA_BITS_MIN)
				return usage_error("--ipa-bits: %s is below 32", optarg), -1;
			c->req.ipa_bits = (unsigned)v;
			break;
		case OPT_SPIS:
			if (parse_number("--spis", optarg, UINT32_MAX, &v) < 0)
				return -1;
			if (!gp_spis_valid((uint32_t)v))
				return usage_error("--spis: %s is not a count a GIC implements (a "
						   "multiple of 32 up to 960, or 988)", optarg), -1;
			c->req.spis = (uint32_t)v;
			break;
		case OPT_RAM:
			if (gp_parse_u64(optarg, &v) != 0 || v == 0)
				return usage_error("--ram: \"%s\" is not a size (e.g. 4GiB)", optarg),
				       -1;
			c->req.ram_size = v;
			break;
		case OPT_VIRT:
		case OPT_NO_VIRT:
			c->req.virtualization = opt == OPT_VIRT;
			break;
		case OPT_OUT:
			c->out = optarg;
			break;
		case OPT_PLAN:
			c->plan_out = optarg;
			break;
		case OPT_FORMAT:
			if (strcmp(optarg, "text") == 0)
				c->format = FORMAT_TEXT;
			else if (strcmp(optarg, "json") == 0)
				c->format = FORMAT_JSON;
			else
				return usage_error("--format: \"%s\" is not text or json", optarg), -1;
			break;
		case OPT_COMPAT_WITH:
			c->compat_with = optarg;
			break;
		case OPT_PROFILE:
			if (strcmp(optarg, "arch") == 0)
				c->verify.profile = GIC_PROFILE_ARCH;
			else if (strcmp(optarg, "kvm") == 0)
				c->verify.profile = GIC_PROFILE_KVM;
			else if (strcmp(optarg, "qemu") == 0)
				c->verify.profile = GIC_PROFILE_QEMU;
			else
				return usage_error("--profile: \"%s\" is not arch, kvm or qemu", optarg),
				       -1;
			break;
		case OPT_EXHAUSTIVE:
			c->verify.exhaustive = true;
			break;
		case OPT_STRICT:
			c->verify.strict = true;
			break;
		case OPT_QEMU_MACHINE:
			if (!gp_qemu_machine_parse(optarg, &c->verify.qemu_machine))
				return usage_error("--qemu-machine: \"%s\" is not a virt machine type of "
						   "QEMU 7.2 (virt-2.6 .. virt-7.2)", optarg), -1;
			break;
		case OPT_HELP:
			fputs(usage_text, stdout);
			return 1;
		case OPT_VERSION:
			printf("gicplan %s\n", GICPLAN_VERSION);
			return 1;
		case ':':
			return usage_error("%s needs a value", argv[optind - 1]), -1;
		default:
			return usage_error("unknown option \"%s\"", argv[optind - 1]), -1;
		}
	}
	for (; optind < argc; optind++) {
		if (c->nargs == ARGS_MAX)
			return usage_error("unexpected argument \"%s\"", argv[optind]), -1;
		c->args[c->nargs++] = argv[optind];
	}
	return 0;
}

static void print_json(const json_t *root)
{
	size_t len;
	char *text = gp_json_dump(root, &len);

	if (text != NULL)
		fwrite(text, 1, len, stdout);
	free(text);
}

/* The checks, in the report's form: JSON members or text after the plan. */
static void report_checks(const struct cli *c, const struct gp_verify_result *r, json_t *root)
{
	if (c->format == FORMAT_JSON) {
		json_object_set_new(root, "checks", gp_verify_json(r));
		json_object_set_new(root, "verify", gp_verify_coverage_json(r));
	} else {
		gp_verify_text(stdout, r);
	}
}

static int cmd_plan(struct cli *c)
{
	struct gp_platform *p = malloc(sizeof(*p));
	struct gp_plan *plan = malloc(sizeof(*plan));
	struct gp_verify_result *vr = malloc(sizeof(*vr));
	struct gp_input in = { 0 }, old = { 0 };
	struct gp_input_options io = { 0 };
	struct gp_audit audit = { 0 };
	json_t *report = NULL;
	void *blob = NULL;
	char *plan_text = NULL;
	size_t blob_len = 0, plan_len = 0;
	int rc = GP_EXIT_OK;

	if (p == NULL || plan == NULL || vr == NULL) {
		gp_fail(&c->err, GP_EXIT_USAGE, "out of memory");
		goto out;
	}
	if (!c->cpus_set) {
		rc = usage_error("%s", "--cpus is required");
		goto out;
	}
	if (c->out != NULL && c->plan_out != NULL && gp_same_file(c->out, c->plan_out)) {
		rc = usage_error("--out and --plan both name \"%s\"", c->out);
		goto out;
	}
	if (gp_platform_load(c->platform, p, &c->err) < 0)
		goto out;
	if (c->compat_with != NULL) {
		/* A tree as OLD: what it does not say is taken from the request. */
		struct gp_input_options oo = { .gic_version = c->req.gic_version,
					       .spis = c->req.spis };

		if (gp_input_load(c->compat_with, &oo, &old, &c->err) < 0 ||
		    gp_plan_compat(p, &c->req, &old, plan, &c->err) < 0)
			goto out;
	} else if (gp_plan_make(p, &c->req, plan, &c->err) < 0) {
		goto out;
	}
	if (gp_emit_fdt(plan, &blob, &blob_len, &c->err) < 0)
		goto out;
	/* Verify the tree as written: parsed back from its bytes, not from the plan. */
	c->verify.ipa_bits = plan->ipa_bits;
	if (gp_input_from_plan(plan, blob, blob_len, &io, &in, &c->err) < 0 ||
	    gp_verify(&in.m, &in.v, &c->verify, vr, &c->err) < 0)
		goto out;
	snprintf(vr->version_note, sizeof(vr->version_note), "%s", in.version_note);
	/* A plan that keeps OLD's ABI must say so by the same audit a user would run. */
	if (c->compat_with != NULL && gp_audit(&old, &in, &audit, &c->err) < 0)
		goto out;
	if (c->plan_out != NULL) {
		json_t *root = gp_plan_to_json(plan);

		plan_text = gp_json_dump(root, &plan_len);
		json_decref(root);
		if (plan_text == NULL) {
			gp_fail(&c->err, GP_EXIT_USAGE, "out of memory");
			goto out;
		}
	}
	/* A tree that fails its proof is not handed out. */
	if (!vr->failed && !audit.breaks) {
		struct gp_output outs[] = { { c->out, in.blob, in.blob_len },
					    { c->plan_out, plan_text, plan_len } };

		if (gp_write_outputs(outs, 2, &c->err) < 0)
			goto out;
		/* A tree or plan streamed to standard output is the output: no report after it. */
		if ((c->out && strcmp(c->out, "-") == 0) ||
		    (c->plan_out && strcmp(c->plan_out, "-") == 0))
			goto out;
	}
	if (c->format == FORMAT_JSON) {
		report = gp_report_json(plan);
		report_checks(c, vr, report);
		if (c->compat_with != NULL)
			json_object_set_new(report, "audit",
					    json_pack("{s:s,s:b,s:o}", "old", c->compat_with,
						      "compatible", !audit.breaks, "diffs",
						      gp_audit_json(&audit)));
		print_json(report);
	} else {
		gp_report_text(stdout, plan);
		report_checks(c, vr, NULL);
		if (c->compat_with != NULL) {
			printf("\naudit against %s: %zu differences, %s\n", c->compat_with, audit.n,
			       audit.breaks ? "some break live migration" : "none breaks live migration");
			gp_audit_text(stdout, &audit);
		}
	}
	if (vr->failed || audit.breaks) {
		fprintf(stderr, "gicplan: %s: nothing written\n",
			vr->failed ? "verification failed" : "the plan breaks migration from OLD");
		rc = GP_EXIT_CHECK;
	}
out:
	if (gp_failed(&c->err))
		rc = report_error(&c->err);
	json_decref(report);
	if (in.blob == NULL)
		free(blob);
	gp_audit_free(&audit);
	gp_input_free(&old);
	gp_input_free(&in);
	free(plan_text);
	free(vr);
	free(plan);
	free(p);
	return rc;
}

static struct gp_input_options input_options(const struct cli *c)
{
	return (struct gp_input_options){ .gic_version = c->req.gic_version,
					  .spis = c->req.spis,
					  .ipa_bits = c->req.ipa_bits };
}

static int cmd_verify(struct cli *c)
{
	struct gp_input_options io = input_options(c);
	struct gp_verify_result *vr = malloc(sizeof(*vr));
	struct gp_input in;
	int rc = GP_EXIT_OK;

	memset(&in, 0, sizeof(in));
	if (vr == NULL) {
		gp_fail(&c->err, GP_EXIT_USAGE, "out of memory");
		goto out;
	}
	if (gp_input_load(c->args[0], &io, &in, &c->err) < 0)
		goto out;
	c->verify.ipa_bits = in.ipa_bits;
	gp_vgic_set_qemu_machine(&in.v, c->verify.profile, c->verify.qemu_machine);
	if (gp_verify(&in.m, &in.v, &c->verify, vr, &c->err) < 0)
		goto out;
	snprintf(vr->version_note, sizeof(vr->version_note), "%s", in.version_note);
	if (c->format == FORMAT_JSON) {
		json_t *root = json_pack("{s:s,s:b,s:I,s:i,s:i}", "file", c->args[0], "plan",
					 in.is_plan, "cpus", (json_int_t)in.m.nr_cpus,
					 "redist_regions", (int)in.m.nr_redist, "ipa_bits",
					 (int)in.ipa_bits);

		report_checks(c, vr, root);
		json_object_set_new(root, "result", json_string(vr->failed ? "fail" : "pass"));
		print_json(root);
		json_decref(root);
	} else {
		printf("%s: %s, %" PRIu64 " cpus, %" PRIu32 " redistributor region%s, %u-bit IPA\n",
		       c->args[0], in.is_plan ? "plan" : "device tree", in.m.nr_cpus, in.m.nr_redist,
		       in.m.nr_redist == 1 ? "" : "s", in.ipa_bits);
		report_checks(c, vr, NULL);
		printf("%s\n", vr->failed ? "FAIL" : "PASS");
	}
	if (vr->failed)
		rc = GP_EXIT_CHECK;
out:
	if (gp_failed(&c->err))
		rc = report_error(&c->err);
	gp_input_free(&in);
	free(vr);
	return rc;
}

static int cmd_audit(struct cli *c)
{
	struct gp_input_options io = input_options(c);
	struct gp_input old, new;
	struct gp_audit a = { 0 };
	int rc = GP_EXIT_OK;
	size_t breaking = 0;

	memset(&old, 0, sizeof(old));
	memset(&new, 0, sizeof(new));
	if (gp_input_load(c->args[0], &io, &old, &c->err) < 0 ||
	    gp_input_load(c->args[1], &io, &new, &c->err) < 0 ||
	    gp_input_pair(&old, &new, &io, &c->err) < 0 ||
	    gp_audit(&old, &new, &a, &c->err) < 0)
		goto out;
	for (size_t i = 0; i < a.n; i++)
		breaking += a.diffs[i].verdict == GP_VERDICT_BREAKS;
	if (c->format == FORMAT_JSON) {
		json_t *root = json_pack("{s:s,s:s,s:b,s:I,s:I,s:I,s:o}", "old", c->args[0], "new",
					 c->args[1], "compatible", !a.breaks, "compared",
					 (json_int_t)a.compared, "differences", (json_int_t)a.n,
					 "breaking", (json_int_t)breaking, "diffs",
					 gp_audit_json(&a));

		print_json(root);
		json_decref(root);
	} else {
		printf("audit %s -> %s: %" PRIu64 " values compared, %zu differ, %zu break live "
		       "migration\n", c->args[0], c->args[1], a.compared, a.n, breaking);
		gp_audit_text(stdout, &a);
		printf("%s\n", a.breaks ? "INCOMPATIBLE: a guest running on OLD cannot move to NEW"
					: "COMPATIBLE: NEW can receive a guest from OLD");
	}
	if (a.breaks)
		rc = GP_EXIT_CHECK;
out:
	if (gp_failed(&c->err))
		rc = report_error(&c->err);
	gp_audit_free(&a);
	gp_input_free(&old);
	gp_input_free(&new);
	return rc;
}

static int cmd_emu(struct cli *c)
{
	struct gp_input_options io = input_options(c);
	struct gp_input in;
	enum gp_vgic_step step;
	struct gic *g = NULL;
	int rc = GP_EXIT_OK, gic_err = 0;

	memset(&in, 0, sizeof(in));
	if (gp_input_load(c->args[0], &io, &in, &c->err) < 0)
		goto out;
	gp_vgic_set_qemu_machine(&in.v, c->verify.profile, c->verify.qemu_machine);
	g = gp_vgic_build(&in.v, c->verify.profile, &gic_err, &step);
	if (g == NULL) {
		gp_fail(&c->err, GP_EXIT_CHECK, "%s: the VGIC it describes does not build: %s",
			c->args[0], gic_strerror(gic_err));
		goto out;
	}
	if (gp_console_run(g, stdin, stdout, stderr) < 0)
		gp_fail(&c->err, GP_EXIT_USAGE, "emu: reading commands or writing answers failed");
out:
	if (gp_failed(&c->err))
		rc = report_error(&c->err);
	gic_destroy(g);
	gp_input_free(&in);
	return rc;
}

/* The vCPU counts placement @i of @p is chosen for: (lo, hi], hi = what it holds. */
static void tier_range(const struct gp_platform *p, uint32_t i, const struct gp_fit *fit,
		       uint64_t *lo, uint64_t *hi)
{
	uint64_t before = 0, limit = gp_mpidr_capacity(&p->board);

	if (p->max_cpus != 0 && p->max_cpus < limit)
		limit = p->max_cpus;
	for (uint32_t k = 0; k < i; k++) {
		uint64_t cap = gp_placement_capacity(&p->placements[k], fit);

		if (cap > before)
			before = cap;
	}
	*lo = before < limit ? before + 1 : limit + 1;
	*hi = gp_placement_capacity(&p->placements[i], fit);
	if (*hi > limit)
		*hi = limit;
}

static int cmd_tiers(struct cli *c)
{
	struct gp_platform *p = malloc(sizeof(*p));
	json_t *root = json_object(), *versions = json_array();
	unsigned ipa;
	bool its;
	int rc = GP_EXIT_OK;

	if (p == NULL || gp_platform_load(c->platform, p, &c->err) < 0)
		goto out;
	ipa = c->req.ipa_bits ? c->req.ipa_bits : p->ipa_bits;
	if (c->req.gic_version && !(p->gic_versions & (1u << c->req.gic_version))) {
		gp_fail(&c->err, GP_EXIT_USAGE, "--gic-version: platform '%s' does not offer GICv%u",
			p->name, c->req.gic_version);
		goto out;
	}
	its = c->req.its < 0 ? p->its_default : c->req.its;
	if (c->format == FORMAT_TEXT)
		printf("platform %s (version %" PRIu32 "), %u-bit IPA, %s\n", p->name, p->version, ipa,
		       its ? "with an ITS" : "no ITS");
	for (unsigned v = 3; v <= 4; v++) {
		struct gp_fit fit = { gp_redist_size(v), ipa, its };
		const struct gp_placement *prev = NULL;
		json_t *tiers = json_array();
		char size[32];

		if (!(p->gic_versions & (1u << v)) || (c->req.gic_version && c->req.gic_version != v)) {
			json_decref(tiers);
			continue;
		}
		if (c->format == FORMAT_TEXT)
			printf("\nGICv%u (%s redistributors)\n", v,
			       gp_size_str(size, sizeof(size), gp_redist_size(v)));
		for (uint32_t i = 0; i < p->nr_placements; i++) {
			const struct gp_placement *pl = &p->placements[i];
			uint64_t lo, hi, cap = gp_placement_capacity(pl, &fit);
			char limit[GP_TEXT_MAX], moved[GP_TEXT_MAX * 2];
			size_t nr_moved = 0;
			bool crossing;
			json_t *t;

			tier_range(p, i, &fit, &lo, &hi);
			/* Chosen after another placement: the GIC, and maybe devices, move. */
			crossing = hi >= lo && prev != NULL;
			if (crossing)
				nr_moved = gp_placement_moves(p, prev, pl, moved, sizeof(moved));
			if (hi >= lo)
				prev = pl;
			gp_placement_limit(pl, &fit, limit, sizeof(limit));
			t = json_pack("{s:s,s:I,s:I,s:I,s:b,s:s}", "name", pl->name, "capacity",
				      (json_int_t)cap, "min_cpus", (json_int_t)lo, "max_cpus",
				      (json_int_t)hi, "chosen", hi >= lo, "summary", pl->summary);
			if (limit[0])
				json_object_set_new(t, "limit", json_string(limit));
			if (crossing)
				json_object_set_new(t, "crossing",
						    json_pack("{s:I,s:I,s:s,s:i,s:b}", "from_cpus",
							      (json_int_t)(lo - 1), "to_cpus",
							      (json_int_t)lo, "moves", moved, "moved",
							      (int)nr_moved, "breaks_migration", true));
			json_array_append_new(tiers, t);
			if (c->format != FORMAT_TEXT)
				continue;
			if (hi >= lo)
				printf("  %-10s %10" PRIu64 "..%-10" PRIu64 " %s\n", pl->name, lo, hi,
				       pl->summary);
			else
				printf("  %-10s %22s holds %" PRIu64 ": never chosen\n", pl->name, "",
				       cap);
			if (limit[0])
				printf("  %-10s %22s %s\n", "", "", limit);
			if (crossing)
				printf("  %-10s %22s crossing %" PRIu64 " -> %" PRIu64 " vCPUs moves %s: "
				       "breaks migration\n", "", "", lo - 1, lo,
				       moved[0] ? moved : "nothing");
		}
		json_array_append_new(versions, json_pack("{s:i,s:o,s:o}", "gic_version", (int)v,
							  "redist_size",
							  gp_json_hex(gp_redist_size(v)), "tiers",
							  tiers));
	}
	if (c->format == FORMAT_TEXT && p->max_cpus)
		printf("\nthe platform caps vCPUs at %" PRIu64 "\n", p->max_cpus);
	if (c->format == FORMAT_JSON) {
		json_object_set_new(root, "platform", json_string(p->name));
		json_object_set_new(root, "platform_version", json_integer(p->version));
		json_object_set_new(root, "ipa_bits", json_integer(ipa));
		if (p->max_cpus)
			json_object_set_new(root, "max_cpus", json_integer((json_int_t)p->max_cpus));
		json_object_set_new(root, "gic_versions", versions);
		versions = NULL;
		print_json(root);
	}
out:
	if (gp_failed(&c->err))
		rc = report_error(&c->err);
	json_decref(versions);
	json_decref(root);
	free(p);
	return rc;
}

/* The most vCPUs platform @p holds with GICv@version at its default IPA and ITS. */
static uint64_t platform_largest(const struct gp_platform *p, unsigned version)
{
	struct gp_fit fit = { gp_redist_size(version), p->ipa_bits, p->its_default };
	uint64_t largest = 0;

	for (uint32_t k = 0; k < p->nr_placements; k++) {
		uint64_t lo, hi;

		tier_range(p, k, &fit, &lo, &hi);
		if (hi > largest)
			largest = hi;
	}
	return largest;
}

static int cmd_platforms(struct cli *c)
{
	char (*names)[GP_NAME_MAX] = calloc(GP_PLATFORMS_MAX, GP_NAME_MAX);
	struct gp_platform *p = malloc(sizeof(*p));
	json_t *list = json_array();
	int n, rc = GP_EXIT_OK;

	if (names == NULL || p == NULL) {
		gp_fail(&c->err, GP_EXIT_USAGE, "out of memory");
		goto out;
	}
	n = gp_platform_list(names, GP_PLATFORMS_MAX, &c->err);
	for (int i = 0; i < n; i++) {
		json_t *entry, *placements = json_array(), *by_version = json_object();
		struct gp_fit fit;
		char versions[8] = "", limits[64] = "";

		if (gp_platform_load(names[i], p, &c->err) < 0)
			break;
		for (unsigned v = 3; v <= 4; v++) {
			uint64_t largest;
			char key[8];

			if (!(p->gic_versions & (1u << v)))
				continue;
			largest = platform_largest(p, v);
			snprintf(versions + strlen(versions), sizeof(versions) - strlen(versions),
				 "%s%u", *versions ? "," : "", v);
			snprintf(limits + strlen(limits), sizeof(limits) - strlen(limits),
				 "%sGICv%u up to %" PRIu64, *limits ? ", " : "", v, largest);
			snprintf(key, sizeof(key), "gicv%u", v);
			json_object_set_new(by_version, key, json_integer((json_int_t)largest));
		}
		fit = (struct gp_fit){ gp_redist_size(p->default_gic_version), p->ipa_bits,
				       p->its_default };
		for (uint32_t k = 0; k < p->nr_placements; k++) {
			uint64_t lo, hi;

			tier_range(p, k, &fit, &lo, &hi);
			json_array_append_new(placements, json_pack("{s:s,s:I}", "name",
								    p->placements[k].name, "max_cpus",
								    (json_int_t)hi));
		}
		entry = json_pack("{s:s,s:I,s:s,s:s,s:o,s:I,s:o}", "name", p->name, "version",
				  (json_int_t)p->version, "description", p->description,
				  "gic_versions", versions, "placements", placements, "max_cpus",
				  (json_int_t)platform_largest(p, p->default_gic_version),
				  "max_cpus_by_version", by_version);
		if (c->format == FORMAT_TEXT) {
			printf("%-17s %s vCPUs (%u-bit IPA); placements:", p->name, limits,
			       p->ipa_bits);
			for (uint32_t k = 0; k < p->nr_placements; k++)
				printf(" %s", p->placements[k].name);
			printf("\n");
		}
		json_array_append_new(list, entry);
	}
	if (!gp_failed(&c->err) && c->format == FORMAT_JSON)
		print_json(list);
out:
	if (gp_failed(&c->err))
		rc = report_error(&c->err);
	json_decref(list);
	free(p);
	free(names);
	return rc;
}

int gp_cli_main(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*run)(struct cli *c);
		unsigned allowed;
		int args;     /* positional arguments it needs */
		const char *arg_names;
	} commands[] = {
		{ "plan", cmd_plan, OPTS_REQUEST | OPTS_VERIFY | OPT_BIT(OPT_OUT) | OPT_BIT(OPT_PLAN) |
					    OPT_BIT(OPT_COMPAT_WITH), 0, "" },
		{ "verify", cmd_verify, OPTS_TREE | OPTS_VERIFY | OPT_BIT(OPT_QEMU_MACHINE), 1,
		  "FILE.dtb|FILE.json" },
		{ "emu", cmd_emu, OPTS_TREE | OPT_BIT(OPT_PROFILE) | OPT_BIT(OPT_QEMU_MACHINE), 1,
		  "FILE.dtb|FILE.json" },
		{ "audit", cmd_audit, OPTS_TREE, 2, "OLD and NEW (trees or plans)" },
		{ "tiers", cmd_tiers, OPT_BIT(OPT_PLATFORM) | OPT_BIT(OPT_GIC_VERSION) |
				       OPT_BIT(OPT_IPA_BITS) | OPT_BIT(OPT_ITS) | OPT_BIT(OPT_NO_ITS),
		  0, "" },
		{ "platforms", cmd_platforms, 0, 0, "" },
	};
	struct cli c = { .req = { .its = -1, .virtualization = -1 },
			 .platform = GP_DEFAULT_PLATFORM,
			 .verify = { .profile = GIC_PROFILE_ARCH } };
	size_t cmd = 0;
	int rc;

	gp_error_init(&c.err);
	optind = 1;
	if (argc > 1 && argv[1][0] != '-') {
		for (cmd = 0; cmd < sizeof(commands) / sizeof(commands[0]); cmd++)
			if (strcmp(argv[1], commands[cmd].name) == 0)
				break;
		if (cmd == sizeof(commands) / sizeof(commands[0]))
			return usage_error("unknown command \"%s\"", argv[1]);
		optind = 2;
	}
	c.allowed = commands[cmd].allowed | OPTS_COMMON;
	rc = parse_options(argc, argv, &c);
	if (rc != 0)
		return rc < 0 ? GP_EXIT_USAGE : GP_EXIT_OK;
	if (c.verify.qemu_machine != 0 && c.verify.profile != GIC_PROFILE_QEMU)
		return usage_error("%s", "--qemu-machine: only with --profile qemu");
	if (c.nargs != commands[cmd].args) {
		if (commands[cmd].args == 0)
			return usage_error("%s takes no argument \"%s\"", commands[cmd].name,
					   c.args[0]);
		return usage_error("%s needs %s", commands[cmd].name, commands[cmd].arg_names);
	}
	return commands[cmd].run(&c);
}
