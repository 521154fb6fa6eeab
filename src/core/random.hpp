#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace passerelle {

// Cryptographically random bytes as lowercase hex (libsodium).
std::string random_hex(std::size_t bytes);

// Compares two secrets in constant time.
bool equal_secrets(std::string_view a, std::string_view b);

}  // namespace passerelle
