#pragma once
// The rows of one establishment's aggregates over a range of days, computed from the facts in C++
// (what recompute() writes). Internal to the steering brick.
#include <cstdint>
#include <string>
#include <vector>

#include "modules/steering/measures.hpp"
#include "store/database.hpp"

namespace passerelle::modules::steering {

template <class Measures>
struct DayRow {
  Date day;
  std::string key;  // care mode or job category
  Measures measures{};
};
using ActivityRow = DayRow<ActivityMeasures>;
using HrRow = DayRow<HrMeasures>;

struct AbsentStayRow {
  Date month;
  std::int64_t stay_id = 0;
  std::string care_mode;
  std::int64_t day_mask = 0;  // bit d−1: absent on day d of the month
};

struct ActivityBuild {
  std::vector<ActivityRow> days;        // only days where something exists
  std::vector<AbsentStayRow> absent_stays;
};

// [from, to] must cover whole months for the absent stays to be complete (recompute aligns them).
ActivityBuild build_activity(store::Connection& c, std::int64_t establishment_id, Date from, Date to);
std::vector<HrRow> build_hr(store::Connection& c, std::int64_t establishment_id, Date from, Date to);

// Millionths of a day open, for a kind of care, from the year's calendar and the closures: 0 on a
// closed day; with a weekly pattern, open or not; with a number N of days for the year, N spread
// evenly over the year's days not closed (rounded, at most one day); without a calendar, open.
struct OpeningCalendar {
  std::string care_mode;
  int year = 0;
  std::optional<std::int64_t> days_open;
  std::optional<std::string> weekly_pattern;
};
struct ClosureDays {
  std::optional<std::string> care_mode;  // empty: every kind of care
  Date from, to;
};
class OpeningDays {
 public:
  OpeningDays(std::vector<OpeningCalendar> calendars, std::vector<ClosureDays> closures)
      : calendars_(std::move(calendars)), closures_(std::move(closures)) {}
  std::int64_t open_micro(const std::string& care_mode, Date day);
  bool closed(const std::string& care_mode, Date day) const;

 private:
  std::vector<OpeningCalendar> calendars_;
  std::vector<ClosureDays> closures_;
  std::map<std::pair<std::string, int>, std::int64_t> not_closed_days_;  // per care mode and year
};
// The share of a day for N days open over `candidate_days` days not closed, in millionths.
std::int64_t spread_micro(std::int64_t days_open, std::int64_t candidate_days);

}  // namespace passerelle::modules::steering
