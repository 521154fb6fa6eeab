// The blocks laid out side by side: tables, label / value rows and signature boxes.
#include <algorithm>
#include <numeric>

#include "core/pdf/flow.hpp"

namespace passerelle::pdf::detail {
namespace {

constexpr double tolerance = 0.01;
constexpr double border_width = 0.5;
constexpr double header_grey = 0.9;

double tallest(const std::vector<std::shared_ptr<const TextBox>>& boxes) {
  double height = 0;
  for (const auto& box : boxes)
    if (box) height = std::max(height, box->height());
  return height;
}

}  // namespace

void Flow::place_row(const std::vector<Cell>& cells, const RowLook& row, const std::function<void()>& repeat_header) {
  const double pad = padding();
  std::vector<int> next(cells.size(), 0);
  pages_.settle();
  for (;;) {
    const double room = pages_.room() - 2 * pad;
    std::vector<int> end(cells.size());
    bool complete = true;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const auto& box = *cells[c].box;
      int to = next[c];
      while (to < box.line_count() && box.bottom(to) - box.top(next[c]) <= room + tolerance) ++to;
      end[c] = to;
      complete = complete && to == box.line_count();
    }
    // A row is cut only when it would not fit on a page of its own.
    if (!complete && !pages_.page_is_empty()) {
      pages_.new_page();
      repeat_header();
      continue;
    }
    double height = 0;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const auto& box = *cells[c].box;
      if (end[c] == next[c] && next[c] < box.line_count()) ++end[c];  // a line taller than the page
      if (end[c] > next[c]) height = std::max(height, box.bottom(end[c] - 1) - box.top(next[c]));
    }
    height += 2 * pad;
    const double y = pages_.y();
    for (const auto& cell : cells)
      if (row.header) pages_.add(PlacedRectangle{cell.x, y, cell.width, height, header_grey, 0});
    for (std::size_t c = 0; c < cells.size(); ++c)
      place_line_range(cells[c].box, next[c], end[c], cells[c].x + pad, y + pad);
    for (const auto& cell : cells)
      if (row.borders) pages_.add(PlacedRectangle{cell.x, y, cell.width, height, -1, border_width});
    if (row.separator && !cells.empty())
      pages_.add(PlacedRule{cells.front().x, y + height, cells.back().x + cells.back().width, y + height});
    pages_.advance(height, !row.header);
    next = end;
    bool done = true;
    for (std::size_t c = 0; c < cells.size(); ++c) done = done && next[c] == cells[c].box->line_count();
    if (done) return;
    pages_.new_page();
    repeat_header();
  }
}

Flow::TableGrid Flow::grid_of(const Table& table) const {
  TableGrid grid;
  const double total = std::accumulate(table.columns.begin(), table.columns.end(), 0.0,
                                       [](double sum, const Column& c) { return sum + std::max(c.width, 0.0); });
  double x = left_;
  for (const auto& column : table.columns) {
    const double share = total > 0 ? std::max(column.width, 0.0) / total : 1.0 / double(table.columns.size());
    grid.xs.push_back(x);
    grid.widths.push_back(width_ * share);
    x += width_ * share;
  }
  std::vector<std::string> titles;
  for (const auto& column : table.columns) titles.push_back(column.header);
  grid.header = row_cells(grid, titles, true);
  for (const auto& cell : grid.header) grid.header_height = std::max(grid.header_height, cell.box->height());
  grid.header_height += 2 * padding();
  return grid;
}

std::vector<Flow::Cell> Flow::row_cells(const TableGrid& grid, const std::vector<std::string>& texts, bool bold) const {
  std::vector<Cell> cells;
  const std::string empty;
  for (std::size_t c = 0; c < grid.xs.size(); ++c)
    cells.push_back({text(c < texts.size() ? texts[c] : empty, grid.widths[c] - 2 * padding(), look(0.95, bold)),
                     grid.xs[c], grid.widths[c]});
  return cells;
}

double Flow::table_opening(const Table& table) const {
  if (table.columns.empty()) return 0;
  const auto grid = grid_of(table);
  double first_line = 0;
  if (!table.rows.empty())
    for (const auto& cell : row_cells(grid, table.rows.front(), false))
      first_line = std::max(first_line, cell.box->bottom(0) - cell.box->top(0) + 2 * padding());
  return grid.header_height + first_line;
}

