#!/bin/sh
# SPDX-License-Identifier: MIT
# Run each libFuzzer target for SECONDS (default 20), seeded from the bundled
# layouts, the QEMU dumps, test layouts, and trees and plans gicplan makes.
# A crash stops the run with its input under build-fuzz/artifacts/; turn it
# into a regression test (tests/hostile/) before fixing it.
#   scripts/fuzz.sh            # CI: 20 s a target
#   scripts/fuzz.sh 3600       # an hour a target
#   scripts/fuzz.sh 0 dt       # one target until stopped (Ctrl-C)
set -eu
cd "$(dirname "$0")/.."
seconds=${1:-20}
only=${2:-}

scripts/setup.sh --extra
cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DGICPLAN_FUZZ=ON -DGICPLAN_TESTS=OFF \
	-DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-fuzz -j"$(nproc)" >/dev/null

seeds=build-fuzz/seeds
rm -rf "$seeds"
mkdir -p "$seeds/dt" "$seeds/layout" "$seeds/plan" "$seeds/console" "$seeds/acpi" \
	"$seeds/its" build-fuzz/artifacts
for f in tests/fixtures/qemu-7.2/*.dtb tests/golden/qemu-7.2/*.dtb; do
	cp "$f" "$seeds/dt/$(basename "$(dirname "$f")")-$(basename "$f")"
done
cp layouts/*.json "$seeds/layout/"
for f in $(find tests/layouts -name '*.json'); do
	cp "$f" "$seeds/layout/$(echo "$f" | tr / -)"
done
n=0
for args in "--cpus 8" "--cpus 130 --gic-version 4" "--cpus 1020 --no-its" \
	    "--cpus 40 --virtualization --spis 64"; do
	n=$((n + 1))
	# shellcheck disable=SC2086
	ASAN_OPTIONS=detect_leaks=0 build-fuzz/gicplan $args --out "$seeds/dt/virt-$n.dtb" \
		--plan "$seeds/plan/virt-$n.json" >/dev/null
done
# ACPI: each MADT alone, and followed by its IORT (fuzz_acpi splits at the MADT's length).
for d in tests/fixtures/qemu-7.2/acpi/*/; do
	cp "$d/apic.dat" "$seeds/acpi/$(basename "$d")-apic.dat"
	cat "$d/apic.dat" "$d/iort.dat" >"$seeds/acpi/$(basename "$d")-apic-iort.dat"
done
cat > "$seeds/console/walk.txt" <<'EOS'
readl 0x08000000
readl 0x08000004
readl 0x0800ffe8
readq 0x080a0008
writel 0x080a0014 0x0
readl 0x080a0014
writeb 0x080b0400 0xa0
readb 0x080b0400
writel 0x08000100 0xffffffff
writeq 0x08006100 0x0
sysreg_write 0 ICC_PMR_EL1 0xff
sysreg_write 0 ICC_IGRPEN1_EL1 1
irq_set spi 32 1
sysreg_read 0 ICC_IAR1_EL1
irq_signalled
EOS

# The ITS: KVM profile, flat tables; MAPC (collection 0 -> CPU 0), MAPD (device 0,
# 2 EventIDs), MAPTI (EventID 0 -> LPI 8192), INT; then the same bytes as MSIs.
# Inputs that once crashed a target run first, every time.
cp tests/hostile/its/* "$seeds/its/"
python3 - "$seeds/its/linux.bin" <<'EOS'
import struct, sys
cmds = [(0x09, 0, 1 << 63, 0), (0x08, 1, 1 << 63 | 0x40080000, 0),
        (0x0a, 8192 << 32, 0, 0), (0x03, 0, 0, 0), (0x05, 0, 0, 0)]
with open(sys.argv[1], "wb") as f:
    f.write(bytes([1, 0]) + b"".join(struct.pack("<4Q", *c) for c in cmds))
EOS

status=0
for target in dt layout plan console acpi its; do
	[ -n "$only" ] && [ "$only" != "$target" ] && continue
	corpus=build-fuzz/corpus/$target
	mkdir -p "$corpus"
	echo "fuzz: $target for ${seconds}s"
	build-fuzz/fuzz/fuzz_$target -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
		-print_final_stats=1 -artifact_prefix="build-fuzz/artifacts/$target-" \
		"$corpus" "$seeds/$target" 2>build-fuzz/fuzz-$target.log || {
		status=1
		tail -40 build-fuzz/fuzz-$target.log
	}
	grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb" build-fuzz/fuzz-$target.log | tr '\n' ' '
	echo
done
exit $status
