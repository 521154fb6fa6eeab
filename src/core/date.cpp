#include "core/date.hpp"

#include <cstdio>

namespace passerelle {
namespace {

using namespace std::chrono;

year_month_day ymd_of(std::int64_t days) {
  return year_month_day{sys_days{std::chrono::days{days}}};
}

bool digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

std::optional<Date> Date::parse(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto y = text.substr(0, 4), m = text.substr(5, 2), d = text.substr(8, 2);
  if (!digits(y) || !digits(m) || !digits(d)) return std::nullopt;
  // Qualified: Date has members named year, month and day.
  year_month_day ymd{std::chrono::year{std::stoi(std::string(y))},
                     std::chrono::month{static_cast<unsigned>(std::stoi(std::string(m)))},
                     std::chrono::day{static_cast<unsigned>(std::stoi(std::string(d)))}};
  if (!ymd.ok() || int(ymd.year()) < 1800) return std::nullopt;
  return Date(sys_days{ymd}.time_since_epoch().count());
}

Date Date::today() {
  return Date(floor<std::chrono::days>(system_clock::now()).time_since_epoch().count());
}

std::string Date::to_string() const {
  const auto ymd = ymd_of(days_);
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", int(ymd.year()), unsigned(ymd.month()), unsigned(ymd.day()));
  return buffer;
}

int Date::year() const { return int(ymd_of(days_).year()); }
int Date::month() const { return static_cast<int>(unsigned(ymd_of(days_).month())); }
int Date::day() const { return static_cast<int>(unsigned(ymd_of(days_).day())); }

int Date::weekday() const {
  // 1970-01-01 was a Thursday (3 with Monday = 0).
  return static_cast<int>(((days_ % 7) + 7 + 3) % 7);
}

Date Date::plus_months(int n) const {
  auto ymd = ymd_of(days_) + months{n};
  if (!ymd.ok()) ymd = ymd.year() / ymd.month() / std::chrono::last;  // 31 January + 1 month: end of February
  return Date(sys_days{ymd}.time_since_epoch().count());
}

Date Date::plus_years(int n) const {
  return plus_months(12 * n);
}

std::int64_t Period::days_within(Date a, Date b) const {
  const Date start = std::max(from, a);
  const Date end = to ? std::min(*to, b) : b;
  return end < start ? 0 : days_between(start, end) + 1;
}

}  // namespace passerelle
