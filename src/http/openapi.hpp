#pragma once
#include <boost/json.hpp>
#include <string>

#include "core/route_table.hpp"

namespace passerelle::http {

// The OpenAPI 3.1 document, generated from the route table so no route can be left out of it.
boost::json::object openapi_document(const RouteTable& routes, const std::string& version);

}  // namespace passerelle::http
