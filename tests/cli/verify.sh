#!/bin/sh
# SPDX-License-Identifier: MIT
# gicplan verify and the plan command's own verification, as users run them.
#
#   tests/cli/verify.sh GICPLAN SOURCE_DIR [SECTION...]
#
# Sections (all by default): exit_codes json plan_files plan_refuses broken_dtbs.
# ctest runs each as its own test (cli_verify_<section>). A section that
# needs a tool this machine lacks (python3 for JSON, dtc for broken trees)
# says so and exits 77, which ctest reports as skipped.
set -u

NAME=verify
. "$(dirname "$0")/lib.sh"

GOLDEN=$SRC/tests/golden/qemu-7.2
SHARED=$SRC/tests/fixtures/qemu-7.2
LAYOUTS=$SRC/tests/layouts/good

# The stable check names, in order (src/verify.h).
CHECKS="gic-node redist-regions redist-stride its-node node-names region-alignment ipa-bound
region-overlap cpu-nodes gic-model redist-capacity gicd-id gicd-typer redist-pidr2 redist-walk
mpidr-found spi-routing spi-1ofn sgi-routing ppi-local device-irqs kvm-attrs lpi-routing its-targets"

skipped=""

# has_check STATUS NAME [NEEDLE]: the text report has "STATUS NAME ... NEEDLE".
has_check() {
	if grep -E "^  $1 +$2 " "$T/out" | grep -qF -- "${3:-}"; then
		pass
	else
		fail "no \"$1 $2${3:+ ... $3}\" in the report: $(grep -E " $2 " "$T/out")"
	fi
}

need_python() {
	[ -n "$PY" ] && return 0
	skipped="$skipped $1(python3 missing)"
	return 1
}

# ---- exit codes ------------------------------------------------------------------------

section_exit_codes() {
	fresh
	# QEMU's own trees pass under every profile (GICv4 ones as GICv4, not under KVM).
	for f in "$GOLDEN"/virt-gicv3-*.dtb "$SHARED"/virt-gicv3-*.dtb; do
		[ -f "$f" ] || continue
		for p in arch kvm qemu; do
			expect_rc 0 "QEMU tree $(basename "$f"), $p" verify --profile "$p" "$f"
			[ "$(tail -n 1 "$T/out")" = "PASS" ] && pass ||
				fail "verify $f --profile $p: last line is not PASS"
		done
	done
	for f in "$GOLDEN"/virt-gicv4-*.dtb "$SHARED"/virt-gicv4-*.dtb; do
		[ -f "$f" ] || continue
		for p in arch qemu; do
			expect_rc 0 "QEMU GICv4 tree $(basename "$f"), $p" verify --profile "$p" \
				--gic-version 4 "$f"
			grep -q "GICv4" "$T/out" && pass || fail "$f: report does not say GICv4"
		done
		expect_rc 1 "GICv4 under KVM" verify --profile kvm --gic-version 4 "$f"
		has_check fail gic-model GICv4
	done
	# smp 62 says GICv4 only through its regions; inferred, it is refused by KVM too.
	expect_rc 0 "smp62 inferred" verify "$GOLDEN/virt-gicv4-smp62.dtb"
	grep -q "GICv4 (inferred" "$T/out" && pass || fail "smp62: GICv4 not inferred: $(head -3 "$T/out")"
	expect_rc 1 "smp62 inferred, KVM" verify --profile kvm "$GOLDEN/virt-gicv4-smp62.dtb"
	# Strict: QEMU's node names fail it.
	expect_rc 1 "strict QEMU tree" verify --strict "$GOLDEN/virt-gicv3-smp8.dtb"
	has_check warn node-names intc@8000000
	[ "$(tail -n 1 "$T/out")" = "FAIL" ] && pass || fail "strict: last line is not FAIL"

	# Input errors: exit 2, one line naming the file.
	expect_error 2 nothere.dtb verify nothere.dtb
	head -c 100 "$GOLDEN/virt-gicv3-smp8.dtb" >"$T/work/trunc.dtb"
	expect_error 2 trunc.dtb verify trunc.dtb
	size=$(wc -c <"$GOLDEN/virt-gicv3-smp8.dtb")
	head -c $((size / 2)) "$GOLDEN/virt-gicv3-smp8.dtb" >"$T/work/half.dtb"
	expect_error 2 half.dtb verify half.dtb
	: >"$T/work/empty.dtb"
	expect_error 2 empty.dtb verify empty.dtb
	echo '{"format": "not-a-plan", "a": 1}' >"$T/work/notplan.json"
	expect_error 2 notplan.json verify notplan.json
	echo '[1, 2, 3]' >"$T/work/array.json"
	expect_error 2 array.json verify array.json
	printf 'hello\n' >"$T/work/text.txt"
	expect_error 2 text.txt verify text.txt
	# Usage errors.
	expect_error 2 "verify needs" verify
	expect_error 2 "unexpected argument" verify a.dtb b.dtb c.dtb
	# (The message should name --cpus; it names its value "4": reported, src/cli/cli.c.)
	expect_error 2 "not an option of this command" verify --cpus 4 "$GOLDEN/virt-gicv3-smp8.dtb"
	expect_error 2 "--profile" verify --profile hyperv "$GOLDEN/virt-gicv3-smp8.dtb"
}

