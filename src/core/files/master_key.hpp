#pragma once
// The master key that wraps the key of every stored file. It lives in a file of its own, outside the
// database and outside the documents directory, so that a copy of either (a backup, a dump) does not
// open the documents: both the key file and the data are needed. The bytes stay in memory allocated by
// libsodium (locked out of swap, guarded, wiped when freed).
#include <array>
#include <cstddef>
#include <filesystem>
#include <string_view>

namespace passerelle::files {

class MasterKey {
 public:
  static constexpr std::size_t size = 32;

  // Reads `key_file`, or creates it when absent: 32 random bytes, mode 0600, written under a temporary
  // name then linked into place, so that two processes starting together agree on one key. Throws
  // std::runtime_error, with a message for the operator, when the file is group- or world-accessible,
  // is not a regular file, has the wrong size, or cannot be read or created (its directory must exist).
  static MasterKey load_or_create(const std::filesystem::path& key_file);
  static MasterKey generate();
  // Exactly `size` bytes (std::invalid_argument otherwise); for rotation tools and tests.
  static MasterKey from_bytes(std::string_view bytes);

  MasterKey(MasterKey&& other) noexcept;
  MasterKey& operator=(MasterKey&& other) noexcept;
  MasterKey(const MasterKey&) = delete;
  MasterKey& operator=(const MasterKey&) = delete;
  ~MasterKey();

  const unsigned char* data() const { return bytes_; }
  // A public fingerprint of the key (BLAKE2b keyed by it), kept with each wrapped key so that a file
  // wrapped by another master key is told apart from a damaged one.
  std::array<unsigned char, 8> id() const;

 private:
  MasterKey();
  unsigned char* bytes_ = nullptr;
};

}  // namespace passerelle::files
