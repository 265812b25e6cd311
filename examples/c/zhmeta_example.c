/* Extracts one article with the C API and prints what it found, using the
 * typed accessors (no JSON parser). Build with pkg-config:
 *
 *   cc -std=c99 zhmeta_example.c $(pkg-config --cflags --libs zhmeta) -o zhmeta_example
 *   ./zhmeta_example ARTICLE.txt
 *
 * (or `make -f examples/c/Makefile`). Exit status 0 on success.
 */
#include <stdio.h>
#include <stdlib.h>
#include <zhmeta/zhmeta.h>

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  char *buf = NULL;
  size_t cap = 0;
  *len = 0;
  if (!f) return NULL;
  for (;;) { /* grow by doubling: works for pipes too */
    if (*len == cap) {
      char *bigger = realloc(buf, cap = cap ? 2 * cap : 65536);
      if (!bigger) break;
      buf = bigger;
    }
    {
      size_t n = fread(buf + *len, 1, cap - *len, f);
      if (n == 0) break;
      *len += n;
    }
  }
  fclose(f);
  return buf;
}

static const char *or_none(const char *s) { return s ? s : "(none)"; }

int main(int argc, char **argv) {
  zhmeta_engine *engine = NULL;
  zhmeta_result *result = NULL;
  zhmeta_doc_options doc = ZHMETA_DOC_OPTIONS_INIT;
  size_t len, json_len, i, j;
  char *text;
  int status;

  if (argc != 2) {
    fprintf(stderr, "usage: %s ARTICLE.txt\n", argv[0]);
    return 2;
  }
  text = read_file(argv[1], &len);
  if (!text) {
    perror(argv[1]);
    return 1;
  }
  if ((status = zhmeta_engine_new(&engine, NULL)) != ZHMETA_OK) {
    fprintf(stderr, "zhmeta_engine_new: %d: %s\n", status, zhmeta_errmsg());
    free(text);
    return 1;
  }
  doc.id = argv[1];
  if ((status = zhmeta_extract(&result, engine, text, len, &doc)) != ZHMETA_OK) {
    fprintf(stderr, "zhmeta_extract: %d: %s\n", status, zhmeta_errmsg());
    zhmeta_engine_free(engine);
    free(text);
    return 1;
  }

  printf("zhmeta %s, schema %s\n", zhmeta_version(), zhmeta_schema());
  printf("published: %s\n", or_none(zhmeta_result_field(result, ZHMETA_FIELD_PUBLICATION_DATE)));
  printf("event: %s at %s\n", or_none(zhmeta_result_field(result, ZHMETA_FIELD_EVENT_MEETING)),
         or_none(zhmeta_result_field(result, ZHMETA_FIELD_EVENT_DATE)));
  for (i = 0; i < zhmeta_result_count(result, ZHMETA_KIND_DATE); ++i) {
    size_t begin, end;
    zhmeta_result_span(result, ZHMETA_KIND_DATE, i, 0, &begin, &end, NULL);
    /* The span cuts the surface form out of our own buffer. */
    printf("date: %s = %s, as written: %.*s\n", zhmeta_result_name(result, ZHMETA_KIND_DATE, i),
           zhmeta_result_value(result, ZHMETA_KIND_DATE, i), (int)(end - begin), text + begin);
  }
  for (i = 0; i < zhmeta_result_count(result, ZHMETA_KIND_BYLINE); ++i)
    printf("byline: %s %s\n", zhmeta_result_value(result, ZHMETA_KIND_BYLINE, i),
           zhmeta_result_name(result, ZHMETA_KIND_BYLINE, i));
  for (i = 0; i < zhmeta_result_count(result, ZHMETA_KIND_PERSON); ++i) {
    printf("person: %s (%zu mentions)", zhmeta_result_name(result, ZHMETA_KIND_PERSON, i),
           zhmeta_result_span_count(result, ZHMETA_KIND_PERSON, i));
    for (j = 0; j < zhmeta_result_list_count(result, ZHMETA_KIND_PERSON, i, ZHMETA_LIST_TITLES); ++j)
      printf(" %s", zhmeta_result_list_item(result, ZHMETA_KIND_PERSON, i, ZHMETA_LIST_TITLES, j));
    printf("\n");
  }
  for (i = 0; i < zhmeta_result_count(result, ZHMETA_KIND_ORGANIZATION); ++i)
    printf("organization: %s [%s]\n", zhmeta_result_name(result, ZHMETA_KIND_ORGANIZATION, i),
           zhmeta_result_value(result, ZHMETA_KIND_ORGANIZATION, i));
  for (i = 0; i < zhmeta_result_count(result, ZHMETA_KIND_MEETING); ++i)
    printf("meeting: %s\n", zhmeta_result_name(result, ZHMETA_KIND_MEETING, i));
  zhmeta_result_json(result, &json_len);
  printf("json: %zu bytes\n", json_len);

  zhmeta_result_free(result);
  zhmeta_engine_free(engine);
  free(text);
  return 0;
}
