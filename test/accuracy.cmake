# Accuracy floors: the CLI over the dev corpus (../shared/corpus/dev, scored by
# the shared score.py) and over our own golden sample answers (test/golden).
# Each floor is the level reached when it was set, minus 0.02, so a change that
# loses accuracy fails here. Registered only where the shared folder exists.
set(zhmeta_shared ${PROJECT_SOURCE_DIR}/../shared)
find_package(Python3 COMPONENTS Interpreter)
if(Python3_FOUND AND EXISTS ${zhmeta_shared}/eval/score.py AND TARGET zhmeta_cli)
  foreach(suite dev golden)
    add_test(NAME accuracy.${suite}
             COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/accuracy.py
                     --cli $<TARGET_FILE:zhmeta_cli> --suite ${suite}
                     --shared ${zhmeta_shared} --floors ${CMAKE_CURRENT_SOURCE_DIR}/accuracy_floors.txt)
    set_tests_properties(accuracy.${suite} PROPERTIES LABELS accuracy TIMEOUT 120)
  endforeach()
endif()
