#include "app/commands.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdlib>
#include <iomanip>
#include <iostream>

#include "app/dataset.hpp"
#include "app/demo.hpp"
#include "audit/trail.hpp"
#include "auth/account_store.hpp"
#include "auth/ldap_directory.hpp"
#include "auth/password_policy.hpp"
#include "auth/policy.hpp"
#include "auth/roles.hpp"
#include "auth/secrets.hpp"
#include "core/clock.hpp"
#include "core/json_reader.hpp"
#include <filesystem>
#include <fstream>
#include <sstream>
#include "core/files/encrypted_file_store.hpp"
#include "core/files/master_key.hpp"
#include "core/sealed_text.hpp"
#include "modules/registry.hpp"
#include "modules/steering/aggregates.hpp"
#include "store/migrations.hpp"
#include <sys/resource.h>

namespace passerelle::app {
namespace {

std::shared_ptr<store::Database> open_database(const CommonOptions& common) {
  store::DatabaseOptions options;
  options.url = common.database;
  options.pool_size = common.pool_size;
  auto db = store::Database::open(options);
  spdlog::info(R"({{"msg":"database opened","backend":"{}","url":"{}"}})", store::backend_name(db->backend()),
               db->redacted_url());
  return db;
}

// Many idle keep-alive connections each hold a descriptor: raise the soft limit to the hard one.
void raise_file_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

// The directory sign-in of one organisation, from a JSON file.
std::optional<auth::DirectorySettings> load_directory(const std::string& path) {
  if (path.empty()) return std::nullopt;
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read the directory configuration " + path);
  std::stringstream text;
  text << in.rdbuf();
  auto value = parse_json(text.str());
  JsonReader reader(value);
  auto organisation = reader.integer("organisation_id", true, 1);
  const auto* ldap = reader.object("ldap", true);
  reader.finish();
  auto config = auth::ldap_config_from_json(*ldap);
  auth::DirectorySettings settings;
  settings.organisation_id = *organisation;
  settings.check = [config](const std::string& login, const std::string& password) {
    auto result = auth::authenticate_with_directory(config, login, password);
    auth::DirectoryAnswer answer;
    answer.reachable = result.outcome != auth::DirectoryOutcome::unavailable;
    answer.valid = result.outcome == auth::DirectoryOutcome::ok;
    if (!answer.reachable)
      spdlog::warn(R"({{"msg":"directory unavailable","detail":{}}})", boost::json::serialize(boost::json::value(result.message)));
    if (result.user) {
      answer.display_name = result.user->display_name;
      answer.role_codes = result.user->role_codes;
    }
    return answer;
  };
  return settings;
}

}  // namespace

void configure_logging(const std::string& level) {
  auto logger = spdlog::stdout_logger_mt("passerelle");
  logger->set_pattern("%v");  // every line is a JSON object written by the caller
  spdlog::set_default_logger(logger);
  spdlog::set_level(spdlog::level::from_str(level));
  spdlog::flush_on(spdlog::level::info);
}

int migrate(const CommonOptions& common) {
  auto db = open_database(common);
  auto applied = store::migrate(*db);
  modules::after_migrations(*db);
  std::cout << "Schéma à jour (version " << store::schema_version(*db) << ", " << applied.size()
            << " migration(s) appliquée(s)).\n";
  return 0;
}

int seed_demo(const CommonOptions& common) {
  auto db = open_database(common);
  store::migrate(*db);
  modules::after_migrations(*db);
  const bool loaded = seed_demo_if_empty(*db, true);
  std::cout << (loaded ? "Données de démonstration chargées.\n" : "La base contient déjà des données : rien n'a été chargé.\n");
  return 0;
}

int generate_dataset(const CommonOptions& common, const std::string& size_code, std::uint32_t seed, int organisations_wanted,
                     int jobs) {
  auto size = dataset_size(size_code);
  if (!size) {
    std::cerr << "passerelle: taille inconnue « " << size_code << " » (s, m ou l)\n";
    return 2;
  }
  if (organisations_wanted > 0) size->organisations = organisations_wanted;
  auto db = open_database(common);
  if (jobs > 1 && db->backend() == store::Backend::sqlite) {
    std::cerr << "passerelle: SQLite écrit un organisme à la fois : --jobs " << jobs << " ignoré.\n";
    jobs = 1;
  }
  store::migrate(*db);
  modules::after_migrations(*db);
  {
    auto lease = db->acquire();
    auto count = lease->query_one("SELECT COUNT(*) AS n FROM organisation");
    if (count && count->integer("n") > 0) {
      std::cerr << "passerelle: la base contient déjà des organismes ; le jeu de données se génère dans une base vide.\n";
      return 1;
    }
  }
  const auto started = std::chrono::steady_clock::now();
  const int organisations = app::generate_dataset(*db, *size, seed, jobs);
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "Jeu de données « " << size_code << " » : " << organisations << " organisme(s) en " << seconds << " s.\n";
  return 0;
}

int print_routes(const CommonOptions& common) {
  auto db = open_database(common);
  http::Application app({}, db);
  boost::json::array routes;
  for (const auto& r : app.routes().routes())
    routes.push_back({{"method", r.method},
                      {"path", r.pattern},
                      {"authenticated", r.doc.authenticated},
                      {"permission", r.doc.permission ? boost::json::value(permission_code(*r.doc.permission))
                                                      : boost::json::value(nullptr)}});
  std::cout << boost::json::serialize(routes) << "\n";
  return 0;
}

int serve(const CommonOptions& common, const ServeOptions& options) {
  raise_file_limit();
  auto db = open_database(common);
  store::migrate(*db);
  modules::after_migrations(*db);
  if (options.demo && seed_demo_if_empty(*db, !options.demo_without_persons)) {
    std::cout << "Base vide : organisme de démonstration chargé.\n";
  }
  if (options.demo) {
    std::cout << "Comptes de démonstration (mot de passe : " << demo_password << ") :\n"
              << "  plateforme@passerelle.demo (administration de la plateforme)\n"
              << "  admin@, directrice@, cheffe.service@, educateur@, infirmiere@, secretaire@, qualite@,\n"
              << "  dpo@ (second facteur : secret TOTP " << demo_totp_secret << ") — @passerelles-rhone.demo\n"
              << "  financeur@ars-ara.demo (lecteur externe)\n";
  }
  http::ApplicationOptions app_options;
  app_options.web_root = options.web_root;
  app_options.sessions.idle_timeout = std::chrono::minutes(options.session_idle_minutes);
  app_options.sessions.absolute_timeout = std::chrono::hours(options.session_absolute_hours);
  app_options.secure_cookies = options.secure_cookies;
  app_options.directory = load_directory(options.directory_config);
  {
    // The master key lives outside the database: a stolen database (or dump) does not open the notes.
    std::filesystem::path key_file = options.master_key;
    if (key_file.empty()) {
      key_file = std::filesystem::path(common.data_dir) / "keys" / "master.key";
      std::filesystem::create_directories(key_file.parent_path());
      std::filesystem::permissions(key_file.parent_path(), std::filesystem::perms::owner_all,
                                   std::filesystem::perm_options::replace);
    }
    const auto key = files::MasterKey::load_or_create(key_file);
    app_options.notes_sealer = std::make_shared<TextSealer>(key.data(), "notes___");
    // Documents and photos rest encrypted in <data dir>/documents, their keys wrapped by the same master
    // key (which the store refuses to find inside that directory).
    std::filesystem::create_directories(common.data_dir);
    app_options.file_store =
        std::make_shared<files::EncryptedFileStore>(std::filesystem::path(common.data_dir) / "documents", key_file);
  }
  if (const char* token = std::getenv("PASSERELLE_OPERATOR_TOKEN")) app_options.operator_token = token;
  http::Application app(app_options, db);
  http::Server server(options.server, app);
  std::cout << "Passerelle écoute sur http://" << options.server.bind << ":" << server.port() << "/" << std::endl;
  server.run();
  return 0;
}

}  // namespace passerelle::app

