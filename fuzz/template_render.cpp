// The mail-merge template language: parse() against a field catalogue, then render() with values.
// Input: the template, then optionally a NUL byte and the values of the catalogue's fields, one a line
// (a line "~" leaves the field missing). A refused template must be a 422 naming lines and columns;
// render() must never fail, and its output is UTF-8 whenever the template and the values are.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "core/templates/template.hpp"
#include "core/text.hpp"
#include "problem_check.hpp"

using namespace passerelle;
using namespace passerelle::templates;

namespace {

const FieldCatalogue& catalogue() {
  static const FieldCatalogue fields = {
      {"person.birth_name", "nom de naissance", "DUPONT"},
      {"person.first_name", "prénom", "Élise"},
      {"person.birth_date", "date de naissance", "1990-03-01"},
      {"contact.civility", "civilité", "Madame"},
      {"stay.start_date", "date d'admission", "2026-03-03"},
      {"establishment.name", "établissement", "Foyer Les Tilleuls"},
  };
  return fields;
}

bool is_utf8(std::string_view text) { return text.empty() || !code_points(text).empty(); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto split = input.find('\0');
  const std::string_view source = input.substr(0, split);
  Values values;
  bool values_utf8 = true;
  if (split != std::string_view::npos) {
    std::string_view rest = input.substr(split + 1);
    for (const auto& field : catalogue()) {
      const auto end = rest.find('\n');
      const auto value = rest.substr(0, end);
      if (value != "~") values[field.name] = std::string(value);
      values_utf8 = values_utf8 && is_utf8(value);
      if (end == std::string_view::npos) break;
      rest.remove_prefix(end + 1);
    }
  }

  std::optional<Template> letter;
  try {
    letter = parse(source, catalogue());
  } catch (const Problem& problem) {
    FUZZ_CHECK(problem.status() == 422, "a refused template is a 422");
    FUZZ_CHECK(!problem.errors().empty(), "a refused template says why");
    FUZZ_CHECK(problem.errors().size() <= max_reported_errors + 1, "errors are capped");
    for (const auto& error : problem.errors()) {
      FUZZ_CHECK(error.field == "template", "errors name the template field");
      FUZZ_CHECK(error.message.starts_with("ligne ") || problem.errors().size() > max_reported_errors ||
                     source.size() > max_source_bytes,
                 "an error gives its line");
    }
    fuzz::check_problem_response(problem);
    return 0;
  }
  FUZZ_CHECK(source.size() <= max_source_bytes, "an oversized template is refused");
  FUZZ_CHECK(std::is_sorted(letter->fields().begin(), letter->fields().end()), "fields are sorted");
  FUZZ_CHECK(std::adjacent_find(letter->fields().begin(), letter->fields().end()) == letter->fields().end(),
             "fields are listed once");
  for (const auto& name : letter->fields())
    FUZZ_CHECK(std::any_of(catalogue().begin(), catalogue().end(), [&](const Field& f) { return f.name == name; }),
               "only catalogue fields are used");

  std::string out;
  try {
    out = render(*letter, values);
  } catch (const Problem& problem) {
    std::fprintf(stderr, "render threw: %s\n", problem.detail().c_str());
    FUZZ_CHECK(false, "render never fails");
  }
  FUZZ_CHECK(out == render(*letter, values), "rendering is deterministic");
  if (values_utf8) FUZZ_CHECK(is_utf8(out), "the letter is UTF-8 when the template and values are");
  if (source.find('{') == std::string_view::npos) {
    std::string expected;
    for (std::size_t i = 0; i < source.size(); ++i)
      if (!(source[i] == '\r' && i + 1 < source.size() && source[i + 1] == '\n')) expected += source[i];
    if (!expected.empty() && expected.back() == '\r') expected.pop_back();  // a last line's CR goes too
    FUZZ_CHECK(out == expected, "a template without tags is its own text (CRLF read as LF)");
  }
  return 0;
}
