// The dashboard of a scope: every indicator with its comparisons, the monthly charts, the scopes one
// level down (to drill into) and whether the caller may open the lists of persons or staff.
#include <map>

#include "auth/policy.hpp"
#include "modules/establishments/reference.hpp"
#include "modules/steering/comparison.hpp"
#include "modules/steering/dashboard.hpp"
#include "modules/steering/indicator_routes.hpp"
#include "modules/steering/scope.hpp"

namespace passerelle::modules::steering {
namespace {

const Permission read_persons{Brick::persons, DataCategory::administrative, Action::read};
const Permission read_staff{Brick::hr, DataCategory::administrative, Action::read};

// The indicators a child scope shows beside its name.
const std::vector<std::string> child_indicators{"ACT-02", "ACT-03", "ACT-08", "RH-01"};
// The indicators of the monthly charts.
const std::vector<std::string> monthly_indicators{"ACT-02", "RH-01", "ACT-10", "ACT-11"};

// The ids the engine knows among `ids` (compute() with no id means every indicator: never ask that).
std::vector<std::string> known(const std::vector<std::string>& ids) {
  std::vector<std::string> out;
  for (const auto& id : ids)
    if (find_definition(id)) out.push_back(id);
  return out;
}

std::map<std::string, Value> by_id(std::vector<Value> values) {
  std::map<std::string, Value> out;
  for (auto& v : values) out.emplace(v.id, std::move(v));
  return out;
}

boost::json::object point(const std::map<std::string, Value>& values, const std::string& id, const std::string& month) {
  auto it = values.find(id);
  if (it == values.end()) return {{"month", month}, {"value", nullptr}, {"numerator", 0}, {"denominator", 0}};
  return {{"month", month},
          {"value", number_or_null(it->second.value)},
          {"numerator", it->second.numerator},
          {"denominator", it->second.denominator}};
}

double count_of(const std::map<std::string, Value>& values, const std::string& id) {
  auto it = values.find(id);
  return it == values.end() ? 0 : it->second.numerator;
}

// One point per calendar month the period touches (the first and last months cut to the period).
boost::json::object monthly_charts(std::vector<Part> months) {
  boost::json::array occupancy, absenteeism, movements;
  for (auto& part : months) {
    const auto values = by_id(std::move(part.values));
    occupancy.push_back(point(values, "ACT-02", part.key));
    absenteeism.push_back(point(values, "RH-01", part.key));
    movements.push_back(
        {{"month", part.key}, {"admissions", count_of(values, "ACT-10")}, {"discharges", count_of(values, "ACT-11")}});
  }
  return {{"occupancy_by_month", std::move(occupancy)},
          {"absenteeism_by_month", std::move(absenteeism)},
          {"movements_by_month", std::move(movements)}};
}

// The persons' age pyramid at the end of the period (ACT-07-AGE's breakdown, split by sex).
boost::json::array age_pyramid(const std::vector<ComparedValue>& values) {
  boost::json::array out;
  for (const auto& v : values) {
    if (v.current.id != "ACT-07-AGE") continue;
    for (const auto& row : v.current.breakdown) {
      auto sex = [&](const char* key) {
        auto it = row.by_sex.find(key);
        return it == row.by_sex.end() ? 0.0 : it->second;
      };
      out.push_back({{"key", row.key}, {"label", row.label}, {"F", sex("F")}, {"M", sex("M")}, {"unknown", sex("unknown")}});
    }
  }
  return out;
}

boost::json::object child_values(const std::map<std::string, std::map<std::string, Value>>& parts, const std::string& key) {
  boost::json::object out;
  const auto part = parts.find(key);
  for (const auto& id : child_indicators) {
    if (part == parts.end()) {
      out[id] = nullptr;
      continue;
    }
    auto it = part->second.find(id);
    out[id] = it == part->second.end() ? boost::json::value(nullptr) : number_or_null(it->second.value);
  }
  return out;
}

// The children's values by part key (establishment or organisation id).
std::map<std::string, std::map<std::string, Value>> child_parts(std::vector<Part> parts) {
  std::map<std::string, std::map<std::string, Value>> out;
  for (auto& part : parts) out.emplace(part.key, by_id(std::move(part.values)));
  return out;
}

// Organisation and category → their establishments; platform → the organisations; establishment → none.
boost::json::array children(store::Connection& c, const CheckedScope& checked, const StudyPeriod& period,
                            std::vector<Part> figures) {
  boost::json::array out;
  const auto& scope = checked.scope;
  if (scope.kind == Scope::Kind::establishment) return out;
  if (scope.kind == Scope::Kind::platform) {
    const auto parts = child_parts(std::move(figures));
    for (const auto& r : c.query("SELECT id, name FROM organisation WHERE archived_at IS NULL ORDER BY name, id")) {
      Scope child;
      child.kind = Scope::Kind::organisation;
      child.organisation_id = r.integer("id");
      out.push_back({{"scope", child.code()},
                     {"label", r.text("name")},
                     {"kind", "organisation"},
                     {"values", child_values(parts, std::to_string(child.organisation_id))}});
    }
    return out;
  }
  const auto parts = child_parts(std::move(figures));
  for (const auto& e : establishments_of(c, scope, period.from)) {
    Scope child;
    child.kind = Scope::Kind::establishment;
    child.organisation_id = e.organisation_id;
    child.establishment_id = e.id;
    const auto* category = establishments::find_category(e.category_code);
    out.push_back({{"scope", child.code()},
                   {"label", e.name},
                   {"kind", "establishment"},
                   {"category", e.category_code},
                   {"category_label", category ? std::string(category->short_label) : e.category_code},
                   {"values", child_values(parts, std::to_string(e.id))}});
  }
  return out;
}

}  // namespace

void register_dashboard_routes(RouteTable& routes, const Services& services) {
  auto db = services.database;

  routes.add("GET", "/api/v1/dashboards/{scope}",
             {"Tableau de bord d'un périmètre (establishment:{id}, category:{code}, organisation, organisation:{id}, "
              "platform) : tous les indicateurs et leurs comparaisons, graphiques mensuels, périmètres inclus, accès aux "
              "listes",
              "Pilotage", period_parameters(), "", true, read_steering},
             [db](Request& request) {
               const auto period = read_period(request);
               const auto scope = [&] {
                 auto lease = db->acquire();
                 return parse_scope_checked(*lease, request, request.path_param("scope"), read_steering);
               }();
               DashboardRequest asked{scope.scope, period, {}, known(monthly_indicators), known(child_indicators)};
               for (const auto& d : definitions()) asked.ids.push_back(d.id);
               auto figures = compute_dashboard(*db, asked);  // holds connections of its own
               auto out = values_report(scope, period, figures.values);
               auto charts = monthly_charts(std::move(figures.months));
               charts["age_pyramid"] = age_pyramid(figures.values);
               out["charts"] = std::move(charts);
               auto lease = db->acquire();
               out["children"] = children(*lease, scope, period, std::move(figures.children));
               const bool establishment = scope.scope.kind == Scope::Kind::establishment;
               const auto& s = scope.scope;
               out["drill"] = {
                   {"persons", establishment && allowed_on(request.caller, read_persons, s.organisation_id, s.establishment_id)},
                   {"staff", establishment && allowed_on(request.caller, read_staff, s.organisation_id, s.establishment_id)}};
               return Response::json(out);
             });
}

}  // namespace passerelle::modules::steering
