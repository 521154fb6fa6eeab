// JSON request bodies as handlers read them: parse_json (syntax, depth), then JsonReader (types, unknown
// fields, UTF-8, control characters, lengths, ranges), the way a handler reads an object with a list of
// nested objects. Fields the schema does not name are read by the kind their first letter gives, so the
// fuzzer reaches every reader with any value; the rest must be refused as unknown by finish().
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/json_reader.hpp"
#include "core/text.hpp"
#include "problem_check.hpp"

namespace {

using namespace passerelle;

void check_text(const std::optional<std::string>& value, std::size_t max_length, bool required) {
  if (!value) return;
  FUZZ_CHECK(!text_problem(*value, max_length), "an accepted text is valid UTF-8 without control characters");
  FUZZ_CHECK(*value == trim(*value), "an accepted text is trimmed");
  FUZZ_CHECK(!required || !value->empty(), "a required text is not blank");
}

void check_paragraphs(const std::optional<std::string>& value, std::size_t max_length) {
  if (!value) return;
  FUZZ_CHECK(value->find('\r') == std::string::npos, "line ends are LF only");
  std::string flat = *value;
  for (auto& c : flat)
    if (c == '\n') c = ' ';
  FUZZ_CHECK(!text_problem(flat, max_length), "accepted paragraphs are valid UTF-8 within the length");
  FUZZ_CHECK(value->empty() || (value->front() != '\n' && value->back() != '\n'), "paragraphs are trimmed");
}

// Equality, except that doubles may differ in their last bits: Boost.JSON 1.81 parses decimal numbers
// without correct rounding (a known limitation, number_precision::precise came in 1.83).
bool same_value(const boost::json::value& a, const boost::json::value& b) {
  if (a.is_double() && b.is_double()) {
    const double x = a.get_double(), y = b.get_double();
    return x == y || std::fabs(x - y) <= 1e-12 * std::max(std::fabs(x), std::fabs(y));
  }
  if (a.is_array() && b.is_array()) {
    const auto &x = a.get_array(), &y = b.get_array();
    if (x.size() != y.size()) return false;
    for (std::size_t i = 0; i < x.size(); ++i)
      if (!same_value(x[i], y[i])) return false;
    return true;
  }
  if (a.is_object() && b.is_object()) {
    const auto &x = a.get_object(), &y = b.get_object();
    if (x.size() != y.size()) return false;
    for (const auto& member : x) {
      const auto* other = y.if_contains(member.key());
      if (!other || !same_value(member.value(), *other)) return false;
    }
    return true;
  }
  return a == b;
}

// What a handler does with one object; `depth` bounds the nesting this schema follows.
void read_object(const boost::json::value& value, const std::string& prefix, int depth) {
  JsonReader reader(value, prefix);
  check_text(reader.text("name", depth == 0, 40), 40, depth == 0);
  check_paragraphs(reader.paragraphs("note", false, 300), 300);
  if (auto count = reader.integer("count", false, -5, 1000)) FUZZ_CHECK(*count >= -5 && *count <= 1000, "range");
  reader.boolean("active", false);
  if (auto ratio = reader.number("ratio", false)) FUZZ_CHECK(std::isfinite(*ratio), "a number is finite");
  if (auto kind = reader.choice("kind", false, {"admission", "sortie", "note"}))
    FUZZ_CHECK(*kind == "admission" || *kind == "sortie" || *kind == "note", "a choice is one of the list");
  if (const auto* items = reader.array("items", false); items && depth < 3) {
    std::size_t index = 0;
    for (const auto& item : *items) {
      if (index == 20) break;
      try {
        read_object(item, prefix + "items/" + std::to_string(index++) + "/", depth + 1);
      } catch (const Problem& problem) {
        reader.fail("items", "élément invalide");  // handlers gather nested errors into the parent's
      }
    }
  }
  reader.object("options", false);
  if (const auto* object = value.if_object()) {
    for (const auto& member : *object) {
      const std::string_view key = member.key();
      if (key.size() < 2 || key[1] != '_') continue;
      switch (key[0]) {  // "t_x": text, "p_x": paragraphs, … "u_x" stays unknown
        case 't': check_text(reader.text(key, false, 10), 10, false); break;
        case 'r': check_text(reader.text(key, true, 200), 200, true); break;
        case 'p': check_paragraphs(reader.paragraphs(key, false, 20), 20); break;
        case 'i': reader.integer(key, true); break;
        case 'b': reader.boolean(key, false); break;
        case 'n': reader.number(key, false); break;
        case 'a': reader.array(key, false); break;
        case 'o': reader.object(key, false); break;
        case 'c': reader.choice(key, false, {"oui", "non"}); break;
        default: break;
      }
    }
  }
  const bool clean = reader.ok();
  try {
    reader.finish();
    FUZZ_CHECK(clean, "finish() passes only when nothing was wrong");
  } catch (const Problem& problem) {
    FUZZ_CHECK(problem.status() == 422, "a badly shaped body is a 422");
    FUZZ_CHECK(!problem.errors().empty(), "a 422 names its fields");
    for (const auto& error : problem.errors())
      FUZZ_CHECK(std::string_view(error.field).starts_with(prefix.empty() ? "" : prefix) || error.field == prefix,
                 "nested errors are named under their prefix");
    fuzz::check_problem_response(problem);
    throw;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  boost::json::value value;
  try {
    value = parse_json(body);
  } catch (const Problem& problem) {
    FUZZ_CHECK(problem.status() == 400, "a body that is not JSON is a 400");
    fuzz::check_problem_response(problem);
    return 0;
  }
  // Handlers echo what they read: the value must serialise to JSON that parses back to the same value.
  const auto round_trip = boost::json::parse(boost::json::serialize(value));
  FUZZ_CHECK(same_value(round_trip, value), "a parsed body serialises back to the same value");
  try {
    read_object(value, "", 0);
  } catch (const Problem&) {
    // checked where it was thrown
  }
  return 0;
}
