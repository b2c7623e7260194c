/* SPDX-License-Identifier: MIT */
/*
 * One pass over a blob, bounds checked as libfdt's fdt_check_full checks it
 * (dtc's libfdt/fdt_check.c, fdt_check_full; fdt.c, fdt_check_header and
 * fdt_next_tag; fdt_ro.c, fdt_num_mem_rsv and fdt_get_string), but stricter
 * wherever that is simpler: a blob this pass accepts, fdt_check_full accepts
 * (tests/test_fdt_check.c and the dt fuzz target hold the two to that), and
 * anything else is handed to libfdt, whose answer stands. fdt_check_full
 * steps through node names a byte a call; memchr does it here.
 */
#include "fdt_check.h"

#include <libfdt.h>
#include <stdint.h>
#include <string.h>

#define FDT_VERSION_PLAIN 17u  /* the version dtc and every VMM write */
#define FDT_LAST_COMP_MIN 16u  /* ... compatible back to 16 */

/* Tags start on FDT_TAGSIZE boundaries. */
static uint64_t tag_align(uint64_t off)
{
	return (off + FDT_TAGSIZE - 1) & ~(uint64_t)(FDT_TAGSIZE - 1);
}

/* [off, off + size) inside [FDT header, total) without wrapping. */
static bool block_inside(uint32_t off, uint32_t size, uint32_t total)
{
	return off >= sizeof(struct fdt_header) && off <= total && size <= total - off;
}

static bool header_plain(const void *fdt, size_t len)
{
	uint32_t total;

	if (len < sizeof(struct fdt_header) || fdt_magic(fdt) != FDT_MAGIC ||
	    fdt_version(fdt) != FDT_VERSION_PLAIN ||
	    fdt_last_comp_version(fdt) < FDT_LAST_COMP_MIN ||
	    fdt_last_comp_version(fdt) > FDT_VERSION_PLAIN)
		return false;
	total = fdt_totalsize(fdt);
	return total <= len && total <= INT32_MAX &&
	       fdt_off_mem_rsvmap(fdt) % sizeof(fdt64_t) == 0 &&
	       block_inside(fdt_off_mem_rsvmap(fdt), 0, total) &&
	       fdt_off_dt_struct(fdt) % FDT_TAGSIZE == 0 &&
	       block_inside(fdt_off_dt_struct(fdt), fdt_size_dt_struct(fdt), total) &&
	       block_inside(fdt_off_dt_strings(fdt), fdt_size_dt_strings(fdt), total);
}

/* The reserve map ends (an entry of size 0) inside the blob. */
static bool reserve_map_plain(const void *fdt)
{
	const uint8_t *base = fdt;
	uint32_t total = fdt_totalsize(fdt);

	for (uint64_t off = fdt_off_mem_rsvmap(fdt);
	     off + sizeof(struct fdt_reserve_entry) <= total;
	     off += sizeof(struct fdt_reserve_entry)) {
		const struct fdt_reserve_entry *e = (const void *)(base + off);

		if (fdt64_ld(&e->size) == 0)
			return true;
	}
	return false;
}

/* A property's name: an offset into the strings block, NUL-terminated there. */
static bool name_plain(const char *strings, uint32_t size, uint32_t nameoff)
{
	return nameoff < size && memchr(strings + nameoff, '\0', size - nameoff) != NULL;
}

bool gp_fdt_plainly_valid(const void *blob, size_t len)
{
	const uint8_t *s;
	const char *strings;
	uint32_t size, strings_size, depth = 0;
	uint64_t off = 0;
	bool root_seen = false;

	if (!header_plain(blob, len) || !reserve_map_plain(blob))
		return false;
	s = (const uint8_t *)blob + fdt_off_dt_struct(blob);
	size = fdt_size_dt_struct(blob);
	strings = (const char *)blob + fdt_off_dt_strings(blob);
	strings_size = fdt_size_dt_strings(blob);
	for (;;) {
		uint32_t tag;
		uint64_t end;

		if (off + FDT_TAGSIZE > size)
			return false;
		tag = fdt32_ld((const void *)(s + off));
		end = off + FDT_TAGSIZE;
		/* After the root node closes only FDT_END may come. */
		if (root_seen && depth == 0 && tag != FDT_END)
			return false;
		switch (tag) {
		case FDT_BEGIN_NODE: {
			const uint8_t *nul = memchr(s + end, '\0', size - end);

			if (nul == NULL || (depth == 0 && nul != s + end))
				return false;
			end = (uint64_t)(nul - s) + 1;
			depth++;
			root_seen = true;
			break;
		}
		case FDT_PROP: {
			const struct fdt_property *p = (const void *)(s + off);

			if (depth == 0 || off + sizeof(*p) > size)
				return false;
			end = off + sizeof(*p) + fdt32_ld(&p->len);
			if (end > size || !name_plain(strings, strings_size, fdt32_ld(&p->nameoff)))
				return false;
			break;
		}
		case FDT_END_NODE:
			if (depth == 0)
				return false;
			depth--;
			break;
		case FDT_NOP:
			break;
		case FDT_END:
			return root_seen && depth == 0;
		default:
			return false;
		}
		off = tag_align(end);
	}
}

int gp_fdt_check(const void *blob, size_t len)
{
	return gp_fdt_plainly_valid(blob, len) ? 0 : fdt_check_full(blob, len);
}
