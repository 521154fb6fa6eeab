#pragma once
// A multi-row INSERT built row by row: "INSERT INTO t (a, b) VALUES (:a_0, :b_0), (:a_1, :b_1), …".
// Bulk writes (an import's records, its audit events and change history) send hundreds of rows in one
// statement instead of a round trip each. Each row is written with the statement's own placeholders
// (":a", "{{tenant_id}}"); add() suffixes every ":name" with the row's rank, so rows never share a
// parameter, and the values are bound, never spliced.
//
//   store::MultiRow rows("INSERT INTO stay (id, organisation_id, person_id) VALUES ");
//   const auto per_statement = store::rows_per_statement(db.backend(), 3, 400);
//   for (…) {
//     rows.add("(:id, {{tenant_id}}, :p)", {{"id", id}, {"p", person}});
//     if (rows.size() == per_statement) rows.flush(db);
//   }
//   rows.flush(db);
#include <cstddef>
#include <string>
#include <string_view>

#include "store/database.hpp"
#include "store/tenant.hpp"

namespace passerelle::store {

class MultiRow {
 public:
  explicit MultiRow(std::string head);

  // One row: `tuple` with ":name" placeholders, `params` the values of those names.
  void add(std::string_view tuple, const Params& params);
  std::size_t size() const { return rows_; }
  bool empty() const { return rows_ == 0; }
  const std::string& sql() const { return sql_; }
  const Params& params() const { return params_; }

  // Sends the rows added since the last flush (nothing when there are none), then starts again.
  void flush(Connection& c);
  void flush(const Scoped& db);

 private:
  void clear();
  std::string head_, sql_;
  Params params_;
  std::size_t rows_ = 0;
};

// How many rows of `params_per_row` parameters (the tenant's id counts as one) a statement should hold:
// `most` on PostgreSQL (each statement is a round trip); on SQLite no more than 256 parameters in all,
// because SQLite finds a named parameter by a linear search of the statement's names, when compiling the
// statement and again when a value is bound by name, so a statement of n parameters costs n² (measured:
// with 400 persons of 16 parameters to a statement, the import spent three quarters of its time in
// that search; a statement costs no round trip there).
std::size_t rows_per_statement(Backend backend, std::size_t params_per_row, std::size_t most);

}  // namespace passerelle::store
