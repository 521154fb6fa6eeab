// One establishment's aggregate rows over a range of days, from the facts.
#include "modules/steering/aggregates_build.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_set>

#include "modules/staff/domain.hpp"
#include "modules/steering/calendar.hpp"
#include "store/tenant.hpp"

namespace passerelle::modules::steering {
namespace {

// Every query here reads one establishment's facts, whatever its organisation (the rebuild walks
// them all): the platform scope, with the establishment named in each statement.
store::Scoped facts(store::Connection& c) { return store::Scoped(c, store::Scope::platform()); }

Date date_of(const store::Row& r, std::string_view column) { return *Date::parse(r.text(column).substr(0, 10)); }
std::optional<Date> optional_date(const store::Row& r, std::string_view column) {
  auto text = r.optional_text(column);
  if (!text) return std::nullopt;
  return Date::parse(text->substr(0, 10));
}

// Measures indexed by day (0 = `from`) for each key (care mode, job category).
template <class Measures>
class DayTable {
 public:
  DayTable(Date from, Date to) : from_(from), days_(static_cast<std::size_t>(days_of(from, to))) {}
  Measures& at(const std::string& key, Date day) { return column(key)[index(day)]; }
  std::vector<Measures>& column(const std::string& key) {
    auto it = table_.find(key);
    if (it == table_.end()) it = table_.emplace(key, std::vector<Measures>(days_, Measures{})).first;
    return it->second;
  }
  bool covers(Date day) const { return day >= from_ && index(day) < days_; }
  std::size_t index(Date day) const { return static_cast<std::size_t>(days_between(from_, day)); }
  std::size_t size() const { return days_; }
  Date from() const { return from_; }
  std::map<std::string, std::vector<Measures>>& keys() { return table_; }

