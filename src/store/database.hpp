#pragma once
// One storage interface, two backends: SQLite (embedded default) and PostgreSQL (production).
// Modules see Connection/Transaction and backend-neutral Rows; only this folder knows SOCI.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "store/fact_changes.hpp"
#include "store/row.hpp"

namespace soci {
class session;
}

namespace passerelle::store {

enum class Backend { sqlite, postgresql };
std::string_view backend_name(Backend b);

struct DatabaseOptions {
  std::string url;  // "postgresql://…" or a SQLite file path (optionally "sqlite:" prefixed)
  std::size_t pool_size = 8;
  std::chrono::milliseconds acquire_timeout{10000};
  std::chrono::milliseconds busy_timeout{5000};  // SQLite: how long a writer waits for the lock
  // SQLite: how long a write transaction of this process waits for its turn (writers queue in order).
  std::chrono::milliseconds writer_wait{30000};
  // SQLite: how often a pooled connection, when given back, lets SQLite refresh the planner's
  // statistics of the tables it used that grew or shrank a lot (PRAGMA optimize). ANALYZE runs at
  // start-up only, so a database filled after the start (an install, then its first imports) was
  // planned with the statistics of empty tables. PostgreSQL's autovacuum does this by itself.
  std::chrono::seconds statistics_interval{3600};
};

// SQLite lets one writer in at a time, and its busy handler polls with growing sleeps and no order:
// under contention a writer can wait past busy_timeout while later ones pass. The write transactions
// of this process therefore queue here first, first come first served; the busy timeout is left for
// other processes (the command line's backup, for instance).
class WriterQueue {
 public:
  // False if the turn did not come within `wait`.
  bool enter(std::chrono::milliseconds wait);
  void leave();
  std::size_t waiting() const {
    std::lock_guard lock(mutex_);
    return waiting_.size();
  }

 private:
  mutable std::mutex mutex_;
  std::condition_variable turn_;
  std::deque<std::uint64_t> waiting_;
  std::uint64_t next_ticket_ = 0;
  bool busy_ = false;
  std::thread::id owner_;
};

// State a module keeps for the length of one transaction (the audit events to chain at commit),
// dropped at commit or rollback. A group commit rewinds it to its mark when one caller's work is undone.
class TransactionLocal {
 public:
  virtual ~TransactionLocal() = default;
  virtual std::size_t mark() const = 0;
  virtual void rewind(std::size_t mark) = 0;
};

class Connection {
 public:
  Connection(Backend backend, std::unique_ptr<soci::session> session, std::shared_ptr<WriterQueue> writers = {});
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  Backend backend() const { return backend_; }
  std::vector<Row> query(std::string_view sql, const Params& params = {});
  std::optional<Row> query_one(std::string_view sql, const Params& params = {});
  // The first column of every row as integers (NULLs skipped): for long id lists, without the
  // cost of a Row per result.
  std::vector<std::int64_t> query_integers(std::string_view sql, const Params& params = {});
  // Returns the number of rows affected.
  std::int64_t execute(std::string_view sql, const Params& params = {});
  // Runs an INSERT … RETURNING id (both backends support RETURNING) and gives the id.
  std::int64_t insert_returning_id(std::string_view sql, const Params& params = {});

  // Reconnects if the server dropped the connection (PostgreSQL restart).
  void ensure_connected();
  // SQLite, outside a transaction, at most once per `interval`: PRAGMA optimize (sampled ANALYZE of
  // the tables this connection used whose size changed a lot), in the writers' queue. Returns
  // whether it ran; a failure is logged, never thrown (statistics wait for the next time).
  bool refresh_statistics(std::chrono::seconds interval);
  soci::session& session() { return *session_; }

  // Whether a Transaction is open on this connection (and whether it may write).
  bool in_transaction() const { return transaction_ != TransactionState::none; }
  bool in_read_only_transaction() const { return transaction_ == TransactionState::read; }
  // Fact changes announced in the open transaction, for its listeners at commit (fact_changes.hpp).
  std::vector<FactChange>& pending_fact_changes() { return pending_fact_changes_; }
  // Work to run at commit, after the fact listeners, in the order given; dropped on rollback. The audit
  // trail appends there on PostgreSQL, so that its global lock is held for the last statements of a
  // transaction only, not while the listeners write the derived rows.
  void before_commit(std::function<void(Connection&)> work) { before_commit_.push_back(std::move(work)); }
  // The open transaction's state of type T (a TransactionLocal) under `key`, created empty.
  template <class T>
  T& transaction_local(const void* key) {
    auto& slot = locals_[key];
    if (!slot) slot = std::make_unique<T>();
    return static_cast<T&>(*slot);
  }