void Flow::put(const Table& table) {
  if (table.columns.empty()) return;
  const auto grid = grid_of(table);
  // A header taller than a third of a page is shown once: repeated, it would leave little room for rows.
  const bool repeat = grid.header_height < pages_.body_height() / 3;
  const auto repeat_header = [&] {
    if (repeat) place_row(grid.header, RowLook{true, true, false}, [] {});
  };
  pages_.gap(style_.block_spacing);
  pages_.settle();
  if (!pages_.page_is_empty() && pages_.room() < table_opening(table) + tolerance) pages_.new_page();
  place_row(grid.header, RowLook{true, true, false}, [] {});
  for (const auto& row : table.rows) place_row(row_cells(grid, row, false), RowLook{}, repeat_header);
  pages_.gap(style_.block_spacing);
}

std::vector<Flow::Cell> Flow::key_value_cells(const KeyValueRow& row) const {
  const double label_width = width_ * 0.35, pad = padding();
  return {{text(row.label, label_width - 2 * pad, look(1, true)), left_, label_width},
          {text(row.value, width_ - label_width - 2 * pad, look()), left_ + label_width, width_ - label_width}};
}

void Flow::put(const KeyValueTable& table) {
  pages_.gap(style_.block_spacing);
  for (const auto& row : table.rows) place_row(key_value_cells(row), RowLook{false, false, true}, [] {});
  pages_.gap(style_.block_spacing);
}

Flow::SignatureRow Flow::signature_row(const SignatureBlock& block, std::size_t first) const {
  const std::size_t per_row = std::max<std::size_t>(1, style_.signatures_per_row);
  const double between = style_.body_size * 1.5, pad = padding() * 2;
  SignatureRow row;
  row.count = std::min(per_row, block.boxes.size() - first);
  row.box_width = (width_ - between * double(per_row - 1)) / double(per_row);
  for (std::size_t i = 0; i < row.count; ++i) {
    const auto& box = block.boxes[first + i];
    row.captions.push_back(text(box.caption, row.box_width, look(1, true)));
    if (!box.signature) {
      row.signed_lines.push_back(nullptr);
      continue;
    }
    // The date and time stay on one line: "14 h" and "05" apart would read as two things.
    std::string on = box.signature->on;
    for (std::size_t at = on.find(' '); at != std::string::npos; at = on.find(' ', at)) on.replace(at, 1, "\u00A0");
    std::vector<Run> runs{{"Signé le ", false}, {on, true}, {" par ", false}, {box.signature->by, true}};
    row.signed_lines.push_back(text(runs, row.box_width - 2 * pad, look(0.85)));
  }
  row.caption_height = tallest(row.captions);
  row.frame_height = std::max(style_.body_size * 6, tallest(row.signed_lines) + 2 * pad + style_.body_size * 3);
  return row;
}

void Flow::put(const SignatureBlock& block) {
  const double between = style_.body_size * 1.5, pad = padding() * 2;
  pages_.gap(style_.block_spacing * 2);
  for (std::size_t first = 0; first < block.boxes.size();
       first += std::max<std::size_t>(1, style_.signatures_per_row)) {
    const auto row = signature_row(block, first);
    const double height = row.caption_height + signature_caption_gap() + row.frame_height;
    pages_.settle();
    if (!pages_.page_is_empty() && pages_.room() < height + tolerance) pages_.new_page();
    const double y = pages_.y(), frame_top = y + row.caption_height + signature_caption_gap();
    for (std::size_t i = 0; i < row.count; ++i) {
      const double x = left_ + double(i) * (row.box_width + between);
      place_line_range(row.captions[i], 0, row.captions[i]->line_count(), x, y);
      pages_.add(PlacedRectangle{x, frame_top, row.box_width, row.frame_height, -1, border_width});
      if (const auto& line = row.signed_lines[i])
        place_line_range(line, 0, line->line_count(), x + pad, frame_top + row.frame_height - pad - line->height());
    }
    pages_.advance(height);
    pages_.gap(style_.block_spacing * 2);
  }
}

}  // namespace passerelle::pdf::detail
