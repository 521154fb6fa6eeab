// Who may see and write an appointment: the establishments of the caller's grants, its own agenda,
// the care team for medical appointments; who may be invited to one.
#include <algorithm>
#include <iterator>
#include <tuple>

#include "auth/policy.hpp"
#include "modules/persons/appointment_support.hpp"

namespace passerelle::modules::persons {
namespace {

const Permission write_social{Brick::persons, DataCategory::social, Action::write};
const Permission read_medical{Brick::persons, DataCategory::medical, Action::read};
const Permission write_medical{Brick::persons, DataCategory::medical, Action::write};
// Making appointments is the secretaries', heads of service's, directors' and professionals' task.
const Permission* const appointment_writers[] = {&write_admin, &write_social, &write_medical};
constexpr std::int64_t agenda_lock_key = 7427010;

bool allowed_in_establishment(const Request& request, const Permission& permission, std::int64_t organisation, std::int64_t establishment) {
  if (!auth::may(request.caller, permission)) return false;
  auto only = auth::establishments_allowed(request.caller, permission, organisation);
  return !only || std::find(only->begin(), only->end(), establishment) != only->end();
}

bool is_professional_of(const Request& request, const Appointment& a) {
  const auto me = request.caller.account_id;
  return me && std::any_of(a.professionals.begin(), a.professionals.end(), [&](const auto& p) { return p.id == *me; });
}

}  // namespace

// Seen from the establishments where the caller reads persons, and by its own professionals
// wherever it is (a professional always sees their own agenda).
bool may_see_appointment(const Request& request, const Appointment& a) {
  return allowed_in_establishment(request, read_admin, a.organisation_id, a.establishment_id) || is_professional_of(request, a);
}

// Medical secret (CSP L.1110-4): what a medical appointment is about is for the care team.
bool shows_appointment_detail(const Request& request, const Appointment& a) {
  return a.kind != "medical" || allowed_in_establishment(request, read_medical, a.organisation_id, a.establishment_id);
}

// Roles that make no appointment anywhere (the DPO) are refused before anything is read.
void require_appointment_writer(const Request& request) {
  for (const auto* p : appointment_writers)
    if (auth::may(request.caller, *p)) return;
  throw Problem::forbidden("Votre rôle ne permet pas de prendre ou de modifier des rendez-vous.").mark_access_denied();
}

// Writing in this establishment: a medical appointment needs the care team's permission.
void require_appointment_write_in(const Request& request, std::int64_t organisation, std::int64_t establishment, bool medical) {
  if (medical) {
    if (!auth::may(request.caller, write_medical))
      throw Problem::forbidden("Les rendez-vous médicaux sont gérés par l'équipe soignante.").mark_access_denied();
    auth::require(request.caller, write_medical, organisation, establishment);
    return;
  }
  for (const auto* p : appointment_writers)
    if (allowed_in_establishment(request, *p, organisation, establishment)) return;
  throw Problem::hidden().mark_access_denied();  // allowed elsewhere, not in this establishment
}

Appointment load_visible_appointment(store::Connection& c, const Request& request) {
  auto found = find_appointment(scoped(c, request), request.id_param("id"));
  if (!found || !may_see_appointment(request, *found)) throw Problem::hidden().mark_access_denied();
  return *found;
}

// One change of the organisation's agenda at a time, so that two requests cannot both take a
// free slot (SQLite writes one transaction at a time already).
void lock_agenda(store::Connection& c, std::int64_t organisation) {
  if (c.backend() == store::Backend::postgresql)
    c.query("SELECT CAST(pg_advisory_xact_lock(:k, CAST(:o AS INTEGER)) AS TEXT) AS locked",
            {{"k", agenda_lock_key}, {"o", organisation}});
}

// Roles that may appear as an appointment's professional: those who make appointments with persons
// (not the DPO, who reads records only to answer requests).
bool makes_appointments(const std::string& role) {
  auto r = auth::role_from_code(role);
  return r && std::any_of(std::begin(appointment_writers), std::end(appointment_writers),
                          [&](const Permission* p) { return auth::role_allows(*r, *p); });
}

// The person and professionals of `a` exist, may be named by the caller, and belong to its
// establishment; fills the professionals' names. 422 naming every bad one.
void check_appointment_parties(const store::Scoped& db, const Request& request, Appointment& a, bool person_changed, bool professionals_changed) {
  std::vector<FieldError> errors;
  if (a.person_id && person_changed) {
    auto person = find_person(db, *a.person_id, visibility_for(request, read_admin));
    if (!person) {
      errors.push_back({"person_id", "personne inconnue ou hors de vos établissements"});
    } else if (person->merged_into) {
      errors.push_back({"person_id", "ce dossier a été fusionné dans le dossier n° " + std::to_string(*person->merged_into)});
    } else {
      const auto where = establishments_of(db, *person);
      if (std::find(where.begin(), where.end(), a.establishment_id) == where.end())
        errors.push_back({"person_id", "cette personne n'est pas accompagnée par cet établissement"});
    }
  }
  if (professionals_changed && !a.professionals.empty()) {
    const auto grants = active_account_grants(db);
    for (std::size_t i = 0; i < a.professionals.size(); ++i) {
      auto& p = a.professionals[i];
      auto it = std::find_if(grants.begin(), grants.end(), [&](const AccountGrant& g) {
        return g.account_id == p.id && makes_appointments(g.role) && (!g.establishment_id || *g.establishment_id == a.establishment_id);
      });
      if (it == grants.end())
        errors.push_back({"professional_ids/" + std::to_string(i), "professionnel inconnu ou sans accès aux usagers de cet établissement"});
      else
        p.display_name = it->display_name;
    }
    std::sort(a.professionals.begin(), a.professionals.end(), [](const auto& x, const auto& y) {
      return std::tie(x.display_name, x.id) < std::tie(y.display_name, y.id);
    });
  }
  if (!errors.empty()) throw Problem::invalid(std::move(errors));
}

}  // namespace passerelle::modules::persons
