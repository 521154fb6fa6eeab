#include <gtest/gtest.h>

#include "core/date.hpp"
#include "core/problem.hpp"
#include "core/templates/template.hpp"

using namespace passerelle;
using namespace passerelle::templates;

namespace {

const FieldCatalogue catalogue{
    {"person.birth_name", "nom de naissance", "DUPONT"},           {"person.first_name", "prénom", "Marie"},
    {"person.birth_date", "date de naissance", "1950-03-01"},      {"contact.civility", "civilité", "Madame"},
    {"establishment.name", "établissement", "EHPAD Les Tilleuls"},
};

std::string merged(std::string_view source, const Values& values) { return render(parse(source, catalogue), values); }

Problem problem_from(std::string_view source, const FieldCatalogue& allowed = catalogue) {
  try {
    parse(source, allowed);
  } catch (const Problem& problem) {
    return problem;
  }
  ADD_FAILURE() << "a Problem was expected for: " << source;
  return Problem(0, "", "", "");
}

std::vector<std::string> messages_of(const Problem& problem) {
  std::vector<std::string> messages;
  for (const auto& error : problem.errors()) {
    EXPECT_EQ(error.field, "template");
    messages.push_back(error.message);
  }
  return messages;
}

bool starts_with(const std::string& text, std::string_view prefix) { return text.rfind(prefix, 0) == 0; }

Date date(std::string_view text) { return *Date::parse(text); }

}  // namespace

TEST(Templates, puts_values_in_place_of_fields) {
  EXPECT_EQ(merged("Bonjour {{ person.first_name }} {{person.birth_name}} !",
                   {{"person.first_name", "Marie"}, {"person.birth_name", "DUPONT"}}),
            "Bonjour Marie DUPONT !");
}

TEST(Templates, renders_a_missing_value_as_nothing_never_as_the_placeholder) {
  EXPECT_EQ(merged("Nom : {{ person.birth_name }}.", {}), "Nom : .");
  EXPECT_EQ(merged("Nom : {{ person.birth_name }}.", {{"person.birth_name", std::nullopt}}), "Nom : .");
}

TEST(Templates, keeps_text_accents_and_line_breaks_as_written) {
  const std::string source = "À l'attention de « {{ establishment.name }} »\r\n\r\nObjet : séjour\n";
  EXPECT_EQ(merged(source, {{"establishment.name", "Résidence Œillets"}}),
            "À l'attention de « Résidence Œillets »\n\nObjet : séjour\n");
}

TEST(Templates, shows_a_section_when_its_field_is_filled) {
  const std::string source = "{% if contact.civility %}{{ contact.civility }},{% else %}Madame, Monsieur,{% endif %}";
  EXPECT_EQ(merged(source, {{"contact.civility", "Madame"}}), "Madame,");
  EXPECT_EQ(merged(source, {{"contact.civility", ""}}), "Madame, Monsieur,");
  EXPECT_EQ(merged(source, {{"contact.civility", "  "}}), "Madame, Monsieur,");
  EXPECT_EQ(merged(source, {}), "Madame, Monsieur,");
  EXPECT_EQ(merged("{% if not contact.civility %}inconnue{% endif %}", {}), "inconnue");
}

TEST(Templates, drops_lines_that_only_hold_section_tags) {
  const std::string source =
      "Objet : admission\n"
      "{% if contact.civility %}\n"
      "{{ contact.civility }},\n"
      "  {% else %}\n"
      "Madame, Monsieur,\n"
      "{% endif %}\n"
      "\n"
      "Nous vous écrivons.\n";
  EXPECT_EQ(merged(source, {{"contact.civility", "Monsieur"}}),
            "Objet : admission\nMonsieur,\n\nNous vous écrivons.\n");
  EXPECT_EQ(merged(source, {}), "Objet : admission\nMadame, Monsieur,\n\nNous vous écrivons.\n");
}

