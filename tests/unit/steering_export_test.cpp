// The layout of the steering exports (src/modules/steering/export.hpp), from values built by hand:
// which sheet, which line, which cell.
#include <gtest/gtest.h>

#include <set>

#include "core/tabular/tabular.hpp"
#include "modules/steering/export.hpp"

using namespace passerelle;
using namespace passerelle::modules::steering;

namespace {

using Rows = std::vector<std::vector<std::string>>;

Date d(const char* text) { return *Date::parse(text); }

std::vector<Definition> test_definitions() {
  return {
      {"ACT-02", Axis::activity, Unit::rate, "Taux d'occupation", "(journées + absences) ÷ (places × jours)",
       "care_mode", true},
      {"ACT-10", Axis::activity, Unit::count, "Admissions", "Admissions de la période", "", true},
      {"ACT-07-AGE", Axis::persons, Unit::distribution, "Âge et sexe", "Personnes présentes en fin de période",
       "age_band", true},
      {"RH-01", Axis::human_resources, Unit::rate, "Taux d'absentéisme", "Jours d'absence pondérés ÷ (ETP × jours)",
       "absence_kind", false},
  };
}

Value value(std::string id, std::optional<double> v, double numerator, double denominator,
            std::vector<BreakdownRow> breakdown = {}) {
  return {std::move(id), v, numerator, denominator, std::move(breakdown)};
}

DashboardFigures figures() {
  DashboardFigures f;
  f.scope_label = "IME Les Tilleuls";
  f.period = {d("2025-01-01"), d("2025-03-31")};
  f.current = {
      value("ACT-02", 0.9125, 730, 800,
            {{"11", "Internat", 0.95, 570, 600, {}}, {"13", "Semi-internat", 0.8, 160, 200, {}}}),
      value("ACT-10", 3, 3, 0),
      value("ACT-07-AGE", std::nullopt, 0, 0,
            {{"6-10", "6-10 ans", 4, 4, 0, {{"F", 1}, {"M", 3}, {"unknown", 0}}},
             {"11-15", "11-15 ans", 2, 2, 0, {{"F", 0}, {"M", 2}, {"unknown", 0}}}}),
      value("RH-01", std::nullopt, 0, 0),
  };
  f.previous = {
      value("ACT-02", 0.875, 700, 800, {{"11", "Internat", 0.9, 540, 600, {}}}), value("ACT-10", 0, 0, 0),
      value("ACT-07-AGE", std::nullopt, 0, 0,
            {{"6-10", "6-10 ans", 5, 5, 0, {{"F", 2}, {"M", 3}}}, {"11-15", "11-15 ans", 1, 1, 0, {{"F", 1}}}})};
  f.last_year = {value("ACT-02", std::nullopt, 0, 0), value("RH-01", 0.05, 91.25, 1825)};
  return f;
}

const std::vector<std::string> front = {"IME Les Tilleuls", "2025-01-01", "2025-03-31"};

std::vector<std::string> line(std::vector<std::string> rest) {
  auto out = front;
  out.insert(out.end(), rest.begin(), rest.end());
  return out;
}

}  // namespace

TEST(SteeringExport, numbers_are_rounded_to_two_decimals_and_rates_written_in_percent) {
  EXPECT_EQ(export_number(Unit::rate, 0.912345), "91.23");
  EXPECT_EQ(export_number(Unit::rate, 1), "100");
  EXPECT_EQ(export_number(Unit::days, 12.345678), "12.35");
  EXPECT_EQ(export_number(Unit::count, 3), "3");
  EXPECT_EQ(export_number(Unit::ratio, -0.0001), "0");
  EXPECT_EQ(export_number(Unit::rate, std::nullopt), "");
}

