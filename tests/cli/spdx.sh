#!/bin/sh
# SPDX-License-Identifier: MIT
# Every source file and script of the tree names its licence (LICENSE: MIT) in
# an SPDX line within its first three lines, so that a project taking one file
# takes its terms with it.
#   tests/cli/spdx.sh GICPLAN SOURCE_DIR
NAME=spdx
. "$(dirname "$0")/lib.sh"

[ -f "$SRC/LICENSE" ] && grep -q "^MIT License" "$SRC/LICENSE" && pass ||
	fail "LICENSE is missing or not the MIT licence"

find "$SRC" -path "$SRC/build*" -prune -o -path "$SRC/.git" -prune -o -type f \
	\( -name '*.c' -o -name '*.h' -o -name '*.sh' -o -name '*.py' -o -name '*.1' \
	-o -name '*.bash' -o -name '*.cmake' -o -name CMakeLists.txt -o -path "$SRC/.ci/run" \) \
	-print >"$T/files"
[ "$(lines "$T/files")" -gt 50 ] && pass || fail "only $(lines "$T/files") source files found"
while IFS= read -r f; do
	if head -n 3 "$f" | grep -q "SPDX-License-Identifier: MIT"; then
		pass
	else
		fail "${f#"$SRC"/}: no SPDX-License-Identifier: MIT line in its first three lines"
	fi
done <"$T/files"

echo "spdx: $passes passed, $failures failed"
[ "$failures" -eq 0 ]
