#pragma once
// Secrets handed to clients (session cookies, API tokens, reset links) are random 256-bit values;
// the database keeps only their BLAKE2b hash, so a leaked table does not open sessions.
#include <string>
#include <string_view>

namespace passerelle::auth {

// 32 random bytes, base64url without padding, with an optional readable prefix ("pst_").
std::string new_secret(std::string_view prefix = {});
// BLAKE2b-256 as hex.
std::string secret_hash(std::string_view secret);

// argon2id (libsodium crypto_pwhash_str, interactive limits or stronger).
std::string hash_password(std::string_view password);
bool verify_password(std::string_view hash, std::string_view password);

}  // namespace passerelle::auth
