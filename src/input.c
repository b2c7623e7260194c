/* SPDX-License-Identifier: MIT */
#include "input.h"

#include <ctype.h>
#include <inttypes.h>
#include <jansson.h>
#include <libfdt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "acpi_read.h"
#include "dt_reader.h"
#include "emit_fdt.h"
#include "fileio.h"
#include "gic_regs.h"
#include "plan_json.h"
#include "units.h"

/* How every assumption reads, and gp_vgic_infer_version's note when it assumed. */
#define ASSUMED "assumed: "

/* Add an assumption, ASSUMED and @fmt, to @in's list. */
static void __attribute__((format(printf, 2, 3))) assume(struct gp_input *in, const char *fmt, ...)
{
	char *to;
	int n;
	va_list ap;

	if (in->nr_assumptions == GP_INPUT_ASSUMPTIONS_MAX)
		return;
	to = in->assumptions[in->nr_assumptions++];
	n = snprintf(to, GP_INPUT_ASSUMPTION_LEN, ASSUMED);
	va_start(ap, fmt);
	vsnprintf(to + n, GP_INPUT_ASSUMPTION_LEN - (size_t)n, fmt, ap);
	va_end(ap);
}

/* The SPIs a tree needs: its highest device SPI + 1, in blocks of 32, 256 to 988. */
static uint32_t infer_spis(struct gp_input *in)
{
	const struct gp_machine *m = &in->m;
	uint32_t need = 0, spis;
	size_t owner = SIZE_MAX;

	for (size_t d = 0; d < m->nr_devices; d++)
		for (size_t k = 0; k < m->devices[d].nr_irq; k++) {
			const struct gp_mach_irq *irq = &m->irqs[m->devices[d].first_irq + k];

			if (irq->type == GP_IRQ_SPI && irq->number >= need) {
				need = irq->number + 1;
				owner = d;
			}
		}
	spis = (need + GP_SPI_GRANULE - 1) / GP_SPI_GRANULE * GP_SPI_GRANULE;
	if (need > GP_SPIS_MAX || spis > GP_SPIS_MAX)
		spis = GP_SPIS_MAX;
	if (spis < GP_INPUT_DEFAULT_SPIS)
		spis = GP_INPUT_DEFAULT_SPIS;
	if (owner == SIZE_MAX)
		assume(in, "%" PRIu32 " SPIs, QEMU virt's (no device uses an SPI; the tree does not "
		       "say; --spis states it)", spis);
	else
		assume(in, "%" PRIu32 " SPIs%s (the highest device SPI is %" PRIu32 ", of %s; the "
		       "tree does not say; --spis states it)", spis,
		       spis == GP_INPUT_DEFAULT_SPIS ? ", QEMU virt's" : "", need - 1,
		       gp_mach_str(m, m->devices[owner].path));
	return spis;
}

/* Raise *@end to the end of [@base, +@size) (regions that wrap are ipa-bound's to report). */
static void reach(uint64_t base, uint64_t size, uint64_t *end)
{
	uint64_t e;

	if (gp_add(base, size, &e) && e > *end)
		*end = e;
}

/* The IPA a tree needs: KVM's 40 bits, or the smallest PARange size holding every region. */
static unsigned infer_ipa_bits(struct gp_input *in)
{
	/* The sizes ID_AA64MMFR0_EL1.PARange encodes, from KVM's default up. */
	static const unsigned parange[] = { GP_INPUT_DEFAULT_IPA_BITS, 42, 44, 48, GP_IPA_BITS_MAX };
	const struct gp_machine *m = &in->m;
	uint64_t end = 0;
	unsigned bits = GP_IPA_BITS_MAX;

	reach(m->gicd.base, m->gicd.size, &end);
	for (uint32_t i = 0; i < m->nr_redist; i++)
		reach(m->redist[i].base, m->redist[i].size, &end);
	for (uint32_t i = 0; i < m->nr_its; i++)
		reach(m->its[i].reg.base, m->its[i].reg.size, &end);
	for (size_t i = 0; i < m->nr_memory; i++)
		reach(m->memory[i].base, m->memory[i].size, &end);
	for (size_t i = 0; i < m->nr_regs; i++)
		reach(m->regs[i].base, m->regs[i].size, &end);
	for (size_t i = 0; i < sizeof(parange) / sizeof(parange[0]); i++)
		if (end <= gp_ipa_end(parange[i])) {
			bits = parange[i];
			break;
		}
	if (bits == GP_INPUT_DEFAULT_IPA_BITS)
		assume(in, "a %u-bit IPA, KVM's default (the highest region ends at 0x%" PRIx64 "; the "
		       "tree does not say; --ipa-bits states it)", bits, end);
	else
		assume(in, "a %u-bit IPA (a region ends at 0x%" PRIx64 ", above KVM's default %u "
		       "bits; the tree does not say; --ipa-bits states it)", bits, end,
		       GP_INPUT_DEFAULT_IPA_BITS);
	return bits;
}

