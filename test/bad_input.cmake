# CLI rows of the bad-input contract (docs/bad-input.md): an input that cannot
# be read or extracted is reported on stderr with its name, the others are
# still processed, and the exit status says something failed.
#
# This file is both the ctest registration (included by test/CMakeLists.txt)
# and the test itself (run as `cmake -P` with CLI and WORK set).
if(NOT CMAKE_SCRIPT_MODE_FILE)
  if(TARGET zhmeta_cli)
    foreach(check files jsonl max_bytes)
      add_test(NAME cli.bad_input.${check}
               COMMAND ${CMAKE_COMMAND} -DCLI=$<TARGET_FILE:zhmeta_cli> -DCHECK=${check}
                       -DWORK=${CMAKE_CURRENT_BINARY_DIR}/bad_input_${check} -P ${CMAKE_CURRENT_LIST_FILE})
      set_tests_properties(cli.bad_input.${check} PROPERTIES LABELS cli)
    endforeach()
  endif()
  return()
endif()

# ---- the test (script mode) ----
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK}/a_folder)
set(article "本报讯(记者 万启航)3月18日,青屏县委召开全县防汛工作会议。县委书记龚立言出席会议并讲话。\n")

function(expect what haystack needle)
  string(FIND "${haystack}" "${needle}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${what}: expected to find '${needle}' in:\n${haystack}")
  endif()
endfunction()

function(expect_status got want)
  if(NOT got STREQUAL want)
    message(FATAL_ERROR "exit status ${got}, expected ${want}\nstdout:\n${out}\nstderr:\n${err}")
  endif()
endfunction()

function(count_lines text var)
  string(REGEX MATCHALL "\n" newlines "${text}")
  list(LENGTH newlines n)
  set(${var} ${n} PARENT_SCOPE)
endfunction()

if(CHECK STREQUAL "files")
  # Good, empty, missing, a folder, good again: three records, two errors, exit 1.
  file(WRITE ${WORK}/first.txt "${article}")
  file(WRITE ${WORK}/empty.txt "")
  file(WRITE ${WORK}/last.txt "${article}")
  execute_process(COMMAND ${CLI} extract ${WORK}/first.txt ${WORK}/empty.txt ${WORK}/missing.txt
                          ${WORK}/a_folder ${WORK}/last.txt
                  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  expect_status("${status}" 1)
  count_lines("${out}" records)
  if(NOT records EQUAL 3)
    message(FATAL_ERROR "expected 3 records (first, empty, last), got ${records}:\n${out}")
  endif()
  expect("stdout" "${out}" "\"id\":\"first\"")
  expect("stdout" "${out}" "\"id\":\"empty\"")
  expect("stdout" "${out}" "\"id\":\"last\"")
  expect("stderr" "${err}" "missing.txt: cannot read")
  expect("stderr" "${err}" "a_folder: cannot read")
  expect("stderr" "${err}" "2 input(s) failed")
  # All good: exit 0.
  execute_process(COMMAND ${CLI} extract ${WORK}/first.txt ${WORK}/empty.txt
                  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  expect_status("${status}" 0)

elseif(CHECK STREQUAL "jsonl")
  # Lines 2-5 and 7 are bad; the blank line 6 is skipped; lines 1 and 8 give records.
  string(JOIN "\n" jsonl
    "{\"id\":\"good-1\",\"text\":\"${article}\"}"
    "this is not JSON"
    "{\"id\":\"no-text\"}"
    "{\"id\":\"number-text\",\"text\":42}"
    "{\"id\":\"bad-date\",\"text\":\"x\",\"pubdate\":\"2020-13\"}"
    "   "
    "[\"an\",\"array\"]"
    "{\"id\":\"good-2\",\"text\":\"\\u0000会议\"}"
    "")
  string(REPLACE "\n\"}" "\\n\"}" jsonl "${jsonl}")  # the article's newline as a JSON escape
  file(WRITE ${WORK}/input.jsonl "${jsonl}")
  execute_process(COMMAND ${CLI} extract -
                  INPUT_FILE ${WORK}/input.jsonl
                  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  expect_status("${status}" 1)
  expect("stdout" "${out}" "\"id\":\"good-1\"")
  expect("stdout" "${out}" "\"id\":\"good-2\"")
  foreach(line 2 3 4 5 7)
    expect("stderr" "${err}" "stdin line ${line}:")
  endforeach()
  expect("stderr" "${err}" "\"text\"")
  expect("stderr" "${err}" "5 input(s) failed")

elseif(CHECK STREQUAL "max_bytes")
  # An article over --max-bytes fails by name; the next one is still extracted.
  file(WRITE ${WORK}/small.txt "会议")
  file(WRITE ${WORK}/large.txt "${article}${article}")
  execute_process(COMMAND ${CLI} extract --max-bytes 100 ${WORK}/large.txt ${WORK}/small.txt
                  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  expect_status("${status}" 1)
  expect("stderr" "${err}" "large.txt: input of")
  expect("stderr" "${err}" "exceeds the limit of 100 bytes")
  expect("stdout" "${out}" "\"id\":\"small\"")
  execute_process(COMMAND ${CLI} extract --max-bytes lots ${WORK}/small.txt
                  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  expect_status("${status}" 2)
  expect("stderr" "${err}" "--max-bytes needs a number")
  execute_process(COMMAND ${CLI} --help OUTPUT_VARIABLE out)
  expect("--help" "${out}" "--max-bytes N")
  expect("--help" "${out}" "268435456")
endif()
