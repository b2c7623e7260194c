/* SPDX-License-Identifier: MIT */
#include "map.h"

#include <inttypes.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "xml.h"

/* The smallest size a bar or band tells apart: a page. Smaller regions draw as one page. */
#define MAP_PAGE_SHIFT 12u
/* The 32-bit boundary, marked on every map: devices below it are reachable with 32-bit addresses. */
#define MAP_4GIB (UINT64_C(1) << 32)

/* Text: the bar column's width, and the widest region name before it is cut. */
#define TEXT_BAR 24
#define TEXT_NAME_MAX 24
#define TEXT_SIZE_MAX 32  /* gicplan_size_str's longest: "0x" + 16 digits + " bytes" */
#define MAP_LINE 1024     /* a line before it is wrapped */

/* SVG geometry, in px. */
#define SVG_MARGIN 16
#define SVG_AXIS_RIGHT 150         /* address labels end here */
#define SVG_TICK 6
#define SVG_STRIP 140              /* the band column of a single map */
#define SVG_COLUMN 260             /* a placement's column in the tiers picture */
#define SVG_COLUMN_GAP 14
#define SVG_BAND_MIN 18            /* a band of one page */
#define SVG_BAND_PER_DOUBLING 3    /* added for each doubling of its size */
#define SVG_LINE 16                /* one line of header or footer text */
#define SVG_CHAR 7                 /* a monospace character at SVG_FONT px, rounded up */
#define SVG_FONT 11
#define SVG_TITLE_FONT 15
#define SVG_HEAD_FONT 13           /* a placement's name over its column */
#define SVG_SMALL_FONT 10
#define SVG_SMALL_CHAR 6           /* a monospace character at SVG_SMALL_FONT px */
#define SVG_LABEL_PAD 6            /* tiers: from a band's left edge to its label inside */
#define SVG_LABEL_DROP 13          /* a label's baseline below its band's top */
#define SVG_LABEL_GAP 10           /* a single map: from the band to its label beside it */
#define SVG_LABEL_WIDTH 560        /* room for a single map's labels */
#define SVG_WIDTH_MIN 760          /* room for the title and the legend */

/* What a region is: its colour and its bar. */
enum kind { KIND_GIC, KIND_SPARE, KIND_RAM, KIND_DEVICE, KIND_RESERVED, KIND_FREE, KINDS };

static const struct {
	const char *legend;
	char bar;
	const char *fill;
} kinds[KINDS] = {
	[KIND_GIC] = { "GIC (distributor, ITS, redistributors in use)", '#', "#f0a030" },
	[KIND_SPARE] = { "redistributor window, spare frames", '#', "#f8dcae" },
	[KIND_RAM] = { "RAM", '=', "#72c072" },
	[KIND_DEVICE] = { "device", '+', "#74b9e4" },
	[KIND_RESERVED] = { "kept by the VMM", 'x', "#c0b0e0" },
	[KIND_FREE] = { "free", '.', "#f4f4f4" },
};

#define SVG_STROKE "#606060"
#define SVG_MOVED "#d0102b"      /* the outline of a region that moved */
#define SVG_MOVED_WIDTH "2.5"
#define SVG_QUIET "#707070"      /* the labels of free gaps and spare frames */

/* A region or a free gap of one map. */
struct item {
	char name[GICPLAN_NAME_MAX];
	uint64_t base;
	uint64_t size;
	enum kind kind;
	char note[GICPLAN_TEXT_MAX];
	uint64_t used;   /* a plan's redistributor region: bytes of frames in use */
	uint64_t spare;  /* ... and frames left */
	bool moved;      /* tiers: not where the placement chosen before put it */
};

/* One map: items in address order covering [0, end). */
struct column {
	struct item *items;
	size_t n;
};

/* ---- building maps ----------------------------------------------------------------------- */

static uint64_t end_of(const struct item *it)
{
	return it->base + it->size;
}

static struct item *add_item(struct column *col, const char *name, uint64_t base, uint64_t size,
			     enum kind kind)
{
	struct item *it = &col->items[col->n++];

	memset(it, 0, sizeof(*it));
	snprintf(it->name, sizeof(it->name), "%s", name);
	it->base = base;
	it->size = size;
	it->kind = kind;
	return it;
}

/* The free gap [from, to), split at 4 GiB, where the maps draw a line. */
static void add_free(struct column *col, uint64_t from, uint64_t to)
{
	if (from < MAP_4GIB && to > MAP_4GIB) {
		add_item(col, "free", from, MAP_4GIB - from, KIND_FREE);
		from = MAP_4GIB;
	}
	if (to > from)
		add_item(col, "free", from, to - from, KIND_FREE);
}

/* What a region of a plan's map is, as the picture colours it. */
static enum kind kind_of(const struct gicplan_map_region *r)
{
	switch (r->kind) {
	case GICPLAN_REGION_GICD:
	case GICPLAN_REGION_ITS:
	case GICPLAN_REGION_REDIST:
		return KIND_GIC;
	case GICPLAN_REGION_RAM:
		return KIND_RAM;
	case GICPLAN_REGION_RESERVED:
		return KIND_RESERVED;
	default:
		return KIND_DEVICE;
	}
}

/* The end of an @ipa_bits IPA. */
static uint64_t ipa_end(unsigned ipa_bits)
{
	return ipa_bits >= 64 ? UINT64_MAX : UINT64_C(1) << ipa_bits;
}

/* @plan's info; a plan handle always has one. */
static struct gicplan_plan_info info_of(const struct gicplan_plan *plan)
{
	struct gicplan_plan_info info;

	if (gicplan_plan_info(plan, &info, NULL) < 0)
		memset(&info, 0, sizeof(info));
	return info;
}

/*
 * The map of @plan up to @end: its regions (gicplan_plan_map) and the gaps
 * between. A redistributor region's note gives its vCPUs, or for a preview
 * (nothing placed) the frames it holds.
 */
