#include "modules/registry.hpp"

#include "modules/accounts/routes.hpp"
#include "modules/establishments/routes.hpp"
#include "modules/gdpr/routes.hpp"
#include "modules/persons/record_store.hpp"
#include "modules/persons/routes.hpp"
#include "modules/staff/routes.hpp"
#include "modules/steering/aggregates.hpp"
#include "modules/steering/routes.hpp"

namespace passerelle::modules {

void register_all(RouteTable& routes, const Services& services) {
  accounts::register_session_routes(routes, services);
  accounts::register_account_routes(routes, services);
  accounts::register_token_routes(routes, services);
  establishments::register_routes(routes, services);
  gdpr::register_audit_routes(routes, services);
  persons::register_routes(routes, services);
  staff::register_routes(routes, services);
  steering::register_routes(routes, services);
}

void after_migrations(store::Database& database) {
  persons::index_missing_names(database);
  // The steering aggregates follow the facts from now on; built here the first time.
  steering::install_fact_listener();
  steering::prepare_aggregates(database);
}

}  // namespace passerelle::modules
