// Benchmark (not a test): the steering dashboard of the largest organisation for a year, answered
// from the aggregates, against the same indicators computed by plain SQL over the raw facts
// (issue #8: at least 50× faster than the facts on PostgreSQL, and under 50 ms).
//
// The databases are filled beforehand by `passerelle generate-dataset` and `rebuild-aggregates`
// (bench/indicators.sh). For each database given, this program:
//   1. picks the organisation with the most places and the last complete calendar year;
//   2. times the full dashboard from the aggregates: every indicator for the year, the previous
//      period and the same period a year earlier, the twelve monthly points of the charts, and the
//      main figures of each establishment (what GET /api/v1/dashboards/{scope} computes, with
//      compute_dashboard: its parts at once on pooled connections), and the same parts one after
//      another on one connection (the work it costs the server);
//   3. times the same figures by plain SQL over the raw facts (compute_from_facts): the reference of
//      the dashboard's ratio;
//   4. times every indicator for the year from the aggregates (compute) and from the raw facts
//      (compute_from_facts), and checks that both give the same numbers.
// Prints a Markdown table; ratios are against the facts on PostgreSQL when a PostgreSQL URL is given.
//
// Usage: indicators --sqlite FILE [--postgresql URL] [--runs N] [--platform]
// (--platform: the dashboard of the whole platform, its children the organisations, instead of the
// largest organisation's). With INDICATORS_DASHBOARD_PARTS=1 in the environment: the dashboard's three
// parts timed apart after the dashboard, on each database, and nothing else (no raw facts).
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "modules/steering/comparison.hpp"
#include "modules/steering/dashboard.hpp"
#include "modules/steering/indicators.hpp"
#include "store/database.hpp"

using namespace passerelle;
namespace steering = passerelle::modules::steering;
using Clock = std::chrono::steady_clock;

