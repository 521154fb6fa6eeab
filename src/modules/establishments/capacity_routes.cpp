#include "audit/history.hpp"
#include "audit/trail.hpp"
#include "core/json_reader.hpp"
#include "modules/establishments/json.hpp"
#include "modules/establishments/routes_support.hpp"

namespace passerelle::modules::establishments {

void register_capacity_routes(RouteTable& routes, const Services& services) {
  auto db = services.database;

  routes.add("GET", "/api/v1/establishments/{id}/capacity",
             {"Capacité à une date, par mode d'accueil et statut", "Établissements",
              {{"date", "AAAA-MM-JJ (aujourd'hui par défaut)", false}}, "", true, read_reference},
             [db](Request& request) {
               const auto date = date_param(request, "date", false).value_or(Date::today());
               auto lease = db->acquire();
               auto e = load_establishment(*lease, request, read_reference);
               auto periods = capacities_of(store::Scoped(*lease, store::Scope::organisation(e.organisation_id)), e.id);
               return Response::json({{"establishment_id", e.id},
                                      {"date", date.to_string()},
                                      {"capacity", to_json(capacity_on(periods, date))}});
             });

  routes.add("GET", "/api/v1/establishments/{id}/place-days",
             {"Journées-places sur une période (places × jours), par mode d'accueil et statut", "Établissements",
              {{"from", "début AAAA-MM-JJ (inclus)", true}, {"to", "fin AAAA-MM-JJ (incluse)", true}}, "", true,
              read_reference},
             [db](Request& request) {
               const auto from = *date_param(request, "from", true);
               const auto to = *date_param(request, "to", true);
               if (to < from) throw Problem::bad_request("La période est inversée.", {{"to", "la fin précède le début"}});
               if (to >= from.plus_years(20))
                 throw Problem::bad_request("Période trop longue.", {{"to", "20 ans au plus"}});
               auto lease = db->acquire();
               auto e = load_establishment(*lease, request, read_reference);
               auto periods = capacities_of(store::Scoped(*lease, store::Scope::organisation(e.organisation_id)), e.id);
               return Response::json({{"establishment_id", e.id},
                                      {"from", from.to_string()},
                                      {"to", to.to_string()},
                                      {"days", days_between(from, to) + 1},
                                      {"place_days", to_json(place_days(periods, from, to))}});
             });

  routes.add("POST", "/api/v1/establishments/{id}/capacities",
             {"Ajouter une période de capacité (places par mode d'accueil et statut)", "Établissements", {},
              "care_mode, status (authorised | installed | funded), places, effective_from, effective_to?", true,
              write_reference},
             [db](Request& request) {
               auto candidate = read_capacity(json_body(request));
               auto created = db->in_transaction([&](store::Connection& c) {
                 auto e = load_establishment(c, request, write_reference);
                 store::Scoped scoped(c, store::Scope::organisation(e.organisation_id));
                 check_no_overlap(capacities_of(scoped, e.id), candidate);
                 candidate.id = insert_capacity(scoped, e.id, candidate);
                 auto changed = audit::record_changes(c, request, e.organisation_id, "establishment", e.id,
                                                      {{"capacity", std::nullopt, describe(candidate)}});
                 auto event = audit::event_for(request, "update", "establishment", std::to_string(e.id));
                 event.organisation_id = e.organisation_id;
                 event.establishment_id = e.id;
                 event.fields = changed;
                 audit::append(c, event);
                 return candidate;
               });
               return Response::json(to_json(created), 201);
             });

  routes.add("PATCH", "/api/v1/establishments/{id}/capacities/{capacity_id}",
             {"Clore ou rouvrir une période de capacité (date de fin)", "Établissements", {}, "effective_to (ou null)",
              true, write_reference},
             [db](Request& request) {
               auto body = json_body(request);
               JsonReader in(body);
               auto end_text = in.text("effective_to", false, 10);
               if (!in.has("effective_to")) in.fail("effective_to", "ce champ est obligatoire (null pour rouvrir)");
               std::optional<Date> end = end_text ? Date::parse(*end_text) : std::nullopt;
               if (end_text && !end) in.fail("effective_to", "date invalide (AAAA-MM-JJ attendu)");
               in.finish();
               const auto capacity_id = request.id_param("capacity_id");
               auto updated = db->in_transaction([&](store::Connection& c) {
                 auto e = load_establishment(c, request, write_reference);
                 store::Scoped scoped(c, store::Scope::organisation(e.organisation_id));
                 auto periods = capacities_of(scoped, e.id);
                 auto it = std::find_if(periods.begin(), periods.end(), [&](const auto& p) { return p.id == capacity_id; });
                 if (it == periods.end()) throw Problem::hidden();
                 auto next = *it;
                 next.period.to = end;
                 if (end && *end < next.period.from)
                   throw Problem::invalid_field("effective_to", "la fin précède le début de la période");
                 check_no_overlap(periods, next);
                 update_capacity_end(scoped, capacity_id, end);
                 auto changed = audit::record_changes(c, request, e.organisation_id, "establishment", e.id,
                                                      {{"capacity", describe(*it), describe(next)}});
                 auto event = audit::event_for(request, "update", "establishment", std::to_string(e.id));
                 event.organisation_id = e.organisation_id;
                 event.establishment_id = e.id;
                 event.fields = changed;
                 audit::append(c, event);
                 return next;
               });
               return Response::json(to_json(updated));
             });
}

}  // namespace passerelle::modules::establishments
