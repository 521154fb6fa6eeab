#pragma once
// Documents to PDF, in memory, on A4 pages, with Pango laying the text out (UTF-8, French line
// breaking, accents, « guillemets » and non-breaking spaces as typed).
#include <cstddef>
#include <string>
#include <vector>

#include "core/pdf/document.hpp"
#include "core/pdf/style.hpp"

namespace passerelle::pdf {

// What ended up on a page, for tests and previews: the PDF's text cannot be read back without a
// PDF reader, which the application does not ship.
struct PageLayout {
  std::vector<std::string> lines;  // body text, line by line, in drawing order (row by row in tables)
  std::string header;
  std::string page_label;  // « Page 2 sur 3 »
};

struct Layout {
  std::vector<PageLayout> pages;  // never empty: an empty document is one page
};

// Past this, rendering is refused with a 422 Problem rather than holding the server's memory.
inline constexpr std::size_t max_pages = 2000;

struct RenderedPdf {
  std::string bytes;  // "%PDF-1.5 …%%EOF"
  Layout layout;
};

// Both lay the document out the same way; lay_out only skips writing the PDF.
RenderedPdf render_pdf(const Document& document, const Style& style = Style::normal());
Layout lay_out(const Document& document, const Style& style = Style::normal());

}  // namespace passerelle::pdf
