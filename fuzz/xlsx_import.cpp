// XLSX import. A zip seen as bytes is mostly checksums and deflate data the fuzzer cannot get through, so
// by default the input holds the XML parts themselves and this target zips them (stored, in memory):
//   byte 0: bit 0 small limits, bit 1 the rest is a whole file for read_table (the zip layer, truncated
//           archives, sniffing), bit 2 ask for the sheet named "Feuil2", bit 3 check the export round trip;
//   then the parts, separated by "\n--part--\n": the worksheet, shared strings, styles, workbook.xml and
//   its relationships. The last two have working defaults when left out, so that mutations of the sheet
//   are read as a sheet.
#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "problem_check.hpp"
#include "table_check.hpp"

using namespace passerelle;

namespace {

constexpr std::string_view separator = "\n--part--\n";

constexpr std::string_view default_workbook =
    R"(<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
    R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)"
    R"(<sheets><sheet name="Feuil1" sheetId="1" r:id="rId1"/><sheet name="Feuil2" sheetId="2" r:id="rId1"/></sheets></workbook>)";
constexpr std::string_view default_relations =
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>)"
    R"(<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>)"
    R"(<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="/xl/styles.xml"/>)"
    R"(</Relationships>)";

void put16(std::string& out, unsigned value) {
  out += char(value & 0xFF);
  out += char((value >> 8) & 0xFF);
}
void put32(std::string& out, std::uint32_t value) {
  put16(out, value & 0xFFFF);
  put16(out, value >> 16);
}

// A zip archive with stored (uncompressed) entries: local headers, data, central directory, end record.
std::string stored_zip(const std::vector<std::pair<std::string, std::string_view>>& entries) {
  std::string out, directory;
  for (const auto& entry : entries) {
    const std::string& name = entry.first;  // not a structured binding: clang 14 cannot capture those
    const std::string_view content = entry.second;
    const auto crc = static_cast<std::uint32_t>(
        crc32(0, reinterpret_cast<const Bytef*>(content.data()), static_cast<uInt>(content.size())));
    const auto offset = static_cast<std::uint32_t>(out.size());
    auto header = [&](std::string& to, bool central) {
      put32(to, central ? 0x02014b50 : 0x04034b50);
      if (central) put16(to, 20);  // made by
      put16(to, 20);               // version needed
      put16(to, 0);                // flags
      put16(to, 0);                // stored
      put16(to, 0);                // time
      put16(to, 0x21);             // date: 1980-01-01
      put32(to, crc);
      put32(to, static_cast<std::uint32_t>(content.size()));
      put32(to, static_cast<std::uint32_t>(content.size()));
      put16(to, static_cast<unsigned>(name.size()));
      put16(to, 0);  // extra
      if (central) {
        put16(to, 0);  // comment
        put16(to, 0);  // disk
        put16(to, 0);  // internal attributes
        put32(to, 0);  // external attributes
        put32(to, offset);
      }
      to += name;
    };
    header(out, false);
    out += content;
    header(directory, true);
  }
  const auto directory_offset = static_cast<std::uint32_t>(out.size());
  out += directory;
  put32(out, 0x06054b50);
  put16(out, 0);
  put16(out, 0);
  put16(out, static_cast<unsigned>(entries.size()));
  put16(out, static_cast<unsigned>(entries.size()));
  put32(out, static_cast<std::uint32_t>(directory.size()));
  put32(out, directory_offset);
  put16(out, 0);
  return out;
}

std::string workbook_of(std::string_view input) {
  std::vector<std::string_view> parts;
  while (parts.size() < 4) {
    const auto at = input.find(separator);
    if (at == std::string_view::npos) break;
    parts.push_back(input.substr(0, at));
    input.remove_prefix(at + separator.size());
  }
  parts.push_back(input);
  parts.resize(5, std::string_view{});
  const bool has_strings = !parts[1].empty(), has_styles = !parts[2].empty();
  std::vector<std::pair<std::string, std::string_view>> entries = {
      {"[Content_Types].xml", "<Types/>"},
      {"xl/workbook.xml", parts[3].empty() ? default_workbook : parts[3]},
      {"xl/_rels/workbook.xml.rels", parts[4].empty() ? default_relations : parts[4]},
      {"xl/worksheets/sheet1.xml", parts[0]},
  };
  if (has_strings) entries.emplace_back("xl/sharedStrings.xml", parts[1]);
  if (has_styles) entries.emplace_back("xl/styles.xml", parts[2]);
  return stored_zip(entries);
}

void check_round_trip(const tabular::Table& table) {
  std::string file;
  try {
    file = tabular::write_xlsx(table, "Export");
  } catch (const Problem& problem) {
    return;  // a text over Excel's 32 767 characters cannot be exported: a documented 422
  }
  try {
    const auto again = tabular::read_xlsx(file);
    if (again.header != table.header || again.rows != table.rows) fuzz::print_first_difference(table, again);
    FUZZ_CHECK(again.header == table.header, "the header survives write_xlsx -> read_xlsx");
    FUZZ_CHECK(again.rows == table.rows, "the rows survive write_xlsx -> read_xlsx");
  } catch (const Problem& problem) {
    std::fprintf(stderr, "re-import refused: %s\n", problem.detail().c_str());
    FUZZ_CHECK(false, "an exported table imports again");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::uint8_t mode = data[0];
  const std::string_view input(reinterpret_cast<const char*>(data + 1), size - 1);
  tabular::ReadLimits limits = (mode & 1) ? fuzz::small_limits() : tabular::ReadLimits{};
  if ((mode & 1) && !(mode & 2)) limits.max_bytes = 1 << 20;  // the zip around the parts is not the input
  std::optional<tabular::Table> table;
  try {
    if (mode & 2) {
      table = tabular::read_table(input, limits);
    } else {
      const std::string file = workbook_of(input);
      table = tabular::read_xlsx(file, limits, (mode & 4) ? "Feuil2" : "");
    }
  } catch (const Problem& problem) {
    fuzz::check_problem_response(problem);
    return 0;
  }
  fuzz::check_table(*table, limits);
  if (mode & 8) check_round_trip(*table);
  return 0;
}