# ---- --format json ---------------------------------------------------------------------

# json_check FILE PYTHON-EXPRESSION DESCRIPTION: the expression on the parsed document (d) holds.
json_check() {
	if $PY - "$1" "$2" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
sys.exit(0 if eval("(" + sys.argv[2] + ")") else 1)
EOF
	then pass; else fail "$3: $2 does not hold for $(head -c 400 "$1")"; fi
}

section_json() {
	need_python json || return 0
	fresh
	names=$(echo $CHECKS | tr ' ' ',')
	expect_rc 0 "verify json" verify --format json "$GOLDEN/virt-gicv3-smp124.dtb"
	cp "$T/out" "$T/v.json"
	json_check "$T/v.json" "d['result'] == 'pass' and d['cpus'] == 124 and d['redist_region_count'] == 2" \
		"verify json header"
	json_check "$T/v.json" "[c['name'] for c in d['checks']] == '$names'.split(',')" "check names, in order"
	json_check "$T/v.json" "all(set(c) >= {'name', 'status', 'count'} and c['status'] in
		('pass', 'warn', 'fail', 'skip') and isinstance(c['count'], int) for c in d['checks'])" \
		"every check has name, status, count"
	json_check "$T/v.json" "{c['name']: c['status'] for c in d['checks']}['node-names'] == 'warn'" \
		"QEMU names warn"
	json_check "$T/v.json" "{c['name']: c['count'] for c in d['checks']}['mpidr-found'] == 124" \
		"mpidr-found covers 124 vCPUs"
	json_check "$T/v.json" "d['verify']['frames_walked'] == 124 and d['verify']['spi_deliveries'] == 256" \
		"coverage: 124 frames, max(256 SPIs, 124 vCPUs) deliveries"

	# --exhaustive: every SPI to every vCPU (256 x 8), every vCPU's SGIs to every vCPU.
	expect_rc 0 "verify json exhaustive" verify --format json --exhaustive "$GOLDEN/virt-gicv3-smp8.dtb"
	json_check "$T/out" "d['verify']['exhaustive'] and d['verify']['spi_deliveries'] == 256 * 8 and
		d['verify']['sgi_deliveries'] == 8 * 8 + 7" "exhaustive coverage"
	# QEMU profile: ITLinesNumber one short (224 SPIs), no 1 of N.
	expect_rc 0 "verify json qemu" verify --format json --profile qemu "$GOLDEN/virt-gicv3-smp8.dtb"
	json_check "$T/out" "{c['name']: c['status'] for c in d['checks']}['gicd-typer'] == 'warn' and
		{c['name']: c['status'] for c in d['checks']}['spi-1ofn'] == 'skip' and
		d['verify']['spi_deliveries'] == 224 and d['verify']['profile'] == 'qemu'" "qemu profile"
	# Strict: result fail, exit 1.
	expect_rc 1 "verify json strict" verify --format json --strict "$GOLDEN/virt-gicv3-smp8.dtb"
	json_check "$T/out" "d['result'] == 'fail'" "strict result"

	# The plan command's report carries the checks and the KVM attribute list.
	expect_rc 0 "plan json" --cpus 8 --format json
	cp "$T/out" "$T/p.json"
	json_check "$T/p.json" "[c['name'] for c in d['checks']] == '$names'.split(',')" "plan checks"
	json_check "$T/p.json" "all(c['status'] == 'pass' for c in d['checks'])" "plan checks pass"
	json_check "$T/p.json" "isinstance(d['kvm'], list) and len(d['kvm']) > 0 and
		d['kvm'][0]['attr_name'] == 'KVM_VGIC_V3_ADDR_TYPE_DIST'" "plan kvm list"
	json_check "$T/p.json" "d['verify']['profile'] == 'arch' and d['verify']['frames_walked'] == 8" \
		"plan coverage"
	expect_rc 1 "plan json, GICv4 under KVM" --cpus 8 --gic-version 4 --profile kvm --format json
	json_check "$T/out" "{c['name']: c['status'] for c in d['checks']}['gic-model'] == 'fail' and
		'kvm' in d" "plan json failing"
}

