#include "auth/ldap_directory.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <memory>
#include <thread>

#include "core/problem.hpp"
#include "slapd_fixture.hpp"

using namespace passerelle;
using namespace passerelle::auth;
using test_support::SlapdFixture;

namespace {

constexpr const char* educators = "cn=educateurs,ou=groups,dc=passerelle,dc=test";
constexpr const char* direction = "cn=direction,ou=groups,dc=passerelle,dc=test";

// A local port whose "server" misbehaves: silent never answers (the kernel still completes the
// connection), dropping answers the first bind with success and then resets the connection.
class BadServer {
 public:
  enum Kind { silent, dropping };
  explicit BadServer(Kind kind) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    ::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address);
    ::listen(fd_, 8);
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    if (kind == dropping) thread_ = std::thread([this] { drop_connections(); });
  }
  ~BadServer() {
    ::shutdown(fd_, SHUT_RDWR);  // wakes accept() up
    if (thread_.joinable()) thread_.join();
    ::close(fd_);
  }
  std::string url() const { return "ldap://127.0.0.1:" + std::to_string(port_); }

 private:
  void drop_connections() {
    // LDAPMessage { messageID 1, bindResponse { success, "", "" } }
    const unsigned char bind_ok[] = {0x30, 0x0c, 0x02, 0x01, 0x01, 0x61, 0x07,
                                     0x0a, 0x01, 0x00, 0x04, 0x00, 0x04, 0x00};
    for (int client; (client = ::accept(fd_, nullptr, nullptr)) >= 0;) {
      char request[4096];
      const linger reset{1, 0};  // close() then sends RST instead of FIN
      ::setsockopt(client, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
      if (::read(client, request, sizeof request) > 0 && ::send(client, bind_ok, sizeof bind_ok, MSG_NOSIGNAL) < 0)
        break;
      ::close(client);
    }
  }

  int fd_ = -1;
  int port_ = 0;
  std::thread thread_;
};

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

class LdapDirectoryTest : public ::testing::Test {
 protected:
  // One server for the whole suite keeps it fast; the tests only read the directory.
  static void SetUpTestSuite() {
    if (SlapdFixture::installed()) server_ = std::make_unique<SlapdFixture>();
  }
  static void TearDownTestSuite() { server_.reset(); }

  void SetUp() override {
    if (!server_) GTEST_SKIP() << "/usr/sbin/slapd is not installed (apt-get install slapd ldap-utils)";
  }

  static LdapConfig by_template() {
    LdapConfig config;
    config.url = server_->url();
    config.user_dn_template = "uid={login},ou=people,dc=passerelle,dc=test";
    // Written in another case on purpose: group DNs compare case-insensitively.
    config.group_roles = {{"CN=Educateurs,OU=Groups,DC=passerelle,DC=test", "educator"}, {direction, "director"}};
    return config;
  }

  static LdapConfig by_search() {
    LdapConfig config = by_template();
    config.user_dn_template.clear();
    config.search_base = "ou=people,dc=passerelle,dc=test";
    return config;
  }

  static inline std::unique_ptr<SlapdFixture> server_;
};

TEST_F(LdapDirectoryTest, the_right_password_signs_in_with_the_roles_mapped_from_groups) {
  auto alice = authenticate_with_directory(by_template(), "alice", "alice-password");
  ASSERT_EQ(alice.outcome, DirectoryOutcome::ok) << alice.message;
  ASSERT_TRUE(alice.user);
  EXPECT_EQ(alice.user->dn, "uid=alice,ou=people,dc=passerelle,dc=test");
  EXPECT_EQ(alice.user->email, "alice@passerelle.test");
  EXPECT_EQ(alice.user->display_name, "Alice Martin");
  EXPECT_EQ(alice.user->groups.size(), 2u);
  EXPECT_EQ(alice.user->role_codes, std::vector<std::string>{"educator"});

  auto bob = authenticate_with_directory(by_template(), "bob", "bob-password");
  ASSERT_EQ(bob.outcome, DirectoryOutcome::ok) << bob.message;
  EXPECT_EQ(bob.user->role_codes, std::vector<std::string>{"director"});
}

TEST_F(LdapDirectoryTest, a_member_of_no_mapped_group_signs_in_without_any_role) {
  auto carol = authenticate_with_directory(by_template(), "carol", "carol-password");
  ASSERT_EQ(carol.outcome, DirectoryOutcome::ok) << carol.message;
  EXPECT_EQ(carol.user->groups.size(), 1u);
  EXPECT_TRUE(carol.user->role_codes.empty());
}

TEST_F(LdapDirectoryTest, a_wrong_password_is_invalid_credentials) {
  auto result = authenticate_with_directory(by_template(), "alice", "bob-password");
  EXPECT_EQ(result.outcome, DirectoryOutcome::invalid_credentials);
  EXPECT_FALSE(result.user);
  EXPECT_EQ(authenticate_with_directory(by_search(), "alice@passerelle.test", "nope").outcome,
            DirectoryOutcome::invalid_credentials);
}

