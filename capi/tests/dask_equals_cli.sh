#!/bin/sh
# The Dask job's output must equal the CLI's, byte for byte, on the same input:
# a folder of articles (id = file stem) and a JSONL corpus (ids, pubdate hints).
# usage: dask_equals_cli.sh PYTHON ZHMETA_CLI ARTICLES_DIR SCRATCH_DIR
set -eu
python=$1
cli=$2
articles=$3
scratch=$4
here=$(cd "$(dirname "$0")" && pwd)
job="$here/../../examples/dask/zhmeta_dask.py"
mkdir -p "$scratch"

# Folder input: the CLI gets the files in the job's order (sorted by name).
# shellcheck disable=SC2046
"$cli" extract $(LC_ALL=C ls "$articles"/*.txt) >"$scratch/cli-folder.jsonl"
"$python" "$job" "$articles" -o "$scratch/dask-folder.jsonl" --partition-size 2
[ -s "$scratch/cli-folder.jsonl" ] || { echo "the CLI wrote nothing"; exit 1; }
cmp "$scratch/cli-folder.jsonl" "$scratch/dask-folder.jsonl"

# JSONL input: string and numeric ids, a missing id, per-line pubdate hints.
"$python" - "$articles" "$scratch/corpus.jsonl" <<'PY'
import json, pathlib, sys
files = sorted(pathlib.Path(sys.argv[1]).glob("*.txt"))
with open(sys.argv[2], "w", encoding="utf-8") as out:
    for i, path in enumerate(files):
        doc = {"text": path.read_text(encoding="utf-8")}
        if i % 3 == 0: doc["id"] = path.stem
        if i % 3 == 1: doc["id"] = 1000 + i
        if i % 2 == 0: doc["pubdate"] = "2020-0%d-1%d" % (1 + i % 9, i % 10)
        out.write(json.dumps(doc, ensure_ascii=False) + "\n")
    out.write("\n")
PY
"$cli" extract - <"$scratch/corpus.jsonl" >"$scratch/cli-jsonl.jsonl"
"$python" "$job" "$scratch/corpus.jsonl" -o "$scratch/dask-jsonl.jsonl"
cmp "$scratch/cli-jsonl.jsonl" "$scratch/dask-jsonl.jsonl"
echo "dask == cli: $(wc -l <"$scratch/cli-folder.jsonl") + $(wc -l <"$scratch/cli-jsonl.jsonl") records"
