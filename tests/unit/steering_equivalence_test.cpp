// The steering aggregates against the facts: random facts (fixed seed) written through the bricks'
// store functions, then corrected (attendance changed and cleared, stays discharged and their
// discharge moved, capacity ended and replaced, calendars and closures added, contracts changed,
// absences deleted and added). For several scopes and periods the indicators answered from the
// aggregates kept by the hooks, from the aggregates rebuilt from scratch, and by plain SQL over the
// facts must be identical — on SQLite and on PostgreSQL.
#include <gtest/gtest.h>

#include <random>

#include "steering_facts.hpp"

using namespace passerelle;
using namespace passerelle::test_support;
using passerelle::store::Backend;

namespace {

class SteeringEquivalenceTest : public ::testing::TestWithParam<Backend> {
 protected:
  TestDatabase holder{GetParam()};
};

INSTANTIATE_TEST_SUITE_P(Backends, SteeringEquivalenceTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         backend_test_name);

struct Place {
  std::int64_t establishment;
  std::string mode;
};

struct Written {
  std::int64_t organisation = 0, other_organisation = 0;
  std::vector<std::int64_t> establishments;
  struct StayOf {
    persons::Stay stay;
    persons::Person person;
  };
  std::vector<StayOf> stays;
  std::vector<std::int64_t> capacities;
  std::vector<staff::Contract> contracts;
  std::vector<std::pair<std::int64_t, std::int64_t>> absences;  // member, absence
};

class Random {
 public:
  explicit Random(unsigned seed) : engine_(seed) {}
  int between(int a, int b) { return std::uniform_int_distribution<int>(a, b)(engine_); }
  bool chance(double p) { return std::bernoulli_distribution(p)(engine_); }
  template <class T>
  const T& pick(const std::vector<T>& list) {
    return list[static_cast<std::size_t>(between(0, static_cast<int>(list.size()) - 1))];
  }
  Date date(Date from, Date to) { return from.plus_days(between(0, static_cast<int>(days_between(from, to)))); }