TEST(SteeringExport, one_sheet_per_axis_with_breakdown_rows_below_their_indicator_then_the_definitions) {
  const auto sheets = dashboard_sheets(figures(), test_definitions());
  ASSERT_EQ(sheets.size(), 4u);
  EXPECT_EQ(sheets[0].name, "Activité");
  EXPECT_EQ(sheets[1].name, "Personnes accompagnées");
  EXPECT_EQ(sheets[2].name, "Ressources humaines");
  EXPECT_EQ(sheets[3].name, "Définitions");
  const std::vector<std::string> header = {"Périmètre",
                                           "Du",
                                           "Au",
                                           "Indicateur",
                                           "Libellé",
                                           "Ventilation",
                                           "Valeur",
                                           "Numérateur",
                                           "Dénominateur",
                                           "Période précédente",
                                           "Même période l'an dernier",
                                           "Unité"};
  EXPECT_EQ(sheets[0].table.header, header);
  EXPECT_EQ(sheets[0].table.rows,
            (Rows{line({"ACT-02", "Taux d'occupation", "", "91.25", "730", "800", "87.5", "pas de données", "%"}),
                  line({"ACT-02", "Taux d'occupation", "Internat", "95", "570", "600", "90", "pas de données", "%"}),
                  // No "13" row the period before: no data, not zero.
                  line({"ACT-02", "Taux d'occupation", "Semi-internat", "80", "160", "200", "pas de données",
                        "pas de données", "%"}),
                  // A count: no denominator.
                  line({"ACT-10", "Admissions", "", "3", "3", "", "0", "pas de données", "nombre"})}));
  EXPECT_EQ(
      sheets[1].table.rows,
      (Rows{line({"ACT-07-AGE", "Âge et sexe", "", "pas de données", "0", "0", "pas de données", "pas de données",
                  "effectif"}),
            line({"ACT-07-AGE", "Âge et sexe", "6-10 ans", "4", "4", "", "5", "pas de données", "effectif"}),
            line({"ACT-07-AGE", "Âge et sexe", "6-10 ans — femmes", "1", "", "", "2", "pas de données", "personnes"}),
            line({"ACT-07-AGE", "Âge et sexe", "6-10 ans — hommes", "3", "", "", "3", "pas de données", "personnes"}),
            line({"ACT-07-AGE", "Âge et sexe", "11-15 ans", "2", "2", "", "1", "pas de données", "effectif"}),
            // No woman in 11-15 now, one the period before: the line stays.
            line({"ACT-07-AGE", "Âge et sexe", "11-15 ans — femmes", "0", "", "", "1", "pas de données", "personnes"}),
            line({"ACT-07-AGE", "Âge et sexe", "11-15 ans — hommes", "2", "", "", "pas de données", "pas de données",
                  "personnes"})}));
  // Nobody of unknown sex in any period: no such line.
  for (const auto& row : sheets[1].table.rows) EXPECT_EQ(row[5].find("non renseigné"), std::string::npos);
  // A rate over a zero denominator is no data, never 0 %; the denominator says why.
  EXPECT_EQ(sheets[2].table.rows,
            (Rows{line({"RH-01", "Taux d'absentéisme", "", "pas de données", "0", "0", "pas de données", "5", "%"})}));
  EXPECT_EQ(sheets[3].table.header, (std::vector<std::string>{"Indicateur", "Axe", "Libellé", "Unité", "Définition",
                                                              "Ventilation", "Sens favorable"}));
  ASSERT_EQ(sheets[3].table.rows.size(), 4u);
  EXPECT_EQ(sheets[3].table.rows[0],
            (std::vector<std::string>{"ACT-02", "Activité", "Taux d'occupation", "%",
                                      "(journées + absences) ÷ (places × jours)", "mode d'accueil", "à la hausse"}));
  EXPECT_EQ(sheets[3].table.rows[3][6], "à la baisse");
}

TEST(SteeringExport, the_workbook_reads_back_sheet_by_sheet_with_numbers_and_dates_as_typed_cells) {
  const auto sheets = dashboard_sheets(figures(), test_definitions());
  const auto bytes = tabular::write_xlsx(sheets);
  for (const auto& sheet : sheets) {
    const auto back = tabular::read_xlsx(bytes, {}, sheet.name);
    EXPECT_EQ(back.header, sheet.table.header) << sheet.name;
    EXPECT_EQ(back.rows, sheet.table.rows) << sheet.name;
  }
}

TEST(SteeringExport, the_csv_is_one_table_with_the_axis_first_and_neutralised_formulas) {
  auto f = figures();
  f.scope_label = "=HYPERLINK(\"http://x\")";
  const auto table = dashboard_table(f, test_definitions());
  EXPECT_EQ(table.header.front(), "Axe");
  EXPECT_EQ(table.header.size(), 13u);
  ASSERT_EQ(table.rows.size(), 4u + 7u + 1u);
  EXPECT_EQ(table.rows[0][0], "Activité");
  EXPECT_EQ(table.rows[4][0], "Personnes accompagnées");
  EXPECT_EQ(table.rows[11][0], "Ressources humaines");
  EXPECT_EQ(table.rows[11][4], "RH-01");
  const auto csv = tabular::write_csv(table);
  ASSERT_TRUE(
      csv.starts_with("\xEF\xBB\xBF"
                      "Axe;Périmètre;Du;Au;Indicateur;Libellé;Ventilation;Valeur;"));
  EXPECT_NE(csv.find("\r\nActivité;\"'=HYPERLINK(\"\"http://x\"\")\";2025-01-01;2025-03-31;ACT-02;Taux "
                     "d'occupation;;91.25;730;800;87.5;pas de données;%\r\n"),
            std::string::npos)
      << csv;
  const auto back = tabular::read_csv(csv);
  EXPECT_EQ(back.rows.size(), table.rows.size());
}

TEST(SteeringExport, without_values_every_indicator_still_has_its_line_saying_no_data) {
  DashboardFigures empty;
  empty.scope_label = "Organisme";
  empty.period = {d("2025-01-01"), d("2025-12-31")};
  const auto table = dashboard_table(empty, test_definitions());
  ASSERT_EQ(table.rows.size(), 4u);
  for (const auto& row : table.rows) {
    EXPECT_EQ(row[7], "pas de données");
    EXPECT_EQ(row[8], "");
  }
}

