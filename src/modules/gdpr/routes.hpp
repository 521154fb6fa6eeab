#pragma once
#include "core/route_table.hpp"
#include "modules/services.hpp"

namespace passerelle::modules::gdpr {

// /api/v1/audit: the data-protection officer's search, CSV export and chain check.
void register_audit_routes(RouteTable& routes, const Services& services);

}  // namespace passerelle::modules::gdpr
