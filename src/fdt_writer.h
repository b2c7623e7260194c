/* SPDX-License-Identifier: MIT */
/*
 * A sequential writer of flattened device-tree blobs (Devicetree
 * Specification v0.4, chapter 5: header, memory reservation block, structure
 * block, strings block), for emit_fdt; the format's tags, header and property
 * layout are libfdt's (fdt.h). Each property name is stored once, in the order
 * of first use, and found again by its text through a small hash table: a
 * caller may build names in one buffer it reuses, and writing a property costs
 * a few stores and one short compare whatever the size of the tree.
 *
 * Errors stick: after the first, calls do nothing and gp_fdt_finish reports it.
 */
#ifndef GP_FDT_WRITER_H
#define GP_FDT_WRITER_H

#include <stddef.h>
#include <stdint.h>

enum gp_fdt_error {
	GP_FDT_OK = 0,
	GP_FDT_ENOMEM = -1,     /* out of memory */
	GP_FDT_ETOOBIG = -2,    /* the blob would pass the limit */
	GP_FDT_ENESTING = -3,   /* end_node without begin_node, or finish inside a node */
	GP_FDT_ENAMES = -4,     /* more distinct property names than the writer keeps */
	GP_FDT_EVALUE = -5,     /* the caller could not build a value (gp_fdt_fail) */
};

/* Property names a tree may use (gicplan's use a few dozen). */
#define GP_FDT_NAMES_MAX 128
/* Slots of the name table, a power of two: at most half of them are used. */
#define GP_FDT_NAME_SLOT_BITS 8
#define GP_FDT_NAME_SLOTS (1u << GP_FDT_NAME_SLOT_BITS)
_Static_assert(GP_FDT_NAME_SLOTS >= 2 * GP_FDT_NAMES_MAX, "the name table stays half free");

/* A name kept in the strings block: its key (fdt_writer.c) and where it starts. */
struct gp_fdt_name {
	uint64_t head;      /* its first eight bytes (fewer: zero-filled) */
	uint64_t tail;      /* its last eight bytes, when it has eight or more */
	uint32_t size;      /* strlen + 1; 0 marks a free slot */
	uint32_t offset;    /* in the strings block */
};

struct gp_fdt_writer {
	char *buf;          /* header, reserve map, structure block; strings at finish */
	size_t len;
	size_t cap;
	size_t limit;       /* the largest blob allowed */
	char *strings;
	size_t strings_len;
	size_t strings_cap;
	struct gp_fdt_name names[GP_FDT_NAME_SLOTS];   /* keyed by the name's text */
	size_t nr_names;
	int depth;
	int err;
};

/* Start a blob of at most @limit bytes, with room for about @size_hint. */
int gp_fdt_writer_init(struct gp_fdt_writer *w, size_t size_hint, size_t limit);

void gp_fdt_begin_node(struct gp_fdt_writer *w, const char *name);
void gp_fdt_end_node(struct gp_fdt_writer *w);
/* @name is read during the call only: the writer keeps its own copy. */
void gp_fdt_property(struct gp_fdt_writer *w, const char *name, const void *val, size_t len);

/* Record error @err (the caller's own), unless an earlier one is recorded. */
void gp_fdt_fail(struct gp_fdt_writer *w, int err);

/*
 * Close the blob: *@blob (free() it) holds *@len bytes. Returns 0 or the first
 * enum gp_fdt_error; the writer is released either way.
 */
int gp_fdt_finish(struct gp_fdt_writer *w, void **blob, size_t *len);

/* What @err means, for messages. */
const char *gp_fdt_strerror(int err);

#endif