static int column_of_plan(const struct gicplan_plan *plan, uint64_t end, struct column *col)
{
	struct gicplan_plan_info info = info_of(plan);
	size_t nr = gicplan_plan_map(plan, NULL, 0), ng;
	struct gicplan_map_region *r = calloc(nr + 1, sizeof(*r));
	struct gicplan_redist_region *g = gp_plan_redist_regions_new(plan, &ng);
	uint64_t at = 0;

	col->n = 0;
	/* Each region, a gap before each, the last gap, the 4 GiB split. */
	col->items = calloc(2 * nr + 3, sizeof(*col->items));
	if (r == NULL || g == NULL || col->items == NULL ||
	    (nr > 0 && gicplan_plan_map(plan, r, nr) != nr)) {
		free(r);
		free(g);
		return -1;
	}
	for (size_t i = 0; i < nr; i++) {
		struct item *it;

		if (r[i].size == 0)
			continue;
		add_free(col, at, r[i].base);
		it = add_item(col, r[i].name, r[i].base, r[i].size, kind_of(&r[i]));
		if (r[i].kind == GICPLAN_REGION_REDIST && r[i].index < ng) {
			const struct gicplan_redist_region *rg = &g[r[i].index];

			if (rg->count > 0) {
				it->used = rg->count * info.redist_size;
				it->spare = rg->capacity - rg->count;
				snprintf(it->note, sizeof(it->note),
					 "vCPUs %" PRIu64 "-%" PRIu64 " in %" PRIu64 "/%" PRIu64
					 " frames", rg->first_cpu, rg->first_cpu + rg->count - 1,
					 rg->count, rg->capacity);
			} else {
				snprintf(it->note, sizeof(it->note), "holds %" PRIu64 " frames",
					 rg->capacity);
			}
		}
		if (end_of(it) > at)
			at = end_of(it);
	}
	add_free(col, at, end);
	free(r);
	free(g);
	return 0;
}

/* The end of the axis: the IPA's, or further if a region reaches beyond it. */
static uint64_t axis_end(const struct gicplan_plan *plan)
{
	size_t nr;
	struct gicplan_region *r = gp_plan_regions_new(plan, &nr);
	uint64_t end = ipa_end(info_of(plan).ipa_bits);

	if (r == NULL)
		return end;
	for (size_t i = 0; i < nr; i++)
		if (r[i].base + r[i].size > end)
			end = r[i].base + r[i].size;
	free(r);
	return end;
}

/* floor(log2(@v)) for v > 0. */
static unsigned log2_floor(uint64_t v)
{
	return 63u - (unsigned)__builtin_clzll(v);
}

/* Doublings of @size above a page (0 for a page or less). */
static unsigned doublings(uint64_t size)
{
	unsigned lg = size ? log2_floor(size) : 0;

	return lg > MAP_PAGE_SHIFT ? lg - MAP_PAGE_SHIFT : 0;
}

/* Hex digits of the largest address below @end. */
static int hex_digits(uint64_t end)
{
	int d = 1;

	for (uint64_t v = end - 1; v >= 16; v >>= 4)
		d++;
	return d;
}

/* How many characters of @s, at most @width, start its next line: cut at a space if any. */
static size_t wrap_at(const char *s, size_t width)
{
	size_t len = strlen(s), cut;

	if (len <= width)
		return len;
	for (cut = width; cut > 0 && s[cut] != ' '; cut--)
		;
	return cut > 0 ? cut : width;
}

/*
 * @text, the cursor at column @col, wrapped to fit: each further line starts
 * with @indent spaces. Ends the last line.
 */
static void text_wrapped_at(FILE *out, size_t col, size_t indent, const char *text)
{
	do {
		size_t n = wrap_at(text, GP_MAP_COLUMNS > col ? GP_MAP_COLUMNS - col : 1);

		fprintf(out, "%.*s\n", (int)n, text);
		text += n;
		while (*text == ' ')
			text++;
		if (*text) {
			fprintf(out, "%*s", (int)indent, "");
			col = indent;
		}
	} while (*text);
}

/* @first, then @text wrapped to fit, its further lines indented by @indent. */
static void text_wrapped(FILE *out, const char *first, size_t indent, const char *text)
{
	fputs(first, out);
	text_wrapped_at(out, strlen(first), indent, text);
}

/* @s into @buf of @cap bytes, cut to @width characters with a final '~' when longer. */
static const char *cut(char *buf, size_t cap, const char *s, size_t width)
{
	if (strlen(s) <= width || width == 0)
		snprintf(buf, cap, "%s", s);
	else
		snprintf(buf, cap, "%.*s~", (int)width - 1, s);
	return buf;
}

/* ---- the text map --------------------------------------------------------------------------- */

/* Bar length, 1..TEXT_BAR, of @size on the log2 scale from a page to 2^@ipa_bits. */
static int bar_length(uint64_t size, unsigned ipa_bits)
{
	unsigned span = ipa_bits - MAP_PAGE_SHIFT, d = doublings(size);

	if (d > span)
		d = span;
	return 1 + (int)(d * (TEXT_BAR - 1) / span);
}

/* The scale over the bar column: where the bars of 4 KiB, 1 MiB, 1 GiB... end. */
static void text_scale(FILE *out, unsigned ipa_bits)
{
	static const struct {
		unsigned shift;
		const char *label;
	} ticks[] = { { 12, "4K" }, { 20, "1M" }, { 30, "1G" }, { 40, "1T" }, { 50, "1P" } };
	char line[TEXT_BAR + 8];
	int used = 0;

	memset(line, ' ', sizeof(line));
	for (size_t i = 0; i < sizeof(ticks) / sizeof(ticks[0]); i++) {
		int at;

		if (ticks[i].shift > ipa_bits)
			break;
		at = bar_length(UINT64_C(1) << ticks[i].shift, ipa_bits) - 1;
		if (at < used)
			continue;
		memcpy(line + at, ticks[i].label, strlen(ticks[i].label));
		used = at + (int)strlen(ticks[i].label) + 1;
	}
	while (used > 0 && line[used - 1] == ' ')
		used--;
	fprintf(out, "%.*s\n", used, line);
}

