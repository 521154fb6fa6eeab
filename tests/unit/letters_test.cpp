// Letters: the field binding of a person record, French typography, template checks naming the body's
// line and column, the letter's layout (one letter per page, the addressee block) and the plan PDF.
// GCC 12 at -O2 reports a false "may be used uninitialized" inside std::vector's move when a
// std::variant block is pushed into the document (see pdf_test.cpp).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include "modules/persons/letters.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/pdf/renderer.hpp"
#include "core/problem.hpp"
#include "modules/persons/plan_pdf.hpp"

using namespace passerelle;
using namespace passerelle::modules::persons;

namespace {

const std::string nbsp = "\u00A0";

Date date(std::string_view text) { return *Date::parse(text); }

LetterContext context() {
  LetterContext c;
  c.person.id = 7;
  c.person.identity.birth_name = "Lefèvre";
  c.person.identity.first_names = {"Élodie", "Anne"};
  c.person.identity.sex = "F";
  c.person.identity.birth_date = "2011-03-01";
  Contact mother;
  mother.id = 3;
  mother.kind = "legal_representative";
  mother.relationship = "mère";
  mother.civility = "Mme";
  mother.first_name = "Françoise";
  mother.last_name = "Lefèvre-Dupré";
  mother.address_line = "12 rue de l'Église";
  mother.postal_code = "69003";
  mother.city = "Lyon";
  mother.receives_letters = true;
  c.addressee = mother;
  c.establishment = {"IME Les Tilleuls", "8 chemin des Tilleuls", "69100", "Villeurbanne", "04 72 00 00 00"};
  c.organisation_name = "Association Les Passerelles du Rhône";
  Stay stay;
  stay.establishment_id = 1;
  stay.care_mode = "13";
  stay.admission_date = date("2023-09-04");
  c.stay = stay;
  Decision decision;
  decision.valid_to = date("2027-08-31");
  c.decision = decision;
  c.today = date("2026-11-23");
  c.signatory = "Nathalie Petit";
  return c;
}

std::string value(const templates::Values& values, const std::string& name) {
  const auto found = values.find(name);
  return found != values.end() && found->second ? *found->second : "<absent>";
}

boost::json::value template_json(std::string name, std::string subject, std::string body) {
  return boost::json::object{{"name", name}, {"subject", subject}, {"body", body}};
}

std::vector<FieldError> errors_of(const boost::json::value& json) {
  try {
    read_letter_template(json);
  } catch (const Problem& problem) {
    EXPECT_EQ(problem.status(), 422);
    return problem.errors();
  }
  ADD_FAILURE() << "a 422 was expected";
  return {};
}

std::vector<std::string> all_lines(const pdf::Layout& layout) {
  std::vector<std::string> lines;
  for (const auto& page : layout.pages) lines.insert(lines.end(), page.lines.begin(), page.lines.end());
  return lines;
}

bool has_line_containing(const std::vector<std::string>& lines, const std::string& part) {
  return std::any_of(lines.begin(), lines.end(),
                     [&](const std::string& l) { return l.find(part) != std::string::npos; });
}

}  // namespace

TEST(Letters, binds_the_fields_of_the_person_the_addressee_and_the_establishment) {
  const auto values = letter_values(context());
  EXPECT_EQ(value(values, "addressee.civility"), "Mme");
  EXPECT_EQ(value(values, "addressee.salutation"), "Madame");
  EXPECT_EQ(value(values, "addressee.full_name"), "Mme Françoise LEFÈVRE-DUPRÉ");
  EXPECT_EQ(value(values, "addressee.city"), "Lyon");
  EXPECT_EQ(value(values, "addressee.relationship"), "mère");
  EXPECT_EQ(value(values, "person.first_name"), "Élodie");
  EXPECT_EQ(value(values, "person.full_name"), "Élodie LEFÈVRE");
  EXPECT_EQ(value(values, "person.civility"), "Mme");
  EXPECT_EQ(value(values, "person.birth_date"), "2011-03-01");
  EXPECT_EQ(value(values, "establishment.phone"), "04 72 00 00 00");
  EXPECT_EQ(value(values, "stay.admission_date"), "2023-09-04");
  EXPECT_EQ(value(values, "stay.care_mode"), "semi-internat");
  EXPECT_EQ(value(values, "decision.end_date"), "2027-08-31");
  EXPECT_EQ(value(values, "today"), "2026-11-23");
  EXPECT_EQ(value(values, "signatory.name"), "Nathalie Petit");
  // Every field of the catalogue has a value (possibly empty), none is forgotten by the binding.
  for (const auto& field : letter_fields()) EXPECT_NE(value(values, field.name), "<absent>") << field.name;
}

TEST(Letters, a_letter_to_the_person_is_addressed_at_the_establishment) {
  auto c = context();
  c.addressee.reset();
  const auto values = letter_values(c);
  EXPECT_EQ(value(values, "addressee.full_name"), "Mme Élodie LEFÈVRE");
  EXPECT_EQ(value(values, "addressee.address_line"), "8 chemin des Tilleuls");
  EXPECT_EQ(value(values, "addressee.city"), "Villeurbanne");
}

