/* SPDX-License-Identifier: MIT */
#include "acpi_write.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "acpi_tables.h"
#include "gic_regs.h"

/* Who made the tables: the OEM and creator fields of every header. */
#define OEM_ID "GICPLN"            /* 6 characters */
#define OEM_TABLE_ID "GICPLAN "    /* 8 */
#define OEM_REVISION 1
#define CREATOR_ID "GPLN"          /* 4 */
#define CREATOR_REVISION 1

/* An ITS group of one ITS; a root complex node with one ID mapping. */
#define IORT_ITS_GROUP_LEN (IORT_ITS_IDS + 4)
#define IORT_RC_LEN (IORT_RC_MAPPINGS + IORT_MAP_LEN)
/* What QEMU 7.2 says of its PCIe host: coherent, device attributes, 64-bit DMA. */
#define IORT_RC_COHERENT 1
#define IORT_RC_FLAGS_COHERENT 0x3
#define IORT_RC_ADDRESS_BITS 64
/* The one ITS's translation ID, in the MADT and in the IORT's ITS group. */
#define ITS_ID 0

int gp_acpi_version_parse(const char *s, enum gp_acpi_version *v)
{
	static const char *const names[] = { [GP_ACPI_5_1] = "5.1", [GP_ACPI_6_0] = "6.0",
					     [GP_ACPI_6_5] = "6.5" };

	for (int i = GP_ACPI_5_1; i <= GP_ACPI_6_5; i++)
		if (strcmp(s, names[i]) == 0) {
			*v = (enum gp_acpi_version)i;
			return 0;
		}
	return -1;
}

/* The header of a table of @len bytes; the checksum is set by finish(). */
static void header(uint8_t *t, const char *sig, uint32_t len, uint8_t revision)
{
	memcpy(t + ACPI_HDR_SIGNATURE, sig, ACPI_SIG_LEN);
	acpi_put(t + ACPI_HDR_LENGTH, 4, len);
	t[ACPI_HDR_REVISION] = revision;
	memcpy(t + ACPI_HDR_OEM_ID, OEM_ID, strlen(OEM_ID));
	memcpy(t + ACPI_HDR_OEM_TABLE_ID, OEM_TABLE_ID, strlen(OEM_TABLE_ID));
	acpi_put(t + ACPI_HDR_OEM_REVISION, 4, OEM_REVISION);
	memcpy(t + ACPI_HDR_CREATOR_ID, CREATOR_ID, strlen(CREATOR_ID));
	acpi_put(t + ACPI_HDR_CREATOR_REVISION, 4, CREATOR_REVISION);
}

static void finish(uint8_t *t, size_t len)
{
	t[ACPI_HDR_CHECKSUM] = 0;
	t[ACPI_HDR_CHECKSUM] = (uint8_t)(0u - acpi_sum(t, len));
}

static int add_table(struct gp_acpi_tables *out, const char *file, size_t len, uint8_t **t,
		     struct gp_error *err)
{
	struct gp_acpi_table *tab = &out->t[out->n];

	*t = calloc(1, len);
	if (*t == NULL)
		return gp_fail(err, GP_EXIT_USAGE, "out of memory");
	snprintf(tab->file, sizeof(tab->file), "%s", file);
	tab->data = *t;
	tab->len = len;
	out->n++;
	return 0;
}

static const struct {
	uint8_t revision;
	uint8_t gicc_len;
} madt_forms[] = {
	[GP_ACPI_5_1] = { MADT_REVISION_5_1, MADT_GICC_LEN_5_1 },
	[GP_ACPI_6_0] = { MADT_REVISION_6_0, MADT_GICC_LEN_6_0 },
	[GP_ACPI_6_5] = { MADT_REVISION_6_5, MADT_GICC_LEN_6_5 },
};

/* GICC flags of vCPU @cpu: enabled at boot, else online-capable where the revision has it. */
static uint32_t gicc_flags(const struct gp_acpi_options *o, uint64_t boot_cpus, uint64_t cpu)
{
	if (cpu < boot_cpus)
		return MADT_GICC_ENABLED;
	return o->version >= GP_ACPI_6_5 ? MADT_GICC_ONLINE_CAPABLE : 0;
}

