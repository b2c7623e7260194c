#!/bin/sh
# SPDX-License-Identifier: MIT
# plan --acpi and verify of ACPI tables, against QEMU 7.2's own tables (dumped
# by tests/cli/qemu_acpi_dump.sh, committed in tests/fixtures/qemu-7.2/acpi),
# iasl (ACPICA's disassembler) and broken variants of QEMU's tables.
#
#   tests/cli/acpi.sh GICPLAN SOURCE_DIR [qemu|iasl|verify|broken|options|live]...
#
# Sections that need python3, iasl or QEMU 7.2 are skipped without them.
set -u

NAME=acpi
. "$(dirname "$0")/lib.sh"
FIX=$SRC/tests/fixtures/qemu-7.2/acpi
skipped=""
mkdir -p "$T/work"

# The header bytes that say who made a table (ACPI 5.2.6): checksum (9), OEM ID,
# OEM table ID, OEM revision, creator ID and revision (10..35). cmp -l counts from 1.
masked_cmp() {
	[ "$(wc -c <"$1")" -eq "$(wc -c <"$2")" ] || return 1
	cmp -l "$1" "$2" | awk '$1 < 10 || $1 > 36 { bad = 1 } END { exit bad }'
}

# plan_acpi DIR ARGS...: gicplan --platform qemu-virt ARGS --acpi $T/work/DIR.
plan_acpi() {
	dir=$1
	shift
	rm -rf "${T:?}/work/$dir"
	mkdir -p "$T/work/$dir"
	expect_rc 0 "plan --acpi $dir" --platform qemu-virt "$@" --acpi "$dir" -q
}

# Each table's bytes sum to 0 mod 256.
sums_to_zero() {
	od -An -v -tu1 "$1" | awk '{ for (i = 1; i <= NF; i++) s += $i } END { exit s % 256 }'
}

