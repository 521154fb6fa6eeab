#pragma once
// The request a handler sees: already parsed, with the caller identified by the HTTP layer.
// Plain data (no Beast types), so bricks compile fast and are tested without sockets.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace passerelle {

// One grant of the caller: a role over an organisation (establishment empty) or one establishment.
struct CallerGrant {
  std::string role;  // role code, see src/auth/roles.hpp
  std::optional<std::int64_t> organisation_id;   // empty: the platform
  std::optional<std::int64_t> establishment_id;  // empty: the whole organisation
};

// Who is calling, as established by the HTTP layer's authentication middleware.
struct Caller {
  enum class Kind { anonymous, operator_token, account, api_token };
  Kind kind = Kind::anonymous;
  std::optional<std::int64_t> account_id;
  std::optional<std::int64_t> api_token_id;
  // The organisation the caller acts in; empty with platform = true means every organisation.
  std::optional<std::int64_t> organisation_id;
  bool platform = false;
  std::string label;  // for logs and audit: an email, "operator", "api-token:12"…
  std::vector<CallerGrant> grants;
  // API tokens: read-only or not, and the bricks they may use.
  bool read_only = false;
  std::vector<std::string> bricks;
  // Session callers: the CSRF token the browser must echo, and whether a required second factor
  // is still missing (then only enrolment is allowed).
  std::string csrf_token;
  bool second_factor_pending = false;
  std::optional<std::int64_t> session_id;
};

struct Request {
  std::string method;  // upper case
  std::string target;  // as received: path and query
  std::string path;    // percent-decoded path, without the query
  std::multimap<std::string, std::string> query;  // decoded query parameters
  std::map<std::string, std::string> headers;     // names in lower case
  std::string body;
  std::string remote_address;
  std::string request_id;
  std::map<std::string, std::string> path_params;  // filled by the router, e.g. {"id": "42"}
  Caller caller;

  std::optional<std::string_view> header(std::string_view lower_case_name) const;
  std::optional<std::string> query_param(std::string_view name) const;
  const std::string& path_param(std::string_view name) const;
  // The {id} path parameter as a positive integer; anything else is a 404 (unknown ids look alike).
  std::int64_t id_param(std::string_view name = "id") const;
  // The body as a JSON object, after checking the Content-Type; errors become 4xx problems.
  bool has_json_content_type() const;
};

}  // namespace passerelle
