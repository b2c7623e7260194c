#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Randomized differential test of `gicplan emu --profile qemu` against QEMU 7.2.

For each machine configuration: QEMU dumps its own tree (dumpdtb), a seeded
random script of MMIO reads and writes (every GICD and GICR register, in every
frame of every redistributor, at every width: 1, 2, 4 and 8 bytes, valid or
not) goes to `qemu-system-aarch64 -qtest stdio` started with that machine and
to `gicplan emu` on that tree, and the answers are compared line by line.

    qemu_diff.py GICPLAN

Environment:
    QEMU                 the QEMU binary (default qemu-system-aarch64)
    QEMU_DIFF_SEED       the seed (default: random; always printed)
    QEMU_DIFF_ACCESSES   accesses per configuration (default 500)
    QEMU_DIFF_CONFIGS    configurations, e.g. "7.2:3:on:off:8 6.1:4:off:on:2"
                         (machine:gic-version:its:virtualization:vCPUs), or
                         "wide": every virt type of QEMU 7.2, GICv3/v4, its on/off,
                         1 to 512 vCPUs (about a minute)
    QEMU_DIFF_PROFILE    the gicplan profile to test (default qemu; arch or kvm
                         must fail: the test tells a wrong profile apart)
    QEMU_DIFF_NO_MACHINE set to 1 to leave --qemu-machine out (for gicplan
                         builds that predate it)
    QEMU_DIFF_SHOW       mismatches printed per configuration (default 20)
    QEMU_TIMEOUT         seconds QEMU may take to answer a script (default 30)

What only qtest does is told apart: qtest splits an access not aligned to its
width into smaller ones (a guest takes an alignment fault), and answers reads
of addresses nothing is mapped at (unpopulated redistributor frames) with 0 and
drops writes there (a guest takes an external abort). A few such lines go into
every script, marked: gicplan must refuse them (FAIL), whatever qtest says, and
they are counted apart. They cannot change state in either (only reads are
misaligned), so the other answers stay comparable.

