#!/bin/sh
# SPDX-License-Identifier: MIT
# Outputs never destroy what they do not own: devices, FIFOs and standard output are
# written into, symbolic links lead to the file that is replaced, two outputs never
# share a file, a replaced file keeps its mode, and a failure leaves old files whole.
#
#   tests/cli/outputs.sh GICPLAN SOURCE_DIR [SECTION...]
#
# Sections (all by default): devices fifo links same_output modes failures.
# Run as root, each section runs as root and then again as an unprivileged user
# (uid 65534, through setpriv) in a directory that user owns; run as another
# user, it runs as that user and names the cases it cannot run.
set -u

NAME=outputs
. "$(dirname "$0")/lib.sh"

# Every run, with a FIFO among the outputs too, ends: a hang fails the test instead.
RUN_TIMEOUT=60
ARGS="--cpus 8"
NOBODY=65534

run() {
	(cd "$T/work" && timeout "$RUN_TIMEOUT" "$GICPLAN" "$@") >"$T/out" 2>"$T/err"
	rc=$?
}

is_root() {
	[ "$(id -u)" -eq 0 ]
}

if is_root; then WHO=root; else WHO="uid $(id -u)"; fi

# The devices and the link the cases write into. A gicplan that replaced them (the bug
# these tests are for) would, run as root, replace the machine's own /dev/null: as root
# the cases first run on copies made here, and the real ones are used only if the copies
# survive; without copies (no mknod) root leaves /dev to the unprivileged run.
DEV_NULL=/dev/null
DEV_FULL=/dev/full
DEV_STDOUT=/dev/stdout
DEV_OK=yes

dev_copies_survive() {
	d=$T/dev
	mkdir -p "$d"
	mknod -m 666 "$d/null" c 1 3 2>/dev/null && mknod -m 666 "$d/full" c 1 7 2>/dev/null ||
		return 2
	ln -s /proc/self/fd/1 "$d/stdout"
	(cd "$d" && timeout "$RUN_TIMEOUT" "$GICPLAN" $ARGS --out null --plan stdout
		timeout "$RUN_TIMEOUT" "$GICPLAN" $ARGS --out full
		timeout "$RUN_TIMEOUT" "$GICPLAN" $ARGS --out stdout --plan -) >"$T/dev.out" 2>&1
	[ -c "$d/null" ] && [ -c "$d/full" ] && [ -L "$d/stdout" ]
}

if is_root; then
	dev_copies_survive
	case $? in
	0) ;;
	2)
		echo "note: as root, no device copies can be made here: /dev is left to the unprivileged run"
		DEV_OK=no
		;;
	*)
		fail "gicplan replaced a copy of /dev/null, /dev/full or /dev/stdout: the real ones are not risked"
		DEV_NULL=$T/dev/null DEV_FULL=$T/dev/full DEV_STDOUT=$T/dev/stdout
		;;
	esac
fi

# The tree and plan of $ARGS written as plain new files: what every other spelling must get.
make_ref() {
	mkdir -p "$T/ref"
	(cd "$T/ref" && "$GICPLAN" $ARGS --out ref.dtb --plan ref.json) >/dev/null 2>&1 ||
		fail "$ARGS --out ref.dtb --plan ref.json failed"
	REF_DTB=$T/ref/ref.dtb
	REF_JSON=$T/ref/ref.json
	is_dtb "$REF_DTB" && [ -s "$REF_JSON" ] && pass || fail "no reference tree and plan"
}

# starts_with FILE PREFIX_FILE: FILE's first bytes are PREFIX_FILE's.
starts_with() {
	head -c "$(wc -c <"$2")" "$1" | cmp -s - "$2"
}

mode_of() {
	stat -c %a "$1"
}

# reap PID: the FIFO's reader ends when a writer closes it (given $RUN_TIMEOUT seconds);
# after a failed run it may still wait for a writer that never came, and is stopped.
reap() {
	if [ "$rc" -eq 0 ]; then
		tenths=0
		while kill -0 "$1" 2>/dev/null && [ "$tenths" -lt $((RUN_TIMEOUT * 10)) ]; do
			sleep 0.1
			tenths=$((tenths + 1))
		done
	fi
	kill "$1" 2>/dev/null
	wait "$1" 2>/dev/null
}

# ---- devices and standard output: written into, never replaced ------------------------

