#include "core/tabular/excel_values.hpp"

#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>

namespace passerelle::tabular::detail {
namespace {

using namespace std::chrono;

constexpr long long seconds_per_day = 86400;

std::string two_digits(long long n) { return (n < 10 ? "0" : "") + std::to_string(n); }

std::string clock_time(long long hours, long long minutes, long long seconds) {
  std::string text = two_digits(hours) + ":" + two_digits(minutes);
  if (seconds != 0) text += ":" + two_digits(seconds);
  return text;
}

// Excel's 1900 calendar wrongly has a 29 February 1900 (serial 60, kept for Lotus 1-2-3 compatibility):
// serials after it are days since 1899-12-30, serials before it days since 1899-12-31.
std::optional<year_month_day> serial_day(long long days, bool date1904) {
  sys_days day;
  if (date1904) {
    if (days < 0) return std::nullopt;
    day = sys_days{year{1904} / January / 1} + std::chrono::days{days};
  } else {
    if (days < 1 || days == 60) return std::nullopt;
    day = sys_days{year{1899} / December / (days < 60 ? 31 : 30)} + std::chrono::days{days};
  }
  const year_month_day date{day};
  if (date.year() > year{9999}) return std::nullopt;
  return date;
}

bool parse_int(std::string_view text, std::size_t position, std::size_t width, int& value) {
  if (position + width > text.size()) return false;
  const char* first = text.data() + position;
  const auto [end, error] = std::from_chars(first, first + width, value);
  return error == std::errc{} && end == first + width && first[0] != '-' && first[0] != '+';
}

}  // namespace

NumberFormatKind builtin_format_kind(unsigned id) {
  if (id >= 14 && id <= 17) return NumberFormatKind::date;
  if (id >= 18 && id <= 21) return NumberFormatKind::time;
  if (id == 22) return NumberFormatKind::date_time;
  if (id == 45 || id == 47) return NumberFormatKind::time;
  if (id == 46) return NumberFormatKind::duration;
  return NumberFormatKind::number;
}

NumberFormatKind format_code_kind(std::string_view code) {
  bool date = false, month = false, time = false, elapsed = false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    const char c = static_cast<char>(code[i] | 0x20);  // ASCII lower case; LibreOffice writes "DD/MM/YYYY"
    if (code[i] == '"') {
      i = code.find('"', i + 1);  // literal text
      if (i == std::string_view::npos) break;
    } else if (code[i] == '\\' || code[i] == '_' || code[i] == '*') {
      ++i;  // escaped character, padding and fill characters are not date parts
    } else if (code[i] == '[') {
      const auto end = code.find(']', i);
      if (end == std::string_view::npos) break;
      const auto inside = code.substr(i + 1, end - i - 1);  // colour, locale, condition or elapsed time
      if (!inside.empty() && inside.find_first_not_of("hHmMsS") == std::string_view::npos) elapsed = time = true;
      i = end;
    } else if (code.substr(i, 5) == "AM/PM" || code.substr(i, 5) == "am/pm") {
      i += 4;
    } else if (c == 'y' || c == 'd') {
      date = true;
    } else if (c == 'm') {
      month = true;
    } else if (c == 'h' || c == 's') {
      time = true;
    }
  }
  if (date) return time ? NumberFormatKind::date_time : NumberFormatKind::date;
  if (time) return elapsed ? NumberFormatKind::duration : NumberFormatKind::time;
  return month ? NumberFormatKind::date : NumberFormatKind::number;
}

std::string format_number(double value) {
  char buffer[64];
  // Round to 15 significant digits first, as Excel does on screen: 0.1 + 0.2 shows 0.3.
  auto end = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific, 14).ptr;
  double shown = 0;
  std::from_chars(buffer, end, shown);
  const double magnitude = std::fabs(shown);
  if (magnitude == 0) return "0";
  if (magnitude < 1e15 && shown == std::trunc(shown)) {
    end = std::to_chars(buffer, buffer + sizeof buffer, static_cast<long long>(shown)).ptr;
  } else if (magnitude >= 1e-5 && magnitude < 1e15) {
    end = std::to_chars(buffer, buffer + sizeof buffer, shown, std::chars_format::fixed).ptr;
  } else {
    end = std::to_chars(buffer, buffer + sizeof buffer, shown).ptr;
  }
  return std::string(buffer, end);
}

