#pragma once
// Indicator values beside their comparisons (the period just before, the same period last year), as
// the values route, the dashboards and the exports show them.
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "modules/steering/indicators.hpp"
#include "modules/steering/scope.hpp"

namespace passerelle::modules::steering {

struct ComparedValue {
  Value current;
  std::optional<double> previous;   // the value over previous_period()
  std::optional<double> last_year;  // the value over same_period_last_year()
};

// The values of `ids` over `period` and its two comparison periods (three engine calls).
std::vector<ComparedValue> compute_compared(store::Connection& c, const Scope& scope, const StudyPeriod& period,
                                            const std::vector<std::string>& ids);

// {"id", "label", "axis", "unit", "definition", "breakdown", "higher_is_better"} (GET /api/v1/indicators).
boost::json::object to_json(const Definition& definition);
std::string_view axis_code(Axis axis);
std::string_view unit_code(Unit unit);

// {"id", "value", "numerator", "denominator", "previous", "last_year", "breakdown": [...]}.
boost::json::object to_json(const ComparedValue& value);

// The answer of GET /api/v1/indicators/values: {"scope", "period", "previous_period", "last_year", "values"}.
boost::json::object values_report(store::Connection& c, const CheckedScope& scope, const StudyPeriod& period,
                                  const std::vector<std::string>& ids);
// The same from values already computed.
boost::json::object values_report(const CheckedScope& scope, const StudyPeriod& period,
                                  const std::vector<ComparedValue>& values);

// A number or null ("pas de données").
boost::json::value number_or_null(const std::optional<double>& value);

}  // namespace passerelle::modules::steering
