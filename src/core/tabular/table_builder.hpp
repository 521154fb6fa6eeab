#pragma once
// Turns the lines read from a CSV or XLSX file into a Table, with the same rules and messages for both:
// line 1 is the header, every row ends up exactly as wide as the header, limits are enforced while
// reading (not after) so that a hostile file cannot make us build a huge table first.
#include <cstddef>
#include <string>
#include <vector>

#include "core/problem.hpp"
#include "core/tabular/tabular.hpp"

namespace passerelle::tabular::detail {

class TableBuilder {
 public:
  // `short_rows_are_errors`: in CSV a row with too few cells means a lost separator that shifts values
  // into the wrong columns; in XLSX a missing cell is simply an empty one.
  TableBuilder(const ReadLimits& limits, bool short_rows_are_errors);

  // `line` is the number Excel shows (header = 1), increasing; skipped lines are blank ones.
  void add_line(std::size_t line, std::vector<std::string> cells);
  Table finish();

 private:
  void set_header(std::vector<std::string> cells);
  [[noreturn]] void throw_width_errors();
  void check_cell_lengths(std::size_t line, const std::vector<std::string>& cells) const;
  std::string column_label(std::size_t index) const;

  const ReadLimits& limits_;
  bool short_rows_are_errors_;
  bool has_header_ = false;
  std::size_t last_line_ = 0;
  Table table_;
  std::vector<FieldError> width_errors_;
};

}  // namespace passerelle::tabular::detail
