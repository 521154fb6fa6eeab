// Steering indicators on a hand-checked fixture: one small IME, March 2025, with a capacity change in
// the middle of the month, a closure day, an admission, a discharge, part-time staff, a hire and a
// departure, and absences. Every indicator's value is computed by hand below and asserted three ways:
// from the aggregates kept by the fact hooks, from the aggregates after a full rebuild, and by plain
// SQL over the facts — on SQLite and on PostgreSQL.
#include <gtest/gtest.h>

#include "steering_facts.hpp"

using namespace passerelle;
using namespace passerelle::test_support;
using passerelle::store::Backend;

namespace {

class SteeringFixtureTest : public ::testing::TestWithParam<Backend> {
 protected:
  TestDatabase holder{GetParam()};
};

INSTANTIATE_TEST_SUITE_P(Backends, SteeringFixtureTest, ::testing::Values(Backend::sqlite, Backend::postgresql),
                         backend_test_name);

const steering::BreakdownRow* row(const steering::Value& v, const std::string& key) {
  for (const auto& r : v.breakdown)
    if (r.key == key) return &r;
  return nullptr;
}

struct Fixture {
  std::int64_t organisation = 0, ime = 0;
};

// The facts, written in several transactions as the application would (each commit runs the hooks).
Fixture write_fixture(store::Database& db) {
  Fixture f;
  db.in_transaction([&](store::Connection& c) {
    f.organisation = est::create_organisation(c, organisation_named("Association du test")).id;
    Facts facts(c, f.organisation);
    f.ime = facts.establishment("010001261", "IME Les Tilleuls", "183");
  });
  std::int64_t authorised = 0, funded = 0;
  db.in_transaction([&](store::Connection& c) {
    Facts facts(c, f.organisation);
    // Internat (11): 10 places authorised, installed and funded since 2024.
    authorised = facts.capacity(f.ime, "11", "authorised", 10, day("2024-01-01"));
    facts.capacity(f.ime, "11", "installed", 10, day("2024-01-01"));
    funded = facts.capacity(f.ime, "11", "funded", 10, day("2024-01-01"));
    facts.calendar(f.ime, "11", 2025, std::nullopt, "1111111");
  });
  db.in_transaction([&](store::Connection& c) {
    Facts facts(c, f.organisation);
    // From 16 March: 12 places authorised, 11 funded.
    facts.end_capacity(authorised, day("2025-03-15"));
    facts.capacity(f.ime, "11", "authorised", 12, day("2025-03-16"));
    facts.end_capacity(funded, day("2025-03-15"));
    facts.capacity(f.ime, "11", "funded", 11, day("2025-03-16"));
    // Closed on Monday 10 March, for every kind of care.
    facts.closure(f.ime, std::nullopt, day("2025-03-10"), day("2025-03-10"));
  });
  db.in_transaction([&](store::Connection& c) {
    Facts facts(c, f.organisation);
    auto p1 = facts.person(f.ime, "Un", "F", "2010-05-10");
    auto p2 = facts.person(f.ime, "Deux", "M", "2005-04-01");
    auto p3 = facts.person(f.ime, "Trois", "M", "2015");
    auto p4 = facts.person(f.ime, "Quatre", "F", "2012-03-31");
    auto p5 = facts.person(f.ime, "Cinq", "F", "2008-07-07");
    auto p6 = facts.person(f.ime, "Six", "M", "2011-01-01");
    auto p7 = facts.person(f.ime, "Sept", "F", "2013-01-01");
    auto s1 = facts.admit(p1, f.ime, "11", day("2023-09-01"));
    auto s2 = facts.admit(p2, f.ime, "11", day("2020-01-15"));
    auto s3 = facts.admit(p3, f.ime, "11", day("2024-06-01"));
    auto s4 = facts.admit(p4, f.ime, "11", day("2025-03-12"), "home");
    auto s5 = facts.admit(p5, f.ime, "11", day("2022-02-01"), "hospital");
    facts.discharge(s5, day("2025-03-20"), "home");
    const auto closed = day("2025-03-10");
    // P1: absent 3–7 March for hospitalisation, not expected on the closure day, present otherwise.
    facts.marks(s1, p1, day("2025-03-01"), day("2025-03-31"), "present");
    facts.marks(s1, p1, day("2025-03-03"), day("2025-03-07"), "absent", "hospitalisation");
    facts.mark(s1, p1, closed, "not_expected");
    // P2: absent without reason given on 20 March (unjustified).
    facts.marks(s2, p2, day("2025-03-01"), day("2025-03-31"), "present");
    facts.mark(s2, p2, day("2025-03-20"), "absent", "unjustified");
    facts.mark(s2, p2, closed, "not_expected");
    // P3: on holiday from 26 February to 2 March.
    facts.marks(s3, p3, day("2025-02-26"), day("2025-03-02"), "absent", "holiday");
    facts.marks(s3, p3, day("2025-03-03"), day("2025-03-31"), "present");
    facts.mark(s3, p3, closed, "not_expected");
    // P4: admitted on 12 March, away with the family on 14 and 15 March.
    facts.marks(s4, p4, day("2025-03-12"), day("2025-03-31"), "present");
    facts.marks(s4, p4, day("2025-03-14"), day("2025-03-15"), "absent", "family");
    // P5: until the discharge on 20 March, ill on 18 and 19 March.
    facts.marks(s5, p5, day("2025-03-01"), day("2025-03-20"), "present");
    facts.marks(s5, p5, day("2025-03-18"), day("2025-03-19"), "absent", "illness");
    facts.mark(s5, p5, closed, "not_expected");
    // Orientation decisions: P1 valid, P2 expired at the end of 2024, P3 valid up to 31 March
    // included, P4 none.
    facts.decision(p1, day("2023-01-01"), day("2027-12-31"));
    facts.decision(p2, day("2020-01-01"), day("2024-12-31"));
    facts.decision(p3, day("2024-01-01"), day("2025-03-31"));
    // Waiting list: P4's request ended with the admission (received 10 January, entered 12 March);
    // P6 still waits; P7's request was closed in April, so it was waiting on 31 March.
    auto r4 = facts.request(p4, f.ime, "11", day("2025-01-10"), "42", day("2025-01-10"));
    r4.status = "47";
    r4.status_date = day("2025-03-12");
    persons::update_request(facts.db(), r4);
    facts.request(p6, f.ime, "11", day("2025-02-01"), "42", day("2025-02-01"));
    facts.request(p7, f.ime, "11", day("2024-11-01"), "46", day("2025-04-10"));
  });
  db.in_transaction([&](store::Connection& c) {
    Facts facts(c, f.organisation);
    const auto s1 = facts.staff_member("Educ", "F", day("1980-06-15"), "specialised_educator");
    const auto s2 = facts.staff_member("Infirmier", "M", day("1995-03-31"), "nurse");
    const auto s3 = facts.staff_member("Remplaçante", "F", day("1990-01-01"), "aes_amp");
    const auto s4 = facts.staff_member("Secrétaire", "F", day("1970-02-02"), "secretary");
    const auto s5 = facts.staff_member("Cuisinier", std::nullopt, std::nullopt, "cook");
    const auto s6 = facts.staff_member("Psy", "F", day("1960-01-01"), "psychologist");
    facts.contract(s1, f.ime, "specialised_educator", "permanent", 10000, day("2020-01-01"));
    facts.contract(s2, f.ime, "nurse", "permanent", 8000, day("2025-03-17"));
    facts.contract(s3, f.ime, "aes_amp", "fixed_term", 5000, day("2025-03-03"), day("2025-03-14"), "replacement");
    facts.contract(s4, f.ime, "secretary", "permanent", 5000, day("2019-05-01"), day("2025-03-21"));
    facts.contract(s5, f.ime, "cook", "temporary_agency", 10000, day("2025-03-24"), day("2025-03-31"));
    facts.contract(s6, f.ime, "psychologist", "permanent", 2000, day("2018-01-01"));
    facts.absence(s1, "illness", day("2025-03-03"), day("2025-03-05"));
    facts.absence(s6, "illness", day("2025-02-25"), day("2025-03-06"));
    facts.absence(s4, "paid_leave", day("2025-03-10"), day("2025-03-14"));
    facts.absence(s4, "special_leave", day("2025-03-20"), day("2025-03-21"), true, false);
  });
  return f;
}

void expect_near(const std::map<std::string, steering::Value>& v, const std::string& id, std::optional<double> expected,
                 const std::string& how) {
  SCOPED_TRACE(how + " " + id);
  ASSERT_TRUE(v.count(id));
  const auto& value = v.at(id).value;
  if (!expected) {
    EXPECT_FALSE(value.has_value());
    return;
  }
  ASSERT_TRUE(value.has_value());
  EXPECT_NEAR(*value, *expected, 1e-9);
}

void expect_march(const std::vector<steering::Value>& computed, const std::string& how, bool with_target) {
  const auto v = by_id(computed);
  EXPECT_EQ(v.size(), steering::definitions().size()) << how;

  // Place-days: authorised-and-funded = min(authorised, funded) = 10 on 1–15 March, min(12, 11) = 11
  // on 16–31 March: Σ = 10 × 15 + 11 × 16 = 326. Open every day (pattern 1111111) but 10 March:
  // theoretical days = 10 × 14 + 11 × 16 = 316. Funded place-days open: the same 316.
  // Days present: P1 31 − 5 absent − 1 not expected = 25; P2 31 − 1 − 1 = 29; P3 31 − 2 − 1 = 28;
  // P4 12–31 = 20 − 2 = 18; P5 1–20 = 20 − 2 − 1 = 17: 117.
  expect_near(v, "ACT-08", 117, how);
  EXPECT_EQ(row(v.at("ACT-08"), "11")->numerator, 117) << how;
  expect_near(v, "ACT-09", 316, how);
  // ACT-01: with a target of 3,650 days in 2025, prorated to 31 of 365 days: 310; 117 / 310.
  // Without it: 117 / 316.
  expect_near(v, "ACT-01", with_target ? 117.0 / 310.0 : 117.0 / 316.0, how);
  // ACT-02: absence days counted: P1 the first 3 of her 5 days of hospitalisation; P2 none (an
  // unjustified absence); P3 none (1 and 2 March are the 4th and 5th days of a run started on 26
  // February); P4 both family days; P5 both days of illness: 3 + 2 + 2 = 7. (117 + 7) / 316.
  expect_near(v, "ACT-02", 124.0 / 316.0, how);
  EXPECT_EQ(v.at("ACT-02").numerator, 124) << how;
  EXPECT_EQ(v.at("ACT-02").denominator, 316) << how;
  // ACT-03: present on 31 March P1, P2, P3, P4 + P5 discharged (definitively) in March = 5.
  expect_near(v, "ACT-03", 5, how);
  // ACT-04: P5, 2022-02-01 → 2025-03-20 = 365 + 365 + 366 + 28 + 19 = 1,143 days.
  expect_near(v, "ACT-04", 1143, how);
  // ACT-05: absence days 5 + 1 + 2 + 2 + 2 = 12, over 5 persons absent at least once: 2.4.
  expect_near(v, "ACT-05", 2.4, how);
  // ACT-06: 1 admission ÷ (326 place-days ÷ 31 days) = 31 / 326.
  expect_near(v, "ACT-06", 31.0 / 326.0, how);
  expect_near(v, "ACT-10", 1, how);
  expect_near(v, "ACT-11", 1, how);
  EXPECT_EQ(row(v.at("ACT-11"), "home")->numerator, 1) << how;
  // ACT-12: days since admission on 31 March: P1 577, P2 1,902, P3 303, P4 19 → 2,801 / 4.
  expect_near(v, "ACT-12", 2801.0 / 4.0, how);
  // ACT-13: 12 days: hospitalisation 5, unjustified 1, holiday 2, family 2, illness 2.
  expect_near(v, "ACT-13", 12, how);
  EXPECT_EQ(row(v.at("ACT-13"), "hospitalisation")->numerator, 5) << how;
  EXPECT_EQ(row(v.at("ACT-13"), "unjustified")->numerator, 1) << how;
  EXPECT_EQ(row(v.at("ACT-13"), "holiday")->numerator, 2) << how;
  EXPECT_EQ(row(v.at("ACT-13"), "family")->numerator, 2) << how;
  EXPECT_EQ(row(v.at("ACT-13"), "illness")->numerator, 2) << how;
  EXPECT_EQ(row(v.at("ACT-13"), "other")->numerator, 0) << how;
  // ACT-14: P1 and P3 have a decision valid on 31 March, of 4 present: 0.5.
  expect_near(v, "ACT-14", 0.5, how);
  // ACT-15: P6 (still waiting) and P7 (closed after the period): 2.
  expect_near(v, "ACT-15", 2, how);
  // ACT-16: P4's request, received 10 January, entered 12 March: 21 + 28 + 12 = 61 days.
  expect_near(v, "ACT-16", 61, how);
  // ACT-07-AGE on 31 March: P1 14 (F), P2 19 (M, birthday on 1 April), P3 10 (M, born "2015"),
  // P4 13 (F, birthday that day).
  const auto& age = v.at("ACT-07-AGE");
  EXPECT_EQ(age.value, 4) << how;
  EXPECT_EQ(row(age, "11-15")->numerator, 2) << how;
  EXPECT_EQ(row(age, "11-15")->by_sex.at("F"), 2) << how;
  EXPECT_EQ(row(age, "16-19")->by_sex.at("M"), 1) << how;
  EXPECT_EQ(row(age, "6-10")->by_sex.at("M"), 1) << how;
  EXPECT_EQ(row(age, "0-5")->numerator, 0) << how;
  EXPECT_EQ(row(age, "16-19")->label, "16 à 19 ans") << how;
  // ACT-07-ORIGIN: P4 from home. ACT-07-DEST: P5 home.
  EXPECT_EQ(row(v.at("ACT-07-ORIGIN"), "home")->numerator, 1) << how;
  EXPECT_EQ(row(v.at("ACT-07-ORIGIN"), "hospital")->numerator, 0) << how;
  EXPECT_EQ(row(v.at("ACT-07-DEST"), "home")->numerator, 1) << how;
  // ACT-07-LENGTH: P3 and P4 less than a year, P1 1–3 years, P2 5–10 years.
  const auto& length = v.at("ACT-07-LENGTH");
  EXPECT_EQ(row(length, "0-1")->numerator, 2) << how;
  EXPECT_EQ(row(length, "1-3")->numerator, 1) << how;
  EXPECT_EQ(row(length, "3-5")->numerator, 0) << how;
  EXPECT_EQ(row(length, "5-10")->numerator, 1) << how;

  // FTE-days: S1 31 × 1.0 = 31; S2 17–31 = 15 × 0.8 = 12; S3 3–14 = 12 × 0.5 = 6; S4 1–21 = 21 × 0.5
  // = 10.5; S5 24–31 = 8 × 1.0 = 8; S6 31 × 0.2 = 6.2: 73.7. RH-07 = 73.7 / 31.
  expect_near(v, "RH-07", 73.7 / 31.0, how);
  EXPECT_NEAR(row(v.at("RH-07"), "educational_social")->numerator, 37, 1e-9) << how;  // S1 + S3
  EXPECT_NEAR(row(v.at("RH-07"), "paramedical")->numerator, 12, 1e-9) << how;
  EXPECT_NEAR(row(v.at("RH-07"), "administration")->numerator, 10.5, 1e-9) << how;
  EXPECT_NEAR(row(v.at("RH-07"), "general_services")->numerator, 8, 1e-9) << how;
  EXPECT_NEAR(row(v.at("RH-07"), "psychology")->numerator, 6.2, 1e-9) << how;
  // RH-08: fixed-term 6 + agency 8 = 14 FTE-days of 73.7.
  expect_near(v, "RH-08", 14 / 73.7, how);
  // RH-01: S1 3 days of ordinary illness (short) × 1.0 = 3; S6 illness of 10 days (medium), 1–6
  // March × 0.2 = 1.2; S4 special leave from midday on 20 March to 21 March = 1.5 days × 0.5 = 0.75;
  // S4's paid leave is not absenteeism: 4.95 / 73.7.
  expect_near(v, "RH-01", 4.95 / 73.7, how);
  EXPECT_NEAR(row(v.at("RH-01"), "illness_short")->numerator, 3, 1e-9) << how;
  EXPECT_NEAR(row(v.at("RH-01"), "illness_medium")->numerator, 1.2, 1e-9) << how;
  EXPECT_NEAR(row(v.at("RH-01"), "special_leave")->numerator, 0.75, 1e-9) << how;
  EXPECT_EQ(row(v.at("RH-01"), "long_illness")->numerator, 0) << how;
  // RH-02: permanent staff on 28 February: S1, S4, S6 = 3; hired S2, left S4: (1 + 1) / (2 × 3).
  expect_near(v, "RH-02", 2.0 / 6.0, how);
  EXPECT_NEAR(*row(v.at("RH-02"), "entries")->value, 1.0 / 3.0, 1e-9) << how;
  // RH-04: 73.7 FTE-days ÷ 326 place-days.
  expect_near(v, "RH-04", 73.7 / 326.0, how);
  // RH-05 on 31 March: S1 44 (F), S2 30 (M, birthday that day), S5 unknown age and sex, S6 65 (F).
  const auto& pyramid = v.at("RH-05");
  EXPECT_EQ(pyramid.value, 4) << how;
  EXPECT_EQ(row(pyramid, "40-44")->by_sex.at("F"), 1) << how;
  EXPECT_EQ(row(pyramid, "30-34")->by_sex.at("M"), 1) << how;
  EXPECT_EQ(row(pyramid, "60+")->by_sex.at("F"), 1) << how;
  EXPECT_EQ(row(pyramid, "unknown")->by_sex.at("unknown"), 1) << how;
  // RH-06: S3's replacement contract.
  expect_near(v, "RH-06", 1, how);
}

}  // namespace

