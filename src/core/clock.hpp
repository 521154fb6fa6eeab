#pragma once
#include <chrono>
#include <string>

namespace passerelle {

// Current UTC time as ISO 8601 with microseconds, e.g. 2026-11-23T14:07:00.123456Z.
// Timestamps are stored as this text on both backends so they compare and hash identically.
std::string now_iso8601();
// The same format for another instant, e.g. an expiry: now_iso8601_plus(std::chrono::hours(12)).
std::string now_iso8601_plus(std::chrono::seconds offset);

}  // namespace passerelle
