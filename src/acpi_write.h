/* SPDX-License-Identifier: MIT */
/*
 * plan -> the ACPI tables a UEFI guest reads its GIC from: the MADT (GIC
 * distributor, one GIC CPU interface per vCPU, a GIC redistributor structure
 * per region, the ITS) and, with an ITS, the IORT that maps each PCI host's
 * requester IDs to it as the tree's msi-map does. For the qemu-virt platform
 * the tables are QEMU 7.2's own, byte for byte but the OEM and creator fields
 * (tests/fixtures/qemu-7.2/acpi). Each table is checksummed.
 */
#ifndef GP_ACPI_WRITE_H
#define GP_ACPI_WRITE_H

#include <stddef.h>
#include <stdint.h>

#include "acpi_tables.h"
#include "error.h"
#include "plan.h"

/* The ACPI revision whose GICC structure the MADT carries. */
enum gp_acpi_version {
	GP_ACPI_5_1,   /* MADT revision 3, GICC 76 bytes */
	GP_ACPI_6_0,   /* MADT revision 4, GICC 80 bytes: what QEMU 7.2 writes (the default) */
	GP_ACPI_6_5,   /* MADT revision 6, GICC 82 bytes, online-capable GICCs */
};

struct gp_acpi_options {
	enum gp_acpi_version version;
	uint64_t boot_cpus;   /* vCPUs enabled at boot; 0: every vCPU. The rest are
			       * online-capable (6.5) or not enabled (older) */
};

/* One table: its acpidump -b file name ("apic.dat"), its path once placed, its bytes. */
struct gp_acpi_table {
	char file[16];
	char path[GP_ACPI_PATH_MAX];
	uint8_t *data;
	size_t len;
};

#define GP_ACPI_TABLES_MAX 2

struct gp_acpi_tables {
	unsigned n;
	struct gp_acpi_table t[GP_ACPI_TABLES_MAX];
};

/* "5.1", "6.0", "6.5" -> @v; -1 for anything else. */
int gp_acpi_version_parse(const char *s, enum gp_acpi_version *v);

/*
 * The tables of @plan under @o into @out (free with gp_acpi_tables_free, also
 * after an error). The MADT gives the redistributors by a GICR structure per
 * region; with a region over 4 GiB (a GICR structure's length is a u32), by
 * each GICC's GICR base instead. Errors (exit 2): more boot vCPUs than vCPUs;
 * vCPUs not enabled at boot with a region over 4 GiB (they need GICR
 * structures); a MADT over 4 GiB; out of memory.
 */
int gp_acpi_write(const struct gp_plan *plan, const struct gp_acpi_options *o,
		  struct gp_acpi_tables *out, struct gp_error *err);

/*
 * Put each table of @t in folder @dir (its path: DIR/FILE). Errors (exit 2):
 * @dir is not an existing folder (gicplan makes none); a path too long.
 */
int gp_acpi_place(const char *dir, struct gp_acpi_tables *t, struct gp_error *err);

void gp_acpi_tables_free(struct gp_acpi_tables *t);

#endif