# The devices and /dev/stdout (or their copies, see DEV_OK): written into.
devices_into() {
	expect_rc 0 "--out $DEV_NULL" $ARGS --out "$DEV_NULL"
	check "$DEV_NULL is still a character device" test -c "$DEV_NULL"

	# /dev/full takes nothing (ENOSPC): exit 2 naming it, and the device stays a device.
	expect_error 2 "$DEV_FULL" $ARGS --out "$DEV_FULL"
	check "$DEV_FULL is still a character device" test -c "$DEV_FULL"
	# Regular files are in place, whole, before a device is written.
	expect_error 2 "$DEV_FULL" $ARGS --out "$DEV_FULL" --plan p.json
	check "--plan beside a full device is whole" cmp -s "$T/work/p.json" "$REF_JSON"
	expect_error 2 "$DEV_FULL" $ARGS --out d.dtb --plan "$DEV_FULL"
	check "--out beside a full device is whole" cmp -s "$T/work/d.dtb" "$REF_DTB"
	check "$DEV_FULL is still a character device" test -c "$DEV_FULL"

	# /dev/stdout is standard output, whatever that is: a file here, then a pipe.
	expect_rc 0 "--out $DEV_STDOUT" $ARGS --out "$DEV_STDOUT" --plan s.json
	check "$DEV_STDOUT is still a link" test -L "$DEV_STDOUT"
	check "--out /dev/stdout (a file) gets the tree" starts_with "$T/out" "$REF_DTB"
	check "--plan beside /dev/stdout" cmp -s "$T/work/s.json" "$REF_JSON"
	(cd "$T/work" && { timeout "$RUN_TIMEOUT" "$GICPLAN" $ARGS --out "$DEV_STDOUT" 2>"$T/err"
		echo $? >"$T/rc"; } | cat >"$T/piped")
	[ "$(cat "$T/rc")" -eq 0 ] && pass || fail "--out /dev/stdout into a pipe: exit $(cat "$T/rc")"
	check "--out /dev/stdout (a pipe) gets the tree" starts_with "$T/piped" "$REF_DTB"
	check "$DEV_STDOUT is still a link" test -L "$DEV_STDOUT"
}

section_devices() {
	fresh
	make_ref
	if [ "$DEV_OK" = yes ]; then
		devices_into
	fi
	# An open file named through /dev/fd is that file, rewritten, not a path to replace.
	printf 'an old and longer content than nothing\n' >"$T/work/fd3.dtb"
	(cd "$T/work" && timeout "$RUN_TIMEOUT" "$GICPLAN" $ARGS --out /dev/fd/3 3>fd3.dtb \
		>/dev/null 2>"$T/err")
	rc=$?
	[ "$rc" -eq 0 ] && pass || fail "--out /dev/fd/3: exit $rc: $(cat "$T/err")"
	check "--out /dev/fd/3 writes the file open on 3" cmp -s "$T/work/fd3.dtb" "$REF_DTB"
	check "no temporary file" no_temp_files
}

# ---- FIFOs: written into, after every regular file is in place -----------------------

section_fifo() {
	fresh
	make_ref
	mkfifo "$T/work/fifo"
	# The reader takes one byte, then looks at --plan: by then it must be whole.
	({ dd bs=1 count=1 2>/dev/null; cat "$T/work/p.json" >"$T/snap" 2>/dev/null; cat; } \
		<"$T/work/fifo" >"$T/got") &
	reader=$!
	expect_rc 0 "--out FIFO" $ARGS --out fifo --plan p.json
	reap "$reader"
	check "the FIFO's reader got the tree" cmp -s "$T/got" "$REF_DTB"
	check "--plan was whole before the FIFO was written" cmp -s "$T/snap" "$REF_JSON"
	check "the FIFO is still a FIFO" test -p "$T/work/fifo"

	cat "$T/work/fifo" >"$T/got" &
	reader=$!
	expect_rc 0 "--plan FIFO" $ARGS --out f.dtb --plan fifo
	reap "$reader"
	check "the FIFO's reader got the plan" cmp -s "$T/got" "$REF_JSON"
	check "--out beside a FIFO" cmp -s "$T/work/f.dtb" "$REF_DTB"
	check "the FIFO is still a FIFO" test -p "$T/work/fifo"
	check "no temporary file" no_temp_files
}

# ---- symbolic links: the file they lead to is replaced, the link stays ----------------

# link_stays LINK TARGET: LINK is still a link reading TARGET.
link_stays() {
	[ -L "$T/work/$1" ] && [ "$(readlink "$T/work/$1")" = "$2" ]
}

