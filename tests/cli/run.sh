#!/bin/sh
# SPDX-License-Identifier: MIT
# The gicplan command as users run it: exit codes, messages, output files.
#
#   tests/cli/run.sh GICPLAN SOURCE_DIR [SECTION...]
#
# Sections (all by default): exit_codes outputs tiers atomic same_file layouts.
# ctest runs each section as its own test (cli_<section>), so one failure
# does not hide the others.
set -u

NAME=cli
. "$(dirname "$0")/lib.sh"

# ---- exit codes and messages ---------------------------------------------------------

section_exit_codes() {
	fresh
	expect_rc 0 "plan 900 vCPUs" --cpus 900 --out f.dtb
	check "--out f.dtb is a DTB" is_dtb "$T/work/f.dtb"

	# Usage errors: exit 2, one line on stderr naming the option.
	expect_error 2 --cpus --cpus abc
	expect_error 2 --cpus --cpus 0
	expect_error 2 --cpus --cpus -5
	expect_error 2 --cpus --cpus 4294967296
	expect_error 2 --cpus --cpus ""
	expect_error 2 --cpus --cpus
	expect_error 2 --cpus --out f.dtb
	expect_error 2 --gic-version --cpus 4 --gic-version 5
	expect_error 2 --gic-version --cpus 4 --gic-version 3x
	expect_error 2 --ipa-bits --cpus 4 --ipa-bits 31
	expect_error 2 --ipa-bits --cpus 4 --ipa-bits 53
	expect_error 2 --ipa-bits --cpus 4 --ipa-bits forty
	expect_error 2 --spis --cpus 4 --spis 33
	expect_error 2 --spis --cpus 4 --spis 1024
	expect_error 2 --spis --cpus 4 --spis 0
	expect_error 2 --ram --cpus 4 --ram 12Q
	expect_error 2 --ram --cpus 4 --ram 0
	expect_error 2 --format --cpus 4 --format xml
	expect_error 2 --bogus --cpus 4 --bogus
	expect_error 2 frobnicate frobnicate --cpus 4
	expect_error 2 extra --cpus 4 extra
	expect_error 2 --gic-version tiers --gic-version 7
	expect_error 2 no-such-platform --cpus 4 --platform no-such-platform
	expect_error 2 missing.json --cpus 4 --platform ./missing.json
	expect_error 2 ram --cpus 4 --ram 1000KiB

	# Infeasible: exit 3, and the message says what is needed and what the best placement holds.
	expect_error 3 100000 --cpus 100000 --ipa-bits 32
	grep -qi "best" "$T/err" && pass || fail "exit 3 message names no best placement: $(cat "$T/err")"
	if [ -n "$PY" ]; then
		best=$($PY - "$SRC/layouts/virt.json" <<'EOF'
import json, sys
from xlayout import capacity
d = json.load(open(sys.argv[1]))
best = (0, "")
for p in d["placements"]:
    best = max(best, (capacity(p, 128 << 10, 32), p["name"]))
print(best[1], best[0])
EOF
)
		set -- $best
		grep -qF "$1" "$T/err" && grep -qF "$2" "$T/err" && pass ||
			fail "exit 3 message does not name the best placement ($best): $(cat "$T/err")"
	fi
	expect_error 3 "200" --cpus 201 --platform "$SRC/tests/layouts/good/capped.json"

	# --help and --version: exit 0, on stdout.
	expect_rc 0 "--help" --help
	[ -s "$T/out" ] && grep -q -- "--cpus" "$T/out" && pass || fail "--help prints no usage"
	expect_rc 0 "--version" --version
	grep -q "^gicplan [0-9]" "$T/out" && pass || fail "--version: $(cat "$T/out")"
	[ ! -s "$T/err" ] && pass || fail "--version wrote to stderr"
}

# ---- outputs -------------------------------------------------------------------------

