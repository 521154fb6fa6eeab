#pragma once
// The tenant filter. Every row a tenant owns carries organisation_id, and modules reach those
// rows only through Scoped, which writes the organisation predicate into the SQL itself:
// a query text must say where the filter goes ({{tenant}}), and one that does not is refused,
// so a handler cannot forget it.
//
//   {{tenant}}          ->  organisation_id = :_tenant1        (or 1=1 for the platform scope)
//   {{tenant:e.id}}     ->  e.id = :_tenant2
//   {{tenant_id}}       ->  :_tenant3 (the organisation id itself, for INSERT … VALUES)
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "store/database.hpp"

namespace passerelle::store {

class Scope {
 public:
  static Scope organisation(std::int64_t id) { return Scope(id); }
  static Scope platform() { return Scope(std::nullopt); }

  bool is_platform() const { return !organisation_id_; }
  std::optional<std::int64_t> organisation_id() const { return organisation_id_; }
  // The scope narrowed to one organisation. From the platform scope any organisation may be
  // entered; from an organisation, only itself (another one answers 404, as if it did not exist).
  Scope within(std::int64_t organisation_id) const;

 private:
  explicit Scope(std::optional<std::int64_t> id) : organisation_id_(id) {}
  std::optional<std::int64_t> organisation_id_;
};

class Scoped {
 public:
  Scoped(Connection& connection, Scope scope) : connection_(connection), scope_(scope) {}

  const Scope& scope() const { return scope_; }
  // The connection underneath, for what is not a tenant query (fact changes, transactions).
  Connection& connection() const { return connection_; }
  Backend backend() const { return connection_.backend(); }
  std::vector<Row> query(std::string_view sql, Params params = {}) const;
  std::optional<Row> query_one(std::string_view sql, Params params = {}) const;
  std::vector<std::int64_t> query_integers(std::string_view sql, Params params = {}) const;
  std::int64_t execute(std::string_view sql, Params params = {}) const;
  std::int64_t insert_returning_id(std::string_view sql, Params params = {}) const;

  // Exposed for tests: the SQL after the tenant placeholders are filled.
  std::string apply(std::string_view sql, Params& params) const;

 private:
  Connection& connection_;
  Scope scope_;
};

}  // namespace passerelle::store
