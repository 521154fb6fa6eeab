#pragma once
// What the staff brick's route files share: permissions, loading a member with the access rule.
#include "audit/trail.hpp"
#include "core/permission.hpp"
#include "core/route_table.hpp"
#include "modules/services.hpp"
#include "modules/staff/store.hpp"

namespace passerelle::modules::staff {

inline const Permission read_hr{Brick::hr, DataCategory::administrative, Action::read};
inline const Permission write_hr{Brick::hr, DataCategory::administrative, Action::write};
inline const Permission export_hr{Brick::hr, DataCategory::administrative, Action::export_data};

// The member named by the path ({id}) in the caller's organisation, if the caller may do
// `permission` in one of the member's establishments (those of their contracts), or, with
// `own_allowed`, if it is the caller's own record (linked account). Else 404 (unknown, or outside
// the caller's establishments) or 403 (the role may not do this at all).
StaffMember load_member(store::Connection& c, const Request& request, const Permission& permission, bool own_allowed);
// For a change: the same, then the member's row is locked until the transaction ends.
StaffMember load_for_change(store::Connection& c, const Request& request);
store::Scoped member_scope(store::Connection& c, const StaffMember& m);
// The contract's establishment exists in the member's organisation (else 422 naming `field`) and the
// caller writes staff records there (else 403).
void check_contract_establishment(const store::Scoped& db, const Request& request, std::int64_t organisation_id,
                                  std::int64_t establishment_id, const std::string& field);
audit::Event staff_event(const Request& request, const std::string& action, const StaffMember& m,
                         std::vector<std::string> fields);

void register_member_routes(RouteTable& routes, const Services& services);
void register_contract_routes(RouteTable& routes, const Services& services);
void register_import_routes(RouteTable& routes, const Services& services);

}  // namespace passerelle::modules::staff
