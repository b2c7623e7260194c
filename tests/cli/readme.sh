#!/bin/sh
# SPDX-License-Identifier: MIT
# The README's examples run as written, in order: every line of a ```sh block
# that starts with "gicplan" is run in one directory (with the tree's tests/
# beside it, gicplan on PATH), and must exit as its comment says ("# exit N"),
# else 0. A file an example uses must exist or be written by an earlier one.
NAME=readme
. "$(dirname "$0")/lib.sh"

mkdir -p "$T/work/bin"
ln -s "$SRC/tests" "$T/work/tests"
ln -s "$SRC/docs" "$T/work/docs"
ln -s "$GICPLAN" "$T/work/bin/gicplan"
PATH="$T/work/bin:$PATH"
export PATH

awk '
	/^```sh$/ { in_sh = 1; next }
	/^```/ { in_sh = 0; next }
	in_sh && /^gicplan / { print }
' "$SRC/README.md" >"$T/examples"
[ -s "$T/examples" ] || { echo "FAIL: no gicplan example in README.md" >&2; exit 1; }

while IFS= read -r line; do
	want=0
	case $line in
	*"# exit "[0-9]*) want=$(printf '%s\n' "$line" | sed 's/.*# exit \([0-9]*\).*/\1/') ;;
	esac
	cmd=${line%%#*}
	(cd "$T/work" && sh -c "$cmd") >"$T/out" 2>"$T/err" </dev/null
	got=$?
	if [ "$got" -eq "$want" ]; then
		pass
	else
		fail "README: $cmd: exit $got, the README says $want; stderr: $(head -n 3 "$T/err")"
	fi
done <"$T/examples"

echo "readme: $passes passed, $failures failed"
[ "$failures" -eq 0 ]
