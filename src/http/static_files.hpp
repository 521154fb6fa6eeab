#pragma once
// Serves the built web application (web/dist): hashed assets are cached for a year, index.html is
// revalidated, and any path without an extension falls back to index.html so that deep links into
// the single-page application work. Paths that try to leave the root are refused.
#include <filesystem>
#include <optional>

#include "core/request.hpp"
#include "core/response.hpp"

namespace passerelle::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root);
  // A response for GET/HEAD outside /api, or nothing if the request is not for static files.
  std::optional<Response> serve(const Request& request) const;
  bool available() const { return has_index_; }

 private:
  std::optional<Response> file_response(const std::filesystem::path& file, const Request& request,
                                        bool immutable) const;
  std::filesystem::path root_;
  bool has_index_ = false;
};

// True when a decoded path is safe to map onto the file system.
bool safe_static_path(const std::string& decoded_path);
std::string content_type_for(const std::filesystem::path& file);

}  // namespace passerelle::http
