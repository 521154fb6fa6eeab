#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/json_reader.hpp"

using namespace passerelle;

namespace {

std::vector<FieldError> errors_of(const std::string& body, const std::function<void(JsonReader&)>& read) {
  try {
    auto value = parse_json(body);
    JsonReader in(value);
    read(in);
    in.finish();
  } catch (const Problem& p) {
    return p.errors();
  }
  return {};
}

}  // namespace

TEST(JsonReader, refuses_malformed_json_with_a_400) {
  try {
    parse_json("{\"name\": ");
    FAIL();
  } catch (const Problem& p) {
    EXPECT_EQ(p.status(), 400);
    EXPECT_EQ(p.errors().at(0).field, "body");
  }
}

// Found by fuzz/json_request: Boost.JSON reads 1e400 as infinity and writes it back as "Infinity".
TEST(JsonReader, refuses_numbers_beyond_the_range_of_a_double_with_a_400) {
  for (const std::string body : {"{\"ratio\": 1e400}", "{\"items\": [{\"v\": -1e999}]}"}) {
    try {
      parse_json(body);
      ADD_FAILURE() << body;
    } catch (const Problem& p) {
      EXPECT_EQ(p.status(), 400);
      EXPECT_EQ(p.errors().at(0).field, "body");
    }
  }
  EXPECT_EQ(parse_json("{\"ratio\": 1e308}").at("ratio").as_double(), 1e308);
}

TEST(JsonReader, names_every_bad_field_and_unknown_fields) {
  auto errors = errors_of(R"({"name": 3, "count": "x", "extra": true})", [](JsonReader& in) {
    in.text("name", true);
    in.integer("count", true);
  });
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0].field, "name");
  EXPECT_EQ(errors[1].field, "count");
  EXPECT_EQ(errors[2].field, "extra");
}

TEST(JsonReader, refuses_control_characters_and_overlong_text) {
  auto errors = errors_of(R"({"a": "x\u0001y", "b": ")" + std::string(300, 'z') + R"("})", [](JsonReader& in) {
    in.text("a", true);
    in.text("b", true, 200);
  });
  ASSERT_EQ(errors.size(), 2u);
}

TEST(JsonReader, paragraphs_keep_line_breaks_and_refuse_other_control_characters) {
  const std::string body = R"({"a": "Premier paragraphe.\r\n\r\nSecond.\rFin\n", "b": "x\u0007y", "c": " \n "})";
  const auto json = boost::json::parse(body);
  JsonReader in(json);
  EXPECT_EQ(in.paragraphs("a", true, 100), std::optional<std::string>("Premier paragraphe.\n\nSecond.\nFin"));
  EXPECT_FALSE(in.paragraphs("b", true, 100).has_value());
  EXPECT_FALSE(in.paragraphs("c", true, 100).has_value());
  ASSERT_EQ(in.errors().size(), 2u);
  EXPECT_EQ(in.errors()[0].field, "b");
  EXPECT_EQ(in.errors()[1].field, "c");
}

TEST(JsonReader, refuses_a_body_that_is_not_an_object) {
  auto errors = errors_of("[1,2]", [](JsonReader& in) { in.text("name", false); });
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "body");
}

TEST(JsonReader, requires_required_fields_and_accepts_valid_input) {
  EXPECT_EQ(errors_of("{}", [](JsonReader& in) { in.text("name", true); }).size(), 1u);
  EXPECT_TRUE(errors_of(R"({"name":"Élise","n":4})", [](JsonReader& in) {
                in.text("name", true);
                in.integer("n", true, 0, 10);
              }).empty());
}

TEST(JsonReader, refuses_integers_out_of_range_and_floats) {
  EXPECT_EQ(errors_of(R"({"n": 11})", [](JsonReader& in) { in.integer("n", true, 0, 10); }).size(), 1u);
  EXPECT_EQ(errors_of(R"({"n": 1.5})", [](JsonReader& in) { in.integer("n", true); }).size(), 1u);
}