Exit: 0 every answer agrees, 1 some differ, 2 the test could not run,
77 skipped (no QEMU 7.2).
"""
import os
import random
import select
import struct
import subprocess
import sys
import tempfile
import time

KIB = 1024
FRAME = 64 * KIB              # one GIC MMIO frame
GICR_V3_SIZE = 128 * KIB      # RD_base + SGI_base
GICR_V4_SIZE = 256 * KIB      # + VLPI_base + reserved
FIRST_TCG_ITS = (6, 2)        # virt machine types from 6.2 have a TCG ITS: has-lpi

DEFAULT_CONFIGS = [
    # machine, GIC version, its, virtualization, vCPUs
    ("7.2", 3, True, False, 8),
    ("7.2", 3, False, False, 5),
    ("6.1", 3, True, False, 3),
    ("6.1", 4, True, True, 2),
    ("7.2", 4, True, True, 4),
    ("2.12", 3, True, False, 2),
    ("3.0", 4, False, True, 3),
    ("7.2", 3, True, False, 130),
]

# The virt machine types of QEMU 7.2, and the vCPU counts "wide" cycles through
# (regions full or not: 123 GICv3 / 61 GICv4 frames fit below 4 GiB).
VIRT_TYPES = ["2.6", "2.7", "2.8", "2.9", "2.10", "2.11", "2.12", "3.0", "3.1", "4.0", "4.1",
              "4.2", "5.0", "5.1", "5.2", "6.0", "6.1", "6.2", "7.0", "7.1", "7.2"]
WIDE_COUNTS = (1, 2, 5, 8, 61, 62, 123, 124, 255)
WIDE_MAX_FROM = (3, 0)       # virt-2.12 and older take at most 255 vCPUs
WIDE_MAX = 512


def wide_configs():
    out, k = [], 0
    for m in VIRT_TYPES:
        for gic, its, virt in ((3, True, False), (3, False, False), (4, True, True),
                               (4, False, True)):
            out.append((m, gic, its, virt, WIDE_COUNTS[k % len(WIDE_COUNTS)]))
            k += 1
        if tuple(int(x) for x in m.split(".")) >= WIDE_MAX_FROM:
            out.append((m, 3, k % 2 == 0, False, WIDE_MAX))
    return out


# (offset, bytes) of every register of a frame, from IHI 0069 (GICv3/v4).
GICD_REGS = [
    (0x0000, 4), (0x0004, 4), (0x0008, 4), (0x000C, 4), (0x0010, 4),   # CTLR TYPER IIDR TYPER2 STATUSR
    (0x0040, 4), (0x0048, 4), (0x0050, 4), (0x0058, 4),                # SETSPI/CLRSPI NSR, SR
    (0x0080, 0x80), (0x0100, 0x80), (0x0180, 0x80), (0x0200, 0x80),    # IGROUPR ISENABLER ICENABLER ISPENDR
    (0x0280, 0x80), (0x0300, 0x80), (0x0380, 0x80),                    # ICPENDR ISACTIVER ICACTIVER
    (0x0400, 0x400), (0x0800, 0x400), (0x0C00, 0x100),                 # IPRIORITYR ITARGETSR ICFGR
    (0x0D00, 0x80), (0x0E00, 0x100), (0x0F00, 4),                      # IGRPMODR NSACR SGIR
    (0x0F10, 0x10), (0x0F20, 0x10),                                    # CPENDSGIR SPENDSGIR
    (0x6000, 0x2000),                                                  # IROUTER
    (0xFFD0, 0x30),                                                    # PIDR4-7, PIDR0-3, CIDR0-3
]
GICR_RD_REGS = [
    (0x0000, 4), (0x0004, 4), (0x0008, 8), (0x0010, 4), (0x0014, 4),   # CTLR IIDR TYPER STATUSR WAKER
    (0x0040, 8), (0x0048, 8), (0x0070, 8), (0x0078, 8),                # SETLPIR CLRLPIR PROPBASER PENDBASER
    (0x00A0, 8), (0x00B0, 8), (0x00C0, 4),                             # INVLPIR INVALLR SYNCR
    (0xFFD0, 0x30),                                                    # ID registers
]
GICR_SGI_REGS = [
    (0x0080, 4), (0x0100, 4), (0x0180, 4), (0x0200, 4), (0x0280, 4),   # IGROUPR0 ISENABLER0 ICENABLER0 ISPENDR0 ICPENDR0
    (0x0300, 4), (0x0380, 4), (0x0400, 0x20),                          # ISACTIVER0 ICACTIVER0 IPRIORITYR0-7
    (0x0C00, 4), (0x0C04, 4), (0x0D00, 4), (0x0E00, 4),                # ICFGR0 ICFGR1 IGRPMODR0 NSACR
    (0xFFD0, 0x30),
]
GICR_VLPI_REGS = [(0x0070, 8), (0x0078, 8), (0xFFD0, 0x30)]           # VPROPBASER VPENDBASER
GICR_VPROPBASER = 2 * FRAME + 0x70
VPROPBASER_IDBITS = 0x1F     # IDbits [4:0]: QEMU scans 2^(IDbits+1) bits of guest memory
VPROPBASER_IDBITS_MAX = 13   # ... when VPENDBASER.Valid is set: keep the scan short
WIDTHS = {1: "b", 2: "w", 4: "l", 8: "q"}
ANSWER_PREFIXES = ("OK", "FAIL", "ERR")


def fail_setup(msg):
    print(f"qemu_diff: {msg}", file=sys.stderr)
    sys.exit(2)


# ---- the tree ----------------------------------------------------------------

FDT_BEGIN_NODE, FDT_END_NODE, FDT_PROP, FDT_NOP, FDT_END = 1, 2, 3, 4, 9


def fdt_nodes(blob):
    """[(path, {prop: bytes})] of a flattened device tree, in order."""
    magic, _, off_struct, off_strings = struct.unpack_from(">4I", blob, 0)
    if magic != 0xD00DFEED:
        raise ValueError("not a flattened device tree")
    nodes, stack, pos = [], [], off_struct
    while True:
        (token,) = struct.unpack_from(">I", blob, pos)
        pos += 4
        if token == FDT_BEGIN_NODE:
            end = blob.index(b"\0", pos)
            stack.append((blob[pos:end].decode(), {}))
            nodes.append(("/".join(n for n, _ in stack), stack[-1][1]))
            pos = (end + 4) & ~3
        elif token == FDT_END_NODE:
            stack.pop()
        elif token == FDT_PROP:
            length, nameoff = struct.unpack_from(">2I", blob, pos)
            pos += 8
            name = blob[off_strings + nameoff:blob.index(b"\0", off_strings + nameoff)].decode()
            stack[-1][1][name] = blob[pos:pos + length]
            pos = (pos + length + 3) & ~3
        elif token == FDT_NOP:
            continue
        elif token == FDT_END:
            return nodes
        else:
            raise ValueError(f"bad FDT token {token}")


def cells(data, n):
    """The big-endian numbers of @n cells each in @data."""
    words = struct.unpack(f">{len(data) // 4}I", data)
    out = []
    for i in range(0, len(words) - n + 1, n):
        v = 0
        for w in words[i:i + n]:
            v = v << 32 | w
        out.append(v)
    return out


def read_tree(path):
    """(GICD base, [(region base, size)], vCPUs) of a QEMU virt tree."""
    with open(path, "rb") as f:
        nodes = fdt_nodes(f.read())
    root = nodes[0][1]
    ac = cells(root.get("#address-cells", b"\0\0\0\2"), 1)[0]
    sc = cells(root.get("#size-cells", b"\0\0\0\1"), 1)[0]
    cpus = sum(1 for _, p in nodes if p.get("device_type") == b"cpu\0")
    for _, p in nodes:
        if p.get("compatible", b"").split(b"\0")[0] == b"arm,gic-v3":
            addrs = cells(p["reg"], ac + sc)
            regs = [(v >> (32 * sc), v & ((1 << (32 * sc)) - 1)) for v in addrs]
            return regs[0][0], regs[1:], cpus
    raise ValueError("no arm,gic-v3 node")


# ---- QEMU --------------------------------------------------------------------

def machine_args(cfg):
    machine, gic, its, virt, _ = cfg
    m = f"virt-{machine},gic-version={gic},its={'on' if its else 'off'}"
    return m + (",virtualization=on" if virt else "")


def qemu_frames(cfg, regions, cpus):
    """Where QEMU 7.2 puts each vCPU's redistributor, and its size.

    hw/arm/virt.c virt_redist_capacity: a region holds size / 256 KiB
    redistributors for GICv4, size / 128 KiB for GICv3, and create_gic fills
    them in order. hw/intc/arm_gicv3_common.c gicv3_redist_size: a frame is
    256 KiB only with GICR_TYPER.VLPIS, which needs has-lpi (machine >= 6.2).
    """
    machine, gic, _, _, _ = cfg
    lpis = tuple(int(x) for x in machine.split(".")) >= FIRST_TCG_ITS
    step = GICR_V4_SIZE if gic == 4 and lpis else GICR_V3_SIZE
    capacity_size = GICR_V4_SIZE if gic == 4 else GICR_V3_SIZE
    frames, holes, left = [], [], cpus
    for base, size in regions:
        n = min(left, size // capacity_size)
        frames += [base + i * step for i in range(n)]
        if base + n * step < base + size:       # the region's unpopulated rest
            holes.append((base + n * step, base + size))
        left -= n
    if left:
        fail_setup(f"{machine_args(cfg)}: its regions hold {cpus - left} of {cpus} vCPUs")
    return frames, holes, step


def run_answers(argv, script_path, want, timeout, keep_running):
    """The answer lines of @argv fed @script_path, once there are @want of them."""
    with open(script_path, "rb") as inp:
        p = subprocess.Popen(argv, stdin=inp, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
    answers, buf, deadline = [], b"", time.monotonic() + timeout
    try:
        while len(answers) < want:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            ready, _, _ = select.select([p.stdout], [], [], left)
            if not ready:
                break
            chunk = os.read(p.stdout.fileno(), 65536)
            if not chunk:
                break
            buf += chunk
            *whole, buf = buf.split(b"\n")
            answers += [ln.decode(errors="replace").strip() for ln in whole
                        if ln.startswith(tuple(a.encode() for a in ANSWER_PREFIXES))]
    finally:
        if keep_running:       # QEMU does not exit at the end of its input
            p.terminate()
        try:
            _, err = p.communicate(timeout=5)
        except subprocess.TimeoutExpired:
            p.kill()
            _, err = p.communicate()
    return answers, p.returncode, err.decode(errors="replace")


# ---- the script --------------------------------------------------------------

def pick_value(rng, width):
    mask = (1 << (8 * width)) - 1
    kind = rng.random()
    if kind < 0.15:
        return 0
    if kind < 0.3:
        return mask
    if kind < 0.45:
        return 1 << rng.randrange(8 * width)
    return rng.getrandbits(8 * width)


def natural_width(first, length):
    """A width the register at @first of @length bytes is meant to be accessed with."""
    if length == 8 or (first, length) == (0x6000, 0x2000):    # 64-bit registers, IROUTER
        return (4, 8)
    if length in (0x20, 0x400) and first in (0x0400, 0x0800):   # IPRIORITYR, ITARGETSR
        return (1, 4)
    return (4,)


def pick_access(rng, table):
    """(offset in the frame, width) of one access: a register, now and then a reserved offset."""
    width = rng.choice((1, 2, 4, 8))
    if rng.random() < 0.1:
        off = rng.randrange(FRAME)
    else:
        first, length = rng.choice(table)
        if rng.random() < 0.5:
            width = rng.choice(natural_width(first, length))
        off = first + rng.randrange(length)
    return off & ~(width - 1), width


ARTEFACT_SHARE = 0.03   # lines only qtest answers differently from a guest's view


def artefact_line(rng, gicd, frames, holes):
    """A line whose qtest answer is qtest's own: a misaligned read, or an unpopulated frame."""
    if holes and rng.random() < 0.5:
        lo, hi = rng.choice(holes)
        width = rng.choice((1, 2, 4, 8))
        addr = (lo + rng.randrange(min(hi - lo, 4 * FRAME))) & ~(width - 1)
        if rng.random() < 0.5:
            return f"read{WIDTHS[width]} 0x{addr:x}"
        return f"write{WIDTHS[width]} 0x{addr:x} 0x{pick_value(rng, width):x}"
    width = rng.choice((2, 4, 8))
    base = gicd if rng.random() < 0.5 else rng.choice(frames) + rng.choice((0, FRAME))
    addr = base + (rng.randrange(FRAME) & ~(width - 1)) + rng.randrange(1, width)
    return f"read{WIDTHS[width]} 0x{addr:x}"


