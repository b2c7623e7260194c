/* SPDX-License-Identifier: MIT */
#include "cli.h"

#include <getopt.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render_verify.h"
#include "report.h"

/* --ram is a whole number of MiB. */
#define RAM_GRANULE (UINT64_C(1) << 20)

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))


enum option_id {
	OPT_CPUS = 256,    /* above every short option's character */
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
	OPT_QUIET,
	OPT_QEMU_MACHINE,
	OPT_HELP,
	OPT_VERSION,
	OPT_SVG,
	OPT_TIERS,
	OPT_ACPI,
	OPT_ACPI_VERSION,
	OPT_BOOT_CPUS,
	OPT_ONE_WAY,
	OPT_IDENTICAL,
	OPT_VMM,
};

/* Which options a command takes: a bit per option. */
#define OPT_BIT(o) (1u << ((o) - OPT_CPUS))
#define OPTS_REQUEST (OPT_BIT(OPT_CPUS) | OPT_BIT(OPT_PLATFORM) | OPT_BIT(OPT_GIC_VERSION) | \
		      OPT_BIT(OPT_ITS) | OPT_BIT(OPT_NO_ITS) | OPT_BIT(OPT_IPA_BITS) |           \
		      OPT_BIT(OPT_SPIS) | OPT_BIT(OPT_RAM) | OPT_BIT(OPT_VIRT) |                 \
		      OPT_BIT(OPT_NO_VIRT))
#define OPTS_VERIFY (OPT_BIT(OPT_PROFILE) | OPT_BIT(OPT_EXHAUSTIVE) | OPT_BIT(OPT_STRICT))
#define OPTS_COMMON (OPT_BIT(OPT_HELP) | OPT_BIT(OPT_VERSION))
#define OPTS_REPORT (OPT_BIT(OPT_FORMAT))
#define OPTS_TREE (OPT_BIT(OPT_GIC_VERSION) | OPT_BIT(OPT_SPIS) | OPT_BIT(OPT_IPA_BITS))

/*
 * Every option, once. getopt's tables are made from it and so is each
 * command's help, which lists the options of the command's `allowed` mask:
 * what help says and what is accepted cannot drift apart. A help text gives
 * the values really accepted; where a command reads an option otherwise,
 * option_notes says how.
 */
