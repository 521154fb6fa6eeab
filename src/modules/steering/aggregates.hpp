#pragma once
// The aggregates behind the indicators (tables of migration 0013): per day × establishment × kind of
// care, per day × establishment × job category, their monthly roll-ups, and the stays absent per
// month. Derived from the facts only; kept up to date by a fact-change listener in the same
// transaction as each fact, and recomputed entirely by `passerelle rebuild-aggregates`. Both go
// through recompute(), so they cannot drift.
#include <cstdint>
#include <optional>

#include "core/date.hpp"
#include "store/database.hpp"

namespace passerelle::modules::steering {

// Registers the listener that recomputes the rows a fact change touches (idempotent; at startup).
void install_fact_listener();

// The last day materialised; empty when the aggregates were never built.
std::optional<Date> aggregates_horizon(store::Connection& c);
// 31 December of the year after `today`: how far a build materialises.
Date default_horizon(Date today);

// Recomputes every row from the facts (in the caller's write transaction, or one of its own), up to
// the later of the current horizon and default_horizon(today).
void rebuild_aggregates(store::Connection& c);

// At startup: builds the aggregates if they were never built, and moves the horizon to
// default_horizon(today).
void prepare_aggregates(store::Database& database);

// Makes sure every day up to `day` is materialised (builds them if never built; moves the horizon to
// 31 December of `day`'s year). Writes: call it outside a transaction or inside a write one.
void materialise_until(store::Connection& c, Date day);

enum class Tables { activity = 1, human_resources = 2, both = 3 };
// Recomputes one establishment's rows over the months that [from, to] touches (clipped to the
// horizon), from the facts. What the listener and the rebuild both call.
void recompute(store::Connection& c, std::int64_t establishment_id, Date from, Date to, Tables tables);

}  // namespace passerelle::modules::steering
