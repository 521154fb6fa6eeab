#pragma once
#include <cstdint>

#include "store/tenant.hpp"

namespace passerelle::app {

// The association's CPOM with the ARS and the Département (five years from 1 January of last year),
// two strategic objectives, three action sheets with actions at every stage and indicators (some
// linked to computed indicators), a few comments, and the demo funder named as its external reader.
void create_demo_cpom(const store::Scoped& db, std::int64_t reader_account_id);

}  // namespace passerelle::app
