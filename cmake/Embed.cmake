# kg_embed_files(TARGET NAME FILES...): compiles each file into the target as
# a std::string_view reachable through kg::embedded::NAME("relative/path").
# Lexicons and the schema live as plain files that people read and edit; the
# binary carries a copy so that it needs no install step to find them.
function(kg_embed_files target name)
  set(out ${CMAKE_CURRENT_BINARY_DIR}/embedded_${name}.cc)
  set(files ${ARGN})
  # The list travels through the shell, where ';' would end the command.
  string(REPLACE ";" "|" joined "${files}")
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DNAME=${name} -DBASE=${CMAKE_SOURCE_DIR}
            "-DFILES=${joined}" -P ${CMAKE_SOURCE_DIR}/cmake/EmbedScript.cmake
    DEPENDS ${files} ${CMAKE_SOURCE_DIR}/cmake/EmbedScript.cmake
    COMMENT "Embedding ${name} data files"
    VERBATIM)
  target_sources(${target} PRIVATE ${out})
endfunction()
