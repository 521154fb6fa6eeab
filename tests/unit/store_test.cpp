#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "modules/establishments/store.hpp"
#include "store/multi_row.hpp"
#include "store/table_copy.hpp"
#include "store/tenant.hpp"
#include "test_database.hpp"

using namespace passerelle;
using namespace passerelle::store;
namespace est = passerelle::modules::establishments;

class StoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  test_support::TestDatabase holder{GetParam()};
};

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         test_support::backend_test_name);

TEST_P(StoreTest, migrations_are_idempotent) {
  PASSERELLE_OPEN_OR_SKIP(db, holder);
  const int version = schema_version(*db);
  EXPECT_EQ(version, embedded_migrations().back().version);
  EXPECT_TRUE(migrate(*db).empty());
  EXPECT_EQ(schema_version(*db), version);
}

TEST_P(StoreTest, a_query_for_one_organisation_never_returns_rows_of_another) {
  PASSERELLE_OPEN_OR_SKIP(db, holder);
  std::int64_t a = 0, b = 0;
  db->in_transaction([&](Connection& c) {
    a = est::create_organisation(c, test_support::organisation_named("A")).id;
    b = est::create_organisation(c, test_support::organisation_named("B")).id;
    Scoped in_a(c, Scope::organisation(a)), in_b(c, Scope::organisation(b));
    est::create_establishment(in_a, test_support::establishment_profile("010001261", "A1", "183"));
    est::create_establishment(in_a, test_support::establishment_profile("010003598", "A2", "246"));
    est::create_establishment(in_b, test_support::establishment_profile("750712184", "B1", "255"));
  });
  auto lease = db->acquire();
  const PageRequest all{200, 0};
  auto of_a = est::list_establishments(Scoped(*lease, Scope::organisation(a)), all);
  ASSERT_EQ(of_a.size(), 2u);
  for (const auto& e : of_a) EXPECT_EQ(e.organisation_id, a);
  auto of_b = est::list_establishments(Scoped(*lease, Scope::organisation(b)), all);
  ASSERT_EQ(of_b.size(), 1u);
  EXPECT_EQ(of_b[0].organisation_id, b);
  auto orgs_of_a = est::list_organisations(Scoped(*lease, Scope::organisation(a)), all);
  ASSERT_EQ(orgs_of_a.size(), 1u);
  EXPECT_EQ(orgs_of_a[0].id, a);
  EXPECT_FALSE(est::find_organisation(Scoped(*lease, Scope::organisation(a)), b).has_value());
  EXPECT_EQ(est::list_establishments(Scoped(*lease, Scope::platform()), all).size(), 3u);
}

TEST_P(StoreTest, scoped_refuses_sql_without_the_tenant_placeholder) {
  PASSERELLE_OPEN_OR_SKIP(db, holder);
  auto lease = db->acquire();
  Scoped scoped(*lease, Scope::organisation(1));
  EXPECT_THROW(scoped.query("SELECT * FROM establishment"), std::logic_error);
  EXPECT_THROW(Scoped(*lease, Scope::platform()).execute("INSERT INTO establishment (organisation_id) VALUES ({{tenant_id}})"),
               std::logic_error);
}

TEST_P(StoreTest, entering_another_organisation_looks_like_not_found) {
  EXPECT_THROW(Scope::organisation(1).within(2), Problem);
  EXPECT_EQ(Scope::platform().within(2).organisation_id(), 2);
}

TEST_P(StoreTest, a_failed_transaction_leaves_nothing_written) {
  PASSERELLE_OPEN_OR_SKIP(db, holder);
  EXPECT_THROW(db->in_transaction([&](Connection& c) {
    est::create_organisation(c, test_support::organisation_named("Half"));
    throw Problem::bad_request("second step failed");
  }),
               Problem);
  auto lease = db->acquire();
  EXPECT_EQ(lease->query_one("SELECT COUNT(*) AS n FROM organisation")->integer("n"), 0);
}

