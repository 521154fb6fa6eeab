#include "core/files/durable_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <system_error>

namespace passerelle::files::detail {
namespace {

std::system_error failure(const std::string& what, const std::filesystem::path& path) {
  return {errno, std::generic_category(), what + " " + path.string()};
}

}  // namespace

AtomicFile::AtomicFile(std::filesystem::path final_path) : final_path_(std::move(final_path)) {
  // Hidden, and named after the final file so that leftovers of a crash can be recognised and removed.
  std::string name = final_path_.filename().string();
  name.append(".tmp-XXXXXX");
  std::string pattern = (final_path_.parent_path() / name.insert(0, 1, '.')).string();
  fd_ = ::mkostemp(pattern.data(), O_CLOEXEC);  // mode 0600
  if (fd_ < 0) throw failure("cannot create a temporary file next to", final_path_);
  temporary_path_ = pattern;
}

AtomicFile::~AtomicFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_) ::unlink(temporary_path_.c_str());
}

void AtomicFile::write(std::string_view bytes) {
  while (!bytes.empty()) {
    const auto count = ::write(fd_, bytes.data(), bytes.size());
    if (count < 0 && errno == EINTR) continue;
    if (count < 0) throw failure("cannot write", temporary_path_);
    bytes.remove_prefix(static_cast<std::size_t>(count));
  }
}

void AtomicFile::flush_and_close() {
  if (::fsync(fd_) != 0) throw failure("cannot flush", temporary_path_);
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) throw failure("cannot close", temporary_path_);
}

void AtomicFile::commit() {
  flush_and_close();
  if (::rename(temporary_path_.c_str(), final_path_.c_str()) != 0) throw failure("cannot rename into", final_path_);
  committed_ = true;
  sync_directory(final_path_.parent_path());
}

bool AtomicFile::commit_unless_exists() {
  flush_and_close();
  if (::link(temporary_path_.c_str(), final_path_.c_str()) != 0) {
    if (errno == EEXIST) return false;  // the destructor removes the temporary file
    throw failure("cannot link into", final_path_);
  }
  ::unlink(temporary_path_.c_str());
  committed_ = true;
  sync_directory(final_path_.parent_path());
  return true;
}

void sync_directory(const std::filesystem::path& directory) {
  const auto& path = directory.empty() ? std::filesystem::path(".") : directory;
  const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) throw failure("cannot open directory", path);
  const int status = ::fsync(fd);
  ::close(fd);
  if (status != 0) throw failure("cannot flush directory", path);
}

void create_private_directory(const std::filesystem::path& directory) {
  if (::mkdir(directory.c_str(), 0700) == 0) {
    sync_directory(directory.parent_path());
    return;
  }
  if (errno != EEXIST) throw failure("cannot create directory", directory);
  struct stat status {};
  if (::stat(directory.c_str(), &status) != 0 || !S_ISDIR(status.st_mode))
    throw std::system_error(ENOTDIR, std::generic_category(), "not a directory: " + directory.string());
}

}  // namespace passerelle::files::detail
