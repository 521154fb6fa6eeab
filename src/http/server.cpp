#include "http/server.hpp"

#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/experimental/as_tuple.hpp>
#include <boost/beast.hpp>
#include <boost/url.hpp>
#include <thread>
#include <unordered_map>

namespace passerelle::http {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
using asio::awaitable;
using asio::use_awaitable;
constexpr auto as_tuple = asio::experimental::as_tuple(use_awaitable);

namespace {

// Converts a Beast request into our plain Request; a malformed target is a 400.
Request to_request(bhttp::request<bhttp::string_body>&& in, const std::string& remote) {
  Request r;
  r.method = std::string(in.method_string());
  r.target = std::string(in.target());
  auto parsed = boost::urls::parse_origin_form(r.target);
  if (!parsed) throw Problem::bad_request("Adresse de requête invalide.", {{"target", "cible HTTP mal formée"}});
  r.path = parsed->path();  // percent-decoded
  if (r.path.empty()) r.path = "/";
  for (auto param : parsed->params()) r.query.emplace(param.key, param.value);
  for (const auto& field : in) {
    std::string name(field.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto [it, inserted] = r.headers.emplace(name, std::string(field.value()));
    if (!inserted) it->second += ", " + std::string(field.value());
  }
  r.body = std::move(in.body());
  r.remote_address = remote;
  return r;
}

bhttp::response<bhttp::string_body> to_beast(Response&& response, unsigned version, bool keep_alive, bool head) {
  bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(response.status), version};
  for (auto& [name, value] : response.headers) out.set(name, value);
  out.set(bhttp::field::server, "Passerelle");
  out.keep_alive(keep_alive);
  const auto length = response.body.size();
  if (head) {
    out.content_length(length);
  } else {
    out.body() = std::move(response.body);
    out.prepare_payload();
  }
  return out;
}

// 413, with the limit in the unit people read (a JSON body of 10 Mo, a document of 20 Mo).
// A route that declares its own limit takes a file: the error then names the field "file", as the file
// checks of core/files do.
Problem body_too_large(std::size_t limit, bool file) {
  const auto megabytes = std::to_string(limit / (1024 * 1024)) + " Mo";
  if (file)
    return Problem(413, "payload-too-large", "Requête trop volumineuse",
                   "Le fichier dépasse la taille autorisée (" + megabytes + ").",
                   {{"file", "Le fichier dépasse la taille autorisée (" + megabytes + ")."}});
  return Problem(413, "payload-too-large", "Requête trop volumineuse",
                 "Le corps de la requête dépasse la taille autorisée (" + megabytes + ").");
}

// State a session shares with the shutdown logic, only touched on the session's own io_context.
struct SessionState {
  beast::tcp_stream* stream = nullptr;
  bool idle = true;
  bool linger = false;  // an error was answered before the request was read whole
};

// Handing a request to a worker costs a thread switch; more workers than cores mostly adds switches
// (measured in bench/RESULTS.md: 16 workers served a third of what 2 did on SQLite). PostgreSQL
// queries wait on the network, so there a second worker per core keeps the cores busy.
std::size_t default_workers(store::Backend backend) {
  const std::size_t cores = std::max(2u, std::thread::hardware_concurrency());
  return backend == store::Backend::postgresql ? cores * 2 : cores;
}

}  // namespace

class Server::Impl {
 public:
  Impl(ServerOptions options, Application& app)
      : options_(std::move(options)),
        app_(app),
        workers_(options_.worker_threads ? options_.worker_threads : default_workers(app.database().backend())) {
    const std::size_t n = options_.io_threads ? options_.io_threads : std::max(1u, std::thread::hardware_concurrency());
    for (std::size_t i = 0; i < n; ++i) {
      contexts_.push_back(std::make_unique<asio::io_context>(1));
      guards_.emplace_back(asio::make_work_guard(*contexts_.back()));
    }
    acceptor_ = std::make_unique<tcp::acceptor>(*contexts_[0]);
    tcp::endpoint endpoint(asio::ip::make_address(options_.bind), options_.port);
    acceptor_->open(endpoint.protocol());
    acceptor_->set_option(asio::socket_base::reuse_address(true));
    acceptor_->bind(endpoint);
    acceptor_->listen(asio::socket_base::max_listen_connections);
    signals_ = std::make_unique<asio::signal_set>(*contexts_[0], SIGINT, SIGTERM);
    shutdown_deadline_ = std::make_unique<asio::steady_timer>(*contexts_[0]);
  }

  unsigned short port() const { return acceptor_->local_endpoint().port(); }

  void run() {
    signals_->async_wait([this](const boost::system::error_code& ec, int signal) {
      if (!ec) begin_shutdown(signal);
    });
    asio::co_spawn(*contexts_[0], listen(), asio::detached);
    spdlog::info(R"({{"msg":"listening","address":"{}","port":{},"io_threads":{}}})", options_.bind, port(),
                 contexts_.size());
    std::vector<std::thread> threads;
    for (std::size_t i = 1; i < contexts_.size(); ++i) threads.emplace_back([this, i] { contexts_[i]->run(); });
    contexts_[0]->run();
    for (auto& t : threads) t.join();
    workers_.join();
    spdlog::info(R"({{"msg":"stopped"}})");
  }