/* The request and the tier, wrapped to the width. */
static void text_header(FILE *out, const struct gicplan_plan_info *info,
			const struct gicplan_plan_story *about, uint64_t end)
{
	char a[32], b[32], c[32], line[MAP_LINE];

	snprintf(line, sizeof(line), "map of %s (version %" PRIu32 "): %" PRIu64 " vCPUs, GICv%u "
		 "(%s redistributors), %s, %u-bit IPA: 0x0..%s (%s)", info->platform,
		 about->platform_version, info->max_cpus, info->gic_version,
		 gicplan_size_str(a, sizeof(a), info->redist_size), info->has_its ? "ITS" : "no ITS",
		 info->ipa_bits, gicplan_hex_str(b, sizeof(b), end),
		 gicplan_size_str(c, sizeof(c), end));
	text_wrapped(out, "", 2, line);
	snprintf(line, sizeof(line), "%s: %s", info->tier, about->tier_summary);
	text_wrapped(out, "tier ", 2, line);
	if (about->notes[0])
		text_wrapped(out, "notes ", 2, about->notes);
}

/* What the bars mean: the kinds @col holds. */
static void text_legend(FILE *out, const struct column *col)
{
	bool has[KINDS] = { false }, first = true;

	for (size_t i = 0; i < col->n; i++)
		has[col->items[i].kind] = true;
	fprintf(out, "one row per region or free gap, in address order; bar: log2 of the size\n");
	for (int k = 0; k < KINDS; k++) {
		if (!has[k])
			continue;
		fprintf(out, "%s%c %s", first ? "" : "  ", kinds[k].bar,
			k == KIND_GIC ? "GIC" : kinds[k].legend);
		first = false;
	}
	fprintf(out, "\n");
}

/* A line across a map: at 4 GiB, and at the end of the IPA when the map reaches past it. */
#define MARKER_TEXT_MAX 128

struct marker {
	uint64_t at;
	char text[MARKER_TEXT_MAX]; /* in a text map */
	char svg[GICPLAN_NAME_MAX]; /* beside the SVG's line */
};

#define MARKERS_MAX 2

/* The markers of a map of an @ipa_bits IPA up to @end, in address order. */
static size_t markers(unsigned ipa_bits, uint64_t end, struct marker *m)
{
	uint64_t iend = ipa_end(ipa_bits);
	size_t n = 0;

	if (MAP_4GIB < end && MAP_4GIB != iend) {
		m[n].at = MAP_4GIB;
		snprintf(m[n].text, sizeof(m[n].text), "4 GiB (0x100000000): 32-bit addresses end here");
		snprintf(m[n++].svg, sizeof(m[0].svg), "4 GiB");
	}
	if (iend < end) {
		m[n].at = iend;
		snprintf(m[n].text, sizeof(m[n].text), "the end of the %u-bit IPA (0x%" PRIx64 "): a "
			 "plan drops or refuses what lies beyond", ipa_bits, iend);
		snprintf(m[n++].svg, sizeof(m[0].svg), "end of the %u-bit IPA", ipa_bits);
	}
	return n;
}

/*
 * Marker @m as a line @width wide, before the first row at or above it;
 * @inside: the region of the row above that reaches over it, or NULL.
 */
static void text_marker(FILE *out, const struct marker *m, const char *inside, int width)
{
	char line[GP_MAP_COLUMNS + 1], label[MAP_LINE];
	int n;

	if (inside != NULL)
		snprintf(label, sizeof(label), " %s; it lies inside %s above ", m->text, inside);
	else
		snprintf(label, sizeof(label), " %s ", m->text);
	n = (int)strlen(label);
	/* As wide as the rows, or as the label needs, within the map's columns. */
	if (width < n + 8)
		width = n + 8;
	if (width > GP_MAP_COLUMNS)
		width = GP_MAP_COLUMNS;
	memset(line, '-', (size_t)width);
	memcpy(line + 4, label, (size_t)(n + 4 <= width ? n : width - 4));
	line[width] = '\0';
	fprintf(out, "%s\n", line);
}

/* The last line of a text map: the end of its axis. */
static void text_end(FILE *out, int aw, uint64_t end, unsigned ipa_bits)
{
	if (end == ipa_end(ipa_bits))
		fprintf(out, "0x%0*" PRIx64 "  the end of the %u-bit IPA\n", aw - 2, end, ipa_bits);
	else
		fprintf(out, "0x%0*" PRIx64 "  the end of the map\n", aw - 2, end);
}

/* The GIC's share and the free space of @plan's map @col: one line each into @gic, @free. */
static void totals(const struct gicplan_plan_info *info, const struct column *col, char *gic_line,
		   char *free_line, size_t cap)
{
	uint64_t gic = 0, used = 0, free_bytes = 0;
	const struct item *largest = NULL;
	size_t gaps = 0;
	char a[TEXT_SIZE_MAX * 2], b[TEXT_SIZE_MAX * 2], c[32];

	for (size_t i = 0; i < col->n; i++) {
		const struct item *it = &col->items[i];

		if (it->kind == KIND_GIC) {
			gic += it->size;
			used += it->used ? it->used : it->size;
		} else if (it->kind == KIND_FREE) {
			/* A gap split at 4 GiB is one gap. */
			gaps += !(it->base == MAP_4GIB && i > 0 && col->items[i - 1].kind == KIND_FREE);
			free_bytes += it->size;
			if (largest == NULL || it->size > largest->size)
				largest = it;
		}
	}
	snprintf(gic_line, cap, "GIC: %s reserved (the distributor%s, %" PRIu32 " redistributor "
		 "region%s), %s of it in use", gicplan_size_exact_str(a, sizeof(a), gic),
		 info->has_its ? ", the ITS" : "", info->nr_redist_regions,
		 info->nr_redist_regions == 1 ? "" : "s", gicplan_size_exact_str(b, sizeof(b), used));
	free_line[0] = '\0';
	if (largest != NULL)
		snprintf(free_line, cap, "free: %s in %zu gap%s; the largest %s at %s",
			 gicplan_size_exact_str(a, sizeof(a), free_bytes), gaps, gaps == 1 ? "" : "s",
			 gicplan_size_str(b, sizeof(b), largest->size),
			 gicplan_hex_str(c, sizeof(c), largest->base));
}

