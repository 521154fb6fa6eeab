// CPOM: the reference lists, the contracts (list, creation, detail, changes, history) and their objectives.
// The action sheets are in cpom_sheet_routes.cpp.
#include "audit/history.hpp"
#include "core/json_reader.hpp"
#include "core/pagination.hpp"
#include "modules/steering/cpom_support.hpp"
#include "modules/steering/routes.hpp"

namespace passerelle::modules::steering {
namespace {

using namespace cpom;

std::string ids_text(const std::vector<std::int64_t>& ids) {
  std::string out;
  for (auto id : ids) out += (out.empty() ? "" : ",") + std::to_string(id);
  return out;
}

std::string codes_text(const std::vector<std::string>& codes) {
  std::string out;
  for (const auto& c : codes) out += (out.empty() ? "" : ",") + c;
  return out;
}

// The CPOM's establishments are the organisation's, the readers it adds the organisation's external readers
// (else 422 naming the item); a caller with rights over some establishments only must cover them all (403).
void check_references(const store::Scoped& db, const Request& request, const Cpom& c, const Cpom* current) {
  std::vector<FieldError> errors;
  const auto names = establishment_names(db, c.establishment_ids);
  for (std::size_t i = 0; i < c.establishment_ids.size(); ++i)
    if (!names.contains(c.establishment_ids[i]))
      errors.push_back({"establishment_ids/" + std::to_string(i), "établissement inconnu dans cet organisme"});
  const auto readers = reader_accounts(db);
  for (std::size_t i = 0; i < c.reader_ids.size(); ++i) {
    // A reader already named stays valid (an account disabled since then reads nothing anyway).
    const auto id = c.reader_ids[i];
    if (current && std::find(current->reader_ids.begin(), current->reader_ids.end(), id) != current->reader_ids.end())
      continue;
    if (std::none_of(readers.begin(), readers.end(), [&](const ReaderAccount& r) { return r.id == id; }))
      errors.push_back(
          {"reader_ids/" + std::to_string(i), "compte inconnu, désactivé ou sans rôle de lecteur externe"});
  }
  if (!errors.empty()) throw Problem::invalid(errors);
  if (access_to(request.caller, c) != Access::write)
    throw Problem::forbidden("Vous ne gérez pas tous les établissements concernés par ce CPOM.").mark_access_denied();
}

// A new period or fewer establishments must leave every action and indicator of the sheets valid; the error
// names the field of the CPOM that was changed.
void check_sheets_still_fit(const store::Scoped& db, const Cpom& current, const Cpom& next) {
  const std::string period_field = next.end_date != current.end_date ? "end_date" : "start_date";
  for (const auto& s : sheets_of(db, next.id)) {
    for (const auto& a : s.actions)
      for (const auto& e : action_errors(a, next)) {
        const bool dates = e.field == "start_date" || e.field == "deadline";
        throw Problem::invalid_field(dates ? period_field : "establishment_ids",
                                     "l'action « " + a.label + " » de la fiche « " + s.title + " » : " + e.message);
      }
    for (const auto& i : s.indicators)
      for (const auto& e : indicator_errors(i, next))
        throw Problem::invalid_field(period_field,
                                     "l'indicateur « " + i.label + " » de la fiche « " + s.title + " » : " + e.message);
  }
}

boost::json::object history_json(const std::vector<audit::HistoryEntry>& entries) {
  boost::json::array items;
  for (const auto& h : entries)
    items.push_back({{"id", h.id},
                     {"field", h.field},
                     {"previous_value", h.previous_value ? boost::json::value(*h.previous_value) : nullptr},
                     {"new_value", h.new_value ? boost::json::value(*h.new_value) : nullptr},
                     {"account", h.account_label},
                     {"at", h.at}});
  return {{"items", std::move(items)}};
}

// The objective named by the path within the CPOM, else 404.
Objective objective_in(const std::vector<Objective>& objectives, std::int64_t id) {
  for (const auto& o : objectives)
    if (o.id == id) return o;
  throw Problem::hidden();
}

// A parent must be a strategic objective of the same CPOM; an objective with operational objectives
// under it stays strategic.
void check_parent(const std::vector<Objective>& objectives, const Objective& o) {
  if (!o.parent_id) {
    return;
  }
  if (o.parent_id == o.id) throw Problem::invalid_field("parent_id", "un objectif ne peut pas être son propre parent");
  const auto parent =
      std::find_if(objectives.begin(), objectives.end(), [&](const Objective& p) { return p.id == *o.parent_id; });
  if (parent == objectives.end()) throw Problem::invalid_field("parent_id", "objectif inconnu dans ce CPOM");
  if (!parent->strategic()) throw Problem::invalid_field("parent_id", "le parent doit être un objectif stratégique");
  if (o.id &&
      std::any_of(objectives.begin(), objectives.end(), [&](const Objective& c) { return c.parent_id == o.id; }))
    throw Problem::invalid_field("parent_id", "cet objectif stratégique a des objectifs opérationnels");
}

}  // namespace

void register_cpom_routes(RouteTable& routes, const Services& services) {
  auto db = services.database;

  routes.add("GET", "/api/v1/cpom/reference",
             {"Nomenclatures du CPOM : statuts, statuts d'action, unités, financeurs, indicateurs calculés liables",
              "CPOM",
              {},
              "",
              true,
              read_contracts},
             [](Request&) { return Response::json(reference_json()); });

  routes.add("GET", "/api/v1/cpom/reader-accounts",
             {"Comptes de lecteurs externes (financeurs) de l'organisme, que l'on peut nommer sur un CPOM",
              "CPOM",
              {},
              "",
              true,
              write_contracts},
             [db](Request& request) {
               const auto scope = scope_of(request.caller);
               if (scope.is_platform())
                 throw Problem::forbidden("Les CPOM se gèrent dans un organisme.").mark_access_denied();
               auto lease = db->acquire();
               boost::json::array items;
               for (const auto& r : reader_accounts(store::Scoped(*lease, scope)))
                 items.push_back({{"id", r.id}, {"display_name", r.display_name}, {"email", r.email}});
               return Response::json({{"items", std::move(items)}});
             });

  routes.add("GET", "/api/v1/cpom",
             {"Liste des CPOM visibles (un lecteur externe ne voit que ceux qui le nomment)",
              "CPOM",
              {{"limit", "nombre d'éléments par page (1 à 200, 50 par défaut)", false},
               {"cursor", "curseur renvoyé par la page précédente", false}},
              "",
              true,
              read_contracts},
             [db](Request& request) {
               const auto scope = scope_of(request.caller);
               const auto page = page_request(request);
               auto lease = db->acquire();
               store::Scoped data(*lease, scope);
               boost::json::array items;
               bool reader = false;
               for (const auto& c : list_cpoms(data, page.after_id)) {
                 const auto access = access_to(request.caller, c);
                 if (access == Access::none) continue;
                 reader = reader || access == Access::reader;
                 items.push_back(cpom_json(cpom_scope(*lease, c), c, access));
                 if (static_cast<std::int64_t>(items.size()) > page.limit) break;
               }
               if (reader) {
                 auto e = audit::event_for(request, "read", "cpom", "list");
                 e.organisation_id = scope.organisation_id();
                 audit::append_alone(*db, e);
               }
               return Response::json(page_of(std::move(items), page));
             });

  routes.add("POST", "/api/v1/cpom",
             {"Créer un CPOM",
              "CPOM",
              {},
              "name, funders [ars | departement], establishment_ids, start_date, end_date (au plus 6 ans), "
              "status? (draft | signed | ended), reader_ids? (comptes de lecteurs externes)",
              true,
              write_contracts},
             [db](Request& request) {
               const auto scope = scope_of(request.caller);
               if (scope.is_platform())
                 throw Problem::forbidden("Les CPOM se gèrent dans un organisme.").mark_access_denied();
               auto input = read_cpom(json_body(request), nullptr);
               input.organisation_id = *scope.organisation_id();
               input.created_by = request.caller.label;
               auto created = db->in_transaction([&](store::Connection& c) {
                 store::Scoped data(c, scope);
                 check_references(data, request, input, nullptr);
                 input.id = insert_cpom(data, input);
                 audit::record_changes(
                     c, request, input.organisation_id, "cpom", input.id,
                     {{"created", std::nullopt,
                       input.name + " — du " + input.start_date.to_string() + " au " + input.end_date.to_string()}});
                 std::vector<std::string> fields{"name",       "funders",  "establishment_ids",
                                                 "start_date", "end_date", "status"};
                 if (!input.reader_ids.empty()) fields.push_back("reader_ids");
                 audit::append(c, cpom_event(request, "create", "cpom", input.id, input, fields));
                 return cpom_json(data, *find_cpom(data, input.id), Access::write);
               });
               auto response = Response::json(created, 201);
               response.set_header("Location", "/api/v1/cpom/" + std::to_string(created.at("id").as_int64()));
               return response;
             });

  routes.add(
      "GET", "/api/v1/cpom/{id}",
      {"Un CPOM : financeurs, établissements, période, objectifs, avancement", "CPOM", {}, "", true, read_contracts},
      [db](Request& request) {
        auto lease = db->acquire();
        const auto loaded = load_cpom(*lease, request, false);
        const auto data = cpom_scope(*lease, loaded.cpom);
        auto body = cpom_json(data, loaded.cpom, loaded.access);
        boost::json::array objectives;
        for (const auto& o : objectives_of(data, loaded.cpom.id)) objectives.push_back(to_json(o));
        body["objectives"] = std::move(objectives);
        audit_reader_read(*db, request, loaded, "cpom", loaded.cpom.id);
        return Response::json(body);
      });

  routes.add("PATCH", "/api/v1/cpom/{id}",
             {"Modifier un CPOM (nom, financeurs, établissements, période, statut, lecteurs externes)",
              "CPOM",
              {},
              "les champs à modifier",
              true,
              write_contracts},
             [db](Request& request) {
               const auto body = json_body(request);
               auto updated = db->in_transaction([&](store::Connection& c) {
                 const auto current = load_cpom(c, request, true).cpom;
                 auto next = read_cpom(body, &current);
                 const auto data = cpom_scope(c, current);
                 check_references(data, request, next, &current);
                 check_sheets_still_fit(data, current, next);
                 update_cpom(data, next);
                 auto changed = audit::record_changes(
                     c, request, current.organisation_id, "cpom", current.id,
                     {{"name", current.name, next.name},
                      {"funders", codes_text(current.funders), codes_text(next.funders)},
                      {"establishment_ids", ids_text(current.establishment_ids), ids_text(next.establishment_ids)},
                      {"reader_ids", ids_text(current.reader_ids), ids_text(next.reader_ids)},
                      {"start_date", current.start_date.to_string(), next.start_date.to_string()},
                      {"end_date", current.end_date.to_string(), next.end_date.to_string()},
                      {"status", current.status, next.status}});
                 audit::append(c, cpom_event(request, "update", "cpom", current.id, current, changed));
                 return cpom_json(data, *find_cpom(data, current.id), Access::write);
               });
               return Response::json(updated);
             });

  routes.add("GET", "/api/v1/cpom/{id}/history",
             {"Historique des modifications d'un CPOM et de ses objectifs (pas pour les lecteurs externes)",
              "CPOM",
              {},
              "",
              true,
              read_contracts},
             [db](Request& request) {
               auto lease = db->acquire();
               const auto loaded = load_cpom(*lease, request, false);
               require_staff(loaded);
               return Response::json(
                   history_json(audit::history_of(*lease, loaded.cpom.organisation_id, "cpom", loaded.cpom.id)));
             });

  routes.add("POST", "/api/v1/cpom/{id}/objectives",
             {"Ajouter un objectif stratégique, ou opérationnel sous un objectif stratégique (parent_id)",
              "CPOM",
              {},
              "title, parent_id?",
              true,
              write_contracts},
             [db](Request& request) {
               const auto body = json_body(request);
               auto created = db->in_transaction([&](store::Connection& c) {
                 const auto cpom = load_cpom(c, request, true).cpom;
                 auto o = read_objective(body, nullptr);
                 o.cpom_id = cpom.id;
                 const auto data = cpom_scope(c, cpom);
                 check_parent(objectives_of(data, cpom.id), o);
                 o.id = insert_objective(data, o);
                 audit::record_changes(c, request, cpom.organisation_id, "cpom", cpom.id,
                                       {{"objectives/" + std::to_string(o.id), std::nullopt, o.title}});
                 audit::append(c, cpom_event(request, "create", "cpom_objective", o.id, cpom, {"title", "parent_id"}));
                 return o;
               });
               return Response::json(to_json(created), 201);
             });

  routes.add("PATCH", "/api/v1/cpom/{id}/objectives/{objective_id}",
             {"Modifier un objectif (intitulé, objectif stratégique de rattachement)",
              "CPOM",
              {},
              "title?, parent_id?",
              true,
              write_contracts},
             [db](Request& request) {
               const auto body = json_body(request);
               auto updated = db->in_transaction([&](store::Connection& c) {
                 const auto cpom = load_cpom(c, request, true).cpom;
                 const auto data = cpom_scope(c, cpom);
                 const auto objectives = objectives_of(data, cpom.id);
                 const auto current = objective_in(objectives, request.id_param("objective_id"));
                 auto next = read_objective(body, &current);
                 // Sheets follow operational objectives: one carrying sheets stays operational.
                 if (!current.strategic() && next.strategic())
                   for (const auto& s : sheets_of(data, cpom.id))
                     if (s.objective_id == current.id)
                       throw Problem::invalid_field("parent_id", "cet objectif opérationnel porte des fiches action");
                 check_parent(objectives, next);
                 update_objective(data, next);
                 const auto key = "objectives/" + std::to_string(current.id);
                 auto changed = audit::record_changes(
                     c, request, cpom.organisation_id, "cpom", cpom.id,
                     {{key + "/title", current.title, next.title},
                      {key + "/parent_id",
                       current.parent_id ? std::optional(std::to_string(*current.parent_id)) : std::nullopt,
                       next.parent_id ? std::optional(std::to_string(*next.parent_id)) : std::nullopt}});
                 audit::append(c, cpom_event(request, "update", "cpom_objective", current.id, cpom, changed));
                 return next;
               });
               return Response::json(to_json(updated));
             });

  cpom::register_sheet_routes(routes, services);
}

}  // namespace passerelle::modules::steering
