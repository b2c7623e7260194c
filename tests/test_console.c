/* SPDX-License-Identifier: MIT */
/* The MMIO console: scripts run against the GIC model, answers as qtest gives them. */
#include <check.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "console.h"
#include "gic_emul.h"
#include "gic_regs.h"
#include "xrun.h"

#define DIST UINT64_C(0x08000000)
#define REDIST UINT64_C(0x080A0000)
#define OUT_MAX 65536

/* QEMU 7.2 virt with gic-version=3, 4 vCPUs, an ITS, 256 SPIs, at its addresses. */
static struct gic *qemu_virt(void)
{
	struct gic_config cfg = {
		.version = 3, .profile = GIC_PROFILE_QEMU, .nr_cpus = 4,
		.nr_irqs = 288, .lpis = true,
	};
	struct gic *g = gic_create(&cfg, NULL);

	ck_assert_ptr_nonnull(g);
	ck_assert_int_eq(gic_set_dist_base(g, DIST), 0);
	ck_assert_int_eq(gic_set_redist_base(g, REDIST), 0);
	ck_assert_int_eq(gic_init(g), 0);
	return g;
}

/* Run @script (@len bytes) and return the output; *fails gets the FAIL count. */
static char *run(struct gic *g, const char *script, size_t len, int *fails)
{
	char *out = calloc(1, OUT_MAX);
	FILE *in = fmemopen((void *)script, len, "r");
	FILE *o = fmemopen(out, OUT_MAX, "w");

	ck_assert_ptr_nonnull(in);
	ck_assert_ptr_nonnull(o);
	*fails = gp_console_run(&(struct gp_console){ .g = g }, in, o, NULL);
	fclose(in);
	fclose(o);
	return out;
}

static void check_script(struct gic *g, const char *script, const char *want, int want_fails)
{
	int fails;
	char *out = run(g, script, strlen(script), &fails);

	ck_assert_str_eq(out, want);
	ck_assert_int_eq(fails, want_fails);
	free(out);
}

/* The same lines sent to qemu-system-aarch64 7.2 -M virt,gic-version=3 -smp 4 -qtest stdio. */
START_TEST(answers_as_qemu_does)
{
	struct gic *g = qemu_virt();

	check_script(g,
		     "readl 0x08000004\n"
		     "readl 0x0800ffe8\n"
		     "readl 0x08000000\n"
		     "readl 0x08000008\n"
		     "readq 0x080a0008\n"
		     "readq 0x080c0008\n"
		     "readl 0x080a0014\n"
		     "readl 0x080affe8\n"
		     "readq 0x08006100\n"
		     "writeq 0x08006100 0xff80ffffff\n"
		     "readq 0x08006100\n"
		     "readb 0x08000400\n"
		     "writeb 0x08000420 0x1ff\n"
		     "readl 0x08000420\n"
		     "readl 0x080b0c00\n"
		     "readl 134217732\n"
		     "writel 0x08000000 0xffffffff\n"
		     "readl 0x08000000\n"
		     "writel 0x080a0014 0\n"
		     "readl 0x080a0014\n"
		     "foo\n",
		     "OK 0x00000000037a0007\n"
		     "OK 0x000000000000003b\n"
		     "OK 0x0000000000000050\n"
		     "OK 0x000000000000043b\n"
		     "OK 0x0000000001000001\n"
		     "OK 0x0000000101000101\n"
		     "OK 0x0000000000000006\n"
		     "OK 0x000000000000003b\n"
		     "OK 0x0000000000000000\n"
		     "OK\n"
		     "OK 0x000000ff80ffffff\n"
		     "OK 0x0000000000000000\n"
		     "OK\n"
		     "OK 0x00000000000000ff\n"
		     "OK 0x00000000aaaaaaaa\n"
		     "OK 0x00000000037a0007\n"
		     "OK\n"
		     "OK 0x0000000000000053\n"
		     "OK\n"
		     "OK 0x0000000000000000\n"
		     "FAIL Unknown command 'foo'\n",
		     1);
	gic_destroy(g);
}
END_TEST

