#include "core/request.hpp"

#include <charconv>
#include <stdexcept>

#include "core/problem.hpp"
#include "core/text.hpp"

namespace passerelle {

std::optional<std::string_view> Request::header(std::string_view lower_case_name) const {
  auto it = headers.find(std::string(lower_case_name));
  if (it == headers.end()) return std::nullopt;
  return std::string_view(it->second);
}

std::optional<std::string> Request::query_param(std::string_view name) const {
  auto it = query.find(std::string(name));
  if (it == query.end()) return std::nullopt;
  return it->second;
}

const std::string& Request::path_param(std::string_view name) const {
  auto it = path_params.find(std::string(name));
  if (it == path_params.end()) throw std::logic_error("route has no parameter " + std::string(name));
  return it->second;
}

std::int64_t Request::id_param(std::string_view name) const {
  const std::string& text = path_param(name);
  std::int64_t id = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || ptr != text.data() + text.size() || id <= 0)
    throw Problem::not_found("Aucune ressource ne porte l'identifiant « " + text.substr(0, 40) + " ».");
  return id;
}

bool Request::has_json_content_type() const {
  auto type = header("content-type");
  if (!type) return false;
  auto value = to_lower_ascii(*type);
  auto semicolon = value.find(';');
  auto media = trim(value.substr(0, semicolon));
  return media == "application/json" || (media.starts_with("application/") && media.ends_with("+json"));
}

}  // namespace passerelle
