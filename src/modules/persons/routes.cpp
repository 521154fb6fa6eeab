#include "modules/persons/routes.hpp"

#include "modules/persons/document_store.hpp"

#include <algorithm>
#include <charconv>
#include <tuple>

#include "audit/history.hpp"
#include "audit/trail.hpp"
#include "auth/policy.hpp"
#include "core/json_reader.hpp"
#include "core/text.hpp"
#include "modules/establishments/reference.hpp"
#include "modules/persons/document_store.hpp"
#include "modules/persons/json.hpp"
#include "modules/persons/record_store.hpp"
#include "modules/persons/routes_support.hpp"

namespace passerelle::modules::persons {
namespace {

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

void register_identity_routes(RouteTable& routes, const Services& services) {
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
               const auto limit = page_limit(request, 20);
               std::optional<SearchPosition> after;
               if (auto raw = opaque_cursor(request)) {
                 const auto tab = raw->find('\t');
                 std::int64_t id = 0;
                 if (!raw->starts_with("name:") || tab == std::string::npos ||
                     std::from_chars(raw->data() + tab + 1, raw->data() + raw->size(), id).ec != std::errc() || id < 1)
                   throw Problem::bad_request("Le curseur de pagination est invalide.", {{"cursor", "curseur inconnu"}});
                 after = SearchPosition{raw->substr(5, tab - 5), id};
               }
               auto lease = db->acquire();
               auto found = search_persons(scoped(*lease, request), q, visibility_for(request, read_admin), limit, after);
               boost::json::value next = nullptr;
               if (static_cast<std::int64_t>(found.persons.size()) > limit) {
                 found.persons.resize(static_cast<std::size_t>(limit));
                 const auto& last = found.positions[static_cast<std::size_t>(limit) - 1];
                 next = encode_opaque_cursor("name:" + last.token + "\t" + std::to_string(last.person_id));
               }
               boost::json::array items;
               std::string ids;
               for (const auto& p : found.persons) {
                 items.push_back(to_json(p));
                 ids += (ids.empty() ? "" : ",") + std::to_string(p.id);
               }
               auto e = audit::event_for(request, "search", "person", ids.substr(0, 1000));
               audit::append_alone(*db, e);
               return Response::json({{"items", std::move(items)}, {"next_cursor", std::move(next)}});
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
                             "Une personne très proche existe déjà : vérifiez avant de créer un nouveau dossier.",
                             {{"confirm_duplicate", "doublon probable"}});
                   throw p;
                 }
                 const auto id = insert_person(scoped(c, request), *establishment, identity);
                 if (identity.identity_status == "VALI" || identity.identity_status == "QUAL")
                   mark_identity_checked(scoped(c, request), id, request.caller.label);
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

  routes.add("GET", "/api/v1/persons/{id}",
             {"Dossier administratif d'une personne : identité, séjours, décisions, liste d'attente, protection, entourage "
              "(lecture tracée)", "Usagers", {}, "", true, read_admin},
             [db](Request& request) {
               const auto today = Date::today();
               auto lease = db->acquire();
               auto person = load_person(*lease, request, read_admin);
               auto data = scoped(*lease, request);
               auto body = to_json(person);
               boost::json::array stays, decisions, requests, protections, contacts, merged;
               for (const auto& s : stays_of(data, person.id)) stays.push_back(to_json(s));
               for (const auto& d : decisions_of(data, person.id)) decisions.push_back(to_json(d, today));
               for (const auto& r : requests_of(data, person.id)) requests.push_back(to_json(r, today));
               for (const auto& p : protections_of(data, person.id)) protections.push_back(to_json(p, today));
               for (const auto& c : contacts_of(data, person.id)) contacts.push_back(to_json(c));
               for (auto id : merged_into(data, person.id)) merged.emplace_back(id);
               body["stays"] = std::move(stays);
               body["decisions"] = std::move(decisions);
               body["admission_requests"] = std::move(requests);
               body["protections"] = std::move(protections);
               body["contacts"] = std::move(contacts);
               body["merged_from"] = std::move(merged);
               // Whether a photo exists (GET …/photo reads it, with its own audit event).
               if (auto photo = photo_of(data, person.id)) body["photo_updated_at"] = photo->updated_at;
               else body["photo_updated_at"] = nullptr;
               // Every view of a record is audited; the answer waits until the event is durable.
               audit::append_alone(*db, person_event(request, "read", person));
               return Response::json(body);
             });

  routes.add("PATCH", "/api/v1/persons/{id}",
             {"Corriger l'identité d'une personne (historique conservé)", "Usagers", {}, "les champs à modifier", true, write_admin},
             [db](Request& request) {
               auto body = json_body(request);
               auto result = db->in_transaction([&](store::Connection& c) {
                 auto person = load_for_change(c, request, write_admin);
                 const auto next = read_identity(body, &person.identity);
                 update_person(scoped(c, request), person.id, next);
                 // A document checked now: who and when (validated and qualified identities).
                 const bool checked = next.identity_status == "VALI" || next.identity_status == "QUAL";
                 if (checked && (next.identity_status != person.identity.identity_status ||
                                 next.identity_document != person.identity.identity_document))
                   mark_identity_checked(scoped(c, request), person.id, request.caller.label);
                 auto changed = audit::record_changes(c, request, person.organisation_id, "person", person.id,
                                                      identity_changes(person.identity, next));
                 audit::append(c, person_event(request, "update", person, changed));
                 return *find_person(scoped(c, request), person.id, {});
               });
               return Response::json(to_json(result));
             });

