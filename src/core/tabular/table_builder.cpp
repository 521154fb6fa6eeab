#include "core/tabular/table_builder.hpp"

#include <algorithm>

#include "core/tabular/encoding.hpp"
#include "core/tabular/problems.hpp"
#include "core/text.hpp"

namespace passerelle::tabular::detail {
namespace {

// A file with a systematic problem (a wrong separator) would otherwise list every one of its lines.
constexpr std::size_t max_reported_lines = 20;

std::size_t used_width(const std::vector<std::string>& cells) {
  auto last = std::find_if(cells.rbegin(), cells.rend(), [](const std::string& c) { return !c.empty(); });
  return static_cast<std::size_t>(cells.rend() - last);
}

}  // namespace

TableBuilder::TableBuilder(const ReadLimits& limits, bool short_rows_are_errors)
    : limits_(limits), short_rows_are_errors_(short_rows_are_errors) {}

void TableBuilder::add_line(std::size_t line, std::vector<std::string> cells) {
  if (line <= last_line_) throw unreadable_xlsx();  // only a corrupt XLSX can number its rows backwards
  last_line_ = line;
  check_cell_lengths(line, cells);
  if (!has_header_) return set_header(std::move(cells));

  const std::size_t used = used_width(cells);
  if (used == 0) return;  // blank lines are only materialised when a later line needs them
  if (line - 1 > limits_.max_rows)
    throw invalid_line(line, "le fichier dépasse " + std::to_string(limits_.max_rows) + " lignes de données");

  const std::size_t width = table_.header.size();
  const bool too_short = short_rows_are_errors_ && cells.size() < width;
  if (too_short || used > width) {
    const std::size_t found = too_short ? cells.size() : used;
    width_errors_.push_back({line_name(line), plural(found, "colonne") + " au lieu de " + std::to_string(width)});
    if (width_errors_.size() >= max_reported_lines) throw_width_errors();
    return;
  }
  if ((line - 1) * width > limits_.max_cells)
    throw invalid_line(line, "le fichier dépasse " + std::to_string(limits_.max_cells) +
                                 " cellules (lignes × colonnes de l'en-tête) : retirez les lignes ou les colonnes vides, ou "
                                 "découpez-le");
  cells.resize(width);
  table_.rows.resize(line - 2, std::vector<std::string>(width));
  table_.rows.push_back(std::move(cells));
}

Table TableBuilder::finish() {
  if (!has_header_) throw unreadable("Le fichier est vide.");
  if (!width_errors_.empty()) throw_width_errors();
  return std::move(table_);
}

void TableBuilder::throw_width_errors() {
  const auto count = width_errors_.size();
  throw invalid_lines((count >= max_reported_lines ? "Au moins " : "") + plural(count, "ligne") + " n'" +
                          (count > 1 ? "ont" : "a") + " pas le même nombre de colonnes que l'en-tête (" +
                          plural(table_.header.size(), "colonne") + ").",
                      std::move(width_errors_));
}

void TableBuilder::set_header(std::vector<std::string> cells) {
  for (auto& name : cells) name = trim(name);
  cells.resize(used_width(cells));
  if (last_line_ != 1 || cells.empty())
    throw invalid_line(1, "la première ligne doit contenir les noms des colonnes, elle est vide");
  table_.header = std::move(cells);
  has_header_ = true;
}

void TableBuilder::check_cell_lengths(std::size_t line, const std::vector<std::string>& cells) const {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    // Bytes are never fewer than characters: most cells are settled without counting.
    if (cells[i].size() <= limits_.max_cell_chars || count_characters(cells[i]) <= limits_.max_cell_chars) continue;
    throw invalid_line(line, "la cellule de la colonne " + column_label(i) + " dépasse " +
                                 std::to_string(limits_.max_cell_chars) + " caractères");
  }
}

std::string TableBuilder::column_label(std::size_t index) const {
  if (index < table_.header.size() && !table_.header[index].empty())
    return "« " + table_.header[index] + " » (" + column_letters(index) + ")";
  return column_letters(index);
}

}  // namespace passerelle::tabular::detail
