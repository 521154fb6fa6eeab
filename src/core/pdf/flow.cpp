#include "core/pdf/flow.hpp"

#include <algorithm>

namespace passerelle::pdf::detail {
namespace {

constexpr double tolerance = 0.01;  // points; rounding in Pango units must not push a line over

}  // namespace

void Flow::place(const Block& block, const Block* next) {
  next_ = next;
  std::visit([this](const auto& b) { put(b); }, block);
}

double Flow::opening_height(const Block& block) const {
  // The first two lines of text, or the whole of what may not be cut.
  const auto two_lines = [](const TextBox& box) { return box.bottom(std::min(box.line_count(), 2) - 1) - box.top(0); };
  if (const auto* paragraph = std::get_if<Paragraph>(&block)) return two_lines(*text(paragraph->runs, width_, look()));
  if (const auto* list = std::get_if<BulletList>(&block))
    return list->items.empty() ? 0 : two_lines(*text(list->items.front().runs, width_ - bullet_indent(), look()));
  if (const auto* table = std::get_if<KeyValueTable>(&block))
    return table->rows.empty() ? 0 : key_value_cells(table->rows.front())[1].box->height() + 2 * padding();
  if (const auto* table = std::get_if<Table>(&block)) return table_opening(*table);
  if (const auto* signatures = std::get_if<SignatureBlock>(&block)) {
    if (signatures->boxes.empty()) return 0;
    const auto row = signature_row(*signatures, 0);
    return row.caption_height + signature_caption_gap() + row.frame_height;
  }
  return 0;
}

TextLook Flow::look(double size_factor, bool bold) const {
  TextLook look;
  look.family = &style_.font_family;
  look.size = style_.body_size * size_factor;
  look.line_spacing = static_cast<float>(style_.line_spacing);
  look.bold = bold;
  return look;
}

std::shared_ptr<const TextBox> Flow::text(const std::vector<Run>& runs, double width, const TextLook& look) const {
  return std::make_shared<const TextBox>(context_, runs, std::max(width, 1.0), look);
}

std::shared_ptr<const TextBox> Flow::text(const std::string& plain, double width, const TextLook& look) const {
  return text(std::vector<Run>{{plain, false}}, width, look);
}

void Flow::place_line_range(const std::shared_ptr<const TextBox>& box, int from, int to, double x, double y) {
  for (int line = from; line < to; ++line)
    pages_.add(PlacedLine{box, line, x + box->left(line), y + box->baseline(line) - box->top(from)});
}

Flow::Anchor Flow::place_lines(const std::shared_ptr<const TextBox>& box, double x) {
  Anchor first{0, 0};
  const int count = box->line_count();
  pages_.settle();
  for (int from = 0; from < count;) {
    int to = from;
    while (to < count && box->bottom(to) - box->top(from) <= pages_.room() + tolerance) ++to;
    if (to < count && !pages_.page_is_empty()) {
      const bool nothing_fits = to == from;
      const bool lone_first_line = from == 0 && to == 1;  // an orphan: start on the next page instead
      if (nothing_fits || lone_first_line) {
        pages_.new_page();
        continue;
      }
      if (to == count - 1 && to - from >= 2) --to;  // a widow: take one more line along
    }
    to = std::max(to, from + 1);  // a line taller than a whole page still has to go somewhere
    if (from == 0) first = {pages_.page_index(), pages_.y() + box->baseline(0) - box->top(0)};
    place_line_range(box, from, to, x, pages_.y());
    pages_.advance(box->bottom(to - 1) - box->top(from));
    from = to;
    if (from < count) pages_.new_page();
  }
  return first;
}

void Flow::put(const Heading& heading) {
  const int level = std::clamp(heading.level, 1, 3);
  static constexpr double sizes[] = {1.6, 1.3, 1.12};
  auto heading_look = look(sizes[level - 1], true);
  heading_look.line_spacing = std::min(heading_look.line_spacing, 1.1f);  // large type spaces text, not titles
  auto box = text(heading.text, width_, heading_look);
  pages_.gap(style_.body_size * (level == 1 ? 1.6 : 1.2));
  pages_.settle();
  // Never alone at the bottom of a page: a heading goes with the beginning of what follows.
  const double with_next = box->height() + style_.block_spacing + (next_ ? opening_height(*next_) : 0);
  if (!pages_.page_is_empty() && pages_.room() < with_next) pages_.new_page();
  const auto first = place_lines(box, left_);
  pages_.add_to(first.page, OutlineEntry{level, heading.text, first.baseline - box->baseline(0)});
  pages_.gap(style_.body_size * 0.5);
}

void Flow::put(const Paragraph& paragraph) {
  pages_.gap(style_.block_spacing);
  place_lines(text(paragraph.runs, width_, look()), left_);
  pages_.gap(style_.block_spacing);
}

void Flow::put(const BulletList& list) {
  const double indent = bullet_indent();
  pages_.gap(style_.block_spacing);
  for (const auto& item : list.items) {
    auto box = text(item.runs, width_ - indent, look());
    const auto first = place_lines(box, left_ + indent);
    // Placed once the item's first line is, on whichever page that line went to.
    pages_.add_to(first.page, PlacedLine{text("•", indent, look()), 0, left_ + style_.body_size * 0.4, first.baseline});
    pages_.gap(style_.body_size * style_.line_spacing * 0.3);
  }
  pages_.gap(style_.block_spacing);
}

void Flow::put(const LetterHead& head) {
  // Where the window of a DL envelope falls on an A4 sheet folded in three, from the page's edges.
  constexpr double window_left = 283.46, window_top = 141.73, window_width = 240.94;  // 100 mm, 50 mm, 85 mm
  const auto lines_of = [](const std::vector<std::string>& lines) {
    std::string joined;
    for (const auto& line : lines)
      if (!line.empty()) joined += (joined.empty() ? "" : "\n") + line;
    return joined;
  };
  pages_.settle();
  if (!pages_.page_is_empty()) pages_.new_page();
  const double top = pages_.y();
  const double address_x = std::max(window_left, left_ + width_ * 0.45);
  const double address_width = std::max(1.0, std::min(window_width, left_ + width_ - address_x));
  const auto sender = text(lines_of(head.sender), address_x - left_ - style_.body_size, look(0.9));
  const auto addressee = text(lines_of(head.addressee), address_width, look());
  const double address_top = std::max(top, window_top);
  place_line_range(sender, 0, sender->line_count(), left_, top);
  place_line_range(addressee, 0, addressee->line_count(), address_x, address_top);
  double bottom = std::max(top + sender->height(), address_top + addressee->height());
  if (!head.place_and_date.empty()) {
    const auto date = text(head.place_and_date, address_width, look());
    const double date_top = address_top + addressee->height() + style_.body_size * 2;
    place_line_range(date, 0, date->line_count(), address_x, date_top);
    bottom = std::max(bottom, date_top + date->height());
  }
  pages_.advance(bottom - top);
  pages_.gap(style_.block_spacing * 3);
}

void Flow::put(const Spacer& spacer) { pages_.space(spacer.points); }

void Flow::put(const PageBreak&) { pages_.break_page(); }

}  // namespace passerelle::pdf::detail