def make_script(rng, gicd, frames, holes, step, count):
    """The script's lines, and the indices of those only qtest answers its own way."""
    kinds = [("gicd", 4), ("rd", 3), ("sgi", 3)]
    if step == GICR_V4_SIZE:
        kinds += [("vlpi", 2), ("reserved", 1)]
    pool = [k for k, w in kinds for _ in range(w)]
    tables = {"rd": (GICR_RD_REGS, 0), "sgi": (GICR_SGI_REGS, 1),
              "vlpi": (GICR_VLPI_REGS, 2), "reserved": (GICR_RD_REGS, 3)}
    # A few frames take most accesses, so writes meet reads of the same state.
    hot = sorted({0, len(frames) - 1, rng.randrange(len(frames))})
    lines, artefacts = [], set()
    for _ in range(count):
        if rng.random() < ARTEFACT_SHARE:
            artefacts.add(len(lines))
            lines.append(artefact_line(rng, gicd, frames, holes))
            continue
        kind = rng.choice(pool)
        if kind == "gicd":
            off, width = pick_access(rng, GICD_REGS)
            addr, rel = gicd + off, None
        else:
            cpu = rng.choice(hot) if rng.random() < 0.8 else rng.randrange(len(frames))
            table, frame = tables[kind]
            off, width = pick_access(rng, table)
            rel = frame * FRAME + off
            addr = frames[cpu] + rel
        if rng.random() < 0.5:
            lines.append(f"read{WIDTHS[width]} 0x{addr:x}")
            continue
        value = pick_value(rng, width)
        if rel == GICR_VPROPBASER and width >= 4:
            value = (value & ~VPROPBASER_IDBITS) | rng.randrange(VPROPBASER_IDBITS_MAX + 1)
        lines.append(f"write{WIDTHS[width]} 0x{addr:x} 0x{value:x}")
    return lines, artefacts