/* What a tree's reader leaves to @o: the GIC version, the SPI count, the IPA size, the VGIC. */
static int tree_vgic(const struct gp_input_options *o, struct gp_input *in,
		     struct gp_error *err)
{
	unsigned version = gp_vgic_infer_version(&in->m, o->gic_version, in->version_note,
						 sizeof(in->version_note), &in->version_assumed);
	uint32_t spis;

	in->nr_assumptions = 0;
	if (in->version_assumed)
		assume(in, "GICv%u: %s", version,
		       strncmp(in->version_note, ASSUMED, strlen(ASSUMED)) == 0
			       ? in->version_note + strlen(ASSUMED)
			       : in->version_note);
	in->spis_assumed = o->spis == 0;
	spis = o->spis ? o->spis : infer_spis(in);
	in->ipa_assumed = o->ipa_bits == 0;
	in->ipa_bits = o->ipa_bits ? o->ipa_bits : infer_ipa_bits(in);
	if (gp_vgic_from_machine(&in->m, version, spis, &in->v, err) < 0)
		return -1;
	if (gp_vgic_strided(&in->v))
		assume(in, "redistributor frames 0x%" PRIx64 " apart, padded to redistributor-stride "
		       "as hardware pads them (KVM places them 0x%" PRIx64 " apart)",
		       in->v.frame_step, in->v.redist_size);
	return 0;
}

static int from_tree(const struct gp_input_options *o, struct gp_input *in,
		     struct gp_error *err)
{
	if (gp_dt_read(in->blob, in->blob_len, in->path, &in->m, err) < 0)
		return -1;
	return tree_vgic(o, in, err);
}

int gp_input_from_plan(const struct gp_plan *plan, void *blob, size_t blob_len,
		       const struct gp_input_options *o, struct gp_input *in,
		       struct gp_error *err)
{
	in->is_plan = true;
	in->blob = blob;
	in->blob_len = blob_len;
	if (in->plan == NULL) {
		in->plan = malloc(sizeof(*in->plan));
		if (in->plan == NULL)
			return gp_fail(err, GP_EXIT_USAGE, "out of memory");
		*in->plan = *plan;
	}
	if (gp_dt_read(blob, blob_len, in->path[0] ? in->path : "the emitted tree", &in->m,
		       err) < 0)
		return -1;
	snprintf(in->version_note, sizeof(in->version_note), "from the plan");
	in->ipa_bits = o->ipa_bits ? o->ipa_bits : plan->ipa_bits;
	return gp_vgic_from_plan(plan, &in->v, err);
}

/* What a file that is not a device tree blob is, judged by its content. */
enum file_kind {
	FILE_EMPTY,     /* no bytes, or white space only */
	FILE_JSON,      /* starts with '{' or '[': a plan, or some other JSON */
	FILE_DTS,       /* device-tree source text */
	FILE_TEXT,      /* other text */
	FILE_GZIP,      /* gzip-compressed data (a .dtb.gz) */
	FILE_BINARY,    /* anything else */
};

/* How far into a file its kind is judged: enough for any header or first token. */
#define SNIFF_BYTES 4096
/* gzip's magic bytes (RFC 1952 2.3.1). */
#define GZIP_ID1 0x1f
#define GZIP_ID2 0x8b

/* Skip white space and C or C++ comments (as dtc's source allows) from @p; returns where. */
static size_t skip_blank(const char *p, size_t i, size_t n)
{
	while (i < n) {
		if (isspace((unsigned char)p[i])) {
			i++;
		} else if (i + 1 < n && p[i] == '/' && p[i + 1] == '/') {
			while (i < n && p[i] != '\n')
				i++;
		} else if (i + 1 < n && p[i] == '/' && p[i + 1] == '*') {
			const char *end = NULL;

			for (size_t k = i + 2; k + 1 < n && end == NULL; k++)
				if (p[k] == '*' && p[k + 1] == '/')
					end = p + k + 2;
			i = end != NULL ? (size_t)(end - p) : n;
		} else {
			break;
		}
	}
	return i;
}

static bool starts(const char *p, size_t n, const char *word)
{
	return n >= strlen(word) && memcmp(p, word, strlen(word)) == 0;
}

/* Whether text @p (@n bytes, comments skipped) opens as a .dts file does. */
static bool looks_like_dts(const char *p, size_t n)
{
	static const char *const openers[] = { "/dts-v1/", "/plugin/", "/memreserve/",
					       "/include/", "#include", NULL };
	size_t i;

	for (const char *const *w = openers; *w != NULL; w++)
		if (starts(p, n, *w))
			return true;
	/* The root node itself: "/ {". */
	if (n == 0 || p[0] != '/')
		return false;
	i = skip_blank(p, 1, n);
	return i < n && p[i] == '{';
}

