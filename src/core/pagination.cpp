#include "core/pagination.hpp"

#include <sodium.h>

#include <charconv>

#include "core/problem.hpp"

namespace passerelle {
namespace {

std::int64_t parse_positive(const std::string& text, std::string_view field, std::int64_t max) {
  std::int64_t n = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || ptr != text.data() + text.size() || n < 1 || n > max)
    throw Problem::bad_request("Paramètre « " + std::string(field) + " » invalide.",
                               {{std::string(field), "un entier entre 1 et " + std::to_string(max) + " est attendu"}});
  return n;
}

}  // namespace

std::string encode_opaque_cursor(std::string_view raw) {
  std::string out(sodium_base64_ENCODED_LEN(raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.find('\0'));
  return out;
}

std::string encode_cursor(std::int64_t last_id) { return encode_opaque_cursor("after:" + std::to_string(last_id)); }

std::optional<std::string> opaque_cursor(const Request& request) {
  auto cursor = request.query_param("cursor");
  if (!cursor) return std::nullopt;
  std::string raw(cursor->size(), '\0');
  std::size_t length = 0;
  const bool decoded = cursor->size() <= 400 &&
                       sodium_base642bin(reinterpret_cast<unsigned char*>(raw.data()), raw.size(), cursor->data(),
                                         cursor->size(), nullptr, &length, nullptr,
                                         sodium_base64_VARIANT_URLSAFE_NO_PADDING) == 0;
  if (!decoded) throw Problem::bad_request("Le curseur de pagination est invalide.", {{"cursor", "curseur inconnu"}});
  raw.resize(length);
  return raw;
}

PageRequest page_request(const Request& request, std::int64_t default_limit) {
  PageRequest page;
  page.limit = page_limit(request, default_limit);
  if (auto raw = opaque_cursor(request)) {
    if (!raw->starts_with("after:"))
      throw Problem::bad_request("Le curseur de pagination est invalide.", {{"cursor", "curseur inconnu"}});
    page.after_id = parse_positive(raw->substr(6), "cursor", INT64_MAX);
  }
  return page;
}

std::int64_t page_limit(const Request& request, std::int64_t default_limit) {
  if (auto limit = request.query_param("limit")) return parse_positive(*limit, "limit", 200);
  return default_limit;
}

boost::json::object page_of(boost::json::array items, const PageRequest& page) {
  boost::json::value next = nullptr;
  if (static_cast<std::int64_t>(items.size()) > page.limit) {
    items.resize(static_cast<std::size_t>(page.limit));
    next = encode_cursor(items.back().as_object().at("id").to_number<std::int64_t>());
  }
  return {{"items", std::move(items)}, {"next_cursor", std::move(next)}};
}

}  // namespace passerelle
