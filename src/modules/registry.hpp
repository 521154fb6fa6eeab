#pragma once
#include "core/route_table.hpp"
#include "modules/services.hpp"

namespace passerelle::modules {

// Registers the routes of every brick.
void register_all(RouteTable& routes, const Services& services);

}  // namespace passerelle::modules
