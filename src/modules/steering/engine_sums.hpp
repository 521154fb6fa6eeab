#pragma once
// What the indicators are made of: integer sums over a scope and a period. compute() reads them from
// the aggregates, compute_from_facts() by plain SQL over the facts; assemble() turns them into
// values, the same way for both, so equal sums give identical values. Internal to the brick.
#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "modules/steering/indicators.hpp"
#include "modules/steering/measures.hpp"
#include "store/tenant.hpp"

namespace passerelle::modules::steering {

// Which parts of the sums the asked indicators need.
struct Needs {
  bool activity = false;           // activity measures summed over the period, by care mode
  bool funded_by_year = false;     // funded place-days per establishment and year, and the targets (ACT-01)
  bool continuing = false;         // stays running after the period's last day (ACT-03, ACT-12)
  bool absent_stays = false;       // stays absent at least once (ACT-05)
  bool human_resources = false;    // HR measures summed over the period, by job category
  bool headcount_before = false;   // permanent staff the day before the period, hires, departures (RH-02)
  bool persons_at_end = false;     // persons present at the end: age, sex, length, valid decision
  bool waiting = false;            // waiting list at the end (ACT-15)
  bool staff_at_end = false;       // staff at the end: age, sex (RH-05)
};
Needs needs_of(const std::vector<std::string>& ids);

struct Continuing {
  std::int64_t stays = 0;
  std::int64_t admission_days = 0;  // Σ admission dates in days since 1970-01-01
};

// One person present at the end of the period (a stay running after it).
struct PresentPerson {
  std::string birth_date;  // YYYY-MM-DD or YYYY
  std::string sex;         // F, M, I
  Date admission;
  bool valid_decision = false;
};

struct StaffPresent {
  std::optional<Date> birth_date;
  std::string sex;  // F, M or empty
};

struct Sums {
  Date from, to;
  std::vector<std::int64_t> establishments;  // of the scope
  bool esat_only = false;                    // every establishment of the scope is an ESAT (246)
  std::map<std::string, ActivityMeasures> activity;                      // by care mode
  std::map<std::pair<std::int64_t, int>, std::int64_t> funded_by_year;  // (establishment, year) → funded_theoretical_micro
  std::map<std::pair<std::int64_t, int>, std::int64_t> targets;         // (establishment, year) → target days
  std::map<std::string, Continuing> continuing;                          // by care mode
  std::int64_t absent_stays = 0;
  // By job category; the point-in-time and per-member columns (headcount_permanent, hires, departures)
  // are left at 0 here: see below.
  std::map<std::string, HrMeasures> human_resources;
  std::int64_t hires = 0, departures = 0;  // permanent staff over the period, all categories
  std::int64_t headcount_before = 0;
  std::vector<PresentPerson> persons_at_end;
  std::int64_t waiting = 0;
  std::vector<StaffPresent> staff_at_end;
};

// The scope as SQL: a Scoped connection whose tenant is the scope's organisation (the platform: all),
// and the predicate on a table's establishment_id column.
struct ScopeSql {
  store::Scoped db;
  Scope scope;
  // " AND …" restricting `column` (an establishment_id) to the scope; adds its parameters.
  std::string where(const std::string& column, store::Params& params) const;
};
ScopeSql scope_sql(store::Connection& c, const Scope& scope);

// The scope's establishments and the activity targets of the years of [from, to].
struct ScopeInfo {
  struct Establishment {
    std::int64_t id = 0, organisation_id = 0;
    std::string category;
  };
  std::vector<Establishment> establishments;
  std::map<std::pair<std::int64_t, int>, std::int64_t> targets;  // (establishment, year) → target days
};
ScopeInfo read_scope(const ScopeSql& s, Date from, Date to, bool targets);
// Gives `sums` the establishments of `info` that `keep` accepts (all when empty), their ESAT flag and targets.
void fill_scope(Sums& sums, const ScopeInfo& info,
                const std::function<bool(const ScopeInfo::Establishment&)>& keep = nullptr);

// Facts at the end of the period (sums.to), read the same way by both computations; each row goes
// to the Sums `route` names from its establishment and organisation.
using Route = std::function<Sums*(std::int64_t establishment_id, std::int64_t organisation_id)>;
void read_facts_at_end(const ScopeSql& s, Date to, const Needs& needs, const Route& route);
// Puts the lists read at the end in one order, whatever the database returned.
void sort_lists(Sums& sums);

std::vector<Value> assemble(const Sums& sums, const std::vector<std::string>& ids);

}  // namespace passerelle::modules::steering
