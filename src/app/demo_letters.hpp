#pragma once
#include "store/tenant.hpp"

namespace passerelle::app {

// Postal addresses and phone numbers of the demo establishments (for letterheads), and three letter
// templates of everyday use: invitation to the yearly review of the support plan, attendance
// certificate, notice of closure days.
void create_demo_letters(const store::Scoped& db);

}  // namespace passerelle::app
