#pragma once
// The figures of a dashboard (GET /api/v1/dashboards/{scope}): every indicator over the period with its
// two comparison periods, the monthly points of the charts and the main figures of each scope one
// level down. The route and the benchmark (bench/indicators.cpp) both call this.
#include <string>
#include <vector>

#include "modules/steering/comparison.hpp"
#include "modules/steering/indicators.hpp"
#include "modules/steering/scope.hpp"
#include "store/database.hpp"

namespace passerelle::modules::steering {

struct DashboardRequest {
  Scope scope;
  StudyPeriod period;
  std::vector<std::string> ids;           // every indicator shown with its comparisons
  std::vector<std::string> monthly_ids;   // the monthly charts' indicators
  std::vector<std::string> children_ids;  // the figures beside each child scope
};

struct DashboardFigures {
  std::vector<ComparedValue> values;
  std::vector<Part> months;    // one part per month of the period
  std::vector<Part> children;  // establishments (organisation, category) or organisations (platform); none for an establishment
};

// The independent computations (the period, its comparison periods, the months, the children) run at
// once, each on a connection of its own from the pool, taken only for its computation (never two at a
// time, so concurrent dashboards cannot starve each other of connections). Each reads the committed
// aggregates when it runs: a write committed meanwhile may show in some parts and not others, as it
// would between two reloads of the page. The caller holds no lease of `db` while calling.
DashboardFigures compute_dashboard(store::Database& db, const DashboardRequest& request);

}  // namespace passerelle::modules::steering
