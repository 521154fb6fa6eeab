#include "core/pdf/renderer.hpp"

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "core/pdf/flow.hpp"

namespace passerelle::pdf {
namespace {

using namespace detail;

// A4 in points (1/72 inch), the unit of PDF and of everything here.
constexpr double page_width = 595.2756;
constexpr double page_height = 841.8898;
constexpr double edge = 34;  // where the page header and footer lines start, from the page's edge (1.2 cm)

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  try {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
  } catch (const std::bad_alloc&) {
    return CAIRO_STATUS_NO_MEMORY;  // cairo stops writing and the surface reports it below
  }
}

std::string iso_8601(std::chrono::sys_seconds time) {
  using namespace std::chrono;
  const auto day = floor<days>(time);
  const year_month_day date{day};
  const hh_mm_ss clock{time - day};
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02dZ", int(date.year()), unsigned(date.month()),
                unsigned(date.day()), int(clock.hours().count()), int(clock.minutes().count()),
                int(clock.seconds().count()));
  return text;
}

std::string one_line(std::string text) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  return text;
}

// Where the page header, the body and the page footer go, measured with the style's fonts.
struct Frame {
  double left, width;
  std::shared_ptr<const TextBox> header;
  double header_top, body_top, body_bottom, footer_top;
};

// One place for everything both render_pdf and lay_out do, so their pagination cannot differ.
class Renderer {
 public:
  Renderer(const Document& document, const Style& style, std::string* output) : document_(document), style_(style) {
    surface_.reset(output ? cairo_pdf_surface_create_for_stream(append_to_string, output, page_width, page_height)
                          : cairo_pdf_surface_create_for_stream(nullptr, nullptr, page_width, page_height));
    cairo_.reset(cairo_create(surface_.get()));
    context_.reset(pango_cairo_create_context(cairo_.get()));
    pango_context_set_language(context_.get(), pango_language_from_string("fr-FR"));
    frame_ = measure_frame();
  }

  std::vector<Page> paginate() {
    Pages pages(frame_.body_top, frame_.body_bottom);
    Flow flow(context_.get(), style_, frame_.left, frame_.width, pages);
    const auto& blocks = document_.blocks;
    for (std::size_t i = 0; i < blocks.size(); ++i)
      flow.place(blocks[i], i + 1 < blocks.size() ? &blocks[i + 1] : nullptr);
    return std::move(pages.all());
  }

  Layout layout_of(const std::vector<Page>& pages) const {
    Layout layout;
    for (std::size_t i = 0; i < pages.size(); ++i)
      layout.pages.push_back({visual_lines(pages[i]), frame_.header->line_text(0), page_label(i, pages.size())});
    return layout;
  }

  void draw(const std::vector<Page>& pages) {
    set_metadata();
    std::vector<int> outline_parents{CAIRO_PDF_OUTLINE_ROOT};
    for (std::size_t i = 0; i < pages.size(); ++i) {
      draw_frame(i, pages.size());
      for (const auto& item : pages[i].items) std::visit([this](const auto& it) { draw_item(it); }, item);
      for (const auto& entry : pages[i].outline) {
        outline_parents.resize(std::min<std::size_t>(outline_parents.size(), std::size_t(entry.level)));
        char target[64];
        std::snprintf(target, sizeof target, "page=%zu pos=[%.1f %.1f]", i + 1, frame_.left, entry.y);
        outline_parents.push_back(cairo_pdf_surface_add_outline(surface_.get(), outline_parents.back(),
                                                                printable(one_line(entry.title)).c_str(), target, {}));
      }
      cairo_show_page(cairo_.get());
    }
  }

  void finish() {
    cairo_.reset();
    cairo_surface_finish(surface_.get());
    if (const auto status = cairo_surface_status(surface_.get()); status != CAIRO_STATUS_SUCCESS)
      throw std::runtime_error(std::string("PDF rendering failed: ") + cairo_status_to_string(status));
  }

 private:
  TextLook small(TextLook::Align align = TextLook::Align::left) const {
    TextLook look;
    look.family = &style_.font_family;
    look.size = style_.body_size * 0.8;
    look.single_line = true;
    look.grey = 0.35;
    look.align = align;
    return look;
  }

  Frame measure_frame() const {
    Frame frame;
    frame.left = style_.side_margin;
    frame.width = page_width - 2 * style_.side_margin;
    frame.header = std::make_shared<const TextBox>(
        context_.get(), std::vector<Run>{{one_line(document_.header), false}}, frame.width, small());
    const double line = frame.header->height(), gap = std::max(11.0, style_.body_size);
    frame.header_top = edge;
    frame.body_top = edge + line + gap;
    frame.footer_top = page_height - edge - line;
    frame.body_bottom = frame.footer_top - gap;
    return frame;
  }

  static std::string page_label(std::size_t index, std::size_t count) {
    return "Page " + std::to_string(index + 1) + " sur " + std::to_string(count);
  }

