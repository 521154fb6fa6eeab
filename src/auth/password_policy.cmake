# Password policy. The common-password list is embedded in the binary, like the migrations, so that a
# single file deploys and the list cannot go missing at run time.
set(COMMON_PASSWORDS_CPP ${CMAKE_CURRENT_BINARY_DIR}/common_passwords.cpp)
add_custom_command(
  OUTPUT ${COMMON_PASSWORDS_CPP}
  COMMAND ${CMAKE_COMMAND} -DINPUT=${CMAKE_CURRENT_LIST_DIR}/common-passwords.txt -DOUTPUT=${COMMON_PASSWORDS_CPP}
          -DNAMESPACE=passerelle::auth::detail -DSYMBOL=common_password_pieces
          -P ${CMAKE_CURRENT_LIST_DIR}/embed_list.cmake
  DEPENDS ${CMAKE_CURRENT_LIST_DIR}/common-passwords.txt ${CMAKE_CURRENT_LIST_DIR}/embed_list.cmake
  COMMENT "Embedding the common-password list")
target_sources(passerelle_auth PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/password_policy.cpp
  ${COMMON_PASSWORDS_CPP}
)
