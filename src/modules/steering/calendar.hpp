#pragma once
// Month and year boundaries of civil dates, for the steering brick's periods and roll-ups.
#include <string>

#include "core/date.hpp"

namespace passerelle::modules::steering {

inline Date first_of_month(Date d) { return d.plus_days(1 - d.day()); }
inline Date last_of_month(Date d) { return first_of_month(d).plus_months(1).plus_days(-1); }
inline Date first_of_year(int year) { return *Date::parse(std::to_string(year) + "-01-01"); }
inline Date last_of_year(int year) { return *Date::parse(std::to_string(year) + "-12-31"); }
inline std::int64_t days_in_year(int year) { return days_between(first_of_year(year), last_of_year(year)) + 1; }
// Days of [from, to] (both included); 0 when to < from.
inline std::int64_t days_of(Date from, Date to) { return to < from ? 0 : days_between(from, to) + 1; }

}  // namespace passerelle::modules::steering