TEST(Letters, every_catalogue_field_has_a_label_and_an_example_and_parses) {
  std::string source;
  for (const auto& field : letter_fields()) {
    EXPECT_FALSE(field.label.empty()) << field.name;
    EXPECT_FALSE(field.example.empty()) << field.name;
    source += "{{ " + field.name + " }}\n";
  }
  EXPECT_NO_THROW(templates::parse(source, letter_fields()));
}

TEST(Letters, typography_puts_non_breaking_spaces_before_double_punctuation) {
  EXPECT_EQ(french_typography("Objet : visite"), "Objet" + nbsp + ": visite");
  EXPECT_EQ(french_typography("Objet: visite"), "Objet" + nbsp + ": visite");
  EXPECT_EQ(french_typography("Bonjour!"), "Bonjour" + nbsp + "!");
  EXPECT_EQ(french_typography("Venez-vous ?"), "Venez-vous" + nbsp + "?");
  EXPECT_EQ(french_typography("un ; deux"), "un" + nbsp + "; deux");
  EXPECT_EQ(french_typography("Vraiment ?!"), "Vraiment" + nbsp + "?!");
}

TEST(Letters, typography_puts_non_breaking_spaces_inside_guillemets) {
  EXPECT_EQ(french_typography("le « projet »"), "le «" + nbsp + "projet" + nbsp + "»");
  EXPECT_EQ(french_typography("le «projet»."), "le «" + nbsp + "projet" + nbsp + "».");
}

TEST(Letters, typography_uses_the_typographic_apostrophe_inside_words) {
  EXPECT_EQ(french_typography("l'établissement d'Élodie"), "l’établissement d’Élodie");
  EXPECT_EQ(french_typography("'cité'"), "'cité'");  // not between letters: left as typed
}

TEST(Letters, typography_leaves_times_addresses_and_plain_text_alone) {
  for (const std::string text :
       {"à 14:30", "https://exemple.fr/a?b=1", "contact@exemple.fr", "Madame,\n\nBonne journée.", "3\u00A0mars", ""})
    EXPECT_EQ(french_typography(text), text) << text;
}

TEST(Letters, typography_is_idempotent) {
  for (const std::string text : {"Objet : « l'admission » ; merci !", "Question ?", "«a»"}) {
    const auto once = french_typography(text);
    EXPECT_EQ(french_typography(once), once) << text;
  }
}

TEST(Letters, refuses_an_unknown_field_naming_body_with_its_line_and_column) {
  const auto errors = errors_of(template_json("Invitation", "Objet", "Madame,\nBonjour {{ person.prenom }}."));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "body");
  EXPECT_EQ(errors[0].message.rfind("ligne 2, colonne 12", 0), 0u) << errors[0].message;
  EXPECT_NE(errors[0].message.find("person.first_name"), std::string::npos);  // the closest field is proposed
}

TEST(Letters, refuses_broken_syntax_in_the_body_and_the_subject) {
  const auto errors = errors_of(template_json("X", "Objet {{ today", "{% if person.first_name %}oui"));
  std::vector<std::string> fields;
  for (const auto& e : errors) fields.push_back(e.field);
  EXPECT_NE(std::find(fields.begin(), fields.end(), "subject"), fields.end());
  EXPECT_NE(std::find(fields.begin(), fields.end(), "body"), fields.end());
  for (const auto& e : errors) EXPECT_EQ(e.message.rfind("ligne 1, colonne", 0), 0u) << e.message;
}

TEST(Letters, refuses_missing_and_unknown_fields_of_the_template) {
  auto json = boost::json::object{{"name", ""}, {"body", "x"}, {"colour", "red"}};
  const auto errors = errors_of(json);
  std::vector<std::string> fields;
  for (const auto& e : errors) fields.push_back(e.field);
  for (const auto* f : {"name", "subject", "colour"})
    EXPECT_NE(std::find(fields.begin(), fields.end(), f), fields.end()) << f;
}

TEST(Letters, reads_a_template_keeping_its_line_breaks) {
  const auto t = read_letter_template(template_json("Attestation", " Attestation de présence ", "Madame,\n\nBonjour."));
  EXPECT_EQ(t.subject, "Attestation de présence");
  EXPECT_EQ(t.body, "Madame,\n\nBonjour.");
}

