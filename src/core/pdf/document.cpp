#include "core/pdf/document.hpp"

namespace passerelle::pdf {

std::vector<Block> paragraphs_from_text(std::string_view text) {
  std::vector<Block> blocks;
  std::string paragraph;
  const auto flush = [&] {
    if (!paragraph.empty()) blocks.push_back(Paragraph::plain(std::move(paragraph)));
    paragraph.clear();
  };
  for (std::size_t start = 0; start <= text.size();) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    auto line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) {
      flush();
    } else {
      if (!paragraph.empty()) paragraph += '\n';
      paragraph += line;
    }
    start = end + 1;
  }
  flush();
  return blocks;
}

}  // namespace passerelle::pdf
