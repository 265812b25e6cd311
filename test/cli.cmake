# End-to-end tests of the zhmeta CLI (test/cli_test.py, standard library only).
find_package(Python3 COMPONENTS Interpreter)
if(Python3_FOUND AND TARGET zhmeta_cli)
  add_test(NAME cli.end_to_end
           COMMAND ${Python3_EXECUTABLE} -m unittest -v cli_test
           WORKING_DIRECTORY ${CMAKE_CURRENT_SOURCE_DIR})
  set_tests_properties(cli.end_to_end PROPERTIES
    ENVIRONMENT "ZHMETA_CLI=$<TARGET_FILE:zhmeta_cli>;ZHMETA_SOURCE_DIR=${PROJECT_SOURCE_DIR}"
    TIMEOUT 300)
endif()
