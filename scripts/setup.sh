#!/bin/sh
# SPDX-License-Identifier: MIT
# Install what gicplan needs to build and test, on Debian or Ubuntu, if missing.
#   scripts/setup.sh            # build: compiler, C library headers, CMake, libraries, dtc
#   scripts/setup.sh --test     # and what the test suites run against
#   scripts/setup.sh --extra    # and what fuzzing and valgrind need
#   scripts/setup.sh --examples # and what scripts/examples.sh needs (--rust: Debian's rustc)
# Packages are installed without their Recommends, so every package a step
# needs is named here, even when it is usually pulled in by another.
# Exit 2 when packages are missing and cannot be installed from here.
set -eu

# The package lists, the only place they are kept.
# build: gcc alone has no C library headers or crt files (libc6-dev, a Recommends of gcc).
build_packages="cmake make gcc libc6-dev pkg-config libjansson-dev libfdt-dev check
	device-tree-compiler python3"
# test: QEMU, so that the emulator's answers are compared with QEMU's own
# (tests/cli/emu_qemu.sh), with its boot ROMs (ipxe-qemu, a Recommends of
# qemu-system-arm) so that its virt machine starts as users start it; the JSON
# schema checks; groff and man, to render the manual page as `man -l` does.
test_packages="qemu-system-arm ipxe-qemu python3-jsonschema groff-base man-db"
extra_packages="clang libclang-rt-dev valgrind"
# examples: nm, to list what libgicplan exports; rustc for examples/vmm.rs, only
# asked for (--rust) when no rustc is on PATH (a rustup one will do).
examples_packages="binutils"
rust_packages="rustc"

packages=$build_packages
for arg in "$@"; do
	case $arg in
	--test) packages="$packages $test_packages" ;;
	--extra) packages="$packages $extra_packages" ;;
	--examples) packages="$packages $examples_packages" ;;
	--rust) packages="$packages $rust_packages" ;;
	*) echo "usage: scripts/setup.sh [--test] [--extra] [--examples] [--rust]" >&2; exit 2 ;;
	esac
done

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
	# shellcheck disable=SC2086 # the list, one space between packages
	echo "setup: no apt-get here: install these with your package manager:" $packages >&2
	exit 2
fi

missing=""
for p in $packages; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
	as_root=""
elif command -v sudo >/dev/null 2>&1; then
	as_root="sudo"
else
	echo "setup: missing$missing; not root and no sudo: as root, run apt-get install$missing" >&2
	exit 2
fi
# apt's own progress lines (what it fetches, unpacks and sets up) go to stderr,
# so that they show while the packages install and stay out of stdout.
apt_get() {
	$as_root env DEBIAN_FRONTEND=noninteractive apt-get -q "$@" >&2
}
echo "setup: updating the package lists" >&2
apt_get update
echo "setup: installing$missing" >&2
# shellcheck disable=SC2086 # one word a package
apt_get install -y --no-install-recommends $missing
echo "setup: installed$missing" >&2
