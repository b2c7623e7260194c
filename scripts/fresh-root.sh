#!/bin/sh
# SPDX-License-Identifier: MIT
# Prove README.md's "Two commands" on a pristine Debian: build a minimal
# bookworm root with debootstrap, put the committed tree (git archive HEAD: no
# build directories, no uncommitted edits) in it, and run the two commands
# exactly as the README gives them (read from README.md, so the two cannot
# drift apart), as root inside the chroot, from the top of the tree. The root
# is removed at the end, whatever happened.
#
#   scripts/fresh-root.sh [--keep] [--tarball FILE] [--mirror URL]
#
#   --keep          leave the root in place afterwards, for a look inside
#                   (its mounts are still undone); the path is printed
#   --tarball FILE  reuse the packages debootstrap downloaded last time: make
#                   FILE (debootstrap --make-tarball) if it does not exist,
#                   then unpack the root from it. Without it (CI), every run
#                   downloads a fresh root.
#   --mirror URL    the Debian archive (default: http://deb.debian.org/debian)
#
# Needs root (debootstrap, mount, chroot): it runs itself again under sudo when
# sudo is there. Installs debootstrap on the host when missing. Exit 0 both
# commands passed, 1 one failed (named), 2 usage or setup error.
set -eu

say() { echo "fresh-root: $*" >&2; }
die() { say "$*"; exit 2; }

if [ "$(id -u)" -ne 0 ]; then
	command -v sudo >/dev/null 2>&1 ||
		die "needs root (debootstrap, mount, chroot): run it as root"
	exec sudo "$0" "$@"
fi

SUITE=bookworm
mirror=http://deb.debian.org/debian
keep=0
tarball=""
usage="usage: scripts/fresh-root.sh [--keep] [--tarball FILE] [--mirror URL]"
while [ $# -gt 0 ]; do
	case $1 in
	--keep) keep=1 ;;
	--tarball) [ $# -ge 2 ] || { echo "$usage" >&2; exit 2; }; tarball=$2; shift ;;
	--mirror) [ $# -ge 2 ] || { echo "$usage" >&2; exit 2; }; mirror=$2; shift ;;
	*) echo "$usage" >&2; exit 2 ;;
	esac
	shift