int gp_map_text(FILE *out, const struct gicplan_plan *plan)
{
	struct gicplan_plan_info info = info_of(plan);
	struct gicplan_plan_story about;
	uint64_t end = axis_end(plan);
	struct column col = { 0 };
	int aw = 2 + hex_digits(end), sw = 4, nw = 6, bar_at;
	struct marker mark[MARKERS_MAX];
	size_t nmarks = markers(info.ipa_bits, end, mark), next_mark = 0;
	char size[TEXT_SIZE_MAX], name[GICPLAN_NAME_MAX], line[MAP_LINE], line2[MAP_LINE];

	if (gicplan_plan_story(plan, &about, NULL) < 0 || column_of_plan(plan, end, &col) < 0)
		return -1;
	for (size_t i = 0; i < col.n; i++) {
		int s = (int)strlen(gicplan_size_str(size, sizeof(size), col.items[i].size));
		int l = (int)strlen(col.items[i].name);

		sw = s > sw ? s : sw;
		nw = l > nw ? l : nw;
	}
	nw = nw > TEXT_NAME_MAX ? TEXT_NAME_MAX : nw;
	bar_at = aw + 2 + sw + 2 + nw + 2;
	text_header(out, &info, &about, end);
	text_legend(out, &col);
	fprintf(out, "\n%-*s  %*s  %-*s  ", aw, "BASE", sw, "SIZE", nw, "REGION");
	text_scale(out, info.ipa_bits);
	for (size_t i = 0; i < col.n; i++) {
		const struct item *it = &col.items[i];
		char bar[TEXT_BAR + 1];
		int len = bar_length(it->size, info.ipa_bits);

		for (; next_mark < nmarks && it->base >= mark[next_mark].at; next_mark++)
			text_marker(out, &mark[next_mark], i > 0 && end_of(&col.items[i - 1]) >
				    mark[next_mark].at ? col.items[i - 1].name : NULL, bar_at + TEXT_BAR);
		memset(bar, kinds[it->kind].bar, (size_t)len);
		bar[len] = '\0';
		fprintf(out, "0x%0*" PRIx64 "  %*s  %-*s  ", aw - 2, it->base, sw,
			gicplan_size_str(size, sizeof(size), it->size), nw,
			cut(name, sizeof(name), it->name, (size_t)nw));
		if (!it->note[0]) {
			fprintf(out, "%s\n", bar);
			continue;
		}
		/* The note after the bar, wrapped under itself. */
		fprintf(out, "%-*s  ", TEXT_BAR, bar);
		text_wrapped_at(out, (size_t)(bar_at + TEXT_BAR + 2), (size_t)(bar_at + TEXT_BAR + 2),
				it->note);
	}
	text_end(out, aw, end, info.ipa_bits);
	fputc('\n', out);
	totals(&info, &col, line, line2, sizeof(line));
	text_wrapped(out, "", 2, line);
	if (line2[0])
		text_wrapped(out, "", 2, line2);
	free(col.items);
	return ferror(out) ? -1 : 0;
}

/* ---- the tiers: placements side by side ------------------------------------------------------- */

/* The maps of a tiers picture: one column per placement, at its largest. */
struct tiers_maps {
	struct gicplan_platform_info platform;
	uint32_t n;
	struct column *cols;  /* one per placement */
	int *prev;            /* the chosen column before each chosen one; -1: none */
	uint64_t end;
};

static bool tier_chosen(const struct gicplan_placement *t)
{
	return t->min_cpus <= t->max_cpus;
}

/* Mark the regions of @col not in @prev at the same base with the same size (RAM aside). */
static void mark_moves(struct column *col, const struct column *prev)
{
	for (size_t i = 0; i < col->n; i++) {
		struct item *it = &col->items[i];
		bool same = false;

		if (it->kind == KIND_FREE || it->kind == KIND_RAM)
			continue;
		for (size_t k = 0; k < prev->n && !same; k++)
			same = strcmp(prev->items[k].name, it->name) == 0 &&
			       prev->items[k].base == it->base && prev->items[k].size == it->size;
		it->moved = !same;
	}
}

static void tiers_free(struct tiers_maps *m)
{
	for (uint32_t i = 0; m->cols != NULL && i < m->n; i++)
		free(m->cols[i].items);
	free(m->cols);
	free(m->prev);
	m->cols = NULL;
	m->prev = NULL;
}

/* The columns of @t: each placement previewed (gicplan_placement_preview) for @t's fit. */
static int tiers_build(const struct gp_map_tiers *t, struct tiers_maps *m)
{
	struct gicplan_plan **pv = calloc(t->nr_tiers + 1, sizeof(*pv));
	int last = -1, rc = -1;

	memset(m, 0, sizeof(*m));
	m->n = t->nr_tiers;
	m->cols = calloc(t->nr_tiers + 1, sizeof(*m->cols));
	m->prev = calloc(t->nr_tiers + 1, sizeof(*m->prev));
	if (pv == NULL || m->cols == NULL || m->prev == NULL ||
	    gicplan_platform_info(t->platform, &m->platform, NULL) < 0)
		goto out;
	m->end = ipa_end(t->fit.ipa_bits);
	for (uint32_t i = 0; i < t->nr_tiers; i++) {
		uint64_t e;

		if (gicplan_placement_preview(t->platform, i, &t->fit, &pv[i], NULL) < 0)
			goto out;
		e = axis_end(pv[i]);
		m->end = e > m->end ? e : m->end;
	}
	for (uint32_t i = 0; i < t->nr_tiers; i++) {
		if (column_of_plan(pv[i], m->end, &m->cols[i]) < 0)
			goto out;
		m->prev[i] = -1;
		if (!tier_chosen(&t->tiers[i]))
			continue;
		m->prev[i] = last;
		if (last >= 0)
			mark_moves(&m->cols[i], &m->cols[last]);
		last = (int)i;
	}
	rc = 0;
out:
	for (uint32_t i = 0; pv != NULL && i < t->nr_tiers; i++)
		gicplan_plan_free(pv[i]);
	free(pv);
	if (rc < 0)
		tiers_free(m);
	return rc;
}

/* The placement's vCPU range, for its column's head; @holds: say what one never chosen holds. */
static void tier_range_str(const struct gicplan_placement *t, bool holds, char *buf, size_t cap)
{
	if (tier_chosen(t))
		snprintf(buf, cap, "%" PRIu64 "..%" PRIu64 " vCPUs", t->min_cpus, t->max_cpus);
	else if (holds)
		snprintf(buf, cap, "never chosen (holds %" PRIu64 ")", t->capacity);
	else
		snprintf(buf, cap, "never chosen");
}

