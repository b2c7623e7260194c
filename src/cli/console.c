/* SPDX-License-Identifier: MIT */
/* The emulator's MMIO console (see console.h). libc and gic_emul only. */
#include "console.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gic_emul.h"

#define MAX_WORDS       6       /* the longest command: irq_set ppi CPU INTID LEVEL */
#define SHOWN_CMD_MAX   40      /* characters of an unknown command echoed back */
#define SIGNALLED_SHOWN 16      /* CPUs listed by irq_signalled */
#define CPU_TEXT_MAX    12      /* " 4294967295" */
#define BYTE_BITS       8
#define READ_WORD       "read"  /* readb, readw, readl, readq */
#define WRITE_WORD      "write" /* writeb, writew, writel, writeq */

struct words {
	char *w[MAX_WORDS];
	unsigned n;
	bool too_many;
};

static enum gp_console_status reply_ok(char *reply, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static enum gp_console_status reply_fail(char *reply, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static enum gp_console_status vreply(char *reply, size_t size, const char *word,
				     const char *fmt, va_list ap)
	__attribute__((format(printf, 4, 0)));

static enum gp_console_status vreply(char *reply, size_t size, const char *word,
				     const char *fmt, va_list ap)
{
	int n = snprintf(reply, size, "%s", word);

	if (n >= 0 && (size_t)n < size)
		vsnprintf(reply + n, size - (size_t)n, fmt, ap);
	return GP_CONSOLE_OK;
}

static enum gp_console_status reply_ok(char *reply, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreply(reply, size, "OK", fmt, ap);
	va_end(ap);
	return GP_CONSOLE_OK;
}

static enum gp_console_status reply_fail(char *reply, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreply(reply, size, "FAIL ", fmt, ap);
	va_end(ap);
	return GP_CONSOLE_FAIL;
}

/* Split @line in place on blanks. */
static void split(char *line, struct words *ws)
{
	char *p = line;

	ws->n = 0;
	ws->too_many = false;
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\r')
			p++;
		if (*p == '\0')
			return;
		if (ws->n == MAX_WORDS) {
			ws->too_many = true;
			return;
		}
		ws->w[ws->n++] = p;
		while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\r')
			p++;
		if (*p != '\0')
			*p++ = '\0';
	}
}

/* A number as qtest reads it (strtoull base 0), but refusing signs, junk and overflow. */
static bool parse_u64(const char *s, uint64_t *v)
{
	char *end;
	unsigned long long x;

	if (s == NULL || *s < '0' || *s > '9')
		return false;
	errno = 0;
	x = strtoull(s, &end, 0);
	if (errno != 0 || *end != '\0')
		return false;
	*v = x;
	return true;
}

static bool parse_u32(const char *s, uint32_t *v)
{
	uint64_t x;

	if (!parse_u64(s, &x) || x > UINT32_MAX)
		return false;
	*v = (uint32_t)x;
	return true;
}

/* Copy @s into @out as printable ASCII, cut to SHOWN_CMD_MAX characters. */
static const char *shown(const char *s, char *out, size_t size)
{
	size_t n = 0;

	for (; *s != '\0' && n + 1 < size && n < SHOWN_CMD_MAX; s++)
		out[n++] = (*s >= ' ' && *s <= '~') ? *s : '?';
	out[n] = '\0';
	return out;
}

static unsigned access_size(char suffix)
{
	switch (suffix) {
	case 'b': return 1;
	case 'w': return 2;
	case 'l': return 4;
	case 'q': return 8;
	default: return 0;
	}
}

/* The access size of "@word" + one of b, w, l, q, or 0 when @cmd is not such a command. */
static unsigned sized_command(const char *cmd, const char *word)
{
	size_t n = strlen(word);

	if (strncmp(cmd, word, n) != 0 || cmd[n] == '\0' || cmd[n + 1] != '\0')
		return 0;
	return access_size(cmd[n]);
}

/* FAIL, @why the GIC refused, at @what @at ("address", "cpu", "intid"). */
static enum gp_console_status refused(char *reply, size_t size, const char *why,
				      const char *what, uint64_t at)
{
	return reply_fail(reply, size, "%s (%s 0x%" PRIx64 ")", why, what, at);
}

static enum gp_console_status gic_fail(char *reply, size_t size, int rc, const char *what,
				       uint64_t at)
{
	return refused(reply, size, gic_strerror(rc), what, at);
}

static enum gp_console_status cmd_mmio(const struct gp_console *con, const struct words *ws,
				       bool write, unsigned sz, char *reply, size_t size)
{
	uint64_t addr, val = 0;
	const char *why;
	int rc;

	if (ws->n != (write ? 3u : 2u))
		return reply_fail(reply, size, "%s takes %s", ws->w[0],
				  write ? "ADDR VALUE" : "ADDR");
	if (!parse_u64(ws->w[1], &addr))
		return reply_fail(reply, size, "bad address '%.*s'", SHOWN_CMD_MAX, ws->w[1]);
	if (write && !parse_u64(ws->w[2], &val))
		return reply_fail(reply, size, "bad value '%.*s'", SHOWN_CMD_MAX, ws->w[2]);
	if (write) {
		if (sz < sizeof(uint64_t))
			val &= (UINT64_C(1) << (sz * BYTE_BITS)) - 1;
		rc = gic_mmio_write(con->g, addr, sz, val);
	} else if (con->read != NULL) {
		why = con->read(con->ctx, addr, sz, &val);
		if (why != NULL)
			return refused(reply, size, why, "address", addr);
		rc = 0;
	} else {
		rc = gic_mmio_read(con->g, addr, sz, &val);
	}
	if (rc != 0)
		return gic_fail(reply, size, rc, "address", addr);
	if (write)
		return reply_ok(reply, size, "%s", "");
	return reply_ok(reply, size, " 0x%016" PRIx64, val);
}

static enum gp_console_status cmd_sysreg(struct gic *g, const struct words *ws, bool write,
					 char *reply, size_t size)
{
	uint32_t cpu;
	uint64_t val = 0;
	enum gic_icc_reg reg;
	int rc;

	if (ws->n != (write ? 4u : 3u))
		return reply_fail(reply, size, "%s takes %s", ws->w[0],
				  write ? "CPU NAME VALUE" : "CPU NAME");
	if (!parse_u32(ws->w[1], &cpu))
		return reply_fail(reply, size, "bad CPU '%.*s'", SHOWN_CMD_MAX, ws->w[1]);
	if (gic_icc_reg_by_name(ws->w[2], &reg) != 0)
		return reply_fail(reply, size, "unknown register '%.*s'", SHOWN_CMD_MAX, ws->w[2]);
	if (write && !parse_u64(ws->w[3], &val))
		return reply_fail(reply, size, "bad value '%.*s'", SHOWN_CMD_MAX, ws->w[3]);
	rc = write ? gic_cpu_write(g, cpu, reg, val) : gic_cpu_read(g, cpu, reg, &val);
	if (rc != 0)
		return gic_fail(reply, size, rc, "cpu", cpu);
	if (write)
		return reply_ok(reply, size, "%s", "");
	return reply_ok(reply, size, " 0x%016" PRIx64, val);
}

static enum gp_console_status cmd_irq_set(struct gic *g, const struct words *ws, char *reply,
					  size_t size)
{
	bool ppi = ws->n > 1 && strcmp(ws->w[1], "ppi") == 0;
	bool spi = ws->n > 1 && strcmp(ws->w[1], "spi") == 0;
	uint32_t cpu = 0, intid, level;
	unsigned i = 2;
	int rc;

	if (!(spi && ws->n == 4) && !(ppi && ws->n == 5))
		return reply_fail(reply, size, "irq_set takes 'spi INTID LEVEL' or 'ppi CPU INTID LEVEL'");
	if (ppi && !parse_u32(ws->w[i++], &cpu))
		return reply_fail(reply, size, "bad CPU '%.*s'", SHOWN_CMD_MAX, ws->w[2]);
	if (!parse_u32(ws->w[i], &intid))
		return reply_fail(reply, size, "bad INTID '%.*s'", SHOWN_CMD_MAX, ws->w[i]);
	if (!parse_u32(ws->w[i + 1], &level) || level > 1)
		return reply_fail(reply, size, "LEVEL must be 0 or 1");
	rc = ppi ? gic_set_ppi_level(g, cpu, intid, level) : gic_set_spi_level(g, intid, level);
	if (rc != 0)
		return gic_fail(reply, size, rc, "intid", intid);
	return reply_ok(reply, size, "%s", "");
}

static enum gp_console_status cmd_signalled(struct gic *g, const struct words *ws, char *reply,
					    size_t size)
{
	uint32_t cpus[SIGNALLED_SHOWN];
	uint32_t n, shown_n;
	size_t used;

	if (ws->n != 1)
		return reply_fail(reply, size, "irq_signalled takes no argument");
	n = gic_signalled_cpus(g, cpus, SIGNALLED_SHOWN);
	reply_ok(reply, size, " %" PRIu32, n);
	shown_n = n < SIGNALLED_SHOWN ? n : SIGNALLED_SHOWN;
	used = strlen(reply);
	for (uint32_t i = 0; i < shown_n && used + CPU_TEXT_MAX < size; i++) {
		snprintf(reply + used, size - used, " %" PRIu32, cpus[i]);
		used = strlen(reply);
	}
	return GP_CONSOLE_OK;
}

static enum gp_console_status cmd_redist_base(struct gic *g, const struct words *ws,
					      char *reply, size_t size)
{
	uint32_t cpu;
	uint64_t addr;
	int rc;

	if (ws->n != 2 || !parse_u32(ws->w[1], &cpu))
		return reply_fail(reply, size, "redist_base takes CPU");
	rc = gic_redist_frame_base(g, cpu, &addr);
	if (rc != 0)
		return gic_fail(reply, size, rc, "cpu", cpu);
	return reply_ok(reply, size, " 0x%016" PRIx64, addr);
}

enum gp_console_status gp_console_exec(const struct gp_console *con, const char *line,
				       size_t len, char *reply, size_t size)
{
	struct gic *g = con != NULL ? con->g : NULL;
	char buf[GP_CONSOLE_LINE_MAX + 1];
	char tmp[SHOWN_CMD_MAX + 1];
	struct words ws;
	const char *cmd;

	if (reply == NULL || size < GP_CONSOLE_REPLY_MAX)
		return GP_CONSOLE_FAIL;
	reply[0] = '\0';
	if (line == NULL || g == NULL)
		return reply_fail(reply, size, "no GIC");
	if (len > GP_CONSOLE_LINE_MAX)
		return reply_fail(reply, size, "line longer than %d bytes", GP_CONSOLE_LINE_MAX);
	if (memchr(line, '\0', len) != NULL)
		return reply_fail(reply, size, "NUL byte in line");
	memcpy(buf, line, len);
	buf[len] = '\0';
	split(buf, &ws);
	if (ws.n == 0 || ws.w[0][0] == '#')
		return GP_CONSOLE_SILENT;
	if (ws.too_many)
		return reply_fail(reply, size, "too many arguments");
	cmd = ws.w[0];
	if (sized_command(cmd, READ_WORD) != 0)
		return cmd_mmio(con, &ws, false, sized_command(cmd, READ_WORD), reply, size);
	if (sized_command(cmd, WRITE_WORD) != 0)
		return cmd_mmio(con, &ws, true, sized_command(cmd, WRITE_WORD), reply, size);
	if (strcmp(cmd, "sysreg_read") == 0)
		return cmd_sysreg(g, &ws, false, reply, size);
	if (strcmp(cmd, "sysreg_write") == 0)
		return cmd_sysreg(g, &ws, true, reply, size);
	if (strcmp(cmd, "irq_set") == 0)
		return cmd_irq_set(g, &ws, reply, size);
	if (strcmp(cmd, "irq_signalled") == 0)
		return cmd_signalled(g, &ws, reply, size);
	if (strcmp(cmd, "redist_base") == 0)
		return cmd_redist_base(g, &ws, reply, size);
	return reply_fail(reply, size, "Unknown command '%s'", shown(cmd, tmp, sizeof(tmp)));
}

/*
 * Read one line of @in into @buf (without its newline). *@len gets its length,
 * which may exceed @cap (the excess is dropped). Returns false at end of file
 * with nothing read.
 */
static bool read_line(FILE *in, char *buf, size_t cap, size_t *len)
{
	size_t n = 0;
	bool any = false;
	int ch;

	while ((ch = getc(in)) != EOF) {
		any = true;
		if (ch == '\n')
			break;
		if (n < cap)
			buf[n] = (char)ch;
		n++;
	}
	*len = n;
	return any;
}

int gp_console_run(const struct gp_console *con, FILE *in, FILE *out, FILE *err)
{
	char line[GP_CONSOLE_LINE_MAX + 1];
	char reply[GP_CONSOLE_REPLY_MAX];
	unsigned long lineno = 0;
	size_t len;
	int fails = 0;

	if (in == NULL || out == NULL)
		return -1;
	while (read_line(in, line, sizeof(line), &len)) {
		enum gp_console_status st;

		lineno++;
		/* Over-long lines keep a prefix only: exec refuses them by length. */
		st = gp_console_exec(con, line, len, reply, sizeof(reply));
		if (st == GP_CONSOLE_SILENT)
			continue;
		if (fprintf(out, "%s\n", reply) < 0)
			return -1;
		if (st == GP_CONSOLE_FAIL) {
			fails++;
			if (err != NULL)
				fprintf(err, "console: line %lu: %s\n", lineno, reply);
		}
	}
	if (ferror(in) || fflush(out) != 0)
		return -1;
	return fails;
}
