// CSV import: encodings (UTF-8 with or without BOM, UTF-16 with BOM, Windows-1252), separator guessing,
// RFC 4180 quotes, line ends, limits. The first byte chooses the limits and the entry point; the rest is
// the file. A table that reads must also survive write_csv -> read_csv unchanged (up to the apostrophe
// neutralise_formula adds), which is what an export followed by a re-import does.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "problem_check.hpp"
#include "table_check.hpp"

using namespace passerelle;

namespace {

void check_round_trip(const tabular::Table& table) {
  tabular::Table expected = table;
  for (auto& name : expected.header) name = tabular::neutralise_formula(name);
  for (auto& row : expected.rows)
    for (auto& cell : row) cell = tabular::neutralise_formula(cell);
  tabular::ReadLimits generous;
  generous.max_cell_chars += 1;  // the apostrophe
  const tabular::Table again = tabular::read_csv(tabular::write_csv(table), generous);
  if (again.header != expected.header || again.rows != expected.rows) fuzz::print_first_difference(expected, again);
  FUZZ_CHECK(again.header == expected.header, "the header survives write_csv -> read_csv");
  FUZZ_CHECK(again.rows == expected.rows, "the rows survive write_csv -> read_csv");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t mode = data[0];
  const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  const tabular::ReadLimits limits = (mode & 1) ? fuzz::small_limits() : tabular::ReadLimits{};
  std::optional<tabular::Table> table;
  try {
    table = (mode & 2) ? tabular::read_table(bytes, limits) : tabular::read_csv(bytes, limits);
  } catch (const Problem& problem) {
    fuzz::check_problem_response(problem);
    return 0;
  }
  fuzz::check_table(*table, limits);
  if (mode & 4) {
    try {
      check_round_trip(*table);
    } catch (const Problem& problem) {
      std::fprintf(stderr, "re-import refused: %s\n", problem.detail().c_str());
      FUZZ_CHECK(false, "an exported table imports again");
    }
  }
  return 0;
}
