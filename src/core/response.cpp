#include "core/response.hpp"

#include <strings.h>

namespace passerelle {

void Response::set_header(std::string name, std::string value) {
  for (auto& [n, v] : headers) {
    if (strcasecmp(n.c_str(), name.c_str()) == 0) {
      v = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
}

const std::string* Response::find_header(std::string_view name) const {
  for (const auto& [n, v] : headers)
    if (n.size() == name.size() && strncasecmp(n.data(), name.data(), n.size()) == 0) return &v;
  return nullptr;
}

Response Response::json(const boost::json::value& value, int status) {
  Response r;
  r.status = status;
  r.body = boost::json::serialize(value);
  r.set_header("Content-Type", "application/json; charset=utf-8");
  return r;
}

Response Response::problem(const Problem& problem) {
  boost::json::array errors;
  for (const auto& e : problem.errors()) errors.push_back({{"field", e.field}, {"message", e.message}});
  boost::json::object body{{"type", problem.type_uri()},
                           {"title", problem.title()},
                           {"status", problem.status()},
                           {"detail", problem.detail()},
                           {"errors", std::move(errors)}};
  Response r = json(body, problem.status());
  r.set_header("Content-Type", "application/problem+json; charset=utf-8");
  return r;
}

Response Response::text(std::string body, std::string content_type, int status) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.set_header("Content-Type", std::move(content_type));
  return r;
}

Response Response::no_content() {
  Response r;
  r.status = 204;
  return r;
}

}  // namespace passerelle
