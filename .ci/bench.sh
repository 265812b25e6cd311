#!/usr/bin/env bash
# Benchmark smoke run: a small corpus and no thresholds, so the harness keeps
# building and running. The real figures come from bench/run.sh (bench/RESULTS.md).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build} bash bench/run.sh --quick
