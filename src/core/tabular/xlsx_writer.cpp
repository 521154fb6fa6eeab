// Exports with libxlsxwriter. Debian's version (1.1.4) can only write to a file, so the workbook goes
// through a private temporary file (mkstemp) that is read back and removed.
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <stdexcept>
#include <system_error>

#include "core/tabular/encoding.hpp"
#include "core/tabular/excel_values.hpp"
#include "core/tabular/problems.hpp"
#include "core/tabular/tabular.hpp"
#include "core/text.hpp"

namespace passerelle::tabular {
namespace {

using namespace detail;

constexpr std::size_t rows_measured_for_width = 1000;

class TemporaryFile {
 public:
  TemporaryFile() {
    path_ = (std::filesystem::temp_directory_path() / "passerelle-export-XXXXXX").string();
    const int descriptor = ::mkstemp(path_.data());  // created 0600: exports hold personal data
    if (descriptor < 0) throw std::system_error(errno, std::generic_category(), "mkstemp");
    ::close(descriptor);
  }
  ~TemporaryFile() { ::unlink(path_.c_str()); }
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;

  const std::string& path() const { return path_; }
  std::string content() const {
    std::ifstream in(path_, std::ios::binary);
    std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (!in) throw std::runtime_error("lecture de l'export XLSX impossible : " + path_);
    return bytes;
  }

 private:
  std::string path_;
};

// Excel refuses sheet names over 31 characters, with any of []:*?/\ , starting or ending with an
// apostrophe, or equal to "History"; libxlsxwriter would refuse them too, so they are made acceptable.
std::string acceptable_sheet_name(std::string_view wanted, std::size_t max_characters = 31) {
  std::string name;
  for (std::size_t i = 0, characters = 0; i < wanted.size() && characters < max_characters; ++characters) {
    const auto lead = static_cast<unsigned char>(wanted[i]);
    const std::size_t length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
    const auto character = wanted.substr(i, length);
    name += (lead < 0x20 || std::string_view("[]:*?/\\").find(character) != std::string_view::npos)
                ? std::string("-")
                : std::string(character);
    i += length;
  }
  while (!name.empty() && name.front() == '\'') name.erase(name.begin());
  while (!name.empty() && name.back() == '\'') name.pop_back();
  if (name.empty() || to_lower_ascii(name) == "history") name = "Feuille1";
  return name;
}

bool is_hex_digit(char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f'); }

// The text as an OOXML string value. Readers (Excel, ours) decode _xHHHH_ as a character, so a text that
// holds such a sequence literally has its '_' written as _x005F_, as Excel does. Characters XML 1.0 cannot
// hold (control characters, U+FFFE, U+FFFF) and CR (XML reads it as LF) are written as _xHHHH_ here, not
// left to libxlsxwriter, which escapes only some of them and stops at a NUL.
std::string excel_string(const std::string& text) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F) {
      out += "_x00";
      out += hex[c >> 4];
      out += hex[c & 0xF];
      out += '_';
      continue;
    }
    if (c == 0xEF && i + 2 < text.size() && text[i + 1] == '\xBF' && (text[i + 2] == '\xBE' || text[i + 2] == '\xBF')) {
      out += text[i + 2] == '\xBE' ? "_xFFFE_" : "_xFFFF_";
      i += 2;
      continue;
    }
    if (c == '_' && i + 6 < text.size() && text[i + 1] == 'x' && text[i + 6] == '_' &&
        std::all_of(text.begin() + i + 2, text.begin() + i + 6, is_hex_digit))
      out += "_x005F";
    out += text[i];
  }
  return out;
}

struct Formats {
  lxw_format* header;
  lxw_format* date;
  lxw_format* date_time;
  lxw_format* date_time_seconds;
};

class SheetWriter {
 public:
  SheetWriter(lxw_worksheet* sheet, const Formats& formats) : sheet_(sheet), formats_(formats) {}

  void cell(lxw_row_t row, lxw_col_t column, const std::string& text, ColumnKind kind) {
    if (text.empty()) return;
    if (kind == ColumnKind::number) {
      if (const auto number = parse_plain_decimal(text))
        return check(row, worksheet_write_number(sheet_, row, column, *number, nullptr));
    } else if (kind == ColumnKind::date) {
      if (const auto value = parse_date_time(text)) {
        lxw_datetime date{value->year, value->month, value->day, value->hour, value->minute, double(value->second)};
        const auto format = !value->has_time ? formats_.date
                            : value->second  ? formats_.date_time_seconds
                                             : formats_.date_time;
        return check(row, worksheet_write_datetime(sheet_, row, column, &date, format));
      }
    }
    // Always a string cell, never a formula: "=1+1" in the data stays the text "=1+1".
    check(row, worksheet_write_string(sheet_, row, column, excel_string(text).c_str(),
                                      row == 0 ? formats_.header : nullptr));
  }

