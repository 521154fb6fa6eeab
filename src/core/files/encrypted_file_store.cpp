#include "core/files/encrypted_file_store.hpp"

#include <sodium.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>
#include <vector>

#include "core/files/durable_file.hpp"
#include "core/random.hpp"

namespace passerelle::files {
namespace {

// Every stored file starts with this, so that a file from elsewhere is told apart from a damaged one.
// It is also the associated data of every chunk: changing it breaks authentication.
constexpr std::string_view file_magic = "PSRLDOC1";
constexpr std::size_t chunk_size = 64 * 1024;
constexpr std::size_t sealed_chunk_size = chunk_size + crypto_secretstream_xchacha20poly1305_ABYTES;

// Wrapped key: version (1) | master key id (8) | nonce (24) | file key sealed with the master key (32 + 16).
// The version and id are the associated data of the seal.
constexpr unsigned char wrap_version = 1;
constexpr std::size_t key_id_size = 8;
constexpr std::size_t wrap_header_size = 1 + key_id_size;
constexpr std::size_t nonce_size = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t file_key_size = crypto_secretstream_xchacha20poly1305_KEYBYTES;
constexpr std::size_t wrapped_size =
    wrap_header_size + nonce_size + file_key_size + crypto_aead_xchacha20poly1305_ietf_ABYTES;
static_assert(wrapped_size == 81);

void ensure_sodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

// Wiped when it goes out of scope, whatever the path out.
struct FileKey {
  unsigned char bytes[file_key_size];
  FileKey() = default;
  FileKey(const FileKey&) = delete;
  FileKey& operator=(const FileKey&) = delete;
  ~FileKey() { sodium_memzero(bytes, sizeof bytes); }
};

const unsigned char* as_bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }
std::string_view as_chars(const unsigned char* bytes, std::size_t size) {
  return {reinterpret_cast<const char*>(bytes), size};
}

std::string wrap(const FileKey& key, const MasterKey& master) {
  std::string wrapped(wrapped_size, '\0');
  auto* out = reinterpret_cast<unsigned char*>(wrapped.data());
  out[0] = wrap_version;
  const auto id = master.id();
  std::memcpy(out + 1, id.data(), key_id_size);
  unsigned char* nonce = out + wrap_header_size;
  randombytes_buf(nonce, nonce_size);
  crypto_aead_xchacha20poly1305_ietf_encrypt(nonce + nonce_size, nullptr, key.bytes, file_key_size, out,
                                             wrap_header_size, nullptr, nonce, master.data());
  return wrapped;
}

void unwrap(std::string_view wrapped, const MasterKey& master, FileKey& key) {
  if (wrapped.size() != wrapped_size || static_cast<unsigned char>(wrapped[0]) != wrap_version)
    throw StoredFileError("the wrapped file key is malformed: the database row is damaged");
  const auto id = master.id();
  if (std::memcmp(wrapped.data() + 1, id.data(), key_id_size) != 0)
    throw StoredFileError("the file key was wrapped by another master key: wrong or rotated key file");
  const unsigned char* in = as_bytes(wrapped);
  const unsigned char* nonce = in + wrap_header_size;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(key.bytes, nullptr, nullptr, nonce + nonce_size,
                                                 wrapped_size - wrap_header_size - nonce_size, in, wrap_header_size,
                                                 nonce, master.data()) != 0)
    throw StoredFileError("the wrapped file key fails authentication: the database row was damaged or modified");
}

