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
        if i == 1:  # bad lines are reported and skipped by both
            out.write("\n{not json\n")
            out.write(json.dumps({"id": "bad-date", "text": "x", "pubdate": "2020/01/01"}) + "\n")
            out.write(json.dumps({"id": "no-text"}) + "\n")
PY
cli_status=0
"$cli" extract - <"$scratch/corpus.jsonl" >"$scratch/cli-jsonl.jsonl" 2>"$scratch/cli-jsonl.err" || cli_status=$?
dask_status=0
"$python" "$job" "$scratch/corpus.jsonl" -o "$scratch/dask-jsonl.jsonl" 2>"$scratch/dask-jsonl.err" || dask_status=$?
cmp "$scratch/cli-jsonl.jsonl" "$scratch/dask-jsonl.jsonl"
[ "$cli_status" = 1 ] && [ "$dask_status" = 1 ] ||
  { echo "exit status on bad lines: cli $cli_status, dask $dask_status (expected 1 and 1)"; cat "$scratch/dask-jsonl.err"; exit 1; }
[ "$(grep -c ' line [0-9]*: ' "$scratch/dask-jsonl.err")" = 3 ] ||
  { echo "dask should report the 3 bad lines:"; cat "$scratch/dask-jsonl.err"; exit 1; }
echo "dask == cli: $(wc -l <"$scratch/cli-folder.jsonl") + $(wc -l <"$scratch/cli-jsonl.jsonl") records"
