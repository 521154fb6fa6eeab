#pragma once
#include <cstdint>
#include <string>

#include "store/database.hpp"

namespace passerelle::app {

// Sizes of the generated datasets (issue #9), tuned so that the counts land near the issue's:
//   s: 1 organisation, 10 establishments, about 500 persons over 2 years (quick runs and tests);
//   m: 1 organisation, 60 establishments, about 2,500 persons supported at a time and 1,200 staff
//      employed at a time, 10 years of persons' history (one large association);
//   l: 60 organisations × 50 establishments, about 150,000 places, 400,000 persons over 10 years and
//      50,000 staff employed at a time (a mutualised platform).
// Places are the establishment templates' scaled by `places_percent`; staff posts the sector's ratio
// per place scaled by `staff_percent`.
struct DatasetSize {
  int organisations = 1;
  int establishments_per_organisation = 10;
  int places_percent = 100;
  int staff_percent = 100;
  int history_years = 2;  // persons: every stay running in the last `history_years` years
};
std::optional<DatasetSize> dataset_size(const std::string& code);

// Fills an empty (migrated) database with a deterministic dataset through the same storage code
// the server and the demo use: establishments with dated capacities and calendars, persons with
// stays, decisions, waiting lists and attendance, staff with contracts and absences. Returns the
// number of organisations written. One transaction per organisation; on PostgreSQL, `jobs`
// organisations at once (the same data: an organisation's content depends on the seed and its rank,
// never on the ids handed out; the ids themselves come in another order).
int generate_dataset(store::Database& database, const DatasetSize& size, std::uint32_t seed, int jobs = 1);

}  // namespace passerelle::app
