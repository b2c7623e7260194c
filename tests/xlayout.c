#include "xlayout.h"

#include <check.h>
#include <stdlib.h>

#define X_KIB (UINT64_C(1) << 10)

uint64_t x_u64(const json_t *v)
{
	char digits[64];
	const char *s;
	char *end;
	size_t n = 0;
	uint64_t val, mult = 1;

	if (json_is_integer(v))
		return (uint64_t)json_integer_value(v);
	ck_assert_msg(json_is_string(v), "layout value is neither integer nor string");
	for (s = json_string_value(v); *s && n + 1 < sizeof(digits); s++)
		if (*s != '_')
			digits[n++] = *s;
	digits[n] = '\0';
	val = strtoull(digits, &end, 0);
	switch (*end) {
	case 'K': mult = X_KIB; break;
	case 'M': mult = X_KIB * X_KIB; break;
	case 'G': mult = X_KIB * X_KIB * X_KIB; break;
	case 'T': mult = X_KIB * X_KIB * X_KIB * X_KIB; break;
	case '\0': break;
	default: ck_abort_msg("cannot read size \"%s\"", json_string_value(v));
	}
	return val * mult;
}
