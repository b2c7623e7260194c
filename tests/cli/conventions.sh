#!/bin/sh
# SPDX-License-Identifier: MIT
# The conventions of dtc and git: help per command, short options, -q, plan's closing
# line, the man page and the bash completion, and that none of them drifts from the
# options the binary really takes.
#
#   tests/cli/conventions.sh GICPLAN SOURCE_DIR [SECTION...]
#
# Sections (all by default): help options quiet closing man completion install.
# ctest runs each as its own test (cli_conventions_<section>); a section whose tool
# (groff, bash, cmake) is missing says so and, when nothing else ran, exits 77.
set -u

NAME=conventions
. "$(dirname "$0")/lib.sh"

MAN=$SRC/docs/gicplan.1
COMPLETION=$SRC/completions/gicplan.bash
# How a help line listing an option starts: "  -o, --out" or "      --cpus".
OPTION_LINE='(  -[a-zA-Z], |      )'
# A line of help, at most: what a terminal shows without wrapping.
HELP_WIDTH=80
skipped=""

skip() {
	echo "SKIP: $*" >&2
	skipped="$skipped $1"
}

# The commands the global help lists.
commands() {
	"$GICPLAN" help | awk '/^commands:/ { on = 1; next } /^$/ { on = 0 } on && /^  [a-z]/ { print $1 }'
}

# help_options CMD: the long options gicplan help CMD lists, one a line.
help_options() {
	"$GICPLAN" help "$1" | sed -nE "s/^$OPTION_LINE(--[a-z-]+).*/\\2/p"
}

# help_shorts CMD: the short options gicplan help CMD lists.
help_shorts() {
	"$GICPLAN" help "$1" | sed -nE 's/^  (-[a-zA-Z]), --.*/\1/p'
}

# help_entry CMD OPT: the help text of option OPT of CMD, its lines joined.
help_entry() {
	"$GICPLAN" help "$1" | awk -v opt="$2" -v re="^$OPTION_LINE--" '
		$0 ~ re { on = 0; split($0, w, " "); if (w[1] == opt || w[2] == opt) on = 1 }
		/^$/ { on = 0 }
		on { printf "%s ", $0 }'
}

# help_value CMD OPT: the value OPT takes as CMD's help names it ("" for none).
help_value() {
	"$GICPLAN" help "$1" | awk -v opt="$2" -v re="^$OPTION_LINE--" '
		$0 ~ re { names = $0; sub(/^ +/, "", names); sub(/  .*/, "", names)
			  n = split(names, w, " "); for (i = 1; i < n; i++) if (w[i] == opt) print w[i + 1] }'
}

# A value OPT accepts, for a run that only needs the option parsed.
sample_value() {
	case $1 in
	N) echo 32 ;;
	B) echo 40 ;;
	SIZE) echo 1GiB ;;
	*'|'*) echo "${1%%|*}" ;;
	*) echo value ;;
	esac
}

# ---- help ----------------------------------------------------------------------------

section_help() {
	fresh
	for args in "help" "--help" "-h"; do
		expect_rc 0 "gicplan $args" $args
		[ -s "$T/out" ] && [ ! -s "$T/err" ] && pass ||
			fail "gicplan $args: no help on stdout, or something on stderr"
		grep -q "^usage: gicplan" "$T/out" && pass || fail "gicplan $args: no usage line"
	done
	"$GICPLAN" help >"$T/global"
	cmds=$(commands)
	[ "$(echo "$cmds" | wc -w)" -ge 7 ] && pass || fail "global help lists commands: $cmds"
	for c in plan verify emu audit tiers platforms help; do
		echo "$cmds" | grep -qx "$c" && pass || fail "global help does not list $c"
	done
	for c in $cmds; do
		expect_rc 0 "help $c" help "$c"
		cp "$T/out" "$T/help-$c"
		[ ! -s "$T/err" ] && pass || fail "help $c wrote to stderr"
		grep -q "^usage: gicplan .*$c" "$T/help-$c" && pass || fail "help $c: no usage line"
		grep -q "^exit codes:" "$T/help-$c" && grep -q "^  0  " "$T/help-$c" &&
			grep -q "^  2  " "$T/help-$c" && pass || fail "help $c: no exit codes 0 and 2"
		cmp -s "$T/help-$c" "$T/global" && fail "help $c is the global help" || pass
		for form in "--help" "-h"; do
			expect_rc 0 "$c $form" "$c" "$form"
			cmp -s "$T/out" "$T/help-$c" && pass || fail "gicplan $c $form differs from help $c"
		done
		# Each line fits a terminal.
		long=$(awk -v w=$HELP_WIDTH 'length > w' "$T/help-$c")
		[ -z "$long" ] && pass || fail "help $c: lines over $HELP_WIDTH columns: $long"
	done
	long=$(awk -v w=$HELP_WIDTH 'length > w' "$T/global")
	[ -z "$long" ] && pass || fail "global help: lines over $HELP_WIDTH columns: $long"
	# Each command's help is its own.
	for a in $cmds; do
		for b in $cmds; do
			[ "$a" \< "$b" ] || continue
			cmp -s "$T/help-$a" "$T/help-$b" && fail "help $a and help $b are the same" || pass
		done
	done
	# Plan's help names what only plan takes, verify's does not.
	grep -q -- "--cpus" "$T/help-plan" && pass || fail "help plan lists no --cpus"
	grep -q -- "--cpus\|--out\|--platform" "$T/help-verify" &&
		fail "help verify lists plan's options" || pass
	grep -q -- "--quiet\|--format" "$T/help-emu" && fail "help emu lists --quiet or --format" ||
		pass
	# help of no command: exit 2, one line naming it.
	expect_error 2 nosuch help nosuch
	expect_error 2 '"b"' help plan b
}

