#include "core/templates/filters.hpp"

#include <array>
#include <cstdio>

#include "core/date.hpp"
#include "core/templates/template.hpp"
#include "core/text.hpp"

namespace passerelle::templates {
namespace detail {
namespace {

constexpr std::array<FilterSpec, 5> specs{{
    {"date_long", FilterKind::date_long, false, "date_long (3 mars 2026)"},
    {"date_short", FilterKind::date_short, false, "date_short (03/03/2026)"},
    {"upper", FilterKind::upper, false, "upper (MAJUSCULES)"},
    {"lower", FilterKind::lower, false, "lower (minuscules)"},
    {"default", FilterKind::fallback, true, "default(\"texte si le champ est vide\")"},
}};

// Also accepts a date-time ("2026-03-03T10:00:00"), whose time a letter does not show.
std::optional<Date> date_in(std::string_view value) {
  if (value.size() > 10 && (value[10] == 'T' || value[10] == ' ')) value = value.substr(0, 10);
  return Date::parse(value);
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Case mapping for the scripts names are written in here: ASCII, Latin-1 and Latin Extended-A (é, ç,
// œ, ŀ, ő…). Other characters are kept as they are.
char32_t upper_of(char32_t c) {
  if (c >= 'a' && c <= 'z') return c - 0x20;
  if (c == 0x131) return 'I';  // dotless i; the pairing rule below would give a dotted İ
  if (c >= 0xE0 && c <= 0xFE && c != 0xF7) return c - 0x20;
  if (c == 0xFF) return 0x178;
  if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177)) return c & ~char32_t{1};
  if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return (c % 2 == 0) ? c - 1 : c;
  return c;
}

char32_t lower_of(char32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 0x20;
  if (c == 0x130) return 'i';
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 0x20;
  if (c == 0x178) return 0xFF;
  if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177)) return c | 1;
  if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return (c % 2 == 1) ? c + 1 : c;
  return c;
}

template <typename Mapping>
std::string map_case(std::string_view value, Mapping mapping) {
  const auto points = code_points(value);
  if (points.empty()) return std::string(value);
  std::string out;
  out.reserve(value.size());
  for (char32_t c : points) append_utf8(out, mapping(c));
  return out;
}

}  // namespace

const FilterSpec* filter_named(std::string_view name) {
  for (const auto& spec : specs)
    if (spec.name == name) return &spec;
  return nullptr;
}

std::string filter_list() {
  std::string list;
  for (const auto& spec : specs) list += (list.empty() ? "" : ", ") + std::string(spec.example);
  return list;
}

bool is_filled(std::string_view value) { return value.find_first_not_of(" \t\r\n") != std::string_view::npos; }

std::string apply(const Filter& filter, std::string value) {
  switch (filter.kind) {
    case FilterKind::date_long:
      if (auto date = date_in(value)) return french_long_date(*date);
      return value;
    case FilterKind::date_short:
      if (auto date = date_in(value)) {
        char text[16];
        std::snprintf(text, sizeof text, "%02d/%02d/%04d", date->day(), date->month(), date->year());
        return text;
      }
      return value;
    case FilterKind::upper:
      return map_case(value, upper_of);
    case FilterKind::lower:
      return map_case(value, lower_of);
    case FilterKind::fallback:
      return is_filled(value) ? value : filter.argument;
  }
  return value;
}

}  // namespace detail

std::string french_long_date(Date date) {
  static constexpr std::array<std::string_view, 12> months{"janvier",   "février", "mars",     "avril",
                                                           "mai",       "juin",    "juillet",  "août",
                                                           "septembre", "octobre", "novembre", "décembre"};
  const std::string day = date.day() == 1 ? "1er" : std::to_string(date.day());
  return day + " " + std::string(months[static_cast<std::size_t>(date.month() - 1)]) + " " +
         std::to_string(date.year());
}

}  // namespace passerelle::templates
