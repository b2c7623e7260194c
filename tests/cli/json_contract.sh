#!/bin/sh
# SPDX-License-Identifier: MIT
# The report contract: every document gicplan prints with --format json validates against
# its schema in docs/schema/ (checked by python3-jsonschema, not by gicplan), says the
# result its exit code says, and is all that is on stdout; --format junit gives the counts
# the JSON report of the same run gives; text sizes are in one style.
#
#   tests/cli/json_contract.sh GICPLAN SOURCE_DIR [SECTION...]
#
# Sections (all by default): schemas plans verify audit errors junit sizes.
# Without a python3 that imports jsonschema the script exits 77 (skipped).
set -u

NAME=json-contract
. "$(dirname "$0")/lib.sh"

SCHEMAS=$SRC/docs/schema
FIXTURES="$SRC/tests/fixtures/qemu-7.2/virt-gicv3-smp8-norand.dtb $SRC/tests/fixtures/qemu-7.2/virt-gicv4-smp8.dtb
$SRC/tests/fixtures/qemu-7.2/virt-gicv3-smp124.dtb $SRC/tests/golden/qemu-7.2/virt-gicv3-smp512.dtb
$SRC/tests/golden/qemu-7.2/virt-gicv4-smp317.dtb"

# A python3 that has jsonschema: the first on PATH, else the system's (Debian's package).
JPY=""
for p in python3 /usr/bin/python3; do
	if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import jsonschema' 2>/dev/null; then
		JPY=$p
		break
	fi
done
if [ -z "$JPY" ]; then
	echo "json contract: no python3 with jsonschema (python3-jsonschema), skipped"
	exit 77
fi

# Documents to validate, one a line: SCHEMA <tab> EXIT CODE <tab> STDOUT FILE <tab> ARGS.
CASES=$T/cases
: >"$CASES"
ndoc=0

# doc SCHEMA RCS ARGS...: run gicplan; its exit code must be one of RCS ("0", "0|1"); its
# stdout and stderr are kept as a case for validate.
doc() {
	schema=$1
	rcs=$2
	shift 2
	ndoc=$((ndoc + 1))
	run "$@"
	cp "$T/out" "$T/doc$ndoc.out"
	cp "$T/err" "$T/doc$ndoc.err"
	case "|$rcs|" in
	*"|$rc|"*) pass ;;
	*) fail "gicplan $*: exit $rc, expected $rcs; stderr: $(cat "$T/err")" ;;
	esac
	printf '%s\t%s\t%s\t%s\n' "$schema" "$rc" "$T/doc$ndoc.out" "$*" >>"$CASES"
}

# doc_file SCHEMA FILE: a file gicplan wrote (a plan), validated as it is.
doc_file() {
	ndoc=$((ndoc + 1))
	: >"$T/doc$ndoc.err"
	printf '%s\t-\t%s\t%s\n' "$1" "$2" "$2" >>"$CASES"
}

