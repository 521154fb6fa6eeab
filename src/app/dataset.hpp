#pragma once
#include <cstdint>
#include <string>

#include "store/database.hpp"

namespace passerelle::app {

// Sizes of the generated datasets (issue #9):
//   s: 1 organisation, 10 establishments (quick runs and tests);
//   m: 1 organisation, 60 establishments (one large association);
//   l: 60 organisations × 50 establishments (a mutualised platform).
struct DatasetSize {
  int organisations = 1;
  int establishments_per_organisation = 10;
};
std::optional<DatasetSize> dataset_size(const std::string& code);

// Fills an empty (migrated) database with a deterministic dataset through the same storage code
// the server and the demo use: establishments with dated capacities and calendars, persons with
// stays, decisions, waiting lists and attendance, staff with contracts and absences. Returns the
// number of organisations written. One transaction per organisation.
int generate_dataset(store::Database& database, const DatasetSize& size, std::uint32_t seed);

}  // namespace passerelle::app
