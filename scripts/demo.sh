#!/usr/bin/env bash
# The main job: set up, build, and run the CLI on the bundled sample articles
# (embedded rules), printing one zhmeta/1 record per article.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build.sh >&2
build/bin/zhmeta extract examples/articles/*.txt