 private:
  std::mt19937 engine_;
};

const std::vector<std::string> absence_reasons = {"illness", "hospitalisation", "holiday", "family", "unjustified", "other"};
const std::vector<std::string> origins = {"home", "family", "establishment", "hospital", "school", "child_welfare", "other"};
const std::vector<std::string> destinations = {"home", "family", "establishment", "hospital", "death", "ordinary_work", "other"};
const std::vector<std::string> jobs = {"director", "secretary", "cook", "specialised_educator", "aes_amp", "nurse",
                                       "physician", "psychologist", "workshop_monitor"};
const std::vector<std::string> kinds = {"permanent", "permanent", "permanent", "fixed_term", "temporary_agency",
                                        "apprenticeship", "civil_servant", "civil_servant_trainee", "public_contract"};
const std::vector<std::string> absence_kinds = {"illness", "illness", "long_illness", "work_accident", "occupational_disease",
                                                "maternity", "paternity", "special_leave", "unpaid_leave", "training",
                                                "paid_leave"};
const std::vector<std::string> statuses = {"39", "42", "43", "72", "71", "44", "46", "47", "47", "49"};

// Attendance of a stay over [from, to]: mostly present, runs of absence, a few days not expected,
// some days left empty.
void attend(Facts& facts, Random& random, const Written::StayOf& s, Date from, Date to) {
  const Date first = std::max(from, s.stay.admission_date);
  const Date last = s.stay.discharge_date ? std::min(to, *s.stay.discharge_date) : to;
  for (Date d = first; d <= last;) {
    const int roll = random.between(0, 99);
    if (roll < 12) {
      const auto reason = random.pick(absence_reasons);
      const int run = random.between(1, 6);
      for (int i = 0; i < run && d <= last; ++i, d = d.plus_days(1))
        facts.mark(s.stay, s.person, d, "absent", random.chance(0.05) ? std::nullopt : std::optional(reason));
      continue;
    }
    if (roll < 16) facts.mark(s.stay, s.person, d, "not_expected");
    else if (roll < 22) {
      // left empty
    } else facts.mark(s.stay, s.person, d, "present");
    d = d.plus_days(1);
  }
}

Written write_facts(store::Database& db, Random& random) {
  Written w;
  std::vector<Place> places;
  db.in_transaction([&](store::Connection& c) {
    w.organisation = est::create_organisation(c, organisation_named("Aléatoire")).id;
    w.other_organisation = est::create_organisation(c, organisation_named("Autre")).id;
    Facts facts(c, w.organisation);
    w.establishments.push_back(facts.establishment("010001261", "IME", "183"));
    w.establishments.push_back(facts.establishment("010003598", "ESAT", "246"));
    w.establishments.push_back(facts.establishment("010786259", "MAS", "255"));
    places = {{w.establishments[0], "11"}, {w.establishments[0], "14"}, {w.establishments[1], "14"},
              {w.establishments[2], "11"}, {w.establishments[2], "21"}, {w.establishments[2], "40"}};
    Facts other(c, w.other_organisation);
    const auto foreign = other.establishment("750712184", "IME d'ailleurs", "183");
    other.capacity(foreign, "11", "authorised", 40, day("2020-01-01"));
    other.capacity(foreign, "11", "funded", 40, day("2020-01-01"));
    auto p = other.person(foreign, "Ailleurs", "F", "2012-02-02");
    auto s = other.admit(p, foreign, "11", day("2024-05-05"));
    other.marks(s, p, day("2024-05-05"), day("2024-06-30"), "present");
    const auto member = other.staff_member("Ailleurs", "M", day("1985-05-05"), "nurse");
    other.contract(member, foreign, "nurse", "permanent", 10000, day("2021-01-01"));
  });
  db.in_transaction([&](store::Connection& c) {
    Facts facts(c, w.organisation);
    for (const auto& place : places) {
      const int authorised = random.between(5, 30);
      for (const char* status : {"authorised", "installed", "funded"}) {
        const int n = std::string(status) == "funded" ? authorised - random.between(0, 3) : authorised;
        w.capacities.push_back(facts.capacity(place.establishment, place.mode, status, n, day("2023-01-01")));
      }
      for (int year = 2023; year <= 2026; ++year) {
        switch (random.between(0, 3)) {
          case 0: facts.calendar(place.establishment, place.mode, year, std::nullopt, "1111100"); break;
          case 1: facts.calendar(place.establishment, place.mode, year, std::nullopt, "1111111"); break;
          case 2: facts.calendar(place.establishment, place.mode, year, random.between(200, 366), std::nullopt); break;
          default: break;  // no calendar: open every day
        }
      }
    }
    for (int i = 0; i < 8; ++i) {
      const auto& place = random.pick(places);
      const Date from = random.date(day("2023-06-01"), day("2025-12-01"));
      facts.closure(place.establishment, random.chance(0.4) ? std::nullopt : std::optional(place.mode), from,
                    from.plus_days(random.between(0, 20)));
    }
  });
  db.in_transaction([&](store::Connection& c) {
    Facts facts(c, w.organisation);
    for (int i = 0; i < 36; ++i) {
      const auto& place = random.pick(places);
      const auto sex = random.chance(0.1) ? "I" : random.chance(0.5) ? "F" : "M";
      const auto birth = random.chance(0.1) ? std::to_string(random.between(1950, 2015))
                                            : random.date(day("1950-01-01"), day("2018-12-31")).to_string();
      auto p = facts.person(place.establishment, "Personne" + std::to_string(i), sex, birth);
      auto s = facts.admit(p, place.establishment, place.mode, random.date(day("2022-06-01"), day("2025-06-30")),
                           random.pick(origins));
      if (random.chance(0.6)) {
        const Date end = s.admission_date.plus_days(random.between(0, 700));
        if (random.chance(0.3) && place.establishment != w.establishments[2]) {
          // Transfer to the MAS the same day.
          facts.discharge(s, end, "establishment");
          auto t = facts.admit(p, w.establishments[2], "11", end, "establishment", s.id);
          w.stays.push_back({t, p});
        } else {
          facts.discharge(s, end, random.pick(destinations));
        }
      }
      w.stays.push_back({s, p});
      if (random.chance(0.5)) facts.decision(p, random.date(day("2021-01-01"), day("2025-01-01")), random.date(day("2024-06-01"), day("2027-01-01")));
      if (random.chance(0.4)) {
        const Date received = random.date(day("2022-01-01"), day("2025-06-01"));
        const auto status = random.pick(statuses);
        facts.request(p, place.establishment, place.mode, received, status,
                      status == "42" ? received : received.plus_days(random.between(0, 400)));
      }
    }
    for (const auto& s : w.stays) attend(facts, random, s, day("2024-11-15"), day("2025-03-15"));
  });
  db.in_transaction([&](store::Connection& c) {
    Facts facts(c, w.organisation);
    for (int i = 0; i < 14; ++i) {
      const auto member = facts.staff_member("Salarié" + std::to_string(i), random.chance(0.15) ? std::nullopt
                                                                            : std::optional<std::string>(random.chance(0.5) ? "F" : "M"),
                                             random.chance(0.1) ? std::nullopt : std::optional(random.date(day("1958-01-01"), day("2003-01-01"))),
                                             random.pick(jobs));
      Date start = random.date(day("2021-01-01"), day("2025-03-01"));
      const int contracts = random.between(1, 3);
      for (int k = 0; k < contracts; ++k) {
        const auto kind = random.pick(kinds);
        std::optional<Date> end;
        if (kind == "fixed_term" || k + 1 < contracts || random.chance(0.3)) end = start.plus_days(random.between(10, 500));
        const auto establishment = random.pick(w.establishments);
        auto contract = facts.contract(member, establishment, random.pick(jobs), kind,
                                       random.pick(std::vector<std::int64_t>{10000, 8000, 5000, 2500, 3333}), start, end,
                                       kind == "fixed_term" ? std::optional<std::string>(random.chance(0.6) ? "replacement" : "seasonal")
                                                            : std::nullopt);
        w.contracts.push_back(contract);
        // Absences within the contract.
        const Date last = end.value_or(day("2026-06-30"));
        for (int a = random.between(0, 3); a > 0; --a) {
          const Date from = random.date(start, last);
          const Date to = std::min(last, from.plus_days(random.between(0, 25)));
          const bool start_half = random.chance(0.2), end_half = from != to && random.chance(0.2);
          w.absences.push_back({member, facts.absence(member, random.pick(absence_kinds), from, to, start_half, end_half)});
        }
        if (!end) break;
        start = end->plus_days(random.between(0, 3) == 0 ? 1 : random.between(1, 60));
      }
    }
  });
  return w;
}

void correct_facts(store::Database& db, Random& random, Written& w) {
  db.in_transaction([&](store::Connection& c) {
    Facts facts(c, w.organisation);
    // Attendance corrected: absences become presence and the reverse, some days cleared.
    for (int i = 0; i < 60; ++i) {
      const auto& s = random.pick(w.stays);
      const Date d = random.date(day("2024-12-01"), day("2025-03-10"));
      if (!s.stay.period().contains(d)) continue;
      switch (random.between(0, 2)) {
        case 0: facts.mark(s.stay, s.person, d, "present"); break;
        case 1: facts.mark(s.stay, s.person, d, "absent", random.pick(absence_reasons)); break;
        default: facts.clear(s.stay, d); break;
      }
    }
  });
  db.in_transaction([&](store::Connection& c) {
    Facts facts(c, w.organisation);
    // Running stays discharged; a discharge moved later and another cancelled.
    int changed = 0;
    for (auto& s : w.stays) {
      if (s.stay.discharge_date || changed >= 5) continue;
      const Date end = std::max(s.stay.admission_date, day("2025-03-16")).plus_days(random.between(0, 120));
      facts.discharge(s.stay, end, random.pick(destinations));
      ++changed;
    }
    for (auto& s : w.stays)
      if (s.stay.discharge_date && !s.stay.transfer_from_stay_id && s.stay.discharge_date < day("2024-11-01")) {
        facts.discharge(s.stay, s.stay.discharge_date->plus_days(30), "hospital");
        break;
      }
  });
  db.in_transaction([&](store::Connection& c) {
    Facts facts(c, w.organisation);
    // Capacity: a period ended and replaced, another ended for good.
    const auto& a = w.capacities[0];
    facts.end_capacity(a, day("2024-09-14"));
    auto row = facts.db().query_one("SELECT establishment_id, care_mode, status FROM capacity WHERE {{tenant}} AND id = :id", {{"id", a}});
    facts.capacity(row->integer("establishment_id"), row->text("care_mode"), row->text("status"), 17, day("2024-09-15"));
    facts.end_capacity(w.capacities[5], day("2025-01-31"));
    // A calendar changed, a closure added.
    facts.calendar(w.establishments[0], "14", 2025, 180, std::nullopt);
    facts.closure(w.establishments[2], std::nullopt, day("2025-02-03"), day("2025-02-07"));
  });
  db.in_transaction([&](store::Connection& c) {
    Facts facts(c, w.organisation);
    // Contracts changed: an end moved, a working time lowered, one moved to another establishment.
    for (std::size_t i = 0; i < w.contracts.size() && i < 6; ++i) {
      auto contract = w.contracts[i];
      switch (i % 3) {
        case 0: contract.end_date = contract.start_date.plus_days(random.between(30, 900)); contract.end_reason = "resignation"; break;
        case 1: contract.working_time = 4000; break;
        default: contract.establishment_id = w.establishments[(i + 1) % w.establishments.size()]; break;
      }
      facts.change_contract(contract);
    }
    // Absences deleted, others added.
    for (std::size_t i = 0; i < w.absences.size(); i += 3) facts.remove_absence(w.absences[i].first, w.absences[i].second);
    for (int i = 0; i < 5; ++i) {
      const auto& contract = random.pick(w.contracts);
      const Date from = random.date(contract.start_date, contract.end_date.value_or(day("2025-12-31")));
      facts.absence(contract.staff_id, random.pick(absence_kinds), from, from.plus_days(random.between(0, 9)));
    }
  });
}

struct Case {
  std::string name;
  steering::Scope scope;
};

std::vector<Case> scopes_of(const Written& w) {
  using K = steering::Scope::Kind;
  std::vector<Case> out = {{"organisation", {K::organisation, w.organisation, 0, ""}},
                           {"category 183", {K::category, w.organisation, 0, "183"}},
                           {"category 246", {K::category, w.organisation, 0, "246"}},
                           {"platform", {K::platform, 0, 0, ""}},
                           {"other organisation", {K::organisation, w.other_organisation, 0, ""}}};
  for (auto e : w.establishments) out.push_back({"establishment " + std::to_string(e), {K::establishment, w.organisation, e, ""}});
  return out;
}

const std::vector<std::pair<const char*, const char*>> periods = {
    {"2024-01-01", "2024-12-31"}, {"2025-02-01", "2025-02-28"}, {"2024-03-17", "2025-01-09"},
    {"2025-03-15", "2025-03-15"}, {"2023-01-01", "2025-12-31"}, {"2024-12-20", "2025-01-12"},
    // Whole years with whole months and days on both sides (yearly, monthly and daily roll-ups).
    {"2023-11-10", "2025-02-17"}, {"2023-10-01", "2025-01-31"}};

}  // namespace

