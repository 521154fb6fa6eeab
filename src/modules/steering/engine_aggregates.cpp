// compute() and compute_split(): the indicators from the aggregates. A period is read as its whole
// months from the monthly roll-ups and its partial months from the days, so a year of an
// organisation of fifty establishments is a few hundred rows; the parts of a split (establishments,
// organisations, months) come from the same statements, grouped by one more column.
#include <algorithm>

#include "modules/steering/aggregates.hpp"
#include "modules/steering/calendar.hpp"
#include "modules/steering/engine_sums.hpp"

namespace passerelle::modules::steering {
namespace {

enum class By { none, establishment, organisation, month };

// [from, to] as whole months [first_month, last_month] (first days) plus up to two runs of days; the
// whole months again as whole years [first_year, last_year] plus up to two runs of months.
struct PeriodParts {
  Date first_month, last_month;  // first_month > last_month: no whole month
  std::vector<std::pair<Date, Date>> day_runs;
  int first_year = 1, last_year = 0;  // first_year > last_year: no whole year
  std::vector<std::pair<Date, Date>> month_runs;  // the whole months outside the whole years
};

void split_years(PeriodParts& p) {
  if (p.first_month > p.last_month) return;
  const int first = p.first_month.month() == 1 ? p.first_month.year() : p.first_month.year() + 1;
  const int last = p.last_month.month() == 12 ? p.last_month.year() : p.last_month.year() - 1;
  if (first > last) {
    p.month_runs.push_back({p.first_month, p.last_month});
    return;
  }
  p.first_year = first;
  p.last_year = last;
  if (p.first_month < first_of_year(first)) p.month_runs.push_back({p.first_month, first_of_year(first).plus_months(-1)});
  if (p.last_month > first_of_year(last).plus_months(11)) p.month_runs.push_back({first_of_year(last + 1), p.last_month});
}

PeriodParts split_period(Date from, Date to) {
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
  split_years(p);
  return p;
}

std::string month_key(Date d) { return d.to_string().substr(0, 7); }

// The sums of each part, and the column that tells a row's part.
class Parts {
 public:
  Parts(By by, Date from, Date to, const ScopeInfo& info) : by_(by) {
    switch (by) {
      case By::none: add("", from, to, info, nullptr); break;
      case By::establishment:
        for (const auto& e : info.establishments)
          add(std::to_string(e.id), from, to, info, [id = e.id](const ScopeInfo::Establishment& x) { return x.id == id; });
        break;
      case By::organisation: {
        std::vector<std::int64_t> organisations;
        for (const auto& e : info.establishments) organisations.push_back(e.organisation_id);
        std::sort(organisations.begin(), organisations.end());
        organisations.erase(std::unique(organisations.begin(), organisations.end()), organisations.end());
        for (auto o : organisations)
          add(std::to_string(o), from, to, info, [o](const ScopeInfo::Establishment& x) { return x.organisation_id == o; });
        break;
      }
      case By::month:
        for (Date m = first_of_month(from); m <= to; m = m.plus_months(1))
          add(month_key(m), std::max(m, from), std::min(last_of_month(m), to), info, nullptr);
        break;
    }
  }

  // The column naming a row's part in the aggregate tables ("" when not split).
  std::string column() const {
    switch (by_) {
      case By::establishment: return "establishment_id";
      case By::organisation: return "organisation_id";
      case By::month: return "month";
      case By::none: break;
    }
    return "";
  }
  std::string select() const { return by_ == By::none ? "" : column() + " AS part, "; }
  std::string group() const { return by_ == By::none ? "" : column() + ", "; }

  Sums* of(const store::Row& r) {
    switch (by_) {
      case By::none: return &sums_.begin()->second;
      case By::establishment:
      case By::organisation: return find(std::to_string(r.integer("part")));
      case By::month: return find(r.text("part").substr(0, 7));
    }
    return nullptr;
  }
  Sums* find(const std::string& key) {
    auto it = sums_.find(key);
    return it == sums_.end() ? nullptr : &it->second;
  }
  By by() const { return by_; }
  const std::vector<std::string>& keys() const { return keys_; }
  Sums& at(const std::string& key) { return sums_.at(key); }

 private:
  void add(const std::string& key, Date from, Date to, const ScopeInfo& info,
           const std::function<bool(const ScopeInfo::Establishment&)>& keep) {
    Sums& s = sums_[key];
    s.from = from;
    s.to = to;
    fill_scope(s, info, keep);
    keys_.push_back(key);
  }

