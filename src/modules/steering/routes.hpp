#pragma once
#include "core/route_table.hpp"
#include "modules/services.hpp"

namespace passerelle::modules::steering {

// /api/v1/indicators…, /api/v1/dashboards/…, exports, /api/v1/cpom….
void register_routes(RouteTable& routes, const Services& services);

void register_indicator_routes(RouteTable& routes, const Services& services);  // indicator_routes.cpp
void register_export_routes(RouteTable& routes, const Services& services);     // export_routes.cpp
void register_cpom_routes(RouteTable& routes, const Services& services);       // cpom_routes.cpp

}  // namespace passerelle::modules::steering
