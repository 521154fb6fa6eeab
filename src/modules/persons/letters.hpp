#pragma once
// Letters (mail merge): templates written by the organisation in the core/templates syntax, filled in
// with fields of the person record, typeset the French way and rendered to PDF. Rules only, no I/O:
// the routes load the record and the store keeps templates and the trace of letters produced.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json_reader.hpp"
#include "core/pdf/document.hpp"
#include "core/templates/template.hpp"
#include "modules/persons/domain.hpp"
#include "modules/persons/record.hpp"

namespace passerelle::modules::persons {

struct LetterTemplate {
  std::int64_t id = 0;
  std::optional<std::int64_t> establishment_id;  // empty: every establishment of the organisation
  std::string name;
  std::string subject;
  std::string body;
  std::optional<std::string> archived_at;
  std::string created_by, created_at, updated_by, updated_at;
};

// The fields a letter template may use, with a French label and an example: what the editor shows.
const templates::FieldCatalogue& letter_fields();

// Reads {name, subject, body, establishment_id?} and checks subject and body against letter_fields():
// a 422 naming every bad field, template errors as {field: "body", message: "ligne 3, colonne 14 : …"}.
LetterTemplate read_letter_template(const boost::json::value& json);

// French typography for a letter's text: the apostrophe ’ inside words, a non-breaking space before
// « : ; ! ? » and inside « guillemets » (added when missing, replacing an ordinary space otherwise).
// Times (14:30), web addresses (https://) and text without such marks are left as they are.
std::string french_typography(std::string_view text);

struct EstablishmentAddress {
  std::string name;
  std::optional<std::string> address_line, postal_code, city, phone;
};

// Everything a letter's fields come from, loaded by the route.
struct LetterContext {
  Person person;
  std::optional<Contact> addressee;  // empty: the letter goes to the person, at the establishment
  EstablishmentAddress establishment;
  std::string organisation_name;
  std::optional<Stay> stay;          // the current stay in the establishment, else the last one there
  std::optional<Decision> decision;  // the orientation decision that ends last
  Date today;
  std::string signatory;  // the display name of the account producing the letter
};

templates::Values letter_values(const LetterContext& context);

struct RenderedLetter {
  pdf::LetterHead head;
  std::string subject;
  std::string body;        // typeset text, paragraphs separated by blank lines
  std::string signatory;   // « Nathalie Petit »
  std::string signed_for;  // the establishment
  std::string addressee;   // one line, for the trace: « Mme Marie DURAND »
};

// The template filled in for one addressee (never fails: the template was checked when saved).
RenderedLetter render_letter(const templates::Template& subject, const templates::Template& body,
                             const LetterContext& context);
// The letters one after the other, each starting a new page.
pdf::Document letters_document(const std::vector<RenderedLetter>& letters, const std::string& title);

}  // namespace passerelle::modules::persons