# ---- plan files --------------------------------------------------------------------------

# edit_plan IN OUT PYTHON: apply PYTHON to the plan (d) and write it.
edit_plan() {
	$PY - "$1" "$2" "$3" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
exec(sys.argv[3])
json.dump(d, open(sys.argv[2], "w"), indent=2)
EOF
}

section_plan_files() {
	fresh
	for n in 8 300 1100; do
		expect_rc 0 "plan $n" --cpus "$n" --plan "p$n.json" --out "p$n.dtb"
		expect_rc 0 "verify plan $n" verify "p$n.json"
		head -n 1 "$T/out" | grep -q "p$n.json: plan, $n cpus" && pass ||
			fail "verify p$n.json: $(head -n 1 "$T/out")"
		expect_rc 0 "verify tree $n" verify "p$n.dtb"
		head -n 1 "$T/out" | grep -q "device tree, $n cpus" && pass ||
			fail "verify p$n.dtb: $(head -n 1 "$T/out")"
	done
	expect_rc 0 "plan GICv4" --cpus 20 --gic-version 4 --plan p4.json
	expect_rc 0 "verify GICv4 plan" verify p4.json
	grep -q "GICv4 (from the plan)" "$T/out" && pass || fail "GICv4 plan: $(grep verify: "$T/out")"
	expect_rc 1 "GICv4 plan under KVM" verify --profile kvm p4.json
	has_check fail gic-model GICv4

	need_python plan_files || return 0
	# Hand edits of what a plan derives are input errors naming the JSON path.
	edit_plan "$T/work/p8.json" "$T/work/regions.json" \
		"[r for r in d['regions'] if r['name'] == 'gicd'][0]['base'] = '0x9050000'"
	expect_error 2 '$.regions' verify regions.json
	edit_plan "$T/work/p8.json" "$T/work/kvm.json" "d['kvm'][0]['value'] = '0x8010000'"
	expect_error 2 '$.kvm' verify kvm.json
	edit_plan "$T/work/p8.json" "$T/work/kvm2.json" "d['kvm'].pop()"
	expect_error 2 '$.kvm' verify kvm2.json
	# An edit of the plan's own data that is consistent passes through (regions and kvm dropped).
	edit_plan "$T/work/p8.json" "$T/work/nokvm.json" "del d['kvm']; del d['regions']"
	expect_rc 0 "plan without derived lists" verify nokvm.json
	edit_plan "$T/work/p8.json" "$T/work/notplan.json" "d['format'] = 'something-else'"
	expect_error 2 "notplan.json" verify notplan.json
}

# ---- the plan command writes nothing that fails ---------------------------------------