section_outputs() {
	fresh
	# As README.md writes it (Two commands), in a fresh directory.
	expect_rc 0 "gicplan --cpus 900 --out virt.dtb" --cpus 900 --out virt.dtb
	check "virt.dtb written" is_dtb "$T/work/virt.dtb"
	if command -v dtc >/dev/null 2>&1; then
		dtc -I dtb -O dts -o "$T/virt.dts" "$T/work/virt.dtb" 2>"$T/dtc.err" && pass ||
			fail "dtc cannot read virt.dtb"
		[ ! -s "$T/dtc.err" ] && pass || fail "dtc warnings: $(cat "$T/dtc.err")"
	else
		echo "note: dtc not installed, virt.dtb not decompiled"
	fi

	# Determinism: two runs, the same bytes.
	expect_rc 0 "run 1" --cpus 900 --out a.dtb --plan a.json
	expect_rc 0 "run 2" --cpus 900 --out b.dtb --plan b.json
	check "two runs give the same DTB" cmp -s "$T/work/a.dtb" "$T/work/b.dtb"
	check "two runs give the same plan" cmp -s "$T/work/a.json" "$T/work/b.json"
	expect_rc 0 "--out -" --cpus 900 --out -
	check "--out - streams the same DTB" cmp -s "$T/out" "$T/work/a.dtb"

	# --format json: the report on stdout.
	expect_rc 0 "--format json" --cpus 900 --format json
	cp "$T/out" "$T/report.json"
	if [ -z "$PY" ]; then
		echo "note: python3 not installed, JSON outputs not checked"
		return
	fi
	$PY - "$T/report.json" "$T/work/a.json" "$SRC/layouts/virt.json" >"$T/py.out" 2>&1 <<'EOF'
import json, re, sys
hexnum = re.compile(r"^0x[0-9a-f]+$")
def regions_ok(regions, where):
    assert isinstance(regions, list) and regions, where + ": no regions"
    spans = []
    for r in regions:
        for k in ("name", "base", "size"):
            assert k in r, "%s: region without %s: %r" % (where, k, r)
        assert hexnum.match(r["base"]) and hexnum.match(r["size"]), "%s: %r" % (where, r)
        spans.append((int(r["base"], 16), int(r["size"], 16), r["name"]))
    spans.sort()
    for a, b in zip(spans, spans[1:]):
        assert a[0] + a[1] <= b[0], "%s: %s overlaps %s" % (where, a[2], b[2])
    names = {r["name"] for r in regions}
    for n in ("gicd", "its", "redist0", "ram"):
        assert n in names, "%s: no region %s in %s" % (where, n, sorted(names))
    return spans
report = json.load(open(sys.argv[1]))
for k in ("tier", "cpus", "regions"):
    assert k in report, "report has no " + k
assert report["cpus"] == 900, report["cpus"]
assert report["tier"] == "compact", report["tier"]
regions_ok(report["regions"], "report")
plan = json.load(open(sys.argv[2]))
assert plan["format"] == "gicplan-plan", plan.get("format")
assert plan["request"]["cpus"] == 900
assert plan["tier"] == report["tier"]
regions_ok(plan["regions"], "plan")
assert plan["regions"] == report["regions"], "plan and report regions differ"
# Every region: the GIC's, RAM, and each device window of the layout.
names = {r["name"] for r in plan["regions"]}
for d in json.load(open(sys.argv[3]))["devices"]:
    assert d["name"] in names, "plan has no region " + d["name"]
    for w in ("mmio", "pio", "mmio_high"):
        if w in d:
            assert d["name"] + "." + w in names, "plan has no region %s.%s" % (d["name"], w)
rr = plan["gic"]["redist_regions"]
assert sum(r["count"] for r in rr) == 900, rr
first = 0
for r in rr:
    assert r["first_cpu"] == first, rr
    assert r["count"] <= r["capacity"] == int(r["window"], 16) // int(plan["gic"]["redist_size"], 16), r
    first += r["count"]
EOF
	if [ $? -eq 0 ]; then pass; else fail "JSON outputs: $(cat "$T/py.out")"; fi
}

# ---- tiers and platforms -------------------------------------------------------------

