#pragma once
#include <boost/json.hpp>

#include "modules/persons/domain.hpp"
#include "modules/persons/record.hpp"

namespace passerelle::modules::persons {

boost::json::object to_json(const Person& p);
boost::json::object to_json(const Stay& s);
boost::json::object to_json(const Decision& d, Date today);
boost::json::object to_json(const AdmissionRequest& r, Date today);
boost::json::object to_json(const Protection& p, Date today);
boost::json::object to_json(const Contact& c);

}  // namespace passerelle::modules::persons
