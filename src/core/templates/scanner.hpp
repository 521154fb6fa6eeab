#pragma once
// First pass over a template: cuts each line into text, {{ field }} tags and {% section %} tags, with the
// line and column where each starts. Tags never span lines: an unclosed tag is then reported on its own
// line instead of swallowing the rest of the letter.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace passerelle::templates::detail {

struct Position {
  std::size_t line = 1;
  std::size_t column = 1;  // in characters, as an editor counts them
};

struct Diagnostic {
  Position position;
  std::string message;
};

enum class PieceKind { text, field_tag, section_tag };

struct Piece {
  PieceKind kind;
  std::string content;        // the text, or what stands between the tag's braces
  Position position;          // where the text or the tag's "{{" / "{%" starts
  Position content_position;  // where `content` starts
};

// A line whose only content is {% %} tags and blanks gives its tags and nothing else, not even its end
// of line: sections on lines of their own leave no blank line behind.
std::vector<Piece> scan(std::string_view source, std::vector<Diagnostic>& errors);

// Characters (code points) in the first `bytes` bytes of valid UTF-8.
std::size_t characters_in(std::string_view text);

}  // namespace passerelle::templates::detail