section_links() {
	fresh
	make_ref
	w=$T/work
	printf 'old\n' >"$w/target.dtb"
	ln -s target.dtb "$w/link.dtb"
	expect_rc 0 "--out LINK" $ARGS --out link.dtb
	check "the link stays a link" link_stays link.dtb target.dtb
	check "the link's target gets the tree" cmp -s "$w/target.dtb" "$REF_DTB"

	# A chain: absolute link to a relative one to the file.
	printf 'old\n' >"$w/c.dtb"
	ln -s c.dtb "$w/c1"
	ln -s c1 "$w/c2"
	ln -s "$w/c2" "$w/c3"
	expect_rc 0 "--out a chain of links" $ARGS --out c3
	check "every link of the chain stays" sh -c \
		'[ -L "$1/c1" ] && [ -L "$1/c2" ] && [ -L "$1/c3" ]' sh "$w"
	check "the chain's file gets the tree" cmp -s "$w/c.dtb" "$REF_DTB"

	# A dangling link: its file is made.
	ln -s made.dtb "$w/dangling.dtb"
	expect_rc 0 "--out a dangling link" $ARGS --out dangling.dtb
	check "the dangling link stays a link" link_stays dangling.dtb made.dtb
	check "the dangling link's file is made" cmp -s "$w/made.dtb" "$REF_DTB"
	ln -s nodir/x.dtb "$w/nowhere.dtb"
	expect_error 2 nowhere.dtb $ARGS --out nowhere.dtb
	check "a link into no directory stays" link_stays nowhere.dtb nodir/x.dtb
	check "a link into no directory makes none" test ! -e "$w/nodir"

	# A relative link is read from its own directory, into another one.
	mkdir "$w/sub" "$w/other"
	printf 'old\n' >"$w/other/x.dtb"
	ln -s ../other/x.dtb "$w/sub/l.dtb"
	expect_rc 0 "--out a link into another directory" $ARGS --out sub/l.dtb
	check "the link in sub/ stays" link_stays sub/l.dtb ../other/x.dtb
	check "other/x.dtb gets the tree" cmp -s "$w/other/x.dtb" "$REF_DTB"
	# The temporary is made beside the target: the link's own directory need not be writable.
	if ! is_root; then
		printf 'old\n' >"$w/other/x.dtb"
		chmod 555 "$w/sub"
		expect_rc 0 "--out a link in a read-only directory" $ARGS --out sub/l.dtb
		chmod 755 "$w/sub"
		check "a link in a read-only directory: its target gets the tree" \
			cmp -s "$w/other/x.dtb" "$REF_DTB"
	else
		echo "note: as root, the read-only link directory is left to the unprivileged run"
	fi
	# ... and on the target's filesystem: a temporary beside the link could not be renamed.
	if [ -d /dev/shm ] && [ -w /dev/shm ] && [ "$(stat -c %d /dev/shm)" != "$(stat -c %d "$w")" ]; then
		shm=$(mktemp -d /dev/shm/gicplan-outputs-test.XXXXXX)
		trap 'rm -rf "$T" "$shm"' EXIT INT TERM
		printf 'old\n' >"$shm/x.dtb"
		ln -s "$shm/x.dtb" "$w/shm.dtb"
		expect_rc 0 "--out a link to another filesystem" $ARGS --out shm.dtb
		check "the link to another filesystem stays" link_stays shm.dtb "$shm/x.dtb"
		check "the file on another filesystem gets the tree" cmp -s "$shm/x.dtb" "$REF_DTB"
		left=$(find "$shm" -name '*.gicplan-*')
		[ -z "$left" ] && pass || fail "temporary files left in $shm: $left"
		rm -rf "$shm"
	else
		echo "note: /dev/shm is not another writable filesystem: the cross-filesystem link is skipped"
	fi

	# A loop of links, a link to a directory: refused, the links stay.
	ln -s loop2 "$w/loop1"
	ln -s loop1 "$w/loop2"
	expect_error 2 loop1 $ARGS --out loop1
	check "a loop of links stays" sh -c '[ -L "$1/loop1" ] && [ -L "$1/loop2" ]' sh "$w"
	ln -s other "$w/dirlink"
	expect_error 2 dirlink $ARGS --out dirlink
	check "a link to a directory stays" link_stays dirlink other
	check "no temporary file" no_temp_files
}

# ---- two outputs to one file: refused before anything is done ------------------------

