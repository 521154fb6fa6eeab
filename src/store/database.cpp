#include "store/database.hpp"

#include <libpq-fe.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <deque>
#include <filesystem>
#include <thread>

#include "core/problem.hpp"

namespace passerelle::store {
namespace {

std::string format_tm(const std::tm& tm) {
  char buffer[96];
  if (tm.tm_hour == 0 && tm.tm_min == 0 && tm.tm_sec == 0) {
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  } else {
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
  }
  return buffer;
}

Value read_value(const soci::row& row, std::size_t i) {
  if (row.get_indicator(i) == soci::i_null) return {};
  switch (row.get_properties(i).get_data_type()) {
    case soci::dt_integer: return static_cast<std::int64_t>(row.get<int>(i));
    case soci::dt_long_long: return static_cast<std::int64_t>(row.get<long long>(i));
    case soci::dt_unsigned_long_long: return static_cast<std::int64_t>(row.get<unsigned long long>(i));
    case soci::dt_double: return row.get<double>(i);
    case soci::dt_date: return format_tm(row.get<std::tm>(i));
    default: return row.get<std::string>(i);
  }
}

// Keeps bound values alive (SOCI binds by reference) until the statement has run.
struct Bindings {
  std::deque<long long> integers;
  std::deque<double> reals;
  std::deque<std::string> texts;
  std::deque<soci::indicator> indicators;

  // `add` receives each soci::use(...) in turn.
  template <class Add>
  void bind(const Params& params, Add&& add) {
    for (const auto& p : params) {
      if (const auto* i = std::get_if<std::int64_t>(&p.value)) {
        integers.push_back(*i);
        add(soci::use(integers.back(), p.name));
      } else if (const auto* d = std::get_if<double>(&p.value)) {
        reals.push_back(*d);
        add(soci::use(reals.back(), p.name));
      } else if (const auto* s = std::get_if<std::string>(&p.value)) {
        texts.push_back(*s);
        add(soci::use(texts.back(), p.name));
      } else {
        texts.emplace_back();
        indicators.push_back(soci::i_null);
        add(soci::use(texts.back(), indicators.back(), p.name));
      }
    }
  }
};

std::string redact(const std::string& url) {
  // postgresql://user:secret@host/db -> postgresql://user:***@host/db
  auto scheme = url.find("://");
  auto at = url.find('@');
  if (scheme == std::string::npos || at == std::string::npos) return url;
  auto colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon + 1) + "***" + url.substr(at);
}

// SOCI reads "scheme://" strings itself, so a postgresql:// URL is turned into libpq's
// keyword=value form first (libpq parses the URL, including percent-encoding).
std::string libpq_keywords(const std::string& url) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
  if (!options) {
    std::string message = error ? error : "invalid PostgreSQL URL";
    PQfreemem(error);
    throw std::runtime_error("invalid database URL: " + message);
  }
  std::string out;
  for (auto* o = options; o->keyword; ++o) {
    if (!o->val || !*o->val) continue;
    std::string value;
    for (const char* c = o->val; *c; ++c) {
      if (*c == '\\' || *c == '\'') value.push_back('\\');
      value.push_back(*c);
    }
    out += std::string(out.empty() ? "" : " ") + o->keyword + "='" + value + "'";
  }
  PQconninfoFree(options);
  return out;
}

// A UNIQUE constraint refused the write (two requests raced past the application's check):
// a 409 naming the column, never a 500.
[[noreturn]] void rethrow_database_error(const soci::soci_error& error) {
  const std::string message = error.what();
  std::string column;
  if (auto pos = message.find("UNIQUE constraint failed: "); pos != std::string::npos) {  // SQLite: table.column
    auto start = message.find('.', pos);
    auto end = message.find_first_of(",\n ", start);
    if (start != std::string::npos) column = message.substr(start + 1, end == std::string::npos ? end : end - start - 1);
  } else if (message.find("duplicate key value violates unique constraint") != std::string::npos) {  // PostgreSQL
    auto pos = message.find("Key (");
    if (pos != std::string::npos) column = message.substr(pos + 5, message.find(')', pos) - pos - 5);
  } else if (message.find("database is locked") != std::string::npos) {  // SQLite busy past its timeout
    throw Problem::unavailable("La base de données est occupée ; réessayez dans un instant.");
  } else {
    throw;
  }
  throw Problem::conflict("Cette valeur est déjà utilisée.", {{column.empty() ? "body" : column, "valeur déjà utilisée"}});
}

}  // namespace

std::string_view backend_name(Backend b) {
  return b == Backend::sqlite ? "sqlite" : "postgresql";
}

