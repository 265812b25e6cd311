#!/bin/sh
# Fails unless the shared library exports only the C API (zhmeta_*) and the
# C++ API (namespace zhmeta), under the version node, with SONAME libzhmeta.so.MAJOR.
# usage: check_exports.sh LIBRARY MAJOR
set -eu
lib=$1
major=$2
symbols=$(nm -D --defined-only "$lib" | awk '{print $NF}')
[ -n "$symbols" ] || { echo "no exported symbols read from $lib"; exit 1; }
bad=$(printf '%s\n' "$symbols" | sed 's/@@*ZHMETA_[0-9]*$//' | grep -Ev \
  '^(zhmeta_[a-z0-9_]+|_ZN6zhmeta.*|_ZNK6zhmeta.*|_ZT[ISV]N6zhmeta.*|ZHMETA_[0-9]+)$' || true)
if [ -n "$bad" ]; then
  echo "exported symbols outside zhmeta_* / namespace zhmeta:"
  printf '%s\n' "$bad" | c++filt
  exit 1
fi
for required in zhmeta_version zhmeta_engine_new zhmeta_engine_free zhmeta_extract \
                zhmeta_result_json zhmeta_result_free zhmeta_errmsg; do
  printf '%s\n' "$symbols" | grep -q "^$required@@ZHMETA_$major\$" ||
    { echo "missing export $required (version node ZHMETA_$major)"; exit 1; }
done
soname=$(readelf -d "$lib" | sed -n 's/.*Library soname: \[\(.*\)\].*/\1/p')
[ "$soname" = "libzhmeta.so.$major" ] || { echo "SONAME is '$soname', expected libzhmeta.so.$major"; exit 1; }
echo "$(printf '%s\n' "$symbols" | wc -l) exported symbols, all zhmeta_* or zhmeta::; SONAME $soname"
