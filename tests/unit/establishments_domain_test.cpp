#include <gtest/gtest.h>

#include "core/problem.hpp"
#include "modules/establishments/domain.hpp"
#include "modules/establishments/reference.hpp"

using namespace passerelle;
using namespace passerelle::modules::establishments;

namespace {

Date d(const char* text) {
  return *Date::parse(text);
}

CapacityPeriod period(std::int64_t id, const char* mode, const char* status, std::int64_t places, const char* from,
                      const char* to = nullptr) {
  return {id, mode, status, places, {d(from), to ? std::optional(d(to)) : std::nullopt}};
}

std::int64_t value_of(const std::vector<CapacityLine>& lines, const char* mode, const char* status) {
  for (const auto& l : lines)
    if (l.care_mode == mode && l.status == status) return l.places;
  return -1;
}

int status_of(const std::string& json, bool create = true) {
  try {
    auto value = boost::json::parse(json);
    Profile current;
    if (create) read_profile(value);
    else read_profile(value, &current);
    return 200;
  } catch (const Problem& p) {
    return p.status();
  }
}

}  // namespace

TEST(Capacity, on_a_date_takes_the_period_covering_it) {
  std::vector<CapacityPeriod> periods = {period(1, "11", "authorised", 20, "2024-01-01", "2024-06-30"),
                                         period(2, "11", "authorised", 25, "2024-07-01"),
                                         period(3, "13", "funded", 10, "2024-03-01", "2024-03-31")};
  EXPECT_EQ(value_of(capacity_on(periods, d("2024-06-30")), "11", "authorised"), 20);
  EXPECT_EQ(value_of(capacity_on(periods, d("2024-07-01")), "11", "authorised"), 25);
  EXPECT_EQ(value_of(capacity_on(periods, d("2030-01-01")), "11", "authorised"), 25);
  EXPECT_TRUE(capacity_on(periods, d("2023-12-31")).empty());
  EXPECT_EQ(value_of(capacity_on(periods, d("2024-03-15")), "13", "funded"), 10);
}

TEST(Capacity, place_days_are_hand_computed) {
  std::vector<CapacityPeriod> periods = {period(1, "11", "authorised", 20, "2024-01-01", "2024-06-30"),
                                         period(2, "11", "authorised", 25, "2024-07-01")};
  EXPECT_EQ(value_of(place_days(periods, d("2024-06-01"), d("2024-07-31")), "11", "authorised"), 20 * 30 + 25 * 31);
  // 2024 is a leap year: 182 days to 30 June, 184 after.
  EXPECT_EQ(value_of(place_days(periods, d("2024-01-01"), d("2024-12-31")), "11", "authorised"), 20 * 182 + 25 * 184);
  EXPECT_TRUE(place_days(periods, d("2023-01-01"), d("2023-12-31")).empty());
}

TEST(Capacity, overlapping_periods_of_one_kind_and_status_are_refused) {
  std::vector<CapacityPeriod> periods = {period(1, "11", "authorised", 20, "2024-01-01", "2024-06-30")};
  EXPECT_THROW(check_no_overlap(periods, period(0, "11", "authorised", 5, "2024-06-30")), Problem);
  EXPECT_THROW(check_no_overlap(periods, period(0, "11", "authorised", 5, "2023-01-01")), Problem);  // open end
  EXPECT_NO_THROW(check_no_overlap(periods, period(0, "11", "authorised", 5, "2024-07-01")));
  EXPECT_NO_THROW(check_no_overlap(periods, period(0, "11", "funded", 5, "2024-01-01")));
  EXPECT_NO_THROW(check_no_overlap(periods, period(0, "13", "authorised", 5, "2024-01-01")));
  EXPECT_NO_THROW(check_no_overlap(periods, period(1, "11", "authorised", 20, "2024-01-01", "2024-12-31")));  // itself
}

TEST(Calendar, weekly_pattern_minus_closures) {
  Calendar weekdays{"13", 2024, std::nullopt, "1111100"};
  EXPECT_EQ(days_open(weekdays, {}), 262);
  std::vector<Closure> summer = {{1, std::nullopt, d("2024-08-05"), d("2024-08-16"), "fermeture estivale"}};
  EXPECT_EQ(days_open(weekdays, summer), 252);
  std::vector<Closure> other_mode = {{1, std::string("11"), d("2024-08-05"), d("2024-08-16"), "internat"}};
  EXPECT_EQ(days_open(weekdays, other_mode), 262);
  EXPECT_EQ(days_open({"13", 2024, 210, std::nullopt}, summer), 210);
  EXPECT_EQ(days_open({"11", 2023, std::nullopt, "1111111"}, {}), 365);
}

TEST(Authorisation, renewal_is_due_within_twelve_months) {
  Authorisation a;
  a.decision_date = d("2012-01-03");
  a.renewal_date = a.decision_date.plus_years(15);
  EXPECT_EQ(a.renewal_date.to_string(), "2027-01-03");
  EXPECT_TRUE(renewal_due(a, d("2026-01-03")));
  EXPECT_FALSE(renewal_due(a, d("2026-01-02")));
}

TEST(Profile, validates_finess_category_codes_and_fields) {
  EXPECT_EQ(status_of(R"({"finess_et":"690781810","name":"IME","category_code":"183"})"), 200);
  EXPECT_EQ(status_of(R"({"finess_et":"010001262","name":"IME","category_code":"183"})"), 422);  // key
  EXPECT_EQ(status_of(R"({"finess_et":"01000126","name":"IME","category_code":"183"})"), 422);   // length
  EXPECT_EQ(status_of(R"({"finess_et":"690781810","name":"IME","category_code":"999"})"), 422);  // unknown
  EXPECT_EQ(status_of(R"({"finess_et":"690781810","name":"FV","category_code":"382"})"), 422);   // closed in 2018
  EXPECT_EQ(status_of(R"({"finess_et":"690781810","name":"IME","category_code":"183","funders":["cpam"]})"), 422);
  EXPECT_EQ(status_of(R"({"finess_et":"690781810","name":"IME","category_code":"183","postal_code":"6910"})"), 422);
  EXPECT_EQ(status_of(R"({"name":"Nouveau nom"})", false), 200);  // an update names only what changes
  EXPECT_EQ(status_of(R"({"organisation_id":2})", false), 422);    // not changeable
  EXPECT_EQ(search_text_of([] {
              Profile p;
              p.name = "EEAP Les Petits Pas";
              p.finess_et = "690001102";
              p.city = "Écully";
              return p;
            }()),
            "eeap les petits pas 690001102 ecully");
}

TEST(Reference, every_category_of_the_anap_dashboard_is_known) {
  for (const char* code : {"190", "189", "249", "500", "246", "192", "188", "437", "449", "183", "195", "194", "196",
                           "186", "255", "446", "445", "354", "209", "182"})
    EXPECT_NE(find_category(code), nullptr) << code;
}
