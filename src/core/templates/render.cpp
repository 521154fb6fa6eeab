#include "core/templates/filters.hpp"
#include "core/templates/template.hpp"

namespace passerelle::templates {
namespace {

using namespace detail;

std::string value_of(const Values& values, const std::string& name) {
  const auto found = values.find(name);
  return found != values.end() && found->second ? *found->second : std::string();
}

// Values are appended as they are and never read again: nothing in a value is ever interpreted.
void render_into(std::string& out, const Nodes& nodes, const Values& values) {
  for (const auto& node : nodes) {
    if (const auto* text = std::get_if<Text>(&node.content)) {
      out += text->text;
    } else if (const auto* field = std::get_if<FieldValue>(&node.content)) {
      auto value = value_of(values, field->name);
      for (const auto& filter : field->filters) value = apply(filter, std::move(value));
      out += value;
    } else {
      const auto& section = std::get<Section>(node.content);
      const bool shown = is_filled(value_of(values, section.name)) != section.negated;
      render_into(out, shown ? section.when_true : section.when_false, values);
    }
  }
}

}  // namespace

std::string render(const Template& letter, const Values& values) {
  std::string out;
  render_into(out, letter.nodes(), values);
  return out;
}

}  // namespace passerelle::templates
