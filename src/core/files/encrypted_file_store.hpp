#pragma once
// Stored documents, encrypted at rest. Each file gets its own random key; its bytes are encrypted with
// libsodium's secretstream (XChaCha20-Poly1305) in 64 KiB chunks, each authenticated, the last one
// marked final so that a truncated file is detected. The file key is wrapped (XChaCha20-Poly1305) by
// the master key and handed back to be kept in the database row: a database dump alone, the documents
// directory alone, or both without the key file, reveal nothing but sizes.
//
// On disk: <directory>/ab/cd/<blob id>, where ab and cd are the first characters of the id, so that no
// directory holds more than a few thousand files. Writes are atomic (see durable_file.hpp).
#include <cstdint>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/files/master_key.hpp"

namespace passerelle::files {

// What the database row keeps about a stored file; all of it is needed to read the file back.
struct StoredBlob {
  std::string blob_id;       // 32 random hex characters, also the file's name on disk
  std::string wrapped_key;   // binary (81 bytes): the file key, wrapped by the master key
  std::uint64_t size = 0;    // of the plaintext, in bytes
  std::string content_hash;  // BLAKE2b-256 of the plaintext, hex: checked again by every read
};

// A stored file that cannot be given back intact: missing, damaged, modified, truncated, wrapped by
// another master key, or not matching its row. Never an expected failure: log it and answer 500.
class StoredFileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// put, get, stream and remove may be called from several threads at once.
class EncryptedFileStore {
 public:
  // `directory` is created (mode 0700) when absent; its parent must exist. The key file is read or
  // created by MasterKey::load_or_create and must not lie inside `directory`.
  EncryptedFileStore(const std::filesystem::path& directory, const std::filesystem::path& key_file);
  EncryptedFileStore(std::filesystem::path directory, MasterKey master_key);

  StoredBlob put(std::string_view plaintext);

  // The plaintext, once every chunk is authenticated and the size and hash match `blob`.
  std::string get(const StoredBlob& blob) const;
  // The same, chunk by chunk for a download: each chunk given to `sink` is authenticated, but truncation
  // and the final hash are only known at the end, so on StoredFileError a download already started
  // must be aborted, not completed.
  void stream(const StoredBlob& blob, const std::function<void(std::string_view)>& sink) const;

  // False when there was no such file. A malformed id is std::invalid_argument.
  bool remove(std::string_view blob_id);

  std::filesystem::path path_of(std::string_view blob_id) const;

 private:
  std::filesystem::path directory_;
  MasterKey master_key_;
};

// The same file key wrapped by `new_master` instead of `old_master`, for key rotation: the files on
// disk do not change, only the wrapped keys in the database rows. StoredFileError when `wrapped_key`
// does not open with `old_master`.
std::string rewrap(std::string_view wrapped_key, const MasterKey& old_master, const MasterKey& new_master);

}  // namespace passerelle::files
