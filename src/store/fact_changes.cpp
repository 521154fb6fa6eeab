#include "store/fact_changes.hpp"

#include <mutex>
#include <utility>

#include "store/database.hpp"

namespace passerelle::store {
namespace {

struct Registry {
  std::mutex mutex;
  std::vector<std::pair<std::string, FactListener>> listeners;
};

Registry& registry() {
  static Registry r;
  return r;
}

std::vector<FactListener> listeners() {
  auto& r = registry();
  std::lock_guard lock(r.mutex);
  std::vector<FactListener> out;
  for (const auto& [name, listener] : r.listeners) out.push_back(listener);
  return out;
}

void run_listeners(Connection& connection, const std::vector<FactChange>& changes) {
  if (changes.empty()) return;
  for (const auto& listener : listeners()) listener(connection, changes);
}

}  // namespace

void add_fact_listener(const std::string& name, FactListener listener) {
  auto& r = registry();
  std::lock_guard lock(r.mutex);
  for (auto& [existing, l] : r.listeners)
    if (existing == name) {
      l = std::move(listener);
      return;
    }
  r.listeners.emplace_back(name, std::move(listener));
}

void facts_changed(Connection& connection, const FactChange& change) {
  if (connection.in_transaction()) {
    connection.pending_fact_changes().push_back(change);
    return;
  }
  // A write outside any transaction has been committed already: derive in a transaction of its own.
  Transaction tx(connection);
  connection.pending_fact_changes().push_back(change);
  tx.commit();
}

void flush_fact_changes(Connection& connection) {
  // Listeners write derived rows only; they never announce facts, so one pass empties the list.
  auto changes = std::move(connection.pending_fact_changes());
  connection.pending_fact_changes().clear();
  run_listeners(connection, changes);
}

}  // namespace passerelle::store