TEST_P(StoreTest, parameters_are_bound_never_spliced) {
  PASSERELLE_OPEN_OR_SKIP(db, holder);
  const std::string injection = "x'); DROP TABLE organisation; --";
  db->in_transaction([&](Connection& c) { est::create_organisation(c, test_support::organisation_named(injection)); });
  auto lease = db->acquire();
  auto row = lease->query_one("SELECT name FROM organisation WHERE name = :n", {{"n", injection}});
  ASSERT_TRUE(row.has_value());
  EXPECT_EQ(row->text("name"), injection);
}

TEST_P(StoreTest, values_read_back_with_the_same_types_on_both_backends) {
  PASSERELLE_OPEN_OR_SKIP(db, holder);
  auto lease = db->acquire();
  auto row = lease->query_one("SELECT 42 AS i, 'texte é' AS t, NULL AS n, COUNT(*) AS c FROM organisation");
  ASSERT_TRUE(row.has_value());
  EXPECT_EQ(row->integer("i"), 42);
  EXPECT_EQ(row->text("t"), "texte é");
  EXPECT_TRUE(row->is_null("n"));
  EXPECT_EQ(row->integer("c"), 0);
}

TEST_P(StoreTest, pool_gives_back_connections_and_counts_them) {
  PASSERELLE_OPEN_OR_SKIP(db, holder);
  {
    auto one = db->acquire();
    auto two = db->acquire();
    EXPECT_EQ(db->stats().in_use, 2u);
  }
  EXPECT_EQ(db->stats().in_use, 0u);
}

TEST_P(StoreTest, concurrent_write_transactions_all_commit_even_when_each_holds_the_lock_a_while) {
  // SQLite's own busy handler lets a writer starve past its timeout; writers of one process queue in
  // order, so sixteen writers, each holding the lock ~20 ms, never get "database is locked".
  PASSERELLE_OPEN_OR_SKIP(db, holder, 8);
  std::atomic<int> failures = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < 16; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 4; ++i) {
        try {
          db->in_transaction([&](Connection& c) {
            c.query_one("SELECT COUNT(*) AS n FROM organisation");
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            est::create_organisation(c, test_support::organisation_named("W" + std::to_string(t) + "-" + std::to_string(i)));
          });
        } catch (const std::exception&) {
          ++failures;
        }
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(db->acquire()->query_one("SELECT COUNT(*) AS n FROM organisation")->integer("n"), 64);
}

