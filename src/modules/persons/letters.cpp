#include "modules/persons/letters.hpp"

#include "core/problem.hpp"
#include "core/text.hpp"
#include "modules/establishments/reference.hpp"
#include "modules/persons/plan_pdf.hpp"

namespace passerelle::modules::persons {
namespace {

constexpr char32_t no_break_space = 0xA0;

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Letters and digits of the Latin scripts names are written in (é, ç, œ…), not punctuation.
bool is_word_character(char32_t c) {
  if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  return c >= 0xC0 && c < 0x2000 && c != 0xD7 && c != 0xF7;
}

bool is_space(char32_t c) { return c == ' ' || c == '\t'; }
bool is_fixed_space(char32_t c) { return c == no_break_space || c == 0x202F; }

// Ends of text, lines and words: where a "?" or ":" closes a sentence rather than sits inside a token.
bool ends_a_word(const std::vector<char32_t>& text, std::size_t next) {
  return next >= text.size() || is_space(text[next]) || text[next] == '\n' || text[next] == '\r' ||
         text[next] == 0xBB || text[next] == ')' || text[next] == '!' || text[next] == '?';
}

// Labels of the FINESS kinds of care, for « semi-internat » rather than « 13 ».
std::string care_mode_label(const std::string& code) {
  std::string label(establishments::label_of(establishments::care_modes(), code));
  if (!label.empty() && label[0] >= 'A' && label[0] <= 'Z')
    label[0] = static_cast<char>(label[0] - 'A' + 'a');  // « en semi-internat »
  return label;
}

std::string salutation(const std::optional<std::string>& civility) {
  if (civility == "Mme") return "Madame";
  if (civility == "M.") return "Monsieur";
  return "Madame, Monsieur";
}

std::string person_civility(const Identity& identity) {
  if (identity.sex == "F") return "Mme";
  if (identity.sex == "M") return "M.";
  return "";
}

std::string joined(std::initializer_list<std::string> parts) {
  std::string out;
  for (const auto& part : parts)
    if (!part.empty()) out += (out.empty() ? "" : " ") + part;
  return out;
}

// The errors of templates::parse, renamed after the field the template came from.
std::vector<FieldError> template_errors(std::string_view source, const std::string& field) {
  try {
    (void)templates::parse(source, letter_fields());
    return {};
  } catch (const Problem& problem) {
    std::vector<FieldError> errors;
    for (auto error : problem.errors()) errors.push_back({field, std::move(error.message)});
    if (errors.empty()) errors.push_back({field, problem.detail()});
    return errors;
  }
}

// A multi-line text of the body: JsonReader::text refuses line breaks, a letter needs them.
std::optional<std::string> letter_text(const boost::json::object& object, const std::string& field,
                                       std::vector<FieldError>& errors) {
  const auto* value = object.if_contains(field);
  if (!value || value->is_null()) {
    errors.push_back({field, "ce champ est obligatoire"});
    return std::nullopt;
  }
  if (!value->is_string()) {
    errors.push_back({field, "une chaîne de caractères est attendue"});
    return std::nullopt;
  }
  std::string text(value->get_string());
  std::string without_breaks = text;
  for (auto& c : without_breaks)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  if (auto problem = text_problem(without_breaks, templates::max_source_bytes)) {
    errors.push_back({field, *problem});
    return std::nullopt;
  }
  if (trim(text).empty()) {
    errors.push_back({field, "ce champ est obligatoire"});
    return std::nullopt;
  }
  return text;
}

}  // namespace

const templates::FieldCatalogue& letter_fields() {
  static const templates::FieldCatalogue fields{
      {"addressee.civility", "civilité du destinataire", "Mme"},
      {"addressee.salutation", "formule d'appel du destinataire", "Madame"},
      {"addressee.first_name", "prénom du destinataire", "Marie"},
      {"addressee.last_name", "nom du destinataire", "Durand"},
      {"addressee.full_name", "civilité, prénom et nom du destinataire", "Mme Marie DURAND"},
      {"addressee.relationship", "lien du destinataire avec la personne", "mère"},
      {"addressee.address_line", "adresse du destinataire (rue)", "12 rue des Lilas"},
      {"addressee.postal_code", "code postal du destinataire", "69003"},
      {"addressee.city", "commune du destinataire", "Lyon"},
      {"person.civility", "civilité de la personne accompagnée", "M."},
      {"person.first_name", "prénom usuel de la personne accompagnée", "Lucas"},
      {"person.last_name", "nom d'usage (ou de naissance) de la personne accompagnée", "Martin"},
      {"person.birth_name", "nom de naissance de la personne accompagnée", "Martin"},
      {"person.full_name", "prénom et nom de la personne accompagnée", "Lucas MARTIN"},
      {"person.birth_date", "date de naissance de la personne accompagnée", "2012-05-14"},
      {"establishment.name", "nom de l'établissement", "IME Les Tilleuls"},
      {"establishment.address_line", "adresse de l'établissement (rue)", "8 chemin des Tilleuls"},
      {"establishment.postal_code", "code postal de l'établissement", "69100"},
      {"establishment.city", "commune de l'établissement", "Villeurbanne"},
      {"establishment.phone", "téléphone de l'établissement", "04 72 00 00 00"},
      {"organisation.name", "nom de l'organisme gestionnaire", "Association Les Passerelles du Rhône"},
      {"stay.admission_date", "date d'admission du séjour en cours", "2023-09-04"},
      {"stay.care_mode", "mode d'accueil du séjour en cours", "semi-internat"},
      {"decision.end_date", "fin de validité de la décision d'orientation (MDPH)", "2027-08-31"},
      {"today", "date du jour", "2026-11-23"},
      {"signatory.name", "nom du signataire (la personne connectée)", "Nathalie Petit"},
  };
  return fields;
}

LetterTemplate read_letter_template(const boost::json::value& json) {
  if (!json.is_object()) throw Problem::invalid_field("", "un objet JSON est attendu");
  // subject and body are read apart (line breaks allowed in the body), the rest strictly.
  boost::json::object rest = json.as_object();
  rest.erase("subject");
  rest.erase("body");
  const boost::json::value others(std::move(rest));
  JsonReader in(others);
  LetterTemplate t;
  t.name = in.text("name", true, 200).value_or("");
  t.establishment_id = in.integer("establishment_id", false, 1);
  std::vector<FieldError> errors = in.errors();
  if (auto subject = letter_text(json.as_object(), "subject", errors)) {
    if (subject->find_first_of("\r\n") != std::string::npos)
      errors.push_back({"subject", "l'objet tient sur une ligne"});
    else if (utf8_length(*subject) > 300)
      errors.push_back({"subject", "le texte dépasse 300 caractères"});
    else
      t.subject = trim(*subject);
    for (auto& e : template_errors(t.subject, "subject")) errors.push_back(std::move(e));
  }
  if (auto body = letter_text(json.as_object(), "body", errors)) {
    t.body = std::move(*body);
    for (auto& e : template_errors(t.body, "body")) errors.push_back(std::move(e));
  }
  try {
    in.finish();  // unknown fields
  } catch (const Problem& problem) {
    for (const auto& e : problem.errors())
      if (std::find_if(errors.begin(), errors.end(), [&](const FieldError& known) { return known.field == e.field; }) ==
          errors.end())
        errors.push_back(e);
  }
  if (!errors.empty()) throw Problem::invalid(std::move(errors));
  return t;
}

std::string french_typography(std::string_view text) {
  const auto points = code_points(text);
  if (points.empty()) return std::string(text);
  std::vector<char32_t> out;
  out.reserve(points.size() + 16);
  for (std::size_t i = 0; i < points.size(); ++i) {
    const char32_t c = points[i];
    const char32_t before = out.empty() ? 0 : out.back();
    if (c == '\'' && is_word_character(before) && i + 1 < points.size() && is_word_character(points[i + 1])) {
      out.push_back(0x2019);
    } else if (c == ':' || c == ';' || c == '!' || c == '?') {
      if (is_space(before)) {
        while (!out.empty() && is_space(out.back())) out.pop_back();
        if (!out.empty() && out.back() != '\n') out.push_back(no_break_space);
      } else if ((is_word_character(before) || before == 0xBB || before == ')') && ends_a_word(points, i + 1) &&
                 !(c == ':' && i + 1 < points.size() && points[i + 1] == ')')) {
        out.push_back(no_break_space);
      }
      out.push_back(c);
    } else if (c == 0xAB) {  // «
      out.push_back(c);
      std::size_t next = i + 1;
      while (next < points.size() && is_space(points[next])) ++next;
      if (next < points.size() && !is_fixed_space(points[next]) && points[next] != '\n') out.push_back(no_break_space);
      i = next - 1;
    } else if (c == 0xBB) {  // »
      while (!out.empty() && is_space(out.back())) out.pop_back();
      if (!out.empty() && !is_fixed_space(out.back()) && out.back() != '\n') out.push_back(no_break_space);
      out.push_back(c);
    } else {
      out.push_back(c);
    }
  }
  std::string result;
  result.reserve(text.size() + 32);
  for (char32_t c : out) append_utf8(result, c);
  return result;
}

templates::Values letter_values(const LetterContext& context) {
  templates::Values v;
  const auto& identity = context.person.identity;
  const auto first_name = identity.used_first_name ? *identity.used_first_name
                                                   : (identity.first_names.empty() ? "" : identity.first_names.front());
  v["person.civility"] = person_civility(identity);
  v["person.first_name"] = first_name;
  v["person.last_name"] = identity.used_name.value_or(identity.birth_name);
  v["person.birth_name"] = identity.birth_name;
  v["person.full_name"] = display_name(identity);
  v["person.birth_date"] = identity.birth_date;
  const auto& e = context.establishment;
  v["establishment.name"] = e.name;
  v["establishment.address_line"] = e.address_line;
  v["establishment.postal_code"] = e.postal_code;
  v["establishment.city"] = e.city;
  v["establishment.phone"] = e.phone;
  v["organisation.name"] = context.organisation_name;
  if (context.stay) {
    v["stay.admission_date"] = context.stay->admission_date.to_string();
    v["stay.care_mode"] = care_mode_label(context.stay->care_mode);
  }
  if (context.decision) v["decision.end_date"] = context.decision->valid_to.to_string();
  v["today"] = context.today.to_string();
  v["signatory.name"] = context.signatory;
  if (const auto& a = context.addressee) {
    v["addressee.civility"] = a->civility;
    v["addressee.salutation"] = salutation(a->civility);
    v["addressee.first_name"] = a->first_name;
    v["addressee.last_name"] = a->last_name;
    v["addressee.full_name"] = joined({a->civility.value_or(""), a->first_name.value_or(""), upper_case(a->last_name)});
    v["addressee.relationship"] = a->relationship;
    v["addressee.address_line"] = a->address_line;
    v["addressee.postal_code"] = a->postal_code;
    v["addressee.city"] = a->city;
  } else {
    const auto civility = person_civility(identity);
    v["addressee.civility"] = civility;
    v["addressee.salutation"] = salutation(civility.empty() ? std::nullopt : std::optional(civility));
    v["addressee.first_name"] = first_name;
    v["addressee.last_name"] = *v["person.last_name"];
    v["addressee.full_name"] = joined({civility, display_name(identity)});
    // The person receives their mail at the establishment.
    v["addressee.address_line"] = e.address_line;
    v["addressee.postal_code"] = e.postal_code;
    v["addressee.city"] = e.city;
  }
  return v;
}

RenderedLetter render_letter(const templates::Template& subject, const templates::Template& body,
                             const LetterContext& context) {
  const auto values = letter_values(context);
  const auto value = [&](const std::string& name) {
    const auto found = values.find(name);
    return found != values.end() && found->second ? *found->second : std::string();
  };
  RenderedLetter letter;
  const auto& e = context.establishment;
  letter.head.sender = {e.name, e.address_line.value_or(""), joined({e.postal_code.value_or(""), e.city.value_or("")}),
                        e.phone ? "Tél.\u00A0: " + *e.phone : ""};
  letter.addressee = value("addressee.full_name");
  letter.head.addressee = {letter.addressee, value("addressee.address_line"),
                           joined({value("addressee.postal_code"), value("addressee.city")})};
  if (!context.addressee)
    letter.head.addressee.insert(letter.head.addressee.begin() + 1, "aux bons soins de " + e.name);
  for (auto* lines : {&letter.head.sender, &letter.head.addressee})
    for (auto& line : *lines) line = french_typography(line);
  const auto place = e.city.value_or("");
  letter.head.place_and_date =
      (place.empty() ? std::string("Le ") : place + ", le ") + templates::french_long_date(context.today);
  letter.subject = french_typography(templates::render(subject, values));
  letter.body = french_typography(templates::render(body, values));
  letter.signatory = context.signatory;
  letter.signed_for = e.name;
  return letter;
}

pdf::Document letters_document(const std::vector<RenderedLetter>& letters, const std::string& title) {
  using namespace pdf;
  Document document;
  document.metadata = {title, letters.empty() ? "" : letters.front().signed_for, "Courrier", std::nullopt};
  document.header = letters.empty() ? "" : letters.front().signed_for;
  for (const auto& letter : letters) {
    document.blocks.push_back(PageBreak{});
    document.blocks.push_back(letter.head);
    document.blocks.push_back(Paragraph{}.bold("Objet\u00A0: ").bold(letter.subject));
    for (auto& block : paragraphs_from_text(letter.body)) document.blocks.push_back(std::move(block));
    document.blocks.push_back(Spacer{18});
    document.blocks.push_back(Paragraph{}.text(letter.signatory + "\n" + letter.signed_for));
  }
  return document;
}

}  // namespace passerelle::modules::persons
