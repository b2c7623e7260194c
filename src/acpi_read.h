/* SPDX-License-Identifier: MIT */
/*
 * ACPI tables -> the machine description verify proves, as Linux's ACPI path
 * finds the GIC (drivers/irqchip/irq-gic-v3.c gic_acpi_*): the MADT's GIC
 * distributor; its GIC redistributor structures as regions, or, when it has
 * none, each GICC's redistributor base (the two styles are never mixed); one
 * vCPU per GICC with its MPIDR; the ITS structures; the IORT's references to
 * them. Tables come as files (acpidump -b's, gicplan's, QEMU's), known by
 * their signature whatever their name, or as a folder of them.
 *
 * What only ACPI can get wrong has checks of its own (acpi-*); the rest is
 * the machine's, and verify's checks run on it unchanged.
 */
#ifndef GP_ACPI_READ_H
#define GP_ACPI_READ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "acpi_tables.h"
#include "check_result.h"
#include "error.h"
#include "machine.h"
#include "vgic.h"

/* The largest table file gicplan reads (a MADT's length is a u32). */
#define GP_ACPI_FILE_MAX ((size_t)1 << 30)

enum gp_acpi_check_id {
	GP_ACPI_CHECK_GICC,      /* "acpi-gicc": UIDs unique; flags the revision has; online-capable
				  * GICCs only with GICR structures; one redistributor style */
	GP_ACPI_CHECK_BOOT_CPU,  /* "acpi-boot-cpu": the first GICC is enabled, its frame in the
				  * first GICR range (EDK2 assumes it) */
	GP_ACPI_CHECK_ITS,       /* "acpi-its": ITS translation IDs unique; every IORT reference
				  * resolves to a node, every ITS group ID to a MADT ITS */
	GP_ACPI_CHECK_TREE,      /* "acpi-tree": a tree beside the tables describes the same GIC:
				  * distributor, regions, ITSes, vCPUs' MPIDRs in order (skipped
				  * without a tree) */
	GP_ACPI_CHECKS
};

/* What the tables said and what the ACPI checks found. */
struct gp_acpi_result {
	char madt[GP_ACPI_PATH_MAX];   /* where the MADT came from */
	char iort[GP_ACPI_PATH_MAX];      /* where the IORT came from, "" for none */
	unsigned madt_revision;
	unsigned gicd_version;         /* the GICD structure's version field (0: not said) */
	uint64_t enabled, online_capable, disabled; /* GICCs by flags */
	bool gicc_style;               /* no GICR structures: each GICC gives its frame */
	struct gp_check checks[GP_ACPI_CHECKS];
	bool failed;
};

/* A table's bytes and where they came from. */
struct gp_acpi_blob {
	const char *source;
	const uint8_t *data;
	size_t len;
};

/* Whether @len bytes at @data start as an ACPI table gicplan reads (APIC, IORT). */
bool gp_acpi_is_table(const void *data, size_t len);

/*
 * Read @madt (required) and @iort (NULL for none) into @m, as the guest's ACPI
 * path sees them. Errors (exit 2), each naming the table and the byte offset:
 * a table shorter than its header or than its length field, or longer than
 * the file; a wrong checksum; a structure running past its table; a structure
 * length the MADT revision does not have; no GICD or more than one; no GICC;
 * an IORT node or mapping outside its table.
 */
int gp_acpi_read(const struct gp_acpi_blob *madt, const struct gp_acpi_blob *iort,
		 struct gp_machine *m, struct gp_acpi_result *r, struct gp_error *err);

/*
 * The ACPI checks of the tables @madt and @iort (NULL for none), read into @r
 * by gp_acpi_read, against the VGIC @v a VMM set up: fills r->checks and
 * r->failed (acpi-tree is left skipped: gp_acpi_check_found runs it).
 */
void gp_acpi_check(const struct gp_vgic *v, const uint8_t *madt, size_t madt_len,
		   const uint8_t *iort, size_t iort_len, struct gp_acpi_result *r);

/* What gp_acpi_load finds: the MADT, the IORT and a device tree blob, each at most once. */
enum { GP_ACPI_FOUND_MADT, GP_ACPI_FOUND_IORT, GP_ACPI_FOUND_TREE, GP_ACPI_FOUND_KINDS };

struct gp_acpi_found {
	char path[GP_ACPI_FOUND_KINDS][GP_ACPI_PATH_MAX];
	uint8_t *data[GP_ACPI_FOUND_KINDS];   /* NULL: not found */
	size_t len[GP_ACPI_FOUND_KINDS];
};

/*
 * The @len bytes @data (taken over) of table file @path, or, when @data is
 * NULL, the tables in folder @path (acpidump -b output: other tables and
 * files are passed over), and a device tree blob beside them, into @f, read
 * by gp_acpi_read into @m and @r. Errors (exit 2): gp_acpi_read's; an
 * unreadable file or folder; an IORT alone; a folder with no MADT, or two
 * MADTs, IORTs or trees. @f is freed by gp_acpi_found_free, error or not.
 */
int gp_acpi_load(const char *path, void *data, size_t len, struct gp_acpi_found *f,
		 struct gp_machine *m, struct gp_acpi_result *r, struct gp_error *err);

/*
 * The ACPI checks of the tables in @f, read into @m and @r by gp_acpi_load,
 * against the VGIC @v a VMM set up for them (gp_acpi_check), and, with a tree
 * beside them, acpi-tree: the tree describes the GIC @m does. Errors (exit
 * 2): the tree's reader's.
 */
int gp_acpi_check_found(const struct gp_acpi_found *f, const struct gp_machine *m,
			const struct gp_vgic *v, struct gp_acpi_result *r, struct gp_error *err);

void gp_acpi_found_free(struct gp_acpi_found *f);

void gp_acpi_result_free(struct gp_acpi_result *r);

#endif
