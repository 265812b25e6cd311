#!/usr/bin/env bash
# Fuzz smoke run (issue 8): each libFuzzer target for FUZZ_SECONDS (default 60)
# with ASan + UBSan, starting from its seed corpus plus the sample articles.
# Needs clang; without it the targets' corpus replay in the normal ctest run is
# all that happens. Longer runs: see fuzz/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-60}
jobs=${JOBS:-$(nproc)}
if ! command -v clang++ >/dev/null; then
  echo "-- fuzz: clang++ not found, skipped (the corpus replay ran in ctest)"
  exit 0
fi
echo "-- fuzz: configure and build with clang + libFuzzer + ASan/UBSan (build-fuzz)"
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1" "-DCMAKE_C_FLAGS_RELWITHDEBINFO=-O1 -g1" \
  -DZHMETA_FUZZ=ON -DZHMETA_SANITIZE=address,undefined -DZHMETA_BUILD_TOOLS=OFF \
  -DZHMETA_WERROR=OFF >/dev/null  # warnings gate in the gcc build; clang adds -Wsign-conversion
if ! cmake --build build-fuzz -j "$jobs" --target fuzz_extract fuzz_normalize >build-fuzz/build.log 2>&1; then
  grep -E 'error' -A3 build-fuzz/build.log | head -n 40 >&2
  exit 1
fi

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
status=0
for target in extract normalize; do
  # New inputs go to a scratch folder; the checked-in seeds stay as they are.
  work=build-fuzz/corpus-$target
  mkdir -p "$work" build-fuzz/artifacts
  echo "-- fuzz_$target: ${seconds} s"
  if ! build-fuzz/bin/fuzz_$target "$work" fuzz/corpus/$target examples/articles \
      -max_total_time="$seconds" -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
      -dict=fuzz/zhmeta.dict -artifact_prefix=build-fuzz/artifacts/ -print_final_stats=1 \
      >build-fuzz/fuzz_$target.log 2>&1; then
    echo "fuzz_$target FAILED; the input is in build-fuzz/artifacts/, log tail:" >&2
    tail -n 40 build-fuzz/fuzz_$target.log >&2
    status=1
  else
    grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb' build-fuzz/fuzz_$target.log || true
  fi
done
exit $status
