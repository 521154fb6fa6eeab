#include "modules/persons/appointment_store.hpp"

#include <map>
#include <stdexcept>

#include "core/clock.hpp"
#include "core/text.hpp"

namespace passerelle::modules::persons {
namespace {

const char* const appointment_columns =
    "SELECT a.id, a.organisation_id, a.establishment_id, a.person_id, a.starts_at, a.ends_at, a.kind, a.title, a.place, "
    "a.comment, a.status, a.cancel_reason, a.created_by_account_id, a.created_by, a.created_at, a.updated_at, "
    "pe.birth_name AS person_birth_name, pe.used_name AS person_used_name, pe.first_names AS person_first_names, "
    "pe.used_first_name AS person_used_first_name FROM appointment a LEFT JOIN person pe ON pe.id = a.person_id ";

LocalTime time_from(const store::Row& r, std::string_view column) {
  auto t = LocalTime::parse(r.text(column));
  if (!t) throw std::runtime_error("appointment " + std::to_string(r.integer("id")) + ": unreadable " + std::string(column));
  return *t;
}

Appointment appointment_from(const store::Row& r) {
  Appointment a;
  a.id = r.integer("id");
  a.organisation_id = r.integer("organisation_id");
  a.establishment_id = r.integer("establishment_id");
  a.person_id = r.optional_integer("person_id");
  if (a.person_id)
    a.person = AppointmentPerson{*a.person_id, r.text("person_birth_name"), r.optional_text("person_used_name"),
                                 split(r.text("person_first_names"), '\t'), r.optional_text("person_used_first_name")};
  a.starts_at = time_from(r, "starts_at");
  a.ends_at = time_from(r, "ends_at");
  a.kind = r.text("kind");
  a.title = r.text("title");
  a.place = r.optional_text("place");
  a.comment = r.optional_text("comment");
  a.status = r.text("status");
  a.cancel_reason = r.optional_text("cancel_reason");
  a.created_by_account_id = r.optional_integer("created_by_account_id");
  a.created_by = r.text("created_by");
  a.created_at = r.text("created_at");
  a.updated_at = r.text("updated_at");
  return a;
}

// The appointments chosen by `where` (on `a`), each with its professionals.
std::vector<Appointment> load(const store::Scoped& db, const std::string& where, const store::Params& params) {
  std::vector<Appointment> out;
  std::map<std::int64_t, std::size_t> index;
  for (const auto& r : db.query(appointment_columns + where + " ORDER BY a.starts_at, a.ends_at, a.id", params)) {
    index[r.integer("id")] = out.size();
    out.push_back(appointment_from(r));
  }
  if (out.empty()) return out;
  for (const auto& r : db.query("SELECT ap.appointment_id, ac.id AS account_id, ac.display_name FROM appointment a "
                                "JOIN appointment_professional ap ON ap.appointment_id = a.id "
                                "JOIN account ac ON ac.id = ap.account_id " +
                                    where + " ORDER BY ac.display_name, ac.id",
                                params)) {
    auto it = index.find(r.integer("appointment_id"));
    if (it != index.end()) out[it->second].professionals.push_back({r.integer("account_id"), r.text("display_name")});
  }
  return out;
}

void write_parties(const store::Scoped& db, const Appointment& a) {
  db.execute("DELETE FROM appointment_professional WHERE {{tenant}} AND appointment_id = :id", {{"id", a.id}});
  db.execute("DELETE FROM appointment_busy WHERE {{tenant}} AND appointment_id = :id", {{"id", a.id}});
  for (const auto& p : a.professionals)
    db.execute("INSERT INTO appointment_professional (appointment_id, account_id, organisation_id) VALUES (:id, :account, "
               "{{tenant_id}})",
               {{"id", a.id}, {"account", p.id}});
  for (const auto& party : busy_parties(a))
    db.execute("INSERT INTO appointment_busy (organisation_id, appointment_id, party, starts_at, ends_at) VALUES "
               "({{tenant_id}}, :id, :party, :starts, :ends)",
               {{"id", a.id}, {"party", party}, {"starts", a.starts_at.to_string()}, {"ends", a.ends_at.to_string()}});
}

std::vector<BusySlot> slots_from(const std::vector<store::Row>& rows) {
  std::vector<BusySlot> out;
  for (const auto& r : rows)
    out.push_back({r.integer("appointment_id"), r.text("party"), *LocalTime::parse(r.text("starts_at")),
                   *LocalTime::parse(r.text("ends_at"))});
  return out;
}

}  // namespace

std::int64_t insert_appointment(const store::Scoped& db, const Appointment& a) {
  const auto now = now_iso8601();
  Appointment stored = a;
  stored.id = db.insert_returning_id(
      "INSERT INTO appointment (organisation_id, establishment_id, person_id, starts_at, ends_at, kind, title, place, "
      "comment, status, cancel_reason, created_by_account_id, created_by, created_at, updated_at) VALUES ({{tenant_id}}, "
      ":establishment, :person, :starts, :ends, :kind, :title, :place, :comment, :status, :reason, :author, :label, :now, "
      ":now2) RETURNING id",
      {{"establishment", a.establishment_id}, {"person", store::nullable(a.person_id)},
       {"starts", a.starts_at.to_string()}, {"ends", a.ends_at.to_string()}, {"kind", a.kind}, {"title", a.title},
       {"place", store::nullable(a.place)}, {"comment", store::nullable(a.comment)}, {"status", a.status},
       {"reason", store::nullable(a.cancel_reason)}, {"author", store::nullable(a.created_by_account_id)},
       {"label", a.created_by}, {"now", now}, {"now2", now}});
  write_parties(db, stored);
  return stored.id;
}

void update_appointment(const store::Scoped& db, const Appointment& a) {
  db.execute("UPDATE appointment SET establishment_id = :establishment, person_id = :person, starts_at = :starts, "
             "ends_at = :ends, kind = :kind, title = :title, place = :place, comment = :comment, status = :status, "
             "cancel_reason = :reason, updated_at = :now WHERE {{tenant}} AND id = :id",
             {{"establishment", a.establishment_id}, {"person", store::nullable(a.person_id)},
              {"starts", a.starts_at.to_string()}, {"ends", a.ends_at.to_string()}, {"kind", a.kind}, {"title", a.title},
              {"place", store::nullable(a.place)}, {"comment", store::nullable(a.comment)}, {"status", a.status},
              {"reason", store::nullable(a.cancel_reason)}, {"now", now_iso8601()}, {"id", a.id}});
  write_parties(db, a);
}

std::optional<Appointment> find_appointment(const store::Scoped& db, std::int64_t id) {
  auto found = load(db, "WHERE {{tenant:a.organisation_id}} AND a.id = :id", {{"id", id}});
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::vector<Appointment> appointments_between(const store::Scoped& db, const AppointmentFilter& f) {
  // Appointments last at most appointment_max_minutes: those overlapping [from, to) start after
  // from minus that, which keeps the search on the index by start.
  std::string where =
      "WHERE {{tenant:a.organisation_id}} AND a.starts_at >= :lowest AND a.starts_at < :to AND a.ends_at > :from";
  store::Params params{{"lowest", f.from.plus_minutes(-appointment_max_minutes).to_string()},
                       {"to", f.to.to_string()},
                       {"from", f.from.to_string()}};
  if (f.establishment_id) {
    where += " AND a.establishment_id = :establishment";
    params.push_back({"establishment", *f.establishment_id});
  }
  if (f.person_id) {
    where += " AND a.person_id = :person";
    params.push_back({"person", *f.person_id});
  }
  if (f.status) {
    where += " AND a.status = :status";
    params.push_back({"status", *f.status});
  }
  if (f.professional_id) {
    where += " AND EXISTS (SELECT 1 FROM appointment_professional f WHERE f.appointment_id = a.id AND f.account_id = :account)";
    params.push_back({"account", *f.professional_id});
  }
  return load(db, where, params);
}

std::vector<Appointment> appointments_of_person(const store::Scoped& db, std::int64_t person_id) {
  return load(db, "WHERE {{tenant:a.organisation_id}} AND a.person_id = :person", {{"person", person_id}});
}

std::vector<BusySlot> busy_slots_between(const store::Scoped& db, LocalTime from, LocalTime to) {
  return slots_from(db.query(
      "SELECT appointment_id, party, starts_at, ends_at FROM appointment_busy WHERE {{tenant}} AND starts_at >= :lowest "
      "AND starts_at < :to AND ends_at > :from",
      {{"lowest", from.plus_minutes(-appointment_max_minutes).to_string()}, {"to", to.to_string()}, {"from", from.to_string()}}));
}

std::vector<BusySlot> busy_slots_of(const store::Scoped& db, const std::string& party, LocalTime from, LocalTime to) {
  return slots_from(db.query(
      "SELECT appointment_id, party, starts_at, ends_at FROM appointment_busy WHERE {{tenant}} AND party = :party AND "
      "starts_at >= :lowest AND starts_at < :to AND ends_at > :from",
      {{"party", party}, {"lowest", from.plus_minutes(-appointment_max_minutes).to_string()}, {"to", to.to_string()},
       {"from", from.to_string()}}));
}

std::vector<AccountGrant> active_account_grants(const store::Scoped& db) {
  std::vector<AccountGrant> out;
  for (const auto& r : db.query("SELECT ac.id, ac.display_name, g.role, g.establishment_id FROM account ac JOIN account_grant g "
                                "ON g.account_id = ac.id WHERE {{tenant:ac.organisation_id}} AND g.organisation_id = "
                                "ac.organisation_id AND ac.disabled_at IS NULL ORDER BY ac.display_name, ac.id, g.id"))
    out.push_back({r.integer("id"), r.text("display_name"), r.text("role"), r.optional_integer("establishment_id")});
  return out;
}

void move_appointments(const store::Scoped& db, std::int64_t kept, std::int64_t duplicate) {
  db.execute("UPDATE appointment SET person_id = :kept WHERE {{tenant}} AND person_id = :dup", {{"kept", kept}, {"dup", duplicate}});
  db.execute("UPDATE appointment_busy SET party = :kept WHERE {{tenant}} AND party = :dup",
             {{"kept", "person:" + std::to_string(kept)}, {"dup", "person:" + std::to_string(duplicate)}});
}

}  // namespace passerelle::modules::persons
