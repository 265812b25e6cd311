# C API, packaging, Python binding and examples (issue 6). Included from
# test/CMakeLists.txt; every test is named capi_* (ctest -R capi_).
set(capi_dir ${PROJECT_SOURCE_DIR}/capi)
set(capi_scratch ${PROJECT_BINARY_DIR}/capi-scratch)
set(capi_article ${PROJECT_SOURCE_DIR}/examples/articles/qingxi-qunting.txt)
set(capi_articles_dir ${PROJECT_SOURCE_DIR}/examples/articles)
file(MAKE_DIRECTORY ${capi_scratch})
file(GLOB capi_articles CONFIGURE_DEPENDS ${capi_articles_dir}/*.txt)
list(SORT capi_articles)

# The C test program, written in C, against the shared library.
add_executable(zhmeta_capi_test ${capi_dir}/tests/test_capi.c)
target_link_libraries(zhmeta_capi_test PRIVATE zhmeta Threads::Threads)
set_target_properties(zhmeta_capi_test PROPERTIES C_STANDARD 99 C_EXTENSIONS OFF)
zhmeta_strict(zhmeta_capi_test)
add_test(NAME capi_c_api COMMAND zhmeta_capi_test ${capi_article} ${capi_scratch}/c-api)

# The installed header on its own, as C99 and as C++17, strict.
set(capi_header_tu ${PROJECT_BINARY_DIR}/capi-header-check)
file(WRITE ${capi_header_tu}.c "#include <zhmeta/zhmeta.h>\n#include <zhmeta/zhmeta.h>\nint main(void) { return ZHMETA_OK; }\n")
file(WRITE ${capi_header_tu}.cpp "#include <zhmeta/zhmeta.h>\n#include <zhmeta/zhmeta.h>\nint main() { return ZHMETA_OK; }\n")
set(capi_header_includes -I${PROJECT_BINARY_DIR}/generated/include)
add_test(NAME capi_header_c99
  COMMAND ${CMAKE_C_COMPILER} -std=c99 -Wall -Wextra -Werror -pedantic -Wstrict-prototypes
          -Wmissing-prototypes ${capi_header_includes} -fsyntax-only ${capi_header_tu}.c)
add_test(NAME capi_header_cxx17
  COMMAND ${CMAKE_CXX_COMPILER} -std=c++17 -Wall -Wextra -Werror -pedantic
          ${capi_header_includes} -fsyntax-only ${capi_header_tu}.cpp)

# Exported symbols: zhmeta_* and namespace zhmeta only; SONAME policy.
add_test(NAME capi_exported_symbols
  COMMAND sh ${capi_dir}/tests/check_exports.sh $<TARGET_FILE:zhmeta> ${PROJECT_VERSION_MAJOR})

# Python: the binding's unittest suite and the example script.
find_program(ZHMETA_PYTHON NAMES python3 DOC "Python 3 for the binding's tests")
set(capi_python_env
  PYTHONPATH=${capi_dir}/python
  ZHMETA_LIBRARY=$<TARGET_FILE:zhmeta>
  ZHMETA_TEST_ARTICLES=${capi_articles_dir}
  PYTHONDONTWRITEBYTECODE=1)
add_test(NAME capi_python
  COMMAND ${ZHMETA_PYTHON} -m unittest discover -s ${capi_dir}/python/tests -t ${capi_dir}/python/tests -v)
add_test(NAME capi_example_python
  COMMAND ${ZHMETA_PYTHON} ${PROJECT_SOURCE_DIR}/examples/python/extract.py ${capi_articles})
# Label "python": an uninstrumented interpreter cannot load a sanitizer build of
# the library, so the sanitizer job leaves these out (ctest -LE python).
set_tests_properties(capi_python capi_example_python PROPERTIES ENVIRONMENT "${capi_python_env}"
                     LABELS python)

# The examples are separate builds: give them the sanitizer flags of this one.
set(capi_example_cflags -O2)
set(capi_example_ldflags "")
if(ZHMETA_SANITIZE)
  set(capi_example_cflags "-O1 -fsanitize=${ZHMETA_SANITIZE}")
  set(capi_example_ldflags "-fsanitize=${ZHMETA_SANITIZE}")
endif()

# C example: its own Makefile + pkg-config, against the build tree's zhmeta.pc.
add_test(NAME capi_example_c
  COMMAND sh -c "mkdir -p '${capi_scratch}/example-c' && cd '${capi_scratch}/example-c' && make -s -B -f '${PROJECT_SOURCE_DIR}/examples/c/Makefile' CC='${CMAKE_C_COMPILER}' CFLAGS='${capi_example_cflags}' LDFLAGS='${capi_example_ldflags}' && ./zhmeta_example '${capi_article}'")
set_tests_properties(capi_example_c PROPERTIES
  ENVIRONMENT "PKG_CONFIG_PATH=${PROJECT_BINARY_DIR}/pkgconfig-uninstalled")

# C++ example: its own CMake project, find_package(zhmeta) from the build tree.
add_test(NAME capi_example_cpp
  COMMAND ${CMAKE_CTEST_COMMAND} --build-and-test ${PROJECT_SOURCE_DIR}/examples/cpp
          ${capi_scratch}/example-cpp --build-generator ${CMAKE_GENERATOR}
          --build-options -Dzhmeta_DIR=${PROJECT_BINARY_DIR} -DCMAKE_BUILD_TYPE=Release
                          -DCMAKE_CXX_COMPILER=${CMAKE_CXX_COMPILER}
                          "-DCMAKE_CXX_FLAGS=${capi_example_cflags}"
                          "-DCMAKE_EXE_LINKER_FLAGS=${capi_example_ldflags}"
          --test-command zhmeta_example_cpp ${capi_articles})

# Dask job == CLI. The Debian python3-dask may live in another interpreter than
# the first python3 on PATH (e.g. under pyenv): pick one that has it.
set(capi_dask_python "")
foreach(candidate ${ZHMETA_PYTHON} /usr/bin/python3)
  if(NOT capi_dask_python AND EXISTS ${candidate})
    execute_process(COMMAND ${candidate} -c "import dask, distributed"
                    RESULT_VARIABLE no_dask OUTPUT_QUIET ERROR_QUIET)
    if(no_dask EQUAL 0)
      set(capi_dask_python ${candidate})
    endif()
  endif()
endforeach()
if(capi_dask_python AND ZHMETA_BUILD_TOOLS)
  add_test(NAME capi_dask_equals_cli
    COMMAND sh ${capi_dir}/tests/dask_equals_cli.sh ${capi_dask_python} $<TARGET_FILE:zhmeta_cli>
            ${capi_articles_dir} ${capi_scratch}/dask)
  set_tests_properties(capi_dask_equals_cli PROPERTIES ENVIRONMENT "${capi_python_env}" TIMEOUT 300
                       LABELS python)
elseif(ZHMETA_BUILD_TOOLS)
  add_test(NAME capi_dask_equals_cli
    COMMAND sh -c "echo 'no python3 with dask + distributed: run scripts/install-deps.sh'; exit 1")
endif()
