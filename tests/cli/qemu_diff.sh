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
