#pragma once
// What makes a password acceptable. Following NIST SP 800-63B, length and the refusal of known or
// guessable passwords matter; composition rules ("one capital, one digit...") do not, as they push
// people towards "Password2024!". So a long passphrase is welcome and nothing else is required of it.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace passerelle::auth {

inline constexpr std::size_t password_min_length = 12;   // characters (code points), not bytes
inline constexpr std::size_t password_max_length = 128;  // room for any passphrase, a bound on what is hashed

// Why `password` is refused, in French for the person choosing it, or nothing if it is acceptable.
// Refused: fewer than 12 or more than 128 characters; a common password, even with capitals, accents
// or digits and punctuation around it ("Marseille2024!" counts as "marseille"); a password containing
// a part of the email address before '@' or of the person's name (parts of 4 characters or more,
// compared without regard to case or accents).
std::optional<std::string> password_problem(std::string_view password, std::string_view email = {},
                                            std::string_view name = {});

}  // namespace passerelle::auth
