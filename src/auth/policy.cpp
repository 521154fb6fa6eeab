#include "auth/policy.hpp"

#include <algorithm>

#include "core/problem.hpp"

namespace passerelle::auth {
namespace {

using B = Brick;
using C = DataCategory;

RolePermission allow(Role role, Brick brick, DataCategory category, std::string_view rwx) {
  return {role, brick, category, rwx.find('r') != std::string_view::npos, rwx.find('w') != std::string_view::npos,
          rwx.find('x') != std::string_view::npos};
}

// Need-to-know, per role. Rows not listed are refused. Sources and reasons: docs/security.md.
std::vector<RolePermission> build_table() {
  using R = Role;
  std::vector<RolePermission> t;
  auto rows = [&](Role role, std::initializer_list<std::tuple<Brick, DataCategory, std::string_view>> list) {
    for (const auto& [brick, category, rwx] : list) t.push_back(allow(role, brick, category, rwx));
  };
  // Runs the platform: organisations, their administrators. No access to persons.
  rows(R::platform_admin, {{B::establishments, C::reference, "rwx"},
                           {B::administration, C::accounts, "rw"},
                           {B::steering, C::reference, "rx"}});
  // Runs one organisation's reference data and accounts. No access to persons.
  rows(R::organisation_admin, {{B::establishments, C::reference, "rwx"},
                               {B::administration, C::accounts, "rw"},
                               {B::steering, C::reference, "rx"},
                               {B::cpom, C::reference, "rw"},
                               {B::hr, C::administrative, "rwx"}});
  rows(R::director, {{B::establishments, C::reference, "rwx"},
                     {B::persons, C::administrative, "rwx"},
                     {B::persons, C::social, "rwx"},
                     {B::persons, C::educational, "rwx"},
                     {B::steering, C::reference, "rx"},
                     {B::cpom, C::reference, "rw"},
                     {B::surveys, C::reference, "rwx"},
                     {B::collaboration, C::reference, "rw"},
                     {B::hr, C::administrative, "rwx"}});
  // Staff records (hr): directors, heads of service and organisation administrators of the
  // establishment; other professionals see only their own record (checked by the staff routes).
  rows(R::head_of_service, {{B::establishments, C::reference, "r"},
                            {B::persons, C::administrative, "rwx"},
                            {B::persons, C::social, "rwx"},
                            {B::persons, C::educational, "rwx"},
                            {B::steering, C::reference, "r"},
                            {B::surveys, C::reference, "rw"},
                            {B::collaboration, C::reference, "rw"},
                            {B::hr, C::administrative, "rw"}});
  rows(R::educator, {{B::establishments, C::reference, "r"},
                     {B::persons, C::administrative, "r"},
                     {B::persons, C::social, "rw"},
                     {B::persons, C::educational, "rw"},
                     {B::surveys, C::reference, "r"},
                     {B::collaboration, C::reference, "rw"}});
  // Only care roles read and write medical data (CSP L.1110-4: shared within the care team).
  rows(R::care_professional, {{B::establishments, C::reference, "r"},
                              {B::persons, C::administrative, "r"},
                              {B::persons, C::social, "r"},
                              {B::persons, C::educational, "r"},
                              {B::persons, C::medical, "rw"},
                              {B::collaboration, C::reference, "rw"}});
  rows(R::secretary, {{B::establishments, C::reference, "r"},
                      {B::persons, C::administrative, "rwx"},
                      {B::collaboration, C::reference, "rw"}});
  rows(R::quality_manager, {{B::establishments, C::reference, "r"},
                            {B::steering, C::reference, "rx"},
                            {B::cpom, C::reference, "rw"},
                            {B::surveys, C::reference, "rwx"},
                            {B::collaboration, C::reference, "rw"}});
  // The DPO answers data-subject requests and audits access: administrative data and the trail.
  rows(R::data_protection_officer, {{B::establishments, C::reference, "r"},
                                    {B::persons, C::administrative, "rx"},
                                    {B::gdpr, C::reference, "rwx"},
                                    {B::gdpr, C::audit, "rx"}});
  // Funders see the CPOM action sheets, read-only, and nothing else.
  rows(R::external_reader, {{B::cpom, C::reference, "r"}});
  return t;
}

bool allows(const RolePermission& p, Action action) {
  switch (action) {
    case Action::read: return p.read;
    case Action::write: return p.write;
    case Action::export_data: return p.export_data;
  }
  return false;
}

bool api_token_allows(const Caller& caller, const Permission& permission) {
  // API tokens serve external systems: never medical data, accounts or the audit trail.
  if (permission.category == C::medical || permission.category == C::accounts || permission.category == C::audit)
    return false;
  if (caller.read_only && permission.action == Action::write) return false;
  return std::find(caller.bricks.begin(), caller.bricks.end(), brick_code(permission.brick)) != caller.bricks.end();
}

bool grant_allows(const CallerGrant& grant, const Permission& permission) {
  auto role = role_from_code(grant.role);
  return role && role_allows(*role, permission);
}

Problem refusal(int status, std::string detail) {
  Problem p = status == 404 ? Problem::hidden() : Problem::forbidden(std::move(detail));
  p.mark_access_denied();
  return p;
}


}  // namespace

const std::vector<RolePermission>& permission_table() {
  static const std::vector<RolePermission> table = build_table();
  return table;
}

bool role_allows(Role role, const Permission& permission) {
  for (const auto& p : permission_table())
    if (p.role == role && p.brick == permission.brick && p.category == permission.category)
      return allows(p, permission.action);
  return false;
}

bool may(const Caller& caller, const Permission& permission) {
  if (caller.kind == Caller::Kind::api_token) return api_token_allows(caller, permission);
  return std::any_of(caller.grants.begin(), caller.grants.end(),
                     [&](const CallerGrant& g) { return grant_allows(g, permission); });
}

void require(const Caller& caller, const Permission& permission, std::int64_t organisation_id,
             std::optional<std::int64_t> establishment_id) {
  if (caller.kind == Caller::Kind::api_token) {
    if (caller.organisation_id != organisation_id) throw refusal(404, {});
    if (!api_token_allows(caller, permission)) throw refusal(403, "Ce jeton d'API ne permet pas cette action.");
    return;
  }
  bool in_organisation = false;
  bool allowed_elsewhere = false;
  for (const auto& grant : caller.grants) {
    const bool platform_grant = !grant.organisation_id;
    if (!platform_grant && *grant.organisation_id != organisation_id) continue;
    in_organisation = true;
    if (!grant_allows(grant, permission)) continue;
    const bool in_scope = platform_grant || !grant.establishment_id || !establishment_id ||
                          *grant.establishment_id == *establishment_id;
    if (in_scope) return;
    allowed_elsewhere = true;
  }
  if (!in_organisation || allowed_elsewhere) throw refusal(404, {});
  throw refusal(403, "Votre rôle ne permet pas cette action.");
}

std::optional<std::vector<std::int64_t>> establishments_allowed(const Caller& caller, const Permission& permission,
                                                                std::int64_t organisation_id) {
  if (caller.kind == Caller::Kind::api_token) {
    if (caller.organisation_id == organisation_id && api_token_allows(caller, permission)) return std::nullopt;
    return std::vector<std::int64_t>{};
  }
  std::vector<std::int64_t> ids;
  for (const auto& grant : caller.grants) {
    if (grant.organisation_id && *grant.organisation_id != organisation_id) continue;
    if (!grant_allows(grant, permission)) continue;
    if (!grant.organisation_id || !grant.establishment_id) return std::nullopt;
    ids.push_back(*grant.establishment_id);
  }
  return ids;
}

std::string acting_role(const Caller& caller, const std::optional<Permission>& permission) {
  if (caller.kind == Caller::Kind::api_token) return "api_token";
  for (const auto& grant : caller.grants)
    if (!permission || grant_allows(grant, *permission)) return grant.role;
  return caller.grants.empty() ? "" : caller.grants.front().role;
}

}  // namespace passerelle::auth
