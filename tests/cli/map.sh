#!/bin/sh
# SPDX-License-Identifier: MIT
# gicplan map: the guest physical map as text and SVG, and --tiers side by side.
#
#   tests/cli/map.sh GICPLAN SOURCE_DIR
#
# The regions each map must show come from the plan command's own report
# (--format json, "regions") of the same request, read with python3; the SVG is
# read with python3's XML parser and, when installed, rendered by rsvg-convert.
# What the virt tiers move at 128 vCPUs is written here from docs/layout-format.md
# ("compact": the UART, RTC, fw-cfg, GPIO and virtio-mmio move; flash, the
# distributor, the PCIe I/O window and ECAM and RAM stay). Exit 77 without python3.
set -u

NAME=map
. "$(dirname "$0")/lib.sh"

if [ -z "$PY" ]; then
	echo "note: python3 not installed: the map CLI tests are skipped"
	exit 77
fi

# check_map.py MAP.txt MAP.svg REPORT.json: every region of the report has a row in the text
# map (its base and name) and a label in the SVG (its name, then its base); text rows fit 100
# columns; the SVG is SVG 1.1 in the SVG namespace.
cat >"$T/check_map.py" <<'EOF'
import json, re, sys, xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
text_path, svg_path, report_path = sys.argv[1:4]
lines = open(text_path).read().splitlines()
regions = json.load(open(report_path))["regions"]
errors = []
for n, line in enumerate(lines, 1):
    if len(line) > 100:
        errors.append("%s:%d: %d columns" % (text_path, n, len(line)))
rows = set()
for line in lines:
    tok = line.split()
    if tok and re.fullmatch("0x[0-9a-f]+", tok[0]):
        rows.update((int(tok[0], 16), t) for t in tok[1:])
root = ET.parse(svg_path).getroot()
if root.tag != SVG + "svg" or root.get("version") != "1.1":
    errors.append("%s: root is %s version %s" % (svg_path, root.tag, root.get("version")))
labels = set()
for t in root.iter(SVG + "text"):
    spans = list(t.iter(SVG + "tspan"))
    if spans and spans[0].text:
        rest = "".join(t.itertext())[len(spans[0].text):].split()
        if rest and rest[0].startswith("0x"):
            labels.add((spans[0].text.lstrip("* "), int(rest[0], 16)))
for r in regions:
    base = int(r["base"], 16)
    if (base, r["name"]) not in rows:
        errors.append("%s: no row for %s at %s" % (text_path, r["name"], r["base"]))
    if (r["name"], base) not in labels:
        errors.append("%s: no label for %s at %s" % (svg_path, r["name"], r["base"]))
if not regions:
    errors.append("%s: no regions" % report_path)
for e in errors:
    print(e, file=sys.stderr)
sys.exit(1 if errors else 0)
EOF

# check_tiers.py TIERS.txt TIERS.svg TIERS.json MUST STILL: the text's '*' marks per column are
# exactly what `gicplan tiers` says each crossing moves, so are the SVG's "* " labels; every
# name in MUST (comma-separated) is marked in the column of the first crossing, none in STILL
# is marked anywhere; text lines fit 100 columns.
cat >"$T/check_tiers.py" <<'EOF'
import json, sys, xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
text_path, svg_path, json_path, must, still = sys.argv[1:6]
must = set(filter(None, must.split(",")))
still = set(filter(None, still.split(",")))
errors = []
lines = open(text_path).read().splitlines()
# Columns by the header's separators: "ADDRESS | legacy | compact".
marked, heads = {}, []
for n, line in enumerate(lines, 1):
    if len(line) > 100:
        errors.append("%s:%d: %d columns" % (text_path, n, len(line)))
    if line.startswith("ADDRESS "):
        at = [i for i in range(len(line)) if line.startswith(" | ", i)]
        heads = [(line[a + 3:b].strip(), a + 3, b) for a, b in zip(at, at[1:] + [1 << 20])]
        for h, _, _ in heads:
            marked.setdefault(h, set())
    elif line.startswith("0x") and heads:
        for h, a, b in heads:
            c = line[a:b]
            if c.startswith("*"):
                marked[h].add(c[1:].split()[0])
tiers = json.load(open(json_path))["gic_versions"][0]["tiers"]
moves_by_tier = {}
for t in tiers:
    moves_by_tier[t["name"]] = set()
    if "crossing" in t and t["crossing"]["moves"]:
        moves_by_tier[t["name"]] = set(t["crossing"]["moves"].split(", "))
if set(marked) != set(moves_by_tier):
    errors.append("columns %s, tiers %s" % (sorted(marked), sorted(moves_by_tier)))
for name, moves in moves_by_tier.items():
    if marked.get(name, set()) != moves:
        errors.append("%s: marked %s, tiers says %s move" % (name, sorted(marked.get(name, ())),
                                                             sorted(moves)))
crossing = [t["name"] for t in tiers if "crossing" in t]
if must and (not crossing or not must <= marked.get(crossing[0], set())):
    errors.append("first crossing %s: %s not all marked" % (crossing[:1], sorted(must)))
for name, m in marked.items():
    if m & still:
        errors.append("%s: %s marked, but it does not move" % (name, sorted(m & still)))
root = ET.parse(svg_path).getroot()
if root.tag != SVG + "svg":
    errors.append("%s: root is %s" % (svg_path, root.tag))
