#pragma once
// Blocks poured into pages, one after the other. Each kind of block decides where it may be cut:
// paragraphs and lists between lines (never leaving a single line alone at the bottom or top of a
// page), tables between rows (repeating the header) and, for a row taller than a page, between lines;
// headings stay with what follows them; signature boxes are never cut.
#include <functional>
#include <memory>
#include <vector>

#include "core/pdf/document.hpp"
#include "core/pdf/pages.hpp"
#include "core/pdf/style.hpp"

namespace passerelle::pdf::detail {

class Flow {
 public:
  Flow(PangoContext* context, const Style& style, double left, double width, Pages& pages)
      : context_(context), style_(style), left_(left), width_(width), pages_(pages) {}

  // `next` is the block that will follow, if any: a heading needs to know how much of it must come along.
  void place(const Block& block, const Block* next);

 private:
  struct Cell {
    std::shared_ptr<const TextBox> box;
    double x, width;
  };
  struct RowLook {
    bool header = false;     // grey background
    bool borders = true;     // a frame around each cell
    bool separator = false;  // a thin rule under the row
  };

  struct SignatureRow {
    std::size_t count;
    double box_width, caption_height, frame_height;
    std::vector<std::shared_ptr<const TextBox>> captions, signed_lines;  // a signed line is null when unsigned
  };
  SignatureRow signature_row(const SignatureBlock& block, std::size_t first) const;
  struct TableGrid {
    std::vector<double> xs, widths;
    std::vector<Cell> header;
    double header_height = 0;
  };
  TableGrid grid_of(const Table& table) const;
  std::vector<Cell> row_cells(const TableGrid& grid, const std::vector<std::string>& texts, bool bold) const;
  double table_opening(const Table& table) const;
  std::vector<Cell> key_value_cells(const KeyValueRow& row) const;
  double bullet_indent() const { return style_.body_size * 1.6; }
  double signature_caption_gap() const { return style_.body_size * 0.4; }
  // The height of the part of a block that may not be separated from a heading placed before it.
  double opening_height(const Block& block) const;

  void put(const Heading& heading);
  void put(const Paragraph& paragraph);
  void put(const BulletList& list);
  void put(const KeyValueTable& table);
  void put(const Table& table);
  void put(const SignatureBlock& block);
  void put(const LetterHead& head);
  void put(const Spacer& spacer);
  void put(const PageBreak&);

  TextLook look(double size_factor = 1, bool bold = false) const;
  std::shared_ptr<const TextBox> text(const std::vector<Run>& runs, double width, const TextLook& look) const;
  std::shared_ptr<const TextBox> text(const std::string& plain, double width, const TextLook& look) const;
  double padding() const { return style_.body_size * 0.35; }

  struct Anchor {
    std::size_t page;
    double baseline;
  };
  // Places the box's lines from the cursor on, across pages as needed; returns where the first went.
  Anchor place_lines(const std::shared_ptr<const TextBox>& box, double x);
  void place_line_range(const std::shared_ptr<const TextBox>& box, int from, int to, double x, double y);
  void place_row(const std::vector<Cell>& cells, const RowLook& row, const std::function<void()>& repeat_header);

  PangoContext* context_;
  const Style& style_;
  double left_, width_;
  Pages& pages_;
  const Block* next_ = nullptr;
};

}  // namespace passerelle::pdf::detail
