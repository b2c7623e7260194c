#!/bin/sh
# SPDX-License-Identifier: MIT
# What gicplan says about input it cannot use, and whether tiers' migration verdicts are
# the audit's, as users meet them.
#
#   tests/cli/errors.sh GICPLAN SOURCE_DIR [SECTION...]
#
# Sections (all by default): inputs layouts options tiers. ctest runs each as its own
# test (cli_errors_<section>); exit 77 (skipped) without dtc (inputs) or python3 (tiers).
#   inputs   verify, audit, emu and --compat-with on files that are not a tree or a plan
#            (made here with dtc, printf, head and gzip), and --platform on a tree or a
#            plan: exit 2, one line on stderr that names the file and says what it is
#   layouts  faults of a layout file's interrupts: exit 2 at read time, naming the JSON
#            path; --spis too few names the device and its SPI
#   options  each option's message gives a range, and that range is what is accepted:
#            its ends are taken, one past them refused
#   tiers    for every bundled platform and GIC version, each crossing's verdict in
#            `gicplan tiers` is what `gicplan audit` says of two plans made with
#            --cpus lo-1 and --cpus lo; a layout whose next placement only adds a region
#            crosses compatibly
set -u

NAME=errors
. "$(dirname "$0")/lib.sh"
FIXTURE=$SRC/tests/fixtures/qemu-7.2/virt-gicv3-smp8-norand.dtb

# refused WHAT NEEDLE... -- ARGS...: exit 2, one line on stderr that names each NEEDLE
# (fixed strings), nothing on stdout.
refused() {
	r_what=$1
	shift
	r_needles=""
	while [ "$1" != "--" ]; do
		r_needles="$r_needles$1
"
		shift
	done
	shift
	run "$@"
	[ "$rc" -eq 2 ] && pass || fail "$r_what: gicplan $*: exit $rc, expected 2: $(cat "$T/err")"
	[ "$(lines "$T/err")" -eq 1 ] && pass ||
		fail "$r_what: gicplan $*: stderr is not one line: $(cat "$T/err")"
	[ ! -s "$T/out" ] && pass || fail "$r_what: gicplan $*: wrote to stdout"
	printf '%s' "$r_needles" | while IFS= read -r n; do
		grep -qF -- "$n" "$T/err" || { echo "$n"; break; }
	done >"$T/missing"
	[ ! -s "$T/missing" ] && pass ||
		fail "$r_what: gicplan $*: stderr lacks \"$(cat "$T/missing")\": $(cat "$T/err")"
}

# ---- inputs that are not a tree or a plan ----------------------------------------------

# A small GICv2 machine as a hand-written tree: compatible COMPAT, node intc@8000000.
gic_v2_dts() {
	cat <<EOF
/dts-v1/;
/ {
	#address-cells = <2>;
	#size-cells = <2>;
	compatible = "linux,dummy-virt";
	interrupt-parent = <&gic>;
	cpus {
		#address-cells = <1>;
		#size-cells = <0>;
		cpu@0 { device_type = "cpu"; compatible = "arm,cortex-a15"; reg = <0>; };
	};
	memory@40000000 { device_type = "memory"; reg = <0x0 0x40000000 0x0 0x8000000>; };
	gic: intc@8000000 {
		compatible = "$1";
		#interrupt-cells = <3>;
		$2
		reg = <0x0 0x8000000 0x0 0x10000>, <0x0 0x8010000 0x0 0x10000>;
	};
	pl011@9000000 {
		compatible = "arm,pl011", "arm,primecell";
		reg = <0x0 0x9000000 0x0 0x1000>;
		interrupts = <0 1 4>;
	};
};
EOF
}

# compile NAME.dts NAME.dtb in $T/work.
compile() {
	dtc -q -I dts -O dtb -o "$T/work/$2" "$T/work/$1" 2>"$T/dtc.err" && pass ||
		fail "dtc cannot compile $1: $(cat "$T/dtc.err")"
}

