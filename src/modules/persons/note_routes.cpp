// Notes (transmissions): read by confidentiality level, written, corrected (never deleted).
#include <algorithm>

#include "audit/history.hpp"
#include "auth/policy.hpp"
#include "modules/persons/notes.hpp"
#include "modules/persons/routes_support.hpp"

namespace passerelle::modules::persons {
namespace {

const Permission read_social{Brick::persons, DataCategory::social, Action::read};
const Permission write_social{Brick::persons, DataCategory::social, Action::write};
const Permission read_medical{Brick::persons, DataCategory::medical, Action::read};
const Permission write_medical{Brick::persons, DataCategory::medical, Action::write};

bool allowed_in(const Request& request, const Permission& permission, std::int64_t organisation, std::int64_t establishment) {
  if (!auth::may(request.caller, permission)) return false;
  auto only = auth::establishments_allowed(request.caller, permission, organisation);
  return !only || std::find(only->begin(), only->end(), establishment) != only->end();
}

// Whether the caller may read this note: its level's permission in its establishment, and for a
// named note, being its author or one of its readers.
bool may_read(const Request& request, const Note& n, std::int64_t organisation) {
  if (n.confidentiality == "medical") return allowed_in(request, read_medical, organisation, n.establishment_id);
  if (!allowed_in(request, read_social, organisation, n.establishment_id)) return false;
  if (n.confidentiality == "named") {
    const auto me = request.caller.account_id;
    return me && (n.author_account_id == me || std::find(n.readers.begin(), n.readers.end(), *me) != n.readers.end());
  }
  return true;
}

boost::json::object to_json(const Note& n) {
  boost::json::array readers, corrected_by;
  for (auto r : n.readers) readers.emplace_back(r);
  for (auto c : n.corrected_by) corrected_by.emplace_back(c);
  return {{"id", n.id},
          {"person_id", n.person_id},
          {"establishment_id", n.establishment_id},
          {"category", n.category},
          {"confidentiality", n.confidentiality},
          {"occurred_on", n.occurred_on.to_string()},
          {"body", n.body},
          {"corrects_note_id", n.corrects_note_id ? boost::json::value(*n.corrects_note_id) : nullptr},
          {"corrected_by", std::move(corrected_by)},
          {"author", n.author_label},
          {"readers", std::move(readers)},
          {"created_at", n.created_at}};
}

}  // namespace

void register_note_routes(RouteTable& routes, const Services& services) {
  auto db = services.database;
  auto sealer = services.notes_sealer;
  auto require_key = [sealer] {
    if (!sealer) throw Problem(503, "unavailable", "Service indisponible", "La clé de chiffrement n'est pas chargée.");
  };

  routes.add("GET", "/api/v1/persons/{id}/notes",
             {"Transmissions d'une personne que votre rôle peut lire (équipe, nominatives, médicales)", "Usagers",
              {{"category", "une catégorie", false}}, "", true, read_social},
             [db, sealer, require_key](Request& request) {
               require_key();
               const auto category = request.query_param("category");
               auto lease = db->acquire();
               auto person = load_person(*lease, request, read_social);
               boost::json::array items;
               for (const auto& n : notes_of(scoped(*lease, request), *sealer, person.id))
                 if ((!category || n.category == *category) && may_read(request, n, person.organisation_id))
                   items.push_back(to_json(n));
               audit::append_alone(*db, person_event(request, "read", person, {"notes"}));
               return Response::json({{"items", std::move(items)}});
             });

  routes.add("POST", "/api/v1/persons/{id}/notes",
             {"Écrire une transmission (ou corriger la sienne : corrects_note_id) ; le niveau médical est réservé aux soignants",
              "Usagers", {},
              "category, confidentiality (team|named|medical), occurred_on, body, establishment_id?, readers? (comptes, "
              "note nominative), corrects_note_id?",
              true, read_social},
             [db, sealer, require_key](Request& request) {
               require_key();
               const auto body = json_body(request);
               std::optional<std::int64_t> establishment;
               auto note = read_note(body, &establishment, Date::today());
               auto created = db->in_transaction([&](store::Connection& c) {
                 auto person = load_for_change(c, request, read_social);
                 // The establishment the note belongs to: given, or the one that opened the record.
                 note.establishment_id = establishment.value_or(person.registered_establishment_id);
                 check_establishment(c, person.organisation_id, note.establishment_id);
                 const bool medical = note.confidentiality == "medical";
                 // Medical secret (CSP L.1110-4): only care roles write at the medical level.
                 auth::require(request.caller, medical ? write_medical : write_social, person.organisation_id, note.establishment_id);
                 auto data = scoped(c, request);
                 if (note.corrects_note_id) {
                   auto all = notes_of(data, *sealer, person.id);
                   auto it = std::find_if(all.begin(), all.end(), [&](const Note& n) { return n.id == *note.corrects_note_id; });
                   if (it == all.end() || !may_read(request, *it, person.organisation_id))
                     throw Problem::invalid_field("corrects_note_id", "note inconnue pour cette personne");
                   if (it->author_account_id != request.caller.account_id)
                     throw Problem::invalid_field("corrects_note_id", "seul l'auteur corrige sa note");
                   if (it->confidentiality != note.confidentiality || it->establishment_id != note.establishment_id)
                     throw Problem::invalid_field("confidentiality", "la correction garde le niveau et l'établissement de la note");
                 }
                 for (auto reader : note.readers)
                   if (!data.query_one("SELECT id FROM account WHERE {{tenant}} AND id = :a AND disabled_at IS NULL", {{"a", reader}}))
                     throw Problem::invalid_field("readers", "compte inconnu dans votre organisme : " + std::to_string(reader));
                 note.person_id = person.id;
                 note.author_account_id = request.caller.account_id;
                 note.author_label = request.caller.label;
                 note.id = insert_note(data, *sealer, note);
                 // The history names the note, never its content (kept sealed).
                 audit::record_changes(c, request, person.organisation_id, "person", person.id,
                                       {{"note " + std::to_string(note.id), note.corrects_note_id ? std::optional(
                                                                                  "note " + std::to_string(*note.corrects_note_id))
                                                                            : std::nullopt,
                                         note.category + " (" + note.confidentiality + ")"}});
                 auto e = person_event(request, "create", person, {"note:" + note.confidentiality});
                 e.establishment_id = note.establishment_id;
                 audit::append(c, e);
                 return note;
               });
               return Response::json(to_json(created), 201);
             });
}

}  // namespace passerelle::modules::persons
