#pragma once
#include "core/route_table.hpp"
#include "modules/services.hpp"

namespace passerelle::modules::persons {

// /api/v1/persons: identity, search, duplicates, stays.
void register_routes(RouteTable& routes, const Services& services);

}  // namespace passerelle::modules::persons
