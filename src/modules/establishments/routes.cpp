#include "modules/establishments/routes.hpp"

#include "audit/trail.hpp"
#include "auth/policy.hpp"
#include "core/json_reader.hpp"
#include "modules/establishments/store.hpp"

namespace passerelle::modules::establishments {
namespace {

boost::json::object to_json(const Organisation& o) {
  return {{"id", o.id},
          {"name", o.fields.name},
          {"finess_ej", o.fields.finess_ej ? boost::json::value(*o.fields.finess_ej) : nullptr},
          {"siren", o.fields.siren ? boost::json::value(*o.fields.siren) : nullptr},
          {"legal_status", o.fields.legal_status},
          {"created_at", o.created_at},
          {"updated_at", o.updated_at}};
}

boost::json::object to_json(const Establishment& e) {
  return {{"id", e.id},
          {"organisation_id", e.organisation_id},
          {"finess_et", e.finess_et},
          {"name", e.name},
          {"category_code", e.category_code},
          {"parent_id", e.parent_id ? boost::json::value(*e.parent_id) : nullptr}};
}

const Permission read_reference{Brick::establishments, DataCategory::reference, Action::read};
const Permission write_reference{Brick::establishments, DataCategory::reference, Action::write};

const std::vector<ParameterDoc> page_parameters = {
    {"limit", "nombre d'éléments par page (1 à 200, 50 par défaut)", false},
    {"cursor", "curseur renvoyé par la page précédente (next_cursor)", false}};

}  // namespace

void register_routes(RouteTable& routes, const Services& services) {
  auto db = services.database;

  routes.add("GET", "/api/v1/organisations",
             {"Liste des organismes accessibles", "Établissements", page_parameters, "", true, read_reference},
             [db](Request& request) {
               const auto scope = scope_of(request.caller);
               const auto page = page_request(request);
               auto lease = db->acquire();
               boost::json::array items;
               for (const auto& o : list_organisations(store::Scoped(*lease, scope), page)) items.push_back(to_json(o));
               return Response::json(page_of(std::move(items), page));
             });

  routes.add("POST", "/api/v1/organisations",
             {"Créer un organisme gestionnaire (administration de la plateforme)", "Établissements", {},
              "name, legal_status (public | private_non_profit | private_commercial), finess_ej?, siren?", true,
              write_reference},
             [db](Request& request) {
               const auto scope = scope_of(request.caller);
               if (!scope.is_platform())
                 throw Problem::forbidden("Seule l'administration de la plateforme crée des organismes.");
               const auto input = read_organisation(json_body(request));
               auto created = db->in_transaction([&](store::Connection& c) {
                 if (input.finess_ej && finess_ej_taken(c, *input.finess_ej))
                   throw Problem::conflict("Un organisme porte déjà ce numéro FINESS.",
                                           {{"finess_ej", "numéro FINESS déjà utilisé"}});
                 auto organisation = create_organisation(c, input);
                 auto e = audit::event_for(request, "create", "organisation", std::to_string(organisation.id));
                 e.organisation_id = organisation.id;
                 e.fields = {"name", "finess_ej", "siren", "legal_status"};
                 audit::append(c, e);
                 return organisation;
               });
               auto response = Response::json(to_json(created), 201);
               response.set_header("Location", "/api/v1/organisations/" + std::to_string(created.id));
               return response;
             });

  routes.add("GET", "/api/v1/organisations/{id}", {"Détail d'un organisme", "Établissements", {}, "", true, read_reference},
             [db](Request& request) {
               const auto scope = scope_of(request.caller);
               const auto id = request.id_param();
               auth::require(request.caller, read_reference, id);
               auto lease = db->acquire();
               auto found = find_organisation(store::Scoped(*lease, scope), id);
               if (!found) throw Problem::hidden();
               return Response::json(to_json(*found));
             });

  routes.add("GET", "/api/v1/establishments",
             {"Liste des établissements et services accessibles", "Établissements", page_parameters, "", true, read_reference},
             [db](Request& request) {
               const auto scope = scope_of(request.caller);
               const auto page = page_request(request);
               auto lease = db->acquire();
               boost::json::array items;
               const auto only = scope.is_platform()
                                     ? std::nullopt
                                     : auth::establishments_allowed(request.caller, read_reference, *scope.organisation_id());
               for (const auto& e : list_establishments(store::Scoped(*lease, scope), page, only)) items.push_back(to_json(e));
               return Response::json(page_of(std::move(items), page));
             });
}

}  // namespace passerelle::modules::establishments
