#include <gtest/gtest.h>

#include "auth/policy.hpp"
#include "core/problem.hpp"

using namespace passerelle;
using namespace passerelle::auth;

namespace {

Caller with_grant(std::string role, std::optional<std::int64_t> organisation, std::optional<std::int64_t> establishment) {
  Caller c;
  c.kind = Caller::Kind::account;
  c.organisation_id = organisation;
  c.grants = {{std::move(role), organisation, establishment}};
  return c;
}

int status_of(const Caller& caller, const Permission& p, std::int64_t organisation, std::optional<std::int64_t> establishment) {
  try {
    require(caller, p, organisation, establishment);
    return 200;
  } catch (const Problem& problem) {
    EXPECT_TRUE(problem.access_denied());
    return problem.status();
  }
}

const Permission medical_read{Brick::persons, DataCategory::medical, Action::read};
const Permission administrative_write{Brick::persons, DataCategory::administrative, Action::write};

}  // namespace

TEST(Policy, only_care_roles_read_medical_data) {
  for (const auto& info : all_roles()) {
    const bool expected = info.role == Role::care_professional;
    EXPECT_EQ(role_allows(info.role, medical_read), expected) << info.code;
  }
}

TEST(Policy, external_readers_see_cpom_sheets_and_nothing_else) {
  for (const auto& row : permission_table()) {
    if (row.role != Role::external_reader) continue;
    EXPECT_EQ(row.brick, Brick::cpom);
    EXPECT_FALSE(row.write);
  }
}

TEST(Policy, every_role_has_at_least_one_permission) {
  for (const auto& info : all_roles()) {
    bool any = false;
    for (const auto& row : permission_table()) any = any || row.role == info.role;
    EXPECT_TRUE(any) << info.code;
  }
}

TEST(Policy, another_organisation_looks_like_not_found) {
  auto secretary = with_grant("secretary", 1, 10);
  EXPECT_EQ(status_of(secretary, administrative_write, 1, 10), 200);
  EXPECT_EQ(status_of(secretary, administrative_write, 2, 20), 404);
}

TEST(Policy, another_establishment_looks_like_not_found_and_a_missing_permission_is_forbidden) {
  auto secretary = with_grant("secretary", 1, 10);
  EXPECT_EQ(status_of(secretary, administrative_write, 1, 11), 404);
  EXPECT_EQ(status_of(secretary, medical_read, 1, 10), 403);
}

TEST(Policy, organisation_wide_grants_cover_every_establishment) {
  auto director = with_grant("director", 1, std::nullopt);
  EXPECT_EQ(status_of(director, administrative_write, 1, 10), 200);
  EXPECT_EQ(status_of(director, administrative_write, 1, 11), 200);
  EXPECT_EQ(status_of(director, medical_read, 1, 10), 403);
  EXPECT_FALSE(establishments_allowed(director, administrative_write, 1).has_value());
  auto educator = with_grant("educator", 1, 10);
  EXPECT_EQ(establishments_allowed(educator, {Brick::persons, DataCategory::social, Action::read}, 1),
            (std::vector<std::int64_t>{10}));
}

TEST(Policy, api_tokens_stay_within_their_bricks_organisation_and_access) {
  Caller token;
  token.kind = Caller::Kind::api_token;
  token.organisation_id = 1;
  token.read_only = true;
  token.bricks = {"persons"};
  const Permission read_admin{Brick::persons, DataCategory::administrative, Action::read};
  EXPECT_EQ(status_of(token, read_admin, 1, 10), 200);
  EXPECT_EQ(status_of(token, administrative_write, 1, 10), 403);
  EXPECT_EQ(status_of(token, medical_read, 1, 10), 403);
  EXPECT_EQ(status_of(token, read_admin, 2, 20), 404);
  EXPECT_FALSE(may(token, {Brick::gdpr, DataCategory::audit, Action::read}));
}

TEST(Policy, the_platform_administrator_reaches_every_organisation_but_no_person) {
  auto admin = with_grant("platform_admin", std::nullopt, std::nullopt);
  EXPECT_EQ(status_of(admin, {Brick::establishments, DataCategory::reference, Action::write}, 5, std::nullopt), 200);
  EXPECT_EQ(status_of(admin, {Brick::persons, DataCategory::administrative, Action::read}, 5, 1), 403);
}