TEST(Templates, nests_sections) {
  const std::string source =
      "{% if person.first_name %}{% if person.birth_name %}{{ person.first_name }} {{ person.birth_name }}"
      "{% else %}{{ person.first_name }}{% endif %}{% endif %}";
  EXPECT_EQ(merged(source, {{"person.first_name", "Luc"}, {"person.birth_name", "Martin"}}), "Luc Martin");
  EXPECT_EQ(merged(source, {{"person.first_name", "Luc"}}), "Luc");
  EXPECT_EQ(merged(source, {{"person.birth_name", "Martin"}}), "");
}

TEST(Templates, writes_dates_the_french_way) {
  EXPECT_EQ(merged("{{ person.birth_date | date_long }}", {{"person.birth_date", "2026-03-03"}}), "3 mars 2026");
  EXPECT_EQ(merged("{{ person.birth_date | date_long }}", {{"person.birth_date", "2026-03-01"}}), "1er mars 2026");
  EXPECT_EQ(merged("{{ person.birth_date | date_short }}", {{"person.birth_date", "2026-03-01"}}), "01/03/2026");
  EXPECT_EQ(merged("{{ person.birth_date | date_long }}", {{"person.birth_date", "2026-08-15T10:30:00"}}),
            "15 août 2026");
  const char* months[] = {"janvier", "février", "mars",      "avril",   "mai",      "juin",
                          "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
  for (int month = 1; month <= 12; ++month) {
    const auto text = "2025-" + std::string(month < 10 ? "0" : "") + std::to_string(month) + "-21";
    EXPECT_EQ(french_long_date(date(text)), std::string("21 ") + months[month - 1] + " 2025");
  }
  EXPECT_EQ(french_long_date(date("2024-12-01")), "1er décembre 2024");
  EXPECT_EQ(french_long_date(date("2024-01-02")), "2 janvier 2024");
}

TEST(Templates, leaves_a_value_that_is_not_a_date_as_it_is) {
  EXPECT_EQ(merged("{{ person.birth_date | date_long }}", {{"person.birth_date", "vers 1950"}}), "vers 1950");
  EXPECT_EQ(merged("{{ person.birth_date | date_long }}", {}), "");
}

TEST(Templates, upper_cases_french_names) {
  EXPECT_EQ(merged("{{ person.birth_name | upper }}", {{"person.birth_name", "Lefèvre-Cœur d'Éçà ÿ"}}),
            "LEFÈVRE-CŒUR D'ÉÇÀ Ÿ");
  EXPECT_EQ(merged("{{ person.birth_name | lower }}", {{"person.birth_name", "ÉLODIE ŒUVRE"}}), "élodie œuvre");
}

TEST(Templates, chains_filters_left_to_right_and_uses_a_default_for_blank_values) {
  EXPECT_EQ(merged("{{ contact.civility | default(\"Madame, Monsieur\") }}", {}), "Madame, Monsieur");
  EXPECT_EQ(merged("{{ contact.civility | default(\"Madame, Monsieur\") }}", {{"contact.civility", "Madame"}}),
            "Madame");
  EXPECT_EQ(merged("{{ person.birth_name | default(\"inconnu\") | upper }}", {}), "INCONNU");
  EXPECT_EQ(merged("{{ person.birth_name | default(“à préciser”) }}", {}), "à préciser");
}

TEST(Templates, never_expands_what_a_value_contains) {
  const Values values{{"person.birth_name", "{{ person.first_name }}{% if x %}<script>&amp;"},
                      {"person.first_name", "SECRET"}};
  EXPECT_EQ(merged("{{ person.birth_name }}", values), "{{ person.first_name }}{% if x %}<script>&amp;");
  EXPECT_EQ(merged("{{ person.birth_name | upper }}", values), "{{ PERSON.FIRST_NAME }}{% IF X %}<SCRIPT>&AMP;");
}

TEST(Templates, lists_the_catalogue_fields_a_template_uses) {
  const auto letter =
      parse("{{ person.birth_name }} {% if contact.civility %}{{ person.birth_name }}{% endif %}", catalogue);
  EXPECT_EQ(letter.fields(), (std::vector<std::string>{"contact.civility", "person.birth_name"}));
}

TEST(Templates, refuses_an_unknown_field_naming_its_line_column_and_the_possible_fields) {
  const auto problem = problem_from("Madame,\n\nVotre nom : {{ person.nom }}.");
  EXPECT_EQ(problem.status(), 422);
  const auto messages = messages_of(problem);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_TRUE(starts_with(messages[0], "ligne 3, colonne 16 : champ inconnu « person.nom »")) << messages[0];
  EXPECT_NE(messages[0].find("champs possibles : person.birth_name (nom de naissance), person.first_name (prénom)"),
            std::string::npos);
}

TEST(Templates, counts_columns_in_characters_not_bytes) {
  const auto messages = messages_of(problem_from("Éé « {{ person.nom }}"));
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_TRUE(starts_with(messages[0], "ligne 1, colonne 9 : ")) << messages[0];
}

TEST(Templates, suggests_the_closest_field) {
  const auto messages = messages_of(problem_from("{{ person.birth_nam }}"));
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_NE(messages[0].find("vouliez-vous dire « person.birth_name » ?"), std::string::npos) << messages[0];
}

TEST(Templates, refuses_an_unknown_field_in_a_section) {
  const auto messages = messages_of(problem_from("{% if person.age %}x{% endif %}"));
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_TRUE(starts_with(messages[0], "ligne 1, colonne 7 : champ inconnu « person.age »")) << messages[0];
}

TEST(Templates, refuses_an_unknown_filter_or_a_misused_one) {
  auto messages = messages_of(problem_from("{{ person.birth_name | majuscules }}"));
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_TRUE(
      starts_with(messages[0], "ligne 1, colonne 24 : filtre inconnu « majuscules » ; filtres possibles : date_long"))
      << messages[0];
  messages = messages_of(problem_from("{{ person.birth_name | default }}\n{{ person.birth_name | upper(\"x\") }}"));
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_TRUE(starts_with(messages[0], "ligne 1, colonne 24 : le filtre « default » attend un texte")) << messages[0];
  EXPECT_TRUE(starts_with(messages[1], "ligne 2, colonne 24 : le filtre « upper » ne prend pas de texte"))
      << messages[1];
}

TEST(Templates, refuses_unclosed_tags_on_their_line) {
  const auto messages = messages_of(problem_from("Bonjour {{ person.birth_name\nsuite {% if contact.civility\n"));
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_EQ(messages[0], "ligne 1, colonne 9 : balise « {{ » non fermée : « }} » est attendu sur la même ligne");
  EXPECT_EQ(messages[1], "ligne 2, colonne 7 : balise « {% » non fermée : « %} » est attendu sur la même ligne");
}

TEST(Templates, refuses_a_section_that_is_never_closed) {
  const auto messages = messages_of(problem_from("a\n  {% if contact.civility %}\nb\n"));
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0],
            "ligne 2, colonne 3 : « {% if contact.civility %} » n'est jamais fermé : ajoutez « {% endif %} »");
}