TEST_P(SteeringFixtureTest, every_indicator_of_a_hand_checked_month) {
  PASSERELLE_OPEN_OR_SKIP(db, holder);
  steering::install_fact_listener();
  {
    auto lease = db->acquire();
    steering::rebuild_aggregates(*lease);  // built (empty) before the facts: the hooks keep them
  }
  const auto f = write_fixture(*db);
  const steering::Scope scope{steering::Scope::Kind::establishment, f.organisation, f.ime, ""};
  const auto from = day("2025-03-01"), to = day("2025-03-31");
  auto lease = db->acquire();
  expect_march(steering::compute(*lease, scope, from, to), "aggregates kept by the hooks", false);
  expect_march(steering::compute_from_facts(*lease, scope, from, to), "plain SQL over the facts", false);
  steering::rebuild_aggregates(*lease);
  expect_march(steering::compute(*lease, scope, from, to), "aggregates rebuilt", false);

  // An activity target for 2025 replaces the funded place-days in ACT-01.
  lease->execute("INSERT INTO activity_target (organisation_id, establishment_id, year, target_days) VALUES (:o, :e, 2025, 3650)",
                 {{"o", f.organisation}, {"e", f.ime}});
  expect_march(steering::compute(*lease, scope, from, to), "with a target", true);
  expect_march(steering::compute_from_facts(*lease, scope, from, to), "with a target, over the facts", true);

  // The same figures for the organisation and for the IME category; none for ESAT.
  const steering::Scope organisation{steering::Scope::Kind::organisation, f.organisation, 0, ""};
  const steering::Scope category{steering::Scope::Kind::category, f.organisation, 0, "183"};
  expect_march(steering::compute(*lease, organisation, from, to), "organisation", true);
  expect_march(steering::compute(*lease, category, from, to), "category", true);
  const auto esat = by_id(steering::compute(*lease, {steering::Scope::Kind::category, f.organisation, 0, "246"}, from, to));
  EXPECT_FALSE(esat.at("ACT-02").value.has_value()) << "no places: no data, not 0 %";
  EXPECT_EQ(esat.at("ACT-08").value, 0);
  EXPECT_FALSE(esat.at("RH-01").value.has_value());
}

