#pragma once
// National identifiers of the sector: FINESS (establishments, legal entities) and NIR.
// Rules and sources: shared DOMAIN.md §1.
#include <optional>
#include <string>
#include <string_view>

namespace passerelle {

struct IdentifierCheck {
  bool valid = false;
  std::string message;  // why it is invalid, or a warning when valid (Corsican FINESS)
};

// 9 characters: département (2 digits, or 2A/2B), then 6 digits, then a Luhn check digit.
IdentifierCheck check_finess(std::string_view finess);

// 15 characters: 13 (sex, year, month, place of birth 5 with 2A/2B, order) + key = 97 - (N mod 97).
IdentifierCheck check_nir(std::string_view nir);

// Luhn check over digits only; used by FINESS and exposed for tests.
bool luhn_valid(std::string_view digits);

}  // namespace passerelle
