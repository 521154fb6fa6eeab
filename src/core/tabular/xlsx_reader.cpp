// Reads the cells of one worksheet. The sheet XML is parsed as it is inflated: a 100 000-line sheet
// never sits in memory as text, only as the table being built.
#include <charconv>
#include <string>
#include <vector>

#include "core/tabular/problems.hpp"
#include "core/tabular/table_builder.hpp"
#include "core/tabular/tabular.hpp"
#include "core/tabular/xlsx_parts.hpp"

namespace passerelle::tabular {
namespace {

using namespace detail;

constexpr std::size_t excel_max_rows = 1048576;
constexpr std::size_t excel_max_columns = 16384;

std::optional<std::size_t> parse_index(std::string_view text) {
  std::size_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// "C7" -> 2: the letters of a cell reference, as a 0-based column.
std::optional<std::size_t> column_of(std::string_view reference) {
  std::size_t column = 0, letters = 0;
  for (; letters < reference.size() && reference[letters] >= 'A' && reference[letters] <= 'Z'; ++letters)
    column = column * 26 + std::size_t(reference[letters] - 'A' + 1);
  if (letters == 0 || letters > 3 || column > excel_max_columns) return std::nullopt;
  return column - 1;
}

class SheetHandler : public XmlHandler {
 public:
  SheetHandler(const SharedStrings& strings, const std::vector<NumberFormatKind>& formats, bool date1904,
               const ReadLimits& limits, TableBuilder& builder)
      : strings_(strings), formats_(formats), date1904_(date1904), limits_(limits), builder_(builder) {}

  void start(std::string_view name, const XmlAttributes& attributes) override {
    if (name == "sheetData") in_data_ = true;
    if (!in_data_) return;
    if (name == "row") {
      // r="" may be left out by some producers: the row then follows the previous one.
      const auto number = attributes.get("r");
      line_ = number ? parse_index(*number).value_or(0) : line_ + 1;
      if (line_ == 0 || line_ > excel_max_rows) throw unreadable_xlsx();
      cells_.clear();
      column_ = 0;
    } else if (name == "c") {
      const auto reference = attributes.get("r");
      const auto column = reference ? column_of(*reference) : std::optional(column_);
      if (!column) throw unreadable_xlsx();
      column_ = *column;
      type_ = attributes.get("t").value_or("n");
      style_ = parse_index(attributes.get("s").value_or("0")).value_or(0);
      value_.clear();
    } else if (name == "v") {
      in_value_ = true;
    } else if (name == "is") {
      in_inline_ = true;
    } else if (name == "rPh") {
      ++phonetic_depth_;
    } else if (name == "t") {
      in_value_ = in_inline_ && phonetic_depth_ == 0;  // rich text runs of an inline string add up
    }
  }

  void end(std::string_view name) override {
    if (name == "v" || name == "t") in_value_ = false;
    if (name == "is") in_inline_ = false;
    if (name == "rPh") --phonetic_depth_;
    if (name == "c" && in_data_) {
      store(shown_value());
      ++column_;
    }
    if (name == "row" && in_data_) builder_.add_line(line_, std::move(cells_));
    if (name == "sheetData") in_data_ = false;
  }

  void text(std::string_view piece) override {
    if (in_value_) value_.append(piece);
  }

 private:
  void store(std::string value) {
    if (value.empty()) return;  // styled but empty cells: Excel users format whole columns
    if (column_ >= limits_.max_columns)
      throw invalid_line(line_, "une valeur en colonne " + column_letters(column_) + " dépasse la limite de " +
                                    std::to_string(limits_.max_columns) + " colonnes");
    if (cells_.size() <= column_) cells_.resize(column_ + 1);
    cells_[column_] = std::move(value);
  }

  // The text the cell shows in Excel; formulas are read from the value Excel computed and saved.
  std::string shown_value() const {
    if (type_ == "s") {
      const auto index = parse_index(value_);
      if (!index || *index >= strings_.size()) throw unreadable_xlsx();
      return std::string(strings_.at(*index));
    }
    if (type_ == "inlineStr" || type_ == "str") return decode_escapes(value_);
    if (type_ == "b") return value_.empty() ? "" : value_ == "1" ? "VRAI" : "FAUX";  // as French Excel shows them
    if (type_ == "e") return value_;
    if (type_ == "d") {  // ISO 8601 dates of strict OOXML
      auto date = parse_date_time(value_);
      if (!date) return value_;
      date->has_time = date->hour != 0 || date->minute != 0 || date->second != 0;
      return format_date_time(*date);
    }
    if (value_.empty()) return {};
    double number = 0;
    const auto [end, error] = std::from_chars(value_.data(), value_.data() + value_.size(), number);
    if (error != std::errc{} || end != value_.data() + value_.size()) return value_;
    const auto kind = style_ < formats_.size() ? formats_[style_] : NumberFormatKind::number;
    if (kind != NumberFormatKind::number)
      if (auto shown = format_serial(number, kind, date1904_)) return *shown;
    return format_number(number);
  }

  const SharedStrings& strings_;
  const std::vector<NumberFormatKind>& formats_;
  bool date1904_;
  const ReadLimits& limits_;
  TableBuilder& builder_;

  bool in_data_ = false, in_value_ = false, in_inline_ = false;
  int phonetic_depth_ = 0;
  std::size_t line_ = 0, column_ = 0, style_ = 0;
  std::string type_, value_;
  std::vector<std::string> cells_;
};

}  // namespace

Table read_xlsx(std::string_view bytes, const ReadLimits& limits, std::string_view sheet_name) {
  check_file_size(bytes, limits);
  ZipReader zip(bytes, limits.max_uncompressed_bytes);
  const auto parts = locate_parts(zip, sheet_name);
  const auto strings = read_shared_strings(zip, parts.shared_strings);
  const auto formats = read_cell_formats(zip, parts.styles);
  TableBuilder builder(limits, false);
  SheetHandler sheet(strings, formats, parts.date1904, limits, builder);
  parse_part(zip, parts.sheet, sheet);
  return builder.finish();
}

}  // namespace passerelle::tabular