std::optional<std::string> format_serial(double serial, NumberFormatKind kind, bool date1904) {
  if (!std::isfinite(serial) || serial < 0 || serial > 3e6) return std::nullopt;
  const auto total = std::llround(serial * seconds_per_day);  // binary fractions of a day are never exact
  const auto days = total / seconds_per_day;
  const auto seconds = total % seconds_per_day;
  if (kind == NumberFormatKind::duration) return clock_time(total / 3600, total / 60 % 60, total % 60);
  if (kind == NumberFormatKind::time) return clock_time(seconds / 3600, seconds / 60 % 60, seconds % 60);
  if (!date1904 && days == 60) return "1900-02-29";  // the day Excel shows, though it never existed
  const auto date = serial_day(days, date1904);
  if (!date) return std::nullopt;
  DateTime value{int(date->year()),
                 int(unsigned(date->month())),
                 int(unsigned(date->day())),
                 int(seconds / 3600),
                 int(seconds / 60 % 60),
                 int(seconds % 60),
                 kind == NumberFormatKind::date_time};
  return format_date_time(value);
}

std::optional<DateTime> parse_date_time(std::string_view text) {
  DateTime value;
  if (text.size() < 10 || text[4] != '-' || text[7] != '-' || !parse_int(text, 0, 4, value.year) ||
      !parse_int(text, 5, 2, value.month) || !parse_int(text, 8, 2, value.day))
    return std::nullopt;
  const year_month_day date{year{value.year}, month{unsigned(value.month)}, day{unsigned(value.day)}};
  if (!date.ok() || value.year < 1900) return std::nullopt;
  if (text.size() == 10) return value;
  if ((text[10] != ' ' && text[10] != 'T') || text.size() < 16 || text[13] != ':' ||
      !parse_int(text, 11, 2, value.hour) || !parse_int(text, 14, 2, value.minute))
    return std::nullopt;
  std::size_t position = 16;
  if (position < text.size() && text[position] == ':') {
    if (!parse_int(text, 17, 2, value.second)) return std::nullopt;
    position = 19;
    if (position < text.size() && text[position] == '.') {
      position = text.find_first_not_of("0123456789", position + 1);
      if (position == std::string_view::npos) position = text.size();
    }
  }
  if (position < text.size() && text.substr(position) != "Z") return std::nullopt;
  if (value.hour > 23 || value.minute > 59 || value.second > 59) return std::nullopt;
  value.has_time = true;
  return value;
}

std::string format_date_time(const DateTime& value) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", value.year, value.month, value.day);
  std::string text = buffer;
  if (value.has_time) text += " " + clock_time(value.hour, value.minute, value.second);
  return text;
}

std::optional<double> parse_plain_decimal(std::string_view text) {
  std::string normalised(text);
  std::size_t i = normalised.starts_with('-') ? 1 : 0;
  const auto integer_start = i;
  while (i < normalised.size() && std::isdigit(static_cast<unsigned char>(normalised[i]))) ++i;
  const auto integer_digits = i - integer_start;
  if (integer_digits == 0 || (integer_digits > 1 && normalised[integer_start] == '0')) return std::nullopt;
  std::size_t fraction_digits = 0;
  if (i < normalised.size() && (normalised[i] == '.' || normalised[i] == ',')) {
    normalised[i++] = '.';
    while (i < normalised.size() && std::isdigit(static_cast<unsigned char>(normalised[i]))) ++i, ++fraction_digits;
    if (fraction_digits == 0) return std::nullopt;
  }
  const bool below_one = integer_digits == 1 && normalised[integer_start] == '0';
  if (i != normalised.size() || (below_one ? 0 : integer_digits) + fraction_digits > 15) return std::nullopt;
  double value = 0;
  std::from_chars(normalised.data(), normalised.data() + normalised.size(), value);
  return value;
}

}  // namespace passerelle::tabular::detail
