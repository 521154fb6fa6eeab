#pragma once
#include "core/route_table.hpp"
#include "modules/services.hpp"
#include "store/database.hpp"

namespace passerelle::modules {

// Registers the routes of every brick.
void register_all(RouteTable& routes, const Services& services);
// Data upkeep the SQL migrations cannot do (indexes computed in C++, the steering aggregates when
// never built) and the listeners of fact changes; idempotent, run at start.
void after_migrations(store::Database& database);

}  // namespace passerelle::modules
