#pragma once
// The roles of Passerelle. A grant gives one role to an account over one establishment or over a
// whole organisation (or, for the platform administrator, the platform).
#include <optional>
#include <string_view>
#include <vector>

namespace passerelle::auth {

enum class Role {
  platform_admin,
  organisation_admin,
  director,
  head_of_service,
  educator,        // professional, educational/social
  care_professional,  // professional, care/medical (nurse, doctor, psychologist)
  secretary,
  quality_manager,
  data_protection_officer,
  external_reader,  // funder (ARS, conseil départemental): CPOM sheets only
};

struct RoleInfo {
  Role role;
  std::string_view code;   // stored in the database and used in the API
  std::string_view label;  // French, for the interface
};

const std::vector<RoleInfo>& all_roles();
std::string_view role_code(Role role);
std::string_view role_label(Role role);
std::optional<Role> role_from_code(std::string_view code);

}  // namespace passerelle::auth
