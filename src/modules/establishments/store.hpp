#pragma once
#include <optional>
#include <vector>

#include "core/pagination.hpp"
#include "modules/establishments/domain.hpp"
#include "store/tenant.hpp"

namespace passerelle::modules::establishments {

std::vector<Organisation> list_organisations(const store::Scoped& db, const PageRequest& page);
std::optional<Organisation> find_organisation(const store::Scoped& db, std::int64_t id);
bool finess_ej_taken(store::Connection& db, const std::string& finess);
// Organisations are created by the platform: the new id becomes a tenant of its own.
Organisation create_organisation(store::Connection& db, const OrganisationInput& input);

// `only`: the establishments the caller may see (empty optional: all of the organisation).
std::vector<Establishment> list_establishments(const store::Scoped& db, const PageRequest& page,
                                               const std::optional<std::vector<std::int64_t>>& only = std::nullopt);
std::int64_t create_establishment(const store::Scoped& db, const Establishment& e);

}  // namespace passerelle::modules::establishments
