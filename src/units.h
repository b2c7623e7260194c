/* SPDX-License-Identifier: MIT */
/* Addresses and sizes as users write them: "0x8000000", "134217728", "128MiB". */
#ifndef GP_UNITS_H
#define GP_UNITS_H

#include <stdbool.h>
#include <stdint.h>

#define GP_KiB (UINT64_C(1) << 10)
#define GP_MiB (UINT64_C(1) << 20)
#define GP_GiB (UINT64_C(1) << 30)
#define GP_TiB (UINT64_C(1) << 40)

/*
 * Parse an unsigned 64-bit quantity: a hexadecimal ("0x...") or decimal
 * number, optionally followed by a binary unit suffix (KiB, MiB, GiB, TiB;
 * K, M, G, T accepted as the same). Underscores between digits are ignored
 * ("0x40_0000_0000"). Returns 0, or -1 when @s is not such a number or the
 * value does not fit 64 bits.
 */
int gp_parse_u64(const char *s, uint64_t *out);

/* Parse a plain decimal unsigned integer that fits @max. Returns 0 or -1. */
int gp_parse_uint(const char *s, uint64_t max, uint64_t *out);

/* Format @v as "0x..." (lower case, no padding) into @buf of @len bytes. */
const char *gp_hex(char *buf, unsigned len, uint64_t v);

/* Room for what gp_size_str and gp_size_exact_str write, with the terminating NUL. */
#define GP_SIZE_STR_MAX 48

/*
 * Format a size for people, the one style of every text output: whole units
 * as "128 KiB", "16 MiB"; otherwise one decimal, rounded ("127.4 MiB"); below
 * 1 KiB in bytes ("24 B"). Where the exact size matters, use gp_size_exact_str.
 */
const char *gp_size_str(char *buf, unsigned len, uint64_t v);

/* A size exactly and for people: "0x7f60000 (127.4 MiB)". */
const char *gp_size_exact_str(char *buf, unsigned len, uint64_t v);

/* True when @v is a multiple of @align (a power of two). */
static inline bool gp_aligned(uint64_t v, uint64_t align)
{
	return (v & (align - 1)) == 0;
}

/* a + b, or false on 64-bit overflow. */
static inline bool gp_add(uint64_t a, uint64_t b, uint64_t *sum)
{
	return !__builtin_add_overflow(a, b, sum);
}

/* a * b, or false on 64-bit overflow. */
static inline bool gp_mul(uint64_t a, uint64_t b, uint64_t *prod)
{
	return !__builtin_mul_overflow(a, b, prod);
}

#endif
