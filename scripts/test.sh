#!/bin/sh
# SPDX-License-Identifier: MIT
# Set up, build and run every test. With --sanitize: the same in an
# AddressSanitizer + UndefinedBehaviorSanitizer build (build-san/).
set -eu
cd "$(dirname "$0")/.."

build=build
flags="-DCMAKE_BUILD_TYPE=RelWithDebInfo"
case "${1:-}" in
--sanitize) build=build-san; flags="-DGICPLAN_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug" ;;
"") ;;
*) echo "usage: scripts/test.sh [--sanitize]" >&2; exit 2 ;;
esac

scripts/setup.sh --test
cmake -S . -B "$build" $flags >/dev/null
cmake --build "$build" -j"$(nproc)"
ctest --test-dir "$build" --output-on-failure -j"$(nproc)"
