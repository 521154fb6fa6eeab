#include <gtest/gtest.h>

#include "modules/steering/cpom.hpp"

using namespace passerelle;
using namespace passerelle::modules::steering;
using namespace passerelle::modules::steering::cpom;

namespace {

Date d(const char* text) { return *Date::parse(text); }

Cpom contract(const char* from = "2024-01-01", const char* to = "2028-12-31") {
  Cpom c;
  c.id = 1;
  c.organisation_id = 7;
  c.name = "CPOM 2024-2028";
  c.funders = {"ars"};
  c.establishment_ids = {10, 11};
  c.start_date = d(from);
  c.end_date = d(to);
  return c;
}

Action action(const char* status, std::int64_t progress, const char* deadline = "2025-06-30") {
  Action a;
  a.label = "Créer une unité d'accueil de jour";
  a.status = status;
  a.progress = progress;
  a.deadline = d(deadline);
  return a;
}

Indicator indicator(int target_year = 2026) {
  Indicator i;
  i.label = "Taux d'occupation";
  i.unit = "rate";
  i.target_value = 0.95;
  i.target_year = target_year;
  return i;
}

bool names(const std::vector<FieldError>& errors, const std::string& field) {
  for (const auto& e : errors)
    if (e.field == field) return true;
  return false;
}

}  // namespace

TEST(CpomDuration, accepts_five_years_and_six_with_an_amendment_but_not_more) {
  EXPECT_TRUE(cpom_errors(contract("2024-01-01", "2028-12-31")).empty());
  EXPECT_TRUE(cpom_errors(contract("2024-01-01", "2029-12-31")).empty());
  EXPECT_TRUE(names(cpom_errors(contract("2024-01-01", "2030-01-01")), "end_date"));
  EXPECT_TRUE(names(cpom_errors(contract("2024-03-15", "2030-03-15")), "end_date"));
  EXPECT_TRUE(cpom_errors(contract("2024-03-15", "2030-03-14")).empty());
}

TEST(CpomDuration, refuses_an_end_before_or_on_the_start) {
  EXPECT_TRUE(names(cpom_errors(contract("2024-01-01", "2023-12-31")), "end_date"));
  EXPECT_TRUE(names(cpom_errors(contract("2024-01-01", "2024-01-01")), "end_date"));
}

TEST(CpomDuration, needs_a_funder_an_establishment_and_a_known_status) {
  auto c = contract();
  c.funders.clear();
  c.establishment_ids.clear();
  c.status = "negotiated";
  const auto errors = cpom_errors(c);
  EXPECT_TRUE(names(errors, "funders"));
  EXPECT_TRUE(names(errors, "establishment_ids"));
  EXPECT_TRUE(names(errors, "status"));
}

TEST(CpomActions, ties_the_percentage_to_the_status) {
  const auto c = contract();
  EXPECT_TRUE(action_errors(action("not_started", 0), c).empty());
  EXPECT_TRUE(names(action_errors(action("not_started", 20), c), "progress"));
  EXPECT_TRUE(action_errors(action("in_progress", 40), c).empty());
  EXPECT_TRUE(action_errors(action("done", 100), c).empty());
  EXPECT_TRUE(names(action_errors(action("done", 90), c), "progress"));
  EXPECT_TRUE(action_errors(action("abandoned", 30), c).empty());
  EXPECT_TRUE(names(action_errors(action("in_progress", 101), c), "progress"));
  EXPECT_TRUE(names(action_errors(action("paused", 10), c), "status"));
}

TEST(CpomActions, a_new_status_without_percentage_implies_one) {
  EXPECT_EQ(implied_progress("done", 40), 100);
  EXPECT_EQ(implied_progress("not_started", 40), 0);
  EXPECT_EQ(implied_progress("in_progress", 40), 40);
  EXPECT_EQ(implied_progress("abandoned", 40), 40);
}

