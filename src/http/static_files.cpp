#include "http/static_files.hpp"

#include <fstream>
#include <sstream>

#include "core/problem.hpp"
#include "core/route_table.hpp"

namespace passerelle::http {
namespace fs = std::filesystem;

bool safe_static_path(const std::string& path) {
  if (path.empty() || path.front() != '/') return false;
  for (unsigned char c : path) {
    // '%' after decoding means double encoding; '\\' and control characters never name our files.
    if (c < 0x20 || c == 0x7F || c == '\\' || c == '%') return false;
  }
  for (const auto& segment : split_path(path)) {
    if (segment == "." || segment == ".." || segment.front() == '.') return false;
  }
  return true;
}

std::string content_type_for(const fs::path& file) {
  const auto ext = file.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json" || ext == ".map") return "application/json; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

StaticFiles::StaticFiles(fs::path root) {
  std::error_code ec;
  root_ = fs::weakly_canonical(root, ec);
  has_index_ = !ec && fs::is_regular_file(root_ / "index.html", ec);
}

std::optional<Response> StaticFiles::file_response(const fs::path& file, const Request& request,
                                                   bool immutable) const {
  std::error_code ec;
  const auto size = fs::file_size(file, ec);
  if (ec) return std::nullopt;
  const auto mtime = fs::last_write_time(file, ec).time_since_epoch().count();
  const std::string etag = "\"" + std::to_string(size) + "-" + std::to_string(mtime) + "\"";
  Response r;
  r.set_header("ETag", etag);
  r.set_header("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "no-cache");
  r.set_header("Content-Type", content_type_for(file));
  if (auto match = request.header("if-none-match"); match && *match == etag) {
    r.status = 304;
    return r;
  }
  std::ifstream in(file, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  r.body = content.str();
  return r;
}

std::optional<Response> StaticFiles::serve(const Request& request) const {
  if (request.method != "GET" && request.method != "HEAD") return std::nullopt;
  if (request.path.starts_with("/api/") || request.path == "/api") return std::nullopt;
  if (!safe_static_path(request.path))
    throw Problem::bad_request("Chemin invalide.", {{"path", "le chemin demandé n'est pas autorisé"}});
  if (!has_index_) return std::nullopt;
  const auto relative = request.path == "/" ? fs::path("index.html") : fs::path(request.path.substr(1));
  std::error_code ec;
  const auto file = fs::weakly_canonical(root_ / relative, ec);
  const auto [root_end, file_it] = std::mismatch(root_.begin(), root_.end(), file.begin(), file.end());
  const bool inside = !ec && root_end == root_.end();
  if (inside && fs::is_regular_file(file, ec)) {
    const bool hashed_asset = request.path.starts_with("/assets/");
    return file_response(file, request, hashed_asset);
  }
  // Deep link into the application (no extension): serve the shell; a missing file is a 404.
  const auto last = request.path.substr(request.path.find_last_of('/') + 1);
  if (last.find('.') == std::string::npos) return file_response(root_ / "index.html", request, false);
  throw Problem::not_found("Fichier introuvable.");
}

}  // namespace passerelle::http
