#include "audit/trail.hpp"
#include "auth/policy.hpp"
#include "auth/secrets.hpp"
#include "core/json_reader.hpp"
#include "modules/accounts/routes.hpp"

namespace passerelle::modules::accounts {
namespace {

const Permission read_accounts{Brick::administration, DataCategory::accounts, Action::read};
const Permission write_accounts{Brick::administration, DataCategory::accounts, Action::write};

boost::json::object token_json(const auth::ApiToken& t) {
  boost::json::array bricks;
  for (const auto& b : t.bricks) bricks.emplace_back(b);
  auto opt = [](const std::optional<std::string>& s) { return s ? boost::json::value(*s) : boost::json::value(nullptr); };
  return {{"id", t.id},         {"organisation_id", t.organisation_id}, {"name", t.name},
          {"access", t.access}, {"bricks", std::move(bricks)},          {"created_at", t.created_at},
          {"last_used_at", opt(t.last_used_at)}, {"revoked_at", opt(t.revoked_at)}};
}

}  // namespace

void register_token_routes(RouteTable& routes, const Services& services) {
  auto db = services.database;

  routes.add("GET", "/api/v1/api-tokens",
             {"Jetons d'API de l'organisme", "Administration",
              {{"organisation", "organisme (administration de la plateforme)", false}}, "", true, read_accounts},
             [db](Request& request) {
               const auto organisation = organisation_of(request);
               auth::require(request.caller, read_accounts, organisation);
               auto lease = db->acquire();
               boost::json::array items;
               for (const auto& t : auth::list_api_tokens(store::Scoped(*lease, store::Scope::organisation(organisation))))
                 items.push_back(token_json(t));
               return Response::json({{"items", std::move(items)}});
             });

  routes.add("POST", "/api/v1/api-tokens",
             {"Créer un jeton d'API (affiché une seule fois)", "Administration",
              {{"organisation", "organisme (administration de la plateforme)", false}},
              "name, access (read | read_write), bricks [code]", true, write_accounts},
             [db](Request& request) {
               const auto organisation = organisation_of(request);
               auth::require(request.caller, write_accounts, organisation);
               auto body = json_body(request);
               JsonReader in(body);
               auth::ApiToken token;
               token.organisation_id = organisation;
               auto name = in.text("name", true, 100);
               auto access = in.choice("access", true, {"read", "read_write"});
               const auto* bricks = in.array("bricks", true);
               if (bricks) {
                 if (bricks->empty()) in.fail("bricks", "au moins une brique");
                 for (std::size_t i = 0; i < bricks->size(); ++i) {
                   const auto& v = (*bricks)[i];
                   if (!v.is_string() || !brick_from_code(std::string(v.as_string())) ||
                       v.as_string() == "administration")
                     in.fail("bricks/" + std::to_string(i), "brique inconnue ou non ouverte aux jetons");
                   else
                     token.bricks.emplace_back(v.as_string());
                 }
               }
               in.finish();
               token.name = *name;
               token.access = *access;
               const auto secret = auth::new_secret("pst_");
               auto stored = db->in_transaction([&](store::Connection& c) {
                 if (!c.query_one("SELECT id FROM organisation WHERE id = :id", {{"id", organisation}}))
                   throw Problem::hidden();
                 token.id = auth::insert_api_token(c, token, auth::secret_hash(secret), request.caller.account_id);
                 auto e = audit::event_for(request, "create", "api_token", std::to_string(token.id));
                 e.organisation_id = organisation;
                 e.fields = {"name", "access", "bricks"};
                 audit::append(c, e);
                 return *auth::find_api_token_by_hash(c, auth::secret_hash(secret));
               });
               auto out = token_json(stored);
               out["token"] = secret;  // shown once: only its hash is kept
               return Response::json(out, 201);
             });

  routes.add("DELETE", "/api/v1/api-tokens/{id}",
             {"Révoquer un jeton d'API", "Administration",
              {{"organisation", "organisme (administration de la plateforme)", false}}, "", true, write_accounts},
             [db](Request& request) {
               const auto organisation = organisation_of(request);
               auth::require(request.caller, write_accounts, organisation);
               const auto id = request.id_param();
               db->in_transaction([&](store::Connection& c) {
                 if (!auth::revoke_api_token(store::Scoped(c, store::Scope::organisation(organisation)), id))
                   throw Problem::not_found("Ce jeton n'existe pas ou est déjà révoqué.");
                 auto e = audit::event_for(request, "revoke", "api_token", std::to_string(id));
                 e.organisation_id = organisation;
                 audit::append(c, e);
               });
               return Response::no_content();
             });
}

}  // namespace passerelle::modules::accounts
