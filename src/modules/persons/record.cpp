#include "modules/persons/record.hpp"

#include <algorithm>

#include "core/problem.hpp"
#include "core/text.hpp"

namespace passerelle::modules::persons {
namespace {

// An optional text field: absent, null and blank all mean "none".
std::optional<std::string> optional_text(JsonReader& in, std::string_view field, std::size_t max_length) {
  auto v = in.text(field, false, max_length);
  if (v && v->empty()) return std::nullopt;
  return v;
}

// For a partial update: the field replaces the current value only when present in the body.
void update_text(JsonReader& in, std::string_view field, std::size_t max_length, std::optional<std::string>& target) {
  if (in.has(field)) target = optional_text(in, field, max_length);
}

void check_period(JsonReader& in, Date start, const std::optional<Date>& end, std::string_view end_field) {
  if (end && *end < start) in.fail(end_field, "la fin précède le début");
}

}  // namespace

std::optional<Date> read_date(JsonReader& in, std::string_view field, bool required) {
  auto text = in.text(field, required, 10);
  if (!text) return std::nullopt;
  auto date = Date::parse(*text);
  if (!date) in.fail(field, "date invalide (AAAA-MM-JJ attendu)");
  return date;
}

void check_email(JsonReader& in, const std::optional<std::string>& value, std::string_view field) {
  if (!value) return;
  const auto at = value->find('@');
  const bool ok = at != std::string::npos && at > 0 && value->find('.', at) != std::string::npos &&
                  value->back() != '.' && value->find(' ') == std::string::npos && value->find('@', at + 1) == std::string::npos;
  if (!ok) in.fail(field, "adresse électronique invalide");
}

void check_phone(JsonReader& in, const std::optional<std::string>& value, std::string_view field) {
  if (!value) return;
  std::size_t digits = 0;
  bool ok = true;
  for (std::size_t i = 0; i < value->size(); ++i) {
    const char c = (*value)[i];
    if (c >= '0' && c <= '9') ++digits;
    else if (!(c == ' ' || c == '.' || c == '-' || (c == '+' && i == 0) || c == '(' || c == ')')) ok = false;
  }
  if (!ok || digits < 10 || digits > 15) in.fail(field, "numéro de téléphone invalide (10 chiffres, ou +33…)");
}

const std::vector<RequestStatus>& request_statuses() {
  static const std::vector<RequestStatus> all = {
      {"39", "Notification envoyée", true},
      {"40", "Notification lue", true},
      {"41", "Contact établi", true},
      {"42", "Liste d'attente – demande reçue", true},
      {"43", "Période d'essai", true},
      {"72", "Liste d'attente – admissible", true},
      {"71", "Liste d'attente – admis", true},
      {"44", "Essai non concluant", false},
      {"45", "Admission impossible signalée", false},
      {"46", "Admission impossible confirmée", false},
      {"47", "Personne entrée", false},
      {"48", "Personne sortie", false},
      {"49", "Notification annulée", false},
      {"51", "Réorientation demandée", false},
  };
  return all;
}

const RequestStatus* find_request_status(std::string_view code) {
  for (const auto& s : request_statuses())
    if (s.code == code) return &s;
  return nullptr;
}

AdmissionRequest read_admission_request(const boost::json::value& body, const AdmissionRequest* current,
                                        const std::vector<std::string_view>& care_modes, Date today) {
  JsonReader in(body);
  const bool create = current == nullptr;
  AdmissionRequest out = current ? *current : AdmissionRequest{};
  if (create) {
    if (auto e = in.integer("establishment_id", true, 1)) out.establishment_id = *e;
    if (auto m = in.choice("care_mode", true, care_modes)) out.care_mode = *m;
    if (auto d = read_date(in, "received_date", true)) out.received_date = *d;
    out.status = "42";
    out.status_date = today;
  }
  std::vector<std::string_view> codes;
  for (const auto& s : request_statuses()) codes.push_back(s.code);
  if (auto s = in.choice("status", false, codes)) {
    out.status = *s;
    out.status_date = today;
  }
  if (auto d = read_date(in, "status_date", false)) out.status_date = *d;
  if (in.has("decision_id")) out.decision_id = in.integer("decision_id", false, 1);
  update_text(in, "comment", 500, out.comment);
  if (out.received_date > today) in.fail("received_date", "date future");
  else if (out.status_date < out.received_date) in.fail("status_date", "précède la réception de la demande");
  if (out.status_date > today) in.fail("status_date", "date future");
  in.finish();
  return out;
}

Protection read_protection(const boost::json::value& body, const Protection* current) {
  JsonReader in(body);
  const bool create = current == nullptr;
  Protection out = current ? *current : Protection{};
  if (auto k = in.choice("kind", create, protection_kinds)) out.kind = *k;
  if (auto d = read_date(in, "start_date", create)) out.start_date = *d;
  if (in.has("end_date")) out.end_date = read_date(in, "end_date", false);
  update_text(in, "judgement_reference", 100, out.judgement_reference);
  if (auto k = in.choice("protector_kind", create, protector_kinds)) out.protector_kind = *k;
  if (auto n = in.text("protector_name", create, 200)) {
    if (n->empty()) in.fail("protector_name", "ce champ est obligatoire");
    out.protector_name = *n;
  }
  update_text(in, "protector_phone", 30, out.protector_phone);
  update_text(in, "protector_email", 200, out.protector_email);
  update_text(in, "protector_address", 300, out.protector_address);
  if (in.has("protector_phone")) check_phone(in, out.protector_phone, "protector_phone");
  if (in.has("protector_email")) check_email(in, out.protector_email, "protector_email");
  check_period(in, out.start_date, out.end_date, "end_date");
  in.finish();
  return out;
}

Contact read_contact(const boost::json::value& body, const Contact* current, std::optional<bool>* archive) {
  JsonReader in(body);
  const bool create = current == nullptr;
  Contact out = current ? *current : Contact{};
  if (auto k = in.choice("kind", create, contact_kinds)) out.kind = *k;
  update_text(in, "relationship", 100, out.relationship);
  if (in.has("civility")) out.civility = in.choice("civility", false, civilities);
  if (auto n = in.text("last_name", create, 100)) {
    if (n->empty()) in.fail("last_name", "ce champ est obligatoire");
    out.last_name = *n;
  }
  update_text(in, "first_name", 100, out.first_name);
  update_text(in, "phone", 30, out.phone);
  update_text(in, "email", 200, out.email);
  update_text(in, "address_line", 300, out.address_line);
  update_text(in, "postal_code", 5, out.postal_code);
  update_text(in, "city", 100, out.city);
  if (in.has("phone")) check_phone(in, out.phone, "phone");
  if (in.has("email")) check_email(in, out.email, "email");
  if (in.has("postal_code") && out.postal_code &&
      (out.postal_code->size() != 5 || out.postal_code->find_first_not_of("0123456789") != std::string::npos))
    in.fail("postal_code", "code postal à 5 chiffres attendu");
  if (auto b = in.boolean("receives_letters", false)) out.receives_letters = *b;
  if (auto b = in.boolean("to_be_informed", false)) out.to_be_informed = *b;
  if (auto b = in.boolean("emergency", false)) out.emergency = *b;
  if (archive) *archive = in.boolean("archived", false);
  else if (in.has("archived")) in.fail("archived", "un nouveau contact ne peut pas être archivé");
  // A letter needs somewhere to go.
  if (out.receives_letters && !(out.address_line && out.postal_code && out.city) && !out.email)
    in.fail("receives_letters", "une adresse postale complète ou une adresse électronique est nécessaire pour recevoir les courriers");
  in.finish();
  return out;
}

void check_one_trusted_person(const std::vector<Contact>& existing, const Contact& candidate) {
  if (candidate.kind != "trusted_person" || candidate.archived_at) return;
  for (const auto& c : existing)
    if (c.id != candidate.id && c.kind == "trusted_person" && !c.archived_at)
      throw Problem(409, "conflict", "Conflit",
                    "Une seule personne de confiance à la fois : archivez d'abord " + c.last_name + ".",
                    {{"kind", "une personne de confiance est déjà désignée"}});
}

std::optional<Date> parse_month(std::string_view text) {
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  return Date::parse(std::string(text) + "-01");
}

Date last_day_of_month(Date first) { return first.plus_months(1).plus_days(-1); }

AttendanceBatch read_attendance_batch(const boost::json::value& body, const std::vector<std::string_view>& care_modes) {
  JsonReader in(body);
  AttendanceBatch out;
  if (auto e = in.integer("establishment_id", true, 1)) out.establishment_id = *e;
  if (auto m = in.choice("care_mode", true, care_modes)) out.care_mode = *m;
  std::optional<Date> first;
  if (auto m = in.text("month", true, 7)) {
    first = parse_month(*m);
    if (!first) in.fail("month", "mois invalide (AAAA-MM attendu)");
  }
  const auto* list = in.array("entries", true);
  if (list && list->size() > max_attendance_entries)
    in.fail("entries", "au plus " + std::to_string(max_attendance_entries) + " cases par envoi");
  else if (list) {
    out.entries.reserve(list->size());
    for (std::size_t i = 0; i < list->size(); ++i) {
      JsonReader item((*list)[i], "entries/" + std::to_string(i) + "/");
      if (!(*list)[i].is_object()) {
        in.fail("entries/" + std::to_string(i), "un objet est attendu");
        continue;
      }
      AttendanceEntry entry;
      auto stay = item.integer("stay_id", true, 1);
      auto day = read_date(item, "date", true);
      entry.status = item.choice("status", false, attendance_statuses);
      entry.reason = item.choice("reason", false, absence_reasons);
      if (stay) entry.stay_id = *stay;
      if (day) entry.day = *day;
      if (day && first && (*day < *first || *day > last_day_of_month(*first)))
        item.fail("date", "hors du mois " + first->to_string().substr(0, 7));
      const auto& fields = (*list)[i].as_object();
      const bool reason_given = fields.contains("reason") && !fields.at("reason").is_null();  // a bad one is reported above
      if (entry.status == "absent" && !entry.reason && !reason_given) item.fail("reason", "motif d'absence obligatoire");
      if (entry.status != "absent" && entry.reason) item.fail("reason", "un motif seulement pour une absence");
      for (const auto& e : item.errors()) in.fail(e.field, e.message);
      if (item.ok()) {
        // Unknown fields inside the entry.
        for (const auto& field : (*list)[i].as_object())
          if (field.key() != "stay_id" && field.key() != "date" && field.key() != "status" && field.key() != "reason")
            in.fail("entries/" + std::to_string(i) + "/" + std::string(field.key()), "champ inconnu");
        out.entries.push_back(std::move(entry));
      }
      if (in.errors().size() > 50) break;  // enough to show; the batch is refused anyway
    }
  }
  in.finish();
  if (first) {
    out.year = first->year();
    out.month = first->month();
  }
  return out;
}

}  // namespace passerelle::modules::persons
