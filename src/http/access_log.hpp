#pragma once
#include <string>

#include "core/request.hpp"
#include "core/response.hpp"

namespace passerelle::http {

// One JSON line per request on the "access" logger. The query string is never logged: it can
// hold names typed in a search box.
void log_access(const Request& request, const Response& response, const std::string& route, double seconds);

}  // namespace passerelle::http
