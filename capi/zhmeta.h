/*
 * zhmeta: structured records from Chinese news articles -- the C API.
 *
 * Installed as <zhmeta/zhmeta.h>; link with `pkg-config --libs zhmeta` or the
 * CMake target zhmeta::zhmeta. C99 and C++ clean. Everything the library
 * exports is named zhmeta_* (the C++ API in <zhmeta/zhmeta.hpp> is separate).
 *
 *   zhmeta_engine *engine;
 *   zhmeta_result *result;
 *   if (zhmeta_engine_new(&engine, NULL) != ZHMETA_OK) { puts(zhmeta_errmsg()); ... }
 *   if (zhmeta_extract(&result, engine, text, len, NULL) == ZHMETA_OK) {
 *     size_t json_len;
 *     const char *json = zhmeta_result_json(result, &json_len);   -- or the typed accessors
 *     zhmeta_result_free(result);
 *   }
 *   zhmeta_engine_free(engine);
 *
 * OBJECTS AND OWNERSHIP
 *   zhmeta_engine  compiled rules; immutable once created. Freed by
 *                  zhmeta_engine_free(). Results do not point into the engine,
 *                  so an engine may be freed while results are still alive.
 *   zhmeta_result  one article's record. Owns every string and number it hands
 *                  out; they stay valid (and unchanged) until
 *                  zhmeta_result_free(). The caller's text is not referenced
 *                  after zhmeta_extract() returns.
 *   Every *_free function accepts NULL and then does nothing.
 *
 * THREADS
 *   One engine may be shared by any number of threads calling zhmeta_extract()
 *   at the same time, with no locking by the caller. Each call returns its own
 *   result; a result may be read from several threads at once (all accessors
 *   are read-only) but must be freed once, by one thread, after the readers
 *   are done. The library has no global mutable state; the only per-thread
 *   state is the last error message (zhmeta_errmsg).
 *
 * ERRORS
 *   Fallible calls return an int: ZHMETA_OK (0) or a negative zhmeta_status.
 *   Outputs come first in the parameter list and are set to NULL on failure.
 *   zhmeta_errmsg() then describes the failure. Nothing is ever printed and no
 *   C++ exception ever leaves the library. Bad *content* (invalid UTF-8, NUL
 *   bytes, mojibake) is not an error: the record lists it in its warnings.
 *
 * SPANS
 *   Every span is [begin, end) in bytes of the text exactly as passed to
 *   zhmeta_extract(), so text + begin, end - begin is the surface form. Names,
 *   titles and values are normalized UTF-8 (Simplified characters, full-width
 *   forms folded), NUL-terminated.
 *
 * ABI
 *   Options structs carry a `version` field (set it to the *_VERSION macro of
 *   the header you compiled against, or use the *_INIT macros); new fields are
 *   only ever added at the end and guarded by a higher version, so a program
 *   built against an older header keeps working with a newer library of the
 *   same major version (SONAME libzhmeta.so.MAJOR; see capi/README.md).
 */
#ifndef ZHMETA_ZHMETA_H
#define ZHMETA_ZHMETA_H

#include <stddef.h>

#include <zhmeta/version.h> /* ZHMETA_VERSION_*, ZHMETA_SCHEMA, ZHMETA_RULES_FORMAT */

#if defined(_WIN32) && defined(ZHMETA_BUILDING)
#define ZHMETA_API __declspec(dllexport)
#elif defined(__GNUC__)
#define ZHMETA_API __attribute__((visibility("default")))
#else
#define ZHMETA_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- status codes --------------------------------------------------------- */

typedef enum zhmeta_status {
  ZHMETA_OK = 0,
  ZHMETA_ERROR_INVALID_ARGUMENT = -1, /* NULL pointer, text NULL with len > 0, bad option value */
  ZHMETA_ERROR_VERSION = -2,          /* an options struct's `version` this library does not know */
  ZHMETA_ERROR_RULES = -3,            /* rule files did not load or compile (message: file:line: rule id) */
  ZHMETA_ERROR_TOO_LARGE = -4,        /* input longer than zhmeta_options.max_input_bytes */
  ZHMETA_ERROR_OUT_OF_RANGE = -5,     /* kind or index outside the result */
  ZHMETA_ERROR_NO_MEMORY = -6,        /* allocation failed */
  ZHMETA_ERROR_INTERNAL = -7          /* a bug in zhmeta; the message says what */
} zhmeta_status;

/* The message of the last failed call on *this thread*: "" if none failed yet.
 * Valid until the next failing zhmeta call on the same thread. Never NULL. */
ZHMETA_API const char *zhmeta_errmsg(void);

/* ---- versions --------------------------------------------------------------- */

/* Runtime twins of the macros in <zhmeta/version.h>: compare them to detect a
 * library older than the header a program was built with. */
