/* Tests of the C API, in C: every entry point, its misuse, and one engine
 * shared by several threads. Content-independent (the extractors evolve):
 * what is checked is the contract of zhmeta.h, not what a rule finds.
 *
 * usage: test_capi ARTICLE.txt SCRATCH_DIR
 */
#define _POSIX_C_SOURCE 200809L /* mkdir, pthreads under -std=c99 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zhmeta/zhmeta.h>

static int passed, failed;

#define CHECK(cond)                                                   \
  do {                                                                \
    if (cond) {                                                       \
      ++passed;                                                       \
    } else {                                                          \
      ++failed;                                                       \
      fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond); \
    }                                                                 \
  } while (0)

/* The message of the last failure contains `needle`. */
#define CHECK_MSG(needle) CHECK(strstr(zhmeta_errmsg(), (needle)) != NULL)

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  char *buf;
  long size;
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  size = ftell(f);
  fseek(f, 0, SEEK_SET);
  buf = malloc((size_t)size + 1);
  *len = fread(buf, 1, (size_t)size, f);
  buf[*len] = '\0';
  fclose(f);
  return buf;
}

static void write_file(const char *path, const char *content) {
  FILE *f = fopen(path, "wb");
  if (!f) return;
  fputs(content, f);
  fclose(f);
}

static void test_versions(void) {
  char expected[32];
  snprintf(expected, sizeof expected, "%d.%d.%d", ZHMETA_VERSION_MAJOR, ZHMETA_VERSION_MINOR,
           ZHMETA_VERSION_PATCH);
  CHECK(strcmp(zhmeta_version(), expected) == 0);
  CHECK(strcmp(zhmeta_version(), ZHMETA_VERSION_STRING) == 0);
  CHECK(zhmeta_version_number() == ZHMETA_VERSION_NUMBER);
  CHECK(zhmeta_version_number() ==
        ZHMETA_VERSION_MAJOR * 10000 + ZHMETA_VERSION_MINOR * 100 + ZHMETA_VERSION_PATCH);
  CHECK(strcmp(zhmeta_schema(), "zhmeta/1") == 0);
  CHECK(zhmeta_rules_format() == ZHMETA_RULES_FORMAT);
}

static void test_engine_misuse(const char *scratch) {
  zhmeta_engine *engine = (zhmeta_engine *)&engine; /* must be reset to NULL on failure */
  zhmeta_options opts = ZHMETA_OPTIONS_INIT;
  char dir[1024], path[1200];

  CHECK(strcmp(zhmeta_errmsg(), "") == 0); /* nothing failed on this thread yet */

  CHECK(zhmeta_engine_new(NULL, NULL) == ZHMETA_ERROR_INVALID_ARGUMENT);
  CHECK_MSG("out must not be NULL");

  opts.version = 0; /* forgot to set it */
  CHECK(zhmeta_engine_new(&engine, &opts) == ZHMETA_ERROR_VERSION);
  CHECK(engine == NULL);
  CHECK_MSG("version 0");
  opts.version = ZHMETA_OPTIONS_VERSION + 1;
  CHECK(zhmeta_engine_new(&engine, &opts) == ZHMETA_ERROR_VERSION);

  opts.version = ZHMETA_OPTIONS_VERSION;
  opts.rules_dir = "/nonexistent/zhmeta-rules";
  CHECK(zhmeta_engine_new(&engine, &opts) == ZHMETA_ERROR_RULES);
  CHECK(engine == NULL);
  CHECK_MSG("/nonexistent/zhmeta-rules");

  /* A layered folder with a rule that does not compile: the message names the file. */
  snprintf(dir, sizeof dir, "%s/bad-rules", scratch);
  mkdir(dir, 0755);
  snprintf(path, sizeof path, "%s/dates", dir);
  mkdir(path, 0755);
  snprintf(path, sizeof path, "%s/dates/broken.rules", dir);
  write_file(path, "rule dates.broken\n  pattern = (?P<year>\\d{4}\n");
  opts.rules_dir = NULL;
  opts.extra_rules_dir = dir;
  CHECK(zhmeta_engine_new(&engine, &opts) == ZHMETA_ERROR_RULES);
  CHECK(engine == NULL);
  CHECK_MSG("broken.rules");

  /* A valid layered folder (a new gazetteer) loads. */
  snprintf(dir, sizeof dir, "%s/good-rules", scratch);
  mkdir(dir, 0755);
  snprintf(path, sizeof path, "%s/persons", dir);
  mkdir(path, 0755);
  snprintf(path, sizeof path, "%s/persons/capi_test_words.txt", dir);
  write_file(path, "# test gazetteer\n试验词\n");
  opts.extra_rules_dir = dir;
  engine = NULL;
  CHECK(zhmeta_engine_new(&engine, &opts) == ZHMETA_OK);
  CHECK(engine != NULL);
  zhmeta_engine_free(engine);

  /* Freeing NULL is a no-op. */
  zhmeta_engine_free(NULL);
  zhmeta_result_free(NULL);
}