section_tiers() {
	fresh
	expect_rc 0 "tiers" tiers --gic-version 3
	grep -Eq '^ *legacy +1\.\.127( |$)' "$T/out" && pass || fail "tiers: no legacy 1..127: $(cat "$T/out")"
	grep -Eq '^ *compact +128\.\.1019( |$)' "$T/out" && pass || fail "tiers: no compact 128..1019"
	grep -Eq '^ *high +1020\.\.[0-9]+' "$T/out" && pass || fail "tiers: no high 1020.."
	expect_rc 0 "tiers (both versions)" tiers
	grep -q "GICv3" "$T/out" && grep -q "GICv4" "$T/out" && pass || fail "tiers shows not both GIC versions"
	expect_rc 0 "tiers --format json" tiers --format json
	if [ -n "$PY" ]; then
		$PY - "$T/out" >"$T/py.out" 2>&1 <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
v3 = [v for v in d["gic_versions"] if v["gic_version"] == 3][0]
t = {x["name"]: x for x in v3["tiers"]}
assert [x["name"] for x in v3["tiers"]] == ["legacy", "compact", "high"], v3["tiers"]
assert (t["legacy"]["min_cpus"], t["legacy"]["max_cpus"]) == (1, 127), t["legacy"]
assert (t["compact"]["min_cpus"], t["compact"]["max_cpus"]) == (128, 1019), t["compact"]
assert t["high"]["min_cpus"] == 1020 and t["high"]["max_cpus"] > 1020, t["high"]
assert d["platform"] == "virt"
EOF
		if [ $? -eq 0 ]; then pass; else fail "tiers json: $(cat "$T/py.out")"; fi
	fi
	expect_rc 0 "tiers of a capped layout" tiers --platform "$SRC/tests/layouts/good/capped.json"
	grep -q "200" "$T/out" && pass || fail "tiers does not show the cap of 200"
	# Where a fixed window or a device ends above the IPA, the tiers are still the
	# planner's: each chosen range's ends are planned on it, one past the last is refused.
	for case in "tests/layouts/good/adds-region.json 32" "tests/layouts/good/adds-region.json 40" \
		"layouts/qemu-virt.json 36"; do
		[ -n "$PY" ] || break
		set -- $case
		expect_rc 0 "tiers at $2 bits" tiers --platform "$SRC/$1" --ipa-bits "$2" --gic-version 3 \
			--format json
		$PY - "$T/out" >"$T/ranges" <<'EOF'
import json, sys
tiers = json.load(open(sys.argv[1]))["gic_versions"][0]["tiers"]
chosen = [t for t in tiers if t["min_cpus"] <= t["max_cpus"]]
for t in chosen:
    print(t["name"], t["min_cpus"])
    print(t["name"], t["max_cpus"])
print("-", max([t["max_cpus"] for t in chosen] + [0]) + 1)
EOF
		while read -r tier cpus; do
			run --platform "$SRC/$1" --ipa-bits "$2" --cpus "$cpus" --format json
			if [ "$tier" = - ]; then
				[ "$rc" -eq 3 ] && pass ||
					fail "$1 at $2 bits: $cpus vCPUs, past the tiers, exit $rc, expected 3"
			else
				[ "$rc" -eq 0 ] && grep -q "\"tier\": \"$tier\"" "$T/out" && pass ||
					fail "$1 at $2 bits: $cpus vCPUs not planned on $tier: $(cat "$T/err")"
			fi
		done <"$T/ranges"
	done

	expect_rc 0 "platforms" platforms
	grep -Eq '^virt( |$)' "$T/out" && pass || fail "platforms does not list virt: $(cat "$T/out")"
	expect_rc 0 "platforms --format json" platforms --format json
	if [ -n "$PY" ]; then
		$PY -c 'import json,sys; assert "virt" in [p["name"] for p in json.load(open(sys.argv[1]))["platforms"]]' \
			"$T/out" && pass || fail "platforms json does not list virt"
		# Each GIC version's largest count, from qemu-virt's windows and cap: GICv3 is held to
		# the cap, GICv4 to the 256 KiB frames its two windows hold.
		$PY - "$T/out" "$SRC/layouts/qemu-virt.json" <<'PY' && pass || fail "platforms: qemu-virt's per-version limits"
import json, sys
from xlayout import capacity
listed = {p["name"]: p for p in json.load(open(sys.argv[1]))["platforms"]}["qemu-virt"]["max_cpus_by_version"]
layout = json.load(open(sys.argv[2]))
frames = lambda f: sum(capacity(p, f, layout["ipa_bits"]) for p in layout["placements"])
cap = layout["max_cpus"]
assert listed["gicv3"] == min(frames(128 * 1024), cap), listed
assert listed["gicv4"] == min(frames(256 * 1024), cap), listed
PY
	fi
	# QEMU gives a GICv4 only to a guest with EL2: so does its platform.
	expect_rc 2 "qemu-virt GICv4 without EL2" --platform qemu-virt --cpus 8 --gic-version 4
	grep -q -- "--virtualization" "$T/err" && pass || fail "the refusal does not name --virtualization"
	expect_rc 0 "qemu-virt GICv4 with EL2" --platform qemu-virt --cpus 8 --gic-version 4 \
		--virtualization
}

