#pragma once
// What the bricks receive from the application: shared services, and the rule that turns the
// authenticated caller into the tenant scope their queries run in.
#include <memory>

#include "core/request.hpp"
#include "store/database.hpp"
#include "store/tenant.hpp"

namespace passerelle::modules {

struct Services {
  std::shared_ptr<store::Database> database;
};

// The scope of the caller's queries; an anonymous caller is refused (401).
store::Scope scope_of(const Caller& caller);

}  // namespace passerelle::modules
