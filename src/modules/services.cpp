#include "modules/services.hpp"

#include "core/problem.hpp"

namespace passerelle::modules {

store::Scope scope_of(const Caller& caller) {
  if (caller.kind == Caller::Kind::anonymous)
    throw Problem::unauthorized("Connectez-vous pour accéder à cette ressource.");
  if (caller.platform) return store::Scope::platform();
  if (!caller.organisation_id) throw Problem::forbidden("Ce compte n'est rattaché à aucun organisme.");
  return store::Scope::organisation(*caller.organisation_id);
}

}  // namespace passerelle::modules
