#include "http/application.hpp"

#include <spdlog/spdlog.h>

#include <boost/url.hpp>
#include <cctype>

#include "audit/trail.hpp"
#include "auth/policy.hpp"
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
  modules::register_all(routes_, modules::Services{database_, options_.sessions, options_.secure_cookies,
                                                   options_.directory, options_.notes_sealer, options_.file_store});
}

std::optional<std::size_t> Application::body_limit_for(std::string_view method, std::string_view target) const {
  const auto parsed = boost::urls::parse_origin_form(target);
  if (!parsed) return std::nullopt;  // answered 400 once read
  const auto match = routes_.match(std::string(method), std::string(parsed->path()));
  if (!match.route || match.route->doc.body_limit == 0) return std::nullopt;
  return match.route->doc.body_limit;
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

namespace {

std::optional<std::string> cookie(const Request& request, std::string_view name) {
  auto header = request.header("cookie");
  if (!header) return std::nullopt;
  std::string_view rest = *header;
  while (!rest.empty()) {
    auto semicolon = rest.find(';');
    auto pair = rest.substr(0, semicolon);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    if (pair.size() > name.size() && pair.substr(0, name.size()) == name && pair[name.size()] == '=')
      return std::string(pair.substr(name.size() + 1));
    if (semicolon == std::string_view::npos) break;
    rest.remove_prefix(semicolon + 1);
  }
  return std::nullopt;
}

bool changes_state(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

}  // namespace

// Identifies the caller: a Bearer API token (pst_…) or the operator token, else the session
// cookie. Browser sessions must echo their CSRF token on every state-changing request.
void Application::authenticate(Request& request, bool route_needs_caller) const {
  if (auto authorization = request.header("authorization")) {
    constexpr std::string_view bearer = "Bearer ";
    if (!authorization->starts_with(bearer)) throw Problem::unauthorized("En-tête Authorization non reconnu (Bearer attendu).");
    const auto token = authorization->substr(bearer.size());
    if (token.starts_with("pst_")) {
      auto caller = auth::caller_from_api_token(*database_, std::string(token));
      if (!caller) throw Problem::unauthorized("Jeton d'API invalide ou révoqué.");
      request.caller = std::move(*caller);
      return;
    }
    if (!options_.operator_token.empty() && equal_secrets(token, options_.operator_token)) {
      request.caller.kind = Caller::Kind::operator_token;
      request.caller.platform = true;
      request.caller.label = "operator";
      request.caller.grants = {{"platform_admin", std::nullopt, std::nullopt}};
      return;
    }
    throw Problem::unauthorized("Jeton d'accès invalide ou révoqué.");
  }
  // Public routes (sign-in, reset link) ignore the cookie: a stale session must not get in the way.
  if (!route_needs_caller) return;
  auto token = cookie(request, "passerelle_session");
  if (!token || token->empty()) return;
  auto caller = auth::caller_from_session(*database_, *token, options_.sessions);
  if (!caller) return;  // expired or revoked: anonymous, and routes that need a caller answer 401
  request.caller = std::move(*caller);
}

void Application::check_access(const Request& request, const Route& route) const {
  const auto& doc = route.doc;
  if (!doc.authenticated) return;
  if (request.caller.kind == Caller::Kind::anonymous)
    throw Problem::unauthorized("Connectez-vous pour accéder à cette ressource.");
  // A browser session must prove that a state-changing request comes from our own pages.
  if (request.caller.session_id && changes_state(request.method)) {
    auto csrf = request.header("x-csrf-token");
    if (!csrf || !equal_secrets(*csrf, request.caller.csrf_token))
      throw Problem::forbidden("Jeton anti-falsification (X-CSRF-Token) absent ou invalide.").mark_access_denied();
  }
  if (!doc.permission) return;  // the caller's own session
  if (request.caller.second_factor_pending)
    throw Problem::forbidden("Activez d'abord le second facteur d'authentification de votre compte.").mark_access_denied();
  if (!auth::may(request.caller, *doc.permission))
    throw Problem::forbidden("Votre rôle ne permet pas cette action.").mark_access_denied();
}

// Refusals are audited in a transaction of their own: the request wrote nothing else.
void Application::audit_refusal(const Request& request, const Problem& problem, const std::string& route_label) {
  const bool presented_credentials = request.header("authorization") || request.header("cookie");
  const bool refusal = problem.access_denied() || problem.status() == 403 ||
                       (problem.status() == 401 && presented_credentials && problem.slug() == "unauthorized");
  if (!refusal) return;
  try {
    auto e = audit::event_for(request, "access", route_label, request.method + " " + request.path.substr(0, 200), "denied");
    e.role = auth::acting_role(request.caller, std::nullopt);
    audit::append_alone(*database_, e);
  } catch (const std::exception& error) {
    spdlog::error(R"({{"msg":"could not audit a refusal","request_id":"{}","error":{}}})", request.request_id,
                  boost::json::serialize(boost::json::value(error.what())));
  }
}

Response Application::dispatch(Request& request, std::string& route_label) {
  auto match = routes_.match(request.method, request.path);
  if (match.route) {
    route_label = match.route->pattern;
    request.path_params = std::move(match.params);
    authenticate(request, match.route->doc.authenticated);
    check_access(request, *match.route);
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
    audit_refusal(request, problem, route_label);
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
