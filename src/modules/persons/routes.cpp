#include "modules/persons/routes.hpp"

#include <algorithm>

#include "audit/history.hpp"
#include "audit/trail.hpp"
#include "auth/policy.hpp"
#include "core/json_reader.hpp"
#include "core/text.hpp"
#include "modules/establishments/reference.hpp"
#include "modules/persons/json.hpp"
#include "modules/persons/store.hpp"

namespace passerelle::modules::persons {
namespace {

const Permission read_admin{Brick::persons, DataCategory::administrative, Action::read};
const Permission write_admin{Brick::persons, DataCategory::administrative, Action::write};

std::int64_t organisation_of_caller(const Request& request) {
  if (!request.caller.organisation_id) throw Problem::forbidden("Les dossiers appartiennent à un organisme.").mark_access_denied();
  return *request.caller.organisation_id;
}

Visibility visibility_for(const Request& request, const Permission& permission) {
  return {auth::establishments_allowed(request.caller, permission, organisation_of_caller(request))};
}

store::Scoped scoped(store::Connection& c, const Request& request) {
  return store::Scoped(c, store::Scope::organisation(organisation_of_caller(request)));
}

// The person named by the path if the caller may do `permission` on it, else the usual 404.
Person load_person(store::Connection& c, const Request& request, const Permission& permission,
                   const std::string& id_name = "id") {
  auto found = find_person(scoped(c, request), request.id_param(id_name), visibility_for(request, permission));
  if (!found) throw Problem::hidden().mark_access_denied();
  return *found;
}

audit::Event person_event(const Request& request, const std::string& action, const Person& p, std::vector<std::string> fields = {}) {
  auto e = audit::event_for(request, action, "person", std::to_string(p.id));
  e.organisation_id = p.organisation_id;
  e.establishment_id = p.registered_establishment_id;
  e.person_id = p.id;
  e.fields = std::move(fields);
  return e;
}

std::vector<audit::FieldChange> identity_changes(const Identity& a, const Identity& b) {
  auto join = [](const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
    return s;
  };
  return {{"birth_name", a.birth_name, b.birth_name},       {"used_name", a.used_name, b.used_name},
          {"first_names", join(a.first_names), join(b.first_names)}, {"used_first_name", a.used_first_name, b.used_first_name},
          {"sex", a.sex, b.sex},                            {"birth_date", a.birth_date, b.birth_date},
          {"birth_place", a.birth_place, b.birth_place},    {"nir", a.nir, b.nir},
          {"identity_status", a.identity_status, b.identity_status},
          {"identity_document", a.identity_document, b.identity_document}};
}

// Scored candidates: those the caller may see in full, and how many others exist elsewhere in the
// organisation (identity-vigilance needs to know, need-to-know forbids the details).
boost::json::object duplicates_json(store::Connection& c, const Request& request, const Identity& identity, std::int64_t except) {
  auto db = scoped(c, request);
  const auto allowed = visibility_for(request, read_admin).only;
  boost::json::array visible;
  std::int64_t hidden = 0;
  for (const auto& candidate : duplicate_candidates(db, identity, except)) {
    auto score = duplicate_score(identity, candidate.identity);
    if (score.score < likely_duplicate) continue;
    bool may_see = !allowed;
    if (allowed)
      for (auto e : establishments_of(db, candidate))
        may_see = may_see || std::find(allowed->begin(), allowed->end(), e) != allowed->end();
    if (!may_see) {
      ++hidden;
      continue;
    }
    boost::json::array reasons;
    for (const auto& r : score.reasons) reasons.emplace_back(r);
    auto item = to_json(candidate);
    item["score"] = score.score;
    item["reasons"] = std::move(reasons);
    visible.push_back(std::move(item));
  }
  return {{"candidates", std::move(visible)}, {"elsewhere_in_organisation", hidden}};
}

}  // namespace

void register_routes(RouteTable& routes, const Services& services) {
  auto db = services.database;

  routes.add("GET", "/api/v1/persons",
             {"Rechercher une personne accompagnée (nom, NIR, date de naissance)", "Usagers",
              {{"q", "début du nom ou du prénom, dans n'importe quel ordre, sans accents ni casse", false},
               {"birth_date", "AAAA-MM-JJ ou AAAA", false}, {"nir", "NIR à 15 caractères", false},
               {"limit", "taille de page", false}, {"cursor", "page suivante", false}},
              "", true, read_admin},
             [db](Request& request) {
               SearchQuery q;
               std::vector<FieldError> errors;
               if (auto text = request.query_param("q")) {
                 if (auto problem = text_problem(*text, 100)) errors.push_back({"q", *problem});
                 std::string folded;
                 for (char ch : normalise_name(*text))
                   if (ch != '%' && ch != '_') folded.push_back(ch);
                 if (!folded.empty()) q.text = folded;
               }
               if (auto b = request.query_param("birth_date")) {
                 if (!(b->size() == 4 && b->find_first_not_of("0123456789") == std::string::npos) && !Date::parse(*b))
                   errors.push_back({"birth_date", "AAAA-MM-JJ ou AAAA attendu"});
                 q.birth_date = b;
               }
               if (auto n = request.query_param("nir")) {
                 if (n->size() != 15) errors.push_back({"nir", "15 caractères attendus"});
                 q.nir = n;
               }
               if (!errors.empty()) throw Problem::bad_request("Recherche invalide.", errors);
               const auto page = page_request(request, 20);
               auto lease = db->acquire();
               auto found = search_persons(scoped(*lease, request), q, visibility_for(request, read_admin), page);
               boost::json::array items;
               std::string ids;
               for (const auto& p : found) {
                 items.push_back(to_json(p));
                 ids += (ids.empty() ? "" : ",") + std::to_string(p.id);
               }
               auto e = audit::event_for(request, "search", "person", ids.substr(0, 1000));
               audit::append_alone(*db, e);
               return Response::json(page_of(std::move(items), page));
             });

  routes.add("POST", "/api/v1/persons",
             {"Créer le dossier d'une personne (doublons probables signalés : confirm_duplicate pour passer outre)",
              "Usagers", {},
              "establishment_id, birth_name, first_names [ordre de l'acte], sex (F|M|I), birth_date, used_name?, "
              "used_first_name?, birth_place?, nir?, identity_status?, identity_document?, confirm_duplicate?",
              true, write_admin},
             [db](Request& request) {
               std::optional<std::int64_t> establishment;
               bool confirm = false;
               const auto identity = read_identity(json_body(request), nullptr, &establishment, &confirm);
               const auto organisation = organisation_of_caller(request);
               auto result = db->in_transaction([&](store::Connection& c) {
                 if (!c.query_one("SELECT id FROM establishment WHERE id = :id AND organisation_id = :o AND archived_at IS NULL",
                                  {{"id", *establishment}, {"o", organisation}}))
                   throw Problem::invalid_field("establishment_id", "établissement inconnu dans votre organisme");
                 auth::require(request.caller, write_admin, organisation, *establishment);
                 auto duplicates = duplicates_json(c, request, identity, 0);
                 const bool any = !duplicates["candidates"].as_array().empty() || duplicates["elsewhere_in_organisation"].as_int64() > 0;
                 if (any && !confirm) {
                   Problem p(409, "possible-duplicate", "Doublon probable",
                             "Une personne très proche existe déjà : vérifiez avant de créer un nouveau dossier "
                             "(confirm_duplicate: true pour créer quand même).",
                             {{"confirm_duplicate", "doublon probable"}});
                   throw p;
                 }
                 const auto id = insert_person(scoped(c, request), *establishment, identity);
                 auto person = *find_person(scoped(c, request), id, {});
                 audit::record_changes(c, request, organisation, "person", id,
                                       {{"created", std::nullopt, identity.birth_name + " (" + identity.birth_date + ")"}});
                 auto e = person_event(request, "create", person, {"identity"});
                 if (any) e.object_id += " (doublon probable confirmé)";
                 audit::append(c, e);
                 return person;
               });
               auto response = Response::json(to_json(result), 201);
               response.set_header("Location", "/api/v1/persons/" + std::to_string(result.id));
               return response;
             });

  routes.add("GET", "/api/v1/persons/alerts",
             {"Décisions d'orientation à échéance dans les 6 mois, et personnes accueillies sans décision valide",
              "Usagers", {}, "", true, read_admin},
             [db](Request& request) {
               const auto today = Date::today();
               auto lease = db->acquire();
               boost::json::array expiring, without;
               std::string ids;
               for (const auto& alert : decision_alerts(scoped(*lease, request), visibility_for(request, read_admin), today)) {
                 auto person = to_json(alert.person);
                 ids += (ids.empty() ? "" : ",") + std::to_string(alert.person.id);
                 if (alert.decision) {
                   expiring.push_back({{"person", std::move(person)}, {"decision", to_json(*alert.decision, today)}});
                 } else {
                   without.push_back(boost::json::object{{"person", std::move(person)}});
                 }
               }
               audit::append_alone(*db, audit::event_for(request, "read", "person_alerts", ids.substr(0, 1000)));
               return Response::json({{"expiring_decisions", std::move(expiring)}, {"without_valid_decision", std::move(without)}});
             });

  routes.add("GET", "/api/v1/persons/duplicates",
             {"Doublons probables d'une personne (rapprochement des noms, date et lieu de naissance)", "Usagers",
              {{"id", "identifiant de la personne", true}}, "", true, read_admin},
             [db](Request& request) {
               auto text = request.query_param("id");
               if (!text) throw Problem::bad_request("Paramètre « id » obligatoire.", {{"id", "identifiant attendu"}});
               request.path_params["id"] = *text;
               auto lease = db->acquire();
               auto person = load_person(*lease, request, read_admin);
               auto body = duplicates_json(*lease, request, person.identity, person.id);
               audit::append_alone(*db, person_event(request, "read", person, {"duplicates"}));
               return Response::json(body);
             });

  routes.add("GET", "/api/v1/persons/{id}", {"Dossier administratif d'une personne (lecture tracée)", "Usagers", {}, "", true, read_admin},
             [db](Request& request) {
               auto lease = db->acquire();
               auto person = load_person(*lease, request, read_admin);
               auto body = to_json(person);
               boost::json::array stays;
               for (const auto& s : stays_of(scoped(*lease, request), person.id)) stays.push_back(to_json(s));
               body["stays"] = std::move(stays);
               boost::json::array decisions;
               for (const auto& d : decisions_of(scoped(*lease, request), person.id)) decisions.push_back(to_json(d, Date::today()));
               body["decisions"] = std::move(decisions);
               // Every view of a record is audited; the answer waits until the event is durable.
               audit::append_alone(*db, person_event(request, "read", person));
               return Response::json(body);
             });

  routes.add("PATCH", "/api/v1/persons/{id}",
             {"Corriger l'identité d'une personne (historique conservé)", "Usagers", {}, "les champs à modifier", true, write_admin},
             [db](Request& request) {
               auto body = json_body(request);
               auto result = db->in_transaction([&](store::Connection& c) {
                 auto person = load_person(c, request, write_admin);
                 const auto next = read_identity(body, &person.identity);
                 update_person(scoped(c, request), person.id, next);
                 auto changed = audit::record_changes(c, request, person.organisation_id, "person", person.id,
                                                      identity_changes(person.identity, next));
                 audit::append(c, person_event(request, "update", person, changed));
                 return *find_person(scoped(c, request), person.id, {});
               });
               return Response::json(to_json(result));
             });

  routes.add("POST", "/api/v1/persons/{id}/decisions",
             {"Enregistrer une décision d'orientation (CDAPH / MDPH)", "Usagers", {},
              "decision_reference, decision_date, category_code, valid_from, valid_to, mdph_number?, creton?", true,
              write_admin},
             [db](Request& request) {
               auto decision = read_decision(json_body(request));
               auto created = db->in_transaction([&](store::Connection& c) {
                 auto person = load_person(c, request, write_admin);
                 decision.person_id = person.id;
                 decision.id = insert_decision(scoped(c, request), decision);
                 audit::record_changes(c, request, person.organisation_id, "person", person.id,
                                       {{"decisions", std::nullopt,
                                         decision.decision_reference + " : " + decision.category_code + " du " +
                                             decision.valid_from.to_string() + " au " + decision.valid_to.to_string()}});
                 audit::append(c, person_event(request, "update", person, {"decisions"}));
                 return decision;
               });
               return Response::json(to_json(created, Date::today()), 201);
             });

  routes.add("POST", "/api/v1/persons/{id}/stays",
             {"Admettre une personne dans un établissement (séjour)", "Usagers", {},
              "establishment_id, care_mode, admission_date, origin, discharge_date?", true, write_admin},
             [db](Request& request) {
               auto body = json_body(request);
               JsonReader in(body);
               Stay stay;
               auto establishment = in.integer("establishment_id", true, 1);
               auto mode = in.choice("care_mode", true, establishments::codes_of(establishments::care_modes()));
               auto admission = in.text("admission_date", true, 10);
               auto origin = in.choice("origin", true, origins);
               auto discharge = in.text("discharge_date", false, 10);
               std::optional<Date> admission_date = admission ? Date::parse(*admission) : std::nullopt;
               std::optional<Date> discharge_date = discharge ? Date::parse(*discharge) : std::nullopt;
               if (admission && !admission_date) in.fail("admission_date", "date invalide (AAAA-MM-JJ attendu)");
               if (discharge && !discharge_date) in.fail("discharge_date", "date invalide (AAAA-MM-JJ attendu)");
               if (admission_date && discharge_date && *discharge_date < *admission_date)
                 in.fail("discharge_date", "la sortie précède l'admission");
               in.finish();
               auto created = db->in_transaction([&](store::Connection& c) {
                 auto person = load_person(c, request, read_admin);
                 auth::require(request.caller, write_admin, person.organisation_id, *establishment);
                 if (!c.query_one("SELECT id FROM establishment WHERE id = :id AND organisation_id = :o AND archived_at IS NULL",
                                  {{"id", *establishment}, {"o", person.organisation_id}}))
                   throw Problem::invalid_field("establishment_id", "établissement inconnu dans votre organisme");
                 stay = {0, person.id, *establishment, *mode, *admission_date, *origin, discharge_date, std::nullopt, std::nullopt};
                 auto db_scope = scoped(c, request);
                 if (db_scope.backend() == store::Backend::postgresql)
                   db_scope.query("SELECT id FROM person WHERE {{tenant}} AND id = :id FOR UPDATE", {{"id", person.id}});
                 check_no_overlapping_stay(stays_of(db_scope, person.id), stay);
                 stay.id = insert_stay(db_scope, stay);
                 auto e = person_event(request, "admission", person, {"stay"});
                 e.establishment_id = *establishment;
                 audit::append(c, e);
                 return stay;
               });
               return Response::json(to_json(created), 201);
             });

  routes.add("POST", "/api/v1/persons/{id}/stays/{stay_id}/discharge",
             {"Prononcer la sortie (date, destination, motif)", "Usagers", {}, "discharge_date, destination, discharge_reason?",
              true, write_admin},
             [db](Request& request) {
               auto body = json_body(request);
               JsonReader in(body);
               auto date_text = in.text("discharge_date", true, 10);
               auto destination = in.choice("destination", true, destinations);
               auto reason = in.text("discharge_reason", false, 200);
               std::optional<Date> date = date_text ? Date::parse(*date_text) : std::nullopt;
               if (date_text && !date) in.fail("discharge_date", "date invalide (AAAA-MM-JJ attendu)");
               in.finish();
               const auto stay_id = request.id_param("stay_id");
               auto updated = db->in_transaction([&](store::Connection& c) {
                 auto person = load_person(c, request, read_admin);
                 auto stays = stays_of(scoped(c, request), person.id);
                 auto it = std::find_if(stays.begin(), stays.end(), [&](const Stay& s) { return s.id == stay_id; });
                 if (it == stays.end()) throw Problem::hidden();
                 auth::require(request.caller, write_admin, person.organisation_id, it->establishment_id);
                 if (it->discharge_date) throw Problem::conflict("Ce séjour est déjà clos.");
                 if (*date < it->admission_date)
                   throw Problem::invalid_field("discharge_date", "la sortie précède l'admission du " + it->admission_date.to_string());
                 it->discharge_date = date;
                 it->destination = destination;
                 it->discharge_reason = reason;
                 check_no_overlapping_stay(stays, *it);
                 update_stay_discharge(scoped(c, request), *it);
                 auto e = person_event(request, "discharge", person, {"stay"});
                 e.establishment_id = it->establishment_id;
                 audit::append(c, e);
                 return *it;
               });
               return Response::json(to_json(updated));
             });
}

}  // namespace passerelle::modules::persons
