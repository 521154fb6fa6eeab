#pragma once
#include "store/database.hpp"

namespace passerelle::app {

// Loads the demo organisation if the database holds no organisation yet; returns whether it did.
bool seed_demo_if_empty(store::Database& database);

}  // namespace passerelle::app
