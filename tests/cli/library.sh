#!/bin/sh
# SPDX-License-Identifier: MIT
# libgicplan computes and never prints: the shared library calls no stdio
# stream function (its JSON and error texts go into memory, its files are
# written with write(2)), and neither library holds the command line or its
# renderers (src/cli/), which only the gicplan executable links.
#   tests/cli/library.sh LIBGICPLAN.so LIBGICPLAN.a
set -eu
[ $# -eq 2 ] || { echo "usage: $0 LIBGICPLAN.so LIBGICPLAN.a" >&2; exit 2; }
shared=$1
static=$2
command -v nm >/dev/null 2>&1 || { echo "SKIP: no nm" >&2; exit 77; }
failures=0
fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

# Streams and what writes to them (the _chk forms are _FORTIFY_SOURCE's).
streams='stdin|stdout|stderr|fopen|fdopen|freopen|fflush|printf|fprintf|vprintf|vfprintf|dprintf|vdprintf|puts|fputs|fputc|putc|putchar|fwrite|perror|__printf_chk|__fprintf_chk|__vprintf_chk|__vfprintf_chk|__dprintf_chk|__fwrite_chk'
used=$(nm -D --undefined-only "$shared" | awk '{ print $2 }' | sed 's/@.*//' |
	grep -Ex "$streams" || true)
[ -z "$used" ] || fail "$shared uses stdio streams: $(echo $used)"
# ... while the test sees what it should: the library's own imports.
nm -D --undefined-only "$shared" | grep -q ' U write' || fail "nm lists no imports of $shared"

# The command line's entry point and renderers, defined in neither library.
cli='gp_cli_main|gp_report_text|gp_report_json|gp_verify_text|gp_verify_json|gp_audit_text|gp_audit_json|gp_acpi_checks_text|gp_junit_write|gp_map_text|gp_map_svg|gp_console_run|gp_xml_text'
for lib in "$shared" "$static"; do
	defined=$(nm --defined-only "$lib" 2>/dev/null | awk 'NF == 3 { print $3 }' |
		grep -Ex "$cli" || true)
	[ -z "$defined" ] || fail "$lib holds the command line's $(echo $defined)"
done
nm --defined-only "$static" | grep -q ' T gp_verify$' || fail "nm lists no gp_verify in $static"

[ "$failures" -eq 0 ] || exit 1
echo "library: prints nothing, holds no CLI"
