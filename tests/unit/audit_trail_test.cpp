#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "audit/trail.hpp"
#include "core/clock.hpp"
#include "core/problem.hpp"
#include "test_database.hpp"

using namespace passerelle;
using namespace passerelle::store;

namespace {

audit::Event event(int n) {
  audit::Event e;
  e.account_id = 7;
  e.account_label = "educateur@example.org";
  e.role = "educator";
  e.organisation_id = 1;
  e.establishment_id = 2;
  e.action = n % 2 ? "read" : "update";
  e.outcome = "success";
  e.object_type = "person";
  e.object_id = std::to_string(100 + n);
  e.person_id = 100 + n;
  e.fields = {"birth_name", "used_name"};
  e.client_address = "127.0.0.1";
  e.request_id = "req" + std::to_string(n);
  return e;
}

void append_events(Database& db, int count) {
  for (int i = 1; i <= count; ++i) audit::append_alone(db, event(i));
}

void run(Database& db, const std::string& sql) {
  db.acquire()->execute(sql);
}

}  // namespace

class AuditTrailTest : public ::testing::TestWithParam<Backend> {
 protected:
  test_support::TestDatabase holder{GetParam()};
};

INSTANTIATE_TEST_SUITE_P(Backends, AuditTrailTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         test_support::backend_test_name);

TEST_P(AuditTrailTest, an_untouched_chain_verifies) {
  PASSERELLE_OPEN_OR_SKIP(db, holder);
  EXPECT_TRUE(audit::verify(*db).intact);  // empty
  append_events(*db, 10);
  auto result = audit::verify(*db);
  EXPECT_TRUE(result.intact) << result.reason;
  EXPECT_EQ(result.events_checked, 10);
}

TEST_P(AuditTrailTest, an_altered_event_is_detected) {
  PASSERELLE_OPEN_OR_SKIP(db, holder);
  append_events(*db, 6);
  run(*db, "UPDATE audit_event SET account_label = 'someone.else@example.org' WHERE id = 3");
  auto result = audit::verify(*db);
  EXPECT_FALSE(result.intact);
  EXPECT_EQ(result.first_broken_id, 3);
}

TEST_P(AuditTrailTest, an_altered_event_with_a_recomputed_hash_breaks_the_next_link) {
  PASSERELLE_OPEN_OR_SKIP(db, holder);
  append_events(*db, 6);
  // The attacker rewrites event 3 and gives it a plausible hash; event 4 still points to the old one.
  run(*db, "UPDATE audit_event SET action = 'read', hash = 'f00d' WHERE id = 3");
  auto result = audit::verify(*db);
  EXPECT_FALSE(result.intact);
  EXPECT_EQ(result.first_broken_id, 3);
}

TEST_P(AuditTrailTest, a_deleted_event_is_detected) {
  PASSERELLE_OPEN_OR_SKIP(db, holder);
  append_events(*db, 6);
  run(*db, "DELETE FROM audit_event WHERE id = 4");
  auto result = audit::verify(*db);
  EXPECT_FALSE(result.intact);
  EXPECT_EQ(result.first_broken_id, 4);
}

TEST_P(AuditTrailTest, deleting_the_newest_events_is_detected) {
  PASSERELLE_OPEN_OR_SKIP(db, holder);
  append_events(*db, 6);
  run(*db, "DELETE FROM audit_event WHERE id >= 5");
  auto result = audit::verify(*db);
  EXPECT_FALSE(result.intact);
  EXPECT_EQ(result.first_broken_id, 5);
}

TEST_P(AuditTrailTest, reordered_events_are_detected) {
  PASSERELLE_OPEN_OR_SKIP(db, holder);
  append_events(*db, 6);
  // Swap the ids of events 2 and 3 (through a free id), as if their order had been rewritten.
  run(*db, "UPDATE audit_event SET id = 1000 WHERE id = 2");
  run(*db, "UPDATE audit_event SET id = 2 WHERE id = 3");
  run(*db, "UPDATE audit_event SET id = 3 WHERE id = 1000");
  auto result = audit::verify(*db);
  EXPECT_FALSE(result.intact);
  EXPECT_EQ(result.first_broken_id, 2);
}