  By by_;
  std::map<std::string, Sums> sums_;
  std::vector<std::string> keys_;
};

template <std::size_t N>
std::string sums_of(const std::array<std::string_view, N>& names) {
  std::string out;
  for (auto n : names) out += ", CAST(SUM(" + std::string(n) + ") AS BIGINT) AS " + std::string(n);
  return out;
}

// The rows of Σ measures over the period from the year, month and day tables (one statement each:
// SQLite would otherwise materialise their union before grouping it), grouped by the part, then by
// `keys`. A split by month reads months, never years.
template <std::size_t N>
std::vector<store::Row> period_sums(const ScopeSql& s, const Parts& parts, const PeriodParts& period, const std::string& table,
                                    const std::string& keys, const std::array<std::string_view, N>& names) {
  const std::string head = "SELECT " + parts.select() + keys + sums_of(names) + " FROM ";
  const std::string group = " GROUP BY " + parts.group() + keys;
  std::vector<store::Row> rows;
  const auto append = [&rows](std::vector<store::Row> more) {
    rows.insert(rows.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
  };
  // Runs of dates as "(column >= :a AND column <= :b) OR …".
  const auto runs_of = [](const std::vector<std::pair<Date, Date>>& runs, const std::string& column, store::Params& params) {
    std::string out;
    for (const auto& [first, last] : runs) {
      const auto a = "a" + std::to_string(params.size()), b = "b" + std::to_string(params.size() + 1);
      out += std::string(out.empty() ? "" : " OR ") + "(" + column + " >= :" + a + " AND " + column + " <= :" + b + ")";
      params.push_back({a, first.to_string()});
      params.push_back({b, last.to_string()});
    }
    return out;
  };
  const bool years = parts.by() != By::month && period.first_year <= period.last_year;
  std::vector<std::pair<Date, Date>> months = period.month_runs;
  if (!years && period.first_month <= period.last_month) months = {{period.first_month, period.last_month}};
  if (years) {
    store::Params params{{"y1", std::int64_t{period.first_year}}, {"y2", std::int64_t{period.last_year}}};
    const auto where = s.where("establishment_id", params);
    append(s.db.query(head + table + "_year WHERE {{tenant}} AND year >= :y1 AND year <= :y2" + where + group, params));
  }
  if (!months.empty()) {
    store::Params params;
    const auto runs = runs_of(months, "month", params);
    const auto where = s.where("establishment_id", params);
    append(s.db.query(head + table + "_month WHERE {{tenant}} AND (" + runs + ")" + where + group, params));
  }
  if (!period.day_runs.empty()) {
    store::Params params;
    const auto runs = runs_of(period.day_runs, "day", params);
    const auto where = s.where("establishment_id", params);
    append(s.db.query(head + table + "_day WHERE {{tenant}} AND (" + runs + ")" + where + group, params));
  }
  return rows;
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

void read_activity(const ScopeSql& s, Parts& parts, const PeriodParts& period, bool by_year) {
  const std::string keys = by_year ? "establishment_id, year, care_mode" : "care_mode";
  for (const auto& r : period_sums(s, parts, period, "steering_activity", keys, activity::names)) {
    auto* sums = parts.of(r);
    if (!sums) continue;
    auto m = measures_of<ActivityMeasures>(r, activity::names);
    // Point-in-time measures: read on the period's last day (read_continuing), not summed.
    m[activity::stays_continuing] = 0;
    m[activity::stays_continuing_admission] = 0;
    auto& total = sums->activity[r.text("care_mode")];
    for (std::size_t i = 0; i < m.size(); ++i) total[i] += m[i];
    if (by_year && m[activity::funded_theoretical_micro] != 0)
      sums->funded_by_year[{r.integer("establishment_id"), static_cast<int>(r.integer("year"))}] +=
          m[activity::funded_theoretical_micro];
  }
}

// " AND …" leading a day table's rows of the platform through the (organisation, day) index, one
// organisation after another: the platform's tenant predicate is empty, and a few days' rows were
// then read by scanning every day of the platform (62 million staff rows and 52 million activity rows
// on the `l` dataset: 31 s for the platform's dashboard, from 0.09 s a read this way).
std::string through_organisations(const ScopeSql& s) {
  return s.scope.kind == Scope::Kind::platform ? " AND organisation_id IN (SELECT id FROM organisation)" : "";
}

// The days at which each part's point-in-time measures are read, as bound parameters " IN (…)".
std::string days_in(Parts& parts, store::Params& params, bool day_before_start) {
  std::string list;
  for (const auto& key : parts.keys()) {
    if (parts.by() != By::month && !list.empty()) break;  // the same period for every part
    const auto& sums = parts.at(key);
    const auto name = "d" + std::to_string(params.size());
    params.push_back({name, (day_before_start ? sums.from.plus_days(-1) : sums.to).to_string()});
    list += (list.empty() ? ":" : ", :") + name;
  }
  return list;
}

// The part a day-table row read at a part's boundary belongs to.
Sums* part_of_day(Parts& parts, const store::Row& r, bool day_before_start) {
  if (parts.by() != By::month) return parts.of(r);
  auto day = *Date::parse(r.text("day").substr(0, 10));
  return parts.find(month_key(day_before_start ? day.plus_days(1) : day));
}

void read_continuing(const ScopeSql& s, Parts& parts) {
  store::Params params;
  const auto days = days_in(parts, params, false);
  const auto where = s.where("establishment_id", params);
  const std::string part = parts.by() == By::month ? "day, " : parts.select();
  const std::string group = parts.by() == By::month ? "day, " : parts.group();
  for (const auto& r : s.db.query("SELECT " + part + "care_mode, CAST(SUM(stays_continuing) AS BIGINT) AS n, "
                                  "CAST(SUM(stays_continuing_admission) AS BIGINT) AS a FROM steering_activity_day WHERE "
                                  "{{tenant}} AND day IN (" + days + ")" + through_organisations(s) + where + " GROUP BY " +
                                      group + "care_mode",
                                  params)) {
    auto* sums = part_of_day(parts, r, false);
    const auto n = r.optional_integer("n").value_or(0);
    if (sums && n != 0) sums->continuing[r.text("care_mode")] = {n, r.optional_integer("a").value_or(0)};
  }
}

// Bits of the days [from, to] of one month.
std::int64_t day_bits(Date from, Date to) {
  std::int64_t mask = 0;
  for (int d = from.day(); d <= to.day(); ++d) mask |= std::int64_t{1} << (d - 1);
  return mask;
}

void read_absent_stays(const ScopeSql& s, Parts& parts, const PeriodParts& period) {
  // Whole years from the yearly rows (not for a split by month), the other whole months and the days
  // of partial months (month by month: a run without a whole month may span two) from the monthly
  // rows, which carry the days of absence as bits.
  const bool years = parts.by() != By::month && period.first_year <= period.last_year;
  std::vector<std::pair<Date, Date>> months = period.month_runs;
  if (!years) months.clear();
  if (!years && period.first_month <= period.last_month) months.push_back({period.first_month, period.last_month});
  std::vector<std::pair<Date, Date>> partial_months;
  for (const auto& [a, b] : period.day_runs)
    for (Date start = a; start <= b; start = last_of_month(start).plus_days(1))
      partial_months.push_back({start, std::min(b, last_of_month(start))});
  store::Params params;
  auto name = [&params](store::Value value) {
    const auto n = "p" + std::to_string(params.size());
    params.push_back({n, std::move(value)});
    return ":" + n;
  };
  std::string conditions;
  for (const auto& [a, b] : months)
    conditions += std::string(conditions.empty() ? "" : " OR ") + "(month >= " + name(a.to_string()) + " AND month <= " +
                  name(b.to_string()) + ")";
  for (const auto& [a, b] : partial_months)
    conditions += std::string(conditions.empty() ? "" : " OR ") + "(month = " + name(first_of_month(a).to_string()) +
                  " AND (day_mask & " + name(day_bits(a, b)) + ") <> 0)";
  std::vector<std::string> branches;
  const std::string part = parts.select();
  if (years)
    branches.push_back("SELECT " + part + "stay_id FROM steering_absent_stay_year WHERE {{tenant}} AND year >= " +
                       name(std::int64_t{period.first_year}) + " AND year <= " + name(std::int64_t{period.last_year}) +
                       s.where("establishment_id", params));
  if (!conditions.empty())
    branches.push_back("SELECT " + part + "stay_id FROM steering_absent_stay WHERE {{tenant}} AND (" + conditions + ")" +
                       s.where("establishment_id", params));
  if (branches.empty()) return;
  // One row per stay and month: within a month part, rows are distinct stays already.
  const std::string count = parts.by() == By::month ? "COUNT(*)" : "COUNT(DISTINCT stay_id)";
  const std::string select = parts.by() == By::none ? "" : "part, ";
  const std::string group = parts.by() == By::none ? "" : " GROUP BY part";
  std::string from = branches.front();
  if (branches.size() == 2) from += " UNION ALL " + branches.back();
  for (const auto& r : s.db.query("SELECT " + select + count + " AS n FROM (" + from + ") rows_absent" + group, params))
    if (auto* sums = parts.of(r)) sums->absent_stays += r.integer("n");
}

void read_human_resources(const ScopeSql& s, Parts& parts, const PeriodParts& period) {
  for (const auto& r : period_sums(s, parts, period, "steering_hr", "job_category", hr::names)) {
    auto* sums = parts.of(r);
    if (!sums) continue;
    auto m = measures_of<HrMeasures>(r, hr::names);
    sums->hires += m[hr::hires];
    sums->departures += m[hr::departures];
    // Per member, not per category, and point-in-time: kept apart (read_headcount_before).
    m[hr::headcount_permanent] = 0;
    m[hr::hires] = 0;
    m[hr::departures] = 0;
    auto& total = sums->human_resources[r.text("job_category")];
    for (std::size_t i = 0; i < m.size(); ++i) total[i] += m[i];
  }
}

void read_headcount_before(const ScopeSql& s, Parts& parts) {
  store::Params params;
  const auto days = days_in(parts, params, true);
  const auto where = s.where("establishment_id", params);
  const std::string part = parts.by() == By::month ? "day, " : parts.select();
  const std::string group = parts.by() == By::month ? " GROUP BY day" : parts.by() == By::none ? "" : " GROUP BY " + parts.column();
  for (const auto& r : s.db.query("SELECT " + part + "CAST(SUM(headcount_permanent) AS BIGINT) AS n FROM steering_hr_day "
                                  "WHERE {{tenant}} AND day IN (" + days + ")" + through_organisations(s) + where + group,
                                  params))
    if (auto* sums = part_of_day(parts, r, true)) sums->headcount_before += r.optional_integer("n").value_or(0);
}

std::vector<Part> compute_parts(store::Connection& c, const Scope& scope, Date from, Date to, By by,
                                const std::vector<std::string>& ids) {
  materialise_until(c, to);
  const auto s = scope_sql(c, scope);
  const auto needs = needs_of(ids);
  Parts parts(by, from, to, read_scope(s, from, to, needs.funded_by_year));
  const auto period = split_period(from, to);
  if (needs.activity || needs.funded_by_year) read_activity(s, parts, period, needs.funded_by_year);
  if (needs.continuing) read_continuing(s, parts);
  if (needs.absent_stays) read_absent_stays(s, parts, period);
  if (needs.human_resources || needs.headcount_before) read_human_resources(s, parts, period);
  if (needs.headcount_before) read_headcount_before(s, parts);
  if (by == By::month) {
    for (const auto& key : parts.keys()) {
      Sums& sums = parts.at(key);
      read_facts_at_end(s, sums.to, needs, [&sums](std::int64_t, std::int64_t) { return &sums; });
    }
  } else {
    read_facts_at_end(s, to, needs, [&](std::int64_t establishment, std::int64_t organisation) -> Sums* {
      switch (by) {
        case By::establishment: return parts.find(std::to_string(establishment));
        case By::organisation: return parts.find(std::to_string(organisation));
        default: return parts.find("");
      }
    });
  }
  std::vector<Part> out;
  for (const auto& key : parts.keys()) {
    Sums& sums = parts.at(key);
    drop_empty(sums.activity);
    drop_empty(sums.human_resources);
    sort_lists(sums);
    out.push_back({key, sums.from, sums.to, assemble(sums, ids)});
  }
  return out;
}

}  // namespace

std::vector<Value> compute(store::Connection& c, const Scope& scope, Date from, Date to, const std::vector<std::string>& ids) {
  return compute_parts(c, scope, from, to, By::none, ids).front().values;
}

std::vector<Part> compute_split(store::Connection& c, const Scope& scope, Date from, Date to, Split split,
                                const std::vector<std::string>& ids) {
  const By by = split == Split::establishment ? By::establishment : split == Split::organisation ? By::organisation : By::month;
  return compute_parts(c, scope, from, to, by, ids);
}

}  // namespace passerelle::modules::steering
