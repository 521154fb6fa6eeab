#pragma once
// What read_csv, read_xlsx and read_table promise of a Table they return (src/core/tabular/tabular.hpp).
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "check.hpp"
#include "core/tabular/encoding.hpp"
#include "core/tabular/tabular.hpp"
#include "core/text.hpp"

namespace passerelle::fuzz {

inline void check_table(const tabular::Table& table, const tabular::ReadLimits& limits) {
  using tabular::detail::count_characters;
  using tabular::detail::is_utf8;
  FUZZ_CHECK(!table.header.empty(), "a table has a header");
  FUZZ_CHECK(table.header.size() <= limits.max_columns, "the header is within max_columns");
  FUZZ_CHECK(!table.header.back().empty(), "trailing unnamed columns are dropped");
  FUZZ_CHECK(table.rows.size() <= limits.max_rows, "rows are within max_rows");
  FUZZ_CHECK(table.rows.empty() || !std::all_of(table.rows.back().begin(), table.rows.back().end(),
                                                [](const std::string& cell) { return cell.empty(); }),
             "trailing blank lines are dropped");
  for (const auto& name : table.header) {
    FUZZ_CHECK(name == trim(name), "column names are trimmed");
    FUZZ_CHECK(is_utf8(name), "column names are UTF-8");
  }
  for (const auto& row : table.rows) {
    FUZZ_CHECK(row.size() == table.header.size(), "every row is exactly as wide as the header");
    for (const auto& cell : row) {
      FUZZ_CHECK(is_utf8(cell), "cells are UTF-8");
      FUZZ_CHECK(count_characters(cell) <= limits.max_cell_chars, "cells are within max_cell_chars");
    }
  }
}

inline void print_escaped(const char* label, const std::string& text) {
  std::fprintf(stderr, "%s: \"", label);
  for (unsigned char c : text) (c < 0x20 || c >= 0x7F) ? std::fprintf(stderr, "\\x%02X", c) : std::fprintf(stderr, "%c", c);
  std::fprintf(stderr, "\"\n");
}

// For a broken round trip: the first cell that differs, so the report says what changed.
inline void print_first_difference(const tabular::Table& expected, const tabular::Table& got) {
  std::vector<std::vector<std::string>> a{expected.header}, b{got.header};
  a.insert(a.end(), expected.rows.begin(), expected.rows.end());
  b.insert(b.end(), got.rows.begin(), got.rows.end());
  for (std::size_t line = 0; line < std::max(a.size(), b.size()); ++line) {
    if (line < a.size() && line < b.size() && a[line] == b[line]) continue;
    std::fprintf(stderr, "line %zu differs\n", line + 1);
    for (std::size_t i = 0; line < a.size() && line < b.size() && i < std::max(a[line].size(), b[line].size()); ++i) {
      print_escaped("  expected", i < a[line].size() ? a[line][i] : "<none>");
      print_escaped("  got     ", i < b[line].size() ? b[line][i] : "<none>");
    }
    return;
  }
}

// Small enough for the fuzzer to reach every limit with short inputs.
inline tabular::ReadLimits small_limits() {
  return {.max_bytes = 2000, .max_rows = 6, .max_columns = 5, .max_cell_chars = 12, .max_uncompressed_bytes = 3000};
}

}  // namespace passerelle::fuzz
