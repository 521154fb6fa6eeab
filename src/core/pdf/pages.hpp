#pragma once
// The pages being filled: a cursor going down the current page, and what has been placed on each page
// so far. Drawing waits until the end, when the number of pages (« Page 1 sur N ») is known.
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "core/pdf/text_box.hpp"

namespace passerelle::pdf::detail {

struct PlacedLine {
  std::shared_ptr<const TextBox> box;
  int line;
  double x;
  double baseline;
};

struct PlacedRectangle {
  double x, y, width, height;
  double fill_grey = -1;    // none when negative
  double border_width = 0;  // none when 0
};

struct PlacedRule {
  double x1, y1, x2, y2;
};

struct OutlineEntry {
  int level;
  std::string title;
  double y;
};

struct Page {
  std::vector<std::variant<PlacedRectangle, PlacedLine, PlacedRule>> items;  // in drawing order
  std::vector<OutlineEntry> outline;
};

class Pages {
 public:
  Pages(double top, double bottom);

  double y() const { return y_; }
  double room() const { return bottom_ - y_; }
  double body_height() const { return bottom_ - top_; }
  // Nothing placed yet but what repeats on every page (a table's header row).
  bool page_is_empty() const { return empty_; }

  void new_page();
  // A new page before whatever comes next, if anything does and the current page is not empty.
  void break_page() { break_pending_ = !empty_; }
  // A gap between blocks: gaps in a row keep the largest, and a gap at the top of a page is dropped.
  void gap(double points);
  // An explicit space: added to any pending gap, dropped as well at the top of a page.
  void space(double points);
  // Applies the pending page break or gap; called before placing anything.
  void settle();
  // Moves the cursor below what was just placed.
  void advance(double points, bool counts_as_content = true);

  std::size_t page_index() const { return pages_.size() - 1; }
  void add(PlacedLine line) { current().items.emplace_back(std::move(line)); }
  void add(PlacedRectangle rectangle) { current().items.emplace_back(rectangle); }
  void add(PlacedRule rule) { current().items.emplace_back(rule); }
  // For what belongs with a line already placed, possibly on an earlier page (a bullet, a bookmark).
  void add_to(std::size_t page, PlacedLine line) { pages_.at(page).items.emplace_back(std::move(line)); }
  void add_to(std::size_t page, OutlineEntry entry) { pages_.at(page).outline.push_back(std::move(entry)); }

  std::vector<Page>& all() { return pages_; }

 private:
  Page& current() { return pages_.back(); }
  double top_, bottom_, y_;
  double pending_gap_ = 0;
  bool break_pending_ = false;
  bool empty_ = true;
  std::vector<Page> pages_;
};

}  // namespace passerelle::pdf::detail
