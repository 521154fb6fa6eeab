#include "modules/steering/dashboard.hpp"

#include <future>
#include <map>
#include <optional>

#include "modules/steering/aggregates.hpp"

namespace passerelle::modules::steering {
namespace {

// compute() of `ids` on a connection of its own; nothing to compute for no id (compute() would read
// an empty list as "every indicator").
std::future<std::vector<Value>> values_async(store::Database& db, const Scope& scope, Date from, Date to,
                                             const std::vector<std::string>& ids) {
  return std::async(std::launch::async, [&db, scope, from, to, ids] {
    if (ids.empty()) return std::vector<Value>{};
    auto lease = db.acquire();
    return compute(*lease, scope, from, to, ids);
  });
}

std::future<std::vector<Part>> split_async(store::Database& db, const Scope& scope, const StudyPeriod& period, Split split,
                                           const std::vector<std::string>& ids) {
  return std::async(std::launch::async, [&db, scope, period, split, ids] {
    if (ids.empty()) return std::vector<Part>{};
    auto lease = db.acquire();
    return compute_split(*lease, scope, period.from, period.to, split, ids);
  });
}

std::map<std::string, std::optional<double>> by_id(const std::vector<Value>& values) {
  std::map<std::string, std::optional<double>> out;
  for (const auto& v : values) out[v.id] = v.value;
  return out;
}

}  // namespace

DashboardFigures compute_dashboard(store::Database& db, const DashboardRequest& request) {
  const auto& period = request.period;
  const auto before = previous_period(period);
  const auto last_year = same_period_last_year(period);
  const bool same_comparisons = before.from == last_year.from && before.to == last_year.to;  // a calendar year
  {
    // Days past the aggregates' horizon are materialised once, before the parallel readers need them.
    auto lease = db.acquire();
    materialise_until(*lease, period.to);
  }
  auto current = values_async(db, request.scope, period.from, period.to, request.ids);
  auto previous = values_async(db, request.scope, before.from, before.to, request.ids);
  std::optional<std::future<std::vector<Value>>> year_before;
  if (!same_comparisons) year_before = values_async(db, request.scope, last_year.from, last_year.to, request.ids);
  auto months = split_async(db, request.scope, period, Split::month, request.monthly_ids);
  std::optional<std::future<std::vector<Part>>> children;
  if (request.scope.kind != Scope::Kind::establishment)
    children = split_async(db, request.scope, period,
                           request.scope.kind == Scope::Kind::platform ? Split::organisation : Split::establishment,
                           request.children_ids);

  DashboardFigures out;
  const auto previous_values = by_id(previous.get());
  const auto last_year_values = year_before ? by_id(year_before->get()) : previous_values;
  for (auto& v : current.get()) {
    ComparedValue compared{std::move(v), std::nullopt, std::nullopt};
    if (auto it = previous_values.find(compared.current.id); it != previous_values.end()) compared.previous = it->second;
    if (auto it = last_year_values.find(compared.current.id); it != last_year_values.end()) compared.last_year = it->second;
    out.values.push_back(std::move(compared));
  }
  out.months = months.get();
  if (children) out.children = children->get();
  return out;
}

}  // namespace passerelle::modules::steering
