#include "core/route_table.hpp"

#include <algorithm>
#include <stdexcept>

#include "core/text.hpp"

namespace passerelle {

std::vector<std::string> split_path(const std::string& path) {
  return split(path, '/');
}

void RouteTable::add(std::string method, std::string pattern, RouteDoc doc, Handler handler) {
  if (doc.summary.empty()) throw std::logic_error("route " + pattern + " has no summary for the OpenAPI document");
  for (const auto& r : routes_)
    if (r.method == method && r.pattern == pattern) throw std::logic_error("duplicate route " + method + " " + pattern);
  auto segments = split_path(pattern);
  routes_.push_back({std::move(method), std::move(pattern), std::move(segments), std::move(doc), std::move(handler)});
}

std::size_t RouteTable::largest_body_limit() const {
  std::size_t largest = 0;
  for (const auto& r : routes_) largest = std::max(largest, r.doc.body_limit);
  return largest;
}

RouteMatch RouteTable::match(const std::string& method, const std::string& path) const {
  const auto segments = split_path(path);
  RouteMatch result;
  const std::string effective = method == "HEAD" ? "GET" : method;
  for (const auto& route : routes_) {
    if (route.segments.size() != segments.size()) continue;
    std::map<std::string, std::string> params;
    bool same = true;
    for (std::size_t i = 0; i < segments.size() && same; ++i) {
      const auto& s = route.segments[i];
      if (s.size() > 2 && s.front() == '{' && s.back() == '}') {
        params[s.substr(1, s.size() - 2)] = segments[i];
      } else {
        same = s == segments[i];
      }
    }
    if (!same) continue;
    if (route.method == effective) {
      result.route = &route;
      result.params = std::move(params);
      return result;
    }
    result.allowed_methods.push_back(route.method);
  }
  return result;
}

}  // namespace passerelle
