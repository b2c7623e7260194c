/* SPDX-License-Identifier: MIT */
/*
 * gicplan-bench: wall time and peak memory of each stage of a run, for
 * growing vCPU counts, against a floor (bench/floor.c) and against dtc.
 *
 * Every measurement runs in a child process of its own, so that its peak
 * resident set (wait4's ru_maxrss) is that stage's alone. Times are the best
 * of several runs for the small sizes.
 *
 * usage: gicplan-bench [--sizes 8,128,...] [--exhaustive-limit SECONDS]
 *                      [--dtc-limit SECONDS] [--no-dtc] [--layouts DIR]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "acpi_write.h"
#include "emit_fdt.h"
#include "floor.h"
#include "input.h"
#include "planner.h"
#include "platform.h"
#include "verify.h"

#define SIZES_MAX 16
#define DEFAULT_EXHAUSTIVE_LIMIT 60.0
#define DEFAULT_DTC_LIMIT 120.0
#define TARGET_FLOOR_RATIO_RUN 3.0     /* plan + emit + verify vs the floor */
#define TARGET_FLOOR_RATIO_RUN_LARGE 2.2 /* ... from TARGET_LARGE_CPUS (lpi-routing in) */
#define TARGET_LARGE_CPUS 65536
#define TARGET_FLOOR_RATIO_EMIT 1.5    /* emit alone vs the floor */
#define TARGET_DOUBLING 2.2            /* time growth when the vCPUs double */
#define TARGET_BYTES_PER_CPU 2048.0    /* peak memory above the base, per vCPU */
#define REPEAT_BUDGET_S 0.5            /* small sizes: repeat while under this */
#define REPEAT_MAX 50

enum stage {
	STAGE_FLOOR,
	STAGE_LOAD,         /* reading the layout file and planning: a fixed cost */
	STAGE_EMIT,
	STAGE_ACPI,         /* writing the MADT and IORT alone (plan --acpi) */
	STAGE_READ,         /* reading the emitted tree back (gp_fdt_check + walk) */
	STAGE_VERIFY,       /* default verify alone, on the tree read back */
	STAGE_RUN,          /* plan + emit + read back + default verify */
	STAGE_EXHAUSTIVE,   /* the same with --exhaustive */
	STAGES
};

static const char *const stage_names[STAGES] = {
	[STAGE_FLOOR] = "floor (cpus + GIC node)",
	[STAGE_LOAD] = "layout load + plan",
	[STAGE_EMIT] = "emit alone",
	[STAGE_ACPI] = "ACPI tables alone",
	[STAGE_READ] = "read back alone",
	[STAGE_VERIFY] = "verify alone",
	[STAGE_RUN] = "plan+emit+verify",
	[STAGE_EXHAUSTIVE] = "... --exhaustive",
};

