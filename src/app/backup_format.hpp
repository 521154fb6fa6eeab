#pragma once
// What a backup archive holds, record by record (inside the stream of backup_archive.hpp):
//   'H' header: "passerelle-backup", format version, schema version (last migration applied),
//       backend it was taken from, time taken (UTC)
//   'T' table: name, column names, last id its counter handed out
//   'R' row: one typed value per column (null, integer, double, text)
//   'E' end of table: number of rows
//   'D' document file: path under the documents folder, size, bytes (as stored: encrypted by the
//       master key, which is not in the archive)
//   'Z' end: number of tables, number of documents
// Rows are typed values, not SQL: an archive taken on SQLite loads into PostgreSQL and back.
//
// Digests describe the same content from an archive or from a live database, so that a restore can
// be compared with its archive, and a database with its copy, table by table.
#include <sodium.h>

#include <boost/json.hpp>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "core/files/master_key.hpp"
#include "store/row.hpp"

namespace passerelle::app::backups {

inline constexpr std::string_view format_name = "passerelle-backup";
inline constexpr std::uint64_t format_version = 1;

enum Record : std::uint8_t {
  header_record = 'H',
  table_record = 'T',
  row_record = 'R',
  table_end_record = 'E',
  document_record = 'D',
  end_record = 'Z',
};

// Order-independent digest of a table: the same rows give the same digest whatever order the
// backend returns them in.
class TableDigest {
 public:
  explicit TableDigest(const std::vector<std::string>& columns);
  void add(const std::vector<store::Value>& row);
  std::int64_t rows() const { return static_cast<std::int64_t>(row_hashes_.size()); }
  std::string finish();  // hex

 private:
  std::string columns_;
  std::vector<std::array<unsigned char, 16>> row_hashes_;
};

struct Summary {
  std::int64_t schema_version = 0;
  std::string backend;
  std::string taken_at;
  std::map<std::string, std::pair<std::int64_t, std::string>> tables;  // rows, digest
  std::int64_t documents = 0;
  std::string documents_digest;
  boost::json::object to_json() const;
};

// Folds each document (path and content hash) into one digest, in path order.
class DocumentsDigest {
 public:
  DocumentsDigest();
  void add(const std::string& path, const std::string& content);
  std::string finish();

 private:
  crypto_generichash_state state_{};
};

struct ArchiveHeader {
  std::int64_t schema_version = 0;
  std::string backend;
  std::string taken_at;
};

// Callbacks for each record, in the archive's order; any may be left empty.
struct ArchiveVisitor {
  std::function<void(const ArchiveHeader&)> on_header;
  std::function<void(const std::string& table, const std::vector<std::string>& columns, std::int64_t last_id)> on_table;
  std::function<void(const std::vector<store::Value>& row)> on_row;
  std::function<void(std::int64_t rows)> on_table_end;
  std::function<void(const std::string& path, const std::string& content)> on_document;
};

// Reads the whole archive in order, checking its structure and counts as well as its encryption;
// ArchiveError (backup_archive.hpp) on anything wrong. Callbacks run as records come: a caller
// that must write nothing from a bad archive walks it once without writing first.
void walk_archive(const std::filesystem::path& input, const files::MasterKey& key, const ArchiveVisitor& visitor);

// "ab/cd/<32 hex>": the only shape the encrypted file store gives its files.
bool is_document_path(const std::string& path);
// Every stored document under `directory`, sorted by path (relative, as is_document_path).
std::vector<std::string> document_paths(const std::filesystem::path& directory);
std::string read_whole_file(const std::filesystem::path& path);

}  // namespace passerelle::app::backups
