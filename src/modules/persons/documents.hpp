#pragma once
// Documents attached to a person's record: their types, who reads and writes each type, their retention
// categories, and what an upload must say about itself. No I/O here (the SQL is in document_store.hpp,
// the HTTP in document_routes.cpp).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/permission.hpp"
#include "core/request.hpp"

namespace passerelle::modules::persons {

// The rights table, in one place: a document's type names the category of the record its content
// belongs to, and the permissions of that category (`passerelle policy`) decide who reads and writes it.
// Medical documents fall under the medical secret (CSP L.1110-4): care roles only.
struct DocumentType {
  std::string_view code;
  std::string_view label;  // French, for the screen
  DataCategory category;
  std::string_view default_retention;
};

inline constexpr std::size_t document_max_bytes = 20 * 1024 * 1024;
inline constexpr std::size_t photo_max_bytes = 5 * 1024 * 1024;

const std::vector<DocumentType>& document_types();
const DocumentType* find_document_type(std::string_view code);
// persons.<category of the type>.read|write.
Permission document_permission(const DocumentType& type, Action action);

// Retention categories (CNIL délibération 2023-095, see shared/DOMAIN.md § GDPR).
struct RetentionCategory {
  std::string_view code;
  std::string_view label;
  bool needs_reason;  // an intermediate archive only with a written legal reason
};
const std::vector<RetentionCategory>& retention_categories();
const RetentionCategory* find_retention(std::string_view code);

// What the query string of an upload says (metadata; the body is the file itself).
struct UploadMetadata {
  const DocumentType* type = nullptr;
  std::string title;
  std::string filename;  // made safe (see safe_filename)
  std::string retention;
  std::optional<std::string> retention_reason;
  std::optional<std::int64_t> establishment_id;
};
// A new document's metadata, 422 naming every bad field (type, title, filename, retention, retention_reason,
// establishment_id) and any unknown parameter.
UploadMetadata read_upload_metadata(const Request& request);
// A new version's file name (?filename=), 422 naming filename.
std::string read_version_filename(const Request& request);

// The name as sent, without any directory part, control characters, quotes or characters that file
// systems refuse, at most 255 bytes; empty when nothing usable remains.
std::string safe_filename(std::string_view name);
// `filename` with `extension` (".pdf") appended unless it already ends with an extension of the same
// content (checked by sniff: a name ending otherwise was refused).
std::string download_name(std::string_view filename, std::string_view extension);
// The Content-Disposition header of a download: an ASCII fallback and the UTF-8 name (RFC 6266 / 5987).
std::string content_disposition(std::string_view disposition, std::string_view filename);

}  // namespace passerelle::modules::persons