/* The answer to one line, as a fresh string. */
static char *answer(struct gic *g, const char *line, size_t len, enum gp_console_status *st)
{
	char *reply = malloc(GP_CONSOLE_REPLY_MAX);

	*st = gp_console_exec(&(struct gp_console){ .g = g }, line, len, reply,
			      GP_CONSOLE_REPLY_MAX);
	return reply;
}

static void check_fail(struct gic *g, const char *line, const char *needle)
{
	enum gp_console_status st;
	char *r = answer(g, line, strlen(line), &st);

	ck_assert_msg(st == GP_CONSOLE_FAIL, "'%s' answered '%s'", line, r);
	ck_assert_msg(strncmp(r, "FAIL ", 5) == 0, "'%s' answered '%s'", line, r);
	ck_assert_msg(strchr(r, '\n') == NULL, "'%s': multi-line answer", line);
	ck_assert_msg(strstr(r, needle) != NULL, "'%s' answered '%s', wanted '%s'", line, r, needle);
	free(r);
}

START_TEST(failures_are_one_line)
{
	struct gic *g = qemu_virt();

	check_fail(g, "readl", "takes ADDR");
	check_fail(g, "readl zz", "bad address");
	check_fail(g, "readl -8", "bad address");
	check_fail(g, "readl 0x", "bad address");
	check_fail(g, "readl 0x1ffffffffffffffff", "bad address");
	check_fail(g, "readl 0x08000004 extra", "takes ADDR");
	check_fail(g, "writel 0x08000000", "takes ADDR VALUE");
	check_fail(g, "writel 0x08000000 yes", "bad value");
	check_fail(g, "readl 0x100000000000", "no GIC frame");
	check_fail(g, "readl 0x08000002", "aligned");
	check_fail(g, "readx 0x08000000", "Unknown command 'readx'");
	check_fail(g, "READL 0x08000000", "Unknown command");
	check_fail(g, "a b c d e f g h", "too many");
	check_fail(g, "\x01\x7f\xff", "Unknown command '?\?\?'");
	check_fail(g, "sysreg_read 0 ICC_EOIR1_EL1", "wrong access direction");
	check_fail(g, "sysreg_read 9 ICC_PMR_EL1", "no such vCPU");
	check_fail(g, "sysreg_read 0 ICC_FOO_EL1", "unknown register");
	check_fail(g, "sysreg_read x ICC_PMR_EL1", "bad CPU");
	check_fail(g, "sysreg_write 0 ICC_IAR1_EL1 0", "wrong access direction");
	check_fail(g, "sysreg_write 0 ICC_PMR_EL1", "takes CPU NAME VALUE");
	check_fail(g, "irq_set spi 40 2", "LEVEL");
	check_fail(g, "irq_set spi 20 1", "INTID out of range");
	check_fail(g, "irq_set ppi 0 40 1", "INTID out of range");
	check_fail(g, "irq_set ppi 7 20 1", "no such vCPU");
	check_fail(g, "irq_set lpi 8192 1", "irq_set takes");
	check_fail(g, "irq_signalled 3", "no argument");
	check_fail(g, "redist_base 4", "no such vCPU");
	check_fail(g, "redist_base", "takes CPU");
	{
		/* a NUL byte inside the line */
		enum gp_console_status st;
		char *r = answer(g, "readl\0 0x08000000", 17, &st);

		ck_assert_int_eq(st, GP_CONSOLE_FAIL);
		ck_assert_ptr_nonnull(strstr(r, "NUL"));
		free(r);
	}
	{
		/* a reply buffer too small is refused, a NULL GIC answered */
		char small[8];
		enum gp_console_status st;
		char *r;

		ck_assert_int_eq(gp_console_exec(&(struct gp_console){ .g = g }, "readl 0", 7, small,
						 sizeof(small)),
				 GP_CONSOLE_FAIL);
		r = answer(NULL, "readl 0", 7, &st);
		ck_assert_int_eq(st, GP_CONSOLE_FAIL);
		free(r);
	}
	{
		/* a width the register does not take: QEMU answers it RAZ/WI, no failure */
		enum gp_console_status st;
		char *r = answer(g, "readw 0x08000000", 16, &st);

		ck_assert_int_eq(st, GP_CONSOLE_OK);
		ck_assert_str_eq(r, "OK 0x0000000000000000");
		free(r);
	}
	gic_destroy(g);
}
END_TEST