section_inputs() {
	if ! command -v dtc >/dev/null 2>&1; then
		echo "note: dtc not installed: the inputs section is skipped"
		return 77
	fi
	fresh
	W=$T/work
	cp "$FIXTURE" "$W/good.dtb"
	# Device-tree source: decompiled from a real tree; named .dts, and misnamed .dtb.
	dtc -q -I dtb -O dts -o "$W/virt.dts" "$FIXTURE" && pass || fail "dtc cannot decompile"
	cp "$W/virt.dts" "$W/source.dtb"
	for cmd in verify emu; do
		refused "DTS" virt.dts "device-tree source" "dtc -I dts -O dtb" -- "$cmd" virt.dts
	done
	refused "DTS as NEW" virt.dts "device-tree source" -- audit good.dtb virt.dts
	refused "DTS as OLD" virt.dts "device-tree source" -- audit virt.dts good.dtb
	refused "DTS as OLD of --compat-with" virt.dts "device-tree source" -- \
		--cpus 16 --compat-with virt.dts
	refused "DTS named .dtb" source.dtb "device-tree source" -- verify source.dtb
	# By content, not by name: a real blob named .json is a tree.
	cp "$FIXTURE" "$W/blob.json"
	expect_rc 0 "a blob named .json" verify blob.json

	# GICv2 and GICv1 trees, compiled by dtc from source written here.
	for c in arm,gic-400 arm,cortex-a15-gic; do
		gic_v2_dts "$c" "interrupt-controller;" >"$W/v2.dts"
		compile v2.dts v2.dtb
		refused "GICv2 $c" v2.dtb "a GICv2" "$c" "/intc@8000000" "GICv3 and GICv4" -- verify v2.dtb
		refused "GICv2 $c as NEW" v2.dtb "a GICv2" -- audit good.dtb v2.dtb
		refused "GICv2 $c in emu" v2.dtb "a GICv2" -- emu v2.dtb
		refused "GICv2 $c as OLD" v2.dtb "a GICv2" -- --cpus 16 --compat-with v2.dtb
	done
	# QEMU's own GICv2 machine, when QEMU is here: its dumped tree is named as a GICv2.
	if command -v qemu-system-aarch64 >/dev/null 2>&1; then
		(cd "$W" && qemu-system-aarch64 -machine virt,gic-version=2,dumpdtb=qemu-v2.dtb \
			-cpu cortex-a57 -smp 4 -nographic -nodefaults) >"$T/qemu.out" 2>&1 && pass ||
			fail "qemu-system-aarch64 cannot dump a GICv2 tree: $(cat "$T/qemu.out")"
		refused "QEMU's GICv2" qemu-v2.dtb "a GICv2" "arm,cortex-a15-gic" -- verify qemu-v2.dtb
	else
		echo "note: qemu-system-aarch64 not installed: QEMU's GICv2 tree is not tried"
	fi
	gic_v2_dts arm,cortex-a9-gic "interrupt-controller;" >"$W/v1.dts"
	compile v1.dts v1.dtb
	refused "GICv1" v1.dtb "a GICv1" "arm,cortex-a9-gic" -- verify v1.dtb
	# Another interrupt controller; none at all.
	gic_v2_dts apple,aic "interrupt-controller;" >"$W/aic.dts"
	compile aic.dts aic.dtb
	refused "another controller" aic.dtb "no GICv3" "apple,aic" "/intc@8000000" -- verify aic.dtb
	gic_v2_dts simple-bus "" >"$W/nogic.dts"
	compile nogic.dts nogic.dtb
	refused "no GIC" nogic.dtb "no GIC" "arm,gic-v3" -- verify nogic.dtb

	# Bytes that are no kind of tree: fixed, so that every run sees the same.
	printf '\177ELF\002\001\001\000\000\000\000\000\000\000\000\000' >"$W/random.bin"
	refused "binary" random.bin "binary data" "0x7f454c46" "0xd00dfeed" -- verify random.bin
	refused "binary as NEW" random.bin "binary data" -- audit good.dtb random.bin
	: >"$W/empty.dtb"
	refused "empty" empty.dtb "an empty file" -- verify empty.dtb
	refused "empty in emu" empty.dtb "an empty file" -- emu empty.dtb
	printf 'hello, world\n' >"$W/hello.txt"
	refused "text" hello.txt "text that is neither JSON nor device-tree source" -- verify hello.txt
	gzip -c "$FIXTURE" >"$W/virt.dtb.gz"
	refused "gzip" virt.dtb.gz "gzip" -- verify virt.dtb.gz

	# JSON that is not a plan: a layout (use --platform), other JSON, broken JSON.
	refused "layout" "$SRC/layouts/virt.json" "layout" "--platform" -- verify "$SRC/layouts/virt.json"
	refused "layout as NEW" "layout" "--platform" -- audit good.dtb "$SRC/layouts/kvmtool.json"
	refused "layout as OLD" "layout" "--platform" -- --cpus 16 --compat-with "$SRC/layouts/virt.json"
	printf '{"cpus": 8}\n' >"$W/other.json"
	refused "other JSON" other.json "not a gicplan plan" -- verify other.json
	printf '{"format": "gicplan-plan",\n' >"$W/broken.json"
	refused "broken JSON" broken.json "line 2" "not valid JSON" -- verify broken.json

	# The other way round: a tree or a plan given as the layout.
	refused "a tree as --platform" good.dtb "device tree blob" "not a platform layout" -- \
		--platform "$W/good.dtb" --cpus 4
	expect_rc 0 "a plan" --cpus 8 --plan plan.json
	refused "a plan as --platform" plan.json "gicplan plan" "not a platform layout" -- \
		--platform "$W/plan.json" --cpus 4
	refused "a plan as tiers --platform" plan.json "gicplan plan" -- tiers --platform "$W/plan.json"

	# Truncated blobs: the header says more than the file has; or not even a header.
	size=$(wc -c <"$FIXTURE" | tr -d ' ')
	head -c 100 "$FIXTURE" >"$W/cut.dtb"
	refused "truncated" cut.dtb "truncated" "$size" "100" -- verify cut.dtb
	refused "truncated as OLD" cut.dtb "truncated" -- audit cut.dtb good.dtb
	head -c 20 "$FIXTURE" >"$W/head.dtb"
	refused "header cut" head.dtb "truncated" "20 bytes" -- verify head.dtb
}

