#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include "core/problem.hpp"
#include "core/tabular/excel_values.hpp"
#include "core/tabular/tabular.hpp"
#include "core/tabular/zip_reader.hpp"
#include "fixtures/tabular/zip_builder.hpp"

using namespace passerelle::tabular;
using passerelle::tabular::testing::ScratchFile;
using passerelle::tabular::testing::zip_of;

namespace {

using Rows = std::vector<std::vector<std::string>>;

// A workbook as Excel saves one (shared strings, built-in and custom date formats, formulas with their
// cached values, a blank row, missing cells, a second sheet), produced by libxlsxwriter's default mode.
std::string excel_like_workbook() {
  ScratchFile file;
  lxw_workbook* workbook = workbook_new(file.path());
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, "Résidents");
  lxw_worksheet* second = workbook_add_worksheet(workbook, "Seconde");
  lxw_format* builtin_date = workbook_add_format(workbook);
  format_set_num_format_index(builtin_date, 14);
  lxw_format* long_date = workbook_add_format(workbook);
  format_set_num_format(long_date, "[$-40C]d mmmm yyyy");
  lxw_format* time = workbook_add_format(workbook);
  format_set_num_format(time, "hh:mm");
  lxw_format* date_time = workbook_add_format(workbook);
  format_set_num_format(date_time, "dd/mm/yyyy hh:mm");
  lxw_format* amount = workbook_add_format(workbook);
  format_set_num_format(amount, "#,##0.00 \"€\";[Red]-#,##0.00 \"€\"");

  const char* header[] = {"Nom", "Entrée", "Naissance", "Présent", "Heure", "Montant", "Calcul", "Note", "Sortie"};
  for (lxw_col_t c = 0; c < 9; ++c) worksheet_write_string(sheet, 0, c, header[c], nullptr);
  lxw_datetime entry{2024, 3, 12, 0, 0, 0}, birth{1950, 7, 1, 0, 0, 0}, at{0, 0, 0, 8, 30, 0},
      leaving{2024, 3, 12, 14, 30, 0};
  worksheet_write_string(sheet, 1, 0, "Dupont", nullptr);
  worksheet_write_datetime(sheet, 1, 1, &entry, builtin_date);
  worksheet_write_datetime(sheet, 1, 2, &birth, long_date);
  worksheet_write_boolean(sheet, 1, 3, 1, nullptr);
  worksheet_write_datetime(sheet, 1, 4, &at, time);
  worksheet_write_number(sheet, 1, 5, 1234.5, amount);
  worksheet_write_formula_num(sheet, 1, 6, "=0.1+0.2", nullptr, 0.1 + 0.2);
  worksheet_write_string(sheet, 1, 7, "ligne 1\nligne 2", nullptr);
  worksheet_write_datetime(sheet, 1, 8, &leaving, date_time);
  worksheet_write_string(sheet, 3, 0, "Martin", nullptr);
  worksheet_write_boolean(sheet, 3, 3, 0, nullptr);
  worksheet_write_number(sheet, 3, 5, 123456789012, nullptr);
  worksheet_write_formula_num(sheet, 3, 6, "=3+4", nullptr, 7);
  worksheet_write_blank(sheet, 5, 2, amount);  // formatted but empty: not a line
  worksheet_write_string(second, 0, 0, "Code", nullptr);
  worksheet_write_string(second, 1, 0, "X1", nullptr);
  workbook_close(workbook);
  return file.content();
}

