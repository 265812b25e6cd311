"""End-to-end tests of the zhmeta CLI: output contract, stdin JSONL, errors, threads."""
import glob
import json
import os
import subprocess
import tempfile
import unittest

CLI = os.environ.get("ZHMETA_CLI", "build/bin/zhmeta")
ROOT = os.environ.get("ZHMETA_SOURCE_DIR", os.path.join(os.path.dirname(__file__), ".."))
SAMPLES = sorted(glob.glob(os.path.join(ROOT, "examples", "articles", "*.txt")))

TOP_KEYS = ["schema", "id", "publication", "event", "dates", "bylines", "persons",
            "speakers", "organizations", "meetings", "warnings"]


def run(args, stdin=None):
    return subprocess.run([CLI] + args, input=stdin, capture_output=True, timeout=120)


def records(stdout):
    return [json.loads(line) for line in stdout.decode("utf-8").splitlines() if line.strip()]


class OutputContract(unittest.TestCase):
    def test_one_record_per_file_with_every_key(self):
        self.assertGreaterEqual(len(SAMPLES), 6)
        p = run(["extract"] + SAMPLES)
        self.assertEqual(p.returncode, 0, p.stderr)
        recs = records(p.stdout)
        self.assertEqual([r["id"] for r in recs],
                         [os.path.splitext(os.path.basename(f))[0] for f in SAMPLES])
        for r in recs:
            self.assertEqual(list(r.keys()), TOP_KEYS)
            self.assertEqual(r["schema"], "zhmeta/1")
            self.assertEqual(list(r["publication"].keys()), ["date", "datetime", "sources"])
            self.assertEqual(list(r["event"].keys()), ["date", "meeting"])
            for key in TOP_KEYS[4:]:
                self.assertIsInstance(r[key], list)

    def test_spans_cut_the_callers_bytes(self):
        # Every date span must cut text out of the input that normalizes to the
        # date's text; at least the byte range must be inside the file.
        for path in SAMPLES:
            data = open(path, "rb").read()
            rec = records(run(["extract", path]).stdout)[0]
            for d in rec["dates"]:
                b, e = d["span"]
                self.assertTrue(0 <= b <= e <= len(data), (path, d))
                data[b:e].decode("utf-8")  # on character boundaries

    def test_pretty_prints_the_same_record(self):
        one = records(run(["extract", SAMPLES[0]]).stdout)[0]
        pretty = run(["extract", "--pretty", SAMPLES[0]])
        self.assertIn(b"\n  \"schema\"", pretty.stdout)
        self.assertEqual(json.loads(pretty.stdout), one)

    def test_threads_keep_input_order_and_output(self):
        files = SAMPLES * 5
        single = run(["extract"] + files)
        multi = run(["extract", "--threads", "4"] + files)
        self.assertEqual(multi.returncode, 0)
        self.assertEqual(single.stdout, multi.stdout)


class Stdin(unittest.TestCase):
    def test_jsonl_records_keep_their_ids(self):
        lines = "\n".join(json.dumps({"id": "a%d" % i, "text": "县委召开会议。"}, ensure_ascii=False)
                          for i in range(3)) + "\n"
        p = run(["extract", "-"], lines.encode("utf-8"))
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual([r["id"] for r in records(p.stdout)], ["a0", "a1", "a2"])

    def test_bad_lines_are_reported_and_the_rest_processed(self):
        lines = "\n".join([
            json.dumps({"id": "ok1", "text": "一"}),
            "this is not json",
            json.dumps({"id": "notext"}),
            json.dumps({"id": "baddate", "text": "x", "pubdate": "2019/01/02"}),
            json.dumps({"id": "ok2", "text": "二", "pubdate": "2019-01-02"}),
        ]) + "\n"
        p = run(["extract", "-"], lines.encode("utf-8"))
        self.assertEqual(p.returncode, 1)
        self.assertEqual([r["id"] for r in records(p.stdout)], ["ok1", "ok2"])
        err = p.stderr.decode("utf-8")
        self.assertIn("stdin line 2", err)
        self.assertIn("stdin line 3", err)
        self.assertIn("stdin line 4", err)
        self.assertIn("3 input(s) failed", err)


class Errors(unittest.TestCase):
    def test_unreadable_file_does_not_stop_the_others(self):
        p = run(["extract", SAMPLES[0], "/nonexistent/zz.txt", SAMPLES[1]])
        self.assertEqual(p.returncode, 1)
        self.assertEqual(len(records(p.stdout)), 2)
        self.assertIn(b"/nonexistent/zz.txt", p.stderr)

    def test_oversized_input_is_refused_by_name(self):
        limit = os.path.getsize(SAMPLES[0]) + 1  # the sample fits, the big file does not
        with tempfile.NamedTemporaryFile("wb", suffix=".txt", delete=False) as f:
            f.write("会议".encode("utf-8") * limit)
        try:
            p = run(["extract", "--max-bytes", str(limit), f.name, SAMPLES[0]])
            self.assertEqual(p.returncode, 1)
            self.assertIn(os.path.basename(f.name).encode(), p.stderr)
            self.assertIn(b"exceeds the limit", p.stderr)
            self.assertEqual(len(records(p.stdout)), 1)
        finally:
            os.unlink(f.name)

    def test_usage_errors_exit_2(self):
        self.assertEqual(run([]).returncode, 2)
        self.assertEqual(run(["frobnicate"]).returncode, 2)
        self.assertEqual(run(["extract"]).returncode, 2)
        self.assertEqual(run(["extract", "--pubdate", "yesterday", SAMPLES[0]]).returncode, 2)
        self.assertEqual(run(["extract", "--threads", "0", SAMPLES[0]]).returncode, 2)
        self.assertEqual(run(["extract", "--bogus", SAMPLES[0]]).returncode, 2)

    def test_broken_rules_folder_is_reported(self):
        with tempfile.TemporaryDirectory() as d:
            os.makedirs(os.path.join(d, "dates"))
            with open(os.path.join(d, "dates", "x.rules"), "w") as f:
                f.write("rule dates.x\n  pattern = (\n")
            p = run(["extract", "--rules", d, SAMPLES[0]])
            self.assertEqual(p.returncode, 1)
            self.assertIn(b"x.rules:1: rule dates.x: pattern does not compile", p.stderr)

    def test_help_and_version(self):
        h = run(["--help"])
        self.assertEqual(h.returncode, 0)
        self.assertIn(b"zhmeta extract", h.stdout)
        v = run(["--version"])
        self.assertEqual(v.returncode, 0)
        self.assertRegex(v.stdout.decode(), r"^zhmeta \d+\.\d+\.\d+ \(schema zhmeta/1\)")


class PubdateHint(unittest.TestCase):
    def test_hint_wins(self):
        text = "发布时间:2018-12-07\n　　12月6日,市委召开会议。"
        line = json.dumps({"id": "h", "text": text, "pubdate": "2019-01-02"}, ensure_ascii=False)
        rec = records(run(["extract", "-"], (line + "\n").encode("utf-8")).stdout)[0]
        # The caller's hint is the publication date whatever the page says.
        self.assertEqual(rec["publication"]["date"], "2019-01-02")


if __name__ == "__main__":
    unittest.main()
