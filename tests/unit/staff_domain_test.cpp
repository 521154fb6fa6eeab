#include <gtest/gtest.h>

#include "modules/staff/domain.hpp"

using namespace passerelle;
using namespace passerelle::modules::staff;

namespace {

Date d(const char* text) { return *Date::parse(text); }

Contract contract(std::int64_t id, std::int64_t establishment, const char* job, const char* from,
                  std::optional<const char*> to, std::int64_t working_time, const char* kind = "permanent") {
  Contract c;
  c.id = id;
  c.establishment_id = establishment;
  c.job_code = job;
  c.kind = kind;
  c.start_date = d(from);
  if (to) c.end_date = d(*to);
  c.working_time = working_time;
  if (std::string_view(kind) == "fixed_term") c.fixed_term_reason = "replacement";
  return c;
}

bool names(const std::vector<FieldError>& errors, const std::string& field) {
  for (const auto& e : errors)
    if (e.field == field) return true;
  return false;
}

}  // namespace

TEST(StaffFte, counts_a_part_time_contract_for_its_fraction) {
  const std::vector<Contract> contracts{contract(1, 1, "specialised_educator", "2024-01-01", std::nullopt, 8000)};
  const auto on = fte_on(contracts, d("2024-06-15"));
  EXPECT_DOUBLE_EQ(total(on), 0.8);
  EXPECT_DOUBLE_EQ((on.at({1, "educational_social"})), 0.8);
  EXPECT_DOUBLE_EQ(total(fte_on(contracts, d("2023-12-31"))), 0.0);
}

TEST(StaffFte, averages_a_contract_starting_mid_month_over_its_days) {
  // Full time from 16 January: 16 days of January's 31 → 16/31; February whole → 1.
  const std::vector<Contract> contracts{contract(1, 1, "nurse", "2024-01-16", std::nullopt, 10000)};
  EXPECT_DOUBLE_EQ(total(fte_average(contracts, d("2024-01-01"), d("2024-01-31"))), 16.0 / 31.0);
  EXPECT_DOUBLE_EQ(total(fte_average(contracts, d("2024-02-01"), d("2024-02-29"))), 1.0);
  // Half time from 16 January to 15 March 2024 over the first quarter (91 days): 60 days × 0.5 / 91.
  const std::vector<Contract> half{contract(2, 1, "nurse", "2024-01-16", "2024-03-15", 5000, "fixed_term")};
  EXPECT_DOUBLE_EQ(total(fte_average(half, d("2024-01-01"), d("2024-03-31"))), 0.5 * 60.0 / 91.0);
  EXPECT_DOUBLE_EQ(total(fte_on(half, d("2024-03-15"))), 0.5);
  EXPECT_DOUBLE_EQ(total(fte_on(half, d("2024-03-16"))), 0.0);
}

TEST(StaffFte, splits_overlapping_contracts_on_two_establishments) {
  // 0.5 at establishment 1 all year, 0.3 at establishment 2 from 1 July 2024 (184 of 366 days).
  const std::vector<Contract> contracts{contract(1, 1, "psychologist", "2020-01-01", std::nullopt, 5000),
                                        contract(2, 2, "psychologist", "2024-07-01", std::nullopt, 3000),
                                        contract(3, 2, "service_agent", "2024-01-01", "2024-12-31", 10000)};
  const auto on = fte_on(contracts, d("2024-09-01"));
  EXPECT_DOUBLE_EQ(total_for_establishment(on, 1), 0.5);
  EXPECT_DOUBLE_EQ(total_for_establishment(on, 2), 1.3);
  EXPECT_DOUBLE_EQ(total_for_category(on, "psychology"), 0.8);
  EXPECT_DOUBLE_EQ(total_for_category(on, "general_services"), 1.0);
  const auto year = fte_average(contracts, d("2024-01-01"), d("2024-12-31"));
  EXPECT_DOUBLE_EQ(total_for_establishment(year, 1), 0.5);
  EXPECT_DOUBLE_EQ((year.at({2, "psychology"})), 0.3 * 184.0 / 366.0);
  EXPECT_DOUBLE_EQ(total(year), 0.5 + 0.3 * 184.0 / 366.0 + 1.0);
}

TEST(StaffContracts, refuses_the_bad_inputs_of_a_contract) {
  auto c = contract(1, 1, "nurse", "2024-05-01", "2024-04-30", 10000);
  EXPECT_TRUE(names(contract_errors(c), "end_date"));  // end before start
  auto fixed = contract(1, 1, "nurse", "2024-05-01", std::nullopt, 5000, "fixed_term");
  EXPECT_TRUE(names(contract_errors(fixed), "end_date"));  // a fixed-term contract without end date
  fixed.end_date = d("2024-06-30");
  fixed.fixed_term_reason.reset();
  EXPECT_TRUE(names(contract_errors(fixed, "contracts/0/"), "contracts/0/fixed_term_reason"));
  fixed.fixed_term_reason = "replacement";
  EXPECT_TRUE(contract_errors(fixed).empty());
  c = contract(1, 1, "nurse", "2024-05-01", std::nullopt, 10001);
  EXPECT_TRUE(names(contract_errors(c), "working_time"));
  c.working_time = 0;
  EXPECT_TRUE(names(contract_errors(c), "working_time"));
  EXPECT_FALSE(working_time_from(1.2));
  EXPECT_FALSE(working_time_from(-0.1));
  EXPECT_FALSE(working_time_from(0));
  EXPECT_EQ(working_time_from(0.8), 8000);
  EXPECT_EQ(working_time_from(1), 10000);
  c = contract(1, 1, "juggler", "2024-05-01", std::nullopt, 10000);
  EXPECT_TRUE(names(contract_errors(c), "job"));
}

