#include "modules/steering/routes.hpp"

namespace passerelle::modules::steering {

void register_routes(RouteTable& routes, const Services& services) {
  // Exports first: the first matching route wins, and /api/v1/indicators/anap must not be taken for
  // an indicator id.
  register_export_routes(routes, services);
  register_indicator_routes(routes, services);
  register_cpom_routes(routes, services);
}

}  // namespace passerelle::modules::steering
