#!/usr/bin/env python3
"""Extracts articles with the Python binding and prints a short summary of each.

    PYTHONPATH=capi/python python3 examples/python/extract.py examples/articles/*.txt

(the library is found beside the package, in build/lib of this checkout, via
$ZHMETA_LIBRARY, or installed system-wide). --jsonl prints the records as the
CLI does instead.
"""

import argparse
import pathlib
import sys

import zhmeta


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=pathlib.Path)
    parser.add_argument("--pubdate", help="YYYY-MM-DD publication date hint")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--jsonl", action="store_true", help="print zhmeta/1 JSON lines")
    args = parser.parse_args()

    texts = [p.read_text(encoding="utf-8", errors="replace") for p in args.files]
    items = [{"text": t, "id": p.stem} for p, t in zip(args.files, texts)]
    with zhmeta.Engine() as engine:
        if args.jsonl:
            for line in engine.extract_many(items, threads=args.threads, pubdate=args.pubdate,
                                            as_json=True):
                print(line)
            return 0
        for text, record in zip(texts, engine.extract_many(items, threads=args.threads,
                                                            pubdate=args.pubdate)):
            print("%s: published %s, event %s / %s" % (
                record["id"], record["publication"]["date"], record["event"]["date"],
                record["event"]["meeting"]))
            for person in record["persons"]:
                # char_mentions index the str we passed in; mentions are UTF-8 bytes.
                spans = ", ".join(text[b:e] for b, e in person["char_mentions"])
                print("  person %s %s: %s" % (person["name"], "、".join(person["titles"]), spans))
            for org in record["organizations"]:
                print("  organization %s [%s]" % (org["name"], org["type"]))
            for meeting in record["meetings"]:
                print("  meeting %s" % meeting["name"])
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except zhmeta.Error as e:
        sys.exit("zhmeta: %s" % e)
