// Files that are broken or built to hurt: each must end as a Problem, quickly and without a crash.
#include <gtest/gtest.h>

#include <chrono>

#include "core/problem.hpp"
#include "core/tabular/tabular.hpp"
#include "fixtures/tabular/zip_builder.hpp"

using namespace passerelle;
using namespace passerelle::tabular;
using passerelle::tabular::testing::minimal_workbook_parts;
using passerelle::tabular::testing::zip_of;
using passerelle::tabular::testing::zip_with_zeros;

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

std::string small_export() {
  Table table{{"Nom", "Prénom", "Note"}, {}};
  for (int i = 0; i < 200; ++i) table.rows.push_back({"Nom " + std::to_string(i), "Prénom", std::to_string(i * 7)});
  return write_xlsx(table, "Export");
}

std::string workbook_with_sheet(const std::string& sheet_data) {
  auto parts = minimal_workbook_parts();
  parts.emplace_back("xl/worksheets/sheet1.xml",
                     R"(<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>)" +
                         sheet_data + "</sheetData></worksheet>");
  return zip_of(parts);
}

std::string inline_row(int line, const std::vector<std::string>& cells) {
  std::string row = "<row r=\"" + std::to_string(line) + "\">";
  for (const auto& cell : cells) row += "<c t=\"inlineStr\"><is><t>" + cell + "</t></is></c>";
  return row + "</row>";
}

}  // namespace

TEST(TabularXlsxHostile, refuses_a_truncated_workbook_as_unreadable) {
  const auto bytes = small_export();
  const auto half = bytes.substr(0, bytes.size() / 2);
  const auto problem = problem_from([&] { read_xlsx(half); });
  EXPECT_EQ(problem.status(), 422);
  EXPECT_NE(problem.detail().find("illisible ou tronqué"), std::string::npos);
  EXPECT_EQ(problem_from([&] { read_table(half); }).status(), 422);
}

TEST(TabularXlsxHostile, refuses_a_workbook_whose_sheet_data_is_damaged) {
  auto bytes = small_export();
  const std::string name = "xl/worksheets/sheet1.xml";
  const auto entry = bytes.find(name);  // the local header, before the compressed data
  ASSERT_NE(entry, std::string::npos);
  for (std::size_t i = entry + name.size() + 40; i < entry + name.size() + 80; ++i) bytes[i] = char(bytes[i] ^ 0x5A);
  EXPECT_EQ(problem_from([&] { read_xlsx(bytes); }).status(), 422);
}

TEST(TabularXlsxHostile, refuses_a_zip_bomb_from_its_declared_size_before_inflating_it) {
  const auto bomb = zip_with_zeros(minimal_workbook_parts(), "xl/worksheets/sheet1.xml", 300u << 20);
  ASSERT_LT(bomb.size(), 2u << 20);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(problem_from([&] { read_table(bomb); }).status(), 413);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(200));
}

TEST(TabularXlsxHostile, refuses_a_zip_bomb_that_lies_about_its_size) {
  const auto bomb = zip_with_zeros(minimal_workbook_parts(), "xl/worksheets/sheet1.xml", 100u << 20, 1000);
  const auto start = std::chrono::steady_clock::now();
  const auto status = problem_from([&] { read_table(bomb, {.max_uncompressed_bytes = 1 << 20}); }).status();
  EXPECT_TRUE(status == 413 || status == 422) << status;
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(200));
}

TEST(TabularXlsxHostile, counts_every_part_against_one_uncompressed_budget) {
  std::string rows = inline_row(1, {"Nom"});
  for (int line = 2; line < 2000; ++line) rows += inline_row(line, {"une valeur assez longue " + std::to_string(line)});
  const auto bytes = workbook_with_sheet(rows);
  EXPECT_EQ(read_xlsx(bytes).rows.size(), 1998u);
  EXPECT_EQ(problem_from([&] { read_xlsx(bytes, {.max_uncompressed_bytes = 50000}); }).status(), 413);
}

TEST(TabularXlsxHostile, refuses_files_that_are_not_workbooks) {
  EXPECT_EQ(problem_from([] { read_xlsx("ceci n'est pas un zip"); }).status(), 422);
  const auto document = zip_of({{"word/document.xml", "<document/>"}});
  EXPECT_EQ(sniff_format(document), std::nullopt);
  EXPECT_EQ(problem_from([&] { read_table(document); }).status(), 415);
  EXPECT_EQ(problem_from([&] { read_xlsx(document); }).status(), 422);
  const auto ods = zip_of({{"mimetype", "application/vnd.oasis.opendocument.spreadsheet"}}, 0);
  const auto problem = problem_from([&] { read_table(ods); });
  EXPECT_EQ(problem.status(), 415);
  EXPECT_NE(problem.detail().find(".ods"), std::string::npos);
}

TEST(TabularXlsxHostile, refuses_xml_with_a_document_type_declaration) {
  const auto laughs = zip_of([] {
    auto parts = minimal_workbook_parts();
    parts.emplace_back("xl/worksheets/sheet1.xml",
                       R"(<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>
<worksheet><sheetData><row r="1"><c t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>)");
    return parts;
  }());
  EXPECT_EQ(problem_from([&] { read_xlsx(laughs); }).status(), 422);
}

TEST(TabularXlsxHostile, refuses_malformed_references_and_shared_string_indexes) {
  EXPECT_EQ(problem_from([] { read_xlsx(workbook_with_sheet(R"(<row r="1"><c r="7A"><v>1</v></c></row>)")); }).status(),
            422);
  EXPECT_EQ(problem_from([] { read_xlsx(workbook_with_sheet(R"(<row r="1"><c t="s"><v>3</v></c></row>)")); }).status(),
            422);
  EXPECT_EQ(problem_from([] { read_xlsx(workbook_with_sheet(R"(<row r="1"><c><v>1</v></c>)")); }).status(), 422);
}

TEST(TabularXlsxHostile, enforces_row_column_and_cell_limits_naming_the_line) {
  std::string rows = inline_row(1, {"Nom", "Ville"});
  for (int line = 2; line <= 5; ++line) rows += inline_row(line, {"a", "b"});
  const auto too_many_rows = problem_from([&] { read_xlsx(workbook_with_sheet(rows), {.max_rows = 3}); });
  EXPECT_EQ(too_many_rows.status(), 422);
  EXPECT_EQ(too_many_rows.errors()[0].field, "ligne 5");

  const auto wider = problem_from([&] { read_xlsx(workbook_with_sheet(rows + inline_row(6, {"a", "b", "c"}))); });
  EXPECT_EQ(wider.errors()[0].field, "ligne 6");
  EXPECT_EQ(wider.errors()[0].message, "3 colonnes au lieu de 2");

  const auto far = R"(<row r="2"><c r="ZZ2" t="inlineStr"><is><t>loin</t></is></c></row>)";
  const auto columns = problem_from([&] { read_xlsx(workbook_with_sheet(inline_row(1, {"Nom"}) + far)); });
  EXPECT_EQ(columns.status(), 422);
  EXPECT_EQ(columns.errors()[0].field, "ligne 2");

  const auto cell = problem_from([&] { read_xlsx(workbook_with_sheet(rows), {.max_cell_chars = 2}); });
  EXPECT_EQ(cell.errors()[0].field, "ligne 1");
  EXPECT_EQ(problem_from([] { read_xlsx(small_export(), {.max_bytes = 1000}); }).status(), 413);
}
