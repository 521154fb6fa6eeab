#include "auth/roles.hpp"

namespace passerelle::auth {

const std::vector<RoleInfo>& all_roles() {
  static const std::vector<RoleInfo> roles = {
      {Role::platform_admin, "platform_admin", "Administrateur de la plateforme"},
      {Role::organisation_admin, "organisation_admin", "Administrateur de l'organisme"},
      {Role::director, "director", "Directeur"},
      {Role::head_of_service, "head_of_service", "Chef de service"},
      {Role::educator, "educator", "Professionnel éducatif"},
      {Role::care_professional, "care_professional", "Professionnel soignant ou médical"},
      {Role::secretary, "secretary", "Secrétaire"},
      {Role::quality_manager, "quality_manager", "Responsable qualité"},
      {Role::data_protection_officer, "data_protection_officer", "Délégué à la protection des données"},
      {Role::external_reader, "external_reader", "Lecteur externe (financeur)"},
  };
  return roles;
}

std::string_view role_code(Role role) {
  for (const auto& r : all_roles())
    if (r.role == role) return r.code;
  return "unknown";
}

std::string_view role_label(Role role) {
  for (const auto& r : all_roles())
    if (r.role == role) return r.label;
  return "?";
}

std::optional<Role> role_from_code(std::string_view code) {
  for (const auto& r : all_roles())
    if (r.code == code) return r.role;
  return std::nullopt;
}

}  // namespace passerelle::auth