# ---- options: what help lists is what each command takes -------------------------------

section_options() {
	fresh
	cmds=$(commands)
	all=$(for c in $cmds; do help_options "$c"; done | sort -u)
	for c in $cmds; do
		listed=$(help_options "$c")
		for o in $all; do
			value=$(help_value "$c" "$o")
			[ -n "$value" ] || value=$(help_value plan "$o")
			[ -n "$value" ] || for d in $cmds; do
				[ -n "$value" ] || value=$(help_value "$d" "$o")
			done
			set -- "$o"
			[ -z "$value" ] || set -- "$o" "$(sample_value "$value")"
			run "$c" "$@" </dev/null
			if echo "$listed" | grep -qx -- "$o"; then
				grep -q "not an option of this command\|unknown option" "$T/err" &&
					fail "$c refuses $o, which its help lists: $(cat "$T/err")" || pass
			else
				[ "$rc" -eq 2 ] && grep -qF -- "$o: not an option of this command" "$T/err" &&
					pass || fail "$c takes $o, which its help does not list: exit $rc"
			fi
		done
	done

	# Short options are their long ones.
	expect_rc 0 "-V" -V
	v=$(cat "$T/out")
	expect_rc 0 "--version" --version
	[ "$v" = "$(cat "$T/out")" ] && pass || fail "-V and --version differ"
	echo "$v" | grep -q "^gicplan [0-9][0-9.]*$" && pass || fail "-V: $v"
	expect_rc 0 "-o" --cpus 8 -o short.dtb
	check "-o writes a DTB" is_dtb "$T/work/short.dtb"
	expect_rc 0 "--out" --cpus 8 --out long.dtb
	check "-o and --out write the same tree" cmp -s "$T/work/short.dtb" "$T/work/long.dtb"
	expect_error 2 "-o" --cpus 8 -o
	expect_error 2 "-x" --cpus 8 -x
	expect_error 2 "--out" verify -o x.dtb "$T/work/short.dtb"

	# The ranges plan's help states are the ones accepted.
	range=$(help_entry plan --ipa-bits | grep -o '[0-9][0-9]*\.\.[0-9][0-9]*' | head -n 1)
	lo=${range%..*}
	hi=${range#*..}
	[ -n "$range" ] && pass || fail "help plan: no range for --ipa-bits"
	expect_rc 0 "--ipa-bits $lo" --cpus 8 --ipa-bits "$lo"
	expect_rc 0 "--ipa-bits $hi" --cpus 8 --ipa-bits "$hi"
	expect_error 2 --ipa-bits --cpus 8 --ipa-bits $((lo - 1))
	expect_error 2 --ipa-bits --cpus 8 --ipa-bits $((hi + 1))
	range=$(help_entry verify --ipa-bits | grep -o '[0-9][0-9]*\.\.[0-9][0-9]*' | head -n 1)
	[ "$range" = "$lo..$hi" ] && pass || fail "verify states --ipa-bits $range, plan $lo..$hi"

	range=$(help_entry plan --cpus | grep -o '[0-9][0-9]*\.\.[0-9][0-9]*' | head -n 1)
	lo=${range%..*}
	hi=${range#*..}
	expect_rc 0 "--cpus $lo" --cpus "$lo"
	expect_error 2 --cpus --cpus $((lo - 1))
	expect_error 2 --cpus --cpus $((hi + 1))
	run --cpus "$hi" --platform firecracker
	[ "$rc" -eq 3 ] && pass || fail "--cpus $hi: exit $rc, not 3 (accepted, no placement)"

	# "a multiple of 32 from 32 to 960", maybe ", or 988"
	entry=$(help_entry plan --spis)
	set -- $(echo "$entry" |
		sed -nE 's/.*multiple of ([0-9]+) from ([0-9]+) to ([0-9]+)(, or ([0-9]+))?.*/\1 \2 \3 \5/p')
	if [ $# -ge 3 ]; then
		pass
		step=$1 lo=$2 hi=$3 extra=${4:-$3}
		# Accepted: verify reads the tree with that many SPIs (exit 0 or 1, not 2).
		for n in "$lo" "$hi" "$extra" $((lo + step)); do
			run verify --spis "$n" short.dtb
			[ "$rc" -ne 2 ] && pass || fail "verify --spis $n refused: $(cat "$T/err")"
		done
		for n in "$hi" $((hi - step)); do
			expect_rc 0 "--spis $n" --cpus 8 --spis "$n"
		done
		for n in $((lo - step)) $((lo + 1)) $((hi + step)) $((extra + 1)); do
			expect_error 2 --spis --cpus 8 --spis "$n"
			expect_error 2 --spis verify --spis "$n" short.dtb
		done
	else
		fail "help plan: --spis states no range: $entry"
	fi

	# Each value help names is accepted; another is not.
	for o in --gic-version --profile --format; do
		values=$(help_value plan "$o")
		[ -n "$values" ] && pass || fail "help plan: $o names no values"
		for v in $(echo "$values" | tr '|' ' '); do
			expect_rc 0 "$o $v" --cpus 8 "$o" "$v" --no-its
		done
		expect_error 2 "$o" --cpus 8 "$o" bogus
	done
}

# ---- -q: nothing on stdout, the same exit codes ----------------------------------------

# quiet_same CODE ARGS...: exit CODE with and without -q; with it, nothing on stdout.
quiet_same() {
	want=$1
	shift
	expect_rc "$want" "without -q" "$@"
	[ -s "$T/out" ] && pass || fail "gicplan $*: no report without -q"
	expect_rc "$want" "with -q" -q "$@"
	[ ! -s "$T/out" ] && pass || fail "gicplan -q $*: stdout: $(head -n 3 "$T/out")"
	expect_rc "$want" "with --quiet" --quiet "$@"
	[ ! -s "$T/out" ] && pass || fail "gicplan --quiet $*: wrote to stdout"
}

# quiet_verify CODE CMD ARGS...: exit CODE with and without -q after CMD; with it, no output.
quiet_verify() {
	want=$1
	shift
	expect_rc "$want" "$1 without -q" "$@"
	[ -s "$T/out" ] && pass || fail "gicplan $*: no report without -q"
	cmd=$1
	shift
	expect_rc "$want" "$cmd -q" "$cmd" -q "$@"
	[ ! -s "$T/out" ] && [ ! -s "$T/err" ] && pass ||
		fail "gicplan $cmd -q $*: output: $(cat "$T/out" "$T/err" | head -n 3)"
}

section_quiet() {
	fresh
	# plan: -q among its options; a command named comes first (gicplan verify -q FILE).
	quiet_same 0 --cpus 8 -o q.dtb --plan q.json
	check "-q still writes" is_dtb "$T/work/q.dtb"
	[ ! -s "$T/err" ] && pass || fail "-q plan wrote to stderr: $(cat "$T/err")"
	# A check that fails: exit 1, nothing written, the reason still on stderr.
	quiet_same 1 --cpus 8 --gic-version 4 --profile kvm -o fail.dtb
	[ ! -e "$T/work/fail.dtb" ] && pass || fail "-q wrote a tree that failed"
	grep -q "nothing written" "$T/err" && pass || fail "-q: no 'nothing written' on stderr"
	# Usage and infeasible requests: the same codes, the error on stderr.
	expect_error 2 --spis -q --cpus 8 --spis 33
	expect_error 3 100000 -q --cpus 100000 --ipa-bits 32
	# A tree streamed to stdout is the output: -q does not stop it.
	expect_rc 0 "-q -o -" --cpus 8 -q -o -
	check "-q -o - writes the tree on stdout" is_dtb "$T/out"

	# verify and audit: -q after the command.
	quiet_verify 0 verify q.dtb
	quiet_verify 0 verify q.json
	(cd "$T/work" && "$GICPLAN" --platform qemu-virt --cpus 8 -o qemu.dtb >/dev/null)
	quiet_verify 1 verify --strict qemu.dtb
	quiet_verify 0 audit q.dtb q.dtb
	(cd "$T/work" && "$GICPLAN" --cpus 200 -o big.dtb >/dev/null)
	quiet_verify 1 audit q.dtb big.dtb
	expect_error 2 missing.dtb verify -q missing.dtb
	# Where a report is all there is, -q is not an option.
	expect_error 2 --quiet tiers -q
	expect_error 2 --quiet platforms --quiet
}

# ---- plan's closing line ---------------------------------------------------------------

# count STATUS: the checks of the text report in $T/out with STATUS.
count() {
	grep -cE "^  $1 +[a-z0-9-]+ " "$T/out"
}

# The last line of the report in $T/out.
closing() {
	tail -n 1 "$T/out"
}

section_closing() {
	fresh
	expect_rc 0 "plan with outputs" --cpus 900 -o virt.dtb --plan virt.json
	line=$(closing)
	wrote='^wrote virt\.dtb \(([0-9]+) bytes\), virt\.json \(([0-9]+) bytes\); .*'
	dtb=$(echo "$line" | sed -nE "s/$wrote/\\1/p")
	json=$(echo "$line" | sed -nE "s/$wrote/\\2/p")
	[ -n "$dtb" ] && [ -n "$json" ] && pass || fail "closing line names no files: $line"
	[ "$dtb" = "$(stat -c %s "$T/work/virt.dtb")" ] && pass ||
		fail "closing line says virt.dtb has $dtb bytes, stat $(stat -c %s "$T/work/virt.dtb")"
	[ "$json" = "$(stat -c %s "$T/work/virt.json")" ] && pass ||
		fail "closing line says virt.json has $json bytes, stat $(stat -c %s "$T/work/virt.json")"
	# The verdict counts the report's checks.
	passed=$(count pass)
	warned=$(count warn)
	[ "$warned" -gt 0 ] && pass || fail "900 vCPUs: no warning (kvm-attrs) to count"
	case $line in
	*"; verified: $passed checks pass, $warned warning"*) pass ;;
	*) fail "closing line does not count $passed passed, $warned warned: $line" ;;
	esac

	# One file.
	expect_rc 0 "plan, tree only" --cpus 8 -o small.dtb
	line=$(closing)
	size=$(echo "$line" | sed -n 's/^wrote small\.dtb (\([0-9]*\) bytes); verified: .*/\1/p')
	[ "$size" = "$(stat -c %s "$T/work/small.dtb")" ] && pass ||
		fail "closing line: $line; stat $(stat -c %s "$T/work/small.dtb")"
	expect_rc 0 "plan, plan only" --cpus 8 --plan small.json
	line=$(closing)
	size=$(echo "$line" | sed -n 's/^wrote small\.json (\([0-9]*\) bytes); verified: .*/\1/p')
	[ "$size" = "$(stat -c %s "$T/work/small.json")" ] && pass ||
		fail "closing line: $line; stat $(stat -c %s "$T/work/small.json")"

	# Nothing asked for.
	expect_rc 0 "plan, no output" --cpus 8
	line=$(closing)
	case $line in
	"verified: $(count pass) checks pass; nothing written (no --out or --plan)") pass ;;
	*) fail "closing line without outputs: $line" ;;
	esac

	# A check fails: nothing written, and how many failed.
	expect_rc 1 "plan that fails" --cpus 8 --gic-version 4 --profile kvm -o no.dtb
	failed=$(count fail)
	[ "$failed" -gt 0 ] && pass || fail "GICv4 under KVM: no failed check in the report"
	want="nothing written: verification failed ($failed check fails)"
	[ "$failed" -eq 1 ] || want="nothing written: verification failed ($failed checks fail)"
	[ "$(closing)" = "$want" ] && pass || fail "closing line: $(closing); expected: $want"
	[ ! -e "$T/work/no.dtb" ] && pass || fail "a failed plan wrote no.dtb"
	# Warnings under --strict.
	expect_rc 1 "strict plan" --platform qemu-virt --cpus 8 --strict -o no.dtb
	closing | grep -q "^nothing written: verification failed ($(count warn) warnings\?, --strict)$" &&
		pass || fail "closing line under --strict: $(closing)"
	# JSON and a tree on stdout have no closing line.
	expect_rc 0 "plan json" --cpus 8 --format json
	grep -q "^wrote \|^verified: \|^nothing written" "$T/out" && fail "closing line in JSON" ||
		pass
}

