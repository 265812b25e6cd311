"""zhmeta: structured records from Chinese news articles (Python binding).

Standard library only: ctypes over the C API of libzhmeta.so, which is found
via $ZHMETA_LIBRARY, beside this package, in a source checkout's build/lib, or
by the system loader (in that order).

    import zhmeta
    with zhmeta.Engine() as engine:
        record = engine.extract(text, pubdate="2019-03-04", id="a1")
        for person in record["persons"]:
            print(person["name"], person["titles"], person["char_mentions"])

A record is the zhmeta/1 JSON object as dicts and lists (SPEC.md). Spans are
byte offsets into the UTF-8 input ("span", "mentions"); when the input is a
str, every span also has its str-index twin ("char_span", "char_mentions"),
so text[b:e] is the surface form.

One Engine may be shared by any number of threads (the C call releases the
GIL); extract_many() does that with a thread pool.
"""

import collections
import collections.abc
import concurrent.futures
import ctypes
import itertools
import json

from . import _native
from ._native import Error

__all__ = ["Engine", "Error", "__version__", "library_version", "schema"]

__version__ = "0.1.0"
library_version = _native.version
schema = _native.schema

_lib = _native.lib


def _as_bytes(text):
    if isinstance(text, str):
        # surrogatepass: a str with lone surrogates still reaches the library,
        # which reports the bad bytes as a warning instead of failing.
        return text.encode("utf-8", "surrogatepass")
    if isinstance(text, (bytes, bytearray, memoryview)):
        return bytes(text)
    raise TypeError("text must be str or bytes, not %s" % type(text).__name__)


def _opt_bytes(value, what):
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError("%s must be a str or None" % what)
    return value.encode("utf-8")


class Engine:
    """Compiled rules. Thread-safe; close() (or the with block) frees it.

    rules_dir: read rules from this folder instead of the embedded ones.
    extra_rules_dir: a folder layered over the base rules (rules/README.md).
    max_input_bytes: extract() refuses longer input (default 256 MiB, at most 372 MiB).
    """

    def __init__(self, *, rules_dir=None, extra_rules_dir=None, max_input_bytes=None):
        if max_input_bytes is not None and int(max_input_bytes) <= 0:
            raise ValueError("max_input_bytes must be positive")
        options = _native.Options(
            _native.OPTIONS_VERSION,
            _opt_bytes(None if rules_dir is None else str(rules_dir), "rules_dir"),
            _opt_bytes(None if extra_rules_dir is None else str(extra_rules_dir), "extra_rules_dir"),
            0 if max_input_bytes is None else int(max_input_bytes),
        )
        handle = ctypes.c_void_p()
        _lib.zhmeta_engine_new(ctypes.byref(handle), ctypes.byref(options))
        self._handle = handle

    def close(self):
        """Frees the engine. Call it only when no extract() is running."""
        handle, self._handle = getattr(self, "_handle", None), None
        if handle:
            _lib.zhmeta_engine_free(handle)

    def __reduce__(self):
        # An engine is a native handle: send options and build one per process.
        raise TypeError("a zhmeta.Engine cannot be pickled: create one in each process "
                        "(e.g. a Dask WorkerPlugin, see examples/dask)")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:  # interpreter shutdown: the library may be gone already
            pass

    def extract_json(self, text, *, pubdate=None, id=None):
        """The record as one line of zhmeta/1 JSON, exactly as the CLI prints it."""
        if self._handle is None:
            raise Error("the engine is closed")
        data = _as_bytes(text)
        doc = _doc_options(id, pubdate)
        result = ctypes.c_void_p()
        _lib.zhmeta_extract(ctypes.byref(result), self._handle, data, len(data), ctypes.byref(doc))
        try:
            return _result_json(result)
        finally:
            _lib.zhmeta_result_free(result)

    def extract_json_batch(self, items, *, pubdate=None):
        """JSON lines of several articles from one call, in input order: the
        lines extract_json() gives, for less CPU time (the library runs each
        stage over all of them while its rules are in cache).

        Items as for extract_many(). An item over max_input_bytes gets a
        zhmeta.Error in its place, the others are still extracted; any other
        failure (a bad pubdate, a closed engine) raises.
        """
        return self._extract_json_batch([_article(item, pubdate) for item in items])

    def _extract_json_batch(self, articles):
        """extract_json_batch() on (text, id, pubdate) tuples."""
        if self._handle is None:
            raise Error("the engine is closed")
        count = len(articles)
        datas = [_as_bytes(text) for text, _, _ in articles]
        docs = (_native.DocOptions * count)(*[_doc_options(id, pubdate) for _, id, pubdate in articles])
        texts = (ctypes.c_char_p * count)(*datas)
        lens = (ctypes.c_size_t * count)(*[len(data) for data in datas])
        out = (ctypes.c_void_p * count)()
        status = _lib.zhmeta_extract_batch(out, self._handle, count, texts, lens, docs)
        try:
            if status not in (0, _native.ERROR_TOO_LARGE):
                raise Error(_native.errmsg(), status)
            too_large = Error(_native.errmsg(), status) if status else None
            return [_result_json(result) if result else too_large for result in out]
        finally:
            for result in out:
                _lib.zhmeta_result_free(result)

    def extract(self, text, *, pubdate=None, id=None):
        """Extracts one article (str or bytes) and returns its record as a dict.

        pubdate: "YYYY-MM-DD" hint that wins over the text's own date.
        id: copied into record["id"].
        """
        record = json.loads(self.extract_json(text, pubdate=pubdate, id=id))
        if isinstance(text, str):
            _add_char_spans(record, text)
        return record

    def extract_many(self, items, *, threads=4, pubdate=None, as_json=False):
        """Extracts many articles on a pool of `threads` threads sharing this
        engine; yields the records in input order.

        Each item is the text (str or bytes) or a mapping with "text" and
        optionally "id" and "pubdate" (which wins over the `pubdate` argument).
        A thread takes _BATCH items at a time and extracts them in one call
        (zhmeta_extract_batch: less CPU time per article than one call each).
        At most two takes per thread are in flight, so a long iterable is
        streamed, not loaded. as_json=True yields JSON lines instead of dicts.
        An item that fails (over max_input_bytes) raises Error where it stands.
        """
        if threads < 1:
            raise ValueError("threads must be at least 1")

        with concurrent.futures.ThreadPoolExecutor(max_workers=threads) as pool:
            items = iter(items)

            def submit_take():
                take = [_article(item, pubdate) for item in itertools.islice(items, self._BATCH)]
                return (take, pool.submit(self._extract_json_batch, take)) if take else None

            pending = collections.deque()
            for _ in range(2 * threads):
                take = submit_take()
                if take is None:
                    break
                pending.append(take)
            while pending:
                take, future = pending.popleft()
                outputs = future.result()
                following = submit_take()
                if following is not None:
                    pending.append(following)
                for (text, _, _), output in zip(take, outputs):
                    if isinstance(output, Error):
                        raise output
                    if as_json:
                        yield output
                    else:
                        record = json.loads(output)
                        if isinstance(text, str):
                            _add_char_spans(record, text)
                        yield record

    _BATCH = 64  # articles per zhmeta_extract_batch call in extract_many()


