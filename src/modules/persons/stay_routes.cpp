// Stays (admission, discharge, transfer), the waiting list and the movements export.
#include <algorithm>
#include <map>

#include "audit/history.hpp"
#include "auth/policy.hpp"
#include "core/json_reader.hpp"
#include "core/tabular/tabular.hpp"
#include "modules/establishments/reference.hpp"
#include "modules/persons/json.hpp"
#include "modules/persons/record_store.hpp"
#include "modules/persons/routes_support.hpp"

namespace passerelle::modules::persons {

Stay admit(store::Connection& c, const Request& request, const Person& person, Stay stay, const std::string& action) {
  auth::require(request.caller, write_admin, person.organisation_id, stay.establishment_id);
  check_establishment(c, person.organisation_id, stay.establishment_id);
  auto data = scoped(c, request);
  check_no_overlapping_stay(stays_of(data, person.id), stay);
  stay.person_id = person.id;
  stay.id = insert_stay(data, stay);
  // The waiting list follows: a request for that establishment becomes "person entered".
  for (auto r : requests_of(data, person.id)) {
    const auto* status = find_request_status(r.status);
    if (r.establishment_id == stay.establishment_id && status && status->waiting) {
      audit::record_changes(c, request, person.organisation_id, "person", person.id,
                            {{"admission_request_status", r.status, std::string(status_entered)}});
      r.status = std::string(status_entered);
      r.status_date = std::min(stay.admission_date, Date::today());
      if (r.status_date < r.received_date) r.status_date = r.received_date;
      update_request(data, r);
    }
  }
  audit::record_changes(c, request, person.organisation_id, "person", person.id, {{"stays", std::nullopt, describe(stay)}});
  auto e = person_event(request, action, person, {"stay"});
  e.establishment_id = stay.establishment_id;
  audit::append(c, e);
  return stay;
}

namespace {

struct Discharge {
  Date date;
  std::string destination;
  std::optional<std::string> reason;
};

Stay discharge(store::Connection& c, const Request& request, const Person& person, std::int64_t stay_id, const Discharge& d,
               std::string_view date_field) {
  auto data = scoped(c, request);
  auto stays = stays_of(data, person.id);
  auto it = std::find_if(stays.begin(), stays.end(), [&](const Stay& s) { return s.id == stay_id; });
  if (it == stays.end()) throw Problem::hidden();
  auth::require(request.caller, write_admin, person.organisation_id, it->establishment_id);
  if (it->discharge_date) throw Problem::conflict("Ce séjour est déjà clos.");
  if (d.date < it->admission_date)
    throw Problem::invalid_field(std::string(date_field), "la sortie précède l'admission du " + it->admission_date.to_string());
  if (auto n = attendance_after(data, it->id, d.date))
    throw Problem::invalid_field(std::string(date_field), std::to_string(n) + " jour(s) de présence déjà saisi(s) après cette date : "
                                                          "effacez-les d'abord");
  const auto before = describe(*it);
  it->discharge_date = d.date;
  it->destination = d.destination;
  it->discharge_reason = d.reason;
  update_stay_discharge(data, *it);
  audit::record_changes(c, request, person.organisation_id, "person", person.id, {{"stays", before, describe(*it)}});
  auto e = person_event(request, "discharge", person, {"stay"});
  e.establishment_id = it->establishment_id;
  audit::append(c, e);
  return *it;
}

// Origins and destinations, as the conseil départemental reads them.
std::string movement_label(const std::string& code) {
  static const std::map<std::string, std::string> labels{
      {"home", "Domicile"}, {"family", "Famille"}, {"establishment", "Autre établissement ou service"},
      {"hospital", "Établissement de santé"}, {"school", "Scolarité"}, {"child_welfare", "Aide sociale à l'enfance"},
      {"death", "Décès"}, {"ordinary_work", "Milieu ordinaire de travail"}, {"other", "Autre"}};
  auto it = labels.find(code);
  return it == labels.end() ? code : it->second;
}

std::string identity_label(const Person& p) {
  std::string firsts;
  for (const auto& f : p.identity.first_names) firsts += (firsts.empty() ? "" : " ") + f;
  return firsts;
}

}  // namespace

void register_stay_routes(RouteTable& routes, const Services& services) {
  auto db = services.database;

  routes.add("GET", "/api/v1/waiting-list",
             {"Liste d'attente : demandes d'admission en cours (statuts ANS JDV_J252), avec l'attente en jours", "Usagers",
              {{"establishment_id", "un établissement", false},
               {"all", "true : toutes les demandes, closes comprises", false}},
              "", true, read_admin},
             [db](Request& request) {
               const auto establishment = id_query(request, "establishment_id", false);
               const bool all = request.query_param("all").value_or("") == "true";
               const auto today = Date::today();
               auto lease = db->acquire();
               auto entries = waiting_list(scoped(*lease, request), visibility_for(request, read_admin).only, establishment, all);
               boost::json::array items;
               std::string ids;
               for (const auto& e : entries) {
                 auto item = to_json(e.request, today);
                 item["person"] = to_json(e.person);
                 items.push_back(std::move(item));
                 ids += (ids.empty() ? "" : ",") + std::to_string(e.person.id);
               }
               audit::append_alone(*db, audit::event_for(request, "read", "waiting_list", ids.substr(0, 1000)));
               return Response::json({{"items", std::move(items)}});
             });

  routes.add("GET", "/api/v1/movements",
             {"Mouvements (admissions, sorties, transferts) d'une période, pour le conseil départemental", "Usagers",
              {{"from", "début AAAA-MM-JJ", true}, {"to", "fin AAAA-MM-JJ", true},
               {"establishment_id", "un établissement", false},
               {"format", "json (défaut), csv (point-virgule, UTF-8 avec BOM) ou xlsx", false}},
              "", true, export_admin},
             [db](Request& request) {
               const auto from = *date_query(request, "from", true);
               const auto to = *date_query(request, "to", true);
               if (to < from) throw Problem::bad_request("Période invalide.", {{"to", "la fin précède le début"}});
               if (days_between(from, to) > 3660) throw Problem::bad_request("Période trop longue.", {{"to", "dix ans au plus"}});
               const auto format = request.query_param("format").value_or("json");
               if (format != "json" && format != "csv" && format != "xlsx")
                 throw Problem::bad_request("Format inconnu.", {{"format", "json, csv ou xlsx"}});
               auto only = visibility_for(request, export_admin).only;
               if (auto id = id_query(request, "establishment_id", false)) {
                 if (only && std::find(only->begin(), only->end(), *id) == only->end()) only = std::vector<std::int64_t>{};
                 else only = std::vector<std::int64_t>{*id};
               }
               auto lease = db->acquire();
               auto data = scoped(*lease, request);
               auto moves = movements_between(data, from, to, only);
               std::map<std::int64_t, std::pair<std::string, std::string>> establishments;  // id → FINESS, name
               for (const auto& r : data.query("SELECT id, finess_et, name FROM establishment WHERE {{tenant}}"))
                 establishments[r.integer("id")] = {r.text("finess_et"), r.text("name")};
               auto finess = [&](std::int64_t id) { return establishments[id].first; };
               tabular::Table table;
               table.header = {"Mouvement", "Date", "FINESS", "Établissement", "Mode d'accueil", "Nom de naissance",
                               "Nom d'usage", "Prénoms", "Sexe", "Date de naissance", "Lieu de naissance", "NIR",
                               "Provenance", "Destination", "Motif de sortie", "FINESS d'origine (transfert)"};
               boost::json::array items;
               std::string ids;
               const std::map<std::string, std::string> kinds{{"admission", "Admission"}, {"discharge", "Sortie"}, {"transfer", "Transfert"}};
               for (const auto& m : moves) {
                 const auto& p = m.person.identity;
                 std::vector<std::string> row = {kinds.at(m.kind), m.date.to_string(), finess(m.stay.establishment_id),
                                                 establishments[m.stay.establishment_id].second,
                                                 std::string(establishments::label_of(establishments::care_modes(), m.stay.care_mode)),
                                                 p.birth_name, p.used_name.value_or(""), identity_label(m.person), p.sex,
                                                 p.birth_date, p.birth_place.value_or(""), p.nir.value_or(""),
                                                 m.kind == "discharge" ? "" : movement_label(m.stay.origin),
                                                 m.kind == "discharge" ? movement_label(m.stay.destination.value_or("")) : "",
                                                 m.kind == "discharge" ? m.stay.discharge_reason.value_or("") : "",
                                                 m.from ? finess(m.from->establishment_id) : ""};
                 table.rows.push_back(row);
                 boost::json::object item{{"kind", m.kind}, {"date", m.date.to_string()}, {"stay", to_json(m.stay)},
                                          {"person", to_json(m.person)}, {"finess", finess(m.stay.establishment_id)}};
                 if (m.from) {
                   item["from_stay"] = to_json(*m.from);
                   item["from_finess"] = finess(m.from->establishment_id);
                 }
                 items.push_back(std::move(item));
                 ids += (ids.empty() ? "" : ",") + std::to_string(m.person.id);
               }
               {
                 auto e = audit::event_for(request, "export", "movements",
                                           from.to_string() + ".." + to.to_string() + " " + format + " : " + ids.substr(0, 900));
                 e.organisation_id = organisation_of_caller(request);
                 audit::append_alone(*db, e);
               }
               if (format == "json") return Response::json({{"items", std::move(items)}});
               const bool csv = format == "csv";
               auto response = Response::text(csv ? tabular::write_csv(table) : tabular::write_xlsx(table, "Mouvements"),
                                              std::string(tabular::media_type(csv ? tabular::Format::csv : tabular::Format::xlsx)));
               response.set_header("Content-Disposition", "attachment; filename=\"mouvements-" + from.to_string() + "-" +
                                                              to.to_string() + (csv ? ".csv\"" : ".xlsx\""));
               return response;
             });

  routes.add("POST", "/api/v1/persons/{id}/stays",
             {"Admettre une personne dans un établissement (séjour)", "Usagers", {},
              "establishment_id, care_mode, admission_date, origin, discharge_date?", true, write_admin},
             [db](Request& request) {
               const auto body = json_body(request);
               JsonReader in(body);
               Stay stay;
               auto establishment = in.integer("establishment_id", true, 1);
               auto mode = in.choice("care_mode", true, care_mode_codes());
               auto admission = read_date(in, "admission_date", true);
               auto origin = in.choice("origin", true, origins);
               auto discharge_date = read_date(in, "discharge_date", false);
               std::optional<std::string> destination;
               if (discharge_date) destination = in.choice("destination", false, destinations);
               if (admission && discharge_date && *discharge_date < *admission)
                 in.fail("discharge_date", "la sortie précède l'admission");
               in.finish();
               stay.establishment_id = *establishment;
               stay.care_mode = *mode;
               stay.admission_date = *admission;
               stay.origin = *origin;
               stay.discharge_date = discharge_date;
               stay.destination = destination;
               auto created = db->in_transaction([&](store::Connection& c) {
                 auto person = load_for_change(c, request, read_admin);
                 return admit(c, request, person, stay, "admission");
               });
               return Response::json(to_json(created), 201);
             });

  routes.add("POST", "/api/v1/persons/{id}/stays/{stay_id}/discharge",
             {"Prononcer la sortie (date, destination, motif)", "Usagers", {}, "discharge_date, destination, discharge_reason?",
              true, write_admin},
             [db](Request& request) {
               const auto body = json_body(request);
               JsonReader in(body);
               auto date = read_date(in, "discharge_date", true);
               auto destination = in.choice("destination", true, destinations);
               auto reason = in.text("discharge_reason", false, 200);
               in.finish();
               auto updated = db->in_transaction([&](store::Connection& c) {
                 auto person = load_for_change(c, request, read_admin);
                 return discharge(c, request, person, request.id_param("stay_id"), {*date, *destination, reason}, "discharge_date");
               });
               return Response::json(to_json(updated));
             });

  routes.add("POST", "/api/v1/persons/{id}/stays/{stay_id}/transfer",
             {"Transférer vers un autre établissement ou mode d'accueil de l'organisme : sortie la veille et admission liées",
              "Usagers", {}, "transfer_date, establishment_id, care_mode, discharge_reason?", true, write_admin},
             [db](Request& request) {
               const auto body = json_body(request);
               JsonReader in(body);
               auto date = read_date(in, "transfer_date", true);
               auto establishment = in.integer("establishment_id", true, 1);
               auto mode = in.choice("care_mode", true, care_mode_codes());
               auto reason = in.text("discharge_reason", false, 200);
               in.finish();
               auto result = db->in_transaction([&](store::Connection& c) {
                 auto person = load_for_change(c, request, read_admin);
                 auto stays = stays_of(scoped(c, request), person.id);
                 auto it = std::find_if(stays.begin(), stays.end(), [&](const Stay& s) { return s.id == request.id_param("stay_id"); });
                 if (it == stays.end()) throw Problem::hidden();
                 if (it->establishment_id == *establishment && it->care_mode == *mode)
                   throw Problem::invalid_field("establishment_id", "le transfert change d'établissement ou de mode d'accueil");
                 if (*date <= it->admission_date)
                   throw Problem::invalid_field("transfer_date", "le transfert suit l'admission du " + it->admission_date.to_string());
                 // The last day in the former stay is the eve of the transfer.
                 auto left = discharge(c, request, person, it->id,
                                       {date->plus_days(-1), "establishment", reason.value_or("transfert")}, "transfer_date");
                 Stay next;
                 next.establishment_id = *establishment;
                 next.care_mode = *mode;
                 next.admission_date = *date;
                 next.origin = "establishment";
                 next.transfer_from_stay_id = left.id;
                 auto admitted = admit(c, request, person, next, "transfer");
                 left.transferred_to_stay_id = admitted.id;
                 return std::pair{left, admitted};
               });
               return Response::json({{"discharged", to_json(result.first)}, {"admitted", to_json(result.second)}}, 201);
             });

  routes.add("POST", "/api/v1/persons/{id}/admission-requests",
             {"Inscrire une demande d'admission (liste d'attente)", "Usagers", {},
              "establishment_id, care_mode, received_date, status? (JDV_J252, 42 par défaut), decision_id?, comment?", true,
              write_admin},
             [db](Request& request) {
               auto r = read_admission_request(json_body(request), nullptr, care_mode_codes(), Date::today());
               auto created = db->in_transaction([&](store::Connection& c) {
                 auto person = load_for_change(c, request, read_admin);
                 auth::require(request.caller, write_admin, person.organisation_id, r.establishment_id);
                 check_establishment(c, person.organisation_id, r.establishment_id);
                 auto data = scoped(c, request);
                 if (r.decision_id && !data.query_one("SELECT id FROM orientation_decision WHERE {{tenant}} AND id = :d AND person_id = :p",
                                                      {{"d", *r.decision_id}, {"p", person.id}}))
                   throw Problem::invalid_field("decision_id", "décision inconnue pour cette personne");
                 for (const auto& other : requests_of(data, person.id)) {
                   const auto* s = find_request_status(other.status);
                   if (other.establishment_id == r.establishment_id && other.care_mode == r.care_mode && s && s->waiting)
                     throw Problem::conflict("Une demande est déjà en cours pour cet établissement et ce mode d'accueil.",
                                             {{"establishment_id", "demande déjà en cours"}});
                 }
                 r.person_id = person.id;
                 r.id = insert_request(data, r);
                 audit::record_changes(c, request, person.organisation_id, "person", person.id,
                                       {{"admission_requests", std::nullopt,
                                         "établissement " + std::to_string(r.establishment_id) + ", reçue le " + r.received_date.to_string()}});
                 auto e = person_event(request, "update", person, {"admission_request"});
                 e.establishment_id = r.establishment_id;
                 audit::append(c, e);
                 return r;
               });
               return Response::json(to_json(created, Date::today()), 201);
             });

  routes.add("PATCH", "/api/v1/persons/{id}/admission-requests/{request_id}",
             {"Faire avancer une demande d'admission (statut, date, commentaire)", "Usagers", {},
              "status?, status_date?, decision_id?, comment?", true, write_admin},
             [db](Request& request) {
               auto body = json_body(request);
               auto updated = db->in_transaction([&](store::Connection& c) {
                 auto person = load_for_change(c, request, read_admin);
                 auto data = scoped(c, request);
                 auto all = requests_of(data, person.id);
                 auto it = std::find_if(all.begin(), all.end(), [&](const auto& r) { return r.id == request.id_param("request_id"); });
                 if (it == all.end()) throw Problem::hidden();
                 auth::require(request.caller, write_admin, person.organisation_id, it->establishment_id);
                 auto next = read_admission_request(body, &*it, care_mode_codes(), Date::today());
                 if (next.decision_id && next.decision_id != it->decision_id &&
                     !data.query_one("SELECT id FROM orientation_decision WHERE {{tenant}} AND id = :d AND person_id = :p",
                                     {{"d", *next.decision_id}, {"p", person.id}}))
                   throw Problem::invalid_field("decision_id", "décision inconnue pour cette personne");
                 update_request(data, next);
                 auto changed = audit::record_changes(c, request, person.organisation_id, "person", person.id,
                                                      {{"admission_request_status", it->status, next.status},
                                                       {"admission_request_comment", it->comment, next.comment}});
                 auto e = person_event(request, "update", person, changed);
                 e.establishment_id = next.establishment_id;
                 audit::append(c, e);
                 return next;
               });
               return Response::json(to_json(updated, Date::today()));
             });
}

}  // namespace passerelle::modules::persons
