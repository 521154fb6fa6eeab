# Second factor: TOTP codes (liboath), recovery codes, and the QR code shown at enrolment (libqrencode).
target_sources(passerelle_auth PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/totp.cpp
  ${CMAKE_CURRENT_LIST_DIR}/qr_svg.cpp
)
pkg_check_modules(OATH REQUIRED IMPORTED_TARGET liboath)
pkg_check_modules(QRENCODE REQUIRED IMPORTED_TARGET libqrencode)
target_link_libraries(passerelle_auth PUBLIC PkgConfig::OATH PkgConfig::QRENCODE)