# ---- one configuration -------------------------------------------------------

def run_config(cfg, env, tmp, gicplan, seed):
    qemu, profile, count, show, timeout = env
    name = machine_args(cfg).replace(",", "_").replace("=", "-")
    dtb = os.path.join(tmp, name + ".dtb")
    common = ["-cpu", "max", "-smp", str(cfg[4]), "-display", "none", "-nic", "none"]
    r = subprocess.run([qemu, "-machine", machine_args(cfg) + ",dumpdtb=" + dtb] + common,
                       capture_output=True, text=True, timeout=timeout)
    if r.returncode != 0 or not os.path.exists(dtb):
        fail_setup(f"{machine_args(cfg)}: QEMU did not dump its tree: {r.stderr.strip()}")
    gicd, regions, cpus = read_tree(dtb)
    frames, holes, step = qemu_frames(cfg, regions, cpus)
    rng = random.Random(f"{seed}:{machine_args(cfg)}:{cfg[4]}")
    script, artefacts = make_script(rng, gicd, frames, holes, step, count)
    path = os.path.join(tmp, name + ".script")
    with open(path, "w") as f:
        f.write("\n".join(script) + "\n")   # qtest takes no comments, no blank lines

    q_ans, _, q_err = run_answers(
        [qemu, "-machine", machine_args(cfg)] + common +
        ["-qtest", "stdio", "-qtest-log", "/dev/null"], path, len(script), timeout, True)
    if len(q_ans) != len(script):
        fail_setup(f"{machine_args(cfg)}: QEMU answered {len(q_ans)} of {len(script)} "
                   f"lines: {q_err.strip()[:300]}")
    if any(not a.startswith("OK") for a in q_ans):
        fail_setup(f"{machine_args(cfg)}: QEMU refused a line of the script")
    argv = [gicplan, "emu", "--profile", profile, "--gic-version", str(cfg[1])]
    if profile == "qemu" and os.environ.get("QEMU_DIFF_NO_MACHINE") != "1":
        argv += ["--qemu-machine", f"virt-{cfg[0]}"]
    g_ans, rc, g_err = run_answers(argv + [dtb], path, len(script), timeout, False)
    if rc != 0 or len(g_ans) != len(script):
        print(f"FAIL {machine_args(cfg)} -smp {cfg[4]}: gicplan emu exit {rc}, "
              f"{len(g_ans)} of {len(script)} answers: {g_err.strip()[:300]}", file=sys.stderr)
        return len(script), len(script), 0
    # A line only qtest answers its own way must be refused by gicplan, as a guest's
    # access faults; every other line must get QEMU's answer.
    diffs = [(i, line, q, g) for i, (line, q, g) in enumerate(zip(script, q_ans, g_ans))
             if (not g.startswith("FAIL") if i in artefacts else q != g)]
    compared = len(script) - len(artefacts)
    print(f"{machine_args(cfg)} -smp {cpus} ({len(regions)} region{'s' * (len(regions) > 1)}, "
          f"{step // KIB} KiB frames): {compared} accesses, {len(diffs)} differ; "
          f"{len(artefacts)} qtest artefacts told apart")
    for i, line, q, g in diffs[:show]:
        what = "a guest's access faults" if i in artefacts else "qemu: " + q
        print(f"  line {i + 1}: {line:<40} {what:<28} gicplan: {g}")
    if len(diffs) > show:
        print(f"  ... and {len(diffs) - show} more")
    return len(script), len(diffs), len(artefacts)


