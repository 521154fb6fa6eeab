#pragma once
// Civil dates (no time of day, no time zone): what establishments, stays and capacities use.
// Stored and exchanged as "YYYY-MM-DD".
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace passerelle {

class Date {
 public:
  Date() = default;
  static std::optional<Date> parse(std::string_view text);  // strict YYYY-MM-DD, a real calendar day
  static Date from_days(std::int64_t days_since_epoch) { return Date(days_since_epoch); }
  static Date today();

  std::string to_string() const;
  std::int64_t days_since_epoch() const { return days_; }
  int year() const;
  int month() const;
  int day() const;
  // Monday = 0 … Sunday = 6.
  int weekday() const;

  Date plus_days(std::int64_t n) const { return Date(days_ + n); }
  Date plus_years(int n) const;
  Date plus_months(int n) const;
  friend std::int64_t days_between(Date from, Date to) { return to.days_ - from.days_; }  // to - from
  friend auto operator<=>(Date, Date) = default;

 private:
  explicit Date(std::int64_t days) : days_(days) {}
  std::int64_t days_ = 0;
};

// A period of days, both ends included; an empty end means "still running".
struct Period {
  Date from;
  std::optional<Date> to;
  bool contains(Date d) const { return d >= from && (!to || d <= *to); }
  bool overlaps(const Period& other) const {
    return (!to || other.from <= *to) && (!other.to || from <= *other.to);
  }
  // Days shared with [a, b] (both included).
  std::int64_t days_within(Date a, Date b) const;
};

}  // namespace passerelle