# ---- layout files: interrupts ----------------------------------------------------------

# layout_edit OUT FROM TO: layouts/virt.json with the one line holding FROM changed to TO.
layout_edit() {
	sed "s/$2/$3/" "$SRC/layouts/virt.json" >"$T/work/$1"
	cmp -s "$SRC/layouts/virt.json" "$T/work/$1" && fail "$1: the edit $2 -> $3 did not take" || pass
}

section_layouts() {
	fresh
	# The user's cases: the RTC on the UART's SPI 1 (was exit 3: "no placement holds").
	layout_edit dup.json '"spi": 2 }' '"spi": 1 }'
	refused "duplicate SPI" dup.json '$.devices[2].spi' "SPI 1 " "uart" "rtc" -- \
		--platform dup.json --cpus 4
	refused "duplicate SPI, tiers" dup.json '$.devices[2].spi' -- tiers --platform dup.json
	# virtio-mmio's 32 transports take SPIs 16..47: the GPIO on SPI 40 shares one.
	layout_edit range.json '"spi": 7 }' '"spi": 40 }'
	refused "SPI in a device's range" range.json '$.devices[5].spi' "SPI 40 " "gpio" -- \
		--platform range.json --cpus 4
	# An SPI beyond the layout's own gic.spis (256): blamed on the layout, not on --spis.
	layout_edit beyond.json '"spi": 7 }' '"spi": 700 }'
	refused "SPI beyond gic.spis" beyond.json '$.devices[4].spi' "gic.spis" "SPI 700" -- \
		--platform beyond.json --cpus 4
	if grep -qF -- "--spis" "$T/err"; then
		fail "an SPI beyond the layout's gic.spis is blamed on --spis: $(cat "$T/err")"
	else
		pass
	fi
	# The maintenance PPI on a timer's.
	layout_edit ppi.json '"maintenance_ppi": 9' '"maintenance_ppi": 14'
	refused "maintenance PPI" ppi.json '$.gic.maintenance_ppi' "PPI 14" "timer" -- \
		--platform ppi.json --cpus 4
	# --spis given, fewer than the layout's devices use: --spis is blamed, with the device
	# and its SPI (virt's virtio-mmio transports end on SPI 47).
	refused "--spis too few" "--spis: 32" "virtio" "SPI 47" -- --cpus 4 --spis 32
	expect_rc 0 "--spis 64 holds virt's devices" --cpus 4 --spis 64
}

# ---- option messages give what is accepted ---------------------------------------------

# range_of: "A to B" of "from A to B" in $T/err.
range_of() {
	sed -n 's/.* from \([0-9][0-9]*\) to \([0-9][0-9]*\).*/\1 \2/p' "$T/err"
}

# accepted DESCRIPTION ARGS...: not a usage error (a plan that cannot hold it is exit 3).
accepted() {
	a_desc=$1
	shift
	run "$@"
	[ "$rc" -ne 2 ] && pass || fail "$a_desc: gicplan $*: refused as usage: $(cat "$T/err")"
}