 private:
  awaitable<void> listen() {
    std::size_t next = 0;
    for (;;) {
      auto& context = *contexts_[next++ % contexts_.size()];
      tcp::socket socket(context);
      auto [ec] = co_await acceptor_->async_accept(socket, as_tuple);
      if (stopping_) co_return;
      if (ec) {
        spdlog::warn(R"({{"msg":"accept failed","error":"{}"}})", ec.message());
        // Out of file descriptors: wait a little instead of spinning.
        asio::steady_timer pause(*contexts_[0], std::chrono::milliseconds(50));
        co_await pause.async_wait(as_tuple);
        continue;
      }
      if (static_cast<std::size_t>(app_.metrics().open_connections()) >= options_.max_connections) {
        app_.metrics().connection_refused();
        boost::system::error_code ignored;
        socket.close(ignored);
        continue;
      }
      asio::co_spawn(context, session(std::move(socket)), asio::detached);
    }
  }

  void register_session(std::uint64_t id, asio::any_io_executor executor, std::weak_ptr<SessionState> state) {
    std::lock_guard lock(sessions_mutex_);
    sessions_.emplace(id, std::make_pair(std::move(executor), std::move(state)));
  }

  void unregister_session(std::uint64_t id) {
    std::size_t remaining;
    {
      std::lock_guard lock(sessions_mutex_);
      sessions_.erase(id);
      remaining = sessions_.size();
    }
    if (stopping_ && remaining == 0) asio::post(*contexts_[0], [this] { finish_shutdown(); });
  }

  awaitable<void> session(tcp::socket socket) {
    const std::uint64_t id = ++session_ids_;
    std::string remote;
    {
      boost::system::error_code ec;
      auto endpoint = socket.remote_endpoint(ec);
      remote = ec ? "?" : endpoint.address().to_string();
    }
    beast::tcp_stream stream(std::move(socket));
    auto state = std::make_shared<SessionState>();
    state->stream = &stream;
    app_.metrics().connection_opened();
    register_session(id, stream.get_executor(), state);
    try {
      co_await serve(stream, *state, remote);
    } catch (const std::exception& e) {
      spdlog::warn(R"({{"msg":"connection ended with an error","error":{}}})",
                   boost::json::serialize(boost::json::value(e.what())));
    }
    state->stream = nullptr;
    boost::system::error_code ignored;
    if (state->linger) {
      // Closing with unread request bytes makes the kernel reset the connection, and the client
      // may lose our error response: stop sending, then read and drop what is left, briefly.
      stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
      std::array<char, 16384> scratch;
      stream.expires_after(std::chrono::seconds(2));
      for (;;) {
        auto [ec, n] = co_await stream.async_read_some(asio::buffer(scratch), as_tuple);
        if (ec) break;
      }
    }
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream.close();
    app_.metrics().connection_closed();
    unregister_session(id);
  }

  awaitable<void> send(beast::tcp_stream& stream, Response response, unsigned version, bool keep_alive, bool head) {
    auto out = to_beast(std::move(response), version, keep_alive, head);
    stream.expires_after(options_.body_timeout);
    co_await bhttp::async_write(stream, out, as_tuple);
  }