namespace passerelle::app {

int print_policy() {
  boost::json::array rows;
  for (const auto& p : auth::permission_table())
    rows.push_back({{"role", auth::role_code(p.role)},
                    {"brick", brick_code(p.brick)},
                    {"category", category_code(p.category)},
                    {"read", p.read},
                    {"write", p.write},
                    {"export", p.export_data}});
  std::cout << boost::json::serialize(rows) << "\n";
  return 0;
}

int purge_audit(const CommonOptions& common, int days) {
  auto db = open_database(common);
  store::migrate(*db);
  modules::after_migrations(*db);
  const auto before = now_iso8601_plus(-std::chrono::hours(24) * days);
  const auto deleted = audit::purge_before(*db, before);
  audit::Event e;
  e.account_label = "command line";
  e.action = "purge";
  e.outcome = "success";
  e.object_type = "audit_trail";
  e.object_id = std::to_string(deleted) + " events before " + before;
  audit::append_alone(*db, e);
  std::cout << deleted << " événement(s) antérieur(s) au " << before << " supprimé(s).\n";
  return 0;
}

int rebuild_aggregates(const CommonOptions& common) {
  auto db = open_database(common);
  store::migrate(*db);
  modules::after_migrations(*db);
  const auto started = std::chrono::steady_clock::now();
  {
    auto lease = db->acquire();
    modules::steering::rebuild_aggregates(*lease);
  }
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  auto lease = db->acquire();
  std::cout << "Agrégats de pilotage recalculés depuis les faits jusqu'au "
            << modules::steering::aggregates_horizon(*lease)->to_string() << " (" << std::fixed << std::setprecision(1)
            << seconds << " s).\n";
  return 0;
}

int verify_audit(const CommonOptions& common) {
  auto db = open_database(common);
  store::migrate(*db);
  modules::after_migrations(*db);
  auto result = audit::verify(*db);
  if (result.intact) {
    std::cout << "Trace intacte : " << result.events_checked << " événement(s) vérifié(s).\n";
    return 0;
  }
  std::cout << "Trace ALTÉRÉE : premier lien rompu à l'événement " << result.first_broken_id.value_or(0) << " — "
            << result.reason << " (" << result.events_checked << " événement(s) vérifiés avant).\n";
  return 2;
}

int create_account(const CommonOptions& common, const std::string& email, const std::string& name,
                   const std::string& role, std::optional<std::int64_t> organisation_id) {
  if (!auth::role_from_code(role)) throw std::runtime_error("unknown role " + role);
  if ((role == "platform_admin") == organisation_id.has_value())
    throw std::runtime_error("platform_admin has no organisation; every other role needs --organisation");
  std::string password;
  if (const char* env = std::getenv("PASSERELLE_NEW_PASSWORD")) password = env;
  else std::getline(std::cin, password);
  if (auto problem = auth::password_problem(password, email, name)) throw std::runtime_error("password refused: " + *problem);
  auto db = open_database(common);
  store::migrate(*db);
  modules::after_migrations(*db);
  const auto hash = auth::hash_password(password);
  db->in_transaction([&](store::Connection& c) {
    if (auth::find_account_by_email(c, email)) throw std::runtime_error("an account already uses " + email);
    auto id = auth::insert_account(c, {organisation_id, email, name, "local", hash});
    auth::replace_grants(c, id, {{role, organisation_id, std::nullopt}});
    audit::Event e;
    e.account_label = "command line";
    e.organisation_id = organisation_id;
    e.action = "create";
    e.outcome = "success";
    e.object_type = "account";
    e.object_id = std::to_string(id);
    e.fields = {"email", "display_name", "grants"};
    audit::append(c, e);
  });
  std::cout << "Compte créé : " << email << " (" << role << ").\n";
  return 0;
}

}  // namespace passerelle::app