START_TEST(blank_comment_and_spacing)
{
	struct gic *g = qemu_virt();

	check_script(g,
		     "\n"
		     "# a comment\n"
		     "   # indented comment\n"
		     "\t \n"
		     "readl\t 0x08000004  \r\n"
		     "  readl 0x08000004",
		     "OK 0x00000000037a0007\n"
		     "OK 0x00000000037a0007\n",
		     0);
	gic_destroy(g);
}
END_TEST

START_TEST(long_lines_and_garbage)
{
	struct gic *g = qemu_virt();
	size_t n = 3 * GP_CONSOLE_LINE_MAX;
	char *script = malloc(n + 64);
	char *out;
	int fails;

	memset(script, 'a', n);
	memcpy(script + n, "\nreadl 0x08000004\n", 18);
	out = run(g, script, n + 18, &fails);
	ck_assert_int_eq(fails, 1);
	ck_assert_str_eq(strchr(out, '\n') + 1, "OK 0x00000000037a0007\n");
	ck_assert_ptr_nonnull(strstr(out, "FAIL line longer"));
	free(out);
	/* a line exactly at the limit is read whole */
	memset(script, ' ', GP_CONSOLE_LINE_MAX);
	memcpy(script + GP_CONSOLE_LINE_MAX - 16, "readl 0x08000004", 16);
	script[GP_CONSOLE_LINE_MAX] = '\n';
	out = run(g, script, GP_CONSOLE_LINE_MAX + 1, &fails);
	ck_assert_int_eq(fails, 0);
	ck_assert_str_eq(out, "OK 0x00000000037a0007\n");
	free(out);
	/* random bytes, NULs and newlines included, never crash */
	{
		uint64_t s = 12345;

		for (size_t i = 0; i < n; i++) {
			s = s * 6364136223846793005u + 1442695040888963407u;
			script[i] = (char)(s >> 56);
			if ((s >> 40 & 0x3f) == 0)
				script[i] = '\n';
		}
		out = run(g, script, n, &fails);
		ck_assert_int_ge(fails, 1);
		free(out);
	}
	free(script);
	ck_assert_int_eq(gp_console_run(&(struct gp_console){ .g = g }, NULL, stdout, NULL), -1);
	gic_destroy(g);
}
END_TEST

START_TEST(cpu_interface_commands)
{
	struct gic *g = qemu_virt();

	/* Linux's bring-up of vCPU 1, then SPI 40 routed to it (Aff0 1) */
	check_script(g,
		     "writel 0x08000000 0x3\n"
		     "writel 0x08000084 0xffffffff\n"
		     "writel 0x080c0014 0\n"
		     "writel 0x080d0080 0xffffffff\n"
		     "sysreg_write 1 ICC_PMR_EL1 0xf0\n"
		     "sysreg_write 1 icc_igrpen1_el1 1\n"
		     "writeb 0x08000428 0xa0\n"
		     "writeq 0x08006140 0x1\n"
		     "writel 0x08000104 0x100\n"
		     "irq_signalled\n"
		     "irq_set spi 40 1\n"
		     "irq_signalled\n"
		     "sysreg_read 1 HPPIR1\n"
		     "sysreg_read 1 ICC_IAR1_EL1\n"
		     "sysreg_read 1 ICC_RPR_EL1\n"
		     "irq_set spi 40 0\n"
		     "sysreg_write 1 ICC_EOIR1_EL1 40\n"
		     "irq_signalled\n"
		     "sysreg_read 1 ICC_IAR1_EL1\n"
		     "writel 0x080d0100 0x08000000\n"
		     "irq_set ppi 1 27 1\n"
		     "irq_signalled\n"
		     "irq_set ppi 2 27 1\n"
		     "redist_base 3\n",
		     "OK\nOK\nOK\nOK\nOK\nOK\nOK\nOK\nOK\n"
		     "OK 0\n"
		     "OK\n"
		     "OK 1 1\n"
		     "OK 0x0000000000000028\n"
		     "OK 0x0000000000000028\n"
		     "OK 0x00000000000000a0\n"
		     "OK\n"
		     "OK\n"
		     "OK 0\n"
		     "OK 0x00000000000003ff\n"
		     "OK\n"
		     "OK\n"
		     "OK 1 1\n"
		     "OK\n"
		     "OK 0x0000000008100000\n",
		     0);
	gic_destroy(g);
}
END_TEST