section_plan_refuses() {
	fresh
	echo old >"$T/work/keep.dtb"
	echo old >"$T/work/keep.json"
	expect_rc 1 "GICv4 under KVM" --cpus 8 --gic-version 4 --profile kvm --out new.dtb \
		--plan new.json
	has_check fail gic-model "GICv4"
	grep -q "nothing written" "$T/err" && pass || fail "no 'nothing written': $(cat "$T/err")"
	[ ! -e "$T/work/new.dtb" ] && [ ! -e "$T/work/new.json" ] && pass ||
		fail "a failed plan wrote $(ls "$T/work")"
	expect_rc 1 "GICv4 under KVM, over old files" --cpus 8 --gic-version 4 --profile kvm \
		--out keep.dtb --plan keep.json
	[ "$(cat "$T/work/keep.dtb")" = old ] && [ "$(cat "$T/work/keep.json")" = old ] && pass ||
		fail "a failed plan clobbered its outputs"
	# 32 vCPUs per Aff0 group: SGIs need RSS, which KVM and QEMU lack.
	for p in kvm qemu; do
		expect_rc 1 "Aff0 groups of 32, $p" --platform "$LAYOUTS/aff0-32.json" --cpus 40 \
			--profile "$p" --out a.dtb --plan a.json
		has_check fail sgi-routing "SGI from CPU"
		has_check pass ppi-local
		[ ! -e "$T/work/a.dtb" ] && [ ! -e "$T/work/a.json" ] && pass ||
			fail "Aff0 32 under $p wrote a file"
	done
	expect_rc 0 "Aff0 groups of 32, arch" --platform "$LAYOUTS/aff0-32.json" --cpus 40 \
		--out a.dtb --plan a.json
	[ -s "$T/work/a.dtb" ] && [ -s "$T/work/a.json" ] && pass || fail "arch plan wrote nothing"
	# 16 vCPUs: every Aff0 is below 16, KVM takes it.
	expect_rc 0 "Aff0 groups of 32, 16 vCPUs, kvm" --platform "$LAYOUTS/aff0-32.json" \
		--cpus 16 --profile kvm
	# Strict fails on a warning: more vCPUs than KVM_MAX_VCPUS (512).
	expect_rc 0 "1100 vCPUs" --cpus 1100 --out big.dtb
	has_check warn kvm-attrs 512
	expect_rc 1 "1100 vCPUs, strict" --cpus 1100 --strict --out big2.dtb
	[ ! -e "$T/work/big2.dtb" ] && pass || fail "strict failure wrote big2.dtb"
}

# ---- broken trees made with dtc ---------------------------------------------------------

# reg VALUE...: 'reg = <...>;' with each value in two cells (the root's #address-cells 2
# and #size-cells 2, which the GIC's children share).
reg() {
	out=""
	for v in "$@"; do out="$out $(hex $((v >> 32))) $(hex $((v & 0xffffffff)))"; done
	echo "reg = <${out# }>;"
}

# mutate NAME SED-SCRIPT: base.dts edited into NAME.dtb (dies if the script changed nothing).
mutate() {
	src=${3:-base}
	sed "$2" "$T/work/$src.dts" >"$T/work/$1.dts"
	if cmp -s "$T/work/$src.dts" "$T/work/$1.dts"; then
		fail "$1: the edit matched nothing in $src.dts"
		return 1
	fi
	if ! dtc -q -I dts -O dtb -o "$T/work/$1.dtb" "$T/work/$1.dts" 2>"$T/dtc.err"; then
		fail "$1: dtc: $(cat "$T/dtc.err")"
		return 1
	fi
	return 0
}

# broken NAME CHECK NEEDLE SED-SCRIPT [BASE]: the edited tree exits 1 with CHECK failing, naming NEEDLE.
# broken NAME CHECK NEEDLE SED [BASE]: verify NAME.dtb (with $stated, what the tree does not say) fails CHECK.
stated=
broken() {
	mutate "$1" "$4" "${5:-base}" || return 0
	expect_rc 1 "$1" verify $stated "$1.dtb"
	has_check fail "$2" "$3"
	[ "$(tail -n 1 "$T/out")" = FAIL ] && pass || fail "$1: last line is not FAIL"
}

