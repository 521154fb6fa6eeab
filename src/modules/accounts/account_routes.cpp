#include "audit/trail.hpp"
#include "auth/password_policy.hpp"
#include "auth/policy.hpp"
#include "auth/roles.hpp"
#include "auth/secrets.hpp"
#include "core/clock.hpp"
#include "core/json_reader.hpp"
#include "core/text.hpp"
#include "modules/accounts/json.hpp"
#include "modules/accounts/routes.hpp"

namespace passerelle::modules::accounts {
namespace {

const Permission read_accounts{Brick::administration, DataCategory::accounts, Action::read};
const Permission write_accounts{Brick::administration, DataCategory::accounts, Action::write};

bool plausible_email(const std::string& email) {
  auto at = email.find('@');
  return at != std::string::npos && at > 0 && email.find('@', at + 1) == std::string::npos &&
         email.find('.', at) != std::string::npos && email.back() != '.' && email.find(' ') == std::string::npos;
}

// Reads the grants of a body and checks each against the organisation: roles from the list,
// establishments of that organisation, platform administration only from the platform.
std::vector<CallerGrant> read_grants(store::Connection& c, const Request& request, const boost::json::array& list,
                                     std::optional<std::int64_t> organisation_id) {
  std::vector<CallerGrant> grants;
  std::vector<FieldError> errors;
  for (std::size_t i = 0; i < list.size(); ++i) {
    JsonReader g(list[i], "grants/" + std::to_string(i) + "/");
    auto role = g.text("role", true, 64);
    auto establishment = g.integer("establishment_id", false, 1);
    if (role && !auth::role_from_code(*role)) g.fail("role", "rôle inconnu");
    if (role && *role == "platform_admin" && (organisation_id || !request.caller.platform))
      g.fail("role", "l'administration de la plateforme ne s'accorde qu'à un compte de la plateforme");
    if (role && *role != "platform_admin" && !organisation_id)
      g.fail("role", "un compte de la plateforme ne reçoit que le rôle platform_admin");
    if (establishment && organisation_id &&
        !c.query_one("SELECT id FROM establishment WHERE id = :id AND organisation_id = :o",
                     {{"id", *establishment}, {"o", *organisation_id}}))
      g.fail("establishment_id", "établissement inconnu dans cet organisme");
    errors.insert(errors.end(), g.errors().begin(), g.errors().end());
    if (g.ok()) grants.push_back({*role, organisation_id, establishment});
  }
  if (!errors.empty()) throw Problem::invalid(errors);
  return grants;
}

auth::Account load_in_scope(store::Connection& c, const Request& request, std::int64_t id, const Permission& permission) {
  auto account = auth::find_account(c, id);
  if (!account) throw Problem::hidden();
  if (account->organisation_id) {
    auth::require(request.caller, permission, *account->organisation_id);
  } else if (!request.caller.platform) {
    throw Problem::hidden().mark_access_denied();
  }
  return *account;
}

boost::json::object reset_link(store::Connection& c, const Request& request, std::int64_t account_id) {
  const auto token = auth::new_secret("prt_");
  const auto expires = now_iso8601_plus(std::chrono::hours(24));
  auth::insert_password_reset(c, account_id, auth::secret_hash(token), request.caller.account_id, expires);
  return {{"token", token}, {"path", "/reinitialiser-mot-de-passe?jeton=" + token}, {"expires_at", expires}};
}

}  // namespace

void register_account_routes(RouteTable& routes, const Services& services) {
  auto db = services.database;

  routes.add("GET", "/api/v1/accounts",
             {"Comptes de l'organisme", "Administration",
              {{"limit", "taille de page", false}, {"cursor", "page suivante", false},
               {"organisation", "organisme (administration de la plateforme)", false}},
              "", true, read_accounts},
             [db](Request& request) {
               const auto page = page_request(request);
               auto lease = db->acquire();
               auto scope = scope_of(request.caller);
               if (scope.is_platform() && request.query_param("organisation")) scope = scope.within(organisation_of(request));
               if (!scope.is_platform()) auth::require(request.caller, read_accounts, *scope.organisation_id());
               boost::json::array items;
               std::string ids;
               for (const auto& a : auth::list_accounts(store::Scoped(*lease, scope), page)) {
                 items.push_back(account_json(a, auth::grants_of(*lease, a.id)));
                 ids += (ids.empty() ? "" : ",") + std::to_string(a.id);
               }
               // Staff accounts are personal data: the list read is audited with the ids shown.
               auto e = audit::event_for(request, "read", "account", ids.substr(0, 1000));
               e.organisation_id = scope.organisation_id();
               audit::append_alone(*db, e);
               return Response::json(page_of(std::move(items), page));
             });

  routes.add("POST", "/api/v1/accounts",
             {"Créer un compte", "Administration", {},
              "email, display_name, grants [{role, establishment_id?}], organisation_id? (plateforme), password?", true,
              write_accounts},
             [db](Request& request) {
               auto body = json_body(request);
               JsonReader in(body);
               auto email = in.text("email", true, 254);
               auto name = in.text("display_name", true, 200);
               auto organisation = in.integer("organisation_id", false, 1);
               const auto* grants_list = in.array("grants", true);
               auto password = in.text("password", false, 1024);
               if (email && !plausible_email(to_lower_ascii(*email))) in.fail("email", "adresse électronique invalide");
               if (password)
                 if (auto problem = auth::password_problem(*password, email.value_or(""), name.value_or("")))
                   in.fail("password", *problem);
               in.finish();
               std::optional<std::int64_t> organisation_id =
                   request.caller.platform ? organisation : request.caller.organisation_id;
               if (!request.caller.platform && organisation && organisation != request.caller.organisation_id)
                 throw Problem::hidden().mark_access_denied();
               if (organisation_id) auth::require(request.caller, write_accounts, *organisation_id);
               const auto lower = to_lower_ascii(*email);
               const auto hash = password ? std::optional(auth::hash_password(*password)) : std::nullopt;
               auto result = db->in_transaction([&](store::Connection& c) {
                 if (organisation_id && !c.query_one("SELECT id FROM organisation WHERE id = :id", {{"id", *organisation_id}}))
                   throw Problem::invalid_field("organisation_id", "organisme inconnu");
                 auto grants = read_grants(c, request, *grants_list, organisation_id);
                 if (auth::find_account_by_email(c, lower))
                   throw Problem::conflict("Un compte utilise déjà cette adresse.", {{"email", "adresse déjà utilisée"}});
                 auto id = auth::insert_account(c, {organisation_id, lower, *name, "local", hash});
                 auth::replace_grants(c, id, grants);
                 auto e = audit::event_for(request, "create", "account", std::to_string(id));
                 e.organisation_id = organisation_id;
                 e.fields = {"email", "display_name", "grants"};
                 audit::append(c, e);
                 boost::json::object out = account_json(*auth::find_account(c, id), grants);
                 if (!hash) out["password_reset"] = reset_link(c, request, id);
                 return out;
               });
               auto response = Response::json(result, 201);
               response.set_header("Location", "/api/v1/accounts/" + std::to_string(result.at("id").as_int64()));
               return response;
             });

  routes.add("GET", "/api/v1/accounts/{id}", {"Détail d'un compte", "Administration", {}, "", true, read_accounts},
             [db](Request& request) {
               auto lease = db->acquire();
               auto account = load_in_scope(*lease, request, request.id_param(), read_accounts);
               auto body = account_json(account, auth::grants_of(*lease, account.id));
               auto e = audit::event_for(request, "read", "account", std::to_string(account.id));
               e.organisation_id = account.organisation_id;
               audit::append_alone(*db, e);
               return Response::json(body);
             });

  routes.add("PATCH", "/api/v1/accounts/{id}",
             {"Modifier un compte (nom, droits, désactivation)", "Administration", {},
              "display_name?, grants?, disabled?, reset_second_factor?", true, write_accounts},
             [db](Request& request) {
               auto body = json_body(request);
               JsonReader in(body);
               auto name = in.text("display_name", false, 200);
               const auto* grants_list = in.array("grants", false);
               auto disabled = in.boolean("disabled", false);
               auto reset_second_factor = in.boolean("reset_second_factor", false);
               in.finish();
               auto result = db->in_transaction([&](store::Connection& c) {
                 auto account = load_in_scope(c, request, request.id_param(), write_accounts);
                 if (request.caller.account_id == account.id && disabled && *disabled)
                   throw Problem::conflict("Vous ne pouvez pas désactiver votre propre compte.");
                 std::vector<std::string> changed;
                 if (name) { auth::set_display_name(c, account.id, *name); changed.push_back("display_name"); }
                 if (grants_list) {
                   auth::replace_grants(c, account.id, read_grants(c, request, *grants_list, account.organisation_id));
                   changed.push_back("grants");
                 }
                 if (disabled) {
                   auth::set_disabled(c, account.id, *disabled);
                   if (*disabled) auth::revoke_sessions_of(c, account.id);
                   changed.push_back("disabled");
                 }
                 if (reset_second_factor && *reset_second_factor) {
                   c.execute("UPDATE account SET totp_secret = NULL, totp_pending_secret = NULL WHERE id = :id",
                             {{"id", account.id}});
                   auth::replace_recovery_codes(c, account.id, {});
                   auth::revoke_sessions_of(c, account.id);
                   changed.push_back("totp_secret");
                 }
                 auto e = audit::event_for(request, "update", "account", std::to_string(account.id));
                 e.organisation_id = account.organisation_id;
                 e.fields = changed;
                 audit::append(c, e);
                 return account_json(*auth::find_account(c, account.id), auth::grants_of(c, account.id));
               });
               return Response::json(result);
             });

  routes.add("POST", "/api/v1/accounts/{id}/password-reset",
             {"Créer un lien de réinitialisation du mot de passe (24 h, usage unique)", "Administration", {}, "", true,
              write_accounts},
             [db](Request& request) {
               auto result = db->in_transaction([&](store::Connection& c) {
                 auto account = load_in_scope(c, request, request.id_param(), write_accounts);
                 if (account.source != "local")
                   throw Problem::conflict("Ce compte se connecte par l'annuaire : son mot de passe s'y gère.");
                 auto link = reset_link(c, request, account.id);
                 auto e = audit::event_for(request, "create", "password_reset", std::to_string(account.id));
                 e.organisation_id = account.organisation_id;
                 audit::append(c, e);
                 return link;
               });
               return Response::json(result, 201);
             });

  routes.add("POST", "/api/v1/password-reset",
             {"Choisir un nouveau mot de passe avec un lien de réinitialisation", "Session", {}, "token, new_password", false},
             [db](Request& request) {
               auto body = json_body(request);
               JsonReader in(body);
               auto token = in.text("token", true, 128);
               auto password = in.text("new_password", true, 1024);
               in.finish();
               const auto hash_of_token = auth::secret_hash(*token);
               std::optional<auth::Account> account;
               {
                 auto lease = db->acquire();
                 auto reset = auth::find_password_reset(*lease, hash_of_token);
                 if (!reset || reset->used_at || reset->expires_at <= now_iso8601()) {
                   auto e = audit::event_for(request, "password_reset", "password_reset", "", "denied");
                   audit::append_alone(*db, e);
                   throw Problem::invalid_field("token", "lien invalide, expiré ou déjà utilisé");
                 }
                 account = auth::find_account(*lease, reset->account_id);
               }
               if (auto problem = auth::password_problem(*password, account->email, account->display_name))
                 throw Problem::invalid_field("new_password", *problem);
               const auto hash = auth::hash_password(*password);
               db->in_transaction([&](store::Connection& c) {
                 auto reset = auth::find_password_reset(c, hash_of_token);
                 if (!reset || reset->used_at) throw Problem::invalid_field("token", "lien déjà utilisé");
                 auth::mark_password_reset_used(c, reset->id);
                 auth::set_password_hash(c, account->id, hash);
                 auth::revoke_sessions_of(c, account->id);
                 audit::Event e = audit::event_for(request, "update", "account", std::to_string(account->id));
                 e.account_id = account->id;
                 e.account_label = account->email;
                 e.organisation_id = account->organisation_id;
                 e.fields = {"password"};
                 audit::append(c, e);
               });
               return Response::no_content();
             });

  routes.add("GET", "/api/v1/second-factor-rules",
             {"Rôles pour lesquels le second facteur est obligatoire", "Administration",
              {{"organisation", "organisme (administration de la plateforme ; absent : règle de la plateforme)", false}},
              "", true, read_accounts},
             [db](Request& request) {
               std::optional<std::int64_t> organisation =
                   request.caller.platform && !request.query_param("organisation") ? std::nullopt
                                                                                    : std::optional(organisation_of(request));
               if (organisation) auth::require(request.caller, read_accounts, *organisation);
               auto lease = db->acquire();
               boost::json::array roles;
               for (const auto& r : auth::second_factor_roles(*lease, organisation)) roles.emplace_back(r);
               return Response::json({{"organisation_id", optional_id(organisation)}, {"roles", std::move(roles)}});
             });

  routes.add("PUT", "/api/v1/second-factor-rules",
             {"Rendre le second facteur obligatoire pour des rôles", "Administration",
              {{"organisation", "organisme (administration de la plateforme)", false}}, "roles [code]", true,
              write_accounts},
             [db](Request& request) {
               auto body = json_body(request);
               JsonReader in(body);
               const auto* list = in.array("roles", true);
               std::vector<std::string> roles;
               if (list)
                 for (std::size_t i = 0; i < list->size(); ++i) {
                   const auto& v = (*list)[i];
                   if (!v.is_string() || !auth::role_from_code(std::string(v.as_string())))
                     in.fail("roles/" + std::to_string(i), "rôle inconnu");
                   else
                     roles.emplace_back(v.as_string());
                 }
               in.finish();
               std::optional<std::int64_t> organisation =
                   request.caller.platform && !request.query_param("organisation") ? std::nullopt
                                                                                    : std::optional(organisation_of(request));
               if (organisation) auth::require(request.caller, write_accounts, *organisation);
               db->in_transaction([&](store::Connection& c) {
                 auth::set_second_factor_roles(c, organisation, roles);
                 auto e = audit::event_for(request, "update", "second_factor_rule",
                                           organisation ? std::to_string(*organisation) : "platform");
                 e.fields = {"roles"};
                 audit::append(c, e);
               });
               boost::json::array out;
               for (const auto& r : roles) out.emplace_back(r);
               return Response::json({{"organisation_id", optional_id(organisation)}, {"roles", std::move(out)}});
             });
}

}  // namespace passerelle::modules::accounts