TEST(Templates, refuses_stray_else_and_endif) {
  const auto messages = messages_of(
      problem_from("x {% endif %}\n{% else %}\n{% if contact.civility %}a{% else %}b{% else %}c{% endif %}"));
  ASSERT_EQ(messages.size(), 3u);
  EXPECT_EQ(messages[0], "ligne 1, colonne 3 : « {% endif %} » sans « {% if %} » ouvert");
  EXPECT_EQ(messages[1], "ligne 2, colonne 1 : « {% else %} » sans « {% if %} » ouvert");
  EXPECT_EQ(messages[2],
            "ligne 3, colonne 38 : second « {% else %} » pour la même section (ouverte ligne 3, colonne 1)");
}

TEST(Templates, refuses_sections_nested_deeper_than_ten) {
  std::string ten, eleven;
  for (int i = 0; i < 10; ++i) ten += "{% if contact.civility %}";
  for (int i = 0; i < 10; ++i) ten += "{% endif %}";
  EXPECT_NO_THROW(parse(ten, catalogue));
  for (int i = 0; i < 11; ++i) eleven += "{% if contact.civility %}\n";
  for (int i = 0; i < 11; ++i) eleven += "{% endif %}\n";
  const auto messages = messages_of(problem_from(eleven));
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_TRUE(starts_with(messages[0], "ligne 11, colonne 1 : plus de 10 sections « {% if %} » imbriquées"))
      << messages[0];
}

