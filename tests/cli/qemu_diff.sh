#!/bin/sh
# SPDX-License-Identifier: MIT
# gicplan emu --profile qemu against qemu-system-aarch64 7.2 -qtest, with random
# scripts of reads and writes of every GICD and GICR register at every width,
# over several machine types, GIC versions and vCPU counts (tests/cli/qemu_diff.py
# says how; its environment variables set the seed and the number of accesses).
#
#   tests/cli/qemu_diff.sh GICPLAN SOURCE_DIR
#
# First it shows it can fail: the arch profile, which is not QEMU, must disagree.
# Without QEMU 7.2 or python3 it says why and exits 77 (ctest: skipped).
set -u

NAME=qemu-diff
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/qemu_lib.sh"

# --qemu-machine, without QEMU: the machine types QEMU 7.2 has, with --profile qemu only.
fresh
TREE=$SRC/tests/golden/qemu-7.2/virt-gicv3-smp8.dtb
for bad in virt-2.5 virt-7.3 virt-6 virt-6.1x 6.1 pc-7.2 ""; do
	expect_error 2 "--qemu-machine" emu --profile qemu --qemu-machine "$bad" "$TREE"
done
expect_error 2 "--qemu-machine" emu --qemu-machine virt-6.1 "$TREE"
expect_error 2 "--qemu-machine" audit --qemu-machine virt-6.1 "$TREE" "$TREE"
# GICD_TYPER as QEMU 7.2 answers it: LPIS from virt-6.2 on (0x037a0007), not before.
for m in virt-6.1:0x0000000003780007 virt-6.2:0x00000000037a0007 virt:0x00000000037a0007; do
	echo "readl 0x08000004" >"$T/typer"
	(cd "$T/work" && "$GICPLAN" emu --profile qemu --qemu-machine "${m%%:*}" "$TREE" \
		<"$T/typer") >"$T/out" 2>"$T/err"
	[ "$(cat "$T/out")" = "OK ${m#*:}" ] && pass ||
		fail "--qemu-machine ${m%%:*}: GICD_TYPER answered $(cat "$T/out" "$T/err")"
done

need_qemu72
if [ -z "$PY" ]; then
	echo "$0: python3 is not installed: it drives the comparison (skipped)" >&2
	exit 77
fi
DRIVER=$SRC/tests/cli/qemu_diff.py

# A wrong profile must be caught.
QEMU_DIFF_PROFILE=arch QEMU_DIFF_CONFIGS="7.2:3:off:off:3" QEMU_DIFF_ACCESSES=200 \
	QEMU_DIFF_SHOW=0 "$PY" "$DRIVER" "$GICPLAN" >"$T/arch.out" 2>&1
rc=$?
if [ "$rc" -eq 1 ] && grep -q "answers differ" "$T/arch.out"; then
	pass
else
	fail "the arch profile was not told apart from QEMU (exit $rc): $(tail -n 3 "$T/arch.out")"
fi

# verify takes QEMU's own trees the tree cannot tell apart: virt-7.2 its=off shows LPIs
# without an ITS; a virt-6.1 GICv4 steps 128 KiB, with 256 KiB-sized regions (70 vCPUs:
# 61 in the low region, 9 in the high one).
for m in "virt-7.2,gic-version=3,its=off 4 7.2 3" "virt-6.1,gic-version=4,virtualization=on 70 6.1 4"; do
	set -- $m
	"$QEMU" -machine "$1,dumpdtb=$T/work/q.dtb" -cpu max -smp "$2" -display none -nic none \
		>/dev/null 2>&1 || { fail "QEMU $1: no tree"; continue; }
	expect_rc 0 "verify --qemu-machine virt-$3 on QEMU's $1 -smp $2" \
		verify --profile qemu --qemu-machine "virt-$3" --gic-version "$4" q.dtb
done

# The qemu profile must agree on every answer.
"$PY" "$DRIVER" "$GICPLAN"
rc=$?
case $rc in
0) pass ;;
1) fail "gicplan emu --profile qemu differs from QEMU (the lines above; QEMU_DIFF_SEED repeats)" ;;
*) fail "the differential test could not run (exit $rc)" ;;
esac

echo "qemu diff: $passes passed, $failures failed"
[ "$failures" -eq 0 ] || exit 1
exit 0