static enum file_kind classify(const unsigned char *data, size_t len)
{
	size_t n = len < SNIFF_BYTES ? len : SNIFF_BYTES;
	size_t i = skip_blank((const char *)data, 0, n);

	if (len >= 2 && data[0] == GZIP_ID1 && data[1] == GZIP_ID2)
		return FILE_GZIP;
	for (size_t k = 0; k < n; k++)
		if (data[k] == 0x7f || (data[k] < 0x20 && !isspace(data[k])))
			return FILE_BINARY;
	if (i == n)
		return i == len ? FILE_EMPTY : FILE_TEXT;
	if (data[i] == '{' || data[i] == '[')
		return FILE_JSON;
	return looks_like_dts((const char *)data + i, n - i) ? FILE_DTS : FILE_TEXT;
}

/* The error for a file of @kind that is neither a blob nor JSON. */
static int refuse(const char *path, enum file_kind kind, const unsigned char *data, size_t len,
		  struct gp_error *err)
{
	static const char expected[] = "expected a device tree blob or a gicplan plan file";

	switch (kind) {
	case FILE_EMPTY:
		return gp_fail(err, GP_EXIT_USAGE, "%s: an empty file%s; %s", path,
			       len ? " (white space only)" : "", expected);
	case FILE_DTS: {
		size_t stem = strlen(path);

		if (stem > strlen(".dts") && strcmp(path + stem - strlen(".dts"), ".dts") == 0)
			stem -= strlen(".dts");
		return gp_fail(err, GP_EXIT_USAGE, "%s: device-tree source text, not a blob; compile "
			       "it with dtc -I dts -O dtb -o %.*s.dtb %s", path, (int)stem, path,
			       path);
	}
	case FILE_GZIP:
		return gp_fail(err, GP_EXIT_USAGE, "%s: gzip-compressed data; decompress it "
			       "(gunzip) first; %s", path, expected);
	case FILE_TEXT:
		return gp_fail(err, GP_EXIT_USAGE, "%s: text that is neither JSON nor device-tree "
			       "source; %s", path, expected);
	default:
		break;
	}
	if (len < sizeof(uint32_t))
		return gp_fail(err, GP_EXIT_USAGE, "%s: %zu bytes of binary data; %s", path, len,
			       expected);
	return gp_fail(err, GP_EXIT_USAGE, "%s: binary data that is not a device tree blob (it "
		       "starts 0x%02x%02x%02x%02x, not the magic 0x%08x); %s", path, data[0],
		       data[1], data[2], data[3], FDT_MAGIC, expected);
}

/*
 * After a plan file was refused: when the text is not JSON at all, or a JSON
 * object that does not even claim to be a plan, say so instead of where the
 * plan reader stopped (a layout file: "give it with --platform").
 */
static void name_other_json(const char *path, const void *data, size_t len,
			    struct gp_error *err)
{
	json_error_t jerr;
	json_t *root = json_loadb(data, len, 0, &jerr);

	if (root == NULL) {
		gp_error_init(err);
		gp_fail(err, GP_EXIT_USAGE, "%s: line %d column %d: not valid JSON (%s), so not a "
			"gicplan plan file", path, jerr.line, jerr.column, jerr.text);
	} else if (json_is_object(root) && json_object_get(root, "format") == NULL) {
		gp_error_init(err);
		if (json_object_get(root, "placements") != NULL)
			gp_fail(err, GP_EXIT_USAGE, "%s: a platform layout file, not a plan or a tree; "
				"give it with --platform %s", path, path);
		else
			gp_fail(err, GP_EXIT_USAGE, "%s: JSON, but not a gicplan plan (no \"format\": "
				"\"gicplan-plan\"); expected a device tree blob or a plan file", path);
	}
	json_decref(root);
}

/* ACPI tables, known by a table's signature, or a folder of them: the ACPI reader's. */
static bool acpi_source(const char *path, const void *data, size_t len)
{
	struct stat st;

	if (data == NULL)
		return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
	return gp_acpi_is_table(data, len);
}

/*
 * ACPI tables: the @len bytes @data (taken over) of table file @path, or,
 * when @data is NULL, the tables in folder @path (gp_acpi_load). The VGIC is
 * the one a VMM sets up for the MADT's GICs and vCPUs: GIC version from the
 * GICD structure, else from @o or inferred as for a tree. in->acpi holds the
 * ACPI checks.
 */
static int from_acpi(const char *path, void *data, size_t len, const struct gp_input_options *o,
		     struct gp_input *in, struct gp_error *err)
{
	struct gp_acpi_found f = { 0 };
	unsigned version;
	int rc = -1;