bool is_blob_id(std::string_view id) {
  return id.size() == 32 &&
         std::all_of(id.begin(), id.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::string hex(const unsigned char* bytes, std::size_t size) {
  std::string text(size * 2 + 1, '\0');
  sodium_bin2hex(text.data(), text.size(), bytes, size);
  text.pop_back();
  return text;
}

// Reads until `buffer` is full or the file ends; the number of bytes read.
std::size_t read_up_to(std::ifstream& in, unsigned char* buffer, std::size_t size) {
  in.read(reinterpret_cast<char*>(buffer), static_cast<std::streamsize>(size));
  return static_cast<std::size_t>(in.gcount());
}

MasterKey key_kept_outside(const std::filesystem::path& directory, const std::filesystem::path& key_file) {
  const auto documents = std::filesystem::weakly_canonical(std::filesystem::absolute(directory));
  const auto key = std::filesystem::weakly_canonical(std::filesystem::absolute(key_file));
  const auto [inside, _] = std::mismatch(documents.begin(), documents.end(), key.begin(), key.end());
  if (inside == documents.end())
    throw std::runtime_error("master key file " + key_file.string() +
                             " must not be kept inside the documents directory " + directory.string());
  return MasterKey::load_or_create(key_file);
}

}  // namespace

EncryptedFileStore::EncryptedFileStore(const std::filesystem::path& directory, const std::filesystem::path& key_file)
    : EncryptedFileStore(directory, key_kept_outside(directory, key_file)) {}

EncryptedFileStore::EncryptedFileStore(std::filesystem::path directory, MasterKey master_key)
    : directory_(std::move(directory)), master_key_(std::move(master_key)) {
  ensure_sodium();
  detail::create_private_directory(directory_);
}

std::filesystem::path EncryptedFileStore::path_of(std::string_view blob_id) const {
  if (!is_blob_id(blob_id)) throw std::invalid_argument("not a blob id: 32 lowercase hexadecimal characters expected");
  return directory_ / blob_id.substr(0, 2) / blob_id.substr(2, 2) / blob_id;
}

StoredBlob EncryptedFileStore::put(std::string_view plaintext) {
  StoredBlob blob{random_hex(16), {}, plaintext.size(), {}};
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, as_bytes(plaintext), plaintext.size(), nullptr, 0);
  blob.content_hash = hex(digest, sizeof digest);

  FileKey key;
  crypto_secretstream_xchacha20poly1305_keygen(key.bytes);
  blob.wrapped_key = wrap(key, master_key_);

  const auto path = path_of(blob.blob_id);
  detail::create_private_directory(path.parent_path().parent_path());
  detail::create_private_directory(path.parent_path());
  detail::AtomicFile file(path);
  file.write(file_magic);

  crypto_secretstream_xchacha20poly1305_state state;
  unsigned char header[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
  crypto_secretstream_xchacha20poly1305_init_push(&state, header, key.bytes);
  file.write(as_chars(header, sizeof header));
  std::vector<unsigned char> sealed(sealed_chunk_size);
  std::size_t offset = 0;
  do {  // at least once: an empty file is one empty final chunk
    const std::size_t length = std::min(chunk_size, plaintext.size() - offset);
    const bool last = offset + length == plaintext.size();
    unsigned long long sealed_length = 0;
    crypto_secretstream_xchacha20poly1305_push(&state, sealed.data(), &sealed_length, as_bytes(plaintext) + offset,
                                               length, as_bytes(file_magic), file_magic.size(),
                                               last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0);
    file.write(as_chars(sealed.data(), sealed_length));
    offset += length;
  } while (offset < plaintext.size());
  sodium_memzero(&state, sizeof state);
  file.commit();
  return blob;
}

void EncryptedFileStore::stream(const StoredBlob& blob, const std::function<void(std::string_view)>& sink) const {
  const auto path = path_of(blob.blob_id);
  const auto failure = [&](const std::string& what) {
    return StoredFileError("stored file " + blob.blob_id + " " + what);
  };
  FileKey key;
  unwrap(blob.wrapped_key, master_key_, key);

  std::ifstream in(path, std::ios::binary);
  if (!in) throw failure("is missing or unreadable");
  unsigned char magic[file_magic.size()];
  unsigned char header[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
  if (read_up_to(in, magic, sizeof magic) != sizeof magic || as_chars(magic, sizeof magic) != file_magic)
    throw failure("is not a Passerelle document file, or its header is damaged");
  crypto_secretstream_xchacha20poly1305_state state;
  if (read_up_to(in, header, sizeof header) != sizeof header ||
      crypto_secretstream_xchacha20poly1305_init_pull(&state, header, key.bytes) != 0)
    throw failure("has a damaged header");

  crypto_generichash_state hash;
  crypto_generichash_init(&hash, nullptr, 0, 32);
  std::vector<unsigned char> sealed(sealed_chunk_size);
  std::vector<unsigned char> plain(chunk_size);
  std::uint64_t total = 0;
  while (true) {
    const auto length = read_up_to(in, sealed.data(), sealed.size());
    if (length < crypto_secretstream_xchacha20poly1305_ABYTES)
      throw failure("is truncated: its final chunk is missing");
    unsigned long long plain_length = 0;
    unsigned char tag = 0;
    if (crypto_secretstream_xchacha20poly1305_pull(&state, plain.data(), &plain_length, &tag, sealed.data(), length,
                                                   as_bytes(file_magic), file_magic.size()) != 0)
      throw failure("fails authentication: it was damaged or modified, or belongs to another row");
    crypto_generichash_update(&hash, plain.data(), plain_length);
    total += plain_length;
    sink(as_chars(plain.data(), plain_length));
    if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL) break;
  }
  sodium_memzero(&state, sizeof state);
  sodium_memzero(plain.data(), plain.size());
  unsigned char extra;
  if (read_up_to(in, &extra, 1) != 0) throw failure("has data after its final chunk");

  unsigned char digest[32];
  crypto_generichash_final(&hash, digest, sizeof digest);
  if (total != blob.size || hex(digest, sizeof digest) != blob.content_hash)
    throw failure("does not match the size or hash recorded in its database row");
}

std::string EncryptedFileStore::get(const StoredBlob& blob) const {
  std::string plaintext;
  std::error_code error;
  const auto on_disk = std::filesystem::file_size(path_of(blob.blob_id), error);
  if (!error) plaintext.reserve(std::min<std::uint64_t>(blob.size, on_disk));
  stream(blob, [&](std::string_view chunk) { plaintext.append(chunk); });
  return plaintext;
}

bool EncryptedFileStore::remove(std::string_view blob_id) {
  const auto path = path_of(blob_id);
  if (::unlink(path.c_str()) != 0) {
    if (errno == ENOENT) return false;
    throw std::system_error(errno, std::generic_category(), "cannot remove " + path.string());
  }
  detail::sync_directory(path.parent_path());
  return true;
}

std::string rewrap(std::string_view wrapped_key, const MasterKey& old_master, const MasterKey& new_master) {
  ensure_sodium();
  FileKey key;
  unwrap(wrapped_key, old_master, key);
  return wrap(key, new_master);
}

}  // namespace passerelle::files
