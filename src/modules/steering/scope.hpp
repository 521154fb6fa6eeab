#pragma once
// What the steering routes (indicators, dashboards, drill-down lists, exports) share: the scope a
// request names, checked against the caller's rights, and the period it asks for.
//
// Scopes (query `scope=` or path `{scope}`): "establishment:{id}", "category:{code}" (FINESS category,
// within the caller's organisation), "organisation" (the caller's) or "organisation:{id}", "platform".
// An establishment scope needs a grant covering that establishment; organisation and category scopes
// need an organisation-wide grant; the platform scope needs the platform administrator. Anything
// else reads as an unknown scope: 404, other organisations' ids included, so they cannot be probed.
#include <boost/json.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/permission.hpp"
#include "core/request.hpp"
#include "modules/steering/indicators.hpp"
#include "store/database.hpp"

namespace passerelle::modules::steering {

inline const Permission read_steering{Brick::steering, DataCategory::reference, Action::read};
inline const Permission export_steering{Brick::steering, DataCategory::reference, Action::export_data};

// A scope the caller may see, with what the answers say of it.
struct CheckedScope {
  Scope scope;
  std::string label;  // "IME Les Tilleuls", "IME (183)", the organisation's name, "Plateforme"
  std::string kind;   // "establishment", "category", "organisation", "platform"
  std::string code() const { return scope.code(); }
};

// {"code", "label", "kind"}
boost::json::object to_json(const CheckedScope& scope);

// Parses `text` and checks that the caller may do `permission` over that scope. A malformed text
// or an unknown category code is a 400 naming `field`; an id that does not exist or lies outside
// the caller's rights is the usual 404 (marked as an access refusal for the audit trail).
CheckedScope parse_scope_checked(store::Connection& c, const Request& request, std::string_view text,
                                 const Permission& permission, const std::string& field = "scope");

// The query's `scope` parameter (required: 400 naming "scope" when absent), parsed and checked.
CheckedScope read_scope(store::Connection& c, const Request& request, const Permission& permission);

// Whether the caller may do `permission` on that establishment (no exception: for the drill flags).
bool allowed_on(const Caller& caller, const Permission& permission, std::int64_t organisation_id,
                std::int64_t establishment_id);

// A period of whole days, both ends included.
struct StudyPeriod {
  Date from;
  Date to;
  std::int64_t days() const { return days_between(from, to) + 1; }
};

// {"from", "to"}
boost::json::object to_json(const StudyPeriod& period);

// The query's `from` and `to` (both required, YYYY-MM-DD): 400 naming `from` or `to` when absent or
// malformed, `to` when it precedes `from`, when the period is longer than ten years or when it ends
// after 31 December of next year.
StudyPeriod read_period(const Request& request);

// The period just before: the same number of whole calendar months when the period is made of whole
// months (March → February, a quarter → the quarter before, a year → the year before), else the same
// number of days ending the day before `from`.
StudyPeriod previous_period(const StudyPeriod& period);
// The same dates one year earlier (29 February → 28 February).
StudyPeriod same_period_last_year(const StudyPeriod& period);

// The indicator ids of `ids=` (comma separated; absent: every indicator), in display order; an
// unknown id, or an empty list, is a 400 naming "ids".
std::vector<std::string> read_indicator_ids(const Request& request);

// An establishment a scope covers.
struct ScopeEstablishment {
  std::int64_t id = 0;
  std::int64_t organisation_id = 0;
  std::string name;
  std::string category_code;
};

// The establishments of a scope, by name (those archived before `active_since` left out).
std::vector<ScopeEstablishment> establishments_of(store::Connection& c, const Scope& scope, Date active_since);

}  // namespace passerelle::modules::steering
