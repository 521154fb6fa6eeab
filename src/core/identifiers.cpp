#include "core/identifiers.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>

namespace passerelle {
namespace {

bool all_digits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

}  // namespace

bool luhn_valid(std::string_view digits) {
  if (digits.empty() || !all_digits(digits)) return false;
  int sum = 0;
  bool double_it = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int d = *it - '0';
    if (double_it) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double_it = !double_it;
  }
  return sum % 10 == 0;
}

IdentifierCheck check_finess(std::string_view finess) {
  if (finess.size() != 9) return {false, "un numéro FINESS compte 9 caractères"};
  const bool corsica = finess[0] == '2' && (finess[1] == 'A' || finess[1] == 'B');
  if (!corsica && !all_digits(finess.substr(0, 2)))
    return {false, "les deux premiers caractères doivent être le numéro de département"};
  if (!all_digits(finess.substr(2)))
    return {false, "un numéro FINESS ne contient que des chiffres (sauf 2A/2B pour la Corse)"};
  if (corsica) {
    // How 2A/2B enter the Luhn sum is not published: accept on format, with a warning.
    return {true, "numéro corse : clé non vérifiée (règle de calcul non publiée)"};
  }
  if (!luhn_valid(finess)) return {false, "la clé de contrôle (9e chiffre) ne correspond pas"};
  return {true, ""};
}

IdentifierCheck check_nir(std::string_view nir) {
  if (nir.size() != 15) return {false, "un NIR compte 15 caractères (13 + clé de 2 chiffres)"};
  std::string digits(nir.substr(0, 13));
  std::int64_t corsica_adjust = 0;
  if (digits[5] == '2' && (digits[6] == 'A' || digits[6] == 'B')) {
    // 2A -> 19, 2B -> 18 for the key computation (service-public.fr F33078).
    digits[6] = '0';
    corsica_adjust = nir[6] == 'A' ? 1000000 : 2000000;
  }
  if (!all_digits(digits) || !all_digits(nir.substr(13)))
    return {false, "un NIR ne contient que des chiffres (sauf 2A/2B pour la Corse)"};
  if (nir[0] != '1' && nir[0] != '2' && nir[0] != '7' && nir[0] != '8')
    return {false, "le premier chiffre (sexe) doit être 1, 2, 7 ou 8"};
  std::int64_t n = std::stoll(digits);
  n -= corsica_adjust;  // "2A" read as "20" then minus 1000000 gives "19"; "2B" minus 2000000 gives "18"
  const int key = std::stoi(std::string(nir.substr(13)));
  if (key != 97 - static_cast<int>(n % 97)) return {false, "la clé de contrôle ne correspond pas"};
  return {true, ""};
}

}  // namespace passerelle
