#include "modules/persons/document_store.hpp"

#include <map>
#include <stdexcept>

#include "core/clock.hpp"

namespace passerelle::modules::persons {
namespace {

constexpr std::string_view document_columns =
    "SELECT id, person_id, establishment_id, doc_type, title, retention, retention_reason, archived_at, archived_by, "
    "created_by, created_at, updated_at FROM person_document ";

constexpr std::string_view version_columns =
    "SELECT v.document_id, v.version, v.filename, v.media_type, v.kind_label, v.embeds_files, v.size, v.content_hash, "
    "v.blob_id, v.wrapped_key, v.uploaded_by, v.uploaded_at FROM person_document_version v "
    "JOIN person_document d ON d.id = v.document_id ";

Document document_from(const store::Row& r) {
  Document d;
  d.id = r.integer("id");
  d.person_id = r.integer("person_id");
  d.establishment_id = r.integer("establishment_id");
  d.type = r.text("doc_type");
  d.title = r.text("title");
  d.retention = r.text("retention");
  d.retention_reason = r.optional_text("retention_reason");
  d.archived_at = r.optional_text("archived_at");
  d.archived_by = r.optional_text("archived_by");
  d.created_by = r.text("created_by");
  d.created_at = r.text("created_at");
  d.updated_at = r.text("updated_at");
  return d;
}

DocumentVersion version_from(const store::Row& r) {
  DocumentVersion v;
  v.version = r.integer("version");
  v.filename = r.text("filename");
  v.media_type = r.text("media_type");
  v.kind_label = r.text("kind_label");
  v.embeds_files = r.integer("embeds_files") != 0;
  v.blob.size = static_cast<std::uint64_t>(r.integer("size"));
  v.blob.content_hash = r.text("content_hash");
  v.blob.blob_id = r.text("blob_id");
  v.blob.wrapped_key = from_hex(r.text("wrapped_key"));
  v.uploaded_by = r.text("uploaded_by");
  v.uploaded_at = r.text("uploaded_at");
  return v;
}

void insert_version(const store::Scoped& db, std::int64_t document_id, std::int64_t number, const DocumentVersion& v) {
  db.execute(
      "INSERT INTO person_document_version (organisation_id, document_id, version, filename, media_type, kind_label, "
      "embeds_files, size, content_hash, blob_id, wrapped_key, uploaded_by, uploaded_at) VALUES ({{tenant_id}}, :d, "
      ":n, "
      ":filename, :media, :label, :embeds, :size, :hash, :blob, :key, :by, :at)",
      {{"d", document_id},
       {"n", number},
       {"filename", v.filename},
       {"media", v.media_type},
       {"label", v.kind_label},
       {"embeds", std::int64_t{v.embeds_files ? 1 : 0}},
       {"size", static_cast<std::int64_t>(v.blob.size)},
       {"hash", v.blob.content_hash},
       {"blob", v.blob.blob_id},
       {"key", to_hex(v.blob.wrapped_key)},
       {"by", v.uploaded_by},
       {"at", v.uploaded_at}});
}

}  // namespace

std::string to_hex(std::string_view bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(digits[c >> 4]);
    out.push_back(digits[c & 0x0F]);
  }
  return out;
}

std::string from_hex(std::string_view text) {
  const auto value = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  if (text.size() % 2 != 0) throw std::runtime_error("a wrapped file key in the database is not hexadecimal");
  std::string out;
  out.reserve(text.size() / 2);
  for (std::size_t i = 0; i < text.size(); i += 2) {
    const int high = value(text[i]), low = value(text[i + 1]);
    if (high < 0 || low < 0) throw std::runtime_error("a wrapped file key in the database is not hexadecimal");
    out.push_back(static_cast<char>(high * 16 + low));
  }
  return out;
}

std::vector<Document> documents_of(const store::Scoped& db, std::int64_t person_id,
                                   const std::optional<std::string>& type) {
  std::vector<Document> out;
  std::map<std::int64_t, std::size_t> index;
  const std::string filter = type ? " AND doc_type = :t" : "";
  store::Params params{{"p", person_id}};
  if (type) params.push_back({"t", *type});
  for (const auto& r : db.query(std::string(document_columns) + "WHERE {{tenant}} AND person_id = :p" + filter +
                                    " ORDER BY updated_at DESC, id DESC",
                                params)) {
    index[r.integer("id")] = out.size();
    out.push_back(document_from(r));
  }
  if (out.empty()) return out;
  const std::string version_filter = type ? " AND d.doc_type = :t" : "";
  for (const auto& r :
       db.query(std::string(version_columns) + "WHERE {{tenant:v.organisation_id}} AND d.person_id = :p" +
                    version_filter + " ORDER BY v.document_id, v.version DESC",
                params))
    if (auto it = index.find(r.integer("document_id")); it != index.end())
      out[it->second].versions.push_back(version_from(r));
  return out;
}

