#pragma once
// Organisations and establishments: the tenancy's reference data (Gestetab).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/json_reader.hpp"

namespace passerelle::modules::establishments {

struct OrganisationInput {
  std::string name;
  std::optional<std::string> finess_ej;
  std::optional<std::string> siren;
  std::string legal_status;  // public | private_non_profit | private_commercial
};

struct Organisation {
  std::int64_t id = 0;
  OrganisationInput fields;
  std::string created_at;
  std::string updated_at;
};

struct Establishment {
  std::int64_t id = 0;
  std::int64_t organisation_id = 0;
  std::string finess_et;
  std::string name;
  std::string category_code;
  std::optional<std::int64_t> parent_id;
};

inline const std::vector<std::string_view> legal_statuses = {"public", "private_non_profit", "private_commercial"};

// Reads and validates a JSON body (422 listing every bad field).
OrganisationInput read_organisation(const boost::json::value& body);

}  // namespace passerelle::modules::establishments
