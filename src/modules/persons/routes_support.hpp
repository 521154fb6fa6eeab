#pragma once
// What the person record's route files share.
#include <string>
#include <vector>

#include "audit/trail.hpp"
#include "core/permission.hpp"
#include "core/route_table.hpp"
#include "modules/persons/store.hpp"
#include "modules/services.hpp"

namespace passerelle::modules::persons {

inline const Permission read_admin{Brick::persons, DataCategory::administrative, Action::read};
inline const Permission write_admin{Brick::persons, DataCategory::administrative, Action::write};
inline const Permission export_admin{Brick::persons, DataCategory::administrative, Action::export_data};

std::int64_t organisation_of_caller(const Request& request);
// The establishments the caller may reach with `permission` (empty optional: all of its organisation).
Visibility visibility_for(const Request& request, const Permission& permission);
store::Scoped scoped(store::Connection& c, const Request& request);
// The person named by the path if the caller may do `permission` on it, else the usual 404.
Person load_person(store::Connection& c, const Request& request, const Permission& permission,
                   const std::string& id_name = "id");
// The same, for a change: a record merged into another one is read-only (409 naming the other).
Person load_for_change(store::Connection& c, const Request& request, const Permission& permission);
// An active establishment of the caller's organisation, else a 422 naming `field`.
void check_establishment(store::Connection& c, std::int64_t organisation_id, std::int64_t establishment_id,
                         const std::string& field = "establishment_id");
audit::Event person_event(const Request& request, const std::string& action, const Person& p,
                          std::vector<std::string> fields = {});
// Admission, within the caller's transaction: rights, establishment, no overlapping stay, insertion,
// waiting-list requests closed, history, audit (`action`: "admission", "transfer"…).
Stay admit(store::Connection& c, const Request& request, const Person& person, Stay stay, const std::string& action);
// Shown in the history: "illness" etc. stay codes, dates ISO.
std::string describe(const Stay& s);

// A positive id in the query ("?establishment_id=3"), 400 naming it when missing (if required) or malformed.
std::optional<std::int64_t> id_query(const Request& request, const char* name, bool required);
// The FINESS kinds of care (codes), for the fields that take one.
std::vector<std::string_view> care_mode_codes();

// "YYYY-MM-DD" query parameter, 400 naming it when malformed.
std::optional<Date> date_query(const Request& request, const char* name, bool required);

void register_identity_routes(RouteTable& routes, const Services& services);
void register_import_routes(RouteTable& routes, const Services& services);
void register_stay_routes(RouteTable& routes, const Services& services);
void register_circle_routes(RouteTable& routes, const Services& services);
void register_attendance_routes(RouteTable& routes, const Services& services);
void register_plan_routes(RouteTable& routes, const Services& services);
void register_note_routes(RouteTable& routes, const Services& services);
void register_document_routes(RouteTable& routes, const Services& services);
void register_photo_routes(RouteTable& routes, const Services& services);
void register_appointment_routes(RouteTable& routes, const Services& services);
void register_plan_pdf_routes(RouteTable& routes, const Services& services);
void register_letter_routes(RouteTable& routes, const Services& services);
void register_letter_template_routes(RouteTable& routes, const Services& services);
// The name of an establishment of the caller's organisation (empty when unknown).
std::string establishment_name(const store::Scoped& data, std::int64_t establishment_id);

}  // namespace passerelle::modules::persons
