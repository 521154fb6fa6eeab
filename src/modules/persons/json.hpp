#pragma once
#include <boost/json.hpp>

#include "modules/persons/domain.hpp"

namespace passerelle::modules::persons {

boost::json::object to_json(const Person& p);
boost::json::object to_json(const Stay& s);

}  // namespace passerelle::modules::persons