# ---- failed runs leave files alone ---------------------------------------------------

section_atomic() {
	fresh
	printf 'old dtb\n' >"$T/work/old.dtb"
	printf 'old plan\n' >"$T/work/old.json"
	cp "$T/work/old.dtb" "$T/keep.dtb"
	cp "$T/work/old.json" "$T/keep.json"

	unchanged() {
		cmp -s "$T/work/old.dtb" "$T/keep.dtb" && cmp -s "$T/work/old.json" "$T/keep.json"
	}

	expect_rc 3 "infeasible" --cpus 100000 --ipa-bits 32 --out old.dtb --plan old.json
	check "exit 3 keeps --out and --plan" unchanged
	check "exit 3 leaves no temporary file" no_temp_files
	expect_rc 2 "bad --spis" --cpus 900 --spis 33 --out old.dtb --plan old.json
	check "exit 2 (option) keeps --out and --plan" unchanged
	expect_rc 2 "bad layout" --platform "$SRC/tests/layouts/bad/overlap-fixed.json" --cpus 4 \
		--out old.dtb --plan old.json
	check "exit 2 (layout) keeps --out and --plan" unchanged
	check "exit 2 leaves no temporary file" no_temp_files

	# An output that cannot be written: exit 2, the other output untouched.
	expect_error 2 "nodir" --cpus 900 --out nodir/x.dtb --plan old.json
	check "unwritable --out keeps --plan" unchanged
	check "unwritable --out leaves no temporary file" no_temp_files
	expect_error 2 "nodir" --cpus 900 --out old.dtb --plan nodir/p.json
	check "unwritable --plan keeps --out" unchanged
	check "unwritable --plan leaves no temporary file" no_temp_files
	expect_error 2 "old.json" --cpus 900 --out old.dtb --plan old.json/p.json
	check "--plan under a file keeps --out" unchanged
	mkdir "$T/work/adir"
	expect_error 2 "adir" --cpus 900 --out adir --plan old.json
	check "--out naming a directory keeps --plan" unchanged
	if [ "$(id -u)" -ne 0 ]; then
		mkdir "$T/work/ro" && chmod 555 "$T/work/ro"
		expect_error 2 "ro" --cpus 900 --out ro/x.dtb --plan old.json
		check "read-only directory keeps --plan" unchanged
		chmod 755 "$T/work/ro"
	else
		echo "note: running as root, the read-only directory case is skipped"
	fi
	check "no temporary file after failed writes" no_temp_files

	# A good run replaces both.
	expect_rc 0 "good run" --cpus 900 --out old.dtb --plan old.json
	check "a good run writes the DTB" is_dtb "$T/work/old.dtb"
	if [ -n "$PY" ]; then
		$PY -c 'import json,sys; assert json.load(open(sys.argv[1]))["format"] == "gicplan-plan"' \
			"$T/work/old.json" && pass || fail "a good run does not write the plan"
	fi
	check "a good run leaves no temporary file" no_temp_files
}

