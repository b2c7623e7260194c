/* SPDX-License-Identifier: MIT */
#include "fdt_writer.h"

#include <libfdt.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/*
 * The layout written (libfdt's fdt.h names every part): the header, an empty
 * memory reservation map (its all-zero terminating entry), the structure
 * block, the strings block.
 */
#define STRUCT_OFFSET (sizeof(struct fdt_header) + sizeof(struct fdt_reserve_entry))
_Static_assert(sizeof(struct fdt_header) == FDT_V17_SIZE, "a version 17 header");

/* 2^64 / phi (its integer part, which is odd). */
#define GOLDEN_RATIO_64 0x9e3779b97f4a7c15u

/* Structure block items are as aligned as their tags. */
#define ITEM_ALIGN FDT_TAGSIZE

/* Store @v big-endian at @p, which need not be aligned. */
static void put32(char *p, uint32_t v)
{
	fdt32_t be = cpu_to_fdt32(v);

	memcpy(p, &be, sizeof(be));
}

static size_t align_up(size_t v)
{
	return (v + ITEM_ALIGN - 1) & ~(size_t)(ITEM_ALIGN - 1);
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
	size_t need = len + more, n = *cap ? *cap : STRUCT_OFFSET * 16;
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
	if (!reserve(w, &w->buf, &w->cap, 0, size_hint > STRUCT_OFFSET ? size_hint : STRUCT_OFFSET))
		return w->err;
	/* Header, filled in at finish; then an empty reserve map. */
	memset(w->buf, 0, STRUCT_OFFSET);
	w->len = STRUCT_OFFSET;
	return GP_FDT_OK;
}

static void put_tag(struct gp_fdt_writer *w, uint32_t tag)
{
	put32(w->buf + w->len, tag);
	w->len += FDT_TAGSIZE;
}

/* Append @n bytes and zero padding to the next tag boundary. */
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

	if (!reserve(w, &w->buf, &w->cap, w->len, sizeof(struct fdt_node_header) + align_up(n)))
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
	if (!reserve(w, &w->buf, &w->cap, w->len, FDT_TAGSIZE))
		return;
	put_tag(w, FDT_END_NODE);
	w->depth--;
}

/*
 * A name's key: its size and its first and last eight bytes, which hold the
 * whole text of the names up to 16 characters (all of a cpu node's).
 */
struct name_key {
	uint64_t head;
	uint64_t tail;
	uint32_t size;      /* strlen + 1 */
};

static struct name_key name_key(const char *name)
{
	struct name_key k = { 0, 0, 0 };
	size_t n = strlen(name);

	if (n >= sizeof(k.head)) {
		memcpy(&k.head, name, sizeof(k.head));
		memcpy(&k.tail, name + n - sizeof(k.tail), sizeof(k.tail));
	} else {
		for (size_t i = 0; i < n; i++)
			k.head |= (uint64_t)(unsigned char)name[i] << (CHAR_BIT * i);
	}
	k.size = (uint32_t)(n + 1);
	return k;
}

/*
 * The key's home slot: its words folded by multiplying by 2^64 / phi, whose
 * product's top bits are well spread (Fibonacci hashing).
 */
static uint32_t name_slot(const struct name_key *k)
{
	uint64_t mix = (k->head ^ k->size) * GOLDEN_RATIO_64 ^ k->tail;

	return (uint32_t)((mix * GOLDEN_RATIO_64) >> (64 - GP_FDT_NAME_SLOT_BITS));
}

/* Whether @slot holds @name, of key @k: the key, then the middle bytes of a long name. */
static bool name_is(const struct gp_fdt_writer *w, const struct gp_fdt_name *slot,
		    const struct name_key *k, const char *name)
{
	return slot->size == k->size && slot->head == k->head && slot->tail == k->tail &&
	       (k->size <= 2 * sizeof(k->head) + 1 ||
		memcmp(w->strings + slot->offset, name, k->size) == 0);
}

/* The strings-block offset of @name, added on first use. */
static bool name_offset(struct gp_fdt_writer *w, const char *name, uint32_t *off)
{
	struct name_key k = name_key(name);
	struct gp_fdt_name *slot;
	uint32_t i;

	for (i = name_slot(&k);; i = (i + 1) & (GP_FDT_NAME_SLOTS - 1)) {
		slot = &w->names[i];
		if (slot->size == 0)
			break;
		if (name_is(w, slot, &k, name)) {
			*off = slot->offset;
			return true;
		}
	}
	if (w->nr_names == GP_FDT_NAMES_MAX)
		return fail(w, GP_FDT_ENAMES);
	if (!reserve(w, &w->strings, &w->strings_cap, w->strings_len, k.size))
		return false;
	memcpy(w->strings + w->strings_len, name, k.size);
	*off = (uint32_t)w->strings_len;
	*slot = (struct gp_fdt_name){ k.head, k.tail, k.size, *off };
	w->nr_names++;
	w->strings_len += k.size;
	return true;
}

void gp_fdt_property(struct gp_fdt_writer *w, const char *name, const void *val, size_t len)
{
	struct fdt_property head;
	uint32_t off;

	if (!name_offset(w, name, &off) ||
	    !reserve(w, &w->buf, &w->cap, w->len, sizeof(head) + align_up(len)))
		return;
	head.tag = cpu_to_fdt32(FDT_PROP);
	head.len = cpu_to_fdt32((uint32_t)len);
	head.nameoff = cpu_to_fdt32(off);
	memcpy(w->buf + w->len, &head, sizeof(head));
	w->len += sizeof(head);
	put_padded(w, val, len);
}

int gp_fdt_finish(struct gp_fdt_writer *w, void **blob, size_t *len)
{
	size_t total;
	int err;

	if (w->err == GP_FDT_OK && w->depth != 0)
		fail(w, GP_FDT_ENESTING);
	if (reserve(w, &w->buf, &w->cap, w->len, FDT_TAGSIZE + w->strings_len)) {
		put_tag(w, FDT_END);
		if (w->strings_len > 0)
			memcpy(w->buf + w->len, w->strings, w->strings_len);
		total = w->len + w->strings_len;
		/* The buffer is malloc's, so aligned for the header's fields. */
		fdt_set_magic(w->buf, FDT_MAGIC);
		fdt_set_totalsize(w->buf, (uint32_t)total);
		fdt_set_off_dt_struct(w->buf, STRUCT_OFFSET);
		fdt_set_off_dt_strings(w->buf, (uint32_t)w->len);
		fdt_set_off_mem_rsvmap(w->buf, sizeof(struct fdt_header));
		/* Version 17, as libfdt's own writer gives, readable by version 16 readers. */
		fdt_set_version(w->buf, FDT_LAST_SUPPORTED_VERSION);
		fdt_set_last_comp_version(w->buf, FDT_LAST_COMPATIBLE_VERSION);
		fdt_set_boot_cpuid_phys(w->buf, 0);
		fdt_set_size_dt_strings(w->buf, (uint32_t)w->strings_len);
		fdt_set_size_dt_struct(w->buf, (uint32_t)(w->len - STRUCT_OFFSET));
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