section_qemu() {
	for c in "virt-gicv3-smp8:--cpus 8" "virt-gicv3-smp130:--cpus 130" \
		"virt-gicv4-smp4:--cpus 4 --gic-version 4 --virtualization"; do
		name=${c%%:*}
		# shellcheck disable=SC2086
		plan_acpi "$name" ${c#*:}
		for t in apic iort; do
			check "$name $t.dat equals QEMU 7.2's but the OEM and creator fields" \
				masked_cmp "$T/work/$name/$t.dat" "$FIX/$name/$t.dat"
			check "$name $t.dat checksum" sums_to_zero "$T/work/$name/$t.dat"
		done
	done
	# its=off: QEMU 7.2 still describes its ITS (the MADT's ITS structure and the
	# IORT are built unless the machine class has none, not from vms->its); gicplan
	# describes none. The MADT is QEMU's without its last structure (20 bytes).
	plan_acpi noits --cpus 8 --no-its
	[ ! -e "$T/work/noits/iort.dat" ] && pass || fail "--no-its wrote an IORT"
	q=$FIX/virt-gicv3-smp8-noits/apic.dat
	head -c $(($(wc -c <"$q") - 20)) "$q" >"$T/q-noits.dat"
	tail -c 20 "$q" | od -An -tx1 -N1 | grep -q 0f && pass || fail "QEMU's last structure is not its ITS"
	[ "$(wc -c <"$T/work/noits/apic.dat")" -eq "$(wc -c <"$T/q-noits.dat")" ] && pass ||
		fail "--no-its MADT is not QEMU's less its ITS structure"
	# The length field (4..7) differs by the ITS structure too.
	cmp -l "$T/work/noits/apic.dat" "$T/q-noits.dat" |
		awk '($1 < 10 || $1 > 36) && ($1 < 5 || $1 > 8) { bad = 1 } END { exit bad }' && pass ||
		fail "--no-its MADT differs from QEMU's beyond the ITS structure"
}

section_iasl() {
	if ! command -v iasl >/dev/null 2>&1; then
		skipped="$skipped iasl"
		return
	fi
	for v in 5.1 6.0 6.5; do
		plan_acpi "iasl-$v" --cpus 130 --acpi-version "$v" --boot-cpus 100
		for t in apic iort; do
			f=$T/work/iasl-$v/$t.dat
			(cd "$T/work/iasl-$v" && iasl -d "$t.dat") >"$T/iasl.out" 2>&1
			r=$?
			[ "$r" -eq 0 ] && pass || fail "iasl -d $v $t.dat: exit $r"
			grep -qiE "warning|error" "$T/iasl.out" && fail "iasl -d $v $t.dat: $(grep -iE 'warning|error' "$T/iasl.out" | head -3)" || pass
			grep -q "Incorrect checksum" "${f%.dat}.dsl" && fail "iasl: $v $t.dat checksum" || pass
		done
		# What iasl reads back: the revision and GICC length asked for.
		case $v in 5.1) rev=03 len=4C ;; 6.0) rev=04 len=50 ;; 6.5) rev=06 len=52 ;; esac
		grep -q "Revision : $rev" "$T/work/iasl-$v/apic.dsl" && pass || fail "iasl: $v revision not $rev"
		n=$(grep -A1 "Subtable Type : 0B" "$T/work/iasl-$v/apic.dsl" | grep -c "Length : $len")
		[ "$n" -eq 130 ] && pass || fail "iasl: $v: $n GICCs of length 0x$len, expected 130"
	done
	n=$(grep -c "Processor Enabled : 1" "$T/work/iasl-6.5/apic.dsl")
	[ "$n" -eq 100 ] && pass || fail "iasl: $n GICCs enabled, --boot-cpus 100"
	# Past 4 GiB of redistributors (GICv3, 33000 vCPUs): GICCs and no GICR structure.
	rm -rf "$T/work/iasl-big"
	mkdir -p "$T/work/iasl-big"
	expect_rc 0 "plan --acpi, 33000 vCPUs" --cpus 33000 --acpi iasl-big -q
	(cd "$T/work/iasl-big" && iasl -d apic.dat) >"$T/iasl.out" 2>&1
	r=$?
	[ "$r" -eq 0 ] && pass || fail "iasl -d 33000-vCPU apic.dat: exit $r"
	grep -qiE "warning|error" "$T/iasl.out" && fail "iasl -d 33000-vCPU apic.dat: $(grep -iE 'warning|error' "$T/iasl.out" | head -3)" || pass
	f=$T/work/iasl-big/apic.dsl
	[ "$(grep -c "Subtable Type : 0B" "$f")" -eq 33000 ] && [ "$(grep -c "Subtable Type : 0E" "$f")" -eq 0 ] &&
		pass || fail "iasl: 33000 vCPUs: not 33000 GICCs and no GICR structure"
	rm -f "$f"
}