static void test_extract_misuse(const zhmeta_engine *engine) {
  zhmeta_result *result = (zhmeta_result *)&result;
  zhmeta_doc_options doc = ZHMETA_DOC_OPTIONS_INIT;
  zhmeta_options small = ZHMETA_OPTIONS_INIT;
  zhmeta_engine *limited = NULL;

  CHECK(zhmeta_extract(NULL, engine, "x", 1, NULL) == ZHMETA_ERROR_INVALID_ARGUMENT);
  CHECK_MSG("out must not be NULL");
  CHECK(zhmeta_extract(&result, NULL, "x", 1, NULL) == ZHMETA_ERROR_INVALID_ARGUMENT);
  CHECK(result == NULL);
  CHECK_MSG("engine must not be NULL");
  result = (zhmeta_result *)&result;
  CHECK(zhmeta_extract(&result, engine, NULL, 5, NULL) == ZHMETA_ERROR_INVALID_ARGUMENT);
  CHECK(result == NULL);
  CHECK_MSG("text");

  doc.version = 99;
  CHECK(zhmeta_extract(&result, engine, "x", 1, &doc) == ZHMETA_ERROR_VERSION);
  CHECK_MSG("zhmeta_doc_options.version 99");
  doc.version = ZHMETA_DOC_OPTIONS_VERSION;
  doc.pubdate = "2019/03/04";
  CHECK(zhmeta_extract(&result, engine, "x", 1, &doc) == ZHMETA_ERROR_INVALID_ARGUMENT);
  CHECK_MSG("2019/03/04");

  /* NULL text with len 0 is an empty article, not an error. */
  CHECK(zhmeta_extract(&result, engine, NULL, 0, NULL) == ZHMETA_OK);
  CHECK(result != NULL);
  CHECK(zhmeta_result_count(result, ZHMETA_KIND_DATE) == 0);
  CHECK(strcmp(zhmeta_result_field(result, ZHMETA_FIELD_ID), "") == 0);
  zhmeta_result_free(result);

  /* max_input_bytes */
  small.max_input_bytes = 8;
  CHECK(zhmeta_engine_new(&limited, &small) == ZHMETA_OK);
  CHECK(zhmeta_extract(&result, limited, "123456789", 9, NULL) == ZHMETA_ERROR_TOO_LARGE);
  CHECK(result == NULL);
  CHECK_MSG("max_input_bytes");
  CHECK(zhmeta_extract(&result, limited, "12345678", 8, NULL) == ZHMETA_OK);
  zhmeta_result_free(result);
  zhmeta_engine_free(limited);
  /* past what 32-bit offsets can map: refused, and no engine */
  small.max_input_bytes = ZHMETA_LARGEST_MAX_INPUT_BYTES + 1;
  limited = (zhmeta_engine *)&small; /* must be reset to NULL */
  CHECK(zhmeta_engine_new(&limited, &small) == ZHMETA_ERROR_INVALID_ARGUMENT);
  CHECK(limited == NULL);
  CHECK_MSG("ZHMETA_LARGEST_MAX_INPUT_BYTES");
}