bool WriterQueue::enter(std::chrono::milliseconds wait) {
  std::unique_lock lock(mutex_);
  // A thread that holds the turn and asks again would wait for itself until the timeout.
  if (busy_ && owner_ == std::this_thread::get_id())
    throw std::logic_error("a second SQLite write transaction opened by the thread that holds one");
  const std::uint64_t ticket = next_ticket_++;
  waiting_.push_back(ticket);
  const bool turn = turn_.wait_for(lock, wait, [&] { return !busy_ && waiting_.front() == ticket; });
  if (!turn) {
    waiting_.erase(std::find(waiting_.begin(), waiting_.end(), ticket));
    lock.unlock();
    turn_.notify_all();  // the one behind may be first now
    return false;
  }
  waiting_.pop_front();
  busy_ = true;
  owner_ = std::this_thread::get_id();
  return true;
}

void WriterQueue::leave() {
  {
    std::lock_guard lock(mutex_);
    busy_ = false;
    owner_ = {};
  }
  turn_.notify_all();
}

Connection::Connection(Backend backend, std::unique_ptr<soci::session> session, std::shared_ptr<WriterQueue> writers)
    : backend_(backend), session_(std::move(session)), writers_(std::move(writers)) {}

Connection::~Connection() = default;

std::vector<Row> Connection::query(std::string_view sql, const Params& params) {
  try {
    return run_query(sql, params);
  } catch (const soci::soci_error& error) {
    rethrow_database_error(error);
  }
}

namespace {

// How a statement is sent. PostgreSQL: as a one-time query, one round trip with its parameters
// (PQexecParams), where SOCI's prepared statement costs three (PREPARE, EXECUTE, DEALLOCATE).
// SQLite: prepared, as before (it compiles every statement either way: nothing to gain there).
soci::details::statement_type statement_type_for(Backend backend) {
  return backend == Backend::postgresql ? soci::details::st_one_time_query : soci::details::st_repeatable_query;
}

// Runs a statement and calls `each` with every row.
template <typename Each>
void for_each_row(soci::session& session, Backend backend, std::string_view sql, const Params& params, Each&& each) {
  Bindings bindings;
  soci::statement st(session);
  soci::row r;
  // The order of soci::rowset's own set-up: parameters bound, then the row defined.
  bindings.bind(params, [&](auto&& use) { st.exchange(use); });
  st.alloc();
  st.prepare(std::string(sql), statement_type_for(backend));
  st.define_and_bind();
  st.exchange_for_rowset(soci::into(r));
  st.execute(false);
  while (st.fetch()) each(static_cast<const soci::row&>(r));
}

}  // namespace

std::vector<Row> Connection::run_query(std::string_view sql, const Params& params) {
  std::vector<Row> out;
  std::vector<std::string> names;
  for_each_row(*session_, backend_, sql, params, [&](const soci::row& r) {
    if (names.empty()) {
      for (std::size_t i = 0; i < r.size(); ++i) names.push_back(r.get_properties(i).get_name());
    }
    std::vector<Value> values;
    values.reserve(r.size());
    for (std::size_t i = 0; i < r.size(); ++i) values.push_back(read_value(r, i));
    out.emplace_back(names, std::move(values));
  });
  return out;
}

std::vector<std::int64_t> Connection::query_integers(std::string_view sql, const Params& params) {
  try {
    std::vector<std::int64_t> out;
    for_each_row(*session_, backend_, sql, params, [&](const soci::row& r) {
      const auto value = read_value(r, 0);
      if (const auto* i = std::get_if<std::int64_t>(&value)) out.push_back(*i);
      else if (const auto* d = std::get_if<double>(&value)) out.push_back(static_cast<std::int64_t>(*d));
      else if (const auto* t = std::get_if<std::string>(&value)) out.push_back(std::stoll(*t));
    });
    return out;
  } catch (const soci::soci_error& error) {
    rethrow_database_error(error);
  }
}

