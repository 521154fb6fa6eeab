#include "http/metrics.hpp"

#include <sstream>

namespace passerelle::http {
namespace {

std::string escape_label(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') { out += "\\n"; continue; }
    out.push_back(c);
  }
  return out;
}

}  // namespace

void Metrics::observe(const std::string& route, const std::string& method, int status, double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{route, method, status}];
  auto& h = latency_[route];
  for (std::size_t i = 0; i < buckets.size(); ++i)
    if (seconds <= buckets[i]) ++h.counts[i];
  ++h.count;
  h.sum += seconds;
}

std::string Metrics::render(const store::PoolStats& pool, std::string_view backend) const {
  std::ostringstream out;
  std::lock_guard lock(mutex_);
  out << "# HELP passerelle_http_requests_total HTTP requests handled, by route pattern, method and status.\n"
      << "# TYPE passerelle_http_requests_total counter\n";
  for (const auto& [key, count] : requests_) {
    const auto& [route, method, status] = key;
    out << "passerelle_http_requests_total{route=\"" << escape_label(route) << "\",method=\"" << method
        << "\",status=\"" << status << "\"} " << count << "\n";
  }
  out << "# HELP passerelle_http_request_duration_seconds Time from a parsed request to its response.\n"
      << "# TYPE passerelle_http_request_duration_seconds histogram\n";
  for (const auto& [route, h] : latency_) {
    const auto label = escape_label(route);
    for (std::size_t i = 0; i < buckets.size(); ++i)
      out << "passerelle_http_request_duration_seconds_bucket{route=\"" << label << "\",le=\"" << buckets[i] << "\"} "
          << h.counts[i] << "\n";
    out << "passerelle_http_request_duration_seconds_bucket{route=\"" << label << "\",le=\"+Inf\"} " << h.count << "\n"
        << "passerelle_http_request_duration_seconds_sum{route=\"" << label << "\"} " << h.sum << "\n"
        << "passerelle_http_request_duration_seconds_count{route=\"" << label << "\"} " << h.count << "\n";
  }
  out << "# HELP passerelle_http_open_connections Client connections currently open.\n"
      << "# TYPE passerelle_http_open_connections gauge\n"
      << "passerelle_http_open_connections " << open_connections_.load() << "\n"
      << "# HELP passerelle_http_connections_total Client connections accepted since start.\n"
      << "# TYPE passerelle_http_connections_total counter\n"
      << "passerelle_http_connections_total " << connections_total_.load() << "\n"
      << "# HELP passerelle_http_connections_refused_total Connections closed at once because the limit was reached.\n"
      << "# TYPE passerelle_http_connections_refused_total counter\n"
      << "passerelle_http_connections_refused_total " << connections_refused_.load() << "\n"
      << "# HELP passerelle_db_pool_connections Database connections in the pool, by state.\n"
      << "# TYPE passerelle_db_pool_connections gauge\n"
      << "passerelle_db_pool_connections{backend=\"" << backend << "\",state=\"in_use\"} " << pool.in_use << "\n"
      << "passerelle_db_pool_connections{backend=\"" << backend << "\",state=\"idle\"} " << pool.size - pool.in_use << "\n"
      << "# HELP passerelle_db_pool_waits_total Acquisitions that waited for a free connection.\n"
      << "# TYPE passerelle_db_pool_waits_total counter\n"
      << "passerelle_db_pool_waits_total " << pool.waits << "\n"
      << "# HELP passerelle_db_pool_timeouts_total Acquisitions that gave up waiting.\n"
      << "# TYPE passerelle_db_pool_timeouts_total counter\n"
      << "passerelle_db_pool_timeouts_total " << pool.timeouts << "\n";
  return out.str();
}

}  // namespace passerelle::http
