#include "http/application.hpp"

#include <spdlog/spdlog.h>

#include <cctype>

#include "core/random.hpp"
#include "http/access_log.hpp"
#include "http/openapi.hpp"
#include "modules/registry.hpp"
#include "store/migrations.hpp"

namespace passerelle::http {
namespace {

bool acceptable_request_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (unsigned char c : id)
    if (!std::isalnum(c) && c != '-' && c != '_' && c != '.') return false;
  return true;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

}  // namespace

void add_security_headers(Response& response, bool api) {
  response.set_header("Content-Security-Policy",
                      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                      "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
                      "frame-ancestors 'none'; form-action 'self'");
  response.set_header("X-Content-Type-Options", "nosniff");
  response.set_header("Referrer-Policy", "no-referrer");
  response.set_header("X-Frame-Options", "DENY");
  response.set_header("Cross-Origin-Opener-Policy", "same-origin");
  response.set_header("Cross-Origin-Resource-Policy", "same-origin");
  response.set_header("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
  // Personal data must not stay in browser or proxy caches.
  if (api) response.set_header("Cache-Control", "no-store");
}

Application::Application(ApplicationOptions options, std::shared_ptr<store::Database> database)
    : options_(std::move(options)), database_(std::move(database)), static_files_(options_.web_root) {
  if (!static_files_.available())
    spdlog::warn(R"({{"msg":"web application not found: run npm run build in web/","web_root":"{}"}})",
                 options_.web_root.string());
  register_operational_routes();
  modules::register_all(routes_, modules::Services{database_});
}

void Application::register_operational_routes() {
  routes_.add("GET", "/healthz", {"État du service et de la base de données", "Exploitation", {}, "", false},
              [this](Request&) {
                const auto uptime =
                    std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started_);
                boost::json::object body{{"version", options_.version},
                                         {"backend", store::backend_name(database_->backend())},
                                         {"uptime_seconds", uptime.count()}};
                try {
                  auto lease = database_->acquire();
                  lease->query_one("SELECT 1 AS ok");
                  body["status"] = "ok";
                  body["database"] = "ok";
                  return Response::json(body);
                } catch (const std::exception& e) {
                  spdlog::error(R"({{"msg":"health check failed","error":{}}})", boost::json::serialize(boost::json::value(e.what())));
                  body["status"] = "error";
                  body["database"] = "unavailable";
                  return Response::json(body, 503);
                }
              });
  routes_.add("GET", "/metrics", {"Métriques au format Prometheus", "Exploitation", {}, "", false},
              [this](Request&) {
                return Response::text(metrics_.render(database_->stats(), store::backend_name(database_->backend())),
                                      "text/plain; version=0.0.4; charset=utf-8");
              });
  routes_.add("GET", "/api/v1/openapi.json", {"Description OpenAPI de toutes les routes", "Exploitation", {}, "", false},
              [this](Request&) { return Response::json(openapi_document(routes_, options_.version)); });
}

void Application::authenticate(Request& request) const {
  auto authorization = request.header("authorization");
  if (!authorization) return;  // anonymous; routes that need a caller refuse with 401
  constexpr std::string_view bearer = "Bearer ";
  if (authorization->starts_with(bearer) && !options_.operator_token.empty() &&
      equal_secrets(authorization->substr(bearer.size()), options_.operator_token)) {
    request.caller.kind = Caller::Kind::operator_token;
    request.caller.platform = true;
    request.caller.label = "operator";
    return;
  }
  throw Problem::unauthorized("Jeton d'accès invalide ou révoqué.");
}

Response Application::dispatch(Request& request, std::string& route_label) {
  auto match = routes_.match(request.method, request.path);
  if (match.route) {
    route_label = match.route->pattern;
    request.path_params = std::move(match.params);
    authenticate(request);
    if (match.route->doc.authenticated && request.caller.kind == Caller::Kind::anonymous)
      throw Problem::unauthorized("Connectez-vous pour accéder à cette ressource.");
    return match.route->handler(request);
  }
  if (!match.allowed_methods.empty()) {
    route_label = "method_not_allowed";
    auto r = Response::problem(Problem::method_not_allowed("Méthode " + request.method + " non permise ici."));
    r.set_header("Allow", join(match.allowed_methods));
    return r;
  }
  route_label = "static";
  if (auto file = static_files_.serve(request)) return std::move(*file);
  route_label = "unmatched";
  throw Problem::not_found("Aucune ressource à cette adresse.");
}

Response Application::handle(Request& request) {
  const auto started = std::chrono::steady_clock::now();
  auto incoming = request.header("x-request-id");
  request.request_id = incoming && acceptable_request_id(*incoming) ? std::string(*incoming) : random_hex(8);
  std::string route_label = "unmatched";
  Response response;
  try {
    response = dispatch(request, route_label);
  } catch (const Problem& problem) {
    response = Response::problem(problem);
  } catch (const std::exception& e) {
    spdlog::error(R"({{"msg":"unhandled error","request_id":"{}","route":"{}","error":{}}})", request.request_id,
                  route_label, boost::json::serialize(boost::json::value(e.what())));
    response = Response::problem(Problem(500, "internal", "Erreur interne",
                                         "Une erreur inattendue s'est produite ; elle a été journalisée (référence " +
                                             request.request_id + ")."));
  }
  finish(request, response, route_label, started);
  return response;
}

Response Application::transport_error(const Problem& problem, const std::string& remote_address) {
  Request request;
  request.method = "-";
  request.path = "-";
  request.remote_address = remote_address;
  request.request_id = random_hex(8);
  Response response = Response::problem(problem);
  response.set_header("Connection", "close");
  finish(request, response, "transport", std::chrono::steady_clock::now());
  return response;
}

void Application::finish(const Request& request, Response& response, const std::string& route_label,
                         std::chrono::steady_clock::time_point started) {
  add_security_headers(response, route_label != "static");
  response.set_header("X-Request-Id", request.request_id);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  metrics_.observe(route_label, request.method, response.status, seconds);
  log_access(request, response, route_label, seconds);
}

}  // namespace passerelle::http
