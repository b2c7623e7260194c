/* SPDX-License-Identifier: MIT */
#include "units.h"

#include <stdio.h>
#include <string.h>

/* Each binary unit is 1024 of the one below it. */
#define UNIT_STEP 1024

static const struct {
	const char *suffix;
	unsigned shift;
} unit_suffixes[] = {
	{ "KiB", 10 }, { "MiB", 20 }, { "GiB", 30 }, { "TiB", 40 },
	{ "K", 10 },   { "M", 20 },   { "G", 30 },   { "T", 40 },
};

static int digit_value(char c, unsigned base)
{
	int v;

	if (c >= '0' && c <= '9')
		v = c - '0';
	else if (c >= 'a' && c <= 'f')
		v = c - 'a' + 10;
	else if (c >= 'A' && c <= 'F')
		v = c - 'A' + 10;
	else
		return -1;
	return (unsigned)v < base ? v : -1;
}

int gp_parse_u64(const char *s, uint64_t *out)
{
	unsigned base = 10;
	uint64_t v = 0;
	bool any = false;
	const char *p = s;

	if (s == NULL)
		return -1;
	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
		base = 16;
		p += 2;
	}
	for (; *p; p++) {
		int d;

		if (*p == '_' && any && p[1] != '\0' && digit_value(p[1], base) >= 0)
			continue;
		d = digit_value(*p, base);
		if (d < 0)
			break;
		if (!gp_mul(v, base, &v) || !gp_add(v, (uint64_t)d, &v))
			return -1;
		any = true;
	}
	if (!any)
		return -1;
	if (*p != '\0') {
		size_t i;

		for (i = 0; i < sizeof(unit_suffixes) / sizeof(unit_suffixes[0]); i++)
			if (strcmp(p, unit_suffixes[i].suffix) == 0)
				break;
		if (i == sizeof(unit_suffixes) / sizeof(unit_suffixes[0]))
			return -1;
		if (v > (UINT64_MAX >> unit_suffixes[i].shift))
			return -1;
		v <<= unit_suffixes[i].shift;
	}
	*out = v;
	return 0;
}

int gp_parse_uint(const char *s, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;

	if (s == NULL || *s == '\0')
		return -1;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		if (!gp_mul(v, 10, &v) || !gp_add(v, (uint64_t)(*p - '0'), &v))
			return -1;
	}
	if (v > max)
		return -1;
	*out = v;
	return 0;
}

const char *gp_hex(char *buf, unsigned len, uint64_t v)
{
	snprintf(buf, len, "0x%llx", (unsigned long long)v);
	return buf;
}

const char *gp_size_str(char *buf, unsigned len, uint64_t v)
{
	static const struct {
		const char *name;
		unsigned shift;
	} units[] = { { "TiB", 40 }, { "GiB", 30 }, { "MiB", 20 }, { "KiB", 10 } };

	for (unsigned i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		uint64_t unit = UINT64_C(1) << units[i].shift, whole = v >> units[i].shift;
		/* The part below one unit, in tenths rounded to nearest: below 10 x 2^40. */
		uint64_t tenths = ((v & (unit - 1)) * 10 + unit / 2) >> units[i].shift;

		if (whole == 0)
			continue;
		if (gp_aligned(v, unit)) {
			snprintf(buf, len, "%llu %s", (unsigned long long)whole, units[i].name);
		} else {
			if (tenths == 10) {
				whole++;
				tenths = 0;
			}
			/* Rounded up to 1024 of a unit: 1.0 of the next one. */
			if (whole == UNIT_STEP && i > 0) {
				snprintf(buf, len, "1.0 %s", units[i - 1].name);
				return buf;
			}
			snprintf(buf, len, "%llu.%llu %s", (unsigned long long)whole,
				 (unsigned long long)tenths, units[i].name);
		}
		return buf;
	}
	snprintf(buf, len, "%llu B", (unsigned long long)v);
	return buf;
}

const char *gp_size_exact_str(char *buf, unsigned len, uint64_t v)
{
	char human[GP_SIZE_STR_MAX];

	snprintf(buf, len, "0x%llx (%s)", (unsigned long long)v,
		 gp_size_str(human, sizeof(human), v));
	return buf;
}