/* What crossing into chosen placement @i of @t moves, as `gicplan tiers` says it. */
static void crossing_str(const struct gp_map_tiers *t, const struct tiers_maps *m, uint32_t i,
			 char *buf, size_t cap)
{
	const struct gicplan_placement *a = &t->tiers[m->prev[i]], *b = &t->tiers[i];
	char moved[GICPLAN_TEXT_MAX * 2];
	size_t n;

	if (gicplan_placement_moves(t->platform, (uint32_t)m->prev[i], i, moved, sizeof(moved), &n,
				    NULL) < 0)
		moved[0] = '\0';
	snprintf(buf, cap, "%s -> %s, crossing %" PRIu64 " -> %" PRIu64 " vCPUs, moves %s",
		 a->name, b->name, b->min_cpus - 1, b->min_cpus, moved[0] ? moved : "nothing");
}

/*
 * Every boundary of every map, the end of the frames in use of a plan's
 * redistributor regions, and the markers; sorted, unique.
 */
static uint64_t *boundaries(const struct column *cols, uint32_t n, uint64_t end,
			    const struct marker *marks, size_t nmarks, size_t *count)
{
	size_t total = 1 + nmarks, k = 0;
	uint64_t *b;

	for (uint32_t c = 0; c < n; c++)
		total += 2 * cols[c].n;
	b = calloc(total, sizeof(*b));
	if (b == NULL)
		return NULL;
	for (uint32_t c = 0; c < n; c++)
		for (size_t i = 0; i < cols[c].n; i++) {
			const struct item *it = &cols[c].items[i];

			b[k++] = it->base;
			if (it->used > 0 && it->used < it->size)
				b[k++] = it->base + it->used;
		}
	b[k++] = end;
	for (size_t i = 0; i < nmarks; i++)
		b[k++] = marks[i].at;
	for (size_t i = 1; i < k; i++)  /* insertion sort: maps are small and nearly sorted */
		for (size_t j = i; j > 0 && b[j - 1] > b[j]; j--) {
			uint64_t x = b[j];

			b[j] = b[j - 1];
			b[j - 1] = x;
		}
	*count = 0;
	for (size_t i = 0; i < k; i++)
		if (*count == 0 || b[*count - 1] != b[i])
			b[(*count)++] = b[i];
	return b;
}

/* The item of @col that holds address @a (items cover the axis), from *@at on. */
static const struct item *item_at(const struct column *col, size_t *at, uint64_t a)
{
	while (*at + 1 < col->n && end_of(&col->items[*at]) <= a)
		(*at)++;
	return &col->items[*at];
}

/* A tiers cell where @it starts. */
static void cell_label(const struct item *it, char *buf, size_t cap)
{
	char size[TEXT_SIZE_MAX];

	gicplan_size_str(size, sizeof(size), it->size);
	if (it->kind == KIND_FREE)
		snprintf(buf, cap, " (free %s)", size);
	else
		snprintf(buf, cap, "%c%s %s", it->moved ? '*' : ' ', it->name, size);
}

int gp_map_tiers_text(FILE *out, const struct gp_map_tiers *t)
{
	struct tiers_maps m;
	uint64_t *seg;
	size_t nseg, *at;
	int aw, cw = 0, per_block;
	char line[MAP_LINE], cell[MAP_LINE], a[32], row[GP_MAP_COLUMNS * 2];
	struct marker mark[MARKERS_MAX];
	size_t nmarks;
	bool first = true;

	if (tiers_build(t, &m) < 0)
		return -1;
	nmarks = markers(t->fit.ipa_bits, m.end, mark);
	seg = boundaries(m.cols, t->nr_tiers, m.end, mark, nmarks, &nseg);
	/* Each column's item at the row being drawn. */
	at = calloc(t->nr_tiers + 1, sizeof(*at));
	if (seg == NULL || at == NULL) {
		free(seg);
		free(at);
		tiers_free(&m);
		return -1;
	}
	aw = 2 + hex_digits(m.end);
	for (uint32_t c = 0; c < t->nr_tiers; c++) {
		int l = (int)strlen(t->tiers[c].name) + 1;

		cw = l > cw ? l : cw;
		tier_range_str(&t->tiers[c], false, cell, sizeof(cell));
		l = (int)strlen(cell) + 1;
		cw = l > cw ? l : cw;
		for (size_t i = 0; i < m.cols[c].n; i++) {
			cell_label(&m.cols[c].items[i], cell, sizeof(cell));
			l = (int)strlen(cell);
			cw = l > cw ? l : cw;
		}
	}
	/*
	 * Every row is the address, then " | " and a cell per column. Cells are
	 * cut where a longer one would leave room for fewer than three columns.
	 */
	if (cw > (GP_MAP_COLUMNS - aw) / (int)(t->nr_tiers < 3 ? t->nr_tiers : 3) - 3)
		cw = (GP_MAP_COLUMNS - aw) / (int)(t->nr_tiers < 3 ? t->nr_tiers : 3) - 3;
	per_block = (GP_MAP_COLUMNS - aw) / (cw + 3);
	snprintf(line, sizeof(line), "placements of %s (version %" PRIu32 ") side by side: GICv%u (%s "
		 "redistributors), %s, %u-bit IPA; each at its largest (windows whole, RAM at its "
		 "maximum), in the order the planner tries them", m.platform.name,
		 m.platform.version, t->fit.gic_version,
		 gicplan_size_str(a, sizeof(a), gicplan_redist_size(t->fit.gic_version)),
		 t->fit.its ? "ITS" : "no ITS", t->fit.ipa_bits);
	text_wrapped(out, "", 2, line);
	text_wrapped(out, "", 2, "* at another base or size than in the placement chosen before: "
		     "it moves when max_cpus crosses into this column; : the region above goes on");
	for (uint32_t c0 = 0; c0 < t->nr_tiers; c0 += (uint32_t)per_block) {
		uint32_t c1 = c0 + (uint32_t)per_block;
		int width;
		size_t next_mark = 0;

		memset(at, 0, (t->nr_tiers + 1) * sizeof(*at));
		c1 = c1 > t->nr_tiers ? t->nr_tiers : c1;
		width = aw + (int)(c1 - c0) * (cw + 3);
		fprintf(out, "\n%-*s", aw, "ADDRESS");
		for (uint32_t c = c0; c < c1; c++)
			fprintf(out, " | %-*s", c + 1 < c1 ? cw : 0,
				cut(cell, sizeof(cell), t->tiers[c].name, (size_t)cw));
		fprintf(out, "\n%-*s", aw, "");
		for (uint32_t c = c0; c < c1; c++) {
			tier_range_str(&t->tiers[c], false, line, sizeof(line));
			fprintf(out, " | %-*s", c + 1 < c1 ? cw : 0,
				cut(cell, sizeof(cell), line, (size_t)cw));
		}
		fprintf(out, "\n");
		for (int i = 0; i < width; i++)
			fputc('=', out);
		fprintf(out, "\n");
		for (size_t s = 0; s + 1 < nseg; s++) {
			for (; next_mark < nmarks && seg[s] >= mark[next_mark].at; next_mark++)
				text_marker(out, &mark[next_mark], NULL, width);
			size_t len = (size_t)snprintf(row, sizeof(row), "0x%0*" PRIx64, aw - 2, seg[s]);

			for (uint32_t c = c0; c < c1; c++) {
				const struct item *it = item_at(&m.cols[c], &at[c], seg[s]);

				if (it->base == seg[s])
					cell_label(it, line, sizeof(line));
				else
					snprintf(line, sizeof(line), "%s", it->kind == KIND_FREE ? "" : "  :");
				len += (size_t)snprintf(row + len, sizeof(row) - len, " | %-*s", cw,
							cut(cell, sizeof(cell), line, (size_t)cw));
			}
			while (len > 0 && row[len - 1] == ' ')
				len--;
			fprintf(out, "%.*s\n", (int)len, row);
		}
		text_end(out, aw, m.end, t->fit.ipa_bits);
	}
	for (uint32_t c = 0; c < t->nr_tiers; c++) {
		if (m.prev[c] < 0)
			continue;
		crossing_str(t, &m, c, line, sizeof(line));
		if (first)
			fputc('\n', out);
		first = false;
		text_wrapped(out, "", 2, line);
	}
	free(at);
	free(seg);
	tiers_free(&m);
	return ferror(out) ? -1 : 0;
}

