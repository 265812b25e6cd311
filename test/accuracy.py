"""Runs the zhmeta CLI over a scored suite and checks the accuracy floors.

usage: accuracy.py --cli PATH --suite dev|golden --shared DIR --floors FILE

Suites: `dev` = SHARED/corpus/dev (articles and gold side by side); `golden` =
examples/articles/*.txt scored against test/golden/*.gold.json. The floors file
has lines `SUITE FIELD MIN`; the scorer's --min does the checking.
"""
import argparse
import glob
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True)
    ap.add_argument("--suite", required=True, choices=["dev", "golden"])
    ap.add_argument("--shared", required=True)
    ap.add_argument("--floors", required=True)
    a = ap.parse_args()

    if a.suite == "dev":
        gold = os.path.join(a.shared, "corpus", "dev")
        articles = sorted(glob.glob(os.path.join(gold, "*.txt")))
    else:
        gold = os.path.join(HERE, "golden")
        articles = sorted(glob.glob(os.path.join(ROOT, "examples", "articles", "*.txt")))
    if not articles:
        sys.exit("accuracy.py: no articles for suite %s" % a.suite)

    floors = []
    with open(a.floors, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].split()
            if len(line) == 3 and line[0] == a.suite:
                floors += ["--min", "%s=%s" % (line[1], line[2])]
    if not floors:
        sys.exit("accuracy.py: no floors for suite %s in %s" % (a.suite, a.floors))

    with tempfile.NamedTemporaryFile("wb", suffix=".jsonl", delete=False) as out:
        subprocess.run([a.cli, "extract"] + articles, stdout=out, check=True)
    try:
        score = os.path.join(a.shared, "eval", "score.py")
        r = subprocess.run([sys.executable, score, "--gold", gold, "--pred", out.name] + floors)
    finally:
        os.unlink(out.name)
    sys.exit(r.returncode)


if __name__ == "__main__":
    main()
