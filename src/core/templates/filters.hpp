#pragma once
// The filters a field may go through: {{ person.birth_date | date_long }}. A closed list, each a plain
// text transformation; a value a filter cannot read (a date_long on "bientôt") is left as it is.
#include <optional>
#include <string>
#include <string_view>

#include "core/templates/syntax.hpp"

namespace passerelle::templates::detail {

struct FilterSpec {
  std::string_view name;
  FilterKind kind;
  bool takes_text;           // default("…") takes one text, the others nothing
  std::string_view example;  // for error messages
};

const FilterSpec* filter_named(std::string_view name);
// "date_long (3 mars 2026), date_short (03/03/2026), …": what an error message proposes instead.
std::string filter_list();

std::string apply(const Filter& filter, std::string value);

// Present and not blank: what {% if %} and default("…") test.
bool is_filled(std::string_view value);

}  // namespace passerelle::templates::detail
