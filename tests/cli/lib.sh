# SPDX-License-Identifier: MIT
# Shared by the CLI test scripts, sourced as their first step:
#   tests/cli/SCRIPT.sh GICPLAN SOURCE_DIR [SECTION...]
# Sets GICPLAN, SRC, a temporary directory T (removed on exit), PY (python3 or
# ""), the pass and fail counters, and the helpers below. Set NAME first to name T.
if [ $# -lt 2 ]; then
	echo "usage: $0 GICPLAN SOURCE_DIR [SECTION...]" >&2
	exit 2
fi
GICPLAN=$1
SRC=$2
shift 2
case $GICPLAN in /*) ;; *) GICPLAN=$(pwd)/$GICPLAN ;; esac
SRC=$(cd "$SRC" && pwd) || exit 2
[ -x "$GICPLAN" ] || { echo "$0: $GICPLAN is not executable" >&2; exit 2; }

# Python snippets import the tests' own layout reading from xlayout.py.
PYTHONPATH="$SRC/tests/cli${PYTHONPATH:+:$PYTHONPATH}"
export PYTHONPATH

T=$(mktemp -d "${TMPDIR:-/tmp}/gicplan-${NAME:-cli}-test.XXXXXX") || exit 2
trap 'rm -rf "$T"' EXIT INT TERM

# python3 for the snippets that read JSON; "" when this machine has none.
PY=""
if command -v python3 >/dev/null 2>&1; then PY=python3; fi

failures=0
passes=0

fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

pass() {
	passes=$((passes + 1))
}

# check DESCRIPTION COMMAND...: COMMAND must succeed.
check() {
	desc=$1
	shift
	if "$@"; then pass; else fail "$desc"; fi
}

# run ARGS...: gicplan in $T/work; sets rc, leaves $T/out and $T/err.
run() {
	(cd "$T/work" && "$GICPLAN" "$@") >"$T/out" 2>"$T/err"
	rc=$?
}

lines() {
	wc -l <"$1" | tr -d ' '
}

hex() {
	printf '0x%x' "$1"
}

# expect_rc CODE DESCRIPTION ARGS...
expect_rc() {
	want=$1
	desc=$2
	shift 2
	run "$@"
	if [ "$rc" -eq "$want" ]; then
		pass
	else
		fail "$desc: gicplan $*: exit $rc, expected $want; stderr: $(cat "$T/err")"
	fi
}

# expect_error CODE NEEDLE ARGS...: exit CODE, one line on stderr naming NEEDLE, nothing on stdout.
expect_error() {
	want=$1
	needle=$2
	shift 2
	expect_rc "$want" "error" "$@"
	[ "$(lines "$T/err")" -eq 1 ] && pass ||
		fail "gicplan $*: stderr is not one line: $(cat "$T/err")"
	grep -qF -- "$needle" "$T/err" && pass ||
		fail "gicplan $*: stderr does not name \"$needle\": $(cat "$T/err")"
	[ ! -s "$T/out" ] && pass || fail "gicplan $*: wrote to stdout on error"
}

is_dtb() {
	# The FDT magic, big-endian: d0 0d fe ed.
	[ "$(od -An -tx1 -N4 "$1" | tr -d ' \n')" = "d00dfeed" ]
}

no_temp_files() {
	left=$(find "$T" -name '*.gicplan-*' 2>/dev/null)
	[ -z "$left" ] || { echo "left behind: $left" >&2; return 1; }
}

fresh() {
	rm -rf "$T/work"
	mkdir -p "$T/work"
}

# node_of FILE PREFIX: the name (e.g. interrupt-controller@8000000) of the first node of
# dts FILE whose compatible starts with PREFIX (a closing quote in PREFIX makes it exact).
node_of() {
	awk -v want="compatible = \"$2" '
		/{$/ { name = $1 }
		index($0, want) { print name; exit }' "$1"
}
