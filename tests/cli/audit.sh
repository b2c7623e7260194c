#!/bin/sh
# SPDX-License-Identifier: MIT
# gicplan audit, --compat-with and tiers as users run them: verdicts, the "what" of each
# difference and exit codes (0 compatible, 1 something breaks, 2 bad input, 3 refused),
# in --format json (read with python3) and in text.
#
#   tests/cli/audit.sh GICPLAN SOURCE_DIR [SECTION...]
#
# Sections (all by default): identical fixtures chosen order kinds crossing compat tiers qemu
# scale.
# ctest runs each as its own test (cli_audit_<section>); exit 77 (skipped) without python3
# or dtc. Trees are edited as a user would: dtc -I dtb -O dts, an edit of the text,
# dtc -I dts -O dtb. What each edit must give is written here from the facts (REFERENCE.md
# §1, layouts/virt.json), not from gicplan's output.
set -u

NAME=audit
. "$(dirname "$0")/lib.sh"
GOLDEN=$SRC/tests/golden/qemu-7.2
FIXTURES=$SRC/tests/fixtures/qemu-7.2


if ! command -v python3 >/dev/null 2>&1 || ! command -v dtc >/dev/null 2>&1; then
	echo "note: python3 or dtc not installed: the audit CLI tests are skipped"
	exit 77
fi
# The interpreter itself, not a version manager's shim (which costs 0.2 s a call).
PY=$(python3 -c 'import sys; print(sys.executable)') || exit 2
python3() {
	"$PY" "$@"
}

# ---- helpers ---------------------------------------------------------------------------

# dts FILE.dtb: its source in FILE.dts. dtb FILE.dts OUT.dtb: compiled.
dts() {
	dtc -I dtb -O dts -o "$T/work/${1%.dtb}.dts" "$T/work/$1" 2>"$T/dtc.err" ||
		fail "dtc cannot read $1: $(cat "$T/dtc.err")"
}

dtb() {
	dtc -q -I dts -O dtb -o "$T/work/$2" "$T/work/$1" 2>"$T/dtc.err" ||
		fail "dtc cannot compile $1: $(cat "$T/dtc.err")"
}

# edit IN.dts OUT.dtb [-1|-a PATTERN REPLACEMENT]...: edit a DTS (each -1 pattern must
# match exactly once, each -a at least once), then compile it.
edit() {
	e_in=$1
	e_out=$2
	shift 2
	if python3 "$T/edit.py" "$T/work/$e_in" "$T/work/${e_out%.dtb}.dts" "$@" 2>"$T/py.err"; then
		pass
		dtb "${e_out%.dtb}.dts" "$e_out"
	else
		fail "editing $e_in into $e_out: $(cat "$T/py.err")"
	fi
}

# The mode these sections ask in: a guest moving OLD -> NEW, added vCPUs restored per saved
# vCPU (section modes asks the others). MODE="" asks the default, rollback.
MODE="--one-way --vmm generic"

# expect_audit CODE "WHAT=VERDICT|WHAT=VERDICT..." OLD NEW [OPTIONS...]: audit $MODE OLD NEW
# finds exactly these differences (an empty spec: none), exits CODE, in JSON and in text.
expect_audit() {
	a_rc=$1
	a_spec=$2
	a_old=$3
	a_new=$4
	shift 4
	# shellcheck disable=SC2086 # $MODE: options, split
	run audit $MODE --format json "$a_old" "$a_new" "$@"
	if [ "$rc" -ne "$a_rc" ]; then
		fail "audit $a_old $a_new $*: exit $rc, expected $a_rc; stderr: $(cat "$T/err")"
	else
		pass
	fi
	cp "$T/out" "$T/audit.json"
	# shellcheck disable=SC2086
	run audit $MODE "$a_old" "$a_new" "$@"
	[ "$rc" -eq "$a_rc" ] && pass || fail "audit (text) $a_old $a_new: exit $rc, expected $a_rc"
	if python3 "$T/check_audit.py" "$T/audit.json" "$T/out" "$a_rc" "$a_spec" "$a_old" "$a_new" \
		>"$T/py.out" 2>&1; then
		pass
	else
		fail "audit $a_old $a_new $*: $(tail -1 "$T/py.out")"
	fi
}

cat >"$T/edit.py" <<'EOF'
import re, sys
s = open(sys.argv[1]).read()
args = sys.argv[3:]
while args:
    mode, pat, rep = args[:3]
    args = args[3:]
    s, n = re.subn(pat, rep, s, flags=re.M | re.S)
    if (mode == "-1" and n != 1) or n == 0:
        sys.exit("%r matched %d times" % (pat, n))
open(sys.argv[2], "w").write(s)
EOF

cat >"$T/check_audit.py" <<'EOF'
# check_audit.py JSON TEXT RC SPEC OLD NEW: both reports of one audit say exactly SPEC.
import json, sys
path, text, rc, spec, old, new = sys.argv[1:7]
rc = int(rc)
want = {}
for item in filter(None, spec.split("|")):
    what, verdict = item.rsplit("=", 1)
    assert verdict in ("breaks", "compatible"), item
    want[what] = verdict
d = json.load(open(path))
for k in ("old", "new", "mode", "vcpu_rule", "compatible", "compared", "differences",
          "breaking", "diffs"):
    assert k in d, "no %s in %s" % (k, sorted(d))
assert (d["old"], d["new"]) == (old, new), (d["old"], d["new"])
got = {}
for x in d["diffs"]:
    assert set(x) == {"what", "verdict", "breaks", "old", "new", "why"}, x
    # The verdict is the mode's reading of the directions the difference breaks.
    asked = {"rollback": {"old->new", "new->old"}, "one-way": {"old->new"}}.get(d["mode"])
    assert x["verdict"] == ("breaks" if asked is None or asked & set(x["breaks"])
                            else "compatible"), x
    assert x["what"] not in got, "%s twice" % x["what"]
    assert x["why"], x
    got[x["what"]] = x["verdict"]
assert got == want, "differences %s, expected %s" % (
    sorted(got.items()), sorted(want.items()))
breaking = sum(1 for v in want.values() if v == "breaks")
assert d["differences"] == len(want) and d["breaking"] == breaking, (d["differences"], d["breaking"])
assert d["compatible"] == (breaking == 0) == (rc == 0), (d["compatible"], rc)
assert d["compared"] > 0
# The text: a summary, "VERDICT WHAT: OLD -> NEW" and a reason per difference, breaking
# ones first, and the conclusion.
lines = open(text).read().splitlines()
want = list(want.items())
assert " (%s): " % d["mode"] in lines[0], lines[0]
assert " %d differ, %d break it" % (len(want), breaking) in lines[0], lines[0]
if d["mode"] == "identical":
    assert lines[-1].startswith("IDENTICAL:" if rc == 0 else "DIFFERENT:"), lines[-1]
else:
    assert lines[-1].startswith("COMPATIBLE:" if rc == 0 else "INCOMPATIBLE:"), lines[-1]
pos = {}
for what, verdict in want:
    head = "  %-10s %s: " % (verdict, what)
    hits = [i for i, l in enumerate(lines) if l.startswith(head)]
    assert len(hits) == 1, "%d lines start with %r" % (len(hits), head)
    pos[what] = (verdict, hits[0])
assert len(lines) == 2 + 2 * len(want), "%d lines for %d differences" % (len(lines), len(want))
b = [p for v, p in pos.values() if v == "breaks"]
c = [p for v, p in pos.values() if v == "compatible"]
assert not b or not c or max(b) < min(c), "a compatible line before a breaking one"
EOF

