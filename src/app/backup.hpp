#pragma once
// passerelle backup / restore / verify-backup / table-digests: see backup_format.hpp for what an
// archive holds and docs/operations.md for the operator's procedure.
#include <string>

#include "app/commands.hpp"

namespace passerelle::app {

struct BackupOptions {
  std::string file;      // archive written (backup) or read (restore, verify-backup)
  std::string key_file;  // empty: <data-dir>/keys/backup.key
};

// Writes a consistent archive of the database (one read snapshot, while the server goes on
// serving) and of the encrypted documents folder.
int backup(const CommonOptions& common, const BackupOptions& options);
// Loads an archive into an empty database (and an empty documents folder), in one transaction.
int restore(const CommonOptions& common, const BackupOptions& options);
// Reads a whole archive, checks it, and prints its tables (rows, digest) as JSON.
int verify_backup(const CommonOptions& common, const BackupOptions& options);
// The same JSON for a live database and its documents folder, from one read snapshot.
int table_digests(const CommonOptions& common);

}  // namespace passerelle::app