/* ---- SVG ---------------------------------------------------------------------------------------- */

/* A page of SVG: one map (a plan) or several side by side (tiers). */
struct svg_page {
	char title[GICPLAN_TEXT_MAX * 2];
	char subtitle[GICPLAN_TEXT_MAX * 4];  /* wrapped; '\n' starts a paragraph */
	char footer[GICPLAN_TEXT_MAX * 8];    /* wrapped; '\n' starts a paragraph */
	const struct column *cols;
	uint32_t n;
	char (*heads)[2][GICPLAN_TEXT_MAX];   /* tiers: each column's name and vCPU range */
	bool tiers;
	uint64_t end;
	unsigned ipa_bits;
};

static int band_height(uint64_t size)
{
	return SVG_BAND_MIN + SVG_BAND_PER_DOUBLING * (int)doublings(size);
}

/* The y of address @a: it is one of the @nseg boundaries @seg, at @y. */
static int y_of(const uint64_t *seg, const int *y, size_t nseg, uint64_t a)
{
	size_t lo = 0, hi = nseg - 1;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (seg[mid] < a)
			lo = mid + 1;
		else
			hi = mid;
	}
	return y[lo];
}

/*
 * Paragraphs of @text ('\n' between them) wrapped to @chars characters, as
 * lines of text from @y; returns the y after them. With @out NULL, only counts.
 */
static int svg_paragraphs(FILE *out, int x, int y, size_t chars, const char *text, int size)
{
	while (*text) {
		size_t para = strcspn(text, "\n");

		while (para > 0) {
			size_t n = para <= chars ? para : wrap_at(text, chars);

			n = n > para ? para : n;
			if (out != NULL) {
				fprintf(out, "<text x=\"%d\" y=\"%d\" font-size=\"%d\">", x, y, size);
				gp_xml_textn(out, text, n);
				fprintf(out, "</text>\n");
			}
			y += SVG_LINE;
			text += n;
			para -= n;
			while (para > 0 && *text == ' ') {
				text++;
				para--;
			}
		}
		if (*text == '\n')
			text++;
	}
	return y;
}

/* The legend's entries: which kinds the maps hold, and the moved outline for tiers. */
static int svg_legend(FILE *out, const struct svg_page *pg, int y, int width, bool draw)
{
	bool has[KINDS] = { false }, moved = false;
	int x = SVG_MARGIN;

	for (uint32_t c = 0; c < pg->n; c++)
		for (size_t i = 0; i < pg->cols[c].n; i++) {
			const struct item *it = &pg->cols[c].items[i];

			has[it->kind] = true;
			if (it->used > 0 && it->used < it->size)
				has[KIND_SPARE] = true;
			moved |= it->moved;
		}
	for (int k = 0; k <= KINDS; k++) {
		const char *label = k < KINDS ? kinds[k].legend
				    : "moved: at another base or size than in the placement chosen before";
		int w = 2 * SVG_CHAR + (int)strlen(label) * SVG_CHAR + 3 * SVG_CHAR;

		if ((k < KINDS && !has[k]) || (k == KINDS && !moved))
			continue;
		if (x + w > width - SVG_MARGIN && x > SVG_MARGIN) {
			x = SVG_MARGIN;
			y += SVG_LINE;
		}
		if (draw) {
			fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\" "
				"stroke=\"%s\" stroke-width=\"%s\"/>\n", x, y - 10,
				k < KINDS ? kinds[k].fill : "#ffffff", k < KINDS ? SVG_STROKE : SVG_MOVED,
				k < KINDS ? "1" : SVG_MOVED_WIDTH);
			fprintf(out, "<text x=\"%d\" y=\"%d\" font-size=\"%d\">", x + 2 * SVG_CHAR, y,
				SVG_FONT);
			gp_xml_text(out, label);
			fprintf(out, "</text>\n");
		}
		x += w;
	}
	return y + SVG_LINE;
}

