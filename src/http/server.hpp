#pragma once
// The HTTP/1.1 server (Boost.Beast): sockets, parsing, limits, timeouts, graceful shutdown.
// Nothing outside this file sees a Beast type.
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "http/application.hpp"

namespace passerelle::http {

struct ServerOptions {
  std::string bind = "127.0.0.1";
  unsigned short port = 8080;
  std::size_t io_threads = 0;      // 0: one io_context per core
  std::size_t worker_threads = 0;  // handlers (which block on the database); 0: derived from the pool
  std::size_t body_limit = 10 * 1024 * 1024;
  std::size_t header_limit = 32 * 1024;
  std::chrono::seconds header_timeout{10};  // a request's head must arrive within this
  std::chrono::seconds body_timeout{60};    // and its body within this
  std::chrono::seconds idle_timeout{60};    // a kept-alive connection with no request is closed
  std::chrono::seconds shutdown_timeout{30};
  std::size_t max_connections = 10000;
};

class Server {
 public:
  Server(ServerOptions options, Application& application);
  ~Server();
  // Serves until SIGINT or SIGTERM, then stops accepting, lets in-flight requests finish,
  // closes idle connections and returns.
  void run();
  unsigned short port() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace passerelle::http