# ---- --out and --plan naming one file ------------------------------------------------

section_same_file() {
	fresh
	expect_error 2 "same.out" --cpus 900 --out same.out --plan same.out
	[ ! -e "$T/work/same.out" ] && pass || fail "--out = --plan created the file"
	printf 'keep\n' >"$T/work/same.out"
	# The same file under another spelling is still the same file.
	expect_error 2 "same.out" --cpus 900 --out same.out --plan ./same.out
	[ "$(cat "$T/work/same.out")" = "keep" ] && pass ||
		fail "--out same.out --plan ./same.out overwrote the file"
	expect_error 2 "same.out" --cpus 900 --out "$T/work/same.out" --plan same.out
	[ "$(cat "$T/work/same.out")" = "keep" ] && pass ||
		fail "--out /abs/same.out --plan same.out overwrote the file"
	check "no temporary file" no_temp_files
}

# ---- layouts by path -----------------------------------------------------------------

section_layouts() {
	fresh
	expect_rc 0 "a user layout by path" --platform "$SRC/tests/layouts/good/small.json" --cpus 200 \
		--format json --out small.dtb
	check "its DTB" is_dtb "$T/work/small.dtb"
	if [ -n "$PY" ]; then
		$PY -c 'import json,sys; d = json.load(open(sys.argv[1])); assert d["tier"] == "moved", d["tier"]' \
			"$T/out" && pass || fail "small.json 200 vCPUs: not the moved tier"
	fi
	for f in "$SRC"/tests/layouts/bad/*.json; do
		expect_error 2 "$f" --platform "$f" --cpus 4
		grep -Eq ': (\$[.a-z_\[]|line [0-9]+ column)' "$T/err" && pass ||
			fail "$f: message names no JSON path or line: $(cat "$T/err")"
	done
}

# emu answers as the VMM's guest sees the GIC: on a strided tree (hip05's frames
# 0x30000 apart, each a region of its own in the model) GICR_TYPER.Last is set
# on the last vCPU's frame only, as verify's walk finds it.
section_emu() {
	tree=$SRC/tests/fixtures/boards/hip05-d02.dtb
	first=$(echo "redist_base 0" | "$GICPLAN" emu "$tree" | awk '{ print $2 }')
	last=$(echo "redist_base 15" | "$GICPLAN" emu "$tree" | awk '{ print $2 }')
	[ $((last - first)) -eq $((15 * 0x30000)) ] && pass ||
		fail "emu: hip05's frames not 0x30000 apart: $first .. $last"
	printf 'readq 0x%x\nreadq 0x%x\nreadq 0x%x\n' $((first + 8)) $((first + 0x30000 + 8)) \
		$((last + 8)) | "$GICPLAN" emu "$tree" >"$T/out"
	# GICR_TYPER.Last is bit 4: the low bit of the 15th of 16 hex digits.
	awk '{ print (index("0123456789abcdef", substr($2, 17, 1)) - 1) % 2 }' "$T/out" |
		tr -d '\n' >"$T/lasts"
	[ "$(cat "$T/lasts")" = "001" ] && pass ||
		fail "emu: GICR_TYPER.Last of frames 0, 1, 15 reads $(cat "$T/lasts"), not 001: $(tr '\n' ' ' <"$T/out")"
}

# ---- main ----------------------------------------------------------------------------

[ $# -gt 0 ] || set -- exit_codes outputs tiers atomic same_file layouts emu
for s in "$@"; do
	case $s in
	exit_codes | outputs | tiers | atomic | same_file | layouts | emu) "section_$s" ;;
	*) echo "$0: unknown section $s" >&2; exit 2 ;;
	esac
done
echo "cli: $passes checks passed, $failures failed"
[ "$failures" -eq 0 ]
