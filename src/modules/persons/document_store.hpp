#pragma once
// Storage of documents and photos: the rows only (metadata and what reads a file back); the bytes are in
// the EncryptedFileStore, never in the database.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/files/encrypted_file_store.hpp"
#include "store/tenant.hpp"

namespace passerelle::modules::persons {

struct DocumentVersion {
  std::int64_t version = 0;
  std::string filename;
  std::string media_type;
  std::string kind_label;
  bool embeds_files = false;
  files::StoredBlob blob;
  std::string uploaded_by;
  std::string uploaded_at;
};

struct Document {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  std::int64_t establishment_id = 0;
  std::string type;
  std::string title;
  std::string retention;
  std::optional<std::string> retention_reason;
  std::optional<std::string> archived_at;
  std::optional<std::string> archived_by;
  std::string created_by;
  std::string created_at;
  std::string updated_at;
  std::vector<DocumentVersion> versions;  // newest first; never empty
};

// Every document of a person (`type` filter when given), newest first, with its versions.
std::vector<Document> documents_of(const store::Scoped& db, std::int64_t person_id,
                                   const std::optional<std::string>& type = std::nullopt);
std::optional<Document> find_document(const store::Scoped& db, std::int64_t person_id, std::int64_t document_id);
// Inserts the document and its first version (document.versions.front()); the new id.
std::int64_t insert_document(const store::Scoped& db, const Document& document);
// Adds `version` as the next one; its number.
std::int64_t add_version(const store::Scoped& db, std::int64_t document_id, DocumentVersion version);
void archive_document(const store::Scoped& db, std::int64_t document_id, const std::string& by);

struct Photo {
  std::int64_t person_id = 0;
  std::string media_type;
  files::StoredBlob blob;
  std::string updated_by;
  std::string updated_at;
};
std::optional<Photo> photo_of(const store::Scoped& db, std::int64_t person_id);
void replace_photo(const store::Scoped& db, const Photo& photo);
void delete_photo(const store::Scoped& db, std::int64_t person_id);

// The wrapped key, binary, as the hex text the rows keep, and back.
std::string to_hex(std::string_view bytes);
std::string from_hex(std::string_view text);

}  // namespace passerelle::modules::persons
