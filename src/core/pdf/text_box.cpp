#include "core/pdf/text_box.hpp"

namespace passerelle::pdf::detail {

std::string printable(std::string_view text) {
  gchar* valid = g_utf8_make_valid(text.data(), static_cast<gssize>(text.size()));
  std::string out;
  out.reserve(text.size());
  for (const gchar* p = valid; *p != '\0'; p = g_utf8_next_char(p)) {
    const gunichar c = g_utf8_get_char(p);
    if ((c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7F && c <= 0x9F)) continue;
    out.append(p, static_cast<std::size_t>(g_utf8_next_char(p) - p));
  }
  g_free(valid);
  return out;
}

TextBox::TextBox(PangoContext* context, const std::vector<Run>& runs, double width, const TextLook& look)
    : layout_(pango_layout_new(context)), grey_(look.grey) {
  FontHandle font(pango_font_description_new());
  pango_font_description_set_family(font.get(), look.family->c_str());
  pango_font_description_set_absolute_size(font.get(), look.size * PANGO_SCALE);
  if (look.bold) pango_font_description_set_weight(font.get(), PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description(layout_.get(), font.get());

  // Text and attributes are given apart, never as markup: nothing a person typed can change the look.
  std::string text;
  AttributesHandle attributes(pango_attr_list_new());
  for (const auto& run : runs) {
    const auto start = static_cast<guint>(text.size());
    text += printable(run.text);
    if (run.bold && text.size() > start) {
      PangoAttribute* bold = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
      bold->start_index = start;
      bold->end_index = static_cast<guint>(text.size());
      pango_attr_list_insert(attributes.get(), bold);
    }
  }
  // A word cut at the end of a line gets no hyphen: an IBAN or an e-mail address must stay exact.
  pango_attr_list_insert(attributes.get(), pango_attr_insert_hyphens_new(FALSE));
  pango_layout_set_text(layout_.get(), text.c_str(), static_cast<int>(text.size()));
  pango_layout_set_attributes(layout_.get(), attributes.get());

  pango_layout_set_width(layout_.get(), pango_units_from_double(width));
  if (look.single_line) {
    pango_layout_set_ellipsize(layout_.get(), PANGO_ELLIPSIZE_END);
    pango_layout_set_height(layout_.get(), -1);  // one line in all
  } else {
    pango_layout_set_wrap(layout_.get(), PANGO_WRAP_WORD_CHAR);
  }
  pango_layout_set_alignment(layout_.get(),
                             look.align == TextLook::Align::right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  if (look.line_spacing != 1) pango_layout_set_line_spacing(layout_.get(), look.line_spacing);

  PangoLayoutIter* iter = pango_layout_get_iter(layout_.get());
  do {
    PangoRectangle logical;
    pango_layout_iter_get_line_extents(iter, nullptr, &logical);
    const PangoLayoutLine* line = pango_layout_iter_get_line_readonly(iter);
    lines_.push_back({pango_units_to_double(logical.y), pango_units_to_double(pango_layout_iter_get_baseline(iter)),
                      pango_units_to_double(logical.x), line->start_index, line->length});
    height_ = pango_units_to_double(logical.y + logical.height);
  } while (pango_layout_iter_next_line(iter));
  pango_layout_iter_free(iter);
}

std::string TextBox::line_text(int line) const {
  const char* text = pango_layout_get_text(layout_.get());
  std::string out(text + lines_[line].start, static_cast<std::size_t>(lines_[line].length));
  while (!out.empty() && (out.back() == ' ' || out.back() == '\n' || out.back() == '\t')) out.pop_back();
  return out;
}

PangoLayoutLine* TextBox::line(int line) const { return pango_layout_get_line_readonly(layout_.get(), line); }

}  // namespace passerelle::pdf::detail
