#include <stdexcept>
#include <string>

#include "core/tabular/tabular.hpp"

namespace passerelle::tabular {
namespace {

// Sign, digits with at most one decimal mark ('.' or the French ','), optional exponent: what a
// spreadsheet reads as a number and nothing else.
bool is_plain_number(std::string_view s) {
  std::size_t i = 0;
  auto digits = [&] {
    const auto start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i - start;
  };
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  std::size_t mantissa = digits();
  if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
    ++i;
    mantissa += digits();
  }
  if (mantissa == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (digits() == 0) return false;
  }
  return i == s.size();
}

// Commas and tabs are quoted too although the separator is ';': read_csv guesses the separator from
// the header line, and a one-column header such as "Nom, prénom" must not look comma-separated.
void append_field(std::string& out, std::string_view cell) {
  const std::string field = neutralise_formula(cell);
  if (field.find_first_of(";,\t\"\r\n") == std::string::npos) {
    out += field;
    return;
  }
  out += '"';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void append_record(std::string& out, const std::vector<std::string>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) out += ';';
    append_field(out, cells[i]);
  }
  out += "\r\n";
}

}  // namespace

std::string neutralise_formula(std::string_view cell) {
  const auto first = cell.find_first_not_of(' ');
  if (first == std::string_view::npos) return std::string(cell);
  const char c = cell[first];
  if (c != '=' && c != '+' && c != '-' && c != '@' && c != '\t' && c != '\r') return std::string(cell);
  const auto last = cell.find_last_not_of(' ');
  if (is_plain_number(cell.substr(first, last - first + 1))) return std::string(cell);
  return "'" + std::string(cell);
}

std::string write_csv(const Table& table) {
  // The BOM is what makes Excel read UTF-8 instead of Windows-1252 when the file is double-clicked.
  std::string out = "\xEF\xBB\xBF";
  append_record(out, table.header);
  for (const auto& row : table.rows) {
    if (row.size() > table.header.size()) throw std::invalid_argument("write_csv: a row is wider than the header");
    auto padded = row;  // short rows are written at the header's width so that read_csv accepts them
    padded.resize(table.header.size());
    append_record(out, padded);
  }
  return out;
}

}  // namespace passerelle::tabular
