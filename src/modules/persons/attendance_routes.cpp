// Attendance: the monthly grid of an establishment and kind of care, and a person's days.
#include <algorithm>
#include <map>
#include <set>

#include "audit/history.hpp"
#include "auth/policy.hpp"
#include "core/json_reader.hpp"
#include "modules/establishments/domain.hpp"
#include "modules/establishments/reference.hpp"
#include "modules/establishments/store.hpp"
#include "modules/persons/json.hpp"
#include "modules/persons/record_store.hpp"
#include "modules/persons/routes_support.hpp"

namespace passerelle::modules::persons {
namespace {

Date month_param(const Request& request) {
  auto text = request.query_param("month");
  auto first = text ? parse_month(*text) : std::nullopt;
  if (!first) throw Problem::bad_request("Paramètre « month » invalide.", {{"month", "mois AAAA-MM attendu"}});
  return *first;
}

std::string mark_text(const std::string& status, const std::optional<std::string>& reason) {
  return reason ? status + " (" + *reason + ")" : status;
}

boost::json::object person_summary(const Person& p) {
  boost::json::array firsts;
  for (const auto& f : p.identity.first_names) firsts.emplace_back(f);
  return {{"id", p.id},
          {"birth_name", p.identity.birth_name},
          {"used_name", p.identity.used_name ? boost::json::value(*p.identity.used_name) : nullptr},
          {"first_names", std::move(firsts)},
          {"used_first_name", p.identity.used_first_name ? boost::json::value(*p.identity.used_first_name) : nullptr},
          {"birth_date", p.identity.birth_date}};
}

}  // namespace

void register_attendance_routes(RouteTable& routes, const Services& services) {
  auto db = services.database;

  routes.add("GET", "/api/v1/attendance",
             {"Grille mensuelle des présences d'un établissement et d'un mode d'accueil", "Usagers",
              {{"establishment_id", "l'établissement", true}, {"care_mode", "mode d'accueil (code FINESS)", true},
               {"month", "AAAA-MM", true}},
              "", true, read_admin},
             [db](Request& request) {
               const auto establishment = *id_query(request, "establishment_id", true);
               const auto mode = request.query_param("care_mode").value_or("");
               const auto modes = care_mode_codes();
               if (std::find(modes.begin(), modes.end(), mode) == modes.end())
                 throw Problem::bad_request("Paramètre « care_mode » invalide.", {{"care_mode", "mode d'accueil inconnu"}});
               const auto first = month_param(request);
               const auto last = last_day_of_month(first);
               const auto organisation = organisation_of_caller(request);
               auth::require(request.caller, read_admin, organisation, establishment);
               auto lease = db->acquire();
               auto data = scoped(*lease, request);
               if (!data.query_one("SELECT id FROM establishment WHERE {{tenant}} AND id = :e", {{"e", establishment}}))
                 throw Problem::hidden();
               const auto calendars = establishments::calendars_of(data, establishment);
               const auto closures = establishments::closures_of(data, establishment);
               boost::json::array days;
               for (Date d = first; d <= last; d = d.plus_days(1))
                 days.push_back({{"date", d.to_string()}, {"weekday", d.weekday()},
                                 {"open", establishments::is_open(calendars, closures, mode, d)}});
               auto lines = stays_overlapping(data, establishment, mode, first, last);
               std::map<std::pair<std::int64_t, std::int64_t>, AttendanceMark> marks;
               for (auto& m : attendance_between(data, establishment, mode, first, last))
                 marks[{m.stay_id, m.day.days_since_epoch()}] = m;
               boost::json::array rows;
               std::map<std::string, std::int64_t> totals;
               std::string ids;
               for (const auto& line : lines) {
                 boost::json::array cells;
                 for (Date d = first; d <= last; d = d.plus_days(1)) {
                   boost::json::object cell{{"in_stay", line.stay.period().contains(d)}};
                   auto it = marks.find({line.stay.id, d.days_since_epoch()});
                   cell["status"] = it == marks.end() ? boost::json::value(nullptr) : boost::json::value(it->second.status);
                   cell["reason"] = it == marks.end() || !it->second.reason ? boost::json::value(nullptr)
                                                                            : boost::json::value(*it->second.reason);
                   if (it != marks.end()) ++totals[it->second.reason ? "absent:" + *it->second.reason : it->second.status];
                   cells.push_back(std::move(cell));
                 }
                 rows.push_back({{"stay_id", line.stay.id},
                                 {"person", person_summary(line.person)},
                                 {"admission_date", line.stay.admission_date.to_string()},
                                 {"discharge_date", line.stay.discharge_date ? boost::json::value(line.stay.discharge_date->to_string()) : nullptr},
                                 {"cells", std::move(cells)}});
                 ids += (ids.empty() ? "" : ",") + std::to_string(line.person.id);
               }
               boost::json::object total_json;
               for (const auto& [k, v] : totals) total_json[k] = v;
               auto e = audit::event_for(request, "read", "attendance", ids.substr(0, 1000));
               e.organisation_id = organisation;
               e.establishment_id = establishment;
               audit::append_alone(*db, e);
               return Response::json({{"establishment_id", establishment}, {"care_mode", mode},
                                      {"month", first.to_string().substr(0, 7)}, {"days", std::move(days)},
                                      {"rows", std::move(rows)}, {"totals", std::move(total_json)}});
             });

  routes.add("PUT", "/api/v1/attendance",
             {"Saisir des présences en masse pour un mois (tout ou rien ; status null efface la case)", "Usagers", {},
              "establishment_id, care_mode, month (AAAA-MM), entries: [{stay_id, date, status (present|absent|not_expected|null), "
              "reason? (absence : illness|hospitalisation|holiday|family|unjustified|other)}]",
              true, write_admin},
             [db](Request& request) {
               const auto batch = read_attendance_batch(json_body(request), care_mode_codes());
               const auto organisation = organisation_of_caller(request);
               auth::require(request.caller, write_admin, organisation, batch.establishment_id);
               const auto first = *Date::parse(std::to_string(batch.year) + "-" + (batch.month < 10 ? "0" : "") +
                                               std::to_string(batch.month) + "-01");
               const auto last = last_day_of_month(first);
               auto counts = db->in_transaction([&](store::Connection& c) {
                 auto data = scoped(c, request);
                 if (!data.query_one("SELECT id FROM establishment WHERE {{tenant}} AND id = :e", {{"e", batch.establishment_id}}))
                   throw Problem::invalid_field("establishment_id", "établissement inconnu dans votre organisme");
                 std::map<std::int64_t, GridLine> lines;
                 for (auto& line : stays_overlapping(data, batch.establishment_id, batch.care_mode, first, last))
                   lines.emplace(line.stay.id, std::move(line));
                 std::map<std::pair<std::int64_t, std::int64_t>, AttendanceMark> current;
                 for (auto& m : attendance_between(data, batch.establishment_id, batch.care_mode, first, last))
                   current[{m.stay_id, m.day.days_since_epoch()}] = m;
                 // Every entry is checked before anything is written: one bad cell refuses the batch.
                 std::vector<FieldError> errors;
                 std::set<std::pair<std::int64_t, std::int64_t>> seen;
                 for (std::size_t i = 0; i < batch.entries.size() && errors.size() < 50; ++i) {
                   const auto& entry = batch.entries[i];
                   const auto field = "entries/" + std::to_string(i) + "/";
                   auto line = lines.find(entry.stay_id);
                   if (line == lines.end()) {
                     errors.push_back({field + "stay_id", "aucun séjour de ce numéro dans cet établissement et ce mode d'accueil ce mois-ci"});
                     continue;
                   }
                   if (!line->second.stay.period().contains(entry.day))
                     errors.push_back({field + "date", entry.day.to_string() + " est hors du séjour (admission le " +
                                                           line->second.stay.admission_date.to_string() +
                                                           (line->second.stay.discharge_date ? ", sortie le " + line->second.stay.discharge_date->to_string() : "") + ")"});
                   if (!seen.insert({entry.stay_id, entry.day.days_since_epoch()}).second)
                     errors.push_back({field + "date", "cette case figure deux fois dans l'envoi"});
                 }
                 if (!errors.empty())
                   throw Problem(422, "invalid-attendance", "Présences refusées",
                                 "Aucune présence n'a été enregistrée : corrigez les cases signalées.", errors);
                 std::int64_t written = 0, cleared = 0;
                 std::map<std::int64_t, std::pair<const Person*, std::vector<audit::FieldChange>>> changes;  // per person
                 for (const auto& entry : batch.entries) {
                   const auto& line = lines.at(entry.stay_id);
                   auto it = current.find({entry.stay_id, entry.day.days_since_epoch()});
                   std::optional<std::string> before;
                   if (it != current.end()) before = mark_text(it->second.status, it->second.reason);
                   auto& [changed_person, person_changes] = changes[line.person.id];
                   changed_person = &line.person;
                   if (!entry.status) {
                     if (it == current.end()) continue;
                     clear_attendance(data, entry.stay_id, entry.day);
                     ++cleared;
                   } else {
                     write_attendance(data, line.stay, line.person, entry.day, *entry.status, entry.reason);
                     ++written;
                   }
                   // A first entry is not a change; a correction keeps the previous value.
                   if (before) {
                     const auto after = entry.status ? std::optional(mark_text(*entry.status, entry.reason)) : std::nullopt;
                     person_changes.push_back({"attendance " + entry.day.to_string(), before, after});
                   }
                 }
                 for (const auto& [person_id, change] : changes) {
                   const auto& [person, list] = change;
                   audit::record_changes(c, request, organisation, "person", person_id, list);
                   auto e = person_event(request, "update", *person, {"attendance"});
                   e.establishment_id = batch.establishment_id;
                   audit::append(c, e);
                 }
                 return std::pair{written, cleared};
               });
               return Response::json({{"written", counts.first}, {"cleared", counts.second}});
             });

  routes.add("GET", "/api/v1/persons/{id}/attendance",
             {"Présences d'une personne sur un mois, tous séjours confondus", "Usagers", {{"month", "AAAA-MM", true}}, "", true,
              read_admin},
             [db](Request& request) {
               const auto first = month_param(request);
               const auto last = last_day_of_month(first);
               auto lease = db->acquire();
               auto person = load_person(*lease, request, read_admin);
               auto data = scoped(*lease, request);
               const auto allowed = visibility_for(request, read_admin).only;
               auto may_see = [&](std::int64_t establishment) {
                 return !allowed || std::find(allowed->begin(), allowed->end(), establishment) != allowed->end();
               };
               boost::json::array stays, marks;
               std::set<std::int64_t> visible_stays;
               for (const auto& s : stays_of(data, person.id))
                 if (may_see(s.establishment_id) && s.period().overlaps({first, last})) {
                   stays.push_back(to_json(s));
                   visible_stays.insert(s.id);
                 }
               std::map<std::string, std::int64_t> totals;
               for (const auto& m : attendance_of_person(data, person.id, first, last)) {
                 if (!visible_stays.count(m.stay_id)) continue;
                 marks.push_back({{"stay_id", m.stay_id}, {"date", m.day.to_string()}, {"status", m.status},
                                  {"reason", m.reason ? boost::json::value(*m.reason) : nullptr}});
                 ++totals[m.reason ? "absent:" + *m.reason : m.status];
               }
               boost::json::object total_json;
               for (const auto& [k, v] : totals) total_json[k] = v;
               audit::append_alone(*db, person_event(request, "read", person, {"attendance"}));
               return Response::json({{"month", first.to_string().substr(0, 7)}, {"stays", std::move(stays)},
                                      {"marks", std::move(marks)}, {"totals", std::move(total_json)}});
             });
}

}  // namespace passerelle::modules::persons