static int write_madt(const struct gp_plan *plan, const struct gp_acpi_options *o,
		      struct gp_acpi_tables *out, struct gp_error *err)
{
	const struct gp_board *b = &plan->board;
	uint8_t gicc_len = madt_forms[o->version].gicc_len;
	uint64_t cpus = plan->req.cpus, boot = o->boot_cpus ? o->boot_cpus : cpus, len;
	uint32_t perf = b->has_pmu ? GIC_INTID_PPI_FIRST + b->pmu_ppi : 0;
	uint32_t maint = plan->req.virtualization || b->gic_maintenance_always
				 ? GIC_INTID_PPI_FIRST + b->maintenance_ppi
				 : 0;
	uint8_t *t, *p;

	if (boot > cpus)
		return gp_fail(err, GP_EXIT_USAGE, "--boot-cpus: %" PRIu64 " boot vCPUs, but the "
			       "machine has %" PRIu64, boot, cpus);
	for (uint32_t i = 0; i < plan->nr_redist; i++)
		if (plan->redist[i].reg_size > UINT32_MAX)
			return gp_fail(err, GP_EXIT_USAGE, "--acpi: redistributor region %" PRIu32
				       " is 0x%" PRIx64 " bytes: a GICR structure's length is a u32 "
				       "(4 GiB at most)", i, plan->redist[i].reg_size);
	len = MADT_SUBTABLES + MADT_GICD_LEN + cpus * gicc_len +
	      (uint64_t)plan->nr_redist * MADT_GICR_LEN + (plan->has_its ? MADT_ITS_LEN : 0);
	if (len > UINT32_MAX)
		return gp_fail(err, GP_EXIT_USAGE, "--acpi: a MADT for %" PRIu64 " vCPUs is %" PRIu64
			       " bytes: its length is a u32 (4 GiB at most)", cpus, len);
	if (add_table(out, "apic.dat", (size_t)len, &t, err) < 0)
		return -1;
	header(t, MADT_SIGNATURE, (uint32_t)len, madt_forms[o->version].revision);
	p = t + MADT_SUBTABLES;

	p[MADT_SUB_TYPE] = MADT_TYPE_GICD;
	p[MADT_SUB_LENGTH] = MADT_GICD_LEN;
	acpi_put(p + MADT_GICD_BASE, 8, plan->gicd.base);
	p[MADT_GICD_VERSION] = (uint8_t)plan->req.gic_version;
	p += MADT_GICD_LEN;

	/* GICR structures describe the frames: each GICC's GICR base is 0. */
	for (uint64_t cpu = 0; cpu < cpus; cpu++, p += gicc_len) {
		p[MADT_SUB_TYPE] = MADT_TYPE_GICC;
		p[MADT_SUB_LENGTH] = gicc_len;
		acpi_put(p + MADT_GICC_CPU_INTERFACE, 4, cpu);
		acpi_put(p + MADT_GICC_UID, 4, cpu);
		acpi_put(p + MADT_GICC_FLAGS, 4, gicc_flags(o, boot, cpu));
		acpi_put(p + MADT_GICC_PERF_GSIV, 4, perf);
		acpi_put(p + MADT_GICC_VGIC_MAINT_GSIV, 4, maint);
		acpi_put(p + MADT_GICC_MPIDR, 8, gp_cpu_mpidr(b, cpu));
	}
	for (uint32_t i = 0; i < plan->nr_redist; i++, p += MADT_GICR_LEN) {
		p[MADT_SUB_TYPE] = MADT_TYPE_GICR;
		p[MADT_SUB_LENGTH] = MADT_GICR_LEN;
		acpi_put(p + MADT_GICR_RANGE_BASE, 8, plan->redist[i].base);
		acpi_put(p + MADT_GICR_RANGE_LENGTH, 4, plan->redist[i].reg_size);
	}
	if (plan->has_its) {
		p[MADT_SUB_TYPE] = MADT_TYPE_ITS;
		p[MADT_SUB_LENGTH] = MADT_ITS_LEN;
		acpi_put(p + MADT_ITS_TRANSLATION_ID, 4, ITS_ID);
		acpi_put(p + MADT_ITS_BASE, 8, plan->its.base);
	}
	finish(t, (size_t)len);
	return 0;
}

/* The IORT node header of a node of @len bytes with @mappings ID mappings at @map_off. */
static void iort_node(uint8_t *n, uint8_t type, uint16_t len, uint8_t revision, uint32_t id,
		      uint32_t mappings, uint32_t map_off)
{
	n[IORT_N_TYPE] = type;
	acpi_put(n + IORT_N_LENGTH, 2, len);
	n[IORT_N_REVISION] = revision;
	acpi_put(n + IORT_N_IDENTIFIER, 4, id);
	acpi_put(n + IORT_N_MAPPINGS, 4, mappings);
	acpi_put(n + IORT_N_MAPPING_OFFSET, 4, mappings ? map_off : 0);
}

