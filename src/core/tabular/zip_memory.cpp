#include "core/tabular/zip_memory.hpp"

#include <algorithm>
#include <cstring>

namespace passerelle::tabular::detail {
namespace {

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

}  // namespace

zlib_filefunc64_def memory_functions(MemoryFile& file) {
  return {open_memory, read_memory, write_memory, tell_memory, seek_memory, close_memory, error_memory, &file};
}

}  // namespace passerelle::tabular::detail
