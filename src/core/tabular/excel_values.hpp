#pragma once
// Excel stores numbers, dates and times all as one double; only the cell's number format tells a date
// (a count of days since 1900) from an amount. These functions turn that double into the text a person
// sees in Excel, and back for the export.
#include <optional>
#include <string>
#include <string_view>

namespace passerelle::tabular::detail {

enum class NumberFormatKind { number, date, date_time, time, duration };

NumberFormatKind builtin_format_kind(unsigned id);
// A custom format such as "dd/mm/yyyy", "[$-40C]d mmmm yyyy" or "[h]:mm": what its letters show.
NumberFormatKind format_code_kind(std::string_view code);

// As Excel shows it with the General format: at most 15 significant digits, no exponent for ordinary
// magnitudes, '.' as decimal mark (the one every module's parser accepts).
std::string format_number(double value);
// "2024-03-12", "2024-03-12 14:30", "14:30:05" or, for a duration, "36:00"; nothing when the serial is
// outside the years Excel can show (the caller then shows it as a number, as Excel shows ####).
std::optional<std::string> format_serial(double serial, NumberFormatKind kind, bool date1904);

struct DateTime {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  bool has_time = false;
};
// "YYYY-MM-DD", optionally followed by ' ' or 'T' and "HH:MM[:SS[.fff]][Z]"; nothing if not a real date.
std::optional<DateTime> parse_date_time(std::string_view text);
std::string format_date_time(const DateTime& value);

// "-12", "3.5", "3,5": a number written the way people type one, with at most 15 significant digits
// (Excel's precision) and no leading zero, so that "0612345678" stays a phone number.
std::optional<double> parse_plain_decimal(std::string_view text);

}  // namespace passerelle::tabular::detail