 private:
  Date from_;
  std::size_t days_;
  std::map<std::string, std::vector<Measures>> table_;
};

template <class Measures>
bool any(const Measures& m, std::size_t except = static_cast<std::size_t>(-1)) {
  for (std::size_t i = 0; i < m.size(); ++i)
    if (i != except && m[i] != 0) return true;
  return false;
}

}  // namespace

std::int64_t spread_micro(std::int64_t days_open, std::int64_t candidate_days) {
  if (days_open <= 0 || candidate_days <= 0) return 0;
  // Rounded half up in integers, so that the reference computed in SQL gives the same number.
  const std::int64_t share = (2 * days_open * micro + candidate_days) / (2 * candidate_days);
  return std::min(share, micro);
}

bool OpeningDays::closed(const std::string& care_mode, Date day) const {
  return std::any_of(closures_.begin(), closures_.end(), [&](const ClosureDays& c) {
    return (!c.care_mode || *c.care_mode == care_mode) && day >= c.from && day <= c.to;
  });
}

std::int64_t OpeningDays::open_micro(const std::string& care_mode, Date day) {
  if (closed(care_mode, day)) return 0;
  const int year = day.year();
  for (const auto& calendar : calendars_) {
    if (calendar.care_mode != care_mode || calendar.year != year) continue;
    if (calendar.weekly_pattern)
      return (*calendar.weekly_pattern)[static_cast<std::size_t>(day.weekday())] == '1' ? micro : 0;
    if (calendar.days_open) {
      auto key = std::pair{care_mode, year};
      auto it = not_closed_days_.find(key);
      if (it == not_closed_days_.end()) {
        std::int64_t count = 0;
        for (Date d = first_of_year(year); d <= last_of_year(year); d = d.plus_days(1))
          if (!closed(care_mode, d)) ++count;
        it = not_closed_days_.emplace(key, count).first;
      }
      return spread_micro(*calendar.days_open, it->second);
    }
  }
  return micro;
}

ActivityBuild build_activity(store::Connection& c, std::int64_t establishment_id, Date from, Date to) {
  using namespace activity;
  auto db = facts(c);
  DayTable<ActivityMeasures> table(from, to);
  const store::Params range{{"e", establishment_id}, {"from", from.to_string()}, {"to", to.to_string()}};

  // Capacity, by status.
  for (const auto& r : db.query("SELECT care_mode, status, places, effective_from, effective_to FROM capacity "
                                "WHERE {{tenant}} AND establishment_id = :e AND effective_from <= :to AND "
                                "(effective_to IS NULL OR effective_to >= :from)",
                                range)) {
    const auto status = r.text("status");
    const std::size_t column = status == "authorised" ? places_authorised
                               : status == "installed" ? places_installed
                               : status == "funded"    ? places_funded
                                                       : count;
    if (column == count) continue;
    const Date start = std::max(date_of(r, "effective_from"), from);
    const auto end_text = optional_date(r, "effective_to");
    const Date end = end_text ? std::min(*end_text, to) : to;
    auto& days = table.column(r.text("care_mode"));
    for (Date d = start; d <= end; d = d.plus_days(1)) days[table.index(d)][column] += r.integer("places");
  }

  // Opening days, for the years of the range (a number of days open is spread over its whole year).
  std::vector<OpeningCalendar> calendars;
  for (const auto& r : db.query("SELECT care_mode, year, days_open, weekly_pattern FROM opening_calendar WHERE {{tenant}} "
                                "AND establishment_id = :e AND year >= :y1 AND year <= :y2",
                                {{"e", establishment_id}, {"y1", std::int64_t{from.year()}}, {"y2", std::int64_t{to.year()}}}))
    calendars.push_back({r.text("care_mode"), static_cast<int>(r.integer("year")), r.optional_integer("days_open"),
                         r.optional_text("weekly_pattern")});
  std::vector<ClosureDays> closures;
  for (const auto& r : db.query("SELECT care_mode, date_from, date_to FROM closure WHERE {{tenant}} AND establishment_id = :e "
                                "AND date_from <= :to AND date_to >= :from",
                                {{"e", establishment_id},
                                 {"from", first_of_year(from.year()).to_string()},
                                 {"to", last_of_year(to.year()).to_string()}}))
    closures.push_back({r.optional_text("care_mode"), date_of(r, "date_from"), date_of(r, "date_to")});
  OpeningDays opening(std::move(calendars), std::move(closures));

  // Stays: movements and the stays still running after each day.
  for (const auto& r : db.query("SELECT s.id, s.care_mode, s.admission_date, s.discharge_date, s.origin, s.destination, "
                                "CASE WHEN EXISTS (SELECT 1 FROM stay n WHERE n.transfer_from_stay_id = s.id) THEN 1 ELSE 0 END "
                                "AS transferred FROM stay s WHERE {{tenant:s.organisation_id}} AND s.establishment_id = :e AND "
                                "s.admission_date <= :to AND (s.discharge_date IS NULL OR s.discharge_date >= :from)",
                                range)) {
    const auto mode = r.text("care_mode");
    const Date admission = date_of(r, "admission_date");
    const auto discharge = optional_date(r, "discharge_date");
    auto& days = table.column(mode);
    const Date first = std::max(admission, from);
    // Running after each day up to the eve of the discharge, or up to the discharge day of a transfer
    // (calendar.hpp: stay_running_after_sql).
    const bool transferred = r.integer("transferred") != 0;
    const Date last = discharge ? std::min(transferred ? *discharge : discharge->plus_days(-1), to) : to;
    for (Date d = first; d <= last; d = d.plus_days(1)) {
      auto& m = days[table.index(d)];
      m[stays_continuing] += 1;
      m[stays_continuing_admission] += admission.days_since_epoch();
    }
    if (table.covers(admission)) {
      auto& m = days[table.index(admission)];
      m[admissions] += 1;
      m[origin_column(r.text("origin"))] += 1;
    }
    if (discharge && table.covers(*discharge)) {
      auto& m = days[table.index(*discharge)];
      m[discharges] += 1;
      m[destination_column(r.optional_text("destination").value_or(""))] += 1;
      if (!transferred) {
        m[discharges_definitive] += 1;
        m[completed_stay_days] += days_between(admission, *discharge);
      }
    }
  }

  // Attendance, with the three days before the range: a run of absence may have started there.
  struct Mark {
    std::int64_t stay_id;
    Date day;
    std::string care_mode, status, reason;
  };
  std::vector<Mark> marks;
  std::set<std::pair<std::int64_t, std::int64_t>> absent_days;  // stay, day
  for (const auto& r : db.query("SELECT stay_id, day, care_mode, status, absence_reason FROM attendance WHERE {{tenant}} AND "
                                "establishment_id = :e AND day >= :from AND day <= :to",
                                {{"e", establishment_id}, {"from", from.plus_days(-counted_run_days).to_string()},
                                 {"to", to.to_string()}})) {
    Mark m{r.integer("stay_id"), date_of(r, "day"), r.text("care_mode"), r.text("status"),
           r.optional_text("absence_reason").value_or("other")};
    if (m.status == "absent") absent_days.insert({m.stay_id, m.day.days_since_epoch()});
    if (table.covers(m.day)) marks.push_back(std::move(m));
  }
  std::map<std::pair<std::int64_t, std::int64_t>, AbsentStayRow> absent_stays;  // month, stay
  for (const auto& mark : marks) {
    auto& m = table.at(mark.care_mode, mark.day);
    if (mark.status == "present") {
      m[present] += 1;
    } else if (mark.status == "absent") {
      m[absent] += 1;
      m[absence_column(mark.reason)] += 1;
      // Counted by occupancy during the first days of a run of consecutive days of absence.
      bool long_run = true;
      for (int back = 1; back <= counted_run_days && long_run; ++back)
        long_run = absent_days.count({mark.stay_id, mark.day.days_since_epoch() - back}) > 0;
      if (is_counted_reason(mark.reason) && !long_run) m[absent_counted] += 1;
      const Date month = first_of_month(mark.day);
      auto& row = absent_stays[{month.days_since_epoch(), mark.stay_id}];
      row.month = month;
      row.stay_id = mark.stay_id;
      row.care_mode = mark.care_mode;
      row.day_mask |= std::int64_t{1} << (mark.day.day() - 1);
    }
  }

  // Waiting-list requests that ended in an admission.
  for (const auto& r : db.query("SELECT care_mode, received_date, status_date FROM admission_request WHERE {{tenant}} AND "
                                "establishment_id = :e AND status = :entered AND status_date >= :from AND status_date <= :to",
                                {{"e", establishment_id}, {"entered", std::string(request_entered)},
                                 {"from", from.to_string()}, {"to", to.to_string()}})) {
    const Date status_date = date_of(r, "status_date");
    auto& m = table.at(r.text("care_mode"), status_date);
    m[requests_admitted] += 1;
    m[requests_waiting_days] += days_between(date_of(r, "received_date"), status_date);
  }

  ActivityBuild out;
  for (auto& [mode, days] : table.keys())
    for (std::size_t i = 0; i < days.size(); ++i) {
      auto& m = days[i];
      const Date day = from.plus_days(static_cast<std::int64_t>(i));
      const bool has_places = m[places_authorised] || m[places_installed] || m[places_funded];
      if (!any(m)) continue;
      m[places_authorised_funded] = std::min(m[places_authorised], m[places_funded]);
      // Days open are kept on days with places: what a place-day is counted on.
      m[open_micro] = has_places ? opening.open_micro(mode, day) : 0;
      m[theoretical_micro] = m[places_authorised_funded] * m[open_micro];
      m[funded_theoretical_micro] = m[places_funded] * m[open_micro];
      out.days.push_back({day, mode, m});
    }
  for (auto& [key, row] : absent_stays) out.absent_stays.push_back(std::move(row));
  return out;
}

std::vector<HrRow> build_hr(store::Connection& c, std::int64_t establishment_id, Date from, Date to) {
  using namespace hr;
  auto db = facts(c);
  struct Contract {
    std::int64_t id, staff_id;
    std::string category, kind;
    bool replacement;
    Date start;
    std::optional<Date> end;
    std::int64_t working_time;
    bool runs(Date d) const { return d >= start && (!end || d <= *end); }
  };
  // Contracts running from the day before to the day after: hires and departures look there.
  std::vector<Contract> contracts;
  std::map<std::int64_t, std::vector<const Contract*>> by_staff;
  for (const auto& r : db.query("SELECT id, staff_id, job_code, kind, fixed_term_reason, start_date, end_date, working_time "
                                "FROM staff_contract WHERE {{tenant}} AND establishment_id = :e AND start_date <= :to AND "
                                "(end_date IS NULL OR end_date >= :from) ORDER BY id",
                                {{"e", establishment_id}, {"from", from.plus_days(-1).to_string()},
                                 {"to", to.plus_days(1).to_string()}}))
    contracts.push_back({r.integer("id"), r.integer("staff_id"), category_of(r.text("job_code")), r.text("kind"),
                         r.text("kind") == "fixed_term" && r.optional_text("fixed_term_reason").value_or("") == "replacement",
                         date_of(r, "start_date"), optional_date(r, "end_date"), r.integer("working_time")});
  for (const auto& contract : contracts) by_staff[contract.staff_id].push_back(&contract);

  DayTable<HrMeasures> table(from, to);
  auto permanent_on = [](const std::vector<const Contract*>& list, Date d) -> const Contract* {
    for (const auto* c : list)  // ordered by id: the first one names the category
      if (staff::is_permanent(c->kind) && c->runs(d)) return c;
    return nullptr;
  };
  for (Date d = from; d <= to; d = d.plus_days(1)) {
    for (const auto& contract : contracts) {
      if (!contract.runs(d)) continue;
      auto& m = table.at(contract.category, d);
      m[fte] += contract.working_time;
      const auto column = kind_column(contract.kind);
      if (column != fte) m[column] += contract.working_time;
      if (contract.replacement && contract.start == d) m[replacement_contracts] += 1;
    }
    for (const auto& [staff_id, list] : by_staff) {
      const auto* permanent = permanent_on(list, d);
      if (!permanent) continue;
      auto& m = table.at(permanent->category, d);
      m[headcount_permanent] += 1;
      if (!permanent_on(list, d.plus_days(-1))) m[hires] += 1;
      if (!permanent_on(list, d.plus_days(1))) m[departures] += 1;
    }
  }

  // Absences of the members with a contract here, on the days of those contracts, weighted by
  // their working time.
  for (const auto& r : db.query("SELECT staff_id, kind, start_date, end_date, start_half_day, end_half_day FROM staff_absence "
                                "WHERE {{tenant}} AND start_date <= :to AND end_date >= :from AND staff_id IN "
                                "(SELECT staff_id FROM staff_contract WHERE establishment_id = :e)",
                                {{"e", establishment_id}, {"from", from.to_string()}, {"to", to.to_string()}})) {
    auto list = by_staff.find(r.integer("staff_id"));
    if (list == by_staff.end()) continue;
    const Date start = date_of(r, "start_date"), end = date_of(r, "end_date");
    const bool start_half = r.integer("start_half_day") != 0, end_half = r.integer("end_half_day") != 0;
    const std::int64_t half_days = 2 * days_of(start, end) - (start_half ? 1 : 0) - (end_half ? 1 : 0);
    const auto column = absence_column(r.text("kind"), half_days);
    if (!column) continue;
    for (Date d = std::max(start, from); d <= std::min(end, to); d = d.plus_days(1)) {
      const std::int64_t halves = 2 - (d == start && start_half ? 1 : 0) - (d == end && end_half ? 1 : 0);
      for (const auto* contract : list->second)
        if (contract->runs(d)) table.at(contract->category, d)[*column] += halves * contract->working_time;
    }
  }

  std::vector<HrRow> out;
  for (auto& [category, days] : table.keys())
    for (std::size_t i = 0; i < days.size(); ++i)
      if (any(days[i])) out.push_back({from.plus_days(static_cast<std::int64_t>(i)), category, days[i]});
  return out;
}

}  // namespace passerelle::modules::steering