TEST(Templates, refuses_a_source_over_100_kilobytes) {
  const std::string source(max_source_bytes + 1, 'a');
  const auto messages = messages_of(problem_from(source));
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_TRUE(starts_with(messages[0], "le modèle dépasse 100 Ko")) << messages[0];
  EXPECT_NO_THROW(parse(std::string(max_source_bytes, 'a'), catalogue));
}

TEST(Templates, refuses_anything_but_if_else_endif) {
  auto messages = messages_of(problem_from("{% include \"/etc/passwd\" %}\n{% for line in x %}{% endfor %}\n{% %}"));
  ASSERT_EQ(messages.size(), 4u);
  EXPECT_EQ(messages[0],
            "ligne 1, colonne 4 : instruction inconnue « include » ; instructions possibles : if, else, endif");
  EXPECT_TRUE(starts_with(messages[1], "ligne 2, colonne 4 : instruction inconnue « for »")) << messages[1];
  EXPECT_TRUE(starts_with(messages[2], "ligne 2, colonne 23 : instruction inconnue « endfor »")) << messages[2];
  EXPECT_TRUE(starts_with(messages[3], "ligne 3, colonne 1 : balise « {% %} » vide")) << messages[3];
}

TEST(Templates, refuses_expressions_and_empty_tags) {
  const auto messages = messages_of(problem_from(
      "{{ }}\n{{ person.birth_name + 1 }}\n{{ \"texte\" }}\n{% if contact.civility == \"M\" %}{% endif %}"));
  ASSERT_EQ(messages.size(), 4u);
  EXPECT_TRUE(starts_with(messages[0], "ligne 1, colonne 1 : balise « {{ }} » vide")) << messages[0];
  EXPECT_EQ(messages[1], "ligne 2, colonne 22 : « | » suivi d'un filtre est attendu, pas « + »");
  EXPECT_EQ(messages[2], "ligne 3, colonne 4 : un nom de champ est attendu, pas « texte »");
  EXPECT_TRUE(starts_with(messages[3], "ligne 4, colonne 24 : texte en trop dans « {% if %} »")) << messages[3];
}

TEST(Templates, lists_every_error_in_reading_order) {
  const auto problem = problem_from("{{ a }}\n{% if b %}\n{{ person.birth_name | x }}\n{% endif %}{% endif %}");
  const auto messages = messages_of(problem);
  ASSERT_EQ(messages.size(), 4u);
  EXPECT_TRUE(starts_with(messages[0], "ligne 1, colonne 4 : champ inconnu « a »"));
  EXPECT_TRUE(starts_with(messages[1], "ligne 2, colonne 7 : champ inconnu « b »"));
  EXPECT_TRUE(starts_with(messages[2], "ligne 3, colonne 24 : filtre inconnu « x »"));
  EXPECT_TRUE(starts_with(messages[3], "ligne 4, colonne 12 : « {% endif %} » sans « {% if %} » ouvert"));
}

TEST(Templates, caps_the_number_of_listed_errors) {
  std::string source;
  for (int i = 0; i < 80; ++i) source += "{{ inconnu }}\n";
  const auto messages = messages_of(problem_from(source));
  ASSERT_EQ(messages.size(), max_reported_errors + 1);
  EXPECT_EQ(messages.back(), "… et 30 autres erreurs");
}

TEST(Templates, refuses_text_that_is_not_utf8) {
  const auto messages = messages_of(problem_from("ok\nR\xE9sidence\n"));
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_TRUE(starts_with(messages[0], "ligne 2, colonne 1 : caractères illisibles")) << messages[0];
}