struct result {
	bool ran;
	bool failed;
	double seconds;
	long peak_kib;
	size_t bytes;       /* the tree's size */
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int make_plan(uint64_t cpus, struct gp_platform *p, struct gp_plan *plan)
{
	/* Past the vCPUs an ITS can target the planner refuses one: those rows have none. */
	struct gp_request req = { .cpus = cpus, .its = cpus > GP_ITS_TARGETS_MAX ? 0 : -1,
				  .virtualization = -1 };
	struct gp_error err;

	gp_error_init(&err);
	if (gp_platform_load(GP_DEFAULT_PLATFORM, p, &err) < 0 ||
	    gp_plan_make(p, &req, plan, &err) < 0) {
		fprintf(stderr, "gicplan-bench: %s\n", err.msg);
		return -1;
	}
	return 0;
}

/* One run of @stage; returns its seconds, or a negative value on failure. */
static double run_once(enum stage stage, uint64_t cpus, size_t *bytes)
{
	struct gp_platform *p = malloc(sizeof(*p));
	struct gp_plan *plan = malloc(sizeof(*plan));
	struct gp_verify_result *vr = malloc(sizeof(*vr));
	struct gp_verify_options vo = { .profile = GIC_PROFILE_ARCH };
	struct gp_input in;
	struct gp_error err;
	double t0, t = -1;
	void *blob = NULL;
	size_t len = 0;

	memset(&in, 0, sizeof(in));
	gp_error_init(&err);
	if (p == NULL || plan == NULL || vr == NULL)
		goto out;
	if (stage == STAGE_FLOOR) {
		t0 = now();
		blob = gp_floor_tree(cpus, &len);
		t = blob ? now() - t0 : -1;
		goto out;
	}
	if (stage == STAGE_LOAD) {
		t0 = now();
		if (make_plan(cpus, p, plan) == 0)
			t = now() - t0;
		goto out;
	}
	if (stage == STAGE_EMIT) {
		if (make_plan(cpus, p, plan) < 0)
			goto out;
		t0 = now();
		if (gp_emit_fdt(plan, &blob, &len, &err) == 0)
			t = now() - t0;
		goto out;
	}
	if (stage == STAGE_ACPI) {
		struct gp_acpi_options ao = { GP_ACPI_6_0, 0 };
		struct gp_acpi_tables tables;

		if (make_plan(cpus, p, plan) < 0)
			goto out;
		t0 = now();
		if (gp_acpi_write(plan, &ao, &tables, &err) == 0)
			t = now() - t0;
		len = tables.n ? tables.t[0].len : 0;
		gp_acpi_tables_free(&tables);
		goto out;
	}
	t0 = now();
	if (make_plan(cpus, p, plan) < 0 || gp_emit_fdt(plan, &blob, &len, &err) < 0)
		goto out;
	vo.ipa_bits = plan->ipa_bits;
	vo.exhaustive = stage == STAGE_EXHAUSTIVE;
	if (stage == STAGE_READ || stage == STAGE_VERIFY)
		t0 = now();
	if (gp_input_from_plan(plan, blob, len, &(struct gp_input_options){ 0 }, &in, &err) < 0)
		goto out;
	blob = NULL; /* the input owns it now */
	if (stage == STAGE_READ) {
		t = now() - t0;
		goto out;
	}
	if (stage == STAGE_VERIFY)
		t0 = now();
	if (gp_verify(&in.m, &in.v, &vo, vr, &err) == 0 && !vr->failed)
		t = now() - t0;
out:
	if (err.msg[0])
		fprintf(stderr, "gicplan-bench: %s\n", err.msg);
	*bytes = len;
	gp_input_free(&in);
	free(blob);
	free(vr);
	free(plan);
	free(p);
	return t;
}

/* Run @stage in a child: best time over repeats, its peak RSS from wait4. */
static struct result measure(enum stage stage, uint64_t cpus)
{
	struct result r = { .ran = true };
	struct rusage ru;
	int fds[2], status;
	pid_t pid;

	if (pipe(fds) != 0) {
		r.failed = true;
		return r;
	}
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		double best = -1, spent = 0;
		size_t bytes = 0;

		close(fds[0]);
		for (int i = 0; i < REPEAT_MAX && (i == 0 || spent < REPEAT_BUDGET_S); i++) {
			double t = run_once(stage, cpus, &bytes);

			if (t < 0) {
				best = -1;
				break;
			}
			spent += t;
			if (best < 0 || t < best)
				best = t;
		}
		if (write(fds[1], &best, sizeof(best)) != sizeof(best) ||
		    write(fds[1], &bytes, sizeof(bytes)) != sizeof(bytes))
			_exit(1);
		_exit(0);
	}
	close(fds[1]);
	if (pid < 0 || read(fds[0], &r.seconds, sizeof(r.seconds)) != sizeof(r.seconds) ||
	    read(fds[0], &r.bytes, sizeof(r.bytes)) != sizeof(r.bytes))
		r.failed = true;
	close(fds[0]);
	if (pid > 0 && wait4(pid, &status, 0, &ru) == pid) {
		r.peak_kib = ru.ru_maxrss;
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			r.failed = true;
	}
	if (r.seconds < 0)
		r.failed = true;
	return r;
}

/* dtc -I dts -O dtb on the decompiled tree of @cpus vCPUs: seconds, or -1 failed, -2 timeout. */
static double time_dtc(uint64_t cpus, double limit)
{
	char dtb[] = "/tmp/gicplan-bench-XXXXXX", cmd[256];
	struct gp_platform *p = malloc(sizeof(*p));
	struct gp_plan *plan = malloc(sizeof(*plan));
	struct gp_error err;
	void *blob = NULL;
	size_t len;
	double t = -1, t0;
	int fd, status;
	FILE *f;
	pid_t pid;

	gp_error_init(&err);
	fd = mkstemp(dtb);
	if (fd < 0 || p == NULL || plan == NULL || make_plan(cpus, p, plan) < 0 ||
	    gp_emit_fdt(plan, &blob, &len, &err) < 0)
		goto out;
	f = fdopen(fd, "wb");
	if (f == NULL || fwrite(blob, 1, len, f) != len) {
		if (f)
			fclose(f);
		goto out;
	}
	fclose(f);
	fd = -1;
	snprintf(cmd, sizeof(cmd), "dtc -q -I dtb -O dts -o %s.dts %s", dtb, dtb);
	if (system(cmd) != 0)
		goto out;
	snprintf(cmd, sizeof(cmd), "%s.dts", dtb);
	t0 = now();
	pid = fork();
	if (pid == 0) {
		alarm((unsigned)limit + 1);
		execlp("dtc", "dtc", "-q", "-I", "dts", "-O", "dtb", "-o", "/dev/null", cmd,
		       (char *)NULL);
		_exit(127);
	}
	if (pid > 0 && waitpid(pid, &status, 0) == pid) {
		if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM)
			t = -2;
		else if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
			t = now() - t0;
	}
	unlink(cmd);