std::optional<Row> Connection::query_one(std::string_view sql, const Params& params) {
  auto rows = query(sql, params);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

std::int64_t Connection::execute(std::string_view sql, const Params& params) {
  try {
    return run_execute(sql, params);
  } catch (const soci::soci_error& error) {
    rethrow_database_error(error);
  }
}

std::int64_t Connection::run_execute(std::string_view sql, const Params& params) {
  Bindings bindings;
  soci::statement st(*session_);
  bindings.bind(params, [&](auto&& use) { st.exchange(use); });
  st.alloc();
  st.prepare(std::string(sql), statement_type_for(backend_));
  st.define_and_bind();
  st.execute(true);
  return st.get_affected_rows();
}

std::int64_t Connection::insert_returning_id(std::string_view sql, const Params& params) {
  auto row = query_one(sql, params);
  if (!row || row->size() == 0) throw std::logic_error("INSERT … RETURNING gave no row");
  return row->integer(row->name(0));
}

bool Connection::refresh_statistics(std::chrono::seconds interval) {
  if (backend_ != Backend::sqlite || in_transaction()) return false;
  const auto now = std::chrono::steady_clock::now();
  if (now - statistics_refreshed_ < interval) return false;
  statistics_refreshed_ = now;
  // ANALYZE writes sqlite_stat1: it takes its turn among this process's writers (briefly: on a busy
  // moment it waits for the next time rather than keep a request's thread). Never throws: it runs
  // when a lease is given back.
  bool turn = false;
  try {
    if (writers_ && !(turn = writers_->enter(std::chrono::milliseconds(200)))) return false;
    query("PRAGMA analysis_limit=1000");  // sampled: milliseconds, whatever the size of the table
    query("PRAGMA optimize");
  } catch (const std::exception& e) {
    spdlog::warn(R"({{"msg":"statistics not refreshed","error":"{}"}})", e.what());
  }
  if (turn) writers_->leave();
  return true;
}

void Connection::ensure_connected() {
  if (!session_->is_connected()) {
    spdlog::warn(R"({{"msg":"database connection lost, reconnecting","backend":"{}"}})", backend_name(backend_));
    session_->reconnect();
  }
}

Transaction::Transaction(Connection& connection, Mode mode) : connection_(connection) {
  if (connection.backend() == Backend::sqlite) {
    if (mode == Mode::write && connection.writers_) {
      if (!connection.writers_->enter(connection.writer_wait_))
        throw Problem::unavailable("La base de données est occupée ; réessayez dans un instant.");
      queued_ = true;
    }
    try {
      connection.execute(mode == Mode::write ? "BEGIN IMMEDIATE" : "BEGIN");
    } catch (...) {
      leave_writers();
      throw;
    }
  } else {
    connection.execute(mode == Mode::write ? "BEGIN" : "BEGIN READ ONLY");
  }
  connection.transaction_ = mode == Mode::write ? Connection::TransactionState::write : Connection::TransactionState::read;
  connection.pending_fact_changes_.clear();
  connection.before_commit_.clear();
  connection.locals_.clear();
}

Transaction::~Transaction() {
  if (finished_) return;
  connection_.transaction_ = Connection::TransactionState::none;
  connection_.pending_fact_changes_.clear();
  connection_.before_commit_.clear();
  connection_.locals_.clear();
  try {
    connection_.execute("ROLLBACK");
  } catch (const std::exception& e) {
    spdlog::error(R"({{"msg":"rollback failed","error":"{}"}})", e.what());
  }
  leave_writers();
}

void Transaction::leave_writers() {
  if (!queued_) return;
  queued_ = false;
  connection_.writers_->leave();
}

void Transaction::commit() {
  flush_fact_changes(connection_);  // may throw: the destructor then rolls the facts back too
  auto work = std::move(connection_.before_commit_);
  connection_.before_commit_.clear();
  for (auto& w : work) w(connection_);  // may throw: rolled back likewise
  connection_.locals_.clear();
  connection_.execute("COMMIT");
  connection_.transaction_ = Connection::TransactionState::none;
  finished_ = true;
  leave_writers();
}

Lease::~Lease() {
  if (connection_) database_->release(connection_);
}

Database::Database(Backend backend, DatabaseOptions options)
    : backend_(backend), options_(std::move(options)), redacted_url_(redact(options_.url)) {}

Database::~Database() = default;

std::shared_ptr<Database> Database::open(const DatabaseOptions& options) {
  const bool postgres = options.url.rfind("postgresql://", 0) == 0 || options.url.rfind("postgres://", 0) == 0;
  auto db = std::shared_ptr<Database>(new Database(postgres ? Backend::postgresql : Backend::sqlite, options));
  std::string connect;
  if (postgres) {
    connect = libpq_keywords(options.url);
  } else {
    std::string path = options.url.rfind("sqlite:", 0) == 0 ? options.url.substr(7) : options.url;
    if (path.find_first_of(" \"'") != std::string::npos)
      throw std::runtime_error("the SQLite path must not contain spaces or quotes: " + path);
    auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent);
    connect = "db=" + path;
  }
  const std::size_t size = std::max<std::size_t>(1, options.pool_size);
  auto writers = postgres ? nullptr : std::make_shared<WriterQueue>();
  auto connect_one = [&] {
    auto session = postgres ? std::make_unique<soci::session>(soci::postgresql, connect)
                            : std::make_unique<soci::session>(soci::sqlite3, connect);
    auto connection = std::make_unique<Connection>(db->backend_, std::move(session), writers);
    connection->writer_wait_ = options.writer_wait;
    if (!postgres) {
      // WAL lets readers work while one writer commits; FULL sync makes every acknowledged
      // commit survive a crash of the process or of the machine.
      connection->execute("PRAGMA journal_mode=WAL");
      connection->execute("PRAGMA synchronous=FULL");
      connection->execute("PRAGMA foreign_keys=ON");
      connection->execute("PRAGMA busy_timeout=" + std::to_string(options.busy_timeout.count()));
      // Reads through the OS page cache, shared by the pool's connections (the default page cache
      // is 2 MB per connection).
      connection->query("PRAGMA mmap_size=268435456");
    } else {
      connection->execute("SET TIME ZONE 'UTC'");
      // No JIT compilation: the planner's costs of a statement reading a whole organisation's stays
      // pass JIT's threshold, and compiling then costs 0.3 s for a query of 0.1 s (measured on the
      // dashboard of the `l` dataset); the server's statements are short.
      connection->execute("SET jit = off");
    }
    return connection;
  };
  for (std::size_t i = 0; i < size; ++i) {
    auto connection = connect_one();
    db->free_.push_back(connection.get());
    db->connections_.push_back(std::move(connection));
  }
  db->group_connection_ = connect_one();
  return db;
}

