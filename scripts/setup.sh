#!/bin/sh
# Install what gicplan needs to build and test, on Debian or Ubuntu, if missing.
set -eu
packages="cmake make gcc pkg-config libjansson-dev libfdt-dev check device-tree-compiler python3"
# --test: QEMU, so that the console is compared with QEMU's own answers (tests/cli/emu_qemu.sh)
# --extra: what fuzzing and valgrind need
case " $* " in *" --test "*) packages="$packages qemu-system-arm" ;; esac
case " $* " in *" --extra "*) packages="$packages clang libclang-rt-dev valgrind" ;; esac

missing=""
for p in $packages; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "setup: installing$missing" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
