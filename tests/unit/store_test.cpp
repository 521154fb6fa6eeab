#include <gtest/gtest.h>

#include "modules/establishments/store.hpp"
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

TEST(Migrations, statements_split_on_semicolons_outside_strings_and_comments) {
  auto statements = split_statements(
      "-- heading\nALTER TABLE a ADD COLUMN x TEXT NOT NULL DEFAULT '';  -- trailing; comment\n"
      "ALTER TABLE a ADD COLUMN y TEXT DEFAULT 'it''s; fine';\nCREATE INDEX i ON a (x)");
  ASSERT_EQ(statements.size(), 3u);
  EXPECT_NE(statements[0].find("COLUMN x"), std::string::npos);
  EXPECT_NE(statements[1].find("'it''s; fine'"), std::string::npos);
  EXPECT_NE(statements[2].find("CREATE INDEX"), std::string::npos);
}
