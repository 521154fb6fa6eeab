// Staff members: list, creation (with first contracts), detail, changes; the FTE figures.
#include "modules/staff/routes.hpp"

#include <algorithm>

#include "auth/policy.hpp"
#include "core/json_reader.hpp"
#include "core/text.hpp"
#include "modules/staff/json.hpp"
#include "modules/staff/routes_support.hpp"

namespace passerelle::modules::staff {
namespace {

std::optional<std::int64_t> id_query(const Request& request, const char* name) {
  auto text = request.query_param(name);
  if (!text) return std::nullopt;
  try {
    std::size_t used = 0;
    const auto id = std::stoll(*text, &used);
    if (used == text->size() && id > 0) return id;
  } catch (const std::exception&) {
    // answered below
  }
  throw Problem::bad_request(std::string("Paramètre « ") + name + " » invalide.", {{name, "identifiant attendu"}});
}

std::optional<Date> date_query(const Request& request, const char* name) {
  auto text = request.query_param(name);
  if (!text) return std::nullopt;
  auto date = Date::parse(*text);
  if (!date)
    throw Problem::bad_request(std::string("Paramètre « ") + name + " » invalide.",
                               {{name, "date AAAA-MM-JJ attendue"}});
  return date;
}

StaffFilter read_filter(const Request& request) {
  StaffFilter filter;
  filter.establishment_id = id_query(request, "establishment");
  if (auto job = request.query_param("job")) {
    if (!find_job(*job)) throw Problem::bad_request("Filtre invalide.", {{"job", "métier inconnu"}});
    filter.job_code = job;
  }
  if (auto category = request.query_param("job_category")) {
    if (!has_code(job_categories(), *category))
      throw Problem::bad_request("Filtre invalide.", {{"job_category", "catégorie de métier inconnue"}});
    filter.job_category = category;
  }
  if (auto q = request.query_param("q")) {
    if (auto problem = text_problem(*q, 100)) throw Problem::bad_request("Filtre invalide.", {{"q", *problem}});
    std::string folded;
    for (char c : fold_for_search(trim(*q)))
      if (c != '%' && c != '_') folded.push_back(c);
    if (!folded.empty()) filter.text = folded;
  }
  filter.active_on = date_query(request, "active_on");
  return filter;
}

// The caller may link this account: one of the organisation's, not linked to another member.
void check_account(const store::Scoped& db, const StaffMember& m) {
  if (!m.account_id) return;
  if (!account_in_organisation(db, *m.account_id))
    throw Problem::invalid_field("account_id", "compte inconnu dans cet organisme");
  if (account_taken(db, *m.account_id, m.id))
    throw Problem::conflict("Ce compte est déjà lié à un autre membre du personnel.",
                            {{"account_id", "compte déjà lié à un autre membre du personnel"}});
}

}  // namespace

void register_routes(RouteTable& routes, const Services& services) {
  auto db = services.database;

  routes.add("GET", "/api/v1/staff/reference",
             {"Nomenclatures du personnel : métiers et catégories, types de contrat, motifs, types d'absence",
              "Personnel",
              {},
              "",
              true,
              // Every professional of an organisation (their own record uses it), not an external reader.
              Permission{Brick::establishments, DataCategory::reference, Action::read}},
             [](Request&) { return Response::json(reference_json()); });

  routes.add("GET", "/api/v1/staff",
             {"Liste du personnel des établissements accessibles",
              "Personnel",
              {{"limit", "nombre d'éléments par page (1 à 200, 50 par défaut)", false},
               {"cursor", "curseur renvoyé par la page précédente", false},
               {"establishment", "avec un contrat dans cet établissement", false},
               {"job", "métier actuel (code)", false},
               {"job_category", "catégorie de métier", false},
               {"q", "recherche dans les noms", false},
               {"active_on", "avec un contrat en cours ce jour (AAAA-MM-JJ)", false}},
              "",
              true,
              read_hr},
             [db](Request& request) {
               const auto scope = scope_of(request.caller);
               if (scope.is_platform())
                 throw Problem::forbidden("Le personnel se consulte dans un organisme.").mark_access_denied();
               const auto page = page_request(request);
               auto filter = read_filter(request);
               filter.only = auth::establishments_allowed(request.caller, read_hr, *scope.organisation_id());
               auto lease = db->acquire();
               boost::json::array items;
               for (const auto& m : list_staff(store::Scoped(*lease, scope), page, filter))
                 items.push_back(to_json(m, false));
               auto e = audit::event_for(request, "read", "staff_member", "list");
               e.organisation_id = scope.organisation_id();
               audit::append_alone(*db, e);
               return Response::json(page_of(std::move(items), page));
             });

  routes.add("POST", "/api/v1/staff",
             {"Créer la fiche d'un professionnel (avec ses premiers contrats)",
              "Personnel",
              {},
              "last_name, first_name, job, sex?, birth_date?, account_id?, contracts? [{establishment_id, kind, "
              "fixed_term_reason?, start_date, end_date?, working_time, job?}]",
              true,
              write_hr},
             [db](Request& request) {
               const auto scope = scope_of(request.caller);
               if (scope.is_platform())
                 throw Problem::forbidden("Le personnel se gère dans un organisme.").mark_access_denied();
               const auto organisation = *scope.organisation_id();
               const auto body = json_body(request);
               auto member = read_member(body, nullptr);
               // The contracts, named contracts/<i>/<field>.
               std::vector<Contract> contracts;
               std::vector<FieldError> errors;
               if (const auto* list = body.as_object().if_contains("contracts"); list && list->is_array()) {
                 for (std::size_t i = 0; i < list->as_array().size(); ++i) {
                   const auto prefix = "contracts/" + std::to_string(i) + "/";
                   JsonReader in(list->as_array()[i], prefix);
                   contracts.push_back(read_contract(in, nullptr, member.job_code));
                   contracts.back().id = -static_cast<std::int64_t>(i) - 1;  // distinct until stored
                   if (in.ok()) {
                     const std::vector<Contract> before(contracts.begin(), contracts.end() - 1);
                     for (const auto& e : contract_conflicts(contracts.back(), before, prefix))
                       in.fail(e.field.substr(prefix.size()), e.message);
                   }
                   try {
                     in.finish();
                   } catch (const Problem& p) {
                     errors.insert(errors.end(), p.errors().begin(), p.errors().end());
                   }
                 }
               }
               if (!errors.empty()) throw Problem::invalid(errors);
               auto only = auth::establishments_allowed(request.caller, write_hr, organisation);
               if (only && std::none_of(contracts.begin(), contracts.end(), [&](const Contract& c) {
                     return std::find(only->begin(), only->end(), c.establishment_id) != only->end();
                   }))
                 throw Problem::invalid_field("contracts",
                                              "un contrat dans un établissement que vous gérez est nécessaire");
               member.organisation_id = organisation;
               member.created_by = request.caller.label;
               auto created = db->in_transaction([&](store::Connection& c) {
                 store::Scoped data(c, scope);
                 for (std::size_t i = 0; i < contracts.size(); ++i)
                   check_contract_establishment(data, request, organisation, contracts[i].establishment_id,
                                                "contracts/" + std::to_string(i) + "/establishment_id");
                 check_account(data, member);
                 member.id = insert_staff(data, member);
                 for (auto& contract : contracts) {
                   contract.staff_id = member.id;
                   contract.created_by = request.caller.label;
                   contract.id = insert_contract(data, contract);
                 }
                 auto e = staff_event(request, "create", member, {"last_name", "first_name", "job"});
                 if (!contracts.empty()) e.fields.push_back("contracts");
                 if (member.account_id) e.fields.push_back("account_id");
                 audit::append(c, e);
                 return *find_staff(data, member.id);
               });
               auto response = Response::json(to_json(created, true), 201);
               response.set_header("Location", "/api/v1/staff/" + std::to_string(created.id));
               return response;
             });

  register_import_routes(routes, services);  // before /{id}: "import", "export" and "mine" are not ids

  routes.add("GET", "/api/v1/staff/mine",
             {"Ma fiche du personnel (celle liée à mon compte), en lecture", "Personnel", {}, "", true},
             [db](Request& request) {
               if (!request.caller.account_id)
                 throw Problem::not_found("Aucune fiche du personnel n'est liée à ce compte.");
               auto lease = db->acquire();
               store::Scoped data(*lease, scope_of(request.caller));
               auto row = data.query_one("SELECT id FROM staff_member WHERE {{tenant}} AND account_id = :a",
                                         {{"a", *request.caller.account_id}});
               if (!row) throw Problem::not_found("Aucune fiche du personnel n'est liée à votre compte.");
               auto m = *find_staff(data, row->integer("id"));
               audit::append_alone(*db, staff_event(request, "read", m, {"identity", "contracts", "absences"}));
               return Response::json(to_json(m, true));
             });

  routes.add("GET", "/api/v1/fte",
             {"Équivalents temps plein (ETP) à une date ou en moyenne sur une période, par établissement et catégorie "
              "de métier",
              "Personnel",
              {{"scope", "organisation (par défaut) ou l'identifiant d'un établissement", false},
               {"date", "ETP à cette date (AAAA-MM-JJ, aujourd'hui par défaut)", false},
               {"from", "début de la période (moyenne), avec to", false},
               {"to", "fin de la période (incluse)", false}},
              "",
              true,
              read_hr},
             [db](Request& request) {
               const auto scope = scope_of(request.caller);
               if (scope.is_platform())
                 throw Problem::forbidden("Les ETP se consultent dans un organisme.").mark_access_denied();
               const auto organisation = *scope.organisation_id();
               auto only = auth::establishments_allowed(request.caller, read_hr, organisation);
               const auto scope_text = request.query_param("scope").value_or("organisation");
               std::optional<std::int64_t> establishment;
               if (scope_text != "organisation") {
                 try {
                   std::size_t used = 0;
                   establishment = std::stoll(scope_text, &used);
                   if (used != scope_text.size() || *establishment <= 0) establishment.reset();
                 } catch (const std::exception&) {
                   establishment.reset();
                 }
                 if (!establishment)
                   throw Problem::bad_request("Paramètre « scope » invalide.",
                                              {{"scope", "organisation ou l'identifiant d'un établissement"}});
               }
               const auto date = date_query(request, "date");
               const auto from = date_query(request, "from");
               const auto to = date_query(request, "to");
               if (date && (from || to))
                 throw Problem::bad_request("Une date ou une période, pas les deux.",
                                            {{"date", "date ou période (from, to)"}});
               if (static_cast<bool>(from) != static_cast<bool>(to))
                 throw Problem::bad_request("Période incomplète.",
                                            {{from ? "to" : "from", "début et fin de période attendus"}});
               if (from && *to < *from)
                 throw Problem::bad_request("Période invalide.", {{"to", "la fin précède le début"}});
               auto lease = db->acquire();
               store::Scoped data(*lease, scope);
               if (establishment) {
                 if (!establishment_in_organisation(data, *establishment)) throw Problem::hidden();
                 auth::require(request.caller, read_hr, organisation, *establishment);
                 only = std::vector<std::int64_t>{*establishment};
               }
               const Date first = from ? *from : date.value_or(Date::today());
               const Date last = from ? *to : first;
               const auto contracts = contracts_running(data, first, last, only);
               auto out = to_json(from ? fte_average(contracts, first, last) : fte_on(contracts, first));
               out["scope"] = establishment ? boost::json::value(*establishment) : boost::json::value("organisation");
               if (from) {
                 out["from"] = first.to_string();
                 out["to"] = last.to_string();
               } else {
                 out["date"] = first.to_string();
               }
               auto e = audit::event_for(request, "read", "fte", scope_text);
               e.organisation_id = organisation;
               e.establishment_id = establishment;
               audit::append_alone(*db, e);
               return Response::json(out);
             });

  register_member_routes(routes, services);
  register_contract_routes(routes, services);
}

void register_member_routes(RouteTable& routes, const Services& services) {
  auto db = services.database;

  routes.add("GET", "/api/v1/staff/{id}",
             {"Fiche d'un professionnel : contrats et absences (sa propre fiche pour chaque professionnel)",
              "Personnel",
              {},
              "",
              true},
             [db](Request& request) {
               auto lease = db->acquire();
               auto m = load_member(*lease, request, read_hr, true);
               audit::append_alone(*db, staff_event(request, "read", m, {"identity", "contracts", "absences"}));
               return Response::json(to_json(m, true));
             });

  routes.add("PATCH", "/api/v1/staff/{id}",
             {"Modifier la fiche d'un professionnel",
              "Personnel",
              {},
              "last_name?, first_name?, job?, sex?, birth_date?, account_id? (null : délier)",
              true,
              write_hr},
             [db](Request& request) {
               const auto body = json_body(request);
               auto updated = db->in_transaction([&](store::Connection& c) {
                 auto current = load_for_change(c, request);
                 auto next = read_member(body, &current);
                 auto data = member_scope(c, current);
                 check_account(data, next);
                 update_staff(data, next);
                 std::vector<std::string> fields;
                 if (next.last_name != current.last_name) fields.push_back("last_name");
                 if (next.first_name != current.first_name) fields.push_back("first_name");
                 if (next.job_code != current.job_code) fields.push_back("job");
                 if (next.sex != current.sex) fields.push_back("sex");
                 if (next.birth_date != current.birth_date) fields.push_back("birth_date");
                 if (next.account_id != current.account_id) fields.push_back("account_id");
                 audit::append(c, staff_event(request, "update", current, fields));
                 return *find_staff(data, current.id);
               });
               return Response::json(to_json(updated, true));
             });
}

}  // namespace passerelle::modules::staff