section_broken_dtbs() {
	if ! command -v dtc >/dev/null 2>&1; then
		echo "$0: dtc (device-tree-compiler) is not installed: broken_dtbs cannot be made" >&2
		exit 77
	fi
	fresh
	expect_rc 0 "base tree" --cpus 8 --out base.dtb --plan base.json
	expect_rc 0 "base tree with EL2" --cpus 8 --virtualization --out el2.dtb
	dtc -q -I dtb -O dts -o "$T/work/base.dts" "$T/work/base.dtb" || { fail "dtc base"; return; }
	dtc -q -I dtb -O dts -o "$T/work/el2.dts" "$T/work/el2.dtb" || { fail "dtc el2"; return; }
	# The unedited tree, round-tripped through dtc, still passes.
	dtc -q -I dts -O dtb -o "$T/work/same.dtb" "$T/work/base.dts"
	expect_rc 0 "round-tripped tree" verify same.dtb

	gic=$(node_of "$T/work/base.dts" 'arm,gic-v3"')
	its=$(node_of "$T/work/base.dts" 'arm,gic-v3-its"')
	uart=$(node_of "$T/work/base.dts" 'arm,pl011')
	[ -n "$gic" ] && [ -n "$its" ] && [ -n "$uart" ] && pass ||
		{ fail "GIC '$gic', ITS '$its', UART '$uart' not found in base.dts"; return; }
	# The GIC's reg as the tree has it: GICD base, size, region base, size (2 + 2 cells).
	set -- $(awk -v n="$gic {" '$0 == "\t" n { on = 1 } on && /^\t\treg = / {
		gsub(/[<>;]/, ""); print $3 " " $4 " " $5 " " $6 " " $7 " " $8 " " $9 " " $10; exit }' \
		"$T/work/base.dts")
	[ $# -eq 8 ] && pass || { fail "GIC reg not 8 cells: $*"; return; }
	gicd=$(($1 << 32 | $2))
	rbase=$(($5 << 32 | $6))
	rsize=$(($7 << 32 | $8))
	frame=$((128 * 1024))
	[ "$rsize" -eq $((8 * frame)) ] && pass || fail "region 0 is $(hex $rsize), not 8 frames"
	in_gic="/^\t$gic {/,/^\t};/"

	# A region cut below its 8 vCPUs: the walk leaves it after 7 frames.
	broken region-cut redist-walk "$(hex $((rbase + 7 * frame)))" \
		"$in_gic s/^\t\treg = .*/\t\t$(reg $gicd 65536 $rbase $((7 * frame)))/"
	grep -E "^  fail +mpidr-found " "$T/out" | grep -q "CPU 7 " && pass ||
		fail "region-cut: mpidr-found does not name CPU 7"
	# Two regions of 3 + 2 frames for 8 vCPUs.
	broken too-few-frames redist-capacity "vCPU 5 (MPIDR 0x5)" \
		"$in_gic { s/^\t\treg = .*/\t\t$(reg $gicd 65536 $rbase $((3 * frame)) $((rbase + 8 * frame)) $((2 * frame)))/; s/#redistributor-regions = <0x01>/#redistributor-regions = <0x02>/ }"
	# #redistributor-regions above the reg entries.
	broken regions-3 redist-regions "#redistributor-regions = 3" \
		"$in_gic s/#redistributor-regions = <0x01>/#redistributor-regions = <0x03>/"
	# A stride that is no multiple of 64 KiB.
	broken stride redist-stride 0x28000 \
		"/^\t$gic {/a\\
\t\tredistributor-stride = <0x00 0x28000>;"
	# The distributor off the 64 KiB grid.
	broken gicd-4k region-alignment "$(hex $((gicd + 4096)))" \
		"$in_gic s/^\t\treg = .*/\t\t$(reg $((gicd + 4096)) 65536 $rbase $rsize)/"
	# The redistributors straddling the end of a 40-bit IPA, stated: ipa-bound fails.
	stated="--ipa-bits 40"
	broken above-ipa ipa-bound "$(hex $(((1 << 40) - 4 * frame)))" \
		"$in_gic s/^\t\treg = .*/\t\t$(reg $gicd 65536 $(((1 << 40) - 4 * frame)) $rsize)/"
	stated=
	# Unstated, the IPA is inferred: 42 bits, the smallest PARange size past 2^40 (passes).
	expect_rc 0 "above-ipa, IPA unstated" verify above-ipa.dtb
	grep -q "^  assumed: a 42-bit IPA (a region ends at 0x100000" "$T/out" && pass ||
		fail "above-ipa: no 42-bit IPA assumption: $(grep assumed "$T/out")"
	# The UART moved onto vCPU 3's redistributor.
	broken uart-on-gicr region-overlap "$(hex $((rbase + 3 * frame)))" \
		"/^\t$uart {/,/^\t};/ s/^\t\treg = .*/\t\t$(reg $((rbase + 3 * frame)) 4096)/"
	# Two cpu nodes with one MPIDR; a cpu reg with bit 24 set.
	broken dup-mpidr cpu-nodes "reg 0x6" \
		"/^\t\tcpu@7 {/,/^\t\t};/ s/reg = <0x07>/reg = <0x06>/"
	broken stray-bits cpu-nodes "0x1000003" \
		"/^\t\tcpu@3 {/,/^\t\t};/ s/reg = <0x03>/reg = <0x1000003>/"
	# The UART's SPI 300: above the 256 SPIs stated.
	stated="--spis 256"
	broken spi-300 device-irqs "SPI 300 (INTID 332)" \
		"/^\t$uart {/,/^\t};/ s/interrupts = <0x00 0x[0-9a-f]* 0x04>/interrupts = <0x00 0x12c 0x04>/"
	stated=
	# Unstated, 301 SPIs are needed: 320 (blocks of 32) are assumed, and GICD_TYPER shows them.
	expect_rc 0 "spi-300, SPIs unstated" verify spi-300.dtb
	grep -q "^  assumed: 320 SPIs (the highest device SPI is 300, of /" "$T/out" && pass ||
		fail "spi-300: no 320-SPI assumption: $(grep assumed "$T/out")"
	has_check pass gicd-typer
	# The ITS without msi-controller, or with two #msi-cells.
	broken its-no-msi its-node "no msi-controller" "/^\t\t$its {/,/^\t\t};/ { /^\t\t\tmsi-controller;/d }"
	broken its-cells its-node "#msi-cells is 2" \
		"/^\t\t$its {/,/^\t\t};/ s/#msi-cells = <0x01>/#msi-cells = <0x02>/"
	# The maintenance interrupt as an SPI.
	broken maint-spi gic-node "one PPI" \
		"$in_gic s/^\t\tinterrupts = <0x01 /\t\tinterrupts = <0x00 /" el2

	# QEMU's node names: a warning (exit 0), a failure with --strict.
	if mutate qemu-names "s/^\t$gic {/\tintc@$(printf %x $gicd) {/"; then
		expect_rc 0 "QEMU names" verify qemu-names.dtb
		has_check warn node-names "intc@"
		expect_rc 1 "QEMU names, strict" verify --strict qemu-names.dtb
	fi
}

[ $# -gt 0 ] || set -- exit_codes json plan_files plan_refuses broken_dtbs
for section in "$@"; do
	case $section in
	exit_codes | json | plan_files | plan_refuses | broken_dtbs) "section_$section" ;;
	*) echo "$0: unknown section $section" >&2; exit 2 ;;
	esac
done

echo "verify cli: $passes passed, $failures failed${skipped:+, skipped:$skipped}"
if [ "$failures" -ne 0 ]; then
	exit 1
fi
if [ -n "$skipped" ] && [ "$passes" -eq 0 ]; then
	exit 77
fi
exit 0