static const struct option_spec {
	int id;
	const char *name;
	char short_name;   /* 0: long only */
	const char *value; /* the value's name; NULL: takes none */
	const char *help;  /* a '\n' continues it on the next line */
} option_specs[] = {
	{ OPT_CPUS, "cpus", 0, "N",
	  "max_cpus: every vCPU that may ever run,\n1..4294967295 (required)" },
	{ OPT_PLATFORM, "platform", 0, "NAME|PATH",
	  "a bundled platform (default virt; see gicplan\nplatforms) or a layout file" },
	{ OPT_GIC_VERSION, "gic-version", 0, "3|4",
	  "GICv3 (128 KiB redistributors) or GICv4 (256 KiB);\ndefault: the platform's" },
	{ OPT_ITS, "its", 0, NULL, "with an ITS (default: the platform's)" },
	{ OPT_NO_ITS, "no-its", 0, NULL, "without an ITS" },
	{ OPT_IPA_BITS, "ipa-bits", 0, "B",
	  "guest physical address size in bits, 32..52\n(default: the platform's)" },
	{ OPT_SPIS, "spis", 0, "N",
	  "SPIs: a multiple of 32 from 32 to 960, or 988\n(KVM takes 960 at most; default: the platform's)" },
	{ OPT_RAM, "ram", 0, "SIZE",
	  "RAM size, a whole number of MiB: decimal or 0x hex,\nwith an optional KiB, MiB, GiB "
	  "or TiB (e.g. 4GiB;\ndefault: the platform's)" },
	{ OPT_VIRT, "virtualization", 0, NULL,
	  "give the guest EL2: the GIC maintenance interrupt\n(default: the platform's)" },
	{ OPT_NO_VIRT, "no-virtualization", 0, NULL, "no EL2 for the guest" },
	{ OPT_OUT, "out", 'o', "FILE.dtb", "write the device tree (- for standard output)" },
	{ OPT_PLAN, "plan", 0, "FILE.json",
	  "write the plan: every input and placed address\n(- for standard output)" },
	{ OPT_ACPI, "acpi", 0, "DIR",
	  "also write the ACPI tables a UEFI guest reads into\nDIR, an existing folder: apic.dat (the MADT) and,\n"
	  "with an ITS, iort.dat" },
	{ OPT_ACPI_VERSION, "acpi-version", 0, "5.1|6.0|6.5",
	  "the MADT's GICC form: 76, 80 or 82 bytes, MADT\nrevision 3, 4 or 6 (default 6.0, as QEMU 7.2)" },
	{ OPT_BOOT_CPUS, "boot-cpus", 0, "N",
	  "vCPUs enabled at boot, 1..--cpus (default: all);\nthe MADT marks the rest online-capable (6.5) or\n"
	  "not enabled" },
	{ OPT_COMPAT_WITH, "compat-with", 0, "OLD",
	  "keep every address, MPIDR and interrupt of OLD (a\nplan or a tree) and place only "
	  "what is new; the\nresult is audited against OLD" },
	{ OPT_PROFILE, "profile", 0, "arch|kvm|qemu",
	  "the GIC the guest gets: the architecture's (arch,\nthe default), arm64 KVM's VGIC "
	  "(kvm) or QEMU\n7.2's (qemu)" },
	{ OPT_EXHAUSTIVE, "exhaustive", 0, NULL,
	  "every SPI to every CPU, every CPU's SGIs to every\nCPU" },
	{ OPT_STRICT, "strict", 0, NULL, "warnings (e.g. node names the schema rejects) fail" },
	{ OPT_FORMAT, "format", 0, "text|json|junit",
	  "the report on standard output (default text;\nJSON schemas in docs/schema/)" },
	{ OPT_QUIET, "quiet", 'q', NULL,
	  "no report on standard output: the exit code is the\nverdict; errors still go to "
	  "standard error" },
	{ OPT_HELP, "help", 'h', NULL, "this help, on standard output" },
	{ OPT_VERSION, "version", 'V', NULL, "gicplan's version, on standard output" },
	{ OPT_QEMU_MACHINE, "qemu-machine", 0, "virt-X.Y",
	  "with --profile qemu: QEMU's machine type, which a\ntree does not record, virt-2.6 .. "
	  "virt-7.2\n(default virt-7.2): the GIC's LPIs follow it" },
	{ OPT_SVG, "svg", 0, "FILE",
	  "also draw the map as SVG 1.1 (- for the SVG alone\non standard output)" },
	{ OPT_TIERS, "tiers", 0, NULL,
	  "a platform's placements side by side; * marks what\nmoves at each crossing" },
	{ OPT_ONE_WAY, "one-way", 0, NULL,
	  "ask OLD -> NEW only (default: OLD -> NEW and back\nto OLD, a rollback, as QEMU keeps a "
	  "machine type)" },
	{ OPT_IDENTICAL, "identical", 0, NULL,
	  "fail on any difference a guest can see, whatever\nits direction" },
	{ OPT_VMM, "vmm", 0, "qemu|generic",
	  "how the VMM sizes the GIC state it migrates: qemu\n(by the vCPU count: added vCPUs "
	  "break) or generic\n(each saved vCPU restored; added ones start at\nreset); default: "
	  "the strict rule, as qemu" },
};

enum command_id { CMD_PLAN, CMD_VERIFY, CMD_EMU, CMD_AUDIT, CMD_TIERS, CMD_PLATFORMS, CMD_LIMITS,
		  CMD_MAP, CMD_HELP, CMDS };

#define CMD_BIT(c) (1u << (c))
#define CMDS_TREE (CMD_BIT(CMD_VERIFY) | CMD_BIT(CMD_EMU) | CMD_BIT(CMD_AUDIT))

/* Where a command reads an option otherwise than plan does: its help line there. */
static const struct option_note {
	unsigned commands; /* CMD_BIT()s */
	int id;
	const char *help;
	const char *value; /* its value there, when not the option's own */
} option_notes[] = {
	{ CMDS_TREE, OPT_GIC_VERSION,
	  "the GIC version of a tree, which does not say it:\n3 or 4 (default: inferred from "
	  "its stride and\nregions; a plan says its own)", NULL },
	{ CMDS_TREE, OPT_SPIS,
	  "the SPI count of a tree: a multiple of 32 from 32\nto 960, or 988 (default: 256, or "
	  "more to hold the\nhighest device SPI, assumed; a plan says its own)", NULL },
	{ CMDS_TREE, OPT_IPA_BITS,
	  "the IPA size in bits, 32..52 (default: a plan's own,\nelse 40 or the smallest PARange "
	  "size holding the\ntree, assumed)", NULL },
	{ CMD_BIT(CMD_EMU), OPT_PROFILE,
	  "the GIC the console drives: the architecture's\n(arch, the default), arm64 KVM's "
	  "VGIC (kvm) or\nQEMU 7.2's (qemu)", NULL },
	{ CMD_BIT(CMD_TIERS), OPT_GIC_VERSION,
	  "only this GIC version's tiers, 3 or 4 (default:\nevery version the platform offers)", NULL },
	{ CMD_BIT(CMD_LIMITS), OPT_GIC_VERSION,
	  "the GIC version the walls are for, 3 or 4\n(default: the platform's)", NULL },
	{ CMD_BIT(CMD_TIERS) | CMD_BIT(CMD_LIMITS), OPT_IPA_BITS,
	  "the IPA size in bits the capacities are for,\n32..52 (default: the platform's)", NULL },
	{ CMD_BIT(CMD_TIERS) | CMD_BIT(CMD_LIMITS), OPT_ITS,
	  "capacities with an ITS (default: the platform's)", NULL },
	{ CMD_BIT(CMD_TIERS) | CMD_BIT(CMD_LIMITS), OPT_NO_ITS, "capacities without an ITS", NULL },
	{ CMD_BIT(CMD_TIERS) | CMD_BIT(CMD_PLATFORMS) | CMD_BIT(CMD_LIMITS), OPT_FORMAT,
	  "the report on standard output (default text;\nJSON schemas in docs/schema/)", "text|json" },
	{ CMD_BIT(CMD_AUDIT), OPT_PROFILE,
	  "the GIC whose registers the guest reads are\ncompared on both sides: the architecture's "
	  "(arch,\nthe default), arm64 KVM's VGIC (kvm) or QEMU 7.2's\n(qemu)", NULL },
	{ CMD_BIT(CMD_PLAN), OPT_QUIET,
	  "no report on standard output: the exit code is the\nverdict; errors still go to "
	  "standard error; a tree\nor plan named - is still written there", NULL },
};


