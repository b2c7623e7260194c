#!/bin/sh
# SPDX-License-Identifier: MIT
# Run `gicplan verify` (default options) over every board tree with an
# arm,gic-v3 node that Debian's Linux 6.1 arm64 kernel package ships, and
# print a summary: exit codes counted, then every failure class and the most
# frequent warning classes (check and message, with paths and numbers
# blanked), from every offender each tree's JSON report lists.
#
# usage: scripts/boards.sh [--gicplan PATH] [--package NAME] [--list] [DIR]
#   DIR        where the package is downloaded and unpacked (default
#              ${XDG_CACHE_HOME:-~/.cache}/gicplan/boards); a .deb already in
#              it is used as it is
#   --package  the binary package (default: the newest
#              linux-image-6.1.0-*-arm64-unsigned apt-cache knows)
#   --list     also print each tree's exit code and first failure
# Needs apt-get (with arm64 as a foreign architecture when downloading),
# dpkg-deb, dtc and python3.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
gicplan=$root/build/gicplan
package=
list=0
dir=${XDG_CACHE_HOME:-$HOME/.cache}/gicplan/boards
while [ $# -gt 0 ]; do
	case "$1" in
	--gicplan) gicplan=$2; shift 2 ;;
	--package) package=$2; shift 2 ;;
	--list) list=1; shift ;;
	-h|--help) sed -n '3,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	-*) echo "boards.sh: unknown option $1" >&2; exit 2 ;;
	*) dir=$1; shift ;;
	esac
done
[ -x "$gicplan" ] || { echo "boards.sh: $gicplan: not built (cmake --build build)" >&2; exit 2; }
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

deb=$(ls "$dir"/linux-image-6.1.0-*-arm64*.deb 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$deb" ]; then
	if [ -z "$package" ]; then
		package=$(apt-cache search --names-only '^linux-image-6\.1\.0-[0-9]+-arm64-unsigned$' |
			  cut -d' ' -f1 | sort -V | tail -n 1)
	fi
	if [ -z "$package" ]; then
		echo "boards.sh: apt-cache knows no linux-image-6.1.0-*-arm64-unsigned: run" \
		     "dpkg --add-architecture arm64 && apt-get update" >&2
		exit 2
	fi
	(cd "$dir" && apt-get download "$package" >&2)
	deb=$(ls "$dir"/"$package"_*.deb | tail -n 1)
fi
tree=$dir/$(basename "$deb" .deb)
if [ ! -d "$tree" ]; then
	dpkg-deb -x "$deb" "$tree.part"
	mv "$tree.part" "$tree"
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/json"
all=0
find "$tree" -name '*.dtb' | sort >"$work/dtbs"
while read -r dtb; do
	dtc -I dtb -O dts "$dtb" 2>/dev/null | grep -q '"arm,gic-v3"' || continue
	all=$((all + 1))
	rc=0
	"$gicplan" verify --format json "$dtb" >"$work/json/$all.json" 2>"$work/json/$all.err" || rc=$?
	printf '%s\t%s\t%s\n' "$all" "$rc" "${dtb#"$tree"/usr/lib/}" >>"$work/index"
done <"$work/dtbs"

echo "$(basename "$deb"): $(wc -l <"$work/dtbs") trees, $all with an arm,gic-v3 node"
# Every offender of every tree (JSON lists them all), classed by check and message
# with node paths and numbers blanked; a tree counts once per class.
python3 - "$work" "$list" <<'PY'
import collections, json, re, sys

work, listing = sys.argv[1], sys.argv[2] == "1"
def blank(text):
    text = re.sub(r"/[^ :)]*", "PATH", text)
    text = re.sub(r"0x[0-9a-fA-F]+", "@HEX@", text)
    return re.sub(r"[0-9]+", "#", text).replace("@HEX@", "0x#")
codes = collections.Counter()
classes = {"fail": collections.Counter(), "warn": collections.Counter()}
for line in open(work + "/index"):
    n, rc, name = line.rstrip("\n").split("\t")
    codes[rc] += 1
    first = ""
    if rc in ("0", "1"):
        report = json.load(open("%s/json/%s.json" % (work, n)))
        seen = set()
        for check in report["checks"]:
            for o in check.get("offenders", []):
                key = (o["status"], check["name"] + ": " + blank(o["detail"]))
                if o["status"] == "fail" and not first:
                    first = check["name"] + ": " + o["detail"]
                if key not in seen:
                    seen.add(key)
                    classes[o["status"]][key[1]] += 1
    else:
        err = open("%s/json/%s.err" % (work, n)).read().splitlines()
        first = "exit %s: %s" % (rc, err[0] if err else "")
        classes["fail"][blank(first)] += 1
    if listing:
        print(rc, name, first)
for rc in "0123":
    print("exit %s: %d" % (rc, codes[rc]))
for status, title, top in (("fail", "failure classes (trees in each)", 30),
                           ("warn", "warning classes (trees in each)", 15)):
    print("%s:" % title)
    for text, count in classes[status].most_common(top):
        print("%7d %s" % (count, text))
PY