TEST_P(AuditTrailTest, an_event_in_a_rolled_back_transaction_leaves_no_trace) {
  PASSERELLE_OPEN_OR_SKIP(db, holder);
  append_events(*db, 2);
  EXPECT_THROW(db->in_transaction([&](Connection& c) {
    audit::append(c, event(3));
    throw Problem::conflict("the change failed");
  }),
               Problem);
  auto result = audit::verify(*db);
  EXPECT_TRUE(result.intact) << result.reason;
  EXPECT_EQ(result.events_checked, 2);
  append_events(*db, 1);
  EXPECT_TRUE(audit::verify(*db).intact);
}

TEST_P(AuditTrailTest, concurrent_appends_keep_one_chain) {
  PASSERELLE_OPEN_OR_SKIP(db, holder);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&db, t] {
      for (int i = 0; i < 25; ++i) audit::append_alone(*db, event(t * 100 + i));
    });
  for (auto& t : threads) t.join();
  auto result = audit::verify(*db);
  EXPECT_TRUE(result.intact) << result.reason;
  EXPECT_EQ(result.events_checked, 100);
}

TEST_P(AuditTrailTest, many_events_of_one_transaction_are_chained_in_order) {
  PASSERELLE_OPEN_OR_SKIP(db, holder);
  append_events(*db, 2);
  db->in_transaction([](Connection& c) {
    for (int i = 3; i <= 2002; ++i) audit::append(c, event(i));
  });
  auto result = audit::verify(*db);
  EXPECT_TRUE(result.intact) << result.reason;
  EXPECT_EQ(result.events_checked, 2002);
  auto lease = db->acquire();
  EXPECT_EQ(lease->query_one("SELECT event_count FROM audit_head WHERE singleton = 1")->integer("event_count"), 2002);
  EXPECT_EQ(lease->query_one("SELECT object_id FROM audit_event WHERE id = 2002")->text("object_id"), "2102");
}

TEST_P(AuditTrailTest, a_group_commit_chains_the_events_of_its_callers_and_drops_a_failed_one) {
  PASSERELLE_OPEN_OR_SKIP(db, holder);
  std::vector<std::thread> threads;
  std::atomic<int> failed = 0;
  for (int t = 0; t < 12; ++t)
    threads.emplace_back([&, t] {
      try {
        db->in_group_transaction([&](Connection& c) {
          audit::append(c, event(t));
          if (t == 5) throw Problem::bad_request("undone after its event");
        });
      } catch (const Problem&) {
        ++failed;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(failed.load(), 1);
  auto result = audit::verify(*db);
  EXPECT_TRUE(result.intact) << result.reason;
  EXPECT_EQ(result.events_checked, 11);
  EXPECT_FALSE(db->acquire()->query_one("SELECT id FROM audit_event WHERE object_id = '105'").has_value());
}

TEST_P(AuditTrailTest, search_filters_by_account_person_and_period) {
  PASSERELLE_OPEN_OR_SKIP(db, holder);
  append_events(*db, 5);
  auto other = event(9);
  other.account_id = 8;
  other.organisation_id = 2;
  audit::append_alone(*db, other);
  auto lease = db->acquire();
  audit::SearchCriteria q;
  q.organisation_id = 1;
  EXPECT_EQ(audit::search(*lease, q).size(), 5u);
  q.person_id = 103;
  ASSERT_EQ(audit::search(*lease, q).size(), 1u);
  EXPECT_EQ(audit::search(*lease, q)[0].event.fields, (std::vector<std::string>{"birth_name", "used_name"}));
  q.person_id.reset();
  q.account_id = 8;
  EXPECT_TRUE(audit::search(*lease, q).empty());  // account 8 acted in organisation 2 only
  q.account_id.reset();
  q.from = "2000-01-01";
  q.to = "2000-01-02";
  EXPECT_TRUE(audit::search(*lease, q).empty());
}

TEST_P(AuditTrailTest, a_retention_purge_keeps_the_rest_verifiable) {
  PASSERELLE_OPEN_OR_SKIP(db, holder);
  append_events(*db, 5);
  const auto cut = now_iso8601();
  append_events(*db, 3);
  EXPECT_EQ(audit::purge_before(*db, cut), 5);
  auto result = audit::verify(*db);
  EXPECT_TRUE(result.intact) << result.reason;
  EXPECT_EQ(result.events_checked, 3);
  run(*db, "UPDATE audit_event SET outcome = 'failure' WHERE id = 7");
  EXPECT_FALSE(audit::verify(*db).intact);
}
