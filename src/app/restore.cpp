// passerelle restore: an archive into an empty database, in one transaction.
#include <chrono>
#include <cstdio>
#include <iostream>
#include <set>

#include "app/backup.hpp"
#include "app/backup_archive.hpp"
#include "app/backup_format.hpp"
#include "app/backup_paths.hpp"
#include "core/files/durable_file.hpp"
#include "core/problem.hpp"
#include "store/migrations.hpp"
#include "store/table_copy.hpp"

namespace passerelle::app {
namespace {

namespace fs = std::filesystem;

// Rows the server derives by itself when it starts on an empty database (the steering aggregates'
// state): an empty database may hold them, and the archive's replace them.
bool is_derived_table(const std::string& table) { return table.rfind("steering_", 0) == 0; }

// Refuses a database that holds anything but derived rows, before anything is written.
void require_empty(store::Database& db, std::int64_t archive_schema_version) {
  auto lease = db.acquire();
  for (const auto& table : store::schema_tables(*lease)) {
    if (table == "schema_migration") {
      auto row = lease->query_one("SELECT COALESCE(MAX(version), 0) AS version FROM schema_migration");
      if (row && row->integer("version") > archive_schema_version)
        throw std::runtime_error("the database is already at schema version " +
                                 std::to_string(row->integer("version")) + ", newer than the archive's (" +
                                 std::to_string(archive_schema_version) + "): restore into a new, empty database");
      continue;
    }
    if (!is_derived_table(table) && store::table_has_rows(*lease, table))
      throw std::runtime_error("the database is not empty (table " + table +
                               " has rows): a restore only loads into an empty database; create a new one");
  }
}

// Documents are written under a name of their own, and take the folder's name once every row is in.
class DocumentStaging {
 public:
  explicit DocumentStaging(const fs::path& documents)
      : final_(documents), staging_(documents.string() + ".restoring") {}
  ~DocumentStaging() {
    std::error_code ignored;
    if (!committed_) fs::remove_all(staging_, ignored);
  }
  void write(const std::string& path, const std::string& content) {
    if (!started_) {
      fs::remove_all(staging_);  // what an interrupted restore left
      fs::create_directories(staging_.parent_path());
      files::detail::create_private_directory(staging_);
      started_ = true;
    }
    const auto file = staging_ / path;
    files::detail::create_private_directory(file.parent_path().parent_path());
    files::detail::create_private_directory(file.parent_path());
    files::detail::AtomicFile out(file);
    out.write(content);
    out.commit();
  }
  // Gives the staged folder its final name; an empty folder already there is replaced.
  void move_into_place() {
    if (!started_) return;
    if (fs::exists(final_)) fs::remove(final_);  // only empty ones reach here (see restore)
    fs::rename(staging_, final_);
    files::detail::sync_directory(final_.parent_path());
    committed_ = true;
  }
  // When the database refused the commit after the folder moved: the folder goes too.
  void undo() {
    std::error_code ignored;
    if (committed_) fs::remove_all(final_, ignored);
  }