TEST_P(SteeringFixtureTest, a_period_inside_a_month_reads_the_days_and_one_of_months_the_roll_ups) {
  PASSERELLE_OPEN_OR_SKIP(db, holder);
  steering::install_fact_listener();
  {
    auto lease = db->acquire();
    steering::rebuild_aggregates(*lease);
  }
  const auto f = write_fixture(*db);
  const steering::Scope scope{steering::Scope::Kind::organisation, f.organisation, 0, ""};
  auto lease = db->acquire();
  // 14–20 March: place-days 10 × 2 + 11 × 5 = 75, all open; present: P1 7, P2 6 (absent on 20),
  // P3 7, P4 5 (14, 15 absent: 16–20), P5 5 (18, 19 absent: 14–17, 20): 30.
  const auto week = by_id(steering::compute(*lease, scope, day("2025-03-14"), day("2025-03-20"), {"ACT-08", "ACT-09", "ACT-05"}));
  EXPECT_EQ(week.size(), 3u);
  EXPECT_EQ(week.at("ACT-08").value, 30);
  EXPECT_EQ(week.at("ACT-09").value, 75);
  // Absences: P2 1, P4 2, P5 2 = 5 days over 3 persons.
  EXPECT_NEAR(*week.at("ACT-05").value, 5.0 / 3.0, 1e-12);
  for (const auto& [from, to] : {std::pair{"2025-03-14", "2025-03-20"}, {"2025-02-20", "2025-04-02"}, {"2025-01-01", "2025-12-31"},
                                 {"2024-12-31", "2025-03-01"}, {"2025-03-31", "2025-03-31"},
                                 {"2025-02-20", "2025-03-05"}}) {
    expect_same(steering::compute_from_facts(*lease, scope, day(from), day(to)),
                steering::compute(*lease, scope, day(from), day(to)), std::string(from) + " → " + to);
  }
}

