#pragma once
// Prometheus text exposition: requests by route and status, latency histogram, open connections,
// database pool. Routes are labelled by pattern (never by raw path) to keep the series bounded.
#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

#include "store/database.hpp"

namespace passerelle::http {

class Metrics {
 public:
  static constexpr std::array<double, 13> buckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                                     0.25,  0.5,    1.0,   2.5,  5.0,   10.0};

  void observe(const std::string& route, const std::string& method, int status, double seconds);
  void connection_opened() { ++open_connections_; ++connections_total_; }
  void connection_closed() { --open_connections_; }
  void connection_refused() { ++connections_refused_; }
  std::int64_t open_connections() const { return open_connections_; }
  std::string render(const store::PoolStats& pool, std::string_view backend) const;

 private:
  struct Histogram {
    std::array<std::uint64_t, buckets.size()> counts{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
  std::map<std::string, Histogram> latency_;
  std::atomic<std::int64_t> open_connections_{0};
  std::atomic<std::uint64_t> connections_total_{0};
  std::atomic<std::uint64_t> connections_refused_{0};
};

}  // namespace passerelle::http