def parse_configs(text):
    if text == "wide":
        return wide_configs()
    out = []
    for item in text.split():
        try:
            machine, gic, its, virt, cpus = item.split(":")
            out.append((machine, int(gic), its == "on", virt == "on", int(cpus)))
        except ValueError:
            fail_setup(f"QEMU_DIFF_CONFIGS: \"{item}\" is not machine:gic:its:virt:cpus")
    return out


def main():
    if len(sys.argv) != 2:
        fail_setup("usage: qemu_diff.py GICPLAN")
    gicplan = sys.argv[1]
    qemu = os.environ.get("QEMU", "qemu-system-aarch64")
    try:
        version = subprocess.run([qemu, "--version"], capture_output=True,
                                 text=True).stdout.splitlines()[0]
    except (OSError, IndexError):
        print(f"qemu_diff: {qemu} is not installed: nothing to compare with (skipped)",
              file=sys.stderr)
        return 77
    if "version 7.2." not in version:
        print(f"qemu_diff: {qemu} is \"{version}\", not 7.2, the version the qemu profile "
              "models (skipped)", file=sys.stderr)
        return 77
    seed = os.environ.get("QEMU_DIFF_SEED") or str(random.randrange(1 << 32))
    count = int(os.environ.get("QEMU_DIFF_ACCESSES", "500"))
    configs = parse_configs(os.environ["QEMU_DIFF_CONFIGS"]) \
        if os.environ.get("QEMU_DIFF_CONFIGS") else DEFAULT_CONFIGS
    env = (qemu, os.environ.get("QEMU_DIFF_PROFILE", "qemu"), count,
           int(os.environ.get("QEMU_DIFF_SHOW", "20")),
           float(os.environ.get("QEMU_TIMEOUT", "30")))
    print(f"seed {seed} (QEMU_DIFF_SEED={seed} repeats this run), {count} accesses per "
          f"configuration, profile {env[1]}")
    total = differ = artefacts = 0
    with tempfile.TemporaryDirectory(prefix="gicplan-qemu-diff.") as tmp:
        for cfg in configs:
            n, d, a = run_config(cfg, env, tmp, gicplan, seed)
            total += n
            differ += d
            artefacts += a
    print(f"emu vs qemu: {differ} of {total} answers differ "
          f"({100.0 * differ / max(total, 1):.1f}%); {artefacts} of the {total} lines were "
          f"qtest artefacts, checked as a guest sees them; seed {seed}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
