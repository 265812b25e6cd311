#!/usr/bin/env python3
"""Extracts a corpus on a Dask cluster and writes zhmeta/1 JSONL, the same
records in the same order as the CLI (`zhmeta extract FILE...` or
`zhmeta extract - < corpus.jsonl`).

    python3 examples/dask/zhmeta_dask.py examples/articles -o records.jsonl
    python3 examples/dask/zhmeta_dask.py corpus.jsonl --scheduler tcp://host:8786

INPUT is a folder (its *.txt files, sorted by name, id = file stem), some .txt
files (in the order given), or one .jsonl file of {"id", "text", "pubdate"?}
lines. Without --scheduler a LocalCluster of 2 worker processes is started on
this machine; with it, the same code runs on that cluster (every worker needs
the zhmeta package and libzhmeta.so, and for folder input must see the files
at the same paths).

Each worker builds ONE engine when it joins (a WorkerPlugin) and all its tasks
share it; an engine is never pickled or sent anywhere: only options, file
names and texts travel. Tasks are partitions of articles; at most a few per
worker are in flight, so memory stays flat whatever the corpus size.
"""

import argparse
import json
import logging
import os
import pathlib
import re
import sys

try:
    import zhmeta  # noqa: F401  (workers import it; checked here to fail early)
except ImportError:
    # Running from a source checkout: use capi/python, and let the local
    # worker processes (which inherit the environment) find it too.
    _checkout_package = pathlib.Path(__file__).resolve().parents[2] / "capi" / "python"
    sys.path.insert(0, str(_checkout_package))
    os.environ["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(_checkout_package), os.environ.get("PYTHONPATH")) if p)
    import zhmeta  # noqa: F401

import distributed

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class ZhmetaEnginePlugin(distributed.WorkerPlugin):
    """Builds the worker's engine on the worker, once, when the worker starts."""

    name = "zhmeta-engine"

    def __init__(self, engine_options):
        self.engine_options = engine_options  # plain data: this is what gets pickled

    def setup(self, worker):
        import zhmeta

        worker.zhmeta_engine = zhmeta.Engine(**self.engine_options)

    def teardown(self, worker):
        engine = getattr(worker, "zhmeta_engine", None)
        if engine is not None:
            engine.close()


def extract_partition(items):
    """Runs on a worker: [(label, id, path or text, pubdate)] -> [(label, line or None, error)]."""
    import zhmeta

    engine = distributed.get_worker().zhmeta_engine
    out = [None] * len(items)
    readable = []  # (index, article as extract_json_batch takes it)
    for index, (label, doc_id, source, pubdate) in enumerate(items):
        try:
            if isinstance(source, pathlib.PurePath):
                with open(source, "rb") as f:  # bytes as they are, like the CLI
                    source = f.read()
            readable.append((index, {"text": source, "id": doc_id, "pubdate": pubdate}))
        except OSError as e:
            out[index] = (label, None, str(e))
    # 64 articles per library call: it runs each stage over all of them while
    # the stage's rules are in cache, for less CPU time than one call each.
    for first in range(0, len(readable), 64):
        chunk = readable[first:first + 64]
        try:
            lines = engine.extract_json_batch([article for _, article in chunk])
        except zhmeta.Error as e:  # a bad pubdate: each article on its own says which
            lines = []
            for _, article in chunk:
                try:
                    lines.append(engine.extract_json(article["text"], id=article["id"],
                                                     pubdate=article["pubdate"]))
                except zhmeta.Error as one:
                    lines.append(one)
        for (index, _), line in zip(chunk, lines):
            label = items[index][0]
            failed = isinstance(line, zhmeta.Error)
            out[index] = (label, None if failed else line, str(line) if failed else None)
    return out


def file_items(paths, pubdate):
    for path in paths:  # absolute: a worker's working folder may differ
        yield str(path), path.stem, path.absolute(), pubdate


def jsonl_items(path, pubdate):
    """The CLI's stdin rules: blank lines skipped, id = string, number, or line number."""
    with open(path, "rb") as f:  # bytes: lines end at \n only, bad UTF-8 fails its own line
        for lineno, line in enumerate(f, 1):
            if not line.strip(b" \t\r\n"):
                continue
            label = "%s line %d" % (path, lineno)
            try:
                doc = json.loads(line)
                if not isinstance(doc, dict) or not isinstance(doc.get("text"), str):
                    raise ValueError('a JSON object with a string "text" is required')
                doc_id = doc.get("id")
                if isinstance(doc_id, bool) or not isinstance(doc_id, (str, int, float)):
                    doc_id = str(lineno)
                elif not isinstance(doc_id, str):
                    doc_id = json.dumps(doc_id)
                hint = pubdate
                if isinstance(doc.get("pubdate"), str):
                    if not DATE.match(doc["pubdate"]):
                        raise ValueError('"pubdate" must be YYYY-MM-DD, got "%s"' % doc["pubdate"])
                    hint = doc["pubdate"]
                yield label, doc_id, doc["text"], hint
            except ValueError as e:  # includes JSON and UTF-8 decoding errors
                yield label, None, e, None  # reported in order with the others


def partitions(items, size):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def run(client, items, out, partition_size, in_flight):
    """Submits partitions with a bounded window and writes results in order."""
    failures = 0
    pending = []

    def drain_one():
        nonlocal failures
        for label, line, error in pending.pop(0).result():
            if error is not None:
                print("zhmeta: %s: %s" % (label, error), file=sys.stderr)
                failures += 1
            else:
                out.write(line)
                out.write("\n")

    for batch in partitions(items, partition_size):
        bad = [(label, None, str(e)) for label, doc_id, e, _ in batch if doc_id is None]
        good = [item for item in batch if item[1] is not None]
        if bad:  # keep input order: flush what came before, then report
            while pending:
                drain_one()
            for label, _, error in bad:
                print("zhmeta: %s: %s" % (label, error), file=sys.stderr)
                failures += 1
        if good:
            pending.append(client.submit(extract_partition, good, pure=False))
        while len(pending) > in_flight:
            drain_one()
    while pending:
        drain_one()
    return failures


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+", type=pathlib.Path,
                        help="a folder of .txt files, .txt files, or one .jsonl file")
    parser.add_argument("-o", "--output", help="output JSONL (default: stdout)")
    parser.add_argument("--scheduler", help="address of an existing Dask scheduler")
    parser.add_argument("--workers", type=int, default=2, help="LocalCluster workers (default 2)")
    parser.add_argument("--pubdate", help="YYYY-MM-DD hint for every article")
    parser.add_argument("--rules", help="rules folder instead of the embedded rules")
    parser.add_argument("--add-rules", help="a rules folder layered over the base rules")
    parser.add_argument("--partition-size", type=int, default=16)
    args = parser.parse_args(argv)
    if args.pubdate and not DATE.match(args.pubdate):
        parser.error("--pubdate needs YYYY-MM-DD")

    inputs = args.inputs
    if len(inputs) == 1 and inputs[0].is_dir():
        items = file_items(sorted(inputs[0].glob("*.txt")), args.pubdate)
    elif len(inputs) == 1 and inputs[0].suffix == ".jsonl":
        items = jsonl_items(inputs[0], args.pubdate)
    else:
        items = file_items(inputs, args.pubdate)

    engine_options = {"rules_dir": args.rules, "extra_rules_dir": args.add_rules}
    if args.scheduler:
        cluster = None
        client = distributed.Client(args.scheduler)
    else:
        cluster = distributed.LocalCluster(
            n_workers=args.workers, threads_per_worker=1, processes=True,
            host="127.0.0.1", dashboard_address=None, silence_logs=logging.ERROR)
        client = distributed.Client(cluster)
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout
    try:
        # Every current and future worker builds its engine now, on itself.
        client.register_worker_plugin(ZhmetaEnginePlugin(engine_options))
        n_workers = max(1, len(client.scheduler_info()["workers"]))
        failures = run(client, items, out, args.partition_size, in_flight=2 * n_workers)
    finally:
        if out is not sys.stdout:
            out.close()
        client.close()
        if cluster is not None:
            cluster.close()
    if failures:
        print("zhmeta: %d input(s) failed" % failures, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
