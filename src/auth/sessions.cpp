#include "auth/sessions.hpp"

#include <ctime>

#include "audit/trail.hpp"
#include "auth/secrets.hpp"
#include "auth/totp.hpp"
#include "core/clock.hpp"
#include "core/problem.hpp"
#include "core/text.hpp"

namespace passerelle::auth {
namespace {

// Verifying against a fixed hash when the account does not exist keeps the answer time the same,
// so response times do not reveal which emails have accounts.
const std::string& decoy_hash() {
  static const std::string hash = hash_password("decoy password that matches nothing");
  return hash;
}

audit::Event sign_in_event(const SignInRequest& r, std::optional<std::int64_t> account_id,
                           std::optional<std::int64_t> organisation_id, std::string outcome, std::string detail) {
  audit::Event e;
  e.account_id = account_id;
  e.account_label = r.email.substr(0, 200);
  e.organisation_id = organisation_id;
  e.action = "sign_in";
  e.outcome = std::move(outcome);
  e.object_type = "session";
  e.object_id = std::move(detail);
  e.client_address = r.client_address;
  e.request_id = r.request_id;
  return e;
}

// Records the failed attempt and its audit event, then refuses.
[[noreturn]] void refuse(store::Database& db, const SignInRequest& r, const std::optional<Account>& account,
                         Problem problem, const std::string& reason) {
  db.in_transaction([&](store::Connection& c) {
    record_attempt(c, r.email, r.client_address, false);
    audit::append(c, sign_in_event(r, account ? std::optional(account->id) : std::nullopt,
                                   account ? account->organisation_id : std::nullopt, "failure", reason));
  });
  throw problem;
}

Problem bad_credentials() {
  return Problem::unauthorized("Adresse électronique ou mot de passe incorrect.");
}

bool second_factor_ok(store::Connection& c, const Account& account, const SignInRequest& r) {
  if (r.totp) {
    auto step = verify_totp(*account.totp_secret, *r.totp, static_cast<std::int64_t>(std::time(nullptr)),
                            account.totp_last_step);
    if (!step) return false;
    set_totp_last_step(c, account.id, *step);
    return true;
  }
  return use_recovery_code(c, account.id, secret_hash(normalise_recovery_code(*r.recovery_code)));
}

}  // namespace

SignedIn open_session(store::Database& db, const SignInRequest& r, const Account& account,
                      const SessionSettings& settings);

Caller caller_for(const Account& account, const std::vector<CallerGrant>& grants) {
  Caller caller;
  caller.kind = Caller::Kind::account;
  caller.account_id = account.id;
  caller.organisation_id = account.organisation_id;
  caller.label = account.email;
  caller.grants = grants;
  caller.platform = !account.organisation_id;
  return caller;
}

SignedIn sign_in(store::Database& db, const SignInRequest& input, const SessionSettings& settings,
                 const std::optional<DirectorySettings>& directory) {
  SignInRequest r = input;
  r.email = to_lower_ascii(trim(r.email));
  const auto since = now_iso8601_plus(-settings.throttle_window);
  {
    auto lease = db.acquire();
    if (failures_for_email(*lease, r.email, since) >= settings.failures_per_account ||
        failures_from_address(*lease, r.client_address, since) >= settings.failures_per_address) {
      // Recorded under the targeted account, so that its organisation's DPO sees the attack.
      auto target = find_account_by_email(*lease, r.email);
      audit::append_alone(db, sign_in_event(r, target ? std::optional(target->id) : std::nullopt,
                                            target ? target->organisation_id : std::nullopt, "denied", "throttled"));
      throw Problem::too_many_requests(
          "Trop de tentatives de connexion échouées. Réessayez dans 15 minutes ou contactez votre administrateur.");
    }
  }

  std::optional<Account> account;
  {
    auto lease = db.acquire();
    account = find_account_by_email(*lease, r.email);
  }
  bool password_ok = false;
  if (account && account->source == "directory" && directory) {
    auto answer = directory->check(r.email, r.password);
    if (!answer.reachable)
      throw Problem::unavailable("L'annuaire de votre organisme ne répond pas ; réessayez dans un instant.");
    password_ok = answer.valid;
    if (password_ok) {
      db.in_transaction([&](store::Connection& c) {
        std::vector<CallerGrant> grants;
        for (const auto& role : answer.role_codes) grants.push_back({role, account->organisation_id, std::nullopt});
        replace_grants(c, account->id, grants);
      });
    }
  } else if (!account && directory) {
    auto answer = directory->check(r.email, r.password);
    if (!answer.reachable)
      throw Problem::unavailable("L'annuaire de votre organisme ne répond pas ; réessayez dans un instant.");
    if (answer.valid && !answer.role_codes.empty()) {
      // First directory sign-in: the account is created with the roles its groups map to.
      db.in_transaction([&](store::Connection& c) {
        auto id = insert_account(c, {directory->organisation_id, r.email,
                                     answer.display_name.empty() ? r.email : answer.display_name, "directory",
                                     std::nullopt});
        std::vector<CallerGrant> grants;
        for (const auto& role : answer.role_codes) grants.push_back({role, directory->organisation_id, std::nullopt});
        replace_grants(c, id, grants);
        audit::Event e = sign_in_event(r, id, directory->organisation_id, "success", "account created from directory");
        e.action = "create";
        e.object_type = "account";
        e.object_id = std::to_string(id);
        audit::append(c, e);
      });
      auto lease = db.acquire();
      account = find_account_by_email(*lease, r.email);
      password_ok = true;
    }
  } else {
    password_ok = verify_password(account && account->password_hash ? *account->password_hash : decoy_hash(), r.password);
  }
  if (!account || !password_ok) refuse(db, r, account, bad_credentials(), "bad credentials");
  if (account->disabled) refuse(db, r, account, bad_credentials(), "account disabled");

  try {
    return open_session(db, r, *account, settings);
  } catch (const Problem& problem) {
    if (problem.slug() == "second-factor-invalid") refuse(db, r, account, problem, "second factor invalid");
    throw;
  }
}

SignedIn open_session(store::Database& db, const SignInRequest& r, const Account& account_found,
                      const SessionSettings& settings) {
  const Account* account = &account_found;
  return db.in_transaction([&](store::Connection& c) {
    auto grants = grants_of(c, account->id);
    bool second_factor_pending = false;
    if (second_factor_required(c, *account, grants)) {
      if (account->totp_secret) {
        if (!r.totp && !r.recovery_code) {
          // Not an attempt yet: the password was right, the client asks for the code.
          throw Problem(401, "second-factor-required", "Code de vérification requis",
                        "Saisissez le code à 6 chiffres de votre application d'authentification.",
                        {{"totp", "code requis"}});
        }
        if (!second_factor_ok(c, *account, r)) {
          // Leave this transaction (which rolls back) before recording the failure in another.
          throw Problem(401, "second-factor-invalid", "Code de vérification incorrect",
                        "Le code est incorrect, expiré ou déjà utilisé.",
                        {{r.totp ? "totp" : "recovery_code", "code incorrect"}});
        }
      } else {
        second_factor_pending = true;  // enrolment comes first
      }
    }
    SignedIn out;
    out.token = new_secret("pss_");
    out.csrf_token = new_secret();
    out.session_id = insert_session(c, secret_hash(out.token), account->id, out.csrf_token, !second_factor_pending,
                                    now_iso8601_plus(settings.absolute_timeout), r.client_address);
    record_attempt(c, r.email, r.client_address, true);
    audit::Event e = sign_in_event(r, account->id, account->organisation_id, "success",
                                   second_factor_pending ? "second factor enrolment required" : "");
    if (!grants.empty()) e.role = grants.front().role;
    audit::append(c, e);
    out.account = *account;
    out.grants = std::move(grants);
    out.second_factor_pending = second_factor_pending;
    return out;
  });
}

void sign_out(store::Database& db, std::int64_t session_id) {
  db.in_transaction([&](store::Connection& c) { revoke_session(c, session_id); });
}

std::optional<Caller> caller_from_session(store::Database& db, const std::string& token, const SessionSettings& settings) {
  if (token.size() > 128) return std::nullopt;
  auto lease = db.acquire();
  auto session = find_session(*lease, secret_hash(token));
  if (!session || session->revoked_at) return std::nullopt;
  const auto now = now_iso8601();
  if (session->expires_at <= now) return std::nullopt;
  if (session->last_seen_at <= now_iso8601_plus(-settings.idle_timeout)) return std::nullopt;
  auto account = find_account(*lease, session->account_id);
  if (!account || account->disabled) return std::nullopt;
  Caller caller = caller_for(*account, grants_of(*lease, account->id));
  caller.session_id = session->id;
  caller.csrf_token = session->csrf_token;
  caller.second_factor_pending = !session->second_factor_done;
  // Sliding idle timeout, written at most once a minute to spare the database.
  if (session->last_seen_at <= now_iso8601_plus(std::chrono::seconds(-60))) touch_session(*lease, session->id);
  return caller;
}

std::optional<Caller> caller_from_api_token(store::Database& db, const std::string& token) {
  if (token.size() > 128) return std::nullopt;
  auto lease = db.acquire();
  auto found = find_api_token_by_hash(*lease, secret_hash(token));
  if (!found || found->revoked_at) return std::nullopt;
  touch_api_token(*lease, found->id);
  Caller caller;
  caller.kind = Caller::Kind::api_token;
  caller.api_token_id = found->id;
  caller.organisation_id = found->organisation_id;
  caller.label = "api-token:" + std::to_string(found->id) + " (" + found->name + ")";
  caller.read_only = found->access != "read_write";
  caller.bricks = found->bricks;
  return caller;
}

}  // namespace passerelle::auth