# validate: every case against its schema, and what the schema cannot say: the result
# agrees with the exit code, an error's message is the stderr line, a report's sizes add up.
validate() {
	[ -s "$CASES" ] || return 0
	"$JPY" - "$SCHEMAS" "$CASES" >"$T/py.out" 2>&1 <<'EOF'
import json, sys
import jsonschema

schemas, cases = sys.argv[1], sys.argv[2]
results = {"pass": 0, "fail": 1, "compatible": 0, "incompatible": 1, "ok": 0,
           "error": 2, "no-placement": 3}
loaded = {}
bad = 0

def validator(name):
    if name not in loaded:
        s = json.load(open("%s/%s.schema.json" % (schemas, name)))
        jsonschema.Draft202012Validator.check_schema(s)
        loaded[name] = jsonschema.Draft202012Validator(s)
    return loaded[name]

def report_sizes(d):
    """A report's redistributor regions: window and described size, one meaning each."""
    frame = {3: 0x20000, 4: 0x40000}[d["gic_version"]]
    regions = {r["name"]: r for r in d["regions"]}
    first = 0
    for i, rr in enumerate(d["redist_regions"]):
        win, desc = int(rr["window_size"], 16), int(rr["described_size"], 16)
        reg = regions["redist%d" % i]
        assert reg["base"] == rr["base"], (reg, rr)
        assert int(reg["size"], 16) == win, "regions[].size is the window: %r %r" % (reg, rr)
        assert int(reg["end"], 16) == int(reg["base"], 16) + win, reg
        assert rr["count"] * frame <= desc <= win, rr
        assert rr["count"] <= rr["capacity"], rr
        assert rr["first_cpu"] == first, rr
        first += rr["count"]
    assert first == d["cpus"], (first, d["cpus"])

for line in open(cases):
    schema, rc, path, args = line.rstrip("\n").split("\t", 3)
    where = "gicplan %s (%s)" % (args, schema)
    try:
        text = open(path).read()
        d = json.loads(text)          # the whole of stdout: one document, nothing else
        errs = sorted(validator(schema).iter_errors(d), key=lambda e: list(e.path))
        assert not errs, "; ".join("%s: %s" % ("/".join(map(str, e.path)), e.message[:200])
                                   for e in errs[:3])
        if rc != "-":
            assert results[d["result"]] == int(rc), "result %s with exit %s" % (d["result"], rc)
        if schema == "error":
            err = open(path[:-len(".out")] + ".err").read().splitlines()
            assert len(err) == 1 and d["error"]["message"] in err[0], (err, d["error"])
            assert d["exit_code"] == int(rc), d
        if schema == "report":
            report_sizes(d)
        if schema in ("report", "verify"):
            fails = [c["name"] for c in d["checks"] if c["status"] == "fail"]
            assert (d["result"] == "fail") >= bool(fails), (d["result"], fails)
        if schema == "audit":
            breaking = sum(x["verdict"] == "breaks" for x in d["diffs"])
            assert breaking == d["breaking"] and len(d["diffs"]) == d["differences"], d
            assert d["compatible"] == (breaking == 0), d
        print("ok " + where)
    except Exception as e:
        bad += 1
        print("FAIL %s: %s: %s" % (where, type(e).__name__, e))
sys.exit(1 if bad else 0)
EOF
	if [ $? -eq 0 ]; then pass; else fail "documents against docs/schema: $(grep -v '^ok ' "$T/py.out")"; fi
	echo "json contract: $(grep -c '^ok ' "$T/py.out") documents valid"
	: >"$CASES"
}

# ---- the schemas themselves: valid, and they refuse what is wrong ---------------------

