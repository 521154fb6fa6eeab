#include "core/pdf/pages.hpp"

#include <algorithm>

#include "core/pdf/renderer.hpp"
#include "core/problem.hpp"

namespace passerelle::pdf::detail {

Pages::Pages(double top, double bottom) : top_(top), bottom_(bottom), y_(top), pages_(1) {}

void Pages::new_page() {
  if (pages_.size() >= max_pages)
    throw Problem::invalid_field("document", "le document dépasserait " + std::to_string(max_pages) + " pages");
  pages_.emplace_back();
  y_ = top_;
  pending_gap_ = 0;
  break_pending_ = false;
  empty_ = true;
}

void Pages::gap(double points) { pending_gap_ = std::max(pending_gap_, points); }

void Pages::space(double points) { pending_gap_ += std::max(0.0, points); }

void Pages::settle() {
  if (break_pending_) return new_page();
  if (!empty_) y_ += pending_gap_;
  pending_gap_ = 0;
  if (y_ >= bottom_) new_page();
}

void Pages::advance(double points, bool counts_as_content) {
  y_ += points;
  empty_ = empty_ && !counts_as_content;
}

}  // namespace passerelle::pdf::detail
