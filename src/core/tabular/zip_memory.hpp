#pragma once
// minizip reading from memory instead of a FILE*, so an upload never touches the disk. Shared by the
// spreadsheet reader and the document type checks.
#include <minizip/unzip.h>

#include <string_view>

namespace passerelle::tabular::detail {

struct MemoryFile {
  std::string_view bytes;
  ZPOS64_T position = 0;
};

// Callbacks reading `file` (which must outlive the unzFile opened with them).
zlib_filefunc64_def memory_functions(MemoryFile& file);

}  // namespace passerelle::tabular::detail
