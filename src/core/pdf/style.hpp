#pragma once
// The few measures a document may vary. Everything else (heading sizes, cell padding, gaps) follows
// from the body size, so that the large-type variant is larger everywhere at once.
#include <cstddef>
#include <string>

namespace passerelle::pdf {

struct Style {
  std::string font_family = "DejaVu Sans";  // fonts-dejavu-core: every French character, and free
  double body_size = 10.5;                  // points
  double line_spacing = 1.15;               // times the font's own line height
  double block_spacing = 7;                 // points between blocks
  double side_margin = 56.7;                // points (2 cm), left and right
  std::size_t signatures_per_row = 3;

  static Style normal() { return {}; }
  // Easy-to-read documents (FALC): 16 pt text, one and a half line spacing, room between blocks,
  // fewer signature boxes side by side.
  static Style large_type() { return {"DejaVu Sans", 16, 1.5, 14, 56.7, 2}; }
};

}  // namespace passerelle::pdf