TEST(CpomActions, keeps_dates_within_the_contract_and_in_order) {
  const auto c = contract();
  auto a = action("in_progress", 10, "2025-06-30");
  a.start_date = d("2025-07-01");
  EXPECT_TRUE(names(action_errors(a, c, "actions/2/"), "actions/2/deadline"));
  a.start_date = d("2023-12-31");
  EXPECT_TRUE(names(action_errors(a, c, "actions/2/"), "actions/2/start_date"));
  EXPECT_TRUE(names(action_errors(action("in_progress", 10, "2029-01-01"), c), "deadline"));
  a.start_date = d("2024-01-01");
  EXPECT_TRUE(action_errors(a, c).empty());
}

TEST(CpomActions, concern_only_the_contracts_establishments) {
  const auto c = contract();
  auto a = action("not_started", 0);
  a.establishment_ids = {11, 12, 11};
  const auto errors = action_errors(a, c);
  EXPECT_FALSE(names(errors, "establishment_ids/0"));
  EXPECT_TRUE(names(errors, "establishment_ids/1"));
  EXPECT_TRUE(names(errors, "establishment_ids/2"));
}

TEST(CpomProgress, averages_actions_leaving_abandoned_ones_out) {
  EXPECT_FALSE(sheet_progress({}).has_value());
  EXPECT_FALSE(sheet_progress({action("abandoned", 50)}).has_value());
  EXPECT_DOUBLE_EQ(*sheet_progress({action("done", 100), action("in_progress", 50), action("not_started", 0),
                                    action("abandoned", 10)}),
                   50.0);
  EXPECT_DOUBLE_EQ(*sheet_progress({action("in_progress", 25), action("in_progress", 30)}), 27.5);
}

TEST(CpomProgress, averages_sheets_leaving_those_without_actions_out) {
  EXPECT_FALSE(cpom_progress({}).has_value());
  EXPECT_FALSE(cpom_progress({std::nullopt}).has_value());
  EXPECT_DOUBLE_EQ(*cpom_progress({100.0, std::nullopt, 50.0}), 75.0);
}

TEST(CpomProgress, an_action_is_late_past_its_deadline_unless_done_or_abandoned) {
  const auto today = d("2025-07-01");
  EXPECT_TRUE(is_late(action("in_progress", 50, "2025-06-30"), today));
  EXPECT_TRUE(is_late(action("not_started", 0, "2025-06-30"), today));
  EXPECT_FALSE(is_late(action("in_progress", 50, "2025-07-01"), today));
  EXPECT_FALSE(is_late(action("done", 100, "2025-06-30"), today));
  EXPECT_FALSE(is_late(action("abandoned", 0, "2025-06-30"), today));
}

TEST(CpomIndicators, keep_target_and_values_within_the_contracts_years) {
  const auto c = contract();
  EXPECT_TRUE(indicator_errors(indicator(2028), c).empty());
  EXPECT_TRUE(names(indicator_errors(indicator(2029), c), "target_year"));
  EXPECT_TRUE(names(indicator_errors(indicator(2023), c), "target_year"));
  auto i = indicator();
  i.values = {{2024, 0.91}, {2025, 0.93}, {2024, 0.92}, {2030, 0.9}};
  const auto errors = indicator_errors(i, c, "indicators/0/");
  EXPECT_FALSE(names(errors, "indicators/0/values/1/year"));
  EXPECT_TRUE(names(errors, "indicators/0/values/2/year"));
  EXPECT_TRUE(names(errors, "indicators/0/values/3/year"));
  i.unit = "litres";
  EXPECT_TRUE(names(indicator_errors(i, c), "unit"));
}

