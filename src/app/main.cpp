// passerelle: the command line of the Passerelle server.
#include <CLI/CLI.hpp>
#include <csignal>
#include <iostream>

#include "app/backup.hpp"
#include "app/commands.hpp"
#include "core/problem.hpp"

int main(int argc, char** argv) {
  using namespace passerelle;
  CLI::App cli{"Passerelle — système d'information des établissements sociaux et médico-sociaux"};
  cli.require_subcommand(1);
  cli.fallthrough();  // common options are accepted after the subcommand too
  app::CommonOptions common;
  cli.add_option("--database", common.database, "SQLite file or postgresql://… URL")
      ->envname("PASSERELLE_DATABASE")
      ->capture_default_str();
  cli.add_option("--data-dir", common.data_dir, "Folder for files the server keeps (documents, backups)")
      ->envname("PASSERELLE_DATA_DIR")
      ->capture_default_str();
  cli.add_option("--log-level", common.log_level, "trace, debug, info, warn, error")
      ->envname("PASSERELLE_LOG_LEVEL")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"}))
      ->capture_default_str();
  cli.add_option("--pool-size", common.pool_size, "Database connections kept open")
      ->envname("PASSERELLE_POOL_SIZE")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();

  app::ServeOptions serve;
  std::size_t body_limit_mib = 10;
  std::int64_t header_timeout = 10, idle_timeout = 60, body_timeout = 60, shutdown_timeout = 30;
  auto* serve_cmd = cli.add_subcommand("serve", "Serve the web application and the API");
  serve_cmd->add_option("--bind", serve.server.bind, "Address to listen on")->envname("PASSERELLE_BIND")->capture_default_str();
  serve_cmd->add_option("--port", serve.server.port, "TCP port (0: any free port)")->envname("PASSERELLE_PORT")->capture_default_str();
  serve_cmd->add_option("--web-root", serve.web_root, "Built web application (web/dist)")->envname("PASSERELLE_WEB_ROOT")->capture_default_str();
  serve_cmd->add_option("--body-limit-mib", body_limit_mib, "Largest request body, in MiB")->envname("PASSERELLE_BODY_LIMIT_MIB")->check(CLI::Range(1, 1024))->capture_default_str();
  serve_cmd->add_option("--header-timeout", header_timeout, "Seconds for a request head to arrive")->envname("PASSERELLE_HEADER_TIMEOUT")->check(CLI::Range(1, 600))->capture_default_str();
  serve_cmd->add_option("--body-timeout", body_timeout, "Seconds for a request body to arrive")->envname("PASSERELLE_BODY_TIMEOUT")->check(CLI::Range(1, 3600))->capture_default_str();
  serve_cmd->add_option("--idle-timeout", idle_timeout, "Seconds a kept-alive connection may stay idle")->envname("PASSERELLE_IDLE_TIMEOUT")->check(CLI::Range(1, 3600))->capture_default_str();
  serve_cmd->add_option("--shutdown-timeout", shutdown_timeout, "Seconds in-flight requests get at shutdown")->envname("PASSERELLE_SHUTDOWN_TIMEOUT")->check(CLI::Range(1, 600))->capture_default_str();
  serve_cmd->add_option("--io-threads", serve.server.io_threads, "I/O threads (0: one per core)")->envname("PASSERELLE_IO_THREADS");
  serve_cmd->add_option("--worker-threads", serve.server.worker_threads, "Handler threads (0: one per core, two on PostgreSQL)")->envname("PASSERELLE_WORKER_THREADS");
  serve_cmd->add_option("--max-connections", serve.server.max_connections, "Open connections at most")->envname("PASSERELLE_MAX_CONNECTIONS")->capture_default_str();
  serve_cmd->add_flag("--demo", serve.demo, "Load the demo organisation if the database is empty");
  serve_cmd->add_flag("--demo-without-persons", serve.demo_without_persons,
                      "With --demo: accounts and establishments only, no persons (quick start for automated tests)");
  serve_cmd->add_option("--session-idle-minutes", serve.session_idle_minutes, "Idle time before a session ends")->envname("PASSERELLE_SESSION_IDLE_MINUTES")->check(CLI::Range(1, 720))->capture_default_str();
  serve_cmd->add_option("--session-absolute-hours", serve.session_absolute_hours, "Longest session")->envname("PASSERELLE_SESSION_ABSOLUTE_HOURS")->check(CLI::Range(1, 72))->capture_default_str();
  serve_cmd->add_flag("--secure-cookies", serve.secure_cookies, "Mark cookies Secure (behind TLS)")->envname("PASSERELLE_SECURE_COOKIES");
  serve_cmd->add_option("--master-key", serve.master_key,
                        "Key file protecting notes and documents at rest (created if absent; keep it apart from the database and its backups)")
      ->envname("PASSERELLE_MASTER_KEY");
  serve_cmd->add_option("--directory-config", serve.directory_config, "LDAP / Active Directory sign-in (JSON file)")->envname("PASSERELLE_DIRECTORY_CONFIG");

  cli.add_subcommand("migrate", "Apply the database migrations");
  cli.add_subcommand("seed-demo", "Load the demo organisation into an empty database");
  std::string dataset_size = "s";
  std::uint32_t dataset_seed = 20261206;
  auto* dataset_cmd = cli.add_subcommand("generate-dataset", "Fill an empty database with a generated dataset (benchmarks)");
  dataset_cmd->add_option("--size", dataset_size, "s, m or l")->check(CLI::IsMember({"s", "m", "l"}))->capture_default_str();
  dataset_cmd->add_option("--seed", dataset_seed, "Random seed")->capture_default_str();
  int dataset_organisations = 0;
  dataset_cmd->add_option("--organisations", dataset_organisations,
                          "N organisations of the size's shape, the same first N whatever the size's count (0: the size's)")
      ->check(CLI::Range(0, 99))->capture_default_str();
  int dataset_jobs = 1;
  dataset_cmd->add_option("--jobs", dataset_jobs,
                          "Organisations generated at once (PostgreSQL; SQLite writes one at a time)")
      ->check(CLI::Range(1, 64))->capture_default_str();
  cli.add_subcommand("routes", "Print every API route as JSON");
  cli.add_subcommand("policy", "Print the permission table as JSON");
  int retention_days = 365;
  auto* purge_cmd = cli.add_subcommand("purge-audit", "Delete audit events past their retention (run it daily)");
  purge_cmd->add_option("--retention-days", retention_days, "Days an audit event is kept")
      ->envname("PASSERELLE_AUDIT_RETENTION_DAYS")->check(CLI::Range(30, 3650))->capture_default_str();
  cli.add_subcommand("verify-audit", "Walk the audit trail's hash chain and report the first broken link");
  cli.add_subcommand("rebuild-aggregates", "Recompute the steering aggregates (indicators) from the recorded facts");
  std::string account_email, account_name, account_role = "platform_admin";
  std::int64_t account_organisation = 0;
  auto* create_cmd = cli.add_subcommand("create-account", "Create a local account (password from PASSERELLE_NEW_PASSWORD or stdin)");
  create_cmd->add_option("--email", account_email, "Sign-in email")->required();
  create_cmd->add_option("--name", account_name, "Display name")->required();
  create_cmd->add_option("--role", account_role, "Role code")->capture_default_str();
  create_cmd->add_option("--organisation", account_organisation, "Organisation id (every role but platform_admin)");

  app::BackupOptions backup_options;
  auto* backup_cmd = cli.add_subcommand("backup", "Write a consistent, compressed, encrypted archive of the database and documents (while serving)");
  backup_cmd->add_option("--output", backup_options.file, "Archive to write (must not exist yet)")->required();
  auto* restore_cmd = cli.add_subcommand("restore", "Load an archive into an empty database (and an empty documents folder)");
  restore_cmd->add_option("--input", backup_options.file, "Archive to read")->required();
  auto* verify_backup_cmd = cli.add_subcommand("verify-backup", "Read and check a whole archive; print its tables (rows, digest) as JSON");
  verify_backup_cmd->add_option("--input", backup_options.file, "Archive to read")->required();
  for (auto* command : {backup_cmd, restore_cmd, verify_backup_cmd})
    command->add_option("--key-file", backup_options.key_file,
                        "32-byte key file, mode 0600 (default <data-dir>/keys/backup.key, created by backup if absent); keep it apart from the archives")
        ->envname("PASSERELLE_BACKUP_KEY");
  auto* digests_cmd = cli.add_subcommand("table-digests", "Print every table's rows and digest (and the documents') as JSON, from one snapshot");

  CLI11_PARSE(cli, argc, argv);
  // A peer that resets a connection (client, directory server) must not kill the process.
  std::signal(SIGPIPE, SIG_IGN);
  try {
    app::configure_logging(common.log_level);
    const auto* command = cli.get_subcommands().front();
    if (command == serve_cmd) {
      serve.server.body_limit = body_limit_mib * 1024 * 1024;
      serve.server.header_timeout = std::chrono::seconds(header_timeout);
      serve.server.body_timeout = std::chrono::seconds(body_timeout);
      serve.server.idle_timeout = std::chrono::seconds(idle_timeout);
      serve.server.shutdown_timeout = std::chrono::seconds(shutdown_timeout);
      return app::serve(common, serve);
    }
    if (command->get_name() == "migrate") return app::migrate(common);
    if (command->get_name() == "seed-demo") return app::seed_demo(common);
    if (command == dataset_cmd) return app::generate_dataset(common, dataset_size, dataset_seed, dataset_organisations, dataset_jobs);
    if (command->get_name() == "routes") return app::print_routes(common);
    if (command->get_name() == "verify-audit") return app::verify_audit(common);
    if (command->get_name() == "rebuild-aggregates") return app::rebuild_aggregates(common);
    if (command->get_name() == "policy") return app::print_policy();
    if (command == purge_cmd) return app::purge_audit(common, retention_days);
    if (command == backup_cmd) return app::backup(common, backup_options);
    if (command == restore_cmd) return app::restore(common, backup_options);
    if (command == verify_backup_cmd) return app::verify_backup(common, backup_options);
    if (command == digests_cmd) return app::table_digests(common);
    if (command == create_cmd)
      return app::create_account(common, account_email, account_name, account_role,
                                 account_organisation > 0 ? std::optional(account_organisation) : std::nullopt);
  } catch (const std::exception& e) {
    std::cerr << "passerelle: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