namespace {

struct Timing {
  std::vector<double> ms;
  double median() const {
    auto v = ms;
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
  }
  double max() const { return ms.empty() ? 0 : *std::max_element(ms.begin(), ms.end()); }
};

template <class F>
Timing time_runs(int runs, F&& f) {
  Timing t;
  for (int i = 0; i < runs; ++i) {
    const auto start = Clock::now();
    f();
    t.ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  return t;
}

// The dashboard's scope and the scopes of its children (the organisation's establishments, or the
// platform's organisations).
struct Target {
  steering::Scope scope;
  std::vector<steering::Scope> children;
  std::int64_t places = 0;
  std::string label;
};

Target largest_organisation(store::Connection& c) {
  auto row = c.query_one(
      "SELECT organisation_id, SUM(places) AS places FROM capacity WHERE status = 'funded' AND effective_to IS NULL "
      "GROUP BY organisation_id ORDER BY places DESC, organisation_id LIMIT 1");
  if (!row) throw std::runtime_error("no capacity: generate a dataset first (bench/indicators.sh)");
  Target t;
  t.scope.kind = steering::Scope::Kind::organisation;
  t.scope.organisation_id = row->integer("organisation_id");
  t.places = row->integer("places");
  for (auto id : c.query_integers("SELECT id FROM establishment WHERE organisation_id = :o ORDER BY id",
                                  {{"o", t.scope.organisation_id}})) {
    steering::Scope e = t.scope;
    e.kind = steering::Scope::Kind::establishment;
    e.establishment_id = id;
    t.children.push_back(e);
  }
  t.label = "organisation " + std::to_string(t.scope.organisation_id) + ", " + std::to_string(t.children.size()) + " establishments";
  return t;
}

Target platform(store::Connection& c) {
  Target t;
  t.scope.kind = steering::Scope::Kind::platform;
  auto row = c.query_one("SELECT SUM(places) AS places FROM capacity WHERE status = 'funded' AND effective_to IS NULL");
  t.places = row && !row->is_null("places") ? row->integer("places") : 0;
  for (auto id : c.query_integers("SELECT id FROM organisation ORDER BY id")) {
    steering::Scope o;
    o.kind = steering::Scope::Kind::organisation;
    o.organisation_id = id;
    t.children.push_back(o);
  }
  t.label = "platform, " + std::to_string(t.children.size()) + " organisations";
  return t;
}

const std::vector<std::string> monthly_ids{"ACT-02", "RH-01", "ACT-10", "ACT-11"};
const std::vector<std::string> children_ids{"ACT-02", "ACT-03", "ACT-08", "RH-01"};

std::vector<std::string> every_indicator() {
  std::vector<std::string> ids;
  for (const auto& d : steering::definitions()) ids.push_back(d.id);
  return ids;
}

// What the dashboard route computes for a scope and a year (dashboard_routes.cpp → compute_dashboard):
// every indicator for the year with the previous period (= the same period last year), the monthly
// charts in one pass, the establishments' figures in one pass; these run at once on pooled connections.
std::size_t dashboard(store::Database& db, const Target& t, Date from, Date to) {
  steering::DashboardRequest asked;
  asked.scope = t.scope;
  asked.period = {from, to};
  asked.ids = every_indicator();
  asked.monthly_ids = monthly_ids;
  asked.children_ids = children_ids;
  const auto figures = steering::compute_dashboard(db, asked);
  std::size_t values = figures.values.size() * 3;
  for (const auto& part : figures.months) values += part.values.size();
  for (const auto& part : figures.children) values += part.values.size();
  return values;
}

// The same computations one after another on one connection: the work the dashboard costs the server.
std::size_t dashboard_sequential(store::Connection& c, const Target& t, Date from, Date to) {
  const auto ids = every_indicator();
  const auto split = t.scope.kind == steering::Scope::Kind::platform ? steering::Split::organisation : steering::Split::establishment;
  std::size_t values = steering::compute_compared(c, t.scope, {from, to}, ids).size() * 3;
  for (const auto& part : steering::compute_split(c, t.scope, from, to, steering::Split::month, monthly_ids))
    values += part.values.size();
  for (const auto& part : steering::compute_split(c, t.scope, from, to, split, children_ids)) values += part.values.size();
  return values;
}

// The same figures as the dashboard by plain SQL over the raw facts (compute_from_facts): the
// reference of the ratio ("the same indicators computed by plain SQL over the raw facts").
std::size_t dashboard_from_facts(store::Connection& c, const Target& t, Date from, Date to) {
  const auto ids = every_indicator();
  std::size_t values = steering::compute_from_facts(c, t.scope, from, to, ids).size();
  values += 2 * steering::compute_from_facts(c, t.scope, from.plus_years(-1), to.plus_years(-1), ids).size();
  for (Date m = from; m <= to; m = m.plus_months(1))
    values += steering::compute_from_facts(c, t.scope, m, std::min(to, m.plus_months(1).plus_days(-1)), monthly_ids).size();
  for (const auto& child : t.children) values += steering::compute_from_facts(c, child, from, to, children_ids).size();
  return values;
}

bool same(const std::vector<steering::Value>& a, const std::vector<steering::Value>& b, std::string& why) {
  if (a.size() != b.size()) return why = "not the same number of values", false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto& x = a[i];
    const auto& y = b[i];
    const bool both_empty = !x.value && !y.value;
    const bool equal = both_empty || (x.value && y.value && std::fabs(*x.value - *y.value) <= 1e-9 * std::max(1.0, std::fabs(*x.value)));
    if (!equal) {
      why = x.id + ": " + (x.value ? std::to_string(*x.value) : "—") + " vs " + (y.value ? std::to_string(*y.value) : "—");
      return false;
    }
  }
  return true;
}

struct Result {
  std::string backend;
  Timing dashboard, sequential, dashboard_facts, aggregates, facts;
  std::size_t values = 0;
  bool agree = false;
  std::string disagreement;
};

// The dashboard's subject: the largest organisation, or the platform (its children the organisations).
auto subject(store::Database& db, bool whole_platform) {
  auto lease = db.acquire();
  return whole_platform ? platform(*lease) : largest_organisation(*lease);
}

Result run(const std::string& url, int runs, Date from, Date to, bool whole_platform) {
  auto db = store::Database::open({url, 6});
  Result r;
  r.backend = std::string(store::backend_name(db->backend()));
  const auto target = subject(*db, whole_platform);
  const auto& org = target.scope;
  std::cerr << r.backend << ": " << target.label << ", " << target.places << " funded places\n";
  // Each timing is also printed on stderr as it ends: the facts take tens of minutes on `l`, and a
  // run stopped halfway still says what it measured.
  const auto progress = [&](const char* what, const Timing& t) {
    std::cerr << "  " << r.backend << ", " << what << ": median " << t.median() << " ms, max " << t.max() << " ms\n";
  };
  dashboard(*db, target, from, to);  // warm-up (caches, horizon)
  r.dashboard = time_runs(runs, [&] { r.values = dashboard(*db, target, from, to); });
  progress("dashboard from the aggregates", r.dashboard);
  auto lease = db->acquire();
  store::Connection& c = *lease;
  r.sequential = time_runs(runs, [&] { dashboard_sequential(c, target, from, to); });
  progress("the same, one computation after another", r.sequential);
  std::vector<steering::Value> from_aggregates, from_facts;
  r.aggregates = time_runs(runs, [&] { from_aggregates = steering::compute(c, org, from, to); });
  progress("indicators of the year from the aggregates", r.aggregates);
  r.facts = time_runs(std::max(1, runs / 5), [&] { from_facts = steering::compute_from_facts(c, org, from, to); });
  r.agree = same(from_aggregates, from_facts, r.disagreement);
  progress(r.agree ? "indicators of the year over the facts (same numbers)" : "indicators of the year over the facts (NOT the same numbers)", r.facts);
  r.dashboard_facts = time_runs(std::max(1, runs / 10), [&] { dashboard_from_facts(c, target, from, to); });
  progress("dashboard over the facts", r.dashboard_facts);
  return r;
}

// INDICATORS_DASHBOARD_PARTS: the dashboard, then its three parts one after another, timed apart (to
// find the slow one); printed on stderr.
void time_parts(const std::string& url, Date from, Date to, bool whole_platform) {
  auto db = store::Database::open({url, 6});
  const auto target = subject(*db, whole_platform);
  std::cerr << store::backend_name(db->backend()) << ": " << target.label << ", " << target.places << " funded places\n";
  dashboard(*db, target, from, to);  // warm-up (caches, horizon)
  auto lease = db->acquire();
  store::Connection& c = *lease;
  const auto ids = every_indicator();
  const auto split = whole_platform ? steering::Split::organisation : steering::Split::establishment;
  const auto timed = [](const char* what, auto&& f) {
    const auto t0 = Clock::now();
    f();
    std::cerr << "  " << what << ": " << std::chrono::duration<double, std::milli>(Clock::now() - t0).count() << " ms\n";
  };
  timed("dashboard (its parts at once)", [&] { dashboard(*db, target, from, to); });
  timed("year with comparisons", [&] { steering::compute_compared(c, target.scope, {from, to}, ids); });
  timed("twelve months", [&] { steering::compute_split(c, target.scope, from, to, steering::Split::month, monthly_ids); });
  timed("children", [&] { steering::compute_split(c, target.scope, from, to, split, children_ids); });
}

std::string arg_value(int& i, int argc, char** argv) {
  if (i + 1 >= argc) throw std::runtime_error(std::string("missing value after ") + argv[i]);
  return argv[++i];
}

}  // namespace