/* One item's band in column @c at x @x, @w wide, and its label. */
static void svg_item(FILE *out, const struct svg_page *pg, const struct item *it, int x, int w,
		     const uint64_t *seg, const int *y, size_t nseg)
{
	int top = y_of(seg, y, nseg, it->base), bottom = y_of(seg, y, nseg, end_of(it));
	char size[TEXT_SIZE_MAX], base[32], name[GICPLAN_NAME_MAX];
	int label_x = pg->tiers ? x + SVG_LABEL_PAD : x + w + SVG_LABEL_GAP;

	fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" stroke=\"%s\" "
		"stroke-width=\"%s\"/>\n", x, top, w, bottom - top,
		kinds[it->used > 0 && it->used < it->size ? KIND_SPARE : it->kind].fill,
		it->moved ? SVG_MOVED : SVG_STROKE, it->moved ? SVG_MOVED_WIDTH : "1");
	if (it->used > 0 && it->used < it->size)
		fprintf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" "
			"stroke=\"%s\"/>\n", x, top, w, y_of(seg, y, nseg, it->base + it->used) - top,
			kinds[KIND_GIC].fill, SVG_STROKE);
	gicplan_size_str(size, sizeof(size), it->size);
	gicplan_hex_str(base, sizeof(base), it->base);
	if (pg->tiers) {
		/* Inside the band: the name cut so that base and size fit. */
		int room = (w - 2 * SVG_LABEL_PAD) / SVG_SMALL_CHAR - (int)strlen(base) -
			   (int)strlen(size) - 2 - (it->moved ? 2 : 0);

		cut(name, sizeof(name), it->name, (size_t)(room > 4 ? room : 4));
	} else {
		snprintf(name, sizeof(name), "%s", it->name);
	}
	fprintf(out, "<text x=\"%d\" y=\"%d\" font-size=\"%d\"%s><tspan font-weight=\"bold\">",
		label_x, top + SVG_LABEL_DROP, pg->tiers ? SVG_SMALL_FONT : SVG_FONT,
		it->kind == KIND_FREE ? " fill=\"" SVG_QUIET "\"" : "");
	if (it->moved)
		fputs("* ", out);
	gp_xml_text(out, name);
	fprintf(out, "</tspan> %s %s", base, size);
	if (it->note[0] && !pg->tiers) {
		fputs("  ", out);
		gp_xml_text(out, it->note);
	}
	fprintf(out, "</text>\n");
	if (it->used > 0 && it->used < it->size) {
		top = y_of(seg, y, nseg, it->base + it->used);
		fprintf(out, "<text x=\"%d\" y=\"%d\" font-size=\"%d\" fill=\"" SVG_QUIET "\">"
			"<tspan font-weight=\"bold\">spare</tspan> %s %s: %" PRIu64 " frames</text>\n",
			label_x, top + SVG_LABEL_DROP, SVG_FONT,
			gicplan_hex_str(base, sizeof(base), it->base + it->used),
			gicplan_size_str(size, sizeof(size), it->size - it->used), it->spare);
	}
}

static int svg_draw(FILE *out, const struct svg_page *pg)
{
	size_t nseg;
	struct marker mark[MARKERS_MAX];
	size_t nmarks = markers(pg->ipa_bits, pg->end, mark);
	uint64_t *seg = boundaries(pg->cols, pg->n, pg->end, mark, nmarks, &nseg);
	int *y = seg ? calloc(nseg, sizeof(*y)) : NULL;
	int width, height, top, map_x = SVG_AXIS_RIGHT + SVG_TICK, col_w, head;
	size_t chars;

	if (y == NULL) {
		free(seg);
		return -1;
	}
	col_w = pg->tiers ? SVG_COLUMN : SVG_STRIP;
	width = pg->tiers ? map_x + (int)pg->n * (SVG_COLUMN + SVG_COLUMN_GAP) + SVG_MARGIN
			  : map_x + SVG_STRIP + SVG_LABEL_GAP + SVG_LABEL_WIDTH + SVG_MARGIN;
	width = width < SVG_WIDTH_MIN ? SVG_WIDTH_MIN : width;
	chars = (size_t)(width - 2 * SVG_MARGIN) / SVG_CHAR;
	/* Title, subtitle, legend, column heads, then the map. */
	head = svg_paragraphs(NULL, 0, SVG_MARGIN + 2 * SVG_LINE, chars, pg->subtitle, 0);
	top = svg_legend(out, pg, head, width, false) + (pg->tiers ? 2 * SVG_LINE : 0) + 4;
	y[0] = top;
	for (size_t s = 1; s < nseg; s++)
		y[s] = y[s - 1] + band_height(seg[s] - seg[s - 1]);
	height = svg_paragraphs(NULL, 0, y[nseg - 1] + 2 * SVG_LINE, chars, pg->footer, 0) +
		 SVG_MARGIN;

	fprintf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%d\" height=\"%d\" "
		"viewBox=\"0 0 %d %d\" font-family=\"monospace\">\n<title>", width, height, width,
		height);
	gp_xml_text(out, pg->title);
	fprintf(out, "</title>\n<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>\n",
		width, height);
	fprintf(out, "<text x=\"%d\" y=\"%d\" font-size=\"%d\" font-weight=\"bold\">",
		SVG_MARGIN, SVG_MARGIN + SVG_LINE, SVG_TITLE_FONT);
	gp_xml_text(out, pg->title);
	fprintf(out, "</text>\n");
	svg_paragraphs(out, SVG_MARGIN, SVG_MARGIN + 2 * SVG_LINE, chars, pg->subtitle, SVG_FONT);
	svg_legend(out, pg, head, width, true);
	for (uint32_t c = 0; pg->tiers && c < pg->n; c++) {
		int x = map_x + (int)c * (SVG_COLUMN + SVG_COLUMN_GAP);

		fprintf(out, "<text x=\"%d\" y=\"%d\" font-size=\"%d\" font-weight=\"bold\">", x,
			top - SVG_LINE - 6, SVG_HEAD_FONT);
		gp_xml_text(out, pg->heads[c][0]);
		fprintf(out, "</text>\n<text x=\"%d\" y=\"%d\" font-size=\"%d\">", x, top - 6,
			SVG_FONT);
		gp_xml_text(out, pg->heads[c][1]);
		fprintf(out, "</text>\n");
	}
	/* The axis: every boundary's address, a tick, and the 4 GiB line. */
	for (size_t s = 0; s < nseg; s++) {
		fprintf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\"/>\n",
			SVG_AXIS_RIGHT, y[s], map_x, y[s], SVG_STROKE);
		fprintf(out, "<text x=\"%d\" y=\"%d\" font-size=\"%d\" text-anchor=\"end\">0x%0*"
			PRIx64 "</text>\n", SVG_AXIS_RIGHT - 4, s + 1 < nseg ? y[s] + 12 : y[s] + 4,
			SVG_SMALL_FONT, hex_digits(pg->end), seg[s]);
	}
	for (uint32_t c = 0; c < pg->n; c++) {
		int x = map_x + (int)c * (SVG_COLUMN + SVG_COLUMN_GAP);

		for (size_t i = 0; i < pg->cols[c].n; i++)
			svg_item(out, pg, &pg->cols[c].items[i], x, col_w, seg,
				 y, nseg);
	}
	/* The markers over the bands. */
	for (size_t i = 0; i < nmarks; i++) {
		int my = y_of(seg, y, nseg, mark[i].at);

		fprintf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
			"stroke-dasharray=\"6,4\"/>\n<text x=\"%d\" y=\"%d\" font-size=\"%d\" "
			"fill=\"%s\">", SVG_MARGIN, my, width - SVG_MARGIN, my, SVG_STROKE, SVG_MARGIN,
			my - 3, SVG_SMALL_FONT, SVG_STROKE);
		gp_xml_text(out, mark[i].svg);
		fprintf(out, "</text>\n");
	}
	svg_paragraphs(out, SVG_MARGIN, y[nseg - 1] + 2 * SVG_LINE, chars, pg->footer, SVG_FONT);
	fprintf(out, "</svg>\n");
	free(y);
	free(seg);
	return ferror(out) ? -1 : 0;
}

