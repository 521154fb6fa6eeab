#pragma once
// The byte stream of a backup archive: compressed with zlib, then encrypted and authenticated with
// libsodium's secretstream (XChaCha20-Poly1305) in chunks of 64 KiB, the last chunk tagged final.
//
// On disk:  "PSLBACK1" | key id (8 bytes) | secretstream header (24 bytes) | chunks
//           chunk = ciphertext length (4 bytes, little endian) | ciphertext
// The magic and the key id are authenticated with every chunk. The key id (a keyed hash of the
// key, revealing nothing of it) lets a restore with the wrong key say so instead of "damaged".
// A reader detects a wrong key, any altered, removed, reordered or added chunk, and truncation
// (no final chunk), before it hands out a byte that did not authenticate.
//
// Inside (after decryption and decompression), records written with RecordWriter: see backup.cpp.
#include <sodium.h>
#include <zlib.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/files/master_key.hpp"
#include "store/row.hpp"

namespace passerelle::files::detail {
class AtomicFile;
}

namespace passerelle::app::backups {

// An archive that cannot be read back: wrong key, not an archive, damaged, altered or truncated.
class ArchiveError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads the key file (32 bytes, mode 0600); creates it when `create` and absent.
files::MasterKey load_backup_key(const std::filesystem::path& key_file, bool create);

class ArchiveWriter {
 public:
  // Writes to a temporary file next to `output`; nothing has the final name before finish().
  ArchiveWriter(const std::filesystem::path& output, const files::MasterKey& key);
  ~ArchiveWriter();
  ArchiveWriter(const ArchiveWriter&) = delete;
  ArchiveWriter& operator=(const ArchiveWriter&) = delete;

  void write(std::string_view bytes);
  // Ends the stream, flushes it to the disk and gives it its name (refusing to replace a file).
  void finish();
  std::uint64_t bytes_in() const { return bytes_in_; }
  std::uint64_t bytes_out() const { return bytes_out_; }

 private:
  void deflate_some(int flush);
  void seal(bool final);

  std::filesystem::path output_;
  std::unique_ptr<files::detail::AtomicFile> file_;
  z_stream zlib_{};
  crypto_secretstream_xchacha20poly1305_state state_{};
  std::string additional_;
  std::vector<unsigned char> pending_;  // compressed bytes not yet sealed
  std::uint64_t bytes_in_ = 0, bytes_out_ = 0;
  bool finished_ = false;
};

class ArchiveReader {
 public:
  ArchiveReader(const std::filesystem::path& input, const files::MasterKey& key);
  ~ArchiveReader();
  ArchiveReader(const ArchiveReader&) = delete;
  ArchiveReader& operator=(const ArchiveReader&) = delete;

  // Exactly `size` bytes, or ArchiveError.
  void read(char* out, std::size_t size);
  // Checks that the stream ends here (final chunk, end of the compressed data, end of the file).
  void expect_end();

 private:
  bool fill();  // inflates more; false at the end of the compressed data
  bool next_chunk();

  std::filesystem::path input_;
  std::FILE* file_ = nullptr;
  z_stream zlib_{};
  crypto_secretstream_xchacha20poly1305_state state_{};
  std::string additional_;
  std::vector<unsigned char> plain_;  // the current decrypted chunk
  std::size_t plain_used_ = 0;
  std::vector<char> out_;  // inflated bytes not yet read
  std::size_t out_used_ = 0;
  std::uint64_t chunks_ = 0;
  bool final_seen_ = false;
  bool inflate_ended_ = false;
};

// Typed records over the stream: variable-length integers, strings and database values.
class RecordWriter {
 public:
  explicit RecordWriter(ArchiveWriter& archive) : archive_(archive) {}
  void byte(std::uint8_t b);
  void unsigned_integer(std::uint64_t v);
  void text(std::string_view s);
  void value(const store::Value& v);
  void raw(std::string_view bytes) {
    flush();
    archive_.write(bytes);
  }
  void flush();

 private:
  ArchiveWriter& archive_;
  std::string buffer_;
};

class RecordReader {
 public:
  explicit RecordReader(ArchiveReader& archive) : archive_(archive) {}
  std::uint8_t byte();
  std::uint64_t unsigned_integer();
  std::string text(std::size_t limit = 1u << 30);
  store::Value value();
  void raw(char* out, std::size_t size) { archive_.read(out, size); }

 private:
  ArchiveReader& archive_;
};

}  // namespace passerelle::app::backups
