#pragma once
// Import and export of the spreadsheets organisations keep today: Excel workbooks (.xlsx) and the CSV
// files Excel saves. Every cell is read as UTF-8 text so that each module checks its own columns with
// its own messages; what this library guarantees is the shape (one header line, rows exactly as wide
// as the header) and that hostile files end as a passerelle::Problem, never as a crash.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace passerelle::tabular {

struct Table {
  std::vector<std::string> header;  // names trimmed; trailing unnamed empty columns dropped
  // rows[i] is line i + 2 of the spreadsheet (line 1 is the header). Blank lines in the middle are kept as
  // rows of "" so that this stays true; trailing blank lines are dropped.
  std::vector<std::vector<std::string>> rows;
};

// The line number a person sees in Excel for rows[index], to be used in messages ("ligne 7").
constexpr std::size_t line_of_row(std::size_t index) { return index + 2; }

struct ReadLimits {
  std::size_t max_bytes = 20 * 1024 * 1024;                // the file as received -> 413
  std::size_t max_rows = 100000;                           // data rows, header excluded -> 422
  std::size_t max_columns = 200;                           // -> 422
  std::size_t max_cell_chars = 10000;                      // characters, not bytes -> 422
  // Rows × header columns, blank lines in the middle included: what the table holds in memory, whatever
  // the size of the file (a 100 kB CSV of blank lines under a wide header would otherwise take ~640 MB).
  std::size_t max_cells = 2000000;                         // -> 422
  std::size_t max_uncompressed_bytes = 200 * 1024 * 1024;  // XLSX parts once inflated -> 413
};

enum class Format { csv, xlsx };

// How write_xlsx stores a column; a cell that does not read as its kind is written as text, so no
// value is ever lost or altered by the export.
enum class ColumnKind {
  text,    // always a string cell, even "0612345678" or "=1+1"
  number,  // "-12", "3.5" or "3,5" (at most 15 significant digits, no leading zero) -> numeric cell
  date,    // "YYYY-MM-DD", "YYYY-MM-DD HH:MM[:SS]" -> date cell shown as dd/mm/yyyy [hh:mm[:ss]]
};

// By content, never by file name: a zip holding xl/workbook.xml is XLSX, text is CSV; anything else
// (old .xls, password-protected workbooks, .ods, PDF, images) is nothing.
std::optional<Format> sniff_format(std::string_view bytes);

// CSV as saved by Excel or by hand: UTF-8 (BOM or not), UTF-16 with BOM ("Texte Unicode"), otherwise
// Windows-1252; separator ';', ',' or TAB guessed from the header line; RFC 4180 quotes; any line ends.
Table read_csv(std::string_view bytes, const ReadLimits& limits = {});

// The first visible worksheet, or the one named `sheet_name`. Numbers come out as Excel shows them
// (15 significant digits, '.' as decimal mark), dates as "YYYY-MM-DD" (with " HH:MM[:SS]" for date-time
// formats, "HH:MM[:SS]" for times), booleans as "VRAI"/"FAUX", formulas as their last computed value.
Table read_xlsx(std::string_view bytes, const ReadLimits& limits = {}, std::string_view sheet_name = {});

// sniff_format then read_csv or read_xlsx; an unknown format is a 415 that says what to send instead.
Table read_table(std::string_view bytes, const ReadLimits& limits = {});

// Both writers expect rows no wider than the header (std::invalid_argument otherwise: a programming
// error, not a user's); shorter rows are completed with empty cells.

// UTF-8 with BOM, ';' separator and CRLF: what French Excel opens correctly by a double click.
// Cells go through neutralise_formula, so the round trip through read_csv is exact except for them.
std::string write_csv(const Table& table);

// An .xlsx file: bold frozen header with an autofilter, columns sized to their content. Text is always a
// string cell, which Excel never evaluates, so no apostrophe is added here. The sheet name is made
// acceptable to Excel (31 characters, no []:*?/\). A text over Excel's 32 767 characters or a table
// over its 1 048 576 rows is a 422; failing to write the temporary file is a std::runtime_error.
std::string write_xlsx(const Table& table, std::string_view sheet_name, const std::vector<ColumnKind>& kinds = {});

// A workbook of several sheets, in order, each written as above (a repeated name gets " (2)"…).
struct Sheet {
  std::string name;
  Table table;
  std::vector<ColumnKind> kinds;
};
std::string write_xlsx(const std::vector<Sheet>& sheets);

// Guards against CSV/formula injection (OWASP): a cell starting, after optional spaces, with = + - @ TAB
// or CR gets a leading apostrophe so that spreadsheet software shows it as text instead of running it.
// A plain number ("-12", "+3.5", "-1,5e3") is left alone: it is data Excel must still be able to sum,
// and it cannot run anything. "+33 1 23 45 67 89" is not a plain number and is neutralised: Excel would
// otherwise read it as a formula and show an error instead of the phone number.
std::string neutralise_formula(std::string_view cell);

// For Content-Type and Content-Disposition headers of exports.
std::string_view media_type(Format format);
std::string_view file_extension(Format format);  // ".csv" or ".xlsx"

}  // namespace passerelle::tabular
