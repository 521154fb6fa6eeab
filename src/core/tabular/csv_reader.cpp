// CSV as Excel and people write it. The parser works on bytes of the UTF-8 text: separators, quotes and
// line ends are ASCII, and no byte of a multi-byte UTF-8 character can be mistaken for them.
#include <string>
#include <vector>

#include "core/tabular/encoding.hpp"
#include "core/tabular/problems.hpp"
#include "core/tabular/table_builder.hpp"
#include "core/tabular/tabular.hpp"

namespace passerelle::tabular {
namespace {

// French Excel writes ';', other software ',', "Texte Unicode" TAB. The header line decides because it
// is the one line we can trust to have every column; a tie goes to ';', the French default.
char guess_separator(std::string_view text) {
  std::size_t semicolons = 0, commas = 0, tabs = 0;
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;  // a doubled quote toggles twice, which is right
    if (quoted) continue;
    if (c == '\n' || c == '\r') break;
    semicolons += c == ';';
    commas += c == ',';
    tabs += c == '\t';
  }
  if (semicolons >= commas && semicolons >= tabs) return ';';
  return tabs >= commas ? '\t' : ',';
}

class CsvParser {
 public:
  CsvParser(std::string_view text, char separator, std::size_t max_columns)
      : text_(text), separator_(separator), max_columns_(max_columns), stops_{separator, '\r', '\n'} {}

  // The next record into `cells`, false at the end of the text. Records, not physical lines, are what
  // Excel numbers: a quoted field spanning three lines is still one row.
  bool next(std::vector<std::string>& cells) {
    if (position_ >= text_.size()) return false;
    ++line_;
    cells.clear();
    while (true) {
      cells.push_back(read_field());
      if (cells.size() > max_columns_)
        throw detail::invalid_line(line_, "plus de " + std::to_string(max_columns_) + " colonnes");
      if (position_ >= text_.size()) return true;
      const char c = text_[position_++];
      if (c == separator_) continue;
      if (c == '\r' && position_ < text_.size() && text_[position_] == '\n') ++position_;
      return true;
    }
  }

  std::size_t line() const { return line_; }

 private:
  std::string read_field() {
    std::string cell;
    if (position_ < text_.size() && text_[position_] == '"') {
      ++position_;
      while (true) {
        const auto quote = text_.find('"', position_);
        if (quote == std::string_view::npos)
          throw detail::invalid_line(line_, "un guillemet ouvert dans cette ligne n'est jamais fermé");
        cell.append(text_.substr(position_, quote - position_));
        position_ = quote + 1;
        if (position_ >= text_.size() || text_[position_] != '"') break;
        cell += '"';
        ++position_;
      }
    }
    // Text after a closing quote is kept, as Excel does with "ab"c, rather than refusing the file.
    auto end = text_.find_first_of(std::string_view(stops_, 3), position_);
    if (end == std::string_view::npos) end = text_.size();
    cell.append(text_.substr(position_, end - position_));
    position_ = end;
    return cell;
  }

  std::string_view text_;
  char separator_;
  std::size_t max_columns_;
  char stops_[3];
  std::size_t position_ = 0;
  std::size_t line_ = 0;
};

}  // namespace

Table read_csv(std::string_view bytes, const ReadLimits& limits) {
  detail::check_file_size(bytes, limits);
  const std::string text = detail::decode_text(bytes);
  CsvParser parser(text, guess_separator(text), limits.max_columns);
  detail::TableBuilder builder(limits, true);
  std::vector<std::string> cells;
  while (parser.next(cells)) builder.add_line(parser.line(), std::move(cells));
  return builder.finish();
}

}  // namespace passerelle::tabular