/*
 * How an error run reports on stdout, besides its line on stderr: as the
 * report would be (--format json or junit, once known), else not at all.
 */
static struct {
	enum format format;
	const char *command;
} error_report = { FORMAT_TEXT, "plan" };

/* The error document of exit code @exit_code on stdout, in the report's format. */
static void print_error_report(int exit_code, const char *msg)
{
	struct gp_junit_suite s;
	json_t *root;

	if (error_report.format == FORMAT_JUNIT && gp_junit_error(error_report.command, exit_code,
								  msg, &s) == 0) {
		gp_junit_write(stdout, &s, 1);
		gp_junit_free(&s);
	} else if (error_report.format == FORMAT_JSON) {
		root = gp_report_error_json(exit_code, msg);
		print_json(root);
		json_decref(root);
	}
}

int usage_error(const char *fmt, ...)
{
	char msg[GICPLAN_ERROR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fprintf(stderr, "gicplan: %s (see gicplan --help)\n", msg);
	print_error_report(CLI_EXIT_USAGE, msg);
	return CLI_EXIT_USAGE;
}

int cli_fail(struct cli *c, int exit_code, const char *fmt, ...)
{
	va_list ap;

	if (cli_failed(c))
		return -1;
	c->err.exit_code = exit_code;
	va_start(ap, fmt);
	vsnprintf(c->err.msg, sizeof(c->err.msg), fmt, ap);
	va_end(ap);
	return -1;
}

int cli_exit_of(int code)
{
	switch (code) {
	case GICPLAN_E_CHECK:
		return CLI_EXIT_CHECK;
	case GICPLAN_E_INFEASIBLE:
		return CLI_EXIT_INFEASIBLE;
	default:
		return CLI_EXIT_USAGE;
	}
}

int cli_pass(struct cli *c, const struct gicplan_error *e)
{
	return cli_fail(c, cli_exit_of(e->code), "%s", e->message);
}

bool cli_failed(const struct cli *c)
{
	return c->err.exit_code != CLI_EXIT_OK;
}

int report_error(const struct cli *c)
{
	fprintf(stderr, "gicplan: %s\n", c->err.msg);
	print_error_report(c->err.exit_code, c->err.msg);
	return c->err.exit_code;
}

/* Errors from here on go to standard error alone (a tree or plan streams to stdout). */
void cli_errors_as_text(void)
{
	error_report.format = FORMAT_TEXT;
}

/* @arg of option @opt as a decimal @what from @min to @max: the range accepted, in the error. */
static int parse_number(const char *opt, const char *arg, const char *what, uint64_t min,
			uint64_t max, uint64_t *out)
{
	if (gicplan_parse_uint(arg, max, out) != GICPLAN_OK || *out < min) {
		usage_error("%s: \"%s\" is not %s from %" PRIu64 " to %" PRIu64, opt, arg, what, min,
			    max);
		return -1;
	}
	return 0;
}

/* The spec of option @id (an enum option_id, or a short option's character). */
static const struct option_spec *option_spec_of(int id)
{
	for (size_t i = 0; i < COUNT_OF(option_specs); i++)
		if (option_specs[i].id == id || option_specs[i].short_name == id)
			return &option_specs[i];
	return NULL;
}

/* "text", "json", "junit": the --format value @s, or -1. */
static int format_of(const char *s)
{
	static const char *const names[] = { [FORMAT_TEXT] = "text", [FORMAT_JSON] = "json",
					     [FORMAT_JUNIT] = "junit" };

	for (int f = FORMAT_TEXT; f <= FORMAT_JUNIT; f++)
		if (strcmp(s, names[f]) == 0)
			return f;
	return -1;
}

/* The --format of @argv, looked up before parsing so that every usage error honours it. */
static enum format format_of_argv(int argc, char **argv)
{
	enum format format = FORMAT_TEXT;

	for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++) {
		const char *value = NULL;
		int f;

		if (strcmp(argv[i], "--format") == 0 && i + 1 < argc)
			value = argv[++i];
		else if (strncmp(argv[i], "--format=", strlen("--format=")) == 0)
			value = argv[i] + strlen("--format=");
		if (value != NULL && (f = format_of(value)) >= 0)
			format = (enum format)f;
	}
	return format;
}

