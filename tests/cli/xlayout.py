# SPDX-License-Identifier: MIT
# The CLI tests' own reading of layout files (lib.sh puts this folder on
# PYTHONPATH): numbers, window capacities and device placement, computed apart
# from gicplan.

def num(v):
    """A layout number: an integer, or "0x4000_0000", "16MiB", "64KiB"."""
    if isinstance(v, int):
        return v
    v = v.replace("_", "")
    for s, m in (("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30), ("TiB", 1 << 40)):
        if v.endswith(s):
            return int(v[:-len(s)], 0) * m
    return int(v, 0)


def window_bytes(w, ipa_bits):
    """Bytes of a redistributor window under an ipa_bits-bit IPA."""
    if w["size"] == "to-ipa-end":
        return max((1 << ipa_bits) - num(w["base"]), 0)
    return num(w["size"])


def capacity(p, frame, ipa_bits):
    """Redistributors placement p holds: the sum of floor(window / frame)."""
    return sum(window_bytes(w, ipa_bits) // frame for w in p["redist_regions"])


def placed(p, dev, window=None):
    """(base, size) of device dev, or of its window ("mmio", ...), where placement p moves it."""
    own = dev if window is None else dev[window]
    mv = p.get("moves", {}).get(dev["name"] if window is None else dev["name"] + "." + window, {})
    return num(mv.get("base", own["base"])), num(mv.get("size", own["size"]))