section_schemas() {
	fresh
	expect_rc 0 "plan" --cpus 8 --format json --plan p.json
	cp "$T/out" "$T/report.json"
	expect_rc 0 "verify" verify --format json p.json
	cp "$T/out" "$T/verify.json"
	expect_rc 0 "limits" limits --format json --platform firecracker
	cp "$T/out" "$T/limits.json"
	"$JPY" - "$SCHEMAS" "$T/report.json" "$T/work/p.json" "$T/verify.json" "$T/limits.json" \
		>"$T/py.out" 2>&1 <<'EOF'
import copy, glob, json, os, sys
import jsonschema

schemas = sys.argv[1]
names = sorted(os.path.basename(p)[:-len(".schema.json")] for p in glob.glob(schemas + "/*.schema.json"))
want = ["audit", "error", "limits", "plan", "platforms", "report", "tiers", "verify"]
assert names == want, names
V = {}
for n in names:
    s = json.load(open("%s/%s.schema.json" % (schemas, n)))
    jsonschema.Draft202012Validator.check_schema(s)
    assert s["$schema"] == "https://json-schema.org/draft/2020-12/schema", n
    V[n] = jsonschema.Draft202012Validator(s)

def broken(name, doc, what, edit):
    d = copy.deepcopy(doc)
    edit(d)
    assert not V[name].is_valid(d), "%s: %s still validates" % (name, what)

report, plan, verify = (json.load(open(p)) for p in sys.argv[2:5])
assert V["report"].is_valid(report) and V["plan"].is_valid(plan) and V["verify"].is_valid(verify)
for name, doc in (("report", report), ("verify", verify)):
    broken(name, doc, "no format", lambda d: d.pop("format"))
    broken(name, doc, "another format", lambda d: d.update(format="gicplan-plan"))
    broken(name, doc, "a newer format_version", lambda d: d.update(format_version=2))
    broken(name, doc, "a format_version string", lambda d: d.update(format_version="1"))
    broken(name, doc, "no generator", lambda d: d.pop("generator"))
    broken(name, doc, "an unknown result", lambda d: d.update(result="maybe"))
    broken(name, doc, "an unknown member", lambda d: d.update(extra=1))
    broken(name, doc, "a check status", lambda d: d["checks"][0].update(status="ok"))
    broken(name, doc, "a count as a string", lambda d: d["checks"][0].update(count="5"))
    broken(name, doc, "pass with a failed check",
           lambda d: d["checks"][1].update(status="fail"))
    broken(name, doc, "no coverage", lambda d: d.pop("verify"))
broken("report", report, "the old redist_regions[].size",
       lambda d: d["redist_regions"][0].update(size=d["redist_regions"][0].pop("described_size")))
broken("report", report, "no window_size", lambda d: d["redist_regions"][0].pop("window_size"))
broken("report", report, "a decimal base", lambda d: d["regions"][0].update(base="4096"))
broken("report", report, "a region without end", lambda d: d["regions"][0].pop("end"))
broken("report", report, "cpus 0", lambda d: d.update(cpus=0))
broken("plan", plan, "no format", lambda d: d.pop("format"))
broken("plan", plan, "a newer format_version", lambda d: d.update(format_version=2))
broken("plan", plan, "an unknown member", lambda d: d.update(extra=1))
broken("plan", plan, "GICv5", lambda d: d["gic"].update(version=5))
broken("plan", plan, "a region size", lambda d: d["gic"]["redist_regions"][0].update(window=1))
err = {"format": "gicplan-error", "format_version": 1, "generator": "gicplan 0.1.0",
       "result": "error", "exit_code": 2, "error": {"message": "x"}}
assert V["error"].is_valid(err)
broken("error", err, "exit 3 with result error", lambda d: d.update(exit_code=3))
broken("error", err, "exit 1", lambda d: d.update(exit_code=1, result="fail"))
broken("error", err, "an empty message", lambda d: d["error"].update(message=""))
broken("error", err, "no error", lambda d: d.pop("error"))
limits = json.load(open(sys.argv[5]))
assert V["limits"].is_valid(limits)
broken("limits", limits, "another format", lambda d: d.update(format="gicplan-tiers"))
broken("limits", limits, "no walls", lambda d: d.update(walls=[]))
broken("limits", limits, "a wall without source", lambda d: d["walls"][0].pop("source"))
broken("limits", limits, "an empty source path", lambda d: d["walls"][0]["source"].update(path=""))
broken("limits", limits, "met_at_cpus as a string",
       lambda d: d["walls"][0].update(met_at_cpus=str(d["walls"][0]["met_at_cpus"])))
broken("limits", limits, "an unknown imposer", lambda d: d["walls"][0].update(imposed_by="bios"))
broken("limits", limits, "met though it does not apply",
       lambda d: d["walls"][0].update(applies=False))
EOF
	if [ $? -eq 0 ]; then pass; else fail "schemas: $(cat "$T/py.out")"; fi
}

# ---- plans on every bundled platform, their plan files, tiers and platforms -----------

# The vCPU counts each chosen tier of tiers document FILE starts and ends at (capped):
# "VERSION CPUS" lines.
tier_points() {
	"$JPY" - "$1" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
for v in d["gic_versions"]:
    for t in v["tiers"]:
        if t["chosen"]:
            for n in sorted({t["min_cpus"], min(t["max_cpus"], 4096)}):
                print(v["gic_version"], n)
EOF
}

