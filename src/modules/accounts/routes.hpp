#pragma once
#include "core/route_table.hpp"
#include "modules/services.hpp"

namespace passerelle::modules::accounts {

// /api/v1/session: sign in, who am I, sign out, own password, second-factor enrolment.
void register_session_routes(RouteTable& routes, const Services& services);
// /api/v1/accounts, /api/v1/password-reset, /api/v1/second-factor-rules.
void register_account_routes(RouteTable& routes, const Services& services);
// /api/v1/api-tokens.
void register_token_routes(RouteTable& routes, const Services& services);

}  // namespace passerelle::modules::accounts
