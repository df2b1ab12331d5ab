# `autox generate stories260K.bin --tokenizer tok512.bin --temperature 0` must print exactly the
# text that llama2.c's doc/stories260K.md shows under `./run ... -t 0.0`.
file(READ ${MODEL_DIR}/stories260K.md doc)
set(marker "$ ./run stories260K/stories260K.bin -z stories260K/tok512.bin -t 0.0\n")
string(FIND "${doc}" "${marker}" at)
if(at LESS 0)
  message(FATAL_ERROR "stories260K.md has no greedy sample block")
endif()
string(LENGTH "${marker}" marker_length)
math(EXPR at "${at} + ${marker_length}")
string(SUBSTRING "${doc}" ${at} -1 rest)
string(FIND "${rest}" "```" end)
string(SUBSTRING "${rest}" 0 ${end} expected)
execute_process(COMMAND ${AUTOX} generate ${MODEL_DIR}/stories260K.bin --tokenizer
                        ${MODEL_DIR}/tok512.bin --temperature 0
                OUTPUT_VARIABLE actual ERROR_VARIABLE stats RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "autox generate failed (${rc}): ${stats}")
endif()
if(NOT actual STREQUAL expected)
  message(FATAL_ERROR "greedy text differs from stories260K.md\n--- expected\n${expected}\n--- actual\n${actual}")
endif()
message(STATUS "golden text matches; ${stats}")
