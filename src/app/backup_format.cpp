#include "app/backup_format.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "app/backup_archive.hpp"

namespace passerelle::app::backups {
namespace {

std::string hex(const unsigned char* bytes, std::size_t size) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < size; ++i) {
    out.push_back(digits[bytes[i] >> 4]);
    out.push_back(digits[bytes[i] & 15]);
  }
  return out;
}

void append_value(std::string& out, const store::Value& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) {
    out.push_back('i');
    out.append(std::to_string(*i));
  } else if (const auto* d = std::get_if<double>(&v)) {
    char bytes[sizeof(double)];
    std::memcpy(bytes, d, sizeof bytes);
    out.push_back('d');
    out.append(bytes, sizeof bytes);
  } else if (const auto* s = std::get_if<std::string>(&v)) {
    out.push_back('s');
    out.append(std::to_string(s->size()));
    out.push_back(':');
    out.append(*s);
  } else {
    out.push_back('n');
  }
}

bool all_hex(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

}  // namespace

TableDigest::TableDigest(const std::vector<std::string>& columns) {
  for (const auto& c : columns) columns_ += c + "\n";
}

void TableDigest::add(const std::vector<store::Value>& row) {
  std::string encoded;
  for (const auto& v : row) append_value(encoded, v);
  std::array<unsigned char, 16> hash{};
  crypto_generichash(hash.data(), hash.size(), reinterpret_cast<const unsigned char*>(encoded.data()), encoded.size(),
                     nullptr, 0);
  row_hashes_.push_back(hash);
}

std::string TableDigest::finish() {
  std::sort(row_hashes_.begin(), row_hashes_.end());
  crypto_generichash_state state;
  crypto_generichash_init(&state, nullptr, 0, 32);
  crypto_generichash_update(&state, reinterpret_cast<const unsigned char*>(columns_.data()), columns_.size());
  for (const auto& h : row_hashes_) crypto_generichash_update(&state, h.data(), h.size());
  unsigned char digest[32];
  crypto_generichash_final(&state, digest, sizeof digest);
  return hex(digest, sizeof digest);
}

DocumentsDigest::DocumentsDigest() { crypto_generichash_init(&state_, nullptr, 0, 32); }

void DocumentsDigest::add(const std::string& path, const std::string& content) {
  unsigned char content_hash[32];
  crypto_generichash(content_hash, sizeof content_hash, reinterpret_cast<const unsigned char*>(content.data()),
                     content.size(), nullptr, 0);
  const auto line = path + "\n";
  crypto_generichash_update(&state_, reinterpret_cast<const unsigned char*>(line.data()), line.size());
  crypto_generichash_update(&state_, content_hash, sizeof content_hash);
}

std::string DocumentsDigest::finish() {
  unsigned char digest[32];
  crypto_generichash_final(&state_, digest, sizeof digest);
  return hex(digest, sizeof digest);
}

boost::json::object Summary::to_json() const {
  boost::json::object tables_json;
  std::int64_t rows = 0;
  for (const auto& [name, t] : tables) {
    tables_json[name] = {{"rows", t.first}, {"digest", t.second}};
    rows += t.first;
  }
  boost::json::object out{{"schema_version", schema_version},
                          {"rows", rows},
                          {"tables", tables_json},
                          {"documents", {{"files", documents}, {"digest", documents_digest}}}};
  if (!backend.empty()) out["backend"] = backend;
  if (!taken_at.empty()) out["taken_at"] = taken_at;
  return out;
}

void walk_archive(const std::filesystem::path& input, const files::MasterKey& key, const ArchiveVisitor& visitor) {
  ArchiveReader archive(input, key);
  RecordReader in(archive);
  const auto damaged = [&](const std::string& what) { return ArchiveError(input.string() + " is damaged: " + what); };
  if (in.byte() != header_record || in.text(64) != format_name) throw damaged("no header");
  const auto version = in.unsigned_integer();
  if (version != format_version)
    throw ArchiveError(input.string() + " has format version " + std::to_string(version) +
                       "; this Passerelle reads version " + std::to_string(format_version));
  ArchiveHeader header;
  header.schema_version = static_cast<std::int64_t>(in.unsigned_integer());
  header.backend = in.text(64);
  header.taken_at = in.text(64);
  if (visitor.on_header) visitor.on_header(header);
  std::uint64_t tables = 0, documents = 0;
  for (;;) {
    const auto kind = in.byte();
    if (kind == table_record) {
      const auto name = in.text(256);
      const auto count = in.unsigned_integer();
      if (count == 0 || count > 2000) throw damaged("table " + name + " has " + std::to_string(count) + " columns");
      std::vector<std::string> columns;
      for (std::uint64_t i = 0; i < count; ++i) columns.push_back(in.text(256));
      const auto last_id = static_cast<std::int64_t>(in.unsigned_integer());
      if (visitor.on_table) visitor.on_table(name, columns, last_id);
      std::int64_t rows = 0;
      std::vector<store::Value> row(columns.size());
      for (;;) {
        const auto next = in.byte();
        if (next == table_end_record) break;
        if (next != row_record) throw damaged("unexpected record inside table " + name);
        for (auto& v : row) v = in.value();
        ++rows;
        if (visitor.on_row) visitor.on_row(row);
      }
      if (static_cast<std::int64_t>(in.unsigned_integer()) != rows) throw damaged("table " + name + " lost rows");
      if (visitor.on_table_end) visitor.on_table_end(rows);
      ++tables;
    } else if (kind == document_record) {
      const auto path = in.text(64);
      if (!is_document_path(path)) throw damaged("unexpected document path " + path);
      const auto size = in.unsigned_integer();
      if (size > (std::uint64_t{1} << 34)) throw damaged("document " + path + " is impossibly large");
      std::string content(size, '\0');
      in.raw(content.data(), size);
      if (visitor.on_document) visitor.on_document(path, content);
      ++documents;
    } else if (kind == end_record) {
      if (in.unsigned_integer() != tables || in.unsigned_integer() != documents)
        throw damaged("its end record does not count what it holds");
      archive.expect_end();
      return;
    } else {
      throw damaged("unknown record");
    }
  }
}

bool is_document_path(const std::string& path) {
  if (path.size() != 2 + 1 + 2 + 1 + 32 || path[2] != '/' || path[5] != '/') return false;
  const std::string_view p(path);
  return all_hex(p.substr(0, 2)) && all_hex(p.substr(3, 2)) && all_hex(p.substr(6)) &&
         p.substr(0, 2) == p.substr(6, 2) && p.substr(3, 2) == p.substr(8, 2);
}

std::vector<std::string> document_paths(const std::filesystem::path& directory) {
  std::vector<std::string> paths;
  if (!std::filesystem::is_directory(directory)) return paths;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(directory)) {
    if (!entry.is_regular_file()) continue;
    const auto relative = std::filesystem::relative(entry.path(), directory).generic_string();
    // Temporary files of writes in progress (".tmp-…") and anything foreign are left out.
    if (is_document_path(relative)) paths.push_back(relative);
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

std::string read_whole_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return std::move(bytes).str();
}

}  // namespace passerelle::app::backups