svg_marked = set()
for t in root.iter(SVG + "text"):
    spans = list(t.iter(SVG + "tspan"))
    if spans and spans[0].text and spans[0].text.startswith("* "):
        svg_marked.add(spans[0].text[2:])
want = set().union(*moves_by_tier.values())
if svg_marked != want:
    errors.append("%s: marked %s, tiers says %s move" % (svg_path, sorted(svg_marked), sorted(want)))
for e in errors:
    print(e, file=sys.stderr)
sys.exit(1 if errors else 0)
EOF

# render FILE.svg: rsvg-convert turns it into a PNG without complaint (when installed).
render() {
	if [ -z "${RSVG:-}" ]; then
		return 0
	fi
	if rsvg-convert "$T/work/$1" -o "$T/work/$1.png" 2>"$T/rsvg.err" && [ -s "$T/work/$1.png" ] &&
		[ ! -s "$T/rsvg.err" ]; then
		pass
	else
		fail "rsvg-convert $1: $(cat "$T/rsvg.err")"
	fi
}

RSVG=""
if command -v rsvg-convert >/dev/null 2>&1; then
	RSVG=rsvg-convert
else
	echo "note: rsvg-convert (librsvg2-bin) not installed: the SVGs are not rendered"
fi

fresh

# ---- the map of a plan -----------------------------------------------------------------
i=0
while IFS= read -r request; do
	i=$((i + 1))
	# shellcheck disable=SC2086 # a request is words
	expect_rc 0 "report: $request" $request --format json
	cp "$T/out" "$T/work/report$i.json"
	# shellcheck disable=SC2086
	expect_rc 0 "map: $request" map $request --svg "map$i.svg"
	cp "$T/out" "$T/work/map$i.txt"
	[ -s "$T/work/map$i.txt" ] && pass || fail "map $request: no text map with --svg FILE"
	$PY "$T/check_map.py" "$T/work/map$i.txt" "$T/work/map$i.svg" "$T/work/report$i.json" &&
		pass || fail "map $request"
	render "map$i.svg"
done <<'EOF'
--cpus 8
--cpus 900
--cpus 2000
--cpus 2000 --ipa-bits 52 --gic-version 4
--cpus 100 --ipa-bits 36
--platform qemu-virt --cpus 300
--platform qemu-virt --cpus 62 --gic-version 4 --virtualization
--platform kvmtool --cpus 8
--platform firecracker --cpus 32
--platform cloud-hypervisor --cpus 512 --no-its
--platform crosvm --cpus 8
EOF

# --svg - streams the SVG: the document alone on standard output.
expect_rc 0 "map --svg -" map --cpus 900 --svg -
$PY -c 'import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])' "$T/out" && pass ||
	fail "map --svg -: standard output is not one XML document"

# A plan file draws the map of the plan it holds: the same as planning it again.
expect_rc 0 "write a plan" --cpus 900 --plan p900.json
expect_rc 0 "map of a plan file" map p900.json
cp "$T/out" "$T/work/from-file.txt"
expect_rc 0 "map of the request" map --cpus 900
cmp -s "$T/out" "$T/work/from-file.txt" && pass || fail "map p900.json differs from map --cpus 900"

# ---- tiers side by side ----------------------------------------------------------------
for args in "" "--platform kvmtool" "--platform qemu-virt" "--gic-version 4" "--ipa-bits 48"; do
	# shellcheck disable=SC2086
	expect_rc 0 "tiers $args" tiers $args --format json
	cp "$T/out" "$T/work/tiers.json"
	# shellcheck disable=SC2086
	expect_rc 0 "map --tiers $args" map --tiers $args --svg tiers.svg
	cp "$T/out" "$T/work/tiers.txt"
	case $args in
	"" | --gic-version*) must=uart,rtc,fw-cfg,gpio,virtio ;;
	*) must="" ;;
	esac
	$PY "$T/check_tiers.py" "$T/work/tiers.txt" "$T/work/tiers.svg" "$T/work/tiers.json" \
		"$must" flash,gicd,pcie.pio,pcie,ram,pcie.mmio_high && pass || fail "map --tiers $args"
	render tiers.svg
done

# ---- bad input: exit 2, one line, nothing written ----------------------------------------
fresh
mkdir "$T/work/dir"
expect_error 2 "dir" map --cpus 8 --svg dir
expect_error 2 "nosuch" map --platform nosuch --cpus 8
expect_error 2 "nosuch" map --tiers --platform nosuch --svg t.svg
expect_error 2 "--cpus" map
expect_error 2 "--tiers" map --tiers --cpus 8
expect_error 2 "--format" map --cpus 8 --format json
expect_error 2 "GICv4" map --tiers --platform kvmtool --gic-version 4
expect_error 2 "nosuch.json" map nosuch.json
expect_error 2 "plan file" map p.json --cpus 8
expect_error 2 "a device tree" map "$SRC/tests/fixtures/qemu-7.2/virt-gicv3-smp8-norand.dtb"
[ ! -e "$T/work/t.svg" ] && pass || fail "map --tiers with a bad platform wrote t.svg"
# A request no placement holds: exit 3, and an existing SVG is left as it was.
echo keep >"$T/work/old.svg"
expect_error 3 "32-bit" map --cpus 100000 --ipa-bits 32 --svg old.svg
[ "$(cat "$T/work/old.svg")" = keep ] && pass || fail "a failed map replaced old.svg"
check "no temporary files left" no_temp_files

echo "map: $passes checks passed, $failures failed"
[ "$failures" -eq 0 ]