/* An ITS group of the one ITS, and a root complex per PCI host mapping its RIDs to it. */
static int write_iort(const struct gp_plan *plan, struct gp_acpi_tables *out,
		      struct gp_error *err)
{
	const struct gp_board *b = &plan->board;
	uint32_t hosts = 0, node_id = 0, segment = 0;
	size_t len;
	uint8_t *t, *p;

	for (uint32_t i = 0; i < b->nr_devices; i++)
		hosts += b->devices[i].type == GP_DEV_PCIE;
	len = IORT_NODES + IORT_ITS_GROUP_LEN + (size_t)hosts * IORT_RC_LEN;
	if (add_table(out, "iort.dat", len, &t, err) < 0)
		return -1;
	header(t, IORT_SIGNATURE, (uint32_t)len, IORT_REVISION);
	acpi_put(t + IORT_NODE_COUNT, 4, 1 + hosts);
	acpi_put(t + IORT_NODE_OFFSET, 4, IORT_NODES);
	p = t + IORT_NODES;
	iort_node(p, IORT_TYPE_ITS_GROUP, IORT_ITS_GROUP_LEN, IORT_ITS_NODE_REVISION, node_id++, 0,
		  0);
	acpi_put(p + IORT_ITS_COUNT, 4, 1);
	acpi_put(p + IORT_ITS_IDS, 4, ITS_ID);
	p += IORT_ITS_GROUP_LEN;
	for (uint32_t i = 0; i < b->nr_devices; i++) {
		const struct gp_device *d = &b->devices[i];
		uint8_t *m = p + IORT_RC_MAPPINGS;

		if (d->type != GP_DEV_PCIE)
			continue;
		iort_node(p, IORT_TYPE_ROOT_COMPLEX, IORT_RC_LEN, IORT_RC_NODE_REVISION, node_id++,
			  1, IORT_RC_MAPPINGS);
		if (d->dma_coherent) {
			acpi_put(p + IORT_RC_CACHE_COHERENCY, 4, IORT_RC_COHERENT);
			p[IORT_RC_MEMORY_FLAGS] = IORT_RC_FLAGS_COHERENT;
		}
		acpi_put(p + IORT_RC_SEGMENT, 4, segment++);
		p[IORT_RC_ADDRESS_LIMIT] = IORT_RC_ADDRESS_BITS;
		/* The tree's msi-map <0 &its 0 0x10000>: every RID to the same DeviceID. */
		acpi_put(m + IORT_MAP_INPUT_BASE, 4, 0);
		acpi_put(m + IORT_MAP_ID_COUNT, 4, GP_PCI_RID_SPACE - 1);
		acpi_put(m + IORT_MAP_OUTPUT_BASE, 4, 0);
		acpi_put(m + IORT_MAP_OUTPUT_REF, 4, IORT_NODES);
		p += IORT_RC_LEN;
	}
	finish(t, len);
	return 0;
}

int gp_acpi_write(const struct gp_plan *plan, const struct gp_acpi_options *o,
		  struct gp_acpi_tables *out, struct gp_error *err)
{
	memset(out, 0, sizeof(*out));
	if (write_madt(plan, o, out, err) < 0)
		return -1;
	return plan->has_its ? write_iort(plan, out, err) : 0;
}

int gp_acpi_place(const char *dir, struct gp_acpi_tables *t, struct gp_error *err)
{
	struct stat st;

	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
		return gp_fail(err, GP_EXIT_USAGE, "--acpi: %s is not an existing folder", dir);
	for (unsigned i = 0; i < t->n; i++) {
		struct gp_acpi_table *tab = &t->t[i];
		size_t d = strlen(dir), f = strlen(tab->file);

		if (d + 1 + f >= sizeof(tab->path))
			return gp_fail(err, GP_EXIT_USAGE, "--acpi: %s: path too long", dir);
		memcpy(tab->path, dir, d);
		tab->path[d] = '/';
		memcpy(tab->path + d + 1, tab->file, f + 1);
	}
	return 0;
}

void gp_acpi_tables_free(struct gp_acpi_tables *t)
{
	for (unsigned i = 0; i < t->n; i++)
		free(t->t[i].data);
	memset(t, 0, sizeof(*t));
}
