#include <gtest/gtest.h>

#include "core/problem.hpp"
#include "core/tabular/tabular.hpp"

using namespace passerelle;
using namespace passerelle::tabular;
using namespace std::literals;

namespace {

template <typename Call>
Problem problem_from(Call call) {
  try {
    call();
  } catch (const Problem& problem) {
    return problem;
  }
  ADD_FAILURE() << "a Problem was expected";
  return Problem(0, "", "", "");
}

using Rows = std::vector<std::vector<std::string>>;

}  // namespace

TEST(TabularCsv, reads_a_semicolon_file_as_french_excel_saves_it) {
  const auto table = read_csv("Nom;Prénom;Âge\r\nDupont;Marie;42\r\nMartin;Luc;7\r\n");
  EXPECT_EQ(table.header, (std::vector<std::string>{"Nom", "Prénom", "Âge"}));
  EXPECT_EQ(table.rows, (Rows{{"Dupont", "Marie", "42"}, {"Martin", "Luc", "7"}}));
}

TEST(TabularCsv, reads_comma_and_tab_separated_files) {
  EXPECT_EQ(read_csv("a,b\n1,2\n").rows, (Rows{{"1", "2"}}));
  EXPECT_EQ(read_csv("a\tb\n1;x\t2\n").rows, (Rows{{"1;x", "2"}}));
}

TEST(TabularCsv, guesses_the_separator_outside_quotes_and_prefers_semicolon_on_a_tie) {
  EXPECT_EQ(read_csv("\"Nom, prénom\";Ville\n\"Dupont, Marie\";Lyon\n").rows, (Rows{{"Dupont, Marie", "Lyon"}}));
  EXPECT_EQ(read_csv("Nom, prénom;Ville\nx;y\n").header, (std::vector<std::string>{"Nom, prénom", "Ville"}));
}

TEST(TabularCsv, keeps_separators_line_breaks_and_doubled_quotes_inside_quoted_fields) {
  const auto table = read_csv("Nom;Note\r\n\"Dupont; Marie\";\"ligne 1\r\nligne 2\"\r\n\"Le \"\"Clos\"\"\";\"\"\r\n");
  EXPECT_EQ(table.rows, (Rows{{"Dupont; Marie", "ligne 1\r\nligne 2"}, {"Le \"Clos\"", ""}}));
}

TEST(TabularCsv, strips_the_utf8_bom_and_trims_header_names) {
  const auto table = read_csv("\xEF\xBB\xBF Nom ;\tVille \nDupont;Lyon\n");
  EXPECT_EQ(table.header, (std::vector<std::string>{"Nom", "Ville"}));
  EXPECT_EQ(table.rows, (Rows{{"Dupont", "Lyon"}}));
}

TEST(TabularCsv, decodes_windows_1252_accents_and_typographic_characters) {
  // "Élève;Commentaire" then "é è à ç;œuvre € l’ami « – » …", as Excel saves "CSV (séparateur : point-virgule)".
  const auto table = read_csv(
      "\xC9l\xE8ve;Commentaire\r\n\xE9 \xE8 \xE0 \xE7;\x9C"
      "uvre \x80 l\x92"
      "ami \xAB \x96 \xBB \x85\r\n");
  EXPECT_EQ(table.header, (std::vector<std::string>{"Élève", "Commentaire"}));
  EXPECT_EQ(table.rows, (Rows{{"é è à ç", "œuvre € l’ami « – » …"}}));
}

TEST(TabularCsv, reads_utf16_files_saved_as_unicode_text) {
  const std::string_view text = "N\0o\0m\0\t\0V\0i\0l\0l\0e\0\r\0\n\0\xE9\0t\0\xE9\0\t\0\xAC\x20\r\0\n\0"sv;
  const auto table = read_table("\xFF\xFE" + std::string(text));
  EXPECT_EQ(table.header, (std::vector<std::string>{"Nom", "Ville"}));
  EXPECT_EQ(table.rows, (Rows{{"été", "€"}}));
}

TEST(TabularCsv, accepts_every_line_end_and_ignores_trailing_blank_lines) {
  EXPECT_EQ(read_csv("a;b\r1;2\r3;4\r\r\r").rows, (Rows{{"1", "2"}, {"3", "4"}}));
  EXPECT_EQ(read_csv("a;b\n1;2\n\n;\n").rows, (Rows{{"1", "2"}}));
}

