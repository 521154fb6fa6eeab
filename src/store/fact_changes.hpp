#pragma once
// Changes of the facts the indicators are computed from (attendance, stays, capacity, opening
// calendars and closures, staff contracts and absences, admission requests), announced by the
// bricks that write them, so that what is derived from them (the steering brick's aggregates) is
// rewritten in the same transaction as the fact.
//
// The store knows nothing of indicators: a brick that derives data registers a listener at
// startup (add_fact_listener), and the bricks that write facts only call facts_changed. Inside a
// Transaction the changes are collected and the listeners run once, just before COMMIT, with all
// of them (a bulk write of a month of attendance is one recomputation, not thousands); outside a
// transaction they run at once in a transaction of their own.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"

namespace passerelle::store {

class Connection;

enum class FactKind {
  attendance,         // one stay's days
  stay,               // admission, discharge, transfer, merge
  capacity,           // places of a kind of care and status
  opening_calendar,   // a year's weekly pattern or number of days open
  closure,            // days closed
  staff_contract,     // a contract's establishment and dates
  staff_absence,      // an absence: no establishment, staff_id says whose (the contracts' establishments)
  admission_request,  // waiting list: received and status dates
};

struct FactChange {
  FactKind kind = FactKind::attendance;
  std::optional<std::int64_t> establishment_id;  // empty for a staff absence
  std::optional<std::int64_t> staff_id;          // staff absence
  Date from;
  std::optional<Date> to;  // empty: open-ended (a stay, capacity or contract without an end)
};

using FactListener = std::function<void(Connection&, const std::vector<FactChange>&)>;

// Registers (or replaces) the listener called `name`. Done once at startup, before requests run.
void add_fact_listener(const std::string& name, FactListener listener);

// Announces a change; see the header comment for when the listeners run.
void facts_changed(Connection& connection, const FactChange& change);

// Runs the listeners on the changes collected by the connection's transaction and forgets them
// (Transaction::commit calls it before COMMIT).
void flush_fact_changes(Connection& connection);

}  // namespace passerelle::store
