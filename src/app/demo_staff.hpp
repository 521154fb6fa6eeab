#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/demo_persons.hpp"
#include "store/tenant.hpp"

namespace passerelle::app {

// A demo account to link to a staff record of the first establishment holding that job.
struct DemoStaffAccount {
  std::int64_t account_id;
  std::string job_code;
  std::string first_name;
  std::string last_name;
};

// A generated dataset's workforce: posts at `percent` of the sector's ratio per place; the first
// holders hired within the last `history_years` years (0, the demo: up to twenty years back).
struct StaffSizing {
  int percent = 100;
  int history_years = 0;
  // The random seed; by default the first establishment's id (the demo's, as it always was).
  std::optional<std::uint32_t> seed;
};

// Staff of the establishments in `places` (sized on their places): five years of contracts and
// absences at realistic rates, fixed seed. The steering aggregates of the establishments' staff follow
// at the transaction's commit.
void create_demo_staff(const store::Scoped& db, const std::vector<DemoPlace>& places,
                       const std::vector<DemoStaffAccount>& accounts_to_link = {}, StaffSizing sizing = {});

}  // namespace passerelle::app
