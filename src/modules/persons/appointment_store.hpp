#pragma once
// Storage of appointments, their professionals, and the busy slots conflicts are found from.
#include <optional>
#include <string>
#include <vector>

#include "modules/persons/appointments.hpp"
#include "store/tenant.hpp"

namespace passerelle::modules::persons {

// Writes the appointment, its professionals and its busy slots; returns its id.
std::int64_t insert_appointment(const store::Scoped& db, const Appointment& a);
// Rewrites every field, the professionals and the busy slots (none once it is no longer planned).
void update_appointment(const store::Scoped& db, const Appointment& a);
// With the person's names and the professionals' display names.
std::optional<Appointment> find_appointment(const store::Scoped& db, std::int64_t id);

struct AppointmentFilter {
  LocalTime from, to;  // appointments overlapping [from, to)
  std::optional<std::int64_t> establishment_id;
  std::optional<std::int64_t> professional_id;
  std::optional<std::int64_t> person_id;
  std::optional<std::string> status;
};
// Sorted by start, end, id.
std::vector<Appointment> appointments_between(const store::Scoped& db, const AppointmentFilter& filter);
// Every appointment of the person, past and future, sorted by start.
std::vector<Appointment> appointments_of_person(const store::Scoped& db, std::int64_t person_id);

// Busy slots (planned appointments) overlapping [from, to): of every party, or of one.
std::vector<BusySlot> busy_slots_between(const store::Scoped& db, LocalTime from, LocalTime to);
std::vector<BusySlot> busy_slots_of(const store::Scoped& db, const std::string& party, LocalTime from, LocalTime to);

// The organisation's active accounts with each of their grants in it, sorted by name.
struct AccountGrant {
  std::int64_t account_id = 0;
  std::string display_name;
  std::string role;
  std::optional<std::int64_t> establishment_id;  // empty: the whole organisation
};
std::vector<AccountGrant> active_account_grants(const store::Scoped& db);

// A merge of person records: the duplicate's appointments (and busy slots) go to the record kept.
void move_appointments(const store::Scoped& db, std::int64_t kept, std::int64_t duplicate);

}  // namespace passerelle::modules::persons
