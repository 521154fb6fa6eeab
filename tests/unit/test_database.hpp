#pragma once
// A fresh, migrated database on either backend, for storage tests that must pass on both.
// PostgreSQL comes from PASSERELLE_TEST_PG_ADMIN (set by scripts/test, which starts a local server);
// without it the PostgreSQL cases are skipped with a message, never silently passed.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "core/random.hpp"
#include "store/database.hpp"
#include "modules/establishments/domain.hpp"
#include "store/migrations.hpp"

namespace passerelle::test_support {

class TestDatabase {
 public:
  explicit TestDatabase(store::Backend backend) : backend_(backend) {}
  ~TestDatabase() { drop(); }

  // Returns nullptr (and the caller skips) when PostgreSQL is asked for but not available.
  std::shared_ptr<store::Database> open(std::size_t pool_size = 4) {
    store::DatabaseOptions options;
    options.pool_size = pool_size;
    if (backend_ == store::Backend::sqlite) {
      path_ = std::filesystem::temp_directory_path() / ("passerelle-unit-" + random_hex(6) + ".db");
      options.url = path_.string();
    } else {
      const char* admin = std::getenv("PASSERELLE_TEST_PG_ADMIN");
      if (!admin) return nullptr;
      admin_url_ = admin;
      name_ = "passerelle_unit_" + random_hex(6);
      admin_ = store::Database::open({admin_url_, 1});
      admin_->acquire()->execute("CREATE DATABASE " + name_);
      auto slash = admin_url_.rfind('/');
      options.url = admin_url_.substr(0, slash + 1) + name_;
    }
    database_ = store::Database::open(options);
    store::migrate(*database_);
    return database_;
  }

 private:
  void drop() {
    database_.reset();
    if (!path_.empty()) {
      std::error_code ec;
      for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_.string() + suffix, ec);
    }
    if (admin_) admin_->acquire()->execute("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  }

  store::Backend backend_;
  std::filesystem::path path_;
  std::string admin_url_;
  std::string name_;
  std::shared_ptr<store::Database> admin_;
  std::shared_ptr<store::Database> database_;
};

inline modules::establishments::OrganisationInput organisation_named(std::string name) {
  modules::establishments::OrganisationInput o;
  o.name = std::move(name);
  o.legal_status = "public";
  return o;
}

inline modules::establishments::Profile establishment_profile(std::string finess, std::string name, std::string category) {
  modules::establishments::Profile p;
  p.finess_et = std::move(finess);
  p.name = std::move(name);
  p.category_code = std::move(category);
  return p;
}

inline std::string backend_test_name(const ::testing::TestParamInfo<store::Backend>& info) {
  return std::string(store::backend_name(info.param));
}

}  // namespace passerelle::test_support

#define PASSERELLE_OPEN_OR_SKIP(db, holder, ...)                                                     \
  auto db = (holder).open(__VA_ARGS__);                                                                       \
  if (!db) GTEST_SKIP() << "PASSERELLE_TEST_PG_ADMIN is not set: run through scripts/test (make test)"
