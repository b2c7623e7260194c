#!/bin/sh
# SPDX-License-Identifier: MIT
# Whether two gicplan binaries answer alike: runs each command of a corpus
# (every command and format over the bundled platforms, the test trees, QEMU's
# own trees and tables, real boards' trees) with OLD and with NEW, and compares
# standard output, standard error, the exit code and every file written.
#   scripts/same-output.sh OLD NEW
# Exit 0 when every answer is byte-identical, 1 naming each that differs.
# SAME_OUTPUT_SED, a sed script, is applied to both sides' text first, to set
# aside a difference meant (e.g. a count a check's coverage changed).
set -eu
[ $# -eq 2 ] || { echo "usage: scripts/same-output.sh OLD NEW" >&2; exit 2; }
old=$(realpath "$1")
new=$(realpath "$2")
cd "$(dirname "$0")/.."
top=$(pwd)
# Both binaries read this tree's layouts (each would name its own build's folder).
export GICPLAN_LAYOUTS="${GICPLAN_LAYOUTS:-$top/layouts}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
runs=0
differs=0

# One command line ($*, with @OUT@ for an output directory) under both binaries.
same() {
	runs=$((runs + 1))
	for side in old new; do
		d="$work/$side"
		rm -rf "$d" && mkdir -p "$d/out"
		bin=$old
		[ "$side" = new ] && bin=$new
		line=$(printf '%s\n' "$*" | sed "s|@OUT@|$d/out|g")
		# The binary's own path and the side's directory are not part of the answer.
		(cd "$top" && eval "\"$bin\" $line" >"$d/stdout" 2>"$d/stderr"; echo $? >"$d/rc") || true
		sed -i "s|$bin|gicplan|g; s|$d/out|OUT|g" "$d/stdout" "$d/stderr"
		if [ -n "${SAME_OUTPUT_SED:-}" ]; then
			find "$d" -type f -exec grep -Iq . {} \; -exec sed -i "$SAME_OUTPUT_SED" {} \;
		fi
	done
	if ! diff -r "$work/old" "$work/new" >"$work/diff" 2>&1; then
		differs=$((differs + 1))
		echo "differs: gicplan $*"
		head -20 "$work/diff" | sed 's/^/    /'
	fi
}

trees="tests/fixtures/qemu-7.2/*.dtb tests/golden/qemu-7.2/*.dtb tests/fixtures/boards/*.dtb"
platforms=$(ls layouts | sed 's/\.json$//')

same --version
same help
for c in plan verify emu audit tiers platforms limits map help; do
	same help "$c"
done
same platforms
same platforms --format json
for p in $platforms; do
	same limits --platform "$p"
	same limits --platform "$p" --format json
	same tiers --platform "$p"
	same tiers --platform "$p" --format json
	same map --platform "$p" --cpus 300
	same map --platform "$p" --cpus 300 --svg @OUT@/m.svg
	for n in 1 8 127 128 512 1019 1020 4096; do
		same plan --platform "$p" --cpus "$n" --out @OUT@/t.dtb
		same plan --platform "$p" --cpus "$n" --gic-version 4 --format json
		same plan --platform "$p" --cpus "$n" --kvm-attrs @OUT@/kvm.txt --plan-json @OUT@/p.json --out @OUT@/t.dtb
		same plan --platform "$p" --cpus "$n" --acpi @OUT@/acpi --out @OUT@/t.dtb
		same plan --platform "$p" --cpus "$n" --format junit
	done
done
same plan --cpus 900 --out @OUT@/virt.dtb
same plan --cpus 70000 --out @OUT@/big.dtb
same plan --cpus 0
same plan --cpus 100 --platform nosuch
same plan --cpus 100 --spis 2000
for t in $trees; do
	same verify "$t"
	same verify "$t" --format json
	same verify "$t" --format junit
	same verify "$t" --profile kvm
	same verify "$t" --profile qemu --gic-version 4
	same map "$t"
done
for t in tests/fixtures/qemu-7.2/acpi/*; do
	same verify "$t"
	same verify "$t" --format json
done
same audit tests/fixtures/qemu-7.2/virt-6.1-gicv3-smp2.dtb tests/fixtures/qemu-7.2/virt-6.2-gicv3-smp2.dtb
same audit tests/fixtures/qemu-7.2/virt-6.1-gicv3-smp2.dtb tests/fixtures/qemu-7.2/virt-6.2-gicv3-smp2.dtb --format json
same audit tests/fixtures/qemu-7.2/virt-6.2-gicv3-smp2.dtb tests/fixtures/qemu-7.2/virt-6.2-gicv3-smp3.dtb --one-way
same audit tests/golden/qemu-7.2/virt-gicv4-smp61.dtb tests/golden/qemu-7.2/virt-gicv4-smp62.dtb --identical
same verify tests/hostile
# --compat-with: OLD as a plan file (made once, by OLD's binary) and as trees.
"$old" plan --cpus 900 --plan "$work/p900.json" -q
for o in "$work/p900.json" tests/golden/qemu-7.2/virt-gicv3-smp124.dtb \
	tests/golden/qemu-7.2/virt-gicv4-smp61.dtb tests/fixtures/qemu-7.2/virt-gicv3-smp8-norand.dtb; do
	for a in "--cpus 1000" "--cpus 2000 --format json" "--cpus 200 --its" "--cpus 1000 --gic-version 4" \
		"--cpus 1000 --platform firecracker" "--cpus 1000 --ram 100T"; do
		same plan --compat-with "$o" $a --out @OUT@/t.dtb --plan @OUT@/t.json
	done
done
echo "same-output: $runs commands, $differs differ"
[ "$differs" -eq 0 ]
