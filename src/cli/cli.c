/* SPDX-License-Identifier: MIT */
#include "cli.h"

#include "acpi_prove.h"
#include "acpi_read.h"
#include "acpi_write.h"
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
#include "junit.h"
#include "layout.h"
#include "walls.h"
#include "map.h"
#include "plan_json.h"
#include "planner.h"
#include "platform.h"
#include "render_audit.h"
#include "render_verify.h"
#include "report.h"
#include "reproduce.h"
#include "tiers.h"
#include "units.h"
#include "verify.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

enum format { FORMAT_TEXT, FORMAT_JSON, FORMAT_JUNIT };

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
#define ARGS_MAX 2

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

struct cli {
	struct gp_request req;
	const char *platform;
	const char *out;
	const char *plan_out;
	const char *compat_with;
	const char *acpi_dir;      /* plan --acpi */
	struct gp_acpi_options acpi;
	bool acpi_version_set;
	const char *svg;           /* map --svg */
	bool map_tiers;            /* map --tiers */
	enum format format;
	bool cpus_set;
	bool quiet;                /* -q: no report on standard output */
	bool help;                 /* -h: print the command's help instead */
	bool version;              /* -V: print the version instead */
	enum gp_audit_mode audit_mode; /* audit --one-way, --identical */
	enum gp_gic_state_rule vmm;    /* audit --vmm */
	struct gp_verify_options verify;
	unsigned allowed;          /* OPT_BIT()s the command takes */
	const char *args[ARGS_MAX];
	int nargs;
	struct gp_error err;
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
	size_t len;
	char *text;
	json_t *root;

	if (error_report.format == FORMAT_JUNIT && gp_junit_error(error_report.command, exit_code,
								  msg, &s) == 0) {
		gp_junit_write(stdout, &s, 1);
		gp_junit_free(&s);
	} else if (error_report.format == FORMAT_JSON) {
		root = gp_report_error_json(exit_code, msg);
		text = gp_json_dump(root, &len);
		if (text != NULL)
			fwrite(text, 1, len, stdout);
		free(text);
		json_decref(root);
	}
}

