#include "modules/registry.hpp"

#include "modules/establishments/routes.hpp"

namespace passerelle::modules {

void register_all(RouteTable& routes, const Services& services) {
  establishments::register_routes(routes, services);
}

}  // namespace passerelle::modules
