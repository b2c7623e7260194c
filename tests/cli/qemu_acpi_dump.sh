#!/bin/sh
# SPDX-License-Identifier: MIT
# Dump the ACPI tables QEMU's virt machine builds, with no firmware and no
# guest: QEMU is started with -qtest stdio, and its fw_cfg device is read
# through MMIO as a firmware's loader would read it (the file directory, then
# the file etc/acpi/tables, which holds the tables back to back).
#
#   tests/cli/qemu_acpi_dump.sh OUTDIR QEMU-OPTION...
#
# e.g. tests/cli/qemu_acpi_dump.sh out -machine virt,gic-version=3 -cpu cortex-a57 -smp 8
# writes OUTDIR/SIG.dat for each table (the signature in lower case, as
# acpidump -b names them). QEMU leaves each checksum byte zero for the
# firmware's loader to set (its ADD_CHECKSUM command, over the whole table);
# this script sets it as that loader does, so the files are what a guest
# reads, but for the addresses the loader patches into the XSDT and FADT
# (not GIC tables). Needs python3; QEMU from $QEMU, else qemu-system-aarch64.
# Exit 2 when QEMU or python3 is missing or QEMU fails.
set -u
if [ $# -lt 2 ]; then
	echo "usage: $0 OUTDIR QEMU-OPTION..." >&2
	exit 2
fi
out=$1
shift
QEMU=${QEMU:-qemu-system-aarch64}
command -v "$QEMU" >/dev/null 2>&1 || { echo "$0: $QEMU is not installed" >&2; exit 2; }
command -v python3 >/dev/null 2>&1 || { echo "$0: python3 is not installed" >&2; exit 2; }
mkdir -p "$out" || exit 2
exec python3 - "$out" "$QEMU" "$@" <<'PY'
import struct, subprocess, sys

out, qemu, opts = sys.argv[1], sys.argv[2], sys.argv[3:]
FW_CFG = 0x09020000        # the virt machine's fw_cfg (hw/arm/virt.c memmap VIRT_FW_CFG)
DATA = FW_CFG + 0          # the data port: the selected item's next bytes
SELECTOR = FW_CFG + 8      # a big-endian 16-bit selector
FILE_DIR = 0x19            # FW_CFG_FILE_DIR
ENTRY = 64                 # struct FWCfgFile: size BE32, select BE16, reserved, name[56]

p = subprocess.Popen([qemu, *opts, "-qtest", "stdio", "-nic", "none", "-display", "none",
                      "-serial", "none", "-monitor", "none", "-qtest-log", "/dev/null"],
                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

def cmd(line):
    p.stdin.write(line + "\n")
    p.stdin.flush()
    while True:
        a = p.stdout.readline()
        if not a:
            sys.exit("%s: QEMU stopped answering" % qemu)
        if a.startswith(("OK", "FAIL", "ERR")):
            break   # skip qtest's IRQ notices
    if not a.startswith("OK"):
        sys.exit("%s: %s -> %s" % (qemu, line, a.strip()))
    return a.split()[1] if len(a.split()) > 1 else None

def select(key):
    # The device is big-endian, qtest's writew little-endian: swap the bytes.
    cmd("writew 0x%x 0x%04x" % (SELECTOR, ((key & 0xff) << 8) | (key >> 8)))

def read(n):
    return bytes(int(cmd("readb 0x%x" % DATA), 16) for _ in range(n))

try:
    select(FILE_DIR)
    count = struct.unpack(">I", read(4))[0]
    files = {}
    for _ in range(count):
        size, key, _res, name = struct.unpack(">IHH56s", read(ENTRY))
        files[name.rstrip(b"\0").decode()] = (key, size)
    if "etc/acpi/tables" not in files:
        sys.exit("%s: no etc/acpi/tables in fw_cfg" % qemu)
    key, size = files["etc/acpi/tables"]
    select(key)
    blob = read(size)
finally:
    p.stdin.close()
    p.terminate()
    p.wait()
off = 0
while off + 8 <= len(blob):
    sig = blob[off:off + 4].decode("ascii", "replace")
    length = struct.unpack("<I", blob[off + 4:off + 8])[0]
    if length < 8 or off + length > len(blob):
        break
    table = bytearray(blob[off:off + length])
    if sig != "FACS":   # the one table without a checksum
        table[9] = 0
        table[9] = -sum(table) & 0xff
    with open("%s/%s.dat" % (out, sig.lower()), "wb") as f:
        f.write(table)
    print("%s.dat %d bytes" % (sig.lower(), length))
    off += length
PY
