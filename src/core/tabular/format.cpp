#include "core/tabular/problems.hpp"
#include "core/tabular/tabular.hpp"
#include "core/tabular/zip_reader.hpp"

namespace passerelle::tabular {
namespace {

constexpr std::string_view zip_magic = "PK\x03\x04";
// Compound File Binary: Excel 97-2003 workbooks, and also .xlsx files once protected by a password.
constexpr std::string_view ole2_magic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

// Text has no control characters besides tabs and line ends; binary formats (PDF streams, images,
// executables) always do within their first kilobytes.
bool looks_like_text(std::string_view bytes) {
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) return true;  // UTF-16 with BOM
  for (const unsigned char c : bytes.substr(0, 8192))
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F) return false;
  return true;
}

// OpenDocument puts its uncompressed "mimetype" entry first, so the type is readable at a fixed place.
bool is_open_document_spreadsheet(std::string_view bytes) {
  return bytes.starts_with(zip_magic) &&
         bytes.substr(0, 128).find("application/vnd.oasis.opendocument.spreadsheet") != std::string_view::npos;
}

}  // namespace

std::optional<Format> sniff_format(std::string_view bytes) {
  if (bytes.empty()) return std::nullopt;
  if (bytes.starts_with(zip_magic)) {
    if (const auto listed = detail::ZipReader::has_entry(bytes, "xl/workbook.xml")) {
      if (*listed) return Format::xlsx;
      return std::nullopt;
    }
    // No readable central directory (it sits at the end): a truncated upload. Entry names are also in
    // clear in each local header, so a workbook is still recognisable and read_xlsx says it is truncated.
    for (const std::string_view part : {"xl/workbook.xml", "xl/worksheets/", "xl/sharedStrings.xml", "xl/styles.xml"})
      if (bytes.find(part) != std::string_view::npos) return Format::xlsx;
    return std::nullopt;
  }
  if (looks_like_text(bytes)) return Format::csv;
  return std::nullopt;
}

Table read_table(std::string_view bytes, const ReadLimits& limits) {
  detail::check_file_size(bytes, limits);
  const auto format = sniff_format(bytes);
  if (format == Format::csv) return read_csv(bytes, limits);
  if (format == Format::xlsx) return read_xlsx(bytes, limits);
  if (bytes.empty()) throw detail::unreadable("Le fichier est vide.");
  if (bytes.starts_with(ole2_magic))
    throw Problem::unsupported_media_type(
        "Format non reconnu : les classeurs Excel 97-2003 (.xls) et les classeurs protégés par un mot de passe ne "
        "peuvent pas être lus. Enregistrez le fichier au format .xlsx, sans mot de passe, ou en CSV.");
  if (is_open_document_spreadsheet(bytes))
    throw Problem::unsupported_media_type(
        "Format non reconnu : les classeurs OpenDocument (.ods) ne peuvent pas être lus. Enregistrez le fichier "
        "au format .xlsx ou en CSV.");
  throw Problem::unsupported_media_type(
      "Format de fichier non reconnu : envoyez un classeur Excel (.xlsx) ou un fichier CSV.");
}

std::string_view media_type(Format format) {
  return format == Format::csv ? "text/csv; charset=utf-8"
                               : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}

std::string_view file_extension(Format format) { return format == Format::csv ? ".csv" : ".xlsx"; }

}  // namespace passerelle::tabular
