#pragma once
#include <boost/json.hpp>

#include "modules/persons/domain.hpp"

namespace passerelle::modules::persons {

boost::json::object to_json(const Person& p);
boost::json::object to_json(const Stay& s);
boost::json::object to_json(const Decision& d, Date today);

}  // namespace passerelle::modules::persons