TEST(TabularCsv, keeps_blank_lines_in_the_middle_so_that_rows_match_excel_line_numbers) {
  const auto table = read_csv("a;b\n1;2\n\n5;6\n");
  ASSERT_EQ(table.rows.size(), 3u);
  EXPECT_EQ(table.rows[1], (std::vector<std::string>{"", ""}));
  EXPECT_EQ(line_of_row(2), 4u);
}

TEST(TabularCsv, tolerates_trailing_empty_cells_beyond_the_header) {
  const auto table = read_csv("a;b;c;\n1;2;3;\n4;5;6;;\n");
  EXPECT_EQ(table.header.size(), 3u);
  EXPECT_EQ(table.rows, (Rows{{"1", "2", "3"}, {"4", "5", "6"}}));
}

TEST(TabularCsv, refuses_rows_with_a_missing_column_naming_their_line) {
  std::string csv = "c1;c2;c3;c4;c5;c6;c7;c8;c9\n";
  for (int line = 2; line <= 9; ++line) csv += line == 7 ? "1;2;3;4;5;6;7\n" : "1;2;3;4;5;6;7;8;9\n";
  const auto problem = problem_from([&] { read_csv(csv); });
  EXPECT_EQ(problem.status(), 422);
  ASSERT_EQ(problem.errors().size(), 1u);
  EXPECT_EQ(problem.errors()[0].field, "ligne 7");
  EXPECT_EQ(problem.errors()[0].message, "7 colonnes au lieu de 9");
}

TEST(TabularCsv, numbers_lines_as_excel_rows_when_a_quoted_field_spans_lines) {
  const auto problem = problem_from([] { read_csv("a;b\n\"x\ny\";1\n2\n"); });
  ASSERT_EQ(problem.errors().size(), 1u);
  EXPECT_EQ(problem.errors()[0].field, "ligne 3");
  EXPECT_EQ(problem.errors()[0].message, "1 colonne au lieu de 2");
}

TEST(TabularCsv, names_the_line_of_an_unterminated_quote) {
  const auto problem = problem_from([] { read_csv("a;b\n1;2\n3;\"sans fin\n4;5\n"); });
  EXPECT_EQ(problem.status(), 422);
  ASSERT_EQ(problem.errors().size(), 1u);
  EXPECT_EQ(problem.errors()[0].field, "ligne 3");
}

TEST(TabularCsv, refuses_an_empty_file_and_an_empty_header) {
  EXPECT_EQ(problem_from([] { read_csv(""); }).status(), 422);
  EXPECT_EQ(problem_from([] { read_csv("\n\n"); }).status(), 422);
  EXPECT_EQ(problem_from([] { read_csv(";;\n1;2;3\n"); }).errors()[0].field, "ligne 1");
}

TEST(TabularCsv, enforces_the_limits_while_reading) {
  EXPECT_EQ(problem_from([] { read_csv("a;b\n1;2\n", {.max_bytes = 5}); }).status(), 413);
  const auto rows = problem_from([] { read_csv("a\n1\n2\n3\n4\n", {.max_rows = 3}); });
  EXPECT_EQ(rows.status(), 422);
  EXPECT_EQ(rows.errors()[0].field, "ligne 5");
  EXPECT_EQ(problem_from([] { read_csv("a;b;c\n", {.max_columns = 2}); }).status(), 422);
  const auto cell = problem_from([] { read_csv("Nom\nééééé\n", {.max_cell_chars = 4}); });
  EXPECT_EQ(cell.errors()[0].field, "ligne 2");
  EXPECT_NE(cell.errors()[0].message.find("« Nom »"), std::string::npos);
  EXPECT_EQ(read_csv("Nom\néééé\n", {.max_cell_chars = 4}).rows, (Rows{{"éééé"}}));
}

TEST(TabularCsv, bounds_the_cells_held_whatever_the_size_of_the_file) {
  // A wide header, blank lines, one row at the end: the blank lines become rows of empty cells.
  std::string csv = "a;b;c;d\n" + std::string(10, '\n') + "1;2;3;4\n";
  const auto cells = problem_from([&] { read_csv(csv, {.max_cells = 40}); });
  EXPECT_EQ(cells.status(), 422);
  EXPECT_EQ(cells.errors()[0].field, "ligne 12");
  // At the limit: 11 rows × 4 columns = 44 cells.
  EXPECT_EQ(read_csv(csv, {.max_cells = 44}).rows.size(), 11u);
  // The default keeps a 100 kB file of blank lines under 200 columns far below a gigabyte: refused.
  std::string wide;
  for (int i = 0; i < 200; ++i) wide += (i ? ";c" : "c") + std::to_string(i);
  EXPECT_EQ(problem_from([&] { read_csv(wide + "\n" + std::string(100000, '\n') + "1\n"); }).status(), 422);
}

