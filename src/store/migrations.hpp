#pragma once
// Numbered SQL migrations (src/store/migrations/NNNN_name.sql), embedded in the binary.
// One file serves both backends; the few places where their dialects differ are written as
// macros that dialect() expands:
//   {{id}}     an auto-generated 64-bit primary key
//   {{bytes}}  a binary column (BLOB / BYTEA)
//   {{without_rowid}}, {{binary_text}}  (see dialect())
//   {{postgresql_only}}  at the start of a one-line statement: run on PostgreSQL only
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"

namespace passerelle::store {

struct Migration {
  int version;
  std::string name;
  std::string sql;
};

const std::vector<Migration>& embedded_migrations();
std::string dialect(std::string_view sql, Backend backend);
// Splits a migration into statements (on semicolons that end a line).
std::vector<std::string> split_statements(std::string_view sql);

// Applies the migrations not yet applied, each in its own transaction, and returns their versions.
// Safe when several servers start at once on one PostgreSQL (advisory lock).
// With `up_to`, stops after that version (a restore loads an archive into the schema it was taken
// from, then applies the newer migrations to the loaded rows).
std::vector<int> migrate(Database& database, std::optional<int> up_to = std::nullopt);
int latest_migration_version();
int schema_version(Database& database);

}  // namespace passerelle::store
