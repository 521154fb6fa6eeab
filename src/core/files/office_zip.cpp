#include "core/files/office_zip.hpp"

#include <minizip/unzip.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/files/file_problems.hpp"
#include "core/problem.hpp"
#include "core/tabular/zip_memory.hpp"
#include "core/tabular/zip_reader.hpp"
#include "core/text.hpp"

namespace passerelle::files::detail {
namespace {

// tabular's ZipReader inflates under a budget but keeps its directory to itself; the checks below need
// the entries in order with their compressed sizes, hence this read-only listing over the same
// in-memory minizip callbacks.
using tabular::detail::memory_functions;
using tabular::detail::MemoryFile;

struct Entry {
  std::string name;
  ZPOS64_T compressed_size = 0;
  ZPOS64_T uncompressed_size = 0;
  bool encrypted = false;
};

constexpr std::size_t max_name_bytes = 1024;
constexpr std::size_t max_kept_part_bytes = 1024 * 1024;  // [Content_Types].xml is a few kilobytes

Problem unreadable() {
  return file_refused("Le document est illisible ou tronqué : ouvrez-le, enregistrez-le à nouveau et renvoyez-le.");
}

Problem bomb() {
  return file_refused(
      "Ce document contient des données anormalement compressées ou, une fois décompressé, est anormalement "
      "volumineux : il ne peut pas être accepté.");
}

// Nothing when the bytes are not a zip whose central directory lists at most `max_entries` entries.
std::optional<std::vector<Entry>> list_entries(std::string_view bytes, std::size_t max_entries) {
  MemoryFile file{bytes};
  auto functions = memory_functions(file);
  unzFile zip = unzOpen2_64("upload.zip", &functions);
  if (!zip) return std::nullopt;
  std::unique_ptr<void, int (*)(unzFile)> closer(zip, unzClose);
  unz_global_info64 global{};
  if (unzGetGlobalInfo64(zip, &global) != UNZ_OK) return std::nullopt;
  if (global.number_entry > max_entries)
    throw file_refused("Ce document contient trop de fichiers internes (plus de " + std::to_string(max_entries) +
                       ") : il ne peut pas être accepté.");
  std::vector<Entry> entries;
  int status = unzGoToFirstFile(zip);
  for (; status == UNZ_OK; status = unzGoToNextFile(zip)) {
    unz_file_info64 info{};
    char name[max_name_bytes + 1];
    if (unzGetCurrentFileInfo64(zip, &info, name, sizeof name, nullptr, 0, nullptr, 0) != UNZ_OK) return std::nullopt;
    // A name cut short, or hiding a NUL, would not be the name an office suite reads.
    if (info.size_filename > max_name_bytes || std::strlen(name) != info.size_filename) throw unreadable();
    entries.push_back({name, info.compressed_size, info.uncompressed_size, (info.flag & 1) != 0});
    if (entries.size() > max_entries) return std::nullopt;
  }
  if (status != UNZ_END_OF_LIST_OF_FILE) return std::nullopt;
  return entries;
}

bool escapes_archive(std::string_view name) {
  if (name.empty() || name.front() == '/' || name.find('\\') != std::string_view::npos) return true;
  if (name.size() >= 2 && name[1] == ':') return true;  // "C:..."
  for (const auto& segment : split(name, '/'))
    if (segment == "..") return true;
  return false;
}

void check_directory(const std::vector<Entry>& entries, const SniffOptions& options) {
  std::set<std::string> seen;
  ZPOS64_T total = 0;
  for (const auto& entry : entries) {
    if (escapes_archive(entry.name) || !seen.insert(to_lower_ascii(entry.name)).second)
      throw file_refused("Ce document contient des chemins de fichiers invalides : il ne peut pas être accepté.");
    if (entry.encrypted)
      throw file_refused(
          "Ce document est protégé par un mot de passe : enregistrez-le sans protection, ou en PDF, et "
          "renvoyez-le.");
    if (entry.uncompressed_size > options.compression_ratio_grace_bytes && options.max_compression_ratio > 0 &&
        entry.uncompressed_size / options.max_compression_ratio >= std::max<ZPOS64_T>(entry.compressed_size, 1))
      throw bomb();
    if (entry.uncompressed_size > options.max_uncompressed_bytes - total) throw bomb();  // no overflow
    total += entry.uncompressed_size;
  }
}

// VBA in Office Open XML; Basic modules or scripts in OpenDocument. OpenOffice writes the Basic library
// indexes (script-lc.xml, script-lb.xml...) even into documents without macros: only modules count.
bool holds_macros(const std::vector<Entry>& entries) {
  return std::any_of(entries.begin(), entries.end(), [](const Entry& entry) {
    const auto name = to_lower_ascii(entry.name);
    const bool basic_module = name.starts_with("basic/") && name.ends_with(".xml") && !name.ends_with("-lc.xml") &&
                              !name.ends_with("-lb.xml");
    return name.ends_with("vbaproject.bin") || basic_module || (name.starts_with("scripts/") && !name.ends_with("/"));
  });
}

// The value of `attribute` in the XML element `element` ("" when absent).
std::string attribute_of(std::string_view element, std::string_view attribute) {
  for (std::size_t at = element.find(attribute); at != std::string_view::npos; at = element.find(attribute, at + 1)) {
    const bool starts_name = at > 0 && (element[at - 1] == ' ' || element[at - 1] == '\t' || element[at - 1] == '\n' ||
                                        element[at - 1] == '\r');
    std::size_t equals = at + attribute.size();
    while (equals < element.size() && element[equals] == ' ') ++equals;
    if (!starts_name || equals >= element.size() || element[equals] != '=') continue;
    std::size_t quote = equals + 1;
    while (quote < element.size() && element[quote] == ' ') ++quote;
    if (quote >= element.size() || (element[quote] != '"' && element[quote] != '\'')) return {};
    const auto close = element.find(element[quote], quote + 1);
    if (close == std::string_view::npos) return {};
    return std::string(element.substr(quote + 1, close - quote - 1));
  }
  return {};
}

struct MainPart {
  std::string_view content_type;
  OfficeKind kind;
};

constexpr MainPart main_parts[] = {
    {"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", OfficeKind::docx},
    {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", OfficeKind::xlsx},
    {"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml", OfficeKind::pptx},
};

// The kind named by the <Override> of [Content_Types].xml whose content type is a main part, provided
// that part is in the archive.
std::optional<OfficeKind> ooxml_kind(std::string_view content_types, const std::vector<Entry>& entries) {
  if (content_types.find("macroEnabled") != std::string_view::npos)
    throw file_refused(
        "Ce document contient des macros : enregistrez-le au format .docx, .xlsx ou .pptx sans macros, ou en "
        "PDF, et renvoyez-le.");
  std::optional<OfficeKind> found;
  for (std::size_t at = content_types.find("Override"); at != std::string_view::npos;
       at = content_types.find("Override", at + 1)) {
    const auto close = content_types.find('>', at);
    if (close == std::string_view::npos) break;
    const auto element = content_types.substr(at, close - at);
    const auto content_type = to_lower_ascii(attribute_of(element, "ContentType"));
    for (const auto& main : main_parts) {
      if (content_type != main.content_type) continue;
      auto part = to_lower_ascii(attribute_of(element, "PartName"));
      if (part.starts_with('/')) part.erase(0, 1);
      const bool present = std::any_of(entries.begin(), entries.end(),
                                       [&](const Entry& entry) { return to_lower_ascii(entry.name) == part; });
      if (!present || (found && *found != main.kind)) return std::nullopt;
      found = main.kind;
    }
  }
  return found;
}

std::optional<OfficeKind> opendocument_kind(std::string mimetype) {
  mimetype = trim(mimetype);
  if (mimetype == "application/vnd.oasis.opendocument.text") return OfficeKind::odt;
  if (mimetype == "application/vnd.oasis.opendocument.spreadsheet") return OfficeKind::ods;
  if (mimetype == "application/vnd.oasis.opendocument.presentation") return OfficeKind::odp;
  return std::nullopt;
}

}  // namespace

bool looks_like_zip(std::string_view bytes) { return bytes.starts_with(std::string_view("PK\x03\x04", 4)); }

std::optional<OfficeKind> inspect_office_zip(std::string_view bytes, const SniffOptions& options) {
  if (!looks_like_zip(bytes)) throw unreadable();
  const auto entries = list_entries(bytes, options.max_zip_entries);
  if (!entries) throw unreadable();
  check_directory(*entries, options);

  // Every entry is inflated once, under one budget and with its CRC checked; the two small parts that
  // name the kind are kept on the way.
  std::string mimetype;
  std::string content_types;
  try {
    tabular::detail::ZipReader reader(bytes, options.max_uncompressed_bytes);
    for (const auto& entry : *entries) {
      std::string* keep = entry.name == "mimetype"              ? &mimetype
                          : entry.name == "[Content_Types].xml" ? &content_types
                                                                : nullptr;
      reader.stream(entry.name, [&](std::string_view chunk) {
        if (keep && keep->size() < max_kept_part_bytes) keep->append(chunk);
      });
    }
  } catch (const Problem& problem) {
    // ZipReader words its refusals for workbooks; a document gets its own sentence.
    if (problem.status() == 413) throw bomb();
    throw unreadable();
  }

  if (holds_macros(*entries))
    throw file_refused("Ce document contient des macros : enregistrez-le sans macros, ou en PDF, et renvoyez-le.");
  if (!entries->empty() && entries->front().name == "mimetype") {
    const auto kind = opendocument_kind(mimetype);
    const bool has_content =
        std::any_of(entries->begin(), entries->end(), [](const Entry& entry) { return entry.name == "content.xml"; });
    return kind && has_content ? kind : std::nullopt;
  }
  if (!content_types.empty()) return ooxml_kind(content_types, *entries);
  return std::nullopt;
}

}  // namespace passerelle::files::detail
