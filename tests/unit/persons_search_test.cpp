// Person search on both backends, against a brute-force oracle: enough persons with common names
// that every plan is taken (a rare word driving, two common words intersected, a common word and a
// birth year, a word too common to read whole), paged with the cursor, for a whole-organisation
// account and for an account that sees one establishment.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>

#include "core/text.hpp"
#include "modules/establishments/store.hpp"
#include "modules/persons/store.hpp"
#include "store/tenant.hpp"
#include "test_database.hpp"

using namespace passerelle;
using namespace passerelle::store;
namespace est = passerelle::modules::establishments;
namespace persons = passerelle::modules::persons;

namespace {

struct Recorded {
  std::int64_t id;
  std::int64_t establishment;
  persons::Identity identity;
};

class PersonsSearchTest : public ::testing::TestWithParam<Backend> {
 protected:
  test_support::TestDatabase holder{GetParam()};
};

INSTANTIATE_TEST_SUITE_P(Backends, PersonsSearchTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         test_support::backend_test_name);

// The persons whose names each word starts (folded), visible and born in `birth` when given.
std::set<std::int64_t> oracle(const std::vector<Recorded>& all, const std::string& text,
                              const std::optional<std::string>& birth, std::optional<std::int64_t> establishment) {
  std::vector<std::string> words;
  for (auto& w : split(fold_for_search(text), ' '))
    if (!w.empty()) words.push_back(w);
  std::set<std::int64_t> out;
  for (const auto& r : all) {
    if (establishment && r.establishment != *establishment) continue;
    if (birth && r.identity.birth_date.compare(0, birth->size(), *birth) != 0) continue;
    const auto tokens = persons::name_tokens(r.identity);
    const bool all_match = std::all_of(words.begin(), words.end(), [&](const std::string& w) {
      return std::any_of(tokens.begin(), tokens.end(), [&](const std::string& t) { return t.rfind(w, 0) == 0; });
    });
    if (all_match) out.insert(r.id);
  }
  return out;
}

// Every page of a search, following the cursor; fails on a person listed twice.
std::set<std::int64_t> search_all(const Scoped& db, const persons::SearchQuery& q, const persons::Visibility& v) {
  std::set<std::int64_t> found;
  std::optional<persons::SearchPosition> after;
  for (int pages = 0; pages < 500; ++pages) {
    auto page = persons::search_persons(db, q, v, 7, after);
    const std::size_t shown = std::min<std::size_t>(page.persons.size(), 7);
    for (std::size_t i = 0; i < shown; ++i) EXPECT_TRUE(found.insert(page.persons[i].id).second) << "listed twice";
    for (std::size_t i = 1; i < shown; ++i)
      EXPECT_LE(page.positions[i - 1].token, page.positions[i].token) << "results in the order of the name matched";
    if (page.persons.size() <= 7) return found;
    after = page.positions[6];
  }
  ADD_FAILURE() << "too many pages";
  return found;
}

}  // namespace

TEST_P(PersonsSearchTest, every_plan_finds_exactly_the_matching_visible_persons) {
  PASSERELLE_OPEN_OR_SKIP(db, holder);
  std::vector<Recorded> all;
  std::int64_t organisation = 0, first = 0, second = 0;
  db->in_transaction([&](Connection& c) {
    organisation = est::create_organisation(c, test_support::organisation_named("Recherche")).id;
    Scoped scoped(c, Scope::organisation(organisation));
    first = est::create_establishment(scoped, test_support::establishment_profile("010001261", "Un", "183"));
    second = est::create_establishment(scoped, test_support::establishment_profile("010003598", "Deux", "246"));
    // 2,400 persons: "Jeanne"/"Jean" and "Richard"/"Richardot" each carried by hundreds (both common),
    // "Zoé Rare" by a few, 40 birth years.
    std::mt19937 random(20261123);
    const std::vector<std::string> surnames = {"Richard", "Richardot", "Martin", "Bernard", "Petit", "Durand",
                                               "Moreau", "Lefèvre"};
    const std::vector<std::string> given = {"Jeanne", "Jean", "Jeannette", "Marie", "Louise", "Paul", "Hugo", "Léa"};
    for (int i = 0; i < 2400; ++i) {
      persons::Identity identity;
      identity.birth_name = i % 97 == 0 ? "Rare" : surnames[random() % surnames.size()];
      identity.first_names = {i % 97 == 0 ? "Zoé" : given[random() % given.size()]};
      if (i % 5 == 0) identity.first_names.push_back(given[random() % given.size()]);
      if (i % 11 == 0) identity.used_name = surnames[random() % surnames.size()];
      identity.sex = i % 2 ? "F" : "M";
      identity.birth_date = std::to_string(1960 + random() % 40) + "-0" + std::to_string(1 + random() % 9) + "-1" +
                            std::to_string(random() % 10);
      const auto establishment = i % 3 == 0 ? second : first;
      all.push_back({persons::insert_person(scoped, establishment, identity), establishment, identity});
    }
  });
  auto lease = db->acquire();
  Scoped scoped(*lease, Scope::organisation(organisation));
  struct Case {
    std::string text;
    std::optional<std::string> birth;
  };
  const std::vector<Case> cases = {
      {"rare", {}},          {"zoe rare", {}},       {"jeann richa", {}},  {"richa jeann", {}},
      {"jean", {}},          {"jean richard", {}},   {"ri je", {}},        {"martin", std::string("1975")},
      {"je", std::string("1980")}, {"jeanne louise", {}}, {"r", {}},       {"richardot marie", std::string("1961")},
      {"lefevre jea", {}},   {"inconnu richard", {}},
  };
  // Then with every word counting as common (at 5,000 names, none does here): the plans for two
  // common words, or a common word and a birth year.
  for (const std::int64_t common_from : {5000, 40}) {
    persons::set_search_common_from(common_from);
    for (const auto& c : cases) {
      persons::SearchQuery q;
      q.text = fold_for_search(c.text);
      q.birth_date = c.birth;
      SCOPED_TRACE(c.text + (c.birth ? " " + *c.birth : "") + ", common from " + std::to_string(common_from) + " names");
      EXPECT_EQ(search_all(scoped, q, {}), oracle(all, c.text, c.birth, std::nullopt)) << "whole organisation";
      EXPECT_EQ(search_all(scoped, q, {std::vector<std::int64_t>{first}}), oracle(all, c.text, c.birth, first))
          << "one establishment";
    }
  }
  persons::set_search_common_from(5000);
  const auto common = oracle(all, "jeann richa", {}, std::nullopt);
  EXPECT_GT(common.size(), 20u) << "the intersection plan is exercised over several pages";
}
