# cmake -DCLI=apilens-cli -DOUT=file.h2m -DEXTRA=more.h2m -P commands.cmake
# Writes a help2man include file with a COMMANDS section holding each command's --help, so the
# man page lists every command's options as the program itself describes them, then appends
# EXTRA (the hand-written sections).
set(commands send inspect run demo import export)
set(text "[COMMANDS]\n")
foreach(command IN LISTS commands)
    execute_process(COMMAND "${CLI}" ${command} --help OUTPUT_VARIABLE help RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0 OR help STREQUAL "")
        message(FATAL_ERROR "${CLI} ${command} --help failed (${rc})")
    endif()
    # roff: a backslash is written \e; a line may not start with a control character.
    string(REPLACE "\\" "\\e" help "${help}")
    string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" help "${help}")
    string(APPEND text ".SS \"${command}\"\n.nf\n${help}.fi\n")
endforeach()
file(READ "${EXTRA}" extra)
file(WRITE "${OUT}" "${text}\n${extra}")
