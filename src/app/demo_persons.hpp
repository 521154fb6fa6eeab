#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "store/tenant.hpp"

namespace passerelle::app {

// One kind of care of a demo establishment, with its places today.
struct DemoPlace {
  std::int64_t establishment_id;
  std::string category;
  std::string care_mode;
  int places;
};

// Persons supported by the demo establishments, with stays, decisions, contacts, protection,
// waiting lists and two years of attendance (fixed seed: the same data at every start).
// `seed` varies the persons between organisations of a generated dataset (app/dataset.cpp).
// `history_years` > 0 (a generated dataset): every place's succession of stays over that many years,
// at the sector's usual lengths of stay, instead of the demo's recent sample.
void create_demo_persons(const store::Scoped& db, const std::vector<DemoPlace>& places, std::uint32_t seed = 20261123,
                         int history_years = 0);

}  // namespace passerelle::app