section_verify() {
	for d in "$FIX"/*/; do
		expect_rc 0 "verify QEMU's $(basename "$d")" verify "$d"
		# ACPI has no node names: node-names is skipped, never a warning.
		grep -q "^  skip node-names .*ACPI tables: no device tree" "$T/out" && pass ||
			fail "verify $(basename "$d"): $(grep node-names "$T/out")"
	done
	# Nothing to warn of in QEMU's GICv3 tables: --strict passes them.
	for d in "$FIX"/virt-gicv3-*/; do
		expect_rc 0 "verify --strict QEMU's $(basename "$d")" verify --strict "$d"
	done
	# A table file whatever its name: by its signature.
	cp "$FIX/virt-gicv3-smp130/apic.dat" "$T/work/madt.bin"
	expect_rc 0 "verify a MADT named madt.bin" verify madt.bin
	grep -q "ACPI tables, 130 cpus, 2 redistributor regions" "$T/out" && pass ||
		fail "verify madt.bin: $(head -n 1 "$T/out")"
	# Standard input, known by its signature; an IORT alone is refused.
	(cd "$T/work" && "$GICPLAN" verify - <"$FIX/virt-gicv3-smp8/apic.dat") >"$T/out" 2>"$T/err"
	[ $? -eq 0 ] && grep -q "^-: ACPI tables, 8 cpus" "$T/out" && pass ||
		fail "verify - <apic.dat: $(head -n 1 "$T/out") $(cat "$T/err")"
	cp "$FIX/virt-gicv3-smp8/iort.dat" "$T/work/iort.dat"
	expect_error 2 "an IORT alone" verify iort.dat
	# gicplan's own, each form, with vCPUs not enabled at boot.
	for v in 5.1 6.0 6.5; do
		plan_acpi "own-$v" --cpus 200 --acpi-version "$v" --boot-cpus 3
		expect_rc 0 "verify own $v" verify "own-$v"
	done
	grep -q "GICCs: 3 enabled, 197 online-capable, 0 disabled" "$T/out" && pass ||
		fail "6.5 --boot-cpus 3: $(grep GICCs "$T/out")"
	run verify own-6.0
	grep -q "GICCs: 3 enabled, 0 online-capable, 197 disabled" "$T/out" && pass ||
		fail "6.0 --boot-cpus 3: $(grep GICCs "$T/out")"
	# JSON: the acpi-* checks among the checks.
	run verify --format json own-6.5
	for k in acpi-gicc acpi-boot-cpu acpi-its cpu-nodes mpidr-found; do
		grep -q "\"name\": \"$k\"" "$T/out" && pass || fail "verify --format json: no $k"
	done
	# A tree and tables together: QEMU's own agree; another machine's tree does not.
	mkdir -p "$T/work/both"
	cp "$FIX/virt-gicv3-smp8/"*.dat "$SRC/tests/fixtures/qemu-7.2/virt-gicv3-smp8-norand.dtb" \
		"$T/work/both/"
	expect_rc 0 "QEMU's tree and tables" verify both
	grep -q "pass acpi-tree" "$T/out" && pass || fail "acpi-tree: $(grep acpi-tree "$T/out")"
	cp "$SRC/tests/fixtures/qemu-7.2/virt-gicv3-smp124.dtb" "$T/work/both/virt-gicv3-smp8-norand.dtb"
	expect_rc 1 "a 124-vCPU tree beside 8-vCPU tables" verify both
	grep -q "fail acpi-tree .*the MADT gives 1 redistributor regions, .* 2" "$T/out" && pass ||
		fail "acpi-tree: $(grep acpi-tree "$T/out")"
	# Past 4 GiB of redistributors: no GICR structure (its length is a u32), each
	# GICC its vCPU's frame, as the plan's regions place it; proven with the tree.
	mkdir -p "$T/work/big"
	expect_rc 0 "plan --acpi, 33000 vCPUs" --cpus 33000 --acpi big --out big/virt.dtb --format json
	cp "$T/out" "$T/big.json"
	if [ -n "$PY" ]; then
		$PY - "$T/big.json" "$T/work/big/apic.dat" <<'PY' && pass || fail "33000 vCPUs: GICC GICR bases are not the plan's frames"
import json, struct, sys
plan = json.load(open(sys.argv[1]))
m = open(sys.argv[2], "rb").read()
FRAME = 0x20000                       # GICv3: RD_base + SGI_base
regions = plan["redist_regions"]
assert any(int(r["described_size"], 16) > 0xffffffff for r in regions)
off, gicc, gicr = 44, 0, 0            # ACPI 5.2.12: structures after the 44-byte header
while off < len(m):
    kind, length = m[off], m[off + 1]
    if kind == 0x0e:
        gicr += 1
    if kind == 0x0b:
        uid, = struct.unpack_from("<I", m, off + 8)
        base, = struct.unpack_from("<Q", m, off + 60)
        r = [r for r in regions if r["first_cpu"] <= uid < r["first_cpu"] + r["count"]][0]
        assert base == int(r["base"], 16) + (uid - r["first_cpu"]) * FRAME, uid
        gicc += 1
    off += length
assert gicr == 0 and gicc == 33000, (gicr, gicc)
PY
	fi
	expect_rc 0 "verify 33000-vCPU tables and tree" verify big
	grep -q "redistributors from each GICC" "$T/out" && grep -q "pass acpi-tree" "$T/out" &&
		grep -q "^PASS" "$T/out" && pass || fail "verify big: $(grep -E "acpi|FAIL" "$T/out")"
	rm -rf "$T/work/big"
	# A folder without a MADT.
	mkdir -p "$T/work/empty"
	expect_error 2 "without a MADT" verify empty
}