section_same_output() {
	fresh
	w=$T/work
	expect_error 2 '"-"' $ARGS --out - --plan -
	if [ "$DEV_OK" = yes ]; then
		expect_error 2 "$DEV_STDOUT" $ARGS --out "$DEV_STDOUT" --plan -
		expect_error 2 "$DEV_STDOUT" $ARGS --out - --plan "$DEV_STDOUT"
		expect_error 2 "$DEV_NULL" $ARGS --out "$DEV_NULL" --plan "$DEV_NULL"
		# Through a pipe: standard output is not a file there, and still one output.
		(cd "$w" && { timeout "$RUN_TIMEOUT" "$GICPLAN" $ARGS --out "$DEV_STDOUT" --plan - \
			2>"$T/err"; echo $? >"$T/rc"; } | cat >"$T/piped")
		[ "$(cat "$T/rc")" -eq 2 ] && pass ||
			fail "--out /dev/stdout --plan - into a pipe: exit $(cat "$T/rc")"
		[ ! -s "$T/piped" ] && pass || fail "--out /dev/stdout --plan - wrote into the pipe"
		check "$DEV_STDOUT is still a link" test -L "$DEV_STDOUT"
	fi

	printf 'keep\n' >"$w/t.dtb"
	ln -s t.dtb "$w/l.dtb"
	expect_error 2 l.dtb $ARGS --out l.dtb --plan t.dtb
	[ "$(cat "$w/t.dtb")" = keep ] && pass || fail "--out LINK --plan ITS-FILE wrote the file"
	ln -s new.dtb "$w/d.dtb"
	expect_error 2 d.dtb $ARGS --out d.dtb --plan new.dtb
	check "--out DANGLING --plan ITS-FILE makes nothing" test ! -e "$w/new.dtb"
	check "no temporary file" no_temp_files
}

# ---- a replaced file keeps its mode (and its owner, where root writes) ---------------

section_modes() {
	fresh
	make_ref
	w=$T/work
	printf 'old\n' >"$w/m600.dtb"
	chmod 600 "$w/m600.dtb"
	printf 'old\n' >"$w/m640.json"
	chmod 640 "$w/m640.json"
	expect_rc 0 "replace 0600 and 0640 files" $ARGS --out m600.dtb --plan m640.json
	[ "$(mode_of "$w/m600.dtb")" = 600 ] && pass || fail "a 0600 file became $(mode_of "$w/m600.dtb")"
	[ "$(mode_of "$w/m640.json")" = 640 ] && pass || fail "a 0640 file became $(mode_of "$w/m640.json")"
	check "the 0600 file gets the tree" cmp -s "$w/m600.dtb" "$REF_DTB"
	check "the 0640 file gets the plan" cmp -s "$w/m640.json" "$REF_JSON"

	printf 'old\n' >"$w/lt.dtb"
	chmod 604 "$w/lt.dtb"
	ln -s lt.dtb "$w/lm.dtb"
	expect_rc 0 "replace a 0604 file through a link" $ARGS --out lm.dtb
	[ "$(mode_of "$w/lt.dtb")" = 604 ] && pass || fail "a 0604 link target became $(mode_of "$w/lt.dtb")"

	expect_rc 0 "a new file" $ARGS --out new.dtb
	[ "$(mode_of "$w/new.dtb")" = 644 ] && pass || fail "a new file is $(mode_of "$w/new.dtb"), not 644"

	if is_root; then
		printf 'old\n' >"$w/theirs.dtb"
		chown "$NOBODY:$NOBODY" "$w/theirs.dtb"
		chmod 600 "$w/theirs.dtb"
		expect_rc 0 "root replaces another user's file" $ARGS --out theirs.dtb
		[ "$(stat -c '%u:%g %a' "$w/theirs.dtb")" = "$NOBODY:$NOBODY 600" ] && pass ||
			fail "another user's 0600 file became $(stat -c '%u:%g %a' "$w/theirs.dtb")"
		check "another user's file gets the tree" cmp -s "$w/theirs.dtb" "$REF_DTB"
	else
		echo "note: not root: another user's file keeping its owner is skipped"
	fi
	check "no temporary file" no_temp_files
}

# ---- a failure leaves every old file whole -------------------------------------------

