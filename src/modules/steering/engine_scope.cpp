// The scope of a computation as SQL, and what both computations read from the facts at the end of
// the period (the point-in-time distributions, the valid decisions and the waiting list): these are
// lists of persons, not sums over days, so they are read directly, with the indexes on stays, requests
// and contracts.
#include <algorithm>

#include "modules/persons/record.hpp"
#include "modules/steering/calendar.hpp"
#include "modules/steering/engine_sums.hpp"

namespace passerelle::modules::steering {
namespace {

std::string param(store::Params& params, store::Value value) {
  const auto name = "s" + std::to_string(params.size());
  params.push_back({name, std::move(value)});
  return ":" + name;
}

}  // namespace

ScopeSql scope_sql(store::Connection& c, const Scope& scope) {
  Scope resolved = scope;
  if (scope.kind == Scope::Kind::establishment && scope.organisation_id == 0) {
    auto row = c.query_one("SELECT organisation_id FROM establishment WHERE id = :e", {{"e", scope.establishment_id}});
    resolved.organisation_id = row ? row->integer("organisation_id") : -1;
  }
  const auto tenant = resolved.kind == Scope::Kind::platform ? store::Scope::platform()
                                                              : store::Scope::organisation(resolved.organisation_id);
  return {store::Scoped(c, tenant), resolved};
}

std::string ScopeSql::where(const std::string& column, store::Params& params) const {
  switch (scope.kind) {
    case Scope::Kind::establishment: return " AND " + column + " = " + param(params, scope.establishment_id);
    case Scope::Kind::category:
      return " AND " + column + " IN (SELECT id FROM establishment WHERE organisation_id = " +
             param(params, scope.organisation_id) + " AND category_code = " + param(params, scope.category) + ")";
    case Scope::Kind::organisation:
    case Scope::Kind::platform: return "";  // the tenant predicate of the statement says it
  }
  return "";
}

ScopeInfo read_scope(const ScopeSql& s, Date from, Date to, bool targets) {
  ScopeInfo info;
  store::Params params;
  const auto where = s.where("id", params);
  for (const auto& r : s.db.query("SELECT id, organisation_id, category_code FROM establishment WHERE {{tenant}}" + where +
                                      " ORDER BY id",
                                  params))
    info.establishments.push_back({r.integer("id"), r.integer("organisation_id"), r.text("category_code")});
  if (!targets) return info;
  store::Params target_params{{"y1", std::int64_t{from.year()}}, {"y2", std::int64_t{to.year()}}};
  const auto target_where = s.where("establishment_id", target_params);
  for (const auto& r : s.db.query("SELECT establishment_id, year, target_days FROM activity_target WHERE {{tenant}} AND "
                                  "year >= :y1 AND year <= :y2" + target_where,
                                  target_params))
    info.targets[{r.integer("establishment_id"), static_cast<int>(r.integer("year"))}] = r.integer("target_days");
  return info;
}

void fill_scope(Sums& sums, const ScopeInfo& info, const std::function<bool(const ScopeInfo::Establishment&)>& keep) {
  bool esat = true;
  for (const auto& e : info.establishments) {
    if (keep && !keep(e)) continue;
    sums.establishments.push_back(e.id);
    esat = esat && e.category == "246";
  }
  sums.esat_only = esat && !sums.establishments.empty();
  for (const auto& [key, days] : info.targets)
    if (std::find(sums.establishments.begin(), sums.establishments.end(), key.first) != sums.establishments.end())
      sums.targets[key] = days;
}

void read_facts_at_end(const ScopeSql& s, Date to, const Needs& needs, const Route& route) {
  const auto end = to.to_string();
  if (needs.persons_at_end) {
    // Present at the end: stays running after that day.
    store::Params params{{"t1", end}, {"t2", end}, {"t3", end}, {"t4", end}, {"t5", end}};
    const auto where = s.where("s.establishment_id", params);
    for (const auto& r : s.db.query(
             "SELECT s.establishment_id, s.organisation_id, s.admission_date, p.birth_date, p.sex, CASE WHEN EXISTS "
             "(SELECT 1 FROM orientation_decision d WHERE d.person_id = s.person_id AND d.valid_from <= :t1 AND "
             "d.valid_to >= :t2) THEN 1 ELSE 0 END AS valid_decision FROM stay s JOIN person p ON p.id = s.person_id WHERE "
             "{{tenant:s.organisation_id}} AND s.admission_date <= :t3 AND " + stay_running_after_sql(":t4", ":t5") + where,
             params))
      if (auto* sums = route(r.integer("establishment_id"), r.integer("organisation_id")))
        sums->persons_at_end.push_back({r.text("birth_date"), r.text("sex"),
                                        *Date::parse(r.text("admission_date").substr(0, 10)),
                                        r.integer("valid_decision") != 0});
  }
  if (needs.waiting) {
    // Waiting at the end: received by then, and either still waiting or closed after that day; once per
    // person and establishment.
    store::Params params{{"t1", end}, {"t2", end}};
    std::string waiting;
    for (const auto& status : persons::request_statuses())
      if (status.waiting) waiting += (waiting.empty() ? "" : ", ") + param(params, std::string(status.code));
    const auto where = s.where("r.establishment_id", params);
    for (const auto& r : s.db.query("SELECT r.establishment_id, r.organisation_id, COUNT(DISTINCT r.person_id) AS n FROM "
                                    "admission_request r WHERE {{tenant:r.organisation_id}} AND r.received_date <= :t1 AND "
                                    "(r.status IN (" + waiting + ") OR r.status_date > :t2)" + where +
                                    " GROUP BY r.establishment_id, r.organisation_id",
                                    params))
      if (auto* sums = route(r.integer("establishment_id"), r.integer("organisation_id"))) sums->waiting += r.integer("n");
  }
  if (needs.staff_at_end) {
    // Under contract at the end, once per establishment.
    store::Params params{{"t1", end}, {"t2", end}};
    const auto where = s.where("c.establishment_id", params);
    for (const auto& r : s.db.query("SELECT DISTINCT c.establishment_id, c.organisation_id, m.id, m.birth_date, m.sex FROM "
                                    "staff_contract c JOIN staff_member m ON m.id = c.staff_id WHERE "
                                    "{{tenant:c.organisation_id}} AND c.start_date <= :t1 AND (c.end_date IS NULL OR "
                                    "c.end_date >= :t2)" + where,
                                    params)) {
      auto* sums = route(r.integer("establishment_id"), r.integer("organisation_id"));
      if (!sums) continue;
      StaffPresent p;
      if (auto b = r.optional_text("birth_date")) p.birth_date = Date::parse(b->substr(0, 10));
      p.sex = r.optional_text("sex").value_or("");
      sums->staff_at_end.push_back(std::move(p));
    }
  }
}

void sort_lists(Sums& sums) {
  std::sort(sums.persons_at_end.begin(), sums.persons_at_end.end(), [](const PresentPerson& a, const PresentPerson& b) {
    return std::tie(a.admission, a.birth_date, a.sex, a.valid_decision) <
           std::tie(b.admission, b.birth_date, b.sex, b.valid_decision);
  });
  std::sort(sums.staff_at_end.begin(), sums.staff_at_end.end(), [](const StaffPresent& a, const StaffPresent& b) {
    return std::tie(a.birth_date, a.sex) < std::tie(b.birth_date, b.sex);
  });
}

}  // namespace passerelle::modules::steering