static void test_accessor_misuse(const zhmeta_result *result) {
  size_t len = 77, begin = 5, end = 6;
  const char *label = "x";
  size_t warnings = zhmeta_result_count(result, ZHMETA_KIND_WARNING);

  CHECK(zhmeta_result_json(NULL, &len) == NULL);
  CHECK(len == 0);
  CHECK(zhmeta_result_json(NULL, NULL) == NULL);
  CHECK_MSG("result must not be NULL");
  CHECK(zhmeta_result_field(NULL, ZHMETA_FIELD_ID) == NULL);
  CHECK(zhmeta_result_field(result, (zhmeta_field)42) == NULL);
  CHECK_MSG("unknown field 42");
  CHECK(zhmeta_result_count(NULL, ZHMETA_KIND_PERSON) == 0);
  CHECK(zhmeta_result_count(result, (zhmeta_kind)42) == 0);
  CHECK(zhmeta_result_name(NULL, ZHMETA_KIND_PERSON, 0) == NULL);
  CHECK(zhmeta_result_name(result, ZHMETA_KIND_WARNING, warnings) == NULL);
  CHECK_MSG("out of range");
  CHECK(zhmeta_result_value(result, (zhmeta_kind)0, 0) == NULL);
  CHECK(zhmeta_result_span_count(NULL, ZHMETA_KIND_DATE, 0) == 0);
  CHECK(zhmeta_result_span_count(result, ZHMETA_KIND_WARNING, warnings) == 0);

  CHECK(zhmeta_result_span(NULL, ZHMETA_KIND_DATE, 0, 0, &begin, &end, &label) ==
        ZHMETA_ERROR_INVALID_ARGUMENT);
  CHECK(begin == 0 && end == 0 && label == NULL);
  CHECK(zhmeta_result_span(result, ZHMETA_KIND_DATE, 0, 0, NULL, &end, NULL) ==
        ZHMETA_ERROR_INVALID_ARGUMENT);
  CHECK_MSG("begin must not be NULL");
  CHECK(zhmeta_result_span(result, ZHMETA_KIND_DATE, 0, 0, &begin, NULL, NULL) ==
        ZHMETA_ERROR_INVALID_ARGUMENT);
  CHECK(zhmeta_result_span(result, ZHMETA_KIND_WARNING, warnings, 0, &begin, &end, NULL) ==
        ZHMETA_ERROR_OUT_OF_RANGE);
  if (warnings > 0) /* warnings have no spans */
    CHECK(zhmeta_result_span(result, ZHMETA_KIND_WARNING, 0, 0, &begin, &end, NULL) ==
          ZHMETA_ERROR_OUT_OF_RANGE);

  CHECK(zhmeta_result_list_count(NULL, ZHMETA_KIND_PERSON, 0, ZHMETA_LIST_TITLES) == 0);
  CHECK(zhmeta_result_list_item(NULL, ZHMETA_KIND_PERSON, 0, ZHMETA_LIST_TITLES, 0) == NULL);
  if (warnings > 0) { /* warnings have no lists */
    CHECK(zhmeta_result_list_count(result, ZHMETA_KIND_WARNING, 0, ZHMETA_LIST_TITLES) == 0);
    CHECK(zhmeta_result_list_item(result, ZHMETA_KIND_WARNING, 0, ZHMETA_LIST_TITLES, 0) == NULL);
    CHECK_MSG("list_index 0 out of range");
  }
}

/* Odd input: NUL bytes and invalid UTF-8 are content, reported as warnings. */
static void test_warnings(const zhmeta_engine *engine) {
  static const char text[] = "\xe5\x8c\x97\xe4\xba\xac\0\xff\xfe 2019\xe5\xb9\xb4";
  zhmeta_result *result = NULL;
  size_t i, begin = 1, end = 1;
  CHECK(zhmeta_extract(&result, engine, text, sizeof text - 1, NULL) == ZHMETA_OK);
  CHECK(zhmeta_result_count(result, ZHMETA_KIND_WARNING) == 2);
  for (i = 0; i < zhmeta_result_count(result, ZHMETA_KIND_WARNING); ++i) {
    const char *message = zhmeta_result_name(result, ZHMETA_KIND_WARNING, i);
    CHECK(message != NULL && (strstr(message, "UTF-8") || strstr(message, "NUL")));
    CHECK(zhmeta_result_value(result, ZHMETA_KIND_WARNING, i) == NULL);
    CHECK(zhmeta_result_span_count(result, ZHMETA_KIND_WARNING, i) == 0);
  }
  CHECK(zhmeta_result_span(result, ZHMETA_KIND_WARNING, 0, 0, &begin, &end, NULL) ==
        ZHMETA_ERROR_OUT_OF_RANGE);
  test_accessor_misuse(result);
  zhmeta_result_free(result);
}

