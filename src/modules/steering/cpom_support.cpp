#include "modules/steering/cpom_support.hpp"

#include <algorithm>
#include <map>

#include "auth/policy.hpp"
#include "auth/roles.hpp"

namespace passerelle::modules::steering::cpom {
namespace {

bool contains(const std::vector<std::int64_t>& ids, std::int64_t id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// The caller as the organisation's staff: without the external reader grants, which open only the CPOM
// naming the account.
Caller as_staff(const Caller& caller) {
  Caller staff = caller;
  const auto reader = auth::role_code(auth::Role::external_reader);
  std::erase_if(staff.grants, [&](const CallerGrant& g) { return g.role == reader; });
  return staff;
}

}  // namespace

Access access_to(const Caller& caller, const Cpom& c) {
  const auto staff = as_staff(caller);
  const auto writable = auth::establishments_allowed(staff, write_contracts, c.organisation_id);
  if (!writable || (!writable->empty() && std::all_of(c.establishment_ids.begin(), c.establishment_ids.end(),
                                                      [&](std::int64_t e) { return contains(*writable, e); })))
    return Access::write;
  const auto readable = auth::establishments_allowed(staff, read_contracts, c.organisation_id);
  if (!readable || std::any_of(c.establishment_ids.begin(), c.establishment_ids.end(),
                               [&](std::int64_t e) { return contains(*readable, e); }))
    return Access::read;
  if (caller.kind == Caller::Kind::account && caller.account_id && contains(c.reader_ids, *caller.account_id))
    return Access::reader;
  return Access::none;
}

Loaded load_cpom(store::Connection& c, const Request& request, bool for_change) {
  store::Scoped db(c, scope_of(request.caller));
  auto found = find_cpom(db, request.id_param());
  if (!found) throw Problem::hidden();
  const auto access = access_to(request.caller, *found);
  if (access == Access::none) throw Problem::hidden().mark_access_denied();
  if (for_change) {
    if (access != Access::write) throw Problem::forbidden("Vous ne pouvez pas modifier ce CPOM.").mark_access_denied();
    lock_cpom(cpom_scope(c, *found), found->id);
  }
  return {*found, access};
}

store::Scoped cpom_scope(store::Connection& c, const Cpom& cpom) {
  return store::Scoped(c, store::Scope::platform().within(cpom.organisation_id));
}

void require_staff(const Loaded& loaded) {
  if (loaded.access == Access::reader)
    throw Problem::forbidden("L'historique des modifications n'est pas partagé avec les lecteurs externes.")
        .mark_access_denied();
}

audit::Event cpom_event(const Request& request, const std::string& action, const std::string& object_type,
                        std::int64_t object_id, const Cpom& cpom, std::vector<std::string> fields) {
  auto e = audit::event_for(request, action, object_type, std::to_string(object_id));
  e.organisation_id = cpom.organisation_id;
  e.fields = std::move(fields);
  return e;
}

void audit_reader_read(store::Database& db, const Request& request, const Loaded& loaded,
                       const std::string& object_type, std::int64_t object_id) {
  if (loaded.access != Access::reader) return;
  audit::append_alone(db, cpom_event(request, "read", object_type, object_id, loaded.cpom));
}

Names names_for(const store::Scoped& db, const Cpom& c) {
  return {establishment_names(db, c.establishment_ids), accounts_named(db, c.reader_ids)};
}

boost::json::object cpom_json(const store::Scoped& db, const Cpom& c, Access access) {
  std::vector<std::optional<double>> progress;
  for (const auto& s : sheets_of(db, c.id)) progress.push_back(sheet_progress(s.actions));
  return to_json(c, names_for(db, c), access == Access::write, cpom_progress(progress));
}

std::map<std::int64_t, Current> current_values(store::Connection& c, const Cpom& cpom, const std::vector<Sheet>& sheets,
                                               Date today) {
  std::map<std::int64_t, Current> out;
  const auto period = current_period(cpom, today);
  if (!period) return out;
  // scope text → (indicator ids of the engine, CPOM indicators following each)
  std::map<std::string, std::map<std::string, std::vector<std::int64_t>>> wanted;
  for (const auto& s : sheets)
    for (const auto& i : s.indicators)
      if (i.computed_id && i.computed_scope) wanted[*i.computed_scope][*i.computed_id].push_back(i.id);
  for (const auto& [scope_text, by_id] : wanted) {
    const auto scope = parse_scope(scope_text, cpom.organisation_id);
    std::vector<std::string> ids;
    for (const auto& [id, followers] : by_id) {
      ids.push_back(id);
      for (auto follower : followers) out[follower] = {std::nullopt, period->first, period->second};
    }
    if (!scope) continue;
    for (const auto& value : compute(c, *scope, period->first, period->second, ids)) {
      auto it = by_id.find(value.id);
      if (it == by_id.end()) continue;
      for (auto follower : it->second) out[follower].value = value.value;
    }
  }
  return out;
}

}  // namespace passerelle::modules::steering::cpom
