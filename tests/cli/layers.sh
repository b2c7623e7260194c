#!/bin/sh
# SPDX-License-Identifier: MIT
# No tie in src/ runs backwards: every `#include "..."` of src/*.c and src/*.h
# names a module listed before the file's own in the layers src/CMakeLists.txt
# gives (its comment lines "#   STAGE: MODULE...", lowest first; "+" joins the
# files of one module), or the file's own module. # src/gic_emul/ includes only its own headers and the C library's. src/cli/,
# the command line, is a client of the public API: besides system headers it
# includes only the installed headers (include/ and the emulator's
# gic_emul.h, which src/CMakeLists.txt installs beside them) and its own. Checked on the
# tree, then on a copy with a backward include, a stray module, a foreign
# header and an internal header in the CLI added, which must each be named.
#   tests/cli/layers.sh GICPLAN SOURCE_DIR
NAME=layers
. "$(dirname "$0")/lib.sh"

# The C11 library's headers: all src/gic_emul/ may include besides its own.
C11_HEADERS="assert.h complex.h ctype.h errno.h fenv.h float.h inttypes.h iso646.h limits.h
locale.h math.h setjmp.h signal.h stdalign.h stdarg.h stdatomic.h stdbool.h stddef.h stdint.h
stdio.h stdlib.h stdnoreturn.h string.h tgmath.h threads.h time.h uchar.h wchar.h wctype.h"

# faults DIR: one line per include of DIR/src that breaks the layers.
faults() {
	awk -v c11="$(echo $C11_HEADERS)" -v emul="$1/src/gic_emul" -v cli="$1/src/cli" \
		-v pub="$(cd "$1/include" && echo *.h) gic_emul.h" '
		function base(p) { sub(/.*\//, "", p); sub(/\.[ch]$/, "", p); return p }
		BEGIN { n = split(pub, ph, " "); for (i = 1; i <= n; i++) public[ph[i]] = 1 }
		FNR == 1 {
			file = FILENAME
			rel = file; sub(/.*\/src\//, "src/", rel)
			list = (FILENAME ~ /CMakeLists\.txt$/)
			in_emul = (index(file, emul "/") == 1)
			in_cli = (index(file, cli "/") == 1)
			if (!list && !in_emul && !in_cli && !(base(file) in rank)) {
				print rel ": module " base(file) " is not in src/CMakeLists.txt'"'"'s layers"
			}
		}
		list {
			if (/^# The layers of src\//) { layers = 1; next }
			if (layers && /^#   [^:]+: /) {
				line = $0; sub(/^#   [^:]+: /, "", line)
				n = split(line, mods, " ")
				for (i = 1; i <= n; i++) {
					split(mods[i], parts, "+")
					r++
					for (p in parts) rank[parts[p]] = r
				}
				next
			}
			if (layers && r > 0) layers = 0
			next
		}
		!/^[ \t]*#[ \t]*include[ \t]*[<"]/ { next }
		{
			h = $0; sub(/^[ \t]*#[ \t]*include[ \t]*/, "", h)
			q = substr(h, 1, 1); h = substr(h, 2); sub(/[>"].*/, "", h)
		}
		in_cli {
			if (q == "\"" && !(h in public) && system("test -f \"" cli "/" h "\"") != 0)
				print rel ": #include \"" h "\" is not a public header: the CLI uses the library'"'"'s API only"
			next
		}
		in_emul {
			if (q == "<" && index(" " c11 " ", " " h " ") == 0)
				print rel ": #include <" h "> is not the C library'"'"'s"
			else if (q == "\"" && system("test -f \"" emul "/" h "\"") != 0)
				print rel ": #include \"" h "\" is not one of src/gic_emul/'"'"'s headers"
			next
		}
		q == "\"" {
			m = base(file); i = base(h)
			if (!(i in rank))
				print rel ": #include \"" h "\": " i " is not in src/CMakeLists.txt'"'"'s layers"
			else if ((m in rank) && rank[i] > rank[m])
				print rel ": #include \"" h "\" runs backwards (" i " is above " m ")"
		}
	' "$1/src/CMakeLists.txt" "$1"/src/*.c "$1"/src/*.h "$1"/src/gic_emul/*.c "$1"/src/gic_emul/*.h \
		"$1"/src/cli/*.c "$1"/src/cli/*.h
}

faults "$SRC" >"$T/faults"
if [ -s "$T/faults" ]; then
	while IFS= read -r f; do fail "$f"; done <"$T/faults"
else
	pass
fi
# The list is read at all: it names the modules at both ends.
grep -q '^#   vocabulary: error ' "$SRC/src/CMakeLists.txt" && pass ||
	fail "src/CMakeLists.txt: no layers list starting with error"

# A copy with four faults, each of which must be named.
mkdir -p "$T/copy/src/gic_emul" "$T/copy/src/cli" "$T/copy/include"
cp "$SRC"/src/CMakeLists.txt "$SRC"/src/*.c "$SRC"/src/*.h "$T/copy/src/"
cp "$SRC"/src/gic_emul/*.c "$SRC"/src/gic_emul/*.h "$T/copy/src/gic_emul/"
cp "$SRC"/src/cli/*.c "$SRC"/src/cli/*.h "$T/copy/src/cli/"
cp "$SRC"/include/*.h "$T/copy/include/"
printf '#include "plan.h"\n' >>"$T/copy/src/cli/main.c"
printf '#include "verify.h"\n' >>"$T/copy/src/units.h"
printf '/* SPDX-License-Identifier: MIT */\n#include "error.h"\n' >"$T/copy/src/stray.c"
printf '#include <jansson.h>\n' >>"$T/copy/src/gic_emul/gic_core.c"
faults "$T/copy" >"$T/copy-faults"
for want in 'src/units.h: #include "verify.h" runs backwards (verify is above units)' \
	"src/stray.c: module stray is not in src/CMakeLists.txt's layers" \
	"src/gic_emul/gic_core.c: #include <jansson.h> is not the C library's" \
	"src/cli/main.c: #include \"plan.h\" is not a public header: the CLI uses the library's API only"; do
	grep -qxF "$want" "$T/copy-faults" && pass ||
		fail "a copy with a fault added: not named: $want (got: $(cat "$T/copy-faults"))"
done
[ "$(lines "$T/copy-faults")" -eq 4 ] && pass ||
	fail "a copy with four faults added: $(lines "$T/copy-faults") named"

echo "layers: $passes passed, $failures failed"
[ "$failures" -eq 0 ]
