#pragma once
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
};

void configure_logging(const std::string& level);
int serve(const CommonOptions& common, const ServeOptions& options);
int migrate(const CommonOptions& common);
int seed_demo(const CommonOptions& common);
int print_routes(const CommonOptions& common);

}  // namespace passerelle::app
