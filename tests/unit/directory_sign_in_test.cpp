// Signing in through the directory, end to end: slapd, the LDAP client, the session service and
// the database (both backends).
#include <gtest/gtest.h>

#include "auth/ldap_directory.hpp"
#include "auth/sessions.hpp"
#include "core/problem.hpp"
#include "modules/establishments/store.hpp"
#include "slapd_fixture.hpp"
#include "test_database.hpp"

using namespace passerelle;
using namespace passerelle::auth;
using passerelle::store::Backend;
using passerelle::test_support::SlapdFixture;
using passerelle::test_support::free_local_port;

namespace {

DirectorySettings directory_for(const std::string& url, std::int64_t organisation_id) {
  LdapConfig config;
  config.url = url;
  config.search_base = "ou=people,dc=passerelle,dc=test";
  config.timeout_seconds = 2;
  config.group_roles = {{"cn=educateurs,ou=groups,dc=passerelle,dc=test", "educator"},
                        {"cn=direction,ou=groups,dc=passerelle,dc=test", "director"}};
  DirectorySettings settings;
  settings.organisation_id = organisation_id;
  settings.check = [config](const std::string& login, const std::string& password) {
    auto result = authenticate_with_directory(config, login, password);
    DirectoryAnswer answer;
    answer.reachable = result.outcome != DirectoryOutcome::unavailable;
    answer.valid = result.outcome == DirectoryOutcome::ok;
    if (result.user) {
      answer.display_name = result.user->display_name;
      answer.role_codes = result.user->role_codes;
    }
    return answer;
  };
  return settings;
}

int status_of_sign_in(store::Database& db, const std::string& email, const std::string& password,
                      const DirectorySettings& directory) {
  try {
    sign_in(db, {email, password, std::nullopt, std::nullopt, "127.0.0.1", "test"}, SessionSettings{}, directory);
    return 200;
  } catch (const Problem& p) {
    return p.status();
  }
}

}  // namespace

class DirectorySignInTest : public ::testing::TestWithParam<Backend> {
 protected:
  static void SetUpTestSuite() {
    if (SlapdFixture::installed()) server_ = std::make_unique<SlapdFixture>();
  }
  static void TearDownTestSuite() { server_.reset(); }
  void SetUp() override {
    if (!server_) GTEST_SKIP() << "/usr/sbin/slapd is not installed (apt-get install slapd ldap-utils)";
  }
  test_support::TestDatabase holder{GetParam()};
  static inline std::unique_ptr<SlapdFixture> server_;
};

INSTANTIATE_TEST_SUITE_P(Backends, DirectorySignInTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         test_support::backend_test_name);

TEST_P(DirectorySignInTest, a_first_directory_sign_in_creates_the_account_with_roles_from_groups) {
  PASSERELLE_OPEN_OR_SKIP(db, holder);
  std::int64_t organisation = 0;
  db->in_transaction([&](store::Connection& c) {
    organisation = modules::establishments::create_organisation(c, test_support::organisation_named("Org")).id;
  });
  const auto directory = directory_for(server_->url(), organisation);
  auto first = sign_in(*db, {"alice@passerelle.test", "alice-password", std::nullopt, std::nullopt, "127.0.0.1", "t"},
                       SessionSettings{}, directory);
  EXPECT_EQ(first.account.source, "directory");
  EXPECT_EQ(first.account.display_name, "Alice Martin");
  EXPECT_EQ(first.account.organisation_id, organisation);
  EXPECT_FALSE(first.account.password_hash.has_value());  // the directory keeps the password
  ASSERT_EQ(first.grants.size(), 1u);
  EXPECT_EQ(first.grants[0].role, "educator");
  auto again = sign_in(*db, {"alice@passerelle.test", "alice-password", std::nullopt, std::nullopt, "127.0.0.1", "t"},
                       SessionSettings{}, directory);
  EXPECT_EQ(again.account.id, first.account.id);
  EXPECT_NE(again.token, first.token);
}

TEST_P(DirectorySignInTest, a_wrong_password_an_unmapped_person_or_an_empty_password_are_refused) {
  PASSERELLE_OPEN_OR_SKIP(db, holder);
  std::int64_t organisation = 0;
  db->in_transaction([&](store::Connection& c) {
    organisation = modules::establishments::create_organisation(c, test_support::organisation_named("Org")).id;
  });
  const auto directory = directory_for(server_->url(), organisation);
  EXPECT_EQ(status_of_sign_in(*db, "alice@passerelle.test", "wrong-password", directory), 401);
  EXPECT_EQ(status_of_sign_in(*db, "alice@passerelle.test", "", directory), 401);
  EXPECT_EQ(status_of_sign_in(*db, "carol@passerelle.test", "carol-password", directory), 401);  // no mapped group
  EXPECT_EQ(status_of_sign_in(*db, "*)(uid=*", "x", directory), 401);
  auto lease = db->acquire();
  EXPECT_EQ(lease->query_one("SELECT COUNT(*) AS n FROM account")->integer("n"), 0);
}

TEST_P(DirectorySignInTest, an_unreachable_directory_is_a_503_not_a_wrong_password) {
  PASSERELLE_OPEN_OR_SKIP(db, holder);
  const auto directory = directory_for("ldap://127.0.0.1:" + std::to_string(free_local_port()), 1);
  EXPECT_EQ(status_of_sign_in(*db, "alice@passerelle.test", "alice-password", directory), 503);
}
