#!/bin/sh
# SPDX-License-Identifier: MIT
# Build and run the examples (examples/vmm.c, examples/vmm.rs) as a VMM author
# does: against libgicplan installed by `cmake --install` into a fresh prefix,
# found through pkg-config alone, nothing taken from the build tree. Then check
# that the shared library exports only gicplan_* names and the emulator's
# gic_* ones (gic_emul.h, installed beside gicplan.h), that the static one
# links with pkg-config's private flags, and that the tree an example wrote
# passes the installed `gicplan verify`. The prefix is removed at the end.
set -eu
cd "$(dirname "$0")/.."

scripts/setup.sh --examples
command -v rustc >/dev/null 2>&1 || scripts/setup.sh --rust

prefix=$(mktemp -d "${TMPDIR:-/tmp}/gicplan-prefix.XXXXXX")
work=$(mktemp -d "${TMPDIR:-/tmp}/gicplan-examples.XXXXXX")
trap 'rm -rf "$prefix" "$work"' EXIT INT TERM
say() { echo "examples: $*"; }
fail() { echo "examples: FAIL: $*" >&2; exit 1; }

say "Release build into build-examples/, installed into $prefix"
cmake -S . -B build-examples -DCMAKE_BUILD_TYPE=Release -DGICPLAN_TESTS=OFF \
	-DCMAKE_INSTALL_PREFIX="$prefix" >/dev/null
cmake --build build-examples -j"$(nproc)" >/dev/null
cmake --install build-examples >/dev/null

lib=$prefix/lib
[ -f "$lib/pkgconfig/gicplan.pc" ] || fail "no $lib/pkgconfig/gicplan.pc"
for f in "$prefix/include/gicplan.h" "$prefix/include/gic_emul.h" "$lib/libgicplan.a" \
	"$lib/libgicplan.so.0.1.0" "$prefix/bin/gicplan" "$prefix/share/gicplan/layouts/virt.json"; do
	[ -e "$f" ] || fail "not installed: $f"
done
[ "$(readlink "$lib/libgicplan.so.0")" = libgicplan.so.0.1.0 ] ||
	fail "libgicplan.so.0 does not lead to libgicplan.so.0.1.0"
PKG_CONFIG_PATH=$lib/pkgconfig
export PKG_CONFIG_PATH
layouts=$prefix/share/gicplan/layouts

say "exported names: gicplan_* and the emulator's gic_* only"
others=$(nm -D --defined-only "$lib/libgicplan.so" | awk '{ print $3 }' | grep -Ev '^gicplan_|^gic_' || true)
[ -z "$others" ] || fail "libgicplan.so exports names outside gicplan_* and gic_*: $others"
nm -D --defined-only "$lib/libgicplan.so" | grep -q ' T gic_mmio_read$' ||
	fail "libgicplan.so does not export gic_mmio_read"
nm -D --defined-only "$lib/libgicplan.so" | grep -q ' T gicplan_plan_make$' ||
	fail "libgicplan.so does not export gicplan_plan_make"

say "C: examples/vmm.c, shared"
# shellcheck disable=SC2046 # pkg-config's flags, one word each
cc -std=c11 -Wall -Wextra -Werror examples/vmm.c $(pkg-config --cflags --libs gicplan) \
	-o "$work/vmm"
LD_LIBRARY_PATH=$lib "$work/vmm" "$layouts/virt.json" 8 "$work/vmm.dtb"
"$prefix/bin/gicplan" verify "$work/vmm.dtb" >/dev/null || fail "gicplan verify vmm.dtb"

say "C: examples/vmm.c, static (pkg-config --static)"
# shellcheck disable=SC2046
cc -std=c11 -Wall -Wextra -Werror examples/vmm.c $(pkg-config --cflags gicplan) \
	-L"$lib" -Wl,-Bstatic -lgicplan -Wl,-Bdynamic \
	$(pkg-config --static --libs-only-l gicplan | sed 's/-lgicplan//') -o "$work/vmm-static"
ldd "$work/vmm-static" | grep -q libgicplan && fail "vmm-static links libgicplan.so"
"$work/vmm-static" "$layouts/kvmtool.json" 4 "$work/vmm-static.dtb" >/dev/null
"$prefix/bin/gicplan" verify "$work/vmm-static.dtb" >/dev/null || fail "gicplan verify vmm-static.dtb"

say "Rust: examples/vmm.rs with $(rustc --version)"
rust_libs=""
for w in $(pkg-config --libs gicplan); do
	case $w in
	-L*) rust_libs="$rust_libs -L native=${w#-L}" ;;
	-l*) rust_libs="$rust_libs -l ${w#-l}" ;;
	esac
done
# shellcheck disable=SC2086 # the flags, one word each
rustc --edition 2021 -O examples/vmm.rs -o "$work/vmm-rs" $rust_libs
GICPLAN_LAYOUTS=$layouts LD_LIBRARY_PATH=$lib "$work/vmm-rs" firecracker 16 "$work/vmm-rs.dtb"
"$prefix/bin/gicplan" verify "$work/vmm-rs.dtb" >/dev/null || fail "gicplan verify vmm-rs.dtb"
cmp -s "$work/vmm-rs.dtb" "$work/vmm.dtb" && fail "two platforms gave one tree"

say "all passed"
