#!/usr/bin/env bash
# Installs the Debian 12 packages zhmeta needs to build, test and run its examples,
# skipping the ones already present. Safe to run repeatedly; needs root (or sudo).
set -euo pipefail
packages=(
  g++ cmake make pkg-config python3 git
  libicu-dev libre2-dev nlohmann-json3-dev catch2
  clang libclang-rt-14-dev       # fuzzers and sanitizer builds (libFuzzer, ASan/UBSan, TSan)
  python3-dask python3-distributed  # the distributed example
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}" >&2
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
