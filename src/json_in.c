/* SPDX-License-Identifier: MIT */
#include "json_in.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "units.h"

#define CHOICES_TEXT_MAX 256 /* a set of choices, quoted, for a message */

json_t *gp_jin_parse(struct gp_jin *j, const char *file, const char *text, size_t len,
		     struct gp_error *err)
{
	json_error_t jerr;
	json_t *root;

	j->file = file;
	j->err = err;
	strcpy(j->path, "$");
	j->len = 1;
	root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (root == NULL)
		gp_fail(err, GP_EXIT_USAGE, "%s: line %d column %d: %s", file, jerr.line,
			jerr.column, jerr.text);
	return root;
}

/* Append @seg to the path, cutting it short rather than overflowing. */
static size_t enter(struct gp_jin *j, const char *seg)
{
	size_t mark = j->len, room = sizeof(j->path) - j->len - 1;
	size_t n = strlen(seg);

	if (n > room)
		n = room;
	memcpy(j->path + j->len, seg, n);
	j->len += n;
	j->path[j->len] = '\0';
	return mark;
}

size_t gp_jin_enter_key(struct gp_jin *j, const char *key)
{
	char seg[GP_JSON_PATH_MAX];

	snprintf(seg, sizeof(seg), ".%s", key);
	return enter(j, seg);
}

size_t gp_jin_enter_index(struct gp_jin *j, size_t index)
{
	char seg[32];

	snprintf(seg, sizeof(seg), "[%zu]", index);
	return enter(j, seg);
}

void gp_jin_leave(struct gp_jin *j, size_t mark)
{
	j->len = mark;
	j->path[mark] = '\0';
}

int gp_jin_fail(struct gp_jin *j, const char *fmt, ...)
{
	char msg[GP_ERROR_MSG_MAX / 2];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return gp_fail(j->err, GP_EXIT_USAGE, "%s: %s: %s", j->file, j->path, msg);
}

static const char *type_name(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return "an object";
	case JSON_ARRAY: return "an array";
	case JSON_STRING: return "a string";
	case JSON_INTEGER: return "an integer";
	case JSON_REAL: return "a real number";
	case JSON_TRUE:
	case JSON_FALSE: return "a boolean";
	case JSON_NULL: return "null";
	}
	return "a value";
}

int gp_jin_object(struct gp_jin *j, json_t *v, const char *const *allowed)
{
	const char *key;
	json_t *member;

	if (!json_is_object(v))
		return gp_jin_fail(j, "expected an object, found %s", type_name(v));
	json_object_foreach(v, key, member) {
		const char *const *a;

		for (a = allowed; *a != NULL; a++)
			if (strcmp(*a, key) == 0)
				break;
		if (*a == NULL) {
			size_t mark = gp_jin_enter_key(j, key);

			gp_jin_fail(j, "unknown key");
			gp_jin_leave(j, mark);
			return -1;
		}
	}
	return 0;
}

json_t *gp_jin_member(struct gp_jin *j, json_t *obj, const char *key, bool required)
{
	json_t *v = json_object_get(obj, key);

	if (v == NULL || json_is_null(v)) {
		if (required) {
			size_t mark = gp_jin_enter_key(j, key);

			gp_jin_fail(j, "missing");
			gp_jin_leave(j, mark);
		}
		return NULL;
	}
	return v;
}

int gp_jin_value_u64(struct gp_jin *j, json_t *v, uint64_t *out)
{
	if (json_is_integer(v)) {
		json_int_t i = json_integer_value(v);

		if (i < 0)
			return gp_jin_fail(j, "%" JSON_INTEGER_FORMAT " is negative", i);
		*out = (uint64_t)i;
		return 0;
	}
	if (json_is_string(v)) {
		if (gp_parse_u64(json_string_value(v), out) != 0)
			return gp_jin_fail(j, "\"%.64s\" is not an address or size (hex, decimal, "
					      "or with KiB/MiB/GiB/TiB)", json_string_value(v));
		return 0;
	}
	return gp_jin_fail(j, "expected an address or size, found %s", type_name(v));
}

/* A reader of one JSON value into @out; @arg carries its limits. */
typedef int (*value_reader)(struct gp_jin *j, json_t *v, void *out, const void *arg);

/*
 * Read member @key of @obj with @read, the path pointing at it. Returns 1 when
 * read, 0 when absent and not @required, -1 on error.
 */
static int read_member(struct gp_jin *j, json_t *obj, const char *key, bool required,
		       value_reader read, void *out, const void *arg)
{
	json_t *v = gp_jin_member(j, obj, key, required);
	size_t mark;
	int rc;

	if (v == NULL)
		return gp_failed(j->err) ? -1 : 0;
	mark = gp_jin_enter_key(j, key);
	rc = read(j, v, out, arg);
	gp_jin_leave(j, mark);
	return rc < 0 ? -1 : 1;
}

static int read_object(struct gp_jin *j, json_t *v, void *out, const void *arg)
{
	*(json_t **)out = v;
	return gp_jin_object(j, v, arg);
}

int gp_jin_sub_object(struct gp_jin *j, json_t *obj, const char *key, bool required,
		      const char *const *keys, json_t **out)
{
	*out = NULL;
	return read_member(j, obj, key, required, read_object, out, keys);
}

static int read_u64(struct gp_jin *j, json_t *v, void *out, const void *arg)
{
	(void)arg;
	return gp_jin_value_u64(j, v, out);
}