TEST_F(LdapDirectoryTest, an_empty_password_is_refused_before_any_bind) {
  EXPECT_EQ(authenticate_with_directory(by_template(), "alice", "").outcome, DirectoryOutcome::invalid_credentials);
  EXPECT_EQ(authenticate_with_directory(by_search(), "alice@passerelle.test", "").outcome,
            DirectoryOutcome::invalid_credentials);
  // Against a port nobody listens on: any attempt to connect would have answered "unavailable".
  LdapConfig nowhere = by_template();
  nowhere.url = "ldap://127.0.0.1:" + std::to_string(test_support::free_local_port());
  EXPECT_EQ(authenticate_with_directory(nowhere, "alice", "").outcome, DirectoryOutcome::invalid_credentials);
}

TEST_F(LdapDirectoryTest, an_unknown_user_is_invalid_credentials) {
  EXPECT_EQ(authenticate_with_directory(by_template(), "mallory", "alice-password").outcome,
            DirectoryOutcome::invalid_credentials);
  EXPECT_EQ(authenticate_with_directory(by_search(), "mallory@passerelle.test", "alice-password").outcome,
            DirectoryOutcome::invalid_credentials);
}

TEST_F(LdapDirectoryTest, injected_filter_or_dn_syntax_matches_nobody) {
  LdapConfig by_uid = by_search();
  by_uid.search_filter = "(&(objectClass=inetOrgPerson)(uid={login}))";
  for (const char* login : {"*", "*)(uid=*", "alice)(|(uid=*", "ali*", "alice,ou=people", "alice\\", "\\2a"}) {
    for (const LdapConfig& config : {by_template(), by_search(), by_uid}) {
      auto result = authenticate_with_directory(config, login, "alice-password");
      EXPECT_EQ(result.outcome, DirectoryOutcome::invalid_credentials) << login << " -> " << result.message;
    }
  }
}

TEST_F(LdapDirectoryTest, search_mode_finds_the_person_by_mail) {
  auto result = authenticate_with_directory(by_search(), "alice@passerelle.test", "alice-password");
  ASSERT_EQ(result.outcome, DirectoryOutcome::ok) << result.message;
  EXPECT_EQ(result.user->dn, "uid=alice,ou=people,dc=passerelle,dc=test");
  EXPECT_EQ(result.user->role_codes, std::vector<std::string>{"educator"});
}

TEST_F(LdapDirectoryTest, search_mode_uses_the_service_account_and_reports_it_when_refused) {
  LdapConfig config = by_search();
  config.bind_dn = SlapdFixture::root_dn;
  config.bind_password = SlapdFixture::root_password;
  auto result = authenticate_with_directory(config, "bob@passerelle.test", "bob-password");
  ASSERT_EQ(result.outcome, DirectoryOutcome::ok) << result.message;
  EXPECT_EQ(result.user->role_codes, std::vector<std::string>{"director"});

  // A wrong service password is the configuration's fault, not the person's.
  config.bind_password = "wrong";
  EXPECT_EQ(authenticate_with_directory(config, "bob@passerelle.test", "bob-password").outcome,
            DirectoryOutcome::unavailable);
}

TEST_F(LdapDirectoryTest, groups_are_searched_under_group_base_when_the_entry_lists_none) {
  LdapConfig config = by_template();
  config.group_attribute.clear();
  config.group_base = "ou=groups,dc=passerelle,dc=test";
  auto result = authenticate_with_directory(config, "alice", "alice-password");
  ASSERT_EQ(result.outcome, DirectoryOutcome::ok) << result.message;
  EXPECT_EQ(result.user->groups.size(), 2u);
  EXPECT_EQ(result.user->role_codes, std::vector<std::string>{"educator"});
}

TEST_F(LdapDirectoryTest, several_threads_sign_in_at_once) {
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      const char* login = i % 2 ? "alice" : "bob";
      const std::string password = std::string(login) + "-password";
      for (int n = 0; n < 5; ++n)
        if (authenticate_with_directory(by_template(), login, password).outcome == DirectoryOutcome::ok) ++ok;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 40);
}

TEST(LdapUnreachableTest, a_server_that_is_down_is_unavailable_within_the_timeout) {
  LdapConfig config;
  config.url = "ldap://127.0.0.1:" + std::to_string(test_support::free_local_port());
  config.user_dn_template = "uid={login},ou=people,dc=passerelle,dc=test";
  config.timeout_seconds = 1;
  const auto start = std::chrono::steady_clock::now();
  auto result = authenticate_with_directory(config, "alice", "alice-password");
  EXPECT_EQ(result.outcome, DirectoryOutcome::unavailable);
  EXPECT_FALSE(result.message.empty());
  EXPECT_LT(seconds_since(start), 2.0);
}

