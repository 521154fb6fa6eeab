#include "store/table_copy.hpp"

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <optional>
#include <set>
#include <stdexcept>

namespace passerelle::store {
namespace {

// Names come from the database's own catalog, but are checked anyway before they enter SQL.
std::string quoted(const std::string& identifier) {
  if (identifier.empty() || identifier.find_first_of("\"\\;\n\r\t ") != std::string::npos)
    throw std::runtime_error("unexpected identifier in the schema: " + identifier);
  return "\"" + identifier + "\"";
}

// The same reading as Connection::query (database.cpp), row by row: a whole table is never held.
std::string format_tm(const std::tm& tm) {
  char buffer[96];
  if (tm.tm_hour == 0 && tm.tm_min == 0 && tm.tm_sec == 0)
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  else
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                  tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buffer;
}

Value read_value(const soci::row& row, std::size_t i) {
  if (row.get_indicator(i) == soci::i_null) return {};
  switch (row.get_properties(i).get_data_type()) {
    case soci::dt_integer:
      return static_cast<std::int64_t>(row.get<int>(i));
    case soci::dt_long_long:
      return static_cast<std::int64_t>(row.get<long long>(i));
    case soci::dt_unsigned_long_long:
      return static_cast<std::int64_t>(row.get<unsigned long long>(i));
    case soci::dt_double:
      return row.get<double>(i);
    case soci::dt_date:
      return format_tm(row.get<std::tm>(i));
    default:
      return row.get<std::string>(i);
  }
}

struct IdCounter {
  std::string column;
  std::string sequence;  // PostgreSQL only
};

std::optional<IdCounter> id_counter(Connection& c, const std::string& table) {
  if (c.backend() == Backend::sqlite) {
    auto row = c.query_one("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = :t", {{"t", table}});
    if (!row || row->text("sql").find("AUTOINCREMENT") == std::string::npos) return std::nullopt;
    auto pk = c.query_one("SELECT name FROM pragma_table_info(:t) WHERE pk = 1", {{"t", table}});
    if (!pk) return std::nullopt;
    return IdCounter{pk->text("name"), {}};
  }
  auto column = c.query_one(
      "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = :t "
      "AND is_identity = 'YES'",
      {{"t", table}});
  if (!column) return std::nullopt;
  auto sequence = c.query_one("SELECT pg_get_serial_sequence(:t, :c) AS seq",
                              {{"t", quoted(table)}, {"c", column->text("column_name")}});
  if (!sequence || sequence->is_null("seq")) return std::nullopt;
  return IdCounter{column->text("column_name"), sequence->text("seq")};
}

}  // namespace

std::vector<std::string> schema_tables(Connection& c) {
  std::vector<std::string> tables;
  const auto rows = c.backend() == Backend::sqlite
                        ? c.query(
                              "SELECT name AS table_name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                              "'sqlite!_%' ESCAPE '!'")
                        : c.query(
                              "SELECT table_name::text AS table_name FROM information_schema.tables "
                              "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'");
  for (const auto& r : rows) tables.push_back(r.text("table_name"));
  std::sort(tables.begin(), tables.end());
  return tables;
}

std::vector<std::string> table_columns(Connection& c, const std::string& table) {
  const Params params{{"t", table}};
  std::vector<Row> rows;
  if (c.backend() == Backend::sqlite)
    rows = c.query("SELECT name AS column_name FROM pragma_table_info(:t) ORDER BY cid", params);
  else
    rows = c.query(
        "SELECT column_name::text AS column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND table_name = :t ORDER BY ordinal_position",
        params);
  std::vector<std::string> columns;
  for (const auto& r : rows) columns.push_back(r.text("column_name"));
  return columns;
}

bool table_has_rows(Connection& c, const std::string& table) {
  return c.query_one("SELECT 1 AS found FROM " + quoted(table) + " LIMIT 1").has_value();
}

void begin_snapshot(Connection& c) {
  if (c.backend() == Backend::sqlite) {
    c.execute("BEGIN");
    c.query("SELECT COUNT(*) AS n FROM sqlite_master");  // the snapshot is taken at the first read
  } else {
    c.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    c.query("SELECT 1 AS one");  // and at the first statement here
  }
}

void end_snapshot(Connection& c) { c.execute("ROLLBACK"); }

void each_table_row(Connection& c, const std::string& table, const std::vector<std::string>& columns,
                    const std::function<void(const std::vector<Value>&)>& on_row) {
  // SQLite: SOCI parses columns declared DATE (or TIME…) into a std::tm, which would turn a partial
  // date or a timestamp into another text; "+column" has no declared type and gives the text as stored.
  std::set<std::string> raw;
  if (c.backend() == Backend::sqlite) {
    for (const auto& r : c.query("SELECT name, type FROM pragma_table_info(:t)", {{"t", table}})) {
      std::string type = r.text("type");
      std::transform(type.begin(), type.end(), type.begin(), [](unsigned char ch) { return std::tolower(ch); });
      if (type.find("date") != std::string::npos || type.find("time") != std::string::npos) raw.insert(r.text("name"));
    }
  }
  std::string sql = "SELECT ";
  for (std::size_t i = 0; i < columns.size(); ++i)
    sql += (i ? ", " : "") + (raw.count(columns[i]) ? "+" + quoted(columns[i]) : quoted(columns[i]));
  sql += " FROM " + quoted(table);
  std::vector<Value> values;
  const auto each = [&](const std::string& query) {
    std::size_t count = 0;
    soci::rowset<soci::row> rows(c.session().prepare << query);
    for (const soci::row& r : rows) {
      values.clear();
      for (std::size_t i = 0; i < r.size(); ++i) values.push_back(read_value(r, i));
      on_row(values);
      ++count;
    }
    return count;
  };
  if (c.backend() == Backend::sqlite) {
    each(sql);
    return;
  }
  // libpq receives a whole result at once: a cursor keeps a large table out of memory.
  c.execute("DECLARE passerelle_table_rows NO SCROLL CURSOR FOR " + sql);
  while (each("FETCH FORWARD 5000 FROM passerelle_table_rows") > 0) {
  }
  c.execute("CLOSE passerelle_table_rows");
}

std::int64_t last_issued_id(Connection& c, const std::string& table) {
  const auto counter = id_counter(c, table);
  if (!counter) return 0;
  if (c.backend() == Backend::sqlite) {
    auto row = c.query_one("SELECT seq FROM sqlite_sequence WHERE name = :t", {{"t", table}});
    return row ? row->integer("seq") : 0;
  }
  auto row = c.query_one("SELECT last_value, is_called FROM " + counter->sequence);
  if (!row) return 0;
  const auto called = row->text("is_called");
  return called == "t" || called == "1" || called == "true" ? row->integer("last_value") : 0;
}

void raise_id_counter(Connection& c, const std::string& table, std::int64_t last) {
  const auto counter = id_counter(c, table);
  if (!counter) return;
  auto largest = c.query_one("SELECT COALESCE(MAX(" + quoted(counter->column) + "), 0) AS m FROM " + quoted(table));
  const auto target = std::max(last, largest ? largest->integer("m") : 0);
  if (target <= 0) return;
  if (c.backend() == Backend::sqlite) {
    if (c.execute("UPDATE sqlite_sequence SET seq = :v WHERE name = :t", {{"v", target}, {"t", table}}) == 0)
      c.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (:t, :v)", {{"t", table}, {"v", target}});
  } else {
    c.query("SELECT setval(:s, :v, true) AS v", {{"s", counter->sequence}, {"v", target}});
  }
}

std::vector<std::int64_t> reserve_ids(Connection& c, const std::string& table, std::size_t n) {
  const auto counter = id_counter(c, table);
  if (!counter) throw std::logic_error("reserve_ids: " + table + " has no id counter");
  std::vector<std::int64_t> ids;
  ids.reserve(n);
  if (n == 0) return ids;
  if (c.backend() == Backend::postgresql) {
    for (const auto& r : c.query("SELECT nextval(:s) AS id FROM generate_series(1, :n)",
                                 {{"s", counter->sequence}, {"n", static_cast<std::int64_t>(n)}}))
      ids.push_back(r.integer("id"));
    return ids;
  }
  if (!c.in_transaction()) throw std::logic_error("reserve_ids: SQLite needs the caller's write transaction");
  auto largest = c.query_one("SELECT COALESCE(MAX(" + quoted(counter->column) + "), 0) AS m FROM " + quoted(table));
  const auto first = std::max(last_issued_id(c, table), largest ? largest->integer("m") : 0) + 1;
  for (std::size_t i = 0; i < n; ++i) ids.push_back(first + static_cast<std::int64_t>(i));
  raise_id_counter(c, table, ids.back());
  return ids;
}

DeferredForeignKeys::DeferredForeignKeys(Connection& c) : connection_(c) {
  // Deferred checks on SQLite look for the child rows of every parent row inserted: far slower than
  // one foreign_key_check at the end.
  if (c.backend() == Backend::sqlite) c.execute("PRAGMA foreign_keys = OFF");
}

DeferredForeignKeys::~DeferredForeignKeys() {
  if (connection_.backend() != Backend::sqlite) return;
  try {
    connection_.execute("PRAGMA foreign_keys = ON");
  } catch (const std::exception& e) {
    std::fprintf(stderr, "passerelle: could not turn foreign keys back on: %s\n", e.what());
  }
}

void DeferredForeignKeys::started() {
  if (connection_.backend() == Backend::sqlite) return;
  // Dropped for the load and added back at its end: adding a foreign key checks every row in one
  // pass (one join), where a deferred constraint queues a check per row (a query each, and the
  // queue in memory: tens of millions of them for a platform's archive).
  for (const auto& r : connection_.query(
           "SELECT conrelid::regclass::text AS tbl, conname::text AS name, pg_get_constraintdef(oid) AS def "
           "FROM pg_constraint WHERE contype = 'f' AND connamespace = current_schema()::regnamespace ORDER BY 1, 2")) {
    const auto table = "ALTER TABLE " + r.text("tbl");
    connection_.execute(table + " DROP CONSTRAINT " + quoted(r.text("name")));
    restore_statements_.push_back(table + " ADD CONSTRAINT " + quoted(r.text("name")) + " " + r.text("def"));
  }
}

void DeferredForeignKeys::check_now() {
  if (connection_.backend() == Backend::sqlite) {
    auto broken = connection_.query("PRAGMA foreign_key_check");
    if (!broken.empty())
      throw std::runtime_error("rows of table " + broken.front().text(broken.front().name(0)) +
                               " point at rows that are not in the archive");
    return;
  }
  for (const auto& statement : restore_statements_) {
    try {
      connection_.execute(statement);
    } catch (const std::exception& e) {
      throw std::runtime_error(std::string("rows point at rows that are not in the archive: ") + e.what());
    }
  }
}

// SQLite: the prepared INSERT under the session, values bound by type (through SOCI every value went
// as a string, which the column's affinity converted back: with the batched writers of the dataset
// generator, an organisation of `l` took 42 s before, 31 s after; bench/RESULTS.md).
struct TableLoader::Statement {
  sqlite_api::sqlite3* connection = nullptr;
  sqlite_api::sqlite3_stmt* statement = nullptr;
  ~Statement() { sqlite_api::sqlite3_finalize(statement); }
};

namespace {

// A value as the text PostgreSQL and SQLite read back as the same value (nothing for NULL).
std::optional<std::string> value_text(const Value& v) {
  if (const auto* n = std::get_if<std::int64_t>(&v)) return std::to_string(*n);
  if (const auto* d = std::get_if<double>(&v)) {
    char text[40];
    std::snprintf(text, sizeof text, "%.17g", *d);
    return std::string(text);
  }
  if (const auto* t = std::get_if<std::string>(&v)) return *t;
  return std::nullopt;
}

// The libpq connection under a PostgreSQL session (static_cast: SOCI's library does not export the
// backend's type information for a dynamic_cast; the caller checked the backend).
PGconn* native_connection(Connection& c) {
  auto* backend = static_cast<soci::postgresql_session_backend*>(c.session().get_backend());
  if (!backend || !backend->conn_) throw std::logic_error("no PostgreSQL connection under this session");
  return backend->conn_;
}

}  // namespace

struct TableLoader::Copy {
  PGconn* connection = nullptr;
  std::string buffer;
  bool open = false;

  void flush() {
    if (buffer.empty()) return;
    if (PQputCopyData(connection, buffer.data(), static_cast<int>(buffer.size())) != 1)
      throw std::runtime_error(std::string("COPY: ") + PQerrorMessage(connection));
    buffer.clear();
  }
  // Ends the COPY (with `abandon`, as failed) and reads its outcome; the connection is usable again.
  void end(const char* abandon) {
    open = false;
    const bool sent = PQputCopyEnd(connection, abandon) == 1;
    std::string error = sent ? "" : PQerrorMessage(connection);
    while (PGresult* result = PQgetResult(connection)) {
      if (PQresultStatus(result) != PGRES_COMMAND_OK && error.empty()) error = PQresultErrorMessage(result);
      PQclear(result);
    }
    if (!abandon && !error.empty()) throw std::runtime_error(error);
  }
};

TableLoader::TableLoader(Connection& c, const std::string& table, const std::vector<std::string>& columns)
    : columns_(columns.size()) {
  std::string list;
  for (std::size_t i = 0; i < columns.size(); ++i) list += (i ? ", " : "") + quoted(columns[i]);
  if (c.backend() == Backend::postgresql) {
    copy_ = std::make_unique<Copy>();
    copy_->connection = native_connection(c);
    PGresult* result = PQexec(copy_->connection, ("COPY " + quoted(table) + " (" + list + ") FROM STDIN").c_str());
    const bool ready = PQresultStatus(result) == PGRES_COPY_IN;
    const std::string error = ready ? "" : PQresultErrorMessage(result);
    PQclear(result);
    if (!ready) throw std::runtime_error("COPY " + table + ": " + error);
    copy_->open = true;
    return;
  }
  std::string sql = "INSERT INTO " + quoted(table) + " (" + list + ") VALUES (";
  for (std::size_t i = 0; i < columns.size(); ++i) sql += i ? ", ?" : "?";
  sql += ")";
  statement_ = std::make_unique<Statement>();
  // static_cast as for libpq's connection below: the backend was checked.
  auto* backend = static_cast<soci::sqlite3_session_backend*>(c.session().get_backend());
  if (!backend || !backend->conn_) throw std::logic_error("no SQLite connection under this session");
  statement_->connection = backend->conn_;
  if (sqlite_api::sqlite3_prepare_v2(statement_->connection, sql.c_str(), static_cast<int>(sql.size()),
                                     &statement_->statement, nullptr) != SQLITE_OK)
    throw std::runtime_error("INSERT INTO " + table + ": " + sqlite_api::sqlite3_errmsg(statement_->connection));
}

TableLoader::~TableLoader() {
  if (copy_ && copy_->open) copy_->end("restore abandoned");
}

void TableLoader::add(const std::vector<Value>& row) {
  if (row.size() != columns_)
    throw std::runtime_error("a row has " + std::to_string(row.size()) + " values for " + std::to_string(columns_) +
                             " columns");
  if (copy_) {
    // COPY's text format: fields apart by tabs, \N for NULL, backslash escapes in the text.
    auto& out = copy_->buffer;
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i) out += '\t';
      const auto text = value_text(row[i]);
      if (!text) {
        out += "\\N";
        continue;
      }
      for (const char ch : *text) {
        switch (ch) {
          case '\\': out += "\\\\"; break;
          case '\n': out += "\\n"; break;
          case '\r': out += "\\r"; break;
          case '\t': out += "\\t"; break;
          default: out += ch;
        }
      }
    }
    out += '\n';
    if (out.size() >= (1u << 20)) copy_->flush();
    ++rows_;
    return;
  }
  auto* s = statement_->statement;
  for (std::size_t i = 0; i < row.size(); ++i) {
    const int at = static_cast<int>(i) + 1;
    int bound = SQLITE_OK;
    if (const auto* n = std::get_if<std::int64_t>(&row[i]))
      bound = sqlite_api::sqlite3_bind_int64(s, at, *n);
    else if (const auto* d = std::get_if<double>(&row[i]))
      bound = sqlite_api::sqlite3_bind_double(s, at, *d);
    else if (const auto* t = std::get_if<std::string>(&row[i]))
      bound = sqlite_api::sqlite3_bind_text(s, at, t->data(), static_cast<int>(t->size()), nullptr);
    else
      bound = sqlite_api::sqlite3_bind_null(s, at);
    if (bound != SQLITE_OK) throw std::runtime_error(sqlite_api::sqlite3_errmsg(statement_->connection));
  }
  // The texts are bound without a copy (SQLITE_STATIC): the row outlives the step, and every value
  // is bound again before the next one.
  const int stepped = sqlite_api::sqlite3_step(s);
  sqlite_api::sqlite3_reset(s);
  if (stepped != SQLITE_DONE) throw std::runtime_error(sqlite_api::sqlite3_errmsg(statement_->connection));
  ++rows_;
}

void TableLoader::finish() {
  if (!copy_ || !copy_->open) return;
  copy_->flush();
  copy_->end(nullptr);
}

void BatchLoader::add(std::vector<Value> row) {
  if (row.size() != columns_.size())
    throw std::runtime_error("a row has " + std::to_string(row.size()) + " values for " + std::to_string(columns_.size()) +
                             " columns");
  rows_.push_back(std::move(row));
  if (rows_.size() >= batch_) finish();
}

void BatchLoader::finish() {
  if (rows_.empty()) return;
  TableLoader loader(connection_, table_, columns_);
  for (const auto& row : rows_) loader.add(row);
  loader.finish();
  rows_.clear();
}

}  // namespace passerelle::store
