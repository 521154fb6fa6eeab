#include <gtest/gtest.h>

#include "core/pagination.hpp"
#include "core/route_table.hpp"

using namespace passerelle;

TEST(RouteTable, matches_patterns_and_reports_other_methods) {
  RouteTable t;
  t.add("GET", "/api/v1/things/{id}", {"get", "t", {}, "", true}, [](Request&) { return Response::no_content(); });
  t.add("POST", "/api/v1/things", {"create", "t", {}, "", true}, [](Request&) { return Response::no_content(); });
  auto m = t.match("GET", "/api/v1/things/42");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.params.at("id"), "42");
  auto wrong = t.match("DELETE", "/api/v1/things");
  EXPECT_EQ(wrong.route, nullptr);
  ASSERT_EQ(wrong.allowed_methods.size(), 1u);
  EXPECT_EQ(t.match("GET", "/api/v1/nothing").route, nullptr);
  EXPECT_NE(t.match("HEAD", "/api/v1/things/1").route, nullptr);
}

TEST(RouteTable, refuses_duplicates_and_undocumented_routes) {
  RouteTable t;
  t.add("GET", "/a", {"a", "t", {}, "", true}, [](Request&) { return Response::no_content(); });
  EXPECT_THROW(t.add("GET", "/a", {"a", "t", {}, "", true}, [](Request&) { return Response::no_content(); }), std::logic_error);
  EXPECT_THROW(t.add("GET", "/b", {"", "t", {}, "", true}, [](Request&) { return Response::no_content(); }), std::logic_error);
}

TEST(RouteTable, knows_the_largest_body_a_route_accepts) {
  RouteTable t;
  EXPECT_EQ(t.largest_body_limit(), 0u);
  t.add("POST", "/json", {"json", "t", {}, "", true}, [](Request&) { return Response::no_content(); });
  EXPECT_EQ(t.largest_body_limit(), 0u);  // the server's own limit applies
  RouteDoc upload{"upload", "t", {}, "a file", true};
  upload.body_limit = 20u << 20;
  t.add("POST", "/files/{id}", upload, [](Request&) { return Response::no_content(); });
  upload.body_limit = 5u << 20;
  t.add("PUT", "/photo", upload, [](Request&) { return Response::no_content(); });
  EXPECT_EQ(t.largest_body_limit(), 20u << 20);
  EXPECT_EQ(t.match("POST", "/files/3").route->doc.body_limit, 20u << 20);
}

TEST(Pagination, round_trips_a_cursor_and_refuses_forged_ones) {
  Request r;
  r.query.emplace("cursor", encode_cursor(1234));
  r.query.emplace("limit", "10");
  auto page = page_request(r);
  EXPECT_EQ(page.after_id, 1234);
  EXPECT_EQ(page.limit, 10);
  Request bad;
  bad.query.emplace("cursor", "not-a-cursor!");
  EXPECT_THROW(page_request(bad), Problem);
  Request big;
  big.query.emplace("limit", "100000");
  EXPECT_THROW(page_request(big), Problem);
}

TEST(Pagination, gives_a_next_cursor_only_when_more_rows_exist) {
  PageRequest page{2, 0};
  boost::json::array three{{{"id", 1}}, {{"id", 2}}, {{"id", 3}}};
  auto full = page_of(three, page);
  EXPECT_EQ(full.at("items").as_array().size(), 2u);
  EXPECT_EQ(full.at("next_cursor").as_string(), encode_cursor(2));
  boost::json::array two{{{"id", 1}}, {{"id", 2}}};
  EXPECT_TRUE(page_of(two, page).at("next_cursor").is_null());
}