TEST(LdapUnreachableTest, a_server_that_never_answers_is_unavailable_within_the_timeout) {
  BadServer silent(BadServer::silent);
  LdapConfig config;
  config.url = silent.url();
  config.user_dn_template = "uid={login},ou=people,dc=passerelle,dc=test";
  config.timeout_seconds = 1;
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(authenticate_with_directory(config, "alice", "alice-password").outcome, DirectoryOutcome::unavailable);
  EXPECT_LT(seconds_since(start), 3.0);
}

// libldap writes with write(2): without care, the SIGPIPE of a reset connection ends the process.
TEST(LdapUnreachableTest, a_directory_dropping_the_connection_does_not_kill_the_server) {
  BadServer dropping(BadServer::dropping);
  LdapConfig config;
  config.url = dropping.url();
  config.search_base = "dc=passerelle,dc=test";
  config.bind_dn = "cn=service,dc=passerelle,dc=test";
  config.bind_password = "service-password";
  config.timeout_seconds = 1;
  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(authenticate_with_directory(config, "alice", "alice-password").outcome, DirectoryOutcome::unavailable);
}

TEST(LdapEscapeTest, filter_values_escape_the_rfc_4515_specials) {
  EXPECT_EQ(escape_ldap_filter_value("*)(uid=*"), "\\2a\\29\\28uid=\\2a");
  EXPECT_EQ(escape_ldap_filter_value(std::string_view("a\\b\0c", 5)), "a\\5cb\\00c");
  EXPECT_EQ(escape_ldap_filter_value("élodie@exemple.fr"), "élodie@exemple.fr");
}

TEST(LdapEscapeTest, dn_values_escape_the_rfc_4514_specials) {
  EXPECT_EQ(escape_ldap_dn_value("a,ou=x"), "a\\2cou\\3dx");
  EXPECT_EQ(escape_ldap_dn_value(" #a+b;\"<>\\ "), "\\20#a\\2bb\\3b\\22\\3c\\3e\\5c\\20");
  EXPECT_EQ(escape_ldap_dn_value("#a"), "\\23a");
  EXPECT_EQ(escape_ldap_dn_value("Zoé"), "Zoé");
}

TEST(LdapConfigTest, a_missing_url_is_a_problem_naming_url) {
  try {
    ldap_config_from_json(boost::json::parse(R"({"user_dn_template": "uid={login},dc=x"})"));
    FAIL() << "a Problem was expected";
  } catch (const Problem& p) {
    EXPECT_EQ(p.status(), 422);
    ASSERT_FALSE(p.errors().empty());
    EXPECT_EQ(p.errors().front().field, "url");
  }
}

TEST(LdapConfigTest, a_complete_configuration_is_read) {
  auto config = ldap_config_from_json(boost::json::parse(R"({
    "url": "ldaps://ad.exemple.fr:636", "search_base": "DC=exemple,DC=fr",
    "bind_dn": "CN=svc,DC=exemple,DC=fr", "bind_password": " s3cret ", "group_attribute": "memberOf",
    "group_roles": {"CN=Educ,DC=exemple,DC=fr": "educator"}, "timeout_seconds": 3})"));
  EXPECT_EQ(config.url, "ldaps://ad.exemple.fr:636");
  EXPECT_TRUE(config.user_dn_template.empty());
  EXPECT_EQ(config.bind_password, " s3cret ");
  EXPECT_EQ(config.group_roles.at("CN=Educ,DC=exemple,DC=fr"), "educator");
  EXPECT_EQ(config.timeout_seconds, 3);
  EXPECT_FALSE(config.search_filter.empty());
}

TEST(LdapConfigTest, unsafe_or_unknown_settings_are_refused_by_field) {
  auto fields_of = [](const char* json) {
    std::vector<std::string> fields;
    try {
      ldap_config_from_json(boost::json::parse(json));
    } catch (const Problem& p) {
      for (const auto& e : p.errors()) fields.push_back(e.field);
    }
    return fields;
  };
  EXPECT_EQ(fields_of(R"({"url": "http://x", "user_dn_template": "uid={login}"})"), std::vector<std::string>{"url"});
  EXPECT_EQ(fields_of(R"({"url": "ldap://x"})"), std::vector<std::string>{"search_base"});
  EXPECT_EQ(fields_of(R"({"url": "ldap://x", "search_base": "dc=x", "bind_dn": "cn=svc"})"),
            std::vector<std::string>{"bind_password"});
  EXPECT_EQ(fields_of(R"({"url": "ldap://x", "user_dn_template": "uid={login}", "group_roles": {"cn=a": "boss"}})"),
            std::vector<std::string>{"group_roles/cn=a"});
  EXPECT_EQ(fields_of(R"({"url": "ldap://x", "user_dn_template": "uid={login}",
                          "group_roles": {"cn=a": "platform_admin"}})"),
            std::vector<std::string>{"group_roles/cn=a"});
  EXPECT_EQ(fields_of(R"({"url": "ldap://x", "user_dn_template": "uid={login}", "colour": "red"})"),
            std::vector<std::string>{"colour"});
}
