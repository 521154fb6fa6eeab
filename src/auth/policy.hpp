#pragma once
// The access policy: one table (role -> what it may do, per brick and data category), and the one
// function every route and handler asks.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "auth/roles.hpp"
#include "core/permission.hpp"
#include "core/request.hpp"

namespace passerelle::auth {

struct RolePermission {
  Role role;
  Brick brick;
  DataCategory category;
  bool read, write, export_data;
};

// The table itself, exposed for the documentation and the role x route test.
const std::vector<RolePermission>& permission_table();
bool role_allows(Role role, const Permission& permission);

// Whether the caller may do `permission` somewhere (any of their grants): decides 403 before a
// handler runs.
bool may(const Caller& caller, const Permission& permission);

// Whether the caller may do `permission` on an object of `organisation_id` / `establishment_id`
// (empty establishment: organisation-level data). Outside the caller's organisations or
// establishments the object is answered as not found (404), so ids cannot be probed; a role that
// lacks the permission gets 403. Both are marked as access refusals for the audit trail.
void require(const Caller& caller, const Permission& permission, std::int64_t organisation_id,
             std::optional<std::int64_t> establishment_id = std::nullopt);

// The establishments in which the caller may do `permission` within an organisation; empty
// optional means every establishment of it.
std::optional<std::vector<std::int64_t>> establishments_allowed(const Caller& caller, const Permission& permission,
                                                                std::int64_t organisation_id);

// The role the audit trail records for the caller (the first grant that allows the permission).
std::string acting_role(const Caller& caller, const std::optional<Permission>& permission);

}  // namespace passerelle::auth