ZHMETA_API const char *zhmeta_version(void);  /* "MAJOR.MINOR.PATCH" */
ZHMETA_API int zhmeta_version_number(void);   /* MAJOR*10000 + MINOR*100 + PATCH */
ZHMETA_API const char *zhmeta_schema(void);   /* output schema, "zhmeta/1" */
ZHMETA_API int zhmeta_rules_format(void);     /* rule-file format version read */

/* ---- engine ----------------------------------------------------------------- */

typedef struct zhmeta_engine zhmeta_engine;

#define ZHMETA_OPTIONS_VERSION 1

/* The largest max_input_bytes an engine accepts (372 MiB): offsets are
 * 32-bit, and normalization can make a text 11 times longer (U+FDFA). */
#define ZHMETA_LARGEST_MAX_INPUT_BYTES ((size_t)372 << 20)

/* Engine options. Zero-fill it and set `version`, or start from
 * ZHMETA_OPTIONS_INIT; NULL / 0 fields mean "default". Strings are copied. */
typedef struct zhmeta_options {
  unsigned int version;        /* ZHMETA_OPTIONS_VERSION */
  const char *rules_dir;       /* read rules from this folder instead of the embedded
                                  ones (rule development); NULL = embedded rules */
  const char *extra_rules_dir; /* a folder layered over the base rules: new rule ids
                                  add rules, equal ids replace them, gazetteer files
                                  add entries (rules/README.md); NULL = none */
  size_t max_input_bytes;      /* zhmeta_extract() refuses longer input; 0 = 256 MiB;
                                  at most ZHMETA_LARGEST_MAX_INPUT_BYTES (else INVALID_ARGUMENT) */
} zhmeta_options;

#define ZHMETA_OPTIONS_INIT {ZHMETA_OPTIONS_VERSION, NULL, NULL, 0}

/* Compiles the rules into a new engine (tens of milliseconds: make one and
 * share it). opts NULL = embedded rules and defaults.
 * Errors: INVALID_ARGUMENT (out NULL), VERSION, RULES, NO_MEMORY. */
ZHMETA_API int zhmeta_engine_new(zhmeta_engine **out, const zhmeta_options *opts);

/* Frees the engine. NULL is a no-op. Results it produced stay valid. */
ZHMETA_API void zhmeta_engine_free(zhmeta_engine *engine);

/* ---- extraction ------------------------------------------------------------- */

typedef struct zhmeta_result zhmeta_result;

#define ZHMETA_DOC_OPTIONS_VERSION 1

/* Per-article options; NULL fields mean "none". Strings are copied. */
typedef struct zhmeta_doc_options {
  unsigned int version; /* ZHMETA_DOC_OPTIONS_VERSION */
  const char *id;       /* copied into the record's "id"; NULL = "" */
  const char *pubdate;  /* "YYYY-MM-DD" publication date hint; wins over the text's own */
} zhmeta_doc_options;

#define ZHMETA_DOC_OPTIONS_INIT {ZHMETA_DOC_OPTIONS_VERSION, NULL, NULL}

/* Extracts one article: `len` bytes at `text` (UTF-8 expected, any bytes
 * accepted; NUL bytes are content, not terminators). text may be NULL only
 * when len is 0. doc NULL = no id, no pubdate hint. Thread-safe on one engine.
 * Errors: INVALID_ARGUMENT (out/engine NULL, text NULL with len > 0, pubdate not
 * YYYY-MM-DD), VERSION, TOO_LARGE, NO_MEMORY, INTERNAL. */
ZHMETA_API int zhmeta_extract(zhmeta_result **out, const zhmeta_engine *engine, const char *text,
                              size_t len, const zhmeta_doc_options *doc);

/* Extracts `count` articles in one call: out[i] gets the result zhmeta_extract()
 * gives for the lens[i] bytes at texts[i] with docs[i] (docs NULL: no id and
 * no hint for any), for less CPU time than one call each: each stage of the
 * pipeline runs over many articles while its rules and tables are in cache
 * (about a tenth less on news pages). `out` has room for `count` results; free
 * each with zhmeta_result_free(). Thread-safe on one engine.
 * Errors: INVALID_ARGUMENT (out/engine NULL, texts or lens NULL with count > 0,
 * a text NULL with its len > 0, a pubdate not YYYY-MM-DD), VERSION, NO_MEMORY,
 * INTERNAL: then every out[i] is NULL and nothing is extracted.
 * TOO_LARGE: some articles are longer than max_input_bytes: their out[i] are
 * NULL, the others are extracted and must be freed; the message names the first. */
ZHMETA_API int zhmeta_extract_batch(zhmeta_result **out, const zhmeta_engine *engine, size_t count,
                                    const char *const *texts, const size_t *lens,
                                    const zhmeta_doc_options *docs);

