#include "modules/persons/routes_support.hpp"

#include <charconv>

#include "auth/policy.hpp"
#include "modules/establishments/reference.hpp"

namespace passerelle::modules::persons {

std::int64_t organisation_of_caller(const Request& request) {
  if (!request.caller.organisation_id) throw Problem::forbidden("Les dossiers appartiennent à un organisme.").mark_access_denied();
  return *request.caller.organisation_id;
}

Visibility visibility_for(const Request& request, const Permission& permission) {
  return {auth::establishments_allowed(request.caller, permission, organisation_of_caller(request))};
}

store::Scoped scoped(store::Connection& c, const Request& request) {
  return store::Scoped(c, store::Scope::organisation(organisation_of_caller(request)));
}

Person load_person(store::Connection& c, const Request& request, const Permission& permission, const std::string& id_name) {
  auto found = find_person(scoped(c, request), request.id_param(id_name), visibility_for(request, permission));
  if (!found) throw Problem::hidden().mark_access_denied();
  return *found;
}

Person load_for_change(store::Connection& c, const Request& request, const Permission& permission) {
  auto person = load_person(c, request, permission);
  if (person.merged_into)
    throw Problem::conflict("Ce dossier a été fusionné dans le dossier n° " + std::to_string(*person.merged_into) +
                            " : les modifications se font sur ce dernier.");
  if (scoped(c, request).backend() == store::Backend::postgresql)  // one change of a record at a time
    scoped(c, request).query("SELECT id FROM person WHERE {{tenant}} AND id = :id FOR UPDATE", {{"id", person.id}});
  return person;
}

void check_establishment(store::Connection& c, std::int64_t organisation_id, std::int64_t establishment_id,
                         const std::string& field) {
  if (!c.query_one("SELECT id FROM establishment WHERE id = :id AND organisation_id = :o AND archived_at IS NULL",
                   {{"id", establishment_id}, {"o", organisation_id}}))
    throw Problem::invalid_field(field, "établissement inconnu dans votre organisme");
}

audit::Event person_event(const Request& request, const std::string& action, const Person& p, std::vector<std::string> fields) {
  auto e = audit::event_for(request, action, "person", std::to_string(p.id));
  e.organisation_id = p.organisation_id;
  e.establishment_id = p.registered_establishment_id;
  e.person_id = p.id;
  e.fields = std::move(fields);
  return e;
}

std::string describe(const Stay& s) {
  std::string out = "établissement " + std::to_string(s.establishment_id) + ", mode " + s.care_mode + ", du " +
                    s.admission_date.to_string();
  if (s.discharge_date) out += " au " + s.discharge_date->to_string();
  return out;
}

std::optional<std::int64_t> id_query(const Request& request, const char* name, bool required) {
  auto text = request.query_param(name);
  if (!text) {
    if (required) throw Problem::bad_request("Paramètre « " + std::string(name) + " » obligatoire.", {{name, "identifiant attendu"}});
    return std::nullopt;
  }
  std::int64_t id = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), id);
  if (error != std::errc() || end != text->data() + text->size() || id < 1)
    throw Problem::bad_request("Paramètre « " + std::string(name) + " » invalide.", {{name, "identifiant attendu"}});
  return id;
}

std::vector<std::string_view> care_mode_codes() { return establishments::codes_of(establishments::care_modes()); }

std::optional<Date> date_query(const Request& request, const char* name, bool required) {
  auto text = request.query_param(name);
  if (!text) {
    if (required) throw Problem::bad_request("Paramètre « " + std::string(name) + " » obligatoire.", {{name, "date AAAA-MM-JJ attendue"}});
    return std::nullopt;
  }
  auto d = Date::parse(*text);
  if (!d) throw Problem::bad_request("Paramètre « " + std::string(name) + " » invalide.", {{name, "date AAAA-MM-JJ attendue"}});
  return d;
}

}  // namespace passerelle::modules::persons
