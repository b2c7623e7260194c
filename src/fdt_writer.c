/* SPDX-License-Identifier: MIT */
#include "fdt_writer.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* The blob format (Devicetree Specification v0.4, 5.2-5.5). */
#define FDT_MAGIC_VALUE 0xd00dfeedu
#define FDT_VERSION 17
#define FDT_LAST_COMPATIBLE_VERSION 16
#define FDT_HEADER_SIZE 40u          /* ten big-endian u32 fields */
#define FDT_RESERVE_ENTRY_SIZE 16u   /* { u64 address, u64 size }; an all-zero one ends the map */
#define FDT_STRUCT_OFFSET (FDT_HEADER_SIZE + FDT_RESERVE_ENTRY_SIZE)
#define FDT_TAG_SIZE 4u
#define FDT_BEGIN_NODE 0x1u
#define FDT_END_NODE 0x2u
#define FDT_PROP 0x3u
#define FDT_END 0x9u
#define FDT_ALIGN 4u                 /* structure block items are 32-bit aligned */

/* Header fields, in order, as u32 indices. */
enum { H_MAGIC, H_TOTALSIZE, H_OFF_STRUCT, H_OFF_STRINGS, H_OFF_RSVMAP, H_VERSION,
       H_LAST_COMP, H_BOOT_CPUID, H_SIZE_STRINGS, H_SIZE_STRUCT };

static void put32(char *p, uint32_t v)
{
	p[0] = (char)(v >> 24);
	p[1] = (char)(v >> 16);
	p[2] = (char)(v >> 8);
	p[3] = (char)v;
}

static size_t align_up(size_t v)
{
	return (v + FDT_ALIGN - 1) & ~(size_t)(FDT_ALIGN - 1);
}

static bool fail(struct gp_fdt_writer *w, int err)
{
	if (w->err == GP_FDT_OK)
		w->err = err;
	return false;
}

/* Room for @more bytes in buffer *@buf of *@len used, *@cap allocated. */
static bool reserve(struct gp_fdt_writer *w, char **buf, size_t *cap, size_t len, size_t more)
{
	size_t need = len + more, n = *cap ? *cap : FDT_STRUCT_OFFSET * 16;
	char *p;

	if (w->err != GP_FDT_OK)
		return false;
	if (need > w->limit || need < len)
		return fail(w, GP_FDT_ETOOBIG);
	if (need <= *cap)
		return true;
	while (n < need)
		n = n > w->limit / 2 ? w->limit : n * 2;
	p = realloc(*buf, n);
	if (p == NULL)
		return fail(w, GP_FDT_ENOMEM);
	*buf = p;
	*cap = n;
	return true;
}

void gp_fdt_fail(struct gp_fdt_writer *w, int err)
{
	fail(w, err);
}

int gp_fdt_writer_init(struct gp_fdt_writer *w, size_t size_hint, size_t limit)
{
	memset(w, 0, sizeof(*w));
	w->limit = limit;
	if (!reserve(w, &w->buf, &w->cap, 0, size_hint > FDT_STRUCT_OFFSET ? size_hint
									   : FDT_STRUCT_OFFSET))
		return w->err;
	/* Header, filled in at finish; then an empty reserve map. */
	memset(w->buf, 0, FDT_STRUCT_OFFSET);
	w->len = FDT_STRUCT_OFFSET;
	return GP_FDT_OK;
}

static void put_tag(struct gp_fdt_writer *w, uint32_t tag)
{
	put32(w->buf + w->len, tag);
	w->len += FDT_TAG_SIZE;
}

/* Append @n bytes and zero padding to the next 32-bit boundary. */
static void put_padded(struct gp_fdt_writer *w, const void *data, size_t n)
{
	size_t padded = align_up(n);

	if (n > 0)
		memcpy(w->buf + w->len, data, n);
	memset(w->buf + w->len + n, 0, padded - n);
	w->len += padded;
}

void gp_fdt_begin_node(struct gp_fdt_writer *w, const char *name)
{
	size_t n = strlen(name) + 1;

	if (!reserve(w, &w->buf, &w->cap, w->len, FDT_TAG_SIZE + align_up(n)))
		return;
	put_tag(w, FDT_BEGIN_NODE);
	put_padded(w, name, n);
	w->depth++;
}

