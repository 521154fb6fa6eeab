#include "core/files/pdf_inspection.hpp"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/files/file_problems.hpp"

namespace passerelle::files::detail {
namespace {

constexpr std::string_view header = "%PDF-";
constexpr std::size_t trailer_window = 1024;  // where readers look for %%EOF

// PDF delimiters and white space, which end a name.
constexpr std::array<bool, 256> delimiters = [] {
  std::array<bool, 256> table{};
  for (const unsigned char c : std::string_view("\0\t\n\f\r ()<>[]{}/%", 16)) table[c] = true;
  return table;
}();

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The name starting after the '/' at `start`, #xx escapes decoded into `buffer` (names we look for are
// short: longer ones are cut, which cannot make them match); `end` receives where the name stops.
std::string_view name_at(std::string_view text, std::size_t start, std::size_t& end, std::array<char, 32>& buffer) {
  const char* const data = text.data();
  std::size_t length = 0;
  std::size_t i = start;
  for (; i < text.size() && !delimiters[static_cast<unsigned char>(data[i])]; ++i) {
    char c = data[i];
    if (c == '#' && i + 2 < text.size() && hex_value(data[i + 1]) >= 0 && hex_value(data[i + 2]) >= 0) {
      c = static_cast<char>(hex_value(data[i + 1]) * 16 + hex_value(data[i + 2]));
      i += 2;
    }
    if (length < buffer.size()) buffer.data()[length] = c;
    ++length;
  }
  end = i;
  return {buffer.data(), std::min(length, buffer.size())};
}

struct Names {
  bool javascript = false;
  bool launch = false;
  bool embedded_file = false;
  std::vector<std::size_t> object_streams;  // positions just after each /ObjStm name
};

void scan_names(std::string_view text, Names& names) {
  std::array<char, 32> buffer;
  for (std::size_t slash = text.find('/'); slash != std::string_view::npos; slash = text.find('/', slash + 1)) {
    std::size_t end = 0;
    const auto name = name_at(text, slash + 1, end, buffer);
    if (name == "JavaScript") names.javascript = true;
    if (name == "Launch") names.launch = true;
    if (name == "EmbeddedFile" || name == "EmbeddedFiles") names.embedded_file = true;
    if (name == "ObjStm") names.object_streams.push_back(end);
  }
}

// The data of the stream whose dictionary contains `position`: what follows the next "stream" keyword
// and its end of line. Nothing when there is no such keyword.
// `keyword_end` receives where the keyword ends.
std::optional<std::string_view> stream_data_after(std::string_view bytes, std::size_t position,
                                                  std::size_t& keyword_end) {
  const auto keyword = bytes.find("stream", position);
  if (keyword == std::string_view::npos) return std::nullopt;
  keyword_end = keyword + 6;
  std::size_t data = keyword_end;
  if (data < bytes.size() && bytes[data] == '\r') ++data;
  if (data < bytes.size() && bytes[data] == '\n') ++data;
  return bytes.substr(data);
}

// Inflates one zlib stream into `out`, drawing on `budget`; false when the data is not zlib (another
// filter, or encrypted) or the budget runs out.
bool inflate_into(std::string_view data, std::string& out, std::size_t& budget) {
  z_stream inflater{};
  if (inflateInit(&inflater) != Z_OK) return false;
  inflater.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  inflater.avail_in = static_cast<uInt>(std::min<std::size_t>(data.size(), UINT32_MAX));
  std::vector<char> chunk(64 * 1024);
  int status = Z_OK;
  while (status == Z_OK) {
    inflater.next_out = reinterpret_cast<Bytef*>(chunk.data());
    inflater.avail_out = static_cast<uInt>(chunk.size());
    status = inflate(&inflater, Z_NO_FLUSH);
    const std::size_t produced = chunk.size() - inflater.avail_out;
    if (produced > budget) {
      status = Z_MEM_ERROR;
      break;
    }
    budget -= produced;
    out.append(chunk.data(), produced);
    if (status == Z_BUF_ERROR && inflater.avail_in == 0) break;  // input ended before the stream did
  }
  inflateEnd(&inflater);
  return status == Z_STREAM_END;
}

}  // namespace

bool looks_like_pdf(std::string_view bytes) { return bytes.starts_with(header); }

PdfFindings inspect_pdf(std::string_view bytes, std::size_t max_inflated_bytes) {
  const auto tail = bytes.substr(bytes.size() - std::min(bytes.size(), trailer_window));
  if (!looks_like_pdf(bytes) || tail.find("%%EOF") == std::string_view::npos)
    throw file_refused("Le PDF est incomplet ou endommagé : enregistrez-le à nouveau et renvoyez-le.");

  Names names;
  scan_names(bytes, names);
  std::size_t budget = max_inflated_bytes;
  std::size_t already_read = 0;  // the end of the last "stream" keyword followed
  for (const auto position : names.object_streams) {
    // Names repeated before one stream lead to that stream: it is read once, and the search for the
    // keyword stays linear however many names a hostile file repeats.
    if (position < already_read) continue;
    const auto data = stream_data_after(bytes, position, already_read);
    std::string objects;
    if (!data || !inflate_into(*data, objects, budget))
      throw file_refused(
          "Le contenu de ce PDF ne peut pas être vérifié (PDF protégé ou compressé de façon inhabituelle) : "
          "ouvrez-le et utilisez « Imprimer → Enregistrer au format PDF », puis renvoyez la copie.");
    Names inside;
    scan_names(objects, inside);
    names.javascript |= inside.javascript;
    names.launch |= inside.launch;
    names.embedded_file |= inside.embedded_file;
  }
  if (names.javascript || names.launch)
    throw file_refused(
        "Ce PDF contient du code qui s'exécute à l'ouverture (JavaScript ou lancement de programme), "
        "souvent un formulaire à remplir : ouvrez-le et utilisez « Imprimer → Enregistrer au format PDF », "
        "puis renvoyez la copie.");
  return {.embeds_files = names.embedded_file};
}

}  // namespace passerelle::files::detail
