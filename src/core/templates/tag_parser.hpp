#pragma once
// What stands between the braces of one tag: "person.birth_date | date_long" or "if not contact.civility".
// Syntax only; whether a field exists is for the parser, which knows the catalogue.
#include <optional>
#include <string>
#include <vector>

#include "core/templates/scanner.hpp"
#include "core/templates/syntax.hpp"

namespace passerelle::templates::detail {

struct FieldTag {
  std::string name;
  Position name_position;
  std::vector<Filter> filters;
};

enum class SectionKeyword { if_, else_, endif };

struct SectionTag {
  SectionKeyword keyword;
  std::string name;  // for if_
  Position name_position;
  bool negated = false;
};

// Nothing, with the reasons added to `errors`, when the tag cannot be read. An unknown filter is
// reported but does not make the tag unreadable, so that its field is still checked.
std::optional<FieldTag> read_field_tag(const Piece& tag, std::vector<Diagnostic>& errors);
std::optional<SectionTag> read_section_tag(const Piece& tag, std::vector<Diagnostic>& errors);

}  // namespace passerelle::templates::detail
