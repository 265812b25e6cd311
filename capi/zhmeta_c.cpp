// The C ABI (zhmeta.h) over the C++ API. Every exported body is wrapped in
// guarded(), so no exception crosses the boundary; failures become a status
// plus a thread-local message.
#include <cstring>
#include <exception>
#include <memory>
#include <mutex>
#include <new>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "zhmeta.h"
#include "zhmeta/version.h"
#include "zhmeta/zhmeta.hpp"

struct zhmeta_engine {
  explicit zhmeta_engine(const zhmeta::EngineOptions &options)
      : max_input_bytes(options.max_input_bytes), engine(options) {}
  std::size_t max_input_bytes;
  zhmeta::Engine engine;
};

struct zhmeta_result {
  zhmeta::Record record;
  // Serialized on first request (callers of the typed accessors never pay for
  // it); call_once keeps concurrent readers of one result safe.
  mutable std::once_flag json_once;
  mutable std::string json;
};

namespace {

thread_local std::string last_error;

int fail(int status, const char *message) {
  // Assigning may itself throw bad_alloc; keep the previous message then.
  try {
    last_error = message;
  } catch (...) {
  }
  return status;
}

int fail(int status, const std::string &message) { return fail(status, message.c_str()); }

// Runs body() and converts any exception to a status + message.
template <typename Body>
int guarded(const char *function, Body &&body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc &) {
    return fail(ZHMETA_ERROR_NO_MEMORY, std::string(function) + ": out of memory");
  } catch (const zhmeta::Error &e) {
    return fail(ZHMETA_ERROR_RULES, std::string(function) + ": " + e.what());
  } catch (const std::exception &e) {
    return fail(ZHMETA_ERROR_INTERNAL, std::string(function) + ": internal error: " + e.what());
  } catch (...) {
    return fail(ZHMETA_ERROR_INTERNAL, std::string(function) + ": internal error");
  }
}

// For accessors that return a value rather than a status: building an error
// message can throw bad_alloc, which must not escape either.
template <typename T, typename Body>
T guarded_value(T fallback, Body &&body) noexcept {
  try {
    return body();
  } catch (...) {
    fail(ZHMETA_ERROR_NO_MEMORY, "out of memory");
    return fallback;
  }
}

int null_argument(const char *function, const char *argument) {
  return fail(ZHMETA_ERROR_INVALID_ARGUMENT,
              std::string(function) + ": " + argument + " must not be NULL");
}