static const zhmeta_kind kKinds[] = {ZHMETA_KIND_DATE,    ZHMETA_KIND_BYLINE,
                                     ZHMETA_KIND_SOURCE,  ZHMETA_KIND_PERSON,
                                     ZHMETA_KIND_SPEAKER, ZHMETA_KIND_ORGANIZATION,
                                     ZHMETA_KIND_MEETING, ZHMETA_KIND_WARNING};

/* Whatever the extractors find, every item must be readable and every span
 * must lie inside the input. */
static void check_items(const zhmeta_result *result, size_t text_len) {
  size_t k, i, j;
  for (k = 0; k < sizeof kKinds / sizeof kKinds[0]; ++k) {
    const zhmeta_kind kind = kKinds[k];
    for (i = 0; i < zhmeta_result_count(result, kind); ++i) {
      const char *name = zhmeta_result_name(result, kind, i);
      const size_t spans = zhmeta_result_span_count(result, kind, i);
      CHECK(name != NULL || kind == ZHMETA_KIND_SPEAKER);
      if (kind == ZHMETA_KIND_DATE || kind == ZHMETA_KIND_BYLINE || kind == ZHMETA_KIND_ORGANIZATION)
        CHECK(zhmeta_result_value(result, kind, i) != NULL);
      if (kind == ZHMETA_KIND_DATE || kind == ZHMETA_KIND_BYLINE || kind == ZHMETA_KIND_SOURCE)
        CHECK(spans == 1);
      for (j = 0; j < spans; ++j) {
        size_t begin = 0, end = 0;
        const char *label = NULL;
        CHECK(zhmeta_result_span(result, kind, i, j, &begin, &end, &label) == ZHMETA_OK);
        CHECK(begin <= end && end <= text_len);
        CHECK((label != NULL) == (kind == ZHMETA_KIND_SPEAKER));
      }
      {
        size_t begin = 0, end = 0;
        CHECK(zhmeta_result_span(result, kind, i, spans, &begin, &end, NULL) ==
              ZHMETA_ERROR_OUT_OF_RANGE);
      }
      if (kind == ZHMETA_KIND_PERSON || kind == ZHMETA_KIND_SPEAKER) {
        for (j = 0; j < zhmeta_result_list_count(result, kind, i, ZHMETA_LIST_TITLES); ++j)
          CHECK(zhmeta_result_list_item(result, kind, i, ZHMETA_LIST_TITLES, j) != NULL);
      }
      if (kind == ZHMETA_KIND_MEETING) {
        for (j = 0; j < zhmeta_result_list_count(result, kind, i, ZHMETA_LIST_CHAIRS); ++j)
          CHECK(zhmeta_result_list_item(result, kind, i, ZHMETA_LIST_CHAIRS, j) != NULL);
        for (j = 0; j < zhmeta_result_list_count(result, kind, i, ZHMETA_LIST_ATTENDEES); ++j)
          CHECK(zhmeta_result_list_item(result, kind, i, ZHMETA_LIST_ATTENDEES, j) != NULL);
      }
    }
  }
}