static int __attribute__((format(printf, 1, 2))) usage_error(const char *fmt, ...)
{
	char msg[GP_ERROR_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	fprintf(stderr, "gicplan: %s (see gicplan --help)\n", msg);
	print_error_report(GP_EXIT_USAGE, msg);
	return GP_EXIT_USAGE;
}

static int report_error(const struct gp_error *err)
{
	fprintf(stderr, "gicplan: %s\n", err->msg);
	print_error_report(err->exit_code, err->msg);
	return err->exit_code;
}

/* @arg of option @opt as a decimal @what from @min to @max: the range accepted, in the error. */
static int parse_number(const char *opt, const char *arg, const char *what, uint64_t min,
			uint64_t max, uint64_t *out)
{
	if (gp_parse_uint(arg, max, out) != 0 || *out < min) {
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
			if (parse_number("--ipa-bits", optarg, "an IPA size in bits", GP_IPA_BITS_MIN,
					 GP_IPA_BITS_MAX, &v) < 0)
				return -1;
			c->req.ipa_bits = (unsigned)v;
			break;
		case OPT_SPIS:
			if (gp_parse_uint(optarg, GP_SPIS_MAX, &v) != 0 || !gp_spis_valid((uint32_t)v))
				return usage_error("--spis: \"%s\" is not an SPI count a GIC "
						   "implements: a multiple of %u from %u to %u, or %u",
						   optarg, GP_SPI_GRANULE, GP_SPI_GRANULE,
						   GP_SPIS_PLAN_MAX, GP_SPIS_MAX), -1;
			c->req.spis = (uint32_t)v;
			break;
		case OPT_RAM:
			if (gp_parse_u64(optarg, &v) != 0 || v == 0 || !gp_aligned(v, GP_MiB))
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
		case OPT_QUIET:
			c->quiet = true;
			break;
		case OPT_QEMU_MACHINE:
			if (!gp_qemu_machine_parse(optarg, &c->verify.qemu_machine))
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
			c->acpi_dir = optarg;
			break;
		case OPT_ACPI_VERSION:
			if (gp_acpi_version_parse(optarg, &c->acpi.version) < 0)
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
			if (c->audit_mode != GP_AUDIT_ROLLBACK)
				return usage_error("%s", "--one-way and --identical are two modes: give "
						   "one"), -1;
			c->audit_mode = opt == OPT_ONE_WAY ? GP_AUDIT_ONE_WAY : GP_AUDIT_IDENTICAL;
			break;
		case OPT_VMM:
			if (strcmp(optarg, "qemu") == 0)
				c->vmm = GP_GIC_STATE_VCPU_COUNT;
			else if (strcmp(optarg, "generic") == 0)
				c->vmm = GP_GIC_STATE_MAX_CPUS;
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

static void print_json(const json_t *root)
{
	size_t len;
	char *text = gp_json_dump(root, &len);

	if (text != NULL)
		fwrite(text, 1, len, stdout);
	free(text);
}

/* The checks, in the report's form: JSON members or text after the plan (JUnit: suites). */
static void report_checks(const struct cli *c, const struct gp_verify_result *r, json_t *root)
{
	if (c->format == FORMAT_JSON) {
		json_object_set_new(root, "checks", gp_verify_json(r));
		json_object_set_new(root, "verify", gp_verify_coverage_json(r));
	} else if (c->format == FORMAT_TEXT) {
		gp_verify_text(stdout, r);
	}
}

/* "N things" or "1 thing". */
static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/*
 * The last line of plan's text report: what was written, with its size in
 * bytes, and the verdict it rests on; or why nothing was written.
 */
static void plan_closing_line(const struct cli *c, const struct gp_verify_result *vr,
			      const struct gp_audit *audit, size_t tree_len, size_t plan_len,
			      const struct gp_acpi_tables *acpi)
{
	size_t count[GP_CHECK_SKIP + 1] = { 0 }, breaking = 0;
	char verdict[128];
	int n;

	for (int i = 0; i < GP_CHECKS; i++)
		count[vr->checks[i].status]++;
	for (size_t i = 0; i < audit->n; i++)
		breaking += audit->diffs[i].verdict == GP_VERDICT_BREAKS;
	if (vr->failed) {
		if (count[GP_CHECK_FAIL] > 0)
			printf("nothing written: verification failed (%zu %s)\n", count[GP_CHECK_FAIL],
			       plural(count[GP_CHECK_FAIL], "check fails", "checks fail"));
		else
			printf("nothing written: verification failed (%zu %s, --strict)\n",
			       count[GP_CHECK_WARN], plural(count[GP_CHECK_WARN], "warning", "warnings"));
		return;
	}
	if (audit->breaks) {
		printf("nothing written: the plan breaks migration from %s (%zu %s)\n",
		       c->compat_with, breaking, plural(breaking, "difference", "differences"));
		return;
	}
	n = snprintf(verdict, sizeof(verdict), "verified: %zu %s pass", count[GP_CHECK_PASS],
		     plural(count[GP_CHECK_PASS], "check", "checks"));
	if (count[GP_CHECK_WARN] > 0)
		n += snprintf(verdict + n, sizeof(verdict) - (size_t)n, ", %zu %s",
			      count[GP_CHECK_WARN], plural(count[GP_CHECK_WARN], "warning", "warnings"));
	if (count[GP_CHECK_SKIP] > 0)
		n += snprintf(verdict + n, sizeof(verdict) - (size_t)n, ", %zu skipped",
			      count[GP_CHECK_SKIP]);
	if (c->compat_with != NULL)
		snprintf(verdict + n, sizeof(verdict) - (size_t)n, "; keeps the ABI of %s",
			 c->compat_with);
	if (c->out == NULL && c->plan_out == NULL && acpi == NULL) {
		printf("%s; nothing written (no --out or --plan)\n", verdict);
		return;
	}
	printf("wrote ");
	if (c->out != NULL)
		printf("%s (%zu bytes)%s", c->out, tree_len,
		       c->plan_out != NULL || acpi != NULL ? ", " : "");
	if (c->plan_out != NULL)
		printf("%s (%zu bytes)%s", c->plan_out, plan_len, acpi != NULL ? ", " : "");
	for (unsigned i = 0; acpi != NULL && i < acpi->n; i++)
		printf("%s/%s (%zu bytes)%s", c->acpi_dir, acpi->t[i].file, acpi->t[i].len,
		       i + 1 < acpi->n ? ", " : "");
	printf("; %s\n", verdict);
}

/* Up to three JUnit suites (@n of @s: a plan's, the checks', an audit's) on stdout. */
static int print_junit(struct cli *c, struct gp_junit_suite *s, size_t n, int built)
{
	if (built < 0)
		gp_fail(&c->err, GP_EXIT_USAGE, "out of memory");
	else
		gp_junit_write(stdout, s, n);
	for (size_t i = 0; i < n; i++)
		gp_junit_free(&s[i]);
	return built;
}

/* Whether the tree or the plan goes to standard output ("-", /dev/stdout, ...). */
static bool streams_to_stdout(const struct cli *c)
{
	return (c->out != NULL && gp_same_file(c->out, "-")) ||
	       (c->plan_out != NULL && gp_same_file(c->plan_out, "-"));
}

/* What @in assumed (its version note and assumptions), into @r after gp_verify. */
static void take_assumptions(const struct gp_input *in, struct gp_verify_result *r)
{
	snprintf(r->version_note, sizeof(r->version_note), "%s", in->version_note);
	r->nr_assumptions = in->nr_assumptions;
	memcpy(r->assumptions, in->assumptions, sizeof(r->assumptions));
}

/*
 * plan --acpi: the tables of @plan into @acpi, placed in DIR (an existing
 * folder), read back and proven against the plan's VGIC as verify proves
 * tables: a check they fail is an error (exit 1), and nothing is written.
 */
static int plan_acpi(struct cli *c, const struct gp_plan *plan, struct gp_acpi_tables *acpi)
{
	if (gp_acpi_write(plan, &c->acpi, acpi, &c->err) < 0 ||
	    gp_acpi_place(c->acpi_dir, acpi, &c->err) < 0)
		return -1;
	return gp_acpi_prove(plan, acpi, &c->verify, &c->err);
}

static int cmd_plan(struct cli *c)
{
	struct gp_platform *p = malloc(sizeof(*p));
	struct gp_plan *plan = malloc(sizeof(*plan));
	struct gp_verify_result *vr = malloc(sizeof(*vr));
	struct gp_input in = { 0 }, old = { 0 };
	struct gp_input_options io = { 0 };
	struct gp_audit audit = { 0 };
	struct gp_acpi_tables acpi = { 0 };
	json_t *report = NULL;
	void *blob = NULL;
	char *plan_text = NULL;
	size_t blob_len = 0, plan_len = 0;
	int rc = GP_EXIT_OK;

	if (p == NULL || plan == NULL || vr == NULL) {
		gp_fail(&c->err, GP_EXIT_USAGE, "out of memory");
		goto out;
	}
	/* A tree or plan streamed to stdout owns it: errors go to stderr alone. */
	if (streams_to_stdout(c))
		error_report.format = FORMAT_TEXT;
	if (!c->cpus_set) {
		rc = usage_error("%s", "--cpus is required");
		goto out;
	}
	if (c->acpi_dir == NULL && (c->acpi_version_set || c->acpi.boot_cpus != 0)) {
		rc = usage_error("%s", "--acpi-version and --boot-cpus shape the tables of --acpi "
				 "DIR: give --acpi");
		goto out;
	}
	/* Two outputs to one file ("-" twice, "-" and /dev/stdout, a link and its file). */
	if (c->out != NULL && c->plan_out != NULL && gp_same_file(c->out, c->plan_out)) {
		if (strcmp(c->out, c->plan_out) == 0)
			rc = usage_error("--out and --plan both name \"%s\"", c->out);
		else
			rc = usage_error("--out \"%s\" and --plan \"%s\" name the same file", c->out,
					 c->plan_out);
		goto out;
	}
	if (gp_platform_load(c->platform, p, &c->err) < 0)
		goto out;
	if (c->compat_with != NULL) {
		/* A tree as OLD: what it does not say is taken from the request. */
		struct gp_input_options oo = { .gic_version = c->req.gic_version,
					       .spis = c->req.spis };

		if (gp_input_load(c->compat_with, &oo, &old, &c->err) < 0 ||
		    gp_plan_reproduce(p, &c->req, &old, plan, &c->err) < 0 ||
		    gp_plan_compat(p, &c->req, old.path, plan, &c->err) < 0)
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
	take_assumptions(&in, vr);
	/*
	 * A plan that keeps OLD's ABI must say so by the same audit a user would
	 * run: one way (OLD's guest moves up), added vCPUs by the platform's rule.
	 */
	if (c->compat_with != NULL) {
		char from[GP_NAME_MAX + 16];

		snprintf(from, sizeof(from), "platform %s", p->name);
		if (gp_audit_with(&old, &in, &(struct gp_audit_options){ GP_AUDIT_ONE_WAY,
									 GIC_PROFILE_ARCH,
									 p->gic_state, from },
				  &audit, &c->err) < 0)
			goto out;
	}
	if (c->plan_out != NULL) {
		json_t *root = gp_plan_to_json(plan);

		plan_text = gp_json_dump(root, &plan_len);
		json_decref(root);
		if (plan_text == NULL) {
			gp_fail(&c->err, GP_EXIT_USAGE, "out of memory");
			goto out;
		}
	}
	/* The ACPI tables of a plan whose tree passed, proven as a guest's ACPI path reads them. */
	if (c->acpi_dir != NULL && !vr->failed && !audit.breaks && plan_acpi(c, plan, &acpi) < 0)
		goto out;
	/* A tree that fails its proof is not handed out. */
	if (!vr->failed && !audit.breaks) {
		struct gp_output outs[2 + GP_ACPI_TABLES_MAX] = {
			{ c->out, in.blob, in.blob_len }, { c->plan_out, plan_text, plan_len }
		};

		for (unsigned i = 0; i < acpi.n; i++)
			outs[2 + i] = (struct gp_output){ acpi.t[i].path, acpi.t[i].data,
							  acpi.t[i].len };
		if (gp_write_outputs(outs, 2 + acpi.n, &c->err) < 0)
			goto out;
		/* A tree or plan streamed to standard output is the output: no report after it. */
		if (streams_to_stdout(c))
			goto out;
	}
	if (c->quiet)
		goto verdict;
	if (c->format == FORMAT_JSON) {
		report = gp_report_json(plan, vr->failed || audit.breaks ? GP_RESULT_FAIL
									 : GP_RESULT_PASS);
		report_checks(c, vr, report);
		if (c->compat_with != NULL)
			json_object_set_new(report, "audit",
					    json_pack("{s:s,s:b,s:o}", "old", c->compat_with,
						      "compatible", !audit.breaks, "diffs",
						      gp_audit_json(&audit)));
		print_json(report);
	} else if (c->format == FORMAT_JUNIT) {
		struct gp_junit_suite s[3] = { 0 };
		size_t n = c->compat_with != NULL ? 3 : 2;
		int built = gp_junit_plan(plan, &s[0]) < 0 ||
					    gp_junit_verify(vr, NULL, c->out, c->verify.strict, &s[1]) < 0 ||
					    (n == 3 && gp_junit_audit(&audit, c->compat_with, "the plan",
								      &s[2]) < 0)
				    ? -1
				    : 0;

		if (print_junit(c, s, n, built) < 0)
			goto out;
	} else {
		gp_report_text(stdout, plan);
		report_checks(c, vr, NULL);
		if (c->compat_with != NULL) {
			printf("\naudit against %s: %zu differences, %s\n", c->compat_with, audit.n,
			       audit.breaks ? "some break live migration" : "none breaks live migration");
			gp_audit_text(stdout, &audit);
		}
		plan_closing_line(c, vr, &audit, in.blob_len, plan_len,
				  c->acpi_dir != NULL ? &acpi : NULL);
	}
verdict:
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
	gp_acpi_tables_free(&acpi);
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
	take_assumptions(&in, vr);
	/* ACPI tables: their own checks too. */
	if (in.acpi != NULL && in.acpi->failed)
		vr->failed = true;
	if (c->quiet)
		goto verdict;
	if (c->format == FORMAT_JSON) {
		json_t *root = gp_report_envelope(GP_FORMAT_VERIFY,
						  vr->failed ? GP_RESULT_FAIL : GP_RESULT_PASS);

		json_object_set_new(root, "file", json_string(c->args[0]));
		json_object_set_new(root, "plan", json_boolean(in.is_plan));
		json_object_set_new(root, "cpus", json_integer((json_int_t)in.m.nr_cpus));
		json_object_set_new(root, "redist_region_count", json_integer(in.m.nr_redist));
		json_object_set_new(root, "ipa_bits", json_integer(in.ipa_bits));
		report_checks(c, vr, root);
		if (in.acpi != NULL)
			gp_acpi_checks_json(json_object_get(root, "checks"), in.acpi);
		print_json(root);
		json_decref(root);
	} else if (c->format == FORMAT_JUNIT) {
		struct gp_junit_suite s = { 0 };

		if (print_junit(c, &s, 1, gp_junit_verify(vr, in.acpi, c->args[0], c->verify.strict, &s)) < 0)
			goto out;
	} else {
		printf("%s: %s, %" PRIu64 " cpus, %" PRIu32 " redistributor region%s, %u-bit IPA\n",
		       c->args[0], in.is_plan ? "plan" : in.acpi != NULL ? "ACPI tables" : "device tree",
		       in.m.nr_cpus, in.m.nr_redist, in.m.nr_redist == 1 ? "" : "s", in.ipa_bits);
		report_checks(c, vr, NULL);
		if (in.acpi != NULL)
			gp_acpi_checks_text(stdout, in.acpi);
		printf("%s\n", vr->failed ? "FAIL" : "PASS");
	}
verdict:
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
	struct gp_audit_options ao = { c->audit_mode, c->verify.profile, c->vmm,
				       c->vmm == GP_GIC_STATE_VCPU_COUNT ? "--vmm qemu"
									: "--vmm generic" };
	static const char *const verdicts[][2] = {
		[GP_AUDIT_ROLLBACK] = { "COMPATIBLE: a guest from OLD can move to NEW and back",
					"INCOMPATIBLE: a guest from OLD cannot move to NEW and back" },
		[GP_AUDIT_ONE_WAY] = { "COMPATIBLE: NEW can receive a guest from OLD",
				       "INCOMPATIBLE: a guest running on OLD cannot move to NEW" },
		[GP_AUDIT_IDENTICAL] = { "IDENTICAL: a guest sees no difference",
					 "DIFFERENT: a guest can see a difference" },
	};
	int rc = GP_EXIT_OK;
	size_t breaking = 0;

	memset(&old, 0, sizeof(old));
	memset(&new, 0, sizeof(new));
	if (gp_input_load(c->args[0], &io, &old, &c->err) < 0 ||
	    gp_input_load(c->args[1], &io, &new, &c->err) < 0 ||
	    gp_input_pair(&old, &new, &io, &c->err) < 0 ||
	    gp_audit_with(&old, &new, &ao, &a, &c->err) < 0)
		goto out;
	for (size_t i = 0; i < a.n; i++)
		breaking += a.diffs[i].verdict == GP_VERDICT_BREAKS;
	if (c->quiet)
		goto verdict;
	if (c->format == FORMAT_JSON) {
		json_t *root = gp_report_envelope(GP_FORMAT_AUDIT, a.breaks ? GP_RESULT_INCOMPATIBLE
									    : GP_RESULT_COMPATIBLE);
		json_t *body = json_pack("{s:s,s:s,s:s,s:s,s:b,s:I,s:I,s:I,s:o}", "old", c->args[0],
					 "new", c->args[1], "mode", gp_audit_mode_name(a.mode),
					 "vcpu_rule", a.vmm_rule, "compatible", !a.breaks, "compared",
					 (json_int_t)a.compared, "differences", (json_int_t)a.n,
					 "breaking", (json_int_t)breaking, "diffs",
					 gp_audit_json(&a));

		json_object_update(root, body);
		json_decref(body);
		print_json(root);
		json_decref(root);
	} else if (c->format == FORMAT_JUNIT) {
		struct gp_junit_suite s = { 0 };

		if (print_junit(c, &s, 1, gp_junit_audit(&a, c->args[0], c->args[1], &s)) < 0)
			goto out;
	} else {
		printf("audit %s -> %s (%s): %" PRIu64 " values compared, %zu differ, %zu break "
		       "it\n", c->args[0], c->args[1], gp_audit_mode_name(a.mode), a.compared, a.n,
		       breaking);
		gp_audit_text(stdout, &a);
		printf("%s\n", verdicts[a.mode][a.breaks]);
	}
verdict:
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

/* The console's reads as a guest of the VMM sees them (gp_vgic_mmio_read). */
static int vgic_read(void *ctx, struct gic *g, uint64_t addr, unsigned size, uint64_t *val)
{
	return gp_vgic_mmio_read(ctx, g, addr, size, val);
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
	if (gp_console_run(&(struct gp_console){ g, vgic_read, &in.v }, stdin, stdout, stderr) < 0)
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
	gp_tier_range(p, i, fit, lo, hi);
}

static int cmd_tiers(struct cli *c)
{
	struct gp_platform *p = malloc(sizeof(*p));
	struct gp_tier *tiers = calloc(GP_PLACEMENTS_MAX, sizeof(*tiers));
	json_t *root = gp_report_envelope(GP_FORMAT_TIERS, GP_RESULT_OK), *versions = json_array();
	unsigned ipa;
	bool its;
	int rc = GP_EXIT_OK;

	if (c->format == FORMAT_JUNIT) {
		rc = usage_error("--format junit: tiers checks nothing (text or json)");
		goto out;
	}
	if (p == NULL || tiers == NULL) {
		gp_fail(&c->err, GP_EXIT_USAGE, "out of memory");
		goto out;
	}
	if (gp_platform_load(c->platform, p, &c->err) < 0)
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
		/* The request `gicplan --cpus N` would make with these options, N at each crossing. */
		struct gp_request req = { .gic_version = v, .its = its, .ipa_bits = ipa,
					  .virtualization = v == 4 && p->v4_needs_virtualization ? 1
												  : -1 };
		json_t *list;
		char size[32];

		if (!(p->gic_versions & (1u << v)) || (c->req.gic_version && c->req.gic_version != v))
			continue;
		if (gp_tiers(p, &req, tiers, &c->err) < 0)
			goto out;
		list = json_array();
		if (c->format == FORMAT_TEXT)
			printf("\nGICv%u (%s redistributors)\n", v,
			       gp_size_str(size, sizeof(size), gp_redist_size(v)));
		for (uint32_t i = 0; i < p->nr_placements; i++) {
			const struct gp_tier *t = &tiers[i];
			bool chosen = t->hi >= t->lo;
			json_t *j = json_pack("{s:s,s:I,s:I,s:I,s:b,s:s}", "name", t->pl->name,
					      "capacity", (json_int_t)t->capacity, "min_cpus",
					      (json_int_t)t->lo, "max_cpus", (json_int_t)t->hi,
					      "chosen", chosen, "summary", t->pl->summary);

			if (t->limit[0])
				json_object_set_new(j, "limit", json_string(t->limit));
			if (t->crossing)
				json_object_set_new(j, "crossing",
						    json_pack("{s:I,s:I,s:s,s:i,s:o,s:s}", "from_cpus",
							      (json_int_t)(t->lo - 1), "to_cpus",
							      (json_int_t)t->lo, "moves", t->moved,
							      "moved", (int)t->nr_moved,
							      "breaks_migration",
							      t->audited ? json_boolean(t->breaks)
									 : json_null(),
							      "reason", t->reason));
			json_array_append_new(list, j);
			if (c->format != FORMAT_TEXT)
				continue;
			if (chosen)
				printf("  %-10s %10" PRIu64 "..%-10" PRIu64 " %s\n", t->pl->name, t->lo,
				       t->hi, t->pl->summary);
			else
				printf("  %-10s %22s holds %" PRIu64 ": never chosen\n", t->pl->name, "",
				       t->capacity);
			if (t->limit[0])
				printf("  %-10s %22s %s\n", "", "", t->limit);
			if (t->crossing)
				printf("  %-10s %22s crossing %" PRIu64 " -> %" PRIu64 " vCPUs moves %s: "
				       "%s\n  %-10s %22s   because %s\n", "", "", t->lo - 1, t->lo,
				       t->moved[0] ? t->moved : "nothing",
				       !t->audited ? "not audited"
				       : t->breaks ? "breaks migration" : "compatible",
				       "", "", t->reason);
		}
		json_array_append_new(versions, json_pack("{s:i,s:o,s:o}", "gic_version", (int)v,
							  "redist_size",
							  gp_json_hex(gp_redist_size(v)), "tiers",
							  list));
	}
	if (c->format == FORMAT_TEXT && p->max_cpus)
		printf("\nthe platform caps vCPUs at %" PRIu64 "\n", p->max_cpus);
	if (c->format == FORMAT_TEXT)
		printf("\nwalls besides the placements (KVM, Linux, the VMM): gicplan limits "
		       "--platform %s\n", p->name);
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
	free(tiers);
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

	if (c->format == FORMAT_JUNIT) {
		rc = usage_error("--format junit: platforms checks nothing (text or json)");
		goto out;
	}
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
	if (!gp_failed(&c->err) && c->format == FORMAT_TEXT)
		printf("\nother walls of each platform (KVM, Linux, the VMM): gicplan limits "
		       "--platform NAME\n");
	if (!gp_failed(&c->err) && c->format == FORMAT_JSON) {
		json_t *root = gp_report_envelope(GP_FORMAT_PLATFORMS, GP_RESULT_OK);

		json_object_set(root, "platforms", list);
		print_json(root);
		json_decref(root);
	}
out:
	if (gp_failed(&c->err))
		rc = report_error(&c->err);
	json_decref(list);
	free(p);
	free(names);
	return rc;
}

/* Where limits' text puts a wall's further lines, and how wide its lines may be. */
#define LIMITS_INDENT 13
#define LIMITS_WIDTH 100

/* @text after @lead, folded at spaces into lines of LIMITS_WIDTH indented LIMITS_INDENT. */
static void print_folded(const char *lead, const char *text)
{
	int col = printf("%*s%s", LIMITS_INDENT, "", lead);

	while (*text) {
		size_t word = strcspn(text, " ");

		if (col > LIMITS_INDENT + (int)strlen(lead) &&
		    col + 1 + (int)word > LIMITS_WIDTH) {
			col = printf("\n%*s", LIMITS_INDENT + (int)strlen(lead), "") - 1;
		} else if (col > LIMITS_INDENT + (int)strlen(lead)) {
			col += printf(" ");
		}
		col += printf("%.*s", (int)word, text);
		text += word;
		text += strspn(text, " ");
	}
	putchar('\n');
}

/* Who imposes wall @w, for people. */
static void wall_owner_text(const struct gp_wall *w, char *buf, size_t cap)
{
	static const char *const names[GP_WALL_OWNERS] = {
		[GP_WALL_ARCH] = "the architecture", [GP_WALL_KVM] = "KVM",
		[GP_WALL_LINUX] = "Linux (the guest)", [GP_WALL_QEMU] = "QEMU",
		[GP_WALL_VMM] = "the VMM", [GP_WALL_PLATFORM] = "the platform",
	};

	if (w->vmm != NULL)
		snprintf(buf, cap, "%s (%s)", names[w->owner], w->vmm);
	else
		snprintf(buf, cap, "%s", names[w->owner]);
}

static json_t *wall_json(const struct gp_wall *w)
{
	json_t *j = json_pack("{s:s,s:s,s:s,s:s,s:b,s:o,s:b,s:s,s:{s:s,s:s,s:s,s:o}}", "name",
			      w->name, "what", w->what, "value", w->value, "imposed_by",
			      gp_wall_owner_names[w->owner], "applies", w->applies, "met_at_cpus",
			      w->met ? json_integer((json_int_t)w->met_at) : json_null(), "first",
			      w->first, "note", w->note, "source", "repository",
			      w->source.repository, "path", w->source.path, "symbol",
			      w->source.symbol, "commit",
			      w->source.commit ? json_string(w->source.commit) : json_null());

	if (j != NULL && w->vmm != NULL)
		json_object_set_new(j, "vmm", json_string(w->vmm));
	return j;
}

static void print_wall(const struct gp_wall *w)
{
	char at[24], owner[64], source[GP_TEXT_MAX * 2];

	if (w->met)
		snprintf(at, sizeof(at), "%" PRIu64, w->met_at);
	else
		snprintf(at, sizeof(at), "%s", w->applies ? "never" : "n/a");
	wall_owner_text(w, owner, sizeof(owner));
	printf("%c %9s  %-20s %-34s %s\n", w->first ? '*' : ' ', at, w->name, w->value, owner);
	print_folded("", w->what);
	if (w->note[0])
		print_folded("here: ", w->note);
	snprintf(source, sizeof(source), "%s %s %s%s%s", w->source.repository, w->source.path,
		 w->source.symbol, w->source.commit ? " @" : "", w->source.commit ? w->source.commit : "");
	print_folded("source: ", source);
}

static int cmd_limits(struct cli *c)
{
	struct gp_platform *p = malloc(sizeof(*p));
	struct gp_wall *walls = calloc(GP_WALLS, sizeof(*walls));
	struct gp_limits_target t;
	json_t *root = NULL, *list;
	int first, rc = GP_EXIT_OK;

	if (c->format == FORMAT_JUNIT) {
		rc = usage_error("--format junit: limits checks nothing (text or json)");
		goto out;
	}
	if (p == NULL || walls == NULL) {
		gp_fail(&c->err, GP_EXIT_USAGE, "out of memory");
		goto out;
	}
	if (gp_platform_load(c->platform, p, &c->err) < 0)
		goto out;
	if (c->req.gic_version && !(p->gic_versions & (1u << c->req.gic_version))) {
		gp_fail(&c->err, GP_EXIT_USAGE, "--gic-version: platform '%s' does not offer GICv%u",
			p->name, c->req.gic_version);
		goto out;
	}
	t = (struct gp_limits_target){ c->req.gic_version ? c->req.gic_version
							  : p->default_gic_version,
				       c->req.ipa_bits ? c->req.ipa_bits : p->ipa_bits,
				       c->req.its < 0 ? p->its_default : c->req.its };
	first = gp_limits(p, &t, walls);
	if (c->format == FORMAT_TEXT) {
		printf("platform %s (version %" PRIu32 "): GICv%u, %u-bit IPA, %s\n", p->name,
		       p->version, t.gic_version, t.ipa_bits, t.its ? "with an ITS" : "no ITS");
		if (first >= 0)
			printf("the first wall it meets: %s, at %" PRIu64 " vCPUs (*)\n",
			       walls[first].name, walls[first].met_at);
		printf("\n%c %9s  %-20s %-34s %s\n", ' ', "met at", "wall", "value", "imposed by");
		for (size_t i = 0; i < GP_WALLS; i++)
			print_wall(&walls[i]);
		goto out;
	}
	root = gp_report_envelope(GP_FORMAT_LIMITS, GP_RESULT_OK);
	list = json_array();
	for (size_t i = 0; i < GP_WALLS; i++)
		json_array_append_new(list, wall_json(&walls[i]));
	json_object_set_new(root, "platform", json_string(p->name));
	json_object_set_new(root, "platform_version", json_integer(p->version));
	json_object_set_new(root, "gic_version", json_integer(t.gic_version));
	json_object_set_new(root, "ipa_bits", json_integer(t.ipa_bits));
	json_object_set_new(root, "its", json_boolean(t.its));
	json_object_set_new(root, "first_wall",
			    first >= 0 ? json_string(walls[first].name) : json_null());
	json_object_set_new(root, "walls", list);
	print_json(root);
out:
	if (gp_failed(&c->err))
		rc = report_error(&c->err);
	json_decref(root);
	free(walls);
	free(p);
	return rc;
}

/* The plan map draws: from a plan file, or planned from the request as the plan command does. */
static int map_plan(struct cli *c, struct gp_platform *p, struct gp_plan *plan)
{
	struct gp_input_options io = { 0 };
	struct gp_input in;
	int rc = 0;

	if (c->nargs == 0) {
		if (!c->cpus_set)
			return usage_error("%s", "map: --cpus is required (or a plan file, or --tiers)"),
			       -1;
		if (gp_platform_load(c->platform, p, &c->err) < 0)
			return -1;
		return gp_plan_make(p, &c->req, plan, &c->err);
	}
	if (c->cpus_set || c->req.gic_version || c->req.its >= 0 || c->req.ipa_bits ||
	    c->req.spis || c->req.ram_size || c->req.virtualization >= 0 ||
	    strcmp(c->platform, GP_DEFAULT_PLATFORM) != 0)
		return usage_error("map %s: a plan file holds its request: no plan options with it",
				   c->args[0]), -1;
	if (gp_input_load(c->args[0], &io, &in, &c->err) < 0)
		return -1;
	if (in.is_plan)
		*plan = *in.plan;
	else
		rc = gp_fail(&c->err, GP_EXIT_USAGE, "%s: a device tree, not a plan: map draws plans "
			     "(gicplan --plan FILE.json writes one)", c->args[0]);
	gp_input_free(&in);
	return rc;
}

/* The placements of the platform --tiers draws, with their vCPU ranges as cmd_tiers gives them. */
static int map_tiers(struct cli *c, struct gp_platform *p, struct gp_map_tiers *t)
{
	struct gp_fit fit;

	if (c->nargs != 0 || c->cpus_set || c->req.spis || c->req.ram_size ||
	    c->req.virtualization >= 0)
		return usage_error("%s", "map --tiers draws every placement of a platform: it takes "
				   "--platform, --gic-version, --ipa-bits and --its/--no-its only"), -1;
	if (gp_platform_load(c->platform, p, &c->err) < 0)
		return -1;
	t->platform = p;
	t->gic_version = c->req.gic_version ? c->req.gic_version : p->default_gic_version;
	if (!(p->gic_versions & (1u << t->gic_version)))
		return gp_fail(&c->err, GP_EXIT_USAGE, "--gic-version: platform '%s' does not offer "
			       "GICv%u", p->name, t->gic_version);
	t->ipa_bits = c->req.ipa_bits ? c->req.ipa_bits : p->ipa_bits;
	t->its = c->req.its < 0 ? p->its_default : c->req.its;
	fit = (struct gp_fit){ gp_redist_size(t->gic_version), t->ipa_bits, t->its };
	t->nr_tiers = p->nr_placements;
	for (uint32_t i = 0; i < p->nr_placements; i++) {
		t->tiers[i].placement = &p->placements[i];
		tier_range(p, i, &fit, &t->tiers[i].min_cpus, &t->tiers[i].max_cpus);
		t->tiers[i].capacity = gp_placement_capacity(&p->placements[i], &fit);
	}
	return 0;
}

static int cmd_map(struct cli *c)
{
	struct gp_platform *p = malloc(sizeof(*p));
	struct gp_plan *plan = malloc(sizeof(*plan));
	struct gp_map_tiers *t = calloc(1, sizeof(*t));
	char *svg = NULL;
	size_t svg_len = 0;
	FILE *f;
	int rc = GP_EXIT_OK;

	if (p == NULL || plan == NULL || t == NULL) {
		gp_fail(&c->err, GP_EXIT_USAGE, "out of memory");
		goto out;
	}
	if (c->format != FORMAT_TEXT || c->nargs > 1) {
		rc = usage_error("%s", c->nargs > 1 ? "map takes one plan file at most"
						    : "map draws text, or SVG with --svg: no --format");
		goto out;
	}
	if ((c->map_tiers ? map_tiers(c, p, t) : map_plan(c, p, plan)) < 0) {
		if (!gp_failed(&c->err))
			rc = GP_EXIT_USAGE;
		goto out;
	}
	if (c->svg != NULL) {
		/* Drawn whole in memory first: a failed run writes nothing. */
		struct gp_output o;

		f = open_memstream(&svg, &svg_len);
		if (f == NULL || (c->map_tiers ? gp_map_tiers_svg(f, t) : gp_map_svg(f, plan)) < 0 ||
		    fclose(f) != 0) {
			gp_fail(&c->err, GP_EXIT_USAGE, "--svg %s: out of memory", c->svg);
			goto out;
		}
		o = (struct gp_output){ c->svg, svg, svg_len };
		if (gp_write_outputs(&o, 1, &c->err) < 0 || strcmp(c->svg, "-") == 0)
			goto out;
	}
	if ((c->map_tiers ? gp_map_tiers_text(stdout, t) : gp_map_text(stdout, plan)) < 0)
		gp_fail(&c->err, GP_EXIT_USAGE, "map: out of memory, or standard output failed");
out:
	if (gp_failed(&c->err))
		rc = report_error(&c->err);
	free(svg);
	free(t);
	free(plan);
	free(p);
	return rc;
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
		return GP_EXIT_OK;
	}
	for (unsigned i = 0; i < CMDS; i++) {
		if (strcmp(c->args[0], commands[i].name) == 0) {
			print_command_help(stdout, i);
			return GP_EXIT_OK;
		}
	}
	return usage_error("help: \"%s\" is not a command", c->args[0]);
}

int gp_cli_main(int argc, char **argv)
{
	struct cli c = { .req = { .its = -1, .virtualization = -1 },
			 .platform = GP_DEFAULT_PLATFORM,
			 .verify = { .profile = GIC_PROFILE_ARCH },
			 .acpi = { .version = GP_ACPI_6_0 } };
	const struct command *k;
	unsigned cmd = CMD_PLAN;
	bool named = false;
	int rc;

	gp_error_init(&c.err);
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
		return GP_EXIT_USAGE;
	if (c.version) {
		printf("gicplan %s\n", GICPLAN_VERSION);
		return GP_EXIT_OK;
	}
	if (c.help) {
		/* No command named: the plan options are among gicplan's, not its only ones. */
		if (named)
			print_command_help(stdout, cmd);
		else
			print_global_help(stdout);
		return GP_EXIT_OK;
	}
	if (c.verify.qemu_machine != 0 && c.verify.profile != GIC_PROFILE_QEMU)
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
