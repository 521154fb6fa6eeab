#include "http/openapi.hpp"

#include <cctype>

namespace passerelle::http {
namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

boost::json::object problem_response(const char* description) {
  return {{"description", description},
          {"content", {{"application/problem+json", {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}}}};
}

}  // namespace

boost::json::object openapi_document(const RouteTable& routes, const std::string& version) {
  boost::json::object paths;
  for (const auto& route : routes.routes()) {
    boost::json::array parameters;
    for (const auto& s : route.segments) {
      if (s.size() > 2 && s.front() == '{')
        parameters.push_back({{"name", s.substr(1, s.size() - 2)},
                              {"in", "path"},
                              {"required", true},
                              {"schema", {{"type", "string"}}}});
    }
    for (const auto& q : route.doc.query)
      parameters.push_back(
          {{"name", q.name}, {"in", "query"}, {"required", q.required}, {"description", q.description},
           {"schema", {{"type", "string"}}}});
    boost::json::object responses{{"2XX", {{"description", "Succès"}}},
                                  {"4XX", problem_response("Erreur de la requête (problem+json, RFC 9457)")},
                                  {"5XX", problem_response("Erreur du serveur")}};
    boost::json::object operation{{"summary", route.doc.summary},
                                  {"operationId", lower(route.method) + route.pattern},
                                  {"tags", boost::json::array{route.doc.tag}},
                                  {"parameters", std::move(parameters)},
                                  {"responses", std::move(responses)}};
    // Routes with a body limit of their own take a file as the raw body (its media type as Content-Type).
    if (!route.doc.request_body.empty() && route.doc.body_limit != 0)
      operation["requestBody"] = {
          {"required", true},
          {"description", route.doc.request_body},
          {"content", {{"*/*", {{"schema", {{"type", "string"}, {"format", "binary"}, {"maxLength", route.doc.body_limit}}}}}}}};
    else if (!route.doc.request_body.empty())
      operation["requestBody"] = {{"required", true},
                                  {"description", route.doc.request_body},
                                  {"content", {{"application/json", {{"schema", {{"type", "object"}}}}}}}};
    operation["security"] = route.doc.authenticated
                                ? boost::json::array{{{"session", boost::json::array{}}}, {{"bearer", boost::json::array{}}}}
                                : boost::json::array{};
    auto& path = paths[route.pattern];
    if (!path.is_object()) path = boost::json::object{};
    path.as_object()[lower(route.method)] = std::move(operation);
  }
  boost::json::object string_type{{"type", "string"}};
  boost::json::object field_error{{"type", "object"},
                                  {"properties", {{"field", string_type}, {"message", string_type}}}};
  boost::json::object problem_schema{{"type", "object"},
                                     {"required", boost::json::array{"type", "title", "status"}},
                                     {"properties",
                                      {{"type", string_type},
                                       {"title", string_type},
                                       {"status", {{"type", "integer"}}},
                                       {"detail", string_type},
                                       {"errors", {{"type", "array"}, {"items", field_error}}}}}};
  return {{"openapi", "3.1.0"},
          {"info",
           {{"title", "Passerelle API"},
            {"version", version},
            {"description", "API du système d'information Passerelle (établissements et services sociaux et médico-sociaux)."}}},
          {"servers", boost::json::array{{{"url", "/"}}}},
          {"paths", std::move(paths)},
          {"components",
           {{"schemas", {{"Problem", std::move(problem_schema)}}},
            {"securitySchemes",
             {{"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "passerelle_session"}}},
              {"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}}}}};
}

}  // namespace passerelle::http
