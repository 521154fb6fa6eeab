#include "http/access_log.hpp"

#include <spdlog/spdlog.h>

#include <boost/json.hpp>

#include "core/clock.hpp"

namespace passerelle::http {

void log_access(const Request& request, const Response& response, const std::string& route, double seconds) {
  if (!spdlog::should_log(spdlog::level::info)) return;
  boost::json::object line{{"ts", now_iso8601()},
                           {"level", "info"},
                           {"msg", "request"},
                           {"method", request.method},
                           {"path", request.path},
                           {"route", route},
                           {"status", response.status},
                           {"bytes", response.body.size()},
                           {"duration_us", static_cast<std::int64_t>(seconds * 1e6)},
                           {"request_id", request.request_id},
                           {"remote", request.remote_address},
                           {"caller", request.caller.label.empty() ? "anonymous" : request.caller.label}};
  spdlog::info("{}", boost::json::serialize(line));
}

}  // namespace passerelle::http
