// The indicators: their definitions, and their values for a scope and a period beside the previous
// period and the same period last year. The dashboards, drill-down lists and activity targets are in
// the files named in indicator_routes.hpp.
#include "modules/steering/indicator_routes.hpp"

#include "modules/steering/comparison.hpp"
#include "modules/steering/routes.hpp"
#include "modules/steering/scope.hpp"

namespace passerelle::modules::steering {

std::vector<ParameterDoc> period_parameters() {
  return {{"from", "début de la période, AAAA-MM-JJ (inclus)", true},
          {"to", "fin de la période, AAAA-MM-JJ (incluse ; dix ans au plus)", true}};
}

void register_indicator_routes(RouteTable& routes, const Services& services) {
  auto db = services.database;

  routes.add("GET", "/api/v1/indicators",
             {"Indicateurs de pilotage : identifiant, axe, unité, libellé, définition, ventilation", "Pilotage", {}, "",
              true, read_steering},
             [](Request&) {
               boost::json::array items;
               for (const auto& d : definitions()) items.push_back(to_json(d));
               return Response::json({{"items", std::move(items)}});
             });

  auto parameters = period_parameters();
  parameters.insert(parameters.begin(),
                    {"scope", "establishment:{id}, category:{code FINESS}, organisation, organisation:{id} ou platform", true});
  parameters.push_back({"ids", "indicateurs demandés, séparés par des virgules (ACT-02,RH-01) ; tous par défaut", false});
  routes.add("GET", "/api/v1/indicators/values",
             {"Valeurs des indicateurs d'un périmètre sur une période, avec la période précédente et la même période un "
              "an plus tôt (taux en fraction ; null : pas de données)",
              "Pilotage", parameters, "", true, read_steering},
             [db](Request& request) {
               const auto period = read_period(request);
               const auto ids = read_indicator_ids(request);
               auto lease = db->acquire();
               const auto scope = read_scope(*lease, request, read_steering);
               return Response::json(values_report(*lease, scope, period, ids));
             });

  register_dashboard_routes(routes, services);
  register_detail_routes(routes, services);
  register_target_routes(routes, services);
}

}  // namespace passerelle::modules::steering
