#pragma once
// Storage of the person's circle and daily follow-up: waiting list, protection, contacts,
// attendance, movements, merge.
#include <optional>
#include <vector>

#include "modules/persons/record.hpp"
#include "modules/persons/store.hpp"
#include "store/tenant.hpp"

namespace passerelle::modules::persons {

// Fills the type-ahead index of persons that have none (records written before it existed).
void index_missing_names(store::Database& database);

// Waiting list.
std::vector<AdmissionRequest> requests_of(const store::Scoped& db, std::int64_t person_id);
std::int64_t insert_request(const store::Scoped& db, const AdmissionRequest& r);
void update_request(const store::Scoped& db, const AdmissionRequest& r);
struct WaitingEntry {
  AdmissionRequest request;
  Person person;
};
// Requests of the establishments in `only` (all when empty), still waiting unless `all_statuses`.
std::vector<WaitingEntry> waiting_list(const store::Scoped& db, const std::optional<std::vector<std::int64_t>>& only,
                                       std::optional<std::int64_t> establishment_id, bool all_statuses);

// Legal protection and contacts.
std::vector<Protection> protections_of(const store::Scoped& db, std::int64_t person_id);
std::int64_t insert_protection(const store::Scoped& db, const Protection& p);
void update_protection(const store::Scoped& db, const Protection& p);
std::vector<Contact> contacts_of(const store::Scoped& db, std::int64_t person_id);
std::int64_t insert_contact(const store::Scoped& db, const Contact& c);
void update_contact(const store::Scoped& db, const Contact& c);

// Attendance.
struct AttendanceMark {
  std::int64_t stay_id = 0;
  Date day;
  std::string status;
  std::optional<std::string> reason;
};
struct GridLine {
  Stay stay;
  Person person;
};
// Stays of one establishment and kind of care that overlap [from, to], with their persons, by name.
std::vector<GridLine> stays_overlapping(const store::Scoped& db, std::int64_t establishment_id, const std::string& care_mode,
                                        Date from, Date to);
std::vector<AttendanceMark> attendance_between(const store::Scoped& db, std::int64_t establishment_id,
                                               const std::string& care_mode, Date from, Date to);
std::vector<AttendanceMark> attendance_of_person(const store::Scoped& db, std::int64_t person_id, Date from, Date to);
void write_attendance(const store::Scoped& db, const Stay& stay, const Person& person, Date day, const std::string& status,
                      const std::optional<std::string>& reason);
void clear_attendance(const store::Scoped& db, std::int64_t stay_id, Date day);
// Days recorded for a stay after `day` (a discharge must not leave attendance outside the stay).
std::int64_t attendance_after(const store::Scoped& db, std::int64_t stay_id, Date day);

// Movements (admissions, discharges, transfers) for the conseil départemental.
struct Movement {
  std::string kind;  // admission | discharge | transfer
  Date date;
  Stay stay;                 // the stay admitted (admission, transfer) or left (discharge)
  std::optional<Stay> from;  // transfer: the stay left
  Person person;
};
std::vector<Movement> movements_between(const store::Scoped& db, Date from, Date to,
                                        const std::optional<std::vector<std::int64_t>>& only);

// Merge: everything recorded on `duplicate` moves to `kept`; the duplicate stays, marked merged.
void merge_into(const store::Scoped& db, std::int64_t kept, std::int64_t duplicate);
std::vector<std::int64_t> merged_into(const store::Scoped& db, std::int64_t person_id);

}  // namespace passerelle::modules::persons
