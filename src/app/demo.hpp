#pragma once
#include <string>

#include "store/database.hpp"

namespace passerelle::app {

// Demo database only: every demo account's password, and the demo DPO's TOTP secret.
inline constexpr const char* demo_password = "Passerelle-Demo-2026";
inline constexpr const char* demo_totp_secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

// Loads the demo organisation if the database holds no organisation yet; returns whether it did.
// `with_persons`: also several hundred persons with two years of attendance (a few seconds).
bool seed_demo_if_empty(store::Database& database, bool with_persons);

// Builds a valid FINESS from its first 8 digits by appending the Luhn key.
std::string finess_with_key(const std::string& eight);

}  // namespace passerelle::app
