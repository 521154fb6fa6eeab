#include "audit/history.hpp"
#include "audit/trail.hpp"
#include "core/json_reader.hpp"
#include "modules/establishments/json.hpp"
#include "modules/establishments/reference.hpp"
#include "modules/establishments/routes_support.hpp"

namespace passerelle::modules::establishments {
namespace {

std::optional<std::string> optional_id_text(const std::optional<std::int64_t>& id) {
  return id ? std::optional(std::to_string(*id)) : std::nullopt;
}

std::vector<audit::FieldChange> changes(const Profile& a, const Profile& b) {
  return {{"finess_et", a.finess_et, b.finess_et},
          {"name", a.name, b.name},
          {"category_code", a.category_code, b.category_code},
          {"publics", join_codes(a.publics), join_codes(b.publics)},
          {"disabilities", join_codes(a.disabilities), join_codes(b.disabilities)},
          {"funders", join_codes(a.funders), join_codes(b.funders)},
          {"bricks", join_codes(a.bricks), join_codes(b.bricks)},
          {"parent_id", optional_id_text(a.parent_id), optional_id_text(b.parent_id)},
          {"address_line", a.address_line, b.address_line},
          {"postal_code", a.postal_code, b.postal_code},
          {"city", a.city, b.city}};
}

// Writes the history and the audit event of a change to an establishment's reference data.
void record(store::Connection& c, const Request& request, const Establishment& e, const std::string& action,
            const std::vector<audit::FieldChange>& field_changes) {
  auto changed = audit::record_changes(c, request, e.organisation_id, "establishment", e.id, field_changes);
  auto event = audit::event_for(request, action, "establishment", std::to_string(e.id));
  event.organisation_id = e.organisation_id;
  event.establishment_id = e.id;
  event.fields = changed;
  audit::append(c, event);
}

}  // namespace

void register_detail_routes(RouteTable& routes, const Services& services) {
  auto db = services.database;

  routes.add("GET", "/api/v1/establishments/{id}",
             {"Fiche d'un établissement : identité, sites, capacités, autorisations, calendrier", "Établissements", {}, "",
              true, read_reference},
             [db](Request& request) {
               auto lease = db->acquire();
               auto e = load_establishment(*lease, request, read_reference);
               store::Scoped scoped(*lease, store::Scope::organisation(e.organisation_id));
               const auto today = Date::today();
               auto body = to_json(e);
               boost::json::array sites, capacities, authorisations, calendars, closures_json;
               for (const auto& s : sites_of(scoped, e.id)) sites.push_back(to_json(s));
               const auto periods = capacities_of(scoped, e.id);
               for (const auto& c : periods) capacities.push_back(to_json(c));
               for (const auto& a : authorisations_of(scoped, e.id)) authorisations.push_back(to_json(a, today));
               const auto closures = closures_of(scoped, e.id);
               for (const auto& c : closures) closures_json.push_back(to_json(c));
               for (const auto& c : calendars_of(scoped, e.id)) {
                 auto open = days_open(c, closures);
                 calendars.push_back({{"care_mode", c.care_mode},
                                      {"care_mode_label", label_of(care_modes(), c.care_mode)},
                                      {"year", c.year},
                                      {"days_open", open ? boost::json::value(*open) : boost::json::value(nullptr)},
                                      {"weekly_pattern", c.weekly_pattern ? boost::json::value(*c.weekly_pattern)
                                                                          : boost::json::value(nullptr)}});
               }
               body["sites"] = std::move(sites);
               body["capacities"] = std::move(capacities);
               body["capacity_today"] = to_json(capacity_on(periods, today));
               body["authorisations"] = std::move(authorisations);
               body["calendars"] = std::move(calendars);
               body["closures"] = std::move(closures_json);
               return Response::json(body);
             });

  routes.add("PATCH", "/api/v1/establishments/{id}",
             {"Modifier la fiche d'un établissement", "Établissements", {}, "les champs à modifier", true, write_reference},
             [db](Request& request) {
               auto body = json_body(request);
               auto result = db->in_transaction([&](store::Connection& c) {
                 auto e = load_establishment(c, request, write_reference);
                 const auto next = read_profile(body, &e.profile);
                 if (const auto* category = find_category(next.category_code);
                     next.category_code != e.profile.category_code && category && !category->valid_to.empty())
                   throw Problem::invalid_field("category_code", "catégorie fermée depuis le " + std::string(category->valid_to));
                 store::Scoped scoped(c, store::Scope::organisation(e.organisation_id));
                 check_profile_references(c, scoped, next, e.id);
                 update_establishment(scoped, e.id, next);
                 record(c, request, e, "update", changes(e.profile, next));
                 return *find_establishment(scoped, e.id);
               });
               return Response::json(to_json(result));
             });

  routes.add("POST", "/api/v1/establishments/{id}/archive",
             {"Archiver un établissement (jamais supprimé : il garde son histoire)", "Établissements", {}, "", true,
              write_reference},
             [db](Request& request) {
               auto result = db->in_transaction([&](store::Connection& c) {
                 auto e = load_establishment(c, request, write_reference);
                 store::Scoped scoped(c, store::Scope::organisation(e.organisation_id));
                 archive_establishment(scoped, e.id);
                 record(c, request, e, "archive", {{"archived_at", std::nullopt, std::string("archivé")}});
                 return *find_establishment(scoped, e.id);
               });
               return Response::json(to_json(result));
             });

  routes.add("GET", "/api/v1/establishments/{id}/history",
             {"Historique des modifications (qui, quand, valeur précédente)", "Établissements", {}, "", true, read_reference},
             [db](Request& request) {
               auto lease = db->acquire();
               auto e = load_establishment(*lease, request, read_reference);
               boost::json::array items;
               for (const auto& h : audit::history_of(*lease, e.organisation_id, "establishment", e.id))
                 items.push_back({{"id", h.id},
                                  {"field", h.field},
                                  {"previous_value", h.previous_value ? boost::json::value(*h.previous_value) : nullptr},
                                  {"new_value", h.new_value ? boost::json::value(*h.new_value) : nullptr},
                                  {"account", h.account_label},
                                  {"at", h.at}});
               return Response::json({{"items", std::move(items)}});
             });

  routes.add("POST", "/api/v1/establishments/{id}/sites",
             {"Ajouter un site (adresse d'implantation)", "Établissements", {}, "name, address_line?, postal_code?, city?",
              true, write_reference},
             [db](Request& request) {
               auto body = json_body(request);
               JsonReader in(body);
               Site site;
               auto name = in.text("name", true, 200);
               site.address_line = in.text("address_line", false, 200);
               site.postal_code = in.text("postal_code", false, 5);
               site.city = in.text("city", false, 100);
               if (site.postal_code && (site.postal_code->size() != 5 ||
                                        site.postal_code->find_first_not_of("0123456789") != std::string::npos))
                 in.fail("postal_code", "code postal à 5 chiffres attendu");
               in.finish();
               site.name = *name;
               auto created = db->in_transaction([&](store::Connection& c) {
                 auto e = load_establishment(c, request, write_reference);
                 site.id = insert_site(store::Scoped(c, store::Scope::organisation(e.organisation_id)), e.id, site);
                 record(c, request, e, "update", {{"sites", std::nullopt, site.name}});
                 return site;
               });
               return Response::json(to_json(created), 201);
             });

  routes.add("POST", "/api/v1/establishments/{id}/authorisations",
             {"Enregistrer un arrêté d'autorisation (renouvellement calculé, alerte à 12 mois)", "Établissements", {},
              "decision_reference, decision_date, duration_years? (15), notes?", true, write_reference},
             [db](Request& request) {
               auto authorisation = read_authorisation(json_body(request));
               auto created = db->in_transaction([&](store::Connection& c) {
                 auto e = load_establishment(c, request, write_reference);
                 authorisation.id = insert_authorisation(store::Scoped(c, store::Scope::organisation(e.organisation_id)),
                                                         e.id, authorisation);
                 record(c, request, e, "update",
                        {{"authorisations", std::nullopt,
                          authorisation.decision_reference + " du " + authorisation.decision_date.to_string()}});
                 return authorisation;
               });
               return Response::json(to_json(created, Date::today()), 201);
             });

  routes.add("PUT", "/api/v1/establishments/{id}/calendar",
             {"Jours d'ouverture d'une année pour un mode d'accueil", "Établissements", {},
              "care_mode, year, days_open | weekly_pattern (1111100)", true, write_reference},
             [db](Request& request) {
               auto calendar = read_calendar(json_body(request));
               auto open = db->in_transaction([&](store::Connection& c) {
                 auto e = load_establishment(c, request, write_reference);
                 store::Scoped scoped(c, store::Scope::organisation(e.organisation_id));
                 upsert_calendar(scoped, e.id, calendar);
                 record(c, request, e, "update",
                        {{"calendar " + calendar.care_mode + " " + std::to_string(calendar.year), std::nullopt,
                          calendar.days_open ? std::to_string(*calendar.days_open) + " jours" : *calendar.weekly_pattern}});
                 return days_open(calendar, closures_of(scoped, e.id));
               });
               return Response::json({{"care_mode", calendar.care_mode},
                                      {"year", calendar.year},
                                      {"days_open", open ? boost::json::value(*open) : boost::json::value(nullptr)}});
             });

  routes.add("POST", "/api/v1/establishments/{id}/closures",
             {"Déclarer une fermeture (jours retirés du calendrier)", "Établissements", {},
              "date_from, date_to, reason, care_mode?", true, write_reference},
             [db](Request& request) {
               auto closure = read_closure(json_body(request));
               auto created = db->in_transaction([&](store::Connection& c) {
                 auto e = load_establishment(c, request, write_reference);
                 closure.id = insert_closure(store::Scoped(c, store::Scope::organisation(e.organisation_id)), e.id, closure);
                 record(c, request, e, "update",
                        {{"closures", std::nullopt,
                          closure.from.to_string() + " au " + closure.to.to_string() + " : " + closure.reason}});
                 return closure;
               });
               return Response::json(to_json(created), 201);
             });
}

}  // namespace passerelle::modules::establishments
