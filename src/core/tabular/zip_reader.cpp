#include "core/tabular/zip_reader.hpp"

#include <minizip/unzip.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <vector>

#include "core/tabular/problems.hpp"
#include "core/tabular/zip_memory.hpp"

namespace passerelle::tabular::detail {
namespace {

// A workbook has a few dozen parts; a central directory listing more is an attempt to make us index it.
constexpr uLong max_entries = 10000;
constexpr std::size_t chunk_size = 64 * 1024;

struct Entry {
  unz64_file_pos position;
  ZPOS64_T uncompressed_size;
  bool encrypted;
};

}  // namespace

struct ZipReader::Impl {
  MemoryFile file;
  unzFile zip = nullptr;
  std::map<std::string, Entry, std::less<>> entries;
  std::size_t max_uncompressed_bytes = 0;
  std::size_t budget_left = 0;
  std::vector<char> buffer;

  ~Impl() {
    if (zip) unzClose(zip);
  }

  // False when `bytes` is not a zip whose central directory can be read.
  bool open(std::string_view bytes) {
    file.bytes = bytes;
    auto functions = memory_functions(file);
    zip = unzOpen2_64("upload.xlsx", &functions);
    return zip && index_entries();
  }

  bool index_entries() {
    unz_global_info64 global{};
    if (unzGetGlobalInfo64(zip, &global) != UNZ_OK || global.number_entry > max_entries) return false;
    int status = unzGoToFirstFile(zip);
    for (; status == UNZ_OK; status = unzGoToNextFile(zip)) {
      unz_file_info64 info{};
      char name[1024];
      if (unzGetCurrentFileInfo64(zip, &info, name, sizeof name, nullptr, 0, nullptr, 0) != UNZ_OK) return false;
      if (info.size_filename >= sizeof name) continue;  // no part of a workbook has such a name
      Entry entry{{}, info.uncompressed_size, (info.flag & 1) != 0};
      if (unzGetFilePos64(zip, &entry.position) != UNZ_OK) return false;
      entries.emplace(name, entry);
    }
    return status == UNZ_END_OF_LIST_OF_FILE;
  }
};

ZipReader::ZipReader(std::string_view bytes, std::size_t max_uncompressed_bytes) : impl_(std::make_unique<Impl>()) {
  impl_->max_uncompressed_bytes = max_uncompressed_bytes;
  impl_->budget_left = max_uncompressed_bytes;
  if (!impl_->open(bytes)) throw unreadable_xlsx();
}

std::optional<bool> ZipReader::has_entry(std::string_view bytes, std::string_view name) {
  Impl impl;
  if (!impl.open(bytes)) return std::nullopt;
  return impl.entries.contains(name);
}

ZipReader::~ZipReader() = default;

bool ZipReader::contains(std::string_view name) const { return impl_->entries.contains(name); }

void ZipReader::stream(std::string_view name, const std::function<void(std::string_view)>& sink) {
  const auto found = impl_->entries.find(name);
  if (found == impl_->entries.end() || found->second.encrypted) throw unreadable_xlsx();
  if (found->second.uncompressed_size > impl_->budget_left) throw uncompressed_too_large(impl_->max_uncompressed_bytes);
  unzFile zip = impl_->zip;
  if (unzGoToFilePos64(zip, &found->second.position) != UNZ_OK || unzOpenCurrentFile(zip) != UNZ_OK)
    throw unreadable_xlsx();
  // Closes the entry when the sink throws; the CRC verdict only matters after a complete read.
  std::unique_ptr<void, int (*)(unzFile)> open_entry(zip, unzCloseCurrentFile);
  impl_->buffer.resize(chunk_size);
  while (true) {
    const int count = unzReadCurrentFile(zip, impl_->buffer.data(), chunk_size);
    if (count < 0) throw unreadable_xlsx();
    if (count == 0) break;
    // minizip 1.1 already stops at the declared size (a lie then fails the CRC check); counting here
    // keeps the budget true whatever the zip library does.
    if (static_cast<std::size_t>(count) > impl_->budget_left)
      throw uncompressed_too_large(impl_->max_uncompressed_bytes);
    impl_->budget_left -= count;
    sink(std::string_view(impl_->buffer.data(), count));
  }
  if (unzCloseCurrentFile(open_entry.release()) != UNZ_OK) throw unreadable_xlsx();
}

std::string ZipReader::read(std::string_view name) {
  std::string content;
  stream(name, [&](std::string_view chunk) { content.append(chunk); });
  return content;
}

}  // namespace passerelle::tabular::detail