int main(int argc, char** argv) try {
  spdlog::set_level(spdlog::level::warn);
  std::vector<std::string> urls;
  int runs = 20;
  bool whole_platform = false;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--sqlite" || a == "--postgresql") urls.push_back(arg_value(i, argc, argv));
    else if (a == "--runs") runs = std::stoi(arg_value(i, argc, argv));
    else if (a == "--platform") whole_platform = true;
    else throw std::runtime_error("unknown argument " + a + " (see the comment at the top of bench/indicators.cpp)");
  }
  if (urls.empty()) throw std::runtime_error("--sqlite FILE and/or --postgresql URL required");
  const int year = Date::today().year() - 1;
  const Date from = *Date::parse(std::to_string(year) + "-01-01");
  const Date to = *Date::parse(std::to_string(year) + "-12-31");
  if (std::getenv("INDICATORS_DASHBOARD_PARTS")) {
    for (const auto& url : urls) time_parts(url, from, to, whole_platform);
    return 0;
  }
  std::vector<Result> results;
  for (const auto& url : urls) results.push_back(run(url, runs, from, to, whole_platform));
  const Result* pg = nullptr;
  for (const auto& r : results)
    if (r.backend == "postgresql") pg = &r;
  const Result& ref = pg ? *pg : results.front();
  std::printf("\nYear %d, %s, %d runs (median / max, ms); ratios against plain SQL over the raw facts on %s "
              "(the dashboard's figures; the year's indicators)\n\n",
              year, whole_platform ? "the platform" : "largest organisation", runs, ref.backend.c_str());
  std::printf("| backend | full dashboard (%zu values) | the same, one computation after another | the same by plain SQL over the facts | "
              "**ratio dashboard** | all indicators of the year, aggregates | the same over the facts | ratio indicators | same numbers |\n",
              results.front().values);
  std::printf("|---|---|---|---|---|---|---|---|---|\n");
  for (const auto& r : results)
    std::printf("| %s | %.2f / %.2f | %.2f / %.2f | %.0f / %.0f | **%.0f×** | %.2f / %.2f | %.1f / %.1f | %.0f× | %s |\n",
                r.backend.c_str(), r.dashboard.median(), r.dashboard.max(), r.sequential.median(), r.sequential.max(),
                r.dashboard_facts.median(), r.dashboard_facts.max(), ref.dashboard_facts.median() / r.dashboard.median(),
                r.aggregates.median(), r.aggregates.max(), r.facts.median(), r.facts.max(),
                ref.facts.median() / r.aggregates.median(), r.agree ? "yes" : ("NO: " + r.disagreement).c_str());
  for (const auto& r : results)
    if (!r.agree) return 1;
  return 0;
} catch (const std::exception& e) {
  std::cerr << "indicators: " << e.what() << "\n";
  return 1;
}
