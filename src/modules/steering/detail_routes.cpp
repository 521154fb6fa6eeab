// Drill-down: the persons or staff behind an indicator's number, for one establishment. Persons
// need persons.administrative.read on that establishment and the list is audited as one read of
// every person in it; staff need hr.administrative.read and are audited the same way.
#include "audit/trail.hpp"
#include "auth/policy.hpp"
#include "modules/steering/details.hpp"
#include "modules/steering/indicator_routes.hpp"
#include "modules/steering/scope.hpp"

namespace passerelle::modules::steering {
namespace {

const Permission read_persons{Brick::persons, DataCategory::administrative, Action::read};
const Permission read_staff{Brick::hr, DataCategory::administrative, Action::read};

boost::json::object to_json(const DetailItem& item) {
  boost::json::object out{{"id", item.id},
                          {"last_name", item.last_name},
                          {"first_name", item.first_name},
                          {"establishment_id", item.establishment_id}};
  if (item.care_mode) out["care_mode"] = *item.care_mode;
  if (item.job_code) out["job_code"] = *item.job_code;
  if (item.from) out["from"] = item.from->to_string();
  if (item.from) out["to"] = item.to ? boost::json::value(item.to->to_string()) : boost::json::value(nullptr);
  if (!item.detail.empty()) out["detail"] = item.detail;
  return out;
}

}  // namespace

void register_detail_routes(RouteTable& routes, const Services& services) {
  auto db = services.database;

  auto parameters = period_parameters();
  parameters.insert(parameters.begin(), {"scope", "establishment:{id} (les listes se consultent par établissement)", true});
  routes.add("GET", "/api/v1/indicators/{id}/details",
             {"Personnes accompagnées ou professionnels derrière la valeur d'un indicateur, pour un établissement et une "
              "période (ACT-03, ACT-05, ACT-10, ACT-11, ACT-13, ACT-15 : droit de lecture des dossiers administratifs ; "
              "RH-01, RH-06, RH-07 : droit de lecture du personnel)",
              "Pilotage", parameters, "", true, read_steering},
             [db](Request& request) {
               const auto id = request.path_param("id");
               const auto kind = detail_kind(id);
               if (!kind) {
                 if (!find_definition(id)) throw Problem::not_found("Indicateur inconnu.");
                 throw Problem::not_found("Cet indicateur n'a pas de liste de personnes ou de professionnels.");
               }
               const auto period = read_period(request);
               auto lease = db->acquire();
               const auto scope = read_scope(*lease, request, read_steering);
               if (scope.scope.kind != Scope::Kind::establishment)
                 throw Problem::bad_request("Les listes se consultent par établissement.",
                                            {{"scope", "establishment:{identifiant} attendu"}});
               const auto organisation = scope.scope.organisation_id;
               const auto establishment = scope.scope.establishment_id;
               const bool persons = *kind == DetailKind::persons;
               auth::require(request.caller, persons ? read_persons : read_staff, organisation, establishment);
               const auto items = detail_items(*lease, id, organisation, establishment, period);
               boost::json::array out;
               std::string ids;
               for (const auto& item : items) {
                 out.push_back(to_json(item));
                 ids += (ids.empty() ? "" : ",") + std::to_string(item.id);
               }
               auto e = audit::event_for(request, "read", persons ? "person_list" : "staff_list",
                                         (id + " " + period.from.to_string() + ".." + period.to.to_string() + " : " + ids)
                                             .substr(0, 1000));
               e.organisation_id = organisation;
               e.establishment_id = establishment;
               audit::append_alone(*db, e);
               return Response::json({{"kind", persons ? "persons" : "staff"},
                                      {"indicator", id},
                                      {"scope", to_json(scope)},
                                      {"period", to_json(period)},
                                      {"items", std::move(out)}});
             });
}

}  // namespace passerelle::modules::steering