std::optional<Document> find_document(const store::Scoped& db, std::int64_t person_id, std::int64_t document_id) {
  auto row = db.query_one(std::string(document_columns) + "WHERE {{tenant}} AND person_id = :p AND id = :d",
                          {{"p", person_id}, {"d", document_id}});
  if (!row) return std::nullopt;
  auto d = document_from(*row);
  for (const auto& r :
       db.query(std::string(version_columns) + "WHERE {{tenant:v.organisation_id}} AND v.document_id = :d "
                                               "ORDER BY v.version DESC",
                {{"d", document_id}}))
    d.versions.push_back(version_from(r));
  return d;
}

std::int64_t insert_document(const store::Scoped& db, const Document& d) {
  const auto id = db.insert_returning_id(
      "INSERT INTO person_document (organisation_id, person_id, establishment_id, doc_type, title, retention, "
      "retention_reason, created_by, created_at, updated_at) VALUES ({{tenant_id}}, :p, :e, :type, :title, :retention, "
      ":reason, :by, :at, :at2) RETURNING id",
      {{"p", d.person_id},
       {"e", d.establishment_id},
       {"type", d.type},
       {"title", d.title},
       {"retention", d.retention},
       {"reason", store::nullable(d.retention_reason)},
       {"by", d.created_by},
       {"at", d.created_at},
       {"at2", d.created_at}});
  insert_version(db, id, 1, d.versions.front());
  return id;
}

std::int64_t add_version(const store::Scoped& db, std::int64_t document_id, DocumentVersion version) {
  const auto last =
      db.query_one("SELECT MAX(version) AS n FROM person_document_version WHERE {{tenant}} AND document_id = :d",
                   {{"d", document_id}});
  const std::int64_t number = (last && !last->is_null("n") ? last->integer("n") : 0) + 1;
  insert_version(db, document_id, number, version);
  db.execute("UPDATE person_document SET updated_at = :at WHERE {{tenant}} AND id = :d",
             {{"at", version.uploaded_at}, {"d", document_id}});
  return number;
}

void archive_document(const store::Scoped& db, std::int64_t document_id, const std::string& by) {
  const auto now = now_iso8601();
  db.execute(
      "UPDATE person_document SET archived_at = :at, archived_by = :by, updated_at = :at2 WHERE {{tenant}} AND id = :d",
      {{"at", now}, {"by", by}, {"at2", now}, {"d", document_id}});
}

std::optional<Photo> photo_of(const store::Scoped& db, std::int64_t person_id) {
  auto r = db.query_one(
      "SELECT person_id, media_type, size, content_hash, blob_id, wrapped_key, updated_by, updated_at "
      "FROM person_photo WHERE {{tenant}} AND person_id = :p",
      {{"p", person_id}});
  if (!r) return std::nullopt;
  Photo p;
  p.person_id = r->integer("person_id");
  p.media_type = r->text("media_type");
  p.blob.size = static_cast<std::uint64_t>(r->integer("size"));
  p.blob.content_hash = r->text("content_hash");
  p.blob.blob_id = r->text("blob_id");
  p.blob.wrapped_key = from_hex(r->text("wrapped_key"));
  p.updated_by = r->text("updated_by");
  p.updated_at = r->text("updated_at");
  return p;
}

void replace_photo(const store::Scoped& db, const Photo& p) {
  delete_photo(db, p.person_id);
  db.execute(
      "INSERT INTO person_photo (organisation_id, person_id, media_type, size, content_hash, blob_id, wrapped_key, "
      "updated_by, updated_at) VALUES ({{tenant_id}}, :p, :media, :size, :hash, :blob, :key, :by, :at)",
      {{"p", p.person_id},
       {"media", p.media_type},
       {"size", static_cast<std::int64_t>(p.blob.size)},
       {"hash", p.blob.content_hash},
       {"blob", p.blob.blob_id},
       {"key", to_hex(p.blob.wrapped_key)},
       {"by", p.updated_by},
       {"at", p.updated_at}});
}

void delete_photo(const store::Scoped& db, std::int64_t person_id) {
  db.execute("DELETE FROM person_photo WHERE {{tenant}} AND person_id = :p", {{"p", person_id}});
}

}  // namespace passerelle::modules::persons
