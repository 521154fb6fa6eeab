#include "modules/staff/routes_support.hpp"

#include <algorithm>

#include "auth/policy.hpp"

namespace passerelle::modules::staff {
namespace {

void require_on_member(const Caller& caller, const Permission& permission, const StaffMember& m) {
  auto only = auth::establishments_allowed(caller, permission, m.organisation_id);
  if (!only) return;  // every establishment of the organisation
  for (const auto& c : m.contracts)
    if (std::find(only->begin(), only->end(), c.establishment_id) != only->end()) return;
  if (only->empty())
    throw Problem::forbidden("Votre rôle ne donne accès qu'à votre propre dossier du personnel.").mark_access_denied();
  throw Problem::hidden().mark_access_denied();
}

}  // namespace

StaffMember load_member(store::Connection& c, const Request& request, const Permission& permission, bool own_allowed) {
  store::Scoped db(c, scope_of(request.caller));
  auto m = find_staff(db, request.id_param());
  if (!m) throw Problem::hidden();
  if (own_allowed && request.caller.account_id && m->account_id == request.caller.account_id) return *m;
  require_on_member(request.caller, permission, *m);
  return *m;
}

StaffMember load_for_change(store::Connection& c, const Request& request) {
  auto m = load_member(c, request, write_hr, false);
  lock_staff(member_scope(c, m), m.id);
  return m;
}

store::Scoped member_scope(store::Connection& c, const StaffMember& m) {
  return store::Scoped(c, store::Scope::platform().within(m.organisation_id));
}

void check_contract_establishment(const store::Scoped& db, const Request& request, std::int64_t organisation_id,
                                  std::int64_t establishment_id, const std::string& field) {
  if (!establishment_in_organisation(db, establishment_id))
    throw Problem::invalid_field(field, "établissement inconnu dans cet organisme");
  auto only = auth::establishments_allowed(request.caller, write_hr, organisation_id);
  if (only && std::find(only->begin(), only->end(), establishment_id) == only->end())
    throw Problem::forbidden("Vous ne gérez pas le personnel de cet établissement.").mark_access_denied();
}

audit::Event staff_event(const Request& request, const std::string& action, const StaffMember& m,
                         std::vector<std::string> fields) {
  auto e = audit::event_for(request, action, "staff_member", std::to_string(m.id));
  e.organisation_id = m.organisation_id;
  e.fields = std::move(fields);
  return e;
}

}  // namespace passerelle::modules::staff
