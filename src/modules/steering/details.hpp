#pragma once
// The persons or staff behind an indicator's number for one establishment and one period (the
// dashboards' drill-down), read from the raw facts: stays, attendance, waiting list, contracts,
// absences. The lists follow the engine's definitions, so that their length is the number shown
// (ACT-03, ACT-10, ACT-11, ACT-15: one line per stay or request counted; RH-06: one per contract).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "modules/steering/scope.hpp"
#include "store/database.hpp"

namespace passerelle::modules::steering {

enum class DetailKind { persons, staff };

// The list an indicator opens, if any: persons for ACT-03, ACT-05, ACT-10, ACT-11, ACT-13, ACT-15;
// staff for RH-01, RH-06, RH-07.
std::optional<DetailKind> detail_kind(const std::string& indicator_id);

struct DetailItem {
  std::int64_t id = 0;  // the person's or the staff member's id
  std::string last_name;
  std::string first_name;
  std::int64_t establishment_id = 0;
  std::optional<std::string> care_mode;  // persons: the stay's or request's kind of care
  std::optional<std::string> job_code;   // staff: the contract's job (the member's current job for absences)
  std::optional<Date> from;              // the stay, request, contract or absence
  std::optional<Date> to;
  std::string detail;                    // French: "sortie le 2025-03-14 vers Domicile", "4,5 jours"…
};

std::vector<DetailItem> detail_items(store::Connection& c, const std::string& indicator_id, std::int64_t organisation_id,
                                     std::int64_t establishment_id, const StudyPeriod& period);

}  // namespace passerelle::modules::steering
