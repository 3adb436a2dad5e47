# Writes OUT: the gzip -9n man page of BINARY, made by help2man from its --help and
# --version. NAME, SECTION and SUMMARY name the page.
if(NOT HELP2MAN)
  message(FATAL_ERROR "help2man not found: packaging/install-deps.sh installs it")
endif()
get_filename_component(dir ${OUT} DIRECTORY)
file(MAKE_DIRECTORY ${dir})
string(REGEX REPLACE "\\.gz$" "" page ${OUT})
execute_process(
  COMMAND ${HELP2MAN} --no-info --no-discard-stderr --section=${SECTION} --name=${SUMMARY}
          --source=Berth --output=${page} ${BINARY}
  RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "help2man ${BINARY} failed (${rc})")
endif()
execute_process(COMMAND gzip -9nf ${page} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "gzip ${page} failed (${rc})")
endif()
