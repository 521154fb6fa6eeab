#include "app/commands.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <cstdlib>
#include <iostream>

#include "app/demo.hpp"
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
  std::cout << "Schéma à jour (version " << store::schema_version(*db) << ", " << applied.size()
            << " migration(s) appliquée(s)).\n";
  return 0;
}

int seed_demo(const CommonOptions& common) {
  auto db = open_database(common);
  store::migrate(*db);
  const bool loaded = seed_demo_if_empty(*db);
  std::cout << (loaded ? "Données de démonstration chargées.\n" : "La base contient déjà des données : rien n'a été chargé.\n");
  return 0;
}

int print_routes(const CommonOptions& common) {
  auto db = open_database(common);
  http::Application app({}, db);
  boost::json::array routes;
  for (const auto& r : app.routes().routes()) routes.push_back({{"method", r.method}, {"path", r.pattern}});
  std::cout << boost::json::serialize(routes) << "\n";
  return 0;
}

int serve(const CommonOptions& common, const ServeOptions& options) {
  raise_file_limit();
  auto db = open_database(common);
  store::migrate(*db);
  if (options.demo && seed_demo_if_empty(*db)) {
    std::cout << "Base vide : organisme de démonstration chargé.\n";
  }
  http::ApplicationOptions app_options;
  app_options.web_root = options.web_root;
  if (const char* token = std::getenv("PASSERELLE_OPERATOR_TOKEN")) app_options.operator_token = token;
  http::Application app(app_options, db);
  http::Server server(options.server, app);
  std::cout << "Passerelle écoute sur http://" << options.server.bind << ":" << server.port() << "/" << std::endl;
  server.run();
  return 0;
}

}  // namespace passerelle::app