section_failures() {
	fresh
	w=$T/work
	printf 'old dtb\n' >"$w/a.dtb"
	printf 'old plan\n' >"$w/a.json"
	cp "$w/a.dtb" "$T/keep.dtb"
	cp "$w/a.json" "$T/keep.json"

	unchanged() {
		cmp -s "$w/a.dtb" "$T/keep.dtb" && cmp -s "$w/a.json" "$T/keep.json"
	}

	# The second output fails: the first one's old file stays; and the other way round.
	expect_error 2 nodir $ARGS --out a.dtb --plan nodir/p.json
	check "a failing --plan keeps --out's old file" unchanged
	expect_error 2 nodir $ARGS --out nodir/x.dtb --plan a.json
	check "a failing --out keeps --plan's old file" unchanged
	mkdir "$w/adir"
	expect_error 2 adir $ARGS --out a.dtb --plan adir
	check "--plan naming a directory keeps --out's old file" unchanged
	if [ -n "$PY" ]; then
		$PY -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' "$w/sock"
		expect_error 2 sock $ARGS --out a.dtb --plan sock
		check "a socket stays a socket" test -S "$w/sock"
		check "--plan naming a socket keeps --out's old file" unchanged
	else
		echo "note: python3 not installed: the socket case is skipped"
	fi

	if ! is_root; then
		mkdir "$w/ro"
		printf 'old ro\n' >"$w/ro/x.dtb"
		cp "$w/ro/x.dtb" "$T/keep-ro.dtb"
		ln -s ro/x.dtb "$w/rol.dtb"
		chmod 555 "$w/ro"
		expect_error 2 ro/x.dtb $ARGS --out ro/x.dtb
		check "a file in a read-only directory is unchanged" cmp -s "$w/ro/x.dtb" "$T/keep-ro.dtb"
		expect_error 2 ro/x.dtb $ARGS --out a.dtb --plan ro/x.dtb
		check "a read-only --plan keeps --out's old file" unchanged
		expect_error 2 rol.dtb $ARGS --out rol.dtb --plan a.json
		check "a link into a read-only directory keeps --plan's old file" unchanged
		check "a link into a read-only directory: its target is unchanged" \
			cmp -s "$w/ro/x.dtb" "$T/keep-ro.dtb"
		chmod 755 "$w/ro"
		# A FIFO this user may not write: refused before anything, no reader needed.
		mkfifo "$w/nw.fifo"
		chmod 444 "$w/nw.fifo"
		expect_error 2 nw.fifo $ARGS --out nw.fifo --plan a.json
		check "an unwritable FIFO keeps --plan's old file" unchanged
		check "an unwritable FIFO stays a FIFO" test -p "$w/nw.fifo"
	else
		echo "note: as root, read-only directories and FIFOs are left to the unprivileged run"
	fi
	check "no temporary file after failed writes" no_temp_files
}

# ---- main ----------------------------------------------------------------------------

SECTIONS="devices fifo links same_output modes failures"
[ $# -gt 0 ] || set -- $SECTIONS
for s in "$@"; do
	case " $SECTIONS " in
	*" $s "*) "section_$s" ;;
	*) echo "$0: unknown section $s" >&2; exit 2 ;;
	esac
done
echo "outputs as $WHO: $passes checks passed, $failures failed"

# As root, the same sections again as an unprivileged user, in a directory that user owns.
if is_root && [ -z "${GICPLAN_OUTPUTS_UNPRIVILEGED:-}" ]; then
	if command -v setpriv >/dev/null 2>&1; then
		# The tree may sit where that user cannot read (a clone in /root): the user gets
		# copies of this script, lib.sh, the binary and the bundled layouts.
		mkdir "$T/nobody" "$T/copy" "$T/copy/tests" "$T/copy/tests/cli" &&
			chown "$NOBODY:$NOBODY" "$T/nobody" && chmod 711 "$T" &&
			cp "$0" "$(dirname "$0")/lib.sh" "$T/copy/tests/cli/" &&
			cp "$GICPLAN" "$T/copy/gicplan" && cp -r "$SRC/layouts" "$T/copy/layouts" &&
			chmod -R a+rX "$T/copy" || fail "copies for uid $NOBODY"
		GICPLAN_OUTPUTS_UNPRIVILEGED=1 TMPDIR=$T/nobody GICPLAN_LAYOUTS=$T/copy/layouts \
			setpriv --reuid="$NOBODY" --regid="$NOBODY" --clear-groups \
			sh "$T/copy/tests/cli/outputs.sh" "$T/copy/gicplan" "$T/copy" "$@" ||
			fail "the run as uid $NOBODY failed"
	else
		echo "note: setpriv (util-linux) not found: the unprivileged run is skipped"
	fi
fi
[ "$failures" -eq 0 ]
