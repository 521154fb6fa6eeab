#include <gtest/gtest.h>

#include "core/date.hpp"

using namespace passerelle;

TEST(Date, parses_real_days_only) {
  EXPECT_TRUE(Date::parse("2024-02-29"));
  EXPECT_FALSE(Date::parse("2023-02-29"));
  EXPECT_FALSE(Date::parse("2024-13-01"));
  EXPECT_FALSE(Date::parse("2024-1-01"));
  EXPECT_FALSE(Date::parse("01/02/2024"));
  EXPECT_FALSE(Date::parse("2024-02-3x"));
  EXPECT_EQ(Date::parse("2026-11-23")->to_string(), "2026-11-23");
}

TEST(Date, counts_days_and_weekdays) {
  auto a = *Date::parse("2024-01-01"), b = *Date::parse("2024-12-31");
  EXPECT_EQ(days_between(a, b), 365);  // leap year: 366 days, both ends included
  EXPECT_EQ(a.weekday(), 0);            // a Monday
  EXPECT_EQ(Date::parse("2026-11-22")->weekday(), 6);
  EXPECT_EQ(Date::parse("2024-01-31")->plus_months(1).to_string(), "2024-02-29");
  EXPECT_EQ(Date::parse("2024-02-29")->plus_years(1).to_string(), "2025-02-28");
}

TEST(Period, overlaps_and_days_within) {
  Period jan{*Date::parse("2024-01-01"), *Date::parse("2024-01-31")};
  Period open{*Date::parse("2024-01-31"), std::nullopt};
  Period feb{*Date::parse("2024-02-01"), *Date::parse("2024-02-29")};
  EXPECT_TRUE(jan.overlaps(open));
  EXPECT_FALSE(jan.overlaps(feb));
  EXPECT_TRUE(open.overlaps(feb));
  EXPECT_EQ(jan.days_within(*Date::parse("2024-01-15"), *Date::parse("2024-03-01")), 17);
  EXPECT_EQ(open.days_within(*Date::parse("2024-01-01"), *Date::parse("2024-02-29")), 30);
}
