// Keeping the aggregates: recompute an establishment's months from the facts, the fact-change
// listener, the full rebuild and the horizon of materialised days.
#include "modules/steering/aggregates.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <mutex>

#include "core/clock.hpp"
#include "modules/steering/aggregates_build.hpp"
#include "modules/steering/calendar.hpp"
#include "store/page_cache.hpp"
#include "store/fact_changes.hpp"
#include "store/table_copy.hpp"
#include "store/tenant.hpp"

namespace passerelle::modules::steering {
namespace {

store::Scoped all(store::Connection& c) { return store::Scoped(c, store::Scope::platform()); }

// Aggregate rows go through the store's bulk loader: on PostgreSQL one COPY stream per table (a
// multi-row INSERT of 200 rows was parsed and planned each time: 7 ms a statement, seconds for a
// recompute of ten years), on SQLite one prepared INSERT.
template <std::size_t N>
std::vector<std::string> loader_columns(std::vector<std::string> keys, const std::array<std::string_view, N>& names) {
  for (auto n : names) keys.emplace_back(n);
  return keys;
}

template <class Measures>
void add_measures(std::vector<store::Value>& row, const Measures& m) {
  for (auto v : m) row.emplace_back(static_cast<std::int64_t>(v));
}

template <std::size_t N>
std::string column_list(const std::array<std::string_view, N>& names) {
  std::string out;
  for (auto n : names) out += ", " + std::string(n);
  return out;
}

std::int64_t organisation_of(store::Connection& c, std::int64_t establishment_id) {
  auto row = all(c).query_one("SELECT organisation_id FROM establishment WHERE {{tenant}} AND id = :e", {{"e", establishment_id}});
  if (!row) throw std::logic_error("unknown establishment " + std::to_string(establishment_id));
  return row->integer("organisation_id");
}

// Two writers of one establishment's rows take turns (PostgreSQL; SQLite has one writer at a time).
// An advisory lock of the aggregates' own, not the establishment's row: the listener takes it at
// commit, after the locks the request took (the audit trail's among them), and a request that
// locks the establishment's row before auditing must not wait for it in a circle.
constexpr std::int64_t aggregates_lock = 7427013;
void lock_establishment(store::Connection& c, std::int64_t establishment_id) {
  if (c.backend() == store::Backend::postgresql)
    c.execute("SELECT pg_advisory_xact_lock(CAST(:k AS INTEGER), CAST(:e AS INTEGER))",
            {{"k", aggregates_lock}, {"e", establishment_id}});
}

template <class Measures, std::size_t N>
void write_days_and_months(store::Connection& c, const std::vector<DayRow<Measures>>& rows, std::int64_t establishment_id,
                           std::int64_t organisation_id, const std::string& key_column,
                           const std::array<std::string_view, N>& names, const std::string& day_table,
                           const std::string& month_table) {
  store::TableLoader days(c, day_table,
                          loader_columns({"establishment_id", "day", key_column, "organisation_id", "month", "year"}, names));
  std::map<std::pair<std::int64_t, std::string>, Measures> months;
  std::vector<store::Value> values;
  for (const auto& row : rows) {
    const Date month = first_of_month(row.day);
    values = {establishment_id, row.day.to_string(), row.key, organisation_id, month.to_string(), std::int64_t{row.day.year()}};
    add_measures(values, row.measures);
    days.add(values);
    auto& sum = months.try_emplace({month.days_since_epoch(), row.key}, Measures{}).first->second;
    for (std::size_t i = 0; i < sum.size(); ++i) sum[i] += row.measures[i];
  }
  days.finish();
  store::TableLoader month_rows(c, month_table,
                                loader_columns({"establishment_id", "month", key_column, "organisation_id", "year"}, names));
  for (const auto& [key, sum] : months) {
    const Date month = Date::from_days(key.first);
    values = {establishment_id, month.to_string(), key.second, organisation_id, std::int64_t{month.year()}};
    add_measures(values, sum);
    month_rows.add(values);
  }
  month_rows.finish();
}

// Rewrites an establishment's yearly roll-ups of the years [from, to] from its monthly ones (which
// hold every month of those years: only the rewritten months changed).
template <std::size_t N>
void roll_up_years(store::Connection& c, std::int64_t establishment_id, Date from, Date to, const std::string& key_column,
                   const std::array<std::string_view, N>& names, const std::string& month_table, const std::string& year_table) {
  const store::Params years{{"e", establishment_id}, {"y1", std::int64_t{from.year()}}, {"y2", std::int64_t{to.year()}}};
  auto db = all(c);
  db.execute("DELETE FROM " + year_table + " WHERE {{tenant}} AND establishment_id = :e AND year >= :y1 AND year <= :y2", years);
  std::string sums;
  for (auto n : names) sums += ", SUM(" + std::string(n) + ")";
  db.execute("INSERT INTO " + year_table + " (establishment_id, year, " + key_column + ", organisation_id" + column_list(names) +
                 ") SELECT establishment_id, year, " + key_column + ", organisation_id" + sums + " FROM " + month_table +
                 " WHERE {{tenant}} AND establishment_id = :e AND year >= :y1 AND year <= :y2 GROUP BY establishment_id, "
                 "year, " + key_column + ", organisation_id",
             years);
}

void recompute_activity(store::Connection& c, std::int64_t establishment_id, std::int64_t organisation_id, Date from, Date to) {
  const store::Params range{{"e", establishment_id}, {"from", from.to_string()}, {"to", to.to_string()}};
  auto db = all(c);
  db.execute("DELETE FROM steering_activity_day WHERE {{tenant}} AND establishment_id = :e AND day >= :from AND day <= :to", range);
  db.execute("DELETE FROM steering_activity_month WHERE {{tenant}} AND establishment_id = :e AND month >= :from AND month <= :to",
             range);
  db.execute("DELETE FROM steering_absent_stay WHERE {{tenant}} AND establishment_id = :e AND month >= :from AND month <= :to",
             range);
  const auto build = build_activity(c, establishment_id, from, to);
  write_days_and_months(c, build.days, establishment_id, organisation_id, "care_mode", activity::names,
                        "steering_activity_day", "steering_activity_month");
  store::TableLoader absent(c, "steering_absent_stay",
                            {"establishment_id", "month", "stay_id", "organisation_id", "care_mode", "day_mask"});
  for (const auto& row : build.absent_stays)
    absent.add({establishment_id, row.month.to_string(), row.stay_id, organisation_id, row.care_mode,
                static_cast<std::int64_t>(row.day_mask)});
  absent.finish();
  roll_up_years(c, establishment_id, from, to, "care_mode", activity::names, "steering_activity_month", "steering_activity_year");
  db.execute("DELETE FROM steering_absent_stay_year WHERE {{tenant}} AND establishment_id = :e AND year >= :y1 AND year <= :y2",
             {{"e", establishment_id}, {"y1", std::int64_t{from.year()}}, {"y2", std::int64_t{to.year()}}});
  for (int year = from.year(); year <= to.year(); ++year)
    db.execute("INSERT INTO steering_absent_stay_year (organisation_id, year, establishment_id, stay_id) SELECT DISTINCT "
               "organisation_id, CAST(:y AS INTEGER), establishment_id, stay_id FROM steering_absent_stay WHERE {{tenant}} AND "
               "establishment_id = :e AND month >= :m1 AND month <= :m2",
               {{"y", std::int64_t{year}}, {"e", establishment_id}, {"m1", first_of_year(year).to_string()},
                {"m2", first_of_year(year).plus_months(11).to_string()}});
}

void recompute_hr(store::Connection& c, std::int64_t establishment_id, std::int64_t organisation_id, Date from, Date to) {
  const store::Params range{{"e", establishment_id}, {"from", from.to_string()}, {"to", to.to_string()}};
  auto db = all(c);
  db.execute("DELETE FROM steering_hr_day WHERE {{tenant}} AND establishment_id = :e AND day >= :from AND day <= :to", range);
  db.execute("DELETE FROM steering_hr_month WHERE {{tenant}} AND establishment_id = :e AND month >= :from AND month <= :to",
             range);
  write_days_and_months(c, build_hr(c, establishment_id, from, to), establishment_id, organisation_id, "job_category",
                        hr::names, "steering_hr_day", "steering_hr_month");
  roll_up_years(c, establishment_id, from, to, "job_category", hr::names, "steering_hr_month", "steering_hr_year");
}

void set_horizon(store::Connection& c, Date horizon) {
  c.execute("DELETE FROM steering_state WHERE singleton = 1");
  c.execute("INSERT INTO steering_state (singleton, horizon, built_at) VALUES (1, :h, :at)",
            {{"h", horizon.to_string()}, {"at", now_iso8601()}});
}

// Runs `work` in the caller's write transaction, or in one of its own.
template <class Work>
void writing(store::Connection& c, Work&& work) {
  if (c.in_read_only_transaction())
    throw std::logic_error("the steering aggregates cannot be written in a read-only transaction");
  if (c.in_transaction()) {
    work();
    return;
  }
  store::Transaction tx(c);
  work();
  tx.commit();
}

struct Span {
  Date from, to;
  void add(Date a, Date b) {
    from = std::min(from, a);
    to = std::max(to, b);
  }
};

void on_facts_changed(store::Connection& c, const std::vector<store::FactChange>& changes) {
  if (!aggregates_horizon(c)) return;  // never built: the build at startup will read these facts
  // An open-ended change runs to the horizon, which recompute() reads once it holds the
  // establishment's lock (an extension of the horizon may be committing meanwhile).
  const Date open_end = *Date::parse("9999-12-31");
  std::map<std::int64_t, Span> activity, human_resources;
  auto add = [](std::map<std::int64_t, Span>& spans, std::int64_t establishment, Date a, Date b) {
    auto [it, inserted] = spans.try_emplace(establishment, Span{a, b});
    if (!inserted) it->second.add(a, b);
  };
  for (const auto& change : changes) {
    const Date from = change.from;
    const Date to = change.to ? std::max(*change.to, from) : open_end;
    using store::FactKind;
    switch (change.kind) {
      case FactKind::attendance:
        // A day of absence decides whether the next days start a run (counted by occupancy).
        add(activity, *change.establishment_id, from, to.plus_days(activity::counted_run_days));
        break;
      case FactKind::stay:
      case FactKind::capacity:
      case FactKind::admission_request:
        add(activity, *change.establishment_id, from, to);
        break;
      case FactKind::opening_calendar:
      case FactKind::closure:
        // A number of days open is spread over the days of its year not closed.
        add(activity, *change.establishment_id, first_of_year(from.year()), last_of_year(to.year()));
        break;
      case FactKind::staff_contract:
        // Hires and departures look at the day before and the day after.
        add(human_resources, *change.establishment_id, from.plus_days(-1), to.plus_days(1));
        break;
      case FactKind::staff_absence:
        for (auto e : all(c).query_integers(
                 "SELECT DISTINCT establishment_id FROM staff_contract WHERE {{tenant}} AND staff_id = :s AND "
                 "start_date <= :to AND (end_date IS NULL OR end_date >= :from)",
                 {{"s", *change.staff_id}, {"to", to.to_string()}, {"from", from.to_string()}}))
          add(human_resources, e, from, to);
        break;
    }
  }
  // In establishment order, so that two writers never wait for each other's locks in a circle.
  std::map<std::int64_t, std::pair<std::optional<Span>, std::optional<Span>>> work;
  for (const auto& [e, span] : activity) work[e].first = span;
  for (const auto& [e, span] : human_resources) work[e].second = span;
  for (const auto& [e, parts] : work) {
    lock_establishment(c, e);
    if (parts.first) recompute(c, e, parts.first->from, parts.first->to, Tables::activity);
    if (parts.second) recompute(c, e, parts.second->from, parts.second->to, Tables::human_resources);
  }
}

// The first day of an establishment's facts: rows start there.
std::optional<Date> first_fact_day(store::Connection& c, std::int64_t establishment_id) {
  std::optional<Date> first;
  for (const char* sql :
       {"SELECT MIN(effective_from) AS d FROM capacity WHERE {{tenant}} AND establishment_id = :e",
        "SELECT MIN(admission_date) AS d FROM stay WHERE {{tenant}} AND establishment_id = :e",
        "SELECT MIN(day) AS d FROM attendance WHERE {{tenant}} AND establishment_id = :e",
        "SELECT MIN(status_date) AS d FROM admission_request WHERE {{tenant}} AND establishment_id = :e",
        "SELECT MIN(start_date) AS d FROM staff_contract WHERE {{tenant}} AND establishment_id = :e"}) {
    auto row = all(c).query_one(sql, {{"e", establishment_id}});
    if (!row || row->is_null("d")) continue;
    const auto d = Date::parse(row->text("d").substr(0, 10));
    if (d && (!first || *d < *first)) first = d;
  }
  return first;
}

}  // namespace

void install_fact_listener() { store::add_fact_listener("steering", on_facts_changed); }

std::optional<Date> aggregates_horizon(store::Connection& c) {
  auto row = c.query_one("SELECT horizon FROM steering_state WHERE singleton = 1");
  if (!row) return std::nullopt;
  return Date::parse(row->text("horizon").substr(0, 10));
}

Date default_horizon(Date today) { return last_of_year(today.year() + 1); }

void recompute(store::Connection& c, std::int64_t establishment_id, Date from, Date to, Tables tables) {
  const auto horizon = aggregates_horizon(c);
  if (!horizon) return;
  const Date first = first_of_month(from);
  const Date last = std::min(last_of_month(to), *horizon);
  if (last < first) return;
  const auto organisation = organisation_of(c, establishment_id);
  if (tables == Tables::activity || tables == Tables::both) recompute_activity(c, establishment_id, organisation, first, last);
  if (tables == Tables::human_resources || tables == Tables::both) recompute_hr(c, establishment_id, organisation, first, last);
}

void rebuild_aggregates(store::Connection& c) {
  store::LargerPageCache cache(c);  // a rebuild rewrites hundreds of megabytes through several indexes
  writing(c, [&] {
    const auto current = aggregates_horizon(c);
    const Date horizon = std::max(current.value_or(Date{}), default_horizon(Date::today()));
    if (c.backend() == store::Backend::postgresql)
      c.execute("LOCK TABLE steering_state IN EXCLUSIVE MODE");  // one rebuild or extension at a time
    for (const char* table : {"steering_activity_day", "steering_activity_month", "steering_activity_year",
                              "steering_absent_stay", "steering_absent_stay_year", "steering_hr_day", "steering_hr_month",
                              "steering_hr_year"})
      c.execute(std::string("DELETE FROM ") + table);
    set_horizon(c, horizon);
    std::size_t establishments = 0;
    for (auto e : all(c).query_integers("SELECT id FROM establishment WHERE {{tenant}} ORDER BY id")) {
      lock_establishment(c, e);
      if (auto first = first_fact_day(c, e)) {
        recompute(c, e, *first, horizon, Tables::both);
        ++establishments;
      }
    }
    spdlog::info(R"({{"msg":"steering aggregates rebuilt","establishments":{},"horizon":"{}"}})", establishments,
                 horizon.to_string());
  });
}

void materialise_until(store::Connection& c, Date day) {
  const auto current = aggregates_horizon(c);
  if (current && *current >= day) return;
  writing(c, [&] {
    if (c.backend() == store::Backend::postgresql) c.execute("LOCK TABLE steering_state IN EXCLUSIVE MODE");
    const auto horizon = aggregates_horizon(c);  // again, under the lock: another process may have done it
    if (!horizon) {
      rebuild_aggregates(c);
      if (auto built = aggregates_horizon(c); built && *built >= day) return;
    }
    const Date before = *aggregates_horizon(c);
    if (before >= day) return;
    const Date after = last_of_year(day.year());
    set_horizon(c, after);
    for (auto e : all(c).query_integers("SELECT id FROM establishment WHERE {{tenant}} ORDER BY id")) {
      lock_establishment(c, e);
      recompute(c, e, before.plus_days(1), after, Tables::both);
    }
    spdlog::info(R"({{"msg":"steering aggregates extended","from":"{}","to":"{}"}})", before.to_string(), after.to_string());
  });
}

void prepare_aggregates(store::Database& database) {
  auto lease = database.acquire();
  if (!aggregates_horizon(*lease)) rebuild_aggregates(*lease);
  materialise_until(*lease, default_horizon(Date::today()));
}

}  // namespace passerelle::modules::steering
