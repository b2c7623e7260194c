/* SPDX-License-Identifier: MIT */
/*
 * The emulator's MMIO console: lines in the style of QEMU's qtest protocol
 * (softmmu/qtest.c), so one script runs against gicplan's GIC model and
 * against "qemu-system-aarch64 -qtest stdio".
 *
 *   readb|readw|readl|readq ADDR            -> OK 0x<16 hex digits>
 *   writeb|writew|writel|writeq ADDR VALUE  -> OK   (VALUE truncated to the width, as qtest does)
 *
 * gicplan-only commands (qtest has no CPU interface):
 *   sysreg_read CPU NAME            -> OK 0x<16 hex digits>   NAME: ICC_PMR_EL1, ICC_IAR1_EL1, ...
 *   sysreg_write CPU NAME VALUE     -> OK
 *   irq_set spi INTID LEVEL         -> OK   drive an SPI input line (LEVEL 0 or 1)
 *   irq_set ppi CPU INTID LEVEL     -> OK   drive a PPI input line of vCPU CPU
 *   irq_signalled                   -> OK COUNT [CPU ...]  vCPUs asserting IRQ/FIQ (first 16 listed)
 *   redist_base CPU                 -> OK 0x<16 hex digits>   where vCPU CPU's redistributor is
 *
 * Numbers are decimal, 0x-hex or 0-octal (as qtest parses them). Failures
 * answer "FAIL <reason>" on one line, as qtest does. Blank lines and lines
 * starting with '#' get no answer.
 */
#ifndef GP_CONSOLE_H
#define GP_CONSOLE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct gic;

#define GP_CONSOLE_LINE_MAX 4096    /* longer lines are answered FAIL */
#define GP_CONSOLE_REPLY_MAX 256    /* room for any answer, newline excluded */

/* What one line produced. */
enum gp_console_status {
	GP_CONSOLE_SILENT,  /* blank or comment: no answer */
	GP_CONSOLE_OK,      /* answered "OK ..." */
	GP_CONSOLE_FAIL,    /* answered "FAIL ..." */
};

/*
 * The GIC a console drives. MMIO reads go through @read when it is set (the
 * VMM's view of the GIC: a strided tree's redistributors, each a region of
 * its own in the model, show GICR_TYPER.Last on the walk's last frame only,
 * gicplan_gic_mmio_read), else straight to gic_mmio_read. @read returns NULL,
 * or why the read failed (text that lives until the next call).
 */
struct gp_console {
	struct gic *g;
	const char *(*read)(void *ctx, uint64_t addr, unsigned size, uint64_t *val);
	void *ctx;
};

/*
 * Execute the command in @line (@len bytes, may hold any bytes, no newline
 * needed) on @con's GIC and put the answer, without newline, in @reply
 * (@size bytes, at least GP_CONSOLE_REPLY_MAX). Returns what the line produced.
 */
enum gp_console_status gp_console_exec(const struct gp_console *con, const char *line,
				       size_t len, char *reply, size_t size);

/*
 * Answer every line of @in on @out until end of file. For each FAIL, @err
 * (may be NULL) gets "console: line N: FAIL ..." too.
 * Returns the number of lines answered FAIL (0: all fine), or -1 when @in
 * or @out has an I/O error.
 */
int gp_console_run(const struct gp_console *con, FILE *in, FILE *out, FILE *err);

#endif