out:
	if (fd >= 0)
		close(fd);
	unlink(dtb);
	free(blob);
	free(plan);
	free(p);
	return t;
}

static int parse_sizes(const char *s, uint64_t *sizes)
{
	int n = 0;

	while (*s && n < SIZES_MAX) {
		char *end;

		sizes[n++] = strtoull(s, &end, 10);
		if (end == s)
			return -1;
		s = *end == ',' ? end + 1 : end;
	}
	return n;
}

static void print_result(uint64_t cpus, enum stage s, const struct result *r, double floor_s,
			 long base_kib)
{
	double per_cpu = (double)(r->peak_kib - base_kib) * 1024.0 / (double)cpus;

	if (!r->ran)
		return;
	if (r->failed) {
		printf("%9" PRIu64 "  %-24s  failed%s\n", cpus, stage_names[s],
		       s == STAGE_ACPI ? " (a GICR structure's u32 length holds no region over 4 GiB)"
				       : "");
		return;
	}
	printf("%9" PRIu64 "  %-24s %10.3f %10ld %9.0f", cpus, stage_names[s], r->seconds * 1e3,
	       r->peak_kib, per_cpu > 0 ? per_cpu : 0);
	if (s != STAGE_FLOOR && floor_s > 0)
		printf(" %8.2fx", r->seconds / floor_s);
	printf("\n");
}