static void test_article(const zhmeta_engine *engine, const char *text, size_t len) {
  zhmeta_result *result = NULL;
  zhmeta_doc_options doc = ZHMETA_DOC_OPTIONS_INIT;
  const char *json;
  size_t json_len = 0;
  const char *pubdate;

  doc.id = "capi-article";
  doc.pubdate = "2019-03-04";
  CHECK(zhmeta_extract(&result, engine, text, len, &doc) == ZHMETA_OK);
  if (!result) return;
  json = zhmeta_result_json(result, &json_len);
  CHECK(json != NULL);
  CHECK(json_len == strlen(json));
  CHECK(strncmp(json, "{\"schema\":\"zhmeta/1\",\"id\":\"capi-article\"", 39) == 0);
  CHECK(json[json_len - 1] == '}');
  CHECK(zhmeta_result_json(result, NULL) == json); /* same buffer every time */
  CHECK(strcmp(zhmeta_result_field(result, ZHMETA_FIELD_ID), "capi-article") == 0);
  /* The hint wins over the text's own date (once the dates stage reads it). */
  pubdate = zhmeta_result_field(result, ZHMETA_FIELD_PUBLICATION_DATE);
  CHECK(pubdate == NULL || strcmp(pubdate, "2019-03-04") == 0);
  zhmeta_result_field(result, ZHMETA_FIELD_PUBLICATION_DATETIME); /* may be NULL */
  zhmeta_result_field(result, ZHMETA_FIELD_EVENT_DATE);
  zhmeta_result_field(result, ZHMETA_FIELD_EVENT_MEETING);
  check_items(result, len);
  zhmeta_result_free(result);
}

/* ---- several articles in one call ------------------------------------------- */

/* zhmeta_extract_batch gives each article what zhmeta_extract gives it. */
static void test_batch(const zhmeta_engine *engine, const char *text, size_t len) {
  const char *texts[3];
  size_t lens[3];
  zhmeta_doc_options docs[3] = {ZHMETA_DOC_OPTIONS_INIT, ZHMETA_DOC_OPTIONS_INIT,
                                ZHMETA_DOC_OPTIONS_INIT};
  zhmeta_result *out[3];
  zhmeta_options small = ZHMETA_OPTIONS_INIT;
  zhmeta_engine *limited = NULL;
  int i;

  texts[0] = text, lens[0] = len;
  texts[1] = NULL, lens[1] = 0; /* an empty article */
  texts[2] = text, lens[2] = len;
  docs[0].id = "first";
  docs[1].id = "second";
  docs[2].id = "third";
  docs[2].pubdate = "2019-03-04";
  CHECK(zhmeta_extract_batch(out, engine, 3, texts, lens, docs) == ZHMETA_OK);
  for (i = 0; i < 3; ++i) {
    zhmeta_result *one = NULL;
    CHECK(out[i] != NULL);
    CHECK(zhmeta_extract(&one, engine, texts[i], lens[i], &docs[i]) == ZHMETA_OK);
    if (out[i] && one)
      CHECK(strcmp(zhmeta_result_json(out[i], NULL), zhmeta_result_json(one, NULL)) == 0);
    zhmeta_result_free(one);
    zhmeta_result_free(out[i]);
  }
  CHECK(zhmeta_extract_batch(NULL, engine, 0, NULL, NULL, NULL) == ZHMETA_OK);

  /* A bad argument fails the whole call: every out[i] NULL. */
  out[0] = out[1] = out[2] = (zhmeta_result *)&docs[0]; /* not NULL */
  docs[1].pubdate = "4 March";
  CHECK(zhmeta_extract_batch(out, engine, 3, texts, lens, docs) == ZHMETA_ERROR_INVALID_ARGUMENT);
  CHECK_MSG("zhmeta_extract_batch: pubdate must be YYYY-MM-DD");
  CHECK(out[0] == NULL && out[1] == NULL && out[2] == NULL);
  docs[1].pubdate = NULL;
  lens[1] = 4; /* texts[1] is NULL */
  CHECK(zhmeta_extract_batch(out, engine, 3, texts, lens, docs) == ZHMETA_ERROR_INVALID_ARGUMENT);
  CHECK_MSG("texts[1]");
  CHECK(zhmeta_extract_batch(out, NULL, 3, texts, lens, docs) == ZHMETA_ERROR_INVALID_ARGUMENT);
  CHECK(zhmeta_extract_batch(NULL, engine, 3, texts, lens, docs) == ZHMETA_ERROR_INVALID_ARGUMENT);

  /* Articles over the limit get NULL, the others their results. */
  small.max_input_bytes = 10;
  CHECK(zhmeta_engine_new(&limited, &small) == ZHMETA_OK);
  if (!limited) return;
  texts[0] = "short", lens[0] = 5;
  texts[1] = "longer than ten bytes", lens[1] = 21;
  texts[2] = "abc", lens[2] = 3;
  CHECK(zhmeta_extract_batch(out, limited, 3, texts, lens, docs) == ZHMETA_ERROR_TOO_LARGE);
  CHECK_MSG("input of 21 bytes exceeds max_input_bytes (10) (texts[1], and 0 more)");
  CHECK(out[0] != NULL && out[1] == NULL && out[2] != NULL);
  if (out[2]) CHECK(strcmp(zhmeta_result_field(out[2], ZHMETA_FIELD_ID), "third") == 0);
  zhmeta_result_free(out[0]);
  zhmeta_result_free(out[2]);
  zhmeta_engine_free(limited);
}

