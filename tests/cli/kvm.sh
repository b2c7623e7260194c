#!/bin/sh
# SPDX-License-Identifier: MIT
# The KVM attribute list and kvm-attrs, through the command line: KVM's limits
# fail a plan for KVM (--profile kvm) and warn otherwise; --spis 988 works end
# to end; --virtualization adds MAINT_IRQ with the PPI the tree names.
#
#   tests/cli/kvm.sh GICPLAN SOURCE_DIR
#
# The JSON and tree parts need python3 and dtc; without them they are skipped.
set -u

NAME=kvm
. "$(dirname "$0")/lib.sh"

skipped=""

# has_check STATUS NAME [NEEDLE]: the text report has "STATUS NAME ... NEEDLE".
has_check() {
	if grep -E "^  $1 +$2 " "$T/out" | grep -qF -- "${3:-}"; then
		pass
	else
		fail "no \"$1 $2${3:+ ... $3}\" in the report: $(grep -E " $2 " "$T/out")"
	fi
}

fresh

# 988 SPIs: ITLinesNumber 31, every SPI routed; KVM's NR_IRQS stops at 992 INTIDs.
expect_rc 0 "988 SPIs" --cpus 8 --spis 988
has_check pass gic-model
has_check pass gicd-typer
grep -E "^  pass +spi-routing +988\$" "$T/out" >/dev/null && pass ||
	fail "988 SPIs: not every SPI routed: $(grep spi-routing "$T/out")"
has_check warn kvm-attrs "960 SPIs"
expect_rc 1 "988 SPIs for KVM" --cpus 8 --spis 988 --profile kvm
has_check fail kvm-attrs "NR_IRQS 1020"
expect_rc 0 "960 SPIs for KVM" --cpus 8 --spis 960 --profile kvm
has_check pass kvm-attrs

# VGIC_V3_MAX_CPUS: 512.
expect_rc 0 "512 vCPUs for KVM" --cpus 512 --profile kvm
has_check pass kvm-attrs
expect_rc 1 "513 vCPUs for KVM" --cpus 513 --profile kvm
has_check fail kvm-attrs "at most 512"
expect_rc 0 "513 vCPUs, arch" --cpus 513
has_check warn kvm-attrs "at most 512"

# KVM gives a guest a GICv3.
expect_rc 1 "GICv4 for KVM" --cpus 8 --gic-version 4 --profile kvm
has_check fail kvm-attrs "GICv4"
expect_rc 0 "GICv4, arch" --cpus 8 --gic-version 4
has_check warn kvm-attrs "GICv4"

# The guest's EL2: MAINT_IRQ (group 9) holds the INTID of the PPI the tree gives.
if [ -z "$PY" ] || ! command -v dtc >/dev/null 2>&1; then
	skipped="$skipped maint_irq(python3 or dtc missing)"
else
	expect_rc 0 "EL2 plan" --cpus 8 --virtualization --out el2.dtb --plan el2.json
	expect_rc 0 "EL2 plan verifies" verify el2.json
	has_check pass kvm-attrs
	dtc -q -I dtb -O dts -o "$T/work/el2.dts" "$T/work/el2.dtb" 2>/dev/null && pass ||
		fail "dtc cannot read el2.dtb"
	# The GIC node's own interrupts: <1 PPI flags> (arm,gic-v3 binding).
	ppi=$(awk '/compatible = "arm,gic-v3"/ { gic = 1 }
		gic && /^\t\tinterrupts = </ { gsub(/[<>;]/, ""); print $4; exit }' "$T/work/el2.dts")
	[ -n "$ppi" ] && pass || fail "el2.dtb: no maintenance interrupt on the GIC node"
	"$PY" - "$T/work/el2.json" "$((ppi))" <<'PYEOF' && pass || fail "el2.json: MAINT_IRQ"
import json, sys
kvm = json.load(open(sys.argv[1]))["kvm"]
groups = [a["group"] for a in kvm]
assert groups.count(9) == 1, groups
m = groups.index(9)
a = kvm[m]
assert a["device"] == "KVM_DEV_TYPE_ARM_VGIC_V3", a
assert int(a["value"], 16) == 16 + int(sys.argv[2]), (a, sys.argv[2])
init = [i for i, a in enumerate(kvm) if a["group"] == 4 and a["device"] == "KVM_DEV_TYPE_ARM_VGIC_V3"]
assert init and m < init[0], (m, init)
PYEOF
	expect_rc 0 "no EL2" --cpus 8 --format json
	"$PY" -c 'import json, sys; k = json.load(sys.stdin)["kvm"]; sys.exit(any(a["group"] == 9 for a in k))' \
		<"$T/out" && pass || fail "a plan without EL2 has a MAINT_IRQ"
fi

echo "kvm cli: $passes passed, $failures failed${skipped:+, skipped:$skipped}"
[ "$failures" -eq 0 ] || exit 1
exit 0
