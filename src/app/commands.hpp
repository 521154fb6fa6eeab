#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "http/server.hpp"

namespace passerelle::app {

struct CommonOptions {
  std::string database = "var/passerelle.db";
  std::string data_dir = "var";
  std::string log_level = "info";
  std::size_t pool_size = 8;
};

struct ServeOptions {
  http::ServerOptions server;
  std::string web_root = "web/dist";
  bool demo = false;  // load the demo organisation when the database is empty
  bool demo_without_persons = false;
  std::int64_t session_idle_minutes = 30;
  std::int64_t session_absolute_hours = 12;
  bool secure_cookies = false;
  std::string directory_config;  // JSON file: {"organisation_id": N, "ldap": {…}}
  // 32-byte key file that protects notes and documents at rest; empty: <data-dir>/keys/master.key.
  std::string master_key;
};

void configure_logging(const std::string& level);
int serve(const CommonOptions& common, const ServeOptions& options);
int migrate(const CommonOptions& common);
int seed_demo(const CommonOptions& common);
// Fills an empty database with a generated dataset (size s, m or l; see app/dataset.hpp).
// `organisations` > 0: only the size's first that many organisations.
int generate_dataset(const CommonOptions& common, const std::string& size, std::uint32_t seed, int organisations = 0,
                     int jobs = 1);
int print_routes(const CommonOptions& common);
int verify_audit(const CommonOptions& common);
// Recomputes the steering aggregates from the facts (after a restore, or to check them).
int rebuild_aggregates(const CommonOptions& common);
// The permission table (role, brick, data category, read/write/export) as JSON.
int print_policy();
// Deletes audit events older than `days` (retention), keeping the rest verifiable.
int purge_audit(const CommonOptions& common, int days);
// Creates a local account (the first platform administrator of a new installation, typically);
// the password is read from PASSERELLE_NEW_PASSWORD or standard input.
int create_account(const CommonOptions& common, const std::string& email, const std::string& name,
                   const std::string& role, std::optional<std::int64_t> organisation_id);

}  // namespace passerelle::app
