#include "modules/steering/measures.hpp"

#include <algorithm>

#include "modules/staff/domain.hpp"

namespace passerelle::modules::steering {

namespace activity {

std::size_t absence_column(std::string_view reason) {
  for (std::size_t i = 0; i < absence_reasons.size(); ++i)
    if (absence_reasons[i] == reason) return absent_illness + i;
  return absent_other;
}

std::size_t origin_column(std::string_view origin) {
  for (std::size_t i = 0; i < origins.size(); ++i)
    if (origins[i] == origin) return admissions_home + i;
  return admissions_other;
}

std::size_t destination_column(std::string_view destination) {
  if (destination.empty()) return discharges_unknown;
  for (std::size_t i = 0; i + 1 < destinations.size(); ++i)
    if (destinations[i] == destination) return discharges_home + i;
  return discharges_other;
}

bool is_counted_reason(std::string_view reason) {
  return std::find(counted_reasons.begin(), counted_reasons.end(), reason) != counted_reasons.end();
}

bool is_short_care_mode(std::string_view care_mode) {
  return std::find(short_care_modes.begin(), short_care_modes.end(), care_mode) != short_care_modes.end();
}

}  // namespace activity

namespace hr {

std::size_t kind_column(std::string_view kind) {
  for (std::size_t i = 0; i < contract_kinds.size(); ++i)
    if (contract_kinds[i] == kind) return fte_permanent + i;
  return fte;
}

std::optional<std::size_t> absence_column(std::string_view kind, std::int64_t half_days) {
  const auto group = staff::absenteeism_group(kind);
  if (group == "illness") return half_days <= 2 * illness_short_days ? absence_illness_short : absence_illness_medium;
  if (group == "long_illness") return absence_long_illness;
  if (group == "maternity_paternity") return absence_maternity_paternity;
  if (group == "work_accident_occupational_disease") return absence_work_accident;
  if (group == "special_leave") return absence_special_leave;
  return std::nullopt;
}

std::string category_of(std::string_view job_code) {
  const auto* job = staff::find_job(job_code);
  return job ? std::string(job->category) : std::string("unknown");
}

}  // namespace hr

}  // namespace passerelle::modules::steering
