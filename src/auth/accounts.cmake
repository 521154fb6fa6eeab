target_sources(passerelle_auth PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/roles.cpp
  ${CMAKE_CURRENT_LIST_DIR}/secrets.cpp
  ${CMAKE_CURRENT_LIST_DIR}/policy.cpp
  ${CMAKE_CURRENT_LIST_DIR}/account_store.cpp
  ${CMAKE_CURRENT_LIST_DIR}/sessions.cpp
)