namespace {

std::vector<Definition> anap_definitions() {
  return {
      {"ACT-01", Axis::activity, Unit::rate, "Taux de réalisation", "", "", true},
      {"ACT-02", Axis::activity, Unit::rate, "Taux d'occupation", "", "care_mode", true},
      {"ACT-03", Axis::activity, Unit::persons, "File active", "", "", true},
      {"ACT-07-DEST", Axis::persons, Unit::distribution, "Destinations", "", "destination", true},
      {"RH-01", Axis::human_resources, Unit::rate, "Taux d'absentéisme", "", "absence_kind", false},
      {"RH-04", Axis::human_resources, Unit::ratio, "Taux d'encadrement", "", "", true},
      {"ACT-08", Axis::activity, Unit::days, "Journées réalisées", "", "care_mode", true},
  };
}

}  // namespace

TEST(SteeringExport, the_anap_campaign_is_one_row_per_establishment_in_the_order_of_the_anap_list) {
  std::vector<AnapEstablishment> rows(2);
  rows[0] = {
      "690000001",
      "IME Les Tilleuls",
      "183",
      "Institut médico-éducatif",
      2025,
      {value("ACT-01", 0.98766, 9876.6, 10000), value("ACT-02", 0.9, 9, 10, {{"11", "Internat", 0.9, 9, 10, {}}}),
       value("ACT-03", 42, 42, 0), value("ACT-07-DEST", std::nullopt, 0, 0, {{"home", "Domicile", 2, 2, 0, {}}}),
       value("RH-01", 0.0612, 6.12, 100, {{"illness", "Maladie ordinaire", 0.05, 5, 100, {}}}),
       value("RH-04", 0.756, 30.24, 40), value("ACT-08", 9876.5, 9876.5, 0)}};
  rows[1] = {"690000002",
             "ESAT du Parc",
             "246",
             "ESAT",
             2025,
             {value("ACT-01", std::nullopt, 0, 0), value("ACT-03", 60, 60, 0),
              value("ACT-07-DEST", std::nullopt, 0, 0,
                    {{"work", "Emploi en milieu ordinaire", 1, 1, 0, {}}, {"home", "Domicile", 3, 3, 0, {}}}),
              value("RH-01", 0.1, 10, 100, {{"long_illness", "Longue maladie", 0.1, 10, 100, {}}})}};
  const auto table = anap_table(rows, anap_definitions());
  EXPECT_EQ(
      table.header,
      (std::vector<std::string>{
          "FINESS", "Établissement", "Catégorie FINESS", "Catégorie", "Année", "Taux de réalisation de l'activité (%)",
          "Taux d'occupation des lits ou places financés (%)",
          "File active des personnes accompagnées sur la période (personnes)",
          // A distribution: one column per destination met in any row, in order of appearance.
          "Répartition des personnes accompagnées sorties définitivement par motif ou destination — Domicile "
          "(effectif)",
          "Répartition des personnes accompagnées sorties définitivement par motif ou destination — Emploi en milieu "
          "ordinaire (effectif)",
          // Absenteeism: the overall rate, then one column per kind.
          "Taux d'absentéisme (hors formation) (%)", "Taux d'absentéisme (hors formation) — Maladie ordinaire (%)",
          "Taux d'absentéisme (hors formation) — Longue maladie (%)", "Taux d'encadrement (ratio)",
          "Nombre de journées réalisées (jours)"}));
  ASSERT_EQ(table.rows.size(), 2u);
  EXPECT_EQ(table.rows[0],
            (std::vector<std::string>{"690000001", "IME Les Tilleuls", "183", "Institut médico-éducatif", "2025",
                                      "98.77", "90", "42", "2", "", "6.12", "5", "", "0.76", "9876.5"}));
  // No value (zero denominator, or an indicator the engine gave nothing for): an empty cell, never 0.
  EXPECT_EQ(table.rows[1], (std::vector<std::string>{"690000002", "ESAT du Parc", "246", "ESAT", "2025", "", "", "60",
                                                     "3", "1", "10", "", "10", "", ""}));
}

TEST(SteeringExport, the_anap_mapping_names_the_indicator_behind_each_column) {
  const auto mapping = anap_mapping_table(anap_definitions());
  ASSERT_EQ(mapping.rows.size(), 7u);
  EXPECT_EQ(mapping.rows[0][1], "Taux de réalisation de l'activité");
  EXPECT_EQ(mapping.rows[0][2], "ACT-01");
  EXPECT_EQ(mapping.rows[3][1],
            "Répartition des personnes accompagnées sorties définitivement par motif ou destination (une colonne par "
            "destination)");
  EXPECT_EQ(mapping.rows[3][0], "Axe 1 — Prestations de soins et d'accompagnement");
  EXPECT_EQ(mapping.rows[4][0], "Axe 2 — Ressources humaines et matérielles");
  // Every indicator the ANAP export asks the engine for appears in the mapping list.
  const auto ids = anap_indicator_ids();
  EXPECT_EQ(ids.front(), "ACT-01");
  EXPECT_NE(std::find(ids.begin(), ids.end(), "RH-05"), ids.end());
  EXPECT_EQ(std::set<std::string>(ids.begin(), ids.end()).size(), ids.size());
}
