#pragma once
// Cursor pagination: lists are ordered by id and a page ends with an opaque cursor naming the last
// id seen, so pages stay stable while rows are added (unlike OFFSET).
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "core/request.hpp"

namespace passerelle {

struct PageRequest {
  std::int64_t limit = 50;
  std::int64_t after_id = 0;  // 0: from the start
};

// Reads ?limit= (1..200) and ?cursor=; a malformed value is a 400 naming the parameter.
PageRequest page_request(const Request& request, std::int64_t default_limit = 50);
std::string encode_cursor(std::int64_t last_id);
std::int64_t page_limit(const Request& request, std::int64_t default_limit);
// For lists ordered otherwise than by id: the cursor's raw text (base64url), or a 400 naming cursor.
std::string encode_opaque_cursor(std::string_view raw);
std::optional<std::string> opaque_cursor(const Request& request);

// {"items": [...], "next_cursor": "…" | null}. `items` are objects with an integer "id", ordered by
// id, fetched with LIMIT limit + 1: the extra one only tells that another page exists and is dropped.
boost::json::object page_of(boost::json::array items, const PageRequest& page);

}  // namespace passerelle
