#include "core/clock.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace passerelle {

namespace {

std::string format_instant(std::chrono::system_clock::time_point now) {
  using namespace std::chrono;
  const auto seconds = time_point_cast<std::chrono::seconds>(now);
  const auto micros = duration_cast<microseconds>(now - seconds).count();
  const std::time_t t = system_clock::to_time_t(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[96];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:%02d:%02d.%06ldZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<long>(micros));
  return buffer;
}

}  // namespace

std::string now_iso8601() {
  return format_instant(std::chrono::system_clock::now());
}

std::string now_iso8601_plus(std::chrono::seconds offset) {
  return format_instant(std::chrono::system_clock::now() + offset);
}

}  // namespace passerelle