TEST(Letters, renders_one_letter_per_page_with_the_addressee_subject_and_typography) {
  const auto subject = templates::parse("Bilan du projet de {{ person.first_name }}", letter_fields());
  const auto body = templates::parse(
      "{{ addressee.salutation }},\n\nNous vous invitons à l'établissement : merci !\n\n{{ addressee.last_name }}",
      letter_fields());
  auto c = context();
  auto injected = c;
  injected.addressee->last_name = "{{ person.birth_name }} <b>gras</b> '); DROP TABLE person;--";
  const std::vector<RenderedLetter> letters{render_letter(subject, body, c), render_letter(subject, body, injected)};
  EXPECT_EQ(letters[0].subject, "Bilan du projet de Élodie");
  EXPECT_EQ(letters[0].addressee, "Mme Françoise LEFÈVRE-DUPRÉ");
  const auto layout = pdf::lay_out(letters_document(letters, "Invitation"));
  ASSERT_EQ(layout.pages.size(), 2u);
  for (const auto& page : layout.pages) {
    EXPECT_TRUE(has_line_containing(page.lines, "IME Les Tilleuls"));
    EXPECT_TRUE(has_line_containing(page.lines, "Objet" + nbsp + ": Bilan du projet de Élodie"));
    EXPECT_TRUE(has_line_containing(page.lines, "Villeurbanne, le 23" + nbsp + "novembre" + nbsp + "2026") ||
                has_line_containing(page.lines, "Villeurbanne, le 23 novembre 2026"));
    EXPECT_TRUE(
        has_line_containing(page.lines, "Nous vous invitons à l’établissement" + nbsp + ": merci" + nbsp + "!"));
    EXPECT_TRUE(has_line_containing(page.lines, "Nathalie Petit"));
  }
  EXPECT_TRUE(has_line_containing(layout.pages[0].lines, "12 rue de l’Église") ||
              has_line_containing(layout.pages[0].lines, "12 rue de l'Église"));
  EXPECT_TRUE(has_line_containing(layout.pages[0].lines, "69003 Lyon"));
  // What a contact's name holds is shown as text, never read as a field or markup.
  EXPECT_TRUE(has_line_containing(layout.pages[1].lines, "{{ person.birth_name }} <b>gras</b>"));
}

TEST(Letters, places_the_addressee_below_the_sender_for_the_envelope_window) {
  pdf::Document document;
  document.blocks.push_back(pdf::Paragraph::plain("Avant"));
  document.blocks.push_back(
      pdf::LetterHead{{"Expéditeur"}, {"Destinataire", "1 rue A", "69000 Lyon"}, "Lyon, le 1er mars 2026"});
  document.blocks.push_back(pdf::Paragraph::plain("Corps"));
  const auto layout = pdf::lay_out(document);
  ASSERT_EQ(layout.pages.size(), 2u);  // a letter head starts a page
  const auto& lines = layout.pages[1].lines;
  ASSERT_GE(lines.size(), 6u);
  EXPECT_EQ(lines.front(), "Expéditeur");
  const auto at = [&](const std::string& text) { return std::find(lines.begin(), lines.end(), text) - lines.begin(); };
  EXPECT_LT(at("Destinataire"), at("1 rue A"));
  EXPECT_LT(at("69000 Lyon"), at("Lyon, le 1er mars 2026"));
  EXPECT_EQ(lines.back(), "Corps");
}

TEST(PlanPdf, prints_goals_actions_last_outcome_and_signatures_in_large_type) {
  SupportPlan plan;
  plan.id = 4;
  plan.person_id = 7;
  plan.version = 2;
  plan.status = "validated";
  plan.validated_at = "2026-03-03T10:00:00Z";
  plan.review_due = date("2027-03-03");
  plan.needs_assessment = "Élodie souhaite gagner en autonomie.";
  plan.goals.push_back({11,
                        0,
                        "autonomy",
                        "Prendre le bus seule",
                        "Trajet IME–maison sans aide",
                        date("2026-12-31"),
                        {{1, 11, "Accompagnement dans le bus", "Éducatrice référente", "deux fois par semaine"}}});
  plan.goals.push_back({12, 1, "leisure", "Choisir une activité", "Inscription au club", std::nullopt, {}});
  plan.signatures.push_back({1, "person", "Élodie Lefèvre", date("2026-03-01"), "x"});
  plan.reviews.push_back({1, date("2026-06-01"), "Bilan", "x", {{11, "partly_achieved", std::string("progrès nets")}}});
  Person person = context().person;
  const auto document = plan_document(plan, person, {"IME Les Tilleuls", date("2026-11-23")});
  const auto layout = pdf::lay_out(document, pdf::Style::large_type());
  // Large type wraps long lines: the text is searched with its lines joined.
  std::string joined;
  for (const auto& line : all_lines(layout)) joined += line + " ";
  const std::vector<std::string> lines{joined};
  for (const std::string part : {"Projet personnalisé", "Élodie LEFÈVRE", "IME Les Tilleuls", "Objectif 1", "autonomie",
                                 "Prendre le bus seule", "Éducatrice référente", "deux fois par semaine", "Objectif 2",
                                 "loisirs", "objectif en partie atteint", "Signatures", "La personne", "Signé le"})
    EXPECT_TRUE(has_line_containing(lines, part)) << part;
  EXPECT_FALSE(has_line_containing(lines, "en cours de rédaction"));
  EXPECT_EQ(plan_file_name(plan), "projet-personnalise-7-v2.pdf");

  plan.status = "draft";
  const auto draft = all_lines(
      pdf::lay_out(plan_document(plan, person, {"IME Les Tilleuls", date("2026-11-23")}), pdf::Style::large_type()));
  EXPECT_TRUE(has_line_containing(draft, "Projet en cours de rédaction"));
}
