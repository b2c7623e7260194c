#!/bin/sh
# SPDX-License-Identifier: MIT
# The benchmark, in an optimised build of its own (build-bench/): wall time
# and peak memory of plan + emit + verify, emit alone, --exhaustive, the floor
# and dtc, for 8 to 1048576 vCPUs. Arguments go to gicplan-bench, e.g.
#   scripts/bench.sh --sizes 4096,65536 --no-dtc
set -eu
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DGICPLAN_TESTS=OFF >/dev/null
cmake --build build-bench -j"$(nproc)" --target gicplan-bench >/dev/null
exec build-bench/gicplan-bench "$@"
