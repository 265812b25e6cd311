"""ctypes binding of the C API (zhmeta.h): library lookup, the function
table, and errors turned into exceptions in one place."""

import ctypes
import ctypes.util
import os
import pathlib

# The C ABI major version this package speaks (the library's SONAME major).
ABI_MAJOR = 0
MIN_VERSION_NUMBER = 100  # 0.1.0

OPTIONS_VERSION = 1
DOC_OPTIONS_VERSION = 1
ERROR_TOO_LARGE = -4


class Error(Exception):
    """A zhmeta call failed; the message is the library's (zhmeta_errmsg)."""

    def __init__(self, message, status=None):
        super().__init__(message)
        self.status = status


class Options(ctypes.Structure):
    _fields_ = [
        ("version", ctypes.c_uint),
        ("rules_dir", ctypes.c_char_p),
        ("extra_rules_dir", ctypes.c_char_p),
        ("max_input_bytes", ctypes.c_size_t),
    ]


class DocOptions(ctypes.Structure):
    _fields_ = [
        ("version", ctypes.c_uint),
        ("id", ctypes.c_char_p),
        ("pubdate", ctypes.c_char_p),
    ]


def _candidates():
    """Where to look for the shared library, in order."""
    env = os.environ.get("ZHMETA_LIBRARY")
    if env:
        # An explicit choice: use it or fail, never fall back silently.
        yield env
        return
    here = pathlib.Path(__file__).resolve().parent
    for folder in (here, here.parent):  # beside the package
        for name in ("libzhmeta.so", "libzhmeta.so.%d" % ABI_MAJOR, "libzhmeta.dylib"):
            if (folder / name).exists():
                yield str(folder / name)
    # A source checkout built with scripts/build.sh (package at capi/python/zhmeta).
    if len(here.parents) > 2:
        built = here.parents[2] / "build" / "lib" / "libzhmeta.so"
        if built.exists():
            yield str(built)
    # The system loader (an installed libzhmeta.so.MAJOR).
    found = ctypes.util.find_library("zhmeta")
    if found:
        yield found
    yield "libzhmeta.so.%d" % ABI_MAJOR


def _load():
    tried = []
    for path in _candidates():
        try:
            return ctypes.CDLL(path)
        except OSError as e:
            tried.append("%s (%s)" % (path, e))
    raise ImportError(
        "zhmeta: cannot load the zhmeta shared library; set ZHMETA_LIBRARY to "
        "libzhmeta.so. Tried: " + "; ".join(tried)
    )


lib = _load()

# zhmeta_errmsg first: the error checker below needs it.
lib.zhmeta_errmsg.argtypes = []
lib.zhmeta_errmsg.restype = ctypes.c_char_p


def errmsg():
    return lib.zhmeta_errmsg().decode("utf-8", "replace")


def _check_status(status, func, args):
    if status != 0:
        raise Error(errmsg(), status)
    return status


_p = ctypes.POINTER
_void_p = ctypes.c_void_p
_size_t = ctypes.c_size_t

# (name, argtypes, restype, errcheck): the one table of the C API used here.
_FUNCTIONS = [
    ("zhmeta_version", [], ctypes.c_char_p, None),
    ("zhmeta_version_number", [], ctypes.c_int, None),
    ("zhmeta_schema", [], ctypes.c_char_p, None),
    ("zhmeta_engine_new", [_p(_void_p), _p(Options)], ctypes.c_int, _check_status),
    ("zhmeta_engine_free", [_void_p], None, None),
    ("zhmeta_extract",
     [_p(_void_p), _void_p, ctypes.c_char_p, _size_t, _p(DocOptions)], ctypes.c_int, _check_status),
    # No errcheck: on TOO_LARGE the other articles' results are still there to free.
    ("zhmeta_extract_batch",
     [_p(_void_p), _void_p, _size_t, _p(ctypes.c_char_p), _p(_size_t), _p(DocOptions)],
     ctypes.c_int, None),
    ("zhmeta_result_json", [_void_p, _p(_size_t)], _void_p, None),
    ("zhmeta_result_free", [_void_p], None, None),
]

for _name, _argtypes, _restype, _errcheck in _FUNCTIONS:
    _f = getattr(lib, _name)
    _f.argtypes = _argtypes
    _f.restype = _restype
    if _errcheck is not None:
        _f.errcheck = _errcheck

version = lib.zhmeta_version().decode("ascii")
schema = lib.zhmeta_schema().decode("ascii")

if schema != "zhmeta/1":  # the record dicts this package walks have this shape
    raise ImportError("zhmeta: library writes schema %s, this package reads zhmeta/1" % schema)

_number = lib.zhmeta_version_number()
if _number // 10000 != ABI_MAJOR or _number < MIN_VERSION_NUMBER:
    raise ImportError(
        "zhmeta: library version %s (%s) is not compatible with this package "
        "(needs %d.x, at least %d)" % (version, lib._name, ABI_MAJOR, MIN_VERSION_NUMBER)
    )
