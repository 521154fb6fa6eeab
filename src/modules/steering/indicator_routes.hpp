#pragma once
// The indicator routes' parts (each file registers its own routes; register_indicator_routes calls them).
#include "core/route_table.hpp"
#include "modules/services.hpp"

namespace passerelle::modules::steering {

// The `from` and `to` query parameters, for the route documentation.
std::vector<ParameterDoc> period_parameters();

void register_dashboard_routes(RouteTable& routes, const Services& services);  // dashboard_routes.cpp
void register_detail_routes(RouteTable& routes, const Services& services);     // detail_routes.cpp
void register_target_routes(RouteTable& routes, const Services& services);     // target_routes.cpp

}  // namespace passerelle::modules::steering