int gp_map_svg(FILE *out, const struct gicplan_plan *plan)
{
	struct gicplan_plan_info info = info_of(plan);
	struct gicplan_plan_story about;
	struct svg_page *pg = calloc(1, sizeof(*pg));
	struct column col = { 0 };
	char a[32], b[32], c[32], gic[GICPLAN_TEXT_MAX * 2], free_line[MAP_LINE];
	int rc = -1;

	if (pg == NULL)
		return -1;
	pg->end = axis_end(plan);
	pg->ipa_bits = info.ipa_bits;
	if (gicplan_plan_story(plan, &about, NULL) < 0 || column_of_plan(plan, pg->end, &col) < 0)
		goto out;
	snprintf(pg->title, sizeof(pg->title), "%s: %" PRIu64 " vCPUs, tier %s", info.platform,
		 info.max_cpus, info.tier);
	snprintf(pg->subtitle, sizeof(pg->subtitle), "%s (version %" PRIu32 "), GICv%u (%s "
		 "redistributors), %s, %u-bit IPA: 0x0..%s (%s)\n%s: %s%s%s\nOne band per region or "
		 "free gap, in address order; the stretch between two addresses of the axis grows "
		 "with log2 of its size (a page: %d px, each doubling: %d px more)", info.platform,
		 about.platform_version, info.gic_version,
		 gicplan_size_str(a, sizeof(a), info.redist_size), info.has_its ? "ITS" : "no ITS",
		 info.ipa_bits, gicplan_hex_str(b, sizeof(b), pg->end),
		 gicplan_size_str(c, sizeof(c), pg->end), info.tier, about.tier_summary,
		 about.notes[0] ? "\n" : "", about.notes, SVG_BAND_MIN, SVG_BAND_PER_DOUBLING);
	totals(&info, &col, gic, free_line, sizeof(gic));
	snprintf(pg->footer, sizeof(pg->footer), "%s\n%s", gic, free_line);
	pg->cols = &col;
	pg->n = 1;
	rc = svg_draw(out, pg);
out:
	free(col.items);
	free(pg);
	return rc;
}

int gp_map_tiers_svg(FILE *out, const struct gp_map_tiers *t)
{
	struct svg_page *pg = calloc(1, sizeof(*pg));
	struct tiers_maps *m = malloc(sizeof(*m));
	char a[32], line[MAP_LINE];
	int rc = -1;

	if (pg == NULL || m == NULL || tiers_build(t, m) < 0) {
		free(pg);
		free(m);
		return -1;
	}
	pg->heads = calloc(t->nr_tiers + 1, sizeof(*pg->heads));
	if (pg->heads == NULL)
		goto out;
	pg->end = m->end;
	pg->ipa_bits = t->fit.ipa_bits;
	snprintf(pg->title, sizeof(pg->title), "%s: placements side by side", m->platform.name);
	snprintf(pg->subtitle, sizeof(pg->subtitle), "%s (version %" PRIu32 "), GICv%u (%s "
		 "redistributors), %s, %u-bit IPA. Each placement at its largest (windows whole, RAM "
		 "at its maximum), in the order the planner tries them; the stretch between two "
		 "addresses of the axis grows with log2 of its size", m->platform.name,
		 m->platform.version, t->fit.gic_version,
		 gicplan_size_str(a, sizeof(a), gicplan_redist_size(t->fit.gic_version)),
		 t->fit.its ? "ITS" : "no ITS", t->fit.ipa_bits);
	for (uint32_t c = 0; c < t->nr_tiers; c++) {
		snprintf(pg->heads[c][0], sizeof(pg->heads[c][0]), "%s", t->tiers[c].name);
		tier_range_str(&t->tiers[c], true, pg->heads[c][1], sizeof(pg->heads[c][1]));
		if (m->prev[c] < 0)
			continue;
		crossing_str(t, m, c, line, sizeof(line));
		snprintf(pg->footer + strlen(pg->footer), sizeof(pg->footer) - strlen(pg->footer),
			 "%s%s", pg->footer[0] ? "\n" : "", line);
	}
	pg->cols = m->cols;
	pg->n = t->nr_tiers;
	pg->tiers = true;
	rc = svg_draw(out, pg);
out:
	tiers_free(m);
	free(m);
	free(pg->heads);
	free(pg);
	return rc;
}
