// The identity photo of a person (optional): a JPEG or PNG image, checked by content, stored encrypted like
// documents, replaced or deleted (the file goes with it). Administrative data: secretaries, heads of service
// and directors write it; whoever reads the identity sees it.
#include <spdlog/spdlog.h>

#include "audit/history.hpp"
#include "core/clock.hpp"
#include "core/files/file_kind.hpp"
#include "modules/persons/document_store.hpp"
#include "modules/persons/documents.hpp"
#include "modules/persons/routes_support.hpp"

namespace passerelle::modules::persons {
namespace {

std::string describe(const Photo& p) {
  return (p.media_type == "image/png" ? std::string("PNG, ") : std::string("JPEG, ")) +
         std::to_string((p.blob.size + 1023) / 1024) + " Ko";
}

// Removes a file no row points to any more; a failure leaves an orphan file (encrypted, unreadable without
// its row's key), worth a log line, not a failed request.
void remove_file(files::EncryptedFileStore& store, const std::string& blob_id) {
  try {
    store.remove(blob_id);
  } catch (const std::exception& e) {
    spdlog::error(R"({{"msg":"could not remove a stored file","blob":"{}","error":{}}})", blob_id,
                  boost::json::serialize(boost::json::value(e.what())));
  }
}

boost::json::object to_json(const Photo& p) {
  return {{"person_id", p.person_id},
          {"media_type", p.media_type},
          {"size", p.blob.size},
          {"updated_at", p.updated_at},
          {"updated_by", p.updated_by}};
}

}  // namespace

void register_photo_routes(RouteTable& routes, const Services& services) {
  auto db = services.database;
  auto files_store = services.file_store;
  auto require_store = [files_store]() -> files::EncryptedFileStore& {
    if (!files_store)
      throw Problem(503, "unavailable", "Service indisponible",
                    "Le stockage chiffré des documents n'est pas configuré.");
    return *files_store;
  };

  routes.add("PUT", "/api/v1/persons/{id}/photo",
             {"Enregistrer la photo d'identité (corps : l'image JPEG ou PNG, 5 Mo au plus)",
              "Usagers",
              {},
              "l'image elle-même (JPEG ou PNG)",
              true,
              write_admin,
              photo_max_bytes},
             [db, require_store](Request& request) {
               auto& store = require_store();
               {
                 auto lease = db->acquire();
                 load_for_change(*lease, request, write_admin);
               }
               files::SniffOptions options;
               options.max_bytes = photo_max_bytes;
               const auto header = request.header("content-type");
               const auto kind = files::sniff(request.body, "", header ? *header : std::string_view(), options);
               if (kind.media_type != "image/jpeg" && kind.media_type != "image/png")
                 throw Problem::invalid_field("file", "La photo doit être une image JPEG ou PNG.");
               Photo photo;
               photo.media_type = kind.media_type;
               photo.updated_by = request.caller.label;
               photo.updated_at = now_iso8601();
               photo.blob = store.put(request.body);
               std::optional<Photo> previous;
               try {
                 db->in_transaction([&](store::Connection& c) {
                   const auto person = load_for_change(c, request, write_admin);
                   auto data = scoped(c, request);
                   photo.person_id = person.id;
                   previous = photo_of(data, person.id);
                   replace_photo(data, photo);
                   audit::record_changes(
                       c, request, person.organisation_id, "person", person.id,
                       {{"photo", previous ? std::optional(describe(*previous)) : std::nullopt, describe(photo)}});
                   audit::append(c, person_event(request, "update", person, {"photo"}));
                 });
               } catch (...) {
                 remove_file(store, photo.blob.blob_id);
                 throw;
               }
               if (previous) remove_file(store, previous->blob.blob_id);
               return Response::json(to_json(photo));
             });

  routes.add("GET", "/api/v1/persons/{id}/photo",
             {"La photo d'identité (image), 404 s'il n'y en a pas", "Usagers", {}, "", true, read_admin},
             [db, require_store](Request& request) {
               auto& store = require_store();
               Person person;
               std::optional<Photo> photo;
               {
                 auto lease = db->acquire();
                 person = load_person(*lease, request, read_admin);
                 photo = photo_of(scoped(*lease, request), person.id);
               }
               if (!photo) throw Problem::not_found("Aucune photo pour cette personne.");
               auto bytes = store.get(photo->blob);
               audit::append_alone(*db, person_event(request, "read", person, {"photo"}));
               Response response;
               response.body = std::move(bytes);
               response.set_header("Content-Type", photo->media_type);
               response.set_header(
                   "Content-Disposition",
                   content_disposition("inline", photo->media_type == "image/png" ? "photo.png" : "photo.jpg"));
               return response;
             });

  routes.add("DELETE", "/api/v1/persons/{id}/photo",
             {"Supprimer la photo d'identité", "Usagers", {}, "", true, write_admin},
             [db, require_store](Request& request) {
               auto& store = require_store();
               auto removed = db->in_transaction([&](store::Connection& c) {
                 const auto person = load_for_change(c, request, write_admin);
                 auto data = scoped(c, request);
                 auto photo = photo_of(data, person.id);
                 if (!photo) throw Problem::not_found("Aucune photo pour cette personne.");
                 delete_photo(data, person.id);
                 audit::record_changes(c, request, person.organisation_id, "person", person.id,
                                       {{"photo", describe(*photo), std::nullopt}});
                 audit::append(c, person_event(request, "delete", person, {"photo"}));
                 return *photo;
               });
               remove_file(store, removed.blob.blob_id);
               return Response::no_content();
             });
}

}  // namespace passerelle::modules::persons
