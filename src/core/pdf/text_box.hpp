#pragma once
// A piece of text laid out by Pango at a given width, with where each of its lines sits, so that the
// pagination can cut it between any two lines and draw each line on the page it landed on.
#include <string>
#include <vector>

#include "core/pdf/document.hpp"
#include "core/pdf/graphics.hpp"

namespace passerelle::pdf::detail {

struct TextLook {
  const std::string* family = nullptr;
  double size = 10;
  float line_spacing = 1;
  bool bold = false;
  enum class Align { left, right } align = Align::left;
  bool single_line = false;  // cut with "…" instead of wrapping
  double grey = 0;           // 0 is black
};

class TextBox {
 public:
  TextBox(PangoContext* context, const std::vector<Run>& runs, double width, const TextLook& look);

  int line_count() const { return static_cast<int>(lines_.size()); }
  // Offsets from the top of the box, in points. A line spans [top, bottom), bottom being the next
  // line's top, so that stacking parts of the box keeps the spacing the whole box would have.
  double top(int line) const { return lines_[line].top; }
  double bottom(int line) const { return line + 1 < line_count() ? lines_[line + 1].top : height_; }
  double baseline(int line) const { return lines_[line].baseline; }
  double left(int line) const { return lines_[line].left; }
  double height() const { return height_; }
  double grey() const { return grey_; }
  std::string line_text(int line) const;  // without the spaces a wrap leaves at its end
  PangoLayoutLine* line(int line) const;

 private:
  struct LineMetrics {
    double top, baseline, left;
    int start, length;  // bytes of the layout's text
  };
  LayoutHandle layout_;
  std::vector<LineMetrics> lines_;
  double height_ = 0;
  double grey_ = 0;
};

// Valid UTF-8 without control characters (other than line breaks and tabs): what Pango accepts
// without a warning, and what a person meant to show.
std::string printable(std::string_view text);

}  // namespace passerelle::pdf::detail
