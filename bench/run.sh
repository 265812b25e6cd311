#!/usr/bin/env bash
# Builds zhmeta (Release) and runs the benchmark; arguments go to zhmeta_bench
# (e.g. `bench/run.sh --quick`, `bench/run.sh ../shared/corpus/dev`).
# BUILD_DIR chooses the build folder (default: build).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build" -j "$(nproc)" --target zhmeta_bench zhmeta_cli >/dev/null
exec "$build/bin/zhmeta_bench" "$@"
