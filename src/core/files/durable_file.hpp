#pragma once
// Files written so that a crash, at any instant, leaves either nothing or the complete file under its
// final name: the bytes go to a temporary file in the same directory, are flushed to the disk, then
// the file is renamed (or linked) into place and the directory itself is flushed, since the rename
// lives in the directory. Failures are std::system_error naming the path.
#include <filesystem>
#include <string_view>

namespace passerelle::files::detail {

class AtomicFile {
 public:
  // Creates the temporary file (mode 0600) next to `final_path`; its directory must exist.
  explicit AtomicFile(std::filesystem::path final_path);
  ~AtomicFile();  // removes the temporary file unless committed
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  void write(std::string_view bytes);
  // Replaces whatever has the final name.
  void commit();
  // Keeps whatever already has the final name; false in that case (the temporary file is discarded).
  bool commit_unless_exists();

 private:
  void flush_and_close();
  std::filesystem::path final_path_;
  std::filesystem::path temporary_path_;
  int fd_ = -1;
  bool committed_ = false;
};

void sync_directory(const std::filesystem::path& directory);
// mkdir with mode 0700 when absent (the parent must exist), flushing the parent so the new entry lasts.
void create_private_directory(const std::filesystem::path& directory);

}  // namespace passerelle::files::detail
