"""Tests of the Python binding (unittest, run by ctest as capi_python).

Content-independent: the extractors evolve, so what is checked is the
binding's contract (errors, spans, threads, JSON identity with the C API), on
articles from examples/articles ($ZHMETA_TEST_ARTICLES) and texts written here.
"""

import glob
import json
import os
import pathlib
import pickle
import subprocess
import sys
import tempfile
import threading
import unittest

import zhmeta

HERE = pathlib.Path(__file__).resolve().parent
ARTICLES_DIR = os.environ.get("ZHMETA_TEST_ARTICLES", str(HERE.parents[2] / "examples" / "articles"))
ARTICLES = sorted(glob.glob(os.path.join(ARTICLES_DIR, "*.txt")))

# Our own two-line notice in the genre, with Traditional characters, a
# full-width date and a pinyin artifact, so normalized and raw offsets differ.
NOTICE = "發布時間:２０１９年３月４日\n新华社北京3月3日电(记者 林海涛)全县會(huì)议在县委礼堂召开。\n"


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


class ModuleTest(unittest.TestCase):
    def test_versions(self):
        self.assertEqual(zhmeta.schema, "zhmeta/1")
        self.assertRegex(zhmeta.library_version, r"^\d+\.\d+\.\d+$")
        self.assertEqual(zhmeta.library_version.split(".")[0], zhmeta.__version__.split(".")[0])

    def test_error_is_exception(self):
        self.assertTrue(issubclass(zhmeta.Error, Exception))


class LoadingTest(unittest.TestCase):
    def import_with(self, library):
        env = dict(os.environ, ZHMETA_LIBRARY=library)
        return subprocess.run([sys.executable, "-c", "import zhmeta"], env=env,
                              capture_output=True, text=True)

    def test_explicit_library_is_the_only_one_tried(self):
        done = self.import_with("/nonexistent/libzhmeta.so")
        self.assertNotEqual(done.returncode, 0)
        self.assertIn("ZHMETA_LIBRARY", done.stderr)
        self.assertIn("/nonexistent/libzhmeta.so", done.stderr)

    def test_explicit_library_is_used(self):
        done = self.import_with(os.environ.get("ZHMETA_LIBRARY", zhmeta._native.lib._name))
        self.assertEqual(done.returncode, 0, done.stderr)


class EngineTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.engine = zhmeta.Engine()

    @classmethod
    def tearDownClass(cls):
        cls.engine.close()

    def test_record_shape(self):
        record = self.engine.extract(NOTICE, id="n1", pubdate="2019-03-04")
        self.assertEqual(record["schema"], "zhmeta/1")
        self.assertEqual(record["id"], "n1")
        # The hint wins over the text's own date (once the dates stage reads it).
        self.assertIn(record["publication"]["date"], (None, "2019-03-04"))
        for key in ("dates", "bylines", "persons", "speakers", "organizations", "meetings", "warnings"):
            self.assertIsInstance(record[key], list)

    def test_id_defaults_to_empty(self):
        self.assertEqual(self.engine.extract("")["id"], "")

    def test_json_is_what_extract_parses(self):
        line = self.engine.extract_json(NOTICE, id="n1")
        self.assertNotIn("\n", line)
        parsed = json.loads(line)
        record = self.engine.extract(NOTICE, id="n1")
        self.assertEqual(parsed["persons"], [{k: v for k, v in p.items() if k != "char_mentions"}
                                             for p in record["persons"]])

    def check_spans(self, text, record):
        data = text.encode("utf-8")
        n = 0
        for item, key, twin in zhmeta._spans_in(record):
            pairs = item[key] if key == "mentions" else [item[key]]
            twins = item[twin] if key == "mentions" else [item[twin]]
            self.assertEqual(len(pairs), len(twins))
            for (b, e), (cb, ce) in zip(pairs, twins):
                self.assertTrue(0 <= b <= e <= len(data))
                # The str slice is exactly the byte slice.
                self.assertEqual(text[cb:ce].encode("utf-8"), data[b:e])
                n += 1
        return n

    def test_char_spans_match_byte_spans(self):
        total = self.check_spans(NOTICE, self.engine.extract(NOTICE))
        for path in ARTICLES:
            text = read(path)
            total += self.check_spans(text, self.engine.extract(text))
        # Not asserting a count: extractors evolve. The mapping itself is tested below.
        self.assertGreaterEqual(total, 0)

    def test_char_span_mapping(self):
        # A fabricated record: spans at known byte offsets of a mixed-width text.
        text = "a發布b２c"
        data = text.encode("utf-8")
        b_fa = data.index("發".encode())
        b_c = data.index(b"c")
        record = {"publication": {"sources": [{"name": "x", "span": [b_fa, b_c]}]},
                  "dates": [{"span": [0, len(data)]}], "bylines": [], "persons": [
                      {"mentions": [[b_fa, b_fa + 3], [b_c, b_c + 1]]}],
                  "organizations": [], "meetings": [], "speakers": [
                      {"statements": [{"verb": "v", "span": [1, 1]}]}]}
        zhmeta._add_char_spans(record, text)
        self.assertEqual(record["publication"]["sources"][0]["char_span"], [1, 5])
        self.assertEqual(record["dates"][0]["char_span"], [0, 6])
        self.assertEqual(record["persons"][0]["char_mentions"], [[1, 2], [5, 6]])
        self.assertEqual(record["speakers"][0]["statements"][0]["char_span"], [1, 1])

    def test_bytes_input_has_byte_spans_only(self):
        record = self.engine.extract(NOTICE.encode("utf-8"))
        for item, key, twin in zhmeta._spans_in(record):
            self.assertNotIn(twin, item)

    def test_bad_input_becomes_warnings(self):
        record = self.engine.extract(b"\xe5\x8c\x97\x00\xff\xfe")
        self.assertEqual(len(record["warnings"]), 2)
        lone_surrogate = self.engine.extract("北京\ud800")
        self.assertEqual(len(lone_surrogate["warnings"]), 1)

    def test_bad_arguments(self):
        with self.assertRaises(TypeError):
            self.engine.extract(12)
        with self.assertRaisesRegex(zhmeta.Error, "YYYY-MM-DD"):
            self.engine.extract("x", pubdate="4 March 2019")

    def test_threads_equal_single(self):
        texts = [read(p) for p in ARTICLES] + [NOTICE]
        expected = [self.engine.extract(t, id=str(i)) for i, t in enumerate(texts)]
        items = [{"text": t, "id": str(i)} for i, t in enumerate(texts)] * 3
        got = list(self.engine.extract_many(items, threads=4))
        self.assertEqual(got, expected * 3)
        as_json = list(self.engine.extract_many(texts, threads=2, as_json=True))
        self.assertEqual([json.loads(j) for j in as_json],
                         [json.loads(self.engine.extract_json(t)) for t in texts])

    def test_extract_json_batch_equals_one_call_each(self):
        texts = [read(p) for p in ARTICLES] + [NOTICE, ""]
        items = [{"text": t, "id": "b%d" % i, "pubdate": "2019-03-0%d" % (1 + i % 9)}
                 for i, t in enumerate(texts)] + texts
        got = self.engine.extract_json_batch(items, pubdate="2020-01-02")
        expected = ([self.engine.extract_json(t, id="b%d" % i, pubdate="2019-03-0%d" % (1 + i % 9))
                     for i, t in enumerate(texts)] +
                    [self.engine.extract_json(t, pubdate="2020-01-02") for t in texts])
        self.assertEqual(got, expected)
        self.assertEqual(self.engine.extract_json_batch([]), [])
        with self.assertRaisesRegex(zhmeta.Error, "YYYY-MM-DD"):
            self.engine.extract_json_batch(["x"], pubdate="4 March")

    def test_extract_many_streams_generators(self):
        produced = []

        def source():
            for i in range(1000):
                produced.append(i)
                yield "第%d条" % i

        results = self.engine.extract_many(source(), threads=2)
        next(results)
        # Not drained up front: at most two takes of 64 per thread, and the next one.
        self.assertLessEqual(len(produced), 5 * 64)
        self.assertEqual(len(list(results)), 999)

    def test_threads_share_engine_directly(self):
        errors = []

        def work():
            try:
                for _ in range(5):
                    self.engine.extract(NOTICE)
            except Exception as e:  # reported to the main thread
                errors.append(e)

        threads = [threading.Thread(target=work) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(errors, [])


class EngineOptionsTest(unittest.TestCase):
    def test_max_input_bytes(self):
        with zhmeta.Engine(max_input_bytes=10) as engine:
            engine.extract("0123456789")
            with self.assertRaisesRegex(zhmeta.Error, "max_input_bytes") as caught:
                engine.extract("01234567890")
            self.assertEqual(caught.exception.status, -4)
        with self.assertRaises(ValueError):
            zhmeta.Engine(max_input_bytes=0)
        # Past what 32-bit offsets can map (372 MiB): the C API refuses it.
        with self.assertRaisesRegex(zhmeta.Error, "ZHMETA_LARGEST_MAX_INPUT_BYTES") as caught:
            zhmeta.Engine(max_input_bytes=(372 << 20) + 1)
        self.assertEqual(caught.exception.status, -1)

    def test_extract_many_raises_where_an_item_is_too_large(self):
        with zhmeta.Engine(max_input_bytes=10) as engine:
            items = ["0123456789", "01234567890", "abc"]
            results = engine.extract_many(items, threads=1, as_json=True)
            self.assertEqual(json.loads(next(results)), json.loads(engine.extract_json(items[0])))
            with self.assertRaisesRegex(zhmeta.Error, "max_input_bytes") as caught:
                next(results)
            self.assertEqual(caught.exception.status, -4)
            lines = engine.extract_json_batch(items)
            self.assertIsInstance(lines[1], zhmeta.Error)
            self.assertEqual(lines[1].status, -4)
            self.assertEqual(lines[2], engine.extract_json("abc"))

    def test_missing_rules_dir(self):
        with self.assertRaisesRegex(zhmeta.Error, "nonexistent-rules") as caught:
            zhmeta.Engine(rules_dir="/nonexistent-rules")
        self.assertEqual(caught.exception.status, -3)

    def test_broken_extra_rules(self):
        with tempfile.TemporaryDirectory() as root:
            os.mkdir(os.path.join(root, "dates"))
            with open(os.path.join(root, "dates", "mine.rules"), "w", encoding="utf-8") as f:
                f.write("rule dates.mine\n  pattern = (\\d+\n")
            with self.assertRaisesRegex(zhmeta.Error, "mine.rules"):
                zhmeta.Engine(extra_rules_dir=root)

    def test_engine_is_not_picklable(self):
        with zhmeta.Engine() as engine:
            with self.assertRaisesRegex(TypeError, "cannot be pickled"):
                pickle.dumps(engine)

    def test_closed_engine(self):
        engine = zhmeta.Engine()
        engine.close()
        engine.close()  # twice is fine
        with self.assertRaisesRegex(zhmeta.Error, "closed"):
            engine.extract("x")


if __name__ == "__main__":
    unittest.main()