int gp_jin_u64(struct gp_jin *j, json_t *obj, const char *key, bool required, uint64_t *out)
{
	return read_member(j, obj, key, required, read_u64, out, NULL);
}

static int read_int(struct gp_jin *j, json_t *v, void *outp, const void *arg)
{
	const int64_t *range = arg, min = range[0], max = range[1];
	int64_t *out = outp;
	json_int_t i;

	if (!json_is_integer(v))
		return gp_jin_fail(j, "expected an integer, found %s", type_name(v));
	i = json_integer_value(v);
	if (i < min || i > max)
		return gp_jin_fail(j, "%" JSON_INTEGER_FORMAT " is outside %" PRId64 "..%" PRId64,
				   i, min, max);
	*out = i;
	return 0;
}

int gp_jin_int(struct gp_jin *j, json_t *obj, const char *key, bool required, int64_t min,
	       int64_t max, int64_t *out)
{
	const int64_t range[2] = { min, max };

	return read_member(j, obj, key, required, read_int, out, range);
}

static int read_bool(struct gp_jin *j, json_t *v, void *outp, const void *arg)
{
	bool *out = outp;

	(void)arg;
	if (!json_is_boolean(v))
		return gp_jin_fail(j, "expected true or false, found %s", type_name(v));
	*out = json_is_true(v);
	return 0;
}

int gp_jin_bool(struct gp_jin *j, json_t *obj, const char *key, bool required, bool *out)
{
	return read_member(j, obj, key, required, read_bool, out, NULL);
}

static int read_string_into(struct gp_jin *j, json_t *v, char *buf, size_t cap)
{
	size_t n;

	if (!json_is_string(v))
		return gp_jin_fail(j, "expected a string, found %s", type_name(v));
	n = json_string_length(v);
	if (n >= cap)
		return gp_jin_fail(j, "longer than %zu bytes", cap - 1);
	if (strlen(json_string_value(v)) != n)
		return gp_jin_fail(j, "contains a NUL character");
	memcpy(buf, json_string_value(v), n + 1);
	return 0;
}

static int read_string(struct gp_jin *j, json_t *v, void *out, const void *arg)
{
	return read_string_into(j, v, out, *(const size_t *)arg);
}

int gp_jin_string(struct gp_jin *j, json_t *obj, const char *key, bool required, char *buf,
		  size_t cap)
{
	return read_member(j, obj, key, required, read_string, buf, &cap);
}

/* Where a string list goes: its buffer, capacity and resulting length. */
struct strlist_out {
	char *buf;
	size_t cap;
	size_t *len;
};

static int read_strlist(struct gp_jin *j, json_t *v, void *outp, const void *arg)
{
	struct strlist_out *o = outp;
	char *buf = o->buf;
	size_t cap = o->cap, *len = o->len;

	size_t used = 0, i;
	json_t *s;

	(void)arg;
	if (json_is_string(v)) {
		if (read_string_into(j, v, buf, cap) < 0)
			return -1;
		*len = strlen(buf) + 1;
		return 0;
	}
	if (!json_is_array(v) || json_array_size(v) == 0)
		return gp_jin_fail(j, "expected a string or a non-empty array of strings");
	json_array_foreach(v, i, s) {
		size_t mark = gp_jin_enter_index(j, i);
		int rc = read_string_into(j, s, buf + used, cap - used);

		gp_jin_leave(j, mark);
		if (rc < 0)
			return -1;
		if (buf[used] == '\0')
			return gp_jin_fail(j, "element %zu is empty", i);
		used += strlen(buf + used) + 1;
	}
	*len = used;
	return 0;
}

int gp_jin_choice(struct gp_jin *j, json_t *obj, const char *key, const char *const *names,
		  size_t n, int *out)
{
	char buf[GP_JIN_CHOICE_MAX], list[CHOICES_TEXT_MAX] = "";
	size_t mark;
	int rc = gp_jin_string(j, obj, key, false, buf, sizeof(buf));

	if (rc <= 0)
		return rc;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(buf, names[i]) == 0) {
			*out = (int)i;
			return 1;
		}
		snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s\"%s\"",
			 i == 0 ? "" : i + 1 == n ? " or " : ", ", names[i]);
	}
	mark = gp_jin_enter_key(j, key);
	gp_jin_fail(j, "\"%s\" is not %s", buf, list);
	gp_jin_leave(j, mark);
	return -1;
}

int gp_jin_choice_bool(struct gp_jin *j, json_t *obj, const char *key,
		       const char *const names[2], bool *out)
{
	int v = *out;
	int rc = gp_jin_choice(j, obj, key, names, 2, &v);

	*out = v != 0;
	return rc;
}

int gp_jin_strlist(struct gp_jin *j, json_t *obj, const char *key, bool required, char *buf,
		   size_t cap, size_t *len)
{
	struct strlist_out o = { buf, cap, len };

	return read_member(j, obj, key, required, read_strlist, &o, NULL);
}

json_t *gp_json_hex(uint64_t v)
{
	char buf[24];

	return json_string(gp_hex(buf, sizeof(buf), v));
}

json_t *gp_json_strlist(const char *list, size_t len)
{
	json_t *a = json_array();

	for (size_t off = 0; off < len; off += strlen(list + off) + 1)
		json_array_append_new(a, json_string(list + off));
	return a;
}
