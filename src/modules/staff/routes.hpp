#pragma once
#include "core/route_table.hpp"
#include "modules/services.hpp"

namespace passerelle::modules::staff {

// /api/v1/staff (members, contracts, absences) and /api/v1/fte.
void register_routes(RouteTable& routes, const Services& services);

}  // namespace passerelle::modules::staff
