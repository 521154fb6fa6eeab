#include "modules/accounts/json.hpp"

#include "auth/policy.hpp"
#include "auth/roles.hpp"

namespace passerelle::modules::accounts {

boost::json::value optional_id(const std::optional<std::int64_t>& id) {
  return id ? boost::json::value(*id) : boost::json::value(nullptr);
}

boost::json::array grants_json(const std::vector<CallerGrant>& grants) {
  boost::json::array out;
  for (const auto& g : grants) {
    auto role = auth::role_from_code(g.role);
    out.push_back({{"role", g.role},
                   {"role_label", role ? std::string(auth::role_label(*role)) : g.role},
                   {"organisation_id", optional_id(g.organisation_id)},
                   {"establishment_id", optional_id(g.establishment_id)}});
  }
  return out;
}

boost::json::object account_json(const auth::Account& a, const std::vector<CallerGrant>& grants) {
  return {{"id", a.id},
          {"organisation_id", optional_id(a.organisation_id)},
          {"email", a.email},
          {"display_name", a.display_name},
          {"source", a.source},
          {"disabled", a.disabled},
          {"second_factor_enrolled", a.totp_secret.has_value()},
          {"grants", grants_json(grants)},
          {"created_at", a.created_at}};
}

boost::json::array visible_bricks(const Caller& caller) {
  boost::json::array out;
  for (Brick brick : {Brick::establishments, Brick::persons, Brick::steering, Brick::cpom, Brick::surveys,
                      Brick::collaboration, Brick::gdpr, Brick::administration, Brick::hr}) {
    bool visible = false;
    for (DataCategory category : {DataCategory::reference, DataCategory::administrative, DataCategory::social,
                                  DataCategory::educational, DataCategory::medical, DataCategory::audit,
                                  DataCategory::accounts})
      visible = visible || auth::may(caller, {brick, category, Action::read});
    if (visible) out.emplace_back(brick_code(brick));
  }
  return out;
}

}  // namespace passerelle::modules::accounts
