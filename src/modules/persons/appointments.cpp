#include "modules/persons/appointments.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <set>
#include <tuple>

namespace passerelle::modules::persons {
namespace {

std::int64_t floor_div(std::int64_t a, std::int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

Date first_of(int year, int month) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02d-01", year, month);
  return *Date::parse(text);
}

Date last_sunday_of(int year, int month) {
  const auto last = (month == 12 ? first_of(year + 1, 1) : first_of(year, month + 1)).plus_days(-1);
  return last.plus_days(-((last.weekday() + 1) % 7));  // Monday = 0 … Sunday = 6
}

// Summer time in Paris at this UTC minute (read as a wall-clock LocalTime of UTC).
bool summer_time_at_utc(LocalTime utc) {
  const int year = utc.date().year();
  return utc >= LocalTime::at(last_sunday_of(year, 3), 60) && utc < LocalTime::at(last_sunday_of(year, 10), 60);
}

std::optional<LocalTime> read_time(JsonReader& in, std::string_view field) {
  auto text = in.text(field, true, 40);
  if (!text) return std::nullopt;
  auto t = LocalTime::parse(*text);
  if (!t) {
    in.fail(field, "date et heure attendues au format AAAA-MM-JJTHH:MM (heure locale)");
    return std::nullopt;
  }
  if (!exists_in_paris(*t)) {
    in.fail(field, "cette heure n'existe pas ce jour-là (passage à l'heure d'été)");
    return std::nullopt;
  }
  return t;
}

// A text the client may set to null in a change (place, comment).
void read_optional_text(JsonReader& in, std::string_view field, std::size_t max, std::optional<std::string>& target) {
  if (!in.has(field)) return;
  const auto errors_before = in.errors().size();
  auto value = in.text(field, false, max);
  if (in.errors().size() == errors_before) target = value && !value->empty() ? value : std::nullopt;
}

}  // namespace

std::string_view appointment_kind_label(std::string_view kind) {
  if (kind == "medical") return "Médical";
  if (kind == "paramedical") return "Paramédical";
  if (kind == "family") return "Famille";
  if (kind == "external_partner") return "Partenaire extérieur";
  if (kind == "internal") return "Interne (réunion, synthèse)";
  return "Autre";
}

std::string_view appointment_status_label(std::string_view status) {
  if (status == "planned") return "Prévu";
  if (status == "done") return "Réalisé";
  if (status == "cancelled") return "Annulé";
  return "Manqué";
}

std::optional<LocalTime> LocalTime::parse(std::string_view text) {
  if (text.size() != 16 || text[10] != 'T' || text[13] != ':') return std::nullopt;
  auto day = Date::parse(text.substr(0, 10));
  if (!day || day->year() < 2000 || day->year() > 2100) return std::nullopt;
  auto digits = [&](std::size_t at) -> int {
    const char a = text[at], b = text[at + 1];
    if (a < '0' || a > '9' || b < '0' || b > '9') return -1;
    return (a - '0') * 10 + (b - '0');
  };
  const int hours = digits(11), minutes = digits(14);
  if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return std::nullopt;
  return LocalTime::at(*day, hours * 60 + minutes);
}

Date LocalTime::date() const { return Date::from_days(floor_div(minutes_, 1440)); }

std::string LocalTime::to_string() const {
  const auto of_day = minutes_ - floor_div(minutes_, 1440) * 1440;
  char text[8];
  std::snprintf(text, sizeof text, "T%02d:%02d", static_cast<int>(of_day / 60), static_cast<int>(of_day % 60));
  return date().to_string() + text;
}

bool exists_in_paris(LocalTime t) {
  const auto day = t.date();
  if (day.month() != 3 || day != last_sunday_of(day.year(), 3)) return true;
  const auto of_day = minutes_between(LocalTime::at(day, 0), t);
  return of_day < 120 || of_day >= 180;  // 02:00 becomes 03:00
}

LocalTime paris_time_at(std::int64_t unix_seconds) {
  const auto utc = LocalTime::at(Date::from_days(0), floor_div(unix_seconds, 60));
  return utc.plus_minutes(summer_time_at_utc(utc) ? 120 : 60);
}

LocalTime paris_now() {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return paris_time_at(std::chrono::duration_cast<std::chrono::seconds>(now).count());
}

std::vector<std::int64_t> Appointment::professional_ids() const {
  std::vector<std::int64_t> ids;
  for (const auto& p : professionals) ids.push_back(p.id);
  return ids;
}

AppointmentInput read_appointment(const boost::json::value& body, const Appointment* current, LocalTime now) {
  JsonReader in(body);
  AppointmentInput out;
  Appointment& a = out.appointment;
  if (current) a = *current;
  const bool creating = current == nullptr;
  // In a change, a field present is read as in a creation (null clears the optional ones).
  auto wanted = [&](std::string_view field) {
    const bool present = in.has(field);
    if (present && !creating) out.changed.emplace_back(field);
    return creating || present;
  };

  if (wanted("establishment_id"))
    if (auto e = in.integer("establishment_id", true, 1)) a.establishment_id = *e;
  if (in.has("person_id") || creating) {
    if (!creating) out.changed.emplace_back("person_id");
    a.person_id = in.integer("person_id", false, 1);
  }
  if (in.has("professional_ids") || creating) {
    if (!creating) out.changed.emplace_back("professional_ids");
    a.professionals.clear();
    if (const auto* list = in.array("professional_ids", false)) {
      if (list->size() > appointment_max_professionals)
        in.fail("professional_ids", "au plus " + std::to_string(appointment_max_professionals) + " professionnels");
      std::set<std::int64_t> seen;
      for (std::size_t i = 0; i < list->size() && i < appointment_max_professionals; ++i) {
        const auto& v = (*list)[i];
        const auto field = "professional_ids/" + std::to_string(i);
        if (!v.is_int64() || v.as_int64() < 1) in.fail(field, "identifiant de compte attendu");
        else if (!seen.insert(v.as_int64()).second) in.fail(field, "ce professionnel est déjà indiqué");
        else a.professionals.push_back({v.as_int64(), {}});
      }
    }
  }
  std::optional<LocalTime> starts, ends;
  if (wanted("starts_at")) starts = read_time(in, "starts_at");
  if (wanted("ends_at")) ends = read_time(in, "ends_at");
  if (starts) a.starts_at = *starts;
  if (ends) a.ends_at = *ends;
  if (wanted("kind"))
    if (auto k = in.choice("kind", true, appointment_kinds)) a.kind = *k;
  if (wanted("title"))
    if (auto t = in.text("title", true, 200)) a.title = *t;
  read_optional_text(in, "place", 200, a.place);
  read_optional_text(in, "comment", 2000, a.comment);
  if (in.has("place") && !creating) out.changed.emplace_back("place");
  if (in.has("comment") && !creating) out.changed.emplace_back("comment");
  if (in.has("status")) {
    if (!creating) out.changed.emplace_back("status");
    if (auto s = in.choice("status", true, appointment_statuses)) {
      if (*s == "cancelled") in.fail("status", "pour annuler un rendez-vous, utilisez l'annulation (avec son motif)");
      else a.status = *s;
    }
  }
  out.confirm_conflict = in.boolean("confirm_conflict", false).value_or(false);

  // The whole appointment, once the fields are read.
  const bool times_read = (creating && starts && ends) || (!creating && (starts || !in.has("starts_at")) &&
                                                           (ends || !in.has("ends_at")));
  if (times_read) {
    const std::string field = creating || in.has("ends_at") ? "ends_at" : "starts_at";
    if (a.ends_at <= a.starts_at) in.fail(field, "la fin doit être après le début");
    else if (minutes_between(a.starts_at, a.ends_at) > appointment_max_minutes)
      in.fail(field, "un rendez-vous dure au plus " + std::to_string(appointment_max_minutes / 1440) + " jours");
  }
  if ((a.status == "done" || a.status == "missed") && (in.has("status") || in.has("starts_at")) && times_read &&
      a.starts_at > now)
    in.fail("status", "un rendez-vous à venir ne peut pas être marqué réalisé ou manqué");
  const bool parties_read = std::none_of(in.errors().begin(), in.errors().end(), [](const FieldError& e) {
    return e.field == "person_id" || e.field.starts_with("professional_ids");
  });
  if (parties_read && !a.person_id && a.professionals.empty() && (creating || in.has("person_id") || in.has("professional_ids")))
    in.fail("person_id", "un rendez-vous concerne une personne accompagnée ou au moins un professionnel");
  in.finish();
  return out;
}

std::vector<std::string> busy_parties(const Appointment& a) {
  std::vector<std::string> parties;
  if (a.status != "planned") return parties;
  if (a.person_id) parties.push_back("person:" + std::to_string(*a.person_id));
  for (const auto& p : a.professionals) parties.push_back("account:" + std::to_string(p.id));
  return parties;
}

std::map<std::int64_t, std::vector<std::string>> conflicts_with(const Appointment& a, const std::vector<BusySlot>& others) {
  std::map<std::int64_t, std::vector<std::string>> found;
  const auto parties = busy_parties(a);
  for (const auto& slot : others) {
    if (slot.appointment_id == a.id || std::find(parties.begin(), parties.end(), slot.party) == parties.end()) continue;
    if (!overlaps(a.starts_at, a.ends_at, slot.starts_at, slot.ends_at)) continue;
    auto& shared = found[slot.appointment_id];
    if (std::find(shared.begin(), shared.end(), slot.party) == shared.end()) shared.push_back(slot.party);
  }
  return found;
}

std::map<std::int64_t, std::vector<std::int64_t>> conflicts_among(std::vector<BusySlot> slots) {
  // By party, then by start: each slot only needs comparing with those starting before it ends.
  std::sort(slots.begin(), slots.end(), [](const BusySlot& x, const BusySlot& y) {
    return std::tie(x.party, x.starts_at, x.appointment_id) < std::tie(y.party, y.starts_at, y.appointment_id);
  });
  std::map<std::int64_t, std::set<std::int64_t>> pairs;
  for (std::size_t i = 0; i < slots.size(); ++i)
    for (std::size_t j = i + 1; j < slots.size() && slots[j].party == slots[i].party && slots[j].starts_at < slots[i].ends_at; ++j)
      if (slots[j].appointment_id != slots[i].appointment_id) {
        pairs[slots[i].appointment_id].insert(slots[j].appointment_id);
        pairs[slots[j].appointment_id].insert(slots[i].appointment_id);
      }
  std::map<std::int64_t, std::vector<std::int64_t>> out;
  for (const auto& [id, others] : pairs) out[id].assign(others.begin(), others.end());
  return out;
}

}  // namespace passerelle::modules::persons
