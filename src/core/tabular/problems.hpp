#pragma once
// The refusals shared by the CSV and XLSX readers, worded once so that a person sees the same sentence
// whichever format they sent.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/problem.hpp"
#include "core/tabular/tabular.hpp"

namespace passerelle::tabular::detail {

std::string line_name(std::size_t line);                       // "ligne 7", the field of row-level errors
std::string column_letters(std::size_t index);                 // 0 -> "A", 26 -> "AA", as Excel names columns
std::string plural(std::size_t n, std::string_view singular);  // "1 colonne", "7 colonnes"

// 413 when the file as received is larger than the limit.
void check_file_size(std::string_view bytes, const ReadLimits& limits);
Problem uncompressed_too_large(std::size_t max_uncompressed_bytes);

// 422 about the file as a whole (not a spreadsheet, corrupt, empty).
Problem unreadable(std::string detail);
Problem unreadable_xlsx();

// 422 naming one line, shaped like every other validation error of the application.
Problem invalid_line(std::size_t line, std::string message);
Problem invalid_lines(std::string detail, std::vector<FieldError> errors);

}  // namespace passerelle::tabular::detail
