#include "modules/steering/routes.hpp"

namespace passerelle::modules::steering {

void register_routes(RouteTable& routes, const Services& services) {
  register_indicator_routes(routes, services);
  register_export_routes(routes, services);
  register_cpom_routes(routes, services);
}

}  // namespace passerelle::modules::steering
