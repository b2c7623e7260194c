#!/bin/sh
# SPDX-License-Identifier: MIT
# Run `gicplan verify` (default options) over every board tree with an
# arm,gic-v3 node that Debian's Linux 6.1 arm64 kernel package ships, and
# print a summary: exit codes counted, then the most frequent failure classes
# (check and message, with paths and numbers blanked) and warning classes.
#
# usage: scripts/boards.sh [--gicplan PATH] [--package NAME] [--list] [DIR]
#   DIR        where the package is downloaded and unpacked (default
#              ${XDG_CACHE_HOME:-~/.cache}/gicplan/boards); a .deb already in
#              it is used as it is
#   --package  the binary package (default: the newest
#              linux-image-6.1.0-*-arm64-unsigned apt-cache knows)
#   --list     also print each tree's exit code and first failure
# Needs apt-get (with arm64 as a foreign architecture when downloading),
# dpkg-deb and dtc.
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
	-h|--help) sed -n '3,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
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
# Blank what differs between trees of one class: node paths, numbers.
classify() {
	sed -E 's#/[^ :)]*#PATH#g; s/0x[0-9a-fA-F]+/@HEX@/g; s/[0-9]+/#/g; s/@HEX@/0x#/g'
}

all=0
: >"$work/codes"
: >"$work/fails"
: >"$work/warns"
find "$tree" -name '*.dtb' | sort >"$work/dtbs"
while read -r dtb; do
	dtc -I dtb -O dts "$dtb" 2>/dev/null | grep -q '"arm,gic-v3"' || continue
	all=$((all + 1))
	rc=0
	"$gicplan" verify "$dtb" >"$work/out" 2>"$work/err" || rc=$?
	echo "$rc" >>"$work/codes"
	name=${dtb#"$tree"/usr/lib/}
	case "$rc" in
	0|1)
		grep -E '^  fail ' "$work/out" | sed -E 's/^  fail +([a-z0-9-]+) +[0-9]+  /\1: /' |
			tee -a "$work/fails" | head -n 1 >"$work/first" || true
		grep -E '^  warn ' "$work/out" |
			sed -E 's/^  warn +([a-z0-9-]+) +[0-9]+  /\1: /' >>"$work/warns" || true
		;;
	*)
		sed -n '1p' "$work/err" | sed "s#^gicplan: $dtb: #exit $rc: #" |
			tee -a "$work/fails" >"$work/first"
		;;
	esac
	[ "$list" = 0 ] || printf '%s %s %s\n' "$rc" "$name" "$(cat "$work/first")"
done <"$work/dtbs"

echo "$(basename "$deb"): $(wc -l <"$work/dtbs") trees, $all with an arm,gic-v3 node"
for rc in 0 1 2 3; do
	printf 'exit %s: %s\n' "$rc" "$(grep -cx "$rc" "$work/codes" || true)"
done
echo "most frequent failures (trees may count more than once):"
classify <"$work/fails" | sort | uniq -c | sort -rn | head -n 15
echo "most frequent warnings:"
classify <"$work/warns" | sort | uniq -c | sort -rn | head -n 10