TEST_P(SteeringEquivalenceTest, aggregates_kept_by_the_hooks_equal_a_rebuild_and_plain_sql_over_the_facts) {
  PASSERELLE_OPEN_OR_SKIP(db, holder);
  steering::install_fact_listener();
  {
    auto lease = db->acquire();
    steering::rebuild_aggregates(*lease);
  }
  Random random(20261206);
  auto w = write_facts(*db, random);
  correct_facts(*db, random, w);

  auto lease = db->acquire();
  std::map<std::string, std::vector<steering::Value>> kept;
  std::int64_t non_empty = 0;
  for (const auto& c : scopes_of(w))
    for (const auto& [from, to] : periods) {
      const auto what = c.name + " " + from + " → " + to;
      auto values = steering::compute(*lease, c.scope, day(from), day(to));
      expect_same(steering::compute_from_facts(*lease, c.scope, day(from), day(to)), values, what + " (facts / hooks)");
      for (const auto& v : values) non_empty += v.value && *v.value != 0 ? 1 : 0;
      kept[what] = std::move(values);
    }
  EXPECT_GT(non_empty, 500) << "the random facts feed most indicators";

  // The parts of a split equal the computation of each part on its own.
  using K = steering::Scope::Kind;
  const steering::Scope organisation{K::organisation, w.organisation, 0, ""};
  for (const auto& [from, to] : {std::pair{"2024-01-01", "2024-12-31"}, std::pair{"2024-11-20", "2025-02-10"}}) {
    const auto by_establishment =
        steering::compute_split(*lease, organisation, day(from), day(to), steering::Split::establishment);
    ASSERT_EQ(by_establishment.size(), w.establishments.size());
    for (std::size_t i = 0; i < w.establishments.size(); ++i) {
      EXPECT_EQ(by_establishment[i].key, std::to_string(w.establishments[i]));
      expect_same(steering::compute(*lease, {K::establishment, w.organisation, w.establishments[i], ""}, day(from), day(to)),
                  by_establishment[i].values, "split by establishment " + by_establishment[i].key);
    }
    const auto by_month = steering::compute_split(*lease, organisation, day(from), day(to), steering::Split::month);
    std::size_t months = 0;
    for (Date m = day(from); m <= day(to); m = m.plus_months(1).plus_days(1 - m.plus_months(1).day())) ++months;
    ASSERT_EQ(by_month.size(), months);
    EXPECT_EQ(by_month.front().from, day(from));
    EXPECT_EQ(by_month.back().to, day(to));
    for (const auto& part : by_month)
      expect_same(steering::compute(*lease, organisation, part.from, part.to), part.values, "split by month " + part.key);
    const auto by_organisation =
        steering::compute_split(*lease, {K::platform, 0, 0, ""}, day(from), day(to), steering::Split::organisation);
    ASSERT_EQ(by_organisation.size(), 2u);
    expect_same(steering::compute(*lease, organisation, day(from), day(to)), by_organisation[0].values, "split by organisation");
    expect_same(steering::compute(*lease, {K::organisation, w.other_organisation, 0, ""}, day(from), day(to)),
                by_organisation[1].values, "split by organisation (the other)");
  }

  steering::rebuild_aggregates(*lease);
  for (const auto& c : scopes_of(w))
    for (const auto& [from, to] : periods) {
      const auto what = c.name + " " + from + " → " + to;
      expect_same(kept[what], steering::compute(*lease, c.scope, day(from), day(to)), what + " (hooks / rebuild)");
    }
}

