#pragma once
// What the CPOM route files share: permissions, who may see or change a CPOM, loading one with that rule,
// the audit events, and the live values of linked indicators.
#include "audit/trail.hpp"
#include "core/permission.hpp"
#include "core/request.hpp"
#include "core/route_table.hpp"
#include "modules/services.hpp"
#include "modules/steering/cpom_json.hpp"

namespace passerelle::modules::steering::cpom {

inline const Permission read_contracts{Brick::cpom, DataCategory::reference, passerelle::Action::read};
inline const Permission write_contracts{Brick::cpom, DataCategory::reference, passerelle::Action::write};

// What a caller may do with one CPOM. Staff with the cpom permission over the whole organisation see and
// change every CPOM; over some establishments, they see the CPOM concerning one of them and change those
// whose establishments they all cover. An external reader (the funder) sees only the CPOM naming their
// account, read-only. Their external reader grant gives nothing more.
enum class Access { none, reader, read, write };
Access access_to(const Caller& caller, const Cpom& c);

// The CPOM named by the path ({id}) if the caller may see it (404 otherwise, other organisations' ids
// included); with `for_change`, 403 when they see it but may not change it, then its row is locked until
// the transaction ends.
struct Loaded {
  Cpom cpom;
  Access access = Access::none;
};
Loaded load_cpom(store::Connection& c, const Request& request, bool for_change);
store::Scoped cpom_scope(store::Connection& c, const Cpom& cpom);

// Refuses external readers what is for the organisation's staff only (the history of changes): 403.
void require_staff(const Loaded& loaded);

audit::Event cpom_event(const Request& request, const std::string& action, const std::string& object_type,
                        std::int64_t object_id, const Cpom& cpom, std::vector<std::string> fields = {});
// External readers' reads are recorded (a funder consulted the contract); the staff's are not personal data.
void audit_reader_read(store::Database& db, const Request& request, const Loaded& loaded,
                       const std::string& object_type, std::int64_t object_id);

// The establishments' and readers' names the CPOM's JSON shows.
Names names_for(const store::Scoped& db, const Cpom& c);
// The CPOM with its progress (from its sheets), as the caller sees it.
boost::json::object cpom_json(const store::Scoped& db, const Cpom& c, Access access);

// The current values of the sheets' linked indicators, by indicator id: computed now by the steering
// engine over the contract's current year, one computation per scope.
std::map<std::int64_t, Current> current_values(store::Connection& c, const Cpom& cpom, const std::vector<Sheet>& sheets,
                                               Date today);

// /api/v1/cpom/{id}/sheets…: the action sheets and their comments (cpom_sheet_routes.cpp).
void register_sheet_routes(RouteTable& routes, const Services& services);

}  // namespace passerelle::modules::steering::cpom
