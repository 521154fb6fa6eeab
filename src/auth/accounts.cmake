target_sources(passerelle_auth PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/roles.cpp
)
