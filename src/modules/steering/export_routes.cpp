#include "modules/steering/routes.hpp"

namespace passerelle::modules::steering {

void register_export_routes(RouteTable&, const Services&) {}

}  // namespace passerelle::modules::steering