# ---- the man page ----------------------------------------------------------------------

section_man() {
	if ! command -v groff >/dev/null 2>&1; then
		skip man "no groff"
		return
	fi
	warnings=$(groff -man -Tutf8 -ww -z "$MAN" 2>&1)
	[ -z "$warnings" ] && pass || fail "groff warns on gicplan.1: $warnings"
	if command -v man >/dev/null 2>&1; then
		warnings=$(MANWIDTH=80 LC_ALL=C.UTF-8 man --warnings -l "$MAN" 2>&1 >/dev/null)
		[ -z "$warnings" ] && pass || fail "man -l warns on gicplan.1: $warnings"
	fi
	if command -v lexgrog >/dev/null 2>&1; then
		lexgrog "$MAN" | grep -q '"gicplan - ' && pass || fail "lexgrog: $(lexgrog "$MAN")"
	fi
	# Rendered as a reader sees it, one paragraph a line, no hyphenation.
	groff -man -Tascii -rLL=400n -rHY=0 -P-c -P-b -P-u "$MAN" >"$T/man.txt" 2>/dev/null
	for s in NAME SYNOPSIS DESCRIPTION COMMANDS OPTIONS "EXIT STATUS" ENVIRONMENT FILES \
		EXAMPLES "SEE ALSO"; do
		grep -q "^$s\$" "$T/man.txt" && pass || fail "gicplan.1 has no $s section"
	done
	grep -q GICPLAN_LAYOUTS "$T/man.txt" && pass || fail "gicplan.1 does not name GICPLAN_LAYOUTS"
	# Every option and command of every help, in the page.
	for c in $(commands); do
		grep -qE "^       $c( |$)" "$T/man.txt" && pass || fail "gicplan.1 describes no command $c"
		for o in $(help_options "$c") $(help_shorts "$c"); do
			grep -qE -- "(^|[^a-z-])$o([^a-z-]|$)" "$T/man.txt" && pass ||
				fail "gicplan.1 does not name $o (help $c lists it)"
		done
		for v in $(help_value "$c" --format | tr '|' ' '); do
			grep -qE -- "--format.*$v" "$T/man.txt" && pass || fail "gicplan.1: --format $v"
		done
	done
	# The exit codes help gives are the ones the page gives.
	codes=$("$GICPLAN" help | sed -n '/^exit codes:/,$p' | grep -oE '(: |, |^ +)[0-9] ' |
		grep -oE '[0-9]')
	[ "$(echo $codes)" = "0 1 2 3" ] && pass || fail "global help: exit codes $codes"
	for code in $codes; do
		grep -qE "^       $code( |\$)" "$T/man.txt" && pass || fail "gicplan.1: no exit status $code"
	done
	# Its version is the binary's.
	th=$(sed -n 's/^\.TH GICPLAN 1 [^ ]* "\(gicplan [^"]*\)".*/\1/p' "$MAN")
	v=$("$GICPLAN" --version)
	[ "$th" = "$v" ] && pass || fail "gicplan.1 is of \"$th\", the binary is $v"
}

