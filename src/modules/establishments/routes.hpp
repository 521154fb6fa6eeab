#pragma once
#include "core/route_table.hpp"
#include "modules/services.hpp"

namespace passerelle::modules::establishments {

void register_routes(RouteTable& routes, const Services& services);

}  // namespace passerelle::modules::establishments
