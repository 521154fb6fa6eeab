#include "core/files/master_key.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <new>
#include <stdexcept>
#include <string>
#include <system_error>

#include "core/files/durable_file.hpp"

namespace passerelle::files {
namespace {

void ensure_sodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

std::runtime_error key_file_error(const std::filesystem::path& key_file, const std::string& what) {
  return std::runtime_error("master key file " + key_file.string() + ": " + what);
}

class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

void create_key_file(const std::filesystem::path& key_file) {
  const auto key = MasterKey::generate();
  detail::AtomicFile file(key_file);
  file.write(std::string_view(reinterpret_cast<const char*>(key.data()), MasterKey::size));
  // link(), unlike rename(), never replaces a key another process created meanwhile: theirs is kept, and
  // read by the caller like any existing key.
  static_cast<void>(file.commit_unless_exists());
}

}  // namespace

MasterKey::MasterKey() {
  ensure_sodium();
  bytes_ = static_cast<unsigned char*>(sodium_malloc(size));
  if (!bytes_) throw std::bad_alloc();
}

MasterKey::MasterKey(MasterKey&& other) noexcept : bytes_(other.bytes_) { other.bytes_ = nullptr; }

MasterKey& MasterKey::operator=(MasterKey&& other) noexcept {
  if (this != &other) {
    if (bytes_) sodium_free(bytes_);
    bytes_ = other.bytes_;
    other.bytes_ = nullptr;
  }
  return *this;
}

MasterKey::~MasterKey() {
  if (bytes_) sodium_free(bytes_);  // wipes before freeing
}

MasterKey MasterKey::generate() {
  MasterKey key;
  randombytes_buf(key.bytes_, size);
  return key;
}

MasterKey MasterKey::from_bytes(std::string_view bytes) {
  if (bytes.size() != size) throw std::invalid_argument("a master key is exactly 32 bytes");
  MasterKey key;
  std::memcpy(key.bytes_, bytes.data(), size);
  return key;
}

std::array<unsigned char, 8> MasterKey::id() const {
  static constexpr std::string_view label = "passerelle master key id";
  std::array<unsigned char, 8> id{};
  crypto_generichash(id.data(), id.size(), reinterpret_cast<const unsigned char*>(label.data()), label.size(), bytes_,
                     size);
  return id;
}

MasterKey MasterKey::load_or_create(const std::filesystem::path& key_file) {
  ensure_sodium();
  int fd = ::open(key_file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT) {
    create_key_file(key_file);
    fd = ::open(key_file.c_str(), O_RDONLY | O_CLOEXEC);
  }
  if (fd < 0) throw key_file_error(key_file, std::string("cannot be opened: ") + std::strerror(errno));
  const Descriptor descriptor(fd);

  // Checked on the open descriptor, not the path, so the file judged is the file read.
  struct stat status {};
  if (::fstat(fd, &status) != 0)
    throw key_file_error(key_file, std::string("cannot be examined: ") + std::strerror(errno));
  if (!S_ISREG(status.st_mode)) throw key_file_error(key_file, "is not a regular file");
  if ((status.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(status.st_mode & 07777));
    throw key_file_error(key_file, "is accessible to group or others (mode " + std::string(mode) +
                                       "); refusing to use it: run chmod 600 on it");
  }
  if (status.st_size != static_cast<off_t>(size))
    throw key_file_error(key_file, "must hold exactly 32 bytes, it holds " + std::to_string(status.st_size));

  MasterKey key;
  std::size_t done = 0;
  while (done < size) {
    const auto count = ::read(fd, key.bytes_ + done, size - done);
    if (count < 0 && errno == EINTR) continue;
    if (count <= 0) throw key_file_error(key_file, "could not be read completely");
    done += static_cast<std::size_t>(count);
  }
  return key;
}

}  // namespace passerelle::files
