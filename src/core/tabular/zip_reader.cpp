#include "core/tabular/zip_reader.hpp"

#include <minizip/unzip.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <vector>

#include "core/tabular/problems.hpp"

namespace passerelle::tabular::detail {
namespace {

// A workbook has a few dozen parts; a central directory listing more is an attempt to make us index it.
constexpr uLong max_entries = 10000;
constexpr std::size_t chunk_size = 64 * 1024;

// minizip reads through these callbacks instead of a FILE*, so the upload never touches the disk.
struct MemoryFile {
  std::string_view bytes;
  ZPOS64_T position = 0;
};

voidpf open_memory(voidpf opaque, const void*, int mode) {
  return (mode & ZLIB_FILEFUNC_MODE_WRITE) ? nullptr : opaque;
}

uLong read_memory(voidpf, voidpf stream, void* buffer, uLong size) {
  auto* file = static_cast<MemoryFile*>(stream);
  const auto available = file->bytes.size() - std::min<ZPOS64_T>(file->position, file->bytes.size());
  const auto count = std::min<ZPOS64_T>(size, available);
  std::memcpy(buffer, file->bytes.data() + file->position, count);
  file->position += count;
  return static_cast<uLong>(count);
}

uLong write_memory(voidpf, voidpf, const void*, uLong) { return 0; }

ZPOS64_T tell_memory(voidpf, voidpf stream) { return static_cast<MemoryFile*>(stream)->position; }

long seek_memory(voidpf, voidpf stream, ZPOS64_T offset, int origin) {
  auto* file = static_cast<MemoryFile*>(stream);
  ZPOS64_T base = 0;
  if (origin == ZLIB_FILEFUNC_SEEK_CUR) base = file->position;
  if (origin == ZLIB_FILEFUNC_SEEK_END) base = file->bytes.size();
  if (offset > file->bytes.size() || base + offset > file->bytes.size()) return -1;
  file->position = base + offset;
  return 0;
}

int close_memory(voidpf, voidpf) { return 0; }
int error_memory(voidpf, voidpf) { return 0; }

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
    zlib_filefunc64_def functions{open_memory, read_memory,  write_memory, tell_memory,
                                  seek_memory, close_memory, error_memory, &file};
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
