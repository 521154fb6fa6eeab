#include "core/text.hpp"

#include <cctype>

namespace passerelle {
namespace {

// Returns the number of code points, or npos if `s` is not valid UTF-8 (overlongs and surrogates refused).
std::size_t checked_utf8_length(std::string_view s) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = 0;
    char32_t cp = 0;
    if (c < 0x80) { n = 1; cp = c; }
    else if ((c & 0xE0) == 0xC0) { n = 2; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { n = 3; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { n = 4; cp = c & 0x07; }
    else return std::string_view::npos;
    if (i + n > s.size()) return std::string_view::npos;
    for (std::size_t k = 1; k < n; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return std::string_view::npos;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return std::string_view::npos;
    i += n;
    ++count;
  }
  return count;
}

}  // namespace

std::optional<std::string> text_problem(std::string_view s, std::size_t max_length) {
  const auto length = checked_utf8_length(s);
  if (length == std::string_view::npos) return "le texte n'est pas de l'UTF-8 valide";
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7F) return "le texte contient des caractères de contrôle";
  }
  for (char32_t cp : code_points(s))
    if (cp >= 0x80 && cp <= 0x9F) return "le texte contient des caractères de contrôle";
  if (length > max_length) return "le texte dépasse " + std::to_string(max_length) + " caractères";
  return std::nullopt;
}

std::vector<char32_t> code_points(std::string_view s) {
  std::vector<char32_t> out;
  if (checked_utf8_length(s) == std::string_view::npos) return out;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
    char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += n;
  }
  return out;
}

std::string utf8_prefix(std::string_view s, std::size_t n) {
  std::size_t i = 0;
  for (std::size_t count = 0; i < s.size() && count < n; ++count) {
    const auto c = static_cast<unsigned char>(s[i]);
    i += c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
  }
  return std::string(s.substr(0, std::min(i, s.size())));
}

std::string trim(std::string_view s) {
  auto begin = s.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return {};
  auto end = s.find_last_not_of(" \t");
  return std::string(s.substr(begin, end - begin + 1));
}

std::size_t utf8_length(std::string_view s) {
  auto n = checked_utf8_length(s);
  return n == std::string_view::npos ? s.size() : n;
}

std::string to_lower_ascii(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string fold_for_search(std::string_view s) {
  // Latin-1 Supplement and Latin Extended-A letters French names use, as two-byte UTF-8.
  static const std::pair<std::string_view, std::string_view> folds[] = {
      {"à", "a"}, {"â", "a"}, {"ä", "a"}, {"á", "a"}, {"ã", "a"}, {"å", "a"}, {"À", "a"}, {"Â", "a"}, {"Ä", "a"},
      {"Á", "a"}, {"ç", "c"}, {"Ç", "c"}, {"é", "e"}, {"è", "e"}, {"ê", "e"}, {"ë", "e"}, {"É", "e"}, {"È", "e"},
      {"Ê", "e"}, {"Ë", "e"}, {"î", "i"}, {"ï", "i"}, {"í", "i"}, {"ì", "i"}, {"Î", "i"}, {"Ï", "i"}, {"ô", "o"},
      {"ö", "o"}, {"ó", "o"}, {"ò", "o"}, {"õ", "o"}, {"Ô", "o"}, {"Ö", "o"}, {"ù", "u"}, {"û", "u"}, {"ü", "u"},
      {"ú", "u"}, {"Ù", "u"}, {"Û", "u"}, {"Ü", "u"}, {"ÿ", "y"}, {"Ÿ", "y"}, {"ñ", "n"}, {"Ñ", "n"}, {"œ", "oe"},
      {"Œ", "oe"}, {"æ", "ae"}, {"Æ", "ae"}, {"ß", "ss"}};
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    bool folded = false;
    if (static_cast<unsigned char>(s[i]) >= 0xC0) {
      for (const auto& [from, to] : folds) {
        if (s.substr(i, from.size()) == from) {
          out += to;
          i += from.size();
          folded = true;
          break;
        }
      }
    }
    if (!folded) {
      out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(s[i]))));
      ++i;
    }
  }
  return out;
}

std::vector<std::string> split(std::string_view s, char separator) {
  std::vector<std::string> pieces;
  std::size_t start = 0;
  while (start <= s.size()) {
    auto end = s.find(separator, start);
    if (end == std::string_view::npos) end = s.size();
    if (end > start) pieces.emplace_back(s.substr(start, end - start));
    start = end + 1;
  }
  return pieces;
}

}  // namespace passerelle
