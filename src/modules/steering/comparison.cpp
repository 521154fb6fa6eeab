#include "modules/steering/comparison.hpp"

#include <map>

namespace passerelle::modules::steering {

std::vector<ComparedValue> compute_compared(store::Connection& c, const Scope& scope, const StudyPeriod& period,
                                            const std::vector<std::string>& ids) {
  if (ids.empty()) return {};  // compute() reads an empty list as "every indicator"
  const auto before = previous_period(period);
  const auto last_year = same_period_last_year(period);
  auto current = compute(c, scope, period.from, period.to, ids);
  std::map<std::string, std::optional<double>> previous_values;
  std::map<std::string, std::optional<double>> last_year_values;
  for (auto& v : compute(c, scope, before.from, before.to, ids)) previous_values[v.id] = v.value;
  if (last_year.from == before.from && last_year.to == before.to)  // a calendar year: the same period
    last_year_values = previous_values;
  else
    for (auto& v : compute(c, scope, last_year.from, last_year.to, ids)) last_year_values[v.id] = v.value;
  std::vector<ComparedValue> out;
  out.reserve(current.size());
  for (auto& v : current) {
    ComparedValue compared{std::move(v), std::nullopt, std::nullopt};
    if (auto it = previous_values.find(compared.current.id); it != previous_values.end()) compared.previous = it->second;
    if (auto it = last_year_values.find(compared.current.id); it != last_year_values.end())
      compared.last_year = it->second;
    out.push_back(std::move(compared));
  }
  return out;
}

std::string_view axis_code(Axis axis) {
  switch (axis) {
    case Axis::activity: return "activity";
    case Axis::persons: return "persons";
    case Axis::human_resources: return "human_resources";
  }
  return "activity";
}

std::string_view unit_code(Unit unit) {
  switch (unit) {
    case Unit::rate: return "rate";
    case Unit::days: return "days";
    case Unit::persons: return "persons";
    case Unit::count: return "count";
    case Unit::fte: return "fte";
    case Unit::ratio: return "ratio";
    case Unit::distribution: return "distribution";
  }
  return "count";
}

boost::json::object to_json(const Definition& d) {
  return {{"id", d.id},
          {"axis", axis_code(d.axis)},
          {"unit", unit_code(d.unit)},
          {"label", d.label},
          {"definition", d.definition},
          {"breakdown", d.breakdown.empty() ? boost::json::value(nullptr) : boost::json::value(d.breakdown)},
          {"higher_is_better", d.higher_is_better}};
}

boost::json::value number_or_null(const std::optional<double>& value) {
  return value ? boost::json::value(*value) : boost::json::value(nullptr);
}

boost::json::object to_json(const ComparedValue& compared) {
  const auto& v = compared.current;
  boost::json::array breakdown;
  for (const auto& row : v.breakdown) {
    boost::json::object item{{"key", row.key},
                             {"label", row.label},
                             {"value", number_or_null(row.value)},
                             {"numerator", row.numerator},
                             {"denominator", row.denominator}};
    if (!row.by_sex.empty()) {
      boost::json::object by_sex;
      for (const auto& [sex, n] : row.by_sex) by_sex[sex] = n;
      item["by_sex"] = std::move(by_sex);
    }
    breakdown.push_back(std::move(item));
  }
  return {{"id", v.id},
          {"value", number_or_null(v.value)},
          {"numerator", v.numerator},
          {"denominator", v.denominator},
          {"previous", number_or_null(compared.previous)},
          {"last_year", number_or_null(compared.last_year)},
          {"breakdown", std::move(breakdown)}};
}

boost::json::object values_report(store::Connection& c, const CheckedScope& scope, const StudyPeriod& period,
                                  const std::vector<std::string>& ids) {
  return values_report(scope, period, compute_compared(c, scope.scope, period, ids));
}

boost::json::object values_report(const CheckedScope& scope, const StudyPeriod& period,
                                  const std::vector<ComparedValue>& compared) {
  boost::json::array values;
  for (const auto& v : compared) values.push_back(to_json(v));
  return {{"scope", to_json(scope)},
          {"period", to_json(period)},
          {"previous_period", to_json(previous_period(period))},
          {"last_year", to_json(same_period_last_year(period))},
          {"values", std::move(values)}};
}

}  // namespace passerelle::modules::steering