# ---- identical inputs: plans and trees, any mix ----------------------------------------

section_identical() {
	fresh
	# plan options | audit options (what a tree alone cannot say)
	for case in "--cpus 8|" "--cpus 127|" "--cpus 128|" "--cpus 900|" "--cpus 1500|" \
		"--cpus 8 --gic-version 4|--gic-version 4" "--cpus 600 --gic-version 4|--gic-version 4" \
		"--cpus 16 --spis 128 --no-its --virtualization|--spis 128" \
		"--cpus 20 --platform $SRC/tests/layouts/good/capped.json|--spis 32" \
		"--cpus 200 --platform $SRC/tests/layouts/good/small.json|--spis 64"; do
		popts=${case%|*}
		aopts=${case#*|}
		# shellcheck disable=SC2086
		expect_rc 0 "plan $popts" $popts --out t.dtb --plan p.json
		# shellcheck disable=SC2086
		expect_rc 0 "plan $popts again" $popts --plan q.json
		for pair in "p.json q.json" "p.json t.dtb" "t.dtb p.json" "t.dtb t.dtb" "q.json q.json"; do
			# shellcheck disable=SC2086
			expect_audit 0 "" $pair $aopts
		done
	done
}

# ---- QEMU's trees ----------------------------------------------------------------------

section_fixtures() {
	fresh
	n=0
	for f in "$FIXTURES"/*.dtb "$GOLDEN"/*.dtb; do
		[ -f "$f" ] || continue
		expect_audit 0 "" "$f" "$f"
		n=$((n + 1))
	done
	[ "$n" -ge 7 ] && pass || fail "only $n QEMU trees found"
	# The same QEMU command with and without dtb-randomness: only /chosen's seeds differ.
	if [ -f "$FIXTURES/virt-gicv3-smp124.dtb" ]; then
		dtc -I dtb -O dts "$FIXTURES/virt-gicv3-smp124.dtb" 2>/dev/null | grep -q "rng-seed" &&
			pass || fail "the smp124 fixture has no rng-seed: not the premise of this check"
		expect_audit 0 "" "$GOLDEN/virt-gicv3-smp124.dtb" "$FIXTURES/virt-gicv3-smp124.dtb"
		expect_audit 0 "" "$FIXTURES/virt-gicv3-smp124.dtb" "$GOLDEN/virt-gicv3-smp124.dtb"
	else
		fail "$FIXTURES/virt-gicv3-smp124.dtb is missing"
	fi
	# More vCPUs on QEMU 7.2: region 0's reg is the whole window (0xF60000) in both, filled
	# first; region 1 appears past 123 GICv3 / 61 GICv4 frames.
	expect_audit 0 "redistributor region 1=compatible|vCPUs=compatible" \
		"$GOLDEN/virt-gicv3-smp8.dtb" "$GOLDEN/virt-gicv3-smp124.dtb"
	expect_audit 1 "redistributor region 1=breaks|vCPUs=breaks" \
		"$GOLDEN/virt-gicv3-smp124.dtb" "$GOLDEN/virt-gicv3-smp8.dtb"
	expect_audit 0 "vCPUs=compatible" "$GOLDEN/virt-gicv3-smp124.dtb" "$GOLDEN/virt-gicv3-smp512.dtb"
	expect_audit 0 "redistributor region 1=compatible|vCPUs=compatible" \
		"$GOLDEN/virt-gicv4-smp61.dtb" "$GOLDEN/virt-gicv4-smp62.dtb" --gic-version 4
	# gic-version=4 came with virtualization=on: the maintenance interrupt and PSCI over SMC.
	expect_audit 1 "GIC maintenance interrupt=breaks|psci method=breaks" \
		"$GOLDEN/virt-gicv3-smp8.dtb" "$GOLDEN/virt-gicv4-smp8.dtb"
}

# ---- /chosen is not ABI ----------------------------------------------------------------

section_chosen() {
	fresh
	expect_rc 0 "plan 8" --cpus 8 --out t.dtb --plan p.json
	dts t.dtb
	edit t.dts c.dtb -1 '(\tchosen \{\n)' '\1\t\trng-seed = <0xede3746d 0xf1f148bc 0x928a4984 0xf573a75a 0xcf9495e 0x4da68934 0xe6b957b 0xbfb76b72>;\n\t\tkaslr-seed = <0x7ad84c94 0x3667bb65>;\n\t\tbootargs = "console=ttyAMA0 root=/dev/vda rw";\n'
	dtc -I dtb -O dts "$T/work/c.dtb" 2>/dev/null | grep -q 'kaslr-seed' && pass ||
		fail "the edited tree has no kaslr-seed"
	cmp -s "$T/work/t.dtb" "$T/work/c.dtb" && fail "the edit changed nothing" || pass
	expect_audit 0 "" t.dtb c.dtb
	expect_audit 0 "" c.dtb t.dtb
	expect_audit 0 "" p.json c.dtb
	expect_audit 0 "" c.dtb p.json
}

# ---- devices are what they are, not node order or phandles -----------------------------

section_order() {
	fresh
	cat >"$T/shuffle.py" <<'EOF'
# dtc's DTS: reverse every node's children (not /cpus': their order is the vCPUs')
# and renumber every phandle, rewriting each property that refers to one.
import re, sys
XOR = 0x00a50000
def parse(lines, i, name):
    node = {"name": name, "props": [], "kids": []}
    while i < len(lines):
        s = lines[i].strip()
        i += 1
        if not s or s.startswith("/dts-v1/") or s.startswith("/memreserve/"):
            continue
        if s == "};":
            return node, i
        if s.endswith("{"):
            kid, i = parse(lines, i, s[:-1].strip())
            node["kids"].append(kid)
        else:
            assert s.endswith(";"), s
            k, eq, v = s[:-1].partition(" = ")
            node["props"].append([k.strip(), v if eq else None])
    return node, i
def cells(v):
    m = re.fullmatch(r"<([^>]*)>", v)
    assert m, v
    return [int(x, 0) for x in m.group(1).split()]
def walk(n):
    yield n
    for k in n["kids"]:
        yield from walk(k)
def prop(n, k):
    return next((p[1] for p in n["props"] if p[0] == k), None)
root = parse(open(sys.argv[1]).read().splitlines(), 0, "/")[0]["kids"][0]
by_ph = {cells(prop(n, "phandle"))[0]: n for n in walk(root) if prop(n, "phandle")}
def tcells(ph, k):
    v = prop(by_ph[ph], k)
    return cells(v)[0] if v else 0
def entries(c, head, c1, c2, tail):
    i = 0
    while i < len(c):
        i += head
        ph = c[i]
        c[i] ^= XOR
        i += 1 + tcells(ph, c1) + (tcells(ph, c2) if c2 else 0) + tail
    assert i == len(c)
for n in walk(root):
    for p in n["props"]:
        k, v = p
        if v is None:
            continue
        if k in ("phandle", "linux,phandle", "interrupt-parent", "cpu"):
            c = cells(v); c[0] ^= XOR
        elif k == "clocks":
            c = cells(v); entries(c, 0, "#clock-cells", None, 0)
        elif k == "gpios" or k.endswith("-gpios"):
            c = cells(v); entries(c, 0, "#gpio-cells", None, 0)
        elif k == "msi-parent":
            c = cells(v); entries(c, 0, "#msi-cells", None, 0)
        elif k == "msi-map":
            c = cells(v); entries(c, 1, "#msi-cells", None, 1)
        elif k == "interrupt-map":
            c = cells(v)
            entries(c, cells(prop(n, "#address-cells"))[0] + cells(prop(n, "#interrupt-cells"))[0],
                    "#address-cells", "#interrupt-cells", 0)
        else:
            continue
        p[1] = "<" + " ".join("0x%02x" % x for x in c) + ">"
out = ["/dts-v1/;", ""]
def emit(n, depth):
    t = "\t" * depth
    out.append(t + n["name"] + " {")
    for k, v in n["props"]:
        out.append(t + "\t" + (k + ";" if v is None else k + " = " + v + ";"))
    for kid in (n["kids"] if n["name"] == "cpus" else n["kids"][::-1]):
        out.append("")
        emit(kid, depth + 1)
    out.append(t + "};")
emit(root, 0)
open(sys.argv[2], "w").write("\n".join(out) + "\n")
EOF
	expect_rc 0 "plan 900" --cpus 900 --out t.dtb --plan p.json
	cp "$GOLDEN/virt-gicv3-smp8.dtb" "$T/work/q.dtb"
	for base in t q; do
		dts $base.dtb
		if python3 "$T/shuffle.py" "$T/work/$base.dts" "$T/work/${base}s.dts" 2>"$T/py.err"; then
			pass
		else
			fail "shuffling $base.dts: $(cat "$T/py.err")"
		fi
		dtb ${base}s.dts ${base}s.dtb
		# The premise: another first node, other phandles, the same tree otherwise.
		first=$(grep -m1 -E '^	[^ 	].* \{$' "$T/work/$base.dts")
		sfirst=$(grep -m1 -E '^	[^ 	].* \{$' "$T/work/${base}s.dts")
		[ "$first" != "$sfirst" ] && pass || fail "$base: the shuffled tree starts with $first too"
		grep -q 'phandle = <0xa5' "$T/work/${base}s.dts" && pass || fail "$base: no phandle renumbered"
		expect_rc 0 "verify the shuffled $base" verify ${base}s.dtb
		expect_audit 0 "" $base.dtb ${base}s.dtb
		expect_audit 0 "" ${base}s.dtb $base.dtb
	done
	expect_audit 0 "" p.json ts.dtb
}

# ---- each kind of difference -----------------------------------------------------------

section_kinds() {
	fresh
	# The base: virt, 8 vCPUs: the legacy tier. GICD 0x08000000, one populated region of
	# 8 x 128 KiB at 0x08010000, ITS 0x09040000 (+128 KiB), UART 0x09000000 (SPI 1),
	# RTC 0x09010000 (SPI 2), RAM 1 GiB at 0x40000000, PCIe MMIO 0x10000000 +0x2eff0000.
	expect_rc 0 "plan 8" --cpus 8 --out t.dtb --plan p.json
	dts t.dtb
	E='(\tinterrupt-controller@8000000 \{\n.*?)'

	edit t.dts gicd.dtb -1 "$E"'reg = <0x00 0x8000000 ' '\1reg = <0x00 0x8ff0000 '
	expect_audit 1 "gicd=breaks" p.json gicd.dtb
	expect_audit 1 "gicd=breaks" gicd.dtb p.json

	edit t.dts noits.dtb -1 '\t\tmsi-controller@9040000 \{\n.*?\};\n' '' -1 '\t\tmsi-map = <[^>]*>;\n' ''
	# An ITS removed or added: what the guest reads changes under it, and its MSIs' route.
	expect_audit 1 "ITS=breaks|GICD_TYPER=breaks|GICR_TYPER=breaks|/pcie@3f000000 msi-map=breaks" p.json noits.dtb
	expect_audit 1 "ITS=breaks|GICD_TYPER=breaks|GICR_TYPER=breaks|/pcie@3f000000 msi-map=breaks" noits.dtb p.json

	edit t.dts itsmoved.dtb -1 'reg = <0x00 0x9040000 ' 'reg = <0x00 0x9080000 '
	expect_audit 1 "ITS=breaks" p.json itsmoved.dtb

	# Without a stride a GICv3 guest steps 128 KiB; 256 KiB is where it then looks,
	# and where hardware padding frames to the stride puts vCPU 1's frame.
	edit t.dts stride.dtb -1 '(\t\t#redistributor-regions = <0x01>;\n)' '\1\t\tredistributor-stride = <0x00 0x40000>;\n'
	expect_audit 1 "redistributor-stride=breaks|vCPU redistributors=breaks" p.json stride.dtb --gic-version 3
	expect_audit 1 "redistributor-stride=breaks|vCPU redistributors=breaks" stride.dtb p.json --gic-version 3

	edit t.dts rmoved.dtb -1 '0x00 0x8010000 0x00 0x100000>' '0x00 0x8110000 0x00 0x100000>'
	expect_audit 1 "redistributor region 0=breaks|vCPU redistributors=breaks" p.json rmoved.dtb

	# A reg cut to 4 frames: KVM's legacy REDIST still has all 8 from the base. NEW cut: the
	# old walk ends on Last inside the old reg. OLD cut: the new Last lies beyond the old reg.
	edit t.dts rcut.dtb -1 '0x00 0x8010000 0x00 0x100000>' '0x00 0x8010000 0x00 0x80000>'
	expect_audit 0 "redistributor region 0=compatible" p.json rcut.dtb
	expect_audit 1 "redistributor region 0=breaks" rcut.dtb p.json

	edit t.dts radded.dtb -1 '0x00 0x8010000 0x00 0x100000>' '0x00 0x8010000 0x00 0x100000 0x00 0x8200000 0x00 0x80000>' \
		-1 '#redistributor-regions = <0x01>' '#redistributor-regions = <0x02>'
	# (--gic-version 3: without it, only 256 KiB frames "fill" both regions: taken for GICv4.)
	expect_audit 0 "redistributor region 1=compatible" p.json radded.dtb --gic-version 3
	expect_audit 1 "redistributor region 1=breaks" radded.dtb p.json --gic-version 3

	edit t.dts cpus4.dtb -1 '\t\tcpu@4 \{.*?(\t\};\n\n\tpsci)' '\1'
	expect_audit 1 "vCPUs=breaks" p.json cpus4.dtb
	expect_audit 0 "vCPUs=compatible" cpus4.dtb p.json

	edit t.dts mpidr.dtb -1 '(\t\tcpu@3 \{\n.*?)reg = <0x03>;' '\1reg = <0x100>;'
	expect_audit 1 "vCPU MPIDRs=breaks|GICR_TYPER=breaks" p.json mpidr.dtb

	edit t.dts rambase.dtb -1 '(\tmemory@40000000 \{\n.*?)reg = <0x00 0x40000000 ' '\1reg = <0x00 0x80000000 '
	expect_audit 1 "memory=breaks" p.json rambase.dtb
	expect_rc 0 "plan --ram 2GiB" --cpus 8 --ram 2GiB --plan ram2.json
	expect_audit 1 "memory=breaks" p.json ram2.json

	edit t.dts uart.dtb -1 '(\tserial@9000000 \{\n.*?)reg = <0x00 0x9000000 ' '\1reg = <0x00 0x9070000 '
	expect_audit 1 "device /serial@9000000 reg=breaks" p.json uart.dtb
	expect_audit 1 "device /serial@9000000 reg=breaks" uart.dtb p.json

	edit t.dts rtcirq.dtb -1 '(\trtc@9010000 \{\n.*?)interrupts = <0x00 0x02 0x04>' '\1interrupts = <0x00 0x09 0x04>'
	expect_audit 1 "device /rtc@9010000 interrupts=breaks" p.json rtcirq.dtb
	edit t.dts rtcedge.dtb -1 '(\trtc@9010000 \{\n.*?)interrupts = <0x00 0x02 0x04>' '\1interrupts = <0x00 0x02 0x01>'
	expect_audit 1 "device /rtc@9010000 interrupts=breaks" p.json rtcedge.dtb

	edit t.dts nortc.dtb -1 '\trtc@9010000 \{\n.*?\};\n\n' ''
	expect_audit 1 "device /rtc@9010000=breaks" p.json nortc.dtb
	expect_audit 0 "device /rtc@9010000=compatible" nortc.dtb p.json

	# One more virtio-mmio transport, below the 32 others: they all stay where they are.
	edit t.dts virtio.dtb -1 '(\tvirtio_mmio@a000000 \{)' '\tvirtio_mmio@9ff0000 {\n\t\tcompatible = "virtio,mmio";\n\t\treg = <0x00 0x9ff0000 0x00 0x200>;\n\t\tinterrupts = <0x00 0x3c 0x01>;\n\t};\n\n\1'
	expect_audit 0 "device /virtio_mmio@9ff0000=compatible" p.json virtio.dtb
	expect_audit 1 "device /virtio_mmio@9ff0000=breaks" virtio.dtb p.json
	edit t.dts novirtio5.dtb -1 '\tvirtio_mmio@a000a00 \{\n.*?\};\n\n' ''
	expect_audit 1 "device /virtio_mmio@a000a00=breaks" p.json novirtio5.dtb

	edit t.dts pci.dtb -1 '(ranges = <[^>]*0x2000000 0x00 0x10000000 0x00 0x10000000 )0x00 0x2eff0000' '\g<1>0x00 0x1eff0000'
	expect_audit 1 "device /pcie@3f000000 PCI windows=breaks" p.json pci.dtb

	edit t.dts cpucompat.dtb -a 'compatible = "arm,armv8";' 'compatible = "arm,cortex-a72";'
	expect_audit 1 "cpu compatible=breaks" p.json cpucompat.dtb

	edit t.dts smc.dtb -1 'method = "hvc";' 'method = "smc";'
	expect_audit 1 "psci method=breaks" p.json smc.dtb

	edit t.dts maint.dtb -1 '(\t\t#redistributor-regions = <0x01>;\n)' '\1\t\tinterrupts = <0x01 0x09 0x04>;\n'
	expect_audit 1 "GIC maintenance interrupt=breaks" p.json maint.dtb
	expect_audit 1 "GIC maintenance interrupt=breaks" maint.dtb p.json

	# By planning with other options.
	expect_rc 0 "plan GICv4" --cpus 8 --gic-version 4 --plan v4.json
	# 256 KiB frames: vCPUs 1-7 move, and 8 of them no longer end inside the old reg.
	R="|GICD_PIDR2=breaks|GICD_TYPER=breaks|GICR_PIDR2=breaks|GICR_TYPER=breaks"
	expect_audit 1 "GIC version=breaks|redistributor region 0=breaks|vCPU redistributors=breaks$R" p.json v4.json
	expect_audit 1 "GIC version=breaks|redistributor region 0=compatible|vCPU redistributors=breaks$R" v4.json p.json
	expect_rc 0 "plan --spis 128" --cpus 8 --spis 128 --plan spis.json
	expect_audit 1 "SPIs (NR_IRQS)=breaks|GICD_TYPER=breaks" p.json spis.json
	expect_rc 0 "plan --no-its" --cpus 8 --no-its --plan noits.json
	expect_audit 1 "ITS=breaks|GICD_TYPER=breaks|GICR_TYPER=breaks|/pcie@3f000000 msi-map=breaks" p.json noits.json
	expect_audit 1 "ITS=breaks|GICD_TYPER=breaks|GICR_TYPER=breaks|/pcie@3f000000 msi-map=breaks" noits.json p.json
	expect_rc 0 "plan --virtualization" --cpus 8 --virtualization --out el2.dtb --plan el2.json
	dts el2.dtb
	psci=""
	[ "$(grep 'method =' "$T/work/t.dts")" = "$(grep 'method =' "$T/work/el2.dts")" ] ||
		psci="|psci method=breaks"
	expect_audit 1 "GIC maintenance interrupt=breaks$psci" p.json el2.json
	# An added ITS does not hide the maintenance interrupt added with it.
	expect_audit 1 "ITS=breaks|GICD_TYPER=breaks|GICR_TYPER=breaks|/pcie@3f000000 msi-map=breaks|GIC maintenance interrupt=breaks$psci" noits.json el2.json

	# More vCPUs planned anew: where reg is the populated frames, Last moves past the old
	# reg (breaks); where reg is the whole window (small.json's "moved"), only vCPUs differ.
	expect_rc 0 "plan 90" --cpus 90 --plan c90.json
	expect_rc 0 "plan 100" --cpus 100 --plan c100.json
	expect_audit 1 "vCPUs=compatible|redistributor region 0=breaks" c90.json c100.json
	expect_audit 1 "vCPUs=breaks|redistributor region 0=compatible" c100.json c90.json
	expect_rc 0 "small 200" --platform "$SRC/tests/layouts/good/small.json" --cpus 200 --plan s200.json
	expect_rc 0 "small 210" --platform "$SRC/tests/layouts/good/small.json" --cpus 210 --plan s210.json
	expect_audit 0 "vCPUs=compatible" s200.json s210.json
	expect_audit 1 "vCPUs=breaks" s210.json s200.json

	# A redistributor moved for some vCPUs, every region at its base: 900 + 600 vCPUs in two
	# populated regions; region 0 one frame shorter, region 1 one longer. A VMM fills them in
	# order: vCPU 899 goes to region 1's base, and region 1's 600 one frame up: 601 differ.
	expect_rc 0 "plan 900" --cpus 900 --plan a.json
	expect_rc 0 "plan 1500 --compat-with" --cpus 1500 --compat-with a.json --out b.dtb --plan b.json
	dts b.dtb
	r0=$(printf '0x%x' $((900 * 131072)))
	r0s=$(printf '0x%x' $((899 * 131072)))
	r1=$(printf '0x%x' $((600 * 131072)))
	r1l=$(printf '0x%x' $((601 * 131072)))
	edit b.dts split.dtb -1 "0x00 0x80a0000 0x00 $r0 0x80 0x00 0x00 $r1>" "0x00 0x80a0000 0x00 $r0s 0x80 0x00 0x00 $r1l>"
	expect_audit 1 "redistributor region 0=compatible|redistributor region 1=breaks|vCPU redistributors=breaks" b.json split.dtb
	run audit --format json b.json split.dtb
	python3 - "$T/out" "$(printf '0x%x' $((0x80a0000 + 899 * 131072)))" <<'EOF' >"$T/py.out" 2>&1 &&
import json, sys
d = [x for x in json.load(open(sys.argv[1]))["diffs"] if x["what"] == "vCPU redistributors"][0]
assert d["old"] == "vCPU 899: " + sys.argv[2], d
assert d["new"] == "0x8000000000 (601 vCPUs differ)", d
EOF
		pass || fail "vCPU 899 and 601 vCPUs: $(cat "$T/py.out")"
}

# ---- tier crossings: a plan across 127 -> 128 (and the others) -------------------------

section_crossing() {
	fresh
	cat >"$T/crossing.py" <<'EOF'
# The crossings of virt.json, computed from its windows; one line each:
# GIC_VERSION FROM_CPUS TO_CPUS FROM_PLACEMENT TO_PLACEMENT
import json, sys
from xlayout import capacity
d = json.load(open(sys.argv[1]))
for v, frame in ((3, 128 << 10), (4, 256 << 10)):
    caps = []
    for p in d["placements"]:
        caps.append(capacity(p, frame, d["ipa_bits"]))
    names = [p["name"] for p in d["placements"]]
    for k in range(1, len(caps)):
        assert caps[k] > caps[k - 1]
        print(v, caps[k - 1], caps[k - 1] + 1, names[k - 1], names[k])
EOF
	cat >"$T/crossing_want.py" <<'EOF'
# What audit OLD NEW must name across a crossing from placement A to B of virt.json:
# "what=verdict|...", device paths from OLD's tree (its DTS), found by their addresses.
import json, re, sys
layout, old_dts, a_name, b_name = sys.argv[1:5]
from xlayout import num, placed
d = json.load(open(layout))
pl = {p["name"]: p for p in d["placements"]}
A, B = pl[a_name], pl[b_name]
# Nodes under the root: path -> first reg base (2 address cells, 2 size cells).
nodes = {}
for name, body in re.findall(r"^\t([^\t\n]+) \{\n(.*?)^\t\};", open(old_dts).read(), re.M | re.S):
    m = re.search(r"^\t\treg = <0x([0-9a-f]+) 0x([0-9a-f]+) ", body, re.M)
    if m:
        nodes[(int(m.group(1), 16) << 32) | int(m.group(2), 16)] = "/" + name
want = {}
if num(A["gicd"]) != num(B["gicd"]):
    want["gicd"] = "breaks"
if "its" in A and ("its" not in B or num(A["its"]) != num(B["its"])):
    want["ITS"] = "breaks"
elif "its" in B and "its" not in A:
    want["ITS"] = "compatible"
if num(A["redist_regions"][0]["base"]) != num(B["redist_regions"][0]["base"]):
    want["redistributor region 0"] = "breaks"
    want["vCPU redistributors"] = "breaks"
want["vCPUs"] = "compatible"
for dev in d["devices"]:
    (ab, size), (bb, _) = placed(A, dev), placed(B, dev)
    if ab != bb:
        for i in range(dev.get("count", 1)):
            if ab + i * size in nodes:
                want["device %s reg" % nodes[ab + i * size]] = "breaks"
            else:
                assert i > 0, "no node of %s at %#x" % (dev["name"], ab)
    if any(placed(A, dev, w) != placed(B, dev, w) for w in ("mmio", "pio", "mmio_high") if w in dev):
        want["device %s PCI windows" % nodes[ab]] = "breaks"
print("|".join("%s=%s" % kv for kv in sorted(want.items())))
EOF
	python3 "$T/crossing.py" "$SRC/layouts/virt.json" >"$T/crossings" 2>"$T/py.err" ||
		fail "crossings of virt.json: $(cat "$T/py.err")"
	grep -q "^3 127 128 " "$T/crossings" && grep -q "^3 1019 1020 " "$T/crossings" && pass ||
		fail "virt.json's GICv3 crossings are not 127 -> 128 and 1019 -> 1020: $(cat "$T/crossings")"
	[ "$(wc -l <"$T/crossings" | tr -d ' ')" -eq 4 ] && pass ||
		fail "not two crossings per GIC version: $(cat "$T/crossings")"
	while read -r v from to a b; do
		expect_rc 0 "plan $from GICv$v" --cpus "$from" --gic-version "$v" --out old.dtb --plan old.json
		expect_rc 0 "plan $to GICv$v" --cpus "$to" --gic-version "$v" --plan new.json
		python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["tier"] == sys.argv[2]' \
			"$T/work/old.json" "$a" && python3 -c \
			'import json,sys; assert json.load(open(sys.argv[1]))["tier"] == sys.argv[2]' \
			"$T/work/new.json" "$b" && pass || fail "GICv$v $from/$to: not the tiers $a/$b"
		dts old.dtb
		spec=$(python3 "$T/crossing_want.py" "$SRC/layouts/virt.json" "$T/work/old.dts" "$a" "$b") ||
			fail "computing the crossing $a -> $b"
		echo "$spec" | grep -q "device /serial@[0-9a-f]* reg=breaks" && pass ||
			fail "GICv$v $from -> $to: the UART does not move? $spec"
		expect_audit 1 "$spec" old.json new.json
	done <"$T/crossings"
}

# ---- --compat-with ---------------------------------------------------------------------

section_compat() {
	fresh
	expect_rc 0 "plan 900" --cpus 900 --out a.dtb --plan a.json
	expect_rc 0 "--compat-with a.json" --cpus 1500 --compat-with a.json --out b.dtb --plan b.json \
		--format json
	python3 - "$T/out" "$T/work/a.json" "$T/work/b.json" <<'EOF' >"$T/py.out" 2>&1 &&
import json, sys
report, a, b = (json.load(open(f)) for f in sys.argv[1:])
assert report["audit"]["compatible"] is True, report["audit"]
assert {(x["what"], x["verdict"]) for x in report["audit"]["diffs"]} == {
    ("redistributor region 1", "compatible"), ("vCPUs", "compatible")}, report["audit"]
ra, rb = a["gic"]["redist_regions"], b["gic"]["redist_regions"]
assert len(rb) == len(ra) + 1, rb
for k in ("base", "first_cpu", "count"):
    assert rb[0][k] == ra[0][k], (k, ra[0], rb[0])
assert rb[1]["first_cpu"] == 900 and rb[1]["count"] == 600, rb[1]
assert b["request"]["cpus"] == 1500
# Everything else of a.json's map is where it was.
old = {r["name"]: r for r in a["regions"]}
for r in b["regions"]:
    if r["name"] in old and r["name"] != "redist0":
        assert r == old[r["name"]], (r, old[r["name"]])
assert set(old) <= {r["name"] for r in b["regions"]}
EOF
		pass || fail "--compat-with 900 -> 1500: $(cat "$T/py.out")"
	expect_rc 0 "verify b.json" verify b.json
	expect_rc 0 "verify b.dtb" verify b.dtb
	expect_audit 0 "redistributor region 1=compatible|vCPUs=compatible" a.json b.json
	expect_audit 0 "redistributor region 1=compatible|vCPUs=compatible" a.dtb b.dtb
	expect_audit 0 "" b.json b.dtb

	# Determinism: the same files, byte for byte.
	expect_rc 0 "--compat-with again" --cpus 1500 --compat-with a.json --out b2.dtb --plan b2.json
	cmp -s "$T/work/b.dtb" "$T/work/b2.dtb" && pass || fail "--compat-with: two runs, two DTBs"
	cmp -s "$T/work/b.json" "$T/work/b2.json" && pass || fail "--compat-with: two runs, two plans"
	# A tree as OLD: the platform reproduces it, and the new map is the same.
	expect_rc 0 "--compat-with a.dtb" --cpus 1500 --compat-with a.dtb --out bt.dtb
	cmp -s "$T/work/b.dtb" "$T/work/bt.dtb" && pass ||
		fail "--compat-with a.dtb and --compat-with a.json give other trees"
	expect_audit 0 "redistributor region 1=compatible|vCPUs=compatible" a.dtb bt.dtb

	# 127 -> 130: the legacy window is full; the 3 go into added regions.
	expect_rc 0 "plan 127" --cpus 127 --plan l.json
	expect_rc 0 "--compat-with l.json" --cpus 130 --compat-with l.json --plan l2.json --out l2.dtb
	expect_rc 0 "verify l2.dtb" verify l2.dtb
	spec=$(python3 -c '
import json, sys
rr = json.load(open(sys.argv[1]))["gic"]["redist_regions"]
assert len(rr) >= 2 and sum(r["count"] for r in rr) == 130, rr
print("|".join(["redistributor region %d=compatible" % i for i in range(1, len(rr))] + ["vCPUs=compatible"]))
' "$T/work/l2.json") && pass || fail "127 -> 130: $spec"
	expect_audit 0 "$spec" l.json l2.json

	# An ITS added to an OLD without one.
	expect_rc 0 "plan --no-its" --cpus 900 --no-its --plan n.json
	# An ITS added to an OLD without one breaks its guest (issue 11): refused, nothing written.
	expect_rc 1 "--its --compat-with n.json" --cpus 900 --its --compat-with n.json --plan ni.json
	[ ! -e ni.json ] && pass || fail "--its --compat-with n.json wrote ni.json"

	# Refusals: exit 3 naming the constraint, nothing written.
	expect_error 3 "GICv4" --cpus 1500 --gic-version 4 --compat-with a.json --out x.dtb --plan x.json
	expect_error 3 "900 vCPUs" --cpus 899 --compat-with a.json --out x.dtb --plan x.json
	expect_error 3 "SPI" --cpus 900 --spis 128 --compat-with a.json --out x.dtb --plan x.json
	expect_error 3 "RAM" --cpus 900 --ram 2GiB --compat-with a.json --out x.dtb --plan x.json
	expect_error 3 "EL2" --cpus 900 --virtualization --compat-with a.json --out x.dtb --plan x.json
	expect_error 3 "ITS" --cpus 900 --no-its --compat-with a.json --out x.dtb --plan x.json
	# b.json's region 1 starts at 512 GiB = 2^39.
	expect_error 3 "39-bit IPA" --cpus 1500 --ipa-bits 39 --compat-with b.json --out x.dtb
	expect_error 2 "'virt'" --cpus 900 --platform "$SRC/tests/layouts/good/small.json" \
		--compat-with a.json --out x.dtb
	expect_error 3 "does not reproduce" --cpus 16 --compat-with "$GOLDEN/virt-gicv3-smp8.dtb" \
		--out x.dtb
	expect_rc 0 "plan 1" --cpus 1 --plan one.json
	expect_error 3 "GICv4" --cpus 1 --gic-version 4 --compat-with one.json --out x.dtb
	# full.json's only window holds 3 redistributors and nothing else has room.
	expect_rc 0 "full 3" --platform "$SRC/tests/layouts/good/full.json" --cpus 3 --plan f.json
	expect_error 3 "no free window" --platform "$SRC/tests/layouts/good/full.json" --cpus 4 \
		--compat-with f.json --out x.dtb
	[ ! -e "$T/work/x.dtb" ] && [ ! -e "$T/work/x.json" ] && pass || fail "a refusal wrote a file"
}

# ---- tiers: crossings and what moves, from virt.json -----------------------------------

section_tiers() {
	fresh
	expect_rc 0 "tiers --format json" tiers --format json
	cp "$T/out" "$T/tiers.json"
	expect_rc 0 "tiers" tiers
	cp "$T/out" "$T/tiers.txt"
	python3 - "$SRC/layouts/virt.json" "$T/tiers.json" "$T/tiers.txt" <<'EOF' >"$T/py.out" 2>&1 &&
import json, re, sys
from xlayout import capacity, num, placed, window_bytes
d = json.load(open(sys.argv[1]))
def regions(p):
    """The named regions of placement p, as gicplan names them: (base, size)."""
    r = {"gicd": (num(p["gicd"]), 64 << 10)}
    if "its" in p:
        r["its"] = (num(p["its"]), 128 << 10)
    for i, w in enumerate(p["redist_regions"]):
        r["redist%d" % i] = (num(w["base"]), window_bytes(w, d["ipa_bits"]))
    for dev in d["devices"]:
        n = dev["name"]
        r[n] = (placed(p, dev)[0], num(dev["size"]) * dev.get("count", 1))
        for w in ("mmio", "pio", "mmio_high"):
            if w in dev:
                r[n + "." + w] = placed(p, dev, w)
    return r
want = {}
for v, frame in ((3, 128 << 10), (4, 256 << 10)):
    caps = [capacity(p, frame, d["ipa_bits"]) for p in d["placements"]]
    for k in range(1, len(caps)):
        a, b = regions(d["placements"][k - 1]), regions(d["placements"][k])
        moved = {n for n in a if a[n] != b.get(n)}
        want[(v, d["placements"][k]["name"])] = (caps[k - 1], caps[k - 1] + 1, moved)
assert (want[(3, "compact")][:2], want[(3, "high")][:2]) == ((127, 128), (1019, 1020)), want
assert "redist0" in want[(3, "compact")][2] and "uart" in want[(3, "compact")][2]
# JSON
t = json.load(open(sys.argv[2]))
seen = set()
for ver in t["gic_versions"]:
    for tier in ver["tiers"]:
        key = (ver["gic_version"], tier["name"])
        if key not in want:
            assert "crossing" not in tier, tier
            continue
        c = tier["crossing"]
        frm, to, moved = want[key]
        assert (c["from_cpus"], c["to_cpus"]) == (frm, to), (key, c)
        assert set(c["moves"].split(", ")) == moved, (key, c["moves"], sorted(moved))
        assert c["moved"] == len(moved) and c["breaks_migration"] is True, c
        seen.add(key)
assert seen == set(want), (seen, set(want))
# Text: "crossing A -> B vCPUs moves X, Y: breaks migration" under each GICv section.
ver, seen = None, set()
for line in open(sys.argv[3]):
    m = re.match(r"GICv(\d)", line)
    if m:
        ver = int(m.group(1))
    m = re.search(r"crossing (\d+) -> (\d+) vCPUs moves (.*): breaks migration", line)
    if m:
        hits = [k for k, w in want.items() if k[0] == ver and w[:2] == (int(m.group(1)), int(m.group(2)))]
        assert len(hits) == 1, (ver, line)
        assert set(m.group(3).split(", ")) == want[hits[0]][2], (line, sorted(want[hits[0]][2]))
        seen.add(hits[0])
assert seen == set(want), (seen, set(want))
EOF
		pass || fail "tiers: $(cat "$T/py.out")"
}

# ---- issue 11: QEMU's machine types, directions, status, what the guest reads ---------

cat >"$T/diff_field.py" <<'EOF'
# diff_field.py JSON WHAT FIELD TEXT: the difference WHAT has TEXT in FIELD ("breaks": the
# directions, comma-separated, exactly).
import json, sys
path, what, field, text = sys.argv[1:5]
d = [x for x in json.load(open(path))["diffs"] if x["what"] == what]
assert len(d) == 1, "%d differences %r" % (len(d), what)
if field == "breaks":
    assert ", ".join(d[0]["breaks"]) == text, d[0]["breaks"]
else:
    assert text in d[0][field], (field, d[0][field], text)
EOF

# expect_diff WHAT FIELD TEXT: the last expect_audit's difference WHAT has TEXT in FIELD.
expect_diff() {
	if python3 "$T/diff_field.py" "$T/audit.json" "$1" "$2" "$3" >"$T/py.out" 2>&1; then
		pass
	else
		fail "$1 $2: $(tail -1 "$T/py.out")"
	fi
}

section_qemu() {
	fresh
	for f in virt-6.1-gicv3-smp2 virt-6.2-gicv3-smp2 virt-6.2-gicv3-smp3; do
		cp "$FIXTURES/$f.dtb" "$T/work/" && pass || fail "$FIXTURES/$f.dtb is missing"
	done
	mv "$T/work/virt-6.1-gicv3-smp2.dtb" "$T/work/v61.dtb"
	mv "$T/work/virt-6.2-gicv3-smp2.dtb" "$T/work/v62.dtb"
	mv "$T/work/virt-6.2-gicv3-smp3.dtb" "$T/work/v62s3.dtb"
	# The fixtures are what QEMU 7.2 writes (when it is here): nothing a guest sees differs.
	if command -v qemu-system-aarch64 >/dev/null 2>&1; then
		for m in 6.1 6.2; do
			qemu-system-aarch64 -machine "virt-$m,gic-version=3,dtb-randomness=off,dumpdtb=$T/work/q$m.dtb" \
				-cpu cortex-a57 -smp 2 -m 1G -nic none -nographic >/dev/null 2>&1 ||
				fail "qemu-system-aarch64 -machine virt-$m does not dump its tree"
		done
		MODE=--identical
		expect_audit 0 "" q6.1.dtb v61.dtb
		expect_audit 0 "" q6.2.dtb v62.dtb
	fi

	# virt-6.1 -> virt-6.2: an ITS appears. What the guest reads changes under it
	# (measured on QEMU 7.2 TCG: GICD_TYPER 0x03780007 -> 0x037a0007, GICR_TYPER.PLPIS
	# 0 -> 1), the PCI host gains an msi-map and /cpus a cpu-map; phandles renumbered
	# (interrupt-parent, gpios, interrupt-map) are the same nodes, no difference.
	# QEMU's GIC also shows GICR_CTLR.CES only with LPIs (0 -> 2), each side's machine
	# type taken from whether it has an ITS (a tree does not record it).
	its="ITS=breaks|GICD_TYPER=breaks|GICR_TYPER=breaks|/pcie@10000000 msi-map=breaks|/cpus/cpu-map=breaks"
	qits="ITS=breaks|GICD_TYPER=breaks|GICR_CTLR=breaks|GICR_TYPER=breaks|/pcie@10000000 msi-map=breaks|/cpus/cpu-map=breaks"
	for MODE in "" --one-way --identical; do
		expect_audit 1 "$qits" v61.dtb v62.dtb --profile qemu
		expect_audit 1 "$qits" v62.dtb v61.dtb --profile qemu
	done
	MODE=""
	expect_audit 1 "$qits" v61.dtb v62.dtb --profile qemu
	expect_diff GICR_CTLR new "2 of 2 vCPUs differ"
	expect_diff ITS breaks "old->new, new->old"
	expect_diff ITS why "arm_gicv3_its"
	expect_diff GICD_TYPER old 0x3780007
	expect_diff GICD_TYPER new 0x37a0007
	expect_diff GICD_TYPER why gic_starting_cpu
	expect_diff GICR_TYPER new "2 of 2 vCPUs differ"
	expect_diff "/pcie@10000000 msi-map" new "&/intc@8000000/its@8080000"
	# Under KVM (vgic_mmio_read_v3_misc: vgic_has_its) LPIS turns on and IDbits becomes
	# 16 bits (INTERRUPT_ID_BITS_ITS: the field [23:19] reads 15).
	expect_audit 1 "$its" v61.dtb v62.dtb --profile kvm
	if python3 - "$T/audit.json" >"$T/py.out" 2>&1 <<'EOF'
import json, sys
d = [x for x in json.load(open(sys.argv[1]))["diffs"] if x["what"] == "GICD_TYPER"][0]
old, new = int(d["old"], 16), int(d["new"], 16)
LPIS, IDBITS = 1 << 17, lambda v: (v >> 19) & 0x1f
assert not old & LPIS and new & LPIS, (hex(old), hex(new))
assert IDBITS(new) == 15 and IDBITS(old) < 15, (IDBITS(old), IDBITS(new))
EOF
	then pass; else fail "KVM's GICD_TYPER: $(tail -1 "$T/py.out")"; fi

	# One more vCPU (-smp 2 -> -smp 3): QEMU 7.2 does not load the stream (its GIC state
	# is sized by the vCPU count); a VMM that restores each saved vCPU does, one way.
	MODE=""
	expect_audit 1 "vCPUs=breaks" v62.dtb v62s3.dtb
	expect_diff vCPUs why "strict rule"
	MODE=--one-way
	expect_audit 1 "vCPUs=breaks" v62.dtb v62s3.dtb
	expect_audit 1 "vCPUs=breaks" v62.dtb v62s3.dtb --vmm qemu
	expect_diff vCPUs why "--vmm qemu"
	expect_diff vCPUs breaks "old->new, new->old"
	expect_audit 0 "vCPUs=compatible" v62.dtb v62s3.dtb --vmm generic
	expect_diff vCPUs breaks "new->old"
	expect_diff vCPUs why "--vmm generic"
	expect_audit 1 "vCPUs=breaks" v62s3.dtb v62.dtb --vmm generic
	MODE="--vmm generic"
	expect_audit 1 "vCPUs=breaks" v62.dtb v62s3.dtb

	dts v62.dtb
	# status: a device switched off is gone; switched on, it is added (the running guest
	# never probed it, but NEW's state for it has nowhere to go back to); a node that was
	# disabled already and is deleted is no difference at all.
	edit v62.dts rtcoff.dtb -1 '(\tpl031@9010000 \{\n)' '\1\t\tstatus = "disabled";\n'
	edit v62.dts rtcgone.dtb -1 '\tpl031@9010000 \{\n.*?\};\n' ''
	for MODE in "" --one-way; do
		expect_audit 1 "device /pl031@9010000=breaks" v62.dtb rtcoff.dtb
		expect_diff "device /pl031@9010000" why "status"
	done
	MODE=""
	expect_audit 1 "device /pl031@9010000=breaks" rtcoff.dtb v62.dtb
	expect_diff "device /pl031@9010000" breaks "new->old"
	expect_diff "device /pl031@9010000" why "switched on"
	MODE=--one-way
	expect_audit 0 "device /pl031@9010000=compatible" rtcoff.dtb v62.dtb
	for MODE in "" --identical; do
		expect_audit 0 "" rtcoff.dtb rtcgone.dtb
		expect_audit 0 "" rtcgone.dtb rtcoff.dtb
	done
	# A node that is no device (no reg, no interrupts) switched off counts too.
	edit v62.dts keysoff.dtb -1 '(\tgpio-keys \{\n)' '\1\t\tstatus = "disabled";\n'
	MODE=""
	expect_audit 1 "node /gpio-keys=breaks" v62.dtb keysoff.dtb
	expect_diff "node /gpio-keys" why "unclassified"

	# msi-map: where a device's MSIs go (here: another msi-base).
	edit v62.dts msimap.dtb -1 '(msi-map = <0x00 0x[0-9a-f]+ )0x00 ' '\g<1>0x100 '
	expect_audit 1 "/pcie@10000000 msi-map=breaks" v62.dtb msimap.dtb
	expect_diff "/pcie@10000000 msi-map" new "0x100 0x10000"

	# PCI ranges: a window's CPU address is the device's PCI windows; its bus address alone
	# is the raw ranges, shown from where the two differ.
	edit v62.dts busaddr.dtb -1 '(ranges = <0x1000000 0x00 0x00 0x00 0x3eff0000 0x00 0x10000 0x2000000 0x00 )0x10000000' \
		'\g<1>0x20000000'
	expect_audit 1 "/pcie@10000000 ranges=breaks" v62.dtb busaddr.dtb
	expect_diff "/pcie@10000000 ranges" new "...0x20000000 "
	edit v62.dts cpuaddr.dtb \
		-1 '(ranges = <0x1000000 0x00 0x00 0x00 0x3eff0000 0x00 0x10000 0x2000000 0x00 0x10000000 0x00 )0x10000000' \
		'\g<1>0x11000000'
	expect_audit 1 "device /pcie@10000000 PCI windows=breaks" v62.dtb cpuaddr.dtb

	# Interrupt flags as Linux's GICv3 driver reads them: the GICv2 CPU mask (0xf00) is
	# masked off (IRQ_TYPE_SENSE_MASK), even for --identical; the trigger is not.
	edit v62.dts mask.dtb \
		-1 '(timer \{\n\t\tinterrupts = <)0x01 0x0d 0x04 0x01 0x0e 0x04 0x01 0x0b 0x04 0x01 0x0a 0x04>' \
		'\g<1>0x01 0x0d 0xf04 0x01 0x0e 0xf04 0x01 0x0b 0xf04 0x01 0x0a 0xf04>' \
		-1 '(pl011@9000000 \{\n(?:\t\t[^\n]*\n)*?\t\tinterrupts = <0x00 0x01 )0x04>' '\g<1>0xf04>'
	MODE=--identical
	expect_audit 0 "" v62.dtb mask.dtb
	edit v62.dts edge.dtb \
		-1 '(pl011@9000000 \{\n(?:\t\t[^\n]*\n)*?\t\tinterrupts = <0x00 0x01 )0x04>' '\g<1>0x01>'
	MODE=""
	expect_audit 1 "device /pl011@9000000 interrupts=breaks" v62.dtb edge.dtb

	# A device whose compatible changed: one difference, replaced.
	edit v62.dts pl030.dtb -1 '"arm,pl031\\0arm,primecell"' '"arm,pl030\\0arm,primecell"'
	expect_audit 1 "device /pl031@9010000=breaks" v62.dtb pl030.dtb
	expect_diff "device /pl031@9010000" why "replaced"
	expect_diff "device /pl031@9010000" new "arm,pl030"
	expect_diff "device /pl031@9010000" old "arm,pl031"

	# A property no rule knows breaks, and says so; /chosen is not ABI even for --identical;
	# aliases are read at boot only: compatible both ways, but a difference.
	edit v62.dts odd.dtb -1 '(\tpl011@9000000 \{\n)' '\1\t\tvendor,odd = <0x01>;\n'
	expect_audit 1 "/pl011@9000000 vendor,odd=breaks" v62.dtb odd.dtb
	expect_diff "/pl011@9000000 vendor,odd" why "unclassified"
	edit v62.dts boot.dtb -1 '(\tchosen \{\n)' \
		'\1\t\tbootargs = "console=ttyAMA0";\n\t\trng-seed = <0x01 0x02>;\n'
	MODE=--identical
	expect_audit 0 "" v62.dtb boot.dtb
	edit v62.dts alias.dtb -1 '(\tchosen \{\n)' '\taliases {\n\t\tserial0 = "/pl011@9000000";\n\t};\n\n\1'
	MODE=""
	expect_audit 0 "node /aliases=compatible" v62.dtb alias.dtb
	MODE=--identical
	expect_audit 1 "node /aliases=breaks" v62.dtb alias.dtb

	# The topology: the two vCPUs swap cores.
	edit v62.dts topo.dtb \
		-1 '(core0 \{\n\t+cpu = <)(0x[0-9a-f]+)(>;.*?core1 \{\n\t+cpu = <)(0x[0-9a-f]+)>' \
		'\g<1>\g<4>\g<3>\g<2>>'
	MODE=""
	expect_audit 1 "/cpus/cpu-map=breaks" v62.dtb topo.dtb
	expect_diff "/cpus/cpu-map" new "2 vCPUs moved"

	# A platform names its VMM's rule (migration_gic_state): tiers judges crossings by it.
	# adds-region's one crossing only adds vCPUs and a region: compatible one way when each
	# saved vCPU is restored (max-cpus, the default), broken when the count sizes the state.
	for rule in vcpu-count max-cpus bogus; do
		python3 -c 'import json, sys
d = json.load(open(sys.argv[1])); d["migration_gic_state"] = sys.argv[2]
json.dump(d, open(sys.argv[3], "w"))' "$SRC/tests/layouts/good/adds-region.json" "$rule" \
			"$T/work/$rule.json" && pass || fail "writing the $rule layout"
	done
	expect_error 2 "migration_gic_state" tiers --platform bogus.json
	expect_rc 0 "tiers, rule vcpu-count" tiers --platform vcpu-count.json --gic-version 3
	grep -q "crossing .*: breaks migration" "$T/out" && grep -q "rule vcpu-count" "$T/out" &&
		pass || fail "tiers under vcpu-count: the crossing does not break: $(cat "$T/out")"
	expect_rc 0 "tiers, rule max-cpus" tiers --platform max-cpus.json --gic-version 3
	grep -q "crossing .*: compatible" "$T/out" && pass ||
		fail "tiers under max-cpus: the crossing is not compatible: $(cat "$T/out")"

	# The modes are one at a time; --vmm takes qemu or generic.
	expect_error 2 "--one-way and --identical" audit --one-way --identical v62.dtb v62.dtb
	expect_error 2 "--vmm" audit --vmm kvm v62.dtb v62.dtb
	MODE="--one-way --vmm generic"
}

# ---- scale: 65536 vCPUs, every per-vCPU register compared in one pass, under a second -----

section_scale() {
	fresh
	expect_rc 0 "plan 65536" --cpus 65536 --out a.dtb
	expect_rc 0 "plan 65536 again" --cpus 65536 --out b.dtb
	if python3 - "$GICPLAN" "$T/work" >"$T/py.out" 2>&1 <<'EOF'
import json, resource, subprocess, sys
gicplan, work = sys.argv[1:3]
# CPU time, not wall time: the machine running the tests may be busy with others.
before = resource.getrusage(resource.RUSAGE_CHILDREN)
p = subprocess.run([gicplan, "audit", "--format", "json", "a.dtb", "b.dtb"], cwd=work,
                   capture_output=True, text=True)
after = resource.getrusage(resource.RUSAGE_CHILDREN)
took = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
assert p.returncode == 0, (p.returncode, p.stderr)
d = json.loads(p.stdout)
assert d["differences"] == 0, d["diffs"][:3]
# Each vCPU: MPIDR, redistributor, GICR_TYPER, CTLR, IIDR, PIDR2, ICC_CTLR_EL1, its cpu node.
assert d["compared"] >= 65536 * 7, d["compared"]
assert took < 1.0, "audit of two 65536-vCPU trees took %.2f s of CPU" % took
EOF
	then pass; else fail "65536 vCPUs: $(tail -1 "$T/py.out")"; fi
}

# ---- main ------------------------------------------------------------------------------

all="identical fixtures chosen order kinds crossing compat tiers qemu scale"
# shellcheck disable=SC2086 # the sections, one a word
[ $# -gt 0 ] || set -- $all
for s in "$@"; do
	case " $all " in
	*" $s "*) "section_$s" ;;
	*) echo "$0: unknown section $s" >&2; exit 2 ;;
	esac
done
echo "cli audit: $passes checks passed, $failures failed"
[ "$failures" -eq 0 ]