 private:
  friend class Transaction;
  friend class Database;
  enum class TransactionState { none, read, write };
  std::vector<Row> run_query(std::string_view sql, const Params& params);
  std::int64_t run_execute(std::string_view sql, const Params& params);

  Backend backend_;
  std::unique_ptr<soci::session> session_;
  TransactionState transaction_ = TransactionState::none;
  std::vector<FactChange> pending_fact_changes_;
  std::vector<std::function<void(Connection&)>> before_commit_;
  std::map<const void*, std::unique_ptr<TransactionLocal>> locals_;
  std::shared_ptr<WriterQueue> writers_;  // SQLite only
  std::chrono::milliseconds writer_wait_{30000};
  std::chrono::steady_clock::time_point statistics_refreshed_ = std::chrono::steady_clock::now();
};

// An explicit transaction: rolled back unless commit() is called, so a failed request leaves
// nothing half-written. On SQLite, writers take the lock at BEGIN (IMMEDIATE) to avoid deadlocks
// between two readers upgrading at once. The listeners of the fact changes announced inside it
// run at commit(), before COMMIT, so derived rows land in the same transaction as the facts.
class Transaction {
 public:
  enum class Mode { read, write };
  explicit Transaction(Connection& connection, Mode mode = Mode::write);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  void leave_writers();
  Connection& connection_;
  bool finished_ = false;
  bool queued_ = false;  // holds its turn in the connection's WriterQueue
};

struct PoolStats {
  std::size_t size = 0;
  std::size_t in_use = 0;
  std::uint64_t waits = 0;     // acquisitions that had to wait for a free connection
  std::uint64_t timeouts = 0;  // acquisitions that gave up
};

class Database;

class Lease {
 public:
  Lease(Database& database, Connection* connection) : database_(&database), connection_(connection) {}
  Lease(Lease&& other) noexcept : database_(other.database_), connection_(other.connection_) {
    other.connection_ = nullptr;
  }
  Lease& operator=(Lease&&) = delete;
  ~Lease();
  Connection& operator*() const { return *connection_; }
  Connection* operator->() const { return connection_; }

 private:
  Database* database_;
  Connection* connection_;
};

class Database {
 public:
  static std::shared_ptr<Database> open(const DatabaseOptions& options);
  ~Database();

  Backend backend() const { return backend_; }
  const std::string& redacted_url() const { return redacted_url_; }
  // Waits for a free connection; throws a 503 Problem after the acquire timeout.
  Lease acquire();
  PoolStats stats() const;

  // Runs `work(Connection&)` inside a write transaction and commits if it returns normally.
  template <class Work>
  auto in_transaction(Work&& work) {
    Lease lease = acquire();
    Transaction tx(*lease);
    if constexpr (std::is_void_v<decltype(work(*lease))>) {
      work(*lease);
      tx.commit();
    } else {
      auto result = work(*lease);
      tx.commit();
      return result;
    }
  }

  // Group commit: runs `work` in a write transaction shared with the other callers waiting at the same
  // moment, and returns once that transaction is committed (durable). Each work runs in its own
  // savepoint: if it throws, its writes are undone and its caller gets the exception, the others
  // commit. For many small independent writes (the audit events of reads), one commit and one disk
  // flush for many requests. Runs on a connection of its own, so a caller may hold a lease meanwhile.
  void in_group_transaction(std::function<void(Connection&)> work);

 private:
  friend class Lease;
  Database(Backend backend, DatabaseOptions options);
  void release(Connection* connection);

  Backend backend_;
  DatabaseOptions options_;
  std::string redacted_url_;
  std::vector<std::unique_ptr<Connection>> connections_;
  std::vector<Connection*> free_;
  mutable std::mutex mutex_;
  std::condition_variable available_;
  std::uint64_t waits_ = 0;
  std::uint64_t timeouts_ = 0;

  struct GroupItem {
    std::function<void(Connection&)> work;
    std::exception_ptr error;
    bool done = false;
  };
  void run_group(const std::vector<GroupItem*>& batch);
  std::unique_ptr<Connection> group_connection_;
  std::mutex group_mutex_;
  std::condition_variable group_done_;
  std::vector<GroupItem*> group_pending_;
  bool group_leader_ = false;
};

}  // namespace passerelle::store
