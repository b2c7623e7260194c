/* SPDX-License-Identifier: MIT */
/*
 * Strict JSON reading for layout and plan files: every value is checked for
 * type and range, unknown keys are errors, and every error names the file and
 * the JSON path of the offending value ("virt.json: $.placements[1].gicd: ...").
 */
#ifndef GP_JSON_IN_H
#define GP_JSON_IN_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

#define GP_JSON_PATH_MAX 256

struct gp_jin {
	const char *file;             /* named in every error */
	char path[GP_JSON_PATH_MAX];  /* JSON path of the value being read, "$" at the top */
	size_t len;                   /* strlen(path) */
	struct gp_error *err;
};

/* Parse @len bytes of @text from @file. Errors name file, line and column. */
json_t *gp_jin_parse(struct gp_jin *j, const char *file, const char *text, size_t len,
		     struct gp_error *err);

/* Descend into member @key or element @index; returns a mark for gp_jin_leave. */
size_t gp_jin_enter_key(struct gp_jin *j, const char *key);
size_t gp_jin_enter_index(struct gp_jin *j, size_t index);
void gp_jin_leave(struct gp_jin *j, size_t mark);

/* Record "FILE: PATH: message" (exit 2) and return -1. */
int gp_jin_fail(struct gp_jin *j, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * Check that @v (at the current path) is an object whose keys are all in the
 * NULL-terminated list @allowed. Returns 0 or -1.
 */
int gp_jin_object(struct gp_jin *j, json_t *v, const char *const *allowed);

/*
 * Member @key of @obj. Absent: NULL, and an error if @required.
 * JSON null counts as absent.
 */
json_t *gp_jin_member(struct gp_jin *j, json_t *obj, const char *key, bool required);

/*
 * The readers below return 1 when @key was present and read into *out, 0 when
 * it is absent and not @required (*out untouched), -1 on error.
 */

/* An address or size: a non-negative JSON integer, or a string gp_parse_u64 accepts. */
int gp_jin_u64(struct gp_jin *j, json_t *obj, const char *key, bool required, uint64_t *out);

/* An integer within [@min, @max] (a JSON integer, not a string). */
int gp_jin_int(struct gp_jin *j, json_t *obj, const char *key, bool required, int64_t min,
	       int64_t max, int64_t *out);

int gp_jin_bool(struct gp_jin *j, json_t *obj, const char *key, bool required, bool *out);

/* A string of at most @cap - 1 bytes, copied into @buf. */
int gp_jin_string(struct gp_jin *j, json_t *obj, const char *key, bool required, char *buf,
		  size_t cap);

/*
 * A device-tree string list: a string or an array of strings, stored as
 * NUL-terminated strings back to back (*@len bytes in all, at most @cap).
 */
int gp_jin_strlist(struct gp_jin *j, json_t *obj, const char *key, bool required, char *buf,
		   size_t cap, size_t *len);

/* One of a fixed set of strings: its longest, and the set as gp_jin_choice takes it. */
#define GP_JIN_CHOICE_MAX 48
#define GP_JIN_NAMES(a) (a), (sizeof(a) / sizeof((a)[0]))

/* One of the @n strings of @names: its index in *@out. An error names the choices. */
int gp_jin_choice(struct gp_jin *j, json_t *obj, const char *key, const char *const *names,
		  size_t n, int *out);

/* gp_jin_choice into a bool: @names[0] is false, @names[1] true. */
int gp_jin_choice_bool(struct gp_jin *j, json_t *obj, const char *key,
		       const char *const names[2], bool *out);

/*
 * Member @key of @obj, an object whose keys are all in @keys: into *@out.
 * Returns 1 when present, 0 when absent and not @required, -1 on error.
 */
int gp_jin_sub_object(struct gp_jin *j, json_t *obj, const char *key, bool required,
		      const char *const *keys, json_t **out);

/* A u64 from a JSON value already in hand (for array elements). */
int gp_jin_value_u64(struct gp_jin *j, json_t *v, uint64_t *out);

/* A new JSON string "0x..." for an address or size. */
json_t *gp_json_hex(uint64_t v);

/* A JSON array of the strings in a device-tree string list. */
json_t *gp_json_strlist(const char *list, size_t len);

#endif