TEST(StaffContracts, refuses_overlapping_contracts_above_full_time_on_one_establishment) {
  const std::vector<Contract> existing{contract(1, 1, "nurse", "2024-01-01", std::nullopt, 6000),
                                       contract(2, 2, "nurse", "2024-01-01", std::nullopt, 5000)};
  // 0.6 + 0.5 on establishment 1 from June: refused; the same on establishment 2's … other one: fine.
  EXPECT_TRUE(
      names(contract_conflicts(contract(0, 1, "nurse", "2024-06-01", "2024-08-31", 5000, "fixed_term"), existing),
            "working_time"));
  EXPECT_TRUE(
      contract_conflicts(contract(0, 1, "nurse", "2024-06-01", "2024-08-31", 4000, "fixed_term"), existing).empty());
  EXPECT_TRUE(contract_conflicts(contract(0, 3, "nurse", "2024-06-01", std::nullopt, 10000), existing).empty());
  // Before the existing contract starts: no overlap.
  EXPECT_TRUE(
      contract_conflicts(contract(0, 1, "nurse", "2023-01-01", "2023-12-31", 10000, "fixed_term"), existing).empty());
  // A new contract that starts earlier and reaches into the existing one: the sum is checked where it starts.
  EXPECT_FALSE(
      contract_conflicts(contract(0, 1, "nurse", "2023-06-01", "2024-02-01", 5000, "fixed_term"), existing).empty());
  // A contract changed in place is not compared with itself.
  EXPECT_TRUE(contract_conflicts(contract(1, 1, "nurse", "2024-01-01", std::nullopt, 10000), existing).empty());
}

TEST(StaffAbsences, accepts_an_absence_within_a_contract_and_refuses_one_outside) {
  const std::vector<Contract> contracts{contract(1, 1, "nurse", "2024-01-01", "2024-06-30", 5000, "fixed_term"),
                                        contract(2, 1, "nurse", "2024-07-01", std::nullopt, 10000)};
  Absence a;
  a.kind = "illness";
  a.start_date = d("2024-06-20");
  a.end_date = d("2024-07-10");  // across two consecutive contracts
  EXPECT_TRUE(absence_errors(a, contracts).empty());
  EXPECT_DOUBLE_EQ(a.calendar_days(), 21.0);
  a.start_date = d("2023-12-30");
  EXPECT_TRUE(names(absence_errors(a, contracts, "rows/2/"), "rows/2/start_date"));
  a.start_date = d("2024-08-01");
  a.end_date = d("2024-07-31");
  EXPECT_TRUE(names(absence_errors(a, contracts), "end_date"));
  a.kind = "flu";
  a.end_date = d("2024-08-01");
  EXPECT_TRUE(names(absence_errors(a, contracts), "kind"));
  // A half day.
  a.kind = "training";
  a.start_half_day = true;
  EXPECT_DOUBLE_EQ(a.calendar_days(), 0.5);
  a.end_half_day = true;
  EXPECT_TRUE(names(absence_errors(a, contracts), "end_half_day"));
  // No contract at all.
  a.end_half_day = false;
  EXPECT_FALSE(absence_errors(a, {}).empty());
}

TEST(StaffReference, reads_job_titles_as_written_and_never_guesses) {
  ASSERT_NE(job_by_name("Éducateur spécialisé"), nullptr);
  EXPECT_EQ(job_by_name("educateur specialise")->code, "specialised_educator");
  EXPECT_EQ(job_by_name("AES/AMP")->category, "educational_social");
  EXPECT_EQ(job_by_name("Infirmière")->code, "nurse");
  EXPECT_EQ(job_by_name("Educateur"), nullptr);
  EXPECT_EQ(job_by_name("Jongleur"), nullptr);
  EXPECT_EQ(absenteeism_group("paid_leave"), "excluded");
  EXPECT_EQ(absenteeism_group("occupational_disease"), "work_accident_occupational_disease");
  EXPECT_TRUE(is_permanent("civil_servant"));
  EXPECT_FALSE(is_permanent("fixed_term"));
}

TEST(StaffAbsences, refuses_an_absence_over_another_but_lets_half_days_meet) {
  Absence first;
  first.id = 1;
  first.kind = "illness";
  first.start_date = d("2025-03-03");
  first.end_date = d("2025-03-07");
  first.end_half_day = true;  // back on Friday afternoon
  Absence next;
  next.kind = "training";
  next.start_date = d("2025-03-05");
  next.end_date = d("2025-03-05");
  EXPECT_TRUE(names(absence_overlaps(next, {first}), "start_date"));
  next.start_date = next.end_date = d("2025-03-07");
  EXPECT_FALSE(absence_overlaps(next, {first}).empty());  // the whole Friday: the morning counted twice
  next.start_half_day = true;                             // Friday afternoon only
  EXPECT_TRUE(absence_overlaps(next, {first}).empty());
  next.start_date = next.end_date = d("2025-03-10");
  next.start_half_day = false;
  EXPECT_TRUE(absence_overlaps(next, {first}).empty());
}
