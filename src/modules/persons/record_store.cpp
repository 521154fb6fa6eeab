#include "modules/persons/record_store.hpp"

#include <algorithm>
#include <tuple>

#include "core/clock.hpp"
#include "modules/persons/appointment_store.hpp"
#include "store/fact_changes.hpp"

namespace passerelle::modules::persons {
namespace {

store::Value opt_date(const std::optional<Date>& d) { return d ? store::Value{d->to_string()} : store::Value{}; }
std::int64_t flag(bool b) { return b ? 1 : 0; }

AdmissionRequest request_from(const store::Row& r) {
  AdmissionRequest a;
  a.id = r.integer("id");
  a.person_id = r.integer("person_id");
  a.establishment_id = r.integer("establishment_id");
  a.care_mode = r.text("care_mode");
  a.received_date = *Date::parse(r.text("received_date"));
  a.status = r.text("status");
  a.status_date = *Date::parse(r.text("status_date"));
  a.decision_id = r.optional_integer("decision_id");
  a.comment = r.optional_text("comment");
  return a;
}
constexpr const char* request_columns =
    "a.id, a.person_id, a.establishment_id, a.care_mode, a.received_date, a.status, a.status_date, a.decision_id, a.comment";

Protection protection_from(const store::Row& r) {
  Protection p;
  p.id = r.integer("id");
  p.person_id = r.integer("person_id");
  p.kind = r.text("kind");
  p.start_date = *Date::parse(r.text("start_date"));
  if (auto e = r.optional_text("end_date")) p.end_date = Date::parse(*e);
  p.judgement_reference = r.optional_text("judgement_reference");
  p.protector_kind = r.text("protector_kind");
  p.protector_name = r.text("protector_name");
  p.protector_phone = r.optional_text("protector_phone");
  p.protector_email = r.optional_text("protector_email");
  p.protector_address = r.optional_text("protector_address");
  return p;
}

store::Params protection_params(const Protection& p) {
  return {{"kind", p.kind}, {"start", p.start_date.to_string()}, {"end", opt_date(p.end_date)},
          {"judgement", store::nullable(p.judgement_reference)}, {"pkind", p.protector_kind},
          {"pname", p.protector_name}, {"pphone", store::nullable(p.protector_phone)},
          {"pemail", store::nullable(p.protector_email)}, {"paddress", store::nullable(p.protector_address)},
          {"now", now_iso8601()}};
}

Contact contact_from(const store::Row& r) {
  Contact c;
  c.id = r.integer("id");
  c.person_id = r.integer("person_id");
  c.kind = r.text("kind");
  c.relationship = r.optional_text("relationship");
  c.civility = r.optional_text("civility");
  c.last_name = r.text("last_name");
  c.first_name = r.optional_text("first_name");
  c.phone = r.optional_text("phone");
  c.email = r.optional_text("email");
  c.address_line = r.optional_text("address_line");
  c.postal_code = r.optional_text("postal_code");
  c.city = r.optional_text("city");
  c.receives_letters = r.integer("receives_letters") != 0;
  c.to_be_informed = r.integer("to_be_informed") != 0;
  c.emergency = r.integer("emergency") != 0;
  c.archived_at = r.optional_text("archived_at");
  return c;
}

store::Params contact_params(const Contact& c) {
  return {{"kind", c.kind}, {"relationship", store::nullable(c.relationship)}, {"civility", store::nullable(c.civility)},
          {"last_name", c.last_name}, {"first_name", store::nullable(c.first_name)}, {"phone", store::nullable(c.phone)},
          {"email", store::nullable(c.email)}, {"address", store::nullable(c.address_line)},
          {"postal", store::nullable(c.postal_code)}, {"city", store::nullable(c.city)},
          {"letters", flag(c.receives_letters)}, {"informed", flag(c.to_be_informed)}, {"emergency", flag(c.emergency)},
          {"archived", store::nullable(c.archived_at)}, {"now", now_iso8601()}};
}

AttendanceMark mark_from(const store::Row& r) {
  return {r.integer("stay_id"), *Date::parse(r.text("day")), r.text("status"), r.optional_text("absence_reason")};
}

}  // namespace

void index_missing_names(store::Database& database) {
  database.in_transaction([&](store::Connection& c) {
    store::Scoped all(c, store::Scope::platform());
    for (const auto& r : all.query(std::string(person_columns) +
                                   "WHERE {{tenant:p.organisation_id}} AND p.merged_into IS NULL AND NOT EXISTS "
                                   "(SELECT 1 FROM person_name_token t WHERE t.person_id = p.id)")) {
      const auto person = person_from(r);
      replace_name_tokens(store::Scoped(c, store::Scope::organisation(person.organisation_id)), person.id, person.identity);
    }
    return 0;
  });
}

// Waiting list.

std::vector<AdmissionRequest> requests_of(const store::Scoped& db, std::int64_t person_id) {
  std::vector<AdmissionRequest> out;
  for (const auto& r : db.query(std::string("SELECT ") + request_columns +
                                    " FROM admission_request a WHERE {{tenant:a.organisation_id}} AND a.person_id = :p "
                                    "ORDER BY a.received_date, a.id",
                                {{"p", person_id}}))
    out.push_back(request_from(r));
  return out;
}

std::int64_t insert_request(const store::Scoped& db, const AdmissionRequest& a) {
  const auto now = now_iso8601();
  store::facts_changed(db.connection(),
                       {store::FactKind::admission_request, a.establishment_id, std::nullopt, a.status_date, a.status_date});
  return db.insert_returning_id(
      "INSERT INTO admission_request (organisation_id, person_id, establishment_id, care_mode, received_date, status, "
      "status_date, decision_id, comment, created_at, updated_at) VALUES ({{tenant_id}}, :p, :e, :mode, :received, "
      ":status, :status_date, :decision, :comment, :now, :now2) RETURNING id",
      {{"p", a.person_id}, {"e", a.establishment_id}, {"mode", a.care_mode}, {"received", a.received_date.to_string()},
       {"status", a.status}, {"status_date", a.status_date.to_string()}, {"decision", store::nullable(a.decision_id)},
       {"comment", store::nullable(a.comment)}, {"now", now}, {"now2", now}});
}

void update_request(const store::Scoped& db, const AdmissionRequest& a) {
  // Its status date before and after (a request that became "person entered" counts on that day).
  if (auto old = db.query_one("SELECT establishment_id, status_date FROM admission_request WHERE {{tenant}} AND id = :id",
                              {{"id", a.id}})) {
    const auto before = *Date::parse(old->text("status_date").substr(0, 10));
    store::facts_changed(db.connection(), {store::FactKind::admission_request, old->integer("establishment_id"),
                                           std::nullopt, before, before});
  }
  store::facts_changed(db.connection(),
                       {store::FactKind::admission_request, a.establishment_id, std::nullopt, a.status_date, a.status_date});
  db.execute("UPDATE admission_request SET status = :status, status_date = :status_date, decision_id = :decision, "
             "comment = :comment, updated_at = :now WHERE {{tenant}} AND id = :id",
             {{"status", a.status}, {"status_date", a.status_date.to_string()}, {"decision", store::nullable(a.decision_id)},
              {"comment", store::nullable(a.comment)}, {"now", now_iso8601()}, {"id", a.id}});
}

std::vector<WaitingEntry> waiting_list(const store::Scoped& db, const std::optional<std::vector<std::int64_t>>& only,
                                       std::optional<std::int64_t> establishment_id, bool all_statuses) {
  store::Params params;
  std::string where;
  if (only) {
    if (only->empty()) return {};
    std::string list;
    for (std::size_t i = 0; i < only->size(); ++i) {
      list += (i ? ", :e" : ":e") + std::to_string(i);
      params.push_back({"e" + std::to_string(i), (*only)[i]});
    }
    where += " AND a.establishment_id IN (" + list + ")";
  }
  if (establishment_id) {
    where += " AND a.establishment_id = :est";
    params.push_back({"est", *establishment_id});
  }
  if (!all_statuses) {
    std::string codes;
    for (const auto& s : request_statuses())
      if (s.waiting) codes += std::string(codes.empty() ? "'" : ", '") + std::string(s.code) + "'";
    where += " AND a.status IN (" + codes + ")";
  }
  const std::string columns = std::string(person_columns).substr(7);  // without "SELECT "
  std::vector<WaitingEntry> out;
  for (const auto& r : db.query(std::string("SELECT ") + request_columns + ", " +
                                    columns.substr(0, columns.find(" FROM person p ")).replace(0, 4, "p.id AS pid") +
                                    " FROM admission_request a JOIN person p ON p.id = a.person_id "
                                    "WHERE {{tenant:a.organisation_id}} AND p.merged_into IS NULL" + where +
                                    " ORDER BY a.received_date, a.id LIMIT 5000",
                                params)) {
    WaitingEntry e{request_from(r), person_from(r)};
    e.person.id = r.integer("pid");
    out.push_back(std::move(e));
  }
  return out;
}

// Legal protection and contacts.

std::vector<Protection> protections_of(const store::Scoped& db, std::int64_t person_id) {
  std::vector<Protection> out;
  for (const auto& r : db.query("SELECT id, person_id, kind, start_date, end_date, judgement_reference, protector_kind, "
                                "protector_name, protector_phone, protector_email, protector_address FROM protection_measure "
                                "WHERE {{tenant}} AND person_id = :p ORDER BY start_date, id",
                                {{"p", person_id}}))
    out.push_back(protection_from(r));
  return out;
}

std::int64_t insert_protection(const store::Scoped& db, const Protection& p) {
  auto params = protection_params(p);
  params.push_back({"p", p.person_id});
  params.push_back({"now2", now_iso8601()});
  return db.insert_returning_id(
      "INSERT INTO protection_measure (organisation_id, person_id, kind, start_date, end_date, judgement_reference, "
      "protector_kind, protector_name, protector_phone, protector_email, protector_address, created_at, updated_at) "
      "VALUES ({{tenant_id}}, :p, :kind, :start, :end, :judgement, :pkind, :pname, :pphone, :pemail, :paddress, :now, "
      ":now2) RETURNING id",
      params);
}

void update_protection(const store::Scoped& db, const Protection& p) {
  auto params = protection_params(p);
  params.push_back({"id", p.id});
  db.execute("UPDATE protection_measure SET kind = :kind, start_date = :start, end_date = :end, judgement_reference = "
             ":judgement, protector_kind = :pkind, protector_name = :pname, protector_phone = :pphone, protector_email = "
             ":pemail, protector_address = :paddress, updated_at = :now WHERE {{tenant}} AND id = :id",
             params);
}

std::vector<Contact> contacts_of(const store::Scoped& db, std::int64_t person_id) {
  std::vector<Contact> out;
  for (const auto& r : db.query("SELECT id, person_id, kind, relationship, civility, last_name, first_name, phone, email, "
                                "address_line, postal_code, city, receives_letters, to_be_informed, emergency, archived_at "
                                "FROM contact WHERE {{tenant}} AND person_id = :p ORDER BY id",
                                {{"p", person_id}}))
    out.push_back(contact_from(r));
  return out;
}

std::int64_t insert_contact(const store::Scoped& db, const Contact& c) {
  auto params = contact_params(c);
  params.push_back({"p", c.person_id});
  params.push_back({"now2", now_iso8601()});
  return db.insert_returning_id(
      "INSERT INTO contact (organisation_id, person_id, kind, relationship, civility, last_name, first_name, phone, email, "
      "address_line, postal_code, city, receives_letters, to_be_informed, emergency, archived_at, created_at, updated_at) "
      "VALUES ({{tenant_id}}, :p, :kind, :relationship, :civility, :last_name, :first_name, :phone, :email, :address, "
      ":postal, :city, :letters, :informed, :emergency, :archived, :now, :now2) RETURNING id",
      params);
}

void update_contact(const store::Scoped& db, const Contact& c) {
  auto params = contact_params(c);
  params.push_back({"id", c.id});
  db.execute("UPDATE contact SET kind = :kind, relationship = :relationship, civility = :civility, last_name = :last_name, "
             "first_name = :first_name, phone = :phone, email = :email, address_line = :address, postal_code = :postal, "
             "city = :city, receives_letters = :letters, to_be_informed = :informed, emergency = :emergency, "
             "archived_at = :archived, updated_at = :now WHERE {{tenant}} AND id = :id",
             params);
}

// Attendance.

std::vector<GridLine> stays_overlapping(const store::Scoped& db, std::int64_t establishment_id, const std::string& care_mode,
                                        Date from, Date to) {
  const std::string person_part = std::string(person_columns).substr(7);
  const std::string stay_part = std::string(stay_columns).substr(7);
  std::vector<GridLine> out;
  for (const auto& r : db.query(
           "SELECT " + stay_part.substr(0, stay_part.find(" FROM stay s")) + ", " +
               person_part.substr(0, person_part.find(" FROM person p ")).replace(0, 4, "p.id AS pid") +
               " FROM stay s JOIN person p ON p.id = s.person_id WHERE {{tenant:s.organisation_id}} AND "
               "s.establishment_id = :e AND s.care_mode = :mode AND s.admission_date <= :to AND "
               "(s.discharge_date IS NULL OR s.discharge_date >= :from) ORDER BY p.birth_name, p.first_names, s.id",
           {{"e", establishment_id}, {"mode", care_mode}, {"to", to.to_string()}, {"from", from.to_string()}})) {
    GridLine line{stay_from(r), {}};
    // person_from reads "id": rebuild the row view through the aliased column.
    line.person = person_from(r);
    line.person.id = r.integer("pid");
    out.push_back(std::move(line));
  }
  return out;
}

std::vector<AttendanceMark> attendance_between(const store::Scoped& db, std::int64_t establishment_id,
                                               const std::string& care_mode, Date from, Date to) {
  std::vector<AttendanceMark> out;
  for (const auto& r : db.query("SELECT stay_id, day, status, absence_reason FROM attendance WHERE {{tenant}} AND "
                                "establishment_id = :e AND care_mode = :mode AND day >= :from AND day <= :to",
                                {{"e", establishment_id}, {"mode", care_mode}, {"from", from.to_string()}, {"to", to.to_string()}}))
    out.push_back(mark_from(r));
  return out;
}

std::vector<AttendanceMark> attendance_of_person(const store::Scoped& db, std::int64_t person_id, Date from, Date to) {
  std::vector<AttendanceMark> out;
  for (const auto& r : db.query("SELECT stay_id, day, status, absence_reason FROM attendance WHERE {{tenant}} AND "
                                "person_id = :p AND day >= :from AND day <= :to ORDER BY day, stay_id",
                                {{"p", person_id}, {"from", from.to_string()}, {"to", to.to_string()}}))
    out.push_back(mark_from(r));
  return out;
}

void write_attendance(const store::Scoped& db, const Stay& stay, const Person& person, Date day, const std::string& status,
                      const std::optional<std::string>& reason) {
  store::facts_changed(db.connection(), {store::FactKind::attendance, stay.establishment_id, std::nullopt, day, day});
  db.execute("INSERT INTO attendance (organisation_id, stay_id, day, establishment_id, person_id, care_mode, status, "
             "absence_reason, updated_at) VALUES ({{tenant_id}}, :s, :d, :e, :p, :mode, :status, :reason, :now) "
             "ON CONFLICT (stay_id, day) DO UPDATE SET status = excluded.status, absence_reason = excluded.absence_reason, "
             "updated_at = excluded.updated_at",
             {{"s", stay.id}, {"d", day.to_string()}, {"e", stay.establishment_id}, {"p", person.id},
              {"mode", stay.care_mode}, {"status", status}, {"reason", store::nullable(reason)}, {"now", now_iso8601()}});
}

void clear_attendance(const store::Scoped& db, std::int64_t stay_id, Date day) {
  if (auto stay = db.query_one("SELECT establishment_id FROM stay WHERE {{tenant}} AND id = :s", {{"s", stay_id}}))
    store::facts_changed(db.connection(), {store::FactKind::attendance, stay->integer("establishment_id"), std::nullopt, day, day});
  db.execute("DELETE FROM attendance WHERE {{tenant}} AND stay_id = :s AND day = :d", {{"s", stay_id}, {"d", day.to_string()}});
}

std::int64_t attendance_after(const store::Scoped& db, std::int64_t stay_id, Date day) {
  auto row = db.query_one("SELECT COUNT(*) AS n FROM attendance WHERE {{tenant}} AND stay_id = :s AND day > :d",
                          {{"s", stay_id}, {"d", day.to_string()}});
  return row ? row->integer("n") : 0;
}

// Movements.

std::vector<Movement> movements_between(const store::Scoped& db, Date from, Date to,
                                        const std::optional<std::vector<std::int64_t>>& only) {
  if (only && only->empty()) return {};
  store::Params params{{"from", from.to_string()}, {"to", to.to_string()}, {"from2", from.to_string()},
                       {"to2", to.to_string()}};
  std::string where;
  if (only) {
    std::string list, from_list;
    for (std::size_t i = 0; i < only->size(); ++i) {
      list += (i ? ", :e" : ":e") + std::to_string(i);
      from_list += (i ? ", :f" : ":f") + std::to_string(i);
      params.push_back({"e" + std::to_string(i), (*only)[i]});
      params.push_back({"f" + std::to_string(i), (*only)[i]});
    }
    // A transfer belongs to both establishments: the one left and the one entered.
    where = " AND (s.establishment_id IN (" + list + ") OR EXISTS (SELECT 1 FROM stay f WHERE f.id = s.transfer_from_stay_id "
            "AND f.establishment_id IN (" + from_list + ")))";
  }
  const std::string person_part = std::string(person_columns).substr(7);
  const std::string stay_part = std::string(stay_columns).substr(7);
  std::vector<Movement> out;
  std::vector<std::int64_t> transfer_sources;
  for (const auto& r : db.query(
           "SELECT " + stay_part.substr(0, stay_part.find(" FROM stay s")) + ", " +
               person_part.substr(0, person_part.find(" FROM person p ")).replace(0, 4, "p.id AS pid") +
               " FROM stay s JOIN person p ON p.id = s.person_id WHERE {{tenant:s.organisation_id}} AND "
               "((s.admission_date >= :from AND s.admission_date <= :to) OR "
               "(s.discharge_date >= :from2 AND s.discharge_date <= :to2))" + where,
           params)) {
    const auto stay = stay_from(r);
    auto person = person_from(r);
    person.id = r.integer("pid");
    // Selected stays are in `only`, or entered by a transfer from a stay in `only`.
    const bool own = !only || std::find(only->begin(), only->end(), stay.establishment_id) != only->end();
    if (stay.admission_date >= from && stay.admission_date <= to)
      out.push_back({stay.transfer_from_stay_id ? "transfer" : "admission", stay.admission_date, stay, std::nullopt, person});
    // The discharge of a transfer is told by the transfer's row.
    if (own && stay.discharge_date && *stay.discharge_date >= from && *stay.discharge_date <= to && !stay.transferred_to_stay_id)
      out.push_back({"discharge", *stay.discharge_date, stay, std::nullopt, person});
  }
  // The stay each transfer left (possibly in an establishment outside `only`: the same organisation).
  for (auto& m : out)
    if (m.kind == "transfer") {
      auto row = db.query_one(std::string(stay_columns) + " WHERE {{tenant:s.organisation_id}} AND s.id = :id",
                              {{"id", *m.stay.transfer_from_stay_id}});
      if (row) m.from = stay_from(*row);
    }
  std::sort(out.begin(), out.end(), [](const Movement& a, const Movement& b) {
    return std::tie(a.date, a.stay.establishment_id, a.stay.id) < std::tie(b.date, b.stay.establishment_id, b.stay.id);
  });
  return out;
}

// Merge.

void merge_into(const store::Scoped& db, std::int64_t kept, std::int64_t duplicate) {
  // The stays and requests move to the record kept: what is derived from them is computed again.
  for (const auto& r : db.query("SELECT establishment_id, admission_date, discharge_date FROM stay WHERE {{tenant}} AND "
                                "person_id = :dup",
                                {{"dup", duplicate}})) {
    const auto end = r.optional_text("discharge_date");
    store::facts_changed(db.connection(), {store::FactKind::stay, r.integer("establishment_id"), std::nullopt,
                                           *Date::parse(r.text("admission_date").substr(0, 10)),
                                           end ? Date::parse(end->substr(0, 10)) : std::nullopt});
  }
  for (const char* table : {"stay", "orientation_decision", "admission_request", "protection_measure", "contact", "attendance",
                            "support_plan", "person_note", "person_document"})
    db.execute(std::string("UPDATE ") + table + " SET person_id = :kept WHERE {{tenant}} AND person_id = :dup",
               {{"kept", kept}, {"dup", duplicate}});
  // One photo per record: the duplicate's photo moves only when the record kept has none.
  db.execute("UPDATE person_photo SET person_id = :kept WHERE {{tenant}} AND person_id = :dup AND NOT EXISTS "
             "(SELECT 1 FROM person_photo k WHERE k.person_id = :kept2)",
             {{"kept", kept}, {"dup", duplicate}, {"kept2", kept}});
  move_appointments(db, kept, duplicate);
  db.execute("DELETE FROM person_name_token WHERE {{tenant}} AND person_id = :dup", {{"dup", duplicate}});
  db.execute("DELETE FROM person_name_token_visible WHERE {{tenant}} AND person_id = :dup", {{"dup", duplicate}});
  // Records merged earlier into the duplicate now point to the record kept.
  db.execute("UPDATE person SET merged_into = :kept WHERE {{tenant}} AND (id = :dup OR merged_into = :dup2)",
             {{"kept", kept}, {"dup", duplicate}, {"dup2", duplicate}});
  refresh_visible_tokens(db, kept);  // the stays moved: the kept record is visible from their establishments
}

std::vector<std::int64_t> merged_into(const store::Scoped& db, std::int64_t person_id) {
  std::vector<std::int64_t> out;
  for (const auto& r : db.query("SELECT id FROM person WHERE {{tenant}} AND merged_into = :p ORDER BY id", {{"p", person_id}}))
    out.push_back(r.integer("id"));
  return out;
}

}  // namespace passerelle::modules::persons
