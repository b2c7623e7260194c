#!/bin/sh
# SPDX-License-Identifier: MIT
# The suite under valgrind memcheck: every check suite in-process (CK_FORK=no),
# then the gicplan command on each of its paths. Any invalid access or leak
# fails the run (exit 1).
set -eu
cd "$(dirname "$0")/.."
scripts/setup.sh --extra
cmake -S . -B build-vg -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build build-vg -j"$(nproc)" >/dev/null

vg="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect,possible --track-origins=yes"
failed=0
run() {
	# Exit codes 0-3 are gicplan's own; 99 is valgrind's. A check suite
	# ($suite set) passes only with 0: a failing check fails the run too.
	rc=0
	"$@" >/dev/null 2>build-vg/valgrind.log || rc=$?
	if [ "$rc" -eq 99 ] || grep -q "==[0-9]*==" build-vg/valgrind.log ||
		{ [ -n "${suite:-}" ] && [ "$rc" -ne 0 ]; }; then
		echo "valgrind: FAIL: $*"
		cat build-vg/valgrind.log
		failed=1
	else
		echo "valgrind: ok (exit $rc): $*"
	fi
}

suite=1
for t in build-vg/tests/test_* build-vg/tests/gic_emul/test_*; do
	[ -x "$t" ] || continue
	CK_FORK=no run $vg "$t"
done
suite=

g="$vg build-vg/gicplan"
tmp=$(mktemp -d)
run $g --cpus 900 --out "$tmp/a.dtb" --plan "$tmp/a.json"
run $g --cpus 130 --gic-version 4 --virtualization --format json
run $g --cpus 1500 --compat-with "$tmp/a.json" --plan "$tmp/b.json"
run $g audit "$tmp/a.json" "$tmp/b.json"
run $g audit "$tmp/a.dtb" tests/fixtures/qemu-7.2/virt-gicv3-smp124.dtb
for f in tests/fixtures/qemu-7.2/*.dtb tests/golden/qemu-7.2/*.dtb; do
	run $g verify --profile qemu "$f"
done
run $g verify --exhaustive --profile kvm "$tmp/a.json"
printf 'readl 0x08000004\nreadq 0x080a0008\nsysreg_read 0 ICC_IAR1_EL1\nbogus\n' >"$tmp/script"
run sh -c "$g emu tests/fixtures/qemu-7.2/virt-gicv3-smp8-norand.dtb <$tmp/script"
run $g tiers
run $g platforms
run $g --cpus 100000 --ipa-bits 32
run $g --cpus 0
run $g verify tests/hostile/dt/fuzz-no-memory-node.dtb
run $g verify "$tmp/missing.dtb"
for f in tests/fixtures/boards/*.dtb; do
	run $g verify "$f"
done
run $g verify --format junit tests/fixtures/qemu-7.2/virt-gicv3-smp124.dtb
run $g audit --format json "$tmp/a.json" "$tmp/b.json"
run $g --cpus 8 --spis 988 --format json
run $g --cpus 100000 --ipa-bits 32 --format json
run $g map --cpus 900 --svg "$tmp/map.svg"
run $g map --tiers --platform kvmtool --svg "$tmp/tiers.svg"
run $g help verify
run $g limits --platform qemu-virt
run $g limits --format json
mkdir "$tmp/acpi"
run $g --platform qemu-virt --cpus 130 --acpi "$tmp/acpi" --acpi-version 6.5 --boot-cpus 100
run $g verify "$tmp/acpi/apic.dat"
for d in tests/fixtures/qemu-7.2/acpi/*/; do
	run $g verify "$d"
done
dtc -I dtb -O dts -o "$tmp/a.dts" "$tmp/a.dtb" 2>/dev/null && run $g verify "$tmp/a.dts"
run $g --cpus 8 --out /dev/null --plan "$tmp/link.json"
rm -rf "$tmp"
exit $failed
