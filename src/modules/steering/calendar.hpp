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

// A stay (alias s) is *running after* a day when it is admitted by then and has not ended: no discharge,
// a discharge after that day, or a discharge on that day by a transfer (the persons brick records a
// transfer as a discharge on the eve and an admission the next day, so the person is in one of the two
// stays at the end of every day). `day_a` and `day_b` are two parameter names bound to the same day.
inline std::string stay_running_after_sql(const std::string& day_a, const std::string& day_b) {
  return "(s.discharge_date IS NULL OR s.discharge_date > " + day_a + " OR (s.discharge_date = " + day_b +
         " AND EXISTS (SELECT 1 FROM stay n WHERE n.transfer_from_stay_id = s.id)))";
}

}  // namespace passerelle::modules::steering