bool is_iso_date(const char *s) {
  if (std::strlen(s) != 10 || s[4] != '-' || s[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

// ---- typed accessors ---------------------------------------------------------

// Enum arguments are read as int: C callers may pass any int, and loading an
// out-of-range value as a C++ enum would be undefined behaviour.
template <typename Enum>
int raw(const Enum &value) {
  static_assert(sizeof(Enum) == sizeof(int), "C enums are int-sized");
  int v;
  std::memcpy(&v, &value, sizeof v);
  return v;
}

using zhmeta::Record;
using zhmeta::Span;

std::size_t count_of(const Record &r, int kind) {
  switch (kind) {
    case ZHMETA_KIND_DATE: return r.dates.size();
    case ZHMETA_KIND_BYLINE: return r.bylines.size();
    case ZHMETA_KIND_SOURCE: return r.publication.sources.size();
    case ZHMETA_KIND_PERSON: return r.persons.size();
    case ZHMETA_KIND_SPEAKER: return r.speakers.size();
    case ZHMETA_KIND_ORGANIZATION: return r.organizations.size();
    case ZHMETA_KIND_MEETING: return r.meetings.size();
    case ZHMETA_KIND_WARNING: return r.warnings.size();
  }
  return 0;  // a value outside the enum (C lets callers pass any int)
}

const char *c_str(const std::optional<std::string> &s) { return s ? s->c_str() : nullptr; }

// Checks result/kind/index; on failure records why and returns false.
bool valid_item(const char *function, const zhmeta_result *result, int kind,
                std::size_t index) {
  if (!result) {
    null_argument(function, "result");
    return false;
  }
  const std::size_t n = count_of(result->record, kind);
  if (index >= n) {
    fail(ZHMETA_ERROR_OUT_OF_RANGE, std::string(function) + ": index " + std::to_string(index) +
                                        " out of range (kind " + std::to_string(kind) +
                                        " has " + std::to_string(n) + " items)");
    return false;
  }
  return true;
}

const char *name_of(const Record &r, int kind, std::size_t i) {
  switch (kind) {
    case ZHMETA_KIND_DATE: return r.dates[i].text.c_str();
    case ZHMETA_KIND_BYLINE: return r.bylines[i].name.c_str();
    case ZHMETA_KIND_SOURCE: return r.publication.sources[i].name.c_str();
    case ZHMETA_KIND_PERSON: return r.persons[i].name.c_str();
    case ZHMETA_KIND_SPEAKER: return c_str(r.speakers[i].name);
    case ZHMETA_KIND_ORGANIZATION: return r.organizations[i].name.c_str();
    case ZHMETA_KIND_MEETING: return r.meetings[i].name.c_str();
    case ZHMETA_KIND_WARNING: return r.warnings[i].c_str();
  }
  return nullptr;
}

const char *value_of(const Record &r, int kind, std::size_t i) {
  switch (kind) {
    case ZHMETA_KIND_DATE: return r.dates[i].value.c_str();
    case ZHMETA_KIND_BYLINE: return r.bylines[i].role.c_str();
    case ZHMETA_KIND_ORGANIZATION: return r.organizations[i].type.c_str();
    case ZHMETA_KIND_MEETING: return c_str(r.meetings[i].date);
    default: return nullptr;
  }
}

std::size_t span_count_of(const Record &r, int kind, std::size_t i) {
  switch (kind) {
    case ZHMETA_KIND_DATE:
    case ZHMETA_KIND_BYLINE:
    case ZHMETA_KIND_SOURCE: return 1;
    case ZHMETA_KIND_PERSON: return r.persons[i].mentions.size();
    case ZHMETA_KIND_SPEAKER: return r.speakers[i].statements.size();
    case ZHMETA_KIND_ORGANIZATION: return r.organizations[i].mentions.size();
    case ZHMETA_KIND_MEETING: return r.meetings[i].mentions.size();
    default: return 0;
  }
}

// Span j of item i (j already checked against span_count_of); label: statement verb.
Span span_of(const Record &r, int kind, std::size_t i, std::size_t j, const char **label) {
  switch (kind) {
    case ZHMETA_KIND_DATE: return r.dates[i].span;
    case ZHMETA_KIND_BYLINE: return r.bylines[i].span;
    case ZHMETA_KIND_SOURCE: return r.publication.sources[i].span;
    case ZHMETA_KIND_PERSON: return r.persons[i].mentions[j];
    case ZHMETA_KIND_SPEAKER:
      *label = r.speakers[i].statements[j].verb.c_str();
      return r.speakers[i].statements[j].span;
    case ZHMETA_KIND_ORGANIZATION: return r.organizations[i].mentions[j];
    case ZHMETA_KIND_MEETING: return r.meetings[i].mentions[j];
    default: return Span{};
  }
}

const std::vector<std::string> *list_of(const Record &r, int kind, std::size_t i,
                                        int list) {
  if (list == ZHMETA_LIST_TITLES && kind == ZHMETA_KIND_PERSON) return &r.persons[i].titles;
  if (list == ZHMETA_LIST_TITLES && kind == ZHMETA_KIND_SPEAKER) return &r.speakers[i].titles;
  if (list == ZHMETA_LIST_CHAIRS && kind == ZHMETA_KIND_MEETING) return &r.meetings[i].chairs;
  if (list == ZHMETA_LIST_ATTENDEES && kind == ZHMETA_KIND_MEETING) return &r.meetings[i].attendees;
  return nullptr;
}

}  // namespace

extern "C" {

const char *zhmeta_errmsg(void) { return last_error.c_str(); }

const char *zhmeta_version(void) { return ZHMETA_VERSION_STRING; }
int zhmeta_version_number(void) { return ZHMETA_VERSION_NUMBER; }
const char *zhmeta_schema(void) { return ZHMETA_SCHEMA; }
int zhmeta_rules_format(void) { return ZHMETA_RULES_FORMAT; }

static_assert(ZHMETA_LARGEST_MAX_INPUT_BYTES == zhmeta::kLargestMaxInputBytes,
              "one limit for C and C++");

int zhmeta_engine_new(zhmeta_engine **out, const zhmeta_options *opts) {
  return guarded("zhmeta_engine_new", [&] {
    if (!out) return null_argument("zhmeta_engine_new", "out");
    *out = nullptr;
    zhmeta::EngineOptions options;
    if (opts) {
      if (opts->version < 1 || opts->version > ZHMETA_OPTIONS_VERSION)
        return fail(ZHMETA_ERROR_VERSION, "zhmeta_engine_new: zhmeta_options.version " +
                                              std::to_string(opts->version) + " is not supported (1.." +
                                              std::to_string(ZHMETA_OPTIONS_VERSION) + ")");
      if (opts->rules_dir) options.rules_dir = opts->rules_dir;
      if (opts->extra_rules_dir) options.extra_rules_dirs.emplace_back(opts->extra_rules_dir);
      if (opts->max_input_bytes > ZHMETA_LARGEST_MAX_INPUT_BYTES)
        return fail(ZHMETA_ERROR_INVALID_ARGUMENT,
                    "zhmeta_engine_new: zhmeta_options.max_input_bytes " +
                        std::to_string(opts->max_input_bytes) +
                        " exceeds ZHMETA_LARGEST_MAX_INPUT_BYTES (" +
                        std::to_string(ZHMETA_LARGEST_MAX_INPUT_BYTES) + ")");
      if (opts->max_input_bytes) options.max_input_bytes = opts->max_input_bytes;
    }
    *out = new zhmeta_engine(options);  // zhmeta::Error here = rules failed to load
    return static_cast<int>(ZHMETA_OK);
  });
}

void zhmeta_engine_free(zhmeta_engine *engine) { delete engine; }

namespace {

// Reads a zhmeta_doc_options (NULL: none) into `options`; a failed status
// (with its message, naming `function`) when it is not valid.
int read_doc_options(const char *function, const zhmeta_doc_options *doc,
                     zhmeta::ExtractOptions &options) {
  if (!doc) return ZHMETA_OK;
  if (doc->version < 1 || doc->version > ZHMETA_DOC_OPTIONS_VERSION)
    return fail(ZHMETA_ERROR_VERSION, std::string(function) + ": zhmeta_doc_options.version " +
                                          std::to_string(doc->version) + " is not supported (1.." +
                                          std::to_string(ZHMETA_DOC_OPTIONS_VERSION) + ")");
  if (doc->id) options.id = doc->id;
  if (doc->pubdate) {
    if (!is_iso_date(doc->pubdate))
      return fail(
          ZHMETA_ERROR_INVALID_ARGUMENT,
          std::string(function) + ": pubdate must be YYYY-MM-DD, got \"" + doc->pubdate + "\"");
    options.pubdate = doc->pubdate;
  }
  return ZHMETA_OK;
}

std::string too_large(const char *function, std::size_t len, const zhmeta_engine &engine) {
  return std::string(function) + ": input of " + std::to_string(len) +
         " bytes exceeds max_input_bytes (" + std::to_string(engine.max_input_bytes) + ")";
}

}  // namespace

int zhmeta_extract(zhmeta_result **out, const zhmeta_engine *engine, const char *text, size_t len,
                   const zhmeta_doc_options *doc) {
  static constexpr const char *kFn = "zhmeta_extract";
  return guarded(kFn, [&] {
    if (!out) return null_argument(kFn, "out");
    *out = nullptr;
    if (!engine) return null_argument(kFn, "engine");
    if (!text && len > 0) return null_argument(kFn, "text (with len > 0)");
    zhmeta::ExtractOptions options;
    if (const int status = read_doc_options(kFn, doc, options); status != ZHMETA_OK) return status;
    if (len > engine->max_input_bytes)
      return fail(ZHMETA_ERROR_TOO_LARGE, too_large(kFn, len, *engine));
    auto result = std::make_unique<zhmeta_result>();
    try {
      result->record = engine->engine.extract(std::string_view(text ? text : "", len), options);
    } catch (const zhmeta::Error &e) {  // not a rules problem here: report as internal
      return fail(ZHMETA_ERROR_INTERNAL, std::string(kFn) + ": " + e.what());
    }
    *out = result.release();
    return static_cast<int>(ZHMETA_OK);
  });
}

int zhmeta_extract_batch(zhmeta_result **out, const zhmeta_engine *engine, size_t count,
                         const char *const *texts, const size_t *lens,
                         const zhmeta_doc_options *docs) {
  static constexpr const char *kFn = "zhmeta_extract_batch";
  return guarded(kFn, [&] {
    if (!out && count > 0) return null_argument(kFn, "out (with count > 0)");
    for (std::size_t i = 0; i < count; ++i) out[i] = nullptr;
    if (!engine) return null_argument(kFn, "engine");
    if (count > 0 && (!texts || !lens)) return null_argument(kFn, "texts or lens (with count > 0)");
    // Every argument is checked before anything is extracted: a bad one fails
    // the whole call. The engine refuses articles over the size limit, each
    // on its own (the only error a BatchResult holds).
    std::vector<std::string_view> views;
    std::vector<zhmeta::ExtractOptions> options(count);
    for (std::size_t i = 0; i < count; ++i) {
      if (!texts[i] && lens[i] > 0) {
        const std::string argument = "texts[" + std::to_string(i) + "] (with its len > 0)";
        return null_argument(kFn, argument.c_str());
      }
      if (const int status = read_doc_options(kFn, docs ? &docs[i] : nullptr, options[i]);
          status != ZHMETA_OK)
        return status;
      views.emplace_back(texts[i] ? texts[i] : "", lens[i]);
    }
    std::vector<std::unique_ptr<zhmeta_result>> results(count);
    std::vector<zhmeta::BatchResult> extracted = engine->engine.extract_batch(views, options);
    std::size_t too_large_count = 0, first_too_large = 0;
    for (std::size_t i = 0; i < count; ++i) {
      if (!extracted[i].error.empty()) {
        if (too_large_count++ == 0) first_too_large = i;
        continue;
      }
      results[i] = std::make_unique<zhmeta_result>();
      results[i]->record = std::move(extracted[i].record);
    }
    for (std::size_t i = 0; i < count; ++i) out[i] = results[i].release();
    if (too_large_count > 0)
      return fail(ZHMETA_ERROR_TOO_LARGE, too_large(kFn, lens[first_too_large], *engine) +
                                              " (texts[" + std::to_string(first_too_large) +
                                              "], and " + std::to_string(too_large_count - 1) +
                                              " more): those results are NULL, the others are "
                                              "extracted");
    return static_cast<int>(ZHMETA_OK);
  });
}

void zhmeta_result_free(zhmeta_result *result) { delete result; }

const char *zhmeta_result_json(const zhmeta_result *result, size_t *len) {
  if (len) *len = 0;
  return guarded_value<const char *>(nullptr, [&]() -> const char * {
    if (!result) {
      null_argument("zhmeta_result_json", "result");
      return nullptr;
    }
    std::call_once(result->json_once, [&] { result->json = zhmeta::to_json(result->record); });
    if (len) *len = result->json.size();
    return result->json.c_str();
  });
}

const char *zhmeta_result_field(const zhmeta_result *result, zhmeta_field field_arg) {
  const int field = raw(field_arg);
  return guarded_value<const char *>(nullptr, [&]() -> const char * {
    if (!result) {
      null_argument("zhmeta_result_field", "result");
      return nullptr;
    }
    const Record &r = result->record;
    switch (field) {
      case ZHMETA_FIELD_ID: return r.id.c_str();
      case ZHMETA_FIELD_PUBLICATION_DATE: return c_str(r.publication.date);
      case ZHMETA_FIELD_PUBLICATION_DATETIME: return c_str(r.publication.datetime);
      case ZHMETA_FIELD_EVENT_DATE: return c_str(r.event.date);
      case ZHMETA_FIELD_EVENT_MEETING: return c_str(r.event.meeting);
    }
    fail(ZHMETA_ERROR_OUT_OF_RANGE, "zhmeta_result_field: unknown field " + std::to_string(field));
    return nullptr;
  });
}

size_t zhmeta_result_count(const zhmeta_result *result, zhmeta_kind kind_arg) {
  const int kind = raw(kind_arg);
  return guarded_value<size_t>(0, [&]() -> size_t {
    if (!result) {
      null_argument("zhmeta_result_count", "result");
      return 0;
    }
    return count_of(result->record, kind);
  });
}

const char *zhmeta_result_name(const zhmeta_result *result, zhmeta_kind kind_arg, size_t index) {
  const int kind = raw(kind_arg);
  return guarded_value<const char *>(nullptr, [&]() -> const char * {
    if (!valid_item("zhmeta_result_name", result, kind, index)) return nullptr;
    return name_of(result->record, kind, index);
  });
}

const char *zhmeta_result_value(const zhmeta_result *result, zhmeta_kind kind_arg, size_t index) {
  const int kind = raw(kind_arg);
  return guarded_value<const char *>(nullptr, [&]() -> const char * {
    if (!valid_item("zhmeta_result_value", result, kind, index)) return nullptr;
    return value_of(result->record, kind, index);
  });
}

size_t zhmeta_result_span_count(const zhmeta_result *result, zhmeta_kind kind_arg, size_t index) {
  const int kind = raw(kind_arg);
  return guarded_value<size_t>(0, [&]() -> size_t {
    if (!valid_item("zhmeta_result_span_count", result, kind, index)) return 0;
    return span_count_of(result->record, kind, index);
  });
}

int zhmeta_result_span(const zhmeta_result *result, zhmeta_kind kind_arg, size_t index, size_t span_index,
                       size_t *begin, size_t *end, const char **label) {
  const int kind = raw(kind_arg);
  static constexpr const char *kFn = "zhmeta_result_span";
  return guarded(kFn, [&]() -> int {
    if (begin) *begin = 0;
    if (end) *end = 0;
    if (label) *label = nullptr;
    if (!begin) return null_argument(kFn, "begin");
    if (!end) return null_argument(kFn, "end");
    if (!valid_item(kFn, result, kind, index))
      return result ? ZHMETA_ERROR_OUT_OF_RANGE : ZHMETA_ERROR_INVALID_ARGUMENT;
    const std::size_t n = span_count_of(result->record, kind, index);
    if (span_index >= n)
      return fail(ZHMETA_ERROR_OUT_OF_RANGE, std::string(kFn) + ": span_index " + std::to_string(span_index) +
                                                 " out of range (the item has " + std::to_string(n) + " spans)");
    const char *verb = nullptr;
    const Span s = span_of(result->record, kind, index, span_index, &verb);
    *begin = s.begin;
    *end = s.end;
    if (label) *label = verb;
    return static_cast<int>(ZHMETA_OK);
  });
}

size_t zhmeta_result_list_count(const zhmeta_result *result, zhmeta_kind kind_arg, size_t index,
                                zhmeta_list list_arg) {
  const int kind = raw(kind_arg);
  const int list = raw(list_arg);
  return guarded_value<size_t>(0, [&]() -> size_t {
    if (!valid_item("zhmeta_result_list_count", result, kind, index)) return 0;
    const auto *items = list_of(result->record, kind, index, list);
    return items ? items->size() : 0;
  });
}

const char *zhmeta_result_list_item(const zhmeta_result *result, zhmeta_kind kind_arg, size_t index,
                                    zhmeta_list list_arg, size_t list_index) {
  const int kind = raw(kind_arg);
  const int list = raw(list_arg);
  return guarded_value<const char *>(nullptr, [&]() -> const char * {
    static constexpr const char *kFn = "zhmeta_result_list_item";
    if (!valid_item(kFn, result, kind, index)) return nullptr;
    const auto *items = list_of(result->record, kind, index, list);
    if (!items || list_index >= items->size()) {
      fail(ZHMETA_ERROR_OUT_OF_RANGE, std::string(kFn) + ": list_index " + std::to_string(list_index) +
                                          " out of range (the list has " +
                                          std::to_string(items ? items->size() : 0) + " items)");
      return nullptr;
    }
    return (*items)[list_index].c_str();
  });
}

}  // extern "C"
