#pragma once
// Appointments (rendez-vous) of a person supported and/or professionals, in an establishment, at a
// local wall-clock time of the establishment (Europe/Paris). Rules only, no I/O: reading a request
// body, local times, and when two appointments conflict.
#include <compare>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/json_reader.hpp"

namespace passerelle::modules::persons {

inline const std::vector<std::string_view> appointment_kinds = {"medical", "paramedical", "family",
                                                                "external_partner", "internal", "other"};
inline const std::vector<std::string_view> appointment_statuses = {"planned", "done", "cancelled", "missed"};
std::string_view appointment_kind_label(std::string_view kind);
std::string_view appointment_status_label(std::string_view status);

// A local wall-clock time ("2026-12-01T09:30"), not an instant: what the establishment's clock
// shows. Stored and exchanged as that text, which sorts like the time itself.
class LocalTime {
 public:
  LocalTime() = default;
  // Strict "YYYY-MM-DDTHH:MM" (a real calendar day, 00:00–23:59), years 2000 to 2100.
  static std::optional<LocalTime> parse(std::string_view text);
  static LocalTime at(Date day, std::int64_t minutes_of_day) { return LocalTime(day.days_since_epoch() * 1440 + minutes_of_day); }
  std::string to_string() const;
  Date date() const;
  std::int64_t minutes_since_epoch() const { return minutes_; }
  LocalTime plus_minutes(std::int64_t n) const { return LocalTime(minutes_ + n); }
  friend std::int64_t minutes_between(LocalTime from, LocalTime to) { return to.minutes_ - from.minutes_; }
  friend auto operator<=>(LocalTime, LocalTime) = default;

 private:
  explicit LocalTime(std::int64_t minutes) : minutes_(minutes) {}
  std::int64_t minutes_ = 0;
};

// Europe/Paris (EU rule since 1996): summer time (UTC+2) from the last Sunday of March, 01:00 UTC,
// to the last Sunday of October, 01:00 UTC; UTC+1 otherwise.
// False for the hour the clocks skip in March (02:00–02:59 does not exist that day).
bool exists_in_paris(LocalTime t);
// What a clock in Paris shows at this instant (seconds since 1970-01-01 UTC).
LocalTime paris_time_at(std::int64_t unix_seconds);
LocalTime paris_now();

// An appointment lasts a few days at most (an outing, a short stay with a partner).
inline constexpr std::int64_t appointment_max_minutes = 72 * 60;
inline constexpr std::size_t appointment_max_professionals = 20;

struct AppointmentProfessional {
  std::int64_t id = 0;  // account
  std::string display_name;
};

// The person's names, for the views (never their other identity traits).
struct AppointmentPerson {
  std::int64_t id = 0;
  std::string birth_name;
  std::optional<std::string> used_name;
  std::vector<std::string> first_names;
  std::optional<std::string> used_first_name;
};

struct Appointment {
  std::int64_t id = 0;
  std::int64_t organisation_id = 0;
  std::int64_t establishment_id = 0;
  std::optional<std::int64_t> person_id;
  std::optional<AppointmentPerson> person;  // filled when read from storage
  std::vector<AppointmentProfessional> professionals;
  LocalTime starts_at, ends_at;
  std::string kind;
  std::string title;
  std::optional<std::string> place;
  std::optional<std::string> comment;
  std::string status = "planned";
  std::optional<std::string> cancel_reason;
  std::optional<std::int64_t> created_by_account_id;
  std::string created_by;
  std::string created_at, updated_at;

  std::vector<std::int64_t> professional_ids() const;
};

struct AppointmentInput {
  Appointment appointment;
  bool confirm_conflict = false;
  std::vector<std::string> changed;  // names of the fields the body changed (for the audit trail)
};

// A new appointment (`current` empty) or a change of `*current` (only the fields present change),
// checked as a whole: 422 naming every bad field. A change cannot cancel (that is /cancel); only an
// appointment that has started by `now` (Paris) can be marked done or missed.
AppointmentInput read_appointment(const boost::json::value& body, const Appointment* current, LocalTime now);

// Conflicts. A planned appointment keeps its parties busy — "person:<id>" and "account:<id>" for
// each professional — over [starts_at, ends_at). Done, missed and cancelled ones keep nobody busy.
std::vector<std::string> busy_parties(const Appointment& a);

struct BusySlot {
  std::int64_t appointment_id = 0;
  std::string party;
  LocalTime starts_at, ends_at;
};

// Half-open intervals: one ending at 10:00 and one starting at 10:00 do not overlap.
inline bool overlaps(LocalTime a_start, LocalTime a_end, LocalTime b_start, LocalTime b_end) {
  return a_start < b_end && b_start < a_end;
}

// The appointments `a` would conflict with among `others` (busy slots of other appointments), each
// with the parties they share. Empty when `a` is not planned.
std::map<std::int64_t, std::vector<std::string>> conflicts_with(const Appointment& a, const std::vector<BusySlot>& others);

// Every conflict among the slots: appointment id -> the ids it conflicts with (both directions).
std::map<std::int64_t, std::vector<std::int64_t>> conflicts_among(std::vector<BusySlot> slots);

}  // namespace passerelle::modules::persons
