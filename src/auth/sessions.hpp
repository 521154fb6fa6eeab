#pragma once
// Signing in and out, and recognising the caller of each request (session cookie or API token).
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "auth/account_store.hpp"
#include "core/request.hpp"
#include "store/database.hpp"

namespace passerelle::auth {

struct SessionSettings {
  std::chrono::seconds idle_timeout{30 * 60};
  std::chrono::seconds absolute_timeout{12 * 60 * 60};
  std::int64_t failures_per_account = 5;  // in the window: further attempts get 429
  std::int64_t failures_per_address = 20;
  std::chrono::seconds throttle_window{15 * 60};
};

struct SignInRequest {
  std::string email;
  std::string password;
  std::optional<std::string> totp;
  std::optional<std::string> recovery_code;
  std::string client_address;
  std::string request_id;
};

struct SignedIn {
  std::string token;  // the cookie value; only its hash is stored
  std::int64_t session_id = 0;
  Account account;
  std::vector<CallerGrant> grants;
  std::string csrf_token;
  bool second_factor_pending = false;  // enrolment required before anything else
};

// A directory (LDAP) check of a login and password: the account's grants come from its groups.
struct DirectoryAnswer {
  bool reachable = true;
  bool valid = false;
  std::string display_name;
  std::vector<std::string> role_codes;
};
using DirectoryCheck = std::function<DirectoryAnswer(const std::string& login, const std::string& password)>;
struct DirectorySettings {
  DirectoryCheck check;
  std::int64_t organisation_id = 0;  // where directory accounts are created
};

// Throws Problem: 401 (bad credentials, second factor missing or wrong), 429 (throttled).
// Every outcome is recorded as a sign-in attempt and in the audit trail.
SignedIn sign_in(store::Database& database, const SignInRequest& request, const SessionSettings& settings,
                 const std::optional<DirectorySettings>& directory = std::nullopt);

void sign_out(store::Database& database, std::int64_t session_id);

// The caller behind a session cookie, or nothing if the session is unknown, revoked or expired.
std::optional<Caller> caller_from_session(store::Database& database, const std::string& token,
                                          const SessionSettings& settings);
// The caller behind an API token (Bearer pst_…), or nothing if unknown or revoked.
std::optional<Caller> caller_from_api_token(store::Database& database, const std::string& token);

Caller caller_for(const Account& account, const std::vector<CallerGrant>& grants);

}  // namespace passerelle::auth
