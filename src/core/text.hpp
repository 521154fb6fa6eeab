#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace passerelle {

// Why a user-supplied text is unacceptable (invalid UTF-8, control characters, too long), or nothing.
// Length counts characters (code points), not bytes.
std::optional<std::string> text_problem(std::string_view s, std::size_t max_length);

std::string trim(std::string_view s);
std::size_t utf8_length(std::string_view s);
// The first `n` characters (code points) of valid UTF-8, never cutting one in half.
std::string utf8_prefix(std::string_view s, std::size_t n);
// The code points of valid UTF-8 (invalid input gives an empty list).
std::vector<char32_t> code_points(std::string_view s);
std::string to_lower_ascii(std::string_view s);
// Lower case without accents (é -> e, Œ -> oe, ç -> c…), for searches that forgive accents and case.
std::string fold_for_search(std::string_view s);
// The non-empty pieces of `s` between separators: split("/a//b/", '/') is {"a", "b"}.
std::vector<std::string> split(std::string_view s, char separator);

}  // namespace passerelle
