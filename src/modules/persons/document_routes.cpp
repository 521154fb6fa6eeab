// Documents of a person's record: uploaded (the body is the file, the query string its metadata), checked by
// content, stored encrypted, versioned, read and downloaded by the roles the type allows, archived (never
// deleted here). Rights by type are in documents.hpp; every upload, read, download and refusal is audited.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>

#include "audit/history.hpp"
#include "auth/policy.hpp"
#include "core/clock.hpp"
#include "core/files/file_kind.hpp"
#include "modules/persons/document_store.hpp"
#include "modules/persons/documents.hpp"
#include "modules/persons/routes_support.hpp"

namespace passerelle::modules::persons {
namespace {

enum class Right { allowed, forbidden, elsewhere };

// `forbidden`: the caller's role never does this with this type (403, audited); `elsewhere`: it does, but
// not in the establishment the document belongs to (answered as unknown).
Right right_on(const Request& request, const DocumentType& type, Action action, std::int64_t organisation,
               std::int64_t establishment) {
  const auto permission = document_permission(type, action);
  if (!auth::may(request.caller, permission)) return Right::forbidden;
  const auto only = auth::establishments_allowed(request.caller, permission, organisation);
  if (only && std::find(only->begin(), only->end(), establishment) == only->end()) return Right::elsewhere;
  return Right::allowed;
}

audit::Event document_event(const Request& request, const std::string& action, const Person& person,
                            std::int64_t establishment, std::optional<std::int64_t> document_id,
                            std::vector<std::string> fields, const std::string& outcome = "success") {
  auto e =
      audit::event_for(request, action, "person_document", document_id ? std::to_string(*document_id) : "", outcome);
  e.organisation_id = person.organisation_id;
  e.establishment_id = establishment;
  e.person_id = person.id;
  e.fields = std::move(fields);
  return e;
}

// The refusal is audited here, with the person and the document, and answered without going through the
// generic refusal audit (which knows neither).
Response refusal(store::Database& db, const Request& request, const std::string& action, const Person& person,
                 std::int64_t establishment, std::optional<std::int64_t> document_id, const DocumentType& type) {
  audit::append_alone(db, document_event(request, action, person, establishment, document_id,
                                         {"type:" + std::string(type.code)}, "denied"));
  return Response::problem(Problem::forbidden("Votre rôle ne permet pas cette action sur les documents de type « " +
                                              std::string(type.label) + " »."));
}

boost::json::object to_json(const DocumentVersion& v) {
  return {{"version", v.version},         {"filename", v.filename},      {"media_type", v.media_type},
          {"kind_label", v.kind_label},   {"size", v.blob.size},         {"embeds_files", v.embeds_files},
          {"uploaded_by", v.uploaded_by}, {"uploaded_at", v.uploaded_at}};
}

boost::json::value optional_text(const std::optional<std::string>& s) {
  return s ? boost::json::value(*s) : boost::json::value(nullptr);
}

boost::json::object to_json(const Document& d, bool can_write, bool with_versions) {
  const auto* type = find_document_type(d.type);
  const auto* retention = find_retention(d.retention);
  boost::json::object out{{"id", d.id},
                          {"person_id", d.person_id},
                          {"establishment_id", d.establishment_id},
                          {"type", d.type},
                          {"type_label", type ? type->label : d.type},
                          {"title", d.title},
                          {"retention", d.retention},
                          {"retention_label", retention ? retention->label : d.retention},
                          {"retention_reason", optional_text(d.retention_reason)},
                          {"archived", d.archived_at.has_value()},
                          {"archived_at", optional_text(d.archived_at)},
                          {"archived_by", optional_text(d.archived_by)},
                          {"created_by", d.created_by},
                          {"created_at", d.created_at},
                          {"updated_at", d.updated_at},
                          {"version_count", d.versions.size()},
                          {"current_version", to_json(d.versions.front())},
                          {"can_write", can_write}};
  if (with_versions) {
    boost::json::array versions;
    for (const auto& v : d.versions) versions.push_back(to_json(v));
    out["versions"] = std::move(versions);
  }
  return out;
}

std::string declared_media_type(const Request& request) {
  const auto header = request.header("content-type");
  return header ? std::string(*header) : std::string();
}

files::FileKind check_file(const Request& request, const std::string& filename) {
  files::SniffOptions options;
  options.max_bytes = document_max_bytes;
  return files::sniff(request.body, filename, declared_media_type(request), options);
}

DocumentVersion version_of(const Request& request, const files::FileKind& kind, const std::string& filename) {
  DocumentVersion v;
  v.filename = download_name(filename, kind.extension);
  v.media_type = kind.media_type;
  v.kind_label = kind.label;
  v.embeds_files = kind.embeds_files;
  v.uploaded_by = request.caller.label;
  v.uploaded_at = now_iso8601();
  return v;
}

// Runs `write` (the database part of an upload) once the file is stored; if it fails, the stored file is
// removed again, so that a refused or failed upload leaves nothing behind.
template <typename Write>
auto store_then(files::EncryptedFileStore& store, std::string_view bytes, DocumentVersion& version, Write&& write) {
  version.blob = store.put(bytes);
  try {
    return write();
  } catch (...) {
    try {
      store.remove(version.blob.blob_id);
    } catch (const std::exception& e) {
      spdlog::error(R"({{"msg":"could not remove the file of a failed upload","blob":"{}","error":{}}})",
                    version.blob.blob_id, boost::json::serialize(boost::json::value(e.what())));
    }
    throw;
  }
}

// The document named by the path, on the person named by the path (404 for both alike).
Document load_document(store::Connection& c, const Request& request, const Person& person) {
  auto found = find_document(scoped(c, request), person.id, request.id_param("document_id"));
  if (!found) throw Problem::hidden().mark_access_denied();
  return *found;
}

// Whether the caller may add versions to `d` or archive it.
bool may_change(const Request& request, const Document& d, const DocumentType& type, std::int64_t organisation) {
  return right_on(request, type, Action::write, organisation, d.establishment_id) == Right::allowed;
}
bool may_archive(const Request& request, const Document& d, const DocumentType& type, std::int64_t organisation) {
  return may_change(request, d, type, organisation) ||
         right_on(request, *find_document_type("administrative"), Action::write, organisation, d.establishment_id) ==
             Right::allowed;
}

// The establishment a new document belongs to: the one named, else the person's registering one if the
// caller may write there, else the caller's only establishment for this type.
std::int64_t establishment_for_upload(store::Connection& c, const Request& request, const Person& person,
                                      const UploadMetadata& m) {
  const auto permission = document_permission(*m.type, Action::write);
  const auto only = auth::establishments_allowed(request.caller, permission, person.organisation_id);
  const auto allowed = [&](std::int64_t e) { return !only || std::find(only->begin(), only->end(), e) != only->end(); };
  if (m.establishment_id) {
    check_establishment(c, person.organisation_id, *m.establishment_id);
    if (!allowed(*m.establishment_id))
      throw Problem::invalid_field("establishment_id",
                                   "vous ne pouvez pas déposer ce type de document pour cet établissement");
    return *m.establishment_id;
  }
  if (allowed(person.registered_establishment_id)) return person.registered_establishment_id;
  if (only && only->size() == 1) return only->front();
  throw Problem::invalid_field("establishment_id", "précisez l'établissement auquel le document se rattache");
}

const DocumentType& type_of(const Document& d) {
  const auto* type = find_document_type(d.type);
  if (!type) throw std::runtime_error("document " + std::to_string(d.id) + " has an unknown type " + d.type);
  return *type;
}

}  // namespace

void register_document_routes(RouteTable& routes, const Services& services) {
  auto db = services.database;
  auto files_store = services.file_store;
  auto require_store = [files_store]() -> files::EncryptedFileStore& {
    if (!files_store)
      throw Problem(503, "unavailable", "Service indisponible",
                    "Le stockage chiffré des documents n'est pas configuré.");
    return *files_store;
  };

  routes.add(
      "GET", "/api/v1/document-types",
      {"Types de documents, qui les lit et les dépose, catégories de conservation",
       "Usagers",
       {},
       "",
       true,
       read_admin},
      [](Request& request) {
        boost::json::array types, retentions;
        for (const auto& t : document_types())
          types.push_back({{"code", t.code},
                           {"label", t.label},
                           {"category", category_code(t.category)},
                           {"default_retention", t.default_retention},
                           {"can_read", auth::may(request.caller, document_permission(t, Action::read))},
                           {"can_write", auth::may(request.caller, document_permission(t, Action::write))}});
        for (const auto& r : retention_categories())
          retentions.push_back({{"code", r.code}, {"label", r.label}, {"needs_reason", r.needs_reason}});
        return Response::json(
            {{"types", std::move(types)}, {"retentions", std::move(retentions)}, {"max_bytes", document_max_bytes}});
      });

  routes.add("GET", "/api/v1/persons/{id}/documents",
             {"Documents d'une personne que votre rôle peut lire (les documents médicaux : soignants seulement)",
              "Usagers",
              {{"type", "un type de document", false}, {"archived", "true : avec les documents archivés", false}},
              "",
              true,
              read_admin},
             [db](Request& request) {
               const auto type = request.query_param("type");
               if (type && !find_document_type(*type))
                 throw Problem::bad_request("Type de document inconnu.", {{"type", "type de document inconnu"}});
               const auto archived = request.query_param("archived");
               if (archived && *archived != "true" && *archived != "false")
                 throw Problem::bad_request("Paramètre « archived » invalide.", {{"archived", "true ou false"}});
               const bool with_archived = archived == "true";
               auto lease = db->acquire();
               auto person = load_person(*lease, request, read_admin);
               boost::json::array items;
               for (const auto& d : documents_of(scoped(*lease, request), person.id, type)) {
                 if (d.archived_at && !with_archived) continue;
                 const auto& t = type_of(d);
                 if (right_on(request, t, Action::read, person.organisation_id, d.establishment_id) != Right::allowed)
                   continue;
                 items.push_back(to_json(d, may_change(request, d, t, person.organisation_id), false));
               }
               audit::append_alone(*db, person_event(request, "read", person, {"documents"}));
               return Response::json({{"items", std::move(items)}});
             });

  routes.add("POST", "/api/v1/persons/{id}/documents",
             {"Déposer un document (corps : le fichier ; type, titre, nom du fichier dans l'adresse)",
              "Usagers",
              {{"type", "type de document", true},
               {"title", "titre", true},
               {"filename", "nom du fichier", true},
               {"retention", "catégorie de conservation (par défaut selon le type)", false},
               {"retention_reason", "motif légal (archive intermédiaire)", false},
               {"establishment_id", "établissement de rattachement", false}},
              "le fichier lui-même (PDF, image, document bureautique ; 20 Mo au plus)",
              true,
              read_admin,
              document_max_bytes},
             [db, require_store](Request& request) {
               auto& store = require_store();
               auto meta = read_upload_metadata(request);
               Person person;
               std::int64_t establishment = 0;
               {
                 auto lease = db->acquire();
                 person = load_person(*lease, request, read_admin);
                 if (!auth::may(request.caller, document_permission(*meta.type, Action::write)))
                   return refusal(*db, request, "create", person, person.registered_establishment_id, std::nullopt,
                                  *meta.type);
                 establishment = establishment_for_upload(*lease, request, person, meta);
               }
               const auto kind = check_file(request, meta.filename);
               Document d;
               d.person_id = person.id;
               d.establishment_id = establishment;
               d.type = meta.type->code;
               d.title = meta.title;
               d.retention = meta.retention;
               d.retention_reason = meta.retention_reason;
               d.created_by = request.caller.label;
               d.versions.push_back(version_of(request, kind, meta.filename));
               d.created_at = d.updated_at = d.versions.front().uploaded_at;
               d.id = store_then(store, request.body, d.versions.front(), [&] {
                 return db->in_transaction([&](store::Connection& c) {
                   const auto current = load_for_change(c, request, read_admin);
                   const auto id = insert_document(scoped(c, request), d);
                   audit::record_changes(c, request, current.organisation_id, "person", current.id,
                                         {{"document " + std::to_string(id), std::nullopt, d.type + ", version 1"}});
                   audit::append(c, document_event(request, "create", current, establishment, id,
                                                   {"type:" + d.type, "version:1"}));
                   return id;
                 });
               });
               return Response::json(to_json(d, true, true), 201);
             });

  routes.add("GET", "/api/v1/persons/{id}/documents/{document_id}",
             {"Un document et toutes ses versions", "Usagers", {}, "", true, read_admin}, [db](Request& request) {
               auto lease = db->acquire();
               auto person = load_person(*lease, request, read_admin);
               auto d = load_document(*lease, request, person);
               const auto& type = type_of(d);
               switch (right_on(request, type, Action::read, person.organisation_id, d.establishment_id)) {
                 case Right::forbidden:
                   return refusal(*db, request, "read", person, d.establishment_id, d.id, type);
                 case Right::elsewhere:
                   throw Problem::hidden().mark_access_denied();
                 case Right::allowed:
                   break;
               }
               audit::append_alone(
                   *db, document_event(request, "read", person, d.establishment_id, d.id, {"type:" + d.type}));
               return Response::json(to_json(d, may_change(request, d, type, person.organisation_id), true));
             });

  routes.add(
      "GET", "/api/v1/persons/{id}/documents/{document_id}/content",
      {"Télécharger un document (la version courante, ou ?version=n)",
       "Usagers",
       {{"version", "numéro de version", false}},
       "",
       true,
       read_admin},
      [db, require_store](Request& request) {
        auto& store = require_store();
        std::optional<std::int64_t> wanted;
        if (auto text = request.query_param("version")) {
          std::int64_t n = 0;
          const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), n);
          if (error != std::errc() || end != text->data() + text->size() || n < 1)
            throw Problem::bad_request("Paramètre « version » invalide.", {{"version", "numéro de version attendu"}});
          wanted = n;
        }
        Person person;
        Document d;
        {
          auto lease = db->acquire();
          person = load_person(*lease, request, read_admin);
          d = load_document(*lease, request, person);
        }
        const auto& type = type_of(d);
        switch (right_on(request, type, Action::read, person.organisation_id, d.establishment_id)) {
          case Right::forbidden:
            return refusal(*db, request, "download", person, d.establishment_id, d.id, type);
          case Right::elsewhere:
            throw Problem::hidden().mark_access_denied();
          case Right::allowed:
            break;
        }
        const auto version = wanted ? std::find_if(d.versions.begin(), d.versions.end(),
                                                   [&](const DocumentVersion& v) { return v.version == *wanted; })
                                    : d.versions.begin();
        if (version == d.versions.end()) throw Problem::not_found("Cette version du document n'existe pas.");
        auto bytes = store.get(version->blob);
        audit::append_alone(*db, document_event(request, "download", person, d.establishment_id, d.id,
                                                {"type:" + d.type, "version:" + std::to_string(version->version)}));
        Response response;
        response.body = std::move(bytes);
        // Texts were checked to be UTF-8 when uploaded: say so, or a browser may guess another encoding.
        response.set_header("Content-Type", version->media_type.starts_with("text/")
                                                ? version->media_type + "; charset=utf-8"
                                                : version->media_type);
        response.set_header("Content-Disposition", content_disposition("attachment", version->filename));
        return response;
      });

  routes.add("POST", "/api/v1/persons/{id}/documents/{document_id}/versions",
             {"Ajouter une version à un document (corps : le fichier ; nom du fichier dans l'adresse)",
              "Usagers",
              {{"filename", "nom du fichier", true}},
              "le fichier lui-même (20 Mo au plus)",
              true,
              read_admin,
              document_max_bytes},
             [db, require_store](Request& request) {
               auto& store = require_store();
               const auto filename = read_version_filename(request);
               Person person;
               Document d;
               {
                 auto lease = db->acquire();
                 person = load_person(*lease, request, read_admin);
                 d = load_document(*lease, request, person);
               }
               const auto& type = type_of(d);
               switch (right_on(request, type, Action::write, person.organisation_id, d.establishment_id)) {
                 case Right::forbidden:
                   return refusal(*db, request, "update", person, d.establishment_id, d.id, type);
                 case Right::elsewhere:
                   throw Problem::hidden().mark_access_denied();
                 case Right::allowed:
                   break;
               }
               if (d.archived_at)
                 throw Problem::conflict("Ce document est archivé : il ne reçoit plus de nouvelle version.");
               const auto kind = check_file(request, filename);
               auto version = version_of(request, kind, filename);
               store_then(store, request.body, version, [&] {
                 db->in_transaction([&](store::Connection& c) {
                   const auto current = load_for_change(c, request, read_admin);
                   const auto again = load_document(c, request, current);
                   if (again.archived_at)
                     throw Problem::conflict("Ce document est archivé : il ne reçoit plus de nouvelle version.");
                   version.version = add_version(scoped(c, request), d.id, version);
                   audit::record_changes(c, request, current.organisation_id, "person", current.id,
                                         {{"document " + std::to_string(d.id),
                                           d.type + ", version " + std::to_string(again.versions.front().version),
                                           d.type + ", version " + std::to_string(version.version)}});
                   audit::append(c, document_event(request, "update", current, d.establishment_id, d.id,
                                                   {"type:" + d.type, "version:" + std::to_string(version.version)}));
                 });
               });
               auto lease = db->acquire();
               return Response::json(to_json(load_document(*lease, request, person), true, true), 201);
             });

  routes.add(
      "POST", "/api/v1/persons/{id}/documents/{document_id}/archive",
      {"Archiver un document (conservé pour sa durée de conservation, plus de nouvelle version)",
       "Usagers",
       {},
       "",
       true,
       read_admin},
      [db](Request& request) {
        Person person;
        Document d;
        {
          auto lease = db->acquire();
          person = load_person(*lease, request, read_admin);
          d = load_document(*lease, request, person);
        }
        const auto& type = type_of(d);
        if (!may_archive(request, d, type, person.organisation_id)) {
          if (right_on(request, type, Action::read, person.organisation_id, d.establishment_id) == Right::elsewhere)
            throw Problem::hidden().mark_access_denied();
          return refusal(*db, request, "archive", person, d.establishment_id, d.id, type);
        }
        db->in_transaction([&](store::Connection& c) {
          const auto current = load_for_change(c, request, read_admin);
          const auto again = load_document(c, request, current);
          if (again.archived_at) throw Problem::conflict("Ce document est déjà archivé.");
          archive_document(scoped(c, request), d.id, request.caller.label);
          audit::record_changes(c, request, current.organisation_id, "person", current.id,
                                {{"document " + std::to_string(d.id) + " archivé", std::nullopt, d.type}});
          audit::append(c, document_event(request, "archive", current, d.establishment_id, d.id, {"type:" + d.type}));
        });
        auto lease = db->acquire();
        return Response::json(to_json(load_document(*lease, request, person),
                                      may_change(request, d, type, person.organisation_id), true));
      });
}

}  // namespace passerelle::modules::persons
