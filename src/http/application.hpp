#pragma once
// The request path, as one visible chain, independent of sockets:
//   request id -> authenticate -> route (or static file) -> handler -> problem+json for errors
//   -> security headers -> metrics and access log.
// The Beast server calls handle(); tests can too.
#include <chrono>
#include <filesystem>
#include <memory>
#include <string>

#include "core/route_table.hpp"
#include "http/metrics.hpp"
#include "http/static_files.hpp"
#include "modules/services.hpp"

namespace passerelle::http {

struct ApplicationOptions {
  std::filesystem::path web_root = "web/dist";
  std::string operator_token;  // platform credential for automation (Bearer); empty disables it
  std::string version = "0.1.0";
  auth::SessionSettings sessions;
  bool secure_cookies = false;
  std::optional<auth::DirectorySettings> directory;
  std::shared_ptr<const TextSealer> notes_sealer;
  std::shared_ptr<files::EncryptedFileStore> file_store;
};

class Application {
 public:
  Application(ApplicationOptions options, std::shared_ptr<store::Database> database);

  // Never throws: every failure becomes a problem+json response.
  Response handle(Request& request);
  // For errors the server detects before a request is complete (413, 431, malformed HTTP).
  Response transport_error(const Problem& problem, const std::string& remote_address);

  // The body limit of the route a request's head names, when the route declares one (file uploads).
  std::optional<std::size_t> body_limit_for(std::string_view method, std::string_view target) const;
  std::size_t largest_body_limit() const { return routes_.largest_body_limit(); }

  Metrics& metrics() { return metrics_; }
  const RouteTable& routes() const { return routes_; }
  store::Database& database() { return *database_; }

 private:
  void register_operational_routes();
  void authenticate(Request& request, bool route_needs_caller) const;
  void check_access(const Request& request, const Route& route) const;
  void audit_refusal(const Request& request, const Problem& problem, const std::string& route_label);
  Response dispatch(Request& request, std::string& route_label);
  void finish(const Request& request, Response& response, const std::string& route_label,
              std::chrono::steady_clock::time_point started);

  ApplicationOptions options_;
  std::shared_ptr<store::Database> database_;
  RouteTable routes_;
  StaticFiles static_files_;
  Metrics metrics_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

void add_security_headers(Response& response, bool api);

}  // namespace passerelle::http
