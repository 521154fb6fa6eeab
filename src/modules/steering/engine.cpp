// Placeholder until the engine lands: no indicator, no value.
#include "modules/steering/indicators.hpp"

namespace passerelle::modules::steering {

const std::vector<Definition>& definitions() {
  static const std::vector<Definition> none;
  return none;
}
const Definition* find_definition(const std::string&) { return nullptr; }
std::string Scope::code() const { return "organisation:" + std::to_string(organisation_id); }
std::vector<Value> compute(store::Connection&, const Scope&, Date, Date, const std::vector<std::string>&) { return {}; }
std::vector<Value> compute_from_facts(store::Connection&, const Scope&, Date, Date, const std::vector<std::string>&) {
  return {};
}

}  // namespace passerelle::modules::steering
