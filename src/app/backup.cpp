// passerelle backup, verify-backup and table-digests.
#include "app/backup.hpp"

#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>
#include <iostream>

#include "app/backup_archive.hpp"
#include "app/backup_format.hpp"
#include "app/backup_paths.hpp"
#include "core/clock.hpp"
#include "store/migrations.hpp"
#include "store/table_copy.hpp"

namespace passerelle::app {
namespace {

namespace fs = std::filesystem;

std::int64_t snapshot_schema_version(store::Connection& c) {
  for (const auto& table : store::schema_tables(c))
    if (table == "schema_migration") {
      auto row = c.query_one("SELECT COALESCE(MAX(version), 0) AS version FROM schema_migration");
      return row ? row->integer("version") : 0;
    }
  return 0;
}

// Every table's rows and digest, read from one snapshot of the live database.
backups::Summary summarise_database(store::Database& db, const fs::path& documents) {
  backups::Summary summary;
  summary.backend = std::string(store::backend_name(db.backend()));
  auto lease = db.acquire();
  store::begin_snapshot(*lease);
  try {
    summary.schema_version = snapshot_schema_version(*lease);
    for (const auto& table : store::schema_tables(*lease)) {
      const auto columns = store::table_columns(*lease, table);
      backups::TableDigest digest(columns);
      store::each_table_row(*lease, table, columns, [&](const std::vector<store::Value>& row) { digest.add(row); });
      const auto rows = digest.rows();
      summary.tables[table] = {rows, digest.finish()};
    }
  } catch (...) {
    store::end_snapshot(*lease);
    throw;
  }
  store::end_snapshot(*lease);
  backups::DocumentsDigest digest;
  for (const auto& path : backups::document_paths(documents)) {
    digest.add(path, backups::read_whole_file(documents / path));
    ++summary.documents;
  }
  summary.documents_digest = digest.finish();
  return summary;
}

}  // namespace

int backup(const CommonOptions& common, const BackupOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  const auto key_file = backup_key_path(common, options);
  const bool new_key = !fs::exists(key_file);
  if (new_key && options.key_file.empty()) prepare_key_directory(key_file);
  const auto key = backups::load_backup_key(key_file, true);
  if (new_key)
    std::cerr << "passerelle: new backup key created in " << key_file.string()
              << ": copy it somewhere safe, apart from the backups; without it no archive can be restored.\n";

  auto db = open_database_for_backup(common, true);
  backups::ArchiveWriter archive(options.file, key);
  backups::RecordWriter out(archive);
  std::uint64_t tables = 0, documents = 0;
  std::int64_t rows = 0;
  {
    auto lease = db->acquire();
    store::begin_snapshot(*lease);
    try {
      out.byte(backups::header_record);
      out.text(backups::format_name);
      out.unsigned_integer(backups::format_version);
      out.unsigned_integer(static_cast<std::uint64_t>(snapshot_schema_version(*lease)));
      out.text(store::backend_name(db->backend()));
      out.text(now_iso8601());
      for (const auto& table : store::schema_tables(*lease)) {
        const auto columns = store::table_columns(*lease, table);
        out.byte(backups::table_record);
        out.text(table);
        out.unsigned_integer(columns.size());
        for (const auto& c : columns) out.text(c);
        out.unsigned_integer(
            static_cast<std::uint64_t>(std::max<std::int64_t>(0, store::last_issued_id(*lease, table))));
        std::int64_t table_rows = 0;
        store::each_table_row(*lease, table, columns, [&](const std::vector<store::Value>& row) {
          out.byte(backups::row_record);
          for (const auto& v : row) out.value(v);
          ++table_rows;
        });
        out.byte(backups::table_end_record);
        out.unsigned_integer(static_cast<std::uint64_t>(table_rows));
        rows += table_rows;
        ++tables;
      }
    } catch (...) {
      store::end_snapshot(*lease);
      throw;
    }
    store::end_snapshot(*lease);
  }
  // The documents after the rows: a row read above had its file written before it committed. Files
  // are never rewritten (a new version is a new file), so each one read is whole.
  const auto documents_directory = fs::path(common.data_dir) / "documents";
  for (const auto& path : backups::document_paths(documents_directory)) {
    std::string content;
    try {
      content = backups::read_whole_file(documents_directory / path);
    } catch (const std::runtime_error&) {
      if (fs::exists(documents_directory / path)) throw;
      spdlog::warn(R"({{"msg":"document removed during the backup, left out","path":"{}"}})", path);
      continue;
    }
    out.byte(backups::document_record);
    out.text(path);
    out.unsigned_integer(content.size());
    out.raw(content);
    ++documents;
  }
  out.byte(backups::end_record);
  out.unsigned_integer(tables);
  out.unsigned_integer(documents);
  out.flush();
  archive.finish();
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf(
      "Sauvegarde écrite : %s — %llu table(s), %lld ligne(s), %llu document(s) ; %.1f Mo lus, %.1f Mo écrits, %.1f "
      "s.\n",
      options.file.c_str(), static_cast<unsigned long long>(tables), static_cast<long long>(rows),
      static_cast<unsigned long long>(documents), archive.bytes_in() / 1e6, archive.bytes_out() / 1e6, seconds);
  return 0;
}

int verify_backup(const CommonOptions& common, const BackupOptions& options) {
  const auto key = backups::load_backup_key(backup_key_path(common, options), false);
  backups::Summary summary;
  std::string table;
  std::unique_ptr<backups::TableDigest> digest;
  backups::DocumentsDigest documents;
  backups::ArchiveVisitor visitor;
  visitor.on_header = [&](const backups::ArchiveHeader& h) {
    summary.schema_version = h.schema_version;
    summary.backend = h.backend;
    summary.taken_at = h.taken_at;
  };
  visitor.on_table = [&](const std::string& name, const std::vector<std::string>& columns, std::int64_t) {
    table = name;
    digest = std::make_unique<backups::TableDigest>(columns);
  };
  visitor.on_row = [&](const std::vector<store::Value>& row) { digest->add(row); };
  visitor.on_table_end = [&](std::int64_t rows) { summary.tables[table] = {rows, digest->finish()}; };
  visitor.on_document = [&](const std::string& path, const std::string& content) {
    documents.add(path, content);
    ++summary.documents;
  };
  backups::walk_archive(options.file, key, visitor);
  summary.documents_digest = documents.finish();
  std::cout << boost::json::serialize(summary.to_json()) << "\n";
  return 0;
}

int table_digests(const CommonOptions& common) {
  auto db = open_database_for_backup(common, true);
  const auto summary = summarise_database(*db, fs::path(common.data_dir) / "documents");
  std::cout << boost::json::serialize(summary.to_json()) << "\n";
  return 0;
}

}  // namespace passerelle::app
