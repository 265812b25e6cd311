#!/usr/bin/env bash
# Installs zhmeta from the build tree into a temporary prefix, then builds and
# runs the examples against the INSTALLED package only: the C example with
# pkg-config, the C++ example with find_package(zhmeta), the Python example
# with the installed package and library. Called by .ci/run after the tests.
#   ZHMETA_BUILD_DIR (default build/) selects the build tree to install.
set -Eeuo pipefail
cd "$(dirname "$0")/.."
src=$PWD
build=${ZHMETA_BUILD_DIR:-build}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'echo "install-check: FAILED at line $LINENO" >&2' ERR
prefix=$tmp/prefix

cmake --install "$build" --prefix "$prefix" >/dev/null
pc=$(find "$prefix" -name zhmeta.pc)
libdir=$(dirname "$(dirname "$pc")")
[ -f "$prefix/include/zhmeta/zhmeta.h" ] || { echo "install-check: zhmeta/zhmeta.h not installed"; exit 1; }
echo "install-check: installed into a temporary prefix ($(cd "$prefix" && find . -type f | wc -l) files)"

"$prefix/bin/zhmeta" --version | grep '^zhmeta [0-9]' >/dev/null ||
  { echo "install-check: the installed CLI does not run"; exit 1; }

# Articles: the bundled samples, and a dev article when ../shared is present.
articles=("$src"/examples/articles/*.txt)
dev=$(ls ../shared/corpus/dev/*.txt 2>/dev/null | head -1 || true)
[ -n "$dev" ] && articles+=("$(cd "$(dirname "$dev")" && pwd)/$(basename "$dev")")

# C: only <zhmeta/zhmeta.h> and `pkg-config --libs zhmeta`, nothing from the build tree.
mkdir "$tmp/c"
(
  cd "$tmp/c"
  export PKG_CONFIG_PATH="$libdir/pkgconfig"
  case "$(pkg-config --cflags --libs zhmeta)" in
    *"$src"*) echo "install-check: zhmeta.pc points into the source tree"; exit 1 ;;
  esac
  make -s -f "$src/examples/c/Makefile"
  for a in "${articles[@]}"; do
    LD_LIBRARY_PATH="$libdir" ./zhmeta_example "$a" >out.txt
    grep -q '^json: [1-9][0-9]* bytes$' out.txt
  done
  LD_LIBRARY_PATH="$libdir" ldd ./zhmeta_example | grep "$prefix/.*libzhmeta.so.0" >/dev/null
)
echo "install-check: C example (pkg-config) ok on ${#articles[@]} articles"

# C++: find_package(zhmeta) from the prefix; the package registry is off so
# the build tree cannot be picked up instead.
cmake -S "$src/examples/cpp" -B "$tmp/cpp" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF >/dev/null
grep -q "^zhmeta_DIR:PATH=$prefix/" "$tmp/cpp/CMakeCache.txt" ||
  { echo "install-check: find_package(zhmeta) did not use the installed package"; exit 1; }
cmake --build "$tmp/cpp" >/dev/null
"$tmp/cpp/zhmeta_example_cpp" "${articles[@]}" >/dev/null
echo "install-check: C++ example (find_package) ok"

# Python: the installed package, the installed library.
PYTHONPATH="$prefix/share/zhmeta/python" ZHMETA_LIBRARY="$libdir/libzhmeta.so.0" \
  python3 -c 'import zhmeta; print(zhmeta.__file__); print(zhmeta._native.lib._name)' >"$tmp/python-import.txt"
[ "$(grep -c "^$prefix/" "$tmp/python-import.txt")" = 2 ] ||
  { echo "install-check: python did not import the installed package + library:"; cat "$tmp/python-import.txt"; exit 1; }
PYTHONPATH="$prefix/share/zhmeta/python" ZHMETA_LIBRARY="$libdir/libzhmeta.so.0" \
  python3 "$src/examples/python/extract.py" "${articles[@]}" >/dev/null
echo "install-check: Python example (installed package) ok"
