#include "modules/establishments/routes.hpp"

#include "audit/history.hpp"
#include "audit/trail.hpp"
#include "auth/policy.hpp"
#include "core/json_reader.hpp"
#include "core/text.hpp"
#include "modules/establishments/json.hpp"
#include "modules/establishments/reference.hpp"
#include "modules/establishments/routes_support.hpp"

namespace passerelle::modules::establishments {

void register_routes(RouteTable& routes, const Services& services) {
  auto db = services.database;

  routes.add("GET", "/api/v1/organisations",
             {"Liste des organismes accessibles", "Établissements", page_parameters(), "", true, read_reference},
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
              "name, legal_status (public | private_non_profit | private_commercial), finess_ej?, siren?, address_line?, "
              "postal_code?, city?, dpo_name?, dpo_email?, dpo_phone?",
              true, write_reference},
             [db](Request& request) {
               if (!scope_of(request.caller).is_platform())
                 throw Problem::forbidden("Seule l'administration de la plateforme crée des organismes.").mark_access_denied();
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
               const auto id = request.id_param();
               auth::require(request.caller, read_reference, id);
               auto lease = db->acquire();
               auto found = find_organisation(store::Scoped(*lease, scope_of(request.caller)), id);
               if (!found) throw Problem::hidden();
               return Response::json(to_json(*found));
             });

  routes.add("PATCH", "/api/v1/organisations/{id}",
             {"Modifier un organisme (adresse, statut, contact du DPO…)", "Établissements", {},
              "les champs à modifier", true, write_reference},
             [db](Request& request) {
               const auto id = request.id_param();
               auth::require(request.caller, write_reference, id);
               auto body = json_body(request);
               auto result = db->in_transaction([&](store::Connection& c) {
                 auto current = find_organisation(store::Scoped(c, scope_of(request.caller)), id);
                 if (!current) throw Problem::hidden();
                 const auto next = read_organisation(body, &current->fields);
                 if (next.finess_ej && finess_ej_taken(c, *next.finess_ej, id))
                   throw Problem::conflict("Un organisme porte déjà ce numéro FINESS.", {{"finess_ej", "numéro FINESS déjà utilisé"}});
                 update_organisation(c, id, next);
                 const auto& a = current->fields;
                 auto changed = audit::record_changes(
                     c, request, id, "organisation", id,
                     {{"name", a.name, next.name}, {"finess_ej", a.finess_ej, next.finess_ej}, {"siren", a.siren, next.siren},
                      {"legal_status", a.legal_status, next.legal_status}, {"address_line", a.address_line, next.address_line},
                      {"postal_code", a.postal_code, next.postal_code}, {"city", a.city, next.city},
                      {"dpo_name", a.dpo_name, next.dpo_name}, {"dpo_email", a.dpo_email, next.dpo_email},
                      {"dpo_phone", a.dpo_phone, next.dpo_phone}});
                 auto e = audit::event_for(request, "update", "organisation", std::to_string(id));
                 e.organisation_id = id;
                 e.fields = changed;
                 audit::append(c, e);
                 return *find_organisation(store::Scoped(c, scope_of(request.caller)), id);
               });
               return Response::json(to_json(result));
             });

  routes.add("GET", "/api/v1/establishments/reference",
             {"Nomenclatures : catégories FINESS, modes d'accueil, publics, financeurs…", "Établissements", {}, "", true,
              read_reference},
             [](Request&) { return Response::json(reference_json()); });

  routes.add("GET", "/api/v1/establishments/alerts",
             {"Autorisations à renouveler dans les 12 mois (établissements du compte)", "Établissements", {}, "", true,
              read_reference},
             [db](Request& request) {
               const auto scope = scope_of(request.caller);
               const auto today = Date::today();
               auto lease = db->acquire();
               boost::json::array items;
               for (const auto& due : authorisations_due_before(store::Scoped(*lease, scope), today.plus_months(12))) {
                 if (!scope.is_platform()) {
                   auto allowed = auth::establishments_allowed(request.caller, read_reference, *scope.organisation_id());
                   if (allowed && std::find(allowed->begin(), allowed->end(), due.establishment_id) == allowed->end())
                     continue;
                 }
                 auto item = to_json(due.authorisation, today);
                 item["establishment_id"] = due.establishment_id;
                 item["establishment_name"] = due.establishment_name;
                 items.push_back(std::move(item));
               }
               return Response::json({{"items", std::move(items)}});
             });

  routes.add("GET", "/api/v1/establishments",
             {"Liste des établissements et services accessibles", "Établissements", list_parameters(), "", true, read_reference},
             [db](Request& request) {
               auto scope = scope_of(request.caller);
               if (scope.is_platform() && request.query_param("organisation")) scope = scope.within(organisation_of(request));
               const auto page = page_request(request);
               EstablishmentFilter filter = read_filter(request);
               if (!scope.is_platform())
                 filter.only = auth::establishments_allowed(request.caller, read_reference, *scope.organisation_id());
               auto lease = db->acquire();
               boost::json::array items;
               for (const auto& e : list_establishments(store::Scoped(*lease, scope), page, filter)) items.push_back(to_json(e));
               return Response::json(page_of(std::move(items), page));
             });

  routes.add("POST", "/api/v1/establishments",
             {"Créer un établissement ou service", "Établissements", {},
              "finess_et, name, category_code, publics?, disabilities?, funders?, bricks?, parent_id?, adresse, "
              "organisation_id? (plateforme)",
              true, write_reference},
             [db](Request& request) {
               std::optional<std::int64_t> named_organisation;
               const auto profile = read_profile(json_body(request), nullptr, &named_organisation);
               const std::int64_t organisation =
                   request.caller.platform ? named_organisation.value_or(0) : request.caller.organisation_id.value_or(0);
               if (!organisation) throw Problem::invalid_field("organisation_id", "organisme obligatoire");
               if (!request.caller.platform && named_organisation && named_organisation != request.caller.organisation_id)
                 throw Problem::hidden().mark_access_denied();
               auth::require(request.caller, write_reference, organisation);
               auto created = db->in_transaction([&](store::Connection& c) {
                 store::Scoped scoped(c, store::Scope::platform().within(organisation));
                 if (!c.query_one("SELECT id FROM organisation WHERE id = :id", {{"id", organisation}}))
                   throw Problem::invalid_field("organisation_id", "organisme inconnu");
                 check_profile_references(c, scoped, profile, 0);
                 const auto id = create_establishment(scoped, profile);
                 // The history starts with the values given at creation.
                 audit::record_changes(c, request, organisation, "establishment", id,
                                       {{"created", std::nullopt,
                                         profile.finess_et + " — " + profile.name + " — catégorie " + profile.category_code}});
                 auto e = audit::event_for(request, "create", "establishment", std::to_string(id));
                 e.organisation_id = organisation;
                 e.establishment_id = id;
                 e.fields = {"finess_et", "name", "category_code"};
                 audit::append(c, e);
                 return *find_establishment(scoped, id);
               });
               auto response = Response::json(to_json(created), 201);
               response.set_header("Location", "/api/v1/establishments/" + std::to_string(created.id));
               return response;
             });

  register_import_routes(routes, services);  // before /{id}: "import" and "export" are not ids
  register_detail_routes(routes, services);
  register_capacity_routes(routes, services);
}

}  // namespace passerelle::modules::establishments
