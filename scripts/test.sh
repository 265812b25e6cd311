#!/usr/bin/env bash
# Set up, build, and run the whole test suite (ctest: unit tests, rule examples,
# CLI end to end, C API, Python, examples; the dev-corpus accuracy floors when
# ../shared is present).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh
ctest --preset default -j "$(nproc)"
