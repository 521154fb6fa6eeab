#pragma once
// SQL for accounts, grants, sessions, sign-in attempts, API tokens, password resets and recovery
// codes. Sign-in looks accounts up by email across organisations (that is what signing in is);
// everything an administrator lists goes through the tenant filter.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/pagination.hpp"
#include "core/request.hpp"
#include "store/database.hpp"
#include "store/tenant.hpp"

namespace passerelle::auth {

struct Account {
  std::int64_t id = 0;
  std::optional<std::int64_t> organisation_id;
  std::string email;
  std::string display_name;
  std::string source;  // local | directory
  std::optional<std::string> password_hash;
  std::optional<std::string> totp_secret;
  std::optional<std::string> totp_pending_secret;
  std::int64_t totp_last_step = 0;
  bool disabled = false;
  std::string created_at;
};

struct NewAccount {
  std::optional<std::int64_t> organisation_id;
  std::string email;
  std::string display_name;
  std::string source = "local";
  std::optional<std::string> password_hash;
};

std::optional<Account> find_account_by_email(store::Connection& c, const std::string& email);
std::optional<Account> find_account(store::Connection& c, std::int64_t id);
std::vector<Account> list_accounts(const store::Scoped& db, const PageRequest& page);
std::int64_t insert_account(store::Connection& c, const NewAccount& account);
void set_password_hash(store::Connection& c, std::int64_t account_id, const std::string& hash);
void set_disabled(store::Connection& c, std::int64_t account_id, bool disabled);
void set_display_name(store::Connection& c, std::int64_t account_id, const std::string& name);

std::vector<CallerGrant> grants_of(store::Connection& c, std::int64_t account_id);
void replace_grants(store::Connection& c, std::int64_t account_id, const std::vector<CallerGrant>& grants);

// Second factor.
void set_totp_pending(store::Connection& c, std::int64_t account_id, const std::optional<std::string>& secret);
void confirm_totp(store::Connection& c, std::int64_t account_id, const std::string& secret, std::int64_t step);
void set_totp_last_step(store::Connection& c, std::int64_t account_id, std::int64_t step);
void replace_recovery_codes(store::Connection& c, std::int64_t account_id, const std::vector<std::string>& hashes);
bool use_recovery_code(store::Connection& c, std::int64_t account_id, const std::string& code_hash);
bool second_factor_required(store::Connection& c, const Account& account, const std::vector<CallerGrant>& grants);
std::vector<std::string> second_factor_roles(store::Connection& c, std::optional<std::int64_t> organisation_id);
void set_second_factor_roles(store::Connection& c, std::optional<std::int64_t> organisation_id,
                             const std::vector<std::string>& roles);

// Sessions.
struct SessionRow {
  std::int64_t id = 0;
  std::int64_t account_id = 0;
  std::string csrf_token;
  bool second_factor_done = false;
  std::string last_seen_at;
  std::string expires_at;
  std::optional<std::string> revoked_at;
};
std::int64_t insert_session(store::Connection& c, const std::string& token_hash, std::int64_t account_id,
                            const std::string& csrf_token, bool second_factor_done, const std::string& expires_at,
                            const std::string& client_address);
std::optional<SessionRow> find_session(store::Connection& c, const std::string& token_hash);
void touch_session(store::Connection& c, std::int64_t session_id);
void mark_second_factor_done(store::Connection& c, std::int64_t session_id);
void revoke_session(store::Connection& c, std::int64_t session_id);
void revoke_sessions_of(store::Connection& c, std::int64_t account_id);

// Sign-in attempts, for throttling.
void record_attempt(store::Connection& c, const std::string& email, const std::string& address, bool success);
std::int64_t failures_for_email(store::Connection& c, const std::string& email, const std::string& since);
std::int64_t failures_from_address(store::Connection& c, const std::string& address, const std::string& since);

// Password resets (one-time links).
void insert_password_reset(store::Connection& c, std::int64_t account_id, const std::string& token_hash,
                           std::optional<std::int64_t> created_by, const std::string& expires_at);
struct PasswordReset {
  std::int64_t id;
  std::int64_t account_id;
  std::string expires_at;
  std::optional<std::string> used_at;
};
std::optional<PasswordReset> find_password_reset(store::Connection& c, const std::string& token_hash);
void mark_password_reset_used(store::Connection& c, std::int64_t id);

// API tokens.
struct ApiToken {
  std::int64_t id = 0;
  std::int64_t organisation_id = 0;
  std::string name;
  std::string access;  // read | read_write
  std::vector<std::string> bricks;
  std::string created_at;
  std::optional<std::string> last_used_at;
  std::optional<std::string> revoked_at;
};
std::int64_t insert_api_token(store::Connection& c, const ApiToken& token, const std::string& token_hash,
                              std::optional<std::int64_t> created_by);
std::optional<ApiToken> find_api_token_by_hash(store::Connection& c, const std::string& token_hash);
std::vector<ApiToken> list_api_tokens(const store::Scoped& db);
bool revoke_api_token(const store::Scoped& db, std::int64_t id);
void touch_api_token(store::Connection& c, std::int64_t id);

}  // namespace passerelle::auth
