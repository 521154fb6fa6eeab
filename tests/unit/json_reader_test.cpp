#include <gtest/gtest.h>

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