# mutate NAME PYTHON: copy QEMU's smp8 tables to $T/work/NAME, run PYTHON on
# bytearrays m (the MADT) and i (the IORT), fix both checksums unless the code
# sets keep_sum, and write them back.
mutate() {
	mkdir -p "$T/work/$1"
	$PY - "$FIX/virt-gicv3-smp8" "$T/work/$1" "$2" <<'PY'
import struct, sys
src, dst, code = sys.argv[1:4]
m = bytearray(open(src + "/apic.dat", "rb").read())
i = bytearray(open(src + "/iort.dat", "rb").read())
GICD, GICC, GICC_LEN = 44, 68, 80      # QEMU 7.2: the GICD, then 80-byte GICCs
def gicc(n): return GICC + n * GICC_LEN
keep_sum = False
exec(code)
for t in (m, i):
    if not keep_sum and len(t) >= 10:
        t[9] = 0
        t[9] = -sum(t) & 0xff
open(dst + "/apic.dat", "wb").write(m)
open(dst + "/iort.dat", "wb").write(i)
PY
}

# broken NAME CODE CHECK|EXIT NEEDLE PYTHON: verify of the mutated tables exits
# CODE: 1 with check CHECK failing (its detail naming NEEDLE), 2 naming NEEDLE.
broken() {
	mutate "$1" "$5"
	if [ "$2" -eq 2 ]; then
		expect_error 2 "$4" verify "$1"
		return
	fi
	expect_rc 1 "broken $1" verify --format json "$1"
	$PY - "$T/out" "$3" "$4" <<'PY' && pass || fail "broken $1: $3 does not fail naming $4"
import json, sys
doc = json.load(open(sys.argv[1]))
k = [c for c in doc["checks"] if c["name"] == sys.argv[2]]
sys.exit(0 if k and k[0]["status"] == "fail" and sys.argv[3] in k[0].get("detail", "") else 1)
PY
	# JUnit tells the same: that check's test case fails, naming it.
	expect_rc 1 "broken $1, junit" verify --format junit "$1"
	$PY - "$T/out" "$3" "$4" <<'PY' && pass || fail "broken $1: junit's $3 does not fail naming $4"
import sys, xml.etree.ElementTree as ET
cases = [c for c in ET.parse(sys.argv[1]).iter("testcase") if c.get("name") == sys.argv[2]]
f = cases[0].find("failure") if cases else None
sys.exit(0 if f is not None and sys.argv[3] in f.get("message", "") else 1)
PY
}

section_broken() {
	if [ -z "$PY" ]; then
		skipped="$skipped broken"
		return
	fi
	broken dup-mpidr 1 cpu-nodes "reg 0x0" 'm[gicc(1) + 68:gicc(1) + 76] = m[gicc(0) + 68:gicc(0) + 76]'
	# 8 vCPUs, a range of 3 frames: the walk leaves it.
	broken short-gicr 1 redist-walk "region 0" 'm[gicc(8) + 12:gicc(8) + 16] = struct.pack("<I", 3 * 0x20000)'
	broken bad-sum 2 - "offset 9: checksum" 'm[9] ^= 0x5a; keep_sum = True'
	broken truncated 2 - "truncated" 'del m[-30:]'
	broken short-file 2 - "truncated, a table header is 36" 'del m[20:]'
	broken gicc-len 2 - "MADT revision 6 has 82" 'm[8] = 6'
	broken iort-node 2 - "runs past the table" 'i[0x49:0x4b] = struct.pack("<H", 0x400)'
	broken uid-twice 1 acpi-gicc "UID 0" 'm[gicc(3) + 8:gicc(3) + 12] = struct.pack("<I", 0)'
	broken online-rev4 1 acpi-gicc "reserved before ACPI 6.5" 'm[gicc(7) + 12] = 8'
	broken mixed 1 acpi-gicc "beside GICR structures" 'm[gicc(2) + 60:gicc(2) + 68] = struct.pack("<Q", 0x80e0000)'
	broken boot-off 1 acpi-boot-cpu "not enabled" 'm[gicc(0) + 12] = 0'
	broken iort-ref 1 acpi-its "output reference" 'i[0x78:0x7c] = struct.pack("<I", 0x44)'
	broken its-missing 1 acpi-its "names ITS 5" 'i[0x44:0x48] = struct.pack("<I", 5)'
	# GICC style: each GICC gives its frame (no GICR structure): proven the same way.
	mutate gicc-style '
gicr = gicc(8)
del m[gicr:gicr + 16]
for n in range(8):
    m[gicc(n) + 60:gicc(n) + 68] = struct.pack("<Q", 0x80a0000 + n * 0x20000)
m[4:8] = struct.pack("<I", len(m))'
	expect_rc 0 "GICC-style MADT" verify gicc-style
	grep -q "redistributors from each GICC" "$T/out" && pass || fail "GICC style not reported"
}

