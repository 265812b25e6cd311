#!/usr/bin/env bash
# Installs what is missing, then configures and builds zhmeta (Release) in build/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake --preset default >/dev/null
cmake --build --preset default -j "$(nproc)"