// What other producers do: x: prefixes, inline and rich strings, rows and cells without r="", _xHHHH_
// escapes, the Mac 1904 calendar, a hidden first sheet, absolute and ../ relationship targets.
std::string hand_made_workbook() {
  const std::string main = R"(xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main")";
  const std::string relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
  return zip_of({
      {"xl/workbook.xml",
       "<x:workbook " + main + R"( xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<x:workbookPr date1904="1"/><x:sheets><x:sheet name="Cachée" sheetId="1" state="hidden" r:id="rId1"/>
<x:sheet name="Liste" sheetId="2" r:id="rId2"/></x:sheets></x:workbook>)"},
      {"xl/_rels/workbook.xml.rels",
       R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type=")" +
           relationships + R"(worksheet" Target="/xl/worksheets/hidden.xml"/>
<Relationship Id="rId2" Type=")" +
           relationships + R"(worksheet" Target="worksheets/../worksheets/liste.xml"/>
<Relationship Id="rId3" Type=")" +
           relationships + R"(sharedStrings" Target="sharedStrings.xml"/>
<Relationship Id="rId4" Type=")" +
           relationships + R"(styles" Target="styles.xml"/></Relationships>)"},
      {"xl/sharedStrings.xml", "<x:sst " + main + R"(><x:si><x:t>Nom</x:t></x:si>
<x:si><x:r><x:rPr><x:b/></x:rPr><x:t>Dé</x:t></x:r><x:r><x:t xml:space="preserve">but </x:t></x:r><x:rPh sb="0" eb="1"><x:t>ヨミ</x:t></x:rPh></x:si>
<x:si><x:t>a_x000D_b_x005F_x0041_</x:t></x:si></x:sst>)"},
      {"xl/styles.xml",
       "<x:styleSheet " + main + R"(><x:numFmts count="1"><x:numFmt numFmtId="164" formatCode="DD/MM/YYYY"/></x:numFmts>
<x:cellStyleXfs><x:xf numFmtId="14"/></x:cellStyleXfs><x:cellXfs><x:xf numFmtId="0"/><x:xf numFmtId="164"/></x:cellXfs></x:styleSheet>)"},
      {"xl/worksheets/hidden.xml",
       "<x:worksheet " + main +
           R"(><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>Secret</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>)"},
      {"xl/worksheets/liste.xml", "<x:worksheet " + main + R"(><x:sheetData>
<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>Date</x:t></x:is></x:c><x:c r="D1" t="inlineStr"><x:is><x:t>Note</x:t></x:is></x:c></x:row>
<x:row r="3"><x:c r="A3" t="s"><x:v>1</x:v></x:c><x:c r="B3" s="1"><x:v>0</x:v></x:c><x:c r="D3" t="s"><x:v>2</x:v></x:c></x:row>
<x:row><x:c t="inlineStr"><x:is><x:r><x:t>ri</x:t></x:r><x:r><x:t>che</x:t></x:r></x:is></x:c><x:c s="1"><x:v>366</x:v></x:c><x:c r="D4" t="e"><x:v>#N/A</x:v></x:c></x:row>
<x:row r="9" s="1" customFormat="1"><x:c r="A9" s="1"/></x:row>
</x:sheetData></x:worksheet>)"},
  });
}

}  // namespace

TEST(TabularXlsx, writes_a_workbook_that_reads_back_with_the_same_cells) {
  const Table table{{"Nom", "Montant", "Entrée", "Note"},
                    {{"Dupont", "12.5", "2024-03-12", "=1+1"},
                     {"Œuvre l’Été", "-3", "1999-12-31 08:30", "0612345678"},
                     {"", "1234567.89", "", "ligne 1\nligne 2"},
                     {"x", "n/a", "pas une date", "  espaces  "},
                     {"y", "0", "2000-02-29 23:59:59", "@SUM(A1)"}}};
  const auto bytes = write_xlsx(table, "Export", {ColumnKind::text, ColumnKind::number, ColumnKind::date});
  EXPECT_EQ(sniff_format(bytes), Format::xlsx);
  const auto back = read_table(bytes);
  EXPECT_EQ(back.header, table.header);
  EXPECT_EQ(back.rows, table.rows);
}

// Found by fuzz/xlsx_import: "_x000D_" typed as text came back as a carriage return after an export, and
// a U+FFFF (which XML cannot hold) made the exported workbook unreadable.
TEST(TabularXlsx, exports_text_that_looks_like_an_ooxml_escape_as_it_is) {
  const Table table{{"Code", "Note"},
                    {{"_x000D_", "a_x0041_b _x12_ _xZZZZ_"}, {std::string("nul\0octet", 9), "_x005F_x0041_"},
                     {"cr\rlf\r\n\x01\x1F\x7F", "\xEF\xBF\xBF \xEF\xBF\xBE \xEF\xBF\xBD"}}};
  const auto back = read_xlsx(write_xlsx(table, "Export"));
  EXPECT_EQ(back.header, table.header);
  EXPECT_EQ(back.rows, table.rows);
}

