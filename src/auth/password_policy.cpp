#include "auth/password_policy.hpp"

#include <unordered_set>
#include <vector>

#include "core/text.hpp"

namespace passerelle::auth {
namespace detail {
// src/auth/common-passwords.txt, embedded at build time by embed_list.cmake (common_passwords.cpp).
// The pieces, concatenated, are the file; each piece ends at a line end.
extern const std::string_view common_password_pieces[];
extern const std::size_t common_password_pieces_count;
}  // namespace detail

namespace {

constexpr std::size_t min_personal_part = 4;

// Latin-1 letters U+00C0 to U+00FF without their accents; '*' is a two-letter case (Æ, ß, æ) and
// '.' a character kept as it is (×, Þ, ÷, þ).
constexpr std::string_view latin1_base = "aaaaaa*ceeeeiiiidnooooo.ouuuuy.*aaaaaa*ceeeeiiiidnooooo.ouuuuy.y";
static_assert(latin1_base.size() == 64);

// Lower case and without accents, so that "Hélène", "HELENE" and "helene" compare equal: people drop
// or add accents and capitals freely, and attackers' lists do too. Covers ASCII, Latin-1 and Œ/Ÿ,
// which is every letter of French; other characters are kept as they are.
std::string fold(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    const auto next = i + 1 < s.size() ? static_cast<unsigned char>(s[i + 1]) : 0;
    if (c < 0x80) {
      out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
    } else if (c == 0xC3 && next >= 0x80 && next <= 0xBF) {
      const auto index = static_cast<std::size_t>(next - 0x80);
      const char base = latin1_base[index];
      if (base == '*')
        out += index == 31 ? "ss" : "ae";
      else if (base == '.')
        out += s.substr(i, 2);
      else
        out += base;
      ++i;
    } else if (c == 0xC5 && (next == 0x92 || next == 0x93)) {  // Œ œ
      out += "oe";
      ++i;
    } else if (c == 0xC5 && next == 0xB8) {  // Ÿ
      out += 'y';
      ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

bool is_decoration(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u < 0x80 && !((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z'));
}

// What remains once the digits, punctuation and spaces people put around a word are taken off:
// "marseille2024!" and "2024marseille" give "marseille".
std::string_view core_word(std::string_view s) {
  while (!s.empty() && is_decoration(s.back())) s.remove_suffix(1);
  while (!s.empty() && is_decoration(s.front())) s.remove_prefix(1);
  return s;
}

// Loaded once, on first use; a function-local static is initialised thread-safely.
const std::unordered_set<std::string>& common_passwords() {
  static const std::unordered_set<std::string> set = [] {
    std::string text;
    for (std::size_t i = 0; i < detail::common_password_pieces_count; ++i) text += detail::common_password_pieces[i];
    std::unordered_set<std::string> entries;
    entries.reserve(40'000);
    std::string_view rest = text;
    while (!rest.empty()) {
      const auto end = rest.find('\n');
      const auto line = rest.substr(0, end);
      rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
      if (line.empty() || line.front() == '#') continue;
      entries.insert(fold(line));
    }
    return entries;
  }();
  return set;
}

bool is_common(const std::string& folded) {
  const auto& list = common_passwords();
  if (list.contains(folded)) return true;
  const auto word = core_word(folded);
  return !word.empty() && list.contains(std::string(word));
}

// The parts of a name or an email's local part a person might reuse: "Marie-Hélène Dupont" gives
// "marie", "helene" and "dupont"; "jean.martin+rh" gives "jean", "martin" and "rh" (then dropped as too short).
std::vector<std::string> personal_parts(std::string_view text) {
  std::vector<std::string> parts;
  const auto folded = fold(text);
  std::string current;
  auto flush = [&] {
    if (utf8_length(current) >= min_personal_part) parts.push_back(current);
    current.clear();
  };
  for (char c : folded) {
    if (c == ' ' || c == '-' || c == '.' || c == '_' || c == '+' || c == '\'' || c == '\t')
      flush();
    else
      current += c;
  }
  flush();
  return parts;
}

std::string_view local_part(std::string_view email) {
  const auto at = email.rfind('@');
  return at == std::string_view::npos ? email : email.substr(0, at);
}

}  // namespace

std::optional<std::string> password_problem(std::string_view password, std::string_view email, std::string_view name) {
  const auto length = utf8_length(password);
  if (length < password_min_length)
    return "le mot de passe doit contenir au moins " + std::to_string(password_min_length) + " caractères";
  if (length > password_max_length)
    return "le mot de passe ne doit pas dépasser " + std::to_string(password_max_length) + " caractères";

  const auto folded = fold(password);
  if (is_common(folded))
    return "ce mot de passe fait partie des plus courants, même avec des chiffres ou des symboles autour : "
           "choisissez-en un autre, par exemple une phrase de plusieurs mots";

  auto parts = personal_parts(local_part(email));
  const auto name_parts = personal_parts(name);
  parts.insert(parts.end(), name_parts.begin(), name_parts.end());
  for (const auto& part : parts) {
    if (folded.find(part) != std::string::npos)
      return "le mot de passe ne doit contenir ni votre nom ni votre adresse électronique";
  }
  return std::nullopt;
}

}  // namespace passerelle::auth
