#pragma once
// Mail merge for letters. A template is French text with fields and sections:
//
//   {% if contact.civility %}{{ contact.civility }} {{ person.birth_name | upper }},{% else %}Madame, Monsieur,{% endif
//   %} Nous vous confirmons l'admission prévue le {{ stay.start_date | date_long }}.
//
// Fields name entries of a FieldCatalogue that the calling module offers; filters are date_long
// (« 3 mars 2026 »), date_short (« 03/03/2026 »), upper, lower and default("texte"). A section is shown
// when its field is present and not blank ({% if not x %} reverses it). A line holding only {% %} tags
// is dropped whole, so sections can sit on lines of their own without leaving blank lines behind.
//
// Tags open and close on the same line, and the text of default("…") cannot hold "}}" or "%}".
//
// parse() is where everything is checked: it refuses a template with a 422 Problem whose errors (field
// "template") each name a line and a column. render() then cannot fail: it copies text and values and
// never looks inside a value, so "{{ x }}" typed into a person's name stays exactly that.
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/templates/syntax.hpp"

namespace passerelle::templates {

// One field a module offers to letter writers.
struct Field {
  std::string name;     // "person.birth_name": what is typed between {{ }}
  std::string label;    // "nom de naissance": shown in error messages and in the editor's help
  std::string example;  // "DUPONT": for previews and the editor's help
};
using FieldCatalogue = std::vector<Field>;

// Field name -> value. A missing name and std::nullopt both render as "".
using Values = std::map<std::string, std::optional<std::string>, std::less<>>;

inline constexpr std::size_t max_source_bytes = 100 * 1024;
inline constexpr std::size_t max_section_depth = 10;
// Beyond this, the Problem lists the first errors and says how many more there are: a pasted 100 kB
// document of unknown fields must not produce a 10 MB answer.
inline constexpr std::size_t max_reported_errors = 50;

class Template {
 public:
  // The catalogue fields the template uses, sorted, each once: what the caller must look up.
  const std::vector<std::string>& fields() const { return fields_; }
  const detail::Nodes& nodes() const { return nodes_; }

 private:
  friend Template parse(std::string_view source, const FieldCatalogue& allowed);
  Template(detail::Nodes nodes, std::vector<std::string> fields)
      : nodes_(std::move(nodes)), fields_(std::move(fields)) {}
  detail::Nodes nodes_;
  std::vector<std::string> fields_;
};

// Throws a 422 Problem listing every error found (unknown field or filter, unclosed tag or section,
// stray {% else %} / {% endif %}, sections nested deeper than max_section_depth, a source over
// max_source_bytes), each as {field: "template", message: "ligne 3, colonne 14 : …"}.
Template parse(std::string_view source, const FieldCatalogue& allowed);

// Plain text: the template's lines (CRLF read as LF) with the values put in. Paragraphs are whatever
// the template separates with blank lines.
std::string render(const Template& letter, const Values& values);

// « 3 mars 2026 », « 1er mars 2026 »: how a date is written in a French letter.
std::string french_long_date(Date date);

}  // namespace passerelle::templates