TEST_P(SteeringEquivalenceTest, a_period_past_the_materialised_days_extends_them_first) {
  PASSERELLE_OPEN_OR_SKIP(db, holder);
  steering::install_fact_listener();
  auto lease = db->acquire();
  steering::rebuild_aggregates(*lease);
  const auto horizon = *steering::aggregates_horizon(*lease);
  EXPECT_EQ(horizon, steering::default_horizon(Date::today()));
  Random random(7);
  auto w = write_facts(*db, random);
  const auto beyond_from = horizon.plus_days(-40), beyond_to = horizon.plus_years(1).plus_days(25);
  for (const auto& c : scopes_of(w))
    expect_same(steering::compute_from_facts(*lease, c.scope, beyond_from, beyond_to),
                steering::compute(*lease, c.scope, beyond_from, beyond_to), c.name + " beyond the horizon");
  EXPECT_EQ(*steering::aggregates_horizon(*lease), Date::parse(std::to_string(beyond_to.year()) + "-12-31"));
  // Facts written after the extension reach the new days too.
  db->in_transaction([&](store::Connection& c) {
    Facts facts(c, w.organisation);
    facts.capacity(w.establishments[1], "13", "authorised", 9, horizon.plus_days(-3));
    facts.capacity(w.establishments[1], "13", "funded", 9, horizon.plus_days(-3));
  });
  const steering::Scope esat{steering::Scope::Kind::establishment, w.organisation, w.establishments[1], ""};
  expect_same(steering::compute_from_facts(*lease, esat, beyond_from, beyond_to),
              steering::compute(*lease, esat, beyond_from, beyond_to), "after a new capacity");
}