section_options() {
	fresh
	mkdir -p "$T/work/d"
	expect_error 2 "not an existing folder" --cpus 8 --acpi nowhere
	expect_error 2 "--boot-cpus" --cpus 8 --acpi d --boot-cpus 9
	expect_error 2 "give --acpi" --cpus 8 --boot-cpus 2
	expect_error 2 "--acpi-version" --cpus 8 --acpi d --acpi-version 7.0
	expect_error 2 "not an option" verify --acpi d x
	# Past 4 GiB of redistributors, vCPUs off at boot need GICR structures: refused, nothing written.
	expect_error 2 "needs GICR structures" --cpus 16500 --gic-version 4 --acpi d --boot-cpus 100
	expect_error 2 "a GICR structure's length is a u32" --cpus 33000 --acpi d --boot-cpus 1 \
		--acpi-version 5.1
	[ -z "$(ls -A "$T/work/d")" ] && pass || fail "tables written for a refused --boot-cpus"
	# All or none: a tree that cannot be written leaves the folder empty.
	expect_rc 2 "unwritable --out" --cpus 8 --acpi d --out nowhere/x.dtb
	[ -z "$(ls -A "$T/work/d")" ] && pass || fail "tables written beside a failed --out"
	# The closing line names the tables.
	expect_rc 0 "plan --acpi" --cpus 8 --acpi d
	tail -n 1 "$T/out" | grep -q "wrote d/apic.dat (.* bytes), d/iort.dat (128 bytes)" && pass ||
		fail "closing line: $(tail -n 1 "$T/out")"
}

# QEMU's tables today are the committed fixtures (a QEMU update shows here).
section_live() {
	if ! command -v "${QEMU:-qemu-system-aarch64}" >/dev/null 2>&1 || [ -z "$PY" ] ||
		! "${QEMU:-qemu-system-aarch64}" --version | grep -q "version 7\.2\."; then
		skipped="$skipped live"
		return
	fi
	"$SRC/tests/cli/qemu_acpi_dump.sh" "$T/live" -machine virt,gic-version=3 -cpu cortex-a57 \
		-smp 8 -m 1G >/dev/null 2>"$T/live.err"
	for t in apic iort; do
		cmp -s "$T/live/$t.dat" "$FIX/virt-gicv3-smp8/$t.dat" && pass ||
			fail "QEMU's $t.dat now differs from the fixture: $(cat "$T/live.err")"
	done
}

# audit takes tables on either side: QEMU's own against gicplan's, and a change a guest sees.
section_audit() {
	plan_acpi a8 --cpus 8
	plan_acpi a8n --cpus 8 --no-its
	plan_acpi a9 --cpus 9
	cp -r "$FIX/virt-gicv3-smp8" "$T/work/q8"
	expect_rc 0 "audit QEMU's tables against gicplan's" audit q8 a8
	expect_rc 0 "audit tables against themselves, --identical" audit --identical a8 q8
	expect_rc 1 "audit: the ITS removed" audit a8 a8n
	grep -q "GICD_TYPER" "$T/out" && grep -q "^INCOMPATIBLE" "$T/out" && pass ||
		fail "audit a8 a8n names no GICD_TYPER change: $(cat "$T/out")"
	expect_rc 1 "audit: a vCPU added (the strict rule)" audit a8 a9
	expect_rc 0 "audit: a vCPU added, one way, --vmm generic" audit --one-way --vmm generic a8 a9
}

[ $# -gt 0 ] || set -- qemu iasl verify broken options audit live
for section in "$@"; do
	case $section in
	qemu | iasl | verify | broken | options | audit | live) "section_$section" ;;
	*) echo "$0: unknown section $section" >&2; exit 2 ;;
	esac
done

echo "acpi cli: $passes passed, $failures failed${skipped:+, skipped:$skipped}"
if [ "$failures" -ne 0 ]; then
	exit 1
fi
if [ -n "$skipped" ] && [ "$passes" -eq 0 ]; then
	exit 77
fi
exit 0