Lease Database::acquire() {
  std::unique_lock lock(mutex_);
  if (free_.empty()) {
    ++waits_;
    if (!available_.wait_for(lock, options_.acquire_timeout, [this] { return !free_.empty(); })) {
      ++timeouts_;
      throw Problem::unavailable("La base de données est saturée ; réessayez dans un instant.");
    }
  }
  Connection* c = free_.back();
  free_.pop_back();
  lock.unlock();
  try {
    c->ensure_connected();
  } catch (...) {
    release(c);
    throw;
  }
  return Lease(*this, c);
}

void Database::release(Connection* connection) {
  if (backend_ == Backend::sqlite) connection->refresh_statistics(options_.statistics_interval);
  {
    std::lock_guard lock(mutex_);
    free_.push_back(connection);
  }
  available_.notify_one();
}

void Database::in_group_transaction(std::function<void(Connection&)> work) {
  // The first caller to find no batch running leads: it takes what is waiting (its own work, unless more
  // than a batch arrived before it), commits it, marks those callers done and hands over. Callers
  // arriving meanwhile form the next batch.
  constexpr std::size_t max_batch = 256;
  GroupItem item{std::move(work), nullptr, false};
  std::unique_lock lock(group_mutex_);
  group_pending_.push_back(&item);
  for (;;) {
    group_done_.wait(lock, [&] { return item.done || !group_leader_; });
    if (item.done) break;
    group_leader_ = true;
    const auto n = static_cast<std::ptrdiff_t>(std::min(max_batch, group_pending_.size()));
    std::vector<GroupItem*> batch(group_pending_.begin(), group_pending_.begin() + n);
    group_pending_.erase(group_pending_.begin(), group_pending_.begin() + n);
    lock.unlock();
    std::exception_ptr failed;
    try {
      run_group(batch);
    } catch (...) {
      failed = std::current_exception();
    }
    lock.lock();
    for (GroupItem* it : batch) {
      if (failed) it->error = failed;
      it->done = true;
    }
    group_leader_ = false;
    group_done_.notify_all();
  }
  lock.unlock();
  if (item.error) std::rethrow_exception(item.error);
}

void Database::run_group(const std::vector<GroupItem*>& batch) {
  Connection& c = *group_connection_;
  c.ensure_connected();
  Transaction tx(c);
  for (GroupItem* it : batch) {
    const auto facts = c.pending_fact_changes_.size();
    const auto hooks = c.before_commit_.size();
    std::map<const void*, std::size_t> marks;
    for (const auto& [key, local] : c.locals_) marks[key] = local->mark();
    c.execute("SAVEPOINT group_item");
    try {
      it->work(c);
      c.execute("RELEASE SAVEPOINT group_item");
    } catch (...) {
      it->error = std::current_exception();
      c.execute("ROLLBACK TO SAVEPOINT group_item");
      c.execute("RELEASE SAVEPOINT group_item");
      c.pending_fact_changes_.erase(c.pending_fact_changes_.begin() + static_cast<std::ptrdiff_t>(facts),
                                    c.pending_fact_changes_.end());
      c.before_commit_.erase(c.before_commit_.begin() + static_cast<std::ptrdiff_t>(hooks), c.before_commit_.end());
      for (auto& [key, local] : c.locals_) {
        auto m = marks.find(key);
        local->rewind(m == marks.end() ? 0 : m->second);
      }
    }
  }
  tx.commit();
}

PoolStats Database::stats() const {
  std::lock_guard lock(mutex_);
  return {connections_.size(), connections_.size() - free_.size(), waits_, timeouts_};
}

}  // namespace passerelle::store