TEST_P(SteeringEquivalenceTest, a_failed_write_leaves_the_aggregates_as_they_were) {
  PASSERELLE_OPEN_OR_SKIP(db, holder);
  steering::install_fact_listener();
  std::int64_t organisation = 0, establishment = 0;
  db->in_transaction([&](store::Connection& c) {
    organisation = est::create_organisation(c, organisation_named("Rollback")).id;
    establishment = Facts(c, organisation).establishment("010001261", "IME", "183");
  });
  {
    auto lease = db->acquire();
    steering::rebuild_aggregates(*lease);
  }
  db->in_transaction([&](store::Connection& c) {
    Facts facts(c, organisation);
    facts.capacity(establishment, "11", "authorised", 10, day("2025-01-01"));
    facts.capacity(establishment, "11", "funded", 10, day("2025-01-01"));
  });
  EXPECT_THROW(db->in_transaction([&](store::Connection& c) {
                 Facts facts(c, organisation);
                 facts.capacity(establishment, "14", "authorised", 50, day("2025-01-01"));
                 facts.capacity(establishment, "14", "funded", 50, day("2025-01-01"));
                 throw std::runtime_error("the request failed after writing");
               }),
               std::runtime_error);
  auto lease = db->acquire();
  const steering::Scope scope{steering::Scope::Kind::establishment, organisation, establishment, ""};
  const auto v = by_id(steering::compute(*lease, scope, day("2025-01-01"), day("2025-01-31"), {"ACT-09"}));
  EXPECT_EQ(v.at("ACT-09").value, 310) << "10 places × 31 days: the rolled-back places are not counted";
  auto rows = lease->query_one("SELECT COUNT(*) AS n FROM steering_activity_day WHERE care_mode = '14'");
  EXPECT_EQ(rows->integer("n"), 0);
}
