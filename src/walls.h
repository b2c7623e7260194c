/* SPDX-License-Identifier: MIT */
/*
 * The walls a growing vCPU count runs into, besides the placements: what
 * each is, its value, who imposes it (the architecture, KVM, Linux, QEMU, the
 * VMM, the platform's layout), the first vCPU count at which a platform meets
 * it, and where it was read (repository, path, symbol, commit). Pure data and
 * arithmetic on a loaded platform: `gicplan limits` prints it.
 */
#ifndef GP_WALLS_H
#define GP_WALLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "layout.h"

/* Who imposes a wall. */
enum gp_wall_owner {
	GP_WALL_ARCH,      /* the GIC architecture (Arm IHI 0069) */
	GP_WALL_KVM,       /* arm64 KVM, the host kernel */
	GP_WALL_LINUX,     /* the guest's kernel */
	GP_WALL_QEMU,      /* QEMU's virt machine */
	GP_WALL_VMM,       /* the platform's VMM */
	GP_WALL_PLATFORM,  /* the platform's layout file: its placements in the IPA */
	GP_WALL_OWNERS
};

/* "architecture", "kvm", "linux", "qemu", "vmm", "platform": the JSON names. */
extern const char *const gp_wall_owner_names[GP_WALL_OWNERS];

/* Where a wall's value was read. */
struct gp_wall_source {
	const char *repository;  /* "torvalds/linux", a package, a specification */
	const char *path;
	const char *symbol;
	const char *commit;      /* the first 12 hex digits of the version read, or a version */
};

struct gp_wall {
	const char *name;            /* "kvm-max-vcpus" */
	const char *what;            /* what it is, one sentence */
	enum gp_wall_owner owner;
	const char *vmm;             /* GP_WALL_VMM: the VMM's name, when known; else NULL */
	char value[64];              /* "512 vCPUs" */
	bool applies;                /* a wall of this platform at all */
	bool met;                    /* applies, and some vCPU count meets it: met_at */
	uint64_t met_at;             /* the least vCPU count that meets it */
	bool first;                  /* the wall this platform meets first */
	char note[GP_TEXT_MAX];      /* how met_at follows for this platform, or why none */
	struct gp_wall_source source;
	bool source_is_layout;       /* the source is @p's layout file (source.path = p->source) */
	char source_commit[32];      /* ... at "version N": source.commit points here */
};

/* How many walls gp_limits gives. */
#define GP_WALLS 16

/* What the walls are computed for: a GIC version @p offers, an IPA size, an ITS or not. */
struct gp_limits_target {
	unsigned gic_version;
	unsigned ipa_bits;
	bool its;
};

/*
 * Every wall for platform @p and @t into @out (GP_WALLS of them), sorted: the
 * walls met, by the vCPU count that meets them (ties in the table's order),
 * then those that apply but no vCPU count meets, then those that do not apply.
 * The first met is marked first. A source may point into @p: @out is valid
 * while @p is. Returns the index of the first (0), or -1 when none is met.
 */
int gp_limits(const struct gp_platform *p, const struct gp_limits_target *t,
	      struct gp_wall out[GP_WALLS]);

#endif