# ---- bash completion -------------------------------------------------------------------

# complete WORDS...: what the completion offers for the last of WORDS (gicplan first),
# sorted, one a line; run in $T/work.
complete_words() {
	(cd "$T/work" && GICPLAN_LAYOUTS="$SRC/layouts" bash -c '
		. "$1" || exit 1
		shift
		COMP_WORDS=("$@")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		_gicplan
		printf "%s\n" "${COMPREPLY[@]}"' bash "$COMPLETION" "$GICPLAN" "$@") | sed '/^$/d' | sort
}

# same DESCRIPTION GOT WANT: the two lists are the same set of words.
same() {
	a=$(echo "$2" | tr ' ' '\n' | sed '/^$/d' | sort -u)
	b=$(echo "$3" | tr ' ' '\n' | sed '/^$/d' | sort -u)
	[ "$a" = "$b" ] && pass || fail "$1: completion offers [$(echo $a)], expected [$(echo $b)]"
}

section_completion() {
	if ! command -v bash >/dev/null 2>&1; then
		skip completion "no bash"
		return
	fi
	fresh
	bash -c '. "$1" && complete -p gicplan' bash "$COMPLETION" | grep -q -- "-F _gicplan gicplan" &&
		pass || fail "sourcing the completion registers no _gicplan for gicplan"
	same "gicplan ver" "$(complete_words ver)" verify
	same "gicplan <TAB>" "$(complete_words "")" "$(commands)"
	same "gicplan help <TAB>" "$(complete_words help "")" "$(commands)"
	same "gicplan --platform <TAB>" "$(complete_words --platform "")" \
		"$(cd "$SRC/layouts" && ls *.json | sed 's/\.json$//')"
	same "gicplan tiers --platform=q" "$(complete_words tiers --platform = q)" qemu-virt
	same "gicplan verify --pro" "$(complete_words verify --pro)" --profile
	# Each command completes exactly the options its help lists.
	for c in $(commands); do
		same "gicplan $c -" "$(complete_words "$c" -)" "$(help_options "$c") $(help_shorts "$c")"
	done
	same "gicplan -" "$(complete_words -)" "$(help_options plan) $(help_shorts plan)"
	# Option values, as plan's help names them.
	for o in --gic-version --profile --format; do
		same "gicplan $o" "$(complete_words --cpus 8 "$o" "")" "$(help_value plan "$o" | tr '|' ' ')"
	done
	# File names where a FILE goes; nothing where a number goes.
	touch "$T/work/vm1.dtb" "$T/work/vm2.json" "$T/work/other"
	same "gicplan verify vm" "$(complete_words verify vm)" "vm1.dtb vm2.json"
	same "gicplan audit a vm" "$(complete_words audit a.dtb vm)" "vm1.dtb vm2.json"
	same "gicplan audit a b <TAB>" "$(complete_words audit a.dtb b.dtb "")" ""
	same "gicplan -o o" "$(complete_words --cpus 8 -o o)" other
	same "gicplan --compat-with vm" "$(complete_words --compat-with vm)" "vm1.dtb vm2.json"
	same "gicplan --cpus <TAB>" "$(complete_words --cpus "")" ""
}

# ---- cmake --install puts them where man and bash-completion look -----------------------

section_install() {
	build=$(dirname "$GICPLAN")
	if ! command -v cmake >/dev/null 2>&1 || [ ! -f "$build/CMakeCache.txt" ]; then
		skip install "no cmake, or $build is not a CMake build directory"
		return
	fi
	if ! cmake --install "$build" --prefix "$T/inst" >"$T/install.log" 2>&1; then
		fail "cmake --install: $(tail -n 3 "$T/install.log")"
		return
	fi
	cmp -s "$MAN" "$T/inst/share/man/man1/gicplan.1" && pass ||
		fail "no share/man/man1/gicplan.1 installed"
	cmp -s "$COMPLETION" "$T/inst/share/bash-completion/completions/gicplan" && pass ||
		fail "no share/bash-completion/completions/gicplan installed"
	if command -v man >/dev/null 2>&1; then
		MANPATH="$T/inst/share/man" MANWIDTH=80 man -w gicplan 2>/dev/null |
			grep -q "$T/inst/share/man/man1/gicplan.1" && pass ||
			fail "man -w gicplan does not find the installed page"
	fi
	# The installed completion offers the installed platforms.
	if command -v bash >/dev/null 2>&1; then
		got=$(env -u GICPLAN_LAYOUTS bash -c '. "$1"; COMP_WORDS=("$2" --platform ""); COMP_CWORD=2
			_gicplan; printf "%s\n" "${COMPREPLY[@]}"' bash \
			"$T/inst/share/bash-completion/completions/gicplan" "$T/inst/bin/gicplan")
		same "installed gicplan --platform <TAB>" "$got" \
			"$(cd "$T/inst/share/gicplan/layouts" && ls *.json | sed 's/\.json$//')"
	fi
}

[ $# -gt 0 ] || set -- help options quiet closing man completion install
for section in "$@"; do
	case $section in
	help | options | quiet | closing | man | completion | install) "section_$section" ;;
	*) echo "$0: unknown section $section" >&2; exit 2 ;;
	esac
done

echo "conventions cli: $passes passed, $failures failed${skipped:+, skipped:$skipped}"
if [ "$failures" -ne 0 ]; then
	exit 1
fi
if [ -n "$skipped" ] && [ "$passes" -eq 0 ]; then
	exit 77
fi
exit 0
