#include "modules/services.hpp"

#include <charconv>

#include "core/problem.hpp"

namespace passerelle::modules {

store::Scope scope_of(const Caller& caller) {
  if (caller.kind == Caller::Kind::anonymous)
    throw Problem::unauthorized("Connectez-vous pour accéder à cette ressource.");
  if (caller.platform) return store::Scope::platform();
  if (!caller.organisation_id) throw Problem::forbidden("Ce compte n'est rattaché à aucun organisme.");
  return store::Scope::organisation(*caller.organisation_id);
}

std::int64_t organisation_of(const Request& request) {
  if (request.caller.organisation_id) return *request.caller.organisation_id;
  auto named = request.query_param("organisation");
  if (!named)
    throw Problem::bad_request("Précisez l'organisme concerné.", {{"organisation", "paramètre obligatoire ici"}});
  std::int64_t id = 0;
  auto [end, ec] = std::from_chars(named->data(), named->data() + named->size(), id);
  if (ec == std::errc() && end == named->data() + named->size() && id > 0) return id;
  throw Problem::bad_request("Paramètre « organisation » invalide.", {{"organisation", "identifiant attendu"}});
}

}  // namespace passerelle::modules