  // Pieces of text on the same baseline, left to right, make one line: what a reader of the page sees.
  static std::vector<std::string> visual_lines(const Page& page) {
    std::vector<const PlacedLine*> placed;
    for (const auto& item : page.items)
      if (const auto* line = std::get_if<PlacedLine>(&item)) placed.push_back(line);
    std::stable_sort(placed.begin(), placed.end(), [](const PlacedLine* a, const PlacedLine* b) {
      if (std::abs(a->baseline - b->baseline) > 0.5) return a->baseline < b->baseline;
      return a->x < b->x;
    });
    std::vector<std::string> lines;
    double baseline = -1;
    for (const auto* line : placed) {
      auto text = line->box->line_text(line->line);
      if (!lines.empty() && std::abs(line->baseline - baseline) <= 0.5)
        lines.back() += (lines.back().empty() || text.empty() ? "" : " ") + text;
      else
        lines.push_back(std::move(text)), baseline = line->baseline;
    }
    return lines;
  }

  void set_metadata() const {
    const auto& m = document_.metadata;
    const auto set = [this](cairo_pdf_metadata_t key, const std::string& value) {
      if (!value.empty()) cairo_pdf_surface_set_metadata(surface_.get(), key, printable(value).c_str());
    };
    set(CAIRO_PDF_METADATA_TITLE, m.title);
    set(CAIRO_PDF_METADATA_AUTHOR, m.author);
    set(CAIRO_PDF_METADATA_SUBJECT, m.subject);
    set(CAIRO_PDF_METADATA_CREATOR, "Passerelle");
    if (m.created) set(CAIRO_PDF_METADATA_CREATE_DATE, iso_8601(*m.created));
  }

  void show(const TextBox& box, int line, double x, double baseline) const {
    cairo_set_source_rgb(cairo_.get(), box.grey(), box.grey(), box.grey());
    cairo_move_to(cairo_.get(), x, baseline);
    pango_cairo_show_layout_line(cairo_.get(), box.line(line));
  }

  void draw_frame(std::size_t index, std::size_t count) {
    const double header_baseline = frame_.header_top + frame_.header->baseline(0);
    show(*frame_.header, 0, frame_.left + frame_.header->left(0), header_baseline);
    const double rule_y = frame_.header_top + frame_.header->height() + 3;
    draw_item(PlacedRule{frame_.left, rule_y, frame_.left + frame_.width, rule_y});

    const TextBox label(context_.get(), {{page_label(index, count), false}}, frame_.width,
                        small(TextLook::Align::right));
    const double footer_width = std::max(1.0, frame_.width - label_width(label) - style_.body_size * 2);
    const TextBox footer(context_.get(), {{one_line(document_.footer), false}}, footer_width, small());
    show(footer, 0, frame_.left + footer.left(0), frame_.footer_top + footer.baseline(0));
    show(label, 0, frame_.left + label.left(0), frame_.footer_top + label.baseline(0));
  }

  static double label_width(const TextBox& label) {
    PangoRectangle logical;
    pango_layout_line_get_extents(label.line(0), nullptr, &logical);
    return pango_units_to_double(logical.width);
  }

  void draw_item(const PlacedLine& line) const { show(*line.box, line.line, line.x, line.baseline); }

  void draw_item(const PlacedRectangle& rectangle) const {
    cairo_rectangle(cairo_.get(), rectangle.x, rectangle.y, rectangle.width, rectangle.height);
    if (rectangle.fill_grey >= 0) {
      cairo_set_source_rgb(cairo_.get(), rectangle.fill_grey, rectangle.fill_grey, rectangle.fill_grey);
      cairo_fill_preserve(cairo_.get());
    }
    if (rectangle.border_width > 0) {
      cairo_set_source_rgb(cairo_.get(), 0.3, 0.3, 0.3);
      cairo_set_line_width(cairo_.get(), rectangle.border_width);
      cairo_stroke_preserve(cairo_.get());
    }
    cairo_new_path(cairo_.get());
  }

  void draw_item(const PlacedRule& rule) const {
    cairo_set_source_rgb(cairo_.get(), 0.7, 0.7, 0.7);
    cairo_set_line_width(cairo_.get(), 0.5);
    cairo_move_to(cairo_.get(), rule.x1, rule.y1);
    cairo_line_to(cairo_.get(), rule.x2, rule.y2);
    cairo_stroke(cairo_.get());
  }

  const Document& document_;
  const Style& style_;
  Surface surface_;
  Cairo cairo_;
  PangoContextHandle context_;
  Frame frame_;
};

}  // namespace

RenderedPdf render_pdf(const Document& document, const Style& style) {
  RenderedPdf rendered;
  Renderer renderer(document, style, &rendered.bytes);
  const auto pages = renderer.paginate();
  rendered.layout = renderer.layout_of(pages);
  renderer.draw(pages);
  renderer.finish();
  return rendered;
}

Layout lay_out(const Document& document, const Style& style) {
  Renderer renderer(document, style, nullptr);
  const auto pages = renderer.paginate();
  auto layout = renderer.layout_of(pages);
  renderer.finish();
  return layout;
}

}  // namespace passerelle::pdf
