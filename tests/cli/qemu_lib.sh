# SPDX-License-Identifier: MIT
# Shared by the CLI tests that compare gicplan with a real QEMU (emu_qemu.sh,
# qemu_diff.sh), sourced after lib.sh.
QEMU=${QEMU:-qemu-system-aarch64}
QEMU_TIMEOUT=${QEMU_TIMEOUT:-30}   # seconds for QEMU to answer a script
export QEMU QEMU_TIMEOUT

# need_qemu72: exit 77 (ctest: skipped), saying why, unless $QEMU is QEMU 7.2,
# the version the qemu profile models.
need_qemu72() {
	if ! command -v "$QEMU" >/dev/null 2>&1; then
		echo "$0: $QEMU is not installed: nothing to compare gicplan emu with (skipped)" >&2
		exit 77
	fi
	version=$("$QEMU" --version 2>/dev/null | head -n 1)
	case $version in
	*"version 7.2."*) ;;
	*)
		echo "$0: $QEMU is \"$version\", not 7.2, the version the qemu profile models (skipped)" >&2
		exit 77
		;;
	esac
}
