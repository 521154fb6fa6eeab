#pragma once
// What a parsed template is made of. Only parse() builds these, after every name has been checked, so
// render() can walk them without checking anything.
#include <string>
#include <variant>
#include <vector>

namespace passerelle::templates::detail {

enum class FilterKind { date_long, date_short, upper, lower, fallback };

struct Filter {
  FilterKind kind;
  std::string argument;  // the text of default("…"); empty for the others
};

struct Node;
using Nodes = std::vector<Node>;

struct Text {
  std::string text;
};

struct FieldValue {
  std::string name;
  std::vector<Filter> filters;  // applied left to right
};

struct Section {
  std::string name;
  bool negated = false;  // {% if not name %}
  Nodes when_true;
  Nodes when_false;
};

struct Node {
  std::variant<Text, FieldValue, Section> content;
};

}  // namespace passerelle::templates::detail