  awaitable<void> serve(beast::tcp_stream& stream, SessionState& state, const std::string& remote) {
    beast::flat_buffer buffer;
    bool first = true;
    for (;;) {
      // Wait for the next request: a new connection has the header timeout to start talking,
      // a kept-alive one the idle timeout. Shutdown cancels this wait.
      state.idle = true;
      if (stopping_) co_return;
      if (buffer.size() == 0) {
        stream.expires_after(first ? options_.header_timeout : options_.idle_timeout);
        auto [ec, n] = co_await stream.async_read_some(buffer.prepare(4096), as_tuple);
        if (ec) co_return;  // closed by the client, timed out or cancelled
        buffer.commit(n);
      }
      state.idle = false;
      first = false;

      bhttp::request_parser<bhttp::string_body> parser;
      parser.header_limit(static_cast<std::uint32_t>(options_.header_limit));
      // The route is not known before the head is read: until then, the largest limit of any route (file
      // uploads), narrowed to the route's own limit as soon as the head names it.
      const std::size_t largest_limit = std::max(options_.body_limit, app_.largest_body_limit());
      parser.body_limit(largest_limit);
      stream.expires_after(options_.header_timeout);
      auto [header_ec, header_bytes] = co_await bhttp::async_read_header(stream, buffer, parser, as_tuple);
      if (header_ec) {
        state.linger = true;
        if (header_ec == bhttp::error::body_limit) {
          // Beast refuses an announced Content-Length over the limit as soon as the head is parsed.
          // The head was parsed whole (the limit is checked after its last field): its route is known.
          const auto route_limit = app_.body_limit_for(parser.get().method_string(), parser.get().target());
          co_await send(stream,
                        app_.transport_error(body_too_large(route_limit.value_or(options_.body_limit), route_limit.has_value()),
                                             remote),
                        11, false, false);
        } else if (header_ec == bhttp::error::header_limit) {
          co_await send(stream, app_.transport_error(Problem(431, "header-too-large", "En-têtes trop volumineux",
                                                             "Les en-têtes de la requête dépassent la taille permise."),
                                                     remote),
                        11, false, false);
        } else if (header_ec != beast::error::timeout && header_ec != asio::error::eof &&
                   header_ec != bhttp::error::end_of_stream && header_ec != asio::error::operation_aborted &&
                   header_ec != asio::error::connection_reset) {
          co_await send(stream, app_.transport_error(Problem::bad_request("Requête HTTP mal formée."), remote), 11,
                        false, false);
        }
        co_return;
      }
      const auto version = parser.get().version();
      const auto route_limit = app_.body_limit_for(parser.get().method_string(), parser.get().target());
      const std::size_t body_limit = route_limit.value_or(options_.body_limit);
      parser.body_limit(body_limit);
      if (auto length = parser.content_length(); length && *length > body_limit) {
        state.linger = true;
        co_await send(stream, app_.transport_error(body_too_large(body_limit, route_limit.has_value()), remote), version, false, false);
        co_return;
      }
      if (!parser.is_done()) {
        stream.expires_after(options_.body_timeout);
        auto [body_ec, body_bytes] = co_await bhttp::async_read(stream, buffer, parser, as_tuple);
        if (body_ec == bhttp::error::body_limit) {
          state.linger = true;
          co_await send(stream, app_.transport_error(body_too_large(body_limit, route_limit.has_value()), remote), version, false, false);
          co_return;
        }
        if (body_ec) co_return;  // truncated or too slow: nothing was handled
      }

      auto beast_request = parser.release();
      const bool keep_alive = beast_request.keep_alive();
      const bool head = beast_request.method() == bhttp::verb::head;
      Response response;
      try {
        Request request = to_request(std::move(beast_request), remote);
        // Handlers block on the database: run them on the worker pool, not on this io thread.
        response = co_await asio::co_spawn(
            workers_, [&]() -> awaitable<Response> { co_return app_.handle(request); }, use_awaitable);
      } catch (const Problem& problem) {
        response = app_.transport_error(problem, remote);
      }
      const bool keep = keep_alive && !stopping_ && response.find_header("Connection") == nullptr;
      co_await send(stream, std::move(response), version, keep, head);
      if (!keep) co_return;
    }
  }

  void begin_shutdown(int signal) {
    if (stopping_.exchange(true)) return;
    spdlog::info(R"({{"msg":"shutting down","signal":{}}})", signal);
    boost::system::error_code ignored;
    acceptor_->close(ignored);
    std::vector<std::pair<asio::any_io_executor, std::weak_ptr<SessionState>>> sessions;
    {
      std::lock_guard lock(sessions_mutex_);
      for (auto& [id, entry] : sessions_) sessions.push_back(entry);
    }
    for (auto& [executor, weak] : sessions) {
      asio::post(executor, [weak] {
        auto state = weak.lock();
        if (state && state->stream && state->idle) state->stream->cancel();
      });
    }
    shutdown_deadline_->expires_after(options_.shutdown_timeout);
    shutdown_deadline_->async_wait([this](const boost::system::error_code& ec) {
      if (ec) return;  // every session ended in time
      spdlog::warn(R"({{"msg":"shutdown timeout: stopping with requests still open"}})");
      for (auto& c : contexts_) c->stop();
    });
    bool none;
    {
      std::lock_guard lock(sessions_mutex_);
      none = sessions_.empty();
    }
    if (none) finish_shutdown();
  }

  void finish_shutdown() {
    if (finished_.exchange(true)) return;
    shutdown_deadline_->cancel();
    for (auto& g : guards_) g.reset();
  }

  ServerOptions options_;
  Application& app_;
  asio::thread_pool workers_;
  std::vector<std::unique_ptr<asio::io_context>> contexts_;
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> guards_;
  std::unique_ptr<tcp::acceptor> acceptor_;
  std::unique_ptr<asio::signal_set> signals_;
  std::unique_ptr<asio::steady_timer> shutdown_deadline_;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> finished_{false};
  std::atomic<std::uint64_t> session_ids_{0};
  std::mutex sessions_mutex_;
  std::unordered_map<std::uint64_t, std::pair<asio::any_io_executor, std::weak_ptr<SessionState>>> sessions_;
};

Server::Server(ServerOptions options, Application& application)
    : impl_(std::make_unique<Impl>(std::move(options), application)) {}

Server::~Server() = default;

void Server::run() {
  impl_->run();
}

unsigned short Server::port() const {
  return impl_->port();
}

}  // namespace passerelle::http