TEST(TabularXlsx, writes_numbers_and_dates_as_typed_cells_and_text_never_as_formulas) {
  const auto bytes = write_xlsx({{"Montant", "Date", "Texte"}, {{"12,5", "2024-03-12", "=1+1"}}}, "Feuille",
                                {ColumnKind::number, ColumnKind::date});
  detail::ZipReader zip(bytes, 1 << 20);
  const auto sheet = zip.read("xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet.find("<v>12.5</v>"), std::string::npos);
  EXPECT_NE(sheet.find("<v>45363</v>"), std::string::npos);  // 2024-03-12 as an Excel serial
  EXPECT_EQ(sheet.find("<f>"), std::string::npos);
  EXPECT_NE(sheet.find("<pane "), std::string::npos);  // frozen header
  EXPECT_NE(sheet.find("<autoFilter "), std::string::npos);
  EXPECT_NE(zip.read("xl/styles.xml").find("<b/>"), std::string::npos);  // bold header
  EXPECT_EQ(read_xlsx(bytes).rows, (Rows{{"12.5", "2024-03-12", "=1+1"}}));
}

TEST(TabularXlsx, makes_any_sheet_name_acceptable_to_excel) {
  const auto bytes = write_xlsx({{"a"}, {{"1"}}}, "Résidents: 2024/03 [export] très long nom de feuille");
  EXPECT_EQ(read_xlsx(bytes, {}, "Résidents- 2024-03 -export- trè").rows, (Rows{{"1"}}));
}

TEST(TabularXlsx, writes_several_sheets_in_order_each_with_its_own_columns) {
  const auto bytes = write_xlsx(std::vector<Sheet>{
      {"Activité", {{"Code", "Valeur"}, {{"ACT-02", "0.5"}}}, {ColumnKind::text, ColumnKind::number}},
      {"Définitions", {{"Code"}, {{"ACT-02"}, {"RH-01"}}}, {}},
      {"activité", {{"Autre"}, {{"x"}}}, {}}});
  detail::ZipReader zip(bytes, 1 << 20);
  EXPECT_NE(zip.read("xl/worksheets/sheet1.xml").find("<v>0.5</v>"), std::string::npos);  // a number cell
  const auto workbook = zip.read("xl/workbook.xml");
  const auto first = workbook.find("name=\"Activité\"");
  const auto second = workbook.find("name=\"Définitions\"");
  ASSERT_NE(first, std::string::npos);
  ASSERT_NE(second, std::string::npos);
  EXPECT_LT(first, second);
  EXPECT_EQ(read_xlsx(bytes, {}, "Activité").rows, (Rows{{"ACT-02", "0.5"}}));
  EXPECT_EQ(read_xlsx(bytes, {}, "Définitions").rows, (Rows{{"ACT-02"}, {"RH-01"}}));
  // Excel compares sheet names without case: the third sheet gets another name.
  EXPECT_EQ(read_xlsx(bytes, {}, "activité (2)").header, (std::vector<std::string>{"Autre"}));
  EXPECT_THROW(write_xlsx(std::vector<Sheet>{}), std::invalid_argument);
}

TEST(TabularXlsx, reads_a_workbook_as_excel_saves_it) {
  const auto bytes = excel_like_workbook();
  const auto table = read_table(bytes);
  EXPECT_EQ(table.header, (std::vector<std::string>{"Nom", "Entrée", "Naissance", "Présent", "Heure", "Montant",
                                                    "Calcul", "Note", "Sortie"}));
  EXPECT_EQ(table.rows, (Rows{{"Dupont", "2024-03-12", "1950-07-01", "VRAI", "08:30", "1234.5", "0.3",
                               "ligne 1\nligne 2", "2024-03-12 14:30"},
                              {"", "", "", "", "", "", "", "", ""},
                              {"Martin", "", "", "FAUX", "", "123456789012", "7", "", ""}}));
  const auto second = read_xlsx(bytes, {}, "Seconde");
  EXPECT_EQ(second.header, (std::vector<std::string>{"Code"}));
  EXPECT_EQ(second.rows, (Rows{{"X1"}}));
}

TEST(TabularXlsx, reads_inline_strings_missing_cells_and_other_producers_quirks) {
  const auto bytes = hand_made_workbook();
  const auto table = read_xlsx(bytes);
  EXPECT_EQ(table.header, (std::vector<std::string>{"Nom", "Date", "", "Note"}));
  EXPECT_EQ(table.rows,
            (Rows{{"", "", "", ""}, {"Début ", "1904-01-01", "", "a\rb_x0041_"}, {"riche", "1905-01-01", "", "#N/A"}}));
  EXPECT_EQ(read_xlsx(bytes, {}, "Cachée").header, (std::vector<std::string>{"Secret"}));
}

TEST(TabularXlsx, names_the_sheets_available_when_the_requested_one_is_missing) {
  try {
    read_xlsx(excel_like_workbook(), {}, "Absente");
    FAIL() << "a Problem was expected";
  } catch (const passerelle::Problem& problem) {
    EXPECT_EQ(problem.status(), 422);
    ASSERT_EQ(problem.errors().size(), 1u);
    EXPECT_EQ(problem.errors()[0].field, "feuille");
    EXPECT_NE(problem.errors()[0].message.find("« Résidents », « Seconde »"), std::string::npos);
  }
}

TEST(TabularXlsx, recognises_dates_and_times_from_the_letters_of_their_number_format) {
  using detail::format_code_kind;
  using Kind = detail::NumberFormatKind;
  EXPECT_EQ(format_code_kind("dd/mm/yyyy"), Kind::date);
  EXPECT_EQ(format_code_kind("[$-40C]d mmmm yyyy"), Kind::date);
  EXPECT_EQ(format_code_kind("mmm-yy"), Kind::date);
  EXPECT_EQ(format_code_kind("dd/mm/yyyy hh:mm"), Kind::date_time);
  EXPECT_EQ(format_code_kind("h:mm AM/PM"), Kind::time);
  EXPECT_EQ(format_code_kind("mm:ss"), Kind::time);
  EXPECT_EQ(format_code_kind("[h]:mm:ss"), Kind::duration);
  EXPECT_EQ(format_code_kind("General"), Kind::number);
  EXPECT_EQ(format_code_kind("0.00%"), Kind::number);
  EXPECT_EQ(format_code_kind("#,##0.00 \"jours\";[Red]-#,##0.00"), Kind::number);
  EXPECT_EQ(detail::builtin_format_kind(14), Kind::date);
  EXPECT_EQ(detail::builtin_format_kind(22), Kind::date_time);
  EXPECT_EQ(detail::builtin_format_kind(4), Kind::number);
}

TEST(TabularXlsx, shows_numbers_as_excel_does_with_fifteen_significant_digits) {
  using detail::format_number;
  EXPECT_EQ(format_number(0.1 + 0.2), "0.3");
  EXPECT_EQ(format_number(123456789012), "123456789012");
  EXPECT_EQ(format_number(-0.5), "-0.5");
  EXPECT_EQ(format_number(0.000012), "0.000012");
  EXPECT_EQ(format_number(1e20), "1e+20");
  EXPECT_EQ(format_number(-0.0), "0");
  EXPECT_EQ(detail::format_serial(45363.75, detail::NumberFormatKind::date, false), "2024-03-12");
  EXPECT_EQ(detail::format_serial(45363.75, detail::NumberFormatKind::date_time, false), "2024-03-12 18:00");
  EXPECT_EQ(detail::format_serial(1.5, detail::NumberFormatKind::duration, false), "36:00");
  EXPECT_EQ(detail::format_serial(1, detail::NumberFormatKind::date, false), "1900-01-01");
  EXPECT_EQ(detail::format_serial(61, detail::NumberFormatKind::date, false), "1900-03-01");
}
