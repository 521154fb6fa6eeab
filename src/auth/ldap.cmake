# Directory sign-in (LDAP / Active Directory) through the OpenLDAP client library.
# Debian 12's libldap-dev ships ldap.pc and lber.pc, so pkg-config finds both.
pkg_check_modules(LDAP REQUIRED IMPORTED_TARGET ldap lber)
target_sources(passerelle_auth PRIVATE ${CMAKE_CURRENT_LIST_DIR}/ldap_directory.cpp)
target_link_libraries(passerelle_auth PUBLIC PkgConfig::LDAP)
