#pragma once
#include <boost/json.hpp>

#include "modules/establishments/domain.hpp"
#include "modules/establishments/store.hpp"

namespace passerelle::modules::establishments {

boost::json::object to_json(const Organisation& o);
boost::json::object to_json(const Establishment& e);
boost::json::object to_json(const CapacityPeriod& c);
boost::json::array to_json(const std::vector<CapacityLine>& lines);
boost::json::object to_json(const Authorisation& a, Date today);
boost::json::object to_json(const Closure& c);
boost::json::object to_json(const Site& s);
boost::json::object reference_json();
std::string describe(const CapacityPeriod& c);

}  // namespace passerelle::modules::establishments