void gp_fdt_end_node(struct gp_fdt_writer *w)
{
	if (w->depth == 0) {
		fail(w, GP_FDT_ENESTING);
		return;
	}
	if (!reserve(w, &w->buf, &w->cap, w->len, FDT_TAG_SIZE))
		return;
	put_tag(w, FDT_END_NODE);
	w->depth--;
}

/* The strings-block offset of @name, added on first use. */
static bool name_offset(struct gp_fdt_writer *w, const char *name, uint32_t *off)
{
	size_t n;

	for (size_t i = 0; i < w->nr_names; i++)
		if (w->names[i].name == name) {
			*off = w->names[i].offset;
			return true;
		}
	/* A name seen at another address: the same string, kept once. */
	for (size_t i = 0; i < w->nr_names; i++)
		if (strcmp(w->strings + w->names[i].offset, name) == 0) {
			*off = w->names[i].offset;
			return true;
		}
	if (w->nr_names == GP_FDT_NAMES_MAX)
		return fail(w, GP_FDT_ENAMES);
	n = strlen(name) + 1;
	if (!reserve(w, &w->strings, &w->strings_cap, w->strings_len, n))
		return false;
	memcpy(w->strings + w->strings_len, name, n);
	*off = (uint32_t)w->strings_len;
	w->names[w->nr_names++] = (struct gp_fdt_name){ name, *off };
	w->strings_len += n;
	return true;
}

void gp_fdt_property(struct gp_fdt_writer *w, const char *name, const void *val, size_t len)
{
	uint32_t off;

	if (!name_offset(w, name, &off) ||
	    !reserve(w, &w->buf, &w->cap, w->len, 3 * FDT_TAG_SIZE + align_up(len)))
		return;
	put_tag(w, FDT_PROP);
	put32(w->buf + w->len, (uint32_t)len);
	put32(w->buf + w->len + FDT_TAG_SIZE, off);
	w->len += 2 * FDT_TAG_SIZE;
	put_padded(w, val, len);
}

int gp_fdt_finish(struct gp_fdt_writer *w, void **blob, size_t *len)
{
	size_t struct_size, total;
	int err;

	if (w->err == GP_FDT_OK && w->depth != 0)
		fail(w, GP_FDT_ENESTING);
	if (reserve(w, &w->buf, &w->cap, w->len, FDT_TAG_SIZE + w->strings_len)) {
		put_tag(w, FDT_END);
		struct_size = w->len - FDT_STRUCT_OFFSET;
		if (w->strings_len > 0)
			memcpy(w->buf + w->len, w->strings, w->strings_len);
		total = w->len + w->strings_len;
		put32(w->buf + 4 * H_MAGIC, FDT_MAGIC_VALUE);
		put32(w->buf + 4 * H_TOTALSIZE, (uint32_t)total);
		put32(w->buf + 4 * H_OFF_STRUCT, FDT_STRUCT_OFFSET);
		put32(w->buf + 4 * H_OFF_STRINGS, (uint32_t)w->len);
		put32(w->buf + 4 * H_OFF_RSVMAP, FDT_HEADER_SIZE);
		put32(w->buf + 4 * H_VERSION, FDT_VERSION);
		put32(w->buf + 4 * H_LAST_COMP, FDT_LAST_COMPATIBLE_VERSION);
		put32(w->buf + 4 * H_BOOT_CPUID, 0);
		put32(w->buf + 4 * H_SIZE_STRINGS, (uint32_t)w->strings_len);
		put32(w->buf + 4 * H_SIZE_STRUCT, (uint32_t)struct_size);
		*blob = w->buf;
		*len = total;
		w->buf = NULL;
	}
	err = w->err;
	free(w->buf);
	free(w->strings);
	w->buf = w->strings = NULL;
	return err;
}

const char *gp_fdt_strerror(int err)
{
	switch (err) {
	case GP_FDT_OK: return "no error";
	case GP_FDT_ENOMEM: return "out of memory";
	case GP_FDT_ETOOBIG: return "the tree would pass the size limit";
	case GP_FDT_ENESTING: return "nodes not closed in order";
	case GP_FDT_ENAMES: return "too many distinct property names";
	case GP_FDT_EVALUE: return "a property value could not be built";
	}
	return "unknown error";
}
