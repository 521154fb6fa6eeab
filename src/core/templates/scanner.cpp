#include "core/templates/scanner.hpp"

#include "core/text.hpp"

namespace passerelle::templates::detail {
namespace {

bool is_blank(std::string_view text) { return text.find_first_not_of(" \t") == std::string_view::npos; }

// The pieces of one line, or nothing but an error when the line is not UTF-8.
std::vector<Piece> scan_line(std::string_view line, std::size_t line_number, std::vector<Diagnostic>& errors) {
  std::vector<Piece> pieces;
  if (!line.empty() && code_points(line).empty()) {
    errors.push_back({{line_number, 1}, "caractères illisibles : le modèle doit être enregistré en UTF-8"});
    return pieces;
  }
  const auto at = [&](std::size_t byte) { return Position{line_number, characters_in(line.substr(0, byte)) + 1}; };
  std::size_t i = 0;
  while (i < line.size()) {
    const auto field = line.find("{{", i), section = line.find("{%", i);
    const auto open = std::min(field, section);
    if (open == std::string_view::npos) break;
    if (open > i) pieces.push_back({PieceKind::text, std::string(line.substr(i, open - i)), at(i), at(i)});
    const bool is_field = open == field;
    const std::string_view closer = is_field ? "}}" : "%}";
    const auto close = line.find(closer, open + 2);
    if (close == std::string_view::npos) {
      errors.push_back({at(open), "balise « " + std::string(line.substr(open, 2)) + " » non fermée : « " +
                                      std::string(closer) + " » est attendu sur la même ligne"});
      i = open;  // the rest of the line is kept as text, so that one mistake gives one error
      break;
    }
    pieces.push_back({is_field ? PieceKind::field_tag : PieceKind::section_tag,
                      std::string(line.substr(open + 2, close - open - 2)), at(open), at(open + 2)});
    i = close + 2;
  }
  if (i < line.size()) pieces.push_back({PieceKind::text, std::string(line.substr(i)), at(i), at(i)});
  return pieces;
}

bool only_section_tags(const std::vector<Piece>& pieces) {
  bool any_section = false;
  for (const auto& piece : pieces) {
    if (piece.kind == PieceKind::field_tag) return false;
    if (piece.kind == PieceKind::text && !is_blank(piece.content)) return false;
    any_section = any_section || piece.kind == PieceKind::section_tag;
  }
  return any_section;
}

}  // namespace

std::size_t characters_in(std::string_view text) {
  std::size_t count = 0;
  for (unsigned char c : text) count += (c & 0xC0) != 0x80;
  return count;
}

std::vector<Piece> scan(std::string_view source, std::vector<Diagnostic>& errors) {
  std::vector<Piece> pieces;
  std::size_t line_number = 1;
  for (std::size_t start = 0; start <= source.size(); ++line_number) {
    auto end = source.find('\n', start);
    const bool last = end == std::string_view::npos;
    if (last) end = source.size();
    auto line = source.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    auto line_pieces = scan_line(line, line_number, errors);
    if (only_section_tags(line_pieces)) {
      for (auto& piece : line_pieces)
        if (piece.kind == PieceKind::section_tag) pieces.push_back(std::move(piece));
    } else {
      for (auto& piece : line_pieces) pieces.push_back(std::move(piece));
      if (!last) pieces.push_back({PieceKind::text, "\n", {line_number, characters_in(line) + 1}, {}});
    }
    start = end + 1;
  }
  return pieces;
}

}  // namespace passerelle::templates::detail
