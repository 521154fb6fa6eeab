// Orientation decisions, legal protection and contacts of a person.
#include <algorithm>

#include "audit/history.hpp"
#include "core/clock.hpp"
#include "core/json_reader.hpp"
#include "modules/persons/json.hpp"
#include "modules/persons/record_store.hpp"
#include "modules/persons/routes_support.hpp"

namespace passerelle::modules::persons {
namespace {

std::string describe(const Protection& p) {
  std::string out = p.kind + " depuis le " + p.start_date.to_string();
  if (p.end_date) out += " jusqu'au " + p.end_date->to_string();
  return out + ", exercée par " + p.protector_name;
}

std::string name_of(const Contact& c) { return c.first_name ? *c.first_name + " " + c.last_name : c.last_name; }

std::vector<audit::FieldChange> contact_changes(const Contact& a, const Contact& b) {
  const auto prefix = "contact " + std::to_string(b.id) + " ";
  auto yes_no = [](bool v) { return std::optional<std::string>(v ? "oui" : "non"); };
  return {{prefix + "kind", a.kind, b.kind},
          {prefix + "name", name_of(a), name_of(b)},
          {prefix + "relationship", a.relationship, b.relationship},
          {prefix + "phone", a.phone, b.phone},
          {prefix + "email", a.email, b.email},
          {prefix + "address", a.address_line.value_or("") + " " + a.postal_code.value_or("") + " " + a.city.value_or(""),
           b.address_line.value_or("") + " " + b.postal_code.value_or("") + " " + b.city.value_or("")},
          {prefix + "receives_letters", yes_no(a.receives_letters), yes_no(b.receives_letters)},
          {prefix + "to_be_informed", yes_no(a.to_be_informed), yes_no(b.to_be_informed)},
          {prefix + "emergency", yes_no(a.emergency), yes_no(b.emergency)},
          {prefix + "archived", yes_no(a.archived_at.has_value()), yes_no(b.archived_at.has_value())}};
}

}  // namespace

void register_circle_routes(RouteTable& routes, const Services& services) {
  auto db = services.database;

  routes.add("GET", "/api/v1/persons/{id}/decisions",
             {"Décisions d'orientation d'une personne, avec leur validité", "Usagers", {}, "", true, read_admin},
             [db](Request& request) {
               auto lease = db->acquire();
               auto person = load_person(*lease, request, read_admin);
               boost::json::array items;
               for (const auto& d : decisions_of(scoped(*lease, request), person.id)) items.push_back(to_json(d, Date::today()));
               audit::append_alone(*db, person_event(request, "read", person, {"decisions"}));
               return Response::json({{"items", std::move(items)}});
             });

  routes.add("POST", "/api/v1/persons/{id}/decisions",
             {"Enregistrer une décision d'orientation (CDAPH / MDPH)", "Usagers", {},
              "decision_reference, decision_date, category_code, valid_from, valid_to, mdph_number?, creton?", true,
              write_admin},
             [db](Request& request) {
               auto decision = read_decision(json_body(request));
               auto created = db->in_transaction([&](store::Connection& c) {
                 auto person = load_for_change(c, request, write_admin);
                 decision.person_id = person.id;
                 decision.id = insert_decision(scoped(c, request), decision);
                 audit::record_changes(c, request, person.organisation_id, "person", person.id,
                                       {{"decisions", std::nullopt,
                                         decision.decision_reference + " : " + decision.category_code + " du " +
                                             decision.valid_from.to_string() + " au " + decision.valid_to.to_string()}});
                 audit::append(c, person_event(request, "update", person, {"decisions"}));
                 return decision;
               });
               return Response::json(to_json(created, Date::today()), 201);
             });

  routes.add("POST", "/api/v1/persons/{id}/protections",
             {"Enregistrer une mesure de protection juridique (tutelle, curatelle, habilitation familiale…)", "Usagers", {},
              "kind, start_date, end_date?, judgement_reference?, protector_kind, protector_name, protector_phone?, "
              "protector_email?, protector_address?",
              true, write_admin},
             [db](Request& request) {
               auto measure = read_protection(json_body(request), nullptr);
               auto created = db->in_transaction([&](store::Connection& c) {
                 auto person = load_for_change(c, request, write_admin);
                 measure.person_id = person.id;
                 measure.id = insert_protection(scoped(c, request), measure);
                 audit::record_changes(c, request, person.organisation_id, "person", person.id,
                                       {{"protection " + std::to_string(measure.id), std::nullopt, describe(measure)}});
                 audit::append(c, person_event(request, "update", person, {"protection"}));
                 return measure;
               });
               return Response::json(to_json(created, Date::today()), 201);
             });

  routes.add("PATCH", "/api/v1/persons/{id}/protections/{protection_id}",
             {"Modifier une mesure de protection (fin de mesure, changement de protecteur)", "Usagers", {},
              "les champs à modifier", true, write_admin},
             [db](Request& request) {
               auto body = json_body(request);
               auto updated = db->in_transaction([&](store::Connection& c) {
                 auto person = load_for_change(c, request, write_admin);
                 auto all = protections_of(scoped(c, request), person.id);
                 auto it = std::find_if(all.begin(), all.end(), [&](const auto& p) { return p.id == request.id_param("protection_id"); });
                 if (it == all.end()) throw Problem::hidden();
                 auto next = read_protection(body, &*it);
                 update_protection(scoped(c, request), next);
                 auto changed = audit::record_changes(c, request, person.organisation_id, "person", person.id,
                                                      {{"protection " + std::to_string(next.id), describe(*it), describe(next)}});
                 audit::append(c, person_event(request, "update", person, {"protection"}));
                 return next;
               });
               return Response::json(to_json(updated, Date::today()));
             });

  routes.add("GET", "/api/v1/persons/{id}/contacts",
             {"Entourage d'une personne (famille, représentant légal, personne de confiance, médecin) et leurs droits",
              "Usagers", {{"archived", "true : avec les contacts archivés", false}}, "", true, read_admin},
             [db](Request& request) {
               const bool archived = request.query_param("archived").value_or("") == "true";
               auto lease = db->acquire();
               auto person = load_person(*lease, request, read_admin);
               boost::json::array items;
               for (const auto& c : contacts_of(scoped(*lease, request), person.id))
                 if (archived || !c.archived_at) items.push_back(to_json(c));
               audit::append_alone(*db, person_event(request, "read", person, {"contacts"}));
               return Response::json({{"items", std::move(items)}});
             });

  routes.add("POST", "/api/v1/persons/{id}/contacts",
             {"Ajouter un contact de l'entourage", "Usagers", {},
              "kind, last_name, first_name?, relationship?, civility?, phone?, email?, address_line?, postal_code?, city?, "
              "receives_letters?, to_be_informed?, emergency?",
              true, write_admin},
             [db](Request& request) {
               auto contact = read_contact(json_body(request), nullptr);
               auto created = db->in_transaction([&](store::Connection& c) {
                 auto person = load_for_change(c, request, write_admin);
                 auto data = scoped(c, request);
                 check_one_trusted_person(contacts_of(data, person.id), contact);
                 contact.person_id = person.id;
                 contact.id = insert_contact(data, contact);
                 audit::record_changes(c, request, person.organisation_id, "person", person.id,
                                       {{"contact " + std::to_string(contact.id), std::nullopt, contact.kind + " : " + name_of(contact)}});
                 audit::append(c, person_event(request, "update", person, {"contacts"}));
                 return contact;
               });
               return Response::json(to_json(created), 201);
             });

  routes.add("PATCH", "/api/v1/persons/{id}/contacts/{contact_id}",
             {"Modifier un contact, ses droits, ou l'archiver (archived: true)", "Usagers", {}, "les champs à modifier", true,
              write_admin},
             [db](Request& request) {
               auto body = json_body(request);
               auto updated = db->in_transaction([&](store::Connection& c) {
                 auto person = load_for_change(c, request, write_admin);
                 auto data = scoped(c, request);
                 auto all = contacts_of(data, person.id);
                 auto it = std::find_if(all.begin(), all.end(), [&](const auto& x) { return x.id == request.id_param("contact_id"); });
                 if (it == all.end()) throw Problem::hidden();
                 std::optional<bool> archive;
                 auto next = read_contact(body, &*it, &archive);
                 if (archive) next.archived_at = *archive ? std::optional<std::string>(it->archived_at.value_or(now_iso8601())) : std::nullopt;
                 check_one_trusted_person(all, next);
                 update_contact(data, next);
                 auto changed = audit::record_changes(c, request, person.organisation_id, "person", person.id, contact_changes(*it, next));
                 audit::append(c, person_event(request, "update", person, {"contacts"}));
                 return next;
               });
               return Response::json(to_json(updated));
             });
}

}  // namespace passerelle::modules::persons