int main(int argc, char **argv)
{
	uint64_t sizes[SIZES_MAX] = { 8, 128, 1019, 4096, 65536, 1048576 };
	struct result res[SIZES_MAX][STAGES];
	double exhaustive_limit = DEFAULT_EXHAUSTIVE_LIMIT, dtc_limit = DEFAULT_DTC_LIMIT;
	double dtc[SIZES_MAX];
	bool do_dtc = true, dtc_dead = false;
	int nsizes = 6, misses = 0;
	long base_kib[STAGES] = { 0 };

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--sizes") == 0 && i + 1 < argc)
			nsizes = parse_sizes(argv[++i], sizes);
		else if (strcmp(argv[i], "--exhaustive-limit") == 0 && i + 1 < argc)
			exhaustive_limit = atof(argv[++i]);
		else if (strcmp(argv[i], "--dtc-limit") == 0 && i + 1 < argc)
			dtc_limit = atof(argv[++i]);
		else if (strcmp(argv[i], "--no-dtc") == 0)
			do_dtc = false;
		else {
			fprintf(stderr, "usage: gicplan-bench [--sizes 8,128,...] [--exhaustive-limit "
					"S] [--dtc-limit S] [--no-dtc]\n");
			return 2;
		}
	}
	if (nsizes <= 0) {
		fprintf(stderr, "gicplan-bench: --sizes: a comma-separated list of vCPU counts\n");
		return 2;
	}
	memset(res, 0, sizeof(res));
	printf("gicplan-bench: platform %s, GICv3, default options; best of repeated runs "
	       "under %.1f s; peak RSS of a child per measurement\n\n", GP_DEFAULT_PLATFORM,
	       REPEAT_BUDGET_S);
	printf("%9s  %-24s %10s %10s %9s %9s\n", "vCPUs", "stage", "ms", "peak KiB",
	       "B/vCPU", "vs floor");
	for (int k = 0; k < nsizes; k++) {
		uint64_t cpus = sizes[k];
		double estimate = 0;

		for (int s = 0; s < STAGES; s++) {
			if (s == STAGE_EXHAUSTIVE) {
				/* Exhaustive grows as vCPUs^2: skip where the last size predicts > limit. */
				if (k > 0 && res[k - 1][s].ran && !res[k - 1][s].failed)
					estimate = res[k - 1][s].seconds *
						   pow((double)cpus / (double)sizes[k - 1], 2);
				if ((k > 0 && !res[k - 1][s].ran) || estimate > exhaustive_limit) {
					printf("%9" PRIu64 "  %-24s  skipped: about %.0f s, over the %.0f s "
					       "limit\n", cpus, stage_names[s],
					       estimate > 0 ? estimate : exhaustive_limit + 1,
					       exhaustive_limit);
					continue;
				}
			}
			res[k][s] = measure((enum stage)s, cpus);
			if (k == 0)
				base_kib[s] = res[k][s].peak_kib;
			print_result(cpus, (enum stage)s, &res[k][s], res[k][STAGE_FLOOR].seconds,
				     base_kib[s]);
		}
		dtc[k] = -3;
		if (do_dtc && !dtc_dead) {
			dtc[k] = time_dtc(cpus, dtc_limit);
			if (dtc[k] >= 0)
				printf("%9" PRIu64 "  %-24s %10.3f\n", cpus, "dtc -I dts -O dtb",
				       dtc[k] * 1e3);
			else {
				printf("%9" PRIu64 "  %-24s  %s\n", cpus, "dtc -I dts -O dtb",
				       dtc[k] == -2 ? "timed out" : "failed");
				dtc_dead = true;
			}
		}
		printf("%9s  tree: %zu bytes\n", "", res[k][STAGE_EMIT].bytes);
	}

	printf("\ntargets\n");
	for (int k = 0; k < nsizes; k++) {
		const struct result *fl = &res[k][STAGE_FLOOR], *em = &res[k][STAGE_EMIT],
				    *run = &res[k][STAGE_RUN];
		double rr = run->seconds / fl->seconds, er = em->seconds / fl->seconds;
		double run_target = sizes[k] >= TARGET_LARGE_CPUS ? TARGET_FLOOR_RATIO_RUN_LARGE
								  : TARGET_FLOOR_RATIO_RUN;
		const struct result *ld = &res[k][STAGE_LOAD];
		bool miss = rr > run_target || er > TARGET_FLOOR_RATIO_EMIT;

		if (fl->failed || em->failed || run->failed)
			continue;
		printf("  %9" PRIu64 " vCPUs: run %.2fx floor (%s), emit %.2fx floor (%s)",
		       sizes[k], rr, rr <= run_target ? "ok" : "MISS", er,
		       er <= TARGET_FLOOR_RATIO_EMIT ? "ok" : "MISS");
		/* Where the floor is microseconds, say how much of the run is fixed cost. */
		if (miss && !ld->failed)
			printf("; layout load + plan alone: %.3f ms, %.0f%% of the run",
			       ld->seconds * 1e3, 100.0 * ld->seconds / run->seconds);
		printf("\n");
		misses += miss;
		/* The MADT: no more per vCPU than the tree. */
		if (!res[k][STAGE_ACPI].failed && res[k][STAGE_ACPI].ran) {
			bool acpi_miss = res[k][STAGE_ACPI].seconds > em->seconds;

			printf("  %9" PRIu64 " vCPUs: ACPI tables %.3f ms, emit %.3f ms (%s)\n",
			       sizes[k], res[k][STAGE_ACPI].seconds * 1e3, em->seconds * 1e3,
			       acpi_miss ? "MISS" : "ok");
			misses += acpi_miss;
		}
	}
	for (int k = 1; k < nsizes; k++) {
		double doublings = log2((double)sizes[k] / (double)sizes[k - 1]);
		const struct result *a = &res[k - 1][STAGE_RUN], *b = &res[k][STAGE_RUN];
		double per_doubling, mem_per_cpu;

		if (a->failed || b->failed || doublings <= 0 || a->seconds < 1e-3)
			continue;
		per_doubling = pow(b->seconds / a->seconds, 1 / doublings);
		mem_per_cpu = (double)(b->peak_kib - base_kib[STAGE_RUN]) * 1024.0 /
			      (double)sizes[k];
		printf("  %9" PRIu64 " -> %" PRIu64 ": time x%.2f per doubling (%s), %.0f B/vCPU "
		       "above the base (%s)\n", sizes[k - 1], sizes[k], per_doubling,
		       per_doubling <= TARGET_DOUBLING ? "ok" : "MISS", mem_per_cpu,
		       mem_per_cpu <= TARGET_BYTES_PER_CPU ? "ok" : "MISS");
		misses += per_doubling > TARGET_DOUBLING || mem_per_cpu > TARGET_BYTES_PER_CPU;
	}
	printf("%s\n", misses ? "some targets missed" : "all targets met");
	return 0;
}