def _article(item, pubdate):
    """(text, id, pubdate) of an item: a text, or a mapping with "text" and
    optionally "id" and "pubdate" (which wins over the `pubdate` argument)."""
    if isinstance(item, collections.abc.Mapping):
        return item["text"], item.get("id"), item.get("pubdate", pubdate)
    return item, None, pubdate


def _doc_options(id, pubdate):
    return _native.DocOptions(
        _native.DOC_OPTIONS_VERSION,
        _opt_bytes(None if id is None else str(id), "id"),
        _opt_bytes(pubdate, "pubdate"),
    )


def _result_json(result):
    size = ctypes.c_size_t()
    pointer = _lib.zhmeta_result_json(result, ctypes.byref(size))
    if not pointer:
        raise MemoryError("zhmeta_result_json")
    return ctypes.string_at(pointer, size.value).decode("utf-8")


def _spans_in(record):
    """Every span list ([b, e] pairs) in a record, with the key of its twin."""
    for source in record["publication"]["sources"]:
        yield source, "span", "char_span"
    for kind in ("dates", "bylines"):
        for item in record[kind]:
            yield item, "span", "char_span"
    for kind in ("persons", "organizations", "meetings"):
        for item in record[kind]:
            yield item, "mentions", "char_mentions"
    for speaker in record["speakers"]:
        for statement in speaker["statements"]:
            yield statement, "span", "char_span"


def _add_char_spans(record, text):
    """Adds str-index twins of the byte spans of a record of `text`."""
    places = list(_spans_in(record))
    offsets = set()
    for item, key, _ in places:
        value = item[key]
        pairs = value if key == "mentions" else [value]
        for begin, end in pairs:
            offsets.add(begin)
            offsets.add(end)
    data = text.encode("utf-8", "surrogatepass")
    to_char = {}
    chars = previous = 0
    for offset in sorted(offsets):  # one pass over the text, whatever the span count
        piece = data[previous:offset]
        try:
            chars += len(piece.decode("utf-8", "surrogatepass"))
        except UnicodeDecodeError:  # an offset inside a character: count lead bytes
            chars += sum(1 for b in piece if b & 0xC0 != 0x80)
        to_char[offset] = chars
        previous = offset
    for item, key, twin in places:
        value = item[key]
        if key == "mentions":
            item[twin] = [[to_char[b], to_char[e]] for b, e in value]
        else:
            item[twin] = [to_char[value[0]], to_char[value[1]]]
