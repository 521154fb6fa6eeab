#pragma once
// The steering brick's engine (Sages): indicator definitions (DOMAIN.md §3, docs/indicators.md)
// and their values for a scope and a period, answered from the aggregates kept per
// day × establishment × kind of care (and per day × establishment × job category for HR).
// Used by the indicator and dashboard routes, the exports and the CPOM sheets (linked indicators).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "store/database.hpp"

namespace passerelle::modules::steering {

enum class Unit { rate, days, persons, count, fte, ratio, distribution };
enum class Axis { activity, persons, human_resources };

struct Definition {
  std::string id;           // "ACT-02"
  Axis axis;
  Unit unit;
  std::string label;        // French, short: "Taux d'occupation"
  std::string definition;   // French, one or two sentences: numerator, denominator, period
  std::string breakdown;    // "" or the dimension of the breakdown rows: "care_mode", "absence_reason",
                            // "job_category", "absence_kind", "contract_kind", "age_band", "origin", …
  bool higher_is_better = true;  // for the trend arrow's colour
};

// Every indicator, in display order.
const std::vector<Definition>& definitions();
const Definition* find_definition(const std::string& id);

struct Scope {
  enum class Kind { establishment, category, organisation, platform };
  Kind kind = Kind::organisation;
  std::int64_t organisation_id = 0;    // 0 for the platform
  std::int64_t establishment_id = 0;   // establishment scope
  std::string category;                // FINESS category code, category scope (within the organisation)
  std::string code() const;            // "establishment:12", "category:246", "organisation:3", "platform"
};

struct BreakdownRow {
  std::string key;                     // "11", "illness", "F", "20-24"
  std::string label;                   // French
  std::optional<double> value;         // rate/average: empty when the denominator is 0 ("pas de données")
  double numerator = 0;
  double denominator = 0;
  std::map<std::string, double> by_sex;  // distributions with a sex split (age pyramids): "F", "M", "unknown"
};

struct Value {
  std::string id;
  std::optional<double> value;         // empty: no data (zero denominator, or nothing recorded)
  double numerator = 0;                // for counts and sums: numerator == value
  double denominator = 0;              // 0 for counts
  std::vector<BreakdownRow> breakdown;
};

// The values of `ids` (all definitions when empty) for `scope` over [from, to] (both included), in
// the order of definitions().
// Reads the aggregates (modules/steering/aggregates.hpp); the figures that are lists of persons at the
// period's end rather than sums over days are read from the facts at `to`, the same way as
// compute_from_facts does: ACT-07-AGE and ACT-07-LENGTH (persons present at the end), ACT-14 (their
// valid decisions), ACT-15 (waiting list at the end) and RH-05 (staff under contract at the end).
// When `to` is past the days materialised, they are materialised first (a write): call it outside a
// transaction or inside a write transaction, never in a read-only one.
// A scope's organisation_id may be 0 for an establishment scope (it is looked up).
// The caller has checked the access rights and the inputs (known ids, from <= to).
std::vector<Value> compute(store::Connection& c, const Scope& scope, Date from, Date to,
                           const std::vector<std::string>& ids = {});

// The same values for each part of a scope or of a period, in one pass over the aggregates (what a
// dashboard's children and monthly charts need, instead of one compute() per part):
//   Split::establishment  one part per establishment of the scope, key "12" (organisation, category
//                         or establishment scope);
//   Split::organisation   one part per organisation with establishments in the scope, key "3" (the
//                         platform's children);
//   Split::month          one part per calendar month the period touches, key "2025-01", over the
//                         days of that month within [from, to].
// Each part's values equal compute() on that establishment, organisation or month (the equivalence
// test checks it). Parts are in key order (numeric for ids, chronological for months); a part
// without any data still appears for establishments and months.
enum class Split { establishment, organisation, month };
struct Part {
  std::string key;
  Date from, to;  // the part's period (a month's days within [from, to]; else [from, to])
  std::vector<Value> values;
};
std::vector<Part> compute_split(store::Connection& c, const Scope& scope, Date from, Date to, Split split,
                                const std::vector<std::string>& ids = {});

// The same figures by plain SQL over the raw facts, without the aggregates: the reference of the
// benchmark and of the equivalence test.
std::vector<Value> compute_from_facts(store::Connection& c, const Scope& scope, Date from, Date to,
                                      const std::vector<std::string>& ids = {});

}  // namespace passerelle::modules::steering
