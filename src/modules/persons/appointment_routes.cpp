// Appointments (rendez-vous): the agenda (day and week views), one appointment, a person's
// appointments; creation, change and cancellation with conflicts flagged (409 unless confirmed).
#include <algorithm>
#include <set>

#include "core/json_reader.hpp"
#include "modules/persons/appointment_support.hpp"

namespace passerelle::modules::persons {
namespace {

std::optional<std::string> status_query(const Request& request) {
  auto s = request.query_param("status");
  if (s && std::find(appointment_statuses.begin(), appointment_statuses.end(), *s) == appointment_statuses.end())
    throw Problem::bad_request("Paramètre « status » invalide.", {{"status", "planned, done, cancelled ou missed attendu"}});
  return s;
}

}  // namespace

void register_appointment_routes(RouteTable& routes, const Services& services) {
  auto db = services.database;

  routes.add("GET", "/api/v1/appointments",
             {"Agenda : rendez-vous qui chevauchent une période (jour : from = to ; semaine : lundi à dimanche ; 62 jours au "
              "plus), avec les conflits",
              "Usagers",
              {{"from", "premier jour AAAA-MM-JJ", true},
               {"to", "dernier jour AAAA-MM-JJ (inclus)", true},
               {"establishment_id", "un établissement", false},
               {"professional_id", "l'agenda d'un professionnel (compte)", false},
               {"person_id", "les rendez-vous d'une personne", false},
               {"status", "planned, done, cancelled ou missed", false}},
              "", true, read_admin},
             [db](Request& request) {
               const auto from = *date_query(request, "from", true);
               const auto to = *date_query(request, "to", true);
               if (to < from) throw Problem::bad_request("La période est à l'envers.", {{"to", "le dernier jour précède le premier"}});
               if (days_between(from, to) >= agenda_max_days)
                 throw Problem::bad_request("La période est trop longue.",
                                            {{"to", std::to_string(agenda_max_days) + " jours au plus par demande"}});
               AppointmentFilter filter;
               filter.from = LocalTime::at(from, 0);
               filter.to = LocalTime::at(to.plus_days(1), 0);
               filter.establishment_id = id_query(request, "establishment_id", false);
               filter.professional_id = id_query(request, "professional_id", false);
               filter.person_id = id_query(request, "person_id", false);
               filter.status = status_query(request);
               const auto organisation = organisation_of_caller(request);
               auto lease = db->acquire();
               auto data = scoped(*lease, request);
               // An establishment of another organisation, or outside the caller's: the same 404.
               const auto only = visibility_for(request, read_admin).only;
               if (filter.establishment_id &&
                   (!lease->query_one("SELECT id FROM establishment WHERE id = :id AND organisation_id = :o",
                                      {{"id", *filter.establishment_id}, {"o", organisation}}) ||
                    (only && std::find(only->begin(), only->end(), *filter.establishment_id) == only->end())))
                 throw Problem::hidden().mark_access_denied();
               if (filter.professional_id &&
                   !data.query_one("SELECT id FROM account WHERE {{tenant}} AND id = :id", {{"id", *filter.professional_id}}))
                 throw Problem::hidden().mark_access_denied();
               std::optional<Person> person;
               if (filter.person_id) {
                 request.path_params["id"] = std::to_string(*filter.person_id);
                 person = load_person(*lease, request, read_admin);
               }
               std::vector<Appointment> items;
               std::set<std::int64_t> persons;
               for (auto& a : appointments_between(data, filter))
                 if (may_see_appointment(request, a)) {
                   if (a.person_id) persons.insert(*a.person_id);
                   items.push_back(std::move(a));
                 }
               auto body = appointments_json(request, data, items);
               if (person) {
                 audit::append_alone(*db, person_event(request, "read", *person, {"appointments"}));
               } else {
                 std::string ids;
                 for (auto id : persons) ids += (ids.empty() ? "" : ",") + std::to_string(id);
                 auto e = audit::event_for(request, "read", "appointments", ids.substr(0, 1000));
                 e.organisation_id = organisation;
                 e.establishment_id = filter.establishment_id;
                 e.fields = {"agenda:" + from.to_string() + ".." + to.to_string()};
                 audit::append_alone(*db, e);
               }
               return Response::json({{"from", from.to_string()}, {"to", to.to_string()}, {"items", std::move(body)}});
             });

  routes.add("GET", "/api/v1/appointments/professionals",
             {"Professionnels qui peuvent être conviés à un rendez-vous (comptes ayant accès aux usagers de l'établissement)",
              "Usagers", {{"establishment_id", "un établissement", false}}, "", true, read_admin},
             [db](Request& request) {
               const auto establishment = id_query(request, "establishment_id", false);
               const auto organisation = organisation_of_caller(request);
               const auto only = visibility_for(request, read_admin).only;
               auto lease = db->acquire();
               if (establishment &&
                   (!lease->query_one("SELECT id FROM establishment WHERE id = :id AND organisation_id = :o",
                                      {{"id", *establishment}, {"o", organisation}}) ||
                    (only && std::find(only->begin(), only->end(), *establishment) == only->end())))
                 throw Problem::hidden().mark_access_denied();
               auto covers = [&](const AccountGrant& g) {
                 if (!g.establishment_id) return true;
                 if (establishment) return *g.establishment_id == *establishment;
                 return !only || std::find(only->begin(), only->end(), *g.establishment_id) != only->end();
               };
               boost::json::array items;
               std::int64_t last = 0;
               for (const auto& g : active_account_grants(scoped(*lease, request))) {
                 if (!makes_appointments(g.role) || !covers(g)) continue;
                 if (g.account_id != last)
                   items.push_back({{"id", g.account_id}, {"display_name", g.display_name}, {"roles", boost::json::array{}}});
                 last = g.account_id;
                 auto& roles = items.back().as_object()["roles"].as_array();
                 if (std::find(roles.begin(), roles.end(), boost::json::value(g.role)) == roles.end()) roles.emplace_back(g.role);
               }
               return Response::json({{"items", std::move(items)}});
             });

  routes.add("POST", "/api/v1/appointments",
             {"Prendre un rendez-vous (conflit d'horaire signalé par un 409 : confirm_conflict pour passer outre)", "Usagers", {},
              "establishment_id, starts_at, ends_at (AAAA-MM-JJTHH:MM, heure locale), kind, title, person_id?, "
              "professional_ids?, place?, comment?, status?, confirm_conflict?",
              true, read_admin},
             [db](Request& request) {
               require_appointment_writer(request);
               const auto body = json_body(request);
               auto input = read_appointment(body, nullptr, paris_now());
               auto& a = input.appointment;
               const auto organisation = organisation_of_caller(request);
               try {
                 auto created = db->in_transaction([&](store::Connection& c) {
                   lock_agenda(c, organisation);
                   check_establishment(c, organisation, a.establishment_id);
                   require_appointment_write_in(request, organisation, a.establishment_id, a.kind == "medical");
                   auto data = scoped(c, request);
                   check_appointment_parties(data, request, a, true, true);
                   const auto conflicts = conflicts_now(data, a);
                   if (!conflicts.empty() && !input.confirm_conflict) throw conflict_refusal(data, request, conflicts);
                   a.organisation_id = organisation;
                   a.created_by_account_id = request.caller.account_id;
                   a.created_by = request.caller.label;
                   a.id = insert_appointment(data, a);
                   auto stored = *find_appointment(data, a.id);
                   audit::append(c, appointment_event(request, "create", stored,
                                                      conflicts.empty() ? std::vector<std::string>{}
                                                                        : std::vector<std::string>{"conflict_confirmed"}));
                   return stored;
                 });
                 auto lease = db->acquire();
                 auto response = Response::json(appointments_json(request, scoped(*lease, request), {created}).at(0), 201);
                 response.set_header("Location", "/api/v1/appointments/" + std::to_string(created.id));
                 return response;
               } catch (const ConflictRefused& refused) {
                 return conflict_response(refused);
               }
             });

  routes.add("GET", "/api/v1/appointments/{id}",
             {"Un rendez-vous (le contenu d'un rendez-vous médical est réservé à l'équipe soignante)", "Usagers", {}, "", true,
              read_admin},
             [db](Request& request) {
               auto lease = db->acquire();
               auto a = load_visible_appointment(*lease, request);
               auto body = appointments_json(request, scoped(*lease, request), {a}).at(0);
               audit::append_alone(*db, appointment_event(request, "read", a));
               return Response::json(body);
             });

  routes.add("PATCH", "/api/v1/appointments/{id}",
             {"Modifier ou déplacer un rendez-vous, le marquer réalisé ou manqué (conflit : 409 sauf confirm_conflict)",
              "Usagers", {},
              "les champs à modifier : establishment_id, starts_at, ends_at, kind, title, person_id, professional_ids, place, "
              "comment, status (planned|done|missed), confirm_conflict?",
              true, read_admin},
             [db](Request& request) {
               require_appointment_writer(request);
               const auto body = json_body(request);
               const auto organisation = organisation_of_caller(request);
               try {
                 auto changed = db->in_transaction([&](store::Connection& c) {
                   lock_agenda(c, organisation);
                   auto current = load_visible_appointment(c, request);
                   if (current.status == "cancelled")
                     throw Problem::conflict("Ce rendez-vous est annulé : il ne se modifie plus (prenez-en un nouveau).");
                   require_appointment_write_in(request, organisation, current.establishment_id, current.kind == "medical");
                   auto input = read_appointment(body, &current, paris_now());
                   auto& a = input.appointment;
                   const auto changed_field = [&](std::string_view f) {
                     return std::find(input.changed.begin(), input.changed.end(), f) != input.changed.end();
                   };
                   const bool moved_establishment = a.establishment_id != current.establishment_id;
                   if (moved_establishment) check_establishment(c, organisation, a.establishment_id);
                   if (moved_establishment || (a.kind == "medical" && current.kind != "medical"))
                     require_appointment_write_in(request, organisation, a.establishment_id, a.kind == "medical");
                   auto data = scoped(c, request);
                   check_appointment_parties(data, request, a, moved_establishment || (changed_field("person_id") && a.person_id != current.person_id),
                                 moved_establishment || changed_field("professional_ids"));
                   // Only the conflicts this change brings are refused; those already confirmed stay.
                   auto conflicts = conflicts_now(data, a);
                   for (const auto& [id, _] : conflicts_now(data, current)) conflicts.erase(id);
                   if (!conflicts.empty() && !input.confirm_conflict) throw conflict_refusal(data, request, conflicts);
                   update_appointment(data, a);
                   auto stored = *find_appointment(data, a.id);
                   auto fields = input.changed;
                   if (!conflicts.empty()) fields.emplace_back("conflict_confirmed");
                   audit::append(c, appointment_event(request, "update", stored, fields));
                   if (current.person_id && current.person_id != stored.person_id)
                     audit::append(c, appointment_event(request, "update", current, {"person_id"}));
                   return stored;
                 });
                 auto lease = db->acquire();
                 return Response::json(appointments_json(request, scoped(*lease, request), {changed}).at(0));
               } catch (const ConflictRefused& refused) {
                 return conflict_response(refused);
               }
             });

  routes.add("POST", "/api/v1/appointments/{id}/cancel",
             {"Annuler un rendez-vous (le créneau est libéré ; motif facultatif)", "Usagers", {}, "reason?", true, read_admin},
             [db](Request& request) {
               require_appointment_writer(request);
               std::optional<std::string> reason;
               if (request.body.find_first_not_of(" \t\r\n") != std::string::npos) {
                 const auto body = json_body(request);
                 JsonReader in(body);
                 reason = in.text("reason", false, 500);
                 in.finish();
               }
               const auto organisation = organisation_of_caller(request);
               auto cancelled = db->in_transaction([&](store::Connection& c) {
                 lock_agenda(c, organisation);
                 auto a = load_visible_appointment(c, request);
                 if (a.status == "cancelled") throw Problem::conflict("Ce rendez-vous est déjà annulé.");
                 require_appointment_write_in(request, organisation, a.establishment_id, a.kind == "medical");
                 a.status = "cancelled";
                 a.cancel_reason = reason && !reason->empty() ? reason : std::nullopt;
                 auto data = scoped(c, request);
                 update_appointment(data, a);
                 auto stored = *find_appointment(data, a.id);
                 audit::append(c, appointment_event(request, "cancel", stored, {"status"}));
                 return stored;
               });
               return Response::json(appointment_json(request, cancelled, {}));
             });

  routes.add("GET", "/api/v1/persons/{id}/appointments",
             {"Rendez-vous d'une personne, passés et à venir (lecture tracée)", "Usagers", {}, "", true, read_admin},
             [db](Request& request) {
               auto lease = db->acquire();
               auto person = load_person(*lease, request, read_admin);
               auto data = scoped(*lease, request);
               std::vector<Appointment> items;
               for (auto& a : appointments_of_person(data, person.id))
                 if (may_see_appointment(request, a)) items.push_back(std::move(a));
               auto body = appointments_json(request, data, items);
               audit::append_alone(*db, person_event(request, "read", person, {"appointments"}));
               return Response::json({{"items", std::move(body)}});
             });
}

}  // namespace passerelle::modules::persons
