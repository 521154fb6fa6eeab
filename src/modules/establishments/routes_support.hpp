#pragma once
// What the establishments brick's route files share.
#include "core/permission.hpp"
#include "core/route_table.hpp"
#include "modules/establishments/store.hpp"
#include "modules/services.hpp"

namespace passerelle::modules::establishments {

inline const Permission read_reference{Brick::establishments, DataCategory::reference, Action::read};
inline const Permission write_reference{Brick::establishments, DataCategory::reference, Action::write};
inline const Permission export_reference{Brick::establishments, DataCategory::reference, Action::export_data};

std::vector<ParameterDoc> page_parameters();
std::vector<ParameterDoc> list_parameters();
EstablishmentFilter read_filter(const Request& request);

// Refuses a FINESS already used, or a parent that is not another establishment of the organisation.
void check_profile_references(store::Connection& c, const store::Scoped& scoped, const Profile& profile,
                              std::int64_t self_id);

// The establishment named by the path, if the caller may do `permission` on it; else the 404
// every unknown id gets.
Establishment load_establishment(store::Connection& c, const Request& request, const Permission& permission);

std::optional<Date> date_param(const Request& request, const char* name, bool required);

void register_import_routes(RouteTable& routes, const Services& services);
void register_detail_routes(RouteTable& routes, const Services& services);
void register_capacity_routes(RouteTable& routes, const Services& services);

}  // namespace passerelle::modules::establishments
