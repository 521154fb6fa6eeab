#pragma once
// What backup and restore share: where the key is, and a database opened for one long operation.
#include <filesystem>
#include <memory>

#include "app/backup.hpp"
#include "store/database.hpp"

namespace passerelle::app {

// --key-file, or <data-dir>/keys/backup.key.
std::filesystem::path backup_key_path(const CommonOptions& common, const BackupOptions& options);
// Creates the key's folder, readable by the owner only.
void prepare_key_directory(const std::filesystem::path& key_file);
// Two connections are enough: one for the work, one for the migrations before it.
// With `must_exist`, a SQLite file that is not there is an error (not a new empty database).
std::shared_ptr<store::Database> open_database_for_backup(const CommonOptions& common, bool must_exist);

}  // namespace passerelle::app
