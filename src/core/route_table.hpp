#pragma once
// Method + path pattern -> handler, with the documentation the OpenAPI document is built from.
// Patterns use {name} segments: "/api/v1/organisations/{id}".
#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/permission.hpp"
#include "core/request.hpp"
#include "core/response.hpp"

namespace passerelle {

using Handler = std::function<Response(Request&)>;

struct ParameterDoc {
  std::string name;
  std::string description;
  bool required = false;
};

struct RouteDoc {
  std::string summary;  // one line, required
  std::string tag;      // brick, e.g. "Établissements"
  std::vector<ParameterDoc> query;
  std::string request_body;  // short description of the JSON body, empty if none
  bool authenticated = true;  // false: served to anyone (health, metrics, OpenAPI, sign-in)
  // What the caller must be allowed to do; empty for routes every signed-in caller may use
  // (their own session). Checked before the handler runs; handlers check the object's scope.
  std::optional<Permission> permission = std::nullopt;
  // The largest body this route accepts, in bytes, when it differs from the server's limit for JSON
  // bodies (file uploads); 0: the server's limit. The server reads it once the request's head is known.
  std::size_t body_limit = 0;
};

struct Route {
  std::string method;
  std::string pattern;
  std::vector<std::string> segments;
  RouteDoc doc;
  Handler handler;
};

struct RouteMatch {
  const Route* route = nullptr;
  std::map<std::string, std::string> params;
  std::vector<std::string> allowed_methods;  // when the path exists with other methods
};

class RouteTable {
 public:
  // Refuses (std::logic_error) a duplicate route or one without a summary.
  void add(std::string method, std::string pattern, RouteDoc doc, Handler handler);
  RouteMatch match(const std::string& method, const std::string& path) const;
  const std::vector<Route>& routes() const { return routes_; }
  // The largest body_limit any route declares (0 when none does).
  std::size_t largest_body_limit() const;

 private:
  std::vector<Route> routes_;
};

std::vector<std::string> split_path(const std::string& path);

}  // namespace passerelle