 private:
  fs::path final_;
  fs::path staging_;
  bool started_ = false;
  bool committed_ = false;
};

}  // namespace

int restore(const CommonOptions& common, const BackupOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  const auto key = backups::load_backup_key(backup_key_path(common, options), false);

  // 1. The whole archive is read and checked (key, every chunk, structure, counts) before anything
  //    is written: a wrong key, a truncated or altered archive changes nothing.
  backups::ArchiveHeader header;
  std::uint64_t archive_documents = 0;
  backups::ArchiveVisitor check;
  check.on_header = [&](const backups::ArchiveHeader& h) { header = h; };
  check.on_document = [&](const std::string&, const std::string&) { ++archive_documents; };
  backups::walk_archive(options.file, key, check);
  if (header.schema_version > store::latest_migration_version())
    throw std::runtime_error("the archive comes from a newer Passerelle (schema version " +
                             std::to_string(header.schema_version) + "; this one knows up to " +
                             std::to_string(store::latest_migration_version()) + "): restore it with that version");
  const auto documents = fs::path(common.data_dir) / "documents";
  if (archive_documents > 0 && fs::exists(documents) && !fs::is_empty(documents))
    throw std::runtime_error("the documents folder " + documents.string() +
                             " is not empty: restore into a new data folder (--data-dir)");

  // 2. An empty database, with the schema the archive was taken from.
  auto db = open_database_for_backup(common, false);
  require_empty(*db, header.schema_version);
  store::migrate(*db, static_cast<int>(header.schema_version));

  // 3. Every row in one transaction, the documents beside it.
  std::int64_t rows = 0;
  std::uint64_t tables = 0;
  DocumentStaging staging(documents);
  {
    auto lease = db->acquire();
    store::DeferredForeignKeys foreign_keys(*lease);
    store::Transaction tx(*lease);
    foreign_keys.started();
    const auto target_tables = store::schema_tables(*lease);
    const std::set<std::string> known(target_tables.begin(), target_tables.end());

    std::string table;
    std::int64_t last_id = 0;
    std::unique_ptr<store::TableLoader> loader;
    backups::ArchiveVisitor load;
    load.on_table = [&](const std::string& name, const std::vector<std::string>& columns, std::int64_t last) {
      if (!known.count(name))
        throw std::runtime_error("the archive holds table " + name + ", which schema version " +
                                 std::to_string(header.schema_version) + " of this Passerelle does not have");
      const auto target_columns = store::table_columns(*lease, name);
      const std::set<std::string> target(target_columns.begin(), target_columns.end());
      for (const auto& c : columns)
        if (!target.count(c))
          throw std::runtime_error("the archive's table " + name + " has a column " + c +
                                   " the database does not have");
      table = name;
      last_id = last;
      // Only derived rows and the migrations' own record can be there (require_empty): the
      // archive's replace them, so the restored history of migrations is the original's.
      lease->execute("DELETE FROM \"" + name + "\"");
      loader = std::make_unique<store::TableLoader>(*lease, name, columns);
    };
    load.on_row = [&](const std::vector<store::Value>& row) { loader->add(row); };
    load.on_table_end = [&](std::int64_t) {
      loader->finish();
      rows += loader->rows();
      loader.reset();
      store::raise_id_counter(*lease, table, last_id);
      ++tables;
    };
    load.on_document = [&](const std::string& path, const std::string& content) { staging.write(path, content); };
    try {
      backups::walk_archive(options.file, key, load);
    } catch (const backups::ArchiveError&) {
      throw;
    } catch (const std::exception& e) {
      // A database refusal (a constraint, a type): name the table the operator will look at.
      std::string why = e.what();
      if (const auto* problem = dynamic_cast<const Problem*>(&e)) {
        why = problem->detail();
        for (const auto& f : problem->errors()) why += " (" + f.field + ")";
      }
      throw std::runtime_error("loading table " + table + " failed: " + why);
    }
    foreign_keys.check_now();
    staging.move_into_place();
    try {
      tx.commit();
    } catch (...) {
      staging.undo();
      throw;
    }
  }
  // 4. The migrations newer than the archive, on the restored rows.
  const auto applied = store::migrate(*db);
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf(
      "Restauration terminée : %llu table(s), %lld ligne(s), %llu document(s) (sauvegarde du %s, %s, schéma %lld%s) en "
      "%.1f s.\n"
      "Démarrez le serveur avec la même clé maître (--master-key) que l'installation sauvegardée, "
      "puis vérifiez la trace d'audit (passerelle verify-audit).\n",
      static_cast<unsigned long long>(tables), static_cast<long long>(rows),
      static_cast<unsigned long long>(archive_documents), header.taken_at.c_str(), header.backend.c_str(),
      static_cast<long long>(header.schema_version),
      applied.empty() ? "" : (", " + std::to_string(applied.size()) + " migration(s) appliquée(s) ensuite").c_str(),
      seconds);
  return 0;
}

}  // namespace passerelle::app
