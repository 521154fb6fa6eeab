#pragma once
// Whole tables in and out, backend-neutral, for backups and restores: the list of the schema's
// tables and columns, a consistent read snapshot, rows streamed as typed values, bulk loading
// with the foreign keys checked at the end, and the id counters. Values are the same
// std::variant every query gives (null, 64-bit integer, double, text), so rows read from SQLite
// load into PostgreSQL and back.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "store/database.hpp"

namespace passerelle::store {

// The schema's own tables (not the backend's catalog), sorted by name.
std::vector<std::string> schema_tables(Connection& connection);
// Column names in their order of creation; empty when there is no such table.
std::vector<std::string> table_columns(Connection& connection, const std::string& table);
bool table_has_rows(Connection& connection, const std::string& table);

// Opens a read-only transaction that sees one instant of the database while writers go on:
// SQLite: a WAL read snapshot, fixed by its first read; PostgreSQL: REPEATABLE READ READ ONLY.
// End it with end_snapshot (or let the connection's next BEGIN fail loudly).
void begin_snapshot(Connection& connection);
void end_snapshot(Connection& connection);

// Every row of `table`, `columns` in that order.
void each_table_row(Connection& connection, const std::string& table, const std::vector<std::string>& columns,
                    const std::function<void(const std::vector<Value>&)>& on_row);

// The last id the table's counter handed out (SQLite AUTOINCREMENT, PostgreSQL identity), 0 when
// the table has none or it never ran; kept so that a restore never hands out an id twice.
std::int64_t last_issued_id(Connection& connection, const std::string& table);
// Moves the counter to at least `last` and to at least the largest id loaded.
void raise_id_counter(Connection& connection, const std::string& table, std::int64_t last);
// Hands out `n` ids of the table's counter at once, for rows inserted in bulk with their ids
// (PostgreSQL: the sequence advanced n times in one statement; SQLite: the counter moved past them,
// inside the caller's write transaction, which no other writer can interleave with).
std::vector<std::int64_t> reserve_ids(Connection& connection, const std::string& table, std::size_t n);

// Loading: foreign keys are checked once the load is complete (rows come table by table, and a
// table may point at itself), then enforced as before. Construct it before the load's transaction
// begins (SQLite turns the checks off outside transactions only), call started() inside it;
// check_now() before the commit. On PostgreSQL the constraints are dropped inside the transaction
// and added back by check_now(), each checked in one pass (DDL is transactional there: a failed
// load leaves them as they were).
class DeferredForeignKeys {
 public:
  explicit DeferredForeignKeys(Connection& connection);
  ~DeferredForeignKeys();
  DeferredForeignKeys(const DeferredForeignKeys&) = delete;
  DeferredForeignKeys& operator=(const DeferredForeignKeys&) = delete;
  void started();
  // Throws std::runtime_error naming a table whose rows point at nothing.
  void check_now();

 private:
  Connection& connection_;
  std::vector<std::string> restore_statements_;
};

// Rows added in bulk. SQLite: one prepared INSERT, executed once per row (a function call each).
// PostgreSQL: COPY … FROM STDIN, rows sent by the megabyte (an INSERT per row would be a round
// trip per row: hours for the tens of millions of rows of a platform). Values go as text either
// way: PostgreSQL reads a COPY field and a text parameter with the same input function, and
// SQLite's column affinity stores the text of an integer or a double as that number, as it does
// for the server. Call finish() once the table's rows are added (it reports PostgreSQL's refusal);
// a loader destroyed before that abandons its COPY.
class TableLoader {
 public:
  TableLoader(Connection& connection, const std::string& table, const std::vector<std::string>& columns);
  ~TableLoader();
  TableLoader(const TableLoader&) = delete;
  TableLoader& operator=(const TableLoader&) = delete;
  void add(const std::vector<Value>& row);
  void finish();
  std::int64_t rows() const { return rows_; }

 private:
  struct Statement;
  struct Copy;
  std::unique_ptr<Statement> statement_;
  std::unique_ptr<Copy> copy_;
  std::size_t columns_ = 0;
  std::int64_t rows_ = 0;
};

// Rows kept and loaded through a TableLoader by batches, for a writer that runs other statements on
// the connection between its rows (a COPY holds the PostgreSQL connection until it ends). Call
// finish() at the end: a loader destroyed before that drops the rows it holds.
class BatchLoader {
 public:
  BatchLoader(Connection& connection, std::string table, std::vector<std::string> columns, std::size_t batch = 20000)
      : connection_(connection), table_(std::move(table)), columns_(std::move(columns)), batch_(batch) {}
  void add(std::vector<Value> row);
  void finish();

 private:
  Connection& connection_;
  std::string table_;
  std::vector<std::string> columns_;
  std::size_t batch_;
  std::vector<std::vector<Value>> rows_;
};

}  // namespace passerelle::store