/* The long name of option @id. */
static const char *option_name(int id)
{
	const struct option_spec *o = option_spec_of(id);

	return o != NULL ? o->name : "?";
}

/* getopt_long's tables, made from option_specs. */
static void getopt_tables(struct option *longopts, char *shortopts)
{
	size_t i;

	*shortopts++ = ':'; /* a missing value is reported as ':' */
	for (i = 0; i < COUNT_OF(option_specs); i++) {
		const struct option_spec *o = &option_specs[i];

		longopts[i] = (struct option){ o->name, o->value ? required_argument : no_argument,
					       NULL, o->id };
		if (o->short_name) {
			*shortopts++ = o->short_name;
			if (o->value)
				*shortopts++ = ':';
		}
	}
	longopts[i] = (struct option){ NULL, 0, NULL, 0 };
	*shortopts = '\0';
}

/* Parse options from optind on; returns -1 after printing a usage error, 1 after --help/--version. */
static int parse_options(int argc, char **argv, struct cli *c)
{
	struct option longopts[COUNT_OF(option_specs) + 1];
	char shortopts[2 + 2 * COUNT_OF(option_specs)];
	const struct option_spec *spec;
	uint64_t v;
	int opt;

	getopt_tables(longopts, shortopts);
	opterr = 0;
	while ((opt = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		/* A short option is its long one. */
		spec = opt == ':' || opt == '?' ? NULL : option_spec_of(opt);
		if (spec != NULL)
			opt = spec->id;
		if (opt >= OPT_CPUS && !(c->allowed & OPT_BIT(opt)))
			return usage_error("--%s: not an option of this command", option_name(opt)),
			       -1;
		switch (opt) {
		case OPT_CPUS:
			if (parse_number("--cpus", optarg, "a vCPU count", 1, UINT32_MAX, &v) < 0)
				return -1;
			c->req.max_cpus = v;
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
			if (parse_number("--ipa-bits", optarg, "an IPA size in bits",
					 GICPLAN_IPA_BITS_MIN, GICPLAN_IPA_BITS_MAX, &v) < 0)
				return -1;
			c->req.ipa_bits = (unsigned)v;
			break;
		case OPT_SPIS:
			if (gicplan_parse_uint(optarg, GICPLAN_SPIS_MAX, &v) != GICPLAN_OK ||
			    !gicplan_spis_valid((uint32_t)v))
				return usage_error("--spis: \"%s\" is not an SPI count a GIC "
						   "implements: a multiple of %u from %u to %u, or %u",
						   optarg, GICPLAN_SPI_GRANULE, GICPLAN_SPI_GRANULE,
						   GICPLAN_SPIS_PLAN_MAX, GICPLAN_SPIS_MAX), -1;
			c->req.spis = (uint32_t)v;
			break;
		case OPT_RAM:
			if (gicplan_parse_size(optarg, &v) != GICPLAN_OK || v == 0 || v % RAM_GRANULE != 0)
				return usage_error("--ram: \"%s\" is not a RAM size: a whole, non-zero "
						   "number of MiB, in bytes (decimal or 0x hex) or with "
						   "a suffix K, M, G, T or KiB, MiB, GiB, TiB (e.g. "
						   "512MiB, 4GiB)", optarg), -1;
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
		case OPT_FORMAT: {
			int f = format_of(optarg);

			if (f < 0)
				return usage_error("--format: \"%s\" is not text, json or junit",
						   optarg), -1;
			c->format = (enum format)f;
			break;
		}
		case OPT_COMPAT_WITH:
			c->compat_with = optarg;
			break;
		case OPT_PROFILE:
			if (strcmp(optarg, "arch") == 0)
				c->verify.profile = GICPLAN_PROFILE_ARCH;
			else if (strcmp(optarg, "kvm") == 0)
				c->verify.profile = GICPLAN_PROFILE_KVM;
			else if (strcmp(optarg, "qemu") == 0)
				c->verify.profile = GICPLAN_PROFILE_QEMU;
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
		case OPT_QUIET:
			c->quiet = true;
			break;
		case OPT_QEMU_MACHINE:
			c->verify.qemu_machine = optarg;
			if (!gicplan_qemu_machine_valid(optarg))
				return usage_error("--qemu-machine: \"%s\" is not a virt machine type of "
						   "QEMU 7.2 (virt-2.6 .. virt-7.2)", optarg), -1;
			break;
		case OPT_HELP:
			c->help = true;
			return 1;
		case OPT_VERSION:
			c->version = true;
			return 1;
		case OPT_ACPI:
			c->acpi.dir = optarg;
			break;
		case OPT_ACPI_VERSION:
			if (gicplan_acpi_version_parse(optarg, &c->acpi.version) < 0)
				return usage_error("--acpi-version: \"%s\" is not 5.1, 6.0 or 6.5",
						   optarg), -1;
			c->acpi_version_set = true;
			break;
		case OPT_BOOT_CPUS:
			if (parse_number("--boot-cpus", optarg, "a vCPU count", 1, UINT32_MAX, &v) < 0)
				return -1;
			c->acpi.boot_cpus = v;
			break;
		case OPT_SVG:
			c->svg = optarg;
			break;
		case OPT_TIERS:
			c->map_tiers = true;
			break;
		case OPT_ONE_WAY:
		case OPT_IDENTICAL:
			if (c->audit_mode != GICPLAN_AUDIT_ROLLBACK)
				return usage_error("%s", "--one-way and --identical are two modes: give "
						   "one"), -1;
			c->audit_mode = opt == OPT_ONE_WAY ? GICPLAN_AUDIT_ONE_WAY : GICPLAN_AUDIT_IDENTICAL;
			break;
		case OPT_VMM:
			if (strcmp(optarg, "qemu") == 0)
				c->vmm = GICPLAN_VMM_VCPU_COUNT;
			else if (strcmp(optarg, "generic") == 0)
				c->vmm = GICPLAN_VMM_MAX_CPUS;
			else
				return usage_error("--vmm: \"%s\" is not qemu or generic", optarg), -1;
			break;
		case ':':
			return usage_error("%s needs a value", argv[optind - 1]), -1;
		default:
			if (optopt > 0 && optopt < OPT_CPUS)
				return usage_error("unknown option \"-%c\"", optopt), -1;
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

void print_json(const json_t *root)
{
	char *text = json_dumps(root, JSON_INDENT(2));

	if (text != NULL)
		printf("%s\n", text);
	free(text);
}

/* The checks, in the report's form: JSON members or text after the plan (JUnit: suites). */
void report_checks(const struct cli *c, const struct gicplan_report *r, json_t *root)
{
	if (c->format == FORMAT_JSON) {
		json_object_set_new(root, "checks", gp_verify_json(r));
		json_object_set_new(root, "verify", gp_verify_coverage_json(r));
	} else if (c->format == FORMAT_TEXT) {
		gp_verify_text(stdout, r);
	}
}

/* "N things" or "1 thing". */
const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* Up to three JUnit suites (@n of @s: a plan's, the checks', an audit's) on stdout. */
int print_junit(struct cli *c, struct gp_junit_suite *s, size_t n, int built)
{
	if (built < 0)
		cli_fail(c, CLI_EXIT_USAGE, "out of memory");
	else
		gp_junit_write(stdout, s, n);
	for (size_t i = 0; i < n; i++)
		gp_junit_free(&s[i]);
	return built;
}

int cli_platform(struct cli *c, const char *name, struct gicplan_platform **p,
		 struct gicplan_platform_info *info)
{
	struct gicplan_error e;

	if (gicplan_platform_load(name, p, &e) < 0 ||
	    (info != NULL && gicplan_platform_info(*p, info, &e) < 0))
		return cli_pass(c, &e);
	return 0;
}

struct gicplan_fit request_fit(const struct cli *c, const struct gicplan_platform_info *pi)
{
	return (struct gicplan_fit){ c->req.gic_version ? c->req.gic_version
							: pi->default_gic_version,
				     c->req.ipa_bits ? c->req.ipa_bits : pi->ipa_bits,
				     c->req.its < 0 ? pi->its : c->req.its };
}

struct gicplan_input_options input_options(const struct cli *c)
{
	return (struct gicplan_input_options){ .gic_version = c->req.gic_version,
					       .spis = c->req.spis,
					       .ipa_bits = c->req.ipa_bits };
}

static int cmd_help(struct cli *c);

/* The commands: what each takes, and its help. */
static const struct command {
	const char *name;
	int (*run)(struct cli *c);
	unsigned allowed;        /* OPT_BIT()s it takes besides OPTS_COMMON */
	int args_min, args_max;  /* positional arguments it takes */
	const char *arg_names;   /* what they are, for "needs ..." */
	const char *synopsis;    /* its usage, after "gicplan " */
	const char *summary;     /* its line in the global help */
	const char *description;
	const char *exit_codes;  /* "CODE  meaning" lines */
} commands[CMDS] = {
	[CMD_PLAN] = {
		"plan", cmd_plan,
		OPTS_REQUEST | OPTS_VERIFY | OPTS_REPORT | OPT_BIT(OPT_OUT) | OPT_BIT(OPT_PLAN) |
			OPT_BIT(OPT_COMPAT_WITH) | OPT_BIT(OPT_QUIET) | OPT_BIT(OPT_ACPI) |
			OPT_BIT(OPT_ACPI_VERSION) | OPT_BIT(OPT_BOOT_CPUS),
		0, 0, "", "[plan] --cpus N [options]",
		"place a machine's GIC, verify its tree, write it (the default)",
		"Places the GICv3/v4 distributor, ITS and one redistributor per vCPU of a\n"
		"machine of N vCPUs on a platform, builds its device tree, and verifies the\n"
		"tree, parsed back from its bytes, against the GIC emulator. The tree and the\n"
		"plan are written only when every check passes (and, with --compat-with, the\n"
		"audit against OLD finds nothing that breaks live migration), all or none.\n"
		"The text report ends with one line naming what was written, with its size\n"
		"in bytes, and the verdict, or why nothing was written.\n",
		"  0  verified, and the files asked for written\n"
		"  1  a check failed, or the plan breaks migration from OLD: nothing written\n"
		"  2  usage or input error\n"
		"  3  no placement holds the request\n",
	},
	[CMD_VERIFY] = {
		"verify", cmd_verify,
		OPTS_TREE | OPTS_VERIFY | OPTS_REPORT | OPT_BIT(OPT_QUIET) | OPT_BIT(OPT_QEMU_MACHINE),
		1, 1, "FILE.dtb|FILE.json|ACPI", "verify [options] FILE.dtb|FILE.json|ACPI",
		"run the GIC emulator against a tree (any VMM's), a plan or ACPI",
		"Builds the GIC a VMM sets up for the tree (or exactly the plan's), walks\n"
		"every redistributor region as Linux does and drives SPIs, SGIs and PPIs\n"
		"through it, then reports each named check. A FILE of - is standard input.\n"
		"ACPI is a table file (apic.dat, known by its signature) or a folder of\n"
		"them (acpidump -b's): the MADT's GICs and GICCs are proven the same way,\n"
		"as Linux's ACPI path finds them, with the acpi-* checks besides.\n",
		"  0  every check passed (warnings allowed)\n"
		"  1  a check failed, or warned with --strict\n"
		"  2  usage or input error\n",
	},
	[CMD_EMU] = {
		"emu", cmd_emu, OPTS_TREE | OPT_BIT(OPT_PROFILE) | OPT_BIT(OPT_QEMU_MACHINE), 1, 1,
		"FILE.dtb|FILE.json",
		"emu [options] FILE.dtb|FILE.json",
		"an MMIO console (qtest protocol) on a tree's or plan's GIC",
		"Reads commands from standard input (readl ADDR, writeq ADDR VALUE and the\n"
		"rest of QEMU's qtest protocol, plus sysreg_read, sysreg_write, irq_set,\n"
		"irq_signalled and redist_base) and answers each on standard output.\n",
		"  0  the commands ended\n"
		"  1  the VGIC the file describes does not build\n"
		"  2  usage or input error, or reading commands or writing answers failed\n",
	},
	[CMD_AUDIT] = {
		"audit", cmd_audit,
		OPTS_TREE | OPTS_REPORT | OPT_BIT(OPT_QUIET) | OPT_BIT(OPT_PROFILE) |
			OPT_BIT(OPT_ONE_WAY) | OPT_BIT(OPT_IDENTICAL) | OPT_BIT(OPT_VMM),
		2, 2, "OLD and NEW (trees or plans)", "audit [options] OLD NEW",
		"whether a guest running on OLD can move to NEW (trees or plans)",
		"Compares two plans or trees, in any mix, on everything a guest sees: the\n"
		"registers it reads from the GIC (both sides emulated), the tree's GIC,\n"
		"vCPUs, RAM and devices, and every property of every enabled node. Each\n"
		"difference says which directions it breaks (old->new, new->old) and why.\n"
		"Three modes: by default, can a guest booted on OLD move to NEW and come\n"
		"back (rollback)? --one-way asks OLD -> NEW only; --identical fails on any\n"
		"difference. Added vCPUs follow --vmm's rule, strict when none is given.\n",
		"  0  the mode asked holds: no difference breaks it\n"
		"  1  a difference breaks it (for --identical: any difference)\n"
		"  2  usage or input error\n",
	},
	[CMD_TIERS] = {
		"tiers", cmd_tiers,
		OPT_BIT(OPT_PLATFORM) | OPT_BIT(OPT_GIC_VERSION) | OPT_BIT(OPT_IPA_BITS) |
			OPT_BIT(OPT_ITS) | OPT_BIT(OPT_NO_ITS) | OPTS_REPORT,
		0, 0, "", "tiers [options]",
		"a platform's placements, the vCPU counts each is for",
		"Lists, for each GIC version the platform offers, its placements in the\n"
		"order they are tried, the vCPU counts each is chosen for, what limits it,\n"
		"and what moves when a vCPU count crosses from one to the next.\n",
		"  0  listed\n"
		"  2  usage or input error (a bad platform file, a GIC version it lacks)\n",
	},
	[CMD_PLATFORMS] = {
		"platforms", cmd_platforms, OPTS_REPORT, 0, 0, "", "platforms [options]",
		"the bundled platforms and the most vCPUs each holds",
		"Lists the bundled platforms (the layout files of the first layouts\n"
		"directory that has any), the most vCPUs each holds with each GIC version,\n"
		"and their placements.\n",
		"  0  listed\n"
		"  2  no bundled platform found, or a bundled layout file is bad\n",
	},
	[CMD_LIMITS] = {
		"limits", cmd_limits,
		OPT_BIT(OPT_PLATFORM) | OPT_BIT(OPT_GIC_VERSION) | OPT_BIT(OPT_IPA_BITS) |
			OPT_BIT(OPT_ITS) | OPT_BIT(OPT_NO_ITS) | OPTS_REPORT,
		0, 0, "", "limits [options]",
		"every wall a growing vCPU count meets, and where",
		"Lists the walls a platform's vCPU count runs into besides its placements:\n"
		"what each is, its value, who imposes it (the architecture, KVM, Linux,\n"
		"QEMU, the VMM, the platform), the vCPU count at which this platform meets\n"
		"it (n/a: not a wall of this platform; never: no count meets it), and where\n"
		"it was read (repository, path, symbol, commit). Sorted by that count; *\n"
		"marks the first this platform meets.\n",
		"  0  listed\n"
		"  2  usage or input error (a bad platform file, a GIC version it lacks)\n",
	},
	[CMD_MAP] = {
		"map", cmd_map, OPTS_REQUEST | OPT_BIT(OPT_SVG) | OPT_BIT(OPT_TIERS), 0, 1,
		"at most one PLAN.json", "map [options] [PLAN.json]",
		"the guest physical map as text, and as SVG with --svg",
		"Draws the plan's guest physical memory map, planned from the request as\n"
		"plan does (without verifying it) or read from a plan file: one row per\n"
		"region or free gap in address order, exact base and size, a bar on a log\n"
		"scale, the GIC's share and the free space; it fits 100 columns. --svg FILE\n"
		"draws the same as SVG. --tiers puts every placement of a platform side by\n"
		"side and marks with * what moves at each crossing.\n",
		"  0  drawn\n"
		"  2  usage or input error (a device tree instead of a plan, a bad --svg)\n"
		"  3  no placement holds the request\n",
	},
	[CMD_HELP] = {
		"help", cmd_help, 0, 0, 1, "at most one COMMAND", "help [COMMAND]",
		"this help, or COMMAND's usage, options and exit codes",
		"Prints the usage of gicplan, or of COMMAND with the options it takes and\n"
		"its exit codes, on standard output; gicplan COMMAND --help does the same.\n",
		"  0  printed\n"
		"  2  no such command\n",
	},
};

/* Where option help texts start; longer names and values put them on the next line. */
#define HELP_TEXT_COLUMN 28

/* Option @o's help line(s) for command @cmd: names and value, then its text. */
static void print_option(FILE *out, const struct option_spec *o, unsigned cmd)
{
	const char *help = o->help, *value = o->value;
	int width;

	for (size_t i = 0; i < COUNT_OF(option_notes); i++)
		if (option_notes[i].id == o->id && (option_notes[i].commands & CMD_BIT(cmd))) {
			help = option_notes[i].help;
			if (option_notes[i].value != NULL)
				value = option_notes[i].value;
		}
	if (o->short_name)
		width = fprintf(out, "  -%c, --%s", o->short_name, o->name);
	else
		width = fprintf(out, "      --%s", o->name);
	if (value != NULL)
		width += fprintf(out, " %s", value);
	if (width >= HELP_TEXT_COLUMN - 1) {
		fputc('\n', out);
		width = 0;
	}
	fprintf(out, "%*s", HELP_TEXT_COLUMN - width, "");
	for (const char *p = help; *p; p++) {
		fputc(*p, out);
		if (*p == '\n')
			fprintf(out, "%*s", HELP_TEXT_COLUMN, "");
	}
	fputc('\n', out);
}

/* Every option of @allowed, in option_specs' order, as command @cmd reads it. */
static void print_options(FILE *out, unsigned allowed, unsigned cmd)
{
	for (size_t i = 0; i < COUNT_OF(option_specs); i++)
		if (allowed & OPT_BIT(option_specs[i].id))
			print_option(out, &option_specs[i], cmd);
}

static void print_global_help(FILE *out)
{
	fputs("usage: gicplan [plan] --cpus N [options]\n"
	      "       gicplan COMMAND [options] [FILE...]\n"
	      "       gicplan help [COMMAND]\n"
	      "\n"
	      "Picks where a virtual ARM machine's GICv3/v4 distributor, ITS and one\n"
	      "redistributor per vCPU go in guest memory, from max_cpus and a platform,\n"
	      "writes the device tree a guest boots from, and proves it with an emulated\n"
	      "GIC walked and driven as a Linux guest does.\n"
	      "\n"
	      "commands:\n", out);
	for (unsigned i = 0; i < CMDS; i++) {
		fprintf(out, "  %-10s ", commands[i].name);
		for (const char *p = commands[i].summary; *p; p++) {
			fputc(*p, out);
			if (*p == '\n')
				fprintf(out, "  %-10s ", "");
		}
		fputc('\n', out);
	}
	fputs("\noptions every command takes:\n", out);
	print_options(out, OPTS_COMMON, CMD_HELP);
	fputs("\n"
	      "gicplan help COMMAND (or gicplan COMMAND --help) lists the options a command\n"
	      "takes and its exit codes; man gicplan describes them all.\n"
	      "\n"
	      "exit codes: 0 fine, 1 a check failed, 2 usage or input error,\n"
	      "            3 no placement holds the request\n", out);
}

static void print_command_help(FILE *out, unsigned cmd)
{
	const struct command *k = &commands[cmd];

	fprintf(out, "usage: gicplan %s\n\n%s\noptions:\n", k->synopsis, k->description);
	print_options(out, k->allowed | OPTS_COMMON, cmd);
	fprintf(out, "\nexit codes:\n%s", k->exit_codes);
}

static int cmd_help(struct cli *c)
{
	if (c->nargs == 0) {
		print_global_help(stdout);
		return CLI_EXIT_OK;
	}
	for (unsigned i = 0; i < CMDS; i++) {
		if (strcmp(c->args[0], commands[i].name) == 0) {
			print_command_help(stdout, i);
			return CLI_EXIT_OK;
		}
	}
	return usage_error("help: \"%s\" is not a command", c->args[0]);
}

int gp_cli_main(int argc, char **argv)
{
	struct cli c = { .platform = GICPLAN_DEFAULT_PLATFORM,
			 .verify = { .profile = GICPLAN_PROFILE_ARCH },
			 .acpi = { .version = GICPLAN_ACPI_6_0 } };
	const struct command *k;
	unsigned cmd = CMD_PLAN;
	bool named = false;
	int rc;

	gicplan_request_init(&c.req);
	optind = 1;
	error_report.format = format_of_argv(argc, argv);
	error_report.command = commands[0].name;
	if (argc > 1 && argv[1][0] != '-') {
		for (cmd = 0; cmd < CMDS; cmd++)
			if (strcmp(argv[1], commands[cmd].name) == 0)
				break;
		if (cmd == CMDS)
			return usage_error("unknown command \"%s\"", argv[1]);
		named = true;
		error_report.command = commands[cmd].name;
		optind = 2;
	}
	k = &commands[cmd];
	/* A command without reports reports its errors as text only. */
	if (!(k->allowed & OPTS_REPORT))
		error_report.format = FORMAT_TEXT;
	c.allowed = k->allowed | OPTS_COMMON;
	rc = parse_options(argc, argv, &c);
	if (rc < 0)
		return CLI_EXIT_USAGE;
	if (c.version) {
		printf("gicplan %s\n", gicplan_version());
		return CLI_EXIT_OK;
	}
	if (c.help) {
		/* No command named: the plan options are among gicplan's, not its only ones. */
		if (named)
			print_command_help(stdout, cmd);
		else
			print_global_help(stdout);
		return CLI_EXIT_OK;
	}
	if (c.verify.qemu_machine != NULL && c.verify.profile != GICPLAN_PROFILE_QEMU)
		return usage_error("%s", "--qemu-machine: only with --profile qemu");
	if (c.nargs > k->args_max) {
		if (k->args_max == 0)
			return usage_error("%s takes no argument \"%s\"", k->name, c.args[0]);
		return usage_error("%s takes %s, not \"%s\" too", k->name, k->arg_names,
				   c.args[k->args_max]);
	}
	if (c.nargs < k->args_min)
		return usage_error("%s needs %s", k->name, k->arg_names);
	return k->run(&c);
}