TEST(CpomIndicators, link_only_to_a_computed_indicator_with_one_value_and_a_scope) {
  const auto c = contract();
  auto i = indicator();
  i.computed_id = "ACT-02";
  EXPECT_TRUE(names(indicator_errors(i, c), "computed_scope"));
  i.computed_scope = "establishment:10";
  EXPECT_TRUE(indicator_errors(i, c).empty());
  i.computed_scope = "establishment:x";
  EXPECT_TRUE(names(indicator_errors(i, c), "computed_scope"));
  i.computed_scope = "organisation";
  i.unit = "days";
  EXPECT_TRUE(names(indicator_errors(i, c), "unit"));
  i.unit = "rate";
  i.computed_id = "ACT-99";
  EXPECT_TRUE(names(indicator_errors(i, c), "computed_id"));
  // Distributions (age pyramids) have no single value to follow.
  i.computed_id = "ACT-07-AGE";
  EXPECT_TRUE(names(indicator_errors(i, c), "computed_id"));
  // A scope without a computed indicator means nothing.
  auto free = indicator();
  free.computed_scope = "organisation";
  EXPECT_TRUE(names(indicator_errors(free, c), "computed_scope"));
}

TEST(CpomIndicators, parse_the_three_scopes_of_the_organisation) {
  auto o = parse_scope("organisation", 7);
  ASSERT_TRUE(o);
  EXPECT_EQ(o->kind, Scope::Kind::organisation);
  EXPECT_EQ(o->organisation_id, 7);
  auto e = parse_scope("establishment:12", 7);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->kind, Scope::Kind::establishment);
  EXPECT_EQ(e->establishment_id, 12);
  auto k = parse_scope("category:246", 7);
  ASSERT_TRUE(k);
  EXPECT_EQ(k->category, "246");
  EXPECT_FALSE(parse_scope("organisation:8", 7));
  EXPECT_FALSE(parse_scope("establishment:0", 7));
  EXPECT_FALSE(parse_scope("establishment:12a", 7));
  EXPECT_FALSE(parse_scope("category:24", 7));
  EXPECT_FALSE(parse_scope("platform", 7));
}

TEST(CpomIndicators, compare_the_latest_value_with_the_target_in_its_direction) {
  auto i = indicator();
  EXPECT_FALSE(latest_value(i, std::nullopt).has_value());
  i.values = {{2025, 0.96}, {2024, 0.9}};
  EXPECT_DOUBLE_EQ(*latest_value(i, std::nullopt), 0.96);
  EXPECT_EQ(target_reached(i, latest_value(i, std::nullopt)), true);
  // Linked: the computed value when there is one, else the latest recorded.
  i.computed_id = "ACT-02";
  EXPECT_DOUBLE_EQ(*latest_value(i, 0.93), 0.93);
  EXPECT_DOUBLE_EQ(*latest_value(i, std::nullopt), 0.96);
  EXPECT_EQ(target_reached(i, 0.93), false);
  // Lower is better (absenteeism): the target is a ceiling.
  i.higher_is_better = false;
  i.target_value = 0.08;
  EXPECT_EQ(target_reached(i, 0.07), true);
  EXPECT_EQ(target_reached(i, 0.09), false);
  EXPECT_FALSE(target_reached(i, std::nullopt).has_value());
}

TEST(CpomIndicators, compute_the_current_value_over_the_contracts_current_year) {
  const auto c = contract("2024-04-01", "2028-03-31");
  EXPECT_FALSE(current_period(c, d("2024-03-31")).has_value());
  // First year: from the start.
  auto p = current_period(c, d("2024-09-15"));
  ASSERT_TRUE(p);
  EXPECT_EQ(p->first, d("2024-04-01"));
  EXPECT_EQ(p->second, d("2024-09-15"));
  // Later: from 1 January.
  p = current_period(c, d("2026-02-10"));
  EXPECT_EQ(p->first, d("2026-01-01"));
  EXPECT_EQ(p->second, d("2026-02-10"));
  // Ended: its last year.
  p = current_period(c, d("2030-06-01"));
  EXPECT_EQ(p->first, d("2028-01-01"));
  EXPECT_EQ(p->second, d("2028-03-31"));
}