TEST(TabularCsv, writes_what_french_excel_opens_and_reads_it_back_unchanged) {
  const Table table{{"Nom", "Commentaire", "Montant"},
                    {{"Dupont; Marie", "dit \"Mimi\"\nsur deux lignes", "-12,5"},
                     {"Œuvre l’Été", "", "0612345678"},
                     {"a,b", "tab\there", " espaces "}}};
  const auto csv = write_csv(table);
  EXPECT_TRUE(csv.starts_with("\xEF\xBB\xBFNom;Commentaire;Montant\r\n"));
  EXPECT_NE(csv.find("\"Dupont; Marie\";\"dit \"\"Mimi\"\"\nsur deux lignes\";\"-12,5\"\r\n"), std::string::npos);
  const auto back = read_csv(csv);
  EXPECT_EQ(back.header, table.header);
  EXPECT_EQ(back.rows, table.rows);
}

TEST(TabularCsv, neutralises_formulas_but_not_plain_numbers) {
  EXPECT_EQ(neutralise_formula("=HYPERLINK(\"http://x\",\"clic\")"), "'=HYPERLINK(\"http://x\",\"clic\")");
  EXPECT_EQ(neutralise_formula("+cmd|' /C calc'!A0"), "'+cmd|' /C calc'!A0");
  EXPECT_EQ(neutralise_formula("-2+3"), "'-2+3");
  EXPECT_EQ(neutralise_formula("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(neutralise_formula("  =1+1"), "'  =1+1");
  EXPECT_EQ(neutralise_formula("\t=1"), "'\t=1");
  EXPECT_EQ(neutralise_formula("\r=1"), "'\r=1");
  // A phone number with spaces is not a number: Excel would try it as a formula and show an error.
  EXPECT_EQ(neutralise_formula("+33 1 23 45 67 89"), "'+33 1 23 45 67 89");
  EXPECT_EQ(neutralise_formula("-12"), "-12");
  EXPECT_EQ(neutralise_formula("+3.5"), "+3.5");
  EXPECT_EQ(neutralise_formula("-1,5e3"), "-1,5e3");
  EXPECT_EQ(neutralise_formula("Dupont"), "Dupont");
  EXPECT_EQ(neutralise_formula(""), "");
  EXPECT_EQ(neutralise_formula("a=b"), "a=b");
}

TEST(TabularCsv, neutralises_formulas_when_writing) {
  const auto csv = write_csv({{"=Titre"}, {{"=1+1"}, {"-12"}, {"@x"}}});
  EXPECT_EQ(csv, "\xEF\xBB\xBF'=Titre\r\n'=1+1\r\n-12\r\n'@x\r\n");
}

TEST(TabularCsv, writes_short_rows_at_the_header_width) {
  EXPECT_EQ(write_csv({{"a", "b", "c"}, {{"1"}}}),
            "\xEF\xBB\xBF"
            "a;b;c\r\n1;;\r\n");
  EXPECT_THROW(write_csv({{"a"}, {{"1", "2"}}}), std::invalid_argument);
}

TEST(TabularCsv, sniffs_text_as_csv_and_refuses_binary_files) {
  EXPECT_EQ(sniff_format("a;b\n1;2\n"), Format::csv);
  EXPECT_EQ(sniff_format("\xC9l\xE8ve\n"), Format::csv);
  EXPECT_EQ(sniff_format(std::string("\x89PNG\r\n\x1A\n\0\0", 10)), std::nullopt);
  EXPECT_EQ(sniff_format(""), std::nullopt);
  EXPECT_EQ(problem_from([] { read_table(std::string("%PDF-1.7\n\x01\x02\x03", 12)); }).status(), 415);
  const auto xls = problem_from([] { read_table(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0", 10)); });
  EXPECT_EQ(xls.status(), 415);
  EXPECT_NE(xls.detail().find(".xls"), std::string::npos);
  EXPECT_EQ(read_table("a;b\n1;2\n").rows, (Rows{{"1", "2"}}));
}
