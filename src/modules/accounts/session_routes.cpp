#include <ctime>

#include "audit/trail.hpp"
#include "auth/password_policy.hpp"
#include "auth/qr_svg.hpp"
#include "auth/secrets.hpp"
#include "auth/totp.hpp"
#include "core/json_reader.hpp"
#include "modules/accounts/json.hpp"
#include "modules/accounts/routes.hpp"

namespace passerelle::modules::accounts {
namespace {

constexpr const char* cookie_name = "passerelle_session";

bool secure(const Services& services, const Request& request) {
  auto proto = request.header("x-forwarded-proto");
  return services.secure_cookies || (proto && *proto == "https");
}

std::string session_cookie(const std::string& value, std::int64_t max_age, bool secure_flag) {
  return std::string(cookie_name) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
         std::to_string(max_age) + (secure_flag ? "; Secure" : "");
}

boost::json::object session_json(const Caller& caller, const auth::Account& account) {
  return {{"account",
           {{"id", account.id},
            {"email", account.email},
            {"display_name", account.display_name},
            {"organisation_id", optional_id(account.organisation_id)}}},
          {"grants", grants_json(caller.grants)},
          {"bricks", visible_bricks(caller)},
          {"csrf_token", caller.csrf_token},
          {"second_factor", {{"enrolled", account.totp_secret.has_value()}, {"pending", caller.second_factor_pending}}}};
}

const auth::Account& load_account(store::Database& db, std::int64_t id, std::optional<auth::Account>& holder) {
  auto lease = db.acquire();
  holder = auth::find_account(*lease, id);
  if (!holder) throw Problem::unauthorized("Votre session n'est plus valide ; reconnectez-vous.");
  return *holder;
}

}  // namespace

void register_session_routes(RouteTable& routes, const Services& services) {
  auto db = services.database;

  routes.add("POST", "/api/v1/session",
             {"Se connecter", "Session", {}, "email, password, totp? (code à 6 chiffres), recovery_code?", false},
             [services, db](Request& request) {
               auto body = json_body(request);
               JsonReader in(body);
               auth::SignInRequest r;
               auto email = in.text("email", true, 254);
               auto password = in.text("password", true, 1024);
               r.totp = in.text("totp", false, 16);
               r.recovery_code = in.text("recovery_code", false, 32);
               in.finish();
               r.email = *email;
               r.password = *password;
               r.client_address = request.remote_address;
               r.request_id = request.request_id;
               auto signed_in = auth::sign_in(*db, r, services.sessions, services.directory);
               Caller caller = auth::caller_for(signed_in.account, signed_in.grants);
               caller.csrf_token = signed_in.csrf_token;
               caller.second_factor_pending = signed_in.second_factor_pending;
               auto response = Response::json(session_json(caller, signed_in.account));
               response.set_header("Set-Cookie", session_cookie(signed_in.token, services.sessions.absolute_timeout.count(),
                                                                secure(services, request)));
               return response;
             });

  routes.add("GET", "/api/v1/session", {"Qui est connecté, avec quels droits", "Session", {}, "", true},
             [db](Request& request) {
               if (request.caller.kind != Caller::Kind::account)
                 return Response::json({{"account", nullptr},
                                        {"grants", grants_json(request.caller.grants)},
                                        {"bricks", visible_bricks(request.caller)},
                                        {"label", request.caller.label}});
               std::optional<auth::Account> account;
               return Response::json(session_json(request.caller, load_account(*db, *request.caller.account_id, account)));
             });

  routes.add("DELETE", "/api/v1/session", {"Se déconnecter", "Session", {}, "", true},
             [services, db](Request& request) {
               if (request.caller.session_id) {
                 db->in_transaction([&](store::Connection& c) {
                   auth::revoke_session(c, *request.caller.session_id);
                   audit::append(c, audit::event_for(request, "sign_out", "session",
                                                     std::to_string(*request.caller.session_id)));
                 });
               }
               auto response = Response::no_content();
               response.set_header("Set-Cookie", session_cookie("", 0, secure(services, request)));
               return response;
             });

  routes.add("POST", "/api/v1/session/password",
             {"Changer son mot de passe (toutes les sessions sont fermées)", "Session", {}, "current_password, new_password", true},
             [services, db](Request& request) {
               if (request.caller.kind != Caller::Kind::account)
                 throw Problem::forbidden("Seul un compte peut changer son mot de passe.");
               auto body = json_body(request);
               JsonReader in(body);
               auto current = in.text("current_password", true, 1024);
               auto next = in.text("new_password", true, 1024);
               in.finish();
               std::optional<auth::Account> holder;
               const auto& account = load_account(*db, *request.caller.account_id, holder);
               if (account.source != "local")
                 throw Problem::conflict("Ce compte se connecte par l'annuaire : changez le mot de passe dans l'annuaire.");
               if (!account.password_hash || !auth::verify_password(*account.password_hash, *current))
                 throw Problem::invalid_field("current_password", "mot de passe actuel incorrect");
               if (auto problem = auth::password_problem(*next, account.email, account.display_name))
                 throw Problem::invalid_field("new_password", *problem);
               const auto hash = auth::hash_password(*next);
               db->in_transaction([&](store::Connection& c) {
                 auth::set_password_hash(c, account.id, hash);
                 auth::revoke_sessions_of(c, account.id);
                 auto e = audit::event_for(request, "update", "account", std::to_string(account.id));
                 e.fields = {"password"};
                 audit::append(c, e);
               });
               auto response = Response::no_content();
               response.set_header("Set-Cookie", session_cookie("", 0, secure(services, request)));
               return response;
             });

  routes.add("POST", "/api/v1/session/totp",
             {"Commencer l'enrôlement du second facteur (TOTP)", "Session", {}, "", true},
             [db](Request& request) {
               if (request.caller.kind != Caller::Kind::account)
                 throw Problem::forbidden("Seul un compte peut enrôler un second facteur.");
               std::optional<auth::Account> holder;
               const auto& account = load_account(*db, *request.caller.account_id, holder);
               if (account.totp_secret)
                 throw Problem::conflict("Un second facteur est déjà enrôlé ; un administrateur peut le réinitialiser.");
               const auto secret = auth::generate_totp_secret();
               const auto uri = auth::otpauth_uri("Passerelle", account.email, secret);
               db->in_transaction([&](store::Connection& c) {
                 auth::set_totp_pending(c, account.id, secret);
                 auto e = audit::event_for(request, "update", "account", std::to_string(account.id));
                 e.fields = {"totp_pending_secret"};
                 audit::append(c, e);
               });
               return Response::json({{"secret", secret}, {"otpauth_uri", uri}, {"qr_svg", auth::qr_code_svg(uri)}});
             });

  routes.add("POST", "/api/v1/session/totp/confirm",
             {"Confirmer le second facteur avec un premier code ; renvoie les codes de secours", "Session", {}, "code", true},
             [db](Request& request) {
               if (request.caller.kind != Caller::Kind::account)
                 throw Problem::forbidden("Seul un compte peut enrôler un second facteur.");
               auto body = json_body(request);
               JsonReader in(body);
               auto code = in.text("code", true, 16);
               in.finish();
               std::optional<auth::Account> holder;
               const auto& account = load_account(*db, *request.caller.account_id, holder);
               if (!account.totp_pending_secret)
                 throw Problem::conflict("Aucun enrôlement en cours : commencez par POST /api/v1/session/totp.");
               auto step = auth::verify_totp(*account.totp_pending_secret, *code, std::time(nullptr), 0);
               if (!step) throw Problem::invalid_field("code", "code incorrect ou expiré");
               const auto codes = auth::generate_recovery_codes();
               std::vector<std::string> hashes;
               for (const auto& c : codes) hashes.push_back(auth::secret_hash(auth::normalise_recovery_code(c)));
               db->in_transaction([&](store::Connection& c) {
                 auth::confirm_totp(c, account.id, *account.totp_pending_secret, *step);
                 auth::replace_recovery_codes(c, account.id, hashes);
                 if (request.caller.session_id) auth::mark_second_factor_done(c, *request.caller.session_id);
                 auto e = audit::event_for(request, "update", "account", std::to_string(account.id));
                 e.fields = {"totp_secret", "recovery_codes"};
                 audit::append(c, e);
               });
               boost::json::array list;
               for (const auto& c : codes) list.emplace_back(c);
               return Response::json({{"recovery_codes", std::move(list)}});
             });
}

}  // namespace passerelle::modules::accounts