section_options() {
	fresh
	# --cpus: the message's range, and its ends.
	refused "--cpus 0" "--cpus" -- --cpus 0
	# shellcheck disable=SC2046 # the range: two words
	set -- $(range_of)
	[ "${1:-}" = 1 ] && [ "${2:-}" = 4294967295 ] && pass ||
		fail "--cpus: range \"$*\" is not 1..4294967295: $(cat "$T/err")"
	accepted "--cpus 1" --cpus 1
	accepted "--cpus 4294967295" --cpus 4294967295
	refused "--cpus 4294967296" "--cpus" "from 1 to 4294967295" -- --cpus 4294967296
	refused "--cpus x" "--cpus" "from 1 to 4294967295" -- --cpus x
	# The platform's own cap, when the request passes it.
	run --platform qemu-virt --cpus 513
	[ "$rc" -eq 3 ] && grep -qF "512" "$T/err" && pass ||
		fail "--cpus 513 on qemu-virt: exit $rc, no cap of 512: $(cat "$T/err")"

	# --ipa-bits.
	refused "--ipa-bits 31" "--ipa-bits" -- --cpus 4 --ipa-bits 31
	# shellcheck disable=SC2046 # the range: two words
	set -- $(range_of)
	lo=${1:-0} hi=${2:-0}
	accepted "--ipa-bits $lo" --cpus 4 --ipa-bits "$lo"
	accepted "--ipa-bits $hi" --cpus 4 --ipa-bits "$hi"
	refused "--ipa-bits $((hi + 1))" "--ipa-bits" "from $lo to $hi" -- --cpus 4 --ipa-bits $((hi + 1))
	[ "$lo" -eq 32 ] && [ "$hi" -eq 52 ] && pass || fail "--ipa-bits: range $lo..$hi, not 32..52"

	# --spis: a multiple of 32 over the message's range; each is planned, the rest refused.
	refused "--spis 33" "--spis" "multiple of 32" -- --cpus 4 --spis 33
	# shellcheck disable=SC2046 # the range: two words
	set -- $(range_of)
	lo=${1:-0} hi=${2:-0}
	# "..., or 988": the one count past the multiples of 32 (ITLinesNumber 31: INTIDs to 1019).
	extra=$(sed -n 's/.*from [0-9]* to [0-9]*, or \([0-9]*\).*/\1/p' "$T/err")
	[ "$lo" -eq 32 ] && [ "$hi" -gt 32 ] && pass || fail "--spis: range \"$lo to $hi\""
	n=$lo
	while [ "$n" -le "$hi" ]; do
		# 32 is below what virt's devices use: a layout with one device at SPI 0 takes it.
		run --platform "$SRC/tests/layouts/good/full.json" --cpus 2 --spis "$n"
		[ "$rc" -eq 0 ] && pass || fail "--spis $n (in the message's range): exit $rc: $(cat "$T/err")"
		n=$((n + 32))
	done
	[ "$extra" = 988 ] && pass || fail "--spis: the message names no 988: $(cat "$T/err")"
	accepted "--spis 988" --cpus 4 --spis 988
	for n in $((lo - 1)) $((lo + 1)) $((hi + 1)) $((hi + 32)) 987 989 1024; do
		refused "--spis $n" "--spis" "from $lo to $hi" -- --cpus 4 --spis "$n"
	done

	# --ram: whole MiB, with or without a suffix.
	refused "--ram 1000" "--ram" "MiB" -- --cpus 4 --ram 1000
	refused "--ram 1.5G" "--ram" "MiB" -- --cpus 4 --ram 1.5G
	accepted "--ram 512MiB" --cpus 4 --ram 512MiB
	accepted "--ram 0x20000000" --cpus 4 --ram 0x20000000
	accepted "--ram 1048576" --cpus 4 --ram 1048576

	refused "--gic-version 2" "--gic-version" "3 or 4" -- --cpus 4 --gic-version 2
	refused "--profile" "--profile" "arch, kvm or qemu" -- verify "$FIXTURE" --profile xen
	refused "--format" "--format" "text, json or junit" -- --cpus 4 --format xml
}

# ---- tiers: each crossing's verdict is the audit's -------------------------------------