  static void check(lxw_row_t row, lxw_error error) {
    if (error == LXW_NO_ERROR) return;
    if (error == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED)
      throw invalid_line(row + 1, "un texte dépasse 32 767 caractères, le maximum d'une cellule Excel");
    if (error == LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE)
      throw invalid_lines(
          "Le tableau dépasse la taille d'une feuille Excel (1 048 576 lignes, 16 384 colonnes) : "
          "exportez-le en CSV.",
          {});
    throw std::runtime_error(std::string("export XLSX : ") + lxw_strerror(error));
  }

 private:
  lxw_worksheet* sheet_;
  const Formats& formats_;
};

// Wide enough for the header and the first rows, within reason.
double column_width(const Table& table, std::size_t column) {
  std::size_t widest = count_characters(table.header[column]) + 4;  // room for the filter button
  const auto measured = std::min(table.rows.size(), rows_measured_for_width);
  for (std::size_t r = 0; r < measured; ++r)
    if (column < table.rows[r].size()) widest = std::max(widest, count_characters(table.rows[r][column]) + 2);
  return double(std::clamp<std::size_t>(widest, 8, 60));
}

struct SheetView {
  std::string_view name;
  const Table& table;
  const std::vector<ColumnKind>& kinds;
};

void write_sheet(lxw_workbook* workbook, const Formats& formats, const SheetView& wanted,
                 std::vector<std::string>& names) {
  // Sheet names are unique in a workbook (case-insensitively): a repeated name gets " (2)", " (3)"…
  auto name = acceptable_sheet_name(wanted.name);
  for (int n = 2; std::any_of(names.begin(), names.end(),
                              [&](const std::string& taken) { return to_lower_ascii(taken) == to_lower_ascii(name); });
       ++n)
    name = acceptable_sheet_name(wanted.name, 24) + " (" + std::to_string(n) + ")";
  names.push_back(name);
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, name.c_str());
  if (!sheet) throw std::runtime_error("export XLSX : création de la feuille impossible");
  const auto& table = wanted.table;
  const auto& kinds = wanted.kinds;
  const auto columns = table.header.size();
  for (std::size_t c = 0; c < columns; ++c)
    SheetWriter::check(0, worksheet_set_column(sheet, lxw_col_t(c), lxw_col_t(c), column_width(table, c), nullptr));
  SheetWriter writer(sheet, formats);
  for (std::size_t c = 0; c < columns; ++c) writer.cell(0, lxw_col_t(c), table.header[c], ColumnKind::text);
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const auto& row = table.rows[r];
    if (row.size() > columns) throw std::invalid_argument("write_xlsx: a row is wider than the header");
    for (std::size_t c = 0; c < row.size(); ++c)
      writer.cell(lxw_row_t(r + 1), lxw_col_t(c), row[c], c < kinds.size() ? kinds[c] : ColumnKind::text);
  }
  worksheet_freeze_panes(sheet, 1, 0);
  if (columns > 0)
    SheetWriter::check(0, worksheet_autofilter(sheet, 0, 0, lxw_row_t(table.rows.size()), lxw_col_t(columns - 1)));
}

std::string write_workbook(const std::vector<SheetView>& sheets) {
  TemporaryFile file;
  // Constant memory: rows are flushed as they are written, so a large export does not grow the server.
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  std::unique_ptr<lxw_workbook, void (*)(lxw_workbook*)> workbook(workbook_new_opt(file.path().c_str(), &options),
                                                                  lxw_workbook_free);
  if (!workbook) throw std::runtime_error("export XLSX : création du classeur impossible");

  Formats formats{workbook_add_format(workbook.get()), workbook_add_format(workbook.get()),
                  workbook_add_format(workbook.get()), workbook_add_format(workbook.get())};
  format_set_bold(formats.header);
  format_set_num_format(formats.date, "dd/mm/yyyy");
  format_set_num_format(formats.date_time, "dd/mm/yyyy hh:mm");
  format_set_num_format(formats.date_time_seconds, "dd/mm/yyyy hh:mm:ss");

  std::vector<std::string> names;
  for (const auto& sheet : sheets) write_sheet(workbook.get(), formats, sheet, names);

  if (const auto error = workbook_close(workbook.release()); error != LXW_NO_ERROR)
    throw std::runtime_error(std::string("export XLSX : ") + lxw_strerror(error));
  return file.content();
}

}  // namespace

std::string write_xlsx(const std::vector<Sheet>& sheets) {
  if (sheets.empty()) throw std::invalid_argument("write_xlsx: a workbook has at least one sheet");
  std::vector<SheetView> views;
  for (const auto& sheet : sheets) views.push_back({sheet.name, sheet.table, sheet.kinds});
  return write_workbook(views);
}

std::string write_xlsx(const Table& table, std::string_view sheet_name, const std::vector<ColumnKind>& kinds) {
  return write_workbook({{sheet_name, table, kinds}});
}

}  // namespace passerelle::tabular