done
case $tarball in "" | /*) ;; *) tarball=$(pwd)/$tarball ;; esac
cd "$(dirname "$0")/.."

tree=$(pwd)
if ! git -C "$tree" rev-parse HEAD >/dev/null 2>&1; then
	die "$tree is not a git checkout: it tests the committed tree (git archive HEAD)"
fi

# The two commands, from the README: the ```sh blocks of its "## Two commands" section.
cmds=$(mktemp -d "${TMPDIR:-/tmp}/gicplan-fresh-cmds.XXXXXX")
awk -v dir="$cmds" '
	/^## / { in_section = ($0 == "## Two commands") }
	in_section && /^```sh$/ { n++; block = 1; next }
	block && /^```$/ { block = 0; next }
	block { print >> (dir "/" n) }
	END { print n + 0 > (dir "/count") }' README.md
count=$(cat "$cmds/count")
[ "$count" -eq 2 ] || {
	rm -rf "$cmds"
	die "README.md: the \"## Two commands\" section has $count sh blocks, not 2"
}
cmd1=$(cat "$cmds/1")
cmd2=$(cat "$cmds/2")
rm -rf "$cmds"

if ! command -v debootstrap >/dev/null 2>&1; then
	say "installing debootstrap on this host"
	env DEBIAN_FRONTEND=noninteractive apt-get -q update >&2
	env DEBIAN_FRONTEND=noninteractive apt-get -q install -y --no-install-recommends \
		debootstrap >&2
fi

root=$(mktemp -d /var/tmp/gicplan-fresh-root.XXXXXX)
chmod 755 "$root"   # it is / inside: mktemp's 700 would lock every other user out
checkout=/root/gicplan   # where the tree is, inside the root

# Every mount under the root, deepest first.
mounts_under_root() {
	awk -v r="$root" '$2 == r || index($2, r "/") == 1 { print $2 }' /proc/self/mounts |
		sort -r
}

# Undo everything: stop what still runs inside the root, unmount what is mounted
# under it, and only when nothing is mounted there any more delete it (rm never
# crosses into a mounted /dev, /proc or /sys; --one-file-system as a second guard).
cleanup() {
	status=$?
	trap - EXIT INT TERM HUP
	for p in /proc/[0-9]*; do
		[ "$(readlink "$p/root" 2>/dev/null)" = "$root" ] && kill -9 "${p#/proc/}" 2>/dev/null
	done
	for m in $(mounts_under_root); do
		umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
	done
	if [ -n "$(mounts_under_root)" ]; then
		say "still mounted under $root, left in place: $(mounts_under_root | tr '\n' ' ')"
		[ "$status" -ne 0 ] || status=2
	elif [ "$keep" -eq 1 ]; then
		say "kept the root: $root (remove with rm -rf --one-file-system $root)"
	else
		rm -rf --one-file-system "$root"
	fi
	exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

start=$(date +%s)
since() { echo "$(($(date +%s) - $1))s"; }

t=$(date +%s)
if [ -n "$tarball" ]; then
	if [ ! -f "$tarball" ]; then
		say "downloading $SUITE (minbase) from $mirror into $tarball"
		debootstrap --variant=minbase --make-tarball="$tarball" "$SUITE" "$root/tarball-work" \
			"$mirror" >&2 || die "debootstrap --make-tarball failed"
		rm -rf --one-file-system "$root/tarball-work"
	fi
	say "debootstrap $SUITE (minbase) from $tarball into $root"
	debootstrap --variant=minbase --unpack-tarball="$tarball" "$SUITE" "$root" \
		"$mirror" >&2 || die "debootstrap --unpack-tarball failed"
else
	say "debootstrap $SUITE (minbase) from $mirror into $root"
	debootstrap --variant=minbase "$SUITE" "$root" "$mirror" >&2 || die "debootstrap failed"
fi
say "root ready in $(since "$t")"

# The network as the host has it: its resolver, and the apt settings that let
# it reach the mirror (a proxy; Check-Valid-Until and Check-Date off where the
# host reaches the archive through a registry or snapshot whose Release files
# are older than their Valid-Until). Nothing else of the host's apt setup.
cp /etc/resolv.conf "$root/etc/resolv.conf"
apt-config dump 2>/dev/null | grep -E '^Acquire::(https?::Proxy|Check-Valid-Until|Check-Date) ' \
	>"$root/etc/apt/apt.conf.d/99fresh-root-network" || true

git -C "$tree" diff --quiet HEAD 2>/dev/null ||
	say "warning: uncommitted changes in $tree are not in the root (it tests HEAD)"
mkdir -p "$root$checkout"
git -C "$tree" archive --format=tar HEAD | tar -x -C "$root$checkout"
say "tree: $(git -C "$tree" log -1 --format='%h %s') in $checkout"

mount -t proc proc "$root/proc"
mount -t sysfs sysfs "$root/sys"
mount --rbind /dev "$root/dev"
mount --make-rslave "$root/dev"   # unmounting these later must not touch the host's /dev

# run N CMD: command N of the README, as root in the root, from the top of the tree,
# with a login's environment rather than this one's.
run() {
	say "command $1 of README.md: $2"
	t=$(date +%s)
	if chroot "$root" /usr/bin/env -i HOME=/root USER=root LOGNAME=root SHELL=/bin/sh \
		PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		${http_proxy:+http_proxy=$http_proxy} ${https_proxy:+https_proxy=$https_proxy} \
		/bin/sh -c 'cd "$1" && exec /bin/sh -c "$2"' sh "$checkout" "$2"; then
		say "command $1 passed in $(since "$t")"
	else
		rc=$?
		say "FAIL: command $1 of README.md's \"Two commands\" (exit $rc) on a fresh $SUITE: $2"
		exit 1
	fi
}
run 1 "$cmd1"
run 2 "$cmd2"
say "both README commands pass on a fresh $SUITE root ($(since "$start") in all)"
