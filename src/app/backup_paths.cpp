#include "app/backup_paths.hpp"

#include <spdlog/spdlog.h>

namespace passerelle::app {

std::filesystem::path backup_key_path(const CommonOptions& common, const BackupOptions& options) {
  if (!options.key_file.empty()) return options.key_file;
  return std::filesystem::path(common.data_dir) / "keys" / "backup.key";
}

void prepare_key_directory(const std::filesystem::path& key_file) {
  const auto directory = key_file.parent_path();
  if (directory.empty() || std::filesystem::exists(directory)) return;
  std::filesystem::create_directories(directory);
  std::filesystem::permissions(directory, std::filesystem::perms::owner_all, std::filesystem::perm_options::replace);
}

std::shared_ptr<store::Database> open_database_for_backup(const CommonOptions& common, bool must_exist) {
  const auto& url = common.database;
  const bool postgres = url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0;
  if (must_exist && !postgres) {
    const auto path = url.rfind("sqlite:", 0) == 0 ? url.substr(7) : url;
    if (!std::filesystem::exists(path)) throw std::runtime_error("the database " + path + " does not exist");
  }
  store::DatabaseOptions options;
  options.url = common.database;
  options.pool_size = 2;
  auto db = store::Database::open(options);
  spdlog::info(R"({{"msg":"database opened","backend":"{}","url":"{}"}})", store::backend_name(db->backend()),
               db->redacted_url());
  return db;
}

}  // namespace passerelle::app