  routes.add("GET", "/api/v1/persons/{id}/history",
             {"Historique des modifications du dossier (qui, quand, valeur précédente), y compris des dossiers fusionnés",
              "Usagers", {}, "", true, read_admin},
             [db](Request& request) {
               auto lease = db->acquire();
               auto person = load_person(*lease, request, read_admin);
               std::vector<std::int64_t> ids{person.id};
               for (auto id : merged_into(scoped(*lease, request), person.id)) ids.push_back(id);
               std::vector<std::pair<std::int64_t, audit::HistoryEntry>> all;
               for (auto id : ids)
                 for (auto& h : audit::history_of(*lease, person.organisation_id, "person", id)) all.emplace_back(id, std::move(h));
               std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
                 return std::tie(b.second.at, b.second.id) < std::tie(a.second.at, a.second.id);
               });
               boost::json::array items;
               for (const auto& [id, h] : all)
                 items.push_back({{"id", h.id}, {"person_id", id}, {"field", h.field},
                                  {"previous_value", h.previous_value ? boost::json::value(*h.previous_value) : nullptr},
                                  {"new_value", h.new_value ? boost::json::value(*h.new_value) : nullptr},
                                  {"account", h.account_label}, {"at", h.at}});
               audit::append_alone(*db, person_event(request, "read", person, {"history"}));
               return Response::json({{"items", std::move(items)}});
             });

  routes.add("POST", "/api/v1/persons/{id}/merge",
             {"Fusionner un doublon dans ce dossier (direction ; séjours, décisions, entourage, présences et historiques "
              "rattachés au dossier conservé)", "Usagers", {}, "duplicate_id", true, write_admin},
             [db](Request& request) {
               const auto body = json_body(request);
               JsonReader in(body);
               auto duplicate_id = in.integer("duplicate_id", true, 1);
               in.finish();
               // Identity-vigilance: merging is the director's decision (the identity referent); other
               // roles are refused whatever the ids.
               auto directs = [&](std::int64_t organisation, std::optional<std::int64_t> establishment) {
                 return std::any_of(request.caller.grants.begin(), request.caller.grants.end(), [&](const CallerGrant& g) {
                   return g.role == "director" && g.organisation_id == organisation &&
                          (!establishment || !g.establishment_id || g.establishment_id == establishment);
                 });
               };
               if (!directs(organisation_of_caller(request), std::nullopt))
                 throw Problem::forbidden("La fusion de dossiers est réservée à la direction.").mark_access_denied();
               auto result = db->in_transaction([&](store::Connection& c) {
                 auto kept = load_for_change(c, request, write_admin);
                 if (*duplicate_id == kept.id) throw Problem::invalid_field("duplicate_id", "un dossier ne se fusionne pas avec lui-même");
                 request.path_params["duplicate_id"] = std::to_string(*duplicate_id);
                 auto found = find_person(scoped(c, request), *duplicate_id, visibility_for(request, write_admin));
                 if (!found) throw Problem::invalid_field("duplicate_id", "dossier inconnu");
                 const auto& duplicate = *found;
                 if (duplicate.merged_into) throw Problem::invalid_field("duplicate_id", "ce dossier est déjà fusionné");
                 if (!directs(kept.organisation_id, kept.registered_establishment_id))
                   throw Problem::forbidden("La fusion de dossiers est réservée à la direction.").mark_access_denied();
                 auto data = scoped(c, request);
                 // The stays must still not overlap once together.
                 auto stays = stays_of(data, kept.id);
                 for (const auto& s : stays_of(data, duplicate.id)) {
                   check_no_overlapping_stay(stays, s);
                   stays.push_back(s);
                 }
                 // Support plans are numbered per person and establishment: two histories of plans in one
                 // establishment cannot be interleaved.
                 if (auto shared = data.query_one(
                         "SELECT a.establishment_id FROM support_plan a JOIN support_plan b ON b.establishment_id = "
                         "a.establishment_id WHERE {{tenant:a.organisation_id}} AND a.person_id = :kept AND b.person_id = :dup",
                         {{"kept", kept.id}, {"dup", duplicate.id}}))
                   throw Problem::conflict("Les deux dossiers ont un projet personnalisé dans le même établissement (n° " +
                                               std::to_string(shared->integer("establishment_id")) + ") : fusion impossible.",
                                           {{"duplicate_id", "projets personnalisés dans le même établissement"}});
                 merge_into(data, kept.id, duplicate.id);
                 const auto label = [](const Person& p) {
                   return "n° " + std::to_string(p.id) + " " + p.identity.birth_name + " (" + p.identity.birth_date + ")";
                 };
                 audit::record_changes(c, request, kept.organisation_id, "person", kept.id, {{"merged", std::nullopt, label(duplicate)}});
                 audit::record_changes(c, request, kept.organisation_id, "person", duplicate.id, {{"merged_into", std::nullopt, label(kept)}});
                 audit::append(c, person_event(request, "merge", kept, {"merged:" + std::to_string(duplicate.id)}));
                 audit::append(c, person_event(request, "merge", duplicate, {"merged_into:" + std::to_string(kept.id)}));
                 return *find_person(data, kept.id, {});
               });
               return Response::json(to_json(result));
             });

}

}  // namespace passerelle::modules::persons

namespace passerelle::modules::persons {

void register_routes(RouteTable& routes, const Services& services) {
  register_import_routes(routes, services);
  register_identity_routes(routes, services);  // fixed paths (/persons/alerts…) before /persons/{id}
  register_stay_routes(routes, services);
  register_circle_routes(routes, services);
  register_attendance_routes(routes, services);
  register_plan_routes(routes, services);
  register_note_routes(routes, services);
  register_document_routes(routes, services);
  register_photo_routes(routes, services);
  register_appointment_routes(routes, services);
  register_plan_pdf_routes(routes, services);
  register_letter_routes(routes, services);
}

}  // namespace passerelle::modules::persons