section_tiers() {
	if [ -z "$PY" ]; then
		echo "note: python3 not installed: the tiers section is skipped"
		return 77
	fi
	fresh
	# The crossings of one platform and GIC version: "FROM TO BREAKS REASON" lines, from JSON.
	cat >"$T/crossings.py" <<'EOF'
import json, sys
t = json.load(open(sys.argv[1]))
for ver in t["gic_versions"]:
    for tier in ver["tiers"]:
        c = tier.get("crossing")
        if c:
            assert isinstance(c["breaks_migration"], bool), c
            print(c["from_cpus"], c["to_cpus"], int(c["breaks_migration"]), c["reason"])
EOF
	# Does REASON (argv 2) agree with the audit's JSON (argv 1)?
	cat >"$T/reason.py" <<'EOF'
import json, sys
a = json.load(open(sys.argv[1]))
reason = sys.argv[2]
breaking = [d for d in a["diffs"] if d["verdict"] == "breaks"]
if breaking:
    assert any(reason.startswith(d["what"] + ": ") for d in breaking), (reason, breaking)
else:
    added = [d["what"] for d in a["diffs"] if d["what"] != "vCPUs"]
    assert reason.startswith("only adds") or reason.startswith("compatible"), reason
    assert all(w in reason for w in added), (reason, added)
EOF
	layouts=""
	for f in "$SRC"/layouts/*.json; do layouts="$layouts $f"; done
	layouts="$layouts $SRC/tests/layouts/good/adds-region.json"
	breaking=0 compatible=0
	for layout in $layouts; do
		name=$(basename "$layout" .json)
		versions=$($PY -c 'import json,sys; d = json.load(open(sys.argv[1])); g = d["gic"]
print(" ".join(str(v) for v in g["versions"]), int(g.get("v4_needs_virtualization", False)))' \
			"$layout") || { fail "$name: cannot read its GIC versions"; continue; }
		v4_virt=${versions##* }
		versions=${versions% *}
		# tiers audits one way, added vCPUs by the platform's VMM rule: audit is asked the same.
		vmm=$($PY -c 'import json,sys; d = json.load(open(sys.argv[1]))
print("qemu" if d.get("migration_gic_state") == "vcpu-count" else "generic")' "$layout")
		for v in $versions; do
			extra=""
			[ "$v" -eq 4 ] && [ "$v4_virt" -eq 1 ] && extra=--virtualization
			expect_rc 0 "tiers $name GICv$v" tiers --platform "$layout" --gic-version "$v" \
				--format json
			$PY "$T/crossings.py" "$T/out" >"$T/crossings" 2>"$T/py.err" && pass ||
				fail "tiers $name GICv$v: $(cat "$T/py.err")"
			run tiers --platform "$layout" --gic-version "$v"
			cp "$T/out" "$T/tiers.txt"
			while read -r from to breaks reason; do
				# shellcheck disable=SC2086 # $extra: no option or one
				expect_rc 0 "$name GICv$v --cpus $from" --platform "$layout" --cpus "$from" \
					--gic-version "$v" $extra --plan old.json
				# shellcheck disable=SC2086
				expect_rc 0 "$name GICv$v --cpus $to" --platform "$layout" --cpus "$to" \
					--gic-version "$v" $extra --plan new.json
				run audit --one-way --vmm "$vmm" --format json old.json new.json
				if [ "$breaks" -eq 1 ]; then want=1 verdict="breaks migration"
				else want=0 verdict="compatible"; fi
				[ "$rc" -eq "$want" ] && pass ||
					fail "$name GICv$v $from -> $to: tiers says breaks=$breaks, audit exits $rc"
				$PY "$T/reason.py" "$T/out" "$reason" 2>"$T/py.err" && pass ||
					fail "$name GICv$v $from -> $to: reason \"$reason\": $(tail -1 "$T/py.err")"
				grep -q "crossing $from -> $to vCPUs moves .*: $verdict\$" "$T/tiers.txt" && pass ||
					fail "$name GICv$v: the text does not say \"$verdict\" at $from -> $to"
				if [ "$breaks" -eq 1 ]; then breaking=$((breaking + 1))
				else compatible=$((compatible + 1)); fi
			done <"$T/crossings"
			if [ "$name" = adds-region ]; then
				[ "$(lines "$T/crossings")" -eq 1 ] && grep -q "^[0-9]* [0-9]* 0 only adds redistributor region 1" \
					"$T/crossings" && pass ||
					fail "adds-region GICv$v: not one compatible crossing that adds region 1: $(cat "$T/crossings")"
			fi
		done
	done
	# Both verdicts were met: virt's crossings break, adds-region's does not.
	[ "$breaking" -ge 4 ] && [ "$compatible" -ge 2 ] && pass ||
		fail "crossings audited: $breaking breaking, $compatible compatible"
}

# ---- main ------------------------------------------------------------------------------

all="inputs layouts options tiers"
# shellcheck disable=SC2086 # the sections, one a word
[ $# -gt 0 ] || set -- $all
skipped=0
for s in "$@"; do
	case " $all " in
	*" $s "*) "section_$s" || skipped=1 ;;
	*) echo "$0: unknown section $s" >&2; exit 2 ;;
	esac
done
echo "cli errors: $passes checks passed, $failures failed"
[ "$failures" -eq 0 ] || exit 1
[ "$skipped" -eq 0 ] || exit 77