/* ---- one engine, several threads --------------------------------------------- */

enum { kThreads = 4, kRounds = 3 };

struct thread_job {
  const zhmeta_engine *engine;
  const zhmeta_result *shared; /* one result read by every thread (JSON made lazily) */
  const char *text;
  size_t len;
  const char *expected_json;
  int mismatches;
};

static void *thread_main(void *arg) {
  struct thread_job *job = arg;
  int round;
  if (strcmp(zhmeta_result_json(job->shared, NULL), job->expected_json) != 0) ++job->mismatches;
  for (round = 0; round < kRounds; ++round) {
    zhmeta_result *result = NULL;
    zhmeta_doc_options doc = ZHMETA_DOC_OPTIONS_INIT;
    doc.id = "t";
    if (zhmeta_extract(&result, job->engine, job->text, job->len, &doc) != ZHMETA_OK ||
        strcmp(zhmeta_result_json(result, NULL), job->expected_json) != 0)
      ++job->mismatches;
    zhmeta_result_free(result);
    /* A failure on this thread must not show up on another one. */
    zhmeta_extract(NULL, job->engine, job->text, job->len, NULL);
  }
  return NULL;
}

static void test_threads(const zhmeta_engine *engine, const char *text, size_t len) {
  pthread_t threads[kThreads];
  struct thread_job jobs[kThreads];
  zhmeta_result *single = NULL, *shared = NULL;
  zhmeta_doc_options doc = ZHMETA_DOC_OPTIONS_INIT;
  const char *before = zhmeta_errmsg();
  char saved[256];
  int t;
  snprintf(saved, sizeof saved, "%s", before);
  doc.id = "t";
  CHECK(zhmeta_extract(&single, engine, text, len, &doc) == ZHMETA_OK);
  CHECK(zhmeta_extract(&shared, engine, text, len, &doc) == ZHMETA_OK);
  for (t = 0; t < kThreads; ++t) {
    jobs[t].engine = engine;
    jobs[t].shared = shared;
    jobs[t].text = text;
    jobs[t].len = len;
    jobs[t].expected_json = zhmeta_result_json(single, NULL);
    jobs[t].mismatches = 0;
    CHECK(pthread_create(&threads[t], NULL, thread_main, &jobs[t]) == 0);
  }
  for (t = 0; t < kThreads; ++t) {
    pthread_join(threads[t], NULL);
    CHECK(jobs[t].mismatches == 0);
  }
  CHECK(strcmp(zhmeta_errmsg(), saved) == 0); /* the message is per thread */
  zhmeta_result_free(single);
  zhmeta_result_free(shared);
}

int main(int argc, char **argv) {
  zhmeta_engine *engine = NULL;
  char *text;
  size_t len = 0;
  if (argc != 3) {
    fprintf(stderr, "usage: %s ARTICLE.txt SCRATCH_DIR\n", argv[0]);
    return 2;
  }
  text = read_file(argv[1], &len);
  if (!text) {
    fprintf(stderr, "cannot read %s\n", argv[1]);
    return 2;
  }
  mkdir(argv[2], 0755); /* its parent exists (made by the build) */

  test_versions();
  test_engine_misuse(argv[2]);
  CHECK(zhmeta_engine_new(&engine, NULL) == ZHMETA_OK);
  if (engine) {
    test_extract_misuse(engine);
    test_warnings(engine);
    test_article(engine, text, len);
    test_batch(engine, text, len);
    test_threads(engine, text, len);
  }
  zhmeta_engine_free(engine);
  free(text);
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
