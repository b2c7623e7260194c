#!/bin/sh
# SPDX-License-Identifier: MIT
# Boot a Linux guest on QEMU from the tree gicplan writes for the qemu-virt platform.
#
#   tests/boot/run.sh GICPLAN [KERNEL]
#
# KERNEL (or $GICPLAN_KERNEL) is an arm64 Linux Image; README.md ("Bundled VMM
# platforms") says how to fetch Debian's. Without the kernel or
# qemu-system-aarch64 the script prints why and exits 0: it is opt-in, never
# part of ctest, and downloads nothing.
#
# Each case plans a machine, starts QEMU's virt machine of the same shape with
# -dtb pointing at gicplan's tree, and waits for the console lines that prove
# the GIC and every vCPU came up: the SPI count GICD_TYPER shows, the CPU
# features probe, "SMP: Total of N processors activated", and the panic for the
# missing root file system (the end of a boot without a disk). QEMU is stopped
# as soon as all lines are seen, or after $GICPLAN_BOOT_TIMEOUT seconds (300).
#
# GICPLAN_BOOT_LARGE=1 adds 124 vCPUs (GICv3) and 62 (GICv4), whose last vCPU
# finds its redistributor in QEMU's second region at 256 GiB. TCG needs host
# cores for that many vCPUs: on a small host the guest stalls after bringing
# them up (as it does from QEMU's own tree), so these cases stop at the
# bring-up and do not wait for the root-fs panic.
set -u

if [ $# -lt 1 ]; then
	echo "usage: $0 GICPLAN [KERNEL]" >&2
	exit 2
fi
GICPLAN=$1
KERNEL=${2:-${GICPLAN_KERNEL:-}}
TIMEOUT=${GICPLAN_BOOT_TIMEOUT:-300}
QEMU=qemu-system-aarch64
POLL=1

skip() {
	echo "boot: skipped: $*"
	exit 0
}

command -v "$QEMU" >/dev/null 2>&1 || skip "$QEMU is not installed (apt-get install qemu-system-arm)"
[ -n "$KERNEL" ] || skip "no kernel: pass an arm64 Image or set GICPLAN_KERNEL (see README.md)"
[ -r "$KERNEL" ] || skip "kernel $KERNEL is not readable"
[ -x "$GICPLAN" ] || { echo "$0: $GICPLAN is not executable" >&2; exit 2; }
if command -v file >/dev/null 2>&1; then
	case $(file -b "$KERNEL") in
	*"ARM64 boot executable Image"*) ;;
	*) skip "$KERNEL is not a plain arm64 Image ($(file -b "$KERNEL" | cut -c1-60)); QEMU's -kernel needs one" ;;
	esac
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/gicplan-boot.XXXXXX") || exit 2
QEMU_PID=
cleanup() {
	[ -n "$QEMU_PID" ] && kill "$QEMU_PID" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT INT TERM

failures=0

# all_seen LOG PATTERN...: every fixed string is in LOG.
all_seen() {
	log=$1
	shift
	for p in "$@"; do
		grep -qF -- "$p" "$log" || return 1
	done
	return 0
}

# boot NAME "GICPLAN ARGS" "QEMU MACHINE ARGS" CPUS PATTERN...
boot() {
	name=$1 plan_args=$2 machine=$3 cpus=$4
	shift 4
	log=$T/$name.log
	# shellcheck disable=SC2086 # the argument strings are word lists on purpose
	if ! "$GICPLAN" --platform qemu-virt --cpus "$cpus" $plan_args --out "$T/$name.dtb" \
		>"$T/$name.plan" 2>&1; then
		echo "FAIL $name: gicplan: $(tail -1 "$T/$name.plan")"
		failures=$((failures + 1))
		return
	fi
	# shellcheck disable=SC2086
	"$QEMU" $machine -smp "$cpus" -m 1G -nographic -no-reboot -kernel "$KERNEL" \
		-dtb "$T/$name.dtb" -append "console=ttyAMA0 panic=-1" >"$log" 2>&1 &
	QEMU_PID=$!
	waited=0
	while ! all_seen "$log" "$@" && kill -0 "$QEMU_PID" 2>/dev/null && [ "$waited" -lt "$TIMEOUT" ]; do
		sleep "$POLL"
		waited=$((waited + POLL))
	done
	kill "$QEMU_PID" 2>/dev/null
	wait "$QEMU_PID" 2>/dev/null
	QEMU_PID=
	if all_seen "$log" "$@"; then
		echo "ok   $name (${waited}s):"
	else
		echo "FAIL $name (${waited}s): missing from the console:"
		for p in "$@"; do
			grep -qF -- "$p" "$log" || echo "       \"$p\""
		done
		failures=$((failures + 1))
	fi
	for p in "$@"; do
		grep -F -- "$p" "$log" | head -1 | sed 's/^/       /'
	done
}

V3="-M virt,gic-version=3 -cpu cortex-a57"
V4="-M virt,gic-version=4,virtualization=on -cpu max"
PANIC="Kernel panic - not syncing: VFS: Unable to mount root fs"

boot gicv3-8 "--gic-version 3" "$V3" 8 \
	"GICv3: 224 SPIs implemented" "CPU features: detected: GIC system register CPU interface" \
	"SMP: Total of 8 processors activated" "$PANIC"
boot gicv4-8 "--gic-version 4 --virtualization" "$V4" 8 \
	"GICv3: 224 SPIs implemented" "GICv3: GICv4 features" \
	"SMP: Total of 8 processors activated" "CPU: All CPU(s) started at EL2" "$PANIC"
if [ "${GICPLAN_BOOT_LARGE:-0}" = 1 ]; then
	boot gicv3-124 "--gic-version 3" "$V3" 124 \
		"GICv3: 224 SPIs implemented" \
		"CPU123: found redistributor 70b region 1:0x0000004000000000" \
		"SMP: Total of 124 processors activated"
	boot gicv4-62 "--gic-version 4 --virtualization" "$V4" 62 \
		"GICv3: GICv4 features" \
		"CPU61: found redistributor 30d region 1:0x0000004000000000" \
		"SMP: Total of 62 processors activated"
fi
echo "boot: $failures failed"
[ "$failures" -eq 0 ]
