#pragma once
// What the appointment routes share: who may see and write an appointment (appointment_access.cpp),
// and how appointments and their conflicts are shown (appointment_views.cpp).
#include <boost/json.hpp>
#include <map>
#include <string>
#include <vector>

#include "modules/persons/appointment_store.hpp"
#include "modules/persons/routes_support.hpp"

namespace passerelle::modules::persons {

inline constexpr std::int64_t agenda_max_days = 62;

// Seen from the establishments where the caller reads persons, and by its own professionals wherever
// it is (a professional always sees their own agenda).
bool may_see_appointment(const Request& request, const Appointment& a);
// Medical secret: what a medical appointment is about is for the care team of its establishment.
bool shows_appointment_detail(const Request& request, const Appointment& a);
// Roles that make no appointment anywhere (the DPO) are refused (403) before anything is read.
void require_appointment_writer(const Request& request);
// Writing in this establishment (404 outside the caller's); a medical appointment needs the care
// team's permission (403).
void require_appointment_write_in(const Request& request, std::int64_t organisation, std::int64_t establishment, bool medical);
// The appointment named by the path if the caller may see it, else the usual 404.
Appointment load_visible_appointment(store::Connection& c, const Request& request);
// One change of the organisation's agenda at a time (two requests cannot both take a free slot).
void lock_agenda(store::Connection& c, std::int64_t organisation);
// Roles that may be invited to an appointment: those who make appointments (not the DPO).
bool makes_appointments(const std::string& role);
// The person and professionals of `a` exist, may be named by the caller and belong to its
// establishment; fills the professionals' names. 422 naming every bad one.
void check_appointment_parties(const store::Scoped& db, const Request& request, Appointment& a, bool person_changed,
                               bool professionals_changed);

boost::json::object appointment_json(const Request& request, const Appointment& a, const std::vector<std::int64_t>& conflicts);
// The appointments with the conflicts of each.
boost::json::array appointments_json(const Request& request, const store::Scoped& db, const std::vector<Appointment>& items);
// An event on the appointment's person (on the appointment when it has none), naming it in the fields.
audit::Event appointment_event(const Request& request, const std::string& action, const Appointment& a,
                               std::vector<std::string> fields = {});
// The planned appointments `a` would conflict with, and what they share with it.
std::map<std::int64_t, std::vector<std::string>> conflicts_now(const store::Scoped& db, const Appointment& a);

// The 409 refusing a conflict, and the conflicting appointments (thrown out of the transaction, so
// that nothing is written, and answered by conflict_response).
struct ConflictRefused {
  Problem problem;
  boost::json::array conflicts;
};
ConflictRefused conflict_refusal(const store::Scoped& db, const Request& request,
                                 const std::map<std::int64_t, std::vector<std::string>>& found);
Response conflict_response(const ConflictRefused& refused);

}  // namespace passerelle::modules::persons