// A transfer on the last day of a period: the persons brick records it as a discharge on the eve of the
// transfer and an admission the next day, so on 31 March the person is still in the first
// establishment, and is in the second from 1 April. Counted once in the file active of March (as
// present at the end, not as a definitive discharge), and not among the definitive discharges by
// destination (ACT-07-DEST) though among the discharges (ACT-11).
TEST_P(SteeringFixtureTest, a_transfer_on_the_last_day_keeps_the_person_in_the_file_active) {
  PASSERELLE_OPEN_OR_SKIP(db, holder);
  steering::install_fact_listener();
  Fixture f;
  std::int64_t second = 0;
  db->in_transaction([&](store::Connection& c) {
    f.organisation = est::create_organisation(c, organisation_named("Association des transferts")).id;
    Facts facts(c, f.organisation);
    f.ime = facts.establishment("010001261", "IME Les Tilleuls", "183");
    second = facts.establishment("010001279", "IME Les Charmes", "183");
    for (auto e : {f.ime, second}) {
      facts.capacity(e, "11", "authorised", 10, day("2024-01-01"));
      facts.capacity(e, "11", "funded", 10, day("2024-01-01"));
    }
  });
  db->in_transaction([&](store::Connection& c) {
    Facts facts(c, f.organisation);
    auto moved = facts.person(f.ime, "Transférée", "F", "2010-05-10");
    auto left = facts.person(f.ime, "Partie", "M", "2009-04-01");
    auto stays = facts.person(f.ime, "Restée", "M", "2011-04-01");
    auto first = facts.admit(moved, f.ime, "11", day("2024-09-01"));
    facts.discharge(first, day("2025-03-31"), "establishment");
    facts.admit(moved, second, "11", day("2025-04-01"), "establishment", first.id);
    auto gone = facts.admit(left, f.ime, "11", day("2023-09-01"));
    facts.discharge(gone, day("2025-03-15"), "establishment");
    facts.admit(stays, f.ime, "11", day("2022-09-01"));
  });
  const steering::Scope ime{steering::Scope::Kind::establishment, f.organisation, f.ime, ""};
  const steering::Scope organisation{steering::Scope::Kind::organisation, f.organisation, 0, ""};
  const std::vector<std::string> ids{"ACT-03", "ACT-11", "ACT-07-DEST", "ACT-07-AGE", "ACT-12"};
  auto lease = db->acquire();
  const auto check = [&](const std::vector<steering::Value>& computed, const std::string& how) {
    const auto march = by_id(computed);
    // File active: "Restée" and "Transférée" present on 31 March + "Partie" definitively discharged = 3.
    expect_near(march, "ACT-03", 3, how);
    // Discharges: both, the transfer included.
    expect_near(march, "ACT-11", 2, how);
    EXPECT_EQ(row(march.at("ACT-11"), "establishment")->numerator, 2) << how;
    // Definitive discharges by destination: "Partie" only.
    expect_near(march, "ACT-07-DEST", 1, how);
    EXPECT_EQ(row(march.at("ACT-07-DEST"), "establishment")->numerator, 1) << how;
    // Persons present at the end, by age: "Restée" and "Transférée".
    expect_near(march, "ACT-07-AGE", 2, how);
  };
  for (const auto& scope : {ime, organisation}) {
    const auto name = scope.kind == steering::Scope::Kind::organisation ? std::string("organisation") : "IME";
    check(steering::compute(*lease, scope, day("2025-03-01"), day("2025-03-31"), ids), name + ", aggregates");
    check(steering::compute_from_facts(*lease, scope, day("2025-03-01"), day("2025-03-31"), ids), name + ", facts");
  }
  steering::rebuild_aggregates(*lease);
  check(steering::compute(*lease, organisation, day("2025-03-01"), day("2025-03-31"), ids), "rebuilt");
  // In April the person is counted in the second establishment only.
  const auto april = by_id(steering::compute(*lease, organisation, day("2025-04-01"), day("2025-04-30"), ids));
  expect_near(april, "ACT-03", 2, "April");
  const steering::Scope charmes{steering::Scope::Kind::establishment, f.organisation, second, ""};
  expect_near(by_id(steering::compute(*lease, charmes, day("2025-04-01"), day("2025-04-30"), ids)), "ACT-03", 1, "April, second");
  expect_near(by_id(steering::compute(*lease, ime, day("2025-04-01"), day("2025-04-30"), ids)), "ACT-03", 1, "April, first");
  for (const auto& [from, to] : {std::pair{"2025-03-31", "2025-03-31"}, {"2025-03-01", "2025-04-30"}, {"2025-01-01", "2025-12-31"}})
    expect_same(steering::compute_from_facts(*lease, organisation, day(from), day(to)),
                steering::compute(*lease, organisation, day(from), day(to)), std::string(from) + " → " + to);
}
