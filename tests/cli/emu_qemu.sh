#!/bin/sh
# SPDX-License-Identifier: MIT
# gicplan emu --profile qemu against the real thing: one script of qtest lines
# (readl/readq/readb, writel/writeq/writeb) sent to `gicplan emu` on a QEMU
# 7.2 virt tree and to qemu-system-aarch64 -qtest stdio started with the same
# machine, answers compared line by line.
#
#   tests/cli/emu_qemu.sh GICPLAN SOURCE_DIR
#
# Without qemu-system-aarch64 7.2 (the version the QEMU profile models) or
# dtc, it says why and exits 77: ctest reports the test as skipped.
set -u

NAME=emu-qemu
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/qemu_lib.sh"
need_qemu72
if ! command -v dtc >/dev/null 2>&1; then
	echo "$0: dtc is not installed: cannot read the trees' GIC addresses (skipped)" >&2
	exit 77
fi

qemu_pid=""

# Stop the QEMU this script started: TERM, and KILL if it is still there 5 s later
# (a TERM that lands between fork and exec is lost).
stop_qemu() {
	[ -n "$qemu_pid" ] || return 0
	kill "$qemu_pid" 2>/dev/null
	i=0
	while kill -0 "$qemu_pid" 2>/dev/null && [ "$i" -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	kill -9 "$qemu_pid" 2>/dev/null
	wait "$qemu_pid" 2>/dev/null
	qemu_pid=""
}

cleanup() {
	stop_qemu
	rm -rf "$T"
}
# In place of lib.sh's trap, which only removes $T.
trap cleanup EXIT
trap 'exit 2' INT TERM

compared=0

# answers FILE: how many answer lines FILE holds so far.
answers() {
	n=$(grep -c -E '^(OK|FAIL|ERR)' "$1" 2>/dev/null)
	echo "${n:-0}"
}

FRAME=$((128 * 1024))   # a GICv3 redistributor: RD_base + SGI_base
SGI=$((64 * 1024))      # SGI_base from RD_base

# gic_reg DTS: the GIC node's reg cells, as numbers (2 + 2 cells an entry).
# (QEMU writes reg before compatible: find the node first, then its reg.)
gic_reg() {
	node=$(node_of "$1" 'arm,gic-v3"')
	[ -n "$node" ] || return
	awk -v n="$node {" '$0 == "\t" n { on = 1 } on && /^\t\treg = / {
		gsub(/[<>;]/, ""); for (i = 3; i <= NF; i++) printf "%s ", $i; print ""; exit }' "$1"
}