	memset(in, 0, sizeof(*in));
	snprintf(in->path, sizeof(in->path), "%s", path);
	in->acpi = calloc(1, sizeof(*in->acpi));
	if (in->acpi == NULL) {
		free(data);
		return gp_fail(err, GP_EXIT_USAGE, "out of memory");
	}
	if (gp_acpi_load(path, data, len, &f, &in->m, in->acpi, err) < 0)
		goto out;
	if (o->gic_version == 0 && (in->acpi->gicd_version == 3 || in->acpi->gicd_version == 4)) {
		version = in->acpi->gicd_version;
		snprintf(in->version_note, sizeof(in->version_note), "GICv%u from the MADT's GICD "
			 "structure", version);
	} else {
		version = gp_vgic_infer_version(&in->m, o->gic_version, in->version_note,
						sizeof(in->version_note), &in->version_assumed);
	}
	in->spis_assumed = o->spis == 0;
	in->ipa_bits = o->ipa_bits ? o->ipa_bits : GP_INPUT_DEFAULT_IPA_BITS;
	if (gp_vgic_from_machine(&in->m, version, o->spis ? o->spis : GP_INPUT_DEFAULT_SPIS,
				 &in->v, err) < 0)
		goto out;
	rc = gp_acpi_check_found(&f, &in->m, &in->v, in->acpi, err);
out:
	gp_acpi_found_free(&f);
	return rc;
}

int gp_input_load(const char *path, const struct gp_input_options *o, struct gp_input *in,
		  struct gp_error *err)
{
	void *data, *blob;
	size_t len, blob_len;
	enum file_kind kind;

	if (acpi_source(path, NULL, 0))
		return from_acpi(path, NULL, 0, o, in, err);
	memset(in, 0, sizeof(*in));
	snprintf(in->path, sizeof(in->path), "%s", path);
	if (gp_read_file(path, GP_DT_FILE_MAX, &data, &len, err) < 0)
		return -1;
	if (acpi_source(path, data, len))
		return from_acpi(path, data, len, o, in, err);
	/* By content, not by name: the FDT magic, else what the first bytes show. */
	if (len >= sizeof(uint32_t) && fdt_magic(data) == FDT_MAGIC) {
		in->blob = data;
		in->blob_len = len;
		return from_tree(o, in, err);
	}
	kind = classify(data, len);
	if (kind != FILE_JSON) {
		refuse(path, kind, data, len, err);
		free(data);
		return -1;
	}
	in->plan = malloc(sizeof(*in->plan));
	if (in->plan == NULL) {
		free(data);
		return gp_fail(err, GP_EXIT_USAGE, "out of memory");
	}
	if (gp_plan_from_json(path, data, len, in->plan, err) < 0) {
		name_other_json(path, data, len, err);
		free(data);
		return -1;
	}
	free(data);
	if (gp_emit_fdt(in->plan, &blob, &blob_len, err) < 0)
		return -1;
	return gp_input_from_plan(in->plan, blob, blob_len, o, in, err);
}

void gp_input_free(struct gp_input *in)
{
	gp_machine_free(&in->m);
	gp_vgic_free(&in->v);
	gp_acpi_result_free(in->acpi);
	free(in->blob);
	free(in->plan);
	memset(in, 0, sizeof(*in));
}

/* Tree @in's VGIC again, with @version and @spis where the user left them open. */
static int revise(struct gp_input *in, const struct gp_input_options *o, unsigned version,
		  uint32_t spis, struct gp_error *err)
{
	struct gp_input_options ro = *o;

	if (ro.gic_version == 0)
		ro.gic_version = version;
	if (ro.spis == 0)
		ro.spis = spis;
	gp_vgic_free(&in->v);
	return tree_vgic(&ro, in, err);
}

int gp_input_pair(struct gp_input *a, struct gp_input *b, const struct gp_input_options *o,
		  struct gp_error *err)
{
	struct gp_input *tree = NULL, *other = NULL;

	if (a->is_plan && !b->is_plan) {
		tree = b;
		other = a;
	} else if (b->is_plan && !a->is_plan) {
		tree = a;
		other = b;
	}
	if (tree != NULL)
		return revise(tree, o, other->v.version, other->v.nr_irqs - GIC_NR_PRIVATE, err);
	if (a->is_plan || o->gic_version != 0 || a->v.version == b->v.version)
		return 0;
	/* Two trees: what one shows beats what the other only assumed. */
	if (a->version_assumed && !b->version_assumed)
		return revise(a, o, b->v.version, 0, err);
	if (b->version_assumed && !a->version_assumed)
		return revise(b, o, a->v.version, 0, err);
	return 0;
}