/* A read hook: vCPU 0's GICR_TYPER with Last set, and a refusal of its own at GICD_TYPER. */
struct hook {
	struct gic *g;
	unsigned calls;
};

static const char *hook_read(void *ctx, uint64_t addr, unsigned size, uint64_t *val)
{
	struct hook *h = ctx;

	h->calls++;
	if (addr == DIST + GICD_TYPER)
		return "the hook refuses";
	if (gic_mmio_read(h->g, addr, size, val) != 0)
		return "the model refused";
	if (addr == REDIST + GICR_TYPER)
		*val |= GICR_TYPER_LAST;
	return NULL;
}

/* @con's answer to @line, whose status must be @want. */
static const char *exec_line(const struct gp_console *con, const char *line,
			     enum gp_console_status want, char *reply)
{
	ck_assert_int_eq(gp_console_exec(con, line, strlen(line), reply, GP_CONSOLE_REPLY_MAX),
			 want);
	return reply;
}

/* Reads go through the hook (its value, its reason); writes, CPUs and lines do not. */
START_TEST(reads_through_the_hook)
{
	struct gic *g = qemu_virt();
	struct hook h = { g, 0 };
	const struct gp_console con = { g, hook_read, &h };
	char reply[GP_CONSOLE_REPLY_MAX], want[GP_CONSOLE_REPLY_MAX], line[64];
	uint64_t raw = 0;

	ck_assert_int_eq(gic_mmio_read(g, REDIST + GICR_TYPER, 8, &raw), 0);
	ck_assert(!(raw & GICR_TYPER_LAST));
	snprintf(line, sizeof(line), "readq 0x%" PRIx64, REDIST + GICR_TYPER);
	snprintf(want, sizeof(want), "OK 0x%016" PRIx64, raw | GICR_TYPER_LAST);
	ck_assert_str_eq(exec_line(&con, line, GP_CONSOLE_OK, reply), want);
	snprintf(line, sizeof(line), "readl 0x%" PRIx64, DIST + GICD_TYPER);
	snprintf(want, sizeof(want), "FAIL the hook refuses (address 0x%" PRIx64 ")",
		 DIST + GICD_TYPER);
	ck_assert_str_eq(exec_line(&con, line, GP_CONSOLE_FAIL, reply), want);
	ck_assert_str_eq(exec_line(&con, "readl 1", GP_CONSOLE_FAIL, reply),
			 "FAIL the model refused (address 0x1)");
	ck_assert_uint_eq(h.calls, 3);
	snprintf(line, sizeof(line), "writel 0x%" PRIx64 " %u", DIST + GICD_CTLR,
		 GICD_CTLR_ENABLE_GRP1);
	exec_line(&con, line, GP_CONSOLE_OK, reply);
	exec_line(&con, "redist_base 1", GP_CONSOLE_OK, reply);
	ck_assert_uint_eq(h.calls, 3);
	gic_destroy(g);
}
END_TEST

static Suite *console_suite(void)
{
	Suite *s = suite_create("console");
	TCase *tc = tcase_create("console");

	tcase_add_test(tc, answers_as_qemu_does);
	tcase_add_test(tc, failures_are_one_line);
	tcase_add_test(tc, blank_comment_and_spacing);
	tcase_add_test(tc, long_lines_and_garbage);
	tcase_add_test(tc, cpu_interface_commands);
	tcase_add_test(tc, reads_through_the_hook);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return x_run_suite(console_suite(), true);
}