/* Frees the result and every string it handed out. NULL is a no-op. */
ZHMETA_API void zhmeta_result_free(zhmeta_result *result);

/* The record as one line of zhmeta/1 JSON (no trailing newline), exactly what
 * the zhmeta CLI prints. Owned by the result; made on the first call (safe from
 * several threads), the same pointer afterwards. *len (if len is not NULL)
 * gets its length in bytes. NULL (and *len = 0) when result is NULL or memory
 * runs out. */
ZHMETA_API const char *zhmeta_result_json(const zhmeta_result *result, size_t *len);

/* ---- typed accessors (no JSON parser needed) --------------------------------- */

/* Single values of the record. */
typedef enum zhmeta_field {
  ZHMETA_FIELD_ID = 1,
  ZHMETA_FIELD_PUBLICATION_DATE = 2,     /* "2018-12-07" or NULL */
  ZHMETA_FIELD_PUBLICATION_DATETIME = 3, /* "2015-11-04T06:05:47" or NULL */
  ZHMETA_FIELD_EVENT_DATE = 4,           /* or NULL */
  ZHMETA_FIELD_EVENT_MEETING = 5         /* or NULL */
} zhmeta_field;

/* The field's value, or NULL when the record has none (or on a bad argument). */
ZHMETA_API const char *zhmeta_result_field(const zhmeta_result *result, zhmeta_field field);

/* The record's lists. What name / value / spans / lists mean for each:
 *
 *   kind          name           value            spans (label)             lists
 *   DATE          surface text   "2018-12-06"     1: the date               -
 *   BYLINE        person         role             1: the name               -
 *   SOURCE        "新华社"        NULL             1: the source             -
 *   PERSON        name           NULL             each mention              TITLES
 *   SPEAKER       name or NULL   NULL             each statement (verb)     TITLES
 *   ORGANIZATION  name           type             each mention              -
 *   MEETING       name           date or NULL     each mention              CHAIRS, ATTENDEES
 *   WARNING       message        NULL             none                      -
 */
typedef enum zhmeta_kind {
  ZHMETA_KIND_DATE = 1,
  ZHMETA_KIND_BYLINE = 2,
  ZHMETA_KIND_SOURCE = 3, /* publication.sources */
  ZHMETA_KIND_PERSON = 4,
  ZHMETA_KIND_SPEAKER = 5,
  ZHMETA_KIND_ORGANIZATION = 6,
  ZHMETA_KIND_MEETING = 7,
  ZHMETA_KIND_WARNING = 8
} zhmeta_kind;

typedef enum zhmeta_list {
  ZHMETA_LIST_TITLES = 1,   /* PERSON, SPEAKER: offices as written */
  ZHMETA_LIST_CHAIRS = 2,   /* MEETING: who chaired it */
  ZHMETA_LIST_ATTENDEES = 3 /* MEETING: who attended */
} zhmeta_list;

/* Number of items of `kind`; 0 for a NULL result or an unknown kind. */
ZHMETA_API size_t zhmeta_result_count(const zhmeta_result *result, zhmeta_kind kind);

/* Item `index` of `kind` (0-based): its name and value per the table above.
 * NULL when the item has none, or when an argument is out of range (then
 * zhmeta_errmsg() says so). */
ZHMETA_API const char *zhmeta_result_name(const zhmeta_result *result, zhmeta_kind kind, size_t index);
ZHMETA_API const char *zhmeta_result_value(const zhmeta_result *result, zhmeta_kind kind, size_t index);

/* Number of spans of the item (mentions, statements, or 1); 0 on a bad argument. */
ZHMETA_API size_t zhmeta_result_span_count(const zhmeta_result *result, zhmeta_kind kind,
                                           size_t index);

/* Span `span_index` of the item: byte offsets into the input. *label (if label
 * is not NULL) gets the statement's verb for SPEAKER, NULL otherwise.
 * Errors: INVALID_ARGUMENT (result/begin/end NULL), OUT_OF_RANGE; outputs are
 * then 0 / NULL. */
ZHMETA_API int zhmeta_result_span(const zhmeta_result *result, zhmeta_kind kind, size_t index,
                                  size_t span_index, size_t *begin, size_t *end,
                                  const char **label);

/* A string list of the item (titles, chairs, attendees): its length, and its
 * element `list_index`. 0 / NULL for a list the kind does not have or an index
 * out of range. */
ZHMETA_API size_t zhmeta_result_list_count(const zhmeta_result *result, zhmeta_kind kind,
                                           size_t index, zhmeta_list list);
ZHMETA_API const char *zhmeta_result_list_item(const zhmeta_result *result, zhmeta_kind kind,
                                               size_t index, zhmeta_list list, size_t list_index);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* ZHMETA_ZHMETA_H */
