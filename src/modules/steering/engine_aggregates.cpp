// compute(): the indicators from the aggregates. A period is read as its whole months from the
// monthly roll-ups and its partial months from the days, so a year of an organisation of fifty
// establishments is a few hundred rows.
#include <algorithm>

#include "modules/steering/aggregates.hpp"
#include "modules/steering/calendar.hpp"
#include "modules/steering/engine_sums.hpp"

namespace passerelle::modules::steering {
namespace {

// [from, to] as whole months [first_month, last_month] (first days) plus up to two runs of days.
struct PeriodParts {
  Date first_month, last_month;  // first_month > last_month: no whole month
  std::vector<std::pair<Date, Date>> day_runs;
};

PeriodParts split(Date from, Date to) {
  PeriodParts p;
  const Date months_from = from == first_of_month(from) ? from : first_of_month(from).plus_months(1);
  const Date months_to = to == last_of_month(to) ? to : first_of_month(to).plus_days(-1);
  if (months_from > months_to) {
    p.first_month = Date::from_days(1);
    p.last_month = Date::from_days(0);
    p.day_runs.push_back({from, to});
    return p;
  }
  p.first_month = months_from;
  p.last_month = first_of_month(months_to);
  if (from < months_from) p.day_runs.push_back({from, months_from.plus_days(-1)});
  if (to > months_to) p.day_runs.push_back({months_to.plus_days(1), to});
  return p;
}

template <std::size_t N>
std::string sums_of(const std::array<std::string_view, N>& names) {
  std::string out;
  for (auto n : names) out += ", CAST(SUM(" + std::string(n) + ") AS BIGINT) AS " + std::string(n);
  return out;
}

template <std::size_t N>
std::string columns_of(const std::array<std::string_view, N>& names) {
  std::string out;
  for (auto n : names) out += ", " + std::string(n);
  return out;
}

// SELECT key, year, establishment_id, Σ measures over the period from the month and day tables.
template <std::size_t N>
std::vector<store::Row> period_sums(const ScopeSql& s, const PeriodParts& parts, const std::string& day_table,
                                    const std::string& month_table, const std::string& key,
                                    const std::array<std::string_view, N>& names) {
  store::Params params{{"m1", parts.first_month.to_string()}, {"m2", parts.last_month.to_string()}};
  const auto month_where = s.where("establishment_id", params);
  std::string runs;
  for (std::size_t i = 0; i < parts.day_runs.size(); ++i) {
    const auto a = "a" + std::to_string(i), b = "b" + std::to_string(i);
    runs += std::string(runs.empty() ? "" : " OR ") + "(day >= :" + a + " AND day <= :" + b + ")";
    params.push_back({a, parts.day_runs[i].first.to_string()});
    params.push_back({b, parts.day_runs[i].second.to_string()});
  }
  if (runs.empty()) runs = "1 = 0";
  const auto day_where = s.where("establishment_id", params);
  const auto columns = columns_of(names);
  return s.db.query("SELECT establishment_id, year, " + key + sums_of(names) + " FROM (SELECT establishment_id, year, " +
                        key + columns + " FROM " + month_table + " WHERE {{tenant}} AND month >= :m1 AND month <= :m2" +
                        month_where + " UNION ALL SELECT establishment_id, year, " + key + columns + " FROM " + day_table +
                        " WHERE {{tenant}} AND (" + runs + ")" + day_where + ") t GROUP BY establishment_id, year, " + key,
                    params);
}

template <class Measures, std::size_t N>
Measures measures_of(const store::Row& r, const std::array<std::string_view, N>& names) {
  Measures m{};
  for (std::size_t i = 0; i < N; ++i) m[i] = r.optional_integer(names[i]).value_or(0);
  return m;
}

template <class Map>
void drop_empty(Map& map) {
  for (auto it = map.begin(); it != map.end();) {
    bool zero = true;
    for (auto v : it->second) zero = zero && v == 0;
    it = zero ? map.erase(it) : std::next(it);
  }
}

void read_activity(const ScopeSql& s, const PeriodParts& parts, Sums& sums) {
  for (const auto& r : period_sums(s, parts, "steering_activity_day", "steering_activity_month", "care_mode", activity::names)) {
    auto m = measures_of<ActivityMeasures>(r, activity::names);
    // Point-in-time measures: read on the period's last day (read_continuing), not summed.
    m[activity::stays_continuing] = 0;
    m[activity::stays_continuing_admission] = 0;
    auto& total = sums.activity[r.text("care_mode")];
    for (std::size_t i = 0; i < m.size(); ++i) total[i] += m[i];
    sums.funded_by_year[{r.integer("establishment_id"), static_cast<int>(r.integer("year"))}] +=
        m[activity::funded_theoretical_micro];
  }
  drop_empty(sums.activity);
  for (auto it = sums.funded_by_year.begin(); it != sums.funded_by_year.end();)
    it = it->second == 0 ? sums.funded_by_year.erase(it) : std::next(it);
}

void read_continuing(const ScopeSql& s, Sums& sums) {
  store::Params params{{"d", sums.to.to_string()}};
  const auto where = s.where("establishment_id", params);
  for (const auto& r : s.db.query("SELECT care_mode, CAST(SUM(stays_continuing) AS BIGINT) AS n, "
                                  "CAST(SUM(stays_continuing_admission) AS BIGINT) AS a FROM steering_activity_day WHERE "
                                  "{{tenant}} AND day = :d" + where + " GROUP BY care_mode",
                                  params)) {
    const auto n = r.optional_integer("n").value_or(0);
    if (n != 0) sums.continuing[r.text("care_mode")] = {n, r.optional_integer("a").value_or(0)};
  }
}

// Bits of the days [from, to] of one month.
std::int64_t day_bits(Date from, Date to) {
  std::int64_t mask = 0;
  for (int d = from.day(); d <= to.day(); ++d) mask |= std::int64_t{1} << (d - 1);
  return mask;
}

void read_absent_stays(const ScopeSql& s, const PeriodParts& parts, Sums& sums) {
  store::Params params{{"m1", parts.first_month.to_string()}, {"m2", parts.last_month.to_string()}};
  // The days of partial months, month by month (a run without a whole month may span two).
  std::vector<std::pair<Date, Date>> partial_months;
  for (const auto& [a, b] : parts.day_runs)
    for (Date start = a; start <= b; start = last_of_month(start).plus_days(1))
      partial_months.push_back({start, std::min(b, last_of_month(start))});
  std::string partial;
  for (std::size_t i = 0; i < partial_months.size(); ++i) {
    const auto& [a, b] = partial_months[i];
    const auto month = "p" + std::to_string(i), mask = "q" + std::to_string(i);
    partial += " OR (month = :" + month + " AND (day_mask & :" + mask + ") <> 0)";
    params.push_back({month, first_of_month(a).to_string()});
    params.push_back({mask, day_bits(a, b)});
  }
  const auto where = s.where("establishment_id", params);
  auto row = s.db.query_one("SELECT COUNT(DISTINCT stay_id) AS n FROM steering_absent_stay WHERE {{tenant}} AND "
                            "((month >= :m1 AND month <= :m2)" + partial + ")" + where,
                            params);
  sums.absent_stays = row ? row->integer("n") : 0;
}

void read_human_resources(const ScopeSql& s, const PeriodParts& parts, Sums& sums, bool movements) {
  for (const auto& r : period_sums(s, parts, "steering_hr_day", "steering_hr_month", "job_category", hr::names)) {
    auto m = measures_of<HrMeasures>(r, hr::names);
    if (movements) {
      sums.hires += m[hr::hires];
      sums.departures += m[hr::departures];
    }
    m[hr::headcount_permanent] = 0;
    m[hr::hires] = 0;
    m[hr::departures] = 0;
    auto& total = sums.human_resources[r.text("job_category")];
    for (std::size_t i = 0; i < m.size(); ++i) total[i] += m[i];
  }
  drop_empty(sums.human_resources);
}

void read_headcount_before(const ScopeSql& s, Sums& sums) {
  store::Params params{{"d", sums.from.plus_days(-1).to_string()}};
  const auto where = s.where("establishment_id", params);
  auto row = s.db.query_one("SELECT CAST(SUM(headcount_permanent) AS BIGINT) AS n FROM steering_hr_day WHERE {{tenant}} AND "
                            "day = :d" + where,
                            params);
  sums.headcount_before = row ? row->optional_integer("n").value_or(0) : 0;
}

}  // namespace

std::vector<Value> compute(store::Connection& c, const Scope& scope, Date from, Date to, const std::vector<std::string>& ids) {
  materialise_until(c, to);
  const auto s = scope_sql(c, scope);
  const auto needs = needs_of(ids);
  Sums sums;
  sums.from = from;
  sums.to = to;
  read_scope(s, sums, needs);
  const auto parts = split(from, to);
  if (needs.activity || needs.funded_by_year) read_activity(s, parts, sums);
  if (needs.continuing) read_continuing(s, sums);
  if (needs.absent_stays) read_absent_stays(s, parts, sums);
  if (needs.human_resources || needs.headcount_before) read_human_resources(s, parts, sums, needs.headcount_before);
  if (needs.headcount_before) read_headcount_before(s, sums);
  read_facts_at_end(s, sums, needs);
  return assemble(sums, ids);
}

}  // namespace passerelle::modules::steering
