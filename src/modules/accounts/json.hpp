#pragma once
#include <boost/json.hpp>

#include "auth/account_store.hpp"
#include "core/request.hpp"

namespace passerelle::modules::accounts {

boost::json::object account_json(const auth::Account& account, const std::vector<CallerGrant>& grants);
boost::json::array grants_json(const std::vector<CallerGrant>& grants);
boost::json::value optional_id(const std::optional<std::int64_t>& id);
// The bricks the caller may open (for the web application's navigation).
boost::json::array visible_bricks(const Caller& caller);

}  // namespace passerelle::modules::accounts
