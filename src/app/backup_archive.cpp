#include "app/backup_archive.hpp"

#include <cerrno>
#include <cstring>

#include "core/files/durable_file.hpp"

namespace passerelle::app::backups {
namespace {

constexpr std::string_view magic = "PSLBACK1";
constexpr std::size_t chunk_size = 64 * 1024;
constexpr std::size_t sealed_chunk_size = chunk_size + crypto_secretstream_xchacha20poly1305_ABYTES;
constexpr std::size_t key_id_size = 8;

std::string key_id_of(const files::MasterKey& key) {
  const auto id = key.id();
  return std::string(reinterpret_cast<const char*>(id.data()), id.size());
}

std::string hex(std::string_view bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(digits[c >> 4]);
    out.push_back(digits[c & 15]);
  }
  return out;
}

const unsigned char* as_bytes(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

}  // namespace

files::MasterKey load_backup_key(const std::filesystem::path& key_file, bool create) {
  if (!create && !std::filesystem::exists(key_file))
    throw std::runtime_error("backup key file " + key_file.string() +
                             " does not exist: give the key the archive was made with (--key-file)");
  try {
    return files::MasterKey::load_or_create(key_file);
  } catch (const std::runtime_error& e) {
    // The checks (mode 0600, 32 bytes, regular file) are the master key's; the name is not.
    std::string message = e.what();
    if (message.rfind("master key file ", 0) == 0) message.replace(0, 6, "backup");
    throw std::runtime_error(message);
  }
}

// Writer.

ArchiveWriter::ArchiveWriter(const std::filesystem::path& output, const files::MasterKey& key) : output_(output) {
  if (std::filesystem::exists(output))
    throw std::runtime_error("the output file " + output.string() + " already exists: choose a new name");
  file_ = std::make_unique<files::detail::AtomicFile>(output);
  if (deflateInit(&zlib_, 6) != Z_OK) throw std::runtime_error("zlib could not be initialised");
  unsigned char header[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
  crypto_secretstream_xchacha20poly1305_init_push(&state_, header, key.data());
  additional_ = std::string(magic) + key_id_of(key);
  file_->write(additional_);
  file_->write(std::string_view(reinterpret_cast<const char*>(header), sizeof header));
  bytes_out_ = additional_.size() + sizeof header;
}

ArchiveWriter::~ArchiveWriter() { deflateEnd(&zlib_); }

void ArchiveWriter::write(std::string_view bytes) {
  if (finished_) throw std::logic_error("archive already finished");
  zlib_.next_in = const_cast<Bytef*>(as_bytes(bytes));
  zlib_.avail_in = static_cast<uInt>(bytes.size());
  bytes_in_ += bytes.size();
  deflate_some(Z_NO_FLUSH);
}

void ArchiveWriter::deflate_some(int flush) {
  unsigned char out[chunk_size];
  for (;;) {
    zlib_.next_out = out;
    zlib_.avail_out = sizeof out;
    const int status = deflate(&zlib_, flush);
    if (status == Z_STREAM_ERROR) throw std::runtime_error("zlib compression failed");
    pending_.insert(pending_.end(), out, out + (sizeof out - zlib_.avail_out));
    while (pending_.size() > chunk_size) seal(false);
    if (flush == Z_FINISH ? status == Z_STREAM_END : (zlib_.avail_in == 0 && zlib_.avail_out != 0)) break;
  }
}

void ArchiveWriter::seal(bool final) {
  const std::size_t size = std::min(pending_.size(), chunk_size);
  std::vector<unsigned char> sealed(size + crypto_secretstream_xchacha20poly1305_ABYTES);
  unsigned long long sealed_size = 0;
  crypto_secretstream_xchacha20poly1305_push(&state_, sealed.data(), &sealed_size, pending_.data(), size,
                                             as_bytes(additional_), additional_.size(),
                                             final ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0);
  pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(size));
  const auto length = static_cast<std::uint32_t>(sealed_size);
  const char prefix[4] = {static_cast<char>(length & 0xff), static_cast<char>((length >> 8) & 0xff),
                          static_cast<char>((length >> 16) & 0xff), static_cast<char>(length >> 24)};
  file_->write(std::string_view(prefix, 4));
  file_->write(std::string_view(reinterpret_cast<const char*>(sealed.data()), sealed_size));
  bytes_out_ += 4 + sealed_size;
}

void ArchiveWriter::finish() {
  zlib_.next_in = nullptr;
  zlib_.avail_in = 0;
  deflate_some(Z_FINISH);
  while (pending_.size() > chunk_size) seal(false);
  seal(true);  // the rest, possibly nothing: the final tag is what proves the archive complete
  finished_ = true;
  if (!file_->commit_unless_exists())
    throw std::runtime_error("the output file " + output_.string() + " appeared during the backup: not replaced");
}

// Reader.

ArchiveReader::ArchiveReader(const std::filesystem::path& input, const files::MasterKey& key) : input_(input) {
  file_ = std::fopen(input.c_str(), "rb");
  if (!file_) throw std::runtime_error("cannot open " + input.string() + ": " + std::strerror(errno));
  if (inflateInit(&zlib_) != Z_OK) throw std::runtime_error("zlib could not be initialised");
  char head[magic.size() + key_id_size];
  unsigned char header[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
  if (std::fread(head, 1, sizeof head, file_) != sizeof head || std::string_view(head, magic.size()) != magic)
    throw ArchiveError(input.string() + " is not a Passerelle backup archive");
  additional_.assign(head, sizeof head);
  const auto expected = key_id_of(key);
  if (additional_.substr(magic.size()) != expected)
    throw ArchiveError(input.string() + " was encrypted with another backup key (key id " +
                       hex(additional_.substr(magic.size())) + "; the key given has id " + hex(expected) + ")");
  if (std::fread(header, 1, sizeof header, file_) != sizeof header)
    throw ArchiveError(input.string() + " is truncated (incomplete header)");
  if (crypto_secretstream_xchacha20poly1305_init_pull(&state_, header, key.data()) != 0)
    throw ArchiveError(input.string() + " has a damaged header");
}

ArchiveReader::~ArchiveReader() {
  inflateEnd(&zlib_);
  if (file_) std::fclose(file_);
}

bool ArchiveReader::next_chunk() {
  if (final_seen_) return false;
  unsigned char prefix[4];
  const auto got = std::fread(prefix, 1, 4, file_);
  if (got == 0 && std::feof(file_))
    throw ArchiveError(input_.string() + " is truncated: its last part is missing (" + std::to_string(chunks_) +
                       " complete chunk(s) read)");
  if (got != 4) throw ArchiveError(input_.string() + " is truncated inside chunk " + std::to_string(chunks_ + 1));
  const std::size_t length = prefix[0] | (prefix[1] << 8) | (prefix[2] << 16) | (std::size_t{prefix[3]} << 24);
  if (length < crypto_secretstream_xchacha20poly1305_ABYTES || length > sealed_chunk_size)
    throw ArchiveError(input_.string() + " is damaged (chunk " + std::to_string(chunks_ + 1) +
                       " has an impossible length)");
  std::vector<unsigned char> sealed(length);
  if (std::fread(sealed.data(), 1, length, file_) != length)
    throw ArchiveError(input_.string() + " is truncated inside chunk " + std::to_string(chunks_ + 1));
  plain_.resize(length - crypto_secretstream_xchacha20poly1305_ABYTES);
  unsigned long long plain_size = 0;
  unsigned char tag = 0;
  if (crypto_secretstream_xchacha20poly1305_pull(&state_, plain_.data(), &plain_size, &tag, sealed.data(), length,
                                                 as_bytes(additional_), additional_.size()) != 0)
    throw ArchiveError(input_.string() + " is damaged or was altered: chunk " + std::to_string(chunks_ + 1) +
                       " does not authenticate");
  plain_.resize(plain_size);
  plain_used_ = 0;
  ++chunks_;
  if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
    final_seen_ = true;
    if (std::fgetc(file_) != EOF) throw ArchiveError(input_.string() + " has unexpected bytes after its end");
  }
  return true;
}

bool ArchiveReader::fill() {
  if (inflate_ended_) return false;
  char out[chunk_size];
  if (out_used_ == out_.size()) {
    out_.clear();
    out_used_ = 0;
  }
  for (;;) {
    zlib_.next_in = plain_.data() + plain_used_;
    zlib_.avail_in = static_cast<uInt>(plain_.size() - plain_used_);
    zlib_.next_out = reinterpret_cast<Bytef*>(out);
    zlib_.avail_out = sizeof out;
    const int status = inflate(&zlib_, Z_NO_FLUSH);
    plain_used_ = plain_.size() - zlib_.avail_in;
    if (status != Z_OK && status != Z_STREAM_END && status != Z_BUF_ERROR)
      throw ArchiveError(input_.string() + " is damaged: its compressed data does not decompress");
    const std::size_t produced = sizeof out - zlib_.avail_out;
    out_.insert(out_.end(), out, out + produced);
    if (status == Z_STREAM_END) inflate_ended_ = true;
    if (produced > 0) return true;
    if (inflate_ended_) return false;
    // Nothing came out: zlib needs the next chunk.
    if (plain_used_ == plain_.size() && !next_chunk())
      throw ArchiveError(input_.string() + " is damaged: its compressed data ends too early");
  }
}

void ArchiveReader::read(char* out, std::size_t size) {
  while (size > 0) {
    if (out_used_ == out_.size() && !fill())
      throw ArchiveError(input_.string() + " is damaged: its content ends in the middle of a record");
    const std::size_t n = std::min(size, out_.size() - out_used_);
    std::memcpy(out, out_.data() + out_used_, n);
    out_used_ += n;
    out += n;
    size -= n;
  }
}

void ArchiveReader::expect_end() {
  if (out_used_ != out_.size() || fill())
    throw ArchiveError(input_.string() + " has unexpected data after its end record");
  if (plain_used_ != plain_.size())
    throw ArchiveError(input_.string() + " has unexpected data after its compressed stream");
  while (next_chunk()) {
    if (!plain_.empty()) throw ArchiveError(input_.string() + " has unexpected data after its compressed stream");
  }
}

// Records.

void RecordWriter::byte(std::uint8_t b) { buffer_.push_back(static_cast<char>(b)); }

void RecordWriter::unsigned_integer(std::uint64_t v) {
  while (v >= 0x80) {
    buffer_.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  buffer_.push_back(static_cast<char>(v));
}

void RecordWriter::text(std::string_view s) {
  unsigned_integer(s.size());
  buffer_.append(s);
  if (buffer_.size() >= chunk_size) flush();
}

void RecordWriter::value(const store::Value& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) {
    byte(1);
    // zigzag: small negative numbers stay short
    unsigned_integer((static_cast<std::uint64_t>(*i) << 1) ^ static_cast<std::uint64_t>(*i >> 63));
  } else if (const auto* d = std::get_if<double>(&v)) {
    byte(2);
    std::uint64_t bits;
    std::memcpy(&bits, d, sizeof bits);
    for (int k = 0; k < 8; ++k) byte(static_cast<std::uint8_t>(bits >> (8 * k)));
  } else if (const auto* s = std::get_if<std::string>(&v)) {
    byte(3);
    text(*s);
  } else {
    byte(0);
  }
  if (buffer_.size() >= chunk_size) flush();
}

void RecordWriter::flush() {
  if (buffer_.empty()) return;
  archive_.write(buffer_);
  buffer_.clear();
}

std::uint8_t RecordReader::byte() {
  char c;
  archive_.read(&c, 1);
  return static_cast<std::uint8_t>(c);
}

std::uint64_t RecordReader::unsigned_integer() {
  std::uint64_t v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    const auto b = byte();
    v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
    if (!(b & 0x80)) return v;
  }
  throw ArchiveError("the archive is damaged: an integer is too long");
}

std::string RecordReader::text(std::size_t limit) {
  const auto size = unsigned_integer();
  if (size > limit) throw ArchiveError("the archive is damaged: a text is longer than possible");
  std::string s(size, '\0');
  archive_.read(s.data(), size);
  return s;
}

store::Value RecordReader::value() {
  switch (byte()) {
    case 0:
      return {};
    case 1: {
      const auto z = unsigned_integer();
      return static_cast<std::int64_t>((z >> 1) ^ (~(z & 1) + 1));
    }
    case 2: {
      std::uint64_t bits = 0;
      for (int k = 0; k < 8; ++k) bits |= static_cast<std::uint64_t>(byte()) << (8 * k);
      double d;
      std::memcpy(&d, &bits, sizeof d);
      return d;
    }
    case 3:
      return text();
    default:
      throw ArchiveError("the archive is damaged: unknown value type");
  }
}

}  // namespace passerelle::app::backups