TEST_P(StoreTest, a_group_commit_writes_every_callers_work_and_only_the_failing_one_is_undone) {
  PASSERELLE_OPEN_OR_SKIP(db, holder, 4);
  std::atomic<int> refused = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < 24; ++t)
    threads.emplace_back([&, t] {
      auto held = db->acquire();  // callers may hold a lease of their own meanwhile
      try {
        db->in_group_transaction([&](Connection& c) {
          est::create_organisation(c, test_support::organisation_named("G" + std::to_string(t)));
          if (t == 7) throw Problem::bad_request("this one fails after writing");
        });
      } catch (const Problem&) {
        ++refused;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(refused.load(), 1);
  auto lease = db->acquire();
  EXPECT_EQ(lease->query_one("SELECT COUNT(*) AS n FROM organisation")->integer("n"), 23);
  EXPECT_FALSE(lease->query_one("SELECT id FROM organisation WHERE name = 'G7'").has_value());
  EXPECT_TRUE(lease->query_one("SELECT id FROM organisation WHERE name = 'G8'").has_value());
}

TEST(WriterQueue, turns_come_in_arrival_order_and_a_waiter_may_give_up) {
  WriterQueue queue;
  ASSERT_TRUE(queue.enter(std::chrono::milliseconds(10)));
  // The holder asking again would wait for itself: refused at once.
  EXPECT_THROW(queue.enter(std::chrono::milliseconds(10)), std::logic_error);
  std::vector<char> order;
  std::mutex order_mutex;
  auto writer = [&](char name) {
    if (!queue.enter(std::chrono::seconds(60))) return;
    {
      std::lock_guard lock(order_mutex);
      order.push_back(name);
    }
    queue.leave();
  };
  std::thread a(writer, 'a');
  while (queue.waiting() < 1) std::this_thread::yield();
  std::thread b(writer, 'b');
  while (queue.waiting() < 2) std::this_thread::yield();
  // A third one gives up while the turn is held; the two before it keep their places.
  bool gave_up = false;
  std::thread([&] { gave_up = !queue.enter(std::chrono::milliseconds(20)); }).join();
  EXPECT_TRUE(gave_up);
  EXPECT_EQ(queue.waiting(), 2u);
  std::thread c(writer, 'c');
  while (queue.waiting() < 3) std::this_thread::yield();
  queue.leave();
  a.join();
  b.join();
  c.join();
  EXPECT_EQ(order, (std::vector<char>{'a', 'b', 'c'}));
}

TEST(Migrations, statements_split_on_semicolons_outside_strings_and_comments) {
  auto statements = split_statements(
      "-- heading\nALTER TABLE a ADD COLUMN x TEXT NOT NULL DEFAULT '';  -- trailing; comment\n"
      "ALTER TABLE a ADD COLUMN y TEXT DEFAULT 'it''s; fine';\nCREATE INDEX i ON a (x)");
  ASSERT_EQ(statements.size(), 3u);
  EXPECT_NE(statements[0].find("COLUMN x"), std::string::npos);
  EXPECT_NE(statements[1].find("'it''s; fine'"), std::string::npos);
  EXPECT_NE(statements[2].find("CREATE INDEX"), std::string::npos);
}

TEST(Migrations, a_statement_for_postgresql_only_vanishes_on_sqlite) {
  const std::string sql = "CREATE INDEX i ON a (x);\n{{postgresql_only}} ALTER TABLE a DROP CONSTRAINT IF EXISTS a_fkey;\n"
                          "CREATE INDEX j ON a (y);";
  const auto sqlite = split_statements(dialect(sql, Backend::sqlite));
  ASSERT_EQ(sqlite.size(), 2u);
  EXPECT_NE(sqlite[1].find("INDEX j"), std::string::npos);
  const auto postgresql = split_statements(dialect(sql, Backend::postgresql));
  ASSERT_EQ(postgresql.size(), 3u);
  EXPECT_NE(postgresql[1].find("ALTER TABLE a DROP CONSTRAINT IF EXISTS a_fkey"), std::string::npos);
  EXPECT_EQ(postgresql[1].find("{{"), std::string::npos);
}

// Ids handed out in bulk are never handed out again: not by the counter, not by a second reservation,
// and a row inserted with one of them keeps it.
TEST_P(StoreTest, reserved_ids_are_never_handed_out_again) {
  PASSERELLE_OPEN_OR_SKIP(db, holder);
  auto lease = db->acquire();
  auto insert = [&](std::optional<std::int64_t> id) {
    const std::string now = "2026-01-01T00:00:00Z";
    if (id)
      return lease->insert_returning_id("INSERT INTO organisation (id, name, legal_status, created_at, updated_at) VALUES "
                                        "(:id, 'reserved', 'association', :a, :b) RETURNING id",
                                        {{"id", *id}, {"a", now}, {"b", now}});
    return lease->insert_returning_id("INSERT INTO organisation (name, legal_status, created_at, updated_at) VALUES "
                                      "('counter', 'association', :a, :b) RETURNING id",
                                      {{"a", now}, {"b", now}});
  };
  Transaction tx(*lease);
  const auto before = insert(std::nullopt);
  const auto first = reserve_ids(*lease, "organisation", 3);
  ASSERT_EQ(first.size(), 3u);
  const auto second = reserve_ids(*lease, "organisation", 2);
  EXPECT_EQ(insert(first[1]), first[1]);
  const auto after = insert(std::nullopt);
  std::set<std::int64_t> all{before, after};
  for (auto id : first) all.insert(id);
  for (auto id : second) all.insert(id);
  EXPECT_EQ(all.size(), 7u);  // all different
  for (auto id : first) EXPECT_GT(id, before);
  EXPECT_GT(after, std::max(first.back(), second.back()));
  tx.commit();
}

// store::MultiRow: the rows of one statement never share a parameter (":f", ":fa" and ":f_a" alike), the
// values are bound (placeholders, quotes and SQL inside a value are kept as they are), the tenant's id
// goes in every row, and a flush sends only what was added since the last one.
TEST_P(StoreTest, a_multi_row_insert_keeps_each_rows_values_apart) {
  PASSERELLE_OPEN_OR_SKIP(db, holder);
  auto lease = db->acquire();
  const auto org = est::create_organisation(*lease, test_support::organisation_named("A")).id;
  const Scoped in_org(*lease, Scope::organisation(org));
  MultiRow rows("INSERT INTO change_history (organisation_id, object_type, object_id, field, previous_value, new_value, "
                "account_label, at, request_id) VALUES ");
  rows.flush(in_org);  // nothing added: nothing sent
  const std::vector<std::string> odd{":f_1 ':fa' \"f\"; DELETE FROM change_history; --", "{{tenant}} :_tenant1", "ordinary"};
  auto add = [&](int i) {
    rows.add("({{tenant_id}}, 'multi', :o, :f, :fa, :f_a, 'tester', '2026-01-01T00:00:00Z', :r)",
             {{"o", std::int64_t{i}}, {"f", "field " + std::to_string(i)}, {"fa", odd[i % 3]}, {"f_a", Value{}},
              {"r", "request " + std::to_string(i)}});
  };
  for (int i = 0; i < 12; ++i) add(i);  // ranks 1 and 11, "_1" and "_11": different names
  EXPECT_EQ(rows.size(), 12u);
  rows.flush(in_org);
  EXPECT_TRUE(rows.empty());
  add(12);  // a statement of its own, numbered from 0 again
  rows.flush(in_org);
  MultiRow direct("INSERT INTO change_history (organisation_id, object_type, object_id, field, previous_value, "
                  "account_label, at) VALUES ");
  direct.add("(:org, 'multi', :o, :f, :fa, 'tester', '2026-01-01T00:00:00Z')",
             {{"org", org}, {"o", std::int64_t{13}}, {"f", "field 13"}, {"fa", odd[13 % 3]}});
  direct.flush(*lease);  // through the connection, without the tenant's placeholders
  const auto read = lease->query(
      "SELECT organisation_id, object_id, field, previous_value, new_value, request_id FROM change_history "
      "WHERE object_type = 'multi' ORDER BY object_id");
  ASSERT_EQ(read.size(), 14u);
  EXPECT_EQ(read[13].text("field"), "field 13");
  EXPECT_TRUE(read[13].is_null("request_id"));
  for (int i = 0; i < 13; ++i) {
    const auto& r = read[static_cast<std::size_t>(i)];
    EXPECT_EQ(r.integer("organisation_id"), org);
    EXPECT_EQ(r.integer("object_id"), i);
    EXPECT_EQ(r.text("field"), "field " + std::to_string(i));
    EXPECT_EQ(r.text("previous_value"), odd[static_cast<std::size_t>(i % 3)]);
    EXPECT_TRUE(r.is_null("new_value"));
    EXPECT_EQ(r.text("request_id"), "request " + std::to_string(i));
  }
}

// PostgreSQL takes the caller's most rows to a statement; SQLite at most 256 parameters (named
// parameters are found by a linear search), never fewer than one row.
TEST(MultiRowTest, rows_per_statement_keeps_sqlite_statements_small) {
  EXPECT_EQ(rows_per_statement(Backend::postgresql, 16, 400), 400u);
  EXPECT_EQ(rows_per_statement(Backend::sqlite, 16, 400), 16u);
  EXPECT_EQ(rows_per_statement(Backend::sqlite, 17, 50), 15u);
  EXPECT_EQ(rows_per_statement(Backend::sqlite, 2, 50), 50u);
  EXPECT_EQ(rows_per_statement(Backend::sqlite, 1000, 50), 1u);
  EXPECT_EQ(rows_per_statement(Backend::sqlite, 0, 0), 1u);
}

// Restore's bulk loading (COPY on PostgreSQL, prepared INSERTs on SQLite): every value comes back
// as it went in, whatever characters the text holds.
TEST_P(StoreTest, the_table_loader_keeps_every_value_as_it_was) {
  PASSERELLE_OPEN_OR_SKIP(db, holder);
  auto lease = db->acquire();
  const auto columns = std::vector<std::string>{"id", "name", "legal_status", "created_at", "updated_at", "city"};
  const std::vector<std::vector<Value>> rows{
      {std::int64_t{7}, std::string("tab\there, newline\nthere, return\r, backslash \\ and \\N"), std::string("60"),
       std::string("2026-01-01"), std::string("2026-01-01"), Value{}},
      {std::int64_t{8}, std::string("« Les Érables » ; 'quote' \"double\""), std::string("60"),
       std::string("2026-01-01"), std::string("2026-01-02"), std::string("\\N")},
  };
  {
    DeferredForeignKeys keys(*lease);
    Transaction tx(*lease);
    keys.started();
    TableLoader loader(*lease, "organisation", columns);
    for (const auto& row : rows) loader.add(row);
    loader.finish();
    EXPECT_EQ(loader.rows(), 2);
    keys.check_now();
    tx.commit();
  }
  const auto read = lease->query("SELECT id, name, city FROM organisation ORDER BY id");
  ASSERT_EQ(read.size(), 2u);
  EXPECT_EQ(read[0].text("name"), std::get<std::string>(rows[0][1]));
  EXPECT_TRUE(read[0].is_null("city"));
  EXPECT_EQ(read[1].text("name"), std::get<std::string>(rows[1][1]));
  EXPECT_EQ(read[1].text("city"), "\\N") << "the two characters, not NULL";
}

// The generator's writers load rows by batches between their other statements (a COPY holds the
// PostgreSQL connection until it ends): each batch lands when full, the rest at finish(); values keep
// their types (a text of digits stays text), and a refused row fails the load.
TEST_P(StoreTest, a_batch_loader_lets_other_statements_run_between_its_batches) {
  PASSERELLE_OPEN_OR_SKIP(db, holder);
  auto lease = db->acquire();
  const std::vector<std::string> columns{"id", "name", "finess_ej", "legal_status", "created_at", "updated_at"};
  auto row = [](std::int64_t id, const std::string& finess) {
    return std::vector<Value>{id, "00" + std::to_string(id), finess, std::string("60"), std::string("2026-01-01"),
                              std::string("2026-01-01")};
  };
  auto count = [&] { return lease->query_one("SELECT COUNT(*) AS n FROM organisation")->integer("n"); };
  {
    Transaction tx(*lease);
    BatchLoader loader(*lease, "organisation", columns, 2);
    for (std::int64_t id = 1; id <= 5; ++id) {
      loader.add(row(id, "69000000" + std::to_string(id)));
      EXPECT_EQ(count(), id / 2 * 2) << "after row " << id;
    }
    loader.finish();
    EXPECT_EQ(count(), 5);
    tx.commit();
  }
  const auto read = lease->query("SELECT id, name FROM organisation ORDER BY id");
  ASSERT_EQ(read.size(), 5u);
  EXPECT_EQ(read[0].integer("id"), 1);
  EXPECT_EQ(read[0].text("name"), "001");
  EXPECT_EQ(lease->query_one("SELECT COUNT(*) AS n FROM organisation WHERE id = 3")->integer("n"), 1) << "ids are integers";
  try {
    Transaction tx(*lease);
    BatchLoader loader(*lease, "organisation", columns, 10);
    loader.add(row(6, "690000006"));
    loader.add(row(7, "690000001"));  // the finess of the first
    loader.finish();
    tx.commit();
    FAIL() << "a duplicate was loaded";
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(count(), 5);
}

// SQLite plans with the statistics of ANALYZE, which runs at start-up: a pooled connection given back
// refreshes those of the tables it used once they grew a lot (PRAGMA optimize), at most once per
// interval. PostgreSQL's autovacuum does it by itself: nothing to do there.
namespace {
// A table of 3,000 rows, then a query whose plan depends on the statistics (a non-unique index).
void grow_and_use(Connection& c) {
  c.execute("CREATE TABLE IF NOT EXISTS statistics_probe (kind INTEGER NOT NULL, label TEXT NOT NULL)");
  c.execute("CREATE INDEX IF NOT EXISTS statistics_probe_by_kind ON statistics_probe (kind)");
  c.execute("INSERT INTO statistics_probe (kind, label) WITH RECURSIVE n(value) AS (SELECT 1 UNION ALL SELECT value + 1 "
            "FROM n WHERE value < 3000) SELECT value % 30, 'x' || value FROM n");
  c.query("SELECT label FROM statistics_probe WHERE kind = 7");
}
// sqlite_stat1's row of the index starts with the table's number of rows (sampled: an estimate).
std::int64_t rows_counted(Connection& c) {
  auto row = c.query_one("SELECT stat FROM sqlite_stat1 WHERE idx = 'statistics_probe_by_kind'");
  return row ? std::stoll(row->text("stat")) : 0;
}
}  // namespace

TEST_P(StoreTest, a_connection_given_back_refreshes_the_statistics_of_tables_that_grew) {
  PASSERELLE_OPEN_OR_SKIP(db, holder);
  auto lease = db->acquire();
  if (lease->backend() == Backend::postgresql) {
    EXPECT_FALSE(lease->refresh_statistics(std::chrono::seconds(0)));
    return;
  }
  grow_and_use(*lease);
  EXPECT_FALSE(lease->refresh_statistics(std::chrono::hours(1))) << "not due: the connection is new";
  EXPECT_EQ(rows_counted(*lease), 0);
  EXPECT_TRUE(lease->refresh_statistics(std::chrono::seconds(0)));
  EXPECT_GT(rows_counted(*lease), 1000);
}

TEST(StoreStatistics, the_pool_refreshes_them_when_a_connection_is_given_back) {
  const auto path = std::filesystem::temp_directory_path() / ("passerelle-unit-stat-" + passerelle::random_hex(6) + ".db");
  {
    DatabaseOptions options;
    options.url = path.string();
    options.pool_size = 1;
    options.statistics_interval = std::chrono::seconds(0);
    auto db = Database::open(options);
    grow_and_use(*db->acquire());  // the lease goes back to the pool at the end of the statement
    EXPECT_GT(rows_counted(*db->acquire()), 1000);
  }
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix, ec);
}

// Rows pointing at rows that are not there are refused at the end of the load, nothing stays, and
// the foreign keys are enforced again afterwards.
TEST_P(StoreTest, a_load_whose_rows_point_nowhere_is_refused_and_the_keys_hold_after) {
  PASSERELLE_OPEN_OR_SKIP(db, holder);
  auto lease = db->acquire();
  const auto columns = std::vector<std::string>{"id", "organisation_id", "establishment_id", "name", "created_at"};
  try {
    DeferredForeignKeys keys(*lease);
    Transaction tx(*lease);
    keys.started();
    TableLoader loader(*lease, "establishment_site", columns);
    loader.add({std::int64_t{1}, std::int64_t{999}, std::int64_t{998}, std::string("Annexe"), std::string("2026-01-01")});
    loader.finish();
    keys.check_now();
    tx.commit();
    FAIL() << "the load was accepted";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("not in the archive"), std::string::npos) << e.what();
  }
  EXPECT_EQ(lease->query_one("SELECT COUNT(*) AS n FROM establishment_site")->integer("n"), 0);
  EXPECT_ANY_THROW(lease->execute(
      "INSERT INTO establishment_site (organisation_id, establishment_id, name, created_at) VALUES (999, 998, 'x', 'y')"));
}