section_plans() {
	fresh
	doc platforms 0 platforms --format json
	for layout in "$SRC"/layouts/*.json; do
		p=$(basename "$layout" .json)
		doc tiers 0 tiers --platform "$p" --format json
		tier_points "$T/out" >"$T/points" || { fail "$p: tiers"; continue; }
		[ -s "$T/points" ] && pass || fail "$p: no chosen tier"
		while read -r v n; do
			f=$p-v$v-$n.json
			# GICv4 only with EL2 on some platforms (qemu-virt): ask for it. A plan
			# may fail its proof (exit 1, result fail): the document is still checked.
			[ "$v" -eq 4 ] && virt=--virtualization || virt=--no-virtualization
			doc report "0|1" --platform "$p" --gic-version "$v" $virt --cpus "$n" \
				--format json --plan "$f"
			[ "$rc" -eq 0 ] || continue
			doc_file plan "$T/work/$f"
			doc verify 0 verify --format json "$f"
		done <"$T/points"
	done
	doc tiers 0 tiers --platform "$SRC/tests/layouts/good/capped.json" --format json
	for layout in "$SRC"/layouts/*.json "$SRC/tests/layouts/good/capped.json"; do
		doc limits 0 limits --platform "$layout" --format json
	done
	doc limits 0 limits --platform qemu-virt --gic-version 4 --no-its --ipa-bits 44 --format json
	doc error 2 limits --platform firecracker --gic-version 4 --format json
	# A plan that keeps an old one's ABI: the report carries the audit.
	doc report 0 --cpus 4 --plan old.json --format json
	doc report 0 --cpus 100 --compat-with old.json --format json
	# A plan that fails its proof: result fail, exit 1 (GICv4 under KVM's VGIC).
	doc report 1 --cpus 8 --gic-version 4 --profile kvm --format json
	validate
}

# ---- verify of QEMU's trees and of plans ---------------------------------------------

section_verify() {
	fresh
	for f in $FIXTURES; do
		doc verify 0 verify --format json "$f"
		doc verify 0 verify --format json --profile qemu --exhaustive "$f"
		# QEMU's node names are warnings: --strict fails them.
		doc verify 1 verify --format json --strict "$f"
	done
	expect_rc 0 "plan" --cpus 300 --plan p300.json
	doc verify 0 verify --format json --profile kvm p300.json
	validate
}

# ---- audit pairs --------------------------------------------------------------------

section_audit() {
	fresh
	set -- $FIXTURES
	doc audit 0 audit --format json "$1" "$1"
	doc audit 1 audit --format json "$1" "$2"
	doc audit 0 audit --format json --gic-version 3 "$3" "$3"
	expect_rc 0 "plan 8" --cpus 8 --plan p8.json
	expect_rc 0 "plan 100" --cpus 100 --plan p100.json
	expect_rc 0 "plan 200" --cpus 200 --plan p200.json
	doc audit 0 audit --format json p8.json p8.json
	doc audit 1 audit --format json p100.json p200.json
	validate
}

# ---- errors: exit 2 and 3 with --format json -----------------------------------------

section_errors() {
	fresh
	expect_rc 0 "plan" --cpus 8 --plan p.json
	edit() {
		"$JPY" -c 'import json, sys
d = json.load(open(sys.argv[1])); exec(sys.argv[3]); json.dump(d, open(sys.argv[2], "w"))' \
			"$T/work/p.json" "$T/work/$1" "$2"
	}
	edit newer.json 'd["format_version"] = 2'
	edit other.json 'd["format"] = "gicplan-report"'
	edit nogen.json 'del d["generator"]'
	doc error 2 --cpus 0 --format json
	doc error 2 --format json --cpus 0
	doc error 2 --cpus 4 --format=json --bogus
	doc error 2 --format json --cpus 4 --spis 33
	doc error 2 bogus-command --format json
	doc error 2 --format json
	doc error 2 verify --format json
	doc error 2 verify --format json missing.dtb
	doc error 2 verify --format json newer.json
	grep -q 'format_version' "$T/err" && grep -q 'newer' "$T/err" && pass ||
		fail "a newer format_version: not named: $(cat "$T/err")"
	doc error 2 audit --format json other.json p.json
	grep -q '\$\.format' "$T/err" && pass || fail "a wrong format: no JSON path: $(cat "$T/err")"
	doc error 2 tiers --format json --platform no-such-platform
	doc error 2 platforms --format json extra
	doc error 2 --cpus 8 --format json --compat-with missing.json
	doc error 3 --cpus 100000 --platform firecracker --format json
	doc error 3 --cpus 600 --platform qemu-virt --format json
	doc error 3 --cpus 4000000 --gic-version 3 --ipa-bits 32 --format json
	# A plan file without generator (it is optional) is still read.
	expect_rc 0 "a plan without generator" verify nogen.json
	# Text errors keep stdout empty, and so do errors when stdout carries the tree or plan.
	run --cpus 0
	[ "$rc" -eq 2 ] && [ ! -s "$T/out" ] && pass || fail "a text error wrote to stdout"
	run --cpus 100000 --platform firecracker --format json --out -
	[ "$rc" -eq 3 ] && [ ! -s "$T/out" ] && pass || fail "an error with --out - wrote to stdout"
	validate
}

# ---- JUnit: XML that parses, with the counts of the JSON report -----------------------

# junit_vs_json ARGS...: the same run in JUnit and in JSON, compared.
junit_vs_json() {
	run "$@" --format junit
	cp "$T/out" "$T/junit.xml"
	jrc=$rc
	run "$@" --format json
	cp "$T/out" "$T/report.json"
	[ "$jrc" -eq "$rc" ] && pass || fail "gicplan $*: junit exit $jrc, json exit $rc"
	"$JPY" - "$T/junit.xml" "$T/report.json" "$*" >"$T/py.out" 2>&1 <<'EOF'
import json, sys
import xml.etree.ElementTree as ET

root = ET.parse(sys.argv[1]).getroot()
d = json.load(open(sys.argv[2]))
strict = "--strict" in sys.argv[3].split()
assert root.tag == "testsuites", root.tag

def counted(node):
    cases = node.iter("testcase")
    n = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for c in cases:
        n["tests"] += 1
        n["failures"] += c.find("failure") is not None
        n["errors"] += c.find("error") is not None
        n["skipped"] += c.find("skipped") is not None
    return n

# The attributes say what the elements are, for the whole and for each suite.
for node in [root] + root.findall("testsuite"):
    n = counted(node)
    for k, v in n.items():
        assert int(node.get(k)) == v, "%s %s=%s, counted %d" % (node.get("name"), k, node.get(k), v)
suites = {s.get("name"): s for s in root.findall("testsuite")}
for name, s in suites.items():
    for c in s.iter("testcase"):
        assert c.get("classname") == name, (name, c.attrib)
if d["format"] == "gicplan-audit":
    s = suites["gicplan.audit"]
    cases = s.findall("testcase")
    assert [c.get("name") for c in cases] == [x["what"] for x in d["diffs"]], "audit names"
    assert int(s.get("tests")) == d["differences"] and int(s.get("failures")) == d["breaking"], d
else:
    s = suites["gicplan.verify"]
    checks = d["checks"]
    cases = s.findall("testcase")
    assert [c.get("name") for c in cases] == [c["name"] for c in checks], "check names"
    status = [c["status"] for c in checks]
    fails = status.count("fail") + (status.count("warn") if strict else 0)
    assert int(s.get("failures")) == fails, (s.attrib, status)
    assert int(s.get("skipped")) == status.count("skip"), (s.attrib, status)
    for c, k in zip(cases, checks):
        f = c.find("failure")
        if k["status"] == "fail":
            assert f is not None and f.get("message") == k.get("detail", ""), (c.attrib, k)
        if k["status"] == "warn" and not strict:
            assert f is None and "warning: " + k["detail"] in c.find("system-out").text, k
    if d["format"] == "gicplan-report":
        assert "gicplan.plan" in suites, suites
        if "audit" in d:
            a = suites["gicplan.audit"]
            assert int(a.get("failures")) == sum(x["verdict"] == "breaks" for x in d["audit"]["diffs"])
EOF
	if [ $? -eq 0 ]; then pass; else fail "gicplan $* --format junit: $(cat "$T/py.out")"; fi
}

section_junit() {
	fresh
	set -- $FIXTURES
	junit_vs_json verify "$1"
	junit_vs_json verify --strict "$1"
	junit_vs_json verify "$2"
	junit_vs_json --cpus 8
	junit_vs_json --cpus 8 --gic-version 4 --profile kvm
	junit_vs_json audit "$1" "$2"
	junit_vs_json audit "$1" "$1"
	expect_rc 0 "plan" --cpus 8 --plan p8.json
	junit_vs_json --cpus 100 --compat-with p8.json
	# Markup in a file name and in messages is escaped: the name comes back as it was.
	weird='a<b&c"d'"'"'e>.dtb'
	cp "$1" "$T/work/$weird"
	run verify --format junit --strict "$weird"
	"$JPY" - "$T/out" "$weird" >"$T/py.out" 2>&1 <<'EOF'
import sys
import xml.etree.ElementTree as ET
s = ET.parse(sys.argv[1]).getroot().find("testsuite")
files = [p.get("value") for p in s.iter("property") if p.get("name") == "file"]
assert files == [sys.argv[2]], files
assert any("'" in f.get("message") for f in s.iter("failure")), "the warning's quote"
EOF
	if [ $? -eq 0 ]; then pass; else fail "escaping: $(cat "$T/py.out")"; fi
	# Errors: one <error> case, on stdout only the XML.
	for args in "verify --format junit missing<&>.dtb" "--cpus 100000 --platform firecracker --format junit" \
		"tiers --format junit"; do
		# shellcheck disable=SC2086
		run $args
		"$JPY" - "$T/out" "$rc" <<'EOF' >"$T/py.out" 2>&1
import sys
import xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.get("errors") == "1" and root.get("tests") == "1", root.attrib
props = {p.get("name"): p.get("value") for p in root.iter("property")}
assert props["exit_code"] == sys.argv[2] in ("2", "3"), (props, sys.argv[2])
assert root.find("testsuite/testcase/error").get("message"), "no message"
EOF
		if [ $? -eq 0 ]; then pass; else fail "gicplan $args: $(cat "$T/py.out")"; fi
	done
}

# ---- sizes: one style in text, the exact hex beside it in the table -------------------

section_sizes() {
	fresh
	for args in "--cpus 200" "--cpus 8 --platform firecracker" "--cpus 2000 --gic-version 4" \
		"--cpus 100 --platform kvmtool --ram 1536MiB"; do
		# shellcheck disable=SC2086
		expect_rc 0 "text" $args
		cp "$T/out" "$T/report.txt"
		# shellcheck disable=SC2086
		expect_rc 0 "json" $args --format json
		"$JPY" - "$T/report.txt" "$T/out" <<'EOF' >"$T/py.out" 2>&1
import json, re, sys
text = open(sys.argv[1]).read()
d = json.load(open(sys.argv[2]))
units = {"B": 1, "KiB": 1 << 10, "MiB": 1 << 20, "GiB": 1 << 30, "TiB": 1 << 40}

def human_ok(h, v):
    """h is v for people: whole units, else one decimal, the largest unit that fits."""
    m = re.fullmatch(r"(\d+)(?:\.(\d))? (B|KiB|MiB|GiB|TiB)", h)
    assert m, "not a size: %r" % h
    u = units[m.group(3)]
    assert v >= u and (v < u * 1024 or u == units["TiB"]), "%r for %d: not the largest unit" % (h, v)
    if v % u == 0:
        assert m.group(2) is None and int(m.group(1)) == v // u, (h, v)
    else:
        assert m.group(2) is not None and abs(float(m.group(1) + "." + m.group(2)) - v / u) <= 0.05 + 1e-9, (h, v)

assert " bytes" not in text, "a size in bytes"
for h in re.findall(r"\b(\d+(?:\.\d)? (?:B|KiB|MiB|GiB|TiB))\b", text):
    n = float(h.split()[0])
    assert n < 1024 or h.endswith("TiB"), "%r: not the largest unit" % h
lines = text.split("\n")
head = [i for i, l in enumerate(lines) if l.split()[:5] == ["REGION", "BASE", "END", "SIZE", "DESCRIBED"]]
assert len(head) == 1, "no region table header"
rows = {}
for l in lines[head[0] + 1:]:
    if not l.strip():
        break
    m = re.fullmatch(r"(\S+) +(0x[0-9a-f]+) +(0x[0-9a-f]+) +(0x[0-9a-f]+) \(([^)]+)\)(?: +(0x[0-9a-f]+) \(([^)]+)\))?", l)
    assert m, "a table row: %r" % l
    name, base, end, size = m.group(1), int(m.group(2), 16), int(m.group(3), 16), int(m.group(4), 16)
    assert base + size == end, l
    human_ok(m.group(5), size)
    if m.group(6):
        human_ok(m.group(7), int(m.group(6), 16))
    rows[name] = (base, size, int(m.group(6), 16) if m.group(6) else None)
assert sorted(rows) == sorted(r["name"] for r in d["regions"]), (sorted(rows), d["regions"])
for r in d["regions"]:
    assert rows[r["name"]][:2] == (int(r["base"], 16), int(r["size"], 16)), r
for i, rr in enumerate(d["redist_regions"]):
    assert rows["redist%d" % i][1:] == (int(rr["window_size"], 16), int(rr["described_size"], 16)), rr
for name, (b, s, described) in rows.items():
    assert described is None or name.startswith("redist"), name
EOF
		if [ $? -eq 0 ]; then pass; else fail "sizes of gicplan $args: $(cat "$T/py.out")"; fi
	done
}

[ $# -gt 0 ] || set -- schemas plans verify audit errors junit sizes
for section in "$@"; do
	case $section in
	schemas | plans | verify | audit | errors | junit | sizes) "section_$section" ;;
	*) echo "$0: unknown section $section" >&2; exit 2 ;;
	esac
done

echo "json contract: $passes passed, $failures failed"
[ "$failures" -eq 0 ] || exit 1
exit 0
