#include "auth/account_store.hpp"

#include <algorithm>

#include "core/clock.hpp"
#include "core/text.hpp"

namespace passerelle::auth {
namespace {

constexpr const char* account_columns =
    "SELECT id, organisation_id, email, display_name, source, password_hash, totp_secret, totp_pending_secret, "
    "totp_last_step, disabled_at, created_at FROM account ";

Account account_from(const store::Row& r) {
  Account a;
  a.id = r.integer("id");
  a.organisation_id = r.optional_integer("organisation_id");
  a.email = r.text("email");
  a.display_name = r.text("display_name");
  a.source = r.text("source");
  a.password_hash = r.optional_text("password_hash");
  a.totp_secret = r.optional_text("totp_secret");
  a.totp_pending_secret = r.optional_text("totp_pending_secret");
  a.totp_last_step = r.integer("totp_last_step");
  a.disabled = !r.is_null("disabled_at");
  a.created_at = r.text("created_at");
  return a;
}

ApiToken token_from(const store::Row& r) {
  return {r.integer("id"),         r.integer("organisation_id"),    r.text("name"),
          r.text("access"),        split(r.text("bricks"), ','),  r.text("created_at"),
          r.optional_text("last_used_at"), r.optional_text("revoked_at")};
}

}  // namespace

std::optional<Account> find_account_by_email(store::Connection& c, const std::string& email) {
  auto row = c.query_one(std::string(account_columns) + "WHERE email = :email", {{"email", email}});
  if (!row) return std::nullopt;
  return account_from(*row);
}

std::optional<Account> find_account(store::Connection& c, std::int64_t id) {
  auto row = c.query_one(std::string(account_columns) + "WHERE id = :id", {{"id", id}});
  if (!row) return std::nullopt;
  return account_from(*row);
}

std::vector<Account> list_accounts(const store::Scoped& db, const PageRequest& page) {
  std::vector<Account> out;
  for (const auto& r : db.query(std::string(account_columns) + "WHERE {{tenant}} AND id > :after ORDER BY id LIMIT :limit",
                                {{"after", page.after_id}, {"limit", page.limit + 1}}))
    out.push_back(account_from(r));
  return out;
}

std::int64_t insert_account(store::Connection& c, const NewAccount& a) {
  const auto now = now_iso8601();
  return c.insert_returning_id(
      "INSERT INTO account (organisation_id, email, display_name, source, password_hash, password_changed_at, "
      "created_at, updated_at) VALUES (:org, :email, :name, :source, :hash, :changed, :now, :now2) RETURNING id",
      {{"org", store::nullable(a.organisation_id)},
       {"email", a.email},
       {"name", a.display_name},
       {"source", a.source},
       {"hash", store::nullable(a.password_hash)},
       {"changed", a.password_hash ? store::Value{now} : store::Value{}},
       {"now", now},
       {"now2", now}});
}

void set_password_hash(store::Connection& c, std::int64_t account_id, const std::string& hash) {
  const auto now = now_iso8601();
  c.execute("UPDATE account SET password_hash = :h, password_changed_at = :now, updated_at = :now2 WHERE id = :id",
            {{"h", hash}, {"now", now}, {"now2", now}, {"id", account_id}});
}

void set_disabled(store::Connection& c, std::int64_t account_id, bool disabled) {
  const auto now = now_iso8601();
  c.execute("UPDATE account SET disabled_at = :d, updated_at = :now WHERE id = :id",
            {{"d", disabled ? store::Value{now} : store::Value{}}, {"now", now}, {"id", account_id}});
}

void set_display_name(store::Connection& c, std::int64_t account_id, const std::string& name) {
  c.execute("UPDATE account SET display_name = :n, updated_at = :now WHERE id = :id",
            {{"n", name}, {"now", now_iso8601()}, {"id", account_id}});
}

std::vector<CallerGrant> grants_of(store::Connection& c, std::int64_t account_id) {
  std::vector<CallerGrant> out;
  for (const auto& r : c.query("SELECT role, organisation_id, establishment_id FROM account_grant "
                               "WHERE account_id = :id ORDER BY id",
                               {{"id", account_id}}))
    out.push_back({r.text("role"), r.optional_integer("organisation_id"), r.optional_integer("establishment_id")});
  return out;
}

void replace_grants(store::Connection& c, std::int64_t account_id, const std::vector<CallerGrant>& grants) {
  c.execute("DELETE FROM account_grant WHERE account_id = :id", {{"id", account_id}});
  const auto now = now_iso8601();
  for (const auto& g : grants)
    c.execute("INSERT INTO account_grant (account_id, role, organisation_id, establishment_id, created_at) "
              "VALUES (:a, :r, :o, :e, :now)",
              {{"a", account_id},
               {"r", g.role},
               {"o", store::nullable(g.organisation_id)},
               {"e", store::nullable(g.establishment_id)},
               {"now", now}});
}

void set_totp_pending(store::Connection& c, std::int64_t account_id, const std::optional<std::string>& secret) {
  c.execute("UPDATE account SET totp_pending_secret = :s WHERE id = :id", {{"s", store::nullable(secret)}, {"id", account_id}});
}

void confirm_totp(store::Connection& c, std::int64_t account_id, const std::string& secret, std::int64_t step) {
  c.execute("UPDATE account SET totp_secret = :s, totp_pending_secret = NULL, totp_last_step = :step, "
            "updated_at = :now WHERE id = :id",
            {{"s", secret}, {"step", step}, {"now", now_iso8601()}, {"id", account_id}});
}

void set_totp_last_step(store::Connection& c, std::int64_t account_id, std::int64_t step) {
  c.execute("UPDATE account SET totp_last_step = :step WHERE id = :id", {{"step", step}, {"id", account_id}});
}

void replace_recovery_codes(store::Connection& c, std::int64_t account_id, const std::vector<std::string>& hashes) {
  c.execute("DELETE FROM recovery_code WHERE account_id = :id", {{"id", account_id}});
  for (const auto& h : hashes)
    c.execute("INSERT INTO recovery_code (account_id, code_hash) VALUES (:a, :h)", {{"a", account_id}, {"h", h}});
}

bool use_recovery_code(store::Connection& c, std::int64_t account_id, const std::string& code_hash) {
  return c.execute("UPDATE recovery_code SET used_at = :now WHERE account_id = :a AND code_hash = :h AND used_at IS NULL",
                   {{"now", now_iso8601()}, {"a", account_id}, {"h", code_hash}}) == 1;
}

std::vector<std::string> second_factor_roles(store::Connection& c, std::optional<std::int64_t> organisation_id) {
  std::vector<std::string> out;
  auto rows = organisation_id
                  ? c.query("SELECT role FROM second_factor_rule WHERE organisation_id = :o ORDER BY role",
                            {{"o", *organisation_id}})
                  : c.query("SELECT role FROM second_factor_rule WHERE organisation_id IS NULL ORDER BY role");
  for (const auto& r : rows) out.push_back(r.text("role"));
  return out;
}

void set_second_factor_roles(store::Connection& c, std::optional<std::int64_t> organisation_id,
                             const std::vector<std::string>& roles) {
  if (organisation_id)
    c.execute("DELETE FROM second_factor_rule WHERE organisation_id = :o", {{"o", *organisation_id}});
  else
    c.execute("DELETE FROM second_factor_rule WHERE organisation_id IS NULL");
  for (const auto& role : roles) {
    c.execute("INSERT INTO second_factor_rule (organisation_id, role) VALUES (:o, :r)",
              {{"o", store::nullable(organisation_id)}, {"r", role}});
    // Open sessions of accounts that now need a second factor they have not enrolled end here:
    // their next sign-in goes through enrolment.
    const std::string affected =
        "SELECT g.account_id FROM account_grant g JOIN account a ON a.id = g.account_id "
        "WHERE g.role = :r AND a.totp_secret IS NULL" +
        std::string(organisation_id ? " AND g.organisation_id = :o" : "");
    store::Params params{{"r", role}, {"now", now_iso8601()}};
    if (organisation_id) params.push_back({"o", *organisation_id});
    c.execute("UPDATE user_session SET revoked_at = :now WHERE revoked_at IS NULL AND account_id IN (" + affected + ")",
              params);
  }
}

bool second_factor_required(store::Connection& c, const Account& account, const std::vector<CallerGrant>& grants) {
  if (account.totp_secret) return true;  // enrolled accounts always use it
  auto platform = second_factor_roles(c, std::nullopt);
  auto own = account.organisation_id ? second_factor_roles(c, account.organisation_id) : std::vector<std::string>{};
  for (const auto& g : grants) {
    if (std::find(platform.begin(), platform.end(), g.role) != platform.end()) return true;
    if (std::find(own.begin(), own.end(), g.role) != own.end()) return true;
  }
  return false;
}

std::int64_t insert_session(store::Connection& c, const std::string& token_hash, std::int64_t account_id,
                            const std::string& csrf_token, bool second_factor_done, const std::string& expires_at,
                            const std::string& client_address) {
  const auto now = now_iso8601();
  return c.insert_returning_id(
      "INSERT INTO user_session (token_hash, account_id, csrf_token, second_factor_done, created_at, last_seen_at, "
      "expires_at, client_address) VALUES (:h, :a, :csrf, :sf, :now, :now2, :exp, :addr) RETURNING id",
      {{"h", token_hash},
       {"a", account_id},
       {"csrf", csrf_token},
       {"sf", std::int64_t{second_factor_done ? 1 : 0}},
       {"now", now},
       {"now2", now},
       {"exp", expires_at},
       {"addr", client_address}});
}

std::optional<SessionRow> find_session(store::Connection& c, const std::string& token_hash) {
  auto r = c.query_one("SELECT id, account_id, csrf_token, second_factor_done, last_seen_at, expires_at, revoked_at "
                       "FROM user_session WHERE token_hash = :h",
                       {{"h", token_hash}});
  if (!r) return std::nullopt;
  return SessionRow{r->integer("id"),           r->integer("account_id"), r->text("csrf_token"),
                    r->integer("second_factor_done") != 0, r->text("last_seen_at"), r->text("expires_at"),
                    r->optional_text("revoked_at")};
}

void touch_session(store::Connection& c, std::int64_t session_id) {
  c.execute("UPDATE user_session SET last_seen_at = :now WHERE id = :id", {{"now", now_iso8601()}, {"id", session_id}});
}

void mark_second_factor_done(store::Connection& c, std::int64_t session_id) {
  c.execute("UPDATE user_session SET second_factor_done = 1 WHERE id = :id", {{"id", session_id}});
}

void revoke_session(store::Connection& c, std::int64_t session_id) {
  c.execute("UPDATE user_session SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL",
            {{"now", now_iso8601()}, {"id", session_id}});
}

void revoke_sessions_of(store::Connection& c, std::int64_t account_id) {
  c.execute("UPDATE user_session SET revoked_at = :now WHERE account_id = :id AND revoked_at IS NULL",
            {{"now", now_iso8601()}, {"id", account_id}});
}

void record_attempt(store::Connection& c, const std::string& email, const std::string& address, bool success) {
  c.execute("INSERT INTO sign_in_attempt (email, client_address, at, success) VALUES (:e, :a, :at, :s)",
            {{"e", email}, {"a", address}, {"at", now_iso8601()}, {"s", std::int64_t{success ? 1 : 0}}});
}

std::int64_t failures_for_email(store::Connection& c, const std::string& email, const std::string& since) {
  return c.query_one("SELECT COUNT(*) AS n FROM sign_in_attempt WHERE email = :e AND at >= :since AND success = 0",
                     {{"e", email}, {"since", since}})
      ->integer("n");
}

std::int64_t failures_from_address(store::Connection& c, const std::string& address, const std::string& since) {
  return c.query_one(
              "SELECT COUNT(*) AS n FROM sign_in_attempt WHERE client_address = :a AND at >= :since AND success = 0",
              {{"a", address}, {"since", since}})
      ->integer("n");
}

void insert_password_reset(store::Connection& c, std::int64_t account_id, const std::string& token_hash,
                           std::optional<std::int64_t> created_by, const std::string& expires_at) {
  c.execute("INSERT INTO password_reset (account_id, token_hash, created_by, created_at, expires_at) "
            "VALUES (:a, :h, :by, :now, :exp)",
            {{"a", account_id}, {"h", token_hash}, {"by", store::nullable(created_by)}, {"now", now_iso8601()},
             {"exp", expires_at}});
}

std::optional<PasswordReset> find_password_reset(store::Connection& c, const std::string& token_hash) {
  auto r = c.query_one("SELECT id, account_id, expires_at, used_at FROM password_reset WHERE token_hash = :h",
                       {{"h", token_hash}});
  if (!r) return std::nullopt;
  return PasswordReset{r->integer("id"), r->integer("account_id"), r->text("expires_at"), r->optional_text("used_at")};
}

void mark_password_reset_used(store::Connection& c, std::int64_t id) {
  c.execute("UPDATE password_reset SET used_at = :now WHERE id = :id", {{"now", now_iso8601()}, {"id", id}});
}

std::int64_t insert_api_token(store::Connection& c, const ApiToken& t, const std::string& token_hash,
                              std::optional<std::int64_t> created_by) {
  std::string bricks;
  for (const auto& b : t.bricks) bricks += (bricks.empty() ? "" : ",") + b;
  return c.insert_returning_id(
      "INSERT INTO api_token (organisation_id, name, token_hash, access, bricks, created_by, created_at) "
      "VALUES (:o, :n, :h, :a, :b, :by, :now) RETURNING id",
      {{"o", t.organisation_id}, {"n", t.name}, {"h", token_hash}, {"a", t.access}, {"b", bricks},
       {"by", store::nullable(created_by)}, {"now", now_iso8601()}});
}

std::optional<ApiToken> find_api_token_by_hash(store::Connection& c, const std::string& token_hash) {
  auto r = c.query_one("SELECT id, organisation_id, name, access, bricks, created_at, last_used_at, revoked_at "
                       "FROM api_token WHERE token_hash = :h",
                       {{"h", token_hash}});
  if (!r) return std::nullopt;
  return token_from(*r);
}

std::vector<ApiToken> list_api_tokens(const store::Scoped& db) {
  std::vector<ApiToken> out;
  for (const auto& r : db.query("SELECT id, organisation_id, name, access, bricks, created_at, last_used_at, revoked_at "
                                "FROM api_token WHERE {{tenant}} ORDER BY id"))
    out.push_back(token_from(r));
  return out;
}

bool revoke_api_token(const store::Scoped& db, std::int64_t id) {
  return db.execute("UPDATE api_token SET revoked_at = :now WHERE {{tenant}} AND id = :id AND revoked_at IS NULL",
                    {{"now", now_iso8601()}, {"id", id}}) == 1;
}

void touch_api_token(store::Connection& c, std::int64_t id) {
  c.execute("UPDATE api_token SET last_used_at = :now WHERE id = :id", {{"now", now_iso8601()}, {"id", id}});
}

}  // namespace passerelle::auth
