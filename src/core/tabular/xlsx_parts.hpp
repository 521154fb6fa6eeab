#pragma once
// The parts of an XLSX workbook that are needed to read the cells of one worksheet: which part holds the
// sheet (workbook.xml and its relationships), the shared strings, and which styles are dates.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/tabular/excel_values.hpp"
#include "core/tabular/xml_stream.hpp"
#include "core/tabular/zip_reader.hpp"

namespace passerelle::tabular::detail {

struct WorkbookParts {
  std::string sheet;           // e.g. "xl/worksheets/sheet1.xml"
  std::string shared_strings;  // empty when the workbook has none
  std::string styles;          // idem
  bool date1904 = false;       // the Mac calendar: serial 0 is 1904-01-01
};

// The first visible worksheet (the tab a person sees first) or the one named `sheet_name`
// (422 naming the sheets available when it is missing).
WorkbookParts locate_parts(ZipReader& zip, std::string_view sheet_name);

// Thousands of short strings in one buffer rather than one allocation each.
class SharedStrings {
 public:
  void add(std::string_view text);
  std::size_t size() const { return ends_.size(); }
  std::string_view at(std::size_t index) const;

 private:
  std::string text_;
  std::vector<std::size_t> ends_;
};

SharedStrings read_shared_strings(ZipReader& zip, const std::string& part);
// The kind of number format of each cell style, indexed by the cell's s="" attribute.
std::vector<NumberFormatKind> read_cell_formats(ZipReader& zip, const std::string& part);

void parse_part(ZipReader& zip, std::string_view part, XmlHandler& handler);
// OOXML writes characters XML cannot hold (CR, control characters) as _xHHHH_; "_x005F_" is a literal '_'.
std::string decode_escapes(std::string_view text);

}  // namespace passerelle::tabular::detail