# compare TREE: the same script against gicplan emu and QEMU for the machine TREE describes.
compare() {
	tree=$1
	name=$(basename "$tree" .dtb)
	dtc -q -I dtb -O dts -o "$T/$name.dts" "$tree" || { fail "$name: dtc"; return; }
	cpus=$(grep -c 'device_type = "cpu";' "$T/$name.dts")
	set -- $(gic_reg "$T/$name.dts")
	if [ $# -lt 8 ] || [ $(($# % 4)) -ne 0 ]; then
		fail "$name: GIC reg is not whole 4-cell entries: $*"
		return
	fi
	gicd=$(($1 << 32 | $2))
	shift 4
	# Where vCPU i's frame is: regions filled in order (QEMU, as KVM, fills each to its size).
	regions=""
	left=$cpus
	while [ $# -ge 4 ] && [ "$left" -gt 0 ]; do
		base=$(($1 << 32 | $2))
		frames=$((($3 << 32 | $4) / FRAME))
		[ "$frames" -gt "$left" ] && frames=$left
		regions="$regions $base:$frames"
		left=$((left - frames))
		shift 4
	done
	if [ "$left" -ne 0 ]; then
		fail "$name: its regions hold $((cpus - left)) of $cpus vCPUs"
		return
	fi

	s=$T/$name.script
	{
		echo "readl $(hex $gicd)"                     # GICD_CTLR
		echo "readl $(hex $((gicd + 0x4)))"           # GICD_TYPER
		echo "readl $(hex $((gicd + 0x8)))"           # GICD_IIDR
		echo "readl $(hex $((gicd + 0xffe8)))"        # GICD_PIDR2
		# PIDR2 of every redistributor frame; GICR_TYPER of the first few, every 16th
		# (Aff1 steps) and the last of each region (Last).
		cpu=0
		for r in $regions; do
			base=${r%:*}
			frames=${r#*:}
			k=0
			while [ "$k" -lt "$frames" ]; do
				rd=$((base + k * FRAME))
				echo "readl $(hex $((rd + 0xffe8)))"
				if [ "$k" -lt 3 ] || [ $((cpu % 16)) -eq 0 ] || [ $((cpu % 16)) -eq 15 ] ||
					[ "$k" -eq $((frames - 1)) ]; then
					echo "readq $(hex $((rd + 0x8)))"
				fi
				k=$((k + 1))
				cpu=$((cpu + 1))
			done
			last=$rd
		done
		first=${regions# }
		first=${first%%:*}
		for rd in "$first" "$last"; do
			echo "readl $(hex $((rd + 0x14)))"        # GICR_WAKER at reset
			echo "writel $(hex $((rd + 0x14))) 0"     # wake it
			echo "readl $(hex $((rd + 0x14)))"
			echo "readl $(hex $((rd + 0x4)))"         # GICR_IIDR
			echo "readl $(hex $((rd + 0x0)))"         # GICR_CTLR
		done
		# IPRIORITYR, byte by byte (QEMU keeps 8 bits; writeb truncates VALUE).
		p=$((gicd + 0x420))
		echo "readb $(hex $p)"
		echo "writeb $(hex $p) 0xa0"
		echo "readb $(hex $p)"
		echo "writeb $(hex $((p + 1))) 0x1ff"
		echo "readb $(hex $((p + 1)))"
		echo "writeb $(hex $((p + 3))) 0x58"
		echo "readl $(hex $p)"
		echo "writel $(hex $((p + 4))) 0x12345678"
		echo "readb $(hex $((p + 6)))"
		echo "writeb $(hex $((last + SGI + 0x405))) 0x40"   # a PPI's priority, last vCPU
		echo "readl $(hex $((last + SGI + 0x404)))"
		# ISENABLER/ICENABLER: write 1 to set, write 1 to clear.
		echo "readl $(hex $((gicd + 0x104)))"
		echo "writel $(hex $((gicd + 0x104))) 0x00ff00ff"
		echo "readl $(hex $((gicd + 0x104)))"
		echo "writel $(hex $((gicd + 0x184))) 0x0000f00f"
		echo "readl $(hex $((gicd + 0x104)))"
		echo "readl $(hex $((gicd + 0x184)))"
		echo "writel $(hex $((gicd + 0x104))) 0"
		echo "readl $(hex $((gicd + 0x184)))"
		echo "readl $(hex $((first + SGI + 0x100)))"         # SGI/PPI enables of vCPU 0
		echo "writel $(hex $((first + SGI + 0x100))) 0x0001ffff"
		echo "writel $(hex $((first + SGI + 0x180))) 0x00000003"
		echo "readl $(hex $((first + SGI + 0x100)))"
		# IROUTER<n>, 64-bit: reset, an affinity, IRM, every bit.
		r=$((gicd + 0x6000 + 8 * 32))
		echo "readq $(hex $r)"
		echo "writeq $(hex $r) 0x101"
		echo "readq $(hex $r)"
		echo "writeq $(hex $((r + 8))) 0x80000000"
		echo "readq $(hex $((r + 8)))"
		echo "writeq $(hex $((r + 16))) 0xff80ffffff"
		echo "readq $(hex $((r + 16)))"
		echo "readl $(hex $((r + 20)))"
		echo "writel $(hex $((r + 24))) 0x00030201"
		echo "readq $(hex $((r + 24)))"
		# GICD_CTLR: the bits it keeps.
		echo "writel $(hex $gicd) 0xffffffff"
		echo "readl $(hex $gicd)"
		echo "writel $(hex $gicd) 0x12"
		echo "readl $(hex $gicd)"
	} >"$s"
	# qtest takes no comments, and a blank line aborts QEMU 7.2: commands only.
	if grep -q -v -E '^(read|write)[bwlq] ' "$s"; then
		fail "$name: the script has a line qtest would not take"
		return
	fi
	lines=$(lines "$s")

	"$GICPLAN" emu --profile qemu "$tree" <"$s" >"$T/$name.emu" 2>"$T/$name.emu.err"
	rc=$?
	[ "$rc" -eq 0 ] || fail "$name: gicplan emu exit $rc: $(head -n 3 "$T/$name.emu.err")"

	# QEMU answers on stdout; it does not exit at the end of its input, so wait for every
	# answer, then stop it. -nic none: no default network card, whose boot ROM
	# (efi-virtio.rom, from ipxe-qemu) QEMU would otherwise refuse to start without.
	: >"$T/$name.qemu"
	"$QEMU" -machine virt,gic-version=3 -cpu cortex-a57 -smp "$cpus" -m 1G -display none -nic none \
		-qtest stdio -qtest-log /dev/null <"$s" >"$T/$name.qemu" 2>"$T/$name.qemu.err" &
	qemu_pid=$!
	waited=0
	while [ "$(answers "$T/$name.qemu")" -lt "$lines" ]; do
		if ! kill -0 "$qemu_pid" 2>/dev/null; then
			break
		fi
		if [ "$waited" -ge $((QEMU_TIMEOUT * 10)) ]; then
			fail "$name: QEMU gave $(answers "$T/$name.qemu") of $lines answers in ${QEMU_TIMEOUT}s"
			break
		fi
		sleep 0.1
		waited=$((waited + 1))
	done
	stop_qemu

	# Only answers count: QEMU may print other lines (IRQ notices, its own messages).
	grep -E '^(OK|FAIL|ERR)' "$T/$name.qemu" >"$T/$name.qemu.ans"
	grep -E '^(OK|FAIL|ERR)' "$T/$name.emu" >"$T/$name.emu.ans"
	qn=$(lines "$T/$name.qemu.ans")
	en=$(lines "$T/$name.emu.ans")
	if [ "$qn" -ne "$lines" ]; then
		fail "$name: QEMU answered $qn of $lines lines: $(head -n 5 "$T/$name.qemu.err")"
		return
	fi
	[ "$en" -eq "$lines" ] || fail "$name: gicplan emu answered $en of $lines lines"
	grep -q '^FAIL' "$T/$name.qemu.ans" && fail "$name: QEMU refused a line of the script"
	diffs=$(paste -d '|' "$s" "$T/$name.qemu.ans" "$T/$name.emu.ans" |
		awk -F'|' '$2 != $3 { printf "  %-36s qemu: %-22s gicplan: %s\n", $1, $2, $3 }')
	if [ -n "$diffs" ]; then
		fail "$name: gicplan emu --profile qemu differs from QEMU:"
		echo "$diffs" >&2
	fi
	compared=$((compared + lines))
	echo "$name: $lines lines, $cpus vCPUs:$( [ -z "$diffs" ] && echo " same answers")"
}

for n in 8 124; do
	tree=$SRC/tests/golden/qemu-7.2/virt-gicv3-smp$n.dtb
	[ -f "$tree" ] || { fail "missing $tree"; continue; }
	compare "$tree"
done

echo "emu vs qemu: $compared answers compared, $failures failures"
[ "$failures" -eq 0 ] || exit 1
exit 0
